//! The rules. Each walks the project's own objects (not pgforge's built-ins) outside the
//! schemas Supabase manages, as the advisor's query does, and reports what it would.

use super::scope::{exposed, own, own_tables, selectable_through_api};
use super::{Context, Hit, Level, Rule};
use crate::ir::{IndexKey, TableKind};

pub(super) const ALL: &[Rule] = &[
    Rule {
        name: "unindexed_foreign_keys",
        level: Level::Info,
        category: "performance",
        description: "A foreign key without an index on exactly its columns makes every delete or key update of the referenced row scan this table.",
        supabase_only: false,
        check: unindexed_foreign_keys,
    },
    Rule {
        name: "auth_users_exposed",
        level: Level::Error,
        category: "security",
        description: "A view in a schema the API exposes that reads auth.users can hand user records (emails, metadata) to anyone who can query the API.",
        supabase_only: true,
        check: auth_users_exposed,
    },
    Rule {
        name: "auth_rls_initplan",
        level: Level::Warn,
        category: "performance",
        description: "A policy that calls auth.uid(), auth.jwt(), auth.role() or auth.email() directly re-evaluates it for every row; wrapped in a scalar subquery it is evaluated once per statement.",
        supabase_only: true,
        check: auth_rls_initplan,
    },
    Rule {
        name: "no_primary_key",
        level: Level::Info,
        category: "performance",
        description: "A table without a primary key is slow to update row by row, cannot be edited in most tools and cannot be replicated logically without REPLICA IDENTITY FULL.",
        supabase_only: false,
        check: no_primary_key,
    },
    Rule {
        name: "multiple_permissive_policies",
        level: Level::Warn,
        category: "performance",
        description: "Several permissive policies for the same role and action are all evaluated for every row a query touches (they are OR-ed); one policy with the conditions combined costs one evaluation.",
        supabase_only: true,
        check: multiple_permissive_policies,
    },
    Rule {
        name: "unsupported_reg_types",
        level: Level::Warn,
        category: "security",
        description: "Columns of the reg* types that store OIDs of functions, operators, collations or text search objects (all but regclass, regrole and regtype) make pg_upgrade refuse the database.",
        supabase_only: false,
        check: unsupported_reg_types,
    },
    Rule {
        name: "fkey_to_auth_unique",
        level: Level::Error,
        category: "security",
        description: "A foreign key to a unique constraint of Supabase's auth schema (not its primary key) blocks Supabase from changing that constraint in an upgrade.",
        supabase_only: true,
        check: fkey_to_auth_unique,
    },
    Rule {
        name: "rls_policy_always_true",
        level: Level::Warn,
        category: "security",
        description: "A permissive policy for anon or authenticated whose USING (for UPDATE, DELETE, ALL) or WITH CHECK (for INSERT, UPDATE, ALL) is true, or missing, lets every row through while looking like protection. A missing WITH CHECK of an UPDATE or ALL policy is its USING expression, as PostgreSQL applies it.",
        supabase_only: true,
        check: rls_policy_always_true,
    },
    Rule {
        name: "policy_exists_rls_disabled",
        level: Level::Info,
        category: "security",
        description: "Policies have no effect while row level security is disabled on their table: every row is visible to every role with table privileges.",
        supabase_only: true,
        check: policy_exists_rls_disabled,
    },
    Rule {
        name: "rls_enabled_no_policy",
        level: Level::Info,
        category: "security",
        description: "With row level security on and no policy, the table returns no rows and accepts no writes through the API (only the table owner and BYPASSRLS roles see it).",
        supabase_only: true,
        check: rls_enabled_no_policy,
    },
    Rule {
        name: "duplicate_index",
        level: Level::Warn,
        category: "performance",
        description: "Two identical indexes cost twice the writes and storage for the same reads.",
        supabase_only: false,
        check: duplicate_index,
    },
    Rule {
        name: "security_definer_view",
        level: Level::Error,
        category: "security",
        description: "A view runs with its owner's rights unless it is created WITH (security_invoker = true): in a schema the API exposes it bypasses the row level security of the tables it reads.",
        supabase_only: true,
        check: security_definer_view,
    },
    Rule {
        name: "function_search_path_mutable",
        level: Level::Warn,
        category: "security",
        description: "A function without its own search_path resolves unqualified names along the caller's: whoever can create objects earlier on that path can make it call theirs (worst for SECURITY DEFINER functions).",
        supabase_only: true,
        check: function_search_path_mutable,
    },
    Rule {
        name: "rls_disabled_in_public",
        level: Level::Error,
        category: "security",
        description: "A table in the public schema without row level security can be read and written through the API by anyone with the anon key.",
        supabase_only: true,
        check: rls_disabled_in_public,
    },
    Rule {
        name: "extension_in_public",
        level: Level::Warn,
        category: "security",
        description: "An extension installed in public puts its functions and types where the API exposes them; install it in the extensions schema.",
        supabase_only: true,
        check: extension_in_public,
    },
    Rule {
        name: "rls_references_user_metadata",
        level: Level::Error,
        category: "security",
        description: "user_metadata in the JWT is editable by the user themselves: a policy that trusts it lets users grant themselves access.",
        supabase_only: true,
        check: rls_references_user_metadata,
    },
    Rule {
        name: "materialized_view_in_api",
        level: Level::Warn,
        category: "security",
        description: "A materialized view in a schema the API exposes has no row level security: every row is readable through the API.",
        supabase_only: true,
        check: materialized_view_in_api,
    },
    Rule {
        name: "foreign_table_in_api",
        level: Level::Warn,
        category: "security",
        description: "A foreign table in a schema the API exposes has no row level security: every row of the remote table is readable through the API.",
        supabase_only: true,
        check: foreign_table_in_api,
    },
];

fn unindexed_foreign_keys(cx: &Context, out: &mut Vec<Hit>) {
    for t in own_tables(cx) {
        let q = format!("{}.{}", t.schema, t.name);
        let indexed: Vec<Vec<&str>> = cx
            .schema
            .schemas
            .values()
            .flat_map(|ns| ns.indexes.values())
            // As the advisor: any index whose key columns are exactly the foreign key's.
            .filter(|i| i.table.schema == t.schema && i.table.name == t.name)
            .map(|i| {
                i.keys
                    .iter()
                    .map(|k| match k {
                        IndexKey::Column { name, .. } => name.as_str(),
                        IndexKey::Expression { .. } => "",
                    })
                    .collect()
            })
            .collect();
        for c in &t.constraints {
            if let crate::ir::ConstraintKind::ForeignKey { columns, .. } = &c.kind {
                let cols: Vec<&str> = columns.iter().map(String::as_str).collect();
                if !indexed.contains(&cols) {
                    out.push(Hit {
                        span: c.span,
                        object: q.clone(),
                        label: "no index on these columns".into(),
                        message: format!(
                            "table `{q}` has a foreign key `{}` without a covering index",
                            c.name
                        ),
                        fix: format!("create index on {q} ({});", columns.join(", ")),
                    });
                }
            }
        }
    }
}

fn auth_users_exposed(cx: &Context, out: &mut Vec<Hit>) {
    // As the advisor: views in public only.
    if let Some(ns) = cx.schema.schemas.get("public") {
        for v in ns
            .views
            .values()
            .filter(|v| !v.builtin && selectable_through_api(&v.acl))
        {
            let def = v.definition.to_ascii_lowercase();
            if def.contains("auth.users") || def.contains("\"auth\".\"users\"") {
                out.push(Hit {
                    span: v.span,
                    object: format!("{}.{}", v.schema, v.name),
                    label: "reads auth.users".into(),
                    message: format!("view `{}.{}` exposes auth.users through the API", v.schema, v.name),
                    fix: "move the view to a schema the API does not expose, or select only what users may see from a table of your own (e.g. public.profiles)".into(),
                });
            }
        }
    }
}

/// `auth.uid()` and friends called per row: not inside `(select auth.uid())`.
fn per_row_auth_call(expr: &str) -> Option<&'static str> {
    let flat: String = expr
        .to_ascii_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    ["auth.uid()", "auth.jwt()", "auth.role()", "auth.email()"]
        .into_iter()
        .find(|f| flat.contains(f) && !flat.contains(&format!("select {f}")))
}

fn auth_rls_initplan(cx: &Context, out: &mut Vec<Hit>) {
    for t in own_tables(cx).filter(|t| t.rls_enabled) {
        for p in &t.policies {
            let exprs = [p.using.as_deref(), p.with_check.as_deref()];
            if let Some(f) = exprs.into_iter().flatten().find_map(per_row_auth_call) {
                out.push(Hit {
                    span: p.span,
                    object: format!("{}.{}", t.schema, t.name),
                    label: format!("{f} is evaluated for each row"),
                    message: format!(
                        "policy `{}` on `{}.{}` re-evaluates {f} for each row",
                        p.name, t.schema, t.name
                    ),
                    fix: format!("write (select {f}) instead of {f}"),
                });
            }
        }
    }
}

fn no_primary_key(cx: &Context, out: &mut Vec<Hit>) {
    for t in own_tables(cx).filter(|t| t.kind == TableKind::Ordinary) {
        let has_pk = t
            .constraints
            .iter()
            .any(|c| matches!(c.kind, crate::ir::ConstraintKind::PrimaryKey { .. }));
        if !has_pk {
            out.push(Hit {
                span: t.span,
                object: format!("{}.{}", t.schema, t.name),
                label: "no primary key".into(),
                message: format!("table `{}.{}` does not have a primary key", t.schema, t.name),
                fix: format!("alter table {}.{} add primary key (…); or add an identity column: id bigint generated always as identity primary key", t.schema, t.name),
            });
        }
    }
}

fn policy_exists_rls_disabled(cx: &Context, out: &mut Vec<Hit>) {
    for t in own_tables(cx).filter(|t| !t.rls_enabled && !t.policies.is_empty()) {
        let names: Vec<&str> = t.policies.iter().map(|p| p.name.as_str()).collect();
        out.push(Hit {
            span: t.policies[0].span,
            object: format!("{}.{}", t.schema, t.name),
            label: "this policy has no effect".into(),
            message: format!(
                "table `{}.{}` has RLS policies ({}) but RLS is not enabled",
                t.schema,
                t.name,
                names.join(", ")
            ),
            fix: format!(
                "alter table {}.{} enable row level security;",
                t.schema, t.name
            ),
        });
    }
}

fn rls_enabled_no_policy(cx: &Context, out: &mut Vec<Hit>) {
    for t in own_tables(cx).filter(|t| t.rls_enabled && t.policies.is_empty()) {
        out.push(Hit {
            span: t.span,
            object: format!("{}.{}", t.schema, t.name),
            label: "RLS on, no policy".into(),
            message: format!("table `{}.{}` has RLS enabled, but no policies exist", t.schema, t.name),
            fix: format!("create policy … on {}.{} for select to authenticated using (…); (or leave it so on purpose: only the service role reads it)", t.schema, t.name),
        });
    }
}

fn duplicate_index(cx: &Context, out: &mut Vec<Hit>) {
    for ns in own(cx) {
        let mut seen: Vec<(String, &crate::ir::Index)> = vec![];
        for i in ns.indexes.values() {
            if cx.schema.table(&i.table).is_none_or(|t| t.builtin) {
                continue;
            }
            let shape = format!(
                "{} {} {:?} {:?} {:?} {:?} {}",
                i.table, i.method, i.keys, i.include, i.predicate, i.with, i.unique
            );
            match seen.iter().find(|(s, _)| s == &shape) {
                Some((_, first)) => out.push(Hit {
                    span: i.span,
                    object: i.table.to_string(),
                    label: format!("same as {}", first.name),
                    message: format!(
                        "table `{}` has identical indexes {} and {}",
                        i.table, first.name, i.name
                    ),
                    fix: format!("drop index {}.{};", ns.name, i.name),
                }),
                None => seen.push((shape, i)),
            }
        }
    }
}

fn security_definer_view(cx: &Context, out: &mut Vec<Hit>) {
    // As the advisor: any schema of the project's own; that anon or authenticated may select
    // the view is what exposes it.
    for ns in own(cx) {
        let views = ns.views.values();
        for v in views.filter(|v| !v.builtin && !v.materialized && selectable_through_api(&v.acl)) {
            let invoker = v.options.iter().any(|(k, val)| {
                k.eq_ignore_ascii_case("security_invoker")
                    && matches!(
                        val.to_ascii_lowercase().trim_matches('\''),
                        "true" | "on" | "yes" | "1"
                    )
            });
            if !invoker {
                out.push(Hit {
                    span: v.span,
                    object: format!("{}.{}", v.schema, v.name),
                    label: "runs with the owner's rights".into(),
                    message: format!(
                        "view `{}.{}` is defined with the SECURITY DEFINER property",
                        v.schema, v.name
                    ),
                    fix: format!(
                        "alter view {}.{} set (security_invoker = true);",
                        v.schema, v.name
                    ),
                });
            }
        }
    }
}

fn rls_disabled_in_public(cx: &Context, out: &mut Vec<Hit>) {
    let Some(ns) = cx.schema.schemas.get("public") else {
        return;
    };
    for t in ns
        .tables
        .values()
        .filter(|t| !t.builtin && t.kind == TableKind::Ordinary && !t.rls_enabled)
    {
        out.push(Hit {
            span: t.span,
            object: format!("public.{}", t.name),
            label: "RLS is not enabled".into(),
            message: format!("table `public.{}` is public, but RLS has not been enabled", t.name),
            fix: format!("alter table public.{} enable row level security; then add policies for who may read and write", t.name),
        });
    }
}

fn extension_in_public(cx: &Context, out: &mut Vec<Hit>) {
    for e in cx
        .schema
        .extensions
        .values()
        .filter(|e| e.schema == "public")
    {
        out.push(Hit {
            span: e.span,
            object: e.name.clone(),
            label: "installed in public".into(),
            message: format!("extension `{}` is installed in the public schema", e.name),
            fix: format!("create extension {} with schema extensions; (or alter extension {} set schema extensions;)", e.name, e.name),
        });
    }
}

fn rls_references_user_metadata(cx: &Context, out: &mut Vec<Hit>) {
    for t in own_tables(cx) {
        for p in &t.policies {
            let uses = [p.using.as_deref(), p.with_check.as_deref()]
                .into_iter()
                .flatten()
                .any(|e| e.to_ascii_lowercase().contains("user_metadata"));
            if uses {
                out.push(Hit {
                    span: p.span,
                    object: format!("{}.{}", t.schema, t.name),
                    label: "trusts user_metadata".into(),
                    message: format!("policy `{}` on `{}.{}` references user_metadata, which users can edit", p.name, t.schema, t.name),
                    fix: "use app_metadata (only the service role can write it) or a table of your own".into(),
                });
            }
        }
    }
}

fn materialized_view_in_api(cx: &Context, out: &mut Vec<Hit>) {
    for ns in exposed(cx) {
        let views = ns.views.values();
        for v in views.filter(|v| !v.builtin && v.materialized && selectable_through_api(&v.acl)) {
            out.push(readable_through_api(
                v.span,
                &v.schema,
                &v.name,
                "materialized view",
                "selectable",
            ));
        }
    }
}

fn foreign_table_in_api(cx: &Context, out: &mut Vec<Hit>) {
    for ns in exposed(cx) {
        for t in ns.tables.values().filter(|t| {
            !t.builtin && t.kind == TableKind::Foreign && selectable_through_api(&t.acl)
        }) {
            out.push(readable_through_api(
                t.span,
                &t.schema,
                &t.name,
                "foreign table",
                "accessible",
            ));
        }
    }
}

/// A relation of `kind` in an exposed schema that the API can read.
fn readable_through_api(
    span: crate::span::Span,
    schema: &str,
    name: &str,
    kind: &str,
    how: &str,
) -> Hit {
    Hit {
        span,
        object: format!("{schema}.{name}"),
        label: "readable through the API".into(),
        message: format!("{kind} `{schema}.{name}` is {how} through the API"),
        fix:
            "move it to a schema the API does not expose, or revoke select from anon, authenticated"
                .into(),
    }
}

fn function_search_path_mutable(cx: &Context, out: &mut Vec<Hit>) {
    for ns in own(cx) {
        for f in ns.functions.values().flatten().filter(|f| !f.builtin) {
            if !f.settings.iter().any(|p| p == "search_path") {
                let kind = if f.procedure { "procedure" } else { "function" };
                out.push(Hit {
                    span: f.span,
                    object: format!("{}.{}", f.schema, f.name),
                    label: "no search_path of its own".into(),
                    message: format!("{kind} `{}.{}` has a role mutable search_path", f.schema, f.name),
                    fix: format!(
                        "add `set search_path = ''` to the {kind} (and qualify the names it uses), or: alter {kind} {}.{} set search_path = '';",
                        f.schema,
                        f.signature()
                    ),
                });
            }
        }
    }
}

/// A Supabase database's roles that row level security applies to (not `pg_*`, not
/// `supabase*admin`, not BYPASSRLS like `service_role` and `postgres`): what `TO public` means.
const RLS_ROLES: &[&str] = &[
    "anon",
    "authenticated",
    "authenticator",
    "dashboard_user",
    "pgbouncer",
];

fn multiple_permissive_policies(cx: &Context, out: &mut Vec<Hit>) {
    use crate::ir::PolicyCommand::*;
    for t in own_tables(cx).filter(|t| t.kind == TableKind::Ordinary) {
        for role in RLS_ROLES {
            for action in [Select, Insert, Update, Delete] {
                let applies: Vec<&crate::ir::Policy> = t
                    .policies
                    .iter()
                    .filter(|p| p.permissive && (p.command == All || p.command == action))
                    .filter(|p| {
                        p.roles.is_empty() || p.roles.iter().any(|r| r == "public" || r == role)
                    })
                    .collect();
                if let [first, second, ..] = applies.as_slice() {
                    let names: Vec<&str> = applies.iter().map(|p| p.name.as_str()).collect();
                    out.push(Hit {
                        span: second.span,
                        object: format!("{}.{}", t.schema, t.name),
                        label: format!("also permits what `{}` permits", first.name),
                        message: format!(
                            "table `{}.{}` has multiple permissive policies for role `{role}` for action `{}`: {}",
                            t.schema,
                            t.name,
                            action.as_sql().to_uppercase(),
                            names.join(", ")
                        ),
                        fix: "combine them into one policy (conditions joined with OR), or make all but one RESTRICTIVE if they must all hold".into(),
                    });
                }
            }
        }
    }
}

const UNSUPPORTED_REG_TYPES: &[&str] = &[
    "regcollation",
    "regconfig",
    "regdictionary",
    "regnamespace",
    "regoper",
    "regoperator",
    "regproc",
    "regprocedure",
];

fn unsupported_reg_types(cx: &Context, out: &mut Vec<Hit>) {
    for t in cx
        .schema
        .schemas
        .values()
        .filter(|ns| {
            !matches!(
                ns.name.as_str(),
                "pg_catalog" | "information_schema" | "pgsodium"
            )
        })
        .flat_map(|ns| ns.tables.values().filter(|t| !t.builtin))
    {
        for c in &t.columns {
            let ty = c.ty.without_modifiers().to_string();
            if UNSUPPORTED_REG_TYPES.contains(&ty.as_str()) {
                out.push(Hit {
                    span: c.span,
                    object: format!("{}.{}", t.schema, t.name),
                    label: format!("{ty} blocks pg_upgrade"),
                    message: format!(
                        "table `{}.{}` has a column `{}` with unsupported reg* type `{ty}`",
                        t.schema, t.name, c.name
                    ),
                    fix: "store the object's name (text) or use regclass/regtype/regrole".into(),
                });
            }
        }
    }
}

fn fkey_to_auth_unique(cx: &Context, out: &mut Vec<Hit>) {
    for t in own_tables(cx) {
        for c in &t.constraints {
            let crate::ir::ConstraintKind::ForeignKey {
                references,
                referenced_columns,
                ..
            } = &c.kind
            else {
                continue;
            };
            if references.schema != "auth" {
                continue;
            }
            let pk: Option<&Vec<String>> = cx.schema.table(references).and_then(|r| {
                r.constraints.iter().find_map(|k| match &k.kind {
                    crate::ir::ConstraintKind::PrimaryKey { columns, .. } => Some(columns),
                    _ => None,
                })
            });
            if pk.is_some_and(|pk| pk != referenced_columns) {
                out.push(Hit {
                    span: c.span,
                    object: format!("{}.{}", t.schema, t.name),
                    label: "references a unique key of auth".into(),
                    message: format!("table `{}.{}` has a foreign key `{}` referencing an auth unique constraint", t.schema, t.name, c.name),
                    fix: format!("reference {references}'s primary key instead, or drop the foreign key"),
                });
            }
        }
    }
}

/// A policy expression PostgreSQL would print as `true` or `1 = 1`.
fn always_true(expr: &str) -> bool {
    let flat: String = expr.to_ascii_lowercase().split_whitespace().collect();
    matches!(flat.as_str(), "true" | "(true)" | "1=1" | "(1=1)")
}

fn rls_policy_always_true(cx: &Context, out: &mut Vec<Hit>) {
    use crate::ir::PolicyCommand::*;
    for t in own_tables(cx).filter(|t| t.rls_enabled && t.kind == TableKind::Ordinary) {
        for p in t.policies.iter().filter(|p| p.permissive) {
            let for_api = p.roles.is_empty()
                || p.roles
                    .iter()
                    .any(|r| matches!(r.as_str(), "public" | "anon" | "authenticated"));
            if !for_api {
                continue;
            }
            let using = matches!(p.command, Update | Delete | All)
                && p.using.as_deref().is_none_or(always_true);
            // Without WITH CHECK, PostgreSQL checks new rows of an UPDATE or ALL policy with
            // its USING expression (the advisor counts it as true: pgforge does not, so a
            // plain `for all using (owner = …)` is no finding).
            let check = match (&p.with_check, p.command) {
                (Some(w), _) => always_true(w),
                (None, Insert) => true,
                (None, Update | All) => p.using.as_deref().is_none_or(always_true),
                (None, _) => false,
            };
            let which = match (using, check) {
                (true, true) => "both USING and WITH CHECK are always true",
                (true, false) => "USING clause is always true",
                (false, true) => "WITH CHECK clause is always true",
                (false, false) => continue,
            };
            out.push(Hit {
                span: p.span,
                object: format!("{}.{}", t.schema, t.name),
                label: which.into(),
                message: format!("table `{}.{}` has an RLS policy `{}` for `{}` that allows unrestricted access ({which})", t.schema, t.name, p.name, p.command.as_sql().to_uppercase()),
                fix: "write the condition the rows must meet (e.g. owner = (select auth.uid())) in USING and WITH CHECK".into(),
            });
        }
    }
}
