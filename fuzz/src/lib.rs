//! Invariant checks shared by the fuzz targets.
//!
//! Every reader hands back `source`, analysis `text` and an [`OffsetMap`] between them. Whatever
//! the input, reports must be able to point into `source` with the map, so the checks here panic
//! (a libFuzzer crash) when a piece or a mapped span falls outside the source or the text, or off
//! a UTF-8 character boundary (slicing there would panic in the report code).

use std::ops::Range;

use crosscheck::document::{Extracted, OffsetMap};

/// How many word spans (and char offsets, for piecewise maps) are mapped per input.
const MAX_SPANS: usize = 256;

/// Checks an [`Extracted`] from any reader.
pub fn check_extracted(e: &Extracted) {
    check_map(&e.source, &e.text, &e.map);
}

/// Checks the map between `source` and `text` and a few spans of `text` through it.
pub fn check_map(source: &str, text: &str, map: &OffsetMap) {
    if map.is_identity() {
        check_identity(source, text, map);
    } else {
        check_pieces(source, text, map);
    }
    let words = words(text);
    for w in &words {
        let r = check_span(source, text, map, w.clone());
        // A word is never markup, so it is copied text: the source says the same.
        if map.is_identity() || within_exact_piece(map, w) {
            assert_eq!(&source[r.clone()], &text[w.clone()], "word {w:?} maps to {r:?}");
        }
    }
    // Spans across words, as sentences and quotes are.
    if let (Some(first), Some(last)) = (words.first(), words.last()) {
        check_span(source, text, map, first.start..last.end);
    }
    for pair in words.windows(2) {
        check_span(source, text, map, pair[0].start..pair[1].end);
        check_span(source, text, map, pair[0].end..pair[1].start);
    }
}

/// Maps a span of `text` and checks the result lies in `source` on character boundaries.
pub fn check_span(source: &str, text: &str, map: &OffsetMap, span: Range<usize>) -> Range<usize> {
    assert!(span.start <= span.end && span.end <= text.len(), "bad test span {span:?}");
    let r = map.span_to_source(span.clone());
    assert!(r.start <= r.end, "span {span:?} maps to reversed {r:?}");
    assert!(r.end <= source.len(), "span {span:?} maps to {r:?}, past the source ({})", source.len());
    assert!(
        source.is_char_boundary(r.start) && source.is_char_boundary(r.end),
        "span {span:?} maps to {r:?}, off a char boundary of the source"
    );
    r
}

/// Identity maps: same length, and the text only blanks (spaces, or newlines between blocks).
fn check_identity(source: &str, text: &str, map: &OffsetMap) {
    assert!(map.pieces().is_empty(), "identity map with pieces");
    assert_eq!(source.len(), text.len(), "identity map but text and source lengths differ");
    for (i, (&s, &t)) in source.as_bytes().iter().zip(text.as_bytes()).enumerate() {
        assert!(s == t || t == b' ' || t == b'\n', "byte {i}: text {t:#x} is neither source {s:#x} nor a blank");
    }
}

/// Piecewise maps: pieces sorted, disjoint, inside both strings, on char boundaries; copied
/// pieces really copy, except for blanks (collapsed white space, boilerplate blanked to spaces).
fn check_pieces(source: &str, text: &str, map: &OffsetMap) {
    let mut prev_end = 0usize;
    for p in map.pieces() {
        assert!(!p.text.is_empty(), "empty piece {p:?}");
        assert!(p.text.start >= prev_end, "piece {p:?} overlaps or is out of order (previous end {prev_end})");
        prev_end = p.text.end;
        assert!(p.text.end <= text.len(), "piece {p:?} ends past the text ({})", text.len());
        assert!(p.source.start <= p.source.end && p.source.end <= source.len(), "piece {p:?} outside the source");
        for (s, at) in [(text, p.text.start), (text, p.text.end), (source, p.source.start), (source, p.source.end)] {
            assert!(s.is_char_boundary(at), "piece {p:?} off a char boundary at {at}");
        }
        if p.copied {
            assert_eq!(p.text.len(), p.source.len(), "copied piece {p:?} changes length");
            let (t, s) = (&text.as_bytes()[p.text.clone()], &source.as_bytes()[p.source.clone()]);
            for (&tb, &sb) in t.iter().zip(s) {
                assert!(tb == sb || tb == b' ', "copied piece {p:?} differs");
            }
        }
    }
    // Every character offset of the text maps into the source, and onto a character boundary
    // where it touches a non-blank character (blanked bytes, such as a multi-byte character
    // turned into spaces, promise no boundary: `Document::source_span` widens those).
    let mut prev_blank = true;
    for (o, c) in text.char_indices().chain([(text.len(), ' ')]).take(MAX_SPANS * 4) {
        let edge = !prev_blank || !c.is_whitespace();
        prev_blank = c.is_whitespace();
        for is_end in [false, true] {
            let s = map.to_source(o, is_end);
            assert!(s <= source.len(), "offset {o} maps to {s}, past the source");
            assert!(!edge || source.is_char_boundary(s), "offset {o} next to a word maps to {s}, off a boundary");
        }
    }
}

fn within_exact_piece(map: &OffsetMap, w: &Range<usize>) -> bool {
    // Collapsed white space can sit in an exact piece too, but a word holds none.
    map.pieces().iter().any(|p| p.copied && p.text.start <= w.start && w.end <= p.text.end)
}

/// Maximal runs of non-white-space characters (at most [`MAX_SPANS`]).
pub fn words(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push(s..i);
                start = None;
                if out.len() >= MAX_SPANS {
                    return out;
                }
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}
