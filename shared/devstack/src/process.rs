//! Child processes that die with us: each server the devstack starts gets
//! `PR_SET_PDEATHSIG`, so an interrupted or killed `cargo xtask` never leaves
//! a Postgres or moto behind, and [`Child`] stops it on drop.
//!
//! The kernel sends that signal when the *thread* that forked the child
//! exits, so children must be started from a thread that lives as long as
//! they should (the main or test thread), never from `spawn_blocking`.

use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};

/// A running child process, stopped on drop.
pub struct Child {
    name: &'static str,
    inner: std::process::Child,
    stop_signal: i32,
}

/// Target user for a child started by root (initdb and postgres refuse root).
#[derive(Debug, Clone, Copy)]
pub struct RunAs {
    /// User id.
    pub uid: u32,
    /// Group id.
    pub gid: u32,
}

/// Prepares `cmd` so it runs as `run_as` (if given) and receives SIGTERM when
/// this process dies.
pub fn harden(cmd: &mut Command, run_as: Option<RunAs>) {
    // SAFETY: the closure runs in the forked child before exec and only makes
    // async-signal-safe libc calls.
    unsafe {
        cmd.pre_exec(move || {
            if let Some(u) = run_as
                && (libc::setgid(u.gid) != 0 || libc::setuid(u.uid) != 0)
            {
                return Err(std::io::Error::last_os_error());
            }
            // Set after the uid change: changing credentials clears it.
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

impl Child {
    /// Spawns a hardened child with output sent to `log`.
    pub fn spawn(
        name: &'static str,
        mut cmd: Command,
        run_as: Option<RunAs>,
        log: &std::path::Path,
        stop_signal: i32,
    ) -> std::io::Result<Self> {
        let out = std::fs::File::create(log)?;
        let err = out.try_clone()?;
        harden(&mut cmd, run_as);
        cmd.stdin(Stdio::null()).stdout(out).stderr(err);
        let inner = cmd.spawn()?;
        Ok(Self { name, inner, stop_signal })
    }

    /// The process id.
    pub fn id(&self) -> u32 {
        self.inner.id()
    }

    /// Whether it has exited.
    pub fn has_exited(&mut self) -> bool {
        matches!(self.inner.try_wait(), Ok(Some(_)))
    }

    /// Kills it at once (SIGKILL) and reaps it; used by fault-injection tests.
    pub fn kill(&mut self) {
        let _ = self.inner.kill();
        let _ = self.inner.wait();
    }

    /// Stops it with its stop signal, waiting up to five seconds before
    /// SIGKILL.
    pub fn stop(&mut self) {
        if self.has_exited() {
            return;
        }
        // SAFETY: sending a signal to our own child's pid.
        unsafe {
            libc::kill(self.inner.id() as i32, self.stop_signal);
        }
        for _ in 0..100 {
            if self.has_exited() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        tracing::warn!(name = self.name, "did not stop in time; killing");
        self.kill();
    }
}

impl Drop for Child {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A free TCP port on 127.0.0.1.
pub fn free_port() -> std::io::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Whether a program is on the PATH.
pub fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").map(|p| std::env::split_paths(&p).any(|d| d.join(program).is_file())).unwrap_or(false)
}
