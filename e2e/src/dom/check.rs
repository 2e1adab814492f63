//! What the page must come to show, waited for: each gives up after its
//! deadline and says what the widget showed instead.

use super::{arguments, script, shown, PAY, PRESENT};
use crate::{wait, Harness};
use serde_json::{json, Value};
use std::time::Duration;

/// Long enough for the wasm, a slowed network and a sandbox round trip on
/// a busy two-core machine.
const PAGE: Duration = Duration::from_secs(15);

/// Waits until `js` (a function body returning a value) is truthy, and
/// returns its value; `what` names it when it never is.
pub async fn holds(h: &Harness, what: &str, js: &str, args: Vec<Value>) -> Value {
    let truthy = wait::poll(PAGE, Duration::from_millis(50), async || {
        let v = h.js(js, args.clone()).await;
        if v.is_null() || v == json!(false) || v == json!("") {
            Err(())
        } else {
            Ok(v)
        }
    })
    .await;
    match truthy {
        Ok(v) => v,
        Err(()) => panic!("timed out waiting for {what}; the widget shows: {}", shown(h, PAY).await),
    }
}

/// Waits for `selector` in the widget on `host`.
pub async fn shows(h: &Harness, host: &str, selector: &str) {
    let what = if host == PAY { selector.to_owned() } else { format!("{selector} in {host}") };
    holds(h, &what, &script(PRESENT), arguments(host, vec![json!(selector)])).await;
}

/// Waits until focus in the widget on `host` is on `selector`; `what`
/// names it.
pub async fn focus(h: &Harness, host: &str, what: &str, selector: &str) {
    let body = "const a = root && root.activeElement; return !!a && a.matches(arguments[1]);";
    holds(h, what, &script(body), arguments(host, vec![json!(selector)])).await;
}

/// Waits until this tab's claims of an invoice's end (`paid`, `expired`)
/// have been answered: a writing transaction on the store where the widget
/// claims (`kept::claim_end`) runs only after the ones asked before it, the
/// widget's among them (asked as its `status` event is told). After it, a
/// `paid` not heard is one that will not come.
pub async fn claims_settled(h: &Harness) {
    let script = "const done = arguments[arguments.length - 1];
        const open = indexedDB.open('getcrypto-widget');
        open.onupgradeneeded = () => open.result.createObjectStore('told');
        open.onerror = () => done('open: ' + open.error);
        open.onsuccess = () => {
          const db = open.result, tx = db.transaction('told', 'readwrite');
          tx.objectStore('told').get('getcrypto:told:');
          tx.oncomplete = () => { db.close(); done('settled'); };
          tx.onabort = () => done('aborted: ' + tx.error);
        };";
    let answer = h.browser.execute_async(script, vec![]).await.expect("the claims' store read");
    assert_eq!(answer, json!("settled"), "the claims' store");
}
