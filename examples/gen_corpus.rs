//! Writes the synthetic benchmark corpus (see `benches/common/corpus.rs`) to a folder:
//! `cargo run --release --example gen_corpus -- DIR N`.

#[path = "../benches/common/corpus.rs"]
mod corpus;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dir, n) = match args.as_slice() {
        [dir, n] => match n.parse::<usize>() {
            Ok(n) => (std::path::PathBuf::from(dir), n),
            Err(_) => usage(),
        },
        _ => usage(),
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("error: cannot create {}: {e}", dir.display());
        std::process::exit(2);
    }
    let mut bytes = 0;
    for (name, text) in corpus::corpus(n) {
        bytes += text.len();
        if let Err(e) = std::fs::write(dir.join(&name), text) {
            eprintln!("error: cannot write {name}: {e}");
            std::process::exit(2);
        }
    }
    eprintln!("wrote {n} documents ({:.2} MiB) to {}", bytes as f64 / (1024.0 * 1024.0), dir.display());
}

fn usage() -> ! {
    eprintln!("usage: gen_corpus DIR N");
    std::process::exit(2);
}
