//! `--format human` (the default): rustc-style diagnostics, one block per finding with every
//! place it was seen, then a summary line. Colour only when asked for or on a terminal.

use std::collections::BTreeMap;
use std::io::{self, Write};

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

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
    // Keep the first place of each (document, form) pair and draw those; count the rest.
    let mut shown: Vec<&Evidence> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for e in &f.evidence {
        if seen.insert((e.doc, e.text.as_str(), e.role.as_deref())) {
            shown.push(e);
        }
    }
    let hidden_forms = shown.len().saturating_sub(MAX_SNIPPETS);
    shown.truncate(MAX_SNIPPETS);
    let repeats = f.evidence.len() - shown.len() - hidden_forms;

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
        let Some(doc) = outcome.documents.get(e.doc) else { continue };
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
    if f.kind == crate::findings::Kind::Spelling {
        // Every form, how often, and where: `Hayk-Mek` ×2 in b.txt:9, 11.
        let mut forms: BTreeMap<&str, BTreeMap<&str, Vec<usize>>> = BTreeMap::new();
        for e in &f.evidence {
            forms.entry(e.text.as_str()).or_default().entry(e.document.as_str()).or_default().push(e.line);
        }
        for (form, docs) in forms {
            let n: usize = docs.values().map(Vec::len).sum();
            let places: Vec<String> = docs
                .iter()
                .map(|(d, lines)| {
                    let mut lines = lines.clone();
                    lines.dedup();
                    let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
                    format!("{}:{}", escape_controls(d), lines.join(","))
                })
                .collect();
            notes.push(format!("`{}` ×{n} in {}", escape_controls(form), places.join("; ")));
        }
    }
    if let Some(diff) = &f.diff {
        let parts: Vec<String> = diff
            .iter()
            .filter(|seg| !seg.text.trim().is_empty())
            .map(|seg| match seg.tag.as_str() {
                "delete" => format!("[-{}-]", escape_controls(seg.text.trim())),
                "insert" => format!("{{+{}+}}", escape_controls(seg.text.trim())),
                _ => escape_controls(seg.text.trim()).into_owned(),
            })
            .collect();
        notes.push(format!("wording: {}", parts.join(" ")));
    }
    if let Some(score) = f.score {
        notes.push(format!("similarity {score:.2}"));
    }
    if hidden_forms + repeats > 0 {
        notes.push(format!("and {} more place(s) not drawn", hidden_forms + repeats));
    }
    for n in notes {
        report.push(Group::with_title(Level::NOTE.secondary_title(n)));
    }
    if let Some(c) = &f.canonical {
        report
            .push(Group::with_title(Level::HELP.secondary_title(format!("preferred form: `{}`", escape_controls(c)))));
    }
    renderer.render(&report)
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

/// The closing line: what was found, in how many documents, and what could not be read.
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
    let e = outcome.errors.iter().filter(|e| !e.warning).count();
    if e > 0 {
        line.push_str(&format!("; {e} input{} could not be used (see errors above)", plural(e)));
    }
    let w = outcome.errors.len() - e;
    if w > 0 {
        line.push_str(&format!("; {w} input{} skipped (see warnings above)", plural(w)));
    }
    line
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
