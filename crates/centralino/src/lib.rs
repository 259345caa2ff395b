//! The centralino binary's library: command line, configuration, and the running server.
//!
//! `main.rs` only parses the command line and calls [`cli::run`]. Tests boot the whole system
//! through [`App::build`] on a free port and talk to it with real clients.
//!
//! This crate is the only one that reads the command line and environment, installs the
//! tracing subscriber, and picks the store backend.

pub mod cli;
pub mod config;
pub mod demo;
mod domestic_cmd;
mod taxcode_cmd;

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use domain::Pii;
use tokio::net::TcpListener;

pub use config::Profile;

/// What the server needs to start.
#[derive(Debug)]
pub struct AppConfig {
    pub profile: Profile,
    /// Where HTTP listens (port 0 picks a free port).
    pub http_listen: SocketAddr,
    /// `sqlite://PATH` or `sqlite::memory:`.
    pub database_url: String,
    /// Load the demo population into an empty database.
    pub demo: bool,
}

/// A built, bound, not yet running contact center.
#[derive(Debug)]
pub struct App {
    http_listener: TcpListener,
    store: store::Store,
    web: web::WebState,
    showcase: Vec<(String, String)>,
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
            load_demo(&store, &config.profile).await?
        } else {
            Vec::new()
        };
        let http_listener = TcpListener::bind(config.http_listen)
            .await
            .with_context(|| format!("binding HTTP to {}", config.http_listen))?;
        let landing = landing_info(&config.profile, config.demo);
        let back_office = back_office(&config.profile)?;
        let web = web::WebState::new(
            store.clone(),
            Arc::new(config.profile.calendars),
            landing,
            back_office,
        );
        Ok(App {
            http_listener,
            store,
            web,
            showcase,
        })
    }

    /// The address HTTP actually listens on.
    pub fn http_addr(&self) -> SocketAddr {
        self.http_listener
            .local_addr()
            .expect("a bound listener has a local address")
    }

    /// Demo identities to try: (what makes them interesting, tax code).
    pub fn showcase(&self) -> &[(String, String)] {
        &self.showcase
    }

    /// Serves until `shutdown` completes, then drains open requests and closes the store.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let store = self.store;
        let router = web::router(self.web);
        axum::serve(self.http_listener, router)
            .with_graceful_shutdown(shutdown)
            .await
            .context("serving HTTP")?;
        store.close().await;
        Ok(())
    }
}

/// The back office's configuration from the profile.
fn back_office(profile: &Profile) -> anyhow::Result<web::BackOffice> {
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

/// Loads the demo population into an empty database, or finds it already there.
async fn load_demo(
    store: &store::Store,
    profile: &Profile,
) -> anyhow::Result<Vec<(String, String)>> {
    let people = demo::population(&profile.offices).context("generating the demo population")?;
    let showcase: Vec<(String, String)> = demo::showcase(&people)
        .into_iter()
        .map(|(label, c)| (label.to_owned(), c.personal.as_str().to_owned()))
        .collect();
    let loaded = store.meta("demo_data").await?;
    let existing = store.citizens().count().await?;
    match loaded.as_deref() {
        Some(demo::DEMO_DATA_VERSION) => {
            tracing::info!(citizens = existing, "demo data already loaded");
        }
        Some(other) => anyhow::bail!(
            "the database holds demo data set {other:?}, this build makes {:?}: use a fresh data directory",
            demo::DEMO_DATA_VERSION
        ),
        None if existing > 0 => anyhow::bail!(
            "--demo needs an empty database, but this one holds {existing} citizens that are not demo data"
        ),
        None => {
            let data: Vec<_> = people.into_iter().map(|c| c.data).collect();
            store
                .citizens()
                .insert_all(&data)
                .await
                .context("storing the demo population")?;
            store.set_meta("demo_data", demo::DEMO_DATA_VERSION).await?;
            let event = store::NewAuditEvent {
                actor: "system".into(),
                action: "demo.loaded".into(),
                subject: None,
                detail: format!(
                    "{} synthetic citizens ({})",
                    data.len(),
                    demo::DEMO_DATA_VERSION
                ),
            };
            store.audit().record(jiff::Timestamp::now(), &event).await?;
            tracing::info!(citizens = data.len(), "demo population created");
        }
    }
    for (label, code) in &showcase {
        tracing::debug!(tax_code = %Pii::new(code), label, "demo identity");
    }
    Ok(showcase)
}
