//! Where PostgreSQL's programs are (`initdb`, `pg_ctl`, `postgres`, `psql`).

use std::path::PathBuf;

/// Where the server binaries are: `$PGFORGE_PG_BIN`, else the newest
/// `/usr/lib/postgresql/<v>/bin`, else `initdb` on PATH.
pub fn find_bin_dir() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PGFORGE_PG_BIN").map(PathBuf::from) {
        if p.join("initdb").is_file() {
            return Some(p);
        }
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter_map(|e| {
                    let v = e.file_name().to_string_lossy().parse::<u32>().ok()?;
                    let bin = e.path().join("bin");
                    bin.join("initdb").is_file().then_some((v, bin))
                })
                .collect()
        })
        .unwrap_or_default();
    versions.sort();
    if let Some((_, p)) = versions.pop() {
        return Some(p);
    }
    std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .find(|d| d.join("initdb").is_file() && d.join("pg_ctl").is_file())
    })
}
