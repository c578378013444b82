//! `--format json`: the stable machine-readable report (schema in the README, `version` 1).

use std::io::{self, Write};

use serde::Serialize;

use super::{DocSummary, Outcome, Reporter};
use crate::error::InputError;
use crate::findings::Finding;

/// The JSON document. Field order is part of the contract.
#[derive(Serialize)]
struct Json<'a> {
    version: u32,
    documents: Vec<DocSummary>,
    findings: &'a [Finding],
    /// Findings held back by a comment, the config or a baseline, with `suppressed_by`.
    suppressed: &'a [crate::suppress::Suppressed],
    errors: Vec<&'a InputError>,
    /// Problems that lose nothing: an empty file or a symbolic link loop skipped, an include
    /// pattern that matched nothing, a `crosscheck-ignore` naming an unknown rule.
    warnings: Vec<&'a InputError>,
}

pub struct JsonReporter;

impl Reporter for JsonReporter {
    fn write(&self, outcome: &Outcome<'_>, out: &mut dyn Write) -> io::Result<()> {
        let (warnings, errors) = outcome.errors.iter().partition(|e| e.warning);
        let doc = Json {
            version: 1,
            documents: outcome.summaries(),
            findings: outcome.findings,
            suppressed: outcome.suppressed,
            errors,
            warnings,
        };
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confidence_is_a_field_only_when_known() {
        let (docs, mut findings) = crate::report::testing::dated();
        let render = |findings: &[Finding]| {
            let outcome = Outcome { documents: &docs, findings, suppressed: &[], errors: &[], rules: &[] };
            let mut out = Vec::new();
            JsonReporter.write(&outcome, &mut out).unwrap();
            serde_json::from_slice::<serde_json::Value>(&out).unwrap()
        };
        assert_eq!(render(&findings)["findings"][0]["confidence"], 0.874);
        findings[0].confidence = None;
        let json = render(&findings);
        assert!(json["findings"][0].get("confidence").is_none(), "{json:#}");
        assert_eq!(json["suppressed"], serde_json::json!([]));
    }
}
