//! The one tokenizer: words, numbers, punctuation and code-like identifiers, as byte ranges of
//! the analysis text.
//!
//! Tokens follow the conventions of the Universal Dependencies English treebank the tagger was
//! trained on (punctuation apart, `do` + `n't`, `John` + `'s`, `US` + `-` + `based`), so that
//! the tagger sees what it learnt from. Each token records whether white space came before it,
//! so later stages can rejoin what the tokenizer split (`Hovan` `-` `Tek` is one name).
//! Identifiers that a documentation page writes in code (`exclude_patterns`,
//! `PEBBLE_SYNC_TOKEN`, `/v2/stops/{id}`, `--bwlimit`, `config.toml`) stay one token.

use std::ops::Range;

use crate::lexicon;

/// One token: a byte range of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub span: Range<usize>,
    /// White space (or the start of the range) comes right before it.
    pub space_before: bool,
}

const OPENERS: &[char] = &['"', '“', '‘', '\'', '(', '[', '{', '«', '‹', '¿', '¡', '`', '*', '„', '”', '’'];
const CLOSERS: &[char] =
    &['.', ',', ';', ':', '!', '?', ')', ']', '}', '”', '’', '"', '\'', '»', '›', '…', '`', '*', '“', '‘'];
const CURRENCIES: &[char] = &['$', '€', '£', '¥', '₪', '₩', '₹', '₦', '₺', '₽', '₴', '₫', '฿', '₱', '₣'];
/// Clitics split from the word they end, as the treebank does (longest first).
const CLITICS: &[&str] = &["n't", "n’t", "'s", "’s", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m"];

/// Tokenizes `text[within]`.
pub fn tokenize(text: &str, within: Range<usize>) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = within.start;
    let end = within.end.min(text.len());
    while i < end {
        let rest = &text[i..end];
        let ws = rest.len() - rest.trim_start().len();
        i += ws;
        if i >= end {
            break;
        }
        let chunk_len = text[i..end].find(char::is_whitespace).unwrap_or(end - i);
        let first = out.len();
        let after = text[i + chunk_len..end].trim_start();
        let figure_follows = after.starts_with(|c: char| c.is_ascii_digit());
        split_chunk(text, i..i + chunk_len, figure_follows, &mut out);
        if let Some(t) = out.get_mut(first) {
            t.space_before = true;
        }
        i += chunk_len;
    }
    out
}

fn push(out: &mut Vec<Token>, span: Range<usize>) {
    if !span.is_empty() {
        out.push(Token { span, space_before: false });
    }
}

/// Splits one run of non-space characters.
fn split_chunk(text: &str, r: Range<usize>, figure_follows: bool, out: &mut Vec<Token>) {
    let s = &text[r.clone()];
    // Peel opening punctuation.
    let mut start = r.start;
    for (i, c) in s.char_indices() {
        if OPENERS.contains(&c) && i + c.len_utf8() < s.len() {
            push(out, r.start + i..r.start + i + c.len_utf8());
            start = r.start + i + c.len_utf8();
        } else {
            break;
        }
    }
    // Peel closing punctuation (kept in `tail`, pushed after the core).
    let mut end = r.end;
    let mut tail: Vec<Range<usize>> = Vec::new();
    loop {
        let core = &text[start..end];
        let Some(c) = core.chars().next_back() else { break };
        if !CLOSERS.contains(&c) || core.len() == c.len_utf8() {
            break;
        }
        if c == '.' && keeps_its_dot(core, figure_follows) {
            break;
        }
        // `...` stays one token.
        if c == '.' && core.ends_with("...") && core.len() > 3 {
            tail.push(end - 3..end);
            end -= 3;
            continue;
        }
        tail.push(end - c.len_utf8()..end);
        end -= c.len_utf8();
    }
    split_core(text, start..end, out);
    for t in tail.into_iter().rev() {
        push(out, t);
    }
}

/// A full stop that belongs to its word: an abbreviation (`Mr.`, `Jan.`, `No.` before a figure),
/// an initial (`J.`), or dotted letters (`U.S.`, `e.g.`).
fn keeps_its_dot(core: &str, figure_follows: bool) -> bool {
    let word = core.trim_end_matches('.');
    if word.is_empty() || core.len() - word.len() > 1 {
        return false;
    }
    let mut chars = word.chars();
    let first = chars.next().unwrap();
    if chars.next().is_none() {
        return first.is_alphabetic() && first.is_uppercase();
    }
    let lower = word.to_lowercase();
    if lexicon::is_abbreviation(&lower, figure_follows) {
        return true;
    }
    // `U.S`, `e.g`: letters separated by single dots.
    word.split('.').all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic)) && word.contains('.')
}

/// Text that a documentation page writes as code: it stays one token.
fn code_like(s: &str) -> bool {
    let letters = s.chars().any(char::is_alphabetic);
    letters
        && (s.contains('_')
            || s.contains('{')
            || s.contains("://")
            || (s.starts_with('/') && s.len() > 1)
            || (s.starts_with("--") && s[2..].starts_with(|c: char| c.is_ascii_alphabetic()))
            || (s.contains('@') && !s.starts_with('@'))
            || dotted_name(s))
}

/// `config.toml`, `example.com`, `v2.4.1`: a dot between word characters that is not a sentence
/// end or an abbreviation.
fn dotted_name(s: &str) -> bool {
    let b = s.as_bytes();
    (1..b.len().saturating_sub(1)).any(|i| {
        b[i] == b'.'
            && b[i - 1].is_ascii_alphanumeric()
            && b[i + 1].is_ascii_alphanumeric()
            && !b[i + 1].is_ascii_uppercase()
            && (b[i - 1].is_ascii_alphabetic() || b[i + 1].is_ascii_alphabetic())
    }) && !s.split('.').all(|p| p.chars().count() <= 1)
        && !s.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

fn split_core(text: &str, r: Range<usize>, out: &mut Vec<Token>) {
    let s = &text[r.clone()];
    if s.is_empty() {
        return;
    }
    if code_like(s) {
        push(out, r);
        return;
    }
    // A currency sign before a figure: `$160` → `$` `160`.
    if let Some(c) = s.chars().next() {
        if CURRENCIES.contains(&c) && s.len() > c.len_utf8() {
            push(out, r.start..r.start + c.len_utf8());
            split_core(text, r.start + c.len_utf8()..r.end, out);
            return;
        }
    }
    // A percent sign after a figure.
    if s.len() > 1 && s.ends_with('%') {
        split_core(text, r.start..r.end - 1, out);
        push(out, r.end - 1..r.end);
        return;
    }
    // Dashes always stand apart; hyphens and slashes between letters split (`US-based`,
    // `and/or`), but not inside figures, dates or phone numbers (`2025-03-18`, `9/11`).
    for (i, c) in s.char_indices() {
        let at = r.start + i;
        let split = match c {
            '—' | '–' => true,
            '-' | '/' | '‐' => {
                let before = s[..i].chars().next_back();
                let after = s[i + c.len_utf8()..].chars().next();
                let numeric = before.is_some_and(|b| b.is_ascii_digit()) && after.is_some_and(|a| a.is_ascii_digit());
                before.is_some() && after.is_some() && !numeric
            }
            _ => false,
        };
        if split {
            split_core(text, r.start..at, out);
            push(out, at..at + c.len_utf8());
            split_core(text, at + c.len_utf8()..r.end, out);
            return;
        }
    }
    // Clitics: `don't` → `do` `n't`, `Ministry's` → `Ministry` `'s`, `parents'` → `parents` `'`.
    let lower = s.to_lowercase();
    if lower.len() == s.len() {
        for cl in CLITICS {
            if lower.len() > cl.len() && lower.ends_with(cl) {
                let cut = r.end - cl.len();
                if text[r.start..cut].chars().all(char::is_alphanumeric) {
                    push(out, r.start..cut);
                    push(out, cut..r.end);
                    return;
                }
            }
        }
    }
    push(out, r);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(t: &str) -> Vec<&str> {
        tokenize(t, 0..t.len()).into_iter().map(|k| &t[k.span]).collect()
    }

    #[test]
    fn table_of_tokenizations() {
        let cases: &[(&str, &[&str])] = &[
            ("The minister said: \"No.\"", &["The", "minister", "said", ":", "\"", "No", ".", "\""]),
            (
                "Mr. Smith met Dr. Jones in the U.S. on Jan. 5.",
                &["Mr.", "Smith", "met", "Dr.", "Jones", "in", "the", "U.S.", "on", "Jan.", "5", "."],
            ),
            ("J. R. Tolkien", &["J.", "R.", "Tolkien"]),
            (
                "I don't think the Ministry's letter came",
                &["I", "do", "n't", "think", "the", "Ministry", "'s", "letter", "came"],
            ),
            ("the parents’ council", &["the", "parents", "’", "council"]),
            ("US-based Hovan-Tek", &["US", "-", "based", "Hovan", "-", "Tek"]),
            ("on 2025-03-18 after 9/11", &["on", "2025-03-18", "after", "9/11"]),
            ("$160 million, 3.4% and €2.4bn", &["$", "160", "million", ",", "3.4", "%", "and", "€", "2.4bn"]),
            (
                "set exclude_patterns or PEBBLE_SYNC_TOKEN.",
                &["set", "exclude_patterns", "or", "PEBBLE_SYNC_TOKEN", "."],
            ),
            ("GET /v2/stops/{stop_id}/departures now", &["GET", "/v2/stops/{stop_id}/departures", "now"]),
            (
                "use --bwlimit in config.toml, see example.com.",
                &["use", "--bwlimit", "in", "config.toml", ",", "see", "example.com", "."],
            ),
            ("(“Yes”), she said…", &["(", "“", "Yes", "”", ")", ",", "she", "said", "…"]),
            ("wait...", &["wait", "..."]),
            ("Russia“ said", &["Russia", "“", "said"]),
            ("No. 5 said no.", &["No.", "5", "said", "no", "."]),
            ("2,500 people — and 1.5 more", &["2,500", "people", "—", "and", "1.5", "more"]),
        ];
        for (text, want) in cases {
            assert_eq!(toks(text), *want, "{text}");
        }
    }

    #[test]
    fn records_space_before_and_stays_on_char_boundaries() {
        let t = "«Ünïcode» İİ—ß “x”.";
        let ts = tokenize(t, 0..t.len());
        for k in &ts {
            assert!(t.is_char_boundary(k.span.start) && t.is_char_boundary(k.span.end));
        }
        let words: Vec<(&str, bool)> = ts.iter().map(|k| (&t[k.span.clone()], k.space_before)).collect();
        assert_eq!(words[0], ("«", true));
        assert_eq!(words[1], ("Ünïcode", false));
        assert!(words.contains(&("İİ", true)));
    }

    #[test]
    fn a_range_inside_the_text() {
        let t = "skip this. Take that.";
        let ts = tokenize(t, 11..t.len());
        assert_eq!(ts.iter().map(|k| &t[k.span.clone()]).collect::<Vec<_>>(), ["Take", "that", "."]);
    }
}
