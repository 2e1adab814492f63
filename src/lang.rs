//! Which language the payer reads: the `language` parameter (a tag, or
//! `auto` for the browser's `navigator.languages`) matched against the
//! languages the widget ships. `www/load/languages.js` (`pickLanguage`) applies the
//! same rules to fetch the file before the widget starts; a property test
//! (`tests/early_request.rs`) holds the two together.

use getcrypto_api::Language;

/// Every language the widget ships, one file each in `locales/`: English
/// is built in, every other one is fetched only by a payer who reads it.
pub const SHIPPED: [&str; 30] = [
    "en", "ru", "uk", "kk", "uz", "tr", "es", "pt", "fr", "de", "it", "pl", "nl", "ro", "cs", "ar", "fa", "he", "ur",
    "hi", "bn", "id", "ms", "vi", "th", "fil", "zh-CN", "zh-TW", "ja", "ko",
];

/// Written right to left.
pub const RIGHT_TO_LEFT: [&str; 4] = ["ar", "fa", "he", "ur"];

/// Tags that name a shipped language by another name: the script or the
/// region that decides Chinese, Brazilian Portuguese (what `pt` is written
/// in), and the tags browsers still send for Filipino, Hebrew and
/// Indonesian. Lower case.
const ALIASES: [(&str, &str); 13] = [
    ("zh", "zh-CN"),
    ("zh-hans", "zh-CN"),
    ("zh-sg", "zh-CN"),
    ("zh-my", "zh-CN"),
    ("zh-hant", "zh-TW"),
    ("zh-hk", "zh-TW"),
    ("zh-mo", "zh-TW"),
    ("pt-br", "pt"),
    ("tl", "fil"),
    ("iw", "he"),
    ("in", "id"),
    ("ms-my", "ms"),
    ("fil-ph", "fil"),
];

/// The language chosen, and whether it is not the one asked for (a tag we
/// do not ship, answered by its nearest or by English): the merchant is
/// warned once, in the console.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Resolved {
    pub tag: &'static str,
    pub fell_back: bool,
}

/// Whether `tag` is a language tag in BCP 47's shape: a two- or
/// three-letter language, then subtags of letters and digits (`pt-BR`,
/// `zh-Hant-HK`, `es-419`).
pub fn well_formed(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or("");
    tag.len() <= 35
        && (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The shipped language `tag` names, exactly, by an alias, or by dropping
/// subtags from the end (`pt-PT` → `pt`, `zh-Hant-HK` → `zh-Hant` → `zh-TW`).
/// `exact` is false when subtags had to be dropped.
fn nearest(tag: &str) -> Option<(&'static str, bool)> {
    let mut t = tag.to_ascii_lowercase();
    let mut exact = true;
    loop {
        if let Some(s) = SHIPPED.iter().find(|s| s.eq_ignore_ascii_case(&t)) {
            return Some((s, exact));
        }
        if let Some((_, s)) = ALIASES.iter().find(|(a, _)| *a == t) {
            return Some((s, exact));
        }
        let cut = t.rfind('-')?;
        t.truncate(cut);
        exact = false;
    }
}

/// The language for `requested` (`init`'s `language`), `preferred` being
/// the browser's languages for `auto`. A value that is neither `auto` nor
/// a well-formed tag is refused, with the words the merchant reads.
pub fn resolve(requested: &str, preferred: &[String]) -> Result<Resolved, String> {
    if requested.eq_ignore_ascii_case("auto") {
        let tag = preferred.iter().filter(|p| well_formed(p)).find_map(|p| nearest(p)).map_or("en", |(s, _)| s);
        return Ok(Resolved { tag, fell_back: false });
    }
    if !well_formed(requested) {
        return Err(format!(
            "`{requested}` is not a language tag such as en, ru or pt-BR, nor auto; the languages are {}.",
            SHIPPED.join(", ")
        ));
    }
    Ok(match nearest(requested) {
        Some((tag, exact)) => Resolved { tag, fell_back: !exact },
        None => Resolved { tag: "en", fell_back: true },
    })
}

/// The language the API is asked in: it knows English and Russian only.
pub fn api_language(tag: &str) -> Language {
    if tag == "ru" {
        Language::Ru
    } else {
        Language::En
    }
}

/// Whether `tag` is written right to left.
pub fn right_to_left(tag: &str) -> bool {
    RIGHT_TO_LEFT.contains(&tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pick(requested: &str) -> (&'static str, bool) {
        let r = resolve(requested, &[]).unwrap();
        (r.tag, r.fell_back)
    }

    #[test]
    fn a_shipped_tag_is_itself_in_any_case() {
        assert_eq!(pick("ru"), ("ru", false));
        assert_eq!(pick("EN"), ("en", false));
        assert_eq!(pick("zh-tw"), ("zh-TW", false));
        assert_eq!(pick("fil"), ("fil", false));
    }

    #[test]
    fn an_unshipped_tag_falls_back_to_its_nearest_then_english() {
        assert_eq!(pick("pt-PT"), ("pt", true));
        assert_eq!(pick("es-AR"), ("es", true));
        assert_eq!(pick("es-419"), ("es", true));
        assert_eq!(pick("zh-Hant-HK"), ("zh-TW", true));
        assert_eq!(pick("sw"), ("en", true));
        assert_eq!(pick("en-GB"), ("en", true));
    }

    #[test]
    fn aliases_are_the_same_language() {
        assert_eq!(pick("pt-BR"), ("pt", false));
        assert_eq!(pick("zh"), ("zh-CN", false));
        assert_eq!(pick("zh-HK"), ("zh-TW", false));
        assert_eq!(pick("zh-Hans"), ("zh-CN", false));
        assert_eq!(pick("iw"), ("he", false));
        assert_eq!(pick("tl"), ("fil", false));
    }

    #[test]
    fn auto_takes_the_first_browser_language_we_ship() {
        let prefs = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(resolve("auto", &prefs(&["sw-KE", "de-CH", "en"])).unwrap().tag, "de");
        assert_eq!(resolve("auto", &prefs(&["ar-EG"])).unwrap(), Resolved { tag: "ar", fell_back: false });
        assert_eq!(resolve("auto", &prefs(&["x", "sw"])).unwrap().tag, "en");
        assert_eq!(resolve("auto", &[]).unwrap().tag, "en");
    }

    #[test]
    fn a_malformed_value_is_refused_with_what_it_should_be() {
        for bad in ["", "english", "e", "ru_RU", "ru-", "-ru", "ру", "en GB", "1a"] {
            let e = resolve(bad, &[]).unwrap_err();
            assert!(e.contains("is not a language tag") && e.contains("pt-BR"), "{bad}: {e}");
        }
    }

    #[test]
    fn the_api_is_asked_in_russian_or_english() {
        assert_eq!(api_language("ru"), Language::Ru);
        assert_eq!(api_language("uk"), Language::En);
        assert_eq!(api_language("en"), Language::En);
    }

    #[test]
    fn every_shipped_language_has_its_file() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/locales");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.unwrap().file_name().to_str()?.strip_suffix(".json").map(str::to_owned))
            .collect();
        files.sort();
        let mut shipped: Vec<String> = SHIPPED.iter().map(|s| s.to_string()).collect();
        shipped.sort();
        assert_eq!(files, shipped);
    }
}
