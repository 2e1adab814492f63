//! What the element shows when `init` was called with bad parameters: the
//! same message the Promise rejects with, for the merchant to see.

use super::error_box::{error_box, ErrorBoxArgs};
use crate::i18n::{Lang, EN};
use crate::style::STYLE;
use yew::prelude::*;

/// Props of [`InitError`].
#[derive(Properties, PartialEq)]
pub struct InitErrorProps {
    pub message: String,
    pub lang: Lang,
    /// Render the stylesheet as a `<style>`: the browser could not share one.
    pub own_style: bool,
}

/// The set-up error view.
///
/// The rules' wording is English (it is the API's); in another language the
/// view says in it which parameter is wrong and keeps the exact message,
/// marked as English, for the developer who will fix it.
#[component]
pub fn InitError(props: &InitErrorProps) -> Html {
    let exact = format!("GetCrypto.init: {}", props.message);
    let param = props.message.split_once(':').map_or("params", |(p, _)| p);
    let t = props.lang;
    html! {
        <div class="gc-widget" lang={t.tag} dir={if t.rtl { "rtl" } else { "ltr" }}>
            if props.own_style {
                <style>{ STYLE }</style>
            }
            if t.tag == EN.tag {
                { error_box(&ErrorBoxArgs { title: Some(t.init_failed().into()), message: exact.into(), detail: None, retry: None }) }
            } else {
                { error_box(&ErrorBoxArgs {
                    title: Some(t.init_failed().into()),
                    message: t.wrong_param(param).into(),
                    detail: None,
                    retry: None,
                }) }
                <p class="gc-technical" dir="ltr"><code lang="en">{ exact }</code></p>
            }
        </div>
    }
}
