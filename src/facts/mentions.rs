//! **Mentions**: the names and code identifiers of a document, found by structure.
//!
//! A name is a run of proper-noun words (`Levan Tskhvediani`, `Kallergis Museum of Byzantine
//! Art`, `Hovan-Tek`): capitalised tokens that the tagger reads as proper nouns or that stand
//! inside a sentence, joined by name particles (`of`, `de`, `bin`), by a possessive before
//! another name word (`Prime Minister's Office`) and by hyphens written without spaces
//! (`Ji-hoon`). A sentence's first word is a name only if the tagger says so, which keeps
//! `However` and `The` out without a list of them. An honorific before a name (`Mr`, `Dr.`) is
//! recorded apart from it.
//!
//! An identifier is a token that a documentation page writes as code (`exclude_patterns`,
//! `PEBBLE_SYNC_TOKEN`, `nextCursor`, `/v2/stops/{stop_id}`): it is a mention of its own.
//!
//! ```text
//! "However, the Korvale-based Hovan-Tek works for the Ministry of Defense."
//!   -> Korvale, Hovan-Tek, Ministry of Defense
//! ```

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::analysis::DocAnalysis;
use crate::lexicon;

/// What a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum MentionKind {
    /// A person, place, organisation or product, written in prose.
    Name,
    /// An identifier written as code.
    Identifier,
}

/// One mention in one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub kind: MentionKind,
    /// Byte range of the whole mention in the analysis text.
    pub span: Range<usize>,
    /// Byte ranges of its words; a hyphenated compound is one word (`Hovan-Tek`), particles are
    /// not words (`of` in `Ministry of Defense`).
    pub words: Vec<Range<usize>>,
    /// Its tokens.
    pub tokens: Range<usize>,
    pub sentence: usize,
    /// An honorific written just before it (`Mr`, `Dr.`), lowercase without the dot.
    pub honorific: Option<String>,
    /// It begins its sentence (so its capital letter says nothing).
    pub sentence_initial: bool,
    /// It stands in a sentence written in capitals (a headline or a masthead).
    pub in_capitals: bool,
}

impl Mention {
    /// The text of the mention.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.span.clone()]
    }

    /// The texts of its words.
    pub fn word_texts<'a>(&self, text: &'a str) -> Vec<&'a str> {
        self.words.iter().map(|w| &text[w.clone()]).collect()
    }
}

pub use crate::text::is_identifier;

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Finds the mentions of a document.
pub fn find_mentions(text: &str, a: &DocAnalysis) -> Vec<Mention> {
    let mut out = Vec::new();
    for (si, s) in a.sentences.iter().enumerate() {
        let toks = &a.tokens[s.tokens.clone()];
        let word_of = |i: usize| &text[toks[i].span.clone()];
        let letters: String = text[s.span.clone()].chars().filter(|c| c.is_alphabetic()).collect();
        let in_capitals = letters.chars().count() >= 4 && letters.chars().all(|c| !c.is_lowercase());
        // The first token that is a word (opening quotes and brackets do not count).
        let first_word = (0..toks.len()).find(|&i| toks[i].is_word(text)).unwrap_or(0);
        let is_name_token = |i: usize| -> bool {
            let w = word_of(i);
            let t = &toks[i];
            if !capitalised(w) || !w.chars().any(char::is_alphabetic) || is_identifier(w) {
                return false;
            }
            let lower = w.trim_end_matches('.').to_lowercase();
            if lexicon::is_stopword(&lower)
                || lexicon::HONORIFICS.contains(&lower)
                || lexicon::MONTHS.contains_key(lower.as_str())
                || lexicon::WEEKDAYS.contains_key(lower.as_str())
                || w == "I"
            {
                return false;
            }
            if i == first_word || in_capitals {
                return t.is_proper();
            }
            true
        };
        // A particle written onto a name with a hyphen (`al-Khulaifi`, `el-Sisi`).
        let hyphenated_particle = |j: usize| -> bool {
            j + 2 < toks.len()
                && lexicon::NAME_PARTICLES.contains(word_of(j))
                && matches!(word_of(j + 1), "-" | "‐")
                && !toks[j + 1].space_before
                && !toks[j + 2].space_before
                && is_name_token(j + 2)
        };
        let mut i = 0;
        while i < toks.len() {
            let w = word_of(i);
            if is_identifier(w) {
                out.push(Mention {
                    kind: MentionKind::Identifier,
                    span: toks[i].span.clone(),
                    words: vec![toks[i].span.clone()],
                    tokens: s.tokens.start + i..s.tokens.start + i + 1,
                    sentence: si,
                    honorific: None,
                    sentence_initial: i == first_word,
                    in_capitals,
                });
                i += 1;
                continue;
            }
            if !is_name_token(i) && !hyphenated_particle(i) {
                i += 1;
                continue;
            }
            let start = i;
            let mut words: Vec<Range<usize>> = Vec::new();
            let mut j = i;
            loop {
                // One word: this token, plus hyphenated parts written without spaces.
                let mut wend = j;
                while wend + 2 < toks.len()
                    && matches!(word_of(wend + 1), "-" | "‐")
                    && !toks[wend + 1].space_before
                    && !toks[wend + 2].space_before
                    && toks[wend + 2].is_word(text)
                    && (capitalised(word_of(wend + 2)) || !lexicon::ENGLISH.contains(&word_of(wend + 2).to_lowercase()))
                {
                    wend += 2;
                }
                words.push(toks[j].span.start..toks[wend].span.end);
                j = wend + 1;
                if j >= toks.len() {
                    break;
                }
                // What may continue the name.
                let next = word_of(j);
                if is_name_token(j) && toks[j].space_before {
                    continue;
                }
                // `of` and `for` join after a common noun heading a body or an office (`Ministry
                // of Defense`, `Bank of the West`), not after a person (`Sargsyan of the Bank`).
                let last_word = &text[words.last().unwrap().clone()];
                let head_noun = lexicon::ENGLISH.contains(&last_word.to_lowercase());
                let particle = lexicon::NAME_PARTICLES.contains(next) && (!matches!(next, "of" | "for") || head_noun);
                let possessive = matches!(next, "'s" | "’s" | "'" | "’") && !toks[j].space_before;
                // `Mohammed al-Khulaifi`: a particle hyphenated to a name word is part of that word.
                if hyphenated_particle(j) {
                    continue;
                }
                if particle || possessive {
                    let mut k = j + 1;
                    if particle && k < toks.len() && word_of(k) == "the" {
                        k += 1;
                    }
                    if k < toks.len() && is_name_token(k) {
                        j = k;
                        continue;
                    }
                }
                break;
            }
            let end = j; // exclusive token index
            let honorific = start
                .checked_sub(1)
                .map(|h| word_of(h).trim_end_matches('.').to_lowercase())
                .filter(|h| lexicon::HONORIFICS.contains(h));
            out.push(Mention {
                kind: MentionKind::Name,
                span: toks[start].span.start..toks[end - 1].span.end,
                words,
                tokens: s.tokens.start + start..s.tokens.start + end,
                sentence: si,
                honorific,
                sentence_initial: start == first_word,
                in_capitals,
            });
            i = end;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        let a = DocAnalysis::new(text);
        find_mentions(text, &a).iter().map(|m| m.text(text).to_string()).collect()
    }

    #[test]
    fn table_of_mentions() {
        let cases: &[(&str, &[&str])] = &[
            (
                "However, the Korvale-based Hovan-Tek works for the Ministry of Defense.",
                &["Korvale", "Hovan-Tek", "Ministry of Defense"],
            ),
            ("Presiding judge Eleni Karamanli sentenced Levan Tskhvediani.", &["Eleni Karamanli", "Levan Tskhvediani"]),
            ("The statement came from the Prime Minister's Office on Monday.", &["Prime Minister's Office"]),
            ("Tskhvediani's lawyer, Mr Andreas Georgiou, spoke.", &["Tskhvediani", "Andreas Georgiou"]),
            ("Kim Ji-hoon, the chief product officer, spoke in May.", &["Kim Ji-hoon"]),
            ("The envoy Mohammed al-Khulaifi met al-Sisi.", &["Mohammed al-Khulaifi", "al-Sisi"]),
            (
                "Set exclude_patterns and PEBBLE_SYNC_TOKEN, then read nextCursor.",
                &["exclude_patterns", "PEBBLE_SYNC_TOKEN", "nextCursor"],
            ),
            (
                "GET /v2/stops/{stop_id}/departures returns the Alpine Club of Pakistan.",
                &["/v2/stops/{stop_id}/departures", "Alpine Club of Pakistan"],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(names(text), *want, "{text}");
        }
    }

    #[test]
    fn words_and_honorifics() {
        let text = "Then Dr. Hovan-Tek Sargsyan of the Bank of the West arrived.";
        let a = DocAnalysis::new(text);
        let ms = find_mentions(text, &a);
        assert_eq!(ms[0].word_texts(text), ["Hovan-Tek", "Sargsyan"]);
        assert_eq!(ms[0].honorific.as_deref(), Some("dr"));
        assert_eq!(ms[1].text(text), "Bank of the West");
        assert_eq!(ms[1].word_texts(text), ["Bank", "West"]);
    }

    #[test]
    fn identifiers_by_shape() {
        for (w, yes) in [
            ("exclude_patterns", true),
            ("PEBBLE_SYNC_TOKEN", true),
            ("nextCursor", true),
            ("--bwlimit", true),
            ("/v2/stops", true),
            ("iPhone", false),
            ("Hovan-Tek", false),
            ("_", false),
            ("2,500", false),
        ] {
            assert_eq!(is_identifier(w), yes, "{w}");
        }
    }
}
