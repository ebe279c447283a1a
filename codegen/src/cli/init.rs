//! `pgforge init`: find the project's layout, write a commented `pgforge.toml` for it, and
//! say what `generate` will write where. An existing `pgforge.toml` is never overwritten.

use std::path::Path;

/// Write `pgforge.toml` into `dir` for the project there. Exit code as the CLI's.
pub fn init(dir: &Path) -> i32 {
    let file = dir.join(crate::config::FILE_NAME);
    if file.exists() {
        eprintln!(
            "error: {} already exists; pgforge init never overwrites it",
            schema::load::display(&file)
        );
        return 2;
    }
    let Some(input) = crate::config::default_input(dir) else {
        eprintln!(
            "error: no migrations found in {}: none of {}, and no .sql files; run pgforge init in the project's directory",
            schema::load::display(dir),
            crate::config::project_dirs_listed()
        );
        return 2;
    };
    let found = match schema::load::detect(&input) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let supabase = found.layout.is_supabase();
    let text = config_text(found.layout.describe(), supabase);
    let tmp = dir.join(".pgforge.toml.tmp");
    if let Err(e) = std::fs::write(&tmp, &text).and_then(|_| std::fs::rename(&tmp, &file)) {
        let _ = std::fs::remove_file(&tmp);
        eprintln!("error: cannot write {}: {e}", schema::load::display(&file));
        return 2;
    }
    println!(
        "wrote {}: {} layout, {} migration file(s){}",
        schema::load::display(&file),
        found.layout.describe(),
        found.migrations.len(),
        if supabase {
            ", Supabase base objects on"
        } else {
            ""
        }
    );
    println!("`pgforge generate` will write into generated/: Rust (generated/src), TypeScript (generated/types/database.types.ts) and docs (generated/docs)");
    println!("next: `pgforge check`, then `pgforge generate`");
    0
}

/// The file: every key with its default, commented so a user can read what each does.
fn config_text(layout: &str, supabase: bool) -> String {
    format!(
        r#"# pgforge's configuration, written by `pgforge init` ({layout} layout found).
# Every key is optional; the values shown are what pgforge does without them.

[migrations]
# path = "supabase/migrations"   # found from this directory when unset
supabase = {supabase}                 # Supabase's base objects (auth.users, auth.uid(), storage.*)
# preludes = ["db/platform.sql"] # SQL your platform runs before the migrations

[check]
# allow = ["E0301"]              # errors pgforge gets wrong (please report them): notes instead

[output]
dir = "generated"                # where `pgforge generate` writes (--out overrides)

[typescript]
# path = "types/database.types.ts" # relative to output.dir
# schemas = ["public"]           # unset: public plus supabase/config.toml's [api] schemas

[rust]
# drivers = ["sqlx", "tokio-postgres"]
# datetime = "chrono"            # or "time"
# [rust.columns]                 # one column → a Rust type of yours, or "skip"
# "public.documents.search" = "skip"
"#
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_written_file_is_a_valid_configuration() {
        for supabase in [true, false] {
            let text = super::config_text("Supabase", supabase);
            let parsed: crate::config::FileConfig = toml::from_str(&text).expect("valid TOML");
            assert_eq!(parsed.migrations.supabase, Some(supabase));
            assert_eq!(
                parsed.output.dir.as_deref(),
                Some(std::path::Path::new("generated"))
            );
        }
    }
}
