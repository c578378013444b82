use clap::Parser;

fn main() {
    // The engine catches a panic in one rule or document and reports it beside the other
    // findings; the hook only says where it happened (for the bug report), in one line instead
    // of the default hook's thread dump.
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let at = info.location().map(|l| format!(" at {}:{}:{}", l.file(), l.line(), l.column())).unwrap_or_default();
        let msg = crosscheck::report::escape_controls(&msg);
        eprintln!("note: internal error{at}: {msg}");
        let trace = std::backtrace::Backtrace::capture();
        if trace.status() == std::backtrace::BacktraceStatus::Captured {
            eprintln!("{trace}");
        }
    }));
    // Usage errors exit 2 (clap's own convention matches ours); --help and --version exit 0.
    let cli = crosscheck::cli::Cli::parse();
    std::process::exit(crosscheck::cli::run(cli));
}
