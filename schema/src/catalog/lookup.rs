//! Finding objects along search_path, and reaching into the model without panicking: every
//! accessor returns an `Option`, and a lookup that fails after a find (a bug in pgforge, never
//! in the input) becomes a warning that names it (`lost`), not a panic.

use super::Catalog;
use crate::cmd::ObjName;
use crate::diag::{codes, Diagnostic};
use crate::ir::{self, QualName};
use crate::span::Span;

impl Catalog {
    /// The schema an unqualified CREATE goes into: the first existing one on search_path.
    pub(super) fn creation_schema(&mut self, name: &ObjName) -> Option<String> {
        if let Some(s) = &name.schema {
            if self.schema.schemas.contains_key(s) {
                return Some(s.clone());
            }
            let d = Diagnostic::error(
                codes::UNKNOWN_SCHEMA,
                format!("schema \"{s}\" does not exist"),
            )
            .at(name.span, "no such schema")
            .help(self.missing_schema_help(s));
            self.error(d);
            return None;
        }
        let found = self
            .search_path
            .iter()
            .find(|s| self.schema.schemas.contains_key(*s))
            .cloned();
        if found.is_none() {
            let d = Diagnostic::error(
                codes::UNKNOWN_SCHEMA,
                "no schema has been selected to create in",
            )
            .at(name.span, "unqualified name")
            .note(format!(
                "search_path is {:?} and none of those schemas exists",
                self.search_path.join(", ")
            ));
            self.error(d);
        }
        found
    }

    pub(super) fn missing_schema_help(&self, s: &str) -> String {
        if !self.supabase && is_supabase_schema(s) {
            format!("\"{s}\" is created by Supabase; switch on pgforge's Supabase base objects (`--supabase`, or `supabase = true` in pgforge.toml)")
        } else if let Some(close) =
            crate::names::did_you_mean(s, self.schema.schemas.keys().map(String::as_str))
        {
            format!("did you mean \"{close}\"? (or create it first with `CREATE SCHEMA {s};`)")
        } else {
            format!("create it first with `CREATE SCHEMA {s};`")
        }
    }

    /// A function of a close name, as `schema.name`, for "did you mean" on a missing one.
    pub(super) fn similar_function(&self, name: &str) -> Option<String> {
        let functions: Vec<(&str, &str)> = self
            .schema
            .schemas
            .values()
            .flat_map(|ns| ns.functions.keys().map(|f| (ns.name.as_str(), f.as_str())))
            .collect();
        let best = crate::names::did_you_mean(name, functions.iter().map(|(_, n)| *n))?;
        let (schema, n) = functions.iter().find(|(_, n)| *n == best)?;
        Some(format!("{schema}.{n}"))
    }

    /// `d` with a "did you mean" help when a function of a close name exists.
    pub(super) fn with_similar_function(&self, d: Diagnostic, name: &str) -> Diagnostic {
        match self.similar_function(name) {
            Some(f) => d.help(format!("did you mean \"{f}\"?")),
            None => d,
        }
    }

    /// The schemas to search for an unqualified name, in order.
    /// The schemas to search for an unqualified relation or type: like `search_schemas`,
    /// with the session's `pg_temp` first (PostgreSQL searches it first for relations and
    /// types, never for functions).
    pub(super) fn relation_search_schemas(&self) -> Vec<String> {
        let mut v = vec!["pg_temp".to_string()];
        v.extend(self.search_schemas());
        v
    }

    pub(super) fn search_schemas(&self) -> Vec<String> {
        let mut v = vec!["pg_catalog".to_string()];
        v.extend(
            self.search_path
                .iter()
                .filter(|s| self.schema.schemas.contains_key(*s))
                .cloned(),
        );
        v
    }

    /// Find a table by name (qualified, or along search_path).
    pub(super) fn find_table(&self, name: &ObjName) -> Option<QualName> {
        self.find_in(name, |ns, n| ns.tables.contains_key(n))
    }

    pub(super) fn find_view(&self, name: &ObjName) -> Option<QualName> {
        self.find_in(name, |ns, n| ns.views.contains_key(n))
    }

    pub(super) fn find_in(
        &self,
        name: &ObjName,
        has: impl Fn(&ir::Namespace, &str) -> bool,
    ) -> Option<QualName> {
        let schemas = match &name.schema {
            Some(s) => vec![s.clone()],
            None => self.relation_search_schemas(),
        };
        schemas
            .into_iter()
            .find(|s| {
                self.schema
                    .schemas
                    .get(s)
                    .is_some_and(|ns| has(ns, &name.name))
            })
            .map(|s| QualName::new(s, &name.name))
    }

    /// The partitions of `q`.
    pub(super) fn partitions_of(&self, q: &QualName) -> Vec<QualName> {
        // Only a partitioned table has partitions: no scan of every table for the others.
        let partitioned = self
            .schema
            .table(q)
            .is_some_and(|t| t.kind == ir::TableKind::Partitioned);
        if !partitioned {
            return vec![];
        }
        self.schema
            .schemas
            .values()
            .flat_map(|ns| ns.tables.values())
            .filter(|t| t.partition_of.as_ref() == Some(q))
            .map(|t| t.qual())
            .collect()
    }

    pub(super) fn namespace_mut(&mut self, schema: &str) -> Option<&mut ir::Namespace> {
        self.schema.schemas.get_mut(schema)
    }

    pub(super) fn table_mut(&mut self, q: &QualName) -> Option<&mut ir::Table> {
        self.namespace_mut(&q.schema)?.tables.get_mut(&q.name)
    }

    /// A table, cloned: for checks that read it while the catalog changes.
    pub(super) fn table_copy(&self, q: &QualName) -> Option<ir::Table> {
        self.schema.table(q).cloned()
    }

    pub(super) fn view_mut(&mut self, q: &QualName) -> Option<&mut ir::View> {
        self.namespace_mut(&q.schema)?.views.get_mut(&q.name)
    }

    pub(super) fn type_mut(&mut self, q: &QualName) -> Option<&mut ir::TypeDef> {
        self.namespace_mut(&q.schema)?.types.get_mut(&q.name)
    }

    pub(super) fn index_mut(&mut self, q: &QualName) -> Option<&mut ir::Index> {
        self.namespace_mut(&q.schema)?.indexes.get_mut(&q.name)
    }

    /// The overloads of one function name in one schema.
    pub(super) fn overloads_mut(
        &mut self,
        schema: &str,
        name: &str,
    ) -> Option<&mut Vec<ir::Function>> {
        self.namespace_mut(schema)?.functions.get_mut(name)
    }

    pub(super) fn column_mut(&mut self, q: &QualName, column: &str) -> Option<&mut ir::Column> {
        self.table_mut(q)?
            .columns
            .iter_mut()
            .find(|c| c.name == column)
    }

    /// An object found a moment ago is gone: a bug in pgforge, not in the migrations. Say so
    /// (a warning: PostgreSQL did not refuse anything) and let replay go on.
    pub(super) fn lost(&mut self, what: impl std::fmt::Display, span: Span) {
        self.diagnostics.push(
            Diagnostic::warning(
                codes::INTERNAL,
                format!("pgforge lost track of {what} while replaying this statement"),
            )
            .at(span, "the model may be incomplete from here on")
            .note("this is a bug in pgforge, not in the migrations; please report it"),
        );
    }

    /// Whether a relation-namespace name (table, view, sequence, index) is taken, and where.
    pub(super) fn relation_span(&self, schema: &str, name: &str) -> Option<(Span, &'static str)> {
        let ns = self.schema.schemas.get(schema)?;
        if let Some(t) = ns.tables.get(name) {
            return Some((t.span, "table"));
        }
        if let Some(v) = ns.views.get(name) {
            return Some((
                v.span,
                if v.materialized {
                    "materialized view"
                } else {
                    "view"
                },
            ));
        }
        if let Some(s) = ns.sequences.get(name) {
            return Some((s.span, "sequence"));
        }
        if let Some(i) = ns.indexes.get(name) {
            return Some((i.span, "index"));
        }
        None
    }

    /// Error for an object that does not exist, with a hint for Supabase objects.
    pub(super) fn missing_relation(&mut self, name: &ObjName, what: &str) -> bool {
        let shown = match &name.schema {
            Some(s) => format!("{s}.{}", name.name),
            None => name.name.clone(),
        };
        let mut d = Diagnostic::error(
            codes::UNKNOWN_RELATION,
            format!("{what} \"{shown}\" does not exist"),
        )
        .at(name.span, "not defined at this point");
        if let Some(s) = &name.schema {
            if !self.schema.schemas.contains_key(s) {
                d = d.help(self.missing_schema_help(s));
            }
        }
        let schema_missing = name
            .schema
            .as_ref()
            .is_some_and(|s| !self.schema.schemas.contains_key(s));
        if let Some(later) = self
            .similar_relation(&name.name)
            .filter(|_| !schema_missing)
        {
            d = d.help(format!(
                "a relation with a similar name exists: \"{later}\""
            ));
        }
        self.error(d)
    }

    pub(super) fn similar_relation(&self, name: &str) -> Option<String> {
        let relations: Vec<(&str, &str)> = self
            .schema
            .schemas
            .values()
            .flat_map(|ns| {
                let names = ns.tables.keys().chain(ns.views.keys());
                names.map(|n| (ns.name.as_str(), n.as_str()))
            })
            .collect();
        let best = crate::names::did_you_mean(name, relations.iter().map(|(_, n)| *n))?;
        let (schema, n) = relations.iter().find(|(_, n)| *n == best)?;
        Some(format!("{schema}.{n}"))
    }
}

/// The schemas Supabase creates (pgforge's Supabase base objects, when switched on).
pub(super) fn is_supabase_schema(s: &str) -> bool {
    matches!(
        s,
        "auth" | "storage" | "extensions" | "realtime" | "vault" | "graphql_public"
    )
}
