//! `pgforge lint`: Supabase's database advisor (splinter) rules that need no runtime
//! statistics, over the replayed model, offline. Each finding is a diagnostic whose code is
//! the advisor's own rule name (`rls_disabled_in_public`), at the statement that created the
//! problem, with the fix. The rules follow the advisor's SQL definitions: which schemas they
//! skip (Supabase's own), which relation kinds they look at.

mod privileges;
mod rules;
mod safety;
mod scope;
mod storage;

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
#[derive(Clone, Copy)]
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
    /// The object it is about (`public.orders`, an extension's name): what a `[lint] allow`
    /// entry `rule:object` names.
    pub object: String,
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

/// The rules: the advisor's, in its numbering, then the migration-safety rules.
pub fn rules() -> &'static [Rule] {
    static ALL: std::sync::LazyLock<Vec<Rule>> = std::sync::LazyLock::new(|| {
        let advisor = rules::ALL
            .iter()
            .chain(privileges::RULES)
            .chain(storage::RULES);
        advisor.chain(safety::SAFETY).copied().collect()
    });
    &ALL
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
                object: h.object,
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
    pub object: String,
    pub level: Level,
    pub category: &'static str,
    pub diagnostic: Diagnostic,
}

/// The schemas the rules leave alone (Supabase's own, the system's).
pub fn skipped_schemas() -> &'static [&'static str] {
    SUPABASE_SCHEMAS
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

/// `[lint]` in pgforge.toml: a rule's level (`"info"`, `"warn"`, `"error"`) or `"allow"`, and
/// `allow` entries `rule` or `rule:object` (`unindexed_foreign_keys:public.audit_log`).
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Per rule: `Some(level)` to change its level, `None` to allow it everywhere.
    pub levels: std::collections::BTreeMap<String, Option<Level>>,
    /// (rule, object) pairs allowed; no object: everywhere.
    pub allow: Vec<(String, Option<String>)>,
    /// `safety_from`: migration-safety findings in migration files whose name sorts before
    /// this are left out (history that is already deployed).
    pub safety_from: Option<String>,
}

impl Settings {
    /// Read `[lint]`'s entries; an unknown rule or level is an error that names it.
    pub fn parse(
        levels: &std::collections::BTreeMap<String, String>,
        allow: &[String],
        safety_from: Option<String>,
    ) -> Result<Settings, String> {
        let known = |r: &str| rules().iter().any(|x| x.name == r);
        let mut s = Settings {
            safety_from,
            ..Default::default()
        };
        for (rule, level) in levels {
            if !known(rule) {
                return Err(format!("[lint] unknown rule `{rule}`"));
            }
            let level = match level.as_str() {
                "allow" => None,
                other => Some(Level::parse(other).ok_or_else(|| {
                    format!("[lint] {rule} = \"{other}\": expected allow, info, warn or error")
                })?),
            };
            s.levels.insert(rule.clone(), level);
        }
        for entry in allow {
            let (rule, object) = match entry.split_once(':') {
                Some((r, o)) => (r.to_string(), Some(o.to_string())),
                None => (entry.clone(), None),
            };
            if !known(&rule) {
                return Err(format!("[lint] allow: unknown rule `{rule}`"));
            }
            s.allow.push((rule, object));
        }
        Ok(s)
    }
}

/// Apply the settings and the statements' own `-- pgforge: allow <rule>` comments: allowed
/// findings are dropped (their number is returned), levels changed as configured.
pub fn configure(
    findings: Vec<Finding>,
    settings: &Settings,
    sources: &crate::span::SourceMap,
) -> (Vec<Finding>, usize) {
    let mut regions: std::collections::HashMap<crate::span::FileId, crate::allow::Regions> =
        Default::default();
    let mut kept = vec![];
    let mut allowed = 0;
    for mut f in findings {
        let by_config = settings.levels.get(f.rule) == Some(&None)
            || settings
                .allow
                .iter()
                .any(|(r, o)| r == f.rule && o.as_deref().is_none_or(|o| o == f.object));
        let by_comment = f.diagnostic.primary.as_ref().is_some_and(|(span, _)| {
            let file = sources.get(span.file);
            let r = regions.entry(span.file).or_insert_with(|| {
                crate::allow::Regions::new(&file.text, &crate::split::split(&file.text))
            });
            r.allowed_at(file, span.start as usize, &[])
                .code(f.rule)
                .is_some()
        });
        let history = f.category == "migration-safety"
            && settings.safety_from.as_deref().is_some_and(|from| {
                f.diagnostic.primary.as_ref().is_some_and(|(span, _)| {
                    let name = &sources.get(span.file).name;
                    let base = name.rsplit('/').next().unwrap_or(name);
                    // Prisma and diesel keep a folder per migration: its name is the version.
                    let version = match base {
                        "migration.sql" | "up.sql" => name.rsplit('/').nth(1).unwrap_or(base),
                        _ => base,
                    };
                    version < from
                })
            });
        if by_config || by_comment || history {
            allowed += 1;
            continue;
        }
        if let Some(Some(level)) = settings.levels.get(f.rule) {
            f.level = *level;
            f.diagnostic.severity = level.severity();
        }
        kept.push(f);
    }
    (kept, allowed)
}
