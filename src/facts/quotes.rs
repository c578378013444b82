//! Quotations: the spans a writer put between quote marks, with the sentence around them and, when
//! the sentence says so, who is quoted.
//!
//! Quotes matter because two articles that quote the same statement should quote the same words;
//! when they do not (`“open displays”` against `"open expressions"`), one of them misquotes.
//! [`crate::compare::quotes`] pairs the quotes found here across a document set.
//!
//! Real text has broken quoting, so the scanner decides from context, not from the glyph alone:
//! a mark opens when it follows a space or opening punctuation and precedes a word, and closes when
//! it follows a word and precedes a space or punctuation. That handles straight marks, `“…”`,
//! `„…“`, `«…»`, reversed curly marks (`” a loyal ally“`), a closing mark used as opener
//! (`slogan:”Our land`) and a mismatched closer (`the “Kalina’ plant`). A quote never runs
//! across a blank line; an unterminated quote ends at its paragraph end. Single quotes are only
//! taken when a closer follows, so apostrophes (`Norway's`, `'90s`, `rock 'n' roll`) are not
//! quotes. Quotes nested in quotes are part of the outer quote.
//!
//! ```text
//! The union condemned “open displays” of hostility, its leader said.
//!                     ^^^^^^^^^^^^^^^ outer; inner = open displays; a term (two words, no verb)
//! "We will not give up," the minister told reporters.
//! ^^^^^^^^^^^^^^^^^^^^^^ a statement; speaker = the minister
//! ```

use std::ops::Range;

use serde::Serialize;

use crate::text;

/// One quoted span of a document (byte ranges of its analysis text).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// The quote with its marks.
    pub outer: Range<usize>,
    /// The quoted words without marks or surrounding white space.
    pub inner: Range<usize>,
    /// The text of `inner`.
    pub text: String,
    /// False for a name, term or scare quote (`the “Kalina” plant`, `these “gifts”`).
    pub is_statement: bool,
    /// Who the sentence says is quoted, when it says so in a simple pattern.
    pub speaker: Option<(Range<usize>, String)>,
    /// The sentence (or sentences) holding the quote.
    pub sentence: Range<usize>,
}

/// Longest quote taken when a closer is found.
const MAX_QUOTE: usize = 2000;
/// Longest quote taken when no closer is found before the paragraph ends.
const MAX_UNTERMINATED: usize = 1200;
/// Longest single-quoted span: single quotes are mostly short, and apostrophes abound.
const MAX_SINGLE: usize = 400;
/// Longest span closed by a mark of the other family (`“Kalina’`).
const MAX_MISMATCHED: usize = 60;
/// Longest speaker noun phrase, in words.
const MAX_SPEAKER_WORDS: usize = 8;
/// How far from a quote its speaker is looked for, in bytes: far beyond real sentences, so only
/// runaway ones (text without punctuation) are cut.
const REACH: usize = 4_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

fn family(c: char) -> Option<Family> {
    match c {
        '"' | '“' | '”' | '„' | '‟' | '«' | '»' => Some(Family::Double),
        '\'' | '‘' | '’' | '‚' | '‛' | '‹' | '›' => Some(Family::Single),
        _ => None,
    }
}

fn is_quote_char(c: char) -> bool {
    family(c).is_some()
}

/// A quote mark and what its neighbours allow it to be.
#[derive(Debug, Clone)]
struct Mark {
    pos: usize,
    end: usize,
    ch: char,
    fam: Family,
    /// Follows a space or opening punctuation and precedes a word.
    open: bool,
    /// Follows a non-space and precedes a space, punctuation or the end.
    close: bool,
    /// White space (or an end) on both sides, as in `called ” a loyal ally“`.
    floating: bool,
    /// Where the mark's paragraph ends (a blank line or the end of the text).
    para_end: usize,
    prev: Option<char>,
    next: Option<char>,
}

/// Finds the quotes of `text`, in text order.
pub fn find_quotes(text: &str) -> Vec<Quote> {
    let marks = collect_marks(text);
    let mut spans: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    let mut i = 0;
    while i < marks.len() {
        i = match marks[i].fam {
            Family::Double => scan_double(text, &marks, i, &mut spans),
            Family::Single => scan_single(text, &marks, i, &mut spans),
        };
    }
    let sentences = text::sentences(text);
    spans.into_iter().filter_map(|(outer, inner)| build_quote(text, &sentences, outer, inner)).collect()
}

/// Canonical form of quoted words: transliterated, lowercase, quote marks and punctuation folded
/// to spaces, white space collapsed. Two quotes with the same canonical form say the same words.
pub fn canonical(s: &str) -> String {
    let ascii = deunicode::deunicode(s);
    let mut out = String::with_capacity(ascii.len());
    let mut space = false;
    for c in ascii.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c.to_ascii_lowercase());
        } else {
            space = true;
        }
    }
    out
}

/// Start offsets of the blank lines (newline, optional horizontal space, newline).
fn paragraph_breaks(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r') {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'\n' {
                out.push(i);
                i = j;
                continue;
            }
        }
        i += 1;
    }
    out
}

fn collect_marks(text: &str) -> Vec<Mark> {
    let breaks = paragraph_breaks(text);
    let mut marks = Vec::new();
    for (pos, ch) in text.char_indices() {
        let Some(fam) = family(ch) else { continue };
        let end = pos + ch.len_utf8();
        let prev = text[..pos].chars().next_back();
        let next = text[end..].chars().next();
        let open = opens_before(prev) && opens_after(text, end, next);
        let close = closes_before(prev) && closes_after(next);
        let floating = prev.is_none_or(char::is_whitespace) && next.is_none_or(char::is_whitespace);
        let k = breaks.partition_point(|&b| b < pos);
        let para_end = breaks.get(k).copied().unwrap_or(text.len());
        marks.push(Mark { pos, end, ch, fam, open, close, floating, para_end, prev, next });
    }
    marks
}

fn opens_before(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | ':' | '/') || is_quote_char(c),
    }
}

fn opens_after(text: &str, end: usize, next: Option<char>) -> bool {
    match next {
        None => false,
        Some(c) => {
            c.is_alphanumeric()
                || matches!(c, '…' | '(' | '[' | '$' | '£' | '€' | '#' | '¿' | '¡')
                || is_quote_char(c)
                || (c == '.' && text[end..].starts_with("..."))
        }
    }
}

fn closes_before(prev: Option<char>) -> bool {
    prev.is_some_and(|c| !c.is_whitespace() && !matches!(c, '(' | '[' | '{'))
}

fn closes_after(next: Option<char>) -> bool {
    match next {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '…' | '—' | '–' | '-' | '/')
                || is_quote_char(c)
        }
    }
}

/// Handles the double mark `marks[i]`; returns the index of the next mark to look at.
fn scan_double(text: &str, marks: &[Mark], i: usize, spans: &mut Vec<(Range<usize>, Range<usize>)>) -> usize {
    let m = &marks[i];
    if !m.open && !m.floating {
        return i + 1;
    }
    // Nested double quotes raise the depth; the first closer at depth zero ends the outer quote.
    let mut depth = 0usize;
    for (k, c) in marks.iter().enumerate().skip(i + 1) {
        if c.pos >= m.para_end || c.pos - m.end > MAX_QUOTE {
            break;
        }
        if c.fam != Family::Double {
            continue;
        }
        if c.close || c.floating {
            if depth == 0 {
                if !emit(text, spans, m.pos..c.end, m.end..c.pos) {
                    return i + 1;
                }
                return k + 1;
            }
            depth -= 1;
        } else if c.open {
            depth += 1;
        }
    }
    if m.floating {
        return i + 1;
    }
    // A closer of the other family right after a short span: `the “Kalina’ plant`. A plural
    // possessive (`workers’`) is not taken for one.
    for (k, c) in marks.iter().enumerate().skip(i + 1) {
        if c.pos >= m.para_end || c.pos - m.end > MAX_MISMATCHED {
            break;
        }
        if c.fam == Family::Single && c.close && matches!(c.ch, '’' | '\'') && c.prev != Some('s') {
            if emit(text, spans, m.pos..c.end, m.end..c.pos) {
                return k + 1;
            }
            break;
        }
    }
    // Unterminated: the quote runs to the end of its paragraph, if that is not too far.
    let end = text::trim(text, m.end..m.para_end).end.max(m.end);
    if end - m.end <= MAX_UNTERMINATED && emit(text, spans, m.pos..end, m.end..end) {
        return marks.partition_point(|c| c.pos < m.para_end).max(i + 1);
    }
    i + 1
}

/// Handles the single mark `marks[i]`; returns the index of the next mark to look at.
fn scan_single(text: &str, marks: &[Mark], i: usize, spans: &mut Vec<(Range<usize>, Range<usize>)>) -> usize {
    let m = &marks[i];
    // `’` never opens: before a word it is an elision (`’90s`, `’em`).
    if !m.open || !matches!(m.ch, '\'' | '‘' | '‚' | '‹') || !m.next.is_some_and(char::is_alphabetic) {
        return i + 1;
    }
    let in_reach = |c: &Mark| c.pos < m.para_end && c.pos - m.end <= MAX_SINGLE;
    let is_closer = |c: &Mark| c.fam == Family::Single && c.close && matches!(c.ch, '\'' | '’' | '›' | '‘');
    for (k, c) in marks.iter().enumerate().skip(i + 1) {
        if !in_reach(c) {
            break;
        }
        if !is_closer(c) {
            continue;
        }
        // `the workers’ party’`: a plural possessive before a lowercase word is passed over when
        // another closer follows in the same sentence.
        if c.prev == Some('s') && c.next == Some(' ') && text[c.end..].chars().nth(1).is_some_and(char::is_lowercase) {
            // Only marks in reach are compared with the sentence end: look no further for it
            // (a text without punctuation made this a scan to the end for every mark).
            let limit = crate::span::floor(text, m.end + MAX_SINGLE + 1).max(c.end);
            let sentence_end = text[c.end..limit].find(['.', '!', '?']).map_or(text.len(), |p| c.end + p);
            if marks[k + 1..].iter().take_while(|d| in_reach(d) && d.pos < sentence_end).any(is_closer) {
                continue;
            }
        }
        // `rock 'n' roll`: a lone letter is an elision, not a quote.
        let inner = m.end..c.pos;
        if !text::words_in(text, inner.clone())
            .iter()
            .any(|w| w.text.chars().filter(|ch| ch.is_alphabetic()).count() >= 2)
        {
            return i + 1;
        }
        if emit(text, spans, m.pos..c.end, inner) {
            return k + 1;
        }
        return i + 1;
    }
    // `‘Kalina”`: a curly single opener closed by a double closer soon after.
    if m.ch == '‘' {
        for (k, c) in marks.iter().enumerate().skip(i + 1) {
            if c.pos >= m.para_end || c.pos - m.end > MAX_MISMATCHED {
                break;
            }
            if c.fam == Family::Double && c.close && c.ch == '”' {
                if emit(text, spans, m.pos..c.end, m.end..c.pos) {
                    return k + 1;
                }
                break;
            }
        }
    }
    i + 1
}

/// Records a quote if its inner part holds a word.
fn emit(text: &str, spans: &mut Vec<(Range<usize>, Range<usize>)>, outer: Range<usize>, inner: Range<usize>) -> bool {
    let inner = text::trim(text, inner);
    if !text[inner.clone()].chars().any(char::is_alphanumeric) {
        return false;
    }
    spans.push((outer, inner));
    true
}

fn build_quote(text: &str, sentences: &[Range<usize>], outer: Range<usize>, inner: Range<usize>) -> Option<Quote> {
    let first = sentences.partition_point(|s| s.end <= outer.start);
    let mut sentence = outer.clone();
    for s in sentences[first..].iter().take_while(|s| s.start < outer.end) {
        sentence.start = sentence.start.min(s.start);
        sentence.end = sentence.end.max(s.end);
    }
    let words = text::words_in(text, inner.clone());
    if words.is_empty() {
        return None;
    }
    let lowercase_mid = words[0].text.chars().next().is_some_and(char::is_lowercase) && outer.start > sentence.start;
    // A question or exclamation is said, not named: `‘Why now?’`.
    let exclaims = text[inner.clone()]
        .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '?' && c != '!')
        .ends_with(['?', '!']);
    let is_statement = words.len() >= 3 || ((exclaims || words.iter().any(|w| is_verbish(w.text))) && !lowercase_mid);
    let speaker = find_speaker(text, sentences, &sentence, &outer).map(|r| (r.clone(), text[r].to_string()));
    Some(Quote { text: text[inner.clone()].to_string(), outer, inner, is_statement, speaker, sentence })
}

const AUXILIARIES: &[&str] = &[
    "am", "are", "be", "been", "can", "cannot", "could", "did", "do", "does", "had", "has", "have", "is", "may",
    "might", "must", "shall", "should", "was", "were", "will", "would",
];

/// Whether a word looks like a verb: an auxiliary, a contraction, or an `-ed`/`-ing` form.
fn is_verbish(word: &str) -> bool {
    let w = word.to_lowercase().replace('’', "'");
    if AUXILIARIES.contains(&w.as_str()) {
        return true;
    }
    if ["n't", "'m", "'re", "'ve", "'ll", "'d"].iter().any(|s| w.ends_with(s)) {
        return true;
    }
    w.chars().count() >= 5 && (w.ends_with("ed") || w.ends_with("ing"))
}

/// Verbs that introduce a quote (`X said`, `said X`, `X told reporters: "…"`).
const SPEECH_VERBS: &[&str] = &[
    "acknowledged",
    "added",
    "adds",
    "admitted",
    "announced",
    "announces",
    "argued",
    "argues",
    "asked",
    "asks",
    "called",
    "claimed",
    "commented",
    "concluded",
    "condemned",
    "condemns",
    "declared",
    "declares",
    "denied",
    "described",
    "emphasised",
    "emphasized",
    "explained",
    "explains",
    "insisted",
    "insists",
    "noted",
    "promised",
    "recalled",
    "remarked",
    "replied",
    "reported",
    "said",
    "say",
    "says",
    "stated",
    "states",
    "stressed",
    "stresses",
    "tells",
    "told",
    "tweeted",
    "urged",
    "urges",
    "vowed",
    "warned",
    "warns",
    "wrote",
    "writes",
];

/// Words that may stand between a speaker and the verb (`Smith also said`, `Smith has said`).
const BEFORE_VERB: &[&str] = &[
    "also",
    "again",
    "already",
    "earlier",
    "had",
    "has",
    "have",
    "later",
    "once",
    "previously",
    "publicly",
    "recently",
    "repeatedly",
    "reportedly",
    "then",
    "was",
    "would",
    "will",
];

const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "this"];
const DETERMINERS: &[&str] = &["the", "a", "an", "its", "his", "her", "their", "our"];
const CONNECTORS: &[&str] = &["of", "for", "from", "de", "del", "la", "le", "van", "von", "al", "bin"];

fn lower(w: &text::Word) -> String {
    w.text.to_lowercase()
}

fn is_speech_verb(w: &text::Word) -> bool {
    SPEECH_VERBS.contains(&lower(w).as_str())
}

fn is_capitalised(w: &text::Word) -> bool {
    w.text.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn only_space(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

/// Whether `w` may be part of a speaker noun phrase.
fn np_word(w: &text::Word) -> bool {
    let l = lower(w);
    is_capitalised(w)
        || DETERMINERS.contains(&l.as_str())
        || CONNECTORS.contains(&l.as_str())
        || (!text::is_stopword(&l) && !SPEECH_VERBS.contains(&l.as_str()) && !PRONOUNS.contains(&l.as_str()))
}

/// The speaker noun phrase ending right before `words[verb]`, not reaching before `words[floor]`.
fn np_before(text: &str, words: &[text::Word], verb: usize, floor: usize) -> Option<Range<usize>> {
    let mut end = verb;
    if end > floor && BEFORE_VERB.contains(&lower(&words[end - 1]).as_str()) {
        end -= 1;
    }
    if end <= floor || !only_space(&text[words[end - 1].range.end..words[end].range.start]) {
        return None;
    }
    let mut start = end;
    while start > floor && end - start < MAX_SPEAKER_WORDS {
        let w = &words[start - 1];
        if start < end && !only_space(&text[w.range.end..words[start].range.start]) {
            break;
        }
        let l = lower(w);
        if l == "and"
            && start < end
            && start >= floor + 2
            && is_capitalised(&words[start])
            && is_capitalised(&words[start - 2])
        {
            start -= 1;
        } else if l == "by" && start < end && start >= floor + 2 && {
            // `the bloc led by Smith said`: the agent belongs to the phrase before it.
            let p = lower(&words[start - 2]);
            p == "led" || p.ends_with("ed")
        } {
            start -= 2;
        } else if np_word(w) {
            start -= 1;
        } else {
            break;
        }
    }
    let good_start = |w: &text::Word| is_capitalised(w) || DETERMINERS.contains(&lower(w).as_str());
    while start < end && !good_start(&words[start]) {
        start += 1;
    }
    let has_head = words[start..end].iter().any(|w| !DETERMINERS.contains(&lower(w).as_str()));
    if start >= end || !has_head || PRONOUNS.contains(&lower(&words[end - 1]).as_str()) {
        return None;
    }
    Some(words[start].range.start..words[end - 1].range.end)
}

/// The speaker noun phrase starting at `words[from]` (`said John Smith, the minister`).
fn np_after(text: &str, words: &[text::Word], from: usize) -> Option<Range<usize>> {
    let first = words.get(from)?;
    if !(is_capitalised(first) || DETERMINERS.contains(&lower(first).as_str())) {
        return None;
    }
    let mut end = from;
    while end < words.len() && end - from < MAX_SPEAKER_WORDS {
        let w = &words[end];
        if end > from && !only_space(&text[words[end - 1].range.end..w.range.start]) {
            break;
        }
        if !np_word(w) {
            break;
        }
        end += 1;
    }
    while end > from && {
        let l = lower(&words[end - 1]);
        DETERMINERS.contains(&l.as_str()) || CONNECTORS.contains(&l.as_str())
    } {
        end -= 1;
    }
    (end > from).then(|| words[from].range.start..words[end - 1].range.end)
}

fn find_speaker(
    text: &str,
    sentences: &[Range<usize>],
    sentence: &Range<usize>,
    outer: &Range<usize>,
) -> Option<Range<usize>> {
    // The speaker stands next to the quote: a runaway sentence is read near it only.
    let near = |r: Range<usize>, at: usize| crate::span::near(text, r, at..at, REACH);
    let pre = text::words_in(text, near(sentence.start..outer.start, outer.start));
    speaker_before(text, &pre, outer.start)
        .or_else(|| {
            let post = text::words_in(text, near(outer.end..sentence.end, outer.end));
            if !post.is_empty() {
                let gap = &text[outer.end..post[0].range.start];
                if gap.chars().all(|c| c.is_whitespace() || matches!(c, ',' | '—' | '–')) {
                    return speaker_after(text, &post, false);
                }
                return None;
            }
            // `"We will win." Smith said.`: the sentence splitter ended the sentence at the quote.
            let next = sentences.get(sentences.partition_point(|s| s.start < sentence.end))?;
            if !only_space(&text[sentence.end..next.start]) || text[sentence.end..next.start].contains("\n\n") {
                return None;
            }
            speaker_after(text, &text::words_in(text, near(next.clone(), next.start)), true)
        })
        .or_else(|| according_to(text, &pre))
        .or_else(|| headline_speaker(text, &pre, outer.start))
}

/// `Mayor Olsen: "We will rebuild."`: a short capitalised name and a colon before the quote.
fn headline_speaker(text: &str, pre: &[text::Word], quote_start: usize) -> Option<Range<usize>> {
    let (first, last) = (pre.first()?, pre.last()?);
    let gap = text[last.range.end..quote_start].trim();
    let joined = |k: usize| only_space(&text[pre[k - 1].range.end..pre[k].range.start]);
    let names = pre.len() <= 4 && pre.iter().all(is_capitalised) && (1..pre.len()).all(joined);
    let pronoun = pre.len() == 1 && PRONOUNS.contains(&lower(first).as_str());
    (gap == ":" && names && !pronoun).then_some(first.range.start..last.range.end)
}

/// `X said: "…"`, `X said that "…"`, `X told reporters on Monday: "…"`.
fn speaker_before(text: &str, pre: &[text::Word], quote_start: usize) -> Option<Range<usize>> {
    let last = pre.last()?;
    let gap = &text[last.range.end..quote_start];
    if !gap.chars().all(|c| c.is_whitespace() || matches!(c, ':' | ',' | '—' | '–')) {
        return None;
    }
    let mut k = pre.len() - 1;
    if lower(&pre[k]) == "that" {
        k = k.checked_sub(1)?;
    }
    for _ in 0..4 {
        if is_speech_verb(&pre[k]) {
            return np_before(text, pre, k, 0);
        }
        let prev = k.checked_sub(1)?;
        if !only_space(&text[pre[prev].range.end..pre[k].range.start]) {
            return None;
        }
        k = prev;
    }
    None
}

/// `"…," X said`, `"…," said X`, `"…," according to X`. With `whole`, the speaker clause must end
/// at punctuation (it is a sentence of its own after the quote).
fn speaker_after(text: &str, post: &[text::Word], whole: bool) -> Option<Range<usize>> {
    let first = post.first()?;
    if is_speech_verb(first) && !whole {
        return np_after(text, post, 1);
    }
    if lower(first) == "according" && post.get(1).is_some_and(|w| lower(w) == "to") && !whole {
        return np_after(text, post, 2);
    }
    for k in 1..post.len().min(MAX_SPEAKER_WORDS + 2) {
        if !only_space(&text[post[k - 1].range.end..post[k].range.start]) {
            return None;
        }
        if is_speech_verb(&post[k]) {
            if whole {
                let after = post
                    .get(k + 1)
                    .map_or(&text[post[k].range.end..post[k].range.end], |n| &text[post[k].range.end..n.range.start]);
                if post.get(k + 1).is_some() && only_space(after) {
                    return None;
                }
            }
            let np = np_before(text, post, k, 0)?;
            return (np.start == first.range.start).then_some(np);
        }
    }
    None
}

/// `According to X, "…"`.
fn according_to(text: &str, pre: &[text::Word]) -> Option<Range<usize>> {
    let k = (0..pre.len().saturating_sub(1))
        .rev()
        .find(|&k| lower(&pre[k]) == "according" && lower(&pre[k + 1]) == "to")?;
    np_after(text, pre, k + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(t: &str) -> Vec<&str> {
        find_quotes(t).into_iter().map(|q| &t[q.inner]).collect()
    }

    fn one(t: &str) -> Quote {
        let q = find_quotes(t);
        assert_eq!(q.len(), 1, "{q:?}");
        q.into_iter().next().unwrap()
    }

    fn speaker(t: &str) -> Option<String> {
        one(t).speaker.map(|s| s.1)
    }

    #[test]
    fn straight_and_curly_double_quotes() {
        let t = "The mayor said \"the bridge will reopen in May.\" Critics called it “a fantasy plan” again.";
        assert_eq!(inner(t), vec!["the bridge will reopen in May.", "a fantasy plan"]);
        let q = &find_quotes(t)[0];
        assert_eq!(&t[q.outer.clone()], "\"the bridge will reopen in May.\"");
    }

    #[test]
    fn guillemets_and_low_high_marks() {
        let t = "Posters read «No more war» and „Peace now“ across the city.";
        assert_eq!(inner(t), vec!["No more war", "Peace now"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        let t = "Norway's fjords and the '90s boom made rock 'n' roll fans say they don’t care about Peru's oil.";
        assert!(inner(t).is_empty(), "{:?}", inner(t));
    }

    #[test]
    fn single_quotes_with_apostrophes_inside() {
        let t = "The report said ‘the region’s farmers can’t plant this year’ because of mines.";
        assert_eq!(inner(t), vec!["the region’s farmers can’t plant this year"]);
        let t = "Fans chanted 'we won't stop' outside.";
        assert_eq!(inner(t), vec!["we won't stop"]);
    }

    #[test]
    fn plural_possessive_inside_single_quote() {
        let t = "He called it 'the workers' party of tomorrow' in the speech.";
        assert_eq!(inner(t), vec!["the workers' party of tomorrow"]);
    }

    #[test]
    fn double_quote_holds_apostrophes_and_nested_single_quotes() {
        let t = "\"We've heard the 'peace plan' talk before, and it's empty,\" Maria Lopez said.";
        assert_eq!(inner(t), vec!["We've heard the 'peace plan' talk before, and it's empty,"]);
        assert_eq!(speaker(t).as_deref(), Some("Maria Lopez"));
    }

    #[test]
    fn nested_double_quotes_keep_the_outer() {
        let t = "She wrote: “The firm known as “Delta” sold the mines to the army.” The firm denied it.";
        let q = one(t);
        assert_eq!(q.text, "The firm known as “Delta” sold the mines to the army.");
        assert_eq!(&t[q.outer], "“The firm known as “Delta” sold the mines to the army.”");
    }

    #[test]
    fn unterminated_quote_stops_at_the_paragraph_break() {
        let t = "The envoy wrote: “The factory has made shells for years and still does.\n\nThe town of “Ostrova” lies nearby.";
        assert_eq!(inner(t), vec!["The factory has made shells for years and still does.", "Ostrova"]);
    }

    #[test]
    fn reversed_curly_marks() {
        let t = "Moscow calls the general ” a loyal friend of the nation“. He smiled.";
        assert_eq!(inner(t), vec!["a loyal friend of the nation"]);
    }

    #[test]
    fn closing_mark_used_as_opener() {
        let t = "Leaflets carried the slogan:”Our land is free” and were posted everywhere.";
        assert_eq!(inner(t), vec!["Our land is free"]);
    }

    #[test]
    fn mismatched_closer_of_the_other_family() {
        let t = "The firm uses the “Kalina’ plant in the south.";
        let q = one(t);
        assert_eq!(q.text, "Kalina");
        assert!(!q.is_statement);
    }

    #[test]
    fn stray_closer_is_ignored() {
        let t = "…the list included 40 firms…”. The “Orbit” plant was one of them.";
        assert_eq!(inner(t), vec!["Orbit"]);
    }

    #[test]
    fn term_and_scare_quotes_are_not_statements() {
        let t = "Rebels plant these “seeds” of death near the “Orbit Works” plant.";
        let q = find_quotes(t);
        assert_eq!(q.len(), 2);
        assert!(q.iter().all(|q| !q.is_statement));
        let t = "The coach said “We’re ready” before kick-off.";
        assert!(one(t).is_statement);
        let t = "The deal was “going nowhere” by then.";
        assert!(!one(t).is_statement, "lowercase two-word quote mid-sentence");
    }

    #[test]
    fn three_words_make_a_statement() {
        let t = "They painted “The valley is ours” on the wall.";
        assert!(one(t).is_statement);
    }

    #[test]
    fn speaker_after_quote() {
        assert_eq!(
            speaker("\"We will rebuild the school,\" the regional governor said.").as_deref(),
            Some("the regional governor")
        );
        assert_eq!(
            speaker("\"We will rebuild the school,\" said Anna Berg, the governor.").as_deref(),
            Some("Anna Berg")
        );
        assert_eq!(speaker("\"We will rebuild the school,\" she said.").as_deref(), None);
    }

    #[test]
    fn speaker_before_quote() {
        assert_eq!(
            speaker("In a letter, the Ministry of Foreign Affairs of Norway stated that “the border remains closed”.")
                .as_deref(),
            Some("the Ministry of Foreign Affairs of Norway")
        );
        assert_eq!(
            speaker("The Dutch newspaper Trouw reported: “Prices doubled in a month.”").as_deref(),
            Some("The Dutch newspaper Trouw")
        );
        assert_eq!(
            speaker("John Carter told reporters on Monday: \"No deal was signed.\"").as_deref(),
            Some("John Carter")
        );
        assert_eq!(speaker("The envoy met the Secretary-General and said: “Stop the shelling now”.").as_deref(), None);
    }

    #[test]
    fn speaker_with_agent_phrase() {
        let t = "The Unity bloc led by Petrov condemned \"violent acts against our citizens abroad.\"";
        assert_eq!(speaker(t).as_deref(), Some("The Unity bloc led by Petrov"));
    }

    #[test]
    fn headline_speaker_before_colon() {
        assert_eq!(speaker("Mayor Olsen: \"We will rebuild the port\"").as_deref(), Some("Mayor Olsen"));
        assert_eq!(speaker("Result: \"We will rebuild the port\"").as_deref(), Some("Result"));
    }

    #[test]
    fn questions_are_statements() {
        assert!(one("She asked: ‘Why now?’ and left.").is_statement);
    }

    #[test]
    fn according_to_speaker() {
        let t = "According to the Harbour Authority, “three ships were turned back last week.”";
        assert_eq!(speaker(t).as_deref(), Some("the Harbour Authority"));
    }

    #[test]
    fn speaker_in_the_following_short_sentence() {
        let t = "“We will not sell the port.” Mayor Olsen said.";
        assert_eq!(speaker(t).as_deref(), Some("Mayor Olsen"));
        let t = "“We will not sell the port.” Mayor Olsen said the port was safe.";
        assert_eq!(speaker(t).as_deref(), None);
    }

    #[test]
    fn quote_length_is_capped() {
        let long = "word ".repeat(400);
        let t = format!("He began: “{long}\n\nNext paragraph.");
        assert!(find_quotes(&t).is_empty());
    }

    #[test]
    fn sentence_covers_the_quote() {
        let t = "First sentence here. The judge said “Enough. We stop now.” and left. Last one.";
        let q = one(t);
        assert_eq!(&t[q.sentence], "The judge said “Enough. We stop now.” and left.");
    }

    #[test]
    fn canonical_folds_case_marks_and_punctuation() {
        assert_eq!(canonical(" “Valley  Is Ours.” "), "valley is ours");
        assert_eq!(canonical("anti-war, frank"), "anti war frank");
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for t in ["", "\"", "“", "'", "” “", "\"\"", "‘’", "a\"b\"c", "«»", "x „y", "'a", "é“ü”", "\n\n\"\n\n\""]
        {
            let _ = find_quotes(t);
        }
    }
}
