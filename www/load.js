  // Shared by the head script and the ES module (the build inserts it in
  // both): loading the wasm checked against its hash, and a failure told.

  // `loadWasm` is wasm-bindgen's loader; `url` the wasm, `integrity` the
  // SHA-384 the build recorded: bytes that differ by one are refused
  // before any of them runs. A failure is explained by what went wrong,
  // for the merchant who must fix it: the URL, and the HTTP status or the
  // kind of failure (network, CORS, Content-Security-Policy, integrity).
  function loadChecked(loadWasm, url, integrity) {
    if (!canRun()) {
      return Promise.reject(failure("unsupported", "this browser cannot run WebAssembly: it is turned off here (as in iOS Lockdown Mode or a browser policy); the payer can pay from another browser"));
    }
    return watchCsp(function (violations) {
      return fetchChecked(url, integrity, violations).then(function (response) {
        return loadWasm({ module_or_path: response }).catch(function (err) {
          return settle().then(function () {
            var refused = blockedBy(violations, "wasm-eval");
            throw failure(refused ? "csp" : "unsupported", (refused
              ? "the page's Content-Security-Policy does not let WebAssembly run: add 'wasm-unsafe-eval' to script-src"
              : "the browser could not run " + url) + " (" + describe(err) + ")");
          });
        });
      });
    });
  }

  // A file the build pinned (the wasm, a chunk of it): fetched with its
  // SHA-384, and a failure explained as `loadChecked` explains it.
  // `violations`: the CSP violations heard meanwhile, or none to hear;
  // `signal`: the caller's, which gives up on the fetch and says why.
  function fetchChecked(url, integrity, violations, signal) {
    url = String(url);
    if (!violations) return watchCsp(function (heard) { return fetchChecked(url, integrity, heard, signal); });
    return fetch(new Request(url, { integrity: integrity, signal: signal })).then(
      function (response) {
        if (response.ok) return response;
        throw new Error(url + " answered HTTP " + response.status);
      }
    ).catch(function (err) {
      // Given up on by its caller: asking again to diagnose would stall too.
      if (signal && signal.aborted) throw err;
      return settle().then(function () { return diagnose(url, integrity, err, violations); });
    });
  }

  // Runs `work(violations)` while listening for the page's CSP refusals.
  function watchCsp(work) {
    var violations = [];
    var heard = function (e) { violations.push(e); };
    document.addEventListener("securitypolicyviolation", heard);
    var done = function () { document.removeEventListener("securitypolicyviolation", heard); };
    return work(violations).then(function (v) { done(); return v; }, function (e) { done(); throw e; });
  }

  // A violation is reported in a task of its own: let it arrive.
  function settle() { return new Promise(function (resolve) { setTimeout(resolve, 30); }); }

  function describe(err) { return err && err.message ? err.message : String(err); }

  // An Error with the stable `code` a shop's code branches on
  // (docs/merchants.md lists them), whatever the words.
  function failure(code, message) {
    var err = new Error(message);
    err.code = code;
    return err;
  }

  // Whether this browser can run the widget at all: without WebAssembly
  // (iOS Lockdown Mode, a policy that turns it off) nothing is fetched.
  function canRun() {
    return typeof WebAssembly === "object" && WebAssembly !== null && typeof WebAssembly.instantiate === "function";
  }

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
  function diagnose(url, integrity, err, violations) {
    // The page's CSP refused the fetch: the violation may come in before
    // the probes below, or while they run.
    var blockedByCsp = function () {
      var csp = blockedBy(violations, url);
      if (csp) {
        throw failure("csp", "the page's Content-Security-Policy blocked " + url + " (" + csp.effectiveDirective +
          "): allow its origin in connect-src");
      }
    };
    blockedByCsp();
    return fetch(url, { cache: "no-store" }).then(function (r) {
      if (!r.ok) {
        throw failure("load", url + " answered HTTP " + r.status + (r.statusText ? " " + r.statusText : "") +
          (r.status === 404
            ? ": the file is not beside getcrypto.js; copy every getcrypto_bg.*.wasm and getcrypto_lang.*.json with it (a bundler or build step may have left it out)"
            : ": the server refused or failed to send the file"));
      }
      if (/html/i.test(r.headers.get("content-type") || "")) {
        throw failure("load", url + " answered with an HTML page, not the file: the file is missing there and the server sent its fallback page (a bundler or build step may have left it out)");
      }
      return sameFile(r, integrity).then(function (same) {
        throw failure(same ? "network" : "integrity", same
          ? "the first fetch of " + url + " failed (" + describe(err) + ") and a second brought the right file: the connection is unsteady"
          : "integrity check failed: " + url + " is not the file this script was built with, so none of it was run");
      });
    }, function () {
      blockedByCsp();
      return fetch(url, { mode: "no-cors", cache: "no-store" }).then(function () {
        throw failure("cors", url + " is on another origin that does not let this page read it (CORS): serve it with Access-Control-Allow-Origin");
      }, function () {
        throw failure("network", "the network failed while fetching " + url + " (" + describe(err) + "): the server cannot be reached or the payer is offline");
      });
    });
  }

  // Whether `response` holds the file `integrity` pins: a fetch that failed
  // once and then brought the right bytes was a passing fault, not a
  // swapped file. False where the browser cannot hash (no secure context).
  function sameFile(response, integrity) {
    var subtle = typeof crypto !== "undefined" && crypto.subtle;
    if (!subtle) return Promise.resolve(false);
    return response.arrayBuffer().then(function (bytes) { return subtle.digest("SHA-384", bytes); }).then(function (d) {
      var a = new Uint8Array(d), s = "";
      for (var i = 0; i < a.length; i++) s += String.fromCharCode(a[i]);
      return "sha384-" + btoa(s) === integrity;
    }, function () { return false; });
  }

  // What a page sees when the widget cannot load: the same words and code
  // in the rejected promise, in the element, as text, and in the
  // `getcrypto:error` event on it.
  function loadFailed(elementId, err) {
    var message = "GetCrypto: the widget could not be loaded (" + describe(err) + ").";
    var code = (err && err.code) || "load";
    var el = typeof elementId === "string" ? document.getElementById(elementId) : null;
    if (el) {
      var box = document.createElement("div");
      box.setAttribute("role", "alert");
      box.style.cssText = "padding:12px;border:1.5px solid #b42318;border-radius:8px;color:#b42318;font:14px system-ui,sans-serif;overflow-wrap:anywhere";
      box.textContent = message;
      el.replaceChildren(box);
      el.dispatchEvent(new CustomEvent("getcrypto:error", {
        bubbles: true, composed: true, detail: { code: code, message: message },
      }));
    }
    return failure(code, message);
  }

  // Tags that name a shipped language by another name (src/lang.rs).
  var ALIASES = {
    "zh": "zh-CN", "zh-hans": "zh-CN", "zh-sg": "zh-CN", "zh-my": "zh-CN", "zh-hant": "zh-TW", "zh-hk": "zh-TW",
    "zh-mo": "zh-TW", "pt-br": "pt", "tl": "fil", "iw": "he", "in": "id", "ms-my": "ms", "fil-ph": "fil",
  };

  function wellFormed(tag) {
    return typeof tag === "string" && tag.length <= 35 && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(tag);
  }

  // The shipped language `tag` names: exactly, by an alias, or by dropping
  // subtags from the end (`pt-PT` → `pt`).
  function nearest(tag, shipped) {
    var t = tag.toLowerCase(), exact = true;
    for (;;) {
      for (var i = 0; i < shipped.length; i++) {
        if (shipped[i].toLowerCase() === t) return { tag: shipped[i], fellBack: !exact };
      }
      if (Object.prototype.hasOwnProperty.call(ALIASES, t)) return { tag: ALIASES[t], fellBack: !exact };
      var cut = t.lastIndexOf("-");
      if (cut < 0) return null;
      t = t.slice(0, cut);
      exact = false;
    }
  }

  // The language the payer reads, `{ tag, fellBack }`, by the widget's own
  // rules (src/lang.rs; a property test holds the two together): `auto`
  // takes the first of `preferred` (navigator.languages) that is shipped,
  // a tag we do not ship its nearest, then English. Null for a value the
  // widget refuses.
  function pickLanguage(requested, preferred, shipped) {
    if (typeof requested !== "string") return null;
    if (requested.toLowerCase() === "auto") {
      for (var i = 0; preferred && i < preferred.length; i++) {
        var found = wellFormed(preferred[i]) && nearest(preferred[i], shipped);
        if (found) return { tag: found.tag, fellBack: false };
      }
      return { tag: "en", fellBack: false };
    }
    if (!wellFormed(requested)) return null;
    return nearest(requested, shipped) || { tag: "en", fellBack: true };
  }

  // Each language's texts, fetched once per page: `{ tag, data }`, or
  // `{ tag, error }` (not kept: the next init tries again). English is
  // built into the wasm: nothing to fetch.
  var texts = {};

  function fetchTexts(tag) {
    var file = tag !== "en" && languageFile(tag);
    if (!file) return null;
    if (!texts[tag]) {
      texts[tag] = fetchChecked(file[0], file[1]).then(function (r) { return r.json(); }).then(
        function (data) { return { tag: tag, data: data }; },
        function (err) { delete texts[tag]; return { tag: tag, error: err }; }
      );
    }
    return texts[tag];
  }

  // How long the widget, its wasm ready, waits for a language file before
  // it starts in English.
  var TEXTS_WAIT_MS = 4000;

  function textsInTime(pending) {
    if (!pending) return undefined;
    var timer;
    var late = new Promise(function (resolve) {
      timer = setTimeout(function () {
        resolve({ error: failure("timeout", "it did not arrive within " + TEXTS_WAIT_MS / 1000 + " s") });
      }, TEXTS_WAIT_MS);
    });
    return Promise.race([pending, late]).then(function (got) { clearTimeout(timer); return got; });
  }

  // A language file that could not be had: the payer reads English, and
  // the page hears why, as for any failure.
  function textsFailed(elementId, tag, err) {
    var message = "GetCrypto: the texts in " + tag + " could not be loaded (" + describe(err) + "); the form speaks English.";
    var el = document.getElementById(elementId);
    if (el) {
      el.dispatchEvent(new CustomEvent("getcrypto:error", {
        bubbles: true, composed: true, detail: { code: (err && err.code) || "load", message: message },
      }));
    }
  }

  // The widget's first request, `GET v1/widget`, as the widget itself would
  // build it from `init`'s arguments: `{ url, key }`, or null wherever this
  // check cannot be sure that the widget accepts the same arguments and
  // builds byte for byte the same URL. Stricter than the widget's rules on
  // purpose (printable ASCII keys and ids, amounts already in their
  // shortest form, at most 9 integer and 8 decimal digits): where it says
  // null, nothing is sent early and the widget asks as before. A property
  // test runs it beside the widget's Rust over many generated inputs.
  function widgetRequest(apiKey, params, preferred, shipped) {
    if (typeof apiKey !== "string" || !/^[\x21-\x7e]+$/.test(apiKey)) return null;
    if (!params || typeof params !== "object" || Array.isArray(params)) return null;
    var project = params.project_id, currency = params.currency, language = params.language;
    var amount = params.amount, order = params.order_id, custom = params.custom_fields, base = params.api_base;
    if (typeof project !== "string" || !/^pr_[A-Za-z0-9]{13}$/.test(project)) return null;
    if (["usd", "eur", "rub", "usdt", "usdc", "btc", "eth"].indexOf(currency) < 0) return null;
    var lang = pickLanguage(language, preferred, shipped);
    if (!lang) return null;
    // The API speaks English and Russian: asked in Russian for Russian.
    language = lang.tag === "ru" ? "ru" : "en";
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
    if (base === undefined || base === null) base = "https://api.getcrypto.finance";
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
  // stops it first.
  function sendEarly(apiKey, elementId, params, signal) {
    var request = widgetRequest(apiKey, params, navigator.languages, SHIPPED);
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

  // `init` as both entries run it: the preconnect and the early request at
  // once; then, once `ready()` has settled, the widget mounted by `mount`
  // with the early request handed over, or the failure told. An aborted
  // `options.signal` cancels it until then. `wasmHere`: the wasm is already
  // loaded, so the widget asks at once itself and nothing is sent early.
  function initWhenReady(ready, mount, wasmHere, apiKey, elementId, params, options) {
    var signal = options && options.signal;
    // Where the widget cannot run, nothing leaves: not even the coins'
    // request, which would spend the shop's rate limit for nothing.
    if (canRun()) preconnect(params);
    if (canRun() && !wasmHere) warmStorage();
    var early = wasmHere || !canRun() ? null : sendEarly(apiKey, elementId, params, signal);
    var drop = function () { if (early) early.controller.abort(); };
    var lang = canRun() && pickLanguage(params && params.language, navigator.languages, SHIPPED);
    if (lang && lang.fellBack) {
      console.warn("GetCrypto: the language " + JSON.stringify(params.language) + " is not shipped; the form speaks " +
        lang.tag + ". The languages: " + SHIPPED.join(", ") + ".");
    }
    var pending = lang ? fetchTexts(lang.tag) : null;
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

  // The early request of `elementId`, handed to the widget (null when there
  // is none): from here the widget takes it or aborts it.
  function takeEarly(elementId, request) {
    if (request && pending[elementId] === request) delete pending[elementId];
    return request || undefined;
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
