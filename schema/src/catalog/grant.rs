//! Replay of GRANT, REVOKE and ALTER DEFAULT PRIVILEGES into the objects' ACLs (see
//! `ir::privileges`). An object the model does not have is a warning, not an error: it may
//! come from an extension's script or dynamic SQL the model cannot see.

use super::Catalog;
use crate::cmd::{
    DefaultPrivileges, Grant, GrantAction, GrantTarget, ObjName, PrivilegeSpec, RoutineKind,
    TypeRef,
};
use crate::diag::{codes, Diagnostic};
use crate::ir::{Acl, AclKind, Privilege, QualName};
use crate::span::Span;

/// The privileges of `specs` that apply to a whole object of `kind` (no column list).
fn object_privileges(specs: &[PrivilegeSpec], kind: AclKind) -> Vec<Privilege> {
    let mut out = vec![];
    for s in specs.iter().filter(|s| s.columns.is_empty()) {
        match s.privilege {
            Some(p) => out.push(p),
            None => out.extend_from_slice(Privilege::all(kind)),
        }
    }
    out
}

/// Apply `action` for `grantees` to one ACL.
fn apply(acl: &mut Acl, action: GrantAction, grantees: &[String], privileges: &[Privilege]) {
    match action {
        GrantAction::Grant => acl.grant(grantees, privileges),
        GrantAction::Revoke => acl.revoke(grantees, privileges),
        GrantAction::RevokeGrantOption => {}
    }
}

impl Catalog {
    pub(super) fn grant(&mut self, g: &Grant) {
        match &g.target {
            GrantTarget::Relations(names) => {
                for n in names {
                    self.grant_relation(n, g);
                }
            }
            GrantTarget::AllTablesIn(schemas) => {
                for (s, at) in schemas {
                    let Some(ns) = self.schema.schemas.get(s) else {
                        self.outside_model("GRANT", &format!("schema \"{s}\""), *at);
                        continue;
                    };
                    let tables: Vec<String> = ns.tables.keys().cloned().collect();
                    let views: Vec<String> = ns.views.keys().cloned().collect();
                    for t in tables {
                        self.grant_on_table(&QualName::new(s, &t), g);
                    }
                    for v in views {
                        self.grant_on_view(&QualName::new(s, &v), g);
                    }
                }
            }
            GrantTarget::Functions(list) => {
                for (n, args) in list {
                    self.grant_function(n, args, g);
                }
            }
            GrantTarget::AllFunctionsIn(schemas, which) => {
                for (s, at) in schemas {
                    self.grant_all_functions(s, *which, g, *at);
                }
            }
        }
    }

    fn grant_relation(&mut self, n: &ObjName, g: &Grant) {
        if let Some(q) = self.find_table(n) {
            self.grant_on_table(&q, g);
        } else if let Some(q) = self.find_view(n) {
            self.grant_on_view(&q, g);
        } else if self
            .find_in(n, |ns, name| ns.sequences.contains_key(name))
            .is_none()
        {
            self.outside_model("GRANT", &format!("relation \"{}\"", shown(n)), n.span);
        }
    }

    fn grant_on_table(&mut self, q: &QualName, g: &Grant) {
        let Some(t) = self.table_mut(q) else { return };
        let privileges = object_privileges(&g.privileges, AclKind::Tables);
        apply(&mut t.acl, g.action, &g.grantees, &privileges);
        // REVOKE on the table takes the same privilege from every column too.
        if g.action == GrantAction::Revoke {
            for acl in t.column_acl.values_mut() {
                acl.revoke(&g.grantees, &privileges);
            }
            t.column_acl.retain(|_, acl| !acl.is_empty());
        }
        for s in g.privileges.iter().filter(|s| !s.columns.is_empty()) {
            let privileges = match s.privilege {
                Some(p) => vec![p],
                None => {
                    use Privilege::*;
                    vec![Select, Insert, Update, References]
                }
            };
            for c in &s.columns {
                let acl = t.column_acl.entry(c.clone()).or_default();
                apply(acl, g.action, &g.grantees, &privileges);
            }
            t.column_acl.retain(|_, acl| !acl.is_empty());
        }
    }

    fn grant_on_view(&mut self, q: &QualName, g: &Grant) {
        let privileges = object_privileges(&g.privileges, AclKind::Tables);
        if let Some(v) = self.view_mut(q) {
            apply(&mut v.acl, g.action, &g.grantees, &privileges);
        }
    }

    fn grant_function(&mut self, n: &ObjName, args: &Option<Vec<TypeRef>>, g: &Grant) {
        let found = self.match_overloads(n, args);
        if found.is_empty() {
            self.outside_model("GRANT", &format!("function \"{}\"", shown(n)), n.span);
            return;
        }
        // Without an argument list PostgreSQL needs the name to be unique; with several
        // overloads it refuses, and the model takes none of them.
        if found.len() > 1 {
            return;
        }
        let privileges = object_privileges(&g.privileges, AclKind::Functions);
        for (s, i) in found {
            if let Some(f) = self.overloads_mut(&s, &n.name).and_then(|fs| fs.get_mut(i)) {
                apply(&mut f.acl, g.action, &g.grantees, &privileges);
            }
        }
    }

    fn grant_all_functions(&mut self, schema: &str, which: RoutineKind, g: &Grant, at: Span) {
        let privileges = object_privileges(&g.privileges, AclKind::Functions);
        let Some(ns) = self.namespace_mut(schema) else {
            self.outside_model("GRANT", &format!("schema \"{schema}\""), at);
            return;
        };
        for f in ns.functions.values_mut().flatten() {
            let taken = match which {
                RoutineKind::Functions => !f.procedure,
                RoutineKind::Procedures => f.procedure,
                RoutineKind::Routines => true,
            };
            if taken {
                apply(&mut f.acl, g.action, &g.grantees, &privileges);
            }
        }
    }

    pub(super) fn default_privileges(&mut self, d: &DefaultPrivileges) {
        if !d.for_roles.is_empty() && !d.for_roles.iter().any(|r| self.runs_as(r)) {
            return;
        }
        let privileges = object_privileges(&d.privileges, d.kind);
        let schemas: Vec<Option<&str>> = match d.schemas.is_empty() {
            true => vec![None],
            false => d.schemas.iter().map(|s| Some(s.as_str())).collect(),
        };
        for s in schemas {
            let acl = self.schema.default_privileges.entry(s, d.kind);
            apply(acl, d.action, &d.grantees, &privileges);
        }
    }

    /// Whether the migrations run as `role`: on Supabase they run as `postgres`; elsewhere the
    /// role is not known, and a `FOR ROLE` is taken to name it.
    fn runs_as(&self, role: &str) -> bool {
        !self.supabase() || role == "postgres"
    }

    fn outside_model(&mut self, statement: &str, what: &str, span: Span) {
        if self.builtin() {
            return;
        }
        self.diagnostics.push(
            Diagnostic::warning(
                codes::NOT_MODELLED,
                format!("{statement} on {what}, which the model does not have"),
            )
            .at(span, "not in the model at this point")
            .note("its privileges are not modelled: it may come from an extension or from dynamic SQL; PostgreSQL refuses the statement if it does not exist"),
        );
    }
}

fn shown(n: &ObjName) -> String {
    match &n.schema {
        Some(s) => format!("{s}.{}", n.name),
        None => n.name.clone(),
    }
}
