//! `--format html`: one self-contained page for editors (`-o report.html`, then open it).
//!
//! A summary (documents, findings by kind and severity, what was suppressed or could not be
//! read), then each finding as a card: the message, the tally of who says what, the places side
//! by side (one column per value) with the sentence around each and the differing words marked,
//! the suggested form and the wording diff. Filters by kind, severity and document, and a view per
//! document of the findings that touch it. The page loads nothing (its Content-Security-Policy
//! forbids it): styles and the small filter script are inline, and it prints cleanly.
//!
//! The page is an askama template (`templates/report.html`), checked at compile time; askama
//! escapes every value, so document text can never become markup. Filters can be set from the
//! address: `report.html#kind=date&severity=warning&doc=2` (documents by their number in the
//! list) shows only the findings that match, which is also how the browser test checks them.

use std::io::{self, Write};

use askama::Template;

use super::{excerpt, Mark, Outcome, Reporter};
use crate::findings::{DiffSegment, Finding, Kind, Severity};

pub struct HtmlReporter;

/// Places shown in one column before the rest are listed by name only.
const MAX_PLACES: usize = 6;

/// Findings listed under a document in the documents view; in a large set most findings touch
/// most documents, and the document filter lists them all as cards anyway.
const MAX_LINKS: usize = 10;

/// A run of text and the class it is shown with (`""`, `code`, `place`, `changed`, `del`, `ins`).
struct Run {
    class: &'static str,
    text: String,
}

struct Place {
    document: String,
    line: usize,
    column: usize,
    role: String,
    runs: Vec<Run>,
}

struct Column {
    heading: Vec<Run>,
    minority: bool,
    places: Vec<Place>,
    /// Places not drawn: `doc:line` each.
    more: Vec<String>,
}

struct Diff {
    label: String,
    runs: Vec<Run>,
}

struct Card {
    anchor: String,
    rule: String,
    kind: &'static str,
    severity: &'static str,
    /// Document numbers (`d0 d3`), for the document filter.
    docs: String,
    message: Vec<Run>,
    tally: Vec<Run>,
    confidence: Option<String>,
    score: Option<String>,
    columns: Vec<Column>,
    canonical: Option<String>,
    diffs: Vec<Diff>,
}

struct DocRow {
    number: usize,
    path: String,
    title: String,
    date: String,
    /// How many findings touch the document.
    touching: usize,
    /// The first of them ([`MAX_LINKS`]); the document filter shows them all.
    findings: Vec<Link>,
}

struct Link {
    anchor: String,
    severity: &'static str,
    message: String,
}

struct Count {
    name: &'static str,
    count: usize,
}

struct Held {
    message: String,
    reason: String,
}

#[derive(Template)]
#[template(path = "report.html")]
struct Page {
    summary: String,
    version: &'static str,
    severities: Vec<Count>,
    kinds: Vec<Count>,
    documents: Vec<DocRow>,
    cards: Vec<Card>,
    suppressed: Vec<Held>,
    errors: Vec<String>,
}

/// Text with `code` parts (as messages and tallies write them) split into runs.
fn code_runs(s: &str) -> Vec<Run> {
    s.split('`')
        .enumerate()
        .filter(|(_, p)| !p.is_empty())
        .map(|(i, p)| Run { class: if i % 2 == 1 { "code" } else { "" }, text: p.to_string() })
        .collect()
}

fn diff_runs(d: &[DiffSegment]) -> Vec<Run> {
    let mut runs = Vec::new();
    for (i, s) in d.iter().filter(|s| !s.text.trim().is_empty()).enumerate() {
        if i > 0 {
            runs.push(Run { class: "", text: " ".into() });
        }
        let class = match s.tag.as_str() {
            "delete" => "del",
            "insert" => "ins",
            _ => "",
        };
        runs.push(Run { class, text: s.text.trim().to_string() });
    }
    runs
}

fn card(outcome: &Outcome<'_>, f: &Finding) -> Card {
    let sides = f.sides();
    let fewest = sides.iter().map(|s| s.documents.len()).min().unwrap_or(0);
    let most = sides.iter().map(|s| s.documents.len()).max().unwrap_or(0);
    let columns: Vec<Column> = sides
        .iter()
        .enumerate()
        .map(|(i, s)| {
            // A quote's place marks the words the other version does not have.
            let other = (f.kind == Kind::Quote && sides.len() > 1).then(|| sides[if i == 0 { 1 } else { 0 }].shown);
            let places: Vec<Place> = s
                .places
                .iter()
                .take(MAX_PLACES)
                .map(|e| {
                    let runs = match outcome.document(e) {
                        Some(doc) => excerpt(doc, e, other, 160)
                            .into_iter()
                            .map(|(m, text)| Run {
                                class: match m {
                                    Mark::Plain => "",
                                    Mark::Place => "place",
                                    Mark::Changed => "changed",
                                },
                                text,
                            })
                            .collect(),
                        None => vec![Run { class: "", text: e.context.clone() }],
                    };
                    Place {
                        document: e.document.clone(),
                        line: e.line,
                        column: e.column,
                        role: e.role.clone().unwrap_or_default(),
                        runs,
                    }
                })
                .collect();
            let more = s.places.iter().skip(MAX_PLACES).map(|e| format!("{}:{}", e.document, e.line)).collect();
            let n = s.documents.len();
            let label = super::side_label(f, &sides, i);
            Column {
                heading: code_runs(&format!("{label} — {n} document{}", super::plural(n))),
                minority: sides.len() > 1 && n == fewest && fewest < most,
                places,
                more,
            }
        })
        .collect();
    let mut docs: Vec<usize> = f.evidence.iter().map(|e| e.doc).collect();
    docs.sort();
    docs.dedup();
    let versions = super::versions(f);
    let diffs = if versions.is_empty() {
        f.diff.iter().map(|d| Diff { label: "Wording".into(), runs: diff_runs(d) }).collect()
    } else {
        versions
            .iter()
            .map(|v| Diff { label: format!("Wording in {}", v.side.documents.join(", ")), runs: diff_runs(&v.diff) })
            .collect()
    };
    Card {
        anchor: format!("f-{}", f.id),
        rule: f.rule.clone(),
        kind: f.kind.as_str(),
        severity: f.severity.as_str(),
        docs: docs.iter().map(|d| format!("d{d}")).collect::<Vec<_>>().join(" "),
        message: code_runs(&f.message),
        tally: super::tally(f).map(|t| code_runs(&t)).unwrap_or_default(),
        confidence: f.confidence.map(super::confidence),
        score: f.score.map(|s| format!("{s:.2}")),
        columns,
        canonical: f.canonical.clone(),
        diffs,
    }
}

impl Reporter for HtmlReporter {
    fn write(&self, outcome: &Outcome<'_>, out: &mut dyn Write) -> io::Result<()> {
        let severities = [Severity::Error, Severity::Warning, Severity::Info]
            .into_iter()
            .map(|s| Count { name: s.as_str(), count: outcome.count(s) })
            .collect();
        let mut kinds: Vec<Count> = Vec::new();
        for f in outcome.findings {
            match kinds.iter_mut().find(|k| k.name == f.kind.as_str()) {
                Some(k) => k.count += 1,
                None => kinds.push(Count { name: f.kind.as_str(), count: 1 }),
            }
        }
        kinds.sort_by_key(|k| k.name);
        let documents = outcome
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| DocRow {
                number: i,
                path: d.path.clone(),
                title: d.meta.title.clone().unwrap_or_default(),
                date: d.meta.date.clone().unwrap_or_default(),
                touching: outcome
                    .findings
                    .iter()
                    .filter(|f| f.evidence.iter().any(|e| e.doc == i && e.document == d.path))
                    .count(),
                findings: outcome
                    .findings
                    .iter()
                    .filter(|f| f.evidence.iter().any(|e| e.doc == i && e.document == d.path))
                    .take(MAX_LINKS)
                    .map(|f| Link {
                        anchor: format!("f-{}", f.id),
                        severity: f.severity.as_str(),
                        message: super::shorten(&f.message, 120),
                    })
                    .collect(),
            })
            .collect();
        let page = Page {
            summary: super::summary(outcome),
            version: env!("CARGO_PKG_VERSION"),
            severities,
            kinds,
            documents,
            cards: outcome.findings.iter().map(|f| card(outcome, f)).collect(),
            suppressed: outcome
                .suppressed
                .iter()
                .map(|s| Held { message: s.finding.message.clone(), reason: s.suppressed_by.describe() })
                .collect(),
            errors: outcome.errors.iter().map(|e| e.to_string()).collect(),
        };
        let html = page.render().map_err(io::Error::other)?;
        out.write_all(html.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render() -> String {
        let (docs, findings) = crate::report::testing::dated();
        let outcome = Outcome { documents: &docs, findings: &findings, suppressed: &[], errors: &[], rules: &[] };
        let mut out = Vec::new();
        HtmlReporter.write(&outcome, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_card_shows_the_tally_sides_and_confidence() {
        let html = render();
        assert_eq!(html.matches("<article class=\"card").count(), 1);
        assert!(html.contains("data-kind=\"date\""), "{html}");
        assert!(html.contains("confidence 87%"), "{html}");
        assert!(html.contains("2 documents say <code>30 June</code>, 1 says <code>30 July</code>"), "{html}");
        assert_eq!(html.matches("<section class=\"side").count(), 2);
        assert!(html.contains("class=\"side minority\""), "the one document that disagrees is marked");
    }

    #[test]
    fn document_text_is_escaped_and_nothing_is_loaded() {
        let html = render();
        assert!(html.contains("&#60;b&#62;") || html.contains("&lt;b&gt;"), "document text is escaped");
        assert!(!html.contains("<b>,"), "raw document markup never reaches the page");
        for external in ["http://", "https://", "src=", "@import", "url("] {
            assert!(!html.contains(external), "{external} in the page");
        }
        assert!(html.contains("Content-Security-Policy"));
    }
}
