//! The API's errors as HTTP responses: a status and a JSON body
//! `{"error": "...", "parameter": "..."}` that names what to fix.
//!
//! Every failure a request can meet ends here, so a client always gets JSON
//! it can show, and nothing a user types can make the server panic.

use crate::error::Error;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// An error answered to one request.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    /// The query parameter (or path part) at fault, if one is.
    pub parameter: Option<String>,
    /// For query syntax errors: the 1-based column in `q`.
    pub column: Option<usize>,
}

impl ApiError {
    /// A bad value for `parameter` (HTTP 400).
    pub fn bad_parameter(parameter: impl Into<String>, message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
            parameter: Some(parameter.into()),
            column: None,
        }
    }

    /// A request for something the index does not hold (HTTP 404).
    pub fn not_found(parameter: &str, message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
            parameter: Some(parameter.to_string()),
            column: None,
        }
    }

    /// The server is too busy to answer now (HTTP 503).
    pub fn busy(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            message: message.into(),
            parameter: None,
            column: None,
        }
    }

    /// A failure on the server's side (HTTP 500).
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: message.into(),
            parameter: None,
            column: None,
        }
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> ApiError {
        match e {
            Error::QuerySyntax {
                column, message, ..
            } => ApiError {
                column: Some(column),
                ..ApiError::bad_parameter(
                    "q",
                    format!("query syntax error at column {column}: {message}"),
                )
            },
            Error::BadDate { flag, value } => {
                let parameter = if flag.contains("until") {
                    "until"
                } else {
                    "since"
                };
                ApiError::bad_parameter(
                    parameter,
                    format!("{parameter} {value:?} is not a date; use YYYY-MM-DD, YYYY-MM or YYYY"),
                )
            }
            Error::BadFilter { flag, message } => {
                let parameter = flag.trim_start_matches('-');
                ApiError::bad_parameter(parameter, message.replace(flag, parameter))
            }
            other => ApiError::internal(other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = json!({ "error": self.message });
        if let Some(parameter) = self.parameter {
            body["parameter"] = parameter.into();
        }
        if let Some(column) = self.column {
            body["column"] = column.into();
        }
        let mut response = (self.status, Json(body)).into_response();
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from_static("1"),
            );
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_syntax_error_names_q_and_the_column() {
        let e: ApiError = Error::query_syntax("peace \"talks", 6, "never closed").into();
        assert_eq!(e.status, StatusCode::BAD_REQUEST);
        assert_eq!(e.parameter.as_deref(), Some("q"));
        assert_eq!(e.column, Some(7));
        assert!(e.message.contains("column 7"), "{}", e.message);
    }

    #[test]
    fn other_library_errors_are_internal() {
        let e: ApiError = Error::IndexMissing {
            path: "/nowhere".into(),
        }
        .into();
        assert_eq!(e.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(e.parameter, None);
    }
}
