//! Problems that stop one input (a document, a rule pack) from being used, reported beside the
//! findings of everything else. They never abort a run: one bad file must not hide the rest.

use serde::Serialize;
use std::fmt;

/// One problem with one input, located as precisely as the input allows.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct InputError {
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// Nothing was lost (an empty file, a folder reached twice through a link): reported, but
    /// the run does not fail for it.
    #[serde(skip)]
    pub warning: bool,
}

impl InputError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        InputError { path: path.into(), line: None, column: None, message: message.into(), warning: false }
    }

    pub fn at(path: impl Into<String>, line: usize, column: usize, message: impl Into<String>) -> Self {
        InputError {
            path: path.into(),
            line: Some(line),
            column: Some(column),
            message: message.into(),
            warning: false,
        }
    }
}

impl InputError {
    /// The same problem, reported as a warning.
    pub fn as_warning(mut self) -> Self {
        self.warning = true;
        self
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{}:{}:{}: {}", self.path, l, c, self.message),
            (Some(l), None) => write!(f, "{}:{}: {}", self.path, l, self.message),
            _ => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(text).line_col(offset)
}

/// The line starts of one text, for many [`line_col`] lookups in it: a rule pack of 40,000
/// rules asks for a position per rule, and counting lines from the top each time made parsing
/// quadratic in the pack's size.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// 1-based line and column (in characters) of byte `offset`.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = crate::span::floor(self.text, offset);
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        (line, self.text[start..offset].chars().count() + 1)
    }
}
