//! One story in four formats (`fixtures/formats-story`): a saved news page heavy with
//! boilerplate, Markdown with front matter, a plain-text transcript and a Word file built here
//! from `word-paragraphs.txt`. The planted disagreements are found in every format, the page's
//! furniture never speaks, and every place shown points at the real text of its file.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;
use serde_json::Value;

fn story() -> PathBuf {
    root().join("fixtures").join("formats-story")
}

/// The Word version's paragraphs, one a line.
fn word_paragraphs() -> Vec<String> {
    fs::read_to_string(story().join("word-paragraphs.txt")).unwrap().lines().map(str::to_string).collect()
}

/// The three committed versions and a generated `.docx` in a temporary folder.
fn story_set() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for name in ["city-news.html", "wire.md", "radio.txt"] {
        fs::copy(story().join("articles").join(name), tmp.path().join(name)).unwrap();
    }
    let paragraphs = word_paragraphs();
    let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    let docx = crosscheck::document::docx::make_docx(&refs);
    assert!(!docx.is_empty());
    fs::write(tmp.path().join("press-release.docx"), docx).unwrap();
    tmp
}

fn run(dir: &Path) -> (i32, Value, String) {
    check_json(&[dir.to_str().unwrap()])
}

fn evidence(json: &Value) -> Vec<Value> {
    findings(json).iter().flat_map(|f| f["evidence"].as_array().unwrap().clone()).collect()
}

fn file_name(e: &Value) -> String {
    Path::new(e["document"].as_str().unwrap()).file_name().unwrap().to_string_lossy().into_owned()
}

/// The source text from (line, column) to (end_line, end_column), columns in characters.
fn slice(source: &str, e: &Value) -> String {
    let at = |line: &Value, column: &Value| -> usize {
        let (line, column) = (line.as_u64().unwrap() as usize, column.as_u64().unwrap() as usize);
        let start: usize = source.split_inclusive('\n').take(line - 1).map(str::len).sum();
        start + source[start..].chars().take(column - 1).map(char::len_utf8).sum::<usize>()
    };
    let (a, b) = (at(&e["line"], &e["column"]), at(&e["end_line"], &e["end_column"]));
    source[a..b].split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn four_formats_are_read_without_errors() {
    let tmp = story_set();
    let (code, json, stderr) = run(tmp.path());
    assert_eq!(code, 1, "findings fail the run: {stderr}");
    assert!(json["errors"].as_array().unwrap().is_empty(), "{stderr}");
    let docs = json["documents"].as_array().unwrap();
    let names: Vec<String> = docs
        .iter()
        .map(|d| Path::new(d["path"].as_str().unwrap()).file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["city-news.html", "press-release.docx", "radio.txt", "wire.md"]);
}

#[test]
fn planted_findings_are_found_in_every_format() {
    let tmp = story_set();
    let (_, json, _) = run(tmp.path());
    let found = findings(&json);
    // The committed versions' expectations hold with the Word file added (it adds quote pairs,
    // so the exact counts of `strict` do not apply).
    let mut exp = read_expected(&story().join("EXPECTED.toml"));
    exp.strict.clear();
    let failures = judge(&found, &exp);
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));

    // Every planted kind has evidence in at least two formats.
    for kind in ["spelling", "number", "date", "quote", "attribution"] {
        let mut exts: Vec<String> = found
            .iter()
            .filter(|f| f["kind"] == kind)
            .flat_map(|f| f["evidence"].as_array().unwrap().iter().map(file_name).collect::<Vec<_>>())
            .map(|n| n.rsplit('.').next().unwrap().to_string())
            .collect();
        exts.sort();
        exts.dedup();
        assert!(exts.len() >= 2, "{kind}: evidence only in {exts:?}");
    }

    // The Word file's reworded quote is found, at its paragraph.
    let paragraphs = word_paragraphs();
    let in_docx: Vec<Value> = found
        .iter()
        .filter(|f| f["kind"] == "quote")
        .flat_map(|f| f["evidence"].as_array().unwrap().clone())
        .filter(|e| e["document"].as_str().unwrap().ends_with(".docx"))
        .collect();
    assert!(!in_docx.is_empty(), "no quote finding has evidence in the .docx: {json:#}");
    for e in &in_docx {
        let text = e["text"].as_str().unwrap();
        assert!(text.contains("our region back"), "{e}");
        let line = e["line"].as_u64().unwrap() as usize;
        let want = paragraphs.iter().position(|p| p.contains(text)).unwrap() + 1;
        assert_eq!(line, want, "line is the paragraph number: {e}");
        let column = e["column"].as_u64().unwrap() as usize;
        let at: String = paragraphs[line - 1].chars().skip(column - 1).collect();
        assert!(at.starts_with(text), "column {column} of paragraph {line}: {at:?}");
    }
    // The docx agrees on the date and the gates: it is evidence on the majority side.
    let dated = found.iter().find(|f| f["kind"] == "date").unwrap();
    let docx_date = dated["evidence"].as_array().unwrap().iter().find(|e| file_name(e) == "press-release.docx");
    assert_eq!(docx_date.map(|e| e["value"].as_str().unwrap()), Some("2024-09-14"), "{dated:#}");
}

#[test]
fn page_boilerplate_never_becomes_evidence() {
    let tmp = story_set();
    let (_, json, _) = run(tmp.path());
    let html = fs::read_to_string(tmp.path().join("city-news.html")).unwrap();
    // Each of these is only in the page's furniture (script data, "Most read", teasers,
    // tracking call) or the Markdown's code: each would be a finding if it were read.
    let boilerplate = [
        "Kharatishvilli",
        "Kharatishvilly",
        "Kharatischwili",
        "ten boarding gates",
        "21 September 2024",
        "900,000",
        "Munich",
        "tram",
        "Most read",
        "Related stories",
        "cookie",
        "Share",
        "Valley Courier",
    ];
    for e in evidence(&json) {
        for b in boilerplate {
            for key in ["text", "context"] {
                let s = e[key].as_str().unwrap();
                assert!(!s.contains(b), "boilerplate `{b}` in evidence {key}: {e}");
            }
        }
    }
    for b in boilerplate {
        assert!(!json["findings"].to_string().contains(b), "`{b}` appears in a finding");
    }
    // Every page evidence lies inside the <article> element.
    let line_of = |needle: &str| html.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let (open, close) = (line_of("<article"), line_of("</article>"));
    let page: Vec<Value> = evidence(&json).into_iter().filter(|e| file_name(e) == "city-news.html").collect();
    assert!(page.len() >= 5, "{page:?}");
    for e in page {
        let line = e["line"].as_u64().unwrap() as usize;
        assert!(open < line && line < close, "outside <article> (lines {open}..{close}): {e}");
    }
}

#[test]
fn evidence_points_at_the_source_text() {
    let tmp = story_set();
    let (_, json, _) = run(tmp.path());
    let mut after_entity = 0;
    let mut with_entity = 0;
    for e in evidence(&json) {
        let name = file_name(&e);
        if name.ends_with(".docx") {
            continue; // checked against the paragraphs above
        }
        let source = fs::read_to_string(tmp.path().join(&name)).unwrap();
        let text = e["text"].as_str().unwrap();
        assert_eq!(slice(&source, &e), text, "{name}: {e}");
        if name.ends_with(".html") {
            let line = source.lines().nth(e["line"].as_u64().unwrap() as usize - 1).unwrap();
            let before: String = line.chars().take(e["column"].as_u64().unwrap() as usize - 1).collect();
            if before.contains("&#8220;") || before.contains("&#8217;") {
                after_entity += 1;
            }
            if text.contains("&nbsp;") {
                with_entity += 1;
            }
        }
    }
    assert!(after_entity > 0, "no page evidence after an entity on its line");
    assert!(with_entity > 0, "no page evidence spanning an entity");
    // One explicitly: the page's quote, right after `&#8220;`.
    let quote = evidence(&json)
        .into_iter()
        .find(|e| file_name(e) == "city-news.html" && e["text"].as_str().unwrap().contains("our valley back"))
        .unwrap();
    let html = fs::read_to_string(tmp.path().join("city-news.html")).unwrap();
    let line = html.lines().nth(quote["line"].as_u64().unwrap() as usize - 1).unwrap();
    let before: String = line.chars().take(quote["column"].as_u64().unwrap() as usize - 1).collect();
    assert!(before.ends_with("&#8220;"), "{before:?}");
}

#[test]
fn titles_and_dates_come_from_each_format_metadata() {
    let tmp = story_set();
    let (_, json, _) = run(tmp.path());
    let meta = |name: &str| -> (Value, Value) {
        let d = json["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["path"].as_str().unwrap().ends_with(name))
            .unwrap_or_else(|| panic!("{name} not in documents"))
            .clone();
        (d["title"].clone(), d["date"].clone())
    };
    // HTML: the JSON-LD headline (not og:title or <title>), the article:published_time meta (not
    // the JSON-LD datePublished).
    assert_eq!(
        meta("city-news.html"),
        ("Zestagori airport opens its new terminal".into(), "2024-09-15T07:45:00+04:00".into())
    );
    // Markdown: front matter (not the first heading).
    assert_eq!(meta("wire.md"), ("Georgia: Zestagori airport terminal opens".into(), "2024-09-14".into()));
    // Word: docProps/core.xml as make_docx writes it.
    assert_eq!(meta("press-release.docx"), ("Test document".into(), "2023-05-12T09:30:00Z".into()));
    assert_eq!(meta("radio.txt"), (Value::Null, Value::Null));
}
