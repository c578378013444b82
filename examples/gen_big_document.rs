//! Writes one big document for the size benchmark (`benches/big-document.sh`): the synthetic
//! corpus of `benches/common/corpus.rs` told as one text, documents joined by blank lines and cut
//! at a paragraph break to at most BYTES bytes.
//!
//! `cargo run --release --example gen_big_document -- FILE BYTES [--no-punctuation]`
//!
//! With `--no-punctuation` every sentence mark, comma, colon and line break becomes a space: the
//! whole text is one sentence, the worst case for anything that works per sentence.

#[path = "../benches/common/corpus.rs"]
mod corpus;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (file, bytes, bare) = match args.as_slice() {
        [f, n] => (f, n, false),
        [f, n, flag] if flag == "--no-punctuation" => (f, n, true),
        _ => usage(),
    };
    let Ok(bytes) = bytes.parse::<usize>() else { usage() };
    // About 3.5 KB per document: generate a few more than needed.
    let docs = corpus::corpus(bytes / 3000 + 10);
    let mut text = String::with_capacity(bytes + 8192);
    for (_, t) in &docs {
        if text.len() + t.len() + 2 > bytes {
            break;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(t);
    }
    if bare {
        text = text.chars().map(|c| if ".,;:!?\n".contains(c) { ' ' } else { c }).collect();
    }
    if let Err(e) = std::fs::write(file, &text) {
        eprintln!("error: cannot write {file}: {e}");
        std::process::exit(2);
    }
    eprintln!("wrote {} bytes to {file}", text.len());
}

fn usage() -> ! {
    eprintln!("usage: gen_big_document FILE BYTES [--no-punctuation]");
    std::process::exit(2);
}
