//! Part of speech: a greedy averaged-perceptron tagger (Collins 2002, in the form popularised
//! by Honnibal's "A good part-of-speech tagger in about 200 lines of Python"), with Penn Treebank
//! tags, trained on the Universal Dependencies English Web Treebank and embedded in the binary.
//!
//! Why this and not a crate: no maintained Rust crate ships an English model that loads without
//! a download (see `docs/design.md`). A perceptron is small, fast (a few hundred additions per
//! token), deterministic, and its accuracy on the treebank's held-out test split is measured by
//! `examples/train_tagger.rs` and recorded in `docs/design.md`. The model file `tagger.bin` is
//! derived from UD English EWT, which is licensed CC BY-SA 4.0; see `docs/design.md`.
//!
//! The feature function below is the one the model was trained with: changing it means training
//! again (`cargo run --release --example train_tagger -- UD_DIR src/analysis/tagger.bin`).

use std::collections::HashMap;
use std::sync::LazyLock;

/// Penn Treebank tags as used by UD English EWT (`XPOS`), in the model's order.
pub const TAGS: [&str; 50] = [
    "NN", "IN", "DT", "NNP", "PRP", "JJ", "RB", ".", "VB", "NNS", ",", "CC", "VBD", "VBP", "VBZ", "CD", "VBN", "VBG",
    "MD", "TO", "PRP$", "-RRB-", "-LRB-", "WDT", ":", "WRB", "``", "''", "WP", "RP", "UH", "POS", "HYPH", "NNPS",
    "JJR", "JJS", "EX", "NFP", "RBR", "ADD", "GW", "$", "SYM", "PDT", "LS", "FW", "RBS", "AFX", "WP$", "XX",
];

/// A tag: an index into [`TAGS`].
pub type Tag = u8;

/// Index of a tag name, if it is one of [`TAGS`].
pub fn tag_index(name: &str) -> Option<Tag> {
    TAGS.iter().position(|t| *t == name).map(|i| i as Tag)
}

/// The start-of-sentence pseudo tags used as history before the first word.
const START: [&str; 2] = ["-START-", "-START2-"];

fn hash(kind: u8, a: &str, b: &str) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&[kind]);
    h.update(a.as_bytes());
    h.update(&[0x1f]);
    h.update(b.as_bytes());
    h.digest()
}

/// The word as a feature: figures and hyphenated words are classes, the rest lowercase.
pub fn normalise(word: &str) -> String {
    if word.contains('-') && !word.starts_with('-') && word.chars().any(char::is_alphabetic) {
        "!HYPHEN".into()
    } else if word.len() == 4 && word.chars().all(|c| c.is_ascii_digit()) {
        "!YEAR".into()
    } else if word.starts_with(|c: char| c.is_ascii_digit()) {
        "!DIGITS".into()
    } else {
        word.to_lowercase()
    }
}

/// The word's shape, with runs collapsed: `Kallergis` → `Xx`, `GNR` → `X`, `2.4` → `d.d`.
pub fn shape(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if !out.ends_with(k) {
            out.push(k);
        }
        if out.len() > 6 {
            break;
        }
    }
    out
}

fn suffix(w: &str, n: usize) -> &str {
    let start = w.char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i);
    &w[start..]
}

fn prefix3(w: &str) -> &str {
    w.char_indices().nth(3).map_or(w, |(i, _)| &w[..i])
}

fn prefix(w: &str) -> &str {
    w.char_indices().nth(1).map_or(w, |(i, _)| &w[..i])
}

/// One sentence prepared for tagging: each word's normalised form and shape.
pub struct Context {
    norm: Vec<String>,
    shapes: Vec<String>,
}

impl Context {
    pub fn new(words: &[&str]) -> Self {
        Context { norm: words.iter().map(|w| normalise(w)).collect(), shapes: words.iter().map(|w| shape(w)).collect() }
    }

    fn word(&self, i: isize) -> &str {
        if i < 0 {
            ["-START-", "-START2-"][(-i - 1) as usize % 2]
        } else {
            self.norm.get(i as usize).map_or("-END-", String::as_str)
        }
    }

    /// The features of word `i` given the two tags before it.
    pub fn features(&self, i: usize, prev: &str, prev2: &str, out: &mut Vec<u64>) {
        out.clear();
        let ii = i as isize;
        let w = self.word(ii);
        let first = if i == 0 { "1" } else { "0" };
        out.push(hash(0, "bias", ""));
        out.push(hash(1, suffix(w, 3), ""));
        out.push(hash(2, prefix(w), ""));
        out.push(hash(3, prev, ""));
        out.push(hash(4, prev2, prev));
        out.push(hash(5, w, ""));
        out.push(hash(6, prev, w));
        out.push(hash(7, self.word(ii - 1), ""));
        out.push(hash(8, suffix(self.word(ii - 1), 3), ""));
        out.push(hash(9, self.word(ii - 2), ""));
        out.push(hash(10, self.word(ii + 1), ""));
        out.push(hash(11, suffix(self.word(ii + 1), 3), ""));
        out.push(hash(12, self.word(ii + 2), ""));
        out.push(hash(13, &self.shapes[i], first));
        out.push(hash(14, suffix(w, 2), ""));
        out.push(hash(15, self.shapes.get(i + 1).map_or("-END-", String::as_str), &self.shapes[i]));
        out.push(hash(16, suffix(w, 4), ""));
        out.push(hash(17, suffix(w, 1), ""));
        out.push(hash(18, prefix3(w), ""));
        out.push(hash(19, self.word(ii - 1), w));
        out.push(hash(20, w, self.word(ii + 1)));
        out.push(hash(21, if i > 0 { &self.shapes[i - 1] } else { "-START-" }, &self.shapes[i]));
    }
}

/// A trained model: sparse weights per feature, and a dictionary of words that always take one tag.
pub struct Model {
    weights: HashMap<u64, Vec<(Tag, f32)>>,
    tagdict: HashMap<String, Tag>,
}

impl Model {
    /// Tags one sentence.
    pub fn tag(&self, words: &[&str]) -> Vec<Tag> {
        let cx = Context::new(words);
        let mut feats = Vec::with_capacity(24);
        let mut scores = [0f32; TAGS.len()];
        let mut tags: Vec<Tag> = Vec::with_capacity(words.len());
        for (i, norm) in cx.norm.iter().enumerate() {
            if let Some(&t) = self.tagdict.get(norm) {
                tags.push(t);
                continue;
            }
            let name = |k: usize| if k == 0 { START[0] } else { TAGS[tags[k - 1] as usize] };
            let prev = if i >= 1 { name(i) } else { START[0] };
            let prev2 = if i >= 2 { name(i - 1) } else { START[1] };
            cx.features(i, prev, prev2, &mut feats);
            scores.fill(0.0);
            for f in &feats {
                if let Some(ws) = self.weights.get(f) {
                    for &(t, w) in ws {
                        scores[t as usize] += w;
                    }
                }
            }
            // Ties go to the lower index, so the result never depends on hash order.
            let best = (0..TAGS.len()).fold(0, |b, t| if scores[t] > scores[b] { t } else { b });
            tags.push(best as Tag);
        }
        tags
    }

    /// Reads the model format written by [`Trainer::write`].
    pub fn read(bytes: &[u8]) -> Result<Model, String> {
        let mut r = Reader { b: bytes, i: 0 };
        if r.take(5)? != b"XCTG1" {
            return Err("not a tagger model".into());
        }
        let scale = f32::from_le_bytes(r.take(4)?.try_into().unwrap());
        let n = r.u32()? as usize;
        let mut weights = HashMap::with_capacity(n);
        for _ in 0..n {
            let h = u64::from_le_bytes(r.take(8)?.try_into().unwrap());
            let k = r.take(1)?[0] as usize;
            let mut ws = Vec::with_capacity(k);
            for _ in 0..k {
                let t = r.take(1)?[0];
                let w = i16::from_le_bytes(r.take(2)?.try_into().unwrap());
                ws.push((t, w as f32 * scale));
            }
            weights.insert(h, ws);
        }
        let n = r.u32()? as usize;
        let mut tagdict = HashMap::with_capacity(n);
        for _ in 0..n {
            let len = r.take(1)?[0] as usize;
            let w = std::str::from_utf8(r.take(len)?).map_err(|e| e.to_string())?.to_string();
            let t = r.take(1)?[0];
            tagdict.insert(w, t);
        }
        Ok(Model { weights, tagdict })
    }
}

struct Reader<'a> {
    b: &'a [u8],
    i: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], String> {
        let s = self.b.get(self.i..self.i + n).ok_or("truncated tagger model")?;
        self.i += n;
        Ok(s)
    }

    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }
}

/// The embedded model.
pub static MODEL: LazyLock<Model> =
    LazyLock::new(|| Model::read(include_bytes!("tagger.bin")).expect("the embedded tagger model is valid"));

/// Tags one sentence with the embedded model.
pub fn tag(words: &[&str]) -> Vec<Tag> {
    MODEL.tag(words)
}

/// Trains a model (used by `examples/train_tagger.rs`; kept here beside the feature function
/// and the format so that the three cannot drift apart).
pub struct Trainer {
    weights: HashMap<u64, [f32; TAGS.len()]>,
    totals: HashMap<u64, [f64; TAGS.len()]>,
    stamps: HashMap<u64, [u64; TAGS.len()]>,
    seen: u64,
    tagdict: HashMap<String, Tag>,
}

impl Trainer {
    /// A trainer whose tag dictionary holds the words of `sentences` seen at least `min_freq`
    /// times with one tag at least `min_share` of the time.
    pub fn new(sentences: &[(Vec<String>, Vec<Tag>)], min_freq: usize, min_share: f64) -> Self {
        let mut counts: HashMap<String, HashMap<Tag, usize>> = HashMap::new();
        for (words, tags) in sentences {
            for (w, t) in words.iter().zip(tags) {
                *counts.entry(normalise(w)).or_default().entry(*t).or_default() += 1;
            }
        }
        let mut tagdict = HashMap::new();
        for (w, by_tag) in counts {
            let n: usize = by_tag.values().sum();
            let (&t, &k) = by_tag.iter().max_by_key(|(t, k)| (**k, std::cmp::Reverse(**t))).unwrap();
            if n >= min_freq && k as f64 / n as f64 >= min_share {
                tagdict.insert(w, t);
            }
        }
        Trainer { weights: HashMap::new(), totals: HashMap::new(), stamps: HashMap::new(), seen: 0, tagdict }
    }

    fn predict(&self, feats: &[u64]) -> Tag {
        let mut scores = [0f32; TAGS.len()];
        for f in feats {
            if let Some(ws) = self.weights.get(f) {
                for (s, w) in scores.iter_mut().zip(ws) {
                    *s += w;
                }
            }
        }
        (0..TAGS.len()).fold(0, |b, t| if scores[t] > scores[b] { t } else { b }) as Tag
    }

    fn update(&mut self, truth: Tag, guess: Tag, feats: &[u64]) {
        self.seen += 1;
        if truth == guess {
            return;
        }
        for &f in feats {
            let w = self.weights.entry(f).or_insert([0.0; TAGS.len()]);
            let tot = self.totals.entry(f).or_insert([0.0; TAGS.len()]);
            let st = self.stamps.entry(f).or_insert([0; TAGS.len()]);
            for (t, d) in [(truth as usize, 1.0f32), (guess as usize, -1.0)] {
                tot[t] += (self.seen - st[t]) as f64 * w[t] as f64;
                st[t] = self.seen;
                w[t] += d;
            }
        }
    }

    /// One pass over `sentences` (in the order given); returns the share tagged right.
    pub fn epoch(&mut self, sentences: &[(Vec<String>, Vec<Tag>)]) -> f64 {
        let (mut right, mut all) = (0usize, 0usize);
        let mut feats = Vec::with_capacity(24);
        for (words, truth) in sentences {
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            let cx = Context::new(&refs);
            let mut hist: Vec<Tag> = Vec::with_capacity(words.len());
            for i in 0..words.len() {
                let guess = match self.tagdict.get(&cx.norm[i]) {
                    Some(&t) => t,
                    None => {
                        let prev = if i >= 1 { TAGS[hist[i - 1] as usize] } else { START[0] };
                        let prev2 = if i >= 2 { TAGS[hist[i - 2] as usize] } else { START[1] };
                        cx.features(i, prev, prev2, &mut feats);
                        let g = self.predict(&feats);
                        self.update(truth[i], g, &feats);
                        g
                    }
                };
                right += usize::from(guess == truth[i]);
                all += 1;
                hist.push(guess);
            }
        }
        right as f64 / all.max(1) as f64
    }

    /// Averages the weights and drops those smaller than `min_weight`: the model to tag with.
    pub fn finish(mut self, min_weight: f32) -> Model {
        let seen = self.seen;
        let mut weights = HashMap::new();
        for (f, w) in self.weights.drain() {
            let tot = self.totals[&f];
            let st = self.stamps[&f];
            let avg: Vec<(Tag, f32)> = (0..TAGS.len())
                .map(|t| {
                    let total = tot[t] + (seen - st[t]) as f64 * w[t] as f64;
                    (t as Tag, (total / seen.max(1) as f64) as f32)
                })
                .filter(|(_, v)| v.abs() >= min_weight)
                .collect();
            if !avg.is_empty() {
                weights.insert(f, avg);
            }
        }
        Model { weights, tagdict: self.tagdict }
    }
}

impl Model {
    /// Writes the model: weights quantised to 16 bits, features sorted so the bytes are the same
    /// for the same model.
    pub fn write(&self) -> Vec<u8> {
        let max = self.weights.values().flatten().map(|(_, w)| w.abs()).fold(0f32, f32::max).max(1e-9);
        let scale = max / i16::MAX as f32;
        let mut out = b"XCTG1".to_vec();
        out.extend(scale.to_le_bytes());
        let mut feats: Vec<(&u64, &Vec<(Tag, f32)>)> = self.weights.iter().collect();
        feats.sort_by_key(|(h, _)| **h);
        out.extend((feats.len() as u32).to_le_bytes());
        for (h, ws) in feats {
            out.extend(h.to_le_bytes());
            out.push(ws.len() as u8);
            for &(t, w) in ws {
                out.push(t);
                out.extend(((w / scale).round() as i16).to_le_bytes());
            }
        }
        let mut dict: Vec<(&String, &Tag)> = self.tagdict.iter().filter(|(w, _)| w.len() < 256).collect();
        dict.sort();
        out.extend((dict.len() as u32).to_le_bytes());
        for (w, t) in dict {
            out.push(w.len() as u8);
            out.extend(w.as_bytes());
            out.push(*t);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags_of(words: &[&str]) -> Vec<&'static str> {
        tag(words).into_iter().map(|t| TAGS[t as usize]).collect()
    }

    #[test]
    fn tags_ordinary_news_sentences() {
        let cases: &[(&[&str], &[&str])] = &[
            (
                &["The", "court", "sentenced", "Levan", "Qipiani", "to", "eleven", "years", "."],
                &["DT", "NN", "VBD", "NNP", "NNP", "IN", "CD", "NNS", "."],
            ),
            (&["She", "was", "elected", "by", "the", "council"], &["PRP", "VBD", "VBN", "IN", "DT", "NN"]),
            (&["Ministers", "have", "signed", "the", "letter"], &["NNS", "VBP", "VBN", "DT", "NN"]),
        ];
        for (words, want) in cases {
            let got = tags_of(words);
            let right = got.iter().zip(want.iter()).filter(|(a, b)| a == b).count();
            // A statistical tagger may miss a word; it must not miss more than one here.
            assert!(right + 1 >= want.len(), "{words:?}: {got:?}, want {want:?}");
        }
    }

    #[test]
    fn a_perceptron_learns_a_toy_language_and_round_trips() {
        let s = |w: &[&str], t: &[&str]| {
            (w.iter().map(|x| x.to_string()).collect::<Vec<_>>(), t.iter().map(|x| tag_index(x).unwrap()).collect())
        };
        let data = vec![
            s(&["dogs", "bark"], &["NNS", "VBP"]),
            s(&["cats", "sleep"], &["NNS", "VBP"]),
            s(&["the", "dog", "barks"], &["DT", "NN", "VBZ"]),
            s(&["the", "cat", "sleeps"], &["DT", "NN", "VBZ"]),
        ];
        let mut t = Trainer::new(&data, 100, 1.0);
        for _ in 0..10 {
            t.epoch(&data);
        }
        let m = t.finish(0.0);
        let m2 = Model::read(&m.write()).unwrap();
        for model in [&m, &m2] {
            let got: Vec<&str> = model.tag(&["the", "cat", "barks"]).into_iter().map(|t| TAGS[t as usize]).collect();
            assert_eq!(got, ["DT", "NN", "VBZ"]);
        }
        assert_eq!(m.write(), m2.write(), "the format is stable");
    }

    #[test]
    fn shapes_and_normal_forms() {
        let cases = [
            ("Kallergis", "Xx", "kallergis"),
            ("GNR", "X", "gnr"),
            ("2.4", "d.d", "!DIGITS"),
            ("2025", "d", "!YEAR"),
            ("US-based", "X-x", "!HYPHEN"),
        ];
        for (w, sh, n) in cases {
            assert_eq!((shape(w).as_str(), normalise(w).as_str()), (sh, n), "{w}");
        }
    }
}
