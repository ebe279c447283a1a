//! The `verify` subcommand: pick the target, run, print the table or JSON, exit 1 on any
//! mismatch or rejected migration.

use super::input::{use_color, Input, UsageError};
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
    if json {
        let v = serde_json::json!({
            "input": shown,
            "ok": report.ok(),
            "kinds": report.kinds,
            "mismatches": report.mismatches,
            "rejected": diags.iter().filter(|d| d.code == schema::diag::codes::REJECTED_BY_POSTGRES).map(|d| schema::diag::render_short(d, &b.sources)).collect::<Vec<_>>(),
        });
        println!("{}", serde_json::to_string_pretty(&v).expect("serialises"));
    } else {
        eprint!(
            "{}",
            schema::diag::render(
                &diags,
                &b.sources,
                schema::diag::RenderOptions {
                    color: use_color(input)
                }
            )
        );
        println!("pgforge verify: {shown}");
        print!("{}", report.table());
        println!(
            "{}",
            if report.ok() {
                "ok: the model matches PostgreSQL"
            } else {
                "failed: the model and PostgreSQL differ"
            }
        );
    }
    Ok(if report.ok() { 0 } else { 1 })
}
