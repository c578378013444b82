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
    errors: &'a [InputError],
}

pub struct JsonReporter;

impl Reporter for JsonReporter {
    fn write(&self, outcome: &Outcome<'_>, out: &mut dyn Write) -> io::Result<()> {
        let doc =
            Json { version: 1, documents: outcome.summaries(), findings: outcome.findings, errors: outcome.errors };
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }
}
