//! `CREATE AGGREGATE`: kept so the analyzer can type calls of it (`group_concat(x)` in a
//! view). The result type is the final function's, else the state type.

use super::Catalog;
use crate::cmd::CreateAggregate;
use crate::ir::{Aggregate, Returns};
use crate::span::Span;

impl Catalog {
    pub(super) fn create_aggregate(&mut self, a: &CreateAggregate, span: Span) {
        let Some(schema) = self.creation_schema(&a.name) else {
            return;
        };
        let args: Vec<_> = a.args.iter().map(|t| self.resolve_type(t)).collect();
        let state = a.state.as_ref().map(|t| self.resolve_type(t));
        let result = match &a.final_func {
            None => state,
            Some(f) => self.find_functions(f).into_iter().find_map(|(s, i)| {
                match &self
                    .schema
                    .schemas
                    .get(&s)?
                    .functions
                    .get(&f.name)?
                    .get(i)?
                    .returns
                {
                    Returns::Type { ty, setof: false } => Some(ty.clone()),
                    _ => None,
                }
            }),
        };
        let agg = Aggregate {
            schema: schema.clone(),
            name: a.name.name.clone(),
            args,
            result,
            span,
        };
        match self.namespace_mut(&schema) {
            Some(ns) => {
                let list = ns.aggregates.entry(agg.name.clone()).or_default();
                list.retain(|x| x.args != agg.args);
                list.push(agg);
            }
            None => self.lost(format!("schema {schema}"), span),
        }
    }
}
