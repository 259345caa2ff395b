//! The command line: `serve`; the terminal softphone `call`; the operator tools `taxcode`,
//! `calendar`, `domestic`, `flow check`, `prompts render` and `agent-phone`.
//!
//! Every command reports bad input as one line on stderr and a non-zero exit status.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use jiff::Timestamp;

pub use crate::agent_phone_cmd::AgentPhoneCommand;
pub use crate::call_cmd::CallArgs;
pub use crate::domestic_cmd::DomesticCommand;
use crate::ivr_cmd::ProfileDir;
use crate::{App, AppConfig, Profile};

#[derive(Debug, Parser)]
#[command(
    name = "centralino",
    version,
    about = "A multichannel contact center for public-service agencies"
)]
pub struct Cli {
    /// A profile folder (centralino.toml, offices.csv); the built-in INPS profile by default.
    #[arg(long, global = true, value_name = "DIR")]
    pub profile: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the contact center.
    Serve(ServeArgs),
    /// Check Italian tax codes: one JSON object a line for each code (codes from stdin, one a
    /// line, when none are given).
    Taxcode { codes: Vec<String> },
    /// Holidays and opening hours.
    #[command(subcommand)]
    Calendar(CalendarCommand),
    /// Domestic-work contributions.
    #[command(subcommand)]
    Domestic(DomesticCommand),
    /// Call a number: one contact through the real flows and back office on the local
    /// database, with a scripted caller and a simulated clock (the terminal softphone).
    Call(CallArgs),
    /// The IVR flows.
    #[command(subcommand)]
    Flow(FlowCommand),
    /// The spoken prompts.
    #[command(subcommand)]
    Prompts(PromptsCommand),
    /// Agents' SIP phones (the extensions the registrar accepts).
    #[command(subcommand)]
    AgentPhone(AgentPhoneCommand),
}

#[derive(Debug, Subcommand)]
pub enum FlowCommand {
    /// Check the profile's flows against the operations, the prompts in all eight languages,
    /// the calendars, the entry points and the survey; `file:line: error: …` for each problem.
    Check {
        /// The profile folder (else --profile, else the built-in INPS profile).
        profile_dir: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PromptsCommand {
    /// Speak every prompt without arguments, in every language, into the audio cache
    /// (DATA_DIR/prompts-cache).
    Render {
        /// The profile folder (else --profile, else the built-in INPS profile).
        profile_dir: Option<PathBuf>,
        /// Where the database and files live (the cache is in its prompts-cache folder).
        #[arg(long, value_name = "DIR", default_value = "data")]
        data_dir: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Create the synthetic demo population in an empty database and print identities to try.
    #[arg(long)]
    pub demo: bool,
    /// HTTP address (default: the profile's, 127.0.0.1:8080).
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<SocketAddr>,
    /// Where the database and files live.
    #[arg(long, value_name = "DIR", default_value = "data")]
    pub data_dir: PathBuf,
    /// Database URL (default: sqlite://DATA_DIR/centralino.db).
    #[arg(long, value_name = "URL")]
    pub database: Option<String>,
    /// SIP address for calls into the IVR, UDP and TCP (default 127.0.0.1:5060; when the
    /// default is taken, the server runs without SIP and says so).
    #[arg(long, value_name = "ADDR")]
    pub sip: Option<SocketAddr>,
    /// SIP calls at once; a new call beyond gets 486 Busy Here.
    #[arg(long, value_name = "N", default_value_t = 2_000)]
    pub sip_max_calls: usize,
    /// New SIP calls per second (a token bucket, bursts up to N); a call beyond gets 503
    /// Service Unavailable with Retry-After. 0: no limit.
    #[arg(long, value_name = "N", default_value_t = sip_edge::DEFAULT_SETUP_RATE)]
    pub sip_max_cps: u32,
}

#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// Italian national holidays of a year: `YYYY-MM-DD<TAB>name` lines.
    Holidays { year: String },
    /// Whether a calendar of the profile is open at an instant (RFC 3339), and its next opening.
    At { name: String, at: String },
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Serve(args) => serve(
            load_profile(cli.profile.as_deref())?,
            cli.profile.clone(),
            args,
        ),
        Command::Taxcode { codes } => crate::taxcode_cmd::run(&codes),
        Command::Calendar(CalendarCommand::Holidays { year }) => holidays(&year),
        Command::Calendar(CalendarCommand::At { name, at }) => {
            calendar_at(&load_profile(cli.profile.as_deref())?, &name, &at)
        }
        Command::Domestic(command) => crate::domestic_cmd::run(command),
        Command::Call(args) => {
            init_tracing("warn");
            crate::call_cmd::run(&ProfileDir::new(cli.profile.as_deref()), args)
        }
        Command::Flow(FlowCommand::Check { profile_dir }) => crate::ivr_cmd::flow_check(
            &ProfileDir::new(profile_dir.as_deref().or(cli.profile.as_deref())),
        ),
        Command::AgentPhone(command) => {
            init_tracing("warn");
            crate::agent_phone_cmd::run(command)
        }
        Command::Prompts(PromptsCommand::Render {
            profile_dir,
            data_dir,
        }) => {
            init_tracing("warn");
            crate::ivr_cmd::prompts_render(
                &ProfileDir::new(profile_dir.as_deref().or(cli.profile.as_deref())),
                &data_dir,
            )
        }
    }
}

fn load_profile(dir: Option<&std::path::Path>) -> anyhow::Result<Profile> {
    Ok(match dir {
        Some(dir) => Profile::load(dir)?,
        None => Profile::inps()?,
    })
}

fn holidays(year: &str) -> anyhow::Result<ExitCode> {
    let year: i16 = year
        .trim()
        .parse()
        .ok()
        .filter(|y| (1950..=9999).contains(y))
        .with_context(|| format!("year {year:?} must be a number from 1950 to 9999"))?;
    let mut out = std::io::stdout().lock();
    for holiday in calendar::national_holidays(year) {
        writeln!(out, "{}\t{}", holiday.date, holiday.name)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn calendar_at(profile: &Profile, name: &str, at: &str) -> anyhow::Result<ExitCode> {
    let Some(cal) = profile.calendars.get(name) else {
        let known: Vec<_> = profile.calendars.names().collect();
        bail!(
            "no calendar named {name:?} in the profile (known: {})",
            known.join(", ")
        );
    };
    let at: Timestamp = at.trim().parse().with_context(|| {
        format!("{at:?} is not an RFC 3339 instant like 2026-11-30T08:00:00+01:00")
    })?;
    let mut out = std::io::stdout().lock();
    if cal.is_open(at) {
        writeln!(out, "open")?;
        match cal.next_close(at) {
            Some(close) => {
                writeln!(out, "closes: {close}")?;
                match cal.next_open(close.timestamp()) {
                    Some(next) => writeln!(out, "next opening: {next}")?,
                    None => writeln!(out, "next opening: none")?,
                }
            }
            None => writeln!(out, "closes: never")?,
        }
    } else {
        writeln!(out, "closed")?;
        match cal.next_open(at) {
            Some(next) => writeln!(out, "next opening: {next}")?,
            None => writeln!(out, "next opening: none")?,
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn serve(
    profile: Profile,
    profile_dir: Option<PathBuf>,
    args: ServeArgs,
) -> anyhow::Result<ExitCode> {
    // rsipstack logs every datagram at info.
    init_tracing("info,rsipstack=warn");
    let database_url = match args.database {
        Some(url) => url,
        None => {
            std::fs::create_dir_all(&args.data_dir).with_context(|| {
                format!("creating the data directory {}", args.data_dir.display())
            })?;
            format!("sqlite://{}", args.data_dir.join("centralino.db").display())
        }
    };
    let config = AppConfig {
        http_listen: args.listen.unwrap_or(profile.http_listen),
        profile,
        database_url,
        data_dir: args.data_dir,
        demo: args.demo,
        sip: Some(crate::SipOptions {
            required: args.sip.is_some(),
            profile_dir,
            max_calls: args.sip_max_calls,
            max_setup_rate: (args.sip_max_cps > 0)
                .then(|| sip_edge::RateLimit::per_second(args.sip_max_cps)),
            ..crate::SipOptions::new(args.sip.unwrap_or(DEFAULT_SIP))
        }),
    };
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(async {
        let institute = config.profile.institute.short_name.clone();
        let app = App::build(config).await?;
        let mut out = std::io::stdout().lock();
        writeln!(
            out,
            "centralino ({institute} profile) listening on http://{}",
            app.http_addr()
        )?;
        let showcase = app.showcase();
        if !showcase.identities.is_empty() {
            writeln!(out, "Demo identities to try (synthetic people):")?;
            for (label, code) in &showcase.identities {
                writeln!(out, "  {code}  {label}")?;
            }
        }
        if !showcase.tips.is_empty() {
            writeln!(out, "Things to try (REST API, see /api/openapi.json):")?;
            for tip in &showcase.tips {
                writeln!(out, "  {tip}")?;
            }
        }
        if let Some(sip) = app.sip_addr() {
            writeln!(
                out,
                "Call the IVR over SIP (UDP or TCP): sip:803164@{sip} (any SIP phone, SIPp, baresip)"
            )?;
            if !showcase.agent_phones.is_empty() {
                writeln!(
                    out,
                    "Agent phones: register a SIP phone as EXT@{sip} (realm {}), EXT/password:",
                    sip_edge::DEFAULT_REALM
                )?;
                for row in showcase.agent_phones.chunks(5) {
                    let pairs: Vec<String> = row.iter().map(|(e, p)| format!("{e}/{p}")).collect();
                    writeln!(out, "  {}", pairs.join("  "))?;
                }
            }
        }
        out.flush()?;
        drop(out);
        app.run_until(shutdown_signal()).await?;
        tracing::info!("stopped");
        Ok(ExitCode::SUCCESS)
    })
}

/// Where `serve` takes SIP calls without `--sip`.
const DEFAULT_SIP: SocketAddr =
    SocketAddr::new(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST), 5060);

/// Completes on SIGINT (Ctrl-C) or SIGTERM.
async fn shutdown_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => tracing::info!("SIGINT: shutting down"),
        () = terminate => tracing::info!("SIGTERM: shutting down"),
    }
}

fn init_tracing(default: &str) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    // A second call (tests) finds a subscriber installed and leaves it.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
