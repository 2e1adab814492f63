"use client";
/*! <GetCryptoCheckout>: the GetCrypto payment widget as a React component.
 *   import { GetCryptoCheckout } from "getcrypto-widget/react";
 * A client component ("use client" above): a React Server Component page
 * may render it as it is. Safe in StrictMode and in a server render (the
 * widget mounts in an effect); one widget per mounted component, destroyed
 * on unmount and made anew when the order's parameters change. */
import { createElement, useEffect, useId, useRef } from "react";
import { init } from "./getcrypto.mjs";

// Each widget event and the prop that hears it.
const EVENTS = [
  ["ready", "onReady"],
  ["invoice", "onInvoice"],
  ["status", "onStatus"],
  ["paid", "onPaid"],
  ["expired", "onExpired"],
  ["error", "onError"],
  ["transaction", "onTransaction"],
];

export function GetCryptoCheckout(props) {
  const { apiKey, projectId, amount, currency, orderId, language = "en", customFields, apiBase, afterPaid, scheme, className, style } = props;
  const id = "getcrypto-" + useId();
  const element = useRef(null);
  // The latest handlers, read when an event arrives: a new callback each
  // render must not make a new widget.
  const handlers = useRef(props);
  handlers.current = props;
  const custom = typeof customFields === "string" || customFields === undefined ? customFields : JSON.stringify(customFields);

  useEffect(() => {
    const el = element.current;
    const listeners = EVENTS.map(([name, prop]) => {
      const listener = (event) => handlers.current[prop] && handlers.current[prop](event.detail);
      el.addEventListener("getcrypto:" + name, listener);
      return [name, listener];
    });
    let widget = null;
    let gone = false;
    const params = { project_id: projectId, amount, currency, order_id: orderId, language };
    if (custom !== undefined) params.custom_fields = custom;
    if (apiBase !== undefined) params.api_base = apiBase;
    if (afterPaid !== undefined) params.after_paid = afterPaid;
    // Aborted by the cleanup: a widget unmounted before the wasm arrived
    // (StrictMode's first mount) never sends its first request.
    const cancel = new AbortController();
    init(apiKey, id, params, { signal: cancel.signal }).then(
      (w) => (gone ? w.destroy() : (widget = w)),
      // A bad parameter or a widget that cannot load is told on the element
      // as `getcrypto:error`, which onError already heard; anything else
      // (no code) is told here, a cancelled init not at all.
      (e) => gone || e.code || e.name === "AbortError" ||
        (handlers.current.onError && handlers.current.onError({ code: "load", message: e.message })),
    );
    return () => {
      gone = true;
      cancel.abort();
      if (widget) widget.destroy();
      for (const [name, listener] of listeners) el.removeEventListener("getcrypto:" + name, listener);
    };
  }, [apiKey, id, projectId, amount, currency, orderId, language, custom, apiBase, afterPaid]);

  // The scheme is a theme, not an order's parameter: it changes the same
  // widget's colours instead of making a new one.
  return createElement("div", { id, ref: element, className, style, "data-scheme": scheme });
}
