//! Acceptance on the two real articles the project was born from (`../shared/seeds`), judged
//! against their `EXPECTED.toml` with only the default rule pack.

mod common;

use common::*;

#[test]
fn seeds_meet_every_expectation() {
    let seeds = root().join("../shared/seeds");
    if !seeds.join("EXPECTED.toml").is_file() {
        panic!("../shared/seeds is missing: the acceptance test needs the shared folder beside the project");
    }
    let exp = read_expected(&seeds.join("EXPECTED.toml"));
    let (code, json, stderr) = check_json(&[seeds.join("articles").to_str().unwrap()]);
    assert_eq!(code, 1, "findings must fail the run: {stderr}");
    let findings = json["findings"].as_array().unwrap();
    let failures = judge(findings, &exp);
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    let names = findings.iter().filter(|f| f["kind"] == "spelling").count();
    assert!(names <= 8, "too many name findings ({names}) on the seeds");
}

/// With a pack that states the foreign minister's office, the article that calls him President
/// is reported, although no other document mentions him.
#[test]
fn seeds_reference_fact_reports_the_wrong_office() {
    let seeds = root().join("../shared/seeds/articles");
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
    let articles = root().join("../shared/seeds/articles");
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
