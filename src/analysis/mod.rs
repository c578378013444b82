//! Stage 2 of the pipeline: **analysis**, built once per document and shared by every later
//! stage: sentences, tokens with byte offsets, part of speech and lemma.
//!
//! Every later stage reads words from here; nothing else tokenizes. Offsets are byte ranges of
//! the document's analysis text, so whatever a later stage finds maps back to the source.
//! A [`DocAnalysis`] serialises, so that analysis and the set-level comparison can run apart.

pub mod lemma;
pub mod tagger;
pub mod tokens;

use std::ops::Range;

use serde::{Deserialize, Serialize};

use tagger::{Tag, TAGS};

/// One analysed token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tok {
    pub span: Range<usize>,
    /// White space comes right before it (false inside `Hovan-Tek` or before `,`).
    pub space_before: bool,
    /// Penn Treebank tag (index into [`tagger::TAGS`]).
    pub tag: Tag,
    /// Lowercase dictionary form; proper nouns keep their case.
    pub lemma: String,
    /// Index of its sentence.
    pub sentence: u32,
}

impl Tok {
    pub fn tag_name(&self) -> &'static str {
        TAGS[self.tag as usize]
    }

    /// A noun of any kind (`NN`, `NNS`, `NNP`, `NNPS`).
    pub fn is_noun(&self) -> bool {
        self.tag_name().starts_with("NN")
    }

    /// A proper noun (`NNP`, `NNPS`).
    pub fn is_proper(&self) -> bool {
        self.tag_name().starts_with("NNP")
    }

    /// A verb of any form, auxiliaries included.
    pub fn is_verb(&self) -> bool {
        self.tag_name().starts_with("VB") || self.tag_name() == "MD"
    }

    /// A word made of letters or digits (not punctuation).
    pub fn is_word(&self, text: &str) -> bool {
        text[self.span.clone()].chars().any(char::is_alphanumeric)
    }
}

/// One sentence: its byte range and the range of its tokens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Range<usize>,
    pub tokens: Range<usize>,
}

/// The analysis of one document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocAnalysis {
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Tok>,
}

impl DocAnalysis {
    /// Splits `text` into sentences and tokens, tags and lemmatises them.
    pub fn new(text: &str) -> Self {
        let mut out = DocAnalysis::default();
        for (si, span) in crate::text::sentences(text).into_iter().enumerate() {
            let toks = tokens::tokenize(text, span.clone());
            let words: Vec<&str> = toks.iter().map(|t| &text[t.span.clone()]).collect();
            let tags = tagger::tag(&words);
            let first = out.tokens.len();
            for ((t, w), tag) in toks.into_iter().zip(&words).zip(tags) {
                out.tokens.push(Tok {
                    lemma: lemma::lemma(w, tag).into_owned(),
                    span: t.span,
                    space_before: t.space_before,
                    tag,
                    sentence: si as u32,
                });
            }
            out.sentences.push(Sentence { span, tokens: first..out.tokens.len() });
        }
        out
    }

    /// The tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[Tok] {
        &self.tokens[self.sentences[i].tokens.clone()]
    }

    /// The index of the first token that ends after byte `offset` (tokens are in order).
    pub fn token_at(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.span.end <= offset)
    }

    /// The tokens that overlap the byte range `span`.
    pub fn tokens_in(&self, span: Range<usize>) -> Range<usize> {
        let a = self.token_at(span.start);
        let b = self.tokens.partition_point(|t| t.span.start < span.end);
        a..b.max(a)
    }

    /// The sentence holding byte `offset`, if any.
    pub fn sentence_of(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        (i < self.sentences.len() && self.sentences[i].span.start <= offset).then_some(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_tokens_tags_and_lemmas() {
        let text = "Judge Eleni Karamanli sentenced three men. The letters were signed by the Ministry.";
        let a = DocAnalysis::new(text);
        assert_eq!(a.sentences.len(), 2);
        let words: Vec<(&str, &str, &str)> =
            a.tokens.iter().map(|t| (&text[t.span.clone()], t.tag_name(), t.lemma.as_str())).collect();
        assert_eq!(words[0], ("Judge", "NNP", "Judge"));
        assert_eq!(words[3].2, "sentence");
        assert_eq!(words[5], ("men", "NNS", "man"));
        assert!(words.contains(&("signed", "VBN", "sign")), "{words:?}");
        assert!(a.tokens[7..].iter().all(|t| t.sentence == 1));
        assert_eq!(a.sentence_of(text.find("letters").unwrap()), Some(1));
        let r = a.tokens_in(text.find("Eleni").unwrap()..text.find(" sentenced").unwrap());
        assert_eq!(r, 1..3);
    }

    #[test]
    fn serialises_and_reads_back() {
        let a = DocAnalysis::new("Ayla Demir opened the bridge on 4 May 2025.");
        let json = serde_json::to_string(&a).unwrap();
        let b: DocAnalysis = serde_json::from_str(&json).unwrap();
        assert_eq!(a, b);
    }
}
