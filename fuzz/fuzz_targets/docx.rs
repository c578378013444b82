#![no_main]
//! `docx`: malformed Word files give `Err`, never a panic; what reads is checked like the
//! other readers. Input starting with `PK` is read as the .docx file itself (mutated zips);
//! anything else is zipped as `word/document.xml`, so the XML walk is reached too.

use std::io::{Cursor, Write};

use crosscheck::document::docx::read_docx;
use libfuzzer_sys::fuzz_target;
use zip::write::SimpleFileOptions;

fn zipped(document_xml: &[u8]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file("word/document.xml", opts).expect("zip in memory");
    w.write_all(document_xml).expect("zip in memory");
    w.finish().expect("zip in memory").into_inner()
}

fuzz_target!(|data: &[u8]| {
    let bytes = if data.starts_with(b"PK") { data.to_vec() } else { zipped(data) };
    if let Ok(e) = read_docx(&bytes) {
        // One source line per paragraph; every paragraph's text is copied into the text.
        crosscheck_fuzz::check_extracted(&e);
        assert!(e.map.pieces().iter().all(|p| p.text.len() == p.source.len()), "docx pieces are copies");
    }
});
