//! Shared helpers for the integration tests: run the real binary and judge its JSON against an
//! `EXPECTED.toml` (the format of `../shared/seeds/EXPECTED.toml`, plus `strict` and `absent`).
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;
use serde_json::Value;

pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_crosscheck"))
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `articles` folder of a fixture set.
pub fn fixture(set: &str) -> String {
    root().join("fixtures").join(set).join("articles").to_string_lossy().into_owned()
}

/// Copies a fixture set's articles into a fresh temporary folder.
pub fn copy_set(set: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(fixture(set)).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, tmp.path().join(p.file_name().unwrap())).unwrap();
    }
    tmp
}

pub fn findings(json: &Value) -> Vec<Value> {
    json["findings"].as_array().unwrap().clone()
}

/// Findings without the document paths, to compare runs over copies of one set.
pub fn strip_paths(fs: &[Value]) -> Vec<(String, String, Vec<String>)> {
    fs.iter()
        .map(|f| {
            let ev = f["evidence"].as_array().unwrap();
            let texts = ev.iter().map(|e| e["text"].as_str().unwrap().to_string()).collect();
            (f["rule"].as_str().unwrap().to_string(), f["message"].as_str().unwrap().to_string(), texts)
        })
        .collect()
}

/// Runs `crosscheck check ARGS --format json` from the crate root; returns (exit code, JSON, stderr).
pub fn check_json(args: &[&str]) -> (i32, Value, String) {
    let out = bin().current_dir(root()).arg("check").args(args).args(["--format", "json"]).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let json: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("bad JSON ({e}): {stdout}"));
    (out.status.code().unwrap_or(-1), json, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[derive(Deserialize, Debug)]
pub struct Expected {
    #[serde(default)]
    pub expect: Vec<Expect>,
    #[serde(default)]
    pub trap: Vec<Trap>,
    /// Values no finding may show as evidence at all (near misses that must stay silent). They
    /// match whole words in any evidence text, attribution agents included, so a demonym that is
    /// part of an expected agent (`the Egyptian Foreign Ministry`) cannot be listed here.
    #[serde(default)]
    pub absent: Vec<Trap>,
    /// Finding kinds for which the expectations are the complete list.
    #[serde(default)]
    pub strict: Vec<String>,
}

#[derive(Deserialize, Debug)]
pub struct Expect {
    pub kind: String,
    pub values: Vec<String>,
}

#[derive(Deserialize, Debug)]
pub struct Trap {
    pub values: Vec<String>,
}

pub fn read_expected(path: &Path) -> Expected {
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn fold(s: &str) -> String {
    s.to_lowercase()
        .replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
        .replace(['\u{a0}', '\u{202f}'], " ")
}

fn strings(v: &Value, keep: &dyn Fn(&str) -> bool, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                if keep(k) {
                    strings(v, keep, out);
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|v| strings(v, keep, out)),
        Value::String(s) => out.push(fold(s)),
        _ => {}
    }
}

/// Whole-word, case-insensitive containment, as the project's scorer does it.
pub fn has(texts: &[String], value: &str) -> bool {
    let v = fold(value);
    texts.iter().any(|t| {
        t.match_indices(&v).any(|(i, _)| {
            let before = t[..i].chars().next_back();
            let after = t[i + v.len()..].chars().next();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
    })
}

/// The strings of a finding outside `context` fields (what the scorer calls its body).
pub fn body(f: &Value) -> Vec<String> {
    let mut v = Vec::new();
    strings(f, &|k| !k.contains("context"), &mut v);
    v
}

/// The surface texts of a finding's evidence.
pub fn surface(f: &Value) -> Vec<String> {
    let mut v = Vec::new();
    for e in f["evidence"].as_array().into_iter().flatten() {
        if let Some(s) = e["text"].as_str() {
            v.push(fold(s));
        }
    }
    v
}

/// Checks findings against expectations; returns every failure as a line.
pub fn judge(findings: &[Value], exp: &Expected) -> Vec<String> {
    let mut failures = Vec::new();
    for e in &exp.expect {
        let ok = findings.iter().any(|f| f["kind"] == e.kind.as_str() && e.values.iter().all(|v| has(&body(f), v)));
        if !ok {
            failures.push(format!("missed {}: {}", e.kind, e.values.join(" / ")));
        }
    }
    for t in &exp.trap {
        for f in findings {
            if t.values.iter().all(|v| has(&surface(f), v)) {
                failures.push(format!("trap {} in finding {}", t.values.join(" / "), f["message"]));
            }
        }
    }
    for a in &exp.absent {
        for v in &a.values {
            for f in findings {
                if has(&surface(f), v) {
                    failures.push(format!(
                        "`{v}` must stay silent but is evidence of {} finding {}",
                        f["kind"], f["message"]
                    ));
                }
            }
        }
    }
    for kind in &exp.strict {
        let want = exp.expect.iter().filter(|e| &e.kind == kind).count();
        let got: Vec<&Value> = findings.iter().filter(|f| f["kind"] == kind.as_str()).collect();
        if got.len() != want {
            let msgs: Vec<String> = got.iter().map(|f| f["message"].to_string()).collect();
            failures.push(format!(
                "{kind}: expected exactly {want} finding(s), got {}: {}",
                got.len(),
                msgs.join("; ")
            ));
        }
    }
    failures
}

/// Runs `crosscheck check ARGS --format json` in `cwd`; returns (exit code, JSON, stderr).
pub fn run_in(cwd: &Path, args: &[&str]) -> (i32, Value, String) {
    let out = bin().current_dir(cwd).arg("check").args(args).args(["--format", "json"]).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let json: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("bad JSON ({e}): {stdout}"));
    (out.status.code().unwrap_or(-1), json, String::from_utf8_lossy(&out.stderr).into_owned())
}

/// A folder holding `set/` (the good documents), and the findings of a clean run over it.
pub struct Case {
    pub tmp: tempfile::TempDir,
    pub clean: Vec<(String, String, Vec<String>)>,
}

impl Case {
    pub fn new() -> Case {
        let tmp = tempfile::tempdir().unwrap();
        let set = tmp.path().join("set");
        fs::create_dir(&set).unwrap();
        for e in fs::read_dir(fixture("satellite-launch")).unwrap() {
            let p = e.unwrap().path();
            fs::copy(&p, set.join(p.file_name().unwrap())).unwrap();
        }
        let (code, json, stderr) = run_in(tmp.path(), &["set"]);
        assert_eq!(code, 1, "{stderr}");
        assert!(json["errors"].as_array().unwrap().is_empty(), "{stderr}");
        let clean = strip_paths(&findings(&json));
        assert!(!clean.is_empty());
        Case { tmp, clean }
    }

    pub fn path(&self, rel: &str) -> std::path::PathBuf {
        self.tmp.path().join(rel)
    }

    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        fs::write(self.path(rel), bytes).unwrap();
    }

    pub fn run(&self, args: &[&str]) -> (i32, Value, String) {
        run_in(self.tmp.path(), args)
    }

    /// The good documents' findings are those of the clean run.
    pub fn assert_findings_unchanged(&self, json: &Value) {
        assert_eq!(strip_paths(&findings(json)), self.clean, "{json:#}");
    }
}

pub fn doc_paths(json: &Value) -> Vec<String> {
    json["documents"].as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap().to_string()).collect()
}

/// Exactly one input error, for `path`, whose message contains `message`; stderr says the same.
pub fn assert_one_error(json: &Value, stderr: &str, path: &str, message: &str) {
    let errors = json["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["path"], path, "{errors:?}");
    let m = errors[0]["message"].as_str().unwrap();
    assert!(m.contains(message), "message {m:?} lacks {message:?}");
    assert!(stderr.contains(&format!("error: {path}: {m}")), "{stderr}");
}

/// Exactly one warning and no error; stderr says it as a warning.
pub fn assert_one_warning(json: &Value, stderr: &str, path: &str, message: &str) {
    assert!(json["errors"].as_array().unwrap().is_empty(), "{json:#}");
    let warnings = json["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0]["path"], path, "{warnings:?}");
    let m = warnings[0]["message"].as_str().unwrap();
    assert!(m.contains(message), "message {m:?} lacks {message:?}");
    assert!(stderr.contains(&format!("warning: {path}: {m}")), "{stderr}");
}
