//! Transcripts of the real binary (`tests/cmd/*.md`, run by trycmd): suppression, rule
//! selection, overriding a rule by id, `explain` and `init`, each as a user would type them. Each
//! transcript runs in its `.in/` folder; `init` runs in a scratch copy and its result is compared
//! with `init.out/`.

#[test]
fn transcripts() {
    trycmd::TestCases::new()
        .register_bin("crosscheck", std::path::Path::new(env!("CARGO_BIN_EXE_crosscheck")))
        .case("tests/cmd/*.md");
}
