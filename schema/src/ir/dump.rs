//! A compact, stable text rendering of the model (user objects only), for golden tests and
//! for reading: one line per object or member, SQL-like.

use super::*;
use std::fmt::Write;

pub fn dump(s: &Schema) -> String {
    let mut o = String::new();
    for ns in s.schemas.values() {
        let has = !ns.builtin
            || ns.has_user_objects()
            || !ns.indexes.is_empty() && ns.tables.values().any(|t| !t.builtin);
        if !has {
            continue;
        }
        let _ = writeln!(o, "schema {}{}", ns.name, comment(&ns.comment));
        dump_types(&mut o, ns);
        dump_tables(&mut o, ns);
        dump_views(&mut o, ns);
        dump_functions(&mut o, ns);
        dump_sequences(&mut o, ns);
    }
    for e in s.extensions.values() {
        if s.schemas.get(&e.schema).is_some_and(|n| !n.builtin) || e.schema == "public" {
            let _ = writeln!(o, "extension {} in {}", e.name, e.schema);
        }
    }
    o
}

fn comment(c: &Option<String>) -> String {
    c.as_ref()
        .map(|c| format!("  -- {}", c.replace('\n', "\\n")))
        .unwrap_or_default()
}

fn incl(v: &[String]) -> String {
    if v.is_empty() {
        String::new()
    } else {
        format!(" include ({})", v.join(", "))
    }
}

fn index(i: &Index) -> String {
    let keys: Vec<String> = i
        .keys
        .iter()
        .map(|k| k.to_string().replace(" DESC", " desc"))
        .collect();
    let mut s = format!(
        "{}index {} using {} ({})",
        if i.unique { "unique " } else { "" },
        i.name,
        i.method,
        keys.join(", ")
    );
    if !i.include.is_empty() {
        let _ = write!(s, " include ({})", i.include.join(", "));
    }
    if let Some(p) = &i.predicate {
        let _ = write!(s, " where {p}");
    }
    s
}

/// Enums, composite types, domains and ranges.
fn dump_types(o: &mut String, ns: &Namespace) {
    for t in ns.types.values().filter(|t| !t.builtin) {
        let q = format!("{}.{}", t.schema, t.name);
        match &t.kind {
            TypeKind::Enum { values } => {
                let v: Vec<String> = values.iter().map(|v| format!("'{v}'")).collect();
                let _ = writeln!(o, "  enum {q} ({}){}", v.join(", "), comment(&t.comment));
            }
            TypeKind::Composite { attributes } => {
                let a: Vec<String> = attributes
                    .iter()
                    .map(|a| format!("{} {}", a.name, a.ty))
                    .collect();
                let _ = writeln!(
                    o,
                    "  composite {q} ({}){}",
                    a.join(", "),
                    comment(&t.comment)
                );
            }
            TypeKind::Domain {
                base,
                not_null,
                default,
                checks,
            } => {
                let mut line = format!("  domain {q} {base}");
                if *not_null {
                    line.push_str(" not null");
                }
                if let Some(d) = default {
                    let _ = write!(line, " default {d}");
                }
                for c in checks {
                    let _ = write!(line, " check ({c})");
                }
                let _ = writeln!(o, "{line}{}", comment(&t.comment));
            }
            TypeKind::Range { subtype } => {
                let _ = writeln!(o, "  range {q} ({subtype})");
            }
            TypeKind::Base => {
                let _ = writeln!(o, "  base type {q}");
            }
        }
    }
}

/// Tables: columns, constraints, indexes, policies, triggers.
fn dump_tables(o: &mut String, ns: &Namespace) {
    for t in ns
        .tables
        .values()
        .filter(|t| !t.builtin || t.has_user_additions())
    {
        let mut flags = vec![];
        if t.kind != TableKind::Ordinary {
            flags.push(format!("{:?}", t.kind).to_lowercase());
        }
        if t.rls_enabled {
            flags.push("rls".into());
        }
        if t.rls_forced {
            flags.push("rls forced".into());
        }
        if let Some(p) = &t.partition_by {
            flags.push(format!("partition by {p}"));
        }
        if let Some(p) = &t.partition_of {
            flags.push(format!(
                "partition of {p} {}",
                t.partition_bound.as_deref().unwrap_or("")
            ));
        }
        for i in &t.inherits {
            flags.push(format!("inherits {i}"));
        }
        let f = if flags.is_empty() {
            String::new()
        } else {
            format!(" [{}]", flags.join(", "))
        };
        let _ = writeln!(
            o,
            "  table {}.{}{f}{}",
            t.schema,
            t.name,
            if t.builtin {
                "  (built in; policies and triggers added by the migrations)".to_string()
            } else {
                comment(&t.comment)
            }
        );
        for c in t.columns.iter().filter(|_| !t.builtin) {
            let mut line = format!("    {} {}", c.name, c.ty);
            if c.not_null {
                line.push_str(" not null");
            }
            if let Some(d) = &c.default {
                let _ = write!(line, " default {d}");
            }
            if let Some(i) = &c.identity {
                let _ = write!(
                    line,
                    " identity {}",
                    if i.kind == IdentityKind::Always {
                        "always"
                    } else {
                        "by default"
                    }
                );
                if let Some(opts) = &i.options {
                    let _ = write!(line, " ({opts})");
                }
            }
            if let Some(g) = &c.generated {
                let _ = write!(
                    line,
                    " generated ({}) {}",
                    g.expr,
                    if g.stored { "stored" } else { "virtual" }
                );
            }
            if let Some(col) = &c.collation {
                let _ = write!(line, " collate {col}");
            }
            let _ = writeln!(o, "{line}{}", comment(&c.comment));
        }
        for c in t.constraints.iter().filter(|_| !t.builtin) {
            let body = match &c.kind {
                ConstraintKind::PrimaryKey { columns, include } => {
                    format!("primary key ({}){}", columns.join(", "), incl(include))
                }
                ConstraintKind::Unique {
                    columns,
                    include,
                    nulls_not_distinct,
                } => {
                    format!(
                        "unique{} ({}){}",
                        if *nulls_not_distinct {
                            " nulls not distinct"
                        } else {
                            ""
                        },
                        columns.join(", "),
                        incl(include)
                    )
                }
                ConstraintKind::ForeignKey {
                    columns,
                    references,
                    referenced_columns,
                    on_delete,
                    on_update,
                    ..
                } => format!(
                    "foreign key ({}) references {references} ({}) on delete {} on update {}",
                    columns.join(", "),
                    referenced_columns.join(", "),
                    on_delete.as_sql(),
                    on_update.as_sql()
                ),
                ConstraintKind::Check { expr, .. } => format!("check ({expr})"),
                ConstraintKind::Exclude { definition } => format!("exclude {definition}"),
            };
            let mut extra = String::new();
            if c.deferrable {
                extra.push_str(" deferrable");
            }
            if c.initially_deferred {
                extra.push_str(" initially deferred");
            }
            if c.not_valid {
                extra.push_str(" not valid");
            }
            let _ = writeln!(o, "    constraint {} {body}{extra}", c.name);
        }
        for i in ns
            .indexes
            .values()
            .filter(|i| i.table == t.qual() && i.constraint.is_none() && !t.builtin)
        {
            let _ = writeln!(o, "    {}", index(i));
        }
        for p in &t.policies {
            let mut line = format!(
                "    policy \"{}\" {} for {} to {}",
                p.name,
                if p.permissive {
                    "permissive"
                } else {
                    "restrictive"
                },
                p.command.as_sql(),
                p.roles.join(", ")
            );
            if let Some(u) = &p.using {
                let _ = write!(line, " using ({u})");
            }
            if let Some(w) = &p.with_check {
                let _ = write!(line, " with check ({w})");
            }
            let _ = writeln!(o, "{line}");
        }
        for tr in &t.triggers {
            let _ = writeln!(
                o,
                "    trigger {} {} {} for each {} execute {}({})",
                tr.name,
                tr.timing.as_sql(),
                tr.events.join(" or "),
                if tr.for_each_row { "row" } else { "statement" },
                tr.function,
                tr.arguments
                    .iter()
                    .map(|a| format!("'{a}'"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
}

/// Views and materialized views with their columns.
fn dump_views(o: &mut String, ns: &Namespace) {
    for v in ns.views.values().filter(|v| !v.builtin) {
        let cols: Vec<String> = v
            .columns
            .iter()
            .map(|c| {
                format!(
                    "{} {}",
                    c.name,
                    c.ty.as_ref()
                        .map(|t| t.to_string())
                        .unwrap_or_else(|| "?".into())
                )
            })
            .collect();
        let opts = if v.options.is_empty() {
            String::new()
        } else {
            format!(
                " with ({})",
                v.options
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let _ = writeln!(
            o,
            "  {} {}.{} ({}){opts}{}",
            if v.materialized {
                "materialized view"
            } else {
                "view"
            },
            v.schema,
            v.name,
            cols.join(", "),
            comment(&v.comment)
        );
        for i in ns
            .indexes
            .values()
            .filter(|i| i.table.schema == v.schema && i.table.name == v.name)
        {
            let _ = writeln!(o, "    {}", index(i));
        }
    }
}

/// Functions and procedures, one line per overload.
fn dump_functions(o: &mut String, ns: &Namespace) {
    for f in ns.functions.values().flatten().filter(|f| !f.builtin) {
        let args: Vec<String> = f.args.iter().map(Arg::to_string).collect();
        let ret = match &f.returns {
            Returns::None => String::new(),
            Returns::Type { ty, setof } => {
                format!(" returns {}{ty}", if *setof { "setof " } else { "" })
            }
            Returns::Table { columns } => format!(
                " returns table ({})",
                columns
                    .iter()
                    .map(|c| format!("{} {}", c.name, c.ty))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let _ = writeln!(
            o,
            "  {} {}.{}({}){ret} {} {}{}{}",
            if f.procedure { "procedure" } else { "function" },
            f.schema,
            f.name,
            args.join(", "),
            f.language,
            f.volatility.as_sql(),
            if f.security_definer {
                " security definer"
            } else {
                ""
            },
            comment(&f.comment)
        );
    }
}

/// Sequences and what owns them.
fn dump_sequences(o: &mut String, ns: &Namespace) {
    for s in ns.sequences.values() {
        let owned = s
            .owned_by
            .as_ref()
            .map(|(t, c)| format!(" owned by {t}.{c}"))
            .unwrap_or_default();
        let _ = writeln!(o, "  sequence {}.{} {}{owned}", s.schema, s.name, s.ty);
    }
}
