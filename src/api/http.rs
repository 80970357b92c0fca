//! What every resource shares: the error, the stream of requests where only the newest
//! matters, and sending, reading and writing JSON.

use domain::Problem;
use gloo_net::http::{Request, Response};
use leptos::prelude::{on_cleanup, LocalStorage, StoredValue, UpdateValue};
use serde::de::DeserializeOwned;
use serde::Serialize;

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
    /// A newer request replaced this one, or the page went away; nothing to show.
    #[error("superseded")]
    Aborted,
}

impl ApiError {
    /// Whether the store could not be reached at all (or the request was dropped), as opposed
    /// to answering with an error: the page says "check your connection" rather than "the
    /// store failed".
    pub fn unreachable(&self) -> bool {
        matches!(self, ApiError::Unreachable | ApiError::Aborted)
    }
}

/// One stream of requests where only the newest matters — a listing as filters change, a
/// product page as the buyer moves between products. Starting a request aborts the one before
/// it, and the page going away aborts the last, so a slow, stale answer can never land over a
/// newer one.
#[derive(Clone, Copy)]
pub struct Latest(StoredValue<Option<web_sys::AbortController>, LocalStorage>);

impl Latest {
    /// Create in a component body: its in-flight request is aborted when the component is.
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        let slot = StoredValue::new_local(None::<web_sys::AbortController>);
        on_cleanup(move || {
            slot.try_update_value(|c| {
                if let Some(c) = c.take() {
                    c.abort();
                }
            });
        });
        Latest(slot)
    }

    fn next_signal(self) -> Option<web_sys::AbortSignal> {
        let next = web_sys::AbortController::new().ok();
        let signal = next.as_ref().map(|c| c.signal());
        self.0.update_value(|slot| {
            if let Some(previous) = std::mem::replace(slot, next) {
                previous.abort();
            }
        });
        signal
    }
}

/// A request body as JSON: serde writes the value into a JS object, the browser's
/// `JSON.stringify` writes the text.
pub(super) fn json_body<T: Serialize>(value: &T) -> String {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok()
        .and_then(|v| js_sys::JSON::stringify(&v).ok())
        .map(String::from)
        .unwrap_or_default()
}

thread_local! {
    /// Whether products and stores are read as drafts (a seller preview's device frame), and
    /// with which share link's token (`None` inside: the seller's own session).
    static DRAFTS: std::cell::RefCell<Option<Option<String>>> = const { std::cell::RefCell::new(None) };
}

/// From now on this page reads the draft of the store it previews, as buyers would see it once
/// published (`routes::Frame`); `token`: the share link's, if it came through one.
pub fn read_drafts(token: Option<String>) {
    DRAFTS.set(Some(token));
}

/// `buyer`'s path (what a buyer sees), or `preview`'s when reading drafts ([`read_drafts`]).
pub(super) fn or_in_preview(buyer: &str, preview: &str) -> String {
    match DRAFTS.with_borrow(Option::is_some) {
        true => preview,
        false => buyer,
    }
    .to_owned()
}

/// A path segment, percent-encoded.
pub(super) fn segment(text: &str) -> String {
    js_sys::encode_uri_component(text).into()
}

/// POSTs JSON in `latest`'s stream (aborting the request before it).
pub(super) async fn post_latest(
    path: &str,
    body: String,
    latest: Latest,
) -> Result<Response, ApiError> {
    let signal = latest.next_signal();
    Request::post(path)
        .header("Accept", "application/json")
        .header("Content-Type", "application/json")
        .abort_signal(signal.as_ref())
        .body(body)
        .map_err(|_| ApiError::Unreachable)?
        .send()
        .await
        .map_err(|e| match e {
            gloo_net::Error::JsError(js) if js.name == "AbortError" => ApiError::Aborted,
            _ => ApiError::Unreachable,
        })
}

/// Sends a GET in `latest`'s stream, aborting the request before it.
///
/// Aborting through a controller the component owns, rather than `on_cleanup` inside the
/// resource's fetcher, is deliberate: a cleanup registered there can run against the next
/// request's scope when the URL changes twice quickly (back, then forward), which aborted the
/// newer request and let the older answer land.
pub(super) async fn get_json<T: DeserializeOwned>(
    path: &str,
    query: &[(&str, &str)],
    latest: Latest,
) -> Result<T, ApiError> {
    from_js(get_js(path, query, latest).await?)
}

/// [`get_json`]'s request and answer, the same code for every type it reads.
async fn get_js(
    path: &str,
    query: &[(&str, &str)],
    latest: Latest,
) -> Result<wasm_bindgen::JsValue, ApiError> {
    let signal = latest.next_signal();
    let mut request = Request::get(path)
        .query(query.iter().copied())
        .header("Accept", "application/json");
    // A share link's preview shows its store's draft to whoever holds the link (read only:
    // the server refuses the token on a write).
    if let Some(token) = DRAFTS.with_borrow(|d| d.clone().flatten()) {
        request = request.header("X-Preview-Token", &token);
    }
    let response = request
        .abort_signal(signal.as_ref())
        .send()
        .await
        .map_err(|e| match e {
            gloo_net::Error::JsError(js) if js.name == "AbortError" => ApiError::Aborted,
            _ => ApiError::Unreachable,
        })?;
    answer_js(response).await
}

/// Reads an answer: the value it carries, or the server's refusal.
pub(super) async fn read_json<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    from_js(answer_js(response).await?)
}

async fn answer_js(response: Response) -> Result<wasm_bindgen::JsValue, ApiError> {
    if response.ok() {
        return parse_js(response).await;
    }
    Err(refusal(response).await)
}

/// An error answer: its status, and its problem document when it sent one.
pub(super) async fn refusal(response: Response) -> ApiError {
    let status = response.status();
    let problem = parse_js(response)
        .await
        .ok()
        .and_then(|v| serde_wasm_bindgen::from_value::<Problem>(v).ok());
    ApiError::Server { status, problem }
}

/// The currency the server priced the page's inlined answer in (the last part of its key):
/// its guess from the buyer's languages among the currencies it offers.
pub fn inlined_currency() -> Option<domain::Currency> {
    leptos::prelude::document()
        .get_element_by_id("page-data")?
        .get_attribute("data-key")?
        .rsplit('|')
        .next()?
        .parse()
        .ok()
}

/// How old an inlined answer may be and still be shown: a page restored from the browser's
/// cache (back, forward, a reopened tab) asks the server again.
const INLINED_FOR_MS: f64 = 60_000.0;

/// The answer the server inlined in the page for the request `key` names
/// (`<script id="page-data" data-key="…" data-at="…">`), taken once when the keys match (the
/// same resource, language and currency) and it is fresh; the request goes to the server
/// otherwise and every time after. A request with another key leaves it in place, for the one
/// it was made for (the buyer's currency may settle on the server's guess a moment later).
pub(super) fn take_inlined<T: DeserializeOwned>(key: &str) -> Option<T> {
    serde_wasm_bindgen::from_value(inlined_value(key)?).ok()
}

/// [`take_inlined`]'s work but the last step, once for every type.
fn inlined_value(key: &str) -> Option<wasm_bindgen::JsValue> {
    let document = leptos::prelude::document();
    // A page's answer (a store page has two: its store and its listing), then the rates.
    let element = ["page-data", "page-data-2", "page-data-3"]
        .into_iter()
        .find_map(|id| {
            document
                .get_element_by_id(id)
                .filter(|e| e.get_attribute("data-key").as_deref() == Some(key))
        })?;
    element.remove();
    // An integer: parsing a float would add kilobytes of the standard library to the wasm.
    let made = element.get_attribute("data-at")?.parse::<u64>().ok()?;
    // A clock a few minutes off is allowed for; beyond that the answer is not trusted.
    #[allow(clippy::cast_precision_loss)] // milliseconds since 1970 are far below 2^53
    let age = js_sys::Date::now() - made as f64;
    if !(-300_000.0..INLINED_FOR_MS).contains(&age) {
        return None;
    }
    let text = element.text_content()?;
    js_sys::JSON::parse(&text).ok()
}

/// The browser's `JSON.parse` builds the value and serde reads it from JS: a JSON parser
/// compiled into the wasm would cost ~10 KB (brotli) for work the browser already does.
// The error is the same `ApiError` every call returns; boxing it here alone would gain nothing.
#[allow(clippy::result_large_err)]
fn from_js<T: DeserializeOwned>(value: wasm_bindgen::JsValue) -> Result<T, ApiError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| ApiError::Malformed(e.to_string()))
}

pub(super) async fn parse_js(response: Response) -> Result<wasm_bindgen::JsValue, ApiError> {
    let text = response.text().await.map_err(|_| ApiError::Unreachable)?;
    js_sys::JSON::parse(&text).map_err(|_| ApiError::Malformed("not JSON".into()))
}
