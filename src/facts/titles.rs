//! Office titles given to people: who is called *what*.
//!
//! Finds person–title pairs in English news prose and normalises the titles so that two documents
//! can be compared. It matters because a person given two different offices (one article calls
//! someone the country's president, another its foreign minister) is a factual discrepancy, while
//! the same office written two ways (`the Valdorian representative at the UN` and `the
//! representative of Valdoria at the UN`) is not.
//!
//! ```text
//! "The President of Valdoria, Idris Malkov, wrote ..."  -> Idris Malkov : President of Valdoria
//! "Foreign Minister Idris Malkov said ..."                -> Idris Malkov : Foreign Minister
//! title_key("President of Valdoria") vs title_key("Foreign Minister") -> not compatible
//! ```
//!
//! Recognised shapes: appositives after (`X, the Y of Z,`) and before (`the Y of Z, X,`) the name,
//! possessives (`Acme's chief executive X`), title prefixes (`President X`), and copulas (`X was the
//! Y of Z`, `X, who is Y`, `X served as Y`). Titles are built around a closed list of office heads;
//! descriptions that are not offices (`politician`, `activist`, `expert`) are never titles.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use serde::Serialize;

use crate::text;

/// One person named with an office title in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TitleMention {
    /// Byte range of the person's name (without a possessive `'s`).
    pub person: Range<usize>,
    pub person_text: String,
    /// Byte range of the title phrase (without a leading article).
    pub title: Range<usize>,
    pub title_text: String,
    /// The title is not (or not yet) held at the time of writing: `former`, `ex-`, `the late`,
    /// `the then`, `incoming`, `-elect`, or told in the past tense (`X was the Y`).
    pub former: bool,
}

/// A title reduced to what identifies the office, for comparison.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TitleKey {
    /// Canonical office heads (`minister`, `chief executive`); two when joined by `and`.
    pub heads: Vec<String>,
    /// Rank words that make a different office (`deputy`, `vice`, `prime`, `assistant`).
    pub rank: Vec<String>,
    /// Canonical portfolios (`foreign affairs`, `defense`).
    pub portfolio: Vec<String>,
    /// Countries the office belongs to, by canonical name.
    pub countries: Vec<String>,
    /// Other organisations: lowercase name words, or acronyms in upper case (`UN`, `IAEA`).
    pub orgs: Vec<String>,
    /// Other descriptive words, ignored when comparing.
    pub modifiers: Vec<String>,
    /// `acting`, `interim`, `outgoing`: the office is held, whatever the qualifier.
    pub qualifiers: Vec<String>,
    /// Not a current office; compatible with anything.
    pub former: bool,
}

impl TitleKey {
    /// A readable normalised form, e.g. `minister of foreign affairs (valdoria)`.
    pub fn display(&self) -> String {
        let mut s = String::new();
        if self.former {
            s.push_str("former ");
        }
        for r in &self.rank {
            s.push_str(r);
            s.push(' ');
        }
        if self.heads.is_empty() {
            s.push_str("(no office)");
        } else {
            s.push_str(&self.heads.join(" and "));
        }
        if !self.portfolio.is_empty() {
            s.push_str(" of ");
            s.push_str(&self.portfolio.join(" and "));
        }
        let places: Vec<&str> = self.countries.iter().chain(self.orgs.iter()).map(String::as_str).collect();
        if !places.is_empty() {
            s.push_str(" (");
            s.push_str(&places.join(", "));
            s.push(')');
        }
        s
    }
}

// ---------------------------------------------------------------------------------------------
// Word tables. All closed, general lists: office heads, title modifiers, the world's countries.
// ---------------------------------------------------------------------------------------------

const CAP_ONLY: u8 = 1;
const ELECT: u8 = 2;

/// Office heads: folded words (hyphens as spaces), canonical class, rank implied, flags.
/// `CAP_ONLY` heads are ordinary words too (`general`, `major`), so they count only capitalised
/// and directly before a name.
const HEADS: &[(&str, &str, &str, u8)] = &[
    ("chief executive officer", "chief executive", "", 0),
    ("chief executive", "chief executive", "", 0),
    ("ceo", "chief executive", "", 0),
    ("chief financial officer", "chief financial officer", "", 0),
    ("cfo", "chief financial officer", "", 0),
    ("chief operating officer", "chief operating officer", "", 0),
    ("coo", "chief operating officer", "", 0),
    ("chief technology officer", "chief technology officer", "", 0),
    ("cto", "chief technology officer", "", 0),
    ("chief engineer", "engineer", "", 0),
    ("chief of staff", "chief of staff", "", 0),
    ("chief justice", "judge", "", 0),
    ("prime minister", "minister", "prime", 0),
    ("premier", "minister", "prime", 0),
    ("vice premier", "minister", "vice prime", 0),
    ("vice president", "president", "vice", 0),
    ("vice chairman", "chair", "vice", 0),
    ("vice chairwoman", "chair", "vice", 0),
    ("vice chair", "chair", "vice", 0),
    ("vice chancellor", "chancellor", "vice", 0),
    ("president elect", "president", "", ELECT),
    ("secretary general", "secretary general", "", 0),
    ("general secretary", "secretary general", "", 0),
    ("director general", "director general", "", 0),
    ("attorney general", "attorney general", "", 0),
    ("solicitor general", "solicitor general", "", 0),
    ("inspector general", "inspector general", "", 0),
    ("governor general", "governor general", "", 0),
    ("surgeon general", "surgeon general", "", 0),
    ("general counsel", "general counsel", "", 0),
    ("editor in chief", "editor", "", 0),
    ("commander in chief", "commander", "", 0),
    ("press secretary", "spokesperson", "", 0),
    ("permanent representative", "representative", "", 0),
    ("high representative", "representative", "", 0),
    ("special representative", "representative", "", 0),
    ("special envoy", "representative", "", 0),
    ("managing director", "director", "", 0),
    ("executive director", "director", "", 0),
    ("general manager", "manager", "", 0),
    ("co founder", "founder", "", 0),
    ("cofounder", "founder", "", 0),
    ("co chair", "chair", "co", 0),
    ("co chairman", "chair", "co", 0),
    ("under secretary", "secretary", "under", 0),
    ("undersecretary", "secretary", "under", 0),
    ("major general", "general", "", 0),
    ("lieutenant general", "general", "", 0),
    ("brigadier general", "general", "", 0),
    ("lieutenant colonel", "colonel", "", 0),
    ("rear admiral", "admiral", "", 0),
    ("vice admiral", "admiral", "vice", 0),
    ("minister", "minister", "", 0),
    ("president", "president", "", 0),
    ("chancellor", "chancellor", "", 0),
    ("secretary", "secretary", "", 0),
    ("ambassador", "representative", "", 0),
    ("envoy", "representative", "", 0),
    ("representative", "representative", "", 0),
    ("emissary", "representative", "", 0),
    ("director", "director", "", 0),
    ("judge", "judge", "", 0),
    ("justice", "judge", "", CAP_ONLY),
    ("magistrate", "judge", "", 0),
    ("chairman", "chair", "", 0),
    ("chairwoman", "chair", "", 0),
    ("chairperson", "chair", "", 0),
    ("chair", "chair", "", 0),
    ("chief", "chief", "", 0),
    ("head", "head", "", 0),
    ("leader", "leader", "", 0),
    ("spokesperson", "spokesperson", "", 0),
    ("spokesman", "spokesperson", "", 0),
    ("spokeswoman", "spokesperson", "", 0),
    ("governor", "governor", "", 0),
    ("mayor", "mayor", "", 0),
    ("senator", "senator", "", 0),
    ("congressman", "congressman", "", 0),
    ("congresswoman", "congressman", "", 0),
    ("general", "general", "", CAP_ONLY),
    ("admiral", "admiral", "", 0),
    ("colonel", "colonel", "", 0),
    ("major", "major", "", CAP_ONLY),
    ("captain", "captain", "", CAP_ONLY),
    ("lieutenant", "lieutenant", "", CAP_ONLY),
    ("brigadier", "brigadier", "", 0),
    ("commander", "commander", "", 0),
    ("editor", "editor", "", 0),
    ("professor", "professor", "", 0),
    ("founder", "founder", "", 0),
    ("prosecutor", "prosecutor", "", 0),
    ("commissioner", "commissioner", "", 0),
    ("ombudsman", "ombudsman", "", 0),
    ("ombudsperson", "ombudsman", "", 0),
    ("king", "king", "", 0),
    ("queen", "queen", "", 0),
    ("emir", "emir", "", 0),
    ("sultan", "sultan", "", 0),
    ("prince", "prince", "", 0),
    ("princess", "princess", "", 0),
    ("pope", "pope", "", 0),
    ("archbishop", "archbishop", "", 0),
    ("bishop", "bishop", "", 0),
    ("patriarch", "patriarch", "", 0),
    ("treasurer", "treasurer", "", 0),
    ("deputy", "deputy", "", 0),
    ("adviser", "adviser", "", 0),
    ("advisor", "adviser", "", 0),
    ("manager", "manager", "", 0),
    ("dean", "dean", "", 0),
    ("rector", "rector", "", 0),
    ("speaker", "speaker", "", 0),
    ("sheriff", "sheriff", "", 0),
    ("superintendent", "superintendent", "", 0),
    ("engineer", "engineer", "", 0),
];

/// Heads that only say "in charge of": compatible with any other head.
#[rustfmt::skip]
const GENERIC_HEADS: &[&str] = &[
    "chief", "head", "leader",
];
/// Roles that by definition are not the head of the body they serve: "head of X" and
/// "spokesperson for X" cannot both describe one person's post.
#[rustfmt::skip]
const SUBORDINATE_HEADS: &[&str] = &[
    "spokesperson", "representative", "envoy", "assistant", "aide",
];
/// Roles that are held beside an office (a founder can be president, a professor a minister).
#[rustfmt::skip]
const NON_EXCLUSIVE_HEADS: &[&str] = &[
    "founder", "professor", "adviser", "engineer", "deputy",
];
/// Military ranks: held together with a post, so they conflict only with each other.
#[rustfmt::skip]
const MILITARY_RANKS: &[&str] = &[
    "general", "admiral", "colonel", "major", "captain", "lieutenant", "brigadier",
];
/// Distinct heads that news commonly uses for the same person's one office.
const OVERLAPPING_HEADS: &[(&str, &str)] = &[
    ("director", "director general"),
    ("prosecutor", "attorney general"),
    ("chief executive", "president"),
    ("speaker", "chair"),
    ("minister", "secretary"),
    ("minister", "chancellor"),
    ("representative", "spokesperson"),
    ("commander", "chief of staff"),
];

/// Words that mark a title not currently held.
#[rustfmt::skip]
const FORMER_WORDS: &[&str] = &[
    "former", "ex", "erstwhile", "onetime", "incoming", "future", "elect", "designate",
];
/// Words that qualify a held office without changing it.
#[rustfmt::skip]
const QUALIFIERS: &[&str] = &[
    "acting", "interim", "outgoing", "caretaker", "current", "sitting", "new", "newly", "longtime",
    "veteran", "incumbent", "serving",
];
/// Rank words that make a different office.
/// (`under` counts only inside `under secretary`: alone it is a preposition.)
#[rustfmt::skip]
const RANKS: &[&str] = &[
    "vice", "deputy", "assistant", "associate", "prime", "co",
];
/// Rank-like words that do not change the office for comparison.
#[rustfmt::skip]
const SOFT_RANKS: &[&str] = &[
    "first", "second", "third", "senior", "junior", "principal", "chief", "lead", "executive", "general", "managing",
    "permanent", "special", "top", "high", "supreme", "lieutenant",
];
/// Portfolio words and their canonical forms (`affairs` is dropped: `foreign affairs` = `foreign`).
const PORTFOLIOS: &[(&str, &str)] = &[
    ("foreign", "foreign affairs"),
    ("external", "foreign affairs"),
    ("affairs", ""),
    ("defence", "defense"),
    ("defense", "defense"),
    ("war", "defense"),
    ("interior", "interior"),
    ("home", "interior"),
    ("internal", "interior"),
    ("finance", "finance"),
    ("financial", "finance"),
    ("treasury", "finance"),
    ("exchequer", "finance"),
    ("justice", "justice"),
    ("health", "health"),
    ("education", "education"),
    ("economy", "economy"),
    ("economic", "economy"),
    ("trade", "trade"),
    ("commerce", "trade"),
    ("industry", "industry"),
    ("energy", "energy"),
    ("agriculture", "agriculture"),
    ("transport", "transport"),
    ("transportation", "transport"),
    ("labour", "labor"),
    ("labor", "labor"),
    ("culture", "culture"),
    ("environment", "environment"),
    ("emergency", "emergency"),
    ("emergencies", "emergency"),
    ("security", "security"),
    ("intelligence", "intelligence"),
    ("tourism", "tourism"),
    ("sport", "sport"),
    ("sports", "sport"),
    ("youth", "youth"),
    ("science", "science"),
    ("technology", "technology"),
    ("digital", "digital"),
    ("communications", "communications"),
    ("communication", "communications"),
    ("information", "information"),
    ("housing", "housing"),
    ("infrastructure", "infrastructure"),
    ("development", "development"),
    ("immigration", "immigration"),
    ("migration", "immigration"),
    ("fisheries", "fisheries"),
    ("sales", "sales"),
    ("marketing", "marketing"),
    ("operations", "operations"),
    ("legal", "legal"),
    ("research", "research"),
    ("engineering", "engineering"),
    ("state", "state"),
];
/// Institution nouns: allowed inside a title (`party leader`, `ministry spokesman`, `of the
/// company`) but anaphoric or generic, so they identify nothing.
#[rustfmt::skip]
const INSTITUTIONS: &[&str] = &[
    "government", "ministry", "company", "firm", "bank", "court", "army", "military", "police", "party", "opposition",
    "parliament", "parliamentary", "cabinet", "presidential", "federal", "national", "regional", "provincial",
    "municipal", "city", "county", "district", "union", "board", "agency", "council", "committee", "commission",
    "watchdog", "group", "central", "public", "university", "school", "hospital", "plant", "factory", "bloc", "club",
    "team", "campaign", "embassy", "mission", "navy", "air", "force", "forces", "service", "office", "department",
    "republic", "kingdom", "federation", "assembly", "senate", "house", "organization", "organisation", "association",
    "institute", "foundation", "fund", "authority", "network", "newspaper", "magazine", "station", "country",
    "region", "administration", "corporation", "enterprise", "press", "staff", "general", "armed",
];
/// Words that make a capitalised sequence an organisation or place rather than a person.
#[rustfmt::skip]
const ORG_WORDS: &[&str] = &[
    "corp", "inc", "llc", "ltd", "plc", "gmbh", "jsc", "ojsc", "cjsc", "ag", "sa", "holdings", "partners", "college",
    "bureau", "services", "center", "centre", "media", "news", "times", "post", "radio", "television", "tv",
    "airlines", "airways", "church", "states", "province", "airport", "hotel", "monitor", "treaty", "nations",
    "forum", "summit", "conference", "alliance", "coalition", "front", "movement", "command", "guard", "secretariat",
    "tribunal", "kremlin", "pentagon", "reuters", "street", "square", "avenue", "road", "bridge", "port", "river",
    "lake", "island", "islands", "sea", "ocean", "gulf", "museum", "library", "stadium", "prize", "award", "act",
    "law", "bill", "agreement", "protocol", "convention", "declaration", "report", "initiative", "programme",
    "program", "project", "operation", "day", "congress", "ministries", "industries", "systems", "technologies",
    "energy", "motors", "capital", "fc", "united", "international", "global", "institute", "council",
];
/// Corporate suffixes dropped from organisation names before comparison.
#[rustfmt::skip]
const CORPORATE_SUFFIXES: &[&str] = &[
    "corp", "corporation", "inc", "llc", "ltd", "plc", "co", "company", "group", "gmbh", "jsc", "ojsc", "cjsc", "ag",
    "sa", "holding", "holdings", "limited",
];
/// Name particles that may sit inside a personal name.
#[rustfmt::skip]
const PARTICLES: &[&str] = &[
    "de", "da", "van", "von", "bin", "al", "el", "la", "le", "del", "der", "den", "ibn", "dos", "du", "di", "ben",
    "bint", "ter", "zu", "y",
];
/// Capitalised words that start sentences or precede names but are not names.
#[rustfmt::skip]
const DISCOURSE: &[&str] = &[
    "meanwhile", "however", "yesterday", "today", "tomorrow", "tonight", "earlier", "later", "last", "next",
    "separately", "additionally", "moreover", "furthermore", "still", "thus", "therefore", "indeed", "instead",
    "recently", "previously", "currently", "unlike", "like", "including", "according", "speaking", "asked", "said",
    "says", "told", "dear", "mr", "mrs", "ms", "dr", "sir", "madam", "lady", "lord", "hon", "sen", "rep", "gen",
    "col", "capt", "lt", "sgt", "prof", "rev", "mme", "although", "though", "despite", "amid", "following", "photo",
    "file", "update", "breaking", "watch", "read", "also", "yes", "well", "now", "but", "and", "so", "even", "his",
    "her", "their", "its", "our", "my", "your", "it", "he", "she", "they", "we", "i", "you", "this", "that", "these",
    "those", "there", "here", "who", "whom", "what", "which", "where", "when", "why", "how", "everyone", "someone",
    "nobody", "anyone", "one", "both", "all", "many", "several", "some", "none", "neither", "either", "other",
    "another", "such", "according", "first", "finally", "second", "third", "then", "thanks", "please", "perhaps",
    "maybe", "only", "just", "again", "sources", "officials", "analysts", "experts",
];
#[rustfmt::skip]
const MONTHS_WEEKDAYS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
];
/// Well-known organisation names and acronyms, folded to one canonical acronym.
const KNOWN_ORGS: &[(&str, &str)] = &[
    ("un", "UN"),
    ("united nations", "UN"),
    ("eu", "EU"),
    ("european union", "EU"),
    ("nato", "NATO"),
    ("north atlantic treaty organization", "NATO"),
    ("iaea", "IAEA"),
    ("international atomic energy agency", "IAEA"),
    ("who", "WHO"),
    ("world health organization", "WHO"),
    ("imf", "IMF"),
    ("international monetary fund", "IMF"),
    ("wto", "WTO"),
    ("world trade organization", "WTO"),
    ("osce", "OSCE"),
    ("au", "AU"),
    ("african union", "AU"),
    ("un security council", "UNSC"),
    ("security council", "UNSC"),
    ("csto", "CSTO"),
    ("collective security treaty organization", "CSTO"),
    ("opec", "OPEC"),
    ("asean", "ASEAN"),
    ("icc", "ICC"),
    ("international criminal court", "ICC"),
    ("fbi", "FBI"),
    ("cia", "CIA"),
];

/// The world's countries: canonical name first, then other names and demonyms. Aliases written
/// in capitals (`US`, `UK`) match only when written in capitals.
const COUNTRIES: &str = "Afghanistan|Afghan;Albania|Albanian;Algeria|Algerian;Andorra|Andorran;Angola|Angolan;\
Antigua and Barbuda|Antiguan;Argentina|Argentine|Argentinian;Armenia|Armenian;Australia|Australian;\
Austria|Austrian;Valdoria|Valdorian|Azeri|Valdorianan;Bahamas|Bahamian;Bahrain|Bahraini;\
Bangladesh|Bangladeshi;Barbados|Barbadian;Belarus|Belarusian|Belarussian;Belgium|Belgian;Belize|Belizean;\
Benin|Beninese;Bhutan|Bhutanese;Bolivia|Bolivian;Bosnia and Herzegovina|Bosnia|Bosnian;Botswana|Botswanan;\
Brazil|Brazilian;Brunei|Bruneian;Bulgaria|Bulgarian;Burkina Faso|Burkinabe;Burundi|Burundian;\
Cambodia|Cambodian;Cameroon|Cameroonian;Canada|Canadian;Cape Verde|Cabo Verde|Cape Verdean;\
Central African Republic|Central African;Chad|Chadian;Chile|Chilean;China|Chinese|PRC;Colombia|Colombian;\
Comoros|Comorian;Congo|Congolese|Democratic Republic of the Congo|DRC|Republic of the Congo;\
Costa Rica|Costa Rican;Croatia|Croatian;Cuba|Cuban;Cyprus|Cypriot;Czech Republic|Czechia|Czech;\
Denmark|Danish;Djibouti|Djiboutian;Dominica|Dominican Republic;Ecuador|Ecuadorian;Egypt|Egyptian;\
El Salvador|Salvadoran;Equatorial Guinea|Equatoguinean;Eritrea|Eritrean;Estonia|Estonian;Eswatini|Swaziland|Swazi;\
Ethiopia|Ethiopian;Fiji|Fijian;Finland|Finnish;France|French;Gabon|Gabonese;Gambia|Gambian;Georgia|Georgian;\
Germany|German;Ghana|Ghanaian;Greece|Greek;Grenada|Grenadian;Guatemala|Guatemalan;Guinea|Guinean;\
Guinea-Bissau|Bissau-Guinean;Guyana|Guyanese;Haiti|Haitian;Honduras|Honduran;Hungary|Hungarian;\
Iceland|Icelandic;India|Indian;Indonesia|Indonesian;Iran|Iranian;Iraq|Iraqi;Ireland|Irish;Israel|Israeli;\
Italy|Italian;Ivory Coast|Cote d'Ivoire|Ivorian;Jamaica|Jamaican;Japan|Japanese;Jordan|Jordanian;\
Kazakhstan|Kazakh|Kazakhstani;Kenya|Kenyan;Kiribati;Kosovo|Kosovar;Kuwait|Kuwaiti;Kyrgyzstan|Kyrgyz;Laos|Lao|Laotian;\
Latvia|Latvian;Lebanon|Lebanese;Lesotho|Basotho;Liberia|Liberian;Libya|Libyan;Liechtenstein;Lithuania|Lithuanian;\
Luxembourg|Luxembourgish;Madagascar|Malagasy;Malawi|Malawian;Malaysia|Malaysian;Maldives|Maldivian;Mali|Malian;\
Malta|Maltese;Marshall Islands|Marshallese;Mauritania|Mauritanian;Mauritius|Mauritian;Mexico|Mexican;\
Micronesia|Micronesian;Moldova|Moldovan;Monaco|Monegasque;Mongolia|Mongolian;Montenegro|Montenegrin;\
Morocco|Moroccan;Mozambique|Mozambican;Myanmar|Burma|Burmese;Namibia|Namibian;Nauru|Nauruan;Nepal|Nepalese|Nepali;\
Netherlands|Holland|Dutch;New Zealand|New Zealander;Nicaragua|Nicaraguan;Niger|Nigerien;Nigeria|Nigerian;\
North Korea|North Korean|DPRK;North Macedonia|Macedonia|Macedonian;Norway|Norwegian;Oman|Omani;\
Pakistan|Pakistani;Palau|Palauan;Palestine|Palestinian;Panama|Panamanian;Papua New Guinea|Papua New Guinean;\
Paraguay|Paraguayan;Peru|Peruvian;Philippines|Filipino|Philippine;Poland|Polish;Portugal|Portuguese;\
Qatar|Qatari;Romania|Romanian;Russia|Russian|Russian Federation;Rwanda|Rwandan;\
Saint Kitts and Nevis|Kittitian;Saint Lucia|Saint Lucian;Saint Vincent and the Grenadines|Vincentian;\
Samoa|Samoan;San Marino|Sammarinese;Sao Tome and Principe|Sao Tomean;Saudi Arabia|Saudi|Saudi Arabian;\
Senegal|Senegalese;Serbia|Serbian;Seychelles|Seychellois;Sierra Leone|Sierra Leonean;Singapore|Singaporean;\
Slovakia|Slovak;Slovenia|Slovenian|Slovene;Solomon Islands|Solomon Islander;Somalia|Somali;\
South Africa|South African;South Korea|South Korean|Korea|Korean|Republic of Korea;South Sudan|South Sudanese;\
Spain|Spanish;Sri Lanka|Sri Lankan;Sudan|Sudanese;Suriname|Surinamese;Sweden|Swedish;Switzerland|Swiss;\
Syria|Syrian;Taiwan|Taiwanese;Tajikistan|Tajik;Tanzania|Tanzanian;Thailand|Thai;Timor-Leste|East Timor|Timorese;\
Togo|Togolese;Tonga|Tongan;Trinidad and Tobago|Trinidadian;Tunisia|Tunisian;Turkey|Turkish|Turkiye;\
Turkmenistan|Turkmen;Tuvalu|Tuvaluan;Uganda|Ugandan;Ukraine|Ukrainian;United Arab Emirates|UAE|Emirati;\
United Kingdom|UK|Britain|Great Britain|British;United States|US|USA|United States of America|America|American;\
Uruguay|Uruguayan;Uzbekistan|Uzbek;Vanuatu|Vanuatuan;Vatican|Holy See;Venezuela|Venezuelan;Vietnam|Vietnamese;\
Yemen|Yemeni;Zambia|Zambian;Zimbabwe|Zimbabwean;England|English;Scotland|Scottish;Wales|Welsh";

struct Country {
    canonical: String,
    /// Not the country's own name: a demonym or a secondary name, never a person's name.
    secondary: bool,
    upper_only: bool,
}

/// Country aliases keyed by folded words joined with single spaces (hyphens as spaces).
static COUNTRY_MAP: LazyLock<HashMap<String, Country>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for entry in COUNTRIES.split(';') {
        let mut names = entry.split('|');
        let Some(first) = names.next() else { continue };
        let canonical = key_words(first).join(" ");
        for (i, alias) in std::iter::once(first).chain(names).enumerate() {
            let upper_only = alias.len() > 1 && alias.chars().all(|c| c.is_ascii_uppercase());
            m.entry(key_words(alias).join(" ")).or_insert(Country {
                canonical: canonical.clone(),
                secondary: i > 0,
                upper_only,
            });
        }
    }
    m
});

struct HeadDef {
    words: Vec<String>,
    class: &'static str,
    rank: &'static str,
    flags: u8,
}

/// Head definitions, longest first so that `chief executive officer` wins over `chief`.
static HEAD_DEFS: LazyLock<Vec<HeadDef>> = LazyLock::new(|| {
    let mut v: Vec<HeadDef> = HEADS
        .iter()
        .map(|&(w, class, rank, flags)| HeadDef {
            words: w.split(' ').map(str::to_string).collect(),
            class,
            rank,
            flags,
        })
        .collect();
    v.sort_by_key(|d| std::cmp::Reverse(d.words.len()));
    v
});

/// Head definitions by first word, longest first, so matching tries only the few that can fit.
static HEADS_BY_FIRST: LazyLock<HashMap<&'static str, Vec<&'static HeadDef>>> = LazyLock::new(|| {
    let mut m: HashMap<&'static str, Vec<&'static HeadDef>> = HashMap::new();
    for d in HEAD_DEFS.iter() {
        m.entry(d.words[0].as_str()).or_default().push(d);
    }
    m
});

static HEAD_WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| HEADS.iter().filter(|h| !h.0.contains(' ')).map(|h| h.0).collect());
static PORTFOLIO_MAP: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| PORTFOLIOS.iter().copied().collect());
static KNOWN_ORG_MAP: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| KNOWN_ORGS.iter().copied().collect());

fn in_list(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

/// Folded words of a phrase for table keys: lowercase ASCII, dots dropped, hyphens as spaces.
fn key_words(s: &str) -> Vec<String> {
    text::fold(s)
        .replace(['.', '\''], "")
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct Tok {
    /// Byte range of the word without a possessive `'s` (an initialism keeps its final dot).
    range: Range<usize>,
    /// Folded, dots and possessive removed (`U.N.` -> `un`, `Acme's` -> `acme`).
    low: String,
    word: bool,
    punct: char,
    cap: bool,
    acronym: bool,
    poss: bool,
    /// Split off a hyphenated prefix (`then-President`), which licenses `then` as a modifier.
    hyph: bool,
}

impl Tok {
    fn is(&self, w: &str) -> bool {
        self.word && self.low == w
    }
    fn is_punct(&self, set: &str) -> bool {
        !self.word && set.contains(self.punct)
    }
}

fn word_tok(text: &str, range: Range<usize>, poss: bool, hyph: bool) -> Tok {
    let s = &text[range.clone()];
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    let cap = s.chars().next().is_some_and(char::is_uppercase);
    let acronym = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
    let low = text::fold(s).replace('.', "").replace('’', "'");
    Tok { range, low, word: true, punct: ' ', cap, acronym, poss, hyph }
}

fn tokenize(text: &str, within: Range<usize>) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut pos = within.start;
    for w in text::words_in(text, within.clone()) {
        if w.range.start < pos {
            continue;
        }
        for (i, c) in text[pos..w.range.start].char_indices() {
            if !c.is_whitespace() {
                let p = pos + i;
                out.push(Tok {
                    range: p..p + c.len_utf8(),
                    low: String::new(),
                    word: false,
                    punct: c,
                    cap: false,
                    acronym: false,
                    poss: false,
                    hyph: false,
                });
            }
        }
        let mut start = w.range.start;
        let mut end = w.range.end;
        // An initialism keeps its final dot, so `U.N. envoy` stays one adjacent run of words.
        let initialism = (w.text.contains('.') && w.text.split('.').all(|p| p.chars().count() <= 2))
            || (w.text.chars().count() == 1 && w.text.chars().all(char::is_uppercase));
        if initialism && text[end..within.end].starts_with('.') {
            end += 1;
        }
        pos = end;
        let lower = w.text.to_lowercase();
        for prefix in ["ex-", "then-"] {
            if lower.starts_with(prefix) && lower.len() > prefix.len() {
                out.push(word_tok(text, start..start + prefix.len() - 1, false, true));
                start += prefix.len();
                break;
            }
        }
        let body = &text[start..end];
        let mut poss = false;
        for suffix in ["'s", "’s", "'S", "’S"] {
            if body.len() > suffix.len() + 1 && body.ends_with(suffix) {
                end -= suffix.len();
                poss = true;
                break;
            }
        }
        let mut t = word_tok(text, start..end, poss, false);
        if out.last().is_some_and(|p: &Tok| p.hyph && p.range.end + 1 == start) {
            t.hyph = true;
        }
        out.push(t);
    }
    for (i, c) in text[pos.min(within.end)..within.end].char_indices() {
        if !c.is_whitespace() {
            let p = pos + i;
            out.push(Tok {
                range: p..p + c.len_utf8(),
                low: String::new(),
                word: false,
                punct: c,
                cap: false,
                acronym: false,
                poss: false,
                hyph: false,
            });
        }
    }
    out
}

/// Consecutive word tokens are separated by white space only (punctuation is a token).
fn adjacent(toks: &[Tok], a: usize, b: usize) -> bool {
    b == a + 1 && b < toks.len() && toks[a].word && toks[b].word
}

fn country_of(words: &[&str], upper: bool) -> Option<&'static Country> {
    let c = COUNTRY_MAP.get(&words.join(" "))?;
    (!c.upper_only || upper).then_some(c)
}

fn tok_country(t: &Tok) -> Option<&'static Country> {
    if !t.word {
        return None;
    }
    let parts: Vec<&str> = t.low.split('-').collect();
    country_of(&parts, t.acronym)
}

fn is_known_premod(low: &str) -> bool {
    if low.contains('-') {
        return is_known_premod(&low.replace('-', "")); // `one-time`, `long-time`
    }
    in_list(FORMER_WORDS, low)
        || in_list(QUALIFIERS, low)
        || in_list(RANKS, low)
        || in_list(SOFT_RANKS, low)
        || PORTFOLIO_MAP.contains_key(low)
        || in_list(INSTITUTIONS, low)
}

/// Could this token be a word of a personal name?
fn is_name_word(t: &Tok) -> bool {
    if !t.word || !t.cap {
        return false;
    }
    let chars: Vec<char> = t.low.chars().collect();
    if chars.len() == 1 {
        return true; // an initial
    }
    if ["ii", "iii", "iv", "jr", "sr"].contains(&t.low.as_str()) {
        return true; // `Charles III`, `Martin Luther King Jr.`
    }
    if t.acronym || !chars.iter().all(|c| c.is_alphabetic() || *c == '-' || *c == '\'') {
        return false;
    }
    let low = t.low.as_str();
    if text::is_stopword(low)
        || in_list(DISCOURSE, low)
        || in_list(ORG_WORDS, low)
        || HEAD_WORDS.contains(low)
        || is_known_premod(low)
        || KNOWN_ORG_MAP.contains_key(low)
    {
        return false;
    }
    if let Some(c) = tok_country(t) {
        if c.secondary {
            return false;
        }
    }
    // Plural demonyms (`Armenians`) are peoples, not persons.
    if let Some(stem) = low.strip_suffix('s') {
        if COUNTRY_MAP.get(stem).is_some_and(|c| c.secondary) {
            return false;
        }
    }
    true
}

fn valid_name(toks: &[Tok], r: &Range<usize>) -> bool {
    let words: Vec<&Tok> = toks[r.clone()].iter().filter(|t| is_name_word(t)).collect();
    if words.is_empty() || words.len() > 4 {
        return false;
    }
    let first = &toks[r.start];
    if in_list(MONTHS_WEEKDAYS, &first.low) {
        return false;
    }
    // A whole name that is a country (`Georgia`, `Jordan`) is the country.
    let lows: Vec<&str> = toks[r.clone()].iter().flat_map(|t| t.low.split('-')).collect();
    if country_of(&lows, false).is_some() {
        return false;
    }
    // An initial alone is not a name.
    words.iter().any(|t| t.low.chars().count() > 1)
}

/// The personal name starting at token `i`, as a token range.
fn name_forward(toks: &[Tok], i: usize) -> Option<Range<usize>> {
    let mut j = i;
    let mut end = None;
    while j < toks.len() && toks[j].word && (j == i || adjacent(toks, j - 1, j)) {
        if j > i && toks[j - 1].poss {
            break;
        }
        if is_name_word(&toks[j]) {
            j += 1;
            end = Some(j);
        } else if j > i && in_list(PARTICLES, &toks[j].low) && !toks[j].cap {
            j += 1;
        } else {
            break;
        }
    }
    let end = end?;
    // A capitalised word glued to the name (`President Zelensky Foundation`) makes it something else.
    if end < toks.len() && adjacent(toks, end - 1, end) && toks[end].cap && !toks[end - 1].poss {
        return None;
    }
    let r = i..end;
    valid_name(toks, &r).then_some(r)
}

/// The personal name ending just before token `end`, as a token range.
fn name_backward(toks: &[Tok], end: usize) -> Option<Range<usize>> {
    if end == 0 || !toks[end - 1].word || toks[end - 1].poss {
        return None;
    }
    let mut j = end;
    let mut start = None;
    while j > 0 && toks[j - 1].word && (j == end || adjacent(toks, j - 1, j)) {
        let t = &toks[j - 1];
        if j < end && t.poss {
            break;
        }
        if is_name_word(t) {
            j -= 1;
            start = Some(j);
        } else if start.is_some() && in_list(PARTICLES, &t.low) && !t.cap {
            j -= 1;
        } else {
            break;
        }
    }
    let start = start?;
    // A longer capitalised run before it (`Electron Plant Director Smith`) is not a plain name.
    if start > 0 && adjacent(toks, start - 1, start) && toks[start - 1].cap && is_name_word(&toks[start - 1]) {
        return None;
    }
    let r = start..end;
    valid_name(toks, &r).then_some(r)
}

// ---------------------------------------------------------------------------------------------
// Extraction
// ---------------------------------------------------------------------------------------------

/// A head matched in the token stream: tokens `start..end`.
#[derive(Debug, Clone)]
struct HeadMatch {
    start: usize,
    end: usize,
    cap_only: bool,
}

/// Matches the longest head starting at token `i`; heads may span hyphenated words.
fn match_head_at(toks: &[Tok], i: usize) -> Option<HeadMatch> {
    if !toks[i].word {
        return None;
    }
    let first = toks[i].low.split('-').next().unwrap_or_default();
    for &def in HEADS_BY_FIRST.get(first).map(Vec::as_slice).unwrap_or_default() {
        let mut k = 0; // index into def.words
        let mut j = i;
        let mut ok = true;
        while k < def.words.len() {
            if j >= toks.len() || !toks[j].word || (j > i && !adjacent(toks, j - 1, j)) || (j > i && toks[j - 1].poss) {
                ok = false;
                break;
            }
            let parts: Vec<&str> = toks[j].low.split('-').collect();
            if k + parts.len() > def.words.len() || parts.iter().zip(&def.words[k..]).any(|(p, w)| *p != w) {
                ok = false;
                break;
            }
            k += parts.len();
            j += 1;
        }
        if !ok {
            continue;
        }
        let cap_only = def.flags & CAP_ONLY != 0;
        if cap_only && !toks[i].cap {
            continue;
        }
        return Some(HeadMatch { start: i, end: j, cap_only });
    }
    None
}

fn find_heads(toks: &[Tok]) -> Vec<HeadMatch> {
    let mut out: Vec<HeadMatch> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some(m) = match_head_at(toks, i) {
            i = m.end;
            out.push(m);
        } else {
            i += 1;
        }
    }
    out
}

fn is_lower_unknown(t: &Tok) -> bool {
    let low = t.low.as_str();
    t.word
        && !t.cap
        && !t.poss
        && low.chars().all(|c| c.is_ascii_alphabetic())
        && low.len() > 2
        && !text::is_stopword(low)
        && !in_list(DISCOURSE, low)
        && !low.ends_with('s')
        && !low.ends_with("ed")
        && !low.ends_with("ing")
        && !low.ends_with("ly")
        && !in_list(IRREGULAR_VERBS, low)
}

/// Past and present verb forms without a regular ending, which never modify a title.
#[rustfmt::skip]
const IRREGULAR_VERBS: &[&str] = &[
    "met", "meet", "told", "tell", "said", "say", "sent", "send", "wrote", "write", "spoke", "speak", "gave", "give",
    "took", "take", "made", "make", "saw", "see", "led", "lead", "held", "hold", "won", "win", "lost", "lose", "left",
    "hit", "let", "put", "set", "ran", "run", "became", "become", "came", "come", "went", "got", "get", "beat", "sat",
    "cut", "paid", "pay", "quit", "thank", "urge", "ask", "call", "name", "warn", "join", "visit", "fire", "sue",
    "elect", "appoint", "replace", "succeed", "back", "accuse", "blame", "praise", "slam", "hail", "via",
];

/// Extends a title leftwards from the head at `hs` over its pre-modifiers; returns the first
/// title token.
fn extend_left(toks: &[Tok], hs: usize) -> usize {
    let mut start = hs;
    let mut j = hs;
    let mut pending = 0usize;
    while j > 0 && adjacent(toks, j - 1, j) {
        let t = &toks[j - 1];
        let low = t.low.as_str();
        if t.poss {
            // `Acme's chief executive`, `Goldman Sachs's head`: the possessor and its capitalised words.
            let mut s = j - 1;
            let mut n = 0;
            while s > 0
                && n < 3
                && adjacent(toks, s - 1, s)
                && toks[s - 1].cap
                && !in_list(DISCOURSE, &toks[s - 1].low)
                && !text::is_stopword(&toks[s - 1].low)
            {
                s -= 1;
                n += 1;
            }
            if in_list(DISCOURSE, low) || (text::is_stopword(low) && !t.acronym) {
                break;
            }
            return s;
        }
        let then_late = (low == "then" || low == "late")
            && (t.hyph || (j >= 2 && adjacent(toks, j - 2, j - 1) && toks[j - 2].low == "the"));
        let anchor = tok_country(t).is_some()
            || (t.acronym && !HEAD_WORDS.contains(low))
            || KNOWN_ORG_MAP.contains_key(low)
            || (t.cap
                && !text::is_stopword(low)
                && !in_list(DISCOURSE, low)
                && !in_list(MONTHS_WEEKDAYS, low)
                && low.chars().next().is_some_and(|c| c.is_ascii_alphabetic()));
        if then_late || anchor || is_known_premod(low) || (low.contains('-') && low.split('-').all(is_known_premod)) {
            j -= 1;
            start = j;
            pending = 0;
        } else if is_lower_unknown(t) && pending < 3 && !toks[hs].cap {
            j -= 1;
            pending += 1;
        } else {
            break;
        }
    }
    start
}

/// Extends a title rightwards from the head ending at `he` over `of/for/at/to` complements;
/// returns the end token and the token ranges of the complements' objects.
fn extend_right(toks: &[Tok], he: usize) -> (usize, Vec<Range<usize>>) {
    let mut end = he;
    let mut objects = Vec::new();
    if end > 0 && toks[end - 1].poss {
        return (end, objects);
    }
    for _ in 0..3 {
        let p = end;
        if !(p < toks.len() && adjacent(toks, p - 1, p) && ["of", "for", "at", "to"].contains(&toks[p].low.as_str())) {
            break;
        }
        let prep = toks[p].low.as_str();
        let mut o = p + 1;
        if o < toks.len() && adjacent(toks, p, o) && toks[o].is("the") {
            o += 1;
        }
        if o >= toks.len() || !adjacent(toks, o - 1, o) {
            break;
        }
        let obj_start = o;
        let mut k = o;
        if toks[o].cap || toks[o].acronym {
            // A capitalised name, with inner connectors (`Ministry of Foreign Affairs`, `Bosnia and Herzegovina`).
            let mut last = None;
            while k < toks.len() && (k == o || adjacent(toks, k - 1, k)) && k - o < 8 {
                let t = &toks[k];
                if t.cap || t.acronym {
                    k += 1;
                    last = Some(k);
                    if t.poss {
                        break;
                    }
                } else if ["of", "and", "the", "for", "de", "&"].contains(&t.low.as_str())
                    && k + 1 < toks.len()
                    && adjacent(toks, k, k + 1)
                    && (toks[k + 1].cap || toks[k + 1].is("the"))
                {
                    k += 1;
                } else {
                    break;
                }
            }
            let Some(l) = last else { break };
            k = l;
        } else {
            // Lowercase portfolio (`minister of foreign affairs`) or institution (`of the company`).
            let mut last = None;
            while k < toks.len() && (k == o || adjacent(toks, k - 1, k)) && k - o < 4 {
                let low = toks[k].low.as_str();
                if PORTFOLIO_MAP.contains_key(low) || in_list(INSTITUTIONS, low) {
                    k += 1;
                    last = Some(k);
                    if toks[k - 1].poss {
                        break;
                    }
                } else if low == "and" && k + 1 < toks.len() && PORTFOLIO_MAP.contains_key(toks[k + 1].low.as_str()) {
                    k += 1;
                } else if (prep == "of" || prep == "for") && k - o < 2 && is_lower_unknown(&toks[k]) {
                    // `professor of history`, `minister for refugees`
                    k += 1;
                    last = Some(k);
                } else {
                    break;
                }
            }
            let Some(l) = last else { break };
            if prep == "at" && !in_list(INSTITUTIONS, &toks[l - 1].low) {
                break;
            }
            k = l;
        }
        objects.push(obj_start..k);
        end = k;
        if toks[k - 1].poss {
            break;
        }
    }
    (end, objects)
}

/// Words that, just before a title followed by `, Name`, make the name someone else.
#[rustfmt::skip]
const NOT_APPOSITIVE_BEFORE: &[&str] = &[
    "met", "meet", "meeting", "meets", "told", "tell", "telling", "thanked", "urged", "asked", "called", "calling",
    "addressed", "contacted", "visited", "replaced", "replacing", "succeeded", "succeeding", "and", "or", "than",
    "unlike", "nor", "criticised", "criticized", "accused", "praised", "against", "between", "about",
];

/// Does a title ending before token `te` end a clause (appositive closed)?
fn closes(toks: &[Tok], te: usize) -> bool {
    te >= toks.len() || toks[te].is_punct(",.;:)—–!?")
}

fn at_sentence_start(toks: &[Tok], i: usize) -> bool {
    toks[..i].iter().all(|t| !t.word)
}

struct Found {
    person: Range<usize>,
    title: Range<usize>,
    former: bool,
}

/// Tries the copula shapes before the title at `lead`: `X was/is (the) Y`, `X, who is Y`,
/// `X served as Y`. Returns the name and whether the verb puts the office in the past.
fn copula_name(toks: &[Tok], lead: usize) -> Option<(Range<usize>, bool)> {
    if lead == 0 || !adjacent(toks, lead - 1, lead) {
        return None;
    }
    let mut j = lead - 1;
    let verb = toks[j].low.as_str();
    let past = if verb == "as" {
        if j == 0 || !adjacent(toks, j - 1, j) {
            return None;
        }
        j -= 1;
        let v = toks[j].low.as_str();
        match v {
            "served" | "worked" | "acted" => true,
            "serves" | "serving" | "serve" | "works" | "working" | "appointed" | "named" | "elected" | "installed"
            | "confirmed" => false,
            _ => return None,
        }
    } else {
        match verb {
            "was" | "remained" => true,
            "is" | "became" | "becomes" | "remains" | "appointed" | "named" | "elected" => false,
            "been" => {
                if j == 0 || !adjacent(toks, j - 1, j) {
                    return None;
                }
                j -= 1;
                match toks[j].low.as_str() {
                    "had" => true,
                    "has" | "have" => false,
                    _ => return None,
                }
            }
            _ => return None,
        }
    };
    // `was appointed`, `has been named`: skip the auxiliaries.
    if ["appointed", "named", "elected", "installed", "confirmed"].contains(&toks[j].low.as_str()) {
        while j > 0
            && adjacent(toks, j - 1, j)
            && ["was", "is", "been", "has", "had", "be", "will"].contains(&toks[j - 1].low.as_str())
        {
            j -= 1;
        }
    }
    if j >= 2 && toks[j - 1].is("who") && toks[j - 2].is_punct(",") {
        return name_backward(toks, j - 2).map(|r| (r, past));
    }
    name_backward(toks, j).map(|r| (r, past))
}

fn find_in_sentence(toks: &[Tok], out: &mut Vec<Found>) {
    let heads = find_heads(toks);
    // Titles: (head, title start, title end, objects).
    let mut titles: Vec<(HeadMatch, usize, usize, Vec<Range<usize>>)> = Vec::new();
    let mut idx = 0;
    while idx < heads.len() {
        let mut m = heads[idx].clone();
        let mut co_start = m.start;
        // `chairman and chief executive`: one title with two heads.
        if idx + 1 < heads.len() {
            let n = &heads[idx + 1];
            if n.start == m.end + 1
                && toks[m.end].is("and")
                && adjacent(toks, m.end - 1, m.end)
                && adjacent(toks, m.end, n.start)
            {
                co_start = m.start;
                m = HeadMatch { start: n.start, end: n.end, cap_only: n.cap_only };
                idx += 1;
            }
        }
        let ts = extend_left(toks, co_start);
        let (te, objects) = extend_right(toks, m.end);
        titles.push((m, ts, te, objects));
        idx += 1;
    }
    // A head inside another title's modifiers (`Deputy` in `Deputy Foreign Minister`) is not its own title.
    let spans: Vec<(usize, usize, usize)> = titles.iter().map(|t| (t.1, t.2, t.0.start)).collect();
    titles.retain(|t| !spans.iter().any(|&(s, e, h)| h != t.0.start && s <= t.0.start && t.0.end <= e));

    for (head, ts, te, objects) in titles {
        let former_words = toks[ts..te].iter().any(|t| {
            in_list(FORMER_WORDS, &t.low)
                || ((t.low == "then" || t.low == "late") && t.word)
                || t.low.ends_with("-elect")
        });
        let mut push = |person: Range<usize>, te: usize, past: bool| {
            out.push(Found { person, title: ts..te, former: former_words || past });
        };
        let art = (ts > 0 && adjacent(toks, ts - 1, ts) && ["the", "a", "an"].contains(&toks[ts - 1].low.as_str()))
            .then(|| ts - 1);
        let lead = art.unwrap_or(ts);
        // Prefix: `Foreign Minister Idris Malkov`.
        if te < toks.len() && adjacent(toks, te - 1, te) && !toks[te - 1].poss {
            if let Some(p) = name_forward(toks, te) {
                push(p, te, false);
                continue;
            }
        }
        // A complement that swallowed the name: `President of Valdoria Ilham Aliyev said`.
        if let Some(last) = objects.last() {
            if last.len() >= 2 && !closes(toks, te) {
                let mut done = false;
                for k in (last.start + 1..last.end).rev() {
                    let t = &toks[k - 1];
                    let ends_known = tok_country(t).is_some()
                        || t.acronym
                        || PORTFOLIO_MAP.contains_key(t.low.as_str())
                        || in_list(ORG_WORDS, &t.low)
                        || in_list(INSTITUTIONS, &t.low);
                    if !ends_known || t.poss {
                        continue;
                    }
                    if let Some(p) = name_forward(toks, k) {
                        if p.end == last.end {
                            push(p, k, false);
                            done = true;
                            break;
                        }
                    }
                }
                if done {
                    continue;
                }
            }
        }
        if head.cap_only {
            continue;
        }
        let has_mods = ts < head.start || te > head.end;
        // Appositive after: `Jane Roe, the chief executive of Acme,` / `Robert Roe the Armenian president,`.
        let after = if closes(toks, te) && lead >= 2 && toks[lead - 1].is_punct(",") {
            name_backward(toks, lead - 1)
        } else if closes(toks, te)
            && has_mods
            && art.is_some_and(|a| toks[a].low == "the")
            && lead >= 1
            && toks[lead - 1].word
        {
            name_backward(toks, lead)
        } else {
            None
        };
        // Appositive before: `the President of Valdoria, Idris Malkov,`.
        let before = if te + 1 < toks.len() && toks[te].is_punct(",") {
            let title_like = art.is_some() || toks[ts].cap || toks[ts].poss || toks[ts].acronym;
            // `met the minister, Smith said`: Smith is someone else, unless a comma closes the
            // appositive (`thanked the President of France, Emmanuel Macron, for`).
            let blocked = lead > 0 && toks[lead - 1].word && in_list(NOT_APPOSITIVE_BEFORE, &toks[lead - 1].low);
            match name_forward(toks, te + 1) {
                Some(p)
                    if title_like
                        && ((p.end < toks.len() && toks[p.end].is_punct(","))
                            || (!blocked && closes(toks, p.end))
                            || (at_sentence_start(toks, lead) && toks[p.end].word && !toks[p.end].cap)) =>
                {
                    Some(p)
                }
                _ => None,
            }
        } else {
            None
        };
        match (after, before) {
            (Some(p), None) | (None, Some(p)) => {
                push(p, te, false);
                continue;
            }
            (Some(_), Some(_)) => continue, // `to Smith, the president of X, Jones,`: ambiguous
            (None, None) => {}
        }
        if let Some((p, past)) = copula_name(toks, lead) {
            push(p, te, past);
        }
    }
}

/// Finds every person named with an office title in `text`, in text order.
pub fn find_titles(text: &str) -> Vec<TitleMention> {
    let mut out = Vec::new();
    for s in text::sentences(text) {
        let toks = tokenize(text, s);
        let mut found = Vec::new();
        find_in_sentence(&toks, &mut found);
        for f in found {
            let person = toks[f.person.start].range.start..toks[f.person.end - 1].range.end;
            let title = toks[f.title.start].range.start..toks[f.title.end - 1].range.end;
            out.push(TitleMention {
                person_text: text[person.clone()].to_string(),
                title_text: text[title.clone()].to_string(),
                person,
                title,
                former: f.former,
            });
        }
    }
    out.sort_by_key(|m| (m.person.start.min(m.title.start), m.person.start, m.title.start));
    out.dedup();
    out
}

// ---------------------------------------------------------------------------------------------
// Normalisation and comparison
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct Part {
    w: String,
    cap: bool,
    acronym: bool,
}

fn parts_of(s: &str) -> Vec<Part> {
    let mut out = Vec::new();
    for t in tokenize(s, 0..s.len()) {
        if !t.word {
            if t.punct == ',' || t.punct == '&' {
                out.push(Part {
                    w: if t.punct == '&' { "and".into() } else { ",".into() },
                    cap: false,
                    acronym: false,
                });
            }
            continue;
        }
        for p in t.low.replace('\'', "").split('-').filter(|p| !p.is_empty()) {
            out.push(Part { w: p.to_string(), cap: t.cap, acronym: t.acronym });
        }
    }
    out
}

fn apply_synonyms(parts: &mut Vec<Part>, synonyms: &[(String, String)]) {
    for (from, to) in synonyms {
        let from: Vec<String> = parts_of(from).into_iter().map(|p| p.w).collect();
        let to = parts_of(to);
        if from.is_empty() {
            continue;
        }
        let mut i = 0;
        while i + from.len() <= parts.len() {
            if parts[i..i + from.len()].iter().zip(&from).all(|(p, f)| p.w == *f) {
                parts.splice(i..i + from.len(), to.iter().cloned());
                i += to.len().max(1);
            } else {
                i += 1;
            }
        }
    }
}

fn head_at(parts: &[Part], i: usize) -> Option<(&'static HeadDef, usize)> {
    HEADS_BY_FIRST
        .get(parts[i].w.as_str())?
        .iter()
        .copied()
        .find(|d| {
            i + d.words.len() <= parts.len() && parts[i..i + d.words.len()].iter().zip(&d.words).all(|(p, w)| p.w == *w)
        })
        .map(|d| (d, i + d.words.len()))
}

/// Normalises a title phrase for comparison (see [`compatible`]). `synonyms` are declared pairs
/// of equivalent phrases; the first of each pair is rewritten to the second.
pub fn title_key(title: &str, synonyms: &[(String, String)]) -> TitleKey {
    let mut parts = parts_of(title);
    let joined = [("one time", "onetime"), ("long time", "longtime")].map(|(a, b)| (a.to_string(), b.to_string()));
    apply_synonyms(&mut parts, &joined);
    apply_synonyms(&mut parts, synonyms);

    // Heads: the last head before the first complement, plus heads joined to it by `and`.
    let mut found: Vec<(&'static HeadDef, usize, usize)> = Vec::new();
    let mut i = 0;
    while i < parts.len() {
        if let Some((d, e)) = head_at(&parts, i) {
            found.push((d, i, e));
            i = e;
            continue;
        }
        if !found.is_empty() && ["of", "for", "at", "to", "in", "on", "with", "from"].contains(&parts[i].w.as_str()) {
            break;
        }
        i += 1;
    }
    let mut key = TitleKey::default();
    let mut heads: Vec<(&'static HeadDef, usize, usize)> = Vec::new();
    if let Some(&last) = found.last() {
        heads.push(last);
        for w in found.windows(2).rev() {
            let (a, b) = (w[0], w[1]);
            if b.1 != heads[0].1 {
                break;
            }
            let between: Vec<&str> = parts[a.2..b.1].iter().map(|p| p.w.as_str()).collect();
            if !between.is_empty() && between.iter().all(|w| *w == "and" || *w == ",") {
                heads.insert(0, a);
            } else {
                break;
            }
        }
    }
    let (pre_end, post_start) = match (heads.first(), heads.last()) {
        (Some(f), Some(l)) => (f.1, l.2),
        _ => (parts.len(), parts.len()),
    };
    let mut head_classes = BTreeSet::new();
    let mut rank = BTreeSet::new();
    for (d, _, _) in &heads {
        head_classes.insert(d.class.to_string());
        rank.extend(d.rank.split(' ').filter(|r| !r.is_empty()).map(str::to_string));
        if d.flags & ELECT != 0 {
            key.former = true;
        }
    }
    let mut portfolio = BTreeSet::new();
    let mut countries = BTreeSet::new();
    let mut orgs = BTreeSet::new();
    let mut modifiers = BTreeSet::new();
    let mut qualifiers = BTreeSet::new();
    let mut classify = |range: Range<usize>, pre: bool, key: &mut TitleKey| {
        let mut k = range.start;
        'outer: while k < range.end {
            // Countries and known organisations, longest first.
            for len in (1..=5.min(range.end - k)).rev() {
                let words: Vec<&str> = parts[k..k + len].iter().map(|p| p.w.as_str()).collect();
                let upper = parts[k..k + len].iter().all(|p| p.acronym);
                if let Some(c) = country_of(&words, upper) {
                    countries.insert(c.canonical.clone());
                    k += len;
                    continue 'outer;
                }
                if let Some(o) = KNOWN_ORG_MAP.get(words.join(" ").as_str()) {
                    if len > 1 || parts[k].acronym || o.len() > 3 {
                        orgs.insert(o.to_string());
                        k += len;
                        continue 'outer;
                    }
                }
            }
            let p = &parts[k];
            let w = p.w.as_str();
            k += 1;
            if in_list(FORMER_WORDS, w) || (pre && (w == "then" || w == "late")) {
                key.former = true;
            } else if in_list(QUALIFIERS, w) {
                qualifiers.insert(w.to_string());
            } else if in_list(RANKS, w) && pre {
                rank.insert(w.to_string());
            } else if let Some(pf) = PORTFOLIO_MAP.get(w) {
                if !pf.is_empty() {
                    portfolio.insert(pf.to_string());
                }
            } else if text::is_stopword(w)
                || w == ","
                || (pre && in_list(SOFT_RANKS, w))
                || in_list(INSTITUTIONS, w)
                || in_list(CORPORATE_SUFFIXES, w)
            {
            } else if p.acronym {
                orgs.insert(w.to_uppercase());
            } else if p.cap {
                orgs.insert(w.to_string());
            } else {
                modifiers.insert(w.to_string());
            }
        }
    };
    classify(0..pre_end, true, &mut key);
    classify(post_start..parts.len(), false, &mut key);

    // Secretaries with a portfolio are ministers (`Defence Secretary`, `Secretary of State`).
    if head_classes.remove("secretary") {
        if portfolio.len() > 1 {
            portfolio.remove("state");
        }
        if portfolio.is_empty() {
            head_classes.insert("secretary".to_string());
        } else {
            if portfolio.len() == 1 && portfolio.contains("state") {
                portfolio.clear();
                portfolio.insert("foreign affairs".to_string());
            }
            head_classes.insert("minister".to_string());
        }
    }
    key.heads = head_classes.into_iter().collect();
    key.rank = rank.into_iter().collect();
    key.portfolio = portfolio.into_iter().collect();
    key.countries = countries.into_iter().collect();
    key.orgs = orgs.into_iter().collect();
    key.modifiers = modifiers.into_iter().collect();
    key.qualifiers = qualifiers.into_iter().collect();
    key
}

fn subset_either(a: &[String], b: &[String]) -> bool {
    a.iter().all(|x| b.contains(x)) || b.iter().all(|x| a.contains(x))
}

/// How two heads relate: the same office, compatible without further checks, or unrelated.
#[derive(PartialEq)]
enum HeadRel {
    Same,
    Loose,
    /// A generic head (`head`, `chief`) against a role that serves a body (`spokesperson`).
    HeadVsSubordinate,
    Unrelated,
}

fn head_rel(a: &str, b: &str) -> HeadRel {
    if a == b {
        return HeadRel::Same;
    }
    let generic = |h: &str| in_list(GENERIC_HEADS, h);
    let free = |h: &str| in_list(NON_EXCLUSIVE_HEADS, h);
    let mil = |h: &str| in_list(MILITARY_RANKS, h);
    let sub = |h: &str| in_list(SUBORDINATE_HEADS, h);
    if (generic(a) && sub(b)) || (generic(b) && sub(a)) {
        return HeadRel::HeadVsSubordinate;
    }
    if generic(a) || generic(b) || free(a) || free(b) || mil(a) != mil(b) {
        return HeadRel::Loose;
    }
    if OVERLAPPING_HEADS.iter().any(|&(x, y)| (x == a && y == b) || (x == b && y == a)) {
        return HeadRel::Loose;
    }
    HeadRel::Unrelated
}

/// Whether two titles can describe one person's office without contradiction: equal, one a less
/// specific version of the other, or either one a former office.
///
/// Organisations never make a conflict on their own: news names one body many ways (`the Fed`,
/// `the Federal Reserve`; `Kremlin spokesman`, `Putin's spokesman`), so only countries (a closed,
/// reliable list), heads, ranks and portfolios decide.
/// Whether two titles name one body (an organisation or a portfolio word in common).
fn same_body(a: &TitleKey, b: &TitleKey) -> bool {
    let body =
        |k: &TitleKey| k.orgs.iter().chain(&k.portfolio).cloned().collect::<std::collections::BTreeSet<String>>();
    !body(a).is_disjoint(&body(b))
}

pub fn compatible(a: &TitleKey, b: &TitleKey) -> bool {
    if a.former || b.former || a.heads.is_empty() || b.heads.is_empty() {
        return true;
    }
    let mut best = HeadRel::Unrelated;
    for ha in &a.heads {
        for hb in &b.heads {
            match head_rel(ha, hb) {
                HeadRel::Same => best = HeadRel::Same,
                // The head of a body is not its spokesperson; of two different bodies, one
                // person may well be both.
                HeadRel::HeadVsSubordinate if best == HeadRel::Unrelated && same_body(a, b) => {}
                HeadRel::HeadVsSubordinate if best == HeadRel::Unrelated => best = HeadRel::Loose,
                HeadRel::Loose if best == HeadRel::Unrelated => best = HeadRel::Loose,
                _ => {}
            }
        }
    }
    if !subset_either(&a.countries, &b.countries) {
        return false;
    }
    match best {
        HeadRel::Unrelated => false,
        HeadRel::Loose | HeadRel::HeadVsSubordinate => true,
        HeadRel::Same => a.rank == b.rank && subset_either(&a.portfolio, &b.portfolio),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_and_spokesperson_of_one_body_conflict() {
        let k = |t: &str| title_key(t, &[]);
        let head = k("head of the State Emergency Service");
        assert!(!compatible(&k("spokeswoman for the State Emergency Service"), &head));
        assert!(compatible(&k("spokeswoman for the Ministry of Health"), &head), "different bodies");
        assert!(compatible(&k("director of the State Emergency Service"), &head));
    }

    fn pairs(text: &str) -> Vec<(String, String)> {
        find_titles(text).into_iter().map(|m| (m.person_text, m.title_text)).collect()
    }

    #[test]
    fn extracts_title_constructions() {
        let cases: &[(&str, &str, &str)] = &[
            ("Jane Roe, the chief executive of Acme, said profits rose.", "Jane Roe", "chief executive of Acme"),
            (
                "The talks were led by Tom Hale, deputy director of the agency, on Monday.",
                "Tom Hale",
                "deputy director of the agency",
            ),
            (
                "Priya Nair, a spokeswoman for the Ministry of Health, declined to comment.",
                "Priya Nair",
                "spokeswoman for the Ministry of Health",
            ),
            (
                "The Minister of Foreign Affairs of Norway, Anne Berg, arrived on Tuesday.",
                "Anne Berg",
                "Minister of Foreign Affairs of Norway",
            ),
            (
                "The ambassador of Chile at the UN, Pablo Rojas, spoke first.",
                "Pablo Rojas",
                "ambassador of Chile at the UN",
            ),
            (
                "In a letter from the President of Kenya, Samuel Otieno, to the council, concerns were raised.",
                "Samuel Otieno",
                "President of Kenya",
            ),
            ("Acme's chief executive Jane Roe resigned.", "Jane Roe", "Acme's chief executive"),
            ("Peru's Foreign Minister Luis Vargas met his counterpart.", "Luis Vargas", "Peru's Foreign Minister"),
            ("The deal was praised by President Okafor on Friday.", "Okafor", "President"),
            ("Defence Minister Ana Souza visited the base.", "Ana Souza", "Defence Minister"),
            ("Judge Mary Klein dismissed the case.", "Mary Klein", "Judge"),
            ("Chief Executive Paul Grant announced the merger.", "Paul Grant", "Chief Executive"),
            (
                "The report came out, U.N. nuclear watchdog chief Hans Lind said.",
                "Hans Lind",
                "U.N. nuclear watchdog chief",
            ),
            (
                "Omar Haddad was the Jordanian representative at the UN.",
                "Omar Haddad",
                "Jordanian representative at the UN",
            ),
            ("Lena Fischer, who is the mayor of Bremen, opened the fair.", "Lena Fischer", "mayor of Bremen"),
            ("Karl Weber served as finance minister until 2019.", "Karl Weber", "finance minister"),
            (
                "According to Ivan Petrenko, chief engineer of Orion LLC, the plant was rebuilt.",
                "Ivan Petrenko",
                "chief engineer of Orion LLC",
            ),
            (
                "The plant was sold by Arman Grigoryan the Armenian president, who denied it.",
                "Arman Grigoryan",
                "Armenian president",
            ),
            ("Former President Alan Brooks criticised the plan.", "Alan Brooks", "Former President"),
            ("The bill was signed by Prime Minister Sofia Costa.", "Sofia Costa", "Prime Minister"),
            ("Secretary-General Maria Lopes urged restraint.", "Maria Lopes", "Secretary-General"),
            ("The President of Ghana Kwame Mensah said the vote was fair.", "Kwame Mensah", "President of Ghana"),
            (
                "Dan Ortiz, chairman and chief executive of Bolt Corp, left.",
                "Dan Ortiz",
                "chairman and chief executive of Bolt Corp",
            ),
            ("The company's general counsel, Ruth Adler, resigned.", "Ruth Adler", "company's general counsel"),
            ("Then-President Ray Collins vetoed it.", "Ray Collins", "Then-President"),
            ("Nadia Karimi has been appointed ambassador to France.", "Nadia Karimi", "ambassador to France"),
            ("Under President Ronald Reagan, the economy grew.", "Ronald Reagan", "President"),
            ("Cook met Commerce Minister Wang Wentao.", "Wang Wentao", "Commerce Minister"),
            (
                "He thanked the President of France, Emmanuel Macron, for his help.",
                "Emmanuel Macron",
                "President of France",
            ),
            (
                "Minister of Foreign Affairs Idris Malkov met his counterpart.",
                "Idris Malkov",
                "Minister of Foreign Affairs",
            ),
            (
                "It was written by John Smith, a professor of history at Yale University.",
                "John Smith",
                "professor of history at Yale University",
            ),
            ("Saudi Crown Prince Mohammed bin Salman hosted the summit.", "Mohammed bin Salman", "Saudi Crown Prince"),
            ("King Charles III also spoke.", "Charles III", "King"),
        ];
        for (sentence, person, title) in cases {
            let got = pairs(sentence);
            assert!(
                got.contains(&(person.to_string(), title.to_string())),
                "{sentence}\n  expected {person} : {title}\n  got {got:?}"
            );
            assert_eq!(got.len(), 1, "{sentence}: {got:?}");
        }
    }

    #[test]
    fn flags_former_titles() {
        let m = find_titles("Former President Alan Brooks criticised the plan.");
        assert!(m[0].former);
        let m = find_titles("Ex-minister Tariq Aziz spoke.");
        assert!(m.iter().all(|m| m.former), "{m:?}");
        let m = find_titles("The then president, Ray Collins, vetoed it.");
        assert!(m[0].former, "{m:?}");
        let m = find_titles("Karl Weber was the finance minister.");
        assert!(m[0].former);
        assert!(key("one-time chief executive").former);
        let m = find_titles("Acting President Lee Park spoke.");
        assert!(!m[0].former);
    }

    #[test]
    fn spans_point_at_the_text() {
        let t = "Yesterday, Valdoria’s Foreign Minister Idris Malkov met Ö. Çelik.";
        let m = &find_titles(t)[0];
        assert_eq!(&t[m.person.clone()], "Idris Malkov");
        assert_eq!(&t[m.title.clone()], "Valdoria’s Foreign Minister");
    }

    #[test]
    fn yields_no_pair_for_descriptions_organisations_pronouns() {
        let none = [
            "Pro-Western politician Robert Lang was involved in the sale.",
            "Climate activist Greta Moss spoke to the crowd.",
            "Security expert John Hale warned of attacks.",
            "He was the president of the club for years.",
            "She is the chief executive of the firm.",
            "In a letter to the UN Secretary General, the Ministry of Foreign Affairs of Chile stated its position.",
            "The Ministry of Defense of Peru, the main buyer, refused.",
            "Electron LLC, the chief supplier, refused to comment.",
            "Omar Haddad's representative addressed the Secretary-General and said so.",
            "The president said on Monday that talks would resume.",
            "His old friend Martin Cole called him an excellent friend of Russia.",
            "In a letter sent to the Secretary General of the UN in February, he stated his view.",
            "Kenya, the chair of the group, abstained.",
            "The Hayden Group chairman resigned.",
            "After meeting the foreign minister, Smith said little.",
            "Meanwhile, the head of the agency, said nothing.",
        ];
        for s in none {
            assert_eq!(pairs(s), Vec::<(String, String)>::new(), "{s}");
        }
    }

    fn key(s: &str) -> TitleKey {
        title_key(s, &[])
    }

    #[test]
    fn equivalent_and_conflicting_titles() {
        let cases: &[(&str, &str, bool)] = &[
            ("Valdorian representative at the UN", "representative of Valdoria at the UN", true),
            ("representative at the UN", "representative of Valdoria at the UN", true),
            ("the President of Valdoria", "Foreign Minister", false),
            ("Minister of Foreign Affairs", "Foreign Minister", true),
            ("Foreign Affairs Minister", "Minister of Foreign Affairs", true),
            ("CEO", "chief executive officer", true),
            ("chief executive of Acme", "Acme's CEO", true),
            ("representative at the U.N.", "representative at the United Nations", true),
            ("minister", "foreign minister", true),
            ("President", "President of Valdoria", true),
            ("president", "minister", false),
            ("Minister of Defence", "Minister of Foreign Affairs", false),
            ("President of Valdoria", "President of Armenia", false),
            ("former foreign minister", "President", true),
            ("Deputy Foreign Minister", "Foreign Minister", false),
            ("Vice President", "President", false),
            ("Prime Minister", "Foreign Minister", false),
            ("Armenian Defense Minister", "Minister of Defence of Armenia", true),
            ("U.N. nuclear watchdog chief", "Director General of the IAEA", true),
            ("chief engineer of Electron LLC", "chief engineer of the Elektron plant", true),
            ("chief executive of Acme", "chief executive of Globex", true),
            ("Kremlin spokesman", "Putin's spokesman", true),
            ("Armenian ambassador", "Georgian ambassador", false),
            ("Secretary of State", "US Foreign Minister", true),
            ("Defence Secretary", "Minister of Defence", true),
            ("spokesman for the ministry", "spokeswoman", true),
            ("acting president", "President", true),
            ("UN Secretary-General", "Secretary General of the United Nations", true),
            ("Valdoria's Foreign Minister", "Minister of Foreign Affairs of Valdoria", true),
            ("chairman and chief executive of Acme", "Acme chairman", true),
            ("co-founder of Acme", "President", true),
        ];
        for (a, b, want) in cases {
            let (ka, kb) = (key(a), key(b));
            assert_eq!(compatible(&ka, &kb), *want, "{a} vs {b}\n  {ka:?}\n  {kb:?}");
            assert_eq!(compatible(&kb, &ka), *want, "symmetric: {a} vs {b}");
        }
    }

    #[test]
    fn one_person_two_offices_across_documents() {
        let a = "In the letter of the President of Norway, Erik Dahl, to the UN Secretary-General, it is said ...";
        let b = "Foreign Minister Erik Dahl wrote to the UN Secretary-General in March.";
        let c = "Erik Dahl, Norway's foreign minister, declined to comment.";
        let (ma, mb, mc) = (&find_titles(a)[0], &find_titles(b)[0], &find_titles(c)[0]);
        assert_eq!((ma.person_text.as_str(), mb.person_text.as_str()), ("Erik Dahl", "Erik Dahl"));
        let (ka, kb, kc) = (key(&ma.title_text), key(&mb.title_text), key(&mc.title_text));
        assert!(!compatible(&ka, &kb), "{} vs {}", ka.display(), kb.display());
        assert!(compatible(&kb, &kc), "{} vs {}", kb.display(), kc.display());
        assert_eq!(kc.display(), "minister of foreign affairs (norway)");
    }

    #[test]
    fn declared_synonyms_are_applied() {
        let syn = vec![("Permanent Representative".to_string(), "ambassador".to_string())];
        assert!(compatible(
            &title_key("Permanent Representative of Chile", &syn),
            &title_key("Chilean ambassador", &syn)
        ));
        let syn = vec![("first minister".to_string(), "prime minister".to_string())];
        assert!(compatible(&key("First Minister"), &key("foreign minister")));
        assert!(!compatible(&title_key("First Minister", &syn), &title_key("foreign minister", &syn)));
    }

    #[test]
    fn displays_a_normalised_form() {
        assert_eq!(
            key("the Minister of Foreign Affairs of Valdoria").display(),
            "minister of foreign affairs (valdoria)"
        );
        assert_eq!(key("Valdorian representative at the UN").display(), "representative (valdoria, UN)");
        assert_eq!(key("former Prime Minister").display(), "former prime minister");
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in ["", ",", "President", "’s", "ex-", "The President of , ", "Ö’s chief Ä. ,,", "U.N.", "President Ö"]
        {
            let _ = find_titles(t);
            let _ = title_key(t, &[]);
        }
    }
}
