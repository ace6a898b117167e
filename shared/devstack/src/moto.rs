//! `moto_server`: a real HTTP server speaking the S3, SQS and CloudWatch Logs
//! protocols, on a free port. Installed with pip when missing.
//!
//! It is started through `python/jh_moto.py`, which makes moto's SQS queues
//! thread-safe: unpatched, a message sent while another is deleted can be
//! lost, and two receives can share a FIFO group (see that file).

use std::process::Command;
use std::time::{Duration, Instant};

use crate::DevstackError;
use crate::process::{Child, free_port};

/// A running moto server.
pub struct Moto {
    child: Child,
    port: u16,
    log: tempfile::NamedTempFile,
}

/// Installs moto's server with pip unless `moto_server` is on the PATH.
pub fn ensure_installed() -> Result<(), DevstackError> {
    if moto_importable() {
        return Ok(());
    }
    eprintln!("moto_server not found; installing it with pip (moto[server])");
    let status = Command::new("python3").args(["-m", "pip", "install", "--quiet", "moto[server]>=5,<6"]).status()?;
    if !status.success() || !moto_importable() {
        return Err(DevstackError::Missing {
            what: "moto_server".into(),
            fix: "pip install 'moto[server]' (needs python3 and pip)".into(),
        });
    }
    Ok(())
}

/// Whether the `python3` that runs moto can import its server.
fn moto_importable() -> bool {
    Command::new("python3")
        .args(["-c", "import moto.server, moto.sqs.models"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The patched moto server (see the module docs) on `port`.
fn command(port: u16) -> Command {
    let mut cmd = Command::new("python3");
    cmd.args(["-c", include_str!("../python/jh_moto.py"), "-H", "127.0.0.1", "-p", &port.to_string()]);
    cmd
}

impl Moto {
    /// Starts moto and waits until it answers.
    pub fn start() -> Result<Self, DevstackError> {
        ensure_installed()?;
        let port = free_port()?;
        let log = tempfile::Builder::new().prefix("jh-moto-").suffix(".log").tempfile()?;
        let child = Child::spawn("moto_server", command(port), None, log.path(), libc::SIGTERM)?;
        let mut moto = Self { child, port, log };
        moto.wait_ready()?;
        Ok(moto)
    }

    fn wait_ready(&mut self) -> Result<(), DevstackError> {
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if self.child.has_exited() {
                break;
            }
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Err(DevstackError::Start {
            what: "moto_server".into(),
            detail: std::fs::read_to_string(self.log.path()).unwrap_or_default(),
        })
    }

    /// The server's process id (for measuring its CPU).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The endpoint URL for the SDK clients.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Kills moto (all its state is lost, as in a real outage of a fresh
    /// server) and starts it again on the same port.
    pub fn restart(&mut self) -> Result<(), DevstackError> {
        self.child.kill();
        self.child = Child::spawn("moto_server", command(self.port), None, self.log.path(), libc::SIGTERM)?;
        self.wait_ready()
    }
}
