//! Translation for sellers (issue 17): the interface every translation provider implements,
//! like the payment provider's, and a client for a LibreTranslate-compatible HTTP API
//! (`STORE_TRANSLATE_URL`; LibreTranslate is the open-source, self-hostable server).
//!
//! A provider's answer is never trusted to exist: [`translated_or_original`] gives the buyer
//! the provider's text marked as machine-translated, or — with no provider, a timeout, an
//! error status or a body that is not a translation — the seller's original, marked with its
//! language. Rich text goes through the store's sanitizer whatever the provider returned.

use domain::Locale;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// How long a publication waits for the provider's translations in all (the product texts'
/// and the store's, asked for together): what has not come back by then is left out, so a slow
/// provider cannot hold a publication past the API's time limit (10 s by default). The buyers
/// of a language left out read the seller's original until the next publication asks again.
pub const PUBLICATION_BUDGET: Duration = Duration::from_secs(6);

/// How a text is sent: plain, or HTML whose tags the provider keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
}

/// Why a provider gave no translation (for the log; the buyer gets the original either way).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TranslateError {
    #[error("no translation provider is configured")]
    NotConfigured,
    #[error("the provider did not answer within {0:?}")]
    Timeout(Duration),
    #[error("the provider answered {0}")]
    Status(u16),
    #[error("the provider's answer is not a translation: {0}")]
    Malformed(String),
    #[error("the provider could not be reached: {0}")]
    Unreachable(String),
}

pub type TranslateFuture<'a> =
    Pin<Box<dyn Future<Output = Result<String, TranslateError>> + Send + 'a>>;

/// What the store needs of a translation provider.
pub trait Translator: Send + Sync + 'static {
    fn name(&self) -> &'static str;
    /// `text` in `from` as `to`.
    fn translate<'a>(
        &'a self,
        text: &'a str,
        from: Locale,
        to: Locale,
        format: Format,
    ) -> TranslateFuture<'a>;
}

/// No provider configured: every text stays the seller's original.
pub struct NoTranslator;

impl Translator for NoTranslator {
    fn name(&self) -> &'static str {
        "none"
    }

    fn translate<'a>(&'a self, _: &'a str, _: Locale, _: Locale, _: Format) -> TranslateFuture<'a> {
        Box::pin(async { Err(TranslateError::NotConfigured) })
    }
}

/// A LibreTranslate-compatible API: `POST {url}/translate` with
/// `{q, source, target, format, api_key}`, answered `{translatedText}`.
pub struct LibreTranslate {
    url: String,
    api_key: Option<String>,
    timeout: Duration,
    client: reqwest::Client,
}

impl LibreTranslate {
    /// The default time limit of one translation.
    pub const TIMEOUT: Duration = Duration::from_secs(5);

    /// A client of the API at `url` (`https://translate.example`, without `/translate`).
    pub fn new(url: &str, api_key: Option<String>, timeout: Duration) -> LibreTranslate {
        LibreTranslate {
            url: url.trim_end_matches('/').to_owned(),
            api_key: api_key.filter(|k| !k.is_empty()),
            timeout,
            client: reqwest::Client::builder()
                .timeout(timeout)
                // A translation service has no business sending the store elsewhere.
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap_or_default(),
        }
    }
}

/// The longest translation the store takes back, in bytes (a seller's text is at most a few
/// thousand characters; a provider answering more is not answering the question).
const MAX_ANSWER_BYTES: usize = 256 * 1024;

/// LibreTranslate's code for a store locale (its Chinese is `zh`, Simplified).
pub fn libre_code(locale: Locale) -> &'static str {
    match locale {
        Locale::ZhCn => "zh",
        other => other.tag(),
    }
}

impl Translator for LibreTranslate {
    fn name(&self) -> &'static str {
        "libretranslate"
    }

    fn translate<'a>(
        &'a self,
        text: &'a str,
        from: Locale,
        to: Locale,
        format: Format,
    ) -> TranslateFuture<'a> {
        Box::pin(async move {
            let mut body = serde_json::json!({
                "q": text,
                "source": libre_code(from),
                "target": libre_code(to),
                "format": match format { Format::Text => "text", Format::Html => "html" },
            });
            if let Some(key) = &self.api_key {
                body["api_key"] = serde_json::Value::String(key.clone());
            }
            let sent = self
                .client
                .post(format!("{}/translate", self.url))
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body.to_string())
                .send();
            let response = match tokio::time::timeout(self.timeout, sent).await {
                Err(_) => return Err(TranslateError::Timeout(self.timeout)),
                Ok(Err(e)) if e.is_timeout() => return Err(TranslateError::Timeout(self.timeout)),
                Ok(Err(e)) => return Err(TranslateError::Unreachable(e.to_string())),
                Ok(Ok(response)) => response,
            };
            let status = response.status();
            if !status.is_success() {
                return Err(TranslateError::Status(status.as_u16()));
            }
            let too_long = || TranslateError::Malformed(format!("over {MAX_ANSWER_BYTES} bytes"));
            if response
                .content_length()
                .is_some_and(|n| n > MAX_ANSWER_BYTES as u64)
            {
                return Err(too_long());
            }
            // Read piece by piece, and stop at the limit: a provider streaming without end
            // fills no memory.
            let mut response = response;
            let read = async {
                let mut bytes = Vec::new();
                while let Some(chunk) = response
                    .chunk()
                    .await
                    .map_err(|e| TranslateError::Unreachable(e.to_string()))?
                {
                    if bytes.len() + chunk.len() > MAX_ANSWER_BYTES {
                        return Err(too_long());
                    }
                    bytes.extend_from_slice(&chunk);
                }
                Ok(bytes)
            };
            let bytes = match tokio::time::timeout(self.timeout, read).await {
                Err(_) => return Err(TranslateError::Timeout(self.timeout)),
                Ok(result) => result?,
            };
            #[derive(serde::Deserialize)]
            struct Answer {
                #[serde(rename = "translatedText")]
                translated_text: String,
            }
            let answer: Answer = serde_json::from_slice(&bytes)
                .map_err(|e| TranslateError::Malformed(e.to_string()))?;
            if answer.translated_text.trim().is_empty() && !text.trim().is_empty() {
                return Err(TranslateError::Malformed("an empty translation".into()));
            }
            Ok(answer.translated_text)
        })
    }
}

/// The provider configured by `STORE_TRANSLATE_URL` (and `STORE_TRANSLATE_KEY`), or none.
pub fn from_lookup(lookup: &dyn Fn(&str) -> Option<String>) -> std::sync::Arc<dyn Translator> {
    match lookup("STORE_TRANSLATE_URL").filter(|u| !u.trim().is_empty()) {
        Some(url) => std::sync::Arc::new(LibreTranslate::new(
            url.trim(),
            lookup("STORE_TRANSLATE_KEY"),
            LibreTranslate::TIMEOUT,
        )),
        None => std::sync::Arc::new(NoTranslator),
    }
}

/// A text as a buyer gets it: in `language`, machine-translated or the seller's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub text: String,
    pub language: Locale,
    /// Translated by the provider: shown marked, with the original one click away.
    pub machine: bool,
}

/// `text`, written by the seller in `from`, for a buyer reading `to`: the provider's
/// translation, marked, or the original, marked with its language, when there is none.
/// HTML is sanitized whichever comes back.
pub async fn translated_or_original(
    translator: &dyn Translator,
    text: &str,
    from: Locale,
    to: Locale,
    format: Format,
) -> Rendered {
    let clean = |t: &str| match format {
        Format::Text => t.to_owned(),
        Format::Html => crate::products::sanitize::sanitize_description(t),
    };
    let original = || Rendered {
        text: clean(text),
        language: from,
        machine: false,
    };
    if from == to || text.trim().is_empty() {
        return original();
    }
    match translator.translate(text, from, to, format).await {
        Ok(translated) => Rendered {
            text: clean(&translated),
            language: to,
            machine: true,
        },
        Err(TranslateError::NotConfigured) => original(),
        Err(err) => {
            tracing::warn!(provider = translator.name(), from = from.tag(), to = to.tag(),
                error = %err, "translation failed; the original is shown");
            original()
        }
    }
}
