//! The HTML report in a real browser: headless Chromium renders the report of a fixture set, takes
//! a screenshot, and dumps the DOM after the page's script ran. Every finding must be a card, and
//! a filter set from the address must hide the cards it excludes.
//!
//! `.ci/run` installs Chromium (Debian package `chromium`) when it is missing. Elsewhere, without
//! a Chromium binary, the test says so and passes; set `CROSSCHECK_REQUIRE_BROWSER=1` to make a
//! missing browser a failure (`.ci/run` does).

mod common;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A Chromium binary: `$CHROMIUM`, else the first of the usual names on `PATH`.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless_shell"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Runs Chromium headless on `url` with `extra` flags, killing it after two minutes.
fn browse(browser: &Path, profile: &Path, url: &str, extra: &[&str]) -> String {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--virtual-time-budget=5000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut s).ok();
        s
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        match child.try_wait().unwrap() {
            Some(status) => {
                assert!(status.success(), "chromium failed on {url}: {status}");
                break;
            }
            None if Instant::now() > deadline => {
                let _ = child.kill();
                panic!("chromium did not finish on {url} within two minutes");
            }
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    }
    reader.join().unwrap()
}

/// The opening tag of every finding card in a dumped DOM.
fn cards(dom: &str) -> Vec<&str> {
    dom.match_indices("<article ").map(|(i, _)| &dom[i..i + dom[i..].find('>').unwrap()]).collect()
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    Some(&tag[start..start + tag[start..].find('"')?])
}

#[test]
fn html_report_in_headless_chromium() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CROSSCHECK_REQUIRE_BROWSER").is_none(),
            "CROSSCHECK_REQUIRE_BROWSER is set but no Chromium binary was found"
        );
        eprintln!("skipping the browser test: no chromium binary on PATH (install the Debian package `chromium`)");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let report = tmp.path().join("report.html");
    let set = fixture("valley-earthquake");
    let (_, json, _) = check_json(&[&set]);
    let found = findings(&json);
    assert!(found.len() >= 3, "the set needs findings of several kinds");
    let out = bin().current_dir(root()).args(["check", &set, "--format", "html", "-o"]).arg(&report).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let url = format!("file://{}", report.display());
    let profile = tmp.path().join("profile");

    // A screenshot of the page as a laptop shows it.
    let shot = tmp.path().join("report.png");
    browse(&browser, &profile, &url, &[&format!("--screenshot={}", shot.display()), "--window-size=1280,1600"]);
    let png = std::fs::read(&shot).expect("a screenshot");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let (w, h) =
        (u32::from_be_bytes(png[16..20].try_into().unwrap()), u32::from_be_bytes(png[20..24].try_into().unwrap()));
    assert_eq!((w, h), (1280, 1600));
    assert!(png.len() > 20_000, "a blank page compresses to almost nothing: {} bytes", png.len());

    // Every finding is a card, and none is hidden without a filter.
    let dom = browse(&browser, &profile, &url, &["--dump-dom"]);
    let all = cards(&dom);
    assert_eq!(all.len(), found.len(), "{dom}");
    for f in &found {
        let id = format!("f-{}", f["id"].as_str().unwrap());
        assert!(all.iter().any(|c| attr(c, "id") == Some(id.as_str())), "no card for {id}");
    }
    assert!(all.iter().all(|c| !c.contains(" hidden")), "{all:?}");
    assert!(dom.contains(&format!("{} of {} findings shown", found.len(), found.len())), "the script ran");

    // A filter from the address hides the cards it excludes, and only those.
    for (fragment, keep) in [
        ("kind=date", Box::new(|f: &Value| f["kind"] == "date") as Box<dyn Fn(&Value) -> bool>),
        ("severity=warning&kind=title", Box::new(|f: &Value| f["kind"] == "title" && f["severity"] == "warning")),
        (
            "doc=2",
            Box::new(|f: &Value| {
                f["evidence"].as_array().unwrap().iter().any(|e| e["document"] == json["documents"][2]["path"])
            }),
        ),
    ] {
        let dom = browse(&browser, &profile, &format!("{url}#{fragment}"), &["--dump-dom"]);
        let cards = cards(&dom);
        assert_eq!(cards.len(), found.len());
        let hidden: Vec<&str> = cards.iter().filter(|c| c.contains(" hidden")).filter_map(|c| attr(c, "id")).collect();
        let want: Vec<String> =
            found.iter().filter(|f| !keep(f)).map(|f| format!("f-{}", f["id"].as_str().unwrap())).collect();
        assert!(!want.is_empty() && want.len() < found.len(), "{fragment} must hide some cards, not all");
        let mut hidden: Vec<String> = hidden.into_iter().map(str::to_string).collect();
        hidden.sort();
        let mut want = want;
        want.sort();
        assert_eq!(hidden, want, "{fragment}");
        let shown = found.len() - want.len();
        assert!(dom.contains(&format!("{shown} of {} findings shown", found.len())), "{fragment}");
    }
}
