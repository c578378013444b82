//! Prints the analysis of a document (tokens with tags, then mentions): a debugging aid.
//! `cargo run --release --example analyse -- FILE [--tokens]`
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: analyse FILE [--tokens]");
    let tokens = args.next().as_deref() == Some("--tokens");
    let source = std::fs::read(&path).expect("readable file");
    let doc = crosscheck::document::load::read_bytes(
        &path,
        crosscheck::document::Format::from_extension(path.rsplit('.').next().unwrap_or("txt"))
            .unwrap_or(crosscheck::document::Format::Text),
        &source,
    )
    .expect("a document");
    let text = &doc.text;
    let a = crosscheck::analysis::DocAnalysis::new(text);
    if tokens {
        for (i, _) in a.sentences.iter().enumerate() {
            let words: Vec<String> =
                a.sentence_tokens(i).iter().map(|t| format!("{}/{}", &text[t.span.clone()], t.tag_name())).collect();
            println!("{i}: {}", words.join(" "));
        }
    }
    for m in crosscheck::facts::mentions::find_mentions(text, &a) {
        println!(
            "{:?} {:?} words={:?}{}",
            m.kind,
            m.text(text),
            m.word_texts(text),
            if m.sentence_initial { " (initial)" } else { "" }
        );
    }
}
