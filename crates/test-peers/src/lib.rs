//! test-peers: drivers for the real peers centralino's tests talk to, so each test crate does
//! not write its own. A dev-dependency only (`publish = false`).
//!
//! - [`require_tool`]: whether an external program is installed; under `CI` a missing one
//!   fails the test, elsewhere the test is skipped with a note (the project's rule for tests
//!   with real peers).
//! - [`baresip`]: one headless baresip 1.0 user agent per [`baresip::Baresip`], in its own
//!   temporary config folder with its own SIP and `ctrl_tcp` ports on 127.0.0.1: dial, send
//!   keys (`sndcode`), hang up, wait for events (`CALL_ESTABLISHED`, `CALL_CLOSED`,
//!   `REGISTER_OK`, …) with a hang guard, register with a password and auto-answer as an
//!   agent phone, play a WAV as its microphone and record what it hears (module `sndfile`,
//!   ALSA's null device as player). Killed when dropped.
//! - [`wav`]: 8 kHz mono 16-bit WAV files: tones and silence to play, reading recordings
//!   (also while baresip is still writing them), RMS, audible time, dominant frequency.
//!
//! Everything binds 127.0.0.1 only. Waits take a guard duration and fail when it passes: the
//! guard stops a hang, it is not a measurement.

pub mod baresip;
pub mod wav;

use std::path::{Path, PathBuf};

/// The full path of `program` on `PATH`, if it is there.
pub fn find_tool(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Whether `program` is installed. When it is not: with the environment variable `CI` set this
/// panics (the test fails: CI must install it, e.g. `apt-get install {package}`); otherwise it
/// prints a note and returns `false`, and the test returns early (skipped).
pub fn require_tool(program: &str, package: &str) -> bool {
    if find_tool(program).is_some() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{program} is missing (apt-get install {package}): this test cannot run"
    );
    eprintln!("note: {program} not found (apt-get install {package}); test skipped");
    false
}

/// Why a peer could not do what a test asked.
#[derive(Debug, thiserror::Error)]
pub enum PeerError {
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: std::io::Error,
    },
    /// The guard passed before the awaited thing happened.
    #[error("timed out after {after:?} waiting for {what}; seen: {seen}")]
    Timeout {
        what: String,
        after: std::time::Duration,
        seen: String,
    },
    /// The peer answered a command with an error, or said something we cannot read.
    #[error("{0}")]
    Protocol(String),
    /// The peer process is gone.
    #[error("the peer exited: {0}")]
    Exited(String),
}

impl PeerError {
    pub(crate) fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> PeerError {
        let what = what.into();
        move |source| PeerError::Io { what, source }
    }
}

/// A port free on 127.0.0.1 for both UDP and TCP right now (for a peer to bind next).
pub fn free_port() -> u16 {
    loop {
        let Ok(udp) = std::net::UdpSocket::bind("127.0.0.1:0") else {
            continue;
        };
        let Ok(addr) = udp.local_addr() else {
            continue;
        };
        if std::net::TcpListener::bind(addr).is_ok() {
            return addr.port();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tools_on_path_are_found_and_others_are_not() {
        assert!(find_tool("sh").is_some());
        assert!(find_tool("no-such-program-centralino").is_none());
        assert!(require_tool("sh", "dash"));
    }

    #[test]
    fn free_ports_can_be_bound_for_udp_and_tcp() {
        let port = free_port();
        assert_ne!(port, 0);
        let udp = std::net::UdpSocket::bind(("127.0.0.1", port));
        let tcp = std::net::TcpListener::bind(("127.0.0.1", port));
        assert!(udp.is_ok() && tcp.is_ok());
    }
}
