//! Bytes to text, incrementally: UTF-8 with invalid bytes replaced by U+FFFD (and counted, so
//! the user is warned), or UTF-16 when a byte-order mark says so (Windows tools write it).
//! Feeding the input in pieces gives exactly the text of decoding it whole.

/// The text encoding of an input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
}

/// An incremental decoder.
#[derive(Debug)]
pub struct Decoder {
    enc: Encoding,
    /// Bytes of an incomplete character at the end of the last piece.
    pending: Vec<u8>,
    /// A UTF-16 high surrogate waiting for its pair.
    high: Option<u16>,
    /// Bytes (UTF-8) or code units (UTF-16) that were not valid and became U+FFFD.
    pub invalid: u64,
}

/// Looks at the first bytes: the encoding and the length of its byte-order mark. A UTF-16
/// mark only counts when NUL bytes follow: UTF-16 text has them (every space or line break
/// is one), while `FF FE` in front of ASCII is just two invalid bytes.
pub fn sniff(first: &[u8]) -> (Encoding, usize) {
    let utf16 = first.len() == 2 || first[2.min(first.len())..].contains(&0);
    match first {
        [0xEF, 0xBB, 0xBF, ..] => (Encoding::Utf8, 3),
        [0xFF, 0xFE, ..] if utf16 => (Encoding::Utf16Le, 2),
        [0xFE, 0xFF, ..] if utf16 => (Encoding::Utf16Be, 2),
        _ => (Encoding::Utf8, 0),
    }
}

impl Decoder {
    pub fn new(enc: Encoding) -> Self {
        Decoder {
            enc,
            pending: Vec::new(),
            high: None,
            invalid: 0,
        }
    }

    /// Appends the text of `bytes` to `out`; an incomplete character at the end is kept for the
    /// next call.
    pub fn push(&mut self, bytes: &[u8], out: &mut String) {
        let joined;
        let bytes = if self.pending.is_empty() {
            bytes
        } else {
            let mut v = std::mem::take(&mut self.pending);
            v.extend_from_slice(bytes);
            joined = v;
            &joined[..]
        };
        match self.enc {
            Encoding::Utf8 => self.push_utf8(bytes, out),
            Encoding::Utf16Le | Encoding::Utf16Be => self.push_utf16(bytes, out),
        }
    }

    /// Ends the input: a dangling partial character becomes U+FFFD.
    pub fn finish(&mut self, out: &mut String) {
        if !self.pending.is_empty() || self.high.is_some() {
            self.invalid += 1;
            self.pending.clear();
            self.high = None;
            out.push(char::REPLACEMENT_CHARACTER);
        }
    }

    fn push_utf8(&mut self, mut bytes: &[u8], out: &mut String) {
        loop {
            match std::str::from_utf8(bytes) {
                Ok(s) => {
                    out.push_str(s);
                    return;
                }
                Err(e) => {
                    let (good, rest) = bytes.split_at(e.valid_up_to());
                    // from_utf8 just validated this prefix, so this never falls back.
                    out.push_str(std::str::from_utf8(good).unwrap_or_default());
                    match e.error_len() {
                        Some(n) => {
                            self.invalid += n as u64;
                            out.push(char::REPLACEMENT_CHARACTER);
                            bytes = &rest[n..];
                        }
                        None => {
                            // A character cut by the piece boundary: finish it next time.
                            self.pending.extend_from_slice(rest);
                            return;
                        }
                    }
                }
            }
        }
    }

    fn push_utf16(&mut self, bytes: &[u8], out: &mut String) {
        let whole = bytes.len() & !1;
        self.pending.extend_from_slice(&bytes[whole..]);
        for pair in bytes[..whole].chunks_exact(2) {
            let unit = match self.enc {
                Encoding::Utf16Le => u16::from_le_bytes([pair[0], pair[1]]),
                _ => u16::from_be_bytes([pair[0], pair[1]]),
            };
            match (self.high.take(), unit) {
                (None, 0xD800..=0xDBFF) => self.high = Some(unit),
                (Some(h), 0xDC00..=0xDFFF) => {
                    let c = 0x10000 + ((u32::from(h) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                    out.push(char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER));
                }
                (prev, _) => {
                    if prev.is_some() {
                        self.invalid += 1;
                        out.push(char::REPLACEMENT_CHARACTER);
                    }
                    if (0xD800..=0xDBFF).contains(&unit) {
                        self.high = Some(unit);
                    } else {
                        match char::from_u32(u32::from(unit)) {
                            Some(c) => out.push(c),
                            None => {
                                self.invalid += 1;
                                out.push(char::REPLACEMENT_CHARACTER);
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A reader of any supported encoding that yields UTF-8 (for line-based readers: CSV, JSONL).
pub struct Utf8Reader<R> {
    inner: R,
    decoder: Decoder,
    head: Vec<u8>,
    raw: Vec<u8>,
    text: String,
    pos: usize,
    done: bool,
}

impl<R: std::io::Read> Utf8Reader<R> {
    /// `head`: bytes already taken from `inner` (after any byte-order mark).
    pub fn new(inner: R, decoder: Decoder, head: Vec<u8>) -> Self {
        Utf8Reader {
            inner,
            decoder,
            head,
            raw: vec![0; 64 << 10],
            text: String::new(),
            pos: 0,
            done: false,
        }
    }

    /// Bytes that were not valid in the input's encoding.
    pub fn invalid(&self) -> u64 {
        self.decoder.invalid
    }
}

impl<R: std::io::Read> std::io::Read for Utf8Reader<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.pos == self.text.len() && !self.done {
            self.text.clear();
            self.pos = 0;
            if !self.head.is_empty() {
                let head = std::mem::take(&mut self.head);
                self.decoder.push(&head, &mut self.text);
                continue;
            }
            match self.inner.read(&mut self.raw) {
                Ok(0) => {
                    self.decoder.finish(&mut self.text);
                    self.done = true;
                }
                Ok(n) => self.decoder.push(&self.raw[..n], &mut self.text),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        let n = out.len().min(self.text.len() - self.pos);
        out[..n].copy_from_slice(&self.text.as_bytes()[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_in_pieces(enc: Encoding, bytes: &[u8], piece: usize) -> (String, u64) {
        let mut d = Decoder::new(enc);
        let mut out = String::new();
        for p in bytes.chunks(piece) {
            d.push(p, &mut out);
        }
        d.finish(&mut out);
        (out, d.invalid)
    }

    #[test]
    fn utf8_pieces_equal_whole_lossy_decoding() {
        let samples: &[&[u8]] = &[
            "é😀 evil.com ∑".as_bytes(),
            b"ok \xff\xfe bad \xe2\x82 cut \xf0\x9f\x98",
            b"\xc3",
            b"",
        ];
        for bytes in samples {
            let want = String::from_utf8_lossy(bytes);
            for piece in 1..=bytes.len().max(1) {
                let (got, _) = decode_in_pieces(Encoding::Utf8, bytes, piece);
                assert_eq!(got, want, "piece size {piece} of {bytes:?}");
            }
        }
        assert_eq!(decode_in_pieces(Encoding::Utf8, b"a\xffb", 1).1, 1);
        assert_eq!(decode_in_pieces(Encoding::Utf8, "é".as_bytes(), 1).1, 0);
    }

    #[test]
    fn utf16_both_orders_with_surrogates() {
        let text = "evil[.]com 😀 ok";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for piece in 1..8 {
            assert_eq!(decode_in_pieces(Encoding::Utf16Le, &le, piece).0, text);
            assert_eq!(decode_in_pieces(Encoding::Utf16Be, &be, piece).0, text);
        }
        // A lone high surrogate followed by a letter, and an odd trailing byte.
        let (s, bad) = decode_in_pieces(Encoding::Utf16Le, &[0x00, 0xD8, b'a', 0, b'b'], 1);
        assert_eq!(s, "\u{FFFD}a\u{FFFD}");
        assert_eq!(bad, 2);
    }

    #[test]
    fn utf8_reader_yields_valid_utf8_of_any_input() {
        use std::io::Read;
        let le: Vec<u8> = "a,b\n1,é"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let mut s = String::new();
        Utf8Reader::new(&le[2..], Decoder::new(Encoding::Utf16Le), le[..2].to_vec())
            .read_to_string(&mut s)
            .unwrap();
        assert_eq!(s, "a,b\n1,é");
        let mut r = Utf8Reader::new(&b"x\xffy"[..], Decoder::new(Encoding::Utf8), Vec::new());
        let mut s = String::new();
        r.read_to_string(&mut s).unwrap();
        assert_eq!((s.as_str(), r.invalid()), ("x\u{FFFD}y", 1));
    }

    #[test]
    fn sniffs_byte_order_marks() {
        assert_eq!(sniff(b"\xEF\xBB\xBFx"), (Encoding::Utf8, 3));
        assert_eq!(sniff(b"\xFF\xFEx\0"), (Encoding::Utf16Le, 2));
        assert_eq!(sniff(b"\xFE\xFF\0x"), (Encoding::Utf16Be, 2));
        assert_eq!(sniff(b"plain"), (Encoding::Utf8, 0));
        assert_eq!(sniff(b"\xFF\xFE garbage, not UTF-16"), (Encoding::Utf8, 0));
        assert_eq!(sniff(b""), (Encoding::Utf8, 0));
    }
}
