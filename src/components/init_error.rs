//! What the element shows when `init` was called with bad parameters: the
//! same message the Promise rejects with, for the merchant to see.

use super::error_box::{error_box, ErrorBoxArgs};
use crate::i18n::{self, texts};
use crate::style::STYLE;
use getcrypto_api::Language;
use yew::prelude::*;

/// Props of [`InitError`].
#[derive(Properties, PartialEq)]
pub struct InitErrorProps {
    pub message: String,
    pub language: Language,
    /// Render the stylesheet as a `<style>`: the browser could not share one.
    pub own_style: bool,
}

/// The set-up error view.
///
/// The rules' wording is English (it is the API's); in Russian the view
/// says in Russian which parameter is wrong and keeps the exact message,
/// marked as English, for the developer who will fix it.
#[component]
pub fn InitError(props: &InitErrorProps) -> Html {
    let exact = format!("GetCrypto.init: {}", props.message);
    let param = props.message.split_once(':').map_or("params", |(p, _)| p);
    html! {
        <div class="gc-widget" lang={props.language.as_str()}>
            if props.own_style {
                <style>{ STYLE }</style>
            }
            if props.language == Language::En {
                { error_box(&ErrorBoxArgs { title: Some(texts(props.language).init_failed.into()), message: exact.into(), detail: None, retry: None }) }
            } else {
                { error_box(&ErrorBoxArgs {
                    title: Some(texts(props.language).init_failed.into()),
                    message: i18n::bad_param(props.language, param).into(),
                    detail: None,
                    retry: None,
                }) }
                <p class="gc-technical"><code lang="en">{ exact }</code></p>
            }
        </div>
    }
}
