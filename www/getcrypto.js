/*! GetCrypto payment widget: the head script.
 * A classic script: put it in <head>, then call
 *   GetCrypto.init(apiKey, elementId, params).then((widget) => ...)
 * It starts loading the widget's WebAssembly at once, next to itself, and
 * queues init calls until both the WebAssembly and the page are ready. */
(function () {
  "use strict";
  // Imported by a server render by mistake: nothing to do there.
  if (typeof window === "undefined" || typeof document === "undefined") return;
  if (window.GetCrypto && window.GetCrypto.init) return;
  var script = document.currentScript;
  var base = (script && script.src) || window.location.href;

  /*@wasm-bindgen-glue@*/

  /*@load@*/

  // The build names the wasm after its content and pins its SHA-384 here.
  var wasmUrl = new URL("@wasm-file@", base).href;
  var parsed = document.readyState === "loading"
    ? new Promise(function (resolve) { document.addEventListener("DOMContentLoaded", resolve, { once: true }); })
    : Promise.resolve();
  var ready, loaded = false;
  // Started at once; after a failure, the next init tries again. The
  // failure is the init calls' to report: none is left unhandled.
  function whenReady() {
    if (!ready) {
      ready = Promise.all([loadChecked(wasm_bindgen, wasmUrl, "@wasm-integrity@"), parsed]);
      ready.then(function () { loaded = true; }, function () { ready = undefined; });
    }
    return ready;
  }
  whenReady();

  window.GetCrypto = {
    /** Mounts the payment widget; resolves to a handle with destroy().
     * `options.signal` cancels an init that has not resolved yet. */
    init: function (apiKey, elementId, params, options) {
      var mount = function (key, id, p, early) { return wasm_bindgen.init(key, id, p, early); };
      return initWhenReady(whenReady, mount, loaded, apiKey, elementId, params, options);
    }
  };
})();
