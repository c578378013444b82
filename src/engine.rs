//! Wires the pipeline together: documents → facts → comparisons → findings.
//!
//! The engine never prints. It takes documents that are already read and the rules in force, and
//! returns findings in canonical order. Fact extraction runs per document in parallel; every
//! comparison sees the whole set.

use std::ops::Range;

use rayon::prelude::*;

use crate::compare;
use crate::document::Document;
use crate::facts::DocFacts;
use crate::findings::{finalize, Finding};
use crate::rules::{DateOrder, RuleKind, RuleSet};

/// Engine-wide settings (rules carry their own).
#[derive(Debug, Clone, Default)]
pub struct EngineOptions {
    /// How ambiguous numeric dates are read when no rule says; `None` infers it.
    pub date_order: Option<DateOrder>,
    /// Passage alignment thresholds (from the attribution rule, else defaults).
    pub align: crate::align::AlignSettings,
    /// Names declared equivalent by any rule: accepted variants for every names rule.
    pub equivalent_names: Vec<crate::rules::DeclaredName>,
}

/// Everything comparisons may look at: the documents, their sentences and their facts.
pub struct Context<'a> {
    pub docs: &'a [Document],
    pub sentences: Vec<Vec<Range<usize>>>,
    pub facts: Vec<DocFacts>,
    pub options: &'a EngineOptions,
    alignment: std::sync::OnceLock<compare::aligned::Alignment>,
}

impl<'a> Context<'a> {
    pub fn new(docs: &'a [Document], options: &'a EngineOptions) -> Self {
        let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
        let sentences: Vec<Vec<Range<usize>>> = texts.par_iter().map(|t| crate::text::sentences(t)).collect();
        let facts = crate::facts::extract(&texts, &sentences, options);
        Context { docs, sentences, facts, options, alignment: std::sync::OnceLock::new() }
    }

    pub fn texts(&self) -> Vec<&str> {
        self.docs.iter().map(|d| d.text.as_str()).collect()
    }

    /// The aligned passage pairs of the set, computed once for every comparison that needs them.
    pub fn alignment(&self) -> &compare::aligned::Alignment {
        self.alignment.get_or_init(|| compare::aligned::align_set(self))
    }
}

/// Runs every rule over the documents and returns the findings in canonical order.
pub fn check(docs: &[Document], rules: &RuleSet, options: &EngineOptions) -> Vec<Finding> {
    let mut options = options.clone();
    if let Some(r) = rules.of_kind(RuleKind::Attribution).next() {
        let s = &r.settings;
        if let Some(v) = s.min_score {
            options.align.min_score = v;
        }
        if let Some(v) = s.min_shared {
            options.align.min_shared = v;
        }
        if let Some(v) = s.same_document {
            options.align.same_document = v;
        }
    }
    options.equivalent_names = rules
        .of_kind(RuleKind::Names)
        .flat_map(|r| r.settings.names.iter().filter(|n| n.equivalent).cloned())
        .collect();
    let cx = Context::new(docs, &options);
    let mut findings: Vec<Finding> = rules
        .rules
        .par_iter()
        .flat_map_iter(|rule| match rule.kind {
            RuleKind::Names => compare::names::check(&cx, rule),
            RuleKind::Dates | RuleKind::Numbers => compare::values::check(&cx, rule),
            RuleKind::Titles => compare::titles::check(&cx, rule, &rules.facts),
            RuleKind::Fact => compare::fact::check(&cx, rule),
            RuleKind::Quotes => compare::quotes::check(&cx, rule),
            RuleKind::Attribution => compare::attribution::check(&cx, rule),
        })
        .collect();
    findings.extend(compare::fact::check_reference_facts(&cx, rules));
    finalize(findings)
}
