//! Static files: the vendored Bootstrap Italia and htmx (see `static/vendor/README.md`) and the
//! portal's own stylesheet, compiled into the binary and served under `/static/` with cache
//! headers. Vendored files sit in folders named after their version, so they are cached for a
//! year as immutable; the portal's own files for an hour.

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::WebState;

/// One compiled-in file: path under `/static/`, content type, bytes.
struct Asset {
    path: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

macro_rules! asset {
    ($path:literal, $type:literal) => {
        Asset {
            path: $path,
            content_type: $type,
            bytes: include_bytes!(concat!("../static/", $path)),
        }
    };
}

const ASSETS: &[Asset] = &[
    asset!(
        "vendor/bootstrap-italia-2.18.3/LICENSE",
        "text/plain; charset=utf-8"
    ),
    asset!(
        "vendor/bootstrap-italia-2.18.3/css/bootstrap-italia.min.css",
        "text/css; charset=utf-8"
    ),
    asset!(
        "vendor/bootstrap-italia-2.18.3/fonts/Roboto_Mono/LICENSE.txt",
        "text/plain; charset=utf-8"
    ),
    asset!(
        "vendor/bootstrap-italia-2.18.3/fonts/Roboto_Mono/roboto-mono-v13-latin-ext_latin-700.woff2",
        "font/woff2"
    ),
    asset!(
        "vendor/bootstrap-italia-2.18.3/fonts/Roboto_Mono/roboto-mono-v13-latin-ext_latin-700italic.woff2",
        "font/woff2"
    ),
    asset!(
        "vendor/bootstrap-italia-2.18.3/fonts/Roboto_Mono/roboto-mono-v13-latin-ext_latin-italic.woff2",
        "font/woff2"
    ),
    asset!(
        "vendor/bootstrap-italia-2.18.3/fonts/Roboto_Mono/roboto-mono-v13-latin-ext_latin-regular.woff2",
        "font/woff2"
    ),
    asset!(
        "vendor/bootstrap-italia-2.18.3/fonts/Titillium_Web/OFL.txt",
        "text/plain; charset=utf-8"
    ),
    asset!(
        "vendor/bootstrap-italia-2.18.3/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-300.woff2",
        "font/woff2"
    ),
    asset!(
        "vendor/bootstrap-italia-2.18.3/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-300italic.woff2",
        "font/woff2"
    ),
    asset!(
        "vendor/bootstrap-italia-2.18.3/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-600.woff2",
        "font/woff2"
    ),
    asset!(
        "vendor/bootstrap-italia-2.18.3/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-600italic.woff2",
        "font/woff2"
    ),
    asset!(
        "vendor/bootstrap-italia-2.18.3/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-700.woff2",
        "font/woff2"
    ),
    asset!(
        "vendor/bootstrap-italia-2.18.3/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-700italic.woff2",
        "font/woff2"
    ),
    asset!(
        "vendor/bootstrap-italia-2.18.3/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-italic.woff2",
        "font/woff2"
    ),
    asset!(
        "vendor/bootstrap-italia-2.18.3/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-regular.woff2",
        "font/woff2"
    ),
    asset!(
        "vendor/bootstrap-italia-2.18.3/js/bootstrap-italia.bundle.min.js",
        "text/javascript; charset=utf-8"
    ),
    asset!(
        "vendor/bootstrap-italia-2.18.3/svg/sprites.svg",
        "image/svg+xml"
    ),
    asset!("vendor/htmx-2.0.11/LICENSE", "text/plain; charset=utf-8"),
    asset!(
        "vendor/htmx-2.0.11/htmx.min.js",
        "text/javascript; charset=utf-8"
    ),
    asset!("portal/portal.css", "text/css; charset=utf-8"),
];

/// The Bootstrap Italia folder, for templates.
pub(crate) const BOOTSTRAP_ITALIA: &str = "/static/vendor/bootstrap-italia-2.18.3";
/// htmx, for templates.
pub(crate) const HTMX: &str = "/static/vendor/htmx-2.0.11/htmx.min.js";

pub(crate) fn router() -> Router<WebState> {
    Router::new().route("/static/{*path}", get(serve))
}

fn find(path: &str) -> Option<&'static Asset> {
    ASSETS.iter().find(|a| a.path == path)
}

async fn serve(Path(path): Path<String>) -> Response {
    let Some(asset) = find(&path) else {
        return (StatusCode::NOT_FOUND, "no such file").into_response();
    };
    let cache = if path.starts_with("vendor/") {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=3600"
    };
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(asset.content_type),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
        ],
        asset.bytes,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_vendored_file_has_its_licence_beside_it() {
        for folder in ["vendor/bootstrap-italia-2.18.3/", "vendor/htmx-2.0.11/"] {
            assert!(find(&format!("{folder}LICENSE")).is_some(), "{folder}");
        }
        for font in ASSETS.iter().filter(|a| a.path.ends_with(".woff2")) {
            let folder = font
                .path
                .rsplit_once('/')
                .map(|(d, _)| d)
                .unwrap_or_default();
            assert!(
                ASSETS.iter().any(|a| a.path.starts_with(folder)
                    && (a.path.ends_with("OFL.txt") || a.path.ends_with("LICENSE.txt"))),
                "{}",
                font.path
            );
        }
    }

    #[test]
    fn the_templates_paths_exist() {
        assert!(find(HTMX.trim_start_matches("/static/")).is_some());
        let bi = BOOTSTRAP_ITALIA.trim_start_matches("/static/");
        for file in [
            "css/bootstrap-italia.min.css",
            "js/bootstrap-italia.bundle.min.js",
            "svg/sprites.svg",
        ] {
            assert!(find(&format!("{bi}/{file}")).is_some(), "{file}");
        }
    }
}
