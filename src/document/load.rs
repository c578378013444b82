//! Finding and reading the documents of a set.
//!
//! Folders are walked like ripgrep walks them (`.gitignore`, `.ignore` and hidden files are
//! respected); files named on the command line are always read. Every file that cannot be used
//! becomes an [`InputError`] and the rest of the set is still read. The result is sorted by path
//! so that document ids, and therefore all output, do not depend on argument order or threads.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use rayon::prelude::*;

use super::{Document, Format};
use crate::error::InputError;

/// What to read and how.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Globs a walked file must match (any), when non-empty.
    pub include: Vec<String>,
    /// Globs that exclude walked files and folders.
    pub exclude: Vec<String>,
    /// Files larger than this are reported and skipped.
    pub max_file_size: u64,
    /// Extra extension → format mappings (extension without the dot, lowercase).
    pub formats: BTreeMap<String, Format>,
    /// The document a path `-` stands for: its name (which also decides its format) and bytes.
    pub stdin: Option<StdinDocument>,
}

/// One document read from standard input.
#[derive(Debug, Clone)]
pub struct StdinDocument {
    /// The name reports show (`--stdin-filename`); its extension picks the reader.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The name of a document read from standard input when none is given.
pub const STDIN_NAME: &str = "<stdin>";

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            include: Vec::new(),
            exclude: Vec::new(),
            max_file_size: 20 * 1024 * 1024,
            formats: BTreeMap::new(),
            stdin: None,
        }
    }
}

/// The documents that could be read, sorted by path, and a problem for each that could not.
#[derive(Debug, Default)]
pub struct Loaded {
    pub documents: Vec<Document>,
    pub errors: Vec<InputError>,
}

/// Finds every document under `paths` and reads them in parallel.
pub fn load(paths: &[PathBuf], opts: &LoadOptions) -> Result<Loaded, String> {
    let filter = Filter::new(opts)?;
    let mut errors = Vec::new();
    let mut found: Vec<(PathBuf, Format)> = Vec::new();
    let mut walked: Option<String> = None;
    let mut wants_stdin = false;
    for root in paths {
        if root.as_os_str() == "-" {
            wants_stdin = true;
            continue;
        }
        if walked.is_none() && root.is_dir() {
            walked = Some(display(root));
        }
        discover(root, opts, &filter, &mut found, &mut errors);
    }
    // A pattern that matched nothing is almost always a typo or a wrong folder.
    if let Some(root) = walked {
        for (pattern, hit) in opts.include.iter().zip(&filter.include_hits) {
            if !hit.get() {
                errors.push(
                    InputError::new(
                        root.clone(),
                        format!("include pattern `{pattern}` matched no file that crosscheck reads"),
                    )
                    .as_warning(),
                );
            }
        }
    }
    // The same file reached twice (a folder given twice, a symlink, `a/../a/x.txt`) is read once,
    // under the smallest of its display paths so the choice does not depend on argument order;
    // a direct path wins over one through `.`, `..` or a symbolic link, which users did not
    // mean as the file's name. The path found is the one read: a display string is never turned
    // back into a path (it is lossy, and `x\..\..\outside.txt` is one file name on Unix).
    let mut by_real: BTreeMap<PathBuf, ((bool, String, PathBuf), Format)> = BTreeMap::new();
    for (p, f) in found {
        let shown = display(&p);
        let roundabout = shown.split('/').any(|c| c == "." || c == "..")
            || std::fs::symlink_metadata(&p).is_ok_and(|m| m.file_type().is_symlink());
        let rank = (roundabout, shown, p.clone());
        let real = std::fs::canonicalize(&p).unwrap_or(p);
        by_real
            .entry(real)
            .and_modify(|e| {
                if rank < e.0 {
                    *e = (rank.clone(), f)
                }
            })
            .or_insert((rank, f));
    }
    let mut todo: Vec<(String, PathBuf, Format)> =
        by_real.into_values().map(|((_, shown, path), f)| (shown, path, f)).collect();
    todo.sort();
    todo.dedup_by(|a, b| a.1 == b.1);

    // Reading is parallel, but what a file holds while it is read is bounded by the budget, so
    // memory does not grow with the thread count on big files.
    let budget = Budget::new(READ_BUDGET.max(opts.max_file_size.saturating_mul(2)));
    let results: Vec<Result<Document, InputError>> =
        todo.par_iter().map(|(shown, p, f)| read_file_within(p, shown, *f, opts.max_file_size, &budget)).collect();
    let mut documents = Vec::new();
    for r in results {
        match r {
            Ok(d) => documents.push(d),
            Err(e) => errors.push(e),
        }
    }
    if wants_stdin {
        match &opts.stdin {
            Some(s) => {
                let format = format_of(Path::new(&s.name), opts).unwrap_or(Format::Text);
                match read_bytes(&s.name, format, &s.bytes) {
                    Ok(d) if documents.iter().any(|o| o.path == d.path) => errors.push(InputError::new(
                        &s.name,
                        "standard input is named like a file that is also read (choose another --stdin-filename)",
                    )),
                    Ok(d) => documents.push(d),
                    Err(e) => errors.push(e),
                }
                documents.sort_by(|a, b| a.path.cmp(&b.path));
            }
            None => errors.push(InputError::new("-", "cannot read: standard input is not available")),
        }
    }
    for (i, d) in documents.iter_mut().enumerate() {
        d.id = i;
    }
    errors.sort();
    errors.dedup();
    Ok(Loaded { documents, errors })
}

struct Filter {
    /// The set, and for each of its globs the index of the user's pattern it came from.
    include: Option<(GlobSet, Vec<usize>)>,
    exclude: Option<(GlobSet, Vec<usize>)>,
    /// Whether each include pattern matched a file that is read.
    include_hits: Vec<Cell<bool>>,
}

impl Filter {
    fn new(opts: &LoadOptions) -> Result<Self, String> {
        fn set(globs: &[String], what: &str) -> Result<Option<(GlobSet, Vec<usize>)>, String> {
            if globs.is_empty() {
                return Ok(None);
            }
            let mut b = GlobSetBuilder::new();
            let mut owner = Vec::new();
            for (i, g) in globs.iter().enumerate() {
                let g = g.trim_start_matches("./");
                let mut add = |glob: &str| -> Result<(), String> {
                    b.add(Glob::new(glob).map_err(|e| format!("invalid {what} glob `{g}`: {e}"))?);
                    owner.push(i);
                    Ok(())
                };
                add(g)?;
                // `drafts` should exclude everything below a folder called drafts, too.
                if !g.contains('*') {
                    add(&format!("{}/**", g.trim_end_matches('/')))?;
                }
                if !g.contains('/') {
                    add(&format!("**/{g}"))?;
                }
            }
            let set = b.build().map_err(|e| format!("invalid {what} globs: {e}"))?;
            Ok(Some((set, owner)))
        }
        Ok(Filter {
            include: set(&opts.include, "include")?,
            exclude: set(&opts.exclude, "exclude")?,
            include_hits: opts.include.iter().map(|_| Cell::new(false)).collect(),
        })
    }

    fn excluded(&self, rel: &Path) -> bool {
        self.exclude.as_ref().is_some_and(|(s, _)| s.is_match(rel))
    }

    /// Whether a walked file is read; notes which include patterns matched it.
    fn included(&self, rel: &Path) -> bool {
        let Some((set, owner)) = &self.include else { return true };
        let hits = set.matches(rel);
        for &h in &hits {
            self.include_hits[owner[h]].set(true);
        }
        !hits.is_empty()
    }
}

fn format_of(path: &Path, opts: &LoadOptions) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    opts.formats.get(&ext).copied().or_else(|| Format::from_extension(&ext))
}

fn discover(
    root: &Path,
    opts: &LoadOptions,
    filter: &Filter,
    found: &mut Vec<(PathBuf, Format)>,
    errors: &mut Vec<InputError>,
) {
    let shown = display(root);
    let meta = match std::fs::metadata(root) {
        Ok(m) => m,
        Err(e) => {
            if std::fs::symlink_metadata(root).is_ok() {
                errors.push(link_problem(root));
            } else {
                errors.push(InputError::new(shown, format!("cannot read: {}", describe_io(&e))));
            }
            return;
        }
    };
    if meta.is_file() {
        // Named explicitly: read it whatever its extension; unknown ones as plain text.
        found.push((root.to_path_buf(), format_of(root, opts).unwrap_or(Format::Text)));
        return;
    }
    if !meta.is_dir() {
        errors.push(InputError::new(shown, format!("cannot read: {}", not_regular(&meta))));
        return;
    }
    let walker = ignore::WalkBuilder::new(root).follow_links(true).sort_by_file_name(|a, b| a.cmp(b)).build();
    for entry in walker {
        match entry {
            Ok(e) => {
                let p = e.path();
                let rel = p.strip_prefix(root).unwrap_or(p);
                if rel.as_os_str().is_empty() || filter.excluded(rel) {
                    continue;
                }
                let is_file = match e.file_type() {
                    Some(t) if t.is_dir() => false,
                    Some(t) if t.is_file() => true,
                    // A symlink the walker could not follow: say why.
                    _ => match std::fs::metadata(p) {
                        Ok(m) => m.is_file(),
                        Err(_) => {
                            if format_of(p, opts).is_some() {
                                errors.push(link_problem(p));
                            }
                            continue;
                        }
                    },
                };
                if !is_file {
                    continue;
                }
                if let Some(f) = format_of(p, opts).filter(|_| filter.included(rel)) {
                    found.push((p.to_path_buf(), f));
                }
            }
            Err(err) => {
                // Following links, the walker reports a broken link as the missing file it
                // points to: say what it is, and only for a file that would have been read.
                if let Some(p) = broken_link(&err) {
                    let rel = p.strip_prefix(root).unwrap_or(&p);
                    if format_of(&p, opts).is_some() && !filter.excluded(rel) && filter.included(rel) {
                        errors.push(link_problem(&p));
                    }
                    continue;
                }
                errors.push(walk_error(&err, &shown))
            }
        }
    }
}

/// The path of the symbolic link behind a walk error, when the link's target is missing.
fn broken_link(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, err } => broken_link(err).or_else(|| {
            let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
            (link && std::fs::metadata(path).is_err()).then(|| path.clone())
        }),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => broken_link(err),
        _ => None,
    }
}

fn walk_error(err: &ignore::Error, root: &str) -> InputError {
    fn find(err: &ignore::Error, root: &str) -> InputError {
        match err {
            ignore::Error::WithPath { path, err } => {
                let mut e = find(err, root);
                e.path = display(path);
                e
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => find(err, root),
            ignore::Error::Loop { child, .. } => {
                // Everything below the loop is read through the folder it points back to.
                InputError::new(display(child), "skipped: symbolic link loop (it points back to a folder above it)")
                    .as_warning()
            }
            ignore::Error::Io(e) => InputError::new(root, format!("cannot read: {}", describe_io(e))),
            other => InputError::new(root, other.to_string()),
        }
    }
    find(err, root)
}

fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied (check the file's permissions)".into(),
        _ => e.to_string(),
    }
}

/// A broken symbolic link is an error (its file is lost); a loop of file links is a warning,
/// as a folder loop is: there is no file behind it to lose.
fn link_problem(p: &Path) -> InputError {
    if link_loops(p) {
        InputError::new(display(p), "skipped: symbolic link loop (the links point at each other)").as_warning()
    } else {
        InputError::new(display(p), "cannot read: is a broken symbolic link")
    }
}

/// Whether following the symbolic links from `p` comes back to a link already passed.
fn link_loops(p: &Path) -> bool {
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut cur = p.to_path_buf();
    // Past the kernel's own limit (40 on Linux) a chain cannot be opened anyway.
    for _ in 0..64 {
        let Ok(target) = std::fs::read_link(&cur) else { return false };
        let next = match cur.parent() {
            Some(dir) if target.is_relative() => dir.join(&target),
            _ => target,
        };
        let key = std::fs::canonicalize(next.parent().unwrap_or(Path::new(".")))
            .map(|d| d.join(next.file_name().unwrap_or_default()))
            .unwrap_or_else(|_| next.clone());
        if seen.contains(&key) {
            return true;
        }
        seen.push(key);
        cur = next;
    }
    true
}

/// A path as users see it: `/` separators, no leading `./`. Bytes that are not UTF-8 are shown
/// as `\xNN`, so two such names stay apart; the path itself is kept for reading.
pub fn display(p: &Path) -> String {
    let s = lossy(p);
    // A backslash separates folders only on Windows; elsewhere it is part of a file name.
    let s = if cfg!(windows) { s.replace('\\', "/") } else { s };
    let s = s.strip_prefix("./").unwrap_or(&s).to_string();
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '/' && out.ends_with('/') {
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(unix)]
fn lossy(p: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for chunk in p.as_os_str().as_bytes().utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

#[cfg(not(unix))]
fn lossy(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// What a path that exists but is neither a file nor a folder is, for messages.
pub fn not_regular(meta: &std::fs::Metadata) -> String {
    let what = {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            let t = meta.file_type();
            if t.is_fifo() {
                "a named pipe (FIFO)"
            } else if t.is_char_device() || t.is_block_device() {
                "a device"
            } else if t.is_socket() {
                "a socket"
            } else if t.is_dir() {
                "a folder"
            } else {
                "not a regular file"
            }
        }
        #[cfg(not(unix))]
        {
            if meta.is_dir() {
                "a folder"
            } else {
                "not a regular file"
            }
        }
    };
    if what.starts_with("not") {
        what.to_string()
    } else {
        format!("it is {what}, not a regular file")
    }
}

/// Why [`read_regular`] could not give a file's bytes.
#[derive(Debug)]
pub enum ReadError {
    /// The path is a pipe, a device, a socket or a folder (the message says which).
    NotRegular(String),
    /// The file holds more than the limit (its size, in bytes).
    TooBig(u64),
    Io(std::io::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotRegular(what) => f.write_str(what),
            ReadError::TooBig(n) => write!(f, "it is {}, over the limit", size(*n)),
            ReadError::Io(e) => f.write_str(&describe_io(e)),
        }
    }
}

/// Reads a regular file of at most `max` bytes. A pipe or a device is refused before it is
/// opened (opening a pipe blocks until someone writes to it, and `/dev/zero` never ends), and no
/// more than `max + 1` bytes are read even if the file grows meanwhile.
pub fn read_regular(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(not_regular(&meta)));
    }
    if meta.len() > max {
        return Err(ReadError::TooBig(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max.saturating_add(1)).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooBig(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The most bytes a config file or rule pack may have: far above any real one, low enough that a
/// mistaken path (a log, a disk image) is refused instead of read into memory.
pub const MAX_SETTINGS_FILE: u64 = 64 * 1024 * 1024;

/// Reads a config file or a rule pack as UTF-8 text.
pub fn read_settings(path: &Path) -> Result<String, String> {
    let bytes = read_regular(path, MAX_SETTINGS_FILE).map_err(|e| match e {
        ReadError::TooBig(n) => {
            format!("it is {}, over the limit of {} for settings files", size(n), size(MAX_SETTINGS_FILE))
        }
        other => other.to_string(),
    })?;
    String::from_utf8(bytes)
        .map_err(|e| format!("it is not UTF-8 (invalid byte at offset {})", e.utf8_error().valid_up_to()))
}

/// How much the files being read at one moment may hold in all (see [`Budget`]).
const READ_BUDGET: u64 = 64 * 1024 * 1024;

/// A byte budget shared by the reading threads: a file is read once its size (for a `.docx`, its
/// unpacked size) fits in what is left, so eight threads on eight big files hold about what one
/// does. A file larger than the whole budget waits until it is alone.
struct Budget {
    total: u64,
    used: std::sync::Mutex<u64>,
    freed: std::sync::Condvar,
}

impl Budget {
    fn new(total: u64) -> Self {
        Budget { total, used: std::sync::Mutex::new(0), freed: std::sync::Condvar::new() }
    }

    fn take(&self, n: u64) -> Taken<'_> {
        let n = n.min(self.total);
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        while *used + n > self.total {
            used = self.freed.wait(used).unwrap_or_else(|e| e.into_inner());
        }
        *used += n;
        Taken { budget: self, n }
    }
}

struct Taken<'a> {
    budget: &'a Budget,
    n: u64,
}

impl Drop for Taken<'_> {
    fn drop(&mut self) {
        let mut used = self.budget.used.lock().unwrap_or_else(|e| e.into_inner());
        *used -= self.n;
        self.budget.freed.notify_all();
    }
}

/// Reads one file from disk and builds its document.
pub fn read_file(path: &Path, shown: &str, format: Format, max: u64) -> Result<Document, InputError> {
    read_file_within(path, shown, format, max, &Budget::new(READ_BUDGET.max(max.saturating_mul(2))))
}

fn read_file_within(
    path: &Path,
    shown: &str,
    format: Format,
    max: u64,
    budget: &Budget,
) -> Result<Document, InputError> {
    let len = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0).min(max);
    // What reading holds at its peak: the bytes and the text made of them (a few copies), for a
    // `.docx` the XML it declares it unpacks to and the paragraphs made of it. Taken at once, so
    // that no thread holds part of the budget while it waits for the rest.
    let cost = match format {
        Format::Docx => len.saturating_add(super::docx::declared_size(path).unwrap_or(max).min(max).saturating_mul(4)),
        _ => len.saturating_mul(4),
    };
    let _taken = budget.take(cost);
    let bytes = read_regular(path, max).map_err(|e| {
        InputError::new(
            shown,
            match e {
                ReadError::TooBig(n) => over_limit(&size_in(n, max), max),
                ReadError::NotRegular(what) => format!("cannot read: {what}"),
                ReadError::Io(e) => format!("cannot read: {}", describe_io(&e)),
            },
        )
    })?;
    read_bytes_within(shown, format, &bytes, max)
}

/// `skipped: 39.1 KB is over the size limit of 19.5 KB (…)`: `what` in the limit's unit.
fn over_limit(what: &str, max: u64) -> String {
    format!(
        "skipped: {what} is over the size limit of {} (raise max_file_size in crosscheck.toml or use --max-file-size)",
        size_in(max, max)
    )
}

/// A byte count in the unit that suits `n`.
fn size(n: u64) -> String {
    size_in(n, n)
}

/// A byte count in the unit that suits `unit_of`, so two sizes in one message compare at a
/// glance (`1.5 MB is over the size limit of 0.5 MB`, not `… of 512.0 KB`).
fn size_in(n: u64, unit_of: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    if unit_of >= MB {
        format!("{:.1} MB", n as f64 / MB as f64)
    } else if unit_of >= KB {
        format!("{:.1} KB", n as f64 / KB as f64)
    } else {
        format!("{n} bytes")
    }
}

/// Builds a document from a file's bytes. Public so tests and other front ends can read
/// in-memory input the same way files are read.
pub fn read_bytes(shown: &str, format: Format, bytes: &[u8]) -> Result<Document, InputError> {
    read_bytes_within(shown, format, bytes, LoadOptions::default().max_file_size)
}

/// [`read_bytes`] with a size limit for what a `.docx` unpacks to (`max_file_size` applies to
/// the text, not only to the zip).
pub fn read_bytes_within(shown: &str, format: Format, bytes: &[u8], max: u64) -> Result<Document, InputError> {
    use super::decode::{decode, DecodeError};
    if format == Format::Docx {
        if bytes.is_empty() {
            return Err(InputError::new(shown, "skipped: the file is empty").as_warning());
        }
        let e = super::docx::read_docx_within(bytes, max).map_err(|e| match e {
            super::docx::DocxError::TooBig { part, size } => {
                let unpacked = match size {
                    Some(n) => size_in(n, max),
                    None => format!("over {}", size_in(max, max)),
                };
                InputError::new(shown, over_limit(&format!("{part} unpacks to {unpacked}, which"), max))
            }
            super::docx::DocxError::Unreadable(m) => {
                InputError::new(shown, format!("cannot read as a Word document: {m}"))
            }
        })?;
        return Ok(Document::from_extracted(shown.to_string(), format, e));
    }
    let (text, warning) = decode(bytes).map_err(|e| match e {
        DecodeError::Empty => InputError::new(shown, "skipped: the file is empty").as_warning(),
        DecodeError::Binary(why) => InputError::new(shown, format!("skipped: not a text document ({why})")),
    })?;
    let mut e = match format {
        Format::Text => super::boilerplate::read_text(&text),
        Format::Markdown => super::markdown::read_markdown(&text),
        Format::Html => super::html::read_html(&text),
        Format::Docx => unreachable!("handled above"),
    };
    if matches!(format, Format::Text | Format::Markdown) && e.text.trim().is_empty() {
        // As an HTML page or a Word file without text is: read, but nothing to compare.
        e.warnings.push("the file has no text".to_string());
    }
    if let Some(w) = warning {
        e.warnings.insert(0, w);
    }
    Ok(Document::from_extracted(shown.to_string(), format, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_normalises_separators() {
        assert_eq!(display(Path::new("./a//b/c.txt")), "a/b/c.txt");
        assert_eq!(display(Path::new("../x/")), "../x/");
    }
}
