// The payment chunk's loader (docs/split.md), as `__wasm_split.js` beside
// wasm-bindgen's glue: the splitter's own loader, inserted below with each
// fetch of a chunk turned into `fetchChunk` with the chunk's hashed name and
// SHA-384, exactly as the main wasm is pinned. The entry hands over its
// checked fetch (`useFetch`); the widget asks `chunkFailure` why the last
// attempt failed, to tell the payer. Builds without a chunk insert nothing.

let fetchChecked;
let failure;

export function useFetch(fetch) {
  fetchChecked = fetch;
}

export function chunkFailure() {
  return failure;
}

function fetchChunk(url, integrity) {
  failure = undefined;
  const response = fetchChecked(url, integrity);
  response.catch((err) => {
    failure = String((err && err.message) || err);
  });
  return response;
}

// Compiled while it streams in, as the main wasm is; from the whole
// response where the server does not call it application/wasm.
async function instantiateChunk(response, imports) {
  try {
    const r = await response;
    return /^application\/wasm\b/i.test(r.headers.get("content-type") || "") && WebAssembly.instantiateStreaming
      ? await WebAssembly.instantiateStreaming(r, imports)
      : await WebAssembly.instantiate(await r.arrayBuffer(), imports);
  } catch (err) {
    if (failure === undefined) failure = "the payment chunk could not be run (" + String((err && err.message) || err) + ")";
    throw err;
  }
}

/*@split-loader@*/
