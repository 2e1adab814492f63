//! A failure, in words, with a retry where retrying can help.

use crate::vnode::{class, V};

/// What [`error_box`] shows.
pub struct ErrorBoxArgs<'a> {
    pub title: Option<&'a str>,
    pub message: String,
    /// What failed, in technical words (English, the loader's), for the
    /// one who must fix it.
    pub detail: Option<&'a str>,
    /// The label of a retry button; what it retries is the runtime's
    /// (`runtime::Retry`), which reads its clicks.
    pub retry: Option<&'a str>,
}

/// The error box.
pub fn error_box(args: ErrorBoxArgs) -> V {
    class("div", "gc-error")
        .attr("role", "alert")
        .maybe(args.title.map(|t| class("strong", "gc-error-title").text(t)))
        .child(class("p", "gc-error-message").text(args.message))
        .maybe(args.detail.map(|d| class("p", "gc-technical").attr("lang", "en").text(d)))
        .maybe(args.retry.map(|label| class("button", "gc-button gc-secondary").attr("type", "button").text(label)))
        .into()
}
