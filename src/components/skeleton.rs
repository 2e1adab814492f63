//! Placeholder blocks that hold the widget's height while `v1/widget` loads.

use crate::vnode::{class, V};

/// The loading skeleton; `label` is read by screen readers instead of the
/// blocks.
pub fn skeleton(label: &str) -> V {
    class("div", "gc-skeleton")
        .attr("role", "status")
        .attr("aria-busy", "true")
        .attr("aria-label", label)
        .child(class("div", "gc-bone gc-bone-title"))
        .child(class("div", "gc-bone gc-bone-line"))
        .children((0..4).map(|_| class("div", "gc-bone gc-bone-option").into()))
        .into()
}
