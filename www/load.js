  // Shared by the head script and the ES module (the build inserts it in
  // both): loading the wasm checked against its hash, and a failure told.

  // `loadWasm` is wasm-bindgen's loader; `url` the wasm, `integrity` the
  // SHA-384 the build recorded: bytes that differ by one are refused
  // before any of them runs. A failure is explained by what went wrong,
  // for the merchant who must fix it: the URL, and the HTTP status or the
  // kind of failure (network, CORS, Content-Security-Policy, integrity).
  function loadChecked(loadWasm, url, integrity) {
    url = String(url);
    var violations = [];
    var heard = function (e) { violations.push(e); };
    document.addEventListener("securitypolicyviolation", heard);
    var done = function () { document.removeEventListener("securitypolicyviolation", heard); };
    return fetch(new Request(url, { integrity: integrity })).then(
      function (response) {
        return loadWasm({ module_or_path: response }).catch(function (err) {
          return settle().then(function () {
            var refused = blockedBy(violations, "wasm-eval");
            throw new Error((refused
              ? "the page's Content-Security-Policy does not let WebAssembly run: add 'wasm-unsafe-eval' to script-src"
              : "the browser could not run " + url) + " (" + describe(err) + ")");
          });
        });
      },
      function (err) { return settle().then(function () { return diagnose(url, err, violations); }); }
    ).then(function (v) { done(); return v; }, function (e) { done(); throw e; });
  }

  // A violation is reported in a task of its own: let it arrive.
  function settle() { return new Promise(function (resolve) { setTimeout(resolve, 30); }); }

  function describe(err) { return err && err.message ? err.message : String(err); }

  // The violation that blocked `what` (a URL, or "wasm-eval"), if any.
  function blockedBy(violations, what) {
    for (var i = 0; i < violations.length; i++) {
      var b = violations[i].blockedURI || "";
      if (b && (b === what || what.indexOf(b) === 0)) return violations[i];
    }
    return null;
  }

  // The browser's error does not say what failed; more requests without
  // the check, whose answers are never run, tell which.
  function diagnose(url, err, violations) {
    var csp = blockedBy(violations, url);
    if (csp) {
      throw new Error("the page's Content-Security-Policy blocked " + url + " (" + csp.effectiveDirective +
        "): allow its origin in connect-src");
    }
    return fetch(url, { cache: "no-store" }).then(function (r) {
      if (!r.ok) {
        throw new Error(url + " answered HTTP " + r.status + (r.statusText ? " " + r.statusText : "") +
          (r.status === 404
            ? ": the WebAssembly file is not beside getcrypto.js; copy every getcrypto_bg.*.wasm with it (a bundler or build step may have left it out)"
            : ": the server refused or failed to send the WebAssembly file"));
      }
      if (/html/i.test(r.headers.get("content-type") || "")) {
        throw new Error(url + " answered with an HTML page, not the WebAssembly file: the file is missing there and the server sent its fallback page (a bundler or build step may have left it out)");
      }
      throw new Error("integrity check failed: " + url + " is not the file this script was built with, so none of it was run");
    }, function () {
      var later = blockedBy(violations, url);
      if (later) {
        throw new Error("the page's Content-Security-Policy blocked " + url + " (" + later.effectiveDirective +
          "): allow its origin in connect-src");
      }
      return fetch(url, { mode: "no-cors", cache: "no-store" }).then(function () {
        throw new Error(url + " is on another origin that does not let this page read it (CORS): serve it with Access-Control-Allow-Origin");
      }, function () {
        throw new Error("the network failed while fetching " + url + " (" + describe(err) + "): the server cannot be reached or the payer is offline");
      });
    });
  }

  // What a page sees when the widget cannot load: the same words in the
  // rejected promise and in the element, as text.
  function loadFailed(elementId, err) {
    var message = "GetCrypto: the widget could not be loaded (" + describe(err) + ").";
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
