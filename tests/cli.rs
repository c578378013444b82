//! The command line as users and CI meet it: exit codes, errors that name the place, output that
//! does not depend on argument order or threads, and bad input that never hides other findings.

mod common;

use common::*;
use serde_json::Value;
use std::fs;

#[test]
fn findings_exit_one_and_clean_sets_exit_zero() {
    let (code, json, _) = check_json(&[&fixture("satellite-launch")]);
    assert!(!findings(&json).is_empty());
    assert_eq!(code, 1);
    let (code, json, _) = check_json(&[&fixture("museum-faithful"), "--fail-on", "warning"]);
    let serious = findings(&json).iter().filter(|f| f["severity"] != "info").count();
    assert_eq!(serious, 0, "{json:#}");
    assert_eq!(code, 0);
    let (code, _, _) = check_json(&[&fixture("satellite-launch"), "--fail-on", "none"]);
    assert_eq!(code, 0);
}

#[test]
fn output_is_identical_whatever_the_order_and_threads() {
    let dir = fixture("court-verdict");
    let files: Vec<String> = {
        let mut v: Vec<String> =
            fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    };
    let run = |args: Vec<&str>| {
        let out = bin().current_dir(root()).arg("check").args(args).args(["--format", "json"]).output().unwrap();
        out.stdout
    };
    let forward: Vec<&str> = files.iter().map(String::as_str).collect();
    let mut backward = forward.clone();
    backward.reverse();
    let a = run([forward.clone(), vec!["-j", "1"]].concat());
    let b = run([backward.clone(), vec!["-j", "2"]].concat());
    let c = run([backward, vec!["-j", "4"]].concat());
    assert!(!a.is_empty());
    assert_eq!(a, b);
    assert_eq!(a, c);
    // A human report is deterministic too.
    let h1 = bin().current_dir(root()).args(["check", &dir, "-j", "1"]).output().unwrap().stdout;
    let h2 = bin().current_dir(root()).args(["check", &dir, "-j", "3"]).output().unwrap().stdout;
    assert_eq!(h1, h2);
}

#[test]
fn bad_rule_file_is_located_and_the_rest_still_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let pack = tmp.path().join("broken.toml");
    fs::write(
        &pack,
        "[[rule]]\nid = \"ok-rule\"\nkind = \"names\"\n\n[[rule]]\nid = \"bad\"\nkind = \"fact\"\nsubject = \"x\"\npattern = \"(unclosed\"\n",
    )
    .unwrap();
    let (_, clean, _) = check_json(&[&fixture("satellite-launch")]);
    let (code, json, stderr) = check_json(&[&fixture("satellite-launch"), "--rules", pack.to_str().unwrap()]);
    assert_eq!(code, 2);
    let errors = json["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["line"], 9);
    assert_eq!(errors[0]["column"], 12);
    assert!(stderr.contains("broken.toml:9:12"), "{stderr}");
    // The default rules still found everything they find without the broken pack.
    let default_only: Vec<Value> = findings(&json).into_iter().filter(|f| f["rule"] != "ok-rule").collect();
    assert_eq!(strip_paths(&default_only), strip_paths(&findings(&clean)));
}

#[test]
fn unreadable_and_binary_documents_are_reported_and_the_rest_checked() {
    let tmp = copy_set("satellite-launch");
    let (_, clean, _) = check_json(&[tmp.path().to_str().unwrap()]);
    fs::write(tmp.path().join("image.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
    let locked = tmp.path().join("locked.txt");
    fs::write(&locked, "Some text").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    }
    let (code, json, stderr) = check_json(&[tmp.path().to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    let errors = json["errors"].as_array().unwrap();
    let running_as_root = fs::read_to_string(&locked).is_ok();
    let paths: Vec<&str> = errors.iter().map(|e| e["path"].as_str().unwrap()).collect();
    assert!(paths.iter().any(|p| p.ends_with("image.txt")), "{errors:?}");
    assert!(stderr.contains("image.txt") && stderr.contains("not a text document"), "{stderr}");
    if !running_as_root {
        assert!(paths.iter().any(|p| p.ends_with("locked.txt")), "{errors:?}");
        assert!(stderr.contains("permission denied"), "{stderr}");
    }
    assert_eq!(strip_paths(&findings(&json)), strip_paths(&findings(&clean)));
}

#[test]
fn non_utf8_text_is_read_as_windows_1252_with_a_warning() {
    let tmp = copy_set("satellite-launch");
    let (_, clean, _) = check_json(&[tmp.path().to_str().unwrap()]);
    // "Caf\xe9" is Latin-1; the file must still be read, and said to be.
    fs::write(tmp.path().join("latin1.txt"), b"Le caf\xe9 de la gare a ferm\xe9 ses portes.\n").unwrap();
    let (code, json, stderr) = check_json(&[tmp.path().to_str().unwrap()]);
    assert_eq!(code, 1, "a warning is no error: {stderr}");
    assert!(stderr.contains("latin1.txt") && stderr.contains("Windows-1252"), "{stderr}");
    assert_eq!(json["documents"].as_array().unwrap().len(), 4);
    assert_eq!(strip_paths(&findings(&json)), strip_paths(&findings(&clean)));
}

#[test]
fn missing_path_is_an_input_error() {
    let (code, json, stderr) = check_json(&["no/such/folder"]);
    assert_eq!(code, 2);
    assert_eq!(json["errors"][0]["path"], "no/such/folder");
    assert!(stderr.contains("no such file"), "{stderr}");
}

#[test]
fn usage_errors_exit_two() {
    let out = bin().args(["check", "--format", "yaml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = bin().args(["frobnicate"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn json_report_has_the_documented_shape() {
    let (_, json, _) = check_json(&[&fixture("satellite-launch")]);
    assert_eq!(json["version"], 1);
    let docs = json["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 3);
    for d in docs {
        assert!(d.get("path").is_some() && d.get("title").is_some() && d.get("date").is_some());
    }
    for f in findings(&json) {
        for key in ["id", "rule", "kind", "severity", "message", "subject", "evidence"] {
            assert!(f.get(key).is_some(), "finding lacks {key}: {f}");
        }
        assert_eq!(f["id"].as_str().unwrap().len(), 16);
        for e in f["evidence"].as_array().unwrap() {
            for key in ["document", "line", "column", "end_line", "end_column", "text", "value", "context"] {
                assert!(e.get(key).is_some(), "evidence lacks {key}: {e}");
            }
        }
    }
}

#[test]
fn ids_survive_unrelated_edits() {
    let tmp = copy_set("satellite-launch");
    let (_, before, _) = check_json(&[tmp.path().to_str().unwrap()]);
    let p = tmp.path().join("wire.txt");
    let text = fs::read_to_string(&p).unwrap();
    fs::write(&p, format!("An unrelated opening paragraph about the weather.\n\n{text}")).unwrap();
    let (_, after, _) = check_json(&[tmp.path().to_str().unwrap()]);
    let ids = |j: &Value| findings(j).iter().map(|f| f["id"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    assert!(!ids(&before).is_empty());
    let (mut a, mut b) = (ids(&before), ids(&after));
    a.sort();
    b.sort();
    assert_eq!(a, b);
}

#[test]
fn output_file_and_human_report() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report.txt");
    let status = bin()
        .current_dir(root())
        .args(["check", &fixture("satellite-launch"), "-o", out.to_str().unwrap()])
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
    let text = fs::read_to_string(&out).unwrap();
    assert!(!text.contains('\u{1b}'), "no colour in files");
    assert!(text.contains("wire.txt:"), "{text}");
    assert!(text.lines().last().unwrap().contains("in 3 documents"), "{text}");
}

#[test]
fn sarif_report_locates_every_place_and_fingerprints_findings() {
    let set = fixture("court-verdict");
    let (_, json, _) = check_json(&[&set]);
    let out = bin().current_dir(root()).args(["check", &set, "--format", "sarif"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "crosscheck");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), findings(&json).len());
    for (r, f) in results.iter().zip(findings(&json)) {
        assert_eq!(r["partialFingerprints"]["crosscheckFingerprint/v1"], f["fingerprint"]);
        assert_eq!(rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"], r["ruleId"]);
        let places = 1 + r["relatedLocations"].as_array().map_or(0, |a| a.len());
        assert_eq!(places, f["evidence"].as_array().unwrap().len());
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], f["evidence"][0]["line"]);
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap()));
    }
}

#[test]
fn github_annotations_one_per_finding_name_the_other_documents() {
    let set = fixture("court-verdict");
    let (_, json, _) = check_json(&[&set]);
    let out = bin()
        .current_dir(root())
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(["check", &set, "--format", "github"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), findings(&json).len(), "{text}");
    for l in &lines {
        assert!(
            l.starts_with("::error file=") || l.starts_with("::warning file=") || l.starts_with("::notice file="),
            "{l}"
        );
        assert!(l.contains(",line=") && l.contains(",col=") && l.contains("::"), "{l}");
    }
    let date = lines.iter().find(|l| l.contains("date-conflicts")).unwrap();
    assert!(date.contains("court-verdict/articles/lviv-daily.txt,line=3"), "{date}");
    assert!(date.contains("court-verdict/articles/national-news.txt:3"), "{date}");
    assert!(date.contains("1 document says `15 March 2022`, 1 says `17 March 2022`"), "{date}");
}

#[test]
fn facts_command_lists_what_was_read_with_places() {
    let file = root().join("fixtures/court-verdict/articles/lviv-daily.txt");
    let out = bin().args(["facts", file.to_str().unwrap(), "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let find = |kind: &str, text: &str| rows.iter().find(|r| r["kind"] == kind && r["text"] == text).cloned();
    let date = find("date", "15 March 2022").expect("the verdict date");
    assert!(date["value"].as_str().unwrap().starts_with("2022-03-15"));
    let source = fs::read_to_string(&file).unwrap();
    let line = source.lines().nth(date["line"].as_u64().unwrap() as usize - 1).unwrap();
    let col = date["column"].as_u64().unwrap() as usize - 1;
    assert!(line.chars().skip(col).collect::<String>().starts_with("15 March 2022"));
    assert!(find("number", "€2.3 million").unwrap()["value"].as_str().unwrap().starts_with("2300000 EUR"));
    assert!(find("title", "Judge").is_some());
    assert!(find("agent", "Prosecutor General's Office").is_some());
    let text = bin().args(["facts", file.to_str().unwrap()]).output().unwrap().stdout;
    assert!(String::from_utf8(text).unwrap().contains("2022-03-15"));
}

#[test]
fn composed_and_decomposed_accents_are_one_spelling() {
    let tmp = tempfile::tempdir().unwrap();
    // "Zürich" written with U+0308 COMBINING DIAERESIS in one file and precomposed in the other.
    fs::write(
        tmp.path().join("a.txt"),
        "The mayor of Zu\u{308}rich, Corine Mauch, opened the new tram line on Monday.\n",
    )
    .unwrap();
    fs::write(
        tmp.path().join("b.txt"),
        "The new tram line was opened in Z\u{fc}rich on Monday by the mayor, Corine Mauch.\n",
    )
    .unwrap();
    let (code, json, stderr) = check_json(&[tmp.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}\n{json:#}");
    assert!(findings(&json).is_empty());
    // A real variant next to it is still found.
    fs::write(tmp.path().join("c.txt"), "In Zuerich, Corinne Mauch said the tram line opened on Monday.\n").unwrap();
    let (_, json, _) = check_json(&[tmp.path().to_str().unwrap()]);
    assert!(findings(&json).iter().any(|f| f["kind"] == "spelling"), "{json:#}");
}
