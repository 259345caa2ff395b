//! The demo population: a deterministic, synthetic set of citizens for trying the product.
//!
//! Same seed, same people: every run of `serve --demo` on an empty database creates exactly the
//! same citizens, so the identities printed at start-up (and used in docs and tests) stay valid.
//! Nobody here is real: names are drawn from common-name lists, places from the Belfiore table,
//! streets and numbers at random; tax codes are computed from those data by the official rules
//! (with omocodes where two people would share a code, as the Agenzia delle Entrate does).

use std::collections::{BTreeMap, HashSet};

use anyhow::Context;
use jiff::Timestamp;

use domain::place::{self, Place};
use domain::{Language, MobileNumber, PersonalTaxCode, Sex, TaxCode};
use jiff::civil::Date;
use store::{Address, CitizenData, Office};

/// The version of the demo data set, recorded in the database.
pub const DEMO_DATA_VERSION: &str = "inps-demo-v1";

/// How many citizens the demo population has.
pub const DEMO_CITIZENS: usize = 10_000;

/// SplitMix64: a tiny, well-distributed generator; the demo needs repeatability, not secrecy.
#[derive(Debug)]
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const SURNAMES: &[&str] = &[
    "Rossi",
    "Russo",
    "Ferrari",
    "Esposito",
    "Bianchi",
    "Romano",
    "Colombo",
    "Ricci",
    "Marino",
    "Greco",
    "Bruno",
    "Gallo",
    "Conti",
    "De Luca",
    "Mancini",
    "Costa",
    "Giordano",
    "Rizzo",
    "Lombardi",
    "Moretti",
    "Barbieri",
    "Fontana",
    "Santoro",
    "Mariani",
    "Rinaldi",
    "Caruso",
    "Ferrara",
    "Galli",
    "Martini",
    "Leone",
    "Longo",
    "Gentile",
    "Martinelli",
    "Vitale",
    "Lombardo",
    "Serra",
    "Coppola",
    "De Santis",
    "D'Angelo",
    "Marchetti",
    "Parisi",
    "Villa",
    "Conte",
    "Ferraro",
    "Ferri",
    "Fabbri",
    "Bianco",
    "Marini",
    "Grasso",
    "Valentini",
    "Messina",
    "Sala",
    "De Angelis",
    "Gatti",
    "Pellegrini",
    "Palumbo",
    "Sanna",
    "Farina",
    "Rizzi",
    "Monti",
    "Cattaneo",
    "Morelli",
    "Amato",
    "Silvestri",
    "Mazza",
    "Testa",
    "Grassi",
    "Pellegrino",
    "Carbone",
    "Giuliani",
    "Benedetti",
    "Barone",
    "Rossetti",
    "Caputo",
    "Montanari",
    "Guerra",
    "Palmieri",
    "Bernardi",
    "Martino",
    "Fiore",
    "De Rosa",
    "Ferretti",
    "Bellini",
    "Basile",
    "Riva",
    "Donati",
    "Piras",
    "Vitali",
    "Battaglia",
    "Sartori",
    "Neri",
    "Costantini",
    "Milani",
    "Pagano",
    "Ruggiero",
    "Sorrentino",
    "D'Amico",
    "Orlando",
    "Damico",
    "Negri",
    "Nicolò",
    "D'Acunto",
    "Lo Russo",
    "Di Stefano",
    "Fumagalli",
    "Cocco",
    "Melis",
    "Pace",
    "Re",
    "Fo",
    "Gori",
    "Zanetti",
    "Bonetti",
    "Cirillo",
    "Ferrante",
    "Pastore",
];

const MALE_NAMES: &[&str] = &[
    "Marco",
    "Giuseppe",
    "Giovanni",
    "Antonio",
    "Mario",
    "Luigi",
    "Francesco",
    "Alessandro",
    "Andrea",
    "Stefano",
    "Roberto",
    "Paolo",
    "Luca",
    "Matteo",
    "Lorenzo",
    "Davide",
    "Simone",
    "Vincenzo",
    "Salvatore",
    "Gianfranco",
    "Domenico",
    "Pietro",
    "Fabio",
    "Massimo",
    "Claudio",
    "Riccardo",
    "Nicolò",
    "Emanuele",
    "Gabriele",
    "Federico",
    "Tommaso",
    "Leonardo",
    "Ugo",
    "Carmine",
    "Raffaele",
    "Angelo",
    "Enrico",
    "Alberto",
    "Sergio",
    "Franco",
];

const FEMALE_NAMES: &[&str] = &[
    "Maria",
    "Anna",
    "Giulia",
    "Francesca",
    "Sara",
    "Laura",
    "Chiara",
    "Elena",
    "Valentina",
    "Alessandra",
    "Paola",
    "Giovanna",
    "Rosa",
    "Angela",
    "Lucia",
    "Federica",
    "Martina",
    "Silvia",
    "Roberta",
    "Teresa",
    "Caterina",
    "Ilaria",
    "Elisa",
    "Simona",
    "Barbara",
    "Antonella",
    "Daniela",
    "Cristina",
    "Monica",
    "Patrizia",
    "Giorgia",
    "Aurora",
    "Beatrice",
    "Carla",
    "Rita",
    "Graziella",
    "Noemi",
    "Serena",
    "Emma",
    "Sofia",
];

/// Foreign residents: (language, birth country Z-code, surnames, male names, female names).
type ForeignNames = (
    Language,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
);

const FOREIGN: &[ForeignNames] = &[
    (
        Language::German,
        "Z112",
        &[
            "Müller",
            "Schmidt",
            "Schneider",
            "Fischer",
            "Weber",
            "Wagner",
        ],
        &["Lukas", "Jonas", "Stefan", "Klaus"],
        &["Anna", "Katrin", "Sabine", "Ursula"],
    ),
    (
        Language::English,
        "Z114",
        &["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson"],
        &["James", "Oliver", "Harry", "George"],
        &["Emily", "Olivia", "Charlotte", "Grace"],
    ),
    (
        Language::French,
        "Z110",
        &["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Petit"],
        &["Jean", "Pierre", "Louis", "Hugo"],
        &["Camille", "Léa", "Chloé", "Manon"],
    ),
    (
        Language::Arabic,
        "Z330",
        &["El Amrani", "Benali", "Haddad", "Mansour", "Saleh", "Karim"],
        &["Mohamed", "Youssef", "Ahmed", "Omar"],
        &["Fatima", "Amina", "Khadija", "Salma"],
    ),
    (
        Language::Arabic,
        "Z336",
        &["Hassan", "Ibrahim", "Mahmoud", "Abdel", "Farouk", "Nasser"],
        &["Mahmoud", "Mostafa", "Karim", "Tarek"],
        &["Nour", "Mariam", "Yasmin", "Hoda"],
    ),
    (
        Language::Polish,
        "Z127",
        &[
            "Nowak",
            "Kowalski",
            "Wiśniewski",
            "Wójcik",
            "Kamiński",
            "Lewandowski",
        ],
        &["Piotr", "Krzysztof", "Tomasz", "Paweł"],
        &["Anna", "Katarzyna", "Małgorzata", "Agnieszka"],
    ),
    (
        Language::Spanish,
        "Z131",
        &[
            "García",
            "Fernández",
            "González",
            "Rodríguez",
            "López",
            "Martínez",
        ],
        &["Javier", "Carlos", "Diego", "Pablo"],
        &["Lucía", "Carmen", "Isabel", "Pilar"],
    ),
    (
        Language::Spanish,
        "Z611",
        &["Quispe", "Flores", "Huamán", "Mamani", "Torres", "Vargas"],
        &["José", "Luis", "Jorge", "Miguel"],
        &["Rosa", "María", "Juana", "Elena"],
    ),
    (
        Language::Russian,
        "Z154",
        &[
            "Ivanov",
            "Smirnov",
            "Kuznetsov",
            "Popov",
            "Sokolov",
            "Volkov",
        ],
        &["Sergej", "Dmitrij", "Aleksej", "Ivan"],
        &["Olga", "Natalja", "Tatjana", "Irina"],
    ),
];

const STREETS: &[&str] = &[
    "Via Roma",
    "Via Garibaldi",
    "Via Mazzini",
    "Corso Italia",
    "Via Dante Alighieri",
    "Via Cavour",
    "Via Verdi",
    "Via Marconi",
    "Piazza della Repubblica",
    "Via XX Settembre",
    "Via Vittorio Emanuele II",
    "Viale dei Mille",
    "Via San Francesco",
    "Via Matteotti",
    "Via Gramsci",
    "Via della Libertà",
    "Via dei Tigli",
    "Via Manzoni",
    "Via Carducci",
    "Via Leopardi",
    "Via Pascoli",
    "Corso Umberto I",
    "Via Nazionale",
    "Via del Mare",
];

/// One demo citizen as generated, with the `PersonalTaxCode` at hand for printing.
#[derive(Debug, Clone)]
pub struct DemoCitizen {
    pub data: CitizenData,
    pub personal: PersonalTaxCode,
}

/// Generates the demo population. `offices` give each province's postcode area.
///
/// Why the demo population could not be made (a bug in the generator or its tables).
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("generated person has no valid tax code: {0}")]
    TaxCode(#[from] domain::TaxCodeError),
    #[error("all 128 omocode variants of a generated tax code are taken")]
    OmocodesExhausted,
}

/// Generates the demo population. `offices` give each province's postcode area.
pub fn population(offices: &[Office]) -> Result<Vec<DemoCitizen>, DemoError> {
    let mut rng = Rng(0x00C3_E7A1_1A70_2026);
    let mut by_province: BTreeMap<&str, Vec<Place>> = BTreeMap::new();
    for place in place::municipalities() {
        if let Some(province) = place.province() {
            by_province.entry(province).or_default().push(place);
        }
    }
    let provinces: Vec<&str> = by_province.keys().copied().collect();
    let all_places: Vec<&Place> = by_province.values().flatten().collect();
    let postcode_area: BTreeMap<&str, &str> = offices
        .iter()
        .map(|o| (o.province.as_str(), o.postcode.get(..2).unwrap_or("00")))
        .collect();

    let mut used = HashSet::new();
    let mut people = Vec::with_capacity(DEMO_CITIZENS);
    while people.len() < DEMO_CITIZENS {
        let index = people.len();
        let sex = if rng.chance(50) {
            Sex::Female
        } else {
            Sex::Male
        };
        let foreign = index % 100 >= 90; // one in ten is a foreign resident
        let (surname, given_name, birth_place, language) = if foreign {
            let (language, country, surnames, males, females) = *rng.pick(FOREIGN);
            let names = if sex == Sex::Female { females } else { males };
            (
                *rng.pick(surnames),
                *rng.pick(names),
                country.to_owned(),
                language,
            )
        } else {
            let names = if sex == Sex::Female {
                FEMALE_NAMES
            } else {
                MALE_NAMES
            };
            let born = rng.pick(&all_places).code().to_owned();
            (
                *rng.pick(SURNAMES),
                *rng.pick(names),
                born,
                Language::Italian,
            )
        };
        let birth_date = random_birth_date(&mut rng);
        // One in 400 has a "twin": same names, date and place, so the second needs an omocode.
        let twins = if index % 400 == 7 { 2 } else { 1 };
        for _ in 0..twins {
            let base = PersonalTaxCode::encode(surname, given_name, birth_date, sex, &birth_place)?;
            let mut personal = base.clone();
            let mut level = 0;
            while !used.insert(personal.as_str().to_owned()) {
                level += 1;
                personal = base
                    .omocode_variant(level)
                    .ok_or(DemoError::OmocodesExhausted)?;
            }
            let province = *rng.pick(&provinces);
            let address = (!rng.chance(3)).then(|| {
                let city = rng.pick(&by_province[province]);
                Address {
                    street: format!("{} {}", rng.pick(STREETS), 1 + rng.below(180)),
                    postcode: format!(
                        "{}{:03}",
                        postcode_area.get(province).copied().unwrap_or("00"),
                        rng.below(1000)
                    ),
                    city: city.display_name(),
                    province: province.to_owned(),
                }
            });
            let mobile = rng.chance(90).then(|| {
                let prefix = *rng.pick(&[
                    "320", "328", "333", "338", "340", "347", "349", "366", "389", "393",
                ]);
                format!("{prefix}{:07}", rng.below(10_000_000))
                    .parse::<MobileNumber>()
                    .expect("a 3xx prefix and 7 digits is an Italian mobile")
            });
            let email = rng.chance(60).then(|| {
                format!(
                    "{}.{}{}@example.it",
                    ascii_slug(given_name),
                    ascii_slug(surname),
                    index
                )
            });
            people.push(DemoCitizen {
                data: CitizenData {
                    tax_code: TaxCode::Personal(personal.clone()),
                    given_name: given_name.to_owned(),
                    surname: surname.to_owned(),
                    birth_date,
                    sex,
                    address,
                    mobile,
                    email,
                    language,
                },
                personal,
            });
        }
    }
    people.truncate(DEMO_CITIZENS);
    Ok(people)
}

fn random_birth_date(rng: &mut Rng) -> Date {
    let year = 1940 + rng.below(66) as i16; // 1940–2005
    let month = 1 + rng.below(12) as i8;
    let day = 1 + rng.below(28) as i8;
    // Days 1–28 exist in every month.
    Date::new(year, month, day).expect("day 1–28 of month 1–12 is a date")
}

fn ascii_slug(text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            let c = c.to_lowercase().next().unwrap_or(c);
            let folded = match c {
                'à' | 'á' => 'a',
                'è' | 'é' => 'e',
                'ì' | 'í' => 'i',
                'ò' | 'ó' => 'o',
                'ù' | 'ú' => 'u',
                'ł' => 'l',
                'ś' => 's',
                'ń' => 'n',
                'ü' => 'u',
                'ö' => 'o',
                'ä' => 'a',
                other => other,
            };
            folded.is_ascii_alphanumeric().then_some(folded)
        })
        .collect()
}

/// A few identities worth trying, picked by what makes them interesting.
pub fn showcase(people: &[DemoCitizen]) -> Vec<(&'static str, &DemoCitizen)> {
    let italian = |c: &&DemoCitizen| c.data.language == Language::Italian;
    let with_address = |c: &&DemoCitizen| c.data.address.is_some();
    let candidates: [(&'static str, Option<&DemoCitizen>); 6] = [
        (
            "Italian, man",
            people
                .iter()
                .filter(italian)
                .filter(with_address)
                .find(|c| c.data.sex == Sex::Male),
        ),
        (
            "Italian, woman",
            people
                .iter()
                .filter(italian)
                .filter(with_address)
                .find(|c| c.data.sex == Sex::Female),
        ),
        (
            "omocode (shares data with another citizen)",
            people.iter().find(|c| c.personal.is_omocode()),
        ),
        (
            "speaks Arabic",
            people.iter().find(|c| c.data.language == Language::Arabic),
        ),
        (
            "speaks German",
            people.iter().find(|c| c.data.language == Language::German),
        ),
        (
            "no home address on file",
            people.iter().find(|c| c.data.address.is_none()),
        ),
    ];
    candidates
        .into_iter()
        .filter_map(|(label, found)| found.map(|c| (label, c)))
        .collect()
}

/// What `serve --demo` prints to try: identities, and concrete things to look up.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Showcase {
    /// (what makes them interesting, tax code)
    pub identities: Vec<(String, String)>,
    /// One line each: a look-up to try with the REST API.
    pub tips: Vec<String>,
    /// Agent phones to register with a SIP phone: (extension, demo password). A phone whose
    /// password was changed (`centralino agent-phone set`) is not listed.
    pub agent_phones: Vec<(String, String)>,
}

impl Showcase {
    pub fn is_empty(&self) -> bool {
        self.identities.is_empty() && self.tips.is_empty() && self.agent_phones.is_empty()
    }
}

/// The demo's agent phones: SIP extensions 1001–1010.
pub const DEMO_AGENT_PHONES: std::ops::RangeInclusive<u16> = 1001..=1010;

/// The documented demo password of a demo agent phone: `centralino-EXT` (e.g.
/// `centralino-1001`). Demo only: set real ones with `centralino agent-phone set`.
pub fn demo_phone_password(extension: &str) -> String {
    format!("centralino-{extension}")
}

/// Creates the demo agent phones that are missing (existing ones keep their password, so a
/// password set with `agent-phone set` survives a restart with `--demo`); returns the phones
/// that still have their demo password.
async fn ensure_agent_phones(
    store: &store::Store,
    now: Timestamp,
) -> anyhow::Result<Vec<(String, String)>> {
    let realm = sip_edge::DEFAULT_REALM;
    let mut listed = Vec::new();
    for number in DEMO_AGENT_PHONES {
        let extension = number.to_string();
        let password = demo_phone_password(&extension);
        let ha1 = sip_edge::Ha1::from_password(&extension, realm, &password);
        let phones = store.agent_phones();
        match phones.by_extension(&extension).await? {
            Some(phone) if phone.realm == realm && phone.ha1 == ha1.as_hex() => {}
            Some(_) => continue,
            None => {
                phones
                    .upsert(&store::agent_phones::AgentPhone {
                        extension: extension.clone(),
                        display_name: format!("Postazione {extension}"),
                        realm: realm.to_owned(),
                        ha1: ha1.as_hex().to_owned(),
                        updated_at: now,
                    })
                    .await
                    .context("storing the demo agent phones")?;
            }
        }
        listed.push((extension, password));
    }
    Ok(listed)
}

/// Loads the demo population and its back-office data into an empty database, or finds them
/// already there; returns what to try.
pub async fn load(
    store: &store::Store,
    profile: &crate::Profile,
    now: Timestamp,
) -> anyhow::Result<Showcase> {
    let people = population(&profile.offices).context("generating the demo population")?;
    let identities = showcase(&people)
        .into_iter()
        .map(|(label, c)| (label.to_owned(), c.personal.as_str().to_owned()))
        .collect();
    let loaded = store.meta("demo_data").await?;
    let existing = store.citizens().count().await?;
    match loaded.as_deref() {
        Some(DEMO_DATA_VERSION) => tracing::info!(citizens = existing, "demo data already loaded"),
        Some(other) => anyhow::bail!(
            "the database holds demo data set {other:?}, this build makes {DEMO_DATA_VERSION:?}: use a fresh data directory"
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
            seed_back_office(store, now).await?;
            store.set_meta("demo_data", DEMO_DATA_VERSION).await?;
            let event = store::NewAuditEvent {
                actor: "system".into(),
                action: "demo.loaded".into(),
                subject: None,
                detail: format!("{} synthetic citizens ({DEMO_DATA_VERSION})", data.len()),
            };
            store.audit().record(now, &event).await?;
            tracing::info!(citizens = data.len(), "demo population created");
        }
    }
    Ok(Showcase {
        identities,
        tips: tips(store, now).await?,
        agent_phones: ensure_agent_phones(store, now).await?,
    })
}

/// Applications, payments, pensions, domestic work, INPS Linea requests, appointments, surveys
/// and PINs for the demo citizens.
async fn seed_back_office(store: &store::Store, now: Timestamp) -> anyhow::Result<()> {
    use services::{applications, appointments, domestic, linea, payments, pins, surveys};
    let counts = [
        (
            "applications",
            applications::seed_demo(store, now)
                .await
                .context("demo applications")?,
        ),
        (
            "payments",
            payments::seed_demo(store, now)
                .await
                .context("demo payments")?,
        ),
        (
            "domestic relationships",
            domestic::seed_demo(store, now)
                .await
                .context("demo domestic work")?,
        ),
        (
            "INPS Linea requests",
            linea::seed_demo(store, now)
                .await
                .context("demo INPS Linea requests")?,
        ),
        (
            "appointments",
            appointments::seed_demo(store, now)
                .await
                .context("demo appointments")?,
        ),
        (
            "survey contacts",
            surveys::seed_demo(store, now)
                .await
                .context("demo surveys")?,
        ),
        (
            "phone PINs",
            pins::seed_demo(store, now).await.context("demo PINs")?,
        ),
    ];
    for (what, count) in counts {
        tracing::info!(count, what, "demo data created");
    }
    Ok(())
}

/// Concrete look-ups on the demo data, found by asking the back office as a client would.
async fn tips(store: &store::Store, now: Timestamp) -> anyhow::Result<Vec<String>> {
    use services::applications::{Sector, applications_of};
    let mut tips = Vec::new();
    let citizens = store.citizens().list(0, 400).await?;
    if let Some(first) = citizens.first() {
        tips.push(format!(
            "phone PIN {} for {} (and the next four citizens): POST /api/v1/applications/list {{\"tax_code\", \"pin\"}}",
            services::pins::DEMO_PIN,
            first.data.tax_code
        ));
    }
    let (mut application, mut ex_inpdap, mut relationship, mut request) = (None, None, None, None);
    for citizen in &citizens {
        let code = &citizen.data.tax_code;
        if application.is_none() || ex_inpdap.is_none() {
            for app in applications_of(store, code).await.unwrap_or_default() {
                if app.sector() == Sector::PublicAdministration && ex_inpdap.is_none() {
                    ex_inpdap = Some(format!(
                        "ex-INPDAP: POST /api/v1/applications/ex-inpdap {{\"given_name\": \"{}\", \"surname\": \"{}\", \"birth_date\": \"{}\", \"number\": \"{}\"}}",
                        citizen.data.given_name,
                        citizen.data.surname,
                        citizen.data.birth_date,
                        app.protocol
                    ));
                } else if application.is_none() {
                    application = Some(format!(
                        "application status: POST /api/v1/applications/status {{\"tax_code\": \"{code}\", \"number\": \"{}\"}}",
                        app.domus
                    ));
                }
            }
        }
        if relationship.is_none()
            && let Some(rel) = services::domestic::relationships_of(store, code)
                .await
                .unwrap_or_default()
                .first()
        {
            let year = now.to_zoned_datetime(jiff::tz::TimeZone::UTC).year() - 1;
            relationship = Some(format!(
                "domestic work: POST /api/v1/domestic/amount-due {{\"tax_code\": \"{code}\", \"relationship_code\": \"{}\", \"year\": {year}, \"quarter\": 4}}",
                rel.data.code
            ));
        }
        if request.is_none()
            && let Some(group) = services::linea::list_for_citizen(store, code)
                .await
                .unwrap_or_default()
                .first()
            && let Some(req) = group.requests.first()
        {
            request = Some(format!(
                "INPS Linea: POST /api/v1/linea/lookup {{\"tax_code\": \"{code}\", \"request_id\": \"{}\"}}",
                req.id
            ));
        }
    }
    tips.extend(
        [application, ex_inpdap, relationship, request]
            .into_iter()
            .flatten(),
    );
    Ok(tips)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offices() -> Vec<Office> {
        crate::config::Profile::inps()
            .expect("built-in profile")
            .offices
    }

    #[test]
    fn the_population_is_deterministic_valid_and_varied() {
        let offices = offices();
        let a = population(&offices).unwrap();
        let b = population(&offices).unwrap();
        assert_eq!(a.len(), DEMO_CITIZENS);
        let codes = |p: &[DemoCitizen]| {
            p.iter()
                .map(|c| c.personal.as_str().to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(codes(&a), codes(&b), "same seed, same people");

        let unique: HashSet<_> = a.iter().map(|c| c.personal.as_str()).collect();
        assert_eq!(unique.len(), a.len(), "tax codes are unique");
        let rule = domain::CenturyRule::with_reference_year(2026);
        for c in &a {
            let parsed =
                TaxCode::parse_with(c.personal.as_str(), rule).expect("demo codes are valid");
            let TaxCode::Personal(parsed) = parsed else {
                panic!("16-character code")
            };
            assert_eq!(parsed.birth_date(), c.data.birth_date);
            assert_eq!(parsed.sex(), c.data.sex);
        }
        let omocodes = a.iter().filter(|c| c.personal.is_omocode()).count();
        assert!(omocodes >= 20, "only {omocodes} omocodes");
        for lang in Language::ALL {
            assert!(
                a.iter().any(|c| c.data.language == lang),
                "nobody speaks {lang}"
            );
        }
        let provinces: HashSet<_> = a
            .iter()
            .filter_map(|c| c.data.address.as_ref())
            .map(|a| a.province.as_str())
            .collect();
        assert!(
            provinces.len() >= 100,
            "addresses in {} provinces",
            provinces.len()
        );
        assert!(a.iter().any(|c| c.data.address.is_none()));
        assert!(a.iter().filter(|c| c.data.mobile.is_some()).count() > DEMO_CITIZENS * 8 / 10);
        assert_eq!(showcase(&a).len(), 6);
    }
}
