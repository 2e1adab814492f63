//! What the widget does to the page around it besides rendering: events on
//! the mount element, the clipboard, focus, the screen's kind and the
//! payer's clock, the site's IndexedDB. The invoice kept for an order is
//! `kept`.

use crate::events::WidgetEvent;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, EventTarget};

/// Resolves after `ms` milliseconds (at once where there is no window).
pub async fn pause(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let delay = i32::try_from(ms).unwrap_or(i32::MAX);
        let set = web_sys::window().map(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, delay));
        if !matches!(set, Some(Ok(_))) {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// `object[name]`, `undefined` where reading it throws.
fn field(object: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(object, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

/// `object[name](a, b)`. IndexedDB is called by name through the glue the
/// widget already has, rather than a glue function per method in the head
/// script every payer downloads for a claim only a paying tab makes.
fn invoke(object: &JsValue, name: &str, a: &JsValue, b: &JsValue) -> Result<JsValue, JsValue> {
    field(object, name).unchecked_into::<js_sys::Function>().call2(object, a, b)
}

/// The outcome of an IndexedDB request or transaction, its handlers set at
/// once, before anything it waits for can happen: `ok` and `fail` name the
/// handlers that settle it (`onsuccess` and `onerror` for a request,
/// `oncomplete` and `onabort` for a transaction).
fn outcome(target: &JsValue, ok: &str, fail: &str) -> wasm_bindgen_futures::JsFuture {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let _ = js_sys::Reflect::set(target, &ok.into(), &resolve);
        let _ = js_sys::Reflect::set(target, &fail.into(), &reject);
    });
    wasm_bindgen_futures::JsFuture::from(promise)
}

/// The name of the error a failed IndexedDB request failed with.
fn error_name(request: &JsValue) -> String {
    field(&field(request, "error"), "name").as_string().unwrap_or_default()
}

/// Adds `key` to the store `store` of the site's IndexedDB database `db`:
/// `Some(true)` once this call's addition is committed, `Some(false)` when
/// the key was there already, `None` where IndexedDB cannot be used (a
/// private mode without it, a sandboxed frame, a full quota, a database of
/// that name without the store). One `add` in one transaction, so that of
/// two tabs asking at the same moment exactly one is first: the browser
/// runs writing transactions on one store one after the other, where each
/// tab's `localStorage` is a copy that hears the other's writes late.
/// Opened at whatever version it has (created at 1), so that a later
/// release that adds a store leaves this one's claims where they are.
pub async fn add_once(db: &str, store: &str, key: &str) -> Option<bool> {
    let window: JsValue = web_sys::window()?.into();
    let factory = js_sys::Reflect::get(&window, &"indexedDB".into()).ok().filter(JsValue::is_object)?;
    let open = invoke(&factory, "open", &db.into(), &JsValue::UNDEFINED).ok()?;
    let opened = outcome(&open, "onsuccess", "onerror");
    let store_name = JsValue::from(store);
    let _created = {
        let (open, store_name) = (open.clone(), store_name.clone());
        Listener::new(open.clone().unchecked_ref(), "upgradeneeded", move |_| {
            let _ = invoke(&field(&open, "result"), "createObjectStore", &store_name, &JsValue::UNDEFINED);
        })
    };
    opened.await.ok()?;
    let db = field(&open, "result");
    let asked = invoke(&db, "transaction", &store_name, &"readwrite".into()).and_then(|tx| {
        let committed = outcome(&tx, "oncomplete", "onabort");
        let request = invoke(&tx, "objectStore", &store_name, &JsValue::UNDEFINED)
            .and_then(|s| invoke(&s, "add", &JsValue::TRUE, &key.into()))?;
        Ok((outcome(&request, "onsuccess", "onerror"), request, committed))
    });
    let first = match asked {
        Err(_) => None,
        Ok((added, request, committed)) => match added.await {
            // First only once it is written: a transaction that then aborts
            // (a full quota) claimed nothing.
            Ok(_) => committed.await.ok().map(|_| true),
            Err(_) if error_name(&request) == "ConstraintError" => Some(false),
            Err(_) => None,
        },
    };
    let _ = invoke(&db, "close", &JsValue::UNDEFINED, &JsValue::UNDEFINED);
    first
}

/// `work`'s output, or `None` if `ms` pass first (and `work` is dropped).
pub async fn within<T>(ms: u32, work: impl std::future::Future<Output = T>) -> Option<T> {
    use std::future::Future;
    use std::task::Poll;
    let mut work = std::pin::pin!(work);
    let mut timer = std::pin::pin!(pause(ms));
    std::future::poll_fn(|cx| {
        if let Poll::Ready(done) = work.as_mut().poll(cx) {
            return Poll::Ready(Some(done));
        }
        match timer.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(None),
            Poll::Pending => Poll::Pending,
        }
    })
    .await
}

/// A listener for `name` on `target`, removed when dropped: the one way the
/// widget listens to the page (the page's visibility, other tabs' storage,
/// wallets announcing themselves).
pub struct Listener {
    target: EventTarget,
    name: &'static str,
    callback: Closure<dyn FnMut(web_sys::Event)>,
}

impl Listener {
    pub fn new(target: &EventTarget, name: &'static str, callback: impl FnMut(web_sys::Event) + 'static) -> Listener {
        let callback = Closure::<dyn FnMut(web_sys::Event)>::new(callback);
        let _ = target.add_event_listener_with_callback(name, callback.as_ref().unchecked_ref());
        Listener { target: target.clone(), name, callback }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback(self.name, self.callback.as_ref().unchecked_ref());
    }
}

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

/// Moves focus to the first match of `selector` in the widget on `host`.
pub fn focus_in(host: &Element, selector: &str) {
    let found = match host.shadow_root() {
        Some(root) => root.query_selector(selector),
        None => host.query_selector(selector),
    };
    if let Some(el) = found.ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Whether the payer is on a phone-sized touch screen, where the wallet app
/// is on the same device: Open in wallet then comes before the QR code.
pub fn wallet_first() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(pointer: coarse) and (max-width: 600px)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Milliseconds since the epoch, by the payer's clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}
