#![no_main]
//! `pipeline`: one document through `read_bytes` (format chosen by the first byte) and the
//! engine with the default rules; every evidence points inside the source, on char boundaries.

use std::sync::LazyLock;

use crosscheck::document::load::read_bytes;
use crosscheck::document::Format;
use crosscheck::engine::{check, EngineOptions};
use crosscheck::rules::{parse_pack, RuleSet, DEFAULT_PACK, DEFAULT_PACK_PATH};
use libfuzzer_sys::fuzz_target;

static RULES: LazyLock<RuleSet> = LazyLock::new(|| {
    let (set, errors) = RuleSet::from_packs(vec![parse_pack(DEFAULT_PACK_PATH, DEFAULT_PACK)]);
    assert!(errors.is_empty(), "default pack has errors: {errors:?}");
    set
});

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else { return };
    let format = [Format::Text, Format::Markdown, Format::Html, Format::Docx][first as usize % 4];
    let Ok(doc) = read_bytes("fuzz.input", format, bytes) else { return };
    crosscheck_fuzz::check_map(&doc.source, &doc.text, &doc.map);
    let docs = vec![doc];
    let checked = check(&docs, &RULES, &EngineOptions::default());
    assert!(checked.errors.is_empty(), "internal errors: {:?}", checked.errors);
    let findings = checked.findings;
    let src = &docs[0].source;
    for f in &findings {
        for ev in &f.evidence {
            let r = &ev.source_span;
            assert!(r.start <= r.end && r.end <= src.len(), "evidence {r:?} outside the source ({})", src.len());
            assert!(src.is_char_boundary(r.start) && src.is_char_boundary(r.end), "evidence {r:?} off a boundary");
            assert!(ev.doc == 0 && ev.line >= 1 && ev.column >= 1, "evidence position {}:{}", ev.line, ev.column);
            assert!((ev.line, ev.column) <= (ev.end_line, ev.end_column), "evidence ends before it starts");
        }
    }
});
