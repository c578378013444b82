//! Acceptance on the two real articles the project was born from (`../shared/seeds`), judged
//! against their `EXPECTED.toml` with only the default rule pack.

mod common;

use common::*;

#[test]
fn seeds_meet_every_expectation() {
    let seeds = root().join("../shared/seeds");
    if !seeds.join("EXPECTED.toml").is_file() {
        panic!("../shared/seeds is missing: the acceptance test needs the shared folder beside the project");
    }
    let exp = read_expected(&seeds.join("EXPECTED.toml"));
    let (code, json, stderr) = check_json(&[seeds.join("articles").to_str().unwrap()]);
    assert_eq!(code, 1, "findings must fail the run: {stderr}");
    let findings = json["findings"].as_array().unwrap();
    let failures = judge(findings, &exp);
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    let names = findings.iter().filter(|f| f["kind"] == "spelling").count();
    assert!(names <= 8, "too many name findings ({names}) on the seeds");
}
