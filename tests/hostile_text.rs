//! Property test: no text makes the pipeline panic. Every fact kind and every comparison runs on
//! generated document sets full of what byte-offset arithmetic trips on: multi-byte quote marks
//! (curly, guillemets, low-9), combining marks, letters whose case changes their length (`İ`,
//! `ß`, `ẞ`, the Kelvin sign, `ǅ`), right-to-left and wide scripts, line and paragraph breaks of
//! every kind, next to the words that set the recognisers off (`said`, titles, dates, counts,
//! quotes). The documents of a set share sentences, so the comparisons see aligned passages and
//! candidate pairs, not only extraction.
//!
//! A panic inside a rule would be caught by the engine and reported as an internal error, so the
//! property is: no internal error, every evidence inside its document on character boundaries,
//! and every report format renders.

use std::ops::Range;

use crosscheck::document::load::read_bytes;
use crosscheck::document::{Document, Format};
use crosscheck::engine::{check, Context, EngineOptions};
use crosscheck::report::{
    concise::ConciseReporter, github::GithubReporter, html::HtmlReporter, human::HumanReporter, json::JsonReporter,
    markdown::MarkdownReporter, sarif::SarifReporter, Outcome, Reporter,
};
use crosscheck::rules::{parse_pack, RuleSet, DEFAULT_PACK, DEFAULT_PACK_PATH};
use proptest::prelude::*;

/// Pieces that text is assembled from: hostile characters and the words recognisers look for.
const PIECES: &[&str] = &[
    // quote marks and brackets
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "‹",
    "›",
    "„",
    "‚",
    "\"",
    "'",
    "(",
    ")",
    "[",
    "]",
    "「",
    "」",
    // sentence punctuation
    ".",
    ". ",
    ", ",
    "; ",
    ": ",
    "!",
    "?",
    "…",
    "—",
    "–",
    "-",
    "...",
    ".”",
    "”.",
    "»,",
    ",”",
    // breaks and spaces
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\r",
    "\r\n",
    "\r\r",
    "\t",
    "\u{a0}",
    "\u{202f}",
    "\u{2028}",
    "\u{85}",
    "\u{200b}",
    // case-changing and combining
    "İ",
    "İİİİ",
    "ı",
    "ß",
    "ẞ",
    "STRASSE",
    "Straße",
    "K",
    "ǅ",
    "ﬁ",
    "ﬃ",
    "Σ",
    "ΣΑΣ",
    "e\u{301}",
    "\u{301}",
    "a\u{308}\u{308}",
    "\u{20dd}",
    "Å",
    "ﬀ",
    // other scripts and wide characters
    "שלום",
    "مرحبا",
    "東京",
    "한국",
    "👍🏽",
    "👨‍👩‍👧",
    "\u{fffd}",
    "\u{feff}",
    "𝔄𝔠𝔪𝔢",
    // words the recognisers look for
    "said",
    "told",
    "wrote",
    "according to",
    "the company",
    "the ministry",
    "the",
    "a",
    "of",
    "in",
    "on",
    "Andriy",
    "Melnyk",
    "Acme",
    "Ltd",
    "İstanbul",
    "Zürich",
    "O’Brien",
    "Ovan-Tek",
    "Mr.",
    "Dr.",
    "U.N.",
    "Minister",
    "Chief Executive",
    "Judge",
    "President",
    "spokeswoman",
    "letter",
    "statement",
    "to",
    "5",
    "9",
    "1,200",
    "3.5",
    "40 million",
    "$600",
    "per cent",
    "%",
    "people",
    "satellites",
    "2022",
    "15 March 2022",
    "March",
    "02.11.2002",
    "Tuesday",
    "May 4-6, 2019",
];

fn piece() -> impl Strategy<Value = String> {
    prop::sample::select(PIECES).prop_map(str::to_string)
}

/// A sentence of pieces joined by spaces or not at all.
fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec((piece(), any::<bool>()), 1..24).prop_map(|parts| {
        let mut s = String::new();
        for (p, spaced) in parts {
            s.push_str(&p);
            if spaced {
                s.push(' ');
            }
        }
        s
    })
}

/// Two to four documents retelling shared sentences, each with its own changes.
fn document_set() -> impl Strategy<Value = Vec<String>> {
    (prop::collection::vec(sentence(), 1..6), 2..5usize).prop_flat_map(|(shared, n)| {
        let k = shared.len();
        prop::collection::vec(
            prop::collection::vec((0..k, prop::option::of(sentence()), prop::option::of(piece())), 1..8),
            n,
        )
        .prop_map(move |docs| {
            docs.into_iter()
                .map(|plan| {
                    let mut d = String::new();
                    for (i, own, extra) in plan {
                        d.push_str(own.as_deref().unwrap_or(&shared[i]));
                        if let Some(x) = extra {
                            d.push_str(&x);
                        }
                        d.push(' ');
                    }
                    d
                })
                .collect()
        })
    })
}

fn rules() -> RuleSet {
    let (set, errors) = RuleSet::from_packs(vec![parse_pack(DEFAULT_PACK_PATH, DEFAULT_PACK)]);
    assert!(errors.is_empty(), "{errors:?}");
    set
}

fn assert_inside(doc: &Document, r: &Range<usize>, what: &str) {
    let s = &doc.source;
    assert!(r.start <= r.end && r.end <= s.len(), "{what} {r:?} outside {} bytes", s.len());
    assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end), "{what} {r:?} off a char boundary");
}

fn run_set(docs: &[Document]) {
    let set = rules();
    let checked = check(docs, &set, &EngineOptions::default());
    assert!(checked.errors.is_empty(), "internal errors: {:?}", checked.errors);
    for f in &checked.findings {
        for e in &f.evidence {
            assert_inside(&docs[e.doc], &e.source_span, "evidence");
            assert!(e.line >= 1 && e.column >= 1 && (e.line, e.column) <= (e.end_line, e.end_column));
        }
    }
    let outcome =
        Outcome { documents: docs, findings: &checked.findings, suppressed: &[], errors: &[], rules: &set.rules };
    let reporters: [Box<dyn Reporter>; 8] = [
        Box::new(HumanReporter { color: false, width: 80 }),
        Box::new(HumanReporter { color: true, width: 200 }),
        Box::new(ConciseReporter),
        Box::new(JsonReporter),
        Box::new(SarifReporter { root: std::env::temp_dir() }),
        Box::new(GithubReporter),
        Box::new(MarkdownReporter { limit: None }),
        Box::new(HtmlReporter),
    ];
    for r in reporters {
        let mut out = Vec::new();
        r.write(&outcome, &mut out).unwrap();
        assert!(std::str::from_utf8(&out).is_ok());
    }
    // What `crosscheck facts` shows: every fact of every kind, located.
    let options = EngineOptions::default();
    let cx = Context::new(docs, &options);
    assert!(cx.failures.is_empty(), "{:?}", cx.failures);
    let rows = crosscheck::report::facts::rows(&cx);
    crosscheck::report::facts::write_text(&rows, &mut Vec::new()).unwrap();
}

proptest! {
    // PROPTEST_CASES raises the count for a long run by hand; CI keeps the default.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(96),
        ..ProptestConfig::default()
    })]

    #[test]
    fn no_text_makes_the_pipeline_panic(texts in document_set()) {
        let docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let mut d = Document::plain(format!("{i}.txt"), t.clone());
                d.id = i;
                d
            })
            .collect();
        run_set(&docs);
    }

    #[test]
    fn no_markup_makes_the_pipeline_panic(texts in document_set(), formats in prop::collection::vec(0..3u8, 4)) {
        // The same text read as Markdown and HTML, so offset maps that are not the identity are
        // in play (markup and entities change lengths between source and analysis text).
        let mut docs = Vec::new();
        for (i, t) in texts.iter().enumerate() {
            let (format, body) = match formats[i % formats.len()] {
                0 => (Format::Markdown, format!("# {t}\n\n> {t}\n\n* {t}")),
                1 => (Format::Html, format!("<html><body><h1>{t}</h1><p>{}</p><p>&ldquo;{t}&rdquo; &amp;</p></body></html>", t.replace('\n', "<br>"))),
                _ => (Format::Text, t.clone()),
            };
            if let Ok(mut d) = read_bytes(&format!("{i}.doc"), format, body.as_bytes()) {
                d.id = docs.len();
                docs.push(d);
            }
        }
        run_set(&docs);
    }
}

/// The three texts of the issue that crashed the whole run, through the library (the CLI test
/// of the same cases is in `tests/hostile.rs`).
#[test]
fn the_reported_panics_are_gone() {
    let sets: [&[&str]; 4] = [
        &["“Yes”, the company said.", "“No”, the company said."],
        &["Acme İİİİ Ltd, the company said.", "Acme Ltd, the company said."],
        &[
            "Andriy Melnyk said 5 people came to the hearing. The crowd was told the court clerk please quietly “wait”.",
            "Andriy Melnyk said 9 people came to the hearing.",
        ],
        &["\u{201c}Yes\u{201d}, the company said.", "Other text here, the company said."],
    ];
    for texts in sets {
        let docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let mut d = Document::plain(format!("{i}.txt"), *t);
                d.id = i;
                d
            })
            .collect();
        run_set(&docs);
    }
}
