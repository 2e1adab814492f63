//! What a payer downloads from a built `dist/`: the shipped files and
//! their sizes as built and as compressed, read by the build's own summary,
//! the size test and the benchmark alike.

use std::path::Path;

/// 1 KB here is 1000 bytes, the stricter reading.
pub const KB: u64 = 1000;

/// The wasm in `dist/`: `getcrypto_bg.<content hash>.wasm`, the only one.
pub fn wasm_name(dist: &Path) -> Result<String, String> {
    let names: Vec<String> = std::fs::read_dir(dist)
        .map_err(|e| format!("{} cannot be read ({e}): build dist/ with `cargo xtask dist`", dist.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("getcrypto_bg.") && n.ends_with(".wasm"))
        .collect();
    match names.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(format!("no getcrypto_bg.*.wasm in {}: build dist/ with `cargo xtask dist`", dist.display())),
        _ => Err(format!("more than one wasm in {}: {names:?}", dist.display())),
    }
}

/// What the head script loads: itself (with the wasm-bindgen glue inside)
/// and the wasm (with the stylesheet inside). Nothing else is fetched.
pub fn shipped_names(dist: &Path) -> Result<[String; 2], String> {
    Ok(["getcrypto.js".to_owned(), wasm_name(dist)?])
}

/// One shipped file's bytes, as built and as compressed.
#[derive(Clone, Debug)]
pub struct FileSize {
    pub name: String,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

/// The shipped files' sizes; `Err` names a file that is not built.
pub fn shipped(dist: &Path) -> Result<Vec<FileSize>, String> {
    shipped_names(dist)?
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
