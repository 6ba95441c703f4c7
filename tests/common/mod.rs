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

/// Writes generated crates (each: name, files, its `tests/behaviour.rs`) as members of
/// one scratch workspace under `target/`, replacing what was there.
pub fn scratch_workspace(name: &str, crates: &[(String, Vec<schemagen::OutputFile>, String)]) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target").join(name);
    let mut members = Vec::new();
    for (member, files, behaviour) in crates {
        let out = root.join(member);
        let _ = std::fs::remove_dir_all(&out);
        for f in files {
            let path = out.join(&f.path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, &f.contents).unwrap();
        }
        std::fs::create_dir_all(out.join("tests")).unwrap();
        std::fs::write(out.join("tests/behaviour.rs"), behaviour).unwrap();
        members.push(format!("\"{member}\""));
    }
    let manifest = format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", "));
    std::fs::write(root.join("Cargo.toml"), manifest).unwrap();
    root
}

/// Runs cargo offline in a scratch workspace with warnings denied; fails the test with
/// cargo's output when it fails, else returns that output.
pub fn scratch_cargo(root: &std::path::Path, args: &[&str]) -> String {
    let output = std::process::Command::new(env!("CARGO"))
        .arg(args[0])
        .arg("--offline")
        .args(&args[1..])
        .current_dir(root)
        .env("CARGO_TARGET_DIR", root.join("target"))
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTDOCFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "cargo {} failed:\n{text}", args.join(" "));
    text
}

/// The number of tests that passed, from cargo test's output.
pub fn tests_passed(output: &str) -> usize {
    output
        .lines()
        .filter_map(|l| l.strip_prefix("test result: ok. "))
        .filter_map(|l| l.split(' ').next()?.parse::<usize>().ok())
        .sum()
}

/// Copies a folder tree (test inputs into a scratch folder).
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
