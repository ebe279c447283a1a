//! Row-level security policies: the table must exist, the columns and the qualified
//! functions they call (e.g. `auth.uid()`) must exist.

use super::Catalog;
use crate::cmd::{CreatePolicy, Expr, ExprRef, ObjName};
use crate::diag::{codes, Diagnostic};
use crate::ir::{Policy, QualName};
use crate::span::Span;

impl Catalog {
    /// Whether PostgreSQL takes the USING / WITH CHECK expressions, and the table columns
    /// they read (what the policy depends on).
    fn check_policy_exprs<'e>(
        &mut self,
        q: &QualName,
        exprs: impl IntoIterator<Item = &'e Option<Expr>>,
    ) -> (bool, Vec<(QualName, String)>) {
        let (mut all_ok, mut depends) = (true, vec![]);
        for e in exprs.into_iter().flatten() {
            let mut ok = self.check_refs(q, &e.refs, "policy", false);
            for r in &e.refs {
                if let ExprRef::Function { name, span, .. } = r {
                    ok &= self.check_qualified_function(name, *span);
                }
            }
            let (analysed, used) = match ok {
                true => self.analyze_policy_expr(q, e),
                false => (false, vec![]),
            };
            all_ok &= analysed;
            depends.extend(used);
        }
        depends.sort();
        depends.dedup();
        (all_ok, depends)
    }

    /// A schema-qualified function call must name a schema and function that exist (unless
    /// an extension lives in that schema: its functions are not modelled).
    fn check_qualified_function(&mut self, name: &ObjName, span: Span) -> bool {
        let Some(schema) = &name.schema else {
            return true;
        };
        if schema == "pg_catalog" || self.schema.extensions.values().any(|e| &e.schema == schema) {
            return true;
        }
        if self.schema.schemas.contains_key(schema) && !self.find_functions(name).is_empty() {
            return true;
        }
        let mut d = Diagnostic::error(
            codes::UNKNOWN_FUNCTION,
            format!("function {schema}.{}() does not exist", name.name),
        )
        .at(span, "not defined at this point");
        let schema_exists = self.schema.schemas.contains_key(schema);
        if schema_exists {
            d = self.with_similar_function(d, &name.name);
        }
        if !schema_exists || (!self.supabase() && super::lookup::is_supabase_schema(schema)) {
            d = d.help(self.missing_schema_help(schema));
        }
        self.error(d)
    }

    pub(super) fn create_policy(&mut self, p: &CreatePolicy, span: Span) {
        let Some(q) = self.find_table(&p.table) else {
            self.missing_relation(&p.table, "table");
            return;
        };
        let (ok, depends) = self.check_policy_exprs(&q, [&p.using, &p.with_check]);
        if !ok {
            return;
        }
        let policy = Policy {
            name: p.name.clone(),
            command: p.command,
            permissive: p.permissive,
            roles: if p.roles.is_empty() {
                vec!["public".into()]
            } else {
                p.roles.clone()
            },
            using: p.using.as_ref().map(|e| e.text.clone()),
            with_check: p.with_check.as_ref().map(|e| e.text.clone()),
            comment: None,
            depends,
            span,
        };
        let Some(t) = self.table_mut(&q) else {
            return self.lost(format!("table {q}"), span);
        };
        if let Some(prev) = t.policies.iter().find(|x| x.name == p.name).map(|x| x.span) {
            let d = Diagnostic::error(
                codes::DUPLICATE_OBJECT,
                format!(
                    "policy \"{}\" for table \"{}\" already exists",
                    p.name, q.name
                ),
            )
            .at(span, "created again here")
            .note_at(prev, "first created")
            .help("drop it first with DROP POLICY IF EXISTS");
            self.error(d);
            return;
        }
        t.policies.push(policy);
        t.policies.sort_by(|a, b| a.name.cmp(&b.name));
        t.changed.push(span);
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn alter_policy(
        &mut self,
        name: &str,
        table: &ObjName,
        rename: &Option<String>,
        roles: &Option<Vec<String>>,
        using: &Option<Expr>,
        with_check: &Option<Expr>,
        span: Span,
    ) {
        let Some(q) = self.find_table(table) else {
            self.missing_relation(table, "table");
            return;
        };
        // What the changed clauses read; what an unchanged one read is not kept apart, so it
        // is left out (a dependency missed, never one invented).
        let (ok, depends) = self.check_policy_exprs(&q, [using, with_check]);
        if !ok {
            return;
        }
        let Some(t) = self.table_mut(&q) else {
            return self.lost(format!("table {q}"), span);
        };
        let Some(p) = t.policies.iter_mut().find(|x| x.name == name) else {
            let d = Diagnostic::error(
                codes::UNKNOWN_OBJECT,
                format!("policy \"{name}\" for table \"{}\" does not exist", q.name),
            )
            .at(span, "here");
            self.error(d);
            return;
        };
        if let Some(r) = rename {
            p.name = r.clone();
        }
        if let Some(r) = roles {
            p.roles = r.clone();
        }
        if let Some(e) = using {
            p.using = Some(e.text.clone());
        }
        if let Some(e) = with_check {
            p.with_check = Some(e.text.clone());
        }
        if using.is_some() || with_check.is_some() {
            p.depends = depends;
        }
        t.policies.sort_by(|a, b| a.name.cmp(&b.name));
    }
}
