//! Rule packs: which facts to extract and compare, and how strictly.
//!
//! A pack is a TOML file of `[[rule]]` tables (and optional `[[fact]]` reference facts). Every rule
//! has an `id`, a `kind` (which comparison it configures), a `severity`, an optional `message`
//! template and `description`, and the fields of its kind. The default pack
//! (`rules/default.toml`) is compiled into the binary.
//!
//! Each `[[rule]]` is read from its own table of the parsed pack, so one broken rule is reported
//! with its file, line and column while the pack's other rules still run (after a TOML syntax
//! error too: see [`parse_pack`]).

mod parse;

use regex::Regex;
use serde::Serialize;

use crate::error::InputError;
use crate::findings::Severity;

pub use parse::{parse_pack, RulePack};

/// The default rule pack, embedded at build time.
pub const DEFAULT_PACK: &str = include_str!("../../rules/default.toml");
/// The name the default pack is reported under.
pub const DEFAULT_PACK_PATH: &str = "<default rules>";

/// Which comparison a rule configures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleKind {
    /// Name variants across the set (`spelling` findings).
    Names,
    /// Dates of one event (`date` findings).
    Dates,
    /// Counts and amounts of one thing (`number` findings).
    Numbers,
    /// Office titles of one person (`title` findings).
    Titles,
    /// A user-declared fact matched by a pattern (`fact` findings).
    Fact,
    /// One statement quoted in different words (`quote` findings).
    Quotes,
    /// One statement credited to different agents (`attribution` findings).
    Attribution,
}

impl RuleKind {
    pub const ALL: &'static [(&'static str, RuleKind)] = &[
        ("names", RuleKind::Names),
        ("dates", RuleKind::Dates),
        ("numbers", RuleKind::Numbers),
        ("titles", RuleKind::Titles),
        ("fact", RuleKind::Fact),
        ("quotes", RuleKind::Quotes),
        ("attribution", RuleKind::Attribution),
    ];

    pub fn parse(s: &str) -> Option<RuleKind> {
        Self::ALL.iter().find(|(n, _)| *n == s).map(|(_, k)| *k)
    }

    pub fn as_str(self) -> &'static str {
        Self::ALL.iter().find(|(_, k)| *k == self).map(|(n, _)| *n).unwrap_or("?")
    }
}

/// How day-month order is read in ambiguous numeric dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    Dmy,
    Mdy,
    Ymd,
}

impl DateOrder {
    pub fn parse(s: &str) -> Option<DateOrder> {
        match s {
            "dmy" => Some(DateOrder::Dmy),
            "mdy" => Some(DateOrder::Mdy),
            "ymd" => Some(DateOrder::Ymd),
            _ => None,
        }
    }
}

/// The type of value a `fact` rule captures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueType {
    Date,
    Number,
    Name,
    Title,
    Text,
}

impl ValueType {
    pub fn parse(s: &str) -> Option<ValueType> {
        match s {
            "date" => Some(ValueType::Date),
            "number" => Some(ValueType::Number),
            "name" => Some(ValueType::Name),
            "title" => Some(ValueType::Title),
            "text" => Some(ValueType::Text),
            _ => None,
        }
    }
}

/// A name declared in a `names` rule: its preferred form and the aliases that mean it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeclaredName {
    pub canonical: String,
    pub aliases: Vec<String>,
    /// The forms are accepted variants: never report them.
    pub equivalent: bool,
}

/// One rule, validated.
#[derive(Debug, Clone, Serialize)]
pub struct Rule {
    pub id: String,
    pub kind: RuleKind,
    pub severity: Severity,
    /// A message template; `{subject}` and `{values}` are filled in.
    pub message: Option<String>,
    pub description: Option<String>,
    /// The pack it came from.
    pub pack: String,
    pub settings: Settings,
}

/// The kind-specific fields of a rule, with defaults filled in by the comparison that uses them.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Settings {
    /// names: how alike two forms must be (0..1).
    pub min_similarity: Option<f64>,
    /// names: declared canonical names and aliases.
    pub names: Vec<DeclaredName>,
    /// dates, fact: reading of ambiguous numeric dates.
    pub date_order: Option<DateOrder>,
    /// numbers, fact: relative tolerance when comparing numbers.
    pub tolerance: Option<f64>,
    /// titles: declared title synonyms (pairs).
    pub synonyms: Vec<(String, String)>,
    /// fact: the fact's name.
    pub subject: Option<String>,
    /// fact: the expanded pattern, with a `value` capture group.
    #[serde(skip)]
    pub pattern: Option<Regex>,
    pub pattern_source: Option<String>,
    /// fact: type of the captured value.
    pub value_type: Option<ValueType>,
    /// quotes, attribution, and aligned comparisons: minimum alignment score.
    pub min_score: Option<f64>,
    /// alignment: rare units two passages must share.
    pub min_shared: Option<usize>,
    /// compare passages within one document too.
    pub same_document: Option<bool>,
    /// dates, numbers, titles, names: compare values in aligned passages too.
    pub aligned: Option<bool>,
}

/// A fact a pack states as known, checked against every document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReferenceFact {
    /// Who or what the fact is about (`Jeyhun Bayramov`).
    pub subject: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub value: Option<String>,
    pub pack: String,
    pub severity: Severity,
}

/// All rules and reference facts in force for a run.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    pub facts: Vec<ReferenceFact>,
}

impl RuleSet {
    /// Builds the set from packs given in order; a later rule with an id already taken is an
    /// error (reported at the later rule) and is dropped.
    pub fn from_packs(packs: Vec<RulePack>) -> (RuleSet, Vec<InputError>) {
        let mut set = RuleSet::default();
        let mut errors = Vec::new();
        // Where each id was first defined: a lookup, so that big packs stay linear.
        let mut taken: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for pack in packs {
            errors.extend(pack.errors);
            for (rule, pos) in pack.rules {
                if let Some(prev) = taken.get(&rule.id).map(|&i| &set.rules[i]) {
                    errors.push(InputError::at(
                        &rule.pack,
                        pos.0,
                        pos.1,
                        format!("duplicate rule id `{}` (already defined in {})", rule.id, prev.pack),
                    ));
                    continue;
                }
                taken.insert(rule.id.clone(), set.rules.len());
                set.rules.push(rule);
            }
            set.facts.extend(pack.facts);
        }
        (set, errors)
    }

    pub fn of_kind(&self, kind: RuleKind) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(move |r| r.kind == kind)
    }
}

/// Reads rule packs from a file or a folder of `.toml` files (sorted by name).
pub fn load_packs(path: &std::path::Path) -> Vec<RulePack> {
    let shown = crate::document::load::display(path);
    let files: Vec<std::path::PathBuf> = if path.is_dir() {
        match std::fs::read_dir(path) {
            Ok(rd) => {
                let mut v: Vec<_> = rd
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                    .collect();
                v.sort();
                v
            }
            Err(e) => return vec![RulePack::failed(InputError::new(shown, format!("cannot read rule folder: {e}")))],
        }
    } else {
        vec![path.to_path_buf()]
    };
    files
        .into_iter()
        .map(|f| {
            let shown = crate::document::load::display(&f);
            match crate::document::load::read_settings(&f) {
                Ok(text) => parse_pack(&shown, &text),
                Err(e) => RulePack::failed(InputError::new(shown, format!("cannot read rule pack: {e}"))),
            }
        })
        .collect()
}
