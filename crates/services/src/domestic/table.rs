//! The published contribution tables (DOMAIN §5.2) as data: `data/domestic_contributions.csv`,
//! embedded in the binary, parsed and validated at first use. A malformed file is an error that
//! names its line, never a panic and never a silently wrong amount.

use std::fmt;
use std::sync::LazyLock;

use domain::Money;
use store::domestic::WeeklyHours;

/// The embedded table file.
pub(crate) const DATA: &str = include_str!("../../data/domestic_contributions.csv");

/// The file name errors refer to.
const SOURCE: &str = "domestic_contributions.csv";

/// The contribution band of a relationship, decided by the effective hourly wage, or by the
/// hours when they are more than 24 a week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Band {
    /// Effective hourly wage up to the first threshold (e.g. 9.48 in 2025).
    Low,
    /// Over the first threshold, up to the second (e.g. 9.48–11.54).
    Middle,
    /// Over the second threshold (e.g. over 11.54).
    High,
    /// More than 24 hours a week with the same employer: one flat rate whatever the wage.
    Over24Hours,
}

impl Band {
    pub const ALL: [Band; 4] = [Band::Low, Band::Middle, Band::High, Band::Over24Hours];

    /// A stable machine name: `low`, `middle`, `high`, `over_24h`.
    pub fn code(self) -> &'static str {
        match self {
            Band::Low => "low",
            Band::Middle => "middle",
            Band::High => "high",
            Band::Over24Hours => "over_24h",
        }
    }

    fn index(self) -> usize {
        match self {
            Band::Low => 0,
            Band::Middle => 1,
            Band::High => 2,
            Band::Over24Hours => 3,
        }
    }
}

/// An hourly contribution: what the employer pays in all, and the share it may withhold from
/// the worker's pay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HourlyRate {
    pub total: Money,
    pub worker: Money,
}

/// One band of a year: its conventional wage and its four contribution cells.
#[derive(Clone, Debug, PartialEq, Eq)]
struct BandRow {
    conventional_wage: Money,
    /// Indexed by [`cell_index`]: permanent/fixed-term × with/without CUAF.
    cells: [HourlyRate; 4],
}

fn cell_index(fixed_term: bool, cuaf: bool) -> usize {
    usize::from(fixed_term) * 2 + usize::from(!cuaf)
}

/// The published table of one year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContributionTable {
    year: i16,
    /// Upper bound (inclusive) of the effective hourly wage of [`Band::Low`].
    low_max: Money,
    /// Upper bound (inclusive) of [`Band::Middle`].
    middle_max: Money,
    bands: [BandRow; 4],
    cassa_colf: HourlyRate,
}

impl ContributionTable {
    pub fn year(&self) -> i16 {
        self.year
    }

    /// The band for an effective hourly wage and the weekly hours: more than 24 hours a week is
    /// [`Band::Over24Hours`] whatever the wage; otherwise "up to" bounds are inclusive (a wage of
    /// exactly 9.48 in 2025 is [`Band::Low`]).
    pub fn band_for(&self, effective_hourly_wage: Money, weekly_hours: WeeklyHours) -> Band {
        if weekly_hours.over_24() {
            Band::Over24Hours
        } else if effective_hourly_wage <= self.low_max {
            Band::Low
        } else if effective_hourly_wage <= self.middle_max {
            Band::Middle
        } else {
            Band::High
        }
    }

    /// The band as published: `up to 9.48`, `9.48-11.54`, `over 11.54`, `over 24h`.
    pub fn band_label(&self, band: Band) -> String {
        match band {
            Band::Low => format!("up to {}", self.low_max),
            Band::Middle => format!("{}-{}", self.low_max, self.middle_max),
            Band::High => format!("over {}", self.middle_max),
            Band::Over24Hours => "over 24h".to_owned(),
        }
    }

    /// The conventional hourly wage the band's contribution is computed on.
    pub fn conventional_wage(&self, band: Band) -> Money {
        self.bands[band.index()].conventional_wage
    }

    /// The hourly contribution of a band for a contract (fixed-term or permanent) with or
    /// without CUAF.
    pub fn rate(&self, band: Band, fixed_term: bool, cuaf: bool) -> HourlyRate {
        self.bands[band.index()].cells[cell_index(fixed_term, cuaf)]
    }

    /// The Cassa Colf contribution per paid hour (when the CCNL applies).
    pub fn cassa_colf(&self) -> HourlyRate {
        self.cassa_colf
    }
}

/// The embedded table file is malformed: which line, and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{SOURCE} line {line}: {message}")]
pub struct TableError {
    pub line: usize,
    pub message: String,
}

static TABLES: LazyLock<Result<Vec<ContributionTable>, TableError>> = LazyLock::new(|| parse(DATA));

/// The tables of every published year, oldest first, parsed at first use.
pub fn tables() -> Result<&'static [ContributionTable], TableError> {
    match &*TABLES {
        Ok(tables) => Ok(tables),
        Err(e) => Err(e.clone()),
    }
}

/// The years with a published table.
pub fn table_years() -> Result<Vec<i16>, TableError> {
    Ok(tables()?.iter().map(|t| t.year).collect())
}

/// The table of `year`, if published.
pub fn table_for(year: i16) -> Result<Option<&'static ContributionTable>, TableError> {
    Ok(tables()?.iter().find(|t| t.year == year))
}

/// A year being read: its bands so far.
struct PartialYear {
    year: i16,
    last_line: usize,
    low_max: Option<Money>,
    middle_max: Option<Money>,
    bands: Vec<BandRow>,
    cassa_colf: Option<HourlyRate>,
}

impl PartialYear {
    fn finish(self) -> Result<ContributionTable, TableError> {
        let missing = |what: &str| TableError {
            line: self.last_line,
            message: format!("year {} has no {what} line", self.year),
        };
        let Some(cassa_colf) = self.cassa_colf else {
            return Err(missing("\"cassa colf\""));
        };
        let (Some(low_max), Some(middle_max)) = (self.low_max, self.middle_max) else {
            return Err(missing("\"X-Y\" band"));
        };
        let year = self.year;
        let bands: [BandRow; 4] = self.bands.try_into().map_err(|bands: Vec<BandRow>| {
            let expected = ["\"up to X\"", "\"X-Y\"", "\"over Y\"", "\"over 24h\""];
            missing(&format!("{} band", expected[bands.len().min(3)]))
        })?;
        Ok(ContributionTable {
            year,
            low_max,
            middle_max,
            bands,
            cassa_colf,
        })
    }
}

/// Parses and validates a table file (see the file's header for its format).
pub(crate) fn parse(text: &str) -> Result<Vec<ContributionTable>, TableError> {
    let mut tables: Vec<ContributionTable> = Vec::new();
    let mut current: Option<PartialYear> = None;
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let content = raw.trim();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let err = |message: String| TableError { line, message };
        let fields: Vec<&str> = content.split('|').map(str::trim).collect();
        let year: i16 = fields[0]
            .parse()
            .ok()
            .filter(|y| (1950..=9998).contains(y))
            .ok_or_else(|| err(format!("{:?} is not a year from 1950 to 9998", fields[0])))?;
        let same_year = current.as_ref().is_some_and(|c| c.year == year);
        if !same_year {
            if let Some(done) = current.take() {
                tables.push(done.finish()?);
            }
            if let Some(previous) = tables.last()
                && previous.year >= year
            {
                return Err(err(format!(
                    "year {year} comes after {}: years must be in increasing order, each \
                     year's lines together",
                    previous.year
                )));
            }
            current = Some(PartialYear {
                year,
                last_line: line,
                low_max: None,
                middle_max: None,
                bands: Vec::new(),
                cassa_colf: None,
            });
        }
        let Some(partial) = current.as_mut() else {
            continue; // unreachable: set just above
        };
        partial.last_line = line;
        let Some(label) = fields.get(1).copied() else {
            return Err(err("a band or \"cassa colf\" must follow the year".into()));
        };
        if label == "cassa colf" {
            if fields.len() != 3 {
                return Err(err(format!(
                    "a \"cassa colf\" line has 3 fields (year | cassa colf | rate), found {}",
                    fields.len()
                )));
            }
            if partial.cassa_colf.is_some() {
                return Err(err(format!("a second \"cassa colf\" line for {year}")));
            }
            let (total, worker) = cell(fields[2]).map_err(|m| err(format!("cassa colf: {m}")))?;
            let worker = worker.ok_or_else(|| {
                err("cassa colf: the worker share must be given in brackets".into())
            })?;
            partial.cassa_colf = Some(HourlyRate { total, worker });
            continue;
        }
        read_band(partial, label, &fields).map_err(err)?;
    }
    if let Some(done) = current.take() {
        tables.push(done.finish()?);
    }
    if tables.is_empty() {
        return Err(TableError {
            line: text.lines().count(),
            message: "the file holds no table".into(),
        });
    }
    Ok(tables)
}

/// Reads one band line into the year being read.
fn read_band(partial: &mut PartialYear, label: &str, fields: &[&str]) -> Result<(), String> {
    let position = partial.bands.len();
    let expected = match position {
        0 => Band::Low,
        1 => Band::Middle,
        2 => Band::High,
        3 => Band::Over24Hours,
        _ => return Err(format!("year {} already has its four bands", partial.year)),
    };
    let threshold = |text: &str| -> Result<Money, String> {
        money(text).map_err(|m| format!("band {label:?}: {m}"))
    };
    match expected {
        Band::Low => {
            let bound = label
                .strip_prefix("up to ")
                .ok_or_else(|| format!("the first band must be \"up to X\", found {label:?}"))?;
            partial.low_max = Some(threshold(bound)?);
        }
        Band::Middle => {
            let (from, to) = label
                .split_once('-')
                .ok_or_else(|| format!("the second band must be \"X-Y\", found {label:?}"))?;
            let (from, to) = (threshold(from.trim())?, threshold(to.trim())?);
            if Some(from) != partial.low_max {
                return Err(format!(
                    "band {label:?} must start where \"up to\" ends ({})",
                    partial.low_max.unwrap_or_default()
                ));
            }
            if to <= from {
                return Err(format!("band {label:?} ends before it starts"));
            }
            partial.middle_max = Some(to);
        }
        Band::High => {
            let bound = label
                .strip_prefix("over ")
                .ok_or_else(|| format!("the third band must be \"over Y\", found {label:?}"))?;
            if Some(threshold(bound)?) != partial.middle_max {
                return Err(format!(
                    "band {label:?} must start where the \"X-Y\" band ends ({})",
                    partial.middle_max.unwrap_or_default()
                ));
            }
        }
        Band::Over24Hours => {
            if label != "over 24h" {
                return Err(format!(
                    "the fourth band must be \"over 24h\", found {label:?}"
                ));
            }
        }
    }
    if fields.len() != 7 {
        return Err(format!(
            "a band line has 7 fields (year | band | conventional wage | 4 contributions), \
             found {}",
            fields.len()
        ));
    }
    let conventional_wage =
        money(fields[2]).map_err(|m| format!("conventional wage of {label:?}: {m}"))?;
    if let Some(previous) = partial.bands.last()
        && expected != Band::Over24Hours
        && conventional_wage <= previous.conventional_wage
    {
        return Err(format!(
            "the conventional wage of {label:?} ({conventional_wage}) must be higher than the \
             previous band's ({})",
            previous.conventional_wage
        ));
    }
    let columns = [
        "permanent with CUAF",
        "permanent no CUAF",
        "fixed-term with CUAF",
        "fixed-term no CUAF",
    ];
    let mut cells = [HourlyRate {
        total: Money::ZERO,
        worker: Money::ZERO,
    }; 4];
    for (i, column) in columns.iter().enumerate() {
        let (total, worker) = cell(fields[3 + i]).map_err(|m| format!("{column}: {m}"))?;
        let worker = match worker {
            Some(worker) => worker,
            // A fixed-term cell without a share: the permanent one of the same CUAF column.
            None if i >= 2 => cells[i - 2].worker,
            None => {
                return Err(format!(
                    "{column}: the worker share must be given in brackets"
                ));
            }
        };
        if i >= 2 && total < cells[i - 2].total {
            return Err(format!(
                "{column}: {total} is less than the permanent contract's {} (the fixed-term \
                 surcharge only adds)",
                cells[i - 2].total
            ));
        }
        cells[i] = HourlyRate { total, worker };
    }
    partial.bands.push(BandRow {
        conventional_wage,
        cells,
    });
    Ok(())
}

/// A contribution cell: `1.66 (0.42)` or `1.78`.
fn cell(text: &str) -> Result<(Money, Option<Money>), String> {
    let (total, worker) = match text.split_once('(') {
        Some((total, rest)) => {
            let worker = rest
                .trim()
                .strip_suffix(')')
                .ok_or_else(|| format!("{text:?} lacks the closing bracket"))?;
            (total.trim(), Some(worker.trim()))
        }
        None => (text, None),
    };
    let total = money(total)?;
    let worker = worker.map(money).transpose()?;
    if let Some(worker) = worker
        && worker > total
    {
        return Err(format!(
            "the worker share {worker} is more than the total {total}"
        ));
    }
    Ok((total, worker))
}

/// A positive amount of euro with two decimals, as published: `1.66`.
fn money(text: &str) -> Result<Money, String> {
    let amount: Money = text.parse().map_err(|e| format!("{e}"))?;
    if amount <= Money::ZERO {
        return Err(format!("{text:?} must be more than 0"));
    }
    Ok(amount)
}

impl fmt::Display for Band {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests;
