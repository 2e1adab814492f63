//! `init` and `destroy` as a page calls them: what mounts, what is refused
//! by name with no request, what one element and two widgets do, the
//! merchant's theme, and the readers and writers at the JavaScript edge.

use crate::support::*;

#[wasm_bindgen_test]
async fn renders_the_docs_example() {
    for via_loader in ways() {
        go(via_loader);
        fake_api(&format!("[{}]", route("GET", "/v1/widget", 200, DOCS_WIDGET)));
        let id = mount_point();
        let widget = init("KEY".into(), id.as_str().into(), params("")).unwrap();
        flush().await;
        assert!(exists(&id, ".gc-skeleton"), "the skeleton shows while v1/widget is in flight");
        loaded(&id).await;
        let t = text(&id);
        for expected in [
            "Test",
            "Order ORD_123",
            "11\u{a0}EUR",
            "USDT",
            "11.944214\u{a0}USDT",
            "11.941625\u{a0}USDC",
            "0.000451\u{a0}BTC",
            "0.007131\u{a0}ETH",
        ] {
            assert!(t.contains(expected), "{expected:?} missing from {t:?}");
        }
        assert!(!t.contains("4.51e-4") && !t.contains("0.00045\u{a0}"));
        let req = &requests()[0];
        assert_eq!(req["path"], "/v1/widget");
        assert_eq!(req["query"], "?project_id=pr_64e5a94d9c3f4&currency=eur&language=en&amount=11&order_id=ORD_123");
        assert_eq!(req["auth"], "Bearer KEY");
        assert_eq!(requests().len(), 1, "one v1/widget, sent early or not");

        click(&id, "[data-coin=usdc]");
        until("the networks", || exists(&id, "[data-network=erc20]")).await;
        let t = text(&id);
        for n in ["BEP20", "TRC20", "ERC20"] {
            assert!(t.contains(n), "{n} missing");
        }
        click(&id, "[data-coin=btc]");
        until("the BTC network chosen by itself", || text(&id).contains("Send BTC only on the BTC network")).await;
        assert!(!exists(&id, "[data-network]"), "a single network needs no choice");
        assert!(events(&id).iter().any(|e| e["name"] == "ready"));
        widget.destroy();
        assert_eq!(text(&id), "", "destroy() empties the element");
    }
    go(false);
}

#[wasm_bindgen_test]
async fn sends_the_documented_invoice_body_once() {
    fake_api(&format!(
        "[{}, {}]",
        route("GET", "/v1/widget", 200, DOCS_WIDGET),
        route("POST", "/v1/invoices", 200, &invoice("pending", ""))
    ));
    let id = mount_point();
    let widget = init("KEY".into(), id.as_str().into(), params(r#","custom_fields":{"a":1}"#)).unwrap();
    loaded(&id).await;
    click(&id, "[data-coin=usdt]");
    until("the networks", || exists(&id, "[data-network=trc20]")).await;
    click(&id, "[data-network=trc20]");
    until("the pay button", || exists(&id, ".gc-pay")).await;
    assert!(text(&id).contains("Pay 11.944214\u{a0}USDT"));
    click(&id, ".gc-pay");
    click(&id, ".gc-pay");
    until("the payment details", || exists(&id, ".gc-address")).await;
    let posts: Vec<_> = requests().into_iter().filter(|r| r["method"] == "POST").collect();
    assert_eq!(posts.len(), 1, "one invoice, however many clicks");
    assert_eq!(posts[0]["path"], "/v1/invoices");
    assert_eq!(posts[0]["type"], "application/json");
    let body: serde_json::Value = serde_json::from_str(posts[0]["body"].as_str().unwrap()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({
            "language": "en", "input_amount": 11, "currency": "eur", "cryptocurrency": "usdt",
            "project_id": "pr_64e5a94d9c3f4", "order_id": "ORD_123", "network": "trc20",
            "custom_fields": "{\"a\":1}"
        })
    );
    let ev = events(&id);
    assert!(ev.iter().any(|e| e["name"] == "invoice" && e["detail"]["id"] == "in_64e5a94d9c3f4"));
    widget.destroy();
}

#[wasm_bindgen_test]
async fn each_bad_init_is_rejected_by_name_with_no_request() {
    fake_api("[]");
    let cases: [(&str, &str, &str); 9] = [
        ("KEY", r#","currency":"gbp""#, "currency: The selected currency is invalid"),
        ("KEY", r#","language":"deutsch""#, "language: `deutsch` is not a language tag"),
        ("KEY", r#","amount":-5"#, "amount: The amount field must be a positive number."),
        ("KEY", r#","amount":"eleven""#, "amount: The amount field must be a positive number."),
        ("KEY", r#","project_id":"pr_123""#, "project_id: The project id field must be 16 characters."),
        ("KEY", r#","project_id":"xx_64e5a94d9c3f4""#, "project_id: The project id field must start with pr_."),
        ("KEY", r#","order_id":"""#, "order_id: The order id field is required."),
        ("KEY", r#","custom_fields":"{oops""#, "custom_fields: The custom fields field must be a valid JSON string."),
        ("", "", "apiKey: the API key is empty"),
    ];
    for (key, extra, message) in cases {
        let id = mount_point();
        let err = init(key.into(), id.as_str().into(), params(extra)).err().expect("init refuses");
        let text_of_error = js_sys::Reflect::get(&err, &"message".into()).unwrap().as_string().unwrap();
        assert!(text_of_error.starts_with(&format!("GetCrypto.init: {message}")), "{text_of_error}");
        let code = js_sys::Reflect::get(&err, &"code".into()).unwrap();
        assert_eq!(code.as_string().as_deref(), Some("params"), "a stable code beside the words");
        let told = events(&id);
        assert!(
            told.iter().any(|e| e["name"] == "error"
                && e["detail"]["code"] == "params"
                && e["detail"]["message"] == text_of_error.as_str()),
            "the page hears the same: {told:?}"
        );
        flush().await;
        assert!(text(&id).contains(message), "the element shows it: {}", text(&id));
    }
    let err: JsValue = init("KEY".into(), "no-such-element".into(), params("")).err().unwrap();
    let m = js_sys::Reflect::get(&err, &"message".into()).unwrap().as_string().unwrap();
    assert_eq!(m, "GetCrypto.init: elementId: there is no element with id \"no-such-element\" in the page.");
    settle().await;
    assert_eq!(requests().len(), 0, "bad input sends nothing");
}

#[wasm_bindgen_test]
async fn destroy_stops_every_request() {
    for via_loader in ways() {
        go(via_loader);
        fake_api(r#"[{"method":"GET","path":"/v1/widget","never":true}]"#);
        fake_clock();
        let id = mount_point();
        let widget = init("KEY".into(), id.as_str().into(), params("")).unwrap();
        until("the request", || requests().len() == 1).await;
        widget.destroy();
        assert_eq!(text(&id), "");
        advance(120_000).await;
        assert_eq!(requests().len(), 1, "nothing more leaves after destroy(), however long");
        real_time();
    }
    go(false);
}

#[wasm_bindgen_test]
async fn init_twice_on_one_element_makes_one_invoice() {
    echo_api();
    let id = mount_point();
    let _first = init("KEY".into(), id.as_str().into(), order("ORD_T1")).unwrap();
    pay_with_usdt_trc20(&id).await;
    let second = init("KEY".into(), id.as_str().into(), order("ORD_T1")).unwrap();
    flush().await;
    until("the resumed invoice", || exists(&id, ".gc-address")).await;
    assert_eq!(posts(), 1);
    assert_eq!(
        js(&format!("return document.getElementById('{id}').shadowRoot.querySelectorAll('.gc-widget').length;"))
            .as_f64(),
        Some(1.0)
    );
    second.destroy();
}

#[wasm_bindgen_test]
async fn a_replaced_handles_destroy_leaves_the_newer_widget_alone() {
    echo_api();
    fake_clock();
    let id = mount_point();
    let stale = init("KEY".into(), id.as_str().into(), order("ORD_H1")).unwrap();
    let current = init("KEY".into(), id.as_str().into(), order("ORD_H1")).unwrap();
    stale.destroy();
    settle().await;
    pay_with_usdt_trc20(&id).await;
    let (loads, checks) = (count("GET", "/v1/widget"), count("GET", "/v1/invoices/"));
    stale.destroy();
    // The first check of a new invoice comes within two of the quiet
    // key's waits (8 to 10 s, src/poll.rs).
    advance(2 * getcrypto_api::rate::POLL_MS).await;
    until("the next status check", || count("GET", "/v1/invoices/") == checks + 1).await;
    assert!(exists(&id, ".gc-address"), "the newer widget still shows its invoice");
    assert_eq!(count("GET", "/v1/widget"), loads, "nothing was mounted or loaded again");
    assert_eq!(posts(), 1, "one invoice");
    current.destroy();
    assert_eq!(text(&id), "");
    real_time();
}

#[wasm_bindgen_test]
async fn destroy_twice_then_init_again_on_the_element() {
    echo_api();
    let id = mount_point();
    let first = init("KEY".into(), id.as_str().into(), order("ORD_H2")).unwrap();
    loaded(&id).await;
    first.destroy();
    first.destroy();
    assert_eq!(text(&id), "");
    let again = init("KEY".into(), id.as_str().into(), order("ORD_H2")).unwrap();
    loaded(&id).await;
    first.destroy();
    assert!(exists(&id, "[data-coin=usdt]"), "the first handle cannot remove the new widget either");
    again.destroy();
    assert_eq!(text(&id), "");
}

#[wasm_bindgen_test]
async fn two_widgets_on_one_page_never_mix() {
    echo_api();
    compress_time();
    let (a, b) = (mount_point(), mount_point());
    let wa = init("KEY".into(), a.as_str().into(), order("ORD_A")).unwrap();
    let wb = init("KEY".into(), b.as_str().into(), order("ORD_B")).unwrap();
    pay_with_usdt_trc20(&a).await;
    pay_with_usdt_trc20(&b).await;
    assert_ne!(shown_address(&a), shown_address(&b));
    js(r#"window.__gc.invoices["in_ORD_A"].status = "paid";"#);
    until("A paid", || exists(&a, ".gc-paid")).await;
    assert!(exists(&b, ".gc-address") && !exists(&b, ".gc-paid"), "B is still waiting");
    until("A's paid told", || events(&a).iter().any(|e| e["name"] == "paid")).await;
    assert!(!events(&b).iter().any(|e| e["name"] == "paid"));
    wa.destroy();
    wb.destroy();
    real_time();
}

#[wasm_bindgen_test]
async fn a_bad_init_in_russian_says_so_in_russian_and_keeps_the_exact_message() {
    fake_api("[]");
    let id = mount_point();
    let err: JsValue =
        init("KEY".into(), id.as_str().into(), params(r#","language":"ru","currency":"gbp""#)).err().unwrap();
    let message = js_sys::Reflect::get(&err, &"message".into()).unwrap().as_string().unwrap();
    flush().await;
    let t = text(&id);
    assert!(t.contains("Форма оплаты настроена неверно") && t.contains("Параметр currency задан неверно"), "{t}");
    assert!(t.contains(&message), "the exact message for the developer: {t}");
    assert!(exists(&id, "code[lang=en]"), "marked as English");
}

#[wasm_bindgen_test]
async fn the_merchant_themes_it_and_chooses_a_scheme() {
    fake_api(&format!("[{}]", route("GET", "/v1/widget", 200, DOCS_WIDGET)));
    let id = mount_point();
    js(&format!(
        "const el = document.getElementById('{id}'); el.style.setProperty('--getcrypto-dark-accent', 'rgb(200, 0, 100)');
                 el.style.setProperty('--getcrypto-accent', 'rgb(1, 2, 3)');
                 el.style.setProperty('--getcrypto-radius', '2px'); el.dataset.scheme = 'dark';"
    ));
    let w = init("KEY".into(), id.as_str().into(), params("")).unwrap();
    loaded(&id).await;
    click(&id, "[data-coin=btc]");
    until("the pay button", || exists(&id, ".gc-pay")).await;
    let styles = js(&format!(
        "const r = document.getElementById('{id}').shadowRoot;
         const w = getComputedStyle(r.querySelector('.gc-widget')), p = getComputedStyle(r.querySelector('.gc-pay'));
         return [p.backgroundColor, w.borderTopLeftRadius, w.backgroundColor];"
    ));
    let styles: Vec<String> = serde_json::from_str(&JSON::stringify(&styles).unwrap().as_string().unwrap()).unwrap();
    assert_eq!(
        styles,
        ["rgb(200, 0, 100)", "2px", "rgb(13, 17, 23)"],
        "the dark scheme's own accent (the light one's stays out), radius, dark background"
    );
    w.destroy();
}

/// The answers' reader: what `JSON.parse` made of a body, read into the
/// wire types with every digit kept, and a wrong shape refused.
#[wasm_bindgen_test]
fn answers_are_read_exactly_or_refused() {
    use getcrypto_api::{Envelope, Invoice, WidgetData};
    use getcrypto_widget::from_js::{from_js, Unreadable};
    let parse = |text: &str| JSON::parse(text).expect("test JSON");

    let docs: Envelope<WidgetData> = from_js(parse(DOCS_WIDGET)).expect("the docs' widget body reads");
    let amounts: Vec<(String, String)> =
        docs.data.amounts.iter().map(|(k, v)| (k.to_owned(), v.0.as_str().to_owned())).collect();
    assert_eq!(
        amounts,
        [("usdt", "11.944214"), ("usdc", "11.941625"), ("btc", "0.000451"), ("eth", "0.007131")]
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
    );

    let invoice = |fields: &str| {
        from_js::<Invoice>(parse(&format!(
            r#"{{"id": "inv_1", "status": "pending", "cryptocurrency": "btc", "network": "bitcoin",
                "address": "bc1q", "expires_at": "2026-11-23T10:30:00Z" {fields}}}"#
        )))
    };
    let read = invoice(r#", "amount": 1e-7, "amount_paid": "0.00000005", "confirmations": 2, "success_url": null, "extra": {"a": [1]}"#)
        .expect("an invoice with numbers, strings, null and an unknown field");
    assert_eq!(read.amount.as_str(), "0.0000001");
    assert_eq!(read.amount_paid.as_str(), "0.00000005");
    assert_eq!(read.confirmations, 2);
    assert_eq!(read.success_url, None);
    assert_eq!(read.input_amount, None);
    assert_eq!(invoice(r#", "amount": 11"#).expect("a whole amount").amount.as_str(), "11");

    for wrong in [
        r#", "amount": {"value": 1}"#,
        r#", "amount": -1"#,
        r#", "amount": "1,5""#,
        r#", "amount": 1, "confirmations": "2""#,
        r#", "amount": 1, "confirmations": 2.5"#,
        r#", "amount": 1, "status": 3"#,
        "",
    ] {
        assert_eq!(invoice(wrong).err(), Some(Unreadable), "{wrong}");
    }
    assert_eq!(from_js::<Invoice>(parse("[1, 2]")).err(), Some(Unreadable));
    assert_eq!(from_js::<Invoice>(JsValue::UNDEFINED).err(), Some(Unreadable));

    // An ignored field nested past any real answer's depth is refused, not
    // walked down to the bottom of a small stack; one of normal depth reads.
    let nested = |depth: usize| format!(r#", "amount": 1, "extra": {}1{}"#, "[".repeat(depth), "]".repeat(depth));
    assert_eq!(invoice(&nested(100)).expect("100 levels read").amount.as_str(), "1");
    assert_eq!(invoice(&nested(200)).err(), Some(Unreadable), "200 levels");
    assert_eq!(invoice(&nested(100_000)).err(), Some(Unreadable), "100 000 levels");
}

/// The widget's own writer (`to_js`) against serde-wasm-bindgen's
/// JSON-compatible one, which it replaced for size: the same objects for
/// the create body and for an invoice's event detail, and no body at all
/// for an amount a JavaScript number cannot hold.
#[wasm_bindgen_test]
fn the_writer_gives_what_serde_wasm_bindgen_gives() {
    use getcrypto_api::amount::NumberAmount;
    use getcrypto_api::{fixtures, CreateInvoice, Crypto, Currency, Language, Network};
    use getcrypto_widget::to_js::to_js;
    use serde::Serialize;
    let reference = serde_wasm_bindgen::Serializer::json_compatible();
    let text = |v: JsValue| JSON::stringify(&v).unwrap().as_string().unwrap();
    let body = |amount: &str, custom_fields: Option<String>| CreateInvoice {
        language: Language::Ru,
        input_amount: NumberAmount(fixtures::amount(amount)),
        currency: Currency::Eur,
        cryptocurrency: Crypto::Usdt,
        project_id: "pr_1".into(),
        order_id: "ORD \"1\" ✓".into(),
        network: Network::Trc20,
        custom_fields,
    };
    let mut paid = fixtures::invoice("paid");
    paid.success_url = None;
    for (ours, theirs) in [
        (to_js(&body("11", None)), body("11", None).serialize(&reference)),
        (to_js(&body("0.5", Some("{\"a\":1}".into()))), body("0.5", Some("{\"a\":1}".into())).serialize(&reference)),
        (to_js(&fixtures::invoice("pending")), fixtures::invoice("pending").serialize(&reference)),
        (to_js(&paid), paid.serialize(&reference)),
    ] {
        assert_eq!(text(ours.unwrap()), text(theirs.unwrap()));
    }
    assert!(to_js(&body("9007199254740993", None)).is_err(), "2^53 + 1 has no exact number");
    assert!(body("9007199254740993", None).serialize(&reference).is_err());
    assert!(text(to_js(&body("9007199254740991", None)).unwrap()).contains(":9007199254740991,"));
}
