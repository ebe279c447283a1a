//! What an error means for what follows. An allowed error (`-- pgforge: allow E0301`) is a
//! note and the statement goes on as PostgreSQL would run it. A CREATE that PostgreSQL
//! refuses creates nothing, so later "does not exist" errors about that object only follow
//! from the first one: one root cause, one error — the later ones are notes pointing at it.

use super::Catalog;
use crate::allow::{self, Allowed};
use crate::cmd::Cmd;
use crate::diag::{codes, Diagnostic, Severity};
use crate::span::Span;

/// Errors that say an object is missing: the ones a refused CREATE causes.
const MISSING: &[&str] = &[
    codes::UNKNOWN_SCHEMA,
    codes::UNKNOWN_TYPE,
    codes::UNKNOWN_RELATION,
    codes::UNKNOWN_FUNCTION,
    codes::UNKNOWN_OBJECT,
];

impl Catalog {
    /// The codes the next statement allows (its comments and `pgforge.toml`).
    pub fn allow_in_statement(&mut self, allowed: Allowed) {
        self.allowed = allowed;
    }

    /// Report an error: skipped in a guarded statement (PostgreSQL skips it too), a note when
    /// allowed (then `true`: carry on as PostgreSQL would) or when it follows from an earlier
    /// refused CREATE.
    pub(super) fn error(&mut self, mut d: Diagnostic) -> bool {
        if self.guarded {
            return false;
        }
        if let Some(why) = self.allowed.code(d.code).map(str::to_string) {
            allow::downgrade(&mut d, &why);
            self.diagnostics.push(d);
            return true;
        }
        if let Some(root) = self.refused_root(&d) {
            d.severity = Severity::Note;
            d.located.push((
                root,
                "follows from the error in the statement that would have created it".into(),
            ));
        } else {
            self.errors += 1;
            self.duplicate |= d.code == codes::DUPLICATE_OBJECT;
        }
        self.diagnostics.push(d);
        false
    }

    /// After a statement: if it reported an error and would have created an object, remember
    /// the object as refused — unless the error was that it already exists (then it does).
    pub(super) fn remember_refused(&mut self, cmd: &Cmd, span: Span, errors_before: usize) {
        let duplicate = std::mem::take(&mut self.duplicate);
        if self.errors > errors_before && !duplicate {
            if let Some(name) = created_name(cmd) {
                self.refused.push((name.to_string(), span));
            }
        }
    }

    /// The refused CREATE a "does not exist" error is about, if any.
    fn refused_root(&self, d: &Diagnostic) -> Option<Span> {
        if !MISSING.contains(&d.code) {
            return None;
        }
        self.refused
            .iter()
            .rev()
            .find(|(name, _)| mentions(&d.message, name))
            .map(|(_, span)| *span)
    }
}

/// The name of the object a statement creates.
fn created_name(cmd: &Cmd) -> Option<&str> {
    match cmd {
        Cmd::CreateSchema { name, .. } => Some(name),
        Cmd::CreateTable(t) => Some(&t.name.name),
        Cmd::CreateView(v) => Some(&v.name.name),
        Cmd::CreateIndex(i) => i.name.as_deref(),
        Cmd::CreateType { name, .. }
        | Cmd::CreateDomain { name, .. }
        | Cmd::CreateSequence { name, .. } => Some(&name.name),
        Cmd::CreateFunction(f) => Some(&f.name.name),
        _ => None,
    }
}

/// Whether `message` names `name` as a whole word (`relation "v" does not exist`,
/// `function public.f(integer) does not exist`).
fn mentions(message: &str, name: &str) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    message.match_indices(name).any(|(i, _)| {
        let before = message[..i].chars().next_back();
        let after = message[i + name.len()..].chars().next();
        !before.is_some_and(word) && !after.is_some_and(word)
    })
}

#[cfg(test)]
mod tests {
    use super::mentions;

    #[test]
    fn names_are_matched_as_whole_words() {
        assert!(mentions("relation \"v\" does not exist", "v"));
        assert!(mentions("function public.f(integer) does not exist", "f"));
        assert!(!mentions("relation \"vv\" does not exist", "v"));
    }
}
