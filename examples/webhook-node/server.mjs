// Confirms GetCrypto payments on the shop's server: a webhook is only a hint
// that something happened; the order ships when GetCrypto's own API says the
// invoice is paid, for the amount the shop asked. Node 20, no dependencies.
//
//   GETCRYPTO_API_KEY=... GETCRYPTO_WEBHOOK_SECRET=... \
//   ORDERS_FILE=orders.json FULFILLED_FILE=fulfilled.log node server.mjs
//
// See ../README.md for every variable and for what to change in a real shop.

import { createServer } from "node:http";
import { createHmac, timingSafeEqual } from "node:crypto";
import { appendFileSync, readFileSync } from "node:fs";

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === "") {
    console.error(`webhook-node: set ${name} (see examples/README.md)`);
    process.exit(2);
  }
  return value;
};

const API_BASE = env("GETCRYPTO_API_BASE", "https://api.getcrypto.finance").replace(/\/+$/, "");
const API_KEY = env("GETCRYPTO_API_KEY");
// The shop's own project: an invoice of another project (the key is public
// and any project id can be sent) never pays this shop's order.
const PROJECT_ID = env("GETCRYPTO_PROJECT_ID");
const SECRET = env("GETCRYPTO_WEBHOOK_SECRET");
const HOST = env("HOST", "127.0.0.1");
const PORT = Number(env("PORT", "3000"));
const ORDERS_FILE = env("ORDERS_FILE");
const FULFILLED_FILE = env("FULFILLED_FILE");
// Below the sender's own timeout (10 s in the sandbox), so that a slow API
// makes this attempt fail cleanly and the webhook comes again later.
const API_TIMEOUT_MS = 5000;
// A webhook is one invoice: anything much larger is not one.
const MAX_BODY = 64 * 1024;

// What was fulfilled, read back from the file at start so that a restart
// does not ship again. A real shop keeps this in its database.
const lines = (() => {
  try {
    return readFileSync(FULFILLED_FILE, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
  } catch (e) {
    if (e.code === "ENOENT") return [];
    throw e;
  }
})();
// By order: an order ships once, whichever of its invoices paid it.
const fulfilledOrders = new Set(lines.map((l) => l.order_id));
// By invoice: a repeated webhook is answered without spending a request of
// the key's 60 a minute, which every payer's browser shares.
const fulfilledInvoices = new Set(lines.map((l) => l.invoice_id));

// What the shop expects to be paid for each order. A stand-in for the shop's
// database, read on every webhook so orders made after the start are seen.
function expectedOrder(orderId) {
  const orders = JSON.parse(readFileSync(ORDERS_FILE, "utf8"));
  return Object.hasOwn(orders, orderId) ? orders[orderId] : undefined;
}

// The signature is `sha256=` and the hex HMAC-SHA256 of the raw body under
// the webhook secret (docs/sandbox.md, "Webhooks"). It is checked over the
// bytes as received, before any parsing: re-serialised JSON is not the same
// bytes. timingSafeEqual keeps the comparison's time independent of where
// the first wrong character is; it needs equal lengths, so check that first.
function signatureValid(rawBody, header) {
  if (typeof header !== "string") return false;
  const expected = Buffer.from("sha256=" + createHmac("sha256", SECRET).update(rawBody).digest("hex"));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// "11", "11.0" and "11.00" are one amount; compared as text, never as floats.
const decimal = (value) => {
  const text = String(value ?? "").trim();
  return text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
};

// Asks the API for the invoice with the shop's key. The webhook's body is
// never trusted for the payment itself: only this answer is.
async function invoiceFromApi(id) {
  const res = await fetch(`${API_BASE}/v1/invoices/${encodeURIComponent(id)}`, {
    headers: { Authorization: `Bearer ${API_KEY}`, Accept: "application/json" },
    signal: AbortSignal.timeout(API_TIMEOUT_MS),
  });
  const body = await res.json().catch(() => null);
  return { status: res.status, invoice: body?.status === true ? body.data : null, message: body?.message };
}

function answer(res, code, message) {
  res.writeHead(code, { "Content-Type": "text/plain; charset=utf-8" });
  res.end(message + "\n");
  console.log(`webhook-node: ${code} ${message}`);
}

async function handle(req, res, rawBody) {
  if (!signatureValid(rawBody, req.headers["x-getcrypto-signature"])) {
    return answer(res, 401, "signature missing or wrong");
  }
  let id;
  try {
    id = JSON.parse(rawBody.toString("utf8"))?.data?.id;
  } catch {
    return answer(res, 400, "the body is not JSON");
  }
  // The id goes into a URL: only the API's own shape may.
  if (typeof id !== "string" || !/^in_[A-Za-z0-9]{1,64}$/.test(id)) {
    return answer(res, 400, "no invoice id in the webhook");
  }

  if (fulfilledInvoices.has(id)) {
    return answer(res, 200, `already fulfilled: ${id}`);
  }

  let api;
  try {
    api = await invoiceFromApi(id);
  } catch (e) {
    // Not 200, so GetCrypto tries again later, when the API may answer.
    return answer(res, 503, `the API could not be asked: ${e.message}`);
  }
  if (api.status === 429 || api.status >= 500 || api.status === 401) {
    // A passing problem, or this server's key is wrong: either way a later
    // attempt may succeed, so do not acknowledge.
    return answer(res, 503, `the API answered ${api.status}: ${api.message ?? ""}`);
  }
  const inv = api.invoice;
  // From here on a retry cannot change the facts: acknowledge with 200 so
  // GetCrypto stops retrying, and fulfil only what checks out.
  if (!inv || inv.id !== id) {
    console.error(`webhook-node: a signed webhook names ${id}, which the API does not know for this key (${api.status}): check by hand`);
    return answer(res, 200, `ignored: the API does not know ${id} for this key (${api.status})`);
  }
  if (inv.status === "expired") {
    return answer(res, 200, `ignored: the API says ${id} expired`);
  }
  if (inv.status !== "paid") {
    // Announced as paid, but the API has not caught up (confirming): not
    // 200, so that GetCrypto asks again once it has.
    return answer(res, 503, `the API says ${id} is ${inv.status}, not paid yet`);
  }
  // Anyone holding the public key can open and pay an invoice for an order
  // id at any amount: the shop's own record decides what "paid" must cover.
  const order = expectedOrder(inv.order_id);
  if (
    !order || inv.project_id !== PROJECT_ID ||
    decimal(order.amount) !== decimal(inv.input_amount) || order.currency !== inv.currency
  ) {
    console.error(`webhook-node: NOT fulfilled, check by hand: ${id} paid ${inv.input_amount} ${inv.currency} for order ${inv.order_id}`);
    return answer(res, 200, `not fulfilled: ${id} does not match order ${inv.order_id}`);
  }
  // No await between these checks and the write: Node runs them in one go,
  // so two deliveries of the same event at once still fulfil once.
  if (fulfilledInvoices.has(id)) {
    return answer(res, 200, `already fulfilled: ${id}`);
  }
  if (fulfilledOrders.has(inv.order_id)) {
    console.error(`webhook-node: order ${inv.order_id} was already fulfilled; ${id} paid it again: refund by hand`);
    return answer(res, 200, `already fulfilled: order ${inv.order_id}`);
  }
  fulfilledOrders.add(inv.order_id);
  fulfilledInvoices.add(id);
  appendFileSync(
    FULFILLED_FILE,
    JSON.stringify({ order_id: inv.order_id, invoice_id: id, amount: inv.input_amount, currency: inv.currency }) + "\n",
  );
  // Slow work (emails, shipping labels) belongs in a queue fed from here,
  // not before the answer: the sender waits for the 200.
  return answer(res, 200, `fulfilled: order ${inv.order_id}`);
}

const server = createServer((req, res) => {
  if (req.url !== "/getcrypto/webhook") return answer(res, 404, "not found");
  if (req.method !== "POST") return answer(res, 405, "POST only");
  const chunks = [];
  let size = 0;
  req.on("data", (chunk) => {
    size += chunk.length;
    if (size <= MAX_BODY) {
      chunks.push(chunk);
    } else if (!res.headersSent) {
      res.on("finish", () => req.destroy());
      answer(res, 413, "body too large");
    }
  });
  req.on("end", () => {
    if (res.headersSent) return;
    handle(req, res, Buffer.concat(chunks)).catch((e) => answer(res, 500, `failed: ${e.message}`));
  });
});

server.listen(PORT, HOST, () => {
  const { address, port } = server.address();
  console.log(`webhook-node: listening on http://${address}:${port}/getcrypto/webhook`);
});
