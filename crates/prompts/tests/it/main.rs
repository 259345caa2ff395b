//! Integration tests: the test profile's catalog spoken by the real espeak-ng in all eight
//! languages. espeak-ng is a Debian package (`apt-get install espeak-ng`); without it these
//! tests print a note and pass, except under CI (`CI` set), where they fail.

mod espeak;

use std::path::{Path, PathBuf};

pub(crate) fn profile() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/profile")
}

/// Whether espeak-ng can run here; fails under CI when it cannot.
pub(crate) fn espeak_available() -> bool {
    use prompts::TtsEngine;
    match prompts::EspeakNg::new("it").check() {
        Ok(()) => true,
        Err(e) if std::env::var_os("CI").is_some() => {
            panic!("espeak-ng is needed under CI (apt-get install espeak-ng): {e}")
        }
        Err(e) => {
            eprintln!("note: espeak-ng not available ({e}); speech not tested");
            false
        }
    }
}
