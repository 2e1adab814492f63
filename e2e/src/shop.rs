//! The one shop page the tests build, so that each test says only how its
//! shop differs: the head script's tag as the docs give it (optionally
//! pinned), every `getcrypto:*` event recorded from before `init` in
//! `window.__events`, and `init`'s outcome in `window.__result`. Served
//! from `/e2e/<name>`. Pages it cannot be are built where they are used:
//! `init` in the head or on several elements, and pages under a CSP, whose
//! scripts must carry its nonce.

use serde_json::Value;

/// Every event the widget dispatches.
pub const EVENTS: [&str; 7] = ["ready", "invoice", "status", "paid", "expired", "error", "transaction"];

/// A shop page that mounts the widget on `#pay`.
#[derive(Clone, Debug)]
pub struct Shop {
    script: String,
    integrity: Option<String>,
    params: Vec<(String, String)>,
    /// JavaScript run in the page before the head script (a browser
    /// without WebAssembly, say).
    before: String,
    /// Attributes of the mount element (a theme, a scheme, a width).
    host: String,
    key: String,
    /// More attributes on the head script's tag (an `onerror`).
    tag: String,
    /// Markup in the head before the scripts (the shop's own styles).
    head: String,
    /// Attributes of the body.
    body: String,
    /// Markup right after the mount element (the shop's own content).
    after: String,
}

impl Shop {
    /// The docs' example order `order`, in English, on the sandbox.
    pub fn new(order: &str) -> Shop {
        let params = [
            ("project_id", "\"pr_64e5a94d9c3f4\""),
            ("amount", "11"),
            ("currency", "\"eur\""),
            ("order_id", &format!("{order:?}")),
            ("language", "\"en\""),
            ("api_base", "location.origin"),
        ];
        Shop {
            script: "/dist/getcrypto.js".into(),
            integrity: None,
            params: params.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            before: String::new(),
            host: String::new(),
            key: "sandbox_demo_key".into(),
            tag: String::new(),
            head: String::new(),
            body: String::new(),
            after: String::new(),
        }
    }

    /// Mounts on `<div id="pay" {attributes}>`.
    pub fn host(mut self, attributes: &str) -> Shop {
        self.host = attributes.into();
        self
    }

    /// Calls `init` with this API key.
    pub fn key(mut self, key: &str) -> Shop {
        self.key = key.into();
        self
    }

    /// Sets `init`'s parameter `name` to the JavaScript expression `js`.
    pub fn param(mut self, name: &str, js: &str) -> Shop {
        self.params.retain(|(k, _)| k != name);
        self.params.push((name.into(), js.into()));
        self
    }

    /// Loads the head script from `src`, pinned by `integrity` if given.
    pub fn script(mut self, src: &str, integrity: Option<&str>) -> Shop {
        self.script = src.into();
        self.integrity = integrity.map(str::to_owned);
        self
    }

    /// Adds `attributes` to the head script's tag.
    pub fn tag(mut self, attributes: &str) -> Shop {
        self.tag = attributes.into();
        self
    }

    /// Puts `markup` in the head, before any script.
    pub fn head(mut self, markup: &str) -> Shop {
        self.head = markup.into();
        self
    }

    /// Gives the body `attributes`.
    pub fn body(mut self, attributes: &str) -> Shop {
        self.body = attributes.into();
        self
    }

    /// Puts `markup` right after the mount element.
    pub fn after(mut self, markup: &str) -> Shop {
        self.after = markup.into();
        self
    }

    /// Runs `js` before the head script.
    pub fn before(mut self, js: &str) -> Shop {
        self.before = js.into();
        self
    }

    pub fn html(&self) -> String {
        let pin = match &self.integrity {
            Some(sri) => format!(r#" integrity="{sri}" crossorigin="anonymous""#),
            None => String::new(),
        };
        let params: Vec<String> = self.params.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        let events: Vec<String> = EVENTS.iter().map(|e| format!("{e:?}")).collect();
        format!(
            r#"<!doctype html><html><head><meta name="viewport" content="width=device-width, initial-scale=1">
{head}<script>{before}</script>
<script src="{src}"{pin} {tag}></script></head><body {body}><div id="pay" {host}></div>{after}<script>
// Kept for the tab too, so that what was heard before the page left (the
// move to success_url) can be read on the next page.
window.__events = [];
for (const name of [{events}]) {{
  document.getElementById("pay").addEventListener("getcrypto:" + name, (e) => {{
    window.__events.push({{ name, detail: e.detail }});
    sessionStorage.setItem("__events", JSON.stringify(window.__events));
  }});
}}
window.__result = null;
// As the docs' snippet: a head script the browser refused leaves no GetCrypto.
if (!window.GetCrypto) {{
  window.__result = {{ missing: true }};
  document.getElementById("pay").textContent = "The payment form could not be loaded. Please reload the page.";
}} else {{
  GetCrypto.init({key:?}, "pay", {{ {params} }}).then(
    () => (window.__result = {{ mounted: true }}),
    (e) => (window.__result = {{ name: e.name, code: e.code === undefined ? null : e.code, message: e.message }}));
}}
</script></body></html>"#,
            head = self.head,
            before = self.before,
            tag = self.tag,
            body = self.body,
            after = self.after,
            host = self.host,
            key = self.key,
            src = self.script,
            events = events.join(", "),
            params = params.join(", "),
        )
    }
}

/// The recorded events named `name`.
pub fn named<'a>(events: &'a Value, name: &str) -> Vec<&'a Value> {
    events
        .as_array()
        .map_or_else(Vec::new, |all| all.iter().filter(|e| e["name"] == name).map(|e| &e["detail"]).collect())
}
