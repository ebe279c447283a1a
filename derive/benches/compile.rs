//! What the checks cost a build: a crate with 200 structs checked against the example schema
//! (`#[derive(pgforge_derive::Table)]`), against the same crate with the derive lines removed;
//! and a crate of 200 `query!` calls against the same crate with the bare literals.
//! Both are built once to warm the dependencies, then each is rebuilt after touching its
//! source, `PGFORGE_BENCH_ITERS` times (default 3); the report is the median of each and the
//! difference. Goal: under one second on this 2-core machine.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Five shapes over the example schema (tables, a view, enums, a composite, pgvector, numeric).
const TEMPLATES: &[(&str, &str)] = &[
    ("public.messages", "id: i64, content: String, role: generated::public::MessageRole, embedding: Option<pgvector::Vector>, created_at: chrono::DateTime<chrono::Utc>,"),
    ("public.tenants", "id: uuid::Uuid, slug: String, settings: serde_json::Value,"),
    ("public.agents", "id: uuid::Uuid, temperature: rust_decimal::Decimal, tools: serde_json::Value, is_active: bool,"),
    ("public.usage_metrics", "tenant_id: uuid::Uuid, day: chrono::NaiveDate, usage: Option<generated::public::TokenUsage>, cost_usd: rust_decimal::Decimal,"),
    ("public.conversation_overview", "id: Option<i64>, message_count: Option<i64>, last_message_at: Option<chrono::DateTime<chrono::Utc>>,"),
];

/// Five statements over the example schema, with their arguments.
const QUERIES: &[(&str, &str)] = &[
    ("select id, name, plan from tenants where slug = $1", "\"acme\""),
    ("select c.id, count(m.id) as n from conversations c left join messages m on m.conversation_id = c.id group by c.id", ""),
    ("update tenants set name = @name where id = @id", "\"x\", uuid::Uuid::nil()"),
    ("select id, email, stage::text as stage from leads where tenant_id = $1 and score > $2 order by score desc limit 10", "uuid::Uuid::nil(), 5"),
    ("insert into tenants (slug, name) values ($1, $2) returning id, created_at", "\"a\", \"b\""),
];

fn query_source(checked: bool) -> String {
    let mut s = String::from("#![allow(dead_code)]\n");
    for i in 0..200 {
        let (sql, args) = QUERIES[i % QUERIES.len()];
        let args = if args.is_empty() {
            String::new()
        } else {
            format!(", {args}")
        };
        if checked {
            s.push_str(&format!(
                "pub fn q{i}() {{ let _ = pgforge_derive::query!(\"{sql}\"{args}); }}\n"
            ));
        } else {
            s.push_str(&format!("pub fn q{i}() {{ let _ = (\"{sql}\"{args}); }}\n"));
        }
    }
    s
}

fn source(checked: bool) -> String {
    let mut s = String::from("#![allow(dead_code)]\n");
    for i in 0..200 {
        let (table, fields) = TEMPLATES[i % TEMPLATES.len()];
        if checked {
            s.push_str(&format!(
                "#[derive(pgforge_derive::Table)]\n#[pgforge(table = \"{table}\")]\n"
            ));
        }
        s.push_str(&format!("pub struct S{i} {{ {fields} }}\n"));
    }
    s
}

fn krate(root: &Path, name: &str, source: String) -> PathBuf {
    let dir = root.join("target/pgforge-derive-bench").join(name);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let repo = root.display();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[workspace]\n\n[dependencies]\npgforge-derive = {{ path = \"{repo}/derive\" }}\ngenerated = {{ path = \"{repo}/generated\" }}\nuuid = \"1\"\nchrono = \"0.4\"\nserde_json = \"1\"\nrust_decimal = \"1\"\npgvector = \"0.4\"\n"
        ),
    )
    .unwrap();
    // The example schema, as the repository's pgforge.toml names it.
    std::fs::write(
        dir.join("pgforge.toml"),
        format!("[migrations]\npath = \"{repo}/schema/migrations\"\nsupabase = true\n"),
    )
    .unwrap();
    std::fs::write(dir.join("src/lib.rs"), source).unwrap();
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    dir
}

fn build(dir: &Path, target: &Path) -> f64 {
    let start = Instant::now();
    let out = Command::new(env!("CARGO"))
        .args(["build", "--offline", "--quiet"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .expect("run cargo");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    start.elapsed().as_secs_f64()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf();
    let iters: usize = std::env::var("PGFORGE_BENCH_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let target = root.join("target/pgforge-derive-bench/target");
    let crates = [
        krate(&root, "checked_structs", source(true)),
        krate(&root, "plain_structs", source(false)),
        krate(&root, "checked_queries", query_source(true)),
        krate(&root, "plain_queries", query_source(false)),
    ];
    for c in &crates {
        build(c, &target);
    }
    let mut times = vec![vec![]; crates.len()];
    for _ in 0..iters {
        for (i, dir) in crates.iter().enumerate() {
            let src = dir.join("src/lib.rs");
            std::fs::write(&src, std::fs::read_to_string(&src).unwrap() + "\n").unwrap();
            times[i].push(build(dir, &target));
        }
    }
    let m: Vec<f64> = times.into_iter().map(median).collect();
    println!("200 checked structs: {:.2} s; without the checks: {:.2} s; overhead {:.2} s (goal: under 1 s)", m[0], m[1], m[0] - m[1]);
    println!(
        "200 query! calls: {:.2} s; the bare literals: {:.2} s; overhead {:.2} s (goal: under 1 s)",
        m[2],
        m[3],
        m[2] - m[3]
    );
}
