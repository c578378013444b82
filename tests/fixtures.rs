//! Every fixture set under `fixtures/` is checked with the default rules (plus the set's own
//! `rules.toml` if it has one) and judged against its `EXPECTED.toml`.

mod common;

use common::*;

#[test]
fn every_fixture_set_gives_its_expected_findings() {
    let dir = root().join("fixtures");
    let mut sets: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).collect();
    sets.sort();
    let mut failures = Vec::new();
    let mut judged = 0;
    for set in sets.iter().filter(|p| p.join("EXPECTED.toml").is_file()) {
        let exp = read_expected(&set.join("EXPECTED.toml"));
        let docs = set.join("articles");
        let mut args: Vec<String> = vec![docs.to_string_lossy().into_owned()];
        if set.join("rules.toml").is_file() {
            args.push("--rules".into());
            args.push(set.join("rules.toml").to_string_lossy().into_owned());
        }
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let (_, json, stderr) = check_json(&argv);
        assert!(json["errors"].as_array().unwrap().is_empty(), "{}: input errors: {stderr}", set.display());
        let findings = json["findings"].as_array().unwrap();
        for f in judge(findings, &exp) {
            failures.push(format!("{}: {f}", set.file_name().unwrap().to_string_lossy()));
        }
        judged += 1;
    }
    assert!(judged >= 3, "expected at least three fixture sets, found {judged}");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
