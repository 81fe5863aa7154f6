//! Helpers shared by the native test crates (`mod common;`).

use serde_json::Value;

/// Numbers as the doubles `JSON.parse` gives them (serde_json keeps `1` and `1.0` apart), written with `{:?}` so
/// that `-0` and `0` differ: two values are the same in JavaScript when these are equal.
pub fn as_doubles(value: &Value) -> Value {
    match value {
        Value::Number(number) => Value::String(format!("{:?}", number.as_f64().unwrap())),
        Value::Array(items) => Value::Array(items.iter().map(as_doubles).collect()),
        Value::Object(entries) => Value::Object(entries.iter().map(|(k, v)| (k.clone(), as_doubles(v))).collect()),
        other => other.clone(),
    }
}
