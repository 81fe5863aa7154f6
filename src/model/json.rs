//! Free-form JSON (evidence cells, playbook parameters, legacy error details).
//!
//! Kept as `serde_json::Value`, but serialized with every number as an `f64`, as `JSON.parse` would give it:
//! JavaScript output never holds a `BigInt`, and a large integer does not fail the whole conversion.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Any JSON value, passed through as sent (numbers become IEEE doubles on output, as in `JSON.parse`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JsonValue(pub serde_json::Value);

/// A free-form JSON object.
pub type JsonObject = std::collections::BTreeMap<String, JsonValue>;

impl Serialize for JsonValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_value(&self.0, serializer)
    }
}

fn serialize_value<S: Serializer>(value: &serde_json::Value, serializer: S) -> Result<S::Ok, S::Error> {
    use serde::ser::{SerializeMap, SerializeSeq};
    use serde_json::Value;
    match value {
        Value::Null => serializer.serialize_unit(),
        Value::Bool(b) => serializer.serialize_bool(*b),
        Value::Number(n) => serializer.serialize_f64(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => serializer.serialize_str(s),
        Value::Array(items) => {
            let mut seq = serializer.serialize_seq(Some(items.len()))?;
            for item in items {
                seq.serialize_element(&Borrowed(item))?;
            }
            seq.end()
        }
        Value::Object(entries) => {
            let mut map = serializer.serialize_map(Some(entries.len()))?;
            for (key, item) in entries {
                map.serialize_entry(key, &Borrowed(item))?;
            }
            map.end()
        }
    }
}

struct Borrowed<'a>(&'a serde_json::Value);

impl Serialize for Borrowed<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_value(self.0, serializer)
    }
}

impl<'de> Deserialize<'de> for JsonValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde_json::Value::deserialize(deserializer).map(JsonValue)
    }
}

#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_JSON: &'static str = r#"
/** Any JSON value, as `JSON.parse` gives it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
"#;
