// Loading the wasm checked against its hash, and every other pinned file
// (a chunk, a language) fetched the same way.

import { describe, failure } from "./failure.js";
import { blockedBy, diagnose } from "./diagnose.js";

// Whether this browser can run the widget at all: without WebAssembly
// (iOS Lockdown Mode, a policy that turns it off) nothing is fetched.
export function canRun() {
  return typeof WebAssembly === "object" && WebAssembly !== null && typeof WebAssembly.instantiate === "function";
}

// `loadWasm` is wasm-bindgen's loader; `url` the wasm, `integrity` the
// SHA-384 the build recorded: bytes that differ by one are refused
// before any of them runs. A failure is explained by what went wrong,
// for the merchant who must fix it: the URL, and the HTTP status or the
// kind of failure (network, CORS, Content-Security-Policy, integrity).
export function loadChecked(loadWasm, url, integrity) {
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
export function fetchChecked(url, integrity, violations, signal) {
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
