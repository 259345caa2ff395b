//! The IVR side of a profile folder — flows and prompt catalogs — and the operator commands on
//! it: `flow check` and `prompts render`.
//!
//! The built-in INPS profile is compiled into the binary (`build.rs` embeds its flows and
//! prompt catalogs, `config` its settings and offices), so the binary runs the same IVR from any
//! directory; `--profile DIR` reads another folder instead.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use call_control::check::check_profile;
use call_control::{CatalogPrompts, EntryChannel, EntryPoint};
use flow::{Flows, Severity};

use crate::Profile;
use crate::config::Channel;

include!(concat!(env!("OUT_DIR"), "/built_in_profile.rs"));

/// The label of the built-in profile in messages (its files are compiled in).
const BUILT_IN_LABEL: &str = "profiles/inps";

/// A profile folder and how to name it in messages.
#[derive(Debug, Clone)]
pub(crate) struct ProfileDir {
    pub(crate) path: PathBuf,
    /// `profiles/inps` for the built-in one, the path as given otherwise.
    pub(crate) label: String,
    pub(crate) built_in: bool,
}

impl ProfileDir {
    pub(crate) fn new(given: Option<&Path>) -> ProfileDir {
        match given {
            Some(path) => ProfileDir {
                path: path.to_path_buf(),
                label: path.display().to_string(),
                built_in: false,
            },
            None => ProfileDir {
                path: PathBuf::from(BUILT_IN_LABEL),
                label: BUILT_IN_LABEL.to_owned(),
                built_in: true,
            },
        }
    }

    /// The profile's settings (`centralino.toml`, `offices.csv`).
    pub(crate) fn profile(&self) -> anyhow::Result<Profile> {
        Ok(if self.built_in {
            Profile::inps()?
        } else {
            Profile::load(&self.path)?
        })
    }

    /// Where the profile's settings are written, for messages.
    pub(crate) fn settings_file(&self) -> String {
        format!("{}/centralino.toml", self.label)
    }

    /// Every `flows/*.toml`, in name order; each problem as a `file:line: error: …` line.
    pub(crate) fn flows(&self) -> Result<Flows, Vec<String>> {
        if self.built_in {
            let sources: Vec<(String, &str)> = BUILT_IN_FILES
                .iter()
                .filter(|(path, _)| path.starts_with("flows/"))
                .map(|(path, text)| (format!("{BUILT_IN_LABEL}/{path}"), *text))
                .collect();
            return parse_flows(sources.iter().map(|(f, t)| (f.as_str(), *t)));
        }
        let folder = self.path.join("flows");
        let entries = std::fs::read_dir(&folder).map_err(|e| {
            vec![format!(
                "{}/flows: error: cannot read the flows folder: {e}",
                self.label
            )]
        })?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml") && p.is_file())
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(vec![format!(
                "{}/flows: error: no flow files (*.toml)",
                self.label
            )]);
        }
        let mut sources = Vec::new();
        let mut problems = Vec::new();
        for file in &files {
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let shown = format!("{}/flows/{name}", self.label);
            match std::fs::read_to_string(file) {
                Ok(text) => sources.push((shown, text)),
                Err(e) => problems.push(format!("{shown}: error: {e}")),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        parse_flows(sources.iter().map(|(f, t)| (f.as_str(), t.as_str())))
    }

    /// The prompt catalogs (`prompts/<lang>/*.ftl`, `info/<lang>/*.ftl`).
    pub(crate) fn catalog(&self) -> Result<prompts::Catalog, prompts::CatalogError> {
        if !self.built_in {
            return prompts::Catalog::load(&self.path);
        }
        let sources = BUILT_IN_FILES.iter().filter_map(|(path, text)| {
            let mut parts = path.split('/');
            let area = parts.next()?;
            let language = parts.next()?.parse::<domain::Language>().ok()?;
            (area == "prompts" || area == "info").then(|| prompts::CatalogSource {
                language,
                path: PathBuf::from(format!("{BUILT_IN_LABEL}/{path}")),
                text: (*text).to_owned(),
            })
        });
        prompts::Catalog::from_sources(sources)
    }
}

/// Parses flow sources; each problem as a `file:line: error: …` line.
fn parse_flows<'a>(
    sources: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Flows, Vec<String>> {
    Flows::parse(sources).map_err(|errors| {
        errors
            .iter()
            .map(|e| {
                let mut line = e.file.clone();
                if let Some(n) = e.line {
                    line.push_str(&format!(":{n}"));
                }
                line.push_str(": error: ");
                if let Some(key) = &e.key {
                    line.push_str(&format!("key `{key}`: "));
                }
                line.push_str(&e.message);
                line
            })
            .collect()
    })
}

/// The profile's entry points as call-control sees them.
pub(crate) fn entry_points(profile: &Profile) -> Vec<EntryPoint> {
    profile
        .entry_points
        .iter()
        .map(|e| EntryPoint {
            number: e.number.clone(),
            flow: e.flow.clone(),
            country: e.country.clone(),
            channel: match e.channel {
                Channel::Landline => EntryChannel::Landline,
                Channel::Mobile => EntryChannel::Mobile,
                Channel::International => EntryChannel::International,
                Channel::Webcall => EntryChannel::Webcall,
            },
            language_first: e.language_first,
        })
        .collect()
}

/// `centralino flow check [PROFILE_DIR]`.
pub(crate) fn flow_check(dir: &ProfileDir) -> anyhow::Result<ExitCode> {
    let profile = dir.profile()?;
    let mut out = std::io::stdout().lock();
    let flows = match dir.flows() {
        Ok(flows) => flows,
        Err(problems) => {
            for p in &problems {
                writeln!(out, "{p}")?;
            }
            writeln!(out, "{} errors", problems.len())?;
            return Ok(ExitCode::FAILURE);
        }
    };
    let catalog = match dir.catalog() {
        Ok(catalog) => catalog,
        Err(e) => {
            writeln!(out, "{}: error: {e}", dir.label)?;
            return Ok(ExitCode::FAILURE);
        }
    };
    let prompts = CatalogPrompts::new(Arc::new(catalog));
    let diagnostics = check_profile(
        &flows,
        &prompts,
        &profile.calendars,
        &entry_points(&profile),
        &dir.settings_file(),
        &profile.survey,
    );
    for d in &diagnostics {
        writeln!(out, "{d}")?;
    }
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diagnostics.len() - errors;
    if errors > 0 {
        writeln!(out, "{errors} errors, {warnings} warnings")?;
        return Ok(ExitCode::FAILURE);
    }
    match warnings {
        0 => writeln!(out, "{} flows OK", flows.len())?,
        n => writeln!(out, "{} flows OK ({n} warnings)", flows.len())?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `centralino prompts render [PROFILE_DIR]`: every prompt without arguments, in every
/// language, into `<data_dir>/prompts-cache`.
pub(crate) fn prompts_render(dir: &ProfileDir, data_dir: &Path) -> anyhow::Result<ExitCode> {
    let profile = dir.profile()?;
    let catalog = dir
        .catalog()
        .with_context(|| format!("loading the prompts of {}", dir.label))?;
    let engines = prompts::Engines::from_config(&profile.tts).context("the profile's [tts]")?;
    engines
        .check()
        .context("the speech engine cannot run (espeak-ng: apt-get install espeak-ng)")?;
    let cache = prompts::PromptAudio::new(data_dir.join("prompts-cache"));
    let tty = std::io::stderr().is_terminal();
    let summary = cache
        .render_all(&catalog, &engines, |done, total| {
            if tty {
                let mut err = std::io::stderr().lock();
                let width = 30;
                let filled = (done * width).checked_div(total).unwrap_or(width);
                let _ = write!(
                    err,
                    "\rrendering prompts [{}{}] {done}/{total}",
                    "#".repeat(filled),
                    " ".repeat(width - filled)
                );
                if done == total {
                    let _ = writeln!(err);
                }
                let _ = err.flush();
            }
        })
        .context("rendering the prompts")?;
    writeln!(
        std::io::stdout().lock(),
        "{} prompts: {} synthesized, {} already cached, in {}",
        summary.total,
        summary.synthesized,
        summary.cached,
        cache.dir().display()
    )?;
    Ok(ExitCode::SUCCESS)
}
