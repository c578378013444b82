//! Alignment of passages that retell the same statement, across documents and within one.
//!
//! Two articles rarely quote each other word for word: one says "the ministry wrote to the UN chief
//! that rebels keep fortifying positions near the town", the other "the president's letter to the
//! Secretary-General mentions new fortified positions near the town". Disagreements (who sent the
//! letter, which town, how many mines) hide exactly in such pairs, so crosscheck first has to find
//! them and then diff them word by word.
//!
//! How it scales (the approach of passim and of near-duplicate detection, never all pairs):
//! - every sentence becomes a set of *units*: stems of its content words (stop words dropped,
//!   hyphenated words split, possessives removed), weighted by inverse sentence frequency;
//! - units found in many sentences (above `max_df` of them, and never more than 1,000) are too
//!   common to suggest a pair; the rest, the *rare* units, go into an inverted index;
//! - two sentences are candidates when they share at least `min_shared` rare units. The index
//!   holds only each sentence's rarest `len - min_shared + 1` units (the prefix filter of
//!   AllPairs/PPJoin: any two sets sharing `min_shared` units meet there), so the long posting
//!   lists of the more common units are never walked;
//! - each candidate is scored by the geometric mean of the two weighted containments (shared
//!   weight / √(weight A · weight B)), so a short passage fully inside a long one still scores
//!   well while two long passages sharing a few topic words do not, minus a penalty that falls
//!   with the square of the number of shared rare units (three shared words happen by chance);
//! - around each candidate, windows of two consecutive sentences are scored too, so a statement
//!   split differently still aligns; overlapping results keep only the best pair per region.
//!
//! ```
//! use crosscheck::align::{align, AlignSettings};
//! use crosscheck::text::sentences;
//! let a = "The ministry wrote that rebels keep building fortified positions near the stationed \
//!          contingent and laying mines. Weather was mild.";
//! let b = "Mild weather again. A letter says rebels are building new fortified positions near \
//!          the contingent stationed there, laying many mines.";
//! let docs = [a, b];
//! let sents: Vec<_> = docs.iter().map(|d| sentences(d)).collect();
//! let (pairs, _) = align(&docs, &sents, &AlignSettings::default());
//! assert_eq!(pairs.len(), 1);
//! assert!(pairs[0].shared.contains(&"fortifi".to_string()));
//! ```

use std::collections::HashMap;
use std::ops::Range;

use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;
use similar::DiffTag;

use crate::text::{fold, is_stopword, words_in};

/// A passage: one sentence, or a window of two consecutive sentences, of one document.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Passage {
    /// Index into the `docs` given to [`align`].
    pub doc: usize,
    /// Byte range into `docs[doc]`.
    pub range: Range<usize>,
}

/// Tuning of [`align`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlignSettings {
    /// Rare units two passages must share to be scored at all.
    pub min_shared: usize,
    /// Lowest score (0..=1) of a reported pair.
    pub min_score: f64,
    /// A unit found in more than this fraction of sentences is not rare. The limit never drops
    /// below the number of documents plus 3 (a statement retold in every document must stay
    /// findable) and never exceeds 1,000 sentences (which bounds the work).
    pub max_df: f64,
    /// Also pair passages of the same document (never overlapping or adjacent ones).
    pub same_document: bool,
    /// Also score windows of two consecutive sentences against single sentences.
    pub windows: bool,
}

impl Default for AlignSettings {
    fn default() -> Self {
        AlignSettings { min_shared: 3, min_score: 0.4, max_df: 0.02, same_document: true, windows: true }
    }
}

/// Two passages retelling the same statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlignedPair {
    /// The passage that comes first (by document, then position).
    pub a: Passage,
    pub b: Passage,
    /// Geometric mean of the two IDF-weighted containments, less a penalty for resting on few
    /// shared rare units; 0..=1, about 1 for a faithful copy.
    pub score: f64,
    /// The rare units (word stems) both passages contain, sorted.
    pub shared: Vec<String>,
}

/// Counters describing one run, for diagnostics and benchmarks.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct AlignStats {
    /// Sentences plus (when enabled) two-sentence windows.
    pub passages: usize,
    /// Candidate pairs that reached scoring.
    pub candidate_pairs_scored: usize,
    /// Pairs returned.
    pub pairs: usize,
}

/// Hard ceiling on how many sentences a rare unit may occur in. Counting candidates costs the sum
/// of the squared posting lengths, so this bounds the work per unit whatever `max_df` says.
const MAX_POSTINGS: usize = 1000;

/// Pseudo-count of background sentences in which no unit occurs. Without it, in a tiny set every
/// shared word looks common (a word in 2 of 2 sentences) and gets no weight; with it, IDF only
/// starts to bite once a set is large enough to say what is common.
const PRIOR_SENTENCES: f64 = 20.0;

/// How much a pair resting on few rare units is marked down: `EVIDENCE_PENALTY / n²` for `n`
/// shared rare units. Sentences on one topic share three rare words by chance often enough, a
/// dozen almost never, so a pair on three words needs far more overlap than a pair on twelve,
/// while a faithful copy of a long sentence keeps a score of nearly 1.
const EVIDENCE_PENALTY: f64 = 2.0;

/// Largest posting length (in sentences) of a rare unit. A statement retold once in every
/// document puts its words in `n_docs` sentences, so the cap never drops below that (plus a little
/// slack for a retelling repeated within a document), whatever the fraction says.
fn rare_cap(n_sentences: usize, n_docs: usize, max_df: f64) -> usize {
    let by_fraction =
        if max_df.is_finite() && max_df > 0.0 { (max_df * n_sentences as f64).ceil() as usize } else { 0 };
    by_fraction.max(n_docs + 3).min(MAX_POSTINGS)
}

/// Finds passages that retell the same statement. `sentences[i]` holds the sentence ranges of
/// `docs[i]` (as from [`crate::text::sentences`]); ranges that are out of bounds or not on
/// character boundaries are ignored. Pairs are sorted by the position of `a`, then of `b`.
pub fn align(
    docs: &[&str],
    sentences: &[Vec<Range<usize>>],
    settings: &AlignSettings,
) -> (Vec<AlignedPair>, AlignStats) {
    let corpus = Corpus::build(docs, sentences, settings);
    let n = corpus.sents.len();
    let mut stats = AlignStats {
        passages: n + if settings.windows { (0..n).filter(|&g| corpus.window_at(g)).count() } else { 0 },
        ..AlignStats::default()
    };
    if n < 2 {
        return (Vec::new(), stats);
    }

    // One scratch buffer per chunk of sentences: allocation stays low, and the collected order
    // (so the output) does not depend on how rayon schedules the chunks.
    const CHUNK: usize = 256;
    let chunks: Vec<ChunkResult> = (0..n.div_ceil(CHUNK))
        .into_par_iter()
        .map(|c| {
            let mut scratch = Scratch { stamp: 0, seen: vec![0; n] };
            let (mut found, mut windows, mut scored) = (Vec::new(), Vec::new(), 0);
            for p in c * CHUNK..((c + 1) * CHUNK).min(n) {
                scored += corpus.candidates_of(p, settings, &mut scratch, &mut found, &mut windows);
            }
            (found, windows, scored)
        })
        .collect();

    let mut all = Vec::new();
    let mut windows = Vec::new();
    for (found, w, scored) in chunks {
        stats.candidate_pairs_scored += scored;
        all.extend(found);
        windows.extend(w);
    }
    // Neighbouring sentence pairs propose the same window pair; score each once.
    windows.sort_unstable();
    windows.dedup();
    stats.candidate_pairs_scored += windows.len();
    all.par_extend(windows.par_iter().filter_map(|&(a, b)| corpus.score(a, b, settings)));
    let kept = best_per_region(all);
    let mut pairs: Vec<AlignedPair> = kept
        .into_iter()
        .map(|s| AlignedPair {
            a: corpus.passage(s.a),
            b: corpus.passage(s.b),
            score: s.score,
            shared: {
                let mut v: Vec<String> = s.shared.iter().map(|&u| corpus.names[u as usize].clone()).collect();
                v.sort();
                v
            },
        })
        .collect();
    pairs.sort_by(|x, y| {
        (x.a.doc, x.a.range.start, x.a.range.end, x.b.doc, x.b.range.start, x.b.range.end).cmp(&(
            y.a.doc,
            y.a.range.start,
            y.a.range.end,
            y.b.doc,
            y.b.range.start,
            y.b.range.end,
        ))
    });
    stats.pairs = pairs.len();
    (pairs, stats)
}

/// A sentence of the set.
struct Sent {
    doc: usize,
    /// Position among the usable sentences of its document.
    idx: usize,
    range: Range<usize>,
    /// All content units, sorted ids, for scoring.
    units: Vec<u32>,
}

/// A passage by global sentence index: `(first, last)`, equal for a single sentence.
type Span = (usize, usize);

/// What one chunk of sentences yields: scored sentence pairs, window pairs to score, and how
/// many pairs it scored.
type ChunkResult = (Vec<Scored>, Vec<(Span, Span)>, usize);

struct Scored {
    a: Span,
    b: Span,
    score: f64,
    shared: Vec<u32>,
}

/// Per-thread scratch space: `seen[q] == stamp` marks sentence `q` as already checked for the
/// sentence being probed, so nothing needs clearing between sentences.
struct Scratch {
    stamp: u32,
    seen: Vec<u32>,
}

struct Corpus {
    sents: Vec<Sent>,
    /// Rare units of sentence `g` as ranks (rarest first), sorted: `rare_units[rare_start[g]..
    /// rare_start[g + 1]]`. One flat array, because probing reads the lists of many random
    /// sentences and cache misses dominate the cost.
    rare_units: Vec<u32>,
    rare_start: Vec<u32>,
    names: Vec<String>,
    weight: Vec<f64>,
    /// Rank of a rare unit -> unit id.
    rank_unit: Vec<u32>,
    /// Rank -> sentences whose prefix holds the unit, ascending.
    postings: Vec<Vec<u32>>,
}

/// The prefix of a rarest-first unit list that any set sharing `k` of its units must meet (the
/// prefix filter of AllPairs/PPJoin): of `len - k + 1` units, at least one is shared.
fn prefix(rare: &[u32], k: usize) -> &[u32] {
    &rare[..(rare.len() + 1).saturating_sub(k)]
}

/// Size of the intersection of two sorted lists.
fn overlap(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

fn union(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut v: Vec<u32> = a.iter().chain(b).copied().collect();
    v.sort_unstable();
    v.dedup();
    v
}

impl Corpus {
    fn build(docs: &[&str], sentences: &[Vec<Range<usize>>], settings: &AlignSettings) -> Corpus {
        let mut vocab = Vocab::new();
        let mut sents = Vec::new();
        for (doc, (text, ranges)) in docs.iter().zip(sentences).enumerate() {
            let mut idx = 0;
            for r in ranges {
                if r.start > r.end || text.get(r.clone()).is_none() {
                    continue;
                }
                let mut units = Vec::new();
                for w in words_in(text, r.clone()) {
                    units.extend_from_slice(vocab.units_of(w.text));
                }
                units.sort_unstable();
                units.dedup();
                sents.push(Sent { doc, idx, range: r.clone(), units });
                idx += 1;
            }
        }
        let n = sents.len();
        let mut df = vec![0usize; vocab.names.len()];
        for s in &sents {
            for &u in &s.units {
                df[u as usize] += 1;
            }
        }
        let total = n as f64 + PRIOR_SENTENCES;
        let weight: Vec<f64> = df.iter().map(|&d| (total / d.max(1) as f64).ln()).collect();

        // Rare units are renumbered rarest first, so every sorted list starts with its prefix.
        let cap = rare_cap(n, docs.len().min(sentences.len()), settings.max_df);
        let mut rank_unit: Vec<u32> = (0..df.len() as u32).filter(|&u| (2..=cap).contains(&df[u as usize])).collect();
        rank_unit.sort_by_key(|&u| (df[u as usize], u));
        let mut unit_rank = vec![u32::MAX; df.len()];
        for (rank, &u) in rank_unit.iter().enumerate() {
            unit_rank[u as usize] = rank as u32;
        }
        let k = settings.min_shared.max(1);
        let mut rare_units = Vec::new();
        let mut rare_start = vec![0u32];
        let mut postings = vec![Vec::new(); rank_unit.len()];
        for (g, s) in sents.iter().enumerate() {
            let from = rare_units.len();
            rare_units.extend(s.units.iter().map(|&u| unit_rank[u as usize]).filter(|&r| r != u32::MAX));
            rare_units[from..].sort_unstable();
            for &r in prefix(&rare_units[from..], k) {
                postings[r as usize].push(g as u32);
            }
            rare_start.push(rare_units.len() as u32);
        }
        Corpus { sents, rare_units, rare_start, names: vocab.names, weight, rank_unit, postings }
    }

    /// Rare units of sentence `g`, as ranks, sorted.
    fn rare(&self, g: usize) -> &[u32] {
        &self.rare_units[self.rare_start[g] as usize..self.rare_start[g + 1] as usize]
    }

    /// Whether a two-sentence window starts at global sentence `g`.
    fn window_at(&self, g: usize) -> bool {
        g + 1 < self.sents.len() && self.sents[g].doc == self.sents[g + 1].doc
    }

    fn passage(&self, (first, last): Span) -> Passage {
        Passage { doc: self.sents[first].doc, range: self.sents[first].range.start..self.sents[last].range.end }
    }

    /// Whether two passages may be paired: different documents, or (when allowed) parts of one
    /// document with at least one sentence between them, since neighbours naturally share words.
    fn may_pair(&self, a: Span, b: Span, settings: &AlignSettings) -> bool {
        let (sa, sb) = (&self.sents[a.0], &self.sents[b.0]);
        if sa.doc != sb.doc {
            return true;
        }
        let (a0, a1) = (sa.idx, self.sents[a.1].idx);
        let (b0, b1) = (sb.idx, self.sents[b.1].idx);
        settings.same_document && (a1 + 1 < b0 || b1 + 1 < a0)
    }

    /// Finds the sentences after `p` sharing at least `min_shared` rare units with it, scores those
    /// pairs into `out`, and lists in `windows` the window pairs around them worth scoring.
    /// Returns how many pairs were scored.
    fn candidates_of(
        &self,
        p: usize,
        settings: &AlignSettings,
        scratch: &mut Scratch,
        out: &mut Vec<Scored>,
        windows: &mut Vec<(Span, Span)>,
    ) -> usize {
        scratch.stamp += 1;
        let stamp = scratch.stamp;
        let k = settings.min_shared.max(1);
        let rare = self.rare(p);
        let mut scored = 0;
        for (i, &r) in prefix(rare, k).iter().enumerate() {
            let posted = &self.postings[r as usize];
            // Later sentences only: each sentence pair is found once, from its first sentence.
            let after = posted.partition_point(|&q| q as usize <= p);
            for &q in &posted[after..] {
                let q = q as usize;
                if std::mem::replace(&mut scratch.seen[q], stamp) == stamp {
                    continue;
                }
                // `r` is the first shared unit (an earlier one would be in both prefixes and have
                // hit already), so counting can start there.
                let theirs = self.rare(q);
                let j = theirs.partition_point(|&x| x < r);
                if (rare.len() - i).min(theirs.len() - j) < k || overlap(&rare[i..], &theirs[j..]) < k {
                    continue;
                }
                if self.may_pair((p, p), (q, q), settings) {
                    scored += 1;
                    out.extend(self.score((p, p), (q, q), settings));
                }
                if settings.windows {
                    self.windows_around(p, q, settings, windows);
                }
            }
        }
        scored
    }

    /// Window pairs extending the sentence pair `(p, q)` by a neighbour on one side. A statement
    /// split in two elsewhere is found through whichever half shares enough with it on its own.
    fn windows_around(&self, p: usize, q: usize, settings: &AlignSettings, windows: &mut Vec<(Span, Span)>) {
        let starts = |g: usize| [g.checked_sub(1), Some(g)].into_iter().flatten().filter(|&w| self.window_at(w));
        // Stored in sentence order so that one pair proposed from two sides is deduplicated.
        let mut push = |x: Span, y: Span| windows.push(if x <= y { (x, y) } else { (y, x) });
        for w in starts(q) {
            if self.window_worth((p, p), w) && self.may_pair((p, p), (w, w + 1), settings) {
                push((p, p), (w, w + 1));
            }
        }
        for w in starts(p) {
            if self.window_worth((q, q), w) && self.may_pair((w, w + 1), (q, q), settings) {
                push((w, w + 1), (q, q));
            }
        }
    }

    /// A window is worth scoring against a sentence only if both of its sentences share a rare
    /// unit with it; otherwise it is the single-sentence pair padded with noise.
    fn window_worth(&self, (s, _): Span, w: usize) -> bool {
        let rare = self.rare(s);
        overlap(rare, self.rare(w)) > 0 && overlap(rare, self.rare(w + 1)) > 0
    }

    fn units(&self, (first, last): Span) -> std::borrow::Cow<'_, [u32]> {
        if first == last {
            std::borrow::Cow::Borrowed(&self.sents[first].units)
        } else {
            std::borrow::Cow::Owned(union(&self.sents[first].units, &self.sents[last].units))
        }
    }

    fn score(&self, a: Span, b: Span, settings: &AlignSettings) -> Option<Scored> {
        let (ua, ub) = (self.units(a), self.units(b));
        let w = |u: u32| self.weight[u as usize];
        let (wa, wb): (f64, f64) = (ua.iter().map(|&u| w(u)).sum(), ub.iter().map(|&u| w(u)).sum());
        let mut common = 0.0;
        let (mut i, mut j) = (0, 0);
        while i < ua.len() && j < ub.len() {
            match ua[i].cmp(&ub[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    common += w(ua[i]);
                    i += 1;
                    j += 1;
                }
            }
        }
        if wa <= 0.0 || wb <= 0.0 {
            return None;
        }
        let rare_of = |s: Span| {
            if s.0 == s.1 {
                std::borrow::Cow::Borrowed(self.rare(s.0))
            } else {
                std::borrow::Cow::Owned(union(self.rare(s.0), self.rare(s.1)))
            }
        };
        let (ra, rb) = (rare_of(a), rare_of(b));
        let n = overlap(&ra, &rb);
        if n < settings.min_shared.max(1) {
            return None;
        }
        let score = (common / (wa * wb).sqrt() - EVIDENCE_PENALTY / (n * n) as f64).clamp(0.0, 1.0);
        if score < settings.min_score {
            return None;
        }
        let shared = ra.iter().filter(|r| rb.binary_search(r).is_ok()).map(|&r| self.rank_unit[r as usize]).collect();
        let (a, b) = if (self.sents[a.0].doc, self.sents[a.0].idx) <= (self.sents[b.0].doc, self.sents[b.0].idx) {
            (a, b)
        } else {
            (b, a)
        };
        Some(Scored { a, b, score, shared })
    }
}

/// Keeps, among pairs that overlap on both sides, only the best scoring one (ties broken by
/// position so the choice is deterministic).
fn best_per_region(mut all: Vec<Scored>) -> Vec<Scored> {
    all.sort_by(|x, y| y.score.total_cmp(&x.score).then_with(|| (x.a, x.b).cmp(&(y.a, y.b))));
    let overlaps = |x: Span, y: Span| x.0 <= y.1 && y.0 <= x.1;
    let mut kept: Vec<Scored> = Vec::new();
    // Global sentence index -> kept pairs touching it, so each check looks at a handful of pairs.
    let mut by_sentence: HashMap<usize, Vec<usize>> = HashMap::new();
    for s in all {
        let clash = (s.a.0..=s.a.1).chain(s.b.0..=s.b.1).any(|g| {
            by_sentence.get(&g).is_some_and(|ids| {
                ids.iter().any(|&k| {
                    let t = &kept[k];
                    (overlaps(s.a, t.a) && overlaps(s.b, t.b)) || (overlaps(s.a, t.b) && overlaps(s.b, t.a))
                })
            })
        });
        if clash {
            continue;
        }
        let id = kept.len();
        for g in (s.a.0..=s.a.1).chain(s.b.0..=s.b.1) {
            by_sentence.entry(g).or_default().push(id);
        }
        kept.push(s);
    }
    kept
}

/// Maps words to unit ids, stemming each distinct word form once.
struct Vocab {
    stemmer: Stemmer,
    by_word: HashMap<String, Vec<u32>>,
    by_stem: HashMap<String, u32>,
    names: Vec<String>,
    key: String,
}

impl Vocab {
    fn new() -> Vocab {
        Vocab {
            stemmer: Stemmer::create(Algorithm::English),
            by_word: HashMap::new(),
            by_stem: HashMap::new(),
            names: Vec::new(),
            key: String::new(),
        }
    }

    fn units_of(&mut self, word: &str) -> &[u32] {
        self.key.clear();
        if word.is_ascii() {
            self.key.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            self.key.push_str(&fold(word));
        }
        if !self.by_word.contains_key(self.key.as_str()) {
            let units = self.compute(&self.key.clone());
            self.by_word.insert(self.key.clone(), units);
        }
        self.by_word.get(self.key.as_str()).map(Vec::as_slice).unwrap_or(&[])
    }

    fn compute(&mut self, key: &str) -> Vec<u32> {
        // Possessives: "ministry's" and "ministry" are one unit.
        let key = key.strip_suffix("'s").or_else(|| key.strip_suffix('\'')).unwrap_or(key);
        let mut out = Vec::new();
        // "Secretary-General" and "Secretary General" should meet, so hyphen parts are units.
        for part in key.split('-') {
            let unit = if part.starts_with(|c: char| c.is_ascii_digit()) {
                part.to_string()
            } else {
                // "U.N" and "UN", "O'Brien" and "OBrien" should meet too.
                let plain: String = part.chars().filter(|&c| c != '.' && c != '\'').collect();
                if plain.chars().count() < 2 || is_stopword(&plain) || is_stopword(part) {
                    continue;
                }
                self.stemmer.stem(&plain).into_owned()
            };
            if unit.is_empty() {
                continue;
            }
            let next = self.names.len() as u32;
            let id = *self.by_stem.entry(unit.clone()).or_insert(next);
            if id == next {
                self.names.push(unit);
            }
            out.push(id);
        }
        out
    }
}

/// Kind of a [`Segment`] of a word diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SegmentTag {
    Equal,
    Delete,
    Insert,
}

/// A run of words of a word diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub tag: SegmentTag,
    pub text: String,
    /// Byte range into `a_text` for `Equal` and `Delete`, into `b_text` for `Insert`.
    pub range: Range<usize>,
}

/// Word-level diff of passage `a` of `a_text` against passage `b` of `b_text`. Words are compared
/// folded (case and accents ignored); punctuation and spacing are not compared. Runs of words with
/// the same tag form one segment whose range spans them (including the text between them).
/// Invalid ranges are clamped to the text and to character boundaries.
pub fn word_diff(a_text: &str, a: Range<usize>, b_text: &str, b: Range<usize>) -> Vec<Segment> {
    let a = clamp(a_text, a);
    let b = clamp(b_text, b);
    let wa = words_in(a_text, a);
    let wb = words_in(b_text, b);
    let ka: Vec<String> = wa.iter().map(|w| fold(w.text)).collect();
    let kb: Vec<String> = wb.iter().map(|w| fold(w.text)).collect();
    let ops = similar::capture_diff_slices(similar::Algorithm::Patience, &ka, &kb);
    let mut out: Vec<Segment> = Vec::new();
    let mut push = |tag: SegmentTag, range: Range<usize>| {
        if range.is_empty() {
            return;
        }
        let text = if tag == SegmentTag::Insert { b_text } else { a_text };
        match out.last_mut() {
            Some(last) if last.tag == tag => {
                last.range.end = range.end;
                last.text = text[last.range.clone()].to_string();
            }
            _ => out.push(Segment { tag, text: text[range.clone()].to_string(), range }),
        }
    };
    let span = |words: &[crate::text::Word<'_>], r: Range<usize>| -> Range<usize> {
        match (words.get(r.start), r.end.checked_sub(1).and_then(|e| words.get(e))) {
            (Some(f), Some(l)) if !r.is_empty() => f.range.start..l.range.end,
            _ => 0..0,
        }
    };
    for op in ops {
        let (tag, ra, rb) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => push(SegmentTag::Equal, span(&wa, ra)),
            DiffTag::Delete => push(SegmentTag::Delete, span(&wa, ra)),
            DiffTag::Insert => push(SegmentTag::Insert, span(&wb, rb)),
            DiffTag::Replace => {
                push(SegmentTag::Delete, span(&wa, ra));
                push(SegmentTag::Insert, span(&wb, rb));
            }
        }
    }
    out
}

/// One change of a diff: the range deleted from `a` and the range inserted from `b`.
pub type Change = (Option<Range<usize>>, Option<Range<usize>>);

/// The changed spans of a diff: for each maximal run of non-equal segments, the range it deletes
/// from `a` and the range it inserts from `b` (`None` when the run only inserts or only deletes).
pub fn changes(segments: &[Segment]) -> Vec<Change> {
    let mut out = Vec::new();
    let mut cur: Change = (None, None);
    let widen = |slot: &mut Option<Range<usize>>, r: &Range<usize>| {
        *slot = Some(match slot.take() {
            Some(s) => s.start.min(r.start)..s.end.max(r.end),
            None => r.clone(),
        });
    };
    for s in segments {
        match s.tag {
            SegmentTag::Equal => {
                if cur.0.is_some() || cur.1.is_some() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            SegmentTag::Delete => widen(&mut cur.0, &s.range),
            SegmentTag::Insert => widen(&mut cur.1, &s.range),
        }
    }
    if cur.0.is_some() || cur.1.is_some() {
        out.push(cur);
    }
    out
}

/// `r` limited to `text` and shrunk to character boundaries.
fn clamp(text: &str, r: Range<usize>) -> Range<usize> {
    crate::span::shrink(text, r)
}

#[cfg(test)]
mod tests;
