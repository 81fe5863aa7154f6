//! The JavaScript side of one HTTP exchange: `fetch` (the global one or the caller's), timers, abort signals
//! and reading a body up to a limit. Everything that can throw is imported with `catch`, so a misbehaving
//! injected `fetch` or `Response` becomes an error value, never an exception unwinding through wasm.

use crate::decode::BodySource;
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

    type Utf8Decoder;
    #[wasm_bindgen(constructor, js_class = "TextDecoder")]
    fn new_utf8_decoder() -> Utf8Decoder;
    #[wasm_bindgen(method, js_name = decode)]
    fn decode_bytes(this: &Utf8Decoder, bytes: &Uint8Array) -> js_sys::JsString;

    /// Any `ReadableStreamDefaultReader`-like object.
    type JsReader;
    #[wasm_bindgen(catch, method)]
    fn read(this: &JsReader) -> Result<Promise, JsValue>;
    #[wasm_bindgen(catch, method)]
    fn cancel(this: &JsReader) -> Result<Promise, JsValue>;
}

thread_local! {
    /// `Uint8Array.prototype.subarray`.
    static SUBARRAY: Function = Reflect::get(&Object::get_prototype_of(&Uint8Array::new_with_length(0)), &"subarray".into())
        .expect("Uint8Array.prototype.subarray")
        .unchecked_into();

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

    /// Reads the whole body, stopping (and cancelling the stream) past `limit` bytes. The chunks stay in
    /// JavaScript: the decoder reads them a window at a time, so wasm memory (which never shrinks) does not have
    /// to hold the body.
    pub async fn read_body(&self, limit: u64, abort: &AttemptAbort) -> Result<ReceivedBody, BodyError> {
        let body = Reflect::get(&self.response, &"body".into()).map_err(BodyError::Js)?;
        if body.is_null() || body.is_undefined() {
            return self.read_whole(limit, abort).await;
        }
        let get_reader: Function =
            Reflect::get(&body, &"getReader".into()).map_err(BodyError::Js)?.dyn_into().map_err(BodyError::Js)?;
        let reader: JsReader = get_reader.call0(&body).map_err(BodyError::Js)?.unchecked_into();
        let mut received = ReceivedBody::default();
        loop {
            let chunk = abort.race(reader.read().map_err(BodyError::Js)?).await.map_err(BodyError::Js)?;
            if Reflect::get(&chunk, &"done".into()).map_err(BodyError::Js)?.is_truthy() {
                return Ok(received.finish());
            }
            let value = Reflect::get(&chunk, &"value".into()).map_err(BodyError::Js)?;
            let value = real_uint8_array(&value)
                .ok_or_else(|| BodyError::Js("the body stream yielded something other than bytes".into()))?;
            if (received.length + received.small_length) as u64 + u64::from(value.length()) > limit {
                if let Ok(cancelled) = reader.cancel() {
                    IGNORE.with(|ignore| drop(cancelled.catch(ignore)));
                }
                return Err(BodyError::TooLarge);
            }
            received.push(value);
        }
    }

    /// Bodies without a stream (some injected `Response` shims): `arrayBuffer()`.
    async fn read_whole(&self, limit: u64, abort: &AttemptAbort) -> Result<ReceivedBody, BodyError> {
        let mut received = ReceivedBody::default();
        let method = Reflect::get(&self.response, &"arrayBuffer".into()).map_err(BodyError::Js)?;
        let Some(method) = method.dyn_ref::<Function>() else {
            return Ok(received);
        };
        let promise = Promise::resolve(&method.call0(&self.response).map_err(BodyError::Js)?);
        let buffer = abort.race(promise).await.map_err(BodyError::Js)?;
        let bytes = Uint8Array::new(&buffer);
        if u64::from(bytes.length()) > limit {
            return Err(BodyError::TooLarge);
        }
        received.push(bytes);
        Ok(received.finish())
    }
}

/// `value` if it is a `Uint8Array` itself: `instanceof` also holds for a `Proxy` of one, whose methods then throw
/// on the proxy ("incompatible receiver").
/// Copies `bytes[begin..begin + into.len()]` of a JavaScript array into `into`; false (nothing copied) when the array
/// does not give exactly those bytes (a buffer detached since, or methods overridden on a caller's array).
pub fn copy_from_js(bytes: &Uint8Array, begin: usize, into: &mut [u8]) -> bool {
    // The prototype's `subarray`, called with a catch: a caller's array may override or break its own.
    let part = SUBARRAY.with(|subarray| subarray.call2(bytes, &begin.into(), &(begin + into.len()).into()).ok());
    match part.as_ref().and_then(real_uint8_array) {
        Some(part)
            if Reflect::get(&part, &"length".into()).ok().and_then(|n| n.as_f64()) == Some(into.len() as f64) =>
        {
            part.copy_to(into);
            true
        }
        _ => false,
    }
}

pub fn real_uint8_array(value: &JsValue) -> Option<Uint8Array> {
    (js_sys::ArrayBuffer::is_view(value) && value.is_instance_of::<Uint8Array>())
        .then(|| value.clone().unchecked_into())
}

/// A body as received: its chunks, still in JavaScript.
#[derive(Default)]
pub struct ReceivedBody {
    chunks: Vec<Uint8Array>,
    /// Where each chunk starts in the body.
    starts: Vec<usize>,
    length: usize,
    /// Small chunks not yet merged: a stream of tiny chunks would otherwise cost a handle per byte or two.
    small: Vec<Uint8Array>,
    small_length: usize,
}

/// Chunks smaller than this are merged (in JavaScript) into chunks of at least this size.
const MERGE_BELOW: usize = 16 * 1024;

impl ReceivedBody {
    fn push(&mut self, chunk: Uint8Array) {
        let length = chunk.length() as usize;
        if length == 0 {
            return;
        }
        if length >= MERGE_BELOW && self.small.is_empty() {
            self.append(chunk);
            return;
        }
        self.small.push(chunk);
        self.small_length += length;
        if self.small_length >= MERGE_BELOW {
            self.merge_small();
        }
    }

    fn merge_small(&mut self) {
        let merged = Uint8Array::new_with_length(self.small_length as u32);
        let mut at = 0;
        for chunk in self.small.drain(..) {
            merged.set(&chunk, at);
            at += chunk.length();
        }
        self.small_length = 0;
        self.append(merged);
    }

    fn append(&mut self, chunk: Uint8Array) {
        self.starts.push(self.length);
        self.length += chunk.length() as usize;
        self.chunks.push(chunk);
    }

    /// All chunks received: merges what is left.
    fn finish(mut self) -> Self {
        if !self.small.is_empty() {
            self.merge_small();
        }
        self
    }

    /// The whole body in wasm memory: for error bodies, snippets and `rawBody`.
    pub fn to_vec(&self) -> Vec<u8> {
        let mut bytes = vec![0; self.length];
        let count = self.read_at(0, &mut bytes);
        bytes.truncate(count);
        bytes
    }

    /// The body as text, decoded in JavaScript as `response.text()` does (UTF-8, a leading BOM dropped), so that
    /// `rawBody` does not pass the body through wasm memory.
    pub fn to_js_text(&self) -> js_sys::JsString {
        let whole = match self.chunks.as_slice() {
            [one] => one.clone(),
            chunks => {
                let whole = Uint8Array::new_with_length(self.length as u32);
                for (chunk, &start) in chunks.iter().zip(&self.starts) {
                    whole.set(chunk, start as u32);
                }
                whole
            }
        };
        Utf8Decoder::new_utf8_decoder().decode_bytes(&whole)
    }

    /// Whether the body is empty or only whitespace (read until the first other byte).
    pub fn is_blank(&self) -> bool {
        let mut window = [0u8; 256];
        let mut offset = 0;
        loop {
            let count = self.read_at(offset, &mut window);
            if count == 0 {
                return true;
            }
            if !window[..count].iter().all(u8::is_ascii_whitespace) {
                return false;
            }
            offset += count;
        }
    }
}

impl BodySource for ReceivedBody {
    fn len(&self) -> usize {
        self.length
    }

    fn read_at(&self, offset: usize, into: &mut [u8]) -> usize {
        // The chunk holding `offset`, then as many chunks after it as `into` takes.
        let mut index = self.starts.partition_point(|&start| start <= offset).saturating_sub(1);
        let mut at = offset;
        let mut filled = 0;
        while filled < into.len() && index < self.chunks.len() {
            let end = self.starts.get(index + 1).copied().unwrap_or(self.length);
            let within = at - self.starts[index];
            let count = (end - at).min(into.len() - filled);
            // The lengths counted on arrival: a chunk's buffer detached since then (the producer may transfer it)
            // has fewer bytes, and the body ends there (the decoder reports it as cut short).
            if !copy_from_js(&self.chunks[index], within, &mut into[filled..filled + count]) {
                break;
            }
            filled += count;
            at += count;
            index += 1;
        }
        filled
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
