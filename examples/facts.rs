//! Dumps the facts crosscheck extracts from documents (a debugging aid).
use crosscheck::document::load::{load, LoadOptions};
fn main() {
    let paths: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    let loaded = load(&paths, &LoadOptions::default()).unwrap();
    let docs = loaded.documents;
    let opts = crosscheck::engine::EngineOptions::default();
    let cx = crosscheck::engine::Context::new(&docs, &opts);
    for (i, d) in docs.iter().enumerate() {
        println!("== {}", d.path);
        let f = &cx.facts[i];
        for x in &f.dates {
            let s = cx.sentences[i]
                .iter()
                .find(|s| s.start <= x.span.start && x.span.end <= s.end)
                .cloned()
                .unwrap_or(0..0);
            println!(
                "  date {:?} -> {} key={:?}",
                x.surface,
                x.display(),
                crosscheck::facts::dates::event_key(&d.text, s, x.span.clone())
            );
        }
        for n in &f.numbers {
            println!("  num {:?} -> {} noun={:?} {:?}", n.surface, n.display(), n.noun, n.kind);
        }
        for a in &f.attributions {
            println!(
                "  attr agent={:?} verb={} vehicle={:?} recipient={:?}",
                a.agent.text,
                a.verb,
                a.vehicle,
                a.recipient.as_ref().map(|r| &r.1)
            );
        }
    }
    for p in &cx.alignment().pairs {
        println!(
            "ALIGN {:.2} {}:{:?} ~ {}:{:?}",
            p.score,
            docs[p.a.doc].path,
            &docs[p.a.doc].text[p.a.range.clone()].chars().take(60).collect::<String>(),
            docs[p.b.doc].path,
            &docs[p.b.doc].text[p.b.range.clone()].chars().take(60).collect::<String>()
        );
    }
}
