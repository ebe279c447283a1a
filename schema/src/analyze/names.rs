//! A function name that exists nowhere: PostgreSQL's `function f(integer) does not exist`
//! for a name no overload of any schema has. Reported only where pgforge sees everything
//! that could have created a function (see `Analyzer::knowing_every_function`), and only for
//! schemas whose contents it knows: `pg_catalog`, `public` and the project's own schemas,
//! never a platform's (Supabase's `auth`, `storage`, `extensions`; the functions Supabase
//! puts on the search path before the first migration — pgcrypto's, pg_stat_statements', … — are in its
//! base objects, `builtin/supabase.sql`, so they exist in the model like any other).

use super::builtins::BUILTINS;
use super::Analyzer;
use crate::cmd::ObjName;
use crate::diag::{codes, Diagnostic};
use crate::ir::PgType;
use crate::span::Span;

/// A name PostgreSQL's grammar cannot take as a function's (a column-name or reserved
/// keyword): a call written with it is a construct of its own (`row(…)`, `grouping(…)`,
/// `trim(…)`, `xmlelement(…)`, `current_user`), never looked up in `pg_proc` by that name.
fn is_grammar(name: &str) -> bool {
    use crate::keywords::Category;
    matches!(
        crate::keywords::lookup(name),
        Some((Category::ColName | Category::Reserved, _))
    )
}

impl Analyzer<'_> {
    /// Whether no schema could hold a function called `name`: not a built-in or any
    /// extension's function, not a function, procedure or aggregate of any schema in the
    /// model, and, qualified, in a schema whose every function pgforge knows.
    pub(super) fn function_exists_nowhere(&self, name: &ObjName) -> bool {
        if !self.every_function_known || !self.schema_is_known(&name.schema) {
            return false;
        }
        let n = name.name.as_str();
        if !BUILTINS.funcs(n).is_empty() || (name.schema.is_none() && is_grammar(n)) {
            return false;
        }
        !self
            .schema
            .schemas
            .values()
            .any(|ns| ns.functions.contains_key(n) || ns.aggregates.contains_key(n))
    }

    fn schema_is_known(&self, qualifier: &Option<String>) -> bool {
        match qualifier.as_deref() {
            None | Some("pg_catalog" | "public") => true,
            Some(s) => self.schema.schemas.get(s).is_some_and(|ns| !ns.builtin),
        }
    }

    /// `function f(text) does not exist`: no function of that name at all, with the closest
    /// name among the built-in and the schema's functions.
    pub(super) fn no_such_function(&self, call: &crate::sql::Call, inputs: &[PgType], span: Span) {
        let args: Vec<String> = inputs.iter().map(ToString::to_string).collect();
        let name = &call.name.name;
        let shown = match &call.name.schema {
            Some(s) => format!("{s}.{name}"),
            None => name.clone(),
        };
        let mut d = Diagnostic::error(
            codes::UNKNOWN_FUNCTION,
            format!("function {shown}({}) does not exist", args.join(", ")),
        )
        .at(span, "no function of this name");
        let builtin = BUILTINS.func_names().map(|n| -> &str { n });
        let own = self
            .search_path
            .iter()
            .filter_map(|s| self.schema.schemas.get(s))
            .flat_map(|ns| ns.functions.keys().map(String::as_str));
        match crate::names::did_you_mean(name, builtin.chain(own)) {
            Some(s) => d = d.help(format!("did you mean {s}()?")),
            None => d = d.help("No function matches the given name and argument types. You might need to add explicit type casts."),
        }
        self.error(d);
    }
}
