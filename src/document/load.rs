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
    // mean as the file's name.
    let mut by_real: BTreeMap<PathBuf, ((bool, String), Format)> = BTreeMap::new();
    for (p, f) in found {
        let shown = display(&p);
        let roundabout = shown.split('/').any(|c| c == "." || c == "..")
            || std::fs::symlink_metadata(&p).is_ok_and(|m| m.file_type().is_symlink());
        let rank = (roundabout, shown);
        let real = std::fs::canonicalize(&p).unwrap_or_else(|_| p.clone());
        by_real
            .entry(real)
            .and_modify(|e| {
                if rank < e.0 {
                    *e = (rank.clone(), f)
                }
            })
            .or_insert((rank, f));
    }
    let mut todo: Vec<(String, Format)> = by_real.into_values().map(|((_, shown), f)| (shown, f)).collect();
    todo.sort();
    todo.dedup_by(|a, b| a.0 == b.0);

    let results: Vec<Result<Document, InputError>> =
        todo.par_iter().map(|(p, f)| read_file(Path::new(p), p, *f, opts.max_file_size)).collect();
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
            let what = if std::fs::symlink_metadata(root).is_ok() {
                "is a broken symbolic link".to_string()
            } else {
                describe_io(&e)
            };
            errors.push(InputError::new(shown, format!("cannot read: {what}")));
            return;
        }
    };
    if meta.is_file() {
        // Named explicitly: read it whatever its extension; unknown ones as plain text.
        found.push((root.to_path_buf(), format_of(root, opts).unwrap_or(Format::Text)));
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
                                errors.push(InputError::new(display(p), "cannot read: is a broken symbolic link"));
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
                        errors.push(InputError::new(display(&p), "cannot read: is a broken symbolic link"));
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

/// A path as users see it: `/` separators, no leading `./`.
pub fn display(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
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

/// Reads one file from disk and builds its document.
pub fn read_file(path: &Path, shown: &str, format: Format, max: u64) -> Result<Document, InputError> {
    let meta =
        std::fs::metadata(path).map_err(|e| InputError::new(shown, format!("cannot read: {}", describe_io(&e))))?;
    if meta.len() > max {
        return Err(InputError::new(
            shown,
            format!(
                "skipped: {} is over the size limit of {} (raise max_file_size in crosscheck.toml or use --max-file-size)",
                human_size(meta.len()),
                human_size(max)
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| InputError::new(shown, format!("cannot read: {}", describe_io(&e))))?;
    read_bytes(shown, format, &bytes)
}

fn human_size(n: u64) -> String {
    if n >= 1024 * 1024 {
        format!("{:.1} MB", n as f64 / (1024.0 * 1024.0))
    } else if n >= 1024 {
        format!("{:.1} KB", n as f64 / 1024.0)
    } else {
        format!("{n} bytes")
    }
}

/// Builds a document from a file's bytes. Public so tests and other front ends can read
/// in-memory input the same way files are read.
pub fn read_bytes(shown: &str, format: Format, bytes: &[u8]) -> Result<Document, InputError> {
    use super::decode::{decode, DecodeError};
    if format == Format::Docx {
        if bytes.is_empty() {
            return Err(InputError::new(shown, "skipped: the file is empty").as_warning());
        }
        let e = super::docx::read_docx(bytes)
            .map_err(|m| InputError::new(shown, format!("cannot read as a Word document: {m}")))?;
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
