use crate::engine::Context;
use crate::findings::Finding;
use crate::rules::Rule;

pub fn check(_cx: &Context, _rule: &Rule) -> Vec<Finding> {
    Vec::new()
}
