//! Post-contact surveys (R-SURV-1 after an agent, R-SURV-2 after the automated services): the
//! questionnaire from the profile, the answers per contact, follow-ups for supervisors and the
//! wallboard summary.
//!
//! The questionnaire is a [`SurveySpec`] (read from the profile, or [`SurveySpec::inps_default`]):
//! questions with an id, a kind (`score-1-5` or `yes-no`) and a text in each of the eight
//! languages. [`record_answers`] stores a contact's answers in one transaction: each question at
//! most once per contact (a second answer is [`SurveyError::AlreadyAnswered`], never an
//! overwrite), and a score at or below the spec's threshold, or "no" to a yes/no question
//! ("was your need resolved?"), opens a follow-up item for supervisors in that same
//! transaction. Whether the answer is about an agent or the automated services comes from the
//! contact (what it was served by).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use domain::{ContactId, Language, TaxCode};
use jiff::{SignedDuration, Timestamp};
use serde::Deserialize;
use store::pins::audit_in;
use store::surveys::{Contacts, NewAnswer, Surveys};
use store::{NewAuditEvent, Store, StoreError, Transaction};

use crate::{ErrorKind, ServiceFailure};

pub use store::surveys::{
    AnswerValue, Contact, ContactChannel, Followup, FollowupReason, NewContact, ServiceKind,
};

/// The longest note a supervisor may leave when closing a follow-up.
pub const MAX_NOTE_CHARS: usize = 2000;
/// The most follow-ups one call to [`open_followups`] returns.
pub const MAX_FOLLOWUPS_PAGE: i64 = 500;

/// Why a survey operation failed.
#[derive(Debug, thiserror::Error)]
pub enum SurveyError {
    #[error("no answers given")]
    NoAnswers,
    #[error("the survey has no question {0:?}")]
    UnknownQuestion(String),
    #[error("question {0:?} is answered twice in one submission")]
    RepeatedQuestion(String),
    #[error("{answer:?} is not a valid answer to question {question:?} ({expected})")]
    InvalidAnswer {
        question: String,
        answer: AnswerValue,
        expected: &'static str,
    },
    #[error("question {0:?} was already answered for this contact")]
    AlreadyAnswered(String),
    #[error("contact not found")]
    ContactNotFound,
    #[error("the contact has not been served by an agent or the automated services")]
    NotServed,
    #[error("follow-up not found")]
    FollowupNotFound,
    #[error("the follow-up is already closed")]
    FollowupClosed,
    #[error("the note is longer than {MAX_NOTE_CHARS} characters")]
    NoteTooLong,
    #[error("the period must end after it starts")]
    InvalidPeriod,
    #[error(transparent)]
    Spec(#[from] SurveySpecError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ServiceFailure for SurveyError {
    fn kind(&self) -> ErrorKind {
        match self {
            SurveyError::NoAnswers
            | SurveyError::UnknownQuestion(_)
            | SurveyError::RepeatedQuestion(_)
            | SurveyError::InvalidAnswer { .. }
            | SurveyError::NoteTooLong
            | SurveyError::InvalidPeriod => ErrorKind::InvalidInput,
            SurveyError::AlreadyAnswered(_)
            | SurveyError::NotServed
            | SurveyError::FollowupClosed => ErrorKind::Conflict,
            SurveyError::ContactNotFound | SurveyError::FollowupNotFound => ErrorKind::NotFound,
            SurveyError::Spec(e) => e.kind(),
            SurveyError::Store(e) => e.kind(),
        }
    }

    fn code(&self) -> &'static str {
        match self {
            SurveyError::NoAnswers => "survey_no_answers",
            SurveyError::UnknownQuestion(_) => "survey_unknown_question",
            SurveyError::RepeatedQuestion(_) => "survey_repeated_question",
            SurveyError::InvalidAnswer { .. } => "survey_invalid_answer",
            SurveyError::AlreadyAnswered(_) => "survey_already_answered",
            SurveyError::ContactNotFound => "contact_not_found",
            SurveyError::NotServed => "survey_not_applicable",
            SurveyError::FollowupNotFound => "followup_not_found",
            SurveyError::FollowupClosed => "followup_closed",
            SurveyError::NoteTooLong => "note_too_long",
            SurveyError::InvalidPeriod => "period_invalid",
            SurveyError::Spec(e) => e.code(),
            SurveyError::Store(e) => e.code(),
        }
    }
}

/// What is wrong with a survey definition: every problem found, one per entry.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid survey definition: {}", .problems.join("; "))]
pub struct SurveySpecError {
    pub problems: Vec<String>,
}

impl ServiceFailure for SurveySpecError {
    fn kind(&self) -> ErrorKind {
        ErrorKind::InvalidInput
    }

    fn code(&self) -> &'static str {
        "survey_spec_invalid"
    }
}

/// A questionnaire, as the profile declares it (`[survey]` with `[[survey.questions]]`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveySpec {
    pub questions: Vec<QuestionSpec>,
    /// A score at or below this (1–4) opens a follow-up; 2 unless set.
    #[serde(default = "default_low_score_threshold")]
    pub low_score_threshold: u8,
}

/// One question.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionSpec {
    /// Stable id, stored with each answer: lowercase letters, digits, `-` and `_`.
    pub id: String,
    pub kind: QuestionKind,
    /// The question in each language, by code (`it`, `de`, `en`, `fr`, `ar`, `pl`, `es`, `ru`).
    pub text: BTreeMap<String, String>,
    /// Whether a bad answer (a low score, a "no") opens a follow-up; true unless set.
    #[serde(default = "yes")]
    pub follow_up: bool,
}

/// How a question is answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
pub enum QuestionKind {
    /// 1 (worst) to 5 (best); keys 1–5 on the phone.
    #[serde(rename = "score-1-5")]
    Score1To5,
    /// Yes or no; key 1 = yes, key 2 = no on the phone.
    #[serde(rename = "yes-no")]
    YesNo,
}

impl QuestionKind {
    pub fn code(self) -> &'static str {
        match self {
            QuestionKind::Score1To5 => "score-1-5",
            QuestionKind::YesNo => "yes-no",
        }
    }
}

fn default_low_score_threshold() -> u8 {
    2
}

fn yes() -> bool {
    true
}

impl QuestionSpec {
    /// The question in `language` (Italian if that text is missing, which a validated spec
    /// never has).
    pub fn text(&self, language: Language) -> &str {
        self.text
            .get(language.code())
            .or_else(|| self.text.get(Language::Italian.code()))
            .map_or("", String::as_str)
    }

    /// The answer a phone key gives: 1–5 for a score; 1 = yes, 2 = no. `None` for other keys.
    pub fn answer_from_key(&self, key: char) -> Option<AnswerValue> {
        let digit = u8::try_from(key.to_digit(10)?).ok()?;
        match (self.kind, digit) {
            (QuestionKind::Score1To5, 1..=5) => Some(AnswerValue::Score(digit)),
            (QuestionKind::YesNo, 1) => Some(AnswerValue::YesNo(true)),
            (QuestionKind::YesNo, 2) => Some(AnswerValue::YesNo(false)),
            _ => None,
        }
    }

    /// Checks that `value` answers this question; the reason if it does not.
    fn check(&self, value: AnswerValue) -> Result<(), &'static str> {
        match (self.kind, value) {
            (QuestionKind::Score1To5, AnswerValue::Score(1..=5)) => Ok(()),
            (QuestionKind::Score1To5, _) => Err("a score from 1 to 5"),
            (QuestionKind::YesNo, AnswerValue::YesNo(_)) => Ok(()),
            (QuestionKind::YesNo, _) => Err("yes or no"),
        }
    }
}

impl SurveySpec {
    /// The INPS questionnaire: satisfaction from 1 to 5, and whether the need was resolved.
    pub fn inps_default() -> SurveySpec {
        let texts = |pairs: [(&str, &str); 8]| -> BTreeMap<String, String> {
            pairs
                .into_iter()
                .map(|(lang, text)| (lang.to_owned(), text.to_owned()))
                .collect()
        };
        SurveySpec {
            questions: vec![
                QuestionSpec {
                    id: "satisfaction".to_owned(),
                    kind: QuestionKind::Score1To5,
                    text: texts([
                        (
                            "it",
                            "Quanto è soddisfatto del servizio ricevuto? Dia un voto da 1, per niente soddisfatto, a 5, molto soddisfatto.",
                        ),
                        (
                            "de",
                            "Wie zufrieden sind Sie mit dem erhaltenen Service? Bewerten Sie bitte von 1, gar nicht zufrieden, bis 5, sehr zufrieden.",
                        ),
                        (
                            "en",
                            "How satisfied are you with the service you received? Please rate it from 1, not at all satisfied, to 5, very satisfied.",
                        ),
                        (
                            "fr",
                            "Êtes-vous satisfait du service reçu ? Donnez une note de 1, pas du tout satisfait, à 5, très satisfait.",
                        ),
                        (
                            "ar",
                            "ما مدى رضاك عن الخدمة التي تلقيتها؟ يرجى التقييم من 1، غير راضٍ إطلاقًا، إلى 5، راضٍ جدًا.",
                        ),
                        (
                            "pl",
                            "Jak ocenia Pan/Pani otrzymaną obsługę? Proszę wystawić ocenę od 1, zupełnie niezadowolony, do 5, bardzo zadowolony.",
                        ),
                        (
                            "es",
                            "¿Qué tan satisfecho está con el servicio recibido? Valórelo de 1, nada satisfecho, a 5, muy satisfecho.",
                        ),
                        (
                            "ru",
                            "Насколько вы довольны полученным обслуживанием? Оцените от 1, совсем не доволен, до 5, очень доволен.",
                        ),
                    ]),
                    follow_up: true,
                },
                QuestionSpec {
                    id: "resolved".to_owned(),
                    kind: QuestionKind::YesNo,
                    text: texts([
                        ("it", "La sua esigenza è stata risolta?"),
                        ("de", "Wurde Ihr Anliegen gelöst?"),
                        ("en", "Was your need resolved?"),
                        ("fr", "Votre demande a-t-elle été résolue ?"),
                        ("ar", "هل تمت تلبية طلبك؟"),
                        ("pl", "Czy Pana/Pani sprawa została załatwiona?"),
                        ("es", "¿Se ha resuelto su consulta?"),
                        ("ru", "Ваш вопрос был решён?"),
                    ]),
                    follow_up: true,
                },
            ],
            low_score_threshold: default_low_score_threshold(),
        }
    }

    /// Checks the definition: at least one question; ids well-formed and unique; a non-empty
    /// text in each of the eight languages and no other; a threshold from 1 to 4.
    pub fn validate(&self) -> Result<(), SurveySpecError> {
        let mut problems = Vec::new();
        if self.questions.is_empty() {
            problems.push("there are no questions".to_owned());
        }
        if !(1..=4).contains(&self.low_score_threshold) {
            problems.push(format!(
                "low_score_threshold is {}, expected 1 to 4",
                self.low_score_threshold
            ));
        }
        let mut seen = BTreeSet::new();
        for (n, question) in self.questions.iter().enumerate() {
            let id = &question.id;
            let name = format!("question {} ({id:?})", n + 1);
            let well_formed = !id.is_empty()
                && id.len() <= 40
                && id.bytes().all(|b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_'
                });
            if !well_formed {
                problems.push(format!(
                    "{name}: the id must be 1 to 40 lowercase letters, digits, '-' or '_'"
                ));
            }
            if !seen.insert(id.as_str()) {
                problems.push(format!("{name}: the id is used twice"));
            }
            for language in Language::ALL {
                match question.text.get(language.code()) {
                    None => problems.push(format!(
                        "{name}: no text in {} ({})",
                        language.english_name(),
                        language.code()
                    )),
                    Some(text) if text.trim().is_empty() => problems.push(format!(
                        "{name}: the {} text is empty",
                        language.english_name()
                    )),
                    Some(_) => {}
                }
            }
            for code in question.text.keys() {
                if code.parse::<Language>().map(|l| l.code()) != Ok(code.as_str()) {
                    problems.push(format!(
                        "{name}: {code:?} is not one of the languages it, de, en, fr, ar, pl, es, ru"
                    ));
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(SurveySpecError { problems })
        }
    }

    pub fn question(&self, id: &str) -> Option<&QuestionSpec> {
        self.questions.iter().find(|q| q.id == id)
    }
}

/// One answer as the caller gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GivenAnswer {
    pub question: String,
    pub value: AnswerValue,
}

/// What [`record_answers`] stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    pub answers: usize,
    /// The follow-ups it opened (ids), if any.
    pub followups: Vec<i64>,
}

/// An open follow-up with the contact it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FollowupItem {
    pub followup: Followup,
    pub contact: Contact,
}

/// Survey results of one service kind over a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KindSummary {
    pub service_kind: ServiceKind,
    /// Contacts that answered at least one question.
    pub contacts: i64,
    /// Score answers and their sum (see [`KindSummary::average_score`]).
    pub scores: i64,
    pub score_sum: i64,
    /// Scores at or below the spec's threshold.
    pub low_scores: i64,
    /// Answers to yes/no questions ("was your need resolved?").
    pub yes: i64,
    pub no: i64,
}

impl KindSummary {
    fn empty(service_kind: ServiceKind) -> KindSummary {
        KindSummary {
            service_kind,
            contacts: 0,
            scores: 0,
            score_sum: 0,
            low_scores: 0,
            yes: 0,
            no: 0,
        }
    }

    /// The average score (1–5), if any score was given.
    pub fn average_score(&self) -> Option<f64> {
        #[allow(clippy::cast_precision_loss)] // counts far below 2^52
        (self.scores > 0).then(|| self.score_sum as f64 / self.scores as f64)
    }

    /// The share of "yes" among yes/no answers (0–1), if any.
    pub fn yes_share(&self) -> Option<f64> {
        let total = self.yes + self.no;
        #[allow(clippy::cast_precision_loss)] // counts far below 2^52
        (total > 0).then(|| self.yes as f64 / total as f64)
    }
}

/// Survey results for the wallboard: after agents (R-SURV-1) and after automated services
/// (R-SURV-2), over `[from, to)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SurveySummary {
    pub from: Timestamp,
    pub to: Timestamp,
    pub agent: KindSummary,
    pub automated: KindSummary,
}

/// Stores a contact's answers and opens the follow-ups they call for, all in one transaction.
/// Nothing is stored if any answer is refused.
pub async fn record_answers(
    store: &Store,
    spec: &SurveySpec,
    contact_id: ContactId,
    answers: &[GivenAnswer],
    now: Timestamp,
) -> Result<Recorded, SurveyError> {
    let checked = check_answers(spec, answers)?;
    let contact = store
        .contacts()
        .by_id(contact_id)
        .await?
        .ok_or(SurveyError::ContactNotFound)?;
    let service_kind = contact.service_kind.ok_or(SurveyError::NotServed)?;
    let mut tx = store.begin().await?;
    let recorded = record_in(&mut tx, spec, contact_id, service_kind, &checked, now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(recorded)
}

/// Open follow-ups, oldest first, with their contacts; `limit` is clamped to 1–500.
pub async fn open_followups(store: &Store, limit: i64) -> Result<Vec<FollowupItem>, SurveyError> {
    let limit = limit.clamp(1, MAX_FOLLOWUPS_PAGE);
    Ok(store
        .surveys()
        .open_followups(limit)
        .await?
        .into_iter()
        .map(|(followup, contact)| FollowupItem { followup, contact })
        .collect())
}

/// Closes an open follow-up; `supervisor` is the actor (`supervisor:<id>`), `note` what was
/// done. Audited as `survey.followup_closed`.
pub async fn close_followup(
    store: &Store,
    followup_id: i64,
    supervisor: &str,
    note: &str,
    now: Timestamp,
) -> Result<Followup, SurveyError> {
    let note = note.trim();
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(SurveyError::NoteTooLong);
    }
    let (followup, _) = store
        .surveys()
        .followup(followup_id)
        .await?
        .ok_or(SurveyError::FollowupNotFound)?;
    let mut tx = store.begin().await?;
    if !Surveys::close_followup_in(&mut tx, followup_id, supervisor, note, now).await? {
        return Err(SurveyError::FollowupClosed);
    }
    let event = NewAuditEvent {
        actor: supervisor.to_owned(),
        action: "survey.followup_closed".to_owned(),
        subject: Some(format!("contact:{}", followup.contact)),
        detail: format!("follow-up {followup_id} ({})", followup.reason.code()),
    };
    audit_in(&mut tx, now, &event).await?;
    tx.commit().await.map_err(StoreError::from)?;
    let (closed, _) = store
        .surveys()
        .followup(followup_id)
        .await?
        .ok_or(SurveyError::FollowupNotFound)?;
    Ok(closed)
}

/// Survey results over `[from, to)` by what the contacts ended with; "low" uses the spec's
/// threshold.
pub async fn summary(
    store: &Store,
    spec: &SurveySpec,
    from: Timestamp,
    to: Timestamp,
) -> Result<SurveySummary, SurveyError> {
    if from >= to {
        return Err(SurveyError::InvalidPeriod);
    }
    let totals = store
        .surveys()
        .totals(from, to, spec.low_score_threshold)
        .await?;
    let of = |kind: ServiceKind| {
        totals
            .iter()
            .find(|t| t.service_kind == kind)
            .map_or(KindSummary::empty(kind), |t| KindSummary {
                service_kind: kind,
                contacts: t.contacts,
                scores: t.scores,
                score_sum: t.score_sum,
                low_scores: t.low_scores,
                yes: t.yes,
                no: t.no,
            })
    };
    Ok(SurveySummary {
        from,
        to,
        agent: of(ServiceKind::Agent),
        automated: of(ServiceKind::Automated),
    })
}

/// The answers matched to their questions, or the first reason to refuse them all.
fn check_answers<'s>(
    spec: &'s SurveySpec,
    answers: &[GivenAnswer],
) -> Result<Vec<(&'s QuestionSpec, AnswerValue)>, SurveyError> {
    if answers.is_empty() {
        return Err(SurveyError::NoAnswers);
    }
    let mut seen = BTreeSet::new();
    answers
        .iter()
        .map(|given| {
            let question = spec
                .question(&given.question)
                .ok_or_else(|| SurveyError::UnknownQuestion(given.question.clone()))?;
            if !seen.insert(question.id.as_str()) {
                return Err(SurveyError::RepeatedQuestion(question.id.clone()));
            }
            question
                .check(given.value)
                .map_err(|expected| SurveyError::InvalidAnswer {
                    question: question.id.clone(),
                    answer: given.value,
                    expected,
                })?;
            Ok((question, given.value))
        })
        .collect()
}

/// Stores checked answers and opens their follow-ups inside the caller's transaction.
async fn record_in(
    tx: &mut Transaction,
    spec: &SurveySpec,
    contact: ContactId,
    service_kind: ServiceKind,
    answers: &[(&QuestionSpec, AnswerValue)],
    now: Timestamp,
) -> Result<Recorded, SurveyError> {
    let mut followups = Vec::new();
    for (question, value) in answers {
        let answer = NewAnswer {
            question: question.id.clone(),
            value: *value,
            service_kind,
        };
        match Surveys::insert_answer_in(tx, contact, &answer, now).await {
            Ok(_) => {}
            Err(StoreError::Duplicate { .. }) => {
                return Err(SurveyError::AlreadyAnswered(question.id.clone()));
            }
            Err(e) => return Err(e.into()),
        }
        let reason = match value {
            AnswerValue::Score(score) if *score <= spec.low_score_threshold => Some((
                FollowupReason::LowScore,
                format!("{} = {score}", question.id),
            )),
            AnswerValue::YesNo(false) => {
                Some((FollowupReason::NotResolved, format!("{} = no", question.id)))
            }
            _ => None,
        };
        if let Some((reason, detail)) = reason.filter(|_| question.follow_up)
            && let Some(id) = Surveys::open_followup_in(tx, contact, reason, &detail, now).await?
        {
            followups.push(id);
        }
    }
    Ok(Recorded {
        answers: answers.len(),
        followups,
    })
}

/// Creates demo contacts with survey answers for about a third of the demo citizens (plus some
/// anonymous callers), over the 30 days before `now`: mostly good scores, some low ones with
/// their follow-ups (the older ones closed). Deterministic; returns the contacts created.
pub async fn seed_demo(store: &Store, now: Timestamp) -> Result<usize, SurveyError> {
    const PAGE: i64 = 1000;
    let spec = SurveySpec::inps_default();
    let mut rng = SplitMix64(0x5EED_5057_0000_00E7);
    let mut after = 0;
    let mut created = 0;
    loop {
        let citizens = store.citizens().list(after, PAGE).await?;
        let Some(last) = citizens.last() else {
            break;
        };
        after = last.id;
        let mut tx = store.begin().await?;
        for citizen in &citizens {
            if rng.below(100) < 35 {
                let data = &citizen.data;
                demo_contact(
                    &mut tx,
                    &spec,
                    &mut rng,
                    data.language,
                    Some(&data.tax_code),
                    now,
                )
                .await?;
                created += 1;
            }
            if rng.below(100) < 5 {
                let language = Language::ALL
                    .get(rng.below(8) as usize)
                    .copied()
                    .unwrap_or(Language::Italian);
                demo_contact(&mut tx, &spec, &mut rng, language, None, now).await?;
                created += 1;
            }
        }
        tx.commit().await.map_err(StoreError::from)?;
    }
    Ok(created)
}

async fn demo_contact(
    tx: &mut Transaction,
    spec: &SurveySpec,
    rng: &mut SplitMix64,
    language: Language,
    tax_code: Option<&TaxCode>,
    now: Timestamp,
) -> Result<(), SurveyError> {
    let (channel, entry_number) = match rng.below(100) {
        0..=54 => (ContactChannel::Phone, Some("803164")),
        55..=74 => (ContactChannel::Phone, Some("06164164")),
        75..=89 => (ContactChannel::WebCall, None),
        _ => (ContactChannel::Portal, None),
    };
    let kind = if rng.below(100) < 55 {
        ServiceKind::Agent
    } else {
        ServiceKind::Automated
    };
    let ago = SignedDuration::from_secs(i64::try_from(rng.below(30 * 24 * 3600)).unwrap_or(0));
    let length = SignedDuration::from_secs(i64::try_from(60 + rng.below(20 * 60)).unwrap_or(60));
    let started = now - ago - length;
    let ended = now - ago;
    let contact = NewContact {
        channel,
        entry_number: entry_number.map(str::to_owned),
        language,
        tax_code: tax_code.cloned(),
    };
    let id = Contacts::create_in(tx, &contact, started).await?;
    Contacts::end_in(tx, id, Some(kind), ended).await?;
    // Seven in ten answer the survey; some of them only the first question.
    if rng.below(100) >= 70 {
        return Ok(());
    }
    let score = match rng.below(100) {
        0..=34 => 5,
        35..=64 => 4,
        65..=79 => 3,
        80..=89 => 2,
        _ => 1,
    };
    let resolved = rng.below(100) < if score >= 4 { 92 } else { 40 };
    let mut given = vec![GivenAnswer {
        question: "satisfaction".to_owned(),
        value: AnswerValue::Score(score),
    }];
    if rng.below(100) < 90 {
        given.push(GivenAnswer {
            question: "resolved".to_owned(),
            value: AnswerValue::YesNo(resolved),
        });
    }
    let checked = check_answers(spec, &given)?;
    let recorded = record_in(tx, spec, id, kind, &checked, ended).await?;
    // Follow-ups older than a week were mostly handled already.
    if ago > SignedDuration::from_hours(7 * 24) {
        for followup in recorded.followups {
            if rng.below(100) < 80 {
                let closed_at = ended + SignedDuration::from_hours(24 + (followup % 48));
                Surveys::close_followup_in(
                    tx,
                    followup,
                    "supervisor:demo",
                    "Cittadino richiamato, pratica chiarita.",
                    closed_at,
                )
                .await?;
            }
        }
    }
    Ok(())
}

/// A small fixed-seed generator for demo data (SplitMix64), stable across crate versions.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0; the tiny modulo bias does not matter for demo data).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

impl fmt::Debug for SplitMix64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SplitMix64")
    }
}

#[cfg(test)]
mod tests;
