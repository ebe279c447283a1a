//! The analyzer's entry points for the catalog: a view's query, an expression over one
//! table (a policy, a CHECK, an index key, a default), a SQL function's body.

use super::query::{Col, OutColumn, Rel, Scope};
use super::{Analyzer, Typed};
use crate::ir::{PgType, QualName};
use crate::sql::Query;

impl Analyzer<'_> {
    /// Output columns of a view's query, where the analyzer can type them.
    pub fn view_columns(&self, q: &Query) -> Option<Vec<OutColumn>> {
        self.query(q, None)
    }

    /// An expression over one table's columns (a policy, a check): its type, and the errors
    /// PostgreSQL would report in it (with `reporting`).
    /// `clause` names the expression as PostgreSQL does where it refuses an aggregate in it
    /// ("check constraints", "index expressions", "policy expressions", …).
    pub fn table_expr(
        &self,
        e: &crate::sql::Expr,
        table: &QualName,
        clause: &'static str,
    ) -> Typed {
        let name = crate::cmd::ObjName {
            schema: Some(table.schema.clone()),
            name: table.name.clone(),
            span: e.span,
        };
        let Some(mut rel) = self.relation(&name, &None, &Scope::default()) else {
            return Typed::unknown();
        };
        // Written unqualified: `schema.table.col` does not name it.
        rel.schema = Some(table.schema.clone());
        let scope = Scope {
            rels: vec![rel],
            ..Default::default()
        };
        self.refusing_aggregates(clause, || self.expr(e, &scope))
    }

    /// A SQL function's body: each statement, with the function's named arguments in scope
    /// behind the query's own columns (a column wins over an argument of the same name).
    pub fn function_body(
        &self,
        function: &str,
        named: Vec<(String, PgType)>,
        statements: &[crate::sql::Statement],
    ) {
        let args = Rel {
            label: Some(function.to_string()),
            schema: None,
            cols: named
                .into_iter()
                .map(|(name, ty)| Col::of(name, Typed::new(ty, false)))
                .collect(),
            row_type: None,
        };
        let scope = Scope {
            rels: vec![args],
            ..Default::default()
        };
        for s in statements {
            self.statement(s, Some(&scope));
        }
    }
}
