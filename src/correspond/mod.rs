//! Stage 4 of the pipeline: **correspondence** across documents: which forms are one name,
//! which statements are one statement, which documents tell one story.

pub mod keys;
pub mod statements;
pub mod stories;
