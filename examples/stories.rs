//! Prints the stories the engine finds in a folder (a debugging aid):
//! `cargo run --release --example stories -- PATH...`
fn main() {
    let paths: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    let loaded = crosscheck::document::load::load(&paths, &Default::default()).expect("readable paths");
    let options = crosscheck::engine::EngineOptions::default();
    let cx = crosscheck::engine::Context::new(&loaded.documents, &options);
    let mut by: std::collections::BTreeMap<usize, Vec<&str>> = Default::default();
    for (i, s) in cx.stories.of_doc.iter().enumerate() {
        by.entry(*s).or_default().push(&loaded.documents[i].path);
    }
    println!("{} documents, {} stories", loaded.documents.len(), by.len());
    for (s, docs) in by {
        println!("story {s}: {}", docs.join(" "));
    }
}
