//! Shared test helpers: finding the reference corpus.
#![allow(dead_code)]

use std::path::PathBuf;

/// The reference corpus (`SCHEMAGEN_CORPUS`, default `../shared/corpus`). Without it the
/// calling test says so loudly and skips, unless `SCHEMAGEN_REQUIRE_CORPUS=1` (CI), where
/// a missing corpus fails.
pub fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("SCHEMAGEN_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    if dir.join("README.md").is_file() {
        return Some(dir);
    }
    let required = std::env::var("SCHEMAGEN_REQUIRE_CORPUS").is_ok_and(|v| v == "1");
    assert!(!required, "SCHEMAGEN_REQUIRE_CORPUS=1 but the corpus is missing at {}", dir.display());
    eprintln!("\n*** SKIPPED: reference corpus not found at {} (set SCHEMAGEN_CORPUS) ***\n", dir.display());
    None
}

/// Reads and parses a JSON file of the corpus.
pub fn corpus_json(rel: &str) -> Option<serde_json::Value> {
    let path = corpus()?.join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    Some(serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display())))
}

/// One example object of a Stripe fixtures file, by resource name.
pub fn stripe_fixture(file: &str, resource: &str) -> Option<serde_json::Value> {
    let all = corpus_json(&format!("stripe/{file}"))?;
    Some(all["resources"][resource].clone()).filter(|v| !v.is_null()).or_else(|| panic!("no fixture `{resource}` in {file}"))
}
