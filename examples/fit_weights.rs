//! Fits the weights in `src/score/weights.toml` on development sets and validates them
//! leave-one-set-out:
//!
//! ```sh
//! cargo run --release --example fit_weights -- [--write] [--show] [--lambda 1.0] [--models spelling,layout] SET... [--open SET...]
//! ```
//!
//! Each set is checked by the engine with every candidate recorded with its evidence
//! (`engine::candidates`). A candidate is a positive when its texts name both values of one of
//! the set's expectations of the model's kind (the scorer's matching), a negative otherwise
//! (sets after `--open`, real text with planted edits, give positives only). An
//! logistic regression is fitted per model by Newton's method, regularised towards the hand-set
//! prior weights of `src/score/priors.toml` (a feature with little data keeps its prior). The report gives,
//! per model, the candidates and positives, the fitted weights, and the true and false
//! positives at confidence 0.5 in the sample and leave-one-set-out (each set judged by weights
//! fitted on the others). `--write` replaces the fitted models' tables in the weights file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use crosscheck::document::load::{load, LoadOptions};
use crosscheck::engine::{candidates, EngineOptions};
use crosscheck::expect::{self, Expectations};
use crosscheck::rules::{load_packs, parse_pack, RuleSet, DEFAULT_PACK, DEFAULT_PACK_PATH};
use crosscheck::score::Candidate;

/// The expectation kind each model's candidates are judged against.
fn kind_of(model: &str) -> &str {
    match model {
        "layout" | "identifier" => "spelling",
        m => m,
    }
}

fn fold(s: &str) -> String {
    s.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'").replace(['\u{201c}', '\u{201d}'], "\"")
}

fn has(texts: &[String], value: &str) -> bool {
    let v = fold(value);
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    texts.iter().any(|t| {
        let t = fold(t);
        t.match_indices(&v).any(|(i, _)| !word(t[..i].chars().next_back()) && !word(t[i + v.len()..].chars().next()))
    })
}

fn sorted(v: &[String]) -> Vec<String> {
    let mut v = v.to_vec();
    v.sort();
    v
}

struct Example {
    set: usize,
    x: Vec<f64>,
    y: bool,
    about: Vec<String>,
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

#[allow(clippy::needless_range_loop)]
/// Newton's method on the log loss regularised towards the prior weights (`prior[0]` is the
/// bias, which is not regularised).
fn fit(data: &[&Example], prior: &[f64], lambda: f64) -> Vec<f64> {
    let dim = prior.len() - 1;
    let mut w = prior.to_vec();
    for _ in 0..50 {
        let mut grad = vec![0.0; dim + 1];
        let mut hess = vec![vec![0.0; dim + 1]; dim + 1];
        for e in data {
            let xs: Vec<f64> = std::iter::once(1.0).chain(e.x.iter().copied()).collect();
            let p = sigmoid(xs.iter().zip(&w).map(|(a, b)| a * b).sum());
            let r = p - f64::from(u8::from(e.y));
            for i in 0..=dim {
                grad[i] += r * xs[i];
                for j in 0..=dim {
                    hess[i][j] += p * (1.0 - p) * xs[i] * xs[j];
                }
            }
        }
        for i in 1..=dim {
            grad[i] += lambda * (w[i] - prior[i]);
            hess[i][i] += lambda;
        }
        hess[0][0] += 1e-6;
        let step = solve(hess, grad);
        // A damped step: halved until the loss does not grow (plain Newton diverges when the
        // positives are nearly separable).
        let before = loss(data, &w, prior, lambda);
        let mut t = 1.0;
        let mut next = w.clone();
        for _ in 0..30 {
            next = w.iter().zip(&step).map(|(a, s)| a - t * s).collect();
            if loss(data, &next, prior, lambda) <= before {
                break;
            }
            t /= 2.0;
        }
        let change = w.iter().zip(&next).map(|(a, b)| (a - b).abs()).fold(0.0f64, f64::max);
        w = next;
        if change < 1e-7 {
            break;
        }
    }
    w
}

/// The regularised log loss of weights `w`.
fn loss(data: &[&Example], w: &[f64], prior: &[f64], lambda: f64) -> f64 {
    let mut l = 0.0;
    for e in data {
        let p = predict(w, &e.x).clamp(1e-12, 1.0 - 1e-12);
        l -= if e.y { p.ln() } else { (1.0 - p).ln() };
    }
    l + 0.5 * lambda * w.iter().zip(prior).skip(1).map(|(a, b)| (a - b) * (a - b)).sum::<f64>()
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting.
#[allow(clippy::needless_range_loop)] // row operations read clearest with indices
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let n = b.len();
    for c in 0..n {
        let p = (c..n).max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs())).unwrap();
        a.swap(c, p);
        b.swap(c, p);
        let d = a[c][c];
        if d.abs() < 1e-12 {
            continue;
        }
        for r in c + 1..n {
            let f = a[r][c] / d;
            for k in c..n {
                a[r][k] -= f * a[c][k];
            }
            b[r] -= f * b[c];
        }
    }
    let mut x = vec![0.0; n];
    for c in (0..n).rev() {
        let s: f64 = (c + 1..n).map(|k| a[c][k] * x[k]).sum();
        x[c] = if a[c][c].abs() < 1e-12 { 0.0 } else { (b[c] - s) / a[c][c] };
    }
    x
}

fn predict(w: &[f64], x: &[f64]) -> f64 {
    sigmoid(w[0] + x.iter().zip(&w[1..]).map(|(a, b)| a * b).sum::<f64>())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut sets = Vec::new();
    let mut write = false;
    let mut lambda = 1.0;
    let mut only: Option<BTreeSet<String>> = None;
    let mut show = false;
    let mut open_from = usize::MAX;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--write" => write = true,
            "--show" => show = true,
            "--lambda" => lambda = it.next().and_then(|s| s.parse().ok()).expect("--lambda NUMBER"),
            "--models" => only = Some(it.next().expect("--models LIST").split(',').map(String::from).collect()),
            // Sets whose expectations are not the whole truth (real news with planted edits): their
            // other candidates may be real variants, so only their positives are used.
            "--open" => open_from = sets.len(),
            _ => sets.push(PathBuf::from(a)),
        }
    }
    let closed = expect::discover_sets(&sets[..open_from.min(sets.len())]).unwrap_or_default();
    let open =
        if open_from < sets.len() { expect::discover_sets(&sets[open_from..]).unwrap_or_default() } else { Vec::new() };
    let n_closed = closed.len();
    let specs: Vec<expect::SetSpec> = closed.into_iter().chain(open).collect();
    // model -> examples; feature names per model.
    let mut by_model: BTreeMap<&'static str, Vec<Example>> = BTreeMap::new();
    let mut names: BTreeMap<&'static str, BTreeSet<&'static str>> = BTreeMap::new();
    let mut recorded: Vec<(usize, Vec<Candidate>, Expectations)> = Vec::new();
    for (si, spec) in specs.iter().enumerate() {
        let exp = spec.expected.as_ref().map(|p| expect::read(p).unwrap()).unwrap_or_default();
        let mut packs = vec![parse_pack(DEFAULT_PACK_PATH, DEFAULT_PACK)];
        if let Some(r) = &spec.rules {
            packs.extend(load_packs(r));
        }
        let (rules, _) = RuleSet::from_packs(packs);
        let loaded = load(&spec.documents, &LoadOptions::default()).unwrap();
        let cands = candidates(&loaded.documents, &rules, &EngineOptions::default());
        for c in &cands {
            names.entry(c.model).or_default().extend(c.features.iter().map(|(n, _)| *n));
        }
        eprintln!("{}: {} candidates", spec.name, cands.len());
        recorded.push((si, cands, exp));
    }
    // A planted set's untouched twin holds every candidate that the edits did not make: such a
    // candidate matching an expectation's words (another `Tuesday` / `Friday` pair) is not the
    // planted one.
    let mut twin_abouts: BTreeMap<String, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (si, cands, _) in &recorded {
        if specs[*si].name.ends_with("twin") {
            let key = specs[*si].name.trim_end_matches("twin").to_string();
            twin_abouts.entry(key).or_default().extend(cands.iter().map(|c| sorted(&c.about)));
        }
    }
    for (si, cands, exp) in recorded {
        let twin = twin_abouts.get(specs[si].name.trim_end_matches("planted"));
        for c in cands {
            if si >= n_closed && twin.is_some_and(|t| t.contains(&sorted(&c.about))) {
                continue;
            }
            let feats: Vec<&str> = names[c.model].iter().copied().collect();
            let x: Vec<f64> =
                feats.iter().map(|n| c.features.iter().filter(|(m, _)| m == n).map(|(_, v)| v).sum()).collect();
            let y = exp
                .expect
                .iter()
                .any(|e| e.kind.as_str() == kind_of(c.model) && e.values.iter().all(|v| has(&c.about, v)));
            if !y && si >= n_closed {
                continue;
            }
            by_model.entry(c.model).or_default().push(Example { set: si, x, y, about: c.about.clone() });
        }
    }
    let mut tables = BTreeMap::new();
    for (model, data) in &by_model {
        if only.as_ref().is_some_and(|o| !o.contains(*model)) {
            continue;
        }
        let feats: Vec<&str> = names[model].iter().copied().collect();
        let all: Vec<&Example> = data.iter().collect();
        let pm = crosscheck::score::parse(&std::fs::read_to_string("src/score/priors.toml").unwrap());
        let pmodel = pm.get(*model).cloned().unwrap_or_default();
        let prior: Vec<f64> = std::iter::once(pmodel.bias)
            .chain(feats.iter().map(|n| pmodel.weights.get(*n).copied().unwrap_or(0.0)))
            .collect();
        let w = fit(&all, &prior, lambda);
        let count = |w: &[f64], es: &[&Example]| {
            let (mut tp, mut fp, mut fnn) = (0, 0, 0);
            for e in es {
                let hit = predict(w, &e.x) >= 0.5;
                match (hit, e.y) {
                    (true, true) => tp += 1,
                    (true, false) => fp += 1,
                    (false, true) => fnn += 1,
                    _ => {}
                }
            }
            (tp, fp, fnn)
        };
        let (tp, fp, fnn) = count(&w, &all);
        if show {
            for e in &all {
                let p = predict(&w, &e.x);
                if (p >= 0.5) != e.y {
                    let on: Vec<&str> = feats.iter().zip(&e.x).filter(|(_, v)| **v != 0.0).map(|(n, _)| *n).collect();
                    println!(
                        "  {} {:.2} {} {:?} {:?}",
                        if e.y { "MISSED" } else { "FALSE " },
                        p,
                        specs[e.set].name,
                        e.about,
                        on
                    );
                }
            }
        }
        let set_ids: BTreeSet<usize> = data.iter().map(|e| e.set).collect();
        let (mut ltp, mut lfp, mut lfn) = (0, 0, 0);
        for s in &set_ids {
            let train: Vec<&Example> = data.iter().filter(|e| e.set != *s).collect();
            let test: Vec<&Example> = data.iter().filter(|e| e.set == *s).collect();
            let ws = fit(&train, &prior, lambda);
            let (a, b, c) = count(&ws, &test);
            ltp += a;
            lfp += b;
            lfn += c;
        }
        let pos = data.iter().filter(|e| e.y).count();
        println!(
            "{model}: {} candidates, {pos} positives over {} sets; in sample {tp} found, {fp} false, {fnn} missed; \
             leave-one-set-out {ltp} found, {lfp} false, {lfn} missed",
            data.len(),
            set_ids.len()
        );
        let mut t = format!("[{model}]\n# fitted by examples/fit_weights.rs (lambda {lambda}): {} candidates, {pos} positives, {} sets;\n# in sample {tp} found / {fp} false / {fnn} missed at 0.5; leave-one-set-out {ltp} / {lfp} / {lfn}\nbias = {:.3}\n", data.len(), set_ids.len(), w[0]);
        for (n, v) in feats.iter().zip(&w[1..]) {
            println!("  {n:<24} {v:>8.3}");
            t.push_str(&format!("{n} = {v:.3}\n"));
        }
        println!("  {:<24} {:>8.3}", "bias", w[0]);
        tables.insert(model.to_string(), t);
    }
    if write {
        let path = "src/score/weights.toml";
        let text = std::fs::read_to_string(path).unwrap();
        let mut out = String::new();
        let mut skipping = false;
        for line in text.lines() {
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                skipping = tables.contains_key(name);
                if let Some(t) = tables.remove(name) {
                    out.push_str(&t);
                    out.push('\n');
                }
            }
            if !skipping {
                out.push_str(line);
                out.push('\n');
            }
        }
        for t in tables.values() {
            out.push_str(t);
            out.push('\n');
        }
        std::fs::write(path, out.trim_end().to_string() + "\n").unwrap();
        eprintln!("wrote {path}");
    }
}
