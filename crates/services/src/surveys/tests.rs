//! Survey tests against a real in-memory store.

use domain::{CenturyRule, ContactId, Language, PersonalTaxCode, Sex, TaxCode};
use jiff::{SignedDuration, Timestamp};
use store::{CitizenData, Store};

use super::*;

fn now() -> Timestamp {
    "2026-03-02T09:00:00Z".parse().expect("valid instant")
}

fn mario() -> TaxCode {
    TaxCode::parse_with("RSSMRA80A01H501U", CenturyRule::with_reference_year(2026))
        .expect("valid test code")
}

fn spec() -> SurveySpec {
    SurveySpec::inps_default()
}

fn score(value: u8) -> GivenAnswer {
    GivenAnswer {
        question: "satisfaction".into(),
        value: AnswerValue::Score(value),
    }
}

fn resolved(yes: bool) -> GivenAnswer {
    GivenAnswer {
        question: "resolved".into(),
        value: AnswerValue::YesNo(yes),
    }
}

/// A contact that ended with `kind` (or not yet served, with `None`).
async fn contact(store: &Store, kind: Option<ServiceKind>) -> ContactId {
    let id = store
        .contacts()
        .create(
            &NewContact {
                channel: ContactChannel::Phone,
                entry_number: Some("803164".into()),
                language: Language::German,
                tax_code: Some(mario()),
            },
            now() - SignedDuration::from_mins(10),
        )
        .await
        .expect("contact stored");
    if let Some(kind) = kind {
        assert!(store.contacts().end(id, Some(kind), now()).await.unwrap());
    }
    id
}

async fn store() -> Store {
    Store::open_in_memory().await.expect("store opens")
}

#[test]
fn the_inps_questionnaire_is_valid_and_translated() {
    let spec = spec();
    spec.validate().expect("valid");
    assert_eq!(spec.low_score_threshold, 2);
    let kinds: Vec<_> = spec
        .questions
        .iter()
        .map(|q| (q.id.as_str(), q.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("satisfaction", QuestionKind::Score1To5),
            ("resolved", QuestionKind::YesNo)
        ]
    );
    for question in &spec.questions {
        let texts: BTreeSet<&str> = Language::ALL.iter().map(|l| question.text(*l)).collect();
        assert_eq!(
            texts.len(),
            8,
            "{}: each language has its own text",
            question.id
        );
    }
    assert_eq!(
        spec.questions[1].text(Language::English),
        "Was your need resolved?"
    );
}

#[test]
fn a_questionnaire_reads_from_the_profile_and_is_checked() {
    let all_languages = "it = \"Tutto bene?\"\nde = \"Alles gut?\"\nen = \"All good?\"\n\
        fr = \"Tout va bien ?\"\nar = \"هل كل شيء على ما يرام؟\"\npl = \"Wszystko dobrze?\"\n\
        es = \"¿Todo bien?\"\nru = \"Всё хорошо?\"\n";
    let text = format!(
        "low_score_threshold = 3\n\n[[questions]]\nid = \"ok\"\nkind = \"yes-no\"\n\
         follow_up = false\n[questions.text]\n{all_languages}"
    );
    let spec: SurveySpec = toml::from_str(&text).expect("parses");
    spec.validate().expect("valid");
    assert_eq!(spec.low_score_threshold, 3);
    assert_eq!(spec.questions[0].kind, QuestionKind::YesNo);
    assert!(!spec.questions[0].follow_up);
    assert_eq!(spec.questions[0].text(Language::Spanish), "¿Todo bien?");

    // Unknown fields and kinds are refused when reading.
    let typo = text.replace("follow_up", "folow_up");
    assert!(toml::from_str::<SurveySpec>(&typo).is_err());
    let kind = text.replace("yes-no", "stars");
    assert!(toml::from_str::<SurveySpec>(&kind).is_err());

    // Everything else wrong is reported at once.
    let bad = "low_score_threshold = 5\n\
        [[questions]]\nid = \"Q 1\"\nkind = \"score-1-5\"\n[questions.text]\nit = \"Voto?\"\nxx = \"?\"\n\
        [[questions]]\nid = \"Q 1\"\nkind = \"yes-no\"\n[questions.text]\nit = \" \"\n";
    let spec: SurveySpec = toml::from_str(bad).expect("parses");
    let err = spec.validate().unwrap_err();
    let all = err.problems.join("\n");
    for expected in [
        "low_score_threshold is 5",
        "question 1 (\"Q 1\"): the id must be",
        "question 2 (\"Q 1\"): the id is used twice",
        "question 1 (\"Q 1\"): no text in German (de)",
        "\"xx\" is not one of the languages",
        "question 2 (\"Q 1\"): the Italian text is empty",
    ] {
        assert!(all.contains(expected), "missing {expected:?} in:\n{all}");
    }
    assert_eq!(err.code(), "survey_spec_invalid");

    let empty = SurveySpec {
        questions: vec![],
        low_score_threshold: 2,
    };
    assert_eq!(
        empty.validate().unwrap_err().problems,
        ["there are no questions"]
    );
}

#[test]
fn phone_keys_map_to_answers() {
    let spec = spec();
    let satisfaction = spec.question("satisfaction").unwrap();
    let resolved = spec.question("resolved").unwrap();
    assert_eq!(
        satisfaction.answer_from_key('4'),
        Some(AnswerValue::Score(4))
    );
    assert_eq!(satisfaction.answer_from_key('0'), None);
    assert_eq!(satisfaction.answer_from_key('6'), None);
    assert_eq!(satisfaction.answer_from_key('#'), None);
    assert_eq!(
        resolved.answer_from_key('1'),
        Some(AnswerValue::YesNo(true))
    );
    assert_eq!(
        resolved.answer_from_key('2'),
        Some(AnswerValue::YesNo(false))
    );
    assert_eq!(resolved.answer_from_key('3'), None);
}

#[tokio::test]
async fn contacts_are_created_ended_once_and_read_back() {
    let store = store().await;
    let id = contact(&store, None).await;
    let found = store.contacts().by_id(id).await.unwrap().unwrap();
    assert_eq!(found.contact.channel, ContactChannel::Phone);
    assert_eq!(found.contact.language, Language::German);
    assert_eq!(found.contact.tax_code, Some(mario()));
    assert_eq!(found.service_kind, None);
    assert_eq!(found.ended_at, None);
    assert!(!format!("{found:?}").contains("RSSMRA80A01H501U"));

    assert!(
        store
            .contacts()
            .set_service_kind(id, ServiceKind::Automated)
            .await
            .unwrap()
    );
    assert!(store.contacts().end(id, None, now()).await.unwrap());
    assert!(
        !store
            .contacts()
            .end(id, Some(ServiceKind::Agent), now())
            .await
            .unwrap()
    );
    let found = store.contacts().by_id(id).await.unwrap().unwrap();
    assert_eq!(found.service_kind, Some(ServiceKind::Automated));
    assert_eq!(found.ended_at, Some(now()));
    let unknown = ContactId::new(999).unwrap();
    assert_eq!(store.contacts().by_id(unknown).await.unwrap(), None);
    assert!(!store.contacts().end(unknown, None, now()).await.unwrap());
}

#[tokio::test]
async fn good_answers_are_stored_without_a_follow_up() {
    let store = store().await;
    let id = contact(&store, Some(ServiceKind::Agent)).await;
    let recorded = record_answers(&store, &spec(), id, &[score(5), resolved(true)], now())
        .await
        .unwrap();
    assert_eq!(
        recorded,
        Recorded {
            answers: 2,
            followups: vec![]
        }
    );
    let answers = store.surveys().answers(id).await.unwrap();
    assert_eq!(answers.len(), 2);
    assert_eq!(answers[0].answer.value, AnswerValue::Score(5));
    assert_eq!(answers[0].answer.service_kind, ServiceKind::Agent);
    assert_eq!(answers[0].answered_at, now());
    assert_eq!(answers[1].answer.value, AnswerValue::YesNo(true));
    assert!(open_followups(&store, 10).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_low_score_or_an_unresolved_need_opens_a_follow_up() {
    let store = store().await;
    let low = contact(&store, Some(ServiceKind::Agent)).await;
    let unresolved = contact(&store, Some(ServiceKind::Automated)).await;
    let both = contact(&store, Some(ServiceKind::Agent)).await;
    let three = contact(&store, Some(ServiceKind::Agent)).await;

    let r = record_answers(&store, &spec(), low, &[score(2)], now())
        .await
        .unwrap();
    assert_eq!(r.followups.len(), 1);
    let r = record_answers(
        &store,
        &spec(),
        unresolved,
        &[score(4), resolved(false)],
        now() + SignedDuration::from_secs(1),
    )
    .await
    .unwrap();
    assert_eq!(r.followups.len(), 1);
    let r = record_answers(
        &store,
        &spec(),
        both,
        &[score(1), resolved(false)],
        now() + SignedDuration::from_secs(2),
    )
    .await
    .unwrap();
    assert_eq!(r.followups.len(), 2);
    // A 3 is not low with the default threshold of 2.
    let r = record_answers(&store, &spec(), three, &[score(3)], now())
        .await
        .unwrap();
    assert!(r.followups.is_empty());

    let open = open_followups(&store, 10).await.unwrap();
    let seen: Vec<_> = open
        .iter()
        .map(|item| {
            (
                item.contact.id,
                item.followup.reason,
                item.followup.detail.as_str(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (low, FollowupReason::LowScore, "satisfaction = 2"),
            (unresolved, FollowupReason::NotResolved, "resolved = no"),
            (both, FollowupReason::LowScore, "satisfaction = 1"),
            (both, FollowupReason::NotResolved, "resolved = no"),
        ]
    );
    assert!(open.iter().all(|item| item.followup.is_open()));
    assert_eq!(open_followups(&store, 1).await.unwrap().len(), 1);
}

#[tokio::test]
async fn the_threshold_and_the_follow_up_flag_come_from_the_spec() {
    let store = store().await;
    let mut strict = spec();
    strict.low_score_threshold = 3;
    strict.questions[1].follow_up = false;
    let id = contact(&store, Some(ServiceKind::Automated)).await;
    let r = record_answers(&store, &strict, id, &[score(3), resolved(false)], now())
        .await
        .unwrap();
    assert_eq!(r.followups.len(), 1);
    let followups = store.surveys().followups_for(id).await.unwrap();
    assert_eq!(followups.len(), 1);
    assert_eq!(followups[0].reason, FollowupReason::LowScore);
}

#[tokio::test]
async fn a_second_answer_to_a_question_is_a_conflict_and_writes_nothing() {
    let store = store().await;
    let id = contact(&store, Some(ServiceKind::Agent)).await;
    record_answers(&store, &spec(), id, &[score(4)], now())
        .await
        .unwrap();
    // "resolved" is new, "satisfaction" is not: the whole submission is refused.
    let err = record_answers(&store, &spec(), id, &[resolved(false), score(1)], now())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, SurveyError::AlreadyAnswered(q) if q == "satisfaction"),
        "{err:?}"
    );
    assert_eq!(err.kind(), ErrorKind::Conflict);
    let answers = store.surveys().answers(id).await.unwrap();
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0].answer.value, AnswerValue::Score(4));
    assert!(store.surveys().followups_for(id).await.unwrap().is_empty());
    // The question not yet answered can still be answered.
    record_answers(&store, &spec(), id, &[resolved(true)], now())
        .await
        .unwrap();
}

#[tokio::test]
async fn invalid_answers_are_refused_and_nothing_is_stored() {
    let store = store().await;
    let id = contact(&store, Some(ServiceKind::Agent)).await;
    let cases: Vec<(Vec<GivenAnswer>, &str)> = vec![
        (vec![], "survey_no_answers"),
        (vec![resolved(true), score(0)], "survey_invalid_answer"),
        (vec![score(6)], "survey_invalid_answer"),
        (
            vec![GivenAnswer {
                question: "satisfaction".into(),
                value: AnswerValue::YesNo(true),
            }],
            "survey_invalid_answer",
        ),
        (
            vec![GivenAnswer {
                question: "resolved".into(),
                value: AnswerValue::Score(3),
            }],
            "survey_invalid_answer",
        ),
        (
            vec![GivenAnswer {
                question: "mood".into(),
                value: AnswerValue::Score(3),
            }],
            "survey_unknown_question",
        ),
        (vec![score(1), score(5)], "survey_repeated_question"),
    ];
    for (answers, code) in cases {
        let err = record_answers(&store, &spec(), id, &answers, now())
            .await
            .unwrap_err();
        assert_eq!(err.code(), code, "{answers:?}: {err}");
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
    }
    assert!(store.surveys().answers(id).await.unwrap().is_empty());
}

#[tokio::test]
async fn answers_need_a_known_contact_that_was_served() {
    let store = store().await;
    let err = record_answers(
        &store,
        &spec(),
        ContactId::new(77).unwrap(),
        &[score(5)],
        now(),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, SurveyError::ContactNotFound), "{err:?}");
    assert_eq!(err.kind(), ErrorKind::NotFound);

    let unserved = contact(&store, None).await;
    let err = record_answers(&store, &spec(), unserved, &[score(5)], now())
        .await
        .unwrap_err();
    assert!(matches!(err, SurveyError::NotServed), "{err:?}");
    // Served but not yet ended (the survey runs before the caller hangs up): accepted.
    assert!(
        store
            .contacts()
            .set_service_kind(unserved, ServiceKind::Automated)
            .await
            .unwrap()
    );
    record_answers(&store, &spec(), unserved, &[score(5)], now())
        .await
        .unwrap();
    let answers = store.surveys().answers(unserved).await.unwrap();
    assert_eq!(answers[0].answer.service_kind, ServiceKind::Automated);
}

#[tokio::test]
async fn a_supervisor_closes_a_follow_up_once() {
    let store = store().await;
    let id = contact(&store, Some(ServiceKind::Agent)).await;
    let r = record_answers(&store, &spec(), id, &[score(1)], now())
        .await
        .unwrap();
    let followup = r.followups[0];
    let later = now() + SignedDuration::from_hours(3);

    let err = close_followup(&store, followup, "supervisor:s1", &"x".repeat(2001), later)
        .await
        .unwrap_err();
    assert!(matches!(err, SurveyError::NoteTooLong), "{err:?}");

    let closed = close_followup(&store, followup, "supervisor:s1", " Richiamato. ", later)
        .await
        .unwrap();
    assert_eq!(closed.closed, Some((later, "supervisor:s1".to_owned())));
    assert_eq!(closed.note, "Richiamato.");
    assert!(open_followups(&store, 10).await.unwrap().is_empty());
    let audit = &store.audit().recent(1).await.unwrap()[0];
    assert_eq!(audit.event.action, "survey.followup_closed");
    assert_eq!(audit.event.actor, "supervisor:s1");

    let err = close_followup(&store, followup, "supervisor:s2", "", later)
        .await
        .unwrap_err();
    assert!(matches!(err, SurveyError::FollowupClosed), "{err:?}");
    assert_eq!(err.kind(), ErrorKind::Conflict);
    let err = close_followup(&store, followup + 100, "supervisor:s2", "", later)
        .await
        .unwrap_err();
    assert!(matches!(err, SurveyError::FollowupNotFound), "{err:?}");
    // A closed follow-up is not reopened by another bad answer of the same kind.
    let again = record_answers(&store, &spec(), id, &[resolved(false)], later)
        .await
        .unwrap();
    assert_eq!(again.followups.len(), 1);
    assert_eq!(store.surveys().followups_for(id).await.unwrap().len(), 2);
}

#[tokio::test]
async fn the_summary_averages_scores_by_service_kind_over_the_period() {
    let store = store().await;
    let day = SignedDuration::from_hours(24);
    for (kind, answers, at) in [
        (ServiceKind::Agent, vec![score(5), resolved(true)], now()),
        (ServiceKind::Agent, vec![score(2), resolved(false)], now()),
        (ServiceKind::Agent, vec![score(4)], now() + day),
        (
            ServiceKind::Automated,
            vec![score(3), resolved(true)],
            now(),
        ),
        // Outside the period.
        (ServiceKind::Automated, vec![score(1)], now() - day),
        (ServiceKind::Agent, vec![score(1)], now() + day + day),
    ] {
        let id = contact(&store, Some(kind)).await;
        record_answers(&store, &spec(), id, &answers, at)
            .await
            .unwrap();
    }
    let from = now();
    let to = now() + day + day;
    let summary = summary(&store, &spec(), from, to).await.unwrap();
    assert_eq!(
        summary.agent,
        KindSummary {
            service_kind: ServiceKind::Agent,
            contacts: 3,
            scores: 3,
            score_sum: 11,
            low_scores: 1,
            yes: 1,
            no: 1,
        }
    );
    assert_eq!(summary.agent.average_score(), Some(11.0 / 3.0));
    assert_eq!(summary.agent.yes_share(), Some(0.5));
    assert_eq!(summary.automated.contacts, 1);
    assert_eq!(summary.automated.average_score(), Some(3.0));

    let empty = super::summary(&store, &spec(), to + day, to + day + day)
        .await
        .unwrap();
    assert_eq!(empty.agent, KindSummary::empty(ServiceKind::Agent));
    assert_eq!(empty.agent.average_score(), None);
    let err = super::summary(&store, &spec(), to, from).await.unwrap_err();
    assert!(matches!(err, SurveyError::InvalidPeriod), "{err:?}");
}

#[tokio::test]
async fn demo_surveys_are_deterministic_and_include_follow_ups() {
    let store = store().await;
    let surnames = ["Rossi", "Bianchi", "Esposito", "Ferrari", "Romano"];
    let names = ["Mario", "Giulia", "Luca", "Sara"];
    let start = jiff::civil::date(1960, 1, 1);
    let citizens: Vec<CitizenData> = (0..400_i64)
        .map(|n| {
            let birth_date = start
                .checked_add(SignedDuration::from_hours(24 * 37 * n))
                .expect("dates in range");
            let surname = surnames[(n % 5) as usize];
            let given_name = names[(n % 4) as usize];
            let code = PersonalTaxCode::encode(surname, given_name, birth_date, Sex::Male, "H501")
                .expect("encodes");
            CitizenData {
                tax_code: TaxCode::Personal(code),
                given_name: given_name.into(),
                surname: surname.into(),
                birth_date,
                sex: Sex::Male,
                address: None,
                mobile: None,
                email: None,
                language: Language::ALL[(n % 8) as usize],
            }
        })
        .collect();
    store.citizens().insert_all(&citizens).await.unwrap();

    let created = seed_demo(&store, now()).await.unwrap();
    assert!((100..=200).contains(&created), "{created} contacts");
    let open = open_followups(&store, 500).await.unwrap();
    assert!(!open.is_empty());
    let month = super::summary(
        &store,
        &spec(),
        now() - SignedDuration::from_hours(31 * 24),
        now(),
    )
    .await
    .unwrap();
    assert!(month.agent.scores > 0 && month.automated.scores > 0);
    assert!(month.agent.low_scores > 0);

    // The same data again on a fresh database.
    let other = Store::open_in_memory().await.unwrap();
    other.citizens().insert_all(&citizens).await.unwrap();
    assert_eq!(seed_demo(&other, now()).await.unwrap(), created);
    let again = open_followups(&other, 500).await.unwrap();
    assert_eq!(again.len(), open.len());
    assert_eq!(
        again.iter().map(|i| &i.followup.detail).collect::<Vec<_>>(),
        open.iter().map(|i| &i.followup.detail).collect::<Vec<_>>()
    );
}
