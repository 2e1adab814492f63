//! The steps that turn the build's output into `dist/` (`cargo xtask dist`
//! runs them in this order, `xtask/src/dist.rs`), each a function of what
//! the step before handed it. Every patch to text another tool generated
//! (wasm-bindgen's glue, the splitter's loader) checks that the text it
//! patches is there exactly as expected, so that a changed tool fails the
//! build with a message instead of shipping a loader that fetches nothing.

use crate::{digest, names, Result};
use std::path::Path;

/// A file shipped under a name that carries its content's hash, and the
/// SHA-384 every loader checks it against.
#[derive(Clone, Debug, PartialEq)]
pub struct Pinned {
    pub name: String,
    pub sri: String,
}

/// Whether `name` in `dist/` is a file an earlier build wrote and this one
/// writes again under new names: the hashed wasm and language files, the
/// versioned head script, `integrity.json`. Everything else (the demo's,
/// the package's) stays.
pub fn is_earlier_build(name: &str) -> bool {
    let release = name.starts_with("getcrypto-") && name.contains(".js");
    let hashed = (name.starts_with("getcrypto_bg") && name.contains(".wasm"))
        || (name.starts_with("getcrypto_lang.") && name.contains(".json"));
    release || hashed || name == "integrity.json"
}

/// Step 1: removes what an earlier build left in `dist`, so that no file
/// of an older release is served as if it were this one's.
pub fn clear_earlier_build(dist: &Path) -> Result<()> {
    std::fs::create_dir_all(dist)?;
    for entry in std::fs::read_dir(dist)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if is_earlier_build(&name) {
            std::fs::remove_file(dist.join(name))?;
        }
    }
    Ok(())
}

/// wasm-bindgen's default URL for the wasm in its `web` glue.
const GLUE_DEFAULT_URL: &str = "new URL('getcrypto_bg.wasm', import.meta.url)";

/// `glue` with its default URL for the wasm naming the shipped `wasm_name`
/// instead: the default would send bundlers looking for a file that is not
/// shipped.
pub fn point_glue_at(glue: &str, wasm_name: &str) -> Result<String> {
    if glue.matches(GLUE_DEFAULT_URL).count() != 1 {
        return Err(format!(
            "wasm-bindgen's web glue no longer holds {GLUE_DEFAULT_URL} once: point it at the shipped wasm another way"
        )
        .into());
    }
    Ok(glue.replace(GLUE_DEFAULT_URL, &format!("new URL('./{wasm_name}', import.meta.url)")))
}

/// Step 2: the main wasm as shipped, with its glue: imports and closure
/// entries renamed short on both sides (`names::shorten`), the wasm named
/// by its hash and the glue pointed at that name.
pub fn main_wasm(wasm: &[u8], glue: &str) -> Result<(Vec<u8>, String, Pinned)> {
    let (wasm, glue) = names::shorten(wasm, glue)?;
    let pinned = Pinned { name: digest::wasm_name(&wasm), sri: digest::sri(&wasm) };
    let glue = point_glue_at(&glue, &pinned.name)?;
    Ok((wasm, glue, pinned))
}

/// `loader` with its fetch of the chunk `file` pointed at the shipped
/// chunk and checked against its SHA-384 (`fetchChunk`, `www/split.js`).
pub fn pin_chunk(loader: &str, file: &str, chunk: &Pinned) -> Result<String> {
    let fetch = format!("fetch(new URL(\"./{file}\", import.meta.url))");
    if loader.matches(&fetch).count() != 1 {
        return Err(format!(
            "the splitter's loader no longer fetches {file} as {fetch}: update xtask/src/ship.rs to it"
        )
        .into());
    }
    let name = &chunk.name;
    Ok(loader.replace(&fetch, &format!("fetchChunk(new URL(\"./{name}\", import.meta.url), \"{}\")", chunk.sri)))
}

/// What the splitter's loader calls to instantiate a chunk, and what
/// `www/split.js` puts in its place (which also tells why a chunk failed).
const SPLITTER_INSTANTIATE: &str = "WebAssembly.instantiateStreaming(src, imports)";
const SHIPPED_INSTANTIATE: &str = "instantiateChunk(src, imports)";

/// What `__wasm_split.js` takes from `www/split.js` (copied beside it as
/// `split.js`): the two calls the loader is patched to make, and the two
/// the entries and the widget import from the loader.
pub const SPLIT_JS_IMPORTS: &str = "import { fetchChunk, instantiateChunk } from \"./split.js\";\n\
    export { chunkFailure, useFetch } from \"./split.js\";\n";

/// Step 3: `__wasm_split.js`, the splitter's `loader` for the shipped
/// chunks: each chunk (by the file name the splitter gave it) fetched
/// under its shipped name, pinned, and instantiated through `www/split.js`.
/// A build without a chunk (`loader` empty) still gets the imports, which
/// the entries and the widget read.
pub fn chunk_loader(loader: &str, chunks: &[(String, Pinned)]) -> Result<String> {
    let mut loader = loader.to_owned();
    for (file, chunk) in chunks {
        loader = pin_chunk(&loader, file, chunk)?;
    }
    if loader.matches(SPLITTER_INSTANTIATE).count() != chunks.len() {
        return Err(format!(
            "the splitter's loader no longer holds one {SPLITTER_INSTANTIATE} per chunk: update www/split.js to it"
        )
        .into());
    }
    Ok(format!("{SPLIT_JS_IMPORTS}{}", loader.replace(SPLITTER_INSTANTIATE, SHIPPED_INSTANTIATE)))
}

/// The last step's `integrity.json`: every shipped file's SHA-384 by its
/// name (the head script under both of its), in the order of the names.
pub fn integrity_json(head: &[(&str, &str)], pinned: &[Pinned]) -> Result<String> {
    let mut map = serde_json::Map::new();
    for (name, sri) in head.iter().copied().chain(pinned.iter().map(|p| (p.name.as_str(), p.sri.as_str()))) {
        if map.insert(name.to_owned(), sri.into()).is_some() {
            return Err(format!("integrity.json: {name} is shipped twice").into());
        }
    }
    Ok(serde_json::to_string_pretty(&map)? + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pinned(name: &str) -> Pinned {
        Pinned { name: name.to_owned(), sri: format!("sha384-{name}") }
    }

    #[test]
    fn only_an_earlier_builds_files_are_cleared() {
        for name in [
            "getcrypto_bg.0123456789abcdef.wasm",
            "getcrypto_bg.payment.0123456789abcdef.wasm.gz",
            "getcrypto_lang.ru.0123456789abcdef.json",
            "getcrypto_lang.ru.0123456789abcdef.json.br",
            "getcrypto-0.1.0.js",
            "getcrypto-0.2.0.js.gz",
            "integrity.json",
        ] {
            assert!(is_earlier_build(name), "{name}");
        }
        for name in ["getcrypto.js", "getcrypto.mjs", "react.mjs", "package.json", "README.md", "getcrypto.d.ts"] {
            assert!(!is_earlier_build(name), "{name}");
        }
    }

    #[test]
    fn clearing_leaves_the_files_each_build_writes_over() {
        let dist = std::env::temp_dir().join(format!("getcrypto-ship-{}", std::process::id()));
        std::fs::create_dir_all(&dist).unwrap();
        for name in ["getcrypto_bg.00.wasm", "integrity.json", "react.mjs"] {
            std::fs::write(dist.join(name), "x").unwrap();
        }
        clear_earlier_build(&dist).unwrap();
        let left: Vec<String> =
            std::fs::read_dir(&dist).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        std::fs::remove_dir_all(&dist).unwrap();
        assert_eq!(left, ["react.mjs"]);
    }

    #[test]
    fn the_glue_fetches_the_shipped_wasm_or_the_build_fails() {
        let glue = "if (typeof module_or_path === 'undefined') { module_or_path = new URL('getcrypto_bg.wasm', import.meta.url); }";
        let pointed = point_glue_at(glue, "getcrypto_bg.0123456789abcdef.wasm").unwrap();
        assert!(pointed.contains("new URL('./getcrypto_bg.0123456789abcdef.wasm', import.meta.url)"), "{pointed}");
        assert!(!pointed.contains("'getcrypto_bg.wasm'"));
        let changed = glue.replace("new URL(", "new globalThis.URL(");
        let err = point_glue_at(&changed, "x.wasm").unwrap_err().to_string();
        assert!(err.contains("no longer holds"), "{err}");
    }

    #[test]
    fn each_chunk_is_fetched_pinned_and_instantiated_through_split_js() {
        let loader = r#"export function payment(imports) {
  const src = fetch(new URL("./split_payment.wasm", import.meta.url));
  return WebAssembly.instantiateStreaming(src, imports);
}"#;
        let chunk = pinned("getcrypto_bg.payment.0123456789abcdef.wasm");
        let shipped = chunk_loader(loader, &[("split_payment.wasm".to_owned(), chunk)]).unwrap();
        assert!(shipped.contains(
            r#"fetchChunk(new URL("./getcrypto_bg.payment.0123456789abcdef.wasm", import.meta.url), "sha384-getcrypto_bg.payment.0123456789abcdef.wasm")"#
        ));
        assert!(shipped.contains("return instantiateChunk(src, imports);"), "{shipped}");
        assert!(shipped.starts_with(SPLIT_JS_IMPORTS), "split.js's calls imported: {shipped}");
        assert!(!shipped.contains("split_payment.wasm") && !shipped.contains("WebAssembly.instantiateStreaming"));
    }

    #[test]
    fn a_loader_the_splitter_wrote_differently_fails_the_build() {
        let loader = r#"const src = fetch(new URL("./split_payment.wasm", import.meta.url));
return WebAssembly.instantiate(src, imports);"#;
        let chunks = [("split_payment.wasm".to_owned(), pinned("c.wasm"))];
        let err = chunk_loader(loader, &chunks).unwrap_err().to_string();
        assert!(err.contains("one WebAssembly.instantiateStreaming(src, imports) per chunk"), "{err}");
        let renamed = [("split_checkout.wasm".to_owned(), pinned("c.wasm"))];
        let err = chunk_loader(loader, &renamed).unwrap_err().to_string();
        assert!(err.contains("no longer fetches split_checkout.wasm"), "{err}");
        assert_eq!(chunk_loader("", &[]).unwrap(), SPLIT_JS_IMPORTS, "the stable build: one piece, no chunk");
    }

    #[test]
    fn integrity_json_names_every_file_once() {
        let json = integrity_json(
            &[("getcrypto.js", "sha384-head"), ("getcrypto-0.2.0.js", "sha384-head")],
            &[pinned("getcrypto_bg.00.wasm"), pinned("getcrypto_lang.ru.00.json")],
        )
        .unwrap();
        let read: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(read["getcrypto.js"], "sha384-head");
        assert_eq!(read["getcrypto-0.2.0.js"], "sha384-head");
        assert_eq!(read["getcrypto_lang.ru.00.json"], "sha384-getcrypto_lang.ru.00.json");
        assert_eq!(read.as_object().unwrap().len(), 4);
        let twice = integrity_json(&[("a.wasm", "x")], &[pinned("a.wasm")]).unwrap_err().to_string();
        assert!(twice.contains("a.wasm is shipped twice"), "{twice}");
    }
}
