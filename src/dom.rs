//! What the widget does to the page besides rendering: events on the mount
//! element, the clipboard, the invoice kept for an order, focus and the
//! payer's clock.

use crate::events::WidgetEvent;
use web_sys::Element;

/// Dispatches `event` on `host` as `getcrypto:<name>`, bubbling out of the
/// shadow root, with its detail as a plain object.
pub fn emit(host: &Element, event: &WidgetEvent) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&event.detail());
    if let Ok(e) = web_sys::CustomEvent::new_with_event_init_dict(&format!("getcrypto:{}", event.name()), &init) {
        let _ = host.dispatch_event(&e);
    }
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
