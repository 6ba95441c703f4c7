//! The official JSON Schema Test Suite (drafts 2020-12, 2019-09 and 7), judged by the
//! rule: an instance is valid if and only if it deserializes into the generated root type
//! and `validate()` returns Ok. Each folder's groups are generated through the library
//! into one scratch crate (the folder's draft set as the documents' `draft`, since the
//! suite's schemas need not carry `$schema`), compiled, and every case is run. Failures
//! must match the folder's `tests/conformance/expected-failures*.txt` exactly, so each
//! list only shrinks; run with `SCHEMAGEN_BLESS=1` to rewrite them after a change.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use schemagen::{generate, Config};
use schemagen::{CrateConfig, DocumentConfig, Draft, UnknownEnumValues};
use serde_json::Value;

struct Group {
    file: String,
    index: usize,
    optional: bool,
    schema: Value,
    cases: Vec<(String, Value, bool)>,
}

impl Group {
    fn keyword(&self) -> String {
        let stem = self.file.trim_end_matches(".json");
        if self.optional {
            format!("optional/{}", stem.trim_start_matches("optional/"))
        } else {
            stem.to_owned()
        }
    }
}

fn load_groups(dir: &Path, rel: &str, optional: bool, out: &mut Vec<Group>) {
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir.join(rel)).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let rel_name = if rel.is_empty() { name.clone() } else { format!("{rel}/{name}") };
        if path.is_dir() {
            if rel.is_empty() && name == "optional" || !rel.is_empty() {
                load_groups(dir, &rel_name, true, out);
            }
            continue;
        }
        let groups: Vec<Value> =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for (index, g) in groups.into_iter().enumerate() {
            let cases = g["tests"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| {
                    (
                        t["description"].as_str().unwrap().to_owned(),
                        t["data"].clone(),
                        t["valid"].as_bool().unwrap(),
                    )
                })
                .collect();
            out.push(Group {
                file: rel_name.clone(),
                index,
                optional,
                schema: g["schema"].clone(),
                cases,
            });
        }
    }
}

/// Formats assert in the optional format groups, as those tests expect; elsewhere they
/// annotate, as the specification says.
/// Group `i`'s document. Draft-07's groups name their draft by `$schema`, as a user's
/// files do (so the remotes they reach, which name none, must read as their referrer);
/// the others by the `draft` setting.
fn document(i: usize, g: &Group, draft: Draft) -> DocumentConfig {
    let mut schema = g.schema.clone();
    let mut configured = Some(draft);
    if let (Draft::Draft7, Some(o)) = (draft, schema.as_object_mut()) {
        o.entry("$schema").or_insert_with(|| draft.meta_schema().into());
        configured = None;
    }
    DocumentConfig {
        module: Some(format!("g{i}")),
        path: PathBuf::from(format!("g{i}.json")),
        root: Some("Root".to_owned()),
        unknown_enum_values: UnknownEnumValues::Reject,
        rename: BTreeMap::new(),
        format_assertion: g.file.starts_with("optional/format/")
            || g.file == "optional/format-assertion.json",
        crate_formats: false,
        operations: true,
        draft: configured,
        // The suite tests reading and validation: builders would only add build time.
        builders: false,
        derives: Vec::new(),
        replace: BTreeMap::new(),
        inline: Some(schema),
    }
}

/// The suite's remotes are served from its `remotes/` folder, never from the network.
fn config(suite_root: &Path, documents: Vec<DocumentConfig>) -> Config {
    Config {
        schema_root: suite_root.to_path_buf(),
        remotes: [("http://localhost:1234/".to_owned(), PathBuf::from("remotes"))]
            .into_iter()
            .collect(),
        krate: CrateConfig::named("suite"),
        documents,
        mappings: Vec::new(),
    }
}

/// The peer: the jsonschema crate validating `serde_json::Value`s directly, with the same
/// remotes and format setting. Returns (passed, failed) for required and optional cases.
fn jsonschema_crate(
    suite_root: &Path,
    folder: &str,
    draft: jsonschema::Draft,
    groups: &[Group],
) -> ((usize, usize), (usize, usize)) {
    let remotes_dir = suite_root.join("remotes");
    let mut remotes = Vec::new();
    let mut stack = vec![remotes_dir.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                let rel =
                    path.strip_prefix(&remotes_dir).unwrap().to_string_lossy().replace('\\', "/");
                // Remotes of other drafts use meta-schemas this registry does not know.
                let other_draft = (rel.starts_with("draft") || rel.starts_with("v1"))
                    && !rel.starts_with(&format!("{folder}/"));
                if other_draft {
                    continue;
                }
                let value: Value =
                    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
                remotes.push((format!("http://localhost:1234/{rel}"), value));
            }
        }
    }
    let (mut required, mut optional) = ((0, 0), (0, 0));
    for g in groups {
        let formats =
            g.file.starts_with("optional/format/") || g.file == "optional/format-assertion.json";
        let mut builder = jsonschema::Registry::new();
        for (url, value) in &remotes {
            builder = builder.add(url, value.clone()).unwrap();
        }
        let validator = builder.prepare().map_err(|e| e.to_string()).and_then(|registry| {
            jsonschema::options()
                .with_draft(draft)
                .with_registry(&registry)
                .should_validate_formats(formats)
                .build(&g.schema)
                .map_err(|e| e.to_string())
        });
        let bucket = if g.optional { &mut optional } else { &mut required };
        for (_, data, valid) in &g.cases {
            let ok = validator.as_ref().is_ok_and(|v| v.is_valid(data) == *valid);
            if ok {
                bucket.0 += 1
            } else {
                bucket.1 += 1
            }
        }
    }
    (required, optional)
}

/// The peer generator: typify, on the same schemas. It only generates types (no
/// validation), so what is measured is whether it produces code at all.
/// Returns (generated, refused, panicked) over the required groups.
fn typify_generates(groups: &[Group]) -> (usize, usize, usize) {
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut counts = (0, 0, 0);
    for g in groups.iter().filter(|g| !g.optional) {
        let schema = g.schema.clone();
        let outcome = std::panic::catch_unwind(move || -> Result<(), String> {
            let root: schemars08::schema::RootSchema =
                serde_json::from_value(schema).map_err(|e| e.to_string())?;
            let mut space = typify::TypeSpace::new(&typify::TypeSpaceSettings::default());
            space.add_root_schema(root).map_err(|e| e.to_string())?;
            let _ = space.to_stream();
            Ok(())
        });
        match outcome {
            Ok(Ok(())) => counts.0 += 1,
            Ok(Err(_)) => counts.1 += 1,
            Err(_) => counts.2 += 1,
        }
    }
    std::panic::set_hook(quiet);
    counts
}

#[test]
fn json_schema_test_suite() {
    suite(
        "draft2020-12",
        Draft::Draft2020,
        jsonschema::Draft::Draft202012,
        "expected-failures.txt",
        MIN_2020,
    );
}

#[test]
fn json_schema_test_suite_2019_09() {
    suite(
        "draft2019-09",
        Draft::Draft2019,
        jsonschema::Draft::Draft201909,
        "expected-failures-2019-09.txt",
        MIN_2019,
    );
}

#[test]
fn json_schema_test_suite_draft7() {
    suite(
        "draft7",
        Draft::Draft7,
        jsonschema::Draft::Draft7,
        "expected-failures-draft7.txt",
        MIN_DRAFT7,
    );
}

const MIN_2020: usize = 379;
const MIN_2019: usize = 368;
const MIN_DRAFT7: usize = 250;

/// Runs one folder of the suite; `min_typed` is the fewest required groups whose crate
/// may need the embedded validator no more (a regression moves checks back to it).
fn suite(folder: &str, draft: Draft, peer_draft: jsonschema::Draft, list: &str, min_typed: usize) {
    let Some(corpus) = test_support::corpus() else { return };
    let suite_root = corpus.join("json-schema-test-suite");
    let suite_dir = suite_root.join("tests").join(folder);
    let mut groups = Vec::new();
    load_groups(&suite_dir, "", false, &mut groups);

    // Generate each group alone first: a group the generator refuses fails all its cases.
    let mut refused: BTreeMap<usize, String> = BTreeMap::new();
    let mut accepted = Vec::new();
    let mut typed = vec![false; groups.len()];
    for (i, g) in groups.iter().enumerate() {
        match generate(&config(&suite_root, vec![document(i, g, draft)])) {
            Ok(generated) => {
                // Checked by generated code alone, as the model's census says.
                typed[i] = generated.stats.embedded_checks == 0;
                // What keeps a group on the embedded validator, on request.
                if !typed[i] && std::env::var_os("SCHEMAGEN_SHOW_EMBEDDED").is_some() {
                    let why: Vec<String> =
                        generated.warnings.iter().map(|d| d.message.clone()).collect();
                    println!("embedded {}#{}: {}", g.file, g.index, why.join(" | "));
                }
                accepted.push(i);
            }
            Err(d) => {
                let first = d
                    .iter()
                    .find(|d| d.severity == schemagen::Severity::Error)
                    .map(|d| d.message.clone());
                refused.insert(i, first.unwrap_or_default());
            }
        }
    }
    let generated = generate(&config(
        &suite_root,
        accepted.iter().map(|&i| document(i, &groups[i], draft)).collect(),
    ))
    .unwrap_or_else(|d| panic!("groups that generate alone fail together:\n{d}"));

    let index: BTreeMap<String, String> = serde_json::from_str(
        &generated.files.iter().find(|f| f.path == "schemas.json").unwrap().contents,
    )
    .unwrap();
    let roots: Vec<String> =
        accepted.iter().map(|i| index[&format!("g{i}.json#")].clone()).collect();
    let cases: Vec<Vec<&Value>> =
        accepted.iter().map(|&i| groups[i].cases.iter().map(|c| &c.1).collect()).collect();
    let results = test_support::verdicts(
        &format!("schemagen-conformance-{folder}"),
        &generated.files,
        &roots,
        &cases,
        false,
    );

    // Judge every case.
    let mut failures: BTreeMap<String, String> = BTreeMap::new();
    let mut table: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut typed_groups: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (i, g) in groups.iter().enumerate() {
        let row = typed_groups.entry(g.keyword()).or_default();
        row.0 += usize::from(typed[i]);
        row.1 += 1;
    }
    let verdicts: BTreeMap<usize, &Vec<Option<bool>>> =
        accepted.iter().copied().zip(results.iter()).collect();
    let (mut passed, mut failed, mut opt_passed, mut opt_failed) = (0, 0, 0, 0);
    for (i, g) in groups.iter().enumerate() {
        for (c, (_, _, valid)) in g.cases.iter().enumerate() {
            let reason = match (refused.get(&i), verdicts.get(&i).map(|v| v[c])) {
                (Some(why), _) => Some(format!("refused: {why}")),
                (None, Some(None)) => Some("panicked".to_owned()),
                (None, Some(Some(got))) if got == *valid => None,
                (None, Some(Some(_))) if *valid => Some("valid instance rejected".to_owned()),
                (None, _) => Some("invalid instance accepted".to_owned()),
            };
            let row = table.entry(g.keyword()).or_default();
            let ok = reason.is_none();
            if ok {
                row.0 += 1
            } else {
                row.1 += 1
            }
            match (g.optional, ok) {
                (false, true) => passed += 1,
                (false, false) => failed += 1,
                (true, true) => opt_passed += 1,
                (true, false) => opt_failed += 1,
            }
            match (reason, g.optional) {
                (Some(reason), false) => {
                    failures.insert(format!("{}#{}/{}", g.file, g.index, c), reason);
                }
                (Some(reason), true) => {
                    println!("optional case fails: {}#{}/{c}: {reason}", g.file, g.index)
                }
                (None, _) => {}
            }
        }
    }
    println!("\n{:<40} {:>6} {:>6} {:>13}", "keyword (file)", "passed", "failed", "no validator");
    for (keyword, (p, f)) in &table {
        let (t, n) = typed_groups[keyword];
        println!("{keyword:<40} {p:>6} {f:>6} {:>13}", format!("{t}/{n}"));
    }
    let (t, n) = groups
        .iter()
        .enumerate()
        .filter(|(_, g)| !g.optional)
        .fold((0, 0), |(t, n), (i, _)| (t + usize::from(typed[i]), n + 1));
    println!("\n{folder}: required groups checked without the embedded validator (from the census): {t}/{n}");
    assert!(
        t >= min_typed,
        "only {t} of {n} required groups are checked without the embedded validator"
    );
    let (peer_required, peer_optional) = jsonschema_crate(&suite_root, folder, peer_draft, &groups);
    println!("\nthe jsonschema crate on serde_json::Value, same cases and remotes, in this run:");
    println!(
        "  required {}/{}, optional {}/{}",
        peer_required.0,
        peer_required.0 + peer_required.1,
        peer_optional.0,
        peer_optional.0 + peer_optional.1
    );
    let (typified, typify_refused, typify_panicked) = typify_generates(&groups);
    println!("typify 0.8 on the same required schemas: generates code for {typified}, refuses {typify_refused}, panics on {typify_panicked}");
    println!("\n{folder} optional: {opt_passed} passed, {opt_failed} failed");
    println!("{folder} required: {passed} passed, {failed} failed");

    let list_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance").join(list);
    let header = format!("# Required JSON Schema Test Suite cases ({folder}) that fail today: `file#group/case<TAB>reason`.\n# Regenerate with SCHEMAGEN_BLESS=1 cargo test --test it conformance::; the list may only shrink.\n");
    test_support::expected_failures(&list_path, &header, &failures);
}
