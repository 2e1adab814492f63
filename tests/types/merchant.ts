// A merchant's page code, type-checked against dist/getcrypto.d.ts: what
// must compile does, and what must not is marked with @ts-expect-error.
import type { Invoice } from "../../dist/getcrypto";

const mount = document.getElementById("pay")!;
mount.addEventListener("getcrypto:paid", (e) => {
  const invoice: Invoice = e.detail;
  const exact: string = invoice.amount;
  console.log(invoice.id, exact, invoice.confirmations + 1);
});
mount.addEventListener("getcrypto:error", (e) => console.log(e.detail.message.toUpperCase()));
mount.addEventListener("getcrypto:transaction", (e) => console.log(e.detail.hash, e.detail.wallet, e.detail.invoice_id));

GetCrypto.init("KEY", "pay", {
  project_id: "pr_64e5a94d9c3f4",
  amount: 11,
  currency: "eur",
  order_id: "ORD_123",
  language: "en",
  custom_fields: { cart: 1 },
}).then((widget) => widget.destroy());

// @ts-expect-error: gbp is not a documented currency
GetCrypto.init("KEY", "pay", { project_id: "pr_x", amount: 1, currency: "gbp", order_id: "1", language: "en" });
// @ts-expect-error: order_id is required
GetCrypto.init("KEY", "pay", { project_id: "pr_x", amount: 1, currency: "eur", language: "en" });
mount.addEventListener("getcrypto:error", (e) => {
  // @ts-expect-error: an error's detail has no invoice fields
  console.log(e.detail.address);
});

// A state found again says so; every failure has a stable code.
mount.addEventListener("getcrypto:invoice", (e) => {
  const found: boolean = e.detail.resumed;
  console.log(found ? "reopened" : "new", e.detail.id);
});
mount.addEventListener("getcrypto:error", (e) => {
  if (e.detail.code === "rate_limited") console.log(e.detail.retry_after ?? 0);
  // @ts-expect-error: not a code the widget sends
  if (e.detail.code === "oops") console.log(e.detail.status);
});
GetCrypto.init("KEY", "pay", {
  project_id: "pr_64e5a94d9c3f4", amount: 11, currency: "eur", order_id: "ORD_123", language: "en", after_paid: "stay",
}).catch((e: import("../../dist/getcrypto").GetCryptoError) => console.log(e.code));
// @ts-expect-error: after_paid is redirect, button or stay
GetCrypto.init("KEY", "pay", { project_id: "pr_x", amount: 1, currency: "eur", order_id: "1", language: "en", after_paid: "away" });
