//! `pgforge lint`: Supabase's database advisor (splinter) rules that need no runtime
//! statistics, over the replayed model, offline. Each finding is a diagnostic whose code is
//! the advisor's own rule name (`rls_disabled_in_public`), at the statement that created the
//! problem, with the fix. The rules follow the advisor's SQL definitions: which schemas they
//! skip (Supabase's own), which relation kinds they look at.

mod rules;

use crate::diag::{Diagnostic, Severity};
use crate::ir::Schema;

/// The advisor's levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Info,
    Warn,
    Error,
}

impl Level {
    pub fn severity(self) -> Severity {
        match self {
            Level::Info => Severity::Note,
            Level::Warn => Severity::Warning,
            Level::Error => Severity::Error,
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "info" => Some(Level::Info),
            "warn" | "warning" => Some(Level::Warn),
            "error" => Some(Level::Error),
            _ => None,
        }
    }
}

/// One rule: its advisor name, level, category and one-paragraph explanation.
pub struct Rule {
    pub name: &'static str,
    pub level: Level,
    pub category: &'static str,
    pub description: &'static str,
    /// Only for Supabase projects (the rule is about the API Supabase exposes).
    pub supabase_only: bool,
    check: fn(&Context, &mut Vec<Hit>),
}

/// What a rule found: where, what, and the fix.
pub struct Hit {
    pub span: crate::span::Span,
    pub label: String,
    pub message: String,
    pub fix: String,
}

/// What a rule looks at: the model and the schemas the API exposes.
pub struct Context<'a> {
    pub schema: &'a Schema,
    /// Supabase's `[api] schemas` (default `public`, `graphql_public`).
    pub exposed: Vec<String>,
}

/// The rules, in the advisor's numbering.
pub fn rules() -> &'static [Rule] {
    rules::ALL
}

/// Every finding, sorted by place. `supabase`: whether the Supabase rules apply.
pub fn lint(schema: &Schema, exposed: &[String], supabase: bool) -> Vec<Finding> {
    let cx = Context {
        schema,
        exposed: exposed.to_vec(),
    };
    let mut out = vec![];
    for rule in rules().iter().filter(|r| supabase || !r.supabase_only) {
        let mut hits = vec![];
        (rule.check)(&cx, &mut hits);
        out.extend(hits.into_iter().map(|h| {
            Finding {
                rule: rule.name,
                level: rule.level,
                category: rule.category,
                diagnostic: Diagnostic::new(rule.level.severity(), rule.name, h.message)
                    .at(h.span, h.label)
                    .note(rule.description)
                    .help(h.fix),
            }
        }));
    }
    out.sort_by_key(|f| {
        f.diagnostic
            .primary
            .as_ref()
            .map(|(s, _)| (s.file.0, s.start))
            .unwrap_or_default()
    });
    out
}

/// A finding of one rule.
pub struct Finding {
    pub rule: &'static str,
    pub level: Level,
    pub category: &'static str,
    pub diagnostic: Diagnostic,
}

/// Schemas Supabase manages; the advisor skips them.
pub(crate) const SUPABASE_SCHEMAS: &[&str] = &[
    "_timescaledb_cache",
    "_timescaledb_catalog",
    "_timescaledb_config",
    "_timescaledb_internal",
    "auth",
    "cron",
    "extensions",
    "graphql",
    "graphql_public",
    "information_schema",
    "net",
    "pgmq",
    "pgroonga",
    "pgsodium",
    "pgsodium_masks",
    "pgtle",
    "pgbouncer",
    "pg_catalog",
    "realtime",
    "repack",
    "storage",
    "supabase_functions",
    "supabase_migrations",
    "tiger",
    "topology",
    "vault",
];
