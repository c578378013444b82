//! Stage 1 of the pipeline: **documents**.
//!
//! A [`Document`] is one input file as crosscheck reads it: the `source` text that reports point
//! into, the `text` that facts are extracted from, and the [`OffsetMap`] between them. Readers for
//! each format live beside this file; [`load`] walks paths and dispatches to them.

pub mod boilerplate;
pub mod decode;
pub mod directives;
pub mod docx;
pub mod extracted;
pub mod html;
pub mod load;
pub mod markdown;
pub mod offsets;

use std::ops::Range;

use crate::span;

pub use extracted::{Extracted, Meta};
pub use offsets::OffsetMap;
use serde::Serialize;

/// The formats crosscheck reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
    Docx,
}

impl Format {
    /// The format a file extension means by default (lowercase, without the dot).
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        match name {
            "text" | "txt" | "plain" => Some(Format::Text),
            "markdown" | "md" => Some(Format::Markdown),
            "html" => Some(Format::Html),
            "docx" | "word" => Some(Format::Docx),
            _ => None,
        }
    }
}

/// One document of the set, ready for fact extraction.
#[derive(Debug, Clone)]
pub struct Document {
    /// Index in the set; documents are numbered in path order, so ids are stable whatever order
    /// the paths were given in.
    pub id: usize,
    /// The path as shown to users (relative paths stay relative, `/` separators).
    pub path: String,
    pub format: Format,
    /// The text that line and column numbers are counted in.
    pub source: String,
    /// The analysis text. For formats with identity maps it has the same byte positions as
    /// `source`, with skipped parts (markup, boilerplate) blanked to spaces.
    pub text: String,
    pub map: OffsetMap,
    pub meta: Meta,
    /// Non-fatal notes from reading (an encoding fallback, say).
    pub warnings: Vec<String>,
    /// `crosscheck-ignore` comments of Markdown and HTML files.
    pub directives: Vec<directives::Directive>,
    line_starts: Vec<usize>,
}

/// A 1-based line and column (columns counted in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl Document {
    pub fn new(path: String, format: Format, source: String, text: String, map: OffsetMap, meta: Meta) -> Self {
        let line_starts = line_starts(&source);
        Document {
            id: 0,
            path,
            format,
            source,
            text,
            map,
            meta,
            warnings: Vec::new(),
            directives: Vec::new(),
            line_starts,
        }
    }

    /// A document from what a reader extracted.
    pub fn from_extracted(path: String, format: Format, e: Extracted) -> Self {
        let mut d = Document::new(path, format, e.source, e.text, e.map, e.meta);
        d.warnings = e.warnings;
        d.directives = e.directives;
        d
    }

    /// A plain-text document whose analysis text is its source.
    pub fn plain(path: impl Into<String>, source: impl Into<String>) -> Self {
        let source = source.into();
        Document::new(path.into(), Format::Text, source.clone(), source, OffsetMap::identity(), Meta::default())
    }

    /// The source span that an analysis-text span came from.
    pub fn source_span(&self, text_span: Range<usize>) -> Range<usize> {
        let r = self.map.span_to_source(text_span);
        span::clamp(&self.source, r)
    }

    /// Line and column of a source byte offset.
    pub fn line_col(&self, source_offset: usize) -> LineCol {
        let offset = source_offset.min(self.source.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let column = self.source[start..span::floor(&self.source, offset).max(start)].chars().count() + 1;
        LineCol { line, column }
    }

    /// The source lines that hold a source span: from the start of the first to the line break
    /// (excluded) that ends the last.
    pub fn lines_of(&self, source_span: Range<usize>) -> Range<usize> {
        let source_span = span::clamp(&self.source, source_span);
        let first = self.line_starts.partition_point(|&s| s <= source_span.start).max(1) - 1;
        let last = self.line_starts.partition_point(|&s| s <= source_span.end).max(1) - 1;
        let end = self.line_starts.get(last + 1).map_or(self.source.len(), |&next| next - 1);
        self.line_starts[first]..end
    }

    /// The whole source line(s) around a source span, trimmed, for a one-line context.
    pub fn context(&self, source_span: Range<usize>) -> String {
        let source_span = span::clamp(&self.source, source_span);
        let Range { start, end } = self.lines_of(source_span.clone());
        let line = self.source[start..end].trim();
        // Long paragraphs are one line in many files: keep a window around the span.
        const WINDOW: usize = 160;
        if line.len() <= 2 * WINDOW + (source_span.end - source_span.start) {
            return line.to_string();
        }
        let from = span::floor(&self.source, source_span.start.saturating_sub(WINDOW).max(start));
        let to = span::floor(&self.source, (source_span.end + WINDOW).min(end));
        let mut s = String::new();
        if from > start {
            s.push('…');
        }
        s.push_str(self.source[from..to].trim());
        if to < end {
            s.push('…');
        }
        s
    }
}

/// `s` with every lone `\r` (one not followed by `\n`) made a `\n`: the same length, so offsets
/// hold, for code that only knows `\n` as a line break.
pub fn lone_cr_as_lf(s: &str) -> std::borrow::Cow<'_, str> {
    let b = s.as_bytes();
    let lone: Vec<usize> = (0..b.len()).filter(|&i| b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')).collect();
    replace_ascii(s, &lone, b'\n')
}

/// `s` with the ASCII bytes at `at` replaced by the ASCII byte `by`: the same length, so every
/// offset into `s` holds, and still UTF-8 (borrowed when there is nothing to replace).
pub(crate) fn replace_ascii<'s>(s: &'s str, at: &[usize], by: u8) -> std::borrow::Cow<'s, str> {
    if at.is_empty() || !by.is_ascii() {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut bytes = s.as_bytes().to_vec();
    for &i in at {
        if bytes.get(i).is_some_and(u8::is_ascii) {
            bytes[i] = by;
        }
    }
    std::borrow::Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| s.to_string()))
}

/// Where each line starts. A line ends at `\n`, `\r\n` or a lone `\r` (old Mac files, some
/// exports), as editors count them.
fn line_starts(s: &str) -> Vec<usize> {
    let b = s.as_bytes();
    let mut v = vec![0];
    for (i, &c) in b.iter().enumerate() {
        if c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')) {
            v.push(i + 1);
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let d = Document::plain("a.txt", "first line\nZürich – Ovan-Tek\n");
        let off = d.source.find("Ovan").unwrap();
        assert_eq!(d.line_col(off), LineCol { line: 2, column: 10 });
        assert_eq!(d.line_col(0), LineCol { line: 1, column: 1 });
    }

    #[test]
    fn context_windows_long_lines() {
        let long = format!("{} NEEDLE {}", "word ".repeat(100), "more ".repeat(100));
        let d = Document::plain("a.txt", long.clone());
        let at = long.find("NEEDLE").unwrap();
        let ctx = d.context(at..at + 6);
        assert!(ctx.contains("NEEDLE") && ctx.starts_with('…') && ctx.ends_with('…'));
        assert!(ctx.len() < 400);
    }
}
