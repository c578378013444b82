//! Rule-pack parsing against pack size: `parse_pack` plus `RuleSet::from_packs` on generated
//! packs of 1,000 to 43,000 rules (every kind, a `"""` description each, `[[rule.name]]` tables,
//! fact rules with a placeholder pattern). The time per rule should not grow with the pack: it
//! was quadratic (43,000 rules took 80 s) while every position was counted from the top of the
//! file and every id was checked against every earlier one. See benches/README.md.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use crosscheck::rules::{parse_pack, RuleSet};

/// A pack of `n` rules cycling through the kinds.
fn pack(n: usize) -> String {
    let mut s = String::with_capacity(n * 160);
    for i in 0..n {
        s.push_str(&format!(
            "[[rule]]\nid = \"r{i}\"\nseverity = \"warning\"\ndescription = \"\"\"\nRule {i}.\n[not a header]\n\"\"\"\n"
        ));
        match i % 5 {
            0 => s.push_str(&format!(
                "kind = \"names\"\n[[rule.name]]\ncanonical = \"Place{i}\"\naliases = [\"Plase{i}\"]\n"
            )),
            1 => s.push_str("kind = \"dates\"\ndate_order = \"dmy\"\n"),
            2 => s.push_str("kind = \"numbers\"\ntolerance = 0.05\n"),
            3 => s.push_str(&format!(
                "kind = \"fact\"\nsubject = \"budget {i}\"\npattern = \"budget of item{i} is {{number}}\"\nvalue_type = \"number\"\n"
            )),
            _ => s.push_str("kind = \"quotes\"\nmin_score = 0.6\n"),
        }
        s.push('\n');
    }
    s
}

fn bench_parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("rule_pack");
    group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    group.sampling_mode(SamplingMode::Flat);
    for n in [1_000, 4_000, 16_000, 43_000] {
        let text = pack(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(format!("{n}_rules"), |b| {
            b.iter(|| {
                let p = parse_pack("bench.toml", black_box(&text));
                assert!(p.errors.is_empty(), "{:?}", p.errors.first());
                let (set, errors) = RuleSet::from_packs(vec![p]);
                assert!(errors.is_empty());
                black_box(set.rules.len())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_parse);
criterion_main!(benches);
