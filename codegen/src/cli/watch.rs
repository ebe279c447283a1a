//! `generate --watch`: generate, then again on every change to a migration, a prelude,
//! `pgforge.toml` or `supabase/config.toml`, printing one line per run with its time. Runs
//! until interrupted; a run with errors writes nothing and waits for the next change.

use super::input::{Input, UsageError};
use notify::{RecursiveMode, Watcher};
use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

/// How long a burst of events (an editor's save, a `git checkout`) is gathered into one run.
const SETTLE: Duration = Duration::from_millis(150);

/// What one run needs besides the input: `generate`'s own flags.
pub struct Generate {
    pub out: Option<PathBuf>,
    pub only: Option<String>,
    pub schema: Vec<String>,
    pub nullability: Option<String>,
}

pub fn watch(input: &Input, flags: &Generate) -> Result<i32, UsageError> {
    let (tx, rx) = channel();
    let mut watcher =
        notify::recommended_watcher(tx).map_err(|e| UsageError::Watch(e.to_string()))?;
    let mut watched: Vec<PathBuf> = vec![];
    for run in 1.. {
        // Watch before generating: a change made while the run is on (or right after its
        // line is printed) is queued and starts the next run.
        // A pgforge.toml broken mid-edit keeps the last set; the run below reports it.
        let inputs = watched_paths(input).unwrap_or_else(|_| watched.clone());
        if inputs != watched {
            for p in &watched {
                let _ = watcher.unwatch(p);
            }
            for p in &inputs {
                watcher
                    .watch(p, RecursiveMode::NonRecursive)
                    .map_err(|e| UsageError::Watch(format!("{}: {e}", p.display())))?;
            }
            watched = inputs;
        }
        let started = Instant::now();
        let code = super::generate_once(input, flags, false).unwrap_or_else(|e| {
            eprintln!("error: {e}");
            2
        });
        let ms = started.elapsed().as_millis();
        match code {
            0 => eprintln!("watch: run {run} ok in {ms} ms"),
            c => eprintln!("watch: run {run} failed (exit {c}) in {ms} ms; waiting for a fix"),
        }
        if !next_change(&rx, &watched) {
            break;
        }
    }
    Ok(0)
}

/// What a change is looked for in, each without recursion (a project root may hold
/// `node_modules/` or `target/`): the directories holding a migration and their parents (a
/// new migration folder, as Prisma and diesel make), the migrations path itself, the
/// preludes and the configuration files that exist.
fn watched_paths(input: &Input) -> Result<Vec<PathBuf>, UsageError> {
    let (path, cfg) = super::input::resolve(input)?;
    let mut paths = vec![path.clone()];
    for file in schema::load::sql_inputs(&path) {
        paths.extend(file.ancestors().skip(1).take(2).map(PathBuf::from));
    }
    paths.extend(cfg.preludes.iter().cloned());
    paths.extend(input.prelude.iter().cloned());
    paths.extend(cfg.file.clone());
    paths.push(path.join("supabase/config.toml"));
    paths.retain(|p| p.exists());
    let mut paths: Vec<PathBuf> = paths
        .into_iter()
        .map(|p| p.canonicalize().unwrap_or(p))
        .collect();
    paths.sort();
    paths.dedup();
    Ok(paths)
}

/// Wait for a change that matters (a `.sql` or `.toml` file, or a watched file itself; not
/// the generated output), then for the burst it starts to settle. `false` when the watcher
/// is gone.
fn next_change(rx: &Receiver<notify::Result<notify::Event>>, watched: &[PathBuf]) -> bool {
    loop {
        let Ok(event) = rx.recv() else {
            return false;
        };
        if event.is_ok_and(|e| matters(&e, watched)) {
            break;
        }
    }
    while rx.recv_timeout(SETTLE).is_ok() {}
    true
}

fn matters(e: &notify::Event, watched: &[PathBuf]) -> bool {
    if e.kind.is_access() {
        return false;
    }
    e.paths.iter().any(|p| {
        watched.iter().any(|w| w == p) || p.extension().is_some_and(|x| x == "sql" || x == "toml")
    })
}

#[cfg(test)]
mod tests {
    use super::matters;
    use notify::event::{AccessKind, CreateKind, Event, EventKind};
    use std::path::PathBuf;

    fn event(kind: EventKind, path: &str) -> Event {
        Event::new(kind).add_path(PathBuf::from(path))
    }

    /// A new or edited migration or config reruns; generated files, editor swap files and
    /// mere reads do not.
    #[test]
    fn only_inputs_rerun() {
        let watched = [PathBuf::from("/p/db/seed.psql")];
        let create = EventKind::Create(CreateKind::File);
        assert!(matters(&event(create, "/p/migrations/002_x.sql"), &watched));
        assert!(matters(&event(create, "/p/pgforge.toml"), &watched));
        assert!(matters(&event(create, "/p/db/seed.psql"), &watched));
        assert!(!matters(
            &event(create, "/p/generated/src/public.rs"),
            &watched
        ));
        assert!(!matters(
            &event(create, "/p/migrations/.002_x.sql.swp"),
            &watched
        ));
        let read = EventKind::Access(AccessKind::Read);
        assert!(!matters(&event(read, "/p/migrations/002_x.sql"), &watched));
    }
}
