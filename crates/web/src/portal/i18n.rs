//! The portal's words in the eight languages: Fluent catalogues `i18n/<lang>/portal.ftl`,
//! compiled into the binary and checked at start (through `prompts::Catalog`: syntax, references,
//! isolation marks off). Which language a request gets: the `lang` cookie (set by the language
//! switch), else the browser's `Accept-Language`, else the profile's default.

use std::sync::{Arc, OnceLock};

use axum::http::HeaderMap;
use domain::{Language, TextDirection};
use jiff::civil::Date;
use prompts::{Args, Catalog, CatalogSource};

use crate::session::cookie_value;

/// The cookie that remembers the chosen language.
pub(crate) const LANG_COOKIE: &str = "lang";

const SOURCES: [(Language, &str); 8] = [
    (Language::Italian, include_str!("../../i18n/it/portal.ftl")),
    (Language::German, include_str!("../../i18n/de/portal.ftl")),
    (Language::English, include_str!("../../i18n/en/portal.ftl")),
    (Language::French, include_str!("../../i18n/fr/portal.ftl")),
    (Language::Arabic, include_str!("../../i18n/ar/portal.ftl")),
    (Language::Polish, include_str!("../../i18n/pl/portal.ftl")),
    (Language::Spanish, include_str!("../../i18n/es/portal.ftl")),
    (Language::Russian, include_str!("../../i18n/ru/portal.ftl")),
];

/// The compiled-in catalogue, loaded once.
pub(crate) fn catalog() -> Result<Arc<Catalog>, String> {
    static CATALOG: OnceLock<Result<Arc<Catalog>, String>> = OnceLock::new();
    CATALOG
        .get_or_init(|| {
            Catalog::from_sources(SOURCES.iter().map(|(language, text)| CatalogSource {
                language: *language,
                path: format!("crates/web/i18n/{}/portal.ftl", language.code()).into(),
                text: (*text).to_owned(),
            }))
            .map(Arc::new)
            .map_err(|e| e.to_string())
        })
        .clone()
}

/// Words of one language for one page.
#[derive(Clone)]
pub(crate) struct Words {
    lang: Language,
    catalog: Arc<Catalog>,
}

impl std::fmt::Debug for Words {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Words").field("lang", &self.lang).finish()
    }
}

impl Words {
    pub(crate) fn new(lang: Language, catalog: Arc<Catalog>) -> Words {
        Words { lang, catalog }
    }

    pub(crate) fn lang(&self) -> Language {
        self.lang
    }

    pub(crate) fn catalog(&self) -> Arc<Catalog> {
        Arc::clone(&self.catalog)
    }

    /// `ltr` or `rtl`, for `<html dir>`.
    pub(crate) fn dir(&self) -> &'static str {
        match self.lang.direction() {
            TextDirection::LeftToRight => "ltr",
            TextDirection::RightToLeft => "rtl",
        }
    }

    /// Message `id` with `args`; a missing message shows its id (and is logged): the test
    /// `every_key_exists_in_every_language` keeps that from shipping.
    pub(crate) fn with(&self, id: &str, args: &Args) -> String {
        match self.catalog.render(self.lang, id, args) {
            Ok(text) => text,
            Err(e) => {
                tracing::error!(error = %e, "portal text missing");
                id.to_owned()
            }
        }
    }

    /// Message `id` without arguments.
    pub(crate) fn t(&self, id: &str) -> String {
        self.with(id, &Args::new())
    }

    /// Message `id` with one text argument.
    pub(crate) fn t1(&self, id: &str, name: &str, value: &str) -> String {
        self.with(id, &Args::new().text(name, value))
    }

    /// A date as the language writes it in short form.
    pub(crate) fn date(&self, date: Date) -> String {
        format_date(self.lang, date)
    }

    /// A weekday's short name (Monday = 1).
    pub(crate) fn weekday(&self, date: Date) -> String {
        self.t(&format!(
            "weekday-{}",
            date.weekday().to_monday_one_offset()
        ))
    }
}

/// `dd/mm/yyyy` (Italian, English, French, Spanish, Arabic) or `dd.mm.yyyy` (German, Polish,
/// Russian).
pub(crate) fn format_date(lang: Language, date: Date) -> String {
    let sep = match lang {
        Language::German | Language::Polish | Language::Russian => '.',
        _ => '/',
    };
    format!(
        "{:02}{sep}{:02}{sep}{:04}",
        date.day(),
        date.month(),
        date.year()
    )
}

/// The request's language: the `lang` cookie, else the first of `Accept-Language` we speak,
/// else `default`.
pub(crate) fn language(headers: &HeaderMap, default: Language) -> Language {
    if let Some(lang) = cookie_value(headers, LANG_COOKIE).and_then(parse_code) {
        return lang;
    }
    let accepted = headers
        .get(axum::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mut ranked: Vec<(u16, Language)> = accepted
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim();
            let primary = tag.split('-').next()?;
            let lang = parse_code(&primary.to_ascii_lowercase())?;
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            Some(((q.clamp(0.0, 1.0) * 1000.0) as u16, lang))
        })
        .filter(|(q, _)| *q > 0)
        .collect();
    ranked.sort_by_key(|(q, _)| std::cmp::Reverse(*q));
    ranked.first().map_or(default, |(_, lang)| *lang)
}

/// One of the eight two-letter codes.
pub(crate) fn parse_code(code: &str) -> Option<Language> {
    Language::ALL.into_iter().find(|l| l.code() == code)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn every_key_exists_in_every_language() {
        let catalog = catalog().unwrap();
        let italian: BTreeSet<&str> = catalog.message_ids(Language::Italian).collect();
        assert!(italian.len() > 100, "{} keys", italian.len());
        for lang in Language::ALL {
            let keys: BTreeSet<&str> = catalog.message_ids(lang).collect();
            let missing: Vec<_> = italian.difference(&keys).collect();
            let extra: Vec<_> = keys.difference(&italian).collect();
            assert!(missing.is_empty(), "{lang}: missing {missing:?}");
            assert!(extra.is_empty(), "{lang}: only there: {extra:?}");
            for key in &keys {
                assert_eq!(
                    catalog.variables(lang, key),
                    catalog.variables(Language::Italian, key),
                    "{lang}: {key} uses other variables than Italian"
                );
            }
        }
    }

    #[test]
    fn every_key_the_templates_and_code_use_exists() {
        let catalog = catalog().unwrap();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in ["templates/portal", "src/portal"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                files.push(entry.unwrap().path());
            }
        }
        let mut checked = 0;
        for file in files.iter().filter(|f| f.is_file()) {
            let text = std::fs::read_to_string(file).unwrap();
            for call in [".t(\"", ".t1(\"", ".with(\""] {
                for (i, _) in text.match_indices(call) {
                    let rest = &text[i + call.len()..];
                    let key = &rest[..rest.find('"').unwrap()];
                    if key.is_empty() || key.contains('{') {
                        continue;
                    }
                    checked += 1;
                    assert!(
                        catalog.has(Language::Italian, key),
                        "{}: {key} is not in the catalogue",
                        file.display()
                    );
                }
            }
        }
        assert!(checked > 50, "only {checked} keys found");
    }

    #[test]
    fn the_cookie_wins_then_accept_language_then_the_default() {
        let mut headers = HeaderMap::new();
        assert_eq!(language(&headers, Language::Italian), Language::Italian);
        headers.insert(
            "accept-language",
            HeaderValue::from_static("nl-NL, fr;q=0.4, ru-RU;q=0.8, de;q=0"),
        );
        assert_eq!(language(&headers, Language::Italian), Language::Russian);
        headers.insert("cookie", HeaderValue::from_static("a=b; lang=ar"));
        assert_eq!(language(&headers, Language::Italian), Language::Arabic);
        headers.insert("cookie", HeaderValue::from_static("lang=xx"));
        assert_eq!(language(&headers, Language::Italian), Language::Russian);
    }

    #[test]
    fn arabic_runs_right_to_left_and_dates_follow_the_language() {
        let catalog = catalog().unwrap();
        assert_eq!(Words::new(Language::Arabic, catalog.clone()).dir(), "rtl");
        assert_eq!(Words::new(Language::Polish, catalog).dir(), "ltr");
        let d = Date::new(2026, 3, 9).unwrap();
        assert_eq!(format_date(Language::Italian, d), "09/03/2026");
        assert_eq!(format_date(Language::German, d), "09.03.2026");
    }
}
