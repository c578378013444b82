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
    crate::span::near(&cx.docs[doc].text, start..sents[i].end.max(at), at..at, REACH)
}

/// How far a window or a sentence reaches on each side of the fact it is read for: far beyond
/// real sentences, so only runaway ones (text without punctuation) are cut.
pub const REACH: usize = 4_000;

/// Folded content words of a window (stopwords and generic words left out).
pub fn content_words(cx: &Context, doc: usize, w: Range<usize>) -> BTreeSet<String> {
    let t = &cx.docs[doc].text;
    text::words_in(t, w)
        .into_iter()
        .map(|w| text::fold(w.text))
        .filter(|w| {
            w.len() >= 4
                && !text::is_stopword(w)
                && !GENERIC.contains(&w.as_str())
                && !OFFICE_WORDS.contains(&w.as_str())
        })
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
        // Office words are capitalised before a name but name no one (`Chief Financial Officer`).
        if first.is_uppercase()
            && !initial
            && word.text.len() >= 3
            && !GENERIC.contains(&folded.as_str())
            && !OFFICE_WORDS.contains(&folded.as_str())
        {
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

/// Capitalised words that are offices or common nouns, not names: two unrelated stories can
/// both have a `Mayor` or a `President`.
const OFFICE_WORDS: &[&str] = &[
    "mayor",
    "president",
    "minister",
    "prime",
    "chief",
    "secretary",
    "governor",
    "director",
    "deputy",
    "council",
    "city",
    "state",
    "national",
    "interior",
    "finance",
    "foreign",
    "police",
    "executive",
    "chairman",
    "chairwoman",
    "party",
    "university",
    "officer",
    "financial",
    "technology",
    "operating",
    "company",
    "the",
];

/// Whether a line reads as a headline: no closing full stop and mostly capitalised longer words
/// (`Fire Destroys Historic Church`). Its capitals are title case, not names.
fn headline_line(line: &str) -> bool {
    let l = line.trim();
    if l.is_empty() || l.ends_with(['.', '!', '?', ':', '"', '”']) {
        return l.starts_with('#');
    }
    let long: Vec<&str> = l
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| w.chars().count() >= 4 && w.chars().all(char::is_alphabetic))
        .collect();
    let caps = long.iter().filter(|w| w.chars().next().is_some_and(char::is_uppercase)).count();
    l.starts_with('#') || (caps >= 2 && caps * 3 >= long.len() * 2)
}

/// The names of a document: capitalised words not at a sentence start, outside headline lines,
/// and not office words or generic words (months, weekdays).
pub fn document_names(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let range = start..start + line.len();
        start += line.len();
        if headline_line(line) {
            continue;
        }
        for word in text::words_in(text, range) {
            let first = word.text.chars().next().unwrap_or(' ');
            let before = text[..word.range.start].trim_end();
            let initial = before.is_empty() || before.ends_with(['.', '!', '?', '"', '“', '\n', '-', '–', '—', ':']);
            // A word alone in brackets is an agency credit in a dateline (`(Wire)`), shared by
            // unrelated stories from one source.
            let credit = before.ends_with('(') && text[word.range.end..].starts_with(')');
            let folded = text::fold(word.text);
            if first.is_uppercase()
                && !initial
                && !credit
                && word.text.chars().count() >= 3
                && !word.text.chars().all(|c| c.is_uppercase())
                && !GENERIC.contains(&folded.as_str())
                && !OFFICE_WORDS.contains(&folded.as_str())
            {
                out.insert(folded);
            }
        }
    }
    out
}

/// Whether two documents can be about one story: they share three names, or a third of the
/// names of the one with fewer. Retellings of one story name the same people and places;
/// unrelated stories of one kind (two elections, two earnings reports) share at most the words
/// of the kind and an institution in passing (`Nasdaq`, `United Nations`).
pub fn related_documents(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    let shared = a.intersection(b).take(3).count();
    shared >= 3 || (shared >= 1 && shared * 3 >= a.len().min(b.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headlines_and_offices_are_not_names() {
        let a =
            "Incumbent Wins Mayoral Election in Harbourtown\n\nMayor Jane Oduya won again. The count ended on Friday.";
        let b = "Opposition Takes Regional Election in Lunaria\n\nOutgoing President Ravel Sotto gave a speech.";
        let na = document_names(a);
        let nb = document_names(b);
        assert!(!na.contains("election") && !na.contains("mayor") && !na.contains("friday"));
        assert!(na.contains("oduya"));
        assert!(!related_documents(&na, &nb));
    }

    #[test]
    fn retellings_share_a_name() {
        let a = "A storm hit the coast near Kellport on Monday, the agency said.";
        let b = "The agency said that on Monday a storm struck near Kellport.";
        assert!(related_documents(&document_names(a), &document_names(b)));
    }

    #[test]
    fn two_officers_of_one_company_are_not_one_subject() {
        let ignore = BTreeSet::new();
        let a = "Chief Financial Officer Tessa Lund said the company plans to hire 900 welders.";
        let b = "Chief Operating Officer Ivo Marsh said the company had 250 welders at the yard.";
        let sa = Subject { words: content_words_of(a), caps: BTreeSet::new() };
        let sb = Subject { words: content_words_of(b), caps: BTreeSet::new() };
        assert!(!shares_subject(&sa, &sb, &ignore, 2));
    }

    fn content_words_of(t: &str) -> BTreeSet<String> {
        text::words_in(t, 0..t.len())
            .into_iter()
            .map(|w| text::fold(w.text))
            .filter(|w| w.len() >= 4 && !text::is_stopword(w) && !GENERIC.contains(&w.as_str()))
            .filter(|w| !OFFICE_WORDS.contains(&w.as_str()))
            .collect()
    }

    #[test]
    fn an_institution_in_passing_does_not_relate_two_stories() {
        let a = "TULSA (Newswire) - Shares of Pellworth Mills rose on the Nasdaq after Dana Quill, its founder, spoke in Tulsa.";
        let b = "BOISE (Newswire) - Shares of Ardent Cable fell on the Nasdaq, said Omar Veit, in Reno.";
        assert!(!related_documents(&document_names(a), &document_names(b)));
    }
}
