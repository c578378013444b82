//! Finds the same quote worded differently across (or within) the documents of a set.
//!
//! When one article has a union condemn “open displays” of hostility to migrants in several
//! cities and another has it condemn "open expressions of hostility to migrants in several
//! cities.", at least one misquotes. This module pairs such quotes and reports the words that
//! differ (`displays -> expressions`).
//!
//! Writers put different amounts in quote marks, so the shorter quote of a pair is aligned against
//! the longer one inside its own sentence: its unquoted continuation is taken in when it matches
//! the other quote, and only the matching part of a long quote is compared. Candidate pairs come
//! from an index of rare content-word stems; the set is never compared all against all.
//! A pair is reported when the aligned windows share most of their words but their canonical
//! forms differ; identical words with only case or punctuation changed are `cosmetic`, and
//! identical words credited to different speakers are flagged `different_speakers`.

use std::collections::BTreeMap;
use std::ops::Range;

use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;
use similar::{capture_diff_slices, Algorithm as DiffAlgorithm, DiffOp};

use crate::facts::quotes::{canonical, Quote};
use crate::text;

/// Two quotes that render the same statement in different words (or credit it differently).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteMatch {
    /// (document index, quote index) of the first quote; `a < b`.
    pub a: (usize, usize),
    pub b: (usize, usize),
    /// The compared text in each document: the quote, possibly extended by its unquoted
    /// continuation or cut to the part that matches the other quote.
    pub a_window: Range<usize>,
    pub b_window: Range<usize>,
    /// Weighted share of words the two windows have in common (0..=1).
    pub similarity: f64,
    /// The words are the same; only case or punctuation differ.
    pub cosmetic: bool,
    /// Both quotes name a speaker and the speakers differ.
    pub different_speakers: bool,
    /// Word diff from `a_window` to `b_window`.
    pub diff: Vec<DiffSegment>,
}

/// One run of a word diff.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffSegment {
    /// `"equal"`, `"delete"` (only in a) or `"insert"` (only in b).
    pub tag: &'static str,
    pub text: String,
}

/// Quotes this much longer than the other are only compared where they align (words).
const MAX_QUOTE_WORDS: usize = 400;
/// Words of the sentence kept on each side of a quote for extending it.
const CONTEXT_WORDS: usize = 60;
/// Words on each side of a quote whose stems also index it (for short quotes continued unquoted).
const INDEX_CONTEXT: usize = 12;
/// A stem in more quotes than this is too common to find candidates with.
const MAX_POSTING: usize = 100;
/// The most later quotes one quote is compared with (those sharing the most rare stems).
const MAX_PARTNERS: usize = 64;
/// Weight of a function word relative to a content word in the similarity.
const STOP_WEIGHT: f64 = 0.3;
/// Lowest similarity of a reported pair.
const MIN_SIMILARITY: f64 = 0.6;

struct Tok {
    range: Range<usize>,
    key: String,
    content: bool,
}

/// A quote ready for comparison: the words of its sentence around it, and where it sits in them.
struct Prepared {
    doc: usize,
    idx: usize,
    toks: Vec<Tok>,
    q0: usize,
    q1: usize,
    stems: Vec<String>,
}

impl Prepared {
    fn len(&self) -> usize {
        self.q1 - self.q0
    }
}

/// Compares the quotes of every document with those of all documents (including its own) and
/// returns the pairs worded differently, sorted by `(a, b)`.
pub fn compare_quotes(docs: &[&str], quotes: &[Vec<Quote>]) -> Vec<QuoteMatch> {
    let stemmer = Stemmer::create(Algorithm::English);
    let mut prepared = Vec::new();
    for (doc, (text, qs)) in docs.iter().zip(quotes).enumerate() {
        for (idx, q) in qs.iter().enumerate() {
            if let Some(p) = prepare(text, doc, idx, q, &stemmer) {
                prepared.push(p);
            }
        }
    }
    // A quote syndicated verbatim (same sentence, same speaker) across many documents is compared
    // once; its results are copied to every copy. This also keeps the stem index small.
    let mut groups: BTreeMap<(&str, usize, usize, Option<&str>), Vec<usize>> = BTreeMap::new();
    for (i, p) in prepared.iter().enumerate() {
        let region = &docs[p.doc][p.toks[0].range.start..p.toks[p.toks.len() - 1].range.end];
        let speaker = quotes[p.doc][p.idx].speaker.as_ref().map(|s| s.1.as_str());
        groups.entry((region, p.q0, p.q1, speaker)).or_default().push(i);
    }
    let mut members: Vec<Vec<usize>> = groups.into_values().collect();
    members.sort();
    let reps: Vec<&Prepared> = members.iter().map(|m| &prepared[m[0]]).collect();
    let pairs = candidates(&reps);
    let mut out: Vec<QuoteMatch> = pairs
        .par_iter()
        .filter_map(|&(i, j)| {
            let m = compare_pair(docs, quotes, reps[i], reps[j])?;
            Some(expand(&m, reps[i], reps[j], &members[i], &members[j], &prepared))
        })
        .flatten()
        .collect();
    out.sort_by_key(|x| (x.a, x.b));
    out
}

/// Copies the match `m` of two representative quotes to every pair of their verbatim copies.
fn expand(
    m: &QuoteMatch,
    ra: &Prepared,
    rb: &Prepared,
    ma: &[usize],
    mb: &[usize],
    prepared: &[Prepared],
) -> Vec<QuoteMatch> {
    let base = |p: &Prepared| p.toks[0].range.start;
    let shift = |r: &Range<usize>, from: usize, to: usize| r.start - from + to..r.end - from + to;
    let mut out = Vec::with_capacity(ma.len() * mb.len());
    for &x in ma {
        for &y in mb {
            let (px, py) = (&prepared[x], &prepared[y]);
            let mut c = m.clone();
            c.a = (px.doc, px.idx);
            c.b = (py.doc, py.idx);
            c.a_window = shift(&m.a_window, base(ra), base(px));
            c.b_window = shift(&m.b_window, base(rb), base(py));
            if c.a.0 == c.b.0 && c.a_window.start < c.b_window.end && c.b_window.start < c.a_window.end {
                continue;
            }
            if c.b < c.a {
                std::mem::swap(&mut c.a, &mut c.b);
                std::mem::swap(&mut c.a_window, &mut c.b_window);
                for s in &mut c.diff {
                    s.tag = match s.tag {
                        "delete" => "insert",
                        "insert" => "delete",
                        t => t,
                    };
                }
            }
            out.push(c);
        }
    }
    out
}

fn prepare(text: &str, doc: usize, idx: usize, q: &Quote, stemmer: &Stemmer) -> Option<Prepared> {
    let inner = q.inner.clone();
    if inner.end > text.len() || !text.is_char_boundary(inner.start) || !text.is_char_boundary(inner.end) {
        return None;
    }
    let mut region = q.sentence.start.min(q.outer.start)..q.sentence.end.max(q.outer.end);
    if region.end > text.len() || !text.is_char_boundary(region.start) || !text.is_char_boundary(region.end) {
        region = inner.clone();
    }
    // Only the context words around the quote are used; a runaway sentence is not read whole.
    let region = crate::span::near(text, region, inner.clone(), super::context::REACH);
    let words = text::words_in(text, region);
    let q0 = words.partition_point(|w| w.range.start < inner.start);
    let q1 = words.partition_point(|w| w.range.start < inner.end);
    if q1 - q0 < 2 || q1 - q0 > MAX_QUOTE_WORDS {
        return None;
    }
    let lo = q0.saturating_sub(CONTEXT_WORDS);
    let hi = (q1 + CONTEXT_WORDS).min(words.len());
    let toks: Vec<Tok> = words[lo..hi]
        .iter()
        .map(|w| {
            let key = text::fold(w.text);
            let content = !text::is_stopword(&key);
            Tok { range: w.range.clone(), key, content }
        })
        .collect();
    let (q0, q1) = (q0 - lo, q1 - lo);
    let mut stems: Vec<String> = toks[q0.saturating_sub(INDEX_CONTEXT)..(q1 + INDEX_CONTEXT).min(toks.len())]
        .iter()
        .filter(|t| t.content)
        .map(|t| stemmer.stem(&t.key).into_owned())
        .collect();
    stems.sort();
    stems.dedup();
    Some(Prepared { doc, idx, toks, q0, q1, stems })
}

/// Pairs of prepared quotes (i < j) that share at least two rare stems and whose lengths allow a
/// comparison: both of three words or more, or a two-word quote against a longer one.
fn candidates(prepared: &[&Prepared]) -> Vec<(usize, usize)> {
    let mut postings: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, p) in prepared.iter().enumerate() {
        for s in &p.stems {
            postings.entry(s.as_str()).or_default().push(i);
        }
    }
    let mut counts = vec![0u32; prepared.len()];
    let mut touched = Vec::new();
    let mut pairs = Vec::new();
    for (i, p) in prepared.iter().enumerate() {
        for s in &p.stems {
            let list = &postings[s.as_str()];
            if list.len() > MAX_POSTING {
                continue;
            }
            for &j in list.iter().filter(|&&j| j > i) {
                if counts[j] == 0 {
                    touched.push(j);
                }
                counts[j] += 1;
            }
        }
        touched.sort_unstable();
        let mut mine: Vec<(u32, usize)> = Vec::new();
        for &j in &touched {
            let (short, long) = (p.len().min(prepared[j].len()), p.len().max(prepared[j].len()));
            if counts[j] >= 2 && (short >= 3 || long >= 3) {
                mine.push((counts[j], j));
            }
            counts[j] = 0;
        }
        touched.clear();
        // Each pair costs an alignment of two quotes with their context: a quote is compared
        // with its best-sharing partners only, so the work stays linear in the number of quotes
        // (text without sentence ends makes every quote long and alike).
        if mine.len() > MAX_PARTNERS {
            mine.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            mine.truncate(MAX_PARTNERS);
            mine.sort_unstable_by_key(|&(_, j)| j);
        }
        pairs.extend(mine.into_iter().map(|(_, j)| (i, j)));
    }
    pairs
}

/// Local alignment (Smith-Waterman) of `r` against `l`: the best-scoring stretches as word ranges
/// `(r_range, l_range)`. Content words weigh more than function words.
fn local_align<'t>(r: &'t [Tok], l: &'t [Tok]) -> Option<(Range<usize>, Range<usize>)> {
    let (n, m) = (r.len(), l.len());
    // Words as numbers, so a cell compares two integers, not two strings.
    let mut ids: std::collections::HashMap<&'t str, u32> = std::collections::HashMap::new();
    let mut id = |t: &'t Tok| {
        let next = ids.len() as u32;
        *ids.entry(t.key.as_str()).or_insert(next)
    };
    let rk: Vec<u32> = r.iter().map(&mut id).collect();
    let lk: Vec<u32> = l.iter().map(&mut id).collect();
    // Two rows of the score matrix (and of where each cell's stretch starts) are enough: every
    // cell looks at its row and the one above. The quotes of a long text can be hundreds of
    // words with their context; whole matrices cost megabytes per pair.
    let w = m + 1;
    let (mut prev, mut cur) = (vec![0i32; w], vec![0i32; w]);
    let (mut prev_st, mut cur_st) = (vec![(0usize, 0usize); w], vec![(0usize, 0usize); w]);
    let gap = |t: &Tok| if t.content { 2 } else { 1 };
    let mut best = (0i32, 0usize, 0usize, (0usize, 0usize));
    for i in 1..=n {
        cur[0] = 0;
        cur_st[0] = (0, 0);
        for j in 1..=m {
            let same = rk[i - 1] == lk[j - 1];
            let diag = prev[j - 1]
                + if same {
                    if r[i - 1].content {
                        3
                    } else {
                        1
                    }
                } else {
                    -2
                };
            let up = prev[j] - gap(&r[i - 1]);
            let left = cur[j - 1] - gap(&l[j - 1]);
            // Where a stretch through a neighbour starts: at the neighbour if it scored nothing.
            let from = |s: i32, st: (usize, usize), ii: usize, jj: usize| if s == 0 { (ii, jj) } else { st };
            let (v, st) = if diag >= up && diag >= left {
                (diag, from(prev[j - 1], prev_st[j - 1], i - 1, j - 1))
            } else if up >= left {
                (up, from(prev[j], prev_st[j], i - 1, j))
            } else {
                (left, from(cur[j - 1], cur_st[j - 1], i, j - 1))
            };
            if v > 0 {
                cur[j] = v;
                cur_st[j] = st;
                if v > best.0 {
                    best = (v, i, j, st);
                }
            } else {
                cur[j] = 0;
                cur_st[j] = (0, 0);
            }
        }
        std::mem::swap(&mut prev, &mut cur);
        std::mem::swap(&mut prev_st, &mut cur_st);
    }
    let (v, i, j, (i0, j0)) = best;
    if v <= 0 {
        return None;
    }
    Some((i0..i, j0..j))
}

/// Whether the text between two word ranges holds sentence-level punctuation or a quote mark.
fn breaks_between(text: &str, a: &Range<usize>, b: &Range<usize>) -> bool {
    text.get(a.end..b.start)
        .is_none_or(|g| g.chars().any(|c| matches!(c, '.' | '!' | '?' | ';' | ':' | '"' | '“' | '”' | '«' | '»' | '„')))
}

fn compare_pair(docs: &[&str], quotes: &[Vec<Quote>], pa: &Prepared, pb: &Prepared) -> Option<QuoteMatch> {
    // `s` is the shorter quote: it may be extended within its sentence; `l` is only cut.
    let a_short = pa.len() <= pb.len();
    let (s, l) = if a_short { (pa, pb) } else { (pb, pa) };
    let s_text = docs[s.doc];
    let lw = &l.toks[l.q0..l.q1];
    let reach = lw.len() + 2;
    let r0 = s.q0.saturating_sub(reach);
    let r1 = (s.q1 + reach).min(s.toks.len());
    let rw = &s.toks[r0..r1];
    let (qs, qe) = (s.q0 - r0, s.q1 - r0);

    // The best match may lie in the unquoted part of the sentence; then only the quote itself
    // is aligned, since a comparison must involve the quoted words.
    let (ra, la) = match local_align(rw, lw)? {
        (ra, la) if ra.end > qs && ra.start < qe => (ra, la),
        _ => {
            let (ra, la) = local_align(&rw[qs..qe], lw)?;
            (ra.start + qs..ra.end + qs, la)
        }
    };
    let (mut ws0, mut ws1) = (ra.start.min(qs), ra.end.max(qe));
    let (mut wl0, mut wl1) = (la.start, la.end);
    // Quote words left out at an edge of the alignment stand against the other quote's words
    // just outside it (a changed first or last word); when those are few, against all of them
    // (`no doubt` / `no room for doubt`).
    let lead = ra.start - ws0;
    let trail = ws1 - ra.end;
    if lead > 0 {
        wl0 = if wl0 <= lead + 3 { 0 } else { wl0 - lead };
    }
    if trail > 0 {
        let rem = lw.len() - wl1;
        wl1 = if rem <= trail + 3 { lw.len() } else { wl1 + trail };
    }
    // When the short quote was extended past its marks, the other quote's last one or two
    // unaligned words stand against the next words of the sentence, if both hold a content word
    // (`in some lands` / `in some countries`; not `the plan` / `This plan`).
    let contentful = |t: &[Tok]| t.iter().any(|t| t.content);
    let rem_end = lw.len() - wl1;
    if trail == 0 && ws1 > qe && (1..=2).contains(&rem_end) && ws1 + rem_end <= rw.len() {
        let ok = (ws1..ws1 + rem_end).all(|k| !breaks_between(s_text, &rw[k - 1].range, &rw[k].range))
            && contentful(&rw[ws1..ws1 + rem_end])
            && contentful(&lw[wl1..wl1 + rem_end]);
        if ok {
            ws1 += rem_end;
            wl1 += rem_end;
        }
    }
    let rem_start = wl0;
    if lead == 0 && ws0 < qs && (1..=2).contains(&rem_start) && ws0 >= rem_start {
        let ok = (ws0 - rem_start + 1..=ws0).all(|k| !breaks_between(s_text, &rw[k - 1].range, &rw[k].range))
            && contentful(&rw[ws0 - rem_start..ws0])
            && contentful(&lw[..rem_start]);
        if ok {
            ws0 -= rem_start;
            wl0 -= rem_start;
        }
    }
    let s_win = &rw[ws0..ws1];
    let l_win = &lw[wl0..wl1];
    if s.doc == l.doc
        && s_win[0].range.start < l_win[l_win.len() - 1].range.end
        && l_win[0].range.start < s_win[s_win.len() - 1].range.end
    {
        return None;
    }

    let (a_win, b_win) = if a_short { (s_win, l_win) } else { (l_win, s_win) };
    let ak: Vec<&str> = a_win.iter().map(|t| t.key.as_str()).collect();
    let bk: Vec<&str> = b_win.iter().map(|t| t.key.as_str()).collect();
    let ops = capture_diff_slices(DiffAlgorithm::Myers, &ak, &bk);

    let weight = |t: &Tok| if t.content { 1.0 } else { STOP_WEIGHT };
    let mut matched = 0.0;
    let mut matched_content = 0usize;
    let mut matched_in_quote = 0usize;
    let mut longest_run = 0usize;
    let s_offset = ws0; // index of s_win[0] in rw
    for op in &ops {
        if let DiffOp::Equal { old_index, new_index, len } = *op {
            longest_run = longest_run.max(len);
            for k in 0..len {
                let t = &a_win[old_index + k];
                matched += weight(t);
                if t.content {
                    matched_content += 1;
                    let s_idx = s_offset + if a_short { old_index + k } else { new_index + k };
                    if (qs..qe).contains(&s_idx) {
                        matched_in_quote += 1;
                    }
                }
            }
        }
    }
    let total: f64 = a_win.iter().chain(b_win).map(weight).sum();
    let similarity = if total > 0.0 { 2.0 * matched / total } else { 0.0 };
    let content_a = a_win.iter().filter(|t| t.content).count();
    let content_b = b_win.iter().filter(|t| t.content).count();
    let content_quote = s.toks[s.q0..s.q1].iter().filter(|t| t.content).count();
    // The same statement shares a run of words, not scattered ones; a short quote differing only
    // in function words (`is`/`was`, a dropped `not`) is the exception.
    let enough = (matched_content >= 3 && longest_run >= 3)
        || (matched_content >= 2 && matched_content == content_a && matched_content == content_b);
    // Most of the quoted words themselves must match: the unquoted continuation only helps.
    let quote_covered = matched_in_quote > 0 && 2 * matched_in_quote >= content_quote;
    if similarity < MIN_SIMILARITY || !enough || !quote_covered {
        return None;
    }

    // The words the shorter quote's writer put in quote marks must take part in a change: a
    // difference only in its unquoted continuation (`both sides had "shown …"` against
    // `"Both sides have shown …"`) is reported speech, not a misquote.
    let s_quoted = |k: usize| (qs..qe).contains(&(ws0 + k));
    let quoted_change = ops.iter().any(|op| {
        let (s_start, s_len) = match (*op, a_short) {
            (DiffOp::Equal { .. }, _) => return false,
            (DiffOp::Delete { old_index, old_len, .. }, true) => (old_index, old_len),
            (DiffOp::Delete { new_index, .. }, false) => (new_index, 0),
            (DiffOp::Insert { old_index, .. }, true) => (old_index, 0),
            (DiffOp::Insert { new_index, new_len, .. }, false) => (new_index, new_len),
            (DiffOp::Replace { old_index, old_len, .. }, true) => (old_index, old_len),
            (DiffOp::Replace { new_index, new_len, .. }, false) => (new_index, new_len),
        };
        if s_len == 0 {
            // Words only the longer quote has, between two quoted words of the shorter one.
            s_start > 0 && s_quoted(s_start - 1) && s_quoted(s_start)
        } else {
            (s_start..s_start + s_len).any(s_quoted)
        }
    });
    let window_text = |text: &str, w: &[Tok]| canonical(&text[w[0].range.start..w[w.len() - 1].range.end]);
    if !quoted_change && window_text(s_text, s_win) != window_text(docs[l.doc], l_win) {
        return None;
    }

    let a_text = docs[pa.doc];
    let b_text = docs[pb.doc];
    let a_window = a_win[0].range.start..a_win[a_win.len() - 1].range.end;
    let b_window = b_win[0].range.start..b_win[b_win.len() - 1].range.end;
    let (ta, tb) = (&a_text[a_window.clone()], &b_text[b_window.clone()]);
    let qa = &quotes[pa.doc][pa.idx];
    let qb = &quotes[pb.doc][pb.idx];
    // A headline capitalises every word, its quote and its speaker (`Says Union`) alike.
    let headline = in_headline(a_text, qa) || in_headline(b_text, qb);
    // A stock phrase of two content words (`serious and constructive`) is said by many people.
    let different_speakers = match (&qa.speaker, &qb.speaker) {
        (Some((_, x)), Some((_, y))) => !headline && content_a.min(content_b) >= 3 && speakers_differ(x, y),
        _ => false,
    };
    let cosmetic = canonical(ta) == canonical(tb);
    // One document repeating its own quote with other marks is a pull quote or a headline
    // (`does not heal...` / `does not heal,`), not a disagreement.
    if cosmetic && !different_speakers && (headline || pa.doc == pb.doc || plain(ta) == plain(tb)) {
        return None;
    }
    let diff = segments(&ops, a_win, b_win, a_text, b_text);
    Some(QuoteMatch {
        a: (pa.doc, pa.idx),
        b: (pb.doc, pb.idx),
        a_window,
        b_window,
        similarity: (similarity * 1000.0).round() / 1000.0,
        cosmetic,
        different_speakers,
        diff,
    })
}

/// The words as written, without quote marks and without punctuation at the ends: what a
/// faithful quote reproduces whatever its quoting style.
fn plain(s: &str) -> String {
    let ascii = deunicode::deunicode(s);
    let no_marks: String = ascii.chars().filter(|&c| c != '"').collect();
    let joined = no_marks.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = joined.trim_matches(|c: char| !c.is_alphanumeric());
    // A quote's first letter is capitalised or not by how it sits in its sentence.
    let mut chars = trimmed.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// Whether the quote sits on a headline-case line: at least three words of four or more letters,
/// every one capitalised (`'No Going Back,' Says Union`).
fn in_headline(text: &str, q: &Quote) -> bool {
    if text.get(..q.outer.start).is_none() || text.get(q.outer.end..).is_none() {
        return false;
    }
    // A headline is a short line: one that runs on past the reach on either side is prose (and
    // reading a line of megabytes for every pair of quotes in it was quadratic).
    let reach = super::context::REACH;
    let from = crate::span::floor(text, q.outer.start.saturating_sub(reach));
    let start = match text[from..q.outer.start].rfind('\n') {
        Some(i) => from + i + 1,
        None if from == 0 => 0,
        None => return false,
    };
    let to = crate::span::floor(text, q.outer.end.saturating_add(reach));
    let end = match text[q.outer.end..to].find('\n') {
        Some(i) => q.outer.end + i,
        None if to == text.len() => text.len(),
        None => return false,
    };
    let mut long = 0;
    for w in text[start..end]
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 4 && w.chars().next().is_some_and(char::is_alphabetic))
    {
        if !w.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        long += 1;
    }
    long >= 3
}

/// Whether two speaker phrases name different speakers: they share no capitalised word and
/// neither contains the other. A phrase opening with `a`/`an` (`an RDG spokesperson`) is an
/// unnamed person, a role, whatever capitals it holds.
fn speakers_differ(x: &str, y: &str) -> bool {
    let (fx, fy) = (canonical(x), canonical(y));
    if fx.contains(&fy) || fy.contains(&fx) {
        return false;
    }
    let caps = |s: &str| -> Vec<String> {
        let first = s.split_whitespace().next().unwrap_or("");
        if first.eq_ignore_ascii_case("a") || first.eq_ignore_ascii_case("an") {
            return Vec::new();
        }
        text::words(s)
            .into_iter()
            .filter(|w| w.text.chars().next().is_some_and(char::is_uppercase))
            .map(|w| text::fold(w.text))
            .filter(|w| !text::is_stopword(w))
            .collect()
    };
    let (cx, cy) = (caps(x), caps(y));
    match (cx.is_empty(), cy.is_empty()) {
        // Two names: different when they share no word.
        (false, false) => !cx.iter().any(|w| cy.contains(w)),
        // A role (`the minister`, `a senior diplomat`) may well be the named speaker.
        (true, false) | (false, true) => false,
        // Two roles: different when they share no content word (`the minister` / `the mayor`).
        (true, true) => {
            let content = |s: &str| -> Vec<String> {
                text::words(s).into_iter().map(|w| text::fold(w.text)).filter(|w| !text::is_stopword(w)).collect()
            };
            let wy = content(y);
            !content(x).iter().any(|w| wy.contains(w))
        }
    }
}

fn segments(ops: &[DiffOp], a: &[Tok], b: &[Tok], a_text: &str, b_text: &str) -> Vec<DiffSegment> {
    let join = |toks: &[Tok], text: &str| toks.iter().map(|t| &text[t.range.clone()]).collect::<Vec<_>>().join(" ");
    let mut out: Vec<DiffSegment> = Vec::new();
    let mut push = |tag: &'static str, s: String| {
        if s.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.tag == tag => {
                last.text.push(' ');
                last.text.push_str(&s);
            }
            _ => out.push(DiffSegment { tag, text: s }),
        }
    };
    for op in ops {
        match *op {
            DiffOp::Equal { old_index, len, .. } => push("equal", join(&a[old_index..old_index + len], a_text)),
            DiffOp::Delete { old_index, old_len, .. } => {
                push("delete", join(&a[old_index..old_index + old_len], a_text))
            }
            DiffOp::Insert { new_index, new_len, .. } => {
                push("insert", join(&b[new_index..new_index + new_len], b_text))
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                push("delete", join(&a[old_index..old_index + old_len], a_text));
                push("insert", join(&b[new_index..new_index + new_len], b_text));
            }
        }
    }
    out
}

/// The `quotes` rule: every pair of quotes of one statement worded differently becomes a `quote`
/// finding with the word diff; the same words credited to two speakers become an
/// `attribution` finding. Differences of case or punctuation alone are `info`.
pub fn check(cx: &crate::engine::Context, rule: &crate::rules::Rule) -> Vec<crate::findings::Finding> {
    use crate::findings::{DiffSegment as Seg, FindingBuilder, Kind, Severity};
    let texts = cx.texts();
    let quotes: Vec<Vec<Quote>> = cx.facts.iter().map(|f| f.quotes.clone()).collect();
    let same_doc = rule.settings.same_document.unwrap_or(true);
    let min_score = rule.settings.min_score.unwrap_or(0.0);
    let mut findings = Vec::new();
    // Wording pairs are grouped per statement below: four retellings of one quote, one of them
    // reworded, are one finding, not three.
    let mut wording: Vec<(QuoteMatch, Vec<Seg>)> = Vec::new();
    for m in compare_quotes(&texts, &quotes) {
        if (m.a.0 == m.b.0 && !same_doc) || m.similarity < min_score {
            continue;
        }
        let diff: Vec<Seg> = m.diff.iter().map(|d| Seg { tag: d.tag.to_string(), text: d.text.clone() }).collect();
        let reworded = !m.cosmetic && !changed_words(&diff).is_empty();
        if m.different_speakers && !reworded {
            let (qa, qb) = (&quotes[m.a.0][m.a.1], &quotes[m.b.0][m.b.1]);
            let (a_doc, b_doc) = (&cx.docs[m.a.0], &cx.docs[m.b.0]);
            let speakers: Vec<String> =
                [qa, qb].iter().filter_map(|q| q.speaker.as_ref().map(|s| format!("`{}`", s.1))).collect();
            let subject = format!("\"{}\"", &a_doc.text[qa.inner.clone()]);
            let message = format!("the same words are quoted from different speakers: {}", speakers.join(" / "));
            let mut b = FindingBuilder::new(rule, Kind::Attribution, subject, message).score(m.similarity);
            for (doc, q) in [(a_doc, qa), (b_doc, qb)] {
                if let Some((span, name)) = &q.speaker {
                    b = b.evidence(doc, span.clone(), crate::text::fold(name), Some("speaker"));
                }
                b = b.evidence(doc, q.inner.clone(), canonical(&doc.text[q.inner.clone()]), Some("quote"));
            }
            findings.push(b.build());
        } else {
            wording.push((m, diff));
        }
    }

    // Quotes are numbered by (document, index); pairs join them into statements.
    let mut ids: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (m, _) in &wording {
        for q in [m.a, m.b] {
            let n = ids.len();
            ids.entry(q).or_insert(n);
        }
    }
    let links: std::collections::BTreeSet<(usize, usize)> =
        wording.iter().map(|(m, _)| (ids[&m.a], ids[&m.b])).collect();
    for group in crate::compare::group_pairs(&links) {
        let members: Vec<&(QuoteMatch, Vec<Seg>)> =
            wording.iter().filter(|(m, _)| group.binary_search(&ids[&m.a]).is_ok()).collect();
        // The pair that shows the rewording best speaks for the group.
        let Some((lead, diff)) = members
            .iter()
            .copied()
            .filter(|(m, _)| !m.cosmetic)
            .max_by(|x, y| x.0.similarity.total_cmp(&y.0.similarity).then(y.0.a.cmp(&x.0.a)))
            .or_else(|| members.first().copied())
        else {
            continue;
        };
        let cosmetic = members.iter().all(|(m, _)| m.cosmetic);
        let changes = changed_words(diff);
        let a_doc = &cx.docs[lead.a.0];
        let subject = format!("\"{}\"", a_doc.text[lead.a_window.clone()].trim());
        // Versions are distinct wordings: two documents quoting alike give one version.
        let versions = {
            let mut texts: Vec<String> = members
                .iter()
                .flat_map(|(m, _)| {
                    [(m.a.0, m.a_window.clone()), (m.b.0, m.b_window.clone())]
                        .map(|(d, w)| canonical(&cx.docs[d].text[w]))
                })
                .collect();
            texts.sort();
            texts.dedup();
            texts.len()
        };
        let message = match &rule.message {
            Some(t) => t.replace("{subject}", &subject).replace("{values}", &changes.join(", ")),
            None if cosmetic => "the same quote differs in case or punctuation".to_string(),
            None if versions > 2 => {
                format!("the same quote is worded differently ({versions} versions): {}", changes.join(", "))
            }
            None => format!("the same quote is worded differently: {}", changes.join(", ")),
        };
        let mut b = FindingBuilder::new(rule, Kind::Quote, subject, message).score(lead.similarity).diff(diff.clone());
        if cosmetic {
            b = b.severity(Severity::Info);
        }
        // Each quote once, with the window of the first pair that compared it.
        let mut shown: BTreeMap<(usize, usize), std::ops::Range<usize>> = BTreeMap::new();
        for (m, _) in std::iter::once(&(lead.clone(), Vec::new())).chain(members.iter().copied()) {
            shown.entry(m.a).or_insert(m.a_window.clone());
            shown.entry(m.b).or_insert(m.b_window.clone());
        }
        for ((doc, _), window) in shown {
            let d = &cx.docs[doc];
            b = b.evidence(d, window.clone(), canonical(&d.text[window]), Some("quote"));
        }
        findings.push(b.build());
    }
    findings
}

/// The replaced words of a diff, as `old → new` (or `−old`, `+new`).
fn changed_words(diff: &[crate::findings::DiffSegment]) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < diff.len() {
        let d = &diff[i];
        match d.tag.as_str() {
            "delete" if diff.get(i + 1).is_some_and(|n| n.tag == "insert") => {
                out.push(format!("`{}` → `{}`", d.text.trim(), diff[i + 1].text.trim()));
                i += 1;
            }
            "delete" => out.push(format!("`{}` dropped", d.text.trim())),
            "insert" => out.push(format!("`{}` added", d.text.trim())),
            _ => {}
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::quotes::find_quotes;

    fn run(docs: &[&str]) -> Vec<QuoteMatch> {
        let quotes: Vec<Vec<Quote>> = docs.iter().map(|d| find_quotes(d)).collect();
        compare_quotes(docs, &quotes)
    }

    fn changes(m: &QuoteMatch) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut del: Option<String> = None;
        for s in &m.diff {
            match s.tag {
                "delete" => del = Some(s.text.clone()),
                "insert" => out.push((del.take().unwrap_or_default(), s.text.clone())),
                _ => {
                    if let Some(d) = del.take() {
                        out.push((d, String::new()));
                    }
                }
            }
        }
        if let Some(d) = del {
            out.push((d, String::new()));
        }
        out
    }

    fn pair(a: &str, b: &str) -> Vec<(String, String)> {
        let m = run(&[a, b]);
        assert_eq!(m.len(), 1, "{m:#?}");
        changes(&m[0])
    }

    #[test]
    fn short_quote_extended_by_its_continuation() {
        let a = "Last spring the dockers' union condemned “open displays” of hostile feeling toward migrants in several cities.";
        let b = "In March the dockers' union condemned \"open expressions of hostile sentiment toward migrants in several cities.\"";
        let m = run(&[a, b]);
        assert_eq!(m.len(), 1, "{m:#?}");
        assert_eq!(&a[m[0].a_window.clone()], "open displays” of hostile feeling toward migrants in several cities");
        assert_eq!(
            &b[m[0].b_window.clone()],
            "open expressions of hostile sentiment toward migrants in several cities"
        );
        let want =
            vec![("displays".to_string(), "expressions".to_string()), ("feeling".to_string(), "sentiment".to_string())];
        assert_eq!(changes(&m[0]), want);
        assert!(!m[0].cosmetic);
    }

    #[test]
    fn changed_word_inside_full_quotes() {
        let c = pair(
            "The minister said: “We will never accept these unfair terms from the lenders.”",
            "The minister said: \"We will never accept these unjust terms from the lenders.\"",
        );
        assert_eq!(c, vec![("unfair".to_string(), "unjust".to_string())]);
    }

    #[test]
    fn changed_last_word() {
        let c = pair(
            "Officials said the dam “was built to protect the valley farms”.",
            "Officials said the dam \"was built to protect the valley villages\".",
        );
        assert_eq!(c, vec![("farms".to_string(), "villages".to_string())]);
    }

    #[test]
    fn unequal_change_at_the_start() {
        let c = pair(
            "The judge said the files left \"no room for doubt about the company's plan to mislead investors.\"",
            "The judge said the files left \"no doubt about the company's plan to mislead investors.\"",
        );
        assert_eq!(c, vec![("room for".to_string(), String::new())]);
    }

    #[test]
    fn dropped_negation_is_reported() {
        let c = pair(
            "Ruiz said “the harbour will not reopen this winter”.",
            "Ruiz said “the harbour will reopen this winter”.",
        );
        assert_eq!(c, vec![("not".to_string(), String::new())]);
    }

    #[test]
    fn faithful_quote_with_other_marks_is_not_reported() {
        let m = run(&[
            "The mayor said “the bridge will reopen in May after repairs”.",
            "The mayor said \"the bridge will reopen in May after repairs.\"",
        ]);
        assert!(m.is_empty(), "{m:#?}");
    }

    #[test]
    fn partial_quote_of_a_longer_one_is_not_reported() {
        let m = run(&[
            "Kim said the plan “will cut costs by half” next year.",
            "Kim told the board: \"This plan will cut costs by half, and we will hire more nurses.\"",
        ]);
        assert!(m.is_empty(), "{m:#?}");
    }

    #[test]
    fn first_letter_case_is_style_not_a_difference() {
        let m = run(&["She called it “a gift to the whole region”.", "“A gift to the whole region,” she said."]);
        assert!(m.is_empty(), "{m:#?}");
    }

    #[test]
    fn case_only_difference_is_cosmetic() {
        let m = run(&[
            "Crowds chanted “Freedom For The Valley” all night.",
            "Crowds chanted \"freedom for the valley\" all night.",
        ]);
        assert_eq!(m.len(), 1, "{m:#?}");
        assert!(m[0].cosmetic);
    }

    #[test]
    fn unrelated_quotes_sharing_a_word_are_not_paired() {
        let m = run(&[
            "The general said “the mines were laid by retreating troops last year”.",
            "A farmer said \"nobody will buy land with mines in it anymore\".",
        ]);
        assert!(m.is_empty(), "{m:#?}");
        let m = run(&["Signs said “Varna is ours” in the port.", "Signs said “Sofia is ours” in the town."]);
        assert!(m.is_empty(), "{m:#?}");
    }

    #[test]
    fn same_words_different_speakers() {
        let m = run(&[
            "“Our borders are closed to all armed groups,” Defence Minister Olga Petrenko said.",
            "“Our borders are closed to all armed groups,” President Ivan Horak said.",
        ]);
        assert_eq!(m.len(), 1, "{m:#?}");
        assert!(m[0].different_speakers);
        assert!(m[0].cosmetic);
        let m = run(&[
            "“Our borders are closed to all armed groups,” Olga Petrenko said.",
            "“Our borders are closed to all armed groups,” Defence Minister Petrenko said.",
        ]);
        assert!(m.is_empty(), "{m:#?}");
    }

    #[test]
    fn same_document_two_wordings() {
        let d = "The envoy said “the talks collapsed because of broken promises”. Later the report repeated that \"the talks failed because of broken promises\".";
        let m = run(&[d]);
        assert_eq!(m.len(), 1, "{m:#?}");
        assert_eq!(m[0].a.0, 0);
        assert_eq!(m[0].b.0, 0);
        assert_eq!(changes(&m[0]), vec![("collapsed".to_string(), "failed".to_string())]);
    }

    #[test]
    fn one_word_quote_is_never_compared() {
        let m = run(&[
            "The army sowed “seeds” of death in the fields.",
            "The army sowed \"seeds of misery\" in the fields.",
        ]);
        assert!(m.is_empty(), "{m:#?}");
    }

    #[test]
    fn long_quote_is_cut_to_the_matching_part() {
        let a = "She wrote: “Prices rose sharply in May. The central bank must act now to stop inflation. Savers are losing everything.”";
        let b = "The paper quoted her: \"The central bank must move now to stop inflation.\"";
        let m = run(&[a, b]);
        assert_eq!(m.len(), 1, "{m:#?}");
        assert_eq!(&a[m[0].a_window.clone()], "The central bank must act now to stop inflation");
        assert_eq!(changes(&m[0]), vec![("act".to_string(), "move".to_string())]);
    }

    #[test]
    fn verbatim_copies_share_results() {
        let wire = "The chief said “the river port will close for good next month”.";
        let other = "Intro line.\n\nThe chief said \"the river port will shut for good next month\".";
        let m = run(&[other, wire, wire]);
        assert_eq!(m.len(), 2, "{m:#?}");
        for x in &m {
            assert_eq!(x.a.0, 0);
            assert_eq!(&other[x.a_window.clone()], "the river port will shut for good next month");
            assert_eq!(&wire[x.b_window.clone()], "the river port will close for good next month");
            assert_eq!(changes(x), vec![("shut".to_string(), "close".to_string())]);
        }
    }

    #[test]
    fn output_is_deterministic_and_ordered() {
        let docs = [
            "The chief said “the river port will close for good next month”.",
            "The chief said \"the river port will shut for good next month\".",
            "The chief said \"the river port will close for ever next month\".",
        ];
        let m1 = run(&docs);
        let m2 = run(&docs);
        assert_eq!(m1, m2);
        assert_eq!(m1.len(), 3);
        assert!(m1.windows(2).all(|w| (w[0].a, w[0].b) < (w[1].a, w[1].b)));
    }

    #[test]
    fn reported_speech_outside_the_marks_is_not_a_misquote() {
        let m = run(&[
            "\"Both camps have shown a patience we have not seen in years,\" the envoy told reporters.",
            "The envoy said both camps had \"shown a patience we have not seen in years\".",
        ]);
        assert!(m.is_empty(), "{m:#?}");
        // A change inside the marks is still reported.
        let m = run(&[
            "\"Both camps have shown a patience we have not seen in years,\" the envoy told reporters.",
            "The envoy said both camps had \"shown a calm we have not seen in years\".",
        ]);
        assert_eq!(m.len(), 1, "{m:#?}");
    }

    #[test]
    fn a_headline_quote_is_neither_cosmetic_nor_a_second_speaker() {
        let head = "'Keep The Harbour Open,' Say Fishermen\n\nThe fishing crews want to \"keep the harbour open\" all winter, said skipper Ailsa Dunbar.";
        let ms = run(&[head]);
        assert!(ms.is_empty(), "{ms:?}");
    }

    #[test]
    fn a_pull_quote_in_the_same_document_is_not_cosmetic() {
        let doc = "> \"Good soup mends more than we think... and nobody measures it.\"\n\n\"Good soup mends more than we think, and nobody measures it,\" said cook Rhian Blake.";
        let ms = run(&[doc]);
        assert!(ms.is_empty(), "{ms:?}");
    }

    #[test]
    fn a_stock_phrase_from_two_speakers_is_not_a_conflict() {
        let ms = run(&[
            "The harbour master Ines Abril called the meeting \"calm and useful\" on Friday.",
            "Choir leader Piet Smit called the rehearsal \"calm and useful\" afterwards.",
        ]);
        assert!(ms.iter().all(|m| !m.different_speakers), "{ms:?}");
    }

    #[test]
    fn an_unnamed_spokesperson_may_be_the_named_speaker() {
        assert!(!speakers_differ("a BRT spokesperson", "Hedda Lorenz"));
        assert!(!speakers_differ("an ACME official", "Tom Rees"));
        assert!(speakers_differ("Hedda Lorenz", "Tom Rees"));
    }

    #[test]
    fn a_role_may_be_the_named_speaker() {
        for (x, y) in [("the minister", "Abdrakhmanov"), ("the diplomat", "a senior diplomat")] {
            assert!(!speakers_differ(x, y), "{x} / {y}");
        }
        assert!(speakers_differ("the minister", "the mayor"));
        assert!(speakers_differ("Olga Petrenko", "Ivan Horak"));
    }
}
