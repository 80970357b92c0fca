//! The app's only door to the server. Every URL and every HTTP detail lives here; pages call
//! typed functions and get domain types or an [`ApiError`] back.

use domain::{Locale, Page, Problem, ProductSummary};
use gloo_net::http::{Request, Response};
use leptos::prelude::on_cleanup;
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;

/// Why an API call failed, in terms the UI can explain.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// The request never got an HTTP answer: offline, DNS, server down, connection reset.
    #[error("the store could not be reached")]
    Unreachable,
    /// The server answered with an error; `problem` is its problem document when it sent one.
    #[error("the store answered {status}")]
    Server {
        status: u16,
        problem: Option<Problem>,
    },
    /// The answer was not what this version of the app understands.
    #[error("unexpected response: {0}")]
    Malformed(String),
}

/// `GET /api/v1/products?page=…&locale=…`
pub async fn list_products(page: u32, locale: Locale) -> Result<Page<ProductSummary>, ApiError> {
    let page = page.to_string();
    get_json(
        "/api/v1/products",
        &[("page", page.as_str()), ("locale", locale.tag())],
    )
    .await
}

/// Sends a GET that is aborted if the calling reactive scope is cleaned up first (the buyer
/// navigated away or the request was superseded), so stale answers never land.
async fn get_json<T: DeserializeOwned>(path: &str, query: &[(&str, &str)]) -> Result<T, ApiError> {
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(|c| c.signal());
    let controller = SendWrapper::new(controller);
    on_cleanup(move || {
        if let Some(controller) = controller.take() {
            controller.abort();
        }
    });
    let response = Request::get(path)
        .query(query.iter().copied())
        .header("Accept", "application/json")
        .abort_signal(signal.as_ref())
        .send()
        .await
        .map_err(|_| ApiError::Unreachable)?;
    read_json(response).await
}

async fn read_json<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if response.ok() {
        return response
            .json::<T>()
            .await
            .map_err(|e| ApiError::Malformed(e.to_string()));
    }
    let status = response.status();
    let problem = response.json::<Problem>().await.ok();
    Err(ApiError::Server { status, problem })
}
