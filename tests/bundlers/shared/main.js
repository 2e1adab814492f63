// A merchant's React app, as a bundler builds it: StrictMode on, the
// checkout from `getcrypto-widget/react` (the ES module over the wasm), a
// second widget from wasm-pack's bundler package through its own `init`,
// and a third from the head script in index.html, with the usual effect
// that destroys a handle arriving after its cleanup.
// The page's address says where the API is: `?api=http://127.0.0.1:PORT`.
import { createElement as h, StrictMode, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { GetCryptoCheckout } from "getcrypto-widget/react";
import { init as initBundled } from "@getcrypto/getcrypto-widget";

const api = new URLSearchParams(location.search).get("api");
const heard = (name) => (detail) => window.__events.push({ name, detail });
window.__events = [];

function Bundled() {
  useEffect(() => {
    const widget = initBundled("sandbox_demo_key", "bundled", {
      project_id: "pr_64e5a94d9c3f4", amount: 11, currency: "eur", order_id: "ORD_BUNDLED", language: "en", api_base: api,
    });
    return () => widget.destroy();
  }, []);
  return h("div", { id: "bundled" });
}

function HeadScript() {
  useEffect(() => {
    let cancelled = false;
    let widget = null;
    window.GetCrypto.init("sandbox_demo_key", "script-tag", {
      project_id: "pr_64e5a94d9c3f4", amount: 11, currency: "eur", order_id: "ORD_SCRIPT", language: "en", api_base: api,
    }).then((w) => (cancelled ? w.destroy() : (widget = w)));
    return () => {
      cancelled = true;
      if (widget) widget.destroy();
    };
  }, []);
  return h("div", { id: "script-tag" });
}

function App() {
  const [amount, setAmount] = useState(11);
  return h("main", null,
    h("button", { id: "more", onClick: () => setAmount(12) }, "Order one more"),
    h(GetCryptoCheckout, {
      className: "checkout", apiKey: "sandbox_demo_key", projectId: "pr_64e5a94d9c3f4", amount, currency: "eur",
      orderId: "ORD_REACT", language: "en", apiBase: api, scheme: "dark", afterPaid: "button",
      onReady: heard("ready"), onInvoice: heard("invoice"), onPaid: heard("paid"), onError: heard("error"),
    }),
    h(Bundled),
    h(HeadScript));
}

createRoot(document.getElementById("root")).render(h(StrictMode, null, h(App)));
