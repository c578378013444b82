//! Bad input, one test per case: each is reported (stderr and JSON `errors`) with the path and
//! why, gives exit code 2 only when something could not be read, and never changes what the
//! rest of the set gives. The good documents are a copy of `fixtures/satellite-launch` (three
//! documents with findings); every case is compared with a clean run of the same copy.

mod common;

use std::fs;
use std::io::Write;

use common::*;
use serde_json::Value;

#[test]
fn binary_file_with_a_text_extension() {
    let c = Case::new();
    c.write("set/image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0");
    let (code, json, stderr) = c.run(&["set"]);
    assert_eq!(code, 2, "{stderr}");
    assert_one_error(&json, &stderr, "set/image.txt", "skipped: not a text document (it is a PNG image)");
    assert_eq!(doc_paths(&json).len(), 3);
    c.assert_findings_unchanged(&json);
}

#[test]
fn empty_file() {
    let c = Case::new();
    c.write("set/empty.md", b"");
    let (code, json, stderr) = c.run(&["set"]);
    // Nothing was lost: a warning, and the run is judged by its findings.
    assert_eq!(code, 1, "{stderr}");
    assert_one_warning(&json, &stderr, "set/empty.md", "skipped: the file is empty");
    c.assert_findings_unchanged(&json);
}

const TOO_BIG: &str = "skipped: 39.1 KB is over the size limit of 19.5 KB (raise max_file_size in crosscheck.toml or use --max-file-size)";

#[test]
fn file_over_the_size_limit_on_the_command_line() {
    let c = Case::new();
    c.write("set/big.txt", &"The archive grew. ".repeat(40_000 / 18 + 1).as_bytes()[..40_000]);
    let (code, json, stderr) = c.run(&["set", "--max-file-size", "20000"]);
    assert_eq!(code, 2, "{stderr}");
    assert_one_error(&json, &stderr, "set/big.txt", TOO_BIG);
    c.assert_findings_unchanged(&json);
    // Under the default limit it is read.
    let (code, json, stderr) = c.run(&["set"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(doc_paths(&json).len(), 4);
}

#[test]
fn file_over_the_size_limit_in_crosscheck_toml() {
    let c = Case::new();
    c.write("set/big.txt", vec![b'a'; 40_000]);
    // Discovered in the current folder.
    c.write("crosscheck.toml", "max_file_size = 20_000\n");
    let (code, json, stderr) = c.run(&["set"]);
    assert_eq!(code, 2, "{stderr}");
    assert_one_error(&json, &stderr, "set/big.txt", TOO_BIG);
    c.assert_findings_unchanged(&json);
    // Named with --config from elsewhere.
    fs::rename(c.path("crosscheck.toml"), c.path("limits.toml")).unwrap();
    let set = c.path("set");
    let config = c.path("limits.toml");
    let (code, json, stderr) = run_in(&root(), &[set.to_str().unwrap(), "--config", config.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    let big = c.path("set/big.txt");
    assert_one_error(&json, &stderr, big.to_str().unwrap(), TOO_BIG);
    c.assert_findings_unchanged(&json);
    // The command line wins over the config.
    let (code, json, _) = c.run(&["set", "--config", "limits.toml", "--max-file-size", "50000"]);
    assert_eq!((code, doc_paths(&json).len()), (1, 4));
}

#[test]
fn unreadable_file() {
    let c = Case::new();
    c.write("set/locked.txt", "Minutes of the parish meeting about the bakery in Tartu.\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(c.path("set/locked.txt"), fs::Permissions::from_mode(0o000)).unwrap();
    }
    let running_as_root = fs::read_to_string(c.path("set/locked.txt")).is_ok();
    let (code, json, stderr) = c.run(&["set"]);
    if running_as_root {
        // Root reads it anyway: it is just one more document.
        assert_eq!(code, 1, "{stderr}");
        assert_eq!(doc_paths(&json).len(), 4);
    } else {
        assert_eq!(code, 2, "{stderr}");
        assert_one_error(&json, &stderr, "set/locked.txt", "cannot read: permission denied");
    }
    c.assert_findings_unchanged(&json);
}

/// A file that fails to read even for root (CI runs as root): `/proc/self/mem` answers every read
/// at offset 0 with an I/O error.
#[cfg(target_os = "linux")]
#[test]
fn file_that_fails_to_read() {
    let c = Case::new();
    std::os::unix::fs::symlink("/proc/self/mem", c.path("set/broken-disk.txt")).unwrap();
    let (code, json, stderr) = c.run(&["set"]);
    assert_eq!(code, 2, "{stderr}");
    assert_one_error(&json, &stderr, "set/broken-disk.txt", "cannot read: Input/output error");
    assert_eq!(doc_paths(&json).len(), 3);
    c.assert_findings_unchanged(&json);
}

#[cfg(unix)]
#[test]
fn broken_symlink() {
    let c = Case::new();
    std::os::unix::fs::symlink("nowhere.txt", c.path("set/gone.txt")).unwrap();
    // A broken link to a file that would not be read anyway is not worth an error.
    std::os::unix::fs::symlink("nowhere.png", c.path("set/gone.png")).unwrap();
    let (code, json, stderr) = c.run(&["set"]);
    assert_eq!(code, 2, "{stderr}");
    assert_one_error(&json, &stderr, "set/gone.txt", "cannot read: is a broken symbolic link");
    c.assert_findings_unchanged(&json);
    // Named on the command line: the same message.
    let (code, json, stderr) = c.run(&["set/business-weekly.txt", "set/gone.txt"]);
    assert_eq!(code, 2, "{stderr}");
    assert_one_error(&json, &stderr, "set/gone.txt", "cannot read: is a broken symbolic link");
    // Excluded: not read, so no error.
    let (code, json, stderr) = c.run(&["set", "--exclude", "gone.*"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(json["errors"].as_array().unwrap().is_empty(), "{stderr}");
}

#[cfg(unix)]
#[test]
fn symlink_loop() {
    let c = Case::new();
    fs::create_dir(c.path("set/sub")).unwrap();
    std::os::unix::fs::symlink("..", c.path("set/sub/up")).unwrap();
    let (code, json, stderr) = c.run(&["set"]);
    assert_eq!(code, 1, "{stderr}");
    assert_one_warning(
        &json,
        &stderr,
        "set/sub/up",
        "skipped: symbolic link loop (it points back to a folder above it)",
    );
    // Every document once, none through the loop.
    assert_eq!(doc_paths(&json), ["set/business-weekly.txt", "set/regional-digest.txt", "set/wire.txt"]);
    c.assert_findings_unchanged(&json);
}

#[test]
fn malformed_html_is_read_not_an_error() {
    let c = Case::new();
    c.write(
        "set/broken.html",
        "<html><body><div class=\"story\"><p>The bakery in Tartu <b>reopened <i>after the fire\n\
         <table><td>cell<td>another<tr><td>row</div></span></p></p><<>>< /a> &bogus; &#xFFFFFFFF; &amp\n\
         <p a=\"x>y</p><!-- never closed comment\n<script>never closed",
    );
    c.write("set/tags.htm", "</div></div>Loose text about the Tartu bakery<p><p><li>item<td>cell</html></html><html>");
    let (code, json, stderr) = c.run(&["set"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(json["errors"].as_array().unwrap().is_empty(), "{stderr}");
    assert!(!stderr.contains("panick"), "{stderr}");
    let docs = doc_paths(&json);
    assert!(docs.contains(&"set/broken.html".to_string()) && docs.contains(&"set/tags.htm".to_string()), "{docs:?}");
    assert_eq!(docs.len(), 5);
    c.assert_findings_unchanged(&json);
}

#[test]
fn docx_of_random_bytes() {
    let c = Case::new();
    let bytes: Vec<u8> = (0u32..4096).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    c.write("set/report.docx", bytes);
    let (code, json, stderr) = c.run(&["set"]);
    assert_eq!(code, 2, "{stderr}");
    assert_one_error(
        &json,
        &stderr,
        "set/report.docx",
        "cannot read as a Word document: not a valid .docx file (it is not a readable zip archive",
    );
    c.assert_findings_unchanged(&json);
}

#[test]
fn docx_without_word_document_xml() {
    let c = Case::new();
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.start_file("docProps/core.xml", zip::write::SimpleFileOptions::default()).unwrap();
    w.write_all(b"<cp:coreProperties/>").unwrap();
    c.write("set/report.docx", w.finish().unwrap().into_inner());
    let (code, json, stderr) = c.run(&["set"]);
    assert_eq!(code, 2, "{stderr}");
    assert_one_error(
        &json,
        &stderr,
        "set/report.docx",
        "cannot read as a Word document: not a Word document: the archive has no word/document.xml",
    );
    c.assert_findings_unchanged(&json);
}

#[test]
fn folder_given_twice() {
    let c = Case::new();
    let (_, once, _) = c.run(&["set"]);
    let (code, json, stderr) = c.run(&["set", "set", "./set/"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(json["errors"].as_array().unwrap().is_empty(), "{stderr}");
    assert_eq!(doc_paths(&json).len(), 3);
    // Not just the same findings: the same report.
    assert_eq!(json, once);
}

#[test]
fn same_file_by_two_paths() {
    let c = Case::new();
    let (_, once, _) = c.run(&["set"]);
    let plain = ["set/business-weekly.txt", "set/regional-digest.txt", "set/wire.txt"];
    for args in [&["set", "set/../set/wire.txt"][..], &["set/./wire.txt", "set", "set/wire.txt"][..]] {
        let (code, json, stderr) = c.run(args);
        assert_eq!(code, 1, "{args:?}: {stderr}");
        assert!(json["errors"].as_array().unwrap().is_empty(), "{args:?}: {stderr}");
        // Read once, under its direct path, so the report is that of the folder alone.
        assert_eq!(doc_paths(&json), plain, "{args:?}");
        assert_eq!(json, once, "{args:?}");
    }
    // A file symlink inside the folder is the same document, shown under the file's own name.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("wire.txt", c.path("set/alias.txt")).unwrap();
        let (code, json, stderr) = c.run(&["set"]);
        assert_eq!(code, 1, "{stderr}");
        assert!(json["errors"].as_array().unwrap().is_empty(), "{stderr}");
        assert_eq!(doc_paths(&json), plain);
        assert_eq!(json, once);
        let (_, json, _) = c.run(&["set/alias.txt"]);
        assert_eq!(doc_paths(&json), ["set/alias.txt"], "the only path given is kept");
    }
}

#[test]
fn include_and_exclude_globs() {
    let c = Case::new();
    fs::create_dir(c.path("set/drafts")).unwrap();
    // A draft that disagrees with the set, and notes in another format.
    let wire = fs::read_to_string(c.path("set/wire.txt")).unwrap();
    c.write("set/drafts/wire-draft.txt", wire.replace("seven", "twelve"));
    c.write("set/notes.md", "# Notes\n\nThe bakery in Tartu reopened on Monday.\n");
    let (code, json, _) = c.run(&["set"]);
    assert_eq!((code, doc_paths(&json).len()), (1, 5));
    assert_ne!(strip_paths(&findings(&json)), c.clean, "the draft should disagree");

    let (code, json, stderr) = c.run(&["set", "--exclude", "drafts", "--exclude", "*.md"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(doc_paths(&json), ["set/business-weekly.txt", "set/regional-digest.txt", "set/wire.txt"]);
    c.assert_findings_unchanged(&json);

    let (_, json, _) = c.run(&["set", "--include", "*.txt", "--exclude", "drafts/**"]);
    assert_eq!(doc_paths(&json), ["set/business-weekly.txt", "set/regional-digest.txt", "set/wire.txt"]);
    c.assert_findings_unchanged(&json);

    let (_, json, _) = c.run(&["set", "--include", "drafts/*.txt"]);
    assert_eq!(doc_paths(&json), ["set/drafts/wire-draft.txt"]);

    let (_, json, _) = c.run(&["set", "--include", "**/*.md"]);
    assert_eq!(doc_paths(&json), ["set/notes.md"]);

    // A file named on the command line is read whatever the globs say.
    let (_, json, _) = c.run(&["set/notes.md", "--exclude", "*.md"]);
    assert_eq!(doc_paths(&json), ["set/notes.md"]);

    // A bad glob is a usage error.
    let out = bin().current_dir(c.path("")).args(["check", "set", "--include", "a[", "--format", "json"]).output();
    assert_eq!(out.unwrap().status.code(), Some(2));
}

#[test]
fn extension_mapped_to_a_format_in_crosscheck_toml() {
    let c = Case::new();
    c.write(
        "set/notes.mdx",
        "---\ntitle: Launch notes\ndate: 2019-10-04\n---\n\n# Notes\n\nThe bakery in **Tartu** reopened on Monday.\n",
    );
    // Unknown extensions are not read from folders.
    let (code, json, _) = c.run(&["set"]);
    assert_eq!((code, doc_paths(&json).len()), (1, 3));

    let notes = |json: &Value| -> Value {
        json["documents"].as_array().unwrap().iter().find(|d| d["path"] == "set/notes.mdx").cloned().unwrap_or_default()
    };
    // Discovered in the current folder: read as Markdown (its front matter gives the title).
    c.write("crosscheck.toml", "[formats]\nmdx = \"markdown\"\n");
    let (code, json, stderr) = c.run(&["set"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(json["errors"].as_array().unwrap().is_empty(), "{stderr}");
    assert_eq!(doc_paths(&json).len(), 4);
    assert_eq!(notes(&json)["title"], "Launch notes", "{json:#}");
    assert_eq!(notes(&json)["date"], "2019-10-04");
    c.assert_findings_unchanged(&json);

    // Named with --config, run from elsewhere.
    fs::rename(c.path("crosscheck.toml"), c.path("formats.toml")).unwrap();
    let (set, config) = (c.path("set"), c.path("formats.toml"));
    let (code, json, _) = run_in(&root(), &[set.to_str().unwrap(), "--config", config.to_str().unwrap()]);
    assert_eq!(code, 1);
    let docs = json["documents"].as_array().unwrap();
    let mdx = docs.iter().find(|d| d["path"].as_str().unwrap().ends_with("notes.mdx")).unwrap();
    assert_eq!(mdx["title"], "Launch notes");

    // Mapped to text instead, the front matter is just text: no title.
    c.write("formats.toml", "[formats]\nmdx = \"text\"\n");
    let (_, json, _) = c.run(&["set", "--config", "formats.toml"]);
    assert_eq!(notes(&json)["title"], Value::Null, "{json:#}");
}
