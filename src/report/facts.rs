//! `crosscheck facts`: what crosscheck read in each document (names, dates, figures, titles,
//! quotes, attributions) with their places and normalised values. For rule authors and for
//! anyone asking why a disagreement was, or was not, reported.

use std::io::{self, Write};
use std::ops::Range;

use serde::Serialize;

use crate::document::Document;
use crate::engine::Context;

/// One extracted fact, located in its document's source.
#[derive(Debug, Clone, Serialize)]
pub struct FactRow {
    pub document: String,
    pub line: usize,
    pub column: usize,
    pub kind: &'static str,
    pub text: String,
    pub value: String,
}

/// Every fact of every document, in document and text order.
pub fn rows(cx: &Context) -> Vec<FactRow> {
    let mut out = Vec::new();
    for (i, doc) in cx.docs.iter().enumerate() {
        let f = &cx.facts[i];
        let mut rows: Vec<(usize, FactRow)> = Vec::new();
        let mut push = |span: Range<usize>, kind: &'static str, value: String| {
            rows.push((span.start, row(doc, span, kind, value)));
        };
        for m in &cx.mentions[i] {
            let kind = match m.kind {
                crate::facts::mentions::MentionKind::Name => "name",
                crate::facts::mentions::MentionKind::Identifier => "identifier",
            };
            push(m.span.clone(), kind, crate::correspond::keys::name_key(m.text(&doc.text)));
        }
        for d in &f.dates {
            // Sentences are sorted and disjoint: the one holding the date is found by search, and
            // read near the date only, as the comparison reads it.
            let sents = &cx.sentences[i];
            let sent = sents
                .get(sents.partition_point(|s| s.end < d.span.end))
                .filter(|s| s.start <= d.span.start && d.span.end <= s.end)
                .map(|s| {
                    crate::span::near(&doc.text, s.clone(), d.span.start..d.span.start, crate::compare::context::REACH)
                });
            let key = sent.and_then(|s| crate::facts::dates::event_key(&doc.text, s, d.span.clone()));
            let mut v = crate::compare::values::date_value(d);
            if let Some(k) = key {
                v.push_str(&format!(" (event: {k})"));
            }
            push(d.span.clone(), "date", v);
        }
        for q in &f.numbers {
            let mut v = q.display();
            if let Some(n) = &q.noun {
                v.push_str(&format!(" (counts: {n})"));
            }
            push(q.span.clone(), "number", v);
        }
        for t in &f.titles {
            let key = crate::facts::titles::title_key(&t.title_text, &[]);
            push(t.title.clone(), "title", format!("{} → {}", t.person_text, key.display()));
        }
        for q in &f.quotes {
            let speaker = q.speaker.as_ref().map(|s| format!(" (speaker: {})", s.1)).unwrap_or_default();
            push(q.inner.clone(), "quote", format!("{}{speaker}", crate::facts::quotes::canonical(&q.text)));
        }
        for a in &f.attributions {
            let mut v = format!("{} ({}", a.agent.text, a.verb);
            if let Some(x) = &a.vehicle {
                v.push_str(&format!(", {x}"));
            }
            if let Some(r) = &a.recipient {
                v.push_str(&format!(" to {}", r.1));
            }
            v.push(')');
            push(a.agent.span.clone(), "agent", v);
        }
        rows.sort_by(|a, b| (a.0, a.1.kind).cmp(&(b.0, b.1.kind)));
        out.extend(rows.into_iter().map(|(_, r)| r));
    }
    out
}

fn row(doc: &Document, span: Range<usize>, kind: &'static str, value: String) -> FactRow {
    let src = doc.source_span(span);
    let at = doc.line_col(src.start);
    let text = doc.source[src].split_whitespace().collect::<Vec<_>>().join(" ");
    FactRow { document: doc.path.clone(), line: at.line, column: at.column, kind, text, value }
}

/// Writes the rows as aligned text, grouped by document.
pub fn write_text(rows: &[FactRow], out: &mut dyn Write) -> io::Result<()> {
    let mut current = "";
    for r in rows {
        if r.document != current {
            writeln!(out, "{}", super::line_start_path(&r.document))?;
            current = &r.document;
        }
        let text: String = if r.text.chars().count() > 60 {
            format!("{}…", r.text.chars().take(59).collect::<String>())
        } else {
            r.text.clone()
        };
        let (text, value) = (super::escape_controls(&text), super::escape_controls(&r.value));
        writeln!(out, "  {:>4}:{:<4} {:<6} {:<40} {}", r.line, r.column, r.kind, text, value)?;
    }
    Ok(())
}
