//! Candidate **proper names** of each document, found without any list of entities.
//!
//! Names are the raw material of the spelling check: one company written `Ayk-Mek` in one article
//! and `Hayk-Mek` in another is only visible once both forms have been picked out of the prose.
//! A name is a run of capitalised words (`Robert Kocharyan`, `Landmine Monitor`), hyphenated
//! compounds (`Ayk-Mek`), runs joined by lowercase particles (`Ministry of Defense`, `Charles de
//! Gaulle`) and acronyms (`CSTO`, `U.N.`). Possessives, quotes and adjective suffixes are stripped
//! (`Yerevan-based` gives `Yerevan`).
//!
//! The hard part is the first word of a sentence: `However` and `Their` are capitalised too. The
//! whole document set is evidence: a sentence-initial word that the set also writes in lowercase
//! is a common word, one it also capitalises mid-sentence is a name; a small closed list of
//! function words, pronouns, numbers, days and months covers the rest.
//!
//! ```text
//! "However, the Yerevan-based Hayk-Mek works for the Ministry of Defense."
//!   -> Yerevan, Hayk-Mek, Ministry of Defense
//! ```

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use rust_stemmers::{Algorithm, Stemmer};

use crate::text::{self, Word};

/// One candidate name in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameMention {
    /// Byte span in the document's analysis text; `text == doc[span]`.
    pub span: Range<usize>,
    pub text: String,
    /// For each white-space separated word of `text`: whether the document set also writes that
    /// word in lowercase, i.e. it is a common word (`Council`) rather than a coined name. Common
    /// words may only vary by case, hyphens and fixed spelling pairs, never by fuzzy similarity.
    pub common: Vec<bool>,
}

/// Function words, pronouns, numbers and other words that are never names on their own, checked
/// in lowercase on top of [`text::is_stopword`].
#[rustfmt::skip]
const CLOSED: &[&str] = &[
    "according", "across", "additionally", "afterwards", "ago", "ahead", "albeit", "almost", "already", "also",
    "although", "always", "amid", "amidst", "among", "amongst", "another", "anybody", "anyone", "anything",
    "anyway", "around", "away", "back", "behind", "beside", "besides", "beyond", "billion", "can't", "certainly",
    "clearly", "concerning", "consequently", "dear", "despite", "didn't", "doesn't", "don't", "due", "each",
    "earlier", "eight", "eighth", "eighty", "either", "eleven", "else", "elsewhere", "enough", "especially",
    "every", "everybody", "everyone", "everything", "except", "far", "fifth", "fifty", "finally", "first", "five",
    "following", "former", "forty", "four", "fourth", "furthermore", "hello", "hence", "hi", "however", "hundred",
    "i'm", "i've", "i'd", "i'll", "including", "indeed", "inside", "instead", "it's", "last", "later", "latter",
    "least", "less", "let", "like", "likewise", "many", "maybe", "meanwhile", "million", "mine", "moreover", "near",
    "nearly", "neither", "never", "nevertheless", "next", "nine", "ninety", "ninth", "nobody", "none",
    "nonetheless", "nothing", "notably", "often", "oh", "ok", "okay", "one", "onto", "otherwise", "outside",
    "overall", "perhaps", "please", "plus", "previously", "rather", "recently", "regarding", "second", "seven",
    "seventh", "seventy", "several", "since", "six", "sixth", "sixty", "sometimes", "somebody", "someone",
    "something", "soon", "still", "ten", "tenth", "thanks", "that's", "there's", "therefore", "third", "thirty",
    "though", "thousand", "three", "thus", "today", "together", "tomorrow", "tonight", "toward", "towards",
    "twelve", "twenty", "two", "unless", "unlike", "upon", "us", "via", "we're", "well", "whatever", "whereas",
    "whether", "whichever", "whoever", "whose", "within", "without", "yes", "yesterday", "let's", "mr", "mrs", "ms",
    "dr", "prof", "per",
];

/// Days and months: capitalised, but dates rather than names.
#[rustfmt::skip]
const CALENDAR: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Lowercase words that may join two capitalised words into one name.
const PARTICLES: &[&str] = &[
    "of", "de", "da", "di", "del", "della", "der", "den", "van", "von", "du", "des", "la", "le", "dos", "das", "bin",
    "ibn", "al", "el", "y", "zu",
];

/// Lowercase prefixes that belong to the name they are hyphenated to (`al-Assad`).
const NAME_PREFIXES: &[&str] =
    &["al", "el", "ad", "ar", "as", "at", "an", "ash", "az", "ibn", "bin", "abu", "abd", "ben"];

/// Honorifics dropped from the front of a name (`Mr Smith` is `Smith`).
const HONORIFICS: &[&str] = &["mr", "mrs", "ms", "mx", "dr", "prof", "messrs", "mme", "mlle"];

/// Offices written before a person's name (`Agriculture Minister Anna Berg`, `Vice President
/// Liu Qiang`): the name starts after the last of them when two name words follow. Words that
/// also begin names of bodies or offices (`General Motors`, `Chief Justice`, `Secretary General`)
/// are not listed.
#[rustfmt::skip]
const OFFICES: &[&str] = &[
    "president", "minister", "premier", "chancellor", "governor", "mayor", "senator", "ambassador", "envoy",
    "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman", "chairperson", "professor",
    "commissioner", "prosecutor", "judge", "sheikh", "emir", "sultan", "coach", "striker", "winger", "midfielder",
    "defender", "goalkeeper", "lawmaker", "congressman", "congresswoman",
];

/// Lowercase hyphen tails that turn a name into an adjective (`Yerevan-based`); besides these,
/// any tail ending in `-ed` (`Armenian-controlled`).
#[rustfmt::skip]
const ADJECTIVE_TAILS: &[&str] = &[
    "made", "born", "run", "built", "era", "style", "wide", "type", "class", "friendly", "speaking", "bound",
    "held", "owned", "led", "based", "backed", "linked", "focused", "oriented", "related", "centric", "inspired",
    "like", "specific", "area", "level", "language", "origin", "dominated", "populated", "occupied", "controlled",
];

/// Abbreviations whose full stop may sit inside a name (`St. Petersburg`).
const DOTTED_PREFIXES: &[&str] = &["st", "mt", "ft"];

fn is_closed(lower: &str) -> bool {
    text::is_stopword(lower) || CLOSED.contains(&lower) || CALENDAR.contains(&lower)
}

fn first_char(s: &str) -> Option<char> {
    s.chars().next()
}

fn starts_upper(s: &str) -> bool {
    first_char(s).is_some_and(char::is_uppercase)
}

fn starts_lower(s: &str) -> bool {
    first_char(s).is_some_and(char::is_lowercase)
}

/// An acronym: at least two letters, all uppercase (`CSTO`, `U.N`, `OSCE`).
fn is_acronym(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// Whether the word starting at `start` opens a sentence, a line, a quotation or a clause after a
/// colon: the places where English capitalises any word.
fn is_initial(doc: &str, sentence_start: usize, start: usize) -> bool {
    if start <= sentence_start {
        return true;
    }
    let before = doc[sentence_start..start].trim_end_matches([' ', '\t']);
    match before.chars().next_back() {
        None => true,
        Some(c) => {
            matches!(c, '"' | '“' | '‘' | '«' | '\'' | ':' | '\n' | '\r' | '—' | '–' | '•' | '*' | '#' | '>' | '|')
                || (c == '-' && before.ends_with(" -"))
        }
    }
}

/// Counts over the whole set that decide whether a capitalised word is a name.
#[derive(Default)]
struct Evidence {
    /// Words (lowercase) written in lowercase somewhere.
    lower: HashMap<String, usize>,
    /// Stems of the words written in lowercase, so `Sowing` is recognised from `sow`.
    lower_stems: HashSet<String>,
    /// Words (lowercase) capitalised somewhere that is not sentence-initial.
    capital_mid: HashMap<String, usize>,
}

impl Evidence {
    fn gather(docs: &[&str], stemmer: &Stemmer) -> Self {
        let mut ev = Evidence::default();
        for doc in docs {
            for sentence in text::sentences(doc) {
                for w in text::words_in(doc, sentence.clone()) {
                    let initial = is_initial(doc, sentence.start, w.range.start);
                    for part in
                        std::iter::once(w.text).chain(w.text.split(['-', '‐']).filter(|_| w.text.contains(['-', '‐'])))
                    {
                        let core = strip_possessive(part);
                        if core.is_empty() {
                            continue;
                        }
                        let lower = core.to_lowercase();
                        if starts_lower(core) {
                            ev.lower_stems.insert(stemmer.stem(&lower).into_owned());
                            *ev.lower.entry(lower).or_default() += 1;
                        } else if starts_upper(core) && !initial {
                            *ev.capital_mid.entry(lower).or_default() += 1;
                        }
                    }
                }
            }
        }
        ev
    }

    fn is_common(&self, lower: &str) -> bool {
        self.lower.contains_key(lower)
    }

    /// Whether a capitalised word in an initial position is a name.
    fn initial_is_name(&self, word: &str, stemmer: &Stemmer) -> bool {
        let lower = word.to_lowercase();
        let lower_n = self.lower.get(&lower).copied().unwrap_or(0);
        let mid_n = self.capital_mid.get(&lower).copied().unwrap_or(0);
        if lower_n > 0 {
            return mid_n > 0 && mid_n >= lower_n;
        }
        if mid_n > 0 || is_acronym(word) {
            return true;
        }
        // Never seen elsewhere: adverbs, plurals and verb forms (`Officials`, `Sowing`) are far
        // more often common words than names that the set never writes mid-sentence.
        if lower.chars().count() > 4 && ["ly", "s", "ing", "ed"].iter().any(|e| lower.ends_with(e)) {
            return false;
        }
        !self.lower_stems.contains(stemmer.stem(&lower).as_ref())
    }
}

fn strip_possessive(s: &str) -> &str {
    for suffix in ["'s", "’s", "'S", "’S"] {
        if let Some(core) = s.strip_suffix(suffix) {
            return core;
        }
    }
    s
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Name,
    Particle,
    Other,
}

/// One word of a sentence, reduced to the part that may belong to a name.
#[derive(Debug, Clone)]
struct Token {
    range: Range<usize>,
    kind: Kind,
    /// Nothing may follow this token in the same name (a possessive, an adjective suffix).
    ends: bool,
}

/// Reduces a word to its name core: possessive and adjective tails dropped, lowercase prefixes
/// (`pro-`, `anti-`) dropped, `al-` style prefixes kept.
fn classify(w: &Word<'_>) -> Token {
    let mut ends = false;
    let mut start = w.range.start;
    let mut core = w.text;
    let stripped = strip_possessive(core);
    if stripped.len() != core.len() {
        ends = true;
        core = stripped;
    }
    if core.contains(['-', '‐']) {
        // Leading lowercase parts: name prefix (`al-Assad`) or a modifier to drop (`pro-Russian`).
        let first = core.split(['-', '‐']).next().unwrap_or("");
        if starts_lower(first) && !NAME_PREFIXES.contains(&first) {
            let mut offset = 0;
            for part in core.split(['-', '‐']) {
                if starts_upper(part) {
                    break;
                }
                offset += part.len() + core[offset + part.len()..].chars().next().map_or(0, char::len_utf8);
            }
            if offset >= core.len() {
                return Token { range: w.range.clone(), kind: Kind::Other, ends: true };
            }
            start += offset;
            core = &core[offset..];
        }
        // Trailing adjective tails: `Yerevan-based`, `Armenian-controlled`.
        while let Some(pos) = core.rfind(['-', '‐']) {
            let tail = &core[pos..];
            let tail = &tail[tail.chars().next().map_or(1, char::len_utf8)..];
            let lower_tail = tail.to_lowercase();
            if starts_lower(tail) && (ADJECTIVE_TAILS.contains(&lower_tail.as_str()) || lower_tail.ends_with("ed")) {
                core = &core[..pos];
                ends = true;
            } else {
                break;
            }
        }
    }
    let range = start..start + core.len();
    let lower = core.to_lowercase().replace('’', "'");
    let kind = if core.is_empty() {
        Kind::Other
    } else if starts_upper(core) {
        if is_acronym(core) || !is_closed(&lower) {
            Kind::Name
        } else {
            Kind::Other
        }
    } else if PARTICLES.contains(&lower.as_str()) || (starts_lower(core) && core.contains(['-', '‐'])) {
        // `al-Assad` keeps its lowercase prefix and is a name word.
        if core.contains(['-', '‐']) {
            Kind::Name
        } else {
            Kind::Particle
        }
    } else {
        Kind::Other
    };
    Token { range, kind, ends }
}

/// Whether the text between two words lets them belong to one name.
fn joinable(doc: &str, prev: &Token, next: &Token) -> bool {
    if prev.ends || prev.range.end > next.range.start {
        return false;
    }
    let gap = &doc[prev.range.end..next.range.start];
    if !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\t') {
        return true;
    }
    // An initial or a dotted abbreviation: `J. Smith`, `St. Petersburg`, `U.N. Security Council`.
    if let Some(rest) = gap.strip_prefix('.') {
        if !rest.is_empty() && rest.chars().all(|c| c == ' ') {
            let word = &doc[prev.range.clone()];
            let lower = word.to_lowercase();
            return (word.chars().count() == 1 && starts_upper(word))
                || DOTTED_PREFIXES.contains(&lower.as_str())
                || (word.contains('.') && is_acronym(word));
        }
    }
    false
}

/// Candidate names of each document. `docs` are the analysis texts of the whole set: corpus
/// evidence (lowercase uses elsewhere) decides whether a sentence-initial word is a name.
/// `result[i]` are the names of `docs[i]`, in text order.
pub fn find_names(docs: &[&str]) -> Vec<Vec<NameMention>> {
    let stemmer = Stemmer::create(Algorithm::English);
    let evidence = Evidence::gather(docs, &stemmer);
    docs.iter().map(|doc| names_of(doc, &evidence, &stemmer)).collect()
}

fn names_of(doc: &str, ev: &Evidence, stemmer: &Stemmer) -> Vec<NameMention> {
    let mut out = Vec::new();
    for sentence in text::sentences(doc) {
        let mut tokens: Vec<Token> = text::words_in(doc, sentence.clone()).iter().map(classify).collect();
        for t in tokens.iter_mut() {
            if t.kind == Kind::Name && is_initial(doc, sentence.start, t.range.start) {
                let word = &doc[t.range.clone()];
                if !ev.initial_is_name(word, stemmer) {
                    t.kind = Kind::Other;
                }
            }
        }
        let mut i = 0;
        while i < tokens.len() {
            if tokens[i].kind != Kind::Name {
                i += 1;
                continue;
            }
            // Extend over names and particles; a run must end on a name.
            let mut last_name = i;
            let mut j = i;
            while j + 1 < tokens.len() && joinable(doc, &tokens[j], &tokens[j + 1]) {
                match tokens[j + 1].kind {
                    Kind::Name => {
                        j += 1;
                        last_name = j;
                    }
                    Kind::Particle if j + 1 - last_name <= 2 => j += 1,
                    _ => break,
                }
            }
            push_name(doc, &tokens[i..=last_name], ev, &mut out);
            i = last_name + 1;
        }
    }
    out
}

fn push_name(doc: &str, run: &[Token], ev: &Evidence, out: &mut Vec<NameMention>) {
    let mut run = run;
    while run.len() > 1 && HONORIFICS.contains(&doc[run[0].range.clone()].to_lowercase().as_str()) {
        run = &run[1..];
        while run.first().is_some_and(|t| t.kind == Kind::Particle) {
            run = &run[1..];
        }
    }
    // `Agriculture Minister Anna Berg` is `Anna Berg`; `Minister of Defense Anna Berg` keeps its
    // particle and stays whole, and a lone office (`Prime Minister`) is kept.
    if let Some(k) = run[..run.len().saturating_sub(1)]
        .iter()
        .rposition(|t| OFFICES.contains(&doc[t.range.clone()].to_lowercase().as_str()))
    {
        // At least two name words must remain: `UN Secretary General` is not `General`.
        if run.len() - k > 2 && run[k + 1..].iter().all(|t| t.kind == Kind::Name) {
            run = &run[k + 1..];
        }
    }
    let (Some(first), Some(last)) = (run.first(), run.last()) else {
        return;
    };
    let mut end = last.range.end;
    let last_word = &doc[last.range.clone()];
    if last_word.contains('.') && is_acronym(last_word) && doc[end..].starts_with('.') {
        end += 1;
    }
    let span = first.range.start..end;
    let name = &doc[span.clone()];
    // A lone letter (`the letter Z`) or a lone initial is not a name.
    if name.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
        return;
    }
    let common = name
        .split_whitespace()
        .map(|w| {
            let lower = strip_possessive(w).to_lowercase();
            ev.is_common(&lower)
                || (lower.contains('-') && lower.split('-').all(|p| p.is_empty() || ev.is_common(p) || is_closed(p)))
        })
        .collect();
    out.push(NameMention { span, text: name.to_string(), common });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(docs: &[&str]) -> Vec<Vec<String>> {
        find_names(docs).into_iter().map(|d| d.into_iter().map(|m| m.text).collect()).collect()
    }

    fn one(doc: &str) -> Vec<String> {
        names(&[doc]).remove(0)
    }

    #[test]
    fn finds_capitalised_runs_hyphenated_and_particle_names() {
        let got = one("Officials said the Yerevan-based Hayk-Mek firm supplies the Ministry of Defense. \
             A painting by Leonardo da Vinci hung beside a portrait of Charles de Gaulle.");
        assert_eq!(got, vec!["Yerevan", "Hayk-Mek", "Ministry of Defense", "Leonardo da Vinci", "Charles de Gaulle"]);
    }

    #[test]
    fn strips_possessives_quotes_and_honorifics() {
        let got = one(
            "The report cited “Landmine Monitor” and Mr. Robert Kocharyan’s remarks on the Bank of England's rates.",
        );
        assert_eq!(got, vec!["Landmine Monitor", "Robert Kocharyan", "Bank of England"]);
    }

    #[test]
    fn keeps_acronyms_with_their_dots() {
        let got = one("Delegates of the CSTO met U.N. envoys while the OSCE watched.");
        assert_eq!(got, vec!["CSTO", "U.N.", "OSCE"]);
    }

    #[test]
    fn sentence_initial_common_words_are_not_names() {
        let got = one("However, talks stalled. After the vote, Armenia protested. Their envoy left. \
             The mission ended on Monday. Sowing mines is easy, they sow them at night.");
        assert_eq!(got, vec!["Armenia"]);
    }

    #[test]
    fn corpus_evidence_decides_initial_words() {
        // `Electron` opens a sentence in the first text and is capitalised mid-sentence in the
        // second; `Despite`-like words never are.
        let got = names(&["Electron was sold in 2002.", "Workers at the Electron plant struck."]);
        assert_eq!(got, vec![vec!["Electron"], vec!["Electron"]]);
        let got = names(&["Mines were found. Nobody knew.", "Sappers cleared the mines near Baku."]);
        assert!(got[0].is_empty());
        assert_eq!(got[1], vec!["Baku"]);
    }

    #[test]
    fn drops_lowercase_prefixes_and_adjective_tails() {
        let got = one("A pro-Russian bloc and Russian-made mines reached the al-Assad camp.");
        assert_eq!(got, vec!["Russian", "Russian", "al-Assad"]);
    }

    #[test]
    fn days_months_and_particles_do_not_glue_names() {
        let got = one("Zelensky spoke on December 8 while Russia and Armenia of old watched Kyiv.");
        assert_eq!(got, vec!["Zelensky", "Russia", "Armenia", "Kyiv"]);
    }

    #[test]
    fn spans_point_into_the_text_and_flag_common_words() {
        let doc = "The Security Council met. A council of elders met the Hayastan bloc.";
        let found = find_names(&[doc]).remove(0);
        for m in &found {
            assert_eq!(&doc[m.span.clone()], m.text);
        }
        assert_eq!(found[0].text, "Security Council");
        assert_eq!(found[0].common, vec![false, true]);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for doc in ["", "-", "’s", "A-", "Ünïcode-’s Ž. ŽŽ", "“”", "x-Y-z-", "'S"] {
            let _ = find_names(&[doc]);
        }
    }

    #[test]
    fn offices_before_a_name_are_not_part_of_it() {
        let got = one("Agriculture Minister Anna Berg met Vice President Liu Qiang and the Prime Minister. \
             Minister of Defense Ole Dahl came with General Motors staff to President Dahl and the UN Secretary General.");
        let want = ["Anna Berg", "Liu Qiang", "Prime Minister", "Minister of Defense Ole Dahl", "General Motors"];
        assert_eq!(got[..5], want);
        assert_eq!(got[5..], ["President Dahl", "UN Secretary General"]);
    }
}
