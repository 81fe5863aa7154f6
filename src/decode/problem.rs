//! Decoding error bodies: RFC 7807 problem details, or the older `{ error, meta }` envelope.
//!
//! Both shapes are read in one pass into one struct (their member names do not clash), straight from the bytes:
//! no intermediate `serde_json::Value`, and no second set of deserializers in the `.wasm`.

use super::lenient::object;
use crate::error::HttpError;
use crate::model::{LegacyErrorBody, ResponseMeta};
use serde::Deserialize;
use std::collections::BTreeMap;

/// `ApiProblemDetails` and the older `{ error, meta }` envelope in one (their member names do not clash).
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct AnyErrorBody {
    #[serde(rename = "type")]
    problem_type: Option<String>,
    title: Option<String>,
    detail: Option<String>,
    instance: Option<String>,
    code: Option<String>,
    request_id: Option<String>,
    timestamp: Option<String>,
    target: Option<String>,
    errors: Option<BTreeMap<String, Vec<String>>>,
    #[serde(deserialize_with = "object")]
    error: Option<LegacyErrorBody>,
    #[serde(deserialize_with = "object")]
    meta: Option<ResponseMeta>,
}

/// Reads an error body into the fields of an [`HttpError`] with `status` (the status line's, which wins over the
/// body's). `None` when it is neither documented shape: the caller then shows a snippet of it instead.
pub fn decode_problem(status: u16, bytes: &[u8]) -> Option<HttpError> {
    let body: AnyErrorBody = super::decode(bytes).ok()?;
    if let Some(error) = body.error {
        return Some(HttpError {
            status,
            code: error.code,
            detail: error.message,
            target: error.target,
            request_id: body.meta.and_then(|meta| meta.request_id),
            ..HttpError::default()
        });
    }
    // Any problem member makes it a problem document: a bare `requestId` is still worth quoting to support.
    let has_any =
        [&body.code, &body.title, &body.detail, &body.request_id, &body.problem_type, &body.instance, &body.target]
            .iter()
            .any(|field| field.is_some())
            || body.errors.is_some();
    has_any.then_some(HttpError {
        status,
        code: body.code,
        title: body.title,
        detail: body.detail,
        request_id: body.request_id,
        target: body.target,
        instance: body.instance,
        timestamp: body.timestamp,
        problem_type: body.problem_type,
        errors: body.errors,
        ..HttpError::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_details_with_object_level_errors() {
        let body = include_bytes!("../../tests/fixtures/problem_400_validation.json");
        let problem = decode_problem(400, body).unwrap();
        assert_eq!(problem.code.as_deref(), Some("VALIDATION_ERROR"));
        assert_eq!(problem.status, 400, "the status line's");
        let errors = problem.errors.unwrap();
        assert_eq!(errors[""], ["Object-level error"]);
        assert_eq!(errors["withDetails"], ["The value 'yes' is not valid."]);
    }

    #[test]
    fn legacy_envelope_gives_the_same_fields() {
        let body = include_bytes!("../../tests/fixtures/error_envelope_legacy_404.json");
        let problem = decode_problem(400, body).unwrap();
        assert_eq!(problem.code.as_deref(), Some("NOT_FOUND"));
        assert_eq!(problem.target.as_deref(), Some("incidentId"));
        assert_eq!(problem.request_id.as_deref(), Some("r1"));
        assert!(problem.detail.is_some());
    }

    #[test]
    fn a_problem_with_only_a_request_id_keeps_it() {
        let body = br#"{"type":"https://example/errors/x","status":404,"requestId":"req-123","instance":"/x"}"#;
        let problem = decode_problem(400, body).unwrap();
        assert_eq!(problem.request_id.as_deref(), Some("req-123"));
        assert_eq!(problem.problem_type.as_deref(), Some("https://example/errors/x"));
        assert_eq!(problem.instance.as_deref(), Some("/x"));
        let message = crate::Error::Http(Box::new(problem)).to_string();
        assert_eq!(message, "HTTP 400 [requestId req-123]", "no talk of a body that was a problem document");
    }

    #[test]
    fn a_body_that_is_no_problem_is_shown_as_a_snippet() {
        let error = HttpError {
            status: 502,
            content_type: Some("text/html".into()),
            snippet: Some("<!DOCTYPE html>".into()),
            retry_after_ms: Some(1000),
            attempts: 2,
            ..HttpError::default()
        };
        assert_eq!(
            crate::Error::Http(Box::new(error)).to_string(),
            "HTTP 502 with content type text/html, body: \"<!DOCTYPE html>\"; Retry-After asked for 1000 ms after 2 attempts"
        );
        let empty = HttpError { status: 404, snippet: Some(String::new()), ..HttpError::default() };
        assert_eq!(
            crate::Error::Http(Box::new(empty)).to_string(),
            "HTTP 404 without a content type and an empty body"
        );
    }

    #[test]
    fn other_bodies_are_not_problems() {
        for body in [&b"<html>"[..], b"{}", b"[]", b"{\"status\":\"x\"}", b"{\"title\":null,\"code\":null}", b""] {
            assert_eq!(decode_problem(400, body), None, "{:?}", String::from_utf8_lossy(body));
        }
    }
}
