use super::*;
use crate::text::sentences;

fn run_with(docs: &[&str], settings: &AlignSettings) -> (Vec<AlignedPair>, AlignStats) {
    let sents: Vec<Vec<Range<usize>>> = docs.iter().map(|d| sentences(d)).collect();
    align(docs, &sents, settings)
}

fn run(docs: &[&str]) -> Vec<AlignedPair> {
    run_with(docs, &AlignSettings::default()).0
}

/// The pair whose two sides contain `needle_a` and `needle_b` (in either order).
fn pair_of<'p>(pairs: &'p [AlignedPair], docs: &[&str], needle_a: &str, needle_b: &str) -> Option<&'p AlignedPair> {
    let has = |p: &Passage, needle: &str| docs[p.doc][p.range.clone()].contains(needle);
    pairs.iter().find(|p| (has(&p.a, needle_a) && has(&p.b, needle_b)) || (has(&p.a, needle_b) && has(&p.b, needle_a)))
}

fn assert_aligned(docs: &[&str], needle_a: &str, needle_b: &str) -> f64 {
    let pairs = run(docs);
    let p = pair_of(&pairs, docs, needle_a, needle_b)
        .unwrap_or_else(|| panic!("no pair for {needle_a:?} / {needle_b:?}; got {pairs:#?}"));
    assert!(p.score >= AlignSettings::default().min_score, "{p:?}");
    p.score
}

const LETTER_A: &str = "Fighting flared again along the northern front overnight. In a letter to the UN chief, the \
     foreign ministry said the rebels keep building new battle positions in the district, where a foreign \
     contingent is temporarily stationed, carrying out engineering and fortification works and laying a great \
     number of mines. The ministry also asked for observers to be sent. Talks are due to resume next month.";
const LETTER_B: &str = "Diplomats met in Vienna on Monday to discuss the ceasefire. The president's letter to the UN \
     Secretary-General mentions the continued formation of new combat positions in the district where the \
     foreign contingent is temporarily stationed, and the implementation of engineering and fortification works \
     and the installation of many land mines. Observers say the front line has barely moved in a year.";

#[test]
fn paraphrased_letter_aligns() {
    let s = assert_aligned(&[LETTER_A, LETTER_B], "In a letter to the UN chief", "The president's letter");
    assert!(s > 0.45, "{s}");
    let pairs = run(&[LETTER_A, LETTER_B]);
    assert_eq!(pairs.len(), 1, "{pairs:#?}");
    for unit in ["conting", "engin", "fortif", "temporarili", "station"] {
        assert!(pairs[0].shared.contains(&unit.to_string()), "{unit} not in {:?}", pairs[0].shared);
    }
}

#[test]
fn paraphrased_court_verdict_aligns() {
    let a = "The regional court in Lisbon sentenced the former mayor to six years in prison for embezzling public \
             funds earmarked for a hospital renovation, judges said on Thursday. His lawyer said he would appeal.";
    let b = "Prosecutors had sought a longer term. Judges on Thursday handed the ex-mayor a six-year prison term \
             after finding him guilty of siphoning off public money meant to renovate the hospital, the Lisbon \
             regional court announced. The defence has thirty days to appeal.";
    assert_aligned(&[a, b], "sentenced the former mayor", "handed the ex-mayor");
}

#[test]
fn paraphrased_product_launch_aligns() {
    let a = "Nordvik Audio unveiled its first wireless noise-cancelling headphones on Tuesday, priced at 249 euros, \
             with a battery that lasts up to 40 hours. Shares in the company rose 4 percent.";
    let b = "Analysts expect strong holiday sales. The new Nordvik Audio headphones, the company's first wireless \
             model with noise cancelling, went on sale Tuesday for 249 euros and promise up to 40 hours of battery \
             life.";
    assert_aligned(&[a, b], "unveiled its first wireless", "went on sale Tuesday");
}

#[test]
fn paraphrased_disaster_report_aligns() {
    let a = "At least 37 people were killed and hundreds displaced after torrential rain triggered landslides in \
             the mountain villages of the northern province, the civil protection agency said. Rescue teams were \
             still searching for survivors on Sunday.";
    let b = "Landslides set off by torrential downpours in mountain villages across the northern province left at \
             least 37 dead and forced hundreds from their homes, according to civil protection officials. Roads \
             to the area remain blocked.";
    assert_aligned(&[a, b], "At least 37 people", "Landslides set off");
}

/// Three articles on one conflict: the country names are everywhere, as in any real set.
const TOPIC: [&str; 3] = [
    "Valdoria accused Armenia of shelling border villages in the Tavush region overnight. Armenia denied the \
     claim and said Valdoria had fired first. Valdoria and Armenia have fought two wars over Karabakh. The \
     European Union urged both sides to show restraint.",
    "Armenia and Valdoria agreed to reopen rail links through the Tavush region next year. Officials in Armenia \
     said the deal could boost trade with Valdoria. Valdoria wants a land corridor across Armenia. Russia has \
     offered to guard the route.",
    "Armenia's prime minister met the president of Valdoria in Brussels on Friday. Valdoria and Armenia \
     exchanged prisoners last month. Peace talks between Armenia and Valdoria stalled in the spring. Voters in \
     Armenia are divided over the concessions.",
];

#[test]
fn unrelated_sentences_on_one_topic_do_not_align() {
    let pairs = run(&TOPIC);
    assert!(pairs.is_empty(), "{pairs:#?}");
}

#[test]
fn unrelated_sentences_do_not_align_even_alone() {
    // Without a corpus to say the country names are common, only the score keeps them apart.
    let a = "Valdoria accused Armenia of shelling border villages in the Tavush region overnight.";
    let b = "Armenia and Valdoria agreed to reopen rail links through the Tavush region next year.";
    let pairs = run(&[a, b]);
    assert!(pairs.is_empty(), "{pairs:#?}");
}

#[test]
fn faithful_copy_scores_about_one() {
    let quote = "The central bank raised its benchmark interest rate by half a point to 7.25 percent, citing \
                 stubborn inflation in food and energy prices.";
    let a = format!("Markets fell sharply in early trading. {quote} The currency firmed.");
    let b = format!("{quote} Economists had expected a smaller increase.");
    let s = assert_aligned(&[&a, &b], "benchmark interest rate", "benchmark interest rate");
    assert!(s > 0.99, "{s}");
}

#[test]
fn statement_split_in_two_aligns_as_window() {
    let a = "Officials said the new bridge over the Danube will cost 410 million euros, will open to traffic in \
             2027 and will carry four lanes of traffic plus a tram line. The mayor welcomed the decision.";
    let b = "Parliament approved the budget on Wednesday. The new Danube bridge will cost 410 million euros and \
             open to traffic in 2027. It will carry four lanes of traffic as well as a tram line, officials said.";
    let docs = [a, b];
    let pairs = run(&docs);
    let p = pair_of(&pairs, &docs, "will carry four lanes", "It will carry four lanes").expect("window pair");
    let b_text = &docs[p.b.doc][p.b.range.clone()];
    assert!(b_text.starts_with("The new Danube bridge") && b_text.ends_with("officials said."), "{b_text}");
    assert_eq!(pairs.len(), 1, "overlapping single-sentence pairs are dropped: {pairs:#?}");
}

#[test]
fn retelling_within_one_document() {
    let doc = "The airline cancelled 140 flights at Frankfurt airport because of a strike by ground crews \
               demanding higher wages. Passengers queued for hours. The union said talks had failed. Later in \
               the day, the airline confirmed that ground crews at Frankfurt airport had forced it to cancel 140 \
               flights with a strike over wages.";
    let (pairs, _) = run_with(&[doc], &AlignSettings::default());
    assert_eq!(pairs.len(), 1, "{pairs:#?}");
    assert_eq!(pairs[0].a.doc, 0);
    assert!(pairs[0].a.range.end < pairs[0].b.range.start);
    let off = AlignSettings { same_document: false, ..AlignSettings::default() };
    assert!(run_with(&[doc], &off).0.is_empty());
}

#[test]
fn output_is_deterministic() {
    let docs = [LETTER_A, LETTER_B, TOPIC[0], TOPIC[1], LETTER_A];
    let first = run_with(&docs, &AlignSettings::default());
    for _ in 0..3 {
        assert_eq!(run_with(&docs, &AlignSettings::default()), first);
    }
}

#[test]
fn bad_ranges_do_not_panic() {
    let docs = ["Zürich café owners protested. Zürich café owners protested loudly.", ""];
    let sents = vec![vec![0..3, Range { start: 2, end: 1 }, 1..200, 0..12, 13..30], vec![0..5]];
    let (pairs, stats) = align(&docs, &sents, &AlignSettings::default());
    assert!(pairs.is_empty());
    assert_eq!(stats.pairs, 0);
    let (pairs, _) = align(&docs, &[], &AlignSettings::default());
    assert!(pairs.is_empty());
    let segs = word_diff(docs[0], 2..500, docs[1], Range { start: 3, end: 1 });
    assert!(segs.iter().all(|s| s.tag == SegmentTag::Delete));
}

#[test]
fn word_diff_marks_replaced_adjective() {
    let a = "The ministry called it a blatant violation of the ceasefire agreement.";
    let b = "Prefix. The Ministry called it a flagrant violation of the ceasefire agreement.";
    let segs = word_diff(a, 0..a.len(), b, 8..b.len());
    let tags: Vec<(SegmentTag, &str)> = segs.iter().map(|s| (s.tag, s.text.as_str())).collect();
    assert_eq!(
        tags,
        vec![
            (SegmentTag::Equal, "The ministry called it a"),
            (SegmentTag::Delete, "blatant"),
            (SegmentTag::Insert, "flagrant"),
            (SegmentTag::Equal, "violation of the ceasefire agreement"),
        ]
    );
    assert_eq!(&b[segs[2].range.clone()], "flagrant");
    let ch = changes(&segs);
    assert_eq!(ch.len(), 1);
    let (ra, rb) = ch[0].clone();
    assert_eq!(&a[ra.unwrap()], "blatant");
    assert_eq!(&b[rb.unwrap()], "flagrant");
    assert_eq!(serde_json::to_value(SegmentTag::Equal).unwrap(), "equal");
}

#[test]
fn changes_reports_pure_insertions_and_deletions() {
    let a = "Rebels laid mines near the town.";
    let b = "Rebels laid many new mines near the town yesterday.";
    let ch = changes(&word_diff(a, 0..a.len(), b, 0..b.len()));
    let texts: Vec<(Option<&str>, Option<&str>)> =
        ch.iter().map(|(x, y)| (x.clone().map(|r| &a[r]), y.clone().map(|r| &b[r]))).collect();
    assert_eq!(texts, vec![(None, Some("many new")), (None, Some("yesterday"))]);
}

/// Deterministic xorshift generator, so the large test needs no extra crate.
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

/// A vocabulary of made-up words, the first ones the most frequent (Zipf).
fn vocabulary(rng: &mut Rng, size: usize) -> Vec<String> {
    const CONS: &[u8] = b"bdfgklmnprstvz";
    const VOWELS: &[u8] = b"aeiou";
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    while out.len() < size {
        let syllables = 2 + rng.below(2);
        let w: String = (0..syllables)
            .flat_map(|_| [CONS[rng.below(CONS.len())] as char, VOWELS[rng.below(VOWELS.len())] as char])
            .collect();
        if seen.insert(w.clone()) {
            out.push(w);
        }
    }
    out
}

fn sentence_from(words: &[&str]) -> String {
    let mut s = words.join(" ");
    if let Some(f) = s.get_mut(0..1) {
        f.make_ascii_uppercase();
    }
    s.push('.');
    s
}

#[test]
fn scales_to_two_thousand_documents_and_finds_planted_pairs() {
    const DOCS: usize = 2000;
    const PER_DOC: usize = 40;
    const PLANTED: usize = 300;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let vocab = vocabulary(&mut rng, 4000);
    let cumulative: Vec<f64> = vocab
        .iter()
        .enumerate()
        .scan(0.0, |acc, (r, _)| {
            *acc += 1.0 / (r + 1) as f64;
            Some(*acc)
        })
        .collect();
    let total = *cumulative.last().unwrap();
    let zipf = |rng: &mut Rng| {
        let x = (rng.next() % 1_000_000) as f64 / 1_000_000.0 * total;
        &vocab[cumulative.partition_point(|&c| c < x).min(vocab.len() - 1)]
    };
    let mut sents: Vec<Vec<String>> = (0..DOCS)
        .map(|_| {
            (0..PER_DOC)
                .map(|_| {
                    let len = 8 + rng.below(9);
                    let words: Vec<&str> = (0..len).map(|_| zipf(&mut rng).as_str()).collect();
                    sentence_from(&words)
                })
                .collect()
        })
        .collect();
    // Planted retellings: specific words, three of them changed and one dropped in the copy.
    let mut planted = Vec::new();
    let mut used = std::collections::HashSet::new();
    while planted.len() < PLANTED {
        let (da, sa, db, sb) = (rng.below(DOCS), rng.below(PER_DOC), rng.below(DOCS), rng.below(PER_DOC));
        if da == db || !used.insert((da, sa)) || !used.insert((db, sb)) {
            continue;
        }
        let len = 12 + rng.below(5);
        let original: Vec<&str> = (0..len).map(|_| vocab[200 + rng.below(3800)].as_str()).collect();
        let mut copy = original.clone();
        for _ in 0..3 {
            let at = rng.below(copy.len());
            copy[at] = zipf(&mut rng);
        }
        copy.remove(rng.below(copy.len()));
        sents[da][sa] = sentence_from(&original);
        sents[db][sb] = sentence_from(&copy);
        planted.push((da, sa, db, sb));
    }
    let texts: Vec<String> = sents.iter().map(|d| d.join(" ")).collect();
    let docs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let ranges: Vec<Vec<Range<usize>>> = docs.iter().map(|d| sentences(d)).collect();
    assert!(ranges.iter().all(|r| r.len() == PER_DOC));

    let (pairs, stats) = align(&docs, &ranges, &AlignSettings::default());
    let n = DOCS * PER_DOC;
    assert!(stats.candidate_pairs_scored < n * 50, "{stats:?}");
    let covers = |p: &Passage, doc: usize, s: usize| {
        p.doc == doc && p.range.start <= ranges[doc][s].start && ranges[doc][s].end <= p.range.end
    };
    for &(da, sa, db, sb) in &planted {
        assert!(
            pairs
                .iter()
                .any(|p| covers(&p.a, da, sa) && covers(&p.b, db, sb) || covers(&p.a, db, sb) && covers(&p.b, da, sa)),
            "planted pair {da}:{sa} / {db}:{sb} not found"
        );
    }
    assert!(pairs.len() <= PLANTED + PLANTED / 10, "too many chance pairs: {} ({stats:?})", pairs.len());
}
