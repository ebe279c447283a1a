//! Migration-safety rules (squawk's best-known, under snake_case forms of its names): a
//! statement that changes a table an *earlier* migration created, in a way that takes a long
//! lock, rewrites the table or breaks code still running against it when deployed to a live
//! database. The catalog notes each such statement while replaying (`catalog/hazards.rs`);
//! a table created in the same file is new, so nothing is noted for it.

use super::{Context, Hit, Level, Rule};
use crate::ir::hazard_rule as name;

/// One rule per kind of hazard: its explanation and fix.
macro_rules! safety_rule {
    ($name:expr, $description:expr, $fix:expr) => {
        Rule {
            name: $name,
            level: Level::Warn,
            category: "migration-safety",
            description: $description,
            supabase_only: false,
            check: |cx, hits| hazards(cx, $name, $fix, hits),
        }
    };
}

pub(super) const SAFETY: &[Rule] = &[
    safety_rule!(
        name::CONCURRENT_INDEX,
        "CREATE INDEX without CONCURRENTLY on an existing table blocks every write to it (a SHARE lock) until the index is built, which on a large table is minutes of failed or queued requests. (squawk: require-concurrent-index-creation)",
        "create it with CREATE INDEX CONCURRENTLY, in a migration of its own: CONCURRENTLY cannot run inside a transaction block, and most migration tools wrap each file in one"
    ),
    safety_rule!(
        name::REQUIRED_FIELD,
        "ADD COLUMN … NOT NULL without a DEFAULT fails on a table that has rows (\"column contains null values\"), so the migration that worked on an empty development database fails in production. (squawk: adding-required-field)",
        "add the column with a DEFAULT (no table rewrite since PostgreSQL 11), or add it nullable, backfill it, then SET NOT NULL"
    ),
    safety_rule!(
        name::NOT_VALID,
        "Adding a foreign key or CHECK constraint to an existing table checks every row while holding a lock that blocks writes (and, for a foreign key, writes to the referenced table too). (squawk: constraint-missing-not-valid)",
        "add it with NOT VALID (only new rows are checked), then run ALTER TABLE … VALIDATE CONSTRAINT … in a later statement, which scans under a lock that lets writes through"
    ),
    safety_rule!(
        name::COLUMN_TYPE,
        "Changing a column's type rewrites the table and its indexes under an ACCESS EXCLUSIVE lock (unless the change is binary-coercible, such as varchar(n) to text), and code that reads the old type may break. (squawk: changing-column-type)",
        "add a column of the new type, backfill it, move readers and writers to it, then drop the old one"
    ),
    safety_rule!(
        name::RENAME_COLUMN,
        "Renaming a column breaks every running client that still uses the old name (application code, the generated types, views' callers) from the moment the migration commits, and every function whose body names it: PostgreSQL keeps a `sql` or `plpgsql` body as text, records no dependency and does not rewrite it. (squawk: renaming-column)",
        "add the new column and keep both in sync until every client uses it (expand, migrate, contract), or deploy code that no longer names the old column first; recreate (CREATE OR REPLACE) each function the finding names with the new name in the same migration"
    ),
    safety_rule!(
        name::RENAME_TABLE,
        "Renaming a table breaks every running client that still uses the old name from the moment the migration commits, and every function whose body names it (PostgreSQL keeps the body as text). (squawk: renaming-table)",
        "deploy code that uses the new name first, or leave a view under the old name until every client has moved; recreate each function the finding names with the new name in the same migration"
    ),
    safety_rule!(
        name::DROP_COLUMN,
        "Dropping a column breaks every running client that still reads or writes it, and the data is gone. Views and policies that read it make PostgreSQL refuse the drop (CASCADE drops them too); a function whose body names it does not: PostgreSQL records no dependency on a body kept as text, so the drop succeeds and the function, or the trigger that runs it, fails when it next runs. (squawk: ban-drop-column)",
        "deploy code that no longer uses the column first (stop writing, then stop reading), recreate each view, policy and function the finding names without it, then drop it in a later migration"
    ),
];

fn hazards(cx: &Context, rule: &str, fix: &str, hits: &mut Vec<Hit>) {
    for h in cx.schema.hazards.iter().filter(|h| h.rule == rule) {
        hits.push(Hit {
            span: h.span,
            object: h.table.clone(),
            label: "on a table an earlier migration created".into(),
            message: format!(
                "this statement {} on `{}`, a table that already exists when it runs{}",
                h.what,
                h.table,
                h.reach.iter().map(|r| format!("; {r}")).collect::<String>()
            ),
            fix: fix.into(),
        });
    }
}
