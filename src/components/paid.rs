//! The invoice is paid: say so, and offer the way back to the store.

use crate::dom::is_web_url;
use yew::prelude::*;

/// Props of [`Paid`].
#[derive(Properties, PartialEq)]
pub struct PaidProps {
    pub title: AttrValue,
    pub body: AttrValue,
    /// `11.944214 USDT`.
    pub amount: AttrValue,
    /// The store's `success_url`; shown only when http or https.
    pub return_url: Option<AttrValue>,
    pub return_label: AttrValue,
}

/// The success view.
#[component]
pub fn Paid(props: &PaidProps) -> Html {
    html! {
        <section class="gc-result gc-paid" role="status">
            <div class="gc-result-icon" aria-hidden="true">{ "✓" }</div>
            <h3 class="gc-result-title">{ props.title.clone() }</h3>
            <p class="gc-result-amount">{ props.amount.clone() }</p>
            <p>{ props.body.clone() }</p>
            { for props.return_url.iter().filter(|u| is_web_url(u)).map(|url| html! {
                <a class="gc-button" href={url.clone()} rel="noopener noreferrer" target="_top">{ props.return_label.clone() }</a>
            }) }
        </section>
    }
}
