fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        println!(
            "{} / {} -> {:?}  keys {} {}",
            pair[0],
            pair[1],
            crosscheck::compare::names::is_variant(&pair[0], &pair[1]),
            crosscheck::compare::names::name_key(&pair[0]),
            crosscheck::compare::names::name_key(&pair[1])
        );
    }
}
