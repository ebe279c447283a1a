//! Stand-in extensions for PostgreSQL builds that lack ones Supabase migrations create (the
//! embedded PostgreSQL 18 build has pgvector and the contrib modules, but not pgcrypto,
//! uuid-ossp, http, pgjwt, pg_net, pg_cron, pgsodium, supabase_vault, pg_graphql,
//! pg_jsonschema, pg_hashids, hypopg, index_advisor or wrappers): SQL-only, with the schemas,
//! tables, types and function signatures migrations and generated code touch, and bodies
//! that do nothing real. Installed only where the real extension is missing, and only into
//! a PostgreSQL that pgforge manages (`$PGFORGE_PG_BIN`, never a system install).

use std::path::Path;
use std::process::Command;

const FILES: &[(&str, &str)] = &[
    (
        "pgcrypto.control",
        include_str!("standins/pgcrypto.control"),
    ),
    (
        "pgcrypto--1.3.sql",
        include_str!("standins/pgcrypto--1.3.sql"),
    ),
    (
        "uuid-ossp.control",
        include_str!("standins/uuid-ossp.control"),
    ),
    (
        "uuid-ossp--1.1.sql",
        include_str!("standins/uuid-ossp--1.1.sql"),
    ),
    ("http.control", include_str!("standins/http.control")),
    ("http--1.6.sql", include_str!("standins/http--1.6.sql")),
    ("pgjwt.control", include_str!("standins/pgjwt.control")),
    (
        "pgjwt--0.2.0.sql",
        include_str!("standins/pgjwt--0.2.0.sql"),
    ),
    ("pg_net.control", include_str!("standins/pg_net.control")),
    (
        "pg_net--0.14.0.sql",
        include_str!("standins/pg_net--0.14.0.sql"),
    ),
    ("pg_cron.control", include_str!("standins/pg_cron.control")),
    (
        "pg_cron--1.6.sql",
        include_str!("standins/pg_cron--1.6.sql"),
    ),
    (
        "pgsodium.control",
        include_str!("standins/pgsodium.control"),
    ),
    (
        "pgsodium--3.1.8.sql",
        include_str!("standins/pgsodium--3.1.8.sql"),
    ),
    (
        "supabase_vault.control",
        include_str!("standins/supabase_vault.control"),
    ),
    (
        "supabase_vault--0.3.1.sql",
        include_str!("standins/supabase_vault--0.3.1.sql"),
    ),
    (
        "pg_graphql.control",
        include_str!("standins/pg_graphql.control"),
    ),
    (
        "pg_graphql--1.5.11.sql",
        include_str!("standins/pg_graphql--1.5.11.sql"),
    ),
    (
        "pg_jsonschema.control",
        include_str!("standins/pg_jsonschema.control"),
    ),
    (
        "pg_jsonschema--0.3.3.sql",
        include_str!("standins/pg_jsonschema--0.3.3.sql"),
    ),
    (
        "pg_hashids.control",
        include_str!("standins/pg_hashids.control"),
    ),
    (
        "pg_hashids--1.3.sql",
        include_str!("standins/pg_hashids--1.3.sql"),
    ),
    ("hypopg.control", include_str!("standins/hypopg.control")),
    (
        "hypopg--1.4.1.sql",
        include_str!("standins/hypopg--1.4.1.sql"),
    ),
    (
        "index_advisor.control",
        include_str!("standins/index_advisor.control"),
    ),
    (
        "index_advisor--0.2.0.sql",
        include_str!("standins/index_advisor--0.2.0.sql"),
    ),
    (
        "wrappers.control",
        include_str!("standins/wrappers.control"),
    ),
    (
        "wrappers--0.5.0.sql",
        include_str!("standins/wrappers--0.5.0.sql"),
    ),
];

pub fn install(bin: &Path) {
    let managed = std::env::var_os("PGFORGE_PG_BIN").is_some_and(|p| Path::new(&p) == bin)
        && !bin.starts_with("/usr");
    if !managed {
        return;
    }
    let Ok(out) = Command::new(bin.join("pg_config"))
        .arg("--sharedir")
        .output()
    else {
        return;
    };
    let share = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let ext = Path::new(&share).join("extension");
    for (name, text) in FILES {
        let control = name
            .split("--")
            .next()
            .unwrap_or(name)
            .trim_end_matches(".control");
        // Only where the real extension is missing.
        if ext.join(format!("{control}.control")).is_file()
            && !std::fs::read_to_string(ext.join(format!("{control}.control")))
                .unwrap_or_default()
                .contains("pgforge stand-in")
        {
            continue;
        }
        write_if_changed(&ext.join(name), text);
    }
}

/// Write `text` to `path` unless it already holds it, atomically (a temporary file, then a
/// rename): another session of the same server may be reading the control file while a
/// second scratch database is set up, and must never see it half-written.
fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return;
    }
    let tmp = path.with_extension(format!(
        "tmp-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    if std::fs::write(&tmp, text).is_ok() && std::fs::rename(&tmp, path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}
