//! Whether two sentences in different documents are about the same thing.
//!
//! Values are only compared when they are about one subject. A shared event word or counted noun
//! is not enough on its own (two companies can both be "founded"); the sentences around the two
//! values must also share a name or some rarer content words. This is the conservative key the
//! values and titles comparisons use when passage alignment has not already paired the
//! statements.

use std::collections::BTreeSet;
use std::ops::Range;

use crate::engine::Context;
use crate::text;

/// Words too common in news prose to show that two sentences share a subject.
const GENERIC: &[&str] = &[
    "said",
    "says",
    "told",
    "year",
    "years",
    "people",
    "also",
    "would",
    "could",
    "since",
    "first",
    "last",
    "after",
    "before",
    "according",
    "report",
    "reported",
    "percent",
    "cent",
    "million",
    "billion",
    "thousand",
    "dollars",
    "euros",
    "pounds",
    "francs",
    "roubles",
    "rubles",
    "hryvnias",
    "yuan",
    "hundred",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "week",
    "month",
    "today",
    "yesterday",
    "there",
    "their",
    "which",
    "while",
    "where",
    "other",
    "about",
    "more",
    "than",
    "some",
];

/// The sentence of `doc` that holds byte `at`, widened by the sentence before it.
pub fn window(cx: &Context, doc: usize, at: usize) -> Range<usize> {
    let sents = &cx.sentences[doc];
    let i = sents.partition_point(|s| s.end <= at).min(sents.len().saturating_sub(1));
    if sents.is_empty() {
        return 0..0;
    }
    let start = if i > 0 { sents[i - 1].start } else { sents[i].start };
    start..sents[i].end.max(at)
}

/// Folded content words of a window (stopwords and generic words left out).
pub fn content_words(cx: &Context, doc: usize, w: Range<usize>) -> BTreeSet<String> {
    let t = &cx.docs[doc].text;
    text::words_in(t, w)
        .into_iter()
        .map(|w| text::fold(w.text))
        .filter(|w| w.len() >= 4 && !text::is_stopword(w) && !GENERIC.contains(&w.as_str()))
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.'))
        .collect()
}

/// What a window is about: its content words and the capitalised words (names) in it.
/// Computed once per value, then compared pairwise.
#[derive(Debug, Clone, Default)]
pub struct Subject {
    pub words: BTreeSet<String>,
    pub caps: BTreeSet<String>,
}

/// The subject of a window of `doc`.
pub fn subject(cx: &Context, doc: usize, w: Range<usize>) -> Subject {
    let t = &cx.docs[doc].text;
    let mut caps = BTreeSet::new();
    for (i, word) in text::words_in(t, w.clone()).iter().enumerate() {
        let first = word.text.chars().next().unwrap_or(' ');
        // Sentence-initial capitals are not names by themselves.
        let initial = i == 0 || t[..word.range.start].trim_end().ends_with(['.', '!', '?', '"', '“']);
        let folded = text::fold(word.text);
        // Months and weekdays are capitalised but name no subject (`on 3 March`).
        if first.is_uppercase() && !initial && word.text.len() >= 3 && !GENERIC.contains(&folded.as_str()) {
            caps.insert(folded);
        }
    }
    Subject { words: content_words(cx, doc, w), caps }
}

/// Whether two subjects are the same: a shared capitalised word (a name), or at least
/// `min_words` shared content words besides those in `ignore`.
pub fn shares_subject(a: &Subject, b: &Subject, ignore: &BTreeSet<String>, min_words: usize) -> bool {
    a.words.intersection(&b.words).filter(|w| !ignore.contains(*w)).take(min_words).count() >= min_words
        || a.caps.intersection(&b.caps).any(|w| !ignore.contains(w))
}

/// Whether two windows share at least `min_words` content words besides those in `ignore`.
pub fn same_subject_words(
    cx: &Context,
    a: (usize, Range<usize>),
    b: (usize, Range<usize>),
    ignore: &BTreeSet<String>,
    min_words: usize,
) -> bool {
    let wa = content_words(cx, a.0, a.1);
    let wb = content_words(cx, b.0, b.1);
    wa.intersection(&wb).filter(|w| !ignore.contains(*w)).count() >= min_words
}
