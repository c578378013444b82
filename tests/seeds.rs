//! Further checks on the two real articles the project was born from (`../shared/seeds`); their
//! `EXPECTED.toml` is scored in `tests/sets.rs`. Each test is skipped, saying so, when
//! `../shared` is not beside the project.

mod common;

use common::*;

/// The seeds folder, or `None` (with a note on stderr) when `../shared` is not beside the project.
fn seeds(test: &str) -> Option<std::path::PathBuf> {
    let p = root().join("../shared/seeds");
    if p.join("EXPECTED.toml").is_file() {
        Some(p)
    } else {
        eprintln!("{test}: skipped: ../shared/seeds is not beside the project");
        None
    }
}

/// With a pack that states the foreign minister's office, the article that calls him President
/// is reported, although no other document mentions him.
#[test]
fn seeds_reference_fact_reports_the_wrong_office() {
    let Some(seeds) = seeds("seeds_reference_fact_reports_the_wrong_office") else { return };
    let seeds = seeds.join("articles");
    let tmp = tempfile::tempdir().unwrap();
    let pack = tmp.path().join("reference.toml");
    std::fs::write(
        &pack,
        "[[fact]]\nsubject = \"Jeyhun Bayramov\"\ntitle = \"Minister of Foreign Affairs of Azerbaijan\"\n",
    )
    .unwrap();
    let (_, json, stderr) = check_json(&[seeds.to_str().unwrap(), "--rules", pack.to_str().unwrap()]);
    let hits: Vec<&serde_json::Value> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "reference-facts" && has(&body(f), "President of Azerbaijan"))
        .collect();
    assert_eq!(hits.len(), 1, "{stderr}\n{json:#}");
    assert!(hits[0]["evidence"].as_array().unwrap().iter().all(|e| e["document"].as_str().unwrap().contains("004_")));
}

/// The first article is a saved web page: its share block and the teasers of other stories
/// after it must never be the evidence of a finding.
#[test]
fn seeds_boilerplate_is_never_evidence() {
    let Some(seeds) = seeds("seeds_boilerplate_is_never_evidence") else { return };
    let articles = seeds.join("articles");
    let page = std::fs::read_dir(&articles)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("000_"))
        .unwrap();
    let source = std::fs::read_to_string(&page).unwrap();
    let share_line =
        source.lines().position(|l| l.trim_start().starts_with("Share this article")).expect("share line") + 1;
    let (_, json, _) = check_json(&[articles.to_str().unwrap()]);
    for f in json["findings"].as_array().unwrap() {
        for e in f["evidence"].as_array().unwrap() {
            if e["document"].as_str().unwrap().contains("000_") {
                let line = e["line"].as_u64().unwrap() as usize;
                assert!(line < share_line, "evidence in the page's boilerplate (line {line}): {f}");
                assert!(line > 3, "evidence in the page's header (line {line}): {f}");
            }
        }
    }
}
