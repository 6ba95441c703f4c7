//! Real configuration-file schemas from SchemaStore, with SchemaStore's own labelled
//! instances: every schema of `schemastore/` in the corpus generates (formats asserted,
//! as SchemaStore's CI asserts them; the files that multi-file schemas name read as
//! `--remote` reads them), all of them build as modules of one
//! scratch crate with warnings denied, and each `valid/` instance must deserialize and
//! validate while each `invalid/` one must not, and each instance read is written back as
//! it was (numbers as spelled; whitespace, member order and string escapes aside). Disagreements must match
//! `tests/real_world/expected-failures.txt` exactly, so the list only shrinks
//! (`SCHEMAGEN_BLESS=1` rewrites it). `--nocapture` prints one row per schema.

use std::collections::BTreeMap;
use std::path::Path;

use schemagen::generate;
use serde_json::Value;

/// Why an instance read into its type is not written back as it was (numbers spelled as
/// written; whitespace, member order and string escapes aside), if it is not.
fn written_back(text: &str, written: Option<&str>) -> Option<String> {
    let Some(written) = written else { return Some("read but not written".to_owned()) };
    let expected = test_support::canonical_json(text).unwrap();
    match test_support::canonical_json(written) {
        Ok(got) if got == expected => None,
        Ok(got) => Some(format!(
            "written back differently, {}",
            test_support::first_difference(&expected, &got)
        )),
        Err(e) => Some(format!("written back as invalid JSON: {e}")),
    }
}

fn builder(root: &Path, schemas: &[&test_support::Schema]) -> schemagen::Builder {
    test_support::schemastore_builder("real-world", root, schemas)
}

#[test]
fn schemastore_schemas_agree_with_their_labels() {
    let Some(corpus) = test_support::corpus() else { return };
    let root = corpus.join("schemastore/schemastore");
    let schemas = test_support::schemastore_schemas(&root);
    assert!(schemas.len() >= 38, "expected the 38 schemas, found {}", schemas.len());
    assert!(
        schemas.iter().filter(|s| !s.siblings.is_empty()).count() >= 5,
        "expected the 5 multi-file schemas"
    );

    // Each alone first, for its row; a schema the generator refuses fails all its instances.
    let mut refused: BTreeMap<String, String> = BTreeMap::new();
    let mut rows: BTreeMap<String, schemagen::Stats> = BTreeMap::new();
    let mut opaque_roots = Vec::new();
    for s in &schemas {
        match generate(builder(&root, &[s]).config()) {
            Ok(g) => {
                let census: Value = serde_json::from_str(
                    &g.files.iter().find(|f| f.path == "census.json").unwrap().contents,
                )
                .unwrap();
                let kept = census["kept_as_json"].as_array().unwrap();
                if kept.iter().any(|k| k["position"] == "Root") {
                    opaque_roots.push(s.name.clone());
                }
                assert_eq!(
                    kept.len(),
                    g.stats.kept_as_json,
                    "census.json and the summary disagree"
                );
                rows.insert(s.name.clone(), g.stats);
            }
            Err(d) => {
                refused.insert(
                    s.name.clone(),
                    d.iter()
                        .find(|d| d.severity == schemagen::Severity::Error)
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                );
            }
        }
    }
    let accepted: Vec<&test_support::Schema> =
        schemas.iter().filter(|s| !refused.contains_key(&s.name)).collect();
    let generated = generate(builder(&root, &accepted).config())
        .unwrap_or_else(|d| panic!("schemas that generate alone fail together:\n{d}"));

    let index: BTreeMap<String, String> = serde_json::from_str(
        &generated.files.iter().find(|f| f.path == "schemas.json").unwrap().contents,
    )
    .unwrap();
    let roots: Vec<String> =
        accepted.iter().map(|s| index[&format!("{}/schema.json#", s.name)].clone()).collect();
    // Each instance as its file is written: read, validated and written back.
    let cases: Vec<Vec<String>> =
        accepted.iter().map(|s| s.instances.iter().map(|i| i.text.clone()).collect()).collect();
    let results =
        test_support::read_back("schemagen-real-world", &generated.files, &roots, &cases, true);

    let mut failures: BTreeMap<String, String> = BTreeMap::new();
    let verdicts: BTreeMap<&str, &Vec<Option<test_support::Outcome>>> =
        accepted.iter().map(|s| s.name.as_str()).zip(results.iter()).collect();
    println!(
        "\n{:<40} {:>6} {:>9} {:>13} {:>9} {:>9}",
        "schema", "types", "positions", "kept as JSON", "embedded", "agreed"
    );
    for s in &schemas {
        let mut agreed = 0;
        for (c, instance) in s.instances.iter().enumerate() {
            let (file, valid) = (&instance.file, &instance.valid);
            let outcome = verdicts.get(s.name.as_str()).map(|v| v[c].clone());
            let reason = match (refused.get(&s.name), outcome) {
                (Some(why), _) => Some(format!("refused: {why}")),
                (None, Some(None)) => Some("panicked".to_owned()),
                (None, Some(Some(got))) if got.valid && *valid => {
                    written_back(&instance.text, got.written.as_deref())
                }
                (None, Some(Some(got))) if got.valid == *valid => None,
                (None, _) if *valid => Some("valid instance rejected".to_owned()),
                (None, _) => Some("invalid instance accepted".to_owned()),
            };
            match reason {
                None => agreed += 1,
                Some(reason) => {
                    failures.insert(
                        format!("{}/{}/{file}", s.name, if *valid { "valid" } else { "invalid" }),
                        reason,
                    );
                }
            }
        }
        let r = rows.get(&s.name).copied().unwrap_or_default();
        println!(
            "{:<40} {:>6} {:>9} {:>13} {:>9} {:>9}",
            s.name,
            r.types,
            r.positions,
            r.kept_as_json,
            r.embedded_checks,
            format!("{agreed}/{}", s.instances.len())
        );
    }
    let total: usize = schemas.iter().map(|s| s.instances.len()).sum();
    let (positions, kept): (usize, usize) =
        rows.values().fold((0, 0), |(p, k), r| (p + r.positions, k + r.kept_as_json));
    let embedded: usize = rows.values().map(|r| r.embedded_checks).sum();
    println!("\ninstances agreed: {}/{total}", total - failures.len());
    println!("positions kept as JSON: {kept}/{positions} ({:.1}%); checks by the embedded validator: {embedded}", 100.0 * kept as f64 / positions as f64);
    assert!(opaque_roots.is_empty(), "roots kept as serde_json::Value: {opaque_roots:?}");
    assert!(
        kept * 100 <= positions * 3,
        "more than 3% of positions are kept as JSON: {kept}/{positions}"
    );

    let list_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/real_world/expected-failures.txt");
    test_support::expected_failures(&list_path, "# SchemaStore instances whose verdict disagrees with their label: `schema/valid|invalid/file<TAB>reason`.\n# Regenerate with SCHEMAGEN_BLESS=1 cargo test --test it real_world::; the list may only shrink.\n", &failures);
}
