//! Functions, procedures and triggers. Overloads are told apart by their input argument
//! types, as PostgreSQL does; a trigger needs its table and its function to exist.

use super::Catalog;
use crate::cmd::{CreateFunction, CreateTrigger, FuncReturns, ObjName, TypeRef};
use crate::diag::{codes, Diagnostic};
use crate::ir::{Arg, ArgMode, Attribute, Function, QualName, Returns, Trigger};
use crate::span::Span;

/// Trigger functions PostgreSQL ships.
const BUILTIN_TRIGGER_FUNCTIONS: &[&str] = &["tsvector_update_trigger", "tsvector_update_trigger_column", "suppress_redundant_updates_trigger", "moddatetime", "lo_manage"];

impl Catalog {
    pub(super) fn create_function(&mut self, f: &CreateFunction, span: Span) {
        let Some(schema) = self.creation_schema(&f.name) else { return };
        let args: Vec<Arg> = f
            .args
            .iter()
            .map(|a| Arg { name: a.name.clone(), mode: a.mode, ty: self.resolve_type(&a.ty).without_modifiers(), default: a.default.clone() })
            .collect();
        let returns = match &f.returns {
            FuncReturns::None => Returns::None,
            FuncReturns::Type { ty, setof } => Returns::Type { ty: self.resolve_type(ty).without_modifiers(), setof: *setof },
            FuncReturns::Table(cols) => Returns::Table {
                columns: cols.iter().map(|(n, t)| Attribute { name: n.clone(), ty: self.resolve_type(t).without_modifiers() }).collect(),
            },
        };
        let func = Function {
            schema: schema.clone(),
            name: f.name.name.clone(),
            procedure: f.procedure,
            args,
            returns,
            language: f.language.clone(),
            volatility: f.volatility,
            security_definer: f.security_definer,
            strict: f.strict,
            rows: f.rows,
            builtin: self.builtin(),
            comment: None,
            span,
        };
        let sig = func.signature();
        let ns = self.schema.schemas.get_mut(&schema).expect("exists");
        let overloads = ns.functions.entry(f.name.name.clone()).or_default();
        if let Some(pos) = overloads.iter().position(|o| o.signature() == sig) {
            if !f.or_replace {
                let prev = overloads[pos].span;
                let d = Diagnostic::error(codes::DUPLICATE_OBJECT, format!("function {schema}.{sig} already exists with same argument types"))
                    .at(f.name.span, "created again here")
                    .note_at(prev, "first created")
                    .help("use CREATE OR REPLACE FUNCTION");
                self.error(d);
                return;
            }
            let comment = overloads[pos].comment.take();
            overloads[pos] = Function { comment, ..func };
        } else {
            overloads.push(func);
            overloads.sort_by_key(|o| o.signature());
        }
    }

    /// Functions named `name` (qualified, or along search_path), with their schema.
    pub(super) fn find_functions(&self, name: &ObjName) -> Vec<(String, usize)> {
        let schemas = match &name.schema {
            Some(s) => vec![s.clone()],
            None => self.search_schemas(),
        };
        for s in schemas {
            if let Some(fs) = self.schema.schemas.get(&s).and_then(|ns| ns.functions.get(&name.name)) {
                if !fs.is_empty() {
                    return (0..fs.len()).map(|i| (s.clone(), i)).collect();
                }
            }
        }
        vec![]
    }

    /// Overloads matching a written argument list (all of them when no list is written).
    pub(super) fn match_overloads(&mut self, name: &ObjName, args: &Option<Vec<TypeRef>>) -> Vec<(String, usize)> {
        let found = self.find_functions(name);
        let Some(args) = args else { return found };
        let want: Vec<String> = args.iter().map(|t| {
            let saved = self.guarded;
            self.guarded = true;
            let ty = self.resolve_type(t).without_modifiers();
            self.guarded = saved;
            ty.to_string()
        }).collect();
        found
            .into_iter()
            .filter(|(s, i)| {
                let f = &self.schema.schemas[s].functions[&name.name][*i];
                let have: Vec<String> = f.args.iter().filter(|a| a.mode != ArgMode::Out).map(|a| a.ty.to_string()).collect();
                have == want
            })
            .collect()
    }

    pub(super) fn create_trigger(&mut self, t: &CreateTrigger, span: Span) {
        let Some(q) = self.find_table(&t.table).or_else(|| self.find_view(&t.table)) else {
            self.missing_relation(&t.table, "relation");
            return;
        };
        if self.find_functions(&t.function).is_empty() && !BUILTIN_TRIGGER_FUNCTIONS.contains(&t.function.name.as_str()) {
            let shown = match &t.function.schema {
                Some(s) => format!("{s}.{}()", t.function.name),
                None => format!("{}()", t.function.name),
            };
            let mut d = Diagnostic::error(codes::UNKNOWN_FUNCTION, format!("function {shown} does not exist"))
                .at(t.function.span, "no such trigger function at this point")
                .help("create the function before the trigger that calls it");
            if let Some(s) = &t.function.schema {
                if !self.schema.schemas.contains_key(s) {
                    d = d.help(self.missing_schema_help(s));
                }
            }
            self.error(d);
            return;
        }
        let trigger = Trigger {
            name: t.name.clone(),
            timing: t.timing,
            events: t.events.iter().map(|(e, cols)| if cols.is_empty() { e.clone() } else { format!("{e} of {}", cols.join(", ")) }).collect(),
            for_each_row: t.for_each_row,
            when: t.when.clone(),
            function: {
                let found = self.find_functions(&t.function);
                QualName::new(found.first().map(|f| f.0.clone()).or(t.function.schema.clone()).unwrap_or_else(|| "pg_catalog".into()), &t.function.name)
            },
            arguments: t.arguments.clone(),
            comment: None,
            span,
        };
        if self.schema.table(&q).is_none() {
            let view = self.schema.schemas.get_mut(&q.schema).and_then(|s| s.views.get_mut(&q.name)).expect("found as a view");
            view.triggers.retain(|x| x.name != t.name);
            view.triggers.push(trigger);
            view.triggers.sort_by(|a, b| a.name.cmp(&b.name));
            return;
        }
        let tbl = self.table_mut(&q).expect("table");
        if let Some(pos) = tbl.triggers.iter().position(|x| x.name == t.name) {
            if !t.or_replace {
                let prev = tbl.triggers[pos].span;
                let d = Diagnostic::error(codes::DUPLICATE_OBJECT, format!("trigger \"{}\" for relation \"{}\" already exists", t.name, q.name))
                    .at(span, "created again here")
                    .note_at(prev, "first created")
                    .help("drop it first (DROP TRIGGER IF EXISTS) or use CREATE OR REPLACE TRIGGER");
                self.error(d);
                return;
            }
            tbl.triggers[pos] = trigger;
        } else {
            tbl.triggers.push(trigger);
            tbl.triggers.sort_by(|a, b| a.name.cmp(&b.name));
        }
        tbl.changed.push(span);
    }
}
