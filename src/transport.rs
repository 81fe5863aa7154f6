//! The JavaScript side of one HTTP exchange: `fetch` (the global one or the caller's), timers, abort signals
//! and reading a body up to a limit. Everything that can throw is imported with `catch`, so a misbehaving
//! injected `fetch` or `Response` becomes an error value, never an exception unwinding through wasm.

use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal};

#[wasm_bindgen]
extern "C" {
    // Called as a plain global function, so `this` is never a detached receiver ("Illegal invocation").
    #[wasm_bindgen(catch, js_name = fetch)]
    fn global_fetch(input: &str, init: &JsValue) -> Result<Promise, JsValue>;

    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: f64) -> JsValue;

    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);

    /// Any `Headers`-like object.
    type JsHeaders;
    #[wasm_bindgen(catch, method, js_name = get)]
    fn get(this: &JsHeaders, name: &str) -> Result<Option<String>, JsValue>;

    /// Any `ReadableStreamDefaultReader`-like object.
    type JsReader;
    #[wasm_bindgen(catch, method)]
    fn read(this: &JsReader) -> Result<Promise, JsValue>;
    #[wasm_bindgen(catch, method)]
    fn cancel(this: &JsReader) -> Result<Promise, JsValue>;
}

thread_local! {
    /// Marks a promise's rejection as handled, so a lost race never surfaces as an unhandled rejection.
    static IGNORE: Closure<dyn FnMut(JsValue)> = Closure::new(|_| {});
}

/// Whether the runtime has a global `fetch`.
pub fn has_global_fetch() -> bool {
    Reflect::get(&js_sys::global(), &"fetch".into()).is_ok_and(|fetch| fetch.is_function())
}

/// Starts a request with the caller's `fetch` (called as a plain function) or the global one.
pub fn start_fetch(fetch: Option<&Function>, url: &str, init: &JsValue) -> Result<Promise, JsValue> {
    let result = match fetch {
        Some(fetch) => fetch.call2(&JsValue::UNDEFINED, &url.into(), init)?,
        None => global_fetch(url, init)?.into(),
    };
    // An injected fetch may return a plain value; `Promise.resolve` makes it a promise either way.
    Ok(Promise::resolve(&result))
}

/// One attempt's abort controller: fires on the timeout or when the caller's signal aborts.
pub struct AttemptAbort {
    controller: AbortController,
    abort: Function,
    timer: JsValue,
    caller: Option<AbortSignal>,
    /// Rejects once the attempt is aborted; raced against every step, so even a `fetch` that ignores
    /// `signal` cannot hang the call.
    aborted: Promise,
}

impl AttemptAbort {
    /// Arms a timer of `timeout_ms` and links the caller's signal.
    pub fn new(timeout_ms: u32, caller: Option<&AbortSignal>) -> Result<Self, JsValue> {
        let controller = AbortController::new()?;
        let abort = Reflect::get(&controller, &"abort".into())?.unchecked_into::<Function>().bind0(&controller);
        let signal = controller.signal();
        let aborted = Promise::new(&mut |_resolve, reject| {
            let _ = signal.add_event_listener_with_callback("abort", &reject);
        });
        IGNORE.with(|ignore| {
            let _ = aborted.catch(ignore);
        });
        let timer = set_timeout(&abort, f64::from(timeout_ms));
        if let Some(caller) = caller {
            caller.add_event_listener_with_callback("abort", &abort)?;
        }
        Ok(AttemptAbort { controller, abort, timer, caller: caller.cloned(), aborted })
    }

    /// The signal to hand to `fetch`.
    pub fn signal(&self) -> AbortSignal {
        self.controller.signal()
    }

    /// Waits for `promise`, or fails as soon as the attempt is aborted.
    pub async fn race(&self, promise: Promise) -> Result<JsValue, JsValue> {
        let contenders = js_sys::Array::of2(&promise, &self.aborted);
        JsFuture::from(Promise::race(&contenders)).await
    }

    /// Whether this attempt's controller fired (timeout or caller).
    pub fn is_aborted(&self) -> bool {
        self.controller.signal().aborted()
    }
}

impl Drop for AttemptAbort {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
        if let Some(caller) = &self.caller {
            let _ = caller.remove_event_listener_with_callback("abort", &self.abort);
        }
        // Stops a body that is still streaming once we are done with it.
        self.controller.abort();
    }
}

/// Waits `ms`, or stops early with `Err(())` when `signal` aborts.
pub async fn sleep(ms: u64, signal: Option<&AbortSignal>) -> Result<(), ()> {
    if signal.is_some_and(AbortSignal::aborted) {
        return Err(());
    }
    let mut reject_fn = None;
    let mut timer = JsValue::UNDEFINED;
    let promise = Promise::new(&mut |resolve, reject| {
        timer = set_timeout(&resolve, ms as f64);
        if let Some(signal) = signal {
            let _ = signal.add_event_listener_with_callback("abort", &reject);
        }
        reject_fn = Some(reject);
    });
    let outcome = JsFuture::from(promise).await;
    clear_timeout(&timer);
    if let (Some(signal), Some(reject)) = (signal, &reject_fn) {
        let _ = signal.remove_event_listener_with_callback("abort", reject);
    }
    outcome.map(drop).map_err(drop)
}

/// The parts of a `Response` the client reads.
pub struct ResponseHead {
    /// Status code.
    pub status: u16,
    /// `"opaqueredirect"` for a redirect a browser would not let us see.
    pub response_type: String,
    headers: JsHeaders,
    response: JsValue,
}

impl ResponseHead {
    /// Reads status, url, type and headers of any `Response`-like object.
    pub fn from_js(response: JsValue) -> Result<Self, JsValue> {
        let status = Reflect::get(&response, &"status".into())?.as_f64().ok_or("the response has no numeric status")?;
        let text =
            |key: &str| Reflect::get(&response, &key.into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
        let headers = Reflect::get(&response, &"headers".into())?;
        if !headers.is_object() {
            return Err("the response has no headers".into());
        }
        Ok(ResponseHead {
            status: status as u16,
            response_type: text("type"),
            headers: headers.unchecked_into(),
            response,
        })
    }

    /// A header value, if present.
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers.get(name).ok().flatten()
    }

    /// Reads the whole body into wasm memory, stopping (and cancelling the stream) past `limit` bytes.
    /// `expected` (the `Content-Length`, at most `limit`) sizes the buffer once: wasm memory never shrinks, so
    /// growing by doubling would keep up to twice the body for good.
    pub async fn read_body(
        &self,
        limit: u64,
        expected: Option<u64>,
        abort: &AttemptAbort,
    ) -> Result<Vec<u8>, BodyError> {
        let body = Reflect::get(&self.response, &"body".into()).map_err(BodyError::Js)?;
        if body.is_null() || body.is_undefined() {
            return self.read_whole(limit, abort).await;
        }
        let get_reader: Function =
            Reflect::get(&body, &"getReader".into()).map_err(BodyError::Js)?.dyn_into().map_err(BodyError::Js)?;
        let reader: JsReader = get_reader.call0(&body).map_err(BodyError::Js)?.unchecked_into();
        // Past the hint (a compressed body, a lying header) the Vec grows as usual; the cap bounds what a
        // Content-Length alone can make us reserve.
        const MAX_RESERVE: u64 = 16 << 20;
        let mut bytes = Vec::with_capacity(expected.unwrap_or(0).min(limit).min(MAX_RESERVE) as usize);
        loop {
            let chunk = abort.race(reader.read().map_err(BodyError::Js)?).await.map_err(BodyError::Js)?;
            if Reflect::get(&chunk, &"done".into()).map_err(BodyError::Js)?.is_truthy() {
                return Ok(bytes);
            }
            let value: Uint8Array = Reflect::get(&chunk, &"value".into())
                .map_err(BodyError::Js)?
                .dyn_into()
                .map_err(|_| BodyError::Js("the body stream yielded something other than bytes".into()))?;
            if bytes.len() as u64 + u64::from(value.length()) > limit {
                if let Ok(cancelled) = reader.cancel() {
                    IGNORE.with(|ignore| drop(cancelled.catch(ignore)));
                }
                return Err(BodyError::TooLarge);
            }
            let start = bytes.len();
            bytes.resize(start + value.length() as usize, 0);
            value.copy_to(&mut bytes[start..]);
        }
    }

    /// Bodies without a stream (some injected `Response` shims): `arrayBuffer()`.
    async fn read_whole(&self, limit: u64, abort: &AttemptAbort) -> Result<Vec<u8>, BodyError> {
        let method = Reflect::get(&self.response, &"arrayBuffer".into()).map_err(BodyError::Js)?;
        let Some(method) = method.dyn_ref::<Function>() else {
            return Ok(Vec::new());
        };
        let promise = Promise::resolve(&method.call0(&self.response).map_err(BodyError::Js)?);
        let buffer = abort.race(promise).await.map_err(BodyError::Js)?;
        let bytes = Uint8Array::new(&buffer);
        if u64::from(bytes.length()) > limit {
            return Err(BodyError::TooLarge);
        }
        Ok(bytes.to_vec())
    }
}

/// Why a body could not be read.
pub enum BodyError {
    /// Past the limit.
    TooLarge,
    /// The stream failed (network, abort).
    Js(JsValue),
}

/// A short description of a thrown JavaScript value, with its `cause` (Node puts the socket error there).
pub fn describe_js_error(error: &JsValue) -> String {
    let field = |value: &JsValue, key: &str| Reflect::get(value, &key.into()).ok().and_then(|v| v.as_string());
    let mut text = match (field(error, "name"), field(error, "message")) {
        (Some(name), Some(message)) if !message.is_empty() => format!("{name}: {message}"),
        (_, Some(message)) => message,
        _ => error.as_string().unwrap_or_else(|| "unknown error".to_owned()),
    };
    if let Ok(cause) = Reflect::get(error, &"cause".into()) {
        if cause.is_object() {
            let code = field(&cause, "code");
            let message = field(&cause, "message");
            if let Some(detail) = code.or(message) {
                text.push_str(&format!(" ({detail})"));
            }
        }
    }
    text
}

/// A plain object with string values (the request headers, the `fetch` init).
pub fn plain_object(entries: &[(&str, &JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in entries {
        let _ = Reflect::set(&object, &(*key).into(), value);
    }
    object
}
