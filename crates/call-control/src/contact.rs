//! The per-contact driver: one [`flow::Contact`] and everything it asks the host to do that is
//! not about the call leg.
//!
//! [`ContactDriver`] owns the interpreter. The leg (a SIP call, a WebCall, the terminal
//! softphone) feeds it [`Event`]s with the current instant and performs the [`Output`]s it
//! returns: play rendered prompts, stop them, run timers, hand the caller to routing. The driver
//! itself performs what belongs to the back office, in order, before returning: `Invoke` runs
//! [`crate::ops::execute`] and feeds the result straight back; `SurveyAnswer` is written with
//! `services::surveys::record_answers`; `Entered` is appended to the contact's path;
//! `SetLanguage` is reported. So one `handle` call may pass through several operations and
//! return the prompts that speak their results.
//!
//! The contact is recorded like every call: `contacts().create` when it starts (channel, number
//! dialled, language), the service kind when it is known (`agent` on enqueue; `automated` once
//! a back-office operation has served the caller, or at the first survey answer), and
//! `contacts().end` when it ends — by the flow, by the caller hanging up, or by the host
//! ([`ContactDriver::finish`], e.g. after the hand-off to an agent).
//!
//! Personal data never reaches the log: keys typed are not logged at all, operations log their
//! name and outcome, tax codes go through `Pii`.

use std::sync::Arc;

use domain::{ContactId, Language, ServiceGroup};
use flow::{Action, Contact, EndReason, Event, Flows, NodeKind, PlaybackId, TimerId};
use jiff::Timestamp;
use services::surveys::{self, ContactChannel, GivenAnswer, NewContact, ServiceKind};

use crate::entry::{EntryChannel, EntryPoint};
use crate::ops::{self, BackOffice, Session};
use crate::render::{PromptRenderer, RenderedPrompt, render_or_id};

/// Everything needed to start one contact.
#[derive(Clone, Debug)]
pub struct CallSetup {
    /// Where the call came in (the binary resolves the dialled number with
    /// [`crate::entry::resolve`]).
    pub entry: EntryPoint,
    /// The language the contact starts in (the flows may change it).
    pub language: Language,
}

/// What the leg must do, or may want to show, after an event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    /// Play these prompts back to back; feed `PromptFinished` when the last one ends by itself.
    Play {
        playback: PlaybackId,
        prompts: Vec<RenderedPrompt>,
        language: Language,
        /// Whether keys interrupt it.
        barge_in: bool,
    },
    StopPlayback {
        playback: PlaybackId,
    },
    /// Feed `Timeout { timer }` at `at`, unless cancelled first.
    StartTimer {
        timer: TimerId,
        at: Timestamp,
    },
    CancelTimer {
        timer: TimerId,
    },
    /// An operation ran (already answered; for transcripts).
    Invoked {
        operation: String,
        outcome: String,
    },
    /// The contact's language changed.
    Language {
        language: Language,
    },
    /// Hand the caller to routing; feed `AgentCallEnded` or `QueueUnavailable`, or end the
    /// contact with [`ContactDriver::finish`].
    Enqueue {
        group: ServiceGroup,
        language: Language,
    },
    /// A survey answer, and whether it was stored.
    SurveyAnswer {
        survey: String,
        question: String,
        answer: char,
        recorded: bool,
    },
    /// The contact is over (recorded in the store); nothing follows.
    Ended {
        /// `completed`, `caller-hung-up`, `enqueued`, a `hangup` node's reason, `error`, …
        reason: String,
    },
}

/// Why a contact could not start.
#[derive(Debug, thiserror::Error)]
pub enum CallError {
    #[error(transparent)]
    Flow(#[from] flow::ContactError),
    #[error("recording the contact: {0}")]
    Store(#[from] store::StoreError),
}

/// One contact in progress; see the module documentation.
#[derive(Debug)]
pub struct ContactDriver {
    contact: Contact,
    flows: Arc<Flows>,
    office: Arc<BackOffice>,
    renderer: Arc<dyn PromptRenderer>,
    session: Session,
    id: ContactId,
    /// Nodes entered, in order: (flow, node).
    path: Vec<(String, String)>,
    service_kind: Option<ServiceKind>,
    finished: bool,
    span: tracing::Span,
}

impl ContactDriver {
    /// Records the contact and enters its flow at `now`; returns the driver and what to do
    /// first.
    pub async fn start(
        office: Arc<BackOffice>,
        flows: Arc<Flows>,
        renderer: Arc<dyn PromptRenderer>,
        setup: &CallSetup,
        now: Timestamp,
    ) -> Result<(ContactDriver, Vec<Output>), CallError> {
        let contact = Contact::new(
            Arc::clone(&flows),
            Arc::clone(&office.calendars),
            &setup.entry.flow,
            setup.language,
            setup.entry.input_vars(),
        )?;
        let record = NewContact {
            channel: match setup.entry.channel {
                EntryChannel::Webcall => ContactChannel::WebCall,
                _ => ContactChannel::Phone,
            },
            entry_number: Some(setup.entry.number.clone()),
            language: setup.language,
            tax_code: None,
        };
        let id = office.store.contacts().create(&record, now).await?;
        let span = tracing::info_span!("contact", id = %id, flow = %setup.entry.flow);
        span.in_scope(|| tracing::info!(number = %setup.entry.number, "contact started"));
        let mut driver = ContactDriver {
            contact,
            flows,
            office,
            renderer,
            session: Session::new(Some(id)),
            id,
            path: Vec::new(),
            service_kind: None,
            finished: false,
            span,
        };
        let outputs = driver.handle(Event::Started, now).await;
        Ok((driver, outputs))
    }

    /// Feeds one event at `now`; performs the back-office actions and returns the leg's.
    pub async fn handle(&mut self, event: Event, now: Timestamp) -> Vec<Output> {
        let mut out = Vec::new();
        if self.finished {
            return out;
        }
        let mut pending = std::collections::VecDeque::from(self.contact.step(event, now));
        while let Some(action) = pending.pop_front() {
            match action {
                Action::Entered { flow, node } => self.path.push((flow, node)),
                Action::Play {
                    playback,
                    prompts,
                    language,
                    barge_in,
                } => {
                    let prompts = prompts
                        .iter()
                        .map(|p| render_or_id(self.renderer.as_ref(), language, p))
                        .collect();
                    out.push(Output::Play {
                        playback,
                        prompts,
                        language,
                        barge_in,
                    });
                }
                Action::StopPlayback { playback } => out.push(Output::StopPlayback { playback }),
                Action::StartTimer { timer, at } => out.push(Output::StartTimer { timer, at }),
                Action::CancelTimer { timer } => out.push(Output::CancelTimer { timer }),
                Action::Invoke {
                    request,
                    operation,
                    args,
                } => {
                    let result =
                        ops::execute(&self.office, &mut self.session, &operation, &args, now).await;
                    if operation != "identify" && result.outcome != ops::ERROR {
                        self.served_by(ServiceKind::Automated, false).await;
                    }
                    out.push(Output::Invoked {
                        operation,
                        outcome: result.outcome.clone(),
                    });
                    let event = Event::OperationResult {
                        request,
                        outcome: result.outcome,
                        fields: result.fields,
                    };
                    pending.extend(self.contact.step(event, now));
                }
                Action::SetLanguage { language } => out.push(Output::Language { language }),
                Action::Enqueue { group, language } => {
                    self.span.in_scope(|| {
                        tracing::info!(group = group.id(), %language, "handed to routing");
                    });
                    self.served_by(ServiceKind::Agent, true).await;
                    out.push(Output::Enqueue { group, language });
                }
                Action::SurveyAnswer {
                    survey,
                    question,
                    answer,
                } => {
                    let recorded = self.record_answer(&question, answer, now).await;
                    out.push(Output::SurveyAnswer {
                        survey,
                        question,
                        answer,
                        recorded,
                    });
                }
                Action::HangUp { .. } => {}
            }
        }
        if let Some(reason) = self.contact.end_reason() {
            if let EndReason::Failed { .. } = reason {
                let problem = reason.to_string();
                self.span
                    .in_scope(|| tracing::error!(%problem, "the flow could not go on"));
            }
            let code = reason.code().to_owned();
            out.extend(self.finish(&code, now).await);
        }
        out
    }

    /// Ends the contact for a reason of the host's (`enqueued`: handed to an agent and no
    /// longer followed here), recording its end. Does nothing once ended.
    pub async fn finish(&mut self, reason: &str, now: Timestamp) -> Vec<Output> {
        if self.finished {
            return Vec::new();
        }
        self.finished = true;
        // Who the caller turned out to be, for the agent's history and the reports.
        if let Some(code) = self.session.identified().cloned()
            && let Err(e) = self
                .office
                .store
                .contacts()
                .set_tax_code(self.id, &code)
                .await
        {
            self.span
                .in_scope(|| tracing::error!(error = %e, "the caller's identity was not recorded"));
        }
        if let Err(e) = self
            .office
            .store
            .contacts()
            .end(self.id, self.service_kind, now)
            .await
        {
            self.span
                .in_scope(|| tracing::error!(error = %e, "the contact's end was not recorded"));
        }
        self.span
            .in_scope(|| tracing::info!(reason, "contact ended"));
        vec![Output::Ended {
            reason: reason.to_owned(),
        }]
    }

    /// The stored contact's id.
    pub fn contact_id(&self) -> ContactId {
        self.id
    }

    /// The nodes entered so far: (flow, node).
    pub fn path(&self) -> &[(String, String)] {
        &self.path
    }

    pub fn is_ended(&self) -> bool {
        self.finished
    }

    /// The contact's language now.
    pub fn language(&self) -> Language {
        self.contact.language()
    }

    /// The interpreter (its variables, position, end reason).
    pub fn contact(&self) -> &Contact {
        &self.contact
    }

    /// What the caller has proved in this contact.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// True when the current node is a menu that listens for words (speech is matched there).
    pub fn listens_for_words(&self) -> bool {
        let (flow, node) = self.contact.position();
        self.flows
            .get(flow)
            .and_then(|f| f.nodes.get(node))
            .is_some_and(|n| matches!(&n.kind, NodeKind::Menu(m) if !m.words.is_empty()))
    }

    /// Records what the contact is served by: an agent always wins; the automated services
    /// only when nothing is set (`force` sets it anyway).
    async fn served_by(&mut self, kind: ServiceKind, force: bool) {
        if self.service_kind == Some(kind) || (!force && self.service_kind.is_some()) {
            return;
        }
        self.service_kind = Some(kind);
        if let Err(e) = self
            .office
            .store
            .contacts()
            .set_service_kind(self.id, kind)
            .await
        {
            self.span
                .in_scope(|| tracing::error!(error = %e, "the service kind was not recorded"));
        }
    }

    /// Stores one survey answer; false (and a log line) when it cannot be.
    async fn record_answer(&mut self, question: &str, key: char, now: Timestamp) -> bool {
        let spec = &self.office.survey;
        let Some(value) = spec.question(question).and_then(|q| q.answer_from_key(key)) else {
            self.span.in_scope(|| {
                tracing::warn!(question, %key, "the survey has no such question or answer key");
            });
            return false;
        };
        if self.service_kind.is_none() {
            // Information messages are automated services too.
            self.served_by(ServiceKind::Automated, false).await;
        }
        let answers = [GivenAnswer {
            question: question.to_owned(),
            value,
        }];
        let spec = self.office.survey.clone();
        match surveys::record_answers(&self.office.store, &spec, self.id, &answers, now).await {
            Ok(_) => true,
            Err(e) => {
                self.span.in_scope(|| {
                    tracing::warn!(
                        question,
                        code = services::ServiceFailure::code(&e),
                        "survey answer not stored"
                    );
                });
                false
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;
