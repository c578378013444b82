fn main() {
    for p in std::env::args().skip(1) {
        let t = std::fs::read_to_string(&p).unwrap();
        for m in crosscheck::facts::titles::find_titles(&t) {
            let k = crosscheck::facts::titles::title_key(&m.title_text, &[]);
            println!("{p}: {} : {} => {} former={}", m.person_text, m.title_text, k.display(), m.former);
        }
    }
}
#[allow(dead_code)]
fn unused() {}
