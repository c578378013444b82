//! The report of `crosscheck test`: one block per set (found, missed, traps, noise, stray), a
//! table per finding kind over all sets, and a closing `N passed, N failed` line; or the same
//! figures as JSON.

use std::io::{self, Write};

use serde::Serialize;

use crate::error::InputError;
use crate::expect::{SetVerdict, Tally};
use crate::findings::Kind;

/// One set's outcome.
#[derive(Debug, Clone, Serialize)]
pub struct SetResult {
    pub name: String,
    pub passed: bool,
    pub documents: usize,
    #[serde(flatten)]
    pub verdict: SetVerdict,
    /// Inputs that could not be used (they fail the set); warnings are left out.
    pub errors: Vec<InputError>,
}

impl SetResult {
    pub fn new(name: String, documents: usize, verdict: SetVerdict, errors: Vec<InputError>) -> Self {
        let errors: Vec<InputError> = errors.into_iter().filter(|e| !e.warning).collect();
        let passed = verdict.passed() && errors.is_empty();
        SetResult { name, passed, documents, verdict, errors }
    }
}

/// Every set of one `crosscheck test` run.
#[derive(Debug, Clone, Serialize)]
pub struct TestRun {
    pub version: u32,
    pub sets: Vec<SetResult>,
    /// Per finding kind, over all sets.
    pub kinds: Tally,
    pub passed: usize,
    pub failed: usize,
}

impl TestRun {
    pub fn new(sets: Vec<SetResult>) -> Self {
        let mut kinds = Tally::default();
        for s in &sets {
            kinds.add(&s.verdict.tally);
        }
        let passed = sets.iter().filter(|s| s.passed).count();
        let failed = sets.len() - passed;
        TestRun { version: 1, sets, kinds, passed, failed }
    }

    pub fn failed(&self) -> usize {
        self.failed
    }

    pub fn write_json(&self, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, self)?;
        writeln!(out)
    }

    /// The readable report; `quiet` leaves out passing sets and found expectations.
    pub fn write_human(&self, out: &mut dyn Write, quiet: bool) -> io::Result<()> {
        for s in &self.sets {
            if quiet && s.passed {
                continue;
            }
            write_set(s, out, quiet)?;
        }
        write_table(&self.kinds, out)?;
        writeln!(out, "\n{} passed, {} failed", self.passed, self.failed)
    }
}

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| format!("{:.0}%", v * 100.0))
}

fn write_set(s: &SetResult, out: &mut dyn Write, quiet: bool) -> io::Result<()> {
    let v = &s.verdict;
    let total = v.tally.total();
    let mut head = format!(
        "{} {}  ({} documents, {} findings): {}/{} found, {} stray",
        if s.passed { "PASS" } else { "FAIL" },
        s.name,
        s.documents,
        v.findings,
        total.found,
        total.expected,
        v.stray.len()
    );
    if !v.traps.is_empty() {
        head.push_str(&format!(", {} trap", v.traps.len()));
    }
    writeln!(out, "{head}")?;
    let line = |out: &mut dyn Write, tag: &str, kind: &str, text: &str| writeln!(out, "  {tag:<7} {kind:<12} {text}");
    if !quiet {
        for o in &v.found {
            line(out, "found", o.kind.as_str(), &o.values.join(" / "))?;
        }
    }
    for o in &v.missed {
        let mut text = o.values.join(" / ");
        if let (Some(k), Some(m)) = (o.named_by, &o.finding) {
            text.push_str(&format!("   (named by a {} finding: {m})", k.as_str()));
        }
        line(out, "MISSED", o.kind.as_str(), &text)?;
    }
    for (tag, list) in [("TRAP", &v.traps), ("NOISE", &v.noise), ("ABSENT", &v.absent)] {
        for t in list {
            let text =
                format!("{}   in {} finding at {}: {}", t.values.join(" / "), t.kind.as_str(), t.place, t.finding);
            line(out, tag, "", &text)?;
        }
    }
    for t in &v.strict {
        line(out, "STRICT", t.kind.as_str(), &format!("{}  {}  (not expected)", t.place, t.finding))?;
    }
    for t in &v.stray {
        line(out, "stray", t.kind.as_str(), &format!("{}  {}", t.place, t.message))?;
    }
    if let Some(m) = v.too_many_stray {
        line(out, "STRAY", "", &format!("{} stray findings, more than the set's max_stray = {m}", v.stray.len()))?;
    }
    for e in &s.errors {
        line(out, "ERROR", "", &e.to_string())?;
    }
    Ok(())
}

fn write_table(t: &Tally, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "\n{:<12} {:>8} {:>7} {:>9} {:>6} {:>10}",
        "kind", "found", "recall", "findings", "stray", "precision"
    )?;
    let row = |out: &mut dyn Write, name: &str, k: &crate::expect::KindTally| {
        writeln!(
            out,
            "{:<12} {:>8} {:>7} {:>9} {:>6} {:>10}",
            name,
            format!("{}/{}", k.found, k.expected),
            pct(k.recall()),
            k.findings,
            k.stray,
            pct(k.precision())
        )
    };
    for (kind, k) in &t.0 {
        row(out, Kind::as_str(*kind), k)?;
    }
    row(out, "all", &t.total())
}
