//! Maps byte offsets in a document's *analysis text* back to its *source*.
//!
//! Readers often cannot analyse the bytes a user wrote: HTML has tags and entities, Word files are
//! zipped XML. A reader therefore builds a separate analysis text out of pieces and records, for
//! every piece, where it came from. Reports always point into the source, so a finding in an HTML
//! page names the line and column of the real file, not of some intermediate string.
//!
//! A *copied* piece (text taken from the source as it stands) is mapped byte for byte; any other
//! piece (a decoded entity such as `&amp;`, white space collapsed to one space) maps every offset
//! inside it to the start of its source range, and its end to the source end. Whether a piece is
//! copied is recorded, never guessed from lengths: `&#0` decodes to U+FFFD, three bytes for three.

use std::ops::Range;

/// One run of analysis text and the source bytes it was made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: Range<usize>,
    pub source: Range<usize>,
    /// The text is the source's bytes (blanks aside), so offsets inside map one to one.
    pub copied: bool,
}

/// Piecewise map from analysis-text offsets to source offsets. Pieces are sorted by `text.start`
/// and do not overlap; gaps in the text (separators a reader inserted) map to the nearest piece.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    pieces: Vec<Piece>,
    identity: bool,
}

impl OffsetMap {
    /// The map of a document whose analysis text has the same bytes positions as its source
    /// (plain text, and Markdown whose skipped parts were blanked with spaces).
    pub fn identity() -> Self {
        OffsetMap { pieces: Vec::new(), identity: true }
    }

    /// An empty map to which a reader pushes pieces in text order.
    pub fn new() -> Self {
        OffsetMap { pieces: Vec::new(), identity: false }
    }

    pub fn is_identity(&self) -> bool {
        self.identity
    }

    /// Records that `text` (a range of the analysis text) was copied from `source`, or made from
    /// it when the lengths differ (collapsed white space). Pieces must be pushed in increasing
    /// text order; adjacent copied pieces are merged.
    pub fn push(&mut self, text: Range<usize>, source: Range<usize>) {
        let copied = text.len() == source.len();
        self.add(Piece { text, source, copied });
    }

    /// Records that `text` was decoded from `source` (an entity): never byte for byte, whatever
    /// the lengths, and never merged with its neighbours.
    pub fn push_decoded(&mut self, text: Range<usize>, source: Range<usize>) {
        self.add(Piece { text, source, copied: false });
    }

    fn add(&mut self, piece: Piece) {
        debug_assert!(!self.identity, "push on an identity map");
        if piece.text.is_empty() {
            return;
        }
        if let Some(last) = self.pieces.last_mut() {
            debug_assert!(last.text.end <= piece.text.start, "pieces out of order");
            if last.copied && piece.copied && last.text.end == piece.text.start && last.source.end == piece.source.start
            {
                last.text.end = piece.text.end;
                last.source.end = piece.source.end;
                return;
            }
        }
        self.pieces.push(piece);
    }

    /// Forgets the text from `len` on, for a reader that shortens its text after mapping it
    /// (trailing white space): pieces past `len` go and a piece across it is cut at `len`.
    pub fn truncate(&mut self, len: usize) {
        self.pieces.retain(|p| p.text.start < len);
        if let Some(last) = self.pieces.last_mut().filter(|p| p.text.end > len) {
            if last.copied {
                last.source.end -= last.text.end - len;
            }
            last.text.end = len;
        }
    }

    pub fn pieces(&self) -> &[Piece] {
        &self.pieces
    }

    /// The source offset of analysis-text offset `offset`. `is_end` says whether the offset closes
    /// a span (then an offset at a piece boundary maps to that piece's source end).
    pub fn to_source(&self, offset: usize, is_end: bool) -> usize {
        if self.identity {
            return offset;
        }
        if self.pieces.is_empty() {
            return 0;
        }
        // The last piece starting at or before `offset` (for an end, strictly before).
        let idx = self.pieces.partition_point(|p| if is_end { p.text.start < offset } else { p.text.start <= offset });
        let piece = if idx == 0 { &self.pieces[0] } else { &self.pieces[idx - 1] };
        if offset <= piece.text.start {
            return piece.source.start;
        }
        if offset >= piece.text.end {
            return piece.source.end;
        }
        if piece.copied {
            piece.source.start + (offset - piece.text.start)
        } else {
            piece.source.start
        }
    }

    /// Maps a whole span of analysis text to the source span it came from.
    pub fn span_to_source(&self, span: Range<usize>) -> Range<usize> {
        let start = self.to_source(span.start, false);
        let end = self.to_source(span.end, true).max(start);
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_maps_to_itself() {
        let m = OffsetMap::identity();
        assert_eq!(m.span_to_source(3..9), 3..9);
    }

    #[test]
    fn copied_and_decoded_pieces() {
        // source: "<p>A &amp; B</p>" ; text: "A & B"
        let mut m = OffsetMap::new();
        m.push(0..2, 3..5); // "A "
        m.push(2..3, 5..10); // "&" from "&amp;"
        m.push(3..5, 10..12); // " B"
        assert_eq!(m.pieces().len(), 3);
        assert_eq!(m.span_to_source(0..1), 3..4);
        assert_eq!(m.span_to_source(2..3), 5..10);
        assert_eq!(m.span_to_source(0..5), 3..12);
        assert_eq!(m.span_to_source(4..5), 11..12);
    }

    #[test]
    fn adjacent_exact_pieces_merge() {
        let mut m = OffsetMap::new();
        m.push(0..3, 10..13);
        m.push(3..6, 13..16);
        assert_eq!(m.pieces().len(), 1);
        // A gap in the text (an inserted separator) maps to the neighbouring piece's edge.
        m.push(7..9, 20..22);
        assert_eq!(m.to_source(6, false), 16);
        assert_eq!(m.to_source(7, false), 20);
    }

    #[test]
    fn decoded_piece_of_the_same_length_is_never_copied() {
        // "a &#0b": `&#0` decodes to U+FFFD, as many bytes as the reference itself.
        let mut m = OffsetMap::new();
        m.push(0..2, 0..2); // "a "
        m.push_decoded(2..5, 2..5); // "\u{fffd}"
        m.push(5..6, 5..6); // "b"
        assert_eq!(m.pieces().len(), 3);
        assert!(!m.pieces()[1].copied);
        // An offset inside the decoded character maps to the reference's start, not into it.
        assert_eq!(m.to_source(3, false), 2);
        assert_eq!(m.span_to_source(2..5), 2..5);
        assert_eq!(m.span_to_source(5..6), 5..6);
    }

    #[test]
    fn truncate_cuts_pieces_at_the_new_end() {
        let mut m = OffsetMap::new();
        m.push(0..4, 10..14); // "abc " with a collapsed newline
        m.push(4..6, 20..26); // "\u{a0}" from "&nbsp;"
        m.truncate(3);
        assert_eq!(m.pieces(), &[Piece { text: 0..3, source: 10..13, copied: true }]);
        assert_eq!(m.span_to_source(0..3), 10..13);
    }
}
