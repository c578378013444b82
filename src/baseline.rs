//! Baselines: today's findings recorded in a file, so a run reports only new ones.
//!
//! `crosscheck check --write-baseline FILE` records every finding of the run; `--baseline FILE`
//! holds back the findings whose [fingerprint](crate::findings::Finding::fingerprint) the file
//! records. A fingerprint names the rule, the kind and the values that conflict, never positions
//! or documents, so a baseline survives edits elsewhere in the files and a new document that
//! agrees with one side; a new value (a third spelling, another date) is a new finding. The file
//! format and the fingerprint are described in `docs/baseline.md`.
//!
//! Matching counts: a baseline that records one finding of a fingerprint holds back one finding
//! of it, so a second disagreement that happens to have the same values is still reported.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{line_col, InputError};
use crate::findings::Finding;
use crate::suppress::{Reason, Suppressed};

/// The version of the file format; a file of another version is refused with a clear message.
pub const VERSION: u32 = 1;

/// A baseline file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    /// The recorded findings, sorted by fingerprint, then rule and message.
    pub findings: Vec<Entry>,
}

/// One recorded finding. Only `fingerprint` is matched; the rest is for people reading the file
/// (and reviewing it in a diff).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub fingerprint: String,
    pub rule: String,
    pub message: String,
    pub documents: Vec<String>,
}

impl Baseline {
    /// The baseline of `findings`.
    pub fn of(findings: &[Finding]) -> Baseline {
        let mut entries: Vec<Entry> = findings
            .iter()
            .map(|f| {
                let mut documents: Vec<String> = f.evidence.iter().map(|e| e.document.clone()).collect();
                documents.sort();
                documents.dedup();
                Entry {
                    fingerprint: f.fingerprint.clone(),
                    rule: f.rule.clone(),
                    message: f.message.clone(),
                    documents,
                }
            })
            .collect();
        entries.sort();
        Baseline { version: VERSION, findings: entries }
    }

    /// Reads a baseline file; errors name the file, and the line and column of bad JSON.
    pub fn read(path: &Path) -> Result<Baseline, InputError> {
        let shown = crate::document::load::display(path);
        let text = std::fs::read_to_string(path)
            .map_err(|e| InputError::new(&shown, format!("cannot read the baseline: {e}")))?;
        let b: Baseline = serde_json::from_str(&text).map_err(|e| {
            let msg = format!("not a crosscheck baseline: {}", strip_position(&e.to_string()));
            if e.line() > 0 {
                InputError::at(&shown, e.line(), e.column(), msg)
            } else {
                InputError::new(&shown, msg)
            }
        })?;
        if b.version != VERSION {
            let (l, c) = text.find("\"version\"").map_or((1, 1), |i| line_col(&text, i));
            return Err(InputError::at(
                &shown,
                l,
                c,
                format!("baseline version {} is not supported (this crosscheck writes version {VERSION})", b.version),
            ));
        }
        Ok(b)
    }

    /// The file's text: pretty JSON, one entry per block, ending in a newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Holds back the findings the baseline records (as many of each fingerprint as it records).
    pub fn apply(&self, findings: Vec<Finding>, file: &str) -> (Vec<Finding>, Vec<Suppressed>) {
        let mut left: BTreeMap<&str, usize> = BTreeMap::new();
        for e in &self.findings {
            *left.entry(e.fingerprint.as_str()).or_default() += 1;
        }
        let mut kept = Vec::new();
        let mut held = Vec::new();
        for f in findings {
            match left.get_mut(f.fingerprint.as_str()).filter(|n| **n > 0) {
                Some(n) => {
                    *n -= 1;
                    held.push(Suppressed { finding: f, suppressed_by: Reason::Baseline { file: file.to_string() } });
                }
                None => kept.push(f),
            }
        }
        (kept, held)
    }
}

/// serde_json appends " at line L column C"; the error carries them separately.
fn strip_position(msg: &str) -> &str {
    msg.rfind(" at line ").map_or(msg, |i| &msg[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_files_are_located() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("b.json");
        std::fs::write(&p, "{\n  \"version\": 1,\n  \"findings\": [ { \"fingerprint\": 3 } ]\n}\n").unwrap();
        let e = Baseline::read(&p).unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert!(e.message.starts_with("not a crosscheck baseline"), "{e}");
        std::fs::write(&p, "{\n  \"version\": 7,\n  \"findings\": []\n}\n").unwrap();
        let e = Baseline::read(&p).unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(3)), "{e}");
        assert!(e.message.contains("version 7"), "{e}");
    }
}
