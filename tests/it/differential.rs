//! Differential test: schemas drawn from a grammar over the keywords the typed lowering
//! and the generated checks handle, and instances drawn for them; the verdict of the
//! generated type + `validate()` must equal the jsonschema crate's on every instance.
//! All schemas are modules of one scratch crate, built once.
//!
//! CI runs a bounded pass. A long run:
//! `SCHEMAGEN_DIFF_SCHEMAS=2000 SCHEMAGEN_DIFF_SEED=7 cargo test --release --test it differential:: -- --nocapture`.
//! A disagreement is a bug: fix it and add the schema and instance to `regressions()`.

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config as RunnerConfig, RngAlgorithm, TestRng, TestRunner};
use schemagen::{generate, Builder, DocumentConfig, UnknownEnumValues};
use serde_json::{json, Map, Value};

const NAMES: &[&str] = &["a", "b", "c", "x-1"];

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        prop::sample::select(vec![-2i64, 0, 1, 3, 10]).prop_map(Value::from),
        prop::sample::select(vec![-0.5f64, 1.0, 2.5]).prop_map(Value::from),
        prop::sample::select(vec!["", "a", "ab", "abc", "x-1", "2024-01-01"]).prop_map(Value::from),
    ]
}

/// JSON instances over a small alphabet, so that drawn schemas and values meet.
fn instance() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(NAMES.to_vec()).prop_map(str::to_owned),
                inner,
                0..4
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn type_name() -> impl Strategy<Value = Value> {
    prop::sample::select(vec!["null", "boolean", "integer", "number", "string", "array", "object"])
        .prop_map(Value::from)
}

/// One keyword (or a coupled group) with leaf values; `sub` draws subschemas.
fn keyword(sub: BoxedStrategy<Value>) -> impl Strategy<Value = Map<String, Value>> {
    let one = |k: &'static str, v: BoxedStrategy<Value>| {
        v.prop_map(move |v| Map::from_iter([(k.to_owned(), v)]))
    };
    let count = || (0u64..4).prop_map(Value::from).boxed();
    let names = || prop::sample::subsequence(NAMES.to_vec(), 1..3).prop_map(|n| json!(n)).boxed();
    prop_oneof![
        4 => one("type", type_name().boxed()),
        1 => one("type", prop::collection::vec(type_name(), 1..3).prop_map(Value::Array).boxed()),
        1 => one("enum", prop::collection::vec(scalar(), 1..4).prop_map(Value::Array).boxed()),
        1 => one("const", scalar().boxed()),
        1 => one("minimum", prop::sample::select(vec![0i64, 1, 2]).prop_map(Value::from).boxed()),
        1 => one("exclusiveMaximum", prop::sample::select(vec![1.0f64, 3.0]).prop_map(Value::from).boxed()),
        1 => one("multipleOf", prop::sample::select(vec![0.5f64, 2.0]).prop_map(Value::from).boxed()),
        1 => one("minLength", count()),
        1 => one("maxLength", count()),
        1 => one("pattern", prop::sample::select(vec!["^a", "b$", "^x-"]).prop_map(Value::from).boxed()),
        1 => one("minItems", count()),
        1 => one("maxItems", count()),
        1 => one("uniqueItems", Just(Value::Bool(true)).boxed()),
        2 => one("items", sub.clone()),
        1 => one("prefixItems", prop::collection::vec(sub.clone(), 1..3).prop_map(Value::Array).boxed()),
        1 => one("contains", sub.clone()),
        1 => (sub.clone(), 0u64..3).prop_map(|(s, n)| Map::from_iter([("contains".to_owned(), s), ("minContains".to_owned(), json!(n))])),
        3 => one("properties", prop::collection::btree_map(prop::sample::select(NAMES.to_vec()).prop_map(str::to_owned), sub.clone(), 1..3).prop_map(|m| Value::Object(m.into_iter().collect())).boxed()),
        2 => one("required", names()),
        1 => one("additionalProperties", sub.clone()),
        1 => one("patternProperties", sub.clone().prop_map(|s| json!({ "^x-": s })).boxed()),
        1 => one("propertyNames", sub.clone()),
        1 => one("minProperties", count()),
        1 => one("maxProperties", count()),
        1 => (prop::sample::select(NAMES.to_vec()), names()).prop_map(|(k, n)| Map::from_iter([("dependentRequired".to_owned(), json!({ k: n }))])),
        1 => (prop::sample::select(NAMES.to_vec()), sub.clone()).prop_map(|(k, s)| Map::from_iter([("dependentSchemas".to_owned(), json!({ k: s }))])),
        1 => one("allOf", prop::collection::vec(sub.clone(), 1..3).prop_map(Value::Array).boxed()),
        2 => one("anyOf", prop::collection::vec(sub.clone(), 1..4).prop_map(Value::Array).boxed()),
        2 => one("oneOf", prop::collection::vec(sub.clone(), 1..4).prop_map(Value::Array).boxed()),
        1 => one("not", sub.clone()),
        1 => (sub.clone(), sub.clone(), sub.clone()).prop_map(|(i, t, e)| Map::from_iter([("if".to_owned(), i), ("then".to_owned(), t), ("else".to_owned(), e)])),
        1 => one("$ref", Just(Value::from("#/$defs/shared")).boxed()),
    ]
}

fn schema_object(sub: BoxedStrategy<Value>) -> impl Strategy<Value = Value> {
    prop::collection::vec(keyword(sub), 1..4)
        .prop_map(|parts| Value::Object(parts.into_iter().flatten().collect()))
}

fn schema() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        1 => any::<bool>().prop_map(Value::Bool),
        6 => keyword(Just(json!({})).boxed()).prop_map(Value::Object),
    ];
    let tree = leaf.prop_recursive(3, 16, 3, |inner| schema_object(inner.boxed()).boxed());
    // Every document defines the `$ref` target; it may refer to itself through a property.
    (
        tree,
        schema_object(
            Just(
                json!({ "type": "object", "properties": { "next": { "$ref": "#/$defs/shared" } } }),
            )
            .boxed(),
        ),
    )
        .prop_map(|(mut root, shared)| {
            if let Value::Object(o) = &mut root {
                o.insert("$defs".to_owned(), json!({ "shared": shared }));
            }
            root
        })
}

/// Schemas and instances that once disagreed, kept as regression cases.
fn regressions() -> Vec<(Value, Vec<Value>)> {
    vec![
        // A `$ref` cycle through a single-branch `allOf` (no named type of its own).
        (
            json!({ "$ref": "#/$defs/s", "$defs": { "s": { "allOf": [{ "type": "object", "properties": { "next": { "$ref": "#/$defs/s" } } }] } } }),
            vec![json!({ "next": { "next": {} } }), json!({ "next": 1 })],
        ),
        // A `$ref` to itself beside other keywords: a loop that never descends.
        (
            json!({ "$ref": "#/$defs/s", "$defs": { "s": { "$ref": "#/$defs/s", "dependentRequired": { "a": ["b"] } } } }),
            vec![json!({ "a": 1 }), json!({ "a": 1, "b": 2 })],
        ),
        // A `oneOf` of overlapping branches with a whole-schema check of its own.
        (
            json!({ "oneOf": [{ "type": "object" }, { "required": ["a"] }], "minProperties": 1 }),
            vec![json!({ "a": 1 }), json!({ "b": 1 }), json!({})],
        ),
        // A typed part whose `oneOf` union is untyped again (recursive, overlapping).
        (
            json!({ "$ref": "#/$defs/s", "$defs": { "s": { "dependentSchemas": { "c": { "type": "object" } }, "oneOf": [{ "type": "object", "properties": { "next": { "$ref": "#/$defs/s" } } }, { "type": "object", "properties": { "next": { "$ref": "#/$defs/s" } } }] } } }),
            vec![json!({}), json!({ "next": 1 })],
        ),
        // A root `enum` that lists `null`.
        (json!({ "enum": [null, "x-1"] }), vec![json!(null), json!("x-1"), json!("a")]),
        // A oneOf branch that accepts `null` besides a `type: null` branch.
        (
            json!({ "oneOf": [{ "type": "null" }, { "not": { "type": "string" } }] }),
            vec![json!(null), json!(1), json!("a")],
        ),
        // An `$anchor` inside `enum` data names nothing.
        (
            json!({ "$defs": { "e": { "enum": [{ "$anchor": "x" }] }, "s": { "$anchor": "x", "type": "string" } }, "anyOf": [{ "$ref": "#/$defs/e" }, { "$ref": "#x" }] }),
            vec![json!("a"), json!(1)],
        ),
    ]
}

/// The drafts drawn schemas are written in (before 2019-09 `$ref` overrides its
/// siblings, `dependentRequired`, `prefixItems` and `minContains` annotate, `$defs` is
/// reached by pointer alone; draft-04 has no `const`, `contains`, `propertyNames` or
/// `if`, and its meta-schema refuses a numeric `exclusiveMaximum`).
const DRAFTS: &[&str] = &[
    "https://json-schema.org/draft/2020-12/schema",
    "http://json-schema.org/draft-07/schema#",
    "https://json-schema.org/draft/2019-09/schema",
    "http://json-schema.org/draft-04/schema#",
];

fn with_draft(mut schema: Value, draft: &str) -> Value {
    if let Some(o) = schema.as_object_mut() {
        o.insert("$schema".to_owned(), json!(draft));
    }
    schema
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[test]
fn generated_verdicts_equal_the_jsonschema_crate() {
    let (count, seed) =
        (env_usize("SCHEMAGEN_DIFF_SCHEMAS", 150), env_usize("SCHEMAGEN_DIFF_SEED", 1) as u8);
    let mut runner = TestRunner::new_with_rng(
        RunnerConfig::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[seed; 32]),
    );
    let mut draw = |s: &BoxedStrategy<Value>| s.new_tree(&mut runner).unwrap().current();
    let (schemas, instances) = (schema().boxed(), instance().boxed());
    let mut groups: Vec<(Value, Vec<Value>)> =
        regressions().into_iter().map(|(s, cases)| (with_draft(s, DRAFTS[0]), cases)).collect();
    for i in 0..count {
        // Drawn schemas cycle through the drafts, each read as its `$schema` says.
        let s = with_draft(draw(&schemas), DRAFTS[i % DRAFTS.len()]);
        groups.push((s, (0..12).map(|_| draw(&instances)).collect()));
    }
    for (_, cases) in &mut groups {
        cases.extend([json!({}), json!([]), json!(null)]);
    }
    let document = |i: usize, s: &Value| {
        let mut d = DocumentConfig::new(format!("d{i}.json"))
            .module(&format!("d{i}"))
            .root("Root")
            .unknown_enum_values(UnknownEnumValues::Reject);
        d.inline = Some(s.clone());
        d
    };
    let config = |docs: Vec<DocumentConfig>| {
        docs.into_iter()
            .fold(Builder::new("diff", std::env::temp_dir()), Builder::document)
            .config()
            .clone()
    };

    // Each alone: the generator accepts exactly the schemas the meta-schema accepts
    // (the grammar draws some invalid ones, such as `type: ["null", "null"]`).
    let (mut typed, mut no_validator, mut invalid) = (0, 0, 0);
    let mut valid_groups = Vec::new();
    for (i, (s, cases)) in groups.into_iter().enumerate() {
        let result = generate(&config(vec![document(i, &s)]));
        if !jsonschema::meta::is_valid(&s) {
            assert!(result.is_err(), "an invalid schema was accepted: {s}");
            invalid += 1;
            continue;
        }
        valid_groups.push((s, cases));
    }
    let groups = valid_groups;
    for (i, (s, _)) in groups.iter().enumerate() {
        let g = generate(&config(vec![document(i, s)]))
            .unwrap_or_else(|d| panic!("schema {i} refused: {s}\n{d}"));
        typed += usize::from(g.stats.kept_as_json == 0 && g.stats.embedded_checks == 0);
        no_validator += usize::from(g.stats.embedded_checks == 0);
    }
    let generated =
        generate(&config(groups.iter().enumerate().map(|(i, (s, _))| document(i, s)).collect()))
            .unwrap_or_else(|d| panic!("{d}"));
    let roots: Vec<String> = (0..groups.len()).map(|i| format!("diff::d{i}::Root")).collect();
    let cases: Vec<Vec<&Value>> = groups.iter().map(|(_, c)| c.iter().collect()).collect();
    let results =
        test_support::verdicts("schemagen-differential", &generated.files, &roots, &cases, false);

    let mut disagreements = Vec::new();
    let mut total = 0;
    for ((s, data), verdicts) in groups.iter().zip(&results) {
        let validator =
            jsonschema::validator_for(s).unwrap_or_else(|e| panic!("jsonschema refuses {s}: {e}"));
        for (v, got) in data.iter().zip(verdicts) {
            total += 1;
            let expected = validator.is_valid(v);
            if *got != Some(expected) {
                disagreements.push(format!(
                    "schema {s}\n  instance {v}: jsonschema {expected}, generated {got:?}"
                ));
            }
        }
    }
    println!("\n{} schemas ({invalid} more drawn invalid, refused), {total} instances (seed {seed}): {} disagreements", groups.len(), disagreements.len());
    println!("schemas checked without the embedded validator: {no_validator}/{}; fully typed (nothing kept as JSON): {typed}/{}", groups.len(), groups.len());
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
    assert!(
        no_validator * 100 >= groups.len() * 95,
        "only {no_validator} of {} schemas avoid the embedded validator",
        groups.len()
    );
}
