//! A release a shop can update to at its own pace: a new release copied
//! over the old one's folder, deleting nothing (as docs/merchants.md tells
//! it), leaves every page pinned to the old release's versioned head script
//! working, while pages that paste the new tag get the new one. A page that
//! pinned the unversioned `getcrypto.js` is refused at the next release, and
//! the docs' guard still shows the payer something.
//!
//! The previous release is another real build: the one on plain stable
//! flags (`scripts/test` builds it first and names its `dist/` in
//! `GETCRYPTO_OLD_RELEASE`), with other wasm bytes under other names,
//! published here under the previous version's name.

use e2e::shop::Shop;
use e2e::{act, check, repo_root, site_root, Harness, PAY};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

const PREVIOUS: &str = "getcrypto-0.1.0.js";

fn old_release() -> PathBuf {
    let dir = std::env::var_os("GETCRYPTO_OLD_RELEASE")
        .map_or_else(|| repo_root().join("target/stable-site/dist"), PathBuf::from);
    assert!(
        dir.join("integrity.json").exists(),
        "{}: no previous release to deploy beside the new one; scripts/test builds it (cargo xtask test), \
         or name a dist/ of another build in GETCRYPTO_OLD_RELEASE",
        dir.display()
    );
    dir
}

fn integrity(dir: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(dir.join("integrity.json")).unwrap()).unwrap()
}

/// Copies every file of `from` into `to`, replacing files of the same name
/// and deleting nothing: how the docs say to deploy.
fn deploy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_pinned_to_the_old_release_keeps_working_after_the_new_one_is_deployed() {
    let (old, new) = (old_release(), site_root().join("dist"));
    let (old_sri, new_sri) = (integrity(&old), integrity(&new));
    let package: Value =
        serde_json::from_str(&std::fs::read_to_string(repo_root().join("www/package.json")).unwrap()).unwrap();
    let current = format!("getcrypto-{}.js", package["version"].as_str().unwrap());
    assert_ne!(old_sri["getcrypto.js"], new_sri["getcrypto.js"], "two different builds");

    let cdn = repo_root().join("target/releases-side-by-side");
    let _ = std::fs::remove_dir_all(&cdn);
    deploy(&old, &cdn);
    std::fs::copy(old.join("getcrypto.js"), cdn.join(PREVIOUS)).unwrap();
    deploy(&new, &cdn);

    let h = Harness::start((1000, 1000)).await;
    for entry in std::fs::read_dir(&cdn).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let kind = if name.ends_with(".wasm") { "application/wasm" } else { "text/javascript" };
        h.serve_file(&name, kind, std::fs::read(&path).unwrap());
    }

    // The shop that pasted the old tag, and the one that pasted the new.
    for (page, script, sri) in [
        ("old-tag", PREVIOUS, old_sri["getcrypto.js"].as_str().unwrap()),
        ("new-tag", current.as_str(), new_sri[current.as_str()].as_str().unwrap()),
    ] {
        let shop = Shop::new(&format!("ORD_{page}")).script(&format!("/e2e/{script}"), Some(sri));
        act::open_shop(&h, page, &shop).await;
        h.js("localStorage.clear();", vec![]).await;
        assert_eq!(
            check::holds(&h, "init", "return window.__result;", vec![]).await,
            json!({ "mounted": true }),
            "{page}"
        );
        act::click(&h, PAY, "[data-coin=btc]").await;
        act::click(&h, PAY, ".gc-pay").await;
        check::shows(&h, PAY, ".gc-address").await;
    }

    // The shop that pinned the unversioned name with the old hash: the
    // browser refuses the new bytes, and the docs' guard tells the payer.
    let shop = Shop::new("ORD_unversioned").script("/e2e/getcrypto.js", old_sri["getcrypto.js"].as_str());
    act::open_shop(&h, "unversioned", &shop).await;
    assert_eq!(check::holds(&h, "the guard", "return window.__result;", vec![]).await, json!({ "missing": true }));
    let shown = h.js("return document.getElementById('pay').textContent;", vec![]).await;
    assert!(shown.as_str().unwrap().contains("could not be loaded"), "{shown}");
    h.close().await;
}
