/*! GetCrypto payment widget as an ES module, for bundlers and for pages
 * rendered on a server:
 *   import { init } from "getcrypto-widget";
 *   init(apiKey, elementId, params).then((widget) => ...)
 * Importing it touches no window, document or network, so a server render
 * may import it. The first init() in a browser loads the WebAssembly that
 * sits beside this file, checked against the hash the build recorded. */
import loadWasm, { init as mount } from "./getcrypto.js";
import { useFetch } from "./__wasm_split.js";
import { SHIPPED, languageFile } from "./__languages.js";
import { fetchChecked, loadChecked } from "./load/checked.js";
import { initWhenReady } from "./load/init.js";

let loading;
let loaded = false;

function load() {
  // A literal URL beside this module, so that bundlers find and copy it.
  if (!loading) {
    useFetch(fetchChecked);
    loading = loadChecked(loadWasm, new URL("./@wasm-file@", import.meta.url), "@wasm-integrity@");
    loading.then(() => { loaded = true; }, () => {});
  }
  return loading;
}

function parsed() {
  return document.readyState === "loading"
    ? new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }))
    : undefined;
}

/**
 * Mounts the payment widget in the element with id `elementId`; resolves to
 * a handle whose destroy() removes it. Rejects with an Error naming the
 * parameter when the input is wrong. `options.signal` cancels an init that
 * has not resolved yet (an unmount before the wasm arrived).
 */
export async function init(apiKey, elementId, params, options) {
  if (typeof window === "undefined" || typeof document === "undefined") {
    throw new Error("GetCrypto.init: call it in the browser (in an effect), not while rendering on a server.");
  }
  const ready = () =>
    Promise.all([load(), parsed()]).catch((err) => {
      loading = undefined;
      throw err;
    });
  return initWhenReady(ready, mount, loaded, apiKey, elementId, params, options, {
    shipped: SHIPPED,
    file: languageFile,
  });
}
