//! The docs' script-tag recipe, taken from docs/merchants.md and run as
//! written: only its placeholders are filled (the CDN's address, the hash
//! the build printed, the key, and the sandbox as the API), each of which
//! must be found, so that a recipe that drifts from the code fails here.

use e2e::{check, repo_root, site_root, Harness, PAY};
use serde_json::{json, Value};

/// The first ```html block after `## A script tag`.
fn tag_recipe() -> String {
    let page = std::fs::read_to_string(repo_root().join("docs/merchants.md")).unwrap();
    let section = &page[page.find("## A script tag").expect("docs/merchants.md has ## A script tag")..];
    let start = section.find("```html\n").expect("the section has an html block") + "```html\n".len();
    section[start..start + section[start..].find("```").unwrap()].to_owned()
}

/// `recipe` with `from` replaced by `to`, which must be there.
fn fill(recipe: &str, from: &str, to: &str) -> String {
    assert!(recipe.contains(from), "the recipe no longer holds {from:?}:\n{recipe}");
    recipe.replace(from, to)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_docs_script_tag_runs_as_written_and_its_guard_catches_a_refused_script() {
    let dist = site_root().join("dist");
    let listed: Value = serde_json::from_slice(&std::fs::read(dist.join("integrity.json")).unwrap()).unwrap();
    let package: Value =
        serde_json::from_str(&std::fs::read_to_string(repo_root().join("www/package.json")).unwrap()).unwrap();
    let script = format!("getcrypto-{}.js", package["version"].as_str().unwrap());
    let recipe = tag_recipe();
    let recipe = fill(&recipe, &format!("https://cdn.example/getcrypto/{script}"), &format!("/dist/{script}"));
    let recipe = fill(&recipe, "\"YOUR_API_KEY\"", "\"sandbox_demo_key\"");
    let recipe = fill(&recipe, "language: \"en\",", "language: \"en\", api_base: location.origin,");
    let hash = "sha384-…the hash cargo xtask dist printed…";
    let page = |sri: &str| format!("<!doctype html><html>{}</html>", fill(&recipe, hash, sri));

    let h = Harness::start((1000, 1000)).await;
    let pinned = listed[&script].as_str().expect("integrity.json lists the versioned head script");
    h.browser.goto(&h.serve_page("recipe", page(pinned))).await.unwrap();
    h.js("localStorage.clear();", vec![]).await;
    h.browser.refresh().await.unwrap();
    check::shows(&h, PAY, "[data-coin=btc]").await;

    let wrong = format!("sha384-{}", "A".repeat(64));
    h.browser.goto(&h.serve_page("recipe-refused", page(&wrong))).await.unwrap();
    let shown =
        check::holds(&h, "the guard's words", "return document.getElementById('pay').textContent;", vec![]).await;
    assert!(shown.as_str().unwrap().contains("could not be loaded"), "{shown}");
    assert_eq!(h.js("return typeof window.GetCrypto;", vec![]).await, json!("undefined"));
    h.close().await;
}
