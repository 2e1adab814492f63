//! What the page holds now, read without waiting, except where the read
//! needs the element to be there (`text`).

pub use super::shown;
use super::{check, in_widget, PRESENT};
use crate::Harness;
use serde_json::{json, Value};

/// Whether the widget on `host` holds a match of `selector`.
pub async fn present(h: &Harness, host: &str, selector: &str) -> bool {
    in_widget(h, host, PRESENT, vec![json!(selector)]).await == json!(true)
}

/// How many matches of `selector` the widget on `host` holds.
pub async fn count(h: &Harness, host: &str, selector: &str) -> u64 {
    let n = in_widget(h, host, "return root ? root.querySelectorAll(arguments[1]).length : 0;", vec![json!(selector)])
        .await;
    n.as_u64().unwrap_or_else(|| panic!("a count of {selector} in {host}, not {n}"))
}

/// The text of `selector` in the widget on `host`, once it is there.
pub async fn text(h: &Harness, host: &str, selector: &str) -> String {
    check::shows(h, host, selector).await;
    let v = of(h, host, selector, "e.textContent", "").await;
    v.as_str().unwrap_or_default().to_owned()
}

/// The text of the widget's shadow root itself, which must exist.
pub async fn shadow_text(h: &Harness, host: &str) -> Value {
    in_widget(h, host, "return root.textContent;", vec![]).await
}

/// `data-<key>` of `selector` in the widget on `host` (`key` in camel
/// case, as `dataset` spells it).
pub async fn data(h: &Harness, host: &str, selector: &str, key: &str) -> Value {
    of(h, host, selector, "e.dataset[arguments[2]]", key).await
}

/// The attribute `name` of `selector` in the widget on `host`, as written.
pub async fn attribute(h: &Harness, host: &str, selector: &str, name: &str) -> Value {
    of(h, host, selector, "e.getAttribute(arguments[2])", name).await
}

/// The DOM property `name` of `selector` in the widget on `host`, as the
/// browser resolves it (a link's absolute `href`).
pub async fn property(h: &Harness, host: &str, selector: &str, name: &str) -> Value {
    of(h, host, selector, "e[arguments[2]]", name).await
}

/// The computed style `property` (camel case) of `selector` in the widget
/// on `host`.
pub async fn style(h: &Harness, host: &str, selector: &str, property: &str) -> Value {
    of(h, host, selector, "getComputedStyle(e)[arguments[2]]", property).await
}

/// `read`, a JavaScript expression of `e` (the first match of `selector`,
/// which must be there: a missing one fails the script) and of
/// `arguments[2]` (`arg`).
async fn of(h: &Harness, host: &str, selector: &str, read: &str, arg: &str) -> Value {
    let body = format!("const e = root.querySelector(arguments[1]); return {read};");
    in_widget(h, host, &body, vec![json!(selector), json!(arg)]).await
}

/// The events the shop page recorded since it loaded.
pub async fn events(h: &Harness) -> Value {
    h.js("return window.__events || [];", vec![]).await
}
