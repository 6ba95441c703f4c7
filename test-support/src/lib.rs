//! Helpers shared by the tests, the benches and the xtask's tests: finding the reference
//! corpus, writing and building scratch crates, expected-failure lists, SchemaStore.

use std::path::{Path, PathBuf};

/// The repository root. Paths default to it as they did when these helpers lived in
/// `tests/common/`, so this crate's own folder never shows in them.
fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("test-support lives in the workspace")
}

/// The reference corpus (`SCHEMAGEN_CORPUS`, default `../shared/corpus`). Without it the
/// calling test says so loudly and skips, unless `SCHEMAGEN_REQUIRE_CORPUS=1` (CI), where
/// a missing corpus fails.
pub fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("SCHEMAGEN_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared/corpus"));
    if dir.join("README.md").is_file() {
        return Some(dir);
    }
    let required = std::env::var("SCHEMAGEN_REQUIRE_CORPUS").is_ok_and(|v| v == "1");
    assert!(!required, "SCHEMAGEN_REQUIRE_CORPUS=1 but the corpus is missing at {}", dir.display());
    eprintln!(
        "\n*** SKIPPED: reference corpus not found at {} (set SCHEMAGEN_CORPUS) ***\n",
        dir.display()
    );
    None
}

/// Reads and parses a JSON file of the corpus.
pub fn corpus_json(rel: &str) -> Option<serde_json::Value> {
    let path = corpus()?.join(rel);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    Some(
        serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display())),
    )
}

/// One example object of a Stripe fixtures file, by resource name.
pub fn stripe_fixture(file: &str, resource: &str) -> Option<serde_json::Value> {
    let all = corpus_json(&format!("stripe/{file}"))?;
    Some(all["resources"][resource].clone())
        .filter(|v| !v.is_null())
        .or_else(|| panic!("no fixture `{resource}` in {file}"))
}

/// The text of one example object of a Stripe fixtures file, as the file writes it.
pub fn stripe_fixture_text(file: &str, resource: &str) -> Option<String> {
    use serde_json::value::RawValue;
    use std::collections::BTreeMap;
    let path = corpus()?.join("stripe").join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let top: BTreeMap<String, &RawValue> = serde_json::from_str(&text).unwrap();
    let resources: BTreeMap<String, &RawValue> =
        serde_json::from_str(top["resources"].get()).unwrap();
    let fixture =
        resources.get(resource).unwrap_or_else(|| panic!("no fixture `{resource}` in {file}"));
    Some(fixture.get().to_owned())
}

/// The one target folder of every scratch crate, so that their dependencies build once
/// (cargo's lock on it orders builds that run at the same time).
pub fn scratch_target() -> PathBuf {
    repo_root().join("target/scratch-target")
}

/// Writes generated crates (each: name, files, its `tests/behaviour.rs`) as members of
/// one scratch workspace under `target/`, replacing what was there.
pub fn scratch_workspace(
    name: &str,
    crates: &[(String, Vec<schemagen::OutputFile>, String)],
) -> PathBuf {
    let root = repo_root().join("target").join(name);
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
        .env("CARGO_TARGET_DIR", scratch_target())
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTDOCFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
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

/// Compares `failures` (id -> reason) with the list at `list` (`id<TAB>reason` lines):
/// fails on a failure the list lacks and on a listed id that passes now, so the list only
/// shrinks. With `SCHEMAGEN_BLESS=1` it rewrites the list instead (under `header`),
/// keeping reasons written by hand.
pub fn expected_failures(
    list: &std::path::Path,
    header: &str,
    failures: &std::collections::BTreeMap<String, String>,
) {
    let old = std::fs::read_to_string(list).unwrap_or_default();
    let expected: std::collections::BTreeMap<&str, &str> = old
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split_once('\t').unwrap_or((l, "")))
        .collect();
    if std::env::var("SCHEMAGEN_BLESS").is_ok_and(|v| v == "1") {
        let mut text = header.to_owned();
        for (id, reason) in failures {
            text.push_str(&format!(
                "{id}\t{}\n",
                expected.get(id.as_str()).copied().unwrap_or(reason)
            ));
        }
        std::fs::write(list, text).unwrap();
        return;
    }
    let unexpected: Vec<String> = failures
        .iter()
        .filter(|(id, _)| !expected.contains_key(id.as_str()))
        .map(|(id, r)| format!("{id}: {r}"))
        .collect();
    let now_passing: Vec<&&str> =
        expected.keys().filter(|id| !failures.contains_key(**id)).collect();
    assert!(
        unexpected.is_empty(),
        "{} case(s) fail that are not on the expected-failures list {}:\n{}",
        unexpected.len(),
        list.display(),
        unexpected.join("\n")
    );
    assert!(
        now_passing.is_empty(),
        "{} listed case(s) pass now; remove them (SCHEMAGEN_BLESS=1):\n{:?}",
        now_passing.len(),
        now_passing
    );
}

/// Writes a generated crate under `target/<scratch>/`, with a test that reads each list of
/// `cases` into the type at the same index of `roots` (paths such as `suite::g0::Root`)
/// and validates it, runs it (and clippy, when asked) with warnings denied, and returns
/// each verdict: valid, invalid, or `None` for a panic.
pub fn verdicts(
    scratch: &str,
    files: &[schemagen::OutputFile],
    roots: &[String],
    cases: &[Vec<&serde_json::Value>],
    clippy: bool,
) -> Vec<Vec<Option<bool>>> {
    let texts: Vec<Vec<String>> =
        cases.iter().map(|c| c.iter().map(|v| v.to_string()).collect()).collect();
    let outcomes = read_back(scratch, files, roots, &texts, clippy);
    outcomes.into_iter().map(|c| c.into_iter().map(|o| o.map(|o| o.valid)).collect()).collect()
}

/// What the generated crate made of one case.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The text read into its type and validated.
    pub valid: bool,
    /// The value written back by `serde_json::to_string`, when it was read.
    pub written: Option<String>,
}

/// [`verdicts`] of JSON texts, each read with `serde_json::from_str` (as an application
/// reads a file) and written back: `None` for a panic.
pub fn read_back(
    scratch: &str,
    files: &[schemagen::OutputFile],
    roots: &[String],
    cases: &[Vec<String>],
    clippy: bool,
) -> Vec<Vec<Option<Outcome>>> {
    let root = repo_root().join("target").join(scratch);
    let krate = root.join("crate");
    let _ = std::fs::remove_dir_all(&krate);
    for f in files {
        let path = krate.join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &f.contents).unwrap();
    }
    // The generated crate re-exports the runtime's `Validate`.
    let krate_name = roots.first().and_then(|r| r.split("::").next()).unwrap_or("crate").to_owned();
    let arms: String = roots
        .iter()
        .enumerate()
        .map(|(i, path)| format!("        {i} => outcome::<{path}>(text),\n"))
        .collect();
    let test = format!(
        "fn outcome<T: serde::Serialize + {krate_name}::FromJson>(text: &str) -> (bool, Option<String>) {{\n    \
         // The verdict alone, of the text and of the value, agrees with the full\n    \
         // validation, or the case panics.\n    \
         let quick = T::is_valid_json_str(text);\n    \
         match serde_json::from_str::<T>(text) {{\n        \
         Ok(t) => {{\n            let valid = t.validate().is_ok();\n            \
         assert_eq!(valid, t.is_valid(), \"is_valid() disagrees with validate()\");\n            \
         assert_eq!(valid, quick, \"is_valid_json_str() disagrees with validate()\");\n            \
         (valid, serde_json::to_string(&t).ok())\n        }}\n        \
         Err(_) => {{\n            assert!(!quick, \"is_valid_json_str() holds for a text that does not read\");\n            \
         (false, None)\n        }}\n    }}\n}}\n\n\
         fn check(index: usize, text: &str) -> (bool, Option<String>) {{\n    match index {{\n{arms}        _ => (false, None),\n    }}\n}}\n\n\
         #[test]\nfn run_cases() {{\n    \
         let cases: Vec<Vec<String>> = serde_json::from_str(&std::fs::read_to_string(\"cases.json\").unwrap()).unwrap();\n    \
         let results: Vec<Vec<Option<serde_json::Value>>> = cases.iter().enumerate()\n        \
         .map(|(i, data)| data.iter().map(|text| std::panic::catch_unwind(|| check(i, text)).ok()\n            \
         .map(|(valid, written)| serde_json::json!({{\"valid\": valid, \"written\": written}}))).collect())\n        .collect();\n    \
         std::fs::write(\"results.json\", serde_json::to_string(&results).unwrap()).unwrap();\n}}\n"
    );
    std::fs::create_dir_all(krate.join("tests")).unwrap();
    std::fs::write(krate.join("tests/cases.rs"), test).unwrap();
    std::fs::write(krate.join("cases.json"), serde_json::to_string(cases).unwrap()).unwrap();
    let manifest = std::fs::read_to_string(krate.join("Cargo.toml")).unwrap() + "\n[workspace]\n";
    std::fs::write(krate.join("Cargo.toml"), manifest).unwrap();
    let mut runs = vec![&["test", "--offline", "--test", "cases"][..]];
    if clippy {
        runs.push(&["clippy", "--offline", "--all-targets", "--", "-D", "warnings"]);
    }
    for args in runs {
        let output = std::process::Command::new(env!("CARGO"))
            .args(args)
            .current_dir(&krate)
            .env("CARGO_TARGET_DIR", scratch_target())
            .env("RUSTFLAGS", "-D warnings")
            .output()
            .expect("cargo runs");
        assert!(
            output.status.success(),
            "cargo {} on the {scratch} crate failed:\n{}",
            args[0],
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let results: Vec<Vec<Option<serde_json::Value>>> =
        serde_json::from_str(&std::fs::read_to_string(krate.join("results.json")).unwrap())
            .unwrap();
    let outcome = |o: serde_json::Value| Outcome {
        valid: o["valid"].as_bool().unwrap(),
        written: o["written"].as_str().map(str::to_owned),
    };
    results.into_iter().map(|c| c.into_iter().map(|o| o.map(outcome)).collect()).collect()
}

/// JSON text in a form that keeps every number's spelling and nothing else of the
/// writing: no insignificant whitespace, object members sorted by name (the last of a
/// repeated name), strings as serde_json writes them. Two texts with the same canonical
/// form hold the same value written with the same numbers.
pub fn canonical_json(text: &str) -> Result<String, serde_json::Error> {
    let raw: &serde_json::value::RawValue = serde_json::from_str(text)?;
    let mut out = String::with_capacity(text.len());
    canonical_into(raw, &mut out)?;
    Ok(out)
}

fn canonical_into(
    raw: &serde_json::value::RawValue,
    out: &mut String,
) -> Result<(), serde_json::Error> {
    use serde_json::value::RawValue;
    let text = raw.get();
    match text.as_bytes().first() {
        Some(b'{') => {
            let members: std::collections::BTreeMap<String, &RawValue> =
                serde_json::from_str(text)?;
            out.push('{');
            for (i, (name, value)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(name)?);
                out.push(':');
                canonical_into(value, out)?;
            }
            out.push('}');
        }
        Some(b'[') => {
            let items: Vec<&RawValue> = serde_json::from_str(text)?;
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical_into(item, out)?;
            }
            out.push(']');
        }
        Some(b'"') => out.push_str(&serde_json::to_string(&serde_json::from_str::<String>(text)?)?),
        // Numbers as written; `true`, `false` and `null` have one spelling.
        _ => out.push_str(text),
    }
    Ok(())
}

/// Where two texts first differ, with some context of each: for failure messages.
pub fn first_difference(expected: &str, got: &str) -> String {
    let at = expected.bytes().zip(got.bytes()).take_while(|(a, b)| a == b).count();
    let around = |s: &str| {
        let start = (0..=at.saturating_sub(40)).rev().find(|i| s.is_char_boundary(*i)).unwrap_or(0);
        let end = (at + 40..=s.len()).find(|i| s.is_char_boundary(*i)).unwrap_or(s.len());
        s.get(start..end.min(s.len())).unwrap_or_default().to_owned()
    };
    format!("at byte {at}: expected `{}`, written `{}`", around(expected), around(got))
}

/// A SchemaStore schema, with its labelled instances.
pub struct Schema {
    /// The folder name.
    pub name: String,
    /// The Rust module it generates into.
    pub module: String,
    /// Its labelled instances, `valid/` then `invalid/`, each in file name order.
    pub instances: Vec<Instance>,
    /// The SchemaStore files beside `schema.json` that its `$ref`s name (by URL, or
    /// relative to its `$id`), sorted.
    pub siblings: Vec<String>,
}

/// A labelled instance of a SchemaStore schema.
pub struct Instance {
    /// The file's name.
    pub file: String,
    /// Its text, as written.
    pub text: String,
    /// Its value.
    pub value: serde_json::Value,
    /// Whether SchemaStore lists it as valid.
    pub valid: bool,
}

fn instances(dir: &std::path::Path, valid: bool, out: &mut Vec<Instance>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<std::path::PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let value: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        out.push(Instance { file, text, value, valid });
    }
}

/// Every schema of SchemaStore's folder, in name order.
pub fn schemastore_schemas(root: &std::path::Path) -> Vec<Schema> {
    let mut names: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let mut list = Vec::new();
            instances(&root.join(&name).join("valid"), true, &mut list);
            instances(&root.join(&name).join("invalid"), false, &mut list);
            let module = format!(
                "s_{}",
                name.replace(|c: char| !c.is_ascii_alphanumeric(), "_").to_ascii_lowercase()
            );
            let mut siblings: Vec<String> = std::fs::read_dir(root.join(&name))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|f| f.ends_with(".json") && f != "schema.json")
                .collect();
            siblings.sort();
            Schema { name, module, instances: list, siblings }
        })
        .collect()
}

/// The schemas of SchemaStore's folder that are one file, in name order.
pub fn single_file_schemas(root: &std::path::Path) -> Vec<Schema> {
    schemastore_schemas(root).into_iter().filter(|s| s.siblings.is_empty()).collect()
}

/// A builder of one crate from `schemas` of the SchemaStore folder `root`, each a module
/// whose root is `Root`, with formats asserted as SchemaStore's CI asserts them. A
/// sibling file is read for its `https://json.schemastore.org/` URL, as `--remote`
/// would read it (siblings of the same name are the same file).
pub fn schemastore_builder(
    crate_name: &str,
    root: &std::path::Path,
    schemas: &[&Schema],
) -> schemagen::Builder {
    schemas.iter().fold(schemagen::Builder::new(crate_name, root), |b, s| {
        let b = s.siblings.iter().fold(b, |b, file| {
            b.remote(&format!("https://json.schemastore.org/{file}"), format!("{}/{file}", s.name))
        });
        b.document(
            schemagen::DocumentConfig::new(format!("{}/schema.json", s.name))
                .module(&s.module)
                .root("Root")
                .format_assertion(true)
                .unknown_enum_values(schemagen::UnknownEnumValues::Reject),
        )
    })
}
