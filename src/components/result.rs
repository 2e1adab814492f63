//! The head of an invoice's end, paid or expired: its icon and its title,
//! which focus moves to.

use crate::vnode::{class, El};

/// `<section class="gc-result {kind}">` with its icon and title, for the
/// view to add its body to.
pub fn result(kind: &str, role: &str, icon: &str, title: &str) -> El {
    class("section", &format!("gc-result {kind}"))
        .attr("role", role)
        .child(class("div", "gc-result-icon").attr("aria-hidden", "true").text(icon))
        .child(class("h3", "gc-result-title").attr("tabindex", "-1").text(title))
}
