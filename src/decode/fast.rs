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
use super::{BodySource, BOM};

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

/// The body is read a window of this size at a time: wasm memory holds the window, not the body.
pub(crate) const WINDOW_BYTES: usize = 64 * 1024;

/// The most a token needs in the window at once (a number, an int32 string, a field name); longer ones are left to
/// serde. At most half the smallest window.
const LOOKAHEAD: usize = 160;

/// The smallest window (tests use it to read bodies in many small windows).
pub(crate) const MIN_WINDOW_BYTES: usize = 2 * LOOKAHEAD;

/// Writes the normalized JSON of `body` (past a leading BOM) through `out`, handing `flush` each piece of about
/// [`PIECE_BYTES`] (the rest stays in `out`). On `Err`, what was written is void.
pub(crate) fn transcode_response(
    body: &dyn BodySource,
    window_bytes: usize,
    out: &mut Vec<u8>,
    flush: &mut dyn FnMut(&[u8]),
) -> Step {
    let mut head = [0u8; 3];
    let offset = if body.read_at(0, &mut head) == BOM.len() && head == BOM { BOM.len() } else { 0 };
    let window = vec![0; window_bytes.min(body.len()).max(MIN_WINDOW_BYTES)];
    let mut transcoder =
        Transcoder { body, window, at: 0, end: 0, read: offset, ended: false, out, depth: 0, flush, flushed: 0 };
    transcoder.whitespace();
    transcoder.expect(b'{')?;
    transcoder.object(&RESPONSE)?;
    transcoder.whitespace();
    match transcoder.peek() {
        None => Ok(()),
        Some(_) => Err(Bail),
    }
}

struct Transcoder<'a> {
    body: &'a dyn BodySource,
    /// `window[at..end]` are the body's next unread bytes.
    window: Vec<u8>,
    at: usize,
    end: usize,
    /// Where in the body the next read starts.
    read: usize,
    /// The body has no more bytes.
    ended: bool,
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

impl Transcoder<'_> {
    /// The offset in the body of the next byte to read.
    #[inline]
    fn input_offset(&self) -> usize {
        self.read - (self.end - self.at)
    }

    /// The offset in the whole output, flushed pieces included.
    #[inline]
    fn position(&self) -> usize {
        self.flushed + self.out.len()
    }

    #[inline]
    fn peek(&mut self) -> Option<u8> {
        if self.at == self.end && !self.refill() {
            return None;
        }
        Some(self.window[self.at])
    }

    /// Moves the unread bytes to the window's start and reads more after them; false at the body's end.
    fn refill(&mut self) -> bool {
        if self.ended {
            return false;
        }
        self.window.copy_within(self.at..self.end, 0);
        self.end -= self.at;
        self.at = 0;
        let count = self.body.read_at(self.read, &mut self.window[self.end..]);
        self.read += count;
        self.end += count;
        self.ended = count == 0;
        count > 0
    }

    /// At least `count` (at most [`LOOKAHEAD`]) unread bytes in the window, unless the body ends first.
    #[inline]
    fn ensure(&mut self, count: usize) {
        while self.end - self.at < count && self.refill() {}
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
        self.ensure(word.len());
        if self.window[self.at..self.end].starts_with(word) {
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
                let hint = next.unwrap_or(0);
                let found = self.field_key(schema, hint)?;
                self.whitespace();
                self.expect(b':')?;
                self.whitespace();
                match found {
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
                        let end = u32::try_from(self.position()).map_err(|_| Bail)?; // spans hold 32-bit offsets
                        spans[count] = Span { field: index as u8, start: start as u32, end };
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
        if self.position() > self.input_offset().saturating_mul(OUTPUT_PER_INPUT_BYTE).saturating_add(OUTPUT_SLACK) {
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

    /// After `{` or `,`: a member's name, as the index of the model field it names (`None` for an unknown one).
    /// Names with escapes are left to serde (it would unescape them).
    fn field_key(&mut self, schema: &Schema, hint: usize) -> Step<Option<usize>> {
        self.expect(b'"')?;
        self.ensure(LOOKAHEAD);
        let start = self.at;
        match plain_run(&self.window[start..self.end]) {
            Some(length) if self.window[start + length] == b'"' => {
                self.at = start + length + 1;
                Ok(schema.find(&self.window[start..start + length], hint))
            }
            // Non-ASCII, or longer than any field name: no model field, skipped as an unknown one.
            Some(length) if self.window[start + length] >= 0x80 => self.string_body::<false>().map(|()| None),
            None if self.end - start >= LOOKAHEAD => self.string_body::<false>().map(|()| None),
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

    fn int32(&mut self) -> Step {
        let value = if self.peek() == Some(b'"') {
            self.at += 1;
            self.ensure(LOOKAHEAD);
            let start = self.at;
            let length = self.window[start..self.end].iter().position(|&byte| byte == b'"').ok_or(Bail)?;
            self.at = start + length + 1;
            int32_digits(&self.window[start..start + length])?
        } else {
            let (start, end) = self.number()?;
            if &self.window[start..end] == b"-0" {
                return Err(Bail); // serde reads `-0` as a float
            }
            int32_digits(&self.window[start..end])?
        };
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
    fn array(&mut self, item: impl FnMut(&mut Self) -> Step) -> Step {
        self.sequence::<true>(b'[', b']', item)
    }

    /// At `open`: comma-separated items up to `close`, each by `item` (called at the item's first byte), written
    /// when `EMIT`. Every container goes through here: arrays of the model and free-form arrays and objects.
    fn sequence<const EMIT: bool>(&mut self, open: u8, close: u8, mut item: impl FnMut(&mut Self) -> Step) -> Step {
        self.nest()?;
        self.at += 1;
        self.emit::<EMIT>(&[open]);
        self.whitespace();
        if self.peek() == Some(close) {
            self.at += 1;
        } else {
            loop {
                self.whitespace();
                item(self)?;
                self.whitespace();
                match self.peek() {
                    Some(b',') => {
                        self.at += 1;
                        self.emit::<EMIT>(b",");
                        if EMIT {
                            self.hand_on_a_full_piece();
                        }
                    }
                    Some(byte) if byte == close => {
                        self.at += 1;
                        break;
                    }
                    _ => return Err(Bail),
                }
            }
        }
        self.emit::<EMIT>(&[close]);
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
            b'{' => self.sequence::<EMIT>(b'{', b'}', |this| {
                if this.peek() != Some(b'"') {
                    return Err(Bail);
                }
                this.string::<EMIT>()?;
                this.whitespace();
                this.expect(b':')?;
                this.emit::<EMIT>(b":");
                this.whitespace();
                this.free_value::<EMIT>()
            }),
            b'[' => self.sequence::<EMIT>(b'[', b']', |this| this.free_value::<EMIT>()),
            b't' => self.literal(b"true").map(|()| self.emit::<EMIT>(b"true")),
            b'f' => self.literal(b"false").map(|()| self.emit::<EMIT>(b"false")),
            b'n' => self.literal(b"null").map(|()| self.emit::<EMIT>(b"null")),
            _ => {
                let (start, end) = self.number()?;
                let literal = &self.window[start..end];
                if literal == b"-0" || !fits_a_double(literal) {
                    return Err(Bail);
                }
                if EMIT {
                    self.out.extend_from_slice(literal);
                }
                Ok(())
            }
        }
    }

    /// Hands the output on once it makes a piece. Any place will do for the text (pieces are joined); only an
    /// object rewritten into the model's order needs its own output still here (`reorder`).
    #[inline]
    fn hand_on_a_full_piece(&mut self) {
        if self.out.len() >= PIECE_BYTES {
            (self.flush)(self.out);
            self.flushed += self.out.len();
            self.out.clear();
        }
    }

    #[inline]
    fn emit<const EMIT: bool>(&mut self, bytes: &[u8]) {
        if EMIT {
            self.out.extend_from_slice(bytes);
        }
    }

    /// A JSON number's grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`; its bytes' place in the window
    /// (valid until the next read).
    fn number(&mut self) -> Step<(usize, usize)> {
        self.ensure(LOOKAHEAD);
        let bytes = &self.window[..self.end];
        let digit = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_digit);
        let digits = |mut at: usize| {
            while digit(at) {
                at += 1;
            }
            at
        };
        let start = self.at;
        let mut at = start + usize::from(bytes.get(start) == Some(&b'-'));
        match bytes.get(at) {
            Some(b'0') => at += 1,
            Some(b'1'..=b'9') => at = digits(at),
            _ => return Err(Bail),
        }
        if bytes.get(at) == Some(&b'.') {
            if !digit(at + 1) {
                return Err(Bail);
            }
            at = digits(at + 1);
        }
        if let Some(b'e' | b'E') = bytes.get(at) {
            at += 1 + usize::from(matches!(bytes.get(at + 1), Some(b'+' | b'-')));
            if !digit(at) {
                return Err(Bail);
            }
            at = digits(at);
        }
        // One that reaches the end of a full window may go on: longer than any real number, left to serde.
        if at == self.end && !self.ended {
            return Err(Bail);
        }
        self.at = at;
        Ok((start, at))
    }

    /// At `"`: a string, checked (escapes, surrogate pairs, UTF-8) and, when `EMIT`, written as ASCII: escapes as
    /// sent, other non-ASCII characters as `\uXXXX`.
    fn string<const EMIT: bool>(&mut self) -> Step {
        self.at += 1;
        self.emit::<EMIT>(b"\"");
        self.string_body::<EMIT>()
    }

    /// After a string's opening `"`: the rest of it.
    fn string_body<const EMIT: bool>(&mut self) -> Step {
        let string_start = self.position();
        loop {
            let start = self.at;
            let run = plain_run(&self.window[start..self.end]);
            let stop = run.map_or(self.end, |run| start + run);
            if EMIT {
                self.out.extend_from_slice(&self.window[start..stop]);
            }
            self.at = stop;
            // A string of many megabytes is handed on as it goes. Only such a one: in an object whose fields come
            // out of order, the object's start must still be here to be rewritten (or serde takes over).
            if EMIT && self.position() - string_start >= PIECE_BYTES {
                self.hand_on_a_full_piece();
            }
            if run.is_none() {
                if !self.refill() {
                    return Err(Bail);
                }
                continue;
            }
            match self.window[self.at] {
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
        self.ensure(12);
        let bytes = &self.window[..self.end];
        let start = self.at;
        let length = match bytes.get(start + 1).ok_or(Bail)? {
            b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => 2,
            b'u' => match hex4(bytes.get(start + 2..start + 6).ok_or(Bail)?)? {
                0xD800..=0xDBFF => {
                    // A leading surrogate must be followed by an escaped trailing one.
                    let next = bytes.get(start + 6..start + 12).ok_or(Bail)?;
                    if !next.starts_with(b"\\u") || !(0xDC00..=0xDFFF).contains(&hex4(&next[2..])?) {
                        return Err(Bail);
                    }
                    12
                }
                0xDC00..=0xDFFF => return Err(Bail),
                _ => 6,
            },
            _ => return Err(Bail),
        };
        if EMIT {
            self.out.extend_from_slice(&bytes[start..start + length]);
        }
        self.at = start + length;
        Ok(())
    }

    /// At a non-ASCII byte: one UTF-8 character, checked, written as `\uXXXX` (two for a supplementary character).
    fn non_ascii<const EMIT: bool>(&mut self) -> Step {
        self.ensure(4);
        let lead = self.window[self.at];
        let (width, least, bits) = match lead {
            0xC2..=0xDF => (2, 0x80, lead & 0x1F),
            0xE0..=0xEF => (3, 0x800, lead & 0x0F),
            0xF0..=0xF4 => (4, 0x1_0000, lead & 0x07),
            _ => return Err(Bail),
        };
        let mut code = u32::from(bits);
        for &byte in self.window[..self.end].get(self.at + 1..self.at + width).ok_or(Bail)? {
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

/// An int32 from the digits pattern.
fn int32_digits(bytes: &[u8]) -> Step<i32> {
    std::str::from_utf8(bytes).ok().and_then(parse_int32_digits).ok_or(Bail)
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
