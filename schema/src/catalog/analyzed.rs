//! What the query analyzer (`crate::analyze`) adds to a view's columns: the types the
//! shallow reading of its SELECT list could not see, whether each is proven NOT NULL, and
//! the columns `*` takes from a subquery or function.

use super::Catalog;
use crate::analyze::Analyzer;
use crate::cmd::QueryShape;
use crate::ir::ViewColumn;

impl Catalog {
    /// Fill in `columns` from the analyzer. Returns whether the columns are now all known
    /// (a `*` over a subquery or function was expanded).
    pub(super) fn analyze_view_columns(
        &self,
        q: &QueryShape,
        columns: &mut Vec<ViewColumn>,
        star_opaque: bool,
    ) -> bool {
        let Some(tree) = &q.tree else {
            return false;
        };
        let path = self.relation_search_schemas();
        let Some(found) = Analyzer::new(&self.schema, &path).view_columns(tree) else {
            return false;
        };
        if star_opaque && found.len() >= columns.len() {
            let old = std::mem::take(columns);
            for c in found {
                let known = old.iter().find(|o| o.name == c.name && o.ty.is_some());
                columns.push(ViewColumn {
                    ty: known.and_then(|o| o.ty.clone()).or(c.t.ty),
                    source: known.and_then(|o| o.source.clone()),
                    updatable: false,
                    not_null: c.t.not_null,
                    comment: None,
                    name: c.name,
                });
            }
            return true;
        }
        if found.len() != columns.len() {
            return false;
        }
        for (col, c) in columns.iter_mut().zip(found) {
            // The analyzer follows PostgreSQL's resolution rules; the shallow reading only
            // fills in what it cannot type.
            if c.t.ty.is_some() {
                col.ty = c.t.ty;
            }
            col.not_null = c.t.not_null;
        }
        false
    }
}
