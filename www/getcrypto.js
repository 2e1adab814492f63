/*! GetCrypto payment widget: the head script.
 * A classic script: put it in <head>, then call
 *   GetCrypto.init(apiKey, elementId, params).then((widget) => ...)
 * It starts loading the widget's WebAssembly at once, next to itself, and
 * queues init calls until both the WebAssembly and the page are ready. */
// The build bundles this module with wasm-bindgen's glue and the payment
// chunk's loader into one classic script, in which `import.meta.url` is the
// script's own address.
import loadWasm, { init as mount } from "./getcrypto.js";
import { useFetch } from "./__wasm_split.js";
import { SHIPPED, languageFile } from "./__languages.js";
import { fetchChecked, loadChecked } from "./load/checked.js";
import { initWhenReady } from "./load/init.js";

function start() {
  useFetch(fetchChecked);
  // The build names the wasm after its content and pins its SHA-384 here.
  var wasmUrl = new URL("@wasm-file@", import.meta.url).href;
  var parsed = document.readyState === "loading"
    ? new Promise(function (resolve) { document.addEventListener("DOMContentLoaded", resolve, { once: true }); })
    : Promise.resolve();
  var ready, loaded = false;
  // Started at once; after a failure, the next init tries again. The
  // failure is the init calls' to report: none is left unhandled.
  function whenReady() {
    if (!ready) {
      ready = Promise.all([loadChecked(loadWasm, wasmUrl, "@wasm-integrity@"), parsed]);
      ready.then(function () { loaded = true; }, function () { ready = undefined; });
    }
    return ready;
  }
  whenReady();

  window.GetCrypto = {
    /** Mounts the payment widget; resolves to a handle with destroy().
     * `options.signal` cancels an init that has not resolved yet. */
    init: function (apiKey, elementId, params, options) {
      var languages = { shipped: SHIPPED, file: languageFile };
      return initWhenReady(whenReady, mount, loaded, apiKey, elementId, params, options, languages);
    }
  };
}

// Imported by a server render by mistake: nothing to do there. A second
// copy of the script leaves the first in charge.
if (typeof window !== "undefined" && typeof document !== "undefined" && !(window.GetCrypto && window.GetCrypto.init)) {
  start();
}
