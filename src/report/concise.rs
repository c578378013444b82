//! `--format concise`: one line per finding, `path:line:col: severity[rule] message`, with the
//! other places listed after it. For logs, editors' quickfix lists and quick looks.

use std::io::{self, Write};

use super::{escape_controls, line_start_path, summary, Outcome, Reporter};

pub struct ConciseReporter;

impl Reporter for ConciseReporter {
    fn write(&self, outcome: &Outcome<'_>, out: &mut dyn Write) -> io::Result<()> {
        for f in outcome.findings {
            let Some(first) = f.evidence.first() else { continue };
            let mut others: Vec<String> = Vec::new();
            for e in &f.evidence[1..] {
                let at = format!("{}:{}:{}", escape_controls(&e.document), e.line, e.column);
                if (e.document != first.document || e.line != first.line) && !others.contains(&at) {
                    others.push(at);
                }
            }
            write!(
                out,
                "{}:{}:{}: {}[{}] {}",
                line_start_path(&first.document),
                first.line,
                first.column,
                f.severity.as_str(),
                escape_controls(&f.rule),
                escape_controls(&f.message)
            )?;
            if let Some(c) = f.confidence {
                write!(out, " [{}]", super::confidence(c))?;
            }
            if !others.is_empty() {
                write!(out, " (also {})", others.join(", "))?;
            }
            writeln!(out)?;
        }
        writeln!(out, "{}", summary(outcome))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_per_finding_with_its_confidence() {
        let (docs, findings) = crate::report::testing::dated();
        let outcome = Outcome { documents: &docs, findings: &findings, suppressed: &[], errors: &[], rules: &[] };
        let mut out = Vec::new();
        ConciseReporter.write(&outcome, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let first = text.lines().next().unwrap();
        assert_eq!(
            first,
            "a.txt:1:22: warning[date-conflicts] date of `bridge opened`: 30 June / 30 July [87%] (also b.txt:1:22, c.txt:1:37)"
        );
    }
}
