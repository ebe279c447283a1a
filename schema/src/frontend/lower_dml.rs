//! INSERT, UPDATE and DELETE lowered into `crate::sql::Statement`, for the analyzer: the
//! target table, the assigned columns with their spans, the source rows, `ON CONFLICT`,
//! `FROM` / `USING`, `WHERE` and `RETURNING`.

use super::ident::{ident_name, ident_span};
use super::lower::Lower;
use crate::sql::*;
use sqlparser::ast;

impl Lower<'_> {
    /// A statement a query file may hold; `None` for any other kind.
    pub fn statement(&self, s: &ast::Statement) -> Option<Statement> {
        match s {
            ast::Statement::Query(q) => Some(self.query_statement(q)),
            ast::Statement::Insert(i) => Some(Statement::Insert(Box::new(
                self.insert(i, With::default())?,
            ))),
            ast::Statement::Update(u) => Some(Statement::Update(Box::new(
                self.update(u, With::default())?,
            ))),
            ast::Statement::Delete(d) => Some(Statement::Delete(Box::new(
                self.delete(d, With::default())?,
            ))),
            _ => None,
        }
    }

    /// `WITH … INSERT/UPDATE/DELETE` parses as a query whose body is the statement.
    fn query_statement(&self, q: &ast::Query) -> Statement {
        let dml = match q.body.as_ref() {
            ast::SetExpr::Insert(s) | ast::SetExpr::Update(s) | ast::SetExpr::Delete(s) => s,
            _ => return Statement::Query(Box::new(self.query(q))),
        };
        // Only the CTEs: the statement itself is lowered once, below.
        let with = self.with(&q.with);
        let fallback = Query {
            ctes: with.ctes.clone(),
            recursive: with.recursive,
            body: SetExpr::Unknown,
            limit: None,
            offset: None,
            order_by: vec![],
        };
        let modify = match dml {
            ast::Statement::Insert(i) => {
                self.insert(i, with).map(|i| Statement::Insert(Box::new(i)))
            }
            ast::Statement::Update(u) => {
                self.update(u, with).map(|u| Statement::Update(Box::new(u)))
            }
            ast::Statement::Delete(d) => {
                self.delete(d, with).map(|d| Statement::Delete(Box::new(d)))
            }
            _ => None,
        };
        modify.unwrap_or_else(|| Statement::Query(Box::new(fallback)))
    }

    /// A data-modifying statement inside a query (a CTE's body), for its RETURNING columns.
    pub(super) fn modify(&self, s: &ast::Statement) -> SetExpr {
        match self.statement(s) {
            Some(st @ (Statement::Insert(_) | Statement::Update(_) | Statement::Delete(_))) => {
                SetExpr::Modify(Box::new(st))
            }
            _ => SetExpr::Unknown,
        }
    }

    /// `LIMIT` and `OFFSET` of a query.
    pub(super) fn limits(&self, l: &Option<ast::LimitClause>) -> (Option<Expr>, Option<Expr>) {
        match l {
            Some(ast::LimitClause::LimitOffset { limit, offset, .. }) => (
                limit.as_ref().map(|e| self.expr(e)),
                offset.as_ref().map(|o| self.expr(&o.value)),
            ),
            Some(ast::LimitClause::OffsetCommaLimit { offset, limit }) => {
                (Some(self.expr(limit)), Some(self.expr(offset)))
            }
            None => (None, None),
        }
    }

    fn target(&self, name: &ast::ObjectName, alias: Option<&ast::Ident>) -> Option<Target> {
        Some(Target {
            name: self.name(name)?,
            alias: alias.map(ident_name),
        })
    }

    fn column_of(&self, n: &ast::ObjectName) -> Option<(String, crate::span::Span)> {
        let id = n.0.last()?.as_ident()?;
        Some((
            ident_name(id),
            ident_span(id, self.text, self.start, self.file),
        ))
    }

    fn sets(&self, assignments: &[ast::Assignment]) -> Option<Vec<Set>> {
        assignments
            .iter()
            .map(|a| {
                let columns = match &a.target {
                    ast::AssignmentTarget::ColumnName(n) => vec![self.column_of(n)?],
                    ast::AssignmentTarget::Tuple(v) => {
                        v.iter().map(|n| self.column_of(n)).collect::<Option<_>>()?
                    }
                };
                Some(Set {
                    columns,
                    value: self.expr(&a.value),
                })
            })
            .collect()
    }

    fn returning(&self, r: &Option<Vec<ast::SelectItem>>) -> Option<Vec<Item>> {
        r.as_ref()
            .map(|items| items.iter().map(|i| self.item(i)).collect())
    }

    fn insert(&self, i: &ast::Insert, with: With) -> Option<Insert> {
        let ast::TableObject::TableName(name) = &i.table else {
            return None;
        };
        let conflict = match &i.on {
            Some(ast::OnInsert::OnConflict(c)) => Some(match &c.action {
                ast::OnConflictAction::DoNothing => (vec![], None),
                ast::OnConflictAction::DoUpdate(u) => (
                    self.sets(&u.assignments)?,
                    u.selection.as_ref().map(|e| self.expr(e)),
                ),
            }),
            Some(_) => return None,
            None => None,
        };
        Some(Insert {
            with,
            target: self.target(name, i.table_alias.as_ref().map(|a| &a.alias))?,
            columns: i
                .columns
                .iter()
                .map(|c| self.column_of(c))
                .collect::<Option<_>>()?,
            source: i.source.as_ref().map(|q| self.query(q)),
            conflict,
            returning: self.returning(&i.returning),
        })
    }

    fn update(&self, u: &ast::Update, with: With) -> Option<Update> {
        let ast::TableFactor::Table { name, alias, .. } = &u.table.relation else {
            return None;
        };
        if !u.table.joins.is_empty() {
            return None;
        }
        let from = match &u.from {
            Some(
                ast::UpdateTableFromKind::AfterSet(v) | ast::UpdateTableFromKind::BeforeSet(v),
            ) => v.iter().map(|t| self.table_with_joins(t)).collect(),
            None => vec![],
        };
        Some(Update {
            with,
            target: self.target(name, alias.as_ref().map(|a| &a.name))?,
            sets: self.sets(&u.assignments)?,
            from,
            filter: u.selection.as_ref().map(|e| self.expr(e)),
            returning: self.returning(&u.returning),
        })
    }

    fn delete(&self, d: &ast::Delete, with: With) -> Option<Delete> {
        let (ast::FromTable::WithFromKeyword(tables) | ast::FromTable::WithoutKeyword(tables)) =
            &d.from;
        let [table] = tables.as_slice() else {
            return None;
        };
        let ast::TableFactor::Table { name, alias, .. } = &table.relation else {
            return None;
        };
        if !table.joins.is_empty() || !d.tables.is_empty() {
            return None;
        }
        Some(Delete {
            with,
            target: self.target(name, alias.as_ref().map(|a| &a.name))?,
            using: d
                .using
                .iter()
                .flatten()
                .map(|t| self.table_with_joins(t))
                .collect(),
            filter: d.selection.as_ref().map(|e| self.expr(e)),
            returning: self.returning(&d.returning),
        })
    }
}
