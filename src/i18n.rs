//! Every text the payer reads, as data: one file per language in
//! `locales/`. English is built in (generated from `locales/en.json` by
//! build.rs), so that an English payer fetches nothing more and a language
//! file that fails to arrive still leaves words on screen; every other
//! language is read at `init` from the file the loader fetched.

use crate::error::ApiError;
use crate::plural::{category, Category};
use getcrypto_api::Amount;

/// A text with a form per CLDR plural category; `other` is always there.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plural {
    pub zero: Option<&'static str>,
    pub one: Option<&'static str>,
    pub two: Option<&'static str>,
    pub few: Option<&'static str>,
    pub many: Option<&'static str>,
    pub other: &'static str,
}

impl Plural {
    /// The form for `c`, or `other` where the language has no such form.
    pub fn pick(&self, c: Category) -> &'static str {
        match c {
            Category::Zero => self.zero,
            Category::One => self.one,
            Category::Two => self.two,
            Category::Few => self.few,
            Category::Many => self.many,
            Category::Other => None,
        }
        .unwrap_or(self.other)
    }
}

/// One language's texts and how it writes numbers. The texts are read by
/// their accessors (`t.retry()`), generated with `KEYS` and the built-in
/// `EN` from `locales/en.json` by build.rs.
#[derive(Debug, PartialEq)]
pub struct Texts {
    /// The shipped tag (`lang`), such as `pt` or `zh-TW`.
    pub tag: &'static str,
    /// The language's own name for itself.
    pub name: &'static str,
    pub rtl: bool,
    pub decimal: char,
    pub group: char,
    /// The fewest digits before the point that are grouped (5 in Russian,
    /// which leaves `1234` whole; 4 elsewhere).
    pub group_from: usize,
    text: [&'static str; KEYS.len()],
    plural: [Plural; PLURAL_KEYS.len()],
}

include!(concat!(env!("OUT_DIR"), "/texts.rs"));

/// A shipped language file is an array (xtask/src/languages.rs): these five
/// fields, then each of `KEYS`, then each of `PLURAL_KEYS` as its six
/// forms (`FORMS`), `null` where the language gives none.
const HEAD: usize = 5;
const FORMS: usize = 6;

impl Texts {
    /// The texts of `tag` from a shipped language file, read through `get`
    /// (the file's value at an index, as text); a text the file lacks is
    /// `fallback`'s.
    pub fn read(tag: &'static str, get: &dyn Fn(usize) -> Option<String>, fallback: &Texts) -> Texts {
        let first = |i: usize, or: char| get(i).and_then(|s| s.chars().next()).unwrap_or(or);
        let mut text = fallback.text;
        for (i, t) in text.iter_mut().enumerate() {
            if let Some(s) = get(HEAD + i) {
                *t = leak(s);
            }
        }
        let mut plural = fallback.plural;
        for (i, p) in plural.iter_mut().enumerate() {
            let form = |c: usize| get(HEAD + KEYS.len() + i * FORMS + c).map(leak);
            if let Some(other) = form(5) {
                *p = Plural { zero: form(0), one: form(1), two: form(2), few: form(3), many: form(4), other };
            }
        }
        Texts {
            tag,
            name: get(0).map_or(tag, leak),
            rtl: get(1).as_deref() == Some("rtl"),
            decimal: first(2, fallback.decimal),
            group: first(3, fallback.group),
            group_from: get(4).and_then(|s| s.parse().ok()).unwrap_or(4),
            text,
            plural,
        }
    }
}

/// A text read once per language and page, kept for the page's life: a
/// language's texts are a few kilobytes, and are read at most once each.
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// Unicode's first-strong isolate and its end: a value put in a sentence
/// keeps its own direction (an amount or an address in Arabic reads left
/// to right and never reorders the words around it).
const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// The texts the widget speaks, compared by which language they are.
#[derive(Clone, Copy, Debug)]
pub struct Lang(pub &'static Texts);

impl PartialEq for Lang {
    fn eq(&self, other: &Lang) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl std::ops::Deref for Lang {
    type Target = Texts;
    fn deref(&self) -> &Texts {
        self.0
    }
}

impl Default for Lang {
    fn default() -> Lang {
        Lang(&EN)
    }
}

impl Texts {
    /// `template` with each `{name}` replaced by its value: isolated in a
    /// right-to-left language, as written otherwise.
    pub fn fill(&self, template: &str, values: &[(&str, &str)]) -> String {
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}').and_then(|close| Some((close, values.iter().find(|(k, _)| *k == &after[..close])?))) {
                Some((close, (_, value))) => {
                    if self.rtl {
                        out.push(FSI);
                        out.push_str(value);
                        out.push(PDI);
                    } else {
                        out.push_str(value);
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// Groups and punctuates an amount for reading, keeping every digit in
    /// ASCII: `1234.000451` is `1,234.000451` in English and `1234,000451`
    /// in Russian. What is copied is the amount as the API gave it.
    pub fn format_amount(&self, amount: &Amount) -> String {
        let (int, frac) = amount.as_str().split_once('.').unwrap_or((amount.as_str(), ""));
        let mut out = String::with_capacity(int.len() * 2 + frac.len() + 1);
        let grouped = int.len() >= self.group_from;
        for (i, c) in int.chars().enumerate() {
            if grouped && i > 0 && (int.len() - i).is_multiple_of(3) {
                out.push(self.group);
            }
            out.push(c);
        }
        if !frac.is_empty() {
            out.push(self.decimal);
            out.push_str(frac);
        }
        out
    }

    /// `11.944214 USDT`, punctuated for the language.
    pub fn money(&self, amount: &Amount, unit: &str) -> String {
        format!("{}\u{a0}{}", self.format_amount(amount), unit)
    }

    /// `Order ORD_123`.
    pub fn order_title(&self, order: &str) -> String {
        self.fill(self.order(), &[("order", order)])
    }

    /// The confirm button: `Pay 11.944214 USDT`.
    pub fn pay(&self, amount: &Amount, coin: &str) -> String {
        self.fill(self.pay_button(), &[("amount", &self.money(amount, coin))])
    }

    /// The warning beside the chosen network.
    pub fn warn_network(&self, coin: &str, network: &str) -> String {
        self.fill(self.network_warning(), &[("coin", coin), ("network", network)])
    }

    /// Progress of a payment that has arrived.
    pub fn confirming(&self, n: u32, m: u32) -> String {
        self.fill(self.confirmations(), &[("n", &n.to_string()), ("m", &m.to_string())])
    }

    /// What an underpaid invoice still needs.
    pub fn still_due(&self, paid: &str, due: &str) -> String {
        self.fill(self.underpaid(), &[("paid", paid), ("due", due)])
    }

    /// An invoice that expired with part of its amount paid.
    pub fn expired_part(&self, paid: &str, total: &str) -> String {
        self.fill(self.expired_partly_paid(), &[("paid", paid), ("total", total)])
    }

    /// The one way on from an expired invoice: a new one, in the same coin
    /// and network when they are still offered (BTC on BTC named once).
    pub fn renewal(&self, same: Option<(&str, &str)>) -> String {
        match same {
            Some((coin, network)) if coin == network => self.fill(self.renew_in(), &[("pair", coin)]),
            Some((coin, network)) => self.fill(self.renew_in(), &[("pair", &format!("{coin} ({network})"))]),
            None => self.renew().to_owned(),
        }
    }

    /// After a payment is confirmed.
    pub fn thanks(&self, order: &str) -> String {
        self.fill(self.paid_body(), &[("order", order)])
    }

    /// A wrong `init` parameter, named (the detail stays in the rules' words).
    pub fn wrong_param(&self, param: &str) -> String {
        self.fill(self.bad_param(), &[("param", param)])
    }

    /// The move back to the store after a payment.
    pub fn returning_in(&self, seconds: u32) -> String {
        self.count(self.returning(), seconds)
    }

    /// A status this widget does not know, shown as such.
    pub fn status_unknown(&self, status: &str) -> String {
        self.fill(self.unknown_status(), &[("status", status)])
    }

    /// A 429: how long the form waits before asking again.
    pub fn busy(&self, seconds: u32) -> String {
        self.count(self.rate_limited(), seconds)
    }

    /// Any other failing answer.
    pub fn failed_with(&self, code: u16) -> String {
        self.fill(self.server_error(), &[("code", &code.to_string())])
    }

    fn count(&self, text: &Plural, seconds: u32) -> String {
        self.fill(text.pick(category(self.tag, seconds)), &[("seconds", &seconds.to_string())])
    }

    /// What the payer reads about a failed call.
    pub fn describe(&self, error: &ApiError) -> String {
        match error {
            ApiError::Offline => self.offline().to_owned(),
            ApiError::Timeout => self.timeout().to_owned(),
            ApiError::Unauthorized => self.unauthorized().to_owned(),
            ApiError::RateLimited { retry_after } => self.busy(*retry_after),
            ApiError::Rejected { status: 404, message } if message.is_empty() => self.not_found().to_owned(),
            ApiError::Rejected { message, status } if message.is_empty() => self.failed_with(*status),
            ApiError::Rejected { message, .. } | ApiError::Invalid(message) => message.clone(),
            ApiError::Server(code) => self.failed_with(*code),
            ApiError::Unreadable => self.unexpected_answer().to_owned(),
            ApiError::Aborted => String::new(),
        }
    }
}

/// The texts of a language file already parsed into a `serde_json` value,
/// `fallback` filling what it lacks: for the tests, which read every file.
#[cfg(not(target_arch = "wasm32"))]
pub fn from_json(tag: &'static str, file: &serde_json::Value, fallback: &Texts) -> Texts {
    const HEAD_FIELDS: [&str; HEAD] = ["name", "dir", "decimal", "group", "group_from"];
    const FORM_NAMES: [&str; FORMS] = ["zero", "one", "two", "few", "many", "other"];
    let texts = &file["texts"];
    let get = |i: usize| {
        let v = if let Some(field) = HEAD_FIELDS.get(i) {
            &file[field]
        } else if let Some(key) = KEYS.get(i - HEAD) {
            &texts[key]
        } else {
            let i = i - HEAD - KEYS.len();
            &texts[PLURAL_KEYS[i / FORMS]][FORM_NAMES[i % FORMS]]
        };
        as_text(v)
    };
    Texts::read(tag, &get, fallback)
}

/// A shipped language file, the array the build writes from a
/// `locales/<tag>.json`, read as the widget reads it.
#[cfg(not(target_arch = "wasm32"))]
pub fn from_shipped(tag: &'static str, file: &serde_json::Value, fallback: &Texts) -> Texts {
    Texts::read(tag, &|i| file.get(i).and_then(as_text), fallback)
}

/// A file's value as `Texts::read` takes it: a text, or a number as text.
#[cfg(not(target_arch = "wasm32"))]
fn as_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(clippy::unwrap_used, reason = "a test fails for the developer")]
mod tests {
    use super::*;
    use getcrypto_api::fixtures::amount as a;

    fn ru() -> Texts {
        let file = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/locales/ru.json")).unwrap();
        from_json("ru", &serde_json::from_str(&file).unwrap(), &EN)
    }

    #[test]
    fn amounts_follow_the_language_and_keep_digits() {
        let ru = ru();
        assert_eq!(EN.format_amount(&a("0.000451")), "0.000451");
        assert_eq!(ru.format_amount(&a("0.000451")), "0,000451");
        assert_eq!(EN.format_amount(&a("1234.5")), "1,234.5");
        assert_eq!(ru.format_amount(&a("1234.5")), "1234,5");
        assert_eq!(EN.format_amount(&a("1234567.000451")), "1,234,567.000451");
        assert_eq!(ru.format_amount(&a("1234567")), "1\u{a0}234\u{a0}567");
        assert_eq!(EN.format_amount(&a("123")), "123");
    }

    #[test]
    fn amounts_keep_their_digits_in_both_languages() {
        assert_eq!(EN.pay(&a("0.000451"), "BTC"), "Pay 0.000451\u{a0}BTC");
        assert_eq!(ru().pay(&a("0.000451"), "BTC"), "Оплатить 0,000451\u{a0}BTC");
        assert_eq!(ru().money(&a("11.944214"), "USDT"), "11,944214\u{a0}USDT");
    }

    #[test]
    fn a_new_invoice_names_its_coin_and_network_once_each() {
        assert_eq!(EN.renewal(Some(("USDT", "TRC20"))), "Start a new invoice in USDT (TRC20)");
        assert_eq!(EN.renewal(Some(("BTC", "BTC"))), "Start a new invoice in BTC");
        assert_eq!(ru().renewal(None), "Создать новый счёт");
    }

    #[test]
    fn counts_take_the_languages_plural_form() {
        let ru = ru();
        assert_eq!(EN.busy(1), "The payment service is busy. Trying again in 1 second.");
        assert_eq!(EN.busy(3), "The payment service is busy. Trying again in 3 seconds.");
        assert_eq!(ru.returning_in(1), "Возвращаем в магазин через 1 секунду.");
        assert_eq!(ru.returning_in(3), "Возвращаем в магазин через 3 секунды.");
        assert_eq!(ru.returning_in(5), "Возвращаем в магазин через 5 секунд.");
        assert_eq!(ru.returning_in(21), "Возвращаем в магазин через 21 секунду.");
        assert_eq!(ru.confirming(1, 3), "Платёж получен. Ждём подтверждений: 1 из 3");
    }

    #[test]
    fn right_to_left_isolates_each_value() {
        let file = serde_json::json!({ "dir": "rtl", "texts": { "underpaid": "x {paid} y {due}" } });
        let ar = from_json("ar", &file, &EN);
        assert!(ar.rtl);
        assert_eq!(ar.still_due("1.5\u{a0}USDT", "2"), "x \u{2068}1.5\u{a0}USDT\u{2069} y \u{2068}2\u{2069}");
        assert_eq!(EN.still_due("1", "2"), "Received 1. Still due: 2. Send the rest to the same address.");
    }

    #[test]
    fn a_missing_text_is_englishs_and_an_unknown_placeholder_stays() {
        let file = serde_json::json!({ "texts": { "retry": "Nochmal" } });
        let partial = from_json("de", &file, &EN);
        assert_eq!(partial.retry(), "Nochmal");
        assert_eq!(partial.change(), EN.change());
        assert_eq!(partial.busy(2), EN.busy(2));
        assert_eq!(EN.fill("a {b} {c", &[("c", "x")]), "a {b} {c");
    }

    #[test]
    fn each_error_is_explained_in_the_payers_language() {
        use getcrypto_api::examples::INVOICE_NOT_FOUND_MESSAGE;
        let refused = ApiError::Rejected { status: 400, message: INVOICE_NOT_FOUND_MESSAGE.into() };
        assert_eq!(EN.describe(&refused), INVOICE_NOT_FOUND_MESSAGE);
        assert_eq!(EN.describe(&ApiError::Rejected { status: 404, message: String::new() }), EN.not_found());
        assert_eq!(ru().describe(&ApiError::Server(500)), "Платёжный сервис ответил ошибкой (500). Повторите попытку.");
        assert_eq!(
            EN.describe(&ApiError::RateLimited { retry_after: 3 }),
            "The payment service is busy. Trying again in 3 seconds."
        );
        assert_eq!(ru().describe(&ApiError::Offline), ru().offline());
    }
}
