//! `crate::Error` → a real JavaScript `Error` named `ContraForceError`, with plain properties.

use crate::error::{Error, HttpError};
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

const NAME: &str = "ContraForceError";

#[wasm_bindgen(typescript_custom_section)]
const TS_ERROR: &'static str = r#"
/** What went wrong, as a stable machine code. */
export type ContraForceErrorKind = "InvalidArgument" | "Network" | "Timeout" | "Aborted" | "Http" | "Decode" | "TooLarge";

/**
 * The one error this package throws: a real `Error` with `name === "ContraForceError"`.
 * Test for it with `isContraForceError(e)`, then switch on `kind` (and on `code` for `Http`).
 * Properties that do not apply are absent. No credential ever appears in it.
 */
export interface ContraForceError extends Error {
  name: "ContraForceError";
  kind: ContraForceErrorKind;
  /** HTTP status from the status line (`Http`). */
  status?: number;
  /** The API's stable error code, e.g. `NOT_FOUND`, `VALIDATION_ERROR` (`Http`). */
  code?: string;
  /** Problem title (`Http`). */
  title?: string;
  /** Problem detail, or the older envelope's message (`Http`). */
  detail?: string;
  /** The server's request id: quote it to the vendor's support (`Http`). */
  requestId?: string;
  /** The parameter the API error is about (`Http`). */
  target?: string;
  /** Problem instance (`Http`). */
  instance?: string;
  /** Problem timestamp, as sent (`Http`). */
  timestamp?: string;
  /** Problem type (`Http`). */
  type?: string;
  /** Field-keyed validation errors; the key `""` holds object-level errors (`Http`). */
  errors?: Record<string, string[]>;
  /** Response content type (`Http`). */
  contentType?: string;
  /** The start of a body that was not a problem document, at most 200 characters (`Http`). */
  snippet?: string;
  /** How long the server asked to wait, in milliseconds (`Http` 429/503 with `Retry-After`). */
  retryAfterMs?: number;
  /** JSON path of the bad value, e.g. `data.incident.entities[2].type`; `""` for the whole body (`Decode`). */
  path?: string;
  /** What the contract expects at `path` (`Decode`). */
  expected?: string;
  /** What the body holds at `path` (`Decode`). */
  found?: string;
  /** 1-based line and column in the body (`Decode`). */
  line?: number;
  column?: number;
  /** The option or parameter refused (`InvalidArgument`). */
  field?: string;
  /** What to check (`Network`). */
  hint?: string;
  /** Timeout per attempt in milliseconds (`Timeout`). */
  timeoutMs?: number;
  /** Size limit in bytes (`TooLarge`). */
  limit?: number;
  /** How many requests were sent (`Network`, `Timeout`, `Aborted`, `Http`, `TooLarge`, `Decode` from `getIncident`). */
  attempts?: number;
}
"#;

/// Builds the JavaScript error for `error`.
pub fn to_js_error(error: &Error) -> JsValue {
    let message = error.to_string();
    let js = js_sys::Error::new(&message);
    js.set_name(NAME);
    let object: &Object = js.as_ref();
    // Enumerable, so that structured loggers and `JSON.stringify(error)` keep it (an Error's own is not).
    let descriptor = Object::new();
    set(&descriptor, "value", message);
    set(&descriptor, "enumerable", true);
    set(&descriptor, "writable", true);
    set(&descriptor, "configurable", true);
    Object::define_property(object, &"message".into(), &descriptor);
    set(object, "kind", error.code());
    match error {
        Error::InvalidArgument { field, .. } => set(object, "field", field.as_str()),
        Error::Network { hint, attempts, .. } => {
            set_opt(object, "hint", hint.as_deref());
            set(object, "attempts", *attempts);
        }
        Error::Timeout { timeout_ms, attempts } => {
            set(object, "timeoutMs", *timeout_ms);
            set(object, "attempts", *attempts);
        }
        Error::Aborted { attempts } => set(object, "attempts", *attempts),
        Error::Http(http) => set_http(object, http),
        Error::Decode(decode) => {
            set(object, "path", decode.path.as_str());
            set(object, "expected", decode.expected.as_str());
            set(object, "found", decode.found.as_str());
            set(object, "line", decode.line as u32);
            set(object, "column", decode.column as u32);
        }
        Error::TooLarge { limit, attempts } => {
            set(object, "limit", *limit as f64);
            set(object, "attempts", *attempts);
        }
    }
    js.into()
}

/// Sets `attempts` on an error built by [`to_js_error`] (decode errors learn it from the client).
pub fn set_attempts(error: &JsValue, attempts: u32) {
    let _ = Reflect::set(error, &"attempts".into(), &attempts.into());
}

fn set_http(object: &Object, http: &HttpError) {
    set(object, "status", http.status);
    set_opt(object, "code", http.code.as_deref());
    set_opt(object, "title", http.title.as_deref());
    set_opt(object, "detail", http.detail.as_deref());
    set_opt(object, "requestId", http.request_id.as_deref());
    set_opt(object, "target", http.target.as_deref());
    set_opt(object, "instance", http.instance.as_deref());
    set_opt(object, "timestamp", http.timestamp.as_deref());
    set_opt(object, "type", http.problem_type.as_deref());
    set_opt(object, "contentType", http.content_type.as_deref());
    set_opt(object, "snippet", http.snippet.as_deref());
    if let Some(errors) = &http.errors {
        if let Ok(value) = super::to_plain_js(errors) {
            let _ = Reflect::set(object, &"errors".into(), &value);
        }
    }
    if let Some(ms) = http.retry_after_ms {
        set(object, "retryAfterMs", ms as f64);
    }
    set(object, "attempts", http.attempts);
}

fn set(object: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(object, &key.into(), &value.into());
}

fn set_opt(object: &Object, key: &str, value: Option<&str>) {
    if let Some(value) = value {
        set(object, key, value);
    }
}

pub(super) fn is_contraforce_error(value: &JsValue) -> bool {
    if !value.is_object() {
        return false;
    }
    let name = Reflect::get(value, &"name".into()).ok().and_then(|name| name.as_string());
    let kind = Reflect::get(value, &"kind".into()).ok().and_then(|kind| kind.as_string());
    name.as_deref() == Some(NAME) && kind.is_some()
}
