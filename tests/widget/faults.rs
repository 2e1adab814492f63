//! What goes wrong between the widget and the API: errors, a network down,
//! 429s, timeouts, hidden pages, hostile strings, and the key kept to its
//! header.

use crate::support::*;

#[wasm_bindgen_test]
async fn api_errors_are_shown_with_a_retry_where_it_helps() {
    for via_loader in ways() {
        go(via_loader);
        let cases = [
            (500, r#"{"status":false}"#, "The payment service answered with an error (500).", true),
            (401, r#"{"message":"Unauthenticated."}"#, "The store's payment settings were rejected.", false),
            (
                400,
                r#"{"status":false,"message":"Project does not exist or does not belong to this key"}"#,
                "Project does not exist or does not belong to this key",
                true,
            ),
            (200, "<html>not json</html>", "The payment service sent an answer this form cannot read.", true),
            (
                200,
                r#"{"status":true,"data":{"project_name":1}}"#,
                "The payment service sent an answer this form cannot read.",
                true,
            ),
            // Missing fields: no methods, no amounts.
            (200, r#"{"status":true,"data":{"project_name":"Test"}}"#, "cannot read", true),
            (404, "", "The payment service does not know this address.", true),
            (
                400,
                r#"{"status":false,"message":"<img src=x onerror=\"window.__pwned=9\">Refused"}"#,
                "<img src=x onerror=\"window.__pwned=9\">Refused",
                true,
            ),
            (502, "<html>Bad gateway</html>", "The payment service answered with an error (502).", true),
            (503, "", "The payment service answered with an error (503).", true),
        ];
        for (status, body, message, retry) in cases {
            fake_api(&format!("[{}]", route("GET", "/v1/widget", status, body)));
            let id = mount_point();
            let widget = init("KEY".into(), id.as_str().into(), params("")).unwrap();
            until(message, || text(&id).contains(message)).await;
            assert!(text(&id).contains("The payment form could not be loaded."));
            assert!(
                !exists(&id, "img") && js("return window.__pwned === undefined;").as_bool().unwrap(),
                "messages are text"
            );
            assert_eq!(exists(&id, ".gc-error button"), retry, "{status}: retry offered?");
            let ev = events(&id);
            assert!(
                ev.iter().any(|e| e["name"] == "error" && e["detail"]["message"].as_str().unwrap().contains(message)),
                "{ev:?}"
            );
            widget.destroy();
        }
        // The retry asks again and recovers.
        fake_api(&format!("[{}]", route("GET", "/v1/widget", 503, "")));
        let id = mount_point();
        let widget = init("KEY".into(), id.as_str().into(), params("")).unwrap();
        until("the error", || exists(&id, ".gc-error button")).await;
        js(&format!("window.__gc.routes = [{}];", route("GET", "/v1/widget", 200, DOCS_WIDGET)));
        click(&id, ".gc-error button");
        loaded(&id).await;
        assert_eq!(requests().len(), 2);
        widget.destroy();
    }
    go(false);
}

#[wasm_bindgen_test]
async fn the_network_down_is_said_so() {
    for via_loader in ways() {
        go(via_loader);
        fake_api(r#"[{"method":"GET","path":"/v1/widget","offline":true}]"#);
        let id = mount_point();
        let widget = init("KEY".into(), id.as_str().into(), params("")).unwrap();
        until("the offline message", || text(&id).contains("No connection to the payment service.")).await;
        assert!(exists(&id, ".gc-error button"));
        widget.destroy();
    }
    go(false);
}

#[wasm_bindgen_test]
async fn a_429_is_waited_out_not_retried_at_once() {
    for via_loader in ways() {
        go(via_loader);
        fake_api(
            r#"[{"method":"GET","path":"/v1/widget","status":429,"body":"{\"status\":false,\"message\":\"Too Many Attempts.\"}","headers":{"retry-after":"1"}}]"#,
        );
        fake_clock();
        let id = mount_point();
        let widget = init("KEY".into(), id.as_str().into(), params("")).unwrap();
        until("the wait", || text(&id).contains("Trying again in 1 second.")).await;
        assert!(!exists(&id, ".gc-error button"), "no button to retry at once");
        js(&format!("window.__gc.routes = [{}];", route("GET", "/v1/widget", 200, DOCS_WIDGET)));
        advance(999).await;
        assert_eq!(requests().len(), 1, "nothing before Retry-After has passed");
        advance(1).await;
        loaded(&id).await;
        assert_eq!(requests().len(), 2);
        widget.destroy();
        real_time();
    }
    go(false);
}

#[wasm_bindgen_test]
async fn a_refused_invoice_shows_the_apis_message_and_can_be_retried() {
    let refusal = r#"{"status":false,"message":"The selected network is invalid.","errors":{"network":["The selected network is invalid."]}}"#;
    fake_api(&format!(
        "[{}, {}]",
        route("GET", "/v1/widget", 200, DOCS_WIDGET),
        route("POST", "/v1/invoices", 422, refusal)
    ));
    let (id, widget) = confirm_btc().await;
    until("the refusal", || text(&id).contains("The selected network is invalid.")).await;
    assert!(text(&id).contains("The invoice could not be created."));
    assert!(exists(&id, ".gc-pay:not([disabled])"), "the payer may try again");
    widget.destroy();
}

#[wasm_bindgen_test]
async fn api_strings_are_text_never_markup() {
    let hostile = DOCS_WIDGET
        .replace(r#""project_name": "Test""#, r#""project_name":"<img src=x onerror=\"window.__pwned=1\">Shop""#)
        .replace(r#""label": "USDT""#, r#""label":"<b id=injected>USDT</b>""#);
    assert!(hostile.contains("onerror") && hostile.contains("injected"), "the fixture took the payloads");
    fake_api(&format!("[{}]", route("GET", "/v1/widget", 200, &hostile)));
    let id = mount_point();
    let widget = init("KEY".into(), id.as_str().into(), params("")).unwrap();
    loaded(&id).await;
    assert!(text(&id).contains("<img src=x onerror=\"window.__pwned=1\">Shop"));
    assert!(text(&id).contains("<b id=injected>USDT</b>"));
    assert!(!exists(&id, "img") && !exists(&id, "#injected"));
    assert!(js("return window.__pwned === undefined;").as_bool().unwrap());
    widget.destroy();
}

#[wasm_bindgen_test]
async fn a_request_that_never_answers_times_out_and_can_be_retried() {
    for via_loader in ways() {
        go(via_loader);
        fake_api(r#"[{"method":"GET","path":"/v1/widget","never":true}]"#);
        compress_time();
        let id = mount_point();
        let w = init("KEY".into(), id.as_str().into(), params("")).unwrap();
        until("the timeout", || text(&id).contains("did not answer in time")).await;
        real_time();
        assert!(exists(&id, ".gc-error button"));
        js(&format!("window.__gc.routes = [{}];", route("GET", "/v1/widget", 200, DOCS_WIDGET)));
        click(&id, ".gc-error button");
        loaded(&id).await;
        w.destroy();
    }
    go(false);
}

#[wasm_bindgen_test]
async fn polling_stops_while_the_page_is_hidden_and_resumes_when_shown() {
    echo_api();
    js("window.__hidden = false; Object.defineProperty(document, 'hidden', { configurable: true, get: () => window.__hidden });");
    compress_time();
    let id = mount_point();
    let w = init("KEY".into(), id.as_str().into(), order("ORD_V1")).unwrap();
    pay_with_usdt_trc20(&id).await;
    let polls = || requests().iter().filter(|r| r["method"] == "GET" && r["path"] == "/v1/invoices/in_ORD_V1").count();
    until("a first status check", || polls() >= 1).await;
    js("window.__hidden = true;");
    real_wait(60).await; // a check already under way may still land
    let hidden_at = polls();
    real_wait(400).await; // eight compressed polling intervals
    assert_eq!(polls(), hidden_at, "no polling while hidden");
    js("window.__hidden = false; document.dispatchEvent(new Event('visibilitychange'));");
    until("a check as soon as the page shows", || polls() > hidden_at).await;
    w.destroy();
    real_time();
    js("delete document.hidden;");
}

#[wasm_bindgen_test]
async fn failing_checks_back_off() {
    echo_api();
    compress_time();
    let id = mount_point();
    let w = init("KEY".into(), id.as_str().into(), order("ORD_B1")).unwrap();
    pay_with_usdt_trc20(&id).await;
    js(&format!("window.__idLine = document.getElementById('{id}').shadowRoot.querySelector('.gc-invoice-id');"));
    js(&format!("window.__gc.routes[2] = {};", route("GET", "/v1/invoices/", 503, "")));
    let checks = || -> Vec<f64> {
        requests()
            .iter()
            .filter(|r| r["method"] == "GET" && r["path"] == "/v1/invoices/in_ORD_B1")
            .map(|r| r["at"].as_f64().unwrap())
            .collect()
    };
    until("four failing checks", || checks().len() >= 4).await;
    let at = checks();
    let gaps: Vec<f64> = at.windows(2).map(|w| w[1] - w[0]).collect();
    // 100, 200, 400 ms compressed: each gap at least the one before.
    assert!(gaps.windows(2).all(|g| g[1] > g[0] * 1.5), "{gaps:?}");
    assert!(text(&id).contains("Could not check the payment status"));
    assert!(exists(&id, ".gc-address"), "the invoice stays on screen");
    // The notice is an alert of its own, inserted, which screen readers
    // announce; the lines after it keep their nodes.
    let placed = js(&format!(
        "const r = document.getElementById('{id}').shadowRoot, n = r.querySelector('.gc-notice');
         return [n && n.getAttribute('role'), r.querySelector('.gc-invoice-id') === window.__idLine,
                 n && n.nextElementSibling === window.__idLine].join(',');"
    ));
    assert_eq!(placed.as_string().unwrap(), "alert,true,true");
    w.destroy();
    real_time();
}

#[wasm_bindgen_test]
async fn every_string_from_the_api_stays_text() {
    let hostile_widget = serde_json::json!({
        "status": true,
        "data": {
            "project_name": format!("Shop{XSS}"), "success_url": "javascript:alert(1)", "fail_url": "data:text/html,x",
            "methods": { "usdt": { "id": 1, "label": format!("USDT{XSS}"),
                "networks": { "trc20": { "id": 2, "label": format!("TRC20{XSS}") }, "bep20": { "id": 1, "label": "BEP20" } } } },
            "amounts": { "usdt": 11.944214 }
        }
    })
    .to_string();
    let mut inv: serde_json::Value = serde_json::from_str(&invoice("refunded", "")).unwrap();
    inv["data"]["address"] = format!("T{XSS}").into();
    inv["data"]["order_id"] = format!("ORD{XSS}").into();
    inv["data"]["status"] = format!("odd{XSS}").into();
    inv["data"]["success_url"] = "javascript:alert(1)".into();
    fake_api(&format!(
        "[{}, {}, {}]",
        route("GET", "/v1/widget", 200, &hostile_widget),
        route("POST", "/v1/invoices", 200, &inv.to_string()),
        route(
            "GET",
            "/v1/invoices/",
            400,
            &serde_json::json!({"status": false, "message": format!("Bad{XSS}")}).to_string()
        )
    ));
    let id = mount_point();
    let w = init("KEY".into(), id.as_str().into(), params("")).unwrap();
    loaded(&id).await;
    assert!(text(&id).contains(&format!("Shop{XSS}")));
    click(&id, "[data-coin=usdt]");
    until("networks", || exists(&id, "[data-network=trc20]")).await;
    assert!(text(&id).contains(&format!("TRC20{XSS}")));
    click(&id, "[data-network=trc20]");
    until("pay", || exists(&id, ".gc-pay")).await;
    click(&id, ".gc-pay");
    until("the invoice", || exists(&id, ".gc-address")).await;
    let t = text(&id);
    assert!(t.contains(&format!("odd{XSS}")), "the unknown status, literally");
    let injected = js(&format!(
        "const r = document.getElementById('{id}').shadowRoot;
         return r.querySelectorAll('img, script, svg[onload], [onerror], [onload]').length;"
    ));
    assert_eq!(injected.as_f64(), Some(0.0));
    assert!(js("return window.__pwned === undefined;").as_bool().unwrap());
    assert!(!exists(&id, "a[href^=javascript]") && !exists(&id, "a[href^=data]"));
    w.destroy();
}

#[wasm_bindgen_test]
async fn the_api_key_appears_only_in_the_authorization_header() {
    const KEY: &str = "sk_secret_7f3a9";
    js("window.__console = []; for (const k of ['log','info','warn','error','debug']) { const o = console[k].bind(console);
        console[k] = (...a) => { window.__console.push(a.map(String).join(' ')); o(...a); }; }");
    echo_api();
    let id = mount_point();
    let w = init(KEY.into(), id.as_str().into(), order("ORD_K1")).unwrap();
    pay_with_usdt_trc20(&id).await;
    // A refused create and a bad init, for their messages too.
    let err: JsValue = init(KEY.into(), mount_point().as_str().into(), params(r#","currency":"gbp""#)).err().unwrap();
    let message = js_sys::Reflect::get(&err, &"message".into()).unwrap().as_string().unwrap();
    assert!(!message.contains(KEY));
    for r in requests() {
        assert!(!r["url"].as_str().unwrap().contains(KEY), "{}", r["url"]);
        assert_eq!(r["auth"], format!("Bearer {KEY}"));
    }
    let page = js("return document.documentElement.outerHTML + [...document.querySelectorAll('*')]
        .filter((e) => e.shadowRoot).map((e) => e.shadowRoot.innerHTML).join('');");
    assert!(!page.as_string().unwrap().contains(KEY), "not in the DOM");
    let console = js("return window.__console.join('\\n');").as_string().unwrap();
    assert!(!console.contains(KEY), "not in the console");
    assert!(!serde_json::to_string(&events(&id)).unwrap().contains(KEY), "not in any event");
    w.destroy();
}

#[wasm_bindgen_test]
async fn a_429_on_create_waits_then_creates_once() {
    fake_api(&format!(
        r#"[{}, {{"method":"POST","path":"/v1/invoices","status":429,"body":"{{}}","headers":{{"retry-after":"1"}}}}]"#,
        route("GET", "/v1/widget", 200, DOCS_WIDGET)
    ));
    fake_clock();
    let (id, w) = confirm_btc().await;
    until("the wait", || text(&id).contains("Trying again in 1 second.")).await;
    assert!(exists(&id, ".gc-pay[disabled]"), "no retry at once");
    js(&format!("window.__gc.routes[1] = {};", route("POST", "/v1/invoices", 200, &invoice("pending", ""))));
    advance(999).await;
    assert_eq!(posts(), 1, "nothing before Retry-After has passed");
    advance(1).await;
    until("the invoice", || exists(&id, ".gc-address")).await;
    assert_eq!(posts(), 2);
    w.destroy();
    real_time();
}

#[wasm_bindgen_test]
async fn a_page_that_destroys_the_widget_as_focus_leaves_a_removed_button_is_obeyed() {
    fake_api(&format!("[{}]", route("GET", "/v1/widget", 503, "")));
    let id = mount_point();
    let widget = init("KEY".into(), id.as_str().into(), params("")).unwrap();
    until("the error", || exists(&id, ".gc-error button")).await;
    let handle: JsValue = widget.into();
    js_sys::Reflect::set(&js_sys::global(), &"__destroyOnBlur".into(), &handle).unwrap();
    js(&format!("window.__gc.routes = [{}];", route("GET", "/v1/widget", 200, DOCS_WIDGET)));
    // Trying again replaces the error box, and the browser tells the page
    // at once that the focused button went: the page destroys the widget.
    js(&format!(
        "const host = document.getElementById('{id}');
         host.shadowRoot.querySelector('.gc-error button').focus();
         host.addEventListener('focusout', () => window.__destroyOnBlur.destroy(), {{ once: true }});"
    ));
    click(&id, ".gc-error button");
    settle().await;
    let left = js(&format!("return document.getElementById('{id}').shadowRoot.childNodes.length;"));
    assert_eq!(left.as_f64(), Some(0.0), "the widget is gone, and nothing broke on the way");
    // Still working: another widget mounts and shows the coins.
    let id = mount_point();
    let widget = init("KEY".into(), id.as_str().into(), params("")).unwrap();
    loaded(&id).await;
    widget.destroy();
}
