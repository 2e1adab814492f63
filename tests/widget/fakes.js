// The browser tests' stand-ins for what the widget talks to: the API behind
// `fetch`, the clock behind `setTimeout`, and browser wallets. Each records
// what it was asked in `window`, where the tests read it.

/** Replaces `fetch` with one that answers from `routes` (a JSON array of
 * `{ method, path, status, body, headers }`, where `path` is a prefix, or
 * `never`, `offline` or `echo` instead of an answer) and records each
 * request in `window.__gc.requests`. An `echo` route makes an invoice per
 * order from its `template` and keeps it for later reads. */
export function fakeApi(routes, notFound) {
  localStorage.clear();
  sessionStorage.clear();
  // The ends claimed (`kept::claim_end`): a later open waits for this.
  indexedDB.deleteDatabase("getcrypto-widget");
  if (window.__realSetTimeout) window.setTimeout = window.__realSetTimeout;
  if (window.__realClearTimeout) window.clearTimeout = window.__realClearTimeout;
  window.__gc = { requests: [], routes: JSON.parse(routes), invoices: {} };
  window.fetch = async function (input, init) {
    const req = input instanceof Request ? input : new Request(input, init);
    const url = new URL(req.url);
    const body = req.method === "GET" ? null : await req.clone().text();
    window.__gc.requests.push({ method: req.method, path: url.pathname, query: url.search, url: req.url,
      auth: req.headers.get("authorization"), type: req.headers.get("content-type"), body, at: performance.now() });
    const json = (status, data) => new Response(JSON.stringify(data), { status, headers: { "content-type": "application/json" } });
    for (const r of window.__gc.routes) {
      if (r.method !== req.method || !url.pathname.startsWith(r.path)) continue;
      if (r.never) {
        return new Promise((_, reject) => req.signal.addEventListener("abort",
          () => reject(new DOMException("aborted", "AbortError"))));
      }
      if (r.echo && req.method === "POST") {
        const b = JSON.parse(body);
        const inv = Object.assign(JSON.parse(r.template), { id: "in_" + b.order_id, order_id: b.order_id,
          project_id: b.project_id, cryptocurrency: b.cryptocurrency, network: b.network,
          address: "T" + b.order_id.padEnd(33, "x") });
        window.__gc.invoices[inv.id] = inv;
        return json(200, { status: true, data: inv });
      }
      if (r.echo) {
        const inv = window.__gc.invoices[url.pathname.split("/").pop()];
        return inv ? json(200, { status: true, data: inv }) : json(400, { status: false, message: notFound });
      }
      if (r.offline) throw new TypeError("Failed to fetch");
      return new Response(r.body, { status: r.status, headers: Object.assign({ "content-type": "application/json" }, r.headers || {}) });
    }
    return new Response('{"status":false,"message":"no route"}', { status: 404 });
  };
}

/** Replaces `setTimeout` and `clearTimeout`, for the widget's own timers
 * (those set from the wasm with a delay), with a clock that moves only when
 * `advanceClock` moves it; the test harness keeps the real ones. */
export function fakeClock() {
  if (!window.__realSetTimeout) window.__realSetTimeout = window.setTimeout;
  if (!window.__realClearTimeout) window.__realClearTimeout = window.clearTimeout;
  const c = window.__clock = { now: 0, next: 1e9, timers: new Map() };
  window.setTimeout = (f, ms, ...a) => {
    // Yew's scheduler yields with a zero timeout: that one stays real.
    if (!(ms > 0) || !/wasm/.test(new Error().stack || "")) return window.__realSetTimeout(f, ms, ...a);
    const id = c.next++;
    c.timers.set(id, { at: c.now + Math.max(ms || 0, 1), f, a });
    return id;
  };
  window.clearTimeout = (id) => { if (!c.timers.delete(id)) window.__realClearTimeout(id); };
}

/** Moves the fake clock `ms` forward, running each timer that falls due in
 * its order. */
export function advanceClock(ms) {
  const c = window.__clock, end = c.now + ms;
  for (let fired = 0; ; fired++) {
    if (fired > 100000) throw new Error("timers keep setting timers");
    let due = null;
    for (const [id, t] of c.timers) if (t.at <= end && (!due || t.at < due[1].at)) due = [id, t];
    if (!due) break;
    c.timers.delete(due[0]);
    c.now = due[1].at;
    due[1].f(...due[1].a);
  }
  c.now = end;
}

/** Fake browser wallets that record every request they get, in
 * `window.__wallet.calls`: two announced by EIP-6963 (`mode` "6963"; the
 * second with an icon that is not an image in a data URI), or one as
 * `window.ethereum` ("injected"). `window.__wallet` steers them: `reject`
 * (4001 on the transaction), `unknownChain` (4902 until the chain is
 * added), `hold` (the transaction waits for `release()`). */
export function fakeWallets(mode) {
  window.__wallet = { calls: [], mode };
  const provider = (name) => ({ request: async ({ method, params }) => {
    const w = window.__wallet;
    w.calls.push({ wallet: name, method, params: params === undefined ? null : params });
    const fail = (code, message) => { const e = new Error(message); e.code = code; throw e; };
    if (method === "eth_requestAccounts") return ["0x1111111111111111111111111111111111111111"];
    if (method === "wallet_switchEthereumChain") { if (w.unknownChain && !w.added) fail(4902, "Unrecognized chain ID"); return null; }
    if (method === "wallet_addEthereumChain") { w.added = true; return null; }
    if (method === "eth_sendTransaction") {
      if (w.reject) fail(4001, "User rejected the request.");
      if (w.hold) return new Promise((resolve) => { w.release = () => resolve("0x" + "cd".repeat(32)); });
      return "0x" + "ab".repeat(32);
    }
    fail(4200, "unsupported " + method);
  } });
  window.__walletProviders = { one: provider("Wallet One"), two: provider("Wallet Two"), injected: provider("Injected") };
  if (!window.__walletListener) {
    window.__walletListener = true;
    window.addEventListener("eip6963:requestProvider", () => {
      if (window.__wallet.mode !== "6963") return;
      for (const [uuid, name, icon, key] of [
        ["uuid-1", "Wallet One", "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=", "one"],
        ["uuid-2", "Wallet Two", "https://evil.example/icon.png", "two"],
      ]) window.dispatchEvent(new CustomEvent("eip6963:announceProvider", {
        detail: Object.freeze({ info: { uuid, name, icon, rdns: "example." + key }, provider: window.__walletProviders[key] }) }));
    });
  }
  if (window.__wallet.mode === "injected") window.ethereum = window.__walletProviders.injected; else delete window.ethereum;
}

/** A fake TronLink (`window.tronLink` and its `tronWeb`) that records every
 * call in `window.__tron.calls`; `window.__tron.reject` declines the send. */
export function fakeTronlink() {
  window.__tron = { calls: [], reject: false };
  const tronWeb = { contract: () => ({ at: async (address) => {
    window.__tron.calls.push(["at", address]);
    return { transfer: (to, units) => {
      window.__tron.calls.push(["transfer", to, units]);
      return { send: async (options) => {
        window.__tron.calls.push(["send", options]);
        if (window.__tron.reject) throw "Confirmation declined by user";
        return "f".repeat(64);
      } };
    } };
  } }) };
  window.tronLink = { tronWeb, request: async ({ method }) => {
    window.__tron.calls.push(["request", method]);
    return { code: 200, message: "The site is already in the whitelist" };
  } };
}
