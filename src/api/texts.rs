//! The UI texts of a locale.

use super::http::{parse_js, ApiError};
use domain::Locale;
use gloo_net::http::Request;

/// `GET /api/v1/ui-texts/{locale}`: every UI text of a locale as a JSON array of slots, for
/// `i18n::install_json`. The buyer's first locale comes inlined in `index.html` instead.
pub async fn ui_texts(locale: Locale) -> Result<wasm_bindgen::JsValue, ApiError> {
    let path = format!("/api/v1/ui-texts/{}", locale.tag());
    let response = Request::get(&path)
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|_| ApiError::Unreachable)?;
    if !response.ok() {
        return Err(ApiError::Server {
            status: response.status(),
            problem: None,
        });
    }
    parse_js(response).await
}
