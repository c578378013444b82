//! Numbers and quantities in English news prose: counts, money, percentages and measures.
//!
//! Two reports of one event often disagree on a figure (`seven satellites` / `nine satellites`,
//! `300 casualties` / `3,000 casualties`), but just as often they write one figure two ways
//! (`$600 million` / `USD 600m`, `375 000` / `375,000`, `a dozen` / `12`). This module reads every
//! figure into a normalised [`Quantity`] (value, canonical unit or ISO currency code, kind,
//! qualifier such as `more than`, and the counted noun) so the comparison stage can tell a real
//! disagreement from a change of notation.
//!
//! ```text
//! "Officials said more than 300 civilians died and $3.2bn in aid was pledged."
//!   -> `more than 300`  Count   300         MoreThan  noun = civilian
//!   -> `$3.2bn`         Money   3200000000  USD       noun = aid
//! ```
//!
//! Values are kept as written within a dimension (`12 km` stays 12 km); [`same_value`] and
//! [`compatible`] convert within one dimension (km/m/miles, kg/t/lb, ha/km², MW/GW, ...) before
//! comparing, and never across dimensions or currencies.
//!
//! Spans cover the qualifier, currency, numeral, scale and unit (`more than $3.2bn`), not the
//! counted noun. Dates, times, years, ordinals, hyphenated ranges and scores (`10-15`, `3-1`),
//! phone numbers, versions and labels (`Article 5`, `Su-25`, `G7`, `COVID-19`) are not
//! quantities; callers can also pass spans already claimed by the date recogniser. A worded range
//! (`2 to 3 million people`) gives two quantities, `>=2000000` and `<=3000000`, sharing one unit.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

/// How a figure is hedged in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Qualifier {
    Exact,
    /// `about`, `around`, `some`, `nearly`, `roughly`, `an estimated`.
    Approx,
    /// `at least`, `no fewer than`, `or more`, `300+`, and vague plurals (`hundreds of`).
    AtLeast,
    /// `more than`, `over`, `in excess of`.
    MoreThan,
    /// `up to`, `at most`, `as many as`.
    AtMost,
    /// `less than`, `fewer than`, `under`.
    LessThan,
}

/// What a figure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum QuantityKind {
    Count,
    Money,
    Percent,
    Measure,
}

/// One figure found in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// Byte range of the figure (qualifier + currency + numeral + scale + unit).
    pub span: Range<usize>,
    pub surface: String,
    /// The value in `unit` (scales applied: `$3.2bn` -> 3.2e9).
    pub value: f64,
    /// Canonical unit (`km`, `kg`, `%`, `pp`, `years old`) or ISO 4217 code (`USD`); `None` for counts.
    pub unit: Option<String>,
    pub kind: QuantityKind,
    pub qualifier: Qualifier,
    /// Lowercase singular head noun of what is counted (`satellite`, `people`), when clear.
    pub noun: Option<String>,
}

impl Quantity {
    /// Normalised form: qualifier sign, value without a needless `.0`, then the unit
    /// (`600000000 USD`, `3400 kg`, `40 %`, `2500`, `>300`, `~60000000`).
    pub fn display(&self) -> String {
        let sign = match self.qualifier {
            Qualifier::Exact => "",
            Qualifier::Approx => "~",
            Qualifier::AtLeast => ">=",
            Qualifier::MoreThan => ">",
            Qualifier::AtMost => "<=",
            Qualifier::LessThan => "<",
        };
        let v = format_value(self.value);
        match &self.unit {
            Some(u) => format!("{sign}{v} {u}"),
            None => format!("{sign}{v}"),
        }
    }
}

fn format_value(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e21 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

/// Relative slack given to an `Approx` figure in [`compatible`] when the caller's tolerance is smaller.
const APPROX_SLACK: f64 = 0.1;
/// Floating-point noise allowed even at tolerance 0.
const EPSILON: f64 = 1e-9;

/// Whether `a` and `b` state the same value in the same kind and dimension, ignoring qualifiers.
/// Units of one dimension are converted (`12 km` = `12000 m`); `tolerance` is relative (0.0 = exact).
pub fn same_value(a: &Quantity, b: &Quantity, tolerance: f64) -> bool {
    let Some((x, y)) = base_values(a, b) else {
        return false;
    };
    close(x, y, tolerance.max(0.0))
}

/// Whether both statements can be true at once: the same value, or ranges implied by their
/// qualifiers that overlap (`more than 300` and `400`; `about 300` and `310`). Different kinds,
/// dimensions or currencies are never compatible.
pub fn compatible(a: &Quantity, b: &Quantity, tolerance: f64) -> bool {
    let Some((x, y)) = base_values(a, b) else {
        return false;
    };
    let tol = tolerance.max(0.0);
    if close(x, y, tol) {
        return true;
    }
    let (alo, ahi) = interval(x, a.qualifier, tol);
    let (blo, bhi) = interval(y, b.qualifier, tol);
    alo <= bhi && blo <= ahi
}

fn close(x: f64, y: f64, tol: f64) -> bool {
    let scale = x.abs().max(y.abs());
    (x - y).abs() <= (tol + EPSILON) * scale || (x - y).abs() < f64::MIN_POSITIVE
}

fn interval(v: f64, q: Qualifier, tol: f64) -> (f64, f64) {
    let slack = |t: f64| v.abs() * (t + EPSILON);
    match q {
        Qualifier::Exact => (v - slack(tol), v + slack(tol)),
        Qualifier::Approx => (v - slack(tol.max(APPROX_SLACK)), v + slack(tol.max(APPROX_SLACK))),
        Qualifier::AtLeast | Qualifier::MoreThan => (v - slack(tol), f64::INFINITY),
        Qualifier::AtMost | Qualifier::LessThan => (f64::NEG_INFINITY, v + slack(tol)),
    }
}

/// Both values in the base unit of their shared dimension, or `None` when not comparable.
fn base_values(a: &Quantity, b: &Quantity) -> Option<(f64, f64)> {
    if a.kind != b.kind {
        return None;
    }
    match (&a.unit, &b.unit) {
        (None, None) => Some((a.value, b.value)),
        (Some(ua), Some(ub)) if ua == ub => Some((a.value, b.value)),
        (Some(ua), Some(ub)) => {
            let (da, fa) = unit_dimension(ua)?;
            let (db, fb) = unit_dimension(ub)?;
            (da == db).then_some((a.value * fa, b.value * fb))
        }
        _ => None,
    }
}

/// Dimension and factor to the dimension's base unit, for units that convert.
fn unit_dimension(unit: &str) -> Option<(&'static str, f64)> {
    Some(match unit {
        "km" => ("length", 1000.0),
        "m" => ("length", 1.0),
        "cm" => ("length", 0.01),
        "mm" => ("length", 0.001),
        "mi" => ("length", 1609.344),
        "nmi" => ("length", 1852.0),
        "ft" => ("length", 0.3048),
        "kg" => ("mass", 1.0),
        "g" => ("mass", 0.001),
        "t" => ("mass", 1000.0),
        "lb" => ("mass", 0.453_592_37),
        "m2" => ("area", 1.0),
        "ha" => ("area", 10_000.0),
        "km2" => ("area", 1e6),
        "mi2" => ("area", 2_589_988.110_336),
        "acre" => ("area", 4_046.856_422_4),
        "l" => ("volume", 1.0),
        "m3" => ("volume", 1000.0),
        "bbl" => ("volume", 158.987_294_928),
        "kW" => ("power", 1e3),
        "MW" => ("power", 1e6),
        "GW" => ("power", 1e9),
        "kWh" => ("energy", 1.0),
        "MWh" => ("energy", 1e3),
        "GWh" => ("energy", 1e6),
        "TWh" => ("energy", 1e9),
        "km/h" => ("speed", 1.0),
        "mph" => ("speed", 1.609_344),
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------------
// Lexer: letters, digit groups and single symbols, each remembering the white space before it.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokKind {
    Alpha,
    Digit,
    Sym,
}

/// White space before a token. `Group` is exactly one space, NBSP or thin space: the only gap
/// allowed inside a digit-grouped number (`375 000`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    None,
    Group,
    Space,
    Newline,
}

#[derive(Debug, Clone)]
struct Tok {
    start: usize,
    end: usize,
    kind: TokKind,
    gap: Gap,
}

fn lex(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut toks = Vec::new();
    let mut i = 0;
    let (mut ws, mut newline, mut grouping) = (0usize, false, true);
    while let Some(c) = text[i..].chars().next() {
        if c.is_whitespace() {
            ws += 1;
            newline |= c == '\n' || c == '\r';
            grouping &= matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}');
            i += c.len_utf8();
            continue;
        }
        let gap = match (ws, newline, grouping) {
            (0, _, _) => Gap::None,
            (_, true, _) => Gap::Newline,
            (1, _, true) => Gap::Group,
            _ => Gap::Space,
        };
        (ws, newline, grouping) = (0, false, true);
        let start = i;
        let kind = if c.is_ascii_digit() {
            // Digits with inner separators between digits: `2,500`, `2.5`, `10:30`, `02.11.2002`.
            i += 1;
            loop {
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                if i + 1 < bytes.len() && matches!(bytes[i], b'.' | b',' | b':' | b'/') && bytes[i + 1].is_ascii_digit()
                {
                    i += 1;
                } else {
                    break;
                }
            }
            TokKind::Digit
        } else if c.is_alphabetic() {
            i += c.len_utf8();
            while let Some(d) = text[i..].chars().next().filter(|d| d.is_alphabetic()) {
                i += d.len_utf8();
            }
            TokKind::Alpha
        } else {
            i += c.len_utf8();
            TokKind::Sym
        };
        toks.push(Tok { start, end: i, kind, gap });
    }
    toks
}

// ---------------------------------------------------------------------------------------------
// Exact decimal arithmetic, so `3.2bn` and `3,200 million` give the very same f64.

#[derive(Debug, Clone, Copy)]
struct Dec {
    mant: u128,
    exp: i32,
}

impl Dec {
    fn int(n: u128) -> Dec {
        Dec { mant: n, exp: 0 }
    }

    fn parse(clean: &str) -> Option<Dec> {
        let (int, frac) = clean.split_once('.').unwrap_or((clean, ""));
        if int.len() + frac.len() > 30 || int.is_empty() {
            return None;
        }
        let mant: u128 = format!("{int}{frac}").parse().ok()?;
        Some(Dec { mant, exp: -(frac.len() as i32) })
    }

    fn scale(self, e: i32) -> Dec {
        Dec { mant: self.mant, exp: self.exp + e }
    }

    fn value(self) -> f64 {
        let (mut mant, mut exp) = (self.mant, self.exp);
        while exp < 0 && mant % 10 == 0 && mant > 0 {
            mant /= 10;
            exp += 1;
        }
        if exp >= 0 {
            match 10u128.checked_pow(exp as u32).and_then(|p| mant.checked_mul(p)) {
                Some(n) => n as f64,
                None => mant as f64 * 10f64.powi(exp),
            }
        } else {
            mant as f64 / 10f64.powi(-exp)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Word lists.

/// Function words and sentence-opening adverbs: a capitalised one before a number is not a label.
const FUNCTION_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "after",
    "against",
    "all",
    "almost",
    "also",
    "among",
    "an",
    "and",
    "another",
    "approximately",
    "around",
    "as",
    "at",
    "barely",
    "because",
    "before",
    "below",
    "between",
    "both",
    "but",
    "by",
    "circa",
    "during",
    "each",
    "estimated",
    "even",
    "every",
    "exactly",
    "for",
    "from",
    "fully",
    "had",
    "has",
    "have",
    "he",
    "her",
    "his",
    "in",
    "including",
    "into",
    "is",
    "it",
    "its",
    "just",
    "killing",
    "least",
    "less",
    "maybe",
    "more",
    "nearly",
    "no",
    "nor",
    "not",
    "of",
    "on",
    "only",
    "or",
    "our",
    "over",
    "perhaps",
    "precisely",
    "roughly",
    "she",
    "since",
    "so",
    "some",
    "still",
    "than",
    "that",
    "the",
    "their",
    "then",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "today",
    "total",
    "under",
    "until",
    "up",
    "was",
    "we",
    "were",
    "when",
    "while",
    "with",
    "within",
    "without",
    "yesterday",
    "yet",
];

/// Words that end a noun search: a counted noun never lies past them.
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "against", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "before",
    "between", "both", "but", "by", "can", "could", "did", "do", "does", "each", "for", "from", "had", "has", "have",
    "he", "her", "here", "his", "how", "i", "if", "in", "into", "is", "it", "its", "may", "might", "most", "much",
    "must", "no", "nor", "not", "of", "off", "on", "once", "only", "or", "our", "out", "over", "per", "same", "she",
    "should", "since", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they",
    "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when",
    "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your",
];

/// Words before a number that make it a label or reference, not a quantity (`page 4`).
const LABEL_WORDS: &[&str] = &[
    "act",
    "annex",
    "appendix",
    "article",
    "block",
    "building",
    "category",
    "chapter",
    "class",
    "clause",
    "code",
    "division",
    "episode",
    "exhibit",
    "fig",
    "figure",
    "flight",
    "gate",
    "grade",
    "issue",
    "item",
    "level",
    "line",
    "model",
    "no",
    "nos",
    "nr",
    "number",
    "option",
    "page",
    "pages",
    "para",
    "paragraph",
    "part",
    "phase",
    "platform",
    "point",
    "pp",
    "protocol",
    "room",
    "route",
    "row",
    "rule",
    "seat",
    "season",
    "section",
    "series",
    "stage",
    "step",
    "table",
    "tier",
    "type",
    "version",
    "vol",
    "volume",
    "ward",
    "zone",
];

/// Words before a 4-digit number that make it a year (`in 2019`, `since 2004`).
const YEAR_WORDS: &[&str] = &[
    "after", "and", "autumn", "before", "between", "by", "circa", "during", "early", "end", "fall", "from", "in",
    "late", "mid", "of", "or", "since", "spring", "start", "summer", "through", "till", "to", "until", "winter",
    "year", "years",
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
];

const TIME_ZONES: &[&str] = &["GMT", "UTC", "CET", "CEST", "EET", "EEST", "EST", "EDT", "PST", "PDT", "MSK", "BST"];

/// Qualifier phrases before a figure, longest first within each shared ending.
const QUALIFIERS: &[(&[&str], Qualifier)] = &[
    (&["no", "more", "than"], Qualifier::AtMost),
    (&["not", "more", "than"], Qualifier::AtMost),
    (&["no", "fewer", "than"], Qualifier::AtLeast),
    (&["no", "less", "than"], Qualifier::AtLeast),
    (&["slightly", "more", "than"], Qualifier::MoreThan),
    (&["just", "over"], Qualifier::MoreThan),
    (&["just", "under"], Qualifier::LessThan),
    (&["more", "than"], Qualifier::MoreThan),
    (&["less", "than"], Qualifier::LessThan),
    (&["fewer", "than"], Qualifier::LessThan),
    (&["at", "least"], Qualifier::AtLeast),
    (&["at", "most"], Qualifier::AtMost),
    (&["up", "to"], Qualifier::AtMost),
    (&["as", "many", "as"], Qualifier::AtMost),
    (&["as", "much", "as"], Qualifier::AtMost),
    (&["in", "excess", "of"], Qualifier::MoreThan),
    (&["upwards", "of"], Qualifier::MoreThan),
    (&["close", "to"], Qualifier::Approx),
    (&["an", "estimated"], Qualifier::Approx),
    (&["some"], Qualifier::Approx),
    (&["about"], Qualifier::Approx),
    (&["around"], Qualifier::Approx),
    (&["approximately"], Qualifier::Approx),
    (&["approx"], Qualifier::Approx),
    (&["roughly"], Qualifier::Approx),
    (&["nearly"], Qualifier::Approx),
    (&["almost"], Qualifier::Approx),
    (&["estimated"], Qualifier::Approx),
    (&["circa"], Qualifier::Approx),
    (&["over"], Qualifier::MoreThan),
    (&["exceeding"], Qualifier::MoreThan),
    (&["above"], Qualifier::MoreThan),
    (&["under"], Qualifier::LessThan),
    (&["below"], Qualifier::LessThan),
];

/// Currency signs before (or after) a figure.
fn currency_symbol(s: &str) -> Option<&'static str> {
    Some(match s {
        "$" => "USD",
        "€" => "EUR",
        "£" => "GBP",
        "¥" => "JPY",
        "₽" => "RUB",
        "₹" => "INR",
        "₴" => "UAH",
        "₺" => "TRY",
        "₩" => "KRW",
        "₪" => "ILS",
        "₼" => "AZN",
        "֏" => "AMD",
        "₾" => "GEL",
        "₸" => "KZT",
        "₦" => "NGN",
        _ => return None,
    })
}

/// Letters glued before `$` (`US$`, `C$`).
fn dollar_prefix(s: &str) -> Option<&'static str> {
    Some(match s {
        "US" => "USD",
        "C" | "CA" => "CAD",
        "A" | "AU" => "AUD",
        "HK" => "HKD",
        "NZ" => "NZD",
        "S" => "SGD",
        "R" => "BRL",
        _ => return None,
    })
}

const CURRENCY_CODES: &[&str] = &[
    "AED", "AMD", "AUD", "AZN", "BGN", "BRL", "BYN", "CAD", "CHF", "CNY", "CZK", "DKK", "EGP", "EUR", "GBP", "GEL",
    "HKD", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "JPY", "KGS", "KRW", "KZT", "MDL", "MXN", "NGN", "NOK", "NZD",
    "PKR", "PLN", "RON", "RUB", "SAR", "SEK", "SGD", "TJS", "TMT", "TRY", "UAH", "USD", "UZS", "ZAR",
];

fn currency_code(s: &str) -> Option<&'static str> {
    CURRENCY_CODES.iter().find(|c| **c == s).copied()
}

/// What a word sequence after a figure makes of it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Tail {
    Currency(&'static str),
    Percent(&'static str),
    Unit(&'static str),
}

/// Tail patterns. An element that is lowercase letters longer than two matches any case;
/// others (`km`, `MW`, `US`, `%`) match exactly. Sorted longest first at first use.
const TAIL_TABLE: &[(&[&str], Tail)] = &[
    (&["%"], Tail::Percent("%")),
    (&["per", "cent"], Tail::Percent("%")),
    (&["percent"], Tail::Percent("%")),
    (&["pct"], Tail::Percent("%")),
    (&["percentage", "points"], Tail::Percent("pp")),
    (&["percentage", "point"], Tail::Percent("pp")),
    (&["US", "dollars"], Tail::Currency("USD")),
    (&["U", ".", "S", ".", "dollars"], Tail::Currency("USD")),
    (&["american", "dollars"], Tail::Currency("USD")),
    (&["canadian", "dollars"], Tail::Currency("CAD")),
    (&["australian", "dollars"], Tail::Currency("AUD")),
    (&["hong", "kong", "dollars"], Tail::Currency("HKD")),
    (&["dollars"], Tail::Currency("USD")),
    (&["dollar"], Tail::Currency("USD")),
    (&["euros"], Tail::Currency("EUR")),
    (&["euro"], Tail::Currency("EUR")),
    (&["pounds", "sterling"], Tail::Currency("GBP")),
    (&["pounds"], Tail::Currency("GBP")),
    (&["sterling"], Tail::Currency("GBP")),
    (&["rubles"], Tail::Currency("RUB")),
    (&["roubles"], Tail::Currency("RUB")),
    (&["ruble"], Tail::Currency("RUB")),
    (&["rouble"], Tail::Currency("RUB")),
    (&["manat"], Tail::Currency("AZN")),
    (&["manats"], Tail::Currency("AZN")),
    (&["drams"], Tail::Currency("AMD")),
    (&["dram"], Tail::Currency("AMD")),
    (&["lari"], Tail::Currency("GEL")),
    (&["hryvnias"], Tail::Currency("UAH")),
    (&["hryvnia"], Tail::Currency("UAH")),
    (&["hryvnas"], Tail::Currency("UAH")),
    (&["yen"], Tail::Currency("JPY")),
    (&["yuan"], Tail::Currency("CNY")),
    (&["renminbi"], Tail::Currency("CNY")),
    (&["rupees"], Tail::Currency("INR")),
    (&["lira"], Tail::Currency("TRY")),
    (&["liras"], Tail::Currency("TRY")),
    (&["swiss", "francs"], Tail::Currency("CHF")),
    (&["tenge"], Tail::Currency("KZT")),
    (&["shekels"], Tail::Currency("ILS")),
    (&["riyals"], Tail::Currency("SAR")),
    (&["zlotys"], Tail::Currency("PLN")),
    (&["zloty"], Tail::Currency("PLN")),
    (&["forints"], Tail::Currency("HUF")),
    (&["rupiah"], Tail::Currency("IDR")),
    (&["naira"], Tail::Currency("NGN")),
    (&["km"], Tail::Unit("km")),
    (&["kilometres"], Tail::Unit("km")),
    (&["kilometre"], Tail::Unit("km")),
    (&["kilometers"], Tail::Unit("km")),
    (&["kilometer"], Tail::Unit("km")),
    (&["metres"], Tail::Unit("m")),
    (&["metre"], Tail::Unit("m")),
    (&["meters"], Tail::Unit("m")),
    (&["meter"], Tail::Unit("m")),
    (&["cm"], Tail::Unit("cm")),
    (&["centimetres"], Tail::Unit("cm")),
    (&["centimeters"], Tail::Unit("cm")),
    (&["mm"], Tail::Unit("mm")),
    (&["millimetres"], Tail::Unit("mm")),
    (&["millimeters"], Tail::Unit("mm")),
    (&["nautical", "miles"], Tail::Unit("nmi")),
    (&["miles"], Tail::Unit("mi")),
    (&["mile"], Tail::Unit("mi")),
    (&["feet"], Tail::Unit("ft")),
    (&["foot"], Tail::Unit("ft")),
    (&["ft"], Tail::Unit("ft")),
    (&["kg"], Tail::Unit("kg")),
    (&["kilograms"], Tail::Unit("kg")),
    (&["kilogram"], Tail::Unit("kg")),
    (&["kilogrammes"], Tail::Unit("kg")),
    (&["kilos"], Tail::Unit("kg")),
    (&["g"], Tail::Unit("g")),
    (&["grams"], Tail::Unit("g")),
    (&["grammes"], Tail::Unit("g")),
    (&["metric", "tons"], Tail::Unit("t")),
    (&["metric", "tonnes"], Tail::Unit("t")),
    (&["tonnes"], Tail::Unit("t")),
    (&["tonne"], Tail::Unit("t")),
    (&["tons"], Tail::Unit("t")),
    (&["ton"], Tail::Unit("t")),
    (&["t"], Tail::Unit("t")),
    (&["lb"], Tail::Unit("lb")),
    (&["lbs"], Tail::Unit("lb")),
    (&["ha"], Tail::Unit("ha")),
    (&["hectares"], Tail::Unit("ha")),
    (&["hectare"], Tail::Unit("ha")),
    (&["square", "kilometres"], Tail::Unit("km2")),
    (&["square", "kilometers"], Tail::Unit("km2")),
    (&["square", "km"], Tail::Unit("km2")),
    (&["sq", "km"], Tail::Unit("km2")),
    (&["sq", ".", "km"], Tail::Unit("km2")),
    (&["km", "2"], Tail::Unit("km2")),
    (&["km", "²"], Tail::Unit("km2")),
    (&["square", "metres"], Tail::Unit("m2")),
    (&["square", "meters"], Tail::Unit("m2")),
    (&["sq", "m"], Tail::Unit("m2")),
    (&["m", "2"], Tail::Unit("m2")),
    (&["m", "²"], Tail::Unit("m2")),
    (&["square", "miles"], Tail::Unit("mi2")),
    (&["sq", "mi"], Tail::Unit("mi2")),
    (&["acres"], Tail::Unit("acre")),
    (&["acre"], Tail::Unit("acre")),
    (&["litres"], Tail::Unit("l")),
    (&["litre"], Tail::Unit("l")),
    (&["liters"], Tail::Unit("l")),
    (&["liter"], Tail::Unit("l")),
    (&["cubic", "metres"], Tail::Unit("m3")),
    (&["cubic", "meters"], Tail::Unit("m3")),
    (&["m", "3"], Tail::Unit("m3")),
    (&["m", "³"], Tail::Unit("m3")),
    (&["barrels"], Tail::Unit("bbl")),
    (&["bbl"], Tail::Unit("bbl")),
    (&["kW"], Tail::Unit("kW")),
    (&["MW"], Tail::Unit("MW")),
    (&["GW"], Tail::Unit("GW")),
    (&["kilowatts"], Tail::Unit("kW")),
    (&["megawatts"], Tail::Unit("MW")),
    (&["gigawatts"], Tail::Unit("GW")),
    (&["kWh"], Tail::Unit("kWh")),
    (&["MWh"], Tail::Unit("MWh")),
    (&["GWh"], Tail::Unit("GWh")),
    (&["TWh"], Tail::Unit("TWh")),
    (&["km", "/", "h"], Tail::Unit("km/h")),
    (&["kph"], Tail::Unit("km/h")),
    (&["kilometres", "per", "hour"], Tail::Unit("km/h")),
    (&["kilometers", "per", "hour"], Tail::Unit("km/h")),
    (&["mph"], Tail::Unit("mph")),
    (&["miles", "per", "hour"], Tail::Unit("mph")),
    (&["years", "old"], Tail::Unit("years old")),
    (&["year", "-", "old"], Tail::Unit("years old")),
    (&["years", "of", "age"], Tail::Unit("years old")),
];

static TAILS: LazyLock<Vec<(&'static [&'static str], Tail)>> = LazyLock::new(|| {
    let mut v = TAIL_TABLE.to_vec();
    v.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    v
});

static COMMA_GROUPED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$").expect("valid regex"));
static DOT_GROUPED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,3}(?:(?:\.\d{3}){2,}|(?:\.\d{3})+,\d+)$").expect("valid regex"));
static DECIMAL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d+\.\d+$").expect("valid regex"));
static EU_DECIMAL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d+,\d{1,2}$").expect("valid regex"));

/// Words whose plural form is their singular, or that are irregular.
fn irregular_singular(w: &str) -> Option<&'static str> {
    Some(match w {
        "people" => "people",
        "persons" => "person",
        "men" => "man",
        "women" => "woman",
        "children" => "child",
        "police" => "police",
        "staff" => "staff",
        "personnel" => "personnel",
        "aircraft" => "aircraft",
        "cattle" => "cattle",
        "livestock" => "livestock",
        "sheep" => "sheep",
        "fish" => "fish",
        "crew" => "crew",
        "series" => "series",
        "species" => "species",
        "teeth" => "tooth",
        "mice" => "mouse",
        "geese" => "goose",
        "lives" => "life",
        "wives" => "wife",
        "knives" => "knife",
        "halves" => "half",
        "thieves" => "thief",
        "wolves" => "wolf",
        "shelves" => "shelf",
        "leaves" => "leaf",
        "data" => "data",
        "media" => "media",
        "criteria" => "criterion",
        "sorties" => "sortie",
        "movies" => "movie",
        "calories" => "calorie",
        "rookies" => "rookie",
        "cookies" => "cookie",
        "zombies" => "zombie",
        "ties" => "tie",
        "lies" => "lie",
        "pies" => "pie",
        _ => return None,
    })
}

const NOT_PLURAL: &[&str] = &["always", "besides", "perhaps", "sometimes", "thus", "whereas", "yes", "news", "less"];

/// Lowercase adjectives that often sit between a number and its noun (`300 armed men`).
const MODIFIER_WORDS: &[&str] = &[
    "additional",
    "big",
    "exact",
    "civil",
    "dead",
    "different",
    "extra",
    "few",
    "foreign",
    "former",
    "full",
    "further",
    "heavy",
    "injured",
    "key",
    "large",
    "light",
    "local",
    "main",
    "major",
    "many",
    "more",
    "new",
    "old",
    "other",
    "private",
    "public",
    "recent",
    "senior",
    "junior",
    "separate",
    "similar",
    "small",
    "top",
    "young",
];

const MODIFIER_SUFFIXES: &[&str] =
    &["ed", "al", "ly", "ian", "ese", "ish", "ive", "ic", "ous", "ful", "less", "ary", "ern", "ing", "ile"];

/// Nouns after `one` that make it an idiom (`one day`, `at one point`), not a count.
/// Units of time: a count of them followed by `ago`, `later` or `earlier` is a point in time
/// (`two years ago`, `three days later`).
const TIME_UNITS: &[&str] =
    &["second", "minute", "hour", "day", "night", "week", "month", "year", "decade", "century", "generation"];

/// What a price or rate is given per (`$48 per share`, `$80 a barrel`, `€12 an hour`).
#[rustfmt::skip]
const RATE_NOUNS: &[&str] = &[
    "share", "shares", "barrel", "barrels", "tonne", "tonnes", "ton", "tons", "ounce", "ounces", "gallon",
    "gallons", "litre", "litres", "liter", "liters", "kilogram", "kilograms", "kg", "pound", "head", "person",
    "hour", "day", "week", "month", "year", "night", "unit", "megawatt-hour", "mwh", "kwh", "ticket",
];

const ONE_IDIOMS: &[&str] = &["another", "day", "hand", "point", "side", "thing", "time", "way", "more", "less"];

/// Words after a hyphen that make the number part of a fraction or idiom (`two-thirds`, `one-off`).
const HYPHEN_BLOCKERS: &[&str] = &[
    "dimensional",
    "eighth",
    "fifth",
    "first",
    "fourth",
    "ninth",
    "second",
    "seventh",
    "sixth",
    "fifths",
    "fold",
    "half",
    "handed",
    "nil",
    "off",
    "quarter",
    "quarters",
    "sided",
    "something",
    "tenth",
    "tenths",
    "third",
    "thirds",
    "time",
    "way",
];

fn is_in(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

fn is_month(s: &str) -> bool {
    is_in(MONTHS, s)
}

fn looks_plural(lw: &str) -> bool {
    if irregular_singular(lw).is_some() {
        return true;
    }
    lw.len() >= 3
        && lw.ends_with('s')
        && !lw.ends_with("ss")
        && !lw.ends_with("us")
        && !lw.ends_with("is")
        && !is_in(STOPWORDS, lw)
        && !is_in(NOT_PLURAL, lw)
}

/// Simple English singular of a lowercase plural.
fn singular(lw: &str) -> String {
    if let Some(s) = irregular_singular(lw) {
        return s.to_string();
    }
    if !looks_plural(lw) {
        return lw.to_string();
    }
    if let Some(stem) = lw.strip_suffix("ies").filter(|s| s.len() >= 2) {
        return format!("{stem}y");
    }
    for suffix in ["sses", "ches", "shes", "xes", "zzes", "oes"] {
        if lw.ends_with(suffix) {
            return lw[..lw.len() - 2].to_string();
        }
    }
    lw[..lw.len() - 1].to_string()
}

fn is_modifier(word: &str) -> bool {
    if word.chars().next().is_some_and(char::is_uppercase) {
        return true; // `Russian`, `Starlink`: proper adjectives and brand names
    }
    is_in(MODIFIER_WORDS, word) || (word.len() > 4 && MODIFIER_SUFFIXES.iter().any(|s| word.ends_with(s)))
}

// ---------------------------------------------------------------------------------------------
// Parsing.

struct Cx<'a> {
    text: &'a str,
    toks: &'a [Tok],
}

impl<'a> Cx<'a> {
    fn s(&self, k: usize) -> &'a str {
        self.toks.get(k).map_or("", |t| &self.text[t.start..t.end])
    }
    fn lower(&self, k: usize) -> String {
        self.s(k).to_lowercase()
    }
    fn kind(&self, k: usize) -> Option<TokKind> {
        self.toks.get(k).map(|t| t.kind)
    }
    fn gap(&self, k: usize) -> Gap {
        self.toks.get(k).map_or(Gap::Newline, |t| t.gap)
    }
    fn alpha(&self, k: usize) -> bool {
        self.kind(k) == Some(TokKind::Alpha)
    }
    fn digit(&self, k: usize) -> bool {
        self.kind(k) == Some(TokKind::Digit)
    }
    fn sym(&self, k: usize, s: &str) -> bool {
        self.kind(k) == Some(TokKind::Sym) && self.s(k) == s
    }
    fn spaced(&self, k: usize) -> bool {
        matches!(self.gap(k), Gap::Space | Gap::Group)
    }
    fn inline(&self, k: usize) -> bool {
        k < self.toks.len() && self.gap(k) != Gap::Newline
    }
    /// A hyphen (or en dash) glued to both neighbours: `Su-25`, `twenty-five`, `30-year-old`.
    fn glued_hyphen(&self, k: usize) -> bool {
        (self.sym(k, "-") || self.sym(k, "–")) && self.gap(k) == Gap::None && self.gap(k + 1) == Gap::None
    }
    /// Matches a tail pattern starting at token `k`; returns the index after it.
    fn match_seq(&self, k: usize, pat: &[&str]) -> Option<usize> {
        for (n, p) in pat.iter().enumerate() {
            let idx = k + n;
            if idx >= self.toks.len() || (n > 0 && self.gap(idx) == Gap::Newline) {
                return None;
            }
            if n > 0 && self.digit(idx) && self.gap(idx) != Gap::None {
                return None;
            }
            let s = self.s(idx);
            let loose = p.len() > 2 && p.chars().all(|c| c.is_ascii_lowercase());
            let ok = if loose { s.eq_ignore_ascii_case(p) } else { s == *p };
            if !ok {
                return None;
            }
        }
        Some(k + pat.len())
    }
    fn tail_at(&self, k: usize) -> Option<(Tail, usize)> {
        if !self.inline(k) {
            return None;
        }
        TAILS.iter().find_map(|(pat, tail)| self.match_seq(k, pat).map(|end| (*tail, end)))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Plain,
    Grouped,
    Decimal,
    EuDecimal,
    Word,
}

struct Core {
    last: usize,
    dec: Dec,
    shape: Shape,
    qualifier: Option<Qualifier>,
    /// Vague plurals and `a couple of` take their noun after `of`.
    noun_after_of: bool,
    /// The bare word `one`, kept only with a counted noun.
    lone_one: bool,
}

fn parse_digits(s: &str) -> Option<(Dec, Shape)> {
    if s.contains([':', '/']) {
        return None;
    }
    let b = s.as_bytes();
    if b.len() > 1 && b[0] == b'0' && b[1].is_ascii_digit() {
        return None; // `007`, `02.11`: identifiers and dates
    }
    if s.bytes().all(|c| c.is_ascii_digit()) {
        return Some((Dec::parse(s)?, Shape::Plain));
    }
    if COMMA_GROUPED.is_match(s) {
        return Some((Dec::parse(&s.replace(',', ""))?, Shape::Grouped));
    }
    if DOT_GROUPED.is_match(s) {
        return Some((Dec::parse(&s.replace('.', "").replace(',', "."))?, Shape::Grouped));
    }
    if DECIMAL.is_match(s) {
        return Some((Dec::parse(s)?, Shape::Decimal));
    }
    if EU_DECIMAL.is_match(s) {
        return Some((Dec::parse(&s.replace(',', "."))?, Shape::EuDecimal));
    }
    None
}

fn digit_core(cx: &Cx, i: usize) -> Option<Core> {
    let s = cx.s(i);
    let (mut dec, mut shape) = parse_digits(s)?;
    let mut last = i;
    if shape == Shape::Plain && s.len() <= 3 {
        // `375 000` with a space, NBSP or thin space between groups of three.
        let mut joined = s.to_string();
        let mut k = i + 1;
        while cx.digit(k) && cx.gap(k) == Gap::Group {
            let g = cx.s(k);
            let three = g.len() >= 3 && g.as_bytes()[..3].iter().all(u8::is_ascii_digit);
            let tail_ok = g.len() == 3 || (g.as_bytes().get(3) == Some(&b'.') && DECIMAL.is_match(g));
            if !three || !tail_ok {
                break;
            }
            joined.push_str(g);
            last = k;
            k += 1;
            if g.len() > 3 {
                break;
            }
        }
        if last > i {
            dec = Dec::parse(&joined)?;
            shape = Shape::Grouped;
        }
    }
    Some(Core { last, dec, shape, qualifier: None, noun_after_of: false, lone_one: false })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum W {
    Unit(u128),
    Teen(u128),
    Ten(u128),
    Hundred,
    Scale(i32),
    Dozen,
}

fn number_word(lw: &str) -> Option<W> {
    const UNITS: [&str; 10] = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
    const TEENS: [&str; 10] =
        ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
    const TENS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    if let Some(n) = UNITS.iter().position(|w| *w == lw) {
        return Some(W::Unit(n as u128));
    }
    if let Some(n) = TEENS.iter().position(|w| *w == lw) {
        return Some(W::Teen(10 + n as u128));
    }
    if let Some(n) = TENS.iter().position(|w| *w == lw) {
        return Some(W::Ten(20 + 10 * n as u128));
    }
    scale_word(lw).map(W::Scale).or(match lw {
        "hundred" => Some(W::Hundred),
        "dozen" => Some(W::Dozen),
        _ => None,
    })
}

fn scale_word(lw: &str) -> Option<i32> {
    Some(match lw {
        "thousand" => 3,
        "million" => 6,
        "billion" => 9,
        "trillion" => 12,
        _ => return None,
    })
}

/// The index of the next word in a spelled-out number (after a space or a glued hyphen).
fn next_word(cx: &Cx, k: usize) -> Option<usize> {
    if cx.glued_hyphen(k) && cx.alpha(k + 1) {
        Some(k + 1)
    } else if cx.alpha(k) && cx.spaced(k) {
        Some(k)
    } else {
        None
    }
}

fn word_core(cx: &Cx, i: usize) -> Option<Core> {
    let lw = cx.lower(i);
    let core = |last, dec, qualifier, noun_after_of| {
        Some(Core { last, dec, shape: Shape::Word, qualifier, noun_after_of, lone_one: false })
    };
    // Vague plurals: `dozens of`, `hundreds of thousands of`, `tens of thousands`.
    let vague = match lw.as_str() {
        "dozens" => Some(Dec::int(24)),
        "hundreds" => Some(Dec::int(200)),
        "thousands" => Some(Dec::int(2000)),
        "millions" => Some(Dec::int(2_000_000)),
        "billions" => Some(Dec::int(2_000_000_000)),
        "tens" => Some(Dec::int(20)),
        _ => None,
    };
    if let Some(base) = vague {
        let of_scale = (cx.lower(i + 1) == "of" && cx.spaced(i + 1) && cx.spaced(i + 2))
            .then(|| match cx.lower(i + 2).as_str() {
                "thousands" => Some(3),
                "millions" => Some(6),
                "billions" => Some(9),
                _ => None,
            })
            .flatten();
        return match (lw.as_str(), of_scale) {
            (_, Some(e)) => core(i + 2, base.scale(e), Some(Qualifier::AtLeast), true),
            ("tens", None) => None,
            _ => core(i, base, Some(Qualifier::AtLeast), true),
        };
    }
    // `several thousand`, `many millions`: a lower bound.
    if matches!(lw.as_str(), "several" | "many") && cx.spaced(i + 1) {
        let next = cx.lower(i + 1);
        let e = if next == "hundred" { Some(2) } else { scale_word(&next) };
        let mult = if lw == "several" { 3 } else { 2 };
        return e.and_then(|e| core(i + 1, Dec::int(mult).scale(e), Some(Qualifier::AtLeast), false));
    }
    if lw == "half" && cx.lower(i + 1) == "a" && cx.spaced(i + 1) && cx.spaced(i + 2) {
        let next = cx.lower(i + 2);
        if next == "dozen" {
            return core(i + 2, Dec::int(6), None, false);
        }
        let e = if next == "hundred" { Some(2) } else { scale_word(&next) };
        return e.and_then(|e| core(i + 2, Dec::int(5).scale(e - 1), None, false));
    }

    // `a quarter of a million`: the fraction scales what follows. Other fractions (`a third of a
    // million`, `three quarters of a million`) are not read: `a million` alone would be wrong.
    if matches!(lw.as_str(), "a" | "an") && i >= 2 && cx.lower(i - 1) == "of" {
        let frac = cx.lower(i - 2);
        if matches!(
            frac.as_str(),
            "half" | "third" | "thirds" | "quarter" | "quarters" | "fifth" | "fifths" | "tenth" | "tenths" | "fraction"
        ) {
            let one = i >= 3 && matches!(cx.lower(i - 3).as_str(), "a" | "one");
            let e = scale_word(&cx.lower(i + 1));
            return match (frac.as_str(), one, e) {
                ("quarter", true, Some(e)) if e >= 2 && cx.spaced(i + 1) => {
                    core(i + 1, Dec::int(25).scale(e - 2), None, false)
                }
                _ => None,
            };
        }
    }

    #[derive(PartialEq, Clone, Copy)]
    enum Last {
        Start,
        A,
        Zero,
        Unit,
        Teen,
        Ten,
        Hundred,
        Scale,
        Dozen,
    }
    let (mut total, mut current, mut last_kind) = (Dec::int(0), 0u128, Last::Start);
    let mut last_scale = i32::MAX;
    let mut end = None;
    let mut k = i;
    if lw == "a" || lw == "an" {
        let next = cx.lower(i + 1);
        if !cx.spaced(i + 1) {
            return None;
        }
        if next == "couple" && cx.lower(i + 2) == "of" {
            return core(i + 1, Dec::int(2), Some(Qualifier::Approx), true);
        }
        if !matches!(number_word(&next), Some(W::Hundred | W::Scale(_) | W::Dozen)) {
            return None;
        }
        current = 1;
        last_kind = Last::A;
        k = i + 1;
    }
    loop {
        let w = number_word(&cx.lower(k));
        let ok = match w {
            Some(W::Unit(0)) if last_kind == Last::Start => {
                last_kind = Last::Zero;
                true
            }
            Some(W::Unit(n)) if n > 0 && matches!(last_kind, Last::Start | Last::Ten | Last::Hundred | Last::Scale) => {
                current += n;
                last_kind = Last::Unit;
                true
            }
            Some(W::Teen(n)) if matches!(last_kind, Last::Start | Last::Hundred | Last::Scale) => {
                current += n;
                last_kind = Last::Teen;
                true
            }
            Some(W::Ten(n)) if matches!(last_kind, Last::Start | Last::Hundred | Last::Scale) => {
                current += n;
                last_kind = Last::Ten;
                true
            }
            Some(W::Hundred) if matches!(last_kind, Last::A | Last::Unit | Last::Teen) && current < 100 => {
                current *= 100;
                last_kind = Last::Hundred;
                true
            }
            Some(W::Scale(e))
                if matches!(last_kind, Last::A | Last::Unit | Last::Teen | Last::Ten | Last::Hundred)
                    && e < last_scale
                    && current > 0 =>
            {
                total = add(total, Dec::int(current).scale(e))?;
                current = 0;
                last_scale = e;
                last_kind = Last::Scale;
                true
            }
            Some(W::Dozen) if matches!(last_kind, Last::A | Last::Unit | Last::Teen | Last::Ten) => {
                current *= 12;
                last_kind = Last::Dozen;
                true
            }
            _ => false,
        };
        if !ok {
            break;
        }
        end = Some(k);
        if matches!(last_kind, Last::Zero | Last::Dozen) {
            break;
        }
        // `one hundred and twenty`: `and` joins only after a hundred or a scale word.
        let after = end.unwrap_or(k) + 1;
        let mut next = next_word(cx, after);
        if let Some(n) = next {
            if cx.lower(n) == "and" && matches!(last_kind, Last::Hundred | Last::Scale) {
                next = next_word(cx, n + 1)
                    .filter(|&m| matches!(number_word(&cx.lower(m)), Some(W::Unit(1..) | W::Teen(_) | W::Ten(_))));
            }
        }
        match next {
            Some(n) => k = n,
            None => break,
        }
    }
    let end = end?;
    if last_kind == Last::A {
        return None;
    }
    let dec = add(total, Dec::int(current))?;
    let lone_one = end == i && lw == "one";
    Some(Core { last: end, dec, shape: Shape::Word, qualifier: None, noun_after_of: false, lone_one })
}

fn add(a: Dec, b: Dec) -> Option<Dec> {
    let exp = a.exp.min(b.exp);
    let align = |d: Dec| -> Option<u128> { d.mant.checked_mul(10u128.checked_pow((d.exp - exp) as u32)?) };
    Some(Dec { mant: align(a)?.checked_add(align(b)?)?, exp })
}

/// Reads the figure whose numeral starts at token `i`; `floor` is the first token not already
/// used by an earlier figure.
fn build(cx: &Cx, i: usize, floor: usize) -> Option<Built> {
    let is_digit = cx.digit(i);
    let core = if is_digit {
        digit_core(cx, i)?
    } else if cx.alpha(i) {
        word_core(cx, i)?
    } else {
        return None;
    };
    let mut dec = core.dec;
    let mut scale_exp = 0;

    // --- left: currency sign or code, then qualifier ---
    let mut first = i;
    let mut currency: Option<&'static str> = None;
    if i > floor && cx.inline(i) {
        let p = i - 1;
        if let Some(c) = currency_symbol(cx.s(p)).filter(|_| cx.kind(p) == Some(TokKind::Sym)) {
            currency = Some(c);
            first = p;
            if cx.s(p) == "$" && p > floor && cx.gap(p) == Gap::None && cx.alpha(p - 1) {
                match dollar_prefix(cx.s(p - 1)) {
                    Some(code) => {
                        currency = Some(code);
                        first = p - 1;
                    }
                    None => return None, // `X$5`: some identifier
                }
            }
        } else if let Some(code) = currency_code(cx.s(p)).filter(|_| cx.alpha(p)) {
            currency = Some(code);
            first = p;
        }
    }
    if is_digit && cx.gap(i) == Gap::None && first == i && i > 0 {
        // Glued to what precedes: `G7`, `MH17`, `#5`, `+7`, `v2`, `'90s`, `.5`.
        let p = i - 1;
        let opener = ["(", "[", "\"", "“", "«", "~", "—"].iter().any(|o| cx.sym(p, o))
            || ((cx.sym(p, "'") || cx.sym(p, "‘")) && cx.gap(p) != Gap::None);
        if !opener {
            return None;
        }
    }
    if !is_digit && cx.gap(i) == Gap::None && i > 0 && (cx.alpha(i - 1) || cx.digit(i - 1) || cx.sym(i - 1, "-")) {
        return None;
    }
    let mut qualifier = core.qualifier;
    if first > floor && cx.inline(first) {
        if cx.sym(first - 1, "~") {
            qualifier = Some(Qualifier::Approx);
            first -= 1;
        } else if let Some((q, start)) = qualifier_before(cx, first, floor) {
            qualifier = Some(q);
            first = start;
        }
    }
    let lead = first.checked_sub(1).filter(|_| cx.inline(first)); // token before the whole figure
    let before_numeral = if currency.is_some() { i.checked_sub(2) } else { i.checked_sub(1) };

    // --- right: scale words and abbreviations ---
    let mut j = core.last + 1;
    let glued_next = cx.gap(j) == Gap::None && j < cx.toks.len();
    let mut scaled = false;
    if core.qualifier.is_none() {
        while cx.alpha(j) && cx.spaced(j) {
            let lw = cx.lower(j);
            let e = if lw == "hundred" && is_digit { Some(2) } else { scale_word(&lw) };
            match e {
                Some(e) => {
                    dec = dec.scale(e);
                    scale_exp += e;
                    scaled = true;
                    j += 1;
                }
                None => break,
            }
        }
    }
    let mut million_or_metre = false;
    if is_digit && !scaled && cx.alpha(j) && cx.inline(j) {
        let s = cx.s(j);
        let glued = cx.gap(j) == Gap::None;
        let unit_follows = cx.gap(j + 1) == Gap::None && (cx.digit(j + 1) || cx.sym(j + 1, "²") || cx.sym(j + 1, "³"));
        let e = match s {
            "k" | "K" if glued => Some(3),
            "M" if glued => Some(6),
            "b" | "B" if glued && currency.is_some() => Some(9),
            "bn" | "Bn" | "BN" | "bln" | "billion" => Some(9),
            "mn" | "Mn" | "mln" => Some(6),
            "tn" | "trn" => Some(12),
            "m" if !unit_follows && !(cx.sym(j + 1, "/")) => {
                million_or_metre = true;
                None
            }
            _ => None,
        };
        if let Some(e) = e {
            dec = dec.scale(e);
            scale_exp += e;
            scaled = true;
            j += 1;
        }
    }

    // --- right: currency, percent or unit ---
    let mut unit: Option<&'static str> = None;
    let mut percent: Option<&'static str> = None;
    let mut hyphen_unit = false;
    let tail_start = if cx.glued_hyphen(j) && cx.alpha(j + 1) && !million_or_metre {
        hyphen_unit = true;
        j + 1
    } else {
        j
    };
    if million_or_metre {
        // `USD 600m`, `14m people` are millions; `a 300m wall` is metres.
        let next_plural = cx.alpha(j + 1) && cx.spaced(j + 1) && looks_plural(&cx.lower(j + 1));
        let next_money = cx.tail_at(j + 1).is_some_and(|(t, _)| matches!(t, Tail::Currency(_)));
        if currency.is_some() || next_plural || next_money {
            dec = dec.scale(6);
            scale_exp += 6;
            scaled = true;
        } else {
            unit = Some("m");
        }
        j += 1;
    }
    let mut tail_used = false;
    if unit.is_none() && (cx.gap(tail_start) != Gap::Newline) {
        let sym_tail = cx.kind(tail_start) == Some(TokKind::Sym) && !hyphen_unit;
        if sym_tail && currency.is_none() {
            if let Some(c) = currency_symbol(cx.s(tail_start)) {
                currency = Some(c);
                j = tail_start + 1;
                tail_used = true;
            }
        }
        if !tail_used {
            if let Some(code) = currency_code(cx.s(tail_start)).filter(|_| cx.alpha(tail_start) && !hyphen_unit) {
                if cx.spaced(tail_start) {
                    currency = currency.or(Some(code));
                    j = tail_start + 1;
                    tail_used = true;
                }
            }
        }
        if !tail_used {
            if let Some((tail, end)) = cx.tail_at(tail_start) {
                let glue_ok = match tail {
                    // `30-year-old`, `5-km`: only units join with a hyphen.
                    _ if hyphen_unit => matches!(tail, Tail::Unit(_)),
                    Tail::Percent("%") => true,
                    _ => cx.gap(tail_start) != Gap::None || cx.s(tail_start).len() <= 3,
                };
                if glue_ok {
                    match tail {
                        Tail::Currency(_) if cx.lower(end) == "of" && cx.lower(tail_start).starts_with("pound") => {
                            unit = Some("lb"); // `5,000 pounds of explosives`
                        }
                        Tail::Currency(c) => currency = currency.or(Some(c)),
                        Tail::Percent(p) => percent = Some(p),
                        Tail::Unit(u) => unit = Some(u),
                    }
                    j = end;
                    tail_used = true;
                }
            }
        }
    }
    // `hundreds of millions of dollars`
    if core.noun_after_of && currency.is_none() && cx.lower(j) == "of" {
        if let Some((Tail::Currency(c), end)) = cx.tail_at(j + 1) {
            currency = Some(c);
            j = end;
            tail_used = true;
        }
    }
    if unit.is_none() && currency.is_none() && percent.is_none() {
        if let Some(b) = before_numeral.filter(|_| cx.inline(i)) {
            if cx.lower(b) == "aged" && qualifier.is_none() {
                unit = Some("years old");
            }
        }
    }

    // --- right: trailing qualifiers `300+`, `or more`, `or so`, `20-odd` ---
    if cx.sym(j, "+") && cx.gap(j) == Gap::None {
        qualifier = qualifier.or(Some(Qualifier::AtLeast));
        j += 1;
    } else if cx.lower(j) == "or" && cx.spaced(j) && cx.spaced(j + 1) {
        match cx.lower(j + 1).as_str() {
            "more" => qualifier = qualifier.or(Some(Qualifier::AtLeast)),
            "so" => qualifier = qualifier.or(Some(Qualifier::Approx)),
            _ => {}
        }
    } else if cx.glued_hyphen(j) && matches!(cx.lower(j + 1).as_str(), "odd" | "plus") {
        let q = if cx.lower(j + 1) == "odd" { Qualifier::Approx } else { Qualifier::AtLeast };
        qualifier = qualifier.or(Some(q));
        j += 2;
    }
    let end_tok = j - 1;

    // --- rejections: what the numeral is glued to, dates, times, labels, runs of numbers ---
    let after = core.last + 1;
    if glued_next && !scaled && !tail_used && !million_or_metre {
        if cx.alpha(after) {
            return None; // `3D`, `1st`, `10am`, `1990s`
        }
        if cx.glued_hyphen(after) && !cx.alpha(after + 1) {
            return None; // `2019-10-04`, `3-1`, `10-15`
        }
        if cx.glued_hyphen(after) && is_in(HYPHEN_BLOCKERS, &cx.lower(after + 1)) {
            return None; // `two-thirds`, `one-off`
        }
        if (cx.sym(after, "]") || cx.sym(after, ")")) && lead.is_some_and(|p| cx.sym(p, "[") || cx.sym(p, "(")) {
            return None; // `[3]` footnotes, `(2)` list items
        }
    }
    if cx.glued_hyphen(after)
        && (cx.digit(after + 1)
            || is_in(HYPHEN_BLOCKERS, &cx.lower(after + 1))
            || number_word(&cx.lower(after + 1)).is_some())
    {
        return None;
    }
    if is_digit && (cx.digit(after) && cx.spaced(after)) {
        return None; // phone numbers and other runs of bare numbers
    }
    if let Some(p) = lead {
        if cx.digit(p) && cx.spaced(first) {
            return None;
        }
    }
    let bare = currency.is_none() && unit.is_none() && percent.is_none() && !scaled;
    if core.shape == Shape::EuDecimal && !(scaled || currency.is_some() || unit.is_some() || percent.is_some()) {
        return None; // `1,2`: a list, not a decimal
    }
    if is_digit && bare && is_time(cx, i, core.last, lead, core.shape) {
        return None;
    }
    if qualifier.is_none() && currency.is_none() {
        if let Some(p) = lead {
            // Labels are written in figures or capitalised (`Boeing 737`, `Apollo Eleven`); a
            // lowercase number word after a name counts (`docked Westford six points`).
            let worded = !is_digit && cx.s(i).chars().next().is_some_and(char::is_lowercase);
            let named = cx.alpha(p) && !is_in(LABEL_WORDS, &cx.lower(p));
            if is_label(cx, p) && !(worded && named) {
                return None;
            }
        }
    }
    let int_value = (core.shape == Shape::Plain).then(|| cx.s(i).parse::<u32>().ok()).flatten();
    // Day of month next to a month name: `4 May`, `May 4`, `4 of May`.
    if bare && int_value.is_some_and(|n| (1..=31).contains(&n)) {
        let next_month = is_month(cx.s(after)) || (cx.lower(after) == "of" && is_month(cx.s(after + 1)));
        let prev_month = lead.is_some_and(|p| {
            is_month(cx.s(p)) || (cx.sym(p, ".") && p > 0 && cx.gap(p) == Gap::None && is_month(cx.s(p - 1)))
        });
        if next_month || prev_month {
            return None;
        }
    }
    // List markers at the start of a line: `1. Introduction`, `2) Findings`.
    if (cx.gap(first) == Gap::Newline || first == 0)
        && (cx.sym(after, ".") || cx.sym(after, ")"))
        && bare
        && cx.gap(after) == Gap::None
    {
        return None;
    }

    let kind = if currency.is_some() {
        QuantityKind::Money
    } else if percent.is_some() {
        QuantityKind::Percent
    } else if unit.is_some() {
        QuantityKind::Measure
    } else {
        QuantityKind::Count
    };

    // --- counted noun ---
    let value_is_one = dec.mant == 1 && dec.exp == 0;
    let mut relative_time = false;
    let noun = match kind {
        QuantityKind::Count if core.noun_after_of => {
            (cx.lower(j) == "of" && cx.spaced(j)).then(|| noun_after(cx, j + 1, true)).flatten()
        }
        QuantityKind::Count => {
            if cx.glued_hyphen(j) && cx.lower(j + 1) == "strong" {
                noun_after(cx, j + 2, true) // `a 1,000-strong crowd`
            } else if cx.glued_hyphen(j) && cx.alpha(j + 1) {
                // `12-storey`, `three-year`: the hyphenated word is what is counted.
                let lw = cx.lower(j + 1);
                (!is_in(STOPWORDS, &lw) && lw.len() > 1).then(|| singular(&lw))
            } else {
                let found = noun_at(cx, j, value_is_one);
                // `seven years ago` places an event in time; it counts nothing.
                if let Some((n, k)) = &found {
                    let lead_word = lead.map(|p| cx.lower(p)).unwrap_or_default();
                    // `six minutes after the break` is an offset too, unless a preposition makes
                    // it a duration (`jailed for eight years after a trial`).
                    let duration = is_in(&["for", "to", "of", "with", "within", "in", "over", "spent"], &lead_word);
                    relative_time = is_in(TIME_UNITS, n)
                        && cx.spaced(k + 1)
                        && match cx.lower(k + 1).as_str() {
                            "ago" | "later" | "earlier" => true,
                            "after" | "before" => !duration,
                            _ => false,
                        };
                }
                // `10 years or more`: the hedge follows the noun.
                if let Some((_, k)) = &found {
                    if cx.lower(k + 1) == "or" && cx.spaced(k + 1) && cx.spaced(k + 2) {
                        match cx.lower(k + 2).as_str() {
                            "more" => qualifier = qualifier.or(Some(Qualifier::AtLeast)),
                            "so" => qualifier = qualifier.or(Some(Qualifier::Approx)),
                            _ => {}
                        }
                    }
                }
                found.map(|(n, _)| n)
            }
        }
        _ => {
            let lw = cx.lower(j);
            if lw == "of" && cx.spaced(j) {
                noun_after(cx, j + 1, true)
            } else if matches!(lw.as_str(), "per" | "a" | "an")
                && cx.spaced(j)
                && cx.spaced(j + 1)
                && is_in(RATE_NOUNS, &cx.lower(j + 1))
                && !(cx.alpha(j + 2)
                    && cx.spaced(j + 2)
                    && is_in(&["ago", "earlier", "later", "before"], &cx.lower(j + 2)))
            {
                // A rate: `$48 per share` and `$48 a share` price one share, not the deal.
                Some(format!("per {}", singular(&cx.lower(j + 1))))
            } else if lw == "in" && cx.spaced(j) && cx.alpha(j + 1) && cx.spaced(j + 1) {
                let w = cx.s(j + 1);
                let first_lower = w.chars().next().is_some_and(char::is_lowercase);
                // `raised $3m in two days` says when, not what the money is in.
                let counted = number_word(&w.to_lowercase()).is_some();
                (first_lower && !counted && !is_in(STOPWORDS, w) && !is_month(w))
                    .then(|| noun_after(cx, j + 1, true))
                    .flatten()
            } else {
                None
            }
        }
    };
    if relative_time {
        return None;
    }
    if core.lone_one && noun.as_deref().is_none_or(|n| is_in(ONE_IDIOMS, n)) {
        return None;
    }
    if kind == QuantityKind::Count && noun.is_none() && names_a_thing(cx, j) {
        return None;
    }
    // A bare four-digit number from 1000 to 2100 is a year unless it plainly counts something.
    if bare && int_value.is_some_and(|n| (1000..=2100).contains(&n)) {
        let year_word = lead.is_some_and(|p| is_in(YEAR_WORDS, &cx.lower(p)) || is_month(cx.s(p)) || cx.sym(p, ","));
        if noun.is_none() || year_word || !looks_plural(&cx.lower(j)) {
            return None;
        }
    }

    let start = cx.toks[first].start;
    let end = cx.toks[end_tok].end;
    let unit = match (currency, percent, unit) {
        (Some(c), _, _) => Some(c.to_string()),
        (None, Some(p), _) => Some(p.to_string()),
        (None, None, u) => u.map(str::to_string),
    };
    let q = Quantity {
        span: start..end,
        surface: cx.text[start..end].to_string(),
        value: dec.value(),
        unit,
        kind,
        qualifier: qualifier.unwrap_or(Qualifier::Exact),
        noun,
    };
    let lead_word = lead.map(|p| cx.lower(p)).unwrap_or_default();
    Some(Built { q, last: end_tok, core: core.dec, scale_exp, lead_word })
}

/// A figure read by [`build`], with what a range (`2 to 3 million`) needs to share its unit.
struct Built {
    q: Quantity,
    last: usize,
    core: Dec,
    /// Power of ten applied by scale words (`million` = 6).
    scale_exp: i32,
    lead_word: String,
}

/// `2 to 3 million people`, `between 10 and 15 percent`: the first figure takes the scale, unit
/// and noun of the second, and the two become the bounds of a range. After `from` (`rose from 10
/// to 15 percent`) they are two values in time, so both stay exact.
fn join_range(cx: &Cx, a: &mut Built, b: &mut Built) {
    let connector = a.last + 1;
    let word = cx.lower(connector);
    let is_range = match word.as_str() {
        "to" => true,
        "and" => a.lead_word == "between",
        _ => false,
    };
    let adjacent = cx.toks.get(connector + 1).is_some_and(|t| t.start == b.q.span.start);
    // The first figure must lack what the second has (`$5 and $10 million`, `10 and 15 percent`).
    let a_open = a.scale_exp == 0
        && a.q.noun.is_none()
        && (a.q.kind == QuantityKind::Count || (a.q.kind == b.q.kind && a.q.unit == b.q.unit));
    let b_gives = b.scale_exp != 0 || b.q.unit.is_some() || b.q.noun.is_some();
    if !is_range || !a_open || !b_gives || !cx.spaced(connector) || !adjacent {
        return;
    }
    a.q.value = a.core.scale(b.scale_exp).value();
    a.q.unit = b.q.unit.clone();
    a.q.kind = b.q.kind;
    a.q.noun = b.q.noun.clone();
    if a.lead_word != "from" {
        if a.q.qualifier == Qualifier::Exact {
            a.q.qualifier = Qualifier::AtLeast;
        }
        if b.q.qualifier == Qualifier::Exact {
            b.q.qualifier = Qualifier::AtMost;
        }
    }
}

/// Whether the words from token `k` make the number part of a name: a model (`737 MAX`) or a
/// street address (`10 Downing Street`).
fn names_a_thing(cx: &Cx, k: usize) -> bool {
    if !cx.alpha(k) || !cx.spaced(k) {
        return false;
    }
    let w = cx.s(k);
    if w.len() >= 2 && w.chars().all(char::is_uppercase) && currency_code(w).is_none() {
        return true;
    }
    (k..k + 3)
        .take_while(|&m| cx.alpha(m) && cx.spaced(m) && cx.s(m).chars().next().is_some_and(char::is_uppercase))
        .any(|m| {
            matches!(
                cx.lower(m).as_str(),
                "street"
                    | "road"
                    | "avenue"
                    | "lane"
                    | "boulevard"
                    | "drive"
                    | "st"
                    | "rd"
                    | "ave"
                    | "blvd"
                    | "strasse"
            )
        })
}

/// The longest qualifier phrase ending right before token `first`: its qualifier and first token.
fn qualifier_before(cx: &Cx, first: usize, floor: usize) -> Option<(Qualifier, usize)> {
    QUALIFIERS.iter().find_map(|(words, q)| {
        let start = first.checked_sub(words.len())?;
        if start < floor {
            return None;
        }
        let ok = words.iter().enumerate().all(|(n, w)| {
            let k = start + n;
            cx.alpha(k) && cx.lower(k) == *w && (n == 0 || cx.spaced(k))
        });
        (ok && cx.spaced(first)).then_some((*q, start))
    })
}

/// `10.30` after `at`, `10 am`, `10 p.m.`, `9 o'clock`, `14.00 GMT`.
fn is_time(cx: &Cx, i: usize, last: usize, lead: Option<usize>, shape: Shape) -> bool {
    let after = last + 1;
    let next = cx.s(after);
    if cx.inline(after) {
        if matches!(next, "am" | "pm" | "AM" | "PM" | "hrs" | "h") || is_in(TIME_ZONES, next) {
            return true;
        }
        if matches!(next, "a" | "p") && cx.sym(after + 1, ".") && cx.lower(after + 2) == "m" {
            return true;
        }
        if next == "o" && (cx.sym(after + 1, "'") || cx.sym(after + 1, "’")) && cx.lower(after + 2) == "clock" {
            return true;
        }
    }
    if shape == Shape::Decimal {
        let s = cx.s(i);
        if let Some((h, m)) = s.split_once('.') {
            let clock =
                m.len() == 2 && h.parse::<u32>().is_ok_and(|h| h <= 24) && m.parse::<u32>().is_ok_and(|m| m < 60);
            let at = lead.is_some_and(|p| {
                matches!(cx.lower(p).as_str(), "at" | "from" | "until" | "till" | "by" | "before" | "after" | "to")
            });
            return clock && at;
        }
    }
    false
}

/// Whether the word before a number makes it a label or reference (`Article 5`, `page 4`, `No. 3`).
fn is_label(cx: &Cx, p: usize) -> bool {
    if cx.sym(p, "#") || cx.sym(p, "№") || cx.sym(p, "§") {
        return true;
    }
    if cx.sym(p, ".") && p > 0 && cx.gap(p) == Gap::None && is_in(LABEL_WORDS, &cx.lower(p - 1)) {
        return true;
    }
    if !cx.alpha(p) {
        return false;
    }
    let w = cx.s(p);
    let lw = w.to_lowercase();
    if is_in(LABEL_WORDS, &lw) {
        return true;
    }
    // A name or title right before a number labels it: `Resolution 2334`, `Boeing 737`, `iOS 17`.
    // Possessives (`Russia's 300`) end in a lowercase `s` token and are not caught.
    let has_upper = w.chars().any(char::is_uppercase);
    has_upper && !is_in(FUNCTION_WORDS, &lw) && !is_month(w) && currency_code(w).is_none()
}

/// The head noun of the phrase starting at token `k`: up to two modifiers, then a plural (or,
/// with `singular_ok`, any content word). Lowercase singular.
fn noun_after(cx: &Cx, k: usize, singular_ok: bool) -> Option<String> {
    noun_at(cx, k, singular_ok).map(|(n, _)| n)
}

/// [`noun_after`] with the index of the noun's token.
fn noun_at(cx: &Cx, mut k: usize, singular_ok: bool) -> Option<(String, usize)> {
    if !cx.inline(k) {
        return None;
    }
    // Determiners after `of`: `40% of the vote`.
    if singular_ok && matches!(cx.lower(k).as_str(), "the" | "its" | "their" | "his" | "her" | "our" | "all" | "these")
    {
        k += 1;
    }
    let mut seen = 0;
    while seen < 4 && cx.alpha(k) && (seen == 0 || cx.spaced(k) || cx.sym(k - 1, "-")) {
        let w = cx.s(k);
        let lw = w.to_lowercase();
        let hyphenated = cx.glued_hyphen(k + 1) && cx.alpha(k + 2);
        if is_in(STOPWORDS, &lw) && !hyphenated && !matches!(lw.as_str(), "more" | "other") {
            return None;
        }
        if is_month(w) || lw.len() < 2 {
            return None;
        }
        if looks_plural(&lw) && !w.chars().all(char::is_uppercase) {
            return Some((singular(&lw), k));
        }
        let next_is_word = (cx.alpha(k + 1) && cx.spaced(k + 1)) || hyphenated;
        if (is_modifier(w) || hyphenated) && next_is_word && seen < 3 {
            seen += 1;
            k += if hyphenated { 2 } else { 1 };
            continue;
        }
        let plain = w.chars().next().is_some_and(char::is_lowercase);
        // Noun compounds: `aid workers`, `land mines`.
        if plain && cx.alpha(k + 1) && cx.spaced(k + 1) {
            let next = cx.s(k + 1);
            let nl = next.to_lowercase();
            // Only when the phrase ends there, so a verb (`the budget allocates funds`) is not taken.
            let after = k + 2;
            let ends = !cx.alpha(after) || !cx.spaced(after) || is_in(STOPWORDS, &cx.lower(after));
            if next.chars().next().is_some_and(char::is_lowercase) && looks_plural(&nl) && ends {
                return Some((singular(&nl), k + 1));
            }
        }
        return (singular_ok && plain).then(|| (lw.clone(), k));
    }
    None
}

/// Numbers and quantities in `text`, in text order and non-overlapping. Figures touching any
/// range in `exclude` (for example spans already read as dates) are skipped.
pub fn find_numbers(text: &str, exclude: &[Range<usize>]) -> Vec<Quantity> {
    let toks = lex(text);
    let cx = Cx { text, toks: &toks };
    let mut out = Vec::new();
    let (mut i, mut floor) = (0, 0);
    let clash = |q: &Quantity| exclude.iter().any(|r| r.start < q.span.end && q.span.start < r.end);
    while i < toks.len() {
        let Some(mut a) = build(&cx, i, floor) else {
            i += 1;
            continue;
        };
        i = a.last + 1;
        floor = i;
        // A range end right after the connector word.
        let connector = matches!(cx.lower(i).as_str(), "to" | "and");
        // The second figure may open with a currency sign: `between $5 and $10 million`.
        let at = if currency_symbol(cx.s(i + 1)).is_some() { i + 2 } else { i + 1 };
        let second = (connector && at < toks.len()).then(|| build(&cx, at, i + 1)).flatten();
        if let Some(mut b) = second {
            join_range(&cx, &mut a, &mut b);
            if !clash(&a.q) {
                out.push(a.q);
            }
            if !clash(&b.q) {
                out.push(b.q);
            }
            i = b.last + 1;
            floor = i;
            continue;
        }
        if !clash(&a.q) {
            out.push(a.q);
        }
    }
    for q in &mut out {
        unit_symbol(text, q);
    }
    out.sort_by_key(|q| q.span.start);
    out
}

/// Reads a unit written as a symbol the unit table does not know, by its shape: a short word
/// with an inner capital (`4,800 mAh`, `16 MiB`, `3.2 GHz`). The figure becomes a measure in that unit, compared only with figures
/// in the same symbol.
fn unit_symbol(text: &str, q: &mut Quantity) {
    if q.kind != QuantityKind::Count || q.unit.is_some() || q.noun.is_some() {
        return;
    }
    let rest = &text[q.span.end..];
    let word = rest.trim_start_matches([' ', '\u{a0}', '\u{202f}']);
    let skipped = rest.len() - word.len();
    if skipped > 2 {
        return;
    }
    let len = word.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(word.len());
    let sym = &word[..len];
    if sym.is_empty() || len > 5 || word[len..].starts_with(|c: char| c.is_alphanumeric() || c == '-') {
        return;
    }
    let inner_capital =
        sym.chars().skip(1).any(|c| c.is_ascii_uppercase()) && sym.chars().any(|c| c.is_ascii_lowercase());
    if inner_capital {
        q.kind = QuantityKind::Measure;
        q.unit = Some(sym.to_string());
        q.span.end += skipped + len;
        q.surface = text[q.span.clone()].to_string();
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn other_fractions_of_a_million_are_not_read_as_a_million() {
        for t in ["Nearly a third of a million voters stayed home.", "Three quarters of a million pupils sat the exam."]
        {
            assert!(find_numbers(t, &[]).iter().all(|q| q.surface.to_lowercase() != "a million"), "{t}");
        }
    }

    use super::*;

    fn one(text: &str) -> Quantity {
        let found = find_numbers(text, &[]);
        assert_eq!(found.len(), 1, "expected one quantity in {text:?}, got {found:#?}");
        found.into_iter().next().unwrap()
    }

    fn approx_eq(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
    }

    #[test]
    fn unit_symbols_by_shape() {
        let cases = [
            ("It has a 4,800 mAh battery.", Some("mAh")),
            ("The cache holds 16 MiB of data.", Some("MiB")),
            ("It ships with 16 GB of memory.", None),
            ("Twelve Mbps were promised.", None),
            ("The 20 EU members agreed.", None),
            ("They saw 5 cats.", None),
        ];
        for (text, want) in cases {
            let found = find_numbers(text, &[]);
            let got = found.first().and_then(|q| q.unit.clone());
            assert_eq!(got.as_deref(), want, "{text}: {found:?}");
        }
    }

    #[test]
    fn rates_relative_times_and_durations_after_in() {
        // A price per unit is keyed by the unit, whatever the wording.
        assert_eq!(one("The buyer will pay $48 per share in cash.").noun.as_deref(), Some("per share"));
        assert_eq!(one("The buyer will pay $48 a share.").noun.as_deref(), Some("per share"));
        assert_eq!(one("Brent crude fell to $81 a barrel.").noun.as_deref(), Some("per barrel"));
        assert_eq!(one("Cleaners earn €12 an hour.").noun.as_deref(), Some("per hour"));
        assert_eq!(one("Profit was $5m a year earlier.").noun, None);
        // `N units ago` is a point in time, not a count.
        assert!(find_numbers("They last won there seven years ago.", &[]).is_empty());
        assert!(find_numbers("The plant closed two decades ago, workers said.", &[]).is_empty());
        assert!(find_numbers("Three days later the ferry sailed.", &[]).is_empty());
        assert!(find_numbers("He died two days after the attack.", &[]).is_empty());
        assert_eq!(one("He was jailed for eight years after a trial.").value, 8.0);
        // A lowercase number word after a name is a count, not a label like `Boeing 737`.
        assert_eq!(one("The panel docked Westford six points.").value, 6.0);
        assert!(find_numbers("The Boeing 737 landed.", &[]).is_empty());
        assert_eq!(one("He signed for seven years in 2019.").noun.as_deref(), Some("year"));
        // `in two days` says when the money came, not what it is in.
        let q = find_numbers("The appeal raised 3.5 million euros in two days.", &[]);
        assert_eq!(q[0].noun, None);
        assert_eq!(one("The fund has €50m in emergency loans.").noun.as_deref(), Some("loan"));
    }

    #[test]
    fn number_forms() {
        // (sentence, surface, value, unit, noun)
        type Row = (&'static str, &'static str, f64, Option<&'static str>, Option<&'static str>);
        let table: &[Row] = &[
            ("The rocket carried seven satellites into orbit.", "seven", 7.0, None, Some("satellite")),
            ("The rocket carried nine satellites into orbit.", "nine", 9.0, None, Some("satellite")),
            ("Officials counted 300 casualties after the raid.", "300", 300.0, None, Some("casualty")),
            ("Officials counted 3,000 casualties after the raid.", "3,000", 3000.0, None, Some("casualty")),
            ("The fund paid 2,500 families last week.", "2,500", 2500.0, None, Some("family")),
            ("The fund paid 2500 families last week.", "2500", 2500.0, None, Some("family")),
            ("A crowd of 375 000 gathered.", "375 000", 375_000.0, None, None),
            ("A crowd of 375\u{a0}000 gathered.", "375\u{a0}000", 375_000.0, None, None),
            ("A crowd of 375\u{202f}000 gathered.", "375\u{202f}000", 375_000.0, None, None),
            ("A crowd of 375\u{2009}000 gathered.", "375\u{2009}000", 375_000.0, None, None),
            ("Donors pledged $600 million in aid.", "$600 million", 6e8, Some("USD"), Some("aid")),
            ("Donors pledged 600 million dollars.", "600 million dollars", 6e8, Some("USD"), None),
            ("Donors pledged USD 600m on Monday.", "USD 600m", 6e8, Some("USD"), None),
            (
                "The ship carried 3,400 kilograms of explosives.",
                "3,400 kilograms",
                3400.0,
                Some("kg"),
                Some("explosive"),
            ),
            ("The ship carried 3400 kg of explosives.", "3400 kg", 3400.0, Some("kg"), Some("explosive")),
            ("The convoy stopped 12 km from the border.", "12 km", 12.0, Some("km"), None),
            ("The convoy stopped 12 kilometres from the border.", "12 kilometres", 12.0, Some("km"), None),
            ("The convoy stopped 12 kilometers from the border.", "12 kilometers", 12.0, Some("km"), None),
            ("Turnout reached 40% of the electorate.", "40%", 40.0, Some("%"), Some("electorate")),
            ("Turnout reached 40 per cent.", "40 per cent", 40.0, Some("%"), None),
            ("Turnout reached forty percent.", "forty percent", 40.0, Some("%"), None),
            ("The region has 2.3 billion residents.", "2.3 billion", 2.3e9, None, Some("resident")),
            ("The region has 2,300 million residents.", "2,300 million", 2.3e9, None, Some("resident")),
            ("The deal is worth $3.2bn.", "$3.2bn", 3.2e9, Some("USD"), None),
            ("The deal is worth 3.2 billion dollars.", "3.2 billion dollars", 3.2e9, Some("USD"), None),
            ("The app has 450k users.", "450k", 450_000.0, None, Some("user")),
            ("The app has 450,000 users.", "450,000", 450_000.0, None, Some("user")),
            ("Police arrested a dozen protesters.", "a dozen", 12.0, None, Some("protester")),
            ("Police arrested 12 protesters.", "12", 12.0, None, Some("protester")),
            ("The court heard ten witnesses.", "ten", 10.0, None, Some("witness")),
            ("The court heard eleven witnesses.", "eleven", 11.0, None, Some("witness")),
            ("Rescuers found twenty-five survivors.", "twenty-five", 25.0, None, Some("survivor")),
            (
                "The firm hired one hundred and twenty engineers.",
                "one hundred and twenty",
                120.0,
                None,
                Some("engineer"),
            ),
            ("The firm hired 120 engineers.", "120", 120.0, None, Some("engineer")),
            ("The bank lent €5 million to farmers.", "€5 million", 5e6, Some("EUR"), None),
            ("The bank lent 5 million euros to farmers.", "5 million euros", 5e6, Some("EUR"), None),
            ("The bank lent EUR 5m to farmers.", "EUR 5m", 5e6, Some("EUR"), None),
            ("Prices rose by 2.5 per cent.", "2.5 per cent", 2.5, Some("%"), None),
            ("Only 0.75 percent of votes were spoiled.", "0.75 percent", 0.75, Some("%"), Some("vote")),
            ("The budget is 2,5 million euros.", "2,5 million euros", 2.5e6, Some("EUR"), None),
            ("The estate covers 1.500.000 hectares.", "1.500.000 hectares", 1.5e6, Some("ha"), None),
            ("The fine was £250,000.", "£250,000", 250_000.0, Some("GBP"), None),
            ("He paid US$40 for it.", "US$40", 40.0, Some("USD"), None),
            ("Losses hit 1.2 trillion rubles.", "1.2 trillion rubles", 1.2e12, Some("RUB"), None),
            ("Wages were raised by 500 manat.", "500 manat", 500.0, Some("AZN"), None),
            ("The plant produces 300 MW of power.", "300 MW", 300.0, Some("MW"), Some("power")),
            ("The fire burned 4,000 hectares of forest.", "4,000 hectares", 4000.0, Some("ha"), Some("forest")),
            ("The wall is 300m long.", "300m", 300.0, Some("m"), None),
            ("The country has 14m people.", "14m", 14e6, None, Some("people")),
            ("Some 60 million people live there.", "Some 60 million", 6e7, None, Some("people")),
            ("A 34-year-old man was detained.", "34-year-old", 34.0, Some("years old"), None),
            ("The victim, aged 34, was named.", "34", 34.0, Some("years old"), None),
            ("Ships moved 1.5 million tonnes of grain.", "1.5 million tonnes", 1.5e6, Some("t"), Some("grain")),
            ("The park spans 120 sq km of wetland.", "120 sq km", 120.0, Some("km2"), Some("wetland")),
            ("The group comprised 42 companies-representatives.", "42", 42.0, None, Some("company")),
            ("They met more than 300 civilians including children.", "more than 300", 300.0, None, Some("civilian")),
            ("Officials said 14 million people were displaced.", "14 million", 14e6, None, Some("people")),
            ("Russia launched seven Russian military satellites.", "seven", 7.0, None, Some("satellite")),
            ("The strike destroyed one bridge.", "one", 1.0, None, Some("bridge")),
            ("The building has 12-storey towers.", "12", 12.0, None, Some("storey")),
            ("Support rose 3 percentage points.", "3 percentage points", 3.0, Some("pp"), None),
            ("The crowd numbered 300+ people.", "300+", 300.0, None, Some("people")),
            ("Half a million refugees crossed.", "Half a million", 5e5, None, Some("refugee")),
            ("They sold a quarter of a million tickets.", "a million", 2.5e5, None, Some("ticket")),
            ("It cost ¥1,000.", "¥1,000", 1000.0, Some("JPY"), None),
            ("The firm earned 25 million GBP.", "25 million GBP", 2.5e7, Some("GBP"), None),
            ("The tanker holds 2 million barrels of oil.", "2 million barrels", 2e6, Some("bbl"), Some("oil")),
            ("Troops advanced 5 miles overnight.", "5 miles", 5.0, Some("mi"), None),
            ("The truck carried 5,000 pounds of explosives.", "5,000 pounds", 5000.0, Some("lb"), Some("explosive")),
        ];
        assert!(table.len() >= 40);
        for (text, surface, value, unit, noun) in table {
            let q = one(text);
            assert_eq!(q.surface, *surface, "{text}");
            assert_eq!(&text[q.span.clone()], *surface, "{text}");
            assert!(approx_eq(q.value, *value), "{text}: {} != {value}", q.value);
            assert_eq!(q.unit.as_deref(), *unit, "{text}");
            assert_eq!(q.noun.as_deref(), *noun, "{text}");
        }
    }

    #[test]
    fn kinds_and_qualifiers() {
        let cases: &[(&str, QuantityKind, Qualifier)] = &[
            ("Donors pledged $600 million.", QuantityKind::Money, Qualifier::Exact),
            ("Turnout was about 40%.", QuantityKind::Percent, Qualifier::Approx),
            ("The road is nearly 12 km long.", QuantityKind::Measure, Qualifier::Approx),
            ("At least 300 people died.", QuantityKind::Count, Qualifier::AtLeast),
            ("More than 300 people died.", QuantityKind::Count, Qualifier::MoreThan),
            ("Up to 300 people may have died.", QuantityKind::Count, Qualifier::AtMost),
            ("Fewer than 300 people came.", QuantityKind::Count, Qualifier::LessThan),
            ("Over 2,000 homes were hit.", QuantityKind::Count, Qualifier::MoreThan),
            ("An estimated 5,000 people fled.", QuantityKind::Count, Qualifier::Approx),
            ("Hundreds of thousands of people fled.", QuantityKind::Count, Qualifier::AtLeast),
            ("Dozens of soldiers were hurt.", QuantityKind::Count, Qualifier::AtLeast),
            ("It will take 10 years or more to rebuild.", QuantityKind::Count, Qualifier::AtLeast),
            ("The dam holds around 3 million cubic metres of water.", QuantityKind::Measure, Qualifier::Approx),
        ];
        for (text, kind, qual) in cases {
            let q = one(text);
            assert_eq!(q.kind, *kind, "{text}");
            assert_eq!(q.qualifier, *qual, "{text}");
        }
        let h = one("Hundreds of thousands of people fled.");
        assert_eq!((h.value, h.noun.as_deref()), (200_000.0, Some("people")));
        let d = one("Dozens of soldiers were hurt.");
        assert_eq!((d.value, d.noun.as_deref()), (24.0, Some("soldier")));
        let m = one("Aid reached hundreds of millions of dollars.");
        assert_eq!((m.kind, m.unit.as_deref(), m.value), (QuantityKind::Money, Some("USD"), 2e8));
    }

    fn q(text: &str) -> Quantity {
        one(text)
    }

    #[test]
    fn equal_pairs() {
        let pairs = [
            ("2,500 people", "2500 people"),
            ("375 000 people", "375,000 people"),
            ("375\u{a0}000 people", "375,000 people"),
            ("375\u{202f}000 people", "375,000 people"),
            ("375\u{2009}000 people", "375,000 people"),
            ("$600 million", "600 million dollars"),
            ("$600 million", "USD 600m"),
            ("3,400 kilograms", "3400 kg"),
            ("12 km", "12 kilometres"),
            ("12 km", "12 kilometers"),
            ("40%", "40 per cent"),
            ("40%", "forty percent"),
            ("2.3 billion", "2,300 million"),
            ("$3.2bn", "3.2 billion dollars"),
            ("450k", "450,000"),
            ("a dozen eggs", "12 eggs"),
            ("ten eggs", "10 eggs"),
            ("eleven eggs", "11 eggs"),
            ("twenty-five eggs", "25 eggs"),
            ("one hundred and twenty eggs", "120 eggs"),
            ("€5 million", "5 million euros"),
            ("€5 million", "EUR 5m"),
            ("2,5 million euros", "€2.5 million"),
            ("12 km", "12000 metres"),
            ("3 tonnes", "3,000 kg"),
            ("2 GW", "2,000 MW"),
        ];
        for (a, b) in pairs {
            let (qa, qb) = (q(a), q(b));
            assert!(same_value(&qa, &qb, 0.0), "{a} vs {b}: {} / {}", qa.display(), qb.display());
            assert!(compatible(&qa, &qb, 0.0), "{a} vs {b}");
        }
    }

    #[test]
    fn different_pairs() {
        let pairs = [
            ("seven satellites", "nine satellites"),
            ("300 casualties", "3,000 casualties"),
            ("$5 million", "€5 million"),
            ("5 km", "5 miles"),
            ("5 km", "5 kg"),
            ("40%", "40 people"),
            ("$600 million", "$600 billion"),
            ("2,5 million euros", "25 million euros"),
            ("£5 million", "$5 million"),
            ("12 km", "12 ha"),
        ];
        for (a, b) in pairs {
            let (qa, qb) = (q(a), q(b));
            assert!(!same_value(&qa, &qb, 0.0), "{a} vs {b}");
            assert!(!compatible(&qa, &qb, 0.0), "{a} vs {b}");
        }
    }

    #[test]
    fn qualifiers_make_ranges() {
        assert!(compatible(&q("more than 300 people"), &q("400 people"), 0.0));
        assert!(!compatible(&q("more than 300 people"), &q("200 people"), 0.0));
        assert!(compatible(&q("about 300 people"), &q("310 people"), 0.0));
        assert!(!compatible(&q("about 300 people"), &q("400 people"), 0.0));
        assert!(compatible(&q("up to 50 people"), &q("40 people"), 0.0));
        assert!(!compatible(&q("up to 50 people"), &q("60 people"), 0.0));
        assert!(compatible(&q("hundreds of thousands of people"), &q("300,000 people"), 0.0));
        assert!(!compatible(&q("hundreds of thousands of people"), &q("3,000 people"), 0.0));
        assert!(compatible(&q("at least 10 people"), &q("more than 20 people"), 0.0));
        assert!(!compatible(&q("fewer than 10 people"), &q("more than 20 people"), 0.0));
        // Tolerance is relative.
        assert!(same_value(&q("300 people"), &q("310 people"), 0.05));
        assert!(!same_value(&q("300 people"), &q("310 people"), 0.01));
    }

    #[test]
    fn negatives() {
        let texts = [
            "The summit opened on 4 May 2026 in Geneva.",
            "The file is dated 2019-10-04.",
            "The decree of 02.11.2002 was annulled.",
            "The plant was built in 2015 and expanded since 2019.",
            "The meeting began at 10:30 and ended at 10.30am the next day.",
            "Call +44 20 7946 0958 for details.",
            "The pilot flew a Su-25 and later an F-16.",
            "The COVID-19 rules were lifted at the G7 summit.",
            "Article 5 was cited alongside Resolution 2334 on page 4.",
            "Update to version 2.1.3 before Monday.",
            "The team won 3-1 in the final.",
            "It was the 21st summit of the 1990s.",
            "No one knew, and at one point the talks stalled.",
            "Two-thirds of the budget was spent.",
            "The vote is set for May 4, 2026.",
            "The ruling cites section 12 and chapter 3.",
            "Flight MH17 was downed.",
            "Ratios of 3:1 were common.",
            "The Boeing 737 landed safely.",
            "Reports from the 2022 census were late.",
            "The list held items 1,2 and more.",
            "See note [3] for sources.",
        ];
        assert!(texts.len() >= 15);
        for t in texts {
            let found = find_numbers(t, &[]);
            assert!(found.is_empty(), "{t}: {found:#?}");
        }
    }

    #[test]
    fn exclude_ranges_are_skipped() {
        let t = "On 12 March, 300 people marched.";
        let all = find_numbers(t, &[]);
        assert_eq!(all.len(), 1);
        let start = t.find("300").unwrap();
        let date = t.find("12 March").unwrap();
        let taken = [date..date + 8, start..start + 3];
        assert!(find_numbers(t, &taken).is_empty());
    }

    #[test]
    fn several_in_one_sentence() {
        let t = "Officials said 7 satellites and $3.2bn were lost, while 40% of staff left.";
        let found = find_numbers(t, &[]);
        let shown: Vec<String> = found.iter().map(Quantity::display).collect();
        assert_eq!(shown, ["7", "3200000000 USD", "40 %"]);
        assert!(found.windows(2).all(|w| w[0].span.end <= w[1].span.start));
        assert_eq!(found[2].noun.as_deref(), Some("staff"));
    }

    #[test]
    fn module_example_holds() {
        let found = find_numbers("Officials said more than 300 civilians died and $3.2bn in aid was pledged.", &[]);
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].surface.as_str(), found[0].qualifier), ("more than 300", Qualifier::MoreThan));
        assert_eq!(found[0].noun.as_deref(), Some("civilian"));
        assert_eq!((found[1].display(), found[1].noun.as_deref()), ("3200000000 USD".to_string(), Some("aid")));
    }

    #[test]
    fn display_forms() {
        assert_eq!(q("$600 million").display(), "600000000 USD");
        assert_eq!(q("3400 kg").display(), "3400 kg");
        assert_eq!(q("40%").display(), "40 %");
        assert_eq!(q("2,500 cars").display(), "2500");
        assert_eq!(q("2.5 kg").display(), "2.5 kg");
        assert_eq!(q("more than 300 cars").display(), ">300");
        assert_eq!(q("about 60 million people").display(), "~60000000");
    }

    #[test]
    fn years_that_count_are_kept() {
        let q = one("The agency hired 1500 workers.");
        assert_eq!((q.value, q.noun.as_deref()), (1500.0, Some("worker")));
        assert!(find_numbers("In 2000 workers were hired.", &[]).is_empty());
    }

    #[test]
    fn ranges_share_unit_and_bound_each_other() {
        let found = find_numbers("Between 10 and 15 percent of voters agreed.", &[]);
        let shown: Vec<String> = found.iter().map(Quantity::display).collect();
        assert_eq!(shown, [">=10 %", "<=15 %"]);
        let found = find_numbers("Officials expect 2 to 3 million people to flee.", &[]);
        assert_eq!(found[0].value, 2e6);
        assert_eq!(found[0].noun.as_deref(), Some("people"));
        assert_eq!((found[0].qualifier, found[1].qualifier), (Qualifier::AtLeast, Qualifier::AtMost));
        // A change over time is two exact values, not a range.
        let found = find_numbers("Unemployment rose from 4 to 6 percent.", &[]);
        assert_eq!((found[0].display(), found[1].display()), ("4 %".to_string(), "6 %".to_string()));
        let found = find_numbers("The deal is worth between $5 and $10 million.", &[]);
        let shown: Vec<String> = found.iter().map(Quantity::display).collect();
        assert_eq!(shown, [">=5000000 USD", "<=10000000 USD"]);
        // A vote tally is not a range.
        let found = find_numbers("The motion passed 312 to 115.", &[]);
        assert_eq!((found[0].display(), found[1].display()), ("312".to_string(), "115".to_string()));
    }

    #[test]
    fn nouns_in_context() {
        let cases = [
            ("They cleared thousands of recently discovered land mines.", "mine"),
            ("The agency sent 40 aid workers.", "worker"),
            ("A 1,000-strong crowd gathered outside.", "crowd"),
            ("The A-10 flew 1,200 sorties.", "sortie"),
            ("Inspectors found 300 unexploded shells.", "shell"),
            ("Ukraine has lost 14 Western-made tanks.", "tank"),
            ("He wrote: «300 soldiers were lost».", "soldier"),
            ("The count rose to '12 villages', he said.", "village"),
        ];
        for (text, noun) in cases {
            assert_eq!(one(text).noun.as_deref(), Some(noun), "{text}");
        }
    }

    #[test]
    fn names_dates_and_idioms_are_not_counts() {
        for t in [
            "The 737 MAX was grounded.",
            "She lives at 10 Downing Street.",
            "The bill passed on Nov. 5 after a debate.",
            "At one time the firm was a one-off.",
            "The Fantastic Four returned.",
            "Temperatures reached 40C at 3 p.m. local time.",
            "The hotline runs 24/7 since 9/11.",
            "The 1980s saw the A-10 and the 2-1 vote.",
            "It was a fifty-fifty call in the twenty-first century.",
            "Visit example.org/2023/05/report-123 for more.",
            "The 2024 budget allocates funds to schools.",
        ] {
            let found = find_numbers(t, &[]);
            assert!(found.is_empty(), "{t}: {found:#?}");
        }
    }

    #[test]
    fn deterministic_and_safe_on_generated_text() {
        let pieces = [
            "1", "2,5", " ", "\u{a0}", "$", "€", "million", "m", "k", "-", "–", "of", "the", "people", "%", "per",
            "cent", "one", "hundred", "and", "a", "dozen", ".", ",", "\n", "May", "2019", "é", "km", "²", "+", "at",
            "least", "US",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..300 {
            let mut t = String::new();
            for _ in 0..12 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                t.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            let a = find_numbers(&t, &[]);
            assert_eq!(a, find_numbers(&t, &[]));
            for q in &a {
                assert_eq!(&t[q.span.clone()], q.surface);
                assert!(q.value.is_finite());
            }
            assert!(a.windows(2).all(|w| w[0].span.end <= w[1].span.start), "{t:?}");
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in ["", "$", "1", "—5—", "٣ ٤", "12\u{202f}", "a", "US$", "€€5", "9".repeat(80).as_str(), "1.", "-1-"]
        {
            let _ = find_numbers(t, &[]);
        }
        let _ = find_numbers("1 000 000 000 000 000 000 000 000 000 000 000 000 000 000", &[]);
        let _ = find_numbers("nine hundred ninety-nine trillion nine hundred billion", &[]);
    }
}
