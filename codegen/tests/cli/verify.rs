//! `verify`: the referee between pgforge and PostgreSQL, JSON, `--database-url`.

use super::*;

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
    // A Supabase project against a server without Supabase's roles: PostgreSQL's own message
    // (Supabase's base objects grant to anon first), and still no role created.
    std::fs::write(d.join("002_rls.sql"), "alter table t enable row level security;\ncreate policy p on t to authenticated using (true);\n").unwrap();
    let out = pgforge(&d, &["verify", ".", "--supabase", "--database-url", &url]);
    // Not a disagreement: the server lacks a role, so the two could not be compared.
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stdout).contains("could not compare"));
    let err = text(&out.stderr);
    assert!(
        err.contains("role \"anon\" does not exist") && err.contains("pgforge creates no roles"),
        "{err}"
    );
    let roles = cluster.conn("postgres").json("select coalesce(json_agg(rolname), '[]') from pg_roles where rolname = 'authenticated'").unwrap();
    assert_eq!(roles, serde_json::json!([]), "no role was created");
}
