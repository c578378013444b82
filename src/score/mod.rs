//! **Scoring**: the evidence behind a candidate finding becomes a confidence between 0 and 1.
//!
//! Each comparison describes a candidate by named features (an edit distance, whether the
//! sentences are aligned, whether both forms are dictionary words…); a logistic model with one
//! weight per feature, kept as data in `weights.toml`, turns them into a confidence. The weights
//! are fitted on the development data (`examples/fit_weights.rs`); the figures of the fit and of
//! its leave-one-set-out validation are in `docs/design.md`.

use std::collections::HashMap;
use std::sync::LazyLock;

/// The severity a finding is reported at: its rule's, lowered when the evidence is weaker. At
/// [`SURE`] confidence or more, the rule's severity; from [`LIKELY`], at most a warning; below,
/// information. A finding without a confidence keeps its rule's severity.
pub fn severity(rule: crate::findings::Severity, confidence: Option<f64>) -> crate::findings::Severity {
    use crate::findings::Severity;
    match confidence {
        Some(c) if c < LIKELY => Severity::Info,
        Some(c) if c < SURE => rule.min(Severity::Warning),
        _ => rule,
    }
}

/// From this confidence a finding keeps its rule's severity.
pub const SURE: f64 = 0.8;
/// From this confidence a finding is at least a warning (if its rule is).
pub const LIKELY: f64 = 0.6;

/// The named features of one candidate.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features(pub Vec<(&'static str, f64)>);

impl Features {
    pub fn set(&mut self, name: &'static str, value: f64) {
        if value != 0.0 {
            self.0.push((name, value));
        }
    }

    pub fn flag(&mut self, name: &'static str, on: bool) {
        self.set(name, f64::from(u8::from(on)));
    }

    pub fn get(&self, name: &str) -> f64 {
        self.0.iter().filter(|(n, _)| *n == name).map(|(_, v)| v).sum()
    }
}

/// A candidate as the fitting sees it: its kind, its evidence, and the texts it is about (the
/// forms or values it would report), which the fit matches against a set's expectations.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Candidate {
    pub model: &'static str,
    pub features: Vec<(&'static str, f64)>,
    pub about: Vec<String>,
}

/// Candidates recorded during a run, when the engine is asked to (`EngineOptions::record`).
#[derive(Debug, Default)]
pub struct Recorder {
    on: bool,
    list: std::sync::Mutex<Vec<Candidate>>,
}

impl Recorder {
    pub fn new(on: bool) -> Self {
        Recorder { on, list: Default::default() }
    }

    pub fn record(&self, model: &'static str, features: &Features, about: impl FnOnce() -> Vec<String>) {
        if self.on {
            self.list.lock().unwrap().push(Candidate { model, features: features.0.clone(), about: about() });
        }
    }

    /// What was recorded, in a stable order.
    pub fn take(&self) -> Vec<Candidate> {
        let mut v = std::mem::take(&mut *self.list.lock().unwrap());
        v.sort_by(|a, b| {
            (a.model, &a.about)
                .cmp(&(b.model, &b.about))
                .then(a.features.partial_cmp(&b.features).unwrap_or(std::cmp::Ordering::Equal))
        });
        v
    }
}

/// The weights of one finding kind.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Model {
    pub bias: f64,
    pub weights: HashMap<String, f64>,
}

impl Model {
    /// The confidence of a candidate with `features`.
    pub fn confidence(&self, features: &Features) -> f64 {
        let z: f64 =
            self.bias + features.0.iter().map(|(n, v)| self.weights.get(*n).copied().unwrap_or(0.0) * v).sum::<f64>();
        1.0 / (1.0 + (-z).exp())
    }
}

static MODELS: LazyLock<HashMap<String, Model>> = LazyLock::new(|| parse(include_str!("weights.toml")));

/// Reads a weights file: one table per finding kind, `bias` and one number per feature.
pub fn parse(text: &str) -> HashMap<String, Model> {
    let table: toml::Table = toml::from_str(text).expect("weights.toml is valid TOML");
    table
        .into_iter()
        .filter_map(|(kind, v)| {
            let t = v.as_table()?;
            let mut m = Model::default();
            for (k, w) in t {
                let w = w.as_float().or_else(|| w.as_integer().map(|i| i as f64))?;
                if k == "bias" {
                    m.bias = w;
                } else {
                    m.weights.insert(k.clone(), w);
                }
            }
            Some((kind, m))
        })
        .collect()
}

/// The model of a finding kind (`spelling`, `date`…); an empty one if the file has none.
pub fn model(kind: &str) -> &'static Model {
    static EMPTY: LazyLock<Model> = LazyLock::new(Model::default);
    MODELS.get(kind).unwrap_or(&EMPTY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confidence_is_the_logistic_of_the_weighted_sum() {
        let m = &parse("[k]\nbias = -1.0\na = 2.0\nb = -3.0\n")["k"];
        let mut f = Features::default();
        assert!((m.confidence(&f) - 1.0 / (1.0 + 1f64.exp())).abs() < 1e-12);
        f.flag("a", true);
        assert!((m.confidence(&f) - 1.0 / (1.0 + (-1f64).exp())).abs() < 1e-12);
        f.set("b", 1.0);
        f.set("unknown", 5.0);
        assert!(m.confidence(&f) < 0.2);
    }

    #[test]
    fn severity_follows_confidence() {
        use crate::findings::Severity::*;
        let cases = [
            (Error, None, Error),
            (Error, Some(0.95), Error),
            (Error, Some(0.7), Warning),
            (Warning, Some(0.7), Warning),
            (Error, Some(0.55), Info),
            (Info, Some(0.99), Info),
        ];
        for (rule, c, want) in cases {
            assert_eq!(severity(rule, c), want, "{rule:?} {c:?}");
        }
    }

    #[test]
    fn the_shipped_weights_load() {
        assert!(model("spelling").weights.contains_key("one_edit"));
    }
}
