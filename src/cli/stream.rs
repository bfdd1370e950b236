//! Streaming extraction: input of any size in bounded memory.
//!
//! The text is scanned in windows: `left context + chunk + right context`, where both contexts
//! are at least `overlap` bytes. A window *owns* the matches that start in its chunk; the
//! contexts only let the scanners see what surrounds them. So an IOC crossing a chunk edge is
//! found whole by one window and ignored by the next, which sees it too but starting before its
//! own chunk. What keeps this exact for IOCs shorter than the overlap:
//!
//! - a match crossing the window's edge is not taken: the edge moves back to its start and
//!   the next (larger) window decides it, seeing `overlap` bytes past it (a domain whose
//!   labels continue, a URL whose path goes on);
//! - the next window starts at a word start well before every match crossing its start, so the
//!   scanners segment that stretch of text as the previous window did;
//! - a word crossing the edge and running to the window's end grows the window (an e-mail
//!   address only valid once its top-level domain is seen), up to a cap.
//!
//! Offsets in the results are byte offsets into the whole decoded text.

use super::decode::Decoder;
use ioclens::{Extractor, Match};
use std::io::{self, ErrorKind, Read};

/// Context kept before a match that crossed the edge, for the scanners' look-behind.
const BEFORE: usize = 256;

/// Window sizes, in bytes of text.
#[derive(Clone, Copy, Debug)]
pub struct Chunking {
    pub chunk: usize,
    pub overlap: usize,
}

impl Chunking {
    /// The largest window ever scanned: a window may grow (a very long IOC at the edge) to this.
    pub fn max_window(self) -> usize {
        self.chunk + 2 * self.overlap + 8 * self.overlap.max(self.chunk) + BEFORE
    }
}

/// Text arriving in pieces.
pub trait TextSource {
    /// Appends up to about `want` more bytes of text to `buf`; returns `true` once the input is
    /// exhausted (everything appended).
    fn fill(&mut self, buf: &mut String, want: usize) -> io::Result<bool>;
}

/// A byte reader decoded incrementally.
pub struct ReadSource<R> {
    reader: R,
    decoder: Decoder,
    /// Bytes already read (for sniffing) that come before the rest of the reader.
    head: Vec<u8>,
    raw: Vec<u8>,
}

impl<R: Read> ReadSource<R> {
    pub fn new(reader: R, decoder: Decoder, head: Vec<u8>) -> Self {
        ReadSource {
            reader,
            decoder,
            head,
            raw: Vec::new(),
        }
    }

    /// Bytes that were not valid in the input's encoding.
    pub fn invalid(&self) -> u64 {
        self.decoder.invalid
    }
}

impl<R: Read> TextSource for ReadSource<R> {
    fn fill(&mut self, buf: &mut String, want: usize) -> io::Result<bool> {
        if !self.head.is_empty() {
            let head = std::mem::take(&mut self.head);
            self.decoder.push(&head, buf);
            return Ok(false);
        }
        // Reads are capped so one call never allocates more than a window's worth.
        self.raw.resize(want.clamp(1, 1 << 22), 0);
        loop {
            match self.reader.read(&mut self.raw) {
                Ok(0) => {
                    self.decoder.finish(buf);
                    return Ok(true);
                }
                Ok(n) => {
                    self.decoder.push(&self.raw[..n], buf);
                    return Ok(false);
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }
}

/// A whole string as a source (the sample, HTML text, unit tests).
#[cfg(test)]
pub struct StrSource<'a>(pub &'a str, pub usize);

#[cfg(test)]
impl TextSource for StrSource<'_> {
    fn fill(&mut self, buf: &mut String, want: usize) -> io::Result<bool> {
        let end = floor_boundary(self.0, self.1 + want.max(1));
        let end = if end <= self.1 {
            // `want` fell inside one character: take the whole character.
            self.0[self.1..]
                .chars()
                .next()
                .map_or(self.1, |c| self.1 + c.len_utf8())
        } else {
            end
        };
        buf.push_str(&self.0[self.1..end]);
        self.1 = end;
        Ok(self.1 >= self.0.len())
    }
}

fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Whether the word (whitespace-free run) around `hi` began before it and reaches the end of
/// the window: an IOC in it may only become one past what this window can see (an e-mail
/// address whose top-level domain is at its end).
fn word_runs_past_window(buf: &str, hi: usize) -> bool {
    buf[..hi]
        .chars()
        .next_back()
        .is_some_and(|c| !c.is_whitespace())
        && !buf[hi..].chars().any(char::is_whitespace)
}

/// The start of the word containing `i` (or `i` at a word's start).
fn word_start(buf: &str, i: usize) -> usize {
    buf[..i]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(j, c)| j + c.len_utf8())
}

/// What a streamed extraction observed (tests check the memory bound with it).
#[derive(Debug, Default)]
pub struct Stats {
    /// The largest window held in memory, in bytes.
    pub max_window: usize,
}

/// Hands every match of the source's text to `emit`, in text order, holding at most
/// [`Chunking::max_window`] bytes of text (plus one read) at a time.
pub fn extract_stream(
    ex: &Extractor,
    src: &mut dyn TextSource,
    c: Chunking,
    emit: &mut dyn FnMut(Match),
) -> io::Result<Stats> {
    let chunk = c.chunk.max(1);
    let overlap = c.overlap.max(1);
    let cap = c.max_window();
    let mut stats = Stats::default();
    let mut buf = String::new();
    // Offsets in the whole text: of buf[0]; of the first byte this window may own a match at;
    // of the previous window's edge (each window's edge is a chunk further).
    let (mut base, mut accept_from, mut frontier) = (0, 0, 0);
    let mut extra = 0; // growth for a long word at the edge
    let mut eof = false;
    loop {
        let want = (frontier - base) + chunk + overlap + extra;
        while !eof && buf.len() < want {
            let more = want - buf.len();
            eof = src.fill(&mut buf, more)?;
        }
        stats.max_window = stats.max_window.max(buf.len());
        let hi = if eof {
            buf.len()
        } else {
            floor_boundary(&buf, buf.len() - overlap)
        };
        if !eof && hi <= frontier - base {
            // A chunk smaller than one character: take more text.
            extra += chunk;
            continue;
        }
        let can_grow = !eof && buf.len() < cap;
        if can_grow && word_runs_past_window(&buf, hi) {
            extra = (extra * 2).max(chunk.max(overlap));
            continue;
        }
        let found = ex.extract(&buf);
        let acc = accept_from - base;
        // A match crossing the edge is decided by the next window, which sees more of what
        // follows it; so is everything owned from its start on.
        let cut = if can_grow {
            found
                .iter()
                .filter(|m| m.start >= acc && m.start < hi && m.end > hi)
                .map(|m| m.start)
                .min()
                .unwrap_or(hi)
        } else {
            hi
        };
        // The next window must see whole every match crossing its start (its context).
        let crossing = found
            .iter()
            .filter(|m| m.start < cut && m.end > cut)
            .map(|m| m.start)
            .min();
        for mut m in found {
            if m.start >= acc && (eof || m.start < cut) {
                m.start += base;
                m.end += base;
                if let Some(d) = m.decoded_from.as_mut() {
                    d.start += base;
                    d.end += base;
                }
                emit(m);
            }
        }
        if eof {
            return Ok(stats);
        }
        let mut keep = cut - overlap.min(cut);
        if let Some(s) = crossing {
            keep = keep.min(s.saturating_sub(BEFORE));
        }
        // Never start inside a word (its tail could look like an IOC of its own), and keep
        // the word before it too: defang forms join words across spaces (`evil [.] com`), so
        // the first word of a window may be read differently than in the whole text.
        keep = word_start(&buf, floor_boundary(&buf, keep));
        keep = word_start(&buf, floor_boundary(&buf, keep.saturating_sub(BEFORE)));
        if cut - keep > cap / 2 {
            // Past the cap a giant word is given up on rather than memory (never in
            // practice: the cap is megabytes by default).
            keep = floor_boundary(&buf, cut - overlap.min(cut));
        }
        buf.drain(..keep);
        accept_from = base + cut;
        frontier = base + hi;
        base += keep;
        extra = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ioclens::TypeSet;
    use proptest::prelude::*;

    fn all_types() -> Extractor {
        Extractor::builder().types(TypeSet::all()).build()
    }

    fn streamed(ex: &Extractor, text: &str, chunk: usize, overlap: usize) -> (Vec<Match>, Stats) {
        let mut out = Vec::new();
        let stats = extract_stream(
            ex,
            &mut StrSource(text, 0),
            Chunking { chunk, overlap },
            &mut |m| out.push(m),
        )
        .unwrap();
        (out, stats)
    }

    const REPORT: &str = "C2 hxxps[://]cdn-update[.]lantern-sync[.]com/api/v2/check and \
        185.220.101[.]47:8443, mail invoices[at]freight-portal[.]org; CVE-2023-23397 T1059.001 \
        9f2b6d1c0a8e4f3b7d5c2e1a0f9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b é 2a0b:4140:8d4e::2 \
        version 1.2.3.4 aHR0cHM6Ly9ldmlsLmV4YW1wbGUub3JnL3g= C:\\Users\\Public\\svchost32.exe";

    #[test]
    fn every_chunk_size_gives_the_whole_text_result() {
        let ex = all_types();
        let whole = ex.extract(REPORT);
        assert!(whole.len() >= 8, "{whole:?}");
        for chunk in 1..40 {
            for overlap in [80, 130] {
                let (got, _) = streamed(&ex, REPORT, chunk, overlap);
                assert_eq!(got, whole, "chunk {chunk} overlap {overlap}");
            }
        }
    }

    #[test]
    fn an_ioc_longer_than_the_overlap_is_still_found_whole() {
        let ex = all_types();
        let url = format!("https://evil.com/{}", "a".repeat(300));
        let text = format!("{} {url} {}", "x ".repeat(50), " y".repeat(50));
        let (got, _) = streamed(&ex, &text, 16, 32);
        assert_eq!(got, ex.extract(&text));
        assert_eq!(got[0].value, url);
    }

    #[test]
    fn memory_is_bounded_by_the_window_not_the_input() {
        let ex = all_types();
        let text = "see 10.0.0.1 and evil[.]com here. ".repeat(20_000); // ~680 KB
        let c = Chunking {
            chunk: 4096,
            overlap: 256,
        };
        let (got, stats) = streamed(&ex, &text, c.chunk, c.overlap);
        assert_eq!(got.len(), 40_000);
        assert!(stats.max_window <= c.max_window(), "{stats:?}");
        assert!(stats.max_window < 8192, "{stats:?}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn streaming_equals_whole_text(
            parts in proptest::collection::vec(prop_oneof![
                Just("evil[.]com"), Just("1.2.3.4"), Just("hxxp://a.b.org/x?y=1"), Just(" "),
                Just("\n"), Just("."), Just("é"), Just("x@y.net"), Just("CVE-2024-1234"),
                Just("d41d8cd98f00b204e9800998ecf8427e"), Just("[.]"), Just("::1"), Just("ab"),
            ], 0..24),
            chunk in 1usize..24,
            overlap in 48usize..96,
        ) {
            let text: String = parts.concat();
            let ex = all_types();
            let (got, _) = streamed(&ex, &text, chunk, overlap);
            prop_assert_eq!(got, ex.extract(&text));
        }
    }
}
