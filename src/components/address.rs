//! A deposit address shown in full, grouped in fours for reading. The
//! groups are separate elements, so selecting and copying by hand yields
//! the address without spaces.

use yew::prelude::*;

/// What [`address`] shows.
pub struct AddressArgs {
    pub value: AttrValue,
}

/// The grouped address.
pub fn address(props: &AddressArgs) -> Html {
    let chars: Vec<char> = props.value.chars().collect();
    html! {
        <code class="gc-address" dir="ltr" data-address={props.value.clone()}>
            { for chars.chunks(4).map(|group| html! { <span class="gc-group">{ group.iter().collect::<String>() }</span> }) }
        </code>
    }
}
