//! The JavaScript boundary: `init` and the handle it returns, as the head
//! script calls them. Everything else in the crate is Rust-facing.

use crate::components::frame::frame;
use crate::components::init_error::init_error;
use crate::events::{Failure, WidgetEvent};
use crate::http::{Client, Early};
use crate::i18n::{Lang, Texts, EN};
use crate::params::{Params, RawValue};
use crate::runtime::{Runtime, Setup};
use crate::style;
use crate::vnode::{patch, Live};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::Element;

// The npm package's declarations: `InitParams`, `Invoice`, the events.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("../www/types.d.ts");

enum Mounted {
    Widget(Runtime),
    /// The set-up error's view: nothing runs.
    Error,
}

impl Mounted {
    fn destroy(self) {
        if let Mounted::Widget(runtime) = self {
            runtime.destroy();
        }
    }
}

/// One `init`'s widget: where, which one, and what it runs.
struct Mount {
    element: Element,
    id: u32,
    mounted: Mounted,
}

thread_local! {
    /// What is mounted where, so that a second `init` on one element
    /// replaces its widget and a `destroy()` removes only its own.
    static MOUNTED: RefCell<Vec<Mount>> = const { RefCell::new(Vec::new()) };
    /// The id the next `init` gets: a handle names its widget by it.
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

/// Which widget on an element to remove.
#[derive(Clone, Copy)]
enum Which {
    /// Whatever is there: a new `init` replaces it.
    Any,
    /// Only the widget this id names: a handle whose widget was replaced
    /// since must not remove the newer one.
    Only(u32),
}

fn unmount(element: &Element, which: Which) {
    let taken = MOUNTED.with(|m| {
        let mut m = m.borrow_mut();
        m.iter()
            .position(|mount| {
                mount.element == *element
                    && match which {
                        Which::Any => true,
                        Which::Only(id) => mount.id == id,
                    }
            })
            .map(|i| m.remove(i).mounted)
    });
    if let Some(mounted) = taken {
        mounted.destroy();
        match element.shadow_root() {
            Some(root) => clear(&root),
            None => clear(element),
        }
    }
}

/// Empties `node` one child at a time. Assigning `innerHTML`, even `""`,
/// is a Trusted Types sink: a page whose CSP has `require-trusted-types-for
/// 'script'` throws on it, and the widget would never mount.
fn clear(node: &web_sys::Node) {
    while let Some(child) = node.last_child() {
        let _ = node.remove_child(&child);
    }
}

/// Where the widget renders: an open shadow root on the mount element, so
/// the page's CSS cannot reach in and the widget's cannot leak out, emptied;
/// and whether the widget must render its own stylesheet. Elements that
/// cannot host a shadow root get the widget inside.
fn mount_point(element: &Element) -> (web_sys::Node, bool) {
    let root = element
        .shadow_root()
        .or_else(|| element.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open)).ok());
    match root {
        Some(root) => {
            clear(&root);
            let own_style = !style::adopt(&root);
            (root.into(), own_style)
        }
        None => (element.clone().into(), true),
    }
}

/// The handle `GetCrypto.init` resolves to.
#[wasm_bindgen]
pub struct Widget {
    element: Element,
    id: u32,
}

#[wasm_bindgen]
impl Widget {
    /// Removes the widget this handle's `init` made and stops every timer
    /// and request it had. Once another `init` has replaced it on the same
    /// element, or after a first `destroy()`, it does nothing.
    pub fn destroy(&self) {
        unmount(&self.element, Which::Only(self.id));
    }
}

/// Records what is mounted on `element`, under a new id for its handle.
fn register(element: Element, mounted: Mounted) -> u32 {
    let id = NEXT_ID.with(|n| n.replace(n.get().wrapping_add(1)));
    MOUNTED.with(|m| m.borrow_mut().push(Mount { element, id, mounted }));
    id
}

/// A parameter of `params` as the rules read it.
fn raw(params: &JsValue, name: &str) -> RawValue {
    let value = if params.is_object() {
        js_sys::Reflect::get(params, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    };
    if value.is_undefined() || value.is_null() {
        RawValue::Missing
    } else if let Some(s) = value.as_string() {
        RawValue::Text(s)
    } else if let Some(n) = value.as_f64() {
        // Shortest round-trip digits, as the page wrote them: 11 → "11", 1e-7 → "1e-7".
        RawValue::Number(if n.is_finite() { getcrypto_api::float::shortest_text(n) } else { "NaN".into() })
    } else if value.is_object() && name == "custom_fields" && !js_sys::Array::is_array(&value) {
        js_sys::JSON::stringify(&value)
            .ok()
            .and_then(|s| s.as_string())
            .map_or(RawValue::Other("object"), RawValue::Json)
    } else if value.as_bool().is_some() {
        RawValue::Other("boolean")
    } else {
        RawValue::Other("object")
    }
}

/// The browser's languages, most preferred first, for `language: "auto"`.
fn preferred_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| w.navigator().languages().iter().filter_map(|l| l.as_string()).collect())
        .unwrap_or_default()
}

thread_local! {
    /// Each language's texts, read once per page.
    static READ: RefCell<Vec<&'static Texts>> = const { RefCell::new(Vec::new()) };
}

/// The texts of `tag`: English built in; any other language from the file
/// the loader fetched for it (`texts`: `{ tag, data }`), read once per
/// page. Without it (the fetch failed and the loader told the page so),
/// English.
fn texts_for(tag: &'static str, texts: &JsValue) -> Lang {
    if let Some(read) = READ.with(|r| r.borrow().iter().copied().find(|t| t.tag == tag)) {
        return Lang(read);
    }
    let field = |name: &str| js_sys::Reflect::get(texts, &JsValue::from_str(name)).ok();
    let data = match field("tag").and_then(|t| t.as_string()) {
        Some(t) if t == tag && tag != EN.tag => field("data").and_then(|d| d.dyn_into::<js_sys::Array>().ok()),
        _ => None,
    };
    let Some(data) = data else { return Lang::default() };
    let get = |i: usize| {
        let v = data.get(u32::try_from(i).ok()?);
        v.as_string().or_else(|| v.as_f64().map(|n| (n as u32).to_string()))
    };
    let read: &'static Texts = Box::leak(Box::new(Texts::read(tag, &get, &EN)));
    READ.with(|r| r.borrow_mut().push(read));
    Lang(read)
}

/// The `Error` a bad parameter rejects `init` with: the message names the
/// parameter, and `code` is `"params"`, as in the `getcrypto:error` event.
fn params_error(message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    let _ = js_sys::Reflect::set(&error, &JsValue::from_str("code"), &JsValue::from_str("params"));
    error.into()
}

/// `GetCrypto.init(apiKey, elementId, params)`: checks the parameters,
/// mounts the widget in the element and returns its handle. Bad input
/// throws an `Error` naming the parameter, shows it in the element when
/// there is one, and sends nothing. `early` is the loader's `v1/widget`
/// sent at `init` (`www/load/early.js`), or undefined; `texts` the language
/// file it fetched, `{ tag, data }`, or undefined.
#[wasm_bindgen]
pub fn init(
    #[wasm_bindgen(unchecked_param_type = "string")] api_key: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] element_id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "InitParams")] params: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "unknown")] early: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "unknown")] texts: JsValue,
) -> Result<Widget, JsValue> {
    let fail = |m: String| params_error(&format!("GetCrypto.init: {m}"));
    let id = element_id
        .as_string()
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| fail("elementId: pass the id of the element to show the payment form in.".into()))?;
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&id))
        .ok_or_else(|| fail(format!("elementId: there is no element with id \"{id}\" in the page.")))?;
    unmount(&element, Which::Any);
    let key = api_key.as_string().unwrap_or_default();
    let parsed = if params.is_object() {
        Params::parse(&key, |name| raw(&params, name), &preferred_languages())
    } else {
        Err("params: pass an object such as { project_id, amount, currency, order_id, language }.".into())
    };
    match parsed {
        Ok(params) => {
            // The loader's early `v1/widget`: read by the first load if it is
            // exactly that request, aborted otherwise.
            let client = Client::new(&params.api_base, &params.api_key, Early::from_js(&early));
            // Its answer already read, and no invoice kept for the order:
            // the first render shows the coins.
            let resuming = crate::kept::kept_invoice(&params.query).is_some();
            let coins = (!resuming)
                .then(|| client.preloaded(&params.query))
                .flatten()
                .map(|(data, meta)| (Rc::new(data), meta.clock_offset.unwrap_or(0.0)));
            let (root, own_style) = mount_point(&element);
            let doc =
                element.owner_document().ok_or_else(|| fail("elementId: the element is in no document.".into()))?;
            let lang = texts_for(params.lang.tag, &texts);
            let runtime = Runtime::start(Setup {
                lang,
                params: Rc::new(params),
                client,
                host: element.clone(),
                root,
                doc,
                own_style,
                coins,
                resuming,
            });
            let id = register(element.clone(), Mounted::Widget(runtime));
            Ok(Widget { element, id })
        }
        Err(message) => {
            // Told in the payer's language where `language` itself is
            // right: the store's payer reads it too.
            let lang = match raw(&params, "language") {
                RawValue::Text(t) => crate::lang::resolve(&t, &preferred_languages()).ok(),
                _ => None,
            }
            .map_or_else(Lang::default, |l| texts_for(l.tag, &texts));
            let (root, own_style) = mount_point(&element);
            if let Some(doc) = element.owner_document() {
                let view = frame(lang, own_style, init_error(&message, lang));
                patch(&doc, &root, &mut Vec::<Live>::new(), vec![view]);
            }
            register(element.clone(), Mounted::Error);
            let message = format!("GetCrypto.init: {message}");
            let failure = Failure { code: "params", message: &message, status: None, retry_after: None };
            crate::dom::emit(&element, &WidgetEvent::Error(failure));
            Err(params_error(&message))
        }
    }
}
