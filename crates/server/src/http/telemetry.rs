//! Structured logs: one event per request with method, path, status and latency, and a request
//! id that is echoed to the client as `x-request-id` so a buyer's report can be found in logs.

use axum::http::{HeaderName, Request, Response};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tower::layer::util::{Identity, Stack};
use tower::ServiceBuilder;
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::trace::{MakeSpan, OnResponse, TraceLayer};
use tracing::Span;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Installs the global log subscriber: readable text, or JSON lines when `json` is set.
/// `RUST_LOG` overrides the default level (`info`).
pub fn init_logging(json: bool) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    // Colours only on a terminal: a log file or collector gets plain text.
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .with_target(false);
    if json {
        builder.json().flatten_event(true).init();
    } else {
        builder.compact().init();
    }
}

/// Numbers requests `<process start in hex>-<counter>`: unique per process, ordered, cheap.
#[derive(Clone)]
pub struct SequentialId {
    prefix: String,
    next: std::sync::Arc<AtomicU64>,
}

impl SequentialId {
    fn new() -> Self {
        let started = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        SequentialId {
            prefix: format!("{started:x}"),
            next: std::sync::Arc::new(AtomicU64::new(1)),
        }
    }
}

impl MakeRequestId for SequentialId {
    fn make_request_id<B>(&mut self, _: &Request<B>) -> Option<RequestId> {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        format!("{}-{n}", self.prefix)
            .parse()
            .ok()
            .map(RequestId::new)
    }
}

#[derive(Clone)]
pub struct RequestSpan;

impl<B> MakeSpan<B> for RequestSpan {
    fn make_span(&mut self, req: &Request<B>) -> Span {
        let id = req
            .headers()
            .get(&REQUEST_ID)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("-");
        let path = redacted_path(req.uri().path());
        tracing::info_span!("request", method = %req.method(), path = %path, id = %id)
    }
}

/// A path as it may be logged: the segment after `carts`, `quotes`, `tokens` or `preview` (a
/// cart's token, a quote's id, a payment token, a preview link's token: each opens what it
/// names) becomes `…`. Query
/// strings (an order's email or key) are never logged.
pub fn redacted_path(path: &str) -> String {
    let mut out = Vec::new();
    let mut secret_next = false;
    for segment in path.split('/') {
        if secret_next && !segment.is_empty() {
            out.push("…");
        } else {
            out.push(segment);
        }
        secret_next = matches!(segment, "carts" | "quotes" | "tokens" | "preview");
    }
    out.join("/")
}

/// Whether a client's `x-request-id` may be kept (and logged): 1 to 64 of `A-Z a-z 0-9 - _ .`.
/// Anything else is replaced by the store's own id.
pub fn safe_request_id(id: &[u8]) -> bool {
    (1..=64).contains(&id.len())
        && id
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// Drops a client's `x-request-id` that is not [`safe_request_id`], before ids are assigned.
pub async fn drop_unsafe_request_id(mut req: axum::extract::Request) -> axum::extract::Request {
    let unsafe_ids = req
        .headers()
        .get_all(&REQUEST_ID)
        .iter()
        .any(|v| !safe_request_id(v.as_bytes()))
        || req.headers().get_all(&REQUEST_ID).iter().count() > 1;
    if unsafe_ids {
        req.headers_mut().remove(&REQUEST_ID);
    }
    req
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_ids_in_paths_are_not_logged() {
        assert_eq!(
            redacted_path("/api/v1/carts/0123abcd/lines/SKU-1"),
            "/api/v1/carts/…/lines/SKU-1"
        );
        assert_eq!(
            redacted_path("/api/v1/shipping/quotes/q123/totals"),
            "/api/v1/shipping/quotes/…/totals"
        );
        assert_eq!(
            redacted_path("/tokens/tok_1/challenge"),
            "/tokens/…/challenge"
        );
        assert_eq!(
            redacted_path("/id/preview/0123abcd-1798761600-c2lnbmF0dXJl"),
            "/id/preview/…"
        );
        assert_eq!(redacted_path("/api/v1/preview/store"), "/api/v1/preview/…");
        assert_eq!(redacted_path("/api/v1/carts"), "/api/v1/carts");
        assert_eq!(
            redacted_path("/api/v1/products/a-lamp"),
            "/api/v1/products/a-lamp"
        );
    }

    #[test]
    fn only_plain_request_ids_are_accepted_from_clients() {
        assert!(safe_request_id(b"abc-123_x.y"));
        assert!(!safe_request_id(b""));
        assert!(!safe_request_id(b"evil\nline"));
        assert!(!safe_request_id("é".as_bytes()));
        assert!(!safe_request_id(&[b'a'; 65]));
    }
}

#[derive(Clone)]
pub struct LogResponse;

impl<B> OnResponse<B> for LogResponse {
    fn on_response(self, res: &Response<B>, latency: Duration, _: &Span) {
        let status = res.status().as_u16();
        // Two decimals (10 µs) is all a latency log needs.
        let latency_ms = (latency.as_secs_f64() * 100_000.0).round() / 100.0;
        if res.status().is_server_error() {
            tracing::error!(status, latency_ms, "response");
        } else {
            tracing::info!(status, latency_ms, "response");
        }
    }
}

type Layers = Stack<
    PropagateRequestIdLayer,
    Stack<
        TraceLayer<SharedClassifier<ServerErrorsAsFailures>, RequestSpan, (), LogResponse>,
        Stack<SetRequestIdLayer<SequentialId>, Identity>,
    >,
>;

/// Request id, then tracing, then the id copied onto the response.
pub fn request_layers() -> ServiceBuilder<Layers> {
    ServiceBuilder::new()
        .layer(SetRequestIdLayer::new(REQUEST_ID, SequentialId::new()))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(RequestSpan)
                .on_request(())
                .on_response(LogResponse),
        )
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
}
