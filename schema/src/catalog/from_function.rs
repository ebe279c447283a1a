//! A function in FROM (`select * from get_projects() p`) as a relation: its columns are what
//! it returns — a table's row type (`setof projects`), `RETURNS TABLE (…)`, or one value
//! named after the function (or its alias). Unknown when pgforge does not know the function
//! or its overloads disagree; then `*` over it is opaque.

use super::view::FromRel;
use super::Catalog;
use crate::cmd::{ObjName, QueryShape};
use crate::ir::{PgType, QualName, Returns, TypeClass, ViewColumn};

impl Catalog {
    /// The relation a FROM function stands for, if pgforge knows what it returns.
    pub(super) fn function_rel(&self, name: &ObjName, alias: &Option<String>) -> Option<FromRel> {
        let label = alias.clone().unwrap_or_else(|| name.name.clone());
        let mut found: Option<Vec<(String, PgType)>> = None;
        for (schema, i) in self.find_functions(name) {
            let f = self
                .schema
                .schemas
                .get(&schema)?
                .functions
                .get(&name.name)?
                .get(i)?;
            let columns = self.returned_columns(&f.returns, &label)?;
            match &found {
                Some(prev) if prev != &columns => return None,
                _ => found = Some(columns),
            }
        }
        let columns = found?
            .into_iter()
            .map(|(n, ty)| ViewColumn {
                name: n,
                ty: Some(ty),
                source: None,
                updatable: false,
                not_null: false,
                comment: None,
            })
            .collect();
        Some(FromRel {
            label,
            qual: QualName::new("", &name.name),
            is_table: false,
            columns,
        })
    }

    /// (name, type) of each column a function's result has in FROM.
    fn returned_columns(&self, r: &Returns, label: &str) -> Option<Vec<(String, PgType)>> {
        match r {
            Returns::Table { columns } => Some(
                columns
                    .iter()
                    .map(|a| (a.name.clone(), a.ty.clone()))
                    .collect(),
            ),
            Returns::Type {
                ty:
                    PgType::User {
                        schema,
                        type_name,
                        class: TypeClass::Table,
                    },
                ..
            } => {
                let t = self.schema.table(&QualName::new(schema, type_name))?;
                Some(
                    t.columns
                        .iter()
                        .map(|c| (c.name.clone(), c.ty.clone()))
                        .collect(),
                )
            }
            Returns::Type {
                ty:
                    PgType::User {
                        class: TypeClass::Composite,
                        ..
                    },
                ..
            }
            | Returns::Type {
                ty: PgType::Pseudo { .. },
                ..
            }
            | Returns::None => None,
            Returns::Type { ty, .. } => Some(vec![(label.to_string(), ty.clone())]),
        }
    }

    /// Whether `*` over the query's FROM meets columns pgforge does not know: a subquery or
    /// VALUES it cannot expand, or a function whose result it does not know.
    pub(super) fn star_is_opaque(&self, shape: &QueryShape) -> bool {
        shape.opaque_from
            || shape
                .from_functions
                .iter()
                .any(|(n, a)| self.function_rel(n, a).is_none())
    }
}
