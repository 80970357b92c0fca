//! Serving the built app: hashed assets cached for a year, `index.html` always revalidated,
//! precompressed `.br`/`.gz` siblings preferred, and client routes answered with the app.

use crate::payments::PaymentProvider;
use crate::web::app_shell::AppShell;
use crate::web::pages::{Headed, Hints, Page, PageHead, Pages};
use axum::extract::Request;
use axum::handler::HandlerWithoutStateExt;
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::path::Path;
use std::sync::Arc;
use tower_http::services::ServeDir;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";
const SHORT: &str = "public, max-age=3600";
/// A preview of a seller's draft: kept by no cache (`Page::Preview`).
const PRIVATE: &str = "private, no-store";

/// A router that serves `dir` and falls back to `dir/index.html` for client-side routes.
/// `payments` names the one origin the shell may frame (its payment page); `pages` says which
/// client routes exist (the others get the shell with a 404); `head` writes a product page's
/// `<head>` (title, description, canonical, alternates, Open Graph, JSON-LD) for `origin`.
pub fn router(
    dir: &Path,
    payments: Arc<dyn PaymentProvider>,
    pages: Arc<Pages>,
    head: PageHead,
    origin: Arc<str>,
) -> Router {
    let shell = Arc::new(Shell {
        app: AppShell::new(dir.join("index.html")),
        payments,
        pages,
        head,
        origin,
    });
    let spa_fallback = {
        let shell = shell.clone();
        move |req: Request| {
            let shell = shell.clone();
            async move { serve_app_shell(&shell, req).await }
        }
    };
    let files = ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false)
        .fallback(spa_fallback.into_service());
    let root = move |req: Request| {
        let shell = shell.clone();
        async move {
            let (parts, _) = req.into_parts();
            shell.respond(&parts.uri, &parts.headers).await
        }
    };
    Router::new()
        .route("/", get(root.clone()))
        .route("/index.html", get(root))
        .fallback_service(files)
        .layer(middleware::from_fn(cache_headers))
}

struct Shell {
    app: AppShell,
    payments: Arc<dyn PaymentProvider>,
    pages: Arc<Pages>,
    head: PageHead,
    origin: Arc<str>,
}

impl Shell {
    /// The app for `req`'s path: a 404 when the path is no page (the app shows its not-found
    /// page), `noindex` on a buyer's own pages.
    async fn respond(&self, uri: &axum::http::Uri, headers: &axum::http::HeaderMap) -> Response {
        let path = uri.path();
        let frame = self.payments.frame().map(|(_, origin)| origin);
        // A listing with a query (filters, page 2) is the app's to describe and fetch; a
        // product page's query (a campaign's `utm_…`) changes nothing on it.
        let headed = Headed::of(path)
            .filter(|(_, page)| uri.query().is_none() || matches!(page, Headed::Product(_)));
        let mut response = match headed {
            Some((locale, page)) if self.pages.page(path) == Page::Public => {
                match (self.head)(locale, page, Hints::of(headers)).await {
                    Some(head) => self.app.respond_with_head(
                        path,
                        headers,
                        frame.as_deref(),
                        &head,
                        &self.origin,
                    ),
                    None => self.app.respond(path, headers, frame.as_deref()),
                }
            }
            _ => self.app.respond(path, headers, frame.as_deref()),
        };
        if !response.status().is_success() {
            return response;
        }
        match self.pages.page(path) {
            Page::Public => {}
            Page::Private => {
                response.headers_mut().insert(
                    HeaderName::from_static("x-robots-tag"),
                    HeaderValue::from_static("noindex"),
                );
            }
            Page::Preview => {
                let headers = response.headers_mut();
                headers.insert(
                    HeaderName::from_static("x-robots-tag"),
                    HeaderValue::from_static("noindex"),
                );
                headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(PRIVATE));
                // The preview's device frames are the store's own pages framing one another:
                // the preview's page frames the store's pages, which only the store may frame.
                // The payment provider stays allowed: a seller may walk on from the preview
                // to a checkout of its own in the same page (a frame's checkout stops before).
                let framable = headers
                    .get(header::CONTENT_SECURITY_POLICY)
                    .and_then(|v| v.to_str().ok())
                    .map(|policy| {
                        policy
                            .split("; ")
                            .map(|directive| match directive.split_once(' ') {
                                Some(("frame-ancestors", _)) => "frame-ancestors 'self'".to_owned(),
                                Some(("frame-src", "'none'")) => "frame-src 'self'".to_owned(),
                                Some(("frame-src", origins)) => {
                                    format!("frame-src 'self' {origins}")
                                }
                                _ => directive.to_owned(),
                            })
                            .collect::<Vec<_>>()
                            .join("; ")
                    })
                    .and_then(|p| HeaderValue::from_str(&p).ok());
                if let Some(policy) = framable {
                    headers.insert(header::CONTENT_SECURITY_POLICY, policy);
                }
            }
            Page::Missing => *response.status_mut() = StatusCode::NOT_FOUND,
        }
        response
    }
}

/// Answers a path that matched no file. Paths that look like files (`/x.js`) are real misses
/// and get a 404; anything else is a client route (`/p/some-product`) and gets the app shell.
async fn serve_app_shell(shell: &Shell, req: Request) -> Response {
    let looks_like_file = req
        .uri()
        .path()
        .rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'));
    if looks_like_file {
        return (StatusCode::NOT_FOUND, "Not found").into_response();
    }
    let (parts, _) = req.into_parts();
    shell.respond(&parts.uri, &parts.headers).await
}

/// Sets `Cache-Control` by what was served: content-hashed files never change, so browsers and
/// CDNs may keep them for a year; the HTML shell must be revalidated so a deploy is picked up.
async fn cache_headers(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let mut response = next.run(req).await;
    if !response.status().is_success() && response.status() != StatusCode::NOT_MODIFIED {
        return response;
    }
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let policy = if is_html {
        REVALIDATE
    } else if is_hashed_asset(&path) {
        IMMUTABLE
    } else {
        SHORT
    };
    let headers = response.headers_mut();
    // A page that is no cache's to keep says so itself (a preview).
    if headers
        .get(header::CACHE_CONTROL)
        .map(HeaderValue::as_bytes)
        != Some(PRIVATE.as_bytes())
    {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    // The app shell sets its own (it may also vary by Accept-Language).
    headers
        .entry(header::VARY)
        .or_insert(HeaderValue::from_static("accept-encoding"));
    response
}

/// True for trunk's content-hashed file names: `storefront-0123456789abcdef_bg.wasm`,
/// `main-0123456789abcdef.css` (a hyphen, 16 hex digits, then `.` or `_`).
pub fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.match_indices('-').any(|(i, _)| {
        let rest = &name[i + 1..];
        rest.len() > 16
            && rest[..16].bytes().all(|b| b.is_ascii_hexdigit())
            && matches!(rest.as_bytes()[16], b'.' | b'_')
    })
}

#[cfg(test)]
mod tests {
    use super::is_hashed_asset;

    #[test]
    fn trunk_hashed_names_are_recognised() {
        assert!(is_hashed_asset("/storefront-0123456789abcdef_bg.wasm"));
        assert!(is_hashed_asset("/storefront-0123456789abcdef.js"));
        assert!(is_hashed_asset("/main-fedcba9876543210.css"));
    }

    #[test]
    fn unhashed_names_are_not() {
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/favicon.svg"));
        assert!(!is_hashed_asset("/my-file.css"));
        assert!(!is_hashed_asset("/x-0123456789abcdeg.css"));
    }
}
