//! How the payment chunk is fetched (`www/split.js`), loaded alone as the
//! build bundles it: a download that stalls is given up on at its deadline
//! and told, so that the widget's next attempt can start.

use crate::support::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/www/split.js")]
extern "C" {
    #[wasm_bindgen(js_name = useFetch)]
    fn use_fetch(fetch: &JsValue);
    #[wasm_bindgen(js_name = fetchChunk)]
    fn fetch_chunk(url: &str, integrity: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = instantiateChunk)]
    fn instantiate_chunk(response: &js_sys::Promise, imports: &JsValue) -> js_sys::Promise;
    #[wasm_bindgen(js_name = chunkFailure)]
    fn chunk_failure() -> Option<String>;
}

#[wasm_bindgen_test]
async fn a_chunk_download_that_stalls_is_given_up_on_at_its_deadline() {
    fake_clock();
    // A connection that never answers: the fetch ends only when aborted.
    let stalled = js(
        "return (url, integrity, violations, signal) => new Promise((_, reject) =>
        signal.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError'))));",
    );
    use_fetch(&stalled);
    let url = "https://cdn.example/getcrypto_bg.payment.0123456789abcdef.wasm";
    let fetching = JsFuture::from(fetch_chunk(url, "sha384-x"));
    advance(14_999).await;
    assert_eq!(chunk_failure(), None, "still within its deadline");
    advance(1).await;
    assert!(fetching.await.is_err(), "given up on");
    let failure = chunk_failure().unwrap_or_default();
    assert_eq!(failure, format!("{url} did not arrive within 15 s: the connection stalled"));
    // A slow link cannot be told from a stalled one: the next attempt is
    // given twice as long.
    let again = JsFuture::from(fetch_chunk(url, "sha384-x"));
    advance(29_999).await;
    assert_eq!(chunk_failure(), None, "still within its longer deadline");
    advance(1).await;
    assert!(again.await.is_err(), "given up on again");
    assert_eq!(
        chunk_failure().unwrap_or_default(),
        format!("{url} did not arrive within 30 s: the connection stalled")
    );
    real_time();
}

#[wasm_bindgen_test]
async fn a_chunk_that_arrives_in_time_is_not_given_up_on() {
    fake_clock();
    // The smallest wasm there is: its magic number and version.
    let answered = js("return () => Promise.resolve(new Response(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]),
        { headers: { 'content-type': 'application/wasm' } }));");
    use_fetch(&answered);
    let url = "https://cdn.example/getcrypto_bg.payment.0123456789abcdef.wasm";
    let response = fetch_chunk(url, "sha384-x");
    let instance = JsFuture::from(instantiate_chunk(&response, &js_sys::Object::new())).await;
    assert!(instance.is_ok(), "the chunk compiled and instantiated");
    advance(20_000).await;
    assert_eq!(chunk_failure(), None, "no deadline told for a chunk already here");
    real_time();
}
