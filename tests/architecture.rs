//! The layout rules of ARCHITECTURE.md, checked: no two source files import each other
//! (directly or around a longer loop), sqlparser is used only by `schema/src/frontend/`, and
//! no hand-written source file passes 800 lines.

use integration_tests::root;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const CRATES: &[&str] = &["schema", "codegen", "derive"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// A file's module path inside its crate (`catalog/mod.rs` → `["catalog"]`).
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap_or(file).with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The file that defines the longest prefix of a module path.
fn file_of(modules: &BTreeMap<Vec<String>, PathBuf>, path: &[String]) -> Option<PathBuf> {
    (0..=path.len())
        .rev()
        .find_map(|n| modules.get(&path[..n]).cloned())
}

/// The module paths a file names through `crate::…`, `super::…` or `self::…` (test modules
/// left out).
fn referenced(text: &str, here: &[String]) -> Vec<Vec<String>> {
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    let mut out = vec![];
    let mut starts = BTreeSet::new();
    for (i, _) in text.match_indices("::") {
        let before = &text[..i];
        let start = before
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .map_or(0, |p| p + 1);
        // Each path once (it has a `::` per segment).
        if !starts.insert(start) {
            continue;
        }
        let path: String = text[start..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        let mut parts = path.split("::").filter(|s| !s.is_empty());
        let base: Vec<String> = match parts.next() {
            Some("crate") => vec![],
            Some("self") => here.to_vec(),
            // In `a/mod.rs` (module `a`) and in `a/b.rs` (module `a::b`) alike, `super` is
            // the parent of the file's module.
            Some("super") => here[..here.len().saturating_sub(1)].to_vec(),
            _ => continue,
        };
        let mut full = base;
        for p in parts {
            if p == "super" {
                full.pop();
            } else {
                full.push(p.to_string());
            }
        }
        out.push(full);
    }
    out
}

/// Import edges between the files of one crate.
fn edges(krate: &str) -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let src = root().join(krate).join("src");
    let mut files = vec![];
    rust_files(&src, &mut files);
    let modules: BTreeMap<Vec<String>, PathBuf> = files
        .iter()
        .map(|f| (module_of(&src, f), f.clone()))
        .collect();
    let mut out: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        let here = module_of(&src, f);
        for path in referenced(&text, &here) {
            if let Some(target) = file_of(&modules, &path).filter(|t| t != f) {
                out.entry(f.clone()).or_default().insert(target);
            }
        }
    }
    out
}

/// A cycle through `start`, if any (depth-first).
fn cycle_from(start: &Path, edges: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Option<Vec<PathBuf>> {
    let mut stack = vec![(start.to_path_buf(), vec![start.to_path_buf()])];
    let mut seen = BTreeSet::new();
    while let Some((node, path)) = stack.pop() {
        for next in edges.get(&node).into_iter().flatten() {
            if next == start {
                return Some(path);
            }
            if seen.insert(next.clone()) {
                let mut p = path.clone();
                p.push(next.clone());
                stack.push((next.clone(), p));
            }
        }
    }
    None
}

#[test]
fn no_import_cycles_between_files() {
    let mut cycles = vec![];
    for krate in CRATES {
        let e = edges(krate);
        assert!(!e.is_empty(), "{krate}: no import edges found");
        for f in e.keys() {
            if let Some(c) = cycle_from(f, &e) {
                let shown: Vec<String> = c
                    .iter()
                    .map(|p| p.strip_prefix(root()).unwrap_or(p).display().to_string())
                    .collect();
                cycles.push(shown.join(" -> "));
            }
        }
    }
    assert!(
        cycles.is_empty(),
        "files that import each other:\n{}",
        cycles.join("\n")
    );
}

#[test]
fn the_checker_sees_a_cycle() {
    // Two files naming each other must be reported (so the test above can fail).
    let mut e: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    e.entry("a.rs".into()).or_default().insert("b.rs".into());
    e.entry("b.rs".into()).or_default().insert("a.rs".into());
    assert!(cycle_from(Path::new("a.rs"), &e).is_some());
    let refs = referenced(
        "use super::queries::Query;",
        &["rust".into(), "items".into()],
    );
    assert_eq!(
        refs,
        vec![vec!["rust".to_string(), "queries".into(), "Query".into()]]
    );
}

#[test]
fn sqlparser_stays_in_the_front_end() {
    let mut files = vec![];
    for krate in CRATES {
        rust_files(&root().join(krate).join("src"), &mut files);
    }
    let frontend = root().join("schema/src/frontend");
    let leaks: Vec<String> = files
        .iter()
        .filter(|f| !f.starts_with(&frontend))
        .filter(|f| {
            std::fs::read_to_string(f)
                .unwrap_or_default()
                .contains("sqlparser::")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        leaks.is_empty(),
        "sqlparser used outside schema/src/frontend: {leaks:?}"
    );
}

#[test]
fn source_files_stay_readable() {
    let mut files = vec![];
    for krate in CRATES {
        rust_files(&root().join(krate).join("src"), &mut files);
    }
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).ok()?.lines().count();
            (n > 800).then(|| format!("{} ({n} lines)", f.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "files past 800 lines (split them by family or target): {long:?}"
    );
}
