//! Attribution: one statement credited to different agents.
//!
//! Two attributions are about the same statement when
//!
//! 1. their passages were **aligned** (they report the same thing in other words), or
//! 2. they are the same **event**: the same vehicle (`letter`, `statement`) to the same recipient,
//!    in sentences that share several content words.
//!
//! and their agents are then compared with [`same_agent`]: a ministry and a president, or a
//! person and the body he heads, are different agents; an unresolved pronoun or a vague agent
//! (`officials`) is never reported.
//!
//! Example finding: *the same letter to the UN Secretary-General is attributed to different
//! senders: `Ministry of Foreign Affairs of Valdoria` / `President of Valdoria, Idris
//! Malkov`*.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use super::{aligned::to_report_diff, context, group_pairs};
use crate::engine::Context;
use crate::facts::attribution::{same_agent, same_recipient, AgentRelation, Attribution};
use crate::findings::{Finding, FindingBuilder, Kind};
use crate::rules::Rule;
use crate::text::fold;

struct Item<'a> {
    doc: usize,
    a: &'a Attribution,
}

/// Content words an event comparison needs in common besides the vehicle and recipient.
const EVENT_MIN_SHARED: usize = 3;

pub fn check(cx: &Context, rule: &Rule) -> Vec<Finding> {
    let same_doc = rule.settings.same_document.unwrap_or(false);
    let mut items: Vec<Item> = Vec::new();
    for (doc, f) in cx.facts.iter().enumerate() {
        for a in &f.attributions {
            // An agent that says nothing about who spoke cannot disagree with anyone.
            if a.agent.pronoun && a.agent.text.split_whitespace().count() <= 1 && a.agent.person.is_none() {
                continue;
            }
            // `its chief executive`, `their spokesman`: a role of some other agent, which may
            // well be the one the other document names.
            let first = a.agent.text.split_whitespace().next().map(fold).unwrap_or_default();
            if matches!(first.as_str(), "its" | "their" | "his" | "her" | "our" | "whose") {
                continue;
            }
            if describes_a_name(&cx.docs[doc].text, a) {
                continue;
            }
            items.push(Item { doc, a });
        }
    }
    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut pair_info: BTreeMap<(usize, usize), (Option<f64>, Option<usize>)> = BTreeMap::new();
    let differ = |i: usize, j: usize| same_agent(&items[i].a.agent, &items[j].a.agent) == AgentRelation::Different;

    // 1. Events: same vehicle to the same recipient, on the same matter. Attributions are
    // bucketed by vehicle, so only letters meet letters.
    let mut by_vehicle: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, it) in items.iter().enumerate() {
        if let (Some(v), Some(_)) = (&it.a.vehicle, &it.a.recipient) {
            by_vehicle.entry(fold(v)).or_default().push(i);
        }
    }
    for (vehicle, idx) in &by_vehicle {
        for (n, &i) in idx.iter().enumerate() {
            for &j in &idx[n + 1..] {
                let (x, y) = (&items[i], &items[j]);
                if x.doc == y.doc && !same_doc {
                    continue;
                }
                let (Some(rx), Some(ry)) = (&x.a.recipient, &y.a.recipient) else { continue };
                if !same_recipient(&rx.1, &ry.1) || !differ(i, j) {
                    continue;
                }
                let ignore: BTreeSet<String> = [vehicle.as_str(), rx.1.as_str(), ry.1.as_str()]
                    .iter()
                    .flat_map(|s| s.split_whitespace())
                    .map(fold)
                    .collect();
                let (sx, sy) = ((x.doc, x.a.sentence.clone()), (y.doc, y.a.sentence.clone()));
                if context::same_subject_words(cx, sx, sy, &ignore, EVENT_MIN_SHARED) {
                    pairs.insert((i, j));
                }
            }
        }
    }

    // 2. Aligned passages: the attributions of two passages that report the same thing.
    let min_score = rule.settings.min_score.unwrap_or(0.0);
    let alignment = cx.alignment();
    let mut by_doc: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, it) in items.iter().enumerate() {
        by_doc.entry(it.doc).or_default().push(i);
    }
    let within = |doc: usize, r: &Range<usize>| -> Vec<usize> {
        by_doc
            .get(&doc)
            .map(|v| v.iter().copied().filter(|&i| overlaps(&items[i].a.sentence, r)).collect())
            .unwrap_or_default()
    };
    for (pi, p) in alignment.pairs.iter().enumerate() {
        if p.score < min_score || (p.a.doc == p.b.doc && !same_doc) {
            continue;
        }
        let (xs, ys) = (within(p.a.doc, &p.a.range), within(p.b.doc, &p.b.range));
        // Only the main attribution of each passage speaks for it: with several reporting
        // verbs in one passage, which agent goes with which statement is a guess.
        if let ([i], [j]) = (xs.as_slice(), ys.as_slice()) {
            let (i, j) = ((*i).min(*j), (*i).max(*j));
            if differ(i, j) {
                pairs.insert((i, j));
                pair_info.insert((i, j), (Some(p.score), Some(pi)));
            }
        }
    }

    let mut findings = Vec::new();
    for group in group_pairs(&pairs) {
        let info = group
            .iter()
            .flat_map(|&i| group.iter().map(move |&j| (i, j)))
            .find_map(|k| pair_info.get(&k).copied())
            .unwrap_or((None, None));
        let vehicle = group.iter().find_map(|&i| items[i].a.vehicle.clone());
        let recipient = group.iter().find_map(|&i| items[i].a.recipient.as_ref().map(|r| r.1.clone()));
        let subject = match (&vehicle, &recipient) {
            (Some(v), Some(r)) => format!("the {v} to {}", strip_article(r)),
            (Some(v), None) => format!("the {v}"),
            _ => "the same statement".to_string(),
        };
        let role = if vehicle.is_some() { "sender" } else { "speaker" };
        let mut agents: Vec<String> = group.iter().map(|&i| items[i].a.agent.text.clone()).collect();
        agents.sort();
        agents.dedup();
        let quoted: Vec<String> = agents.iter().map(|a| format!("`{a}`")).collect();
        let message = match &rule.message {
            Some(m) => m.replace("{subject}", &subject).replace("{values}", &agents.join(" / ")),
            None => format!("{subject} is attributed to different {role}s: {}", quoted.join(" / ")),
        };
        let mut b = FindingBuilder::new(rule, Kind::Attribution, subject, message);
        if let Some(s) = info.0 {
            b = b.score(s);
        }
        // The word diff of the two passages, so the reader sees what else differs.
        let diff = match info.1 {
            Some(pi) => Some(to_report_diff(alignment.diff_of(pi))),
            None if group.len() >= 2 => {
                let (x, y) = (&items[group[0]], &items[group[1]]);
                Some(to_report_diff(&crate::align::word_diff(
                    &cx.docs[x.doc].text,
                    x.a.sentence.clone(),
                    &cx.docs[y.doc].text,
                    y.a.sentence.clone(),
                )))
            }
            None => None,
        };
        if let Some(d) = diff {
            b = b.diff(d);
        }
        for &i in &group {
            let it = &items[i];
            b = b.evidence(&cx.docs[it.doc], it.a.agent.span.clone(), agent_value(it.a), Some(role));
        }
        findings.push(b.build());
    }
    findings
}

/// Whether the agent is a lowercase description set after a name (`Nordtrans, the haulage
/// company, said`): the name spoke, and the description alone cannot disagree with it.
fn describes_a_name(text: &str, a: &Attribution) -> bool {
    if a.agent.text.chars().any(char::is_uppercase) {
        return false;
    }
    let Some(before) = text.get(..a.agent.span.start) else { return false };
    let before = before.trim_end();
    // The article is ASCII, so it is matched on the original: a lowercased copy can be longer
    // (`İ`), and its lengths do not cut the original.
    let cut = ["the", "a", "an"].iter().find_map(|art| {
        let n = before.len().checked_sub(art.len())?;
        let tail = before.get(n..)?;
        (tail.eq_ignore_ascii_case(art) && before[..n].ends_with(char::is_whitespace)).then_some(n)
    });
    let Some(cut) = cut else { return false };
    let Some(rest) = before[..cut].trim_end().strip_suffix(',') else { return false };
    // The name opens its clause: capitalised words only, none a function word (`In May, the`).
    let start =
        rest.rfind(['.', '!', '?', '\n', '"', '“', '”', ';', ':', ',']).map_or(0, |i| crate::span::after_char(rest, i));
    let name: Vec<&str> = rest[start..].split_whitespace().collect();
    (1..=5).contains(&name.len())
        && name.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && !crate::text::is_stopword(&crate::text::fold(w))
        })
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn strip_article(s: &str) -> &str {
    s.strip_prefix("the ").or_else(|| s.strip_prefix("The ")).unwrap_or(s)
}

/// The normalised agent: who, in what office, for which body.
fn agent_value(a: &Attribution) -> String {
    let g = &a.agent;
    let mut parts = Vec::new();
    if let Some(p) = &g.person {
        parts.push(format!("person: {p}"));
    }
    if let Some(t) = &g.title {
        parts.push(format!("title: {t}"));
    }
    if let Some(o) = &g.organisation {
        parts.push(format!("organisation: {o}"));
    }
    if parts.is_empty() {
        fold(&g.text)
    } else {
        parts.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::attribution::find_attributions;
    use crate::text::sentences;

    fn agents(text: &str) -> Vec<(String, bool)> {
        find_attributions(text, &sentences(text))
            .iter()
            .map(|a| (a.agent.text.clone(), describes_a_name(text, a)))
            .collect()
    }

    #[test]
    fn a_description_after_a_name_is_not_a_speaker_of_its_own() {
        let v = agents("Brightwell, the tile maker, said the kiln would reopen in May.");
        assert!(v.iter().all(|(t, d)| *d || t.contains("Brightwell")), "{v:?}");
        let v = agents("The tile maker said the kiln would reopen in May.");
        assert!(v.iter().all(|(_, d)| !d), "{v:?}");
        let v = agents("In May, the kiln makers said prices would rise.");
        assert!(v.iter().all(|(_, d)| !d), "{v:?}");
    }
}
