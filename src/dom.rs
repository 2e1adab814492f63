//! What the widget does to the page besides rendering: events on the mount
//! element, the clipboard, and the check that a URL may be followed.

use serde::Serialize;
use wasm_bindgen::JsValue;
use web_sys::Element;

/// `true` for an absolute `http:` or `https:` URL with nothing a browser
/// would strip or reinterpret (spaces, control characters, backslashes).
/// Anything else (`javascript:`, `data:`, relative paths) is never followed.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return false;
    };
    !rest.is_empty() && !rest.starts_with('/') && !url.chars().any(|c| c.is_control() || c.is_whitespace() || c == '\\')
}

/// Dispatches `getcrypto:<name>` on `host`, bubbling, with `detail` as a
/// plain object.
pub fn emit<T: Serialize + ?Sized>(host: &Element, name: &str, detail: &T) {
    let detail = detail.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL);
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(&format!("getcrypto:{name}"), &init) {
        let _ = host.dispatch_event(&event);
    }
}

/// `{ message }`, the detail of `getcrypto:error`.
#[derive(Serialize)]
pub struct ErrorDetail<'a> {
    pub message: &'a str,
}

/// Copies `text` to the clipboard; `false` when the browser refused.
pub async fn copy(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// The `sessionStorage` key under which the invoice of one order is kept,
/// so that a reload in the same tab resumes it instead of making another.
fn invoice_key(project_id: &str, order_id: &str) -> String {
    format!("getcrypto:invoice:{project_id}:{order_id}")
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// The invoice id kept for this order in this tab, if any.
pub fn remembered_invoice(project_id: &str, order_id: &str) -> Option<String> {
    session()?.get_item(&invoice_key(project_id, order_id)).ok()?.filter(|id| !id.is_empty())
}

/// Keeps `invoice_id` for this order in this tab.
pub fn remember_invoice(project_id: &str, order_id: &str, invoice_id: &str) {
    if let Some(s) = session() {
        let _ = s.set_item(&invoice_key(project_id, order_id), invoice_id);
    }
}

/// Forgets this order's invoice: it expired or the API no longer knows it.
pub fn forget_invoice(project_id: &str, order_id: &str) {
    if let Some(s) = session() {
        let _ = s.remove_item(&invoice_key(project_id, order_id));
    }
}

/// Moves focus to the first match of `selector` in the widget on `host`.
pub fn focus_in(host: &Element, selector: &str) {
    use wasm_bindgen::JsCast;
    let found = match host.shadow_root() {
        Some(root) => root.query_selector(selector),
        None => host.query_selector(selector),
    };
    if let Some(el) = found.ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Milliseconds since the epoch, by the payer's clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

#[cfg(test)]
mod tests {
    use super::is_web_url;

    #[test]
    fn only_http_and_https_are_followed() {
        for ok in ["https://shop.example/ok", "http://127.0.0.1:8080/done?x=1", "HTTPS://SHOP.EXAMPLE"] {
            assert!(is_web_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "//evil.example/",
            "/relative",
            "https:///evil",
            "https:\\\\evil.example",
            "https://",
            "https://shop.example/\nx",
            "vbscript:msgbox",
            "",
        ] {
            assert!(!is_web_url(bad), "{bad:?}");
        }
    }
}
