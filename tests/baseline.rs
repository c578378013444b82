//! Baselines: record today's findings, then see only new ones. The round trip of the acceptance
//! criteria: an edit elsewhere and a document that agrees change nothing; one new variant is one
//! finding.

mod common;

use common::*;
use serde_json::Value;
use std::fs;
use std::path::Path;

fn run_in(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let out = bin().current_dir(dir).arg("check").args(args).args(["--format", "json"]).output().unwrap();
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("bad JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code().unwrap_or(-1), json, String::from_utf8_lossy(&out.stderr).into_owned())
}

/// A document of my own that agrees with `lviv-daily.txt` wherever it says the same things.
const AGREEING: &str =
    "Drohobych court ruling\n\nThe Lviv Regional Court sentenced Oleh Petrenko, the former mayor of \
Drohobych, to eight years in prison. The verdict was delivered on 15 March 2022.\n\nPetrenko's lawyer, Andriy Melnyk, \
said his client would appeal.\n";

/// The set with an unrelated paragraph put before the first one of a document (every line number
/// after it moves) and a document that agrees added.
fn edit_and_add(set: &Path) {
    let p = set.join("national-news.txt");
    let text = fs::read_to_string(&p).unwrap();
    fs::write(&p, format!("Spring came early to the valley this year and the rivers rose in March.\n\n{text}"))
        .unwrap();
    fs::write(set.join("regional-wire.txt"), AGREEING).unwrap();
}

fn fingerprints(json: &Value) -> Vec<String> {
    let mut v: Vec<String> = findings(json).iter().map(|f| f["fingerprint"].as_str().unwrap().to_string()).collect();
    v.sort();
    v
}

#[test]
fn baseline_round_trip() {
    let tmp = tempfile::tempdir().unwrap();
    let set = tmp.path().join("set");
    fs::create_dir(&set).unwrap();
    for e in fs::read_dir(fixture("court-verdict")).unwrap() {
        let p = e.unwrap().path();
        fs::copy(&p, set.join(p.file_name().unwrap())).unwrap();
    }
    let (_, before, _) = run_in(tmp.path(), &["set"]);
    let n = findings(&before).len();
    assert!(n >= 4, "{before:#}");

    // Writing a baseline records every finding and reports them as known.
    let (code, written, stderr) = run_in(tmp.path(), &["set", "--write-baseline", "baseline.json"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains(&format!("wrote {n} findings to baseline.json")), "{stderr}");
    assert_eq!(findings(&written).len(), 0);
    assert_eq!(written["suppressed"].as_array().unwrap().len(), n);
    let file: Value = serde_json::from_str(&fs::read_to_string(tmp.path().join("baseline.json")).unwrap()).unwrap();
    let recorded: Vec<&str> =
        file["findings"].as_array().unwrap().iter().map(|e| e["fingerprint"].as_str().unwrap()).collect();
    assert_eq!(recorded.len(), n);
    assert!(recorded.windows(2).all(|w| w[0] <= w[1]), "entries are sorted");

    // An unrelated edit and a document that agrees: no finding.
    edit_and_add(&set);
    let (_, all, _) = run_in(tmp.path(), &["set"]);
    assert_eq!(fingerprints(&all), fingerprints(&before), "fingerprints survive the edit and the new document");
    let ids = |j: &Value| findings(j).iter().map(|f| f["id"].to_string()).collect::<Vec<_>>();
    assert_ne!(ids(&all), ids(&before), "ids name the documents, so the new one changes some");
    let (code, after, stderr) = run_in(tmp.path(), &["set", "--baseline", "baseline.json"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(findings(&after), Vec::<Value>::new());
    assert_eq!(after["suppressed"].as_array().unwrap().len(), n);
    assert!(after["suppressed"].as_array().unwrap().iter().all(|s| s["suppressed_by"]["by"] == "baseline"));

    // One new variant, of a name no finding was about: exactly one finding.
    let wire = set.join("regional-wire.txt");
    fs::write(&wire, AGREEING.replace("Oleh Petrenko", "Oleh Petrenco")).unwrap();
    let (code, planted, _) = run_in(tmp.path(), &["set", "--baseline", "baseline.json"]);
    assert_eq!(code, 1);
    let fs_ = findings(&planted);
    assert_eq!(fs_.len(), 1, "{planted:#}");
    assert!(fs_[0]["message"].as_str().unwrap().contains("Petrenco"), "{}", fs_[0]["message"]);
    assert_eq!(planted["suppressed"].as_array().unwrap().len(), n);

    // A third spelling of a name a recorded finding is about is a new disagreement too.
    fs::write(&wire, AGREEING.replace("Andriy Melnyk", "Andriy Melnik")).unwrap();
    let (_, third, _) = run_in(tmp.path(), &["set", "--baseline", "baseline.json"]);
    let fs_ = findings(&third);
    assert_eq!(fs_.len(), 1, "{third:#}");
    assert!(fs_[0]["message"].as_str().unwrap().contains("Melnik"), "{}", fs_[0]["message"]);
    assert_eq!(third["suppressed"].as_array().unwrap().len(), n - 1);
}

#[test]
fn baseline_file_is_deterministic_and_named_in_the_config() {
    let tmp = copy_set("satellite-launch");
    let dir = tmp.path();
    let write = |name: &str, threads: &str| {
        let (code, _, _) = run_in(dir, &[".", "--write-baseline", name, "-j", threads]);
        assert_eq!(code, 0);
        fs::read(dir.join(name)).unwrap()
    };
    assert_eq!(write("one.json", "1"), write("two.json", "2"));
    fs::write(dir.join("crosscheck.toml"), "baseline = \"one.json\"\n").unwrap();
    let (code, json, _) = run_in(dir, &["."]);
    assert_eq!((code, findings(&json).len()), (0, 0), "{json:#}");
    let (code, json, _) = run_in(dir, &[".", "--no-baseline"]);
    assert_eq!(code, 1);
    assert!(!findings(&json).is_empty());
}

#[test]
fn a_broken_baseline_is_a_located_error_and_hides_nothing() {
    let tmp = copy_set("satellite-launch");
    let dir = tmp.path();
    let (_, clean, _) = run_in(dir, &["."]);
    fs::write(dir.join("b.json"), "{\n  \"version\": 1,\n  \"findings\": [ { \"fingerprint\": 7 } ]\n}\n").unwrap();
    let (code, json, stderr) = run_in(dir, &[".", "--baseline", "b.json"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("b.json:3:"), "{stderr}");
    assert_eq!(findings(&json).len(), findings(&clean).len(), "every finding is still reported");
    let (code, _, stderr) = run_in(dir, &[".", "--baseline", "missing.json"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("missing.json: cannot read the baseline"), "{stderr}");
}
