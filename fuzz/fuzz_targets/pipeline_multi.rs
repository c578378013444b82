#![no_main]
//! `pipeline_multi`: two to five documents through `read_bytes` and the engine with the default
//! rules, so the comparisons between documents are fuzzed too, then every report format. The
//! input is split at NUL bytes (a NUL makes a text document binary anyway); each part's first
//! byte picks its format (0 text, 1 Markdown, 2 HTML, 3 Word). No internal error, every evidence
//! inside its document's source on character boundaries, and only `--format github` writes lines
//! that start a workflow command.

use std::sync::LazyLock;

use crosscheck::document::load::read_bytes;
use crosscheck::document::Format;
use crosscheck::engine::{check, EngineOptions};
use crosscheck::report::{
    concise::ConciseReporter, github::GithubReporter, html::HtmlReporter, human::HumanReporter, json::JsonReporter,
    markdown::MarkdownReporter, sarif::SarifReporter, Outcome, Reporter,
};
use crosscheck::rules::{parse_pack, RuleSet, DEFAULT_PACK, DEFAULT_PACK_PATH};
use libfuzzer_sys::fuzz_target;

static RULES: LazyLock<RuleSet> = LazyLock::new(|| {
    let (set, errors) = RuleSet::from_packs(vec![parse_pack(DEFAULT_PACK_PATH, DEFAULT_PACK)]);
    assert!(errors.is_empty(), "default pack has errors: {errors:?}");
    set
});

fuzz_target!(|data: &[u8]| {
    let mut docs = Vec::new();
    for (i, part) in data.split(|&b| b == 0).take(5).enumerate() {
        let Some((&first, bytes)) = part.split_first() else { continue };
        let format = [Format::Text, Format::Markdown, Format::Html, Format::Docx][first as usize % 4];
        if let Ok(mut d) = read_bytes(&format!("doc{i}"), format, bytes) {
            crosscheck_fuzz::check_map(&d.source, &d.text, &d.map);
            d.id = docs.len();
            docs.push(d);
        }
    }
    if docs.len() < 2 {
        return;
    }
    let checked = check(&docs, &RULES, &EngineOptions::default());
    assert!(checked.errors.is_empty(), "internal errors: {:?}", checked.errors);
    for f in &checked.findings {
        for ev in &f.evidence {
            let src = &docs[ev.doc].source;
            let r = &ev.source_span;
            assert!(r.start <= r.end && r.end <= src.len(), "evidence {r:?} outside the source ({})", src.len());
            assert!(src.is_char_boundary(r.start) && src.is_char_boundary(r.end), "evidence {r:?} off a boundary");
            assert!(ev.line >= 1 && ev.column >= 1, "evidence position {}:{}", ev.line, ev.column);
            assert!((ev.line, ev.column) <= (ev.end_line, ev.end_column), "evidence ends before it starts");
        }
    }
    let outcome =
        Outcome { documents: &docs, findings: &checked.findings, suppressed: &[], errors: &[], rules: &RULES.rules };
    let reporters: [(&str, Box<dyn Reporter>); 7] = [
        ("human", Box::new(HumanReporter { color: false, width: 100 })),
        ("concise", Box::new(ConciseReporter)),
        ("json", Box::new(JsonReporter)),
        ("sarif", Box::new(SarifReporter { root: std::path::PathBuf::from("/") })),
        ("github", Box::new(GithubReporter)),
        ("html", Box::new(HtmlReporter)),
        ("markdown", Box::new(MarkdownReporter { limit: None })),
    ];
    for (name, r) in reporters {
        let mut out = Vec::new();
        r.write(&outcome, &mut out).unwrap();
        let out = String::from_utf8(out).expect("reports are UTF-8");
        for line in out.lines() {
            if name == "github" {
                assert!(line.starts_with("::"), "github: a line that is not a command: {line:?}");
            } else {
                assert!(!line.starts_with("::"), "{name}: {line:?}");
            }
        }
    }
});
