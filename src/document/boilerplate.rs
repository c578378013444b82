//! Finds site boilerplate in text saved from web pages, and a leading metadata line.
//!
//! Copying an article out of a browser brings the page's furniture along: "Connect with us",
//! "Share this article", a "You May Also Like" block with teasers of other stories ending in
//! `...`, section labels such as "United States" alone on a line. Left in, those teasers are
//! compared with the other documents as if the article said them, and produce false findings.
//! [`web_boilerplate`] returns the byte ranges to blank; [`blank`] blanks them to spaces so every
//! offset still points at the same place in the file. Example:
//!
//! ```text
//! Connect with us            <- UI phrase: blanked
//! Politics                   <- header label before the first paragraph: blanked
//! The council voted on ...   <- article: kept
//! You May Also Like          <- marker: it and everything after it is blanked
//! Another story teaser...
//! ```
//!
//! The rules are generic (a closed list of interface phrases, markers of "more stories" blocks,
//! the shape of teasers and header labels) and never name a site or a story. A block after a
//! marker that reads like a full article is kept, only the marker line goes.
//!
//! [`leading_metadata`] reads a first line such as `date 2023-05` (text may follow on the same
//! line), `title …` or `source …`, as some archives and scrapers write them.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::extracted::{Extracted, Meta};

/// Whole lines that are page interface, compared after [`normalise`].
const UI_PHRASES: &[&str] = &[
    "connect with us",
    "hi what are you looking for",
    "what are you looking for",
    "search",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share this post",
    "share this page",
    "share this article with your friends",
    "share with your friends",
    "share article",
    "share story",
    "tweet",
    "email",
    "print",
    "copy link",
    "link copied",
    "advertisement",
    "advertisements",
    "advert",
    "ad",
    "ads",
    "sponsored",
    "sponsored content",
    "paid content",
    "promoted",
    "subscribe",
    "subscribe now",
    "newsletter",
    "follow us",
    "read more",
    "read also",
    "also read",
    "see also",
    "read next",
    "continue reading",
    "click here",
    "most read",
    "most popular",
    "trending",
    "related",
    "skip to content",
    "skip to main content",
    "menu",
    "main menu",
    "close",
    "home",
    "back to top",
    "go to top",
    "scroll to top",
    "log in",
    "login",
    "sign in",
    "sign up",
    "register",
    "leave a comment",
    "leave a reply",
    "comments",
    "no comments",
    "post a comment",
    "all rights reserved",
    "tags",
    "accept",
    "accept all",
    "accept cookies",
    "reject all",
    "manage cookies",
    "cookie settings",
    "cookie policy",
    "privacy policy",
    "terms of use",
    "terms and conditions",
    "contact us",
    "about us",
    "loading",
    "please wait",
    "load more",
    "show more",
    "next article",
    "previous article",
    "next post",
    "previous post",
    "more",
    "toggle navigation",
    "open menu",
    "close menu",
];

/// Interface lines with a variable part ("Follow us on Telegram", "Read more: <headline>").
static UI_PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            (?:share(?:\ this(?:\ article|\ story|\ post)?)?|follow(?:\ us)?|like\ us|find\ us|join\ us)
                \ (?:on|via|with|in)\b
          | (?:read|see)\ (?:more|also|next)\b
          | (?:subscribe|sign\ up)\b
          | (?:©|\(c\)|copyright)\s
        )",
    )
    .expect("valid regex")
});

/// Lines that open a block of links to other stories.
static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            you\ (?:may|might)\ also\ (?:like|enjoy|be\ interested\ in)
          | you\ may\ be\ interested\ in
          | related(?:\ articles|\ stories|\ posts|\ news|\ content|\ coverage|\ reading|\ topics|\ links)?
          | more\ (?:from|on|in)\ .{1,40}
          | more\ (?:stories|news|articles|like\ this)(?:\ from\ .{1,40})?
          | read\ next | up\ next | what\ to\ read\ next
          | recommended(?:\ for\ you|\ stories|\ articles|\ reading)?
          | most\ (?:read|popular|viewed|shared)
          | popular\ now
          | trending(?:\ now|\ stories|\ articles)?
          | don'?t\ miss
          | editor'?s\ picks
          | other\ stories | latest\ (?:stories|news|articles)
          | further\ reading | in\ other\ news
        )$",
    )
    .expect("valid regex")
});

/// A month name, for dates in a leading metadata line.
const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

static META_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(date|published|title|headline|source)(?:[ \t]*:[ \t]*|[ \t]+)").expect("valid regex")
});

static META_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:\d{{4}}-\d{{1,2}}(?:-\d{{1,2}})?(?:[T ]\d{{1,2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}|\d{{1,2}}\s+{MONTH}\s+\d{{4}}|{MONTH}\s+\d{{1,2}},?\s+\d{{4}}|{MONTH}\s+\d{{4}})\b"
    ))
    .expect("valid regex")
});

/// A line of the text: its trimmed range and whether a blank line (or the start) precedes it.
#[derive(Debug, Clone)]
struct Line {
    range: Range<usize>,
    words: usize,
}

fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    for piece in text.split_inclusive('\n') {
        let end = start + piece.len();
        let r = crate::text::trim(text, start..end);
        if !r.is_empty() {
            let words = text[r.clone()].split_whitespace().count();
            out.push(Line { range: r, words });
        }
        start = end;
    }
    out
}

/// Paragraphs: runs of lines with no blank line between them, as ranges of line indices.
fn paragraphs(text: &str, lines: &[Line]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let joined =
            i > 0 && text[lines[i - 1].range.end..l.range.start].bytes().filter(|&b| b == b'\n').nth(1).is_none();
        match out.last_mut() {
            Some(p) if joined => p.end = i + 1,
            _ => out.push(i..i + 1),
        }
    }
    out
}

/// Lowercases a line and strips what varies between sites: surrounding symbols and trailing
/// punctuation, commas, curly apostrophes and repeated spaces.
fn normalise(line: &str) -> String {
    let lower = line.to_lowercase().replace(['’', '‘'], "'");
    let trimmed = lower.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ':' | '.'
                    | '!'
                    | '?'
                    | '…'
                    | '»'
                    | '«'
                    | '›'
                    | '>'
                    | '|'
                    | '-'
                    | '–'
                    | '—'
                    | '•'
                    | '·'
                    | '*'
                    | '#'
                    | '→'
                    | '+'
            )
    });
    let mut out = String::with_capacity(trimmed.len());
    for w in trimmed.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w.replace(',', ""));
    }
    out
}

/// Rule (a): a line that is page interface rather than article text.
fn is_ui_line(line: &str, words: usize) -> bool {
    let n = normalise(line);
    if n.is_empty() {
        return false;
    }
    if UI_PHRASES.contains(&n.as_str()) {
        return true;
    }
    if words <= 15 && UI_PATTERN.is_match(&n) {
        return true;
    }
    if words <= 25 && n.contains("all rights reserved") {
        return true;
    }
    is_cookie_notice(&n, words)
}

fn is_cookie_notice(n: &str, words: usize) -> bool {
    const CUES: &[&str] =
        &["we use", "uses cookies", "accept", "consent", "privacy", "policy", "settings", "preferences"];
    words <= 80 && n.contains("cookie") && CUES.iter().any(|c| n.contains(c))
}

fn is_marker(line: &str, words: usize) -> bool {
    words <= 8 && MARKER.is_match(&normalise(line))
}

/// A teaser of another story: a paragraph cut off with an ellipsis.
fn is_teaser(p: &str) -> bool {
    let t = p.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '”' | '’' | '\'' | ')' | ']'));
    t.ends_with("...") || t.ends_with('…')
}

/// A section label ("European Union", "Business"): a short capitalised line with no sentence
/// punctuation or digits.
fn is_label(line: &str, words: usize) -> bool {
    words <= 4
        && line.chars().next().is_some_and(char::is_uppercase)
        && !line.contains(|c: char| matches!(c, '.' | '!' | '?' | ';' | ':' | ',') || c.is_ascii_digit())
}

/// A full sentence paragraph of an article: long enough and ending like a sentence.
fn is_prose(p: &str, words: usize) -> bool {
    let t = p.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»'));
    words >= 20 && !is_teaser(p) && t.ends_with(['.', '!', '?'])
}

/// The ranges of `text` that are web-page boilerplate, sorted and non-overlapping. Blank them
/// with [`blank`] to keep offsets.
pub fn web_boilerplate(text: &str) -> Vec<Range<usize>> {
    let lines = lines(text);
    let mut drop = vec![false; lines.len()];
    for (i, l) in lines.iter().enumerate() {
        if is_ui_line(&text[l.range.clone()], l.words) {
            drop[i] = true;
        }
    }
    header_zone(text, &lines, &mut drop);
    let paras = paragraphs(text, &lines);
    tail_after_marker(text, &lines, &paras, &mut drop);
    trailing_teasers(text, &lines, &paras, &mut drop);

    let mut out: Vec<Range<usize>> = Vec::new();
    for (l, _) in lines.iter().zip(&drop).filter(|(_, d)| **d) {
        match out.last_mut() {
            // Merge neighbours separated by white space only, so callers get few ranges.
            Some(last) if text[last.end..l.range.start].trim().is_empty() => last.end = l.range.end,
            _ => out.push(l.range.clone()),
        }
    }
    out
}

/// Rule (c): short lines at the very top, before the first real paragraph, when that zone shows
/// page interface (at least one UI line). A clean document starting with a short title has no
/// UI line there and keeps its title.
fn header_zone(text: &str, lines: &[Line], drop: &mut [bool]) {
    const MAX_ZONE: usize = 15;
    let mut zone = Vec::new();
    let mut has_ui = false;
    let mut stop = None;
    for (i, l) in lines.iter().enumerate().take(MAX_ZONE) {
        let s = &text[l.range.clone()];
        if drop[i] {
            has_ui = true;
        } else if l.words <= 6 && !s.contains(['.', '!', '?', ';', ':']) {
            // Datelines and dates may carry the publication date: keep them, but they do not end
            // the zone.
            if !s.contains(|c: char| c.is_ascii_digit()) {
                zone.push(i);
            }
        } else {
            stop = Some(i);
            break;
        }
    }
    let Some(stop) = stop else { return };
    if !has_ui {
        return;
    }
    for &i in &zone {
        // The line right before the first paragraph with three words or more reads as a title.
        if i + 1 == stop && lines[i].words >= 3 {
            continue;
        }
        drop[i] = true;
    }
}

/// Rule (b): a "you may also like" style marker and everything after it, unless what follows
/// reads like article text (then the marker alone goes).
fn tail_after_marker(text: &str, lines: &[Line], paras: &[Range<usize>], drop: &mut [bool]) {
    let Some(m) = lines.iter().position(|l| is_marker(&text[l.range.clone()], l.words)) else { return };
    drop[m] = true;
    let (mut prose_words, mut all_words, mut teasers) = (0usize, 0usize, 0usize);
    for p in paras.iter().filter(|p| p.start > m) {
        let words: usize = lines[p.clone()].iter().map(|l| l.words).sum();
        let s = &text[lines[p.start].range.start..lines[p.end - 1].range.end];
        all_words += words;
        if is_teaser(s) {
            teasers += 1;
        } else if is_prose(s, words) {
            prose_words += words;
        }
    }
    let article_like = teasers < 2 && prose_words >= 120 && prose_words * 10 >= all_words * 6;
    if !article_like {
        drop[m..].iter_mut().for_each(|d| *d = true);
    }
}

/// Rule (d): teasers and section labels at the end of the document with no marker before them;
/// two teasers at least, so an article that ends on an ellipsis keeps its last paragraph.
fn trailing_teasers(text: &str, lines: &[Line], paras: &[Range<usize>], drop: &mut [bool]) {
    let mut teasers = 0;
    let mut first = None;
    for p in paras.iter().rev() {
        let s = &text[lines[p.start].range.start..lines[p.end - 1].range.end];
        let words: usize = lines[p.clone()].iter().map(|l| l.words).sum();
        if drop[p.start..p.end].iter().all(|d| *d) {
        } else if is_teaser(s) && words <= 60 {
            teasers += 1;
        } else if !(p.len() == 1 && is_label(s, words)) {
            break;
        }
        first = Some(p.start);
    }
    if let (true, Some(f)) = (teasers >= 2, first) {
        drop[f..].iter_mut().for_each(|d| *d = true);
    }
}

/// Reads leading metadata lines (`date 2023-05`, `title: …`, `source …`) at the very start of
/// `text`. Returns what was read and the span to blank (empty when there is none). A date may be
/// followed by the article on the same line; a title or source takes the rest of its line.
pub fn leading_metadata(text: &str) -> (Meta, Range<usize>) {
    let mut meta = Meta::default();
    let mut end = 0usize;
    let mut pos = text.len() - text.trim_start().len();
    loop {
        let rest = &text[pos..];
        let Some(k) = META_KEY.captures(rest) else { break };
        let key = k[1].to_ascii_lowercase();
        let colon = k[0].contains(':');
        let vstart = pos + k[0].len();
        let line_end = text[vstart..].find('\n').map_or(text.len(), |i| vstart + i);
        let value_end = match key.as_str() {
            "date" | "published" => match META_DATE.find(&text[vstart..line_end]) {
                Some(d) => vstart + d.end(),
                None if colon && text[vstart..line_end].split_whitespace().count() <= 6 => line_end,
                None => break,
            },
            _ => {
                let line = text[vstart..line_end].trim();
                let words = line.split_whitespace().count();
                let ok = if colon { words <= 25 } else { words <= 12 && !line.ends_with(['.', '!', '?']) };
                if !ok || line.is_empty() {
                    break;
                }
                line_end
            }
        };
        let value = text[vstart..value_end].trim().to_string();
        if value.is_empty() {
            break;
        }
        let slot = match key.as_str() {
            "date" | "published" => &mut meta.date,
            "title" | "headline" => &mut meta.title,
            _ => &mut meta.source,
        };
        if slot.is_some() {
            break;
        }
        *slot = Some(value);
        end = value_end;
        pos = value_end + (text.len() - value_end - text[value_end..].trim_start().len());
        if pos >= text.len() {
            break;
        }
    }
    (meta, 0..end)
}

/// Blanks `ranges` of `text` to spaces, keeping newlines and every byte offset: each character
/// becomes as many spaces as its UTF-8 length. Ranges are clamped to the text and widened to
/// character boundaries, so any ranges are safe.
pub fn blank(text: &mut String, ranges: &[Range<usize>]) {
    let mut bytes = std::mem::take(text).into_bytes();
    let is_cont = |b: u8| b & 0xC0 == 0x80;
    for r in ranges {
        let mut s = r.start.min(bytes.len());
        let mut e = r.end.min(bytes.len());
        while s > 0 && s < bytes.len() && is_cont(bytes[s]) {
            s -= 1;
        }
        while e < bytes.len() && is_cont(bytes[e]) {
            e += 1;
        }
        for b in bytes.get_mut(s..e).unwrap_or_default() {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    // Whole characters were replaced by ASCII, so the bytes are still UTF-8.
    *text = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
}

/// Reads a plain-text file: leading metadata and web boilerplate are blanked in the analysis
/// text, which keeps the source's byte positions (identity map).
pub fn read_text(src: &str) -> Extracted {
    // Lines and paragraphs end at a lone `\r` too (old Mac files); the text says `\n` there so
    // sentences and blocks see the break.
    let lines = super::lone_cr_as_lf(src);
    let (meta, span) = leading_metadata(&lines);
    let mut text = lines.into_owned();
    blank(&mut text, &[span]);
    let ranges = web_boilerplate(&text);
    blank(&mut text, &ranges);
    Extracted::identity(src.to_string(), text, meta)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "Connect with us\n\nHi, what are you looking for?\n\nBusiness\n\n\
Harbour council approves the new ferry terminal\n\n\
The harbour council of Portmere voted on Tuesday to build a ferry terminal, its chair Agnes Dolan said. \
The project will cost 40 million euros and should open in 2026.\n\n\
Dolan said the terminal would bring \"thousands of visitors\" every summer.\n\n\
Share this article with your friends:\n\n\
You May Also Like\n\n\
Europe\n\n\
A court in the north of the country has ruled that the mayor must repay the money he took from the...\n\n\
For many years the city has seen how tourism works through culture, festivals and exhibitions. It...\n\n\
World\n\n\
The body of the missing sailor had been found by the time the storm was over....";

    fn kept(text: &str) -> String {
        let mut t = text.to_string();
        blank(&mut t, &web_boilerplate(text));
        t
    }

    #[test]
    fn web_page_loses_header_share_block_and_teasers() {
        let t = kept(PAGE);
        assert_eq!(t.len(), PAGE.len());
        for gone in ["Connect with us", "looking for", "Business", "Share this", "You May Also Like", "Europe", "World"]
        {
            assert!(!t.contains(gone), "{gone} should be blanked");
        }
        assert!(!t.contains("mayor must repay") && !t.contains("missing sailor") && !t.contains("tourism"));
        for stays in ["Harbour council approves the new ferry terminal", "Agnes Dolan said", "thousands of visitors"] {
            assert!(t.contains(stays), "{stays} should stay");
        }
        // Offsets are unchanged: the kept text is at its source position.
        let at = PAGE.find("Agnes").unwrap();
        assert_eq!(&t[at..at + 5], "Agnes");
    }

    #[test]
    fn article_after_a_marker_is_kept() {
        let para = "The minister of transport, Ruth Okafor, said on Monday that the bridge would reopen in \
June after repairs that cost more than the original budget.";
        let doc = format!("Related\n\n{para}\n\n{para}\n\n{para}\n\n{para}\n\n{para}\n");
        let t = kept(&doc);
        assert!(!t.contains("Related"));
        assert_eq!(t.matches("Ruth Okafor").count(), 5);
    }

    #[test]
    fn clean_document_is_untouched() {
        let doc = "Lyon museum reopens\n\nThe museum reopened on 2 November 2002. About 2,500 people came.\n\n\
It ended with a speech...\n";
        assert!(web_boilerplate(doc).is_empty());
    }

    #[test]
    fn trailing_teasers_without_marker() {
        let doc = "The river rose by two metres overnight, the agency said.\n\nSport\n\n\
The coach of the national team resigned after the defeat in the...\n\nAnother story about the budget talks that...\n";
        let t = kept(doc);
        assert!(t.contains("two metres") && !t.contains("coach") && !t.contains("Sport") && !t.contains("budget"));
    }

    #[test]
    fn ui_lines_with_variable_parts() {
        let doc = "Follow us on Telegram and Facebook\n\nThe mayor resigned.\n\nRead more: Mayor quits after vote\n\n\
We use cookies to improve your experience. Accept all\n\n© 2023 Daily Planet. All rights reserved.\n";
        let t = kept(doc);
        assert!(t.contains("The mayor resigned."));
        for gone in ["Telegram", "Read more", "cookies", "Daily Planet"] {
            assert!(!t.contains(gone), "{gone}");
        }
    }

    #[test]
    fn leading_metadata_on_the_same_line() {
        let doc = " date 2023-05 Russia continues to build roads. The plan was approved.";
        let (meta, span) = leading_metadata(doc);
        assert_eq!(meta.date.as_deref(), Some("2023-05"));
        assert_eq!(&doc[span.clone()], " date 2023-05");
        let e = read_text(doc);
        assert!(e.text.trim_start().starts_with("Russia continues"));
        assert_eq!(e.text.len(), doc.len());
    }

    #[test]
    fn leading_metadata_lines() {
        let doc = "title: Bridge reopens in June\nsource Harbour Gazette\nDate: 12 May 2023\n\nThe bridge will reopen.";
        let (meta, span) = leading_metadata(doc);
        assert_eq!(meta.title.as_deref(), Some("Bridge reopens in June"));
        assert_eq!(meta.source.as_deref(), Some("Harbour Gazette"));
        assert_eq!(meta.date.as_deref(), Some("12 May 2023"));
        assert!(doc[span.end..].trim_start().starts_with("The bridge"));
        // Ordinary sentences are not metadata.
        for doc in ["Source close to the minister said the talks failed.", "Dates back to 1990.", "Title IX was cut."] {
            assert_eq!(leading_metadata(doc).1, 0..0, "{doc}");
        }
    }

    #[test]
    fn blank_is_safe_on_utf8() {
        let mut s = "Zürich – “quoted”\nnext".to_string();
        #[allow(clippy::reversed_empty_ranges)]
        let ranges = [2..3, 8..9, 40..50, 5..2];
        blank(&mut s, &ranges);
        assert_eq!(s.len(), "Zürich – “quoted”\nnext".len());
        assert!(s.starts_with("Z  rich   "));
        assert!(s.ends_with("\nnext"));
    }

    #[test]
    fn seed_article_if_present() {
        // The sample set is read-only and may be absent on other machines.
        let Ok(dir) = std::fs::read_dir("/work/shared/seeds/articles") else { return };
        let mut paths: Vec<_> = dir.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        let Some(first) = paths.iter().find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("000_")))
        else {
            return;
        };
        let src = std::fs::read_to_string(first).unwrap();
        let e = read_text(&src);
        assert!(!e.text.contains("Connect with us") && !e.text.contains("Share this article"));
        assert!(!e.text.to_lowercase().contains("you may also like"));
        // The teasers at the end are gone: the text now ends on a full stop, not an ellipsis.
        let end = e.text.trim_end();
        assert!(!end.ends_with("...") && !end.ends_with('…'), "{}", &end[end.len().saturating_sub(80)..]);
        // The body stays: most of the words are kept.
        let (all, kept) = (src.split_whitespace().count(), e.text.split_whitespace().count());
        assert!(kept * 10 >= all * 8, "{kept} of {all} words kept");
    }
}
