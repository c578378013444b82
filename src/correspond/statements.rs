//! **Statement alignment**: which sentence of one document reports what a sentence of another
//! reports, decided on the analysis layer so that a retelling (`signed` / `concluded`, `4 May` /
//! `May 5`) still lines up.
//!
//! Each sentence becomes a vector of weighted terms: the lemmas of its content words, names by
//! their transliteration key (so `Tskhvediani` and `Tskvediani` meet), and one placeholder term
//! per typed slot (`#date`, `#money`…) instead of the value itself, so that two values of one
//! type count as agreement on the shape of the statement, whatever the values. Terms are
//! weighted by how few sentences of the set hold them. A sentence is aligned with its best match
//! in the other document; the score, the margin over the runner-up, whether the choice is
//! mutual and how far apart the two sentences sit in their documents are evidence for whatever
//! is compared inside the pair, not gates (the floor is low).

use std::collections::HashMap;

use crate::analysis::DocAnalysis;
use crate::correspond::keys::name_key;
use crate::lexicon;

/// Pairs scoring below this share next to nothing; they are not offered at all.
pub const FLOOR: f64 = 0.04;

/// A sentence's terms: (term id, weight), sorted by id, with the vector's norm.
#[derive(Debug, Clone, Default)]
pub struct Vector {
    terms: Vec<(u32, f64)>,
    norm: f64,
}

impl Vector {
    fn cosine(&self, other: &Vector) -> f64 {
        if self.norm == 0.0 || other.norm == 0.0 {
            return 0.0;
        }
        let (mut i, mut j, mut dot) = (0, 0, 0.0);
        while i < self.terms.len() && j < other.terms.len() {
            match self.terms[i].0.cmp(&other.terms[j].0) {
                std::cmp::Ordering::Equal => {
                    dot += self.terms[i].1 * other.terms[j].1;
                    i += 1;
                    j += 1;
                }
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
            }
        }
        dot / (self.norm * other.norm)
    }
}

/// The sentence vectors of a document set.
#[derive(Debug, Default)]
pub struct Statements {
    /// Per document, per sentence.
    pub vectors: Vec<Vec<Vector>>,
}

/// A typed slot of a sentence: its byte span and its type term (`#date`, `#count`…).
#[derive(Debug, Clone)]
pub struct SlotSpan {
    pub span: std::ops::Range<usize>,
    pub kind: &'static str,
}

/// The best match of one sentence in another document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    pub sentence: usize,
    pub score: f64,
    /// Score minus the runner-up's.
    pub margin: f64,
}

/// The term a token contributes, if any: content words by lemma, names by their key.
fn term(text: &str, a: &DocAnalysis, i: usize) -> Option<String> {
    let t = &a.tokens[i];
    let tag = t.tag_name();
    let word = &text[t.span.clone()];
    if !word.chars().any(char::is_alphanumeric) {
        return None;
    }
    if t.is_proper()
        || (word.chars().next().is_some_and(char::is_uppercase) && i > a.sentences[t.sentence as usize].tokens.start)
    {
        let k = name_key(word);
        return (k.len() >= 2).then(|| format!("n:{k}"));
    }
    let lemma = t.lemma.to_lowercase();
    let content = tag.starts_with("NN") || tag.starts_with("VB") || tag.starts_with("JJ") || tag == "CD";
    (content && !lexicon::is_stopword(&lemma) && !matches!(lemma.as_str(), "be" | "have" | "do")).then_some(lemma)
}

impl Statements {
    /// Builds the vectors; `slots[d]` are document `d`'s typed slots, whose words are replaced by
    /// their type; `story[d]` is document `d`'s story. Terms are weighted within each story, so
    /// that documents of other stories (or a broken one) never change how a story aligns.
    pub fn new(texts: &[&str], analyses: &[DocAnalysis], slots: &[Vec<SlotSpan>], story: &[usize]) -> Self {
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut raw: Vec<Vec<Vec<u32>>> = Vec::with_capacity(texts.len());
        let mut sf: HashMap<(usize, u32), usize> = HashMap::new();
        let mut total: HashMap<usize, usize> = HashMap::new();
        for (d, (text, a)) in texts.iter().zip(analyses).enumerate() {
            let mut per: Vec<Vec<String>> = vec![Vec::new(); a.sentences.len()];
            let doc_slots = slots.get(d).map(Vec::as_slice).unwrap_or(&[]);
            let inside =
                |r: &std::ops::Range<usize>| doc_slots.iter().any(|s| s.span.start < r.end && r.start < s.span.end);
            for (i, t) in a.tokens.iter().enumerate() {
                if inside(&t.span) {
                    continue;
                }
                if let Some(term) = term(text, a, i) {
                    per[t.sentence as usize].push(term);
                }
            }
            for s in doc_slots {
                if let Some(si) = a.sentence_of(s.span.start) {
                    per[si].push(s.kind.to_string());
                }
            }
            let mut doc_ids = Vec::with_capacity(per.len());
            for terms in per {
                let mut v: Vec<u32> = terms
                    .into_iter()
                    .map(|t| {
                        let n = ids.len() as u32;
                        *ids.entry(t).or_insert(n)
                    })
                    .collect();
                v.sort_unstable();
                v.dedup();
                let st = story.get(d).copied().unwrap_or(d);
                for &id in &v {
                    *sf.entry((st, id)).or_default() += 1;
                }
                *total.entry(st).or_default() += 1;
                doc_ids.push(v);
            }
            raw.push(doc_ids);
        }
        let idf = |st: usize, id: u32| ((1.0 + total[&st] as f64) / (sf[&(st, id)] as f64 + 0.5)).ln().max(0.0);
        let vectors = raw
            .into_iter()
            .enumerate()
            .map(|(d, doc)| {
                let st = story.get(d).copied().unwrap_or(d);
                doc.into_iter()
                    .map(|ids| {
                        let terms: Vec<(u32, f64)> = ids.into_iter().map(|id| (id, idf(st, id))).collect();
                        let norm = terms.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
                        Vector { terms, norm }
                    })
                    .collect()
            })
            .collect();
        Statements { vectors }
    }

    /// The similarity of sentence `i` of document `a` and sentence `j` of document `b`.
    pub fn score(&self, a: usize, i: usize, b: usize, j: usize) -> f64 {
        match (self.vectors.get(a).and_then(|v| v.get(i)), self.vectors.get(b).and_then(|v| v.get(j))) {
            (Some(x), Some(y)) => x.cosine(y),
            _ => 0.0,
        }
    }

    /// The best two matches of sentence `i` of `a` among `candidates`, best first; the
    /// runner-up's margin is its (negative) distance to the best.
    pub fn top_two(&self, a: usize, i: usize, b: usize, candidates: &[usize]) -> Vec<Match> {
        let mut scored: Vec<(f64, usize)> = candidates.iter().map(|&j| (self.score(a, i, b, j), j)).collect();
        scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        let third = scored.get(2).map_or(0.0, |s| s.0);
        let mut out = Vec::new();
        if let Some(&(s0, j0)) = scored.first().filter(|s| s.0 >= FLOOR) {
            let s1 = scored.get(1).map_or(0.0, |s| s.0);
            out.push(Match { sentence: j0, score: s0, margin: s0 - s1 });
            if let Some(&(s1, j1)) = scored.get(1).filter(|s| s.0 >= FLOOR) {
                out.push(Match { sentence: j1, score: s1, margin: (s1 - s0).min(s1 - third) });
            }
        }
        out
    }

    /// The best match of sentence `i` of `a` among `candidates` (sentence indices of `b`).
    pub fn best(&self, a: usize, i: usize, b: usize, candidates: &[usize]) -> Option<Match> {
        let mut best: Option<Match> = None;
        let mut second = 0.0f64;
        for &j in candidates {
            let s = self.score(a, i, b, j);
            match best {
                Some(m) if s <= m.score => second = second.max(s),
                _ => {
                    if let Some(m) = best {
                        second = second.max(m.score);
                    }
                    best = Some(Match { sentence: j, score: s, margin: 0.0 });
                }
            }
        }
        best.filter(|m| m.score >= FLOOR).map(|m| Match { margin: m.score - second, ..m })
    }
}

/// How far apart two sentences sit, as shares of their documents' lengths (0 same place, 1
/// opposite ends): retellings keep roughly the order of what they tell.
pub fn position_gap(i: usize, of_a: usize, j: usize, of_b: usize) -> f64 {
    let rel = |k: usize, n: usize| if n <= 1 { 0.0 } else { k as f64 / (n - 1) as f64 };
    (rel(i, of_a) - rel(j, of_b)).abs()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(texts: &[&str], slots: &[Vec<SlotSpan>]) -> Statements {
        let a: Vec<DocAnalysis> = texts.iter().map(|t| DocAnalysis::new(t)).collect();
        Statements::new(texts, &a, slots, &[0, 0])
    }

    #[test]
    fn a_retelling_aligns_with_its_sentence_not_with_its_neighbours() {
        let a = "The ferry Aldora ran aground near Skarvik on Monday. The harbour master closed the port. \
                 Forty passengers were taken ashore by lifeboat.";
        let b = "Lifeboats took 40 passengers ashore after the Aldora grounded. The port was closed by the \
                 harbour master of Skarvik.";
        let s = build(&[a, b], &[vec![], vec![]]);
        let m = s.best(0, 2, 1, &[0, 1]).expect("a match");
        assert_eq!(m.sentence, 0);
        assert!(m.margin > 0.0);
        let m = s.best(0, 1, 1, &[0, 1]).expect("a match");
        assert_eq!(m.sentence, 1);
    }

    #[test]
    fn slots_count_by_type_not_by_value() {
        let a = "Qarlo Bank cut its rate on 4 May.";
        let b = "On May 5, Qarlo Bank cut its rate.";
        let slot =
            |t: &str, v: &str| SlotSpan { span: t.find(v).unwrap()..t.find(v).unwrap() + v.len(), kind: "#date" };
        let with = build(&[a, b], &[vec![slot(a, "4 May")], vec![slot(b, "May 5")]]);
        let without = build(&[a, b], &[vec![], vec![]]);
        assert!(with.score(0, 0, 1, 0) > without.score(0, 0, 1, 0));
    }

    #[test]
    fn gaps_between_positions() {
        let cases = [((0, 10, 0, 5), 0.0), ((9, 10, 4, 5), 0.0), ((0, 10, 4, 5), 1.0), ((0, 1, 3, 7), 0.5)];
        for ((i, n, j, m), want) in cases {
            assert!((position_gap(i, n, j, m) - want).abs() < 1e-9, "{i} {n} {j} {m}");
        }
    }
}
