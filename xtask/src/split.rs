//! The shipped wasm, cut in two (docs/split.md): the raw wasm linked with
//! its relocations, split at the payment by `wasm_split_cli_support`, the
//! main module given wasm-bindgen's `web` glue, and every module optimised
//! with the shipped wasm-opt flags. What is left in `target/split/` goes to
//! `dist/` through `Ctx::ship`.

use crate::dist::{RELEASE_CARGO, RELEASE_ENV};
use crate::Ctx;
use std::path::PathBuf;
use xshell::cmd;
use xtask::Result;

/// What the split leaves for shipping.
pub struct Split {
    /// wasm-bindgen's output for the main module (`getcrypto.js`,
    /// `getcrypto_bg.wasm`), optimised.
    pub glue_dir: PathBuf,
    /// The loader the splitter wrote (`__wasm_split.js`).
    pub loader: PathBuf,
    /// Each chunk, optimised: the name the loader fetches it by, and where
    /// it is.
    pub chunks: Vec<(String, PathBuf)>,
}

impl Ctx {
    pub fn build_split(&self) -> Result<Split> {
        let root = &self.root;
        let target = root.join("target/dist");
        // Only this link keeps its relocations, which the splitter reads: a
        // wasm-opt over a wasm that keeps them writes a broken file.
        cmd!(
            self.sh,
            "cargo rustc --quiet -p getcrypto-widget-split --lib --release --target wasm32-unknown-unknown {RELEASE_CARGO...} -- -Clink-arg=--emit-relocs"
        )
        .env("CARGO_TARGET_DIR", &target)
        .envs(RELEASE_ENV)
        .run()?;
        let raw = std::fs::read(target.join("wasm32-unknown-unknown/release/getcrypto_widget_split.wasm"))?;

        let out = root.join("target/split");
        let _ = std::fs::remove_dir_all(&out);
        std::fs::create_dir_all(&out)?;
        let main = out.join("main.wasm");
        let mut options = wasm_split_cli_support::Options::new(&raw);
        options.output_dir = &out;
        options.main_out_path = &main;
        // The loader imports the main module's glue by this name.
        options.main_module = "./getcrypto.js";
        options.target.web();
        let split = wasm_split_cli_support::transform(options).map_err(|e| format!("the splitter failed: {e:#}"))?;
        let loader = out.join("__wasm_split.js");

        let glue_dir = out.join("bindgen");
        // --keep-lld-exports: the chunk imports the main module's memory,
        // table, stack pointer and the functions it shares by these names.
        cmd!(self.sh, "wasm-bindgen --target web --keep-lld-exports --out-dir {glue_dir} --out-name getcrypto {main}")
            .run()?;
        let flags = &wasm_opt_flags(&std::fs::read_to_string(root.join("Cargo.toml"))?)?;
        let mut chunks = Vec::new();
        for module in std::iter::once(glue_dir.join("getcrypto_bg.wasm")).chain(split.split_modules) {
            if module.parent() == Some(out.as_path()) {
                // With its names, for `cargo xtask twiggy`.
                std::fs::copy(&module, module.with_extension("named.wasm"))?;
            }
            cmd!(self.sh, "wasm-opt {flags...} {module} -o {module}").run()?;
            if module.parent() == Some(out.as_path()) {
                let name = module.file_name().ok_or("a chunk without a name")?.to_string_lossy().into_owned();
                chunks.push((name, module));
            }
        }
        if chunks.is_empty() {
            return Err(
                "the splitter wrote no chunk: the split point (src/components/payment_phase.rs) is not in the wasm"
                    .into(),
            );
        }
        Ok(Split { glue_dir, loader, chunks })
    }
}

/// The shipped wasm-opt flags, as `Cargo.toml` gives them to wasm-pack
/// (`[package.metadata.wasm-pack.profile.release]`): one list for both.
pub fn wasm_opt_flags(cargo_toml: &str) -> Result<Vec<String>> {
    let line = cargo_toml
        .lines()
        .find(|l| l.starts_with("wasm-opt = ["))
        .ok_or("Cargo.toml has no `wasm-opt = [...]` line for the release profile")?;
    Ok(line.split('"').skip(1).step_by(2).map(str::to_owned).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_wasm_pack_flags() {
        let toml = "[x]\nwasm-opt = [\"-Oz\", \"--converge\"]\n";
        assert_eq!(wasm_opt_flags(toml).unwrap(), ["-Oz", "--converge"]);
        assert!(wasm_opt_flags("[x]\n").is_err());
    }
}
