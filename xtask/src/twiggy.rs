//! `cargo xtask twiggy`: what the shipped wasm files are made of. Builds
//! `dist/`, keeps the function names that the shipped files drop, and
//! prints twiggy's largest items of the main module (the first view) and of
//! each chunk, as the split build cuts and optimises them; then the first
//! view's bytes by crate beside Yew's floor built with the same flags, and
//! the widget's own by view, hook and module, for the first view and each
//! chunk (also in `target/twiggy/table.md`), to find what is left to cut.

use crate::split::wasm_opt_flags;
use crate::{say, Ctx};
use std::collections::HashMap;
use std::path::Path;
use xshell::cmd;
use xtask::Result;

impl Ctx {
    pub fn twiggy(&self, top: &str) -> Result<()> {
        self.build_dist()?;
        self.ensure_twiggy()?;
        let out = self.root.join("target/twiggy");
        let _ = std::fs::remove_dir_all(&out);
        std::fs::create_dir_all(&out)?;
        let split = self.root.join("target/split");
        // The main module as wasm-bindgen finishes it; each chunk as cut.
        let bindgen = out.join("main");
        let main = split.join("main.wasm");
        cmd!(
            self.sh,
            "wasm-bindgen --target web --keep-lld-exports --keep-debug --out-dir {bindgen} --out-name main {main}"
        )
        .run()?;
        let mut modules =
            vec![("the first view (main module)".to_owned(), self.optimised(&bindgen.join("main_bg.wasm"), "main")?)];
        for entry in std::fs::read_dir(&split)? {
            let path = entry?.path();
            let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
            if let Some(chunk) = name.strip_suffix(".named.wasm") {
                modules.push((format!("the chunk `{chunk}`"), self.optimised(&path, chunk)?));
            }
        }
        let mut report = Vec::new();
        for (title, wasm) in &modules {
            say(&format!("{title}: the {top} largest items"));
            cmd!(self.sh, "twiggy top -n {top} {wasm}").run()?;
            let items = items(&cmd!(self.sh, "twiggy top -n 100000 --format csv {wasm}").quiet().read()?);
            report.push((title.clone(), items));
        }
        // Yew's floor beside the first view, crate by crate: what any Yew
        // app of these flags ships.
        self.build_floor()?;
        let floor = self.named("floor", "yew_floor")?;
        let mut text = format!(
            "## {}

{}",
            report[0].0,
            table(&report[0].1, &items(&floor))
        );
        for (title, items) in &report[1..] {
            text.push_str(&format!("\n\n## {title}\n\n{}", table(items, &[])));
        }
        std::fs::write(out.join("table.md"), format!("{text}\n"))?;
        println!("\n{text}");
        say("the table is in target/twiggy/table.md");
        Ok(())
    }

    /// `wasm` optimised with the shipped flags, its names kept.
    fn optimised(&self, wasm: &Path, name: &str) -> Result<std::path::PathBuf> {
        let flags: Vec<String> = wasm_opt_flags(&std::fs::read_to_string(self.root.join("Cargo.toml"))?)?
            .into_iter()
            .filter(|f| !f.starts_with("--strip"))
            .collect();
        let named = self.root.join(format!("target/twiggy/{name}.wasm"));
        cmd!(self.sh, "wasm-opt {flags...} -g {wasm} -o {named}").run()?;
        Ok(named)
    }

    /// `name.wasm` from the release build, named and optimised as shipped;
    /// returns twiggy's items as CSV.
    fn named(&self, name: &str, raw: &str) -> Result<String> {
        let out = self.root.join("target/twiggy");
        let input = self.root.join(format!("target/dist/wasm32-unknown-unknown/release/{raw}.wasm"));
        cmd!(self.sh, "wasm-bindgen --target no-modules --keep-debug --out-dir {out} --out-name {name} {input}")
            .run()?;
        let bg = out.join(format!("{name}_bg.wasm"));
        let wasm = self.optimised(&bg, name)?;
        Ok(cmd!(self.sh, "twiggy top -n 100000 --format csv {wasm}").quiet().read()?)
    }
}

/// `(name, shallow size)` of each item in twiggy's CSV, without the name
/// section's own entries (not shipped).
fn items(csv: &str) -> Vec<(String, u64)> {
    csv.lines()
        .skip(1)
        .filter_map(|line| {
            let fields = fields(line);
            let size = fields.get(1)?.parse().ok()?;
            let name = fields.into_iter().next()?;
            (!name.contains("subsection")).then_some((name, size))
        })
        .collect()
}

/// One CSV record's fields, with `"…"` quoting and `""` inside it.
fn fields(line: &str) -> Vec<String> {
    let (mut out, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    out.push(field);
    out
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_lowercase() || c == b'_'
}

fn is_ident(c: u8) -> bool {
    is_ident_start(c) || c.is_ascii_digit()
}

/// After `at`: an optional `[hex]` disambiguator, then `::`; where it ends.
fn path_separator(s: &[u8], mut at: usize) -> Option<usize> {
    if s.get(at) == Some(&b'[') {
        let hex = s[at + 1..].iter().take_while(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()).count();
        if hex > 0 && s.get(at + 1 + hex) == Some(&b']') && s[at + 2 + hex..].starts_with(b"::") {
            return Some(at + 4 + hex);
        }
    }
    s[at..].starts_with(b"::").then(|| {
        at += 2;
        at
    })
}

/// The crate an item belongs to: the first path segment in its name.
fn crate_of(name: &str) -> String {
    if name.starts_with("data segment") {
        return "data (stylesheet, texts, tables)".into();
    }
    let s = name.as_bytes();
    // Methods of str, char, slices and the integers.
    if ["<str", "<char", "<["].iter().any(|p| name.starts_with(p))
        || (matches!(s.get(1), Some(b'u' | b'i'))
            && s.first() == Some(&b'<')
            && s.get(2).is_some_and(u8::is_ascii_digit))
    {
        return "core".into();
    }
    for start in 0..s.len() {
        if !is_ident_start(s[start]) {
            continue;
        }
        let end = start + s[start..].iter().take_while(|c| is_ident(**c)).count();
        if path_separator(s, end).is_some() {
            return name[start..end].into();
        }
    }
    "other (glue, tables)".into()
}

/// The widget's own module (and, for components and hooks, the item) that
/// an item's name mentions: a Yew lifecycle or effect instantiated for one
/// of its components or hooks counts as that part's.
fn part_of(name: &str) -> Option<String> {
    let s = name.as_bytes();
    let mut from = 0;
    while let Some(found) = name[from..].find("getcrypto_widget") {
        let at = from + found + "getcrypto_widget".len();
        from = at;
        let Some(start) = path_separator(s, at) else { continue };
        let module_len = s[start..].iter().take_while(|c| is_ident(**c)).count();
        if module_len == 0 {
            continue;
        }
        let module = &name[start..start + module_len];
        let rest = start + module_len;
        let item = s[rest..].starts_with(b"::").then(|| {
            let len = s[rest + 2..].iter().take_while(|c| is_ident(**c)).count();
            &name[rest + 2..rest + 2 + len]
        });
        return Some(match item {
            Some(item) if !item.is_empty() && (module == "components" || module == "hooks") => {
                format!("{module}::{item}")
            }
            _ => module.into(),
        });
    }
    None
}

/// Sorted by size, largest first, names breaking ties.
fn by_size(map: HashMap<String, u64>) -> Vec<(String, u64)> {
    let mut v: Vec<_> = map.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// Two readings of the same bytes: by crate, beside the floor's; and the
/// widget's own, by part.
fn table(widget: &[(String, u64)], floor: &[(String, u64)]) -> String {
    let mut floor_crates: HashMap<String, u64> = HashMap::new();
    for (name, size) in floor {
        *floor_crates.entry(crate_of(name)).or_default() += size;
    }
    let (mut crates, mut parts): (HashMap<String, u64>, HashMap<String, u64>) = Default::default();
    for (name, size) in widget {
        match part_of(name).filter(|_| !name.starts_with("data segment")) {
            Some(part) => {
                *parts.entry(part).or_default() += size;
                *crates.entry("the widget's own code".into()).or_default() += size;
            }
            None => *crates.entry(crate_of(name)).or_default() += size,
        }
    }
    let n = |v: u64| thousands(v as i64);
    let (all, all_floor) = (crates.values().sum::<u64>(), floor_crates.values().sum::<u64>());
    if floor.is_empty() {
        let mut lines =
            vec!["| by crate, as shipped (before compression) | bytes |".to_owned(), "| --- | --- |".to_owned()];
        lines.extend(by_size(crates).into_iter().map(|(k, v)| format!("| {k} | {} |", n(v))));
        lines.push(format!("| **all** | **{}** |", n(all)));
        lines.push(String::new());
        lines.extend(parts_table(parts));
        return lines.join("\n");
    }
    let mut lines = vec![
        "| by crate, as shipped (before compression) | widget | Yew's floor | above the floor |".to_owned(),
        "| --- | --- | --- | --- |".to_owned(),
    ];
    for (k, v) in by_size(crates.clone()) {
        let f = floor_crates.get(&k).copied().unwrap_or(0);
        lines.push(format!("| {k} | {} | {} | {} |", n(v), n(f), thousands(v as i64 - f as i64)));
    }
    for (k, v) in by_size(floor_crates).into_iter().filter(|(k, _)| !crates.contains_key(k)) {
        lines.push(format!("| {k} | 0 | {} | {} |", n(v), thousands(-(v as i64))));
    }
    lines.push(format!(
        "| **all** | **{}** | **{}** | **{}** |",
        n(all),
        n(all_floor),
        thousands(all as i64 - all_floor as i64)
    ));
    lines.push(String::new());
    lines.extend(parts_table(parts));
    lines.join("\n")
}

fn parts_table(parts: HashMap<String, u64>) -> Vec<String> {
    let mut lines =
        vec!["| the widget's own code, by view, hook and module | bytes |".to_owned(), "| --- | --- |".to_owned()];
    lines.extend(by_size(parts).into_iter().map(|(k, v)| format!("| `{k}` | {} |", thousands(v as i64))));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_read_by_crate_and_part() {
        assert_eq!(crate_of("yew::html::component::Foo::bar"), "yew");
        assert_eq!(crate_of("hashbrown[1a2b]::raw::x"), "hashbrown");
        assert_eq!(crate_of("<str as core::fmt::Display>::fmt"), "core");
        assert_eq!(crate_of("<u64 as x::Y>::z"), "core");
        assert_eq!(crate_of("data segment \".rodata\""), "data (stylesheet, texts, tables)");
        assert_eq!(crate_of("Foo::bar"), "oo");
        assert_eq!(crate_of("func[12]"), "other (glue, tables)");
        assert_eq!(
            part_of("<yew::X<getcrypto_widget[ab12]::components::payment::Payment>>::run").as_deref(),
            Some("components::payment")
        );
        assert_eq!(part_of("getcrypto_widget::state::reduce").as_deref(), Some("state"));
        assert_eq!(part_of("yew::x"), None);
    }

    #[test]
    fn quoted_fields_and_thousands() {
        assert_eq!(fields("\"a, \"\"b\"\"\",12,3.4"), ["a, \"b\"", "12", "3.4"]);
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(-1000), "-1,000");
        assert_eq!(thousands(999), "999");
    }
}
