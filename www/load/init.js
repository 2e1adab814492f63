// `init` as both entries run it, and what it starts while the wasm is on
// its way: the connection to the API, the early request, the language
// file, the site's storage.

import { canRun } from "./checked.js";
import { DEFAULT_API_BASE, sendEarly, takeEarly } from "./early.js";
import { loadFailed } from "./failure.js";
import { pickLanguage } from "./languages.js";
import { fetchTexts, textsFailed, textsInTime } from "./texts.js";

// `init` as both entries run it: the preconnect and the early request at
// once; then, once `ready()` has settled, the widget mounted by `mount`
// with the early request handed over, or the failure told. An aborted
// `options.signal` cancels it until then. `wasmHere`: the wasm is already
// loaded, so the widget asks at once itself and nothing is sent early.
// `languages`: the build's `{ shipped, file }` (`__languages.js`), the
// tags and each one's file with its pin.
export function initWhenReady(ready, mount, wasmHere, apiKey, elementId, params, options, languages) {
  var signal = options && options.signal;
  var shipped = languages.shipped;
  // Where the widget cannot run, nothing leaves: not even the coins'
  // request, which would spend the shop's rate limit for nothing.
  if (canRun()) preconnect(params);
  if (canRun() && !wasmHere) warmStorage();
  var lang = canRun() && pickLanguage(params && params.language, navigator.languages, shipped);
  var early = wasmHere || !canRun() ? null : sendEarly(apiKey, elementId, params, signal, lang);
  var drop = function () { if (early) early.controller.abort(); };
  if (lang && lang.fellBack) {
    console.warn("GetCrypto: the language " + JSON.stringify(params.language) + " is not shipped; the form speaks " +
      lang.tag + ". The languages: " + shipped.join(", ") + ".");
  }
  var pending = lang ? fetchTexts(lang.tag, languages.file) : null;
  return ready().then(
    function () {
      return textsInTime(pending);
    },
    function (err) { drop(); throw loadFailed(elementId, err); }
  ).then(function (got) {
    if (signal && signal.aborted) {
      drop();
      throw new DOMException("GetCrypto.init was cancelled.", "AbortError");
    }
    if (got && got.error) textsFailed(elementId, lang.tag, got.error);
    try {
      return mount(apiKey, elementId, params, takeEarly(elementId, early), got && got.data ? got : undefined);
    } catch (err) {
      drop();
      throw err;
    }
  });
}

// The widget's first render looks up the order's kept invoice in
// localStorage, and a page's first use of localStorage has the browser
// load the site's whole storage while the page waits. Touched here, that
// wait falls while the wasm downloads instead of on the way to the coins.
function warmStorage() {
  try {
    localStorage.getItem("getcrypto:");
  } catch (e) {
    // No storage here (a sandboxed frame, a private mode): the widget
    // keeps the invoice in the tab's memory.
  }
}

// Opens the connection to the API (DNS, TCP, TLS) while the wasm is still
// on its way, so that the widget's first request does not wait for those
// round trips after it: on a phone, each is 150 ms or more. Only for an
// http(s) origin other than the page's; the connection is the anonymous
// one, as the widget's requests carry no cookies.
function preconnect(params) {
  var base = params && typeof params.api_base === "string" ? params.api_base : DEFAULT_API_BASE;
  var url;
  try { url = new URL(base); } catch (e) { return; }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.origin === location.origin || !document.head) return;
  var links = document.head.getElementsByTagName("link");
  for (var i = 0; i < links.length; i++) {
    if (links[i].rel === "preconnect" && links[i].href === url.origin + "/") return;
  }
  var link = document.createElement("link");
  link.rel = "preconnect";
  link.href = url.origin;
  link.crossOrigin = "anonymous";
  document.head.appendChild(link);
}
