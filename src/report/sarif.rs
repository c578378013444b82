//! `--format sarif`: SARIF 2.1.0, the format code-scanning services ingest.
//!
//! Each finding is one result located at its first place; every other place is a related
//! location, so a viewer can jump between the documents that disagree. The finding id is the
//! partial fingerprint, so a service tracks a finding across runs. Inputs that could not be read
//! are tool execution notifications.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::{json, Value};

use super::{Outcome, Reporter};
use crate::findings::{Evidence, Severity};

pub struct SarifReporter;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A document path as a SARIF URI reference: relative paths stay relative (resolved against
/// the run's working folder), separators are `/`, and characters URIs reserve are escaped.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn location(e: &Evidence, id: Option<usize>) -> Value {
    let mut loc = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(&e.document) },
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

impl Reporter for SarifReporter {
    fn write(&self, outcome: &Outcome<'_>, out: &mut dyn Write) -> io::Result<()> {
        // Rules in force that produced findings, with their documentation.
        let mut rules: BTreeMap<&str, Value> = BTreeMap::new();
        for r in outcome.rules {
            rules.insert(
                r.id.as_str(),
                json!({
                    "id": r.id,
                    "name": r.id,
                    "shortDescription": { "text": format!("{} ({})", r.id, r.kind.as_str()) },
                    "fullDescription": { "text": r.description.as_deref().unwrap_or("").trim() },
                    "defaultConfiguration": { "level": level(r.severity) },
                    "properties": { "kind": r.kind.as_str() },
                }),
            );
        }
        for f in outcome.findings {
            rules.entry(f.rule.as_str()).or_insert_with(|| {
                json!({
                    "id": f.rule,
                    "name": f.rule,
                    "shortDescription": { "text": f.rule },
                    "defaultConfiguration": { "level": level(f.severity) },
                })
            });
        }
        let index: BTreeMap<&str, usize> = rules.keys().enumerate().map(|(i, k)| (*k, i)).collect();
        let results: Vec<Value> = outcome
            .findings
            .iter()
            .map(|f| {
                let mut r = json!({
                    "ruleId": f.rule,
                    "ruleIndex": index[f.rule.as_str()],
                    "level": level(f.severity),
                    "message": { "text": f.message },
                    "partialFingerprints": { "crosscheck/v1": f.id },
                    "properties": { "kind": f.kind.as_str(), "subject": f.subject },
                });
                if let Some(first) = f.evidence.first() {
                    r["locations"] = json!([location(first, None)]);
                }
                if f.evidence.len() > 1 {
                    let related: Vec<Value> =
                        f.evidence.iter().enumerate().skip(1).map(|(i, e)| location(e, Some(i))).collect();
                    r["relatedLocations"] = json!(related);
                }
                if let Some(c) = &f.canonical {
                    r["properties"]["canonical"] = json!(c);
                }
                if let Some(s) = f.score {
                    r["properties"]["score"] = json!(s);
                }
                r
            })
            .collect();
        let notifications: Vec<Value> = outcome
            .errors
            .iter()
            .map(|e| {
                let mut region = json!({});
                if let Some(l) = e.line {
                    region["startLine"] = json!(l);
                }
                if let Some(c) = e.column {
                    region["startColumn"] = json!(c);
                }
                json!({
                    "level": if e.warning { "warning" } else { "error" },
                    "message": { "text": e.message },
                    "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(&e.path) }, "region": region } }],
                })
            })
            .collect();
        let artifacts: Vec<Value> =
            outcome.documents.iter().map(|d| json!({ "location": { "uri": uri(&d.path) } })).collect();
        let doc = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": {
                    "name": "crosscheck",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules.into_values().collect::<Vec<_>>(),
                }},
                "invocations": [{
                    "executionSuccessful": outcome.errors.iter().all(|e| e.warning),
                    "toolExecutionNotifications": notifications,
                }],
                "artifacts": artifacts,
                "results": results,
            }],
        });
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_escape_reserved_characters() {
        assert_eq!(uri("docs/a b#1.md"), "docs/a%20b%231.md");
        assert_eq!(uri("../x/Zürich.txt"), "../x/Z%C3%BCrich.txt");
    }
}
