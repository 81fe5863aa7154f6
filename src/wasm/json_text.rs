//! The decoder's JSON text (ASCII) to JavaScript values: one `JSON.parse`.
//!
//! Turning the bytes into a string is a good part of the cost: Node's `TextDecoder` takes about 1.7 ms per MB
//! here while `Buffer#toString("latin1")` takes 0.2 ms (the text is ASCII, so Latin-1 reads it the same). Browsers
//! and workerd have no `Buffer` and a fast `TextDecoder`, which wasm-bindgen's string passing uses.

use js_sys::{Function, JsString, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    fn parse_string(text: &JsString) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    fn parse_str(text: &str) -> Result<JsValue, JsValue>;
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

/// `JSON.parse` of `text`, which must be ASCII.
pub(crate) fn parse_ascii(text: &str) -> Result<JsValue, JsValue> {
    debug_assert!(text.is_ascii());
    NODE_BUFFER.with(|node| match node {
        Some(node) => {
            // SAFETY: the view is used before anything else runs in this module, so wasm memory cannot grow
            // (which would detach it) while JavaScript reads it.
            let view = unsafe { Uint8Array::view(text.as_bytes()) };
            let buffer =
                node.from.call3(&node.class, &view.buffer(), &view.byte_offset().into(), &view.length().into())?;
            let to_string = Reflect::get(&buffer, &"toString".into())?.unchecked_into::<Function>();
            let string = to_string.call1(&buffer, &"latin1".into())?.unchecked_into::<JsString>();
            parse_string(&string)
        }
        None => parse_str(text),
    })
}
