//! Stage 4 of the pipeline: **findings**, the disagreements crosscheck reports.
//!
//! Comparisons build [`Finding`]s through [`FindingBuilder`], giving evidence as spans of a
//! document's analysis text; the builder maps them to the source, computes line and column, and
//! the finished list is put in a canonical order with stable ids, so output is byte-identical
//! whatever the thread count or argument order.
//!
//! Each finding also gets a [`fingerprint`](Finding::fingerprint): what disagrees, without where
//! or in which documents, so a baseline recognises it after unrelated edits and when a document
//! that agrees joins the set (see `docs/baseline.md`). [`Finding::sides`] groups its evidence by
//! the value each place gives, for reports that tally who says what.

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
    /// A hash of what disagrees (rule, subject, forms and documents), not of positions, so it
    /// survives edits elsewhere in the documents; unique within one run.
    pub id: String,
    /// What a baseline matches: the rule, the kind and the conflicting values, without subject
    /// wording, documents or positions (`docs/baseline.md`).
    pub fingerprint: String,
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
    /// How likely the finding is a real disagreement (0..1), when the engine estimates it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
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
                fingerprint: String::new(),
                rule: rule.id.clone(),
                kind,
                severity: rule.severity,
                message: message.into(),
                subject: subject.into(),
                canonical: None,
                score: None,
                confidence: None,
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

    /// How likely the finding is real, 0..1 (clamped; kept to three decimals).
    pub fn confidence(mut self, c: f64) -> Self {
        self.finding.confidence = Some((c.clamp(0.0, 1.0) * 1000.0).round() / 1000.0);
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
        // Values quoted from the text may span a line break (a title split over two lines):
        // a message is one line in every format.
        for s in [&mut f.message, &mut f.subject] {
            if s.contains(char::is_whitespace) {
                *s = collapse_ws(s);
            }
        }
        if let Some(c) = f.canonical.as_mut() {
            *c = collapse_ws(c);
        }
        f.evidence.sort_by(|a, b| {
            (a.document.as_str(), a.source_span.start, a.source_span.end, a.role.as_deref()).cmp(&(
                b.document.as_str(),
                b.source_span.start,
                b.source_span.end,
                b.role.as_deref(),
            ))
        });
        f.evidence.dedup_by(|a, b| a.document == b.document && a.source_span == b.source_span && a.role == b.role);
        f.severity = crate::score::severity(f.severity, f.confidence);
        f.id = id(f);
        f.fingerprint = fingerprint(f);
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
fn id(f: &Finding) -> String {
    let mut parts: Vec<String> =
        f.evidence.iter().map(|e| format!("{}\u{1f}{}\u{1f}{}", e.document, e.text, e.value)).collect();
    parts.sort();
    parts.dedup();
    let key = format!("{}\u{1e}{}\u{1e}{}\u{1e}{}", f.rule, f.kind.as_str(), f.subject, parts.join("\u{1e}"));
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(key.as_bytes()))
}

/// The baseline fingerprint: a hash of the rule, the kind and the set of sides (the distinct
/// values that conflict, see [`Finding::sides`]). Left out on purpose: positions (edits
/// elsewhere must not change it), documents (a document that agrees with one side adds no new
/// disagreement) and the subject, which comparisons word after one of the documents. For quotes a
/// side is the set of words that not every version shares, so the extent of a quoted window does
/// not matter, only the words that differ. Documented in `docs/baseline.md`.
fn fingerprint(f: &Finding) -> String {
    let sides = f.sides();
    let mut keys: Vec<String> = if f.kind == Kind::Quote && sides.len() > 1 {
        let words: Vec<std::collections::BTreeSet<String>> = sides.iter().map(|s| word_set(s.key)).collect();
        let common: std::collections::BTreeSet<String> =
            words.iter().skip(1).fold(words[0].clone(), |acc, w| acc.intersection(w).cloned().collect());
        words.iter().map(|w| w.difference(&common).cloned().collect::<Vec<_>>().join(" ")).collect()
    } else {
        sides.iter().map(|s| s.key.to_string()).collect()
    };
    keys.sort();
    keys.dedup();
    let role = f.side_role().unwrap_or("");
    let key = format!("fp1\u{1e}{}\u{1e}{}\u{1e}{role}\u{1e}{}", f.rule, f.kind.as_str(), keys.join("\u{1e}"));
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(key.as_bytes()))
}

/// The lowercase words of a text (letters and digits), for comparing versions of a quote.
fn word_set(s: &str) -> std::collections::BTreeSet<String> {
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// The roles that carry what a finding disagrees about, most specific first; evidence with any
/// other role (the person a title is given to, the quote two speakers share) is context.
const SIDE_ROLES: &[&str] = &["form", "value", "title", "sender", "speaker", "quote", "reference"];

/// One side of a disagreement: every place that gives the same value.
#[derive(Debug, Clone, PartialEq)]
pub struct Side<'a> {
    /// What the places have in common: the normalised value, or the surface form when every
    /// place has the same value (name spellings, a quote that differs only in case).
    pub key: &'a str,
    /// The value as its first place writes it.
    pub shown: &'a str,
    /// The places, in evidence order.
    pub places: Vec<&'a Evidence>,
    /// The documents of those places, each once, in evidence order.
    pub documents: Vec<&'a str>,
}

impl Finding {
    /// The role of the evidence that makes up the sides (`form`, `value`, `title`…).
    pub fn side_role(&self) -> Option<&str> {
        SIDE_ROLES
            .iter()
            .copied()
            .find(|r| self.evidence.iter().any(|e| e.role.as_deref() == Some(r)))
            .or_else(|| self.evidence.first().and_then(|e| e.role.as_deref()))
    }

    /// The evidence grouped by the value each place gives, the side held by most documents first
    /// (ties: the side seen first). Context evidence (see [`Finding::side_role`]) is left out.
    pub fn sides(&self) -> Vec<Side<'_>> {
        let role = self.side_role();
        let members: Vec<&Evidence> = self.evidence.iter().filter(|e| e.role.as_deref() == role).collect();
        let by_text = members.windows(2).all(|w| w[0].value == w[1].value);
        let mut sides: Vec<Side<'_>> = Vec::new();
        for e in members {
            let key = if by_text { e.text.as_str() } else { e.value.as_str() };
            match sides.iter_mut().find(|s| s.key == key) {
                Some(s) => {
                    s.places.push(e);
                    if !s.documents.contains(&e.document.as_str()) {
                        s.documents.push(&e.document);
                    }
                }
                None => sides.push(Side { key, shown: &e.text, places: vec![e], documents: vec![&e.document] }),
            }
        }
        // A stable sort keeps first-seen order among sides held by as many documents.
        sides.sort_by_key(|s| std::cmp::Reverse((s.documents.len(), s.places.len())));
        sides
    }

    /// The context evidence beside the sides (see [`Finding::side_role`]).
    pub fn context_evidence(&self) -> impl Iterator<Item = &Evidence> {
        let role = self.side_role().map(str::to_string);
        self.evidence.iter().filter(move |e| e.role != role)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(doc: &str, line: usize, text: &str, value: &str, role: &str) -> Evidence {
        Evidence {
            document: doc.into(),
            line,
            column: 1,
            end_line: line,
            end_column: 1 + text.chars().count(),
            text: text.into(),
            value: value.into(),
            context: text.into(),
            role: Some(role.into()),
            source_span: 0..text.len(),
            doc: 0,
        }
    }

    fn finding(kind: Kind, evidence: Vec<Evidence>) -> Finding {
        let mut f = Finding {
            id: String::new(),
            fingerprint: String::new(),
            rule: "r".into(),
            kind,
            severity: Severity::Warning,
            message: "m".into(),
            subject: "s".into(),
            canonical: None,
            score: None,
            confidence: None,
            evidence,
            diff: None,
        };
        f.fingerprint = fingerprint(&f);
        f
    }

    #[test]
    fn sides_tally_documents_per_value_and_skip_context() {
        let f = finding(
            Kind::Title,
            vec![
                ev("a.txt", 1, "Judge", "judge", "title"),
                ev("a.txt", 1, "Maria Roe", "maria roe", "person"),
                ev("b.txt", 2, "Chief Prosecutor", "prosecutor", "title"),
                ev("c.txt", 3, "judge", "judge", "title"),
            ],
        );
        let sides = f.sides();
        assert_eq!(sides.len(), 2);
        assert_eq!((sides[0].key, sides[0].documents.clone()), ("judge", vec!["a.txt", "c.txt"]));
        assert_eq!((sides[1].shown, sides[1].documents.len()), ("Chief Prosecutor", 1));
        assert_eq!(f.context_evidence().count(), 1);
    }

    #[test]
    fn equal_values_are_told_apart_by_their_writing() {
        let f = finding(
            Kind::Spelling,
            vec![ev("a.txt", 1, "Ovan-Tek", "aikmek", "form"), ev("b.txt", 1, "Hovan-Tek", "aikmek", "form")],
        );
        let keys: Vec<&str> = f.sides().iter().map(|s| s.key).collect();
        assert_eq!(keys, ["Ovan-Tek", "Hovan-Tek"]);
    }

    #[test]
    fn fingerprint_ignores_positions_documents_and_agreeing_places() {
        let two = finding(
            Kind::Date,
            vec![ev("a.txt", 3, "1 May", "2020-05-01", "value"), ev("b.txt", 9, "2 May", "2020-05-02", "value")],
        );
        let moved_and_joined = finding(
            Kind::Date,
            vec![
                ev("a.txt", 30, "1 May", "2020-05-01", "value"),
                ev("b.txt", 1, "May 2", "2020-05-02", "value"),
                ev("new.txt", 4, "May 1", "2020-05-01", "value"),
            ],
        );
        assert_eq!(two.fingerprint, moved_and_joined.fingerprint);
        let third_value = finding(
            Kind::Date,
            vec![
                ev("a.txt", 3, "1 May", "2020-05-01", "value"),
                ev("b.txt", 9, "2 May", "2020-05-02", "value"),
                ev("c.txt", 9, "3 May", "2020-05-03", "value"),
            ],
        );
        assert_ne!(two.fingerprint, third_value.fingerprint);
    }

    #[test]
    fn quote_fingerprint_keeps_only_the_words_that_differ() {
        let a = finding(
            Kind::Quote,
            vec![
                ev("a.txt", 1, "we will rebuild the old bridge", "we will rebuild the old bridge", "quote"),
                ev("b.txt", 1, "we will repair the old bridge", "we will repair the old bridge", "quote"),
            ],
        );
        // A longer window of the same two versions is the same disagreement.
        let b = finding(
            Kind::Quote,
            vec![
                ev("a.txt", 1, "we will rebuild the old bridge soon", "we will rebuild the old bridge soon", "quote"),
                ev("b.txt", 1, "we will repair the old bridge soon", "we will repair the old bridge soon", "quote"),
            ],
        );
        assert_eq!(a.fingerprint, b.fingerprint);
    }
}
