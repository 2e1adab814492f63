// Why a pinned file could not be had, found out only after it failed: the
// page's CSP, the HTTP status, CORS, the network, or a swapped file.

import { describe, failure } from "./failure.js";

// The violation that blocked `what` (a URL, or "wasm-eval"), if any.
export function blockedBy(violations, what) {
  for (var i = 0; i < violations.length; i++) {
    var b = violations[i].blockedURI || "";
    if (b && (b === what || what.indexOf(b) === 0)) return violations[i];
  }
  return null;
}

// The browser's error does not say what failed; more requests without
// the check, whose answers are never run, tell which.
export function diagnose(url, integrity, err, violations) {
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
