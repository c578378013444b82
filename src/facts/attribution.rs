//! Attributions: **who** is said to have said, written or reported something, to **whom**, and
//! through **what** (a letter, a statement, a briefing).
//!
//! Two retellings of one event often disagree about its source: one article says a ministry wrote
//! a letter, another credits the same letter to a head of state. The alignment stage pairs the
//! passages that report the same thing; this module reads each passage's reporting construction
//! and decides whether the two agents can be the same entity.
//!
//! ```text
//! In a letter to the UN Secretary-General, the Foreign Ministry of Ruritania stated that …
//!   agent     = "Foreign Ministry of Ruritania"  (organisation)
//!   verb      = "state"
//!   vehicle   = "letter"
//!   recipient = "the UN Secretary-General"
//!   content   = "…" (what follows `that`)
//! ```
//!
//! Recognised constructions: `X said/stated/wrote/told Y …`, `"…," X said`, `"…," said X`,
//! `according to X`, `In a letter to Y, X stated …`, `In the letter of X to Y, it is mentioned …`,
//! `X's letter to Y says …`, `X points to …`, appositions (`the president of Ruritania, Anna Berg,
//! said`), parentheticals (`X, in a statement, said`), passives (`a statement issued by X`,
//! `it was announced by X`, `Y was told by X`), coordination (`X addressed Y and said`) and
//! `X published a report stating …`. There is no parser: the rules look at word shapes
//! (capitalisation, function words, punctuation between words), so they favour precision and
//! give nothing when a sentence does not fit.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

use serde::Serialize;

use crate::text::{fold, words_in};

/// Who is credited with a statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agent {
    /// Byte range of the agent phrase (for a resolved pronoun: of its antecedent).
    pub span: Range<usize>,
    /// The agent phrase without a leading article (`Ministry of Foreign Affairs of Ruritania`).
    pub text: String,
    /// A personal name inside the phrase (`Anna Berg`).
    pub person: Option<String>,
    /// An office or role (`President of Ruritania`, `spokesperson`).
    pub title: Option<String>,
    /// A named body (`Ministry of Foreign Affairs`, `GLOBSEC`); `None` for vague agents such as
    /// `the report` or `officials`.
    pub organisation: Option<String>,
    /// The agent was a pronoun (`he`, `it`); when resolved, the other fields describe the antecedent.
    pub pronoun: bool,
}

/// One reporting construction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attribution {
    pub agent: Agent,
    /// Lemma of the reporting verb: `say`, `state`, `write`, `mention`, `report`, `according to` …
    pub verb: String,
    /// What carried the statement: `letter`, `statement`, `report`, `briefing`, `interview` …
    pub vehicle: Option<String>,
    /// To whom it was addressed: byte range and text.
    pub recipient: Option<(Range<usize>, String)>,
    /// What was reported (after `that`, `:` or the quote).
    pub content: Option<Range<usize>>,
    /// The sentence the construction is in.
    pub sentence: Range<usize>,
}

/// Whether two agents can be the same entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum AgentRelation {
    Same,
    Different,
    Unknown,
}

// ---------------------------------------------------------------------------------------------
// Word lists (lowercase, folded). General English only: no entity of any particular story.

/// Reporting verb forms: (form, lemma). Present forms that double as nouns are in `NOUNLIKE`.
const VERB_FORMS: &[(&str, &str)] = &[
    ("said", "say"),
    ("says", "say"),
    ("stated", "state"),
    ("states", "state"),
    ("told", "tell"),
    ("tells", "tell"),
    ("wrote", "write"),
    ("writes", "write"),
    ("added", "add"),
    ("adds", "add"),
    ("noted", "note"),
    ("notes", "note"),
    ("declared", "declare"),
    ("declares", "declare"),
    ("announced", "announce"),
    ("announces", "announce"),
    ("reported", "report"),
    ("reports", "report"),
    ("claimed", "claim"),
    ("claims", "claim"),
    ("warned", "warn"),
    ("warns", "warn"),
    ("argued", "argue"),
    ("argues", "argue"),
    ("condemned", "condemn"),
    ("condemns", "condemn"),
    ("denied", "deny"),
    ("denies", "deny"),
    ("confirmed", "confirm"),
    ("confirms", "confirm"),
    ("mentioned", "mention"),
    ("mentions", "mention"),
    ("pointed", "point"),
    ("points", "point"),
    ("insisted", "insist"),
    ("insists", "insist"),
    ("explained", "explain"),
    ("explains", "explain"),
    ("stressed", "stress"),
    ("stresses", "stress"),
    ("emphasized", "emphasize"),
    ("emphasised", "emphasize"),
    ("emphasizes", "emphasize"),
    ("emphasises", "emphasize"),
    ("acknowledged", "acknowledge"),
    ("acknowledges", "acknowledge"),
    ("alleged", "allege"),
    ("alleges", "allege"),
    ("asserted", "assert"),
    ("asserts", "assert"),
    ("revealed", "reveal"),
    ("reveals", "reveal"),
    ("admitted", "admit"),
    ("admits", "admit"),
    ("replied", "reply"),
    ("remarked", "remark"),
    ("commented", "comment"),
    ("informed", "inform"),
    ("informs", "inform"),
    ("urged", "urge"),
    ("urges", "urge"),
    ("accused", "accuse"),
    ("accuses", "accuse"),
    ("asked", "ask"),
    ("asks", "ask"),
    ("requested", "request"),
    ("requests", "request"),
    ("demanded", "demand"),
    ("demands", "demand"),
    ("proposed", "propose"),
    ("proposes", "propose"),
    ("promised", "promise"),
    ("pledged", "pledge"),
    ("complained", "complain"),
    ("complains", "complain"),
    ("suggested", "suggest"),
    ("suggests", "suggest"),
    ("expressed", "express"),
    ("welcomed", "welcome"),
    ("criticised", "criticise"),
    ("criticized", "criticise"),
    ("praised", "praise"),
];

/// Present forms that are also plural nouns (`member states`, `news reports`): accepted only when
/// a complement marker follows.
const NOUNLIKE: &[&str] = &["states", "reports", "notes", "claims", "points", "stresses", "comments", "replies"];

/// Forms that need a complement marker (`that`, `:`, a quote, a comma, the end) because they
/// have common non-reporting uses (`added 300 jobs`).
const NEEDS_MARKER: &[&str] = &["added", "adds", "noted", "notes", "revealed", "reveals", "admitted", "admits"];

/// Present participles that report when a vehicle precedes them (`a report stating that`).
const PARTICIPLES: &[(&str, &str)] = &[
    ("stating", "state"),
    ("saying", "say"),
    ("noting", "note"),
    ("claiming", "claim"),
    ("warning", "warn"),
    ("declaring", "declare"),
    ("announcing", "announce"),
    ("reporting", "report"),
    ("arguing", "argue"),
    ("asserting", "assert"),
    ("alleging", "allege"),
    ("confirming", "confirm"),
    ("denying", "deny"),
    ("urging", "urge"),
    ("condemning", "condemn"),
    ("accusing", "accuse"),
    ("mentioning", "mention"),
];

/// Participles that send a vehicle: `a letter sent by X`, `a statement issued by X`.
const SENDING: &[(&str, &str)] = &[
    ("sent", "send"),
    ("issued", "issue"),
    ("released", "release"),
    ("published", "publish"),
    ("made", "make"),
    ("delivered", "deliver"),
    ("written", "write"),
    ("signed", "sign"),
    ("submitted", "submit"),
    ("addressed", "address"),
    ("given", "give"),
    ("posted", "post"),
    ("circulated", "circulate"),
    ("distributed", "distribute"),
    ("read", "read"),
];

/// Active verbs whose object is a vehicle: `X published a report stating …`.
#[rustfmt::skip]
const PUBLISHING: &[&str] = &[
    "published", "publishes", "issued", "issues", "released", "releases", "sent", "sends", "wrote", "writes", "made",
    "delivered", "gave", "posted", "circulated", "submitted", "adopted", "put",
];

/// Nouns that carry a statement.
#[rustfmt::skip]
const VEHICLES: &[&str] = &[
    "letter", "statement", "report", "speech", "interview", "briefing", "declaration", "address", "message", "note",
    "communique", "release", "remarks", "comments", "testimony", "tweet", "post", "article", "column", "editorial",
    "op-ed", "memo", "memorandum", "appeal", "petition", "bulletin", "broadcast", "announcement", "conference",
    "study", "survey", "document", "data", "publication", "blog", "podcast", "notice", "complaint", "resolution", "ruling",
];

const DETS: &[&str] = &[
    "the", "a", "an", "this", "these", "those", "his", "her", "its", "their", "our", "my", "your", "every", "each",
    "some", "many", "several", "both", "all", "most", "few", "any", "such",
];

/// Words that join the parts of a name or an office (`Ministry of Foreign Affairs`).
const CONNECTORS: &[&str] = &[
    "of", "for", "at", "to", "and", "de", "van", "von", "der", "den", "al", "el", "bin", "ibn", "da", "di", "dos",
    "del", "la", "le", "du",
];

/// Lowercase particles inside personal names (`Ursula von der Leyen`).
const NAME_PARTICLES: &[&str] = &[
    "de", "van", "von", "der", "den", "ten", "ter", "al", "el", "bin", "ibn", "abu", "da", "di", "dos", "das", "del",
    "la", "le", "du",
];

const PRONOUNS: &[&str] = &["he", "she", "it", "they", "we", "i", "him", "them", "his", "her", "its", "their", "you"];

const BE: &[&str] = &["is", "are", "was", "were", "be", "been", "being", "get", "got", "gets"];

/// Function words that end a noun phrase.
#[rustfmt::skip]
const STOPS: &[&str] = &[
    "in", "on", "with", "from", "by", "after", "before", "during", "since", "as", "than", "into", "onto", "upon",
    "about", "over", "under", "between", "against", "through", "without", "within", "among", "across", "like",
    "while", "when", "where", "whether", "if", "because", "although", "though", "but", "or", "nor", "so", "yet",
    "that", "which", "who", "whom", "whose", "what", "is", "are", "was", "were", "be", "been", "being", "has", "have",
    "had", "do", "does", "did", "will", "would", "can", "could", "may", "might", "must", "shall", "should", "not",
    "no", "also", "however", "then", "there", "here", "now", "later", "earlier", "ago", "today", "yesterday",
    "tomorrow", "recently", "already", "still", "even", "just", "only", "very", "too", "again", "once", "thus",
    "therefore", "meanwhile", "moreover", "instead", "according", "himself", "herself", "itself", "themselves",
    "never", "always", "often", "up", "out", "down", "off", "how", "why", "whereas", "unless", "until", "till", "per",
    "via", "despite", "amid", "towards", "toward", "around", "near", "behind", "beyond", "next", "last",
];

/// Words allowed between an agent and its verb (`the ministry has also said`).
#[rustfmt::skip]
const BETWEEN: &[&str] = &[
    "also", "later", "then", "once", "again", "previously", "earlier", "recently", "repeatedly", "publicly",
    "further", "himself", "herself", "itself", "themselves", "has", "have", "had", "reportedly", "allegedly", "even",
    "first", "just", "already", "subsequently", "similarly", "likewise", "often", "always", "yesterday", "today",
    "now", "too",
];

/// `-ed` and `-ing` words that are adjectives or nouns inside agent phrases.
#[rustfmt::skip]
const SHAPE_OK: &[&str] = &[
    "armed", "united", "so-called", "self-proclaimed", "self-styled", "unnamed", "retired", "embattled", "designated",
    "elected", "exiled", "renowned", "respected", "ruling", "leading", "governing", "acting", "outgoing", "incoming",
    "founding", "managing", "presiding", "opposing", "visiting", "standing", "reigning", "sitting", "king", "wing",
    "briefing", "meeting", "hearing", "building", "spring", "assembly", "family", "ally", "daily", "weekly",
    "monthly", "rally", "supply", "italy",
];

/// Offices and roles held by people.
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "president", "vice-president", "minister", "secretary", "secretary-general", "spokesperson", "spokesman",
    "spokeswoman", "representative", "ambassador", "envoy", "director", "director-general", "chairman", "chairwoman",
    "chairperson", "chair", "chief", "head", "leader", "governor", "mayor", "commander", "general", "officer",
    "adviser", "advisor", "aide", "deputy", "premier", "chancellor", "senator", "congressman", "congresswoman",
    "lawmaker", "mp", "judge", "prosecutor", "editor", "correspondent", "journalist", "reporter", "engineer",
    "analyst", "expert", "professor", "researcher", "founder", "ceo", "cfo", "manager", "executive", "member",
    "speaker", "king", "queen", "prince", "princess", "pope", "emir", "sheikh", "prime", "attorney", "counsel",
    "diplomat", "commissioner", "inspector", "coordinator", "rapporteur", "president-elect", "sultan", "ayatollah",
    "patriarch", "bishop", "cardinal", "colonel", "lieutenant", "captain", "sergeant", "admiral", "marshal", "mr",
    "mrs", "ms", "dr", "sir", "lord", "lady", "dame", "rep", "sen", "gov", "gen", "col", "capt", "superintendent",
    "ombudsman", "mediator", "negotiator", "consul", "attaché", "attache", "press-secretary",
];

/// Heads of phrases naming a body rather than a person.
#[rustfmt::skip]
const ORGS: &[&str] = &[
    "ministry", "department", "government", "office", "agency", "council", "committee", "commission", "organization",
    "organisation", "union", "association", "federation", "party", "bloc", "block", "parliament", "assembly", "court",
    "tribunal", "bank", "fund", "company", "corporation", "corp", "firm", "group", "institute", "institution",
    "university", "foundation", "service", "army", "navy", "forces", "police", "military", "administration",
    "cabinet", "presidency", "embassy", "mission", "consulate", "secretariat", "delegation", "authority", "centre",
    "center", "network", "newspaper", "outlet", "channel", "broadcaster", "website", "magazine", "daily",
    "think-tank", "tank", "watchdog", "coalition", "alliance", "movement", "front", "directorate", "bureau", "board",
    "senate", "congress", "duma", "llc", "inc", "ltd", "plc", "gmbh", "ngo", "charity", "observatory", "staff",
    "kremlin", "house", "pentagon", "nations", "monitor", "inc.", "co", "agency's", "portal", "journal", "tabloid", "station",
    "radio", "television", "tv", "press", "times", "post", "news",
];

/// Words that introduce the name of a body: `the newspaper Express`, `the think-tank GLOBSEC`.
#[rustfmt::skip]
const DESCRIPTORS: &[&str] = &[
    "newspaper", "daily", "weekly", "magazine", "outlet", "agency", "broadcaster", "channel", "network", "website",
    "portal", "think-tank", "tank", "group", "organization", "organisation", "company", "firm", "ngo", "watchdog",
    "institute", "bloc", "block", "party", "movement", "coalition", "charity", "publication", "journal", "tabloid",
    "station", "radio", "television", "tv", "service", "monitor", "platform", "project", "initiative",
];

/// Heads too vague to identify anyone.
#[rustfmt::skip]
const VAGUE: &[&str] = &[
    "officials", "official", "sources", "source", "reports", "report", "media", "experts", "analysts", "observers",
    "critics", "people", "residents", "witnesses", "diplomats", "authorities", "officers", "activists", "locals",
    "lawmakers", "politicians", "journalists", "reporters", "researchers", "scientists", "studies", "study", "data",
    "documents", "document", "statement", "letter", "article", "others", "many", "some", "everyone", "nobody",
    "someone", "statements", "letters", "representatives", "members", "leaders", "ministers", "spokespeople", "press",
    "survey", "message", "declaration", "publication", "figures", "estimates", "police", "doctors", "nurses",
    "teachers", "students", "workers", "farmers", "soldiers", "troops", "protesters", "villagers", "survivors",
    "victims", "families", "parents", "citizens", "voters", "investors", "economists", "scholars", "historians",
    "lawyers", "prosecutors", "judges", "rescuers", "medics", "volunteers", "organisers", "organizers", "employees",
    "insiders", "campaigners", "demonstrators", "refugees", "migrants", "users", "customers", "fans", "supporters",
    "opponents", "neighbours", "neighbors", "eyewitnesses", "commentators", "aides", "advisers", "negotiators",
    "mediators", "relatives", "friends", "colleagues", "traders", "bankers", "economists", "pollsters", "staff",
];

/// Words that describe an office or body without naming it (`Foreign`, `Affairs`, `National`).
#[rustfmt::skip]
const DOMAIN: &[&str] = &[
    "foreign", "affairs", "defence", "defense", "interior", "internal", "justice", "finance", "economy", "economic",
    "health", "education", "trade", "state", "national", "international", "federal", "public", "security",
    "emergency", "emergencies", "energy", "agriculture", "culture", "transport", "environment", "labour", "labor",
    "social", "development", "general", "supreme", "central", "armed", "human", "rights", "republic", "first",
    "senior", "former", "new", "permanent", "special", "chief", "deputy", "joint", "high", "higher", "executive",
    "interstate", "regional", "local", "european", "united", "nations", "world", "global", "parliamentary", "press",
    "information", "intelligence", "treaty", "collective", "cooperation", "military", "civil", "naval", "army", "air",
    "force", "protection", "affair", "industry", "science", "communications", "media",
];

#[rustfmt::skip]
const MONTHS_DAYS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
];

/// Words of a date or time adjunct (`on 26 April`, `last week`, `in February 2023`).
#[rustfmt::skip]
const TIME_WORDS: &[&str] = &[
    "last", "this", "next", "week", "month", "year", "day", "early", "late", "mid", "the", "of", "morning", "evening",
    "night", "afternoon", "weekend", "spring", "summer", "autumn", "winter", "fall", "beginning", "end", "same",
    "that",
];

/// Country names and the adjectives or short forms that stand for them.
const COUNTRIES: &[(&str, &[&str])] = &[
    ("afghanistan", &["afghan"]),
    ("albania", &["albanian"]),
    ("algeria", &["algerian"]),
    ("argentina", &["argentine", "argentinian"]),
    ("armenia", &["armenian"]),
    ("australia", &["australian"]),
    ("austria", &["austrian"]),
    ("valdoria", &["valdorian", "azeri"]),
    ("bahrain", &["bahraini"]),
    ("bangladesh", &["bangladeshi"]),
    ("belarus", &["belarusian", "belarussian"]),
    ("belgium", &["belgian"]),
    ("bolivia", &["bolivian"]),
    ("bosnia", &["bosnian"]),
    ("brazil", &["brazilian"]),
    ("bulgaria", &["bulgarian"]),
    ("cambodia", &["cambodian"]),
    ("canada", &["canadian"]),
    ("chile", &["chilean"]),
    ("china", &["chinese"]),
    ("colombia", &["colombian"]),
    ("croatia", &["croatian"]),
    ("cuba", &["cuban"]),
    ("cyprus", &["cypriot"]),
    ("czechia", &["czech"]),
    ("denmark", &["danish"]),
    ("egypt", &["egyptian"]),
    ("estonia", &["estonian"]),
    ("ethiopia", &["ethiopian"]),
    ("finland", &["finnish"]),
    ("france", &["french"]),
    ("georgia", &["georgian"]),
    ("germany", &["german"]),
    ("ghana", &["ghanaian"]),
    ("greece", &["greek"]),
    ("hungary", &["hungarian"]),
    ("india", &["indian"]),
    ("indonesia", &["indonesian"]),
    ("iran", &["iranian"]),
    ("iraq", &["iraqi"]),
    ("ireland", &["irish"]),
    ("israel", &["israeli"]),
    ("italy", &["italian"]),
    ("japan", &["japanese"]),
    ("jordan", &["jordanian"]),
    ("kazakhstan", &["kazakh", "kazakhstani"]),
    ("kenya", &["kenyan"]),
    ("kosovo", &["kosovar"]),
    ("kuwait", &["kuwaiti"]),
    ("kyrgyzstan", &["kyrgyz"]),
    ("latvia", &["latvian"]),
    ("lebanon", &["lebanese"]),
    ("libya", &["libyan"]),
    ("lithuania", &["lithuanian"]),
    ("malaysia", &["malaysian"]),
    ("mexico", &["mexican"]),
    ("moldova", &["moldovan"]),
    ("mongolia", &["mongolian"]),
    ("montenegro", &["montenegrin"]),
    ("morocco", &["moroccan"]),
    ("myanmar", &["burmese"]),
    ("nepal", &["nepali", "nepalese"]),
    ("netherlands", &["dutch"]),
    ("new zealand", &[]),
    ("nigeria", &["nigerian"]),
    ("north korea", &[]),
    ("norway", &["norwegian"]),
    ("pakistan", &["pakistani"]),
    ("palestine", &["palestinian"]),
    ("peru", &["peruvian"]),
    ("philippines", &["filipino", "philippine"]),
    ("poland", &["polish"]),
    ("portugal", &["portuguese"]),
    ("qatar", &["qatari"]),
    ("romania", &["romanian"]),
    ("russia", &["russian", "russian federation"]),
    ("saudi arabia", &["saudi"]),
    ("serbia", &["serbian"]),
    ("slovakia", &["slovak"]),
    ("slovenia", &["slovenian", "slovene"]),
    ("somalia", &["somali"]),
    ("south africa", &[]),
    ("south korea", &[]),
    ("spain", &["spanish"]),
    ("sri lanka", &["sri lankan"]),
    ("sudan", &["sudanese"]),
    ("sweden", &["swedish"]),
    ("switzerland", &["swiss"]),
    ("syria", &["syrian"]),
    ("taiwan", &["taiwanese"]),
    ("tajikistan", &["tajik"]),
    ("thailand", &["thai"]),
    ("tunisia", &["tunisian"]),
    ("turkey", &["turkish", "turkiye"]),
    ("turkmenistan", &["turkmen"]),
    ("ukraine", &["ukrainian"]),
    ("united arab emirates", &["emirati", "uae"]),
    ("united kingdom", &["british", "uk", "britain", "great britain"]),
    ("united states", &["american", "us", "usa", "united states of america"]),
    ("uzbekistan", &["uzbek"]),
    ("venezuela", &["venezuelan"]),
    ("vietnam", &["vietnamese"]),
    ("yemen", &["yemeni"]),
];

fn has(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

/// The country a folded word or word sequence stands for.
fn country_of(w: &str) -> Option<&'static str> {
    COUNTRIES.iter().find(|(c, alts)| *c == w || alts.contains(&w)).map(|(c, _)| *c)
}

fn lemma_of(form: &str) -> Option<&'static str> {
    VERB_FORMS.iter().find(|(f, _)| *f == form).map(|(_, l)| *l)
}

fn vehicle_of(w: &str) -> Option<&'static str> {
    let w = w.strip_suffix("'s").unwrap_or(w);
    VEHICLES.iter().find(|v| **v == w).copied().or(match w {
        "letters" => Some("letter"),
        "statements" => Some("statement"),
        "reports" => Some("report"),
        "speeches" => Some("speech"),
        "interviews" => Some("interview"),
        "communiques" => Some("communique"),
        _ => None,
    })
}

fn is_possessive(low: &str) -> bool {
    low.ends_with("'s") || (low.ends_with("s'") && low.len() > 2)
}

fn strip_possessive(s: &str) -> &str {
    for suf in ["'s", "’s", "'", "’"] {
        if let Some(r) = s.strip_suffix(suf) {
            if !r.is_empty() {
                return r;
            }
        }
    }
    s
}

fn is_acronym(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) && !s.contains(['\'', '’'])
}

// ---------------------------------------------------------------------------------------------
// Sentence view: words with byte ranges, their folded forms, and the text between them.

struct Tok<'a> {
    r: Range<usize>,
    s: &'a str,
    low: String,
}

struct Sent<'a> {
    text: &'a str,
    range: Range<usize>,
    t: Vec<Tok<'a>>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Det,
    Word,
    Connector,
    Stop,
}

impl<'a> Sent<'a> {
    fn new(text: &'a str, range: Range<usize>) -> Self {
        let t = words_in(text, range.clone())
            .into_iter()
            .map(|w| Tok { low: fold(w.text), r: w.range, s: w.text })
            .collect();
        Sent { text, range, t }
    }

    fn n(&self) -> usize {
        self.t.len()
    }

    fn low(&self, i: usize) -> &str {
        self.t.get(i).map(|t| t.low.as_str()).unwrap_or("")
    }

    /// Text between word `i - 1` and word `i` (from the sentence start for 0, to its end for n).
    fn gap(&self, i: usize) -> &'a str {
        let s = if i == 0 { self.range.start } else { self.t[i - 1].r.end };
        let e = if i < self.n() { self.t[i].r.start } else { self.range.end };
        &self.text[s..e.max(s)]
    }

    fn cap(&self, i: usize) -> bool {
        self.t.get(i).and_then(|t| t.s.chars().next()).is_some_and(|c| c.is_uppercase())
    }

    fn is_num(&self, i: usize) -> bool {
        self.t.get(i).and_then(|t| t.s.chars().next()).is_some_and(|c| c.is_ascii_digit())
    }

    /// An acronym in brackets after a name: `Treaty Organization (CSTO)`.
    fn paren_acronym(&self, i: usize) -> bool {
        i > 0
            && i < self.n()
            && self.gap(i).trim() == "("
            && is_acronym(self.t[i].s)
            && self.gap(i + 1).trim_start().starts_with(')')
    }

    /// Whether the text before word `i` separates phrases.
    fn brk(&self, i: usize) -> bool {
        if i == 0 || i >= self.n() {
            return true;
        }
        if self.paren_acronym(i) {
            return false;
        }
        let g = self.gap(i);
        if self.paren_acronym(i - 1) {
            return has_hard(g.trim_start().strip_prefix(')').unwrap_or(g));
        }
        // `J. Smith`: the dot after an initial joins.
        if g.trim() == "." && self.t[i - 1].s.chars().count() == 1 {
            return false;
        }
        has_hard(g) || has_quote(g)
    }

    /// Like [`Sent::brk`] but only for punctuation that ends a phrase; quotation marks around a
    /// name (`the bloc “Unity”`) do not.
    fn hard(&self, i: usize) -> bool {
        if i == 0 || i >= self.n() {
            return true;
        }
        self.brk(i) && has_hard(self.gap(i))
    }

    fn kind(&self, i: usize) -> Kind {
        let low = self.low(i);
        if has(DETS, low) {
            return Kind::Det;
        }
        if has(CONNECTORS, low) && !self.cap(i) {
            return Kind::Connector;
        }
        let tok = &self.t[i];
        if is_acronym(tok.s) {
            return Kind::Word;
        }
        // A capital mid-sentence marks a name even when the word is also a function word.
        if self.cap(i) && i > 0 && !self.gap(i).contains([':', '"', '“']) {
            return Kind::Word;
        }
        let verb_form = lemma_of(low).is_some() && !has(NOUNLIKE, low);
        if has(STOPS, low) || has(PRONOUNS, low) || has(BE, low) || verb_form {
            return Kind::Stop;
        }
        if self.is_num(i) {
            return if i > 0 && self.cap(i - 1) && !self.brk(i) { Kind::Word } else { Kind::Stop };
        }
        // `the flooded districts`: after an article, a participle is an adjective.
        let after_det = i > 0 && !self.brk(i) && has(DETS, self.low(i - 1));
        if !self.cap(i)
            && !after_det
            && !has(SHAPE_OK, low)
            && ((low.ends_with("ly") && low.len() > 4)
                || (low.ends_with("ed") && low.len() > 3)
                || (low.ends_with("ing") && low.len() > 4))
        {
            return Kind::Stop;
        }
        Kind::Word
    }

    fn span(&self, a: usize, b: usize) -> Range<usize> {
        self.t[a].r.start..self.t[b - 1].r.end
    }

    fn slice(&self, a: usize, b: usize) -> &'a str {
        &self.text[self.span(a, b)]
    }

    /// Index of the first word of the phrase that ends just before word `i`.
    fn chunk_start(&self, i: usize) -> usize {
        let mut k = i.saturating_sub(1);
        while k > 0 && !self.hard(k) {
            k -= 1;
        }
        k
    }

    /// Index one past the last word of the phrase that starts at word `i`.
    fn chunk_end(&self, i: usize) -> usize {
        let mut k = i + 1;
        while k < self.n() && !self.hard(k) {
            k += 1;
        }
        k.min(self.n())
    }
}

fn has_hard(g: &str) -> bool {
    g.contains([',', ';', ':', '—', '–', '(', ')', '[', ']', '…', '?', '!']) || g.contains(" - ")
}

fn has_quote(g: &str) -> bool {
    g.contains(['"', '“', '”', '«', '»', '„']) || g.contains(" '") || g.contains("' ") || g.contains('‘')
}

fn is_title(w: &str) -> bool {
    has(TITLES, strip_possessive(w))
}

fn is_org_word(w: &str) -> bool {
    has(ORGS, strip_possessive(w))
}

// ---------------------------------------------------------------------------------------------
// Noun phrases.

/// Start of the noun phrase that ends at word `end - 1`, not going below `floor`.
fn left_np(s: &Sent, end: usize, floor: usize) -> Option<usize> {
    let mut i = end;
    let mut start = None;
    let mut count = 0;
    while i > floor {
        let k = i - 1;
        if i < end && s.brk(i) {
            // A quoted name inside a phrase: `the bloc “Unity”`.
            let g = s.gap(i);
            if !(has_quote(g) && !has_hard(g) && s.cap(i) && count <= 3) {
                break;
            }
        }
        match s.kind(k) {
            Kind::Det => {
                if start.is_none() {
                    break;
                }
                start = Some(k);
                // `of the Interior`: an article after a connector stays inside the phrase.
                if k == floor || s.brk(k) || s.kind(k - 1) != Kind::Connector {
                    break;
                }
            }
            Kind::Word => {
                start = Some(k);
                count += 1;
            }
            Kind::Connector => {
                let particle = has(NAME_PARTICLES, s.low(k));
                if start.is_none() || k == floor || s.brk(k) || (s.kind(k - 1) != Kind::Word && !particle) {
                    break;
                }
                let ok = match s.low(k) {
                    _ if particle => {
                        (s.cap(k + 1) || has(NAME_PARTICLES, s.low(k + 1)))
                            && (s.cap(k - 1) || has(NAME_PARTICLES, s.low(k - 1)))
                    }
                    "to" | "at" | "for" => {
                        is_title(s.low(k - 1))
                            || s.cap(k - 1) && (s.cap(k + 1) || s.kind(k + 1) == Kind::Det && s.cap(k + 2))
                    }
                    "and" => s.cap(k - 1) && s.cap(k + 1),
                    _ => true,
                };
                if !ok {
                    break;
                }
            }
            Kind::Stop => break,
        }
        i = k;
        if count > 14 {
            return None;
        }
    }
    start
}

/// End (exclusive) of the noun phrase that starts at word `start`.
fn right_np(s: &Sent, start: usize) -> Option<usize> {
    let n = s.n();
    let mut i = start;
    if i < n && s.kind(i) == Kind::Det {
        i += 1;
    }
    let mut end = None;
    let mut prev_connector = false;
    while i < n {
        if i > start && s.brk(i) {
            break;
        }
        match s.kind(i) {
            Kind::Det if prev_connector => {}
            Kind::Word => {
                end = Some(i + 1);
            }
            Kind::Connector if end.is_some() && i + 1 < n && !s.brk(i + 1) => {
                let next = s.kind(i + 1);
                let next_named = s.cap(i + 1) || (next == Kind::Det && s.cap(i + 2));
                let ok = match s.low(i) {
                    "of" => next == Kind::Word || next == Kind::Det,
                    "and" => s.cap(i - 1) && s.cap(i + 1),
                    "to" => is_title(s.low(i - 1)) && next_named,
                    _ => next_named,
                };
                if !ok {
                    break;
                }
                prev_connector = true;
                i += 1;
                continue;
            }
            _ => break,
        }
        prev_connector = false;
        i += 1;
        if i - start > 16 {
            break;
        }
    }
    end
}

/// Whether words `a..b` look like a personal name (`Anna Berg`, `J. R. Smith`).
fn person_like(s: &Sent, a: usize, b: usize) -> bool {
    if b <= a || b - a > 4 {
        return false;
    }
    (a..b).all(|i| {
        let low = s.low(i);
        (s.cap(i) || (i > a && has(NAME_PARTICLES, low)))
            && !is_acronym(s.t[i].s)
            && !is_title(low)
            && !is_org_word(low)
            && !has(DOMAIN, low)
            && country_of(strip_possessive(low)).is_none()
            && !has(MONTHS_DAYS, low)
            && vehicle_of(low).is_none()
            && !has(DETS, low)
            && !has(STOPS, low)
            && !has(PRONOUNS, low)
            && (i + 1 == b || !is_possessive(low))
    })
}

fn has_title_word(s: &Sent, a: usize, b: usize) -> bool {
    (a..b).any(|i| is_title(s.low(i))) && !has(VAGUE, s.low(b - 1))
}

/// Extends a phrase over an apposition: `the president of Ruritania, Anna Berg,` or `Anna Berg,
/// chief engineer of Acme,`. Returns the new end.
fn extend_apposition(s: &Sent, a: usize, b: usize) -> usize {
    if b >= s.n() || !s.gap(b).contains(',') || has_quote(s.gap(b)) {
        return b;
    }
    let ce = s.chunk_end(b);
    let closes = ce >= s.n() || s.gap(ce).contains(',');
    if !closes {
        return b;
    }
    let body = if s.kind(a) == Kind::Det { a + 1 } else { a };
    if has_title_word(s, body, b) && person_like(s, b, ce) {
        return ce;
    }
    if person_like(s, body, b) && right_np(s, b) == Some(ce) && has_title_word(s, b, ce) && s.low(b) != "a" {
        return ce;
    }
    b
}

// ---------------------------------------------------------------------------------------------
// Vehicle phrases: `In a letter sent to Y`, `In the letter of X to Y`, `during a press briefing`.

struct VehiclePhrase {
    start: usize,
    end: usize,
    vehicle: Option<&'static str>,
    agent: Option<(usize, usize)>,
    recipient: Option<(usize, usize)>,
}

fn skip_time(s: &Sent, mut i: usize) -> usize {
    let from = i;
    while i < s.n()
        && (s.is_num(i) || has(MONTHS_DAYS, s.low(i)) || (i > from && has(TIME_WORDS, s.low(i))))
        && (i == from || !s.brk(i))
    {
        i += 1;
    }
    i
}

fn vehicle_phrases(s: &Sent) -> Vec<VehiclePhrase> {
    let mut out = Vec::new();
    let n = s.n();
    let mut i = 0;
    while i + 2 < n {
        // `Speaking to reporters, the minister said`: a recipient without a vehicle.
        if has(&["speaking", "talking", "writing"], s.low(i)) && s.low(i + 1) == "to" && !s.brk(i + 1) {
            if let Some(e) = right_np(s, i + 2) {
                out.push(VehiclePhrase { start: i, end: e, vehicle: None, agent: None, recipient: Some((i + 2, e)) });
                i = e;
                continue;
            }
        }
        if !has(&["in", "through", "via", "during", "at", "with"], s.low(i)) {
            i += 1;
            continue;
        }
        let d = i + 1;
        let possessor = is_possessive(s.low(d)) && !has(DETS, s.low(d));
        if !(has(DETS, s.low(d)) || possessor) {
            i += 1;
            continue;
        }
        // Up to three modifiers: `a strongly worded official letter`.
        let mut k = d + 1;
        let mut found = None;
        while k < n && k <= d + 4 && !s.brk(k) {
            if let Some(v) = vehicle_of(s.low(k)) {
                found = Some(v);
                break;
            }
            if s.kind(k) == Kind::Stop {
                break;
            }
            k += 1;
        }
        let Some(vehicle) = found else {
            i += 1;
            continue;
        };
        let mut vp = VehiclePhrase { start: i, end: k + 1, vehicle: Some(vehicle), agent: None, recipient: None };
        if possessor || has(PRONOUNS, s.low(d)) {
            vp.agent = Some((d, d + 1));
        }
        let mut p = k + 1;
        while p < n {
            let low = s.low(p);
            let after_apposition = s.gap(p).trim() == "," && low == "to" && vp.agent.is_some();
            if s.brk(p) && !after_apposition {
                break;
            }
            if has(&["of", "from", "by"], low) && vp.agent.is_none() {
                let Some(e) = right_np(s, p + 1) else { break };
                let e = extend_apposition(s, p + 1, e);
                vp.agent = Some((p + 1, e));
                p = e;
            } else if low == "to" && vp.recipient.is_none() {
                let Some(e) = right_np(s, p + 1) else { break };
                vp.recipient = Some((p + 1, e));
                p = e;
            } else if SENDING.iter().any(|(f, _)| *f == low) || low == "dated" {
                p += 1;
            } else if has(&["on", "in", "last", "this", "earlier", "later"], low) {
                let q = skip_time(s, p + 1);
                if q == p + 1 && low != "last" {
                    break;
                }
                p = q;
            } else {
                break;
            }
        }
        vp.end = p.max(k + 1);
        i = vp.end;
        out.push(vp);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Building agents.

/// What the rest of the document says about single-word names.
#[derive(Default)]
struct DocContext {
    /// Folded last words of multi-word personal names in the document (`Berg` of `Anna Berg`).
    surnames: BTreeSet<String>,
}

impl DocContext {
    fn new(text: &str, sentences: &[Range<usize>]) -> Self {
        let mut surnames = BTreeSet::new();
        for r in sentences {
            let s = Sent::new(text, r.clone());
            let mut i = 0;
            while i < s.n() {
                if !s.cap(i) {
                    i += 1;
                    continue;
                }
                let mut j = i + 1;
                while j < s.n() && s.cap(j) && !s.brk(j) {
                    j += 1;
                }
                // Drop leading titles (`President Anna Berg`) and sentence-initial function words;
                // a compound office ends at its last title word (`Agriculture Minister Anna Berg`).
                let mut a = i;
                while a < j && (is_title(s.low(a)) || has(STOPS, s.low(a)) || has(DETS, s.low(a))) {
                    a += 1;
                }
                if let Some(t) = (a..j).rev().find(|&k| is_title(s.low(k))) {
                    if j - t >= 3 && person_like(&s, t + 1, j) {
                        a = t + 1;
                    }
                }
                if j - a >= 2 && person_like(&s, a, j) {
                    surnames.insert(strip_possessive(s.low(j - 1)).to_string());
                } else if a > i && j - a == 1 && is_title(s.low(a - 1)) && person_like(&s, a, j) {
                    surnames.insert(strip_possessive(s.low(a)).to_string());
                }
                i = j;
            }
        }
        DocContext { surnames }
    }
}

fn make_agent(s: &Sent, a: usize, b: usize, ctx: &DocContext) -> Option<Agent> {
    let mut a = a;
    while a < b && has(&["the", "a", "an"], s.low(a)) {
        a += 1;
    }
    if a >= b {
        return None;
    }
    let mut span = s.span(a, b);
    let mut text = &s.text[span.clone()];
    // `X's letter` credits X: the possessive is not part of the name.
    let trimmed = strip_possessive(text);
    if trimmed.len() < text.len() && is_possessive(s.low(b - 1)) {
        span.end = span.start + trimmed.len();
        text = trimmed;
    }
    // Close a quoted name left open: `the bloc “Unity”`.
    let opens = text.matches(['“', '"']).count();
    let closes = text.matches(['”']).count();
    if opens > closes || (text.matches('"').count() % 2 == 1) {
        if let Some(c) = s.text[span.end..].chars().next().filter(|c| matches!(c, '”' | '"')) {
            span.end += c.len_utf8();
            text = &s.text[span.clone()];
        }
    }
    if text.matches('(').count() > text.matches(')').count() && s.text[span.end..].starts_with(')') {
        span.end += 1;
        text = &s.text[span.clone()];
    }
    let pronoun = b - a == 1 && has(PRONOUNS, s.low(a));
    let (person, title, organisation) = if pronoun { (None, None, None) } else { analyse(s, a, b, ctx) };
    Some(Agent { span, text: text.to_string(), person, title, organisation, pronoun })
}

type Parts = (Option<String>, Option<String>, Option<String>);

/// Splits an agent phrase into a personal name, an office and a body.
fn analyse(s: &Sent, a: usize, b: usize, ctx: &DocContext) -> Parts {
    // An apposition holds a name and an office in separate parts.
    if let Some(cut) = (a + 1..b).find(|&i| s.gap(i).contains(',')) {
        let (p1, t1, o1) = analyse(s, a, cut, ctx);
        let (p2, t2, o2) = analyse(s, cut, b, ctx);
        return (p1.or(p2), t1.or(t2), o1.or(o2));
    }
    let mut a = a;
    while a < b && s.kind(a) == Kind::Det {
        a += 1;
    }
    if a >= b {
        return (None, None, None);
    }
    let text_of = |x: usize, y: usize| Some(strip_possessive(s.slice(x, y)).to_string());
    // The head ends before the first `of`/`for`/`at`/`to` (`President of Ruritania`).
    let head_end = (a..b)
        .find(|&i| (s.kind(i) == Kind::Connector && s.low(i) != "and") || has(&["in", "from"], s.low(i)))
        .unwrap_or(b);
    let head = strip_possessive(s.low(head_end.max(a + 1) - 1));
    if has(VAGUE, head) || vehicle_of(head).is_some() && head_end == b {
        return (None, None, None);
    }
    // `X's spokesperson`: the speaker is the possessed role, not X.
    if let Some(p) = (a..b - 1).find(|&i| is_possessive(s.low(i))) {
        let owner = strip_possessive(s.low(p));
        if country_of(owner).is_none() {
            return if is_title(s.low(b - 1)) || (p + 1..b).any(|i| is_title(s.low(i))) {
                (None, text_of(p + 1, b), None)
            } else if (p + 1..b).any(|i| is_org_word(s.low(i))) {
                (None, None, text_of(a, b))
            } else {
                (None, None, None)
            };
        }
    }
    // `the newspaper Gazette`, `the think-tank GLOBSEC`: the name after the descriptor.
    if let Some(d) = (a..head_end).find(|&i| has(DESCRIPTORS, s.low(i)) && i + 1 < head_end && s.cap(i + 1)) {
        let mut e = head_end;
        if s.is_num(e - 1) && e - 1 > d + 1 {
            e -= 1;
        }
        if (d + 1..e).all(|i| s.cap(i)) {
            return (None, None, text_of(d + 1, e));
        }
    }
    // Offices, with or without the holder's name: `Foreign Minister Anna Berg`.
    if let Some(tw) = (a..head_end).rev().find(|&i| is_title(s.low(i))) {
        if tw + 1 < head_end && person_like(s, tw + 1, head_end) && head_end == b {
            return (text_of(tw + 1, b), text_of(a, tw + 1), None);
        }
        if !(a..head_end).any(|i| is_org_word(s.low(i)) && i > tw) {
            return (None, text_of(a, b), None);
        }
    }
    if (a..head_end).any(|i| is_org_word(s.low(i))) || is_acronym(s.t[head_end - 1].s) {
        // `the ministry`, `the company`: a bare common noun names nobody in particular.
        if head_end - a == 1 && !s.cap(a) && b == head_end {
            return (None, None, None);
        }
        return (None, None, text_of(a, b));
    }
    if (a..b).all(|i| s.cap(i) || s.kind(i) == Kind::Connector || s.is_num(i)) {
        if b - a >= 2 && person_like(s, a, b) {
            return (text_of(a, b), None, None);
        }
        if b - a == 1 && ctx.surnames.contains(strip_possessive(s.low(a))) {
            return (text_of(a, b), None, None);
        }
        return (None, None, text_of(a, b));
    }
    // A trailing proper name after lowercase words: `Ruritanian media outlet Gazette`.
    if let Some(c) = (a..b).rev().take_while(|&i| s.cap(i)).last() {
        if c > a && (a..c).any(|i| has(DESCRIPTORS, s.low(i)) || is_org_word(s.low(i))) {
            return (None, None, text_of(c, b));
        }
        if c > a && person_like(s, c, b) && b - c >= 2 {
            return (text_of(c, b), None, None);
        }
        if c < b && (a..c).all(|i| country_of(s.low(i)).is_some() || has(DOMAIN, s.low(i))) {
            return (None, None, text_of(a, b));
        }
    }
    (None, None, None)
}

// ---------------------------------------------------------------------------------------------
// Extraction.

/// The agent phrase before a verb at word `v`, if any, as a word range.
fn left_agent(s: &Sent, v: usize) -> Option<(usize, usize)> {
    let mut j = v;
    while j > 0 && !s.brk(j) && {
        let low = s.low(j - 1);
        has(BETWEEN, low) || (low.ends_with("ly") && low.len() > 4 && !s.cap(j - 1) && !has(SHAPE_OK, low))
    } {
        j -= 1;
    }
    if j == 0 {
        return None;
    }
    if s.brk(j) {
        return comma_agent(s, j);
    }
    let low = s.low(j - 1);
    if has(PRONOUNS, low) && !has(&["his", "her", "its", "their"], low) {
        return Some((j - 1, j));
    }
    // `X addressed Y and said`: the subject of the first verb.
    if low == "and" || low == "but" {
        let y = left_np(s, j - 1, s.chunk_start(j - 1))?;
        if y == 0 || s.brk(y) {
            return None;
        }
        let verb = y - 1;
        let floor = s.chunk_start(verb + 1);
        let a = left_np(s, verb, floor)?;
        return Some((a, verb));
    }
    // `the minister, who said`: the antecedent of the relative pronoun.
    if low == "who" || low == "which" {
        let k = j - 1;
        if k == 0 {
            return None;
        }
        let end = k;
        let a = left_np(s, end, s.chunk_start(end.saturating_sub(1)).min(end))?;
        return Some((a, end));
    }
    let floor = s.chunk_start(j);
    let a = left_np(s, j, floor)?;
    // `Doctors who treated the victims said`: the antecedent of the relative clause speaks.
    if let Some(w) = (floor.max(a.saturating_sub(6))..a).rev().find(|&w| has(&["who", "which"], s.low(w))) {
        if w > floor {
            let x = left_np(s, w, floor)?;
            return Some((x, w));
        }
        return None;
    }
    Some(refine_left(s, a, j))
}

/// `the bloc led by X said`: the agent is the phrase before the participle, not X; but in `a
/// statement issued by X said` it is X. `Police in Oslo said`: the place belongs to the agent.
fn refine_left(s: &Sent, a: usize, b: usize) -> (usize, usize) {
    if a >= 2 && !s.brk(a) && !s.brk(a - 1) && has(&["by", "in", "at", "from", "with", "to"], s.low(a - 1)) {
        let p = a - 2;
        let low = s.low(p);
        let floor = s.chunk_start(p + 1);
        if s.low(a - 1) != "to"
            && !s.cap(p)
            && (low.ends_with("ed") || has(&["led", "run", "based", "owned", "held", "known"], low))
        {
            if let Some(x) = left_np(s, p, floor) {
                if vehicle_of(s.low(p - 1)).is_some() && s.low(a - 1) == "by" {
                    return (a, b);
                }
                return (x, p);
            }
        } else if (has(&["in", "from"], s.low(a - 1)) && s.kind(p) == Kind::Word && vehicle_of(low).is_none())
            || (s.low(a - 1) == "to" && has(&["close", "near", "loyal", "allied", "linked", "related"], low))
        {
            if let Some(x) = left_np(s, p + 1, floor) {
                return (x, b);
            }
        }
    }
    (a, b)
}

/// The agent when a comma separates it from the verb (`X, in a statement, said`; `the president
/// of Ruritania, Anna Berg, said`; `Gazette, a local daily, reported`).
fn comma_agent(s: &Sent, j: usize) -> Option<(usize, usize)> {
    let mut end = j;
    for _ in 0..3 {
        let cs = s.chunk_start(end);
        if cs >= end {
            return None;
        }
        if is_parenthetical(s, cs, end) {
            end = cs;
            continue;
        }
        let a = left_np(s, end, cs)?;
        if a != cs || cs == 0 {
            // Only part of the phrase is a noun phrase.
            return if a > cs { None } else { Some((a, end)) };
        }
        // Look at the phrase before for an apposition.
        let pe = cs;
        let ps = s.chunk_start(pe);
        if !s.gap(cs).contains(',') || ps >= pe {
            return Some((a, end));
        }
        let prev = left_np(s, pe, ps);
        let whole_prev = prev == Some(ps) && !has(STOPS, s.low(ps));
        // `…, and the mediator, a retired diplomat, said`
        if let Some(x) = prev.filter(|&x| x > ps && has(&["and", "but", "while", "whereas", "as"], s.low(x - 1))) {
            if has(&["a", "an"], s.low(cs)) {
                return Some((x, pe));
            }
        }
        if whole_prev {
            let pb = if s.kind(ps) == Kind::Det { ps + 1 } else { ps };
            if has(&["a", "an"], s.low(cs)) {
                return Some((ps, pe));
            }
            if has_title_word(s, pb, pe) && person_like(s, a, end) {
                return Some((ps, end));
            }
            if person_like(s, pb, pe) && has_title_word(s, a, end) {
                return Some((ps, end));
            }
        }
        return Some((a, end));
    }
    None
}

fn is_parenthetical(s: &Sent, a: usize, b: usize) -> bool {
    let low = s.low(a);
    if has(
        &[
            "in",
            "on",
            "at",
            "during",
            "for",
            "with",
            "however",
            "meanwhile",
            "moreover",
            "too",
            "also",
            "though",
            "instead",
            "therefore",
            "thus",
            "yesterday",
            "today",
            "earlier",
            "later",
            "who",
            "which",
            "whose",
            "where",
            "when",
            "speaking",
            "writing",
            "citing",
            "quoted",
            "led",
            "headed",
            "based",
            "then",
            "now",
            "again",
            "furthermore",
            "separately",
            "notably",
            "likewise",
            "similarly",
            "last",
            "this",
        ],
        low,
    ) {
        return true;
    }
    if !s.cap(a) && (low.ends_with("ed") || low.ends_with("ing") || low.ends_with("ly")) && !has(SHAPE_OK, low) {
        return true;
    }
    skip_time(s, a) >= b
}

/// Whether a complement marker follows word `i - 1`: `that`, `:`, a quote, a comma or the end.
fn marker_follows(s: &Sent, i: usize) -> bool {
    i >= s.n() || s.low(i) == "that" || s.gap(i).contains([':', ',', '"', '“', '‘', '«', '—', '–'])
}

struct Found {
    agent: (usize, usize),
    verb: &'static str,
    /// First word after the verb phrase (for the content and the recipient).
    after: usize,
    recipient: Option<(usize, usize)>,
    vehicle: Option<&'static str>,
    /// Content given directly (quote before an inverted `said X`).
    content: Option<Range<usize>>,
    verb_at: usize,
}

fn find_in_sentence(s: &Sent, ctx: &DocContext) -> Vec<Attribution> {
    let vps = vehicle_phrases(s);
    let mut found: Vec<Found> = Vec::new();
    let n = s.n();
    for i in 0..n {
        let low = s.low(i);
        let f = if low == "according" && s.low(i + 1) == "to" {
            according(s, i)
        } else if let Some(lemma) = PARTICIPLES.iter().find(|(f, _)| *f == low).map(|(_, l)| *l) {
            participle(s, i, lemma)
        } else if let Some(lemma) = lemma_of(low) {
            verb(s, i, lemma, &vps)
        } else if let Some(lemma) = SENDING.iter().find(|(f, _)| *f == low).map(|(_, l)| *l) {
            sending(s, i, lemma)
        } else {
            None
        };
        if let Some(f) = f {
            // One attribution per agent phrase and verb (`X said … and added`).
            if !found.iter().any(|g| g.agent == f.agent && g.verb == f.verb) {
                found.push(f);
            }
        }
    }
    // `a statement issued by X said …`: keep the reporting verb, drop the sending participle.
    let sending_dups: Vec<usize> = (0..found.len())
        .filter(|&k| {
            SENDING.iter().any(|(f, _)| *f == s.low(found[k].verb_at))
                && found.iter().enumerate().any(|(m, g)| m != k && g.agent == found[k].agent)
        })
        .collect();
    let found: Vec<Found> =
        found.into_iter().enumerate().filter(|(k, _)| !sending_dups.contains(k)).map(|(_, f)| f).collect();
    let mut out = Vec::new();
    for f in &found {
        let Some(agent) = make_agent(s, f.agent.0, f.agent.1, ctx) else { continue };
        let mut vehicle = f.vehicle.map(str::to_string);
        let mut recipient = f.recipient;
        // The vehicle phrase nearest to the verb, unless it is where the agent came from.
        let near = vps
            .iter()
            .filter(|vp| !(vp.start <= f.agent.0 && f.agent.1 <= vp.end) || vp.agent == Some(f.agent))
            .filter(|vp| !(vp.start <= f.verb_at && f.verb_at < vp.end))
            .min_by_key(|vp| {
                let d = if vp.end <= f.verb_at { f.verb_at - vp.end } else { vp.start - f.verb_at };
                // Another verb between makes the phrase belong to that one.
                let blocked = found.iter().any(|g| {
                    g.verb_at != f.verb_at
                        && ((vp.end <= g.verb_at && g.verb_at < f.verb_at)
                            || (f.verb_at < g.verb_at && g.verb_at < vp.start))
                });
                (blocked, d)
            });
        if let Some(vp) = near {
            let blocked = found.iter().any(|g| {
                g.verb_at != f.verb_at
                    && ((vp.end <= g.verb_at && g.verb_at < f.verb_at)
                        || (f.verb_at < g.verb_at && g.verb_at < vp.start))
            });
            if !blocked {
                vehicle = vehicle.or(vp.vehicle.map(str::to_string));
                recipient = recipient.or(vp.recipient);
            }
        }
        let content = f.content.clone().or_else(|| content_after(s, f));
        out.push(Attribution {
            agent,
            verb: f.verb.to_string(),
            vehicle,
            recipient: recipient.map(|(a, b)| (s.span(a, b), s.slice(a, b).to_string())),
            content,
            sentence: s.range.clone(),
        });
    }
    out
}

/// What was said: after `that` or `:` when the verb has a complement, else what comes before
/// the agent (`…, Gazette reports.`).
fn content_after(s: &Sent, f: &Found) -> Option<Range<usize>> {
    let n = s.n();
    let mut c = f.after;
    if let Some((_, e)) = f.recipient {
        c = c.max(e);
    }
    // A colon soon after the verb (`reported in that year: “…”`).
    let colon = (c..n.min(c + 6)).find(|&k| s.gap(k).contains(':'));
    let start = if let Some(k) = colon {
        let g = s.gap(k);
        let off = g.find(':').map(|p| p + 1).unwrap_or(0);
        Some(s.t[k].r.start - g.len() + off)
    } else if c < n && s.low(c) == "that" {
        (c + 1 < n).then(|| s.t[c + 1].r.start - s.gap(c + 1).len() + s.gap(c + 1).len())
    } else if n.saturating_sub(c) >= 2 {
        Some(s.t[c].r.start)
    } else {
        None
    };
    let trim = |r: Range<usize>| {
        let r = crate::text::trim(s.text, r);
        (!r.is_empty()).then_some(r)
    };
    if let Some(st) = start {
        // Pull an opening quote into the content.
        let g_start = if c < n { s.t[c].r.start.saturating_sub(s.gap(c).len()) } else { st };
        let st =
            if colon.is_none() && c > 0 && c < n && st == s.t[c].r.start && has_quote(s.gap(c)) { g_start } else { st };
        return trim(st..s.range.end);
    }
    // Nothing after the verb: the content is the sentence before the agent's phrase (`…,
    // Gazette reports.`), unless the verb opens a quote that the sentence splitter cut off.
    let a = f.agent.0;
    if a == 0 || f.after < n || s.gap(n).contains([':', '"', '“', '‘', '«']) {
        return None;
    }
    let r = trim(s.range.start..s.t[a].r.start)?;
    let t = s.text[r.clone()].trim_end_matches([',', ' ']);
    trim(r.start..r.start + t.len())
}

fn according(s: &Sent, i: usize) -> Option<Found> {
    let st = i + 2;
    let mut e = right_np(s, st)?;
    let mut agent = (st, e);
    let mut vehicle = None;
    // `according to a report from/by/of X`, `according to X's report`.
    let head = if s.kind(st) == Kind::Det { st + 1 } else { st };
    if let Some(v) = (head..e.min(head + 4)).find_map(|k| vehicle_of(s.low(k)).map(|v| (k, v))) {
        let (k, name) = v;
        if is_possessive(s.low(k.saturating_sub(1))) && k > head {
            agent = (head, k);
            vehicle = Some(name);
        } else if k + 1 < s.n() && has(&["of", "from", "by"], s.low(k + 1)) {
            let a = k + 2;
            let en = right_np(s, a)?;
            let en = extend_apposition(s, a, en);
            agent = (a, en);
            e = en;
            vehicle = Some(name);
        }
    }
    if agent == (st, e) {
        e = extend_apposition(s, st, e);
        agent = (st, e);
    }
    // The content is the other side of the phrase: after the agent's phrase (`According to X published in May, …`), else right after X.
    let mut after = s.chunk_end(agent.1.saturating_sub(1));
    if after >= s.n() {
        after = agent.1;
    }
    let content = if after < s.n() {
        Some(crate::text::trim(s.text, s.t[after].r.start..s.range.end))
    } else {
        let end = s.t[i].r.start;
        let r = crate::text::trim(s.text, s.range.start..end);
        let t = s.text[r.clone()].trim_end_matches([',', ' ', '(']);
        Some(r.start..r.start + t.len())
    };
    Some(Found {
        agent,
        verb: "according to",
        after: e,
        recipient: None,
        vehicle,
        content: content.filter(|r| !r.is_empty()),
        verb_at: i,
    })
}

/// `X published a report stating that …`, `a letter sent by X saying …`.
fn participle(s: &Sent, i: usize, lemma: &'static str) -> Option<Found> {
    let mut k = i;
    let mut commas = 0;
    let mut vk = None;
    while k > 0 && i - k < 8 {
        if s.brk(k) {
            if s.gap(k).trim() == "," && commas == 0 {
                commas += 1;
            } else {
                break;
            }
        }
        k -= 1;
        if vehicle_of(s.low(k)).is_some() && s.kind(k) != Kind::Stop {
            vk = Some(k);
            break;
        }
    }
    let vk = vk?;
    let vehicle = vehicle_of(s.low(vk));
    // `a letter from/by X stating`
    if vk + 1 < i && has(&["from", "by"], s.low(vk + 1)) {
        let e = right_np(s, vk + 2)?;
        return Some(Found {
            agent: (vk + 2, e),
            verb: lemma,
            after: i + 1,
            recipient: None,
            vehicle,
            content: None,
            verb_at: i,
        });
    }
    // Determiner and modifiers before the vehicle.
    let mut d = vk;
    while d > 0 && !s.brk(d) && (s.kind(d - 1) == Kind::Det || (s.kind(d - 1) == Kind::Word && !s.cap(d - 1))) {
        d -= 1;
        if s.kind(d) == Kind::Det {
            break;
        }
    }
    if d > 0 && is_possessive(s.low(d.saturating_sub(1))) && !s.brk(d) {
        let e = d;
        let a = left_np(s, e, s.chunk_start(e))?;
        return Some(Found {
            agent: (a, e),
            verb: lemma,
            after: i + 1,
            recipient: None,
            vehicle,
            content: None,
            verb_at: i,
        });
    }
    if d == 0 || s.brk(d) || !has(PUBLISHING, s.low(d - 1)) {
        return None;
    }
    let pv = d - 1;
    let a = left_agent(s, pv)?;
    Some(Found { agent: a, verb: lemma, after: i + 1, recipient: None, vehicle, content: None, verb_at: i })
}

/// `a statement issued by X`, `the declaration made by X`.
fn sending(s: &Sent, i: usize, lemma: &'static str) -> Option<Found> {
    if s.low(i + 1) != "by" || s.brk(i + 1) || i == 0 {
        return None;
    }
    let has_vehicle = (i.saturating_sub(3)..i).any(|k| vehicle_of(s.low(k)).is_some() && !s.brk(k + 1));
    if !has_vehicle {
        return None;
    }
    let e = right_np(s, i + 2)?;
    let e = extend_apposition(s, i + 2, e);
    let vehicle = (i.saturating_sub(3)..i).find_map(|k| vehicle_of(s.low(k)));
    // `the declaration made by X on 8 May, “…”`: the quote is the content.
    let content = (e..s.n()).find(|&k| s.gap(k).contains(['“', '"'])).map(|k| {
        let g = s.gap(k);
        let q = g.find(['“', '"']).unwrap_or(0);
        s.t[k].r.start - g.len() + q..s.range.end
    });
    Some(Found { agent: (i + 2, e), verb: lemma, after: e, recipient: None, vehicle, content, verb_at: i })
}

fn verb(s: &Sent, i: usize, lemma: &'static str, vps: &[VehiclePhrase]) -> Option<Found> {
    let low = s.low(i);
    let n = s.n();
    let mut after = i + 1;
    if lemma == "point" {
        if !has(&["to", "out"], s.low(i + 1)) || s.brk(i + 1) {
            return None;
        }
        after = i + 2;
    }
    // Adjectival uses: `the said agreement`, `the reported cases`, `a noted author`.
    if i > 0 && !s.brk(i) && has(DETS, s.low(i - 1)) {
        return None;
    }
    if i > 0 && !s.brk(i) && has(&["that", "so", "not", "never", "cannot", "didn't", "doesn't", "don't"], s.low(i - 1))
    {
        return None;
    }
    if i > 1 && !s.brk(i) && has(&["not", "never"], s.low(i - 2)) && has(BETWEEN, s.low(i - 1)) {
        return None;
    }
    // `United States`, `Member States`: a capital mid-sentence makes the word part of a name.
    if s.cap(i) && i > 0 && !s.gap(i).contains([':', '"', '“']) {
        return None;
    }
    if (has(NOUNLIKE, low) || has(NEEDS_MARKER, low)) && lemma != "point" && !marker_follows(s, i + 1) {
        return None;
    }
    // `member states.`: a plural noun at the end unless a name precedes it (`Gazette reports.`).
    if has(NOUNLIKE, low)
        && lemma != "point"
        && !(s.low(i + 1) == "that" || s.gap(i + 1).contains(':'))
        && !(i > 0 && s.cap(i - 1) && !s.brk(i))
    {
        return None;
    }
    if has(&["denied", "denies"], low)
        && has(&["entry", "access", "permission", "visa", "visas", "bail", "passage", "admission"], s.low(i + 1))
    {
        return None;
    }
    if has(&["noted", "claimed"], low)
        && (has(&["for", "lives", "life"], s.low(i + 1)) || has(&["lives", "life"], s.low(i + 2)))
    {
        return None;
    }
    // Reduced passive: `the attacks reported by X`, `a claim denied by X`.
    let be_before = i > 0 && !s.brk(i) && has(BE, s.low(i - 1));
    if !be_before && s.low(i + 1) == "by" && !s.brk(i + 1) && (low.ends_with("ed") || low == "told") {
        let e = right_np(s, i + 2)?;
        let e = extend_apposition(s, i + 2, e);
        return Some(Found {
            agent: (i + 2, e),
            verb: lemma,
            after: e,
            recipient: None,
            vehicle: None,
            content: None,
            verb_at: i,
        });
    }
    // Passive voice: `it was announced by X`, `Y was told by X`, `it is mentioned …`.
    let mut j = i;
    while j > 0 && !s.brk(j) && has(&["also", "later", "then", "reportedly", "further", "repeatedly"], s.low(j - 1)) {
        j -= 1;
    }
    if j > 0 && !s.brk(j) && has(BE, s.low(j - 1)) {
        let by = (i + 1..n.min(i + 5)).find(|&k| s.low(k) == "by" && !s.brk(k));
        if let Some(by) = by {
            if (i + 1..by).any(|k| s.brk(k)) {
                return None;
            }
            let e = right_np(s, by + 1)?;
            let e = extend_apposition(s, by + 1, e);
            let recipient = if lemma == "tell" || lemma == "inform" {
                let be = j - 1;
                left_np(s, be, s.chunk_start(be)).map(|a| (a, be))
            } else {
                None
            };
            return Some(Found {
                agent: (by + 1, e),
                verb: lemma,
                after: e,
                recipient,
                vehicle: None,
                content: None,
                verb_at: i,
            });
        }
        // No `by`: the agent comes from a vehicle phrase (`In the letter of X, it is stated`).
        if s.low(i + 1) == "to" {
            return None; // `is said to be`
        }
        let vp = vps.iter().find(|vp| vp.agent.is_some() && vp.end <= i)?;
        let (a, b) = vp.agent?;
        return Some(Found {
            agent: (a, b),
            verb: lemma,
            after: if s.low(after) == "about" { after + 1 } else { after },
            recipient: vp.recipient,
            vehicle: vp.vehicle,
            content: None,
            verb_at: i,
        });
    }
    // `The decision, announced on Friday, affects …`: a participle between commas describes the
    // noun before it; only `, announced by X,` names an agent.
    if i > 0 && s.gap(i).trim() == "," && low.ends_with("ed") {
        let ce = s.chunk_end(i);
        if ce < n && s.gap(ce).contains(',') {
            let next = s.low(i + 1);
            if next == "by" && i + 1 < ce {
                let e = right_np(s, i + 2)?;
                return Some(Found {
                    agent: (i + 2, e),
                    verb: lemma,
                    after: e,
                    recipient: None,
                    vehicle: None,
                    content: None,
                    verb_at: i,
                });
            }
            if i + 1 == ce || has(&["on", "in", "at", "last", "during", "earlier", "this", "yesterday", "today"], next)
            {
                return None;
            }
        }
    }
    // `"…," said X`: the agent follows the verb.
    let g = s.gap(i);
    if i > 0 && has_quote(g) && g.contains([',', '?', '!']) || i > 0 && s.brk(i) && g.contains(',') && inverted(s, i) {
        if let Some(e) = right_np(s, i + 1) {
            if s.kind(i + 1) != Kind::Stop || has(PRONOUNS, s.low(i + 1)) {
                let e = if has(PRONOUNS, s.low(i + 1)) { i + 2 } else { extend_apposition(s, i + 1, e) };
                let q = crate::text::trim(s.text, s.range.start..s.t[i].r.start);
                let t = s.text[q.clone()].trim_end_matches([',', ' ']);
                let content = Some(q.start..q.start + t.len()).filter(|r| !r.is_empty());
                return Some(Found {
                    agent: (i + 1, e),
                    verb: lemma,
                    after: e,
                    recipient: None,
                    vehicle: None,
                    content,
                    verb_at: i,
                });
            }
        }
    }
    if i == 0 {
        return None;
    }
    let (a, b) = left_agent(s, i)?;
    let (mut a, mut b) = (a, b);
    let mut recipient = None;
    let mut vehicle = None;
    // `X's letter to Y says`, `the letter of X to Y states`.
    if a >= 2 && s.low(a - 1) == "to" && !s.brk(a) && !s.brk(a - 1) {
        let mut vk = a - 2;
        if SENDING.iter().any(|(f, _)| *f == s.low(vk)) && vk > 0 {
            vk -= 1;
        }
        if let Some(v) = vehicle_of(s.low(vk)) {
            recipient = Some((a, b));
            vehicle = Some(v);
            let floor = s.chunk_start(vk + 1);
            let st = left_np(s, vk + 1, floor)?;
            a = st;
            b = vk + 1;
        }
    }
    if let Some(vk) = (a..b).find(|&k| vehicle_of(s.low(k)).is_some()) {
        // `X's letter`, `the company's annual report`
        let owner = (a..vk).rev().find(|&p| is_possessive(s.low(p)));
        if let Some(p) = owner.filter(|&p| (p + 1..vk).all(|m| !s.cap(m))) {
            vehicle = vehicle.or(vehicle_of(s.low(vk)));
            b = p + 1;
        } else if vk + 1 < b && s.low(vk + 1) == "of" {
            vehicle = vehicle.or(vehicle_of(s.low(vk)));
            a = vk + 2;
        } else if vk + 1 == b {
            vehicle = vehicle.or(vehicle_of(s.low(vk)));
        }
    } else if a >= 2 && has(&["from", "by"], s.low(a - 1)) && !s.brk(a) {
        // `a statement from X said`, `a letter sent by X says`
        vehicle = (a.saturating_sub(3)..a - 1).rev().find_map(|k| vehicle_of(s.low(k)));
    }
    // `X addressed Y and said`, `X told Y that`, `X said to Y`.
    if s.low(b) == "addressed" && s.low(i - 1) == "and" {
        let y = left_np(s, i - 1, b + 1);
        if let Some(y) = y {
            recipient = Some((y, i - 1));
        }
    }
    if matches!(lemma, "tell" | "inform") && after < n && !s.brk(after) && s.kind(after) != Kind::Stop {
        if let Some(e) = right_np(s, after) {
            // `told a news conference`: where it was said, not to whom.
            if let Some(v) = vehicle_of(s.low(e - 1)) {
                vehicle = vehicle.or(Some(v));
            } else {
                recipient = Some((after, e));
            }
            after = e;
        }
    } else if matches!(lemma, "tell" | "inform") && has(PRONOUNS, s.low(after)) && !s.brk(after) {
        recipient = Some((after, after + 1));
        after += 1;
    } else if s.low(after) == "to" && !s.brk(after) && !has(&["be", "have"], s.low(after + 1)) {
        if let Some(e) = right_np(s, after + 1) {
            recipient = Some((after + 1, e));
            after = e;
        }
    }
    Some(Found { agent: (a, b), verb: lemma, after, recipient, vehicle, content: None, verb_at: i })
}

/// `The talks failed, said the minister`: a clause, a comma, then the verb and a noun phrase.
fn inverted(s: &Sent, i: usize) -> bool {
    let cs = s.chunk_start(i);
    let np = left_np(s, i, cs);
    // `…, who owns the hotel, said her bookings fell`: a possessive after the verb starts what
    // was said, not who said it.
    np != Some(cs)
        && i + 1 < s.n()
        && (s.kind(i + 1) == Kind::Det || s.cap(i + 1))
        && !has(&["her", "his", "its", "their", "our", "my", "your"], s.low(i + 1))
        && matches!(s.low(i), "said" | "says" | "added" | "wrote" | "noted")
}

/// Attributions in one sentence, without pronoun resolution.
pub fn attributions_in(text: &str, sentence: Range<usize>) -> Vec<Attribution> {
    let s = Sent::new(text, sentence);
    find_in_sentence(&s, &DocContext::default())
}

/// Attributions in each sentence of `text` (sentences from crate::text::sentences), in text
/// order; pronouns resolved where possible.
pub fn find_attributions(text: &str, sentences: &[Range<usize>]) -> Vec<Attribution> {
    let sentences: Vec<Range<usize>> = sentences
        .iter()
        .filter(|r| {
            r.start <= r.end && r.end <= text.len() && text.is_char_boundary(r.start) && text.is_char_boundary(r.end)
        })
        .cloned()
        .collect();
    let ctx = DocContext::new(text, &sentences);
    let mut out = Vec::new();
    for r in &sentences {
        let s = Sent::new(text, r.clone());
        out.extend(find_in_sentence(&s, &ctx));
    }
    resolve_with(text, &sentences, &ctx, &mut out);
    out
}

// ---------------------------------------------------------------------------------------------
// Pronouns.

/// Replaces pronoun agents by the nearest fitting antecedent: earlier in the same sentence
/// (the last mention), else in the previous one or two sentences (the first mention, usually the
/// subject). `he`/`she` take people and offices, `it` takes bodies, `they` either. The `pronoun`
/// flag stays set so callers know the agent was inferred.
pub fn resolve_pronouns(text: &str, sentences: &[Range<usize>], attributions: &mut [Attribution]) {
    resolve_with(text, sentences, &DocContext::new(text, sentences), attributions);
}

/// How far before a pronoun (in its sentence or the one before) an antecedent is looked for:
/// far beyond real sentences, so only runaway ones (text without punctuation) are cut.
const REACH: usize = 4_000;

fn resolve_with(text: &str, sentences: &[Range<usize>], ctx: &DocContext, attributions: &mut [Attribution]) {
    // The attributions of each sentence, looked up instead of scanned for every pronoun (the
    // scans made a long document quadratic). Resolving changes agents, never sentences.
    let mut by_sentence: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for (i, a) in attributions.iter().enumerate() {
        by_sentence.entry((a.sentence.start, a.sentence.end)).or_default().push(i);
    }
    let of = |r: &Range<usize>| by_sentence.get(&(r.start, r.end)).map_or(&[][..], Vec::as_slice);
    for idx in 0..attributions.len() {
        let at = &attributions[idx];
        if !at.agent.pronoun || !has(PRONOUNS, &fold(&at.agent.text)) {
            continue;
        }
        let want = match fold(&at.agent.text).as_str() {
            "he" | "she" | "him" | "his" | "her" => Want::Person,
            "it" | "its" => Want::Body,
            "they" | "them" | "their" => Want::Any,
            _ => continue,
        };
        // Sentences are sorted and disjoint: the one holding the pronoun is found by search.
        let si = sentences.partition_point(|r| r.end < at.agent.span.end);
        if !sentences.get(si).is_some_and(|r| r.start <= at.agent.span.start && at.agent.span.end <= r.end) {
            continue;
        }
        let mut exclude: Vec<Range<usize>> = Vec::new();
        if let Some((r, _)) = &at.recipient {
            exclude.push(r.clone());
        }
        let limit = at.agent.span.start;
        let mut pick = None;
        // Same sentence, before the pronoun: the last mention.
        // A runaway sentence (no punctuation for pages) is read near the pronoun only.
        let near = |r: &Range<usize>, at: Range<usize>| crate::span::near(text, r.clone(), at, REACH);
        let same_known: Vec<&Attribution> = of(&sentences[si]).iter().map(|&i| &attributions[i]).collect();
        let same = candidates(text, near(&sentences[si], at.agent.span.clone()), ctx, want, &same_known, &exclude);
        if let Some(c) = same.into_iter().rfind(|a| a.span.end <= limit) {
            pick = Some(c);
        }
        for back in 1..=2 {
            if pick.is_some() || si < back {
                break;
            }
            let r = sentences[si - back].clone();
            let known: Vec<&Attribution> = of(&r).iter().map(|&i| &attributions[i]).collect();
            let found = candidates(text, near(&r, r.end..r.end), ctx, want, &known, &exclude);
            // `X, the owner of the Hotel Y, said …. She said …`: the one who spoke last speaks
            // on, whatever other names stand before it.
            let speaker =
                found.iter().rfind(|c| known.iter().any(|a| !a.agent.pronoun && a.agent.span == c.span)).cloned();
            pick = speaker.or_else(|| found.into_iter().next());
        }
        if let Some(mut c) = pick {
            c.pronoun = true;
            attributions[idx].agent = c;
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Want {
    Person,
    Body,
    Any,
}

/// Mentions in a sentence that a pronoun could stand for, in text order.
/// `known` are the attributions of that sentence; `r` may be the part of it near the pronoun.
fn candidates(
    text: &str,
    r: Range<usize>,
    ctx: &DocContext,
    want: Want,
    known: &[&Attribution],
    exclude: &[Range<usize>],
) -> Vec<Agent> {
    let s = Sent::new(text, r.clone());
    let fits = |a: &Agent| match want {
        Want::Person => a.person.is_some() || a.title.is_some(),
        Want::Body => a.organisation.is_some() && a.person.is_none(),
        Want::Any => a.organisation.is_some() || a.person.is_some() || a.title.is_some(),
    };
    let mut out: Vec<Agent> =
        known.iter().filter(|a| !a.agent.pronoun && fits(&a.agent)).map(|a| a.agent.clone()).collect();
    let mut i = 0;
    while i < s.n() {
        if !s.cap(i) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < s.n() && !s.brk(j) && (s.cap(j) || (s.kind(j) == Kind::Connector && s.cap(j + 1) && j + 1 < s.n())) {
            j += 1;
        }
        let mut a = i;
        while a < j && (has(STOPS, s.low(a)) || has(DETS, s.low(a))) && !is_acronym(s.t[a].s) {
            a += 1;
        }
        if a < j {
            let span = s.span(a, j);
            if !exclude.iter().any(|e| e.start <= span.start && span.end <= e.end) {
                if let Some(ag) = make_agent(&s, a, j, ctx) {
                    if fits(&ag) && !out.iter().any(|o| o.span == ag.span) {
                        out.push(ag);
                    }
                }
            }
        }
        i = j;
    }
    out.sort_by_key(|a| (a.span.start, a.span.end));
    out
}

// ---------------------------------------------------------------------------------------------
// Identity.

/// Comparable form of an office or body: content words, the country it belongs to, and the
/// distinctive proper words (`Unity` of `the Unity bloc`).
#[derive(Debug, Default, PartialEq, Eq)]
struct Key {
    words: BTreeSet<String>,
    country: Option<&'static str>,
    names: BTreeSet<String>,
    acronym: Option<String>,
    initials: String,
}

fn key(s: &str) -> Key {
    // Expand abbreviations while case still tells `US` from `us`.
    let mut toks: Vec<(String, bool)> = Vec::new();
    for w in words_in(s, 0..s.len()) {
        let raw = strip_possessive(w.text);
        let expanded: Option<&[&str]> = match raw.trim_end_matches('.') {
            "UN" | "U.N" => Some(&["united", "nations"]),
            "US" | "U.S" | "USA" | "U.S.A" => Some(&["united", "states"]),
            "UK" | "U.K" => Some(&["united", "kingdom"]),
            "EU" | "E.U" => Some(&["european", "union"]),
            "MFA" => Some(&["ministry", "foreign", "affairs"]),
            _ => None,
        };
        if let Some(e) = expanded {
            toks.extend(e.iter().map(|x| (x.to_string(), false)));
            continue;
        }
        let cap = raw.chars().next().is_some_and(|c| c.is_uppercase());
        if is_acronym(raw) {
            toks.push((fold(raw), true));
            continue;
        }
        for part in fold(raw).split(['-', '‐']) {
            if !part.is_empty() {
                toks.push((part.to_string(), cap));
            }
        }
    }
    let mut k = Key::default();
    let plain: Vec<&str> = toks.iter().map(|(t, _)| t.as_str()).collect();
    let mut skip = vec![false; toks.len()];
    // Countries, longest first (`united states of america`, `russian federation`).
    for len in (1..=4).rev() {
        for st in 0..toks.len().saturating_sub(len - 1) {
            if skip[st..st + len].iter().any(|x| *x) {
                continue;
            }
            if let Some(c) = country_of(&plain[st..st + len].join(" ")) {
                if k.country.is_none() {
                    k.country = Some(c);
                }
                if k.country == Some(c) {
                    skip[st..st + len].iter_mut().for_each(|x| *x = true);
                }
            }
        }
    }
    let originals: Vec<&str> = words_in(s, 0..s.len()).into_iter().map(|w| w.text).collect();
    if originals.len() == 1 && is_acronym(originals[0]) {
        k.acronym = Some(originals[0].replace('.', "").to_lowercase());
    }
    k.initials = originals
        .iter()
        .filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_lowercase)
        .collect();
    for (i, (t, cap)) in toks.iter().enumerate() {
        if skip[i] || has(&["the", "a", "an", "of", "for", "at", "to", "and", "in", "on", "s", "republic"], t) {
            continue;
        }
        let t = match t.as_str() {
            "spokesman" | "spokeswoman" => "spokesperson",
            "chairman" | "chairwoman" | "chair" => "chairperson",
            "defense" => "defence",
            "block" => "bloc",
            "organisation" => "organization",
            "centre" => "center",
            "advisor" => "adviser",
            "secretarygeneral" => "secretary",
            other => other,
        };
        k.words.insert(t.to_string());
        if *cap && !has(TITLES, t) && !has(ORGS, t) && !has(DOMAIN, t) && !has(STOPS, t) && !has(VEHICLES, t) {
            k.names.insert(t.to_string());
        }
    }
    let w = &mut k.words;
    if (w.contains("ministry") || w.contains("minister")) && w.contains("foreign") {
        w.insert("affairs".into());
    }
    if w.contains("internal") && w.contains("affairs") {
        w.remove("internal");
        w.remove("affairs");
        w.insert("interior".into());
    }
    if w.remove("tank") {
        w.remove("think");
        w.insert("think-tank".into());
    }
    k
}

fn unresolved(a: &Agent) -> bool {
    a.pronoun && has(PRONOUNS, &fold(&a.text))
}

fn vague(a: &Agent) -> bool {
    a.person.is_none() && a.title.is_none() && a.organisation.is_none()
}

/// Compares two personal names: the same surname and compatible first names.
fn person_relation(a: &str, b: &str) -> AgentRelation {
    let toks = |s: &str| -> Vec<String> {
        words_in(s, 0..s.len())
            .into_iter()
            .map(|w| fold(strip_possessive(w.text)))
            .filter(|w| !has(TITLES, w) && !has(NAME_PARTICLES, w))
            .collect()
    };
    let (x, y) = (toks(a), toks(b));
    let (Some(sx), Some(sy)) = (x.last(), y.last()) else { return AgentRelation::Unknown };
    let firsts_agree = match (x.first(), y.first()) {
        _ if x.len() == 1 || y.len() == 1 => true,
        (Some(f), Some(g)) => f == g || (f.len() == 1 || g.len() == 1) && f.chars().next() == g.chars().next(),
        _ => true,
    };
    if sx == sy {
        // First names spelled two ways (`Mahmood`/`Mahmud`) are a spelling question.
        let similar_firsts = match (x.first(), y.first()) {
            (Some(f), Some(g)) => f.len() >= 3 && g.len() >= 3 && strsim::jaro_winkler(f, g) >= 0.85,
            _ => false,
        };
        return if firsts_agree {
            AgentRelation::Same
        } else if similar_firsts {
            AgentRelation::Unknown
        } else {
            AgentRelation::Different
        };
    }
    // A transliteration variant of one surname is a spelling question, not another person
    // (`Kocharyan`/`Kocharian`, Wade-Giles `Chiang` for pinyin `Qiang`).
    if firsts_agree && (strsim::normalized_levenshtein(sx, sy) >= 0.75 || strsim::jaro_winkler(sx, sy) >= 0.8) {
        return AgentRelation::Unknown;
    }
    AgentRelation::Different
}

/// Compares two offices or two bodies.
fn key_relation(x: &Key, y: &Key) -> AgentRelation {
    if let (Some(c), Some(d)) = (x.country, y.country) {
        if c != d {
            return AgentRelation::Different;
        }
    }
    let country_only = |k: &Key| k.words.is_empty() && k.names.is_empty() && k.country.is_some();
    if country_only(x) || country_only(y) {
        return if x.words == y.words { AgentRelation::Same } else { AgentRelation::Unknown };
    }
    if let Some(ac) = &x.acronym {
        if *ac == y.initials || y.acronym.as_ref() == Some(ac) {
            return AgentRelation::Same;
        }
    }
    if let Some(ac) = &y.acronym {
        if *ac == x.initials {
            return AgentRelation::Same;
        }
    }
    if !x.names.is_empty() && !y.names.is_empty() {
        return if x.names.intersection(&y.names).next().is_some() {
            AgentRelation::Same
        } else {
            AgentRelation::Different
        };
    }
    if x.words == y.words {
        return AgentRelation::Same;
    }
    if x.words.is_subset(&y.words) || y.words.is_subset(&x.words) {
        return AgentRelation::Unknown;
    }
    // A government and one of its ministries, or an unnamed body beside a named one.
    let generic = |k: &Key| {
        k.words.iter().all(|w| {
            has(&["government", "authorities", "authority", "state", "administration", "officials"], w)
                || has(DOMAIN, w)
        })
    };
    if generic(x) || generic(y) {
        return AgentRelation::Unknown;
    }
    AgentRelation::Different
}

/// Whether two agents are the same entity. `Unknown` when either is an unresolved pronoun or too
/// vague (`officials`, `the report`), or when the evidence is only partial (`the ministry's
/// spokesperson` against `the ministry`).
pub fn same_agent(a: &Agent, b: &Agent) -> AgentRelation {
    use AgentRelation::*;
    if unresolved(a) || unresolved(b) || vague(a) || vague(b) {
        return Unknown;
    }
    let (ka, kb) = (key(&a.text), key(&b.text));
    if ka.words == kb.words && ka.country == kb.country && !ka.words.is_empty() {
        return Same;
    }
    // A bare surname read as a name of a body (`Merkel said`) against the full name.
    let surname = |x: &Agent| {
        x.person.as_deref().and_then(|p| words_in(p, 0..p.len()).last().map(|w| fold(strip_possessive(w.text))))
    };
    let lone = |x: &Agent| {
        let o = x.organisation.as_deref()?;
        let w = words_in(o, 0..o.len());
        (w.len() == 1 && x.person.is_none() && x.title.is_none() && !is_acronym(w[0].text)).then(|| fold(w[0].text))
    };
    if let (Some(p), Some(o)) = (surname(a), lone(b)) {
        if p == o {
            return Same;
        }
    }
    if let (Some(o), Some(p)) = (lone(a), surname(b)) {
        if p == o {
            return Same;
        }
    }
    let is_country = |x: &Agent| {
        x.person.is_none()
            && x.title.is_none()
            && x.organisation.as_deref().is_some_and(|o| {
                let k = key(o);
                k.words.is_empty() && k.names.is_empty() && k.country.is_some()
            })
    };
    match (&a.person, &b.person) {
        (Some(p), Some(q)) => person_relation(p, q),
        (Some(_), None) | (None, Some(_)) => {
            let (with, other) = if a.person.is_some() { (a, b) } else { (b, a) };
            if is_country(other) {
                Unknown
            } else if let Some(t) = &other.title {
                match &with.title {
                    Some(u) => key_relation(&key(t), &key(u)),
                    None => Unknown,
                }
            } else if other.organisation.is_some() {
                Different
            } else {
                Unknown
            }
        }
        (None, None) => match (&a.title, &b.title, &a.organisation, &b.organisation) {
            (Some(t), Some(u), _, _) => {
                // `X's spokesperson` against `Y's spokesperson`: the owners decide.
                let r = key_relation(&key(t), &key(u));
                if r == Same && (a.text.contains(['\'', '’']) || b.text.contains(['\'', '’'])) {
                    key_relation(&ka, &kb)
                } else {
                    r
                }
            }
            (None, None, Some(o), Some(p)) => key_relation(&key(o), &key(p)),
            (Some(_), None, _, Some(_)) | (None, Some(_), Some(_), _) => {
                if is_country(a) || is_country(b) {
                    Unknown
                } else if owned_by_body(&a.text) || owned_by_body(&b.text) {
                    // `the ministry's spokesperson` speaks for the ministry; `Qatar's emir` is an
                    // office of a country, not of the other body.
                    Unknown
                } else {
                    Different
                }
            }
            _ => Unknown,
        },
    }
}

/// Whether a phrase holds a possessive whose owner is not a country (`the ministry's
/// spokesperson`, not `Qatar's emir`).
fn owned_by_body(text: &str) -> bool {
    words_in(text, 0..text.len()).iter().any(|w| {
        let low = fold(w.text).replace('’', "'");
        is_possessive(&low) && country_of(strip_possessive(&low)).is_none()
    })
}

/// Same recipient (after folding: `the UN Secretary General` = `the Secretary-General of the
/// United Nations` = `UN Secretary-General`).
pub fn same_recipient(a: &str, b: &str) -> bool {
    let (x, y) = (key(a), key(b));
    if x.words.is_empty() || y.words.is_empty() {
        return false;
    }
    if let (Some(c), Some(d)) = (x.country, y.country) {
        if c != d {
            return false;
        }
    }
    if x.words == y.words {
        return true;
    }
    // `the Secretary-General` and `the UN Secretary-General`: only qualifiers differ.
    let qualifier = |w: &String| has(&["united", "nations", "european", "union", "general"], w);
    let (small, big) = if x.words.len() <= y.words.len() { (&x.words, &y.words) } else { (&y.words, &x.words) };
    small.is_subset(big) && big.difference(small).all(qualifier) && small.iter().any(|w| has(TITLES, w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::sentences;
    use AgentRelation::*;

    fn all(text: &str) -> Vec<Attribution> {
        find_attributions(text, &sentences(text))
    }

    /// The only attribution in `text`.
    fn one(text: &str) -> Attribution {
        let v = all(text);
        assert_eq!(v.len(), 1, "{text}: {v:#?}");
        v.into_iter().next().unwrap()
    }

    fn check(text: &str, agent: &str, verb: &str, recipient: Option<&str>) -> Attribution {
        let a = one(text);
        assert_eq!(a.agent.text, agent, "{text}");
        assert_eq!(a.verb, verb, "{text}");
        assert_eq!(a.recipient.as_ref().map(|r| r.1.as_str()), recipient, "{text}");
        if let Some((r, t)) = &a.recipient {
            assert_eq!(&text[r.clone()], t);
        }
        assert_eq!(&text[a.agent.span.clone()], a.agent.text);
        a
    }

    fn content<'a>(text: &'a str, a: &Attribution) -> &'a str {
        &text[a.content.clone().expect("content")]
    }

    fn agent(phrase: &str) -> Agent {
        one(&format!("{phrase} said that the talks would resume.")).agent
    }

    // ---- extraction ----------------------------------------------------------------------

    #[test]
    fn a_role_of_a_named_place_before_the_speaker() {
        for t in [
            "The owner of the Hotel Linde, Anna Weber, said bookings had fallen.",
            "Anna Weber, who owns the Hotel Linde, said bookings had fallen.",
            "Anna Weber, who runs the Hotel Linde in the valley, said bookings had fallen.",
            "Bookings fell. The owner of the Hotel Linde, Anna Weber, said so. She said July looked better.",
            "Shops felt it. Anna Weber, who owns the Hotel Linde, said her bookings dropped. She said July looked better.",
        ] {
            let found = find_attributions(t, &crate::text::sentences(t));
            assert!(!found.is_empty(), "{t}");
            for a in &found {
                assert!(a.agent.text.contains("Anna Weber"), "{t}: {:?}", a.agent);
            }
        }
    }

    #[test]
    fn plain_said_that() {
        let t = "The Foreign Ministry of Norway said that talks would resume in June.";
        let a = check(t, "Foreign Ministry of Norway", "say", None);
        assert_eq!(a.agent.organisation.as_deref(), Some("Foreign Ministry of Norway"));
        assert_eq!(content(t, &a), "talks would resume in June.");
    }

    #[test]
    fn title_and_name_without_comma() {
        let a = check(
            "Prime Minister Erna Solberg says the budget is balanced.",
            "Prime Minister Erna Solberg",
            "say",
            None,
        );
        assert_eq!(a.agent.person.as_deref(), Some("Erna Solberg"));
        assert_eq!(a.agent.title.as_deref(), Some("Prime Minister"));
    }

    #[test]
    fn in_a_letter_to_recipient() {
        let t = "In a letter to the UN Secretary-General, the Ministry of Foreign Affairs of Chile stated that the border was closed.";
        let a = check(t, "Ministry of Foreign Affairs of Chile", "state", Some("the UN Secretary-General"));
        assert_eq!(a.vehicle.as_deref(), Some("letter"));
        assert_eq!(content(t, &a), "the border was closed.");
    }

    #[test]
    fn in_the_letter_of_agent_to_recipient_it_is_mentioned() {
        let t = "In the letter of the Prime Minister of Peru, Ana Torres, to the Secretary-General of the United Nations, it is mentioned about the fall in exports.";
        let a = check(
            t,
            "Prime Minister of Peru, Ana Torres",
            "mention",
            Some("the Secretary-General of the United Nations"),
        );
        assert_eq!(a.agent.person.as_deref(), Some("Ana Torres"));
        assert_eq!(a.agent.title.as_deref(), Some("Prime Minister of Peru"));
        assert_eq!(a.vehicle.as_deref(), Some("letter"));
        assert_eq!(content(t, &a), "the fall in exports.");
    }

    #[test]
    fn possessive_letter_to_says() {
        let a = check(
            "Greenpeace's letter to the European Commission says the permits are unlawful.",
            "Greenpeace",
            "say",
            Some("the European Commission"),
        );
        assert_eq!(a.vehicle.as_deref(), Some("letter"));
    }

    #[test]
    fn according_to_first() {
        let t = "According to the World Health Organization, the outbreak is slowing.";
        let a = check(t, "World Health Organization", "according to", None);
        assert_eq!(content(t, &a), "the outbreak is slowing.");
    }

    #[test]
    fn according_to_last_is_vague() {
        let t = "The outbreak is slowing, according to health officials.";
        let a = check(t, "health officials", "according to", None);
        assert_eq!(a.agent.organisation, None);
        assert_eq!(content(t, &a), "The outbreak is slowing");
    }

    #[test]
    fn according_to_a_report_from() {
        let a = check(
            "According to a report from the research group Conflict Watch, attacks doubled last year.",
            "research group Conflict Watch",
            "according to",
            None,
        );
        assert_eq!(a.vehicle.as_deref(), Some("report"));
        assert_eq!(a.agent.organisation.as_deref(), Some("Conflict Watch"));
    }

    #[test]
    fn according_to_name_with_apposition() {
        let a = check(
            "According to Lena Holm, chief economist of Nordbank, inflation will ease.",
            "Lena Holm, chief economist of Nordbank",
            "according to",
            None,
        );
        assert_eq!(a.agent.person.as_deref(), Some("Lena Holm"));
        assert_eq!(a.agent.title.as_deref(), Some("chief economist of Nordbank"));
    }

    #[test]
    fn quote_then_agent_said() {
        let t = "\"We will not back down,\" the mayor said.";
        let a = check(t, "mayor", "say", None);
        assert_eq!(content(t, &a), "\"We will not back down,\"");
        assert_eq!(a.agent.title.as_deref(), Some("mayor"));
    }

    #[test]
    fn quote_then_said_agent() {
        let t = "\"We will not back down,\" said Maria Lopez, the city's mayor.";
        let a = check(t, "Maria Lopez, the city's mayor", "say", None);
        assert_eq!(a.agent.person.as_deref(), Some("Maria Lopez"));
        assert_eq!(content(t, &a), "\"We will not back down,\"");
    }

    #[test]
    fn spokesperson_for_told_recipient() {
        let a = check(
            "A spokesperson for the Kremlin told reporters that no decision had been made.",
            "spokesperson for the Kremlin",
            "tell",
            Some("reporters"),
        );
        assert_eq!(a.agent.title.as_deref(), Some("spokesperson for the Kremlin"));
    }

    #[test]
    fn possessive_spokesperson() {
        let a = check("The Kremlin's spokesperson said the talks were useful.", "Kremlin's spokesperson", "say", None);
        assert_eq!(a.agent.title.as_deref(), Some("spokesperson"));
        assert_eq!(a.agent.organisation, None);
    }

    #[test]
    fn statement_issued_by_said() {
        let a = check(
            "A statement issued by the Ministry of Defence of Ukraine said two drones were shot down.",
            "Ministry of Defence of Ukraine",
            "say",
            None,
        );
        assert_eq!(a.vehicle.as_deref(), Some("statement"));
    }

    #[test]
    fn declaration_made_by() {
        let t = "He quoted the declaration made by President Macron on 3 May, \"Europe must defend itself\".";
        let a = check(t, "President Macron", "make", None);
        assert_eq!(a.vehicle.as_deref(), Some("declaration"));
    }

    #[test]
    fn officials_are_vague() {
        let a = check("Officials said the road would reopen on Monday.", "Officials", "say", None);
        assert!(vague(&a.agent));
    }

    #[test]
    fn the_report_said_is_vague() {
        let a = check("The report said that emissions rose by a third.", "report", "say", None);
        assert_eq!(a.agent.organisation, None);
        assert_eq!(a.vehicle.as_deref(), Some("report"));
    }

    #[test]
    fn name_comma_title_comma_said_in_a_statement() {
        let a = check(
            "Anna Berg, the foreign minister of Sweden, said in a statement that the embassy would close.",
            "Anna Berg, the foreign minister of Sweden",
            "say",
            None,
        );
        assert_eq!(a.vehicle.as_deref(), Some("statement"));
        assert_eq!(a.agent.title.as_deref(), Some("foreign minister of Sweden"));
    }

    #[test]
    fn title_comma_name_comma_said() {
        let a = check(
            "The Swedish foreign minister, Anna Berg, said the embassy would close.",
            "Swedish foreign minister, Anna Berg",
            "say",
            None,
        );
        assert_eq!(a.agent.person.as_deref(), Some("Anna Berg"));
    }

    #[test]
    fn parenthetical_in_a_statement() {
        let a = check("The union, in a statement, denied any wrongdoing.", "union", "deny", None);
        assert_eq!(a.vehicle.as_deref(), Some("statement"));
    }

    #[test]
    fn media_reported_that() {
        check("Reuters reported that the plant had been closed.", "Reuters", "report", None);
    }

    #[test]
    fn trailing_media_reports() {
        let t = "The plant had been closed since March, Reuters reports.";
        let a = check(t, "Reuters", "report", None);
        assert_eq!(content(t, &a), "The plant had been closed since March");
        assert_eq!(a.agent.organisation.as_deref(), Some("Reuters"));
    }

    #[test]
    fn description_apposition_is_not_the_agent() {
        check("Le Monde, a French daily, reported that the deal was signed.", "Le Monde", "report", None);
    }

    #[test]
    fn passive_told_by() {
        check(
            "The senator was told by the White House that the bill would be vetoed.",
            "White House",
            "tell",
            Some("The senator"),
        );
    }

    #[test]
    fn reduced_passive_by() {
        check("The mines reported by Norway were made in 2021.", "Norway", "report", None);
    }

    #[test]
    fn passive_announced_by() {
        check(
            "It was announced by the Ministry of Health that schools will reopen.",
            "Ministry of Health",
            "announce",
            None,
        );
    }

    #[test]
    fn published_a_report_stating() {
        let a = check(
            "The Greek government published a report on Friday stating that arrivals had doubled.",
            "Greek government",
            "state",
            None,
        );
        assert_eq!(a.vehicle.as_deref(), Some("report"));
        assert_eq!(a.agent.organisation.as_deref(), Some("Greek government"));
    }

    #[test]
    fn addressed_and_said() {
        check(
            "The ambassador addressed the Security Council and said that the ceasefire was holding.",
            "ambassador",
            "say",
            Some("the Security Council"),
        );
    }

    #[test]
    fn pointed_out_and_points_to() {
        check("John Smith pointed out that the figures were provisional.", "John Smith", "point", None);
        let a = check(
            "The chair of the committee, Ruth Adams, points to the rising costs of energy.",
            "chair of the committee, Ruth Adams",
            "point",
            None,
        );
        assert_eq!(a.agent.person.as_deref(), Some("Ruth Adams"));
    }

    #[test]
    fn told_recipient_then_colon_quote() {
        let t = "The minister told parliament: \"We will act.\"";
        let a = check(t, "minister", "tell", Some("parliament"));
        assert_eq!(content(t, &a), "\"We will act.\"");
    }

    #[test]
    fn letter_sent_to_with_pronoun_resolved() {
        let t = "Karl Weber was the German envoy to NATO. In a letter sent to the Secretary General of NATO in May 2021, he wrote that the plan was flawed.";
        let a = one(t);
        assert_eq!(a.agent.text, "Karl Weber");
        assert!(a.agent.pronoun);
        assert_eq!(a.verb, "write");
        assert_eq!(a.vehicle.as_deref(), Some("letter"));
        assert_eq!(a.recipient.map(|r| r.1).as_deref(), Some("the Secretary General of NATO"));
    }

    #[test]
    fn pronoun_in_same_sentence_and_unresolved() {
        let a = one("When Maria Lopez took office, she said the city was bankrupt.");
        assert_eq!(a.agent.text, "Maria Lopez");
        let b = one("She said nothing more.");
        assert_eq!(b.agent.text, "She");
        assert!(b.agent.pronoun);
    }

    #[test]
    fn it_resolves_to_a_body() {
        let t = "The European Commission opened an inquiry last week. It said the merger would raise prices.";
        let a = one(t);
        assert_eq!(a.agent.text, "European Commission");
        assert!(a.agent.pronoun);
    }

    #[test]
    fn place_after_agent_and_participle_phrase() {
        let a = check("Police in Oslo confirmed the arrest.", "Police in Oslo", "confirm", None);
        assert!(vague(&a.agent));
        let b =
            check("The Unity bloc led by Jan Novak condemned the \"reckless\" budget.", "Unity bloc", "condemn", None);
        assert_eq!(b.agent.organisation.as_deref(), Some("Unity bloc"));
        let c = check(
            "The parliamentary bloc \"Unity\", led by Jan Novak, condemned the budget.",
            "parliamentary bloc \"Unity\"",
            "condemn",
            None,
        );
        assert_eq!(same_agent(&b.agent, &c.agent), Same);
    }

    #[test]
    fn more_appositions_and_relatives() {
        check(
            "The talks stalled, and the mediator, a retired Swiss diplomat, said he would step down.",
            "mediator",
            "say",
            None,
        );
        let a = check(
            "The European Commission president, Ursula von der Leyen, wrote to member states on Monday.",
            "European Commission president, Ursula von der Leyen",
            "write",
            Some("member states"),
        );
        assert_eq!(a.agent.person.as_deref(), Some("Ursula von der Leyen"));
        let d = check("Doctors who treated the victims said the wounds were severe.", "Doctors", "say", None);
        assert!(vague(&d.agent));
        let s = check(
            "A source close to the negotiations told the newspaper that a deal was near.",
            "source close to the negotiations",
            "tell",
            Some("the newspaper"),
        );
        assert!(vague(&s.agent));
    }

    #[test]
    fn coordination_with_but_and_vehicle_after_told() {
        let v = all("The White House confirmed the visit but denied that a deal had been reached.");
        assert_eq!(v.len(), 2);
        assert!(v
            .iter()
            .all(|a| a.agent.text == "White House" && a.agent.organisation.as_deref() == Some("White House")));
        assert_eq!(v[1].verb, "deny");
        let t = check(
            "The governor, Maria Santos, told a news conference that rates would rise.",
            "governor, Maria Santos",
            "tell",
            None,
        );
        assert_eq!(t.vehicle.as_deref(), Some("conference"));
        let r = check(
            "Speaking to reporters in Brussels, the commissioner said Europe would respond.",
            "commissioner",
            "say",
            Some("reporters"),
        );
        assert_eq!(r.vehicle, None);
    }

    #[test]
    fn relative_clause_who_said() {
        check("The minister, who said the plan was flawed, resigned on Friday.", "minister", "say", None);
    }

    #[test]
    fn acronym_in_brackets_and_data_of() {
        let a = check(
            "According to the data of the International Energy Agency (IEA), demand fell.",
            "International Energy Agency (IEA)",
            "according to",
            None,
        );
        assert_eq!(a.vehicle.as_deref(), Some("data"));
    }

    #[test]
    fn precision_no_reporting_verb() {
        for t in [
            "The so-called peace plan was rejected by both sides.",
            "The said agreement expired in May.",
            "The reported cases rose sharply in the north.",
            "The company added 300 jobs last year.",
            "Member states disagree about the budget.",
            "The United States imposed new sanctions.",
            "It is said to be the oldest bridge in the region.",
            "The mines were laid after the war ended in 2020.",
            "All told, the trip took five hours.",
            "The minister did not say whether the talks would resume.",
            "The fire claimed the lives of four people.",
            "Farmers planted wheat and barley across the valley.",
            "The notes were found in a drawer.",
            "The decision, announced on Friday, affects 2,000 workers.",
            "The army denied entry to journalists.",
            "The Baltic states have increased defence spending.",
            "News reports about the merger were wide of the mark.",
            "His claims about the election have been debunked.",
            "The team scored 20 points in the second half.",
            "The newly announced measures include a curfew.",
            "Published in 2019, the study was widely cited.",
            "Five people were reported missing.",
            "In a surprise move, the bank cut rates.",
        ] {
            assert!(all(t).is_empty(), "{t}: {:#?}", all(t));
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in [
            "",
            "said",
            "“",
            "Said.",
            "— said —",
            "According to",
            "according to ,",
            "In a letter to",
            "Ünïcödé said “ü”, Zürich’s",
        ] {
            let _ = all(t);
        }
        // Ranges that are not char boundaries are ignored, not sliced.
        let t = "Zürich said so.";
        let _ = find_attributions(t, &[0..2, 1..5, 0..100]);
    }

    // ---- identity ------------------------------------------------------------------------

    #[test]
    fn ministry_forms_are_the_same() {
        let a = agent("The Ministry of Foreign Affairs of Valdoria");
        assert_eq!(same_agent(&a, &agent("The Valdorian foreign ministry")), Same);
        assert_eq!(same_agent(&a, &agent("The Ministry of Foreign Affairs")), Same);
        assert_eq!(same_agent(&agent("The Foreign Ministry"), &agent("The Ministry of Foreign Affairs")), Same);
        assert_eq!(same_agent(&a, &agent("Valdoria's Ministry of Foreign Affairs")), Same);
    }

    #[test]
    fn ministries_of_other_countries_or_domains_differ() {
        let a = agent("The Ministry of Foreign Affairs of France");
        assert_eq!(same_agent(&a, &agent("The Ministry of Foreign Affairs of Germany")), Different);
        assert_eq!(same_agent(&a, &agent("The French Ministry of Defence")), Different);
    }

    #[test]
    fn person_with_title_differs_from_a_ministry() {
        let a = agent("The President of Valdoria, Idris Malkov,");
        assert_eq!(a.text, "President of Valdoria, Idris Malkov");
        assert_eq!(same_agent(&a, &agent("The Ministry of Foreign Affairs of Valdoria")), Different);
        assert_eq!(same_agent(&agent("Foreign Minister Anna Berg"), &agent("The Swedish foreign ministry")), Different);
    }

    #[test]
    fn office_against_body_differs() {
        assert_eq!(same_agent(&agent("The President"), &agent("The Ministry of Foreign Affairs")), Different);
    }

    #[test]
    fn united_nations_abbreviations() {
        let a = agent("The UN");
        assert_eq!(same_agent(&a, &agent("The United Nations")), Same);
        assert_eq!(same_agent(&a, &agent("The U.N.")), Same);
    }

    #[test]
    fn person_names() {
        let m = agent("Angela Merkel");
        assert_eq!(same_agent(&m, &agent("Merkel")), Same);
        assert_eq!(same_agent(&m, &agent("A. Merkel")), Same);
        assert_eq!(same_agent(&m, &agent("Markus Merkel")), Different);
        assert_eq!(same_agent(&agent("John Smith"), &agent("Mary Jones")), Different);
        assert_eq!(same_agent(&agent("President Macron"), &agent("Emmanuel Macron")), Same);
        // A transliteration variant is a spelling question, not another person.
        assert_eq!(same_agent(&agent("Idris Malkov"), &agent("Idris Malkow")), Unknown);
    }

    #[test]
    fn same_person_different_title_is_same_agent() {
        let a = agent("The representative of Norway at the UN, Ola Nordmann,");
        assert_eq!(same_agent(&a, &agent("Ola Nordmann")), Same);
    }

    #[test]
    fn unresolved_pronoun_and_vague_are_unknown() {
        let m = agent("The Ministry of Health");
        assert_eq!(same_agent(&agent("He"), &m), Unknown);
        assert_eq!(same_agent(&agent("Officials"), &m), Unknown);
        assert_eq!(same_agent(&agent("The report"), &m), Unknown);
        assert_eq!(same_agent(&agent("Sources"), &agent("Sources")), Unknown);
    }

    #[test]
    fn spokesperson_and_owner_are_unknown() {
        assert_eq!(same_agent(&agent("The Kremlin's spokesperson"), &agent("The Kremlin")), Unknown);
        assert_eq!(same_agent(&agent("The Kremlin's spokesman"), &agent("The Kremlin's spokesperson")), Same);
    }

    #[test]
    fn acronym_and_expansion() {
        let a = agent("The Collective Security Treaty Organization");
        assert_eq!(same_agent(&a, &agent("CSTO")), Same);
        assert_eq!(same_agent(&agent("Greenpeace"), &agent("Amnesty International")), Different);
    }

    #[test]
    fn offices_by_country_form() {
        assert_eq!(same_agent(&agent("The French president"), &agent("The President of France")), Same);
        assert_eq!(same_agent(&agent("The French president"), &agent("The German president")), Different);
        let a = agent("The representative of Norway at the UN");
        assert_eq!(same_agent(&a, &agent("The Norwegian representative at the UN")), Same);
        let named = agent("The President of France, Emmanuel Macron,");
        assert_eq!(same_agent(&named, &agent("The French president")), Same);
    }

    #[test]
    fn country_against_its_ministry_is_unknown() {
        assert_eq!(same_agent(&agent("Norway"), &agent("The Norwegian foreign ministry")), Unknown);
        assert_eq!(same_agent(&agent("Norway"), &agent("The Swedish foreign ministry")), Different);
    }

    #[test]
    fn recipients() {
        assert!(same_recipient("the UN Secretary General", "the Secretary-General of the United Nations"));
        assert!(same_recipient("UN Secretary-General", "the Secretary General of the UN"));
        assert!(same_recipient("the Secretary-General", "the UN Secretary-General"));
        assert!(!same_recipient("the UN Secretary-General", "the UN Security Council"));
        assert!(!same_recipient("the French president", "the German president"));
        assert!(!same_recipient("", "the UN"));
    }

    #[test]
    fn surname_after_a_compound_office_is_a_person() {
        let t = "Transport Minister Ilse Varga opened the bridge. \"It will carry trams,\" Varga said.";
        let v = all(t);
        let last = v.last().expect("attribution");
        assert_eq!(last.agent.person.as_deref(), Some("Varga"), "{v:#?}");
        // A bare role may be that person: no conflict.
        assert_eq!(same_agent(&last.agent, &agent("The minister")), Unknown);
    }

    #[test]
    fn an_office_of_a_country_is_not_a_body_spokesperson() {
        let emir = agent("Norway's King");
        assert_eq!(same_agent(&emir, &agent("The Norwegian Foreign Ministry")), Different);
        // A role owned by a body speaks for that body.
        assert_eq!(same_agent(&agent("The ministry's spokesman"), &agent("The Foreign Ministry")), Unknown);
    }

    #[test]
    fn transliterated_surnames_are_not_other_people() {
        assert_eq!(same_agent(&agent("Liu Qiang"), &agent("Liu Chiang")), Unknown);
        assert_eq!(same_agent(&agent("Mark Jones"), &agent("Mark James")), Different);
        assert_eq!(same_agent(&agent("Wang Lei"), &agent("Wang Li")), Different);
        assert_eq!(same_agent(&agent("Mahmood Bello"), &agent("Mahmud Bello")), Unknown);
        assert_eq!(same_agent(&agent("Angela Merkel"), &agent("Markus Merkel")), Different);
    }
}
