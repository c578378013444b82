//! Plants discrepancies into a folder of real documents about one story, for measuring what the
//! engine finds on text it was never tuned on:
//!
//! ```sh
//! cargo run --release --example perturb -- SRC OUT --seed 7
//! cargo run --release --example perturb -- SRC OUT --plan plan.toml   # apply a written plan
//! ```
//!
//! It looks, with recognisers of its own (deliberately not the engine's, so that a plant is not
//! placed only where the engine already looks), for facts that **two documents state alike**:
//! a count with its noun, a date or weekday, a person's surname, an office title before a name,
//! a quotation, the named source of a statement. For each kind it picks one such fact whose
//! sentences share content words (so both documents are about the same thing), and edits it in
//! one of the documents: a digit transposition or a plausible other count, a day or month shift,
//! a weekday swap, a transliteration-style edit of the surname (every mention in that document),
//! the title of a colleague, a synonym for one word of the quote, another source from the set.
//! Every edit replaces a word or phrase by one of the same part of speech, so it stays grammatical.
//!
//! It writes `OUT/planted/` (the edited documents in `articles/`, an `EXPECTED.toml` naming both
//! values of each plant, and the `plan.toml` it applied) and `OUT/twin/` (the untouched documents
//! with an `EXPECTED.toml` without expectations: every finding there is stray, i.e. noise or a
//! real inconsistency, to be judged). The same source and seed always give the same output.
//! A plan whose search string does not occur exactly once in its document is refused.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use regex::Regex;
use serde::{Deserialize, Serialize};

/// One edit: `search` must occur exactly once in `doc`, and becomes `replace`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Edit {
    doc: String,
    search: String,
    replace: String,
}

/// One planted discrepancy: the edits that make it and the two values a finding must name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Plant {
    kind: String,
    /// The value as another document still states it, then the planted one.
    values: [String; 2],
    note: String,
    edits: Vec<Edit>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct Plan {
    #[serde(default)]
    plant: Vec<Plant>,
}

/// splitmix64: small, seedable and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
}

/// A document of the source folder.
struct Doc {
    name: String,
    text: String,
}

const STOP: &[&str] = &[
    "about",
    "after",
    "again",
    "against",
    "also",
    "been",
    "before",
    "being",
    "between",
    "both",
    "could",
    "does",
    "down",
    "during",
    "each",
    "from",
    "further",
    "have",
    "having",
    "here",
    "into",
    "just",
    "more",
    "most",
    "much",
    "only",
    "other",
    "over",
    "said",
    "same",
    "says",
    "should",
    "since",
    "some",
    "such",
    "than",
    "that",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "under",
    "until",
    "very",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "will",
    "with",
    "would",
    "your",
    "year",
    "years",
    "told",
    "according",
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
];
const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const NUMBER_WORDS: &[&str] = &[
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// Office words that head a title before a name (`Interior Secretary Ken Salazar`). The tool
/// needs its own list: it plants, it does not recognise.
const OFFICES: &[&str] = &[
    "President",
    "Vice President",
    "Prime Minister",
    "Minister",
    "Secretary",
    "Senator",
    "Governor",
    "Mayor",
    "Judge",
    "Justice",
    "Chief",
    "Director",
    "Commissioner",
    "Sheriff",
    "Attorney",
    "Coach",
    "Captain",
    "General",
    "Colonel",
    "Lieutenant",
    "Sergeant",
    "Inspector",
    "Detective",
    "Officer",
    "Spokesman",
    "Spokeswoman",
    "Chairman",
    "Chairwoman",
    "Ambassador",
    "Representative",
    "Rep.",
    "Sen.",
    "Gov.",
    "Chancellor",
    "King",
    "Queen",
    "Prince",
    "Pope",
    "Bishop",
    "Archbishop",
    "Professor",
    "Dr.",
    "Manager",
    "Executive",
    "Deputy",
    "Superintendent",
    "Commander",
    "Admiral",
    "Marshal",
    "Trooper",
    "Constable",
    "Premier",
    "Leader",
    "Speaker",
    "Capt.",
    "Lt.",
    "Sgt.",
];

/// Near-synonyms used to change one word of a quote (each pair both ways); each pair keeps the
/// part of speech in any sentence (no `just`/`fair`, no noun-or-verb `start`/`begin`).
const SYNONYMS: &[(&str, &str)] = &[
    ("thrilled", "delighted"),
    ("terrible", "awful"),
    ("happy", "glad"),
    ("sad", "unhappy"),
    ("big", "large"),
    ("small", "little"),
    ("quickly", "rapidly"),
    ("important", "significant"),
    ("difficult", "hard"),
    ("puzzled", "confused"),
    ("disappointed", "dismayed"),
    ("accept", "respect"),
    ("tremendous", "enormous"),
    ("believe", "think"),
    ("know", "understand"),
    ("want", "wish"),
    ("great", "wonderful"),
    ("good", "fine"),
    ("bad", "poor"),
    ("serious", "grave"),
    ("tragic", "dreadful"),
    ("shocked", "stunned"),
    ("proud", "honoured"),
    ("grateful", "thankful"),
    ("amazing", "incredible"),
    ("honored", "privileged"),
    ("excited", "eager"),
    ("beloved", "adored"),
    ("devastated", "heartbroken"),
    ("safe", "secure"),
    ("tough", "hard"),
    ("people", "folks"),
    ("community", "public"),
    ("decision", "ruling"),
    ("clear", "obvious"),
    ("strong", "powerful"),
    ("quick", "fast"),
    ("angry", "furious"),
    ("scared", "frightened"),
    ("worried", "concerned"),
    ("sorry", "regretful"),
    ("deeply", "profoundly"),
    ("truly", "really"),
    ("always", "forever"),
    ("completely", "entirely"),
    ("probably", "likely"),
    ("killed", "murdered"),
    ("injured", "hurt"),
    ("crime", "offence"),
    ("victims", "casualties"),
    ("family", "relatives"),
    ("friends", "loved ones"),
    ("everyone", "everybody"),
    ("country", "nation"),
    ("team", "squad"),
    ("wrong", "mistaken"),
    ("pleased", "satisfied"),
    ("incredibly", "enormously"),
    ("responsible", "accountable"),
];

fn is_stop(w: &str) -> bool {
    STOP.contains(&w)
}

/// Lowercase words of four letters or more that are not function words.
fn content_words(s: &str) -> BTreeSet<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 4 && !is_stop(w))
        .collect()
}

/// The sentence of `text` around byte `at` (a simple splitter is enough to judge context).
fn sentence_at(text: &str, at: usize) -> &str {
    let before = &text[..at];
    let start = before.rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1);
    let end = text[at..].find(['.', '!', '?', '\n']).map_or(text.len(), |i| at + i + 1);
    &text[start..end]
}

/// Whole-word occurrences of `needle` in `hay` (byte offsets).
fn word_hits(hay: &str, needle: &str) -> Vec<usize> {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    hay.match_indices(needle)
        .map(|(i, _)| i)
        .filter(|&i| !word(hay[..i].chars().next_back()) && !word(hay[i + needle.len()..].chars().next()))
        .collect()
}

/// The shortest stretch of `text` around `at..at+len` (widened a word at a time) that occurs
/// exactly once in it: the search string of an edit.
fn unique_context(text: &str, at: usize, len: usize) -> Option<(String, usize)> {
    let (mut s, mut e) = (at, at + len);
    loop {
        let cand = &text[s..e];
        if text.matches(cand).count() == 1 {
            return Some((cand.to_string(), at - s));
        }
        if s == 0 && e == text.len() {
            return None;
        }
        // Widen by one word on each side.
        s = widen_left(text, s);
        e = widen_right(text, e);
        if e - s > 400 {
            return None;
        }
    }
}

fn widen_left(text: &str, s: usize) -> usize {
    let t = text[..s].trim_end();
    t.char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8())
}

fn widen_right(text: &str, e: usize) -> usize {
    let rest = &text[e..];
    let after = rest.trim_start();
    let skipped = rest.len() - after.len();
    e + skipped + after.find(char::is_whitespace).unwrap_or(after.len())
}

/// An edit replacing `old` at byte `at` of `doc` by `new`, with a search string unique in it.
fn edit_at(doc: &Doc, at: usize, old: &str, new: &str) -> Option<Edit> {
    let (search, off) = unique_context(&doc.text, at, old.len())?;
    let mut replace = search.clone();
    replace.replace_range(off..off + old.len(), new);
    Some(Edit { doc: doc.name.clone(), search, replace })
}

/// A value stated in several documents: where each states it.
struct Shared {
    value: String,
    places: Vec<(usize, usize)>, // (document, byte offset)
}

/// Values found by `re` (group `v`, or the whole match) that at least two documents state in
/// sentences sharing two content words besides the value itself.
fn shared_values(docs: &[Doc], re: &Regex, keep: &dyn Fn(&str) -> bool) -> Vec<Shared> {
    let mut by_value: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    for (d, doc) in docs.iter().enumerate() {
        for c in re.captures_iter(&doc.text) {
            let m = c.name("v").unwrap_or_else(|| c.get(0).unwrap());
            if keep(m.as_str()) {
                by_value.entry(m.as_str().to_string()).or_default().push((d, m.start()));
            }
        }
    }
    let mut out = Vec::new();
    for (value, places) in by_value {
        let docs_with: BTreeSet<usize> = places.iter().map(|p| p.0).collect();
        if docs_with.len() < 2 {
            continue;
        }
        let own = content_words(&value);
        let ctx: Vec<BTreeSet<String>> = places
            .iter()
            .map(|&(d, at)| content_words(sentence_at(&docs[d].text, at)).difference(&own).cloned().collect())
            .collect();
        let agrees = (0..places.len()).any(|i| {
            (0..places.len()).any(|j| places[i].0 != places[j].0 && ctx[i].intersection(&ctx[j]).count() >= 2)
        });
        if agrees {
            out.push(Shared { value, places });
        }
    }
    out
}

/// Picks the document to edit: one of those stating the value, such that another still states it.
fn pick_place(rng: &mut Rng, s: &Shared) -> (usize, usize) {
    s.places[rng.below(s.places.len())]
}

fn occurs_anywhere(docs: &[Doc], s: &str) -> bool {
    docs.iter().any(|d| !word_hits(&d.text, s).is_empty())
}

// ---- the six kinds of plants ------------------------------------------------------------------

fn other_count(rng: &mut Rng, n: &str) -> Option<String> {
    if let Some(i) = NUMBER_WORDS.iter().position(|w| w.eq_ignore_ascii_case(n)) {
        let j = if i + 1 < NUMBER_WORDS.len() && (i == 0 || rng.below(2) == 0) { i + 1 } else { i - 1 };
        let w = NUMBER_WORDS[j];
        return Some(if n.starts_with(char::is_uppercase) { capitalise(w) } else { w.to_string() });
    }
    let digits: String = n.chars().filter(|c| c.is_ascii_digit()).collect();
    let value: u64 = digits.parse().ok()?;
    if (1900..=2100).contains(&value) && !n.contains(',') {
        return None; // a year, not a count
    }
    // Transpose two adjacent digits that differ (612 → 621), keeping the separators.
    let chars: Vec<char> = n.chars().collect();
    let pos: Vec<usize> = (0..chars.len()).filter(|&i| chars[i].is_ascii_digit()).collect();
    let swaps: Vec<usize> = (0..pos.len().saturating_sub(1))
        .filter(|&k| chars[pos[k]] != chars[pos[k + 1]] && !(k == 0 && chars[pos[k + 1]] == '0'))
        .collect();
    if !swaps.is_empty() && rng.below(3) > 0 {
        let k = swaps[rng.below(swaps.len())];
        let mut c = chars.clone();
        c.swap(pos[k], pos[k + 1]);
        return Some(c.into_iter().collect());
    }
    if value < 2 {
        return None; // `1 person` → `3 person` would not be grammatical
    }
    // A round figure changes in its leading digit (35,000 → 45,000), as a misreading would.
    let zeros = digits.len() - digits.trim_end_matches('0').len();
    if zeros >= 2 {
        let scale = 10u64.pow((digits.len() - 1) as u32);
        let lead = value / scale;
        let other_lead = if lead > 1 && rng.below(2) == 0 { lead - 1 } else { lead + 1 };
        let other = value - lead * scale + other_lead * scale;
        return Some(if n.contains(',') { group_thousands(other) } else { other.to_string() });
    }
    let delta = 1 + rng.below(3) as u64;
    let other = if value > delta + 1 && rng.below(2) == 0 { value - delta } else { value + delta };
    if digits.len() != n.len() && n.contains(',') {
        return Some(group_thousands(other));
    }
    Some(other.to_string())
}

/// The word after a count is a counted noun: a plural (`firefighters`, `people`) or a scale
/// (`million`); `five totally`, `9 deadline` and `22000 block` are not counts of anything.
fn counted_noun(w: &str) -> bool {
    let irregular =
        ["people", "men", "women", "children", "police", "staff", "million", "billion", "thousand", "percent"];
    let not_counts = ["years", "days", "hours", "minutes", "seconds", "times", "weeks", "months", "decades"];
    irregular.contains(&w)
        || (w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !not_counts.contains(&w) && !is_stop(w))
}

fn group_thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

fn plant_number(rng: &mut Rng, docs: &[Doc]) -> Vec<Plant> {
    let mut out = Vec::new();
    let words = NUMBER_WORDS.join("|");
    let re = Regex::new(&format!(
        r"(?i-u:\b)(?P<v>(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?|(?-i:{words}|{caps}))\s+(?P<n>[a-z]{{3,}})\b",
        caps = NUMBER_WORDS.iter().map(|w| capitalise(w)).collect::<Vec<_>>().join("|")
    ))
    .unwrap();
    // The value is the count with its noun (`612 firefighters`), so both must match.
    let pair = Regex::new(&re.as_str().replace("(?P<v>", "(?:").replace("(?P<n>", "(?:")).unwrap();
    let mut shared = shared_values(docs, &pair, &|v| counted_noun(v.split_whitespace().last().unwrap_or("")));
    rng.shuffle(&mut shared);
    for s in shared {
        let (d, at) = pick_place(rng, &s);
        let count = s.value.split_whitespace().next().unwrap();
        let Some(new_count) = other_count(rng, count) else { continue };
        let new_value = format!("{new_count}{}", &s.value[count.len()..]);
        if occurs_anywhere(docs, &new_value) {
            continue;
        }
        let Some(edit) = edit_at(&docs[d], at, &s.value, &new_value) else { continue };
        out.push(Plant {
            kind: "number".into(),
            values: [s.value.clone(), new_value],
            note: "a count changed in one document".into(),
            edits: vec![edit],
        });
        if out.len() >= MAX_CANDIDATES {
            return out;
        }
    }
    out
}

fn plant_date(rng: &mut Rng, docs: &[Doc]) -> Vec<Plant> {
    let mut out = Vec::new();
    let months = MONTHS.join("|");
    let re = Regex::new(&format!(
        r"\b(?P<v>(?:{months})\s+\d{{1,2}}(?:,\s+\d{{4}})?|\d{{1,2}}\s+(?:{months})(?:\s+\d{{4}})?)\b"
    ))
    .unwrap();
    let day_re = Regex::new(r"\b\d{1,2}\b").unwrap();
    let mut shared = shared_values(docs, &re, &|_| true);
    rng.shuffle(&mut shared);
    for s in &shared {
        let (d, at) = pick_place(rng, s);
        let Some(day) = day_re.find(&s.value) else { continue };
        let n: u32 = day.as_str().parse().unwrap_or(0);
        let new_value = if rng.below(3) == 0 {
            // A month shift: the next or previous month.
            let m = MONTHS.iter().position(|m| s.value.contains(m)).unwrap();
            let other = MONTHS[if m == 11 || (m > 0 && rng.below(2) == 0) { m - 1 } else { m + 1 }];
            s.value.replace(MONTHS[m], other)
        } else {
            let delta = 1 + rng.below(3) as u32;
            let other = if n > 3 && (n > 25 || rng.below(2) == 0) { n - delta } else { n + delta };
            format!("{}{}{}", &s.value[..day.start()], other, &s.value[day.end()..])
        };
        if occurs_anywhere(docs, &new_value) {
            continue;
        }
        let Some(edit) = edit_at(&docs[d], at, &s.value, &new_value) else { continue };
        out.push(Plant {
            kind: "date".into(),
            values: [s.value.clone(), new_value],
            note: "a day or month shifted in one document".into(),
            edits: vec![edit],
        });
        if out.len() >= MAX_CANDIDATES {
            return out;
        }
    }
    // No calendar date two documents share: a weekday swap.
    let re = Regex::new(&format!(r"\b(?P<v>{})\b", WEEKDAYS.join("|"))).unwrap();
    let mut shared = shared_values(docs, &re, &|_| true);
    rng.shuffle(&mut shared);
    for s in shared {
        let (d, at) = pick_place(rng, &s);
        let w = WEEKDAYS.iter().position(|w| *w == s.value).unwrap();
        let new_value = WEEKDAYS[(w + 1 + rng.below(5)) % 7].to_string();
        // The weekday must be the only one in its document's story, or the swap is ambiguous.
        if !word_hits(&docs[d].text, &new_value).is_empty() {
            continue;
        }
        let Some(edit) = edit_at(&docs[d], at, &s.value, &new_value) else { continue };
        out.push(Plant {
            kind: "date".into(),
            values: [s.value.clone(), new_value],
            note: "a weekday swapped in one document".into(),
            edits: vec![edit],
        });
        if out.len() >= MAX_CANDIDATES {
            return out;
        }
    }
    out
}

/// Transliteration-style edits of a surname, tried in the order given by the seed.
fn respell(rng: &mut Rng, name: &str) -> Option<String> {
    let rules: &[(&str, &str)] = &[
        ("ch", "tch"),
        ("sh", "sch"),
        ("y", "i"),
        ("i", "y"),
        ("ph", "f"),
        ("ck", "k"),
        ("ks", "x"),
        ("x", "ks"),
        ("ei", "ey"),
        ("ey", "ei"),
        ("ov", "off"),
        ("ski", "sky"),
        ("sky", "ski"),
        ("ou", "u"),
        ("w", "v"),
        ("v", "w"),
        ("kh", "k"),
        ("gh", "g"),
        ("ll", "l"),
        ("tt", "t"),
        ("ss", "s"),
        ("nn", "n"),
        ("rr", "r"),
        ("mm", "m"),
        ("ie", "i"),
        ("ea", "e"),
        ("oo", "u"),
        ("c", "k"),
        ("k", "c"),
        ("z", "s"),
        ("s", "z"),
        ("e", "a"),
        ("a", "e"),
        ("o", "u"),
    ];
    let lower = name.to_lowercase();
    let mut order: Vec<usize> = (0..rules.len()).collect();
    rng.shuffle(&mut order);
    for i in order {
        let (from, to) = rules[i];
        // Never the first letter: a respelling keeps the initial a reader recognises.
        if let Some(p) = lower[1..].find(from).map(|p| p + 1) {
            let mut out: String = name[..p].to_string();
            out.push_str(to);
            out.push_str(&name[p + from.len()..]);
            if out != name {
                return Some(out);
            }
        }
    }
    None
}

fn plant_spelling(rng: &mut Rng, docs: &[Doc]) -> Vec<Plant> {
    let mut out = Vec::new();
    // A person's name: a run of capitalised words, less the office words before it, of two or
    // three words; the last one is the surname.
    let re = Regex::new(r"\b[A-Z][a-z]+(?:\s+(?:[A-Z]\.|[A-Z][a-z]+))+").unwrap();
    let mut surnames: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (d, doc) in docs.iter().enumerate() {
        for m in re.find_iter(&doc.text) {
            let mut words: Vec<&str> = m.as_str().split_whitespace().collect();
            // `Fire Chief Helena Varga`: the name is what follows the last office word.
            if let Some(last_office) = words.iter().rposition(|w| OFFICES.contains(w)) {
                words.drain(..=last_office);
            }
            while words.first().is_some_and(|w| STOP.contains(&w.to_lowercase().as_str()) || *w == "The") {
                words.remove(0);
            }
            if !(2..=3).contains(&words.len())
                || words.iter().any(|w| OFFICES.contains(w) || MONTHS.contains(w) || WEEKDAYS.contains(w))
            {
                continue;
            }
            let last = words[words.len() - 1];
            if last.len() >= 5 && last.chars().all(|c| c.is_alphabetic()) {
                surnames.entry(last.to_string()).or_default().insert(d);
            }
        }
    }
    // A surname is written alone (or after an office) somewhere too (`Nichols, 37, was`, `said
    // Fanning`, `Chief Varga`), never in
    // lowercase (`police`, `county`) and never after `the` (`the Braves`, `the Times`).
    let all: String = docs.iter().map(|d| d.text.as_str()).collect::<Vec<_>>().join("\n");
    let is_surname = |s: &str| {
        let hits = word_hits(&all, s);
        word_hits(&all, &s.to_lowercase()).is_empty()
            && hits.iter().all(|&i| {
                let before = all[..i].trim_end();
                !before.ends_with(" the") && !before.ends_with("The")
            })
            && hits.iter().any(|&i| {
                let before = all[..i].trim_end();
                let prev = before.rsplit(char::is_whitespace).next().unwrap_or("");
                let sentence_start = before.is_empty() || before.ends_with(['.', '!', '?', '\n']);
                let honorific = OFFICES.contains(&prev) || ["Mr.", "Ms.", "Mrs."].contains(&prev);
                !sentence_start && (!prev.starts_with(char::is_uppercase) || honorific)
            })
    };
    let mut cands: Vec<(String, Vec<usize>)> = surnames
        .into_iter()
        .filter(|(s, ds)| ds.len() >= 2 && is_surname(s))
        .map(|(s, ds)| (s, ds.into_iter().collect()))
        .collect();
    rng.shuffle(&mut cands);
    for (surname, holders) in cands {
        let d = holders[rng.below(holders.len())];
        let Some(new) = respell(rng, &surname) else { continue };
        if occurs_anywhere(docs, &new) {
            continue;
        }
        // Every mention in that one document, so the document is consistent with itself.
        let hits = word_hits(&docs[d].text, &surname);
        let edits: Option<Vec<Edit>> = hits.iter().map(|&at| edit_at(&docs[d], at, &surname, &new)).collect();
        let Some(edits) = edits else { continue };
        if !distinct_searches(&edits) {
            continue;
        }
        out.push(Plant {
            kind: "spelling".into(),
            values: [surname, new],
            note: format!("a surname respelt in every mention of one document ({} edits)", edits.len()),
            edits,
        });
        if out.len() >= MAX_CANDIDATES {
            return out;
        }
    }
    out
}

/// Edits of one document must not overlap, or applying one would break the next's search.
fn distinct_searches(edits: &[Edit]) -> bool {
    edits.iter().enumerate().all(|(i, a)| {
        edits
            .iter()
            .skip(i + 1)
            .all(|b| a.doc != b.doc || (!a.search.contains(&b.search) && !b.search.contains(&a.search)))
    })
}

fn plant_title(rng: &mut Rng, docs: &[Doc]) -> Vec<Plant> {
    let mut out = Vec::new();
    // `Interior Secretary Ken Salazar`: up to two capitalised words ending in an office word,
    // then a two- or three-word name.
    let offices = OFFICES.iter().map(|o| regex::escape(o)).collect::<Vec<_>>().join("|");
    let re = Regex::new(&format!(
        r"\b(?P<t>(?:[A-Z][a-z]+\s+){{0,2}}(?:{offices}))\s+(?P<p>[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z]+)\b"
    ))
    .unwrap();
    // person → (title, document, offset of the title)
    let mut titled: BTreeMap<String, Vec<(String, usize, usize)>> = BTreeMap::new();
    for (d, doc) in docs.iter().enumerate() {
        for c in re.captures_iter(&doc.text) {
            let t = c.name("t").unwrap();
            // `Sheriff Deputy John Hale`: the name starts with another office word; `Woodburn
            // Police Chief`: a capitalised word before the match is part of the title.
            let prev = doc.text[..t.start()].trim_end().rsplit(char::is_whitespace).next().unwrap_or("");
            if c["p"].split_whitespace().any(|w| OFFICES.contains(&w))
                || office_head(t.as_str()) == "deputy"
                || prev.starts_with(char::is_uppercase) && !prev.ends_with(['.', ',', ':', ';'])
            {
                continue;
            }
            let title = t.as_str().trim_start_matches("The ").to_string();
            let lead = t.as_str().len() - title.len();
            titled.entry(c["p"].to_string()).or_default().push((title, d, t.start() + lead));
        }
    }
    let people: Vec<String> = titled.keys().cloned().collect();
    let mut order: Vec<usize> = (0..people.len()).collect();
    rng.shuffle(&mut order);
    for i in order {
        let person = &people[i];
        let mentions = &titled[person];
        let docs_with: BTreeSet<usize> = mentions.iter().map(|m| m.1).collect();
        // The person must be named in another document too, so the two titles can be compared.
        let elsewhere = |d: usize| (0..docs.len()).any(|o| o != d && !word_hits(&docs[o].text, person).is_empty());
        let own: BTreeSet<&str> = mentions.iter().map(|m| m.0.as_str()).collect();
        let colleagues: Vec<&str> = titled
            .iter()
            .filter(|(p, _)| *p != person)
            .flat_map(|(_, ms)| ms.iter().map(|m| m.0.as_str()))
            .filter(|t| !own.contains(t))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if colleagues.is_empty() {
            continue;
        }
        let (title, d, at) = &mentions[rng.below(mentions.len())];
        if !elsewhere(*d) || docs_with.len() + usize::from(elsewhere(*d)) < 2 {
            continue;
        }
        let colleagues: Vec<&str> = colleagues.into_iter().filter(|c| office_head(c) != office_head(title)).collect();
        if colleagues.is_empty() {
            continue;
        }
        let new = colleagues[rng.below(colleagues.len())].to_string();
        // Both titles must be the title of this person in some document, as written.
        let Some(edit) = edit_at(&docs[*d], *at, title, &new) else { continue };
        // Every other mention of this person with this title in that document changes too.
        let mut edits = vec![edit];
        for (t2, d2, at2) in mentions {
            if d2 == d && at2 != at && t2 == title {
                match edit_at(&docs[*d], *at2, title, &new) {
                    Some(e) => edits.push(e),
                    None => return Vec::new(),
                }
            }
        }
        if !distinct_searches(&edits) {
            continue;
        }
        out.push(Plant {
            kind: "title".into(),
            values: [title.clone(), new],
            note: format!("{person} given a colleague's title in one document"),
            edits,
        });
        if out.len() >= MAX_CANDIDATES {
            return out;
        }
    }
    out
}

/// The office word that heads a title, abbreviations spelt out (`Qeshm Gov.` → `governor`), so
/// that `Gov.` for `Governor` is never planted as a change of office.
fn office_head(title: &str) -> String {
    let last = title.split_whitespace().last().unwrap_or("");
    let full = match last {
        "Gov." => "Governor",
        "Rep." => "Representative",
        "Sen." => "Senator",
        "Dr." => "Doctor",
        "Capt." => "Captain",
        "Lt." => "Lieutenant",
        "Sgt." => "Sergeant",
        other => other,
    };
    full.to_lowercase()
}

fn plant_quote(rng: &mut Rng, docs: &[Doc]) -> Vec<Plant> {
    let mut out = Vec::new();
    let quote = Regex::new(r#"[“"](?P<q>[^“”"]{20,400})[”"]"#).unwrap();
    let words = |s: &str| -> Vec<String> { s.split_whitespace().map(str::to_string).collect() };
    let mut cands = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        for c in quote.captures_iter(&doc.text) {
            let q = c.name("q").unwrap();
            let ws = words(q.as_str());
            // A stretch of five words that another document quotes too.
            for start in 0..ws.len().saturating_sub(4) {
                let five = ws[start..start + 5].join(" ");
                let quoted_elsewhere = docs.iter().enumerate().any(|(o, od)| o != d && od.text.contains(&five));
                if quoted_elsewhere {
                    cands.push((d, q.start(), q.as_str().to_string()));
                    break;
                }
            }
        }
    }
    rng.shuffle(&mut cands);
    for (d, qstart, q) in cands {
        let mut spots: Vec<(usize, &str, &str)> = Vec::new();
        for (a, b) in SYNONYMS {
            for (from, to) in [(a, b), (b, a)] {
                for at in word_hits(&q, from) {
                    spots.push((at, from, to));
                }
            }
        }
        if spots.is_empty() {
            continue;
        }
        spots.sort();
        let (at, from, to) = spots[rng.below(spots.len())];
        // `a significant` → `an important`: keep the article right, or leave the quote alone.
        let article = q[..at].trim_end().rsplit(char::is_whitespace).next().unwrap_or("").to_lowercase();
        let vowel = |w: &str| w.starts_with(['a', 'e', 'i', 'o', 'u']);
        if (article == "a" || article == "an") && vowel(from) != vowel(to) {
            continue;
        }
        // The values: the changed word with its neighbours, as each document words it.
        let left = q[..at].split_whitespace().next_back().unwrap_or("");
        let right = q[at + from.len()..].split_whitespace().next().unwrap_or("");
        let trim = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
        let (left, right) = (trim(left), trim(right));
        let old = [left.as_str(), from, right.as_str()]
            .iter()
            .filter(|w| !w.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        let new =
            [left.as_str(), to, right.as_str()].iter().filter(|w| !w.is_empty()).copied().collect::<Vec<_>>().join(" ");
        if !docs.iter().enumerate().any(|(o, od)| o != d && !word_hits(&od.text, &old).is_empty())
            || occurs_anywhere(docs, &new)
        {
            continue;
        }
        let Some(edit) = edit_at(&docs[d], qstart + at, from, to) else { continue };
        out.push(Plant {
            kind: "quote".into(),
            values: [old, new],
            note: "one word of a quote that another document also quotes changed".into(),
            edits: vec![edit],
        });
        if out.len() >= MAX_CANDIDATES {
            return out;
        }
    }
    out
}

fn plant_attribution(rng: &mut Rng, docs: &[Doc]) -> Vec<Plant> {
    let mut out = Vec::new();
    // A named source beside a reporting verb: `Fanning said`, `said Tim Fanning`, `according to
    // the Interior Department`. The name is one to four capitalised words.
    let word = r"(?:Mr\.|Ms\.|Mrs\.|Dr\.|[A-Z][A-Za-z'’-]+)";
    let name = format!(r"(?:the\s+)?{word}(?:\s+(?:of\s+|and\s+|for\s+)?[A-Z][A-Za-z'’-]+){{0,5}}");
    let re = Regex::new(&format!(
        r"(?P<a>{name})\s+(?:said|says|told|announced|stated|confirmed)\b|\b(?:said|according to)\s+(?P<b>{name})"
    ))
    .unwrap();
    struct Source {
        doc: usize,
        at: usize,
        name: String,
        sentence: BTreeSet<String>,
        /// Written after `the` (`the Interior Department said`): only another such source fits.
        organisation: bool,
    }
    let mut sources = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        for c in re.captures_iter(&doc.text) {
            let m = c.name("a").or_else(|| c.name("b")).unwrap();
            let organisation = m.as_str().starts_with("the ");
            let n = m.as_str().trim_start_matches("the ").to_string();
            let first = n.split_whitespace().next().unwrap_or("");
            if ["He", "She", "It", "They", "We", "I", "The", "This", "That", "But", "And"].contains(&first)
                || n.split_whitespace().any(|w| MONTHS.contains(&w) || WEEKDAYS.contains(&w))
            {
                continue;
            }
            let at = m.start() + (m.as_str().len() - n.len());
            // `Biancardi's said`, `from Waitrose said`, `Police said`: a possessive, the employer of
            // the speaker, or a common noun, not the speaker.
            let before = doc.text[..m.start()].trim_end().rsplit(char::is_whitespace).next().unwrap_or("");
            let common = !n.contains(' ') && docs.iter().any(|d| !word_hits(&d.text, &n.to_lowercase()).is_empty());
            if n.ends_with("'s")
                || n.ends_with("’s")
                || ["from", "of", "at", "for", "with", "by", "in"].contains(&before)
                || common
            {
                continue;
            }
            let own = content_words(&n);
            let sentence = content_words(sentence_at(&doc.text, at)).difference(&own).cloned().collect();
            sources.push(Source { doc: d, at, name: n, sentence, organisation });
        }
    }
    let mut order: Vec<usize> = (0..sources.len()).collect();
    rng.shuffle(&mut order);
    for i in order {
        let s = &sources[i];
        // Another document credits a statement sharing three content words to the same source.
        let same_statement = sources
            .iter()
            .any(|o| o.doc != s.doc && o.name == s.name && o.sentence.intersection(&s.sentence).count() >= 3);
        if !same_statement {
            continue;
        }
        // Another source of the set, named differently and not a part of this one's name.
        let mut others: Vec<&str> = sources
            .iter()
            .filter(|o| o.organisation == s.organisation)
            .map(|o| o.name.as_str())
            .filter(|o| !o.contains(s.name.as_str()) && !s.name.contains(o))
            // `Chief Varga` for `Fire Chief Helena Varga` is the same person.
            .filter(|o| o.split_whitespace().last() != s.name.split_whitespace().last())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if others.is_empty() {
            continue;
        }
        rng.shuffle(&mut others);
        let new = others[0].to_string();
        let Some(edit) = edit_at(&docs[s.doc], s.at, &s.name, &new) else { continue };
        out.push(Plant {
            kind: "attribution".into(),
            values: [s.name.clone(), new],
            note: "the source of a statement that another document credits to the same source swapped".into(),
            edits: vec![edit],
        });
        if out.len() >= MAX_CANDIDATES {
            return out;
        }
    }
    out
}

/// How many candidates a planter proposes; the first that still applies is planted.
const MAX_CANDIDATES: usize = 20;

/// Builds a plan with at most one plant per kind. Candidates come from the untouched documents
/// (so no plant builds on another's edit) and are applied in turn: one whose search string an
/// earlier plant changed, or that shares a value with an earlier plant, is passed over.
fn make_plan(docs: &[Doc], seed: u64) -> Plan {
    let mut rng = Rng(seed);
    let mut plan = Plan::default();
    type Planter = fn(&mut Rng, &[Doc]) -> Vec<Plant>;
    let planters: [Planter; 6] =
        [plant_spelling, plant_date, plant_number, plant_title, plant_quote, plant_attribution];
    let mut docs_now: Vec<Doc> = docs.iter().map(|d| Doc { name: d.name.clone(), text: d.text.clone() }).collect();
    for planter in planters {
        for p in planter(&mut rng, docs) {
            let collides = plan.plant.iter().any(|q| q.values.iter().any(|v| p.values.contains(v)));
            if collides {
                continue;
            }
            let mut trial: Vec<Doc> =
                docs_now.iter().map(|d| Doc { name: d.name.clone(), text: d.text.clone() }).collect();
            if apply(&mut trial, &p.edits).is_ok() && still_stated(&trial, &p) {
                docs_now = trial;
                plan.plant.push(p);
                break;
            }
        }
    }
    plan
}

/// After the edits, another document still states the old value and the edited one the new:
/// an earlier plant may have changed the very words a later one relies on.
fn still_stated(docs: &[Doc], p: &Plant) -> bool {
    let edited = &p.edits[0].doc;
    let holds = |d: &Doc, v: &str| !word_hits(&d.text, v).is_empty();
    docs.iter().any(|d| &d.name != edited && holds(d, &p.values[0]))
        && docs.iter().any(|d| &d.name == edited && holds(d, &p.values[1]))
}

/// Applies edits in order, refusing any whose search string does not occur exactly once.
fn apply(docs: &mut [Doc], edits: &[Edit]) -> Result<(), String> {
    let mut next: Vec<(usize, String)> = Vec::new();
    for e in edits {
        let i = docs.iter().position(|d| d.name == e.doc).ok_or_else(|| format!("{}: no such document", e.doc))?;
        let text = next.iter().rev().find(|(j, _)| *j == i).map_or(docs[i].text.as_str(), |(_, t)| t.as_str());
        let n = text.matches(e.search.as_str()).count();
        if n != 1 {
            return Err(format!("{}: the search string {:?} occurs {n} times, not exactly once", e.doc, e.search));
        }
        let replaced = text.replacen(e.search.as_str(), &e.replace, 1);
        next.push((i, replaced));
    }
    for (i, t) in next {
        docs[i].text = t;
    }
    Ok(())
}

fn read_docs(src: &Path) -> Result<Vec<Doc>, String> {
    let dir = if src.join("articles").is_dir() { src.join("articles") } else { src.to_path_buf() };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")))
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
            Ok(Doc { name: p.file_name().unwrap().to_string_lossy().into_owned(), text })
        })
        .collect()
}

fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn expected_toml(source: &str, seed: Option<u64>, plan: &Plan) -> String {
    let mut out = format!("# Planted by examples/perturb.rs from {source}");
    if let Some(s) = seed {
        out.push_str(&format!(" with --seed {s}"));
    }
    out.push_str(".\n# Each expectation names the value another document still states, then the planted one.\n");
    for p in &plan.plant {
        out.push_str(&format!(
            "\n[[expect]]\nkind = {}   # {}\nvalues = [{}, {}]\n",
            toml_str(&p.kind),
            p.note,
            toml_str(&p.values[0]),
            toml_str(&p.values[1])
        ));
    }
    out
}

fn write_set(dir: &Path, docs: &[Doc], expected: &str) -> Result<(), String> {
    let articles = dir.join("articles");
    std::fs::create_dir_all(&articles).map_err(|e| format!("{}: {e}", articles.display()))?;
    for d in docs {
        std::fs::write(articles.join(&d.name), &d.text).map_err(|e| format!("{}: {e}", d.name))?;
    }
    std::fs::write(dir.join("EXPECTED.toml"), expected).map_err(|e| e.to_string())
}

/// Reads `src`, plants (from `plan` when given, else a plan made from `seed`) and writes `out`.
fn run(src: &Path, out: &Path, seed: u64, plan: Option<Plan>) -> Result<Plan, String> {
    let docs = read_docs(src)?;
    if docs.len() < 2 {
        return Err(format!("{}: needs at least two .txt or .md documents", src.display()));
    }
    let given = plan.is_some();
    let plan = plan.unwrap_or_else(|| make_plan(&docs, seed));
    let mut planted: Vec<Doc> = docs.iter().map(|d| Doc { name: d.name.clone(), text: d.text.clone() }).collect();
    for p in &plan.plant {
        apply(&mut planted, &p.edits).map_err(|e| format!("refused: {e}"))?;
    }
    let source = src.display().to_string();
    write_set(&out.join("planted"), &planted, &expected_toml(&source, (!given).then_some(seed), &plan))?;
    let plan_text = toml::to_string(&plan).map_err(|e| e.to_string())?;
    std::fs::write(out.join("planted/plan.toml"), plan_text).map_err(|e| e.to_string())?;
    let twin = format!("# The untouched documents of {source}: every finding here is stray (judge each one).\n");
    write_set(&out.join("twin"), &docs, &twin)?;
    Ok(plan)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut pos = Vec::new();
    let mut seed = 7u64;
    let mut plan = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seed" => seed = it.next().and_then(|s| s.parse().ok()).unwrap_or_else(|| usage()),
            "--plan" => {
                let p = it.next().unwrap_or_else(|| usage());
                let text = std::fs::read_to_string(p).unwrap_or_else(|e| fail(&format!("{p}: {e}")));
                plan = Some(toml::from_str::<Plan>(&text).unwrap_or_else(|e| fail(&format!("{p}: {e}"))));
            }
            "-h" | "--help" => usage(),
            _ => pos.push(a.clone()),
        }
    }
    let [src, out] = pos.as_slice() else { usage() };
    match run(Path::new(src), Path::new(out), seed, plan) {
        Ok(plan) => {
            let kinds: Vec<&str> = plan.plant.iter().map(|p| p.kind.as_str()).collect();
            eprintln!(
                "planted {} ({}) into {out}/planted; untouched twin in {out}/twin",
                plan.plant.len(),
                kinds.join(", ")
            );
        }
        Err(e) => fail(&e),
    }
}

fn fail(msg: &str) -> ! {
    eprintln!("error: {msg}");
    std::process::exit(2);
}

fn usage() -> ! {
    eprintln!("usage: perturb SRC OUT [--seed N] [--plan PLAN.toml]");
    std::process::exit(2);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three short retellings of one (invented) story that agree on every fact.
    const STORY: [(&str, &str); 3] = [
        (
            "harbour-post.txt",
            "Fire crews battled a warehouse blaze in Portmere on March 14, 2024.\n\n\
             Fire Chief Helena Varga said 42 firefighters fought the flames through the night at the \
             Dockside warehouse. \"We held the line and nobody was hurt, which is a great result,\" \
             Chief Varga told reporters. Mayor Tobias Renn praised the crews. Lindqvist Trading \
             said on Saturday it would rebuild the burned warehouse within a year.\n",
        ),
        (
            "coast-wire.txt",
            "A warehouse in Portmere burned overnight on March 14, 2024.\n\n\
             Some 42 firefighters fought the flames at the Dockside warehouse, Fire Chief Helena Varga \
             said. \"We held the line and nobody was hurt, which is a great result,\" she said. \
             Mayor Tobias Renn thanked the crews on Saturday. Lindqvist Trading said on \
             Saturday it would rebuild the Dockside warehouse within a year.\n",
        ),
        (
            "valley-news.txt",
            "Portmere's Dockside warehouse was destroyed by fire on March 14, 2024.\n\n\
             Helena Varga, the fire chief, said 42 firefighters fought the flames at the warehouse. \
             Mayor Tobias Renn visited the site on Saturday. \"It was a long night for the city,\" \
             Mayor Tobias Renn said.\n",
        ),
    ];

    fn story(dir: &Path) {
        std::fs::create_dir_all(dir).unwrap();
        for (name, text) in STORY {
            std::fs::write(dir.join(name), text).unwrap();
        }
    }

    #[test]
    fn plants_are_listed_and_occur_in_the_documents() {
        let tmp = tempfile::tempdir().unwrap();
        story(&tmp.path().join("src"));
        let out = tmp.path().join("out");
        let plan = run(&tmp.path().join("src"), &out, 7, None).unwrap();
        let kinds: BTreeSet<&str> = plan.plant.iter().map(|p| p.kind.as_str()).collect();
        for k in ["spelling", "date", "number", "title", "quote", "attribution"] {
            assert!(kinds.contains(k), "no {k} plant in {plan:#?}");
        }
        let expected: toml::Table =
            toml::from_str(&std::fs::read_to_string(out.join("planted/EXPECTED.toml")).unwrap()).unwrap();
        let listed = expected["expect"].as_array().unwrap();
        assert_eq!(listed.len(), plan.plant.len());
        let planted = read_docs(&out.join("planted")).unwrap();
        let twin = read_docs(&out.join("twin")).unwrap();
        for (p, e) in plan.plant.iter().zip(listed) {
            assert_eq!(e["kind"].as_str(), Some(p.kind.as_str()));
            let values: Vec<&str> = e["values"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
            assert_eq!(values, [p.values[0].as_str(), p.values[1].as_str()]);
            // The planted value occurs in the edited document, the old one still in another.
            let edited = &p.edits[0].doc;
            let holds = |d: &Doc, v: &str| !word_hits(&d.text, v).is_empty();
            assert!(planted.iter().any(|d| &d.name == edited && holds(d, values[1])), "{p:#?}");
            assert!(planted.iter().any(|d| &d.name != edited && holds(d, values[0])), "{p:#?}");
            // The twin is untouched; a colleague's title or another source is in it by design.
            if !["title", "attribution"].contains(&p.kind.as_str()) {
                assert!(!twin.iter().any(|d| holds(d, values[1])), "the twin holds the plant: {p:#?}");
            }
            let before = twin.iter().find(|d| &d.name == edited).unwrap();
            assert_eq!(before.text.matches(&p.edits[0].search).count(), 1, "{p:#?}");
        }
        // Same source, same seed: the same bytes.
        let again = tmp.path().join("again");
        run(&tmp.path().join("src"), &again, 7, None).unwrap();
        for d in &planted {
            let other = std::fs::read_to_string(again.join("planted/articles").join(&d.name)).unwrap();
            assert_eq!(other, d.text);
        }
    }

    #[test]
    fn a_plan_whose_search_string_is_not_unique_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        story(&tmp.path().join("src"));
        let cases = [("Dockside warehouse", 2), ("no such words", 0)];
        for (search, times) in cases {
            let plan = Plan {
                plant: vec![Plant {
                    kind: "spelling".into(),
                    values: ["Dockside".into(), "Dokside".into()],
                    note: String::new(),
                    edits: vec![Edit { doc: "coast-wire.txt".into(), search: search.into(), replace: "x".into() }],
                }],
            };
            let e = run(&tmp.path().join("src"), &tmp.path().join("out"), 1, Some(plan)).unwrap_err();
            assert!(e.contains(&format!("occurs {times} times, not exactly once")), "{e}");
        }
    }

    #[test]
    fn other_counts_and_respellings() {
        let mut rng = Rng(3);
        for n in ["612", "42", "1,250", "seven", "Four"] {
            let o = other_count(&mut rng, n).unwrap();
            assert_ne!(o, n);
            assert_eq!(o.chars().next().unwrap().is_uppercase(), n.chars().next().unwrap().is_uppercase(), "{n} → {o}");
        }
        assert_eq!(other_count(&mut rng, "2019"), None, "a year is not a count");
        assert_eq!(other_count(&mut rng, "1"), None, "`1 person` cannot become plural");
        for name in ["Varga", "Lindqvist", "Renn"] {
            let r = respell(&mut rng, name).unwrap();
            assert_ne!(r, name);
            assert_eq!(r.chars().next(), name.chars().next(), "the initial stays: {r}");
        }
    }

    #[test]
    fn unique_context_widens_until_unique() {
        let text = "the cat sat. the cat ran. a dog sat.";
        let at = text.find("cat ran").unwrap();
        let (s, off) = unique_context(text, at, 3).unwrap();
        assert_eq!(text.matches(&s).count(), 1);
        assert_eq!(&s[off..off + 3], "cat");
    }
}
