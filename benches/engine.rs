//! Throughput of the whole engine on a generated news corpus (`benches/common/corpus.rs`):
//!
//! - `extract/N`: decoding every document (`read_bytes`) plus sentence splitting and fact
//!   extraction (`Context::new`), the per-document part of a run;
//! - `check/N`: `engine::check` with the embedded default rules (extraction included, since
//!   `check` builds its own context), on documents that are already read.
//!
//! `check` grows faster than linearly with the set size, so its largest size is smaller than
//! extraction's; see benches/README.md.

#[path = "common/corpus.rs"]
mod corpus;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use crosscheck::document::load::read_bytes;
use crosscheck::document::{Document, Format};
use crosscheck::engine::{check, Context, EngineOptions};
use crosscheck::rules::{parse_pack, RuleSet, DEFAULT_PACK, DEFAULT_PACK_PATH};

/// Reads the generated files the way `load` does: decode, then number documents in path order.
fn read_all(files: &[(String, Vec<u8>)]) -> Vec<Document> {
    let mut docs: Vec<Document> = files
        .iter()
        .map(|(name, bytes)| read_bytes(name, Format::Text, bytes).expect("generated text reads"))
        .collect();
    for (i, d) in docs.iter_mut().enumerate() {
        d.id = i;
    }
    docs
}

fn files(n: usize) -> Vec<(String, Vec<u8>)> {
    corpus::corpus(n).into_iter().map(|(name, text)| (name, text.into_bytes())).collect()
}

fn bytes(files: &[(String, Vec<u8>)]) -> u64 {
    files.iter().map(|(_, b)| b.len() as u64).sum()
}

fn bench_extract(c: &mut Criterion) {
    let mut group = c.benchmark_group("extract");
    group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    group.sampling_mode(SamplingMode::Flat);
    let options = EngineOptions::default();
    for n in [20, 200, 1000] {
        let files = files(n);
        group.throughput(Throughput::Bytes(bytes(&files)));
        group.bench_function(format!("{n}_docs"), |b| {
            b.iter(|| {
                let docs = read_all(black_box(&files));
                let cx = Context::new(&docs, &options);
                black_box(cx.facts.len());
            })
        });
    }
    group.finish();
}

fn bench_check(c: &mut Criterion) {
    // The rule set the command line builds when no config or --rules is given.
    let (rules, errors) = RuleSet::from_packs(vec![parse_pack(DEFAULT_PACK_PATH, DEFAULT_PACK)]);
    assert!(errors.is_empty(), "default pack: {errors:?}");
    let options = EngineOptions::default();
    let mut group = c.benchmark_group("check");
    group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    group.sampling_mode(SamplingMode::Flat);
    for n in [20, 200] {
        let files = files(n);
        let docs = read_all(&files);
        group.throughput(Throughput::Bytes(bytes(&files)));
        group.bench_function(format!("{n}_docs"), |b| b.iter(|| black_box(check(black_box(&docs), &rules, &options))));
    }
    group.finish();
}

criterion_group!(benches, bench_extract, bench_check);
criterion_main!(benches);
