//! One wasm suite, every runtime: included by `wasm_node.rs`, `wasm_browser.rs`, `wasm_worker.rs` and
//! `wasm_service_worker.rs`. It drives the JavaScript API exactly as a user would (options as JS objects,
//! results and errors as JS values) and talks to the local mock API (`tests/support/mock-api.mjs`), which
//! `npm test` starts at the address compiled in through `CONTRAFORCE_MOCK_API`.

mod client;
mod decode;

use js_sys::{Object, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub const MOCK_API: &str = match option_env!("CONTRAFORCE_MOCK_API") {
    Some(url) => url,
    None => "http://127.0.0.1:18787/api/v2",
};

pub fn json(text: &str) -> JsValue {
    JSON::parse(text).expect("test JSON")
}

pub fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).expect("Reflect.get")
}

/// Follows a dotted path with `[i]` indices, e.g. `data.incident.entities[0].type`.
pub fn at(value: &JsValue, path: &str) -> JsValue {
    let mut current = value.clone();
    for part in path.split('.') {
        let mut pieces = part.split('[');
        current = get(&current, pieces.next().unwrap());
        for index in pieces {
            current = Reflect::get_u32(&current, index.trim_end_matches(']').parse().unwrap()).unwrap();
        }
    }
    current
}

pub fn text(value: &JsValue, path: &str) -> Option<String> {
    at(value, path).as_string()
}

/// Asserts the value is plain data: only plain objects, arrays, strings, finite numbers, booleans and null —
/// no `undefined`, `Map`, `BigInt` or class instance anywhere.
pub fn assert_plain(value: &JsValue, path: &str) {
    if value.is_null() || value.as_bool().is_some() || value.as_string().is_some() {
        return;
    }
    if let Some(number) = value.as_f64() {
        assert!(number.is_finite(), "{path}: non-finite number");
        return;
    }
    assert!(!value.is_undefined(), "{path} is undefined");
    assert!(!value.is_bigint(), "{path} is a BigInt");
    if js_sys::Array::is_array(value) {
        let array: &js_sys::Array = value.unchecked_ref();
        for (index, item) in array.iter().enumerate() {
            assert_plain(&item, &format!("{path}[{index}]"));
        }
        return;
    }
    let object: &Object = value.dyn_ref().unwrap_or_else(|| panic!("{path}: not an object"));
    let prototype = Object::get_prototype_of(object);
    assert!(
        prototype == Object::get_prototype_of(&Object::new()) || prototype.is_null(),
        "{path}: not a plain object (Map or class instance)"
    );
    for key in Object::keys(object).iter() {
        let key = key.as_string().unwrap();
        assert_plain(&get(value, &key), &format!("{path}.{key}"));
    }
}

/// The fields of a `ContraForceError`, asserting it is one.
pub fn contraforce_error(error: &JsValue) -> JsValue {
    assert!(error.is_instance_of::<js_sys::Error>(), "not a JS Error: {error:?}");
    assert_eq!(get(error, "name").as_string().as_deref(), Some("ContraForceError"));
    assert!(contraforce_incident::wasm::is_contraforce_error(error));
    error.clone()
}

pub fn kind(error: &JsValue) -> String {
    get(&contraforce_error(error), "kind").as_string().unwrap()
}
