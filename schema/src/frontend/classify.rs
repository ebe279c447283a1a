//! Route a statement by its leading keywords: to our own reader, to sqlparser, or to the
//! "understood, not modelled" bucket with the kind named.

use super::cursor::{Cursor, PResult};
use super::{
    aggregate, comment, drop, extension, function, grant, index, policy, schema, sequence, session,
    storage, table, table_alter, trigger, types, view, Cx,
};
use crate::cmd::Cmd;
use crate::lex::{Kind, Token};
use crate::span::Span;

pub type OwnParser = fn(&mut Cx, &mut Cursor, Span) -> PResult<Vec<Cmd>>;

pub enum Route {
    Own(&'static str, OwnParser),
    Sqlparser(&'static str),
    NotModelled(&'static str),
    Do,
}

pub fn route(src: &str, toks: &[Token]) -> Route {
    // The leading words, lower-cased, skipping modifiers that do not change the kind.
    let words: Vec<String> = toks
        .iter()
        .take(8)
        .take_while(|t| t.kind == Kind::Word)
        .map(|t| t.text(src).to_ascii_lowercase())
        .collect();
    let w: Vec<&str> = words.iter().map(String::as_str).collect();
    let first = w.first().copied().unwrap_or("");
    match first {
        "create" => {
            let rest: Vec<&str> = w[1..]
                .iter()
                .copied()
                .filter(|x| {
                    !matches!(
                        *x,
                        "or" | "replace"
                            | "temp"
                            | "temporary"
                            | "unlogged"
                            | "global"
                            | "local"
                            | "recursive"
                            | "trusted"
                            | "procedural"
                            | "default"
                            | "constraint"
                    )
                })
                .collect();
            let second = rest.first().copied().unwrap_or("");
            match second {
                "table" => {
                    if is_create_table_as(src, toks) {
                        Route::Sqlparser("CREATE TABLE AS")
                    } else {
                        Route::Own("CREATE TABLE", table::create_table)
                    }
                }
                "foreign" if rest.get(1) == Some(&"table") => {
                    Route::Own("CREATE FOREIGN TABLE", table::create_table)
                }
                "foreign" => Route::NotModelled("CREATE FOREIGN DATA WRAPPER"),
                "unique" | "index" => Route::Own("CREATE INDEX", index::create_index),
                "view" => Route::Sqlparser("CREATE VIEW"),
                "materialized" => Route::Sqlparser("CREATE MATERIALIZED VIEW"),
                "function" => Route::Own("CREATE FUNCTION", function::create_function),
                "procedure" => Route::Own("CREATE PROCEDURE", function::create_function),
                "trigger" => Route::Own("CREATE TRIGGER", trigger::create_trigger),
                "policy" => Route::Own("CREATE POLICY", policy::create_policy),
                "type" => Route::Own("CREATE TYPE", types::create_type),
                "domain" => Route::Own("CREATE DOMAIN", types::create_domain),
                "schema" => Route::Own("CREATE SCHEMA", schema::create_schema),
                "extension" => Route::Own("CREATE EXTENSION", extension::create_extension),
                "sequence" => Route::Own("CREATE SEQUENCE", sequence::create_sequence),
                "event" => Route::NotModelled("CREATE EVENT TRIGGER"),
                "aggregate" => Route::Own("CREATE AGGREGATE", aggregate::create_aggregate),
                "cast" => Route::NotModelled("CREATE CAST"),
                "publication" => Route::NotModelled("CREATE PUBLICATION"),
                "subscription" => Route::NotModelled("CREATE SUBSCRIPTION"),
                "statistics" => Route::NotModelled("CREATE STATISTICS"),
                "role" | "user" | "group" => Route::NotModelled("CREATE ROLE"),
                "rule" => Route::NotModelled("CREATE RULE"),
                "server" => Route::NotModelled("CREATE SERVER"),
                "text" => Route::NotModelled("CREATE TEXT SEARCH"),
                "collation" => Route::NotModelled("CREATE COLLATION"),
                "operator" => Route::NotModelled("CREATE OPERATOR"),
                "language" => Route::NotModelled("CREATE LANGUAGE"),
                "conversion" => Route::NotModelled("CREATE CONVERSION"),
                "transform" => Route::NotModelled("CREATE TRANSFORM"),
                "access" => Route::NotModelled("CREATE ACCESS METHOD"),
                "tablespace" => Route::NotModelled("CREATE TABLESPACE"),
                "database" => Route::NotModelled("CREATE DATABASE"),
                _ => Route::Sqlparser("CREATE (other)"),
            }
        }
        "alter" => match w.get(1).copied().unwrap_or("") {
            "table" => Route::Own("ALTER TABLE", table_alter::alter_table),
            "foreign" if w.get(2) == Some(&"table") => {
                Route::Own("ALTER TABLE", table_alter::alter_table)
            }
            "index" => Route::Own("ALTER INDEX", index::alter_index),
            "view" => Route::Own("ALTER VIEW", view::alter_view),
            "materialized" => Route::Own("ALTER MATERIALIZED VIEW", view::alter_view),
            "sequence" => Route::Own("ALTER SEQUENCE", sequence::alter_sequence),
            "type" => Route::Own("ALTER TYPE", types::alter_type),
            "function" | "procedure" | "routine" => {
                Route::Own("ALTER FUNCTION", function::alter_function)
            }
            "policy" => Route::Own("ALTER POLICY", policy::alter_policy),
            "schema" => Route::Own("ALTER SCHEMA", schema::alter_schema),
            "default" => Route::Own("ALTER DEFAULT PRIVILEGES", grant::alter_default_privileges),
            "role" | "user" | "group" => Route::NotModelled("ALTER ROLE"),
            "database" => Route::NotModelled("ALTER DATABASE"),
            "publication" => Route::NotModelled("ALTER PUBLICATION"),
            "subscription" => Route::NotModelled("ALTER SUBSCRIPTION"),
            "domain" => Route::NotModelled("ALTER DOMAIN"),
            "extension" => Route::NotModelled("ALTER EXTENSION"),
            "event" => Route::NotModelled("ALTER EVENT TRIGGER"),
            "trigger" => Route::NotModelled("ALTER TRIGGER"),
            "aggregate" => Route::NotModelled("ALTER AGGREGATE"),
            "text" => Route::NotModelled("ALTER TEXT SEARCH"),
            "system" => Route::NotModelled("ALTER SYSTEM"),
            "server" => Route::NotModelled("ALTER SERVER"),
            "operator" => Route::NotModelled("ALTER OPERATOR"),
            "collation" => Route::NotModelled("ALTER COLLATION"),
            "statistics" => Route::NotModelled("ALTER STATISTICS"),
            "large" => Route::NotModelled("ALTER LARGE OBJECT"),
            "tablespace" => Route::NotModelled("ALTER TABLESPACE"),
            "language" => Route::NotModelled("ALTER LANGUAGE"),
            _ => Route::NotModelled("ALTER (other)"),
        },
        "drop" => match w.get(1).copied().unwrap_or("") {
            "event" => Route::NotModelled("DROP EVENT TRIGGER"),
            "aggregate" => Route::NotModelled("DROP AGGREGATE"),
            "cast" => Route::NotModelled("DROP CAST"),
            "publication" => Route::NotModelled("DROP PUBLICATION"),
            "role" | "user" | "group" | "owned" => Route::NotModelled("DROP ROLE"),
            "rule" => Route::NotModelled("DROP RULE"),
            "statistics" => Route::NotModelled("DROP STATISTICS"),
            "server" => Route::NotModelled("DROP SERVER"),
            "operator" => Route::NotModelled("DROP OPERATOR"),
            "subscription" => Route::NotModelled("DROP SUBSCRIPTION"),
            "text" => Route::NotModelled("DROP TEXT SEARCH"),
            "database" => Route::NotModelled("DROP DATABASE"),
            _ => Route::Own("DROP", drop::drop),
        },
        "comment" => Route::Own("COMMENT ON", comment::comment),
        "set" => Route::Own("SET", session::set),
        "reset" => Route::NotModelled("RESET"),
        "do" => Route::Do,
        "grant" => Route::Own("GRANT", grant::grant),
        "revoke" => Route::Own("REVOKE", grant::grant),
        "select" if is_set_config_search_path(src, toks) => Route::Own("SET", session::set_config),
        "select" | "values" | "table" => Route::NotModelled("SELECT"),
        "with" => Route::NotModelled("WITH"),
        "insert" if storage::is_bucket_insert(src, toks) => {
            Route::Own("INSERT", storage::insert_buckets)
        }
        "insert" => Route::NotModelled("INSERT"),
        "update" => Route::NotModelled("UPDATE"),
        "delete" => Route::NotModelled("DELETE"),
        "merge" => Route::NotModelled("MERGE"),
        "copy" => Route::NotModelled("COPY"),
        "truncate" => Route::NotModelled("TRUNCATE"),
        "call" => Route::NotModelled("CALL"),
        "perform" => Route::NotModelled("SELECT"),
        "begin" | "commit" | "end" | "rollback" | "start" | "savepoint" | "release" | "abort" => {
            Route::NotModelled("TRANSACTION")
        }
        "refresh" => Route::NotModelled("REFRESH MATERIALIZED VIEW"),
        "reindex" => Route::NotModelled("REINDEX"),
        "cluster" => Route::NotModelled("CLUSTER"),
        "vacuum" => Route::NotModelled("VACUUM"),
        "analyze" | "analyse" => Route::NotModelled("ANALYZE"),
        "lock" => Route::NotModelled("LOCK"),
        "notify" | "listen" | "unlisten" => Route::NotModelled("NOTIFY"),
        "security" => Route::NotModelled("SECURITY LABEL"),
        "import" => Route::NotModelled("IMPORT FOREIGN SCHEMA"),
        "discard" | "checkpoint" | "load" => Route::NotModelled("SESSION"),
        "reassign" => Route::NotModelled("REASSIGN OWNED"),
        _ => Route::Sqlparser("unknown"),
    }
}

/// `CREATE TABLE x AS …` / `CREATE TABLE x (a, b) AS …`: an AS after the name at depth 0.
fn is_create_table_as(src: &str, toks: &[Token]) -> bool {
    let mut depth = 0;
    for t in toks.iter().skip(2) {
        match (t.kind, t.text(src)) {
            (Kind::Punct, "(") => depth += 1,
            (Kind::Punct, ")") => depth -= 1,
            (Kind::Word, w) if depth == 0 && w.eq_ignore_ascii_case("as") => return true,
            (Kind::Word, w)
                if depth == 0
                    && (w.eq_ignore_ascii_case("partition") || w.eq_ignore_ascii_case("of")) =>
            {
                return false
            }
            _ => {}
        }
    }
    false
}

/// pg_dump's `SELECT pg_catalog.set_config('search_path', '', false);`.
fn is_set_config_search_path(src: &str, toks: &[Token]) -> bool {
    toks.len() < 16
        && toks
            .iter()
            .any(|t| t.kind == Kind::Word && t.text(src).eq_ignore_ascii_case("set_config"))
        && toks
            .iter()
            .any(|t| t.kind == Kind::String && t.text(src).eq_ignore_ascii_case("'search_path'"))
}
