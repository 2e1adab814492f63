//! The coins' request sent by the loader at `init`, while the wasm
//! downloads: adopted once, never for an input the widget refuses, aborted
//! on destroy, superseded by a second `init`.

use crate::support::*;

#[wasm_bindgen_test]
async fn the_early_request_leaves_before_the_widget_and_is_adopted_once() {
    fake_api(&format!("[{}]", route("GET", "/v1/widget", 200, DOCS_WIDGET)));
    let id = mount_point();
    let (key, el, p) = (JsValue::from("KEY"), JsValue::from(id.as_str()), params(""));
    let early = send_early(&key, &el, &p);
    assert!(!early.is_null(), "the docs' parameters are sent early");
    tick().await;
    assert_eq!(requests().len(), 1, "sent before the widget exists");
    let w = getcrypto_widget::boundary::init(key, el, p, early, JsValue::UNDEFINED).unwrap();
    loaded(&id).await;
    assert_eq!(count("GET", "/v1/widget"), 1, "the widget took the early answer instead of asking again");
    // A later reload of the choices asks anew: the early answer was used once.
    w.destroy();
}

#[wasm_bindgen_test]
async fn an_init_the_widget_refuses_sends_nothing_early() {
    fake_api(&format!("[{}]", route("GET", "/v1/widget", 200, DOCS_WIDGET)));
    let id = mount_point();
    let bad = [
        r#","currency":"gbp""#,
        r#","language":"deutsch""#,
        r#","amount":-1"#,
        r#","amount":0"#,
        r#","amount":"11,5""#,
        r#","amount":"1e2""#,
        r#","project_id":"64e5a94d9c3f4""#,
        r#","order_id":"""#,
        r#","order_id":" ""#,
        r#","custom_fields":"{x""#,
        r#","custom_fields":[1]"#,
        r#","api_base":"javascript:alert(1)""#,
        r#","api_base":"https://""#,
    ];
    for extra in bad {
        let early = send_early(&"KEY".into(), &id.as_str().into(), &params(extra));
        assert!(early.is_null(), "{extra} is not sent early");
    }
    for key in ["", "  ", "a key"] {
        assert!(send_early(&key.into(), &id.as_str().into(), &params("")).is_null(), "key {key:?}");
    }
    assert!(send_early(&"KEY".into(), &"no-such-element".into(), &params("")).is_null(), "no element");
    tick().await;
    assert_eq!(requests().len(), 0, "nothing reached the API");
}

#[wasm_bindgen_test]
async fn an_early_request_that_is_not_the_widgets_is_aborted_never_read() {
    fake_api(r#"[{"method":"GET","path":"/v1/widget","never":true}]"#);
    let id = mount_point();
    let early = send_early(&"KEY".into(), &id.as_str().into(), &order("ORD_OLD"));
    tick().await;
    js(&format!("window.__gc.routes = [{}];", route("GET", "/v1/widget", 200, DOCS_WIDGET)));
    // The page's parameters changed before the wasm arrived: another order.
    let w = getcrypto_widget::boundary::init(
        "KEY".into(),
        id.as_str().into(),
        order("ORD_NEW"),
        early.clone(),
        JsValue::UNDEFINED,
    )
    .unwrap();
    loaded(&id).await;
    assert!(early_controller(&early).signal().aborted(), "the stale one is aborted");
    let asked: Vec<_> = requests().iter().map(|r| r["query"].as_str().unwrap_or_default().to_owned()).collect();
    assert_eq!(asked.len(), 2, "{asked:?}");
    assert!(asked[1].ends_with("order_id=ORD_NEW"), "{asked:?}");
    w.destroy();
}

#[wasm_bindgen_test]
async fn destroy_before_the_answer_aborts_the_early_request() {
    fake_api(r#"[{"method":"GET","path":"/v1/widget","never":true}]"#);
    let id = mount_point();
    let early = send_early(&"KEY".into(), &id.as_str().into(), &params(""));
    tick().await;
    let w = getcrypto_widget::boundary::init(
        "KEY".into(),
        id.as_str().into(),
        params(""),
        early.clone(),
        JsValue::UNDEFINED,
    )
    .unwrap();
    w.destroy();
    assert!(early_controller(&early).signal().aborted());
    assert_eq!(requests().len(), 1);
}

#[wasm_bindgen_test]
async fn a_second_init_on_the_element_supersedes_the_first_before_it_leaves() {
    fake_api(&format!("[{}]", route("GET", "/v1/widget", 200, DOCS_WIDGET)));
    let id = mount_point();
    // React's StrictMode: mounted, unmounted and mounted again at once.
    let first = send_early(&"KEY".into(), &id.as_str().into(), &params(""));
    let second = send_early(&"KEY".into(), &id.as_str().into(), &params(""));
    tick().await;
    assert!(early_controller(&first).signal().aborted());
    assert_eq!(requests().len(), 1, "one request left");
    let w = getcrypto_widget::boundary::init("KEY".into(), id.as_str().into(), params(""), second, JsValue::UNDEFINED)
        .unwrap();
    loaded(&id).await;
    assert_eq!(requests().len(), 1);
    w.destroy();
}

#[wasm_bindgen_test]
async fn coins_already_in_hand_are_the_first_render_and_a_failure_reads_as_before() {
    fake_api(&format!("[{}]", route("GET", "/v1/widget", 200, DOCS_WIDGET)));
    let id = mount_point();
    let early = send_early(&"KEY".into(), &id.as_str().into(), &params(""));
    until("the early answer, read", || early_answered(&early)).await;
    let w = getcrypto_widget::boundary::init("KEY".into(), id.as_str().into(), params(""), early, JsValue::UNDEFINED)
        .unwrap();
    flush().await;
    assert!(exists(&id, "[data-coin=usdt]"), "the coins in the first render");
    assert!(!exists(&id, ".gc-skeleton"));
    until("ready", || events(&id).iter().any(|e| e["name"] == "ready")).await;
    settle().await;
    assert_eq!(requests().len(), 1);
    w.destroy();

    // A failing answer in hand is read by the widget's usual rules.
    fake_api(&format!("[{}]", route("GET", "/v1/widget", 503, "")));
    let id = mount_point();
    let early = send_early(&"KEY".into(), &id.as_str().into(), &params(""));
    until("the early answer, read", || early_answered(&early)).await;
    let w = getcrypto_widget::boundary::init("KEY".into(), id.as_str().into(), params(""), early, JsValue::UNDEFINED)
        .unwrap();
    until("the error", || exists(&id, ".gc-error button")).await;
    assert!(text(&id).contains("The payment service answered with an error (503)."));
    js(&format!("window.__gc.routes = [{}];", route("GET", "/v1/widget", 200, DOCS_WIDGET)));
    click(&id, ".gc-error button");
    loaded(&id).await;
    assert_eq!(requests().len(), 2, "the retry asks anew");
    w.destroy();

    // An invoice kept for the order still comes first: no coins flash.
    echo_api();
    kept_from_an_earlier_visit("in_kept", "ORD_123", "{}", "in_kept|pending");
    let id = mount_point();
    let early = send_early(&"KEY".into(), &id.as_str().into(), &params(""));
    until("the early answer, read", || early_answered(&early)).await;
    let w = getcrypto_widget::boundary::init("KEY".into(), id.as_str().into(), params(""), early, JsValue::UNDEFINED)
        .unwrap();
    flush().await;
    assert!(!exists(&id, "[data-coin]"), "no choices before the kept invoice");
    until("the kept invoice", || exists(&id, ".gc-payment[data-invoice=in_kept]")).await;
    assert_eq!(count("GET", "/v1/widget"), 1, "the early answer was still the one used");
    w.destroy();
}
