#![no_main]
//! `rules`: `parse_pack` on any text, then `RuleSet::from_packs`. Never a panic; every error and
//! every rule is placed at a line and column that exist in the text; ids are unique in the set.

use crosscheck::rules::{parse_pack, RuleSet};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let pack = parse_pack("fuzz.toml", &text);
    let lines = text.split('\n').count();
    for e in &pack.errors {
        assert_eq!(e.path, "fuzz.toml");
        assert!(!e.message.is_empty());
        if let (Some(l), Some(c)) = (e.line, e.column) {
            assert!(l >= 1 && l <= lines && c >= 1, "error at {l}:{c} of {lines} lines: {e}");
        }
    }
    for placed in &pack.rules {
        let (rule, (l, c)) = (&placed.rule, placed.pos);
        assert!(l >= 1 && l <= lines && c >= 1, "rule {} at {l}:{c}", rule.id);
        assert!(!rule.id.is_empty() && !rule.id.contains(char::is_whitespace));
    }
    let (set, _) = RuleSet::from_packs(vec![pack]);
    let mut ids: Vec<&str> = set.rules.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate ids in the set");
});
