//! Expressions are compared the way PostgreSQL sees them. The model keeps defaults, checks,
//! index keys and policy expressions as written; PostgreSQL stores them parsed and prints them
//! back its own way (`IN (…)` becomes `= ANY (ARRAY[…])`). So for each one the model holds,
//! verify re-creates it on an empty copy of the real table (`CREATE TABLE probe.t (LIKE t)`)
//! and compares PostgreSQL's rendering of both — no home-made normalisation that could be
//! wrong or too loose.

use super::introspect::Db;
use super::psql::Conn;
use super::text::{index_body, policy_exprs};
use schema::ir::{quote_ident as q, IndexKey, Schema};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Default)]
pub struct Probed {
    pub defaults: BTreeMap<String, String>,
    pub generated: BTreeMap<String, String>,
    pub checks: BTreeMap<String, String>,
    pub indexes: BTreeMap<String, String>,
    pub policies: BTreeMap<String, String>,
    /// (kind, key, PostgreSQL's message) for expressions PostgreSQL rejected.
    pub rejected: Vec<(String, String, String)>,
}

/// The probe script, and for each statement the last line it spans and what it probes.
pub fn script(m: &Schema, db: &Db) -> (String, Vec<(usize, String, String)>, Vec<String>) {
    let existing: BTreeSet<String> = db
        .tables
        .iter()
        .map(|t| format!("{}.{}", t.schema, t.name))
        .chain(db.views.iter().map(|v| format!("{}.{}", v.schema, v.name)))
        .collect();
    let schemas: Vec<String> = m
        .schemas
        .keys()
        .filter(|s| !matches!(s.as_str(), "pg_catalog" | "pg_temp"))
        .cloned()
        .collect();
    let mut path = vec!["\"$user\"".to_string(), "public".to_string()];
    path.extend(schemas.iter().filter(|s| *s != "public").map(|s| q(s)));
    let mut lines: Vec<String> = vec![format!("set search_path to {};", path.join(", "))];
    let mut what: Vec<(usize, String, String)> = vec![(1, "setup".into(), String::new())];
    let mut line_no = 1;
    // Statements keep their newlines (an expression may end in a `--` comment); each is
    // followed by a newline so psql's error line falls inside its range.
    let mut push = |lines: &mut Vec<String>, kind: &str, key: String, sql: String| {
        line_no += sql.matches('\n').count() + 1;
        lines.push(sql);
        what.push((line_no, kind.to_string(), key));
    };
    for (i, s) in schemas.iter().enumerate() {
        let ns = &m.schemas[s];
        let probe = format!("pgforge_probe_{i}");
        push(
            &mut lines,
            "setup",
            String::new(),
            format!("create schema {probe};"),
        );
        let relations: Vec<(&String, bool)> = ns
            .tables
            .keys()
            .map(|k| (k, true))
            .chain(
                ns.views
                    .iter()
                    .filter(|(_, v)| v.materialized)
                    .map(|(k, _)| (k, false)),
            )
            .collect();
        for (name, is_table) in relations {
            if !existing.contains(&format!("{s}.{name}")) {
                continue;
            }
            let pt = format!("{probe}.{}", q(name));
            push(
                &mut lines,
                "setup",
                String::new(),
                format!("create table {pt} (like {}.{});", q(s), q(name)),
            );
            if !is_table {
                continue;
            }
            let t = &ns.tables[name];
            for c in &t.columns {
                if let (Some(d), None) = (&c.default, &c.generated) {
                    push(
                        &mut lines,
                        "defaults",
                        format!("{s}.{name}.{}", c.name),
                        format!(
                            "alter table {pt} alter column {} set default {d}\n;",
                            q(&c.name)
                        ),
                    );
                }
            }
            // Generated expressions: a new generated column on the probe, named after the
            // column it stands for.
            for (n, c) in t.columns.iter().enumerate() {
                if let Some(g) = &c.generated {
                    let kind = if g.stored { "stored" } else { "virtual" };
                    let ty = super::text::type_text(&c.ty, m);
                    push(
                        &mut lines,
                        "generated",
                        format!("{s}.{name}.{}", c.name),
                        format!("alter table {pt} add column \"pgforge_generated_{n}\" {ty} generated always as ({}\n) {kind};", g.expr),
                    );
                }
            }
            for c in &t.constraints {
                if let schema::ir::ConstraintKind::Check { expr, .. } = &c.kind {
                    push(
                        &mut lines,
                        "checks",
                        format!("{s}.{name}.{}", c.name),
                        format!(
                            "alter table {pt} add constraint {} check ({expr}\n);",
                            q(&c.name)
                        ),
                    );
                }
            }
            for p in &t.policies {
                let mut sql = format!("create policy {} on {pt}", q(&p.name));
                if !p.permissive {
                    sql.push_str(" as restrictive");
                }
                sql.push_str(&format!(
                    " for {} to {}",
                    p.command.as_sql(),
                    p.roles
                        .iter()
                        .map(|r| if r == "public" {
                            "public".to_string()
                        } else {
                            q(r)
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
                if let Some(u) = &p.using {
                    sql.push_str(&format!(" using ({u}\n)"));
                }
                if let Some(w) = &p.with_check {
                    sql.push_str(&format!(" with check ({w}\n)"));
                }
                push(
                    &mut lines,
                    "policies",
                    format!("{s}.{name}.{}", p.name),
                    format!("{sql};"),
                );
            }
        }
        for idx in ns.indexes.values() {
            if !existing.contains(&format!("{}.{}", idx.table.schema, idx.table.name))
                || idx.table.schema != *s
            {
                continue;
            }
            let keys: Vec<String> = idx
                .keys
                .iter()
                .map(|k| match k {
                    // Column names must be quoted here; expressions are as written.
                    IndexKey::Column { name, .. } => {
                        k.to_string().replacen(name.as_str(), &q(name), 1)
                    }
                    IndexKey::Expression { .. } => k.to_string(),
                })
                .collect();
            let mut sql = format!(
                "create {}index {} on {probe}.{} using {} ({})",
                if idx.unique { "unique " } else { "" },
                q(&idx.name),
                q(&idx.table.name),
                idx.method,
                keys.join(", ")
            );
            if !idx.include.is_empty() {
                sql.push_str(&format!(
                    " include ({})",
                    idx.include
                        .iter()
                        .map(|c| q(c))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            if idx.nulls_not_distinct {
                sql.push_str(" nulls not distinct");
            }
            if let Some(w) = &idx.with {
                sql.push_str(&format!(" with ({w})"));
            }
            if let Some(p) = &idx.predicate {
                sql.push_str(&format!(" where {p}\n"));
            }
            push(
                &mut lines,
                "indexes",
                format!("{s}.{}", idx.name),
                format!("{sql};"),
            );
        }
    }
    let mut text = lines.join("\n");
    text.push('\n');
    (text, what, schemas)
}

const READ: &str = r#"set search_path = pg_catalog; select json_build_object(
 'defaults', (select coalesce(json_agg(json_build_array(n.nspname, c.relname, a.attname, pg_get_expr(ad.adbin, ad.adrelid))), '[]')
   from pg_attrdef ad join pg_class c on c.oid = ad.adrelid join pg_namespace n on n.oid = c.relnamespace
   join pg_attribute a on a.attrelid = c.oid and a.attnum = ad.adnum where n.nspname like 'pgforge\_probe\_%'),
 'checks', (select coalesce(json_agg(json_build_array(n.nspname, c.relname, co.conname, pg_get_constraintdef(co.oid))), '[]')
   from pg_constraint co join pg_class c on c.oid = co.conrelid join pg_namespace n on n.oid = c.relnamespace
   where co.contype = 'c' and n.nspname like 'pgforge\_probe\_%'),
 'indexes', (select coalesce(json_agg(json_build_array(n.nspname, ic.relname, pg_get_indexdef(i.indexrelid))), '[]')
   from pg_index i join pg_class ic on ic.oid = i.indexrelid join pg_namespace n on n.oid = ic.relnamespace where n.nspname like 'pgforge\_probe\_%'),
 'policies', (select coalesce(json_agg(json_build_array(n.nspname, c.relname, po.polname, pg_get_expr(po.polqual, po.polrelid), pg_get_expr(po.polwithcheck, po.polrelid))), '[]')
   from pg_policy po join pg_class c on c.oid = po.polrelid join pg_namespace n on n.oid = c.relnamespace where n.nspname like 'pgforge\_probe\_%'))"#;

/// Run the probe script (failures do not stop it), read PostgreSQL's renderings back, and
/// drop the probe schemas.
pub fn run(conn: &Conn, m: &Schema, db: &Db) -> Result<Probed, super::psql::PsqlError> {
    let (text, what, schemas) = script(m, db);
    let stderr = conn.script_lenient(&text)?;
    if let Some(p) = std::env::var_os("PGFORGE_DEBUG_PROBE") {
        let _ = std::fs::write(&p, format!("{text}\n-- stderr:\n{stderr}"));
    }
    let mut out = Probed::default();
    for line in stderr.lines() {
        if let Some((_, n, msg)) = super::psql::parse_error(line) {
            if let Some((_, kind, key)) = what.iter().find(|(end, _, _)| *end >= n as usize) {
                out.rejected.push((kind.clone(), key.clone(), msg));
            }
        }
    }
    // The probe schemas are named by position; qualified names inside the renderings
    // (pgforge_probe_0.t) are mapped back to the real schema.
    let real = |probe: &str| -> String {
        probe
            .strip_prefix("pgforge_probe_")
            .and_then(|i| i.parse::<usize>().ok())
            .and_then(|i| schemas.get(i).cloned())
            .unwrap_or_default()
    };
    let fix = |text: &str| -> String {
        let mut t = text.to_string();
        for (i, s) in schemas.iter().enumerate().rev() {
            t = t.replace(&format!("pgforge_probe_{i}."), &format!("{}.", q(s)));
        }
        t
    };
    let v = conn.json(READ)?;
    let arr = |k: &str| v[k].as_array().cloned().unwrap_or_default();
    let s = |x: &serde_json::Value, i: usize| x[i].as_str().unwrap_or("").to_string();
    for d in arr("defaults") {
        let column = s(&d, 2);
        match column
            .strip_prefix("pgforge_generated_")
            .and_then(|n| n.parse::<usize>().ok())
        {
            Some(n) => {
                let (schema_name, table) = (real(&s(&d, 0)), s(&d, 1));
                if let Some(col) = m
                    .schemas
                    .get(&schema_name)
                    .and_then(|ns| ns.tables.get(&table))
                    .and_then(|t| t.columns.get(n))
                {
                    out.generated.insert(
                        format!("{schema_name}.{table}.{}", col.name),
                        fix(&s(&d, 3)),
                    );
                }
            }
            None => {
                out.defaults.insert(
                    format!("{}.{}.{}", real(&s(&d, 0)), s(&d, 1), column),
                    fix(&s(&d, 3)),
                );
            }
        }
    }
    for c in arr("checks") {
        out.checks.insert(
            format!("{}.{}.{}", real(&s(&c, 0)), s(&c, 1), s(&c, 2)),
            fix(&s(&c, 3)),
        );
    }
    for i in arr("indexes") {
        out.indexes.insert(
            format!("{}.{}", real(&s(&i, 0)), s(&i, 1)),
            fix(&index_body(&s(&i, 2))),
        );
    }
    for p in arr("policies") {
        let (u, c) = (p[3].as_str().map(&fix), p[4].as_str().map(&fix));
        out.policies.insert(
            format!("{}.{}.{}", real(&s(&p, 0)), s(&p, 1), s(&p, 2)),
            policy_exprs(u.as_deref(), c.as_deref()),
        );
    }
    let drop: String = (0..schemas.len())
        .map(|i| format!("drop schema if exists pgforge_probe_{i} cascade;\n"))
        .collect();
    let _ = conn.script(&drop);
    Ok(out)
}
