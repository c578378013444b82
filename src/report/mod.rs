//! Stage 5 of the pipeline: **reports**. One file per output format; each implements
//! [`Reporter`] over the same [`Outcome`], so every format carries the same findings, and every
//! format counts the findings that were held back ([`Outcome::suppressed`]).
//!
//! The helpers here are what several formats say the same way: the summary line, the tally of
//! who says what ("2 documents say `15 March`, 1 says `17 March`"), the confidence figure, the
//! word diff of each version of a quote, and excerpts of the sentence around a place.

pub mod concise;
pub mod facts;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod markdown;
pub mod sarif;
pub mod test;

use std::borrow::Cow;
use std::io::{self, Write};
use std::ops::Range;

use serde::Serialize;

use crate::document::Document;
use crate::error::InputError;
use crate::findings::{DiffSegment, Evidence, Finding, Kind, Severity, Side};
use crate::suppress::Suppressed;

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
    /// The findings reported.
    pub findings: &'a [Finding],
    /// Findings held back by a comment, the config or a baseline: counted, never hidden.
    pub suppressed: &'a [Suppressed],
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

    /// The document a place is in.
    pub fn document(&self, e: &Evidence) -> Option<&Document> {
        self.documents.get(e.doc).filter(|d| d.path == e.document)
    }
}

/// An output format.
pub trait Reporter {
    fn write(&self, outcome: &Outcome<'_>, out: &mut dyn Write) -> io::Result<()>;
}

/// The closing line: what was found, in how many documents, what was held back and what could
/// not be read.
pub fn summary(outcome: &Outcome<'_>) -> String {
    let n = outcome.findings.len();
    let docs = outcome.documents.len();
    let mut parts = Vec::new();
    for (s, name) in [(Severity::Error, "error"), (Severity::Warning, "warning"), (Severity::Info, "info")] {
        let c = outcome.count(s);
        if c > 0 {
            parts.push(format!("{c} {name}{}", if c == 1 || s == Severity::Info { "" } else { "s" }));
        }
    }
    let mut line = if n == 0 {
        format!("no disagreements found in {docs} document{}", plural(docs))
    } else {
        format!("{n} finding{} ({}) in {docs} document{}", plural(n), parts.join(", "), plural(docs))
    };
    if let Some(s) = suppressed_summary(outcome.suppressed) {
        line.push_str("; ");
        line.push_str(&s);
    }
    let e = outcome.errors.iter().filter(|e| !e.warning).count();
    if e > 0 {
        line.push_str(&format!("; {e} input{} could not be used (see errors above)", plural(e)));
    }
    let w = outcome.errors.len() - e;
    if w > 0 {
        line.push_str(&format!("; {w} warning{} (see above)", plural(w)));
    }
    line
}

/// `3 suppressed (2 by comments, 1 in the baseline)`, or nothing when none was.
pub fn suppressed_summary(suppressed: &[Suppressed]) -> Option<String> {
    if suppressed.is_empty() {
        return None;
    }
    let mut by: Vec<(&str, usize)> = Vec::new();
    for s in suppressed {
        let label = s.suppressed_by.label();
        match by.iter_mut().find(|(l, _)| *l == label) {
            Some((_, n)) => *n += 1,
            None => by.push((label, 1)),
        }
    }
    by.sort();
    let parts: Vec<String> = by.iter().map(|(l, n)| format!("{n} {l}")).collect();
    Some(format!("{} suppressed ({})", suppressed.len(), parts.join(", ")))
}

pub fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The confidence as a short figure: `87%`.
pub fn confidence(c: f64) -> String {
    format!("{:.0}%", (c * 100.0).clamp(0.0, 100.0))
}

/// The verb a tally uses for a kind: documents *write* a spelling, *quote* a wording, *credit* an
/// agent, *say* a value.
fn verb(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Spelling => ("write", "writes"),
        Kind::Quote => ("quote", "quotes"),
        Kind::Attribution => ("credit", "credits"),
        _ => ("say", "says"),
    }
}

/// What a side is called in a tally: its writing, or for a quote the words only it has.
pub fn side_label(f: &Finding, sides: &[Side<'_>], i: usize) -> String {
    let side = &sides[i];
    if f.kind == Kind::Quote && sides.len() > 1 {
        // The most common version by the words some other version lacks; every other version by
        // the words the most common one lacks.
        let own = if i == 0 {
            distinctive_words(side.shown, sides.iter().map(|s| s.shown))
        } else {
            distinctive_words(side.shown, std::iter::once(sides[0].shown))
        };
        if !own.is_empty() {
            return format!("`{}`", own.join(" "));
        }
    }
    format!("`{}`", shorten(side.shown, 60))
}

/// "2 documents say `15 March 2022`, 1 says `17 March 2022`": each side and how many documents
/// hold it, most first. `None` for a finding with one side.
pub fn tally(f: &Finding) -> Option<String> {
    let sides = f.sides();
    if sides.len() < 2 {
        return None;
    }
    let (many, one) = verb(f.kind);
    let parts: Vec<String> = sides
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let n = s.documents.len();
            let v = if n == 1 { one } else { many };
            let label = side_label(f, &sides, i);
            if i == 0 {
                format!("{n} document{} {v} {label}", plural(n))
            } else {
                format!("{n} {v} {label}")
            }
        })
        .collect();
    Some(parts.join(", "))
}

/// The words of `text` that one of `all` does not have, in order, each once.
fn distinctive_words<'a>(text: &str, all: impl Iterator<Item = &'a str>) -> Vec<String> {
    let sets: Vec<std::collections::BTreeSet<String>> =
        all.map(|t| tokens(t).into_iter().map(|t| t.key).collect()).collect();
    let mut out: Vec<String> = Vec::new();
    for t in tokens(text) {
        if sets.iter().any(|s| !s.contains(&t.key)) && !out.contains(&t.text.to_string()) {
            out.push(t.text.to_string());
        }
    }
    out
}

/// One version of a quote and its word diff from the version most documents give.
pub struct Version<'a> {
    pub side: Side<'a>,
    pub diff: Vec<DiffSegment>,
}

/// For a quote with three or more versions: each version other than the most common one, with
/// its diff from it. (Two versions have the finding's own diff.)
pub fn versions<'a>(f: &'a Finding) -> Vec<Version<'a>> {
    let sides = f.sides();
    if f.kind != Kind::Quote || sides.len() < 3 {
        return Vec::new();
    }
    let reference = sides[0].shown;
    sides.into_iter().skip(1).map(|s| Version { diff: word_diff(reference, s.shown), side: s }).collect()
}

/// A word of a text: its bytes and the key it is compared by (lowercase letters and digits).
pub struct Token<'a> {
    pub range: Range<usize>,
    pub text: &'a str,
    pub key: String,
}

/// The words of `s`, split at white space; punctuation is kept in the text but not compared.
pub fn tokens(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(b)) => {
                let text = &s[b..i];
                let key: String = text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
                out.push(Token { range: b..i, text, key: if key.is_empty() { text.to_string() } else { key } });
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// A word diff of `a` to `b`, as the finding diffs are: `equal`, `delete` (only in `a`),
/// `insert` (only in `b`).
pub fn word_diff(a: &str, b: &str) -> Vec<DiffSegment> {
    let (ta, tb) = (tokens(a), tokens(b));
    let (ka, kb): (Vec<&str>, Vec<&str>) =
        (ta.iter().map(|t| t.key.as_str()).collect(), tb.iter().map(|t| t.key.as_str()).collect());
    let mut out: Vec<DiffSegment> = Vec::new();
    let mut push = |tag: &str, words: &[Token<'_>]| {
        if words.is_empty() {
            return;
        }
        let text = words.iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
        match out.last_mut() {
            Some(last) if last.tag == tag => {
                last.text.push(' ');
                last.text.push_str(&text);
            }
            _ => out.push(DiffSegment { tag: tag.to_string(), text }),
        }
    };
    for op in similar::capture_diff_slices(similar::Algorithm::Patience, &ka, &kb) {
        let (tag, ra, rb) = op.as_tag_tuple();
        match tag {
            similar::DiffTag::Equal => push("equal", &ta[ra]),
            similar::DiffTag::Delete => push("delete", &ta[ra]),
            similar::DiffTag::Insert => push("insert", &tb[rb]),
            similar::DiffTag::Replace => {
                push("delete", &ta[ra]);
                push("insert", &tb[rb]);
            }
        }
    }
    out
}

/// A diff as one line: `no [-room for-] doubt`, `{+intention+}`.
pub fn diff_line(diff: &[DiffSegment]) -> String {
    let parts: Vec<String> = diff
        .iter()
        .filter(|seg| !seg.text.trim().is_empty())
        .map(|seg| match seg.tag.as_str() {
            "delete" => format!("[-{}-]", seg.text.trim()),
            "insert" => format!("{{+{}+}}", seg.text.trim()),
            _ => seg.text.trim().to_string(),
        })
        .collect();
    parts.join(" ")
}

/// The first `max` characters of `s`, with `…` when cut.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// A part of an excerpt: plain text, the place itself, or a word of the place that differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Plain,
    Place,
    Changed,
}

/// The sentence around a place, as marked runs of text: up to `window` characters of its line
/// on each side, and inside the place the words that `other` (another version) does not have.
pub fn excerpt(doc: &Document, e: &Evidence, other: Option<&str>, window: usize) -> Vec<(Mark, String)> {
    let src = &doc.source;
    let span = e.source_span.start.min(src.len())..e.source_span.end.min(src.len());
    if !src.is_char_boundary(span.start) || !src.is_char_boundary(span.end) {
        return vec![(Mark::Place, e.text.clone())];
    }
    let line_start = src[..span.start].rfind('\n').map_or(0, |p| p + 1);
    let line_end = src[span.end..].find('\n').map_or(src.len(), |p| span.end + p);
    let before = &src[line_start..span.start];
    let after = &src[span.end..line_end];
    let mut out: Vec<(Mark, String)> = Vec::new();
    let mut cut_before: String = before.chars().rev().take(window).collect::<Vec<_>>().into_iter().rev().collect();
    let lead = if cut_before.len() < before.len() { "…" } else { "" };
    // A cut text starts and ends at a word boundary.
    if !lead.is_empty() {
        if let Some(i) = cut_before.find(char::is_whitespace) {
            cut_before = cut_before[i..].trim_start().to_string();
        }
    }
    out.push((Mark::Plain, format!("{lead}{}", collapse(&cut_before, true))));
    let place = &src[span];
    match other {
        Some(o) => {
            let theirs: std::collections::BTreeSet<String> = tokens(o).into_iter().map(|t| t.key).collect();
            let mut last = 0;
            for t in tokens(place) {
                let mark = if theirs.contains(&t.key) { Mark::Place } else { Mark::Changed };
                out.push((Mark::Place, collapse(&place[last..t.range.start], false)));
                out.push((mark, t.text.to_string()));
                last = t.range.end;
            }
            out.push((Mark::Place, collapse(&place[last..], false)));
        }
        None => out.push((Mark::Place, collapse(place, false))),
    }
    let mut cut_after: String = after.chars().take(window).collect();
    let tail = if cut_after.len() < after.len() { "…" } else { "" };
    if !tail.is_empty() {
        if let Some(i) = cut_after.rfind(char::is_whitespace) {
            cut_after.truncate(i);
        }
    }
    out.push((Mark::Plain, format!("{}{tail}", collapse(&cut_after, true))));
    // Merge neighbours of one mark and drop empty runs.
    let mut merged: Vec<(Mark, String)> = Vec::new();
    for (m, s) in out {
        if s.is_empty() {
            continue;
        }
        match merged.last_mut() {
            Some((lm, ls)) if *lm == m => ls.push_str(&s),
            _ => merged.push((m, s)),
        }
    }
    merged
}

/// White space runs (line breaks of a paragraph split over lines) as one space; the edges of
/// plain text are kept as a space so words do not run into the place.
fn collapse(s: &str, keep_edges: bool) -> String {
    let inner = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if !keep_edges || inner.is_empty() {
        return if s.is_empty() || !inner.is_empty() { inner } else { " ".to_string() };
    }
    let lead = if s.starts_with(char::is_whitespace) { " " } else { "" };
    let tail = if s.ends_with(char::is_whitespace) { " " } else { "" };
    format!("{lead}{inner}{tail}")
}

/// Hand-built findings for the report modules' tests.
#[cfg(test)]
pub(crate) mod testing {
    use crate::document::Document;
    use crate::findings::{Finding, Kind, Severity};

    /// Two documents that date one event differently, and the finding about them with a
    /// confidence, as the engine will give it.
    pub fn dated() -> (Vec<Document>, Vec<Finding>) {
        let mut a = Document::plain("a.txt", "The bridge opened on 30 June <b>, the council said.\n");
        let mut b = Document::plain("b.txt", "The bridge opened on 30 July, the mayor said.\n");
        let mut c = Document::plain("c.txt", "Officials said the bridge opened on 30 June.\n");
        b.id = 1;
        c.id = 2;
        a.id = 0;
        let docs = vec![a, b, c];
        let rule = crate::rules::parse_pack("t.toml", "[[rule]]\nid = \"date-conflicts\"\nkind = \"dates\"\n");
        let mut b = crate::findings::FindingBuilder::new(
            &rule.rules[0].rule,
            Kind::Date,
            "date of `bridge opened`",
            "date of `bridge opened`: 30 June / 30 July",
        )
        .confidence(0.874)
        .severity(Severity::Warning);
        for (d, what, value) in
            [(0, "30 June", "2024-06-30"), (1, "30 July", "2024-07-30"), (2, "30 June", "2024-06-30")]
        {
            let at = docs[d].source.find(what).unwrap();
            b = b.evidence(&docs[d], at..at + what.len(), value, Some("value"));
        }
        (docs, crate::findings::finalize(vec![b.build()]))
    }
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
    fn tally_counts_documents_per_value_most_first() {
        let (_, fs) = testing::dated();
        assert_eq!(tally(&fs[0]).unwrap(), "2 documents say `30 June`, 1 says `30 July`");
    }

    #[test]
    fn word_diff_compares_words_not_punctuation() {
        let d = word_diff("puts our valley back on the map,", "puts our region back on the map");
        assert_eq!(diff_line(&d), "puts our [-valley-] {+region+} back on the map,");
    }

    #[test]
    fn excerpt_marks_the_place_and_changed_words() {
        let doc = Document::plain("a.txt", "He said it puts our valley\nback on the map, and left.\n");
        let at = doc.source.find("puts").unwrap();
        let end = doc.source.find(" and").unwrap();
        let e = crate::findings::evidence(&doc, at..end, String::new(), Some("quote"));
        let x = excerpt(&doc, &e, Some("puts our region back on the map"), 40);
        let changed: Vec<&str> = x.iter().filter(|(m, _)| *m == Mark::Changed).map(|(_, s)| s.as_str()).collect();
        assert_eq!(changed, ["valley"]);
        let all: String = x.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(all, "He said it puts our valley back on the map, and left.");
    }

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
