//! The command line: argument parsing and wiring, nothing else. Exit codes: 0 when no finding
//! reaches `--fail-on`, 1 when one does, 2 for usage errors and for any input (document, rule
//! pack, config, baseline) that could not be used.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::baseline::Baseline;
use crate::config::{self, Config, RuleRef};
use crate::document::load::{load, LoadOptions, StdinDocument, STDIN_NAME};
use crate::engine::{check, EngineOptions};
use crate::error::InputError;
use crate::findings::Severity;
use crate::report::{
    concise::ConciseReporter, github::GithubReporter, html::HtmlReporter, human::HumanReporter, json::JsonReporter,
    markdown::MarkdownReporter, sarif::SarifReporter, Outcome, Reporter,
};
use crate::report::{escape_controls, line_start_path};
use crate::rules::{self, parse_pack, DateOrder, RuleSet, DEFAULT_PACK, DEFAULT_PACK_PATH};

/// Exit code: no finding at or above the threshold.
pub const EXIT_CLEAN: i32 = 0;
/// Exit code: findings at or above the threshold.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code: usage error, or an input or rule that could not be used.
pub const EXIT_ERROR: i32 = 2;

#[derive(Parser, Debug)]
#[command(name = "crosscheck", version, about = "Find where a set of documents disagree with each other.")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check documents against each other and report disagreements.
    Check(Box<CheckArgs>),
    /// List the rules in force (default pack, config and --rules).
    Rules(RuleArgs),
    /// Show the facts read in each document: names, dates, figures, titles, quotes, agents.
    Facts(FactArgs),
    /// Score document sets against their EXPECTED.toml: found, missed, traps, stray findings.
    Test(TestArgs),
    /// Explain a rule: what it looks for, its settings and an example.
    Explain(ExplainArgs),
    /// Write a commented crosscheck.toml in the current folder (never overwrites one).
    Init,
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(CompletionArgs),
    /// Print the manual page (roff), or write one page per command into a folder.
    Man(ManArgs),
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// The rule id (`crosscheck rules` lists them).
    #[arg(value_name = "RULE-ID")]
    pub id: String,
    #[command(flatten)]
    pub rules: RuleArgs,
}

#[derive(Args, Debug)]
pub struct CompletionArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Args, Debug)]
pub struct ManArgs {
    /// Write crosscheck.1 and a page per subcommand (crosscheck-check.1 …) into this folder.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct TestArgs {
    /// Sets to score: folders holding an EXPECTED.toml, or folders of such sets. A folder with
    /// neither is a set with no expectations, whose every finding is stray.
    #[arg(value_name = "SET", required = true)]
    pub sets: Vec<PathBuf>,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TestFormat::Human)]
    pub format: TestFormat,
    /// Print only the sets that fail, then the table.
    #[arg(short, long)]
    pub quiet: bool,
    /// How to read ambiguous numeric dates such as 04.05.2021.
    #[arg(long, value_enum, value_name = "ORDER")]
    pub date_order: Option<DateOrderArg>,
    /// Worker threads (default: one per core). Output does not depend on it.
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestFormat {
    /// Per-set lines, a table per finding kind and a closing line.
    Human,
    /// The same figures as one JSON object.
    Json,
}

#[derive(Args, Debug)]
pub struct FactArgs {
    /// Files and folders to read (folders are walked, honouring .gitignore).
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Print JSON (one object per fact) instead of text.
    #[arg(long)]
    pub json: bool,
    /// How to read ambiguous numeric dates such as 04.05.2021.
    #[arg(long, value_enum, value_name = "ORDER")]
    pub date_order: Option<DateOrderArg>,
}

#[derive(Args, Debug, Clone)]
pub struct RuleArgs {
    /// A rule pack file, or a folder of `.toml` packs, added to the default pack (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    pub rules: Vec<PathBuf>,
    /// Do not use the embedded default rule pack.
    #[arg(long)]
    pub no_default_rules: bool,
    /// Use this config file instead of looking for crosscheck.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files and folders to check (folders are walked, honouring .gitignore); `-` reads one
    /// document from standard input.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// The name (and so the format) of the document read from `-`.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Run only these rules (repeatable or comma-separated; replaces `select` in crosscheck.toml).
    #[arg(long, value_name = "RULE-ID", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Do not run these rules (repeatable or comma-separated; adds to `ignore` in crosscheck.toml).
    #[arg(long, value_name = "RULE-ID", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE", conflicts_with = "no_baseline")]
    pub baseline: Option<PathBuf>,
    /// Do not use the baseline named in crosscheck.toml.
    #[arg(long)]
    pub no_baseline: bool,
    /// Record this run's findings in FILE (then report them as in the baseline).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// The folder SARIF document URIs are relative to (default: the current folder).
    #[arg(long, value_name = "DIR")]
    pub sarif_root: Option<PathBuf>,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Lowest severity that makes the run fail (exit 1).
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<FailOn>,
    /// Only read walked files matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Skip walked files and folders matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// How to read ambiguous numeric dates such as 04.05.2021.
    #[arg(long, value_enum, value_name = "ORDER")]
    pub date_order: Option<DateOrderArg>,
    /// Skip files larger than this many bytes (default 20 MB).
    #[arg(long, value_name = "BYTES")]
    pub max_file_size: Option<u64>,
    /// Worker threads (default: one per core). Output does not depend on it.
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
    /// When to colour the human report.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// Print why two values were or were not reported (each stage's decisions) instead of the
    /// report, e.g. `--explain "4 May" "May 5"`.
    #[arg(long, num_args = 2, value_names = ["VALUE", "VALUE"])]
    pub explain: Option<Vec<String>>,
    /// Report only findings at least this sure (0..1; findings the engine does not score are
    /// always reported).
    #[arg(long, value_name = "CONFIDENCE", value_parser = confidence_arg)]
    pub min_confidence: Option<f64>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Diagnostics with source snippets, for people.
    Human,
    /// One line per finding.
    Concise,
    /// The stable JSON report (see the README).
    Json,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
    /// GitHub Actions annotations, one per finding (and a job summary when
    /// GITHUB_STEP_SUMMARY is set).
    Github,
    /// One self-contained HTML page with filters, for editors.
    Html,
    /// GitHub-flavoured Markdown, for pull-request comments and wikis.
    Markdown,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    None,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateOrderArg {
    Dmy,
    Mdy,
    Ymd,
}

impl DateOrderArg {
    fn order(self) -> DateOrder {
        match self {
            DateOrderArg::Dmy => DateOrder::Dmy,
            DateOrderArg::Mdy => DateOrder::Mdy,
            DateOrderArg::Ymd => DateOrder::Ymd,
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    Auto,
    Always,
    Never,
}

/// Runs the command line and returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Check(args) => run_check(*args),
        Command::Rules(args) => run_rules(args),
        Command::Facts(args) => run_facts(args),
        Command::Test(args) => run_test(args),
        Command::Explain(args) => run_explain(args),
        Command::Init => run_init(),
        Command::Completions(args) => {
            clap_complete::generate(args.shell, &mut Cli::command(), "crosscheck", &mut std::io::stdout());
            EXIT_CLEAN
        }
        Command::Man(args) => run_man(args),
    }
}

fn usage_error(msg: impl std::fmt::Display) -> i32 {
    eprintln!("error: {}", escape_controls(&msg.to_string()));
    EXIT_ERROR
}

/// Prints every problem on stderr, control characters escaped (file names and messages may
/// quote document text).
fn report_problems(errors: &[InputError]) {
    let mut err = std::io::stderr().lock();
    for e in errors {
        let level = if e.warning { "warning" } else { "error" };
        // stderr gone too: nothing left to tell.
        let _ = writeln!(err, "{level}: {}", escape_controls(&e.to_string()));
    }
}

/// Writes to stdout; a closed pipe (`crosscheck check | head`) is `Err("")`: the reader has
/// what it wanted, so nothing is said about it.
fn write_stdout(buf: &[u8]) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(buf).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(String::new()),
        Err(e) => Err(format!("cannot write the report: {e}")),
        Ok(()) => Ok(()),
    }
}

/// The config in force: the one named, else the nearest crosscheck.toml.
fn find_config(args: &RuleArgs, errors: &mut Vec<InputError>) -> Config {
    let path = match &args.config {
        Some(p) => Some(p.clone()),
        None => std::env::current_dir().ok().and_then(|d| config::discover(&d)),
    };
    match path {
        Some(p) => config::load(&p).unwrap_or_else(|e| {
            errors.push(e);
            Config::default()
        }),
        None => Config::default(),
    }
}

/// Loads the default pack (unless disabled), the config's packs and `--rules` packs, in that order.
fn rule_set(args: &RuleArgs, cfg: &Config, errors: &mut Vec<InputError>) -> RuleSet {
    let mut packs = Vec::new();
    if !args.no_default_rules && cfg.default_rules != Some(false) {
        packs.push(parse_pack(DEFAULT_PACK_PATH, DEFAULT_PACK));
    }
    for p in cfg.rules.iter().chain(&args.rules) {
        packs.extend(rules::load_packs(p));
    }
    let (set, errs) = RuleSet::from_packs(packs);
    errors.extend(errs);
    set
}

/// Checks rule ids named by `--select`/`--ignore` or the config: a typo would silently run
/// every rule, or none.
fn unknown_ids<'a>(ids: impl Iterator<Item = &'a str>, set: &RuleSet) -> Vec<&'a str> {
    let known = set.known_ids();
    ids.filter(|id| !known.contains(id)).collect()
}

fn known_list(set: &RuleSet) -> String {
    set.known_ids().join(", ")
}

/// Applies `--select`/`--ignore` (and the config's lists) to the rule set. Returns the ids kept
/// for filtering findings, or a usage error for an unknown id on the command line; unknown ids
/// in the config are located errors.
fn select_rules(
    args: &CheckArgs,
    cfg: &Config,
    set: &mut RuleSet,
    errors: &mut Vec<InputError>,
) -> Result<Vec<String>, String> {
    for (flag, ids) in [("--select", &args.select), ("--ignore", &args.ignore)] {
        if let Some(bad) = unknown_ids(ids.iter().map(String::as_str), set).first() {
            return Err(format!("unknown rule `{bad}` in {flag} (known rules: {})", known_list(set)));
        }
    }
    let cfg_path = cfg.path.as_ref().map(|p| p.display().to_string()).unwrap_or_default();
    let mut check_cfg = |refs: &[RuleRef], key: &str| {
        for r in refs {
            if unknown_ids(std::iter::once(r.id.as_str()), set).is_empty() {
                continue;
            }
            errors.push(InputError::at(
                &cfg_path,
                r.line,
                r.column,
                format!("unknown rule `{}` in `{key}` (known rules: {})", r.id, known_list(set)),
            ));
        }
    };
    check_cfg(cfg.select.as_deref().unwrap_or_default(), "select");
    check_cfg(&cfg.ignore, "ignore");
    let select: Option<Vec<String>> = if !args.select.is_empty() {
        Some(args.select.clone())
    } else {
        cfg.select.as_ref().map(|v| v.iter().map(|r| r.id.clone()).collect())
    };
    let ignore: Vec<String> = cfg.ignore.iter().map(|r| r.id.clone()).chain(args.ignore.iter().cloned()).collect();
    let keep = |id: &str| select.as_ref().is_none_or(|s| s.iter().any(|x| x == id)) && !ignore.iter().any(|x| x == id);
    set.retain(keep);
    let kept: Vec<String> = set.known_ids().into_iter().filter(|id| keep(id)).map(str::to_string).collect();
    Ok(kept)
}

/// The absolute folder SARIF URIs are relative to.
fn sarif_root(arg: Option<&Path>) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
    let p = match arg {
        Some(p) if p.is_absolute() => p.to_path_buf(),
        Some(p) => cwd.join(p),
        None => cwd,
    };
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn run_check(args: CheckArgs) -> i32 {
    if let Err(code) = set_threads(args.threads) {
        return code;
    }
    let mut errors: Vec<InputError> = Vec::new();
    let cfg = find_config(&args.rules, &mut errors);
    let mut set = rule_set(&args.rules, &cfg, &mut errors);
    let selected = match select_rules(&args, &cfg, &mut set, &mut errors) {
        Ok(ids) => ids,
        Err(msg) => return usage_error(msg),
    };

    let stdin = if args.paths.iter().any(|p| p.as_os_str() == "-") {
        let mut bytes = Vec::new();
        if let Err(e) = std::io::stdin().lock().read_to_end(&mut bytes) {
            return usage_error(format!("cannot read standard input: {e}"));
        }
        Some(StdinDocument { name: args.stdin_filename.clone().unwrap_or_else(|| STDIN_NAME.to_string()), bytes })
    } else {
        if args.stdin_filename.is_some() {
            return usage_error("--stdin-filename names the document read from `-`, which is not among the paths");
        }
        None
    };
    let mut include = cfg.include.clone();
    include.extend(args.include.iter().cloned());
    let mut exclude = cfg.exclude.clone();
    exclude.extend(args.exclude.iter().cloned());
    let opts = LoadOptions {
        include,
        exclude,
        max_file_size: args.max_file_size.or(cfg.max_file_size).unwrap_or(20 * 1024 * 1024),
        formats: cfg.formats.clone(),
        stdin,
    };
    let loaded = match load(&args.paths, &opts) {
        Ok(l) => l,
        Err(msg) => return usage_error(msg),
    };
    errors.extend(loaded.errors);
    let docs = loaded.documents;

    let date_order = args.date_order.map(DateOrderArg::order).or(cfg.date_order);
    if let Some(values) = &args.explain {
        let options = EngineOptions { date_order, explain: values.clone(), ..Default::default() };
        let (checked, lines) = crate::engine::explain(&docs, &set, &options);
        return print_explanation(values, &checked.findings, &lines);
    }
    let checked = check(&docs, &set, &EngineOptions { date_order, ..Default::default() });
    errors.extend(checked.errors);
    let mut findings = checked.findings;
    findings.retain(|f| selected.contains(&f.rule));
    if let Some(min) = args.min_confidence {
        findings.retain(|f| f.confidence.is_none_or(|c| c >= min));
    }

    // Held back, never dropped: comments in the documents, the config's [[ignore]], a baseline.
    let known: Vec<&str> = set.known_ids();
    errors.extend(crate::suppress::check_directives(&docs, &known));
    let (findings, mut suppressed) = crate::suppress::apply(findings, &docs, &cfg.suppressions);
    let baseline_path = args.baseline.clone().or(if args.no_baseline { None } else { cfg.baseline.clone() });
    let findings = if let Some(path) = &args.write_baseline {
        let b = Baseline::of(&findings);
        if let Err(e) = std::fs::write(path, b.to_json()) {
            return usage_error(format!("cannot write the baseline {}: {e}", path.display()));
        }
        eprintln!(
            "wrote {} finding{} to {}",
            b.findings.len(),
            crate::report::plural(b.findings.len()),
            path.display()
        );
        let (kept, held) = b.apply(findings, &crate::document::load::display(path));
        suppressed.extend(held);
        kept
    } else if let Some(path) = &baseline_path {
        match Baseline::read(path) {
            Ok(b) => {
                let (kept, held) = b.apply(findings, &crate::document::load::display(path));
                suppressed.extend(held);
                kept
            }
            Err(e) => {
                errors.push(e);
                findings
            }
        }
    } else {
        findings
    };

    // A document read with a note (an encoding fallback, no article text) is a warning of the
    // run as a whole, in the JSON `warnings` as on stderr.
    for d in &docs {
        for w in &d.warnings {
            errors.push(InputError::new(&d.path, w).as_warning());
        }
    }
    // Problems always go to stderr, whatever the report format and destination.
    report_problems(&errors);

    let outcome =
        Outcome { documents: &docs, findings: &findings, suppressed: &suppressed, errors: &errors, rules: &set.rules };
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let reporter: Box<dyn Reporter> = match args.format {
        Format::Human => Box::new(HumanReporter { color, width: terminal_width(to_terminal) }),
        Format::Concise => Box::new(ConciseReporter),
        Format::Json => Box::new(JsonReporter),
        Format::Sarif => Box::new(SarifReporter { root: sarif_root(args.sarif_root.as_deref()) }),
        Format::Github => Box::new(GithubReporter),
        Format::Html => Box::new(HtmlReporter),
        Format::Markdown => Box::new(MarkdownReporter { limit: None }),
    };
    let mut buf: Vec<u8> = Vec::new();
    if let Err(e) = reporter.write(&outcome, &mut buf) {
        return usage_error(format!("cannot render the report: {e}"));
    }
    let written = match &args.output {
        Some(p) => std::fs::write(p, &buf).map_err(|e| format!("cannot write {}: {e}", p.display())),
        None => write_stdout(&buf),
    };
    // A closed pipe is not an error of the run: its exit code still says what was found.
    match written {
        Err(msg) if !msg.is_empty() => return usage_error(msg),
        _ => {}
    }
    if args.format == Format::Github {
        if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
            if let Err(e) = append_summary(Path::new(&path), &outcome) {
                eprintln!("warning: cannot write the job summary {}: {e}", Path::new(&path).display());
            }
        }
    }

    if errors.iter().any(|e| !e.warning) {
        return EXIT_ERROR;
    }
    let threshold =
        match args.fail_on.or_else(|| cfg.fail_on.as_deref().and_then(parse_fail_on)).unwrap_or(FailOn::Warning) {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::None => None,
        };
    match threshold {
        Some(t) if findings.iter().any(|f| f.severity >= t) => EXIT_FINDINGS,
        _ => EXIT_CLEAN,
    }
}

/// Findings written in full to a job summary; GitHub takes at most 1 MiB per step.
const SUMMARY_FINDINGS: usize = 100;

/// Appends the Markdown report to the GitHub Actions job summary.
fn append_summary(path: &Path, outcome: &Outcome<'_>) -> std::io::Result<()> {
    let mut text = Vec::new();
    MarkdownReporter { limit: Some(SUMMARY_FINDINGS) }.write(outcome, &mut text)?;
    let mut f = std::fs::OpenOptions::new().create(true).append(true).open(path)?;
    f.write_all(&text)
}

fn parse_fail_on(s: &str) -> Option<FailOn> {
    match s {
        "error" => Some(FailOn::Error),
        "warning" => Some(FailOn::Warning),
        "info" => Some(FailOn::Info),
        "none" => Some(FailOn::None),
        _ => None,
    }
}

fn terminal_width(to_terminal: bool) -> usize {
    let cols = std::env::var("COLUMNS").ok().and_then(|c| c.parse::<usize>().ok());
    match cols {
        Some(c) if to_terminal => c.clamp(60, 200),
        _ => 120,
    }
}

fn run_rules(args: RuleArgs) -> i32 {
    let mut errors = Vec::new();
    let cfg = find_config(&args, &mut errors);
    let set = rule_set(&args, &cfg, &mut errors);
    report_problems(&errors);
    let mut out = String::new();
    for r in &set.rules {
        // An id is any word, `::error` too: it must not start a workflow command in a CI log.
        out.push_str(&format!(
            "{:<24} {:<12} {:<8} {}\n",
            line_start_path(&r.id),
            r.kind.as_str(),
            r.severity.as_str(),
            escape_controls(&r.pack)
        ));
        if let Some(d) = &r.description {
            for line in d.lines() {
                out.push_str(&format!("    {}\n", escape_controls(line)));
            }
        }
    }
    for id in &set.disabled {
        out.push_str(&format!("{:<24} (disabled with enabled = false)\n", line_start_path(id)));
    }
    if !set.facts.is_empty() {
        out.push_str(&format!("{} reference fact(s)\n", set.facts.len()));
    }
    match write_stdout(out.as_bytes()) {
        Err(msg) if !msg.is_empty() => return usage_error(msg),
        _ => {}
    }
    if errors.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_ERROR
    }
}

fn run_facts(args: FactArgs) -> i32 {
    let mut errors = Vec::new();
    let cfg = find_config(&RuleArgs { rules: Vec::new(), no_default_rules: true, config: None }, &mut errors);
    let opts = LoadOptions {
        include: cfg.include.clone(),
        exclude: cfg.exclude.clone(),
        max_file_size: cfg.max_file_size.unwrap_or(20 * 1024 * 1024),
        formats: cfg.formats.clone(),
        stdin: None,
    };
    let loaded = match load(&args.paths, &opts) {
        Ok(l) => l,
        Err(msg) => return usage_error(msg),
    };
    errors.extend(loaded.errors);
    for d in &loaded.documents {
        for w in &d.warnings {
            errors.push(InputError::new(&d.path, w).as_warning());
        }
    }
    report_problems(&errors);
    let options =
        EngineOptions { date_order: args.date_order.map(DateOrderArg::order).or(cfg.date_order), ..Default::default() };
    let cx = crate::engine::Context::new(&loaded.documents, &options);
    report_problems(&cx.failures);
    errors.extend(cx.failures.iter().cloned());
    let rows = crate::report::facts::rows(&cx);
    let mut buf = Vec::new();
    let rendered = if args.json {
        serde_json::to_writer_pretty(&mut buf, &rows).map_err(std::io::Error::other).and_then(|_| writeln!(buf))
    } else {
        crate::report::facts::write_text(&rows, &mut buf)
    };
    if let Err(e) = rendered {
        return usage_error(format!("cannot render the facts: {e}"));
    }
    match write_stdout(&buf) {
        Err(msg) if !msg.is_empty() => return usage_error(msg),
        _ => {}
    }
    if errors.iter().all(|e| e.warning) {
        EXIT_CLEAN
    } else {
        EXIT_ERROR
    }
}

/// Sizes the global thread pool; `Err` carries the exit code of a bad count.
fn set_threads(threads: Option<usize>) -> Result<(), i32> {
    if let Some(n) = threads {
        if n == 0 {
            return Err(usage_error("--threads must be at least 1"));
        }
        // Only fails if a pool was built already, which cannot happen this early.
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n).build_global();
    }
    Ok(())
}

/// `crosscheck test`: each set is checked exactly as `crosscheck check` would check its
/// documents (the config in force, the default pack, `--rules`, plus the set's own `rules.toml`),
/// then judged against its expectations.
fn run_test(args: TestArgs) -> i32 {
    use crate::expect;
    use crate::report::test::{SetResult, TestRun};

    if let Err(code) = set_threads(args.threads) {
        return code;
    }
    let mut config_errors = Vec::new();
    let cfg = find_config(&args.rules, &mut config_errors);
    let sets = match expect::discover_sets(&args.sets) {
        Ok(s) => s,
        Err(msg) => return usage_error(msg),
    };
    let date_order = args.date_order.map(DateOrderArg::order).or(cfg.date_order);
    let mut results = Vec::new();
    for set in sets {
        let mut errors = config_errors.clone();
        let expectations = match &set.expected {
            Some(p) => expect::read(p).unwrap_or_else(|e| {
                errors.push(e);
                expect::Expectations::default()
            }),
            None => expect::Expectations::default(),
        };
        let mut rule_args = args.rules.clone();
        rule_args.rules.extend(set.rules.clone());
        let rules = rule_set(&rule_args, &cfg, &mut errors);
        let opts = LoadOptions {
            include: cfg.include.clone(),
            exclude: cfg.exclude.clone(),
            max_file_size: cfg.max_file_size.unwrap_or(20 * 1024 * 1024),
            formats: cfg.formats.clone(),
            stdin: None,
        };
        let (documents, findings) = match load(&set.documents, &opts) {
            Ok(loaded) => {
                errors.extend(loaded.errors);
                // The engine turns its own panics into errors: a set that trips one fails, alone.
                let checked = check(&loaded.documents, &rules, &EngineOptions { date_order, ..Default::default() });
                errors.extend(checked.errors);
                // What the documents or the config hold back is held back here too.
                let (findings, _held) = crate::suppress::apply(checked.findings, &loaded.documents, &cfg.suppressions);
                (loaded.documents.len(), findings)
            }
            Err(msg) => {
                errors.push(InputError::new(set.name.clone(), msg));
                (0, Vec::new())
            }
        };
        let verdict = expect::judge(&findings, &expectations);
        results.push(SetResult::new(set.name, documents, verdict, errors));
    }
    let run = TestRun::new(results);
    let mut out = std::io::stdout().lock();
    let written = match args.format {
        TestFormat::Human => run.write_human(&mut out, args.quiet),
        TestFormat::Json => run.write_json(&mut out),
    };
    if let Err(e) = written.and_then(|_| out.flush()) {
        return usage_error(format!("cannot write the report: {e}"));
    }
    if run.failed() > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// Prints what `--explain` found: the findings naming both values, then each stage's decisions.
fn print_explanation(values: &[String], findings: &[crate::findings::Finding], lines: &[crate::explain::Line]) -> i32 {
    let trace = crate::explain::Trace::new(values);
    let mut out = std::io::stdout().lock();
    let naming: Vec<&crate::findings::Finding> = findings
        .iter()
        .filter(|f| {
            let texts: Vec<&str> =
                std::iter::once(f.message.as_str()).chain(f.evidence.iter().map(|e| e.text.as_str())).collect();
            trace.concerns(&texts)
        })
        .collect();
    let quoted: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
    let _ = writeln!(out, "{}: {} finding(s) name them", quoted.join(" and "), naming.len());
    for f in &naming {
        let _ = writeln!(out, "  {}[{}] {}", f.severity.as_str(), f.rule, f.message);
    }
    if lines.is_empty() {
        let _ = writeln!(out, "no stage compared them (they were not read as comparable facts, or never met)");
    }
    for l in lines {
        let _ = writeln!(out, "{:>10}: {}", l.stage, l.text);
    }
    EXIT_CLEAN
}

fn run_explain(args: ExplainArgs) -> i32 {
    let mut errors = Vec::new();
    let cfg = find_config(&args.rules, &mut errors);
    let set = rule_set(&args.rules, &cfg, &mut errors);
    for e in &errors {
        eprintln!("error: {e}");
    }
    let text = match set.rules.iter().find(|r| r.id == args.id) {
        Some(rule) => explain_rule(rule),
        None if args.id == rules::REFERENCE_FACTS_ID => explain_reference_facts(&set),
        None if set.disabled.contains(&args.id) => {
            return usage_error(format!("rule `{}` is switched off (enabled = false)", args.id));
        }
        None => return usage_error(format!("unknown rule `{}` (known rules: {})", args.id, known_list(&set))),
    };
    print!("{text}");
    if errors.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_ERROR
    }
}

/// What `crosscheck explain` prints for a rule: its line, its description, the documentation of
/// its kind (what it finds, how, what it leaves alone, its fields, an example) and the settings
/// this rule sets.
fn explain_rule(rule: &rules::Rule) -> String {
    let mut out = format!(
        "{} — a `{}` rule, severity {}, from {}\n\n",
        rule.id,
        rule.kind.as_str(),
        rule.severity.as_str(),
        rule.pack
    );
    if let Some(d) = &rule.description {
        out.push_str(d.trim());
        out.push_str("\n\n");
    }
    if let Some(section) = rules::docs::section(rule.kind) {
        out.push_str(&rules::docs::plain(section));
        out.push('\n');
    }
    out.push_str("Settings of this rule:\n");
    let set = settings_lines(rule);
    if set.is_empty() {
        out.push_str("  none set: every field has its default (see Fields above)\n");
    }
    for line in set {
        out.push_str(&format!("  {line}\n"));
    }
    if let Some(m) = &rule.message {
        out.push_str(&format!("  message = {m:?}\n"));
    }
    out
}

fn explain_reference_facts(set: &RuleSet) -> String {
    let mut out = format!(
        "{} — findings that contradict a reference fact ([[fact]] in a rule pack), severity as the fact says\n\n",
        rules::REFERENCE_FACTS_ID
    );
    if let Some(section) = rules::docs::section(rules::RuleKind::Fact) {
        out.push_str(&rules::docs::plain(section));
        out.push('\n');
    }
    out.push_str(&format!("Reference facts in force: {}\n", set.facts.len()));
    out
}

/// The kind-specific settings a rule sets, as TOML lines.
fn settings_lines(rule: &rules::Rule) -> Vec<String> {
    let s = &rule.settings;
    let mut v = Vec::new();
    let mut opt = |name: &str, value: Option<String>| {
        if let Some(x) = value {
            v.push(format!("{name} = {x}"));
        }
    };
    opt("min_similarity", s.min_similarity.map(|x| x.to_string()));
    opt("date_order", s.date_order.map(|d| format!("{:?}", format!("{d:?}").to_lowercase())));
    opt("tolerance", s.tolerance.map(|x| x.to_string()));
    opt("subject", s.subject.as_ref().map(|x| format!("{x:?}")));
    opt("pattern", s.pattern_source.as_ref().map(|x| format!("{x:?}")));
    opt("value_type", s.value_type.map(|x| format!("{:?}", format!("{x:?}").to_lowercase())));
    opt("min_score", s.min_score.map(|x| x.to_string()));
    opt("min_shared", s.min_shared.map(|x| x.to_string()));
    opt("same_document", s.same_document.map(|x| x.to_string()));
    opt("aligned", s.aligned.map(|x| x.to_string()));
    if !s.synonyms.is_empty() {
        let pairs: Vec<String> = s.synonyms.iter().map(|(a, b)| format!("[{a:?}, {b:?}]")).collect();
        v.push(format!("synonyms = [{}]", pairs.join(", ")));
    }
    for n in &s.names {
        v.push(format!(
            "[[rule.name]] canonical = {:?}, aliases = {:?}{}",
            n.canonical,
            n.aliases,
            if n.equivalent { ", equivalent = true" } else { "" }
        ));
    }
    v
}

/// The file `crosscheck init` writes: every setting, commented, with what it does.
pub const INIT_CONFIG: &str = include_str!("../docs/crosscheck.toml");

fn run_init() -> i32 {
    let path = Path::new(config::FILE_NAME);
    // `create_new` refuses an existing file atomically: never overwrite one.
    let file = std::fs::OpenOptions::new().write(true).create_new(true).open(path);
    match file {
        Ok(mut f) => match f.write_all(INIT_CONFIG.as_bytes()) {
            Ok(()) => {
                println!("wrote {} (every setting is commented out; uncomment what you need)", config::FILE_NAME);
                EXIT_CLEAN
            }
            Err(e) => usage_error(format!("cannot write {}: {e}", config::FILE_NAME)),
        },
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            usage_error(format!("{} already exists here; it was left as it is", config::FILE_NAME))
        }
        Err(e) => usage_error(format!("cannot write {}: {e}", config::FILE_NAME)),
    }
}

fn run_man(args: ManArgs) -> i32 {
    let cmd = Cli::command();
    match args.dir {
        None => {
            let mut out = std::io::stdout().lock();
            match clap_mangen::Man::new(cmd).render(&mut out) {
                Ok(()) => EXIT_CLEAN,
                Err(e) => usage_error(format!("cannot write the manual page: {e}")),
            }
        }
        Some(dir) => match clap_mangen::generate_to(cmd, &dir) {
            Ok(()) => EXIT_CLEAN,
            Err(e) => usage_error(format!("cannot write manual pages to {}: {e}", dir.display())),
        },
    }
}

fn confidence_arg(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(format!("`{s}` is not a confidence between 0 and 1")),
    }
}
