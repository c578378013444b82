use crate::engine::Context;
use crate::findings::Finding;
use crate::rules::{Rule, RuleSet};

pub fn check(_cx: &Context, _rule: &Rule) -> Vec<Finding> {
    Vec::new()
}

pub fn check_reference_facts(_cx: &Context, _rules: &RuleSet) -> Vec<Finding> {
    Vec::new()
}
