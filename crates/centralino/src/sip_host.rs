//! SIP calls into the IVR: the host side of `sip-edge`. Each answered call runs one contact
//! through the profile's flows and back office exactly as `centralino call` does
//! (`call_control::ContactDriver`), with the real clock and a real caller: prompts are spoken
//! (espeak-ng through the prompt audio cache) and played as G.711 RTP, keys come from RFC 4733
//! or SIP INFO, timers run on the wall clock, and hanging up either way ends the contact.
//!
//! A hand-off to the agents ends the contact as `enqueued`, as in the softphone: routing to
//! agents is not built yet, so the call is then hung up.
//!
//! Agent phones register here too: the edge's registrar takes its accounts from the store's
//! `agent_phones` (HA1 per extension); nothing calls them yet.

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use call_control::{
    CallSetup, CatalogPrompts, ContactDriver, EntryPoint, Output, PromptRenderer, RenderedPrompt,
};
use domain::{Language, Pii};
use flow::{Event, Flows, PlaybackId, TimerId};
use jiff::Timestamp;
use sip_edge::{
    AgentPhones, CallEvent, Ha1, IncomingCalls, LookupError, LookupFuture, RegistrarConfig,
    SipCall, SipConfig, SipEdge,
};
use tracing::Instrument;

use crate::Profile;
use crate::ivr_cmd::{ProfileDir, entry_points};

/// How `serve` runs SIP.
#[derive(Debug, Clone)]
pub struct SipOptions {
    /// UDP and TCP address (port 0: a free one).
    pub listen: SocketAddr,
    /// Fail when the address cannot be bound (an explicit `--sip`); otherwise warn and serve
    /// without SIP.
    pub required: bool,
    /// The profile folder whose flows and prompts calls run (`None`: the built-in INPS one).
    pub profile_dir: Option<PathBuf>,
    /// Calls at once (486 beyond).
    pub max_calls: usize,
    /// New calls per second (503 with Retry-After beyond; `None`: no limit).
    pub max_setup_rate: Option<sip_edge::RateLimit>,
    /// SIP timer T1 (default 500 ms; a caller who never ACKs gets a BYE after 64·T1).
    pub t1: Duration,
}

impl SipOptions {
    /// SIP on `listen`, built-in profile, 2 000 calls, 400 new calls a second.
    pub fn new(listen: SocketAddr) -> SipOptions {
        SipOptions {
            listen,
            required: true,
            profile_dir: None,
            max_calls: 2_000,
            max_setup_rate: Some(sip_edge::RateLimit::per_second(
                sip_edge::DEFAULT_SETUP_RATE,
            )),
            t1: Duration::from_millis(500),
        }
    }
}

/// Everything a call needs, shared by all calls.
#[derive(Debug)]
pub(crate) struct IvrHost {
    entries: Vec<EntryPoint>,
    flows: Arc<Flows>,
    renderer: Arc<dyn PromptRenderer>,
    office: Arc<call_control::BackOffice>,
    voice: Voice,
    language: Language,
}

/// The edge and what serves its calls, between `App::build` and `run_until`.
#[derive(Debug)]
pub(crate) struct SipServer {
    edge: SipEdge,
    calls: IncomingCalls,
    host: Arc<IvrHost>,
}

impl SipServer {
    /// Loads the flows and prompts, checks the speech engine and binds the edge. `Ok(None)`:
    /// SIP was not required and could not start (the reason is logged).
    pub(crate) async fn build(
        options: &SipOptions,
        profile: &Profile,
        store: &store::Store,
        data_dir: &Path,
    ) -> anyhow::Result<Option<SipServer>> {
        let dir = ProfileDir::new(options.profile_dir.as_deref());
        let flows = dir.flows().map_err(|problems| {
            anyhow::anyhow!("the profile's flows are broken:\n{}", problems.join("\n"))
        })?;
        let catalog = dir
            .catalog()
            .with_context(|| format!("loading the prompts of {}", dir.label))?;
        let engines = prompts::Engines::from_config(&profile.tts).context("the profile's [tts]")?;
        let engines = match engines.check() {
            Ok(()) => Some(engines),
            Err(e) => {
                tracing::warn!(error = %e, "no speech engine: SIP callers hear silence for prompts");
                None
            }
        };
        let back_office = crate::back_office(profile, data_dir)?;
        let office = Arc::new(call_control::BackOffice {
            store: store.clone(),
            calendars: Arc::new(profile.calendars.clone()),
            zone: back_office.zone,
            survey: back_office.survey,
            appointments: back_office.appointments,
            documents_dir: back_office.documents_dir,
            dispatch: back_office.dispatch,
            cu_calendar: back_office.cu_calendar,
        });
        let entries = entry_points(profile);
        let served = entries.clone();
        let config = SipConfig {
            listen: options.listen,
            max_calls: options.max_calls,
            max_setup_rate: options.max_setup_rate,
            t1: options.t1,
            ..SipConfig::default()
        };
        let started = SipEdge::start_with_agent_phones(
            config,
            move |dialled| call_control::entry::resolve(&served, dialled).is_ok(),
            agent_phones(store),
        )
        .await;
        let (edge, calls) = match started {
            Ok(started) => started,
            Err(e) if !options.required => {
                tracing::warn!(error = %e, "serving without SIP (give --sip ADDR to choose another address)");
                return Ok(None);
            }
            Err(e) => return Err(e.into()),
        };
        let host = IvrHost {
            entries,
            flows: Arc::new(flows),
            renderer: Arc::new(CatalogPrompts::new(Arc::new(catalog))),
            office,
            voice: Voice {
                engines,
                cache: prompts::PromptAudio::new(data_dir.join("prompts-cache")),
            },
            language: profile.default_language,
        };
        Ok(Some(SipServer {
            edge,
            calls,
            host: Arc::new(host),
        }))
    }

    pub(crate) fn local_addr(&self) -> SocketAddr {
        self.edge.local_addr()
    }

    pub(crate) fn monitor(&self) -> sip_edge::SipMonitor {
        self.edge.monitor()
    }

    /// Takes calls until `stop` flips, then hangs up the calls in progress (each contact ends
    /// as if the caller had hung up, and is recorded) and closes the edge.
    pub(crate) async fn run(self, mut stop: tokio::sync::watch::Receiver<bool>) {
        let SipServer {
            edge,
            mut calls,
            host,
        } = self;
        let mut tasks = tokio::task::JoinSet::new();
        loop {
            tokio::select! {
                call = calls.next() => match call {
                    Some(call) => {
                        let host = Arc::clone(&host);
                        let span = tracing::info_span!(
                            "sip",
                            dialled = call.dialled(),
                            caller = %Pii::new(call.caller())
                        );
                        tasks.spawn(async move { host.serve(call).await }.instrument(span));
                    }
                    None => break,
                },
                Some(done) = tasks.join_next(), if !tasks.is_empty() => {
                    if let Err(e) = done {
                        tracing::error!(error = %e, "a SIP call's task failed");
                    }
                }
                _ = stop.changed() => break,
            }
        }
        // The edge sends BYE to every call; each contact then ends and is recorded.
        edge.shutdown().await;
        while let Some(done) = tasks.join_next().await {
            if let Err(e) = done {
                tracing::error!(error = %e, "a SIP call's task failed");
            }
        }
    }
}

impl IvrHost {
    /// One call, from the first prompt to the recorded end of its contact.
    async fn serve(&self, mut call: SipCall) {
        let Ok(entry) = call_control::entry::resolve(&self.entries, call.dialled()) else {
            // The edge only answers numbers that resolve.
            call.hang_up();
            return;
        };
        let setup = CallSetup {
            entry: entry.clone(),
            language: self.language,
        };
        let started = ContactDriver::start(
            Arc::clone(&self.office),
            Arc::clone(&self.flows),
            Arc::clone(&self.renderer),
            &setup,
            Timestamp::now(),
        )
        .await;
        let (mut driver, outputs) = match started {
            Ok(started) => started,
            Err(e) => {
                tracing::error!(error = %e, "the contact could not start");
                call.hang_up();
                return;
            }
        };
        let mut leg = Leg::default();
        leg.perform(outputs, &mut call, &self.voice).await;
        let mut caller_gone = false;
        while !driver.is_ended() {
            let event = if let Some(event) = leg.pending.pop_front() {
                event
            } else if leg.enqueued {
                // No routing to agents yet: the hand-off ends the contact, as in the softphone.
                leg.enqueued = false;
                let outputs = driver.finish("enqueued", Timestamp::now()).await;
                leg.perform(outputs, &mut call, &self.voice).await;
                continue;
            } else {
                let deadline = leg.next_timer();
                tokio::select! {
                    event = call.next_event() => match event {
                        Some(CallEvent::Dtmf { digit, .. }) => Event::Digits(digit.to_string()),
                        Some(CallEvent::PlaybackFinished { id, completed }) => {
                            match leg.playing {
                                Some((playback, last)) if last == id && completed => {
                                    leg.playing = None;
                                    Event::PromptFinished { playback }
                                }
                                _ => continue,
                            }
                        }
                        Some(CallEvent::HungUp) | None => {
                            caller_gone = true;
                            Event::HangUp
                        }
                    },
                    timer = sleep_until(deadline) => match timer {
                        Some(timer) => {
                            leg.timers.remove(&timer);
                            Event::Timeout { timer }
                        }
                        None => continue,
                    },
                }
            };
            let outputs = driver.handle(event, Timestamp::now()).await;
            leg.perform(outputs, &mut call, &self.voice).await;
        }
        if !caller_gone {
            // Let the last prompt (a goodbye) play out before the BYE.
            if let Some((_, last)) = leg.playing {
                let wait = async {
                    while let Some(event) = call.next_event().await {
                        match event {
                            CallEvent::PlaybackFinished { id, .. } if id == last => return,
                            CallEvent::HungUp => return,
                            _ => {}
                        }
                    }
                };
                let _ = tokio::time::timeout(Duration::from_secs(60), wait).await;
            }
            call.hang_up();
        }
    }
}

/// The call's side of the contact: what plays, the timers, what to feed next.
#[derive(Debug, Default)]
struct Leg {
    /// The playback in progress and the id of its last prompt.
    playing: Option<(PlaybackId, u64)>,
    timers: HashMap<TimerId, Timestamp>,
    /// Events to feed before waiting (a `Play` with nothing to say ends at once).
    pending: VecDeque<Event>,
    enqueued: bool,
    next_prompt: u64,
}

impl Leg {
    async fn perform(&mut self, outputs: Vec<Output>, call: &mut SipCall, voice: &Voice) {
        for output in outputs {
            match output {
                Output::Play {
                    playback,
                    prompts,
                    language,
                    ..
                } => {
                    let mut last = None;
                    for prompt in &prompts {
                        let samples = voice.speak(language, prompt).await;
                        self.next_prompt += 1;
                        call.play(self.next_prompt, samples);
                        last = Some(self.next_prompt);
                    }
                    match last {
                        Some(last) => self.playing = Some((playback, last)),
                        None => self.pending.push_back(Event::PromptFinished { playback }),
                    }
                }
                Output::StopPlayback { playback } => {
                    if self.playing.is_some_and(|(p, _)| p == playback) {
                        call.stop_playback();
                        self.playing = None;
                    }
                }
                Output::StartTimer { timer, at } => {
                    self.timers.insert(timer, at);
                }
                Output::CancelTimer { timer } => {
                    self.timers.remove(&timer);
                }
                Output::Enqueue { group, language } => {
                    tracing::info!(group = group.id(), %language, "hand-off to agents");
                    self.enqueued = true;
                }
                Output::Invoked { operation, outcome } => {
                    tracing::debug!(operation, outcome, "operation");
                }
                Output::Language { language } => tracing::debug!(%language, "language"),
                Output::SurveyAnswer {
                    question, recorded, ..
                } => {
                    tracing::debug!(question, recorded, "survey answer");
                }
                Output::Ended { reason } => tracing::info!(reason, "contact ended"),
            }
        }
    }

    /// The earliest timer and when it fires.
    fn next_timer(&self) -> Option<(TimerId, Timestamp)> {
        self.timers
            .iter()
            .min_by_key(|(_, at)| **at)
            .map(|(timer, at)| (*timer, *at))
    }
}

/// Sleeps until the timer's instant; pending forever without one.
async fn sleep_until(timer: Option<(TimerId, Timestamp)>) -> Option<TimerId> {
    let Some((timer, at)) = timer else {
        return std::future::pending().await;
    };
    let left = at.duration_since(Timestamp::now());
    let left = Duration::try_from(left).unwrap_or(Duration::ZERO);
    tokio::time::sleep(left).await;
    Some(timer)
}

/// The registrar's accounts: the store's agent phones (`centralino agent-phone set`, the demo's
/// 1001–1010), by their HA1 in the registrar's realm.
fn agent_phones(store: &store::Store) -> AgentPhones {
    let registrar = RegistrarConfig::default();
    let realm = registrar.realm.clone();
    let store = store.clone();
    let directory = move |extension: &str| -> LookupFuture {
        let (store, realm, extension) = (store.clone(), realm.clone(), extension.to_owned());
        Box::pin(async move {
            let ha1 = store
                .agent_phones()
                .ha1(&extension, &realm)
                .await
                .map_err(|e| LookupError(e.to_string()))?;
            Ok(ha1.as_deref().and_then(Ha1::parse))
        })
    };
    AgentPhones {
        registrar,
        directory: Arc::new(directory),
    }
}

/// Prompts to 8 kHz audio: espeak-ng through the cache, or silence as long as the text would
/// take to say when there is no speech engine (or it fails), so the flow keeps its pace.
struct Voice {
    engines: Option<prompts::Engines>,
    cache: prompts::PromptAudio,
}

impl std::fmt::Debug for Voice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Voice")
            .field("speech", &self.engines.is_some())
            .field("cache", &self.cache)
            .finish()
    }
}

impl Voice {
    async fn speak(&self, language: Language, prompt: &RenderedPrompt) -> Arc<[i16]> {
        if let Some(engines) = &self.engines {
            let (engines, cache, text) = (engines.clone(), self.cache.clone(), prompt.text.clone());
            let spoken =
                tokio::task::spawn_blocking(move || cache.speak(&engines, language, &text)).await;
            match spoken {
                Ok(Ok(spoken)) => return spoken.audio.into_samples().into(),
                Ok(Err(e)) => tracing::warn!(prompt = %prompt.id, error = %e, "prompt not spoken"),
                Err(e) => tracing::warn!(prompt = %prompt.id, error = %e, "speech task failed"),
            }
        }
        let millis = call_control::sim::estimate(&prompt.text).as_millis();
        let samples = usize::try_from(millis.max(0) * 8).unwrap_or(0);
        vec![0i16; samples].into()
    }
}
