//! Field deserializers for what real servers send beyond the letter of the spec.

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::fmt;

/// An array, where `null` (or absence, with `#[serde(default)]`) is the empty array.
pub fn null_as_empty<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

/// An int32 typed `[integer, string]`: `42` or `"42"`, digits only (`^-?(0|[1-9]\d*)$`), within int32.
/// No rounding, no exponent, no leading zeros; `null` is `None`.
pub fn int32<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i32>, D::Error> {
    deserializer.deserialize_any(Int32Visitor)
}

struct Int32Visitor;

const EXPECTED_INT32: &str = "an int32 integer, as a number or a string of digits";

impl<'de> Visitor<'de> for Int32Visitor {
    type Value = Option<i32>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(EXPECTED_INT32)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        i32::try_from(value).map(Some).map_err(|_| E::invalid_value(de::Unexpected::Signed(value), &self))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        i32::try_from(value).map(Some).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(value), &self))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        parse_int32_digits(value).map(Some).ok_or_else(|| E::invalid_value(de::Unexpected::Str(value), &self))
    }
}

/// Parses the spec's digits pattern into an int32, refusing anything else.
pub fn parse_int32_digits(text: &str) -> Option<i32> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let well_formed = match digits.as_bytes() {
        [] => false,
        [b'0'] => true,
        [b'0', ..] => false,
        bytes => bytes.iter().all(u8::is_ascii_digit),
    };
    if !well_formed {
        return None;
    }
    text.parse::<i32>().ok()
}
