//! Property tests in place of coverage-guided fuzzing (which needs a nightly toolchain):
//! arbitrary schema-shaped JSON never panics the generator, and whatever it accepts
//! renders to Rust that parses; arbitrary JSON never panics the generated
//! deserializers and validators. `PROPTEST_CASES` raises the count for longer runs.

use std::collections::BTreeMap;
use std::path::PathBuf;

use billing_types::stripe::{BillingPortalConfiguration, BillingPortalSession};
use billing_types::Validate;
use proptest::prelude::*;
use schemagen::{generate, Config};
use schemagen::{CrateConfig, DocumentConfig, UnknownEnumValues};
use serde_json::{json, Map, Value};

const KEYWORDS: &[&str] = &[
    "type",
    "properties",
    "items",
    "$ref",
    "enum",
    "anyOf",
    "allOf",
    "oneOf",
    "required",
    "additionalProperties",
    "nullable",
    "maxLength",
    "minimum",
    "exclusiveMinimum",
    "multipleOf",
    "uniqueItems",
    "x-expansionResources",
    "x-stripeBypassValidation",
    "$defs",
    "$id",
    "$anchor",
    "const",
    "format",
    "description",
    "title",
    "minItems",
    "not",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(Value::from),
        prop::sample::select(vec![
            "object",
            "array",
            "string",
            "integer",
            "number",
            "boolean",
            "null",
            "date-time",
            "unix-time",
            "#",
            "#/$defs/a",
            "#/properties/a",
            "#/components/schemas/a",
            "#a",
            "a",
            "",
            "type",
            "self",
            "*/",
            "#[x]",
            "https://example.com/x.json",
        ])
        .prop_map(Value::from),
        "[a-zA-Z0-9_ ./#~-]{0,12}".prop_map(Value::from),
    ]
}

/// JSON that looks like schemas often enough to reach deep into the generator.
fn schema_like() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(prop::sample::select(KEYWORDS.to_vec()), inner.clone(), 0..6)
                .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
            prop::collection::btree_map("[a-z]{1,3}|type|self|", inner, 0..4)
                .prop_map(|m| json!({ "type": "object", "properties": Value::Object(m.into_iter().collect::<Map<_, _>>()) })),
        ]
    })
}

fn config(document: Value) -> Config {
    Config {
        schema_root: PathBuf::from("."),
        krate: CrateConfig::named("fuzzed"),
        documents: vec![DocumentConfig {
            module: None,
            path: PathBuf::from("fuzzed.json"),
            root: Some("Root".to_owned()),
            unknown_enum_values: UnknownEnumValues::BypassOnly,
            rename: BTreeMap::new(),
            format_assertion: false,
            crate_formats: false,
            operations: true,
            draft: None,
            builders: true,
            derives: Vec::new(),
            replace: BTreeMap::new(),
            inline: Some(document),
        }],
        mappings: Vec::new(),
        remotes: BTreeMap::new(),
    }
}

fn check_generator(document: Value) {
    match generate(&config(document)) {
        Ok(generated) => {
            for f in generated.files.iter().filter(|f| f.path.ends_with(".rs")) {
                syn::parse_file(&f.contents)
                    .unwrap_or_else(|e| panic!("{} does not parse: {e}", f.path));
            }
        }
        Err(diags) => assert!(!diags.to_string().contains("internal error"), "{diags}"),
    }
}

/// `PROPTEST_CASES` when set (longer runs), else `default` (CI's bounded smoke pass).
fn cases(default: u32) -> ProptestConfig {
    let cases =
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(default);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn generator_never_panics_on_json_schema_documents(schema in schema_like()) {
        check_generator(schema);
    }

    #[test]
    fn generator_never_panics_on_openapi_documents(a in schema_like(), b in schema_like()) {
        check_generator(json!({
            "openapi": "3.0.0", "info": { "title": "t", "version": "1" }, "paths": {},
            "components": { "schemas": { "a": a, "b": b } }
        }));
    }

    #[test]
    fn generated_validators_never_panic(value in schema_like()) {
        if let Ok(session) = serde_json::from_value::<BillingPortalSession>(value.clone()) {
            let _ = session.validate();
        }
        if let Ok(configuration) = serde_json::from_value::<BillingPortalConfiguration>(value) {
            let _ = configuration.validate();
        }
    }
}

/// Mutations of a real session: random values at random fields still never panic, and
/// whatever deserializes also serializes back.
#[test]
fn mutated_sessions_never_panic() {
    let base = json!({
        "id": "bps_1", "object": "billing_portal.session", "configuration": "bpc_1",
        "created": 1, "customer": "cus_1", "livemode": false, "url": "https://x",
        "flow": { "type": "subscription_cancel", "after_completion": { "type": "redirect" },
                  "subscription_cancel": { "subscription": "sub", "retention": null } }
    });
    let fields =
        ["id", "configuration", "created", "locale", "flow", "return_url", "customer_account"];
    proptest!(cases(512), |(field in prop::sample::select(fields.to_vec()), value in schema_like())| {
        let mut v = base.clone();
        v[field] = value;
        if let Ok(session) = serde_json::from_value::<BillingPortalSession>(v) {
            let _ = session.validate();
            serde_json::to_value(&session).unwrap();
        }
    });
}

/// Deep nesting ends in a clean error, never a stack overflow.
#[test]
fn ten_thousand_levels_of_nesting_are_a_clean_error() {
    let depth = 10_000;
    let text = format!(
        "{}{}{}",
        r#"{"type":"array","items":"#.repeat(depth),
        r#"{"type":"string"}"#,
        "}".repeat(depth)
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("deep.json"), text).unwrap();
    let config = Config::single(&dir.path().join("deep.json"), Some("Deep".to_owned()), "deep");
    let err = generate(&config).unwrap_err().to_string();
    assert!(err.contains("deep.json") && err.contains("recursion limit exceeded"), "{err}");
}
