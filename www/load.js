  // Shared by the head script and the ES module (the build inserts it in
  // both): loading the wasm checked against its hash, and a failure told.

  // `loadWasm` is wasm-bindgen's loader; `url` the wasm, `integrity` the
  // SHA-384 the build recorded: bytes that differ by one are refused
  // before any of them runs.
  function loadChecked(loadWasm, url, integrity) {
    return loadWasm({ module_or_path: new Request(url, { integrity: integrity }) }).catch(function (err) {
      if (!(err instanceof TypeError)) throw err;
      // The browser's error does not say whether the network failed or the
      // bytes were wrong: one more request without the check, whose answer
      // is never run, tells which.
      return fetch(url).then(function (r) { return r.ok; }, function () { return false; }).then(function (arrived) {
        if (!arrived) throw err;
        throw new Error("integrity check failed: " + url + " is not the file this script was built with, so none of it was run");
      });
    });
  }

  // What a page sees when the widget cannot load: the same words in the
  // rejected promise and in the element, as text.
  function loadFailed(elementId, err) {
    var message = "GetCrypto: the widget could not be loaded (" + (err && err.message ? err.message : err) + ").";
    var el = typeof elementId === "string" ? document.getElementById(elementId) : null;
    if (el) {
      var box = document.createElement("div");
      box.setAttribute("role", "alert");
      box.style.cssText = "padding:12px;border:1.5px solid #b42318;border-radius:8px;color:#b42318;font:14px system-ui,sans-serif;overflow-wrap:anywhere";
      box.textContent = message;
      el.replaceChildren(box);
    }
    return new Error(message);
  }
