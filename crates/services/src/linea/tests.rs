//! INPS Linea operations against a real in-memory store.

use domain::{CenturyRule, ContactId, Language, Sex};
use jiff::civil::date;
use store::outbox::OutboxChannel;
use store::{Address, CitizenData};

use super::*;

const MARIO: &str = "RSSMRA80A01H501U";
const GIOVANNA: &str = "BNCGNN75T52F205W";
const LUIGI: &str = "VRDLGU90E15Z404L";
const NOMAD: &str = "RSSMRA85T10A562S";

fn tax_code(code: &str) -> TaxCode {
    TaxCode::parse_with(code, CenturyRule::with_reference_year(2026)).unwrap()
}

fn office(code: &str, province: &str, name: &str) -> Office {
    Office {
        code: code.parse().unwrap(),
        name: name.into(),
        region: "Piemonte".into(),
        province: province.into(),
        street: "Corso Giulio Cesare 290".into(),
        postcode: "10152".into(),
        city: "Torino".into(),
        hours: "Lun-Ven 08:30-12:30".into(),
    }
}

fn citizen(code: &str, province: Option<&str>) -> CitizenData {
    CitizenData {
        tax_code: tax_code(code),
        given_name: "Maria".into(),
        surname: "Rossi".into(),
        birth_date: date(1980, 1, 1),
        sex: Sex::Female,
        address: province.map(|p| Address {
            street: "Via Roma 1".into(),
            postcode: "10100".into(),
            city: "Torino".into(),
            province: p.into(),
        }),
        mobile: None,
        email: None,
        language: Language::Italian,
    }
}

/// Three offices (two in Turin, one in Vercelli) and four citizens: Mario (TO, opted in to IO),
/// Giovanna (TO), Luigi (AQ: no office there), Nomad (no address).
async fn setup() -> Store {
    let store = Store::open_in_memory().await.unwrap();
    store
        .offices()
        .replace_all(&[
            office("0101", "TO", "Agenzia complessa di Torino Nord"),
            office("0100", "TO", "Direzione provinciale di Torino"),
            office("0110", "VC", "Direzione provinciale di Vercelli"),
        ])
        .await
        .unwrap();
    store
        .citizens()
        .insert_all(&[
            citizen(MARIO, Some("TO")),
            citizen(GIOVANNA, Some("TO")),
            citizen(LUIGI, Some("AQ")),
            citizen(NOMAD, None),
        ])
        .await
        .unwrap();
    store
        .citizens()
        .set_io_opt_in(&tax_code(MARIO), true)
        .await
        .unwrap();
    store
}

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

/// Monday 2 March 2026, 10:00 in Rome.
fn now() -> Timestamp {
    at("2026-03-02T09:00:00Z")
}

fn by_agent(code: &str) -> NewRequest {
    NewRequest {
        tax_code: tax_code(code),
        origin: LineaOrigin::Agent {
            agent_id: "a042".into(),
            contact_id: Some(ContactId::new(77).unwrap()),
        },
        service_group: ServiceGroup::Pensions,
        topic: " Ricostituzione ".into(),
        description: "Chiede il ricalcolo della pensione.".into(),
        office: None,
    }
}

fn office_actor(code: &str) -> LineaActor {
    LineaActor::Office {
        office: code.parse().unwrap(),
        user: "u1".into(),
    }
}

fn citizen_actor(code: &str) -> LineaActor {
    LineaActor::Citizen {
        tax_code: tax_code(code),
    }
}

async fn io_messages(store: &Store, id: LineaRequestId) -> Vec<store::outbox::OutboxMessage> {
    store
        .outbox()
        .related_to(&format!("linea:{id}"))
        .await
        .unwrap()
}

#[tokio::test]
async fn an_agent_creates_a_request_for_the_competent_office_with_its_sla() {
    let store = setup().await;
    let config = LineaConfig::default();
    let created = create(&store, &config, &by_agent(GIOVANNA), now())
        .await
        .unwrap();
    assert_eq!(created.id.to_string(), "LI-2026-00000001");
    // The first office of the province by code.
    assert_eq!(created.office.as_str(), "0100");
    assert_eq!(created.status, LineaStatus::Received);
    assert_eq!(created.topic, "Ricostituzione");
    // 30 calendar days after Monday 2 March: Wednesday 1 April, a working day.
    assert_eq!(created.sla_due, date(2026, 4, 1));
    assert_eq!(
        created.origin,
        LineaOrigin::Agent {
            agent_id: "a042".into(),
            contact_id: Some(ContactId::new(77).unwrap())
        }
    );
    let detail = find(&store, &tax_code(GIOVANNA), created.id).await.unwrap();
    assert_eq!(detail.request, created);
    assert_eq!(
        detail.office.map(|o| o.code.to_string()),
        Some("0100".into())
    );
    assert_eq!(detail.history.len(), 1);
    assert_eq!(detail.history[0].actor, "agent:a042");
    // Giovanna did not opt in: no IO message. The creation is audited.
    assert!(io_messages(&store, created.id).await.is_empty());
    let audit = store.audit().recent(1).await.unwrap();
    assert_eq!(audit[0].event.action, "linea.created");
    assert_eq!(audit[0].event.subject.as_deref(), Some(GIOVANNA));

    let second = create(&store, &config, &by_agent(GIOVANNA), now())
        .await
        .unwrap();
    assert_eq!(second.id.to_string(), "LI-2026-00000002");
}

#[tokio::test]
async fn an_online_request_to_a_chosen_office_notifies_a_citizen_who_opted_in() {
    let store = setup().await;
    let request = NewRequest {
        origin: LineaOrigin::Online,
        office: Some("0110".parse().unwrap()),
        ..by_agent(MARIO)
    };
    let created = create(&store, &LineaConfig::default(), &request, now())
        .await
        .unwrap();
    assert_eq!(created.office.as_str(), "0110");
    assert_eq!(created.origin, LineaOrigin::Online);
    let sent = io_messages(&store, created.id).await;
    assert_eq!(sent.len(), 1);
    let message = &sent[0].message;
    assert_eq!(message.channel, OutboxChannel::Io);
    assert_eq!(message.recipient, MARIO);
    assert_eq!(
        message.subject,
        "Richiesta INPS Linea LI-2026-00000001: ricevuta"
    );
    assert!(message.body.contains("**LI-2026-00000001**"));
    assert!(message.body.contains("**Ricevuta**"));
    assert!(message.body.contains("Direzione provinciale di Vercelli"));
    assert!(message.body.contains("1 aprile 2026"));
    assert!(message.body.chars().count() >= 80);
}

#[tokio::test]
async fn creation_refuses_bad_input_and_writes_nothing() {
    let store = setup().await;
    let config = LineaConfig::default();
    let refuse =
        async |request: NewRequest| create(&store, &config, &request, now()).await.unwrap_err();

    let err = refuse(by_agent(DRS)).await;
    assert!(matches!(err, LineaError::CitizenNotFound));
    assert_eq!(
        (err.kind(), err.code()),
        (ErrorKind::NotFound, "citizen_not_found")
    );

    let err = refuse(NewRequest {
        office: Some("9999".parse().unwrap()),
        ..by_agent(MARIO)
    })
    .await;
    assert_eq!(
        (err.kind(), err.code()),
        (ErrorKind::NotFound, "office_not_found")
    );

    let err = refuse(by_agent(LUIGI)).await;
    assert_eq!(err.code(), "no_competent_office");
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.to_string().contains("province AQ"), "{err}");
    let err = refuse(by_agent(NOMAD)).await;
    assert!(matches!(
        err,
        LineaError::NoCompetentOffice { province: None }
    ));

    let err = refuse(NewRequest {
        topic: "   ".into(),
        ..by_agent(MARIO)
    })
    .await;
    assert_eq!(err.to_string(), "topic: must not be empty");
    assert_eq!(
        (err.kind(), err.code()),
        (ErrorKind::InvalidInput, "invalid_text")
    );
    let err = refuse(NewRequest {
        description: "x".repeat(MAX_TEXT_CHARS + 1),
        ..by_agent(MARIO)
    })
    .await;
    assert!(
        err.to_string()
            .starts_with("description: is 4001 characters")
    );
    let err = refuse(NewRequest {
        origin: LineaOrigin::Agent {
            agent_id: String::new(),
            contact_id: None,
        },
        ..by_agent(MARIO)
    })
    .await;
    assert_eq!(err.code(), "invalid_text");

    assert_eq!(store.linea().count().await.unwrap(), 0);
    assert!(store.audit().recent(10).await.unwrap().is_empty());
    // A luckless citizen with an office is given the first id: nothing was consumed.
    let created = create(&store, &config, &by_agent(MARIO), now())
        .await
        .unwrap();
    assert_eq!(created.id.sequence(), 1);
}

const DRS: &str = "DRSMRA85T50A562U";

#[tokio::test]
async fn a_look_up_never_reveals_another_citizens_request() {
    let store = setup().await;
    let config = LineaConfig::default();
    let mine = create(&store, &config, &by_agent(MARIO), now())
        .await
        .unwrap();
    let err = find(&store, &tax_code(GIOVANNA), mine.id)
        .await
        .unwrap_err();
    assert!(matches!(err, LineaError::NotFound));
    let missing = LineaRequestId::new(2026, 999).unwrap();
    let err2 = find(&store, &tax_code(MARIO), missing).await.unwrap_err();
    // Same answer for someone else's and a missing request.
    assert_eq!(err.to_string(), err2.to_string());
    assert_eq!(
        (err.kind(), err.code()),
        (ErrorKind::NotFound, "request_not_found")
    );
    // The office's staff: only the competent office finds it.
    assert!(
        find_for_office(&store, "0100".parse().unwrap(), mine.id)
            .await
            .is_ok()
    );
    assert!(matches!(
        find_for_office(&store, "0101".parse().unwrap(), mine.id).await,
        Err(LineaError::NotFound)
    ));
}

#[test]
fn request_ids_typed_wrong_are_invalid_input() {
    let err = parse_request_id("LI-2026-42").unwrap_err();
    assert_eq!(
        (err.kind(), err.code()),
        (ErrorKind::InvalidInput, "invalid_request_id")
    );
    assert!(err.to_string().contains("8 digits"), "{err}");
    assert_eq!(
        parse_request_id("li-2026-00000042").unwrap().to_string(),
        "LI-2026-00000042"
    );
}

#[tokio::test]
async fn a_request_goes_through_its_whole_life_with_a_notification_per_change() {
    let store = setup().await;
    let config = LineaConfig::default();
    let id = create(&store, &config, &by_agent(MARIO), now())
        .await
        .unwrap()
        .id;
    let office = office_actor("0100");
    let mario = citizen_actor(MARIO);
    let later = |hours: i64| now().checked_add(hours.hours()).unwrap();

    change_status(
        &store,
        &config,
        id,
        LineaStatus::TakenInCharge,
        &office,
        "",
        later(1),
    )
    .await
    .unwrap();
    let asked = add_message(&store, id, &office, "Ci invii il modello AP70.", later(2))
        .await
        .unwrap();
    assert_eq!(asked.author, MessageAuthor::Office);
    change_status(
        &store,
        &config,
        id,
        LineaStatus::WaitingForCitizen,
        &office,
        "manca il modello AP70",
        later(2),
    )
    .await
    .unwrap();
    // The citizen's answer gives the request back to the office.
    add_message(&store, id, &mario, "Ecco il modello.", later(3))
        .await
        .unwrap();
    let detail = find(&store, &tax_code(MARIO), id).await.unwrap();
    assert_eq!(detail.request.status, LineaStatus::TakenInCharge);
    change_status(
        &store,
        &config,
        id,
        LineaStatus::Answered,
        &office,
        "",
        later(4),
    )
    .await
    .unwrap();
    change_status(
        &store,
        &config,
        id,
        LineaStatus::Closed,
        &mario,
        "",
        later(5),
    )
    .await
    .unwrap();
    // Reopened 40 days later: a new SLA from that day.
    let reopened = change_status(
        &store,
        &config,
        id,
        LineaStatus::Reopened,
        &mario,
        "",
        later(40 * 24),
    )
    .await
    .unwrap();
    assert_eq!(reopened.status, LineaStatus::Reopened);
    // 11 April + 30 days = 11 May 2026, a Monday.
    assert_eq!(reopened.sla_due, date(2026, 5, 11));

    let detail = find(&store, &tax_code(MARIO), id).await.unwrap();
    assert_eq!(detail.request, reopened);
    let statuses: Vec<_> = detail.history.iter().map(|c| c.status).collect();
    use LineaStatus::*;
    assert_eq!(
        statuses,
        [
            Received,
            TakenInCharge,
            WaitingForCitizen,
            TakenInCharge,
            Answered,
            Closed,
            Reopened
        ]
    );
    assert_eq!(detail.history[2].note, "manca il modello AP70");
    assert_eq!(detail.history[1].actor, "office:0100/u1");
    assert_eq!(detail.history[5].actor, "citizen");
    let texts: Vec<_> = detail
        .messages
        .iter()
        .map(|m| (m.author, m.body.as_str()))
        .collect();
    assert_eq!(
        texts,
        [
            (MessageAuthor::Office, "Ci invii il modello AP70."),
            (MessageAuthor::Citizen, "Ecco il modello.")
        ]
    );
    // One IO message per status, each naming the request and its new status.
    let sent = io_messages(&store, id).await;
    let subjects: Vec<_> = sent.iter().map(|m| m.message.subject.as_str()).collect();
    assert_eq!(
        subjects,
        [
            "Richiesta INPS Linea LI-2026-00000001: ricevuta",
            "Richiesta INPS Linea LI-2026-00000001: presa in carico",
            "Richiesta INPS Linea LI-2026-00000001: in attesa di una tua risposta",
            "Richiesta INPS Linea LI-2026-00000001: presa in carico",
            "Richiesta INPS Linea LI-2026-00000001: risposta inviata",
            "Richiesta INPS Linea LI-2026-00000001: chiusa",
            "Richiesta INPS Linea LI-2026-00000001: riaperta",
        ]
    );
    assert!(sent[6].message.body.contains("11 maggio 2026"));
}

#[tokio::test]
async fn a_wrong_transition_is_a_conflict_and_changes_nothing() {
    let store = setup().await;
    let config = LineaConfig::default();
    let id = create(&store, &config, &by_agent(MARIO), now())
        .await
        .unwrap()
        .id;
    let office = office_actor("0100");
    let err = change_status(
        &store,
        &config,
        id,
        LineaStatus::Answered,
        &office,
        "",
        now(),
    )
    .await
    .unwrap_err();
    assert!(matches!(
        err,
        LineaError::InvalidTransition {
            from: LineaStatus::Received,
            to: LineaStatus::Answered,
            ..
        }
    ));
    assert_eq!(
        (err.kind(), err.code()),
        (ErrorKind::Conflict, "invalid_transition")
    );
    assert_eq!(
        err.to_string(),
        "request LI-2026-00000001 is received: it cannot become answered (allowed next: \
         taken_in_charge)"
    );
    let err = change_status(
        &store,
        &config,
        id,
        LineaStatus::Received,
        &office,
        "",
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code(), "invalid_transition");

    // The citizen may not act for the office, even along an allowed transition.
    let err = change_status(
        &store,
        &config,
        id,
        LineaStatus::TakenInCharge,
        &citizen_actor(MARIO),
        "",
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(
        (err.kind(), err.code()),
        (ErrorKind::Conflict, "transition_not_allowed")
    );
    change_status(
        &store,
        &config,
        id,
        LineaStatus::TakenInCharge,
        &office,
        "",
        now(),
    )
    .await
    .unwrap();
    change_status(
        &store,
        &config,
        id,
        LineaStatus::WaitingForCitizen,
        &office,
        "",
        now(),
    )
    .await
    .unwrap();
    let err = change_status(
        &store,
        &config,
        id,
        LineaStatus::Closed,
        &LineaActor::Agent {
            agent_id: "a1".into(),
        },
        "",
        now(),
    )
    .await
    .unwrap_err();
    assert!(matches!(
        err,
        LineaError::NotAllowed {
            to: LineaStatus::Closed
        }
    ));

    // Another office, another citizen: not found.
    let err = change_status(
        &store,
        &config,
        id,
        LineaStatus::Answered,
        &office_actor("0101"),
        "",
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code(), "request_not_found");
    let err = add_message(&store, id, &citizen_actor(GIOVANNA), "ciao", now())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "request_not_found");

    let detail = find(&store, &tax_code(MARIO), id).await.unwrap();
    assert_eq!(detail.history.len(), 3);
    assert!(detail.messages.is_empty());
    assert_eq!(io_messages(&store, id).await.len(), 3);
}

#[tokio::test]
async fn a_closed_request_takes_no_messages_until_reopened() {
    let store = setup().await;
    let config = LineaConfig::default();
    let id = create(&store, &config, &by_agent(GIOVANNA), now())
        .await
        .unwrap()
        .id;
    let office = office_actor("0100");
    for to in [
        LineaStatus::TakenInCharge,
        LineaStatus::Answered,
        LineaStatus::Closed,
    ] {
        change_status(&store, &config, id, to, &office, "", now())
            .await
            .unwrap();
    }
    let giovanna = citizen_actor(GIOVANNA);
    let err = add_message(&store, id, &giovanna, "Non sono d'accordo", now())
        .await
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.code()),
        (ErrorKind::Conflict, "request_closed")
    );
    let err = add_message(&store, id, &giovanna, "  ", now())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "invalid_text");
    let err = add_message(&store, id, &LineaActor::System, "x", now())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "invalid_text");
    change_status(
        &store,
        &config,
        id,
        LineaStatus::Reopened,
        &giovanna,
        "",
        now(),
    )
    .await
    .unwrap();
    add_message(&store, id, &giovanna, "Non sono d'accordo", now())
        .await
        .unwrap();
    assert_eq!(store.linea().messages(id).await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_citizens_list_is_grouped_by_competent_office() {
    let store = setup().await;
    let config = LineaConfig::default();
    let vercelli = create(
        &store,
        &config,
        &NewRequest {
            office: Some("0110".parse().unwrap()),
            ..by_agent(MARIO)
        },
        now(),
    )
    .await
    .unwrap();
    let turin_old = create(&store, &config, &by_agent(MARIO), now())
        .await
        .unwrap();
    let turin_new = create(
        &store,
        &config,
        &by_agent(MARIO),
        now().checked_add(1.hours()).unwrap(),
    )
    .await
    .unwrap();
    create(&store, &config, &by_agent(GIOVANNA), now())
        .await
        .unwrap();
    let groups = list_for_citizen(&store, &tax_code(MARIO)).await.unwrap();
    let shape: Vec<_> = groups
        .iter()
        .map(|g| {
            (
                g.office_code.to_string(),
                g.office.as_ref().map(|o| o.name.clone()),
                g.requests.iter().map(|r| r.id).collect::<Vec<_>>(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        [
            (
                "0100".to_owned(),
                Some("Direzione provinciale di Torino".to_owned()),
                vec![turin_new.id, turin_old.id]
            ),
            (
                "0110".to_owned(),
                Some("Direzione provinciale di Vercelli".to_owned()),
                vec![vercelli.id]
            ),
        ]
    );
    assert!(
        list_for_citizen(&store, &tax_code(NOMAD))
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn the_worklist_shows_open_requests_earliest_sla_first() {
    let store = setup().await;
    let config = LineaConfig::default();
    let office = office_actor("0100");
    let later = create(
        &store,
        &config,
        &by_agent(GIOVANNA),
        now().checked_add(48.hours()).unwrap(),
    )
    .await
    .unwrap();
    let earlier = create(&store, &config, &by_agent(MARIO), now())
        .await
        .unwrap();
    let done = create(&store, &config, &by_agent(MARIO), now())
        .await
        .unwrap();
    for to in [LineaStatus::TakenInCharge, LineaStatus::Answered] {
        change_status(&store, &config, done.id, to, &office, "", now())
            .await
            .unwrap();
    }
    let list = worklist(&store, "0100".parse().unwrap(), 50).await.unwrap();
    let ids: Vec<_> = list.iter().map(|r| r.id).collect();
    assert_eq!(ids, [earlier.id, later.id]);
    assert!(
        worklist(&store, "0110".parse().unwrap(), 50)
            .await
            .unwrap()
            .is_empty()
    );
}

#[test]
fn sla_due_dates_skip_weekends_and_holidays() {
    // 7 March + 30 days = Easter Monday 6 April 2026: moved to Tuesday 7 April.
    assert_eq!(
        SlaRule::CalendarDays(30).due_date(date(2026, 3, 7)),
        date(2026, 4, 7)
    );
    assert_eq!(
        SlaRule::CalendarDays(30).due_date(date(2026, 3, 2)),
        date(2026, 4, 1)
    );
    // Five working days after Friday 3 April 2026: 7, 8, 9, 10, 13 April (6 April is Easter
    // Monday).
    assert_eq!(
        SlaRule::WorkingDays(5).due_date(date(2026, 4, 3)),
        date(2026, 4, 13)
    );
    assert_eq!(
        SlaRule::WorkingDays(0).due_date(date(2026, 4, 3)),
        date(2026, 4, 3)
    );
}

#[tokio::test]
async fn a_working_day_sla_is_used_when_configured() {
    let store = setup().await;
    let config = LineaConfig {
        sla: SlaRule::WorkingDays(10),
        ..LineaConfig::default()
    };
    let created = create(&store, &config, &by_agent(MARIO), now())
        .await
        .unwrap();
    // Ten working days after Monday 2 March 2026.
    assert_eq!(created.sla_due, date(2026, 3, 16));
}

#[test]
fn every_status_can_be_reached_and_left_only_along_the_table() {
    use LineaStatus::*;
    for status in LineaStatus::ALL {
        assert!(
            !allowed_next(status).contains(&status),
            "{status} -> itself"
        );
        assert!(
            !allowed_next(status).contains(&Received),
            "{status} -> received"
        );
    }
    for target in [TakenInCharge, WaitingForCitizen, Answered, Closed, Reopened] {
        assert!(
            LineaStatus::ALL
                .iter()
                .any(|s| allowed_next(*s).contains(&target)),
            "{target} unreachable"
        );
    }
}

#[tokio::test]
async fn demo_requests_cover_every_status_and_are_deterministic() {
    let mut shapes = Vec::new();
    for _ in 0..2 {
        let store = setup().await;
        let extra: Vec<CitizenData> = (1..=28)
            .map(|day| {
                let code = domain::PersonalTaxCode::encode(
                    "Bianchi",
                    "Anna",
                    date(1970, 5, day),
                    Sex::Female,
                    "L219",
                )
                .unwrap();
                citizen(code.as_str(), Some(if day % 2 == 0 { "TO" } else { "VC" }))
            })
            .collect();
        store.citizens().insert_all(&extra).await.unwrap();
        let created = seed_demo(&store, now()).await.unwrap();
        assert!(created >= 1);
        assert_eq!(store.linea().count().await.unwrap(), created as i64);
        let mut shape = Vec::new();
        for code in [MARIO, GIOVANNA, LUIGI, NOMAD]
            .into_iter()
            .map(tax_code)
            .chain(extra.iter().map(|c| c.tax_code.clone()))
        {
            for group in list_for_citizen(&store, &code).await.unwrap() {
                for r in group.requests {
                    let history = store.linea().history(r.id).await.unwrap();
                    assert_eq!(history.last().map(|h| h.status), Some(r.status));
                    assert!(r.updated_at <= now());
                    shape.push((r.id, r.status, r.office, history.len()));
                }
            }
        }
        shapes.push(shape);
        // No notifications for demo data.
        assert!(store.outbox().by_id(1).await.unwrap().is_none());
    }
    assert_eq!(shapes[0], shapes[1]);
}

#[tokio::test]
async fn demo_seeding_covers_every_status_on_a_larger_population() {
    let store = setup().await;
    let mut extra = Vec::new();
    for year in 1950..1980 {
        for day in 1..=28 {
            let code = domain::PersonalTaxCode::encode(
                "Verdi",
                "Paolo",
                date(year, 3, day),
                Sex::Male,
                "L219",
            )
            .unwrap();
            extra.push(citizen(code.as_str(), Some("TO")));
        }
    }
    store.citizens().insert_all(&extra).await.unwrap();
    let created = seed_demo(&store, now()).await.unwrap();
    assert!(created > 60, "{created}");
    let mut seen = std::collections::BTreeSet::new();
    let mut with_messages = 0;
    for c in &extra {
        for r in store.linea().for_citizen(&c.tax_code).await.unwrap() {
            seen.insert(r.status);
            if !store.linea().messages(r.id).await.unwrap().is_empty() {
                with_messages += 1;
            }
        }
    }
    assert_eq!(seen.len(), LineaStatus::ALL.len());
    assert!(with_messages > 0);
}
