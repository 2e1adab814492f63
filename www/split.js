// How the payment chunk is fetched (docs/split.md). The splitter's own
// loader, which the build writes as `__wasm_split.js` beside wasm-bindgen's
// glue, imports `fetchChunk` and `instantiateChunk` from here in place of
// its `fetch` and `WebAssembly.instantiateStreaming`, each chunk under its
// hashed name and with its SHA-384, exactly as the main wasm is pinned
// (`chunk_loader` in xtask/src/ship.rs), and passes on `useFetch` and
// `chunkFailure`. The entry hands over its checked fetch (`useFetch`); the
// widget asks `chunkFailure` why the last attempt failed, to tell the
// payer. Imports nothing, so that the tests load it alone.

let fetchChecked;
let failure;

export function useFetch(fetch) {
  fetchChecked = fetch;
}

export function chunkFailure() {
  return failure;
}

// A chunk not downloaded and compiled this long after it was asked for is
// given up on, so that a download that stalls is told and asked for again
// (the widget's retries) instead of leaving the payer at "Creating the
// invoice…" for good. A pinned file shows no progress before its last
// byte, so a slow download cannot be told from a stalled one: each attempt
// given up on doubles the next one's time (15, 30, 60, then 120 s for each
// after), so that a slow link still gets the chunk (32 KB compressed in
// 120 s is about 2 kbit/s), and "Try again" after a long stall is not
// made to wait longer each time.
let deadlineMs = 15000;
const deadlines = new WeakMap();

export function fetchChunk(url, integrity) {
  failure = undefined;
  const controller = new AbortController();
  const ms = deadlineMs;
  let timer;
  // Rejects at the deadline whatever the fetch is doing, its diagnosis's
  // second looks included.
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => {
      failure = url + " did not arrive within " + ms / 1000 + " s: the connection stalled";
      deadlineMs = Math.min(ms * 2, 120000);
      controller.abort();
      reject(new Error(failure));
    }, ms);
  });
  const response = Promise.race([fetchChecked(url, integrity, undefined, controller.signal), late]);
  deadlines.set(response, timer);
  response.catch((err) => {
    if (failure === undefined) failure = String((err && err.message) || err);
  });
  return response;
}

// Compiled while it streams in, as the main wasm is; from the whole
// response where the server does not call it application/wasm.
export async function instantiateChunk(response, imports) {
  try {
    const r = await response;
    return /^application\/wasm\b/i.test(r.headers.get("content-type") || "") && WebAssembly.instantiateStreaming
      ? await WebAssembly.instantiateStreaming(r, imports)
      : await WebAssembly.instantiate(await r.arrayBuffer(), imports);
  } catch (err) {
    if (failure === undefined) failure = "the payment chunk could not be run (" + String((err && err.message) || err) + ")";
    throw err;
  } finally {
    clearTimeout(deadlines.get(response));
  }
}
