//! Stage 5 of the pipeline: **reports**. One file per output format; each implements
//! [`Reporter`] over the same [`Outcome`], so every format carries the same findings.

pub mod concise;
pub mod facts;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;
pub mod test;

use std::borrow::Cow;
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

/// Whether `c` must not reach a terminal or a log as it is: control characters (escape
/// sequences, newlines, carriage returns, NEL), the Unicode line and paragraph separators, and
/// the bidirectional controls that make text display in another order than it is stored.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{61c}' | '\u{200e}' | '\u{200f}')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// `s` with unsafe characters written as escapes (`\u{1b}`), for every output read by people
/// and terminals (human, concise, facts, stderr): a file name or a sentence holding an escape
/// sequence must not recolour or rewrite the terminal, and a newline in it must not start a line
/// of its own (a forged finding, or a `::error` workflow command in a CI log).
pub fn escape_controls(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A document path for the start of an output line: escaped, and never starting with `::`, which
/// GitHub Actions would read as a workflow command (`::error file=…::` forged by a file name).
pub fn line_start_path(path: &str) -> Cow<'_, str> {
    match escape_controls(path) {
        p if p.starts_with("::") => Cow::Owned(format!("./{p}")),
        p => p,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_line_breaks_are_escaped() {
        assert_eq!(escape_controls("plain – “text”"), "plain – “text”");
        assert_eq!(escape_controls("a\nb\x1b[31mc\r"), "a\\u{a}b\\u{1b}[31mc\\u{d}");
        assert_eq!(escape_controls("x\u{2028}y\u{202e}z\u{85}"), "x\\u{2028}y\\u{202e}z\\u{85}");
    }

    #[test]
    fn a_path_never_starts_a_workflow_command() {
        assert_eq!(line_start_path("::error file=a::x.txt"), "./::error file=a::x.txt");
        assert_eq!(line_start_path("a::b.txt"), "a::b.txt");
        assert_eq!(line_start_path("\n::warning::x"), "\\u{a}::warning::x");
    }
}
