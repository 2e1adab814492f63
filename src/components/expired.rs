//! The invoice expired unpaid: say so, warn off late payments, and offer
//! the way back to the store.

use getcrypto_api::url::is_web_url;
use yew::prelude::*;

/// What [`expired`] shows.
pub struct ExpiredProps {
    pub title: AttrValue,
    pub body: AttrValue,
    /// The store's `fail_url`; shown only when http or https.
    pub return_url: Option<AttrValue>,
    pub return_label: AttrValue,
}

/// The fail view.
pub fn expired(props: &ExpiredProps) -> Html {
    html! {
        <section class="gc-result gc-expired" role="alert">
            <div class="gc-result-icon" aria-hidden="true">{ "!" }</div>
            <h3 class="gc-result-title" tabindex="-1">{ props.title.clone() }</h3>
            <p>{ props.body.clone() }</p>
            { for props.return_url.iter().filter(|u| is_web_url(u)).map(|url| html! {
                <a class="gc-button" href={url.clone()} rel="noopener noreferrer" target="_top">{ props.return_label.clone() }</a>
            }) }
        </section>
    }
}
