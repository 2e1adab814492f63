//! The invoice kept for its order: a reload, a second tab, a payer back
//! after expiry, another order, and a storage that throws.

use crate::support::*;

#[wasm_bindgen_test]
async fn a_reload_resumes_the_same_invoice_instead_of_making_another() {
    echo_api();
    let id = mount_point();
    let first = init("KEY".into(), id.as_str().into(), order("ORD_R1")).unwrap();
    pay_with_usdt_trc20(&id).await;
    let address = shown_address(&id);
    let kept = js("return localStorage.getItem('getcrypto:invoice:pr_64e5a94d9c3f4:ORD_R1:11:eur');");
    assert_eq!(kept.as_string().as_deref(), Some("in_ORD_R1|pending"), "the id and status, never the key");
    first.destroy();
    // The page comes back: a new mount for the same order.
    let again = mount_point();
    let second = init("KEY".into(), again.as_str().into(), order("ORD_R1")).unwrap();
    until("the resumed invoice", || exists(&again, ".gc-address")).await;
    assert_eq!(shown_address(&again), address);
    assert_eq!(posts(), 1, "no second invoice");
    assert!(events(&again).iter().any(|e| e["name"] == "invoice" && e["detail"]["id"] == "in_ORD_R1"));
    second.destroy();
}

#[wasm_bindgen_test]
async fn a_payer_back_after_expiry_is_told_what_arrived_and_renews_only_when_asked() {
    echo_api();
    kept_from_an_earlier_visit("in_old", "ORD_E1", r#"{ "status": "expired", "amount_paid": "5" }"#, "in_old|pending");
    let id = mount_point();
    let w = init("KEY".into(), id.as_str().into(), order("ORD_E1")).unwrap();
    until("the expired view", || exists(&id, ".gc-expired")).await;
    let shown = text(&id);
    assert!(shown.contains("The invoice has expired"), "{shown}");
    assert!(shown.contains("in_old"), "its id, for the store: {shown}");
    assert!(shown.contains("5\u{a0}USDT of 11.944214\u{a0}USDT arrived before it expired"), "{shown}");
    assert!(shown.contains("contact the store"), "{shown}");
    assert!(!exists(&id, ".gc-address") && !exists(&id, "[data-coin]"), "nothing invites a payment");
    // Found expired, not seen expiring: told as a state found again, and
    // `expired`, which is news, is not announced.
    let ev = events(&id);
    assert!(ev.iter().any(|e| e["name"] == "status"
        && e["detail"]["id"] == "in_old"
        && e["detail"]["status"] == "expired"
        && e["detail"]["resumed"] == true));
    assert!(!ev.iter().any(|e| e["name"] == "expired"), "{ev:?}");
    settle().await;
    assert_eq!(posts(), 0, "coming back creates nothing");
    assert_eq!(kept("ORD_E1").as_deref(), Some("in_old|expired"), "still kept, for another tab or a reload");

    click(&id, ".gc-renew");
    until("the new invoice", || exists(&id, ".gc-payment[data-invoice=in_ORD_E1]")).await;
    let made: Vec<_> = requests().into_iter().filter(|r| r["method"] == "POST").collect();
    assert_eq!(made.len(), 1, "exactly one new invoice");
    let body: serde_json::Value = serde_json::from_str(made[0]["body"].as_str().unwrap()).unwrap();
    assert_eq!((body["cryptocurrency"].as_str(), body["network"].as_str()), (Some("usdt"), Some("trc20")));
    assert_eq!(kept("ORD_E1").as_deref(), Some("in_ORD_E1|pending"), "the new one replaces it");
    w.destroy();
}

#[wasm_bindgen_test]
async fn an_invoice_past_its_time_is_shown_expired_in_every_tab_and_one_tab_renews_for_both() {
    echo_api();
    // Its time ran out while the API still says pending; nothing arrived.
    kept_from_an_earlier_visit("in_late", "ORD_E2", r#"{ "expires_at": "2026-01-01T00:00:00Z" }"#, "in_late|pending");
    let (first, second) = (mount_point(), mount_point());
    let wa = init("KEY".into(), first.as_str().into(), order("ORD_E2")).unwrap();
    let wb = init("KEY".into(), second.as_str().into(), order("ORD_E2")).unwrap();
    until("the expired view", || exists(&first, ".gc-expired") && exists(&second, ".gc-expired")).await;
    for tab in [&first, &second] {
        let shown = text(tab);
        assert!(shown.contains("in_late") && shown.contains("If you sent a payment after it expired"), "{shown}");
        assert!(!exists(tab, ".gc-address"));
    }
    assert_eq!(posts(), 0);
    click(&first, ".gc-renew");
    until("the new invoice", || exists(&first, ".gc-address")).await;
    // The other tab hears of it through storage, and follows the same one.
    storage_event_from_another_tab("getcrypto:invoice:pr_64e5a94d9c3f4:ORD_E2:11:eur", "in_ORD_E2|pending");
    until("the other tab's new invoice", || exists(&second, ".gc-payment[data-invoice=in_ORD_E2]")).await;
    assert_eq!(posts(), 1, "one invoice for the two tabs");
    wa.destroy();
    wb.destroy();
}

#[wasm_bindgen_test]
async fn a_second_tab_of_the_order_shows_the_same_invoice_and_hears_it_paid() {
    echo_api();
    let key = "getcrypto:invoice:pr_64e5a94d9c3f4:ORD_X1:11:eur";
    let this_tab = mount_point();
    let w = init("KEY".into(), this_tab.as_str().into(), order("ORD_X1")).unwrap();
    loaded(&this_tab).await;
    // Another order's news is not this widget's.
    storage_event_from_another_tab("getcrypto:invoice:pr_64e5a94d9c3f4:ORD_OTHER:11:eur", "in_OTHER|pending");
    settle().await;
    assert_eq!(count("GET", "/v1/invoices/"), 0, "nothing asked about another order");
    // The other tab makes the invoice: this one gives up its choices for it.
    js(r#"window.__gc.invoices["in_ORD_X1"] = Object.assign({}, JSON.parse(window.__gc.routes[1].template),
        { id: "in_ORD_X1", order_id: "ORD_X1" });"#);
    storage_event_from_another_tab(key, "in_ORD_X1|pending");
    until("the other tab's invoice", || exists(&this_tab, ".gc-payment[data-invoice=in_ORD_X1]")).await;
    assert_eq!(posts(), 0, "this tab made no invoice of its own");
    // The other tab sees it paid: this one shows it at once, not at its next check.
    fake_clock();
    js(r#"window.__gc.invoices["in_ORD_X1"].status = "paid";"#);
    storage_event_from_another_tab(key, "in_ORD_X1|paid");
    until("the paid view", || exists(&this_tab, ".gc-paid")).await;
    w.destroy();
    real_time();
}

#[wasm_bindgen_test]
async fn another_amount_or_order_is_another_invoice() {
    echo_api();
    let a = mount_point();
    let first = init("KEY".into(), a.as_str().into(), order("ORD_X2")).unwrap();
    pay_with_usdt_trc20(&a).await;
    first.destroy();
    for other in [r#","order_id":"ORD_X3""#, r#","order_id":"ORD_X2","amount":12"#] {
        let b = mount_point();
        let w = init("KEY".into(), b.as_str().into(), params(other)).unwrap();
        loaded(&b).await;
        settle().await;
        assert!(!exists(&b, ".gc-address"), "{other}: the payer chooses, no invoice is resumed");
        w.destroy();
    }
    // The same order and amount, as a tab closed and opened again: resumed.
    let c = mount_point();
    let again = init("KEY".into(), c.as_str().into(), order("ORD_X2")).unwrap();
    until("the kept invoice", || exists(&c, ".gc-payment[data-invoice=in_ORD_X2]")).await;
    assert_eq!(posts(), 1);
    again.destroy();
}

#[wasm_bindgen_test]
async fn a_storage_that_throws_keeps_the_invoice_in_the_tab_with_no_error() {
    echo_api();
    js("window.__storage = [Storage.prototype.getItem, Storage.prototype.setItem, Storage.prototype.removeItem];
        for (const name of ['getItem', 'setItem', 'removeItem'])
            Storage.prototype[name] = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };");
    let a = mount_point();
    let first = init("KEY".into(), a.as_str().into(), order("ORD_X4")).unwrap();
    pay_with_usdt_trc20(&a).await;
    assert!(!text(&a).contains("rror"), "no error shown: {}", text(&a));
    first.destroy();
    let b = mount_point();
    let again = init("KEY".into(), b.as_str().into(), order("ORD_X4")).unwrap();
    until("the invoice kept in the tab's memory", || exists(&b, ".gc-payment[data-invoice=in_ORD_X4]")).await;
    assert_eq!(posts(), 1);
    again.destroy();
    js("[Storage.prototype.getItem, Storage.prototype.setItem, Storage.prototype.removeItem] = window.__storage;");
}
