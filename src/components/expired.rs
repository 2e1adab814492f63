//! The invoice expired: say so, say what arrived before it did, tell a payer
//! who sent coins late what to do (the store settles it by the invoice's
//! id), and offer one way on: a new invoice, made only when pressed.

use super::copy_button::CopyButton;
use crate::i18n::Lang;
use getcrypto_api::url::is_web_url;
use yew::prelude::*;

/// What [`expired`] shows.
pub struct ExpiredArgs {
    pub t: Lang,
    pub invoice_id: AttrValue,
    /// What arrived before the end, when anything did, and what to do.
    pub body: AttrValue,
    /// `Start a new invoice in USDT (TRC20)`.
    pub renew_label: AttrValue,
    pub on_renew: Callback<MouseEvent>,
    /// The store's `fail_url`; shown only when http or https.
    pub return_url: Option<AttrValue>,
}

/// The fail view.
pub fn expired(props: &ExpiredArgs) -> Html {
    let p = props.t;
    html! {
        <section class="gc-result gc-expired" role="alert">
            <div class="gc-result-icon" aria-hidden="true">{ "!" }</div>
            <h3 class="gc-result-title" tabindex="-1">{ p.expired_title() }</h3>
            <p class="gc-expired-body">{ props.body.clone() }</p>
            <div class="gc-field gc-expired-id">
                <span class="gc-field-caption">{ p.invoice() }</span>
                <div class="gc-field-row">
                    <code class="gc-tx" dir="ltr" data-invoice={props.invoice_id.clone()}>{ props.invoice_id.clone() }</code>
                    <CopyButton value={props.invoice_id.clone()} label={p.copy()} aria_label={p.copy_invoice()} done={p.copied()} failed={p.copy_failed()} />
                </div>
            </div>
            <button type="button" class="gc-button gc-renew" onclick={props.on_renew.clone()}>{ props.renew_label.clone() }</button>
            { for props.return_url.iter().filter(|u| is_web_url(u)).map(|url| html! {
                <a class="gc-button gc-secondary" href={url.clone()} rel="noopener noreferrer" target="_top">{ p.return_to_store() }</a>
            }) }
        </section>
    }
}
