//! `crosscheck test`: a fixture that passes, the same fixture with its expectations edited so
//! that it fails, a folder of sets, and a real folder without expectations.

mod common;

use common::*;
use std::path::Path;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let dest = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            std::fs::copy(&p, &dest).unwrap();
        }
    }
}

fn test_cmd(args: &[&str]) -> (i32, String, String) {
    let out = bin().current_dir(root()).arg("test").args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_passing_fixture_then_the_same_fixture_edited_to_fail() {
    let tmp = tempfile::tempdir().unwrap();
    let set = tmp.path().join("court");
    copy_dir(&root().join("fixtures/court-verdict"), &set);
    let set_s = set.to_str().unwrap();

    let (code, out, err) = test_cmd(&[set_s]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("PASS "), "{out}");
    assert!(out.contains("found   spelling     Andriy / Andrii"), "{out}");
    assert!(out.contains("\nkind "), "the per-kind table: {out}");
    assert!(out.trim_end().ends_with("1 passed, 0 failed"), "{out}");

    // A value no document holds is missed; an expected pair turned into a trap is violated.
    let exp = std::fs::read_to_string(set.join("EXPECTED.toml")).unwrap();
    let edited = exp.replace("strict = [", "strict_was = [").replace(
        "[[trap]]",
        "[[expect]]\nkind = \"number\"\nvalues = [\"41 deputies\", \"44 deputies\"]\n[[trap]]\nvalues = [\"15 March 2022\", \"17 March 2022\"]\n[[trap]]",
    );
    assert_ne!(edited, exp);
    std::fs::write(set.join("EXPECTED.toml"), edited.replace("strict_was = [", "strict = [")).unwrap();
    let (code, out, _) = test_cmd(&[set_s]);
    assert_eq!(code, 1, "{out}");
    assert!(out.starts_with("FAIL "), "{out}");
    assert!(out.contains("MISSED  number       41 deputies / 44 deputies"), "{out}");
    assert!(out.contains("TRAP                 15 March 2022 / 17 March 2022   in date finding at "), "{out}");
    assert!(out.trim_end().ends_with("0 passed, 1 failed"), "{out}");

    let (code, json, _) = test_cmd(&[set_s, "--format", "json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["failed"], 1);
    assert_eq!(v["sets"][0]["missed"][0]["values"][0], "41 deputies");
    assert_eq!(v["kinds"]["number"]["expected"], 1);
    assert_eq!(v["kinds"]["number"]["found"], 0);
    assert_eq!(v["kinds"]["date"]["found"], 1);
}

#[test]
fn a_broken_expectations_file_fails_its_set_with_its_place() {
    let tmp = tempfile::tempdir().unwrap();
    let set = tmp.path().join("s");
    std::fs::create_dir_all(&set).unwrap();
    std::fs::write(set.join("a.txt"), "The mayor of Dunmore, Elsa Brandt, opened the bridge.\n").unwrap();
    std::fs::write(set.join("EXPECTED.toml"), "[[expect]]\nkind = \"colour\"\nvalues = [\"a\", \"b\"]\n").unwrap();
    let (code, out, _) = test_cmd(&[set.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("EXPECTED.toml:2:8: unknown kind `colour`"), "{out}");
}

#[test]
fn a_folder_of_sets_and_a_real_folder_without_expectations() {
    let tmp = tempfile::tempdir().unwrap();
    let sets = tmp.path().join("sets");
    copy_dir(&root().join("fixtures/court-verdict"), &sets.join("one"));
    copy_dir(&root().join("fixtures/museum-faithful"), &sets.join("two"));
    std::fs::write(sets.join("README.md"), "not a set\n").unwrap();
    let real = tmp.path().join("real");
    copy_dir(&root().join("fixtures/court-verdict/articles"), &real);

    let (code, out, err) = test_cmd(&[sets.to_str().unwrap(), real.to_str().unwrap(), "--quiet"]);
    assert_eq!(code, 0, "a folder with no expectations fails nothing: {out}{err}");
    assert!(out.trim_end().ends_with("3 passed, 0 failed"), "{out}");
    let (_, json, _) = test_cmd(&[real.to_str().unwrap(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let stray = v["sets"][0]["stray"].as_array().unwrap().len();
    assert!(stray >= 3, "every finding on a folder without expectations is stray: {json}");
    assert_eq!(v["sets"][0]["findings"].as_u64().unwrap() as usize, stray);
}

#[test]
fn naming_no_folder_is_a_usage_error() {
    let (code, _, err) = test_cmd(&["no/such/set"]);
    assert_eq!(code, 2);
    assert!(err.contains("no/such/set: no such folder"), "{err}");
}
