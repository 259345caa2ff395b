//! Compiles the built-in INPS profile's flows and prompt catalogs into the binary, so that
//! `centralino` runs the same IVR from any directory (and as a copied release binary) as from a
//! checkout. Generates `$OUT_DIR/built_in_profile.rs` with `BUILT_IN_FILES`: (path relative to
//! `profiles/inps`, contents) for `flows/*.toml`, `prompts/<lang>/*.ftl` and `info/<lang>/*.ftl`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let profile = manifest.join("../../profiles/inps");
    let mut files = Vec::new();
    collect(&profile, &profile.join("flows"), "toml", &mut files);
    for area in ["prompts", "info"] {
        let dir = profile.join(area);
        println!("cargo:rerun-if-changed={}", dir.display());
        if let Ok(entries) = std::fs::read_dir(&dir) {
            let mut languages: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect();
            languages.sort();
            for language in languages {
                collect(&profile, &language, "ftl", &mut files);
            }
        }
    }
    let mut code =
        String::from("/// The built-in profile's IVR files: (path under profiles/inps, text).\n");
    code.push_str("pub(crate) const BUILT_IN_FILES: &[(&str, &str)] = &[\n");
    for (relative, absolute) in &files {
        let _ = writeln!(
            code,
            "    ({relative:?}, include_str!({:?})),",
            absolute.display().to_string()
        );
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));
    std::fs::write(out.join("built_in_profile.rs"), code).expect("OUT_DIR is writable");
}

/// The files of `dir` with `extension`, sorted, as (relative to `root`, absolute).
fn collect(root: &Path, dir: &Path, extension: &str, files: &mut Vec<(String, PathBuf)>) {
    println!("cargo:rerun-if-changed={}", dir.display());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == extension))
        .collect();
    found.sort();
    for path in found {
        println!("cargo:rerun-if-changed={}", path.display());
        let absolute = path.canonicalize().unwrap_or_else(|_| path.clone());
        let relative = path
            .strip_prefix(root)
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_else(|_| path.display().to_string());
        files.push((relative, absolute));
    }
}
