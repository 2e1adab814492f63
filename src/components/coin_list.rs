//! The cryptocurrencies with the order's amount in each.

use yew::prelude::*;

/// One coin as shown.
#[derive(Clone, PartialEq)]
pub struct CoinOption {
    pub id: AttrValue,
    pub label: AttrValue,
    /// The converted amount, punctuated for the language, or empty when the
    /// API gave none.
    pub amount: AttrValue,
}

/// What [`coin_list`] shows.
pub struct CoinListArgs {
    pub heading: AttrValue,
    pub coins: Vec<CoinOption>,
    pub selected: Option<AttrValue>,
    pub disabled: bool,
    pub onchoose: Callback<AttrValue>,
}

/// A radio group of coins.
pub fn coin_list(props: &CoinListArgs) -> Html {
    html! {
        <fieldset class="gc-options gc-coins" disabled={props.disabled}>
            <legend class="gc-legend">{ props.heading.clone() }</legend>
            { for props.coins.iter().map(|coin| {
                let checked = props.selected.as_ref() == Some(&coin.id);
                let onclick = {
                    let (onchoose, id) = (props.onchoose.clone(), coin.id.clone());
                    Callback::from(move |_: MouseEvent| onchoose.emit(id.clone()))
                };
                html! {
                    <button type="button" role="radio" aria-checked={checked.to_string()}
                        class="gc-option"
                        data-coin={coin.id.clone()} {onclick}>
                        <span class="gc-option-label">{ coin.label.clone() }</span>
                        <span class="gc-option-amount" dir="ltr">{ coin.amount.clone() }</span>
                    </button>
                }
            }) }
        </fieldset>
    }
}
