// A merchant's code with a bundler, type-checked against the npm package
// that wasm-pack builds (pkg-npm/): the widget's own `init`.
import { init, type Invoice, type InitParams } from "../../pkg-npm/getcrypto";

const params: InitParams = { project_id: "pr_64e5a94d9c3f4", amount: "11", currency: "rub", order_id: "A-1", language: "ru" };
const widget = init("KEY", "pay", params);
document.getElementById("pay")!.addEventListener("getcrypto:status", (e) => {
  const invoice: Invoice = e.detail;
  if (invoice.status === "paid") widget.destroy();
});

// Any shipped tag, "auto", or another tag (which falls back to its nearest).
init("KEY", "pay", { ...params, language: "de" });
init("KEY", "pay", { ...params, language: "auto" });
// @ts-expect-error: a language is a tag, written as a string
init("KEY", "pay", { ...params, language: 7 });
// @ts-expect-error: the element id is a string
init("KEY", 7, params);
