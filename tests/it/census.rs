//! The census over the SchemaStore corpus: value positions, those kept as JSON by
//! reason, whole-schema checks by reason, and the `if` nodes that test a property's
//! `const` or `enum` (the way real schemas write a discriminated union), typed or
//! checked for an `if`. `--nocapture` prints the tables; the assertions keep the figures
//! from getting worse.

use std::collections::BTreeMap;

use serde_json::Value;

/// The pointers of the `if` nodes under `ptr` whose condition tests a property's
/// `const` or `enum`.
fn discriminating_ifs(node: &Value, ptr: &str, out: &mut Vec<String>) {
    match node {
        Value::Object(o) => {
            let tests = o.get("if").and_then(|c| c.get("properties")).and_then(Value::as_object);
            if tests.is_some_and(|p| p.values().any(|s| s.get("const").or(s.get("enum")).is_some()))
            {
                out.push(ptr.to_owned());
            }
            for (k, v) in o {
                let k = k.replace('~', "~0").replace('/', "~1");
                discriminating_ifs(v, &format!("{ptr}/{k}"), out);
            }
        }
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, v)| discriminating_ifs(v, &format!("{ptr}/{i}"), out)),
        _ => {}
    }
}

#[test]
fn schemastore_census() {
    let Some(corpus) = test_support::corpus() else { return };
    let root = corpus.join("schemastore/schemastore");
    let schemas = test_support::schemastore_schemas(&root);
    let (mut positions, mut kept, mut checks) = (0, BTreeMap::new(), BTreeMap::new());
    let (mut ifs, mut refused) = (Vec::new(), Vec::new());
    for s in &schemas {
        let Ok(g) =
            schemagen::generate(test_support::schemastore_builder("census", &root, &[s]).config())
        else {
            // Refused schemas are real_world's to list (expected-failures.txt).
            refused.push(s.name.as_str());
            continue;
        };
        let file = g.files.iter().find(|f| f.path == "census.json").unwrap();
        let census: Value = serde_json::from_str(&file.contents).unwrap();
        positions += census["positions"].as_u64().unwrap();
        for k in census["kept_as_json"].as_array().unwrap() {
            *kept.entry(k["reason"].as_str().unwrap().to_owned()).or_insert(0) += 1;
        }
        for c in census["schema_checks"].as_array().unwrap() {
            let reason = format!("{} ({})", c["reason"].as_str().unwrap(), c["checked_by"]);
            *checks.entry(reason).or_insert(0) += 1;
        }
        let text = std::fs::read_to_string(root.join(&s.name).join("schema.json")).unwrap();
        discriminating_ifs(&serde_json::from_str(&text).unwrap(), "", &mut ifs);
    }
    let kept_total: usize = kept.values().sum();
    println!("\npositions {positions}, kept as JSON {kept_total}; not generated: {refused:?}");
    kept.iter().for_each(|(r, n)| println!("  kept  {n:>5}  {r}"));
    checks.iter().for_each(|(r, n)| println!("  check {n:>5}  {r}"));
    let by_if = |m: &BTreeMap<String, usize>| -> usize {
        m.iter().filter(|(r, _)| r.starts_with("`if`")).map(|(_, n)| n).sum()
    };
    println!(
        "`if` nodes testing a property's const/enum: {}; kept as JSON for an `if`: {}, checked for one: {}",
        ifs.len(),
        by_if(&kept),
        by_if(&checks)
    );
    assert!(positions > 4_000, "the corpus generated {positions} positions");
    assert!(ifs.len() >= 100, "found {} such `if` nodes", ifs.len());
    // What is kept as JSON only shrinks: 12 on 2026-12-03, before issue 26.
    assert!(kept_total <= 12, "{kept_total} positions kept as JSON");
}
