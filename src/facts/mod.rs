//! Stage 2 of the pipeline: **facts**, extracted from each document's analysis text.
//!
//! One file per fact kind. Each recogniser is a pure function of the text; [`extract`] runs them
//! for every document in parallel and keeps the results in [`DocFacts`].

pub mod attribution;
pub mod dates;
pub mod mentions;
pub mod numbers;
pub mod patterns;
pub mod quotes;
pub mod titles;

use std::ops::Range;

use rayon::prelude::*;

use crate::engine::EngineOptions;

/// All facts found in one document (spans are byte ranges of its analysis text).
#[derive(Debug, Clone, Default)]
pub struct DocFacts {
    pub dates: Vec<dates::DateMention>,
    /// Weekdays named outside a full date.
    pub weekdays: Vec<dates::WeekdayMention>,
    pub numbers: Vec<numbers::Quantity>,
    pub titles: Vec<titles::TitleMention>,
    pub quotes: Vec<quotes::Quote>,
    pub attributions: Vec<attribution::Attribution>,
}

/// The recogniser's date order for a configured one.
pub fn date_order(o: crate::rules::DateOrder) -> dates::DateOrder {
    match o {
        crate::rules::DateOrder::Dmy => dates::DateOrder::Dmy,
        crate::rules::DateOrder::Mdy => dates::DateOrder::Mdy,
        crate::rules::DateOrder::Ymd => dates::DateOrder::Ymd,
    }
}

/// Extracts the facts of every document; `sentences[i]` are the sentence ranges of `texts[i]`.
pub fn extract(texts: &[&str], sentences: &[Vec<Range<usize>>], options: &EngineOptions) -> Vec<DocFacts> {
    // Without a configured order, the set's own unambiguous numeric dates decide (a set that
    // writes 23.09.2020 reads 04.05.2021 as 4 May).
    let configured = options.date_order.map(date_order);
    let mut first_pass: Vec<Vec<dates::DateMention>> = match configured {
        Some(_) => Vec::new(),
        None => texts.par_iter().map(|t| dates::find_dates(t, None)).collect(),
    };
    let order = configured.or_else(|| dates::infer_order(first_pass.iter().flatten()));
    if order.is_some() && configured.is_none() {
        first_pass.clear(); // read again with the inferred order
    }
    let all_dates: Vec<Vec<dates::DateMention>> = if first_pass.is_empty() {
        texts.par_iter().map(|t| dates::find_dates(t, order)).collect()
    } else {
        first_pass
    };
    texts
        .par_iter()
        .zip(sentences.par_iter())
        .zip(all_dates.into_par_iter())
        .map(|((t, s), dates)| {
            // A figure inside a date (`4 May 2026`) is part of the date, not a count.
            let taken: Vec<Range<usize>> = dates.iter().map(|d| d.span.clone()).collect();
            let numbers = numbers::find_numbers(t, &taken);
            let weekdays = dates::find_weekdays(t, &dates);
            let titles = titles::find_titles(t);
            let quotes = quotes::find_quotes(t);
            let attributions = attribution::find_attributions(t, s);
            DocFacts { dates, weekdays, numbers, titles, quotes, attributions }
        })
        .collect()
}
