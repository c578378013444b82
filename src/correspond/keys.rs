//! Keys that bring spellings of one name together: folding, a transliteration key, deletion
//! neighbourhoods and character trigrams for blocking, and the parts of a code identifier.
//!
//! Blocking decides which pairs of forms are compared at all; it must let through every pair a
//! reader would call one name (`Tskhvediani`/`Tskvediani`, `Sousa`/`Souza`, `Ji-hoon`/`Ji-hun`)
//! without comparing every form with every other. Each key catches a different kind of
//! difference: the transliteration key folds sound spellings (`kh`/`h`, `w`/`v`, `sch`/`sh`),
//! the deletion neighbourhood catches one letter changed, added or dropped, and trigrams catch
//! what is left of longer words.

use std::collections::BTreeSet;
use std::sync::LazyLock;

/// ASCII lowercase letters and digits of `s` (diacritics transliterated, everything else dropped).
pub fn plain(s: &str) -> String {
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

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

struct Translit {
    rewrites: Vec<(&'static str, &'static str)>,
    endings: Vec<&'static str>,
}

static TRANSLIT: LazyLock<Translit> = LazyLock::new(|| {
    let mut t = Translit { rewrites: Vec::new(), endings: Vec::new() };
    for line in include_str!("../lexicon/transliteration.txt").lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        match f.as_slice() {
            ["rewrite", from, to] => t.rewrites.push((from, to)),
            ["ending", e] => t.endings.push(e),
            _ => {}
        }
    }
    t
});

/// The transliteration key of one word given as [`plain`] text: spellings of one sound folded,
/// doubled letters collapsed, a dropped initial `h` ignored.
pub fn word_key(word: &str) -> String {
    if word.is_empty() || word.bytes().any(|b| b.is_ascii_digit()) {
        return word.to_string();
    }
    // The Arabic article is written `al`, `el` or `ul` (`al-Khulaifi`/`el-Khulaifi`).
    if matches!(word, "al" | "el" | "ul") {
        return "al".to_string();
    }
    let t = &*TRANSLIT;
    let owned;
    let mut w: &str = word;
    // `Ye-` read as `E-` (`Korvale`/`Erevan`).
    if w.len() > 3 && w.starts_with("ye") {
        owned = format!("e{}", &w[2..]);
        w = &owned;
    }
    let mut ending = "";
    for e in &t.endings {
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
        match t.rewrites.iter().find(|(from, _)| rest.starts_with(from)) {
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
                let c = rest.chars().next().unwrap();
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    out.push_str(ending);
    // A dropped initial `h` (`Hovan`/`Ovan`), also where it was written `kh` (`Kharkiv`/`Harkiv`).
    if out.len() > 2 && out.starts_with('h') && out[1..].starts_with(is_vowel) {
        out.remove(0);
    }
    collapse_doubles(&out)
}

/// The folding key of a whole name: two forms with equal keys are spellings of one name (case,
/// diacritics, spaces, hyphens, doubled letters and transliteration pairs folded).
pub fn name_key(form: &str) -> String {
    form.split(|c: char| c.is_whitespace() || matches!(c, '-' | '‐' | '–')).map(|w| word_key(&plain(w))).collect()
}

/// The word itself and the word with each one letter deleted: two words within one edit
/// (a letter changed, added or dropped) share a key. Words shorter than four letters get only
/// themselves, since one edit makes any two of them alike.
pub fn deletion_keys(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut keys = vec![word.to_string()];
    if chars.len() >= 4 {
        for i in 0..chars.len() {
            keys.push(chars.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, c)| c).collect());
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

/// Character trigrams of a word padded at both ends.
pub fn trigrams(word: &str) -> BTreeSet<String> {
    let padded: Vec<char> = format!("^{word}$").chars().collect();
    padded.windows(3).map(|w| w.iter().collect()).collect()
}

/// The parts of a code identifier, lowercase: split at `_`, `-`, `/`, `.`, braces and case
/// changes (`nextCursor` → `next`, `cursor`; `/v2/stops/{stop_id}` → `v2`, `stops`, `stop`, `id`).
pub fn identifier_parts(id: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut prev: Option<char> = None;
    for c in id.chars() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                parts.push(std::mem::take(&mut cur));
            }
            prev = None;
            continue;
        }
        if c.is_uppercase() && prev.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit()) && !cur.is_empty() {
            parts.push(std::mem::take(&mut cur));
        }
        cur.extend(c.to_lowercase());
        prev = Some(c);
    }
    if !cur.is_empty() {
        parts.push(cur);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliteration_keys_fold_one_sound() {
        let same = [
            ("Hovan-Tek", "Ovan-Tek"),
            ("Zaporizhzhya", "Zaporozhye"),
            ("Gelashvili", "Gelaschwili"),
            ("Tskhvediani", "Tskvediani"),
            ("Kharatishvili", "Haratishvili"),
        ];
        for (a, b) in same {
            let (ka, kb) = (name_key(a), name_key(b));
            // Zaporizhzhya/Zaporozhye still differ by a vowel: the key need not be equal, only close.
            assert!(ka == kb || strsim::levenshtein(&ka, &kb) <= 1, "{a} {ka} / {b} {kb}");
        }
        assert_ne!(name_key("Martin"), name_key("Marvin"));
        assert_ne!(name_key("Yan"), name_key("Ian"));
    }

    #[test]
    fn deletion_keys_meet_within_one_edit() {
        let meet = |a: &str, b: &str| {
            let ka = deletion_keys(a);
            deletion_keys(b).iter().any(|k| ka.contains(k))
        };
        for (a, b) in [
            ("tiwari", "tewari"),
            ("metricfamilies", "metricfamiles"),
            ("srivastava", "shrivastava"),
            ("meridian", "meridien"),
        ] {
            assert!(meet(a, b), "{a}/{b}");
        }
        assert!(!meet("present", "prometheus"));
    }

    #[test]
    fn identifier_parts_by_table() {
        let cases: &[(&str, &[&str])] = &[
            ("next_cursor", &["next", "cursor"]),
            ("nextCursor", &["next", "cursor"]),
            ("PEBBLESYNC_TOKEN", &["pebblesync", "token"]),
            ("/v2/stops/{stop_id}/departures", &["v2", "stops", "stop", "id", "departures"]),
            ("--bwlimit", &["bwlimit"]),
            ("HTTPServer", &["httpserver"]),
        ];
        for (id, want) in cases {
            assert_eq!(identifier_parts(id), *want, "{id}");
        }
    }
}
