//! Shrinks the stylesheets the widget renders into its shadow root (the
//! first view's, and the payment phase's, which travels in its chunk): comments
//! and layout whitespace go, every rule stays. Quoted strings are kept as
//! written. The dark palette is written once in the source and copied into
//! the rule that follows the system's scheme. Also writes the texts' keys,
//! their accessors and the built-in English from `locales/en.json`.
#![allow(
    clippy::expect_used,
    reason = "a build script that cannot read or write its files fails the build, with the message"
)]

use std::{env, fs, path::Path};

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for (source, palette) in [("www/getcrypto.css", true), ("www/payment.css", false)] {
        println!("cargo:rerun-if-changed={source}");
        let css = fs::read_to_string(source).unwrap_or_else(|e| panic!("{source} is not readable: {e}"));
        let css = if palette { with_dark_palette(&css) } else { css };
        let name = Path::new(source).file_stem().expect("a file name").to_string_lossy().into_owned();
        fs::write(Path::new(&out).join(format!("{name}.min.css")), minify(&css)).expect("OUT_DIR is writable");
    }
    println!("cargo:rerun-if-changed=locales/en.json");
    let en = fs::read_to_string("locales/en.json").expect("locales/en.json is readable");
    fs::write(Path::new(&out).join("texts.rs"), english(&en)).expect("OUT_DIR is writable");
}

/// From `locales/en.json`, the one list of texts: `KEYS` and `PLURAL_KEYS`
/// (in the file's order, sorted), an accessor on `Texts` for each, and the
/// built-in English as a literal of `Texts`. Components name a text by its
/// accessor, so a key removed from the file fails the build.
fn english(json: &str) -> String {
    let file: serde_json::Value = serde_json::from_str(json).expect("locales/en.json is JSON");
    let text = |v: &serde_json::Value| format!("{:?}", v.as_str().expect("a text is a string"));
    let first = |key: &str| format!("{:?}", file[key].as_str().and_then(|s| s.chars().next()).expect("a separator"));
    let texts = file["texts"].as_object().expect("locales/en.json has \"texts\"");
    let (plain, plural): (Vec<_>, Vec<_>) = texts.iter().partition(|(_, v)| v.is_string());
    let list =
        |v: &[(&String, &serde_json::Value)]| v.iter().map(|(k, _)| format!("{k:?}")).collect::<Vec<_>>().join(", ");
    let mut rs = format!(
        "/// The keys of plain texts.\npub const KEYS: [&str; {}] = [{}];\n/// The keys of texts with plural forms.\npub const PLURAL_KEYS: [&str; {}] = [{}];\n\nimpl Texts {{\n",
        plain.len(),
        list(&plain),
        plural.len(),
        list(&plural)
    );
    for (i, (key, _)) in plain.iter().enumerate() {
        rs.push_str(&format!("    pub fn {key}(&self) -> &'static str {{\n        self.text[{i}]\n    }}\n"));
    }
    for (i, (key, _)) in plural.iter().enumerate() {
        rs.push_str(&format!("    pub fn {key}(&self) -> &Plural {{\n        &self.plural[{i}]\n    }}\n"));
    }
    rs.push_str(&format!(
        "}}\n\n/// English, built in from `locales/en.json`.\npub static EN: Texts = Texts {{ tag: \"en\", name: {}, rtl: false, decimal: {}, group: {}, group_from: 4,\n    text: [\n",
        text(&file["name"]),
        first("decimal"),
        first("group")
    ));
    for (_, value) in &plain {
        rs.push_str(&format!("        {},\n", text(value)));
    }
    rs.push_str("    ],\n    plural: [\n");
    for (_, value) in &plural {
        let forms = value.as_object().expect("a plural text is an object");
        let form = |c: &str| forms.get(c).map_or("None".to_owned(), |v| format!("Some({})", text(v)));
        rs.push_str(&format!(
            "        Plural {{ zero: {}, one: {}, two: {}, few: {}, many: {}, other: {} }},\n",
            form("zero"),
            form("one"),
            form("two"),
            form("few"),
            form("many"),
            text(&forms["other"])
        ));
    }
    rs.push_str("    ],\n};\n");
    rs
}

/// `css` with the body of the `data-scheme="dark"` rule put in place of
/// `/*@dark-palette@*/`.
fn with_dark_palette(css: &str) -> String {
    let rule = ":host([data-scheme=\"dark\"]) .gc-widget {";
    let start = css.find(rule).expect("www/getcrypto.css has the data-scheme=\"dark\" rule") + rule.len();
    let end = start + css[start..].find('}').expect("the dark rule is closed");
    let marker = "/*@dark-palette@*/";
    assert!(css.contains(marker), "www/getcrypto.css has no {marker} for the system's dark scheme");
    css.replace(marker, &css[start..end])
}

fn minify(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                space = true;
            }
            '"' | '\'' => {
                push_space(&mut out, &mut space);
                out.push(c);
                for q in chars.by_ref() {
                    out.push(q);
                    if q == c {
                        break;
                    }
                }
            }
            c if c.is_whitespace() => space = true,
            '{' | '}' | ';' | ',' | '>' => {
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                out.push(c);
                space = false;
            }
            c => {
                push_space(&mut out, &mut space);
                out.push(c);
            }
        }
    }
    out
}

/// One space where the source had any, unless a punctuation mark makes it
/// needless.
fn push_space(out: &mut String, space: &mut bool) {
    if *space && !out.is_empty() && !out.ends_with(['{', '}', ';', ',', '>', ':']) {
        out.push(' ');
    }
    *space = false;
}
