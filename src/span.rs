//! Span arithmetic on text: every offset computed by adding, subtracting or measuring (`i + 1`
//! after a quote mark, a window of 80 bytes, a length measured on a lowercased copy) goes through
//! here before it slices a string.
//!
//! Byte offsets are what the pipeline passes around, but a `&str` may only be cut on a UTF-8
//! character boundary, and an offset one byte after a curly quote (3 bytes) or measured on
//! `İ`.to_lowercase() (3 bytes for a 2-byte letter) is not one. Slicing there panics, and one
//! panic used to lose the findings of every document. These helpers never panic: offsets past
//! the end are clamped to it and offsets inside a character move to its start ([`floor`]) or past
//! its end ([`ceil`]).
//!
//! ```
//! use crosscheck::span;
//! let s = "“Yes”, the company said.";
//! assert_eq!(span::floor(s, 1), 0); // inside `“`
//! assert_eq!(span::ceil(s, 1), 3);
//! assert_eq!(span::slice(s, 1..7), "“Yes”"); // widened to whole characters
//! assert_eq!(span::after_char(s, 0), 3);
//! ```

use std::ops::Range;

/// The largest character boundary of `s` at or below `i` (`s.len()` if `i` is past the end).
pub fn floor(s: &str, i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    let mut i = i;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest character boundary of `s` at or above `i` (`s.len()` if `i` is past the end).
pub fn ceil(s: &str, i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    let mut i = i;
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// `r` widened to character boundaries and kept inside `s`: the start floored, the end ceiled,
/// and never an end before the start.
pub fn clamp(s: &str, r: Range<usize>) -> Range<usize> {
    let start = floor(s, r.start);
    start..ceil(s, r.end).max(start)
}

/// `r` narrowed to character boundaries inside `s`: the end floored, the start ceiled but never
/// past the end (empty, at the end, if nothing whole is left). For windows that must not grow
/// past a limit.
pub fn shrink(s: &str, r: Range<usize>) -> Range<usize> {
    let end = floor(s, r.end);
    ceil(s, r.start.min(end))..end
}

/// The text of `r` in `s`, widened to character boundaries as [`clamp`] does; never panics.
pub fn slice(s: &str, r: Range<usize>) -> &str {
    &s[clamp(s, r)]
}

/// The boundary after the character that starts at or contains byte `i` (`s.len()` at the end):
/// where `i + 1` was meant after a one-character mark such as a quote.
pub fn after_char(s: &str, i: usize) -> usize {
    let i = floor(s, i);
    s[i..].chars().next().map_or(s.len(), |c| i + c.len_utf8())
}

/// A window of at most `before` bytes before `r` and `after` bytes after it, on character
/// boundaries and inside `s` (it never grows past the limits, so it may be a little smaller).
pub fn window(s: &str, r: Range<usize>, before: usize, after: usize) -> Range<usize> {
    let r = clamp(s, r);
    let start = ceil(s, r.start.saturating_sub(before));
    let end = floor(s, r.end.saturating_add(after));
    start.min(r.start)..end.max(r.end)
}

/// The part of `outer` within `reach` bytes of `inner`, on character boundaries: a sentence cut
/// down to the neighbourhood of one fact in it. With a reach far beyond real sentences it only
/// bounds runaway ones (a text without punctuation is one sentence of megabytes), where reading
/// the whole sentence again for every fact in it made the work quadratic.
pub fn near(s: &str, outer: Range<usize>, inner: Range<usize>, reach: usize) -> Range<usize> {
    let w = window(s, inner, reach, reach);
    let o = clamp(s, outer);
    let start = o.start.max(w.start);
    start..o.end.min(w.end).max(start)
}

/// The byte offset in `original` of byte `i` of a copy made from it one character at a time by
/// `f`, as `to_lowercase` does, which changes byte lengths (`İ` is 2 bytes, its lowercase 3).
/// Offsets inside a mapped character go to the start of the original one; offsets past the end
/// give `original.len()`.
pub fn map_back(original: &str, i: usize, f: impl Fn(char) -> String) -> usize {
    let mut m = 0usize;
    for (o, c) in original.char_indices() {
        let n = f(c).len();
        if i < m + n {
            return o;
        }
        m += n;
    }
    original.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_and_ceil_stay_on_boundaries_and_inside() {
        let s = "a“b”";
        for i in 0..=s.len() + 3 {
            let (f, c) = (floor(s, i), ceil(s, i));
            assert!(s.is_char_boundary(f) && s.is_char_boundary(c), "{i}");
            assert!(f <= i.min(s.len()) && c >= i.min(s.len()) && c <= s.len(), "{i}");
        }
        assert_eq!((floor(s, 2), ceil(s, 2)), (1, 4));
    }

    #[test]
    fn clamp_widens_and_shrink_narrows() {
        let s = "x“y”z";
        assert_eq!(clamp(s, 2..6), 1..8);
        assert_eq!(shrink(s, 2..6), 4..5);
        #[allow(clippy::reversed_empty_ranges)] // reversed input is what is tested
        let (reversed, reversed2) = (9..2, 7..2);
        assert_eq!(clamp(s, reversed), 9..9);
        assert_eq!(shrink(s, 2..3), 1..1);
        assert_eq!(shrink(s, reversed2), 1..1);
        assert_eq!(slice(s, 2..100), "“y”z");
    }

    #[test]
    fn after_char_steps_over_a_whole_character() {
        let s = "”, the";
        assert_eq!(after_char(s, 0), 3);
        assert_eq!(after_char(s, 1), 3);
        assert_eq!(after_char(s, 3), 4);
        assert_eq!(after_char(s, s.len()), s.len());
    }

    #[test]
    fn window_never_grows_past_its_limits() {
        let s = "««« x »»»";
        let at = s.find('x').unwrap();
        let w = window(s, at..at + 1, 2, 2);
        assert!(w.start <= at && w.end > at && at - w.start <= 2 && w.end - (at + 1) <= 2, "{w:?}");
        assert_eq!(&s[w], " x ");
        assert_eq!(window(s, 0..1, 10, 0), 0..2);
    }

    #[test]
    fn near_cuts_a_long_outer_range_around_the_inner_one() {
        let s = format!("{}NEEDLE{}", "a b ".repeat(1000), " c d".repeat(1000));
        let at = s.find("NEEDLE").unwrap();
        let r = near(&s, 0..s.len(), at..at + 6, 10);
        assert_eq!(r, at - 10..at + 16);
        // A short outer range is kept whole.
        assert_eq!(near(&s, at - 4..at + 8, at..at + 6, 10), at - 4..at + 8);
        // Never past the reach, so a multi-byte neighbour is left out.
        assert_eq!(near("“x”", 0..7, 3..4, 1), 3..4);
    }

    #[test]
    fn map_back_undoes_length_changing_case() {
        let s = "Acme İİ Ltd";
        let lower = s.to_lowercase();
        assert_ne!(lower.len(), s.len());
        let at = lower.find("ltd").unwrap();
        let o = map_back(s, at, |c| c.to_lowercase().collect());
        assert_eq!(&s[o..], "Ltd");
        assert_eq!(map_back(s, lower.len(), |c| c.to_lowercase().collect()), s.len());
    }
}
