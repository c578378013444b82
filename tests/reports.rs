//! The report formats as CI and editors use them: SARIF valid against the official schema in every
//! case, Markdown and the job summary, the human report's order and tally, suppressed findings in
//! every format, standard input, and the messages' grammar and layout.

mod common;

use common::*;
use serde_json::Value;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Stdio;

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = bin().current_dir(dir).env_remove("GITHUB_STEP_SUMMARY").args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs the binary in `dir` with `input` on its standard input.
fn piped(dir: &Path, args: &[&str], input: &[u8]) -> std::process::Output {
    let mut child = bin().current_dir(dir).args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

fn sarif_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(include_str!("schemas/sarif-schema-2.1.0.json")).unwrap();
    jsonschema::options().with_draft(jsonschema::Draft::Draft4).should_validate_formats(true).build(&schema).unwrap()
}

fn schema_errors(v: &jsonschema::Validator, sarif: &Value) -> Vec<String> {
    v.iter_errors(sarif).map(|e| format!("{e} at {}", e.instance_path())).collect()
}

/// Every artifact location in a SARIF log.
fn uris(v: &Value, out: &mut Vec<Value>) {
    match v {
        Value::Object(m) => {
            if let Some(a) = m.get("artifactLocation") {
                out.push(a.clone());
            }
            m.values().for_each(|x| uris(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| uris(x, out)),
        _ => {}
    }
}

#[test]
fn sarif_is_schema_valid_for_every_fixture_and_for_broken_inputs() {
    let validator = sarif_validator();
    // The validator does check: the shape SARIF used to have for an unreadable input is refused.
    let old = serde_json::json!({ "version": "2.1.0", "runs": [{ "tool": { "driver": { "name": "x" } }, "results": [{
        "message": { "text": "m" }, "locations": [{ "physicalLocation": { "artifactLocation": { "uri": "a" }, "region": {} } }]
    }] }] });
    assert!(!schema_errors(&validator, &old).is_empty(), "an empty region must be invalid");

    for e in fs::read_dir(root().join("fixtures")).unwrap() {
        let set = e.unwrap().path().join("articles");
        let (_, out, _) = run(&root(), &["check", set.to_str().unwrap(), "--format", "sarif"]);
        let sarif: Value = serde_json::from_str(&out).unwrap();
        let errors = schema_errors(&validator, &sarif);
        assert!(errors.is_empty(), "{}: {errors:#?}", set.display());
        let r0 = &sarif["runs"][0];
        assert_eq!(r0["columnKind"], "unicodeCodePoints");
        for r in r0["tool"]["driver"]["rules"].as_array().unwrap() {
            assert!(!r["shortDescription"]["text"].as_str().unwrap().is_empty(), "{r}");
            assert!(r["help"]["markdown"].as_str().unwrap().contains("**What it finds.**"), "{r}");
            assert!(r["help"]["text"].as_str().unwrap().contains("What it finds."), "{r}");
        }
    }

    // Unreadable, empty and binary inputs, a broken link, a suppressed finding, a baseline, a
    // document from standard input, and documents outside the SARIF root.
    let tmp = copy_set("court-verdict");
    let dir = tmp.path();
    fs::write(dir.join("image.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
    fs::write(dir.join("empty.md"), "").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("gone.txt"), dir.join("link.txt")).unwrap();
    write(
        dir,
        "marked.md",
        "<!-- crosscheck-ignore -->\nJudge Maria Kovalenko spoke to the Lviv Regional Court on Friday.\n",
    );
    write(dir, "bad/rules.toml", "[[rule]]\nid = \"x\"\nkind = \"colour\"\n");
    write(dir, "sub/.keep", "");
    let out = piped(
        &dir.join("sub"),
        &[
            "check",
            "..",
            "-",
            "--stdin-filename",
            "piped.txt",
            "--format",
            "sarif",
            "--rules",
            "../bad/rules.toml",
            "--sarif-root",
            ".",
        ],
        b"The verdict was delivered on 16 March 2022, a court official said.\n",
    );
    assert_eq!(out.status.code(), Some(2));
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors = schema_errors(&validator, &sarif);
    assert!(errors.is_empty(), "{errors:#?}");
    let r0 = &sarif["runs"][0];
    assert_eq!(r0["invocations"][0]["executionSuccessful"], false);
    let notes = r0["invocations"][0]["toolExecutionNotifications"].as_array().unwrap();
    assert!(notes.len() >= 3, "{notes:#?}");
    let mut locations = Vec::new();
    uris(&sarif, &mut locations);
    assert!(!locations.is_empty());
    for l in &locations {
        let uri = l["uri"].as_str().unwrap();
        assert!(!uri.contains(".."), "{uri}");
        assert!(uri.starts_with("file:///") || l["uriBaseId"] == "SRCROOT", "{l}");
    }
    // The piped document lies under the root (the folder the command runs in); the rest do not.
    let artifacts: Vec<&Value> = r0["artifacts"].as_array().unwrap().iter().map(|a| &a["location"]).collect();
    assert!(artifacts.iter().any(|l| l["uri"] == "piped.txt" && l["uriBaseId"] == "SRCROOT"), "{artifacts:?}");
    assert!(artifacts.iter().all(|l| l["uri"] == "piped.txt" || l["uri"].as_str().unwrap().starts_with("file:///")));
    assert!(r0["originalUriBaseIds"]["SRCROOT"]["uri"].as_str().unwrap().ends_with("/sub/"));

    // Held back by a baseline: still a result, with an external suppression.
    fs::remove_file(dir.join("image.txt")).unwrap();
    #[cfg(unix)]
    fs::remove_file(dir.join("link.txt")).unwrap();
    let base = dir.join("base.json");
    let (code, _, _) = run(dir, &["check", ".", "--write-baseline", base.to_str().unwrap(), "--format", "sarif"]);
    assert_eq!(code, 0);
    let (_, out, _) = run(dir, &["check", ".", "--baseline", base.to_str().unwrap(), "--format", "sarif"]);
    let sarif: Value = serde_json::from_str(&out).unwrap();
    assert!(schema_errors(&validator, &sarif).is_empty());
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    assert!(results.iter().all(|r| r["suppressions"][0]["kind"] == "external"), "{results:#?}");
}

#[test]
fn suppressed_findings_are_counted_in_every_format() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write(dir, "a.md", "# Ferry\n\nThe ferry from Portmere to Kalvik was cancelled on Monday because of the wind.\n");
    write(
        dir,
        "b.md",
        "# Ferry\n\n<!-- crosscheck-ignore name-variants -- the operator's spelling -->\nThe ferry from Portmere to Kalwik was cancelled on Monday because of the wind.\n",
    );
    let (code, json, _) = {
        let (c, out, e) = run(dir, &["check", ".", "--format", "json"]);
        (c, serde_json::from_str::<Value>(&out).unwrap(), e)
    };
    assert_eq!(code, 0, "a suppressed finding does not fail the run");
    assert_eq!(findings(&json).len(), 0);
    let s = &json["suppressed"][0];
    assert_eq!(s["rule"], "name-variants");
    assert_eq!(
        s["suppressed_by"],
        serde_json::json!({ "by": "comment", "place": "b.md:3", "reason": "the operator's spelling" })
    );
    for (format, want) in [
        ("human", "1 suppressed (1 by comments)"),
        ("concise", "1 suppressed (1 by comments)"),
        ("markdown", "1 suppressed (1 by comments)"),
        ("html", "1 suppressed (1 by comments)"),
    ] {
        let (_, out, _) = run(dir, &["check", ".", "--format", format]);
        assert!(out.contains(want), "{format}: {out}");
    }
    let (_, out, _) = run(dir, &["check", ".", "--format", "sarif"]);
    let sarif: Value = serde_json::from_str(&out).unwrap();
    let r = &sarif["runs"][0]["results"][0];
    assert_eq!(r["suppressions"][0]["kind"], "inSource");
    assert!(r["suppressions"][0]["justification"].as_str().unwrap().contains("b.md:3"));
    // The same document with the comment removed is reported.
    write(dir, "b.md", "# Ferry\n\nThe ferry from Portmere to Kalwik was cancelled on Monday because of the wind.\n");
    let (code, _, _) = run(dir, &["check", ".", "--format", "json"]);
    assert_eq!(code, 1);
}

#[test]
fn config_ignore_entries_match_rule_documents_and_value() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write(
        dir,
        "news/a.txt",
        "The storm over Portmere cut power to 12,000 homes on Sunday night, the grid operator said.\n",
    );
    write(
        dir,
        "news/b.txt",
        "The storm over Portmere cut power to 21,000 homes on Sunday night, the grid operator said.\n",
    );
    write(
        dir,
        "archive/c.txt",
        "The storm over Portmere cut power to 31,000 homes on Sunday night, the grid operator said.\n",
    );
    let count = |cfg: &str| {
        write(dir, "crosscheck.toml", cfg);
        let (_, out, err) = run(dir, &["check", ".", "--format", "json"]);
        let json: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {err}"));
        (findings(&json).len(), json["suppressed"].as_array().unwrap().len())
    };
    assert_eq!(count(""), (1, 0));
    // The archive's figure set aside, 12,000 and 21,000 still disagree.
    assert_eq!(count("[[ignore]]\ndocuments = \"archive/**\"\n"), (1, 0));
    // Two of the three figures set aside: nothing left to disagree with.
    assert_eq!(count("[[ignore]]\ndocuments = [\"archive/**\", \"b.txt\"]\n"), (0, 1));
    assert_eq!(count("[[ignore]]\nrule = \"number-conflicts\"\n"), (0, 1));
    assert_eq!(count("[[ignore]]\nrule = \"name-variants\"\n"), (1, 0));
    assert_eq!(count("ignore = [{ value = \"21000\" }, { value = \"31,000 homes\" }]\n"), (1, 0));
    assert_eq!(count("[[ignore]]\nvalue = \"21000\"\n[[ignore]]\nvalue = \"31000\"\n"), (1, 0));
}

#[test]
fn human_report_draws_the_minority_first_and_counts_documents() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let line =
        |place: &str| format!("The ferry from Portmere to {place} was cancelled on Monday because of the wind.\n");
    // Ten documents agree; the one that differs sorts last, past the snippets a report can draw.
    for d in ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"] {
        write(dir, &format!("{d}.txt"), &line("Kalvik"));
    }
    write(dir, "z.txt", &line("Kalwik"));
    let (code, out, _) = run(dir, &["check", ".", "--color", "never"]);
    assert_eq!(code, 1, "{out}");
    let first = out.lines().find(|l| l.contains("╭▸")).unwrap();
    assert!(first.contains("z.txt:1:"), "the minority is drawn first: {out}");
    assert!(out.contains("`Kalwik` in 1 document: z.txt:1"), "{out}");
    assert!(out.contains("`Kalvik` in 10 documents: a.txt:1; b.txt:1;"), "{out}");
    assert!(out.contains("more places not drawn"), "{out}");
    let (_, md, _) = run(dir, &["check", ".", "--format", "markdown"]);
    assert!(md.contains("10 documents write `Kalvik`, 1 writes `Kalwik`"), "{md}");
}

#[test]
fn a_title_split_over_two_lines_stays_on_one_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write(
        dir,
        "a.txt",
        "The flooded town of Portmere was visited by Interior\nMinister Ines Varga on Monday, who promised aid.\n",
    );
    write(
        dir,
        "b.txt",
        "The flooded town of Portmere was visited by Defence Minister Ines Varga on Monday, who promised aid.\n",
    );
    let (_, out, _) = run(dir, &["check", ".", "--format", "json"]);
    let json: Value = serde_json::from_str(&out).unwrap();
    let title = findings(&json).into_iter().find(|f| f["kind"] == "title").expect("a title finding");
    let msg = title["message"].as_str().unwrap();
    assert!(msg.contains("`Interior Minister`") && !msg.contains('\n'), "{msg}");
    let (_, concise, _) = run(dir, &["check", ".", "--format", "concise"]);
    assert_eq!(concise.lines().count(), findings(&json).len() + 1, "{concise}");
}

#[test]
fn three_versions_of_a_quote_each_show_their_diff() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let said = |words: &str| format!("At the meeting in Portmere, Ines Varga said: \"{words}\"\n");
    write(dir, "a.txt", &said("We will rebuild the old bridge by spring and open it to traffic."));
    write(dir, "b.txt", &said("We will repair the old bridge by spring and open it to traffic."));
    write(dir, "c.txt", &said("We will rebuild the old bridge by summer and open it to traffic."));
    write(dir, "d.txt", &said("We will rebuild the old bridge by spring and open it to traffic."));
    let (_, out, _) = run(dir, &["check", ".", "--color", "never"]);
    assert!(out.contains("(3 versions)"), "{out}");
    assert!(out.contains("wording in b.txt: We will [-rebuild-] {+repair+} the old bridge"), "{out}");
    assert!(out.contains("wording in c.txt: We will rebuild the old bridge by [-spring-] {+summer+}"), "{out}");
    assert!(out.contains("in 2 documents: a.txt:1; d.txt:1"), "{out}");
    let (_, md, _) = run(dir, &["check", ".", "--format", "markdown"]);
    assert!(md.contains("Wording in b.txt: We will ~~rebuild~~ **repair**"), "{md}");
    assert!(md.contains("Wording in c.txt:"), "{md}");
}

#[test]
fn counted_nouns_read_as_english() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut messages = Vec::new();
    for (a, b) in [
        ("paid $300 in cash to the workers", "paid $500 in cash to the workers"),
        ("took 300 cash boxes from the plant", "took 500 cash boxes from the plant"),
    ] {
        write(dir, "a.txt", &format!("On Monday the company {a} of the Dunmore plant, the union said.\n"));
        write(dir, "b.txt", &format!("On Monday the company {b} of the Dunmore plant, the union said.\n"));
        let (_, out, _) = run(dir, &["check", ".", "--format", "json"]);
        let json: Value = serde_json::from_str(&out).unwrap();
        messages.extend(findings(&json).iter().map(|f| f["message"].as_str().unwrap().to_string()));
    }
    assert!(messages.iter().any(|m| m.starts_with("amount of cash:")), "{messages:?}");
    assert!(messages.iter().any(|m| m.starts_with("number of boxes:")), "{messages:?}");
    assert!(messages.iter().all(|m| !m.contains("cashs") && !m.contains("boxs")), "{messages:?}");
}

#[test]
fn include_patterns_that_match_nothing_are_named() {
    let tmp = copy_set("satellite-launch");
    let dir = tmp.path();
    let (code, out, stderr) =
        run(dir, &["check", ".", "--include", "*.txt", "--include", "**/*.mdx", "--format", "json"]);
    assert_eq!(code, 1, "a warning does not change the exit code");
    assert!(stderr.contains("include pattern `**/*.mdx` matched no file"), "{stderr}");
    assert!(!stderr.contains("`*.txt`"), "{stderr}");
    let json: Value = serde_json::from_str(&out).unwrap();
    assert!(json["warnings"][0]["message"].as_str().unwrap().contains("**/*.mdx"), "{json:#}");
    assert!(!findings(&json).is_empty());
}

#[test]
fn stdin_is_one_document_named_by_stdin_filename() {
    let tmp = copy_set("court-verdict");
    let dir = tmp.path();
    let (_, files, _) = run(dir, &["check", ".", "--format", "json"]);
    let files: Value = serde_json::from_str(&files).unwrap();
    let national = fs::read(dir.join("national-news.txt")).unwrap();
    fs::remove_file(dir.join("national-news.txt")).unwrap();
    let out = piped(dir, &["check", ".", "-", "--stdin-filename", "national-news.txt", "--format", "json"], &national);
    assert_eq!(out.status.code(), Some(1));
    let from_stdin: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(findings(&from_stdin), findings(&files), "the piped document is read as the file was");
    // The name decides the reader: a Markdown comment works from standard input too.
    let out = piped(
        dir,
        &["check", "lviv-daily.txt", "-", "--stdin-filename", "note.md", "--format", "json"],
        b"<!-- crosscheck-ignore -->\nThe verdict was delivered on 17 March 2022, the Lviv Regional Court said.\n",
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["documents"][1]["path"], "note.md");
    assert!(findings(&json).iter().all(|f| f["kind"] != "date"), "{json:#}");
    assert_eq!(json["suppressed"][0]["kind"], "date", "{json:#}");
    assert_eq!(json["suppressed"][0]["suppressed_by"]["by"], "comment");
    let (code, _, stderr) = run(dir, &["check", ".", "--stdin-filename", "x.md"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--stdin-filename"), "{stderr}");
}

#[test]
fn markdown_report_and_the_github_job_summary() {
    let set = fixture("court-verdict");
    let (_, json, _) = check_json(&[&set]);
    let n = findings(&json).len();
    let (code, md, _) = run(&root(), &["check", &set, "--format", "markdown"]);
    assert_eq!(code, 1);
    assert!(md.starts_with("## crosscheck\n"), "{md}");
    assert_eq!(md.matches("\n### ").count(), n, "{md}");
    assert!(md.contains("| kind | errors | warnings | info |"), "{md}");
    assert!(md.contains("1 document says `15 March 2022`, 1 says `17 March 2022`"), "{md}");
    assert!(md.contains("Wording: no ~~room for~~ doubt"), "{md}");

    let tmp = tempfile::tempdir().unwrap();
    let summary = tmp.path().join("summary.md");
    fs::write(&summary, "earlier step\n").unwrap();
    let out = bin()
        .current_dir(root())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["check", &set, "--format", "github"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), n);
    let written = fs::read_to_string(&summary).unwrap();
    assert!(written.starts_with("earlier step\n## crosscheck\n"), "appended, not overwritten: {written}");
    assert_eq!(written.matches("\n### ").count(), n);
}

#[test]
fn completions_and_manual_pages_come_from_the_command_definition() {
    let (code, bash, _) = run(&root(), &["completions", "bash"]);
    assert_eq!(code, 0);
    for word in ["check", "explain", "--write-baseline", "--stdin-filename", "markdown"] {
        assert!(bash.contains(word), "{word} missing from the bash completions");
    }
    let (_, zsh, _) = run(&root(), &["completions", "zsh"]);
    assert!(zsh.starts_with("#compdef crosscheck"), "{}", &zsh[..40.min(zsh.len())]);
    let (code, man, _) = run(&root(), &["man"]);
    assert_eq!(code, 0);
    assert!(man.contains(".TH crosscheck"), "{}", &man[..200.min(man.len())]);
    let tmp = tempfile::tempdir().unwrap();
    let (code, _, _) = run(&root(), &["man", "--dir", tmp.path().to_str().unwrap()]);
    assert_eq!(code, 0);
    let check = fs::read_to_string(tmp.path().join("crosscheck-check.1")).unwrap();
    assert!(check.contains("write\\-baseline") && check.contains("sarif\\-root"), "{check}");
}

#[test]
fn html_report_is_one_file_that_loads_nothing() {
    let set = fixture("valley-earthquake");
    let (_, json, _) = check_json(&[&set]);
    let (code, html, _) = run(&root(), &["check", &set, "--format", "html"]);
    assert_eq!(code, 1);
    assert_eq!(html.matches("<article class=\"card").count(), findings(&json).len());
    for f in findings(&json) {
        assert!(html.contains(&format!("id=\"f-{}\"", f["id"].as_str().unwrap())), "{}", f["id"]);
    }
    for external in ["http://", "https://", " src=", "@import", "url("] {
        assert!(!html.contains(external), "{external} in the page");
    }
    assert!(html.contains("default-src 'none'"));
    assert!(html.contains("@media print"));
}
