//! The documented API: `GET v1/widget`, `POST v1/invoices`,
//! `GET v1/invoices/{id}`.

use crate::body::json;
use crate::clock;
use crate::config::Config;
use crate::error::{HttpError, INVOICE_NOT_FOUND, PROJECT_NOT_FOUND};
use crate::middleware::ApiKey;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use getcrypto_api::amount::NumberAmount;
use getcrypto_api::validate::{self, Raw};
use getcrypto_api::{Crypto, Envelope, Method, NetworkInfo, OrderedMap, WidgetData};
use serde_json::Value;

/// The value of `name` among query or form pairs; the last one wins, as in PHP.
fn pair<'a>(pairs: &'a [(String, String)], name: &str) -> Raw<'a> {
    pairs.iter().rev().find(|(k, _)| k == name).map_or(Raw::Missing, |(_, v)| Raw::Text(v))
}

/// The value of `name` in a JSON object body. `numbers` holds the literal
/// text of the body's numbers, so that `9` and `"9"` are checked alike.
fn field<'a>(body: &'a serde_json::Map<String, Value>, numbers: &'a [(String, String)], name: &str) -> Raw<'a> {
    match body.get(name) {
        None | Some(Value::Null) => Raw::Missing,
        Some(Value::String(s)) => Raw::Text(s),
        Some(Value::Number(_)) => {
            numbers.iter().find(|(k, _)| k == name).map_or(Raw::Other("number"), |(_, n)| Raw::Number(n))
        }
        Some(Value::Bool(_)) => Raw::Other("boolean"),
        Some(Value::Array(_)) => Raw::Other("array"),
        Some(Value::Object(_)) => Raw::Other("object"),
    }
}

/// Coins and networks the project accepts, numbered as in the docs.
fn methods() -> OrderedMap<Method> {
    let mut network_id = 0;
    Crypto::ALL
        .iter()
        .enumerate()
        .map(|(i, coin)| {
            let networks = coin
                .networks()
                .iter()
                .map(|n| {
                    network_id += 1;
                    (n.as_str().to_owned(), NetworkInfo { id: network_id, label: n.label().to_owned() })
                })
                .collect();
            (coin.as_str().to_owned(), Method { id: i as u64 + 1, label: coin.ticker().to_owned(), networks })
        })
        .collect()
}

/// `GET v1/widget`: the project's name and the amount in every coin.
pub async fn widget_show(
    State(state): State<AppState>,
    query: Result<Query<Vec<(String, String)>>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, HttpError> {
    let Query(pairs) = query.map_err(|e| HttpError::BadRequest(format!("The query string cannot be read: {e}")))?;
    let q = validate::widget_query(|name| pair(&pairs, name)).map_err(HttpError::Validation)?;
    let project = state.config.project(&q.project_id).ok_or_else(|| HttpError::BadRequest(PROJECT_NOT_FOUND.into()))?;
    let mut amounts = OrderedMap::default();
    for coin in Crypto::ALL {
        if let Some(a) = state.config.convert(&q.amount, q.currency, *coin) {
            amounts.0.push((coin.as_str().to_owned(), NumberAmount(a)));
        }
    }
    let data = WidgetData {
        project_name: project.name.clone(),
        success_url: Some(project.success_url.clone()),
        fail_url: Some(project.fail_url.clone()),
        methods: methods(),
        amounts,
    };
    Ok(json(StatusCode::OK, &Envelope { data, status: true }))
}

/// `POST v1/invoices`: a new invoice for one coin on one network. Reads a
/// JSON body (the docs' examples) or a form body (PHP's `form_params`).
pub async fn invoices_create(
    State(state): State<AppState>,
    Extension(ApiKey(key)): Extension<ApiKey>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, HttpError> {
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let req = if is_form {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&body)
            .map_err(|e| HttpError::BadRequest(format!("The form body cannot be read: {e}.")))?;
        validate::create_invoice(|name| pair(&pairs, name))
    } else {
        let value: Value = if body.iter().all(u8::is_ascii_whitespace) {
            Value::Object(Default::default())
        } else {
            serde_json::from_slice(&body)
                .map_err(|e| HttpError::BadRequest(format!("The request body is not valid JSON: {e}.")))?
        };
        let Value::Object(obj) = value else {
            return Err(HttpError::BadRequest("The request body must be a JSON object.".into()));
        };
        let numbers: Vec<(String, String)> =
            obj.iter().filter_map(|(k, v)| v.as_number().map(|n| (k.clone(), n.to_string()))).collect();
        validate::create_invoice(|name| field(&obj, &numbers, name))
    }
    .map_err(HttpError::Validation)?;

    let project =
        state.config.project(&req.project_id).ok_or_else(|| HttpError::BadRequest(PROJECT_NOT_FOUND.into()))?;
    let amount = state.config.convert(&req.input_amount.0, req.currency, req.cryptocurrency).ok_or_else(|| {
        HttpError::field(
            "input_amount",
            format!("The input amount is too small to be paid in {}.", req.cryptocurrency.as_str()),
        )
    })?;
    let invoice = state.store().create(
        &req,
        &key,
        amount,
        &project.success_url,
        &project.fail_url,
        Config::confirmations_required(req.network),
        state.config.invoice_ttl,
        clock::now(),
    );
    state.auto_pay(invoice.id.clone());
    Ok(json(StatusCode::OK, &Envelope { data: invoice, status: true }))
}

/// This API's OpenAPI 3.1 document, kept in the repository beside the code
/// and checked against the live sandbox by the tests.
pub const OPENAPI: &str = include_str!("../openapi/openapi.json");

/// `GET /openapi.json`.
pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

/// `GET v1/invoices/{id}`: the invoice, if this key made it.
pub async fn invoices_show(
    State(state): State<AppState>,
    Extension(ApiKey(key)): Extension<ApiKey>,
    Path(id): Path<String>,
) -> Result<Response, HttpError> {
    let mut store = state.store();
    match store.get(&id, clock::now()) {
        Some(record) if record.key == key => {
            Ok(json(StatusCode::OK, &Envelope { data: record.invoice.clone(), status: true }))
        }
        _ => Err(HttpError::BadRequest(INVOICE_NOT_FOUND.into())),
    }
}
