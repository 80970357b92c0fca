//! The server's one error type and its `application/problem+json` rendering.
//!
//! Handlers return `AppError`; its `IntoResponse` renders an English problem and keeps the
//! error in the response's extensions. The [`localize_problems`] middleware, which knows the
//! request, then re-renders `detail` and field messages in the request's locale (the `locale`
//! query parameter, else `Accept-Language`, else English) and says which it used in
//! `Content-Language`.

use crate::http::messages::{fill, texts};
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::{FieldError, Locale, Problem};

/// Every way a request can fail. The response is always a problem document with a stable
/// `code`; internal details go to the log, never to the client.
#[derive(Debug, Clone, thiserror::Error)]
pub enum AppError {
    /// One or more query or body parameters are invalid; each is named in `errors`.
    #[error("invalid parameters: {0:?}")]
    InvalidParameters(Vec<InvalidField>),
    /// No API resource at this path.
    #[error("no such API resource")]
    NotFound,
    /// No product with this slug.
    #[error("no such product")]
    ProductNotFound,
    /// No exchange-rate quote with this id.
    #[error("no such exchange-rate quote")]
    FxQuoteNotFound,
    /// The exchange-rate quote's lock has ended.
    #[error("exchange-rate quote expired")]
    FxQuoteExpired,
    /// No cart with this token.
    #[error("no such cart")]
    CartNotFound,
    /// No shipping quote with this id.
    #[error("no such shipping quote")]
    ShippingQuoteNotFound,
    /// The shipping quote's time is up.
    #[error("shipping quote expired")]
    ShippingQuoteExpired,
    /// The cart or destination changed since the quote.
    #[error("quote altered")]
    QuoteAltered,
    /// No order with this number that the request may read.
    #[error("no such order")]
    OrderNotFound,
    /// A price changed since the shipping quote the order was placed on.
    #[error("prices changed")]
    PricesChanged,
    /// The charge differs from what the buyer accepted; the new totals go with the problem.
    #[error("order total changed")]
    OrderTotalChanged(Box<domain::shipping::ShippingTotals>),
    /// The payment provider declined (`card_declined`, `insufficient_funds`, `invalid_token`).
    #[error("payment declined: {0}")]
    PaymentDeclined(&'static str),
    /// An `Idempotency-Key` reused with a different request.
    #[error("idempotency key reused")]
    IdempotencyConflict,
    /// Too many failed lookups of one order number; retry after this many seconds.
    #[error("too many attempts; retry after {0} s")]
    TooManyAttempts(u64),
    /// Too many requests from one client; retry after this many seconds.
    #[error("rate limited; retry after {0} s")]
    RateLimited(u64),
    /// The client already has as many order attempts holding stock as it may.
    #[error("too many stock holds")]
    TooManyHolds,
    /// The cart was ordered (or is being ordered) under another `Idempotency-Key`.
    #[error("cart already ordered")]
    CartAlreadyOrdered,
    /// Asked for more units than are in stock; each short line is named.
    #[error("insufficient stock: {0:?}")]
    InsufficientStock(Vec<InvalidField>),
    /// The body is larger than the endpoint accepts.
    #[error("body over {0} bytes")]
    PayloadTooLarge(usize),
    /// The path exists but not for this method.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// The database or another dependency failed; the message is logged, not sent.
    #[error("internal error: {0}")]
    Internal(String),
    /// The request took longer than the API's time limit.
    #[error("timed out")]
    Timeout,
    /// A dependency (the database) is not answering.
    #[error("unavailable: {0}")]
    Unavailable(String),
    /// A seller endpoint called without a valid session cookie.
    #[error("not signed in")]
    NotSignedIn,
    /// An email and password that match no seller account (the same answer for an unknown
    /// email, a wrong password and an account with no password yet).
    #[error("sign-in failed")]
    SignInFailed,
    /// A cookie-authenticated write without the session's CSRF token, or from another origin.
    #[error("CSRF check failed")]
    CsrfFailed,
    /// A set-password token that is unknown, used or expired.
    #[error("invite invalid")]
    InviteInvalid,
    /// A preview link whose signature does not hold, or that opens another store.
    #[error("preview link invalid")]
    PreviewLinkInvalid,
    /// A preview link past its expiry or withdrawn by its seller.
    #[error("preview link gone")]
    PreviewLinkGone,
}

/// One invalid parameter and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidField {
    pub field: String,
    pub reason: Reason,
}

/// The store's destinations, comma-separated: the "one of" list of every country field.
pub fn destination_list() -> &'static str {
    static LIST: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| domain::shipping::DESTINATIONS.join(", "));
    LIST.as_str()
}

/// The shipped locales' tags, comma-separated: the "one of" list of every locale field.
pub fn locale_list() -> &'static str {
    static LIST: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        Locale::ALL
            .iter()
            .map(|l| l.tag())
            .collect::<Vec<_>>()
            .join(", ")
    });
    LIST.as_str()
}

/// Why a parameter was refused; each has a stable `code` and a localized message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Not a whole number within `min..=max`.
    OutOfRange { min: u64, max: u64 },
    /// Given more than once.
    Repeated,
    /// Required by a rule the schema cannot state (the country's address format asks for the
    /// field); worded as [`Reason::Required`].
    RequiredHere,
    /// The same item named on two lines of one body (worded as [`Reason::Repeated`]; a rule
    /// of the store, where a repeated parameter breaks the schema).
    RepeatedItem,
    /// Not one of the listed values (comma-separated, as the message shows them).
    OneOf(&'static str),
    /// Longer than `max` characters.
    TooLong { max: u64 },
    /// A body that is not JSON of the expected shape.
    Unreadable,
    /// Names nothing the store sells.
    UnknownItem,
    /// More than the `available` units in stock.
    OnlyInStock { available: u32 },
    /// A value the store computes (a price, a total) that clients may not send.
    NotAccepted,
    /// A list longer than `max`.
    TooMany { max: u64 },
    /// An empty list or value where one is required.
    Empty,
    /// Not in the format the field takes (a postal code with symbols).
    Malformed,
    /// Not one of the options a quote offered.
    NotOffered,
    /// Must be filled in.
    Required,
    /// Not a postal code of the country (`example` is one that is).
    PostalFormat { example: &'static str },
    /// Not a phone number that can be dialled in the country.
    PhoneInvalid { example: &'static str },
    /// A customs identifier whose form or check digits are wrong.
    CustomsIdInvalid { example: &'static str },
    /// Not an email address.
    EmailInvalid,
    /// A quote made for another address than the one sent.
    OtherAddress,
    /// Shorter than `min` characters.
    TooShort { min: u64 },
    /// A theme colour under which white text reaches only `ratio_tenths` / 10 : 1 (WCAG AA
    /// asks 4.5 : 1).
    LowContrast { ratio_tenths: u32 },
    /// An end that is not after its start.
    NotAfterStart,
    /// An upload that is not a raster picture the store takes (PNG, JPEG, WebP).
    NotAnImage,
    /// An upload over `max_mb` megabytes.
    FileTooLarge { max_mb: u64 },
    /// A picture wider or taller than `max` pixels.
    TooManyPixels { max: u32 },
}

impl Reason {
    /// Whether this is a rule of the store that the OpenAPI document cannot express (answered
    /// 422), rather than a breach of the document's shapes, lists, ranges and lengths (400).
    pub fn is_rule(self) -> bool {
        !matches!(
            self,
            Reason::OutOfRange { .. }
                | Reason::OneOf(_)
                | Reason::TooLong { .. }
                | Reason::TooShort { .. }
                | Reason::Unreadable
                | Reason::NotAccepted
                | Reason::TooMany { .. }
                | Reason::Required
                | Reason::Repeated
        )
    }

    pub fn code(self) -> &'static str {
        match self {
            Reason::OutOfRange { .. } => "out_of_range",
            Reason::Repeated | Reason::RepeatedItem => "repeated",
            Reason::OneOf(_) => "not_allowed",
            Reason::TooLong { .. } => "too_long",
            Reason::Unreadable => "unreadable",
            Reason::UnknownItem => "unknown_item",
            Reason::OnlyInStock { .. } => "insufficient_stock",
            Reason::NotAccepted => "not_accepted",
            Reason::TooMany { .. } => "too_many",
            Reason::Empty => "empty",
            Reason::Malformed => "malformed",
            Reason::NotOffered => "not_offered",
            Reason::Required | Reason::RequiredHere => "required",
            Reason::PostalFormat { .. } => "postal_code_format",
            Reason::PhoneInvalid { .. } => "phone_invalid",
            Reason::CustomsIdInvalid { .. } => "customs_id_invalid",
            Reason::EmailInvalid => "email_invalid",
            Reason::OtherAddress => "other_address",
            Reason::TooShort { .. } => "too_short",
            Reason::LowContrast { .. } => "low_contrast",
            Reason::NotAfterStart => "not_after_start",
            Reason::NotAnImage => "not_an_image",
            Reason::FileTooLarge { .. } => "file_too_large",
            Reason::TooManyPixels { .. } => "too_many_pixels",
        }
    }
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            // 400: the request breaks the published schema (a shape, range, list or length);
            // 422: the schema allows it but a rule of the store refuses it (an unknown item,
            // a postal code not in the country's format).
            AppError::InvalidParameters(fields)
                if fields
                    .iter()
                    .any(|f| matches!(f.reason, Reason::FileTooLarge { .. })) =>
            {
                StatusCode::PAYLOAD_TOO_LARGE
            }
            AppError::InvalidParameters(fields) if fields.iter().all(|f| f.reason.is_rule()) => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            AppError::InvalidParameters(_) => StatusCode::BAD_REQUEST,
            AppError::NotFound | AppError::ProductNotFound | AppError::FxQuoteNotFound => {
                StatusCode::NOT_FOUND
            }
            AppError::FxQuoteExpired | AppError::ShippingQuoteExpired => StatusCode::GONE,
            AppError::ShippingQuoteNotFound => StatusCode::NOT_FOUND,
            AppError::QuoteAltered => StatusCode::CONFLICT,
            AppError::CartNotFound => StatusCode::NOT_FOUND,
            AppError::InsufficientStock(_) => StatusCode::CONFLICT,
            AppError::OrderNotFound => StatusCode::NOT_FOUND,
            AppError::PricesChanged | AppError::OrderTotalChanged(_) => StatusCode::CONFLICT,
            AppError::PaymentDeclined(_) => StatusCode::PAYMENT_REQUIRED,
            AppError::IdempotencyConflict => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::TooManyAttempts(_) | AppError::RateLimited(_) | AppError::TooManyHolds => {
                StatusCode::TOO_MANY_REQUESTS
            }
            AppError::CartAlreadyOrdered => StatusCode::CONFLICT,
            AppError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Timeout => StatusCode::GATEWAY_TIMEOUT,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::NotSignedIn | AppError::SignInFailed => StatusCode::UNAUTHORIZED,
            AppError::CsrfFailed => StatusCode::FORBIDDEN,
            AppError::InviteInvalid => StatusCode::GONE,
            AppError::PreviewLinkInvalid => StatusCode::FORBIDDEN,
            AppError::PreviewLinkGone => StatusCode::GONE,
        }
    }

    /// The stable, machine-readable code clients branch on.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::InvalidParameters(_) => "invalid_parameter",
            AppError::NotFound => "not_found",
            AppError::ProductNotFound => "product_not_found",
            AppError::FxQuoteNotFound => "fx_quote_not_found",
            AppError::FxQuoteExpired => "fx_quote_expired",
            AppError::CartNotFound => "cart_not_found",
            AppError::ShippingQuoteNotFound => "shipping_quote_not_found",
            AppError::ShippingQuoteExpired => "shipping_quote_expired",
            AppError::QuoteAltered => "quote_altered",
            AppError::InsufficientStock(_) => "insufficient_stock",
            AppError::OrderNotFound => "order_not_found",
            AppError::PricesChanged => "prices_changed",
            AppError::OrderTotalChanged(_) => "order_total_changed",
            AppError::PaymentDeclined(_) => "payment_declined",
            AppError::IdempotencyConflict => "idempotency_key_reused",
            AppError::TooManyAttempts(_) => "too_many_attempts",
            AppError::RateLimited(_) => "rate_limited",
            AppError::TooManyHolds => "too_many_holds",
            AppError::CartAlreadyOrdered => "cart_already_ordered",
            AppError::PayloadTooLarge(_) => "payload_too_large",
            AppError::MethodNotAllowed => "method_not_allowed",
            AppError::Internal(_) => "internal_error",
            AppError::Timeout => "timeout",
            AppError::Unavailable(_) => "unavailable",
            AppError::NotSignedIn => "not_signed_in",
            AppError::SignInFailed => "sign_in_failed",
            AppError::CsrfFailed => "csrf_failed",
            AppError::InviteInvalid => "invite_invalid",
            AppError::PreviewLinkInvalid => "preview_link_invalid",
            AppError::PreviewLinkGone => "preview_link_gone",
        }
    }

    /// The problem document for this error in `locale`. `title` stays the English reason
    /// phrase (it names the status); `detail` and field messages are localized.
    pub fn to_problem(&self, locale: Locale) -> Problem {
        let t = texts(locale);
        let (detail, errors) = match self {
            AppError::InvalidParameters(fields) | AppError::InsufficientStock(fields) => {
                let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
                let errors = fields
                    .iter()
                    .map(|f| FieldError {
                        field: f.field.clone(),
                        code: f.reason.code().to_owned(),
                        message: match f.reason {
                            Reason::OutOfRange { min, max } => fill(
                                t.out_of_range,
                                &[
                                    ("name", &f.field),
                                    ("min", &min.to_string()),
                                    ("max", &max.to_string()),
                                ],
                            ),
                            Reason::Repeated | Reason::RepeatedItem => {
                                fill(t.repeated, &[("name", &f.field)])
                            }
                            Reason::OneOf(allowed) => {
                                fill(t.one_of, &[("name", &f.field), ("allowed", allowed)])
                            }
                            Reason::TooLong { max } => {
                                fill(t.too_long, &[("name", &f.field), ("max", &max.to_string())])
                            }
                            Reason::Unreadable => fill(t.unreadable, &[("name", &f.field)]),
                            Reason::UnknownItem => fill(t.unknown_item, &[("name", &f.field)]),
                            Reason::OnlyInStock { available } => fill(
                                t.only_in_stock,
                                &[("name", &f.field), ("available", &available.to_string())],
                            ),
                            Reason::NotAccepted => fill(t.not_accepted, &[("name", &f.field)]),
                            Reason::TooMany { max } => {
                                fill(t.too_many, &[("name", &f.field), ("max", &max.to_string())])
                            }
                            Reason::Empty => fill(t.empty, &[("name", &f.field)]),
                            Reason::Malformed => fill(t.malformed, &[("name", &f.field)]),
                            Reason::NotOffered => fill(t.not_offered, &[("name", &f.field)]),
                            Reason::Required | Reason::RequiredHere => {
                                fill(t.required, &[("name", &f.field)])
                            }
                            Reason::PostalFormat { example } => {
                                fill(t.postal_format, &[("name", &f.field), ("example", example)])
                            }
                            Reason::PhoneInvalid { example } => {
                                fill(t.phone_invalid, &[("name", &f.field), ("example", example)])
                            }
                            Reason::CustomsIdInvalid { example } => fill(
                                t.customs_id_invalid,
                                &[("name", &f.field), ("example", example)],
                            ),
                            Reason::EmailInvalid => fill(t.email_invalid, &[("name", &f.field)]),
                            Reason::OtherAddress => fill(t.other_address, &[("name", &f.field)]),
                            Reason::TooShort { min } => fill(
                                t.too_short,
                                &[("name", &f.field), ("min", &min.to_string())],
                            ),
                            Reason::LowContrast { ratio_tenths } => fill(
                                t.low_contrast,
                                &[(
                                    "ratio",
                                    &format!("{}.{}", ratio_tenths / 10, ratio_tenths % 10),
                                )],
                            ),
                            Reason::NotAfterStart => fill(t.not_after_start, &[("name", &f.field)]),
                            Reason::NotAnImage => fill(t.not_an_image, &[("name", &f.field)]),
                            Reason::FileTooLarge { max_mb } => fill(
                                t.file_too_large,
                                &[("name", &f.field), ("max", &max_mb.to_string())],
                            ),
                            Reason::TooManyPixels { max } => fill(
                                t.too_many_pixels,
                                &[("name", &f.field), ("max", &max.to_string())],
                            ),
                        },
                    })
                    .collect();
                let template = if matches!(self, AppError::InsufficientStock(_)) {
                    t.insufficient_stock
                } else {
                    t.invalid_parameters
                };
                (fill(template, &[("fields", &names.join(", "))]), errors)
            }
            AppError::NotFound => (t.not_found.to_owned(), Vec::new()),
            AppError::ProductNotFound => (t.product_not_found.to_owned(), Vec::new()),
            AppError::FxQuoteNotFound => (t.fx_quote_not_found.to_owned(), Vec::new()),
            AppError::FxQuoteExpired => (t.fx_quote_expired.to_owned(), Vec::new()),
            AppError::CartNotFound => (t.cart_not_found.to_owned(), Vec::new()),
            AppError::ShippingQuoteNotFound => (t.shipping_quote_not_found.to_owned(), Vec::new()),
            AppError::ShippingQuoteExpired => (t.shipping_quote_expired.to_owned(), Vec::new()),
            AppError::QuoteAltered => (t.quote_altered.to_owned(), Vec::new()),
            AppError::OrderNotFound => (t.order_not_found.to_owned(), Vec::new()),
            AppError::PricesChanged => (t.prices_changed.to_owned(), Vec::new()),
            AppError::OrderTotalChanged(_) => (t.order_total_changed.to_owned(), Vec::new()),
            AppError::PaymentDeclined(code) => {
                let detail = match *code {
                    "insufficient_funds" => t.declined_funds,
                    "invalid_token" => t.declined_token,
                    _ => t.declined_card,
                };
                // The provider's reason, at the field the buyer fixes.
                let field = FieldError {
                    field: "payment_token".into(),
                    code: (*code).to_owned(),
                    message: detail.to_owned(),
                };
                (detail.to_owned(), vec![field])
            }
            AppError::IdempotencyConflict => (t.idempotency_conflict.to_owned(), Vec::new()),
            AppError::TooManyAttempts(seconds) => (
                fill(
                    t.too_many_attempts,
                    &[("minutes", &seconds.div_ceil(60).max(1).to_string())],
                ),
                Vec::new(),
            ),
            AppError::RateLimited(seconds) => (
                fill(t.rate_limited, &[("seconds", &seconds.to_string())]),
                Vec::new(),
            ),
            AppError::TooManyHolds => (t.too_many_holds.to_owned(), Vec::new()),
            AppError::CartAlreadyOrdered => (t.cart_already_ordered.to_owned(), Vec::new()),
            AppError::PayloadTooLarge(limit) => (
                fill(t.payload_too_large, &[("limit", &limit.to_string())]),
                Vec::new(),
            ),
            AppError::MethodNotAllowed => (t.method_not_allowed.to_owned(), Vec::new()),
            AppError::Internal(_) => (t.internal_error.to_owned(), Vec::new()),
            AppError::Timeout => (t.timeout.to_owned(), Vec::new()),
            AppError::Unavailable(_) => (t.unavailable.to_owned(), Vec::new()),
            AppError::NotSignedIn => (t.not_signed_in.to_owned(), Vec::new()),
            AppError::SignInFailed => (t.sign_in_failed.to_owned(), Vec::new()),
            AppError::CsrfFailed => (t.csrf_failed.to_owned(), Vec::new()),
            AppError::InviteInvalid => (t.invite_invalid.to_owned(), Vec::new()),
            AppError::PreviewLinkInvalid => (t.preview_link_invalid.to_owned(), Vec::new()),
            AppError::PreviewLinkGone => (t.preview_link_gone.to_owned(), Vec::new()),
        };
        let status = self.status();
        Problem {
            type_uri: "about:blank".to_owned(),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            code: self.code().to_owned(),
            detail,
            errors,
            totals: match self {
                AppError::OrderTotalChanged(totals) => Some(totals.clone()),
                _ => None,
            },
            request_id: None,
        }
    }

    fn render(&self, locale: Locale) -> Response {
        let body = serde_json::to_vec(&self.to_problem(locale)).unwrap_or_default();
        let mut response = (
            self.status(),
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(Problem::CONTENT_TYPE),
                ),
                (
                    header::CONTENT_LANGUAGE,
                    HeaderValue::from_static(locale.tag()),
                ),
            ],
            body,
        )
            .into_response();
        let retry_after = match self {
            AppError::TooManyAttempts(seconds) | AppError::RateLimited(seconds) => Some(*seconds),
            AppError::TooManyHolds => Some(HOLD_RETRY_SECONDS),
            _ => None,
        };
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response.extensions_mut().insert(self.clone());
        response
    }
}

impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        match err {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed => {
                AppError::Unavailable(err.to_string())
            }
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(message) | AppError::Unavailable(message) = &self {
            tracing::error!(error = %message, "request failed");
        }
        self.render(Locale::default())
    }
}

/// What a client holding too many order attempts is told to wait.
pub const HOLD_RETRY_SECONDS: u64 = 10;

/// A 400 naming `field` as not JSON of the expected shape.
pub fn unreadable(field: &str) -> AppError {
    AppError::InvalidParameters(vec![InvalidField {
        field: field.into(),
        reason: Reason::Unreadable,
    }])
}

/// Reads a request body of at most `limit` bytes; a larger one is a localized 413 problem
/// (axum's own limit answers in plain text).
pub async fn read_body(body: axum::body::Body, limit: usize) -> Result<Vec<u8>, AppError> {
    axum::body::to_bytes(body, limit)
        .await
        .map(|b| b.to_vec())
        .map_err(|_| AppError::PayloadTooLarge(limit))
}

/// The locale a request asks for: a valid `locale` query parameter, else `Accept-Language`,
/// else English.
pub fn request_locale(req: &Request) -> Locale {
    locale_of(req.uri().query(), req.headers())
}

/// The same choice from a raw query string and headers, for handlers that answer in the
/// request's locale (success and error responses must agree).
pub fn locale_of(query: Option<&str>, headers: &axum::http::HeaderMap) -> Locale {
    let from_query = query.and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "locale")
            .and_then(|(_, v)| Locale::from_tag(&v))
    });
    from_query
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Locale::from_accept_language)
        })
        .unwrap_or_default()
}

/// Re-renders problem responses in the request's locale.
pub async fn localize_problems(req: Request, next: Next) -> Response {
    let locale = request_locale(&req);
    let response = next.run(req).await;
    match response.extensions().get::<AppError>() {
        Some(err) if locale != Locale::default() => {
            let mut localized = err.render(locale);
            // What the layers inside chose for caching (`no-store` on private answers) stays.
            if let Some(cache) = response.headers().get(header::CACHE_CONTROL) {
                localized
                    .headers_mut()
                    .insert(header::CACHE_CONTROL, cache.clone());
            }
            localized
                .headers_mut()
                .insert(header::VARY, HeaderValue::from_static("accept-language"));
            localized
        }
        _ => response,
    }
}
