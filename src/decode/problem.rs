//! Decoding error bodies: RFC 7807 problem details, or the older `{ error, meta }` envelope.

use crate::model::{ApiProblemDetails, LegacyErrorEnvelope};
use std::collections::BTreeMap;

/// The fields of an error body, whichever of the two documented shapes it had.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Problem {
    /// The API's stable error code.
    pub code: Option<String>,
    /// Short summary.
    pub title: Option<String>,
    /// Explanation (`detail`, or the old envelope's `message`).
    pub detail: Option<String>,
    /// The server's request id.
    pub request_id: Option<String>,
    /// The parameter at fault.
    pub target: Option<String>,
    /// Problem `instance`.
    pub instance: Option<String>,
    /// Problem `timestamp`, as sent.
    pub timestamp: Option<String>,
    /// Problem `type`.
    pub problem_type: Option<String>,
    /// The status the body claims (the status line wins).
    pub status: Option<i32>,
    /// Field-keyed errors; the empty key holds object-level errors.
    pub errors: Option<BTreeMap<String, Vec<String>>>,
}

/// Reads an error body. `None` when it is neither documented shape (the caller then shows a snippet).
pub fn decode_problem(bytes: &[u8]) -> Option<Problem> {
    let value: serde_json::Value = super::decode(bytes).ok()?;
    let object = value.as_object()?;
    if object.get("error").is_some_and(serde_json::Value::is_object) {
        let legacy: LegacyErrorEnvelope = serde_json::from_value(value).ok()?;
        let error = legacy.error.unwrap_or_default();
        return Some(Problem {
            code: error.code,
            detail: error.message,
            target: error.target,
            request_id: legacy.meta.and_then(|meta| meta.request_id),
            ..Problem::default()
        });
    }
    let problem: ApiProblemDetails = serde_json::from_value(value).ok()?;
    let has_any = problem.code.is_some() || problem.title.is_some() || problem.detail.is_some();
    has_any.then_some(Problem {
        code: problem.code,
        title: problem.title,
        detail: problem.detail,
        request_id: problem.request_id,
        target: problem.target,
        instance: problem.instance,
        timestamp: problem.timestamp,
        problem_type: problem.r#type,
        status: problem.status,
        errors: problem.errors,
    })
}
