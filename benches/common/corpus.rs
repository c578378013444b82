//! A deterministic synthetic news corpus for benchmarks (shared by `benches/engine.rs` and
//! `examples/gen_corpus.rs` through `#[path]`).
//!
//! Every name, place and organisation is made up from syllables. Documents are retellings of
//! stories: each story (one event with its people, place, date, figures, a quote and a letter) is
//! told by about four documents, and a third of the retellings change one detail (a spelling, a
//! date, a count, an office title, a quote's wording or the sender of the letter), so every kind of
//! comparison has work to do. The rest of each document is filler built from the same templates
//! with names drawn from a shared pool, so names recur across the set as they do in real news.

/// Deterministic xorshift generator, so runs are comparable.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T: ?Sized>(&mut self, items: &'a [&'a T]) -> &'a T {
        items[self.below(items.len())]
    }
    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

const ONSETS: &[&str] =
    &["b", "d", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "kr", "st", "tr", "sh"];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "a", "o", "ei", "ou"];
const SURNAME_ENDS: &[&str] = &["enko", "ova", "ic", "sen", "ari", "escu", "idis", "berg", "ani", "ak"];
const PLACE_ENDS: &[&str] = &["ava", "grad", "mouth", "heim", "polis", "ovo", "ford", "ene"];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const TITLES: &[&str] = &[
    "Mayor",
    "Deputy Mayor",
    "Interior Minister",
    "Finance Minister",
    "Judge",
    "Chief Executive",
    "Police Chief",
    "Governor",
    "Health Minister",
    "Prosecutor",
];
const NOUNS: &[&str] =
    &["buses", "schools", "bridges", "ferries", "turbines", "apartments", "clinics", "trucks", "wells", "satellites"];
const COUNT_WORDS: &[&str] = &["three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "fifteen"];
const REPORTING: &[&str] = &["said", "told reporters", "stated", "added", "noted", "confirmed", "announced"];
const EVENTS: &[&str] = &["signed", "approved", "opened", "announced", "rejected", "launched", "postponed"];
const PROJECTS: &[&str] = &["contract", "budget", "tender", "inquiry", "programme", "agreement", "plan"];
const LETTER_TOPICS: &[&str] =
    &["the delays", "the tender", "the audit", "the repairs", "the flooding", "the closures"];
// Quotes are put together from four parts, so unrelated stories rarely quote alike.
const QUOTE_OPENERS: &[&str] = &[
    "Let me be clear",
    "To be honest",
    "As I said before",
    "Frankly",
    "For the record",
    "Whatever they tell you",
    "In all my years here",
    "Believe me",
    "Make no mistake",
    "Put simply",
    "From where I stand",
    "Between us",
];
const QUOTE_SUBJECTS: &[&str] = &[
    "nobody in this building",
    "the ministry",
    "my office",
    "every family on our street",
    "the contractors",
    "our engineers",
    "the auditors",
    "the whole council",
    "people who pay their taxes",
    "the drivers",
    "the workers on the night shift",
    "our neighbours across the river",
];
const QUOTE_PREDICATES: &[&str] = &[
    "will not rest until",
    "has waited long enough for",
    "never asked for",
    "cannot afford",
    "deserves better than",
    "was never told about",
    "will keep fighting for",
    "is tired of hearing about",
    "has paid twice for",
    "will not sign off on",
    "did not vote for",
    "still believes in",
];
const QUOTE_ENDS: &[&str] = &[
    "the money is back where it belongs",
    "a decision made behind closed doors",
    "another year of broken promises",
    "a plan nobody has read",
    "the repairs are finished",
    "a fair price for honest work",
    "the truth about the accounts",
    "a bridge that leads nowhere",
    "the buses that never came",
    "a simple answer",
    "the lights to come back on",
    "the promises made last spring",
];
const SWAPS: &[(&str, &str)] = &[
    ("never", "not once"),
    ("will not", "won't"),
    ("nobody", "no one"),
    ("cannot", "can no longer"),
    ("tired", "sick"),
    ("money", "cash"),
    ("plan", "scheme"),
    ("promises", "pledges"),
    ("simple", "straight"),
];
// Filler sentences are put together from parts, so that two documents rarely share one.
const SUBJECTS: &[&str] = &[
    "{person}",
    "A spokesperson for {org}",
    "Residents of {place}",
    "Local radio in {place}",
    "Shop owners near the {landmark}",
    "Volunteers from {place}",
    "The council in {place}",
    "Engineers at {org}",
    "Teachers in {place}",
    "A neighbour of {person}",
];
const PREDICATES: &[&str] = &[
    "complained about",
    "asked about",
    "wrote to {org} about",
    "spoke about",
    "held a meeting on",
    "published a note on",
    "raised concerns over",
    "posted photographs of",
    "waited for news on",
    "argued over",
];
const OBJECTS: &[&str] = &[
    "the {landmark} in {place}",
    "the queues at the {landmark}",
    "the price of {goods}",
    "the noise from the {landmark}",
    "the new timetable",
    "the closure of the {landmark}",
    "{n} unpaid invoices",
    "the water supply in {place}",
    "the road works on the ring road",
    "the parking rules",
];
const ADJUNCTS: &[&str] = &[
    "",
    " last week",
    " on Tuesday",
    " in {month} {year}",
    " near {place}",
    " before the holidays",
    " after the storm",
    " for the third time this year",
];
const LANDMARKS: &[&str] =
    &["station", "market", "library", "bus depot", "old bridge", "stadium", "hospital", "town hall"];
const GOODS: &[&str] = &["bread", "fuel", "heating", "bus tickets", "school meals", "rent"];

fn syllables(rng: &mut Rng, n: usize) -> String {
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(rng.pick(ONSETS));
        s.push_str(rng.pick(VOWELS));
    }
    capitalise(&s)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// One made-up person: first name, surname and office title.
#[derive(Clone)]
struct Person {
    first: String,
    last: String,
    title: &'static str,
}

impl Person {
    fn full(&self) -> String {
        format!("{} {}", self.first, self.last)
    }
}

struct Pool {
    people: Vec<Person>,
    places: Vec<String>,
    orgs: Vec<String>,
}

impl Pool {
    fn new(rng: &mut Rng, size: usize) -> Self {
        let places: Vec<String> =
            (0..size / 3 + 10).map(|_| format!("{}{}", syllables(rng, 2), rng.pick(PLACE_ENDS))).collect();
        let people = (0..size)
            .map(|_| Person {
                first: syllables(rng, 2),
                last: format!("{}{}", syllables(rng, 2), rng.pick(SURNAME_ENDS)),
                title: rng.pick(TITLES),
            })
            .collect();
        let orgs = (0..size / 4 + 10)
            .map(|i| match i % 4 {
                0 => format!("{} Regional Council", places[rng.below(places.len())]),
                1 => format!("{} Holdings", syllables(rng, 2)),
                2 => format!("{} District Court", places[rng.below(places.len())]),
                _ => format!("the {} Transport Authority", places[rng.below(places.len())]),
            })
            .collect();
        Pool { people, places, orgs }
    }
}

/// One event, told by several documents.
struct Story {
    lead: Person,
    second: Person,
    place: String,
    sender: String,
    recipient: String,
    day: usize,
    month: usize,
    year: usize,
    count: usize,
    noun: &'static str,
    millions: usize,
    event: &'static str,
    project: &'static str,
    topic: &'static str,
    quote: String,
    /// Which wording of the story's sentences its retellings use.
    style: usize,
}

impl Story {
    fn new(rng: &mut Rng, pool: &Pool) -> Self {
        let quote = format!(
            "{}: {} {} {}",
            rng.pick(QUOTE_OPENERS),
            rng.pick(QUOTE_SUBJECTS),
            rng.pick(QUOTE_PREDICATES),
            rng.pick(QUOTE_ENDS)
        );
        let lead = pool.people[rng.below(pool.people.len())].clone();
        let second = pool.people[rng.below(pool.people.len())].clone();
        Story {
            lead,
            second,
            place: pool.places[rng.below(pool.places.len())].clone(),
            sender: pool.orgs[rng.below(pool.orgs.len())].clone(),
            recipient: pool.orgs[rng.below(pool.orgs.len())].clone(),
            day: 1 + rng.below(28),
            month: rng.below(12),
            year: 2015 + rng.below(10),
            count: 3 + rng.below(10),
            noun: rng.pick(NOUNS),
            millions: 5 + rng.below(400),
            event: rng.pick(EVENTS),
            project: rng.pick(PROJECTS),
            topic: rng.pick(LETTER_TOPICS),
            quote,
            style: rng.below(3),
        }
    }

    /// A retelling with one detail changed (or none, for `variant == 0`).
    fn variant(&self, rng: &mut Rng, pool: &Pool, variant: usize) -> Story {
        let mut s = Story { quote: self.quote.clone(), ..self.shallow() };
        match variant {
            1 => {
                // A dropped or doubled letter in the surname.
                let mut last: Vec<char> = s.lead.last.chars().collect();
                let at = 1 + rng.below(last.len() - 2);
                if rng.chance(2) {
                    last.remove(at);
                } else {
                    last.insert(at, last[at]);
                }
                s.lead.last = last.into_iter().collect();
            }
            2 => s.day = if s.day > 20 { s.day - 2 } else { s.day + 2 },
            3 => s.count += 2,
            4 => s.lead.title = TITLES[(TITLES.iter().position(|t| *t == s.lead.title).unwrap() + 1) % TITLES.len()],
            5 => {
                let (from, to) = SWAPS.iter().find(|(f, _)| s.quote.contains(f)).copied().unwrap_or((":", ","));
                s.quote = s.quote.replacen(from, to, 1);
            }
            6 => s.sender = pool.orgs[rng.below(pool.orgs.len())].clone(),
            _ => {}
        }
        s
    }

    fn shallow(&self) -> Story {
        Story {
            lead: self.lead.clone(),
            second: self.second.clone(),
            place: self.place.clone(),
            sender: self.sender.clone(),
            recipient: self.recipient.clone(),
            quote: String::new(),
            ..*self
        }
    }

    fn date(&self, style: usize) -> String {
        let m = MONTHS[self.month];
        match style % 3 {
            0 => format!("{} {m} {}", self.day, self.year),
            1 => format!("{m} {}, {}", self.day, self.year),
            _ => format!("{:02}.{:02}.{}", self.day, self.month + 1, self.year),
        }
    }

    fn count(&self, words: bool) -> String {
        match (words, COUNT_WORDS.get(self.count - 3)) {
            (true, Some(w)) => w.to_string(),
            _ => self.count.to_string(),
        }
    }

    /// The sentences that carry the story's facts, in a retelling-specific wording.
    fn sentences(&self, rng: &mut Rng) -> Vec<String> {
        let lead = self.lead.full();
        let (title, place, last) = (self.lead.title, &self.place, &self.lead.last);
        let second = self.second.full();
        let date = self.date(rng.below(3));
        let verb = rng.pick(REPORTING);
        let (project, event, noun) = (self.project, self.event, self.noun);
        let (sender, recipient, topic) = (&self.sender, &self.recipient, self.topic);
        let count = self.count(rng.chance(2));
        let millions = self.millions;
        match self.style {
            0 => vec![
                format!("{title} {lead} {verb} on {date} that the {project} had been {event} in {place}."),
                format!("The {project} covers {count} new {noun} and is worth ${millions} million."),
                format!("\u{201c}{},\u{201d} {last} {verb}.", self.quote),
                format!(
                    "In a letter sent by {sender} to {recipient} about {topic}, officials asked for the {project} to be reviewed."
                ),
                format!("{second}, the {} of {place}, {verb} the decision came too late.", self.second.title.to_lowercase()),
                format!("{last} has been {title} since {}.", self.year - 1 - rng.below(6)),
                format!("The first {} {noun} are expected in {place} by the end of {}.", self.count(false), self.year + 1),
            ],
            1 => vec![
                format!("On {date}, {place} {event} a {project} worth ${millions} million, {title} {lead} {verb}."),
                format!("Under the {project}, {count} {noun} will be bought for the region."),
                format!("{sender} wrote to {recipient} about {topic} a week before the vote."),
                format!("\u{201c}{},\u{201d} {title} {last} {verb} after the vote.", self.quote),
                format!("{second} ({}) {verb} that the timetable was too tight.", self.second.title),
                format!("Critics in {place} say {count} {noun} will not be enough."),
            ],
            _ => vec![
                format!("The {project} for {place}, worth ${millions} million, was {event} on {date}."),
                format!("{title} {lead} {verb} the money would pay for {count} {noun}."),
                format!("{last} {verb}: \u{201c}{}.\u{201d}", self.quote),
                format!("A letter from {sender} to {recipient} raised questions about {topic}."),
                format!("{second}, {} {place}, {verb} the {project} was rushed.", self.second.title),
                format!("Work on the {noun} is due to start in {}.", MONTHS[(self.month + 2) % 12]),
            ],
        }
    }
}

/// The documents of a generated set: `(file name, text)`, about 40 sentences (4-5 KB) each.
pub fn corpus(docs: usize) -> Vec<(String, String)> {
    let mut rng = Rng::new(0x2545_f491_4f6c_dd1d);
    let pool = Pool::new(&mut rng, (docs / 2).max(40));
    let stories: Vec<Story> = (0..docs.div_ceil(4)).map(|_| Story::new(&mut rng, &pool)).collect();
    let mut out = Vec::with_capacity(docs);
    for d in 0..docs {
        let base = &stories[d / 4];
        // The first retelling of each story is faithful; a third of the others change a detail.
        let variant = if d % 4 != 0 && rng.chance(3) { 1 + rng.below(6) } else { 0 };
        let story = base.variant(&mut rng, &pool, variant);
        let mut facts = story.sentences(&mut rng);
        let mut sentences: Vec<String> = Vec::with_capacity(40);
        while sentences.len() + facts.len() < 40 {
            sentences.push(filler(&mut rng, &pool));
        }
        // Spread the story's sentences through the filler, keeping their order.
        for (i, s) in facts.drain(..).enumerate() {
            let at = (i * 5 + rng.below(3)).min(sentences.len());
            sentences.insert(at, s);
        }
        let mut text = format!("{} {} the {} in {}\n\n", story.lead.last, story.event, story.project, story.place);
        for para in sentences.chunks(4) {
            text.push_str(&para.join(" "));
            text.push_str("\n\n");
        }
        out.push((format!("doc{d:05}.txt"), text));
    }
    out
}

fn filler(rng: &mut Rng, pool: &Pool) -> String {
    let template =
        format!("{} {} {}{}.", rng.pick(SUBJECTS), rng.pick(PREDICATES), rng.pick(OBJECTS), rng.pick(ADJUNCTS));
    let person = &pool.people[rng.below(pool.people.len())];
    capitalise(
        &template
            .replace("{place}", &pool.places[rng.below(pool.places.len())])
            .replace("{person}", &person.full())
            .replace("{org}", &pool.orgs[rng.below(pool.orgs.len())])
            .replace("{year}", &(2010 + rng.below(15)).to_string())
            .replace("{month}", MONTHS[rng.below(12)])
            .replace("{n}", &(10 + rng.below(5000)).to_string())
            .replace("{landmark}", rng.pick(LANDMARKS))
            .replace("{goods}", rng.pick(GOODS)),
    )
}
