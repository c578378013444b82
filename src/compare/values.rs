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

    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut subjects: BTreeMap<(usize, usize), String> = BTreeMap::new();
    let mut scores: BTreeMap<(usize, usize), f64> = BTreeMap::new();

    // 1. Keyed comparison: same event or counted thing, in sentences that share a subject.
    let mut by_key: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, it) in items.iter().enumerate() {
        if !it.key.is_empty() {
            by_key.entry(it.key.as_str()).or_default().push(i);
        }
    }
    let same_doc = rule.settings.same_document.unwrap_or(false);
    for (key, idx) in &by_key {
        let ignore: BTreeSet<String> = key.split(['|', ' ']).map(crate::text::fold).collect();
        for (n, &i) in idx.iter().enumerate() {
            for &j in &idx[n + 1..] {
                let (a, b) = (&items[i], &items[j]);
                if (a.doc == b.doc && !same_doc) || !conflict(a, b) {
                    continue;
                }
                let wa = context::window(cx, a.doc, a.val.span().start);
                let wb = context::window(cx, b.doc, b.val.span().start);
                if context::same_subject(cx, (a.doc, wa), (b.doc, wb), &ignore, 2) {
                    pairs.insert((i, j));
                    subjects.entry((i, j)).or_insert_with(|| subject_of(&items[i], rule.kind));
                }
            }
        }
    }

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
            if pair.score < min_score || (pair.a.doc == pair.b.doc && !same_doc) {
                continue;
            }
            for (ra, rb) in crate::align::changes(alignment.diff_of(pi)) {
                let (Some(ra), Some(rb)) = (ra, rb) else { continue };
                let xs = find(pair.a.doc, &ra);
                let ys = find(pair.b.doc, &rb);
                // Only a one-for-one replacement says which value stands for which.
                if let ([i], [j]) = (xs.as_slice(), ys.as_slice()) {
                    let (i, j) = ((*i).min(*j), (*i).max(*j));
                    if conflict(&items[i], &items[j]) {
                        pairs.insert((i, j));
                        subjects.insert((i, j), aligned_subject(&items[i], &items[j], rule.kind));
                        scores.insert((i, j), pair.score);
                    }
                }
            }
        }
    }

    let mut findings = Vec::new();
    for group in group_pairs(&pairs) {
        let first = (group[0], group[1]);
        let subject = group
            .windows(2)
            .find_map(|w| subjects.get(&(w[0], w[1])))
            .or_else(|| subjects.iter().find(|(k, _)| group.contains(&k.0)).map(|(_, v)| v))
            .cloned()
            .unwrap_or_else(|| subject_of(&items[first.0], rule.kind));
        let kind = if rule.kind == RuleKind::Dates { Kind::Date } else { Kind::Number };
        let mut values: Vec<String> = group.iter().map(|&i| items[i].val.value()).collect();
        values.sort();
        values.dedup();
        let message = match &rule.message {
            Some(m) => m.replace("{subject}", &subject).replace("{values}", &values.join(" / ")),
            None => match rule.kind {
                RuleKind::Dates => format!("{subject} dated differently: {}", values.join(" / ")),
                _ => format!("{subject} given differently: {}", values.join(" / ")),
            },
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
        for &i in &group {
            let it = &items[i];
            b = b.evidence(&cx.docs[it.doc], it.val.span(), it.val.value(), Some("value"));
        }
        findings.push(b.build());
    }
    findings
}

/// Numbers are compared only when they measure the same kind of thing in the same unit family.
fn comparable(a: &Quantity, b: &Quantity) -> bool {
    a.kind == b.kind && (a.kind == QuantityKind::Count || a.unit == b.unit)
}

fn sentence_of(cx: &Context, doc: usize, at: usize) -> Range<usize> {
    let sents = &cx.sentences[doc];
    let i = sents.partition_point(|s| s.end <= at);
    sents.get(i).cloned().unwrap_or(at..at)
}

fn subject_of(it: &Item, kind: RuleKind) -> String {
    match (&it.val, kind) {
        (Val::Num(n), _) => match &n.noun {
            Some(noun) => format!("number of {}", plural(noun)),
            None => "amount".to_string(),
        },
        (Val::Date(_), _) if !it.key.is_empty() => format!("date of `{}`", it.key),
        _ => "date".to_string(),
    }
}

fn aligned_subject(a: &Item, b: &Item, kind: RuleKind) -> String {
    let base = if !a.key.is_empty() { subject_of(a, kind) } else { subject_of(b, kind) };
    format!("{base} in the same statement")
}

fn plural(noun: &str) -> String {
    if noun.ends_with('s') || noun == "people" {
        noun.to_string()
    } else if let Some(stem) = noun.strip_suffix('y').filter(|s| !s.ends_with(['a', 'e', 'o', 'u'])) {
        format!("{stem}ies")
    } else {
        format!("{noun}s")
    }
}
