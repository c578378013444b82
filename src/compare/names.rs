//! Groups the name forms of a whole document set into **spelling-variant clusters**.
//!
//! Transliterated names drift between sources: one article writes `Hayk-Mek`, another `Ayk-Mek`;
//! `Zaporozhye` and `Zaporizhzhya` are one city. A reader cannot tell whether these are the same
//! entity, so every cluster with two or more distinct spellings is a finding.
//!
//! Two forms are variants when their *keys* agree: the key folds case, diacritics, hyphens and
//! spaces, doubled letters, a dropped initial `h` and common transliteration pairs (`k/c/q`,
//! `y/i`, `zh/z/s`, `kh/h`, `ph/f`, `w/v`, `dzh/j`, `tch/ch`, Slavic endings `-ya/-ia/-ye`). Keys that
//! still differ may differ only by vowels (`Kharkiv`/`Kharkov`), `g/k` (`Gaddafi`/`Qaddafi`) or `sh/s`
//! (`Ogbomosho`/`Ogbomoso`),
//! never at their first or last letter, and only in long words, which keeps derived words
//! (`Armenia`/`Armenian`), look-alike names (`Martin`/`Marvin`, `Austria`/`Australia`) and short
//! names (`Iran`/`Iraq`) apart. Multi-word names are compared word by word (`Ministry of Defense`
//! vs `Ministry of Defence`), so a short form is never a variant of a longer name that contains it.
//!
//! Clustering is not all-pairs: every allowed difference keeps the consonant skeleton of the key,
//! so only forms sharing a skeleton are compared.
//!
//! ```text
//! Ayk-Mek, Hayk-Mek, Electron, Elektron, Robert Kocharyan, Kocharyan
//!   -> [Ayk-Mek, Hayk-Mek], [Electron, Elektron]
//! ```

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use crate::facts::names::NameMention;

/// How variants are found, and which names the user has declared.
#[derive(Debug, Clone, PartialEq)]
pub struct NameSettings {
    /// Minimum Jaro-Winkler similarity of the keys of two words that differ after folding.
    pub min_similarity: f64,
    pub declared: Vec<DeclaredName>,
}

impl Default for NameSettings {
    fn default() -> Self {
        NameSettings { min_similarity: 0.8, declared: Vec::new() }
    }
}

/// A name the user declared, with aliases that belong to it whatever they look like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclaredName {
    pub canonical: String,
    pub aliases: Vec<String>,
    /// `true`: the forms are accepted variants and never a finding.
    pub equivalent: bool,
}

/// A cluster of spellings of one name.
#[derive(Debug, Clone, PartialEq)]
pub struct VariantGroup {
    /// Distinct surface forms, in order of first mention.
    pub forms: Vec<FormInfo>,
    /// Index into `forms` of the proposed spelling.
    pub canonical: usize,
    /// The weakest similarity among the links that built the cluster (1.0 for folding-only links).
    pub score: f64,
    /// Whether a declared name took part.
    pub declared: bool,
}

/// One surface form and where it occurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormInfo {
    pub form: String,
    /// `(document index, byte span)`, in document then text order.
    pub mentions: Vec<(usize, Range<usize>)>,
}

const VOWELS: &[char] = &['a', 'e', 'i', 'o', 'u'];

fn is_vowel(c: char) -> bool {
    VOWELS.contains(&c)
}

/// ASCII lowercase letters and digits of `s`, nothing else.
fn plain(s: &str) -> String {
    deunicode::deunicode(s).chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

fn collapse_doubles(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev = None;
    for c in s.chars() {
        if prev != Some(c) {
            out.push(c);
        }
        prev = Some(c);
    }
    out
}

/// Slavic endings written many ways (`-ya`, `-ia`, `-iya`, `-ye`...) become one marker `Y`.
const ENDINGS: &[&str] = &["iya", "iia", "ija", "iye", "ije", "ia", "ya", "ja", "ye", "je"];

/// Multi-letter spellings of one sound, longest first within each starting letter.
const REWRITES: &[(&str, &str)] = &[
    ("shch", "S"),
    ("tsch", "C"),
    ("tch", "C"),
    ("sch", "S"),
    ("dzh", "j"),
    ("ch", "C"),
    ("sh", "S"),
    ("dj", "j"),
    ("zh", "s"),
    ("kh", "h"),
    ("gh", "g"),
    ("dh", "d"),
    ("th", "t"),
    ("ph", "f"),
    ("ck", "k"),
    ("cq", "k"),
    ("ts", "T"),
    ("tz", "T"),
    ("ou", "u"),
    ("iy", "i"),
    ("q", "k"),
    ("x", "ks"),
    ("w", "v"),
    ("z", "s"),
    ("y", "i"),
];

/// The transliteration-normalised key of one word given as [`plain`] text.
fn word_key(word: &str) -> String {
    if word.is_empty() || word.bytes().any(|b| b.is_ascii_digit()) {
        return word.to_string();
    }
    // The Arabic article is written `al`, `el` or `ul` (`al-Khulaifi`/`el-Khulaifi`).
    if matches!(word, "al" | "el" | "ul") {
        return "al".to_string();
    }
    let mut w: &str = word;
    // `Ye-` read as `E-` (`Yerevan`/`Erevan`). A dropped initial `h` is handled after the
    // rewrites below, so that `kh` → `h` counts too.
    let owned;
    if w.len() > 3 && w.starts_with("ye") {
        owned = format!("e{}", &w[2..]);
        w = &owned;
    }
    let mut ending = "";
    for e in ENDINGS {
        if w.len() >= e.len() + 3 && w.ends_with(e) {
            w = &w[..w.len() - e.len()];
            ending = "Y";
            break;
        }
    }
    let mut out = String::with_capacity(w.len() + 1);
    let mut i = 0;
    while i < w.len() {
        let rest = &w[i..];
        // An initial `y` before a vowel is a consonant (`Yan` is not `Ian`).
        if i == 0 && rest.starts_with('y') && rest[1..].starts_with(is_vowel) {
            out.push('y');
            i += 1;
            continue;
        }
        match REWRITES.iter().find(|(from, _)| rest.starts_with(from)) {
            Some((from, to)) => {
                out.push_str(to);
                i += from.len();
            }
            // A soft `c` is an `s` (`Cesar`), a hard one a `k` (`Electron`).
            None if rest.starts_with('c') => {
                out.push(if rest[1..].starts_with(['e', 'i', 'y']) { 's' } else { 'k' });
                i += 1;
            }
            None => {
                out.push_str(&rest[..1]);
                i += 1;
            }
        }
    }
    out.push_str(ending);
    // A dropped initial `h` (`Hayk`/`Ayk`), also where it was written `kh` (`Kharkiv`/`Harkiv`).
    if out.len() > 2 && out.starts_with('h') && out[1..].starts_with(is_vowel) {
        out.remove(0);
    }
    collapse_doubles(&out)
}

/// The folding key of a name: two forms with equal keys are spellings of one name. Case,
/// diacritics, spaces, hyphens, doubled letters and common transliteration pairs are folded.
pub fn name_key(form: &str) -> String {
    words(form).iter().map(|w| word_key(&w.plain)).collect()
}

/// A word of a form (split at white space and hyphens), with the corpus flag of its source word.
#[derive(Debug, Clone)]
struct FormWord {
    plain: String,
    common: bool,
}

fn words(form: &str) -> Vec<FormWord> {
    words_flagged(form, &[])
}

fn words_flagged(form: &str, common: &[bool]) -> Vec<FormWord> {
    let mut out = Vec::new();
    for (i, w) in form.split_whitespace().enumerate() {
        let flag = common.get(i).copied().unwrap_or(false);
        for part in w.split(['-', '‐', '–']) {
            let p = plain(part);
            if !p.is_empty() {
                out.push(FormWord { plain: p, common: flag });
            }
        }
    }
    out
}

/// An all-capitals form such as `CSTO` or `U.N.`: acronyms vary only by dots.
fn is_acronym_form(form: &str) -> bool {
    let letters: Vec<char> = form.chars().filter(|c| c.is_alphabetic()).collect();
    (2..=7).contains(&letters.len()) && letters.iter().all(|c| c.is_uppercase())
}

/// Whether `a` and `b` are spellings of one name; returns their similarity (1.0 when they differ
/// only by folding).
pub fn is_variant(a: &str, b: &str) -> Option<f64> {
    variant_score(a, &[], b, &[], NameSettings::default().min_similarity)
}

/// Cost of aligning two keys when only vowels may change, appear or vanish and `g`/`k`, `sh`/`s` or
/// `ch`/`h` (Greek `χ`: `Vlachou`/`Vlahou`) may swap; `None` when anything else differs or the cost exceeds `budget`.
fn aligned_cost(a: &[char], b: &[char], budget: usize) -> Option<usize> {
    const INF: usize = usize::MAX / 4;
    let sub = |x: char, y: char| {
        if x == y {
            0
        } else if (is_vowel(x) && is_vowel(y))
            || (matches!(x, 'g' | 'k') && matches!(y, 'g' | 'k'))
            || (matches!(x, 's' | 'S') && matches!(y, 's' | 'S'))
            || (matches!(x, 'C' | 'h') && matches!(y, 'C' | 'h'))
        {
            1
        } else {
            INF
        }
    };
    let indel = |x: char| if is_vowel(x) { 1 } else { INF };
    let mut prev: Vec<usize> = Vec::with_capacity(b.len() + 1);
    prev.push(0);
    for &y in b {
        let last = *prev.last().unwrap_or(&0);
        prev.push((last + indel(y)).min(INF));
    }
    for &x in a {
        let mut cur = Vec::with_capacity(b.len() + 1);
        cur.push((prev[0] + indel(x)).min(INF));
        for (j, &y) in b.iter().enumerate() {
            let v = (prev[j] + sub(x, y)).min(prev[j + 1] + indel(x)).min(cur[j] + indel(y)).min(INF);
            cur.push(v);
        }
        prev = cur;
    }
    let cost = prev[b.len()];
    (cost <= budget).then_some(cost)
}

/// Similarity of two different words, or `None` when they are not variants.
fn word_score(x: &FormWord, y: &FormWord, another_word_equal: bool, min_similarity: f64) -> Option<f64> {
    if x.plain == y.plain {
        return Some(1.0);
    }
    let (kx, ky) = (word_key(&x.plain), word_key(&y.plain));
    let len = x.plain.len().min(y.plain.len());
    let short = len < 5;
    if kx == ky {
        // Short words collide easily (`Ian`/`Yan`): folding alone may join them only when they
        // differ by doubled letters, or when another word of the name is identical (`Ayk-Mek`).
        if short && !another_word_equal && collapse_doubles(&x.plain) != collapse_doubles(&y.plain) {
            return None;
        }
        return Some(1.0);
    }
    // Fuzzy differences: never for words under six letters (`Karen`/`Karin`), nor between two words the set uses as common
    // words (`Council`/`Counsel`), nor for numbers.
    if len < 6 || (x.common && y.common) || kx.bytes().chain(ky.bytes()).any(|b| b.is_ascii_digit()) {
        return None;
    }
    let (ca, cb): (Vec<char>, Vec<char>) = (kx.chars().collect(), ky.chars().collect());
    let (fa, fb) = (ca[0], cb[0]);
    if !(fa == fb || (matches!(fa, 'g' | 'k') && matches!(fb, 'g' | 'k'))) || ca.last() != cb.last() {
        return None;
    }
    let budget = if ca.len().min(cb.len()) >= 7 { 2 } else { 1 };
    aligned_cost(&ca, &cb, budget)?;
    let score = strsim::jaro_winkler(&kx, &ky);
    (score >= min_similarity).then_some(score)
}

fn variant_score(a: &str, a_common: &[bool], b: &str, b_common: &[bool], min_similarity: f64) -> Option<f64> {
    let (pa, pb) = (plain(a), plain(b));
    if pa.is_empty() || pb.is_empty() {
        return None;
    }
    if pa == pb {
        return Some(1.0);
    }
    if is_acronym_form(a) || is_acronym_form(b) {
        return None;
    }
    let (wa, wb) = (words_flagged(a, a_common), words_flagged(b, b_common));
    if wa.len() != wb.len() {
        // Different word counts: a longer name is not a spelling of a shorter one, unless only
        // the word boundaries moved (`Hayk Mek`/`Haykmek`).
        let same = pa.len().min(pb.len()) >= 5 && name_key(a) == name_key(b);
        return same.then_some(1.0);
    }
    let mut score: f64 = 1.0;
    for (i, (x, y)) in wa.iter().zip(&wb).enumerate() {
        if x.plain == y.plain {
            continue;
        }
        let another_equal =
            wa.iter().zip(&wb).enumerate().any(|(j, (p, q))| j != i && p.plain == q.plain && p.plain.len() >= 3);
        score = score.min(word_score(x, y, another_equal, min_similarity)?);
    }
    Some(score)
}

/// Consonant skeleton of a key: every difference [`variant_score`] accepts keeps it, so it is the
/// blocking key under which forms are compared.
fn skeleton(key: &str) -> String {
    key.chars()
        .filter(|c| !is_vowel(*c))
        .map(|c| match c {
            'g' => 'k',
            'S' => 's',
            'C' => 'h',
            c => c,
        })
        .collect()
}

/// Surfaces that are the same spelling: case and dots do not make a variant (`U.N.`/`UN`).
fn identity(form: &str) -> String {
    form.chars().filter(|c| *c != '.').flat_map(char::to_lowercase).collect()
}

/// One distinct spelling during clustering.
struct Unit {
    identity: String,
    /// Raw texts with their counts, to pick the displayed surface.
    surfaces: BTreeMap<String, usize>,
    mentions: Vec<(usize, Range<usize>)>,
    /// Whether some mention is a whole name, not a word cut out of a longer name.
    whole: bool,
    common: Vec<bool>,
    declared: Option<usize>,
    /// First words of the longer names this unit ends (`Hans` of `Hans Andersen`), titles left out.
    given: Vec<String>,
}

/// Words that open a name without being a given name (`President Zelensky`).
const NOT_GIVEN: &[&str] = &[
    "president",
    "minister",
    "prime",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "doctor",
    "general",
    "mayor",
    "judge",
    "governor",
    "senator",
    "king",
    "queen",
    "prince",
    "princess",
    "chancellor",
    "secretary",
    "director",
    "chief",
    "captain",
    "professor",
    "prof",
    "sir",
    "lord",
    "lady",
    "dame",
    "pope",
    "sheikh",
    "colonel",
    "commander",
    "ambassador",
    "coach",
    "manager",
    "councillor",
    "councilor",
    "deputy",
    "chairman",
    "chairwoman",
    "leader",
    "father",
    "sister",
    "brother",
    "saint",
    "st",
    "emir",
    "sultan",
    "speaker",
    "lieutenant",
    "major",
    "sergeant",
    "detective",
    "officer",
    "inspector",
    "bishop",
    "rabbi",
    "imam",
    "reverend",
    "rev",
    "the",
    "former",
    "late",
];

/// Whether two units are surnames of people with different given names (`Hans Andersen`, `Mary
/// Anderson`): both are known with given names, and none of one's is a spelling of the other's.
fn different_people(a: &Unit, b: &Unit, min_similarity: f64) -> bool {
    !a.given.is_empty()
        && !b.given.is_empty()
        && !a.given.iter().any(|x| b.given.iter().any(|y| variant_score(x, &[], y, &[], min_similarity).is_some()))
}

struct UnionFind {
    parent: Vec<usize>,
    score: Vec<f64>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind { parent: (0..n).collect(), score: vec![1.0; n] }
    }
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize, score: f64) {
        let (ra, rb) = (self.find(a), self.find(b));
        let (lo, hi) = (ra.min(rb), ra.max(rb));
        let s = self.score[ra].min(self.score[rb]).min(score);
        self.parent[hi] = lo;
        self.score[lo] = s;
    }
}

/// Groups every mention into variant clusters and returns the clusters with at least two distinct
/// surface forms (declared-equivalent forms count as one), sorted by first mention.
pub fn variant_groups(mentions: &[Vec<NameMention>], settings: &NameSettings) -> Vec<VariantGroup> {
    // Declared names: every key of a declared name points to it; equivalent ones share a surface.
    let mut declared_by_key: HashMap<String, usize> = HashMap::new();
    for (d, decl) in settings.declared.iter().enumerate() {
        for form in std::iter::once(&decl.canonical).chain(&decl.aliases) {
            let key = name_key(form);
            if !key.is_empty() {
                declared_by_key.entry(key).or_insert(d);
            }
        }
    }
    let unit_identity = |form: &str| -> (String, Option<usize>) {
        let d = if declared_by_key.is_empty() { None } else { declared_by_key.get(&name_key(form)).copied() };
        match d {
            Some(d) if settings.declared[d].equivalent => (identity(&settings.declared[d].canonical), Some(d)),
            _ => (identity(form), d),
        }
    };

    let mut units: Vec<Unit> = Vec::new();
    let mut by_identity: HashMap<String, usize> = HashMap::new();
    let mut add = |form: &str, common: &[bool], doc: usize, span: Range<usize>, whole: bool| {
        let (id, declared) = unit_identity(form);
        let idx = *by_identity.entry(id.clone()).or_insert_with(|| {
            units.push(Unit {
                identity: id,
                surfaces: BTreeMap::new(),
                mentions: Vec::new(),
                whole: false,
                common: vec![false; common.len()],
                declared,
                given: Vec::new(),
            });
            units.len() - 1
        });
        let u = &mut units[idx];
        *u.surfaces.entry(form.to_string()).or_default() += 1;
        u.mentions.push((doc, span));
        u.whole |= whole;
        for (flag, c) in u.common.iter_mut().zip(common) {
            *flag |= *c;
        }
        idx
    };
    let mut givens: Vec<(usize, String)> = Vec::new();
    for (doc, list) in mentions.iter().enumerate() {
        for m in list {
            add(&m.text, &m.common, doc, m.span.clone(), true);
            // The first and last words of a longer name also stand for it (`President Zelensky`
            // names `Zelensky`), so they may be variants of a one-word name elsewhere.
            let parts: Vec<(usize, &str)> =
                m.text.split_whitespace().map(|w| (w.as_ptr() as usize - m.text.as_ptr() as usize, w)).collect();
            if parts.len() < 2 {
                continue;
            }
            for (i, &(offset, w)) in parts.iter().enumerate() {
                if !(i == 0 || i + 1 == parts.len()) {
                    continue;
                }
                let usable = w.chars().next().is_some_and(char::is_uppercase)
                    && !is_acronym_form(w)
                    && plain(w).len() >= 5
                    && !w.chars().any(|c| c.is_ascii_digit() || c == '.');
                if usable {
                    let start = m.span.start + offset;
                    let flag = m.common.get(i).copied().unwrap_or(false);
                    let idx = add(w, &[flag], doc, start..start + w.len(), false);
                    let given = plain(parts[0].1);
                    let is_given = i > 0
                        && given.len() >= 2
                        && parts[0].1.chars().next().is_some_and(char::is_uppercase)
                        && !is_acronym_form(parts[0].1)
                        && !NOT_GIVEN.contains(&given.as_str());
                    if is_given {
                        givens.push((idx, given));
                    }
                }
            }
        }
    }

    for (idx, given) in givens {
        if !units[idx].given.contains(&given) {
            units[idx].given.push(given);
        }
    }
    let mut uf = UnionFind::new(units.len());
    // Declared names join whatever their spellings look like.
    let mut first_of_declared: BTreeMap<usize, usize> = BTreeMap::new();
    for (i, u) in units.iter().enumerate() {
        if let Some(d) = u.declared {
            match first_of_declared.get(&d) {
                Some(&j) => uf.union(j, i, 1.0),
                None => {
                    first_of_declared.insert(d, i);
                }
            }
        }
    }
    // Blocking: only units sharing a consonant skeleton are compared.
    let mut blocks: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let forms: Vec<String> = units.iter().map(|u| display(u).to_string()).collect();
    let keys: Vec<String> = forms.iter().map(|f| name_key(f)).collect();
    for (i, key) in keys.iter().enumerate() {
        let sk = skeleton(key);
        blocks.entry(if sk.len() >= 2 { sk } else { key.clone() }).or_default().push(i);
    }
    for members in blocks.values() {
        for (n, &i) in members.iter().enumerate() {
            for &j in &members[n + 1..] {
                if !(units[i].whole || units[j].whole) {
                    continue;
                }
                // A word cut out of a longer name may be another entity (`Columbia University`
                // is not `Colombia`): it joins a one-word name only when their keys agree.
                if !(units[i].whole && units[j].whole) && keys[i] != keys[j] {
                    continue;
                }
                if keys[i] != keys[j] && different_people(&units[i], &units[j], settings.min_similarity) {
                    continue;
                }
                let s =
                    variant_score(&forms[i], &units[i].common, &forms[j], &units[j].common, settings.min_similarity);
                if let Some(s) = s {
                    uf.union(i, j, s);
                }
            }
        }
    }

    let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..units.len() {
        let r = uf.find(i);
        clusters.entry(r).or_default().push(i);
    }
    let mut groups = Vec::new();
    for (root, members) in clusters {
        if members.len() < 2 {
            continue;
        }
        let mut forms_info: Vec<(FormInfo, bool)> = members
            .iter()
            .map(|&i| {
                let mut mentions = units[i].mentions.clone();
                mentions.sort_by_key(|(d, r)| (*d, r.start, r.end));
                mentions.dedup();
                (FormInfo { form: forms[i].clone(), mentions }, units[i].declared.is_some())
            })
            .collect();
        forms_info.sort_by_key(|(f, _)| f.mentions.first().map(|(d, r)| (*d, r.start)));
        let declared = forms_info.iter().any(|(_, d)| *d);
        let declared_canonical: Vec<String> = members
            .iter()
            .filter_map(|&i| units[i].declared)
            .map(|d| identity(&settings.declared[d].canonical))
            .collect();
        let forms: Vec<FormInfo> = forms_info.into_iter().map(|(f, _)| f).collect();
        let canonical =
            forms.iter().position(|f| declared_canonical.contains(&identity(&f.form))).unwrap_or_else(|| {
                let mut best = 0;
                for (i, f) in forms.iter().enumerate() {
                    if f.mentions.len() > forms[best].mentions.len() {
                        best = i;
                    }
                }
                best
            });
        groups.push(VariantGroup { forms, canonical, score: uf.score[root], declared });
    }
    // A cluster whose every form sits inside a form of another cluster repeats that finding
    // (`Secretary General` cut out of `UN Secretary General`).
    let contained = |inner: &VariantGroup, outer: &VariantGroup| {
        inner.forms.iter().all(|f| outer.forms.iter().any(|h| h.form != f.form && contains_words(&h.form, &f.form)))
    };
    // Only clusters sharing a word can contain one another.
    let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
    for (j, h) in groups.iter().enumerate() {
        let mut seen: Vec<String> = h.forms.iter().flat_map(|f| words(&f.form)).map(|w| w.plain).collect();
        seen.sort();
        seen.dedup();
        for w in seen {
            by_word.entry(w).or_default().push(j);
        }
    }
    let redundant: Vec<bool> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let first = g.forms.first().and_then(|f| words(&f.form).into_iter().next()).map(|w| w.plain);
            let candidates = first.and_then(|w| by_word.get(&w)).map_or(&[][..], Vec::as_slice);
            candidates.iter().any(|&j| i != j && contained(g, &groups[j]))
        })
        .collect();
    let mut groups: Vec<VariantGroup> = groups.into_iter().zip(redundant).filter(|(_, r)| !r).map(|(g, _)| g).collect();
    groups.sort_by(|a, b| {
        let key = |g: &VariantGroup| g.forms.first().and_then(|f| f.mentions.first().map(|(d, r)| (*d, r.start)));
        key(a).cmp(&key(b)).then_with(|| a.forms[0].form.cmp(&b.forms[0].form))
    });
    groups
}

/// Whether `inner` occurs in `outer` as whole words.
fn contains_words(outer: &str, inner: &str) -> bool {
    outer.match_indices(inner).any(|(i, _)| {
        let before = outer[..i].chars().next_back();
        let after = outer[i + inner.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The surface shown for a unit: its most frequent raw text, ties to the smallest.
fn display(u: &Unit) -> &str {
    let mut best: Option<(&String, usize)> = None;
    for (s, &n) in &u.surfaces {
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((s, n));
        }
    }
    best.map_or(u.identity.as_str(), |(s, _)| s.as_str())
}

/// The `names` rule: every variant cluster with two or more spellings becomes one `spelling`
/// finding listing every place each spelling is used and proposing the canonical one.
pub fn check(cx: &crate::engine::Context, rule: &crate::rules::Rule) -> Vec<crate::findings::Finding> {
    use crate::findings::{FindingBuilder, Kind};
    let settings = NameSettings {
        min_similarity: rule.settings.min_similarity.unwrap_or(NameSettings::default().min_similarity),
        declared: rule
            .settings
            .names
            .iter()
            .chain(cx.options.equivalent_names.iter().filter(|e| !rule.settings.names.contains(e)))
            .map(|d| DeclaredName {
                canonical: d.canonical.clone(),
                aliases: d.aliases.clone(),
                equivalent: d.equivalent,
            })
            .collect(),
    };
    // A rule with declarations of its own reports only what they cover; the other clusters are
    // the default rule's business and would be reported twice.
    let own_declarations = !rule.settings.names.is_empty();
    let mentions: Vec<Vec<NameMention>> = cx.facts.iter().map(|f| f.names.clone()).collect();
    let mut findings = Vec::new();
    for group in variant_groups(&mentions, &settings) {
        if own_declarations && !group.declared {
            continue;
        }
        let canonical = group.forms[group.canonical].form.clone();
        let others: Vec<String> =
            group.forms.iter().filter(|f| f.form != canonical).map(|f| format!("`{}`", f.form)).collect();
        let message = match &rule.message {
            Some(m) => m.replace("{subject}", &canonical).replace("{values}", &others.join(", ")),
            None if group.declared => format!("`{canonical}` is also written {}", others.join(", ")),
            None => format!("`{canonical}` is also written {}", others.join(", ")),
        };
        let mut b = FindingBuilder::new(rule, Kind::Spelling, canonical.clone(), message).canonical(canonical.clone());
        if !group.declared {
            b = b.score(group.score);
        }
        for form in &group.forms {
            let value = name_key(&form.form);
            for (doc, span) in &form.mentions {
                b = b.evidence(&cx.docs[*doc], span.clone(), value.clone(), Some("form"));
            }
        }
        findings.push(b.build());
    }
    findings
}

#[cfg(test)]
mod tests {

    #[test]
    fn surnames_of_people_with_other_given_names_stay_apart() {
        let docs = [
            "The potter Greta Halvorsen opened a studio. Halvorsen said the clay came from Bergen.",
            "The cyclist Derek Halverson won the stage. Halverson said the wind was hard.",
        ];
        let groups = variant_groups(&find_names(&docs), &NameSettings::default());
        assert!(groups.iter().all(|g| !g.forms.iter().any(|f| f.form.contains("Halv"))), "{groups:#?}");
        let docs = ["Greta Halvorsen spoke first.", "Later Greta Halverson spoke again, and Halverson left."];
        let groups = variant_groups(&find_names(&docs), &NameSettings::default());
        assert!(!groups.is_empty(), "one given name: still one person");
    }

    #[test]
    fn a_greek_ch_may_be_written_h_inside_a_long_word() {
        assert!(is_variant("Irini Vlachou", "Irini Vlahou").is_some());
        assert!(is_variant("Tsochatzopoulos", "Tsohatzopoulos").is_some());
        assert!(is_variant("Bacher", "Baker").is_none(), "ch is not k");
        assert!(is_variant("Rocha", "Roha").is_none(), "short words stay strict");
    }

    #[test]
    fn a_dropped_h_counts_where_it_was_written_kh() {
        assert!(is_variant("Kharatishvili", "Haratishvili").is_some());
        assert!(is_variant("Haratishvili", "Aratishvili").is_some());
        assert!(is_variant("Hayk-Mek", "Ayk-Mek").is_some());
        assert!(is_variant("Khan", "Ann").is_none(), "short words stay strict");
    }
    use super::*;
    use crate::facts::names::find_names;

    fn pair(a: &str, b: &str) -> bool {
        is_variant(a, b).is_some()
    }

    #[test]
    fn transliteration_variants_are_found() {
        for (a, b) in [
            ("Ayk-Mek", "Hayk-Mek"),
            ("Electron", "Elektron"),
            ("Zaporizhzhya", "Zaporozhye"),
            ("Zaporizhzhia", "Zaporozhye"),
            ("Kharkiv", "Kharkov"),
            ("Odesa", "Odessa"),
            ("Zelensky", "Zelenskyy"),
            ("Gaddafi", "Qaddafi"),
            ("Gadhafi", "Kadhafi"),
            ("Tchaikovsky", "Chaikovsky"),
            ("Secretary General", "Secretary-General"),
            ("Mohammed", "Muhammad"),
            ("Ministry of Defense", "Ministry of Defence"),
            ("Robert Kocharyan", "Robert Kocharian"),
            ("Yerevan", "Erevan"),
            ("Aliyev", "Aliev"),
            ("Mohammed al-Khulaifi", "Muhammad el-Khulaifi"),
            ("al-Mansouri", "el-Mansouri"),
            ("Abu al-Rahman", "Abu el Rahman"),
            ("Ogbomosho", "Ogbomoso"),
            ("Kishinev", "Kisinev"),
        ] {
            assert!(pair(a, b), "{a} / {b} should be variants");
        }
    }

    #[test]
    fn near_misses_are_not_variants() {
        for (a, b) in [
            ("Armenia", "Armenian"),
            ("Armenian", "Armenians"),
            ("Russia", "Russian"),
            ("Azerbaijan", "Azerbaijani"),
            ("Ukraine", "Ukrainians"),
            ("Sweden", "Swedish"),
            ("Martin", "Marvin"),
            ("Austria", "Australia"),
            ("Iran", "Iraq"),
            ("Niger", "Nigeria"),
            ("Mali", "Bali"),
            ("Jordan", "Jordana"),
            ("Georgia", "George"),
            ("Daniel", "Daniela"),
            ("Kocharyan", "Robert Kocharyan"),
            ("Hayastan", "Hayastan bloc"),
            ("Ministry of Defense", "Ministry of Defense of Armenia"),
            ("Ministry of Defense", "Ministry of Justice"),
            ("CSTO", "OSCE"),
            ("Ian", "Yan"),
            ("Karen", "Karin"),
            ("Minister", "Ministry"),
            ("North Korea", "South Korea"),
            ("al-Mansouri", "Mansouri"),
            ("Abdullah al-Mansouri", "Abdulla Mansour"),
            ("El Salvador", "Salvador"),
            ("Shannon", "Sannon"),
            ("Pasha", "Pasa"),
            ("Mashhad", "Masada"),
        ] {
            assert!(!pair(a, b), "{a} / {b} must not be variants");
        }
    }

    #[test]
    fn keys_fold_spelling_but_not_meaning() {
        assert_eq!(name_key("Hayk-Mek"), name_key("Ayk Mek"));
        assert_eq!(name_key("ODESSA"), name_key("Odesa"));
        assert_ne!(name_key("Iran"), name_key("Iraq"));
    }

    #[test]
    fn common_words_do_not_vary_fuzzily() {
        let docs = ["The General Council met. Her counsel and the council disagreed.", "The General Counsel spoke."];
        let refs: Vec<&str> = docs.to_vec();
        let groups = variant_groups(&find_names(&refs), &NameSettings::default());
        assert!(groups.is_empty(), "{groups:?}");
    }

    fn groups_of(docs: &[&str], settings: &NameSettings) -> Vec<Vec<String>> {
        variant_groups(&find_names(docs), settings)
            .into_iter()
            .map(|g| g.forms.into_iter().map(|f| f.form).collect())
            .collect()
    }

    #[test]
    fn clusters_across_and_inside_documents() {
        let docs = [
            "Engineers at the Soviet-era plant Electron built fuses. Later the Elektron plant was sold to \
             Moscow. The Ayk-Mek company is based in Yerevan.",
            "Officials in Yerevan said the Hayk-Mek firm used the Electron site. Armenians and Armenia's \
             government denied it. Russia and the Russian army stayed silent.",
        ];
        let got = groups_of(&docs, &NameSettings::default());
        assert_eq!(got, vec![vec!["Electron", "Elektron"], vec!["Ayk-Mek", "Hayk-Mek"]]);
    }

    #[test]
    fn canonical_is_most_frequent_then_first_seen() {
        let docs = ["Kharkov was shelled. Kharkiv residents fled.", "In Kharkiv, trams stopped."];
        let groups = variant_groups(&find_names(&docs), &NameSettings::default());
        assert_eq!(groups.len(), 1);
        let g = &groups[0];
        assert_eq!(g.forms[g.canonical].form, "Kharkiv");
        assert_eq!(g.forms[0].mentions, vec![(0, 0..7)]);
        assert!(g.score < 1.0 && g.score >= 0.8);
    }

    #[test]
    fn a_surname_alone_meets_the_full_name() {
        let docs = ["President Volodymyr Zelensky spoke.", "Officials close to Zelenskyy agreed."];
        let got = groups_of(&docs, &NameSettings::default());
        assert_eq!(got, vec![vec!["Zelensky", "Zelenskyy"]]);
        // The same surname in both places is no finding.
        let docs = ["President Robert Kocharyan spoke.", "Officials close to Kocharyan agreed."];
        assert!(groups_of(&docs, &NameSettings::default()).is_empty());
    }

    #[test]
    fn a_word_of_a_longer_name_needs_an_equal_key() {
        let docs = ["Coffee from Colombia rose.", "Students at Columbia University protested."];
        assert!(groups_of(&docs, &NameSettings::default()).is_empty());
        let docs = ["Shelling hit Kharkov Oblast.", "Residents of Kharkiv fled."];
        assert!(groups_of(&docs, &NameSettings::default()).is_empty());
    }

    #[test]
    fn declared_names_cluster_and_equivalents_vanish() {
        let docs = ["Troops left Kiev on Monday.", "Residents of Kyiv returned."];
        let mut settings = NameSettings {
            declared: vec![DeclaredName { canonical: "Kyiv".into(), aliases: vec!["Kiev".into()], equivalent: false }],
            ..NameSettings::default()
        };
        let groups = variant_groups(&find_names(&docs), &settings);
        assert_eq!(groups.len(), 1);
        assert!(groups[0].declared);
        assert_eq!(groups[0].forms[groups[0].canonical].form, "Kyiv");
        settings.declared[0].equivalent = true;
        assert!(variant_groups(&find_names(&docs), &settings).is_empty());
    }

    #[test]
    fn case_and_dots_alone_are_not_variants() {
        let docs = ["The U.N. met in GENEVA.", "The UN met in Geneva."];
        assert!(groups_of(&docs, &NameSettings::default()).is_empty());
    }

    #[test]
    fn odd_input_does_not_panic() {
        for f in ["", "-", "Ж", "ǅ", "a b", "h", "hy", "ye", "Y-Y", "12-34"] {
            let _ = name_key(f);
            let _ = is_variant(f, "Hayk");
        }
    }
}
