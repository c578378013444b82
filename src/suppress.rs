//! Between findings and reports: which findings are held back, and why.
//!
//! Three things hold a finding back: a `crosscheck-ignore` comment in a document (read by the
//! readers, see [`crate::document::directives`]), an `[[ignore]]` entry of `crosscheck.toml`
//! ([`crate::config::Suppression`]) and a baseline ([`crate::baseline`]). A held-back finding is
//! never dropped: it is kept as [`Suppressed`] with its [`Reason`], every report counts it, and
//! JSON and SARIF list it.
//!
//! A comment or an entry sets *places* aside (the places in a covered paragraph, in matching
//! documents, or giving a matching value). The finding is suppressed when the places left no
//! longer disagree: `Kiev` in a covered paragraph against `Kyiv` elsewhere is suppressed, but a
//! third spelling elsewhere still disagrees with `Kyiv`, so that finding is reported.

use serde::Serialize;

use crate::config::Suppression;
use crate::document::Document;
use crate::error::InputError;
use crate::findings::Finding;

/// Why a finding is not reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "by", rename_all = "kebab-case")]
pub enum Reason {
    /// A `crosscheck-ignore` comment, at `place` (`doc.md:12`).
    Comment {
        place: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// An `[[ignore]]` entry of the config, at `place` (`crosscheck.toml:20:1`).
    Config {
        place: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// The finding is recorded in a baseline file.
    Baseline { file: String },
}

impl Reason {
    /// A short description: `crosscheck-ignore at a.md:3`, `baseline b.json`.
    pub fn describe(&self) -> String {
        let with = |what: String, reason: &Option<String>| match reason {
            Some(r) => format!("{what} ({r})"),
            None => what,
        };
        match self {
            Reason::Comment { place, reason } => with(format!("crosscheck-ignore at {place}"), reason),
            Reason::Config { place, reason } => with(format!("[[ignore]] at {place}"), reason),
            Reason::Baseline { file } => format!("baseline {file}"),
        }
    }

    /// Written in the documents themselves (SARIF `inSource`), rather than beside them.
    pub fn in_source(&self) -> bool {
        matches!(self, Reason::Comment { .. })
    }

    /// The name the summary counts it under.
    pub fn label(&self) -> &'static str {
        match self {
            Reason::Comment { .. } => "by comments",
            Reason::Config { .. } => "by config",
            Reason::Baseline { .. } => "in the baseline",
        }
    }
}

/// A finding held back, with the reason.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suppressed {
    #[serde(flatten)]
    pub finding: Finding,
    pub suppressed_by: Reason,
}

/// Applies the documents' `crosscheck-ignore` comments, then the config's `[[ignore]]` entries.
/// Returns the findings still reported and the ones held back, each list in canonical order.
pub fn apply(findings: Vec<Finding>, docs: &[Document], entries: &[Suppression]) -> (Vec<Finding>, Vec<Suppressed>) {
    let globs: Vec<Option<globset::GlobSet>> = entries.iter().map(|e| document_globs(&e.documents)).collect();
    let mut kept = Vec::new();
    let mut held = Vec::new();
    for f in findings {
        match comment_reason(&f, docs).or_else(|| config_reason(&f, entries, &globs)) {
            Some(reason) => held.push(Suppressed { finding: f, suppressed_by: reason }),
            None => kept.push(f),
        }
    }
    (kept, held)
}

/// Whether the places not set aside still disagree: two sides keep a place each. A finding with
/// one side (a contradicted reference fact) stops disagreeing as soon as a place is set aside.
fn still_disagrees(f: &Finding, aside: &[bool]) -> bool {
    let sides = f.sides();
    if sides.len() < 2 {
        return false;
    }
    let index = |e: &crate::findings::Evidence| f.evidence.iter().position(|x| std::ptr::eq(x, e));
    let left = sides.iter().filter(|s| s.places.iter().any(|p| index(p).is_some_and(|i| !aside[i]))).count();
    left >= 2
}

fn comment_reason(f: &Finding, docs: &[Document]) -> Option<Reason> {
    let mut aside = vec![false; f.evidence.len()];
    let mut first: Option<(&Document, &crate::document::directives::Directive)> = None;
    for (i, e) in f.evidence.iter().enumerate() {
        let Some(doc) = docs.get(e.doc).filter(|d| d.path == e.document) else { continue };
        let hit = doc.directives.iter().find(|d| {
            (d.rules.is_empty() || d.rules.iter().any(|r| r == &f.rule))
                && match &d.covers {
                    None => true,
                    Some(r) => {
                        let covered = doc.source_span(r.clone());
                        !covered.is_empty() && covered.start <= e.source_span.start && e.source_span.start < covered.end
                    }
                }
        });
        if let Some(d) = hit {
            aside[i] = true;
            first.get_or_insert((doc, d));
        }
    }
    let (doc, d) = first?;
    if still_disagrees(f, &aside) {
        return None;
    }
    let line = doc.line_col(d.at).line;
    Some(Reason::Comment { place: format!("{}:{line}", doc.path), reason: d.reason.clone() })
}

fn config_reason(f: &Finding, entries: &[Suppression], globs: &[Option<globset::GlobSet>]) -> Option<Reason> {
    for (entry, glob) in entries.iter().zip(globs) {
        if entry.rule.as_ref().is_some_and(|r| r != &f.rule) {
            continue;
        }
        let aside: Vec<bool> = f
            .evidence
            .iter()
            .map(|e| {
                glob.as_ref().is_none_or(|g| g.is_match(&e.document))
                    && entry.value.as_ref().is_none_or(|v| same_value(v, &e.text) || same_value(v, &e.value))
            })
            .collect();
        if aside.iter().any(|&a| a) && !still_disagrees(f, &aside) {
            return Some(Reason::Config { place: entry.place.clone(), reason: entry.reason.clone() });
        }
    }
    None
}

fn same_value(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    norm(a) == norm(b)
}

/// The documents an entry names; a glob without `/` matches a file name in any folder.
fn document_globs(globs: &[String]) -> Option<globset::GlobSet> {
    if globs.is_empty() {
        return None;
    }
    let mut b = globset::GlobSetBuilder::new();
    for g in globs {
        let g = g.trim_start_matches("./");
        // Validated when the config was read.
        if let Ok(glob) = globset::Glob::new(g) {
            b.add(glob);
        }
        if !g.contains('/') {
            if let Ok(glob) = globset::Glob::new(&format!("**/{g}")) {
                b.add(glob);
            }
        }
    }
    b.build().ok()
}

/// Warnings for `crosscheck-ignore` comments that name a rule not in `known`: a typo there
/// would silently suppress nothing.
pub fn check_directives(docs: &[Document], known: &[&str]) -> Vec<InputError> {
    let mut out = Vec::new();
    for doc in docs {
        for d in &doc.directives {
            for r in d.rules.iter().filter(|r| !known.contains(&r.as_str())) {
                let at = doc.line_col(d.at);
                out.push(
                    InputError::at(
                        &doc.path,
                        at.line,
                        at.column,
                        format!("crosscheck-ignore names an unknown rule `{r}`"),
                    )
                    .as_warning(),
                );
            }
        }
    }
    out
}
