//! A headless baresip 1.0 user agent driven over its `ctrl_tcp` module (netstring-framed JSON:
//! `LEN:{json},`). One process per [`Baresip`], each in its own temporary config folder:
//!
//! ```text
//! let mut phone = Baresip::start(BaresipOptions::caller(tone_wav)).await?;
//! phone.dial("sip:803164@127.0.0.1:5060").await?;
//! phone.wait_event("CALL_ESTABLISHED", GUARD).await?;
//! phone.send_digits("1").await?;                 // RFC 4733 telephone-events
//! phone.hang_up().await?;
//! phone.wait_event("CALL_CLOSED", GUARD).await?;
//! let heard = phone.received_recording()?;        // with options.record
//! ```
//!
//! Facts this driver builds on (baresip 1.0.0 on Debian 12; see the project's peer notes):
//! - `sip_listen 127.0.0.1:P` also binds TLS on `P+1`: both must be free.
//! - `net_interface 127.0.0.1` keeps the SDP on loopback.
//! - The `aufile` source ends the call at the end of its WAV (make it long), and must be 8 kHz
//!   (`ausine` needs 48 kHz and breaks auto-answer).
//! - Received audio is recorded by the `sndfile` module only when a real player runs:
//!   `audio_player alsa,null` (alsa-lib's null device) with `module alsa.so`; it writes
//!   `dump-<time>-dec.wav` (what was heard) and `-enc.wav` (what was sent).
//! - With the environment variable `BARESIP_TRACE` set, baresip logs every SIP message
//!   (`-s`) into its log ([`Baresip::log`]).
//! - Events before the `ctrl_tcp` client connects are lost: the account is added with
//!   `uanew` after connecting, so `REGISTER_OK`/`REGISTER_FAIL` are always seen.
//! - SIGTERM does not always stop it: [`Drop`] and [`Baresip::kill`] send SIGKILL;
//!   [`Baresip::quit`] asks it to quit (a registered account unregisters first).

use std::collections::VecDeque;
use std::fmt::Write as _;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::process::{Child, Command};

use crate::PeerError;

/// How long start-up may take before it counts as a hang.
const START_GUARD: Duration = Duration::from_secs(10);
/// How long a command may take to be answered.
const COMMAND_GUARD: Duration = Duration::from_secs(10);

/// The SIP account line of a [`Baresip`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// Address of record, e.g. `sip:1001@127.0.0.1:5060` (the registrar when registering).
    pub aor: String,
    /// `auth_pass`: the digest password.
    pub password: Option<String>,
    /// `regint`: seconds between registrations (the `Expires` asked for); `0` does not
    /// register.
    pub register_interval: u32,
    /// `answermode=auto`: answer incoming calls at once.
    pub auto_answer: bool,
    /// `audio_codecs`: the codecs offered and accepted, e.g. `pcma` (default: PCMU and PCMA).
    pub audio_codecs: Option<String>,
}

impl Account {
    /// A UA that does not register and answers nothing by itself.
    pub fn caller(user: &str) -> Account {
        Account {
            aor: format!("sip:{user}@127.0.0.1"),
            password: None,
            register_interval: 0,
            auto_answer: false,
            audio_codecs: None,
        }
    }

    /// An agent phone: registers `extension` with `password` at `registrar` every
    /// `register_interval` seconds and answers calls automatically.
    pub fn agent_phone(
        extension: &str,
        password: &str,
        registrar: SocketAddr,
        register_interval: u32,
    ) -> Account {
        Account {
            aor: format!("sip:{extension}@{registrar}"),
            password: Some(password.to_owned()),
            register_interval,
            auto_answer: true,
            audio_codecs: None,
        }
    }

    fn line(&self) -> String {
        let mut line = format!("<{}>", self.aor);
        if let Some(password) = &self.password {
            let _ = write!(line, ";auth_pass={password}");
        }
        let _ = write!(line, ";regint={}", self.register_interval);
        if self.auto_answer {
            line.push_str(";answermode=auto");
        }
        if let Some(codecs) = &self.audio_codecs {
            let _ = write!(line, ";audio_codecs={codecs}");
        }
        line
    }
}

/// How to start a [`Baresip`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaresipOptions {
    pub account: Account,
    /// The microphone: an 8 kHz mono 16-bit WAV (see [`crate::wav`]); the call ends when it
    /// runs out.
    pub source: PathBuf,
    /// Record what is heard (and what is sent) with `sndfile`.
    pub record: bool,
}

impl BaresipOptions {
    /// A caller playing `source`, recording what it hears.
    pub fn caller(source: &Path) -> BaresipOptions {
        BaresipOptions {
            account: Account::caller("caller"),
            source: source.to_owned(),
            record: true,
        }
    }
}

/// One `ctrl_tcp` event.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// `CALL_ESTABLISHED`, `CALL_CLOSED`, `REGISTER_OK`, `REGISTER_FAIL`, …
    pub kind: String,
    /// The event's `param` (the peer URI, a close reason, a SIP status line).
    pub param: String,
    /// The whole message.
    pub raw: Value,
}

/// A running baresip; killed when dropped.
#[derive(Debug)]
pub struct Baresip {
    child: Child,
    dir: tempfile::TempDir,
    sip: SocketAddr,
    reader: BufReader<OwnedReadHalf>,
    writer: OwnedWriteHalf,
    /// Events read but not yet asked for, in order.
    events: VecDeque<Event>,
    /// Every event kind seen, for error messages.
    seen: Vec<String>,
    next_token: u64,
}

impl Baresip {
    /// Writes the config folder, starts `baresip -f DIR` and connects to its `ctrl_tcp`.
    pub async fn start(options: BaresipOptions) -> Result<Baresip, PeerError> {
        let dir = tempfile::Builder::new()
            .prefix("baresip-")
            .tempdir()
            .map_err(PeerError::io("creating a baresip folder"))?;
        let sip_port = free_sip_port();
        let ctrl_port = crate::free_port();
        let sip = SocketAddr::from(([127, 0, 0, 1], sip_port));
        let recordings = dir.path().join("recordings");
        std::fs::create_dir_all(&recordings).map_err(PeerError::io("creating recordings"))?;
        let player = if options.record {
            "alsa,null"
        } else {
            "aubridge,nil"
        };
        let mut config = format!(
            "poll_method epoll\nsip_listen {sip}\nnet_interface 127.0.0.1\n\
             audio_player {player}\naudio_alert aubridge,nil\naudio_source aufile,{source}\n\
             module_path /usr/lib/baresip/modules\nmodule g711.so\nmodule aufile.so\n\
             module aubridge.so\n",
            source = options.source.display()
        );
        if options.record {
            let _ = write!(
                config,
                "module alsa.so\nmodule sndfile.so\nsnd_path {}\n",
                recordings.display()
            );
        }
        let _ = write!(
            config,
            "module_tmp account.so\nmodule_app menu.so\nmodule_app ctrl_tcp.so\n\
             ctrl_tcp_listen 127.0.0.1:{ctrl_port}\n"
        );
        let write = |name: &str, text: String| {
            std::fs::write(dir.path().join(name), text)
                .map_err(PeerError::io(format!("writing baresip {name}")))
        };
        write("config", config)?;
        // The account is added over ctrl_tcp once connected (`uanew`), so that no
        // registration event happens before anyone listens.
        write("accounts", String::new())?;
        let log = std::fs::File::create(dir.path().join("baresip.log"))
            .map_err(PeerError::io("creating the baresip log"))?;
        let log_err = log.try_clone().map_err(PeerError::io("the baresip log"))?;
        let mut command = Command::new("baresip");
        if std::env::var_os("BARESIP_TRACE").is_some() {
            // SIP trace into the log, for debugging a test.
            command.arg("-s");
        }
        let mut child = command
            .arg("-f")
            .arg(dir.path())
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log_err)
            .kill_on_drop(true)
            .spawn()
            .map_err(PeerError::io("starting baresip"))?;
        let deadline = tokio::time::Instant::now() + START_GUARD;
        let stream = loop {
            match TcpStream::connect(("127.0.0.1", ctrl_port)).await {
                Ok(stream) => break stream,
                Err(e) => {
                    if let Ok(Some(status)) = child.try_wait() {
                        return Err(PeerError::Exited(format!(
                            "{status} at start-up; log:\n{}",
                            read_log(dir.path())
                        )));
                    }
                    if tokio::time::Instant::now() > deadline {
                        return Err(PeerError::Io {
                            what: format!("connecting to baresip's ctrl_tcp on port {ctrl_port}"),
                            source: e,
                        });
                    }
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            }
        };
        let (read, writer) = stream.into_split();
        let mut baresip = Baresip {
            child,
            dir,
            sip,
            reader: BufReader::new(read),
            writer,
            events: VecDeque::new(),
            seen: Vec::new(),
            next_token: 0,
        };
        baresip.command("uanew", &options.account.line()).await?;
        Ok(baresip)
    }

    /// Where it listens for SIP (UDP and TCP).
    pub fn sip_addr(&self) -> SocketAddr {
        self.sip
    }

    /// Its config folder (config, accounts, `baresip.log`, `recordings/`).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Its log so far (for assertion messages).
    pub fn log(&self) -> String {
        read_log(self.dir.path())
    }

    /// Runs a `ctrl_tcp` command and returns its `data`; events that arrive meanwhile are kept
    /// for [`Baresip::wait_event`].
    pub async fn command(&mut self, command: &str, params: &str) -> Result<String, PeerError> {
        self.next_token += 1;
        let token = format!("t{}", self.next_token);
        let body = json!({"command": command, "params": params, "token": token}).to_string();
        let frame = format!("{}:{body},", body.len());
        self.writer
            .write_all(frame.as_bytes())
            .await
            .map_err(PeerError::io(format!("sending {command} to baresip")))?;
        let deadline = tokio::time::Instant::now() + COMMAND_GUARD;
        loop {
            let message = tokio::time::timeout_at(deadline, read_netstring(&mut self.reader))
                .await
                .map_err(|_| PeerError::Timeout {
                    what: format!("baresip's answer to {command}"),
                    after: COMMAND_GUARD,
                    seen: self.seen.join(", "),
                })??;
            if message.get("response").and_then(Value::as_bool) == Some(true) {
                if message.get("token").and_then(Value::as_str) != Some(token.as_str()) {
                    continue;
                }
                let data = message
                    .get("data")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned();
                return if message.get("ok").and_then(Value::as_bool) == Some(true) {
                    Ok(data)
                } else {
                    Err(PeerError::Protocol(format!("baresip {command}: {data}")))
                };
            }
            self.keep(message);
        }
    }

    /// Calls `uri` (`CALL_ESTABLISHED` follows when answered).
    pub async fn dial(&mut self, uri: &str) -> Result<(), PeerError> {
        self.command("dial", uri).await.map(drop)
    }

    /// Sends keys on the current call as RFC 4733 telephone-events (`sndcode`), in order.
    pub async fn send_digits(&mut self, digits: &str) -> Result<(), PeerError> {
        self.command("sndcode", digits).await.map(drop)
    }

    /// Hangs up the current call (`CALL_CLOSED` follows).
    pub async fn hang_up(&mut self) -> Result<(), PeerError> {
        self.command("hangup", "").await.map(drop)
    }

    /// The next event of `kind`, waiting up to `guard`; events of other kinds before it are
    /// skipped (and listed in the error if it never comes). After a timeout the control
    /// connection may be cut mid-message: treat the peer as failed.
    pub async fn wait_event(&mut self, kind: &str, guard: Duration) -> Result<Event, PeerError> {
        self.wait_any(&[kind], guard).await
    }

    /// The next event of any of `kinds` (see [`Baresip::wait_event`]).
    pub async fn wait_any(&mut self, kinds: &[&str], guard: Duration) -> Result<Event, PeerError> {
        if let Some(i) = self
            .events
            .iter()
            .position(|e| kinds.contains(&e.kind.as_str()))
        {
            let event = self.events.remove(i);
            self.events.drain(..i);
            return event.ok_or_else(|| PeerError::Protocol("lost an event".to_owned()));
        }
        self.events.clear();
        let deadline = tokio::time::Instant::now() + guard;
        loop {
            let read = tokio::time::timeout_at(deadline, read_netstring(&mut self.reader)).await;
            let message = match read {
                Ok(message) => message?,
                Err(_) => {
                    return Err(PeerError::Timeout {
                        what: format!("baresip event {}", kinds.join(" or ")),
                        after: guard,
                        seen: format!("{}; log:\n{}", self.seen.join(", "), self.log()),
                    });
                }
            };
            if let Some(event) = self.keep(message)
                && kinds.contains(&event.kind.as_str())
            {
                self.events.clear();
                return Ok(event);
            }
        }
    }

    /// Keeps an event message for later; ignores stray responses.
    fn keep(&mut self, message: Value) -> Option<Event> {
        if message.get("event").and_then(Value::as_bool) != Some(true) {
            return None;
        }
        let field = |name: &str| {
            message
                .get(name)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        let event = Event {
            kind: field("type"),
            param: field("param"),
            raw: message.clone(),
        };
        self.seen.push(format!("{}({})", event.kind, event.param));
        self.events.push_back(event.clone());
        Some(event)
    }

    /// The recording of what was heard on the last call (`dump-…-dec.wav`), if any.
    pub fn received_recording(&self) -> Option<PathBuf> {
        self.recording("-dec.wav")
    }

    /// The recording of what was sent on the last call (`dump-…-enc.wav`), if any.
    pub fn sent_recording(&self) -> Option<PathBuf> {
        self.recording("-enc.wav")
    }

    fn recording(&self, suffix: &str) -> Option<PathBuf> {
        let mut found: Vec<PathBuf> = std::fs::read_dir(self.dir.path().join("recordings"))
            .ok()?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.to_string_lossy().ends_with(suffix))
            .collect();
        found.sort();
        found.pop()
    }

    /// Asks baresip to quit (a registered account unregisters: `Expires: 0`) and waits for it
    /// to exit, up to `guard`.
    pub async fn quit(mut self, guard: Duration) -> Result<(), PeerError> {
        // The process may exit before it answers.
        let _ = self.command("quit", "").await;
        match tokio::time::timeout(guard, self.child.wait()).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(PeerError::Io {
                what: "waiting for baresip to exit".to_owned(),
                source: e,
            }),
            Err(_) => Err(PeerError::Timeout {
                what: "baresip to exit".to_owned(),
                after: guard,
                seen: self.seen.join(", "),
            }),
        }
    }

    /// Kills the process at once (SIGKILL): no unregistration, no BYE.
    pub async fn kill(mut self) {
        let _ = self.child.kill().await;
    }
}

/// A port `P` with `P` and `P+1` free (baresip binds TLS on `P+1`).
fn free_sip_port() -> u16 {
    loop {
        let port = crate::free_port();
        let next = port.wrapping_add(1);
        if next > 1024
            && std::net::UdpSocket::bind(("127.0.0.1", next)).is_ok()
            && std::net::TcpListener::bind(("127.0.0.1", next)).is_ok()
        {
            return port;
        }
    }
}

fn read_log(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("baresip.log")).unwrap_or_default()
}

/// Reads one `LEN:{json},` frame.
async fn read_netstring(reader: &mut BufReader<OwnedReadHalf>) -> Result<Value, PeerError> {
    let mut len = 0usize;
    loop {
        let byte = reader
            .read_u8()
            .await
            .map_err(PeerError::io("reading from baresip's ctrl_tcp"))?;
        match byte {
            b'0'..=b'9' if len < 1_000_000 => len = len * 10 + usize::from(byte - b'0'),
            b':' => break,
            _ => {
                return Err(PeerError::Protocol(format!(
                    "ctrl_tcp: unexpected byte {byte:#x} in a netstring length"
                )));
            }
        }
    }
    let mut body = vec![0u8; len + 1];
    reader
        .read_exact(&mut body)
        .await
        .map_err(PeerError::io("reading from baresip's ctrl_tcp"))?;
    if body.pop() != Some(b',') {
        return Err(PeerError::Protocol(
            "ctrl_tcp: netstring without ','".to_owned(),
        ));
    }
    serde_json::from_slice(&body)
        .map_err(|e| PeerError::Protocol(format!("ctrl_tcp: not JSON: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_lines() {
        assert_eq!(Account::caller("c").line(), "<sip:c@127.0.0.1>;regint=0");
        assert_eq!(
            Account::agent_phone("1001", "pw", "127.0.0.1:5060".parse().unwrap(), 60).line(),
            "<sip:1001@127.0.0.1:5060>;auth_pass=pw;regint=60;answermode=auto"
        );
    }

    #[tokio::test]
    async fn netstrings_are_read_one_by_one() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = tokio::spawn(async move {
            let (mut s, _) = listener.accept().await.unwrap();
            s.write_all(b"11:{\"event\":1},2:{},5:{}x").await.unwrap();
        });
        let (read, _write) = TcpStream::connect(addr).await.unwrap().into_split();
        let mut reader = BufReader::new(read);
        assert_eq!(
            read_netstring(&mut reader).await.unwrap(),
            json!({"event": 1})
        );
        assert_eq!(read_netstring(&mut reader).await.unwrap(), json!({}));
        assert!(read_netstring(&mut reader).await.is_err());
        server.await.unwrap();
    }
}
