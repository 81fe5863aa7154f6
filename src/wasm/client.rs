//! `ContraForceClient`: one `getIncident` call = validated arguments, then attempts with timeouts, retries and
//! abort, each ending in typed data or one `ContraForceError`.

use super::options::{call_options, client_options, Auth, CallOptions, ClientOptions};
use super::to_js_error;
use crate::decode::decode_problem;
use crate::error::{DecodeError, Error, HttpError};
use crate::request::{incident_url, is_json_content_type, same_origin, Credentials, ACCEPT, AUTHORIZATION};
use crate::retry::{parse_retry_after, RetryDecision};
use crate::transport::{
    describe_js_error, plain_object, sleep, start_fetch, AttemptAbort, BodyError, ReceivedBody, ResponseHead,
};
use js_sys::{Promise, Reflect};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

#[wasm_bindgen(typescript_custom_section)]
const TS_CLIENT: &'static str = r#"
/** How the client authenticates. Never ship a client secret in browser code: give browsers a short-lived token. */
export type ContraForceAuth =
  | { clientId: string; clientSecret: string }
  | { token: string }
  | { getToken: () => string | Promise<string> };

/** Retry policy for network failures, timeouts and 408/429/500/502/503/504. */
export interface ContraForceRetryOptions {
  /** Retries after the first attempt (default 3). */
  maxRetries?: number;
  /** First backoff step in ms (default 500); doubles per retry, with full jitter. */
  baseDelayMs?: number;
  /** Longest backoff in ms (default 10000). */
  maxDelayMs?: number;
  /** A `Retry-After` longer than this (ms, default 60000) stops retrying; the error carries `retryAfterMs`. */
  maxRetryAfterMs?: number;
}

export interface ContraForceClientOptions {
  /** The API base, e.g. `https://portal.contraforce.com/api/v2`. `https:` unless the host is loopback. */
  baseUrl: string;
  auth: ContraForceAuth;
  /** A `fetch` to use instead of the global one; called as a plain function. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Per attempt, default 30000. */
  timeoutMs?: number;
  /** `false` disables retries. */
  retry?: ContraForceRetryOptions | false;
  /** Larger bodies fail with kind `TooLarge` (default 64 MiB). */
  maxResponseBytes?: number;
}

export interface GetIncidentOptions {
  /** Workspace GUID. */
  workspaceId: string;
  /** One of the six sources, any letter case. */
  source: IncidentSource;
  /** Incident id (any string; sent percent-encoded). */
  incidentId: string;
  /** Sends `?withDetails=true|false` when given. */
  withDetails?: boolean;
  /** Aborts the request in flight and any backoff wait. */
  signal?: AbortSignal;
  /** Also return the body as text, so fields this version does not model are not lost. */
  rawBody?: boolean;
}

/** What `getIncident` resolves to. */
export interface IncidentResult extends IncidentResponse {
  /** The body as received, when `rawBody: true` was asked. */
  rawBody?: string;
}
"#;

/// The ContraForce **Get incident by id** client. Holds its credentials in wasm memory only.
#[wasm_bindgen]
pub struct ContraForceClient {
    options: Rc<ClientOptions>,
}

#[wasm_bindgen]
impl ContraForceClient {
    /// Validates the options; throws a `ContraForceError` of kind `InvalidArgument` naming the bad one.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ContraForceClientOptions")] options: JsValue,
    ) -> Result<ContraForceClient, JsValue> {
        let options = client_options(&options).map_err(|error| to_js_error(&error))?;
        Ok(ContraForceClient { options: Rc::new(options) })
    }

    /// Fetches one incident. Rejects with a `ContraForceError`; an invalid argument rejects before any request.
    #[wasm_bindgen(js_name = getIncident, unchecked_return_type = "Promise<IncidentResult>")]
    pub fn get_incident(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetIncidentOptions")] options: JsValue,
    ) -> Promise {
        let client = Rc::clone(&self.options);
        future_to_promise(async move {
            let call = call_options(&options).map_err(|error| to_js_error(&error))?;
            run(&client, call).await
        })
    }

    /// `"ContraForceClient(<base url>)"`: no credential.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        format!("ContraForceClient({})", self.options.base)
    }
}

/// Attempts until success, a final error, or the caller's abort.
async fn run(client: &ClientOptions, call: CallOptions) -> Result<JsValue, JsValue> {
    let url = incident_url(&client.base, &call.request).map_err(|error| to_js_error(&error))?;
    let signal = call.signal.as_ref();
    let mut attempts = 0;
    loop {
        if signal.is_some_and(|signal| signal.aborted()) {
            return Err(to_js_error(&Error::Aborted { attempts }));
        }
        let credentials = credentials(&client.auth).await.map_err(|error| to_js_error(&error))?;
        attempts += 1;
        let outcome = attempt(client, &url, &credentials, &call, attempts).await;
        let (error, retry_after_ms) = match outcome {
            Ok(value) => return Ok(value),
            Err(Failure::Final(value)) => return Err(value),
            Err(Failure::Retryable(error, retry_after_ms)) => (error, retry_after_ms),
        };
        match client.retry.decide(&error, attempts, retry_after_ms, js_sys::Math::random()) {
            RetryDecision::RetryAfter(delay) => {
                if sleep(delay, signal).await.is_err() {
                    return Err(to_js_error(&Error::Aborted { attempts }));
                }
            }
            RetryDecision::GiveUp => return Err(to_js_error(&with_retry_after(error, retry_after_ms))),
        }
    }
}

/// How an attempt failed.
enum Failure {
    /// May be retried, with the server's `Retry-After` in ms when it sent one.
    Retryable(Error, Option<u64>),
    /// Already a JS error; never retried.
    Final(JsValue),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        if error.is_retryable() {
            Failure::Retryable(error, None)
        } else {
            Failure::Final(to_js_error(&error))
        }
    }
}

async fn credentials(auth: &Auth) -> Result<Credentials, Error> {
    match auth {
        Auth::Fixed(credentials) => Ok(credentials.clone()),
        Auth::TokenProvider(get_token) => {
            let refused = |why: String| Error::invalid_argument("auth.getToken", why);
            // Only the error's name: its message is the caller's text and may hold a secret.
            let returned =
                get_token.call0(&JsValue::UNDEFINED).map_err(|e| refused(format!("threw {}", error_name(&e))))?;
            let token = JsFuture::from(Promise::resolve(&returned))
                .await
                .map_err(|e| refused(format!("rejected with {}", error_name(&e))))?;
            let token =
                token.as_string().ok_or_else(|| refused("must return a string (or a promise of one)".into()))?;
            Credentials::bearer(token)
        }
    }
}

/// Removes our own credentials from text that came from elsewhere (an injected `fetch` may echo its input).
fn redact(mut text: String, credentials: &Credentials) -> String {
    let header = credentials.authorization_header();
    let encoded = header.split_once(' ').map_or("", |(_, value)| value);
    let secrets: [&str; 2] = match credentials {
        Credentials::Basic { client_secret, .. } => [client_secret, encoded],
        Credentials::Bearer(token) => [token, encoded],
    };
    for secret in secrets.into_iter().filter(|secret| !secret.is_empty()) {
        text = text.replace(secret, "[redacted]");
    }
    text
}

/// `a TypeError`, `an Error`, `a non-Error value`.
fn error_name(error: &JsValue) -> String {
    let name = Reflect::get(error, &"name".into()).ok().and_then(|name| name.as_string());
    match name.filter(|name| !name.is_empty() && name.len() <= 40 && name.chars().all(|c| c.is_ascii_alphanumeric())) {
        Some(name) if name.starts_with(['A', 'E', 'I', 'O', 'U']) => format!("an {name}"),
        Some(name) => format!("a {name}"),
        None => "a non-Error value".to_owned(),
    }
}

const MAX_REDIRECTS: u32 = 5;

async fn attempt(
    client: &ClientOptions,
    url: &str,
    credentials: &Credentials,
    call: &CallOptions,
    attempts: u32,
) -> Result<JsValue, Failure> {
    let abort =
        AttemptAbort::new(client.timeout_ms, call.signal.as_ref()).map_err(|e| network(&e, attempts, credentials))?;
    let fail = |error: &JsValue| -> Failure {
        if call.signal.as_ref().is_some_and(|signal| signal.aborted()) {
            Failure::Final(to_js_error(&Error::Aborted { attempts }))
        } else if abort.is_aborted() {
            Error::Timeout { timeout_ms: client.timeout_ms, attempts }.into()
        } else {
            network(error, attempts, credentials).into()
        }
    };
    let headers =
        plain_object(&[("Accept", &ACCEPT.into()), (AUTHORIZATION, &credentials.authorization_header().into())]);
    let init = plain_object(&[
        ("method", &"GET".into()),
        ("headers", &headers),
        ("signal", &abort.signal()),
        // Redirects are followed here, not by fetch, so credentials never go to another origin.
        ("redirect", &"manual".into()),
    ]);
    let mut target = url.to_owned();
    let mut redirects = 0;
    let head = loop {
        let promise = start_fetch(client.fetch.as_ref(), &target, &init).map_err(|e| fail(&e))?;
        let response = abort.race(promise).await.map_err(|e| fail(&e))?;
        let head = ResponseHead::from_js(response).map_err(|e| fail(&e))?;
        match redirect_target(client, &head, &target, redirects, attempts)? {
            Some(next) => {
                target = next;
                redirects += 1;
            }
            None => break head,
        }
    };
    let content_type = head.header("content-type");
    let declared_length = head.header("content-length").and_then(|value| value.trim().parse::<u64>().ok());
    if declared_length.is_some_and(|length| length > client.max_response_bytes) {
        return Err(Error::TooLarge { limit: client.max_response_bytes, attempts }.into());
    }
    let body = match head.read_body(client.max_response_bytes, &abort).await {
        Ok(body) => body,
        Err(BodyError::TooLarge) => return Err(Error::TooLarge { limit: client.max_response_bytes, attempts }.into()),
        Err(BodyError::Js(error)) => return Err(fail(&error)),
    };
    drop(abort);
    if (200..300).contains(&head.status) {
        success(&head, content_type, &body, call.raw_body, attempts)
    } else {
        let error = http_error(&head, content_type, &body.to_vec(), attempts);
        let retry_after = head.header("retry-after").and_then(|value| parse_retry_after(&value, js_sys::Date::now()));
        let error = Error::Http(Box::new(error));
        if error.is_retryable() {
            Err(Failure::Retryable(error, retry_after))
        } else {
            Err(Failure::Final(to_js_error(&error)))
        }
    }
}

fn network(error: &JsValue, attempts: u32, credentials: &Credentials) -> Error {
    Error::Network {
        message: redact(describe_js_error(error), credentials),
        hint: Some(
            "check the base URL and that the API is reachable; in a browser, a CORS refusal also looks like this, \
             so check that the API allows this page's origin"
                .to_owned(),
        ),
        attempts,
    }
}

/// The next URL of a same-origin redirect, `None` when `head` is no redirect, or an error.
fn redirect_target(
    client: &ClientOptions,
    head: &ResponseHead,
    current: &str,
    redirects: u32,
    attempts: u32,
) -> Result<Option<String>, Failure> {
    let refuse = |message: String| {
        Failure::Final(to_js_error(&Error::Network { message, hint: Some("check the base URL".to_owned()), attempts }))
    };
    if head.response_type == "opaqueredirect" {
        return Err(refuse(
            "the API answered with a redirect that the browser does not let a client inspect; credentials are not \
             sent on redirects"
                .to_owned(),
        ));
    }
    if !matches!(head.status, 301 | 302 | 303 | 307 | 308) {
        return Ok(None);
    }
    let Some(location) = head.header("location") else {
        return Ok(None);
    };
    let next = web_sys::Url::new_with_base(&location, current)
        .map_err(|_| refuse(format!("redirect with an invalid Location ({} characters)", location.len())))?
        .href();
    if !same_origin(&client.base, &next) {
        return Err(refuse(format!(
            "redirected to another origin ({}); not followed, so that credentials stay with {}",
            origin_of(&next),
            client.base.origin()
        )));
    }
    if redirects >= MAX_REDIRECTS {
        return Err(refuse(format!("more than {MAX_REDIRECTS} redirects")));
    }
    Ok(Some(next))
}

fn origin_of(url: &str) -> String {
    web_sys::Url::new(url).map(|url| url.origin()).unwrap_or_else(|_| "an unparsable URL".to_owned())
}

fn success(
    head: &ResponseHead,
    content_type: Option<String>,
    body: &ReceivedBody,
    raw_body: bool,
    attempts: u32,
) -> Result<JsValue, Failure> {
    let not_a_body = |found: String| {
        let error = Error::Decode(DecodeError {
            path: String::new(),
            expected: "a JSON body (application/json)".into(),
            found,
            line: 1,
            column: 1,
        });
        Failure::Final(with_attempts(to_js_error(&error), attempts))
    };
    if body.is_blank() {
        return Err(not_a_body(format!("an empty body (HTTP {})", head.status)));
    }
    match content_type.as_deref() {
        Some(content_type) if is_json_content_type(content_type) => {}
        Some(content_type) => {
            return Err(not_a_body(format!("content type {content_type}: {}", snippet(&body.to_vec()))))
        }
        None => return Err(not_a_body("no content type".to_owned())),
    }
    match super::decode_to_js(body) {
        Ok(value) => {
            let value = value.map_err(Failure::Final)?;
            if raw_body {
                let _ = Reflect::set(&value, &"rawBody".into(), &body.to_js_text());
            }
            Ok(value)
        }
        Err(decode_error) => match decode_problem(head.status, &body.to_vec()) {
            // A 2xx carrying an error document: report the API's error, not a missing `data`.
            Some(mut error) => {
                error.content_type = content_type;
                error.attempts = attempts;
                Err(Failure::Final(to_js_error(&Error::Http(Box::new(error)))))
            }
            None => Err(Failure::Final(with_attempts(to_js_error(&decode_error.into()), attempts))),
        },
    }
}

fn with_attempts(error: JsValue, attempts: u32) -> JsValue {
    super::error::set_attempts(&error, attempts);
    error
}

fn http_error(head: &ResponseHead, content_type: Option<String>, body: &[u8], attempts: u32) -> HttpError {
    let problem =
        content_type.as_deref().filter(|ct| is_json_content_type(ct)).and_then(|_| decode_problem(head.status, body));
    let mut error = match problem {
        Some(problem) => problem,
        None => HttpError { status: head.status, snippet: Some(snippet(body)), ..HttpError::default() },
    };
    if error.request_id.is_none() {
        error.request_id = head.header("x-request-id");
    }
    error.content_type = content_type;
    error.attempts = attempts;
    error
}

/// At most 200 characters of a body, whitespace collapsed, for error messages.
fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match collapsed.char_indices().nth(200) {
        Some((cut, _)) => collapsed[..cut].to_owned(),
        None => collapsed,
    }
}

fn with_retry_after(error: Error, retry_after_ms: Option<u64>) -> Error {
    match (error, retry_after_ms) {
        (Error::Http(mut http), Some(ms)) => {
            http.retry_after_ms = Some(ms);
            Error::Http(http)
        }
        (error, _) => error,
    }
}
