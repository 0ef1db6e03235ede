//! The trainee's input, one line at a time, with bounded memory.
//!
//! [`Lines`] reads any [`BufRead`] (the terminal hands it standard input) and yields each line
//! as it arrives, so a script of any length plays as it streams in. A line is at most
//! [`MAX_LINE_BYTES`] bytes (without its line ending): a longer one is read through to its end
//! and discarded, never held whole; a line that is not UTF-8 is reported too. Either way the
//! reader goes on with the next line.

use std::fmt;
use std::io::{self, BufRead};

/// The longest line the trainer accepts, in bytes, not counting `\n` or `\r\n`.
pub const MAX_LINE_BYTES: usize = 4096;

/// One line of input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line {
    /// A line of text (without its line ending).
    Text(String),
    /// Longer than [`MAX_LINE_BYTES`]; its content was discarded.
    TooLong,
    /// Not valid UTF-8.
    NotUtf8,
}

/// A numbered line (1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Numbered {
    /// Line number in the input.
    pub number: usize,
    /// The line.
    pub line: Line,
}

impl fmt::Display for Numbered {
    /// The message for a line that is skipped (`line 7: not valid UTF-8, ignored`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.line {
            Line::Text(_) => write!(f, "line {}", self.number),
            Line::TooLong => write!(
                f,
                "line {}: longer than {MAX_LINE_BYTES} bytes, ignored",
                self.number
            ),
            Line::NotUtf8 => write!(f, "line {}: not valid UTF-8, ignored", self.number),
        }
    }
}

/// Lines from a reader, each bounded by [`MAX_LINE_BYTES`].
pub struct Lines<R> {
    reader: R,
    number: usize,
}

impl<R: BufRead> Lines<R> {
    /// Read lines from `reader`.
    pub fn new(reader: R) -> Self {
        Lines { reader, number: 0 }
    }

    /// The next line, `None` at the end of the input.
    pub(crate) fn next_line(&mut self) -> io::Result<Option<Numbered>> {
        // Room for the longest line and a `\r` before its `\n`.
        let room = MAX_LINE_BYTES + 1;
        let mut buf: Vec<u8> = Vec::new();
        let mut too_long = false;
        let mut read_any = false;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                if !read_any {
                    return Ok(None);
                }
                break;
            }
            read_any = true;
            let (chunk, used, ends) = match available.iter().position(|&b| b == b'\n') {
                Some(i) => (&available[..i], i + 1, true),
                None => (available, available.len(), false),
            };
            if !too_long {
                if buf.len() + chunk.len() > room {
                    too_long = true;
                    buf = Vec::new();
                } else {
                    buf.extend_from_slice(chunk);
                }
            }
            self.reader.consume(used);
            if ends {
                break;
            }
        }
        self.number += 1;
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
        let line = if too_long || buf.len() > MAX_LINE_BYTES {
            Line::TooLong
        } else {
            match String::from_utf8(buf) {
                Ok(text) => Line::Text(text),
                Err(_) => Line::NotUtf8,
            }
        };
        Ok(Some(Numbered {
            number: self.number,
            line,
        }))
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = io::Result<Numbered>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_line().transpose()
    }
}
