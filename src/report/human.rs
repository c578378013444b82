//! `--format human` (the default): rustc-style diagnostics, one block per finding with every
//! place it was seen, then a summary line. Colour only when asked for or on a terminal.
//!
//! The places of the side fewest documents hold are drawn first, and a note per side says how
//! many documents hold it and where, so a large set never hides the one document that disagrees.

use std::collections::BTreeMap;
use std::io::{self, Write};

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

pub use super::summary;
use super::{escape_controls, Outcome, Reporter};
use crate::findings::{Evidence, Finding, Severity};

/// How many places of one finding are drawn; the rest are counted in a note.
const MAX_SNIPPETS: usize = 8;

pub struct HumanReporter {
    pub color: bool,
    /// Width long lines are cut to around the marked span.
    pub width: usize,
}

impl Reporter for HumanReporter {
    fn write(&self, outcome: &Outcome<'_>, out: &mut dyn Write) -> io::Result<()> {
        let renderer = if self.color { Renderer::styled() } else { Renderer::plain() }
            .decor_style(DecorStyle::Unicode)
            .term_width(self.width);
        for f in outcome.findings {
            let text = render_finding(&renderer, outcome, f);
            writeln!(out, "{text}\n")?;
        }
        writeln!(out, "{}", summary(outcome))
    }
}

fn level(s: Severity) -> Level<'static> {
    match s {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

fn render_finding(renderer: &Renderer, outcome: &Outcome<'_>, f: &Finding) -> String {
    let sides = f.sides();
    let shown = places_to_draw(f, &sides);
    let drawn_sides = shown.iter().filter(|e| e.role.as_deref() == f.side_role()).count();
    let not_drawn = sides.iter().map(|s| s.places.len()).sum::<usize>().saturating_sub(drawn_sides);

    // The renderer escapes control characters in source lines, not in titles, paths or notes.
    let title = format!("{} [{}]", escape_controls(&f.message), f.kind.as_str());
    let mut group = Group::with_title(level(f.severity).primary_title(title).id(f.rule.as_str()));
    // Places on the same line of one document share a snippet.
    let mut i = 0;
    while i < shown.len() {
        let e = shown[i];
        let mut same: Vec<&Evidence> = vec![e];
        while i + 1 < shown.len() && shown[i + 1].doc == e.doc && shown[i + 1].line == e.line {
            i += 1;
            same.push(shown[i]);
        }
        i += 1;
        let Some(doc) = outcome.document(e) else { continue };
        let src = &doc.source;
        let first = same.iter().map(|x| x.source_span.start).min().unwrap_or(0);
        let last = same.iter().map(|x| x.source_span.end).max().unwrap_or(0);
        let std::ops::Range { start, end } = doc.lines_of(first..last);
        // The renderer breaks lines at `\n` only; a lone `\r` is a break too (same length).
        let lines = crate::document::lone_cr_as_lf(&src[start..end]);
        let mut snippet = Snippet::source(lines).line_start(e.line).path(escape_controls(&doc.path));
        for x in same {
            let span = x.source_span.start - start..x.source_span.end - start;
            snippet = snippet
                .annotation(AnnotationKind::Primary.span(span).label(escape_controls(&label(f, x)).into_owned()));
        }
        group = group.element(snippet);
    }
    let mut report: Vec<Group> = vec![group];
    let mut notes: Vec<String> = Vec::new();
    if sides.len() > 1 {
        // Each value, how many documents hold it, and where: the fewest first, as drawn.
        for k in fewest_first(&sides) {
            let s = &sides[k];
            let mut docs: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
            for e in &s.places {
                docs.entry(e.document.as_str()).or_default().push(e.line);
            }
            let places: Vec<String> = docs
                .iter()
                .map(|(d, lines)| {
                    let mut lines = lines.clone();
                    lines.dedup();
                    let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
                    format!("{d}:{}", lines.join(","))
                })
                .collect();
            let n = s.documents.len();
            let times = if s.places.len() > n { format!(", {} places", s.places.len()) } else { String::new() };
            notes.push(format!(
                "{} in {n} document{}{times}: {}",
                super::side_label(f, &sides, k),
                super::plural(n),
                places.join("; ")
            ));
        }
    }
    let versions = super::versions(f);
    if versions.is_empty() {
        if let Some(diff) = &f.diff {
            notes.push(format!("wording: {}", super::diff_line(diff)));
        }
    } else {
        for v in &versions {
            notes.push(format!("wording in {}: {}", v.side.documents.join(", "), super::diff_line(&v.diff)));
        }
    }
    if let Some(score) = f.score {
        notes.push(format!("similarity {score:.2}"));
    }
    if let Some(c) = f.confidence {
        notes.push(format!("confidence {}", super::confidence(c)));
    }
    if not_drawn > 0 {
        notes.push(format!("and {not_drawn} more place{} not drawn", super::plural(not_drawn)));
    }
    for n in notes {
        report.push(Group::with_title(Level::NOTE.secondary_title(escape_controls(&n).into_owned())));
    }
    if let Some(c) = &f.canonical {
        report
            .push(Group::with_title(Level::HELP.secondary_title(format!("preferred form: `{}`", escape_controls(c)))));
    }
    renderer.render(&report)
}

/// Indexes of the sides, the side held by the fewest documents first; sides held by as many
/// documents keep the order they were seen in.
fn fewest_first(sides: &[crate::findings::Side<'_>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..sides.len()).collect();
    order.sort_by_key(|&k| (sides[k].documents.len(), sides[k].places.len()));
    order
}

/// The places drawn for a finding: the side held by the fewest documents first, so the one
/// document that disagrees is never the one left out; every side gets a place before any gets a
/// second, one place per document and writing, at most [`MAX_SNIPPETS`]. Context evidence on a
/// drawn place's line (the person a title is given to) is drawn with it.
fn places_to_draw<'a>(f: &'a Finding, sides: &[crate::findings::Side<'a>]) -> Vec<&'a Evidence> {
    let mut queues: Vec<Vec<&Evidence>> = fewest_first(sides)
        .into_iter()
        .map(|k| &sides[k])
        .map(|s| {
            let mut seen = std::collections::BTreeSet::new();
            s.places.iter().copied().filter(|e| seen.insert((e.doc, e.text.as_str()))).collect()
        })
        .collect();
    let mut picked: Vec<Vec<&Evidence>> = vec![Vec::new(); queues.len()];
    let mut total = 0;
    let mut round = 0;
    while total < MAX_SNIPPETS && queues.iter().any(|q| round < q.len()) {
        for (q, p) in queues.iter_mut().zip(picked.iter_mut()) {
            if total < MAX_SNIPPETS && round < q.len() {
                p.push(q[round]);
                total += 1;
            }
        }
        round += 1;
    }
    let context: Vec<&Evidence> = f.context_evidence().collect();
    let mut out: Vec<&Evidence> = Vec::new();
    for side in picked {
        let mut side = side;
        side.sort_by_key(|e| (e.document.as_str(), e.source_span.start));
        for e in side {
            let mut line: Vec<&Evidence> = vec![e];
            line.extend(context.iter().copied().filter(|c| c.doc == e.doc && c.line == e.line && !out.contains(c)));
            line.sort_by_key(|x| x.source_span.start);
            for x in line {
                if !out.iter().any(|o| std::ptr::eq(*o, x)) {
                    out.push(x);
                }
            }
        }
    }
    out
}

/// What an annotation says under its span: the normalised value where it tells the reader
/// something the surface does not (`2022-03-15`, `3400 kg`, `judge`), else the part it plays.
fn label(f: &Finding, e: &Evidence) -> String {
    use crate::findings::Kind;
    match f.kind {
        // A spelling's folded key means little to a reader; the forms note says it all.
        Kind::Spelling | Kind::Quote => String::new(),
        Kind::Attribution => e.role.clone().unwrap_or_default(),
        _ => match &e.role {
            Some(r) if crate::text::fold(&e.value) == crate::text::fold(&e.text) || r == "person" => r.clone(),
            Some(r) => format!("{r}: {}", e.value),
            None => e.value.clone(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_minority_is_drawn_first_with_a_note_per_side_and_the_confidence() {
        let (docs, findings) = crate::report::testing::dated();
        let outcome = Outcome { documents: &docs, findings: &findings, suppressed: &[], errors: &[], rules: &[] };
        let mut out = Vec::new();
        HumanReporter { color: false, width: 120 }.write(&outcome, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let first = text.lines().find(|l| l.contains("╭▸")).unwrap();
        assert!(first.ends_with("b.txt:1:22"), "{text}");
        let notes: Vec<&str> = text.lines().filter(|l| l.starts_with("note:")).collect();
        assert_eq!(
            notes,
            [
                "note: `30 July` in 1 document: b.txt:1",
                "note: `30 June` in 2 documents: a.txt:1; c.txt:1",
                "note: confidence 87%"
            ],
            "{text}"
        );
    }
}
