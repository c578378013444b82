//! Parsing and validating rule packs, with positions for every error.

use std::ops::Range;

use regex::Regex;
use serde::Deserialize;
use toml::de::{DeTable, DeValue, ValueDeserializer};
use toml::Spanned;
use toml_parser::lexer::TokenKind;

use super::{DateOrder, DeclaredName, ReferenceFact, Rule, RuleKind, Settings, ValueType};
use crate::error::{InputError, LineIndex};
use crate::findings::Severity;

/// A parsed pack: its valid rules (with the line and column where each starts), its reference
/// facts, and an error for each part that could not be used.
/// A rule and the line and column where its `id` is written.
/// A rule as its pack writes it: where its `id` is (line, column), which fields the table sets
/// (so an override changes only those), and whether it is enabled.
#[derive(Debug, Clone)]
pub struct PlacedRule {
    pub rule: Rule,
    pub pos: (usize, usize),
    /// The optional fields the table sets (`severity`, `min_similarity`, `name`…).
    pub given: Vec<&'static str>,
    /// `enabled = false`: the rule (or the rule it overrides) does not run.
    pub enabled: bool,
}

#[derive(Debug, Default)]
pub struct RulePack {
    pub path: String,
    pub rules: Vec<PlacedRule>,
    pub facts: Vec<ReferenceFact>,
    pub errors: Vec<InputError>,
}

impl RulePack {
    pub fn failed(e: InputError) -> Self {
        RulePack { path: e.path.clone(), errors: vec![e], ..Default::default() }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // read for validation; shown by `crosscheck rules` in the future
struct RawPackMeta {
    name: Option<String>,
    description: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: Spanned<String>,
    kind: Spanned<String>,
    severity: Option<Spanned<String>>,
    message: Option<String>,
    description: Option<String>,
    enabled: Option<bool>,
    min_similarity: Option<Spanned<f64>>,
    name: Option<Spanned<Vec<RawName>>>,
    date_order: Option<Spanned<String>>,
    tolerance: Option<Spanned<f64>>,
    synonyms: Option<Spanned<Vec<(String, String)>>>,
    subject: Option<Spanned<String>>,
    pattern: Option<Spanned<String>>,
    value_type: Option<Spanned<String>>,
    min_score: Option<Spanned<f64>>,
    min_shared: Option<Spanned<usize>>,
    same_document: Option<Spanned<bool>>,
    aligned: Option<Spanned<bool>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawName {
    canonical: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    equivalent: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFact {
    subject: Spanned<String>,
    title: Option<String>,
    date: Option<String>,
    value: Option<String>,
    severity: Option<Spanned<String>>,
}

/// Parses one pack. Never fails as a whole: errors are collected in the returned pack.
///
/// The pack is parsed once by the TOML parser, and each `[[rule]]` and `[[fact]]` is read from
/// its own table with the parser's spans, so an unknown key or a bad value costs that rule only
/// and every position is exact (a `"""` string may hold lines that start with `[`). After a
/// syntax error the pack is read again table by table, cut at the top-level headers that the
/// TOML lexer finds (never inside a string or an array), so the other rules still run.
pub fn parse_pack(path: &str, text: &str) -> RulePack {
    let lines = LineIndex::new(text);
    let mut pack = RulePack { path: path.to_string(), ..Default::default() };
    let whole = match DeTable::parse(text) {
        Ok(root) => {
            read_tables(&mut pack, &lines, 0, root.into_inner());
            pack.errors.sort();
            return pack;
        }
        Err(e) => e,
    };
    let mut parsed = Vec::new();
    let mut failed = false;
    for seg in segments(text) {
        match DeTable::parse(&text[seg.clone()]) {
            Ok(t) => parsed.push((seg, t.into_inner())),
            Err(e) => {
                pack.errors.push(toml_error(path, &lines, seg.start, &e));
                failed = true;
            }
        }
    }
    if !failed {
        // Every table parses alone, so the error is between tables (a table defined twice):
        // report it, and leave out the table where it is.
        let at = whole.span().map(|s| s.start);
        parsed.retain(|(seg, _)| at.is_none_or(|a| !seg.contains(&a)));
        pack.errors.push(toml_error(path, &lines, 0, &whole));
    }
    for (seg, t) in parsed {
        read_tables(&mut pack, &lines, seg.start, t);
    }
    pack.errors.sort();
    pack
}

/// Reads the top-level tables of a parsed pack (or of one piece of it, starting at byte `base`).
fn read_tables(pack: &mut RulePack, lines: &LineIndex, base: usize, table: DeTable<'_>) {
    let path = pack.path.clone();
    let cx = Ctx { path: &path, lines, base };
    for (key, value) in table {
        let span = value.span();
        match key.get_ref().as_ref() {
            "rule" => match value.into_inner() {
                DeValue::Array(items) => {
                    for item in items {
                        match RawRule::deserialize(ValueDeserializer::from(item)) {
                            Ok(r) => match validate_rule(&cx, r) {
                                Ok(rule) => pack.rules.push(rule),
                                Err(e) => pack.errors.push(e),
                            },
                            Err(e) => pack.errors.push(toml_error(&path, lines, base, &e)),
                        }
                    }
                }
                _ => pack.errors.push(cx.err(span, "`rule` must be written as `[[rule]]` tables".into())),
            },
            "fact" => match value.into_inner() {
                DeValue::Array(items) => {
                    for item in items {
                        match RawFact::deserialize(ValueDeserializer::from(item)) {
                            Ok(f) => match validate_fact(&cx, f) {
                                Ok(fact) => pack.facts.push(fact),
                                Err(e) => pack.errors.push(e),
                            },
                            Err(e) => pack.errors.push(toml_error(&path, lines, base, &e)),
                        }
                    }
                }
                _ => pack.errors.push(cx.err(span, "`fact` must be written as `[[fact]]` tables".into())),
            },
            "pack" => {
                if let Err(e) = RawPackMeta::deserialize(ValueDeserializer::from(value)) {
                    pack.errors.push(toml_error(&path, lines, base, &e));
                }
            }
            other => pack.errors.push(cx.err(
                key.span(),
                format!("unknown key `{other}` (a rule pack holds `[[rule]]`, `[[fact]]` and `[pack]`)"),
            )),
        }
    }
}

/// Splits a pack into pieces that each start at a top-level header (`[[rule]]`, `[[fact]]`,
/// `[pack]`); dotted headers such as `[[rule.name]]` stay with their rule. Headers are found
/// with the TOML lexer: a `[` that opens a line outside any array or inline table, so a line of
/// a multi-line string or array that starts with `[` is not one.
fn segments(text: &str) -> Vec<Range<usize>> {
    let tokens: Vec<_> = toml_parser::Source::new(text).lex().collect();
    let mut starts = vec![0];
    let (mut depth, mut line_start, mut line_at) = (0usize, true, 0usize);
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let span = t.span();
        match t.kind() {
            TokenKind::Newline => {
                if depth == 0 {
                    line_start = true;
                }
                line_at = span.end();
            }
            TokenKind::Whitespace | TokenKind::Comment => {}
            TokenKind::LeftSquareBracket if depth == 0 && line_start => {
                // A header: read to the end of its line; a dot outside quotes makes it a sub-table.
                let mut dotted = false;
                while i + 1 < tokens.len() && tokens[i + 1].kind() != TokenKind::Newline {
                    i += 1;
                    dotted |= tokens[i].kind() == TokenKind::Dot;
                }
                if !dotted && line_at > 0 {
                    starts.push(line_at);
                }
                line_start = false;
            }
            TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => {
                depth += 1;
                line_start = false;
            }
            TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => {
                depth = depth.saturating_sub(1);
                line_start = false;
            }
            _ => line_start = false,
        }
        i += 1;
    }
    starts.push(text.len());
    starts.dedup();
    starts.windows(2).map(|w| w[0]..w[1]).collect()
}

fn toml_error(path: &str, lines: &LineIndex, base: usize, e: &toml::de::Error) -> InputError {
    let msg = e.message().trim().to_string();
    match e.span() {
        Some(span) => {
            let (l, c) = lines.line_col(base + span.start);
            InputError::at(path, l, c, msg)
        }
        None => InputError::new(path, msg),
    }
}

struct Ctx<'a> {
    path: &'a str,
    lines: &'a LineIndex<'a>,
    base: usize,
}

impl Ctx<'_> {
    fn err(&self, span: Range<usize>, msg: String) -> InputError {
        let (l, c) = self.lines.line_col(self.base + span.start);
        InputError::at(self.path, l, c, msg)
    }
}

fn validate_rule(cx: &Ctx, r: RawRule) -> Result<PlacedRule, InputError> {
    let path = cx.path;
    let id = r.id.get_ref().trim().to_string();
    if id.is_empty() || id.contains(char::is_whitespace) {
        return Err(cx.err(r.id.span(), "rule `id` must be a non-empty word without spaces".into()));
    }
    let pos = cx.lines.line_col(cx.base + r.id.span().start);
    let kind = RuleKind::parse(r.kind.get_ref()).ok_or_else(|| {
        let names: Vec<&str> = RuleKind::ALL.iter().map(|(n, _)| *n).collect();
        cx.err(
            r.kind.span(),
            format!("unknown rule kind `{}` (expected one of: {})", r.kind.get_ref(), names.join(", ")),
        )
    })?;
    let severity = match &r.severity {
        None => Severity::Warning,
        Some(s) => Severity::parse(s.get_ref()).ok_or_else(|| {
            cx.err(s.span(), format!("unknown severity `{}` (expected error, warning or info)", s.get_ref()))
        })?,
    };

    // Which kind-specific fields each kind accepts.
    let allowed: &[&str] = match kind {
        RuleKind::Names => &["min_similarity", "name", "aligned"],
        RuleKind::Dates => &["date_order", "aligned", "min_score", "min_shared", "same_document"],
        RuleKind::Numbers => &["tolerance", "aligned", "min_score", "min_shared", "same_document"],
        RuleKind::Titles => &["synonyms", "aligned"],
        RuleKind::Fact => &["subject", "pattern", "value_type", "tolerance", "date_order"],
        RuleKind::Quotes => &["min_score", "same_document"],
        RuleKind::Attribution => &["min_score", "min_shared", "same_document"],
    };
    let present: Vec<(&str, Range<usize>)> = [
        ("min_similarity", r.min_similarity.as_ref().map(|s| s.span())),
        ("name", r.name.as_ref().map(|s| s.span())),
        ("date_order", r.date_order.as_ref().map(|s| s.span())),
        ("tolerance", r.tolerance.as_ref().map(|s| s.span())),
        ("synonyms", r.synonyms.as_ref().map(|s| s.span())),
        ("subject", r.subject.as_ref().map(|s| s.span())),
        ("pattern", r.pattern.as_ref().map(|s| s.span())),
        ("value_type", r.value_type.as_ref().map(|s| s.span())),
        ("min_score", r.min_score.as_ref().map(|s| s.span())),
        ("min_shared", r.min_shared.as_ref().map(|s| s.span())),
        ("same_document", r.same_document.as_ref().map(|s| s.span())),
        ("aligned", r.aligned.as_ref().map(|s| s.span())),
    ]
    .into_iter()
    .filter_map(|(n, s)| s.map(|s| (n, s)))
    .collect();
    for (name, span) in &present {
        if !allowed.contains(name) {
            return Err(cx.err(
                span.clone(),
                format!(
                    "field `{name}` does not apply to rules of kind `{}` (it takes: {})",
                    kind.as_str(),
                    allowed.join(", ")
                ),
            ));
        }
    }

    let unit = |v: &Option<Spanned<f64>>, name: &str| -> Result<Option<f64>, InputError> {
        match v {
            Some(s) if !(0.0..=1.0).contains(s.get_ref()) => {
                Err(cx.err(s.span(), format!("`{name}` must be between 0 and 1, not {}", s.get_ref())))
            }
            Some(s) => Ok(Some(*s.get_ref())),
            None => Ok(None),
        }
    };
    let mut settings = Settings {
        min_similarity: unit(&r.min_similarity, "min_similarity")?,
        min_score: unit(&r.min_score, "min_score")?,
        min_shared: r.min_shared.as_ref().map(|s| *s.get_ref()),
        same_document: r.same_document.as_ref().map(|s| *s.get_ref()),
        aligned: r.aligned.as_ref().map(|s| *s.get_ref()),
        synonyms: r.synonyms.map(|s| s.into_inner()).unwrap_or_default(),
        subject: r.subject.as_ref().map(|s| s.get_ref().clone()),
        ..Default::default()
    };
    if let Some(t) = &r.tolerance {
        if *t.get_ref() < 0.0 {
            return Err(cx.err(t.span(), "`tolerance` must not be negative".into()));
        }
        settings.tolerance = Some(*t.get_ref());
    }
    if let Some(d) = &r.date_order {
        settings.date_order = Some(DateOrder::parse(d.get_ref()).ok_or_else(|| {
            cx.err(d.span(), format!("unknown date_order `{}` (expected dmy, mdy or ymd)", d.get_ref()))
        })?);
    }
    if let Some(names) = r.name {
        for n in names.into_inner() {
            if n.canonical.trim().is_empty() {
                return Err(cx.err(r.id.span(), "a `[[rule.name]]` needs a non-empty `canonical`".into()));
            }
            settings.names.push(DeclaredName { canonical: n.canonical, aliases: n.aliases, equivalent: n.equivalent });
        }
    }
    if kind == RuleKind::Fact {
        let subject = r.subject.as_ref().ok_or_else(|| cx.err(r.id.span(), "a `fact` rule needs `subject`".into()))?;
        if subject.get_ref().trim().is_empty() {
            return Err(cx.err(subject.span(), "`subject` must not be empty".into()));
        }
        let vt = match &r.value_type {
            Some(v) => ValueType::parse(v.get_ref()).ok_or_else(|| {
                cx.err(
                    v.span(),
                    format!("unknown value_type `{}` (expected date, number, name, title or text)", v.get_ref()),
                )
            })?,
            None => ValueType::Text,
        };
        settings.value_type = Some(vt);
        let pat = r.pattern.as_ref().ok_or_else(|| cx.err(r.id.span(), "a `fact` rule needs `pattern`".into()))?;
        let expanded = crate::facts::patterns::expand(pat.get_ref(), vt);
        let re = Regex::new(&expanded).map_err(|e| {
            // Point inside the string: the span covers the quotes, so skip the opening one.
            let mut span = pat.span();
            span.start += 1;
            cx.err(span, format!("invalid regex in `pattern`: {}", regex_error_summary(&e)))
        })?;
        if re.capture_names().flatten().all(|n| n != "value") {
            return Err(cx.err(
                pat.span(),
                "`pattern` needs a named capture `(?P<value>…)` or one placeholder such as `{number}`".into(),
            ));
        }
        settings.pattern = Some(re);
        settings.pattern_source = Some(pat.get_ref().clone());
    }

    let mut given: Vec<&'static str> = present.iter().map(|(n, _)| *n).collect();
    for (name, set) in
        [("severity", r.severity.is_some()), ("message", r.message.is_some()), ("description", r.description.is_some())]
    {
        if set {
            given.push(name);
        }
    }
    Ok(PlacedRule {
        rule: Rule {
            id,
            kind,
            severity,
            message: r.message,
            description: r.description,
            pack: path.to_string(),
            settings,
        },
        pos,
        given,
        enabled: r.enabled != Some(false),
    })
}

fn regex_error_summary(e: &regex::Error) -> String {
    // The regex crate's message spans several lines with an ASCII pointer; keep the last line.
    e.to_string().lines().rfind(|l| !l.trim().is_empty()).unwrap_or("").trim().to_string()
}

fn validate_fact(cx: &Ctx, f: RawFact) -> Result<ReferenceFact, InputError> {
    let path = cx.path;
    if f.title.is_none() && f.date.is_none() && f.value.is_none() {
        return Err(cx.err(f.subject.span(), "a `[[fact]]` needs `title`, `date` or `value` besides `subject`".into()));
    }
    let severity = match &f.severity {
        None => Severity::Warning,
        Some(s) => Severity::parse(s.get_ref()).ok_or_else(|| {
            cx.err(s.span(), format!("unknown severity `{}` (expected error, warning or info)", s.get_ref()))
        })?,
    };
    Ok(ReferenceFact {
        subject: f.subject.into_inner(),
        title: f.title,
        date: f.date,
        value: f.value,
        pack: path.to_string(),
        severity,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_pack_is_valid() {
        let p = parse_pack("default.toml", super::super::DEFAULT_PACK);
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert!(p.rules.len() >= 5);
    }

    #[test]
    fn unknown_key_is_located() {
        let text =
            "[[rule]]\nid = \"a\"\nkind = \"names\"\n\n[[rule]]\nid = \"b\"\nkind = \"names\"\ncolour = \"red\"\n";
        let p = parse_pack("p.toml", text);
        assert_eq!(p.rules.len(), 1, "the good rule survives");
        assert_eq!(p.errors.len(), 1);
        let e = &p.errors[0];
        assert_eq!((e.line, e.column), (Some(8), Some(1)), "{e}");
        assert!(e.message.contains("colour"), "{e}");
    }

    #[test]
    fn bad_regex_points_into_the_pattern() {
        let text = "[[rule]]\nid = \"f\"\nkind = \"fact\"\nsubject = \"x\"\npattern = \"(?P<value>[a-\"\n";
        let p = parse_pack("p.toml", text);
        let e = &p.errors[0];
        assert_eq!(e.line, Some(5));
        assert_eq!(e.column, Some(12));
        assert!(e.message.contains("invalid regex"), "{e}");
    }

    #[test]
    fn bad_values_and_misplaced_fields() {
        let cases = [
            ("kind = \"colour\"", "unknown rule kind"),
            ("kind = \"names\"\nseverity = \"fatal\"", "unknown severity"),
            ("kind = \"names\"\nmin_similarity = 1.5", "between 0 and 1"),
            ("kind = \"names\"\ndate_order = \"dmy\"", "does not apply"),
            ("kind = \"dates\"\ndate_order = \"ydm\"", "unknown date_order"),
            ("kind = \"fact\"\npattern = \"{number}\"", "needs `subject`"),
        ];
        for (body, want) in cases {
            let text = format!("[[rule]]\nid = \"x\"\n{body}\n");
            let p = parse_pack("p.toml", &text);
            assert_eq!(p.errors.len(), 1, "{body}");
            assert!(p.errors[0].message.contains(want), "{body}: {}", p.errors[0]);
            assert!(p.errors[0].line.is_some());
        }
    }

    #[test]
    fn syntax_error_is_located() {
        let p = parse_pack("p.toml", "[[rule]]\nid = \"x\nkind = \"names\"\n");
        assert_eq!(p.errors.len(), 1);
        assert_eq!(p.errors[0].line, Some(2));
    }

    const TWO_RULES_WITH_BRACKET_LINES: &str = r#"[[rule]]
id = "house-style"
kind = "names"
description = """
Place names follow the style guide:
[[rule]] tables elsewhere do not matter here,
[see the guide] for the list.
"""

[[rule]]
id = "titles"
kind = "titles"
synonyms = [
  ["chief executive", "managing director"],
  ["minister of foreign affairs", "foreign minister"],
]
"#;

    #[test]
    fn a_multi_line_string_with_lines_starting_with_brackets_is_one_value() {
        let p = parse_pack("p.toml", TWO_RULES_WITH_BRACKET_LINES);
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        let ids: Vec<&str> = p.rules.iter().map(|r| r.rule.id.as_str()).collect();
        assert_eq!(ids, ["house-style", "titles"]);
        assert!(p.rules[0].rule.description.as_deref().unwrap().contains("[see the guide] for the list."));
        assert_eq!(p.rules[1].rule.settings.synonyms.len(), 2);
        assert_eq!(p.rules[1].pos, (11, 6), "the second rule's id is placed exactly");
    }

    #[test]
    fn after_a_syntax_error_the_other_rules_still_run() {
        // The same pack behind a rule with an unterminated string: cut by the lexer, the
        // `"""` string and the multi-line array are still one value each.
        let text = format!(
            "[[rule]]\nid = \"broken\"\nkind = \"names\nseverity = \"error\"\n\n{TWO_RULES_WITH_BRACKET_LINES}"
        );
        let p = parse_pack("p.toml", &text);
        assert_eq!(p.errors.len(), 1, "{:?}", p.errors);
        let e = &p.errors[0];
        assert_eq!((e.line, e.column), (Some(3), Some(14)), "{e}"); // where the string should have closed
        let ids: Vec<&str> = p.rules.iter().map(|r| r.rule.id.as_str()).collect();
        assert_eq!(ids, ["house-style", "titles"]);
        assert_eq!(p.rules[1].rule.settings.synonyms.len(), 2);
        assert_eq!(p.rules[0].pos, (7, 6), "positions stay those of the whole file");
    }

    #[test]
    fn a_table_defined_twice_is_located_and_the_rules_kept() {
        let text = "[pack]\nname = \"a\"\n\n[[rule]]\nid = \"x\"\nkind = \"names\"\n\n[pack]\nname = \"b\"\n";
        let p = parse_pack("p.toml", text);
        assert_eq!(p.errors.len(), 1, "{:?}", p.errors);
        assert_eq!(p.errors[0].line, Some(8), "{}", p.errors[0]);
        assert_eq!(p.rules.len(), 1);
    }

    #[test]
    fn unknown_top_level_keys_and_single_rule_tables_are_errors() {
        let p = parse_pack("p.toml", "colour = 1\n[rule]\nid = \"x\"\nkind = \"names\"\n");
        let msgs: Vec<String> =
            p.errors.iter().map(|e| format!("{}:{} {}", e.line.unwrap(), e.column.unwrap(), e.message)).collect();
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(msgs[0].starts_with("1:1 unknown key `colour`"), "{msgs:?}");
        assert!(msgs[1].starts_with("2:1 `rule` must be written as `[[rule]]`"), "{msgs:?}");
    }

    #[test]
    fn a_later_pack_overrides_a_rule_of_the_same_id_and_kind() {
        let a =
            parse_pack("a.toml", "[[rule]]\nid = \"x\"\nkind = \"names\"\nseverity = \"info\"\ndescription = \"d\"\n");
        let b = parse_pack("b.toml", "[[rule]]\nid = \"x\"\nkind = \"names\"\nmin_similarity = 0.9\n");
        let (set, errors) = super::super::RuleSet::from_packs(vec![a, b]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(set.rules.len(), 1);
        let r = &set.rules[0];
        assert_eq!(r.settings.min_similarity, Some(0.9));
        // What the override does not set is kept.
        assert_eq!((r.severity, r.description.as_deref()), (Severity::Info, Some("d")));
        assert!(r.pack.contains("a.toml") && r.pack.contains("b.toml"), "{}", r.pack);
    }

    #[test]
    fn an_override_of_another_kind_or_a_duplicate_in_one_pack_is_an_error() {
        let a = parse_pack("a.toml", "[[rule]]\nid = \"x\"\nkind = \"names\"\n");
        let b = parse_pack("b.toml", "\n[[rule]]\nid = \"x\"\nkind = \"dates\"\n");
        let (set, errors) = super::super::RuleSet::from_packs(vec![a, b]);
        assert_eq!(set.rules.len(), 1);
        assert_eq!(set.rules[0].kind, RuleKind::Names);
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].path.as_str(), errors[0].line), ("b.toml", Some(3)));
        assert!(errors[0].message.contains("kind"), "{}", errors[0]);
        let twice =
            parse_pack("c.toml", "[[rule]]\nid = \"y\"\nkind = \"names\"\n[[rule]]\nid = \"y\"\nkind = \"names\"\n");
        let (set, errors) = super::super::RuleSet::from_packs(vec![twice]);
        assert_eq!((set.rules.len(), errors.len()), (1, 1));
        assert!(errors[0].message.contains("duplicate"), "{}", errors[0]);
    }

    #[test]
    fn enabled_false_switches_a_rule_off() {
        let a =
            parse_pack("a.toml", "[[rule]]\nid = \"x\"\nkind = \"names\"\n[[rule]]\nid = \"q\"\nkind = \"quotes\"\n");
        let b = parse_pack("b.toml", "[[rule]]\nid = \"q\"\nkind = \"quotes\"\nenabled = false\n");
        let (set, errors) = super::super::RuleSet::from_packs(vec![a, b]);
        assert!(errors.is_empty(), "{errors:?}");
        let ids: Vec<&str> = set.rules.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["x"]);
        assert_eq!(set.disabled, ["q"]);
    }

    #[test]
    fn facts_and_names_tables() {
        let text = "[[rule]]\nid = \"n\"\nkind = \"names\"\n[[rule.name]]\ncanonical = \"Kyiv\"\naliases = [\"Kiev\"]\n\n[[fact]]\nsubject = \"Jane Roe\"\ntitle = \"Chief Executive of Acme\"\n";
        let p = parse_pack("p.toml", text);
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(p.rules[0].rule.settings.names[0].aliases, vec!["Kiev".to_string()]);
        assert_eq!(p.facts[0].title.as_deref(), Some("Chief Executive of Acme"));
    }
}
