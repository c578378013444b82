//! Declared facts: `fact` rules (a pattern that locates one value in every document) and
//! reference facts with a `date` or `value` (a value a pack states as known).
//!
//! Every match of a `fact` rule's pattern is read with the recogniser of its `value_type`, so
//! `2,500` and `2500` agree; matches whose values disagree make one finding. A reference fact is
//! checked in every sentence that names its subject.
//!
//! ```toml
//! [[rule]]
//! id = "launch-count"
//! kind = "fact"
//! subject = "satellites launched"
//! pattern = "launched {number} satellites"
//! value_type = "number"
//! ```

use std::collections::BTreeMap;
use std::ops::Range;

use crate::compare::titles::person_key;
use crate::engine::Context;
use crate::facts::{dates, numbers, titles};
use crate::findings::{Finding, FindingBuilder, Kind};
use crate::rules::{Rule, RuleSet, ValueType};
use crate::text::fold;

/// One match of a fact rule: where, what was written, and its comparable value.
struct Match {
    doc: usize,
    span: Range<usize>,
    value: Value,
}

enum Value {
    Date(dates::DateMention),
    Number(numbers::Quantity),
    Title(titles::TitleKey),
    Text(String),
}

impl Value {
    fn display(&self) -> String {
        match self {
            Value::Date(d) => crate::compare::values::date_value(d),
            Value::Number(n) => n.display(),
            Value::Title(t) => t.display(),
            Value::Text(t) => t.clone(),
        }
    }

    fn agrees(&self, other: &Value, tolerance: f64) -> bool {
        match (self, other) {
            (Value::Date(a), Value::Date(b)) => !dates::conflict(a, b),
            (Value::Number(a), Value::Number(b)) => numbers::compatible(a, b, tolerance),
            (Value::Title(a), Value::Title(b)) => titles::compatible(a, b),
            (Value::Text(a), Value::Text(b)) => a == b,
            _ => false,
        }
    }
}

/// Reads the value a pattern located. The capture says where the value starts; the recogniser
/// reads it from there, so `{number}` matching `3,400` in `3,400 kilograms` still gives
/// `3400 kg`. `None` when no value of the rule's type starts there.
fn read_value(
    text: &str,
    span: Range<usize>,
    vt: ValueType,
    rule: &Rule,
    cx: &Context,
) -> Option<(Range<usize>, Value)> {
    const LOOKAHEAD: usize = 60;
    let end = crate::span::floor(text, span.end.max(span.start + LOOKAHEAD).min(text.len()));
    let part = &text[span.start..end];
    let shift = |r: Range<usize>| span.start + r.start..span.start + r.end;
    // The recognised value must begin where the capture begins (give or take a qualifier).
    let near = |r: &Range<usize>| r.start <= 1 || r.start < span.len().min(12) && r.start < r.end;
    match vt {
        ValueType::Date => {
            let order = rule.settings.date_order.or(cx.options.date_order).map(crate::facts::date_order);
            dates::find_dates(part, order)
                .into_iter()
                .find(|d| near(&d.span))
                .map(|d| (shift(d.span.clone()), Value::Date(d)))
        }
        ValueType::Number => numbers::find_numbers(part, &[])
            .into_iter()
            .find(|n| near(&n.span))
            .map(|n| (shift(n.span.clone()), Value::Number(n))),
        ValueType::Title => Some((span.clone(), Value::Title(titles::title_key(&text[span], &[])))),
        ValueType::Name => Some((span.clone(), Value::Text(crate::correspond::keys::name_key(&text[span])))),
        ValueType::Text => Some((span.clone(), Value::Text(fold(&text[span])))),
    }
}

pub fn check(cx: &Context, rule: &Rule) -> Vec<Finding> {
    let (Some(re), Some(subject)) = (&rule.settings.pattern, &rule.settings.subject) else { return Vec::new() };
    let vt = rule.settings.value_type.unwrap_or(ValueType::Text);
    let tolerance = rule.settings.tolerance.unwrap_or(0.0);
    let mut matches = Vec::new();
    for (doc, d) in cx.docs.iter().enumerate() {
        for caps in re.captures_iter(&d.text) {
            let Some(m) = caps.name("value") else { continue };
            if let Some((span, value)) = read_value(&d.text, m.range(), vt, rule, cx) {
                matches.push(Match { doc, span, value });
            }
        }
    }
    // Group matches into classes of agreeing values; more than one class is a disagreement.
    let mut classes: Vec<Vec<usize>> = Vec::new();
    for (i, m) in matches.iter().enumerate() {
        match classes.iter_mut().find(|c| matches[c[0]].value.agrees(&m.value, tolerance)) {
            Some(c) => c.push(i),
            None => classes.push(vec![i]),
        }
    }
    if classes.len() < 2 {
        return Vec::new();
    }
    let values: Vec<String> = classes.iter().map(|c| matches[c[0]].value.display()).collect();
    let message = match &rule.message {
        Some(m) => m.replace("{subject}", subject).replace("{values}", &values.join(" / ")),
        None => format!("{subject} stated differently: {}", values.join(" / ")),
    };
    let mut b = FindingBuilder::new(rule, Kind::Fact, subject.clone(), message);
    for m in &matches {
        b = b.evidence(&cx.docs[m.doc], m.span.clone(), m.value.display(), Some("value"));
    }
    vec![b.build()]
}

/// Reference facts with a `date` or `value`: every sentence naming the subject must agree.
/// (Reference titles are checked with the titles comparison.)
pub fn check_reference_facts(cx: &Context, rules: &RuleSet) -> Vec<Finding> {
    let mut findings = Vec::new();
    let pseudo = Rule {
        id: "reference-facts".into(),
        kind: crate::rules::RuleKind::Fact,
        severity: crate::findings::Severity::Warning,
        message: None,
        description: None,
        pack: String::new(),
        settings: Default::default(),
    };
    for fact in &rules.facts {
        let want_date = fact.date.as_ref().and_then(|d| {
            let order = cx.options.date_order.map(crate::facts::date_order);
            dates::find_dates(d, order).into_iter().next()
        });
        let want_num = fact.value.as_ref().and_then(|v| numbers::find_numbers(v, &[]).into_iter().next());
        if want_date.is_none() && want_num.is_none() {
            continue;
        }
        let needle = fold(&fact.subject);
        let mut hits: BTreeMap<(usize, usize), (Range<usize>, String)> = BTreeMap::new();
        for (doc, sents) in cx.sentences.iter().enumerate() {
            let text = &cx.docs[doc].text;
            for s in sents {
                if !fold(&text[s.clone()]).contains(&needle)
                    && person_key(&text[s.clone()]) != person_key(&fact.subject)
                {
                    continue;
                }
                if let Some(want) = &want_date {
                    for d in cx.facts[doc].dates.iter().filter(|d| s.start <= d.span.start && d.span.end <= s.end) {
                        if dates::conflict(d, want) {
                            hits.insert((doc, d.span.start), (d.span.clone(), crate::compare::values::date_value(d)));
                        }
                    }
                }
                if let Some(want) = &want_num {
                    for n in cx.facts[doc].numbers.iter().filter(|n| s.start <= n.span.start && n.span.end <= s.end) {
                        if n.kind == want.kind && n.unit == want.unit && !numbers::compatible(n, want, 0.0) {
                            hits.insert((doc, n.span.start), (n.span.clone(), n.display()));
                        }
                    }
                }
            }
        }
        for ((doc, _), (span, value)) in hits {
            let stated = fact.date.as_deref().or(fact.value.as_deref()).unwrap_or("");
            let message = format!(
                "{}: `{}` contradicts the reference fact `{stated}`",
                fact.subject,
                &cx.docs[doc].text[span.clone()]
            );
            findings.push(
                FindingBuilder::new(&pseudo, Kind::Fact, fact.subject.clone(), message)
                    .severity(fact.severity)
                    .canonical(stated)
                    .evidence(&cx.docs[doc], span, value, Some("value"))
                    .build(),
            );
        }
    }
    findings
}
