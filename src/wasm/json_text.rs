//! The decoder's JSON text (ASCII) to JavaScript values: the pieces as JavaScript strings as they come (so the
//! text of a large body never sits whole in wasm memory), then one `JSON.parse`.
//!
//! Turning the bytes into a string is a good part of the cost: Node's `TextDecoder` takes about 1.7 ms per MB
//! here while `Buffer#toString("latin1")` takes 0.2 ms (the text is ASCII, so Latin-1 reads it the same). Browsers
//! and workerd have no `Buffer` and a fast `TextDecoder`, which wasm-bindgen's string passing uses.

use crate::decode::JsonSink;
use js_sys::{Array, Function, JsString, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    fn parse_string(text: &JsString) -> Result<JsValue, JsValue>;
}

/// Node's `Buffer` and `Buffer.from`, when the runtime is Node (not a bundler's `Buffer` polyfill).
struct NodeBuffer {
    class: JsValue,
    from: Function,
}

thread_local! {
    static NODE_BUFFER: Option<NodeBuffer> = node_buffer();
}

fn node_buffer() -> Option<NodeBuffer> {
    let global = js_sys::global();
    let process = Reflect::get(&global, &"process".into()).ok().filter(JsValue::is_object)?;
    let versions = Reflect::get(&process, &"versions".into()).ok().filter(JsValue::is_object)?;
    Reflect::get(&versions, &"node".into()).ok()?.as_string()?;
    let class = Reflect::get(&global, &"Buffer".into()).ok().filter(JsValue::is_function)?;
    let from = Reflect::get(&class, &"from".into()).ok()?.dyn_into::<Function>().ok()?;
    Some(NodeBuffer { class, from })
}

/// Collects the decoder's pieces as JavaScript strings.
#[derive(Default)]
pub(crate) struct JsonPieces {
    pieces: Vec<JsString>,
}

impl JsonSink for JsonPieces {
    fn write(&mut self, piece: &str) {
        self.pieces.push(ascii_to_js(piece));
    }

    fn restart(&mut self) {
        self.pieces.clear();
    }
}

impl JsonPieces {
    /// `JSON.parse` of the pieces joined.
    pub(crate) fn parse(self) -> Result<JsValue, JsValue> {
        match self.pieces.as_slice() {
            [one] => parse_string(one),
            pieces => parse_string(&pieces.iter().collect::<Array>().join("")),
        }
    }
}

/// An ASCII string as a JavaScript string, by the fastest route the runtime has.
fn ascii_to_js(text: &str) -> JsString {
    debug_assert!(text.is_ascii());
    NODE_BUFFER.with(|node| {
        let Some(node) = node else { return JsString::from(text) };
        // SAFETY: the view is used before anything else runs in this module, so wasm memory cannot grow
        // (which would detach it) while JavaScript reads it.
        let view = unsafe { Uint8Array::view(text.as_bytes()) };
        let latin1 = node
            .from
            .call3(&node.class, &view.buffer(), &view.byte_offset().into(), &view.length().into())
            .and_then(|buffer| {
                let to_string = Reflect::get(&buffer, &"toString".into())?.unchecked_into::<Function>();
                to_string.call1(&buffer, &"latin1".into())
            });
        match latin1 {
            Ok(string) => string.unchecked_into(),
            Err(_) => JsString::from(text),
        }
    })
}
