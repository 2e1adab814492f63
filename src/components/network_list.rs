//! The networks of the chosen coin.

use crate::vnode::{class, V};

/// What [`network_list`] shows.
pub struct NetworkListArgs<'a> {
    pub heading: &'a str,
    /// The coin whose networks these are.
    pub coin: &'a str,
    /// `(id, label)` pairs in the API's order.
    pub networks: Vec<(&'a str, &'a str)>,
    pub selected: Option<&'a str>,
    pub disabled: bool,
}

/// A radio group of networks; a network's button carries its id in
/// `data-network`.
pub fn network_list(args: NetworkListArgs) -> V {
    class("fieldset", "gc-options gc-networks")
        .attr("data-coin", args.coin)
        .flag("disabled", args.disabled)
        .child(class("legend", "gc-legend").text(args.heading))
        .child(class("div", "gc-network-row").children(args.networks.into_iter().map(|(id, label)| {
            class("button", "gc-option gc-network")
                .attr("type", "button")
                .attr("role", "radio")
                .attr("aria-checked", (args.selected == Some(id)).to_string())
                .attr("data-network", id)
                .text(label)
                .into()
        })))
        .into()
}
