//! The docs' own example bodies, verbatim, as fixtures for every side's
//! tests: the wire types, the sandbox and the widget are all checked
//! against these same bytes.

/// The `GET v1/widget` example answer.
pub const WIDGET_RESPONSE: &str = r#"{
    "data": {
        "project_name": "Test",
        "success_url": "https://api.getcrypto.finance/success",
        "fail_url": "https://api.getcrypto.finance/fail",
        "methods": {
            "usdt": {"id": 1, "label": "USDT", "networks": {"bep20": {"id": 1, "label": "BEP20"}, "trc20": {"id": 2, "label": "TRC20"}, "erc20": {"id": 3, "label": "ERC20"}}},
            "usdc": {"id": 2, "label": "USDC", "networks": {"bep20": {"id": 4, "label": "BEP20"}, "trc20": {"id": 5, "label": "TRC20"}, "erc20": {"id": 6, "label": "ERC20"}}},
            "btc": {"id": 3, "label": "BTC", "networks": {"btc": {"id": 7, "label": "BTC"}}},
            "eth": {"id": 4, "label": "ETH", "networks": {"eth": {"id": 8, "label": "ETH"}}}
        },
        "amounts": {"usdt": 11.944214, "usdc": 11.941625, "btc": 0.000451, "eth": 0.007131}
    },
    "status": true
}"#;

/// The `GET v1/widget` example query.
pub const WIDGET_QUERY: &str = "project_id=pr_64e5a94d9c3f4&currency=eur&language=en&amount=11&order_id=ORD_123";

/// The `POST v1/invoices` example body (which sends `btc` over `bep20`).
pub const CREATE_REQUEST: &str = r#"{
    "language": "en",
    "input_amount": 9,
    "currency": "rub",
    "cryptocurrency": "btc",
    "project_id": "pr_64e5a94d9c3f4",
    "order_id": "ORD_123",
    "network": "bep20",
    "custom_fields": "{\"custom_field_1\": \"value_1\", \"custom_field_2\": \"value_2\"}"
}"#;

/// The `GET v1/invoices/{id}` example answer (400).
pub const INVOICE_NOT_FOUND: &str = r#"{
    "status": false,
    "message": "Invoice does not exist or does not belong to this key"
}"#;

/// The message of [`INVOICE_NOT_FOUND`], for the sandbox to answer with and
/// the tests to expect.
pub const INVOICE_NOT_FOUND_MESSAGE: &str = "Invoice does not exist or does not belong to this key";

#[cfg(test)]
mod tests {
    #[test]
    fn the_message_is_the_docs_own() {
        assert!(super::INVOICE_NOT_FOUND.contains(&format!("\"{}\"", super::INVOICE_NOT_FOUND_MESSAGE)));
    }
}
