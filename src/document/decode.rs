//! Turns a file's bytes into text: UTF-8 (with or without a byte-order mark), UTF-16 with a
//! byte-order mark, and Windows-1252 as the fallback for anything else that is not binary. UTF-8
//! with a few bad bytes (a truncated paste) stays UTF-8: the bad bytes become U+FFFD and the
//! warning says where the first one is.
//!
//! Saved web pages and office exports come in all of these, and a reader that gave up on a stray
//! `0x92` (a Windows curly apostrophe) would lose a whole article. The fallback is reported as a
//! warning so users know why an odd character may look wrong. Binary files (images, PDFs, zips
//! renamed to `.txt`) are refused instead of being compared as gibberish.
//!
//! ```text
//! decode(b"caf\xe9") == Ok(("café".into(), Some("decoded as Windows-1252: not valid UTF-8".into())))
//! ```
//!
//! Source bytes are kept as they are (no Unicode normalisation), so offsets into the decoded text
//! are what a user's editor shows; [`nfc_is_needed`] tells whether a text has non-NFC sequences.

use std::fmt;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use unicode_normalization::{is_nfc_quick, IsNormalized};

/// Why a file could not be decoded as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeError {
    /// The file has no bytes at all.
    Empty,
    /// The file looks like binary data; the reason says why.
    Binary(&'static str),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => f.write_str("the file is empty"),
            DecodeError::Binary(why) => write!(f, "looks like a binary file ({why})"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// How many leading bytes the binary checks look at: enough to be sure, cheap on big files.
const SNIFF: usize = 8192;

/// Decodes `bytes` to text, with a warning when the result is not exactly what the file said
/// (a legacy encoding was assumed, or malformed sequences were replaced).
pub fn decode(bytes: &[u8]) -> Result<(String, Option<String>), DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some(why) = magic(bytes) {
        return Err(DecodeError::Binary(why));
    }
    let (text, warning) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        decode_with(UTF_8, rest, "UTF-8")
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        decode_with(UTF_16LE, rest, "UTF-16LE")
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        decode_with(UTF_16BE, rest, "UTF-16BE")
    } else {
        if bytes.contains(&0) {
            return Err(DecodeError::Binary("it contains NUL bytes"));
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_string(), None),
            Err(_) if mostly_utf8(bytes) => lossy_utf8(bytes),
            Err(_) => {
                let (s, _, _) = WINDOWS_1252.decode(bytes);
                (s.into_owned(), Some("decoded as Windows-1252: not valid UTF-8".to_string()))
            }
        }
    };
    if text.is_empty() {
        return Err(DecodeError::Empty);
    }
    if text.contains('\0') {
        return Err(DecodeError::Binary("it contains NUL characters"));
    }
    if too_many_controls(&text) {
        return Err(DecodeError::Binary("it is mostly control characters"));
    }
    Ok((text, warning))
}

/// Whether a file that is not valid UTF-8 is still UTF-8 with a few bad bytes (a truncated
/// paste, one stray byte): it has valid multi-byte sequences, and no more bad ones. A
/// Windows-1252 file has almost never a valid multi-byte UTF-8 sequence (its `é` is one byte
/// followed by ASCII), so it keeps the Windows-1252 reading.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    multibyte > 0 && invalid <= multibyte
}

/// UTF-8 with each bad sequence replaced by U+FFFD, and a warning that says where the first is.
fn lossy_utf8(bytes: &[u8]) -> (String, Option<String>) {
    let mut text = String::with_capacity(bytes.len());
    let mut first: Option<(usize, usize)> = None;
    let mut bad = 0usize;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            bad += 1;
            if first.is_none() {
                let line_start = text.rfind('\n').map_or(0, |p| p + 1);
                first = Some((text.matches('\n').count() + 1, text[line_start..].chars().count() + 1));
            }
            text.push('\u{fffd}');
        }
    }
    let (line, column) = first.unwrap_or((1, 1));
    let what = if bad == 1 { "1 invalid byte sequence".to_string() } else { format!("{bad} invalid byte sequences") };
    (text, Some(format!("malformed UTF-8: {what} replaced with U+FFFD (the first at line {line}, column {column})")))
}

fn decode_with(enc: &'static Encoding, bytes: &[u8], name: &str) -> (String, Option<String>) {
    let (s, had_errors) = enc.decode_without_bom_handling(bytes);
    let warning = had_errors.then(|| format!("malformed {name}: invalid sequences were replaced with U+FFFD"));
    (s.into_owned(), warning)
}

/// Signatures of common binary formats that could be given a text extension by mistake. Those
/// without NUL bytes early on (PDF, zip headers are followed by binary data much later) would
/// otherwise slip through as Windows-1252 gibberish.
fn magic(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"%PDF-", "it is a PDF file"),
        (b"PK\x03\x04", "it is a zip archive, such as a .docx file"),
        (b"\x89PNG", "it is a PNG image"),
        (b"GIF8", "it is a GIF image"),
        (b"\xFF\xD8\xFF", "it is a JPEG image"),
        (b"\xD0\xCF\x11\xE0", "it is an old Office document"),
        (b"\x1F\x8B", "it is gzip-compressed"),
        (b"{\\rtf", "it is an RTF document"),
    ];
    SIGNATURES.iter().find(|(sig, _)| bytes.starts_with(sig)).map(|(_, why)| *why)
}

/// Whether the start of `text` has so many control characters that it cannot be prose. Tabs,
/// newlines, carriage returns and form feeds are normal in text files.
fn too_many_controls(text: &str) -> bool {
    let mut total = 0usize;
    let mut controls = 0usize;
    for c in text.chars().take(SNIFF) {
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}') {
            controls += 1;
        }
    }
    // A few stray controls happen in pasted text; a tenth of the characters does not.
    controls * 10 > total
}

/// Whether `text` contains sequences that Unicode NFC would change (a quick check that can say
/// "maybe"; a maybe counts as needed). Useful before comparing text from different sources.
pub fn nfc_is_needed(text: &str) -> bool {
    is_nfc_quick(text.chars()) != IsNormalized::Yes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("Zürich – ok".as_bytes()).unwrap(), ("Zürich – ok".to_string(), None));
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend_from_slice("Kyiv’s mayor".as_bytes());
        assert_eq!(decode(&b).unwrap(), ("Kyiv’s mayor".to_string(), None));
    }

    #[test]
    fn utf16_with_bom() {
        let s = "The court in Lviv ruled on 15 March.";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap(), (s.to_string(), None));
        assert_eq!(decode(&be).unwrap(), (s.to_string(), None));
    }

    #[test]
    fn windows_1252_fallback_warns() {
        let (s, w) = decode(b"The minister\x92s caf\xe9 opened on 2 May.").unwrap();
        assert_eq!(s, "The minister’s café opened on 2 May.");
        assert_eq!(w.as_deref(), Some("decoded as Windows-1252: not valid UTF-8"));
    }

    #[test]
    fn one_bad_byte_in_utf8_is_replaced_not_the_whole_file_reread() {
        let bytes = ["Zürich’s mayor\nsaid “yes” ".as_bytes(), b"\xff", " to the plan.".as_bytes()].concat();
        let (s, w) = decode(&bytes).unwrap();
        assert_eq!(s, "Zürich’s mayor\nsaid “yes” \u{fffd} to the plan.");
        assert_eq!(
            w.as_deref(),
            Some("malformed UTF-8: 1 invalid byte sequence replaced with U+FFFD (the first at line 2, column 12)")
        );
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert!(matches!(decode(b"abc\0def"), Err(DecodeError::Binary(_))));
        assert!(matches!(decode(b"%PDF-1.7\n%\xe2\xe3"), Err(DecodeError::Binary(_))));
        assert!(matches!(decode(b"PK\x03\x04\x14\x00"), Err(DecodeError::Binary(_))));
        let controls: Vec<u8> = (0..200u8).map(|i| if i % 3 == 0 { 0x01 } else { b'a' }).collect();
        assert!(matches!(decode(&controls), Err(DecodeError::Binary(_))));
        assert_eq!(decode(b"\xEF\xBB\xBF"), Err(DecodeError::Empty));
        assert!(DecodeError::Binary("it contains NUL bytes").to_string().contains("NUL"));
    }

    #[test]
    fn malformed_utf16_is_replaced_with_a_warning() {
        // A lone high surrogate in the middle of the text.
        let b = [0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0];
        let (s, w) = decode(&b).unwrap();
        assert_eq!(s, "a\u{FFFD}b");
        assert!(w.unwrap().contains("UTF-16LE"));
    }

    #[test]
    fn nfc_check() {
        assert!(!nfc_is_needed("Café"));
        assert!(nfc_is_needed("Cafe\u{301}"));
    }
}
