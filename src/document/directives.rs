//! Suppressions written in documents: `<!-- crosscheck-ignore RULE-ID -->` before a paragraph,
//! `<!-- crosscheck-ignore-file -->` anywhere in a Markdown or HTML file.
//!
//! Editors mark an intended difference where it is written (a quote that keeps an old spelling, a
//! date that is another event's), so the mark travels with the text. The reader finds the
//! comments; this module reads what they say and records which bytes of the *analysis text* they
//! cover, so a suppression stays put whatever the format's offset map does.
//!
//! ```text
//! <!-- crosscheck-ignore name-variants, title-conflicts -- quoted from the 1998 report -->
//! The paragraph after it (up to the next blank line) is covered, for those two rules.
//!
//! <!-- crosscheck-ignore -->           every rule, next paragraph
//! <!-- crosscheck-ignore-file -->      every rule, whole document
//! ```
//!
//! Rule ids are separated by spaces or commas; words after ` -- ` are a free reason. A comment
//! that only mentions crosscheck (`<!-- crosscheck-ignored files are … -->`) is not a directive.

use std::ops::Range;

use serde::Serialize;

use super::offsets::OffsetMap;

/// One `crosscheck-ignore` comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Directive {
    /// The rules it names; empty means every rule.
    pub rules: Vec<String>,
    /// The analysis-text bytes it covers; `None` for the whole document.
    pub covers: Option<Range<usize>>,
    /// Byte offset of the comment in the source, to name its line in messages.
    pub at: usize,
    /// The words after ` -- `, when given.
    pub reason: Option<String>,
}

const IGNORE: &str = "crosscheck-ignore";
const IGNORE_FILE: &str = "crosscheck-ignore-file";

/// Reads the directives among `comments` (source ranges of whole `<!-- … -->` comments, in
/// source order) and maps each onto the analysis text.
pub fn from_comments(source: &str, text: &str, map: &OffsetMap, comments: &[Range<usize>]) -> Vec<Directive> {
    let mut out = Vec::new();
    for c in comments {
        let Some(body) = source.get(c.clone()) else { continue };
        let body = body.trim_start_matches("<!--").trim_end_matches("-->").trim();
        let (file, rest) = if let Some(r) = body.strip_prefix(IGNORE_FILE) {
            (true, r)
        } else if let Some(r) = body.strip_prefix(IGNORE) {
            (false, r)
        } else {
            continue;
        };
        if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
            continue;
        }
        let (ids, reason) = match rest.split_once(" --") {
            Some((ids, reason)) => (ids, Some(reason.trim().to_string()).filter(|r| !r.is_empty())),
            None => (rest, None),
        };
        let rules: Vec<String> =
            ids.split(|c: char| c == ',' || c.is_whitespace()).filter(|w| !w.is_empty()).map(str::to_string).collect();
        let covers = if file {
            None
        } else {
            match paragraph_after(text, text_offset_after(map, c.end)) {
                Some(r) => Some(r),
                // Nothing follows: the directive covers nothing.
                None => Some(text.len()..text.len()),
            }
        };
        out.push(Directive { rules, covers, at: c.start, reason });
    }
    out
}

/// The first analysis-text offset whose source lies at or after `source_offset`.
fn text_offset_after(map: &OffsetMap, source_offset: usize) -> usize {
    if map.is_identity() {
        return source_offset;
    }
    map.pieces()
        .iter()
        .find(|p| p.source.end > source_offset)
        .map(|p| {
            if p.source.start >= source_offset || !p.copied {
                p.text.start
            } else {
                p.text.start + (source_offset - p.source.start)
            }
        })
        .unwrap_or(usize::MAX)
}

/// The paragraph that starts at the first non-blank byte at or after `from`: up to the next line
/// that is blank (markup blanked to spaces counts as blank).
fn paragraph_after(text: &str, from: usize) -> Option<Range<usize>> {
    let rest = text.get(from..)?;
    let start = from + rest.find(|c: char| !c.is_whitespace())?;
    let mut end = text.len();
    let mut line_start = start;
    for line in text[start..].split_inclusive('\n') {
        if line_start > start && line.trim().is_empty() {
            end = line_start;
            break;
        }
        line_start += line.len();
    }
    let trimmed = text[start..end].trim_end().len();
    Some(start..start + trimmed)
}

/// The source ranges of `<!-- … -->` comments in a piece of HTML (a Markdown HTML event),
/// shifted by `base`.
pub fn comments_in(html: &str, base: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = html[from..].find("<!--") {
        let start = from + i;
        let end = html[start + 4..].find("-->").map_or(html.len(), |j| start + 4 + j + 3);
        out.push(base + start..base + end);
        from = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(src: &str) -> Vec<Directive> {
        from_comments(src, src, &OffsetMap::identity(), &comments_in(src, 0))
    }

    #[test]
    fn a_directive_covers_the_next_paragraph_only() {
        let src = "First one.\n\n<!-- crosscheck-ignore name-variants, date-conflicts -- quoted -->\nCovered line\nstill covered.\n\nNot covered.\n";
        let d = &read(src)[0];
        assert_eq!(d.rules, ["name-variants", "date-conflicts"]);
        assert_eq!(d.reason.as_deref(), Some("quoted"));
        assert_eq!(&src[d.covers.clone().unwrap()], "Covered line\nstill covered.");
    }

    #[test]
    fn file_directives_and_non_directives() {
        let d = read("<!-- crosscheck-ignore-file -->\ntext\n<!-- crosscheck-ignored notes -->\n<!-- other -->");
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].covers.clone(), d[0].rules.len()), (None, 0));
    }

    #[test]
    fn mapped_text_starts_after_the_comment() {
        // source: `<!--crosscheck-ignore--><p>Kept</p>`; text: `Kept`, from source 28..32.
        let src = "<!--crosscheck-ignore--><p>Kept</p>";
        let mut map = OffsetMap::new();
        map.push(0..4, 27..31);
        let d = from_comments(src, "Kept", &map, &comments_in(src, 0));
        assert_eq!(d[0].covers, Some(0..4));
    }
}
