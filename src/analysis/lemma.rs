//! Lemmas: the dictionary form of a word given its tag (`signed`/VBD → `sign`, `witnesses`/NNS
//! → `witness`, `went`/VBD → `go`), so that a retelling that changes the inflection still
//! matches.
//!
//! Regular inflections follow the suffix rules below; the exceptions to them (irregular verbs
//! and plurals) and the endings after which a cut `-ed`/`-ing` leaves a stem that takes back its
//! `e` (`sentenced`, `making`) are learnt from the UD English EWT training split by
//! `examples/train_tagger.rs` and embedded (`lemmas.tsv`).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use super::tagger::{Tag, TAGS};

/// The word class a lemma rule applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    Noun,
    Verb,
    Adjective,
    Other,
}

/// The class of a Penn Treebank tag, for lemmas.
pub fn class(tag: Tag) -> Class {
    let t = TAGS[tag as usize];
    if t.starts_with("NN") {
        Class::Noun
    } else if t.starts_with("VB") {
        Class::Verb
    } else if t.starts_with("JJ") {
        Class::Adjective
    } else {
        Class::Other
    }
}

fn class_code(c: Class) -> &'static str {
    match c {
        Class::Noun => "n",
        Class::Verb => "v",
        Class::Adjective => "a",
        Class::Other => "o",
    }
}

static EXCEPTIONS: LazyLock<HashMap<(String, &'static str), &'static str>> = LazyLock::new(|| {
    include_str!("lemmas.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with('@') && !l.is_empty())
        .filter_map(|l| {
            let mut f = l.split('\t');
            let (form, class, lemma) = (f.next()?, f.next()?, f.next()?);
            Some(((form.to_string(), class), lemma))
        })
        .collect()
});

/// Learnt `e` restoration: after `-ed`/`-ing` is cut, a stem ending in these letters takes a
/// final `e` (`sentenc` → `sentence`) or not (`treat`).
static RESTORE_E: LazyLock<HashMap<&'static str, bool>> = LazyLock::new(|| {
    include_str!("lemmas.tsv")
        .lines()
        .filter_map(|l| l.strip_prefix("@e\t"))
        .filter_map(|l| {
            let (end, add) = l.split_once('\t')?;
            Some((end, add == "1"))
        })
        .collect()
});

/// Whether a stem left by cutting `-ed` or `-ing` takes back a final `e`, by its last three,
/// then two letters.
pub fn restores_e(stem: &str) -> bool {
    for n in [3, 2] {
        if stem.len() > n && stem.is_char_boundary(stem.len() - n) {
            if let Some(&add) = RESTORE_E.get(&stem[stem.len() - n..]) {
                return add;
            }
        }
    }
    false
}

/// The lemma by the suffix rules alone (what the exception table corrects).
pub fn rule_lemma(lower: &str, tag: Tag) -> String {
    rule_lemma_with(lower, tag, &restores_e)
}

/// [`rule_lemma`] with the `e` restoration given (the trainer passes the rules it just learnt).
pub fn rule_lemma_with(lower: &str, tag: Tag, restores_e: &dyn Fn(&str) -> bool) -> String {
    let t = TAGS[tag as usize];
    let strip = |s: &str, n: usize| s[..s.len() - n].to_string();
    let long = |n: usize| lower.chars().count() > n;
    match t {
        "NNS" | "NNPS" | "VBZ" => {
            if lower.ends_with("ies") && long(4) {
                strip(lower, 3) + "y"
            } else if (lower.ends_with("sses")
                || lower.ends_with("xes")
                || lower.ends_with("ches")
                || lower.ends_with("shes")
                || lower.ends_with("zes"))
                && long(4)
            {
                strip(lower, 2)
            } else if lower.ends_with('s') && !lower.ends_with("ss") && long(2) {
                strip(lower, 1)
            } else {
                lower.to_string()
            }
        }
        "VBD" | "VBN" => {
            if lower.ends_with("ied") && long(4) {
                strip(lower, 3) + "y"
            } else if lower.ends_with("ed") && long(3) {
                let stem = strip(lower, 2);
                let b = stem.as_bytes();
                // `stopped` → `stop`: a doubled final consonant.
                if b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] && !b"aeiouslz".contains(&b[b.len() - 1]) {
                    stem[..stem.len() - 1].to_string()
                } else if restores_e(&stem) {
                    stem + "e"
                } else {
                    stem
                }
            } else {
                lower.to_string()
            }
        }
        "VBG" => {
            if lower.ends_with("ing") && long(4) {
                let stem = strip(lower, 3);
                let b = stem.as_bytes();
                if b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] && !b"aeiouslz".contains(&b[b.len() - 1]) {
                    stem[..stem.len() - 1].to_string()
                } else if restores_e(&stem) {
                    stem + "e"
                } else {
                    stem
                }
            } else {
                lower.to_string()
            }
        }
        "JJR" | "RBR" if lower.ends_with("er") && long(4) => strip(lower, 2),
        "JJS" | "RBS" if lower.ends_with("est") && long(5) => strip(lower, 3),
        _ => lower.to_string(),
    }
}

/// The lemma of `word` tagged `tag`, lowercase (proper nouns keep their case).
pub fn lemma(word: &str, tag: Tag) -> Cow<'_, str> {
    let t = TAGS[tag as usize];
    if t == "NNP" {
        return Cow::Borrowed(word);
    }
    let lower = word.to_lowercase();
    if let Some(l) = EXCEPTIONS.get(&(lower.clone(), class_code(class(tag)))) {
        return Cow::Owned((*l).to_string());
    }
    Cow::Owned(rule_lemma(&lower, tag))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tagger::tag_index;

    #[test]
    fn table_of_lemmas() {
        let cases = [
            ("signed", "VBD", "sign"),
            ("stopped", "VBD", "stop"),
            ("carried", "VBN", "carry"),
            ("witnesses", "NNS", "witness"),
            ("centres", "NNS", "centre"),
            ("agencies", "NNS", "agency"),
            ("went", "VBD", "go"),
            ("said", "VBD", "say"),
            ("men", "NNS", "man"),
            ("making", "VBG", "make"),
            ("sentenced", "VBD", "sentence"),
            ("treated", "VBN", "treat"),
            ("arrived", "VBD", "arrive"),
            ("running", "VBG", "run"),
            ("was", "VBD", "be"),
            ("Kallergis", "NNP", "Kallergis"),
            ("larger", "JJR", "large"),
            ("the", "DT", "the"),
        ];
        for (w, t, want) in cases {
            assert_eq!(lemma(w, tag_index(t).unwrap()), want, "{w}/{t}");
        }
    }
}
