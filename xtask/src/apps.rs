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
        Ok(out)
    }

    /// Apps made by each framework's own scaffolding (`tests/frameworks/`):
    /// Next.js (App Router, Turbopack), Angular (the application builder),
    /// Vue (Vite), SvelteKit (`sv create`'s minimal template, adapter-node,
    /// `vite build` to `build/`) and Nuxt (`nuxi init`'s shape written by
    /// hand, as its template cannot be fetched here; `nuxt build` to
    /// `.output/`), built with Node 22 (`node`, `ensure_node22`'s), in
    /// `target/frameworks/`, which goes to the tests as `FRAMEWORK_APPS`. Installs the tarball that
    /// `prepare_bundler_apps` packs.
    pub fn prepare_framework_apps(&self, node: &Path) -> Result<PathBuf> {
        let node_bin = node.parent().ok_or("Node 22 has no folder")?;
        let path = std::env::join_paths(
            std::iter::once(node_bin.to_path_buf())
                .chain(std::env::split_paths(&self.sh.var_os("PATH").unwrap_or_default())),
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
            // The docs' recipes as pages of the apps, word for word but for
            // their placeholders: a recipe that drifts from the package
            // fails the app's build or its test.
            let docs = std::fs::read_to_string(self.root.join("docs/merchants.md"))?;
            match app {
                "vue" => std::fs::write(dir.join("src/Recipe.vue"), vue_recipe(&docs)?)?,
                "next" => {
                    std::fs::create_dir_all(dir.join("app/script"))?;
                    std::fs::write(dir.join("app/script/page.tsx"), next_script_recipe(&docs)?)?;
                }
                _ => {}
            }
            let stale: Vec<&str> = ["node_modules/getcrypto-widget", "package-lock.json"]
                .into_iter()
                .chain(built.iter().copied())
                .collect();
            self.install_and_build(&dir, &stale, &env, served)?;
        }
        Ok(out)
    }
}

/// The first fenced block of `lang` after `marker` in `page`.
pub fn docs_block<'a>(page: &'a str, marker: &str, lang: &str) -> Result<&'a str> {
    let after = &page[page.find(marker).ok_or_else(|| format!("the docs no longer say {marker:?}"))?..];
    let fence = format!("```{lang}\n");
    let start = after.find(&fence).ok_or_else(|| format!("no {lang} block after {marker:?}"))? + fence.len();
    let end = after[start..].find("```").ok_or("an unclosed block")?;
    Ok(&after[start..start + end])
}

/// `text` with `from` replaced by `to`; `from` must be there.
fn filled(text: &str, from: &str, to: &str) -> Result<String> {
    if !text.contains(from) {
        return Err(format!("the docs' recipe no longer holds {from:?}: update the test's placeholders").into());
    }
    Ok(text.replacen(from, to, 1))
}

/// docs/merchants.md's Vue recipe, with the sandbox's key and the API the
/// test page names in `?api=`.
pub fn vue_recipe(docs: &str) -> Result<String> {
    let recipe = docs_block(docs, "In Vue (Nuxt the same):", "vue")?;
    let recipe = filled(recipe, "\"YOUR_API_KEY\"", "\"sandbox_demo_key\"")?;
    filled(
        &recipe,
        "language: \"en\" }",
        "language: \"en\", api_base: new URLSearchParams(location.search).get(\"api\") }",
    )
}

/// docs/merchants.md's `next/script` recipe, with the sandbox's key and the
/// API the test page names in `?api=`.
pub fn next_script_recipe(docs: &str) -> Result<String> {
    let recipe = docs_block(docs, "The head script in Next.js, through `next/script`", "tsx")?;
    let recipe = filled(recipe, "\"YOUR_API_KEY\"", "\"sandbox_demo_key\"")?;
    filled(
        &recipe,
        "language: \"en\" })",
        "language: \"en\", api_base: new URLSearchParams(location.search).get(\"api\") ?? undefined })",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vue_recipe_is_taken_from_the_docs_with_its_placeholders_filled() {
        let docs = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/merchants.md")).unwrap();
        let recipe = vue_recipe(&docs).unwrap();
        assert!(recipe.starts_with("<script setup>") && recipe.contains("{ signal: cancel.signal }"), "{recipe}");
        assert!(recipe.contains("\"sandbox_demo_key\", \"pay\"") && recipe.contains("api_base: new URLSearchParams"));
        assert!(vue_recipe("In Vue (Nuxt the same):\n```vue\ninit(\"KEY\")\n```").is_err(), "a drifted recipe is told");
        let page = next_script_recipe(&docs).unwrap();
        assert!(page.starts_with("\"use client\";") && page.contains("<div id=\"pay\" />"), "{page}");
        assert!(page.contains("get(\"api\") ?? undefined })"), "{page}");
    }
}
