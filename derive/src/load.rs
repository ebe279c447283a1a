//! Finding and loading the migrations, once per compiler process: a cache keyed by the
//! migrations path and the path, size and modification time of every input file.

use codegen::rust::TypeMap;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

pub struct Loaded {
    pub build: schema::Build,
    pub types: TypeMap,
    /// Every input file (migrations, preludes, pgforge.toml), absolute: the expansion
    /// includes them so cargo rebuilds when one changes.
    pub inputs: Vec<PathBuf>,
}

type Stamp = Vec<(PathBuf, u64, Option<SystemTime>)>;

/// Migrations path → the stamp of its inputs and what was loaded from them.
type Cache = HashMap<PathBuf, (Stamp, Arc<Loaded>)>;

static CACHE: Mutex<Option<Cache>> = Mutex::new(None);

/// The environment variable naming the `pgforge.toml` (or the directory holding it) to use
/// instead of searching from the crate upwards: for crates built outside their project's tree
/// (a `CARGO_TARGET_DIR` elsewhere, a vendored or generated crate).
pub const CONFIG_ENV: &str = "PGFORGE_CONFIG";

/// The `pgforge.toml` this crate uses: the one `PGFORGE_CONFIG` names (`named`), else the
/// nearest one at or above the crate's directory.
fn config_file(manifest_dir: &Path, named: Option<PathBuf>) -> Result<Option<PathBuf>, String> {
    if let Some(named) = named.filter(|v| !v.as_os_str().is_empty()) {
        let file = if named.is_dir() {
            named.join(codegen::config::FILE_NAME)
        } else {
            named
        };
        return match file.is_file() {
            true => Ok(Some(file)),
            false => Err(format!(
                "pgforge: {CONFIG_ENV} names {}, which is not a pgforge.toml or a directory holding one",
                file.display()
            )),
        };
    }
    Ok(manifest_dir
        .ancestors()
        .map(|d| d.join(codegen::config::FILE_NAME))
        .find(|f| f.is_file()))
}

/// Where the migrations are, with the settings: `#[pgforge(migrations = …)]` (relative to the
/// crate) wins over `pgforge.toml` (see [`config_file`]).
fn settings(
    manifest_dir: &Path,
    attr: Option<&str>,
    named_config: Option<PathBuf>,
) -> Result<(PathBuf, codegen::config::Config), String> {
    let config = config_file(manifest_dir, named_config)?
        .map(|f| codegen::config::Config::read(&f).map_err(|e| e.to_string()))
        .transpose()?
        .unwrap_or_default();
    let path = match (attr, &config.migrations) {
        (Some(a), _) => manifest_dir.join(a),
        (None, Some(p)) => p.clone(),
        // As the CLI finds a project: the nearest directory at or above the crate that has
        // `supabase/`, `migrations/`, `db/migrations/` or `db/migration/`.
        (None, None) => match manifest_dir.ancestors().find_map(codegen::config::default_input) {
            Some(p) => p,
            None => {
                return Err(format!(
                    "pgforge: no migrations for this crate: add `#[pgforge(migrations = \"path\")]`, a pgforge.toml with `[migrations] path`, or a supabase/ or migrations/ directory (searched from {} upwards)",
                    manifest_dir.display()
                ))
            }
        },
    };
    if !path.exists() {
        return Err(format!(
            "pgforge: the migrations path {} does not exist",
            path.display()
        ));
    }
    Ok((path, config))
}

fn stamp(files: &[PathBuf]) -> Stamp {
    files
        .iter()
        .map(|f| {
            let m = std::fs::metadata(f).ok();
            (
                f.clone(),
                m.as_ref().map_or(0, |m| m.len()),
                m.and_then(|m| m.modified().ok()),
            )
        })
        .collect()
}

pub fn load(manifest_dir: &Path, attr: Option<&str>) -> Result<Arc<Loaded>, String> {
    let named_config = std::env::var_os(CONFIG_ENV).map(PathBuf::from);
    let (path, config) = settings(manifest_dir, attr, named_config)?;
    let path = path.canonicalize().unwrap_or(path);
    let mut inputs = schema::load::sql_inputs(&path);
    inputs.extend(config.preludes.iter().cloned());
    inputs.extend(config.file.iter().cloned());
    inputs.sort();
    let key = stamp(&inputs);
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    let cache = cache.get_or_insert_with(HashMap::new);
    if let Some((k, loaded)) = cache.get(&path) {
        if *k == key {
            return Ok(loaded.clone());
        }
    }
    let mut preludes = vec![];
    for p in &config.preludes {
        let text = std::fs::read_to_string(p)
            .map_err(|e| format!("pgforge: cannot read prelude {}: {e}", p.display()))?;
        preludes.push((p.display().to_string(), text));
    }
    let build = schema::build_path(
        &path,
        &schema::Options {
            supabase: config.supabase,
            preludes,
            allow: config.allow.clone(),
            ..Default::default()
        },
    );
    let loaded = Arc::new(Loaded {
        build,
        types: config.rust_types.clone(),
        inputs,
    });
    cache.insert(path, (key, loaded.clone()));
    Ok(loaded)
}

#[cfg(test)]
mod tests {
    use super::settings;

    /// With no attribute and no pgforge.toml, the crate finds its project as the CLI does:
    /// the nearest directory above it with `supabase/` (or `migrations/`, …).
    #[test]
    fn a_crate_inside_a_supabase_project_finds_it() {
        let root = std::env::temp_dir().join(format!("pgforge-derive-find-{}", std::process::id()));
        let crate_dir = root.join("apps/api");
        std::fs::create_dir_all(root.join("supabase/migrations")).unwrap();
        std::fs::create_dir_all(&crate_dir).unwrap();
        let found = settings(&crate_dir, None, None).map(|(p, _)| p);
        let _ = std::fs::remove_dir_all(&root);
        assert_eq!(found, Ok(root));
    }

    /// `PGFORGE_CONFIG` (a directory or the file) wins over the search from the crate: a crate
    /// built outside its project's tree still finds the project's settings.
    #[test]
    fn the_named_config_wins_over_the_search() {
        let root =
            std::env::temp_dir().join(format!("pgforge-derive-named-{}", std::process::id()));
        let (project, elsewhere) = (root.join("project"), root.join("target/crate"));
        std::fs::create_dir_all(project.join("db")).unwrap();
        std::fs::create_dir_all(&elsewhere).unwrap();
        std::fs::write(
            project.join("pgforge.toml"),
            "[migrations]\npath = \"db\"\n",
        )
        .unwrap();
        let by_dir = settings(&elsewhere, None, Some(project.clone())).map(|(p, _)| p);
        let by_file =
            settings(&elsewhere, None, Some(project.join("pgforge.toml"))).map(|(p, _)| p);
        let missing = settings(&elsewhere, None, Some(root.join("nope")));
        let _ = std::fs::remove_dir_all(&root);
        assert_eq!(by_dir, Ok(project.join("db")));
        assert_eq!(by_file, Ok(project.join("db")));
        assert!(missing.unwrap_err().contains("PGFORGE_CONFIG names"));
    }
}
