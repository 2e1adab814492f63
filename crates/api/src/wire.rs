//! The bodies that cross the wire, as the docs show them (`v1/widget`, the
//! create request, the error envelope) and as CONTRACT.md defines the
//! invoice, which the docs do not show.

use crate::amount::{Amount, NumberAmount};
use crate::enums::{Crypto, Currency, Language, Network, Status};
use crate::ordered::OrderedMap;
use serde::{Deserialize, Serialize};

/// `GET v1/widget`'s query parameters, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct WidgetQuery {
    pub project_id: String,
    pub currency: Currency,
    pub language: Language,
    pub amount: Amount,
    pub order_id: String,
}

impl WidgetQuery {
    /// The pairs of the query string, in the docs' order.
    pub fn pairs(&self) -> [(&'static str, &str); 5] {
        [
            ("project_id", &self.project_id),
            ("currency", self.currency.as_str()),
            ("language", self.language.as_str()),
            ("amount", self.amount.as_str()),
            ("order_id", &self.order_id),
        ]
    }
}

/// `{"status": true, "data": ...}`: every successful answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Envelope<T> {
    pub data: T,
    pub status: bool,
}

/// `{"status": false, "message": ..., "errors": {...}}`: every refusal. The
/// docs show `message`; `errors` is Laravel's per-field list on a 422.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub status: bool,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<OrderedMap<Vec<String>>>,
}

/// What a client reads of a refusal: that it is one, and its message. The
/// per-field `errors` of [`ErrorBody`] are skipped unread, so a client that
/// only shows the message ships no reader for them.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Refusal {
    pub status: bool,
    pub message: String,
}

/// `data` of `GET v1/widget`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WidgetData {
    pub project_name: String,
    #[serde(default)]
    pub success_url: Option<String>,
    #[serde(default)]
    pub fail_url: Option<String>,
    /// Coins by id (`usdt`), in the order to show them.
    pub methods: OrderedMap<Method>,
    /// The merchant's amount converted into each coin, by coin id.
    pub amounts: OrderedMap<NumberAmount>,
}

/// A cryptocurrency the project accepts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Method {
    pub id: u64,
    pub label: String,
    /// Networks by id (`trc20`), in the order to show them.
    pub networks: OrderedMap<NetworkInfo>,
}

/// A network a coin can be sent on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NetworkInfo {
    pub id: u64,
    pub label: String,
}

/// `POST v1/invoices`'s body, checked. `custom_fields` is a JSON string, as
/// the docs send it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CreateInvoice {
    pub language: Language,
    pub input_amount: NumberAmount,
    pub currency: Currency,
    pub cryptocurrency: Crypto,
    pub project_id: String,
    pub order_id: String,
    pub network: Network,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<String>,
}

/// An invoice, as `POST v1/invoices` and `GET v1/invoices/{id}` return it.
///
/// Coin and network stay strings: an invoice the API made for a coin this
/// widget does not know is still shown, not refused.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Invoice {
    pub id: String,
    pub status: Status,
    #[serde(default)]
    pub project_id: String,
    #[serde(default)]
    pub order_id: String,
    #[serde(default)]
    pub input_amount: Option<Amount>,
    #[serde(default)]
    pub currency: String,
    pub cryptocurrency: String,
    pub network: String,
    pub amount: Amount,
    #[serde(default = "zero")]
    pub amount_paid: Amount,
    pub address: String,
    #[serde(default)]
    pub confirmations: u32,
    #[serde(default)]
    pub confirmations_required: u32,
    #[serde(default)]
    pub created_at: String,
    pub expires_at: String,
    #[serde(default)]
    pub success_url: Option<String>,
    #[serde(default)]
    pub fail_url: Option<String>,
}

fn zero() -> Amount {
    Amount::zero()
}

impl Invoice {
    /// What the payer still has to send; the whole amount until something
    /// arrives.
    pub fn amount_due(&self) -> Amount {
        self.amount.saturating_sub(&self.amount_paid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::examples::{INVOICE_NOT_FOUND, INVOICE_NOT_FOUND_MESSAGE, WIDGET_RESPONSE as DOCS_WIDGET};

    #[test]
    fn a_refusal_is_read_with_its_field_errors_skipped() {
        let body = r#"{"status":false,"message":"The given data was invalid.","errors":{"network":["The selected network is invalid."]}}"#;
        let refusal: Refusal = serde_json::from_str(body).unwrap();
        assert_eq!(refusal, Refusal { status: false, message: "The given data was invalid.".into() });
        let full: ErrorBody = serde_json::from_str(body).unwrap();
        assert_eq!(full.message, refusal.message, "the same message as the sandbox's full body");
    }

    #[test]
    fn reads_the_docs_widget_example() {
        let env: Envelope<WidgetData> = serde_json::from_str(DOCS_WIDGET).unwrap();
        assert!(env.status);
        let d = env.data;
        assert_eq!(d.project_name, "Test");
        assert_eq!(d.success_url.as_deref(), Some("https://api.getcrypto.finance/success"));
        let coins: Vec<_> = d.methods.iter().map(|(k, m)| (k, m.id, m.label.as_str())).collect();
        assert_eq!(coins, [("usdt", 1, "USDT"), ("usdc", 2, "USDC"), ("btc", 3, "BTC"), ("eth", 4, "ETH")]);
        let usdc: Vec<_> =
            d.methods.get("usdc").unwrap().networks.iter().map(|(k, n)| (k, n.id, n.label.as_str())).collect();
        assert_eq!(usdc, [("bep20", 4, "BEP20"), ("trc20", 5, "TRC20"), ("erc20", 6, "ERC20")]);
        let amounts: Vec<_> = d.amounts.iter().map(|(k, a)| (k, a.0.as_str())).collect();
        assert_eq!(amounts, [("usdt", "11.944214"), ("usdc", "11.941625"), ("btc", "0.000451"), ("eth", "0.007131")]);
    }

    #[test]
    fn writes_the_docs_widget_example_back_unchanged() {
        let env: Envelope<WidgetData> = serde_json::from_str(DOCS_WIDGET).unwrap();
        let again: serde_json::Value = serde_json::to_value(&env).unwrap();
        let docs: serde_json::Value = serde_json::from_str(DOCS_WIDGET).unwrap();
        assert_eq!(again, docs);
    }

    #[test]
    fn reads_the_docs_error_body() {
        let e: ErrorBody = serde_json::from_str(INVOICE_NOT_FOUND).unwrap();
        assert!(!e.status);
        assert_eq!(e.message, INVOICE_NOT_FOUND_MESSAGE);
        assert_eq!(e.errors, None);
    }

    #[test]
    fn create_body_has_the_docs_fields_and_types() {
        let body = CreateInvoice {
            language: Language::En,
            input_amount: NumberAmount(Amount::parse("9").unwrap()),
            currency: Currency::Rub,
            cryptocurrency: Crypto::Btc,
            project_id: "pr_64e5a94d9c3f4".into(),
            order_id: "ORD_123".into(),
            network: Network::Btc,
            custom_fields: Some(r#"{"custom_field_1": "value_1"}"#.into()),
        };
        let v = serde_json::to_value(&body).unwrap();
        assert_eq!(
            v,
            serde_json::json!({
                "language": "en", "input_amount": 9, "currency": "rub", "cryptocurrency": "btc",
                "project_id": "pr_64e5a94d9c3f4", "order_id": "ORD_123", "network": "btc",
                "custom_fields": "{\"custom_field_1\": \"value_1\"}"
            })
        );
    }

    #[test]
    fn reads_the_contract_invoice_and_tolerates_drift() {
        let inv: Invoice = serde_json::from_str(
            r#"{"id": "in_64e5a94d9c3f4", "status": "pending", "project_id": "pr_64e5a94d9c3f4",
            "order_id": "ORD_123", "input_amount": "11", "currency": "eur", "cryptocurrency": "usdt",
            "network": "trc20", "amount": "11.944214", "amount_paid": "0",
            "address": "TXYZ", "confirmations": 0, "confirmations_required": 1,
            "created_at": "2026-11-23T10:00:00Z", "expires_at": "2026-11-23T10:30:00Z",
            "success_url": "https://shop.example/ok", "fail_url": "https://shop.example/fail",
            "something_new": {"ignored": true}}"#,
        )
        .unwrap();
        assert_eq!(inv.status, Status::Pending);
        assert_eq!(inv.amount_due().as_str(), "11.944214");
        let odd: Invoice = serde_json::from_str(
            r#"{"id": "in_1", "status": "refunded", "cryptocurrency": "doge", "network": "sol",
            "amount": 1.5, "amount_paid": 0.5, "address": "x", "expires_at": "2026-11-23T10:30:00Z"}"#,
        )
        .unwrap();
        assert_eq!(odd.status, Status::Unknown("refunded".into()));
        assert_eq!(odd.amount_due().as_str(), "1");
    }
}
