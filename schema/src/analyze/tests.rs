//! The analyzer on small schemas: types and nullability of view columns.

use crate::{build_sql, Options};

/// `name type [NOT NULL]` per column of view `v` after replaying `sql`.
fn view(sql: &str, v: &str) -> Vec<String> {
    let b = build_sql(&[("a.sql", sql)], &Options::default());
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
