//! Stage 3 of the pipeline: **comparisons**. Each module compares one kind of fact across the
//! whole set and turns disagreements into findings; `check(cx, rule)` is its entry point.

pub mod aligned;
pub mod attribution;
pub mod context;
pub mod fact;
pub mod quotes;
pub mod spelling;
pub mod titles;
pub mod values;

use std::collections::{BTreeMap, BTreeSet};

/// Joins conflicting pairs into groups (connected components), each sorted, in a stable order,
/// so one disagreement seen between several documents is one finding.
pub fn group_pairs(pairs: &BTreeSet<(usize, usize)>) -> Vec<Vec<usize>> {
    let mut parent: BTreeMap<usize, usize> = BTreeMap::new();
    // A loop, not recursion: unions can chain thousands of values, deeper than a thread's stack.
    fn find(p: &mut BTreeMap<usize, usize>, x: usize) -> usize {
        let mut root = *p.entry(x).or_insert(x);
        while p[&root] != root {
            root = p[&root];
        }
        let mut cur = x;
        while cur != root {
            cur = p.insert(cur, root).unwrap_or(root);
        }
        root
    }
    for &(a, b) in pairs {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            parent.insert(ra.max(rb), ra.min(rb));
        }
    }
    let keys: Vec<usize> = parent.keys().copied().collect();
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for k in keys {
        let r = find(&mut parent, k);
        groups.entry(r).or_default().push(k);
    }
    groups.into_values().collect()
}
