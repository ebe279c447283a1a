//! Writing generated files: atomic writes (temp file + rename) of changed files only, removal
//! of orphans, and `--check`, which writes nothing and reports a unified diff.

use super::Output;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Missing,
    Stale,
    Orphaned,
}

#[derive(Debug, Clone)]
pub struct Difference {
    pub path: PathBuf,
    pub change: Change,
    /// A unified diff from what is on disk to what pgforge generates (empty from `write`).
    pub diff: String,
}

/// Every file under `dir`, relative to it, sorted.
fn existing(dir: &Path) -> Vec<PathBuf> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else if let Ok(rel) = p.strip_prefix(base) {
                out.push(rel.to_path_buf());
            }
        }
    }
    let mut v = vec![];
    walk(dir, dir, &mut v);
    v.sort();
    v
}

/// Compare what would be generated with what is on disk under `root`.
pub fn differences(root: &Path, out: &Output) -> Vec<Difference> {
    compare(root, out, true)
}

/// `differences`, with the unified diffs only when `diff` (writing needs none).
fn compare(root: &Path, out: &Output, diff: bool) -> Vec<Difference> {
    let unified = |path: &Path, old: &str, new: &str| match diff {
        true => unified(path, old, new),
        false => String::new(),
    };
    let dir = root.join(&out.dir);
    let mut diffs = vec![];
    for f in &out.files {
        let path = out.dir.join(&f.path);
        match std::fs::read_to_string(root.join(&path)) {
            Ok(old) if old == f.contents => {}
            Ok(old) => diffs.push(Difference {
                diff: unified(&path, &old, &f.contents),
                path,
                change: Change::Stale,
            }),
            Err(_) => diffs.push(Difference {
                diff: unified(&path, "", &f.contents),
                path,
                change: Change::Missing,
            }),
        }
    }
    if !out.exclusive {
        return diffs;
    }
    let wanted: std::collections::HashSet<&Path> =
        out.files.iter().map(|f| f.path.as_path()).collect();
    for rel in existing(&dir) {
        if !wanted.contains(&rel.as_path()) {
            let path = out.dir.join(&rel);
            let old = std::fs::read_to_string(root.join(&path)).unwrap_or_default();
            diffs.push(Difference {
                diff: unified(&path, &old, ""),
                path,
                change: Change::Orphaned,
            });
        }
    }
    diffs
}

fn unified(path: &Path, old: &str, new: &str) -> String {
    let shown = path.display().to_string();
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{shown}"), &format!("b/{shown}"))
        .to_string()
}

/// Write every changed or missing file atomically and remove orphans. Returns what changed.
pub fn write(root: &Path, out: &Output) -> std::io::Result<Vec<Difference>> {
    let diffs = compare(root, out, false);
    let contents: std::collections::HashMap<PathBuf, &str> = out
        .files
        .iter()
        .map(|f| (out.dir.join(&f.path), f.contents.as_str()))
        .collect();
    for d in &diffs {
        let target = root.join(&d.path);
        match d.change {
            Change::Orphaned => std::fs::remove_file(&target)?,
            Change::Missing | Change::Stale => {
                let contents = contents.get(&d.path).expect("a generated file");
                let parent = target.parent().expect("a file has a parent");
                std::fs::create_dir_all(parent)?;
                let tmp = parent.join(format!(
                    ".{}.pgforge-tmp",
                    target.file_name().expect("a name").to_string_lossy()
                ));
                std::fs::write(&tmp, contents)?;
                std::fs::rename(&tmp, &target)?;
            }
        }
    }
    // Directories left empty by removed orphans.
    if out.exclusive {
        remove_empty_dirs(&root.join(&out.dir));
    }
    Ok(diffs)
}

fn remove_empty_dirs(dir: &Path) {
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            if e.path().is_dir() {
                remove_empty_dirs(&e.path());
                let _ = std::fs::remove_dir(e.path());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::OutputFile;

    #[test]
    fn check_write_and_orphans() {
        let root = std::env::temp_dir().join(format!("pgforge-output-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("docs/old")).unwrap();
        std::fs::write(root.join("docs/old/gone.md"), "bye\n").unwrap();
        std::fs::write(root.join("docs/a.md"), "one\n").unwrap();
        let out = Output {
            dir: "docs".into(),
            files: vec![
                OutputFile {
                    path: "a.md".into(),
                    contents: "two\n".into(),
                },
                OutputFile {
                    path: "sub/b.md".into(),
                    contents: "new\n".into(),
                },
            ],
            exclusive: true,
        };
        let d = differences(&root, &out);
        let kinds: Vec<_> = d
            .iter()
            .map(|x| (x.path.display().to_string(), x.change.clone()))
            .collect();
        assert_eq!(
            kinds,
            vec![
                ("docs/a.md".into(), Change::Stale),
                ("docs/sub/b.md".into(), Change::Missing),
                ("docs/old/gone.md".into(), Change::Orphaned)
            ]
        );
        assert!(d[0].diff.contains("-one\n+two"), "{}", d[0].diff);
        assert_eq!(
            std::fs::read_to_string(root.join("docs/a.md")).unwrap(),
            "one\n",
            "checking writes nothing"
        );
        write(&root, &out).unwrap();
        assert_eq!(
            std::fs::read_to_string(root.join("docs/a.md")).unwrap(),
            "two\n"
        );
        assert!(!root.join("docs/old").exists());
        assert!(differences(&root, &out).is_empty());
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn a_shared_directory_keeps_other_files() {
        let root =
            std::env::temp_dir().join(format!("pgforge-output-shared-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("src")).unwrap();
        std::fs::write(root.join("src/app.ts"), "mine\n").unwrap();
        let out = Output {
            dir: "src".into(),
            files: vec![OutputFile {
                path: "database.types.ts".into(),
                contents: "x\n".into(),
            }],
            exclusive: false,
        };
        let d = differences(&root, &out);
        assert_eq!(
            d.iter().map(|x| x.change.clone()).collect::<Vec<_>>(),
            vec![Change::Missing]
        );
        write(&root, &out).unwrap();
        assert_eq!(
            std::fs::read_to_string(root.join("src/app.ts")).unwrap(),
            "mine\n"
        );
        assert_eq!(
            std::fs::read_to_string(root.join("src/database.types.ts")).unwrap(),
            "x\n"
        );
        let _ = std::fs::remove_dir_all(&root);
    }
}
