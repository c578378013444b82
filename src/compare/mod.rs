//! Stage 3 of the pipeline: **comparisons**. Each module compares one kind of fact across the
//! whole set and turns disagreements into findings; `check(cx, rule)` is its entry point.

pub mod aligned;
pub mod attribution;
pub mod fact;
pub mod titles;
pub mod values;
