//! The aligned passage pairs of a document set, shared by every comparison that needs to know
//! which sentences of two documents report the same thing (values, titles, attribution).
//!
//! Alignment runs once per run, on first use; each pair's word diff is computed with it.

use rayon::prelude::*;

use crate::align::{self, AlignSettings, AlignStats, AlignedPair, Segment};
use crate::engine::Context;
use crate::findings::DiffSegment;

/// Aligned pairs with their word diffs.
#[derive(Debug, Default)]
pub struct Alignment {
    pub pairs: Vec<AlignedPair>,
    pub diffs: Vec<Vec<Segment>>,
    pub stats: AlignStats,
}

impl Alignment {
    pub fn diff_of(&self, pair: usize) -> &[Segment] {
        &self.diffs[pair]
    }
}

/// Aligns the sentences of every document.
pub fn align_set(cx: &Context) -> Alignment {
    let texts = cx.texts();
    let settings: &AlignSettings = &cx.options.align;
    let (pairs, stats) = align::align(&texts, &cx.sentences, settings);
    let diffs = pairs
        .par_iter()
        .map(|p| align::word_diff(texts[p.a.doc], p.a.range.clone(), texts[p.b.doc], p.b.range.clone()))
        .collect();
    Alignment { pairs, diffs, stats }
}

/// A word diff in the report's terms.
pub fn to_report_diff(segments: &[Segment]) -> Vec<DiffSegment> {
    let mut out: Vec<DiffSegment> = Vec::new();
    for s in segments {
        let tag = match s.tag {
            align::SegmentTag::Equal => "equal",
            align::SegmentTag::Delete => "delete",
            align::SegmentTag::Insert => "insert",
        };
        match out.last_mut() {
            Some(last) if last.tag == tag => last.text.push_str(&s.text),
            _ => out.push(DiffSegment { tag: tag.to_string(), text: s.text.clone() }),
        }
    }
    out
}
