//! What a payer downloads, checked from the built files: bytes do not flake.
//! The timings are in the benchmark (`scripts/bench`), not here.

use e2e::budget::{self, kb};
use e2e::repo_root;
use std::io::Read;

#[test]
fn the_shipped_files_stay_under_the_ceiling() {
    let dist = repo_root().join("dist");
    let files = budget::shipped(&dist).unwrap_or_else(|e| panic!("{e}"));
    for f in &files {
        // The compressed files are what the sandbox sends: they must be the
        // files as built now, not left over from an earlier build.
        let raw = std::fs::read(dist.join(f.name)).unwrap();
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
    let gzip: u64 = files.iter().map(|f| f.gzip).sum();
    let brotli: u64 = files.iter().map(|f| f.brotli).sum();
    eprintln!(
        "shipped: {} gzip (budget {}), {} brotli (budget {})",
        kb(gzip),
        kb(budget::GZIP_BUDGET),
        kb(brotli),
        kb(budget::BROTLI_BUDGET)
    );
    assert!(gzip <= budget::GZIP_CEILING, "{} gzip is over the ceiling of {}", kb(gzip), kb(budget::GZIP_CEILING));
    assert!(
        brotli <= budget::BROTLI_CEILING,
        "{} brotli is over the ceiling of {}",
        kb(brotli),
        kb(budget::BROTLI_CEILING)
    );
}

/// The head script fetches nothing but the wasm: one file beside it, no
/// stylesheet, font or second script that the budget would miss.
#[test]
fn the_head_script_loads_only_the_wasm() {
    let script = std::fs::read_to_string(repo_root().join("dist/getcrypto.js")).expect("dist/ is built");
    let wasm = std::fs::read(repo_root().join("dist/getcrypto_bg.wasm")).expect("dist/ is built");
    assert!(script.contains("getcrypto_bg.wasm"));
    for other in [".css\"", ".css'", ".woff", "import(", "importScripts"] {
        assert!(!script.contains(other), "the head script mentions {other}");
    }
    // The stylesheet travels inside the wasm.
    assert!(wasm.windows(b".gc-widget{".len()).any(|w| w == b".gc-widget{"));
}
