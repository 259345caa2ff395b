//! `centralino domestic quote`: the contributions of a domestic worker for a quarter, as one JSON
//! object (DOMAIN §5.3), from the published tables compiled into the binary.
//!
//! Output fields: `year`, `quarter`, `band`, `band_label`, `effective_hourly_wage_cents`,
//! `conventional_wage_cents`, `first_week_day`, `last_week_day`, `weeks`, `hours`,
//! `hourly_contribution_cents`, `worker_hourly_share_cents`, `amount_cents`,
//! `worker_share_cents`, `cassa_colf_cents`, `cassa_colf_worker_share_cents`, `total_cents`,
//! `due_date` (dates as YYYY-MM-DD). Every argument is read as text and checked here, so bad
//! input is one `error: …` line naming the argument, never clap's usage screen or a panic.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;
use domain::Money;
use serde::Serialize;
use services::domestic::{Quarter, QuoteParams, WeeklyHours, quote};

#[derive(Debug, Subcommand)]
pub enum DomesticCommand {
    /// The contributions of a quarter for a wage and weekly hours: one JSON object.
    Quote(QuoteArgs),
}

#[derive(Debug, clap::Args)]
pub struct QuoteArgs {
    /// The year (a contribution table must exist for it: 2024, 2025, 2026).
    #[arg(long, value_name = "Y", allow_hyphen_values = true)]
    year: String,
    /// The quarter: 1, 2, 3 or 4.
    #[arg(long, value_name = "Q", allow_hyphen_values = true)]
    quarter: String,
    /// Agreed gross pay per hour in euro, e.g. 9.50 (without the 13th month).
    #[arg(long, value_name = "X", allow_hyphen_values = true)]
    hourly_wage: String,
    /// Contracted hours a week, e.g. 20 or 12.5.
    #[arg(long, value_name = "H", allow_hyphen_values = true)]
    weekly_hours: String,
    /// No family-allowance contribution (some spouses and cohabiting relatives).
    #[arg(long)]
    no_cuaf: bool,
    /// A fixed-term contract (employer surcharge of 1.40%).
    #[arg(long)]
    fixed_term: bool,
    /// Board and lodging of a live-in worker, euro per hour of work (raises the effective wage).
    #[arg(long, value_name = "V", allow_hyphen_values = true)]
    live_in_value: Option<String>,
    /// The national CCNL does not apply: no Cassa Colf contribution.
    #[arg(long)]
    no_cassa_colf: bool,
}

#[derive(Serialize)]
struct QuoteJson {
    year: i16,
    quarter: u8,
    band: String,
    band_label: String,
    effective_hourly_wage_cents: i64,
    conventional_wage_cents: i64,
    first_week_day: String,
    last_week_day: String,
    weeks: u32,
    hours: serde_json::Number,
    hourly_contribution_cents: i64,
    worker_hourly_share_cents: i64,
    amount_cents: i64,
    worker_share_cents: i64,
    cassa_colf_cents: i64,
    cassa_colf_worker_share_cents: i64,
    total_cents: i64,
    due_date: String,
}

pub(crate) fn run(command: DomesticCommand) -> anyhow::Result<ExitCode> {
    match command {
        DomesticCommand::Quote(args) => quote_command(&args),
    }
}

fn quote_command(args: &QuoteArgs) -> anyhow::Result<ExitCode> {
    let json = quote_json(args)?;
    let mut out = std::io::stdout().lock();
    serde_json::to_writer(&mut out, &json)?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn quote_json(args: &QuoteArgs) -> anyhow::Result<QuoteJson> {
    let year: i16 = args
        .year
        .trim()
        .parse()
        .ok()
        .with_context(|| format!("--year {:?} is not a year like 2026", args.year))?;
    let quarter = Quarter::parse(&args.quarter).context("--quarter")?;
    let hourly_wage: Money = args.hourly_wage.parse().context("--hourly-wage")?;
    let weekly_hours = WeeklyHours::parse(&args.weekly_hours).context("--weekly-hours")?;
    let live_in_value: Money = match &args.live_in_value {
        Some(text) => text.parse().context("--live-in-value")?,
        None => Money::ZERO,
    };
    let mut params = QuoteParams::new(year, quarter, hourly_wage, weekly_hours);
    params.cuaf = !args.no_cuaf;
    params.fixed_term = args.fixed_term;
    params.live_in_value = live_in_value;
    params.cassa_colf = !args.no_cassa_colf;
    let q = quote(&params)?;
    Ok(QuoteJson {
        year: q.year,
        quarter: q.quarter.number(),
        band: q.band.code().to_owned(),
        band_label: q.band_label,
        effective_hourly_wage_cents: q.effective_hourly_wage.cents(),
        conventional_wage_cents: q.conventional_wage.cents(),
        first_week_day: q.first_week_day.to_string(),
        last_week_day: q.last_week_day.to_string(),
        weeks: q.weeks,
        hours: hours_number(q.hours_hundredths),
        hourly_contribution_cents: q.hourly_contribution.cents(),
        worker_hourly_share_cents: q.worker_hourly_share.cents(),
        amount_cents: q.amount.cents(),
        worker_share_cents: q.worker_share.cents(),
        cassa_colf_cents: q.cassa_colf.cents(),
        cassa_colf_worker_share_cents: q.cassa_colf_worker_share.cents(),
        total_cents: q.total.cents(),
        due_date: q.due_date.to_string(),
    })
}

/// Hours as a JSON number: an integer when whole (`260`), else a decimal (`162.5`).
fn hours_number(hundredths: i64) -> serde_json::Number {
    if hundredths % 100 == 0 {
        serde_json::Number::from(hundredths / 100)
    } else {
        // Hundredths as f64 are exact enough for display (no more than 2 decimals shown).
        serde_json::Number::from_f64(hundredths as f64 / 100.0)
            .unwrap_or_else(|| serde_json::Number::from(hundredths / 100))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_are_integers_when_whole() {
        assert_eq!(hours_number(26_000).to_string(), "260");
        assert_eq!(hours_number(16_250).to_string(), "162.5");
        assert_eq!(hours_number(167).to_string(), "1.67");
    }
}
