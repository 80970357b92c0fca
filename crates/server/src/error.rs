//! The server's one error type and its `application/problem+json` rendering.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::{FieldError, Problem};

/// Every way a request can fail. Handlers return `Result<_, AppError>`; the response is always
/// a problem document with a stable `code`, and internal details go to the log, never to the
/// client.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// One or more query or body parameters are invalid; each is named in `errors`.
    #[error("invalid parameters: {0:?}")]
    InvalidParameters(Vec<FieldError>),
    /// No API resource at this path.
    #[error("no such API resource")]
    NotFound,
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
}

impl AppError {
    pub fn invalid(field: &str, code: &str, message: impl Into<String>) -> Self {
        AppError::InvalidParameters(vec![FieldError {
            field: field.to_owned(),
            code: code.to_owned(),
            message: message.into(),
        }])
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::InvalidParameters(_) => StatusCode::BAD_REQUEST,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Timeout => StatusCode::GATEWAY_TIMEOUT,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// The problem document for this error. Texts are English for now; the catalog issue
    /// localizes `detail` by the request's locale.
    pub fn to_problem(&self) -> Problem {
        let (code, title, detail, errors) = match self {
            AppError::InvalidParameters(errors) => {
                let names: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
                (
                    "invalid_parameter",
                    "Invalid request parameters",
                    format!(
                        "Check these parameters and try again: {}.",
                        names.join(", ")
                    ),
                    errors.clone(),
                )
            }
            AppError::NotFound => (
                "not_found",
                "Not found",
                "There is no API resource at this address.".to_owned(),
                Vec::new(),
            ),
            AppError::MethodNotAllowed => (
                "method_not_allowed",
                "Method not allowed",
                "This API resource does not support that HTTP method.".to_owned(),
                Vec::new(),
            ),
            AppError::Internal(_) => (
                "internal_error",
                "Something went wrong",
                "The store could not complete the request. Please try again shortly.".to_owned(),
                Vec::new(),
            ),
            AppError::Timeout => (
                "timeout",
                "Request timed out",
                "The store took too long to answer. Please try again.".to_owned(),
                Vec::new(),
            ),
            AppError::Unavailable(_) => (
                "unavailable",
                "Service unavailable",
                "The store is temporarily unavailable. Please try again shortly.".to_owned(),
                Vec::new(),
            ),
        };
        Problem {
            type_uri: "about:blank".to_owned(),
            title: title.to_owned(),
            status: self.status().as_u16(),
            code: code.to_owned(),
            detail,
            errors,
        }
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
        match &self {
            AppError::Internal(message) | AppError::Unavailable(message) => {
                tracing::error!(error = %message, "request failed");
            }
            _ => {}
        }
        let problem = self.to_problem();
        let body = serde_json::to_vec(&problem).unwrap_or_default();
        (
            self.status(),
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static(Problem::CONTENT_TYPE),
            )],
            body,
        )
            .into_response()
    }
}
