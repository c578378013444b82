//! Wires the pipeline together: documents → facts → comparisons → findings.
//!
//! The engine never prints. It takes documents that are already read and the rules in force, and
//! returns findings in canonical order. Fact extraction runs per document in parallel; every
//! comparison sees the whole set.
//!
//! A panic in a stage (a bug, never the input's fault) costs only that stage's share of the work:
//! a rule that panics loses its own findings and a document whose facts cannot be read loses its
//! own, each reported as an internal error in [`Checked::errors`], and every other rule and
//! document is still checked. One odd sentence must never hide the findings of a whole set.

use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};

use rayon::prelude::*;

use crate::compare;
use crate::document::Document;
use crate::error::InputError;
use crate::facts::DocFacts;
use crate::findings::{finalize, Finding};
use crate::rules::{DateOrder, RuleKind, RuleSet};

/// Engine-wide settings (rules carry their own).
#[derive(Debug, Clone, Default)]
pub struct EngineOptions {
    /// How ambiguous numeric dates are read when no rule says; `None` infers it.
    pub date_order: Option<DateOrder>,
    /// Passage alignment thresholds (from the attribution rule, else defaults).
    pub align: crate::align::AlignSettings,
    /// Names declared equivalent by any rule: accepted variants for every names rule.
    pub equivalent_names: Vec<crate::rules::DeclaredName>,
    /// Values whose treatment every stage records (`--explain`); empty for no trace.
    pub explain: Vec<String>,
    /// Record every candidate with its evidence, for fitting the weights (`examples/fit_weights.rs`).
    pub record: bool,
}

/// Everything comparisons may look at: the documents, their sentences and their facts.
pub struct Context<'a> {
    pub docs: &'a [Document],
    /// Each document's analysis (tokens, tags, lemmas, sentences).
    pub analysis: Vec<crate::analysis::DocAnalysis>,
    /// Each document's names and identifiers.
    pub mentions: Vec<Vec<crate::facts::mentions::Mention>>,
    /// Which documents tell one story.
    pub stories: crate::correspond::stories::Stories,
    pub sentences: Vec<Vec<Range<usize>>>,
    pub facts: Vec<DocFacts>,
    pub options: &'a EngineOptions,
    /// Documents whose facts could not be read (an internal error); their facts are empty.
    pub failures: Vec<InputError>,
    /// Decisions about the values of `--explain`.
    pub trace: crate::explain::Trace,
    /// Candidates with their evidence, when `options.record` is set.
    pub candidates: crate::score::Recorder,
    alignment: std::sync::OnceLock<compare::aligned::Alignment>,
}

impl<'a> Context<'a> {
    pub fn new(docs: &'a [Document], options: &'a EngineOptions) -> Self {
        let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
        // Extraction holds many times a document's size while it runs; on big documents fewer
        // run at once, so memory does not grow with the thread count.
        at_most(extraction_threads(&texts), || Self::extract(docs, texts, options))
    }

    fn extract(docs: &'a [Document], texts: Vec<&str>, options: &'a EngineOptions) -> Self {
        let analysed: Vec<Result<(crate::analysis::DocAnalysis, Vec<crate::facts::mentions::Mention>), String>> = texts
            .par_iter()
            .map(|t| {
                guarded(|| {
                    let a = crate::analysis::DocAnalysis::new(t);
                    let m = crate::facts::mentions::find_mentions(t, &a);
                    (a, m)
                })
            })
            .collect();
        let mut broken: Vec<Option<String>> = analysed.iter().map(|r| r.as_ref().err().cloned()).collect();
        let (analysis, mentions): (Vec<_>, Vec<_>) = analysed.into_iter().map(Result::unwrap_or_default).unzip();
        let mut sentences: Vec<Vec<Range<usize>>> = analysis
            .iter()
            .map(|a: &crate::analysis::DocAnalysis| a.sentences.iter().map(|s| s.span.clone()).collect())
            .collect();
        let mut failures = Vec::new();
        // Extraction looks at the whole set (names, the date order), so a document that breaks it
        // is found by reading each alone, and the set is read again without it.
        let mut facts = guarded(|| crate::facts::extract(&without(&texts, &broken), &sentences, options));
        if facts.is_err() {
            for (i, t) in texts.iter().enumerate() {
                if broken[i].is_none() {
                    broken[i] = guarded(|| crate::facts::extract(&[t], &sentences[i..=i], options)).err();
                }
            }
            for (i, b) in broken.iter().enumerate() {
                if b.is_some() {
                    sentences[i].clear();
                }
            }
            facts = guarded(|| crate::facts::extract(&without(&texts, &broken), &sentences, options));
        }
        for (d, b) in docs.iter().zip(&broken) {
            if let Some(m) = b {
                failures.push(InputError::new(&d.path, internal("reading this document's facts", m)));
            }
        }
        let facts = facts.unwrap_or_else(|m| {
            failures.push(InputError::new("<documents>", internal("reading the facts of the set", &m)));
            vec![DocFacts::default(); docs.len()]
        });
        let bags: Vec<_> = texts
            .par_iter()
            .zip(analysis.par_iter().zip(mentions.par_iter()))
            .map(|(t, (a, m))| crate::correspond::stories::terms(t, a, m))
            .collect();
        let stories = crate::correspond::stories::cluster(&bags);
        Context {
            docs,
            analysis,
            mentions,
            stories,
            sentences,
            facts,
            options,
            failures,
            trace: crate::explain::Trace::new(&options.explain),
            candidates: crate::score::Recorder::new(options.record),
            alignment: std::sync::OnceLock::new(),
        }
    }

    pub fn texts(&self) -> Vec<&str> {
        self.docs.iter().map(|d| d.text.as_str()).collect()
    }

    /// The aligned passage pairs of the set, computed once for every comparison that needs them.
    pub fn alignment(&self) -> &compare::aligned::Alignment {
        self.alignment.get_or_init(|| compare::aligned::align_set(self))
    }
}

/// What extracting the facts of a document holds at its peak, per byte of its text (sentences,
/// words, tokens and candidates of every kind): measured at about 25 on generated news.
const EXTRACT_BYTES_PER_BYTE: usize = 32;

/// What one rule's comparison holds at its peak, per byte of the set's text.
const COMPARE_BYTES_PER_BYTE: usize = 8;

/// What the extractions (or comparisons) running at one time may hold in all.
const EXTRACT_BUDGET: usize = 512 * 1024 * 1024;

/// How many documents may be read for facts at once: as many as fit the budget if each were as
/// big as the largest (all of them for ordinary sets, one for a set of 16 MB documents).
fn extraction_threads(texts: &[&str]) -> usize {
    let largest = texts.iter().map(|t| t.len()).max().unwrap_or(0);
    (EXTRACT_BUDGET / largest.saturating_mul(EXTRACT_BYTES_PER_BYTE).max(1)).max(1)
}

/// Runs `f` on at most `threads` of the current pool's threads (a smaller pool of its own when
/// that is fewer; never a bigger one).
fn at_most<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
    if threads < rayon::current_num_threads() {
        if let Ok(pool) = rayon::ThreadPoolBuilder::new().num_threads(threads.max(1)).build() {
            return pool.install(f);
        }
    }
    f()
}

/// The texts, with those of broken documents left empty.
fn without<'t>(texts: &[&'t str], broken: &[Option<String>]) -> Vec<&'t str> {
    texts.iter().zip(broken).map(|(t, b)| if b.is_some() { "" } else { *t }).collect()
}

/// Runs `f`, turning a panic into its message.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_string())
    })
}

fn internal(what: &str, message: &str) -> String {
    format!("internal error while {what} (a bug in crosscheck; please report it): {message}")
}

/// What a run found, and the parts of it that failed.
#[derive(Debug, Default)]
pub struct Checked {
    /// Findings in canonical order.
    pub findings: Vec<Finding>,
    /// Rules and documents the engine could not check (internal errors): their findings are
    /// missing, everything else is in `findings`.
    pub errors: Vec<InputError>,
}

/// Runs every rule over the documents and returns the findings in canonical order.
pub fn check(docs: &[Document], rules: &RuleSet, options: &EngineOptions) -> Checked {
    run(docs, rules, options, &mut |_| {})
}

/// Runs the engine watching `options.explain`: what it found, and each stage's decisions about
/// the watched values.
pub fn explain(docs: &[Document], rules: &RuleSet, options: &EngineOptions) -> (Checked, Vec<crate::explain::Line>) {
    let mut lines = Vec::new();
    let checked = run(docs, rules, options, &mut |cx| lines = cx.trace.lines());
    (checked, lines)
}

/// Runs the engine recording every candidate with its evidence (for fitting the weights).
pub fn candidates(docs: &[Document], rules: &RuleSet, options: &EngineOptions) -> Vec<crate::score::Candidate> {
    let options = EngineOptions { record: true, ..options.clone() };
    let mut out = Vec::new();
    run(docs, rules, &options, &mut |cx| out = cx.candidates.take());
    out
}

fn run(docs: &[Document], rules: &RuleSet, options: &EngineOptions, after: &mut dyn FnMut(&Context)) -> Checked {
    let mut options = options.clone();
    if let Some(r) = rules.of_kind(RuleKind::Attribution).next() {
        let s = &r.settings;
        if let Some(v) = s.min_score {
            options.align.min_score = v;
        }
        if let Some(v) = s.min_shared {
            options.align.min_shared = v;
        }
        if let Some(v) = s.same_document {
            options.align.same_document = v;
        }
    }
    options.equivalent_names = rules
        .of_kind(RuleKind::Names)
        .flat_map(|r| r.settings.names.iter().filter(|n| n.equivalent).cloned())
        .collect();
    let cx = Context::new(docs, &options);
    let run_rules = || -> Vec<Result<Vec<Finding>, InputError>> {
        rules
            .rules
            .par_iter()
            .map(|rule| {
                guarded(|| {
                    // The seam for the end-to-end test of this catch, in debug builds only: the rule
                    // named by CROSSCHECK_TEST_PANIC panics as a bug in it would.
                    #[cfg(debug_assertions)]
                    if std::env::var("CROSSCHECK_TEST_PANIC").is_ok_and(|v| v == rule.id) {
                        panic!("test panic in rule `{}`", rule.id);
                    }
                    match rule.kind {
                        RuleKind::Names => compare::spelling::check(&cx, rule),
                        RuleKind::Dates | RuleKind::Numbers => compare::values::check(&cx, rule),
                        RuleKind::Titles => compare::titles::check(&cx, rule, &rules.facts),
                        RuleKind::Fact => compare::fact::check(&cx, rule),
                        RuleKind::Quotes => compare::quotes::check(&cx, rule),
                        RuleKind::Attribution => compare::attribution::check(&cx, rule),
                    }
                })
                .map_err(|m| InputError::new(&rule.pack, internal(&format!("checking rule `{}`", rule.id), &m)))
            })
            .collect()
    };
    // Every rule holds memory in proportion to the whole set: on a big set fewer run at once.
    let total: usize = docs.iter().map(|d| d.text.len()).sum();
    let threads = (EXTRACT_BUDGET / total.saturating_mul(COMPARE_BYTES_PER_BYTE).max(1)).max(1);
    let results = at_most(threads, run_rules);
    let mut errors = cx.failures.clone();
    let mut findings = Vec::new();
    for r in results {
        match r {
            Ok(f) => findings.extend(f),
            Err(e) => errors.push(e),
        }
    }
    match guarded(|| compare::fact::check_reference_facts(&cx, rules)) {
        Ok(f) => findings.extend(f),
        Err(m) => errors.push(InputError::new("<reference facts>", internal("checking the reference facts", &m))),
    }
    after(&cx);
    Checked { findings: finalize(findings), errors }
}
