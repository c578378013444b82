//! Writes the `.docx` seed of the `docx` and `pipeline` fuzz targets (see fuzz/README.md):
//! `cargo run --example fuzz_seed_docx -- fuzz/corpus-seeds/docx/minimal.docx`.
fn main() {
    let Some(out) = std::env::args().nth(1) else {
        eprintln!("usage: fuzz_seed_docx OUT.docx");
        std::process::exit(2);
    };
    let bytes = crosscheck::document::docx::make_docx(&[
        "Council approves ferry terminal",
        "The council of Portmere voted on 12 May 2023 to build it, chair Agnes Dolan said.",
        "| Cost | €40 million |",
        "\"We waited years,\" said Dolan – Zürich & Kyiv.",
    ]);
    std::fs::write(&out, bytes).expect("write the seed");
}
