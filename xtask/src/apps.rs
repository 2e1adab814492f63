//! Merchant apps built as merchants build them, each with the packages
//! installed from their `npm pack` tarballs, as from a registry, and the
//! head script copied beside its pages as a merchant hosts it. Tool versions
//! are pinned in each app's package.json.

use crate::{say, Ctx};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use xshell::cmd;
use xtask::Result;

/// Copies `from`'s contents into `to`, folders included.
fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

fn remove(path: &Path) -> Result<()> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(path)?,
        Ok(_) => std::fs::remove_file(path)?,
        Err(_) => {}
    }
    Ok(())
}

impl Ctx {
    /// Readies the app copied into `dir` as a merchant would: `stale`
    /// removed (the tarballs change with each build under the same version,
    /// so they are installed afresh while the rest of node_modules is kept),
    /// the head script and its wasm copied to `getcrypto/` in the folder the
    /// app serves as it is (`public`, or SvelteKit's `static`), then `npm
    /// install` and `npm run build` with `env`.
    fn install_and_build(&self, dir: &Path, stale: &[&str], env: &[(&str, OsString)], served: &str) -> Result<()> {
        for stale in stale {
            remove(&dir.join(stale))?;
        }
        let public = dir.join(served).join("getcrypto");
        std::fs::create_dir_all(&public)?;
        let dist = self.root.join("dist");
        for name in xtask::sizes::shipped_names(&dist)? {
            std::fs::copy(dist.join(&name), public.join(&name))?;
        }
        let _dir = self.sh.push_dir(dir);
        let envs = || env.iter().map(|(k, v)| (*k, v.as_os_str()));
        cmd!(self.sh, "npm install --silent --no-audit --no-fund --no-package-lock")
            .envs(envs())
            .ignore_stdout()
            .run()?;
        cmd!(self.sh, "npm run --silent build").envs(envs()).ignore_stdout().run()?;
        Ok(())
    }

    /// Vite 8, Vite 7 and webpack 5 apps (`tests/bundlers/`) in
    /// `target/bundlers/`, which goes to the tests as `BUNDLER_APPS`.
    pub fn prepare_bundler_apps(&self) -> Result<PathBuf> {
        let out = self.root.join("target/bundlers");
        let packs = out.join("packs");
        remove(&packs)?;
        std::fs::create_dir_all(&packs)?;
        for package in ["dist", "pkg-npm"] {
            let _dir = self.sh.push_dir(self.root.join(package));
            cmd!(self.sh, "npm pack --silent --pack-destination {packs}").ignore_stdout().run()?;
        }
        for app in ["vite8", "vite7", "webpack5"] {
            say(&format!("bundler app: {app} (npm install from the tarballs, then build)"));
            let dir = out.join(app);
            copy_tree(&self.root.join("tests/bundlers/shared"), &dir)?;
            copy_tree(&self.root.join("tests/bundlers").join(app), &dir)?;
            let stale =
                ["node_modules/getcrypto-widget", "node_modules/@getcrypto", "package-lock.json", "public", "dist"];
            self.install_and_build(&dir, &stale, &[], "public")?;
        }
        std::env::set_var("BUNDLER_APPS", &out);
        Ok(out)
    }

    /// Apps made by each framework's own scaffolding (`tests/frameworks/`):
    /// Next.js (App Router, Turbopack), Angular (the application builder),
    /// Vue (Vite), SvelteKit (`sv create`'s minimal template, adapter-node,
    /// `vite build` to `build/`) and Nuxt (`nuxi init`'s shape written by
    /// hand, as its template cannot be fetched here; `nuxt build` to
    /// `.output/`), built with Node 22, in `target/frameworks/`, which goes
    /// to the tests as `FRAMEWORK_APPS`. Installs the tarball that
    /// `prepare_bundler_apps` packs.
    pub fn prepare_framework_apps(&self) -> Result<PathBuf> {
        let node = self.ensure_node22()?;
        let node_bin = node.parent().ok_or("Node 22 has no folder")?;
        let path = std::env::join_paths(
            std::iter::once(node_bin.to_path_buf())
                .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
        )?;
        let env = [
            ("PATH", path),
            ("NEXT_TELEMETRY_DISABLED", "1".into()),
            ("NG_CLI_ANALYTICS", "false".into()),
            ("NUXT_TELEMETRY_DISABLED", "1".into()),
        ];
        let out = self.root.join("target/frameworks");
        remove(&out.join("packs"))?;
        copy_tree(&self.root.join("target/bundlers/packs"), &out.join("packs"))?;
        // Each app's build and caches go with the tarball: Vite's dev
        // server pre-bundles the package into its cache (`node_modules/.vite`,
        // Nuxt's `node_modules/.cache/vite`) with the wasm's hashed name,
        // which a new build under the same version changes.
        let apps: [(&str, &str, &[&str]); 5] = [
            ("next", "public", &["public/getcrypto", ".next"]),
            ("angular", "public", &["public/getcrypto", "dist"]),
            ("vue", "public", &["public/getcrypto", "dist", "node_modules/.vite"]),
            ("sveltekit", "static", &["static/getcrypto", "build", ".svelte-kit", "node_modules/.vite"]),
            ("nuxt", "public", &["public/getcrypto", ".output", ".nuxt", "node_modules/.cache"]),
        ];
        for (app, served, built) in apps {
            say(&format!("framework app: {app} (npm install from the tarball, then build)"));
            let dir = out.join(app);
            copy_tree(&self.root.join("tests/frameworks").join(app), &dir)?;
            let stale: Vec<&str> = ["node_modules/getcrypto-widget", "package-lock.json"]
                .into_iter()
                .chain(built.iter().copied())
                .collect();
            self.install_and_build(&dir, &stale, &env, served)?;
        }
        std::env::set_var("FRAMEWORK_APPS", &out);
        Ok(out)
    }
}
