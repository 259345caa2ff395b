//! `centralino`: the contact center's one binary.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = centralino::cli::Cli::parse();
    match centralino::cli::run(cli) {
        Ok(code) => code,
        Err(err) => {
            // One line, naming what is wrong, with its causes.
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
