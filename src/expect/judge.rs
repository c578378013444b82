//! Judging one run's findings against a set's [`Expectations`], the way the project's scorer
//! does it, so that `crosscheck test`, `cargo test` and `../shared/tools/score.py` agree.
//!
//! - an expectation is **found** when one finding *of its kind* holds every value outside its
//!   `context` fields (a finding of another kind that names them is shown, but does not count);
//! - a **trap** is violated when one finding holds all its values in its evidence texts;
//! - a **noise** word counts when it appears anywhere in a finding;
//! - an **absent** value counts when any finding shows it as evidence;
//! - a finding is **stray** when it names the values of no expectation: on a real folder every
//!   finding is stray, and each needs a human verdict.

use serde::Serialize;
use serde_json::Value;

use super::Expectations;
use crate::findings::{Finding, Kind};

/// The verdict on one set.
#[derive(Debug, Clone, Serialize)]
pub struct SetVerdict {
    pub found: Vec<Outcome>,
    pub missed: Vec<Outcome>,
    /// Trap pairs held by one finding (value pair, the finding's message).
    pub traps: Vec<Violation>,
    pub noise: Vec<Violation>,
    pub absent: Vec<Violation>,
    /// Findings of a strict kind beyond that kind's expectations.
    pub strict: Vec<Violation>,
    /// Findings that name the values of no expectation.
    pub stray: Vec<Stray>,
    /// How many findings the run made.
    pub findings: usize,
    /// The limit on stray findings, when the set sets one and the run exceeds it.
    pub too_many_stray: Option<usize>,
    /// Per finding kind: found, expected, findings made and stray.
    pub tally: Tally,
}

impl SetVerdict {
    /// A set passes when every expectation is found and nothing it forbids is reported.
    pub fn passed(&self) -> bool {
        self.missed.is_empty()
            && self.traps.is_empty()
            && self.noise.is_empty()
            && self.absent.is_empty()
            && self.strict.is_empty()
            && self.too_many_stray.is_none()
    }
}

/// One expectation and how it fared.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub kind: Kind,
    pub values: Vec<String>,
    /// The message of the finding that names it (of its kind, or of another when missed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finding: Option<String>,
    /// When missed: the kind of a finding that names both values anyway.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub named_by: Option<Kind>,
}

/// Something a finding reported that the set forbids.
#[derive(Debug, Clone, Serialize)]
pub struct Violation {
    pub values: Vec<String>,
    pub kind: Kind,
    pub finding: String,
    pub place: String,
}

/// A finding that names no expectation.
#[derive(Debug, Clone, Serialize)]
pub struct Stray {
    pub kind: Kind,
    pub rule: String,
    pub message: String,
    /// `document:line:column` of its first evidence.
    pub place: String,
}

/// Figures of one finding kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct KindTally {
    pub found: usize,
    pub expected: usize,
    /// Findings of this kind the run made.
    pub findings: usize,
    /// Of those, the ones that name no expectation.
    pub stray: usize,
}

impl KindTally {
    /// Found ÷ expected, when anything was expected.
    pub fn recall(&self) -> Option<f64> {
        (self.expected > 0).then(|| self.found as f64 / self.expected as f64)
    }

    /// Findings that name an expectation ÷ findings, when any were made.
    pub fn precision(&self) -> Option<f64> {
        (self.findings > 0).then(|| (self.findings - self.stray) as f64 / self.findings as f64)
    }

    pub fn add(&mut self, o: &KindTally) {
        self.found += o.found;
        self.expected += o.expected;
        self.findings += o.findings;
        self.stray += o.stray;
    }
}

/// Figures per finding kind, in the kinds' order (a map from kind to figures in JSON).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally(pub Vec<(Kind, KindTally)>);

impl Serialize for Tally {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, t) in &self.0 {
            m.serialize_entry(k.as_str(), t)?;
        }
        m.end()
    }
}

impl Tally {
    pub fn get_mut(&mut self, kind: Kind) -> &mut KindTally {
        let i = match self.0.binary_search_by(|(k, _)| k.cmp(&kind)) {
            Ok(i) => i,
            Err(i) => {
                self.0.insert(i, (kind, KindTally::default()));
                i
            }
        };
        &mut self.0[i].1
    }

    pub fn add(&mut self, other: &Tally) {
        for (k, t) in &other.0 {
            self.get_mut(*k).add(t);
        }
    }

    /// All kinds together.
    pub fn total(&self) -> KindTally {
        let mut t = KindTally::default();
        for (_, k) in &self.0 {
            t.add(k);
        }
        t
    }
}

fn fold(s: &str) -> String {
    s.to_lowercase()
        .replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
        .replace(['\u{a0}', '\u{202f}'], " ")
}

/// Whole-word, case-insensitive containment of `value` in any of `texts` (already folded).
fn has(texts: &[String], value: &str) -> bool {
    let v = fold(value);
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    !v.is_empty()
        && texts.iter().any(|t| {
            t.match_indices(&v)
                .any(|(i, _)| !word(t[..i].chars().next_back()) && !word(t[i + v.len()..].chars().next()))
        })
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

/// The three views of a finding that the scorer matches against.
struct Views {
    /// Every string outside `context` fields.
    body: Vec<String>,
    /// The evidence's surface texts.
    surface: Vec<String>,
    /// The whole finding as JSON.
    whole: Vec<String>,
}

fn views(f: &Finding) -> Views {
    let v = serde_json::to_value(f).unwrap_or(Value::Null);
    let mut body = Vec::new();
    strings(&v, &|k| !k.contains("context"), &mut body);
    let surface = f.evidence.iter().map(|e| fold(&e.text)).collect();
    let whole = vec![fold(&serde_json::to_string(&v).unwrap_or_default())];
    Views { body, surface, whole }
}

fn place(f: &Finding) -> String {
    f.evidence.first().map(|e| format!("{}:{}:{}", e.document, e.line, e.column)).unwrap_or_default()
}

/// Judges `findings` against `exp`.
pub fn judge(findings: &[Finding], exp: &Expectations) -> SetVerdict {
    let views: Vec<Views> = findings.iter().map(views).collect();
    let mut matched = vec![false; findings.len()];
    let mut tally = Tally::default();
    let (mut found, mut missed) = (Vec::new(), Vec::new());
    for e in &exp.expect {
        let names: Vec<usize> =
            (0..findings.len()).filter(|&i| e.values.iter().all(|v| has(&views[i].body, v))).collect();
        for &i in &names {
            matched[i] = true;
        }
        let same_kind = names.iter().copied().find(|&i| findings[i].kind == e.kind);
        let t = tally.get_mut(e.kind);
        t.expected += 1;
        let mut o = Outcome { kind: e.kind, values: e.values.clone(), finding: None, named_by: None };
        match same_kind {
            Some(i) => {
                t.found += 1;
                o.finding = Some(findings[i].message.clone());
                found.push(o);
            }
            None => {
                if let Some(&i) = names.first() {
                    o.named_by = Some(findings[i].kind);
                    o.finding = Some(findings[i].message.clone());
                }
                missed.push(o);
            }
        }
    }
    let violation = |values: Vec<String>, i: usize| Violation {
        values,
        kind: findings[i].kind,
        finding: findings[i].message.clone(),
        place: place(&findings[i]),
    };
    let mut traps = Vec::new();
    for t in &exp.trap {
        for (i, v) in views.iter().enumerate() {
            if t.iter().all(|x| has(&v.surface, x)) {
                traps.push(violation(t.clone(), i));
            }
        }
    }
    let mut noise = Vec::new();
    for w in &exp.noise {
        for (i, v) in views.iter().enumerate() {
            if has(&v.whole, w) {
                noise.push(violation(vec![w.clone()], i));
            }
        }
    }
    let mut absent = Vec::new();
    for w in &exp.absent {
        for (i, v) in views.iter().enumerate() {
            if has(&v.surface, w) {
                absent.push(violation(vec![w.clone()], i));
            }
        }
    }
    let mut stray = Vec::new();
    let mut strict = Vec::new();
    for (i, f) in findings.iter().enumerate() {
        let t = tally.get_mut(f.kind);
        t.findings += 1;
        if !matched[i] {
            t.stray += 1;
            stray.push(Stray { kind: f.kind, rule: f.rule.clone(), message: f.message.clone(), place: place(f) });
            if exp.strict.contains(&f.kind) {
                strict.push(violation(Vec::new(), i));
            }
        }
    }
    let too_many_stray = exp.max_stray.filter(|&m| stray.len() > m);
    SetVerdict { found, missed, traps, noise, absent, strict, stray, findings: findings.len(), too_many_stray, tally }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expect::parse;
    use crate::findings::{Evidence, Severity};

    fn finding(kind: Kind, message: &str, texts: &[&str], context: &str) -> Finding {
        Finding {
            id: String::new(),
            fingerprint: String::new(),
            confidence: None,
            rule: "r".into(),
            kind,
            severity: Severity::Warning,
            message: message.into(),
            subject: String::new(),
            canonical: None,
            score: None,
            evidence: texts
                .iter()
                .map(|t| Evidence {
                    document: "a.txt".into(),
                    line: 1,
                    column: 1,
                    end_line: 1,
                    end_column: 2,
                    text: (*t).into(),
                    value: String::new(),
                    context: context.into(),
                    role: None,
                    source_span: 0..0,
                    doc: 0,
                })
                .collect(),
            diff: None,
        }
    }

    const SET: &str = "strict = [\"number\"]\n\
        [[expect]]\nkind = \"spelling\"\nvalues = [\"Ayla Demir\", \"Aila Demir\"]\n\
        [[expect]]\nkind = \"date\"\nvalues = [\"4 May\", \"5 May\"]\n\
        [[trap]]\nvalues = [\"2,500\", \"2500\"]\n\
        [[noise]]\nvalues = [\"Subscribe\"]\n\
        [[absent]]\nvalues = [\"Marvin\"]\n";

    #[test]
    fn table_of_verdicts() {
        let exp = parse("E.toml", SET).unwrap();
        // (findings, found, missed, traps, noise, absent, strict, stray, passed)
        type Case = (Vec<Finding>, usize, usize, usize, usize, usize, usize, usize, bool);
        let cases: Vec<Case> = vec![
            (
                vec![
                    finding(
                        Kind::Spelling,
                        "`Ayla Demir` is also written `Aila Demir`",
                        &["Ayla Demir", "Aila Demir"],
                        "",
                    ),
                    finding(Kind::Date, "dates differ", &["4 May", "5 May"], ""),
                ],
                2,
                0,
                0,
                0,
                0,
                0,
                0,
                true,
            ),
            // Only in the context line: not found (context is excluded from the body).
            (vec![finding(Kind::Date, "dates differ", &["4 May"], "on 5 May")], 0, 2, 0, 0, 0, 0, 1, false),
            // Named by a finding of another kind: not found, but not stray either.
            (vec![finding(Kind::Quote, "quote", &["4 May", "5 May"], "")], 0, 2, 0, 0, 0, 0, 0, false),
            // Whole words only: `4 Mayfair` does not hold `4 May`.
            (vec![finding(Kind::Date, "d", &["4 Mayfair", "5 May"], "")], 0, 2, 0, 0, 0, 0, 1, false),
            (vec![finding(Kind::Number, "n", &["2,500", "2500"], "")], 0, 2, 1, 0, 0, 1, 1, false),
            (vec![finding(Kind::Title, "t", &["x"], "Subscribe now")], 0, 2, 0, 1, 0, 0, 1, false),
            (vec![finding(Kind::Spelling, "s", &["Marvin", "Martin"], "")], 0, 2, 0, 0, 1, 0, 1, false),
            // Curly quotes and case fold: `AYLA DEMIR’s` holds `Ayla Demir`.
            (
                vec![
                    finding(Kind::Spelling, "s", &["AYLA DEMIR\u{2019}s", "aila demir"], ""),
                    finding(Kind::Date, "d", &["4 May", "5 May"], ""),
                ],
                2,
                0,
                0,
                0,
                0,
                0,
                0,
                true,
            ),
        ];
        for (n, (fs, found, missed, traps, noise, absent, strict, stray, passed)) in cases.into_iter().enumerate() {
            let v = judge(&fs, &exp);
            assert_eq!(
                (
                    v.found.len(),
                    v.missed.len(),
                    v.traps.len(),
                    v.noise.len(),
                    v.absent.len(),
                    v.strict.len(),
                    v.stray.len(),
                    v.passed()
                ),
                (found, missed, traps, noise, absent, strict, stray, passed),
                "case {n}: {v:#?}"
            );
        }
    }

    #[test]
    fn max_stray_fails_a_set_with_too_many_unexpected_findings() {
        let exp = parse("E.toml", "max_stray = 1\n").unwrap();
        let one = vec![finding(Kind::Date, "d", &["a"], "")];
        assert!(judge(&one, &exp).passed());
        let two = vec![finding(Kind::Date, "d", &["a"], ""), finding(Kind::Number, "n", &["b"], "")];
        let v = judge(&two, &exp);
        assert!(!v.passed());
        assert_eq!(v.too_many_stray, Some(1));
    }

    #[test]
    fn tally_counts_per_kind() {
        let exp = parse("E.toml", SET).unwrap();
        let fs = vec![
            finding(Kind::Date, "dates differ", &["4 May", "5 May"], ""),
            finding(Kind::Date, "other", &["1 June", "2 June"], ""),
        ];
        let t = judge(&fs, &exp).tally;
        let date = t.0.iter().find(|(k, _)| *k == Kind::Date).unwrap().1;
        assert_eq!(date, KindTally { found: 1, expected: 1, findings: 2, stray: 1 });
        assert_eq!(date.recall(), Some(1.0));
        assert_eq!(date.precision(), Some(0.5));
        let spelling = t.0.iter().find(|(k, _)| *k == Kind::Spelling).unwrap().1;
        assert_eq!(spelling.recall(), Some(0.0));
        assert_eq!(spelling.precision(), None);
        assert_eq!(t.total(), KindTally { found: 1, expected: 2, findings: 2, stray: 1 });
    }
}
