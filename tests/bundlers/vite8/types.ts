// A merchant's TypeScript against the installed package's own declarations
// (`exports` types): the module's `init` and the React component's props.
import { createElement } from "react";
import { init, type Invoice } from "getcrypto-widget";
import { GetCryptoCheckout, type GetCryptoCheckoutProps } from "getcrypto-widget/react";

const props: GetCryptoCheckoutProps = {
  apiKey: "KEY", projectId: "pr_64e5a94d9c3f4", amount: 11, currency: "eur", orderId: "ORD_1",
  onPaid: (invoice: Invoice) => console.log(invoice.amount.toUpperCase()),
  onError: (e) => console.log(e.message),
};
createElement(GetCryptoCheckout, props);
init("KEY", "pay", { project_id: "pr_64e5a94d9c3f4", amount: 11, currency: "eur", order_id: "A", language: "en" })
  .then((widget) => widget.destroy());

// @ts-expect-error: the order id is required
const missing: GetCryptoCheckoutProps = { apiKey: "KEY", projectId: "pr_64e5a94d9c3f4", amount: 11, currency: "eur" };
// @ts-expect-error: a currency the API does not know
createElement(GetCryptoCheckout, { ...props, currency: "gbp" });
console.log(missing);

// The component fixes the scheme and the return after paid; onError has the code.
createElement(GetCryptoCheckout, { ...props, scheme: "dark", afterPaid: "stay", onError: (e) => console.log(e.code, e.status) });
// @ts-expect-error: a scheme the widget does not have
createElement(GetCryptoCheckout, { ...props, scheme: "sepia" });
