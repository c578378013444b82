//! Stage 5 of the pipeline: **reports**. One file per output format; each implements
//! [`Reporter`] over the same [`Outcome`], so every format carries the same findings.

pub mod concise;
pub mod facts;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;
pub mod test;

use std::io::{self, Write};

use serde::Serialize;

use crate::document::Document;
use crate::error::InputError;
use crate::findings::{Finding, Severity};

/// A document as listed in reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocSummary {
    pub path: String,
    pub title: Option<String>,
    pub date: Option<String>,
}

/// The result of one run, as every report format sees it.
pub struct Outcome<'a> {
    pub documents: &'a [Document],
    pub findings: &'a [Finding],
    /// Inputs (documents, rule packs, config) that could not be used.
    pub errors: &'a [InputError],
    /// The rules in force (formats that document their rules list them).
    pub rules: &'a [crate::rules::Rule],
}

impl Outcome<'_> {
    pub fn summaries(&self) -> Vec<DocSummary> {
        self.documents
            .iter()
            .map(|d| DocSummary { path: d.path.clone(), title: d.meta.title.clone(), date: d.meta.date.clone() })
            .collect()
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }
}

/// An output format.
pub trait Reporter {
    fn write(&self, outcome: &Outcome<'_>, out: &mut dyn Write) -> io::Result<()>;
}
