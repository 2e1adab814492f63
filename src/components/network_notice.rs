//! The chosen network, shown so that it cannot be missed.

use yew::prelude::*;

/// What [`network_notice`] shows.
pub struct NetworkNoticeArgs {
    /// `Network`.
    pub caption: AttrValue,
    /// `TRC20`.
    pub network: AttrValue,
    /// Coins sent elsewhere are lost.
    pub warning: AttrValue,
    /// A "Change" button, before the invoice exists.
    pub change: Option<(AttrValue, Callback<MouseEvent>)>,
}

/// The network banner.
pub fn network_notice(props: &NetworkNoticeArgs) -> Html {
    html! {
        <div class="gc-network-notice" role="note">
            <div class="gc-network-line">
                <span class="gc-network-caption">{ props.caption.clone() }</span>
                <strong class="gc-network-name" dir="ltr">{ props.network.clone() }</strong>
                { for props.change.iter().map(|(label, onclick)| html! {
                    <button type="button" class="gc-link" onclick={onclick.clone()}>{ label.clone() }</button>
                }) }
            </div>
            <p class="gc-network-warning">{ props.warning.clone() }</p>
        </div>
    }
}
