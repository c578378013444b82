use clap::Parser;

fn main() {
    // Usage errors exit 2 (clap's own convention matches ours); --help and --version exit 0.
    let cli = crosscheck::cli::Cli::parse();
    std::process::exit(crosscheck::cli::run(cli));
}
