//! The analyzer on small schemas: types and nullability of view columns.

use crate::{build_sql, Options};

/// `name type [NOT NULL]` per column of view `v` after replaying `sql`.
fn view(sql: &str, v: &str) -> Vec<String> {
    view_as(sql, v, false)
}

/// `view`, in a Supabase project or not.
fn view_as(sql: &str, v: &str, supabase: bool) -> Vec<String> {
    let options = Options {
        supabase: Some(supabase),
        ..Options::default()
    };
    let b = build_sql(&[("a.sql", sql)], &options);
    let errors: Vec<String> = b
        .diagnostics
        .iter()
        .filter(|d| d.severity == crate::diag::Severity::Error)
        .map(|d| d.message.clone())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let view = &b.schema.schemas["public"].views[v];
    view.columns
        .iter()
        .map(|c| {
            let t = c.ty.as_ref().map_or("?".to_string(), |t| t.to_string());
            format!(
                "{} {t}{}",
                c.name,
                if c.not_null { " NOT NULL" } else { "" }
            )
        })
        .collect()
}

const TABLES: &str = "create table authors(id int primary key, name text not null);
create table books(id int primary key, author_id int references authors, title text);\n";

#[test]
fn scalar_subqueries_and_aggregates() {
    let sql = format!("{TABLES}create view v as select id, (select count(*) from books where author_id = authors.id) as n, (select count(*) from books) as m from authors;");
    assert_eq!(
        view(&sql, "v"),
        ["id integer NOT NULL", "n bigint", "m bigint"]
    );
    let sql = format!(
        "{TABLES}create view v as select count(*) as c, sum(id), avg(id), max(title) from books;"
    );
    assert_eq!(
        view(&sql, "v"),
        ["c bigint NOT NULL", "sum bigint", "avg numeric", "max text"]
    );
}

#[test]
fn functions_and_operators() {
    let sql = format!("{TABLES}create view v as select date_trunc('month', now()) as m, now() - interval '1 day' as d, '{{}}'::jsonb ->> 'a' as j, coalesce(title, 'x') as t from books;");
    assert_eq!(
        view(&sql, "v"),
        [
            "m timestamp with time zone NOT NULL",
            "d timestamp with time zone NOT NULL",
            "j text",
            "t text NOT NULL"
        ]
    );
}

/// The error messages of replaying `sql`, as a Supabase project or not.
fn errors(sql: &str, supabase: bool) -> Vec<String> {
    let options = Options {
        supabase: Some(supabase),
        ..Options::default()
    };
    let b = build_sql(&[("a.sql", sql)], &options);
    b.diagnostics
        .iter()
        .filter(|d| d.severity == crate::diag::Severity::Error)
        .map(|d| d.message.clone())
        .collect()
}

#[test]
fn a_function_name_that_exists_nowhere() {
    let sql = "create view v as select sign('{}'::json, 'k') as s;
        create view w as select url_encode('x'::bytea) as u;";
    let expected = [
        "function sign(json, unknown) does not exist",
        "function url_encode(bytea) does not exist",
    ];
    // pgjwt is not among what a new Supabase project has installed: there too they do not
    // exist, until the project creates the extension (one pgforge has no data for).
    assert_eq!(errors(sql, false), expected);
    assert_eq!(errors(sql, true), expected);
    let with_pgjwt = format!("create extension pgjwt with schema extensions; {sql}");
    assert_eq!(errors(&with_pgjwt, true), Vec::<String>::new());
    // pg_stat_statements is installed (in `extensions`, on the search path): typed as its data
    // says, in a Supabase project only.
    let sql = "create view v as select pg_stat_statements_reset() as r;";
    assert_eq!(errors(sql, true), Vec::<String>::new());
    assert_eq!(view_as(sql, "v", true), ["r timestamp with time zone"]);
    // Supabase's own schemas hold more than pgforge knows of them: a qualified call there is
    // not judged; the project's own schema is.
    let sql = "create schema app; create view v as select auth.whatever() as a, app.nope() as b;";
    assert_eq!(errors(sql, true), ["function app.nope() does not exist"]);
    // An extension pgforge has no data for may have created it.
    let sql = "create extension postgis; create view v as select st_point(1, 2) as p;";
    assert_eq!(errors(sql, false), Vec::<String>::new());
    // So may a statement pgforge does not model.
    let sql = "alter extension pg_trgm update; create view v as select nope(1) as n;";
    assert_eq!(errors(sql, false), Vec::<String>::new());
}
