//! Office titles: one person given different titles, or a title that contradicts a reference
//! fact.
//!
//! Title mentions are grouped by person. A person is keyed by the folded name; a mention by
//! surname alone joins the one full name in the set with that surname. Two titles of one person
//! conflict unless they are equivalent (word order, abbreviations, declared synonyms) or one is a
//! less specific form of the other (`representative at the UN` / `representative of Valdoria
//! at the UN`); `former` titles never conflict.
//!
//! Example finding: *`Maria Kovalenko` is given different titles: `Judge` / `Chief Justice`*.

use std::collections::{BTreeMap, BTreeSet};

use super::group_pairs;
use crate::engine::Context;
use crate::facts::titles::{compatible, title_key, TitleKey, TitleMention};
use crate::findings::{Finding, FindingBuilder, Kind};
use crate::rules::{ReferenceFact, Rule};
use crate::text::fold;

struct Item<'a> {
    doc: usize,
    m: &'a TitleMention,
    key: TitleKey,
}

/// The key a person's name is grouped under: folded tokens, honorifics dropped.
pub fn person_key(name: &str) -> String {
    fold(name)
        .split(|c: char| c.is_whitespace() || c == '.')
        .filter(|t| !t.is_empty() && !matches!(*t, "mr" | "mrs" | "ms" | "dr" | "prof" | "sir"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Maps each person key to the key of the person it names: a surname alone joins the only full
/// name in the set that ends with it.
fn resolve_people(keys: &BTreeSet<String>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for k in keys {
        let target = if !k.contains(' ') {
            let full: Vec<&String> =
                keys.iter().filter(|f| f.contains(' ') && f.rsplit(' ').next() == Some(k.as_str())).collect();
            if full.len() == 1 {
                full[0].clone()
            } else {
                k.clone()
            }
        } else {
            k.clone()
        };
        out.insert(k.clone(), target);
    }
    out
}

pub fn check(cx: &Context, rule: &Rule, facts: &[ReferenceFact]) -> Vec<Finding> {
    let synonyms = &rule.settings.synonyms;
    let mut items: Vec<Item> = Vec::new();
    for (doc, f) in cx.facts.iter().enumerate() {
        for m in &f.titles {
            items.push(Item { doc, m, key: title_key(&m.title_text, synonyms) });
        }
    }
    let keys: BTreeSet<String> = items.iter().map(|i| person_key(&i.m.person_text)).collect();
    let people = resolve_people(&keys);
    let mut by_person: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, it) in items.iter().enumerate() {
        let k = &people[&person_key(&it.m.person_text)];
        by_person.entry(k.as_str()).or_default().push(i);
    }

    let mut findings = Vec::new();
    for idx in by_person.values() {
        let mut pairs = BTreeSet::new();
        for (n, &i) in idx.iter().enumerate() {
            for &j in &idx[n + 1..] {
                if !compatible(&items[i].key, &items[j].key) {
                    pairs.insert((i, j));
                }
            }
        }
        for group in group_pairs(&pairs) {
            // Name the person by the longest form used.
            let person =
                group.iter().map(|&i| items[i].m.person_text.as_str()).max_by_key(|p| (p.len(), *p)).unwrap_or("");
            let mut titles: Vec<String> = group.iter().map(|&i| items[i].m.title_text.clone()).collect();
            titles.sort();
            titles.dedup();
            let quoted: Vec<String> = titles.iter().map(|t| format!("`{t}`")).collect();
            let message = match &rule.message {
                Some(m) => m.replace("{subject}", person).replace("{values}", &titles.join(" / ")),
                None => format!("`{person}` is given different titles: {}", quoted.join(" / ")),
            };
            let mut b = FindingBuilder::new(rule, Kind::Title, person, message);
            for &i in &group {
                let it = &items[i];
                b = b.evidence(&cx.docs[it.doc], it.m.title.clone(), it.key.display(), Some("title"));
                b = b.evidence(&cx.docs[it.doc], it.m.person.clone(), person_key(&it.m.person_text), Some("person"));
            }
            findings.push(b.build());
        }
    }

    // Reference facts: a title a pack states as known, against every mention of that person.
    for fact in facts {
        let Some(title) = &fact.title else { continue };
        let want = title_key(title, synonyms);
        let subject = person_key(&fact.subject);
        let target = people.get(&subject).cloned().unwrap_or(subject.clone());
        for it in &items {
            let k = &people[&person_key(&it.m.person_text)];
            if (k == &target || person_key(&it.m.person_text) == subject) && !compatible(&it.key, &want) {
                let message = format!(
                    "`{}` is called `{}`, but the reference fact says `{}`",
                    fact.subject, it.m.title_text, title
                );
                let b = FindingBuilder::new(rule, Kind::Title, fact.subject.clone(), message)
                    .severity(fact.severity)
                    .canonical(title.clone())
                    .evidence(&cx.docs[it.doc], it.m.title.clone(), it.key.display(), Some("title"))
                    .evidence(&cx.docs[it.doc], it.m.person.clone(), person_key(&it.m.person_text), Some("person"));
                let mut f = b.build();
                f.rule = "reference-facts".to_string();
                findings.push(f);
            }
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_keys_fold_and_drop_honorifics() {
        assert_eq!(person_key("Dr. Maria  Kovalenko"), "maria kovalenko");
        assert_eq!(person_key("Zoë Ångström"), "zoe angstrom");
    }

    #[test]
    fn surname_joins_the_only_full_name() {
        let keys: BTreeSet<String> =
            ["dana serikova", "serikova", "kim", "vitaliy kim", "yuna kim"].iter().map(|s| s.to_string()).collect();
        let r = resolve_people(&keys);
        assert_eq!(r["serikova"], "dana serikova");
        assert_eq!(r["kim"], "kim", "ambiguous surnames stay alone");
    }
}
