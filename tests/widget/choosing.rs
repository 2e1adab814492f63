//! Choosing a coin and a network before the invoice exists.

use crate::support::*;

#[wasm_bindgen_test]
async fn extra_fields_are_ignored_and_an_unknown_coin_is_shown_but_never_sent() {
    let odd = DOCS_WIDGET.replacen(
        r#""methods": {"#,
        r#""new_field": [1, 2], "methods": {"doge": {"id": 9, "label": "DOGE", "extra": true, "networks": {"doge": {"id": 99, "label": "DOGECHAIN"}}},"#,
        1,
    )
    .replacen(r#""amounts": {"#, r#""amounts": {"doge": 100, "#, 1);
    assert!(odd.contains("DOGECHAIN") && odd.contains(r#""doge": 100"#), "the fixture took the coin");
    fake_api(&format!("[{}]", route("GET", "/v1/widget", 200, &odd)));
    let id = mount_point();
    let widget = init("KEY".into(), id.as_str().into(), params("")).unwrap();
    until("the coins", || exists(&id, "[data-coin=doge]")).await;
    click(&id, "[data-coin=doge]");
    until("its network, chosen by itself", || text(&id).contains("DOGECHAIN")).await;
    until("the pay button", || exists(&id, ".gc-pay")).await;
    click(&id, ".gc-pay");
    until("the refusal", || text(&id).contains("The selected cryptocurrency is invalid")).await;
    assert_eq!(posts(), 0, "a coin the API's rules refuse is never sent");
    widget.destroy();
}

#[wasm_bindgen_test]
async fn the_network_can_be_changed_before_the_invoice_exists() {
    fake_api(&format!("[{}]", route("GET", "/v1/widget", 200, DOCS_WIDGET)));
    let id = mount_point();
    let w = init("KEY".into(), id.as_str().into(), params("")).unwrap();
    loaded(&id).await;
    click(&id, "[data-coin=usdt]");
    until("networks", || exists(&id, "[data-network=erc20]")).await;
    click(&id, "[data-network=erc20]");
    until("the notice", || text(&id).contains("Send USDT only on the ERC20 network")).await;
    click(&id, ".gc-network-notice .gc-link");
    until("the choice undone", || !exists(&id, ".gc-pay")).await;
    click(&id, "[data-network=bep20]");
    until("the new notice", || text(&id).contains("Send USDT only on the BEP20 network")).await;
    assert_eq!(posts(), 0);
    w.destroy();
}
