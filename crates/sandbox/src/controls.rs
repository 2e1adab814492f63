//! `/sandbox/`: drive an invoice as if the payer and the chain acted. Not
//! part of GetCrypto's API; a person uses the page, a test the JSON routes.

use crate::body::json;
use crate::clock;
use crate::error::{HttpError, INVOICE_NOT_FOUND};
use crate::state::AppState;
use crate::store::{ChainEvent, EventError};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, Response};
use axum::routing::{get, post};
use axum::Router;
use getcrypto_api::{validate, Envelope, Invoice};

/// The control routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sandbox", get(page))
        .route("/sandbox/", get(page))
        .route("/sandbox/invoices", get(invoices_index))
        .route("/sandbox/invoices/{id}/{action}", post(invoices_act))
        .route("/sandbox/webhooks", get(webhooks_index))
}

/// Every webhook delivery with its attempts, newest first.
async fn webhooks_index(State(state): State<AppState>) -> Response {
    json(StatusCode::OK, &Envelope { data: state.webhooks.list(), status: true })
}

/// Every invoice, newest first.
async fn invoices_index(State(state): State<AppState>) -> Response {
    let list: Vec<Invoice> = state.store().list(clock::now()).into_iter().map(|r| r.invoice).collect();
    json(StatusCode::OK, &Envelope { data: list, status: true })
}

/// `pay` (the whole amount due, or `{"amount": "..."}`), `pay-part` (half of
/// what is due), `confirm` (one more confirmation), `expire`.
async fn invoices_act(
    State(state): State<AppState>,
    Path((id, action)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, HttpError> {
    let event = match action.as_str() {
        "pay" => {
            let given: Option<serde_json::Value> = serde_json::from_slice(&body).ok();
            match given.as_ref().and_then(|v| v.get("amount")) {
                None => None,
                Some(v) => {
                    let text = v.as_str().map(str::to_owned).or_else(|| v.as_number().map(|n| n.to_string()));
                    let raw = text.as_deref().map_or(validate::Raw::Other("value"), validate::Raw::Text);
                    let amount = validate::amount("amount", raw).map_err(|m| HttpError::field("amount", m))?;
                    Some(ChainEvent::Pay(amount))
                }
            }
        }
        "pay-part" => Some(ChainEvent::PayPart),
        "confirm" => Some(ChainEvent::Confirm),
        "expire" => Some(ChainEvent::Expire),
        _ => return Err(HttpError::NotFound),
    };
    let event = match event {
        Some(e) => e,
        None => {
            let due = state.store().get(&id, clock::now()).map(|r| r.invoice.amount_due());
            ChainEvent::Pay(due.ok_or_else(|| HttpError::BadRequest(INVOICE_NOT_FOUND.into()))?)
        }
    };
    match state.apply(&id, event) {
        Ok(invoice) => Ok(json(StatusCode::OK, &Envelope { data: invoice, status: true })),
        Err(EventError::NotFound) => Err(HttpError::BadRequest(INVOICE_NOT_FOUND.into())),
        Err(EventError::Conflict(m)) => Err(HttpError::Conflict(m)),
    }
}

/// A page listing invoices with a button for each event. It reads the JSON
/// routes with `fetch` and writes every value with `textContent`.
async fn page() -> Html<&'static str> {
    Html(include_str!("controls.html"))
}
