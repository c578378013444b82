//! The integrations a team wires crosscheck into: the pre-commit hook and the composite GitHub
//! Action. Each file is parsed as its tool parses it, and its command lines are run the way the
//! tool would run them, with the binary under test on `PATH`.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn yaml(path: &str) -> Value {
    let text = fs::read_to_string(root().join(path)).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `PATH` with the folder of the binary under test first.
fn path_with_binary() -> String {
    let dir = Path::new(env!("CARGO_BIN_EXE_crosscheck")).parent().unwrap().to_path_buf();
    let mut dirs = vec![dir];
    dirs.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    std::env::join_paths(dirs).unwrap().into_string().unwrap()
}

#[test]
fn pre_commit_hook_runs_its_entry() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hook = hooks.as_array().unwrap().iter().find(|h| h["id"] == "crosscheck").expect("a crosscheck hook");
    for key in ["name", "entry", "language"] {
        assert!(hook[key].is_string(), "hook needs `{key}`");
    }
    assert_eq!(hook["language"], "rust", "pre-commit builds the hook from this repository's Cargo.toml");
    assert_eq!(hook["pass_filenames"], false, "the whole set is compared, not the staged files");
    let files = regex::Regex::new(hook["files"].as_str().unwrap()).unwrap();
    for (name, want) in
        [("a.md", true), ("news/b.txt", true), ("page.html", true), ("c.docx", true), ("main.rs", false)]
    {
        assert_eq!(files.is_match(name), want, "{name}");
    }
    let entry: Vec<&str> = hook["entry"].as_str().unwrap().split_whitespace().collect();
    let args: Vec<String> = hook["args"]
        .as_array()
        .map(|a| a.iter().map(|x| x.as_str().unwrap().to_string()).collect())
        .unwrap_or_default();
    let run = |dir: &Path| {
        let out = Command::new(entry[0])
            .args(&entry[1..])
            .args(&args)
            .current_dir(dir)
            .env("PATH", path_with_binary())
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap())
    };
    let tmp = copy_set("court-verdict");
    let (code, out) = run(tmp.path());
    assert_eq!(code, Some(1), "findings fail the hook: {out}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines.len() >= 2
            && lines[..lines.len() - 1]
                .iter()
                .all(|l| l.contains(": warning[") || l.contains(": error[") || l.contains(": info[")),
        "{out}"
    );
    fs::write(tmp.path().join("crosscheck.toml"), "fail_on = \"none\"\n").unwrap();
    assert_eq!(run(tmp.path()).0, Some(0), "the project's crosscheck.toml applies");
}

/// Replaces `${{ inputs.NAME }}` in `s` with the inputs' values.
fn expand(s: &str, inputs: &BTreeMap<String, String>) -> String {
    let mut out = s.to_string();
    for (k, v) in inputs {
        out = out.replace(&format!("${{{{ inputs.{k} }}}}"), v);
    }
    out
}

struct Step {
    id: String,
    run: Option<String>,
    uses: Option<String>,
    env: BTreeMap<String, String>,
    with: BTreeMap<String, String>,
}

fn action_steps(inputs: &BTreeMap<String, String>) -> Vec<Step> {
    let action = yaml("action.yml");
    assert_eq!(action["runs"]["using"], "composite");
    let map = |v: &Value| -> BTreeMap<String, String> {
        v.as_object()
            .map(|m| m.iter().map(|(k, v)| (k.clone(), expand(v.as_str().unwrap_or_default(), inputs))).collect())
            .unwrap_or_default()
    };
    action["runs"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            if let Some(run) = s["run"].as_str() {
                assert!(!run.contains("${{"), "expressions go through env, never into a script: {run}");
                assert_eq!(s["shell"], "bash", "a composite step names its shell");
            }
            Step {
                id: s["id"].as_str().unwrap().to_string(),
                run: s["run"].as_str().map(str::to_string),
                uses: s["uses"].as_str().map(str::to_string),
                env: map(&s["env"]),
                with: map(&s["with"]),
            }
        })
        .collect()
}

fn defaults() -> BTreeMap<String, String> {
    let action = yaml("action.yml");
    action["inputs"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v["default"].as_str().unwrap_or_default().to_string()))
        .collect()
}

/// Runs the action's `run` steps as a runner would (`bash -eo pipefail`), skipping the install
/// step (the binary under test is on `PATH` instead). Returns each step's exit code and stdout.
fn run_action(workspace: &Path, inputs: &BTreeMap<String, String>, runner: &Path) -> BTreeMap<String, (i32, String)> {
    let mut results = BTreeMap::new();
    for step in action_steps(inputs) {
        let Some(script) = &step.run else { continue };
        if step.id == "install" {
            assert!(script.contains("cargo install --locked"), "{script}");
            assert!(script.contains("--path \"$GITHUB_ACTION_PATH\""), "installs the action's own checkout: {script}");
            assert!(script.contains(">> \"$GITHUB_PATH\""), "puts the binary on PATH for later steps: {script}");
            continue;
        }
        let out = Command::new("bash")
            .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
            .current_dir(workspace)
            .envs(&step.env)
            .env("PATH", path_with_binary())
            .env("GITHUB_ACTION_PATH", root())
            .env("RUNNER_TEMP", runner)
            .env("GITHUB_PATH", runner.join("path"))
            .env("GITHUB_STEP_SUMMARY", runner.join("summary.md"))
            .output()
            .unwrap();
        results.insert(step.id.clone(), (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap()));
    }
    results
}

#[test]
fn github_action_installs_checks_and_uploads_sarif() {
    let tmp = copy_set("court-verdict");
    let runner = tempfile::tempdir().unwrap();
    let inputs = defaults();
    assert_eq!(inputs["paths"], ".");
    let results = run_action(tmp.path(), &inputs, runner.path());

    // SARIF is written whatever the findings, so it can be uploaded.
    assert_eq!(results["sarif"].0, 0, "{:?}", results["sarif"]);
    let sarif_file: PathBuf = tmp.path().join(&inputs["sarif-file"]);
    let sarif: Value = serde_json::from_str(&fs::read_to_string(&sarif_file).unwrap()).unwrap();
    let (_, json, _) = check_json(&[tmp.path().to_str().unwrap()]);
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), findings(&json).len());

    // The check step annotates each finding, writes the job summary, and fails on findings.
    let (code, annotations) = &results["check"];
    assert_eq!(*code, 1);
    assert_eq!(annotations.lines().filter(|l| l.starts_with("::")).count(), findings(&json).len(), "{annotations}");
    let summary = fs::read_to_string(runner.path().join("summary.md")).unwrap();
    assert!(summary.starts_with("## crosscheck\n"), "{summary}");

    // The upload step takes the file the SARIF step wrote.
    let steps = action_steps(&inputs);
    let upload = steps.iter().find(|s| s.id == "upload").unwrap();
    assert!(upload.uses.as_deref().unwrap().starts_with("github/codeql-action/upload-sarif@"), "{:?}", upload.uses);
    assert_eq!(tmp.path().join(&upload.with["sarif_file"]), sarif_file);

    // Inputs reach the command line.
    let mut lenient = inputs.clone();
    lenient.insert("fail-on".into(), "none".into());
    lenient.insert("args".into(), "--ignore quote-wording".into());
    let results = run_action(tmp.path(), &lenient, runner.path());
    assert_eq!(results["check"].0, 0);
    assert!(!results["check"].1.contains("quote-wording"), "{}", results["check"].1);
}
