//! The API's validation rules, written once.
//!
//! The sandbox answers a request that breaks them with a 422 naming the
//! field; the widget checks `init`'s parameters with the same rules before it
//! sends anything. Messages follow Laravel's wording, which is what the
//! real API (a Laravel app, by its docs) answers with.

use crate::amount::{Amount, Reading};
use crate::enums::{Crypto, Currency, Language, Network};
use crate::json::is_valid_json;
use crate::wire::{CreateInvoice, WidgetQuery};

/// A project id is `pr_` followed by 13 characters (`pr_64e5a94d9c3f4`).
pub const PROJECT_ID_PREFIX: &str = "pr_";
/// The whole project id's length ("validation.size").
pub const PROJECT_ID_LEN: usize = 16;
/// `order_id` length bounds ("validation.min validation.max").
pub const ORDER_ID_MAX: usize = 255;
/// Largest accepted amount ("validation.max").
pub const AMOUNT_MAX: &str = "1000000000";
/// Smallest accepted amount ("validation.min"): a satoshi's worth of digits.
pub const AMOUNT_MIN: &str = "0.00000001";
/// `custom_fields` longer than this is refused before it is parsed.
pub const CUSTOM_FIELDS_MAX: usize = 4096;

/// One field's raw value as it arrived, before any rule ran.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Raw<'a> {
    /// Absent, or JSON `null`.
    Missing,
    /// A string (a query parameter is always one).
    Text(&'a str),
    /// A JSON number, as its literal.
    Number(&'a str),
    /// Any other JSON type, named for the message: `boolean`, `array`, `object`.
    Other(&'static str),
}

/// Errors per field, in the order the fields were checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<(String, String)>);

impl FieldErrors {
    /// Records `message` for `field`.
    pub fn add(&mut self, field: &str, message: String) {
        self.0.push((field.to_owned(), message));
    }

    /// `true` when every rule passed.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first error, with its field.
    pub fn first(&self) -> Option<(&str, &str)> {
        self.0.first().map(|(f, m)| (f.as_str(), m.as_str()))
    }

    /// Laravel's summary: the first message, then how many more.
    pub fn summary(&self) -> String {
        let Some((_, first)) = self.first() else {
            return String::new();
        };
        match self.0.len() - 1 {
            0 => first.to_owned(),
            1 => format!("{first} (and 1 more error)"),
            n => format!("{first} (and {n} more errors)"),
        }
    }

    /// Keeps `Ok` values and records `Err` messages under `field`.
    fn take<T>(&mut self, field: &str, result: Result<T, String>) -> Option<T> {
        result.map_err(|m| self.add(field, m)).ok()
    }
}

/// `project_id` → `project id`, as Laravel names attributes in messages.
fn name(field: &str) -> String {
    field.replace('_', " ")
}

fn text<'a>(field: &str, raw: Raw<'a>) -> Result<&'a str, String> {
    match raw {
        Raw::Missing => Err(format!("The {} field is required.", name(field))),
        Raw::Text(t) if t.trim().is_empty() => Err(format!("The {} field is required.", name(field))),
        Raw::Text(t) => Ok(t),
        Raw::Number(_) | Raw::Other(_) => Err(format!("The {} field must be a string.", name(field))),
    }
}

fn one_of<T>(field: &str, raw: Raw, parse: fn(&str) -> Option<T>, allowed: String) -> Result<T, String> {
    let t = text(field, raw)?;
    parse(t).ok_or_else(|| format!("The selected {} is invalid: it must be one of {allowed}.", name(field)))
}

/// `language`: `en` or `ru`.
pub fn language(raw: Raw) -> Result<Language, String> {
    one_of("language", raw, Language::parse, Language::allowed())
}

/// `currency`: one of the seven documented currencies.
pub fn currency(raw: Raw) -> Result<Currency, String> {
    one_of("currency", raw, Currency::parse, Currency::allowed())
}

/// `cryptocurrency`: `usdt`, `usdc`, `btc` or `eth`.
pub fn cryptocurrency(raw: Raw) -> Result<Crypto, String> {
    one_of("cryptocurrency", raw, Crypto::parse, Crypto::allowed())
}

/// `network`: one of the networks that carry `crypto`. When the coin itself
/// is invalid only the network's own form is checked.
pub fn network(raw: Raw, crypto: Option<Crypto>) -> Result<Network, String> {
    let n = one_of("network", raw, Network::parse, Network::allowed())?;
    match crypto {
        Some(c) if !c.allows(n) => {
            let allowed: Vec<_> = c.networks().iter().map(|n| n.as_str()).collect();
            Err(format!(
                "The network {} does not carry {}: the allowed networks for {} are {}.",
                n.as_str(),
                c.as_str(),
                c.as_str(),
                allowed.join(", ")
            ))
        }
        _ => Ok(n),
    }
}

/// `project_id`: `pr_` and 13 more characters.
pub fn project_id(raw: Raw) -> Result<String, String> {
    let t = text("project_id", raw)?;
    if !t.starts_with(PROJECT_ID_PREFIX) {
        return Err(format!("The project id field must start with {PROJECT_ID_PREFIX}."));
    }
    if t.chars().count() != PROJECT_ID_LEN {
        return Err(format!("The project id field must be {PROJECT_ID_LEN} characters."));
    }
    Ok(t.to_owned())
}

/// `order_id`: 1 to 255 characters.
pub fn order_id(raw: Raw) -> Result<String, String> {
    let t = text("order_id", raw)?;
    if t.chars().count() > ORDER_ID_MAX {
        return Err(format!("The order id field must not be greater than {ORDER_ID_MAX} characters."));
    }
    Ok(t.to_owned())
}

/// An amount (`amount`, `input_amount`): a number from [`AMOUNT_MIN`] to
/// [`AMOUNT_MAX`], as a JSON number or a numeric string; exponent forms
/// (`1e2`) count by their value, as PHP's `is_numeric` reads them.
pub fn amount(field: &str, raw: Raw) -> Result<Amount, String> {
    let t = match raw {
        Raw::Missing => return Err(format!("The {} field is required.", name(field))),
        Raw::Text(t) | Raw::Number(t) => t.trim(),
        Raw::Other(_) => return Err(format!("The {} field must be a number.", name(field))),
    };
    if t.is_empty() {
        return Err(format!("The {} field is required.", name(field)));
    }
    let value = match Amount::read(t) {
        Some(Reading::Amount(value)) => value,
        Some(Reading::TooLarge) => return Err(too_large(field)),
        Some(Reading::TooSmall) => return Err(too_small(field)),
        Some(Reading::Negative) | None => {
            return Err(format!("The {} field must be a positive number.", name(field)));
        }
    };
    if value.is_zero() {
        return Err(format!("The {} field must be greater than 0.", name(field)));
    }
    if Amount::parse(AMOUNT_MIN).is_some_and(|min| value < min) {
        return Err(format!("The {} field must be at least {AMOUNT_MIN}.", name(field)));
    }
    if Amount::parse(AMOUNT_MAX).is_some_and(|max| value > max) {
        return Err(too_large(field));
    }
    Ok(value)
}

fn too_small(field: &str) -> String {
    format!("The {} field must be at least {AMOUNT_MIN}.", name(field))
}

fn too_large(field: &str) -> String {
    format!("The {} field must not be greater than {AMOUNT_MAX}.", name(field))
}

/// `custom_fields`: optional; when present, a string holding JSON.
pub fn custom_fields(raw: Raw) -> Result<Option<String>, String> {
    match raw {
        Raw::Missing => Ok(None),
        Raw::Text(t) if t.chars().count() > CUSTOM_FIELDS_MAX => {
            Err(format!("The custom fields field must not be greater than {CUSTOM_FIELDS_MAX} characters."))
        }
        Raw::Text(t) if is_valid_json(t) => Ok(Some(t.to_owned())),
        Raw::Text(_) => Err("The custom fields field must be a valid JSON string.".to_owned()),
        Raw::Number(_) | Raw::Other(_) => Err("The custom fields field must be a string.".to_owned()),
    }
}

/// Checks `GET v1/widget`'s query; `get` returns each field's raw value.
pub fn widget_query<'a>(get: impl Fn(&str) -> Raw<'a>) -> Result<WidgetQuery, FieldErrors> {
    let mut e = FieldErrors::default();
    let project_id = e.take("project_id", project_id(get("project_id")));
    let currency = e.take("currency", currency(get("currency")));
    let language = e.take("language", language(get("language")));
    let amount = e.take("amount", amount("amount", get("amount")));
    let order_id = e.take("order_id", order_id(get("order_id")));
    match (project_id, currency, language, amount, order_id) {
        (Some(project_id), Some(currency), Some(language), Some(amount), Some(order_id)) if e.is_empty() => {
            Ok(WidgetQuery { project_id, currency, language, amount, order_id })
        }
        _ => Err(e),
    }
}

impl CreateInvoice {
    /// The create body for an order whose query was already checked, paid in
    /// `coin` on `network` as the payer chose them from `v1/widget`'s answer.
    /// The coin and network meet the API's rules here, so that one the API
    /// would refuse is never sent; the amount stays the checked decimal.
    pub fn new(
        query: &WidgetQuery,
        coin: &str,
        network: &str,
        custom_fields: Option<String>,
    ) -> Result<CreateInvoice, FieldErrors> {
        let mut e = FieldErrors::default();
        let crypto = e.take("cryptocurrency", cryptocurrency(Raw::Text(coin)));
        let network = e.take("network", self::network(Raw::Text(network), crypto));
        match (crypto, network) {
            (Some(cryptocurrency), Some(network)) => Ok(CreateInvoice {
                language: query.language,
                input_amount: crate::amount::NumberAmount(query.amount.clone()),
                currency: query.currency,
                cryptocurrency,
                project_id: query.project_id.clone(),
                order_id: query.order_id.clone(),
                network,
                custom_fields,
            }),
            _ => Err(e),
        }
    }
}

/// Checks `POST v1/invoices`'s body; `get` returns each field's raw value.
pub fn create_invoice<'a>(get: impl Fn(&str) -> Raw<'a>) -> Result<CreateInvoice, FieldErrors> {
    let mut e = FieldErrors::default();
    let language = e.take("language", language(get("language")));
    let input_amount = e.take("input_amount", amount("input_amount", get("input_amount")));
    let currency = e.take("currency", currency(get("currency")));
    let cryptocurrency = e.take("cryptocurrency", cryptocurrency(get("cryptocurrency")));
    let project_id = e.take("project_id", project_id(get("project_id")));
    let order_id = e.take("order_id", order_id(get("order_id")));
    let network = e.take("network", network(get("network"), cryptocurrency));
    let custom_fields = e.take("custom_fields", custom_fields(get("custom_fields")));
    match (language, input_amount, currency, cryptocurrency, project_id, order_id, network, custom_fields) {
        (
            Some(language),
            Some(input_amount),
            Some(currency),
            Some(cryptocurrency),
            Some(project_id),
            Some(order_id),
            Some(network),
            Some(custom_fields),
        ) if e.is_empty() => Ok(CreateInvoice {
            language,
            input_amount: crate::amount::NumberAmount(input_amount),
            currency,
            cryptocurrency,
            project_id,
            order_id,
            network,
            custom_fields,
        }),
        _ => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs_create(field: &str) -> Raw<'static> {
        match field {
            "language" => Raw::Text("en"),
            "input_amount" => Raw::Number("9"),
            "currency" => Raw::Text("rub"),
            "cryptocurrency" => Raw::Text("btc"),
            "project_id" => Raw::Text("pr_64e5a94d9c3f4"),
            "order_id" => Raw::Text("ORD_123"),
            "network" => Raw::Text("bep20"),
            "custom_fields" => Raw::Text(r#"{"custom_field_1": "value_1", "custom_field_2": "value_2"}"#),
            _ => Raw::Missing,
        }
    }

    #[test]
    fn the_docs_create_example_is_refused_for_its_network_only() {
        let err = create_invoice(docs_create).unwrap_err();
        assert_eq!(err.0.len(), 1);
        let (field, message) = err.first().unwrap();
        assert_eq!(field, "network");
        assert_eq!(message, "The network bep20 does not carry btc: the allowed networks for btc are btc.");
    }

    #[test]
    fn the_docs_create_example_passes_with_a_network_of_its_coin() {
        let ok = create_invoice(|f| if f == "network" { Raw::Text("btc") } else { docs_create(f) }).unwrap();
        assert_eq!(ok.network, Network::Btc);
        assert_eq!(ok.input_amount.0.as_str(), "9");
        assert_eq!(ok.custom_fields.as_deref(), Some(r#"{"custom_field_1": "value_1", "custom_field_2": "value_2"}"#));
    }

    fn docs_query() -> WidgetQuery {
        widget_query(|f| match f {
            "project_id" => Raw::Text("pr_64e5a94d9c3f4"),
            "currency" => Raw::Text("eur"),
            "language" => Raw::Text("en"),
            "amount" => Raw::Number("11"),
            "order_id" => Raw::Text("ORD_123"),
            _ => Raw::Missing,
        })
        .unwrap()
    }

    #[test]
    fn a_payers_choice_becomes_the_body_the_sandbox_accepts() {
        let body = CreateInvoice::new(&docs_query(), "usdt", "trc20", Some("{}".into())).unwrap();
        let again = create_invoice(|f| match f {
            "language" => Raw::Text("en"),
            "input_amount" => Raw::Number(body.input_amount.0.as_str()),
            "currency" => Raw::Text("eur"),
            "cryptocurrency" => Raw::Text("usdt"),
            "project_id" => Raw::Text("pr_64e5a94d9c3f4"),
            "order_id" => Raw::Text("ORD_123"),
            "network" => Raw::Text("trc20"),
            "custom_fields" => Raw::Text("{}"),
            _ => Raw::Missing,
        })
        .unwrap();
        assert_eq!(body, again);
        assert_eq!(body.input_amount.0.as_str(), "11");
    }

    #[test]
    fn a_choice_the_api_would_refuse_is_named() {
        let e = CreateInvoice::new(&docs_query(), "btc", "bep20", None).unwrap_err();
        assert_eq!(
            e.first(),
            Some(("network", "The network bep20 does not carry btc: the allowed networks for btc are btc."))
        );
        let e = CreateInvoice::new(&docs_query(), "doge", "dogechain", None).unwrap_err();
        assert_eq!(e.first().map(|(f, _)| f), Some("cryptocurrency"));
    }

    #[test]
    fn enums_name_the_field_and_the_allowed_values() {
        assert_eq!(
            language(Raw::Text("de")).unwrap_err(),
            "The selected language is invalid: it must be one of en, ru."
        );
        assert!(currency(Raw::Text("gbp")).unwrap_err().contains("usd, eur, rub, usdt, usdc, btc, eth"));
        assert!(cryptocurrency(Raw::Text("doge")).unwrap_err().starts_with("The selected cryptocurrency is invalid"));
        assert!(network(Raw::Text("sol"), Some(Crypto::Usdt))
            .unwrap_err()
            .starts_with("The selected network is invalid"));
        assert_eq!(
            network(Raw::Text("btc"), Some(Crypto::Usdt)).unwrap_err(),
            "The network btc does not carry usdt: the allowed networks for usdt are bep20, trc20, erc20."
        );
        assert!(currency(Raw::Text("EUR")).is_err());
        assert_eq!(language(Raw::Number("1")).unwrap_err(), "The language field must be a string.");
        assert_eq!(language(Raw::Missing).unwrap_err(), "The language field is required.");
    }

    #[test]
    fn project_id_needs_prefix_and_size() {
        assert_eq!(project_id(Raw::Text("pr_64e5a94d9c3f4")).unwrap(), "pr_64e5a94d9c3f4");
        assert_eq!(project_id(Raw::Text("px_64e5a94d9c3f4")).unwrap_err(), "The project id field must start with pr_.");
        assert_eq!(project_id(Raw::Text("pr_64e5")).unwrap_err(), "The project id field must be 16 characters.");
        assert_eq!(
            project_id(Raw::Text("pr_64e5a94d9c3f45")).unwrap_err(),
            "The project id field must be 16 characters."
        );
        assert_eq!(project_id(Raw::Text("")).unwrap_err(), "The project id field is required.");
    }

    #[test]
    fn amount_bounds() {
        assert_eq!(amount("amount", Raw::Text("11")).unwrap().as_str(), "11");
        assert_eq!(amount("amount", Raw::Number("0.5")).unwrap().as_str(), "0.5");
        assert_eq!(amount("amount", Raw::Number("1e2")).unwrap().as_str(), "100");
        assert_eq!(amount("amount", Raw::Text("1000000000")).unwrap().as_str(), "1000000000");
        assert_eq!(amount("amount", Raw::Text("0")).unwrap_err(), "The amount field must be greater than 0.");
        assert_eq!(amount("amount", Raw::Number("-5")).unwrap_err(), "The amount field must be a positive number.");
        assert_eq!(amount("amount", Raw::Text("ten")).unwrap_err(), "The amount field must be a positive number.");
        assert_eq!(amount("amount", Raw::Text("1e2")).unwrap().as_str(), "100");
        assert_eq!(amount("amount", Raw::Text("5e-324")).unwrap_err(), "The amount field must be at least 0.00000001.");
        assert_eq!(
            amount("amount", Raw::Number("1e300")).unwrap_err(),
            "The amount field must not be greater than 1000000000."
        );
        assert_eq!(
            amount("amount", Raw::Text("0.000000001")).unwrap_err(),
            "The amount field must be at least 0.00000001."
        );
        assert_eq!(amount("amount", Raw::Text("NaN")).unwrap_err(), "The amount field must be a positive number.");
        assert_eq!(amount("amount", Raw::Text("inf")).unwrap_err(), "The amount field must be a positive number.");
        assert_eq!(
            amount("input_amount", Raw::Text("1000000000.01")).unwrap_err(),
            "The input amount field must not be greater than 1000000000."
        );
        assert_eq!(amount("amount", Raw::Other("boolean")).unwrap_err(), "The amount field must be a number.");
        // Digits enough to overflow a comparison at the minimum's scale.
        for huge in ["1e37", "99999999999999999999999999999999999999"] {
            assert_eq!(
                amount("amount", Raw::Text(huge)).unwrap_err(),
                "The amount field must not be greater than 1000000000.",
                "{huge}"
            );
        }
        assert_eq!(amount("amount", Raw::Missing).unwrap_err(), "The amount field is required.");
    }

    #[test]
    fn order_id_bounds() {
        assert_eq!(order_id(Raw::Text("ORD_123")).unwrap(), "ORD_123");
        assert_eq!(order_id(Raw::Text(&"x".repeat(255))).unwrap().len(), 255);
        assert!(order_id(Raw::Text(&"x".repeat(256))).unwrap_err().contains("255 characters"));
        assert_eq!(order_id(Raw::Text("  ")).unwrap_err(), "The order id field is required.");
        assert_eq!(order_id(Raw::Number("123")).unwrap_err(), "The order id field must be a string.");
    }

    #[test]
    fn custom_fields_must_be_json_text() {
        assert_eq!(custom_fields(Raw::Missing).unwrap(), None);
        assert_eq!(custom_fields(Raw::Text("{}")).unwrap().as_deref(), Some("{}"));
        assert_eq!(
            custom_fields(Raw::Text("{oops")).unwrap_err(),
            "The custom fields field must be a valid JSON string."
        );
        assert_eq!(custom_fields(Raw::Other("object")).unwrap_err(), "The custom fields field must be a string.");
        assert!(custom_fields(Raw::Text(&format!("\"{}\"", "a".repeat(5000)))).is_err());
    }

    #[test]
    fn widget_query_collects_every_error_in_order() {
        let err = widget_query(|f| match f {
            "project_id" => Raw::Text("pr_1"),
            "currency" => Raw::Text("gbp"),
            "amount" => Raw::Text("0"),
            _ => Raw::Missing,
        })
        .unwrap_err();
        let fields: Vec<_> = err.0.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["project_id", "currency", "language", "amount", "order_id"]);
        assert_eq!(err.summary(), "The project id field must be 16 characters. (and 4 more errors)");
    }

    #[test]
    fn the_docs_widget_query_passes() {
        let q = widget_query(|f| match f {
            "project_id" => Raw::Text("pr_64e5a94d9c3f4"),
            "currency" => Raw::Text("eur"),
            "language" => Raw::Text("en"),
            "amount" => Raw::Text("11"),
            "order_id" => Raw::Text("ORD_123"),
            _ => Raw::Missing,
        })
        .unwrap();
        assert_eq!((q.currency, q.language, q.amount.as_str()), (Currency::Eur, Language::En, "11"));
    }
}
