//! Stage 4 of the pipeline: **findings**, the disagreements crosscheck reports.
//!
//! Comparisons build [`Finding`]s through [`FindingBuilder`], giving evidence as spans of a
//! document's analysis text; the builder maps them to the source, computes line and column, and
//! the finished list is put in a canonical order with stable ids, so output is byte-identical
//! whatever the thread count or argument order.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::document::Document;

/// How serious a finding is; `--fail-on` compares against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// What kind of disagreement a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// One name spelled in different ways.
    Spelling,
    /// One event dated differently.
    Date,
    /// One count or amount given differently.
    Number,
    /// One person given different office titles.
    Title,
    /// A declared fact (a `fact` rule or a reference fact) stated differently.
    Fact,
    /// One statement quoted in different words.
    Quote,
    /// One statement credited to different agents.
    Attribution,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Spelling => "spelling",
            Kind::Date => "date",
            Kind::Number => "number",
            Kind::Title => "title",
            Kind::Fact => "fact",
            Kind::Quote => "quote",
            Kind::Attribution => "attribution",
        }
    }
}

/// One place in one document that supports a finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub document: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// The surface form as written.
    pub text: String,
    /// Its normalised value (the folded name, `2002-11-02`, `3400 kg`…).
    pub value: String,
    /// The source line around it.
    pub context: String,
    /// The part this evidence plays (`form`, `sender`, `quote`, `reference`…).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Byte span in the document's source (for renderers; not part of the JSON contract).
    #[serde(skip)]
    pub source_span: Range<usize>,
    #[serde(skip)]
    pub doc: usize,
}

/// One segment of a word diff between two passages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffSegment {
    /// `equal`, `delete` (only in the first passage) or `insert` (only in the second).
    pub tag: String,
    pub text: String,
}

/// A disagreement between (or inside) documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// A fingerprint of what disagrees (rule, subject, forms and documents), not of positions,
    /// so it survives edits elsewhere in the documents.
    pub id: String,
    pub rule: String,
    pub kind: Kind,
    pub severity: Severity,
    pub message: String,
    /// What the disagreeing values were taken to be about.
    pub subject: String,
    /// The form or value the rule proposes, when it proposes one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
    /// How sure the comparison is (alignment or similarity score), when it has a score.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    pub evidence: Vec<Evidence>,
    /// A word diff of the two passages, for quote and attribution findings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<Vec<DiffSegment>>,
}

/// Collects the parts of one finding.
pub struct FindingBuilder {
    finding: Finding,
}

impl FindingBuilder {
    pub fn new(rule: &crate::rules::Rule, kind: Kind, subject: impl Into<String>, message: impl Into<String>) -> Self {
        FindingBuilder {
            finding: Finding {
                id: String::new(),
                rule: rule.id.clone(),
                kind,
                severity: rule.severity,
                message: message.into(),
                subject: subject.into(),
                canonical: None,
                score: None,
                evidence: Vec::new(),
                diff: None,
            },
        }
    }

    /// Adds evidence: `span` is a range of `doc.text`.
    pub fn evidence(
        mut self,
        doc: &Document,
        span: Range<usize>,
        value: impl Into<String>,
        role: Option<&str>,
    ) -> Self {
        self.finding.evidence.push(evidence(doc, span, value.into(), role));
        self
    }

    pub fn canonical(mut self, c: impl Into<String>) -> Self {
        self.finding.canonical = Some(c.into());
        self
    }

    pub fn score(mut self, s: f64) -> Self {
        self.finding.score = Some((s * 1000.0).round() / 1000.0);
        self
    }

    pub fn severity(mut self, s: Severity) -> Self {
        self.finding.severity = s;
        self
    }

    pub fn diff(mut self, d: Vec<DiffSegment>) -> Self {
        self.finding.diff = Some(d);
        self
    }

    pub fn build(self) -> Finding {
        self.finding
    }
}

/// Evidence for `span` of `doc.text`, located in the source.
pub fn evidence(doc: &Document, span: Range<usize>, value: String, role: Option<&str>) -> Evidence {
    let src = doc.source_span(span);
    let start = doc.line_col(src.start);
    let end = doc.line_col(src.end);
    Evidence {
        document: doc.path.clone(),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        text: collapse_ws(&doc.source[src.clone()]),
        value,
        context: doc.context(src.clone()),
        role: role.map(str::to_string),
        source_span: src,
        doc: doc.id,
    }
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Puts findings in canonical order, sorts and dedups their evidence, and gives each its id.
pub fn finalize(mut findings: Vec<Finding>) -> Vec<Finding> {
    for f in &mut findings {
        f.evidence.sort_by(|a, b| {
            (a.document.as_str(), a.source_span.start, a.source_span.end, a.role.as_deref()).cmp(&(
                b.document.as_str(),
                b.source_span.start,
                b.source_span.end,
                b.role.as_deref(),
            ))
        });
        f.evidence.dedup_by(|a, b| a.document == b.document && a.source_span == b.source_span && a.role == b.role);
        f.id = fingerprint(f);
    }
    findings.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
    findings.dedup_by(|a, b| a.id == b.id);
    findings
}

fn sort_key(f: &Finding) -> (String, usize, usize, &str, &str, &str) {
    let first = f.evidence.first();
    (
        first.map(|e| e.document.clone()).unwrap_or_default(),
        first.map_or(0, |e| e.line),
        first.map_or(0, |e| e.column),
        f.rule.as_str(),
        f.subject.as_str(),
        f.id.as_str(),
    )
}

/// A stable id: what disagrees and where (by document), never line numbers.
fn fingerprint(f: &Finding) -> String {
    let mut parts: Vec<String> =
        f.evidence.iter().map(|e| format!("{}\u{1f}{}\u{1f}{}", e.document, e.text, e.value)).collect();
    parts.sort();
    parts.dedup();
    let key = format!("{}\u{1e}{}\u{1e}{}\u{1e}{}", f.rule, f.kind.as_str(), f.subject, parts.join("\u{1e}"));
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(key.as_bytes()))
}
