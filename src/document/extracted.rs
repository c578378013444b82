//! The result every document reader returns: source, analysis text, the map between them,
//! metadata and warnings.
//!
//! Readers differ in what they skip (markup, boilerplate, zipped XML) but all hand back the same
//! shape, so the loader can build a document from any format the same way. For example a plain
//! text file gives `source == text` and an identity map, while an HTML page gives its decoded file
//! as `source` and the article's paragraphs as `text`, with an [`OffsetMap`] that points every
//! word back at the bytes of the page it came from.

use serde::Serialize;

use super::offsets::OffsetMap;

/// Metadata a document states about itself (front matter, HTML meta tags, a leading `date …`
/// line, Word document properties). Values are kept as written (dates are not parsed here).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Meta {
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
}

impl Meta {
    /// Fills the fields that are still empty from `other` (earlier, more trusted sources win).
    pub fn fill_from(&mut self, other: Meta) {
        if self.title.is_none() {
            self.title = other.title;
        }
        if self.date.is_none() {
            self.date = other.date;
        }
        if self.source.is_none() {
            self.source = other.source;
        }
    }
}

/// What a reader made of one file.
#[derive(Debug, Clone)]
pub struct Extracted {
    /// The text that line:column are counted in and snippets are shown from: the decoded file for
    /// text, Markdown and HTML; for Word files the paragraphs joined by `\n` (line N = paragraph N).
    pub source: String,
    /// The analysis text that facts are extracted from.
    pub text: String,
    /// Analysis-text offsets to source offsets.
    pub map: OffsetMap,
    pub meta: Meta,
    /// Non-fatal notes from reading, for the user.
    pub warnings: Vec<String>,
    /// `crosscheck-ignore` comments, with the analysis text they cover.
    pub directives: Vec<super::directives::Directive>,
}

impl Extracted {
    /// A document whose analysis text is (a blanked copy of) its source.
    pub fn identity(source: String, text: String, meta: Meta) -> Self {
        debug_assert_eq!(source.len(), text.len());
        Extracted { source, text, map: OffsetMap::identity(), meta, warnings: Vec::new(), directives: Vec::new() }
    }
}
