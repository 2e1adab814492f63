// What a page is told when the widget cannot load: an Error with a stable
// `code`, and the same words in the element and its `getcrypto:error`.

export function describe(err) { return err && err.message ? err.message : String(err); }

// An Error with the stable `code` a shop's code branches on
// (docs/merchants.md lists them), whatever the words.
export function failure(code, message) {
  var err = new Error(message);
  err.code = code;
  return err;
}

// What a page sees when the widget cannot load: the same words and code
// in the rejected promise, in the element, as text, and in the
// `getcrypto:error` event on it.
export function loadFailed(elementId, err) {
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
