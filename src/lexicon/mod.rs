//! **Closed word classes**, kept as data: one file per class in this folder, each listed once,
//! embedded in the binary. A class that keeps growing with every new text (reporting verbs,
//! office heads, organisations) does not belong here: those are found by structure in
//! [`crate::analysis`] and [`crate::facts`].
//!
//! File format: one entry per line; `#` starts a comment line; an entry may carry tab-separated
//! fields (a month's abbreviations, a number word's value). Entries are lowercase unless the file
//! says otherwise.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// The lines of a class file, comments and blank lines left out, each split at tabs.
fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).filter(|f| !f.is_empty()).collect())
}

/// A set of words read from one class file (every field of every line).
pub struct WordSet(HashSet<&'static str>);

impl WordSet {
    fn from(data: &'static str) -> Self {
        WordSet(rows(data).flatten().collect())
    }

    /// Whether `lower` (already lowercase) is in the class.
    pub fn contains(&self, lower: &str) -> bool {
        self.0.contains(lower)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Function words: never content, never a name on their own.
pub static STOPWORDS: LazyLock<WordSet> = LazyLock::new(|| WordSet::from(include_str!("stopwords.txt")));

/// Abbreviations after which a full stop does not end a sentence → whether only before a figure.
pub static ABBREVIATIONS: LazyLock<HashMap<&'static str, bool>> =
    LazyLock::new(|| rows(include_str!("abbreviations.txt")).map(|r| (r[0], r.get(1) == Some(&"number"))).collect());

/// Whether `lower` followed by a full stop is an abbreviation, given what follows it.
pub fn is_abbreviation(lower: &str, figure_follows: bool) -> bool {
    ABBREVIATIONS.get(lower).is_some_and(|&only_before_figure| !only_before_figure || figure_follows)
}

/// Honorifics written before a name (`Mr`, `Dr`), not part of it.
pub static HONORIFICS: LazyLock<WordSet> = LazyLock::new(|| WordSet::from(include_str!("honorifics.txt")));

/// Lowercase words that join the parts of one name (`of`, `de`, `van`, `bin`).
pub static NAME_PARTICLES: LazyLock<WordSet> = LazyLock::new(|| WordSet::from(include_str!("name_particles.txt")));

/// Common English words (lowercase entries of SCOWL): a word in this list is a word, not a
/// coined name, wherever it is capitalised.
pub static ENGLISH: LazyLock<WordSet> = LazyLock::new(|| WordSet::from(include_str!("english.txt")));

/// Capitalised dictionary entries of SCOWL (given names, places, demonyms), case kept: two of
/// them are more likely two names than one name spelt two ways.
pub static DICTIONARY_NAMES: LazyLock<WordSet> = LazyLock::new(|| WordSet::from(include_str!("dictionary_names.txt")));

/// Month names and abbreviations → month number (1–12).
pub static MONTHS: LazyLock<HashMap<&'static str, u8>> = LazyLock::new(|| numbered(include_str!("months.txt")));

/// Weekday names and abbreviations → weekday number (1 = Monday … 7 = Sunday).
pub static WEEKDAYS: LazyLock<HashMap<&'static str, u8>> = LazyLock::new(|| numbered(include_str!("weekdays.txt")));

/// Number words → value (`seven` → 7, `million` → 1e6).
pub static NUMBER_WORDS: LazyLock<HashMap<&'static str, f64>> = LazyLock::new(|| {
    rows(include_str!("number_words.txt")).filter_map(|r| Some((r[0], r.get(1)?.parse().ok()?))).collect()
});

/// Every field of line `n` maps to `n` (1-based).
fn numbered(data: &'static str) -> HashMap<&'static str, u8> {
    let mut m = HashMap::new();
    for (i, row) in rows(data).enumerate() {
        for w in row {
            m.insert(w, i as u8 + 1);
        }
    }
    m
}

/// Whether `lower` is a function word.
pub fn is_stopword(lower: &str) -> bool {
    STOPWORDS.contains(lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_class_loads_and_holds_what_its_file_says() {
        let cases: [(&str, bool); 10] = [
            ("the", STOPWORDS.contains("the")),
            ("mr", HONORIFICS.contains("mr")),
            ("jan", is_abbreviation("jan", false)),
            ("sept = 9", MONTHS.get("sept") == Some(&9)),
            ("may = 5", MONTHS.get("may") == Some(&5)),
            ("sun = 7", WEEKDAYS.get("sun") == Some(&7)),
            ("million", NUMBER_WORDS.get("million") == Some(&1e6)),
            ("twelve", NUMBER_WORDS.get("twelve") == Some(&12.0)),
            ("museum", ENGLISH.contains("museum")),
            ("German", DICTIONARY_NAMES.contains("German")),
        ];
        for (what, ok) in cases {
            assert!(ok, "{what}");
        }
        assert!(!STOPWORDS.contains("minister"));
        assert!(is_abbreviation("no", true) && !is_abbreviation("no", false));
        assert_eq!(MONTHS.values().copied().max(), Some(12));
    }

    #[test]
    fn class_files_have_no_duplicate_entries() {
        for (name, data) in [
            ("stopwords", include_str!("stopwords.txt")),
            ("abbreviations", include_str!("abbreviations.txt")),
            ("honorifics", include_str!("honorifics.txt")),
            ("months", include_str!("months.txt")),
            ("weekdays", include_str!("weekdays.txt")),
            ("number_words", include_str!("number_words.txt")),
            ("name_particles", include_str!("name_particles.txt")),
            ("english", include_str!("english.txt")),
            ("dictionary_names", include_str!("dictionary_names.txt")),
        ] {
            let mut seen = HashSet::new();
            for row in rows(data) {
                for w in row {
                    if w.parse::<f64>().is_err() && w != "number" {
                        assert!(seen.insert(w), "{name}: `{w}` listed twice");
                        assert!(name == "dictionary_names" || w == w.to_lowercase(), "{name}: `{w}` is not lowercase");
                    }
                }
            }
        }
    }
}
