//! Request building: input validation, the incident URL and the request headers.
//!
//! Pure functions with no JavaScript in them, so plain `cargo test` covers every rule. Every refusal is an
//! [`Error::InvalidArgument`] naming the field at fault (`baseUrl`, `workspaceId`, `source`, `incidentId`, `auth`)
//! and is raised before anything is sent. Reasons never repeat what the caller passed, so a secret pasted into the
//! wrong field cannot leak through an error message.
//!
//! ```
//! use contraforce_incident::request::{incident_url, parse_base_url, IncidentRequest};
//!
//! let base = parse_base_url("https://portal.contraforce.com/api/v2/").unwrap();
//! let request = IncidentRequest {
//!     workspace_id: "3F2504E0-4F89-11D3-9A0C-0305E82C3301".into(),
//!     source: "sentinel".into(),
//!     incident_id: "INC/123".into(),
//!     with_details: Some(true),
//! };
//! assert_eq!(
//!     incident_url(&base, &request).unwrap(),
//!     "https://portal.contraforce.com/api/v2/workspaces/3F2504E0-4F89-11D3-9A0C-0305E82C3301\
//!      /incidents/Sentinel/INC%2F123?withDetails=true"
//! );
//! ```

mod auth;
mod base_url;

pub use auth::Credentials;
pub use base_url::{parse_base_url, same_origin, BaseUrl};

use crate::error::Error;

/// The `Accept` header sent with every request: the incident JSON, or the API's problem details.
pub const ACCEPT: &str = "application/json, application/problem+json";

/// The name of the credential header.
pub const AUTHORIZATION: &str = "Authorization";

/// The six incident sources, in their canonical spelling (the one sent in the path).
pub const SOURCES: [&str; 6] = ["Sentinel", "DefenderXDR", "QRadar", "Splunk", "CrowdStrike", "SentinelOne"];

/// Canonicalises an incident source: any letter case in, the canonical spelling of [`SOURCES`] out.
///
/// ```
/// use contraforce_incident::request::canonical_source;
/// assert_eq!(canonical_source("defenderxdr").unwrap(), "DefenderXDR");
/// assert!(canonical_source("Defender").is_err());
/// ```
pub fn canonical_source(input: &str) -> Result<&'static str, Error> {
    SOURCES.iter().copied().find(|source| source.eq_ignore_ascii_case(input)).ok_or_else(|| {
        Error::invalid_argument("source", format!("must be one of {} (any letter case)", SOURCES.join(", ")))
    })
}

/// Checks that a workspace id is a GUID: 8-4-4-4-12 hexadecimal digits, either case, without braces.
pub fn validate_workspace_id(input: &str) -> Result<(), Error> {
    const GROUPS: [usize; 5] = [8, 4, 4, 4, 12];
    let well_formed = input.len() == 36
        && input.split('-').map(str::len).eq(GROUPS)
        && input.bytes().all(|byte| byte == b'-' || byte.is_ascii_hexdigit());
    if well_formed {
        return Ok(());
    }
    let reason = if input.is_empty() {
        "must not be empty; expected a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301"
    } else {
        "must be a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301 (8-4-4-4-12 hexadecimal digits, no braces)"
    };
    Err(Error::invalid_argument("workspaceId", reason))
}

/// Checks an incident id: not empty, no control characters (C0, DEL, C1), and not `.` or `..`, which would
/// change the path instead of naming an incident.
pub fn validate_incident_id(input: &str) -> Result<(), Error> {
    let reason = if input.is_empty() {
        "must not be empty"
    } else if input == "." || input == ".." {
        "must not be `.` or `..`"
    } else if input.chars().any(char::is_control) {
        "must not contain control characters"
    } else {
        return Ok(());
    };
    Err(Error::invalid_argument("incidentId", reason))
}

/// Percent-encodes one path segment: the unreserved characters `A-Z a-z 0-9 - . _ ~` stay, every other byte of
/// the UTF-8 form becomes `%XX` with upper-case hex. Apply it exactly once per segment.
///
/// ```
/// use contraforce_incident::request::encode_path_segment;
/// assert_eq!(encode_path_segment("INC/123"), "INC%2F123");
/// assert_eq!(encode_path_segment("é"), "%C3%A9");
/// ```
pub fn encode_path_segment(segment: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut encoded = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            encoded.push(char::from(byte));
        } else {
            encoded.push('%');
            encoded.push(char::from(HEX[usize::from(byte >> 4)]));
            encoded.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    encoded
}

/// The arguments of one *Get incident by id* call, as the caller gave them (validated by [`incident_url`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IncidentRequest {
    /// The workspace GUID.
    pub workspace_id: String,
    /// The incident source, in any letter case (see [`SOURCES`]).
    pub source: String,
    /// The incident id, sent percent-encoded.
    pub incident_id: String,
    /// `withDetails`; the query parameter is sent only when this is `Some`.
    pub with_details: Option<bool>,
}

/// Validates `request` and builds its URL:
/// `{base}/workspaces/{workspaceId}/incidents/{Source}/{incidentId}[?withDetails=true|false]`.
///
/// Fields are checked in the order `workspaceId`, `source`, `incidentId`; the first failure is returned.
pub fn incident_url(base: &BaseUrl, request: &IncidentRequest) -> Result<String, Error> {
    validate_workspace_id(&request.workspace_id)?;
    let source = canonical_source(&request.source)?;
    validate_incident_id(&request.incident_id)?;
    let mut url = format!(
        "{base}/workspaces/{}/incidents/{source}/{}",
        encode_path_segment(&request.workspace_id),
        encode_path_segment(&request.incident_id)
    );
    match request.with_details {
        Some(true) => url.push_str("?withDetails=true"),
        Some(false) => url.push_str("?withDetails=false"),
        None => {}
    }
    Ok(url)
}

/// The headers of a request: `Accept` ([`ACCEPT`]) and `Authorization` (from `credentials`).
pub fn request_headers(credentials: &Credentials) -> [(&'static str, String); 2] {
    [("Accept", ACCEPT.to_owned()), (AUTHORIZATION, credentials.authorization_header())]
}

/// Whether a `Content-Type` is JSON: `application/json`, `text/json` or any `+json` subtype (such as
/// `application/problem+json`), in any letter case and with any parameters (`; charset=utf-8`).
///
/// ```
/// use contraforce_incident::request::is_json_content_type;
/// assert!(is_json_content_type("Application/Problem+JSON; charset=utf-8"));
/// assert!(!is_json_content_type("text/html"));
/// ```
pub fn is_json_content_type(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    let Some((kind, subtype)) = essence.split_once('/') else {
        return false;
    };
    let is_token = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_graphic() && b != b'/');
    is_token(kind)
        && is_token(subtype)
        && (essence == "application/json" || essence == "text/json" || subtype.len() > 5 && subtype.ends_with("+json"))
}

/// Converts a JavaScript number option (`timeoutMs`, `maxResponseBytes`, `retry.*`) to an integer, refusing
/// `NaN`, infinities, fractions and anything outside `min..=max` with an `InvalidArgument` naming `field`.
pub fn validate_integer(field: &str, value: f64, min: u64, max: u64) -> Result<u64, Error> {
    // `min` and `max` are configuration limits far below 2^53, where every integer is an exact f64.
    if value.is_finite() && value.fract() == 0.0 && value >= min as f64 && value <= max as f64 {
        Ok(value as u64)
    } else {
        Err(Error::invalid_argument(field, format!("must be an integer from {min} to {max}")))
    }
}
