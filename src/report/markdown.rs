//! `--format markdown`: the report as GitHub-flavoured Markdown, for a pull-request comment, a
//! wiki page or the job summary of a GitHub Actions run (`--format github` writes it there).
//!
//! A summary table, then one section per finding: the message, the tally of who says what, a
//! table of the places with the sentence around each, the suggested form and the wording diff.
//! Document text never becomes markup: outside code spans every character Markdown or HTML would
//! read is escaped, so a document cannot inject a link, an image or HTML into the comment.

use std::io::{self, Write};

use super::{excerpt, Mark, Outcome, Reporter};
use crate::findings::{DiffSegment, Finding, Kind, Severity};

pub struct MarkdownReporter {
    /// Findings shown in full before the rest are only counted (the job summary has a size
    /// limit); `None` shows all.
    pub limit: Option<usize>,
}

/// Escapes text so that Markdown and HTML show it as written, inside a line or a table cell:
/// HTML and table characters become entities, emphasis, code, link and heading marks get a
/// backslash, and a leading list or numbered-list mark is escaped too.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '|' => out.push_str("&#124;"),
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    // `1. ` at the start would begin a numbered list.
    if let Some(dot) = out.find(['.', ')']).filter(|&d| d > 0 && out[..d].bytes().all(|b| b.is_ascii_digit())) {
        out.insert(dot, '\\');
    }
    out
}

/// A message whose `code` parts stay code spans and whose other parts are escaped. A value
/// holding a backtick may shift which parts are code, but every part is either escaped or
/// inside a code span, where Markdown shows it literally.
fn message(s: &str) -> String {
    let mut out = String::new();
    for (i, part) in s.split('`').enumerate() {
        if i % 2 == 1 && !part.is_empty() && !part.contains('|') {
            out.push('`');
            out.push_str(part);
            out.push('`');
        } else {
            out.push_str(&escape(part));
        }
    }
    out
}

fn icon(s: Severity) -> &'static str {
    match s {
        Severity::Error => "🛑 error",
        Severity::Warning => "⚠️ warning",
        Severity::Info => "ℹ️ info",
    }
}

/// A diff with deletions struck through and insertions in bold.
fn diff(segments: &[DiffSegment]) -> String {
    let parts: Vec<String> = segments
        .iter()
        .filter(|s| !s.text.trim().is_empty())
        .map(|s| match s.tag.as_str() {
            "delete" => format!("~~{}~~", escape(s.text.trim())),
            "insert" => format!("**{}**", escape(s.text.trim())),
            _ => escape(s.text.trim()),
        })
        .collect();
    parts.join(" ")
}

fn finding(out: &mut dyn Write, outcome: &Outcome<'_>, n: usize, f: &Finding) -> io::Result<()> {
    writeln!(out, "### {n}. {} · `{}` · {}\n", icon(f.severity), f.rule, f.kind.as_str())?;
    writeln!(out, "{}\n", message(&f.message))?;
    let mut facts: Vec<String> = Vec::new();
    if let Some(t) = super::tally(f) {
        facts.push(message(&t));
    }
    if let Some(c) = f.confidence {
        facts.push(format!("confidence {}", escape(&super::confidence(c))));
    }
    if !facts.is_empty() {
        writeln!(out, "{}\n", facts.join(" · "))?;
    }
    writeln!(out, "| document | line:column | as written | sentence |")?;
    writeln!(out, "| --- | --- | --- | --- |")?;
    let sides = f.sides();
    let other = |e: &crate::findings::Evidence| -> Option<&str> {
        if f.kind != Kind::Quote {
            return None;
        }
        let mine = sides.iter().position(|s| s.places.iter().any(|p| std::ptr::eq(*p, e)))?;
        sides.get(if mine == 0 { 1 } else { 0 }).map(|s| s.shown)
    };
    for e in &f.evidence {
        let sentence = match outcome.document(e) {
            Some(doc) => excerpt(doc, e, other(e), 80)
                .into_iter()
                .map(|(m, s)| match m {
                    Mark::Plain => escape(&s),
                    Mark::Place if f.kind == Kind::Quote => format!("*{}*", escape(s.trim())),
                    Mark::Place | Mark::Changed => format!("**{}**", escape(s.trim())),
                })
                .collect::<Vec<_>>()
                .join(""),
            None => escape(&e.context),
        };
        let role = e.role.as_deref().map(|r| format!(" ({})", escape(r))).unwrap_or_default();
        writeln!(
            out,
            "| {} | {}:{} | {}{role} | {sentence} |",
            escape(&e.document),
            e.line,
            e.column,
            escape(&super::shorten(&e.text, 80))
        )?;
    }
    writeln!(out)?;
    if let Some(c) = &f.canonical {
        writeln!(out, "Preferred form: **{}**\n", escape(c))?;
    }
    let versions = super::versions(f);
    if versions.is_empty() {
        if let Some(d) = &f.diff {
            writeln!(out, "Wording: {}\n", diff(d))?;
        }
    } else {
        for v in versions {
            writeln!(out, "Wording in {}: {}\n", escape(&v.side.documents.join(", ")), diff(&v.diff))?;
        }
    }
    Ok(())
}

impl Reporter for MarkdownReporter {
    fn write(&self, outcome: &Outcome<'_>, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "## crosscheck\n")?;
        writeln!(out, "{}\n", escape(&super::summary(outcome)))?;
        if !outcome.findings.is_empty() {
            let mut kinds: Vec<(&str, [usize; 3])> = Vec::new();
            for f in outcome.findings {
                let i = match f.severity {
                    Severity::Error => 0,
                    Severity::Warning => 1,
                    Severity::Info => 2,
                };
                match kinds.iter_mut().find(|(k, _)| *k == f.kind.as_str()) {
                    Some((_, c)) => c[i] += 1,
                    None => {
                        let mut c = [0; 3];
                        c[i] = 1;
                        kinds.push((f.kind.as_str(), c));
                    }
                }
            }
            kinds.sort();
            writeln!(out, "| kind | errors | warnings | info |")?;
            writeln!(out, "| --- | ---: | ---: | ---: |")?;
            for (k, c) in kinds {
                writeln!(out, "| {k} | {} | {} | {} |", c[0], c[1], c[2])?;
            }
            writeln!(out)?;
        }
        let shown = self.limit.unwrap_or(usize::MAX).min(outcome.findings.len());
        for (i, f) in outcome.findings[..shown].iter().enumerate() {
            finding(out, outcome, i + 1, f)?;
        }
        if shown < outcome.findings.len() {
            let more = outcome.findings.len() - shown;
            writeln!(out, "…and {more} more finding{} (see the full report).\n", super::plural(more))?;
        }
        if !outcome.suppressed.is_empty() {
            writeln!(out, "<details><summary>{} suppressed</summary>\n", outcome.suppressed.len())?;
            for s in outcome.suppressed {
                writeln!(out, "- {} — {}", message(&s.finding.message), escape(&s.suppressed_by.describe()))?;
            }
            writeln!(out, "\n</details>\n")?;
        }
        if !outcome.errors.is_empty() {
            writeln!(out, "**Inputs not used**\n")?;
            for e in outcome.errors {
                let what = if e.warning { "warning" } else { "error" };
                writeln!(out, "- {what}: {}", escape(&e.to_string()))?;
            }
            writeln!(out)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(limit: Option<usize>) -> String {
        let (docs, findings) = crate::report::testing::dated();
        let outcome = Outcome { documents: &docs, findings: &findings, suppressed: &[], errors: &[], rules: &[] };
        let mut out = Vec::new();
        MarkdownReporter { limit }.write(&outcome, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_finding_has_its_tally_confidence_and_places() {
        let md = render(None);
        assert!(md.contains("2 documents say `30 June`, 1 says `30 July` · confidence 87%"), "{md}");
        assert!(
            md.contains(
                "| a.txt | 1:22 | 30 June (value) | The bridge opened on **30 June** &lt;b&gt;, the council said. |"
            ),
            "{md}"
        );
        assert_eq!(md.matches("| b.txt |").count(), 1, "{md}");
    }

    #[test]
    fn document_text_cannot_become_markup() {
        assert_eq!(escape("<img src=x> [a](b) | *c*"), "&lt;img src=x&gt; \\[a\\](b) &#124; \\*c\\*");
        assert_eq!(escape("- 12. item"), "\\- 12. item");
        assert_eq!(escape("12. item"), "12\\. item");
        assert_eq!(message("`<b>` is also written `x|y`"), "`<b>` is also written x&#124;y");
        assert!(render(Some(0)).contains("…and 1 more finding"));
    }
}
