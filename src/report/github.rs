//! `--format github`: workflow commands that GitHub Actions shows as annotations on the
//! documents, one per place of each finding, so every document that disagrees is marked.

use std::io::{self, Write};

use super::{Outcome, Reporter};
use crate::findings::Severity;

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
            let command = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            // One annotation per line of a document: a person and a title on one line are one place.
            let mut places: Vec<&crate::findings::Evidence> = Vec::new();
            for e in &f.evidence {
                if !places.iter().any(|p| p.document == e.document && p.line == e.line) {
                    places.push(e);
                }
            }
            let n = places.len();
            for (i, e) in places.iter().enumerate() {
                let mut others: Vec<String> = Vec::new();
                for o in places.iter().filter(|o| o.document != e.document) {
                    let at = format!("{}:{}", o.document, o.line);
                    if !others.contains(&at) && others.len() < 3 {
                        others.push(at);
                    }
                }
                let mut msg = f.message.clone();
                if n > 1 {
                    msg.push_str(&format!(" ({} of {n}", i + 1));
                    if !others.is_empty() {
                        msg.push_str(&format!("; see also {}", others.join(", ")));
                    }
                    msg.push(')');
                }
                writeln!(
                    out,
                    "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                    property(&e.document),
                    e.line,
                    e.column,
                    e.end_line,
                    e.end_column,
                    property(&format!("crosscheck {} ({})", f.rule, f.kind.as_str())),
                    data(&msg)
                )?;
            }
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
    fn escapes_separators_and_newlines() {
        assert_eq!(data("50% of\nit"), "50%25 of%0Ait");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
        assert_eq!(data("x\r\n::error::forged\x1b[2K"), "x%0D%0A::error::forged\\u{1b}[2K");
    }
}
