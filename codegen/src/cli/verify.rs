//! The `verify` subcommand: pick the target, run, print the table or JSON, exit 1 on any
//! mismatch, refusal or disagreement, 2 when the two could not be compared.

use super::input::{Input, UsageError};
use crate::verify::{self, cluster, Target};
use schema::Build;

pub fn run(
    b: &Build,
    shown: &str,
    input: &Input,
    url: Option<String>,
    json: bool,
) -> Result<i32, UsageError> {
    let mut local = None;
    let target = match url {
        Some(u) => Target::Url(u),
        None => {
            let Some(bin) = cluster::find_bin_dir() else {
                eprintln!("error: {}", cluster::ClusterError::NoBinaries);
                return Ok(2);
            };
            match cluster::Cluster::start(&bin) {
                Ok(c) => {
                    local = Some(c);
                    Target::Cluster(local.as_ref().expect("just set"))
                }
                Err(e) => {
                    eprintln!("error: cannot start a throwaway PostgreSQL: {e}");
                    return Ok(2);
                }
            }
        }
    };
    let result = verify::verify(b, target, "cli");
    drop(local);
    let report = match result {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(2);
        }
    };
    let diags = report.diagnostics();
    // A disagreement or a difference is a finding (1); a server that lacks what the
    // migrations need, with nothing else wrong, could not answer (2).
    let found = report.verdict.disagreements() > 0 || !report.mismatches.is_empty();
    let code = if found {
        1
    } else if report.could_not_compare() {
        2
    } else if report.ok() {
        0
    } else {
        1
    };
    if json {
        println!("{}", json_report(b, shown, &report, &diags));
    } else {
        super::input::eprint_diagnostics(&diags, b, input);
        println!("pgforge verify: {shown}");
        if !report.kinds.is_empty() {
            print!("{}", report.table());
        }
        println!("{}", report.conclusion());
    }
    Ok(code)
}

/// The same report as JSON: the verdict's counts, each disagreement and refusal as a line.
fn json_report(
    b: &Build,
    shown: &str,
    report: &verify::Report,
    diags: &[schema::diag::Diagnostic],
) -> String {
    let short = |code: &str| {
        diags
            .iter()
            .filter(|d| d.code == code)
            .map(|d| schema::diag::render_short(d, &b.sources))
            .collect::<Vec<_>>()
    };
    let v = &report.verdict;
    let value = serde_json::json!({
        "input": shown,
        "ok": report.ok(),
        "could_not_compare": report.could_not_compare(),
        "conclusion": report.conclusion(),
        "kinds": report.kinds,
        "mismatches": report.mismatches,
        "rejected": short(schema::diag::codes::REJECTED_BY_POSTGRES),
        "pgforge_wrong": short(schema::diag::codes::DISAGREEMENT),
        "verdict": {
            "agreed": v.agreed,
            "follow_on": v.follow_on,
            "missed_by_pgforge": v.missed,
            "false_errors": v.false_errors,
            "environment": v.environment,
        },
    });
    serde_json::to_string_pretty(&value).expect("serialises")
}
