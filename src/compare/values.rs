//! Dates and numbers: one event dated differently, one thing counted differently.
//!
//! A value is compared only with values about the same thing, found in two ways:
//!
//! 1. **Aligned statements.** When passage alignment pairs two sentences that report the same
//!    thing, a date or number that the word diff shows replaced by another is compared directly.
//! 2. **Keys.** A date is keyed by its event (`verdict deliver`), a number by what it counts
//!    (`satellite`) and its unit. Two values with one key are compared only when the sentences
//!    around them also share a name or rarer content words (see [`super::context`]).
//!
//! Two writings of one value (`02.11.2002` / `November 2, 2002`, `3,400 kg` / `3400 kilograms`)
//! are equal, and qualified numbers (`more than 300`) are compared as the ranges they state.
//!
//! Example finding: *satellites counted differently: 7 in wire.txt, 9 in business-weekly.txt*.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use rayon::prelude::*;

use super::{context, group_pairs};
use crate::engine::Context;
use crate::facts::dates::{self, DateMention};
use crate::facts::numbers::{self, Quantity, QuantityKind};
use crate::findings::{Finding, FindingBuilder, Kind};
use crate::rules::{Rule, RuleKind};

/// A value found in a document, ready to compare.
#[derive(Clone)]
enum Val<'a> {
    Date(&'a DateMention),
    Num(&'a Quantity),
}

impl Val<'_> {
    fn span(&self) -> Range<usize> {
        match self {
            Val::Date(d) => d.span.clone(),
            Val::Num(n) => n.span.clone(),
        }
    }

    fn value(&self) -> String {
        match self {
            Val::Date(d) => date_value(d),
            Val::Num(n) => n.display(),
        }
    }
}

/// The normalised value shown for a date: every reading, preferred first.
pub fn date_value(d: &DateMention) -> String {
    let mut readings: Vec<String> = d.readings.iter().map(|r| r.display()).collect();
    readings.dedup();
    match readings.len() {
        0 => d.surface.clone(),
        1 => readings.remove(0),
        _ => format!("{} (or {})", readings[0], readings[1..].join(", ")),
    }
}

struct Item<'a> {
    doc: usize,
    val: Val<'a>,
    key: String,
}

pub fn check(cx: &Context, rule: &Rule) -> Vec<Finding> {
    let tolerance = rule.settings.tolerance.unwrap_or(0.0);
    // A rule-level date order overrides the run's: re-read the dates with it.
    let reread: Option<Vec<Vec<DateMention>>> = match (rule.kind, rule.settings.date_order) {
        (RuleKind::Dates, Some(order)) if Some(order) != cx.options.date_order => {
            Some(cx.docs.iter().map(|d| dates::find_dates(&d.text, Some(crate::facts::date_order(order)))).collect())
        }
        _ => None,
    };
    let mut items: Vec<Item> = Vec::new();
    for (doc, facts) in cx.facts.iter().enumerate() {
        let text = &cx.docs[doc].text;
        match rule.kind {
            RuleKind::Dates => {
                let list = reread.as_ref().map_or(&facts.dates, |r| &r[doc]);
                for d in list {
                    let sent = sentence_of(cx, doc, d.span.start);
                    let key = dates::event_key(text, sent, d.span.clone()).unwrap_or_default();
                    items.push(Item { doc, val: Val::Date(d), key });
                }
            }
            RuleKind::Numbers => {
                for n in &facts.numbers {
                    let key = match &n.noun {
                        Some(noun) => format!("{}|{:?}|{}", noun, n.kind, n.unit.as_deref().unwrap_or("")),
                        None => String::new(),
                    };
                    items.push(Item { doc, val: Val::Num(n), key });
                }
            }
            _ => return Vec::new(),
        }
    }

    let conflict = |a: &Item, b: &Item| -> bool {
        match (&a.val, &b.val) {
            (Val::Date(x), Val::Date(y)) => dates::conflict(x, y),
            (Val::Num(x), Val::Num(y)) => comparable(x, y) && !numbers::compatible(x, y, tolerance),
            _ => false,
        }
    };

    // Two documents that share no name are different stories: their values are never rivals.
    let names: Vec<BTreeSet<String>> = cx.docs.iter().map(|d| context::document_names(&d.text)).collect();
    let related = |a: usize, b: usize| a == b || context::related_documents(&names[a], &names[b]);

    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut scores: BTreeMap<(usize, usize), f64> = BTreeMap::new();

    // 1. Keyed comparison: same event or counted thing, in sentences that share a subject.
    // Date keys match when one's words contain the other's (`deliv` / `verdict deliv`: the
    // second writer named the verdict, the first only said it was delivered).
    //
    // Everything a pair test needs about one value is computed once per value, so the cost is
    // the number of candidate pairs within key buckets, not pairs times values.
    let same_doc = rule.settings.same_document.unwrap_or(false);
    let mut by_doc: Vec<Vec<usize>> = vec![Vec::new(); cx.docs.len()];
    for (i, it) in items.iter().enumerate() {
        by_doc[it.doc].push(i);
    }
    // Each document's values by position, so that the values inside one window are found by
    // search instead of a scan of the document (quadratic in a long one).
    let by_pos: Vec<Vec<(usize, usize)>> = by_doc
        .iter()
        .map(|idx| {
            let mut v: Vec<(usize, usize)> = idx.iter().map(|&i| (items[i].val.span().start, i)).collect();
            v.sort_unstable();
            v
        })
        .collect();
    let tokens: Vec<Vec<&str>> = items
        .iter()
        .map(|it| {
            let mut t = key_tokens(&it.key, rule.kind);
            t.sort_unstable();
            t.dedup();
            t
        })
        .collect();
    let pre: Vec<(Range<usize>, context::Subject, bool)> = items
        .par_iter()
        .enumerate()
        .map(|(i, it)| {
            if tokens[i].is_empty() {
                return (0..0, context::Subject::default(), false);
            }
            let w = context::window(cx, it.doc, it.val.span().start);
            let rival = rule.kind == RuleKind::Numbers && rival_nearby(&items, &by_pos[it.doc], i, &w, tolerance);
            let subject = context::subject(cx, it.doc, w.clone());
            (w, subject, rival)
        })
        .collect();
    let mut by_token: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, ts) in tokens.iter().enumerate() {
        for t in ts {
            by_token.entry(t).or_default().push(i);
        }
    }
    let keyed: Vec<(usize, usize)> = by_token
        .par_iter()
        .flat_map_iter(|(token, idx)| {
            let mut found = Vec::new();
            for (i, j) in candidate_pairs(idx, &pre) {
                // Each pair is tried once: in the bucket of the first token both keys share.
                if first_shared(&tokens[i], &tokens[j]) != Some(*token) {
                    continue;
                }
                let (a, b) = (&items[i], &items[j]);
                if (a.doc == b.doc && !same_doc)
                    || !related(a.doc, b.doc)
                    || !tokens_match(&tokens[i], &tokens[j], rule.kind)
                    || !conflict(a, b)
                {
                    continue;
                }
                if rule.kind == RuleKind::Numbers
                    && (pre[i].2
                        || pre[j].2
                        || states(&items, &by_doc[a.doc], &b.val, tolerance)
                        || states(&items, &by_doc[b.doc], &a.val, tolerance))
                {
                    continue;
                }
                let ignore = key_words(&a.key, &b.key);
                if context::shares_subject(&pre[i].1, &pre[j].1, &ignore, 2) {
                    found.push((i, j));
                }
            }
            found
        })
        .collect();
    pairs.extend(keyed);

    // 2. Aligned statements: a value the word diff shows replaced by another.
    if rule.settings.aligned.unwrap_or(true) {
        let alignment = cx.alignment();
        let mut at: BTreeMap<(usize, usize), usize> = BTreeMap::new();
        for (i, it) in items.iter().enumerate() {
            at.insert((it.doc, it.val.span().start), i);
        }
        let find = |doc: usize, r: &Range<usize>| -> Vec<usize> {
            at.range((doc, 0)..(doc, usize::MAX))
                .filter(|(_, &i)| {
                    let s = items[i].val.span();
                    s.start < r.end && r.start < s.end
                })
                .map(|(_, &i)| i)
                .collect()
        };
        let min_score = rule.settings.min_score.unwrap_or(0.0);
        for (pi, pair) in alignment.pairs.iter().enumerate() {
            if pair.score < min_score || (pair.a.doc == pair.b.doc && !same_doc) || !related(pair.a.doc, pair.b.doc) {
                continue;
            }
            for (ra, rb) in crate::align::changes(alignment.diff_of(pi)) {
                let (Some(ra), Some(rb)) = (ra, rb) else { continue };
                let xs = find(pair.a.doc, &ra);
                let ys = find(pair.b.doc, &rb);
                // Only a one-for-one replacement says which value stands for which.
                if let ([i], [j]) = (xs.as_slice(), ys.as_slice()) {
                    // The replaced text must be (nearly) the value itself: in a rewritten clause,
                    // which value stands for which is a guess.
                    let tight = replaced_words(cx, pair.a.doc, &ra, &items[*i].val.span()) <= MAX_EXTRA_WORDS
                        && replaced_words(cx, pair.b.doc, &rb, &items[*j].val.span()) <= MAX_EXTRA_WORDS;
                    // A date attached to no event (a dateline, a publication date) says when the
                    // text was written, not when the reported thing happened.
                    let attached =
                        rule.kind != RuleKind::Dates || (!items[*i].key.is_empty() && !items[*j].key.is_empty());
                    let (i, j) = ((*i).min(*j), (*i).max(*j));
                    if tight && attached && conflict(&items[i], &items[j]) {
                        pairs.insert((i, j));
                        scores.insert((i, j), pair.score);
                    }
                }
            }
        }
    }

    let mut findings = Vec::new();
    for group in group_pairs(&pairs) {
        // Named after the first value of the group's first linked pair of neighbours, once per
        // finding rather than per candidate pair.
        let named = group.windows(2).find(|w| pairs.contains(&(w[0], w[1]))).map_or(group[0], |w| w[0]);
        let subject = subject_of(cx, &items[named], rule.kind);
        let kind = if rule.kind == RuleKind::Dates { Kind::Date } else { Kind::Number };
        let spans: Vec<(usize, Range<usize>)> =
            group.iter().map(|&i| (items[i].doc, evidence_span(cx, &items[i]))).collect();
        // One writing per distinct value: `14 September 2024` and `September 14, 2024` are one
        // side of the disagreement, not two.
        let mut shown: Vec<String> = Vec::new();
        let mut values_seen: Vec<String> = Vec::new();
        for (&i, (d, r)) in group.iter().zip(&spans) {
            let v = items[i].val.value();
            if !values_seen.contains(&v) {
                values_seen.push(v);
                shown.push(collapse(&cx.docs[*d].text[r.clone()]));
            }
        }
        let message = match &rule.message {
            Some(m) => m.replace("{subject}", &subject).replace("{values}", &shown.join(" / ")),
            None => format!("{subject}: {}", shown.join(" / ")),
        };
        let mut b = FindingBuilder::new(rule, kind, subject, message);
        if let Some(s) = group
            .iter()
            .flat_map(|&i| scores.iter().filter(move |(k, _)| k.0 == i || k.1 == i))
            .map(|(_, s)| *s)
            .reduce(f64::max)
        {
            b = b.score(s);
        }
        for (&i, (doc, span)) in group.iter().zip(spans) {
            b = b.evidence(&cx.docs[doc], span, items[i].val.value(), Some("value"));
        }
        findings.push(b.build());
    }
    findings
}

/// The words of two keys, the counted noun also in its plural (`day` is keyed, `days` written):
/// they are what made the values comparable, so they cannot also show a shared subject.
fn key_words(a: &str, b: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for w in a.split(['|', ' ']).chain(b.split(['|', ' '])).filter(|w| !w.is_empty()) {
        out.insert(crate::text::fold(&plural(w)));
        out.insert(crate::text::fold(w));
    }
    out
}

/// Whether document `doc` itself states the figure `v` (same kind, unit and value; the same
/// counted noun, or none, or a figure too specific to repeat by chance). A writer who gives
/// both figures is reporting two things (`9 people died in the village`, `11 people died in
/// 1997`), so the other document's figure is not a rival version of this one.
fn states(items: &[Item], of_doc: &[usize], v: &Val, tolerance: f64) -> bool {
    let Val::Num(v) = v else { return false };
    of_doc.iter().map(|&k| &items[k]).any(|it| match &it.val {
        Val::Num(n) if comparable(n, v) && numbers::same_value(n, v, tolerance) => {
            n.noun == v.noun || n.noun.is_none() || v.noun.is_none() || !small_count(v)
        }
        _ => false,
    })
}

/// A count of ten or less: common enough that two mentions of it may be unrelated.
fn small_count(q: &Quantity) -> bool {
    q.kind == QuantityKind::Count && q.value.fract() == 0.0 && q.value.abs() <= 10.0
}

/// Whether the window around item `i` holds another figure with its key and a different value
/// (`after 6 minutes ... on 76 minutes`): which of the two another document's figure answers
/// is then a guess.
fn rival_nearby(items: &[Item], by_pos: &[(usize, usize)], i: usize, window: &Range<usize>, tolerance: f64) -> bool {
    let (me, Val::Num(x)) = (&items[i], &items[i].val) else { return false };
    let from = by_pos.partition_point(|&(start, _)| start < window.start);
    let to = by_pos.partition_point(|&(start, _)| start <= window.end);
    by_pos[from..to.max(from)].iter().map(|&(_, k)| (k, &items[k])).any(|(k, it)| match &it.val {
        Val::Num(y) if k != i && it.key == me.key => {
            let s = it.val.span();
            window.start <= s.start && s.end <= window.end && !numbers::compatible(x, y, tolerance)
        }
        _ => false,
    })
}

/// Numbers are compared only when they measure the same kind of thing in the same unit family.
fn comparable(a: &Quantity, b: &Quantity) -> bool {
    a.kind == b.kind && (a.kind == QuantityKind::Count || a.unit == b.unit)
}

fn sentence_of(cx: &Context, doc: usize, at: usize) -> Range<usize> {
    let sents = &cx.sentences[doc];
    let i = sents.partition_point(|s| s.end <= at);
    let sent = sents.get(i).cloned().unwrap_or(at..at);
    crate::span::near(&cx.docs[doc].text, sent, at..at, context::REACH)
}

/// Words of a changed span that are not part of the value it holds.
fn replaced_words(cx: &Context, doc: usize, change: &Range<usize>, value: &Range<usize>) -> usize {
    crate::text::words_in(&cx.docs[doc].text, change.clone())
        .iter()
        .filter(|w| w.range.end <= value.start || w.range.start >= value.end)
        .count()
}

/// How many words besides the value an aligned replacement may hold (`on 4 May` → `on 5 May`
/// replaces only the value; `seven satellites` → `nine satellites` too).
const MAX_EXTRA_WORDS: usize = 2;

/// Buckets up to this size are compared all pairs; larger ones (a common event word or counted
/// noun in a large set) only pair values whose windows share a word.
const SMALL_BUCKET: usize = 200;

/// Candidate pairs `(i, j)`, `i < j`, of one key bucket. In a large bucket a pair must share a
/// subject word that is not in more than a tenth of the bucket: two windows that share only
/// very common words were never evidence of one subject, and skipping them keeps the work
/// near-linear in the bucket size.
fn candidate_pairs(idx: &[usize], pre: &[(Range<usize>, context::Subject, bool)]) -> Vec<(usize, usize)> {
    if idx.len() <= SMALL_BUCKET {
        let mut out = Vec::with_capacity(idx.len() * idx.len() / 2);
        for (n, &i) in idx.iter().enumerate() {
            for &j in &idx[n + 1..] {
                out.push((i.min(j), i.max(j)));
            }
        }
        return out;
    }
    let mut postings: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &i in idx {
        for w in pre[i].1.words.iter().chain(&pre[i].1.caps) {
            postings.entry(w.as_str()).or_default().push(i);
        }
    }
    let cap = (idx.len() / 10).max(SMALL_BUCKET / 4);
    let mut out: BTreeSet<(usize, usize)> = BTreeSet::new();
    for list in postings.values().filter(|l| l.len() <= cap) {
        for (n, &i) in list.iter().enumerate() {
            for &j in &list[n + 1..] {
                out.insert((i.min(j), i.max(j)));
            }
        }
    }
    out.into_iter().collect()
}

/// Whether two sorted key token lists match: one contains the other (numbers: equal).
fn tokens_match(a: &[&str], b: &[&str], kind: RuleKind) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if kind == RuleKind::Numbers {
        return a == b;
    }
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    small.iter().all(|t| large.binary_search(t).is_ok())
}

/// The first token two sorted token lists share.
fn first_shared<'a>(a: &[&'a str], b: &[&str]) -> Option<&'a str> {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(b[j]) {
            std::cmp::Ordering::Equal => return Some(a[i]),
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    None
}

/// The words of a key that must be shared for two values to be compared.
fn key_tokens(key: &str, kind: RuleKind) -> Vec<&str> {
    if key.is_empty() {
        return Vec::new();
    }
    match kind {
        // A number's key (noun, kind, unit) is matched whole.
        RuleKind::Numbers => vec![key],
        _ => key.split(' ').filter(|t| !t.is_empty()).collect(),
    }
}

/// The value's span, widened to the counted noun when it follows closely (`3,000 residents`),
/// so the evidence reads as the writer wrote it.
fn evidence_span(cx: &Context, it: &Item) -> Range<usize> {
    let span = it.val.span();
    let Val::Num(n) = &it.val else { return span };
    let Some(noun) = &n.noun else { return span };
    let text = &cx.docs[it.doc].text;
    let stem: String = noun.chars().take(4).collect();
    let after = crate::text::words_in(text, crate::span::window(text, span.end..span.end, 0, 80));
    for w in after.iter().take(4) {
        if crate::text::fold(w.text).starts_with(&stem) {
            return span.start..w.range.end;
        }
    }
    span
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What the values were taken to be about, in the words of the first document.
fn subject_of(cx: &Context, it: &Item, kind: RuleKind) -> String {
    match (&it.val, kind) {
        (Val::Num(n), _) => match &n.noun {
            Some(noun) if noun.starts_with("per ") => format!("amount {noun}"),
            // Money and measures are amounts of a mass (`$3 million in cash`, `40 tonnes of grain`).
            Some(noun) if matches!(n.kind, QuantityKind::Money | QuantityKind::Measure) => format!("amount of {noun}"),
            Some(noun) => format!("number of {}", plural(noun)),
            None => "amount".to_string(),
        },
        (Val::Date(d), _) if !it.key.is_empty() => {
            // Show the event in the document's own words rather than as stems.
            let text = &cx.docs[it.doc].text;
            let sent = sentence_of(cx, it.doc, d.span.start);
            let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
            let words: Vec<String> = it
                .key
                .split(' ')
                .map(|stem| {
                    crate::text::words_in(text, sent.clone())
                        .iter()
                        .map(|w| w.text.to_lowercase())
                        .find(|w| stemmer.stem(w) == stem)
                        .unwrap_or_else(|| stem.to_string())
                })
                .collect();
            format!("date of `{}`", words.join(" "))
        }
        _ => "date".to_string(),
    }
}

fn plural(noun: &str) -> String {
    if noun.ends_with('s') || noun == "people" {
        noun.to_string()
    } else if let Some(stem) = noun.strip_suffix('y').filter(|s| !s.ends_with(['a', 'e', 'o', 'u'])) {
        format!("{stem}ies")
    } else if noun.ends_with(['x', 'z']) || noun.ends_with("ch") || noun.ends_with("sh") {
        format!("{noun}es")
    } else {
        format!("{noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::engine::EngineOptions;
    use crate::rules::{parse_pack, RuleSet, DEFAULT_PACK};

    /// The default rule of `kind` run over one document per text: each finding's values.
    fn run(kind: RuleKind, texts: &[&str]) -> Vec<Vec<String>> {
        let docs: Vec<Document> =
            texts.iter().enumerate().map(|(i, t)| Document::plain(format!("{i}.txt"), *t)).collect();
        let (set, _) = RuleSet::from_packs(vec![parse_pack("default.toml", DEFAULT_PACK)]);
        let options = EngineOptions::default();
        let cx = Context::new(&docs, &options);
        let rule = set.of_kind(kind).next().expect("a default rule");
        check(&cx, rule).iter().map(|f| f.evidence.iter().map(|e| e.text.clone()).collect()).collect()
    }

    #[test]
    fn a_differing_count_is_found() {
        let found = run(
            RuleKind::Numbers,
            &[
                "The storm hit the Corvale coast on Friday. Rescuers in Corvale said 310 homes were destroyed.",
                "The storm hit the Corvale coast on Friday. Rescuers in Corvale said 130 homes were destroyed.",
            ],
        );
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn a_figure_the_other_writer_also_gives_is_about_something_else() {
        // Each article gives both tallies; only the clauses differ.
        let found = run(
            RuleKind::Numbers,
            &[
                "The Corvale league leaders have 31 points. Westford, in 14th place, have 15 points.",
                "Westford, with 15 points, lost again in Corvale. The Corvale leaders now have 31 points.",
            ],
        );
        assert!(found.is_empty(), "{found:?}");
        // A figure told without its noun still counts as given (`87 of the 169 seats`).
        let found = run(
            RuleKind::Numbers,
            &[
                "The Lindell coalition of Prime Minister Aro holds 87 of the 169 seats in parliament.",
                "Prime Minister Aro said the Lindell coalition, with 87 seats in parliament, would govern.",
            ],
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn two_figures_of_one_noun_side_by_side_are_not_paired() {
        let found = run(
            RuleKind::Numbers,
            &[
                "Corvale took the lead at the Harbour ground after 20 minutes; Vidal then hit the post \
                 after 51 minutes.",
                "It was 76 minutes before the hosts scored a second at the Harbour ground, though \
                 Corvale had opened the scoring after 20 minutes.",
            ],
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn plural_of_the_counted_noun_and_a_month_show_no_shared_subject() {
        // Shared only `days`, `euros` and `March`: nothing ties the two sentences together.
        let found = run(
            RuleKind::Numbers,
            &[
                "On 4 March the minister promised that the aid in euros would reach families within 30 days.",
                "On 4 March a charity appeal raised 3 million euros from donors in just two days.",
            ],
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_price_per_share_is_compared_with_a_price_per_share() {
        let found = run(
            RuleKind::Numbers,
            &[
                "Halvard Shipping agreed to buy Brisk Ferries for $48 per share, or $1.2bn in total.",
                "Halvard Shipping will acquire Brisk Ferries for 1.2 billion dollars, or $46 a share in cash.",
            ],
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].iter().any(|t| t.contains("$48")) && found[0].iter().any(|t| t.contains("$46")));
    }

    #[test]
    fn a_date_after_a_named_object_is_compared() {
        let found = run(
            RuleKind::Dates,
            &[
                "The storm that hit Corvale on 2 March 2024 flooded the harbour district.",
                "The storm hit Corvale on 3 March 2024 and flooded the harbour district.",
            ],
        );
        assert_eq!(found.len(), 1, "{found:?}");
    }
}
