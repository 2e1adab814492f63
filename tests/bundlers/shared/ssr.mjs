// A server render of a page with the checkout, as Next.js or Vite SSR does
// it: importing the package and rendering must not throw, and `init` there
// says plainly that it belongs in the browser. Prints what it saw as JSON.
import { createElement as h } from "react";
import { renderToString } from "react-dom/server";
import { init } from "getcrypto-widget";
import { GetCryptoCheckout } from "getcrypto-widget/react";

const html = renderToString(
  h("main", null, h(GetCryptoCheckout, {
    className: "checkout", apiKey: "k", projectId: "pr_64e5a94d9c3f4", amount: 11, currency: "eur", orderId: "ORD_SSR",
    scheme: "dark",
  })),
);
const refusal = await init("k", "pay", {}).then(() => "resolved", (e) => e.message);
console.log(JSON.stringify({ html, refusal, window: typeof window }));
