//! axe-core in the page: its WCAG 2.1 A/AA rules run on the widget on
//! `#pay`, inside its shadow root.

use crate::Harness;
use serde_json::Value;

/// axe-core's source, as `scripts/test` installs it (`AXE_CORE`).
pub fn source() -> String {
    let path = std::env::var("AXE_CORE").expect("AXE_CORE names axe.min.js: run scripts/test, which installs it");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Runs axe (`axe`: its source, injected once per page) on the widget and
/// returns its violations, described: `rule: help @ nodes`.
pub async fn violations(h: &Harness, axe: &str) -> Vec<String> {
    h.js(&format!("if (!window.axe) {{ {axe} }}"), vec![]).await;
    let result = h
        .browser
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run({ include: [['#pay']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
               .then((r) => done(r.violations.map((v) => v.id + ': ' + v.help + ' @ ' + v.nodes.map((n) => n.target.join(' ')).join(', '))),
                     (e) => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .expect("axe runs");
    match result {
        Value::Array(list) => list.into_iter().map(|v| v.as_str().unwrap_or_default().to_owned()).collect(),
        other => vec![format!("unexpected: {other}")],
    }
}
