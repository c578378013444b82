//! Turns ECB+ topics (real same-event news, as tokenised JSON in the public repository
//! `anastasia-zhukova/Diverse_CDCR_datasets`, folder `ECBplus-prep/output_data/test_parsing/`)
//! into story folders that `crosscheck test` and `examples/perturb.rs` read:
//!
//! ```sh
//! cargo run --release --example ecb_sets -- TEST_PARSING_DIR OUT [--topics 2-20]
//! ```
//!
//! Each sub-topic (`2ecb`, `2ecbplus`: one event each) becomes `OUT/<sub-topic>/articles/*.txt`
//! (the title, a blank line, then the detokenised text) with an `EXPECTED.toml` that has no
//! expectations. The text is not ours: it is read from the fetched copy and written outside the
//! repository (see docs/measuring.md), never committed.

use std::path::{Path, PathBuf};

/// Words after which a spaced hyphen is a dash between clauses, not a hyphen inside a compound.
const CLAUSE_WORDS: &[&str] = &[
    "and", "but", "or", "nor", "so", "yet", "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "who",
    "which", "that", "this", "there", "was", "were", "is", "are", "not", "in", "on", "at", "to", "of", "for",
];

/// Undoes the tokeniser's spacing: `It ’ s official : I ’ m hosting` → `It’s official: I’m hosting`,
/// `'' ` → `"`, `86 - year` → `86-year`, `$ 160` → `$160`, `9 / 11` → `9/11`.
fn detokenise(text: &str) -> String {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let mut out = String::with_capacity(text.len());
    // Straight double quotes alternate: an opening one sticks to the next token, a closing one
    // to the previous.
    let mut open_quote = false;
    let mut glue_next = false;
    for (i, &t) in tokens.iter().enumerate() {
        let t = match t {
            "``" => "\u{201c}",
            "''" => "\u{201d}",
            _ => t,
        };
        let prev = if i > 0 { tokens[i - 1] } else { "" };
        let next = tokens.get(i + 1).copied().unwrap_or("");
        let attach_left = match t {
            "," | "." | ";" | ":" | "!" | "?" | "%" | ")" | "]" | "…" | "\u{201d}" | "'s" | "’s" | "n't" | "n’t" => {
                true
            }
            "\"" => open_quote,
            "’" | "'" => next.len() <= 2 && ["s", "m", "d", "ll", "re", "ve", "t"].contains(&next),
            "-" | "/" => is_compound_part(prev) && is_compound_part(next),
            _ => {
                // The rest of a contraction after a detached apostrophe: `’ s` → `’s`.
                ["s", "m", "d", "ll", "re", "ve", "t"].contains(&t) && (prev == "’" || prev == "'")
                    || t.starts_with("n’")
                    || t.starts_with("n'")
            }
        };
        if !out.is_empty() && !attach_left && !glue_next {
            out.push(' ');
        }
        glue_next = matches!(t, "(" | "[" | "$" | "£" | "€" | "#" | "@" | "\u{201c}")
            || (t == "\"" && !open_quote)
            || ((t == "-" || t == "/") && is_compound_part(prev) && is_compound_part(next))
            || ((t == "’" || t == "'") && attach_left);
        if t == "\"" {
            open_quote = !open_quote;
        }
        out.push_str(t);
    }
    out
}

/// A token that a spaced hyphen or slash joins to its neighbour: a number, or a word that
/// does not start a clause (`check - and - balance` stays spaced, `now - defunct` is joined).
fn is_compound_part(t: &str) -> bool {
    !t.is_empty()
        && t.chars().all(|c| c.is_alphanumeric())
        && (t.chars().any(|c| c.is_ascii_digit()) || !CLAUSE_WORDS.contains(&t.to_lowercase().as_str()))
}

fn topics(spec: &str) -> Option<Vec<u32>> {
    let (a, b) = spec.split_once('-').unwrap_or((spec, spec));
    let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
    Some((a..=b).collect())
}

fn run(src: &Path, out: &Path, topics: &[u32]) -> Result<usize, String> {
    let mut written = 0;
    for t in topics {
        for sub in ["ecb", "ecbplus"] {
            let dir = src.join(format!("{t}{sub}"));
            if !dir.is_dir() {
                continue;
            }
            let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
                .map_err(|e| format!("{}: {e}", dir.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "json"))
                .collect();
            files.sort();
            let set = out.join(format!("{t}{sub}"));
            let articles = set.join("articles");
            std::fs::create_dir_all(&articles).map_err(|e| e.to_string())?;
            for f in &files {
                let json: serde_json::Value =
                    serde_json::from_str(&std::fs::read_to_string(f).map_err(|e| format!("{}: {e}", f.display()))?)
                        .map_err(|e| format!("{}: {e}", f.display()))?;
                let title = detokenise(json["title"].as_str().unwrap_or(""));
                let text = detokenise(json["text"].as_str().unwrap_or(""));
                let name = f.file_stem().unwrap().to_string_lossy();
                std::fs::write(articles.join(format!("{name}.txt")), format!("{title}\n\n{text}\n"))
                    .map_err(|e| e.to_string())?;
            }
            std::fs::write(
                set.join("EXPECTED.toml"),
                format!(
                    "# ECB+ sub-topic {t}{sub}: real news about one event; no expectations (every finding is stray).\n"
                ),
            )
            .map_err(|e| e.to_string())?;
            written += 1;
        }
    }
    Ok(written)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut pos = Vec::new();
    let mut range = vec![];
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--topics" {
            range = it.next().and_then(|s| topics(s)).unwrap_or_else(|| usage());
        } else {
            pos.push(a);
        }
    }
    if range.is_empty() {
        range = (2..=20).collect();
    }
    let [src, out] = pos.as_slice() else { usage() };
    match run(Path::new(src), Path::new(out), &range) {
        Ok(n) => eprintln!("wrote {n} story folders to {out}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    }
}

fn usage() -> ! {
    eprintln!("usage: ecb_sets TEST_PARSING_DIR OUT [--topics 2-20]");
    std::process::exit(2);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detokenises_the_tokeniser_s_spacing() {
        let cases = [
            ("It ’ s official : I ’ m hosting the show !", "It’s official: I’m hosting the show!"),
            ("the team 's offer of $ 160 million ( a record )", "the team's offer of $160 million (a record)"),
            ("`` We won , '' she said .", "\u{201c}We won,\u{201d} she said."),
            ("\" We won , \" she said .", "\"We won,\" she said."),
            ("its 86 - year history after 9 / 11", "its 86-year history after 9/11"),
            ("the now - defunct category", "the now-defunct category"),
            ("a check - and - balance system", "a check - and - balance system"),
            ("he did n't go", "he didn't go"),
            ("rose 5 % on Monday", "rose 5% on Monday"),
        ];
        for (tokenised, text) in cases {
            assert_eq!(detokenise(tokenised), text, "{tokenised}");
        }
    }

    #[test]
    fn topic_ranges() {
        assert_eq!(topics("2-4"), Some(vec![2, 3, 4]));
        assert_eq!(topics("7"), Some(vec![7]));
        assert_eq!(topics("x"), None);
    }
}
