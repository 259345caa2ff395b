//! The public contact page (R-CHAN-1..5, R-HOURS-1..3, R-SELF-10): the profile's numbers, the
//! hours of its calendars in the page's language with an "open now" badge, the WebCall entry
//! point (its channel is not built yet, and the page says so), and the PDF guide.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use jiff::Timestamp;

use super::guide::{self, GuideData};
use super::i18n::Words;
use super::view::{self, Layout, Nav};
use super::{NumberKind, portal};
use crate::WebState;

pub(super) fn router() -> Router<WebState> {
    Router::new()
        .route("/portal/contact", get(page))
        .route("/portal/contact/guide.pdf", get(guide_pdf))
        .route("/portal/webcall", get(webcall))
}

struct NumberRow {
    number: String,
    tel: String,
    what: String,
    toll_free: bool,
    /// For a campaign number: whether it answers now.
    open_now: Option<bool>,
}

struct HoursRow {
    calendar: String,
    whose: String,
    text: String,
    open_now: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/contact.html")]
struct ContactPage {
    l: Layout,
    numbers: Vec<NumberRow>,
    hours: Vec<HoursRow>,
    guide_note: bool,
}

/// What a number is for, in words.
fn number_label(words: &Words, kind: &NumberKind) -> String {
    match kind {
        NumberKind::Landline => words.t("number-landline"),
        NumberKind::Mobile => words.t("number-mobile"),
        NumberKind::International { country } => words.t1(
            "number-international",
            "country",
            &words.t(&format!("country-{}", country.to_ascii_lowercase())),
        ),
        NumberKind::Campaign { .. } => words.t("number-cu"),
    }
}

/// Groups digits as they are printed: `803 164`, `06 164 164`, `800 434 320`.
fn spaced(number: &str) -> String {
    match number.len() {
        6 => format!("{} {}", &number[..3], &number[3..]),
        8 if number.starts_with("06") => {
            format!("{} {} {}", &number[..2], &number[2..5], &number[5..])
        }
        9 => format!("{} {} {}", &number[..3], &number[3..6], &number[6..]),
        _ => number.to_owned(),
    }
}

fn rows(state: &WebState, words: &Words, now: Timestamp) -> (Vec<NumberRow>, Vec<HoursRow>) {
    let config = &portal(state).config;
    let numbers = config
        .numbers
        .iter()
        .map(|n| NumberRow {
            number: spaced(&n.number),
            tel: n.number.clone(),
            what: number_label(words, &n.kind),
            toll_free: n.toll_free,
            open_now: match &n.kind {
                NumberKind::Campaign { calendar } => {
                    state.calendars.get(calendar).map(|c| c.is_open(now))
                }
                _ => None,
            },
        })
        .collect();
    let hours = config
        .hours
        .iter()
        .filter_map(|(name, kind)| {
            let calendar = state.calendars.get(name)?;
            Some(HoursRow {
                calendar: name.clone(),
                whose: words.t(kind.key()),
                text: calendar.describe(words.lang()),
                open_now: calendar.is_open(now),
            })
        })
        .collect();
    (numbers, hours)
}

async fn page(State(state): State<WebState>, l: Layout) -> Response {
    let (numbers, hours) = rows(&state, &l.words, Timestamp::now());
    ContactPage {
        guide_note: guide::guide_language(l.lang()) != l.lang(),
        l: l.with_nav(Nav::Contact, "contact-title"),
        numbers,
        hours,
    }
    .into_response()
}

/// The PDF guide in the page's language (English for Arabic, see [`guide`]).
async fn guide_pdf(State(state): State<WebState>, l: Layout) -> Response {
    let words = Words::new(guide::guide_language(l.lang()), l.words.catalog());
    let (numbers, hours) = rows(&state, &words, Timestamp::now());
    let data = GuideData {
        numbers: numbers
            .into_iter()
            .map(|n| {
                let free = if n.toll_free {
                    format!(" ({})", words.t("toll-free"))
                } else {
                    String::new()
                };
                (format!("{}{free}", n.what), n.number)
            })
            .collect(),
        hours: hours.into_iter().map(|h| (h.whose, h.text)).collect(),
    };
    let pdf = guide::render(&words, &data);
    if pdf.is_empty() {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    let disposition = format!("attachment; filename=\"guide-{}.pdf\"", words.lang().code());
    let mut response = pdf.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// The WebCall entry point: the channel is not built yet, and the page says so plainly.
async fn webcall(l: Layout) -> Response {
    let body = l.t("webcall-not-yet");
    view::message(
        l,
        StatusCode::SERVICE_UNAVAILABLE,
        "webcall-not-available",
        "webcall-title",
        body,
    )
}
