//! **Why (not)**: the decisions each stage took about two values, so that a missed or a false
//! finding is understood by reading, not by adding a rule.
//!
//! `crosscheck check DIR --explain "4 May" "May 5"` runs the engine with a [`Trace`] that
//! watches the values; every stage that decides about a pair of things records its decision
//! when both watched values are among what it decided about (a story, an aligned pair and its
//! score, a slot match, an entity link, the evidence and the confidence). The engine returns the
//! lines; the command line prints them.

use std::sync::Mutex;

use serde::Serialize;

/// One recorded decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    /// The stage that decided (`spelling`, `align`, `dates`…).
    pub stage: &'static str,
    pub text: String,
}

/// Records the decisions that involve the watched values.
#[derive(Debug, Default)]
pub struct Trace {
    watch: Vec<String>,
    lines: Mutex<Vec<Line>>,
}

fn fold(s: &str) -> String {
    crate::text::fold(s).replace(['\u{2019}', '\u{2018}'], "'")
}

impl Trace {
    /// A trace watching `values` (compared folded: case, diacritics and white space).
    pub fn new(values: &[String]) -> Self {
        Trace { watch: values.iter().map(|v| fold(v)).collect(), lines: Mutex::new(Vec::new()) }
    }

    /// Whether every watched value occurs in one of `about` (so the decision concerns them).
    pub fn concerns(&self, about: &[&str]) -> bool {
        let about: Vec<String> = about.iter().map(|a| fold(a)).collect();
        !self.watch.is_empty() && self.watch.iter().all(|w| about.iter().any(|a| a.contains(w.as_str())))
    }

    /// Records `text()` when the decision is about every watched value.
    pub fn record(&self, stage: &'static str, about: &[&str], text: impl FnOnce() -> String) {
        if self.concerns(about) {
            self.lines.lock().unwrap().push(Line { stage, text: text() });
        }
    }

    /// The recorded lines, in a stable order.
    pub fn lines(&self) -> Vec<Line> {
        let mut v = self.lines.lock().unwrap().clone();
        v.sort_by(|a, b| (a.stage, &a.text).cmp(&(b.stage, &b.text)));
        v.dedup();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_only_what_concerns_every_watched_value() {
        let t = Trace::new(&["Tskhvediani".into(), "Tskvediani".into()]);
        t.record("spelling", &["Tskhvediani", "Petkov"], || "one only".into());
        t.record("spelling", &["Levan TSKHVEDIANI", "Tskvediani"], || "both".into());
        assert_eq!(t.lines().iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), ["both"]);
        assert!(!Trace::default().concerns(&["x"]));
    }
}
