// The widget's first request, `GET v1/widget`, sent at init while the wasm
// downloads. Imports nothing, so that the tests load it alone.

// The API the widget asks when `api_base` is not given (src/params.rs).
export var DEFAULT_API_BASE = "https://api.getcrypto.finance";

// The widget's first request, `GET v1/widget`, as the widget itself would
// build it from `init`'s arguments: `{ url, key }`, or null wherever this
// check cannot be sure that the widget accepts the same arguments and
// builds byte for byte the same URL. Stricter than the widget's rules on
// purpose (printable ASCII keys and ids, amounts already in their
// shortest form, at most 9 integer and 8 decimal digits): where it says
// null, nothing is sent early and the widget asks as before. `lang` is
// the language the widget will speak (`pickLanguage`), null where it
// refuses the one asked for. A property test runs it beside the widget's
// Rust over many generated inputs.
export function widgetRequest(apiKey, params, lang) {
  if (typeof apiKey !== "string" || !/^[\x21-\x7e]+$/.test(apiKey)) return null;
  if (!params || typeof params !== "object" || Array.isArray(params)) return null;
  var project = params.project_id, currency = params.currency;
  var amount = params.amount, order = params.order_id, custom = params.custom_fields, base = params.api_base;
  if (typeof project !== "string" || !/^pr_[A-Za-z0-9]{13}$/.test(project)) return null;
  if (["usd", "eur", "rub", "usdt", "usdc", "btc", "eth"].indexOf(currency) < 0) return null;
  if (!lang) return null;
  // The API speaks English and Russian: asked in Russian for Russian.
  var language = lang.tag === "ru" ? "ru" : "en";
  amount = typeof amount === "number" ? String(amount) : amount;
  if (typeof amount !== "string" || amount === "0" || !/^(0|[1-9][0-9]{0,8})(\.[0-9]{0,7}[1-9])?$/.test(amount)) return null;
  if (typeof order !== "string" || order.length > 255 || !/[A-Za-z0-9]/.test(order)) return null;
  if (custom !== undefined && custom !== null) {
    var json = typeof custom === "string" ? custom
      : typeof custom === "object" && !Array.isArray(custom) ? JSON.stringify(custom) : undefined;
    if (typeof json !== "string" || json.length > 1000 || (json.match(/[[{]/g) || []).length > 64) return null;
    try { JSON.parse(json); } catch (e) { return null; }
  }
  var after = params.after_paid;
  if (after !== undefined && after !== null && after !== "redirect" && after !== "button" && after !== "stay") return null;
  if (base === undefined || base === null) base = DEFAULT_API_BASE;
  else if (typeof base !== "string" || !/^[\x21-\x5b\x5d-\x7e]+$/.test(base)) return null;
  base = base.replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]/i.test(base)) return null;
  var query = [["project_id", project], ["currency", currency], ["language", language], ["amount", amount], ["order_id", order]];
  var url = base + "/v1/widget?";
  try {
    for (var i = 0; i < query.length; i++) url += (i ? "&" : "") + query[i][0] + "=" + encodeURIComponent(query[i][1]);
  } catch (e) {
    return null;
  }
  return { url: url, key: apiKey };
}

// Early requests not yet taken by a widget, by element: a second init on
// the same element (React's StrictMode mounts twice) supersedes the first
// before it leaves.
var pending = {};

// Sends the widget's first request at `init`, while the wasm downloads,
// so that its answer is on the way or in hand when the widget starts; the
// widget takes it only if it is about to send exactly this request, and
// reads it by its usual rules. Only for an element in the page: an init
// the widget would refuse sends nothing. Sent a task later, and only if
// the element is still there, so that a superseding init, an aborted
// `signal` or a component unmounted at once (a framework's first render)
// stops it first. `lang`: as for `widgetRequest`.
export function sendEarly(apiKey, elementId, params, signal, lang) {
  var request = widgetRequest(apiKey, params, lang);
  if (!request || typeof elementId !== "string" || !/[A-Za-z0-9]/.test(elementId) ||
      !document.getElementById(elementId) || (signal && signal.aborted) ||
      typeof AbortController !== "function") return null;
  if (pending[elementId]) pending[elementId].controller.abort();
  var controller = new AbortController();
  if (signal) signal.addEventListener("abort", function () { controller.abort(); });
  request.controller = controller;
  request.response = new Promise(function (resolve) { setTimeout(resolve, 0); }).then(function () {
    if (controller.signal.aborted || !document.getElementById(elementId)) {
      throw new DOMException("The early request was cancelled.", "AbortError");
    }
    return fetch(request.url, {
      headers: { Authorization: "Bearer " + request.key, Accept: "application/json" },
      signal: controller.signal,
    });
  }).then(function (response) {
    // Read here, so that a widget starting after it arrived can show the
    // coins in its first render.
    return response.text().then(function (text) {
      request.answer = { status: response.status, headers: response.headers, text: text };
      return request.answer;
    });
  });
  // The widget reads the outcome; until then a failure is nobody's error.
  request.response.catch(function () {});
  pending[elementId] = request;
  return request;
}

// The early request of `elementId`, handed to the widget (null when there
// is none): from here the widget takes it or aborts it.
export function takeEarly(elementId, request) {
  if (request && pending[elementId] === request) delete pending[elementId];
  return request || undefined;
}
