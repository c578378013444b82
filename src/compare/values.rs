//! Dates, weekdays and numbers: one event dated differently, one thing counted differently.
//!
//! Values are compared only within a story ([`crate::correspond::stories`]), found in two ways:
//!
//! 1. **Aligned statements** (primary). Each sentence holding a value is paired with its best two
//!    matches in every other document of its story ([`crate::correspond::statements`]); inside a
//!    pair the values are matched by type, those stated alike first, the rest one to one by
//!    their surroundings.
//! 2. **Keys** (secondary, for values outside aligned statements). A date is keyed by its event
//!    (`verdict deliver`), a number by what it counts and its unit.
//!
//! Every candidate is described by features (alignment score, margin, mutual choice, position,
//! key, shared subject, the words around each value, how the values differ: swapped digits, one
//! field of a date, a slipped magnitude; whether a document states the other's value elsewhere)
//! and scored by the `date` or `number` model of `score/weights.toml`. Two writings of one value
//! (`02.11.2002` / `November 2, 2002`, `3,400 kg` / `3400 kilograms`) are never a candidate.
//! Linked values join into findings strongest link first, never giving one document two versions.
//!
//! Example finding: *satellites counted differently: 7 in wire.txt, 9 in business-weekly.txt*.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use rayon::prelude::*;

use super::context;
use crate::correspond::statements::{position_gap, SlotSpan, Statements};
use crate::engine::Context;
use crate::facts::dates::{self, DateMention, WeekdayMention};
use crate::facts::numbers::{self, Quantity, QuantityKind};
use crate::findings::{Finding, FindingBuilder, Kind};
use crate::rules::{Rule, RuleKind};
use crate::score::{self, Features};

/// A value found in a document, ready to compare.
#[derive(Clone)]
enum Val<'a> {
    Date(&'a DateMention),
    Weekday(&'a WeekdayMention),
    Num(&'a Quantity),
}

impl Val<'_> {
    fn span(&self) -> Range<usize> {
        match self {
            Val::Date(d) => d.span.clone(),
            Val::Weekday(w) => w.span.clone(),
            Val::Num(n) => n.span.clone(),
        }
    }

    fn value(&self) -> String {
        match self {
            Val::Date(d) => date_value(d),
            Val::Weekday(w) => w.name().to_string(),
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
    /// Its sentence in the document's analysis.
    sentence: Option<usize>,
}

/// Why two values became a candidate: their sentences were aligned, their keys matched, or both.
#[derive(Debug, Clone, Copy, Default)]
struct Origin {
    /// Alignment score, margin over the runner-up, whether the choice was mutual, position gap.
    aligned: Option<(f64, f64, bool, f64)>,
    /// Paired inside their aligned sentences with no other unmatched value of their type.
    lone: bool,
    keyed: bool,
}

/// Confidence from which a candidate is reported. Lower than for spellings: a missed value
/// conflict costs a reader more, and the severity policy keeps findings under 0.6 at `info`,
/// out of CI gates.
const MIN_CONFIDENCE: f64 = 0.3;

/// The slot type a value stands for in statement alignment.
fn slot_kind(v: &Val) -> &'static str {
    match v {
        Val::Date(_) | Val::Weekday(_) => "#date",
        Val::Num(n) => match n.kind {
            QuantityKind::Count => "#count",
            QuantityKind::Money => "#money",
            QuantityKind::Percent => "#percent",
            QuantityKind::Measure => "#measure",
        },
    }
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
        let sentence_at = |at: usize| cx.analysis.get(doc).and_then(|a| a.sentence_of(at));
        match rule.kind {
            RuleKind::Dates => {
                let list = reread.as_ref().map_or(&facts.dates, |r| &r[doc]);
                for d in list {
                    let sent = sentence_of(cx, doc, d.span.start);
                    let key = dates::event_key(text, sent, d.span.clone()).unwrap_or_default();
                    items.push(Item { doc, val: Val::Date(d), key, sentence: sentence_at(d.span.start) });
                }
                for w in &facts.weekdays {
                    let sent = sentence_of(cx, doc, w.span.start);
                    let key = dates::event_key(text, sent, w.span.clone()).unwrap_or_default();
                    items.push(Item { doc, val: Val::Weekday(w), key, sentence: sentence_at(w.span.start) });
                }
            }
            RuleKind::Numbers => {
                for n in &facts.numbers {
                    let key = match &n.noun {
                        Some(noun) => format!("{}|{:?}|{}", noun, n.kind, n.unit.as_deref().unwrap_or("")),
                        None => String::new(),
                    };
                    items.push(Item { doc, val: Val::Num(n), key, sentence: sentence_at(n.span.start) });
                }
            }
            _ => return Vec::new(),
        }
    }

    let same_doc = rule.settings.same_document.unwrap_or(false);
    let mut by_doc: Vec<Vec<usize>> = vec![Vec::new(); cx.docs.len()];
    for (i, it) in items.iter().enumerate() {
        by_doc[it.doc].push(i);
    }
    let comparable_vals = |a: &Item, b: &Item| match (&a.val, &b.val) {
        (Val::Date(_), Val::Date(_)) | (Val::Weekday(_), Val::Weekday(_)) => true,
        (Val::Num(x), Val::Num(y)) => comparable(x, y),
        _ => false,
    };
    let agree = |a: &Item, b: &Item| match (&a.val, &b.val) {
        (Val::Date(x), Val::Date(y)) => !dates::conflict(x, y),
        (Val::Weekday(x), Val::Weekday(y)) => x.day == y.day,
        (Val::Num(x), Val::Num(y)) => numbers::compatible(x, y, tolerance),
        _ => false,
    };
    let conflict = |a: &Item, b: &Item| comparable_vals(a, b) && !agree(a, b);

    let mut origins: BTreeMap<(usize, usize), Origin> = BTreeMap::new();

    // 1. Aligned statements: each sentence holding a value is paired with its best match in
    // every other document of its story, and the values inside the pair are matched by type.
    if rule.settings.aligned.unwrap_or(true) {
        let texts = cx.texts();
        let slots: Vec<Vec<SlotSpan>> = by_doc
            .iter()
            .map(|idx| {
                idx.iter().map(|&i| SlotSpan { span: items[i].val.span(), kind: slot_kind(&items[i].val) }).collect()
            })
            .collect();
        let statements = Statements::new(&texts, &cx.analysis, &slots, &cx.stories.of_doc);
        // Per document: sentence -> its values.
        let by_sentence: Vec<BTreeMap<usize, Vec<usize>>> = by_doc
            .iter()
            .map(|idx| {
                let mut m: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
                for &i in idx {
                    if let Some(s) = items[i].sentence {
                        m.entry(s).or_default().push(i);
                    }
                }
                m
            })
            .collect();
        let n_sent: Vec<usize> = cx.analysis.iter().map(|a| a.sentences.len()).collect();
        let pairs_of_docs: Vec<(usize, usize)> = partners(cx, &by_sentence);
        let found: Vec<((usize, usize), Origin)> = pairs_of_docs
            .par_iter()
            .flat_map_iter(|&(a, b)| {
                let sa: Vec<usize> = by_sentence[a].keys().copied().collect();
                let sb: Vec<usize> = by_sentence[b].keys().copied().collect();
                let mut out = Vec::new();
                let mut done: BTreeSet<(usize, usize)> = BTreeSet::new();
                for (x, y, from, to) in [(a, b, &sa, &sb), (b, a, &sb, &sa)] {
                    for (&i, m) in
                        from.iter().flat_map(|i| statements.top_two(x, *i, y, to).into_iter().map(move |m| (i, m)))
                    {
                        let back = statements.best(y, m.sentence, x, from);
                        let mutual = back.is_some_and(|r| r.sentence == i);
                        let (ka, kb) = if x == a { (i, m.sentence) } else { (m.sentence, i) };
                        if !done.insert((ka, kb)) {
                            continue;
                        }
                        let gap = position_gap(ka, n_sent[a], kb, n_sent[b]);
                        let sentence_text = |d: usize, k: usize| &texts[d][cx.analysis[d].sentences[k].span.clone()];
                        let (ta, tb) = (sentence_text(a, ka), sentence_text(b, kb));
                        cx.trace.record("align", &[ta, tb], || {
                            format!(
                                "{}:{} ~ {}:{}: score {:.2}, margin {:.2}{}",
                                cx.docs[a].path,
                                ka + 1,
                                cx.docs[b].path,
                                kb + 1,
                                m.score,
                                m.margin,
                                if mutual { ", mutual" } else { "" }
                            )
                        });
                        let score = (m.score, m.margin, mutual, gap);
                        let (xs, ys) = (&by_sentence[a][&ka], &by_sentence[b][&kb]);
                        let affinity = |x: usize, y: usize| {
                            let order = |k: usize, all: &[usize]| {
                                all.iter().position(|&m| m == k).unwrap_or(0) as f64 / all.len().max(1) as f64
                            };
                            let (p, q) = (&items[x], &items[y]);
                            let noun = match (&p.val, &q.val) {
                                (Val::Num(m), Val::Num(n)) if m.noun.is_some() && m.noun == n.noun => 1.0,
                                _ => 0.0,
                            };
                            // Of two rivals, the nearer value is the likelier version of this one.
                            let near = match (&p.val, &q.val) {
                                (Val::Date(m), Val::Date(n)) => {
                                    let pm = m.readings.first().map(|r| r.precision);
                                    f64::from(u8::from(pm.is_some() && pm == n.readings.first().map(|r| r.precision)))
                                }
                                (Val::Num(m), Val::Num(n)) if m.value > 0.0 && n.value > 0.0 => {
                                    -0.3 * (m.value / n.value).ln().abs().min(3.0)
                                }
                                _ => 0.0,
                            };
                            slot_context(cx, p, q) + noun + near - 0.5 * (order(x, xs) - order(y, ys)).abs()
                        };
                        for (p, q, lone) in match_slots(&items, xs, ys, &agree, &conflict, &affinity) {
                            out.push(((p.min(q), p.max(q)), Origin { aligned: Some(score), lone, keyed: false }));
                        }
                    }
                }
                out
            })
            .collect();
        for (k, o) in found {
            let e = origins.entry(k).or_default();
            // The best alignment that offered the pair speaks for it.
            if e.aligned.is_none_or(|s| o.aligned.is_some_and(|t| t.0 > s.0)) {
                e.aligned = o.aligned;
                e.lone = o.lone;
            }
        }
    }

    // 2. Keys, for values outside aligned statements: same event or counted thing.
    // Date keys match when one's words contain the other's (`deliv` / `verdict deliv`: the
    // second writer named the verdict, the first only said it was delivered).
    //
    // Everything a pair test needs about one value is computed once per value, so the cost is
    // the number of candidate pairs within key buckets, not pairs times values.
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
    let windows: Vec<Range<usize>> =
        items.par_iter().map(|it| context::window(cx, it.doc, it.val.span().start)).collect();
    let subjects: Vec<context::Subject> =
        items.par_iter().zip(windows.par_iter()).map(|(it, w)| context::subject(cx, it.doc, w.clone())).collect();
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
            for (i, j) in candidate_pairs(idx, &subjects) {
                // Each pair is tried once: in the bucket of the first token both keys share.
                if first_shared(&tokens[i], &tokens[j]) != Some(*token) {
                    continue;
                }
                let (a, b) = (&items[i], &items[j]);
                if (a.doc == b.doc && !same_doc)
                    || !cx.stories.same(a.doc, b.doc)
                    || !tokens_match(&tokens[i], &tokens[j], rule.kind)
                    || !conflict(a, b)
                {
                    continue;
                }
                found.push((i, j));
            }
            found
        })
        .collect();
    for k in keyed {
        origins.entry(k).or_default().keyed = true;
    }

    // 3. Evidence and confidence.
    let model_name = if rule.kind == RuleKind::Dates { "date" } else { "number" };
    let model = score::model(model_name);
    let scored: Vec<((usize, usize), f64, f64)> = origins
        .par_iter()
        .filter_map(|(&(i, j), o)| {
            let (a, b) = (&items[i], &items[j]);
            if (a.doc == b.doc && !same_doc) || !cx.stories.same(a.doc, b.doc) {
                return None;
            }
            let mut f = Features::default();
            if let Some((score, margin, mutual, gap)) = o.aligned {
                f.flag("aligned", true);
                f.set("align_score", score);
                f.set("align_margin", margin);
                f.flag("mutual", mutual);
                f.set("position_gap", gap);
                f.flag("lone", o.lone);
            }
            f.flag("keyed", o.keyed);
            let ignore = key_words(&a.key, &b.key);
            f.flag("shared_subject", context::shares_subject(&subjects[i], &subjects[j], &ignore, 2));
            f.set("slot_context", slot_context(cx, a, b));
            f.flag(
                "rival_stated",
                states(&items, &by_doc[a.doc], b, &agree) || states(&items, &by_doc[b.doc], a, &agree),
            );
            match (&a.val, &b.val) {
                (Val::Num(x), Val::Num(y)) => {
                    number_features(x, y, &mut f);
                    f.flag(
                        "rival_nearby",
                        rival_nearby(&items, &by_pos[a.doc], i, &windows[i], tolerance)
                            || rival_nearby(&items, &by_pos[b.doc], j, &windows[j], tolerance),
                    );
                }
                (Val::Date(x), Val::Date(y)) => {
                    date_features(x, y, &mut f);
                    f.flag("no_event", a.key.is_empty() || b.key.is_empty());
                    f.flag("dateline", dateline(cx, a) || dateline(cx, b));
                }
                (Val::Weekday(_), Val::Weekday(_)) => {
                    f.flag("weekday", true);
                    f.flag("no_event", a.key.is_empty() || b.key.is_empty());
                    f.flag("dateline", dateline(cx, a) || dateline(cx, b));
                }
                _ => return None,
            }
            let c = model.confidence(&f);
            let (va, vb) = (evidence_text(cx, a), evidence_text(cx, b));
            cx.candidates.record(model_name, &f, || vec![va.clone(), vb.clone()]);
            cx.trace.record(model_name, &[&va, &vb], || {
                format!(
                    "`{va}` / `{vb}`: {} {}, confidence {c:.2} from {:?}",
                    if o.aligned.is_some() { "aligned" } else { "not aligned" },
                    if o.keyed { "keyed" } else { "no key" },
                    f.0
                )
            });
            (c >= MIN_CONFIDENCE).then_some(((i, j), c, o.aligned.map_or(0.0, |s| s.0)))
        })
        .collect();
    let values: Vec<String> = items.iter().map(|it| it.val.value()).collect();
    let (groups, links) = consistent_groups(&scored, &items, &values, same_doc);
    let pairs: BTreeSet<(usize, usize)> = links.iter().map(|(k, _, _)| *k).collect();
    let confidence: BTreeMap<(usize, usize), (f64, f64)> = links.iter().map(|&(k, c, s)| (k, (c, s))).collect();

    let mut findings = Vec::new();
    for group in groups {
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
        let links = confidence.iter().filter(|(k, _)| group.contains(&k.0));
        let (c, s) = links.fold((0.0f64, 0.0f64), |(c, s), (_, &(c2, s2))| (c.max(c2), s.max(s2)));
        let mut b = FindingBuilder::new(rule, kind, subject, message).confidence(c);
        if s > 0.0 {
            b = b.score(s);
        }
        for (&i, (doc, span)) in group.iter().zip(spans) {
            b = b.evidence(&cx.docs[doc], span, items[i].val.value(), Some("value"));
        }
        findings.push(b.build());
    }
    findings
}

/// Joins linked values into findings, strongest links first, so that a finding never gives
/// one document two versions of the fact (a document that states two values states two facts):
/// a link that would do so is left out. Gives the groups, each sorted, and the links kept.
#[allow(clippy::type_complexity)]
fn consistent_groups(
    scored: &[((usize, usize), f64, f64)],
    items: &[Item],
    values: &[String],
    same_doc: bool,
) -> (Vec<Vec<usize>>, Vec<((usize, usize), f64, f64)>) {
    let mut order: Vec<&((usize, usize), f64, f64)> = scored.iter().collect();
    order.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut group_of: BTreeMap<usize, usize> = BTreeMap::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut kept = Vec::new();
    for link in order {
        let (i, j) = link.0;
        let gi = group_of.get(&i).copied();
        let gj = group_of.get(&j).copied();
        if gi.is_some() && gi == gj {
            kept.push(*link);
            continue;
        }
        let members = |g: Option<usize>, x: usize| -> Vec<usize> { g.map_or_else(|| vec![x], |g| groups[g].clone()) };
        let (mi, mj) = (members(gi, i), members(gj, j));
        let clash =
            !same_doc && mi.iter().any(|&p| mj.iter().any(|&q| items[p].doc == items[q].doc && values[p] != values[q]));
        if clash {
            continue;
        }
        kept.push(*link);
        let target = match (gi, gj) {
            (Some(g), _) | (None, Some(g)) => g,
            (None, None) => {
                groups.push(Vec::new());
                groups.len() - 1
            }
        };
        for m in mi.into_iter().chain(mj) {
            if group_of.insert(m, target) != Some(target) {
                groups[target].push(m);
            }
        }
        for g in [gi, gj].into_iter().flatten().filter(|&g| g != target) {
            groups[g].clear();
        }
    }
    let mut out: Vec<Vec<usize>> = groups
        .into_iter()
        .map(|mut g| {
            g.sort_unstable();
            g.dedup();
            g
        })
        .filter(|g| g.len() >= 2)
        .collect();
    out.sort();
    kept.sort_by_key(|k| k.0);
    (out, kept)
}

/// Documents compared with each other: pairs within one story that both hold values. In a
/// large story each document is paired with the [`MAX_PARTNERS`] documents that follow it in
/// the set's order, so the work grows with the story, not its square.
fn partners(cx: &Context, by_sentence: &[BTreeMap<usize, Vec<usize>>]) -> Vec<(usize, usize)> {
    let mut by_story: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (d, s) in by_sentence.iter().enumerate() {
        if !s.is_empty() {
            by_story.entry(cx.stories.of_doc.get(d).copied().unwrap_or(d)).or_default().push(d);
        }
    }
    let mut out = BTreeSet::new();
    for docs in by_story.values() {
        if docs.len() <= MAX_PARTNERS + 1 {
            for (n, &a) in docs.iter().enumerate() {
                for &b in &docs[n + 1..] {
                    out.insert((a, b));
                }
            }
            continue;
        }
        // Nearest neighbours by position in the set: a large story is an archive, whose
        // neighbouring files are usually neighbouring in time.
        for (n, &a) in docs.iter().enumerate() {
            for &b in docs.iter().skip(n + 1).take(MAX_PARTNERS) {
                out.insert((a, b));
            }
        }
    }
    out.into_iter().collect()
}

/// In a story of more documents, each is aligned with this many others.
const MAX_PARTNERS: usize = 16;

/// Matches the values of two aligned sentences: first the values both state alike (they are the
/// same slot), then the remaining values one to one with a rival of their type, the pairs with
/// the most similar surroundings first (`affinity`). Gives `(a, b, lone)`, lone when neither value
/// had another unmatched rival of its type.
fn match_slots(
    items: &[Item],
    xs: &[usize],
    ys: &[usize],
    agree: &dyn Fn(&Item, &Item) -> bool,
    conflict: &dyn Fn(&Item, &Item) -> bool,
    affinity: &dyn Fn(usize, usize) -> f64,
) -> Vec<(usize, usize, bool)> {
    let mut used_x = vec![false; xs.len()];
    let mut used_y = vec![false; ys.len()];
    for (p, &x) in xs.iter().enumerate() {
        if let Some(q) = (0..ys.len()).find(|&q| !used_y[q] && agree(&items[x], &items[ys[q]])) {
            used_x[p] = true;
            used_y[q] = true;
        }
    }
    let mut options: Vec<(f64, usize, usize)> = Vec::new();
    for (p, &x) in xs.iter().enumerate().filter(|(p, _)| !used_x[*p]) {
        for (q, &y) in ys.iter().enumerate().filter(|(q, _)| !used_y[*q]) {
            if conflict(&items[x], &items[y]) {
                options.push((affinity(x, y), p, q));
            }
        }
    }
    let rivals_x = |p: usize| options.iter().filter(|o| o.1 == p).count();
    let rivals_y = |q: usize| options.iter().filter(|o| o.2 == q).count();
    let lone: Vec<(usize, usize, bool)> =
        options.iter().map(|o| (o.1, o.2, rivals_x(o.1) == 1 && rivals_y(o.2) == 1)).collect();
    options.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut out = Vec::new();
    for (_, p, q) in options {
        if used_x[p] || used_y[q] {
            continue;
        }
        used_x[p] = true;
        used_y[q] = true;
        let l = lone.iter().any(|&(a, b, l)| a == p && b == q && l);
        out.push((xs[p], ys[q], l));
    }
    out
}

/// Jaccard overlap of the content lemmas within a few tokens of each value: the words that say
/// what the value is about (`insured value of`, `votes to`).
fn slot_context(cx: &Context, a: &Item, b: &Item) -> f64 {
    let near = |it: &Item| -> BTreeSet<String> {
        let Some(an) = cx.analysis.get(it.doc) else { return BTreeSet::new() };
        let r = an.tokens_in(it.val.span());
        let sent = it.sentence.map(|s| an.sentences[s].tokens.clone()).unwrap_or(r.clone());
        let from = r.start.saturating_sub(SLOT_REACH).max(sent.start);
        let to = (r.end + SLOT_REACH).min(sent.end);
        (from..to)
            .filter(|k| !r.contains(k))
            .map(|k| &an.tokens[k])
            .filter(|t| t.is_noun() || t.is_verb() || t.tag_name().starts_with("JJ"))
            .map(|t| t.lemma.to_lowercase())
            .filter(|l| !crate::lexicon::is_stopword(l))
            // A shared beginning stands for a shared stem (`growth` / `growing`, `decision` / `decided`).
            .map(|l| l.chars().take(4).collect())
            .collect()
    };
    let (x, y) = (near(a), near(b));
    let union = x.union(&y).count();
    if union == 0 {
        0.0
    } else {
        x.intersection(&y).count() as f64 / union as f64
    }
}

/// A date in a short line near the top of its document (a dateline, a byline, a "last
/// updated"): it says when the text was written, not when the reported thing happened.
fn dateline(cx: &Context, it: &Item) -> bool {
    let (Some(an), Some(s)) = (cx.analysis.get(it.doc), it.sentence) else { return false };
    let toks = an.sentence_tokens(s);
    let words = toks.iter().filter(|t| t.is_word(&cx.docs[it.doc].text)).count();
    // A line that tells something has a finite verb; a dateline has none.
    let finite = toks.iter().any(|t| matches!(t.tag_name(), "VBD" | "VBZ" | "VBP" | "MD"));
    s < DATELINE_SENTENCES && words <= DATELINE_WORDS && !finite
}

/// A dateline is among the first sentences of a document …
const DATELINE_SENTENCES: usize = 4;
/// … and this short.
const DATELINE_WORDS: usize = 8;

/// Tokens on each side of a value read as its context.
const SLOT_REACH: usize = 4;

/// Evidence about two figures themselves.
fn number_features(x: &Quantity, y: &Quantity, f: &mut Features) {
    match (&x.noun, &y.noun) {
        (Some(a), Some(b)) if a == b => f.flag("same_noun", true),
        (Some(_), Some(_)) => f.flag("noun_differs", true),
        _ => f.flag("no_noun", true),
    }
    let (dx, dy) = (digits(x.value), digits(y.value));
    let mut sx: Vec<char> = dx.chars().collect();
    let mut sy: Vec<char> = dy.chars().collect();
    sx.sort_unstable();
    sy.sort_unstable();
    // A transposition (`187` / `178`) or one digit changed is how a figure is miscopied.
    f.flag("digits_swapped", dx != dy && sx == sy);
    f.flag("one_digit", dx.len() == dy.len() && dx.chars().zip(dy.chars()).filter(|(a, b)| a != b).count() == 1);
    // The same digits at another magnitude: a zero or a scale word dropped (`3,000` / `300`).
    f.flag("magnitude_slip", dx == dy);
    // How far apart the figures are, unless a slipped magnitude explains the distance.
    if x.value > 0.0 && y.value > 0.0 && dx != dy {
        f.set("log_ratio", (x.value / y.value).ln().abs().min(3.0));
    }
    f.flag("small_count", small_count(x) && small_count(y));
    // Money, shares and measures carry their unit, so a missing noun says less than for a count.
    f.flag("money", x.kind == QuantityKind::Money);
    f.flag("percent", x.kind == QuantityKind::Percent);
    f.flag("measure", x.kind == QuantityKind::Measure);
    // Figures with two significant digits or more (`7,050`, `4.3`) rarely repeat by chance.
    f.flag("specific", dx.len() >= 2 && dy.len() >= 2);
    f.flag("qualified", x.qualifier != numbers::Qualifier::Exact || y.qualifier != numbers::Qualifier::Exact);
}

/// The significant digits of a value (`4500` -> `45`, `3.4` -> `34`).
fn digits(v: f64) -> String {
    let s = format!("{v}");
    let d: String = s.chars().filter(char::is_ascii_digit).collect();
    let d = d.trim_start_matches('0');
    d.trim_end_matches('0').to_string()
}

/// Evidence about two dates themselves: which fields differ.
fn date_features(x: &DateMention, y: &DateMention, f: &mut Features) {
    let (Some(a), Some(b)) = (x.readings.first(), y.readings.first()) else { return };
    if a.precision == b.precision {
        let (s, t) = (a.start, b.start);
        let differ = [s.year() != t.year() && !a.yearless && !b.yearless, s.month() != t.month(), s.day() != t.day()];
        let n = differ.iter().filter(|d| **d).count();
        f.flag("one_field", n == 1);
        f.flag("day_only", n == 1 && differ[2]);
    } else {
        f.flag("precision_differs", true);
    }
    f.flag("yearless", a.yearless || b.yearless);
    f.flag("ambiguous", x.ambiguous || y.ambiguous);
}

/// The evidence text of a value as a report shows it.
fn evidence_text(cx: &Context, it: &Item) -> String {
    collapse(&cx.docs[it.doc].text[evidence_span(cx, it)])
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

/// Whether document `doc` itself states the value of `v` elsewhere (alike, of the same type;
/// for a figure also of the same counted noun, or none, or too specific to repeat by chance). A
/// writer who gives both values is reporting two things (`9 people died in the village`, `11
/// people died in 1997`), so the other document's value is not a rival version of this one.
fn states(items: &[Item], of_doc: &[usize], v: &Item, agree: &dyn Fn(&Item, &Item) -> bool) -> bool {
    of_doc.iter().map(|&k| &items[k]).any(|it| match (&it.val, &v.val) {
        (Val::Num(n), Val::Num(w)) if comparable(n, w) && agree(it, v) => {
            n.noun == w.noun || n.noun.is_none() || w.noun.is_none() || !small_count(w)
        }
        (Val::Date(d), Val::Date(e)) => {
            agree(it, v) && d.readings.first().map(|r| r.precision) == e.readings.first().map(|r| r.precision)
        }
        (Val::Weekday(_), Val::Weekday(_)) => agree(it, v),
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

/// Buckets up to this size are compared all pairs; larger ones (a common event word or counted
/// noun in a large set) only pair values whose windows share a word.
const SMALL_BUCKET: usize = 200;

/// Candidate pairs `(i, j)`, `i < j`, of one key bucket. In a large bucket a pair must share a
/// subject word that is not in more than a tenth of the bucket: two windows that share only
/// very common words were never evidence of one subject, and skipping them keeps the work
/// near-linear in the bucket size.
fn candidate_pairs(idx: &[usize], subjects: &[context::Subject]) -> Vec<(usize, usize)> {
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
        for w in subjects[i].words.iter().chain(&subjects[i].caps) {
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

/// The value's span, widened to what it counts as the writer wrote it (`3,000 residents`,
/// `120 primary health centres`), then to a rate or a tally that completes it (`600 requests per
/// minute`, `seven votes to three`), read from the parts of speech after the figure.
fn evidence_span(cx: &Context, it: &Item) -> Range<usize> {
    let span = it.val.span();
    let Val::Num(n) = &it.val else { return span };
    let Some(an) = cx.analysis.get(it.doc) else { return span };
    let text = &cx.docs[it.doc].text;
    let toks = &an.tokens;
    let mut k = an.token_at(span.end);
    while k < toks.len() && toks[k].span.start < span.end {
        k += 1;
    }
    let same_sentence = |k: usize| k < toks.len() && it.sentence.is_none_or(|s| toks[k].sentence as usize == s);
    let mut end = span.end;
    if n.kind == QuantityKind::Count || n.kind == QuantityKind::Measure {
        // Modifiers and nouns up to the last noun of the run.
        let mut j = k;
        while j < k + 4
            && same_sentence(j)
            && (toks[j].is_noun() || toks[j].tag_name().starts_with("JJ") || toks[j].tag_name() == "VBG")
        {
            if toks[j].is_noun() {
                end = toks[j].span.end;
                k = j + 1;
            }
            j += 1;
        }
    }
    if same_sentence(k) && same_sentence(k + 1) {
        let word = text[toks[k].span.clone()].to_lowercase();
        let next = &toks[k + 1];
        let rate = matches!(word.as_str(), "per" | "a" | "an") && next.is_noun() && end > span.end;
        let tally = matches!(word.as_str(), "to" | "against") && next.tag_name() == "CD" && end > span.end;
        if rate || tally {
            end = next.span.end;
        }
    }
    span.start..end
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
        (Val::Date(_) | Val::Weekday(_), _) if !it.key.is_empty() => {
            // Show the event in the document's own words rather than as stems.
            let text = &cx.docs[it.doc].text;
            let sent = sentence_of(cx, it.doc, it.val.span().start);
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
