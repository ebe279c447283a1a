//! Which project and configuration a command uses, and `pgforge init`.

use super::*;

/// An explicit PATH uses its own project's pgforge.toml, never the current directory's: run
/// from one project, `generate /other/project` does not write into the first project's
/// output directory, nor apply its settings.
#[test]
fn another_projects_path_does_not_use_this_directorys_config() {
    let here = tmpdir("config-here");
    std::fs::write(
        here.join("pgforge.toml"),
        "[migrations]\npath = \"db\"\nsupabase = true\n[output]\ndir = \"gen\"\n",
    )
    .unwrap();
    let other = tmpdir("config-other");
    std::fs::write(
        other.join("001_init.sql"),
        "create table t (id int primary key, owner uuid references auth.users (id));\n",
    )
    .unwrap();
    let other_path = other.display().to_string();
    let out = pgforge(&here, &["generate", &other_path]);
    assert_ne!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        !here.join("gen").exists(),
        "nothing written into this project's output"
    );
    // Supabase is off for the other project (its own config has none): auth.users is missing.
    let out = pgforge(&here, &["check", &other_path]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("auth.users"),
        "{}",
        text(&out.stderr)
    );
    // With its own pgforge.toml, that one applies.
    std::fs::write(
        other.join("pgforge.toml"),
        "[migrations]\nsupabase = true\n",
    )
    .unwrap();
    let out = pgforge(&here, &["check", &other_path]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

/// `pgforge init` finds the layout, writes a pgforge.toml that the next commands read, and
/// never overwrites one; Prisma, Drizzle and Rails roots are projects with no PATH too.
#[test]
fn init_writes_a_config_the_next_commands_use() {
    let d = tmpdir("init-prisma");
    std::fs::create_dir_all(d.join("prisma/migrations/20240101000000_init")).unwrap();
    std::fs::write(
        d.join("prisma/migrations/20240101000000_init/migration.sql"),
        "CREATE TABLE \"User\" (\"id\" SERIAL NOT NULL, CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\"));\n",
    )
    .unwrap();
    let out = pgforge(&d, &["init"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Prisma layout, 1 migration file(s)"),
        "{}",
        text(&out.stdout)
    );
    let written = std::fs::read_to_string(d.join("pgforge.toml")).unwrap();
    assert!(written.contains("supabase = false"), "{written}");
    let again = pgforge(&d, &["init"]);
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(d.join("pgforge.toml")).unwrap(),
        written,
        "not overwritten"
    );
    let check = pgforge(&d, &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
    assert!(
        text(&check.stderr).contains("ok: Prisma layout"),
        "{}",
        text(&check.stderr)
    );
    let generate = pgforge(&d, &["generate"]);
    assert_eq!(
        generate.status.code(),
        Some(0),
        "{}",
        text(&generate.stderr)
    );
    assert!(d.join("generated/types/database.types.ts").is_file());
    // An empty directory: where pgforge looked, exit 2, nothing written.
    let empty = tmpdir("init-empty");
    let out = pgforge(&empty, &["init"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("prisma/migrations/"),
        "{}",
        text(&out.stderr)
    );
    assert!(!empty.join("pgforge.toml").exists());
}
