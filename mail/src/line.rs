//! Reading a client's lines with bounds: at most so many bytes a line, at most so long a wait
//! for one. Every listener but ActiveSync reads through [`LineReader`].
//!
//! A line longer than the bound is read to its end and thrown away, so the connection stays
//! in step and memory stays bounded whatever the client sends; the caller answers it with the
//! protocol's error. [`frame`] is the pure part (where a line ends in a buffer), kept apart for
//! the property tests.

use std::time::Duration;
use tokio::io::{AsyncBufRead, AsyncBufReadExt};

/// One line as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line {
    /// A whole line, its CRLF (or bare LF) included.
    Text(Vec<u8>),
    /// A line longer than the bound, already skipped to its end.
    TooLong,
}

/// Why no line came.
#[derive(Debug, PartialEq, Eq)]
pub enum Closed {
    /// The client closed the connection (a partial last line is dropped).
    Eof,
    /// Nothing for [`crate::Limits::idle`].
    Idle,
    /// The socket failed.
    Broken,
}

/// Where the first line in `buf` ends: the index just past its `\n`, if there is one.
pub fn frame(buf: &[u8]) -> Option<usize> {
    buf.iter().position(|&b| b == b'\n').map(|i| i + 1)
}

/// A reader of bounded lines.
#[derive(Debug)]
pub struct LineReader<R> {
    inner: R,
    max: usize,
    idle: Duration,
    /// The first bytes of the last line skipped as too long (where IMAP finds its tag).
    head: Vec<u8>,
}

/// How much of a skipped line [`LineReader::skipped_head`] keeps.
const HEAD: usize = 64;

impl<R: AsyncBufRead + Unpin> LineReader<R> {
    /// Lines of at most `max` bytes from `inner`, each within `idle`.
    pub fn new(inner: R, max: usize, idle: Duration) -> Self {
        LineReader {
            inner,
            max,
            idle,
            head: Vec::new(),
        }
    }

    /// Wait at most `idle` for each line from now on (a signed-in client may be quiet for
    /// longer than one that has not signed in yet).
    pub fn set_idle(&mut self, idle: Duration) {
        self.idle = idle;
    }

    /// The first bytes (at most 64) of the last line skipped as [`Line::TooLong`].
    pub fn skipped_head(&self) -> &[u8] {
        &self.head
    }

    /// The next line.
    pub async fn line(&mut self) -> Result<Line, Closed> {
        match tokio::time::timeout(self.idle, self.read_line()).await {
            Ok(result) => result,
            Err(_) => Err(Closed::Idle),
        }
    }

    /// Exactly `n` bytes (an IMAP literal), within the idle time for each read.
    pub async fn exact(&mut self, n: usize) -> Result<Vec<u8>, Closed> {
        let mut out = Vec::with_capacity(n.min(self.max));
        while out.len() < n {
            let chunk = match tokio::time::timeout(self.idle, self.inner.fill_buf()).await {
                Err(_) => return Err(Closed::Idle),
                Ok(Err(_)) => return Err(Closed::Broken),
                Ok(Ok([])) => return Err(Closed::Eof),
                Ok(Ok(chunk)) => chunk,
            };
            let take = chunk.len().min(n - out.len());
            out.extend_from_slice(&chunk[..take]);
            self.inner.consume(take);
        }
        Ok(out)
    }

    async fn read_line(&mut self) -> Result<Line, Closed> {
        let mut line = Vec::new();
        let mut too_long = false;
        loop {
            let chunk = match self.inner.fill_buf().await {
                Err(_) => return Err(Closed::Broken),
                Ok([]) => return Err(Closed::Eof),
                Ok(chunk) => chunk,
            };
            let (take, done) = match frame(chunk) {
                Some(end) => (end, true),
                None => (chunk.len(), false),
            };
            if !too_long {
                if line.len() + take > self.max {
                    too_long = true;
                    line.extend_from_slice(&chunk[..take.min(HEAD)]);
                    line.truncate(HEAD);
                    self.head = std::mem::take(&mut line);
                } else {
                    line.extend_from_slice(&chunk[..take]);
                }
            }
            self.inner.consume(take);
            if done {
                return Ok(if too_long {
                    Line::TooLong
                } else {
                    Line::Text(line)
                });
            }
        }
    }

    /// The reader's inner half (to write a reply on the same socket, the caller keeps the
    /// writer apart).
    pub fn get_mut(&mut self) -> &mut R {
        &mut self.inner
    }
}

/// A line without its CRLF (or LF).
pub fn trim_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}
