//! The fast path: a success body transcoded in one pass, by the model's shape (`schema.rs`), into the normalized
//! JSON that the serde decoder's output serializes to, as ASCII text.
//!
//! Why: building JavaScript objects from Rust values costs one boundary call per property and string, about as much
//! again as `JSON.parse` of the whole body. Normalized JSON text costs one pass here and one `JSON.parse` there, and
//! ASCII text parses faster in V8 than the UTF-8 body would (a one-byte string).
//!
//! It refuses (`Bail`) anything that is not plainly valid: a type error, a duplicate or escaped field name, a lone
//! surrogate, invalid UTF-8, deep nesting, `-0`, a number out of range. The serde decoder then decides, so every
//! error (and every odd but valid body) goes through the one set of rules; this path only has to agree with it on
//! what it accepts, which `tests/fast_path.rs` checks.

use super::lenient::parse_int32_digits;
use super::schema::{Field, Kind, Schema, RESPONSE};

/// Refused: let the serde decoder decide.
pub(crate) struct Bail;

type Step<T = ()> = Result<T, Bail>;

/// Nesting deeper than this is left to serde (whose own limit is 128).
const MAX_DEPTH: u32 = 100;

/// Output beyond this many times the input read so far (plus [`OUTPUT_SLACK`]) is left to serde, whose memory
/// budget (`budget.rs`) refuses amplifying bodies: `{},` is 3 bytes of body but hundreds of bytes of output.
/// Real bodies come out at about 1.1 times their size, sparse objects (a few fields of twenty) at several times.
const OUTPUT_PER_INPUT_BYTE: usize = 16;
const OUTPUT_SLACK: usize = 64 * 1024;

/// Output is handed on in pieces of about this size, so that a large body's output never sits whole in memory.
pub(crate) const PIECE_BYTES: usize = 1024 * 1024;

/// Writes the normalized JSON of `bytes` (BOM already stripped) through `out`, handing `flush` each piece of
/// about [`PIECE_BYTES`] (the rest stays in `out`). On `Err`, what was written is void.
pub(crate) fn transcode_response(bytes: &[u8], out: &mut Vec<u8>, flush: &mut dyn FnMut(&[u8])) -> Step {
    let mut transcoder = Transcoder { input: bytes, at: 0, out, depth: 0, flush, flushed: 0 };
    transcoder.whitespace();
    transcoder.expect(b'{')?;
    transcoder.object(&RESPONSE)?;
    transcoder.whitespace();
    if transcoder.at == bytes.len() {
        Ok(())
    } else {
        Err(Bail)
    }
}

struct Transcoder<'a> {
    input: &'a [u8],
    at: usize,
    out: &'a mut Vec<u8>,
    depth: u32,
    flush: &'a mut dyn FnMut(&[u8]),
    /// Bytes already handed to `flush`.
    flushed: usize,
}

/// Bytes a string's fast scan stops at: `"`, `\`, control characters and every non-ASCII byte.
static STOP: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = byte < 0x20 || byte == b'"' as usize || byte == b'\\' as usize || byte >= 0x80;
        byte += 1;
    }
    table
};

/// Where one present field's output lies (offsets in the whole output), to reorder fields into the model's order.
#[derive(Clone, Copy, Default)]
struct Span {
    field: u8,
    start: u32,
    end: u32,
}

impl<'a> Transcoder<'a> {
    /// The offset in the whole output, flushed pieces included.
    #[inline]
    fn position(&self) -> usize {
        self.flushed + self.out.len()
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.input.get(self.at).copied()
    }

    #[inline]
    fn whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.at += 1;
        }
    }

    #[inline]
    fn expect(&mut self, byte: u8) -> Step {
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(Bail)
        }
    }

    fn literal(&mut self, word: &[u8]) -> Step {
        if self.input[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(())
        } else {
            Err(Bail)
        }
    }

    fn nest(&mut self) -> Step {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            Err(Bail)
        } else {
            Ok(())
        }
    }

    /// After `{`: the model object `schema`, written in the model's field order with absent fields filled in.
    ///
    /// Fields that come in the model's order (as servers send them) are written as they come, with the absent
    /// ones filled in between; only an object whose fields come out of order is rewritten at its end.
    fn object(&mut self, schema: &Schema) -> Step {
        self.nest()?;
        let fields = schema.fields;
        let mut spans = [Span::default(); 64];
        let mut count = 0;
        let mut seen = 0u64;
        // The next field in the model's order, while the fields come in that order.
        let mut next = Some(0);
        if self.position() > u32::MAX as usize / 2 {
            return Err(Bail); // spans hold 32-bit offsets
        }
        let content_start = self.position() + 1;
        self.out.push(b'{');
        self.whitespace();
        if self.peek() == Some(b'}') {
            self.at += 1;
        } else {
            loop {
                self.whitespace();
                let key = self.plain_key()?;
                self.whitespace();
                self.expect(b':')?;
                self.whitespace();
                match schema.find(key, next.unwrap_or(0)) {
                    Some(index) => {
                        let bit = 1u64 << index;
                        if seen & bit != 0 {
                            return Err(Bail); // serde refuses duplicate fields
                        }
                        seen |= bit;
                        match next {
                            Some(expected) if expected <= index => {
                                self.fill(&fields[expected..index], expected > 0);
                                if index > 0 {
                                    self.out.push(b',');
                                }
                                next = Some(index + 1);
                            }
                            _ => {
                                next = None;
                                self.out.push(b',');
                            }
                        }
                        let start = self.position();
                        self.field(&fields[index])?;
                        spans[count] = Span { field: index as u8, start: start as u32, end: self.position() as u32 };
                        count += 1;
                    }
                    None => self.skip_value()?,
                }
                self.whitespace();
                match self.peek() {
                    Some(b',') => self.at += 1,
                    Some(b'}') => {
                        self.at += 1;
                        break;
                    }
                    _ => return Err(Bail),
                }
            }
        }
        let required_missing = fields
            .iter()
            .enumerate()
            .any(|(index, field)| matches!(field.kind, Kind::RequiredObject(_)) && seen & (1 << index) == 0);
        if required_missing {
            return Err(Bail);
        }
        match next {
            Some(expected) => self.fill(&fields[expected..], expected > 0),
            None => self.reorder(fields, &spans[..count], content_start)?,
        }
        if self.position() > self.at.saturating_mul(OUTPUT_PER_INPUT_BYTE).saturating_add(OUTPUT_SLACK) {
            return Err(Bail);
        }
        self.out.push(b'}');
        self.depth -= 1;
        Ok(())
    }

    /// Absent fields, each as `"name":null` (or `[]`), each after a comma when `after_another`.
    fn fill(&mut self, absent: &[Field], mut after_another: bool) {
        for field in absent {
            if after_another {
                self.out.push(b',');
            }
            after_another = true;
            self.key(field.name);
            self.out.extend_from_slice(empty_value(field.kind));
        }
    }

    /// Rewrites an object's fields (`spans`, relative to the whole output) in the model's order, absent ones empty.
    /// An object whose start was already flushed is left to serde (rare: a large object sent out of order).
    fn reorder(&mut self, fields: &[Field], spans: &[Span], content_start: usize) -> Step {
        if content_start < self.flushed {
            return Err(Bail);
        }
        let written = self.out.split_off(content_start - self.flushed);
        for (index, field) in fields.iter().enumerate() {
            if index > 0 {
                self.out.push(b',');
            }
            match spans.iter().find(|span| usize::from(span.field) == index) {
                Some(span) => self.out.extend_from_slice(
                    &written[span.start as usize - content_start..span.end as usize - content_start],
                ),
                None => {
                    self.key(field.name);
                    self.out.extend_from_slice(empty_value(field.kind));
                }
            }
        }
        Ok(())
    }

    fn key(&mut self, name: &str) {
        self.out.push(b'"');
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(b"\":");
    }

    /// A field name without escapes (serde would unescape one: leave that to it).
    fn plain_key(&mut self) -> Step<&'a [u8]> {
        self.expect(b'"')?;
        let input = self.input;
        let start = self.at;
        let length = plain_run(&self.input[start..]).ok_or(Bail)?;
        self.at = start + length;
        match self.input[self.at] {
            b'"' => {
                self.at += 1;
                Ok(&input[start..start + length])
            }
            byte if byte >= 0x80 => {
                // A non-ASCII name is no model field: skip it as an unknown one.
                self.at = start - 1;
                self.string::<false>()?;
                Ok(&[])
            }
            _ => Err(Bail),
        }
    }

    /// A present field's `"name":value`, by its kind.
    fn field(&mut self, field: &Field) -> Step {
        self.key(field.name);
        let next = self.peek().ok_or(Bail)?;
        if next == b'n' {
            self.literal(b"null")?;
            if let Kind::RequiredObject(_) = field.kind {
                return Err(Bail);
            }
            self.out.extend_from_slice(empty_value(field.kind));
            return Ok(());
        }
        match (field.kind, next) {
            (Kind::Text, b'"') => self.string::<true>(),
            (Kind::Bool, b't') => self.literal(b"true").map(|()| self.out.extend_from_slice(b"true")),
            (Kind::Bool, b'f') => self.literal(b"false").map(|()| self.out.extend_from_slice(b"false")),
            (Kind::Int32, _) => self.int32(),
            (Kind::Texts, b'[') => self.texts(),
            (Kind::Object(schema) | Kind::RequiredObject(schema), b'{') => {
                self.at += 1;
                self.object(schema)
            }
            (Kind::Objects(schema), b'[') => self.objects(schema),
            (Kind::FreeObject, b'{') => self.free_value::<true>(),
            (Kind::Rows, b'[') => self.rows(),
            _ => Err(Bail),
        }
    }

    /// `42` or `"42"` (digits only, within int32), written as a number.
    fn int32(&mut self) -> Step {
        let input = self.input;
        let digits = if self.peek() == Some(b'"') {
            self.at += 1;
            let start = self.at;
            let length = self.input[start..].iter().position(|&byte| byte == b'"').ok_or(Bail)?;
            self.at = start + length + 1;
            &input[start..start + length]
        } else {
            let start = self.at;
            self.number()?;
            let digits = &input[start..self.at];
            if digits == b"-0" {
                return Err(Bail); // serde reads `-0` as a float
            }
            digits
        };
        let text = std::str::from_utf8(digits).map_err(|_| Bail)?;
        let value = parse_int32_digits(text).ok_or(Bail)?;
        self.integer(value);
        Ok(())
    }

    fn integer(&mut self, value: i32) {
        let mut buffer = [0u8; 11];
        let mut at = buffer.len();
        let mut rest = value.unsigned_abs();
        loop {
            at -= 1;
            buffer[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        if value < 0 {
            at -= 1;
            buffer[at] = b'-';
        }
        self.out.extend_from_slice(&buffer[at..]);
    }

    /// After a field name: `[` of strings.
    fn texts(&mut self) -> Step {
        self.array(|this| if this.peek() == Some(b'"') { this.string::<true>() } else { Err(Bail) })
    }

    fn objects(&mut self, schema: &Schema) -> Step {
        self.array(|this| {
            this.expect(b'{')?;
            this.object(schema)
        })
    }

    fn rows(&mut self) -> Step {
        self.array(|this| if this.peek() == Some(b'[') { this.free_value::<true>() } else { Err(Bail) })
    }

    /// At `[`: the items, each by `item` (called at the item's first byte), written as an array.
    fn array(&mut self, mut item: impl FnMut(&mut Self) -> Step) -> Step {
        self.nest()?;
        self.at += 1;
        self.out.push(b'[');
        self.whitespace();
        if self.peek() == Some(b']') {
            self.at += 1;
        } else {
            loop {
                self.whitespace();
                item(self)?;
                self.whitespace();
                match self.peek() {
                    Some(b',') => {
                        self.at += 1;
                        self.out.push(b',');
                        if self.out.len() >= PIECE_BYTES {
                            (self.flush)(self.out);
                            self.flushed += self.out.len();
                            self.out.clear();
                        }
                    }
                    Some(b']') => {
                        self.at += 1;
                        break;
                    }
                    _ => return Err(Bail),
                }
            }
        }
        self.out.push(b']');
        self.depth -= 1;
        Ok(())
    }

    /// An unknown field's value: checked, not written.
    fn skip_value(&mut self) -> Step {
        self.free_value::<false>()
    }

    /// Any JSON value (free-form evidence cells, playbook parameters), copied as sent when `EMIT`.
    fn free_value<const EMIT: bool>(&mut self) -> Step {
        match self.peek().ok_or(Bail)? {
            b'"' => self.string::<EMIT>(),
            b'{' => {
                self.nest()?;
                self.at += 1;
                self.emit::<EMIT>(b"{");
                self.whitespace();
                if self.peek() == Some(b'}') {
                    self.at += 1;
                } else {
                    loop {
                        self.whitespace();
                        if self.peek() != Some(b'"') {
                            return Err(Bail);
                        }
                        self.string::<EMIT>()?;
                        self.whitespace();
                        self.expect(b':')?;
                        self.emit::<EMIT>(b":");
                        self.whitespace();
                        self.free_value::<EMIT>()?;
                        self.whitespace();
                        match self.peek() {
                            Some(b',') => {
                                self.at += 1;
                                self.emit::<EMIT>(b",");
                            }
                            Some(b'}') => {
                                self.at += 1;
                                break;
                            }
                            _ => return Err(Bail),
                        }
                    }
                }
                self.emit::<EMIT>(b"}");
                self.depth -= 1;
                Ok(())
            }
            b'[' => {
                self.nest()?;
                self.at += 1;
                self.emit::<EMIT>(b"[");
                self.whitespace();
                if self.peek() == Some(b']') {
                    self.at += 1;
                } else {
                    loop {
                        self.whitespace();
                        self.free_value::<EMIT>()?;
                        self.whitespace();
                        match self.peek() {
                            Some(b',') => {
                                self.at += 1;
                                self.emit::<EMIT>(b",");
                            }
                            Some(b']') => {
                                self.at += 1;
                                break;
                            }
                            _ => return Err(Bail),
                        }
                    }
                }
                self.emit::<EMIT>(b"]");
                self.depth -= 1;
                Ok(())
            }
            b't' => self.literal(b"true").map(|()| self.emit::<EMIT>(b"true")),
            b'f' => self.literal(b"false").map(|()| self.emit::<EMIT>(b"false")),
            b'n' => self.literal(b"null").map(|()| self.emit::<EMIT>(b"null")),
            _ => {
                let start = self.at;
                self.number()?;
                let input = self.input;
                let literal = &input[start..self.at];
                if literal == b"-0" || !fits_a_double(literal) {
                    return Err(Bail);
                }
                self.emit::<EMIT>(literal);
                Ok(())
            }
        }
    }

    #[inline]
    fn emit<const EMIT: bool>(&mut self, bytes: &[u8]) {
        if EMIT {
            self.out.extend_from_slice(bytes);
        }
    }

    /// A JSON number's grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    fn number(&mut self) -> Step {
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(Bail),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(Bail);
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(Bail);
            }
            self.digits();
        }
        Ok(())
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
    }

    /// At `"`: a string, checked (escapes, surrogate pairs, UTF-8) and, when `EMIT`, written as ASCII: escapes as
    /// sent, other non-ASCII characters as `\uXXXX`.
    fn string<const EMIT: bool>(&mut self) -> Step {
        let input = self.input;
        self.at += 1;
        self.emit::<EMIT>(b"\"");
        loop {
            let start = self.at;
            let run = plain_run(&input[start..]).ok_or(Bail)?;
            self.at = start + run;
            self.emit::<EMIT>(&input[start..self.at]);
            match input[self.at] {
                b'"' => {
                    self.at += 1;
                    self.emit::<EMIT>(b"\"");
                    return Ok(());
                }
                b'\\' => self.escape::<EMIT>()?,
                byte if byte >= 0x80 => self.non_ascii::<EMIT>()?,
                _ => return Err(Bail), // a raw control character
            }
        }
    }

    /// At `\`: one escape, copied as sent.
    fn escape<const EMIT: bool>(&mut self) -> Step {
        let start = self.at;
        match self.input.get(start + 1).ok_or(Bail)? {
            b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => self.at += 2,
            b'u' => {
                let unit = hex4(self.input.get(start + 2..start + 6).ok_or(Bail)?)?;
                self.at += 6;
                match unit {
                    0xD800..=0xDBFF => {
                        // A leading surrogate must be followed by an escaped trailing one.
                        let next = self.input.get(self.at..self.at + 6).ok_or(Bail)?;
                        if !next.starts_with(b"\\u") || !(0xDC00..=0xDFFF).contains(&hex4(&next[2..])?) {
                            return Err(Bail);
                        }
                        self.at += 6;
                    }
                    0xDC00..=0xDFFF => return Err(Bail),
                    _ => {}
                }
            }
            _ => return Err(Bail),
        }
        let input = self.input;
        self.emit::<EMIT>(&input[start..self.at]);
        Ok(())
    }

    /// At a non-ASCII byte: one UTF-8 character, checked, written as `\uXXXX` (two for a supplementary character).
    fn non_ascii<const EMIT: bool>(&mut self) -> Step {
        let lead = self.input[self.at];
        let (width, least, bits) = match lead {
            0xC2..=0xDF => (2, 0x80, lead & 0x1F),
            0xE0..=0xEF => (3, 0x800, lead & 0x0F),
            0xF0..=0xF4 => (4, 0x1_0000, lead & 0x07),
            _ => return Err(Bail),
        };
        let mut code = u32::from(bits);
        for &byte in self.input.get(self.at + 1..self.at + width).ok_or(Bail)? {
            if byte & 0xC0 != 0x80 {
                return Err(Bail);
            }
            code = code << 6 | u32::from(byte & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        if code < least || (0xD800..=0xDFFF).contains(&code) || code > 0x10_FFFF {
            return Err(Bail);
        }
        self.at += width;
        if EMIT {
            if code >= 0x1_0000 {
                let above = code - 0x1_0000;
                self.unicode_escape(0xD800 | (above >> 10) as u16);
                self.unicode_escape(0xDC00 | (above & 0x3FF) as u16);
            } else {
                self.unicode_escape(code as u16);
            }
        }
        Ok(())
    }

    fn unicode_escape(&mut self, unit: u16) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.out.extend_from_slice(&[
            b'\\',
            b'u',
            HEX[usize::from(unit >> 12)],
            HEX[usize::from((unit >> 8) & 0xF)],
            HEX[usize::from((unit >> 4) & 0xF)],
            HEX[usize::from(unit & 0xF)],
        ]);
    }
}

/// The length of the leading run of plain string bytes (printable ASCII but `"` and `\`): the position of the
/// first [`STOP`] byte, if any. Eight bytes at a time, as strings are most of a body.
#[inline]
fn plain_run(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte that is zero; exact up to the first such byte (borrows only run upwards).
    let zero_bytes = |word: u64| word.wrapping_sub(ONES) & !word & HIGHS;
    let mut at = 0;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let stops = zero_bytes(word ^ (ONES * u64::from(b'"')))
            | zero_bytes(word ^ (ONES * u64::from(b'\\')))
            | (word.wrapping_sub(ONES * 0x20) & !word & HIGHS) // below 0x20
            | (word & HIGHS); // non-ASCII
        if stops != 0 {
            return Some(at + (stops.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    bytes[at..].iter().position(|&byte| STOP[usize::from(byte)]).map(|offset| at + offset)
}

/// What an absent or `null` field of `kind` comes out as.
fn empty_value(kind: Kind) -> &'static [u8] {
    match kind {
        Kind::Texts | Kind::Objects(_) | Kind::Rows => b"[]",
        _ => b"null",
    }
}

fn hex4(bytes: &[u8]) -> Step<u16> {
    let mut value = 0u16;
    for &byte in bytes.get(..4).ok_or(Bail)? {
        let digit = match byte {
            b'0'..=b'9' => byte - b'0',
            b'a'..=b'f' => byte - b'a' + 10,
            b'A'..=b'F' => byte - b'A' + 10,
            _ => return Err(Bail),
        };
        value = value << 4 | u16::from(digit);
    }
    Ok(value)
}

/// Whether a number literal is a finite double (serde refuses `1e400`; `JSON.parse` would make it `Infinity`).
/// Short integers always are; anything else is parsed to know.
fn fits_a_double(literal: &[u8]) -> bool {
    if literal.len() <= 15 && !literal.iter().any(|byte| matches!(byte, b'.' | b'e' | b'E')) {
        return true;
    }
    std::str::from_utf8(literal).ok().and_then(|text| text.parse::<f64>().ok()).is_some_and(f64::is_finite)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_run_stops_at_the_first_stop_byte_wherever_it_is() {
        for stop in (0u8..0x20).chain([b'"', b'\\', 0x80, 0xC3, 0xFF]) {
            for length in 0..20 {
                for at in 0..=length {
                    let mut bytes = vec![b'a'; length];
                    bytes.insert(at, stop);
                    // Bytes after the stop that would borrow in a naive word test.
                    bytes.extend_from_slice(&[0x00, b'"', 0x21, 0x01]);
                    assert_eq!(plain_run(&bytes), Some(at), "stop {stop:#x} at {at} of {length}");
                }
            }
        }
        assert_eq!(plain_run(b"plain text without an end, twenty-odd bytes"), None);
        let every_plain: Vec<u8> = (0x20u8..0x80).filter(|byte| !b"\"\\".contains(byte)).collect();
        assert_eq!(plain_run(&every_plain), None);
    }
}
