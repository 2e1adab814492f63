//! `/demo/paid` and `/demo/failed`: where the demo's project sends payers
//! back (`--demo`), standing in for the shop's own pages. The docs' example
//! URLs, which a bare sandbox keeps, are no page a payer can land on.
//!
//! The pages are fixed text: the order id, when the shop's URL carries one
//! (`?order_id=`), is read by the page's script and written with
//! `textContent`, so nothing from the request is ever markup.

use crate::config::{DEMO_FAILED_PATH, DEMO_PAID_PATH};
use crate::state::AppState;
use axum::response::Html;
use axum::routing::get;
use axum::Router;

macro_rules! page {
    ($title:literal, $text:literal) => {
        concat!(
            r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>"#,
            $title,
            r#" · GetCrypto sandbox</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 3rem auto; max-width: 36rem; padding: 0 1rem; color: #1b1f24; }
  @media (prefers-color-scheme: dark) { body { background: #0d1117; color: #e6edf3; } a { color: #58a6ff; } }
  small { color: #6e7781; }
</style>
</head>
<body>
<main>
<h1>"#,
            $title,
            r#"</h1>
<p>"#,
            $text,
            r#"</p>
<p id="order" hidden>Order: <strong id="order-id"></strong></p>
<p><a href="/">Back to the demo shop</a></p>
<p><small>The sandbox's stand-in for your shop's page: in production the payer returns to the
URL set for your project in GetCrypto's dashboard.</small></p>
</main>
<script>
  const id = new URLSearchParams(location.search).get("order_id");
  if (id) {
    document.getElementById("order-id").textContent = id;
    document.getElementById("order").hidden = false;
  }
</script>
</body>
</html>
"#
        )
    };
}

/// Where a paid invoice's payer lands.
pub const PAID_PAGE: &str =
    page!("Thank you, your payment arrived", "The payment is confirmed. Your order is on its way.");
/// Where the payer of an expired invoice may go.
pub const FAILED_PAGE: &str = page!(
    "The payment did not go through",
    "The invoice expired before the full amount arrived. You can start again from the shop."
);

/// The two pages.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(DEMO_PAID_PATH, get(|| async { Html(PAID_PAGE) }))
        .route(DEMO_FAILED_PATH, get(|| async { Html(FAILED_PAGE) }))
}
