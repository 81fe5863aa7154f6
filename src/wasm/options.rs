//! Reading the JavaScript option objects of `new ContraForceClient(...)` and `getIncident(...)`.
//! Unknown keys are refused, so a typo (`timeout` for `timeoutMs`) is an error instead of a silent default.

use crate::error::Error;
use crate::request::{parse_base_url, validate_integer, BaseUrl, Credentials, IncidentRequest};
use crate::retry::{RetryPolicy, MAX_RETRIES_LIMIT, MAX_TIMER_MS};
use js_sys::{Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::AbortSignal;

/// How each attempt is authorised.
pub enum Auth {
    /// Fixed credentials (Basic or Bearer).
    Fixed(Credentials),
    /// `getToken()`, called before every attempt.
    TokenProvider(Function),
}

/// A validated client configuration.
pub struct ClientOptions {
    pub base: BaseUrl,
    pub auth: Auth,
    pub fetch: Option<Function>,
    pub timeout_ms: u32,
    pub retry: RetryPolicy,
    pub max_response_bytes: u64,
}

/// A validated `getIncident` call.
pub struct CallOptions {
    pub request: IncidentRequest,
    pub signal: Option<AbortSignal>,
    pub raw_body: bool,
}

const DEFAULT_TIMEOUT_MS: u32 = 30_000;
const DEFAULT_MAX_RESPONSE_BYTES: u64 = 64 * 1024 * 1024;
/// Well below 2^53, so every value is an exact JavaScript number; far above any sane incident.
const MAX_RESPONSE_BYTES_LIMIT: u64 = 1 << 40;

fn object<'a>(value: &'a JsValue, field: &str) -> Result<&'a Object, Error> {
    if value.is_object() && !value.is_function() && !js_sys::Array::is_array(value) {
        Ok(value.unchecked_ref())
    } else {
        Err(Error::invalid_argument(field, "must be an object"))
    }
}

#[wasm_bindgen]
extern "C" {
    // `Object.keys` with `catch`: a Proxy's `ownKeys` trap may throw.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(object: &Object) -> Result<js_sys::Array, JsValue>;
}

fn only_keys(object: &Object, field: &str, allowed: &[&str]) -> Result<(), Error> {
    let name = if field.is_empty() { "options" } else { field };
    let keys = object_keys(object).map_err(|_| Error::invalid_argument(name, "listing its keys threw"))?;
    for key in keys.iter().filter_map(|key| key.as_string()) {
        if !allowed.contains(&key.as_str()) {
            let path = if field.is_empty() { key.clone() } else { format!("{field}.{key}") };
            return Err(Error::invalid_argument(
                &path,
                format!("unknown option; expected one of: {}", allowed.join(", ")),
            ));
        }
    }
    Ok(())
}

/// A property, or an error naming `field` when reading it throws (a getter, a Proxy).
fn get(object: &Object, key: &str, field: &str) -> Result<JsValue, Error> {
    Reflect::get(object, &key.into()).map_err(|_| Error::invalid_argument(field, "reading this option threw"))
}

fn absent(value: &JsValue) -> bool {
    value.is_undefined()
}

/// A string option. Lone surrogates are refused: they would be sent as U+FFFD, i.e. as another value.
fn string(object: &Object, key: &str, field: &str) -> Result<String, Error> {
    let value = get(object, key, field)?;
    match value.dyn_ref::<js_sys::JsString>() {
        Some(text) if !text.is_valid_utf16() => {
            Err(Error::invalid_argument(field, "contains a lone surrogate (invalid UTF-16)"))
        }
        Some(text) => Ok(String::from(text)),
        None => Err(Error::invalid_argument(field, "must be a string")),
    }
}

fn integer(object: &Object, key: &str, field: &str, min: u64, max: u64) -> Result<Option<u64>, Error> {
    let value = get(object, key, field)?;
    if absent(&value) {
        return Ok(None);
    }
    let number = value.as_f64().ok_or_else(|| Error::invalid_argument(field, "must be a number"))?;
    validate_integer(field, number, min, max).map(Some)
}

/// Parses `new ContraForceClient(options)`.
pub fn client_options(value: &JsValue) -> Result<ClientOptions, Error> {
    let options = object(value, "options")?;
    only_keys(options, "", &["baseUrl", "auth", "fetch", "timeoutMs", "retry", "maxResponseBytes"])?;
    let base = parse_base_url(&string(options, "baseUrl", "baseUrl")?)?;
    let auth = auth(&get(options, "auth", "auth")?)?;
    let fetch = match get(options, "fetch", "fetch")? {
        value if absent(&value) => {
            if !crate::transport::has_global_fetch() {
                return Err(Error::invalid_argument("fetch", "this runtime has no global fetch; pass one"));
            }
            None
        }
        value => {
            Some(value.dyn_into::<Function>().map_err(|_| Error::invalid_argument("fetch", "must be a function"))?)
        }
    };
    let timeout_ms =
        integer(options, "timeoutMs", "timeoutMs", 1, MAX_TIMER_MS)?.map_or(DEFAULT_TIMEOUT_MS, |ms| ms as u32);
    let max_response_bytes = integer(options, "maxResponseBytes", "maxResponseBytes", 1, MAX_RESPONSE_BYTES_LIMIT)?
        .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES);
    let retry = retry(&get(options, "retry", "retry")?)?;
    Ok(ClientOptions { base, auth, fetch, timeout_ms, retry, max_response_bytes })
}

fn auth(value: &JsValue) -> Result<Auth, Error> {
    let auth = object(value, "auth").map_err(|_| {
        Error::invalid_argument("auth", "must be { clientId, clientSecret }, { token } or { getToken }")
    })?;
    let has = |key: &str| -> Result<bool, Error> { Ok(!absent(&get(auth, key, &format!("auth.{key}"))?)) };
    if has("getToken")? {
        only_keys(auth, "auth", &["getToken"])?;
        let provider = get(auth, "getToken", "auth.getToken")?
            .dyn_into::<Function>()
            .map_err(|_| Error::invalid_argument("auth.getToken", "must be a function returning a token"))?;
        return Ok(Auth::TokenProvider(provider));
    }
    if has("token")? {
        only_keys(auth, "auth", &["token"])?;
        return Credentials::bearer(string(auth, "token", "auth.token")?).map(Auth::Fixed);
    }
    if has("clientId")? || has("clientSecret")? {
        only_keys(auth, "auth", &["clientId", "clientSecret"])?;
        let id = string(auth, "clientId", "auth.clientId")?;
        let secret = string(auth, "clientSecret", "auth.clientSecret")?;
        return Credentials::basic(id, secret).map(Auth::Fixed);
    }
    Err(Error::invalid_argument("auth", "must be { clientId, clientSecret }, { token } or { getToken }"))
}

fn retry(value: &JsValue) -> Result<RetryPolicy, Error> {
    if absent(value) {
        return Ok(RetryPolicy::default());
    }
    if value.as_bool() == Some(false) {
        return Ok(RetryPolicy::disabled());
    }
    let options = object(value, "retry").map_err(|_| {
        Error::invalid_argument("retry", "must be false or { maxRetries, baseDelayMs, maxDelayMs, maxRetryAfterMs }")
    })?;
    only_keys(options, "retry", &["maxRetries", "baseDelayMs", "maxDelayMs", "maxRetryAfterMs"])?;
    let defaults = RetryPolicy::default();
    let max_retries = integer(options, "maxRetries", "retry.maxRetries", 0, MAX_RETRIES_LIMIT.into())?
        .map_or(defaults.max_retries, |n| n as u32);
    let base = integer(options, "baseDelayMs", "retry.baseDelayMs", 0, MAX_TIMER_MS)?.unwrap_or(defaults.base_delay_ms);
    let max =
        integer(options, "maxDelayMs", "retry.maxDelayMs", 0, MAX_TIMER_MS)?.unwrap_or(defaults.max_delay_ms.max(base));
    let max_retry_after = integer(options, "maxRetryAfterMs", "retry.maxRetryAfterMs", 0, MAX_TIMER_MS)?
        .unwrap_or(defaults.max_retry_after_ms);
    RetryPolicy::new(max_retries, base, max, max_retry_after)
}

/// Parses `getIncident(options)`.
pub fn call_options(value: &JsValue) -> Result<CallOptions, Error> {
    let options = object(value, "options")?;
    only_keys(options, "", &["workspaceId", "source", "incidentId", "withDetails", "signal", "rawBody"])?;
    let with_details = match get(options, "withDetails", "withDetails")? {
        value if absent(&value) => None,
        value => Some(value.as_bool().ok_or_else(|| Error::invalid_argument("withDetails", "must be a boolean"))?),
    };
    let signal = match get(options, "signal", "signal")? {
        value if absent(&value) || value.is_null() => None,
        value => Some(
            value.dyn_into::<AbortSignal>().map_err(|_| Error::invalid_argument("signal", "must be an AbortSignal"))?,
        ),
    };
    let raw_body = match get(options, "rawBody", "rawBody")? {
        value if absent(&value) => false,
        value => value.as_bool().ok_or_else(|| Error::invalid_argument("rawBody", "must be a boolean"))?,
    };
    let request = IncidentRequest {
        workspace_id: string(options, "workspaceId", "workspaceId")?,
        source: string(options, "source", "source")?,
        incident_id: string(options, "incidentId", "incidentId")?,
        with_details,
    };
    Ok(CallOptions { request, signal, raw_body })
}
