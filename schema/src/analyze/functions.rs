//! Overload candidates for a function or operator name: PostgreSQL's built-ins (and those of
//! installed extensions) from the data, and the functions the migrations create.

use super::builtins::{Func, Oper, BUILTINS};
use super::resolve::Candidate;
use super::types::{from_key, same_type};
use super::Analyzer;
use crate::cmd::ObjName;
use crate::ir::{ArgMode, Function, PgType, Returns};
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

/// An overload's declared inputs, as the candidate list needs them.
struct Declared {
    args: Vec<PgType>,
    defaults: usize,
    variadic: bool,
}

impl Declared {
    /// The argument types for a call with `n` arguments, if this overload takes that many.
    fn expand(&self, n: usize, variadic_call: bool) -> Option<Vec<PgType>> {
        let len = self.args.len();
        if self.variadic && !variadic_call && len > 0 {
            let fixed = len - 1;
            if n > fixed {
                let elem = variadic_element(&self.args[fixed]);
                let mut v = self.args[..fixed].to_vec();
                v.extend(std::iter::repeat_n(elem, n - fixed));
                return Some(v);
            }
        }
        if n == len {
            return Some(self.args.clone());
        }
        (n < len && len - n <= self.defaults).then(|| self.args[..n].to_vec())
    }
}

fn variadic_element(t: &PgType) -> PgType {
    match t {
        PgType::Array { element, .. } => (**element).clone(),
        PgType::Pseudo { type_name } if type_name == "anyarray" => pseudo("anyelement"),
        PgType::Pseudo { type_name } if type_name == "anycompatiblearray" => {
            pseudo("anycompatible")
        }
        t => t.clone(),
    }
}

fn pseudo(n: &str) -> PgType {
    PgType::Pseudo {
        type_name: n.into(),
    }
}

fn builtin_candidate(f: &Func, args: Vec<PgType>) -> Candidate {
    Candidate {
        args,
        result: from_key(f.result),
        set_returning: f.set_returning,
        strict: f.strict,
        kind: f.kind,
        out: f.out().map(|(n, t)| (n.to_string(), from_key(t))).collect(),
        volatility: Some(f.volatility),
    }
}

fn user_candidate(f: &Function, args: Vec<PgType>) -> Candidate {
    let outs: Vec<(String, PgType)> = f
        .args
        .iter()
        .filter(|a| matches!(a.mode, ArgMode::Out | ArgMode::InOut))
        .map(|a| (a.name.clone().unwrap_or_default(), a.ty.clone()))
        .collect();
    let (result, set_returning, out) = match &f.returns {
        Returns::None => (pseudo("void"), false, vec![]),
        Returns::Type { ty, setof } => (
            ty.clone(),
            *setof,
            if outs.len() > 1 { outs } else { vec![] },
        ),
        Returns::Table { columns } => (
            pseudo("record"),
            true,
            columns
                .iter()
                .map(|c| (c.name.clone(), c.ty.clone()))
                .collect(),
        ),
    };
    Candidate {
        args,
        result,
        set_returning,
        strict: f.strict,
        kind: 'f',
        out,
        volatility: None,
    }
}

impl Analyzer<'_> {
    /// Every overload of `name` that takes `n` arguments, expanded to that arity.
    pub fn function_candidates(
        &self,
        name: &ObjName,
        n: usize,
        variadic_call: bool,
    ) -> Vec<Candidate> {
        let mut out: Vec<Candidate> = vec![];
        // An overload hidden by an earlier one with the same argument types is no candidate.
        let mut push = |c: Candidate, _: &mut ()| {
            let same = |o: &Candidate| {
                o.args.len() == c.args.len()
                    && o.args.iter().zip(&c.args).all(|(a, b)| same_type(a, b))
            };
            if !out.iter().any(same) {
                out.push(c);
            }
        };
        let seen = &mut ();
        for s in self.schemas_for(&name.schema) {
            for (f, declared, template) in typed_functions(&name.name).iter() {
                let visible = match f.origin {
                    None => s == "pg_catalog",
                    Some(e) => self.schema.extensions.get(e).is_some_and(|x| x.schema == s),
                };
                if let Some(args) = visible.then(|| declared.expand(n, variadic_call)).flatten() {
                    push(template.with_args(args), seen);
                }
            }
            if s == "pg_catalog" {
                continue;
            }
            let Some(ns) = self.schema.schemas.get(s) else {
                continue;
            };
            for a in ns.aggregates.get(&name.name).into_iter().flatten() {
                let d = Declared {
                    args: a.args.clone(),
                    defaults: 0,
                    variadic: false,
                };
                if let (Some(args), Some(result)) = (d.expand(n, variadic_call), &a.result) {
                    push(aggregate_candidate(args, result.clone()), seen);
                }
            }
            for f in ns.functions.get(&name.name).into_iter().flatten() {
                if f.procedure {
                    continue;
                }
                if let Some(args) = declared_user(f).expand(n, variadic_call) {
                    push(user_candidate(f, args), seen);
                }
            }
        }
        out
    }

    /// The declared input types of every overload of `name` visible from here (built-in,
    /// extension, user function or aggregate), whatever their arity.
    pub fn all_overloads(&self, name: &ObjName) -> Vec<Vec<PgType>> {
        let mut out = vec![];
        for s in self.schemas_for(&name.schema) {
            let builtins: Vec<&Func> = if s == "pg_catalog" {
                BUILTINS
                    .funcs(&name.name)
                    .iter()
                    .filter(|f| f.origin.is_none())
                    .collect()
            } else {
                self.extension_functions(s, &name.name)
            };
            out.extend(builtins.iter().map(|f| declared_builtin(f).args));
            let Some(ns) = self.schema.schemas.get(s) else {
                continue;
            };
            out.extend(
                ns.aggregates
                    .get(&name.name)
                    .into_iter()
                    .flatten()
                    .map(|a| a.args.clone()),
            );
            out.extend(
                ns.functions
                    .get(&name.name)
                    .into_iter()
                    .flatten()
                    .filter(|f| !f.procedure)
                    .map(|f| declared_user(f).args),
            );
        }
        out
    }

    /// Whether some overload of `name` visible here is variadic (a named call may reach it in
    /// ways `named_candidates` does not follow).
    pub fn has_variadic_overload(&self, name: &ObjName) -> bool {
        let builtin = BUILTINS.funcs(&name.name).iter();
        let own = self.schemas_for(&name.schema).into_iter().filter_map(|s| {
            let fs = self.schema.schemas.get(s)?.functions.get(&name.name)?;
            Some(
                fs.iter()
                    .any(|f| f.args.iter().any(|a| a.mode == ArgMode::Variadic)),
            )
        });
        builtin.clone().any(|f| f.variadic) || own.into_iter().any(|v| v)
    }

    /// The migrations' overloads of `name` that a call in named notation (`f(a => 1)`, after
    /// any positional arguments) fits, their argument types put in the call's order: every
    /// name is a parameter's, no parameter is given twice, and those not given have defaults.
    pub fn named_candidates(&self, name: &ObjName, arg_names: &[Option<String>]) -> Vec<Candidate> {
        let mut out = vec![];
        for s in self.schemas_for(&name.schema) {
            for (f, declared, template) in typed_functions(&name.name).iter() {
                let visible = match f.origin {
                    None => s == "pg_catalog",
                    Some(e) => self.schema.extensions.get(e).is_some_and(|x| x.schema == s),
                };
                let params: Vec<(Option<&str>, bool)> = (0..declared.args.len())
                    .map(|i| {
                        let n = f.arg_name(i);
                        (n, i + declared.defaults >= declared.args.len())
                    })
                    .collect();
                if visible && !f.variadic {
                    if let Some(order) = named_positions(&params, arg_names) {
                        let args = order.iter().map(|&i| declared.args[i].clone()).collect();
                        out.push(template.with_args(args));
                    }
                }
            }
            let Some(ns) = self.schema.schemas.get(s) else {
                continue;
            };
            for f in ns
                .functions
                .get(&name.name)
                .into_iter()
                .flatten()
                .filter(|f| !f.procedure)
            {
                if let Some(args) = named_order(f, arg_names) {
                    out.push(user_candidate(f, args));
                }
            }
        }
        out
    }

    /// Functions an installed extension created in schema `s`.
    fn extension_functions(&self, s: &str, name: &str) -> Vec<&'static Func> {
        BUILTINS
            .funcs(name)
            .iter()
            .filter(|f| {
                f.origin
                    .and_then(|e| self.schema.extensions.get(e))
                    .is_some_and(|x| x.schema == s)
            })
            .collect()
    }

    /// The operators named `op` with a left operand (binary) or without (prefix).
    /// The operators named `op` (built-in, and of installed extensions), typed once per
    /// process: filter them with `operator_candidates`.
    pub fn operators(&self, op: &str) -> Arc<TypedOperators> {
        typed_operators(op)
    }

    /// The prefix (`binary` false) or binary operators among `all` that are installed: borrowed,
    /// since only the chosen one is kept.
    pub fn operator_candidates<'o>(
        &self,
        all: &'o TypedOperators,
        binary: bool,
    ) -> Vec<&'o Candidate> {
        all.iter()
            .filter(|(o, _)| o.left.is_some() == binary)
            .filter(|(o, _)| {
                o.origin
                    .is_none_or(|e| self.schema.extensions.contains_key(e))
            })
            .map(|(_, c)| c)
            .collect()
    }
}

type TypedFunctions = Vec<(&'static Func, Declared, Candidate)>;
pub type TypedOperators = Vec<(&'static Oper, Candidate)>;

/// The built-in overloads of one name with their types converted from the data once per
/// process, on first use (converting all of them up front would cost every run).
fn typed_functions(name: &str) -> Arc<TypedFunctions> {
    static CACHE: Cache<TypedFunctions> = LazyLock::new(Default::default);
    cached(&CACHE, name, || {
        let funcs = BUILTINS.funcs(name).iter();
        funcs
            .map(|f| (f, declared_builtin(f), builtin_candidate(f, vec![])))
            .collect()
    })
}

fn typed_operators(name: &str) -> Arc<TypedOperators> {
    static CACHE: Cache<TypedOperators> = LazyLock::new(Default::default);
    cached(&CACHE, name, || {
        let opers = BUILTINS.opers(name).iter();
        opers.map(|o| (o, operator_candidate(o))).collect()
    })
}

type Cache<T> = LazyLock<Mutex<HashMap<String, Arc<T>>>>;

fn cached<T>(cache: &Cache<T>, name: &str, build: impl FnOnce() -> T) -> Arc<T> {
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(found) = map.get(name) {
        return found.clone();
    }
    map.entry(name.to_string())
        .or_insert_with(|| Arc::new(build()))
        .clone()
}

fn aggregate_candidate(args: Vec<PgType>, result: PgType) -> Candidate {
    Candidate {
        args,
        result,
        set_returning: false,
        strict: false,
        kind: 'a',
        out: vec![],
        volatility: None,
    }
}

fn operator_candidate(o: &Oper) -> Candidate {
    let mut args: Vec<PgType> = o.left.map(from_key).into_iter().collect();
    args.push(from_key(o.right));
    Candidate {
        args,
        result: from_key(o.result),
        set_returning: false,
        strict: o.strict,
        kind: 'o',
        out: vec![],
        volatility: Some(o.volatility),
    }
}

fn declared_builtin(f: &Func) -> Declared {
    Declared {
        args: f.args().map(from_key).collect(),
        defaults: f.defaults,
        variadic: f.variadic,
    }
}

/// The declared types of `f`'s inputs in the order a named-notation call gives them.
fn named_order(f: &Function, arg_names: &[Option<String>]) -> Option<Vec<PgType>> {
    let ins: Vec<&crate::ir::Arg> = f.args.iter().filter(|a| a.mode != ArgMode::Out).collect();
    if ins.iter().any(|a| a.mode == ArgMode::Variadic) {
        return None;
    }
    let params: Vec<(Option<&str>, bool)> = ins
        .iter()
        .map(|a| (a.name.as_deref(), a.default.is_some()))
        .collect();
    let order = named_positions(&params, arg_names)?;
    Some(order.iter().map(|&i| ins[i].ty.clone()).collect())
}

/// For a call in named notation (positional arguments first), the parameter each argument
/// fills: every name is a parameter's, none is given twice, the others have defaults.
/// `params`: (name, has a default) per input parameter.
fn named_positions(
    params: &[(Option<&str>, bool)],
    arg_names: &[Option<String>],
) -> Option<Vec<usize>> {
    let mut used = vec![false; params.len()];
    let mut out = vec![];
    for (i, n) in arg_names.iter().enumerate() {
        let at = match n {
            None => i,
            Some(n) => params.iter().position(|(p, _)| *p == Some(n.as_str()))?,
        };
        if at >= params.len() || used[at] {
            return None;
        }
        used[at] = true;
        out.push(at);
    }
    let covered = params.iter().zip(&used).all(|((_, d), u)| *u || *d);
    covered.then_some(out)
}

fn declared_user(f: &Function) -> Declared {
    let ins: Vec<&crate::ir::Arg> = f.args.iter().filter(|a| a.mode != ArgMode::Out).collect();
    Declared {
        args: ins.iter().map(|a| a.ty.clone()).collect(),
        defaults: ins.iter().rev().take_while(|a| a.default.is_some()).count(),
        variadic: ins.last().is_some_and(|a| a.mode == ArgMode::Variadic),
    }
}
