//! What the element shows when `init` was called with bad parameters: the
//! same message the Promise rejects with, for the merchant to see.

use super::error_box::ErrorBox;
use super::STYLE;
use crate::i18n::texts;
use getcrypto_api::Language;
use yew::prelude::*;

/// Props of [`InitError`].
#[derive(Properties, PartialEq)]
pub struct InitErrorProps {
    pub message: String,
    pub language: Language,
}

/// The set-up error view.
#[component]
pub fn InitError(props: &InitErrorProps) -> Html {
    html! {
        <div class="gc-widget" lang={props.language.as_str()}>
            <style>{ STYLE }</style>
            <ErrorBox title={texts(props.language).init_failed} message={format!("GetCrypto.init: {}", props.message)} />
        </div>
    }
}
