//! Find a project's migration files, order them by the rules of the tool that owns them,
//! and read them (UTF-8 checked, down sections blanked out) into a [`SourceMap`].

mod layout;
mod orm;
mod strip;

pub use layout::{detect, Layout, Migration};

use crate::diag::{codes, Diagnostic};
use crate::span::{FileId, SourceFile, SourceMap, Span};
use std::path::{Path, PathBuf};

/// The files of one project, read and in apply order.
#[derive(Debug, Default)]
pub struct Loaded {
    pub sources: SourceMap,
    /// Migration files in apply order (built-ins not included).
    pub migrations: Vec<FileId>,
    pub layout: Option<Layout>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Load the migrations at `path` (a directory, a project root or one `.sql` file).
pub fn load(path: &Path) -> Loaded {
    let mut loaded = Loaded::default();
    let found = match detect(path) {
        Ok(f) => f,
        Err(msg) => {
            loaded.diagnostics.push(Diagnostic::error(codes::IO, msg));
            return loaded;
        }
    };
    loaded.diagnostics.extend(found.diagnostics.iter().cloned());
    for m in &found.migrations {
        if let Some(id) = read_file(&m.path, &mut loaded) {
            loaded.migrations.push(id);
        }
    }
    // Duplicate versions point at the second file.
    for (a, b) in found.duplicate_versions.iter() {
        let msg = format!(
            "two migrations claim version {}: {} and {}",
            a.version.as_deref().unwrap_or("?"),
            display(&a.path),
            display(&b.path)
        );
        loaded.diagnostics.push(
            Diagnostic::error(codes::DUPLICATE_VERSION, msg)
                .help("give each migration a unique version; the tool that runs them would refuse or skip one"),
        );
    }
    if found.migrations.is_empty() {
        loaded.diagnostics.push(Diagnostic::error(
            codes::NO_MIGRATIONS,
            format!("no migration files found in {}", display(path)),
        ));
    }
    loaded.layout = Some(found.layout);
    loaded
}

fn read_file(path: &Path, loaded: &mut Loaded) -> Option<FileId> {
    let name = display(path);
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            loaded.diagnostics.push(Diagnostic::error(
                codes::IO,
                format!("cannot read {name}: {e}"),
            ));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => {
            let text = strip::blank_down_sections(&text);
            Some(loaded.sources.add(SourceFile::new(name, text, false)))
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            // Offset of the bad byte in the lossy text: the valid prefix is unchanged.
            let id = loaded
                .sources
                .add(SourceFile::new(name.clone(), lossy, false));
            let end = (valid + 1).min(loaded.sources.get(id).text.len());
            let end = (valid..=end)
                .rev()
                .find(|&i| loaded.sources.get(id).text.is_char_boundary(i))
                .unwrap_or(valid);
            loaded.diagnostics.push(
                Diagnostic::error(codes::INVALID_UTF8, format!("{name} is not valid UTF-8"))
                    .at(Span::new(id, valid, end.max(valid)), "invalid byte here")
                    .note("PostgreSQL reads migrations as UTF-8; re-encode the file (e.g. `iconv -f latin1 -t utf-8`)")
                    .note("this file was not replayed"),
            );
            None
        }
    }
}

/// A path as shown to users: relative to the current directory when it is below it.
pub fn display(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    let p: PathBuf = path
        .strip_prefix(&cwd)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf());
    // `./a/./b.sql` → `a/b.sql`
    let p: PathBuf = p
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    if p.as_os_str().is_empty() {
        return ".".into();
    }
    p.to_string_lossy().into_owned()
}

/// Every `.sql` file under a migrations path (or the path itself when it is a file), skipping
/// hidden directories, `node_modules` and `target`: what a migrations path's output can
/// depend on. Shared by the build.rs API and the derive crate, which track the same files.
pub fn sql_inputs(path: &Path) -> Vec<PathBuf> {
    let mut out = vec![];
    collect_sql(path, &mut out);
    out
}

fn collect_sql(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_file() {
        out.push(path.to_path_buf());
        return;
    }
    let Ok(entries) = std::fs::read_dir(path) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = e.file_name();
        let name = name.to_string_lossy();
        if p.is_dir() {
            if !name.starts_with('.') && name != "node_modules" && name != "target" {
                collect_sql(&p, out);
            }
        } else if name.ends_with(".sql") {
            out.push(p);
        }
    }
}

/// The entries of a directory, sorted by name (none when it cannot be read).
fn list(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.sort();
    v
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
