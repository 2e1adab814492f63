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

  // Opens the connection to the API (DNS, TCP, TLS) while the wasm is still
  // on its way, so that the widget's first request does not wait for those
  // round trips after it: on a phone, each is 150 ms or more. Only for an
  // http(s) origin other than the page's; the connection is the anonymous
  // one, as the widget's requests carry no cookies. The default is the one
  // in src/params.rs.
  function preconnect(params) {
    var base = params && typeof params.api_base === "string" ? params.api_base : "https://api.getcrypto.finance";
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
