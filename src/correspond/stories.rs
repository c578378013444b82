//! **Stories**: which documents tell the same story (or describe the same product), so that
//! values, titles, speakers and senders are compared only between documents about one thing.
//!
//! A document is a weighted bag of its rarer words: the keys of its names (weighted double,
//! since names say most about what a text is about) and the lemmas of its nouns, verbs and
//! adjectives, each weighted by its inverse document frequency in the set. Two documents belong
//! to one story when the cosine of their bags reaches [`MIN_SIMILARITY`] and that of their names
//! alone [`MIN_NAME_SIMILARITY`] (two earthquake reports share their words, not their names);
//! stories are the connected components of that relation. Candidate pairs come from an inverted index of the
//! rarer terms, so the work grows with the pairs that share something, not with the square of
//! the set. A documentation folder, whose pages all name their product, comes out as one story;
//! a folder of unrelated news items as one story each.

use std::collections::{BTreeMap, HashMap};

use crate::analysis::DocAnalysis;
use crate::correspond::keys::name_key;
use crate::facts::mentions::Mention;
use crate::lexicon;

/// Documents whose bags reach this cosine tell one story.
pub const MIN_SIMILARITY: f64 = 0.12;

/// And the cosine of their names alone reaches this.
pub const MIN_NAME_SIMILARITY: f64 = 0.1;

/// Pseudo-documents in which no term occurs: without them, in a small set every shared term
/// looks common and weighs nothing.
const PRIOR_DOCUMENTS: f64 = 20.0;

/// A term in more than this share of the documents says nothing about which story a document
/// tells (it is still part of the bags, but proposes no pairs).
const MAX_DF_SHARE: f64 = 0.25;

/// How many documents a term may propose pairs between, whatever the share says.
const MAX_POSTINGS: usize = 200;

/// A term in this few documents proposes pairs whatever its share: in a small set a story's
/// own name is in half the documents.
const MIN_POSTINGS: usize = 16;

/// The story of each document.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stories {
    /// Story id per document (ids are the smallest document index of the story).
    pub of_doc: Vec<usize>,
}

impl Stories {
    /// Whether two documents tell one story.
    pub fn same(&self, a: usize, b: usize) -> bool {
        self.of_doc.get(a) == self.of_doc.get(b)
    }

    /// Every document in one story.
    pub fn single(n: usize) -> Self {
        Stories { of_doc: vec![0; n] }
    }

    /// The number of stories.
    pub fn count(&self) -> usize {
        let mut ids = self.of_doc.clone();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }
}

/// The terms of one document with their counts.
pub fn terms(text: &str, a: &DocAnalysis, mentions: &[Mention]) -> BTreeMap<String, f64> {
    let mut out: BTreeMap<String, f64> = BTreeMap::new();
    for m in mentions {
        for w in &m.words {
            let k = name_key(&text[w.clone()]);
            if k.len() >= 3 {
                *out.entry(format!("n:{k}")).or_default() += 2.0;
            }
        }
    }
    for t in &a.tokens {
        let tag = t.tag_name();
        let content =
            tag.starts_with("NN") && !tag.starts_with("NNP") || tag.starts_with("VB") || tag.starts_with("JJ");
        let lemma = t.lemma.to_lowercase();
        if content
            && lemma.chars().count() >= 3
            && lemma.chars().all(char::is_alphabetic)
            && !lexicon::is_stopword(&lemma)
        {
            *out.entry(lemma).or_default() += 1.0;
        }
    }
    out
}

/// The names a document is about: those it repeats most (at least half as often as its most
/// repeated name). Two reports from one city share its name and their wire's; two tellings of one
/// story share the name one of them is about.
fn main_names(bag: &BTreeMap<String, f64>) -> Vec<&str> {
    let names = || bag.iter().filter(|(t, _)| t.starts_with("n:"));
    let top = names().map(|(_, c)| *c).fold(0.0f64, f64::max);
    names().filter(|(_, c)| **c >= top / 2.0).map(|(t, _)| t.as_str()).collect()
}

/// Groups documents into stories from their terms.
pub fn cluster(bags: &[BTreeMap<String, f64>]) -> Stories {
    let n = bags.len();
    if n <= 1 {
        return Stories::single(n);
    }
    let mut df: HashMap<&str, usize> = HashMap::new();
    for b in bags {
        for t in b.keys() {
            *df.entry(t.as_str()).or_default() += 1;
        }
    }
    // IDF against a background of [`PRIOR_DOCUMENTS`] documents that hold none of the terms:
    // in a set of three retellings a name all three share is still rare, as it is in the world.
    let idf = |t: &str| ((n as f64 + PRIOR_DOCUMENTS) / (df[t] as f64 + 0.5)).ln().max(0.0);
    let vectors: Vec<HashMap<&str, f64>> = bags
        .iter()
        .map(|b| b.iter().map(|(t, c)| (t.as_str(), (1.0 + c.ln()) * idf(t))).filter(|(_, w)| *w > 0.0).collect())
        .collect();
    let norms: Vec<f64> = vectors.iter().map(|v| v.values().map(|w| w * w).sum::<f64>().sqrt()).collect();
    let name_norms: Vec<f64> = vectors
        .iter()
        .map(|v| v.iter().filter(|(t, _)| t.starts_with("n:")).map(|(_, w)| w * w).sum::<f64>().sqrt())
        .collect();
    let cap = ((MAX_DF_SHARE * n as f64).ceil() as usize).clamp(MIN_POSTINGS, MAX_POSTINGS);
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, v) in vectors.iter().enumerate() {
        for t in v.keys() {
            if df[t] >= 2 && (df[t] <= cap || n <= 3) {
                postings.entry(t).or_default().push(i);
            }
        }
    }
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for list in postings.values() {
        for (x, &a) in list.iter().enumerate() {
            for &b in &list[x + 1..] {
                candidates.push((a.min(b), a.max(b)));
            }
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    let mains: Vec<Vec<&str>> = bags.iter().map(main_names).collect();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], x: usize) -> usize {
        let mut r = x;
        while p[r] != r {
            r = p[r];
        }
        let mut y = x;
        while p[y] != r {
            let next = p[y];
            p[y] = r;
            y = next;
        }
        r
    }
    for (a, b) in candidates {
        if norms[a] == 0.0 || norms[b] == 0.0 {
            continue;
        }
        let (small, large) = if vectors[a].len() <= vectors[b].len() { (a, b) } else { (b, a) };
        let dot: f64 = vectors[small].iter().filter_map(|(t, w)| vectors[large].get(t).map(|v| w * v)).sum();
        // Two earthquakes, two earnings reports share their vocabulary; one story also shares
        // its names.
        let name_dot: f64 = vectors[small]
            .iter()
            .filter(|(t, _)| t.starts_with("n:"))
            .filter_map(|(t, w)| vectors[large].get(t).map(|v| w * v))
            .sum();
        if dot / (norms[a] * norms[b]) >= MIN_SIMILARITY
            && name_dot / (name_norms[a] * name_norms[b]).max(1e-9) >= MIN_NAME_SIMILARITY
            && (mains[a].iter().any(|t| bags[b].contains_key(*t)) || mains[b].iter().any(|t| bags[a].contains_key(*t)))
        {
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            if ra != rb {
                parent[ra.max(rb)] = ra.min(rb);
            }
        }
    }
    Stories { of_doc: (0..n).map(|i| find(&mut parent, i)).collect() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::mentions::find_mentions;

    fn stories(texts: &[&str]) -> Vec<usize> {
        let bags: Vec<BTreeMap<String, f64>> = texts
            .iter()
            .map(|t| {
                let a = DocAnalysis::new(t);
                let m = find_mentions(t, &a);
                terms(t, &a, &m)
            })
            .collect();
        cluster(&bags).of_doc
    }

    #[test]
    fn retellings_join_and_unrelated_items_stay_apart() {
        let s = stories(&[
            "A court in Varna sentenced Levan Qipiani to nine years for the theft of an icon from the Kallergis Museum.",
            "Levan Qipiani was jailed for nine years by the Varna court over the stolen Kallergis Museum icon.",
            "The Portmere council approved a new ferry terminal on Tuesday after a long debate about its cost.",
            "Councillors in Portmere voted for the ferry terminal, whose cost the opposition called too high.",
            "A storm cut power to thousands of homes along the Corvale coast overnight.",
            "An earthquake of magnitude 6.1 struck central Chile, killing two people, Interior Minister Carolina Toha said.",
            "An earthquake of magnitude 5.4 struck northern Japan, killing no one, Chief Cabinet Secretary Yoshimasa Hayashi said.",
        ]);
        assert_ne!(s[5], s[6], "two earthquakes are two stories");
        assert_eq!(s[0], s[1]);
        assert_eq!(s[2], s[3]);
        assert_ne!(s[0], s[2]);
        assert_ne!(s[4], s[0]);
        assert_ne!(s[4], s[2]);
    }

    #[test]
    fn reports_that_share_only_a_dateline_and_a_market_stay_apart() {
        let s = stories(&[
            "OSLO (Wire) - Veltra Marine said revenue rose. Veltra Marine shares rose on the Bors. Veltra will pay a dividend of 5 crowns per share.",
            "OSLO (Wire) - Kjell Mills said profit fell. Kjell Mills shares fell on the Bors. Kjell will keep its dividend of 3 crowns per share.",
            "Veltra Marine reported higher revenue. Veltra will pay its shareholders a dividend of 5 crowns a share.",
        ]);
        assert_ne!(s[0], s[1]);
        assert_eq!(s[0], s[2]);
    }

    #[test]
    fn small_sets() {
        assert_eq!(stories(&[]), Vec::<usize>::new());
        assert_eq!(stories(&["One lonely document about Varna."]), vec![0]);
    }
}
