//! The advisor's rules that read privileges (GRANT / REVOKE / ALTER DEFAULT PRIVILEGES, as
//! replayed into the model): which roles may select a table or execute a function.

use super::scope::{exposed, own, selectable_through_api};
use super::{Context, Hit, Level, Rule};
use crate::ir::{Function, Privilege, TableKind};

pub(super) const RULES: &[Rule] = &[
    Rule {
        name: "sensitive_columns_exposed",
        level: Level::Error,
        category: "security",
        description: "A table the API exposes without RLS, readable by anon or authenticated, has columns whose names mark credentials or personal data (password, token, ssn, credit_card, …): anyone with the API key can read them.",
        supabase_only: true,
        check: sensitive_columns_exposed,
    },
    Rule {
        name: "anon_security_definer_function_executable",
        level: Level::Warn,
        category: "security",
        description: "A SECURITY DEFINER function runs with its owner's rights and bypasses RLS; if anon may execute it, anyone with the public anon key can call it through /rest/v1/rpc.",
        supabase_only: true,
        check: anon_security_definer_function_executable,
    },
    Rule {
        name: "authenticated_security_definer_function_executable",
        level: Level::Warn,
        category: "security",
        description: "A SECURITY DEFINER function runs with its owner's rights and bypasses RLS; if authenticated may execute it, any signed-up user can call it through /rest/v1/rpc.",
        supabase_only: true,
        check: authenticated_security_definer_function_executable,
    },
];

/// Column names the advisor treats as sensitive (compared lower-cased, `-` read as `_`).
const SENSITIVE: &[&str] = &[
    "password",
    "passwd",
    "pwd",
    "passphrase",
    "secret",
    "secret_key",
    "private_key",
    "api_key",
    "apikey",
    "auth_key",
    "token",
    "jwt",
    "access_token",
    "refresh_token",
    "oauth_token",
    "session_token",
    "bearer_token",
    "auth_code",
    "session_id",
    "session_key",
    "session_secret",
    "recovery_code",
    "backup_code",
    "verification_code",
    "otp",
    "two_factor",
    "2fa_secret",
    "2fa_code",
    "ssn",
    "social_security",
    "social_security_number",
    "driver_license",
    "drivers_license",
    "license_number",
    "passport_number",
    "passport_id",
    "national_id",
    "tax_id",
    "credit_card",
    "card_number",
    "cvv",
    "cvc",
    "cvn",
    "bank_account",
    "account_number",
    "routing_number",
    "iban",
    "swift_code",
    "bic",
    "health_record",
    "medical_record",
    "patient_id",
    "insurance_number",
    "health_insurance",
    "medical_insurance",
    "treatment",
    "mac_address",
    "macaddr",
    "imei",
    "device_uuid",
    "pgp_key",
    "gpg_key",
    "ssh_key",
    "certificate",
    "license_key",
    "activation_key",
    "facial_recognition",
];

fn sensitive_columns_exposed(cx: &Context, out: &mut Vec<Hit>) {
    for ns in exposed(cx).filter(|ns| own(cx).any(|o| o.name == ns.name)) {
        for t in ns.tables.values().filter(|t| {
            !t.builtin
                && t.kind == TableKind::Ordinary
                && !t.rls_enabled
                && selectable_through_api(&t.acl)
        }) {
            let mut columns: Vec<&str> = t
                .columns
                .iter()
                .map(|c| c.name.as_str())
                .filter(|c| SENSITIVE.contains(&c.to_lowercase().replace('-', "_").as_str()))
                .collect();
            if columns.is_empty() {
                continue;
            }
            columns.sort();
            let q = format!("{}.{}", t.schema, t.name);
            out.push(Hit {
                span: t.span,
                object: q.clone(),
                label: "readable through the API without RLS".into(),
                message: format!(
                    "table `{q}` is exposed through the API without RLS and has sensitive column(s): {}",
                    columns.join(", ")
                ),
                fix: format!("alter table {q} enable row level security; and add policies, or revoke select on {q} from anon, authenticated (or move the columns to a schema the API does not expose)"),
            });
        }
    }
}

fn anon_security_definer_function_executable(cx: &Context, out: &mut Vec<Hit>) {
    definer_functions_executable_by("anon", "any caller with the anon key", cx, out)
}

fn authenticated_security_definer_function_executable(cx: &Context, out: &mut Vec<Hit>) {
    definer_functions_executable_by("authenticated", "any signed-up user", cx, out)
}

/// SECURITY DEFINER functions outside Supabase's schemas that `role` may execute (itself or
/// through PUBLIC, which every function grants EXECUTE to unless revoked).
fn definer_functions_executable_by(role: &str, who: &str, cx: &Context, out: &mut Vec<Hit>) {
    for ns in own(cx) {
        let functions = ns.functions.values().flatten();
        for f in functions
            .filter(|f| !f.builtin && f.security_definer && f.acl.allows(role, Privilege::Execute))
        {
            let sig = identity(f);
            out.push(Hit {
                span: f.span,
                object: sig.clone(),
                label: format!("SECURITY DEFINER, executable by {role}"),
                message: format!(
                    "SECURITY DEFINER function `{sig}` is executable by the `{role}` role: {who} can call it through /rest/v1/rpc/{}, bypassing RLS",
                    f.name
                ),
                fix: format!("revoke execute on function {sig} from public, {role}; (PUBLIC holds EXECUTE on every new function unless revoked) — or make it SECURITY INVOKER"),
            });
        }
    }
}

/// `schema.name(argument types)`, as `pg_get_function_identity_arguments` lists the types.
fn identity(f: &Function) -> String {
    format!("{}.{}", f.schema, f.signature())
}
