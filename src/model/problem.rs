//! Error bodies: RFC 7807 problem details, and the older `{ error, meta }` envelope.

use super::JsonValue;
use crate::decode::lenient::int32;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use tsify::Tsify;

/// RFC 7807 problem details with the API's extensions (`ApiProblemDetails`). Switch on `code`, which is stable.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase", default)]
pub struct ApiProblemDetails {
    /// Problem type URI.
    #[serde(rename = "type")]
    pub r#type: Option<String>,
    /// Short summary; may be reworded by the vendor.
    pub title: Option<String>,
    /// Status (sent as a number or a string of digits).
    #[serde(deserialize_with = "int32")]
    pub status: Option<i32>,
    /// Explanation of this occurrence.
    pub detail: Option<String>,
    /// URI of this occurrence.
    pub instance: Option<String>,
    /// The API's stable error code.
    pub code: Option<String>,
    /// The server's request id.
    pub request_id: Option<String>,
    /// Server time, as sent.
    pub timestamp: Option<String>,
    /// The parameter at fault.
    pub target: Option<String>,
    /// Field-keyed validation errors; the empty key holds object-level errors.
    #[tsify(type = "Record<string, string[]> | null")]
    pub errors: Option<BTreeMap<String, Vec<String>>>,
}

/// `error` of the older documented envelope, `{"error":{"code","message","target","details"},"meta":{"requestId"}}`
/// (read together with problem details by `decode::decode_problem`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LegacyErrorBody {
    /// The API's stable error code.
    pub code: Option<String>,
    /// Explanation.
    pub message: Option<String>,
    /// The parameter at fault.
    pub target: Option<String>,
    /// Further details, free-form.
    pub details: Option<JsonValue>,
}
