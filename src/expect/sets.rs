//! Which folders are sets, and which of their files are the documents.

use std::path::{Path, PathBuf};

use super::FILE_NAME;
use crate::document::Format;

/// One set to score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetSpec {
    /// The folder as the user named it (reports use it as the set's name).
    pub name: String,
    /// Its `EXPECTED.toml`, when it has one (a real folder may have none: all its findings are stray).
    pub expected: Option<PathBuf>,
    /// What `crosscheck check` is run on: the `articles/` folder when there is one, else the
    /// set's documents and subfolders, without its README.md.
    pub documents: Vec<PathBuf>,
    /// The set's own `rules.toml`, added to the rules in force.
    pub rules: Option<PathBuf>,
}

/// Files at a set's top that describe the set rather than belong to it.
const NOT_DOCUMENTS: [&str; 3] = ["README.md", "rules.toml", "crosscheck.toml"];

/// Expands the paths given to `crosscheck test` into sets, sorted and without duplicates: a
/// folder with an `EXPECTED.toml` is a set; a folder without one whose subfolders hold sets
/// stands for those; any other folder is a set with no expectations. Files (a README beside
/// the sets, a script) are skipped, since a shell glob such as `sets/*` names them too.
pub fn discover_sets(paths: &[PathBuf]) -> Result<Vec<SetSpec>, String> {
    let mut out = Vec::new();
    for p in paths {
        if !p.exists() {
            return Err(format!("{}: no such folder", crate::document::load::display(p)));
        }
        if p.is_dir() {
            collect(p, true, &mut out)?;
        }
    }
    if out.is_empty() {
        return Err("no set to score: name folders that hold an EXPECTED.toml".into());
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out.dedup_by(|a, b| a.name == b.name);
    Ok(out)
}

fn subfolders(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let shown = crate::document::load::display(dir);
    let mut subs: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{shown}: cannot read: {e}"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir() && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .collect();
    subs.sort();
    Ok(subs)
}

fn collect(dir: &Path, top: bool, out: &mut Vec<SetSpec>) -> Result<(), String> {
    let expected = dir.join(FILE_NAME);
    if expected.is_file() {
        out.push(spec(dir, Some(expected))?);
        return Ok(());
    }
    let before = out.len();
    for sub in subfolders(dir)? {
        if sub.join(FILE_NAME).is_file() || sub.is_dir() && has_sets_below(&sub)? {
            collect(&sub, false, out)?;
        }
    }
    if out.len() == before && top {
        out.push(spec(dir, None)?);
    }
    Ok(())
}

fn has_sets_below(dir: &Path) -> Result<bool, String> {
    for sub in subfolders(dir)? {
        if sub.join(FILE_NAME).is_file() || has_sets_below(&sub)? {
            return Ok(true);
        }
    }
    Ok(false)
}

fn spec(dir: &Path, expected: Option<PathBuf>) -> Result<SetSpec, String> {
    let name = crate::document::load::display(dir).trim_end_matches('/').to_string();
    let rules = Some(dir.join("rules.toml")).filter(|p| p.is_file());
    let articles = dir.join("articles");
    let documents = if articles.is_dir() {
        vec![articles]
    } else {
        let mut docs: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| format!("{name}: cannot read: {e}"))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                let file = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                if file.starts_with('.') || NOT_DOCUMENTS.contains(&file.as_str()) {
                    return false;
                }
                p.is_dir()
                    || p.extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| Format::from_extension(&e.to_ascii_lowercase()).is_some())
            })
            .collect();
        docs.sort();
        docs
    };
    Ok(SetSpec { name, expected, documents, rules })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(p: &Path) {
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, "x").unwrap();
    }

    #[test]
    fn folders_of_sets_files_and_real_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let t = tmp.path();
        touch(&t.join("sets/a/EXPECTED.toml"));
        touch(&t.join("sets/a/one.txt"));
        touch(&t.join("sets/a/README.md"));
        touch(&t.join("sets/a/rules.toml"));
        touch(&t.join("sets/a/notes.py"));
        touch(&t.join("sets/b/EXPECTED.toml"));
        touch(&t.join("sets/b/articles/x.md"));
        touch(&t.join("sets/README.md"));
        touch(&t.join("real/page.md"));
        let given = vec![t.join("sets/README.md"), t.join("sets"), t.join("real"), t.join("sets/a")];
        let sets = discover_sets(&given).unwrap();
        let names: Vec<&str> = sets.iter().map(|s| s.name.rsplit('/').next().unwrap()).collect();
        assert_eq!(names, ["real", "a", "b"]);
        let real = &sets[0];
        assert_eq!(real.expected, None);
        assert_eq!(real.documents, vec![t.join("real/page.md")]);
        let a = &sets[1];
        assert_eq!(a.documents, vec![t.join("sets/a/one.txt")], "README, rules and scripts are not documents");
        assert_eq!(a.rules, Some(t.join("sets/a/rules.toml")));
        assert_eq!(sets[2].documents, vec![t.join("sets/b/articles")]);
    }

    #[test]
    fn a_missing_path_is_a_usage_error() {
        let tmp = tempfile::tempdir().unwrap();
        let e = discover_sets(&[tmp.path().join("nope")]).unwrap_err();
        assert!(e.contains("no such folder"), "{e}");
        assert!(discover_sets(&[]).is_err());
    }
}
