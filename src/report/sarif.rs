//! `--format sarif`: SARIF 2.1.0, the format code-scanning services ingest. Valid against the
//! official schema (`tests/schemas/sarif-schema-2.1.0.json`) in every case, which a test checks.
//!
//! Each finding is one result located at its first place; every other place is a related
//! location, so a viewer can jump between the documents that disagree. The finding's baseline
//! fingerprint is its partial fingerprint, so a service tracks it across runs; its confidence,
//! when known, is the result's `rank`. Suppressed findings are results with a `suppressions`
//! entry (`inSource` for a comment, `external` for the config or a baseline). Inputs that could
//! not be read are tool execution notifications.
//!
//! Document URIs are relative to the run's root folder (`--sarif-root`, else the current folder),
//! declared as `SRCROOT` in `originalUriBaseIds`; a document outside that folder gets an absolute
//! `file:` URI rather than a `../` path, which services cannot place. Columns count Unicode code
//! points (`columnKind`), as every crosscheck report does.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use serde_json::{json, Value};

use super::{Outcome, Reporter};
use crate::findings::{Evidence, Finding, Severity};
use crate::rules::docs;

/// The schema the output declares and is tested against (SARIF 2.1.0, errata 01).
pub const SCHEMA: &str = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

pub struct SarifReporter {
    /// The folder URIs are relative to; absolute (the command line makes it so).
    pub root: PathBuf,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Escapes a path for a URI: unreserved characters and `/` stay, everything else is `%XX`.
fn escape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `a/./b/../c` → `a/c`, without touching the file system (a symbolic link stays as named).
fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A `file:` URI for an absolute path (with a trailing `/` for a folder).
fn file_uri(p: &Path, folder: bool) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    let s = if s.starts_with('/') { s } else { format!("/{s}") };
    let mut uri = format!("file://{}", escape(&s));
    if folder && !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

impl SarifReporter {
    /// A document path as an artifact location: relative to the root when it lies below it.
    fn artifact(&self, path: &str) -> Value {
        let p = Path::new(path);
        let abs = normalise(&if p.is_absolute() { p.to_path_buf() } else { self.root.join(p) });
        match abs.strip_prefix(&self.root) {
            Ok(rel) if !rel.as_os_str().is_empty() => {
                json!({ "uri": escape(&rel.to_string_lossy().replace('\\', "/")), "uriBaseId": "SRCROOT" })
            }
            _ => json!({ "uri": file_uri(&abs, false) }),
        }
    }

    fn location(&self, e: &Evidence, id: Option<usize>) -> Value {
        let mut loc = json!({
            "physicalLocation": {
                "artifactLocation": self.artifact(&e.document),
                "region": {
                    "startLine": e.line,
                    "startColumn": e.column,
                    "endLine": e.end_line,
                    "endColumn": e.end_column,
                    "snippet": { "text": e.text },
                },
            },
        });
        if let Some(id) = id {
            loc["id"] = json!(id);
            let what = match &e.role {
                Some(r) => format!("{r}: {}", e.text),
                None => e.text.clone(),
            };
            loc["message"] = json!({ "text": what });
        }
        loc
    }

    fn result(&self, f: &Finding, rule_index: usize) -> Value {
        let mut text = f.message.clone();
        if let Some(t) = super::tally(f) {
            text.push_str(&format!(" ({t})"));
        }
        let mut r = json!({
            "ruleId": f.rule,
            "ruleIndex": rule_index,
            "level": level(f.severity),
            "message": { "text": text },
            "partialFingerprints": { "crosscheckFingerprint/v1": f.fingerprint },
            "properties": { "id": f.id, "kind": f.kind.as_str(), "subject": f.subject },
        });
        if let Some(first) = f.evidence.first() {
            r["locations"] = json!([self.location(first, None)]);
        }
        if f.evidence.len() > 1 {
            let related: Vec<Value> =
                f.evidence.iter().enumerate().skip(1).map(|(i, e)| self.location(e, Some(i))).collect();
            r["relatedLocations"] = json!(related);
        }
        if let Some(c) = f.confidence {
            r["rank"] = json!((c * 1000.0).round() / 10.0);
        }
        if let Some(c) = &f.canonical {
            r["properties"]["canonical"] = json!(c);
        }
        if let Some(s) = f.score {
            r["properties"]["score"] = json!(s);
        }
        r
    }
}

/// The reportingDescriptor of a rule, its help taken from the kind's documentation.
fn descriptor(r: &crate::rules::Rule) -> Value {
    let section = docs::section(r.kind).unwrap_or("");
    let mut full = r.description.as_deref().unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
    if full.is_empty() {
        full = docs::short_description(r);
    }
    let mut d = json!({
        "id": r.id,
        "name": r.id,
        "shortDescription": { "text": docs::short_description(r) },
        "fullDescription": { "text": full },
        "help": { "text": docs::plain(section).trim_end(), "markdown": section },
        "defaultConfiguration": { "level": level(r.severity) },
        "properties": { "kind": r.kind.as_str(), "tags": [r.kind.as_str()] },
    });
    if let Some(uri) = docs::help_uri(r.kind) {
        d["helpUri"] = json!(uri);
    }
    d
}

impl Reporter for SarifReporter {
    fn write(&self, outcome: &Outcome<'_>, out: &mut dyn Write) -> io::Result<()> {
        // The rules in force, and any rule a finding names that is not one of them (reference facts).
        let mut rules: BTreeMap<&str, Value> = BTreeMap::new();
        for r in outcome.rules {
            rules.insert(r.id.as_str(), descriptor(r));
        }
        let all = outcome.findings.iter().chain(outcome.suppressed.iter().map(|s| &s.finding));
        for f in all.clone() {
            rules.entry(f.rule.as_str()).or_insert_with(|| {
                let pseudo = crate::rules::Rule {
                    id: f.rule.clone(),
                    kind: crate::rules::RuleKind::Fact,
                    severity: f.severity,
                    message: None,
                    description: (f.rule == crate::rules::REFERENCE_FACTS_ID)
                        .then(|| "A document contradicts a reference fact that a rule pack states.".to_string()),
                    pack: String::new(),
                    settings: Default::default(),
                };
                descriptor(&pseudo)
            });
        }
        let index: BTreeMap<&str, usize> = rules.keys().enumerate().map(|(i, k)| (*k, i)).collect();
        let mut results: Vec<Value> = outcome.findings.iter().map(|f| self.result(f, index[f.rule.as_str()])).collect();
        for s in outcome.suppressed {
            let mut r = self.result(&s.finding, index[s.finding.rule.as_str()]);
            r["suppressions"] = json!([{
                "kind": if s.suppressed_by.in_source() { "inSource" } else { "external" },
                "justification": s.suppressed_by.describe(),
            }]);
            results.push(r);
        }
        let notifications: Vec<Value> = outcome
            .errors
            .iter()
            .map(|e| {
                let mut physical = json!({ "artifactLocation": self.artifact(&e.path) });
                // A region needs a line; an input that failed as a whole has none.
                if let Some(l) = e.line {
                    physical["region"] = json!({ "startLine": l });
                    if let Some(c) = e.column {
                        physical["region"]["startColumn"] = json!(c);
                    }
                }
                json!({
                    "level": if e.warning { "warning" } else { "error" },
                    "message": { "text": e.message },
                    "locations": [{ "physicalLocation": physical }],
                })
            })
            .collect();
        let artifacts: Vec<Value> =
            outcome.documents.iter().map(|d| json!({ "location": self.artifact(&d.path) })).collect();
        let mut driver = json!({
            "name": "crosscheck",
            "version": env!("CARGO_PKG_VERSION"),
            "rules": rules.into_values().collect::<Vec<_>>(),
        });
        if let Some(uri) = docs::information_uri() {
            driver["informationUri"] = json!(uri);
        }
        let doc = json!({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": driver },
                "invocations": [{
                    "executionSuccessful": outcome.errors.iter().all(|e| e.warning),
                    "toolExecutionNotifications": notifications,
                }],
                "originalUriBaseIds": { "SRCROOT": { "uri": file_uri(&self.root, true) } },
                "artifacts": artifacts,
                "results": results,
                "columnKind": "unicodeCodePoints",
            }],
        });
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reporter() -> SarifReporter {
        SarifReporter { root: PathBuf::from("/work/proj") }
    }

    #[test]
    fn uris_are_relative_to_the_root_or_absolute_never_dotted() {
        let r = reporter();
        assert_eq!(r.artifact("docs/a b#1.md"), json!({ "uri": "docs/a%20b%231.md", "uriBaseId": "SRCROOT" }));
        assert_eq!(r.artifact("./x/../y.txt"), json!({ "uri": "y.txt", "uriBaseId": "SRCROOT" }));
        assert_eq!(r.artifact("../shared/Zürich.txt"), json!({ "uri": "file:///work/shared/Z%C3%BCrich.txt" }));
        assert_eq!(r.artifact("/etc/a.txt"), json!({ "uri": "file:///etc/a.txt" }));
        assert_eq!(file_uri(Path::new("/work/proj"), true), "file:///work/proj/");
    }

    #[test]
    fn confidence_is_the_rank() {
        let (docs, findings) = crate::report::testing::dated();
        let outcome = Outcome { documents: &docs, findings: &findings, suppressed: &[], errors: &[], rules: &[] };
        let mut out = Vec::new();
        reporter().write(&outcome, &mut out).unwrap();
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["runs"][0]["results"][0]["rank"], 87.4);
        assert_eq!(v["runs"][0]["columnKind"], "unicodeCodePoints");
    }
}
