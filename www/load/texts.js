// The payer's language file, fetched at init beside the wasm, and waited
// for only so long.

import { fetchChecked } from "./checked.js";
import { describe, failure } from "./failure.js";

// Each language's texts, fetched once per page: `{ tag, data }`, or
// `{ tag, error }` (not kept: the next init tries again). English is
// built into the wasm: nothing to fetch.
var texts = {};

export function fetchTexts(tag, languageFile) {
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

export function textsInTime(pending) {
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
export function textsFailed(elementId, tag, err) {
  var message = "GetCrypto: the texts in " + tag + " could not be loaded (" + describe(err) + "); the form speaks English.";
  var el = document.getElementById(elementId);
  if (el) {
    el.dispatchEvent(new CustomEvent("getcrypto:error", {
      bubbles: true, composed: true, detail: { code: (err && err.code) || "load", message: message },
    }));
  }
}
