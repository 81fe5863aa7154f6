//! Lenient JSON → model decoding, with errors that say where (a JSON path) and why.
//!
//! The happy path is plain `serde_json` into the typed model, with no bookkeeping. Only when that fails is the
//! body scanned up to the error's position to find the JSON path of the bad value (`path`): failures are rare,
//! so they pay for the path, not every successful call.

mod ascii;
mod budget;
mod fast;
pub mod lenient;
mod path;
mod problem;
mod schema;

pub use problem::decode_problem;

use crate::error::DecodeError;
use crate::model::IncidentResponse;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Decodes a success body of **Get incident by id** (`{ data, meta }`).
///
/// Accepts a leading UTF-8 byte-order mark, as `response.json()` does. Fails with the JSON path of the first value
/// that does not fit the contract, what was expected there and what was found.
///
/// ```
/// let body = br#"{"data":{"incident":{"number":"42","severity":"Critical","user":null}}}"#;
/// let response = contraforce_incident::decode_incident_response(body).unwrap();
/// let incident = response.data.incident.unwrap();
/// assert_eq!(incident.number, Some(42));
/// assert_eq!(incident.severity.unwrap().as_str(), "Critical");
/// assert!(incident.entities.is_empty());
/// ```
pub fn decode_incident_response(bytes: &[u8]) -> Result<IncidentResponse, DecodeError> {
    decode(bytes)
}

/// Decodes `bytes` as `T`, reporting the path of the first failure.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, DecodeError> {
    let bytes = strip_bom(bytes);
    budget::check(bytes)?;
    decode_checked(bytes)
}

/// Decodes a success body of **Get incident by id** straight to the JSON text of what
/// [`decode_incident_response`] gives, serialized (`null` for absent values, `[]` for absent arrays, numbers for
/// `[integer, string]` fields, unknown fields dropped), all ASCII: non-ASCII characters as `\uXXXX` escapes.
///
/// Same rules and same errors as [`decode_incident_response`]; made for a JavaScript host, where one `JSON.parse`
/// of this text builds the result faster than converting typed values one property at a time. One difference: the
/// memory budget of typed decoding (a body over 512 KiB whose typed form could exceed 512 MiB is refused) applies
/// only where this falls back to typed decoding; the one-pass transcoder's memory is bounded by construction (a
/// window of the body and a piece of the text), so a large table of tiny values that the typed decoder refuses is
/// decoded here.
///
/// ```
/// let body = r#"{"data":{"incident":{"number":"42","title":"Zugriff verweigert für büro"}}}"#;
/// let text = contraforce_incident::decode::decode_incident_response_json(body.as_bytes()).unwrap();
/// assert!(text.is_ascii());
/// assert!(text.contains(r#""number":42"#) && text.contains(r#""title":"Zugriff verweigert f\u00fcr b\u00fcro""#));
/// assert!(text.contains(r#""meta":null"#) && text.contains(r#""entities":[]"#));
/// ```
pub fn decode_incident_response_json(bytes: &[u8]) -> Result<String, DecodeError> {
    let mut text = String::new();
    decode_incident_response_json_to(bytes, &mut text)?;
    Ok(text)
}

/// Receives the JSON text of [`decode_incident_response_json_to`] in pieces.
pub trait JsonSink {
    /// The next piece of the text (ASCII; pieces split anywhere, so only the whole is JSON).
    fn write(&mut self, piece: &str);
    /// What was written so far is void: the text starts again.
    fn restart(&mut self);
}

impl JsonSink for String {
    fn write(&mut self, piece: &str) {
        self.push_str(piece);
    }

    fn restart(&mut self) {
        self.clear();
    }
}

/// [`decode_incident_response_json`], written to `sink` in pieces of about 1 MiB: the text of a large body is
/// never held whole here (the host joins the pieces). On `Err`, what was written is void.
pub fn decode_incident_response_json_to(bytes: &[u8], sink: &mut impl JsonSink) -> Result<(), DecodeError> {
    decode_incident_response_json_from(&SliceBody(bytes), sink)
}

/// Where [`decode_incident_response_json_from`] reads a body from, a window at a time: so a host can decode a
/// body it holds (a JavaScript `Uint8Array`) without copying all of it into wasm memory.
pub trait BodySource {
    /// The body's length in bytes.
    fn len(&self) -> usize;
    /// Whether the body has no bytes.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Copies the bytes from `offset` into `into`, as many as fit or remain; returns how many (0 at the end).
    fn read_at(&self, offset: usize, into: &mut [u8]) -> usize;
    /// The whole body, if it is in memory already (saves a copy when the serde decoder needs it).
    fn as_slice(&self) -> Option<&[u8]> {
        None
    }
}

/// A body in memory.
pub struct SliceBody<'a>(pub &'a [u8]);

impl BodySource for SliceBody<'_> {
    fn len(&self) -> usize {
        self.0.len()
    }

    fn read_at(&self, offset: usize, into: &mut [u8]) -> usize {
        let rest = self.0.get(offset..).unwrap_or_default();
        let count = rest.len().min(into.len());
        into[..count].copy_from_slice(&rest[..count]);
        count
    }

    fn as_slice(&self) -> Option<&[u8]> {
        Some(self.0)
    }
}

/// [`decode_incident_response_json_to`] reading the body from `body`, 64 KiB at a time: wasm memory holds that
/// window and a piece of text, not the body (unless the serde decoder has to take over, which needs all of it).
pub fn decode_incident_response_json_from(body: &dyn BodySource, sink: &mut impl JsonSink) -> Result<(), DecodeError> {
    let mut out = Vec::with_capacity(body.len().min(fast::PIECE_BYTES) * 9 / 8 + 256);
    let mut wrote = false;
    let mut flush = |piece: &[u8]| {
        sink.write(ascii(piece));
        wrote = true;
    };
    if fast::transcode_response(body, fast::WINDOW_BYTES, &mut out, &mut flush).is_ok() {
        sink.write(ascii(&out));
        return Ok(());
    }
    drop(out);
    if wrote {
        sink.restart();
    }
    decode_typed_to(body, sink)
}

/// Refused by the fast path: the serde decoder gives the error, or the value of an odd but valid body.
/// Never inlined: a runtime that compiles functions on first call (V8) then compiles this only when it runs.
#[cold]
#[inline(never)]
fn decode_typed_to(body: &dyn BodySource, sink: &mut impl JsonSink) -> Result<(), DecodeError> {
    let copy;
    let bytes = match body.as_slice() {
        Some(bytes) => bytes,
        None => {
            copy = {
                let mut all = vec![0; body.len()];
                let count = body.read_at(0, &mut all);
                all.truncate(count);
                all
            };
            &copy
        }
    };
    let bytes = strip_bom(bytes);
    budget::check(bytes)?;
    let response: IncidentResponse = decode_checked(bytes)?;
    // In pieces too: a body of empty objects becomes many times its size as text.
    let mut writer = ascii::PieceWriter::new(sink, fast::PIECE_BYTES);
    let mut serializer = serde_json::Serializer::with_formatter(&mut writer, ascii::AsciiFormatter);
    response.serialize(&mut serializer).expect("the model serializes to JSON");
    writer.finish();
    Ok(())
}

/// The fast path's output as text.
fn ascii(piece: &[u8]) -> &str {
    debug_assert!(piece.is_ascii());
    // SAFETY: the fast path writes ASCII only (escapes for everything else), so any piece of it is UTF-8;
    // tests/fuzz.rs checks every output.
    unsafe { std::str::from_utf8_unchecked(piece) }
}

/// The fast path alone: `None` where it leaves the body to the serde decoder. For tests and the benchmark.
#[doc(hidden)]
pub fn fast_path_only(bytes: &[u8]) -> Option<String> {
    fast_path_only_in_windows_of(bytes, fast::WINDOW_BYTES)
}

/// [`fast_path_only`] reading the body `window_bytes` at a time (at least 320): for tests of window boundaries.
#[doc(hidden)]
pub fn fast_path_only_in_windows_of(bytes: &[u8], window_bytes: usize) -> Option<String> {
    let (mut out, mut text) = (Vec::new(), Vec::new());
    let mut flush = |piece: &[u8]| text.extend_from_slice(piece);
    fast::transcode_response(&SliceBody(bytes), window_bytes, &mut out, &mut flush).ok()?;
    text.extend_from_slice(&out);
    Some(String::from_utf8(text).expect("the output is ASCII"))
}

fn decode_checked<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, DecodeError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    lenient::required_object(&mut deserializer)
        .and_then(|value| deserializer.end().map(|()| value))
        .map_err(|error| describe(bytes, &error))
}

/// A UTF-8 byte-order mark, accepted at the very start of a body as `response.json()` does.
const BOM: &[u8] = b"\xEF\xBB\xBF";

fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(BOM).unwrap_or(bytes)
}

fn describe(bytes: &[u8], error: &serde_json::Error) -> DecodeError {
    let message = strip_position(&error.to_string());
    let missing = missing_field(&message);
    let (expected, found) = expected_and_found(error, message.clone(), missing.is_some());
    let offset = path::offset_of(bytes, error.line(), error.column());
    let located = path::locate(bytes, offset);
    let path = match missing {
        Some(field) if located.container.is_empty() => field.to_owned(),
        Some(field) => format!("{}.{field}", located.container),
        None => located.value,
    };
    let (line, column) = match error.classify() {
        // serde_json points past a value it consumed, or before one it only peeked at: point at the value itself.
        serde_json::error::Category::Data => {
            let next = offset + bytes[offset..].iter().take_while(|byte| byte.is_ascii_whitespace()).count();
            let peeked = bytes.get(next).is_some_and(|byte| b"[{\"-0123456789tfn".contains(byte));
            let at = match (missing, located.last_token_start) {
                // The closing brace of the object that lacks the field (consumed or not).
                (Some(_), _) if bytes.get(next) != Some(&b'}') => offset.saturating_sub(1),
                (None, Some(start)) if !peeked => start,
                _ => next,
            };
            path::line_and_column(bytes, at)
        }
        _ => (error.line(), error.column().max(1)),
    };
    DecodeError { path, expected, found, line, column }
}

/// Splits serde's `invalid type: X, expected Y` family into plain words a user can act on.
fn expected_and_found(error: &serde_json::Error, message: String, missing: bool) -> (String, String) {
    use serde_json::error::Category;
    if let Some(rest) = message.strip_prefix("invalid type: ").or_else(|| message.strip_prefix("invalid value: ")) {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return (friendly_expected(expected), friendly_found(found));
        }
    }
    if missing {
        return ("a value".to_owned(), "nothing (the field is missing)".to_owned());
    }
    match error.classify() {
        Category::Syntax => ("valid JSON".to_owned(), message),
        Category::Eof => ("valid JSON".to_owned(), "the end of the body".to_owned()),
        Category::Io | Category::Data => ("a value matching the contract".to_owned(), message),
    }
}

/// The field named by serde's `missing field `x`` message.
fn missing_field(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.split_once('`').map(|(field, _)| field)
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

fn friendly_expected(expected: &str) -> String {
    if let Some(name) = expected.strip_prefix("struct ") {
        return format!("an object ({name})");
    }
    match expected {
        "a sequence" => "an array".to_owned(),
        "a boolean" => "a boolean (true or false)".to_owned(),
        other => other.to_owned(),
    }
}

fn friendly_found(found: &str) -> String {
    match found {
        "unit value" => "null".to_owned(),
        "map" => "an object".to_owned(),
        "sequence" => "an array".to_owned(),
        other => other.replace("floating point", "number").replace("integer", "number"),
    }
}
