//! The cryptocurrencies with the order's amount in each.

use crate::vnode::{class, V};

/// One coin as shown.
pub struct CoinOption<'a> {
    pub id: &'a str,
    pub label: &'a str,
    /// The converted amount, punctuated for the language, or empty when the
    /// API gave none.
    pub amount: String,
}

/// What [`coin_list`] shows.
pub struct CoinListArgs<'a> {
    pub heading: &'a str,
    pub coins: Vec<CoinOption<'a>>,
    pub selected: Option<&'a str>,
    pub disabled: bool,
}

/// A radio group of coins; a coin's button carries its id in `data-coin`.
pub fn coin_list(args: CoinListArgs) -> V {
    class("fieldset", "gc-options gc-coins")
        .flag("disabled", args.disabled)
        .child(class("legend", "gc-legend").text(args.heading))
        .children(args.coins.into_iter().map(|coin| {
            class("button", "gc-option")
                .attr("type", "button")
                .attr("role", "radio")
                .attr("aria-checked", (args.selected == Some(coin.id)).to_string())
                .attr("data-coin", coin.id)
                .child(class("span", "gc-option-label").text(coin.label))
                .child(class("span", "gc-option-amount").attr("dir", "ltr").text(coin.amount))
                .into()
        }))
        .into()
}
