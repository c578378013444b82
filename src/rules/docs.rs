//! The user documentation of each rule kind, taken from `docs/rules.md` (embedded at build time),
//! so `crosscheck explain`, SARIF rule help and the docs never say different things.

use super::{Rule, RuleKind};

/// `docs/rules.md`.
pub const RULES_MD: &str = include_str!("../../docs/rules.md");

/// The project's repository, when the package names it (`repository` in Cargo.toml). Links to
/// the docs (SARIF `helpUri`) are given only then: an invented address would be worse than none.
pub fn information_uri() -> Option<&'static str> {
    let repo = env!("CARGO_PKG_REPOSITORY").trim_end_matches('/');
    (!repo.is_empty()).then_some(repo)
}

/// Where the rule docs are published.
fn docs_base() -> Option<String> {
    Some(format!("{}/blob/main/docs/rules.md", information_uri()?))
}

/// The section of `docs/rules.md` about a kind: from its `## \`kind\`` heading to the next one,
/// heading included.
pub fn section(kind: RuleKind) -> Option<&'static str> {
    let heading = format!("## `{}`", kind.as_str());
    let start = RULES_MD.match_indices(&heading).map(|(i, _)| i).find(|&i| i == 0 || RULES_MD[..i].ends_with('\n'))?;
    let rest = &RULES_MD[start..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 4);
    Some(rest[..end].trim_end())
}

/// The heading's anchor as Markdown renderers make it (`names--spelling-findings`).
pub fn anchor(kind: RuleKind) -> Option<String> {
    let s = section(kind)?;
    let heading = s.lines().next()?.trim_start_matches('#').trim();
    Some(
        heading
            .chars()
            .filter_map(|c| match c {
                ' ' => Some('-'),
                c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c.to_ascii_lowercase()),
                _ => None,
            })
            .collect(),
    )
}

/// A link to the kind's documentation, when the docs have a public address.
pub fn help_uri(kind: RuleKind) -> Option<String> {
    Some(format!("{}#{}", docs_base()?, anchor(kind)?))
}

/// One sentence about a rule: the first of its description, else of its kind's "What it finds".
pub fn short_description(rule: &Rule) -> String {
    let from_kind = || {
        let s = section(rule.kind)?;
        let what = s.split("**What it finds.**").nth(1)?;
        Some(first_sentence(what))
    };
    rule.description
        .as_deref()
        .map(first_sentence)
        .filter(|s| !s.is_empty())
        .or_else(from_kind)
        .unwrap_or_else(|| format!("{} findings", rule.kind.as_str()))
}

/// The first sentence of a paragraph, on one line.
fn first_sentence(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let end = flat.match_indices(". ").map(|(i, _)| i + 1).next().unwrap_or(flat.len());
    flat[..end].trim().to_string()
}

/// The section as plain text for a terminal: emphasis markers dropped, the heading underlined.
pub fn plain(section: &str) -> String {
    let mut out = String::new();
    for line in section.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            let h = h.replace('`', "");
            out.push_str(&h);
            out.push('\n');
            out.push_str(&"=".repeat(h.chars().count()));
            out.push('\n');
        } else {
            out.push_str(&line.replace("**", ""));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_section_with_an_example() {
        for (_, kind) in RuleKind::ALL {
            let s = section(*kind).unwrap_or_else(|| panic!("no section for {}", kind.as_str()));
            assert!(s.contains("**What it finds.**"), "{}", kind.as_str());
            assert!(s.contains("**Example.**"), "{} has no example", kind.as_str());
            assert!(!s[3..].contains("\n## "), "{} runs into the next section", kind.as_str());
        }
        assert_eq!(anchor(RuleKind::Names).as_deref(), Some("names--spelling-findings"));
    }
}
