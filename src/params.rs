//! `GetCrypto.init`'s parameters, checked with the API's own rules before
//! anything is sent.

use crate::lang::{self, Resolved};
use getcrypto_api::validate::{self, Raw};
use getcrypto_api::WidgetQuery;

/// Where the API lives unless `api_base` says otherwise.
pub const DEFAULT_API_BASE: &str = "https://api.getcrypto.finance";

/// A parameter's value as JavaScript gave it, owned.
#[derive(Clone, Debug, PartialEq)]
pub enum RawValue {
    Missing,
    Text(String),
    Number(String),
    /// `custom_fields` given as an object, already turned into JSON text.
    Json(String),
    Other(&'static str),
}

impl RawValue {
    fn raw(&self) -> Raw<'_> {
        match self {
            RawValue::Missing => Raw::Missing,
            RawValue::Text(t) | RawValue::Json(t) => Raw::Text(t),
            RawValue::Number(n) => Raw::Number(n),
            RawValue::Other(kind) => Raw::Other(kind),
        }
    }
}

/// What the paid view does once the payer has paid: the shop's choice.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum AfterPaid {
    /// The success view, then `success_url` after a few seconds, with a
    /// button to go at once: the contract's default.
    #[default]
    Redirect,
    /// The success view with the button; the payer decides when to leave.
    Button,
    /// The success view alone: the shop's own page takes over on `paid`.
    Stay,
}

impl AfterPaid {
    /// The values, as a message lists them.
    pub const NAMES: &'static str = "redirect, button, stay";

    /// Whether the paid view takes the payer to `success_url` by itself:
    /// only for a payment seen happening, never for a paid invoice found
    /// again (a reload after paying would otherwise leave the page anew).
    pub fn leaves_by_itself(self, resumed: bool) -> bool {
        self == AfterPaid::Redirect && !resumed
    }

    /// Whether the paid view offers the way back to the store.
    pub fn offers_return(self) -> bool {
        self != AfterPaid::Stay
    }

    pub fn parse(s: &str) -> Option<AfterPaid> {
        match s {
            "redirect" => Some(AfterPaid::Redirect),
            "button" => Some(AfterPaid::Button),
            "stay" => Some(AfterPaid::Stay),
            _ => None,
        }
    }
}

/// Everything `init` was given, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    pub api_key: String,
    pub query: WidgetQuery,
    pub custom_fields: Option<String>,
    pub api_base: String,
    pub after_paid: AfterPaid,
    /// The language the payer reads; the query asks the API in Russian for
    /// Russian, in English otherwise.
    pub lang: Resolved,
}

impl Params {
    /// Checks `init`'s arguments. The error names the parameter, as a
    /// merchant reads it in the console: `currency: The selected currency is
    /// invalid: ...`. The API key is never part of a message. `preferred`:
    /// the browser's languages, for `language: "auto"`.
    pub fn parse(api_key: &str, get: impl Fn(&str) -> RawValue, preferred: &[String]) -> Result<Params, String> {
        if api_key.trim().is_empty() {
            return Err("apiKey: the API key is empty; pass the key from your GetCrypto dashboard.".into());
        }
        if api_key.chars().any(|c| c.is_control() || c == ' ') {
            return Err("apiKey: the API key contains spaces or control characters.".into());
        }
        let values: Vec<(&str, RawValue)> = ["project_id", "currency", "language", "amount", "order_id"]
            .into_iter()
            .map(|name| (name, get(name)))
            .collect();
        let language = match get("language") {
            RawValue::Text(t) => lang::resolve(&t, preferred),
            RawValue::Missing => Err("The language field is required: a tag such as en, or auto.".to_owned()),
            _ => Err("The language field must be a string: a tag such as en, or auto.".to_owned()),
        }
        .map_err(|m| format!("language: {m}"));
        let asked = language.as_ref().map_or("en", |l| lang::api_language(l.tag).as_str());
        let query = validate::widget_query(|name| match name {
            "language" => Raw::Text(asked),
            _ => values.iter().find(|(n, _)| *n == name).map_or(Raw::Missing, |(_, v)| v.raw()),
        });
        // Named in the order the parameters are listed: those before
        // `language` first.
        let query = match (query, language.as_ref()) {
            (Err(e), Err(l)) if !matches!(e.first(), Some(("project_id" | "currency", _))) => return Err(l.clone()),
            (query, _) => query.map_err(|e| {
                let (field, message) = e.first().unwrap_or(("params", "invalid"));
                format!("{field}: {message}")
            })?,
        };
        let lang = language?;
        let custom = get("custom_fields");
        let custom_fields = validate::custom_fields(custom.raw()).map_err(|m| format!("custom_fields: {m}"))?;
        let api_base = match get("api_base") {
            RawValue::Missing => DEFAULT_API_BASE.to_owned(),
            RawValue::Text(t) => {
                let t = t.trim().trim_end_matches('/');
                if getcrypto_api::url::is_web_url(t) {
                    t.to_owned()
                } else {
                    return Err(format!("api_base: `{t}` is not an http or https URL."));
                }
            }
            _ => return Err("api_base: must be a string such as https://api.getcrypto.finance.".into()),
        };
        let after_paid = match get("after_paid") {
            RawValue::Missing => AfterPaid::default(),
            RawValue::Text(t) => {
                AfterPaid::parse(&t).ok_or_else(|| format!("after_paid: `{t}` is not one of {}.", AfterPaid::NAMES))?
            }
            _ => return Err(format!("after_paid: must be one of {}.", AfterPaid::NAMES)),
        };
        Ok(Params { api_key: api_key.trim().to_owned(), query, custom_fields, api_base, after_paid, lang })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(name: &str) -> RawValue {
        match name {
            "project_id" => RawValue::Text("pr_64e5a94d9c3f4".into()),
            "amount" => RawValue::Number("11".into()),
            "currency" => RawValue::Text("eur".into()),
            "order_id" => RawValue::Text("ORD_123".into()),
            "language" => RawValue::Text("en".into()),
            _ => RawValue::Missing,
        }
    }

    fn with(name: &'static str, value: RawValue) -> impl Fn(&str) -> RawValue {
        move |n| if n == name { value.clone() } else { docs(n) }
    }

    #[test]
    fn the_contract_example_passes() {
        let p = Params::parse("KEY", docs, &[]).unwrap();
        assert_eq!(p.query.amount.as_str(), "11");
        assert_eq!(p.api_base, DEFAULT_API_BASE);
        assert_eq!(p.custom_fields, None);
        assert_eq!(p.after_paid, AfterPaid::Redirect, "the contract: the success view, then success_url");
        let stay = Params::parse("KEY", with("after_paid", RawValue::Text("stay".into())), &[]).unwrap();
        assert_eq!(stay.after_paid, AfterPaid::Stay);
    }

    #[test]
    fn the_return_after_paid_is_the_shops_choice() {
        assert!(AfterPaid::Redirect.leaves_by_itself(false));
        assert!(!AfterPaid::Redirect.leaves_by_itself(true), "a paid invoice found again stays put");
        assert!(!AfterPaid::Button.leaves_by_itself(false) && AfterPaid::Button.offers_return());
        assert!(!AfterPaid::Stay.leaves_by_itself(false) && !AfterPaid::Stay.offers_return());
    }

    #[test]
    fn the_loader_asks_the_same_default() {
        let loader = include_str!("../www/load/early.js");
        assert!(loader.contains(&format!("\"{DEFAULT_API_BASE}\"")), "www/load/early.js has another default API");
    }

    #[test]
    fn each_bad_parameter_is_named() {
        let cases = [
            ("currency", RawValue::Text("gbp".into()), "currency: The selected currency is invalid"),
            ("language", RawValue::Text("deutsch".into()), "language: `deutsch` is not a language tag"),
            ("language", RawValue::Missing, "language: The language field is required"),
            ("language", RawValue::Number("1".into()), "language: The language field must be a string"),
            ("amount", RawValue::Number("-1".into()), "amount: The amount field must be a positive number."),
            ("amount", RawValue::Number("0".into()), "amount: The amount field must be greater than 0."),
            ("amount", RawValue::Number("NaN".into()), "amount: "),
            ("amount", RawValue::Missing, "amount: The amount field is required."),
            (
                "project_id",
                RawValue::Text("64e5a94d9c3f4".into()),
                "project_id: The project id field must start with pr_.",
            ),
            ("project_id", RawValue::Text("pr_1".into()), "project_id: The project id field must be 16 characters."),
            ("order_id", RawValue::Text("".into()), "order_id: The order id field is required."),
            (
                "custom_fields",
                RawValue::Text("{x".into()),
                "custom_fields: The custom fields field must be a valid JSON string.",
            ),
            ("api_base", RawValue::Text("javascript:alert(1)".into()), "api_base: "),
            ("after_paid", RawValue::Text("leave".into()), "after_paid: `leave` is not one of redirect, button, stay."),
            ("after_paid", RawValue::Other("boolean"), "after_paid: must be one of redirect, button, stay."),
        ];
        for (name, value, expected) in cases {
            let err = Params::parse("KEY", with(name, value), &[]).unwrap_err();
            assert!(err.starts_with(expected), "{err} should start with {expected}");
        }
        assert!(Params::parse("", docs, &[]).unwrap_err().starts_with("apiKey: "));
        assert!(Params::parse("  ", docs, &[]).unwrap_err().starts_with("apiKey: "));
    }

    #[test]
    fn every_language_is_read_and_the_api_asked_in_english_or_russian() {
        use getcrypto_api::Language;
        let p = |tag: &str, prefs: &[String]| Params::parse("KEY", with("language", RawValue::Text(tag.into())), prefs);
        let de = p("de", &[]).unwrap();
        assert_eq!((de.lang.tag, de.query.language), ("de", Language::En));
        assert_eq!(p("ru", &[]).unwrap().query.language, Language::Ru);
        let auto = p("auto", &["ru-RU".into()]).unwrap();
        assert_eq!((auto.lang.tag, auto.query.language), ("ru", Language::Ru));
        assert!(p("pt-PT", &[]).unwrap().lang.fell_back);
        let bad_currency_first = Params::parse(
            "KEY",
            |n| match n {
                "currency" => RawValue::Text("gbp".into()),
                "language" => RawValue::Text("?".into()),
                _ => docs(n),
            },
            &[],
        );
        assert!(bad_currency_first.unwrap_err().starts_with("currency: "));
    }

    #[test]
    fn the_key_never_appears_in_a_message() {
        let err = Params::parse("secret key", docs, &[]).unwrap_err();
        assert!(!err.contains("secret"));
        let err = Params::parse("sk_secret", with("currency", RawValue::Text("x".into())), &[]).unwrap_err();
        assert!(!err.contains("sk_secret"));
    }

    #[test]
    fn custom_fields_as_json_text_and_base_trimmed() {
        let p = Params::parse(
            "KEY",
            |n| match n {
                "custom_fields" => RawValue::Json(r#"{"a":1}"#.into()),
                "api_base" => RawValue::Text("http://127.0.0.1:8080/".into()),
                _ => docs(n),
            },
            &[],
        )
        .unwrap();
        assert_eq!(p.custom_fields.as_deref(), Some(r#"{"a":1}"#));
        assert_eq!(p.api_base, "http://127.0.0.1:8080");
    }
}
