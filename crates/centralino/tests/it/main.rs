//! End-to-end tests: the real server on a free port, the real binary with real input.

mod api;
mod baresip;
mod browser;
mod call;
mod cli;
mod domestic;
mod portal;
mod serve;
mod sip;
mod sip_bad_input;
mod transcripts;

use std::process::{Command, Output};

/// Runs the built `centralino` binary with `args` and `stdin`.
pub(crate) fn centralino(args: &[&str], stdin: Option<&str>) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_centralino"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    let text = stdin.unwrap_or("").to_owned();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(text.as_bytes());
    });
    let output = child.wait_with_output().expect("the binary runs");
    writer.join().expect("stdin writer");
    output
}

pub(crate) fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
