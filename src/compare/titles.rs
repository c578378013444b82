use crate::engine::Context;
use crate::findings::Finding;
use crate::rules::{ReferenceFact, Rule};

pub fn check(_cx: &Context, _rule: &Rule, _facts: &[ReferenceFact]) -> Vec<Finding> {
    Vec::new()
}
