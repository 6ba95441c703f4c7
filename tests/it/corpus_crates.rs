//! The real documents at full size: Stripe's whole 2022 spec and OpenMeter's v3 API
//! generate crates that build warning-free; every Stripe fixture with a generated type
//! deserializes, validates and round-trips exactly, and every example given on an
//! OpenMeter component schema deserializes and validates. Each Stripe fixture is read from
//! its text and written back as it was (numbers as spelled; whitespace, member order and
//! string escapes aside). Both crates have their operations; the reference request of
//! `PostBillingPortalSessions` gives Stripe's form bytes.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use schemagen::{generate, Config, OutputFile};
use serde_json::value::RawValue;
use serde_json::Value;

/// The issue's reference request, built with the full spec's types: its bytes, and the
/// fields read back from them.
const STRIPE_REQUEST: &str = r#"
#[test]
fn portal_session_request_is_stripe_s_bytes() {
    use stripe_full::{PostBillingPortalSessions, PostBillingPortalSessionsBody, PostBillingPortalSessionsBodyLocale};
    let body = PostBillingPortalSessionsBody {
        configuration: None,
        customer: "cus_123".into(),
        expand: Some(vec!["customer".into(), "configuration".into()]),
        locale: Some(PostBillingPortalSessionsBodyLocale::FrCa),
        on_behalf_of: None,
        return_url: Some("https://example.com/a b?x=1&y=é".into()),
    };
    let operation = PostBillingPortalSessions { body };
    let request = operation.to_request("https://api.stripe.com/").unwrap();
    // A server (or a test double) reads the request back as it was built.
    assert_eq!(PostBillingPortalSessions::from_request(&request).unwrap(), operation);
    assert_eq!(request.uri(), "https://api.stripe.com/v1/billing_portal/sessions");
    let text = std::str::from_utf8(request.body()).unwrap();
    assert_eq!(text, "customer=cus_123&expand[0]=customer&expand[1]=configuration&locale=fr-CA&return_url=https%3A%2F%2Fexample.com%2Fa+b%3Fx%3D1%26y%3D%C3%A9");
    let fields = stripe_full::runtime::decode(request.body());
    let expected = [("customer", "cus_123"), ("expand[0]", "customer"), ("expand[1]", "configuration"), ("locale", "fr-CA"), ("return_url", "https://example.com/a b?x=1&y=é")];
    assert_eq!(fields, expected.map(|(k, v)| (k.to_owned(), v.to_owned())));
}

#[test]
fn a_list_request_with_a_union_and_deep_objects_reads_back() {
    // `created` is an object of bounds or one timestamp; `expand` a deepObject array.
    for created in [serde_json::json!({ "gt": 1, "lte": 2 }), serde_json::json!(1650000000)] {
        let list: stripe_full::GetCustomers = serde_json::from_value(serde_json::json!({
            "created": created, "email": "a+b@example.com", "expand": ["data.default_source"], "limit": 3
        })).unwrap();
        let request = list.to_request("https://api.stripe.com").unwrap();
        let query = request.uri().query().unwrap().to_owned();
        assert!(query.ends_with("&email=a%2Bb%40example.com&expand[0]=data.default_source&limit=3"), "{query}");
        assert_eq!(stripe_full::GetCustomers::from_request(&request).unwrap(), list, "{query}");
    }
}
"#;

/// The check of a value read from a `serde_json::Value`.
const CHECK: &str = r#"
use serde_json::Value;

/// Deserializes and validates `v` as `T`.
fn check<T>(v: &Value) -> Result<(), String>
where
    T: serde::de::DeserializeOwned + crate_under_test::Validate,
{
    let t: T = serde_json::from_value(v.clone()).map_err(|e| format!("does not deserialize: {e}"))?;
    t.validate().map_err(|e| format!("does not validate:\n{e}"))
}
"#;

/// The check of a value read from its text, which it writes back.
const CHECK_TEXT: &str = r#"
/// Reads `text` as `T`, validates it and writes it back, into `written`.
fn check_text<T>(text: &str, written: &mut Vec<String>) -> Result<(), String>
where
    T: serde::de::DeserializeOwned + serde::Serialize + crate_under_test::Validate,
{
    let t: T = serde_json::from_str(text).map_err(|e| format!("does not deserialize: {e}"))?;
    t.validate().map_err(|e| format!("does not validate:\n{e}"))?;
    written.push(serde_json::to_string(&t).map_err(|e| e.to_string())?);
    Ok(())
}
"#;

fn index(files: &[OutputFile]) -> BTreeMap<String, String> {
    let index = files.iter().find(|f| f.path == "schemas.json").expect("index generated");
    serde_json::from_str(&index.contents).unwrap()
}

/// A behaviour test that runs `check` on `(label, type path, JSON pointer into data)`;
/// with `written_to`, it reads the texts of data's `resources` by label instead, and
/// writes what each is written back as to that file.
fn behaviour(
    crate_ident: &str,
    data: &str,
    written_to: Option<&Path>,
    checks: &[(String, String, String)],
) -> String {
    let check = if written_to.is_some() { CHECK_TEXT } else { CHECK };
    let mut out = check.replace("crate_under_test", crate_ident);
    writeln!(out, "#[test]\nfn examples() {{").unwrap();
    writeln!(out, "    let text = std::fs::read_to_string({data:?}).unwrap();").unwrap();
    writeln!(out, "    let mut failures = Vec::new();").unwrap();
    if written_to.is_none() {
        writeln!(out, "    let data: Value = serde_json::from_str(&text).unwrap();").unwrap();
    } else {
        writeln!(out, "    let top: std::collections::BTreeMap<String, &serde_json::value::RawValue> = serde_json::from_str(&text).unwrap();").unwrap();
        writeln!(out, "    let resources: std::collections::BTreeMap<String, &serde_json::value::RawValue> = serde_json::from_str(top[\"resources\"].get()).unwrap();").unwrap();
        writeln!(out, "    let mut written = Vec::new();").unwrap();
    }
    for (label, path, pointer) in checks {
        let call = match written_to {
            Some(_) => format!("check_text::<{path}>(resources[{label:?}].get(), &mut written)"),
            None => format!("check::<{path}>(data.pointer({pointer:?}).unwrap())"),
        };
        writeln!(
            out,
            "    if let Err(e) = {call} {{ failures.push(format!(\"{{}}: {{e}}\", {label:?})); }}"
        )
        .unwrap();
    }
    if let Some(file) = written_to {
        writeln!(
            out,
            "    std::fs::write({file:?}, serde_json::to_string(&written).unwrap()).unwrap();"
        )
        .unwrap();
    }
    writeln!(out, "    assert!(failures.is_empty(), \"{{}} of {} fail:\\n{{}}\", failures.len(), failures.join(\"\\n\"));", checks.len()).unwrap();
    writeln!(out, "    println!(\"{} checked\");\n}}", checks.len()).unwrap();
    out
}

#[test]
fn full_stripe_and_openmeter_documents() {
    let Some(corpus) = test_support::corpus() else { return };

    // Stripe: every fixture whose schema has a generated type.
    let spec = corpus.join("stripe/spec3.2022-04-12.json");
    let stripe =
        generate(&Config::single(&spec, None, "stripe-full")).unwrap_or_else(|d| panic!("{d}"));
    let stripe_index = index(&stripe.files);
    // Every value is typed, so the crate needs neither an embedded schema nor the
    // runtime's jsonschema feature.
    let warnings: Vec<String> = stripe.warnings.warnings().map(ToString::to_string).collect();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(stripe.stats.kept_as_json, 0, "no Stripe value is kept as JSON");
    let lib = &stripe.files.iter().find(|f| f.path == "src/lib.rs").unwrap().contents;
    assert_eq!(lib.matches("pub fn to_request(").count(), 417, "every operation");
    assert_eq!(lib.matches("pub fn from_request<").count(), 417);
    assert_eq!(lib.matches("pub fn from_response<").count(), 417);
    // The file upload (`POST /v1/files`) is the one multipart body.
    assert_eq!(lib.matches("request.multipart(").count(), 1);
    // Every value is typed and checked by generated code; the runtime's `json-schema`
    // feature is there for the `pattern`s of the list responses' `url` (`^/v1/accounts`).
    assert_eq!(stripe.stats.embedded_checks, 0);
    let manifest = stripe.files.iter().find(|f| f.path == "Cargo.toml").unwrap();
    assert!(
        manifest.contents.contains(r#"features = ["http", "json-schema"]"#)
            && !manifest.contents.contains("chrono"),
        "{}",
        manifest.contents
    );
    let fixtures_path = corpus.join("stripe/fixtures3.2022-04-12.json");
    let fixtures: Value =
        serde_json::from_str(&std::fs::read_to_string(&fixtures_path).unwrap()).unwrap();
    let mut stripe_checks = Vec::new();
    let mut untyped = Vec::new();
    for name in fixtures["resources"].as_object().unwrap().keys() {
        let key = format!(
            "spec3.2022-04-12.json#/components/schemas/{}",
            name.replace('~', "~0").replace('/', "~1")
        );
        match stripe_index.get(&key) {
            Some(path) => {
                stripe_checks.push((name.clone(), path.clone(), format!("/resources/{name}")))
            }
            None => untyped.push(name.clone()),
        }
    }
    assert_eq!(untyped, Vec::<String>::new(), "every component schema has a type");
    assert_eq!(stripe_checks.len(), 115);
    let written_path = test_support::scratch_target().join("stripe-fixtures-written.json");
    let stripe_test = behaviour(
        "stripe_full",
        fixtures_path.to_str().unwrap(),
        Some(&written_path),
        &stripe_checks,
    ) + STRIPE_REQUEST;

    // OpenMeter: every example of a component schema.
    let api = corpus.join("openmeter/openapi.v3.yaml");
    // Formats must assert here: `BillingSubscriptionEditTiming` is `oneOf` an enum and a
    // date-time, and its example "immediate" matches both when `format` only annotates.
    let mut config = Config::single(&api, None, "openmeter-api");
    config.documents[0].format_assertion = true;
    let openmeter = generate(&config).unwrap_or_else(|d| panic!("{d}"));
    let lib = &openmeter.files.iter().find(|f| f.path == "src/lib.rs").unwrap().contents;
    assert_eq!(lib.matches("pub fn to_request(").count(), 101, "every operation");
    // Events are ingested as one of three media types: a variant each.
    assert!(lib.contains("pub enum IngestMeteringEventsBody {"));
    assert_eq!(lib.matches(".media_of(").count(), 1);
    let openmeter_index = index(&openmeter.files);
    let document: Value = serde_norway::from_str(&std::fs::read_to_string(&api).unwrap()).unwrap();
    let mut examples = serde_json::Map::new();
    let mut openmeter_checks = Vec::new();
    for (name, schema) in document["components"]["schemas"].as_object().unwrap() {
        let mut values: Vec<Value> =
            schema.get("examples").and_then(Value::as_array).cloned().unwrap_or_default();
        values.extend(schema.get("example").cloned());
        if values.is_empty() {
            continue;
        }
        let path = &openmeter_index[&format!("openapi.v3.yaml#/components/schemas/{name}")];
        for (i, _) in values.iter().enumerate() {
            openmeter_checks.push((
                format!("{name} example {i}"),
                path.clone(),
                format!("/{name}/{i}"),
            ));
        }
        examples.insert(name.clone(), Value::Array(values));
    }
    assert!(openmeter_checks.len() >= 19, "{} examples", openmeter_checks.len());

    let root = test_support::scratch_workspace(
        "schemagen-corpus",
        &[
            ("stripe".to_owned(), stripe.files, stripe_test),
            ("openmeter".to_owned(), openmeter.files, String::new()),
        ],
    );
    let examples_path = root.join("openmeter-examples.json");
    std::fs::write(&examples_path, Value::Object(examples).to_string()).unwrap();
    let openmeter_test =
        behaviour("openmeter_api", examples_path.to_str().unwrap(), None, &openmeter_checks);
    std::fs::write(root.join("openmeter/tests/behaviour.rs"), openmeter_test).unwrap();

    let output = test_support::scratch_cargo(&root, &["test", "--workspace", "--", "--nocapture"]);
    test_support::scratch_cargo(
        &root,
        &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"],
    );
    test_support::scratch_cargo(&root, &["doc", "--workspace", "--no-deps"]);
    assert!(output.contains(&format!("{} checked", stripe_checks.len())), "{output}");
    assert!(output.contains(&format!("{} checked", openmeter_checks.len())), "{output}");

    // Each Stripe fixture is written back as it was read, numbers as spelled.
    let written: Vec<String> =
        serde_json::from_str(&std::fs::read_to_string(&written_path).unwrap()).unwrap();
    let text = std::fs::read_to_string(&fixtures_path).unwrap();
    let top: BTreeMap<String, &RawValue> = serde_json::from_str(&text).unwrap();
    let resources: BTreeMap<String, &RawValue> =
        serde_json::from_str(top["resources"].get()).unwrap();
    assert_eq!(written.len(), stripe_checks.len());
    let differ: Vec<String> = stripe_checks
        .iter()
        .zip(&written)
        .filter_map(|((label, _, _), written)| {
            let expected = test_support::canonical_json(resources[label].get()).unwrap();
            let got = test_support::canonical_json(written).unwrap();
            (got != expected)
                .then(|| format!("{label}: {}", test_support::first_difference(&expected, &got)))
        })
        .collect();
    assert_eq!(differ, Vec::<String>::new(), "fixtures written back differently");
}
