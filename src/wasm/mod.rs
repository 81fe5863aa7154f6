//! Every `#[wasm_bindgen]` export, and the conversion of Rust values to plain JavaScript values.

mod client;
mod error;
mod indicators;
mod json_text;
mod options;

pub use client::ContraForceClient;
pub use error::to_js_error;

use crate::decode::BodySource;
use crate::error::Error;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Plain JavaScript values: `null` for `None` (never `undefined`), plain objects for maps (never `Map`).
pub(crate) fn to_plain_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let serializer =
        serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true).serialize_maps_as_objects(true);
    value.serialize(&serializer).map_err(JsValue::from)
}

#[wasm_bindgen]
extern "C" {
    type Utf8Encoder;
    #[wasm_bindgen(constructor, js_class = "TextEncoder")]
    fn new() -> Utf8Encoder;
    #[wasm_bindgen(method)]
    fn encode(this: &Utf8Encoder, text: &js_sys::JsString) -> js_sys::Uint8Array;
}

thread_local! {
    static UTF8_ENCODER: Utf8Encoder = Utf8Encoder::new();
}

/// A `string | Uint8Array | ArrayBuffer` body as bytes that stay in JavaScript (a string is encoded there, as UTF-8
/// with lone surrogates as U+FFFD, which is what passing it to wasm would do too).
fn input_body(input: &JsValue, field: &str) -> Result<js_sys::Uint8Array, Error> {
    if let Some(text) = input.dyn_ref::<js_sys::JsString>() {
        return Ok(UTF8_ENCODER.with(|encoder| encoder.encode(text)));
    }
    if let Some(bytes) = crate::transport::real_uint8_array(input) {
        return Ok(bytes);
    }
    if input.is_instance_of::<js_sys::ArrayBuffer>() {
        // Read with a catch: a `Proxy` of a buffer passes `instanceof` and throws here. A detached buffer has no
        // bytes, and `new Uint8Array(detached)` would throw.
        let length = js_sys::Reflect::get(input, &"byteLength".into()).ok().and_then(|length| length.as_f64());
        return match length {
            Some(length) if length > 0.0 => Ok(js_sys::Uint8Array::new(input)),
            Some(_) => Ok(js_sys::Uint8Array::new_with_length(0)),
            None => Err(Error::invalid_argument(field, "expected a string, a Uint8Array or an ArrayBuffer")),
        };
    }
    Err(Error::invalid_argument(field, "expected a string, a Uint8Array or an ArrayBuffer"))
}

/// Bytes held by JavaScript, copied into wasm memory a window at a time as the decoder reads them.
struct JsBody(js_sys::Uint8Array);

impl BodySource for JsBody {
    fn len(&self) -> usize {
        // `byteLength` with a catch: a caller's array may override it (any bad value reads as empty).
        let length = js_sys::Reflect::get(&self.0, &"byteLength".into()).ok().and_then(|length| length.as_f64());
        length.filter(|length| length.fract() == 0.0 && *length >= 0.0 && *length <= f64::from(u32::MAX)).unwrap_or(0.0)
            as usize
    }

    fn read_at(&self, offset: usize, into: &mut [u8]) -> usize {
        let count = self.len().saturating_sub(offset).min(into.len());
        if count > 0 && !crate::transport::copy_from_js(&self.0, offset, &mut into[..count]) {
            return 0; // the array did not give its bytes: the body ends here
        }
        count
    }
}

/// Decodes a **Get incident by id** success body that you fetched yourself.
///
/// Same rules and result as `getIncident`: plain objects, `null` for absent values, `[]` for absent arrays,
/// numbers for `[integer, string]` fields, unknown enum values kept. Throws a `ContraForceError` of kind
/// `Decode` with the JSON `path` of the first bad value.
#[wasm_bindgen(js_name = decodeIncidentResponse, unchecked_return_type = "IncidentResponse")]
pub fn decode_incident_response(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let body = input_body(&input, "input").map_err(|error| to_js_error(&error))?;
    decode_to_js(&JsBody(body)).map_err(|error| to_js_error(&error.into()))?
}

/// Decodes a success body to JavaScript values: the decoder's JSON text, one `JSON.parse`, instead of a boundary
/// call per property. `Err(Ok(error))` is the decode error; `Err` inside is a JavaScript exception.
pub(crate) fn decode_to_js(body: &dyn BodySource) -> Result<Result<JsValue, JsValue>, crate::error::DecodeError> {
    let mut pieces = json_text::JsonPieces::default();
    crate::decode::decode_incident_response_json_from(body, &mut pieces)?;
    Ok(pieces.parse())
}

/// Whether `e` is an error thrown by this package. Checks the `name`, so it works across realms and bundles.
#[wasm_bindgen(js_name = isContraForceError, unchecked_return_type = "e is ContraForceError")]
pub fn is_contraforce_error(#[wasm_bindgen(unchecked_param_type = "unknown")] e: &JsValue) -> bool {
    error::is_contraforce_error(e)
}

/// Bytes of wasm linear memory in use by this package (it grows, never shrinks): for memory budgets and leak checks.
#[wasm_bindgen(js_name = wasmMemoryBytes)]
pub fn wasm_memory_bytes() -> f64 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    memory.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as f64
}
