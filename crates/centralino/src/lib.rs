//! The centralino binary's library: command line, configuration, and the running server.
//!
//! `main.rs` only parses the command line and calls [`cli::run`]. Tests boot the whole system
//! through [`App::build`] on a free port and talk to it with real clients.
//!
//! This crate is the only one that reads the command line and environment, installs the
//! tracing subscriber, and picks the store backend.

mod agent_phone_cmd;
mod call_cmd;
pub mod cli;
pub mod config;
pub mod demo;
mod domestic_cmd;
mod ivr_cmd;
mod jobs;
mod sip_host;
mod taxcode_cmd;

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use tokio::net::TcpListener;

pub use config::Profile;
pub use sip_edge::{RateLimit, SipMonitor, SipStats};
pub use sip_host::SipOptions;

/// What the server needs to start.
#[derive(Debug)]
pub struct AppConfig {
    pub profile: Profile,
    /// Where HTTP listens (port 0 picks a free port).
    pub http_listen: SocketAddr,
    /// `sqlite://PATH` or `sqlite::memory:`.
    pub database_url: String,
    /// Where generated documents and the outbox spool live.
    pub data_dir: std::path::PathBuf,
    /// Load the demo population into an empty database.
    pub demo: bool,
    /// SIP calls into the IVR (`None`: no SIP).
    pub sip: Option<SipOptions>,
}

/// A built, bound, not yet running contact center.
#[derive(Debug)]
pub struct App {
    http_listener: TcpListener,
    store: store::Store,
    web: web::WebState,
    jobs: jobs::Jobs,
    showcase: demo::Showcase,
    sip: Option<sip_host::SipServer>,
}

impl App {
    /// Opens the store, loads the profile's offices and (with `demo`) the demo population, and
    /// binds the HTTP port.
    pub async fn build(config: AppConfig) -> anyhow::Result<App> {
        let store = store::Store::open(&config.database_url)
            .await
            .with_context(|| format!("opening the database {}", config.database_url))?;
        store
            .offices()
            .replace_all(&config.profile.offices)
            .await
            .context("loading the profile's offices into the database")?;
        let showcase = if config.demo {
            demo::load(&store, &config.profile, jiff::Timestamp::now()).await?
        } else {
            demo::Showcase::default()
        };
        let http_listener = TcpListener::bind(config.http_listen)
            .await
            .with_context(|| format!("binding HTTP to {}", config.http_listen))?;
        let landing = landing_info(&config.profile, config.demo);
        let back_office = back_office(&config.profile, &config.data_dir)?;
        let jobs = jobs::Jobs::new(&config.profile, &config.data_dir, back_office.zone.clone())?;
        let portal = portal_config(&config.profile, config.demo, &showcase)?;
        let sip = match &config.sip {
            Some(options) => {
                sip_host::SipServer::build(options, &config.profile, &store, &config.data_dir)
                    .await?
            }
            None => None,
        };
        let web = web::WebState::new(
            store.clone(),
            Arc::new(config.profile.calendars),
            landing,
            back_office,
        )
        .with_portal(portal);
        Ok(App {
            http_listener,
            store,
            web,
            jobs,
            showcase,
            sip,
        })
    }

    /// The address SIP listens on (UDP and TCP), if it runs.
    pub fn sip_addr(&self) -> Option<SocketAddr> {
        self.sip.as_ref().map(sip_host::SipServer::local_addr)
    }

    /// Reads the SIP edge's counters (calls in progress, malformed messages) while it runs.
    pub fn sip_monitor(&self) -> Option<sip_edge::SipMonitor> {
        self.sip.as_ref().map(sip_host::SipServer::monitor)
    }

    /// The address HTTP actually listens on.
    pub fn http_addr(&self) -> SocketAddr {
        self.http_listener
            .local_addr()
            .expect("a bound listener has a local address")
    }

    /// Demo identities and things to try (empty without `--demo`).
    pub fn showcase(&self) -> &demo::Showcase {
        &self.showcase
    }

    /// Serves until `shutdown` completes, then drains open requests and closes the store.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let store = self.store;
        let router = web::router(self.web);
        let (stop_jobs, jobs_stopped) = tokio::sync::watch::channel(false);
        let sip = self
            .sip
            .map(|sip| tokio::spawn(sip.run(jobs_stopped.clone())));
        let background = self.jobs.spawn(store.clone(), jobs_stopped);
        let served = axum::serve(self.http_listener, router)
            .with_graceful_shutdown(shutdown)
            .await
            .context("serving HTTP");
        // The jobs finish their round (a message being sent is sent or left for the next run);
        // SIP calls in progress are hung up and their contacts recorded before the store closes.
        let _ = stop_jobs.send(true);
        if let Some(sip) = sip
            && let Err(panic) = sip.await
        {
            tracing::error!(%panic, "the SIP edge failed");
        }
        for task in background {
            if let Err(panic) = task.await {
                tracing::error!(%panic, "a background job failed");
            }
        }
        store.close().await;
        served
    }
}

/// The back office's configuration from the profile.
fn back_office(profile: &Profile, data_dir: &std::path::Path) -> anyhow::Result<web::BackOffice> {
    let zone = jiff::tz::TimeZone::get(&profile.institute.zone)
        .with_context(|| format!("institute.zone {:?}", profile.institute.zone))?;
    Ok(web::BackOffice {
        zone: zone.clone(),
        survey: profile.survey.clone(),
        linea: services::linea::LineaConfig {
            zone,
            ..Default::default()
        },
        appointments: services::appointments::AppointmentsConfig::standard()
            .context("the standard appointment configuration")?,
        documents_dir: data_dir.join("documents"),
        dispatch: profile.documents,
        cu_calendar: profile
            .entry_points
            .iter()
            .find(|e| e.flow == "cu")
            .and_then(|e| e.open_during.clone())
            .unwrap_or_else(|| "cu-campaign".to_owned()),
    })
}

/// The citizen portal from the profile: demo mode and its identities, the OpenID Connect login
/// (its client secret from the environment variable the profile names), the contact page's
/// numbers and calendars.
fn portal_config(
    profile: &Profile,
    demo: bool,
    showcase: &demo::Showcase,
) -> anyhow::Result<web::portal::PortalConfig> {
    use config::Channel;
    use web::portal::{ContactNumber, HoursKind, NumberKind, OidcConfig};
    let oidc = match &profile.portal.oidc {
        None => None,
        Some(section) => {
            let client_secret = match &section.client_secret_env {
                None => None,
                Some(var) => Some(std::env::var(var).with_context(|| {
                    format!("portal.oidc.client_secret_env names {var}, which is not set")
                })?),
            };
            Some(OidcConfig {
                issuer: section.issuer.clone(),
                client_id: section.client_id.clone(),
                client_secret,
                redirect_url: section.redirect_url.clone(),
                scopes: section.scopes.clone(),
                tax_code_claim: section.tax_code_claim.clone(),
                identity: services::pins::parse_identity(&section.identity)?,
            })
        }
    };
    let numbers = profile
        .entry_points
        .iter()
        .filter_map(|ep| {
            let kind = match (&ep.open_during, ep.channel) {
                (_, Channel::Webcall) => return None,
                (Some(calendar), _) => NumberKind::Campaign {
                    calendar: calendar.clone(),
                },
                (None, Channel::Landline) => NumberKind::Landline,
                (None, Channel::Mobile) => NumberKind::Mobile,
                (None, Channel::International) => NumberKind::International {
                    country: ep.country.clone(),
                },
            };
            Some(ContactNumber {
                number: ep.number.clone(),
                kind,
                toll_free: ep.cost == config::Cost::TollFree,
            })
        })
        .collect();
    let mut hours: Vec<(String, HoursKind)> = Vec::new();
    if let Some(group) = profile.service_groups.first() {
        hours.push((group.calendar.clone(), HoursKind::Agents));
        hours.push((group.foreign_calendar.clone(), HoursKind::ForeignAgents));
    }
    if profile.calendars.get("automated").is_some() {
        hours.push(("automated".to_owned(), HoursKind::Automated));
    }
    let cu_calendar = profile
        .entry_points
        .iter()
        .find_map(|e| e.open_during.clone());
    if let Some(cu) = &cu_calendar {
        hours.push((cu.clone(), HoursKind::Campaign));
    }
    let demo_citizens = showcase
        .identities
        .iter()
        .filter_map(|(label, code)| {
            Some(web::portal::DemoIdentity {
                label: label.clone(),
                tax_code: domain::TaxCode::parse(code).ok()?,
            })
        })
        .collect();
    Ok(web::portal::PortalConfig {
        demo,
        demo_citizens,
        oidc,
        default_language: profile.default_language,
        numbers,
        hours,
        cu_calendar,
        ..Default::default()
    })
}

/// What the landing page tells about the profile.
fn landing_info(profile: &Profile, demo: bool) -> web::LandingInfo {
    use config::Channel;
    web::LandingInfo {
        institute_name: profile.institute.name.clone(),
        institute_short_name: profile.institute.short_name.clone(),
        entry_points: profile
            .entry_points
            .iter()
            .map(|ep| web::EntryPointInfo {
                number: ep.number.clone(),
                name: ep.name.clone(),
                country: ep.country.clone(),
                channel: match ep.channel {
                    Channel::Landline => "landline",
                    Channel::Mobile => "mobile",
                    Channel::International => "international",
                    Channel::Webcall => "WebCall",
                }
                .to_owned(),
            })
            .collect(),
        demo,
    }
}
