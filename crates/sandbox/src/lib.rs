//! The GetCrypto sandbox: the documented API on a local port, with invoices
//! paid on demand, so that the demo, the tests and a merchant's integration
//! run with nothing outside the machine.
//!
//! [`app`] builds the whole router; `main.rs` only reads flags and binds.

pub mod address;
pub mod api;
pub mod body;
pub mod cli;
pub mod clock;
pub mod config;
pub mod controls;
pub mod demo;
pub mod error;
pub mod middleware;
pub mod ratelimit;
pub mod state;
pub mod store;
pub mod webhooks;

pub use state::AppState;

use axum::routing::{get, post};
use axum::Router;
use std::path::PathBuf;
use tower_http::services::{ServeDir, ServeFile};

/// The whole sandbox: the API under `/v1/`, the controls under `/sandbox/`,
/// the demo's return pages under `/demo/`, this API's OpenAPI document, and,
/// from `root`, the demo page at `/` and the built widget at `/dist/`.
pub fn app(state: AppState, root: PathBuf) -> Router {
    let v1 = Router::new()
        .route("/widget", get(api::widget_show))
        .route("/invoices", post(api::invoices_create))
        .route("/invoices/{id}", get(api::invoices_show))
        .fallback(|| async { error::HttpError::NotFound })
        .method_not_allowed_fallback(|| async { error::HttpError::MethodNotAllowed })
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::authenticate));
    let router = Router::new()
        .nest("/v1", v1)
        .merge(controls::router())
        .merge(demo::router())
        .route("/openapi.json", get(api::openapi))
        .route_service("/", ServeFile::new(root.join("index.html")))
        .merge(
            Router::new()
                .nest_service("/dist", ServeDir::new(root.join("dist")).precompressed_br().precompressed_gzip())
                .layer(axum::middleware::from_fn(middleware::dist_cache)),
        )
        .layer(middleware::cors());
    let router = if state.config.log_requests {
        router.layer(axum::middleware::from_fn(middleware::log_request))
    } else {
        router
    };
    router.with_state(state)
}
