//! The `pgforge` binary as a user runs it: exit codes, diagnostics on stderr, no colour when
//! not on a terminal, and bad input (missing paths, invalid UTF-8, a broken config).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn pgforge(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pgforge"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("run pgforge")
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("pgforge-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

#[test]
fn no_arguments_summarises_the_example() {
    let out = pgforge(&repo(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("pgforge: schema/migrations"), "{stdout}");
    assert!(
        stdout.contains("14 tables") && stdout.contains("8 policies"),
        "{stdout}"
    );
    assert!(
        text(&out.stderr).contains("ok: versioned (sqlx, golang-migrate, dbmate, goose) layout, 9 migration files, 0 errors, 0 warnings"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn errors_exit_1_with_rustc_style_locations_and_no_colour() {
    let d = tmpdir("errors");
    std::fs::write(
        d.join("001_init.sql"),
        "create table t (id int primary key);\n",
    )
    .unwrap();
    std::fs::write(
        d.join("002_idx.sql"),
        "-- index\ncreate index t_slug_idx on t (slug);\n",
    )
    .unwrap();
    let out = pgforge(&d, &["check", "."]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("error[E0201]: index \"t_slug_idx\" refers to column \"slug\""),
        "{err}"
    );
    assert!(err.contains("--> 002_idx.sql:2:31"), "{err}");
    assert!(
        err.contains("= note: \"public.t\" was created at 001_init.sql:1:1"),
        "{err}"
    );
    assert!(
        !err.contains('\u{1b}'),
        "colour codes when stderr is not a terminal: {err:?}"
    );
    assert!(
        err.contains("failed: versioned (sqlx, golang-migrate, dbmate, goose) layout, 2 migration files, 1 error, 0 warnings"),
        "{err}"
    );
}

#[test]
fn colour_can_be_forced() {
    let d = tmpdir("colour");
    std::fs::write(d.join("a.sql"), "create index on nowhere (x);\n").unwrap();
    let out = pgforge(&d, &["check", "a.sql", "--color", "always"]);
    assert!(text(&out.stderr).contains('\u{1b}'));
}

#[test]
fn missing_path_is_a_diagnostic_not_a_panic() {
    let d = tmpdir("missing");
    let out = pgforge(&d, &["check", "does/not/exist"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("error[E0004]: cannot open does/not/exist"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn invalid_utf8_points_at_the_byte() {
    let d = tmpdir("utf8");
    std::fs::write(
        d.join("bad.sql"),
        b"create table t (\n  name text default 'caf\xe9'\n);\n",
    )
    .unwrap();
    let out = pgforge(&d, &["check", "bad.sql"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("error[E0003]: bad.sql is not valid UTF-8"),
        "{err}"
    );
    assert!(err.contains("bad.sql:2:25"), "{err}");
}

#[test]
fn usage_and_config_errors_exit_2() {
    let d = tmpdir("usage");
    let out = pgforge(&d, &["check", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
    std::fs::write(d.join("pgforge.toml"), "[migrations]\npaht = \"x\"\n").unwrap();
    let out = pgforge(&d, &["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("unknown field `paht`"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn config_names_the_project() {
    let d = tmpdir("config");
    std::fs::create_dir_all(d.join("db")).unwrap();
    std::fs::write(
        d.join("db/1_init.sql"),
        "create table profiles (id uuid references auth.users);\n",
    )
    .unwrap();
    std::fs::write(
        d.join("pgforge.toml"),
        "[migrations]\npath = \"db\"\nsupabase = true\n",
    )
    .unwrap();
    let out = pgforge(&d, &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = pgforge(&d, &["check", "--no-supabase"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("\"auth\" is created by Supabase"));
}

#[test]
fn ir_is_json_with_the_documented_top_level() {
    let out = pgforge(&repo(), &["ir"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(v["format"], 1);
    assert!(v["schemas"]["public"]["tables"]["messages"]["columns"].is_array());
    assert!(
        v["schemas"].get("auth").is_none(),
        "built-ins are left out by default"
    );
    let with = pgforge(&repo(), &["ir", "--with-builtins"]);
    let v: serde_json::Value = serde_json::from_slice(&with.stdout).unwrap();
    assert!(v["schemas"]["auth"]["tables"]["users"].is_object());
}

#[test]
fn stats_table_lists_kinds() {
    let out = pgforge(&repo(), &["check", "--stats"]);
    let stdout = text(&out.stdout);
    assert!(
        stdout.lines().next().unwrap().starts_with("statement kind"),
        "{stdout}"
    );
    assert!(
        stdout.contains("CREATE TABLE") && stdout.lines().last().unwrap().starts_with("total"),
        "{stdout}"
    );
}

#[test]
fn every_subcommand_has_help() {
    for args in [&["--help"][..], &["check", "--help"], &["ir", "--help"]] {
        let out = pgforge(&repo(), args);
        assert_eq!(out.status.code(), Some(0));
        assert!(text(&out.stdout).contains("Usage: pgforge"));
    }
}

#[test]
fn duplicate_versions_and_empty_directories_are_errors() {
    let d = tmpdir("versions");
    std::fs::write(d.join("001_a.sql"), "create table a (id int);\n").unwrap();
    std::fs::write(d.join("1_b.sql"), "create table b (id int);\n").unwrap();
    let out = pgforge(&d, &["check", "."]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr)
            .contains("error[E0005]: two migrations claim version 001: 001_a.sql and 1_b.sql"),
        "{}",
        text(&out.stderr)
    );
    let e = tmpdir("empty");
    let out = pgforge(&e, &["check", "."]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("error[E0006]: no migration files found in ."),
        "{}",
        text(&out.stderr)
    );
}

/// `verify` needs PostgreSQL server binaries: skipped without them unless PGFORGE_REQUIRE_PG.
fn have_postgres() -> bool {
    if codegen::verify::cluster::find_bin_dir().is_some() {
        return true;
    }
    assert!(
        std::env::var_os("PGFORGE_REQUIRE_PG").is_none_or(|v| v == "0"),
        "no PostgreSQL binaries and PGFORGE_REQUIRE_PG is set"
    );
    // Straight to stderr, past cargo's capture of passing tests' output.
    let _ = writeln!(std::io::stderr(), "SKIPPED: no PostgreSQL server binaries");
    false
}

#[test]
fn verify_reports_what_postgres_refuses_with_its_own_message() {
    if !have_postgres() {
        return;
    }
    let d = tmpdir("verify-refused");
    std::fs::write(
        d.join("001_init.sql"),
        "create table t (id int primary key, n int);\n",
    )
    .unwrap();
    // pgforge does not model data, so only PostgreSQL can see this is wrong.
    std::fs::write(
        d.join("002_seed.sql"),
        "insert into t values (1, 2);\n\ninsert into t values (1, 3);\n",
    )
    .unwrap();
    let out = pgforge(&d, &["verify", ".", "--no-supabase"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.contains("error[E0401]: PostgreSQL refused this statement: duplicate key value violates unique constraint \"t_pkey\""), "{err}");
    assert!(err.contains("--> 002_seed.sql:3:1"), "{err}");
    assert!(err.contains("pgforge did not see it"), "{err}");
    assert!(text(&out.stdout).contains("failed: pgforge and PostgreSQL disagree on 1 statement(s)"));
}

/// With errors in the migrations, `verify` still asks PostgreSQL, statement by statement,
/// and says where the two agree; a transaction aborted by a refusal is not held against
/// pgforge.
#[test]
fn verify_referees_migrations_with_errors() {
    if !have_postgres() {
        return;
    }
    let d = tmpdir("verify-referee");
    std::fs::write(
        d.join("001_init.sql"),
        "create table t (id int primary key);
create table u (id int, t_id uuid references t(id));
begin;
create table w (id int);
create table w (id int);
create table z (id int);
commit;
",
    )
    .unwrap();
    let out = pgforge(&d, &["verify", ".", "--no-supabase", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["verdict"]["agreed"], 2, "{v}");
    assert_eq!(v["verdict"]["follow_on"], 1, "{v}");
    assert_eq!(v["verdict"]["missed_by_pgforge"], 0, "{v}");
    assert_eq!(v["verdict"]["false_errors"], 0, "{v}");
    assert_eq!(v["rejected"].as_array().map(Vec::len), Some(3), "{v}");
}

#[test]
fn verify_matches_and_speaks_json() {
    if !have_postgres() {
        return;
    }
    let d = tmpdir("verify-json");
    std::fs::write(
        d.join("001_init.sql"),
        "create type mood as enum ('ok', 'sad');\ncreate table t (id int generated always as identity primary key, m mood not null default 'ok', tags text[] check (cardinality(tags) < 5));\ncreate index t_m_idx on t (m) where m <> 'sad';\n",
    )
    .unwrap();
    let out = pgforge(&d, &["verify", ".", "--no-supabase", "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["ok"], true);
    let kinds = v["kinds"].as_array().unwrap();
    let get = |k: &str| kinds.iter().find(|x| x["kind"] == k).unwrap().clone();
    assert_eq!(get("columns")["matched"], 3);
    assert_eq!(get("indexes")["matched"], 2);
    assert_eq!(get("enums")["mismatched"], 0);
}

#[test]
fn build_script_api_fails_with_rendered_diagnostics_and_writes_nothing() {
    let d = tmpdir("buildrs");
    std::fs::create_dir_all(d.join("migrations")).unwrap();
    std::fs::create_dir_all(d.join("out")).unwrap();
    std::fs::write(
        d.join("migrations/001_init.sql"),
        "create table t (id int primary key);\ncreate index t_x on t (x);\n",
    )
    .unwrap();
    let failed = codegen::build::Config::default()
        .migrations(d.join("migrations"))
        .out_dir(d.join("out"))
        .compile()
        .unwrap_err();
    // `fn main() -> Result<(), BuildError>` prints Debug: the same rendered text.
    assert_eq!(format!("{failed:?}"), failed.to_string());
    let err = failed.to_string();
    assert!(
        err.contains("error[E0201]: index \"t_x\" refers to column \"x\""),
        "{err}"
    );
    assert!(err.contains("001_init.sql:2:24"), "{err}");
    assert!(
        !d.join("out/pgforge.rs").exists(),
        "nothing is written on errors"
    );
    std::fs::write(
        d.join("migrations/001_init.sql"),
        "create table t (id int primary key, x text);\ncreate index t_x on t (x);\n",
    )
    .unwrap();
    codegen::build::Config::default()
        .migrations(d.join("migrations"))
        .out_dir(d.join("out"))
        .compile()
        .unwrap();
    let text = std::fs::read_to_string(d.join("out/pgforge.rs")).unwrap();
    assert!(
        text.starts_with("// Generated by pgforge") && text.contains("pub mod t {"),
        "{text}"
    );
}

#[test]
fn without_a_path_the_current_project_is_read() {
    let d = tmpdir("cwd-project");
    std::fs::create_dir_all(d.join("supabase/migrations")).unwrap();
    std::fs::write(
        d.join("supabase/migrations/20250101000000_init.sql"),
        "create table notes (id uuid primary key references auth.users);\n",
    )
    .unwrap();
    let out = pgforge(&d, &["check", "--stats"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("CREATE TABLE"),
        "the project's own migration was read: {}",
        text(&out.stdout)
    );
}

#[test]
fn verify_with_a_database_url_uses_a_scratch_database_and_leaves_nothing_behind() {
    if !have_postgres() {
        return;
    }
    let bin = codegen::verify::cluster::find_bin_dir().expect("have_postgres found them");
    let cluster = codegen::verify::cluster::Cluster::start(&bin).expect("a cluster");
    let url = format!("postgresql://postgres@127.0.0.1:{}/postgres", cluster.port);
    let d = tmpdir("verify-url");
    std::fs::write(
        d.join("001_init.sql"),
        "create table t (id int primary key, name text not null default 'x');\n",
    )
    .unwrap();
    let out = pgforge(
        &d,
        &["verify", ".", "--no-supabase", "--database-url", &url],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert!(text(&out.stdout).contains("ok: the model matches PostgreSQL"));
    let dbs = cluster
        .conn("postgres")
        .json("select json_agg(datname order by datname) from pg_database")
        .unwrap();
    assert_eq!(
        dbs,
        serde_json::json!(["postgres", "template0", "template1"]),
        "the scratch database is gone and nothing else was created"
    );
    // A Supabase project against a server without Supabase's roles: PostgreSQL's own message,
    // and still no role created.
    std::fs::write(d.join("002_rls.sql"), "alter table t enable row level security;\ncreate policy p on t to authenticated using (true);\n").unwrap();
    let out = pgforge(&d, &["verify", ".", "--supabase", "--database-url", &url]);
    // Not a disagreement: the server lacks a role, so the two could not be compared.
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stdout).contains("could not compare"));
    let err = text(&out.stderr);
    assert!(
        err.contains("role \"authenticated\" does not exist")
            && err.contains("pgforge creates no roles"),
        "{err}"
    );
    let roles = cluster.conn("postgres").json("select coalesce(json_agg(rolname), '[]') from pg_roles where rolname = 'authenticated'").unwrap();
    assert_eq!(roles, serde_json::json!([]), "no role was created");
}

/// A build-script run whose inputs did not change regenerates nothing (the recorded
/// fingerprint matches); a changed migration or a changed setting regenerates.
#[test]
fn build_script_api_skips_work_only_when_no_input_changed() {
    let d = tmpdir("buildrs-cache");
    std::fs::create_dir_all(d.join("migrations")).unwrap();
    std::fs::write(
        d.join("migrations/001_a.sql"),
        "create table a (id int primary key);\n",
    )
    .unwrap();
    let config = || {
        codegen::build::Config::default()
            .migrations(d.join("migrations"))
            .out_dir(d.join("out"))
    };
    std::fs::create_dir_all(d.join("out")).unwrap();
    config().compile().unwrap();
    let out = d.join("out/pgforge.rs");
    let first = std::fs::read_to_string(&out).unwrap();
    assert!(first.contains("pub mod a"), "{first}");
    // Unchanged inputs: the output is not touched, even if someone emptied it.
    std::fs::write(&out, "// stale\n").unwrap();
    config().compile().unwrap();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "// stale\n");
    // A changed migration regenerates.
    std::fs::write(
        d.join("migrations/001_a.sql"),
        "create table a (id int primary key, note text);\n",
    )
    .unwrap();
    config().compile().unwrap();
    let second = std::fs::read_to_string(&out).unwrap();
    assert!(second.contains("pub note: Option<String>"), "{second}");
    // A new setting regenerates too.
    config()
        .driver(codegen::build::Driver::Sqlx)
        .compile()
        .unwrap();
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("pub mod sqlx"));
    let _ = std::fs::remove_dir_all(&d);
}

/// `pgforge generate --only typescript` writes Supabase's `Database` type where
/// `[typescript] path` says, `--schema` picks the schemas, `--check` reports a stale file and
/// writes nothing, and the build.rs API writes the same file.
#[test]
fn typescript_target_generate_check_and_build_script() {
    let d = tmpdir("typescript");
    std::fs::create_dir_all(d.join("migrations")).unwrap();
    std::fs::write(d.join("migrations/001_init.sql"), "create schema app;\ncreate table notes (id bigint generated always as identity primary key, body text not null);\ncreate table app.jobs (id int primary key);\n").unwrap();
    std::fs::write(d.join("pgforge.toml"), "[migrations]\npath = \"migrations\"\n[output]\ndir = \"out\"\n[typescript]\npath = \"web/database.types.ts\"\n").unwrap();
    std::fs::create_dir_all(d.join("out/web")).unwrap();
    std::fs::write(d.join("out/web/app.ts"), "// the user's own file\n").unwrap();
    let out = pgforge(&d, &["generate", "--only", "typescript"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let ts = std::fs::read_to_string(d.join("out/web/database.types.ts")).unwrap();
    assert!(
        ts.contains("      notes: {\n")
            && ts.contains("          id?: never\n")
            && !ts.contains("jobs"),
        "{ts}"
    );
    assert_eq!(
        std::fs::read_to_string(d.join("out/web/app.ts")).unwrap(),
        "// the user's own file\n",
        "other files in the directory stay"
    );
    assert!(
        !d.join("out/src").exists() && !d.join("out/docs").exists(),
        "--only typescript writes nothing else"
    );
    // --schema: both schemas, sorted.
    let out = pgforge(
        &d,
        &[
            "generate",
            "--only",
            "typescript",
            "--check",
            "--schema",
            "public,app",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("+  app: {"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(
        std::fs::read_to_string(d.join("out/web/database.types.ts")).unwrap(),
        ts,
        "--check writes nothing"
    );
    // The build script API writes the same file.
    let target = d.join("from-build-rs/database.types.ts");
    std::fs::create_dir_all(d.join("build-out")).unwrap();
    codegen::build::Config::default()
        .migrations(d.join("migrations"))
        .out_dir(d.join("build-out"))
        .typescript(&target)
        .compile()
        .unwrap();
    assert_eq!(std::fs::read_to_string(&target).unwrap(), ts);
    let _ = std::fs::remove_dir_all(&d);
}

/// Each migration tool's bookkeeping table exists before the first migration: a project may
/// reference it (here a trigger on it), and a migration that creates its own table of that
/// name replaces pgforge's built-in one.
#[test]
fn the_migration_tools_own_tables_exist_per_layout() {
    let trigger = |table: &str| {
        format!("create function forbid() returns trigger language plpgsql as $$ begin raise exception 'upgrade the CLI'; end $$;\ncreate trigger forbid before insert on {table} for each row execute function forbid();\n")
    };
    let cases: &[(&str, &str, String)] = &[
        (
            "diesel",
            "migrations/2024-01-01-000000_init/up.sql",
            trigger("__diesel_schema_migrations"),
        ),
        (
            "sqlx",
            "migrations/20240101000000_init.sql",
            trigger("_sqlx_migrations"),
        ),
        (
            "golang-migrate",
            "migrations/1_init.up.sql",
            trigger("schema_migrations"),
        ),
        (
            "flyway",
            "db/migration/V1__init.sql",
            trigger("flyway_schema_history"),
        ),
        (
            "prisma",
            "prisma/migrations/20240101000000_init/migration.sql",
            trigger("_prisma_migrations"),
        ),
        (
            "own table",
            "migrations/1_init.up.sql",
            "create table schema_migrations (version text primary key, applied_at timestamptz);\n"
                .into(),
        ),
    ];
    for (tool, path, sql) in cases {
        let d = tmpdir(&format!("tool-tables-{}", tool.replace(' ', "-")));
        let file = d.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, sql).unwrap();
        let out = pgforge(&d, &["check", "."]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{tool}: {}{}",
            text(&out.stdout),
            text(&out.stderr)
        );
    }
}

/// An explicit PATH uses its own project's pgforge.toml, never the current directory's: run
/// from one project, `generate /other/project` does not write into the first project's
/// output directory, nor apply its settings.
#[test]
fn another_projects_path_does_not_use_this_directorys_config() {
    let here = tmpdir("config-here");
    std::fs::write(
        here.join("pgforge.toml"),
        "[migrations]\npath = \"db\"\nsupabase = true\n[output]\ndir = \"gen\"\n",
    )
    .unwrap();
    let other = tmpdir("config-other");
    std::fs::write(
        other.join("001_init.sql"),
        "create table t (id int primary key, owner uuid references auth.users (id));\n",
    )
    .unwrap();
    let other_path = other.display().to_string();
    let out = pgforge(&here, &["generate", &other_path]);
    assert_ne!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        !here.join("gen").exists(),
        "nothing written into this project's output"
    );
    // Supabase is off for the other project (its own config has none): auth.users is missing.
    let out = pgforge(&here, &["check", &other_path]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("auth.users"),
        "{}",
        text(&out.stderr)
    );
    // With its own pgforge.toml, that one applies.
    std::fs::write(
        other.join("pgforge.toml"),
        "[migrations]\nsupabase = true\n",
    )
    .unwrap();
    let out = pgforge(&here, &["check", &other_path]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

/// A Supabase project's TypeScript covers what its `supabase/config.toml` exposes (`[api]
/// schemas`), as `supabase gen types typescript` does, when pgforge.toml does not say.
#[test]
fn supabase_config_toml_names_the_typescript_schemas() {
    let d = tmpdir("supabase-config-toml");
    std::fs::create_dir_all(d.join("supabase/migrations")).unwrap();
    std::fs::write(
        d.join("supabase/config.toml"),
        "[api]\nschemas = [\"public\", \"graphql_public\", \"app\"]\n",
    )
    .unwrap();
    std::fs::write(
        d.join("supabase/migrations/20240101000000_init.sql"),
        "create schema app;\ncreate table app.items (id int primary key);\n",
    )
    .unwrap();
    let out = pgforge(
        &d,
        &["generate", ".", "--out", "out", "--only", "typescript"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let ts = std::fs::read_to_string(d.join("out/types/database.types.ts")).unwrap();
    for schema in ["  app: {", "  graphql_public: {", "  public: {"] {
        assert!(ts.contains(schema), "expected `{schema}` in:\n{ts}");
    }
}

/// `pgforge init` finds the layout, writes a pgforge.toml that the next commands read, and
/// never overwrites one; Prisma, Drizzle and Rails roots are projects with no PATH too.
#[test]
fn init_writes_a_config_the_next_commands_use() {
    let d = tmpdir("init-prisma");
    std::fs::create_dir_all(d.join("prisma/migrations/20240101000000_init")).unwrap();
    std::fs::write(
        d.join("prisma/migrations/20240101000000_init/migration.sql"),
        "CREATE TABLE \"User\" (\"id\" SERIAL NOT NULL, CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\"));\n",
    )
    .unwrap();
    let out = pgforge(&d, &["init"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Prisma layout, 1 migration file(s)"),
        "{}",
        text(&out.stdout)
    );
    let written = std::fs::read_to_string(d.join("pgforge.toml")).unwrap();
    assert!(written.contains("supabase = false"), "{written}");
    let again = pgforge(&d, &["init"]);
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(d.join("pgforge.toml")).unwrap(),
        written,
        "not overwritten"
    );
    let check = pgforge(&d, &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
    assert!(
        text(&check.stderr).contains("ok: Prisma layout"),
        "{}",
        text(&check.stderr)
    );
    let generate = pgforge(&d, &["generate"]);
    assert_eq!(
        generate.status.code(),
        Some(0),
        "{}",
        text(&generate.stderr)
    );
    assert!(d.join("generated/types/database.types.ts").is_file());
    // An empty directory: where pgforge looked, exit 2, nothing written.
    let empty = tmpdir("init-empty");
    let out = pgforge(&empty, &["init"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("prisma/migrations/"),
        "{}",
        text(&out.stderr)
    );
    assert!(!empty.join("pgforge.toml").exists());
}

/// `pgforge lint`: the advisor's rule names, the three formats, exit status by `--deny`.
#[test]
fn lint_reports_advisor_rules_in_every_format() {
    let d = tmpdir("lint");
    std::fs::create_dir_all(d.join("supabase/migrations")).unwrap();
    std::fs::write(
        d.join("supabase/migrations/20240101000000_init.sql"),
        "create table public.profiles (id uuid primary key);\ncreate table public.notes (id bigint primary key, owner uuid references public.profiles (id));\nalter table public.notes enable row level security;\ncreate policy \"own\" on public.notes using (owner = auth.uid());\n",
    )
    .unwrap();
    let out = pgforge(&d, &["lint", "."]);
    assert_eq!(out.status.code(), Some(1), "an error-level finding fails");
    let err = text(&out.stderr);
    assert!(
        err.contains("error[rls_disabled_in_public]: table `public.profiles`"),
        "{err}"
    );
    assert!(err.contains("warning[auth_rls_initplan]"), "{err}");
    assert!(err.contains("note[unindexed_foreign_keys]"), "{err}");
    assert!(
        err.contains("lint: 3 finding(s): 1 error, 1 warning, 1 info"),
        "{err}"
    );
    let json = pgforge(&d, &["lint", ".", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        [
            "rls_disabled_in_public",
            "unindexed_foreign_keys",
            "auth_rls_initplan"
        ]
    );
    let gh = pgforge(&d, &["lint", ".", "--format", "github"]);
    assert!(
        text(&gh.stdout).contains("::error file=supabase/migrations/20240101000000_init.sql,line=1,col=1,title=rls_disabled_in_public::"),
        "{}",
        text(&gh.stdout)
    );
    std::fs::write(
        d.join("supabase/migrations/20240102000000_rls.sql"),
        "alter table public.profiles enable row level security;\ncreate policy \"self\" on public.profiles using (id = (select auth.uid()));\n",
    )
    .unwrap();
    assert_eq!(
        pgforge(&d, &["lint", "."]).status.code(),
        Some(0),
        "warnings pass by default"
    );
    assert_eq!(
        pgforge(&d, &["lint", ".", "--deny", "warn"]).status.code(),
        Some(1)
    );
}

/// `[lint]` in pgforge.toml changes a rule's level or allows it (everywhere or for one
/// object); `-- pgforge: allow <rule>` allows it for one statement.
#[test]
fn lint_findings_can_be_allowed_or_relevelled() {
    let d = tmpdir("lint-config");
    std::fs::create_dir_all(d.join("supabase/migrations")).unwrap();
    std::fs::write(
        d.join("supabase/migrations/20240101000000_init.sql"),
        "create table public.a (id bigint primary key);\n-- pgforge: allow rls_disabled_in_public\ncreate table public.b (id bigint primary key);\ncreate table public.c (id bigint primary key);\n",
    )
    .unwrap();
    let out = pgforge(&d, &["lint", "."]);
    let err = text(&out.stderr);
    assert!(
        err.contains("table `public.a`") && !err.contains("table `public.b`"),
        "{err}"
    );
    assert!(err.contains("(1 allowed)"), "{err}");
    std::fs::write(
        d.join("pgforge.toml"),
        "[lint]\nallow = [\"rls_disabled_in_public:public.a\"]\nno_primary_key = \"error\"\n",
    )
    .unwrap();
    let err = text(&pgforge(&d, &["lint", "."]).stderr);
    assert!(
        !err.contains("table `public.a`") && err.contains("table `public.c`"),
        "{err}"
    );
    assert!(err.contains("(2 allowed)"), "{err}");
    std::fs::write(
        d.join("pgforge.toml"),
        "[lint]\nrls_disabled_in_public = \"allow\"\n",
    )
    .unwrap();
    let out = pgforge(&d, &["lint", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    std::fs::write(d.join("pgforge.toml"), "[lint]\nno_such_rule = \"allow\"\n").unwrap();
    let out = pgforge(&d, &["lint", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("unknown rule `no_such_rule`"));
}
