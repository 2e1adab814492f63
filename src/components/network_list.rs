//! The networks of the chosen coin.

use yew::prelude::*;

/// What [`network_list`] shows.
pub struct NetworkListArgs {
    pub heading: AttrValue,
    /// The coin whose networks these are.
    pub coin: AttrValue,
    /// `(id, label)` pairs in the API's order.
    pub networks: Vec<(AttrValue, AttrValue)>,
    pub selected: Option<AttrValue>,
    pub disabled: bool,
    pub onchoose: Callback<AttrValue>,
}

/// A radio group of networks.
pub fn network_list(props: &NetworkListArgs) -> Html {
    html! {
        <fieldset class="gc-options gc-networks" data-coin={props.coin.clone()} disabled={props.disabled}>
            <legend class="gc-legend">{ props.heading.clone() }</legend>
            <div class="gc-network-row">
            { for props.networks.iter().map(|(id, label)| {
                let checked = props.selected.as_ref() == Some(id);
                let onclick = {
                    let (onchoose, id) = (props.onchoose.clone(), id.clone());
                    Callback::from(move |_: MouseEvent| onchoose.emit(id.clone()))
                };
                html! {
                    <button type="button" role="radio" aria-checked={checked.to_string()}
                        class="gc-option gc-network"
                        data-network={id.clone()} {onclick}>
                        { label.clone() }
                    </button>
                }
            }) }
            </div>
        </fieldset>
    }
}
