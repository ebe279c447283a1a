//! The schema's relations, indexed once for all pages and tables (docs, the Rust emitter): the foreign keys that point at each
//! table and the indexes of each relation. (Scanning every table for each page, and for each
//! column, made the docs of a 5,000-table schema quadratic.)

use schema::ir::{Constraint, ConstraintKind, Index, QualName, Schema, Table};
use std::collections::HashMap;

pub struct Graph<'s> {
    /// Referenced table → (child table, foreign key), in schema, table and constraint order.
    referenced_by: HashMap<QualName, Vec<(&'s Table, &'s Constraint)>>,
    /// Table or materialized view → its indexes, by index name.
    indexes: HashMap<QualName, Vec<&'s Index>>,
}

impl<'s> Graph<'s> {
    pub fn new(s: &'s Schema) -> Graph<'s> {
        let mut referenced_by: HashMap<QualName, Vec<(&Table, &Constraint)>> = HashMap::new();
        let mut indexes: HashMap<QualName, Vec<&Index>> = HashMap::new();
        for ns in s.schemas.values() {
            for t in ns.tables.values() {
                for c in &t.constraints {
                    if let ConstraintKind::ForeignKey { references, .. } = &c.kind {
                        referenced_by
                            .entry(references.clone())
                            .or_default()
                            .push((t, c));
                    }
                }
            }
            for i in ns.indexes.values() {
                indexes.entry(i.table.clone()).or_default().push(i);
            }
        }
        Graph {
            referenced_by,
            indexes,
        }
    }

    /// The foreign keys of tables (this one too) that reference `q`.
    pub fn referenced_by(&self, q: &QualName) -> &[(&'s Table, &'s Constraint)] {
        self.referenced_by.get(q).map_or(&[], Vec::as_slice)
    }

    /// The indexes on `q`, by name.
    pub fn indexes(&self, q: &QualName) -> &[&'s Index] {
        self.indexes.get(q).map_or(&[], Vec::as_slice)
    }
}
