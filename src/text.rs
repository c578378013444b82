//! Text utilities shared by every fact kind: sentence and word boundaries, and folding.
//!
//! All functions work on byte offsets into the analysis text, so whatever a fact kind finds can be
//! mapped back to the source for reporting.

use std::ops::Range;

/// Abbreviations after which a full stop does not end a sentence (compared lowercase, without the
/// dot). Single capital letters (initials, `J. Smith`) are handled separately.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "capt", "sgt", "maj", "gov", "sen", "rep",
    "rev", "hon", "pres", "amb", "supt", "insp", "no", "nos", "vol", "pp", "fig", "vs", "etc", "e.g", "i.e", "cf",
    "approx", "inc", "ltd", "co", "corp", "bros", "dept", "univ", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "u.s", "u.n", "u.k", "e.u", "a.m", "p.m", "mt", "ft", "est", "ave", "blvd",
];

/// Splits `text` into sentences. A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes
/// or brackets after it) followed by white space and something that can start a sentence, and at
/// every blank line (a paragraph break). Returned ranges are trimmed of surrounding white space and
/// never empty.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    let push = |out: &mut Vec<Range<usize>>, s: usize, e: usize| {
        let r = trim(text, s..e);
        if !r.is_empty() {
            out.push(r);
        }
    };
    while i < bytes.len() {
        let b = bytes[i];
        // Paragraph break: a newline, optional horizontal space, another newline.
        if b == b'\n' {
            let mut j = i + 1;
            while j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\t' || bytes[j] == b'\r') {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'\n' {
                push(&mut out, start, i);
                start = j + 1;
                i = j + 1;
                continue;
            }
            if ends_a_heading_line(text, i, j) {
                push(&mut out, start, i);
                start = j;
                i = j;
                continue;
            }
        }
        let ch = text[i..].chars().next().unwrap();
        let clen = ch.len_utf8();
        if matches!(ch, '.' | '!' | '?' | '…') {
            // Swallow runs of terminators and closing quotes/brackets.
            let mut j = i + clen;
            while j < bytes.len() {
                let c = text[j..].chars().next().unwrap();
                if matches!(c, '.' | '!' | '?' | '…' | '"' | '\'' | '”' | '’' | ')' | ']' | '»') {
                    j += c.len_utf8();
                } else {
                    break;
                }
            }
            let ws_end = skip_ws(text, j);
            if ws_end > j && ws_end < bytes.len() && can_start_sentence(text, ws_end) {
                if ch != '.' || !is_abbreviation(text, start, i) {
                    push(&mut out, start, j);
                    start = ws_end;
                    i = ws_end;
                    continue;
                }
            } else if ws_end >= bytes.len() {
                break;
            }
            i = j;
            continue;
        }
        i += clen;
    }
    push(&mut out, start, bytes.len());
    cut_runaway(text, out)
}

/// The longest sentence passed on, in bytes. Real sentences are far shorter; a text without
/// punctuation (a word list, a transcript, a broken export) is one sentence of megabytes, and
/// every step that reads a whole sentence per fact in it would be quadratic in its length.
pub const MAX_SENTENCE: usize = 8_000;

/// Sentences longer than [`MAX_SENTENCE`] cut into pieces at white space.
fn cut_runaway(text: &str, sentences: Vec<Range<usize>>) -> Vec<Range<usize>> {
    if sentences.iter().all(|r| r.len() <= MAX_SENTENCE) {
        return sentences;
    }
    let mut out = Vec::with_capacity(sentences.len());
    for r in sentences {
        let mut start = r.start;
        while r.end - start > MAX_SENTENCE {
            let limit = crate::span::floor(text, start + MAX_SENTENCE);
            let cut = text[start..limit].rfind(char::is_whitespace).filter(|&p| p > 0).map_or(limit, |p| start + p);
            let cut = if cut > start { cut } else { crate::span::after_char(text, start) };
            let piece = trim(text, start..cut);
            if !piece.is_empty() {
                out.push(piece);
            }
            start = cut;
        }
        let piece = trim(text, start..r.end);
        if !piece.is_empty() {
            out.push(piece);
        }
    }
    out
}

/// A line break after a short line without final punctuation, written like a title (most words
/// capitalised), before a capital or a figure, ends a heading, a masthead or a byline (`ART
/// CRIME REVIEW` / `Issue 58`); a line of hard-wrapped prose is not written like that.
fn ends_a_heading_line(text: &str, newline: usize, next: usize) -> bool {
    const SHORT_LINE: usize = 60;
    let line_start = text[..newline].rfind('\n').map_or(0, |p| p + 1);
    let line = text[line_start..newline].trim();
    if line.is_empty() || line.chars().count() >= SHORT_LINE {
        return false;
    }
    let last = line.chars().next_back().unwrap();
    if matches!(last, '.' | '!' | '?' | ',' | ';' | ':' | '-' | '(' | '“' | '"') {
        return false;
    }
    // A heading is written like one: most of its words capitalised (`Issue 58 - Spring 2025`,
    // `By Miriam Oyelaran-Cole`), not a line of prose that happens to be short.
    let words: Vec<&str> =
        line.split_whitespace().filter(|w| w.chars().next().is_some_and(char::is_alphabetic)).collect();
    let capitalised = words.iter().filter(|w| w.chars().next().is_some_and(char::is_uppercase)).count();
    if words.is_empty() || capitalised * 3 < words.len() * 2 {
        return false;
    }
    let after = skip_ws(text, next);
    after < text.len() && text[after..].starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
}

fn skip_ws(text: &str, mut i: usize) -> usize {
    while i < text.len() {
        let c = text[i..].chars().next().unwrap();
        if c.is_whitespace() {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

fn can_start_sentence(text: &str, i: usize) -> bool {
    let c = text[i..].chars().next().unwrap();
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(c, '"' | '\'' | '“' | '‘' | '«' | '(' | '[' | '—' | '–' | '-' | '*' | '#')
}

/// Whether the word ending just before the full stop at `dot` is an abbreviation or an initial.
fn is_abbreviation(text: &str, floor: usize, dot: usize) -> bool {
    let before = &text[floor..dot];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .map(|p| p + before[p..].chars().next().unwrap().len_utf8())
        .unwrap_or(0);
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let mut chars = word.chars();
    let first = chars.next().unwrap();
    if chars.next().is_none() && first.is_uppercase() {
        return true; // an initial: "J. Smith"
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// Trims white space from both ends of a range of `text`.
pub fn trim(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        return r.start..r.start;
    }
    r.start + lead..r.end - trail
}

/// A word: a run of letters and digits, with inner apostrophes, hyphens and dots between
/// alphanumerics (`O'Brien`, `Ovan-Tek`, `U.N`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    pub range: Range<usize>,
    pub text: &'a str,
}

/// The words of `text` within `within`, in order.
pub fn words_in(text: &str, within: Range<usize>) -> Vec<Word<'_>> {
    let within = crate::span::clamp(text, within);
    let mut out = Vec::new();
    let s = &text[within.clone()];
    let mut iter = s.char_indices().peekable();
    let mut cur: Option<usize> = None;
    let mut last_end = 0usize;
    while let Some((i, c)) = iter.next() {
        if c.is_alphanumeric() {
            if cur.is_none() {
                cur = Some(i);
            }
            last_end = i + c.len_utf8();
        } else if cur.is_some()
            && matches!(c, '\'' | '’' | '-' | '‐' | '.')
            && iter.peek().is_some_and(|(_, n)| n.is_alphanumeric())
            && last_end == i
        {
            // joiner inside a word: keep going
        } else if let Some(st) = cur.take() {
            out.push(Word { range: within.start + st..within.start + last_end, text: &s[st..last_end] });
        }
    }
    if let Some(st) = cur {
        out.push(Word { range: within.start + st..within.start + last_end, text: &s[st..last_end] });
    }
    out
}

/// The words of the whole of `text`.
pub fn words(text: &str) -> Vec<Word<'_>> {
    words_in(text, 0..text.len())
}

/// Folds a string for matching: transliterated to ASCII, lowercased, typographic quotes and
/// dashes made plain, white space collapsed.
pub fn fold(s: &str) -> String {
    let ascii = deunicode::deunicode(s);
    let mut out = String::with_capacity(ascii.len());
    let mut space = false;
    for c in ascii.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// Common English function words, ignored when comparing content.
pub const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "even",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "it's",
    "itself",
    "s",
    "t",
    "ll",
    "re",
    "ve",
    "d",
    "m",
    "o",
    "y",
];

pub fn is_stopword(lower: &str) -> bool {
    STOPWORDS.contains(&lower)
}

/// Whether a token is written as code: snake_case, camelCase, a path, a flag, a placeholder
/// (`exclude_patterns`, `nextCursor`, `/v2/stops/{id}`, `--bwlimit`). Such a token is an
/// identifier, not prose: it is kept in Markdown's inline code and compared as written.
pub fn is_identifier(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    // Word characters and the separators of names, paths and placeholders; a regular expression
    // or an expression (`^[a-z_]*$`, `a+b`) is not an identifier.
    let allowed = |c: char| c.is_alphanumeric() || "_-./{}:@$".contains(c);
    if letters == 0 || !word.chars().all(allowed) {
        return false;
    }
    let snake = word.contains('_') && word.split('_').filter(|p| !p.is_empty()).count() >= 2;
    let path = (word.starts_with('/') || word.contains("://")) && word.len() > 2;
    let flag = word.starts_with("--") && word.len() > 3;
    let braces = word.contains('{') && word.contains('}');
    // camelCase: two lowercase letters, then a capital inside (`nextCursor`, not `iPhone`).
    let camel = word.chars().take(2).all(|c| c.is_ascii_lowercase())
        && word.chars().skip(2).any(|c| c.is_ascii_uppercase())
        && word.chars().all(|c| c.is_ascii_alphanumeric())
        && word.len() > 5;
    snake || path || flag || braces || camel
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        sentences(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn splits_on_terminators_and_paragraphs() {
        let t = "Dr. Ada Smith arrived. She said \"hello.\" Then left!\n\nNew paragraph here";
        assert_eq!(split(t), vec!["Dr. Ada Smith arrived.", "She said \"hello.\"", "Then left!", "New paragraph here"]);
    }

    #[test]
    fn a_short_line_without_punctuation_is_a_heading() {
        let t = "ART CRIME REVIEW\nIssue 58 - Spring 2025\n\nThe icon came home. It was wrapped in a towel inside a plastic\ncrate in Sofia. It was seen by Interior\nMinister Ines Varga.";
        assert_eq!(
            split(t),
            vec![
                "ART CRIME REVIEW",
                "Issue 58 - Spring 2025",
                "The icon came home.",
                "It was wrapped in a towel inside a plastic\ncrate in Sofia.",
                "It was seen by Interior\nMinister Ines Varga."
            ]
        );
    }

    #[test]
    fn keeps_initials_and_abbreviations() {
        let t = "J. R. Tolkien met the U.N. envoy on Jan. 5 in St. Petersburg. Next.";
        assert_eq!(split(t).len(), 2);
    }

    #[test]
    fn runaway_sentences_are_cut_at_white_space() {
        let t = format!("Start here. Then {} end", "wörd ".repeat(5_000));
        let s = sentences(&t);
        assert_eq!(&t[s[0].clone()], "Start here.");
        assert!(s.len() > 3 && s[1..].iter().all(|r| r.len() <= MAX_SENTENCE), "{s:?}");
        // Nothing is lost but the white space at the cuts.
        let joined: String = s[1..].iter().map(|r| &t[r.clone()]).collect::<Vec<_>>().join(" ");
        assert_eq!(joined, t["Start here. ".len()..].trim_end());
        let no_space = "x".repeat(20_000);
        assert_eq!(sentences(&no_space).iter().map(|r| r.len()).sum::<usize>(), 20_000);
    }

    #[test]
    fn does_not_split_decimals_or_lowercase_continuations() {
        let t = "It rose 2.5 per cent. e.g. this stays.";
        assert_eq!(split(t), vec!["It rose 2.5 per cent. e.g. this stays."]);
    }

    #[test]
    fn words_keep_inner_joiners() {
        let t = "The Ovan-Tek plant, O’Brien's U.N. office.";
        let w: Vec<&str> = words(t).into_iter().map(|w| w.text).collect();
        assert_eq!(w, vec!["The", "Ovan-Tek", "plant", "O’Brien's", "U.N", "office"]);
    }

    #[test]
    fn fold_transliterates_and_lowercases() {
        assert_eq!(fold("  Zürich  “Ünïcode” "), "zurich \"unicode\"");
    }
}
