//! crosscheck finds where a set of documents disagree with each other: one name spelled two
//! ways, one letter credited to two senders, one quote worded two ways, two dates or figures for
//! one event, one person given two office titles.
//!
//! The library is the pipeline; the `crosscheck` binary is a thin layer over it.
//!
//! documents ([`document`]) → facts ([`facts`]) → comparisons ([`compare`]) → findings
//! ([`findings`]) → reports ([`report`]), wired by [`engine`] and configured by [`rules`] and
//! [`config`]. Between findings and reports, [`suppress`] and [`baseline`] hold back what a
//! team has accepted, and say so in every report.

pub mod align;
pub mod analysis;
pub mod baseline;
pub mod cli;
pub mod compare;
pub mod config;
pub mod correspond;
pub mod document;
pub mod engine;
pub mod error;
pub mod expect;
pub mod explain;
pub mod facts;
pub mod findings;
pub mod lexicon;
pub mod report;
pub mod rules;
pub mod score;
pub mod span;
pub mod suppress;
pub mod text;
