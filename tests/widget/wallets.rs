//! Paying from a browser wallet: EIP-6963 and injected EVM wallets, and
//! TronLink for TRC20.

use crate::support::*;

#[wasm_bindgen_test]
async fn a_browser_wallet_sends_exactly_one_exact_transaction_on_the_right_chain() {
    let transfer =
        |units: &str| format!("0xa9059cbb0000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed{units}");
    let cases = [
        (
            "eth",
            "eth",
            "0.007131",
            "0x1",
            serde_json::json!({ "from": ACCOUNT, "to": PAYEE, "value": "0x19559b51e4b000" }),
        ),
        (
            "usdt",
            "erc20",
            "11.944214",
            "0x1",
            serde_json::json!({ "from": ACCOUNT, "to": "0xdAC17F958D2ee523a2206206994597C13D831ec7",
                "data": transfer("0000000000000000000000000000000000000000000000000000000000b64116") }),
        ),
        (
            "usdc",
            "erc20",
            "11.941625",
            "0x1",
            serde_json::json!({ "from": ACCOUNT, "to": "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48",
                "data": transfer("0000000000000000000000000000000000000000000000000000000000b636f9") }),
        ),
        (
            "usdt",
            "bep20",
            "11.944214",
            "0x38",
            serde_json::json!({ "from": ACCOUNT, "to": "0x55d398326f99059fF775485246999027B3197955",
                "data": transfer("000000000000000000000000000000000000000000000000a5c25f598f3f6000") }),
        ),
    ];
    for (coin, network, amount, chain, tx) in cases {
        fake_wallets("6963");
        let extra =
            format!(r#","cryptocurrency":"{coin}","network":"{network}","address":"{PAYEE}","amount":"{amount}""#);
        let (id, widget) = with_invoice("pending", &extra).await;
        until("the wallets", || exists(&id, "[data-wallet=uuid-2]")).await;
        assert_eq!(text_of(&id, "[data-wallet=uuid-1]"), "Wallet One");
        assert!(exists(&id, "[data-wallet=uuid-1] img[src^='data:image/svg+xml']"), "an image icon is shown");
        assert!(!exists(&id, "[data-wallet=uuid-2] img"), "a URL is never an icon");
        click(&id, "[data-wallet=uuid-2]");
        until("the transaction", || exists(&id, ".gc-tx")).await;
        let calls = wallet_calls();
        assert!(calls.iter().all(|c| c["wallet"] == "Wallet Two"), "only the wallet picked: {calls:?}");
        let asked: Vec<_> =
            calls.iter().map(|c| (c["method"].as_str().unwrap().to_owned(), c["params"].clone())).collect();
        assert_eq!(
            asked,
            [
                ("eth_requestAccounts".to_owned(), serde_json::Value::Null),
                ("wallet_switchEthereumChain".to_owned(), serde_json::json!([{ "chainId": chain }])),
                ("eth_sendTransaction".to_owned(), serde_json::json!([tx])),
            ],
            "{coin} on {network}"
        );
        assert_eq!(text_of(&id, ".gc-tx"), format!("0x{}", "ab".repeat(32)));
        assert!(
            exists(&id, ".gc-payment[data-status=pending]") && !exists(&id, ".gc-paid"),
            "the API says when it is paid"
        );
        let sent = events(&id).into_iter().find(|e| e["name"] == "transaction").expect("getcrypto:transaction");
        assert_eq!(
            sent["detail"],
            serde_json::json!({ "invoice_id": "in_64e5a94d9c3f4", "hash": format!("0x{}", "ab".repeat(32)), "wallet": "Wallet Two" })
        );
        widget.destroy();
    }
}

#[wasm_bindgen_test]
async fn a_wallet_without_the_chain_is_given_it_then_switched() {
    fake_wallets("6963");
    js("window.__wallet.unknownChain = true;");
    let extra = format!(r#","cryptocurrency":"usdc","network":"bep20","address":"{PAYEE}","amount":"1""#);
    let (id, widget) = with_invoice("pending", &extra).await;
    until("the wallets", || exists(&id, "[data-wallet=uuid-1]")).await;
    click(&id, "[data-wallet=uuid-1]");
    until("the transaction", || exists(&id, ".gc-tx")).await;
    let methods: Vec<_> = wallet_calls().iter().map(|c| c["method"].as_str().unwrap().to_owned()).collect();
    assert_eq!(
        methods,
        [
            "eth_requestAccounts",
            "wallet_switchEthereumChain",
            "wallet_addEthereumChain",
            "wallet_switchEthereumChain",
            "eth_sendTransaction"
        ]
    );
    let added = &wallet_calls()[2]["params"][0];
    assert_eq!((added["chainId"].as_str(), added["nativeCurrency"]["symbol"].as_str()), (Some("0x38"), Some("BNB")));
    widget.destroy();
}

#[wasm_bindgen_test]
async fn a_refusal_in_the_wallet_and_a_double_press_send_nothing_more() {
    fake_wallets("injected");
    js("window.__wallet.reject = true;");
    let extra = format!(r#","cryptocurrency":"eth","network":"eth","address":"{PAYEE}","amount":"0.007131""#);
    let (id, widget) = with_invoice("pending", &extra).await;
    until("the wallet", || exists(&id, "[data-wallet=injected]")).await;
    assert_eq!(
        text_of(&id, "[data-wallet=injected]"),
        "Browser wallet",
        "window.ethereum, where none announces itself"
    );
    click(&id, "[data-wallet=injected]");
    until("the calm line", || text(&id).contains("You cancelled in your wallet.")).await;
    assert!(exists(&id, ".gc-address") && exists(&id, "a.gc-wallet"), "the payment view stays as it was");
    let sends = || wallet_calls().iter().filter(|c| c["method"] == "eth_sendTransaction").count();
    assert_eq!(sends(), 1);
    js("window.__wallet.reject = false; window.__wallet.hold = true;");
    // Two presses in one frame: the second meets the first's request in flight.
    js(&format!(
        "const b = document.getElementById('{id}').shadowRoot.querySelector('[data-wallet=injected]'); b.click(); b.click();"
    ));
    until("the wallet asked", || sends() == 2).await;
    settle().await;
    let asked = wallet_calls().iter().filter(|c| c["method"] == "eth_requestAccounts").count();
    assert_eq!((asked, sends()), (2, 2), "one more request, not two");
    assert!(exists(&id, "[data-wallet=injected][disabled]"));
    js("window.__wallet.release();");
    until("the transaction", || exists(&id, ".gc-tx")).await;
    assert_eq!(text_of(&id, ".gc-tx"), format!("0x{}", "cd".repeat(32)));
    widget.destroy();
}

#[wasm_bindgen_test]
async fn no_browser_wallet_where_it_cannot_pay_exactly() {
    fake_wallets("6963");
    js("delete window.tronLink;");
    for extra in [
        r#","cryptocurrency":"usdt","network":"trc20""#.to_owned(),
        r#","cryptocurrency":"btc","network":"btc","address":"bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq","amount":"0.000451""#.to_owned(),
        format!(r#","cryptocurrency":"usdt","network":"erc20","address":"{PAYEE}","amount":"0.0000001""#),
    ] {
        let (id, widget) = with_invoice("pending", &extra).await;
        until("the payment details", || exists(&id, ".gc-address")).await;
        settle().await;
        assert!(!exists(&id, ".gc-wallets"), "{extra}");
        widget.destroy();
    }
    assert!(wallet_calls().is_empty());
}

#[wasm_bindgen_test]
async fn tronlink_pays_trc20_with_one_exact_transfer() {
    fake_tronlink();
    let (id, widget) = with_invoice("pending", "").await;
    until("TronLink", || exists(&id, "[data-wallet=tronlink]")).await;
    assert_eq!(text_of(&id, "[data-wallet=tronlink]"), "TronLink");
    click(&id, "[data-wallet=tronlink]");
    until("the transaction", || exists(&id, ".gc-tx")).await;
    assert_eq!(
        tron_calls(),
        serde_json::json!([
            ["request", "tron_requestAccounts"],
            ["at", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"],
            ["transfer", "TTYj9tqNtCrb9nay5vwnkQp2dBAPvW48TJ", "11944214"],
            ["send", { "feeLimit": 100_000_000 }]
        ])
    );
    assert_eq!(text_of(&id, ".gc-tx"), "f".repeat(64));
    assert!(exists(&id, ".gc-payment[data-status=pending]"), "the API says when it is paid");
    let sent = events(&id).into_iter().find(|e| e["name"] == "transaction").expect("getcrypto:transaction");
    assert_eq!(sent["detail"]["wallet"], "TronLink");
    widget.destroy();

    js("window.__tron.reject = true; window.__tron.calls = [];");
    let (id, widget) = with_invoice("pending", "").await;
    until("TronLink", || exists(&id, "[data-wallet=tronlink]")).await;
    click(&id, "[data-wallet=tronlink]");
    until("the calm line", || text(&id).contains("You cancelled in your wallet.")).await;
    assert_eq!(tron_calls().as_array().map(Vec::len), Some(4), "one send, refused, and nothing after it");
    widget.destroy();
    js("delete window.tronLink;");
}
