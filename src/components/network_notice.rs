//! The chosen network, shown so that it cannot be missed.

use crate::vnode::{class, V};

/// What [`network_notice`] shows.
pub struct NetworkNoticeArgs<'a> {
    /// `Network`.
    pub caption: &'a str,
    /// `TRC20`.
    pub network: &'a str,
    /// Coins sent elsewhere are lost.
    pub warning: String,
    /// The label of a "Change" button, before the invoice exists.
    pub change: Option<&'a str>,
}

/// The network banner.
pub fn network_notice(args: NetworkNoticeArgs) -> V {
    class("div", "gc-network-notice")
        .attr("role", "note")
        .child(
            class("div", "gc-network-line")
                .child(class("span", "gc-network-caption").text(args.caption))
                .child(class("strong", "gc-network-name").attr("dir", "ltr").text(args.network))
                .maybe(args.change.map(|label| class("button", "gc-link").attr("type", "button").text(label))),
        )
        .child(class("p", "gc-network-warning").text(args.warning))
        .into()
}
