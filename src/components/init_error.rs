//! What the element shows when `init` was called with bad parameters: the
//! same message the Promise rejects with, for the merchant to see.

use super::error_box::{error_box, ErrorBoxArgs};
use crate::i18n::{Lang, EN};
use crate::vnode::{class, el, V};

/// The set-up error view's body, inside the widget's frame.
///
/// The rules' wording is English (it is the API's); in another language the
/// view says in it which parameter is wrong and keeps the exact message,
/// marked as English, for the developer who will fix it.
pub fn init_error(message: &str, t: Lang) -> Vec<V> {
    let exact = format!("GetCrypto.init: {message}");
    let param = message.split_once(':').map_or("params", |(p, _)| p);
    if t.tag == EN.tag {
        vec![error_box(ErrorBoxArgs { title: Some(t.init_failed()), message: exact, detail: None, retry: None })]
    } else {
        vec![
            error_box(ErrorBoxArgs {
                title: Some(t.init_failed()),
                message: t.wrong_param(param),
                detail: None,
                retry: None,
            }),
            class("p", "gc-technical").attr("dir", "ltr").child(el("code").attr("lang", "en").text(exact)).into(),
        ]
    }
}
