//! The JSON path at an error position, found by scanning the body once up to that point.
//!
//! serde reports *where* in the text an error happened (line and column) but not *which value*. Rather than
//! decode again through a path-tracking wrapper (which would compile a second copy of every deserializer into
//! the `.wasm`), this scanner walks the raw JSON up to the error offset, keeping a stack of object keys and array
//! indices. It runs only on failure, needs no recursion (deep nesting cannot overflow it) and allocates one
//! frame per open container.

/// One step of a path.
enum Frame {
    /// Inside an object; the last key read, if any.
    Object(Option<String>),
    /// Inside an array; the index of the current (or next) element.
    Array(usize),
}

/// Paths of the value at `offset` (`data.incident.entities[2].type`) and of its innermost container
/// (`data.incident.entities[2]`), the latter for errors about a missing field of that container.
pub struct Located {
    /// Path of the value the error is about.
    pub value: String,
    /// Path of the object that holds it.
    pub container: String,
    /// Where the last token before the offset starts (a string's quote, a scalar's first byte, a bracket).
    pub last_token_start: Option<usize>,
}

/// Scans `bytes[..offset]` and reports where it stopped.
pub fn locate(bytes: &[u8], offset: usize) -> Located {
    let end = offset.min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut last_token_start = None;
    let mut index = 0;
    while index < end {
        let byte = bytes[index];
        let starts_token = !byte.is_ascii_whitespace()
            && !matches!(byte, b':' | b',' | b'}' | b']')
            && (index == 0 || matches!(bytes[index - 1], b' ' | b'\t' | b'\n' | b'\r' | b':' | b',' | b'[' | b'{'));
        if starts_token {
            last_token_start = Some(index);
        }
        match byte {
            b'"' => {
                let start = index;
                index = skip_string(bytes, index, end);
                // A string is a key when its object frame has no key yet (keys are cleared at each comma).
                if let Some(Frame::Object(key @ None)) = stack.last_mut() {
                    *key = Some(decode_key(&bytes[start..index]));
                }
                continue;
            }
            b'{' => stack.push(Frame::Object(None)),
            b'[' => stack.push(Frame::Array(0)),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object(key)) => *key = None,
                Some(Frame::Array(position)) => *position += 1,
                None => {}
            },
            _ => {}
        }
        index += 1;
    }
    let container = render(stack.iter().take(stack.len().saturating_sub(1)), stack.last().map(container_step));
    Located { value: render(stack.iter(), None), container, last_token_start }
}

/// Past the closing quote of the string starting at `start` (or `end` if it does not close before it).
fn skip_string(bytes: &[u8], start: usize, end: usize) -> usize {
    let mut index = start + 1;
    while index < end {
        match bytes[index] {
            b'\\' => index += 2,
            b'"' => return index + 1,
            _ => index += 1,
        }
    }
    end
}

fn decode_key(quoted: &[u8]) -> String {
    serde_json::from_slice::<String>(quoted).unwrap_or_else(|_| {
        let inner = quoted.strip_prefix(b"\"").unwrap_or(quoted);
        String::from_utf8_lossy(inner.strip_suffix(b"\"").unwrap_or(inner)).into_owned()
    })
}

/// The innermost frame as part of its container's path: an array keeps its index, an object contributes nothing.
fn container_step(frame: &Frame) -> Option<usize> {
    match frame {
        Frame::Array(position) => Some(*position),
        Frame::Object(_) => None,
    }
}

fn render<'a>(frames: impl Iterator<Item = &'a Frame>, trailing_index: Option<Option<usize>>) -> String {
    let mut path = String::new();
    for frame in frames {
        match frame {
            Frame::Object(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object(None) => {}
            Frame::Array(position) => path.push_str(&format!("[{position}]")),
        }
    }
    if let Some(Some(position)) = trailing_index {
        path.push_str(&format!("[{position}]"));
    }
    path
}

/// 1-based line and column of byte `index`.
pub fn line_and_column(bytes: &[u8], index: usize) -> (usize, usize) {
    let before = &bytes[..index.min(bytes.len())];
    let line_start = before.iter().rposition(|&byte| byte == b'\n').map_or(0, |newline| newline + 1);
    (1 + before.iter().filter(|&&byte| byte == b'\n').count(), index - line_start + 1)
}

/// Byte offset of a 1-based `line` and serde_json's `column` (bytes consumed on that line).
pub fn offset_of(bytes: &[u8], line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match bytes[start..].iter().position(|&byte| byte == b'\n') {
            Some(newline) => start += newline + 1,
            None => return bytes.len(),
        }
    }
    (start + column).min(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value_path(json: &str, marker: &str) -> String {
        locate(json.as_bytes(), json.find(marker).unwrap()).value
    }

    #[test]
    fn keys_and_indices() {
        assert_eq!(value_path(r#"{"a":{"b":[1,{"c":"X"}]}}"#, "\"X"), "a.b[1].c");
        assert_eq!(value_path(r#"{"a":[[],[0,X]]}"#, "X"), "a[1][1]");
        assert_eq!(value_path(r#"{"a":1,"b":X}"#, "X"), "b");
    }

    #[test]
    fn strings_with_brackets_quotes_and_escaped_keys() {
        assert_eq!(value_path(r#"{"a":"[{,\"}]","k\u00e9y\"":X}"#, "X"), "kéy\"");
    }

    #[test]
    fn deep_nesting_needs_no_recursion() {
        let json = format!("{}X", "[".repeat(100_000));
        assert!(locate(json.as_bytes(), json.len() - 1).value.ends_with("[0]"));
    }

    #[test]
    fn container_of_a_missing_field() {
        let json = r#"{"data":{"x":{}},"meta":{}}"#;
        assert_eq!(locate(json.as_bytes(), json.len() - 1).container, "");
        let json = r#"[{"a":1},{"b":2}"#;
        assert_eq!(locate(json.as_bytes(), json.len() - 1).container, "[1]");
    }

    #[test]
    fn offsets_of_lines_and_columns() {
        assert_eq!(offset_of(b"ab\ncd\nef", 3, 1), 7);
        assert_eq!(offset_of(b"ab", 9, 9), 2);
    }
}
