//! **Spelling**: one name, or one code identifier, written in different ways.
//!
//! Transliterated names drift between sources (`Hovan-Tek` / `Ovan-Tek`, `Tskhvediani` /
//! `Tskvediani`), documentation drifts between pages (`OpenTelemetry` / `OpenTelemtry`,
//! `Remote Write` / `Remote-Write`, `next_cursor` / `nextCursor`). A reader cannot tell whether
//! the two forms are one entity, so a pair of forms that is probably one name is a finding.
//!
//! How: every word of every mention ([`crate::facts::mentions`]) is a *form*. Pairs of forms
//! are proposed by blocking keys ([`crate::correspond::keys`]: transliteration key, one-edit
//! deletion neighbourhood, Double Metaphone, trigrams) and judged on evidence, each item a named
//! feature of the candidate ([`crate::score`]):
//!
//! - how the forms differ: equal transliteration keys, one or two edits, or more;
//! - what the forms are: dictionary words (`Percent` / `Present` are two words), dictionary
//!   names (`Martin` / `Marvin`), derived forms (`Armenia` / `Armenian`), forms built on two
//!   different names of the set (`Nigerian` on `Nigeria`, `Nigerien` on `Niger`), words the set
//!   also writes in lowercase;
//! - where they stand: beside the same neighbour (`Levan Tskhvediani` / `Levan Tskvediani`),
//!   beside different given names (`Hans Andersen` / `Mary Anderson` are two people), in aligned
//!   sentences, in separate documents, in one sentence (a writer who uses both in one sentence
//!   tells them apart: `the plural of Prometheus is Prometheis`);
//! - identifiers: the same parts in another style (`next_cursor` / `nextCursor`), or one part
//!   changed (`exclude_patterns` / `exclude_pattern`).
//!
//! Forms whose only difference is white space or a hyphen (`Open Metrics` / `OpenMetrics`) are
//! found at the level of whole mentions; forms that differ only in capitals inside a word
//! (`GitHub` / `Github`) are reported apart at `info` severity.
//!
//! ```text
//! a.txt: "Levan Tskhvediani, 41, was sentenced."   b.txt: "Levan Tskvediani was sentenced."
//!   -> warning[name-variants] `Tskhvediani` is also written `Tskvediani`
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::Range;

use crate::correspond::keys::{deletion_keys, identifier_parts, name_key, plain, trigrams, word_key};
use crate::engine::Context;
use crate::facts::mentions::MentionKind;
use crate::findings::{Finding, FindingBuilder, Kind, Severity};
use crate::lexicon;
use crate::rules::Rule;
use crate::score::{self, Features};

/// Confidence from which a pair of forms is one name spelt two ways.
const MIN_CONFIDENCE: f64 = 0.5;

/// One place a form is written.
#[derive(Debug, Clone)]
struct Occurrence {
    doc: usize,
    span: Range<usize>,
    sentence: usize,
    /// Content words (lemmas) within a few tokens of it.
    around: Vec<String>,
    /// The other names in its sentence and the sentences next to it.
    nearby_names: Vec<String>,
    /// The mention words before and after it (a given name, the rest of a company name).
    prev: Option<String>,
    next: Option<String>,
}

/// One distinct spelling.
#[derive(Debug, Clone)]
struct Form {
    text: String,
    plain: String,
    kind: MentionKind,
    occurrences: Vec<Occurrence>,
}

impl Form {
    fn docs(&self) -> BTreeSet<usize> {
        self.occurrences.iter().map(|o| o.doc).collect()
    }
}

/// The forms of the set: the words of its mentions (not those of headlines in capitals).
fn collect_forms(cx: &Context) -> Vec<Form> {
    let mut by_text: BTreeMap<String, Form> = BTreeMap::new();
    for (d, mentions) in cx.mentions.iter().enumerate() {
        let text = &cx.docs[d].text;
        // A headline in capitals says nothing of how a name is spelt; an identifier is written
        // as it is wherever it stands.
        for m in mentions.iter().filter(|m| !m.in_capitals || m.kind == MentionKind::Identifier) {
            let words = m.word_texts(text);
            for (i, w) in m.words.iter().enumerate() {
                let form = &text[w.clone()];
                let p = plain(form);
                if p.len() < 3 || p.chars().all(|c| c.is_ascii_digit()) {
                    continue;
                }
                let prev = if i > 0 { Some(words[i - 1].to_string()) } else { m.honorific.clone() };
                let next = words.get(i + 1).map(|s| s.to_string());
                let entry = by_text.entry(form.to_string()).or_insert_with(|| Form {
                    text: form.to_string(),
                    plain: p,
                    kind: m.kind,
                    occurrences: Vec::new(),
                });
                let around = context_words(&cx.analysis[d], text, w.clone(), m.tokens.clone());
                let nearby_names = nearby_names(mentions, text, m.sentence, form);
                entry.occurrences.push(Occurrence {
                    doc: d,
                    span: w.clone(),
                    sentence: m.sentence,
                    around,
                    nearby_names,
                    prev,
                    next,
                });
            }
        }
    }
    by_text.into_values().collect()
}

/// How many tokens on each side of a form count as its context.
const CONTEXT_WINDOW: usize = 5;

/// The content words (lemmas of nouns, verbs, adjectives, numbers) within [`CONTEXT_WINDOW`]
/// tokens of a mention, in its sentence, the mention's own words left out.
fn context_words(
    a: &crate::analysis::DocAnalysis,
    text: &str,
    _word: Range<usize>,
    mention: Range<usize>,
) -> Vec<String> {
    let Some(first) = a.tokens.get(mention.start) else { return Vec::new() };
    let sentence = &a.sentences[first.sentence as usize].tokens;
    let lo = mention.start.saturating_sub(CONTEXT_WINDOW).max(sentence.start);
    let hi = (mention.end + CONTEXT_WINDOW).min(sentence.end);
    let mut out: Vec<String> = (lo..hi)
        .filter(|i| !mention.contains(i))
        .map(|i| &a.tokens[i])
        .filter(|t| {
            let tag = t.tag_name();
            (tag.starts_with("NN") || tag.starts_with("VB") || tag.starts_with("JJ") || tag == "CD")
                && t.is_word(text)
                && !lexicon::is_stopword(&t.lemma.to_lowercase())
        })
        .map(|t| t.lemma.to_lowercase())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The name words of the mentions within [`NEARBY_SENTENCES`] sentences of `sentence`.
fn nearby_names(mentions: &[crate::facts::mentions::Mention], text: &str, sentence: usize, form: &str) -> Vec<String> {
    let mut out: Vec<String> = mentions
        .iter()
        .filter(|m| m.sentence + NEARBY_SENTENCES >= sentence && m.sentence <= sentence + NEARBY_SENTENCES)
        .flat_map(|m| m.words.iter().map(|w| plain(&text[w.clone()])))
        .filter(|w| w.len() >= 3 && *w != plain(form))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// How many sentences on each side count as a form's neighbourhood of names.
const NEARBY_SENTENCES: usize = 2;

/// How often each word is written in lowercase in the set (as a common word).
fn lowercase_uses(cx: &Context) -> HashMap<String, usize> {
    let mut out: HashMap<String, usize> = HashMap::new();
    for (d, a) in cx.analysis.iter().enumerate() {
        let text = &cx.docs[d].text;
        for t in &a.tokens {
            let w = &text[t.span.clone()];
            if w.starts_with(|c: char| c.is_lowercase()) && w.chars().all(char::is_alphabetic) {
                *out.entry(plain(w)).or_default() += 1;
            }
        }
    }
    out
}

fn double_metaphone() -> &'static rphonetic::DoubleMetaphone {
    static DM: std::sync::LazyLock<rphonetic::DoubleMetaphone> =
        std::sync::LazyLock::new(rphonetic::DoubleMetaphone::default);
    &DM
}

/// Pairs of forms worth judging, from several blocking keys.
fn candidate_pairs(forms: &[Form]) -> BTreeSet<(usize, usize)> {
    let mut buckets: HashMap<(u8, String), Vec<usize>> = HashMap::new();
    for (i, f) in forms.iter().enumerate() {
        let key_space = match f.kind {
            MentionKind::Name => 0u8,
            MentionKind::Identifier => 1,
        };
        if f.kind == MentionKind::Identifier {
            // Identifiers: the same letters in another style, or a part changed.
            buckets.entry((2, identifier_parts(&f.text).concat())).or_default().push(i);
        }
        for k in deletion_keys(&f.plain) {
            buckets.entry((key_space, format!("d:{k}"))).or_default().push(i);
        }
        if f.kind == MentionKind::Name {
            buckets.entry((0, format!("t:{}", word_key(&f.plain)))).or_default().push(i);
            if f.plain.chars().all(|c| c.is_ascii_alphabetic()) {
                let dm = double_metaphone().double_metaphone(&f.plain);
                for code in [dm.primary(), dm.alternate()] {
                    if code.len() >= 3 {
                        buckets.entry((0, format!("m:{code}:{}", &f.plain[..1]))).or_default().push(i);
                    }
                }
            }
        }
    }
    let mut pairs = BTreeSet::new();
    // A bucket larger than this holds a key too common to say anything (short words).
    const MAX_BUCKET: usize = 200;
    for (_, mut members) in buckets {
        members.sort_unstable();
        members.dedup();
        if members.len() > MAX_BUCKET {
            continue;
        }
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                pairs.insert((a, b));
            }
        }
    }
    // Trigrams: longer words two or more edits apart that share most of their letters.
    let grams: Vec<BTreeSet<String>> = forms.iter().map(|f| trigrams(&f.plain)).collect();
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, g) in grams.iter().enumerate() {
        if forms[i].plain.len() >= 7 {
            for t in g {
                index.entry(t.as_str()).or_default().push(i);
            }
        }
    }
    let mut shared: HashMap<(usize, usize), usize> = HashMap::new();
    for list in index.values().filter(|l| l.len() <= MAX_BUCKET) {
        for (x, &a) in list.iter().enumerate() {
            for &b in &list[x + 1..] {
                *shared.entry((a, b)).or_default() += 1;
            }
        }
    }
    for ((a, b), n) in shared {
        let smaller = grams[a].len().min(grams[b].len());
        if n * 2 >= smaller && forms[a].kind == forms[b].kind {
            pairs.insert((a.min(b), a.max(b)));
        }
    }
    pairs
}

/// The longest other form of the set that `form` is built on (`Nigerien` on `Niger`,
/// `Nigerian` on `Nigeria`).
fn base_of<'a>(form: &str, plains: &'a HashSet<&str>) -> Option<&'a str> {
    (4..form.len()).rev().filter(|&n| form.is_char_boundary(n)).map(|n| &form[..n]).find_map(|p| plains.get(p).copied())
}

/// What kind of identifier a token is: a command-line flag, a path, an address, an environment
/// variable, or a key or field name.
fn identifier_class(id: &str) -> u8 {
    if id.starts_with("--") {
        0
    } else if id.contains("://") {
        1
    } else if id.starts_with('/') {
        2
    } else if id.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_') {
        3
    } else {
        4
    }
}

/// The parts in which two compounds differ, when both split into the same number of parts
/// (`MetricFamilies` / `MetricFamiles` → `families` / `familes`).
fn differing_parts(a: &str, b: &str) -> Option<(String, String)> {
    let (pa, pb) = (identifier_parts(a), identifier_parts(b));
    if pa.len() < 2 || pa.len() != pb.len() {
        return None;
    }
    let diff: Vec<(String, String)> = pa.into_iter().zip(pb).filter(|(x, y)| x != y).collect();
    match diff.as_slice() {
        [(x, y)] => Some((plain(x), plain(y))),
        _ => None,
    }
}

/// The evidence that forms `a` and `b` are one name.
fn features(
    forms: &[Form],
    a: usize,
    b: usize,
    lower: &HashMap<String, usize>,
    plains: &HashSet<&str>,
    aligned: &HashSet<(usize, usize, usize, usize)>,
) -> Option<Features> {
    let (fa, fb) = (&forms[a], &forms[b]);
    if fa.kind != fb.kind || (fa.plain == fb.plain && fa.kind == MentionKind::Name) {
        return None;
    }
    // Forms that differ only in figures are versions or numbers (`Text0.0.4` / `Text1.0.0`).
    let letters = |p: &str| p.chars().filter(|c| !c.is_ascii_digit()).collect::<String>();
    if fa.plain != fb.plain && letters(&fa.plain) == letters(&fb.plain) {
        return None;
    }
    let mut f = Features::default();
    if fa.kind == MentionKind::Identifier {
        // `localhost:9090` and `localhost:9090/` are one address.
        if fa.text.trim_end_matches(['/', '.', ':']) == fb.text.trim_end_matches(['/', '.', ':']) {
            return None;
        }
        // A flag and a configuration key may share their words (`--chunk-size`, `chunk_size`).
        f.flag("class_differs", identifier_class(&fa.text) != identifier_class(&fb.text));
        let (pa, pb) = (identifier_parts(&fa.text), identifier_parts(&fb.text));
        if pa.concat() == pb.concat() {
            f.flag("identifier_style", true);
        } else if pa.len() == pb.len() {
            let differing: Vec<(&String, &String)> = pa.iter().zip(&pb).filter(|(x, y)| x != y).collect();
            // A changed number is another version or port (`localhost:9090`), not a spelling.
            let close = differing.len() == 1
                && strsim::damerau_levenshtein(differing[0].0, differing[0].1) == 1
                && differing[0].0.chars().chain(differing[0].1.chars()).all(|c| c.is_alphabetic());
            if !close {
                return None;
            }
            f.flag("identifier_part", true);
            f.flag("short", differing[0].0.len().min(differing[0].1.len()) < 4);
        } else {
            return None;
        }
    } else {
        // Compounds (`MetricFamilies`, `PrometheusProto`) are judged on the parts that differ:
        // `Ports` / `Proto` are two words even inside one longer name.
        let (xa, xb) = differing_parts(&fa.text, &fb.text).unwrap_or((fa.plain.clone(), fb.plain.clone()));
        // Hyphenated parts are keyed apart, so `al-` and `el-` fold (`al-Khulaifi` / `el-Khulaifi`).
        let key = |x: &str, whole: &Form| if x == whole.plain { name_key(&whole.text) } else { word_key(x) };
        let (ka, kb) = (key(&xa, fa), key(&xb, fb));
        let edits = strsim::damerau_levenshtein(&xa, &xb);
        let key_edits = strsim::levenshtein(&ka, &kb);
        let len = fa.plain.len().min(fb.plain.len());
        let dm = double_metaphone();
        let (ma, mb) = (dm.double_metaphone(&xa), dm.double_metaphone(&xb));
        let phonetic = !ma.primary().is_empty()
            && (ma.primary() == mb.primary() || ma.primary() == mb.alternate() || ma.alternate() == mb.primary());
        f.flag("phonetic_equal", phonetic && ka != kb);
        f.flag("far_part", edits * 3 > xa.len().min(xb.len()).max(1) && ka != kb && !phonetic);
        // `BOSH` / `Bosch`: an acronym is not a spelling of a word.
        let acronym = |t: &str| t.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) && t.len() <= 6;
        f.flag("acronym", acronym(&fa.text) != acronym(&fb.text));
        f.flag("key_equal", ka == kb);
        f.flag("key_one_edit", key_edits == 1);
        f.flag("key_two_edits", key_edits == 2);
        f.flag("one_edit", edits == 1);
        f.flag("two_edits", edits == 2);
        f.flag("far", edits >= 3 && key_edits >= 3);
        f.flag("short", len < 5);
        f.flag("very_short", len < 4);
        f.flag("long", len >= 8);
        f.flag("very_long", len >= 11);
        let english = |p: &str| lexicon::ENGLISH.contains(p);
        let (ea, eb) = (english(&fa.plain), english(&fb.plain));
        f.flag("both_english", ea && eb);
        f.flag("one_english", ea != eb);
        let name = |t: &str| lexicon::DICTIONARY_NAMES.contains(t);
        let (na, nb) = (name(&fa.text), name(&fb.text));
        f.flag("both_dictionary_names", na && nb);
        f.flag("one_dictionary_name", na != nb && !(ea || eb));
        let derived = fa.plain.starts_with(&fb.plain) || fb.plain.starts_with(&fa.plain);
        f.flag("derived", derived);
        let distinct = match (base_of(&fa.plain, plains), base_of(&fb.plain, plains)) {
            (Some(x), Some(y)) => x != y,
            _ => false,
        };
        f.flag("distinct_bases", distinct && !derived);
        let lower_a = lower.get(&fa.plain).copied().unwrap_or(0);
        let lower_b = lower.get(&fb.plain).copied().unwrap_or(0);
        f.flag("lowercase_use", lower_a + lower_b > 0);
        // Given names: the word before, when it is a capitalised name word (not an honorific).
        let givens = |x: &Form| -> BTreeSet<String> {
            x.occurrences
                .iter()
                .filter_map(|o| o.prev.as_ref())
                .filter(|p| p.chars().count() > 1)
                .map(|p| plain(p))
                .collect()
        };
        let (ga, gb) = (givens(fa), givens(fb));
        let all_given = |x: &Form| x.occurrences.iter().all(|o| o.prev.is_some());
        let conflicting = !ga.is_empty()
            && !gb.is_empty()
            && ga.is_disjoint(&gb)
            && all_given(fa)
            && all_given(fb)
            && !ga.iter().any(|x| gb.iter().any(|y| strsim::damerau_levenshtein(x, y) <= 1));
        f.flag("conflicting_given", conflicting);
    }
    // Neighbours compare by their transliteration key, so `Mohammed al-Khulaifi` and `Muhammad
    // el-Khulaifi` share one.
    let neighbours = |x: &Form| -> BTreeSet<String> {
        x.occurrences
            .iter()
            .flat_map(|o| [o.prev.clone(), o.next.clone()])
            .flatten()
            .filter(|w| w.chars().count() > 1)
            .map(|w| name_key(&w))
            .collect()
    };
    f.flag("shared_context", !neighbours(fa).is_disjoint(&neighbours(fb)));
    // Words around the forms that both share (`Zaporizhzhya nuclear plant` / `Zaporozhye nuclear
    // power plant`), counted up to three; the other form's own words do not count.
    let around = |x: &Form, other: &Form| -> BTreeSet<String> {
        x.occurrences.iter().flat_map(|o| o.around.iter().cloned()).filter(|w| plain(w) != other.plain).collect()
    };
    let shared = around(fa, fb).intersection(&around(fb, fa)).count();
    f.set("context_overlap", shared.min(3) as f64 / 3.0);
    // Names around them that both share (a list of places, the people of one scene), up to three.
    let names_near = |x: &Form, other: &Form| -> BTreeSet<String> {
        x.occurrences.iter().flat_map(|o| o.nearby_names.iter().cloned()).filter(|w| *w != other.plain).collect()
    };
    let shared_names = names_near(fa, fb).intersection(&names_near(fb, fa)).count();
    f.set("nearby_names", shared_names.min(3) as f64 / 3.0);
    let (da, db) = (fa.docs(), fb.docs());
    f.flag("separate_documents", da.is_disjoint(&db));
    let same_sentence =
        fa.occurrences.iter().any(|x| fb.occurrences.iter().any(|y| x.doc == y.doc && x.sentence == y.sentence));
    f.flag("same_sentence", same_sentence);
    let in_aligned = fa.occurrences.iter().any(|x| {
        fb.occurrences.iter().any(|y| {
            aligned.contains(&(x.doc, x.sentence, y.doc, y.sentence))
                || aligned.contains(&(y.doc, y.sentence, x.doc, x.sentence))
        })
    });
    f.flag("aligned", in_aligned);
    let (na, nb) = (fa.occurrences.len(), fb.occurrences.len());
    f.flag("rare_side", na.min(nb) <= 2 && na.max(nb) >= 3);
    Some(f)
}

/// Sentence pairs (doc, sentence, doc, sentence) that the alignment pairs.
fn aligned_sentences(cx: &Context) -> HashSet<(usize, usize, usize, usize)> {
    let mut out = HashSet::new();
    for p in &cx.alignment().pairs {
        let (a, b) = (&cx.analysis[p.a.doc], &cx.analysis[p.b.doc]);
        let ends = |r: &Range<usize>| [r.start, r.end.saturating_sub(1)];
        let sa: BTreeSet<usize> = ends(&p.a.range).into_iter().filter_map(|o| a.sentence_of(o)).collect();
        let sb: BTreeSet<usize> = ends(&p.b.range).into_iter().filter_map(|o| b.sentence_of(o)).collect();
        for &x in &sa {
            for &y in &sb {
                out.insert((p.a.doc, x, p.b.doc, y));
            }
        }
    }
    out
}

/// One accepted pair of forms.
struct Link {
    a: usize,
    b: usize,
    confidence: f64,
}

/// Forms that differ only in the capitals inside a word (`GitHub` / `Github`), or written with
/// and without a space or hyphen (`Open Metrics` / `OpenMetrics`, `Remote Write` / `Remote-Write`):
/// groups of (document, span, surface) with one folded spelling.
fn layout_variants(cx: &Context) -> Vec<LayoutVariant> {
    // Key: the letters of one to three consecutive mention words run together, lowercase.
    let mut by_key: BTreeMap<String, Vec<(usize, Range<usize>, String)>> = BTreeMap::new();
    for (d, mentions) in cx.mentions.iter().enumerate() {
        let text = &cx.docs[d].text;
        for m in mentions.iter().filter(|m| !m.in_capitals && m.kind == MentionKind::Name) {
            for len in 1..=3usize.min(m.words.len()) {
                for w in m.words.windows(len) {
                    let span = w[0].start..w[len - 1].end;
                    let surface: String = text[span.clone()].split_whitespace().collect::<Vec<_>>().join(" ");
                    // Case, spaces and hyphens fold; apostrophes do not (`Prometheus' HTTP`).
                    let key: String = surface
                        .chars()
                        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '‐'))
                        .flat_map(char::to_lowercase)
                        .collect();
                    if key.chars().filter(|c| c.is_alphanumeric()).count() < 6 {
                        continue;
                    }
                    by_key.entry(key).or_default().push((d, span, surface));
                }
            }
        }
    }
    // Shorter windows first: `Secretary General` / `Secretary-General` is the variant, not also
    // `UN Secretary General` around it.
    let mut groups: Vec<(usize, Vec<Place>)> = by_key
        .into_values()
        .filter(|occ| occ.iter().map(|o| o.2.as_str()).collect::<BTreeSet<_>>().len() >= 2)
        .map(|occ| (occ.iter().map(|o| o.2.split([' ', '-', '‐']).count()).min().unwrap_or(0), occ))
        .collect();
    groups.sort_by_key(|(words, occ)| (*words, occ[0].0, occ[0].1.start));
    let mut covered: Vec<(usize, Range<usize>)> = Vec::new();
    let mut out = Vec::new();
    for (_, occ) in groups {
        if occ.iter().all(|(d, r, _)| {
            covered.iter().any(|(cd, cr)| cd == d && cr.start <= r.start && r.end <= cr.end)
                || covered.iter().any(|(cd, cr)| cd == d && r.start <= cr.start && cr.end <= r.end)
        }) {
            continue;
        }
        let Some(v) = layout_variant(occ) else { continue };
        cx.candidates.record("layout", &v.features, || {
            v.occurrences.iter().map(|o| o.2.clone()).collect::<BTreeSet<_>>().into_iter().collect()
        });
        if v.confidence < MIN_CONFIDENCE {
            continue;
        }
        covered.extend(v.occurrences.iter().map(|(d, r, _)| (*d, r.clone())));
        out.push(v);
    }
    out
}

/// Where a surface is written: document, span, the surface with its white space collapsed.
type Place = (usize, Range<usize>, String);

/// A group of one folded spelling written in several layouts.
struct LayoutVariant {
    occurrences: Vec<(usize, Range<usize>, String)>,
    case_only: bool,
    confidence: f64,
    features: Features,
}

/// Judges one group of surfaces with one folded spelling: a change of layout or of inner
/// capitals counts, a capital at the start of a word (`Remote write` in a heading) or an
/// all-capitals form does not.
fn layout_variant(occ: Vec<(usize, Range<usize>, String)>) -> Option<LayoutVariant> {
    let lowercase_start = |s: &str| -> String {
        s.split([' ', '-', '‐'])
            .map(|w| {
                let mut c = w.chars();
                let first: String = c.next().map(|f| f.to_lowercase().collect()).unwrap_or_default();
                first + c.as_str()
            })
            .collect::<Vec<_>>()
            .join("")
    };
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for o in occ.iter().filter(|o| o.2.chars().any(char::is_lowercase)) {
        *counts.entry(o.2.as_str()).or_default() += 1;
    }
    let shapes: BTreeSet<String> = counts.keys().map(|s| lowercase_start(s)).collect();
    let layouts: BTreeSet<(usize, bool)> =
        counts.keys().map(|s| (s.matches([' ', '-', '‐']).count(), s.contains(['-', '‐']))).collect();
    if counts.len() < 2 || (shapes.len() < 2 && layouts.len() < 2) {
        return None;
    }
    let mut by_count: Vec<(&str, usize)> = counts.iter().map(|(s, n)| (*s, *n)).collect();
    by_count.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
    let (major, minor) = (by_count[0], by_count[by_count.len() - 1]);
    let hyphen = |s: &str| s.contains(['-', '‐']);
    let space = |s: &str| s.contains(' ');
    let mut f = Features::default();
    let case_only = layouts.len() < 2;
    f.flag("case_only", case_only);
    f.flag("hyphen_space", by_count.iter().any(|x| hyphen(x.0)) && by_count.iter().any(|x| space(x.0) && !hyphen(x.0)));
    f.flag(
        "joined_spaced",
        by_count.iter().any(|x| !space(x.0) && !hyphen(x.0)) && by_count.iter().any(|x| space(x.0)),
    );
    f.flag("minority_rare", minor.1 <= 2 && major.1 >= 5 * minor.1);
    f.flag("balanced", major.1 < 2 * minor.1);
    let confidence = score::model("layout").confidence(&f);
    Some(LayoutVariant { occurrences: occ, case_only, confidence, features: f })
}

/// Runs the spelling comparison of one `names` rule.
pub fn check(cx: &Context, rule: &Rule) -> Vec<Finding> {
    let declared = &rule.settings.names;
    let equivalent: Vec<&crate::rules::DeclaredName> =
        declared.iter().chain(cx.options.equivalent_names.iter()).filter(|n| n.equivalent).collect();
    let accepted = |x: &str, y: &str| {
        equivalent.iter().any(|n| {
            let all: Vec<String> = std::iter::once(&n.canonical).chain(&n.aliases).map(|s| plain(s)).collect();
            all.contains(&plain(x)) && all.contains(&plain(y))
        })
    };
    let mut findings = Vec::new();
    // Declared aliases: reported whatever they look like.
    for n in declared.iter().filter(|n| !n.equivalent) {
        if let Some(f) = declared_finding(cx, rule, n) {
            findings.push(f);
        }
    }
    // A rule with declarations of its own reports only what they cover; the rest is the default
    // rule's business and would be reported twice.
    if !declared.is_empty() {
        return findings;
    }
    let min_similarity = rule.settings.min_similarity.unwrap_or(0.0);
    let forms = collect_forms(cx);
    let lower = lowercase_uses(cx);
    let plains: HashSet<&str> = forms.iter().map(|f| f.plain.as_str()).collect();
    let aligned = aligned_sentences(cx);
    let mut links = Vec::new();
    for (a, b) in candidate_pairs(&forms) {
        if accepted(&forms[a].text, &forms[b].text) {
            continue;
        }
        if strsim::jaro_winkler(&forms[a].plain, &forms[b].plain) < min_similarity {
            continue;
        }
        let decided = features(&forms, a, b, &lower, &plains, &aligned);
        cx.trace.record("spelling", &[&forms[a].text, &forms[b].text], || match &decided {
            Some(f) => format!(
                "`{}` / `{}`: confidence {:.2} from {:?}",
                forms[a].text,
                forms[b].text,
                score::model(if forms[a].kind == MentionKind::Identifier { "identifier" } else { "spelling" })
                    .confidence(f),
                f.0
            ),
            None => format!("`{}` / `{}`: not comparable (kinds or letters)", forms[a].text, forms[b].text),
        });
        if let Some(f) = decided {
            let which = if forms[a].kind == MentionKind::Identifier { "identifier" } else { "spelling" };
            cx.candidates.record(which, &f, || about(cx, &forms, &[a, b]));
            let c = score::model(which).confidence(&f);
            if c >= MIN_CONFIDENCE {
                links.push(Link { a, b, confidence: c });
            }
        }
    }
    let mut pairs: BTreeSet<(usize, usize)> = links.iter().map(|l| (l.a, l.b)).collect();
    // Words of one name spelt two ways (`Mohammed al-Khulaifi` / `Muhammad el-Khulaifi`) are
    // one finding: links whose forms are shown as the same names are joined.
    let mut by_shown: BTreeMap<String, usize> = BTreeMap::new();
    for l in &links {
        for (x, y) in [(l.a, l.b), (l.b, l.a)] {
            let s = display(cx, &forms, x, &[y]);
            match by_shown.get(&s) {
                Some(&j) if j != x => {
                    pairs.insert((j.min(x), j.max(x)));
                }
                _ => {
                    by_shown.insert(s, x);
                }
            }
        }
    }
    for group in super::group_pairs(&pairs) {
        let confidence =
            links.iter().filter(|l| group.contains(&l.a)).map(|l| l.confidence).fold(f64::INFINITY, f64::min);
        findings.push(group_finding(cx, rule, &forms, &group, confidence));
    }
    for v in layout_variants(cx) {
        let occ = &v.occurrences;
        let surfaces: BTreeSet<&str> = occ.iter().map(|o| o.2.as_str()).collect();
        let list: Vec<&str> = surfaces.iter().copied().collect();
        if list.windows(2).all(|w| accepted(w[0], w[1])) {
            continue;
        }
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for o in occ {
            *counts.entry(o.2.as_str()).or_default() += 1;
        }
        let canonical = counts.iter().max_by(|x, y| x.1.cmp(y.1).then(y.0.cmp(x.0))).map(|(s, _)| *s).unwrap();
        let others: Vec<String> = list.iter().filter(|s| **s != canonical).map(|s| format!("`{s}`")).collect();
        let message = match &rule.message {
            Some(m) => m.replace("{subject}", canonical).replace("{values}", &others.join(", ")),
            None if v.case_only => format!("`{canonical}` is also written {} (capitals)", others.join(", ")),
            None => format!("`{canonical}` is also written {}", others.join(", ")),
        };
        let mut b =
            FindingBuilder::new(rule, Kind::Spelling, canonical, message).canonical(canonical).confidence(v.confidence);
        if v.case_only {
            b = b.severity(Severity::Info);
        }
        for (d, span, _) in occ {
            b = b.evidence(&cx.docs[*d], span.clone(), plain(&cx.docs[*d].text[span.clone()]), Some("form"));
        }
        findings.push(b.build());
    }
    findings
}

/// What a candidate is about, for fitting: its forms and the mentions they stand in.
fn about(cx: &Context, forms: &[Form], which: &[usize]) -> Vec<String> {
    let mut out = Vec::new();
    for &i in which {
        let partners: Vec<usize> = which.iter().copied().filter(|&j| j != i).collect();
        out.push(forms[i].text.clone());
        out.push(display(cx, forms, i, &partners));
    }
    out
}

/// The occurrences of form `i` that can be the name its partners spell: those whose
/// neighbours match a partner's, or that have none (`Muhammad el-Khulaifi` answers `Mohammed
/// al-Khulaifi`, `Muhammad Shtayyeh` is someone else).
fn relevant<'a>(forms: &'a [Form], i: usize, partners: &[usize]) -> Vec<&'a Occurrence> {
    let keys = |o: &Occurrence| -> Vec<String> {
        [o.prev.as_ref(), o.next.as_ref()]
            .into_iter()
            .flatten()
            .filter(|w| w.chars().count() > 1)
            .map(|w| name_key(w))
            .collect()
    };
    let wanted: BTreeSet<String> = partners.iter().flat_map(|&p| forms[p].occurrences.iter().flat_map(keys)).collect();
    let all: Vec<&Occurrence> = forms[i].occurrences.iter().collect();
    if wanted.is_empty() {
        return all;
    }
    let fit: Vec<&Occurrence> = all
        .iter()
        .copied()
        .filter(|o| {
            let k = keys(o);
            k.is_empty() || k.iter().any(|x| wanted.contains(x))
        })
        .collect();
    if fit.is_empty() {
        all
    } else {
        fit
    }
}

/// How form `i` is shown beside `partners`: the name it stands in most often among its
/// relevant occurrences (`Coral Meridian` rather than `Meridian`), ties to the shortest.
fn display(cx: &Context, forms: &[Form], i: usize, partners: &[usize]) -> String {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for o in relevant(forms, i, partners) {
        let mention = cx.mentions[o.doc].iter().find(|m| m.span.start <= o.span.start && o.span.end <= m.span.end);
        let shown = mention.map_or(forms[i].text.clone(), |m| collapse_ws(m.text(&cx.docs[o.doc].text)));
        *counts.entry(shown).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.len().cmp(&a.0.len())).then(b.0.cmp(&a.0)))
        .map(|(s, _)| s)
        .unwrap_or_else(|| forms[i].text.clone())
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn group_finding(cx: &Context, rule: &Rule, forms: &[Form], group: &[usize], confidence: f64) -> Finding {
    // The proposed spelling: the form most documents use, then the one written most often, then
    // the one written first.
    let canonical = *group
        .iter()
        .max_by(|&&x, &&y| {
            let key = |i: usize| {
                let first = forms[i].occurrences.iter().map(|o| (o.doc, o.span.start)).min();
                (forms[i].docs().len(), forms[i].occurrences.len(), std::cmp::Reverse(first))
            };
            key(x).cmp(&key(y))
        })
        .unwrap();
    let partners = |i: usize| -> Vec<usize> { group.iter().copied().filter(|&j| j != i).collect() };
    let shown: Vec<String> = group.iter().map(|&i| display(cx, forms, i, &partners(i))).collect();
    let canon_shown = display(cx, forms, canonical, &partners(canonical));
    // The other forms in the order they are first written.
    let mut rest: Vec<(Option<(usize, usize)>, &String)> = group
        .iter()
        .zip(&shown)
        .filter(|(i, _)| **i != canonical)
        .map(|(&i, s)| (forms[i].occurrences.iter().map(|o| (o.doc, o.span.start)).min(), s))
        .collect();
    rest.sort();
    let others: Vec<String> = rest.iter().map(|(_, s)| format!("`{s}`")).collect();
    let message = match &rule.message {
        Some(m) => m.replace("{subject}", &canon_shown).replace("{values}", &others.join(", ")),
        None => format!("`{canon_shown}` is also written {}", others.join(", ")),
    };
    let mut b = FindingBuilder::new(rule, Kind::Spelling, forms[canonical].text.clone(), message)
        .canonical(forms[canonical].text.clone())
        .confidence(confidence);
    for &i in group {
        for o in relevant(forms, i, &partners(i)) {
            b = b.evidence(&cx.docs[o.doc], o.span.clone(), word_key(&forms[i].plain), Some("form"));
        }
    }
    b.build()
}

/// A finding for a declared name whose aliases the set uses.
fn declared_finding(cx: &Context, rule: &Rule, n: &crate::rules::DeclaredName) -> Option<Finding> {
    let wanted: Vec<(String, bool)> =
        std::iter::once((n.canonical.clone(), true)).chain(n.aliases.iter().map(|a| (a.clone(), false))).collect();
    let mut hits: Vec<(usize, Range<usize>, bool)> = Vec::new();
    for (d, mentions) in cx.mentions.iter().enumerate() {
        let text = &cx.docs[d].text;
        for m in mentions {
            for len in 1..=m.words.len() {
                for w in m.words.windows(len) {
                    let span = w[0].start..w[len - 1].end;
                    let p = plain(&text[span.clone()]);
                    if let Some((_, canonical)) = wanted.iter().find(|(x, _)| plain(x) == p) {
                        hits.push((d, span, *canonical));
                    }
                }
            }
        }
    }
    if !hits.iter().any(|h| !h.2) {
        return None;
    }
    let aliases: BTreeSet<String> =
        hits.iter().filter(|h| !h.2).map(|h| cx.docs[h.0].text[h.1.clone()].to_string()).collect();
    let others: Vec<String> = aliases.iter().map(|a| format!("`{a}`")).collect();
    let message = match &rule.message {
        Some(m) => m.replace("{subject}", &n.canonical).replace("{values}", &others.join(", ")),
        None => format!("`{}` is also written {}", n.canonical, others.join(", ")),
    };
    let mut b = FindingBuilder::new(rule, Kind::Spelling, n.canonical.clone(), message).canonical(n.canonical.clone());
    for (d, span, _) in hits {
        b = b.evidence(&cx.docs[d], span.clone(), plain(&cx.docs[d].text[span]), Some("form"));
    }
    Some(b.build())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::engine::EngineOptions;
    use crate::rules::{parse_pack, RuleKind, RuleSet, DEFAULT_PACK};

    /// The spelling findings of the default rule over one document per text, as sorted sets of
    /// the evidence texts.
    fn run(texts: &[&str]) -> Vec<BTreeSet<String>> {
        let docs: Vec<Document> =
            texts.iter().enumerate().map(|(i, t)| Document::plain(format!("{i}.txt"), *t)).collect();
        let (set, _) = RuleSet::from_packs(vec![parse_pack("default.toml", DEFAULT_PACK)]);
        let options = EngineOptions::default();
        let cx = Context::new(&docs, &options);
        let rule = set.of_kind(RuleKind::Names).next().expect("a default names rule");
        check(&cx, rule).iter().map(|f| f.evidence.iter().map(|e| e.text.clone()).collect()).collect()
    }

    fn names(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn one_name_spelt_two_ways_across_documents() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "The court sentenced Levan Tskhvediani to nine years. Tskhvediani, 41, denied the charges.",
                "A court in Varna sentenced Levan Tskvediani to nine years. Tskvediani denied the charges.",
                &["Tskhvediani", "Tskvediani"],
            ),
            (
                "The ferry Coral Meridian left Haiphong at dawn with 31 containers on deck.",
                "The Coral Meridien left Haiphong at dawn carrying 31 containers on deck.",
                &["Meridian", "Meridien"],
            ),
            (
                "Dr Anjali Srivastava leads the water project at the institute in Lagos.",
                "The water project at the Lagos institute is led by Dr Anjali Shrivastava.",
                &["Srivastava", "Shrivastava"],
            ),
        ];
        for (a, b, want) in cases {
            let found = run(&[a, b]);
            assert!(found.iter().any(|f| *f == names(want)), "{want:?} not found in {found:?}");
        }
    }

    #[test]
    fn look_alike_words_and_people_stay_apart() {
        let cases: &[(&str, &str)] = &[
            // Two people who share a surname's shape but not a given name.
            (
                "The potter Greta Halvorsen opened a studio. Halvorsen said the clay came from Bergen.",
                "The cyclist Derek Halverson won the stage. Halverson said the wind was hard.",
            ),
            // Dictionary words that differ by a letter or two.
            ("The Present value was reported in the table.", "The Percent column was reported in the table."),
            // A derived form is not a spelling of its base.
            ("Armenia signed the accord in Korvale.", "The Armenian delegation signed the accord in Korvale."),
            // Two given names that are both names (`Martin`, `Marvin`).
            ("Martin Okafor chaired the meeting.", "Marvin Okafor, his brother, spoke after him."),
        ];
        for (a, b) in cases {
            let found = run(&[a, b]);
            assert!(found.is_empty(), "{a} / {b}: {found:?}");
        }
    }

    #[test]
    fn layout_and_identifier_variants() {
        let found = run(&[
            "The Remote-Write protocol sends samples. Remote-Write needs a receiver. Remote-Write is stable.",
            "Configure Remote Write in the server. Set `next_cursor` from the response.",
            "Read the nextCursor field of each page.",
        ]);
        assert!(found.iter().any(|f| f.contains("Remote Write") && f.contains("Remote-Write")), "{found:?}");
        assert!(found.iter().any(|f| *f == names(&["next_cursor", "nextCursor"])), "{found:?}");
        // A flag and a key that share their words are two identifiers.
        let found = run(&["Pass --chunk-size to the command.", "Set chunk_size in the file."]);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn capitals_only_are_info() {
        let docs: Vec<Document> = ["The GitHub repository holds the code.", "Clone the Github repository first."]
            .iter()
            .enumerate()
            .map(|(i, t)| Document::plain(format!("{i}.txt"), *t))
            .collect();
        let (set, _) = RuleSet::from_packs(vec![parse_pack("default.toml", DEFAULT_PACK)]);
        let options = EngineOptions::default();
        let cx = Context::new(&docs, &options);
        let f = check(&cx, set.of_kind(RuleKind::Names).next().unwrap());
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].severity, Severity::Info);
    }

    #[test]
    fn identifier_classes_by_table() {
        for (id, class) in [
            ("--bwlimit", 0),
            ("https://x.org/a", 1),
            ("/v2/stops", 2),
            ("PEBBLE_SYNC_TOKEN", 3),
            ("next_cursor", 4),
            ("nextCursor", 4),
        ] {
            assert_eq!(identifier_class(id), class, "{id}");
        }
    }
}
