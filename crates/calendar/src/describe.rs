//! Opening hours in words, in each of the eight languages of the service.
//!
//! Owns [`Calendar::describe`] and the vocabulary it needs: day names (with the grammatical cases
//! Polish and Russian ranges require), "to", "and", list separators (Arabic uses `،` and `؛`),
//! and the phrases for always-open, campaign periods and national holidays. The weekly hours are
//! read Monday to Sunday, and consecutive days with identical hours are grouped ("Monday to
//! Friday", two days as "Saturday and Sunday"). Closures and special openings of single dates
//! are not described.

use domain::Language;
use jiff::civil::{Date, Weekday};

use crate::calendar::Calendar;
use crate::spec::{TimeWindow, WEEK};

const EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const IT: [&str; 7] = [
    "lunedì",
    "martedì",
    "mercoledì",
    "giovedì",
    "venerdì",
    "sabato",
    "domenica",
];
const DE: [&str; 7] = [
    "Montag",
    "Dienstag",
    "Mittwoch",
    "Donnerstag",
    "Freitag",
    "Samstag",
    "Sonntag",
];
const FR: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
const AR: [&str; 7] = [
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "الأحد",
];
const PL: [&str; 7] = [
    "poniedziałek",
    "wtorek",
    "środa",
    "czwartek",
    "piątek",
    "sobota",
    "niedziela",
];
/// Genitive, after "od" and "do".
const PL_GEN: [&str; 7] = [
    "poniedziałku",
    "wtorku",
    "środy",
    "czwartku",
    "piątku",
    "soboty",
    "niedzieli",
];
const ES: [&str; 7] = [
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
];
const RU: [&str; 7] = [
    "понедельник",
    "вторник",
    "среда",
    "четверг",
    "пятница",
    "суббота",
    "воскресенье",
];
/// Genitive, after "с".
const RU_GEN: [&str; 7] = [
    "понедельника",
    "вторника",
    "среды",
    "четверга",
    "пятницы",
    "субботы",
    "воскресенья",
];
/// Accusative, after "по".
const RU_ACC: [&str; 7] = [
    "понедельник",
    "вторник",
    "среду",
    "четверг",
    "пятницу",
    "субботу",
    "воскресенье",
];

/// The fixed words of one language.
struct Words {
    days: &'static [&'static str; 7],
    /// Between two days, and between two windows of a day (Arabic "و" attaches to the next word).
    and: &'static str,
    /// Between groups of days.
    list: &'static str,
    /// Between the hours, the campaign periods and the holiday note.
    clause: &'static str,
    always_open: &'static str,
    no_hours: &'static str,
    holidays_closed: &'static str,
    /// Before the list of campaign periods.
    only: &'static str,
}

fn words(lang: Language) -> Words {
    match lang {
        Language::English => Words {
            days: &EN,
            and: " and ",
            list: ", ",
            clause: "; ",
            always_open: "24 hours a day, every day",
            no_hours: "no regular opening hours",
            holidays_closed: "closed on national holidays",
            only: "only",
        },
        Language::Italian => Words {
            days: &IT,
            and: " e ",
            list: ", ",
            clause: "; ",
            always_open: "24 ore su 24, tutti i giorni",
            no_hours: "nessun orario di apertura regolare",
            holidays_closed: "chiuso nei giorni festivi nazionali",
            only: "solo",
        },
        Language::German => Words {
            days: &DE,
            and: " und ",
            list: ", ",
            clause: "; ",
            always_open: "rund um die Uhr, jeden Tag",
            no_hours: "keine regulären Öffnungszeiten",
            holidays_closed: "an nationalen Feiertagen geschlossen",
            only: "nur",
        },
        Language::French => Words {
            days: &FR,
            and: " et ",
            list: ", ",
            clause: " ; ",
            always_open: "24 heures sur 24, tous les jours",
            no_hours: "aucun horaire d'ouverture régulier",
            holidays_closed: "fermé les jours fériés nationaux",
            only: "uniquement",
        },
        Language::Arabic => Words {
            days: &AR,
            and: " و",
            list: "، ",
            clause: "؛ ",
            always_open: "على مدار الساعة، كل يوم",
            no_hours: "لا توجد ساعات عمل منتظمة",
            holidays_closed: "مغلق في العطل الرسمية الوطنية",
            only: "فقط",
        },
        Language::Polish => Words {
            days: &PL,
            and: " i ",
            list: ", ",
            clause: "; ",
            always_open: "całą dobę, codziennie",
            no_hours: "brak stałych godzin otwarcia",
            holidays_closed: "nieczynne w święta państwowe",
            only: "tylko",
        },
        Language::Spanish => Words {
            days: &ES,
            and: " y ",
            list: ", ",
            clause: "; ",
            always_open: "las 24 horas, todos los días",
            no_hours: "sin horario de apertura regular",
            holidays_closed: "cerrado los días festivos nacionales",
            only: "solo",
        },
        Language::Russian => Words {
            days: &RU,
            and: " и ",
            list: ", ",
            clause: "; ",
            always_open: "круглосуточно, ежедневно",
            no_hours: "нет регулярных часов работы",
            holidays_closed: "не работает в государственные праздники",
            only: "только",
        },
    }
}

fn index(day: Weekday) -> usize {
    day.to_monday_zero_offset().unsigned_abs().into()
}

/// "Monday to Friday" for a run of three or more days.
fn day_range(lang: Language, first: Weekday, last: Weekday) -> String {
    let (a, b) = (index(first), index(last));
    match lang {
        Language::English => format!("{} to {}", EN[a], EN[b]),
        Language::Italian => {
            let from = if first == Weekday::Sunday {
                "dalla"
            } else {
                "dal"
            };
            let to = if last == Weekday::Sunday {
                "alla"
            } else {
                "al"
            };
            format!("{from} {} {to} {}", IT[a], IT[b])
        }
        Language::German => format!("{} bis {}", DE[a], DE[b]),
        Language::French => format!("du {} au {}", FR[a], FR[b]),
        Language::Arabic => format!("من {} إلى {}", AR[a], AR[b]),
        Language::Polish => format!("od {} do {}", PL_GEN[a], PL_GEN[b]),
        Language::Spanish => format!("de {} a {}", ES[a], ES[b]),
        Language::Russian => format!("с {} по {}", RU_GEN[a], RU_ACC[b]),
    }
}

/// "from 16/03/2026 to 31/12/2026", in the date style of the language.
fn date_range(lang: Language, from: Date, to: Date) -> String {
    let slash = |d: Date| format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year());
    let dot = |d: Date| format!("{:02}.{:02}.{:04}", d.day(), d.month(), d.year());
    match lang {
        Language::English => format!("from {} to {}", slash(from), slash(to)),
        Language::Italian => format!("dal {} al {}", slash(from), slash(to)),
        Language::German => format!("vom {} bis {}", dot(from), dot(to)),
        Language::French => format!("du {} au {}", slash(from), slash(to)),
        Language::Arabic => format!("من {} إلى {}", slash(from), slash(to)),
        Language::Polish => format!("od {} do {}", dot(from), dot(to)),
        Language::Spanish => format!("del {} al {}", slash(from), slash(to)),
        Language::Russian => format!("с {} по {}", dot(from), dot(to)),
    }
}

/// `8:00–20:00`: hours without a leading zero, an en dash between.
fn window(w: TimeWindow) -> String {
    let hm = |m: u16| format!("{}:{:02}", m / 60, m % 60);
    format!("{}–{}", hm(w.start_minutes()), hm(w.end_minutes()))
}

impl Calendar {
    /// The opening hours in words, in `lang`, e.g. in English
    /// "Monday to Friday 8:00–20:00, Saturday 8:00–14:00; closed on national holidays" and in
    /// Italian "dal lunedì al venerdì 8:00–20:00, sabato 8:00–14:00; chiuso nei giorni festivi
    /// nazionali".
    ///
    /// Consecutive days with the same hours are grouped; closed days are left out. An
    /// always-open calendar reads "24 hours a day, every day"; campaign periods follow the
    /// hours ("only from 16/03/2026 to 31/12/2026"), then the note on national holidays.
    pub fn describe(&self, lang: Language) -> String {
        let w = words(lang);
        let mut clauses = Vec::new();
        if self.is_always_open() {
            clauses.push(w.always_open.to_owned());
        } else {
            let groups = self.weekly_groups();
            if groups.is_empty() {
                clauses.push(w.no_hours.to_owned());
            } else {
                let parts: Vec<String> = groups
                    .iter()
                    .map(|(first, last, hours)| {
                        let days = match index(*last) - index(*first) {
                            0 => w.days[index(*first)].to_owned(),
                            1 => format!(
                                "{}{}{}",
                                w.days[index(*first)],
                                w.and,
                                w.days[index(*last)]
                            ),
                            _ => day_range(lang, *first, *last),
                        };
                        let times: Vec<String> = hours.iter().map(|h| window(*h)).collect();
                        format!("{days} {}", times.join(w.and))
                    })
                    .collect();
                clauses.push(parts.join(w.list));
            }
        }
        if !self.campaigns().is_empty() {
            let periods: Vec<String> = self
                .campaigns()
                .iter()
                .map(|c| date_range(lang, c.from(), c.to()))
                .collect();
            clauses.push(format!("{} {}", w.only, periods.join(w.list)));
        }
        if self.closes_on_national_holidays() {
            clauses.push(w.holidays_closed.to_owned());
        }
        clauses.join(w.clause)
    }

    /// Runs of consecutive open days with identical hours: (first day, last day, hours).
    fn weekly_groups(&self) -> Vec<(Weekday, Weekday, &[TimeWindow])> {
        let mut groups: Vec<(Weekday, Weekday, &[TimeWindow])> = Vec::new();
        for day in WEEK {
            let hours = self.weekly_hours(day);
            if hours.is_empty() {
                continue;
            }
            match groups.last_mut() {
                Some((_, last, h)) if *h == hours && last.next() == day => {
                    *last = day;
                }
                _ => groups.push((day, day, hours)),
            }
        }
        groups
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::CalendarSpec;
    use std::collections::BTreeSet;

    fn calendar(src: &str) -> Calendar {
        let spec: CalendarSpec = toml::from_str(src).unwrap();
        Calendar::from_spec("test", &spec).unwrap()
    }

    fn agents_it() -> Calendar {
        calendar(
            r#"
            zone = "Europe/Rome"
            national_holidays = true
            hours = { mon = ["08:00-20:00"], tue = ["08:00-20:00"], wed = ["08:00-20:00"], thu = ["08:00-20:00"], fri = ["08:00-20:00"], sat = ["08:00-14:00"] }
            "#,
        )
    }

    #[test]
    fn english_and_italian_exact() {
        let cal = agents_it();
        assert_eq!(
            cal.describe(Language::English),
            "Monday to Friday 8:00–20:00, Saturday 8:00–14:00; closed on national holidays"
        );
        assert_eq!(
            cal.describe(Language::Italian),
            "dal lunedì al venerdì 8:00–20:00, sabato 8:00–14:00; chiuso nei giorni festivi \
             nazionali"
        );
    }

    #[test]
    fn other_languages_of_agents_it() {
        let cal = agents_it();
        assert_eq!(
            cal.describe(Language::German),
            "Montag bis Freitag 8:00–20:00, Samstag 8:00–14:00; an nationalen Feiertagen \
             geschlossen"
        );
        assert_eq!(
            cal.describe(Language::Polish),
            "od poniedziałku do piątku 8:00–20:00, sobota 8:00–14:00; nieczynne w święta \
             państwowe"
        );
        assert_eq!(
            cal.describe(Language::Russian),
            "с понедельника по пятницу 8:00–20:00, суббота 8:00–14:00; не работает в \
             государственные праздники"
        );
        assert_eq!(
            cal.describe(Language::Arabic),
            "من الاثنين إلى الجمعة 8:00–20:00، السبت 8:00–14:00؛ مغلق في العطل الرسمية الوطنية"
        );
        assert!(
            cal.describe(Language::French)
                .starts_with("du lundi au vendredi 8:00–20:00")
        );
        assert!(
            cal.describe(Language::Spanish)
                .starts_with("de lunes a viernes 8:00–20:00")
        );
    }

    #[test]
    fn always_open_and_campaigns() {
        let automated = calendar("zone = \"Europe/Rome\"\nalways_open = true\n");
        assert_eq!(
            automated.describe(Language::English),
            "24 hours a day, every day"
        );
        assert_eq!(
            automated.describe(Language::Italian),
            "24 ore su 24, tutti i giorni"
        );
        let campaign = calendar(
            "zone = \"Europe/Rome\"\nalways_open = true\n\
             campaigns = [{ from = \"2026-03-16\", to = \"2026-12-31\" }]\n",
        );
        assert_eq!(
            campaign.describe(Language::English),
            "24 hours a day, every day; only from 16/03/2026 to 31/12/2026"
        );
        assert_eq!(
            campaign.describe(Language::German),
            "rund um die Uhr, jeden Tag; nur vom 16.03.2026 bis 31.12.2026"
        );
    }

    #[test]
    fn grouping_pairs_split_days_and_sunday() {
        let cal = calendar(
            r#"
            zone = "Europe/Rome"
            hours = { mon = ["09:00-12:00", "14:00-17:30"], tue = ["09:00-12:00", "14:00-17:30"], thu = ["09:00-13:00"], sat = ["10:00-24:00"], sun = ["10:00-24:00"] }
            "#,
        );
        assert_eq!(
            cal.describe(Language::English),
            "Monday and Tuesday 9:00–12:00 and 14:00–17:30, Thursday 9:00–13:00, Saturday and \
             Sunday 10:00–24:00"
        );
        assert_eq!(
            cal.describe(Language::Italian),
            "lunedì e martedì 9:00–12:00 e 14:00–17:30, giovedì 9:00–13:00, sabato e domenica \
             10:00–24:00"
        );
        let week = calendar(
            r#"
            zone = "Europe/Rome"
            hours = { mon = ["08:00-20:00"], tue = ["08:00-20:00"], wed = ["08:00-20:00"], thu = ["08:00-20:00"], fri = ["08:00-20:00"], sat = ["08:00-20:00"], sun = ["08:00-20:00"] }
            "#,
        );
        assert_eq!(
            week.describe(Language::Italian),
            "dal lunedì alla domenica 8:00–20:00"
        );
        assert_eq!(
            week.describe(Language::Russian),
            "с понедельника по воскресенье 8:00–20:00"
        );
        assert_eq!(
            week.describe(Language::Polish),
            "od poniedziałku do niedzieli 8:00–20:00"
        );
    }

    #[test]
    fn no_hours() {
        let cal = calendar("zone = \"Europe/Rome\"\n");
        assert_eq!(cal.describe(Language::English), "no regular opening hours");
    }

    #[test]
    fn every_language_is_non_empty_and_distinct() {
        let calendars = [
            agents_it(),
            calendar("zone = \"Europe/Rome\"\nalways_open = true\n"),
            calendar("zone = \"Europe/Rome\"\n"),
            calendar(
                "zone = \"Europe/Rome\"\nalways_open = true\nnational_holidays = true\n\
                 campaigns = [{ from = \"2026-03-16\", to = \"2026-12-31\" }]\n",
            ),
        ];
        for cal in &calendars {
            let texts: BTreeSet<String> = Language::ALL.iter().map(|l| cal.describe(*l)).collect();
            assert_eq!(texts.len(), Language::ALL.len(), "{texts:?}");
            assert!(texts.iter().all(|t| !t.trim().is_empty()));
        }
        let arabic = agents_it().describe(Language::Arabic);
        assert!(
            arabic
                .chars()
                .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
        );
        let russian = agents_it().describe(Language::Russian);
        assert!(
            russian
                .chars()
                .any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
        );
    }
}
