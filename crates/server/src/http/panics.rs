//! A panic in a handler answers that one request with a 500 problem and leaves the process
//! serving the others. The release build unwinds (`panic = "unwind"` in the root manifest's
//! `release` profile; only the wasm's `wasm-release` aborts), so the unwind is caught here.

use crate::http::error::{request_locale, AppError};
use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::FutureExt;
use std::panic::AssertUnwindSafe;

/// The header the request-id layer sets on every request (see `telemetry`).
const REQUEST_ID: &str = "x-request-id";

/// Middleware: runs the rest of the stack and turns a panic into a 500 problem that carries
/// the request id, logged with the panic's message.
pub async fn catch_panics(req: Request, next: Next) -> Response {
    let locale = request_locale(&req);
    let id = req
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    match AssertUnwindSafe(next.run(req)).catch_unwind().await {
        Ok(response) => response,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic without a message".to_owned());
            tracing::error!(request_id = id.as_deref().unwrap_or("-"), panic = %message,
                "a handler panicked; answered 500, still serving");
            internal_error(locale, id)
        }
    }
}

/// The 500 problem for a failure of the store's own, in `locale`, with the request id.
pub fn internal_error(locale: domain::Locale, request_id: Option<String>) -> Response {
    let err = AppError::Internal("panic".into());
    let mut problem = err.to_problem(locale);
    problem.request_id = request_id;
    let body = serde_json::to_vec(&problem).unwrap_or_default();
    (
        err.status(),
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(domain::Problem::CONTENT_TYPE),
            ),
            (
                header::CONTENT_LANGUAGE,
                HeaderValue::from_static(locale.tag()),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body,
    )
        .into_response()
}

/// `router` with panics caught: what [`crate::app`] and the payment page's router use.
pub fn guard(router: axum::Router) -> axum::Router {
    router.layer(axum::middleware::from_fn(catch_panics))
}
