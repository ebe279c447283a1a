//! `pgforge lint`: one fixture per rule (`tests/fixtures/lint/<rule>/input.sql`, cut into
//! migration files at `-- file: NAME` lines), with statements that must trigger it and near
//! misses that must not. The findings of every rule
//! are the case's `expected.txt`; the case's own rule must be among them.

use integration_tests::{case_name, cases, check_each, expect_file};

/// A rule fixture's model: `input.sql`, cut into migration files at `-- file: NAME` lines
/// (the first part is `<case>.sql`), Supabase on when it starts with `-- options: supabase`.
fn fixture_build(dir: &std::path::Path) -> schema::Build {
    let sql = std::fs::read_to_string(dir.join("input.sql")).expect("read input.sql");
    let supabase = sql.starts_with("-- options: supabase");
    let mut files = vec![(format!("{}.sql", case_name(dir)), String::new())];
    for line in sql.lines() {
        match line.strip_prefix("-- file: ") {
            Some(name) => files.push((name.trim().to_string(), String::new())),
            None => {
                let text = &mut files.last_mut().unwrap().1;
                text.push_str(line);
                text.push('\n');
            }
        }
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let options = schema::Options {
        supabase: Some(supabase),
        ..Default::default()
    };
    schema::build_sql(&files, &options)
}

fn findings(dir: &std::path::Path) -> String {
    let b = fixture_build(dir);
    assert!(!b.has_errors(), "{}", b.render(false));
    let exposed = ["public".to_string(), "graphql_public".to_string()];
    schema::lint::lint(&b.schema, &exposed, b.supabase)
        .iter()
        .map(|f| schema::diag::render_short(&f.diagnostic, &b.sources) + "\n")
        .collect()
}

#[test]
fn every_rule_has_a_fixture_that_triggers_it() {
    let cases = cases("lint");
    for rule in schema::lint::rules() {
        assert!(
            cases.iter().any(|c| case_name(c) == rule.name),
            "no fixture for {}",
            rule.name
        );
    }
    check_each(
        &cases,
        |c| case_name(c),
        |dir| {
            let out = findings(dir);
            let own = format!("[{}]", case_name(dir));
            assert!(
                out.contains(&own),
                "the fixture does not trigger its rule:\n{out}"
            );
            expect_file(&dir.join("expected.txt"), &out);
        },
    );
}

/// The findings on every corpus case, as golden files (`tests/fixtures/corpus/<case>/lint.txt`),
/// so a rule's change shows case by case in review.
#[test]
fn corpus_findings() {
    let Some(corpus) = integration_tests::corpus() else {
        return;
    };
    check_each(
        &integration_tests::corpus_cases_without_errors(),
        |c| c.clone(),
        |case| {
            let dir = corpus.join(case);
            let options = integration_tests::case_options(case);
            let b = schema::build_path(&dir, &options);
            let exposed = codegen::config::supabase_api_schemas(&dir)
                .unwrap_or_else(|| vec!["public".into(), "graphql_public".into()]);
            let shown = schema::load::display(&dir);
            let out: String = schema::lint::lint(&b.schema, &exposed, b.supabase)
                .iter()
                .map(|f| {
                    schema::diag::render_short(&f.diagnostic, &b.sources)
                        .replace(&shown, "<corpus>")
                        + "\n"
                })
                .collect();
            let golden =
                integration_tests::root().join(format!("tests/fixtures/corpus/{case}/lint.txt"));
            expect_file(&golden, &out);
        },
    );
}

/// `lint --format sarif` of every rule fixture and every corpus case is valid SARIF 2.1.0 by
/// the schema itself (ajv, `tests/js/validate-sarif.mjs`), with one result per finding, each
/// at a place, and every rule described.
#[test]
fn sarif_is_valid_sarif_2_1_0() {
    let dir = std::env::temp_dir().join(format!("pgforge-sarif-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut builds: Vec<(String, schema::Build)> = cases("lint")
        .iter()
        .map(|c| (case_name(c), fixture_build(c)))
        .collect();
    if let Some(corpus) = integration_tests::corpus() {
        for case in integration_tests::corpus_cases_without_errors() {
            let options = integration_tests::case_options(&case);
            builds.push((
                case.clone(),
                schema::build_path(&corpus.join(&case), &options),
            ));
        }
    }
    let exposed = ["public".to_string(), "graphql_public".to_string()];
    let mut files = vec![];
    for (name, b) in &builds {
        let findings = schema::lint::lint(&b.schema, &exposed, b.supabase);
        let log: serde_json::Value =
            serde_json::from_str(&codegen::cli::sarif::sarif(b, &findings)).unwrap();
        let run = &log["runs"][0];
        assert_eq!(
            run["tool"]["driver"]["rules"].as_array().unwrap().len(),
            schema::lint::rules().len()
        );
        let results = run["results"].as_array().unwrap();
        assert_eq!(results.len(), findings.len(), "{name}");
        assert!(
            results.iter().all(
                |r| r["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64()
                    >= Some(1)
            ),
            "{name}"
        );
        let file = dir.join(format!("{name}.sarif"));
        std::fs::write(&file, log.to_string()).unwrap();
        files.push(file);
    }
    let js = integration_tests::root().join("tests/js/node_modules");
    if !js.join("@microsoft/jest-sarif").is_dir() || !js.join("ajv").is_dir() {
        assert!(
            !integration_tests::required("PGFORGE_REQUIRE_NODE"),
            "PGFORGE_REQUIRE_NODE is set but tests/js/node_modules is missing"
        );
        integration_tests::skip(
            "the schema check needs tests/js/node_modules (npm ci in tests/js)",
        );
        return;
    }
    let out = std::process::Command::new("node")
        .arg(integration_tests::root().join("tests/js/validate-sarif.mjs"))
        .args(&files)
        .output()
        .expect("run node");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().count(),
        builds.len()
    );
}

/// Every rule fixture is SQL PostgreSQL accepts, file after file (so a rule is never shown
/// firing on a statement that could not be deployed): applied to a throwaway database.
#[test]
fn every_fixture_applies_to_postgres() {
    check_each(
        &cases("lint"),
        |c| case_name(c),
        |dir| {
            let b = fixture_build(dir);
            let label = format!("lint_{}", case_name(dir));
            let _ = integration_tests::applied(&b, &label);
        },
    );
}

/// Rules whose findings are a set of catalog objects, each with a query of its own over
/// PostgreSQL's catalog (written here from the catalog's documentation, independently of the
/// rule's code) returning the objects it should report. `{skip}` is the list of schemas the
/// rules leave alone; `{exposed}` the schemas the API exposes.
const CATALOG_QUERIES: &[(&str, &str)] = &[
    ("no_primary_key", "select n.nspname || '.' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'r' and n.nspname <> all ({skip}) and not exists (select from pg_constraint k where k.conrelid = c.oid and k.contype = 'p')"),
    ("rls_disabled_in_public", "select 'public.' || c.relname from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and not c.relrowsecurity"),
    ("policy_exists_rls_disabled", "select n.nspname || '.' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname <> all ({skip}) and not c.relrowsecurity and exists (select from pg_policy p where p.polrelid = c.oid)"),
    ("rls_enabled_no_policy", "select n.nspname || '.' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname <> all ({skip}) and c.relkind in ('r', 'p') and c.relrowsecurity and not exists (select from pg_policy p where p.polrelid = c.oid)"),
    ("extension_in_public", "select e.extname from pg_extension e where e.extnamespace = 'public'::regnamespace"),
    ("materialized_view_in_api", "select n.nspname || '.' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'm' and n.nspname = any ({exposed}) and {api_selects}"),
    ("foreign_table_in_api", "select n.nspname || '.' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'f' and n.nspname = any ({exposed}) and {api_selects}"),
    ("sensitive_columns_exposed", "select n.nspname || '.' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'r' and n.nspname = any ({exposed}) and n.nspname <> all ({skip}) and not c.relrowsecurity and {api_selects} and exists (select from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and replace(lower(a.attname), '-', '_') = any ({sensitive}))"),
    ("anon_security_definer_function_executable", "select {signature} from pg_proc p join pg_namespace n on n.oid = p.pronamespace where p.prosecdef and has_function_privilege('anon', p.oid, 'EXECUTE') and n.nspname <> all ({skip})"),
    ("authenticated_security_definer_function_executable", "select {signature} from pg_proc p join pg_namespace n on n.oid = p.pronamespace where p.prosecdef and has_function_privilege('authenticated', p.oid, 'EXECUTE') and n.nspname <> all ({skip})"),
    ("unindexed_foreign_keys", "select distinct n.nspname || '.' || c.relname from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace where k.contype = 'f' and n.nspname <> all ({skip}) and not exists (select from pg_index i where i.indrelid = k.conrelid and string_to_array(i.indkey::text, ' ')::smallint[] = k.conkey)"),
    ("function_search_path_mutable", "select n.nspname || '.' || p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace where p.prokind in ('f', 'p') and n.nspname <> all ({skip}) and not exists (select from unnest(coalesce(p.proconfig, '{}')) c where c like 'search_path=%') and not exists (select from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')"),
    ("security_definer_view", "select n.nspname || '.' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'v' and n.nspname <> all ({skip}) and {api_selects} and not (lower(coalesce(c.reloptions::text, '{}'))::text[] && array['security_invoker=1', 'security_invoker=true', 'security_invoker=yes', 'security_invoker=on'])"),
    ("auth_users_exposed", "select distinct n.nspname || '.' || c.relname from pg_depend d join pg_rewrite r on r.oid = d.objid join pg_class c on c.oid = r.ev_class join pg_namespace n on n.oid = c.relnamespace where d.refobjid = 'auth.users'::regclass and d.deptype = 'n' and c.relkind in ('v', 'm') and n.nspname = 'public' and {api_selects}"),
    ("rls_references_user_metadata", "select distinct p.schemaname || '.' || p.tablename from pg_policies p where p.schemaname <> all ({skip}) and (coalesce(p.qual, '') || coalesce(p.with_check, '')) ilike '%user_metadata%'"),
    ("unsupported_reg_types", "select distinct n.nspname || '.' || c.relname from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped and a.atttypid in ('regcollation'::regtype, 'regconfig'::regtype, 'regdictionary'::regtype, 'regnamespace'::regtype, 'regoper'::regtype, 'regoperator'::regtype, 'regproc'::regtype, 'regprocedure'::regtype) and n.nspname not in ('pg_catalog', 'information_schema', 'pgsodium')"),
    ("duplicate_index", "select distinct n.nspname || '.' || c.relname from pg_index a join pg_index b on a.indrelid = b.indrelid and a.indexrelid < b.indexrelid and a.indkey::text = b.indkey::text and a.indclass::text = b.indclass::text and a.indisunique = b.indisunique and coalesce(pg_get_expr(a.indexprs, a.indrelid), '') = coalesce(pg_get_expr(b.indexprs, b.indrelid), '') and coalesce(pg_get_expr(a.indpred, a.indrelid), '') = coalesce(pg_get_expr(b.indpred, b.indrelid), '') join pg_class ia on ia.oid = a.indexrelid join pg_class ib on ib.oid = b.indexrelid and ib.relam = ia.relam and coalesce(ib.reloptions::text, '') = coalesce(ia.reloptions::text, '') join pg_class c on c.oid = a.indrelid join pg_namespace n on n.oid = c.relnamespace where n.nspname <> all ({skip})"),
    ("fkey_to_auth_unique", "select distinct n.nspname || '.' || c.relname from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace join pg_class r on r.oid = k.confrelid join pg_namespace rn on rn.oid = r.relnamespace join pg_index i on i.indexrelid = k.conindid where k.contype = 'f' and rn.nspname = 'auth' and not i.indisprimary and n.nspname <> all ({skip})"),
    ("auth_rls_initplan", "select distinct p.schemaname || '.' || p.tablename from pg_policies p join pg_class c on c.oid = format('%I.%I', p.schemaname, p.tablename)::regclass where c.relrowsecurity and p.schemaname <> all ({skip}) and exists (select from unnest(array['auth.uid()', 'auth.jwt()', 'auth.role()', 'auth.email()']) f(f), unnest(array[p.qual, p.with_check]) e(e) where e like '%' || f || '%' and lower(e) not like '%select ' || f || '%')"),
    ("rls_policy_always_true", "select distinct p.schemaname || '.' || p.tablename from pg_policies p join pg_class c on c.oid = format('%I.%I', p.schemaname, p.tablename)::regclass where c.relkind = 'r' and c.relrowsecurity and p.schemaname <> all ({skip}) and p.permissive = 'PERMISSIVE' and p.roles && array['public', 'anon', 'authenticated']::name[] and ((p.cmd in ('UPDATE', 'DELETE', 'ALL') and (p.qual is null or replace(replace(replace(lower(p.qual), ' ', ''), E'\\n', ''), E'\\t', '') in ('true', '(true)', '1=1', '(1=1)'))) or (p.with_check is not null and replace(replace(replace(lower(p.with_check), ' ', ''), E'\\n', ''), E'\\t', '') in ('true', '(true)', '1=1', '(1=1)')) or (p.with_check is null and p.cmd = 'INSERT') or (p.with_check is null and p.cmd in ('UPDATE', 'ALL') and (p.qual is null or replace(replace(replace(lower(p.qual), ' ', ''), E'\\n', ''), E'\\t', '') in ('true', '(true)', '1=1', '(1=1)'))))"),
    ("multiple_permissive_policies", "select distinct p.schemaname || '.' || p.tablename from pg_policies p join pg_class c on c.oid = format('%I.%I', p.schemaname, p.tablename)::regclass, unnest(array['anon', 'authenticated', 'authenticator', 'dashboard_user', 'pgbouncer']) r(r), unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE']) a(a) where c.relkind = 'r' and p.schemaname <> all ({skip}) and p.permissive = 'PERMISSIVE' and p.roles && array[r, 'public']::name[] and p.cmd in (a, 'ALL') group by p.schemaname, p.tablename, r, a having count(*) > 1"),
    ("public_bucket_allows_listing", r#"select b.id from storage.buckets b where b.public and exists (select from pg_policies p where p.schemaname = 'storage' and p.tablename = 'objects' and p.cmd in ('SELECT', 'ALL') and p.permissive = 'PERMISSIVE' and p.roles && array['public', 'anon', 'authenticated']::name[] and (p.qual is null or replace(replace(replace(lower(p.qual), ' ', ''), E'\n', ''), E'\t', '') in ('true', '(true)', '1=1', '(1=1)') or (regexp_match(p.qual, $re$\A\s*\(*\s*bucket_id\s*=\s*('(?:[^']|'')*')(\s*::\s*[[:alnum:]_\.]+)?\s*\)*\s*\Z$re$, 'i'))[1] = quote_literal(b.id)))"#),
];

/// The pieces `CATALOG_QUERIES` share: the API roles may select relation `c`; function `p`
/// as `schema.name(argument types)`; the column names the advisor calls sensitive (its list).
const API_SELECTS: &str = "(has_table_privilege('anon', c.oid, 'SELECT') or has_table_privilege('authenticated', c.oid, 'SELECT'))";
const SIGNATURE: &str = "n.nspname || '.' || p.proname || '(' || coalesce((select string_agg(format_type(t, null), ', ' order by i) from unnest(p.proargtypes) with ordinality a(t, i)), '') || ')'";
const SENSITIVE: &str = "array['password', 'passwd', 'pwd', 'passphrase', 'secret', 'secret_key', 'private_key', 'api_key', 'apikey', 'auth_key', 'token', 'jwt', 'access_token', 'refresh_token', 'oauth_token', 'session_token', 'bearer_token', 'auth_code', 'session_id', 'session_key', 'session_secret', 'recovery_code', 'backup_code', 'verification_code', 'otp', 'two_factor', '2fa_secret', '2fa_code', 'ssn', 'social_security', 'social_security_number', 'driver_license', 'drivers_license', 'license_number', 'passport_number', 'passport_id', 'national_id', 'tax_id', 'credit_card', 'card_number', 'cvv', 'cvc', 'cvn', 'bank_account', 'account_number', 'routing_number', 'iban', 'swift_code', 'bic', 'health_record', 'medical_record', 'patient_id', 'insurance_number', 'health_insurance', 'medical_insurance', 'treatment', 'mac_address', 'macaddr', 'imei', 'device_uuid', 'pgp_key', 'gpg_key', 'ssh_key', 'certificate', 'license_key', 'activation_key', 'facial_recognition']";

/// For every rule fixture applied to PostgreSQL, each rule of `CATALOG_QUERIES` that runs
/// for it reports exactly the objects its catalog query returns: PostgreSQL, not pgforge's
/// reading of the migrations, says which tables lack a primary key, have RLS off, ….
#[test]
fn findings_match_independent_catalog_queries() {
    let skip = format!(
        "array[{}]::name[]",
        schema::lint::skipped_schemas()
            .iter()
            .map(|s| format!("'{s}'"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let exposed = ["public".to_string(), "graphql_public".to_string()];
    let exposed_sql = "array['public', 'graphql_public']::name[]";
    check_each(
        &cases("lint"),
        |c| case_name(c),
        |dir| {
            let b = fixture_build(dir);
            let Some(db) = integration_tests::applied(&b, &format!("lintq_{}", case_name(dir)))
            else {
                return;
            };
            let findings = schema::lint::lint(&b.schema, &exposed, b.supabase);
            for (rule, query) in CATALOG_QUERIES {
                let runs = schema::lint::rules()
                    .iter()
                    .any(|r| r.name == *rule && (b.supabase || !r.supabase_only));
                if !runs {
                    continue;
                }
                let query = query
                    .replace("{api_selects}", API_SELECTS)
                    .replace("{signature}", SIGNATURE)
                    .replace("{sensitive}", SENSITIVE)
                    .replace("{skip}", &skip)
                    .replace("{exposed}", exposed_sql);
                let wrapped =
                    format!("select coalesce(json_agg(o order by o), '[]') from ({query}) q(o)");
                let expected: Vec<String> =
                    serde_json::from_value(db.conn.json(&wrapped).unwrap()).unwrap();
                let mut found: Vec<String> = findings
                    .iter()
                    .filter(|f| f.rule == *rule)
                    .map(|f| f.object.clone())
                    .collect();
                found.sort();
                found.dedup();
                assert_eq!(
                    found, expected,
                    "{rule}: pgforge (left) and the catalog (right) differ"
                );
            }
        },
    );
}

/// What anon and authenticated may do with every relation and function of the project's own
/// schemas, as the model has it after replaying GRANT / REVOKE / ALTER DEFAULT PRIVILEGES:
/// `role PRIVILEGE object` lines.
fn model_privileges(b: &schema::Build) -> Vec<String> {
    use schema::ir::{Acl, Privilege};
    let skip = schema::lint::skipped_schemas();
    let mut out = vec![];
    let mut add = |acl: &Acl, privileges: &[Privilege], object: &str| {
        for role in ["anon", "authenticated"] {
            for p in privileges.iter().filter(|p| acl.allows(role, **p)) {
                out.push(format!(
                    "{role} {} {object}",
                    format!("{p:?}").to_uppercase()
                ));
            }
        }
    };
    let relation = [
        Privilege::Select,
        Privilege::Insert,
        Privilege::Update,
        Privilege::Delete,
    ];
    for ns in b.schema.schemas.values() {
        if skip.contains(&ns.name.as_str()) || ns.name.starts_with("pg_") {
            continue;
        }
        for t in ns.tables.values().filter(|t| !t.builtin) {
            add(&t.acl, &relation, &format!("{}.{}", t.schema, t.name));
        }
        for v in ns.views.values().filter(|v| !v.builtin) {
            add(&v.acl, &relation, &format!("{}.{}", v.schema, v.name));
        }
        for f in ns.functions.values().flatten().filter(|f| !f.builtin) {
            let sig = format!("{}.{}", f.schema, f.signature());
            add(&f.acl, &[Privilege::Execute], &sig);
        }
    }
    out.sort();
    out
}

/// The same lines from PostgreSQL's `has_table_privilege` / `has_function_privilege` (objects
/// an extension created are not the project's own, and not in the model).
fn postgres_privileges(db: &codegen::verify::Scratch) -> Vec<String> {
    let skip = schema::lint::skipped_schemas()
        .iter()
        .map(|s| format!("'{s}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let query = format!(
        "select coalesce(json_agg(l order by l), '[]') from (
           select r || ' ' || p || ' ' || n.nspname || '.' || c.relname as l
           from pg_class c join pg_namespace n on n.oid = c.relnamespace,
                unnest(array['anon', 'authenticated']) r, unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE']) p
           where c.relkind in ('r', 'p', 'v', 'm', 'f') and n.nspname <> all (array[{skip}]::name[])
             and n.nspname not like 'pg\\_%' and has_table_privilege(r, c.oid, p)
             and not exists (select from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
           union all
           select r || ' EXECUTE ' || {SIGNATURE}
           from pg_proc p join pg_namespace n on n.oid = p.pronamespace, unnest(array['anon', 'authenticated']) r
           where p.prokind in ('f', 'p') and n.nspname <> all (array[{skip}]::name[])
             and n.nspname not like 'pg\\_%' and has_function_privilege(r, p.oid, 'EXECUTE')
             and not exists (select from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
         ) q"
    );
    serde_json::from_value(db.conn.json(&query).expect("privileges")).expect("a list")
}

/// Privileges as PostgreSQL computes them, object by object, for every Supabase rule fixture
/// and every Supabase corpus case: the model's replay of GRANT, REVOKE (also of column and
/// grant-option forms), ALL … IN SCHEMA and ALTER DEFAULT PRIVILEGES (global and per schema,
/// on top of Supabase's own defaults) gives the same answers.
#[test]
fn privileges_are_postgres_s() {
    let mut builds: Vec<(String, schema::Build)> = cases("lint")
        .iter()
        .map(|c| (case_name(c), fixture_build(c)))
        .filter(|(_, b)| b.supabase)
        .collect();
    if let Some(corpus) = integration_tests::corpus() {
        for case in integration_tests::corpus_cases_without_errors() {
            let options = integration_tests::case_options(&case);
            if options.supabase == Some(true) {
                builds.push((
                    case.clone(),
                    schema::build_path(&corpus.join(&case), &options),
                ));
            }
        }
    }
    let mut compared = 0;
    for (name, b) in &builds {
        let Some(db) = integration_tests::applied(b, &format!("acl_{name}")) else {
            return;
        };
        let model = model_privileges(b);
        assert_eq!(
            model,
            postgres_privileges(&db),
            "{name}: the model's privileges (left) and PostgreSQL's (right) differ"
        );
        compared += model.len();
    }
    eprintln!(
        "{compared} privileges of anon and authenticated equal PostgreSQL's over {} projects",
        builds.len()
    );
}

/// Every finding on a Supabase corpus case, reviewed by hand once: per case and rule, how many
/// the golden file (`tests/fixtures/corpus/<case>/lint.txt`) holds and why reporting them is
/// right. `supabase_findings_are_reviewed` fails when a count changes, so a new finding is
/// read (and this table updated with its reason) before it lands.
const REVIEWED: &[(&str, &str, usize, &str)] = &[
    ("chatbot-ui", "anon_security_definer_function_executable", 11, "true positive: SECURITY DEFINER functions in public (storage-cleanup triggers, *_exists helpers) keep PUBLIC's and Supabase's default EXECUTE; nothing revokes it (has_function_privilege says the same, as the advisor asks it; PostgREST would refuse the trigger ones over /rpc, the advisor reports them too)"),
    ("chatbot-ui", "authenticated_security_definer_function_executable", 11, "true positive: the same functions, for authenticated"),
    ("chatbot-ui", "auth_rls_initplan", 26, "true positive: policies compare with auth.uid() directly (`user_id = auth.uid()`), not `(select auth.uid())`"),
    ("chatbot-ui", "ban_drop_column", 1, "true positive: tools.request_in_body is dropped by a later migration from a table an earlier one created; running code that reads it breaks"),
    ("chatbot-ui", "function_search_path_mutable", 18, "true positive: functions without SET search_path"),
    ("chatbot-ui", "multiple_permissive_policies", 60, "true positive: each table has `Allow full access to own …` (ALL, TO public) and `Allow view access to non-private …` (SELECT); both apply to every role TO public reaches, counted per role and action as the advisor does"),
    ("chatbot-ui", "public_bucket_allows_listing", 1, "true positive: profile_images is public and `Allow public read access on profile images` is only `bucket_id = 'profile_images'` for everyone, so anyone can list it"),
    ("chatbot-ui", "unindexed_foreign_keys", 17, "true positive: foreign keys (files.folder_id, …) with no index led by their columns"),
    ("basejump", "auth_rls_initplan", 2, "true positive: two policies call auth.uid() per row"),
    ("basejump", "authenticated_security_definer_function_executable", 7, "right to report: basejump revokes EXECUTE from PUBLIC and grants its SECURITY DEFINER API functions to authenticated on purpose; the advisor reports exactly these (allow them per object in pgforge.toml)"),
    ("basejump", "function_search_path_mutable", 21, "true positive: the functions without `set search_path` (the setup helpers, triggers, most public API functions); those with one are not reported"),
    ("basejump", "multiple_permissive_policies", 2, "true positive: basejump.account_user and basejump.accounts each have two SELECT policies for authenticated"),
    ("basejump", "no_primary_key", 1, "true positive: basejump.config has no primary key"),
    ("basejump", "unindexed_foreign_keys", 10, "true positive: foreign keys such as accounts.primary_owner_user_id without a covering index"),
    ("supabase-slack-clone", "anon_security_definer_function_executable", 3, "true positive: authorize, handle_new_user and create_user are SECURITY DEFINER in public with the default EXECUTE"),
    ("supabase-slack-clone", "authenticated_security_definer_function_executable", 3, "true positive: the same functions, for authenticated"),
    ("supabase-slack-clone", "auth_rls_initplan", 11, "true positive: auth.uid() / auth.role() called per row in policies"),
    ("supabase-slack-clone", "function_search_path_mutable", 1, "true positive: custom_access_token_hook has no SET search_path"),
    ("supabase-slack-clone", "multiple_permissive_policies", 10, "true positive: `Allow authorized …` and `Allow individual …` policies (TO public) overlap per action and role"),
    ("supabase-slack-clone", "rls_enabled_no_policy", 1, "true positive: role_permissions has RLS on and no policy (the API reads nothing from it)"),
    ("supabase-slack-clone", "unindexed_foreign_keys", 4, "true positive: channels.created_by and others without an index"),
    ("supabase-auth", "adding_required_field", 2, "right to report: NOT NULL columns without a default added to tables earlier migrations created (mfa_amr_claims.id, …); fails on a table with rows"),
    ("supabase-auth", "ban_drop_column", 2, "right to report: columns dropped from tables created earlier"),
    ("supabase-auth", "constraint_missing_not_valid", 4, "right to report: foreign keys added to existing tables without NOT VALID (refresh_tokens.parent, …) scan the table under lock"),
    ("supabase-auth", "renaming_column", 1, "right to report: identities.id renamed to provider_id breaks code still running against the old name"),
    ("supabase-auth", "require_concurrent_index_creation", 18, "right to report: indexes on existing tables created without CONCURRENTLY"),
    ("supabase-storage", "changing_column_type", 2, "right to report: s3_multipart_uploads.in_progress_size changes type (a rewrite)"),
    ("supabase-storage", "constraint_missing_not_valid", 2, "right to report: foreign keys added to existing tables without NOT VALID"),
    ("supabase-storage", "renaming_column", 3, "right to report: columns renamed on existing tables (buckets_analytics.id → name, …)"),
    ("supabase-storage", "require_concurrent_index_creation", 4, "right to report: indexes on existing tables without CONCURRENTLY"),
    ("atomic-crm-supabase", "anon_security_definer_function_executable", 5, "true positive: SECURITY DEFINER functions in public (handle_new_user, is_admin, …) with the default EXECUTE"),
    ("atomic-crm-supabase", "authenticated_security_definer_function_executable", 5, "true positive: the same functions, for authenticated"),
    ("atomic-crm-supabase", "ban_drop_column", 6, "right to report: columns dropped from tables created earlier (contacts.acquisition, …)"),
    ("atomic-crm-supabase", "changing_column_type", 3, "right to report: column types changed on existing tables (deals.expected_closing_date, …)"),
    ("atomic-crm-supabase", "public_bucket_allows_listing", 1, "true positive: attachments is public and authenticated may select any object with `bucket_id = 'attachments'`"),
    ("atomic-crm-supabase", "renaming_column", 1, "right to report: a camelCase column renamed to snake_case on an existing table"),
    ("atomic-crm-supabase", "renaming_table", 2, "right to report: contactNotes / dealNotes renamed"),
    ("atomic-crm-supabase", "require_concurrent_index_creation", 5, "right to report: indexes on existing tables without CONCURRENTLY"),
    ("atomic-crm-supabase", "rls_policy_always_true", 22, "true positive by the advisor's definition: the CRM lets every authenticated user read and write every row (`using (true)` / `with check (true)`), by design"),
    ("atomic-crm-supabase", "security_definer_view", 1, "true positive: init_state says security_invoker=off and anon may select it (Supabase's default grant); it exposes a count, by design"),
    ("atomic-crm-supabase", "unindexed_foreign_keys", 6, "true positive: foreign keys such as companies.sales_id without a covering index"),
];

#[test]
fn supabase_findings_are_reviewed() {
    let cases: std::collections::BTreeSet<&str> = REVIEWED.iter().map(|r| r.0).collect();
    let mut found = std::collections::BTreeMap::new();
    for case in &cases {
        let path = integration_tests::root().join(format!("tests/fixtures/corpus/{case}/lint.txt"));
        let text = std::fs::read_to_string(&path).expect("the golden findings");
        for line in text.lines() {
            let rule = line
                .split_once('[')
                .and_then(|(_, r)| r.split_once(']'))
                .map(|(r, _)| r.to_string())
                .expect("a finding names its rule");
            *found.entry((case.to_string(), rule)).or_insert(0usize) += 1;
        }
    }
    let reviewed: std::collections::BTreeMap<(String, String), usize> = REVIEWED
        .iter()
        .map(|(c, r, n, why)| {
            assert!(!why.is_empty());
            ((c.to_string(), r.to_string()), *n)
        })
        .collect();
    assert_eq!(
        found, reviewed,
        "the findings (left) and the reviewed counts (right) differ: read the new findings and update REVIEWED"
    );
}

/// Every advisor rule is checked against PostgreSQL's catalog (the migration-safety rules flag
/// statements, not catalog states).
#[test]
fn every_advisor_rule_has_a_catalog_query() {
    let advisor = schema::lint::rules()
        .iter()
        .filter(|r| r.category != "migration-safety");
    let missing: Vec<&str> = advisor
        .map(|r| r.name)
        .filter(|n| !CATALOG_QUERIES.iter().any(|(q, _)| q == n))
        .collect();
    assert!(missing.is_empty(), "no catalog query for {missing:?}");
    assert_eq!(CATALOG_QUERIES.len(), 22);
}

/// The migration-safety fixtures whose functions are run on PostgreSQL (each function takes
/// no argument, or is a trigger function of a table an INSERT reaches).
const BODY_FIXTURES: &[&str] = &["ban_drop_column", "renaming_column", "renaming_table"];

/// Runs a statement in a subtransaction that is always rolled back; its SQLSTATE, or "".
const SQLSTATE_OF: &str = "create schema pgforge_probe; create function pgforge_probe.sqlstate_of(stmt text) returns text language plpgsql as $$ begin execute stmt; raise exception using errcode = 'P0999'; exception when sqlstate 'P0999' then return ''; when others then return sqlstate; end $$;";

/// The statements that run function `f` of `b`'s model: a call, or an INSERT into each table
/// with an insert trigger running it. None when it needs arguments.
fn runs_of(b: &schema::Build, f: &schema::ir::Function) -> Option<Vec<String>> {
    let takes_arguments = f.args.iter().any(|a| a.mode != schema::ir::ArgMode::Out);
    if takes_arguments {
        return None;
    }
    if matches!(&f.returns, schema::ir::Returns::Type { ty, .. } if ty.to_string() == "trigger") {
        let tables = b.schema.schemas.values().flat_map(|ns| ns.tables.values());
        let fires = |t: &&schema::ir::Table| {
            t.triggers
                .iter()
                .any(|tr| tr.function.name == f.name && tr.events.iter().any(|e| e == "insert"))
        };
        let inserts = tables
            .filter(fires)
            .map(|t| format!("insert into {}.{} default values", t.schema, t.name));
        return Some(inserts.collect());
    }
    let verb = if f.procedure { "call" } else { "select" };
    Some(vec![format!("{verb} {}.{}()", f.schema, f.name)])
}

/// A function body PostgreSQL keeps as text records no dependency, so a dropped or renamed
/// column or table breaks it only when it runs. The functions the findings name are exactly
/// those that then fail on PostgreSQL with "column / relation does not exist": every function
/// of these fixtures is run after the migrations (a trigger function through an INSERT).
#[test]
fn function_bodies_named_are_the_ones_postgres_fails_to_run() {
    let exposed = ["public".to_string()];
    for case in BODY_FIXTURES {
        let dir = integration_tests::root()
            .join("tests/fixtures/lint")
            .join(case);
        let b = fixture_build(&dir);
        let Some(db) = integration_tests::applied(&b, &format!("lintf_{case}")) else {
            return;
        };
        db.conn.script(SQLSTATE_OF).expect("the probe function");
        let findings: Vec<String> = schema::lint::lint(&b.schema, &exposed, b.supabase)
            .iter()
            .map(|f| schema::diag::render_short(&f.diagnostic, &b.sources))
            .collect();
        let functions = b
            .schema
            .schemas
            .values()
            .flat_map(|ns| ns.functions.values());
        let (mut named, mut failing, mut ran) = (vec![], vec![], 0);
        for f in functions.flatten().filter(|f| !f.builtin) {
            let signature = format!("{}.{}", f.schema, f.signature());
            let runs =
                runs_of(&b, f).unwrap_or_else(|| panic!("{case}: {signature} cannot be run"));
            assert!(!runs.is_empty(), "{case}: no INSERT fires {signature}");
            for run in runs {
                let probe = format!(
                    "select to_json(pgforge_probe.sqlstate_of('{}'))",
                    run.replace('\'', "''")
                );
                let state = db.conn.json(&probe).expect("the probe runs");
                ran += 1;
                if matches!(state.as_str(), Some("42703" | "42P01")) {
                    failing.push(signature.clone());
                }
            }
            if findings.iter().any(|m| {
                m.contains(&format!("{signature},")) || m.contains(&format!("{signature} "))
            }) {
                named.push(signature);
            }
        }
        failing.dedup();
        assert!(ran >= 2, "{case}: {ran} functions run");
        assert!(
            !failing.is_empty(),
            "{case}: no function fails: the fixture shows nothing"
        );
        assert_eq!(
            named, failing,
            "{case}: named by the findings (left), failing on PostgreSQL (right)"
        );
    }
}
