//! Reads Markdown: the analysis text is the file with markup blanked to spaces.
//!
//! Facts must point at the line and column a user sees in their editor, so instead of rendering
//! Markdown the reader keeps a copy of the file in which everything that is not prose is replaced
//! by spaces: front matter, code blocks, inline code (but identifiers in it), HTML, link destinations, image alt text
//! and URLs, and markup characters (`#`, `*`, `_`, `>`, list bullets, table pipes). Every byte
//! keeps its position, so the offset map is the identity. For example
//!
//! ```text
//! source: ## Results\n\nThe *council* voted ([minutes](https://x.org/m)).
//! text:      Results\n\nThe  council  voted ( minutes                 ).
//! ```
//!
//! Blocks (paragraphs, headings, list items, table cells) must not run into each other, because
//! the sentence splitter only breaks a heading without a full stop at a blank line. Where two
//! blocks are separated by markup only (`- a\n- b`, `| a | b |`), newlines are written into the
//! blanked bytes between them. The one case that cannot be fixed without moving bytes is an ATX
//! heading immediately followed by a paragraph line (`# Title\nText`): the single newline
//! between them is all there is, so the heading joins the first sentence of the paragraph.
//!
//! Front matter (YAML `---` or TOML `+++`) gives `title`, `date` and `source` for [`Meta`].
//! Web-page furniture ("Share this article", a "Related stories" block of teasers) is blanked
//! with the plain-text rules of [`super::boilerplate`], as Markdown is often saved from pages.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::boilerplate::{blank, web_boilerplate};
use super::extracted::{Extracted, Meta};

/// Reads a Markdown document. Never fails: Markdown has no invalid input.
pub fn read_markdown(src: &str) -> Extracted {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut meta = Meta::default();
    // Kept prose ranges of the source, each with the block it belongs to.
    let mut kept: Vec<(Range<usize>, usize)> = Vec::new();
    let mut block = 0usize;
    // Depth inside parts whose text is not prose (code blocks, images, front matter, HTML).
    let mut hidden = 0usize;
    let mut in_metadata = false;
    let mut comments = Vec::new();
    for (event, range) in Parser::new_ext(src, opts).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if is_hidden(&tag) {
                    hidden += 1;
                }
                in_metadata |= matches!(tag, Tag::MetadataBlock(_));
                if !is_inline_end(&tag.to_end()) {
                    block += 1;
                }
            }
            Event::End(end) => {
                if matches!(end, TagEnd::CodeBlock | TagEnd::Image | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock) {
                    hidden = hidden.saturating_sub(1);
                }
                in_metadata &= !matches!(end, TagEnd::MetadataBlock(_));
                if !is_inline_end(&end) {
                    block += 1;
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                if let Some(html) = src.get(range.clone()) {
                    comments.extend(super::directives::comments_in(html, range.start));
                }
            }
            Event::Text(t) if in_metadata => meta.fill_from(front_matter(&t)),
            Event::Text(t) if hidden == 0 => {
                if let Some(r) = prose_range(src, range, &t) {
                    kept.push((r, block));
                }
            }
            // The identifiers in inline code are part of their sentence (`set
            // \`exclude_patterns\` to a list`, `\`GET /v2/stops/{id}\``): they are kept, the rest
            // (backticks, a command, a word quoted as code) is not prose and is blanked.
            Event::Code(t) if hidden == 0 => {
                if let Some(at) = src.get(range.clone()).and_then(|s| s.find(t.as_ref())) {
                    let start = range.start + at;
                    for (i, piece) in t.split_whitespace().map(|p| (p.as_ptr() as usize - t.as_ptr() as usize, p)) {
                        if crate::text::is_identifier(piece) {
                            kept.push((start + i..start + i + piece.len(), block));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let mut text = build_text(src, &kept);
    // Markdown saved from web pages carries the same furniture as plain text.
    let ranges = web_boilerplate(&text);
    blank(&mut text, &ranges);
    let mut e = Extracted::identity(src.to_string(), text, meta);
    e.directives = super::directives::from_comments(&e.source, &e.text, &e.map, &comments);
    e
}

/// Tags whose text content is not prose.
fn is_hidden(tag: &Tag<'_>) -> bool {
    matches!(tag, Tag::CodeBlock(_) | Tag::Image { .. } | Tag::MetadataBlock(_) | Tag::HtmlBlock)
}

fn is_inline_end(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// The part of a text event's source range that holds its text. The parser reports a backslash
/// escape either with or without its backslash; the backslash is markup and is blanked (so
/// `AT\&T` reads `AT &T`). Entities (`&amp;`) are kept as written: decoding them would move bytes.
fn prose_range(src: &str, range: Range<usize>, text: &str) -> Option<Range<usize>> {
    let slice = src.get(range.clone())?;
    if slice.len() == text.len() + 1 && slice.starts_with('\\') && &slice[1..] == text {
        return Some(range.start + 1..range.end);
    }
    Some(range)
}

/// The blanked copy of `src` with `kept` ranges copied back and paragraph breaks between blocks.
fn build_text(src: &str, kept: &[(Range<usize>, usize)]) -> String {
    let mut bytes: Vec<u8> = src.bytes().map(|b| if b == b'\n' || b == b'\r' { b } else { b' ' }).collect();
    for (r, _) in kept {
        bytes[r.clone()].copy_from_slice(&src.as_bytes()[r.clone()]);
    }
    for pair in kept.windows(2) {
        let ((a, block_a), (b, block_b)) = (&pair[0], &pair[1]);
        if block_a != block_b && a.end <= b.start {
            ensure_break(&mut bytes[a.end..b.start]);
        }
    }
    // Kept ranges are whole events of a valid string and the rest is ASCII, so this holds.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Makes a blanked gap hold a paragraph break (two newlines) if it has room.
fn ensure_break(gap: &mut [u8]) {
    let mut newlines = gap.iter().filter(|&&b| b == b'\n').count();
    for b in gap.iter_mut() {
        if newlines >= 2 {
            break;
        }
        if *b == b' ' {
            *b = b'\n';
            newlines += 1;
        }
    }
}

/// Reads `key: value` (YAML) or `key = "value"` (TOML) lines of front matter. Only flat string
/// values are read; lists and tables are ignored.
fn front_matter(block: &str) -> Meta {
    let mut meta = Meta::default();
    for line in block.lines() {
        let Some((key, value)) =
            line.split_once(':').filter(|(k, _)| !k.contains('=')).or_else(|| line.split_once('='))
        else {
            continue;
        };
        if key.starts_with([' ', '\t', '-']) {
            continue; // nested YAML
        }
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        if value.is_empty() || value.starts_with(['[', '{']) {
            continue;
        }
        let slot = match key.trim().to_ascii_lowercase().as_str() {
            "title" | "headline" => &mut meta.title,
            "date" | "published" | "pubdate" | "date_published" | "published_at" => &mut meta.date,
            "source" | "publisher" | "publication" | "site" | "site_name" => &mut meta.source,
            _ => continue,
        };
        if slot.is_none() {
            *slot = Some(value.to_string());
        }
    }
    meta
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::sentences;

    fn at<'a>(e: &'a Extracted, word: &str) -> &'a str {
        let i = e.text.find(word).unwrap_or_else(|| panic!("{word} not in text"));
        &e.source[e.map.span_to_source(i..i + word.len())]
    }

    const DOC: &str = "---\ntitle: \"Harbour vote\"\ndate: 2023-05-12\nsource: Harbour Gazette\ntags: [a, b]\n---\n\n\
# Council approves ferry terminal\n\n\
The *council* of **Portmere** voted on [Tuesday](https://example.org/tuesday \"day\") to build it.\n\n\
> \"We waited years,\" said `chair` Agnes Dolan of `harbour_board`, `GET /v2/ports`.\n\n\
- First item with Żaneta Kowalska\n- Second item\n\n\
| Date | Cost |\n|------|------|\n| 2023 | €40 million |\n\n\
```\nlet secret = Portmere;\n```\n\n\
![Aerial photo of Portmere](https://example.org/p.jpg)\n\n\
<!-- an HTML comment about Portmere -->\n\n\
Done AT\\&T.\n";

    #[test]
    fn markup_is_blanked_and_offsets_are_identity() {
        let e = read_markdown(DOC);
        // Inline code that is an identifier stays, without its backticks.
        assert_eq!(at(&e, "harbour_board"), "harbour_board");
        assert_eq!(at(&e, "/v2/ports"), "/v2/ports");
        assert!(!e.text.contains("GET"));
        assert_eq!(e.text.len(), e.source.len());
        assert!(e.map.is_identity());
        for w in ["council", "Portmere", "Tuesday", "Agnes Dolan", "Żaneta", "€40 million", "Council approves", "&T."]
        {
            assert_eq!(at(&e, w), w);
        }
        for gone in
            ["example.org", "chair", "`", "secret", "Aerial", "comment", "title:", "#", "*", "|", ">", "```", "\\"]
        {
            assert!(!e.text.contains(gone), "{gone} should be blanked");
        }
        // Every newline of the source is still one (more may be added between blocks).
        assert!(e.source.match_indices('\n').all(|(i, _)| e.text.as_bytes()[i] == b'\n'));
    }

    #[test]
    fn front_matter_gives_meta() {
        let e = read_markdown(DOC);
        assert_eq!(e.meta.title.as_deref(), Some("Harbour vote"));
        assert_eq!(e.meta.date.as_deref(), Some("2023-05-12"));
        assert_eq!(e.meta.source.as_deref(), Some("Harbour Gazette"));
        let toml = read_markdown("+++\ntitle = \"Bridge\"\ndate = 2021-01-02\n+++\n\nText here.\n");
        assert_eq!(toml.meta.title.as_deref(), Some("Bridge"));
        assert_eq!(toml.meta.date.as_deref(), Some("2021-01-02"));
        assert!(!toml.text.contains("Bridge"));
    }

    #[test]
    fn blocks_do_not_run_together() {
        let e = read_markdown("Flood report\n============\nThe river rose.\n\n- alpha item\n- beta item\n\n| Town | Loss |\n|---|---|\n| Lviv | ten |\n");
        let s: Vec<&str> = sentences(&e.text).into_iter().map(|r| &e.text[r]).collect();
        assert!(s.contains(&"Flood report"), "{s:?}");
        assert!(s.contains(&"alpha item") && s.contains(&"beta item"), "{s:?}");
        assert!(s.contains(&"Lviv") && s.contains(&"ten"), "{s:?}");
    }

    #[test]
    fn web_furniture_is_blanked() {
        let src = "The port reopened on Monday, the harbour master said.\n\n**Share this article**\n\n\
## Related stories\n\n- [A storm hit the coast of the island on...](https://example.org/a)\n\
- [The ferry company lost money in the third...](https://example.org/b)\n";
        let e = read_markdown(src);
        assert!(e.text.contains("The port reopened"));
        for gone in ["Share", "Related", "storm", "ferry"] {
            assert!(!e.text.contains(gone), "{gone}: {:?}", e.text);
        }
    }

    #[test]
    fn ignore_comments_cover_the_next_paragraph() {
        let src = "# Title\n\n<!-- crosscheck-ignore name-variants -->\nThe Kiev office opened.\n\nThe Kyiv office closed.\n\n```\n<!-- crosscheck-ignore-file -->\n```\n";
        let e = read_markdown(src);
        assert_eq!(e.directives.len(), 1, "a comment in a code block is text: {:?}", e.directives);
        let covered = e.directives[0].covers.clone().unwrap();
        assert_eq!(&e.text[covered], "The Kiev office opened.");
    }

    #[test]
    fn odd_input_does_not_panic() {
        for src in ["", "#", "```", "[a](", "<div>", "---\n", "+++\n+++", "| a |\n|", "\\", "*_*_`", "é\u{0}x"] {
            let e = read_markdown(src);
            assert_eq!(e.text.len(), src.len());
        }
    }
}
