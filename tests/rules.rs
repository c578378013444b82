//! Rule packs and settings as users write them: `fact` rules, reference facts, the date order,
//! and a `crosscheck.toml` found in the working folder.

mod common;

use common::*;
use serde_json::Value;
use std::fs;
use std::path::Path;

fn write(dir: &Path, name: &str, text: &str) {
    fs::write(dir.join(name), text).unwrap();
}

fn run_in(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let out = bin().current_dir(dir).arg("check").args(args).args(["--format", "json"]).output().unwrap();
    let json =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code().unwrap(), json, String::from_utf8_lossy(&out.stderr).into_owned())
}

fn of_kind<'a>(json: &'a Value, kind: &str) -> Vec<&'a Value> {
    json["findings"].as_array().unwrap().iter().filter(|f| f["kind"] == kind).collect()
}

#[test]
fn fact_rule_compares_values_read_by_their_recogniser() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d, "a.txt", "The observatory said its new telescope weighs 3,400 kilograms.\n");
    write(d, "b.txt", "According to the builders, the new telescope weighs 3400 kg.\n");
    write(d, "c.txt", "Engineers said the new telescope weighs 4,100 kilograms in all.\n");
    write(
        d,
        "pack.toml",
        "[[rule]]\nid = \"telescope-mass\"\nkind = \"fact\"\nsubject = \"telescope mass\"\npattern = \"telescope weighs {number}\"\nvalue_type = \"number\"\n",
    );
    let (code, json, stderr) = run_in(d, &["a.txt", "b.txt", "c.txt", "--rules", "pack.toml", "--no-default-rules"]);
    assert_eq!(code, 1, "{stderr}");
    let facts = of_kind(&json, "fact");
    assert_eq!(facts.len(), 1, "{json:#}");
    let f = facts[0];
    assert_eq!(f["subject"], "telescope mass");
    let values: Vec<&str> = f["evidence"].as_array().unwrap().iter().map(|e| e["value"].as_str().unwrap()).collect();
    assert_eq!(values, vec!["3400 kg", "3400 kg", "4100 kg"]);
    // The same two writings alone agree.
    let (code, json, _) = run_in(d, &["a.txt", "b.txt", "--rules", "pack.toml", "--no-default-rules"]);
    assert_eq!((code, of_kind(&json, "fact").len()), (0, 0));
}

#[test]
fn reference_facts_catch_a_contradiction_nobody_else_repeats() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d, "a.txt", "The President of Norway, Erik Dahl, opened the conference on Monday.\n");
    write(d, "b.txt", "The conference on fisheries opened in Bergen on Monday with three hundred delegates.\n");
    write(d, "c.txt", "The bridge in Bergen opened on 4 May 2021, the city said.\n");
    write(
        d,
        "facts.toml",
        "[[fact]]\nsubject = \"Erik Dahl\"\ntitle = \"Foreign Minister of Norway\"\n\n[[fact]]\nsubject = \"bridge in Bergen\"\ndate = \"5 May 2021\"\n",
    );
    let (code, json, stderr) = run_in(d, &[".", "--rules", "facts.toml"]);
    assert_eq!(code, 1, "{stderr}");
    let titles = of_kind(&json, "title");
    assert_eq!(titles.len(), 1, "{json:#}");
    assert_eq!(titles[0]["rule"], "reference-facts");
    assert!(titles[0]["message"].as_str().unwrap().contains("President of Norway"));
    assert_eq!(titles[0]["canonical"], "Foreign Minister of Norway");
    let facts = of_kind(&json, "fact");
    assert_eq!(facts.len(), 1, "{json:#}");
    assert_eq!(facts[0]["evidence"][0]["text"], "4 May 2021");
    // A matching reference says nothing.
    write(d, "facts.toml", "[[fact]]\nsubject = \"Erik Dahl\"\ntitle = \"President of Norway\"\n");
    let (_, json, _) = run_in(d, &[".", "--rules", "facts.toml"]);
    assert!(of_kind(&json, "title").is_empty(), "{json:#}");
}

#[test]
fn date_order_decides_ambiguous_numeric_dates() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d, "a.txt", "The Harbour Bridge in Tallinn was opened on 04.05.2021 by the mayor, Anna Tamm.\n");
    write(d, "b.txt", "The Harbour Bridge in Tallinn was opened on April 5, 2021 by the mayor, Anna Tamm.\n");
    // Without a setting both readings stay possible: 5 April is one of them, so no conflict.
    let (_, json, _) = run_in(d, &["a.txt", "b.txt"]);
    assert!(of_kind(&json, "date").is_empty(), "{json:#}");
    // Day-first: 4 May against 5 April.
    let (code, json, _) = run_in(d, &["a.txt", "b.txt", "--date-order", "dmy"]);
    assert_eq!(code, 1);
    let dates = of_kind(&json, "date");
    assert_eq!(dates.len(), 1, "{json:#}");
    assert_eq!(dates[0]["evidence"][0]["value"], "2021-05-04");
    // Month-first agrees with the other document.
    let (_, json, _) = run_in(d, &["a.txt", "b.txt", "--date-order", "mdy"]);
    assert!(of_kind(&json, "date").is_empty(), "{json:#}");
    // The set can decide on its own: a day-first date elsewhere in it settles the order.
    write(d, "c.txt", "The tender for the Harbour Bridge closed on 23.09.2019.\n");
    let (_, json, _) = run_in(d, &["a.txt", "b.txt", "c.txt"]);
    assert_eq!(of_kind(&json, "date").len(), 1, "{json:#}");
}

#[test]
fn config_file_is_found_in_a_parent_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::create_dir_all(d.join("docs/drafts")).unwrap();
    fs::create_dir_all(d.join("packs")).unwrap();
    write(&d.join("docs"), "a.md", "# Launch\n\nThe firm Orbitek launched a probe.\n");
    write(&d.join("docs"), "b.md", "# Launch\n\nThe firm Orbitec launched a probe.\n");
    write(&d.join("docs/drafts"), "c.md", "The firm Orbitak launched a probe.\n");
    write(
        &d.join("packs"),
        "style.toml",
        "[[rule]]\nid = \"style-names\"\nkind = \"names\"\n[[rule.name]]\ncanonical = \"Orbitek\"\naliases = [\"Orbitec\"]\nequivalent = true\n",
    );
    write(d, "crosscheck.toml", "rules = [\"packs/style.toml\"]\nexclude = [\"drafts\"]\nfail_on = \"error\"\n");
    let sub = d.join("docs");
    // The declared equivalence silences the default rule's finding too, and drafts are skipped.
    let (code, json, stderr) = run_in(&sub, &["."]);
    assert_eq!(json["documents"].as_array().unwrap().len(), 2, "{json:#} {stderr}");
    assert!(of_kind(&json, "spelling").is_empty(), "{json:#}");
    assert_eq!(code, 0);
    // A broken config is an input error naming its line and column.
    write(d, "crosscheck.toml", "fail_on = \"sometimes\"\n");
    let (code, json, stderr) = run_in(&sub, &["."]);
    assert_eq!(code, 2);
    assert_eq!(json["errors"][0]["line"], 1);
    assert!(stderr.contains("crosscheck.toml:1:11"), "{stderr}");
}
