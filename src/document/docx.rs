//! Reads Word documents (`.docx`): paragraphs and table cells in reading order.
//!
//! Reports, press releases and court rulings often arrive as Word files. A `.docx` is a zip of
//! XML parts; the text is in `word/document.xml` as paragraphs (`w:p`) of runs (`w:r`) holding
//! text (`w:t`). The reader gives each paragraph, table cells included, its own line of `source`,
//! so a finding at line 12 means the twelfth paragraph of the document. For example
//!
//! ```text
//! <w:p><w:r><w:t>Court rules</w:t></w:r></w:p><w:tbl>…<w:tc><w:p>…<w:t>15 March</w:t>…
//! source: "Court rules\n15 March"
//! text:   "Court rules\n\n15 March"   (paragraphs end sentences; the map points back at source)
//! ```
//!
//! The analysis text separates paragraphs by a blank line so that a heading without a full stop
//! does not join the next paragraph's first sentence; the [`OffsetMap`] maps every paragraph back
//! to its line. Title and creation date come from `docProps/core.xml`. A file that is not a zip,
//! lacks `word/document.xml` or holds malformed XML gives an error that says which.

use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader;

use super::extracted::{Extracted, Meta};
use super::offsets::OffsetMap;

/// Parts larger than this when unpacked are refused whatever the limit asked for, so a zip
/// bomb cannot exhaust memory.
const MAX_PART: u64 = 256 * 1024 * 1024;

/// Why a `.docx` could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocxError {
    /// A part unpacks to more than the limit: `size` is what its header declares, or `None`
    /// when it unpacked to more than the limit while declaring less.
    TooBig { part: String, size: Option<u64> },
    /// Not a zip, no `word/document.xml`, malformed XML: the message says which.
    Unreadable(String),
}

impl std::fmt::Display for DocxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DocxError::TooBig { part, size: Some(n) } => write!(f, "{part} unpacks to {n} bytes"),
            DocxError::TooBig { part, size: None } => write!(f, "{part} unpacks to more than it declares"),
            DocxError::Unreadable(m) => f.write_str(m),
        }
    }
}

/// What the text part of the `.docx` at `path` declares it unpacks to, read from the zip's
/// central directory without unpacking anything (`None` if that cannot be read).
pub fn declared_size(path: &std::path::Path) -> Option<u64> {
    let file = std::fs::File::open(path).ok()?;
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file)).ok()?;
    let part = zip.by_name("word/document.xml").ok()?;
    Some(part.size())
}

/// Reads a `.docx` file's bytes (parts up to 256 MB unpacked).
pub fn read_docx(bytes: &[u8]) -> Result<Extracted, String> {
    read_docx_within(bytes, MAX_PART).map_err(|e| e.to_string())
}

/// Reads a `.docx` file's bytes; a part that unpacks to more than `max` bytes is refused, from
/// its declared size when that is already too big, before anything is unpacked.
pub fn read_docx_within(bytes: &[u8], max: u64) -> Result<Extracted, DocxError> {
    let max = max.min(MAX_PART);
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        DocxError::Unreadable(format!("not a valid .docx file (it is not a readable zip archive: {e})"))
    })?;
    let body = read_part(&mut zip, "word/document.xml", max)?
        .ok_or_else(|| DocxError::Unreadable("not a Word document: the archive has no word/document.xml".into()))?;
    let paragraphs =
        paragraphs(&body).map_err(|e| DocxError::Unreadable(format!("malformed word/document.xml: {e}")))?;
    drop(body);
    let meta = match read_part(&mut zip, "docProps/core.xml", max) {
        Ok(Some(core)) => core_properties(&core),
        // The properties are optional; a broken one should not cost the document.
        _ => Meta::default(),
    };
    let mut warnings = Vec::new();
    if paragraphs.iter().all(|p| p.trim().is_empty()) {
        warnings.push("the Word document has no text".to_string());
    }
    let (source, text, map) = join(&paragraphs);
    Ok(Extracted { source, text, map, meta, warnings, directives: Vec::new() })
}

fn read_part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str, max: u64) -> Result<Option<String>, DocxError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(DocxError::Unreadable(format!("cannot read {name} in the .docx archive: {e}"))),
    };
    let too_big = |size| DocxError::TooBig { part: name.to_string(), size };
    if file.size() > max {
        return Err(too_big(Some(file.size())));
    }
    let mut buf = Vec::with_capacity(file.size() as usize);
    file.take(max + 1)
        .read_to_end(&mut buf)
        .map_err(|e| DocxError::Unreadable(format!("cannot unpack {name}: {e}")))?;
    if buf.len() as u64 > max {
        return Err(too_big(None));
    }
    let text = match String::from_utf8(buf) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    Ok(Some(text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text)))
}

/// The text of every paragraph in document order; a paragraph nested in another (a text box)
/// comes before the one that holds it.
fn paragraphs(xml: &str) -> Result<Vec<String>, String> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut open: Vec<String> = Vec::new();
    let (mut in_text, mut run_depth, mut skip_depth) = (false, 0usize, 0usize);
    loop {
        let event = reader.read_event().map_err(|e| format!("{e} (at byte {})", reader.error_position()))?;
        match event {
            Event::Start(e) => {
                let name = e.local_name();
                if skip_depth > 0 || name.as_ref() == "Fallback" {
                    // `mc:Fallback` repeats the `mc:Choice` content for old readers.
                    skip_depth += 1;
                    continue;
                }
                match name.as_ref() {
                    "p" => open.push(String::new()),
                    "r" => run_depth += 1,
                    "t" => in_text = true,
                    _ => {}
                }
            }
            Event::Empty(e) => {
                if skip_depth > 0 {
                    continue;
                }
                let Some(p) = open.last_mut() else {
                    if e.local_name().as_ref() == "p" {
                        out.push(String::new());
                    }
                    continue;
                };
                match e.local_name().as_ref() {
                    "p" => out.push(String::new()),
                    "tab" if run_depth > 0 => p.push('\t'),
                    "br" | "cr" if run_depth > 0 => p.push(' '),
                    "noBreakHyphen" if run_depth > 0 => p.push('-'),
                    _ => {}
                }
            }
            Event::End(e) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                match e.local_name().as_ref() {
                    "p" => out.extend(open.pop()),
                    "r" => run_depth = run_depth.saturating_sub(1),
                    "t" => in_text = false,
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skip_depth == 0 => {
                if let Some(p) = open.last_mut() {
                    push_clean(p, &t.xml10_content());
                }
            }
            Event::CData(t) if in_text && skip_depth == 0 => {
                if let Some(p) = open.last_mut() {
                    push_clean(p, &t);
                }
            }
            Event::GeneralRef(r) if in_text && skip_depth == 0 => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => quick_xml::escape::resolve_xml_entity(&r.xml10_content()).unwrap_or("").to_string(),
                };
                if let Some(p) = open.last_mut() {
                    push_clean(p, &resolved);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !open.is_empty() {
        return Err("the document ends inside a paragraph".to_string());
    }
    Ok(out)
}

/// Appends run text; a newline inside a paragraph would break "line N = paragraph N".
fn push_clean(p: &mut String, s: &str) {
    p.extend(s.chars().map(|c| if c == '\n' || c == '\r' { ' ' } else { c }));
}

/// Source (paragraphs joined by `\n`), analysis text (joined by a blank line) and the map.
fn join(paragraphs: &[String]) -> (String, String, OffsetMap) {
    let source = paragraphs.join("\n");
    let mut text = String::with_capacity(source.len() + paragraphs.len());
    let mut map = OffsetMap::new();
    let mut at = 0usize;
    for p in paragraphs {
        if !p.trim().is_empty() {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            map.push(text.len()..text.len() + p.len(), at..at + p.len());
            text.push_str(p);
        }
        at += p.len() + 1;
    }
    (source, text, map)
}

/// Title and creation date from `docProps/core.xml`.
fn core_properties(xml: &str) -> Meta {
    let mut meta = Meta::default();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<&'static str> = None;
    let mut value = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                current = match (e.name().prefix().map(|p| p.as_ref().to_string()), e.local_name().as_ref()) {
                    (Some(p), "title") if p == "dc" => Some("title"),
                    (Some(p), "created") if p == "dcterms" => Some("date"),
                    _ => None,
                };
                value.clear();
            }
            Ok(Event::Text(t)) if current.is_some() => value.push_str(&t.xml10_content()),
            Ok(Event::GeneralRef(r)) if current.is_some() => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    value.push(c);
                } else if let Some(s) = quick_xml::escape::resolve_xml_entity(&r.xml10_content()) {
                    value.push_str(s);
                }
            }
            Ok(Event::End(_)) => {
                let v = value.trim();
                match current.take() {
                    Some("title") if !v.is_empty() => meta.title = Some(v.to_string()),
                    Some("date") if !v.is_empty() => meta.date = Some(v.to_string()),
                    _ => {}
                }
                value.clear();
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    meta
}

/// Builds a minimal `.docx` holding `paragraphs` (a paragraph starting with `|` becomes a
/// one-row table whose cells are split at further `|`), with `title` and `created` properties.
/// For tests, here and in integration tests; not part of the reader's API.
#[doc(hidden)]
pub fn make_docx(paragraphs: &[&str]) -> Vec<u8> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn esc(s: &str) -> String {
        s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
    }
    fn para(s: &str) -> String {
        format!("<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>", esc(s))
    }
    let mut body = String::new();
    for p in paragraphs {
        if let Some(row) = p.strip_prefix('|') {
            body.push_str("<w:tbl><w:tr>");
            for cell in row.split('|').filter(|c| !c.trim().is_empty()) {
                body.push_str(&format!("<w:tc>{}</w:tc>", para(cell.trim())));
            }
            body.push_str("</w:tr></w:tbl>");
        } else {
            body.push_str(&para(p));
        }
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    let core = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\"><dc:title>Test document</dc:title><dc:creator>crosscheck</dc:creator><dcterms:created>2023-05-12T09:30:00Z</dcterms:created></cp:coreProperties>";
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>",
        ),
        ("word/document.xml", document.as_str()),
        ("docProps/core.xml", core),
    ] {
        // Writing to memory cannot fail for these sizes; an empty result would fail the test.
        if w.start_file(name, opts).is_err() || w.write_all(content.as_bytes()).is_err() {
            return Vec::new();
        }
    }
    w.finish().map(Cursor::into_inner).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::sentences;

    fn at<'a>(e: &'a Extracted, word: &str) -> &'a str {
        let i = e.text.find(word).unwrap_or_else(|| panic!("{word} not in text"));
        &e.source[e.map.span_to_source(i..i + word.len())]
    }

    #[test]
    fn paragraphs_tables_and_meta() {
        let docx = make_docx(&[
            "Court upholds verdict",
            "The Lviv court ruled on 15 March that Oleh Petrenko & Co. must pay €2.3 million.",
            "",
            "|Date|Amount|",
            "Judge Maria Kovalenko closed the session.",
        ]);
        let e = read_docx(&docx).unwrap();
        assert_eq!(e.source, "Court upholds verdict\nThe Lviv court ruled on 15 March that Oleh Petrenko & Co. must pay €2.3 million.\n\nDate\nAmount\nJudge Maria Kovalenko closed the session.");
        assert_eq!(e.meta.title.as_deref(), Some("Test document"));
        assert_eq!(e.meta.date.as_deref(), Some("2023-05-12T09:30:00Z"));
        for w in ["Petrenko", "€2.3 million", "Kovalenko", "Amount", "& Co."] {
            assert_eq!(at(&e, w), w);
        }
        // The title is its own sentence.
        let s: Vec<&str> = sentences(&e.text).into_iter().map(|r| &e.text[r]).collect();
        assert_eq!(s[0], "Court upholds verdict");
        // Line 6 of the source is the last paragraph.
        assert_eq!(e.source.lines().nth(5), Some("Judge Maria Kovalenko closed the session."));
    }

    #[test]
    fn runs_tabs_breaks_and_entities() {
        let xml = r#"<w:document xmlns:w="w" xmlns:mc="mc"><w:body>
<w:p><w:r><w:t>Ovan</w:t></w:r><w:r><w:t>-Tek &amp; sons</w:t><w:tab/><w:t>x</w:t><w:br/><w:t>&#233;t&#xE9;</w:t></w:r>
<w:r><mc:AlternateContent><mc:Choice><w:t>A</w:t></mc:Choice><mc:Fallback><w:t>A</w:t></mc:Fallback></mc:AlternateContent></w:r>
<w:del><w:r><w:delText>removed</w:delText></w:r></w:del></w:p><w:p/></w:body></w:document>"#;
        assert_eq!(paragraphs(xml).unwrap(), vec!["Ovan-Tek & sons\tx étéA".to_string(), String::new()]);
    }

    #[test]
    fn malformed_input_is_an_error() {
        assert!(read_docx(b"not a zip").unwrap_err().contains("zip"));
        assert!(read_docx(&[]).is_err());
        // A zip without the document part.
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        w.start_file("a.txt", zip::write::SimpleFileOptions::default()).unwrap();
        let bytes = w.finish().unwrap().into_inner();
        assert!(read_docx(&bytes).unwrap_err().contains("word/document.xml"));
        assert!(paragraphs("<w:body><w:p><w:r><w:t>x</w:r></w:p>").is_err());
        assert!(paragraphs("<w:body><w:p><w:t>never closed").is_err());
        // Truncated archive.
        let good = make_docx(&["Some text."]);
        assert!(read_docx(&good[..good.len() / 2]).is_err());
    }
}
