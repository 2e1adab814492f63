//! The invoice kept for an order, for every tab of the site: its id and
//! last status in `localStorage`, or in the tab's memory where that throws,
//! so that a reload, a second tab or a payer who comes back sees the same
//! invoice instead of a new one.

use getcrypto_api::WidgetQuery;
use std::cell::RefCell;

/// The key under which an order's open invoice is kept: one project, order,
/// amount and currency. A different amount is a different order to pay.
pub fn invoice_key(q: &WidgetQuery) -> String {
    format!("getcrypto:invoice:{}:{}:{}:{}", q.project_id, q.order_id, q.amount.as_str(), q.currency.as_str())
}

/// What is kept: the invoice's id and its last status, `in_…|pending`, so
/// that a change of status is a change other tabs hear. Never the API key.
pub fn kept_record(id: &str, status: &str) -> String {
    format!("{id}|{status}")
}

/// The invoice id in a kept record.
pub fn kept_id(record: &str) -> Option<&str> {
    let id = record.split_once('|').map_or(record, |(id, _)| id);
    (!id.is_empty()).then_some(id)
}

thread_local! {
    /// The tab's own memory, where the browser's storage throws (Safari's
    /// private mode, a full quota): the invoice then lives as long as the
    /// page.
    static MEMORY: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
}

/// `localStorage`, shared by every tab of the site, so that the same order
/// opened twice shows one invoice.
fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Keeps (or, with `None`, drops) `key` in the tab's own memory.
fn keep_in_tab(key: &str, value: Option<&str>) {
    MEMORY.with(|m| {
        let mut m = m.borrow_mut();
        m.retain(|(k, _)| k != key);
        if let Some(v) = value {
            m.push((key.to_owned(), v.to_owned()));
        }
    });
}

/// The id of the invoice kept for this order, if any.
pub fn kept_invoice(q: &WidgetQuery) -> Option<String> {
    let key = invoice_key(q);
    let stored = local().and_then(|s| s.get_item(&key).ok().flatten());
    let record = stored.or_else(|| MEMORY.with(|m| m.borrow().iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone())));
    record.as_deref().and_then(kept_id).map(str::to_owned)
}

/// Keeps `id` with its `status` for this order, for every tab of the site.
pub fn keep_invoice(q: &WidgetQuery, id: &str, status: &str) {
    let (key, record) = (invoice_key(q), kept_record(id, status));
    if local().and_then(|s| s.set_item(&key, &record).ok()).is_none() {
        keep_in_tab(&key, Some(&record));
    }
}

/// Forgets this order's invoice: it expired or the API no longer knows it.
pub fn forget_invoice(q: &WidgetQuery) {
    let key = invoice_key(q);
    if let Some(s) = local() {
        let _ = s.remove_item(&key);
    }
    keep_in_tab(&key, None);
}

/// Where the end of an invoice (paid, expired) is marked as announced.
pub fn told_key(invoice_id: &str) -> String {
    format!("getcrypto:told:{invoice_id}")
}

/// Where the ends announced are kept: the site's IndexedDB, whose one
/// transaction at a time makes a claim that two tabs cannot both win. A
/// name of the widget's own, beside whatever databases the shop keeps; a
/// shop's database of the same name (another version, no such store) only
/// sends the claim to `localStorage`.
const TOLD_DB: &str = "getcrypto-widget";
const TOLD_STORE: &str = "told";

/// How long the claim waits for IndexedDB before it goes by
/// `localStorage`: a browser whose IndexedDB hangs (a blocked open, an
/// old Safari's) still tells `paid`, and well before the paid view's
/// automatic return to the shop.
const CLAIM_WAIT_MS: u32 = 2000;

/// Claims the announcement of `invoice_id`'s end for this widget: true the
/// first time it is asked for that invoice in any tab of the site, ever
/// (while the site's storage lasts), so that a reload, a second tab or the
/// order opened again never tells the page `paid` twice. Answers within
/// [`CLAIM_WAIT_MS`].
pub async fn claim_end(invoice_id: String) -> bool {
    let key = told_key(&invoice_id);
    let storage = local();
    // An earlier release marked its claims in `localStorage` only.
    if marked(storage.as_ref(), &key) {
        return false;
    }
    match crate::dom::within(CLAIM_WAIT_MS, crate::dom::add_once(TOLD_DB, TOLD_STORE, &key)).await.flatten() {
        Some(first) => {
            // Marked where a page pinned to an earlier release looks too.
            if first {
                let _ = storage.map(|s| s.set_item(&key, "1"));
            }
            first
        }
        None => claim_in_storage(&key, storage),
    }
}

/// Whether `key` is marked in `storage`.
fn marked(storage: Option<&web_sys::Storage>, key: &str) -> bool {
    matches!(storage.map(|s| s.get_item(key)), Some(Ok(Some(_))))
}

/// The claim where IndexedDB cannot be had: `localStorage` for every tab
/// where it takes the mark; where it cannot (a full quota, a private mode
/// that reads but will not write), this tab, so that `paid` is still told
/// here once.
fn claim_in_storage(key: &str, storage: Option<web_sys::Storage>) -> bool {
    // Read again: another tab may have claimed it while IndexedDB was asked.
    if marked(storage.as_ref(), key) {
        return false;
    }
    if storage.is_some_and(|s| s.set_item(key, "1").is_ok()) {
        return true;
    }
    MEMORY.with(|m| {
        let mut m = m.borrow_mut();
        let first = !m.iter().any(|(k, _)| k == key);
        if first {
            m.push((key.to_owned(), "1".to_owned()));
        }
        first
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_record_carries_the_id_and_the_status() {
        assert_eq!(kept_record("in_64e5a94d9c3f4", "pending"), "in_64e5a94d9c3f4|pending");
        assert_eq!(kept_id("in_64e5a94d9c3f4|paid"), Some("in_64e5a94d9c3f4"));
        assert_eq!(kept_id("in_64e5a94d9c3f4"), Some("in_64e5a94d9c3f4"), "a bare id, as an older widget kept it");
        assert_eq!(kept_id("|paid"), None);
        assert_eq!(kept_id(""), None);
    }
}
