//! The one error type of the crate.
//!
//! Every failure — a bad argument, a network fault, an HTTP error from the API, a body that does not decode —
//! is an [`Error`]. Its [`Error::code`] is stable (it becomes `kind` on the JavaScript side); the message is for
//! people. No variant ever holds a credential: the request module keeps them out, and tests check it.

use std::fmt;

/// A failure of a ContraForce call, with a stable [`code`](Error::code).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// An argument was refused before anything was sent.
    InvalidArgument {
        /// The option or parameter at fault, e.g. `workspaceId`.
        field: String,
        /// Why it was refused.
        reason: String,
    },
    /// The request did not get a response (DNS, TCP, TLS, CORS, connection reset, redirect refused).
    Network {
        /// What happened.
        message: String,
        /// A hint on what to check, when one is known.
        hint: Option<String>,
        /// How many attempts were made.
        attempts: u32,
    },
    /// An attempt took longer than the configured timeout.
    Timeout {
        /// The per-attempt timeout in milliseconds.
        timeout_ms: u32,
        /// How many attempts were made.
        attempts: u32,
    },
    /// The caller's `AbortSignal` fired.
    Aborted {
        /// How many attempts were made.
        attempts: u32,
    },
    /// The API answered with a non-2xx status (or a 2xx that is not a usable incident body).
    Http(Box<HttpError>),
    /// The body is not a valid incident response.
    Decode(DecodeError),
    /// The body exceeded `maxResponseBytes`.
    TooLarge {
        /// The configured limit in bytes.
        limit: u64,
        /// How many attempts were made.
        attempts: u32,
    },
}

/// An HTTP error response, with the API's problem details when the body had them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HttpError {
    /// The status from the status line.
    pub status: u16,
    /// The API's stable error code (`NOT_FOUND`, `VALIDATION_ERROR`, ...).
    pub code: Option<String>,
    /// Problem `title`.
    pub title: Option<String>,
    /// Problem `detail` (or the old envelope's `message`).
    pub detail: Option<String>,
    /// The server's request id, to quote to the vendor's support.
    pub request_id: Option<String>,
    /// The parameter the error is about.
    pub target: Option<String>,
    /// Problem `instance`.
    pub instance: Option<String>,
    /// Problem `timestamp`, as sent.
    pub timestamp: Option<String>,
    /// Problem `type`.
    pub problem_type: Option<String>,
    /// Field-keyed validation errors; the empty key holds object-level errors.
    pub errors: Option<std::collections::BTreeMap<String, Vec<String>>>,
    /// The response's `Content-Type`.
    pub content_type: Option<String>,
    /// The start of a body that was not a problem document (at most 200 characters).
    pub snippet: Option<String>,
    /// How long the server asked us to wait (`Retry-After`), in milliseconds.
    pub retry_after_ms: Option<u64>,
    /// How many attempts were made.
    pub attempts: u32,
}

/// A body that is not a valid incident response: where, what was expected, what was found.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodeError {
    /// JSON path of the offending value, e.g. `data.incident.entities[2].type`; empty for the whole body.
    pub path: String,
    /// What the contract expects there.
    pub expected: String,
    /// What the body holds there.
    pub found: String,
    /// 1-based line of the error in the body.
    pub line: usize,
    /// 1-based column of the error in the body.
    pub column: usize,
}

impl Error {
    /// The stable machine code, also the JavaScript `kind`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidArgument { .. } => "InvalidArgument",
            Error::Network { .. } => "Network",
            Error::Timeout { .. } => "Timeout",
            Error::Aborted { .. } => "Aborted",
            Error::Http(_) => "Http",
            Error::Decode(_) => "Decode",
            Error::TooLarge { .. } => "TooLarge",
        }
    }

    /// The HTTP status, for `Http` errors.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Http(http) => Some(http.status),
            _ => None,
        }
    }

    /// Whether another attempt may succeed: network faults, timeouts and 408/429/500/502/503/504.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Network { .. } | Error::Timeout { .. } => true,
            Error::Http(http) => matches!(http.status, 408 | 429 | 500 | 502 | 503 | 504),
            _ => false,
        }
    }

    /// Shorthand for an [`Error::InvalidArgument`].
    pub fn invalid_argument(field: &str, reason: impl Into<String>) -> Self {
        Error::InvalidArgument { field: field.to_owned(), reason: reason.into() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidArgument { field, reason } => write!(f, "invalid argument `{field}`: {reason}"),
            Error::Network { message, hint, attempts } => {
                write!(f, "network error: {message}")?;
                if let Some(hint) = hint {
                    write!(f, " ({hint})")?;
                }
                write!(f, "{}", after_attempts(*attempts))
            }
            Error::Timeout { timeout_ms, attempts } => write!(
                f,
                "timed out: no complete response within {timeout_ms} ms{}; check the base URL and the network, or raise timeoutMs",
                after_attempts(*attempts)
            ),
            Error::Aborted { .. } => write!(f, "aborted by the caller's signal"),
            Error::Http(http) => fmt::Display::fmt(http, f),
            Error::Decode(decode) => fmt::Display::fmt(decode, f),
            Error::TooLarge { limit, .. } => write!(
                f,
                "response body larger than maxResponseBytes ({limit} bytes); reading stopped at the limit"
            ),
        }
    }
}

fn after_attempts(attempts: u32) -> String {
    if attempts > 1 {
        format!(" after {attempts} attempts")
    } else {
        String::new()
    }
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        if let Some(code) = &self.code {
            write!(f, " {code}")?;
        }
        match (&self.title, &self.detail) {
            (Some(title), Some(detail)) if title != detail => write!(f, ": {title}: {detail}")?,
            (_, Some(text)) | (Some(text), None) => write!(f, ": {text}")?,
            (None, None) => {}
        }
        if let Some(target) = &self.target {
            write!(f, " (target: {target})")?;
        }
        if let Some(errors) = &self.errors {
            for (key, messages) in errors {
                let key = if key.is_empty() { "(object)" } else { key };
                write!(f, "; {key}: {}", messages.join(" "))?;
            }
        }
        // A snippet is kept exactly when the body was no problem document: then the body is all there is to show.
        if let Some(snippet) = &self.snippet {
            match &self.content_type {
                Some(content_type) => write!(f, " with content type {content_type}")?,
                None => write!(f, " without a content type")?,
            }
            match snippet.is_empty() {
                false => write!(f, ", body: {snippet:?}")?,
                true => write!(f, " and an empty body")?,
            }
        }
        if let Some(request_id) = &self.request_id {
            write!(f, " [requestId {request_id}]")?;
        }
        if let Some(ms) = self.retry_after_ms {
            write!(f, "; Retry-After asked for {ms} ms")?;
        }
        write!(f, "{}", after_attempts(self.attempts))
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.path.is_empty() { "the body".to_owned() } else { format!("`{}`", self.path) };
        write!(
            f,
            "cannot decode the response at {at}: expected {}, found {} (line {}, column {})",
            self.expected, self.found, self.line, self.column
        )
    }
}

impl std::error::Error for Error {}
impl std::error::Error for DecodeError {}

impl From<DecodeError> for Error {
    fn from(error: DecodeError) -> Self {
        Error::Decode(error)
    }
}
