//! A throwaway PostgreSQL cluster: `initdb` into a temp dir, `pg_ctl` on a free loopback
//! port, removed afterwards — on drop, on Ctrl-C, and (through a watchdog process) even when
//! the process that started it is killed. As root, the server runs as the `postgres` OS user.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    #[error("no PostgreSQL server binaries found (looked in $PGFORGE_PG_BIN, /usr/lib/postgresql/*/bin and PATH); install PostgreSQL or pass --database-url")]
    NoBinaries,
    #[error("{what} failed: {detail}")]
    Command { what: String, detail: String },
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

pub use super::bin::find_bin_dir;

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// Run a server binary, as `postgres` when we are root (initdb and postgres refuse root).
fn server_cmd(bin: &Path, as_postgres: bool) -> Command {
    if as_postgres {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(bin);
        c
    } else {
        Command::new(bin)
    }
}

fn run(mut c: Command, what: &str) -> Result<(), ClusterError> {
    let out = c.stdin(Stdio::null()).output()?;
    if out.status.success() {
        Ok(())
    } else {
        Err(ClusterError::Command {
            what: what.into(),
            detail: format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
            .trim()
            .to_string(),
        })
    }
}

pub struct Cluster {
    pub bin: PathBuf,
    pub dir: PathBuf,
    pub port: u16,
    as_postgres: bool,
    stopped: bool,
}

impl Cluster {
    /// Start a fresh cluster. `watch_pid`: stop it when that process is gone (default: us).
    pub fn start(bin: &Path) -> Result<Cluster, ClusterError> {
        let as_postgres = is_root();
        let dir =
            std::env::temp_dir().join(format!("pgforge-pg-{}-{}", std::process::id(), nanos()));
        std::fs::create_dir_all(&dir)?;
        if as_postgres {
            run(
                {
                    let mut c = Command::new("chown");
                    c.arg("postgres").arg(&dir);
                    c
                },
                "chown of the cluster directory to postgres",
            )?;
        }
        let data = dir.join("data");
        let mut init = server_cmd(&bin.join("initdb"), as_postgres);
        init.arg("-D").arg(&data).args([
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        ]);
        run(init, "initdb")?;
        // A free loopback port: bind, read, release (a race with other processes is possible
        // but unlikely; pg_ctl then fails with a clear message).
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let opts = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=40",
            dir.display()
        );
        let mut start = server_cmd(&bin.join("pg_ctl"), as_postgres);
        start
            .arg("-D")
            .arg(&data)
            .arg("-o")
            .arg(&opts)
            .arg("-l")
            .arg(dir.join("server.log"))
            .args(["-w", "-t", "60", "start"]);
        let cluster = Cluster {
            bin: bin.to_path_buf(),
            dir,
            port,
            as_postgres,
            stopped: false,
        };
        if let Err(e) = run(start, "pg_ctl start") {
            let log = std::fs::read_to_string(cluster.dir.join("server.log")).unwrap_or_default();
            return Err(ClusterError::Command {
                what: "pg_ctl start".into(),
                detail: format!("{e}\n{log}"),
            });
        }
        cluster.watchdog(std::process::id());
        Ok(cluster)
    }

    /// A detached shell that stops the cluster and removes its directory once `pid` exits,
    /// so a killed test run or a Ctrl-C never leaves a server behind.
    fn watchdog(&self, pid: u32) {
        let stop = format!(
            "{}{} -D {} -m immediate stop >/dev/null 2>&1",
            if self.as_postgres {
                "runuser -u postgres -- "
            } else {
                ""
            },
            self.bin.join("pg_ctl").display(),
            self.dir.join("data").display()
        );
        let script = format!(
            "while kill -0 {pid} 2>/dev/null; do sleep 0.5; done; {stop}; rm -rf '{}'",
            self.dir.display()
        );
        let _ = Command::new("sh")
            .arg("-c")
            .arg(script)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
    }

    pub fn stop(&mut self) {
        if self.stopped {
            return;
        }
        self.stopped = true;
        let mut c = server_cmd(&self.bin.join("pg_ctl"), self.as_postgres);
        c.arg("-D")
            .arg(self.dir.join("data"))
            .args(["-m", "immediate", "stop"]);
        let _ = c.stdout(Stdio::null()).stderr(Stdio::null()).status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }

    /// A connection to database `db` of this cluster.
    pub fn conn(&self, db: &str) -> super::psql::Conn {
        super::psql::Conn::local(&self.bin, self.port, db)
    }

    /// The server's major version.
    pub fn major_version(&self) -> Option<u32> {
        let out = Command::new(self.bin.join("pg_config"))
            .arg("--version")
            .output()
            .ok()?;
        let v = String::from_utf8_lossy(&out.stdout);
        v.split_whitespace().nth(1)?.split('.').next()?.parse().ok()
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.stop();
    }
}

fn nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}
