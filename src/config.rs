//! `crosscheck.toml`: project settings found in the current folder or a parent.
//!
//! ```toml
//! rules = ["rules/newsroom.toml"]   # packs added to the default one (paths relative to this file)
//! default_rules = true              # false: only the packs listed here and on the command line
//! include = ["**/*.md"]             # read only matching files when walking folders
//! exclude = ["drafts", "*.bak.md"]  # skip matching files and folders
//! fail_on = "warning"               # error | warning | info | none
//! date_order = "dmy"                # how ambiguous numeric dates are read: dmy | mdy | ymd
//! max_file_size = 20_000_000        # bytes; larger files are reported and skipped
//! select = ["name-variants"]        # run only these rules (`--select` replaces this list)
//! ignore = ["quote-wording"]        # never run these rules (`--ignore` adds to this list)
//! baseline = "crosscheck-baseline.json"   # report only findings not in this baseline
//!
//! [formats]                         # extra extensions, mapped to text | markdown | html | docx
//! mdx = "markdown"
//!
//! [[ignore]]                        # suppress matching findings (counted, never dropped)
//! rule = "name-variants"            # any of rule, documents and value; all given must match
//! documents = ["archive/**"]        # places in these documents do not count
//! value = "Kiev"                    # places giving this value (as written or normalised)
//! reason = "the old spelling is quoted on purpose"
//! ```
//!
//! `ignore` takes rule ids and `[[ignore]]` tables alike (`ignore = ["quote-wording", { value =
//! "Kiev" }]`): a rule id switches the rule off, a table suppresses what it matches.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::document::Format;
use crate::error::{line_col, InputError};
use crate::rules::DateOrder;

pub const FILE_NAME: &str = "crosscheck.toml";

/// A rule id written in the config, with its place for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleRef {
    pub id: String,
    pub line: usize,
    pub column: usize,
}

/// An `[[ignore]]` entry: which findings it suppresses. Every field given must match; places in
/// `documents`, or giving `value`, are set aside, and a finding is suppressed when what is left
/// no longer disagrees.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Suppression {
    pub rule: Option<String>,
    /// Globs matched against document paths as reports show them (a glob without `/` matches
    /// a file name in any folder).
    pub documents: Vec<String>,
    /// A value as written or as normalised (`Kiev`, `2022-03-15`), compared without case.
    pub value: Option<String>,
    pub reason: Option<String>,
    /// Where the entry is written: `crosscheck.toml:12:1`.
    pub place: String,
}

/// Settings read from a config file, paths resolved against its folder.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub path: Option<PathBuf>,
    pub rules: Vec<PathBuf>,
    pub default_rules: Option<bool>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub fail_on: Option<String>,
    pub date_order: Option<DateOrder>,
    pub max_file_size: Option<u64>,
    pub formats: BTreeMap<String, Format>,
    /// Rules to run, when the config lists them.
    pub select: Option<Vec<RuleRef>>,
    /// Rules never to run.
    pub ignore: Vec<RuleRef>,
    /// `[[ignore]]` tables.
    pub suppressions: Vec<Suppression>,
    /// A baseline file, resolved against the config's folder.
    pub baseline: Option<PathBuf>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    rules: Vec<String>,
    default_rules: Option<bool>,
    #[serde(default)]
    include: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    fail_on: Option<Spanned<String>>,
    date_order: Option<Spanned<String>>,
    max_file_size: Option<u64>,
    #[serde(default)]
    formats: BTreeMap<String, Spanned<String>>,
    select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    ignore: Vec<Spanned<toml::Value>>,
    baseline: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSuppression {
    rule: Option<String>,
    documents: Option<OneOrMany>,
    value: Option<String>,
    reason: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// The config file that applies in `dir`: `crosscheck.toml` there or in the nearest parent.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    let mut cur = Some(dir);
    while let Some(d) = cur {
        let candidate = d.join(FILE_NAME);
        // Anything by that name is the config, so that a pipe or a folder called
        // crosscheck.toml is reported instead of silently passed over for a parent's file.
        if candidate.symlink_metadata().is_ok() {
            return Some(candidate);
        }
        cur = d.parent();
    }
    None
}

/// Reads and validates a config file.
pub fn load(path: &Path) -> Result<Config, InputError> {
    let shown = crate::document::load::display(path);
    let text = crate::document::load::read_settings(path)
        .map_err(|e| InputError::new(&shown, format!("cannot read config: {e}")))?;
    parse(&shown, &text, path.parent().unwrap_or(Path::new(".")))
}

pub fn parse(shown: &str, text: &str, base: &Path) -> Result<Config, InputError> {
    let at = |span: std::ops::Range<usize>, msg: String| {
        let (l, c) = line_col(text, span.start);
        InputError::at(shown, l, c, msg)
    };
    let raw: Raw = toml::from_str(text).map_err(|e| match e.span() {
        Some(s) => at(s, e.message().trim().to_string()),
        None => InputError::new(shown, e.message().trim().to_string()),
    })?;
    if let Some(f) = &raw.fail_on {
        if !matches!(f.get_ref().as_str(), "error" | "warning" | "info" | "none") {
            return Err(at(
                f.span(),
                format!("unknown fail_on `{}` (expected error, warning, info or none)", f.get_ref()),
            ));
        }
    }
    let date_order =
        match &raw.date_order {
            Some(d) => Some(DateOrder::parse(d.get_ref()).ok_or_else(|| {
                at(d.span(), format!("unknown date_order `{}` (expected dmy, mdy or ymd)", d.get_ref()))
            })?),
            None => None,
        };
    for g in raw.include.iter().chain(&raw.exclude) {
        if let Err(e) = globset::Glob::new(g.get_ref().trim_start_matches("./")) {
            // Point inside the string: the span covers the opening quote.
            let span = g.span();
            return Err(at(span.start + 1..span.end, format!("invalid glob `{}`: {}", g.get_ref(), e.kind())));
        }
    }
    let mut formats = BTreeMap::new();
    for (ext, f) in raw.formats {
        let fmt = Format::from_name(f.get_ref()).ok_or_else(|| {
            at(f.span(), format!("unknown format `{}` (expected text, markdown, html or docx)", f.get_ref()))
        })?;
        formats.insert(ext.trim_start_matches('.').to_ascii_lowercase(), fmt);
    }
    let rule_ref = |s: &Spanned<String>| {
        let (line, column) = line_col(text, s.span().start);
        RuleRef { id: s.get_ref().trim().to_string(), line, column }
    };
    let mut ignore = Vec::new();
    let mut suppressions = Vec::new();
    for entry in &raw.ignore {
        let (line, column) = line_col(text, entry.span().start);
        match entry.get_ref() {
            toml::Value::String(id) => ignore.push(RuleRef { id: id.trim().to_string(), line, column }),
            toml::Value::Table(t) => {
                let r = RawSuppression::deserialize(toml::Value::Table(t.clone()))
                    .map_err(|e| at(entry.span(), format!("in `[[ignore]]`: {}", e.message().trim())))?;
                if r.rule.is_none() && r.documents.is_none() && r.value.is_none() {
                    return Err(at(entry.span(), "an `[[ignore]]` entry needs `rule`, `documents` or `value`".into()));
                }
                let documents = match r.documents {
                    Some(OneOrMany::One(d)) => vec![d],
                    Some(OneOrMany::Many(v)) => v,
                    None => Vec::new(),
                };
                for d in &documents {
                    globset::Glob::new(d)
                        .map_err(|e| at(entry.span(), format!("invalid glob `{d}` in `documents`: {e}")))?;
                }
                suppressions.push(Suppression {
                    rule: r.rule,
                    documents,
                    value: r.value,
                    reason: r.reason,
                    place: format!("{shown}:{line}:{column}"),
                });
            }
            _ => {
                return Err(at(
                    entry.span(),
                    "`ignore` takes rule ids (\"quote-wording\") and `[[ignore]]` tables".into(),
                ))
            }
        }
    }
    Ok(Config {
        select: raw.select.as_ref().map(|v| v.iter().map(rule_ref).collect()),
        ignore,
        suppressions,
        baseline: raw.baseline.as_ref().map(|b| base.join(b)),
        path: Some(PathBuf::from(shown)),
        rules: raw.rules.iter().map(|r| base.join(r)).collect(),
        default_rules: raw.default_rules,
        include: raw.include.into_iter().map(Spanned::into_inner).collect(),
        exclude: raw.exclude.into_iter().map(Spanned::into_inner).collect(),
        fail_on: raw.fail_on.map(|f| f.into_inner()),
        date_order,
        max_file_size: raw.max_file_size,
        formats,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_setting() {
        let c = parse(
            "crosscheck.toml",
            "rules = [\"packs/a.toml\"]\nexclude = [\"drafts\"]\nfail_on = \"error\"\ndate_order = \"mdy\"\n[formats]\nmdx = \"markdown\"\n",
            Path::new("/proj"),
        )
        .unwrap();
        assert_eq!(c.rules, vec![PathBuf::from("/proj/packs/a.toml")]);
        assert_eq!(c.date_order, Some(DateOrder::Mdy));
        assert_eq!(c.formats.get("mdx"), Some(&Format::Markdown));
    }

    #[test]
    fn rule_selection_and_ignore_tables() {
        let text = "select = [\"name-variants\"]\nignore = [\"quote-wording\", { value = \"Kiev\" }]\n";
        let c = parse("c.toml", text, Path::new(".")).unwrap();
        assert_eq!(c.select.unwrap()[0].id, "name-variants");
        assert_eq!((c.ignore[0].id.as_str(), c.ignore[0].line, c.ignore[0].column), ("quote-wording", 2, 11));
        assert_eq!(c.suppressions[0].value.as_deref(), Some("Kiev"));
        let tables = "[[ignore]]\nrule = \"name-variants\"\ndocuments = \"old/*.md\"\n\n[[ignore]]\nvalue = \"x\"\nreason = \"r\"\n";
        let c = parse("c.toml", tables, Path::new(".")).unwrap();
        assert_eq!(c.suppressions.len(), 2);
        assert_eq!(c.suppressions[0].documents, vec!["old/*.md".to_string()]);
        assert_eq!(c.suppressions[1].place, "c.toml:5:1");
        for (bad, want) in [
            ("[[ignore]]\nreason = \"r\"\n", "needs `rule`"),
            ("[[ignore]]\nrule = \"a\"\ncolour = 1\n", "colour"),
            ("ignore = [3]\n", "rule ids"),
            ("[[ignore]]\ndocuments = \"a[\"\n", "invalid glob"),
        ] {
            let e = parse("c.toml", bad, Path::new(".")).unwrap_err();
            assert!(e.message.contains(want), "{bad}: {e}");
            assert!(e.line.is_some(), "{bad}: {e}");
        }
    }

    #[test]
    fn errors_are_located() {
        let e = parse("c.toml", "fail_on = \"warning\"\ndate_order = \"dym\"\n", Path::new(".")).unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(14)));
        let e = parse("c.toml", "\nfial_on = 1\n", Path::new(".")).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("fial_on"));
    }

    #[test]
    fn an_invalid_glob_is_located() {
        let e =
            parse("c.toml", "include = [\"*.md\"]\nexclude = [\"ok\", \"drafts/[a-\"]\n", Path::new(".")).unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(19)), "{e}");
        assert!(e.message.contains("invalid glob `drafts/[a-`"), "{e}");
    }
}
