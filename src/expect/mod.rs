//! **Expectations**: a document set's `EXPECTED.toml`, and how a run's findings are judged
//! against it (`crosscheck test`).
//!
//! A set is a folder of documents (its `articles/` subfolder when there is one) with an
//! `EXPECTED.toml` beside them that says what a check must report there and what it must not:
//!
//! ```toml
//! strict = ["date"]          # for these kinds the expectations are the complete list
//! max_stray = 1              # optional: fail when more findings match no expectation
//!
//! [[expect]]                 # a planted discrepancy: one finding must name both values
//! kind = "spelling"
//! values = ["Andriy", "Andrii"]
//!
//! [[trap]]                   # the same fact written two ways: no finding may hold both
//! values = ["€2.3 million", "2.3 million euros"]
//!
//! [[noise]]                  # page chrome: these words may appear in no finding at all
//! values = ["Subscribe"]
//!
//! [[absent]]                 # near misses: no finding may show these as evidence
//! values = ["Marvin"]
//! ```
//!
//! Matching is the project scorer's (`../shared/tools/score.py`): values match as whole words,
//! case-insensitively, with curly quotes and non-breaking spaces folded. The format and the
//! meaning of "found" and "stray" are documented in `docs/expected.md`; [`judge`] is the one
//! implementation of both.

mod judge;
mod sets;

pub use judge::{judge, KindTally, Outcome, SetVerdict, Stray, Tally, Violation};
pub use sets::{discover_sets, SetSpec};

use serde::Deserialize;

use crate::error::{line_col, InputError};
use crate::findings::Kind;

/// The file name of a set's expectations.
pub const FILE_NAME: &str = "EXPECTED.toml";

/// A parsed `EXPECTED.toml`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Expectations {
    /// Planted discrepancies, each of which one finding must name.
    pub expect: Vec<Expect>,
    /// Pairs of values that no single finding may hold as evidence.
    pub trap: Vec<Vec<String>>,
    /// Words (page chrome) that may appear nowhere in any finding.
    pub noise: Vec<String>,
    /// Values that no finding may show as evidence.
    pub absent: Vec<String>,
    /// Kinds for which `expect` is the complete list: any other finding of the kind fails.
    pub strict: Vec<Kind>,
    /// The most findings matching no expectation that the set accepts, when it sets a limit.
    pub max_stray: Option<usize>,
}

/// One planted discrepancy.
#[derive(Debug, Clone, PartialEq)]
pub struct Expect {
    pub kind: Kind,
    /// The conflicting surface forms, each as written in the documents.
    pub values: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    expect: Vec<toml::Spanned<RawExpect>>,
    #[serde(default)]
    trap: Vec<toml::Spanned<RawValues>>,
    #[serde(default)]
    noise: Vec<RawValues>,
    #[serde(default)]
    absent: Vec<RawValues>,
    #[serde(default)]
    strict: Vec<toml::Spanned<String>>,
    max_stray: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExpect {
    kind: toml::Spanned<String>,
    values: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawValues {
    values: Vec<String>,
}

/// The finding kind an expectation names (`spelling`, `date`, `number`, `title`, `quote`,
/// `attribution`, `fact`).
pub fn parse_kind(s: &str) -> Option<Kind> {
    Some(match s {
        "spelling" => Kind::Spelling,
        "date" => Kind::Date,
        "number" => Kind::Number,
        "title" => Kind::Title,
        "quote" => Kind::Quote,
        "attribution" => Kind::Attribution,
        "fact" => Kind::Fact,
        _ => return None,
    })
}

/// Parses the text of an `EXPECTED.toml`; `path` names it in errors, which carry line and column.
pub fn parse(path: &str, text: &str) -> Result<Expectations, InputError> {
    let at = |offset: usize, msg: String| {
        let (l, c) = line_col(text, offset);
        InputError::at(path, l, c, msg)
    };
    let raw: Raw = toml::from_str(text).map_err(|e| match e.span() {
        Some(s) => at(s.start, e.message().to_string()),
        None => InputError::new(path, e.message().to_string()),
    })?;
    let kind = |s: &toml::Spanned<String>| {
        parse_kind(s.get_ref()).ok_or_else(|| {
            at(
                s.span().start,
                format!(
                    "unknown kind `{}` (expected spelling, date, number, title, quote, attribution or fact)",
                    s.get_ref()
                ),
            )
        })
    };
    let mut out = Expectations { max_stray: raw.max_stray, ..Default::default() };
    for e in &raw.expect {
        let (span, e) = (e.span(), e.get_ref());
        if e.values.len() < 2 || e.values.iter().any(|v| v.trim().is_empty()) {
            return Err(at(span.start, "an expectation needs at least two non-empty values".into()));
        }
        out.expect.push(Expect { kind: kind(&e.kind)?, values: e.values.clone() });
    }
    for t in &raw.trap {
        if t.get_ref().values.len() < 2 {
            return Err(at(t.span().start, "a trap needs at least two values".into()));
        }
        out.trap.push(t.get_ref().values.clone());
    }
    out.noise = raw.noise.into_iter().flat_map(|n| n.values).collect();
    out.absent = raw.absent.into_iter().flat_map(|n| n.values).collect();
    for s in &raw.strict {
        out.strict.push(kind(s)?);
    }
    Ok(out)
}

/// Reads and parses a set's `EXPECTED.toml`.
pub fn read(path: &std::path::Path) -> Result<Expectations, InputError> {
    let shown = crate::document::load::display(path);
    let text = std::fs::read_to_string(path).map_err(|e| InputError::new(&shown, format!("cannot read: {e}")))?;
    parse(&shown, &text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_entry_kind() {
        let e = parse(
            "E.toml",
            "strict = [\"date\"]\nmax_stray = 2\n[[expect]]\nkind = \"spelling\"\nvalues = [\"A\", \"B\"]\n\
             [[trap]]\nvalues = [\"x\", \"y\"]\n[[noise]]\nvalues = [\"Subscribe\", \"Menu\"]\n\
             [[absent]]\nvalues = [\"Marvin\"]\n",
        )
        .unwrap();
        assert_eq!(e.expect, vec![Expect { kind: Kind::Spelling, values: vec!["A".into(), "B".into()] }]);
        assert_eq!(e.trap, vec![vec!["x".to_string(), "y".to_string()]]);
        assert_eq!(e.noise, vec!["Subscribe", "Menu"]);
        assert_eq!(e.absent, vec!["Marvin"]);
        assert_eq!(e.strict, vec![Kind::Date]);
        assert_eq!(e.max_stray, Some(2));
    }

    #[test]
    fn an_empty_file_is_a_set_without_expectations() {
        assert_eq!(parse("E.toml", "").unwrap(), Expectations::default());
    }

    #[test]
    fn errors_name_line_and_column() {
        let cases = [
            ("[[expect]]\nkind = \"colour\"\nvalues = [\"a\", \"b\"]\n", 2, 8, "unknown kind `colour`"),
            ("[[expect]]\nkind = \"date\"\nvalues = [\"a\"]\n", 1, 1, "at least two"),
            ("[[expect]]\nkind = \"date\"\nvalue = [\"a\", \"b\"]\n", 3, 1, "unknown field"),
            ("strict = [\"dates\"]\n", 1, 11, "unknown kind `dates`"),
            ("[[trap]]\nvalues = [\"a\"]\n", 1, 1, "at least two"),
            ("[[expect]\n", 1, 10, "unclosed array table"),
        ];
        for (text, line, col, msg) in cases {
            let e = parse("E.toml", text).unwrap_err();
            assert_eq!((e.line, e.column), (Some(line), Some(col)), "{text:?}: {e}");
            assert!(e.message.contains(msg), "{text:?}: {e}");
            assert_eq!(e.path, "E.toml");
        }
    }
}
