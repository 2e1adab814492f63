//! A language file as shipped: not `locales/<tag>.json`'s object, but an
//! array of its values in one fixed order, which the widget reads by index
//! (`Texts::read` in src/i18n.rs). The keys are written once, in the
//! widget's own list, instead of in every file a payer downloads, and the
//! widget carries no key names to look them up by: about 0.5 KB gzip less
//! per file, and less code in the first view.
//!
//! The order: the five fields of [`HEAD`]; then each plain text; then each
//! text with plural forms, as its six [`FORMS`]. Texts are in the order of
//! `locales/en.json`'s keys, sorted, plain before plural, as build.rs writes
//! `KEYS` and `PLURAL_KEYS`; `tests/locales.rs` reads every shipped array
//! through the widget's reader and holds it to the language's file. What a
//! language does not give is `null`, and the widget shows English there.

use crate::Result;
use serde_json::Value;

/// The language's own fields, first.
pub const HEAD: [&str; 5] = ["name", "dir", "decimal", "group", "group_from"];
/// A plural text's forms, in CLDR's order.
pub const FORMS: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// The plain texts' keys and the plural texts' keys, from English: sorted,
/// as build.rs lists them.
pub fn keys(en: &Value) -> Result<(Vec<String>, Vec<String>)> {
    let texts = en.get("texts").and_then(Value::as_object).ok_or("locales/en.json has no \"texts\" object")?;
    let mut all: Vec<(&String, &Value)> = texts.iter().collect();
    all.sort_by(|a, b| a.0.cmp(b.0));
    let (plain, plural): (Vec<_>, Vec<_>) = all.into_iter().partition(|(_, v)| v.is_string());
    let names = |v: Vec<(&String, &Value)>| v.into_iter().map(|(k, _)| k.clone()).collect();
    Ok((names(plain), names(plural)))
}

/// `language` (a `locales/<tag>.json`) as the shipped array.
pub fn shipped(en: &Value, language: &Value) -> Result<Value> {
    let (plain, plural) = keys(en)?;
    let texts = &language["texts"];
    let mut values: Vec<Value> = HEAD.iter().map(|field| language[*field].clone()).collect();
    values.extend(plain.iter().map(|key| texts[key].clone()));
    for key in &plural {
        values.extend(FORMS.iter().map(|form| texts[key][*form].clone()));
    }
    Ok(Value::Array(values))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_in_the_widgets_order_and_null_for_what_is_missing() {
        let en = json!({"texts": {"z": "Z", "a": "A", "n": {"one": "1", "other": "N"}, "b": {"other": "B"}}});
        let de = json!({"name": "Deutsch", "dir": "ltr", "decimal": ",", "group": ".", "texts": {"a": "Ä", "n": {"one": "eins", "other": "viele"}}});
        assert_eq!(keys(&en).unwrap(), (vec!["a".into(), "z".into()], vec!["b".into(), "n".into()]));
        let mut want =
            vec![json!("Deutsch"), json!("ltr"), json!(","), json!("."), Value::Null, json!("Ä"), Value::Null];
        want.extend(std::iter::repeat_n(Value::Null, 6));
        want.extend([Value::Null, json!("eins"), Value::Null, Value::Null, Value::Null, json!("viele")]);
        assert_eq!(shipped(&en, &de).unwrap(), Value::Array(want));
    }
}
