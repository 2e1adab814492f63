/*! GetCrypto payment widget: the head script.
 * A classic script: put it in <head>, then call
 *   GetCrypto.init(apiKey, elementId, params).then((widget) => ...)
 * It starts loading the widget's WebAssembly at once, next to itself, and
 * queues init calls until both the WebAssembly and the page are ready. */
(function () {
  "use strict";
  if (window.GetCrypto && window.GetCrypto.init) return;
  var script = document.currentScript;
  var base = (script && script.src) || window.location.href;

  /*@wasm-bindgen-glue@*/

  // The build names the wasm after its content and pins its SHA-384 here:
  // bytes that differ by one are refused before any of them runs.
  var wasmUrl = new URL("@wasm-file@", base).href;
  var loaded = wasm_bindgen({ module_or_path: new Request(wasmUrl, { integrity: "@wasm-integrity@" }) })
    .catch(function (err) {
      if (!(err instanceof TypeError)) throw err;
      // The browser's error does not say whether the network failed or the
      // bytes were wrong: one more request without the check, whose answer
      // is never run, tells which.
      return fetch(wasmUrl).then(function (r) { return r.ok; }, function () { return false; }).then(function (arrived) {
        if (!arrived) throw err;
        throw new Error("integrity check failed: " + wasmUrl + " is not the file this getcrypto.js was built with, so none of it was run");
      });
    });
  var parsed = document.readyState === "loading"
    ? new Promise(function (resolve) { document.addEventListener("DOMContentLoaded", resolve, { once: true }); })
    : Promise.resolve();
  var ready = Promise.all([loaded, parsed]);

  function show(elementId, message) {
    var el = typeof elementId === "string" ? document.getElementById(elementId) : null;
    if (el) {
      var box = document.createElement("div");
      box.setAttribute("role", "alert");
      box.style.cssText = "padding:12px;border:1.5px solid #b42318;border-radius:8px;color:#b42318;font:14px system-ui,sans-serif";
      box.textContent = message;
      el.replaceChildren(box);
    }
  }

  window.GetCrypto = {
    /** Mounts the payment widget; resolves to a handle with destroy(). */
    init: function (apiKey, elementId, params) {
      return ready.then(
        function () { return wasm_bindgen.init(apiKey, elementId, params); },
        function (err) {
          var message = "GetCrypto: the widget could not be loaded (" + (err && err.message ? err.message : err) + ").";
          show(elementId, message);
          throw new Error(message);
        }
      );
    }
  };
})();
