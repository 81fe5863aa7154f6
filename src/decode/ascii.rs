//! JSON output in ASCII: every non-ASCII character as a `\uXXXX` escape (a surrogate pair above U+FFFF).

use super::JsonSink;
use std::io::{self, Write};

/// A `serde_json` formatter that writes strings in ASCII, the same text the fast path writes.
pub(crate) struct AsciiFormatter;

impl serde_json::ser::Formatter for AsciiFormatter {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        let mut start = 0;
        for (at, character) in fragment.char_indices().filter(|(_, character)| !character.is_ascii()) {
            writer.write_all(&fragment.as_bytes()[start..at])?;
            let mut units = [0u16; 2];
            for unit in character.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            start = at + character.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

/// Hands what `serde_json` writes with [`AsciiFormatter`] to a [`JsonSink`] in pieces of about `piece_bytes`.
pub(crate) struct PieceWriter<'s, S: JsonSink> {
    sink: &'s mut S,
    buffer: Vec<u8>,
    piece_bytes: usize,
}

impl<'s, S: JsonSink> PieceWriter<'s, S> {
    pub(crate) fn new(sink: &'s mut S, piece_bytes: usize) -> Self {
        PieceWriter { sink, buffer: Vec::with_capacity(piece_bytes.min(64 * 1024)), piece_bytes }
    }

    fn hand_on(&mut self) {
        // ASCII (the formatter escapes everything else), so a piece may end anywhere.
        self.sink.write(std::str::from_utf8(&self.buffer).expect("the ASCII formatter writes ASCII"));
        self.buffer.clear();
    }

    /// Hands on the rest.
    pub(crate) fn finish(mut self) {
        self.hand_on();
    }
}

impl<S: JsonSink> Write for PieceWriter<'_, S> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(buf);
        if self.buffer.len() >= self.piece_bytes {
            self.hand_on();
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
