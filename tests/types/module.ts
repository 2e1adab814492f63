// A merchant's code importing the ES module entry of dist/
// (`import { init } from "getcrypto-widget"`), type-checked against the
// declarations the package ships.
import { init, type Invoice, type InitParams } from "../../dist/index";

const params: InitParams = { project_id: "pr_64e5a94d9c3f4", amount: 11, currency: "eur", order_id: "A-1", language: "en" };
init("KEY", "pay", params).then((widget) => {
  document.getElementById("pay")!.addEventListener("getcrypto:paid", (e) => {
    const invoice: Invoice = e.detail;
    if (invoice.status === "paid") widget.destroy();
  });
});

// @ts-expect-error: init is asynchronous here; the handle comes in a Promise
init("KEY", "pay", params).destroy();
// @ts-expect-error: the currency must be one the API knows
init("KEY", "pay", { ...params, currency: "gbp" });
