//! A throwaway Postgres cluster: `initdb` + `postgres` from the PATH (or
//! Debian's `/usr/lib/postgresql/*/bin`), on a free port, in a temp dir that
//! is removed on drop. As root it runs as the `postgres` user, because
//! `initdb` refuses root.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::DevstackError;
use crate::process::{Child, RunAs, free_port, harden};

/// A running ephemeral cluster.
pub struct EphemeralPostgres {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
    run_as: Option<RunAs>,
    bin: PathBuf,
}

/// Where the Postgres server binaries are.
pub fn find_bin_dir() -> Result<PathBuf, DevstackError> {
    if let Some(p) = std::env::var_os("PATH") {
        for d in std::env::split_paths(&p) {
            if d.join("initdb").is_file() && d.join("postgres").is_file() {
                return Ok(d);
            }
        }
    }
    let mut candidates: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path().join("bin")).collect())
        .unwrap_or_default();
    candidates.sort();
    candidates
        .into_iter()
        .rev()
        .find(|d| d.join("initdb").is_file())
        .ok_or_else(|| DevstackError::Missing {
            what: "Postgres server binaries (initdb, postgres)".into(),
            fix: "install the Debian packages postgresql and postgresql-contrib: apt-get install -y postgresql postgresql-contrib".into(),
        })
}

fn postgres_user() -> Option<RunAs> {
    // SAFETY: plain libc lookups; the returned struct is read at once.
    unsafe {
        if libc::geteuid() != 0 {
            return None;
        }
        let name = c"postgres";
        let pw = libc::getpwnam(name.as_ptr());
        if pw.is_null() {
            return None;
        }
        Some(RunAs { uid: (*pw).pw_uid, gid: (*pw).pw_gid })
    }
}

fn chown(path: &Path, to: RunAs) -> std::io::Result<()> {
    std::os::unix::fs::chown(path, Some(to.uid), Some(to.gid))
}

impl EphemeralPostgres {
    /// Initialises and starts a cluster; returns once it accepts connections.
    pub fn start() -> Result<Self, DevstackError> {
        let bin = find_bin_dir()?;
        let run_as = postgres_user();
        if run_as.is_none() && unsafe { libc::geteuid() } == 0 {
            return Err(DevstackError::Missing {
                what: "a 'postgres' system user (initdb refuses to run as root)".into(),
                fix: "install the Debian package postgresql, which creates it".into(),
            });
        }
        let dir = tempfile::Builder::new().prefix("jh-pg-").tempdir()?;
        if let Some(u) = run_as {
            chown(dir.path(), u)?;
        }
        let data = dir.path().join("data");
        let mut init = Command::new(bin.join("initdb"));
        init.args(["-D"]).arg(&data).args([
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        ]);
        harden(&mut init, run_as);
        let out = init.output()?;
        if !out.status.success() {
            return Err(DevstackError::Start {
                what: "initdb".into(),
                detail: String::from_utf8_lossy(&out.stderr).into_owned(),
            });
        }
        let port = free_port()?;
        let cmd = server_command(&bin, &data, port, dir.path());
        let log = dir.path().join("postgres.log");
        // SIGINT is Postgres's "fast shutdown".
        let child = Child::spawn("postgres", cmd, run_as, &log, libc::SIGINT)?;
        let mut pg = Self { child, port, dir, run_as, bin };
        pg.wait_ready(&log)?;
        Ok(pg)
    }

    fn wait_ready(&mut self, log: &Path) -> Result<(), DevstackError> {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if self.child.has_exited() {
                break;
            }
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                let ready = Command::new(self.bin.join("pg_isready"))
                    .args(["-h", "127.0.0.1", "-p", &self.port.to_string(), "-U", "postgres"])
                    .output()
                    .map(|o| o.status.success())
                    .unwrap_or(true);
                if ready {
                    return Ok(());
                }
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Err(DevstackError::Start { what: "postgres".into(), detail: std::fs::read_to_string(log).unwrap_or_default() })
    }

    /// The server's port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The URL of the `postgres` database (the admin connection).
    pub fn admin_url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// Stops the server hard and starts it again on the same port and data,
    /// for restart-survival tests.
    pub fn restart(&mut self) -> Result<(), DevstackError> {
        self.restart_after(Duration::ZERO)
    }

    /// Stops the server (fast shutdown: sessions are cut), keeps it down for
    /// `down`, and starts it again on the same port and data directory: an
    /// outage clients must ride out by reconnecting.
    pub fn restart_after(&mut self, down: Duration) -> Result<(), DevstackError> {
        self.child.stop();
        std::thread::sleep(down);
        let data = self.dir.path().join("data");
        let cmd = server_command(&self.bin, &data, self.port, self.dir.path());
        let log = self.dir.path().join("postgres-restart.log");
        self.child = Child::spawn("postgres", cmd, self.run_as, &log, libc::SIGINT)?;
        self.wait_ready(&log)
    }

    /// The server process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

/// The `postgres` server command for a data directory.
fn server_command(bin: &Path, data: &Path, port: u16, socket_dir: &Path) -> Command {
    let mut cmd = Command::new(bin.join("postgres"));
    cmd.arg("-D").arg(data).args([
        "-p",
        &port.to_string(),
        "-c",
        "listen_addresses=127.0.0.1",
        "-c",
        &format!("unix_socket_directories={}", socket_dir.display()),
        // Throwaway data: durability costs time and buys nothing here.
        "-c",
        "fsync=off",
        "-c",
        "synchronous_commit=off",
        "-c",
        "full_page_writes=off",
        "-c",
        "max_connections=200",
        // Lets the search benchmark report time per statement; loaded but
        // idle unless a database runs CREATE EXTENSION pg_stat_statements.
        "-c",
        "shared_preload_libraries=pg_stat_statements",
    ]);
    cmd
}
