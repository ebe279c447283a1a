//! The short report `pgforge` prints: what the model holds, per kind.

use schema::ir::{Schema, TypeKind};
use std::fmt::Write;

/// Object counts over the schemas the migrations define (built-ins left out).
pub fn counts(s: &Schema) -> Vec<(&'static str, usize)> {
    let ns: Vec<_> = s.user_schemas().collect();
    let tables = ns
        .iter()
        .map(|n| n.tables.values().filter(|t| !t.builtin).count())
        .sum();
    let views = ns
        .iter()
        .map(|n| {
            n.views
                .values()
                .filter(|v| !v.materialized && !v.builtin)
                .count()
        })
        .sum();
    let matviews = ns
        .iter()
        .map(|n| n.views.values().filter(|v| v.materialized).count())
        .sum();
    let kind = |k: fn(&TypeKind) -> bool| {
        ns.iter()
            .map(|n| {
                n.types
                    .values()
                    .filter(|t| !t.builtin && k(&t.kind))
                    .count()
            })
            .sum::<usize>()
    };
    let functions = ns
        .iter()
        .map(|n| {
            n.functions
                .values()
                .flatten()
                .filter(|f| !f.builtin)
                .count()
        })
        .sum();
    let user_table = |t: &&schema::ir::Table| !t.builtin;
    let indexes = ns
        .iter()
        .map(|n| {
            n.indexes
                .values()
                .filter(|i| n.tables.get(&i.table.name).is_none_or(|t| !t.builtin))
                .count()
        })
        .sum();
    let policies = ns
        .iter()
        .flat_map(|n| n.tables.values())
        .filter(user_table)
        .map(|t| t.policies.len())
        .sum();
    let triggers = ns
        .iter()
        .flat_map(|n| n.tables.values())
        .filter(user_table)
        .map(|t| t.triggers.len())
        .sum();
    let sequences = ns.iter().map(|n| n.sequences.len()).sum();
    vec![
        ("schemas", ns.len()),
        ("tables", tables),
        ("views", views),
        ("materialized views", matviews),
        ("enums", kind(|k| matches!(k, TypeKind::Enum { .. }))),
        (
            "composite types",
            kind(|k| matches!(k, TypeKind::Composite { .. })),
        ),
        ("domains", kind(|k| matches!(k, TypeKind::Domain { .. }))),
        ("functions", functions),
        ("indexes", indexes),
        ("sequences", sequences),
        ("policies", policies),
        ("triggers", triggers),
    ]
}

pub fn render(b: &schema::Build, input: &str) -> String {
    let mut out = String::new();
    let files = b
        .schema
        .files
        .iter()
        .filter(|f| !f.starts_with('<'))
        .count();
    let layout = b
        .layout
        .map(|l| format!("{l:?}").to_lowercase())
        .unwrap_or_else(|| "files".into());
    let _ = writeln!(
        out,
        "pgforge: {input} ({layout} layout, {files} migration file{}, Supabase base objects {})",
        if files == 1 { "" } else { "s" },
        if b.supabase { "on" } else { "off" }
    );
    let parts: Vec<String> = counts(&b.schema)
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| format!("{n} {k}"))
        .collect();
    let _ = writeln!(
        out,
        "  {}",
        if parts.is_empty() {
            "nothing defined".to_string()
        } else {
            parts.join(", ")
        }
    );
    out
}

/// `--stats`: per statement kind, how many were modelled and how many only recognised.
pub fn render_stats(b: &schema::Build) -> String {
    let mut out = String::new();
    let w = b.stats.keys().map(|k| k.len()).max().unwrap_or(4).max(14);
    let _ = writeln!(
        out,
        "{:<w$}  {:>8}  {:>12}",
        "statement kind", "modelled", "not modelled"
    );
    let (mut m, mut n) = (0, 0);
    for (k, s) in &b.stats {
        let _ = writeln!(out, "{:<w$}  {:>8}  {:>12}", k, s.modelled, s.not_modelled);
        m += s.modelled;
        n += s.not_modelled;
    }
    let _ = writeln!(out, "{:<w$}  {:>8}  {:>12}", "total", m, n);
    out
}
