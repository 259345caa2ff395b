//! The deployment profile: one typed tree read from `centralino.toml` and `offices.csv`.
//!
//! The INPS profile is compiled in as the default (so the binary runs from any directory);
//! `--profile DIR` reads another folder with the same two files. Every error names the file, the
//! line and the key that is wrong: syntax and type errors come from the TOML parser with their
//! span and the key path; cross-references (a calendar an entry point names, …) are checked
//! after parsing against the spans of the fields that hold them.

use std::collections::BTreeMap;
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use calendar::{CalendarSpec, Calendars};
use domain::{Language, OfficeCode, ServiceGroup};
use serde::Deserialize;
use toml::Spanned;

const INPS_TOML: &str = include_str!("../../../profiles/inps/centralino.toml");
const INPS_OFFICES: &str = include_str!("../../../profiles/inps/offices.csv");

/// A profile file that cannot be used, with where and why.
#[derive(Debug, thiserror::Error)]
pub struct ConfigError {
    pub file: String,
    /// 1-based line, when the error has a place in the file.
    pub line: Option<usize>,
    /// The key path (`entry_points[2].flow`), when known.
    pub key: Option<String>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(key) = &self.key {
            write!(f, ": key `{key}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// The loaded, validated profile.
#[derive(Debug)]
pub struct Profile {
    pub source: String,
    pub institute: InstituteSection,
    pub http_listen: SocketAddr,
    pub default_language: Language,
    pub languages: Vec<Language>,
    pub entry_points: Vec<EntryPoint>,
    pub calendars: Calendars,
    pub service_groups: Vec<ServiceGroupRoute>,
    pub offices: Vec<store::Office>,
    /// The end-of-call survey (R-SURV-1, R-SURV-2).
    pub survey: services::surveys::SurveySpec,
    /// Notification delivery: spool, SMPP, IO app.
    pub outbox: services::outbox::OutboxConfig,
    /// Documents sent home.
    pub documents: services::documents::DispatchPolicy,
    /// The speech engine and voice per language (`[tts]`; espeak-ng by default).
    pub tts: prompts::TtsConfig,
    /// The citizen portal (`[portal]`): its OpenID Connect login.
    pub portal: PortalSection,
}

/// `[portal]`: how citizens log in to the portal.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortalSection {
    /// `[portal.oidc]`: the identity provider (SPID/CIE/CNS gateway); none means no real login.
    pub oidc: Option<OidcSection>,
}

/// `[portal.oidc]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OidcSection {
    /// Issuer URL; discovery at `<issuer>/.well-known/openid-configuration`.
    pub issuer: String,
    pub client_id: String,
    /// The environment variable holding the client secret (secrets stay out of the profile);
    /// none for a public client.
    pub client_secret_env: Option<String>,
    /// The portal's `/portal/login/callback` as registered with the provider.
    pub redirect_url: String,
    #[serde(default)]
    pub scopes: Vec<String>,
    /// The ID-token claim with the tax code (default `fiscal_number`).
    #[serde(default = "default_tax_code_claim")]
    pub tax_code_claim: String,
    /// `spid`, `cie` or `cns` (default `spid`).
    #[serde(default = "default_identity")]
    pub identity: String,
}

fn default_tax_code_claim() -> String {
    "fiscal_number".to_owned()
}

fn default_identity() -> String {
    "spid".to_owned()
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstituteSection {
    pub name: String,
    pub short_name: String,
    pub zone: String,
}

/// How a number is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    Landline,
    Mobile,
    International,
    Webcall,
}

/// Who pays for the call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cost {
    TollFree,
    CallerPays,
}

/// A number citizens dial, and where it leads.
#[derive(Debug, Clone)]
pub struct EntryPoint {
    pub number: String,
    pub name: String,
    pub channel: Channel,
    /// ISO 3166 alpha-2 country the number serves.
    pub country: String,
    pub cost: Cost,
    pub flow: String,
    pub language_first: bool,
    /// The calendar outside which the number only plays a closed message.
    pub open_during: Option<String>,
}

/// The calendars that serve one service group.
#[derive(Debug, Clone)]
pub struct ServiceGroupRoute {
    pub group: ServiceGroup,
    pub calendar: String,
    pub foreign_calendar: String,
}

// ── The file as written ──────────────────────────────────────────────────────────────────────

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileFile {
    institute: InstituteSection,
    #[serde(default)]
    server: ServerSection,
    languages: LanguagesSection,
    entry_points: Vec<EntryPointFile>,
    calendars: BTreeMap<String, CalendarSpec>,
    service_groups: Vec<ServiceGroupFile>,
    survey: Option<services::surveys::SurveySpec>,
    #[serde(default)]
    outbox: services::outbox::OutboxConfig,
    #[serde(default)]
    documents: services::documents::DispatchPolicy,
    #[serde(default)]
    tts: prompts::TtsConfig,
    #[serde(default)]
    portal: PortalSection,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ServerSection {
    #[serde(default = "default_listen")]
    http_listen: Spanned<String>,
}

impl Default for ServerSection {
    fn default() -> Self {
        ServerSection {
            http_listen: default_listen(),
        }
    }
}

fn default_listen() -> Spanned<String> {
    Spanned::new(0..0, "127.0.0.1:8080".to_owned())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguagesSection {
    default: Spanned<String>,
    offered: Spanned<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryPointFile {
    number: Spanned<String>,
    name: String,
    channel: Channel,
    country: Spanned<String>,
    cost: Cost,
    flow: Spanned<String>,
    #[serde(default)]
    language_first: bool,
    open_during: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ServiceGroupFile {
    id: Spanned<String>,
    calendar: Spanned<String>,
    foreign_calendar: Spanned<String>,
}

/// The flows the engine knows; the flow issue replaces this list with the profile's flow files.
const KNOWN_FLOWS: [&str; 2] = ["main", "cu"];

impl Profile {
    /// The INPS profile compiled into the binary.
    pub fn inps() -> Result<Profile, ConfigError> {
        Profile::from_sources(
            "profiles/inps/centralino.toml (built in)",
            INPS_TOML,
            "profiles/inps/offices.csv (built in)",
            INPS_OFFICES,
        )
    }

    /// A profile folder holding `centralino.toml` and `offices.csv`.
    pub fn load(dir: &Path) -> Result<Profile, ConfigError> {
        let read = |name: &str| -> Result<(String, String), ConfigError> {
            let path: PathBuf = dir.join(name);
            let shown = path.display().to_string();
            std::fs::read_to_string(&path)
                .map(|text| (shown.clone(), text))
                .map_err(|e| ConfigError {
                    file: shown,
                    line: None,
                    key: None,
                    message: e.to_string(),
                })
        };
        let (toml_name, toml_text) = read("centralino.toml")?;
        let (csv_name, csv_text) = read("offices.csv")?;
        Profile::from_sources(&toml_name, &toml_text, &csv_name, &csv_text)
    }

    /// Parses and validates a profile from its two texts (`*_name` say where they came from).
    pub fn from_sources(
        toml_name: &str,
        toml_text: &str,
        csv_name: &str,
        csv_text: &str,
    ) -> Result<Profile, ConfigError> {
        let at = |span: std::ops::Range<usize>, key: String, message: String| ConfigError {
            file: toml_name.to_owned(),
            line: (!span.is_empty() || span.start > 0).then(|| line_of(toml_text, span.start)),
            key: Some(key),
            message,
        };
        let file = parse_toml(toml_name, toml_text)?;

        let http_listen = file
            .server
            .http_listen
            .get_ref()
            .parse::<SocketAddr>()
            .map_err(|e| {
                at(
                    file.server.http_listen.span(),
                    "server.http_listen".into(),
                    format!(
                        "{:?} is not an address like 127.0.0.1:8080 ({e})",
                        file.server.http_listen.get_ref()
                    ),
                )
            })?;

        let default_language = file
            .languages
            .default
            .get_ref()
            .parse::<Language>()
            .map_err(|e| {
                at(
                    file.languages.default.span(),
                    "languages.default".into(),
                    e.to_string(),
                )
            })?;
        let mut languages = Vec::new();
        for (i, code) in file.languages.offered.get_ref().iter().enumerate() {
            let lang = code.parse::<Language>().map_err(|e| {
                at(
                    file.languages.offered.span(),
                    format!("languages.offered[{i}]"),
                    e.to_string(),
                )
            })?;
            languages.push(lang);
        }
        if !languages.contains(&default_language) {
            return Err(at(
                file.languages.default.span(),
                "languages.default".into(),
                format!("{default_language} is not among languages.offered"),
            ));
        }

        let calendars = Calendars::from_specs(&file.calendars).map_err(|e| ConfigError {
            file: toml_name.to_owned(),
            line: None,
            key: Some("calendars".into()),
            message: e.to_string(),
        })?;
        let calendar_ref = |name: &Spanned<String>, key: String| {
            if calendars.get(name.get_ref()).is_some() {
                Ok(name.get_ref().clone())
            } else {
                Err(at(
                    name.span(),
                    key,
                    format!(
                        "no calendar named {:?} (defined: {})",
                        name.get_ref(),
                        file.calendars
                            .keys()
                            .cloned()
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ))
            }
        };

        let mut entry_points = Vec::new();
        let mut seen_numbers = BTreeMap::new();
        for (i, ep) in file.entry_points.iter().enumerate() {
            let key = |field: &str| format!("entry_points[{i}].{field}");
            let number = ep.number.get_ref();
            let number_ok = number == "webcall"
                || (!number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()));
            if !number_ok {
                return Err(at(
                    ep.number.span(),
                    key("number"),
                    format!("{number:?} must be digits only (or \"webcall\")"),
                ));
            }
            if let Some(first) = seen_numbers.insert(number.clone(), i) {
                return Err(at(
                    ep.number.span(),
                    key("number"),
                    format!("{number} is already entry_points[{first}]"),
                ));
            }
            let country = ep.country.get_ref();
            if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(at(
                    ep.country.span(),
                    key("country"),
                    format!("{country:?} must be a two-letter ISO country code like \"DE\""),
                ));
            }
            if !KNOWN_FLOWS.contains(&ep.flow.get_ref().as_str()) {
                return Err(at(
                    ep.flow.span(),
                    key("flow"),
                    format!(
                        "unknown flow {:?} (known: {})",
                        ep.flow.get_ref(),
                        KNOWN_FLOWS.join(", ")
                    ),
                ));
            }
            let open_during = ep
                .open_during
                .as_ref()
                .map(|c| calendar_ref(c, key("open_during")))
                .transpose()?;
            entry_points.push(EntryPoint {
                number: number.clone(),
                name: ep.name.clone(),
                channel: ep.channel,
                country: country.clone(),
                cost: ep.cost,
                flow: ep.flow.get_ref().clone(),
                language_first: ep.language_first,
                open_during,
            });
        }

        let mut service_groups: Vec<ServiceGroupRoute> = Vec::new();
        for (i, sg) in file.service_groups.iter().enumerate() {
            let key = |field: &str| format!("service_groups[{i}].{field}");
            let group = sg
                .id
                .get_ref()
                .parse::<ServiceGroup>()
                .map_err(|e| at(sg.id.span(), key("id"), e.to_string()))?;
            if service_groups.iter().any(|g| g.group == group) {
                return Err(at(
                    sg.id.span(),
                    key("id"),
                    format!("{group} is listed twice"),
                ));
            }
            service_groups.push(ServiceGroupRoute {
                group,
                calendar: calendar_ref(&sg.calendar, key("calendar"))?,
                foreign_calendar: calendar_ref(&sg.foreign_calendar, key("foreign_calendar"))?,
            });
        }

        let survey = file
            .survey
            .unwrap_or_else(services::surveys::SurveySpec::inps_default);
        survey.validate().map_err(|e| ConfigError {
            file: toml_name.to_owned(),
            line: None,
            key: Some("survey".into()),
            message: e.to_string(),
        })?;
        prompts::Engines::from_config(&file.tts).map_err(|e| ConfigError {
            file: toml_name.to_owned(),
            line: None,
            key: Some("tts".into()),
            message: e.to_string(),
        })?;
        if let Some(oidc) = &file.portal.oidc
            && services::pins::parse_identity(&oidc.identity).is_err()
        {
            return Err(ConfigError {
                file: toml_name.to_owned(),
                line: None,
                key: Some("portal.oidc.identity".into()),
                message: format!("{:?}: expected spid, cie or cns", oidc.identity),
            });
        }
        let offices = parse_offices(csv_name, csv_text)?;
        Ok(Profile {
            source: toml_name.to_owned(),
            institute: file.institute,
            http_listen,
            default_language,
            languages,
            entry_points,
            calendars,
            service_groups,
            offices,
            survey,
            outbox: file.outbox,
            documents: file.documents,
            tts: file.tts,
            portal: file.portal,
        })
    }

    /// The entry point reached by a dialled number.
    pub fn entry_point(&self, number: &str) -> Option<&EntryPoint> {
        self.entry_points.iter().find(|e| e.number == number)
    }
}

fn parse_toml(name: &str, text: &str) -> Result<ProfileFile, ConfigError> {
    let deserializer =
        toml::de::Deserializer::parse(text).map_err(|e| toml_error(name, text, &e, None))?;
    serde_path_to_error::deserialize(deserializer).map_err(|e| {
        let path = e.path().to_string();
        let key = (path != ".").then_some(path);
        toml_error(name, text, e.inner(), key)
    })
}

fn toml_error(name: &str, text: &str, e: &toml::de::Error, key: Option<String>) -> ConfigError {
    ConfigError {
        file: name.to_owned(),
        line: e.span().map(|s| line_of(text, s.start)),
        key,
        message: e.message().trim().to_owned(),
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Reads `offices.csv`: a header, then `code,name,region,province,address,postcode,city,phone_hours`.
/// Fields may be double-quoted (with `""` for a quote inside).
fn parse_offices(name: &str, text: &str) -> Result<Vec<store::Office>, ConfigError> {
    const HEADER: [&str; 8] = [
        "code",
        "name",
        "region",
        "province",
        "address",
        "postcode",
        "city",
        "phone_hours",
    ];
    let err = |line: usize, key: Option<&str>, message: String| ConfigError {
        file: name.to_owned(),
        line: Some(line),
        key: key.map(str::to_owned),
        message,
    };
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, header)) if split_csv(header).iter().map(String::as_str).eq(HEADER) => {}
        _ => {
            return Err(err(
                1,
                None,
                format!("the first line must be the header {}", HEADER.join(",")),
            ));
        }
    }
    let mut offices = Vec::new();
    let mut codes = BTreeMap::new();
    for (index, line) in lines {
        let line_no = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let fields = split_csv(line);
        if fields.len() != HEADER.len() {
            return Err(err(
                line_no,
                None,
                format!("expected 8 fields, found {}", fields.len()),
            ));
        }
        let code = fields[0]
            .parse::<OfficeCode>()
            .map_err(|e| err(line_no, Some("code"), e.to_string()))?;
        if let Some(first) = codes.insert(code, line_no) {
            return Err(err(
                line_no,
                Some("code"),
                format!("office code {code} is already on line {first}"),
            ));
        }
        for (field, value) in HEADER.iter().zip(&fields) {
            if value.trim().is_empty() {
                return Err(err(line_no, Some(field), "must not be empty".into()));
            }
        }
        let province = &fields[3];
        if province.len() != 2 || !province.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(err(
                line_no,
                Some("province"),
                format!("{province:?} is not a two-letter province code"),
            ));
        }
        offices.push(store::Office {
            code,
            name: fields[1].clone(),
            region: fields[2].clone(),
            province: province.clone(),
            street: fields[4].clone(),
            postcode: fields[5].clone(),
            city: fields[6].clone(),
            hours: fields[7].clone(),
        });
    }
    Ok(offices)
}

fn split_csv(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(ch) = chars.next() {
        match (ch, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                current.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut current)),
            (c, _) => current.push(c),
        }
    }
    fields.push(current);
    fields
}

#[cfg(test)]
mod tests;
