//! Throughput of passage alignment on generated document sets of 200 and 2,000 documents
//! (40 sentences each, Zipf-distributed made-up words, some planted retellings).

use std::hint::black_box;
use std::ops::Range;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use crosscheck::align::{align, AlignSettings};
use crosscheck::text::sentences;

/// Deterministic xorshift generator, so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn sentence_from(words: &[&str]) -> String {
    let mut s = words.join(" ");
    if let Some(f) = s.get_mut(0..1) {
        f.make_ascii_uppercase();
    }
    s.push('.');
    s
}

/// `docs` documents of 40 sentences over a 4,000-word vocabulary, one in ten documents retelling
/// a sentence of another with three words changed.
fn corpus(docs: usize) -> Vec<String> {
    const CONS: &[u8] = b"bdfgklmnprstvz";
    const VOWELS: &[u8] = b"aeiou";
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut seen = std::collections::HashSet::new();
    let mut vocab = Vec::new();
    while vocab.len() < 4000 {
        let syllables = 2 + rng.below(2);
        let w: String = (0..syllables)
            .flat_map(|_| [CONS[rng.below(CONS.len())] as char, VOWELS[rng.below(VOWELS.len())] as char])
            .collect();
        if seen.insert(w.clone()) {
            vocab.push(w);
        }
    }
    let cumulative: Vec<f64> = (0..vocab.len())
        .scan(0.0, |acc, r| {
            *acc += 1.0 / (r + 1) as f64;
            Some(*acc)
        })
        .collect();
    let total = cumulative[cumulative.len() - 1];
    let zipf = |rng: &mut Rng| {
        let x = (rng.next() % 1_000_000) as f64 / 1_000_000.0 * total;
        vocab[cumulative.partition_point(|&c| c < x).min(vocab.len() - 1)].as_str()
    };
    let mut sents: Vec<Vec<String>> = (0..docs)
        .map(|_| {
            (0..40)
                .map(|_| {
                    let words: Vec<&str> = (0..8 + rng.below(9)).map(|_| zipf(&mut rng)).collect();
                    sentence_from(&words)
                })
                .collect()
        })
        .collect();
    for _ in 0..docs / 10 {
        let (da, db) = (rng.below(docs), rng.below(docs));
        let original: Vec<&str> = (0..12 + rng.below(5)).map(|_| vocab[200 + rng.below(3800)].as_str()).collect();
        let mut copy = original.clone();
        for _ in 0..3 {
            let at = rng.below(copy.len());
            copy[at] = zipf(&mut rng);
        }
        sents[da][rng.below(40)] = sentence_from(&original);
        sents[db][rng.below(40)] = sentence_from(&copy);
    }
    sents.iter().map(|d| d.join(" ")).collect()
}

fn bench_align(c: &mut Criterion) {
    let mut group = c.benchmark_group("align");
    group.sample_size(10);
    for n in [200, 2000] {
        let texts = corpus(n);
        let docs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let ranges: Vec<Vec<Range<usize>>> = docs.iter().map(|d| sentences(d)).collect();
        group.throughput(Throughput::Bytes(texts.iter().map(|t| t.len() as u64).sum()));
        group.bench_function(format!("{n}_docs"), |b| {
            b.iter(|| align(black_box(&docs), black_box(&ranges), &AlignSettings::default()))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_align);
criterion_main!(benches);
