//! The README and the pages under docs/ link only to what exists: every
//! relative link names a file of the checkout, and every `#anchor` a
//! heading of the page it points into.

use e2e::repo_root;
use std::path::Path;

/// GitHub's anchor for a heading: lower case, spaces to hyphens, the rest
/// of the punctuation dropped.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

fn anchors(page: &str) -> Vec<String> {
    page.lines().filter_map(|l| l.strip_prefix('#')).map(|h| anchor(h.trim_start_matches('#'))).collect()
}

/// Every `](target)` in `text`.
fn links(text: &str) -> Vec<String> {
    text.split("](").skip(1).filter_map(|rest| rest.split_once(')').map(|(t, _)| t.to_owned())).collect()
}

#[test]
fn every_link_in_the_docs_resolves() {
    let root = repo_root();
    let mut pages = vec![root.join("README.md")];
    pages.extend(
        std::fs::read_dir(root.join("docs"))
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "md")),
    );
    assert!(pages.len() >= 5, "the README and the pages it sends readers to: {pages:?}");
    let mut checked = 0;
    for page in &pages {
        let text = std::fs::read_to_string(page).unwrap();
        let dir = page.parent().unwrap_or(Path::new("."));
        for link in links(&text) {
            if link.starts_with("http://") || link.starts_with("https://") || link.starts_with("mailto:") {
                continue;
            }
            let (file, fragment) = link.split_once('#').unwrap_or((&link, ""));
            let target = if file.is_empty() { page.clone() } else { dir.join(file) };
            assert!(target.exists(), "{}: the link {link} leads nowhere", page.display());
            if !fragment.is_empty() {
                let into = std::fs::read_to_string(&target).unwrap();
                assert!(
                    anchors(&into).iter().any(|a| a == fragment),
                    "{}: {link} has no heading #{fragment}",
                    page.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 40, "only {checked} links were found: the reader is broken");
}

#[test]
fn the_readme_is_a_front_door() {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    assert!(readme.lines().count() <= 80, "the README stays short; the rest belongs in docs/");
    for page in ["docs/merchants.md", "docs/sandbox.md", "docs/development.md", "docs/size.md"] {
        assert!(readme.contains(&format!("]({page})")), "the README links {page}");
    }
    assert!(readme.contains("scripts/demo") && readme.contains("scripts/test"), "the two commands");
}
