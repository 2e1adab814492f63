//! The payment view in each status, the countdown, the copy buttons, the
//! Open-in-wallet link, and the widget in Russian.

use crate::support::*;

#[wasm_bindgen_test]
async fn pending_shows_address_amount_network_qr_copy_and_time() {
    let (id, widget) = with_invoice("pending", "").await;
    let t = text(&id);
    for expected in [
        "TRC20",
        "Send USDT only on the TRC20 network",
        "Send exactly",
        "11.944214",
        "Waiting for your payment",
        "Time left",
        "Copy",
    ] {
        assert!(t.contains(expected), "{expected:?} missing from {t:?}");
    }
    let address =
        js(&format!("return document.getElementById('{id}').shadowRoot.querySelector('.gc-address').dataset.address;"));
    assert_eq!(address.as_string().unwrap(), "TTYj9tqNtCrb9nay5vwnkQp2dBAPvW48TJ");
    let uri = js(&format!("return document.getElementById('{id}').shadowRoot.querySelector('.gc-qr').dataset.uri;"));
    assert_eq!(uri.as_string().unwrap(), "TTYj9tqNtCrb9nay5vwnkQp2dBAPvW48TJ");
    assert!(exists(&id, ".gc-qr path"));
    assert_eq!(
        js(&format!("return document.getElementById('{id}').shadowRoot.querySelectorAll('.gc-copy-button').length;"))
            .as_f64(),
        Some(2.0)
    );
    widget.destroy();
}

#[wasm_bindgen_test]
async fn underpaid_shows_what_is_still_due_with_a_new_qr() {
    let (id, widget) =
        with_invoice("underpaid", r#","amount_paid":"5.972107","cryptocurrency":"eth","network":"eth""#).await;
    let t = text(&id);
    assert!(t.contains("Received 5.972107\u{a0}ETH. Still due: 5.972107\u{a0}ETH"), "{t}");
    let uri = js(&format!("return document.getElementById('{id}').shadowRoot.querySelector('.gc-qr').dataset.uri;"));
    assert_eq!(uri.as_string().unwrap(), "ethereum:TTYj9tqNtCrb9nay5vwnkQp2dBAPvW48TJ?value=5972107000000000000");
    widget.destroy();
}

#[wasm_bindgen_test]
async fn confirming_shows_n_of_m() {
    let (id, widget) =
        with_invoice("confirming", r#","amount_paid":"11.944214","confirmations":1,"confirmations_required":3"#).await;
    assert!(text(&id).contains("Waiting for confirmations: 1 of 3"), "{}", text(&id));
    assert!(!exists(&id, ".gc-qr"), "nothing more to send");
    widget.destroy();
}

#[wasm_bindgen_test]
async fn paid_shows_success_and_the_store_link() {
    let (id, widget) = with_invoice("paid", "").await;
    let t = text(&id);
    assert!(t.contains("Payment received") && t.contains("order ORD_123"), "{t}");
    let href = js(&format!(
        "return document.getElementById('{id}').shadowRoot.querySelector('.gc-paid a').getAttribute('href');"
    ));
    assert_eq!(href.as_string().unwrap(), "https://shop.example/ok");
    assert!(text(&id).contains("Returning you to the store in 5 seconds."), "{}", text(&id));
    until("paid told", || events(&id).iter().any(|e| e["name"] == "paid" && e["detail"]["status"] == "paid")).await;
    widget.destroy();
}

#[wasm_bindgen_test]
async fn expired_shows_the_fail_view() {
    let (id, widget) = with_invoice("expired", r#","fail_url":"javascript:alert(1)""#).await;
    let t = text(&id);
    assert!(t.contains("The invoice has expired") && t.contains("Do not send coins"), "{t}");
    assert!(!exists(&id, "a"), "a javascript: URL is never offered");
    until("expired told", || events(&id).iter().any(|e| e["name"] == "expired")).await;
    widget.destroy();
}

#[wasm_bindgen_test]
async fn an_unknown_status_is_shown_as_such() {
    let (id, widget) = with_invoice("refunded", "").await;
    assert!(text(&id).contains("Invoice status: “refunded”"), "{}", text(&id));
    widget.destroy();
}

#[wasm_bindgen_test]
async fn russian_speaks_russian_with_russian_numbers() {
    fake_api(&format!("[{}]", route("GET", "/v1/widget", 200, DOCS_WIDGET)));
    let id = mount_point();
    let widget = init("KEY".into(), id.as_str().into(), params(r#","language":"ru""#)).unwrap();
    loaded(&id).await;
    let t = text(&id);
    assert!(t.contains("Выберите криптовалюту") && t.contains("Заказ ORD_123"), "{t}");
    assert!(t.contains("0,000451\u{a0}BTC") && t.contains("11,944214\u{a0}USDT"), "{t}");
    widget.destroy();
}

#[wasm_bindgen_test]
async fn arabic_reads_right_to_left_and_amounts_stay_left_to_right() {
    fake_api(&format!("[{}]", route("GET", "/v1/widget", 200, DOCS_WIDGET)));
    let id = mount_point();
    let widget = init("KEY".into(), id.as_str().into(), params(r#","language":"ar""#)).unwrap();
    loaded(&id).await;
    assert!(exists(&id, ".gc-widget[dir=rtl][lang=ar]"), "the root carries the language and its direction");
    assert!(exists(&id, ".gc-total[dir=ltr]") && exists(&id, ".gc-option-amount[dir=ltr]"), "amounts left to right");
    let t = text(&id);
    assert!(t.contains("0.000451\u{a0}BTC") && t.contains("11.944214\u{a0}USDT"), "ASCII digits, a dot: {t}");
    assert!(t.contains("\u{2068}ORD_123\u{2069}"), "the order's id isolated in its sentence: {t}");
    widget.destroy();
}

#[wasm_bindgen_test]
async fn the_countdown_follows_the_servers_clock_not_the_payers() {
    // The payer's clock is ten minutes behind the server's.
    let server_now = js_sys::Date::now() + 600_000.0;
    fake_api(&format!(
        "[{}, {}]",
        route("GET", "/v1/widget", 200, DOCS_WIDGET),
        timed_invoice_route(server_now, 1_800_000.0)
    ));
    let (id, w) = confirm_btc().await;
    until("the countdown", || exists(&id, ".gc-countdown-value")).await;
    let shown = js(&format!(
        "return document.getElementById('{id}').shadowRoot.querySelector('.gc-countdown-value').textContent;"
    ));
    let shown = shown.as_string().unwrap();
    // `Date` has whole seconds: within a second of thirty minutes.
    assert!(
        ["30:01", "30:00"].contains(&shown.as_str()) || shown.starts_with("29:5"),
        "thirty minutes by the server, not forty: {shown}"
    );
    assert!(!exists(&id, ".gc-hurry"));
    w.destroy();
}

#[wasm_bindgen_test]
async fn the_countdown_warns_then_ends_in_the_expired_view_by_itself() {
    fake_api(&format!(
        "[{}, {}]",
        route("GET", "/v1/widget", 200, DOCS_WIDGET),
        timed_invoice_route(js_sys::Date::now(), 1_500.0)
    ));
    let (id, w) = confirm_btc().await;
    until("the warning", || exists(&id, ".gc-hurry")).await;
    assert!(text(&id).contains("send the payment now"));
    until("the expired view", || exists(&id, ".gc-expired")).await;
    assert!(text(&id).contains("The invoice has expired"));
    w.destroy();
}

#[wasm_bindgen_test]
async fn copy_buttons_copy_exactly_and_say_so_to_everyone() {
    js("Object.defineProperty(navigator, 'clipboard', { configurable: true,
        value: { writeText: async (t) => { window.__copied = t; } } });");
    let (id, widget) = with_invoice("pending", "").await;
    // The widget's own timers from here on: the confirmation's fade.
    fake_clock();
    // The address is shown in full, in groups that select as one string.
    let groups = js(&format!(
        "const r = document.getElementById('{id}').shadowRoot;
         return [[...r.querySelectorAll('.gc-address .gc-group')].map((g) => g.textContent).join(''),
                 getComputedStyle(r.querySelector('.gc-address')).userSelect];"
    ));
    let groups: Vec<String> = serde_json::from_str(&JSON::stringify(&groups).unwrap().as_string().unwrap()).unwrap();
    assert_eq!(groups, ["TTYj9tqNtCrb9nay5vwnkQp2dBAPvW48TJ", "all"]);
    js(&format!(
        "document.getElementById('{id}').shadowRoot.querySelector('.gc-copy-button[aria-label=\"Copy the address\"]').click();"
    ));
    until("the confirmation", || text(&id).contains("Copied")).await;
    assert_eq!(js("return window.__copied;").as_string().unwrap(), "TTYj9tqNtCrb9nay5vwnkQp2dBAPvW48TJ");
    let announced = js(&format!(
        "return [...document.getElementById('{id}').shadowRoot.querySelectorAll('.gc-copy-status[role=status]')].map((s) => s.textContent).join('|');"
    ));
    assert!(announced.as_string().unwrap().contains("Copied"), "said to screen readers too");
    // Only the address's button says so, and for two seconds.
    let copied = js(&format!(
        "return [...document.getElementById('{id}').shadowRoot.querySelectorAll('.gc-copy-button[data-copied=true]')].map((b) => b.getAttribute('aria-label'));"
    ));
    assert_eq!(JSON::stringify(&copied).unwrap().as_string().unwrap(), r#"["Copy the address"]"#);
    advance(1_900).await;
    assert!(text(&id).contains("Copied"), "still shown before two seconds");
    advance(100).await;
    assert!(!text(&id).contains("Copied"), "faded after two seconds: {}", text(&id));
    js(&format!("document.getElementById('{id}').shadowRoot.querySelector('.gc-copy-button[aria-label=\"Copy the amount\"]').click();"));
    until("the amount copied", || js("return window.__copied;").as_string().as_deref() == Some("11.944214")).await;
    // Each button says its own: the address copied after the amount leaves
    // the amount's "Copied" in place.
    js(&format!(
        "document.getElementById('{id}').shadowRoot.querySelector('.gc-copy-button[aria-label=\"Copy the address\"]').click();"
    ));
    until("the address copied", || {
        js("return window.__copied;").as_string().as_deref() == Some("TTYj9tqNtCrb9nay5vwnkQp2dBAPvW48TJ")
    })
    .await;
    until("both buttons say so", || {
        let copied = js(&format!(
            "return document.getElementById('{id}').shadowRoot.querySelectorAll('.gc-copy-button[data-copied=true]').length;"
        ));
        copied.as_f64() == Some(2.0)
    })
    .await;
    // What is copied is the invoice's own value, not what a script on the
    // page wrote on the button.
    js("window.__copied = undefined;");
    js(&format!(
        "const b = document.getElementById('{id}').shadowRoot.querySelector('.gc-copy-button[aria-label=\"Copy the address\"]');
         b.setAttribute('data-copy', 'TAttackerAddressAttackerAddress00'); b.click();"
    ));
    settle().await;
    assert!(js("return window.__copied;").is_undefined(), "a rewritten button copies nothing");
    widget.destroy();
    js("delete navigator.clipboard;");
    real_time();
}

#[wasm_bindgen_test]
async fn the_russian_widget_shows_no_english_sentence() {
    use getcrypto_widget::i18n::EN;
    let english = [
        EN.choose_coin(),
        EN.choose_network(),
        EN.network(),
        EN.change(),
        EN.send_exactly(),
        EN.address(),
        EN.copy(),
        EN.time_left(),
        EN.waiting(),
        EN.scan(),
        EN.invoice(),
        "Send BTC only",
        "Pay ",
    ];
    fake_api(&format!(
        "[{}, {}]",
        route("GET", "/v1/widget", 200, DOCS_WIDGET),
        route("POST", "/v1/invoices", 200, &invoice("pending", r#","cryptocurrency":"btc","network":"btc""#))
    ));
    let id = mount_point();
    let w = init("KEY".into(), id.as_str().into(), params(r#","language":"ru""#)).unwrap();
    loaded(&id).await;
    click(&id, "[data-coin=btc]");
    until("the pay button", || exists(&id, ".gc-pay")).await;
    let choosing = text(&id);
    click(&id, ".gc-pay");
    until("the invoice", || exists(&id, ".gc-address")).await;
    for view in [choosing, text(&id)] {
        for phrase in english {
            assert!(!view.contains(phrase), "English {phrase:?} in: {view}");
        }
    }
    w.destroy();
}

#[wasm_bindgen_test]
async fn open_in_wallet_links_the_exact_payment_on_its_network() {
    const ETH: &str = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    const BTC: &str = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";
    let cases: [(&str, &str, &str, &str, Option<String>); 6] = [
        ("btc", "btc", BTC, "0.000451", Some(format!("bitcoin:{BTC}?amount=0.000451"))),
        ("eth", "eth", ETH, "0.007131", Some(format!("ethereum:{ETH}?value=7131000000000000"))),
        (
            "usdt",
            "erc20",
            ETH,
            "11.944214",
            Some(format!(
                "ethereum:0xdAC17F958D2ee523a2206206994597C13D831ec7/transfer?address={ETH}&uint256=11944214"
            )),
        ),
        (
            "usdc",
            "erc20",
            ETH,
            "11.941625",
            Some(format!(
                "ethereum:0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48/transfer?address={ETH}&uint256=11941625"
            )),
        ),
        ("usdt", "bep20", ETH, "11.944214", None),
        ("usdt", "trc20", "TTYj9tqNtCrb9nay5vwnkQp2dBAPvW48TJ", "11.944214", None),
    ];
    for (coin, network, address, amount, href) in cases {
        let extra =
            format!(r#","cryptocurrency":"{coin}","network":"{network}","address":"{address}","amount":"{amount}""#);
        let (id, widget) = with_invoice("pending", &extra).await;
        until("the payment details", || exists(&id, ".gc-address")).await;
        assert_eq!(wallet_href(&id), href, "{coin} on {network}");
        if href.is_some() {
            assert_eq!(text_of(&id, "a.gc-wallet"), "Open in wallet");
        }
        widget.destroy();
    }
}

#[wasm_bindgen_test]
async fn a_hostile_address_gets_no_wallet_link() {
    for address in [
        "javascript:alert(1)//bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5md\\\"q",
        "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq onclick=alert(1)",
        "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq\\njavascript:alert(1)",
    ] {
        let extra = format!(r#","cryptocurrency":"btc","network":"btc","address":"{address}","amount":"0.000451""#);
        let (id, widget) = with_invoice("pending", &extra).await;
        until("the payment details", || exists(&id, ".gc-address")).await;
        assert_eq!(wallet_href(&id), None, "{address}");
        assert!(!exists(&id, "a[href^=javascript], a[onclick]"));
        widget.destroy();
    }
}

#[wasm_bindgen_test]
async fn a_page_that_destroys_the_widget_on_hearing_its_invoice_leaves_nothing_running() {
    fake_api(&format!(
        "[{}, {}, {}]",
        route("GET", "/v1/widget", 200, DOCS_WIDGET),
        route("POST", "/v1/invoices", 200, &invoice("pending", "")),
        route("GET", "/v1/invoices/", 200, &invoice("pending", ""))
    ));
    let id = mount_point();
    let widget = init("KEY".into(), id.as_str().into(), params("")).unwrap();
    // The handle as the page holds it, destroyed in the page's listener the
    // moment the invoice is told.
    let handle: JsValue = widget.into();
    js_sys::Reflect::set(&js_sys::global(), &"__destroyOnInvoice".into(), &handle).unwrap();
    js(&format!(
        "document.getElementById('{id}').addEventListener('getcrypto:invoice', () => window.__destroyOnInvoice.destroy());"
    ));
    loaded(&id).await;
    click(&id, "[data-coin=usdt]");
    until("the networks", || exists(&id, "[data-network=trc20]")).await;
    click(&id, "[data-network=trc20]");
    until("the pay button", || exists(&id, ".gc-pay")).await;
    // The payment view's countdown ticks on an interval while it lives.
    js("window.__intervals = new Set();
        window.__setInterval = window.setInterval; window.__clearInterval = window.clearInterval;
        window.setInterval = (...a) => { const i = window.__setInterval(...a); window.__intervals.add(i); return i; };
        window.clearInterval = (i) => { window.__intervals.delete(i); return window.__clearInterval(i); };");
    click(&id, ".gc-pay");
    until("the invoice told", || events(&id).iter().any(|e| e["name"] == "invoice")).await;
    settle().await;
    real_wait(50).await;
    settle().await;
    let running = js("const n = window.__intervals.size;
        window.setInterval = window.__setInterval; window.clearInterval = window.__clearInterval;
        return n;");
    assert_eq!(running.as_f64(), Some(0.0), "an interval of the destroyed widget still runs");
    assert_eq!(count("GET", "/v1/invoices/"), 0, "no status check after destroy: {:?}", requests());
    let left = js(&format!("return document.getElementById('{id}').shadowRoot.childNodes.length;"));
    assert_eq!(left.as_f64(), Some(0.0), "nothing left in the element");
}
