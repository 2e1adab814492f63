//! `dist/`: the head script with the wasm-bindgen glue inside it, the
//! optimised wasm beside it under a name that carries its hash, the ES
//! module, the React component, the declarations and `integrity.json`;
//! and `pkg-npm/`, wasm-pack's own package for bundlers. Also the widget on
//! plain stable flags and Yew's floor, built the same way for comparison.
//! Cargo and wasm-pack keep every build incremental.

use crate::{say, Ctx};
use std::path::{Path, PathBuf};
use xshell::cmd;
use xtask::ship::{self, Pinned};
use xtask::template::{fill, Insert};
use xtask::{compress, digest, languages, Result};

/// The release build's flags, for `dist/`, Yew's floor and the browser
/// tests run on those flags. For size: std rebuilt so that a panic aborts at
/// once, with no message and none of the formatting code a message needs
/// (about 13 KB gzip), and `{:?}` compiled to nothing, with no source
/// locations kept (4 KB more): no text a payer sees is ever Debug-formatted.
/// The flags are unstable, so they are enabled for these builds only; their
/// own target folder keeps the test builds incremental. For memory: a
/// 128 KiB stack instead of rustc's 1 MiB, which every payer's tab would
/// otherwise reserve; the stack sits below the data, so an overflow traps
/// instead of corrupting.
pub const RELEASE_ENV: [(&str, &str); 2] = [
    ("RUSTC_BOOTSTRAP", "1"),
    (
        "RUSTFLAGS",
        "-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none -Clink-arg=-zstack-size=131072",
    ),
];
pub const RELEASE_CARGO: [&str; 2] = ["-Zbuild-std=std,panic_abort", "-Zbuild-std-features=optimize_for_size"];

/// What `ship` wrote.
pub struct Shipped {
    pub wasm_name: String,
    pub script_sri: String,
    /// `getcrypto-<version>.js`: the head script under the release's name.
    pub versioned: String,
}

/// The release's version, `"version"` in the package's `package.json`.
pub fn package_version(package_json: &str) -> Option<&str> {
    let rest = package_json.split_once("\"version\"")?.1.trim_start().strip_prefix(':')?.trim_start();
    let version = rest.strip_prefix('"')?.split('"').next()?;
    (!version.is_empty() && version.chars().all(|c| c.is_ascii_alphanumeric() || ".-+".contains(c))).then_some(version)
}

/// The head script's name for `version`: a name that never changes meaning,
/// so that a page pinning its `integrity` keeps working after the next
/// release is deployed beside it.
pub fn versioned_script(version: &str) -> String {
    format!("getcrypto-{version}.js")
}

impl Ctx {
    fn read(&self, path: impl AsRef<Path>) -> Result<String> {
        let path = self.root.join(path);
        std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()).into())
    }

    fn esbuild(&self, input: &Path, output: &Path, args: &[&str]) -> Result<()> {
        let esbuild = self.bin("esbuild");
        let outfile = format!("--outfile={}", output.display());
        cmd!(self.sh, "{esbuild} {input} {args...} --minify --legal-comments=inline --log-level=warning {outfile}")
            .run()?;
        Ok(())
    }

    pub fn build_dist(&self) -> Result<()> {
        self.ensure_wasm_toolchain()?;
        self.ensure_esbuild()?;
        self.check_split_pins()?;
        say("building the widget (release, the payment split off)");
        let root = &self.root;
        let split = self.build_split()?;
        let dist = root.join("dist");
        let loader = std::fs::read_to_string(&split.loader)?;
        let shipped = self.ship(&split.glue_dir, &loader, &split.chunks, &dist)?;
        for file in ["react.mjs", "react.d.ts", "package.json"] {
            std::fs::copy(root.join("www").join(file), dist.join(file))?;
        }
        std::fs::copy(root.join("www/README.package.md"), dist.join("README.md"))?;
        let types = self.read("www/types.d.ts")?;
        for d in ["getcrypto.d.ts", "index.d.ts"] {
            let template = format!("www/{d}");
            let filled = fill(
                &template,
                &self.read(&template)?,
                &[Insert { marker: "/*@types@*/", text: &types, indent: "" }],
                &[],
            )?;
            std::fs::write(dist.join(d), filled)?;
        }

        // wasm-pack's own package for bundlers, in one piece (its glue
        // cannot load a chunk checked against its hash): `import { init }`,
        // typed through the declarations above.
        self.release_wasm_pack(
            &root.join("target/dist"),
            ".",
            &["--target", "bundler", "--out-dir", "pkg-npm", "--out-name", "getcrypto", "--scope", "getcrypto"],
            "getcrypto-widget",
        )?;
        std::fs::copy(root.join("www/README.bundler.md"), root.join("pkg-npm/README.md"))?;
        say(&format!("dist/: {} ({})", raw_sizes(&dist)?, shipped.wasm_name));
        say("the head script for a merchant's page (dist/integrity.json has the hashes):");
        eprintln!(
            "<script src=\"https://YOUR-CDN/getcrypto/{}\" integrity=\"{}\" crossorigin=\"anonymous\"></script>",
            shipped.versioned, shipped.script_sri
        );
        Ok(())
    }

    /// wasm-pack with the release flags, into `target`.
    fn release_wasm_pack(&self, target: &Path, dir: &str, args: &[&str], package: &str) -> Result<()> {
        cmd!(self.sh, "wasm-pack --quiet build --release {args...} {dir} -- -p {package} {RELEASE_CARGO...}")
            .env("CARGO_TARGET_DIR", target)
            .envs(RELEASE_ENV)
            .run()?;
        Ok(())
    }

    /// Ships wasm-bindgen's `web` output in `glue_dir` (and the chunks the
    /// splitter cut off, fetched by `loader`) into `dist`: every wasm under
    /// a name that carries its content's hash, so that a CDN may cache it
    /// for good; the head script (one classic script: the glue, the
    /// loaders and `www/getcrypto.js`) and the ES module, which fetch each
    /// with its SHA-384, so that a swapped file fails closed instead of
    /// running; `integrity.json`; all minified and precompressed. The steps
    /// are `xtask::ship`'s, in order.
    pub fn ship(&self, glue_dir: &Path, loader: &str, chunks: &[(String, PathBuf)], dist: &Path) -> Result<Shipped> {
        ship::clear_earlier_build(dist)?;
        let wasm = self.ship_main_wasm(glue_dir, dist)?;
        let mut pinned = vec![wasm.clone()];
        pinned.extend(self.ship_chunks(glue_dir, loader, chunks, dist)?);
        let languages = ship_languages(&self.root.join("locales"), dist)?;
        self.bundle_entries(glue_dir, dist, &wasm, &languages)?;
        pinned.extend(languages.into_iter().map(|l| Pinned { name: l.file, sri: l.sri }));
        let shipped = self.release_head(dist, &wasm)?;
        let head = [("getcrypto.js", shipped.script_sri.as_str()), (shipped.versioned.as_str(), &shipped.script_sri)];
        std::fs::write(dist.join("integrity.json"), ship::integrity_json(&head, &pinned)?)?;
        for name in ["getcrypto.js", &shipped.versioned].into_iter().chain(pinned.iter().map(|p| p.name.as_str())) {
            compress::precompress(&dist.join(name))?;
        }
        Ok(shipped)
    }

    /// Step 2 (`ship::main_wasm`): the main wasm into `dist`, its glue
    /// rewritten in `glue_dir` for the entries to bundle.
    fn ship_main_wasm(&self, glue_dir: &Path, dist: &Path) -> Result<Pinned> {
        let glue_path = glue_dir.join("getcrypto.js");
        let wasm = std::fs::read(glue_dir.join("getcrypto_bg.wasm"))?;
        let (wasm, glue, pinned) = ship::main_wasm(&wasm, &std::fs::read_to_string(&glue_path)?)?;
        std::fs::write(dist.join(&pinned.name), &wasm)?;
        std::fs::write(&glue_path, glue)?;
        Ok(pinned)
    }

    /// Step 3 (`ship::chunk_loader`): each chunk into `dist` under its
    /// hash, and the loader that fetches them pinned (the splitter's,
    /// through `www/split.js`) into `glue_dir`.
    fn ship_chunks(
        &self,
        glue_dir: &Path,
        loader: &str,
        chunks: &[(String, PathBuf)],
        dist: &Path,
    ) -> Result<Vec<Pinned>> {
        let mut shipped = Vec::new();
        for (file, path) in chunks {
            let bytes = std::fs::read(path)?;
            let split = file.trim_end_matches(".wasm").trim_start_matches("split_");
            let chunk = Pinned { name: digest::chunk_name(split, &bytes), sri: digest::sri(&bytes) };
            std::fs::write(dist.join(&chunk.name), &bytes)?;
            shipped.push((file.clone(), chunk));
        }
        std::fs::write(glue_dir.join("__wasm_split.js"), ship::chunk_loader(loader, &shipped)?)?;
        std::fs::copy(self.root.join("www/split.js"), glue_dir.join("split.js"))?;
        Ok(shipped.into_iter().map(|(_, chunk)| chunk).collect())
    }

    /// Step 4: the two entries, each filled with the main wasm's name and
    /// pin, bundled by esbuild with the loader's modules (`www/load/`), the
    /// glue, the chunk loader and the language list: the head script
    /// (`getcrypto.js`, a classic script, the languages' pins alone) and
    /// the ES module (`getcrypto.mjs`, each language file named for
    /// bundlers to copy).
    fn bundle_entries(&self, glue_dir: &Path, dist: &Path, wasm: &Pinned, languages: &[ShippedLanguage]) -> Result<()> {
        let modules = glue_dir.join("load");
        std::fs::create_dir_all(&modules)?;
        for module in std::fs::read_dir(self.root.join("www/load"))? {
            let module = module?;
            std::fs::copy(module.path(), modules.join(module.file_name()))?;
        }
        let tokens = [("@wasm-file@", wasm.name.as_str()), ("@wasm-integrity@", wasm.sri.as_str())];
        let entry = |template: &str, out: &str| -> Result<PathBuf> {
            let path = glue_dir.join(out);
            std::fs::write(&path, fill(template, &self.read(template)?, &[], &tokens)?)?;
            Ok(path)
        };
        std::fs::write(glue_dir.join("__languages.js"), languages_for_head(languages))?;
        std::fs::copy(self.root.join("www/head-base.js"), glue_dir.join("head-base.js"))?;
        let inject = format!("--inject:{}", glue_dir.join("head-base.js").display());
        self.esbuild(
            &entry("www/getcrypto.js", "head.js")?,
            &dist.join("getcrypto.js"),
            &["--bundle", "--format=iife", &inject, "--define:import.meta.url=import_meta_url", "--target=es2020"],
        )?;
        std::fs::write(glue_dir.join("__languages.js"), languages_module(languages))?;
        self.esbuild(
            &entry("www/getcrypto.mjs", "entry.mjs")?,
            &dist.join("getcrypto.mjs"),
            &["--bundle", "--format=esm", "--target=es2020"],
        )
    }

    /// Step 5: the head script also under the release's own name
    /// (`versioned_script`), for pages that pin it, and its SHA-384.
    fn release_head(&self, dist: &Path, wasm: &Pinned) -> Result<Shipped> {
        let head = std::fs::read(dist.join("getcrypto.js"))?;
        let package = self.read("www/package.json")?;
        let version = package_version(&package).ok_or("www/package.json has no \"version\"")?;
        let versioned = versioned_script(version);
        std::fs::write(dist.join(&versioned), &head)?;
        Ok(Shipped { wasm_name: wasm.name.clone(), script_sri: digest::sri(&head), versioned })
    }

    /// The widget built on plain stable Rust: no RUSTC_BOOTSTRAP, none of
    /// the unstable flags, std as shipped with its panic messages. Larger
    /// than `dist/`, but what a toolchain that drops an unstable flag would
    /// still ship; into `target/stable-site/` (index.html and dist/, as the
    /// sandbox serves them).
    pub fn build_stable_site(&self) -> Result<PathBuf> {
        self.ensure_wasm_toolchain()?;
        self.ensure_esbuild()?;
        say("building the widget on plain stable flags (the fallback)");
        let root = &self.root;
        let site = root.join("target/stable-site");
        cmd!(self.sh, "wasm-pack --quiet build --release --target web --out-dir target/stable-pkg --out-name getcrypto --no-pack . -- -p getcrypto-widget")
            .env_remove("RUSTC_BOOTSTRAP")
            .env("CARGO_TARGET_DIR", root.join("target/stable"))
            .env("RUSTFLAGS", "-Clink-arg=-zstack-size=131072")
            .run()?;
        std::fs::create_dir_all(&site)?;
        std::fs::copy(root.join("index.html"), site.join("index.html"))?;
        // In one piece: no chunk, and nothing in the loader.
        self.ship(&root.join("target/stable-pkg"), "", &[], &site.join("dist"))?;
        say(&format!("stable fallback: {}", raw_sizes(&site.join("dist"))?));
        Ok(site)
    }

    /// Yew's floor (`crates/yew-floor`): a counter component built with
    /// exactly the release flags, its glue minified and compressed as the
    /// widget's is, into `target/floor/` (floor.js, floor_bg.wasm, their .gz
    /// and .br). The benchmark prints its size beside the widget's.
    pub fn build_floor(&self) -> Result<()> {
        self.ensure_wasm_toolchain()?;
        self.ensure_esbuild()?;
        say("building Yew's floor (release flags)");
        let root = &self.root;
        let pkg = root.join("target/floor-pkg");
        let pkg_arg = pkg.to_string_lossy().into_owned();
        self.release_wasm_pack(
            &root.join("target/dist"),
            "crates/yew-floor",
            &["--target", "no-modules", "--out-dir", &pkg_arg, "--out-name", "floor", "--no-pack"],
            "yew-floor",
        )?;
        let out = root.join("target/floor");
        let _ = std::fs::remove_dir_all(&out);
        std::fs::create_dir_all(&out)?;
        std::fs::copy(pkg.join("floor_bg.wasm"), out.join("floor_bg.wasm"))?;
        let mut script = std::fs::read_to_string(pkg.join("floor.js"))?;
        script.push_str("\nwasm_bindgen({ module_or_path: new URL(\"floor_bg.wasm\", document.currentScript.src) }).then(function () { wasm_bindgen.mount(\"floor\"); });\n");
        std::fs::write(out.join("floor.tmp.js"), script)?;
        self.esbuild(&out.join("floor.tmp.js"), &out.join("floor.js"), &["--target=es2019"])?;
        std::fs::remove_file(out.join("floor.tmp.js"))?;
        compress::precompress(&out.join("floor.js"))?;
        compress::precompress(&out.join("floor_bg.wasm"))?;
        Ok(())
    }
}

/// A language shipped as a file of its own.
pub struct ShippedLanguage {
    pub tag: String,
    pub file: String,
    pub sri: String,
}

/// Writes every language of `locales` but English (built into the wasm)
/// into `dist`, minified, under a name that carries its hash: a payer
/// fetches only the one they read.
pub fn ship_languages(locales: &Path, dist: &Path) -> Result<Vec<ShippedLanguage>> {
    let mut tags: Vec<String> = std::fs::read_dir(locales)?
        .filter_map(|e| e.ok()?.file_name().into_string().ok()?.strip_suffix(".json").map(str::to_owned))
        .filter(|tag| tag != "en")
        .collect();
    tags.sort();
    let read = |tag: &str| -> Result<serde_json::Value> {
        let source = std::fs::read_to_string(locales.join(format!("{tag}.json")))?;
        Ok(serde_json::from_str(&source).map_err(|e| format!("locales/{tag}.json is not JSON: {e}"))?)
    };
    let en = read("en")?;
    let mut shipped = Vec::new();
    for tag in tags {
        let bytes = at_least_inline_limit(serde_json::to_vec(&languages::shipped(&en, &read(&tag)?)?)?);
        let file = digest::language_name(&tag, &bytes);
        std::fs::write(dist.join(&file), &bytes)?;
        shipped.push(ShippedLanguage { tag, sri: digest::sri(&bytes), file });
    }
    Ok(shipped)
}

/// `json` padded with trailing spaces (which JSON allows, and which
/// compress to nearly nothing) past Vite's inline limit
/// (`sizes::VITE_INLINE_LIMIT`).
fn at_least_inline_limit(mut json: Vec<u8>) -> Vec<u8> {
    if json.len() <= xtask::sizes::VITE_INLINE_LIMIT {
        json.resize(xtask::sizes::VITE_INLINE_LIMIT + 1, b' ');
    }
    json
}

/// `__languages.js`, which both entries bundle: the shipped tags, and each
/// language's file with its SHA-384, each named by a literal `new URL`
/// beside the module, so that a bundler finds and copies every file.
pub fn languages_module(languages: &[ShippedLanguage]) -> String {
    let mut tags = vec!["\"en\"".to_owned()];
    tags.extend(languages.iter().map(|l| format!("{:?}", l.tag)));
    let mut js = format!(
        "// Written by the build (xtask/src/dist.rs).\nexport var SHIPPED = [{}];\n\nexport function languageFile(tag) {{\n  switch (tag) {{\n",
        tags.join(", ")
    );
    for l in languages {
        js.push_str(&format!(
            "    case {:?}: return [new URL(\"./{}\", import.meta.url), {:?}];\n",
            l.tag, l.file, l.sri
        ));
    }
    js.push_str("    default: return null;\n  }\n}\n");
    js
}

/// `__languages.js` for the head script, which no bundler reads: each
/// language's SHA-384 alone, its file's name worked out from it (the
/// name's hash is the digest's first 8 bytes, `digest::content_id`), so
/// that the 29 pins cost the first view as few bytes as they can.
pub fn languages_for_head(languages: &[ShippedLanguage]) -> String {
    let pins: Vec<String> =
        languages.iter().map(|l| format!("{:?}: {:?}", l.tag, l.sri.trim_start_matches("sha384-"))).collect();
    format!(
        "// Written by the build (xtask/src/dist.rs).\nvar PINS = {{ {} }};\n\
         export var SHIPPED = [\"en\"].concat(Object.keys(PINS));\n\n\
         export function languageFile(tag) {{\n  \
           if (!Object.prototype.hasOwnProperty.call(PINS, tag)) return null;\n  \
           var digest = atob(PINS[tag].slice(0, 12)), id = \"\";\n  \
           for (var i = 0; i < 8; i++) id += (digest.charCodeAt(i) + 256).toString(16).slice(1);\n  \
           return [new URL(\"./getcrypto_lang.\" + tag + \".\" + id + \".json\", import.meta.url), \"sha384-\" + PINS[tag]];\n\
         }}\n",
        pins.join(", ")
    )
}

/// The shipped files' sizes as built: `27533 B script, 229556 B wasm, 77502 B chunk`.
fn raw_sizes(dist: &Path) -> Result<String> {
    let files = xtask::sizes::shipped(dist)?;
    let kinds = ["script", "wasm"].into_iter().chain(std::iter::repeat("chunk"));
    Ok(files.iter().zip(kinds).map(|(f, kind)| format!("{} B {kind}", f.raw)).collect::<Vec<_>>().join(", "))
}

/// What a payer downloads from `dist`, compressed: the first view (head
/// script and main wasm) and everything (with the chunks).
pub fn shipped_size(dist: &Path) -> Result<String> {
    let sum = |files: Vec<xtask::sizes::FileSize>| {
        (files.iter().map(|f| f.gzip).sum::<u64>(), files.iter().map(|f| f.brotli).sum::<u64>())
    };
    let (first_gz, first_br) = sum(xtask::sizes::first_view(dist)?);
    let (gz, br) = sum(xtask::sizes::shipped(dist)?);
    let lang = xtask::sizes::heaviest_language(dist)?;
    Ok(format!(
        "first view {first_gz} B gzip, {first_br} B brotli; with the chunks {gz} B gzip, {br} B brotli; \
         the heaviest language file ({}) {} B gzip, {} B brotli",
        lang.name, lang.gzip, lang.brotli
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_release_is_named_by_the_packages_version() {
        assert_eq!(package_version("{\n  \"name\": \"x\",\n  \"version\": \"0.2.0\",\n}"), Some("0.2.0"));
        assert_eq!(package_version("{\"version\":\"1.0.0-rc.1\"}"), Some("1.0.0-rc.1"));
        assert_eq!(package_version("{\"version\": \"../x\"}"), None);
        assert_eq!(versioned_script("0.2.0"), "getcrypto-0.2.0.js");
    }

    #[test]
    fn the_package_and_the_crate_share_one_version() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let package = std::fs::read_to_string(root.join("www/package.json")).unwrap();
        let cargo = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
        let version = package_version(&package).unwrap();
        assert!(
            cargo.contains(&format!("\nversion = \"{version}\"")),
            "www/package.json says {version}: Cargo.toml's widget must say the same"
        );
    }
}
