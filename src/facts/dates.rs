//! **Dates**: every calendar date a document names, with its byte span and normalised value(s).
//!
//! Two reports of one event disagree when they give it different days, months or years, so each
//! date is normalised to an interval of days with a precision: `4 October 2019` is one day,
//! `May 2026` is 2026-05-01..2026-05-31 (a missing day is never invented), `the late 1980s` is
//! 1985..1989. Comparison works on intervals, so a vaguer date never conflicts with a sharper one it
//! contains (`May 2026` vs `4 May 2026`). A numeric date that can be read two ways (`04.10.2019`:
//! 4 October or 10 April) keeps both readings, and two mentions conflict only when no reading of one
//! overlaps any reading of the other.
//!
//! A bare four-digit number counts as a year only in date context (`in 2019`, `since 2004`,
//! `1998's`, `the year 1998`, next to a month), never in `2500 people` or `of 1998 votes`; relative
//! dates (`last year`) are not dates.
//!
//! ```text
//! "The accord, signed on Monday, 4 October 2019, replaced the 02.11.2002 protocol."
//!   -> "Monday, 4 October 2019"  2019-10-04 (Day)
//!   -> "02.11.2002"              2002-11-02 | 2002-02-11 (Day, ambiguous, day-first preferred)
//! ```
//!
//! [`event_key`] names the event a date is attached to (`was signed on 4 May` -> `sign`), so that
//! only dates about the same event are compared.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use jiff::civil::Date;
use regex::{Captures, Regex};
use rust_stemmers::{Algorithm, Stemmer};
use serde::{Serialize, Serializer};

use crate::text::{is_stopword, words_in};

/// How exact a date is. Ordered from the finest to the coarsest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Precision {
    /// One day: `4 May 2026`.
    Day,
    /// One month: `May 2026`, `2023-05`.
    Month,
    /// A fuzzy part of a year: `early 2021`, `mid-2022`.
    YearPart,
    /// One year: `in 2019`.
    Year,
    /// A fuzzy part of a decade: `the late 1980s`.
    DecadePart,
    /// A decade: `the 1990s`.
    Decade,
    /// An explicit interval: `2021-2023`, `from May to July 2020`, `4-6 May`.
    Range,
}

/// Which field comes first in an all-numeric date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum DateOrder {
    /// Day first: `04.10.2019` is 4 October.
    Dmy,
    /// Month first (US): `10/04/2019` is October 4.
    Mdy,
    /// Year first (ISO): `2019-10-04`.
    Ymd,
}

/// One reading of a date: the interval of days it covers, both ends included.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct DateValue {
    #[serde(serialize_with = "ser_date")]
    pub start: Date,
    #[serde(serialize_with = "ser_date")]
    pub end: Date,
    pub precision: Precision,
    /// The text named no year (`October 4`): `start` and `end` then carry the placeholder year
    /// [`YEARLESS`] and only their month and day mean anything.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub yearless: bool,
}

/// A date found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct DateMention {
    /// Byte range of the date in the text.
    pub span: Range<usize>,
    pub surface: String,
    /// Every valid reading, the preferred one first.
    pub readings: Vec<DateValue>,
    /// More than one reading survived.
    pub ambiguous: bool,
}

/// Placeholder year of yearless dates; a leap year, so that `29 February` stays valid.
pub const YEARLESS: i16 = 2000;

fn ser_date<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&d.to_string())
}

impl DateValue {
    fn new(start: Date, end: Date, precision: Precision) -> Self {
        DateValue { start, end, precision, yearless: false }
    }

    /// Normalised text: `2002-11-02`, `2002-11`, `2002`, `1980s`, `1985..1989`,
    /// `2021..2023`, `2022-04..2022-09`; yearless dates as `--10-04`.
    pub fn display(&self) -> String {
        match self.precision {
            Precision::Day => self.fmt_day(self.start),
            Precision::Month => self.fmt_month(self.start),
            Precision::Year => self.start.year().to_string(),
            Precision::Decade => format!("{}s", self.start.year()),
            Precision::DecadePart => format!("{}..{}", self.start.year(), self.end.year()),
            Precision::YearPart => format!("{}..{}", self.fmt_month(self.start), self.fmt_month(self.end)),
            Precision::Range => {
                let whole_years = self.start.month() == 1
                    && self.start.day() == 1
                    && self.end.month() == 12
                    && self.end.day() == 31
                    && !self.yearless;
                let whole_months = self.start.day() == 1 && self.end == self.end.last_of_month();
                if whole_years {
                    format!("{}..{}", self.start.year(), self.end.year())
                } else if whole_months {
                    format!("{}..{}", self.fmt_month(self.start), self.fmt_month(self.end))
                } else {
                    format!("{}..{}", self.fmt_day(self.start), self.fmt_day(self.end))
                }
            }
        }
    }

    fn fmt_day(&self, d: Date) -> String {
        if self.yearless {
            format!("--{:02}-{:02}", d.month(), d.day())
        } else {
            d.to_string()
        }
    }

    fn fmt_month(&self, d: Date) -> String {
        if self.yearless {
            format!("--{:02}", d.month())
        } else {
            format!("{:04}-{:02}", d.year(), d.month())
        }
    }
}

impl DateMention {
    /// The preferred reading, normalised (see [`DateValue::display`]).
    pub fn display(&self) -> String {
        self.readings.first().map(DateValue::display).unwrap_or_default()
    }
}

/// Whether two mentions name different dates: true only if no reading of `a` overlaps any
/// reading of `b`. Overlap of the intervals is the comparison at the coarser precision: every
/// precision but the fuzzy parts is calendar-aligned, so a finer value overlaps a coarser one
/// exactly when it falls inside it (`4 May 2026` vs `May 2026`). A yearless date is compared by
/// month and day only.
pub fn conflict(a: &DateMention, b: &DateMention) -> bool {
    if a.readings.is_empty() || b.readings.is_empty() {
        return false;
    }
    !a.readings.iter().any(|x| b.readings.iter().any(|y| overlaps(x, y)))
}

fn overlaps(a: &DateValue, b: &DateValue) -> bool {
    match (a.yearless, b.yearless) {
        (false, false) | (true, true) => a.start <= b.end && b.start <= a.end,
        (true, false) => overlaps_yearless(a, b),
        (false, true) => overlaps_yearless(b, a),
    }
}

/// `a` has no year; `b` has one. Project `b` onto the placeholder year; if it spans a year end
/// (or longer) every month and day fits somewhere in it.
fn overlaps_yearless(a: &DateValue, b: &DateValue) -> bool {
    if b.start.year() != b.end.year() {
        return true;
    }
    let (Ok(s), Ok(e)) =
        (Date::new(YEARLESS, b.start.month(), b.start.day()), Date::new(YEARLESS, b.end.month(), b.end.day()))
    else {
        return true;
    };
    a.start <= e && s <= a.end
}

// ---------------------------------------------------------------------------------------------
// Recognition
// ---------------------------------------------------------------------------------------------

const MONTHS: [(&str, &[&str]); 12] = [
    ("January", &["Jan"]),
    ("February", &["Feb"]),
    ("March", &["Mar"]),
    ("April", &["Apr"]),
    ("May", &[]),
    ("June", &["Jun"]),
    ("July", &["Jul"]),
    ("August", &["Aug"]),
    ("September", &["Sept", "Sep"]),
    ("October", &["Oct"]),
    ("November", &["Nov"]),
    ("December", &["Dec"]),
];

const WEEKDAYS: &str =
    "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun";

/// Month names as written in prose: title case or all capitals (headlines). Lowercase is left out
/// on purpose: `may` and `march` are common words.
static MONTH_ALT: LazyLock<String> = LazyLock::new(|| {
    let mut alts = Vec::new();
    for (full, abbr) in MONTHS {
        alts.push(full.to_string());
        alts.push(full.to_uppercase());
        for a in abbr {
            alts.push(a.to_string());
            alts.push(a.to_uppercase());
        }
    }
    // Longest first, so that `September` is not cut to `Sept`.
    alts.sort_by_key(|a| std::cmp::Reverse(a.len()));
    alts.join("|")
});

fn weekday_prefix() -> String {
    format!(r"(?:(?:{WEEKDAYS}|{})\.?,?\s+)?", WEEKDAYS.to_uppercase())
}

const ORD: &str = r"(?:st|nd|rd|th)?";

/// `4 October 2019`, `Monday, 4th October, 2019`, `the 4th of October`, `4-6 May 2019`.
static RE_DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{wd}\b(?:(?P<d1>\d{{1,2}}){ORD}\s*(?:-|–|to|and)\s*)?(?P<d>\d{{1,2}}){ORD}(?:\s+of)?\s+(?P<mon>{m})\b\.?(?:,?\s+(?P<y>\d{{4}})\b)?",
        wd = weekday_prefix(),
        m = *MONTH_ALT
    ))
    .unwrap()
});

/// `October 4, 2019`, `Oct. 4, 2019`, `Sept 4 2019`, `May 4-6, 2019`, `October 4`.
static RE_MDY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{wd}\b(?P<mon>{m})\b\.?\s+(?:the\s+)?(?P<d>\d{{1,2}}){ORD}(?:\s*(?:-|–)\s*(?P<d2>\d{{1,2}}){ORD})?\b(?:,?\s+(?P<y>\d{{4}})\b)?",
        wd = weekday_prefix(),
        m = *MONTH_ALT
    ))
    .unwrap()
});

/// `May 2026`, `October, 2019`, `May of 2026`.
static RE_MY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"\b(?P<mon>{m})\b\.?,?\s+(?:of\s+)?(?P<y>\d{{4}})\b", m = *MONTH_ALT)).unwrap()
});

/// `2019-10-04`, `2019/10/04`, `2019.10.04`.
static RE_YMD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?P<y>\d{4})(?P<s1>[-/.])(?P<m>\d{1,2})(?P<s2>[-/.])(?P<d>\d{1,2})\b").unwrap());

/// `04.10.2019`, `4.10.2019`, `10/04/2019`, `04-10-2019`.
static RE_NUM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?P<a>\d{1,2})(?P<s1>[-/.])(?P<b>\d{1,2})(?P<s2>[-/.])(?P<y>\d{4})\b").unwrap());

/// `2023-05` (ISO month) and `2021-2023`, `2021–23`, `1998-99` (year ranges).
static RE_YY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?P<y>\d{4})(?P<sp>\s*)(?:-|–|—)\s*(?P<z>\d{4}|\d{2})\b").unwrap());

/// `from 2021 to 2023`, `between 2019 and 2021`.
static RE_FROM_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?i:from|between)\s+(?P<y>\d{4})\s+(?i:to|and|until|till|through)\s+(?P<z>\d{4})\b").unwrap()
});

/// A year after a word that makes it one: `in 2019`, `since 2004`, `the year 1998`.
static RE_CTX_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?P<ctx>(?i:in|since|by|until|till|from|during|of|before|after|through|throughout|circa|year|years|date|dated|summer|winter|spring|autumn|fall)|c\.)\s+(?P<y>\d{4})\b",
    )
    .unwrap()
});

/// The next year of a list: `, 2019`, ` and 2021`, `, or 2021`.
static RE_YEAR_LIST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)(?P<y>\d{4})\b").unwrap());

/// `1998's`.
static RE_POSS_YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(?P<y>\d{4})['’]s\b").unwrap());

/// `early 2021`, `mid-2022`, `the end of 2021`, `the beginning of 2020`.
static RE_YEAR_PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<part>(?i:early|mid|late|end\s+of|beginning\s+of|start\s+of))(?:\s*-\s*|\s+)(?P<y>\d{4})\b")
        .unwrap()
});

/// `the 1990s`, `the late 1980s`, `mid-1990s`, `the '90s`.
static RE_DECADE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\b(?P<part>(?i:early|mid|late))(?:\s*-\s*|\s+))?(?:\b(?P<dec>[12]\d{2}0)|['’](?P<dd>\d0))s\b")
        .unwrap()
});

/// Bounds of a plausible year: wide for full dates, narrow for a bare number.
const FULL_YEARS: std::ops::RangeInclusive<i32> = 1000..=2999;
const BARE_YEARS: std::ops::RangeInclusive<i32> = 1000..=2100;
/// A range of bare years (`1990-2000`) has no other date context, so it is held tighter.
const RANGE_YEARS: std::ops::RangeInclusive<i32> = 1800..=2100;

struct Candidate {
    span: Range<usize>,
    readings: Vec<DateValue>,
}

/// The day-month order a document set evidently uses, from its unambiguous numeric dates
/// (`13.10.2019` can only be day-first, `10/13/2019` only month-first). `None` when the set
/// gives no evidence or mixed evidence; then each date keeps every valid reading.
pub fn infer_order<'a>(mentions: impl IntoIterator<Item = &'a DateMention>) -> Option<DateOrder> {
    static NUMERIC: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{1,2})[./-](\d{1,2})[./-]\d{4}$").unwrap());
    let (mut dmy, mut mdy) = (0usize, 0usize);
    for m in mentions {
        let Some(c) = NUMERIC.captures(m.surface.trim()) else { continue };
        let first: u32 = c[1].parse().unwrap_or(0);
        let second: u32 = c[2].parse().unwrap_or(0);
        if first > 12 && second <= 12 {
            dmy += 1;
        } else if second > 12 && first <= 12 {
            mdy += 1;
        }
    }
    match (dmy, mdy) {
        (d, 0) if d > 0 => Some(DateOrder::Dmy),
        (0, m) if m > 0 => Some(DateOrder::Mdy),
        _ => None,
    }
}

/// Finds the dates of `text`, in text order and non-overlapping. `order` says how to read
/// all-numeric dates; `None` infers it per date from the separator (dots and dashes day-first,
/// slashes month-first) and keeps the other valid reading too.
pub fn find_dates(text: &str, order: Option<DateOrder>) -> Vec<DateMention> {
    let mut cands: Vec<Candidate> = Vec::new();
    scan_dmy(text, &mut cands);
    scan_mdy(text, &mut cands);
    scan_my(text, &mut cands);
    scan_numeric(text, order, &mut cands);
    scan_year_pairs(text, &mut cands);
    scan_years(text, &mut cands);
    scan_decades(text, &mut cands);

    // Longest match wins; ties go to the earlier one, then to the pattern that ran first.
    let mut idx: Vec<usize> = (0..cands.len()).collect();
    idx.sort_by_key(|&i| (std::cmp::Reverse(cands[i].span.len()), cands[i].span.start, i));
    // Accepted spans never overlap, so keyed by start they are also ordered by end: only the
    // neighbours of a new span can overlap it.
    let mut accepted: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    for i in idx {
        let s = &cands[i].span;
        let before = accepted.range(..s.end).next_back().is_some_and(|(_, &(end, _))| end > s.start);
        if cands[i].readings.is_empty() || before {
            continue;
        }
        accepted.insert(s.start, (s.end, i));
    }
    let taken: Vec<usize> = accepted.values().map(|&(_, i)| i).collect();
    let mut picked: Vec<Candidate> = Vec::with_capacity(taken.len());
    let mut cands: Vec<Option<Candidate>> = cands.into_iter().map(Some).collect();
    for i in taken {
        if let Some(c) = cands[i].take() {
            picked.push(c);
        }
    }
    let merged = merge_ranges(text, picked);
    merged
        .into_iter()
        .map(|c| {
            let mut readings: Vec<DateValue> = Vec::with_capacity(c.readings.len());
            for r in c.readings {
                if !readings.contains(&r) {
                    readings.push(r);
                }
            }
            DateMention {
                surface: text[c.span.clone()].to_string(),
                ambiguous: readings.len() > 1,
                span: c.span,
                readings,
            }
        })
        .collect()
}

fn month_number(name: &str) -> Option<i8> {
    let lower = name.trim_end_matches('.').to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|(full, abbr)| {
            full.eq_ignore_ascii_case(&lower) || abbr.iter().any(|a| a.eq_ignore_ascii_case(&lower))
        })
        .map(|p| p as i8 + 1)
}

fn num<T: std::str::FromStr>(c: &Captures, name: &str) -> Option<T> {
    c.name(name).and_then(|m| m.as_str().parse().ok())
}

fn year_ok(y: i32, bounds: &std::ops::RangeInclusive<i32>) -> Option<i16> {
    bounds.contains(&y).then_some(y as i16)
}

fn day(y: i16, m: i8, d: i8) -> Option<Date> {
    Date::new(y, m, d).ok()
}

fn month_span(y: i16, m: i8) -> Option<(Date, Date)> {
    let first = Date::new(y, m, 1).ok()?;
    Some((first, first.last_of_month()))
}

fn year_span(y: i16) -> Option<(Date, Date)> {
    Some((Date::new(y, 1, 1).ok()?, Date::new(y, 12, 31).ok()?))
}

/// The char before `i`, if any.
fn prev_char(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

fn next_char(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// The number goes on to the left (`1.04.10.2019`, `3,4 May`, `$4`): not a date boundary.
fn bad_left(text: &str, start: usize) -> bool {
    match prev_char(text, start) {
        None => false,
        Some(c) if c.is_alphanumeric() || matches!(c, '$' | '£' | '€' | '¥' | '#' | '+' | '@') => true,
        Some(c) if matches!(c, '.' | ',' | '/' | ':' | '-') => {
            prev_char(text, start - c.len_utf8()).is_some_and(|p| p.is_ascii_digit())
        }
        _ => false,
    }
}

/// The number goes on to the right (`2019.5`, `October 4,000`, `2021%`, `10.30.2019.1`).
fn bad_right(text: &str, end: usize) -> bool {
    match next_char(text, end) {
        None => false,
        Some(c) if c.is_alphanumeric() || matches!(c, '%' | '°') => true,
        Some(c) if matches!(c, '.' | ',' | '/' | ':' | '-' | '–') => {
            next_char(text, end + c.len_utf8()).is_some_and(|n| n.is_ascii_digit())
        }
        _ => false,
    }
}

/// Count nouns and units that show a number is a quantity, not a year or a day.
const COUNT_WORDS: &[&str] = &[
    "people",
    "men",
    "women",
    "children",
    "police",
    "staff",
    "personnel",
    "troops",
    "military",
    "cattle",
    "per",
    "percent",
    "km",
    "kg",
    "mm",
    "cm",
    "ha",
    "mph",
    "kph",
    "feet",
    "ft",
    "metres",
    "meters",
    "miles",
    "tonnes",
    "tons",
    "dollars",
    "euros",
    "pounds",
    "rubles",
    "roubles",
    "times",
    "more",
    "less",
    "fewer",
    "new",
    "other",
    "million",
    "billion",
    "thousand",
    "hundred",
    "square",
    "cubic",
    "mw",
    "gw",
    "kw",
    "bn",
    "m",
];

/// Words ending in `s` that are not plural nouns.
const S_NOT_PLURAL: &[&str] = &[
    "was",
    "has",
    "is",
    "this",
    "his",
    "its",
    "as",
    "us",
    "thus",
    "always",
    "whereas",
    "afterwards",
    "towards",
    "news",
    "besides",
    "unless",
    "perhaps",
    "across",
    "less",
    "sometimes",
    "nevertheless",
    "regardless",
    "onwards",
    "plus",
    "does",
    "goes",
    "says",
    "sees",
    "makes",
    "takes",
    "gives",
    "remains",
    "becomes",
    "seems",
];

/// The number at `end` is followed by a word that makes it a count (`1998 votes`, `12 people`).
fn counted_after(text: &str, end: usize) -> bool {
    let rest = match text.get(end..) {
        Some(r) => r,
        None => return false,
    };
    let trimmed = rest.trim_start_matches([' ', '\t']);
    if trimmed.len() == rest.len() && !rest.is_empty() {
        return false; // no space: punctuation follows
    }
    let word: String = trimmed.chars().take_while(|c| c.is_alphabetic() || *c == '-').collect();
    if word.is_empty() || !word.chars().next().is_some_and(|c| c.is_lowercase()) {
        return false;
    }
    if COUNT_WORDS.contains(&word.as_str()) {
        return true;
    }
    word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") && !S_NOT_PLURAL.contains(&word.as_str())
}

/// Labels whose number is an item, not a day: `Chapter 11 May 2019` is not 11 May.
const ITEM_LABELS: &[&str] = &[
    "chapter",
    "article",
    "section",
    "no",
    "number",
    "page",
    "room",
    "route",
    "flight",
    "paragraph",
    "clause",
    "part",
    "rule",
    "item",
    "point",
    "resolution",
    "law",
    "act",
    "unit",
    "block",
    "building",
    "gate",
    "platform",
    "line",
];

fn numbered_item_before(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("").trim_end().trim_end_matches('.');
    let word: String = before.chars().rev().take_while(|c| c.is_alphabetic()).collect();
    let word: String = word.chars().rev().collect::<String>().to_lowercase();
    ITEM_LABELS.contains(&word.as_str())
}

fn scan_dmy(text: &str, out: &mut Vec<Candidate>) {
    for c in RE_DMY.captures_iter(text) {
        let all = c.get(0).unwrap();
        let first_num = c.name("d1").or(c.name("d")).unwrap();
        if bad_left(text, first_num.start()) || bad_right(text, all.end()) || numbered_item_before(text, all.start()) {
            continue;
        }
        let Some(m) = c.name("mon").and_then(|m| month_number(m.as_str())) else { continue };
        let Some(d) = num::<i8>(&c, "d") else { continue };
        let d1 = num::<i8>(&c, "d1");
        let year = match num::<i32>(&c, "y") {
            Some(y) => match year_ok(y, &FULL_YEARS) {
                Some(y) => Some(y),
                None => continue,
            },
            None => None,
        };
        if let Some(v) = day_value(year, m, d1, d) {
            out.push(Candidate { span: all.range(), readings: vec![v] });
        }
    }
}

fn scan_mdy(text: &str, out: &mut Vec<Candidate>) {
    for c in RE_MDY.captures_iter(text) {
        let all = c.get(0).unwrap();
        if bad_right(text, all.end()) {
            continue;
        }
        let Some(m) = c.name("mon").and_then(|m| month_number(m.as_str())) else { continue };
        let Some(d) = num::<i8>(&c, "d") else { continue };
        let year = match num::<i32>(&c, "y") {
            Some(y) => match year_ok(y, &FULL_YEARS) {
                Some(y) => Some(y),
                None => continue,
            },
            None => None,
        };
        // `In May 12 people died`: without a year the number may be a count.
        if year.is_none() && counted_after(text, all.end()) {
            continue;
        }
        let (d1, d2) = match num::<i8>(&c, "d2") {
            Some(d2) => (Some(d), d2),
            None => (None, d),
        };
        if let Some(v) = day_value(year, m, d1, d2) {
            out.push(Candidate { span: all.range(), readings: vec![v] });
        }
    }
}

/// A day (`d`) or a day range (`d1..d`) of month `m`; yearless when `year` is `None`.
fn day_value(year: Option<i16>, m: i8, d1: Option<i8>, d: i8) -> Option<DateValue> {
    let y = year.unwrap_or(YEARLESS);
    let end = day(y, m, d)?;
    let (start, precision) = match d1 {
        Some(d1) if d1 < d => (day(y, m, d1)?, Precision::Range),
        Some(_) => return None,
        None => (end, Precision::Day),
    };
    Some(DateValue { start, end, precision, yearless: year.is_none() })
}

fn scan_my(text: &str, out: &mut Vec<Candidate>) {
    for c in RE_MY.captures_iter(text) {
        let all = c.get(0).unwrap();
        if bad_right(text, all.end()) {
            continue;
        }
        let Some(m) = c.name("mon").and_then(|m| month_number(m.as_str())) else { continue };
        let Some(y) = num::<i32>(&c, "y").and_then(|y| year_ok(y, &FULL_YEARS)) else { continue };
        if let Some((s, e)) = month_span(y, m) {
            out.push(Candidate { span: all.range(), readings: vec![DateValue::new(s, e, Precision::Month)] });
        }
    }
}

fn scan_numeric(text: &str, order: Option<DateOrder>, out: &mut Vec<Candidate>) {
    for c in RE_YMD.captures_iter(text) {
        let all = c.get(0).unwrap();
        if c["s1"] != c["s2"] || bad_left(text, all.start()) || bad_right(text, all.end()) {
            continue;
        }
        let (Some(y), Some(m), Some(d)) = (num::<i32>(&c, "y"), num::<i8>(&c, "m"), num::<i8>(&c, "d")) else {
            continue;
        };
        let Some(y) = year_ok(y, &FULL_YEARS) else { continue };
        if let Some(dt) = day(y, m, d) {
            out.push(Candidate { span: all.range(), readings: vec![DateValue::new(dt, dt, Precision::Day)] });
        }
    }
    for c in RE_NUM.captures_iter(text) {
        let all = c.get(0).unwrap();
        if c["s1"] != c["s2"] || bad_left(text, all.start()) || bad_right(text, all.end()) {
            continue;
        }
        let (Some(a), Some(b), Some(y)) = (num::<i8>(&c, "a"), num::<i8>(&c, "b"), num::<i32>(&c, "y")) else {
            continue;
        };
        let Some(y) = year_ok(y, &FULL_YEARS) else { continue };
        let dmy = day(y, b, a).map(|d| DateValue::new(d, d, Precision::Day));
        let mdy = day(y, a, b).map(|d| DateValue::new(d, d, Precision::Day));
        let inferred = if &c["s1"] == "/" { DateOrder::Mdy } else { DateOrder::Dmy };
        let readings: Vec<DateValue> = match (order, dmy, mdy) {
            // An explicit order drops the other reading, unless the text cannot be read that way.
            (Some(DateOrder::Dmy), Some(x), _) | (Some(DateOrder::Mdy), _, Some(x)) => vec![x],
            (_, Some(x), Some(y)) => {
                if inferred == DateOrder::Mdy {
                    vec![y, x]
                } else {
                    vec![x, y]
                }
            }
            (_, Some(x), None) | (_, None, Some(x)) => vec![x],
            (_, None, None) => continue,
        };
        out.push(Candidate { span: all.range(), readings });
    }
}

fn year_range(y: i16, z: i16) -> Option<DateValue> {
    let (s, _) = year_span(y)?;
    let (_, e) = year_span(z)?;
    Some(DateValue::new(s, e, Precision::Range))
}

fn scan_year_pairs(text: &str, out: &mut Vec<Candidate>) {
    for c in RE_YY.captures_iter(text) {
        let all = c.get(0).unwrap();
        if bad_left(text, all.start()) || bad_right(text, all.end()) || counted_after(text, all.end()) {
            continue;
        }
        let Some(y) = num::<i32>(&c, "y") else { continue };
        let z_str = &c["z"];
        let Ok(z_raw) = z_str.parse::<i32>() else { continue };
        let mut readings = Vec::new();
        // ISO year-month, only written tight: `2023-05`.
        if z_str.len() == 2 && c["sp"].is_empty() && all.as_str().contains('-') {
            if let Some((s, e)) = year_ok(y, &FULL_YEARS).and_then(|y| month_span(y, z_raw as i8)) {
                readings.push(DateValue::new(s, e, Precision::Month));
            }
        }
        let z = if z_str.len() == 2 { y - y % 100 + z_raw } else { z_raw };
        if RANGE_YEARS.contains(&y) && RANGE_YEARS.contains(&z) && z > y && z - y <= 100 {
            if let Some(v) = year_range(y as i16, z as i16) {
                readings.push(v);
            }
        }
        if !readings.is_empty() {
            out.push(Candidate { span: all.range(), readings });
        }
    }
    for c in RE_FROM_TO.captures_iter(text) {
        let (Some(ym), Some(zm)) = (c.name("y"), c.name("z")) else { continue };
        if bad_right(text, zm.end()) || counted_after(text, zm.end()) {
            continue;
        }
        let (Ok(y), Ok(z)) = (ym.as_str().parse::<i32>(), zm.as_str().parse::<i32>()) else { continue };
        if RANGE_YEARS.contains(&y) && RANGE_YEARS.contains(&z) && z > y {
            if let Some(v) = year_range(y as i16, z as i16) {
                out.push(Candidate { span: ym.start()..zm.end(), readings: vec![v] });
            }
        }
    }
}

/// Words before `of` that make the number after it a quantity (`a total of 1998`).
const COUNT_HEADS: &[&str] = &[
    "total",
    "number",
    "crowd",
    "sum",
    "figure",
    "average",
    "maximum",
    "minimum",
    "population",
    "estimate",
    "group",
    "force",
    "fleet",
    "army",
    "team",
    "budget",
    "cost",
    "price",
    "tally",
    "toll",
    "out",
    "majority",
    "margin",
    "score",
    "rate",
    "loss",
    "losses",
    "gain",
    "gains",
    "capacity",
    "salary",
    "fine",
    "fee",
    "value",
    "worth",
    "distance",
    "height",
    "depth",
    "length",
    "range",
    "altitude",
    "speed",
    "weight",
    "batch",
    "shipment",
    "units",
    "one",
    "some",
    "all",
    "each",
    "any",
    "none",
    "most",
    "many",
    "up",
    "down",
];

fn scan_years(text: &str, out: &mut Vec<Candidate>) {
    for c in RE_CTX_YEAR.captures_iter(text) {
        let (Some(ctx), Some(ym)) = (c.name("ctx"), c.name("y")) else { continue };
        if bad_right(text, ym.end()) || counted_after(text, ym.end()) {
            continue;
        }
        let ctx_l = ctx.as_str().to_ascii_lowercase();
        if ctx_l == "of" || ctx_l == "by" {
            let before = text[..ctx.start()].trim_end();
            let prev: String =
                before.chars().rev().take_while(|c| c.is_alphabetic()).collect::<Vec<_>>().into_iter().rev().collect();
            if COUNT_HEADS.contains(&prev.to_lowercase().as_str()) {
                continue;
            }
        }
        // `rose from 2000 to 3000`: a number moving, not a year.
        if ctx_l == "from" || ctx_l == "by" {
            let after = text[ym.end()..].trim_start();
            let after_l = after.get(..3).map(str::to_ascii_lowercase).unwrap_or_default();
            if after_l.starts_with("to ") && after[3..].trim_start().starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
        }
        push_year(ym.as_str(), ym.range(), out);
    }
    // `in 2019 and 2021`, `in 2017, 2019 or 2021`: the context carries over a list of years.
    let mut k = 0;
    while k < out.len() {
        if out[k].readings.first().is_some_and(|r| r.precision == Precision::Year) {
            let end = out[k].span.end;
            if let Some(c) = RE_YEAR_LIST.captures(&text[end..]) {
                let ym = c.name("y").unwrap();
                let span = end + ym.start()..end + ym.end();
                if !bad_right(text, span.end) && !counted_after(text, span.end) {
                    push_year(ym.as_str(), span, out);
                }
            }
        }
        k += 1;
    }
    for c in RE_POSS_YEAR.captures_iter(text) {
        let Some(ym) = c.name("y") else { continue };
        if bad_left(text, ym.start()) {
            continue;
        }
        push_year(ym.as_str(), ym.range(), out);
    }
    for c in RE_YEAR_PART.captures_iter(text) {
        let all = c.get(0).unwrap();
        let (Some(part), Some(ym)) = (c.name("part"), c.name("y")) else { continue };
        if bad_right(text, ym.end()) || counted_after(text, ym.end()) {
            continue;
        }
        let Some(y) = ym.as_str().parse::<i32>().ok().and_then(|y| year_ok(y, &BARE_YEARS)) else { continue };
        let part = part.as_str().to_ascii_lowercase();
        // Generous halves that overlap in the middle: writers are loose with these words.
        let (m1, m2) = if part.starts_with("early") || part.starts_with("beginning") || part.starts_with("start") {
            (1, 6)
        } else if part.starts_with("mid") {
            (4, 9)
        } else {
            (7, 12)
        };
        let (Some((s, _)), Some((_, e))) = (month_span(y, m1), month_span(y, m2)) else { continue };
        out.push(Candidate { span: all.range(), readings: vec![DateValue::new(s, e, Precision::YearPart)] });
    }
}

fn push_year(s: &str, span: Range<usize>, out: &mut Vec<Candidate>) {
    let Some(y) = s.parse::<i32>().ok().and_then(|y| year_ok(y, &BARE_YEARS)) else { return };
    if let Some((s, e)) = year_span(y) {
        out.push(Candidate { span, readings: vec![DateValue::new(s, e, Precision::Year)] });
    }
}

fn scan_decades(text: &str, out: &mut Vec<Candidate>) {
    for c in RE_DECADE.captures_iter(text) {
        let all = c.get(0).unwrap();
        let base: i32 = if let Some(d) = c.name("dec") {
            if bad_left(text, d.start()) {
                continue;
            }
            match d.as_str().parse() {
                Ok(v) => v,
                Err(_) => continue,
            }
        } else if let Some(d) = c.name("dd") {
            // `the '90s`: the last century for decades still ahead of this one.
            let v: i32 = d.as_str().parse().unwrap_or(0);
            if v >= 30 {
                1900 + v
            } else {
                2000 + v
            }
        } else {
            continue;
        };
        if !BARE_YEARS.contains(&base) {
            continue;
        }
        let (first, last, precision) = match c.name("part").map(|p| p.as_str().to_ascii_lowercase()) {
            Some(p) if p == "early" => (base, base + 4, Precision::DecadePart),
            Some(p) if p == "mid" => (base + 3, base + 7, Precision::DecadePart),
            Some(_) => (base + 5, base + 9, Precision::DecadePart),
            None => (base, base + 9, Precision::Decade),
        };
        let (Some((s, _)), Some((_, e))) = (year_span(first as i16), year_span(last as i16)) else { continue };
        out.push(Candidate { span: all.range(), readings: vec![DateValue::new(s, e, precision)] });
    }
}

/// Connectors that join two dates into one interval.
static RE_GAP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?P<c>-|–|—|(?i:to|until|till|through|and))\s*(?i:the\s+)?$").unwrap());
static RE_FROM_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?P<w>(?i:from|between))\s+(?i:the\s+)?$").unwrap());

/// Joins `from May 2021 to June 2023`, `between 4 and 6 May` and `May 2021–June 2023` into one
/// interval. A bare `and` or `to` without `from`/`between` does not join: `in 2019 and 2021`
/// names two years, not a range.
fn merge_ranges(text: &str, cands: Vec<Candidate>) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::with_capacity(cands.len());
    for c in cands {
        if let Some(prev) = out.last() {
            if let Some(joined) = try_join(text, prev, &c) {
                out.pop();
                out.push(joined);
                continue;
            }
        }
        out.push(c);
    }
    out
}

fn try_join(text: &str, a: &Candidate, b: &Candidate) -> Option<Candidate> {
    let gap = text.get(a.span.end..b.span.start)?;
    let g = RE_GAP.captures(gap)?;
    let conn = g["c"].to_ascii_lowercase();
    let before = text.get(..a.span.start)?;
    let intro = RE_FROM_BEFORE.captures(before).map(|c| c["w"].to_ascii_lowercase());
    let ok = match conn.as_str() {
        "-" | "–" | "—" => true,
        "and" => intro.as_deref() == Some("between"),
        _ => intro.is_some(),
    };
    if !ok {
        return None;
    }
    let mut readings = Vec::new();
    for x in &a.readings {
        for y in &b.readings {
            let (mut start, mut end) = (x.start, y.end);
            if x.yearless && !y.yearless {
                // `from 4 May to 6 June 2019`: the start borrows the end's year.
                start = Date::new(end.year(), start.month(), start.day()).ok()?;
                if start > end {
                    start = Date::new(end.year() - 1, start.month(), start.day()).ok()?;
                }
            } else if !x.yearless && y.yearless {
                // `from 4 May 2019 to 6 May`: the end borrows the start's year.
                end = Date::new(start.year(), end.month(), end.day()).ok()?;
                if end < start {
                    end = Date::new(start.year() + 1, end.month(), end.day()).ok()?;
                }
            }
            if start <= end {
                let yearless = x.yearless && y.yearless;
                readings.push(DateValue { start, end, precision: Precision::Range, yearless });
            }
        }
    }
    if readings.is_empty() {
        return None;
    }
    Some(Candidate { span: a.span.start..b.span.end, readings })
}

// ---------------------------------------------------------------------------------------------
// Event key
// ---------------------------------------------------------------------------------------------

/// Words between an event word and its date that say nothing about the event.
const DATE_GLUE: &[&str] = &[
    "on",
    "in",
    "of",
    "since",
    "by",
    "until",
    "till",
    "from",
    "during",
    "at",
    "as",
    "dated",
    "the",
    "around",
    "early",
    "late",
    "mid",
    "between",
    "before",
    "after",
    "to",
    "circa",
    "about",
    "approximately",
    "through",
    "throughout",
    "back",
    "last",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "only",
    "already",
    "also",
    "first",
    "again",
    "earlier",
    "later",
    "sometime",
    "officially",
    "formally",
    // Times of day: `before dawn on 3 March`, `late at night on 4 May`.
    "dawn",
    "dusk",
    "midnight",
    "noon",
    "morning",
    "evening",
    "night",
    "afternoon",
];

/// Auxiliaries before a participle: with a form of `be` the subject is what the verb was done to.
const BE_AUX: &[&str] = &["was", "were", "been", "be", "is", "are", "being", "got", "get", "gets"];
const OTHER_AUX: &[&str] = &["has", "have", "had", "will", "would", "could", "should", "did", "does", "do", "not"];

const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "its", "his", "her", "their", "our", "my", "your", "both",
    "all", "some", "many", "several", "each", "every", "no", "any", "most", "few",
];

/// Common irregular past forms, mapped to the base form so that stems agree across tenses.
const IRREGULAR: &[(&str, &str)] = &[
    ("began", "begin"),
    ("begun", "begin"),
    ("bought", "buy"),
    ("brought", "bring"),
    ("built", "build"),
    ("came", "come"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("drew", "draw"),
    ("drawn", "draw"),
    ("fell", "fall"),
    ("fought", "fight"),
    ("found", "find"),
    ("gave", "give"),
    ("given", "give"),
    ("held", "hold"),
    ("hit", "hit"),
    ("kept", "keep"),
    ("laid", "lay"),
    ("led", "lead"),
    ("left", "leave"),
    ("lost", "lose"),
    ("made", "make"),
    ("met", "meet"),
    ("paid", "pay"),
    ("ran", "run"),
    ("rose", "rise"),
    ("said", "say"),
    ("sent", "send"),
    ("shot", "shoot"),
    ("shown", "show"),
    ("sold", "sell"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("struck", "strike"),
    ("took", "take"),
    ("taken", "take"),
    ("told", "tell"),
    ("won", "win"),
    ("wrote", "write"),
    ("written", "write"),
    ("became", "become"),
    ("broke", "break"),
    ("broken", "break"),
    ("sank", "sink"),
    ("stole", "steal"),
    ("stolen", "steal"),
    ("swore", "swear"),
    ("sworn", "swear"),
    ("threw", "throw"),
    ("thrown", "throw"),
    ("froze", "freeze"),
    ("frozen", "freeze"),
    ("issued", "issue"),
    ("beat", "beat"),
    ("beaten", "beat"),
    ("fled", "flee"),
    ("flew", "fly"),
    ("flown", "fly"),
];

/// `-ed` words that are not verbs.
const ED_NOT_VERB: &[&str] = &["hundred", "indeed", "united", "naked", "sacred", "wicked", "kindred", "bed", "red"];

/// Nouns too general to name an event (`took place`, `at the time`).
const WEAK_NOUNS: &[&str] = &[
    "place",
    "time",
    "day",
    "days",
    "date",
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "period",
    "moment",
    "morning",
    "evening",
    "night",
    "afternoon",
    "end",
    "beginning",
    "start",
    "middle",
    "half",
    "part",
    "way",
    // Amounts: `revenue of $4.5 billion in 2024` dates the revenue, not the currency.
    "million",
    "billion",
    "trillion",
    "thousand",
    "dollars",
    "euros",
    "pounds",
    "percent",
    "cent",
];

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

#[derive(Clone)]
struct Tok {
    lower: String,
    capital: bool,
}

fn is_word(t: &Tok) -> bool {
    t.lower.chars().all(|c| c.is_ascii_alphabetic() || c == '-') && !t.lower.is_empty()
}

fn verb_base(t: &Tok) -> Option<String> {
    if t.capital || !is_word(t) {
        return None;
    }
    if let Some((_, base)) = IRREGULAR.iter().find(|(f, _)| *f == t.lower) {
        return Some(base.to_string());
    }
    let w = t.lower.as_str();
    if w.len() >= 5 && w.ends_with("ed") && !w.ends_with("eed") && !ED_NOT_VERB.contains(&w) {
        return Some(w.to_string());
    }
    None
}

fn is_noun(t: &Tok) -> bool {
    !t.capital
        && is_word(t)
        && t.lower.len() >= 3
        && !is_stopword(&t.lower)
        && !t.lower.ends_with("ly")
        && verb_base(t).is_none()
        && !DATE_GLUE.contains(&t.lower.as_str())
        && !WEAK_NOUNS.contains(&t.lower.as_str())
        && !BE_AUX.contains(&t.lower.as_str())
        && !OTHER_AUX.contains(&t.lower.as_str())
}

fn stem(w: &str) -> String {
    STEMMER.stem(w).into_owned()
}

/// Head of the noun phrase that opens `toks` after a determiner: `a resolution of the Council`
/// -> `resolution`, `the new treaty` -> `treaty`.
fn head_after_determiner(toks: &[Tok]) -> Option<String> {
    let di = toks.iter().position(|t| DETERMINERS.contains(&t.lower.as_str()))?;
    let mut head = None;
    for t in &toks[di + 1..] {
        if is_noun(t) {
            head = Some(t.lower.clone());
        } else if t.capital && head.is_none() {
            // A name used as a modifier: `the Hovan-Tek company`.
        } else {
            break;
        }
    }
    head
}

fn join_key(noun: Option<String>, verb: Option<String>) -> Option<String> {
    match (noun, verb) {
        (Some(n), Some(v)) => Some(format!("{} {}", stem(&n), stem(&v))),
        (Some(n), None) => Some(stem(&n)),
        (None, Some(v)) => Some(stem(&v)),
        (None, None) => None,
    }
}

/// Whether the date at `date` is a dateline's (`KELMOOR, March 3 - The ...`, `Kelmoor, 3 March
/// (Agency) — ...`): a short place before it on its line, ending in a comma, and a dash after it.
/// It says when the story was filed, not when the event of the sentence after it happened.
fn dateline(text: &str, date: Range<usize>) -> bool {
    // The place must be short: look back a little, not to the start of a line of megabytes.
    let from = crate::span::floor(text, date.start.saturating_sub(4_096));
    let line_start = match text[from..date.start].rfind('\n') {
        Some(i) => from + i + 1,
        None if from == 0 => 0,
        None => return false,
    };
    let before = text[line_start..date.start].trim_end();
    if before.is_empty() || before.len() > 60 || !before.ends_with(',') || before.contains(['.', '!', '?']) {
        return false;
    }
    if !before.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let mut after = text[date.end..].trim_start();
    if after.starts_with('(') {
        match after.find(')') {
            Some(i) if i < 40 => after = after[i + 1..].trim_start(),
            _ => return false,
        }
    }
    let mut chars = after.chars();
    matches!(chars.next(), Some('-' | '–' | '—')) && chars.next().is_some_and(char::is_whitespace)
}

/// Names the event that the date at `date` (inside `sentence`) belongs to, as lowercase stems:
/// `signed on 4 May` -> `sign`, `the verdict of 4 May` -> `verdict`, `was opened in 2019` ->
/// `open`, `a resolution ... was adopted on 2 November 2002` -> `resolut adopt`.
///
/// Heuristic, limited to the clause of the date (bounded by `; : ( ) —`, quotes and commas):
/// 1. Left of the date, skip prepositions and filler (`on`, `in the`, weekdays). The word reached
///    must be lowercase and adjacent to the date phrase.
/// 2. If it is a past verb (`-ed` or a common irregular form): with a form of `be` before it, or a
///    noun right before it (`a report released on`), the subject's head noun is added;
///    otherwise the verb alone.
/// 3. If it is a noun: the noun, plus the past verb governing it (`signed the treaty on 4 May` ->
///    `treati sign`) unless the date hangs off the noun with `of` (`the verdict of 4 May`).
/// 4. If the date opens its clause (`On 4 May, the court ...`), the same is done to the right:
///    the first past verb, with the subject head when passive or the object head when active.
///
/// Anything else (a proper noun, a number, an unknown word class) gives `None`: an unknown key
/// means "do not compare", which is safer than a wrong one.
pub fn event_key(text: &str, sentence: Range<usize>, date: Range<usize>) -> Option<String> {
    if sentence.start > date.start || date.end > sentence.end || date.start > date.end {
        return None;
    }
    for i in [sentence.start, sentence.end, date.start, date.end] {
        if !text.is_char_boundary(i) {
            return None;
        }
    }
    if dateline(text, date.clone()) {
        return None;
    }
    let is_boundary = |c: char| matches!(c, ';' | ':' | '(' | ')' | '"' | '“' | '”' | '—' | '–' | ',' | '[' | ']');
    let left_start = text[sentence.start..date.start]
        .char_indices()
        .rev()
        .find(|(_, c)| is_boundary(*c))
        .map(|(i, c)| sentence.start + i + c.len_utf8())
        .unwrap_or(sentence.start);
    let toks = |r: Range<usize>| -> Vec<Tok> {
        words_in(text, r)
            .into_iter()
            .map(|w| Tok {
                lower: w.text.to_lowercase(),
                capital: w.text.chars().next().is_some_and(char::is_uppercase),
            })
            .collect()
    };
    let mut left = toks(left_start..date.start);
    let mut prep = None;
    while let Some(t) = left.last() {
        if DATE_GLUE.contains(&t.lower.as_str()) {
            // `as of August 2022` dates a state of affairs, not an event.
            if t.lower == "as" && prep.as_deref() == Some("of") {
                return None;
            }
            prep = Some(t.lower.clone());
            left.pop();
        } else if t.lower.ends_with("ly") && !t.capital && t.lower.len() > 4 {
            // Adverbs: `changed its profile dramatically in 1991`.
            left.pop();
        } else {
            break;
        }
    }
    if left.is_empty() {
        return key_from_right(text, sentence, date, &is_boundary, &toks);
    }
    let n = left.len();
    let w = &left[n - 1];
    // The clause's first word is capitalised as a sentence start, not as a name.
    let w = if n == 1 && left_start == sentence.start { Tok { capital: false, ..w.clone() } } else { w.clone() };
    if let Some(verb) = verb_base(&w) {
        let before = &left[..n - 1];
        let noun = match before.last() {
            Some(p) if BE_AUX.contains(&p.lower.as_str()) => head_after_determiner(&before[..before.len() - 1]),
            // `In a report released on`: a participle after a noun phrase that is not the clause's
            // subject (something comes before it) describes that noun. `Both leaders signed on`
            // has the noun phrase as subject: the verb alone.
            Some(p) if is_noun(p) => {
                let mut i = before.len() - 1;
                while i > 0 && (is_noun(&before[i - 1]) || DETERMINERS.contains(&before[i - 1].lower.as_str())) {
                    i -= 1;
                }
                (i > 0).then(|| p.lower.clone())
            }
            _ => None,
        };
        return join_key(noun, Some(verb));
    }
    if is_noun(&w) {
        if prep.as_deref() == Some("of") {
            return join_key(Some(w.lower), None);
        }
        // Walk back over the noun phrase to the word that governs it.
        let mut i = n - 1;
        while i > 0 && (is_noun(&left[i - 1]) || DETERMINERS.contains(&left[i - 1].lower.as_str())) {
            i -= 1;
        }
        let verb = if i > 0 { verb_base(&left[i - 1]) } else { None };
        return join_key(Some(w.lower), verb);
    }
    // `struck Valdera on 2 March`, `beat Eastport United on 9 November`: a name as the object of
    // a past verb; the verb names the event.
    if w.capital && n >= 2 {
        let mut i = n - 1;
        while i > 0 && left[i].capital && is_word(&left[i]) {
            i -= 1;
        }
        let sentence_initial = i == 0 && left_start == sentence.start;
        if !left[i].capital && !sentence_initial && i + 4 >= n {
            if let Some(verb) = verb_base(&left[i]) {
                return join_key(None, Some(verb));
            }
        }
    }
    // `took place on 4 May`: the event is the subject of `take place`.
    if w.lower == "place" && n >= 2 && verb_base(&left[n - 2]).as_deref() == Some("take") {
        return join_key(head_after_determiner(&left[..n - 2]), Some("take".into()));
    }
    None
}

fn key_from_right(
    text: &str,
    sentence: Range<usize>,
    date: Range<usize>,
    is_boundary: &dyn Fn(char) -> bool,
    toks: &dyn Fn(Range<usize>) -> Vec<Tok>,
) -> Option<String> {
    let rest = &text[date.end..sentence.end];
    // Skip the comma that closes an opening adverbial (`On 4 May, ...`).
    let skip = rest.len() - rest.trim_start_matches([' ', ',']).len();
    let from = date.end + skip;
    let right_end = text[from..sentence.end]
        .char_indices()
        .find(|(_, c)| is_boundary(*c))
        .map(|(i, _)| from + i)
        .unwrap_or(sentence.end);
    let right = toks(from..right_end);
    let vi = right.iter().take(14).position(|t| verb_base(t).is_some())?;
    let verb = verb_base(&right[vi])?;
    let before = &right[..vi];
    let noun = if before.last().is_some_and(|p| BE_AUX.contains(&p.lower.as_str())) {
        head_after_determiner(&before[..before.len() - 1])
    } else {
        let mut head = None;
        for t in &right[vi + 1..] {
            if is_noun(t) {
                head = Some(t.lower.clone());
            } else if head.is_some() || !DETERMINERS.contains(&t.lower.as_str()) {
                break;
            }
        }
        head
    };
    join_key(noun, Some(verb))
}

/// A weekday named on its own (`on Tuesday`), outside any full date: retellings of one event
/// that name two weekdays disagree as surely as two dates do.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct WeekdayMention {
    pub span: Range<usize>,
    /// 1 = Monday … 7 = Sunday.
    pub day: u8,
}

impl WeekdayMention {
    /// The weekday's English name.
    pub fn name(&self) -> &'static str {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][usize::from(self.day - 1) % 7]
    }
}

/// Finds the weekdays of `text` written in full with a capital, outside the `dates` (which
/// name their own weekday) and not inside a capitalised name (`Black Friday`, `Super Tuesday`).
pub fn find_weekdays(text: &str, dates: &[DateMention]) -> Vec<WeekdayMention> {
    let words = words_in(text, 0..text.len());
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        // `Monday's vote` dates the vote too.
        let bare = w.text.strip_suffix("'s").or_else(|| w.text.strip_suffix("\u{2019}s")).unwrap_or(w.text);
        let lower = bare.to_lowercase();
        let Some(&day) = crate::lexicon::WEEKDAYS.get(lower.as_str()) else { continue };
        // Full names only: `Sun`, `Wed` and `Sat` are words too.
        if lower.len() < 6 || !bare.starts_with(char::is_uppercase) || bare.chars().skip(1).any(char::is_uppercase) {
            continue;
        }
        if dates.iter().any(|d| d.span.start < w.range.end && w.range.start < d.span.end) {
            continue;
        }
        let before = &text[..w.range.start];
        let initial =
            before.trim_end().is_empty() || before.trim_end().ends_with(['.', '!', '?', '"', '\u{201c}', '\n']);
        let in_name = i > 0
            && !initial
            && words[i - 1].range.end + 1 >= w.range.start
            && words[i - 1].text.starts_with(char::is_uppercase)
            && !crate::lexicon::WEEKDAYS.contains_key(words[i - 1].text.to_lowercase().as_str());
        if !in_name {
            out.push(WeekdayMention { span: w.range.start..w.range.start + bare.len(), day });
        }
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_set_decides_ambiguous_numeric_dates() {
        let a = find_dates("The bridge opened on 04.05.2021.", None);
        let b = find_dates("The tunnel closed on 23.09.2020 and reopened on 01.02.2021.", None);
        assert_eq!(infer_order(a.iter().chain(&b)), Some(DateOrder::Dmy));
        let us = find_dates("Filed 09/23/2020.", None);
        assert_eq!(infer_order(us.iter()), Some(DateOrder::Mdy));
        assert_eq!(infer_order(us.iter().chain(&b)), None, "mixed evidence decides nothing");
        assert_eq!(infer_order(a.iter()), None, "ambiguous dates are no evidence");
    }
    use super::*;

    fn one(text: &str) -> DateMention {
        let found = find_dates(text, None);
        assert_eq!(found.len(), 1, "{text:?} -> {found:#?}");
        found.into_iter().next().unwrap()
    }

    fn shows(m: &DateMention) -> Vec<String> {
        m.readings.iter().map(DateValue::display).collect()
    }

    /// (sentence, surface, readings in order)
    const FORMS: &[(&str, &str, &[&str])] = &[
        ("The accord was signed on 4 October 2019 in Geneva.", "4 October 2019", &["2019-10-04"]),
        ("It took effect on 4th October, 2019, officials said.", "4th October, 2019", &["2019-10-04"]),
        ("The vote came on October 4, 2019.", "October 4, 2019", &["2019-10-04"]),
        ("The vote came on Oct. 4, 2019.", "Oct. 4, 2019", &["2019-10-04"]),
        ("He left on Sept 4 2019 for Rome.", "Sept 4 2019", &["2019-09-04"]),
        ("The filing is dated 2019-10-04.", "2019-10-04", &["2019-10-04"]),
        ("The order of 04.10.2019 was annulled.", "04.10.2019", &["2019-10-04", "2019-04-10"]),
        ("The order of 4.10.2019 was annulled.", "4.10.2019", &["2019-10-04", "2019-04-10"]),
        ("The memo dated 10/04/2019 leaked.", "10/04/2019", &["2019-10-04", "2019-04-10"]),
        ("The contract of 04-10-2019 expired.", "04-10-2019", &["2019-10-04", "2019-04-10"]),
        ("Talks ended on Monday, 4 October 2019.", "Monday, 4 October 2019", &["2019-10-04"]),
        ("It opened on the 4th of October 2019.", "4th of October 2019", &["2019-10-04"]),
        ("The law takes effect in May 2026.", "May 2026", &["2026-05"]),
        ("Prices rose in 2021.", "2021", &["2021"]),
        ("The firm has made arms since 2004.", "2004", &["2004"]),
        ("The plant was built in the late 1980s by a state firm.", "late 1980s", &["1985..1989"]),
        ("Output collapsed in the early 1990s after the war.", "early 1990s", &["1990..1994"]),
        ("Wages stalled through the 1990s.", "1990s", &["1990s"]),
        ("The batch carries the date 2023-05 on its casing.", "2023-05", &["2023-05"]),
        ("The report was released on October 4 in Paris.", "October 4", &["--10-04"]),
        ("The report was released on 26 April, two weeks late.", "26 April", &["--04-26"]),
        ("Sales recovered by mid-2022.", "mid-2022", &["2022-04..2022-09"]),
        ("The plan was drafted in early 2021.", "early 2021", &["2021-01..2021-06"]),
        ("The unit gained experience in the years 2021-2023.", "2021-2023", &["2021..2023"]),
        ("Inflation stayed high from 2021 to 2023.", "2021 to 2023", &["2021..2023"]),
        ("The law was passed in the year 1998 by parliament.", "1998", &["1998"]),
        ("1998's harvest was the worst on record.", "1998", &["1998"]),
        ("The summit was held on 13.10.2019 in Baku.", "13.10.2019", &["2019-10-13"]),
        ("The summit was held on 10/13/2019 in Baku.", "10/13/2019", &["2019-10-13"]),
        ("Polls closed on Sunday, March 3, 2024.", "Sunday, March 3, 2024", &["2024-03-03"]),
        ("A decree of 02.11.2002 set the rules.", "02.11.2002", &["2002-11-02", "2002-02-11"]),
        ("The fair runs 4-6 May 2019 in Lyon.", "4-6 May 2019", &["2019-05-04..2019-05-06"]),
        ("The fair runs May 4-6, 2019 in Lyon.", "May 4-6, 2019", &["2019-05-04..2019-05-06"]),
        ("Troops stayed from May 2021 to June 2023.", "May 2021 to June 2023", &["2021-05..2023-06"]),
        ("The strike lasted between 2019 and 2021.", "2019 and 2021", &["2019..2021"]),
        ("The plant closed at the end of 2021.", "end of 2021", &["2021-07..2021-12"]),
        ("He served 1998-99 as mayor.", "1998-99", &["1998..1999"]),
        ("The firm traded until 1995, when it failed.", "1995", &["1995"]),
        ("The treaty dates from 1815.", "1815", &["1815"]),
        ("IN MAY 2026 THE LAW CHANGES", "MAY 2026", &["2026-05"]),
        ("It was signed on the 1st of January, 2000.", "1st of January, 2000", &["2000-01-01"]),
        ("The ban began in 2020, two years late.", "2020", &["2020"]),
        ("Records from the '90s were lost.", "'90s", &["1990s"]),
        ("Mines were laid during 2020.", "2020", &["2020"]),
        ("The festival returns on 29 February 2024.", "29 February 2024", &["2024-02-29"]),
        ("The deal, struck on Dec. 12 2020, collapsed.", "Dec. 12 2020", &["2020-12-12"]),
        ("The mine was found on 2020/08/15 near a road.", "2020/08/15", &["2020-08-15"]),
        ("The shells bear the production date 2021 in white paint.", "2021", &["2021"]),
    ];

    #[test]
    fn recognises_date_forms() {
        assert!(FORMS.len() >= 40);
        for (text, surface, readings) in FORMS {
            let m = one(text);
            assert_eq!(&m.surface, surface, "{text:?}");
            assert_eq!(shows(&m), readings.iter().map(|s| s.to_string()).collect::<Vec<_>>(), "{text:?}");
            assert_eq!(&text[m.span.clone()], m.surface);
            assert_eq!(m.ambiguous, readings.len() > 1, "{text:?}");
        }
    }

    const NEGATIVES: &[&str] = &[
        "A crowd of 2500 people gathered outside.",
        "The party won 1998 votes in the district.",
        "Exports reached 3,400 tonnes last year.",
        "Call 555-1234 or +44 20 7946 0958 for details.",
        "Version 2.10.3 fixes the bug.",
        "The train leaves at 10.30 sharp.",
        "The hosts won 3-1 on Sunday.",
        "Last year the firm grew; next month it will shrink.",
        "You May Also Like these stories.",
        "In May 12 people were hurt in the blast.",
        "Shares rose from 2000 to 3000 points.",
        "The report cites Landmine Monitor 2022 data.",
        "The invalid order of 31.02.2020 was never issued.",
        "A total of 1998 ballots were spoiled.",
        "Room 2019 is on the second floor.",
        "He may march on the capital in the spring.",
        "The team scored 2021 points this season.",
        "Between 1500 and 2000 troops took part.",
        "Prices jumped 2019% in a decade.",
        "Under Article 4 June rules still apply.",
        "The figure was 12.5.2019.4 in the table.",
    ];

    #[test]
    fn finds_no_false_dates() {
        assert!(NEGATIVES.len() >= 15);
        for text in NEGATIVES {
            let found = find_dates(text, None);
            assert!(found.is_empty(), "{text:?} -> {found:#?}");
        }
    }

    fn c(a: &str, b: &str, order: Option<DateOrder>) -> bool {
        let a = find_dates(a, order);
        let b = find_dates(b, order);
        assert_eq!((a.len(), b.len()), (1, 1), "{a:#?} {b:#?}");
        conflict(&a[0], &b[0])
    }

    #[test]
    fn conflict_pairs() {
        let pairs: &[(&str, &str, Option<DateOrder>, bool)] = &[
            ("in May 2026", "on 4 May 2026", None, false),
            ("in 2002", "on November 2, 2002", None, false),
            ("on 02.11.2002", "on November 2, 2002", None, false),
            ("on 02.11.2002", "on February 11, 2002", None, false),
            ("on 02.11.2002", "on February 11, 2002", Some(DateOrder::Dmy), true),
            ("on 02.11.2002", "on November 2, 2002", Some(DateOrder::Dmy), false),
            ("on 4 May 2026", "on 5 May 2026", None, true),
            ("in 2019", "in 2020", None, true),
            ("in May 2026", "in June 2026", None, true),
            ("in the late 1980s", "in 1987", None, false),
            ("in the late 1980s", "in 1982", None, true),
            ("in the 1980s", "in the late 1980s", None, false),
            ("in the 1980s", "in 1991", None, true),
            ("on October 4", "on 4 October 2019", None, false),
            ("on October 4", "on 5 October 2019", None, true),
            ("on October 4", "in 2019", None, false),
            ("on 13.10.2019", "on 10/13/2019", None, false),
            ("in the years 2021-2023", "in 2022", None, false),
            ("in the years 2021-2023", "in 2024", None, true),
            ("in early 2021", "in March 2021", None, false),
            ("in early 2021", "in November 2021", None, true),
            ("on 04.10.2019", "on 10 April 2019", None, false),
            ("on 04.10.2019", "on 10 April 2019", Some(DateOrder::Dmy), true),
            ("on 10/04/2019", "on 4 October 2019", Some(DateOrder::Mdy), false),
        ];
        for (a, b, order, want) in pairs {
            assert_eq!(c(a, b, *order), *want, "{a:?} vs {b:?} ({order:?})");
            assert_eq!(c(b, a, *order), *want, "symmetry: {b:?} vs {a:?}");
        }
    }

    #[test]
    fn order_preference_orders_and_filters_readings() {
        let m = &find_dates("on 04.10.2019", Some(DateOrder::Mdy))[0];
        assert_eq!(shows(m), ["2019-04-10"]);
        let m = &find_dates("on 10/04/2019", None)[0];
        assert_eq!(m.display(), "2019-10-04");
        let m = &find_dates("on 10/04/2019", Some(DateOrder::Dmy))[0];
        assert_eq!(m.display(), "2019-04-10");
        // Only one valid reading survives any preference.
        let m = &find_dates("on 13/10/2019", Some(DateOrder::Mdy))[0];
        assert_eq!(shows(m), ["2019-10-13"]);
        assert!(!m.ambiguous);
    }

    #[test]
    fn several_dates_in_text_order() {
        let t = "Signed on 4 May 2019, ratified in June 2020 and amended on 02.11.2021, the pact lapsed in 2023.";
        let d: Vec<String> = find_dates(t, None).iter().map(DateMention::display).collect();
        assert_eq!(d, ["2019-05-04", "2020-06", "2021-11-02", "2023"]);
        let t = "Polls in 2019 and 2021 showed the same.";
        assert_eq!(find_dates(t, None).len(), 2);
    }

    #[test]
    fn display_forms() {
        let d = |y, m, dd| Date::new(y, m, dd).unwrap();
        assert_eq!(DateValue::new(d(2002, 11, 2), d(2002, 11, 2), Precision::Day).display(), "2002-11-02");
        assert_eq!(DateValue::new(d(2002, 11, 1), d(2002, 11, 30), Precision::Month).display(), "2002-11");
        assert_eq!(DateValue::new(d(2002, 1, 1), d(2002, 12, 31), Precision::Year).display(), "2002");
        assert_eq!(DateValue::new(d(1980, 1, 1), d(1989, 12, 31), Precision::Decade).display(), "1980s");
        assert_eq!(DateValue::new(d(1985, 1, 1), d(1989, 12, 31), Precision::DecadePart).display(), "1985..1989");
    }

    #[test]
    fn serialises_dates_as_iso_text() {
        let m = one("It ended on 4 May 2019.");
        let j = serde_json::to_string(&m).unwrap();
        assert!(j.contains(r#""start":"2019-05-04""#), "{j}");
        assert!(!j.contains("yearless"), "{j}");
    }

    #[test]
    fn no_panic_on_odd_text() {
        for t in ["", "2019", "’90s", "Ünïcode 4 Mai 2019 — ½", "31/31/2019", "May", "4 May", "0000-00-00", "9999-99"]
        {
            let _ = find_dates(t, None);
        }
        let mixed = "Ünï 4–6 Mai, from 2019 to ’21 — 1.2.2019½ on Oct. 4, 2019; the ’90s; by 2020 to 3000.";
        for (i, _) in mixed.char_indices() {
            let _ = find_dates(&mixed[i..], None);
            let _ = find_dates(&mixed[..i], Some(DateOrder::Mdy));
            for m in find_dates(&mixed[i..], None) {
                let _ = event_key(&mixed[i..], 0..mixed.len() - i, m.span);
            }
        }
        for s in 0..8 {
            for e in s..8 {
                let _ = event_key("añb 2019", 0..8, s..e);
            }
        }
    }

    fn key(sentence: &str) -> Option<String> {
        let m = find_dates(sentence, None);
        assert!(!m.is_empty(), "no date in {sentence:?}");
        event_key(sentence, 0..sentence.len(), m[0].span.clone())
    }

    #[test]
    fn a_dateline_dates_no_event() {
        assert_eq!(key("DORNHOLM, Oct. 14 - Storms flattened 40 barns in the hills."), None);
        assert_eq!(key("Dornholm, 14 October (Agency) — Storms flattened 40 barns."), None);
        assert!(key("On 14 October storms flattened 40 barns - the worst in years.").is_some());
    }

    #[test]
    fn event_keys() {
        let cases: &[(&str, Option<&str>)] = &[
            ("The accord was signed on 4 May 2019.", Some("accord sign")),
            ("Both leaders signed on 4 May 2019.", Some("sign")),
            ("He appealed against the verdict of 4 May 2019.", Some("verdict")),
            ("The bridge was opened in 2019.", Some("bridg open")),
            ("It was opened in 2019.", Some("open")),
            ("A resolution of the Council of Ministers was adopted on November 2, 2002.", Some("resolut adopt")),
            ("On November 2, 2002, a resolution of the Council of Ministers was adopted.", Some("resolut adopt")),
            ("The minister signed the treaty on 4 May 2019.", Some("treati sign")),
            ("In a report released on 26 April, the group warned of mines.", Some("report releas")),
            ("The ceremony took place on 4 May 2019.", Some("ceremoni take")),
            ("In August 2022, the party distributed leaflets in the capital.", Some("leaflet distribut")),
            ("The company was founded in 1998.", Some("compani found")),
            ("The election in 2019 was close.", Some("elect")),
            ("Valdoria reported the find on 4 May 2019.", Some("find report")),
            ("Talks with Putin on 4 May 2019 failed.", None),
            ("Some 300 mines were found there as of August 2022.", None),
            ("The firm changed its name abruptly in 1991.", Some("name chang")),
            ("After talks in Oslo in 2015, the Acme company was dissolved.", None),
            ("In 2015, the Acme company was dissolved.", Some("compani dissolv")),
            ("It has been making weapons since 2004.", Some("weapon")),
        ];
        for (s, want) in cases {
            assert_eq!(key(s).as_deref(), *want, "{s:?}");
        }
    }

    #[test]
    fn event_keys_past_a_named_object_and_a_time_of_day() {
        let cases: &[(&str, Option<&str>)] = &[
            // A name as the object of the verb: the verb names the event.
            ("Days after the storm that hit Corvale on 2 March 2024, roads were shut.", Some("hit")),
            ("The home side beat Westford Rovers on 9 November.", Some("beat")),
            ("Officials visited New Harbour City in 2021.", Some("visit")),
            // A name after a preposition, or a name that is the subject, still says nothing.
            ("Talks with the Lindell Group in 2019 broke down.", None),
            ("Yesterday Marta Olsen on 4 May said little.", None),
            // Times of day sit between the event and the date like prepositions do.
            ("The bridge was closed before dawn on 3 March 2024.", Some("bridg close")),
            ("The ship was seized late at night on 4 May 2019.", Some("ship seiz")),
            // Amounts are not events: the year dates the figure, which has no event word.
            ("Sales reached 4.5 billion dollars in 2024.", None),
            ("The firm expects savings of $90 million by 2027.", None),
        ];
        for (s, want) in cases {
            assert_eq!(key(s).as_deref(), *want, "{s:?}");
        }
    }

    #[test]
    fn weekdays_on_their_own() {
        let cases: [(&str, &[u8]); 6] = [
            ("The ferry sank on Tuesday near the coast.", &[2]),
            ("Talks resume on Friday, 4 March 2022, in Vienna.", &[]),
            ("Shops opened early for Black Friday sales.", &[]),
            ("Wednesday was quiet; on Sunday it rained.", &[3, 7]),
            ("Monday's vote was delayed.", &[1]),
            ("The Sun rose; we sat on the Wed bench.", &[]),
        ];
        for (text, want) in cases {
            let d = find_dates(text, None);
            let got: Vec<u8> = find_weekdays(text, &d).iter().map(|w| w.day).collect();
            assert_eq!(got, want, "{text}");
        }
    }
}
