//! A memory budget for decoding, checked before any allocation.
//!
//! Typed structs cost far more than the JSON text they come from when the text is made of tiny values: `{},`
//! is 3 bytes of body but a few hundred bytes of `IncidentEntity`. A hostile body of 16 MB of `{}` would need
//! about 4 GiB, and running out of wasm memory aborts the whole instance. So large bodies are counted first
//! (one pass, no allocation) and refused when the estimate is over budget.

use crate::error::DecodeError;

/// Bodies up to this size cannot exceed the budget, whatever their shape: no scan.
const SCAN_ABOVE_BYTES: usize = 512 * 1024;
/// Most memory a decode may take.
pub const MAX_DECODE_BYTES: usize = 512 * 1024 * 1024;
/// Upper bound of one decoded object (the largest model struct, or a free-form map entry), doubled for `Vec` growth.
const BYTES_PER_OBJECT: usize = 2 * 400;
/// Upper bound of one array element or object member that is not itself an object.
const BYTES_PER_VALUE: usize = 2 * 32;

/// Refuses a body whose decoded form could exceed [`MAX_DECODE_BYTES`].
pub fn check(bytes: &[u8]) -> Result<(), DecodeError> {
    if bytes.len() <= SCAN_ABOVE_BYTES {
        return Ok(());
    }
    let (objects, values) = count(bytes);
    let estimate = objects.saturating_mul(BYTES_PER_OBJECT).saturating_add(values.saturating_mul(BYTES_PER_VALUE));
    if estimate.saturating_add(bytes.len()) <= MAX_DECODE_BYTES {
        return Ok(());
    }
    Err(DecodeError {
        path: String::new(),
        expected: format!("a body that decodes within {} MiB", MAX_DECODE_BYTES >> 20),
        found: format!("{objects} objects and {values} values, about {} MiB once decoded", estimate >> 20),
        line: 1,
        column: 1,
    })
}

/// Counts `{` and `,` outside strings.
fn count(bytes: &[u8]) -> (usize, usize) {
    let (mut objects, mut values) = (0, 0);
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'"' => {
                index += 1;
                while index < bytes.len() && bytes[index] != b'"' {
                    index += if bytes[index] == b'\\' { 2 } else { 1 };
                }
            }
            b'{' => objects += 1,
            b',' => values += 1,
            _ => {}
        }
        index += 1;
    }
    (objects, values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_bodies_are_not_scanned() {
        assert!(check(&b"{},".repeat(SCAN_ABOVE_BYTES / 3)).is_ok());
    }

    #[test]
    fn amplifying_bodies_are_refused_before_decoding() {
        let mut body = b"{\"data\":{\"incident\":{\"entities\":[".to_vec();
        body.extend(b"{},".repeat(1_000_000));
        body.extend(b"{}]}}}");
        let error = check(&body).unwrap_err();
        assert!(error.found.starts_with("1000004 objects"), "{error}");
    }

    #[test]
    fn braces_and_commas_in_strings_do_not_count() {
        let body = format!("{{\"data\":{{\"incident\":{{\"title\":\"{}\"}}}}}}", "{,".repeat(4_000_000));
        assert!(check(body.as_bytes()).is_ok());
    }
}
