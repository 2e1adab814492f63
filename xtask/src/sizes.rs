//! What a payer downloads from a built `dist/`: the shipped files and
//! their sizes as built and as compressed, read by the build's own summary,
//! the size test and the benchmark alike.

use std::path::Path;

/// Vite inlines an asset of up to this many bytes that a module names with
/// `new URL(…, import.meta.url)` into the bundle as a `data:` URL: every
/// payer would download the small language files inside the app's script,
/// and a page whose CSP `connect-src` has no `data:` could not fetch them.
/// Every language file is larger.
pub const VITE_INLINE_LIMIT: usize = 4096;

/// 1 KB here is 1000 bytes, the stricter reading.
pub const KB: u64 = 1000;

/// The wasm files in `dist/`, by name.
fn wasm_files(dist: &Path) -> Result<Vec<String>, String> {
    let mut names: Vec<String> = std::fs::read_dir(dist)
        .map_err(|e| format!("{} cannot be read ({e}): build dist/ with `cargo xtask dist`", dist.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("getcrypto_bg.") && n.ends_with(".wasm"))
        .collect();
    names.sort();
    Ok(names)
}

/// Whether `name` is a chunk's (`getcrypto_bg.<split>.<hash>.wasm`) rather
/// than the main wasm's (`getcrypto_bg.<hash>.wasm`).
fn is_chunk(name: &str) -> bool {
    name.matches('.').count() > 2
}

/// The main wasm in `dist/`: `getcrypto_bg.<content hash>.wasm`, the only one.
pub fn wasm_name(dist: &Path) -> Result<String, String> {
    let names: Vec<String> = wasm_files(dist)?.into_iter().filter(|n| !is_chunk(n)).collect();
    match names.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(format!("no getcrypto_bg.*.wasm in {}: build dist/ with `cargo xtask dist`", dist.display())),
        _ => Err(format!("more than one main wasm in {}: {names:?}", dist.display())),
    }
}

/// The chunks in `dist/`: `getcrypto_bg.<split>.<content hash>.wasm`.
pub fn chunk_names(dist: &Path) -> Result<Vec<String>, String> {
    Ok(wasm_files(dist)?.into_iter().filter(|n| is_chunk(n)).collect())
}

/// What a payer downloads before the first view: the head script (with
/// the wasm-bindgen glue and the chunk loader inside it) and the main wasm
/// (with the stylesheet inside).
pub fn first_view_names(dist: &Path) -> Result<[String; 2], String> {
    Ok(["getcrypto.js".to_owned(), wasm_name(dist)?])
}

/// Everything the head script can load: the first view and the chunks.
pub fn shipped_names(dist: &Path) -> Result<Vec<String>, String> {
    let mut names = first_view_names(dist)?.to_vec();
    names.extend(chunk_names(dist)?);
    Ok(names)
}

/// The language files in `dist/`: `getcrypto_lang.<tag>.<content hash>.json`,
/// one per language but English (built into the wasm).
pub fn language_names(dist: &Path) -> Result<Vec<String>, String> {
    let mut names: Vec<String> = std::fs::read_dir(dist)
        .map_err(|e| format!("{} cannot be read ({e})", dist.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("getcrypto_lang.") && n.ends_with(".json"))
        .collect();
    names.sort();
    Ok(names)
}

/// Each language file's sizes.
pub fn languages(dist: &Path) -> Result<Vec<FileSize>, String> {
    sizes(dist, language_names(dist)?)
}

/// The language file a payer of the heaviest language downloads (gzip):
/// the first view's and the whole checkout's worst case.
pub fn heaviest_language(dist: &Path) -> Result<FileSize, String> {
    languages(dist)?.into_iter().max_by_key(|f| f.gzip).ok_or_else(|| format!("no language file in {}", dist.display()))
}

/// One shipped file's bytes, as built and as compressed.
#[derive(Clone, Debug)]
pub struct FileSize {
    pub name: String,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

/// The shipped files' sizes, the first view's first; `Err` names a file
/// that is not built.
pub fn shipped(dist: &Path) -> Result<Vec<FileSize>, String> {
    sizes(dist, shipped_names(dist)?)
}

/// The first view's sizes: the head script's and the main wasm's.
pub fn first_view(dist: &Path) -> Result<Vec<FileSize>, String> {
    sizes(dist, first_view_names(dist)?.to_vec())
}

fn sizes(dist: &Path, names: Vec<String>) -> Result<Vec<FileSize>, String> {
    names
        .into_iter()
        .map(|name| file_size(dist, &name).map_err(|e| format!("{e}: build dist/ with `cargo xtask dist`")))
        .collect()
}

/// The sizes of `name` in `dir`, with the `.gz` and `.br` beside it;
/// `Err` names the file that is missing.
pub fn file_size(dir: &Path, name: &str) -> Result<FileSize, String> {
    let size = |suffix: &str| {
        let path = dir.join(format!("{name}{suffix}"));
        std::fs::metadata(&path).map(|m| m.len()).map_err(|e| format!("{} is missing ({e})", path.display()))
    };
    Ok(FileSize { name: name.to_owned(), raw: size("")?, gzip: size(".gz")?, brotli: size(".br")? })
}

/// `12.3 KB`.
pub fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / KB as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_the_main_wasm_from_a_chunk() {
        assert!(!is_chunk("getcrypto_bg.0123456789abcdef.wasm"));
        assert!(is_chunk("getcrypto_bg.payment.0123456789abcdef.wasm"));
    }
}
