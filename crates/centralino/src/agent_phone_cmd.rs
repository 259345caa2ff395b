//! `centralino agent-phone`: the SIP extensions agents register their phones with.
//!
//! - `agent-phone set EXT --password-stdin [--name NAME]` creates the phone or sets its
//!   password (read from the first line of stdin, so it stays out of the shell history and
//!   the process list); only the digest HA1 for the registrar's realm is stored.
//! - `agent-phone list` prints `EXT<TAB>NAME<TAB>UPDATED` lines (never a credential).

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::Subcommand;
use jiff::Timestamp;

#[derive(Debug, Subcommand)]
pub enum AgentPhoneCommand {
    /// Create an agent phone or change its password (read from stdin).
    Set {
        /// The SIP extension, e.g. 1001 (1–32 letters, digits, '.', '-', '_').
        extension: String,
        /// Read the password from the first line of stdin (required: never on the command
        /// line).
        #[arg(long)]
        password_stdin: bool,
        /// The name shown for it (default: "Postazione EXT" for a new phone, unchanged
        /// otherwise).
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        /// Where the database lives.
        #[arg(long, value_name = "DIR", default_value = "data")]
        data_dir: PathBuf,
    },
    /// List the agent phones.
    List {
        /// Where the database lives.
        #[arg(long, value_name = "DIR", default_value = "data")]
        data_dir: PathBuf,
    },
}

/// Shortest password accepted.
const MIN_PASSWORD: usize = 8;

pub(crate) fn run(command: AgentPhoneCommand) -> anyhow::Result<ExitCode> {
    match command {
        AgentPhoneCommand::Set {
            extension,
            password_stdin,
            name,
            data_dir,
        } => {
            check_extension(&extension)?;
            if !password_stdin {
                bail!("give the password on stdin with --password-stdin");
            }
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .context("reading the password from stdin")?;
            let password = line.trim_end_matches(['\n', '\r']);
            if password.chars().count() < MIN_PASSWORD {
                bail!("the password must have at least {MIN_PASSWORD} characters");
            }
            let ha1 = sip_edge::Ha1::from_password(&extension, sip_edge::DEFAULT_REALM, password);
            block_on(set(&data_dir, &extension, name, ha1))?;
            let mut out = std::io::stdout().lock();
            writeln!(
                out,
                "agent phone {extension}: password set (realm {})",
                sip_edge::DEFAULT_REALM
            )?;
            Ok(ExitCode::SUCCESS)
        }
        AgentPhoneCommand::List { data_dir } => {
            let phones = block_on(async {
                let store = open(&data_dir).await?;
                let phones = store.agent_phones().all().await;
                store.close().await;
                Ok(phones?)
            })?;
            let mut out = std::io::stdout().lock();
            for phone in phones {
                writeln!(
                    out,
                    "{}\t{}\t{}",
                    phone.extension, phone.display_name, phone.updated_at
                )?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn check_extension(extension: &str) -> anyhow::Result<()> {
    let ok = (1..=32).contains(&extension.len())
        && extension
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
    if !ok {
        bail!("extension {extension:?} must be 1–32 letters, digits, '.', '-' or '_'");
    }
    Ok(())
}

async fn set(
    data_dir: &Path,
    extension: &str,
    name: Option<String>,
    ha1: sip_edge::Ha1,
) -> anyhow::Result<()> {
    let store = open(data_dir).await?;
    let phones = store.agent_phones();
    let existing = phones.by_extension(extension).await?;
    let display_name = name
        .or_else(|| existing.map(|p| p.display_name))
        .unwrap_or_else(|| format!("Postazione {extension}"));
    phones
        .upsert(&store::agent_phones::AgentPhone {
            extension: extension.to_owned(),
            display_name,
            realm: sip_edge::DEFAULT_REALM.to_owned(),
            ha1: ha1.as_hex().to_owned(),
            updated_at: Timestamp::now(),
        })
        .await
        .context("storing the agent phone")?;
    store.close().await;
    Ok(())
}

async fn open(data_dir: &Path) -> anyhow::Result<store::Store> {
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("creating the data directory {}", data_dir.display()))?;
    let url = format!("sqlite://{}", data_dir.join("centralino.db").display());
    store::Store::open(&url)
        .await
        .with_context(|| format!("opening the database {url}"))
}

fn block_on<T>(future: impl Future<Output = anyhow::Result<T>>) -> anyhow::Result<T> {
    tokio::runtime::Runtime::new()
        .context("starting the async runtime")?
        .block_on(future)
}
