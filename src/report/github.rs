//! `--format github`: workflow commands that GitHub Actions shows as annotations, one per
//! finding at its first place; the message tallies the sides and names the other places.
//!
//! GitHub shows only ten annotations of each type per step, so one per place (53 for a set of six
//! documents) would hide most findings. With `GITHUB_STEP_SUMMARY` set, the command line also
//! appends the Markdown report to the job summary, where every finding is listed.

use std::io::{self, Write};

use super::{Outcome, Reporter};
use crate::findings::Severity;

/// Other places named in an annotation before the rest are counted.
const MAX_OTHERS: usize = 5;

pub struct GithubReporter;

/// Escapes the message part of a workflow command: the runner's own escapes for `%`, CR and
/// LF (so a name or quote cannot end the command and start another line), then any other
/// control character as the other human-facing formats write it.
fn data(s: &str) -> String {
    let s = s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    super::escape_controls(&s).into_owned()
}

/// Escapes a property value (`file=`, `title=`), where `:` and `,` are separators too.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

impl Reporter for GithubReporter {
    fn write(&self, outcome: &Outcome<'_>, out: &mut dyn Write) -> io::Result<()> {
        for f in outcome.findings {
            let Some(first) = f.evidence.first() else { continue };
            let command = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut others: Vec<String> = Vec::new();
            for e in &f.evidence[1..] {
                let at = format!("{}:{}", e.document, e.line);
                if (e.document != first.document || e.line != first.line) && !others.contains(&at) {
                    others.push(at);
                }
            }
            let mut msg = f.message.clone();
            if let Some(t) = super::tally(f) {
                msg.push_str(&format!("\n{t}"));
            }
            if !others.is_empty() {
                let more = others.len().saturating_sub(MAX_OTHERS);
                others.truncate(MAX_OTHERS);
                msg.push_str(&format!("\nalso at {}", others.join(", ")));
                if more > 0 {
                    msg.push_str(&format!(" and {more} more place{}", super::plural(more)));
                }
            }
            let mut title = format!("crosscheck {} ({})", f.rule, f.kind.as_str());
            if let Some(c) = f.confidence {
                title.push_str(&format!(" {}", super::confidence(c)));
            }
            writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                property(&first.document),
                first.line,
                first.column,
                first.end_line,
                first.end_column,
                property(&title),
                data(&msg)
            )?;
        }
        for e in outcome.errors {
            let mut loc = format!("file={}", property(&e.path));
            if let Some(l) = e.line {
                loc.push_str(&format!(",line={l}"));
            }
            if let Some(c) = e.column {
                loc.push_str(&format!(",col={c}"));
            }
            let command = if e.warning { "warning" } else { "error" };
            writeln!(out, "::{command} {loc},title=crosscheck::{}", data(&e.message))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_annotation_per_finding_naming_the_other_places() {
        let (docs, findings) = crate::report::testing::dated();
        let outcome = Outcome { documents: &docs, findings: &findings, suppressed: &[], errors: &[], rules: &[] };
        let mut out = Vec::new();
        GithubReporter.write(&outcome, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 1, "{text}");
        assert_eq!(
            text.trim_end(),
            "::warning file=a.txt,line=1,col=22,endLine=1,endColumn=29,title=crosscheck date-conflicts (date) 87%25::\
             date of `bridge opened`: 30 June / 30 July%0A2 documents say `30 June`, 1 says `30 July`%0Aalso at b.txt:1, c.txt:1"
        );
    }

    #[test]
    fn escapes_separators_and_newlines() {
        assert_eq!(data("50% of\nit"), "50%25 of%0Ait");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
        assert_eq!(data("x\r\n::error::forged\x1b[2K"), "x%0D%0A::error::forged\\u{1b}[2K");
    }
}
