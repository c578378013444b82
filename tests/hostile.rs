//! Hostile input, end to end through the real binary: every reproduction of "never crash, never
//! hang, never point at the wrong file" (issue 10). Each case puts its input beside a copy of
//! `fixtures/satellite-launch` (three good documents with findings) and checks the exit code, the
//! message, and that the good documents' findings are what a clean run of the copy gives.
//!
//! Size and time (a 20 MB document, a pack of 43,000 rules) are benchmarks, not tests: see
//! `benches/README.md`.

mod common;

use std::fs;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use common::*;
use serde_json::Value;

/// Runs `crosscheck ARGS` in `cwd` and gives up after 60 s: a hang is a failure, not a stuck CI.
fn run_raw(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .current_dir(cwd)
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `crosscheck check ARGS --format json` with the timeout.
fn run_json(cwd: &Path, args: &[&str]) -> (i32, Value, String) {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let (code, stdout, stderr) = run_raw(cwd, &all);
    let json: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("bad JSON ({e}): {stdout}\n{stderr}"));
    (code, json, stderr)
}

/// Every finding of the clean run is still there (the hostile documents may add their own).
fn assert_findings_kept(c: &Case, json: &Value) {
    let now = strip_paths(&findings(json));
    for f in &c.clean {
        assert!(now.contains(f), "lost {f:?}\nin {now:#?}");
    }
}

/// One hostile case: what it shows, and the files (path, bytes) it writes.
type Files<'a> = &'a [(&'a str, &'a [u8])];

fn no_panic(stderr: &str) {
    assert!(!stderr.contains("panicked") && !stderr.contains("internal error"), "{stderr}");
}

// ---------------------------------------------------------------------------------------------
// 1. No panic on text.

/// The three texts that crashed the whole run (exit 101, nothing written) now give findings.
#[test]
fn texts_that_used_to_panic_are_checked() {
    let cases: [(&str, Files); 4] = [
        ("curly quote then a comma", &[("bad/a.txt", "“Yes”, the company said.\n".as_bytes())]),
        ("the same in Windows-1252", &[("bad/a.txt", b"\x93Yes\x94, the company said.\n")]),
        ("a dotted capital I", &[("bad/a.txt", "Acme İİİİ Ltd, the company said.\n".as_bytes())]),
        (
            "a window ending inside a quote mark",
            &[
                (
                    "bad/a.txt",
                    "Andriy Melnyk said 5 people came to the hearing. The crowd was told the court clerk please quietly “wait”.\n"
                        .as_bytes(),
                ),
                ("bad/b.txt", b"Andriy Melnyk said 9 people came to the hearing.\n"),
            ],
        ),
    ];
    for (what, files) in cases {
        let c = Case::new();
        fs::create_dir(c.path("bad")).unwrap();
        for (name, bytes) in files {
            c.write(name, bytes);
        }
        let (code, json, stderr) = run_json(c.tmp.path(), &["set", "bad"]);
        assert_eq!(code, 1, "{what}: {stderr}");
        no_panic(&stderr);
        assert!(json["errors"].as_array().unwrap().is_empty(), "{what}: {json:#}");
        assert_findings_kept(&c, &json);
        if files.len() == 2 {
            let counts = findings(&json).iter().any(|f| {
                let t = surface(f);
                has(&t, "5 people") && has(&t, "9 people")
            });
            assert!(counts, "{what}: the counts 5 and 9 disagree: {json:#}");
        }
    }
}

/// A panic inside one rule (a bug) costs that rule's findings only: the others are written, the
/// rule is named on stderr and in JSON `errors`, and the exit code is 2, never 101.
#[test]
fn a_panic_in_one_rule_keeps_the_other_rules_findings() {
    if !cfg!(debug_assertions) {
        return; // the panic seam exists in debug builds only
    }
    let c = Case::new();
    let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .current_dir(c.tmp.path())
        .args(["check", "set", "--format", "json"])
        .env("CROSSCHECK_TEST_PANIC", "number-conflicts")
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors = json["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let m = errors[0]["message"].as_str().unwrap();
    assert!(m.contains("internal error while checking rule `number-conflicts`") && m.contains("test panic"), "{m}");
    assert_eq!(errors[0]["path"], "<default rules>");
    assert!(
        stderr.contains("error: <default rules>: internal error while checking rule `number-conflicts`"),
        "{stderr}"
    );
    // Every other rule's findings are there; only the number rule's are missing.
    let now = strip_paths(&findings(&json));
    let expected: Vec<_> = c.clean.iter().filter(|f| f.0 != "number-conflicts").cloned().collect();
    assert!(expected.len() < c.clean.len(), "the clean run has a number finding to lose");
    assert_eq!(now, expected);
}

// ---------------------------------------------------------------------------------------------
// 3. HTML.

/// A tag with 30,000 double-quoted attributes (180 KB) aborted the process with a stack overflow
/// in the HTML tokenizer.
#[test]
fn a_tag_with_thousands_of_attributes() {
    let c = Case::new();
    let page = format!(
        "<html><body><p {}>Minutes of the parish meeting about the bakery in Tartu.</p></body></html>",
        "a=\"\" ".repeat(30_000)
    );
    c.write("set/attributes.html", page);
    let (code, json, stderr) = c.run(&["set"]);
    assert_eq!(code, 1, "{stderr}");
    no_panic(&stderr);
    assert!(json["errors"].as_array().unwrap().is_empty() && json["warnings"].as_array().unwrap().is_empty());
    assert!(doc_paths(&json).contains(&"set/attributes.html".to_string()));
    c.assert_findings_unchanged(&json);
}

// ---------------------------------------------------------------------------------------------
// 4. Resource limits.

/// `--max-file-size` applies to what a `.docx` unpacks to: a small zip of 2 MB of XML is over a
/// 100 KB limit.
#[test]
fn a_docx_that_unpacks_past_the_limit() {
    let c = Case::new();
    let paragraph = "The parish council of Tartu met on Tuesday about the bakery. ".repeat(20);
    let paragraphs: Vec<&str> = std::iter::repeat_n(paragraph.as_str(), 1_600).collect();
    let docx = crosscheck::document::docx::make_docx(&paragraphs);
    assert!(docx.len() < 100_000, "the zip itself is small: {}", docx.len());
    c.write("set/minutes.docx", &docx);
    let (code, json, stderr) = c.run(&["set", "--max-file-size", "100000"]);
    assert_eq!(code, 2, "{stderr}");
    assert_one_error(&json, &stderr, "set/minutes.docx", "skipped: word/document.xml unpacks to 2");
    let m = json["errors"][0]["message"].as_str().unwrap();
    assert!(m.contains("KB, which is over the size limit of 97.7 KB"), "{m}");
    c.assert_findings_unchanged(&json);
    // Under the default limit it is read.
    let (code, json, stderr) = c.run(&["set"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(doc_paths(&json).len(), 4);
}

/// Size messages say both sizes in the unit of the limit.
#[test]
fn size_messages_use_the_unit_of_the_limit() {
    let c = Case::new();
    c.write("set/big.txt", "The archive of the parish grew. ".repeat(50_000));
    let (code, json, stderr) = c.run(&["set", "--max-file-size", "1048576"]);
    assert_eq!(code, 2, "{stderr}");
    assert_one_error(&json, &stderr, "set/big.txt", "skipped: 1.5 MB is over the size limit of 1.0 MB");
    let (code, json, stderr) = c.run(&["set", "--max-file-size", "900"]);
    assert_eq!(code, 2, "{stderr}");
    let m: Vec<&str> = json["errors"].as_array().unwrap().iter().map(|e| e["message"].as_str().unwrap()).collect();
    assert!(m.iter().all(|m| m.contains("bytes is over the size limit of 900 bytes")), "{m:?}");
}

#[cfg(unix)]
fn mkfifo(p: &Path) {
    let ok = std::process::Command::new("mkfifo").arg(p).status().unwrap().success();
    assert!(ok, "mkfifo {}", p.display());
}

/// A pipe or a device given as a rule pack or a config is refused at once instead of blocking
/// (a pipe) or reading forever (`/dev/zero`); the documents are still checked.
#[cfg(unix)]
#[test]
fn pipes_and_devices_as_rules_or_config_are_refused() {
    let c = Case::new();
    mkfifo(&c.path("pack.toml"));
    let cases: [(&[&str], &str, &str); 4] = [
        (
            &["--rules", "pack.toml"],
            "pack.toml",
            "cannot read rule pack: it is a named pipe (FIFO), not a regular file",
        ),
        (&["--rules", "/dev/zero"], "/dev/zero", "cannot read rule pack: it is a device, not a regular file"),
        (&["--config", "pack.toml"], "pack.toml", "cannot read config: it is a named pipe (FIFO), not a regular file"),
        (&["--config", "/dev/null"], "/dev/null", "cannot read config: it is a device, not a regular file"),
    ];
    for (extra, path, message) in cases {
        let mut args = vec!["set"];
        args.extend_from_slice(extra);
        let (code, json, stderr) = run_json(c.tmp.path(), &args);
        assert_eq!(code, 2, "{extra:?}: {stderr}");
        assert_one_error(&json, &stderr, path, message);
        c.assert_findings_unchanged(&json);
    }
    // Listed in crosscheck.toml, and a pipe named crosscheck.toml.
    c.write("crosscheck.toml", "rules = [\"pack.toml\"]\n");
    let (code, json, stderr) = run_json(c.tmp.path(), &["set"]);
    assert_eq!(code, 2, "{stderr}");
    let pack = c.path("pack.toml").to_string_lossy().into_owned();
    assert_one_error(&json, &stderr, &pack, "cannot read rule pack: it is a named pipe (FIFO), not a regular file");
    c.assert_findings_unchanged(&json);
    fs::remove_file(c.path("crosscheck.toml")).unwrap();
    mkfifo(&c.path("crosscheck.toml"));
    let (code, json, stderr) = run_json(c.tmp.path(), &["set"]);
    assert_eq!(code, 2, "{stderr}");
    let errors = json["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0]["message"].as_str().unwrap().contains("cannot read config: it is a named pipe"), "{errors:?}");
    c.assert_findings_unchanged(&json);
}

/// Non-regular files named on the command line get a message instead of being passed over.
#[cfg(unix)]
#[test]
fn a_pipe_named_as_a_document() {
    let c = Case::new();
    mkfifo(&c.path("set/incoming.txt"));
    // Named: an error. Met while walking the folder: passed over, as ripgrep does.
    let (code, json, stderr) = run_json(c.tmp.path(), &["set", "set/incoming.txt"]);
    assert_eq!(code, 2, "{stderr}");
    assert_one_error(&json, &stderr, "set/incoming.txt", "cannot read: it is a named pipe (FIFO), not a regular file");
    c.assert_findings_unchanged(&json);
    let (code, json, stderr) = run_json(c.tmp.path(), &["set", "/dev/null"]);
    assert_eq!(code, 2, "{stderr}");
    assert_one_error(&json, &stderr, "/dev/null", "cannot read: it is a device, not a regular file");
    let (code, json, stderr) = run_json(c.tmp.path(), &["set"]);
    assert_eq!(code, 1, "{stderr}");
    c.assert_findings_unchanged(&json);
}

// ---------------------------------------------------------------------------------------------
// 5. Paths are never rebuilt from their display string.

#[cfg(unix)]
#[test]
fn backslashes_and_non_utf8_names_are_read_as_themselves() {
    use std::os::unix::ffi::OsStrExt;
    let c = Case::new();
    // Read as `x/../../outside.txt`, this name used to reach a file outside the checked folder.
    c.write("outside.txt", "The parish council of Tartu said 7 people came to the hearing.\n");
    c.write("set/x\\..\\..\\outside.txt", "The parish council of Tartu said 5 people came to the hearing.\n");
    c.write("set/back\\slash.txt", "The parish council of Tartu said 9 people came to the hearing.\n");
    let odd = c.path("set").join(std::ffi::OsStr::from_bytes(b"caf\xe9.txt"));
    fs::write(&odd, "The parish council of Tartu said 9 people came to the hearing.\n").unwrap();
    let (code, json, stderr) = c.run(&["set"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(json["errors"].as_array().unwrap().is_empty(), "{json:#}");
    let docs = doc_paths(&json);
    for shown in ["set/x\\..\\..\\outside.txt", "set/back\\slash.txt", "set/caf\\xE9.txt"] {
        assert!(docs.contains(&shown.to_string()), "{shown} in {docs:?}");
    }
    // The file behind each name is the one read: 5 and 9, never the outside file's 7.
    let counts: Vec<Value> = findings(&json).into_iter().filter(|f| has(&surface(f), "5 people")).collect();
    assert_eq!(counts.len(), 1, "{json:#}");
    assert!(has(&surface(&counts[0]), "9 people") && !has(&surface(&counts[0]), "7 people"), "{:#}", counts[0]);
    assert_findings_kept(&c, &json);
    // The same when the odd files are named on the command line.
    let (code, json, stderr) = c.run(&["set/x\\..\\..\\outside.txt", "set/back\\slash.txt"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(doc_paths(&json), ["set/back\\slash.txt", "set/x\\..\\..\\outside.txt"]);
}

// ---------------------------------------------------------------------------------------------
// 6. Output cannot be forged.

/// A file name and a text holding newlines, escape sequences and `::error` commands: no output
/// but `--format github`'s own lines starts a workflow command, and no control character reaches
/// a human-facing output raw.
#[cfg(unix)]
#[test]
fn file_names_and_text_cannot_forge_output() {
    let c = Case::new();
    fs::create_dir(c.path("bad")).unwrap();
    let evil = "bad/x\n::error file=wire.txt,line=1::forged\x1b[2K.txt";
    c.write(evil, b"Andriy Melnyk said 5 people came \x1b]0;owned\x07 to the hearing. Caf\xe9.\n");
    c.write("bad/::warning::y.txt", "Andriy Melnyk said 9 people came to the hearing.\n");
    for format in ["human", "concise", "github", "json", "sarif"] {
        let (code, stdout, stderr) =
            run_raw(c.tmp.path(), &["check", "set", "bad", "--format", format, "--color", "never"]);
        assert_eq!(code, 1, "{format}: {stderr}");
        for line in stdout.lines() {
            if format == "github" {
                let own = ["::error file=", "::warning file=", "::notice file="].iter().any(|p| line.starts_with(p));
                assert!(own, "github: a line not of the report's own: {line:?}");
            } else {
                assert!(!line.starts_with("::"), "{format}: {line:?}");
            }
            assert!(!line.contains(['\x1b', '\x07', '\r']), "{format}: raw control in {line:?}");
        }
        for line in stderr.lines() {
            assert!(!line.starts_with("::") && !line.contains(['\x1b', '\x07', '\r']), "stderr: {line:?}");
        }
        if format == "concise" {
            assert!(stdout.contains("bad/x\\u{a}::error file=wire.txt,line=1::forged\\u{1b}[2K.txt"), "{stdout}");
        }
        if format == "github" {
            // The name is one property value: its own `::` and `,` are escaped.
            assert!(
                stdout.contains("file=bad/x%0A%3A%3Aerror file=wire.txt%2Cline=1%3A%3Aforged\\u{1b}[2K.txt"),
                "{stdout}"
            );
        }
    }
    // `crosscheck facts`, whose document lines start with the path.
    let (code, stdout, stderr) = run_raw(c.tmp.path(), &["facts", "bad"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.lines().all(|l| !l.starts_with("::") && !l.contains(['\x1b', '\x07'])), "{stdout}");
    // Run from inside `bad`, a path starts with `::`: it is shown as `./::…`.
    let (_, stdout, _) = run_raw(&c.path("bad"), &["facts", "."]);
    assert!(stdout.lines().any(|l| l == "./::warning::y.txt"), "{stdout}");
    let (_, stdout, _) = run_raw(&c.path("bad"), &["check", ".", "--format", "concise"]);
    assert!(stdout.lines().all(|l| !l.starts_with("::")), "{stdout}");
    assert!(stdout.contains("./::warning::y.txt:1:20"), "{stdout}");
}

// ---------------------------------------------------------------------------------------------
// 7. Rule packs.

/// A `"""` description with lines starting with `[` is one value, and a syntax error in one
/// rule is located while the pack's other rules still run.
#[test]
fn a_broken_rule_in_a_pack_with_bracket_lines() {
    let c = Case::new();
    c.write(
        "pack.toml",
        "[[rule]]\nid = \"house-names\"\nkind = \"names\"\ndescription = \"\"\"\nSpellings follow the guide:\n[[rule]] lines here are text,\n[see the guide].\n\"\"\"\n\n[[rule]]\nid = \"broken\"\nkind = \"dates\nseverity = \"error\"\n\n[[rule]]\nid = \"house-titles\"\nkind = \"titles\"\n",
    );
    let (code, json, stderr) = c.run(&["set", "--no-default-rules", "--rules", "pack.toml"]);
    assert_eq!(code, 2, "{stderr}");
    let errors = json["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        (&errors[0]["path"], &errors[0]["line"], &errors[0]["column"]),
        (&"pack.toml".into(), &12.into(), &14.into())
    );
    assert!(stderr.contains("error: pack.toml:12:14: "), "{stderr}");
    // The two good rules ran: the spelling findings of the set are there.
    assert!(findings(&json).iter().any(|f| f["rule"] == "house-names"), "{json:#}");
    let (code, stdout, _) = run_raw(c.tmp.path(), &["rules", "--no-default-rules", "--rules", "pack.toml"]);
    assert_eq!(code, 2);
    let ids: Vec<&str> = stdout.lines().filter(|l| !l.starts_with(' ')).map(|l| l.split(' ').next().unwrap()).collect();
    assert_eq!(ids, ["house-names", "house-titles"]);
    assert!(stdout.contains("    [see the guide]."), "{stdout}");
}

// ---------------------------------------------------------------------------------------------
// 8. Smaller defects.

/// Two file links pointing at each other are a warning, like a folder loop.
#[cfg(unix)]
#[test]
fn a_loop_of_file_links() {
    let c = Case::new();
    std::os::unix::fs::symlink("b.txt", c.path("set/a.txt")).unwrap();
    std::os::unix::fs::symlink("a.txt", c.path("set/b.txt")).unwrap();
    let (code, json, stderr) = c.run(&["set"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(json["errors"].as_array().unwrap().is_empty(), "{json:#}");
    let warnings: Vec<&str> =
        json["warnings"].as_array().unwrap().iter().map(|w| w["path"].as_str().unwrap()).collect();
    assert_eq!(warnings, ["set/a.txt", "set/b.txt"]);
    assert!(json["warnings"][0]["message"].as_str().unwrap().starts_with("skipped: symbolic link loop"));
    c.assert_findings_unchanged(&json);
}

/// Line breaks of old Mac files (a lone CR) count as lines.
#[test]
fn carriage_return_line_breaks_count_as_lines() {
    let c = Case::new();
    fs::create_dir(c.path("bad")).unwrap();
    c.write("bad/a.txt", "Hearing\r\rAndriy Melnyk said 5 people came to the hearing.\r");
    c.write("bad/b.txt", "Hearing\n\nAndriy Melnyk said 9 people came to the hearing.\n");
    let (code, json, stderr) = c.run(&["bad"]);
    assert_eq!(code, 1, "{stderr}");
    let f = findings(&json).into_iter().find(|f| has(&surface(f), "5 people")).expect("a count finding");
    for e in f["evidence"].as_array().unwrap() {
        assert_eq!((e["line"].as_u64(), e["column"].as_u64()), (Some(3), Some(20)), "{e:#}");
        assert!(!e["context"].as_str().unwrap().contains("Hearing"), "{e:#}");
    }
    let (_, human, _) = run_raw(c.tmp.path(), &["check", "bad", "--color", "never"]);
    assert!(human.contains("3 │ Andriy Melnyk said 5 people came to the hearing."), "{human}");
}

/// Whitespace-only text and Markdown files get the same "no text" warning as HTML and Word, and
/// document warnings are in JSON `warnings` as on stderr.
#[test]
fn document_warnings_are_in_the_json() {
    let c = Case::new();
    c.write("set/blank.txt", " \n\t\n   \n");
    c.write("set/blank.md", "\n\n   \n");
    c.write("set/page.html", "<html><body><nav>Home</nav></body></html>");
    c.write("set/legacy.txt", b"The parish caf\xe9 in Tartu reopened.\n");
    let (code, json, stderr) = c.run(&["set"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(json["errors"].as_array().unwrap().is_empty(), "{json:#}");
    let warnings: Vec<(String, String)> = json["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| (w["path"].as_str().unwrap().to_string(), w["message"].as_str().unwrap().to_string()))
        .collect();
    let want = [
        ("set/blank.md", "the file has no text"),
        ("set/blank.txt", "the file has no text"),
        ("set/legacy.txt", "decoded as Windows-1252: not valid UTF-8"),
        ("set/page.html", "no article text found in the HTML page"),
    ];
    assert_eq!(warnings.len(), want.len(), "{warnings:?}");
    for (path, message) in want {
        assert!(warnings.iter().any(|(p, m)| p == path && m == message), "{path}: {message} in {warnings:?}");
        assert!(stderr.contains(&format!("warning: {path}: {message}")), "{stderr}");
    }
    c.assert_findings_unchanged(&json);
}

/// One bad byte in a UTF-8 file is replaced and located; the rest stays UTF-8 (not the whole file
/// re-read as Windows-1252, which turned every `ü` into `Ã¼`).
#[test]
fn one_invalid_byte_in_utf8() {
    let c = Case::new();
    fs::create_dir(c.path("bad")).unwrap();
    let mut a = "Jürgen Müller said 5 people came to the hearing in Zürich.\nIt rained ".as_bytes().to_vec();
    a.extend_from_slice(b"\xff all day.\n");
    c.write("bad/a.txt", a);
    c.write("bad/b.txt", "Jürgen Müller said 9 people came to the hearing in Zürich.\n");
    let (code, json, stderr) = c.run(&["bad"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(json["warnings"].as_array().unwrap().len(), 1, "{json:#}");
    let w = json["warnings"][0]["message"].as_str().unwrap();
    assert_eq!(w, "malformed UTF-8: 1 invalid byte sequence replaced with U+FFFD (the first at line 2, column 11)");
    let f = findings(&json).into_iter().find(|f| has(&surface(f), "5 people")).expect("a count finding");
    let ctx: Vec<&str> = f["evidence"].as_array().unwrap().iter().map(|e| e["context"].as_str().unwrap()).collect();
    assert!(ctx.iter().all(|c| c.contains("Jürgen Müller")), "{ctx:?}");
}

/// An invalid glob in crosscheck.toml names the file, line and column.
#[test]
fn an_invalid_glob_in_the_config() {
    let c = Case::new();
    c.write("crosscheck.toml", "fail_on = \"warning\"\nexclude = [\"drafts/[a-\"]\n");
    let (code, json, stderr) = c.run(&["set"]);
    assert_eq!(code, 2, "{stderr}");
    let errors = json["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    // The config found from the current folder is named by its full path.
    let path = c.path("crosscheck.toml").to_string_lossy().into_owned();
    assert_eq!(
        (&errors[0]["path"], &errors[0]["line"], &errors[0]["column"]),
        (&path.as_str().into(), &2.into(), &13.into())
    );
    assert!(stderr.contains(&format!("error: {path}:2:13: invalid glob `drafts/[a-`")), "{stderr}");
    c.assert_findings_unchanged(&json);
}

/// `crosscheck … | head -1`: the closed pipe ends the run quietly, with its own exit code.
#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::{BufRead, BufReader};
    let tmp = tempfile::tempdir().unwrap();
    // Enough output to fill a pipe (64 KB): counts told differently in 30 stories, each
    // evidence with a long line of context.
    let tail = "after Anna Berg, Oleh Petrenko and Maria Kovalenko of the Tartu parish council met Ivan Sirko \
                about the bakery, the market hall and the bridge";
    // 30 stories of five documents, each about its own mayor and harbour; one document of each
    // gives another count.
    for i in 0..150 {
        let s = i / 5;
        let tag: String = [b'a' + (s / 26) as u8, b'a' + (s % 26) as u8].iter().map(|&b| b as char).collect();
        let count = if i % 5 == 0 { 1240 } else { 1420 };
        let text = format!(
            "Mayor Kerstin Valdsoo{tag} said {count} people came to the hearing on the Harbour{tag} bridge {tail}.\n"
        );
        fs::write(tmp.path().join(format!("d{i:03}.txt")), text).unwrap();
    }
    for args in [&["check", ".", "--format", "json"][..], &["facts", "."][..]] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_crosscheck"))
            .current_dir(tmp.path())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
        // The reader is gone: the rest of the report meets a closed pipe.
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!first.is_empty());
        assert!(stderr.trim().is_empty(), "{args:?}: {stderr}");
        let want = if args[0] == "check" { 1 } else { 0 };
        assert_eq!(out.status.code(), Some(want), "{args:?}: {stderr}");
    }
}
