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
    errors: Vec<&'a InputError>,
    /// Inputs skipped without loss (an empty file, a symbolic link loop).
    warnings: Vec<&'a InputError>,
}

pub struct JsonReporter;

impl Reporter for JsonReporter {
    fn write(&self, outcome: &Outcome<'_>, out: &mut dyn Write) -> io::Result<()> {
        let (warnings, errors) = outcome.errors.iter().partition(|e| e.warning);
        let doc = Json { version: 1, documents: outcome.summaries(), findings: outcome.findings, errors, warnings };
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }
}
