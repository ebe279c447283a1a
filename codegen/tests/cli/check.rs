//! `check`, `ir` and the bare command: exit codes, diagnostics, layouts, bad input.

use super::*;

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
        text(&out.stderr).contains("ok: versioned (sqlx, golang-migrate, dbmate, goose) layout, 10 migration files, 0 errors, 0 warnings"),
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
