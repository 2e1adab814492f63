//! What a payer downloads, checked from the built files: bytes do not flake.
//! The timings are in the benchmark (`cargo xtask bench`), not here.

use e2e::budget::{self, kb};
use e2e::repo_root;
use std::io::Read;

#[test]
fn the_shipped_files_stay_under_the_ceiling() {
    let dist = repo_root().join("dist");
    let files = budget::shipped(&dist).unwrap_or_else(|e| panic!("{e}"));
    let languages = budget::languages(&dist).unwrap_or_else(|e| panic!("{e}"));
    for f in files.iter().chain(&languages) {
        // The compressed files are what the sandbox sends: they must be the
        // files as built now, not left over from an earlier build.
        let raw = std::fs::read(dist.join(&f.name)).unwrap();
        for suffix in [".gz", ".br"] {
            let packed = std::fs::read(dist.join(format!("{}{suffix}", f.name))).unwrap();
            let mut unpacked = Vec::new();
            let read = if suffix == ".gz" {
                flate2::read::GzDecoder::new(&packed[..]).read_to_end(&mut unpacked)
            } else {
                brotli_decompressor::Decompressor::new(&packed[..], 4096).read_to_end(&mut unpacked)
            };
            read.unwrap_or_else(|e| panic!("{}{suffix} does not decompress: {e}", f.name));
            assert!(unpacked == raw, "{}{suffix} is stale: rebuild dist/", f.name);
        }
        eprintln!("{}: {} raw, {} gzip, {} brotli", f.name, kb(f.raw), kb(f.gzip), kb(f.brotli));
    }
    // A payer downloads one language at most: the heaviest counts.
    let heaviest = budget::heaviest_language(&dist).unwrap_or_else(|e| panic!("{e}"));
    eprintln!("heaviest language: {} ({} gzip)", heaviest.name, kb(heaviest.gzip));
    let gzip: u64 = files.iter().map(|f| f.gzip).sum::<u64>() + heaviest.gzip;
    let brotli: u64 = files.iter().map(|f| f.brotli).sum::<u64>() + heaviest.brotli;
    eprintln!(
        "shipped: {} gzip (budget {}), {} brotli (budget {})",
        kb(gzip),
        kb(budget::GZIP_BUDGET),
        kb(brotli),
        kb(budget::BROTLI_BUDGET)
    );
    let first = budget::first_view(&dist).unwrap_or_else(|e| panic!("{e}"));
    let (first_gzip, first_brotli): (u64, u64) = (
        first.iter().map(|f| f.gzip).sum::<u64>() + heaviest.gzip,
        first.iter().map(|f| f.brotli).sum::<u64>() + heaviest.brotli,
    );
    eprintln!("first view with the heaviest language: {} gzip, {} brotli", kb(first_gzip), kb(first_brotli));
    assert!(
        first_gzip <= budget::FIRST_VIEW_GZIP_CEILING,
        "the first view's {} gzip is over its ceiling of {}",
        kb(first_gzip),
        kb(budget::FIRST_VIEW_GZIP_CEILING)
    );
    assert!(
        first_brotli <= budget::FIRST_VIEW_BROTLI_CEILING,
        "the first view's {} brotli is over its ceiling of {}",
        kb(first_brotli),
        kb(budget::FIRST_VIEW_BROTLI_CEILING)
    );
    assert!(gzip <= budget::GZIP_CEILING, "{} gzip is over the ceiling of {}", kb(gzip), kb(budget::GZIP_CEILING));
    assert!(
        brotli <= budget::BROTLI_CEILING,
        "{} brotli is over the ceiling of {}",
        kb(brotli),
        kb(budget::BROTLI_CEILING)
    );
}

/// The head script fetches nothing but the wasm, its payment chunk and the
/// payer's language file:
/// files beside it, no stylesheet, font or second script that the budget
/// would miss.
#[test]
fn the_head_script_loads_only_the_wasm() {
    let dist = repo_root().join("dist");
    let wasm_name = budget::wasm_name(&dist).unwrap_or_else(|e| panic!("{e}"));
    let script = std::fs::read_to_string(dist.join("getcrypto.js")).expect("dist/ is built");
    let wasm = std::fs::read(dist.join(&wasm_name)).expect("dist/ is built");
    assert!(script.contains(&format!("\"{wasm_name}\"")));
    let chunks = budget::chunk_names(&dist).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(chunks.len(), 1, "the payment's chunk, and no other: {chunks:?}");
    for chunk in &chunks {
        assert!(script.contains(&format!("\"./{chunk}\"")), "the head script fetches {chunk}");
    }
    let languages = budget::language_names(&dist).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(languages.len(), getcrypto_widget::lang::SHIPPED.len() - 1, "every language but English: {languages:?}");
    for file in &languages {
        let bytes = std::fs::read(dist.join(file)).unwrap();
        assert!(bytes.len() > xtask::sizes::VITE_INLINE_LIMIT, "{file} is small enough for Vite to inline as data:");
        let sri = xtask::digest::sri(&bytes);
        assert!(script.contains(sri.trim_start_matches("sha384-")), "the head script pins {file}");
    }
    for other in [".css\"", ".css'", ".woff", "import(", "importScripts"] {
        assert!(!script.contains(other), "the head script mentions {other}");
    }
    // The stylesheet travels inside the wasm.
    assert!(wasm.windows(b".gc-widget{".len()).any(|w| w == b".gc-widget{"));
}

/// The hashes the build prints and writes to `dist/integrity.json` are the
/// files' own; the wasm's name carries its hash, and the head script pins
/// the wasm's SHA-384, so that a swapped wasm cannot run. The values come
/// from the build's own functions (`xtask::digest`, tested against known
/// hashes there), read here from the files as they are now.
#[test]
fn the_hashes_are_the_files_own() {
    use xtask::digest::{sri, wasm_name as named};
    let dist = repo_root().join("dist");
    let wasm_name = budget::wasm_name(&dist).unwrap_or_else(|e| panic!("{e}"));
    let script = std::fs::read(dist.join("getcrypto.js")).unwrap();
    let wasm = std::fs::read(dist.join(&wasm_name)).unwrap();
    let listed: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dist.join("integrity.json")).expect("dist/integrity.json")).unwrap();
    assert_eq!(listed["getcrypto.js"], serde_json::json!(sri(&script)));
    assert_eq!(listed[&wasm_name], serde_json::json!(sri(&wasm)));
    assert_eq!(wasm_name, named(&wasm), "the name is the content's");
    let pinned = format!("\"{}\"", sri(&wasm));
    let script = String::from_utf8(script).unwrap();
    assert!(script.contains(&pinned), "the head script pins the wasm's hash");
    let module = std::fs::read_to_string(dist.join("getcrypto.mjs")).unwrap();
    assert!(module.contains(&pinned), "so does the ES module");
    assert!(module.contains(&format!("new URL(\"./{wasm_name}\",import.meta.url)")), "beside itself, for bundlers");
    // Every chunk as trusted as the main wasm: named by its content, listed,
    // and fetched by both entries with its SHA-384.
    for chunk in budget::chunk_names(&dist).unwrap_or_else(|e| panic!("{e}")) {
        let bytes = std::fs::read(dist.join(&chunk)).unwrap();
        let split = chunk.split('.').nth(1).unwrap();
        assert_eq!(chunk, xtask::digest::chunk_name(split, &bytes), "the chunk's name is its content's");
        assert_eq!(listed[&chunk], serde_json::json!(sri(&bytes)), "integrity.json lists {chunk}");
        let pinned = format!("\"./{chunk}\",");
        let hash = format!("),\"{}\")", sri(&bytes));
        assert!(script.contains(&pinned) && script.contains(&hash), "the head script fetches {chunk} with its hash");
        let fetched = format!("new URL(\"./{chunk}\",import.meta.url),\"{}\"", sri(&bytes));
        assert!(module.contains(&fetched), "so does the ES module, beside itself for bundlers");
    }
    // Every language file the same: named by its content, listed, and
    // fetched by both entries with its SHA-384.
    let languages = budget::language_names(&dist).unwrap_or_else(|e| panic!("{e}"));
    for file in &languages {
        let bytes = std::fs::read(dist.join(file)).unwrap();
        let tag = file.split('.').nth(1).unwrap();
        assert_eq!(*file, xtask::digest::language_name(tag, &bytes), "the file's name is its content's");
        assert_eq!(listed[file], serde_json::json!(sri(&bytes)), "integrity.json lists {file}");
        let fetched = format!("new URL(\"./{file}\",import.meta.url),\"{}\"", sri(&bytes));
        assert!(module.contains(&fetched), "the ES module fetches {file} with its hash");
    }
    // The release's own name for the head script: the same bytes, listed
    // with the same hash, so that the tag the build prints pins it.
    let package = std::fs::read_to_string(repo_root().join("www/package.json")).unwrap();
    let versioned = format!(
        "getcrypto-{}.js",
        serde_json::from_str::<serde_json::Value>(&package).unwrap()["version"].as_str().unwrap()
    );
    assert_eq!(std::fs::read(dist.join(&versioned)).unwrap(), script.as_bytes(), "{versioned} is the head script");
    assert_eq!(listed[&versioned], listed["getcrypto.js"], "integrity.json lists {versioned}");
    assert_eq!(
        listed.as_object().map(|o| o.len()),
        Some(3 + budget::chunk_names(&dist).unwrap().len() + languages.len()),
        "integrity.json lists the shipped files and nothing else"
    );
}
