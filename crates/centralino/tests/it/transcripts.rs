//! Transcript tests of the INPS IVR (issue 4, "Done when"): for every requirement a caller
//! meets, a call through the real binary on the built-in INPS profile (no `--profile`) and a
//! private copy of the demo database, its whole `--json` output kept as an insta snapshot
//! (`snapshots/it__transcripts__*.snap`), and the facts that make the scenario asserted on
//! their own. Each test is named after the requirement ids it shows.
//!
//! The outputs are deterministic: the clock is simulated from `--at`, the demo population is
//! made once per build from a fixed seed at a fixed instant (`call::demo_data`), and prompt
//! lengths come from their text. Scenarios with personal data run on Thursday 16 April 2026,
//! the day after the demo was made (its PINs are valid until July, the CU campaign is open,
//! the INPS Linea deadlines are ahead).

use std::path::Path;
use std::process::Output;

use serde_json::Value;

use crate::call::{demo_data, end_reason, events, of_kind, open, prompt_ids};
use crate::{centralino, stderr, stdout};

// ── When ────────────────────────────────────────────────────────────────────────────────────

/// A Wednesday morning: Italian (08–20) and bilingual agents (09–14) answer.
const WEDNESDAY_10: &str = "2026-11-25T10:00";
/// The same Wednesday after 14:00: only Italian agents answer.
const WEDNESDAY_16: &str = "2026-11-25T16:00";
/// The same Wednesday at night: no agents.
const WEDNESDAY_21: &str = "2026-11-25T21:00";
/// A Saturday morning: Italian agents answer (08–14).
const SATURDAY_10: &str = "2026-11-28T10:00";
/// The same Saturday afternoon: no agents.
const SATURDAY_15: &str = "2026-11-28T15:00";
/// Tuesday 8 December 2026, the Immacolata: a national holiday on a working day.
const HOLIDAY_10: &str = "2026-12-08T10:00";
/// Christmas night.
const CHRISTMAS_03: &str = "2026-12-25T03:00";
/// The day after the demo was made (personal data, see the module docs).
const THURSDAY_10: &str = "2026-04-16T10:00";
/// The same Thursday after the offices close.
const THURSDAY_1830: &str = "2026-04-16T18:30";
/// Before the 2026 Certificazione Unica campaign (from 16 March).
const BEFORE_CU_CAMPAIGN: &str = "2026-02-10T10:00";

// ── Who: demo citizens (`call::demo_data`), checked by `the_demo_citizens_are_as_the_scenarios_need` ──

/// Citizen 1, Giuseppe Re: phone PIN; employer of a domestic worker (relationship below).
const GIUSEPPE: &str = "REXGPP99M02C982U";
const GIUSEPPE_RELATIONSHIP: &str = "1100000001";
/// Citizen 2, Simone Bellini (La Spezia): phone PIN; a pensioner with contributions on file;
/// two applications, the latest (civil invalidity) received.
const SIMONE: &str = "BLLSMN45A04F497Y";
/// Citizen 3, Simona Mariani: phone PIN; a Certificazione Unica for 2026.
const SIMONA: &str = "MRNSMN56P47F013F";
/// Citizen 4, Antonella Palmieri: INPS Linea request LI-2026-00000002, taken in charge.
const ANTONELLA: &str = "PLMNNL57B61E215V";
const ANTONELLA_LINEA: &str = "202600000002";
/// Citizen 6, Massimo Vitali: a NASpI application waiting for documents.
const MASSIMO: &str = "VTLMSM87E24B574P";
const MASSIMO_NASPI_DOMUS: &str = "9570494412906";
/// Citizen 68, Noemi D'Acunto: a pensioner with no home address on file.
const NOEMI: &str = "DCNNMO60D55C662M";
/// The demo's phone PIN (citizens 1–5).
const DEMO_PIN: &str = "12345678";

/// The eleven international toll-free numbers (R-CHAN-3).
const INTERNATIONAL: [&str; 11] = [
    "080013255",
    "80018297",
    "0800904332",
    "08001821138",
    "0800963706",
    "1800553909",
    "08000223952",
    "800839766",
    "900993926",
    "020795084",
    "0800559218",
];
const GERMANY: &str = "08001821138";
const UNITED_KINGDOM: &str = "0800963706";
const SPAIN: &str = "900993926";

// ── The call ────────────────────────────────────────────────────────────────────────────────

/// One finished call and the data directory it wrote to.
struct Call {
    data: tempfile::TempDir,
    out: Output,
    events: Vec<Value>,
}

/// Calls `number` at `at` (local time in Rome) with the `--keys` script and `extra` arguments,
/// on the built-in INPS profile and a private copy of the demo data.
fn call(number: &str, at: &str, keys: &str, extra: &[&str]) -> Call {
    let data = demo_data();
    let dir = data.path().to_str().unwrap().to_owned();
    let mut args = vec!["call", number, "--at", at, "--json", "--data-dir", &dir];
    if !keys.is_empty() {
        args.extend(["--keys", keys]);
    }
    args.extend_from_slice(extra);
    let out = centralino(&args, None);
    let events = events(&out);
    Call { data, out, events }
}

impl Call {
    /// The whole `--json` output: what the snapshot keeps.
    fn json(&self) -> String {
        assert!(self.out.status.success(), "{}", stderr(&self.out));
        stdout(&self.out)
    }

    fn prompts(&self) -> Vec<String> {
        prompt_ids(&self.events)
    }

    /// The first prompt `id` played.
    fn prompt(&self, id: &str) -> &Value {
        of_kind(&self.events, "prompt")
            .into_iter()
            .find(|e| e["id"] == id)
            .unwrap_or_else(|| panic!("no prompt {id} in {:?}", self.prompts()))
    }

    fn text(&self, id: &str) -> &str {
        self.prompt(id)["text"].as_str().unwrap()
    }

    fn played(&self, id: &str) -> bool {
        self.prompts().iter().any(|p| p == id)
    }

    /// Position of the first prompt `id` among all events.
    fn position(&self, id: &str) -> usize {
        self.events
            .iter()
            .position(|e| e["event"] == "prompt" && e["id"] == id)
            .unwrap_or_else(|| panic!("no prompt {id}"))
    }

    /// `(operation, outcome)` of every operation invoked.
    fn invokes(&self) -> Vec<(String, String)> {
        of_kind(&self.events, "invoke")
            .iter()
            .map(|e| {
                (
                    e["operation"].as_str().unwrap().to_owned(),
                    e["outcome"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    }

    fn outcomes(&self, operation: &str) -> Vec<String> {
        self.invokes()
            .into_iter()
            .filter(|(op, _)| op == operation)
            .map(|(_, outcome)| outcome)
            .collect()
    }

    /// `(group, language)` of the hand-off to agents, if any.
    fn enqueue(&self) -> Option<(String, String)> {
        let all = of_kind(&self.events, "enqueue");
        assert!(all.len() <= 1, "{all:?}");
        all.first().map(|e| {
            (
                e["group"].as_str().unwrap().to_owned(),
                e["language"].as_str().unwrap().to_owned(),
            )
        })
    }

    /// `(question, answer)` of the survey answers given.
    fn survey(&self) -> Vec<(String, String)> {
        of_kind(&self.events, "survey")
            .iter()
            .map(|e| {
                assert_eq!(e["recorded"], true, "{e}");
                (
                    e["question"].as_str().unwrap().to_owned(),
                    e["answer"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    }

    fn end(&self) -> String {
        end_reason(&self.events)
    }

    /// The languages the prompts were played in, in order, without repeats in a row.
    fn prompt_languages(&self) -> Vec<String> {
        let mut all: Vec<String> = of_kind(&self.events, "prompt")
            .iter()
            .map(|e| e["language"].as_str().unwrap().to_owned())
            .collect();
        all.dedup();
        all
    }

    fn data(&self) -> &Path {
        self.data.path()
    }
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

/// The contact a call recorded: the newest (ids grow by one, the demo's contacts come first).
async fn newest_contact(store: &store::Store) -> store::surveys::Contact {
    let exists = |id: i64| async move {
        store
            .contacts()
            .by_id(domain::ContactId::new(id).unwrap())
            .await
            .unwrap()
    };
    let mut high = 1;
    while exists(high).await.is_some() {
        high *= 2;
    }
    let mut low = high / 2; // exists (or 0 when none does)
    while high - low > 1 {
        let mid = (low + high) / 2;
        if exists(mid).await.is_some() {
            low = mid;
        } else {
            high = mid;
        }
    }
    exists(low).await.expect("the call recorded a contact")
}

/// `(question, value)` of a contact's stored survey answers.
async fn stored_answers(store: &store::Store, contact: domain::ContactId) -> Vec<(String, String)> {
    store
        .surveys()
        .answers(contact)
        .await
        .unwrap()
        .into_iter()
        .map(|a| {
            let value = match a.answer.value {
                store::surveys::AnswerValue::Score(n) => n.to_string(),
                store::surveys::AnswerValue::YesNo(yes) => if yes { "yes" } else { "no" }.into(),
            };
            (a.answer.question, value)
        })
        .collect()
}

#[tokio::test]
async fn the_demo_citizens_are_as_the_scenarios_need() {
    let data = demo_data();
    let store = open(data.path()).await;
    let citizen = |code: &str| {
        let code = domain::TaxCode::parse(code).unwrap();
        let store = &store;
        async move {
            let found = store.citizens().by_tax_code(&code).await.unwrap();
            let citizen = found.unwrap_or_else(|| panic!("{code} is a demo citizen"));
            let keys = domain::keypad::keys_for(code.as_str());
            let same_keys = store.citizens().by_keypad(&keys, 3).await.unwrap().len();
            assert_eq!(same_keys, 1, "{code}: its keys find only them");
            let pin = store.pins().active(&code).await.unwrap().is_some();
            (citizen, pin)
        }
    };
    for code in [GIUSEPPE, SIMONE, SIMONA, ANTONELLA] {
        assert!(citizen(code).await.1, "{code} has the demo PIN");
    }
    for code in [SIMONE, MASSIMO] {
        assert!(citizen(code).await.0.data.address.is_some(), "{code}");
    }
    assert!(citizen(NOEMI).await.0.data.address.is_none());
    store.close().await;
}

// ── Channels (R-CHAN-1..5) ─────────────────────────────────────────────────────────────────

#[test]
fn r_chan_1_803164_italian_welcome_and_main_menu() {
    let c = call("803164", WEDNESDAY_10, "", &[]);
    insta::assert_snapshot!("r_chan_1_803164", c.json());
    assert_eq!(c.prompts(), ["welcome", "need-ask"]);
    assert_eq!(c.prompt_languages(), ["it"]);
    assert!(c.text("welcome").contains("INPS"));
    // The script is used up at the main menu: the caller hangs up.
    assert_eq!(c.end(), "caller-hung-up");
}

#[test]
fn r_chan_2_06164164_from_a_mobile_same_service() {
    let c = call("06164164", WEDNESDAY_10, "3 1", &[]);
    insta::assert_snapshot!("r_chan_2_06164164", c.json());
    assert_eq!(
        c.prompts(),
        [
            "welcome",
            "need-ask",
            "agents-choose-group",
            "agents-connecting"
        ]
    );
    assert_eq!(c.prompt_languages(), ["it"]);
    assert_eq!(c.enqueue(), Some(("pensions".into(), "it".into())));
    assert_eq!(c.end(), "enqueued");
}

#[test]
fn r_chan_3_r_lang_1_germany_asks_the_language_first() {
    let c = call(GERMANY, WEDNESDAY_10, "2", &[]);
    insta::assert_snapshot!("r_chan_3_germany", c.json());
    let ids = c.prompts();
    assert_eq!(ids[..8], ["language-offer"; 8]);
    assert_eq!(ids[8..], ["welcome", "need-ask"]);
    // Each language offered in its own voice, then German.
    assert_eq!(
        c.prompt_languages(),
        ["it", "de", "en", "fr", "ar", "pl", "es", "ru", "de"]
    );
    assert!(c.text("welcome").starts_with("Willkommen"));
}

#[test]
fn r_chan_3_each_of_the_eleven_international_numbers_asks_the_language_first() {
    // Nobody answers the language menu: after three rounds of the eight offers the caller
    // keeps Italian; the script is used up at the main menu.
    let outputs: Vec<(&str, Call)> = INTERNATIONAL
        .iter()
        .map(|number| (*number, call(number, WEDNESDAY_10, ". . .", &[])))
        .collect();
    let (_, first) = &outputs[0];
    insta::assert_snapshot!("r_chan_3_no_language_chosen", first.json());
    for (number, c) in &outputs {
        let ids = c.prompts();
        assert_eq!(ids[..24], ["language-offer"; 24], "{number}");
        assert_eq!(ids[24..], ["welcome", "need-ask"], "{number}");
        assert_eq!(c.prompt("welcome")["language"], "it", "{number}");
        assert_eq!(c.json(), first.json(), "{number} is the same service");
    }
}

#[test]
fn r_chan_4_webcall_in_the_callers_language() {
    // The web page passes the browser's language: English here.
    let c = call("webcall", WEDNESDAY_10, "3 1", &["--lang", "en"]);
    insta::assert_snapshot!("r_chan_4_webcall", c.json());
    assert!(!c.played("language-offer"), "WebCall does not ask first");
    assert_eq!(c.prompt_languages(), ["en"]);
    assert!(c.text("welcome").starts_with("Welcome"));
    // Same hours as the contact center: bilingual agents at 10:00 on a Wednesday.
    assert_eq!(c.enqueue(), Some(("pensions".into(), "en".into())));
}

#[test]
fn r_chan_5_800434320_outside_the_campaign_is_closed() {
    let c = call("800434320", BEFORE_CU_CAMPAIGN, "", &[]);
    insta::assert_snapshot!("r_chan_5_cu_closed", c.json());
    assert_eq!(c.prompts(), ["cu-closed"]);
    assert!(c.text("cu-closed").contains("campagna"));
    assert_eq!(c.end(), "cu-closed");
}

#[test]
fn r_chan_5_r_self_6_800434320_in_the_campaign_sends_the_cu_home() {
    // Silence at "for other languages press 9", the tax code, the year, then the survey.
    let keys = format!(". {SIMONA} 2026 5 1");
    let c = call("800434320", THURSDAY_10, &keys, &[]);
    insta::assert_snapshot!("r_chan_5_cu_sent", c.json());
    assert_eq!(
        c.invokes(),
        pairs(&[("identify", "ok"), ("send-document", "ok")])
    );
    assert_eq!(
        c.text("docs-sent"),
        "La Certificazione Unica sarà spedita per posta al suo indirizzo di residenza. \
         Data di spedizione: 17 aprile 2026."
    );
    assert_eq!(
        c.survey(),
        pairs(&[("satisfaction", "5"), ("resolved", "1")])
    );
    assert_eq!(c.end(), "completed");
}

// ── Hours (R-HOURS-1..4, R-LANG-2) ─────────────────────────────────────────────────────────

#[test]
fn r_hours_1_r_hours_4_saturday_afternoon_hears_the_hours_and_the_automated_services() {
    let c = call(
        "803164",
        SATURDAY_15,
        "1",
        &["--say", "vorrei parlare con un operatore"],
    );
    insta::assert_snapshot!("r_hours_4_saturday_afternoon", c.json());
    assert_eq!(
        c.prompts(),
        [
            "welcome",
            "need-ask",
            "agents-closed",
            "agents-offer-self",
            "self-menu"
        ]
    );
    assert!(
        c.text("agents-closed")
            .contains("il sabato dalle otto alle quattordici")
    );
    assert!(c.text("agents-offer-self").contains("24 ore su 24"));
    assert_eq!(c.enqueue(), None);
}

#[test]
fn r_hours_4_a_national_holiday_closes_the_agents() {
    let c = call("803164", HOLIDAY_10, "3 1", &[]);
    insta::assert_snapshot!("r_hours_4_holiday", c.json());
    assert_eq!(
        c.prompts(),
        [
            "welcome",
            "need-ask",
            "agents-closed",
            "agents-offer-self",
            "self-menu"
        ]
    );
    assert!(c.text("agents-closed").contains("esclusi i giorni festivi"));
    assert_eq!(c.enqueue(), None);
}

#[test]
fn r_hours_1_r_route_2_saturday_morning_agents_answer_for_the_chosen_group() {
    let c = call("803164", SATURDAY_10, "3 4", &[]);
    insta::assert_snapshot!("r_hours_1_saturday_morning", c.json());
    assert!(!c.played("agents-closed"));
    assert_eq!(
        c.enqueue(),
        Some(("contributions-records".into(), "it".into()))
    );
    assert_eq!(c.end(), "enqueued");
}

#[test]
fn r_hours_2_r_lang_2_a_foreign_caller_within_09_14_gets_agents_of_their_language() {
    // English (key 3), an agent (3), pensions (1).
    let c = call(UNITED_KINGDOM, WEDNESDAY_10, "3 3 1", &[]);
    insta::assert_snapshot!("r_hours_2_english_morning", c.json());
    assert!(!c.played("agents-offer-italian"));
    assert_eq!(c.enqueue(), Some(("pensions".into(), "en".into())));
}

#[test]
fn r_hours_2_r_lang_2_a_foreign_caller_after_14_may_choose_italian_agents() {
    // English (3), an agent (3), Italian agents (1), social benefits (2).
    let c = call(UNITED_KINGDOM, WEDNESDAY_16, "3 3 1 2", &[]);
    insta::assert_snapshot!("r_hours_2_english_afternoon", c.json());
    assert!(
        c.text("agents-offer-italian")
            .contains("from nine in the morning to two in the afternoon")
    );
    assert_eq!(c.prompt("agents-offer-italian")["language"], "en");
    assert_eq!(c.enqueue(), Some(("social-benefits".into(), "it".into())));
}

#[test]
fn r_hours_2_r_hours_4_a_foreign_caller_at_night_hears_both_hours() {
    // Spanish (7), an agent (3), then 0: end the call.
    let c = call(SPAIN, WEDNESDAY_21, "7 3 0", &[]);
    insta::assert_snapshot!("r_hours_4_spanish_night", c.json());
    let ids = c.prompts();
    assert_eq!(
        ids[ids.len() - 3..],
        ["agents-closed-foreign", "agents-offer-self", "goodbye"]
    );
    assert_eq!(c.prompt("agents-closed-foreign")["language"], "es");
    assert_eq!(c.enqueue(), None);
    assert_eq!(c.end(), "completed");
}

#[test]
fn r_hours_3_r_self_3_the_automated_services_answer_on_christmas_night() {
    // Automated services (1), domestic contributions (2), tax code, relationship, end (0).
    let keys = format!("1 2 {GIUSEPPE} {GIUSEPPE_RELATIONSHIP} 0");
    let c = call("803164", CHRISTMAS_03, &keys, &[]);
    insta::assert_snapshot!("r_hours_3_christmas_night", c.json());
    assert_eq!(
        c.invokes(),
        pairs(&[("identify", "ok"), ("domestic-amount-due", "ok")])
    );
    let result = c.text("domestic-result");
    assert!(
        result.starts_with("Contributi per il lavoro domestico, trimestre 4 del 2026:")
            && result.ends_with("da versare entro il giorno 11 gennaio 2027."),
        "{result}"
    );
}

// ── Languages (R-LANG-1): each picked, then the main menu in it ────────────────────────────

/// Picks `language` with `keys` (or `say`) on `number` and hangs up at the main menu.
fn pick_language(number: &str, keys: &str, say: Option<&str>, language: &str) -> Call {
    let extra: Vec<&str> = say.map(|s| vec!["--say", s]).unwrap_or_default();
    let c = call(number, WEDNESDAY_10, keys, &extra);
    let last = of_kind(&c.events, "prompt")
        .last()
        .copied()
        .cloned()
        .unwrap();
    assert_eq!(last["id"], "need-ask", "{}", c.json());
    assert_eq!(last["language"], language);
    assert_eq!(
        of_kind(&c.events, "language").last().unwrap()["language"],
        language
    );
    assert_eq!(c.end(), "caller-hung-up");
    c
}

#[test]
fn r_lang_1_italian() {
    let c = pick_language("080013255", "1", None, "it");
    insta::assert_snapshot!("r_lang_1_it", c.json());
}

#[test]
fn r_lang_1_english() {
    let c = pick_language("1800553909", "3", None, "en");
    insta::assert_snapshot!("r_lang_1_en", c.json());
}

#[test]
fn r_lang_1_french() {
    let c = pick_language("0800904332", "4", None, "fr");
    insta::assert_snapshot!("r_lang_1_fr", c.json());
}

#[test]
fn r_lang_1_arabic() {
    let c = pick_language("08000223952", "5", None, "ar");
    insta::assert_snapshot!("r_lang_1_ar", c.json());
}

#[test]
fn r_lang_1_polish_from_the_main_menu_of_803164() {
    // Key 9 on the main menu offers the languages; the menu is then said again in Polish.
    let c = pick_language("803164", "9 6", None, "pl");
    insta::assert_snapshot!("r_lang_1_pl", c.json());
    assert_eq!(c.prompts().iter().filter(|p| *p == "welcome").count(), 1);
}

#[test]
fn r_lang_1_spanish() {
    let c = pick_language("900993926", "7", None, "es");
    insta::assert_snapshot!("r_lang_1_es", c.json());
}

#[test]
fn r_lang_1_russian_said_by_name() {
    let c = pick_language("0800559218", "", Some("русский"), "ru");
    insta::assert_snapshot!("r_lang_1_ru", c.json());
    assert_eq!(of_kind(&c.events, "say")[0]["text"], "русский");
}

// (German: r_chan_3_r_lang_1_germany_asks_the_language_first.)

// ── Routing (R-ROUTE-1, R-ROUTE-2) ─────────────────────────────────────────────────────────

#[test]
fn r_route_1_2_a_group_said_at_the_main_menu() {
    let c = call("803164", WEDNESDAY_10, "", &["--say", "la mia pensione"]);
    insta::assert_snapshot!("r_route_1_said_main_menu", c.json());
    assert!(
        !c.played("agents-choose-group"),
        "the words chose the group"
    );
    assert_eq!(c.enqueue(), Some(("pensions".into(), "it".into())));
}

#[test]
fn r_route_1_2_a_group_said_in_german_at_the_group_menu() {
    // Keys for the language (2) and the main menu (3, an agent), then "Rente" said.
    let c = call(GERMANY, WEDNESDAY_10, "2 3", &["--say", "-|-|Rente"]);
    insta::assert_snapshot!("r_route_1_said_group_menu_de", c.json());
    assert!(c.position("agents-choose-group") < c.position("agents-connecting"));
    assert_eq!(c.enqueue(), Some(("pensions".into(), "de".into())));
}

#[test]
fn r_route_1_2_a_group_chosen_by_keys() {
    // An agent (3), payments and statements (7).
    let c = call("803164", WEDNESDAY_10, "3 7", &[]);
    insta::assert_snapshot!("r_route_1_keys", c.json());
    assert_eq!(
        c.enqueue(),
        Some(("payments-statements".into(), "it".into()))
    );
}

// ── Identification (R-AUTH-3, R-AUTH-4) ───────────────────────────────────────────────────
// No scenario for "an ambiguous keypad code resolved by the date of birth": the demo's only
// two citizens with the same keys (VTLDNC89H07C308S, VTLDNC89H07C30UP) are an omocodia pair,
// born the same day, so the date of birth cannot tell them apart.

#[tokio::test]
async fn r_auth_3_three_wrong_pins_lock_it_and_the_caller_is_told() {
    // Automated services (1), status (1), latest application with the PIN (2); three wrong
    // PINs, then end (0) and no survey answers.
    let keys = format!("1 1 2 {SIMONA} 11111111 {SIMONA} 22222222 {SIMONA} 33333333 0 . .");
    let c = call("803164", THURSDAY_10, &keys, &[]);
    insta::assert_snapshot!("r_auth_3_pin_locked", c.json());
    assert_eq!(c.outcomes("identify"), ["invalid", "invalid", "locked"]);
    assert_eq!(
        c.prompts()
            .iter()
            .filter(|p| *p == "id-not-recognised")
            .count(),
        2
    );
    assert!(c.text("id-pin-locked").contains("bloccato"));
    assert!(!c.played("latest-result"));
    let store = open(c.data()).await;
    let code = domain::TaxCode::parse(SIMONA).unwrap();
    let pin = store.pins().active(&code).await.unwrap().unwrap();
    // Locked in the store for the thirty minutes the caller is told.
    let locked_at: jiff::Timestamp = of_kind(&c.events, "invoke").last().unwrap()["at"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let until = pin.locked_until.expect("the PIN is locked");
    let locked_for = until.duration_since(locked_at);
    assert!(
        locked_for > jiff::SignedDuration::from_secs(29 * 60 + 58)
            && locked_for <= jiff::SignedDuration::from_mins(30),
        "thirty minutes (the store keeps whole seconds): {locked_for}"
    );
    store.close().await;
}

#[test]
fn r_auth_4_r_self_8_a_mistyped_tax_code_then_the_linea_request_status() {
    // Automated services (1), INPS Linea (4); the tax code with one key wrong, then right.
    let right = domain::keypad::keys_for(ANTONELLA);
    let wrong = format!("{}9", &right[..15]);
    assert_ne!(wrong, right);
    let keys = format!("1 4 {wrong} {right} {ANTONELLA_LINEA} 0");
    let c = call("803164", THURSDAY_10, &keys, &[]);
    insta::assert_snapshot!("r_self_8_linea", c.json());
    assert_eq!(
        c.invokes(),
        pairs(&[
            ("identify", "not_found"),
            ("identify", "ok"),
            ("linea-status", "ok")
        ])
    );
    assert!(c.played("id-not-recognised"));
    assert_eq!(
        c.text("linea-result"),
        "La sua richiesta INPS Linea è stata presa in carico; la risposta è prevista entro il \
         giorno 30 aprile 2026. Sede competente: Direzione provinciale di Pesaro e Urbino."
    );
}

// ── Automated services (R-SELF-1, 3..9) and the automated-services survey (R-SURV-2) ──────

#[tokio::test]
async fn r_self_1_r_surv_2_application_status_by_domus_number_then_the_survey() {
    // Automated services (1), status (1), by number (1), tax code, number and #, end (0),
    // survey: 4, resolved.
    let keys = format!("1 1 1 {MASSIMO} {MASSIMO_NASPI_DOMUS}# 0 4 1");
    let c = call("803164", THURSDAY_10, &keys, &[]);
    insta::assert_snapshot!("r_self_1_domus", c.json());
    assert_eq!(
        c.invokes(),
        pairs(&[("identify", "ok"), ("application-status", "ok")])
    );
    assert_eq!(
        c.text("status-result"),
        "La domanda di NASpI - indennità di disoccupazione risulta in attesa di documenti da \
         parte sua. Ultimo aggiornamento: 11 aprile 2026. Sede competente: Direzione \
         provinciale di Agrigento."
    );
    assert!(c.played("survey-intro-automated"));
    assert_eq!(
        c.survey(),
        pairs(&[("satisfaction", "4"), ("resolved", "1")])
    );
    assert_eq!(c.end(), "completed");

    let store = open(c.data()).await;
    let contact = newest_contact(&store).await;
    assert_eq!(contact.contact.entry_number.as_deref(), Some("803164"));
    assert_eq!(
        contact.service_kind,
        Some(store::surveys::ServiceKind::Automated)
    );
    assert_eq!(
        stored_answers(&store, contact.id).await,
        pairs(&[("satisfaction", "4"), ("resolved", "yes")])
    );
    store.close().await;
}

/// Carmine Grassi, born 10 March 1956: a public-sector pension (ex-INPDAP).
const CARMINE_PUBLIC_PENSION_DOMUS: &str = "9544646741629";

#[tokio::test]
async fn r_self_2_a_public_administration_application_by_name_birth_date_and_number() {
    // The scenario's facts, from the demo data.
    let data = demo_data();
    let store = open(data.path()).await;
    let number =
        services::applications::ApplicationNumber::parse(CARMINE_PUBLIC_PENSION_DOMUS).unwrap();
    let query = services::applications::ExInpdapQuery {
        given_name: "Carmine".into(),
        surname: "Grassi".into(),
        birth_date: jiff::civil::date(1956, 3, 10),
        number,
    };
    let application = services::applications::ex_inpdap_status(&store, &query)
        .await
        .unwrap();
    assert_eq!(
        application.sector(),
        services::applications::Sector::PublicAdministration
    );
    store.close().await;

    // Automated services (1), application status (1), public administration (3); surname and
    // first name one key per letter (GRASSI = 472774, CARMINE = 2276463), date of birth, number.
    let keys = format!("1 1 3 472774# 2276463# 10031956 {CARMINE_PUBLIC_PENSION_DOMUS}# 0");
    let c = call("803164", THURSDAY_10, &keys, &[]);
    insta::assert_snapshot!("r_self_2_ex_inpdap", c.json());
    assert_eq!(
        c.invokes(),
        pairs(&[("ex-inpdap-status", "ok")]),
        "no tax code is asked"
    );
    assert!(
        c.text("status-result")
            .starts_with("La domanda di Pensione dei dipendenti pubblici")
    );

    // A wrong date of birth is "not found": the service never tells whose number it is.
    let keys = format!("1 1 3 472774# 2276463# 11031956 {CARMINE_PUBLIC_PENSION_DOMUS}# 0");
    let c = call("803164", THURSDAY_10, &keys, &[]);
    assert_eq!(c.invokes(), pairs(&[("ex-inpdap-status", "not_found")]));
    assert!(c.played("inpdap-not-found"));
}

#[test]
fn r_self_1_r_auth_3_the_latest_application_with_the_phone_pin() {
    let keys = format!("1 1 2 {SIMONE} {DEMO_PIN} 0");
    let c = call("803164", THURSDAY_10, &keys, &[]);
    insta::assert_snapshot!("r_self_1_pin", c.json());
    assert_eq!(
        c.invokes(),
        pairs(&[("identify", "ok"), ("latest-application", "ok")])
    );
    assert!(c.position("id-tax-code") < c.position("id-pin"));
    assert_eq!(
        c.text("latest-result"),
        "Domande a suo nome: 2. La più recente, Invalidità civile, risulta ricevuta. Ultimo \
         aggiornamento: 21 marzo 2026."
    );
}

#[test]
fn r_self_3_a_domestic_contribution_amount_spoken_in_german() {
    // German (2), automated services (1), domestic work (2), tax code, relationship; end (0).
    let keys = format!("2 1 2 {GIUSEPPE} {GIUSEPPE_RELATIONSHIP} 0");
    let c = call(GERMANY, THURSDAY_10, &keys, &[]);
    insta::assert_snapshot!("r_self_3_german", c.json());
    assert_eq!(
        c.invokes(),
        pairs(&[("identify", "ok"), ("domestic-amount-due", "ok")])
    );
    assert_eq!(c.prompt("domestic-result")["language"], "de");
    let text = c.text("domestic-result");
    assert!(
        text.starts_with("Beiträge für Hausangestellte, Quartal 2 des Jahres 2026: ")
            && text.contains(" Euro und ")
            && text.ends_with(" zu zahlen bis zum 10. Juli 2026."),
        "{text}"
    );
}

#[test]
fn r_self_4_5_7_documents_sent_home_and_refused_when_asked_again() {
    // Documents (1 3): payment statement (1) after the tax code; then another service (2),
    // documents (3): pension details (2); again (2 3): insurance record (3); again (2 3):
    // payment statement (1), refused; end (0).
    let keys = format!("1 3 1 {SIMONE} 2 3 2 2 3 3 2 3 1 0");
    let c = call("803164", THURSDAY_10, &keys, &[]);
    insta::assert_snapshot!("r_self_4_5_7_documents", c.json());
    assert_eq!(
        c.outcomes("send-document"),
        ["ok", "ok", "ok", "sent_recently"]
    );
    assert_eq!(c.outcomes("identify"), ["ok"], "identified once per call");
    let sent: Vec<&str> = of_kind(&c.events, "prompt")
        .into_iter()
        .filter(|e| e["id"] == "docs-sent")
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    assert_eq!(sent.len(), 3);
    for (text, what) in sent.iter().zip([
        "Il prospetto dei pagamenti",
        "Il dettaglio dei pagamenti della pensione",
        "L'estratto conto contributivo",
    ]) {
        assert!(text.starts_with(what), "{text}");
        assert!(
            text.ends_with("Data di spedizione: 17 aprile 2026."),
            "{text}"
        );
    }
    assert_eq!(
        c.text("docs-sent-recently"),
        "Il prospetto dei pagamenti è già stato richiesto di recente. Data di spedizione: 17 \
         aprile 2026. Attenda qualche giorno per la consegna."
    );
}

#[test]
fn r_self_7_no_document_for_a_citizen_without_an_address() {
    // Documents (1 3), insurance record (3), tax code; end (0).
    let keys = format!("1 3 3 {NOEMI} 0");
    let c = call("803164", THURSDAY_10, &keys, &[]);
    insta::assert_snapshot!("r_self_7_no_address", c.json());
    assert_eq!(
        c.invokes(),
        pairs(&[("identify", "ok"), ("send-document", "no_address")])
    );
    assert!(c.text("docs-no-address").contains("MyINPS"));
    assert!(c.position("docs-no-address") < c.position("after-service"));
}

#[test]
fn r_self_9_an_appointment_booked_with_a_mobile_number() {
    // Appointment (1 5), tax code, pensions (1), book it (1); a landline (refused), then a
    // mobile; end (0). After the offices close, so the first slot is the next morning.
    let keys = format!("1 5 {SIMONE} 1 1 0612345678# 3471234567# 0");
    let c = call("803164", THURSDAY_1830, &keys, &[]);
    insta::assert_snapshot!("r_self_9_appointment", c.json());
    assert_eq!(
        c.invokes(),
        pairs(&[
            ("identify", "ok"),
            ("appointment-offer", "ok"),
            ("appointment-book", "invalid"),
            ("appointment-book", "ok")
        ])
    );
    assert!(c.played("appt-mobile-invalid"));
    assert!(
        c.text("appt-offer")
            .starts_with("Il primo appuntamento disponibile è il giorno 17 aprile 2026 alle 8:30")
    );
    let booked = c.text("appt-booked");
    assert!(
        booked.contains("Il codice di prenotazione è ") && booked.ends_with("SMS di conferma."),
        "the booking code is spoken: {booked}"
    );
}

// ── Information (R-INFO-1, R-INFO-2) ───────────────────────────────────────────────────────

#[test]
fn r_info_1_a_topic_said_plays_its_message_before_the_agents() {
    let c = call("803164", WEDNESDAY_10, "", &["--say", "bonus asilo nido"]);
    insta::assert_snapshot!("r_info_1_bonus_asilo_nido", c.json());
    assert_eq!(
        c.prompts(),
        [
            "welcome",
            "need-ask",
            "info-intro",
            "info-bonus-asilo-nido",
            "agents-connecting"
        ]
    );
    assert!(c.text("info-bonus-asilo-nido").contains("asilo nido"));
    assert_eq!(c.enqueue(), Some(("social-benefits".into(), "it".into())));
}

#[test]
fn r_info_2_the_naspi_menu_offers_its_four_details() {
    // Information (2), NASpI (1); requirements, how to apply, duration, amount; agents (9).
    let c = call("803164", WEDNESDAY_10, "2 1 1 2 3 4 9", &[]);
    insta::assert_snapshot!("r_info_2_naspi", c.json());
    let details: Vec<String> = c
        .prompts()
        .into_iter()
        .filter(|p| p.starts_with("detail-"))
        .collect();
    assert_eq!(
        details,
        strings(&[
            "detail-naspi-requirements",
            "detail-naspi-how-to-apply",
            "detail-naspi-duration",
            "detail-naspi-amount"
        ])
    );
    assert_eq!(c.prompts().iter().filter(|p| *p == "menu-naspi").count(), 5);
    assert_eq!(c.enqueue(), Some(("labour-employment".into(), "it".into())));
}

// ── Survey after an agent (R-SURV-1) ──────────────────────────────────────────────────────

#[tokio::test]
async fn r_surv_1_the_survey_after_the_agent_is_recorded() {
    // An agent (3), pensions (1); after the conversation: 4, not resolved (2).
    let c = call("803164", WEDNESDAY_10, "3 1 4 2", &["--after-agent"]);
    insta::assert_snapshot!("r_surv_1_after_agent", c.json());
    assert_eq!(of_kind(&c.events, "agent-call-ended").len(), 1);
    assert!(c.played("survey-intro-agent"));
    assert_eq!(
        c.survey(),
        pairs(&[("satisfaction", "4"), ("resolved", "2")])
    );
    assert_eq!(c.end(), "completed");

    let store = open(c.data()).await;
    let contact = newest_contact(&store).await;
    assert_eq!(
        contact.service_kind,
        Some(store::surveys::ServiceKind::Agent)
    );
    assert!(contact.ended_at.is_some());
    assert_eq!(
        stored_answers(&store, contact.id).await,
        pairs(&[("satisfaction", "4"), ("resolved", "no")])
    );
    // "Not resolved" opens a follow-up for the supervisors.
    assert_eq!(
        store
            .surveys()
            .followups_for(contact.id)
            .await
            .unwrap()
            .len(),
        1
    );
    store.close().await;
}

// ── Bad input ────────────────────────────────────────────────────────────────────────────────

#[test]
fn keys_that_match_nothing_three_times_end_the_call_politely() {
    let c = call("803164", WEDNESDAY_10, "4 5 6", &[]);
    insta::assert_snapshot!("bad_input_no_match", c.json());
    assert_eq!(
        c.prompts(),
        [
            "welcome",
            "need-ask",
            "no-match",
            "need-ask",
            "no-match",
            "need-ask",
            "goodbye-no-choice"
        ]
    );
    assert_eq!(c.end(), "no-choice");
}

#[test]
fn silence_three_times_ends_the_call_politely() {
    let c = call("803164", WEDNESDAY_10, ". . .", &[]);
    insta::assert_snapshot!("bad_input_silence", c.json());
    assert_eq!(
        c.prompts(),
        [
            "welcome",
            "need-ask",
            "no-input",
            "need-ask",
            "no-input",
            "need-ask",
            "goodbye-no-choice"
        ]
    );
    assert_eq!(of_kind(&c.events, "silence").len(), 3);
    assert_eq!(c.end(), "no-choice");
}

#[test]
fn an_unknown_number_is_an_error_and_the_end() {
    let c = call("12345", WEDNESDAY_10, "", &[]);
    assert!(!c.out.status.success(), "a failure exit status");
    insta::assert_snapshot!("bad_input_unknown_number", stdout(&c.out));
    assert_eq!(c.events.len(), 2);
    assert_eq!(c.events[0]["event"], "error");
    assert_eq!(c.end(), "unknown-number");
}
