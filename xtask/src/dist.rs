//! `dist/`: the head script with the wasm-bindgen glue inside it, the
//! optimised wasm beside it under a name that carries its hash, the ES
//! module, the React component, the declarations and `integrity.json`;
//! and `pkg-npm/`, wasm-pack's own package for bundlers. Also the widget on
//! plain stable flags and Yew's floor, built the same way for comparison.
//! Cargo and wasm-pack keep every build incremental.

use crate::{say, Ctx};
use std::path::{Path, PathBuf};
use xshell::cmd;
use xtask::template::{fill, Insert};
use xtask::{compress, digest, wasm, Result};

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

/// What `ship_head_script` wrote.
pub struct Shipped {
    pub wasm_name: String,
    pub wasm_sri: String,
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
        say("building the widget (release)");
        let root = &self.root;
        let target = root.join("target/dist");
        self.release_wasm_pack(
            &target,
            ".",
            &["--target", "no-modules", "--out-dir", "pkg", "--out-name", "getcrypto", "--no-pack"],
            "getcrypto-widget",
        )?;
        let dist = root.join("dist");
        let Shipped { wasm_name, wasm_sri } = self.ship_head_script(&root.join("pkg"), &dist)?;

        // The ES module: the same wasm under wasm-bindgen's `web` glue, which
        // reads no global at import; bundled into one file with its loader.
        let esm = root.join("target/esm");
        let _ = std::fs::remove_dir_all(&esm);
        std::fs::create_dir_all(&esm)?;
        let raw = target.join("wasm32-unknown-unknown/release/getcrypto_widget.wasm");
        // The same --out-name as the wasm was built with: it names the module
        // the wasm imports from.
        cmd!(self.sh, "wasm-bindgen --target web --out-dir {esm} --out-name getcrypto {raw}").run()?;
        // This glue will load the head script's wasm, not its own run's:
        // that holds only while both name their imports alike.
        wasm::same_imports(&std::fs::read(esm.join("getcrypto_bg.wasm"))?, &std::fs::read(dist.join(&wasm_name))?)?;
        let glue = std::fs::read_to_string(esm.join("getcrypto.js"))?;
        let default_url = "new URL('getcrypto_bg.wasm', import.meta.url)";
        if !glue.contains(default_url) {
            return Err(format!(
                "wasm-bindgen's web glue no longer holds {default_url}: point it at the shipped wasm another way"
            )
            .into());
        }
        std::fs::write(
            esm.join("wasm-bindgen-glue.js"),
            glue.replace(default_url, &format!("new URL('./{wasm_name}', import.meta.url)")),
        )?;
        let load = self.read("www/load.js")?;
        let entry = fill(
            "www/getcrypto.mjs",
            &self.read("www/getcrypto.mjs")?,
            &[Insert { marker: "/*@load@*/", text: &load, indent: "" }],
            &[("@wasm-file@", &wasm_name), ("@wasm-integrity@", &wasm_sri)],
        )?;
        std::fs::write(esm.join("entry.mjs"), entry)?;
        self.esbuild(
            &esm.join("entry.mjs"),
            &dist.join("getcrypto.mjs"),
            &["--bundle", "--format=esm", "--target=es2020"],
        )?;
        for file in ["react.mjs", "react.d.ts", "package.json"] {
            std::fs::copy(root.join("www").join(file), dist.join(file))?;
        }
        std::fs::copy(root.join("www/README.package.md"), dist.join("README.md"))?;
        let script_sri = digest::sri(&std::fs::read(dist.join("getcrypto.js"))?);
        std::fs::write(
            dist.join("integrity.json"),
            format!("{{\n  \"getcrypto.js\": \"{script_sri}\",\n  \"{wasm_name}\": \"{wasm_sri}\"\n}}\n"),
        )?;
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

        // The same widget as an npm package for bundlers: `import { init }`,
        // typed through the declarations above.
        self.release_wasm_pack(
            &target,
            ".",
            &["--target", "bundler", "--out-dir", "pkg-npm", "--out-name", "getcrypto", "--scope", "getcrypto"],
            "getcrypto-widget",
        )?;
        std::fs::copy(root.join("www/README.bundler.md"), root.join("pkg-npm/README.md"))?;
        say(&format!("dist/: {} ({wasm_name})", raw_sizes(&dist)?));
        say("the head script for a merchant's page (dist/integrity.json has the hashes):");
        eprintln!(
            "<script src=\"https://YOUR-CDN/getcrypto/getcrypto.js\" integrity=\"{script_sri}\" crossorigin=\"anonymous\"></script>"
        );
        Ok(())
    }

    /// wasm-pack with the release flags, into `target`.
    fn release_wasm_pack(&self, target: &Path, dir: &str, args: &[&str], package: &str) -> Result<()> {
        let mut c =
            cmd!(self.sh, "wasm-pack --quiet build --release {args...} {dir} -- -p {package} {RELEASE_CARGO...}")
                .env("CARGO_TARGET_DIR", target);
        for (k, v) in RELEASE_ENV {
            c = c.env(k, v);
        }
        c.run()?;
        Ok(())
    }

    /// Puts `pkg`'s wasm (as wasm-pack wrote it, with its no-modules glue)
    /// into `dist` under a name that carries its content's hash, so that a
    /// CDN may cache it for good, and writes the head script that fetches it
    /// with its SHA-384, so that a swapped file fails closed instead of
    /// running; both minified and precompressed.
    pub fn ship_head_script(&self, pkg: &Path, dist: &Path) -> Result<Shipped> {
        std::fs::create_dir_all(dist)?;
        for entry in std::fs::read_dir(dist)? {
            let name = entry?.file_name().to_string_lossy().into_owned();
            if (name.starts_with("getcrypto_bg") && name.contains(".wasm")) || name == "integrity.json" {
                std::fs::remove_file(dist.join(name))?;
            }
        }
        let wasm = std::fs::read(pkg.join("getcrypto_bg.wasm"))?;
        let shipped = Shipped { wasm_name: digest::wasm_name(&wasm), wasm_sri: digest::sri(&wasm) };
        std::fs::write(dist.join(&shipped.wasm_name), &wasm)?;
        let glue = std::fs::read_to_string(pkg.join("getcrypto.js"))?;
        let load = self.read("www/load.js")?;
        let script = fill(
            "www/getcrypto.js",
            &self.read("www/getcrypto.js")?,
            &[
                Insert { marker: "/*@wasm-bindgen-glue@*/", text: &glue, indent: "  " },
                Insert { marker: "/*@load@*/", text: &load, indent: "" },
            ],
            &[("@wasm-file@", &shipped.wasm_name), ("@wasm-integrity@", &shipped.wasm_sri)],
        )?;
        let unminified = dist.join("getcrypto.tmp.js");
        std::fs::write(&unminified, script)?;
        self.esbuild(&unminified, &dist.join("getcrypto.js"), &["--target=es2019"])?;
        std::fs::remove_file(&unminified)?;
        compress::precompress(&dist.join("getcrypto.js"))?;
        compress::precompress(&dist.join(&shipped.wasm_name))?;
        Ok(shipped)
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
        cmd!(self.sh, "wasm-pack --quiet build --release --target no-modules --out-dir target/stable-pkg --out-name getcrypto --no-pack . -- -p getcrypto-widget")
            .env_remove("RUSTC_BOOTSTRAP")
            .env("CARGO_TARGET_DIR", root.join("target/stable"))
            .env("RUSTFLAGS", "-Clink-arg=-zstack-size=131072")
            .run()?;
        std::fs::create_dir_all(&site)?;
        std::fs::copy(root.join("index.html"), site.join("index.html"))?;
        self.ship_head_script(&root.join("target/stable-pkg"), &site.join("dist"))?;
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

/// The head script's and the wasm's sizes as built: `27533 B script, 331359 B wasm`.
fn raw_sizes(dist: &Path) -> Result<String> {
    let [script, wasm] = xtask::sizes::shipped(dist)?.try_into().map_err(|_| "not two shipped files")?;
    Ok(format!("{} B script, {} B wasm", script.raw, wasm.raw))
}

/// What a payer downloads from `dist` (head script + wasm), compressed.
pub fn shipped_size(dist: &Path) -> Result<String> {
    let files = xtask::sizes::shipped(dist)?;
    let gz: u64 = files.iter().map(|f| f.gzip).sum();
    let br: u64 = files.iter().map(|f| f.brotli).sum();
    Ok(format!("{gz} B gzip, {br} B brotli"))
}
