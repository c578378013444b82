//! Trains the part-of-speech model embedded in `src/analysis/tagger.bin` and reports its
//! accuracy on the held-out splits:
//!
//! ```sh
//! cargo run --release --example train_tagger -- UD_DIR src/analysis/tagger.bin [--epochs 8]
//! ```
//!
//! `UD_DIR` holds `train.conllu`, `dev.conllu` and `test.conllu` of UD English EWT (see
//! docs/design.md for how to get them; the treebank is CC BY-SA 4.0, so the model is too).
//! Training is deterministic: the same data gives the same bytes.

use crosscheck::analysis::lemma::{class, rule_lemma_with, Class};
use crosscheck::analysis::tagger::{tag_index, Model, Tag, Trainer, TAGS};

type Sentence = (Vec<String>, Vec<Tag>);

/// (form, tag, lemma) of every training token, for the lemma exception table.
static LEMMAS: std::sync::Mutex<Vec<(String, Tag, String)>> = std::sync::Mutex::new(Vec::new());

fn read(path: &std::path::Path) -> Vec<Sentence> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = Vec::new();
    let (mut words, mut tags) = (Vec::new(), Vec::new());
    for line in text.lines() {
        if line.is_empty() {
            if !words.is_empty() {
                out.push((std::mem::take(&mut words), std::mem::take(&mut tags)));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        // Multi-word token ranges (`3-4`) and empty nodes (`3.1`) carry no tag of their own.
        if f.len() < 5 || f[0].contains('-') || f[0].contains('.') {
            continue;
        }
        let tag = tag_index(f[4]).unwrap_or_else(|| tag_index("XX").unwrap());
        words.push(f[1].to_string());
        tags.push(tag);
        if path.ends_with("train.conllu") {
            LEMMAS.lock().unwrap().push((f[1].to_string(), tag, f[2].to_string()));
        }
    }
    if !words.is_empty() {
        out.push((words, tags));
    }
    out
}

/// Accuracy overall and on words the training data never had.
fn accuracy(model: &Model, data: &[Sentence], known: &std::collections::HashSet<String>) -> (f64, f64, usize) {
    let (mut right, mut all, mut uright, mut uall) = (0, 0, 0, 0);
    for (words, truth) in data {
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        for ((w, g), t) in words.iter().zip(model.tag(&refs)).zip(truth) {
            all += 1;
            right += usize::from(g == *t);
            if !known.contains(w) {
                uall += 1;
                uright += usize::from(g == *t);
            }
        }
    }
    (right as f64 / all as f64, uright as f64 / uall.max(1) as f64, all)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let epochs = args.iter().position(|a| a == "--epochs").and_then(|i| args.get(i + 1)?.parse().ok()).unwrap_or(8);
    let [dir, out, ..] = args.as_slice() else {
        eprintln!("usage: train_tagger UD_DIR OUT [--epochs N]   (also writes lemmas.tsv beside OUT)");
        std::process::exit(2);
    };
    let dir = std::path::Path::new(dir);
    let train = read(&dir.join("train.conllu"));
    let dev = read(&dir.join("dev.conllu"));
    let test = read(&dir.join("test.conllu"));
    let known: std::collections::HashSet<String> = train.iter().flat_map(|(w, _)| w.iter().cloned()).collect();
    eprintln!("train {} sentences, dev {}, test {}; {} tags", train.len(), dev.len(), test.len(), TAGS.len());
    let mut trainer = Trainer::new(&train, 20, 0.97);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut seed = 0x5eed_u64;
    for e in 0..epochs {
        // A deterministic shuffle per epoch (splitmix64).
        for i in (1..order.len()).rev() {
            seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = seed;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            order.swap(i, ((z ^ (z >> 31)) % (i as u64 + 1)) as usize);
        }
        let batch: Vec<Sentence> = order.iter().map(|&i| train[i].clone()).collect();
        let acc = trainer.epoch(&batch);
        eprintln!("epoch {}: training accuracy {:.4}", e + 1, acc);
    }
    let model = trainer.finish(0.3);
    let bytes = model.write();
    let model = Model::read(&bytes).unwrap();
    for (name, data) in [("dev", &dev), ("test", &test)] {
        let (acc, unknown, n) = accuracy(&model, data, &known);
        println!("{name}: {:.2}% of {n} tokens, {:.2}% on words unseen in training", acc * 100.0, unknown * 100.0);
    }
    std::fs::write(out, &bytes).unwrap_or_else(|e| panic!("{out}: {e}"));
    lemma_accuracy(&dir.join("test.conllu"));
    let lemma_path = std::path::Path::new(out).with_file_name("lemmas.tsv");
    let n = write_lemmas(&lemma_path);
    eprintln!("wrote {} ({n} exceptions)", lemma_path.display());
    eprintln!("wrote {out} ({} KiB)", bytes.len() / 1024);
}

/// Writes the forms whose most frequent treebank lemma the suffix rules get wrong.
fn write_lemmas(path: &std::path::Path) -> usize {
    use std::collections::{BTreeMap, HashMap};
    let code = |c: Class| match c {
        Class::Noun => "n",
        Class::Verb => "v",
        Class::Adjective => "a",
        Class::Other => "o",
    };
    let mut counts: BTreeMap<(String, &str), HashMap<String, usize>> = BTreeMap::new();
    let mut tag_of: HashMap<(String, &str), Tag> = HashMap::new();
    for (form, tag, lemma) in LEMMAS.lock().unwrap().iter() {
        let c = class(*tag);
        if c == Class::Other || TAGS[*tag as usize] == "NNP" || lemma == "_" {
            continue;
        }
        let key = (form.to_lowercase(), code(c));
        *counts.entry(key.clone()).or_default().entry(lemma.to_lowercase()).or_default() += 1;
        tag_of.insert(key, *tag);
    }
    let mut out = String::from(
        "# Lemma exceptions learnt from UD English EWT (train split, CC BY-SA 4.0) by examples/train_tagger.rs:\n\
         # `@e` lines: stem endings after which a cut -ed/-ing takes back a final e (1) or not (0);\n\
         # other lines: form, class (n noun, v verb, a adjective), lemma, where the rules are wrong.\n",
    );
    // `e` restoration after a cut `-ed`/`-ing`, by the stem's last two and three letters; the
    // exceptions below are computed with these rules in force, so the rules come first.
    let mut votes: BTreeMap<String, [usize; 2]> = BTreeMap::new();
    for (form, tag, lemma) in LEMMAS.lock().unwrap().iter() {
        let t = TAGS[*tag as usize];
        let (form, lemma) = (form.to_lowercase(), lemma.to_lowercase());
        let cut = match t {
            "VBD" | "VBN" if form.ends_with("ed") && !form.ends_with("ied") => 2,
            "VBG" if form.ends_with("ing") => 3,
            _ => continue,
        };
        let stem = &form[..form.len() - cut];
        let add = if lemma == format!("{stem}e") {
            1
        } else if lemma == stem {
            0
        } else {
            continue;
        };
        for n in [2, 3] {
            if stem.len() > n && stem.is_char_boundary(stem.len() - n) {
                votes.entry(stem[stem.len() - n..].to_string()).or_default()[add] += 1;
            }
        }
    }
    for (end, [keep, add]) in &votes {
        if keep + add >= 3 && !end.contains('\t') {
            out.push_str(&format!("@e\t{end}\t{}\n", u8::from(add > keep)));
        }
    }
    let restore: std::collections::HashMap<&str, bool> =
        votes.iter().filter(|(_, [k, a])| k + a >= 3).map(|(e, [k, a])| (e.as_str(), a > k)).collect();
    let restores_e = |stem: &str| {
        [3, 2].iter().find_map(|&n| {
            (stem.len() > n && stem.is_char_boundary(stem.len() - n))
                .then(|| restore.get(&stem[stem.len() - n..]).copied())
                .flatten()
        }) == Some(true)
    };
    let mut n = 0;
    for ((form, c), lemmas) in &counts {
        let (best, _) = lemmas.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).unwrap();
        let tag = tag_of[&(form.clone(), *c)];
        if *best != rule_lemma_with(form, tag, &restores_e) && !form.contains('\t') {
            out.push_str(&format!("{form}\t{c}\t{best}\n"));
            n += 1;
        }
    }
    std::fs::write(path, out).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    n
}

/// The embedded lemmatiser on the test split's nouns, verbs and adjectives, given the gold tag
/// (run after a rebuild, since the table is compiled in).
fn lemma_accuracy(path: &std::path::Path) {
    let text = std::fs::read_to_string(path).unwrap();
    let (mut right, mut all) = (0, 0);
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 5 || f[0].contains('-') || f[0].contains('.') {
            continue;
        }
        let Some(tag) = tag_index(f[4]) else { continue };
        if class(tag) == Class::Other || f[4] == "NNP" || f[4] == "NNPS" {
            continue;
        }
        all += 1;
        right += usize::from(crosscheck::analysis::lemma::lemma(f[1], tag) == f[2].to_lowercase());
    }
    println!("lemmas (test, gold tags, nouns/verbs/adjectives): {:.2}% of {all}", right as f64 * 100.0 / all as f64);
}
