//! `schemars::JsonSchema` of the generated types (billing-types' `schemars` feature): a
//! type's schema is its source schema, every constraint kept, which another validator
//! (the jsonschema crate here) then applies as the generated `validate()` does.

use billing_types::openmeter::BillingAppStripeCreateCustomerPortalSessionResult as PortalResult;
use billing_types::stripe::BillingPortalSession;
use serde_json::{json, Value};

fn validator(schema: schemars::Schema) -> jsonschema::Validator {
    let schema = schema.to_value();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{e}: {schema:#}"))
}

#[test]
fn the_openmeter_result_s_schema_is_its_source_schema() {
    let v = validator(schemars::schema_for!(PortalResult));
    let good = json!({
        "id": "bps_1", "stripe_customer_id": "cus_1", "configuration_id": "bpc_1", "livemode": true,
        "created_at": "2023-01-01T01:01:01.001Z", "return_url": "", "locale": "auto", "url": "https://x"
    });
    assert!(v.is_valid(&good));
    for (field, value) in [
        ("surprise", json!(1)),
        ("created_at", json!("yesterday")),
        ("livemode", json!("yes")),
        ("url", Value::Null),
    ] {
        let mut bad = good.clone();
        bad[field] = value;
        assert!(!v.is_valid(&bad), "{field}");
    }
    let mut missing = good;
    missing.as_object_mut().unwrap().remove("url");
    assert!(!v.is_valid(&missing));
}

#[test]
fn stripe_s_session_schema_takes_the_real_fixture_and_its_references() {
    let schema = schemars::schema_for!(BillingPortalSession);
    // Other generated types are schemars' definitions, referred to by `$ref`.
    let text = schema.as_value().to_string();
    assert!(text.contains("\"$defs\"") && text.contains("#/$defs/"), "{text}");
    let v = validator(schema);
    let Some(fixture) =
        test_support::stripe_fixture_text("fixtures3.2026-08-21.json", "billing_portal.session")
    else {
        return;
    };
    let session: Value = serde_json::from_str(&fixture).unwrap();
    assert!(
        v.is_valid(&session),
        "{:?}",
        v.iter_errors(&session).map(|e| e.to_string()).collect::<Vec<_>>()
    );
    let mut without = session.clone();
    without.as_object_mut().unwrap().remove("customer");
    assert!(!v.is_valid(&without));
    // OpenAPI 3.0's `nullable` is read as JSON Schema's `null` type, and `maxLength` stays.
    let mut null_return = session.clone();
    null_return["return_url"] = Value::Null;
    assert!(v.is_valid(&null_return));
    let mut long = session;
    long["customer"] = json!("x".repeat(5001));
    assert!(!v.is_valid(&long));
}
