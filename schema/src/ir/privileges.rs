//! Privileges: who may do what with a table, view or function (`GRANT` / `REVOKE`), and what
//! new objects get (`ALTER DEFAULT PRIVILEGES`), kept as PostgreSQL keeps them in `aclitem`
//! lists. Roles are names (`public` is PUBLIC); the owner's own rights are not listed, and
//! role membership is not followed (`GRANT role TO role` is not modelled).

use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One privilege, as `GRANT` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Privilege {
    Select,
    Insert,
    Update,
    Delete,
    Truncate,
    References,
    Trigger,
    Maintain,
    Execute,
    Usage,
    Create,
}

impl Privilege {
    /// A privilege keyword, lower case (`select`); `None` for one the model does not keep
    /// (`connect`, `temporary`, `set`, `alter system`).
    pub fn parse(word: &str) -> Option<Privilege> {
        Some(match word {
            "select" => Privilege::Select,
            "insert" => Privilege::Insert,
            "update" => Privilege::Update,
            "delete" => Privilege::Delete,
            "truncate" => Privilege::Truncate,
            "references" => Privilege::References,
            "trigger" => Privilege::Trigger,
            "maintain" => Privilege::Maintain,
            "execute" => Privilege::Execute,
            "usage" => Privilege::Usage,
            "create" => Privilege::Create,
            _ => return None,
        })
    }

    /// What `ALL [PRIVILEGES]` means on objects of `kind` (PostgreSQL 17+: tables include
    /// MAINTAIN).
    pub fn all(kind: AclKind) -> &'static [Privilege] {
        use Privilege::*;
        match kind {
            AclKind::Tables => &[
                Select, Insert, Update, Delete, Truncate, References, Trigger, Maintain,
            ],
            AclKind::Functions => &[Execute],
            AclKind::Sequences => &[Usage, Select, Update],
            AclKind::Types => &[Usage],
            AclKind::Schemas => &[Usage, Create],
        }
    }
}

/// The kinds of object privileges are kept for, as `ALTER DEFAULT PRIVILEGES … ON` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AclKind {
    /// Tables, views, materialized views, foreign tables.
    Tables,
    /// Functions, procedures, aggregates.
    Functions,
    Sequences,
    Types,
    Schemas,
}

/// Grantee → privileges.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Acl(pub BTreeMap<String, BTreeSet<Privilege>>);

impl Acl {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn grant(&mut self, roles: &[String], privileges: &[Privilege]) {
        for r in roles {
            self.0
                .entry(r.clone())
                .or_default()
                .extend(privileges.iter().copied());
        }
    }

    pub fn revoke(&mut self, roles: &[String], privileges: &[Privilege]) {
        for r in roles {
            if let Some(set) = self.0.get_mut(r) {
                privileges.iter().for_each(|p| {
                    set.remove(p);
                });
                if set.is_empty() {
                    self.0.remove(r);
                }
            }
        }
    }

    /// Whether `role` holds `privilege`, itself or through PUBLIC (as `has_table_privilege`
    /// and `has_function_privilege` answer for a role that is not the owner, a superuser or a
    /// member of another grantee).
    pub fn allows(&self, role: &str, privilege: Privilege) -> bool {
        [role, "public"]
            .iter()
            .any(|r| self.0.get(*r).is_some_and(|s| s.contains(&privilege)))
    }

    fn union(mut self, other: &Acl) -> Acl {
        for (r, ps) in &other.0 {
            self.0.entry(r.clone()).or_default().extend(ps);
        }
        self
    }
}

/// `ALTER DEFAULT PRIVILEGES` of the role the migrations run as.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DefaultPrivileges {
    /// For every schema (no `IN SCHEMA`), by kind; PostgreSQL's built-in default where absent.
    pub global: BTreeMap<AclKind, Acl>,
    /// For one schema: these only add to the global ones, as PostgreSQL documents.
    pub per_schema: BTreeMap<String, BTreeMap<AclKind, Acl>>,
}

impl DefaultPrivileges {
    /// PostgreSQL's built-in default for non-owners: EXECUTE on functions and USAGE on types
    /// to PUBLIC, nothing on the rest.
    pub fn builtin(kind: AclKind) -> Acl {
        let public = |p: Privilege| Acl(BTreeMap::from([("public".into(), BTreeSet::from([p]))]));
        match kind {
            AclKind::Functions => public(Privilege::Execute),
            AclKind::Types => public(Privilege::Usage),
            _ => Acl::default(),
        }
    }

    /// The privileges a new object of `kind` in `schema` starts with.
    pub fn for_new(&self, schema: &str, kind: AclKind) -> Acl {
        let global = self
            .global
            .get(&kind)
            .cloned()
            .unwrap_or_else(|| Self::builtin(kind));
        match self.per_schema.get(schema).and_then(|m| m.get(&kind)) {
            Some(extra) => global.union(extra),
            None => global,
        }
    }

    /// The entry `ALTER DEFAULT PRIVILEGES [IN SCHEMA s]` changes (a global entry starts from
    /// the built-in default, a per-schema one from nothing).
    pub fn entry(&mut self, schema: Option<&str>, kind: AclKind) -> &mut Acl {
        match schema {
            None => self
                .global
                .entry(kind)
                .or_insert_with(|| Self::builtin(kind)),
            Some(s) => self
                .per_schema
                .entry(s.to_string())
                .or_default()
                .entry(kind)
                .or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(r: &[&str]) -> Vec<String> {
        r.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn per_schema_defaults_add_to_the_global_ones() {
        let mut d = DefaultPrivileges::default();
        let f = AclKind::Functions;
        assert!(d.for_new("public", f).allows("anon", Privilege::Execute));
        // Revoking in one schema takes nothing the global default gives.
        d.entry(Some("public"), f)
            .revoke(&roles(&["public"]), &[Privilege::Execute]);
        assert!(d.for_new("public", f).allows("anon", Privilege::Execute));
        d.entry(None, f)
            .revoke(&roles(&["public"]), &[Privilege::Execute]);
        assert!(!d.for_new("public", f).allows("anon", Privilege::Execute));
        d.entry(Some("api"), f)
            .grant(&roles(&["anon"]), &[Privilege::Execute]);
        assert!(d.for_new("api", f).allows("anon", Privilege::Execute));
        assert!(!d
            .for_new("api", f)
            .allows("authenticated", Privilege::Execute));
        assert!(!d.for_new("public", f).allows("anon", Privilege::Execute));
    }
}
