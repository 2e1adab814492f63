//! The JavaScript boundary: `init` and the handle it returns, as the head
//! script calls them. Everything else in the crate is Rust-facing.

use crate::components::app::{App, AppProps};
use crate::components::init_error::{InitError, InitErrorProps};
use crate::components::STYLE;
use crate::http::Client;
use crate::params::{Params, RawValue};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::Element;
use yew::AppHandle;

// The npm package's declarations: `InitParams`, `Invoice`, the events.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("../www/types.d.ts");

enum Mounted {
    Widget(AppHandle<App>, Client),
    Error(AppHandle<InitError>),
}

impl Mounted {
    fn destroy(self) {
        match self {
            Mounted::Widget(app, client) => {
                client.abort();
                app.destroy();
            }
            Mounted::Error(app) => app.destroy(),
        }
    }
}

thread_local! {
    /// What is mounted where, so that a second `init` on one element or a
    /// `destroy()` removes exactly that element's widget.
    static MOUNTED: RefCell<Vec<(Element, Mounted)>> = const { RefCell::new(Vec::new()) };
}

fn unmount(element: &Element) {
    let taken = MOUNTED.with(|m| {
        let mut m = m.borrow_mut();
        m.iter().position(|(e, _)| e == element).map(|i| m.remove(i).1)
    });
    if let Some(mounted) = taken {
        mounted.destroy();
        match element.shadow_root() {
            Some(root) => root.set_inner_html(""),
            None => element.set_inner_html(""),
        }
    }
}

/// Where the widget renders: a fresh node in an open shadow root on the
/// mount element, so the page's CSS cannot reach in and the widget's cannot
/// leak out. Elements that cannot host a shadow root get the widget inside.
fn mount_point(element: &Element) -> (Element, bool) {
    let root = element
        .shadow_root()
        .or_else(|| element.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open)).ok());
    let node = root.as_ref().and_then(|r| {
        let node = element.owner_document()?.create_element("div").ok()?;
        r.set_inner_html("");
        r.append_child(&node).ok()?;
        Some((node, !adopt_style(r)))
    });
    node.unwrap_or_else(|| (element.clone(), true))
}

thread_local! {
    /// The stylesheet, parsed once and shared by every widget on the page;
    /// `None` where the browser cannot construct one (Safari before 16.4).
    static SHEET: Option<web_sys::CssStyleSheet> = web_sys::CssStyleSheet::new()
        .ok()
        .filter(|sheet| sheet.replace_sync(STYLE).is_ok());
}

/// Gives `root` the shared stylesheet. A constructed sheet is not inline
/// style to a Content-Security-Policy, and a second widget neither parses
/// nor stores it again. `false` when the widget must carry a `<style>`.
fn adopt_style(root: &web_sys::ShadowRoot) -> bool {
    SHEET.with(|sheet| match sheet {
        Some(sheet) => {
            root.set_adopted_style_sheets(&js_sys::Array::of1(sheet));
            true
        }
        None => false,
    })
}

/// The handle `GetCrypto.init` resolves to.
#[wasm_bindgen]
pub struct Widget {
    element: Element,
}

#[wasm_bindgen]
impl Widget {
    /// Removes the widget and stops every timer and request it had.
    pub fn destroy(&self) {
        unmount(&self.element);
    }
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

/// `GetCrypto.init(apiKey, elementId, params)`: checks the parameters,
/// mounts the widget in the element and returns its handle. Bad input
/// throws an `Error` naming the parameter, shows it in the element when
/// there is one, and sends nothing.
#[wasm_bindgen]
pub fn init(
    #[wasm_bindgen(unchecked_param_type = "string")] api_key: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] element_id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "InitParams")] params: JsValue,
) -> Result<Widget, JsError> {
    let fail = |m: String| JsError::new(&format!("GetCrypto.init: {m}"));
    let id = element_id
        .as_string()
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| fail("elementId: pass the id of the element to show the payment form in.".into()))?;
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&id))
        .ok_or_else(|| fail(format!("elementId: there is no element with id \"{id}\" in the page.")))?;
    unmount(&element);
    let key = api_key.as_string().unwrap_or_default();
    let parsed = if params.is_object() {
        Params::parse(&key, |name| raw(&params, name))
    } else {
        Err("params: pass an object such as { project_id, amount, currency, order_id, language }.".into())
    };
    match parsed {
        Ok(params) => {
            let client = Client::new(&params.api_base, &params.api_key);
            let (node, own_style) = mount_point(&element);
            let props = AppProps { params: Rc::new(params), client: client.clone(), host: element.clone(), own_style };
            let app = yew::Renderer::<App>::with_root_and_props(node, props).render();
            MOUNTED.with(|m| m.borrow_mut().push((element.clone(), Mounted::Widget(app, client))));
            Ok(Widget { element })
        }
        Err(message) => {
            let language = match raw(&params, "language") {
                RawValue::Text(t) => getcrypto_api::Language::parse(&t),
                _ => None,
            }
            .unwrap_or(getcrypto_api::Language::En);
            let (node, own_style) = mount_point(&element);
            let props = InitErrorProps { message: message.clone(), language, own_style };
            let app = yew::Renderer::<InitError>::with_root_and_props(node, props).render();
            MOUNTED.with(|m| m.borrow_mut().push((element, Mounted::Error(app))));
            Err(fail(message))
        }
    }
}
