//! The invoice is paid: say so, and the return to the store, which the
//! clock (`hooks::clock`) makes after a few seconds, or the button at once.

use getcrypto_api::url::is_web_url;
use yew::prelude::*;

/// What [`paid`] shows.
pub struct PaidProps {
    pub title: AttrValue,
    pub body: AttrValue,
    pub amount: AttrValue,
    /// Only an http(s) URL is offered, or followed.
    pub return_url: Option<AttrValue>,
    pub return_label: AttrValue,
    /// "Returning you to the store in N s."
    pub returning: AttrValue,
}

/// The paid view.
pub fn paid(props: &PaidProps) -> Html {
    let url = props.return_url.clone().filter(|u| is_web_url(u));
    html! {
        <section class="gc-result gc-paid" role="status">
            <div class="gc-result-icon" aria-hidden="true">{ "✓" }</div>
            <h3 class="gc-result-title" tabindex="-1">{ props.title.clone() }</h3>
            <p class="gc-result-amount">{ props.amount.clone() }</p>
            <p>{ props.body.clone() }</p>
            if let Some(url) = url {
                <p class="gc-returning">{ props.returning.clone() }</p>
                <a class="gc-button" href={url} rel="noopener noreferrer">{ props.return_label.clone() }</a>
            }
        </section>
    }
}
