//! Every language file in `locales/` against the English: every key there
//! and no other, every placeholder kept, each language's CLDR plural forms,
//! one word per glossary term throughout, no markup, right to left where
//! the language is, and the payment sentences read a second time.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test fails for the developer")]

use getcrypto_widget::i18n::{from_json, from_shipped, Texts, EN, KEYS, PLURAL_KEYS};
use getcrypto_widget::lang::{right_to_left, SHIPPED};
use getcrypto_widget::plural::{categories, category};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/locales");

/// The sentences a payer acts on: read twice against the English by
/// whoever wrote them (`locales/review/<tag>.md`).
const PAYMENT_SENTENCES: [&str; 7] =
    ["send_exactly", "network_warning", "underpaid", "expired_body", "expired_partly_paid", "hurry", "confirmations"];

fn read(path: impl AsRef<Path>) -> Value {
    let path = path.as_ref();
    serde_json::from_str(&std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

fn file(tag: &str) -> Value {
    read(Path::new(DIR).join(format!("{tag}.json")))
}

/// `{name}`s in `text`, sorted, repeats kept.
fn placeholders(text: &str) -> Vec<String> {
    let mut found: Vec<String> =
        text.split('{').skip(1).filter_map(|s| s.split_once('}').map(|(name, _)| name.to_owned())).collect();
    found.sort();
    found
}

/// `text` without its placeholders: what the payer reads around them.
fn words(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        rest = rest[open..].split_once('}').map_or("", |(_, r)| r);
    }
    out.push_str(rest);
    out.to_lowercase()
}

/// Every text of a file, by key; a plural text once per form.
fn texts(value: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (key, text) in value["texts"].as_object().unwrap() {
        match text {
            Value::String(s) => out.push((key.clone(), s.clone())),
            Value::Object(forms) => {
                out.extend(forms.iter().map(|(c, s)| (format!("{key}.{c}"), s.as_str().unwrap().to_owned())))
            }
            other => panic!("{key} is {other}"),
        }
    }
    out
}

fn keys(value: &Value) -> BTreeSet<String> {
    value.as_object().unwrap().keys().cloned().collect()
}

#[test]
fn every_language_has_every_text_and_no_other() {
    let en = file("en");
    let want: BTreeSet<String> = KEYS.iter().chain(PLURAL_KEYS.iter()).map(|k| k.to_string()).collect();
    assert_eq!(keys(&en["texts"]), want, "locales/en.json and i18n::Texts differ");
    for tag in SHIPPED {
        let f = file(tag);
        let top = keys(&f);
        let allowed: BTreeSet<String> =
            ["name", "dir", "decimal", "group", "group_from", "texts"].map(str::to_owned).into();
        assert!(top.is_subset(&allowed), "{tag}: unknown top-level keys {:?}", top.difference(&allowed));
        for key in ["name", "dir", "decimal", "group"] {
            assert!(f[key].as_str().is_some_and(|s| !s.is_empty()), "{tag}: {key} is missing");
        }
        let ours = keys(&f["texts"]);
        assert_eq!(ours.difference(&want).collect::<Vec<_>>(), Vec::<&String>::new(), "{tag}: keys English lacks");
        assert_eq!(want.difference(&ours).collect::<Vec<_>>(), Vec::<&String>::new(), "{tag}: keys missing");
        for key in PLURAL_KEYS {
            assert!(f["texts"][key].is_object(), "{tag}: {key} has no plural forms");
        }
    }
}

#[test]
fn every_placeholder_is_kept_once() {
    let en = file("en");
    for tag in SHIPPED {
        let f = file(tag);
        for (key, text) in texts(&f) {
            let base = key.split('.').next().unwrap();
            let english = match &en["texts"][base] {
                Value::Object(forms) => forms["other"].as_str().unwrap().to_owned(),
                v => v.as_str().unwrap().to_owned(),
            };
            assert_eq!(placeholders(&text), placeholders(&english), "{tag}: {key} is {text:?}");
        }
    }
}

#[test]
fn plural_texts_have_exactly_their_languages_cldr_forms() {
    for tag in SHIPPED {
        let f = file(tag);
        let want: BTreeSet<&str> = categories(tag).iter().map(|c| c.name()).collect();
        for key in PLURAL_KEYS {
            let forms: BTreeSet<&str> = f["texts"][key].as_object().unwrap().keys().map(String::as_str).collect();
            assert_eq!(forms, want, "{tag}: {key}");
        }
    }
}

#[test]
fn right_to_left_is_marked_and_numbers_stay_ascii() {
    for tag in SHIPPED {
        let f = file(tag);
        let dir = if right_to_left(tag) { "rtl" } else { "ltr" };
        assert_eq!(f["dir"], dir, "{tag}");
        for key in ["decimal", "group"] {
            let s = f[key].as_str().unwrap();
            assert_eq!(s.chars().count(), 1, "{tag}: {key} is one character");
            assert!(!s.chars().next().unwrap().is_numeric(), "{tag}: {key}");
        }
        assert_ne!(f["decimal"], f["group"], "{tag}: the point and the grouping differ");
    }
}

#[test]
fn no_text_is_markup_or_left_in_english() {
    let en: Vec<(String, String)> = texts(&file("en"));
    for tag in SHIPPED {
        let ours = texts(&file(tag));
        for (key, text) in &ours {
            assert!(!text.contains(['<', '>']) && !text.contains("&#"), "{tag}: {key} looks like markup: {text}");
            assert_eq!(text.trim(), text, "{tag}: {key} has spaces around it");
            assert!(!text.is_empty(), "{tag}: {key} is empty");
        }
        if tag == "en" {
            continue;
        }
        let same: Vec<&String> =
            ours.iter().filter(|(k, t)| en.iter().any(|(ek, et)| ek == k && et == t)).map(|(k, _)| k).collect();
        // A loanword may be the word (Filipino says Address and Invoice).
        assert!(same.len() <= 4, "{tag}: left in English: {same:?}");
    }
}

#[test]
fn each_glossary_term_is_one_word_throughout() {
    let en = texts(&file("en"));
    for tag in SHIPPED {
        let glossary = read(Path::new(DIR).join(format!("glossary/{tag}.json")));
        let ours = texts(&file(tag));
        let terms = glossary.as_object().unwrap();
        assert_eq!(
            terms.keys().map(String::as_str).collect::<BTreeSet<_>>(),
            BTreeSet::from(["network", "address", "invoice", "confirmation", "wallet", "amount"]),
            "{tag}: the glossary's terms"
        );
        for (term, forms) in terms {
            let forms: Vec<String> =
                forms.as_array().unwrap().iter().map(|f| f.as_str().unwrap().to_lowercase()).collect();
            assert!(!forms.is_empty(), "{tag}: {term} has no word");
            for (key, english) in &en {
                if !words(english).contains(term.as_str()) {
                    continue;
                }
                let Some((_, text)) = ours.iter().find(|(k, _)| k == key) else { continue };
                let read = words(text);
                assert!(
                    forms.iter().any(|f| read.contains(f.as_str())),
                    "{tag}: {key} does not say {forms:?} for {term}: {text}"
                );
            }
        }
    }
}

#[test]
fn the_payment_sentences_were_read_a_second_time() {
    for tag in SHIPPED.iter().filter(|t| **t != "en") {
        let path = Path::new(DIR).join(format!("review/{tag}.md"));
        let review = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for key in PAYMENT_SENTENCES {
            assert!(review.contains(key), "{tag}: the review does not read {key}");
        }
    }
}

#[test]
fn every_language_reads_and_fills_its_sentences() {
    let a = |s: &str| getcrypto_api::fixtures::amount(s);
    for tag in SHIPPED {
        let texts: Texts = from_json(tag, &file(tag), &EN);
        assert_eq!(texts.rtl, right_to_left(tag));
        let pay = texts.pay(&a("1234.5"), "USDT");
        assert!(pay.contains("USDT") && !pay.contains('{'), "{tag}: {pay}");
        let due = texts.still_due(&texts.money(&a("0.5"), "USDT"), &texts.money(&a("1.25"), "USDT"));
        assert!(due.contains("25\u{a0}USDT") && !due.contains('{'), "{tag}: {due}");
        for n in [0, 1, 2, 3, 5, 11, 21, 100] {
            let busy = texts.busy(n);
            assert!(busy.contains(&n.to_string()) && !busy.contains('{'), "{tag} {n}: {busy}");
            assert!(categories(tag).contains(&category(tag, n)));
        }
        // Digits stay ASCII whatever the language: what a wallet parses.
        assert!(texts.format_amount(&a("1234567.000451")).chars().all(|c| c.is_ascii_digit() || !c.is_numeric()));
    }
}

/// The build ships each file as an array in the widget's order
/// (xtask/src/languages.rs): read as the widget reads it, it is the
/// language's file, every text and form in its place.
#[test]
fn every_shipped_file_reads_as_its_language() {
    let en = file("en");
    let (plain, plural) = xtask::languages::keys(&en).unwrap();
    assert_eq!((plain, plural), (KEYS.map(String::from).to_vec(), PLURAL_KEYS.map(String::from).to_vec()));
    for tag in SHIPPED.iter().filter(|t| **t != "en") {
        let shipped = xtask::languages::shipped(&en, &file(tag)).unwrap();
        let read = from_shipped(tag, &shipped, &EN);
        assert_eq!(read, from_json(tag, &file(tag), &EN), "{tag}");
        assert_ne!(read.pay_button(), EN.pay_button(), "{tag}: still English");
    }
}

#[test]
fn the_typescript_types_list_every_shipped_language() {
    let types = include_str!("../www/types.d.ts");
    let start = types.find("export type ShippedLanguage =").unwrap();
    let listed: BTreeSet<&str> = types[start..].split(';').next().unwrap().split('"').skip(1).step_by(2).collect();
    assert_eq!(listed, SHIPPED.into_iter().collect::<BTreeSet<_>>());
}
