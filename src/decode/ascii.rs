//! JSON output in ASCII: every non-ASCII character as a `\uXXXX` escape (a surrogate pair above U+FFFF).

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

/// A writer that counts what it is given and keeps it if it has somewhere to (one type for both passes, so that
/// the model's serializer is compiled once).
#[derive(Default)]
pub(crate) struct CountingWriter {
    pub out: Option<Vec<u8>>,
    pub bytes: usize,
}

impl Write for CountingWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.bytes += buf.len();
        if let Some(out) = &mut self.out {
            out.extend_from_slice(buf);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
