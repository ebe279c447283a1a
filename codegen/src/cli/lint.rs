//! The `lint` subcommand: the advisor rules over the model, as rustc-style diagnostics, JSON,
//! GitHub annotations or SARIF (`sarif.rs`); exit 1 when a finding reaches `--deny` (default: error).

use super::input::Input;
use clap::ValueEnum;
use schema::lint::{Finding, Level};
use schema::Build;

#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LintFormat {
    #[default]
    Text,
    Json,
    Github,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
}

/// The schemas the API exposes: `supabase/config.toml`'s `[api] schemas`, else Supabase's
/// default (`public`, `graphql_public`).
fn exposed(path: &std::path::Path) -> Vec<String> {
    crate::config::supabase_api_schemas(path)
        .unwrap_or_else(|| vec!["public".into(), "graphql_public".into()])
}

pub fn run(
    b: &Build,
    path: &std::path::Path,
    input: &Input,
    format: LintFormat,
    deny: Level,
    settings: &schema::lint::Settings,
) -> i32 {
    let found = schema::lint::lint(&b.schema, &exposed(path), b.supabase);
    let (findings, allowed) = schema::lint::configure(found, settings, &b.sources);
    match format {
        LintFormat::Text => text(b, &findings, allowed, input),
        LintFormat::Json => println!("{}", json(b, &findings)),
        LintFormat::Github => print!("{}", github(b, &findings)),
        LintFormat::Sarif => println!("{}", super::sarif::sarif(b, &findings)),
    }
    i32::from(findings.iter().any(|f| f.level >= deny))
}

fn text(b: &Build, findings: &[Finding], allowed: usize, input: &Input) {
    let diags: Vec<_> = findings.iter().map(|f| f.diagnostic.clone()).collect();
    super::input::eprint_diagnostics(&diags, b, input);
    let count = |l: Level| findings.iter().filter(|f| f.level == l).count();
    eprintln!(
        "lint: {} finding(s): {} error, {} warning, {} info{}",
        findings.len(),
        count(Level::Error),
        count(Level::Warn),
        count(Level::Info),
        if allowed > 0 {
            format!(" ({allowed} allowed)")
        } else {
            String::new()
        }
    );
}

/// Where a finding is: (file, line, column), 1-based.
fn place(b: &Build, f: &Finding) -> (String, usize, usize) {
    match &f.diagnostic.primary {
        Some((span, _)) => {
            let file = b.sources.get(span.file);
            let (line, col) = file.line_col(span.start as usize);
            (file.name.clone(), line, col)
        }
        None => (String::new(), 0, 0),
    }
}

fn json(b: &Build, findings: &[Finding]) -> String {
    let items: Vec<serde_json::Value> = findings
        .iter()
        .map(|f| {
            let (file, line, column) = place(b, f);
            let fix = f
                .diagnostic
                .notes
                .iter()
                .find_map(|n| n.strip_prefix("help: "))
                .unwrap_or_default();
            serde_json::json!({
                "rule": f.rule,
                "level": f.level,
                "category": f.category,
                "message": f.diagnostic.message,
                "file": file,
                "line": line,
                "column": column,
                "fix": fix,
            })
        })
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({ "findings": items })).expect("serialises")
}

/// GitHub Actions workflow commands: one annotation per finding.
fn github(b: &Build, findings: &[Finding]) -> String {
    let escape = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    findings
        .iter()
        .map(|f| {
            let (file, line, col) = place(b, f);
            let kind = match f.level {
                Level::Error => "error",
                Level::Warn => "warning",
                Level::Info => "notice",
            };
            format!(
                "::{kind} file={file},line={line},col={col},title={}::{}\n",
                f.rule,
                escape(&f.diagnostic.message)
            )
        })
        .collect()
}
