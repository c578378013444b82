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

pub mod docs;
mod parse;

use regex::Regex;
use serde::Serialize;

use crate::error::InputError;
use crate::findings::Severity;

pub use parse::{parse_pack, PlacedRule, RulePack};

/// The id of findings that contradict a reference fact (`[[fact]]` with a `date` or `value`).
pub const REFERENCE_FACTS_ID: &str = "reference-facts";

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

impl Rule {
    /// Overrides this rule with the fields `other` sets (`given`); the rest stay.
    fn apply(&mut self, other: Rule, given: &[&str]) {
        let has = |f: &str| given.contains(&f);
        if has("severity") {
            self.severity = other.severity;
        }
        if other.message.is_some() {
            self.message = other.message;
        }
        if other.description.is_some() {
            self.description = other.description;
        }
        self.pack = format!("{} (settings from {})", self.pack, other.pack);
        let (s, o) = (&mut self.settings, other.settings);
        macro_rules! keep_given {
            ($($f:ident),*) => { $( if o.$f.is_some() { s.$f = o.$f; } )* };
        }
        keep_given!(
            min_similarity,
            date_order,
            tolerance,
            subject,
            pattern,
            pattern_source,
            value_type,
            min_score,
            min_shared,
            same_document,
            aligned
        );
        if has("name") {
            s.names = o.names;
        }
        if has("synonyms") {
            s.synonyms = o.synonyms;
        }
    }
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
    /// Who or what the fact is about (`Idris Malkov`).
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
    /// Ids of rules switched off with `enabled = false`, in the order they were met.
    pub disabled: Vec<String>,
}

impl RuleSet {
    /// Builds the set from packs given in order. A rule whose id a previous pack defined
    /// overrides it: the fields it sets replace the earlier rule's, the rest are kept, and
    /// `enabled = false` switches it off. An override must keep the kind; two rules of one id in
    /// one pack are an error (reported at the later rule), and the later one is dropped.
    pub fn from_packs(packs: Vec<RulePack>) -> (RuleSet, Vec<InputError>) {
        use std::collections::{HashMap, HashSet};
        // Linear in the number of rules: ids are looked up in maps, and a rule switched off
        // leaves a hole that is closed once at the end.
        let mut rules: Vec<Option<Rule>> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut disabled: Vec<String> = Vec::new();
        let mut facts = Vec::new();
        let mut errors = Vec::new();
        for pack in packs {
            errors.extend(pack.errors);
            let mut in_pack: HashSet<String> = HashSet::new();
            for placed in pack.rules {
                let PlacedRule { rule, pos, given, enabled } = placed;
                let at = |msg: String| InputError::at(&rule.pack, pos.0, pos.1, msg);
                if !in_pack.insert(rule.id.clone()) {
                    errors.push(at(format!("duplicate rule id `{}` (already defined in this pack)", rule.id)));
                    continue;
                }
                if let Some(&i) = index.get(&rule.id) {
                    if let Some(prev) = rules[i].as_mut() {
                        if prev.kind != rule.kind {
                            errors.push(at(format!(
                                "rule `{}` overrides a `{}` rule from {} but has kind `{}` (an override keeps the kind)",
                                rule.id,
                                prev.kind.as_str(),
                                prev.pack,
                                rule.kind.as_str()
                            )));
                            continue;
                        }
                        if enabled {
                            prev.apply(rule, &given);
                        } else {
                            disabled.push(rule.id.clone());
                            rules[i] = None;
                            index.remove(&rule.id);
                        }
                        continue;
                    }
                }
                if enabled {
                    index.insert(rule.id.clone(), rules.len());
                    rules.push(Some(rule));
                } else {
                    disabled.push(rule.id);
                }
            }
            facts.extend(pack.facts);
        }
        // A rule defined again after it was switched off runs: it is no longer disabled.
        disabled.retain(|d| !index.contains_key(d));
        disabled.dedup();
        let set = RuleSet { rules: rules.into_iter().flatten().collect(), facts, disabled };
        (set, errors)
    }

    /// Every rule id a user may name: rules in force, rules switched off and the id of
    /// reference-fact findings.
    pub fn known_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.rules.iter().map(|r| r.id.as_str()).collect();
        ids.extend(self.disabled.iter().map(String::as_str));
        ids.push(REFERENCE_FACTS_ID);
        ids
    }

    /// Keeps the rules `keep` accepts (`--select`, `--ignore`). Reference facts go with the
    /// `reference-facts` id (a reference title is checked by the titles rules, so it needs one
    /// of them too).
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        self.rules.retain(|r| keep(&r.id));
        if !keep(REFERENCE_FACTS_ID) {
            self.facts.clear();
        }
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
