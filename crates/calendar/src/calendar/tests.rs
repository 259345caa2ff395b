//! Tests of [`Calendar`]: the INPS calendars of the profile, DST, special days and spec errors.

use std::collections::BTreeMap;

use jiff::civil::date;
use jiff::{SignedDuration, Timestamp};

use super::*;

/// The calendars of the INPS profile (R-HOURS-1..3, R-CHAN-5, R-SELF-6).
const INPS: &str = r#"
[agents-it]      # R-HOURS-1: Mon–Fri 08–20, Sat 08–14, closed on national holidays
zone = "Europe/Rome"
national_holidays = true
hours = { mon = ["08:00-20:00"], tue = ["08:00-20:00"], wed = ["08:00-20:00"], thu = ["08:00-20:00"], fri = ["08:00-20:00"], sat = ["08:00-14:00"] }
[agents-foreign] # R-HOURS-2: Mon–Fri 09–14
zone = "Europe/Rome"
national_holidays = true
hours = { mon = ["09:00-14:00"], tue = ["09:00-14:00"], wed = ["09:00-14:00"], thu = ["09:00-14:00"], fri = ["09:00-14:00"] }
[automated]      # R-HOURS-3: always, holidays included
zone = "Europe/Rome"
always_open = true
[cu-campaign]    # R-CHAN-5 / R-SELF-6: only during the CU campaign
zone = "Europe/Rome"
always_open = true
campaigns = [{ from = "2026-03-16", to = "2026-12-31" }]
"#;

fn inps() -> Calendars {
    let specs: BTreeMap<String, CalendarSpec> = toml::from_str(INPS).unwrap();
    Calendars::from_specs(&specs).unwrap()
}

fn cal(calendars: &Calendars, name: &str) -> Calendar {
    calendars.get(name).unwrap().clone()
}

fn one(src: &str) -> Result<Calendar, CalendarError> {
    let spec: CalendarSpec = toml::from_str(src).unwrap();
    Calendar::from_spec("test", &spec)
}

/// The instant of a wall-clock time in Rome (compatible disambiguation).
fn rome(y: i16, m: i8, d: i8, h: i8, mi: i8) -> Timestamp {
    date(y, m, d)
        .at(h, mi, 0, 0)
        .in_tz("Europe/Rome")
        .unwrap()
        .timestamp()
}

fn utc(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn ts(z: Option<ZonedDateTime>) -> Option<Timestamp> {
    z.map(|z| z.timestamp())
}

#[test]
fn the_profile_has_four_calendars() {
    let c = inps();
    assert_eq!(
        c.names().collect::<Vec<_>>(),
        ["agents-foreign", "agents-it", "automated", "cu-campaign"]
    );
    assert_eq!(c.len(), 4);
    assert!(!c.is_empty() && c.contains("automated") && c.get("nope").is_none());
    assert_eq!((&c).into_iter().count(), 4);
    assert!(
        c.iter()
            .all(|cal| cal.zone().iana_name() == Some("Europe/Rome"))
    );
    assert_eq!(c.get("agents-it").unwrap().name(), "agents-it");
}

#[test]
fn agents_it_weekdays_and_saturday() {
    let c = inps();
    let it = cal(&c, "agents-it");
    assert_eq!(date(2026, 11, 30).weekday(), Weekday::Monday);
    assert!(it.is_open(rome(2026, 11, 30, 8, 0)));
    assert!(!it.is_open(rome(2026, 11, 30, 7, 59)));
    assert!(it.is_open(rome(2026, 11, 30, 19, 59)));
    assert!(!it.is_open(rome(2026, 11, 30, 20, 0)));
    assert!(it.is_open(rome(2026, 11, 28, 13, 59)));
    assert!(!it.is_open(rome(2026, 11, 28, 14, 0)));
    assert_eq!(
        ts(it.next_close(rome(2026, 11, 28, 10, 0))),
        Some(rome(2026, 11, 28, 14, 0))
    );
    // Sunday: closed, opens Monday at 08:00.
    assert!(!it.is_open(rome(2026, 11, 29, 11, 0)));
    let next = it.next_open(rome(2026, 11, 29, 11, 0)).unwrap();
    assert_eq!(next.timestamp(), rome(2026, 11, 30, 8, 0));
    assert_eq!(next.time_zone().iana_name(), Some("Europe/Rome"));
    assert_eq!(next.to_string(), "2026-11-30T08:00:00+01:00[Europe/Rome]");
    assert_eq!(it.next_close(rome(2026, 11, 29, 11, 0)), None);
    // Already open: next_open is the instant itself.
    let at = rome(2026, 11, 30, 9, 30) + SignedDuration::from_millis(1);
    assert_eq!(ts(it.next_open(at)), Some(at));
}

#[test]
fn agents_it_closed_on_national_holidays() {
    let c = inps();
    let it = cal(&c, "agents-it");
    // Immacolata, a Tuesday.
    assert!(!it.is_open(rome(2026, 12, 8, 10, 0)));
    assert!(!it.open_on_date(date(2026, 12, 8)));
    assert_eq!(
        ts(it.next_open(rome(2026, 12, 8, 10, 0))),
        Some(rome(2026, 12, 9, 8, 0))
    );
    // Easter Monday.
    assert!(!it.is_open(rome(2026, 4, 6, 10, 0)));
    assert_eq!(
        ts(it.next_open(rome(2026, 4, 4, 15, 0))),
        Some(rome(2026, 4, 7, 8, 0))
    );
    // San Francesco 2027, a Monday.
    assert_eq!(date(2027, 10, 4).weekday(), Weekday::Monday);
    assert!(!it.is_open(rome(2027, 10, 4, 10, 0)));
    assert!(it.is_open(rome(2027, 10, 5, 10, 0)));
    // Christmas holidays 2026: Fri 25, Sat 26 are holidays, Sun 27 closed.
    assert_eq!(
        ts(it.next_open(rome(2026, 12, 24, 20, 0))),
        Some(rome(2026, 12, 28, 8, 0))
    );
}

#[test]
fn agents_foreign_closed_on_saturday() {
    let c = inps();
    let foreign = cal(&c, "agents-foreign");
    assert!(!foreign.is_open(rome(2026, 11, 28, 10, 0)));
    assert!(foreign.is_open(rome(2026, 11, 30, 9, 0)));
    assert!(!foreign.is_open(rome(2026, 11, 30, 14, 0)));
    assert_eq!(
        ts(foreign.next_open(rome(2026, 11, 27, 14, 0))),
        Some(rome(2026, 11, 30, 9, 0))
    );
}

#[test]
fn automated_is_always_open() {
    let c = inps();
    let auto = cal(&c, "automated");
    assert!(auto.is_open(rome(2026, 12, 25, 3, 0)));
    assert!(auto.is_open(rome(2027, 1, 1, 0, 0)));
    assert_eq!(auto.next_close(rome(2026, 12, 25, 3, 0)), None);
    let at = rome(2026, 8, 15, 12, 0);
    assert_eq!(ts(auto.next_open(at)), Some(at));
}

#[test]
fn cu_campaign_window() {
    let c = inps();
    let cu = cal(&c, "cu-campaign");
    assert!(!cu.is_open(rome(2026, 3, 15, 12, 0)));
    assert!(!cu.is_open(rome(2026, 3, 15, 23, 59)));
    assert!(cu.is_open(rome(2026, 3, 16, 0, 0)));
    assert!(cu.is_open(rome(2026, 12, 31, 23, 59)));
    assert!(!cu.is_open(rome(2027, 1, 1, 0, 0)));
    let next = cu.next_open(rome(2026, 1, 10, 9, 0)).unwrap();
    assert_eq!(next.to_string(), "2026-03-16T00:00:00+01:00[Europe/Rome]");
    assert_eq!(cu.next_open(rome(2027, 1, 1, 0, 0)), None);
    assert_eq!(cu.next_open(rome(2030, 6, 1, 0, 0)), None);
    // Open through the DST change and the holidays, until the end of the campaign.
    assert_eq!(
        ts(cu.next_close(rome(2026, 3, 16, 0, 0))),
        Some(rome(2027, 1, 1, 0, 0))
    );
    assert!(!cu.open_on_date(date(2026, 3, 15)));
    assert!(cu.open_on_date(date(2026, 12, 25)));
}

#[test]
fn a_campaign_years_ahead_is_found() {
    let cal = one(
        "zone = \"Europe/Rome\"\nalways_open = true\n\
         campaigns = [{ from = \"2031-03-16\", to = \"2031-03-20\" }, { from = \"2030-01-01\", to = \"2030-01-01\" }]\n",
    )
    .unwrap();
    assert_eq!(
        ts(cal.next_open(rome(2026, 1, 10, 9, 0))),
        Some(rome(2030, 1, 1, 0, 0))
    );
    assert_eq!(
        ts(cal.next_close(rome(2030, 1, 1, 10, 0))),
        Some(rome(2030, 1, 2, 0, 0))
    );
    assert_eq!(
        ts(cal.next_open(rome(2030, 1, 2, 0, 0))),
        Some(rome(2031, 3, 16, 0, 0))
    );
}

#[test]
fn next_open_and_is_open_agree_all_year() {
    let c = inps();
    for name in ["agents-it", "agents-foreign", "cu-campaign"] {
        let cal = cal(&c, name);
        let mut t = rome(2026, 1, 1, 0, 0);
        let end = rome(2027, 1, 1, 0, 0);
        while t < end {
            let next = cal.next_open(t).map(|z| z.timestamp());
            if cal.is_open(t) {
                assert_eq!(next, Some(t), "{name} {t}");
                let close = cal.next_close(t).unwrap().timestamp();
                assert!(close > t && !cal.is_open(close), "{name} {t}");
                assert!(
                    cal.is_open(close - SignedDuration::from_secs(1)),
                    "{name} {t}"
                );
            } else if let Some(next) = next {
                assert!(next > t && cal.is_open(next), "{name} {t}");
                assert!(
                    !cal.is_open(next - SignedDuration::from_secs(1)),
                    "{name} {t}"
                );
                assert_eq!(cal.next_close(t), None);
            }
            t += SignedDuration::from_mins(47);
        }
    }
}

// --- DST (Europe/Rome: 29 March 2026 02:00 → 03:00, 25 October 2026 03:00 → 02:00) ---

fn sunday_night() -> Calendar {
    one("zone = \"Europe/Rome\"\nhours = { sun = [\"01:00-04:00\"] }\n").unwrap()
}

#[test]
fn spring_forward_window_is_two_hours() {
    let cal = sunday_night();
    // 01:00 CET = 00:00Z; 04:00 CEST = 02:00Z.
    assert!(!cal.is_open(utc("2026-03-28T23:59:59Z")));
    assert!(cal.is_open(utc("2026-03-29T00:00:00Z")));
    assert!(cal.is_open(utc("2026-03-29T01:00:00Z"))); // 03:00 CEST, right after the gap
    assert!(cal.is_open(utc("2026-03-29T01:59:59Z")));
    assert!(!cal.is_open(utc("2026-03-29T02:00:00Z")));
    let open = cal.next_open(utc("2026-03-28T12:00:00Z")).unwrap();
    assert_eq!(open.timestamp(), utc("2026-03-29T00:00:00Z"));
    assert_eq!(open.to_string(), "2026-03-29T01:00:00+01:00[Europe/Rome]");
    let close = cal.next_close(open.timestamp()).unwrap();
    assert_eq!(close.to_string(), "2026-03-29T04:00:00+02:00[Europe/Rome]");
    assert_eq!(
        close.timestamp() - open.timestamp(),
        SignedDuration::from_hours(2)
    );
}

#[test]
fn fall_back_window_is_four_hours() {
    let cal = sunday_night();
    // 01:00 CEST = 23:00Z the day before; 04:00 CET = 03:00Z.
    assert!(!cal.is_open(utc("2026-10-24T22:59:59Z")));
    assert!(cal.is_open(utc("2026-10-24T23:00:00Z")));
    assert!(cal.is_open(utc("2026-10-25T00:30:00Z"))); // first 02:30 (CEST)
    assert!(cal.is_open(utc("2026-10-25T01:30:00Z"))); // second 02:30 (CET)
    assert!(cal.is_open(utc("2026-10-25T02:59:59Z")));
    assert!(!cal.is_open(utc("2026-10-25T03:00:00Z")));
    let open = cal.next_open(utc("2026-10-24T12:00:00Z")).unwrap();
    assert_eq!(open.to_string(), "2026-10-25T01:00:00+02:00[Europe/Rome]");
    let close = cal.next_close(open.timestamp()).unwrap();
    assert_eq!(close.to_string(), "2026-10-25T04:00:00+01:00[Europe/Rome]");
    assert_eq!(
        close.timestamp() - open.timestamp(),
        SignedDuration::from_hours(4)
    );
}

#[test]
fn windows_starting_in_a_gap_or_a_fold() {
    let cal = one("zone = \"Europe/Rome\"\nhours = { sun = [\"02:30-05:00\"] }\n").unwrap();
    // Gap: 02:30 does not exist on 29 March; compatible moves it to 03:30 CEST = 01:30Z.
    assert_eq!(
        ts(cal.next_open(utc("2026-03-28T12:00:00Z"))),
        Some(utc("2026-03-29T01:30:00Z"))
    );
    assert!(!cal.is_open(utc("2026-03-29T01:29:59Z")));
    // Fold: 02:30 happens twice on 25 October; compatible takes the first (CEST) = 00:30Z.
    assert_eq!(
        ts(cal.next_open(utc("2026-10-24T12:00:00Z"))),
        Some(utc("2026-10-25T00:30:00Z"))
    );
    // A window inside the gap lasts nothing on that day, and the search goes on a week.
    let lost = one("zone = \"Europe/Rome\"\nhours = { sun = [\"02:00-03:00\"] }\n").unwrap();
    assert!(lost.open_on_date(date(2026, 3, 29)));
    assert_eq!(
        ts(lost.next_open(utc("2026-03-28T12:00:00Z"))),
        Some(rome(2026, 4, 5, 2, 0))
    );
}

#[test]
fn always_open_throughout_both_changes() {
    let auto = cal(&inps(), "automated");
    for (from, to) in [
        (utc("2026-03-28T20:00:00Z"), utc("2026-03-29T06:00:00Z")),
        (utc("2026-10-24T20:00:00Z"), utc("2026-10-25T06:00:00Z")),
    ] {
        let mut t = from;
        while t < to {
            assert!(auto.is_open(t), "{t}");
            t += SignedDuration::from_mins(1);
        }
    }
    // A 24/7 calendar closed on holidays is one stretch across the DST change.
    let cal =
        one("zone = \"Europe/Rome\"\nalways_open = true\nnational_holidays = true\n").unwrap();
    assert_eq!(
        ts(cal.next_close(utc("2026-03-28T20:00:00Z"))),
        Some(rome(2026, 4, 5, 0, 0))
    );
    assert_eq!(
        ts(cal.next_open(rome(2026, 4, 5, 12, 0))),
        Some(rome(2026, 4, 7, 0, 0))
    );
}

#[test]
fn next_open_across_the_change_returns_the_right_instant() {
    let it = cal(&inps(), "agents-it");
    // Saturday 28 March after closing → Monday 30 March 08:00 CEST = 06:00Z.
    assert_eq!(
        ts(it.next_open(utc("2026-03-28T13:00:00Z"))),
        Some(utc("2026-03-30T06:00:00Z"))
    );
    // Saturday 24 October after closing → Monday 26 October 08:00 CET = 07:00Z.
    assert_eq!(
        ts(it.next_open(utc("2026-10-24T12:00:00Z"))),
        Some(utc("2026-10-26T07:00:00Z"))
    );
}

// --- special days ---

#[test]
fn special_openings_closures_and_stretches() {
    let cal = one(
        r#"
        zone = "Europe/Rome"
        national_holidays = true
        hours = { mon = ["20:00-24:00"], tue = ["00:00-06:00", "08:00-12:00"], fri = ["08:00-12:00"] }
        closures = ["2026-08-14"]
        special_openings = [{ date = "2026-12-08", hours = ["09:00-12:00"] }, { date = "2026-12-11", hours = [] }]
        "#,
    )
    .unwrap();
    // A stretch across midnight.
    assert_eq!(
        ts(cal.next_close(rome(2026, 11, 30, 21, 0))),
        Some(rome(2026, 12, 1, 6, 0))
    );
    assert!(cal.is_open(rome(2026, 12, 1, 0, 0)));
    // Closure on a Friday.
    assert!(!cal.is_open(rome(2026, 8, 14, 9, 0)));
    assert!(cal.is_open(rome(2026, 8, 21, 9, 0)));
    // Special opening on a holiday (Immacolata, Tuesday): its hours replace the usual ones.
    assert!(cal.is_open(rome(2026, 12, 8, 10, 0)));
    assert!(!cal.is_open(rome(2026, 12, 8, 1, 0)));
    assert_eq!(
        cal.hours_on(date(2026, 12, 8))[0].to_string(),
        "09:00-12:00"
    );
    // An empty special opening closes the day.
    assert!(!cal.is_open(rome(2026, 12, 11, 9, 0)));
    assert!(cal.is_open(rome(2026, 12, 4, 9, 0)));
    assert!(cal.closes_on_national_holidays() && !cal.is_always_open());
    assert_eq!(cal.weekly_hours(Weekday::Tuesday).len(), 2);
}

#[test]
fn search_horizon() {
    let cal = one("zone = \"Europe/Rome\"\n\
         special_openings = [{ date = \"2026-06-01\", hours = [\"09:00-10:00\"] }, \
         { date = \"2028-06-01\", hours = [\"09:00-10:00\"] }]\n")
    .unwrap();
    assert_eq!(
        ts(cal.next_open(rome(2026, 1, 1, 0, 0))),
        Some(rome(2026, 6, 1, 9, 0))
    );
    // The next one is beyond SEARCH_HORIZON_DAYS.
    assert_eq!(cal.next_open(rome(2026, 6, 2, 0, 0)), None);
    let closed = one("zone = \"Europe/Rome\"\n").unwrap();
    assert_eq!(closed.next_open(rome(2026, 1, 1, 0, 0)), None);
    assert!(!closed.is_open(rome(2026, 1, 1, 12, 0)));
}

#[test]
fn extreme_instants_do_not_panic() {
    let c = inps();
    for cal in c.iter() {
        for at in [Timestamp::MIN, Timestamp::MAX, Timestamp::UNIX_EPOCH] {
            let _ = cal.is_open(at);
            let _ = cal.next_open(at);
            let _ = cal.next_close(at);
        }
        let _ = cal.hours_on(jiff::civil::Date::MAX);
        let _ = cal.hours_on(jiff::civil::Date::MIN);
    }
}

#[test]
fn other_zones() {
    let ny = one("zone = \"America/New_York\"\nhours = { mon = [\"09:00-17:00\"] }\n").unwrap();
    // Monday 30 November 2026 09:00 EST = 14:00Z.
    assert!(ny.is_open(utc("2026-11-30T14:00:00Z")));
    assert!(!ny.is_open(utc("2026-11-30T13:59:59Z")));
    assert_eq!(ny.zone().iana_name(), Some("America/New_York"));
}

// --- errors ---

#[test]
fn unknown_zone() {
    let err = one("zone = \"Europe/Roma\"\n").unwrap_err();
    assert!(matches!(&err, CalendarError::UnknownZone { zone, .. } if zone == "Europe/Roma"));
    let msg = err.to_string();
    assert!(
        msg.starts_with("calendar \"test\": unknown time zone \"Europe/Roma\""),
        "{msg}"
    );
    assert!(one("zone = \"\"\n").is_err());
}

#[test]
fn spec_conflicts() {
    let err =
        one("zone = \"Europe/Rome\"\nalways_open = true\nhours = { tue = [\"08:00-09:00\"] }\n")
            .unwrap_err();
    assert_eq!(
        err.to_string(),
        "calendar \"test\": always_open = true cannot be combined with weekly hours (hours.tue is \
         set)"
    );
    let err = one("zone = \"Europe/Rome\"\nclosures = [\"2026-12-24\"]\n\
         special_openings = [{ date = \"2026-12-24\", hours = [\"09:00-12:00\"] }]\n")
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "calendar \"test\": 2026-12-24 is both in closures and in special_openings"
    );
    let err = one("zone = \"Europe/Rome\"\n\
         special_openings = [{ date = \"2026-12-24\", hours = [\"09:00-12:00\"] }, \
         { date = \"2026-12-24\", hours = [] }]\n")
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "calendar \"test\": two special openings on 2026-12-24"
    );
    let err = one(
        "zone = \"Europe/Rome\"\ncampaigns = [{ from = \"2026-03-16\", to = \"2026-12-31\" }]\n\
         special_openings = [{ date = \"2027-01-02\", hours = [\"09:00-12:00\"] }]\n",
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "calendar \"test\": the special opening on 2027-01-02 is outside every campaign"
    );
}

#[test]
fn from_specs_names_the_failing_calendar() {
    let specs: BTreeMap<String, CalendarSpec> =
        toml::from_str("[good]\nzone = \"Europe/Rome\"\n[bad]\nzone = \"Mars/Olympus\"\n").unwrap();
    let err = Calendars::from_specs(&specs).unwrap_err();
    assert!(err.to_string().contains("calendar \"bad\""), "{err}");
    assert!(err.to_string().contains("Mars/Olympus"), "{err}");
}

#[test]
fn toml_errors_of_the_profile_carry_the_location() {
    let src = INPS.replace("sat = [\"08:00-14:00\"]", "sat = [\"08:00-14:60\"]");
    let err = toml::from_str::<BTreeMap<String, CalendarSpec>>(&src).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("08:00-14:60") && msg.contains("minutes must be 00-59"),
        "{msg}"
    );
    assert!(msg.contains("line 5"), "{msg}");
}
