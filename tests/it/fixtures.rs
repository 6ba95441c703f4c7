//! The real Stripe fixtures: deserialize, validate, round-trip exactly, and map to the
//! OpenMeter result as the real system does.

use billing_types::openmeter::BillingAppStripeCreateCustomerPortalSessionResult as PortalResult;
use billing_types::stripe::{
    BillingPortalConfiguration, BillingPortalSession, BillingPortalSessionLocale,
};
use billing_types::{Expandable, Validate};
use serde_json::{json, Value};

const CURRENT: &str = "fixtures3.2026-08-21.json";

/// Deserializes, validates and re-serializes; the JSON must come back unchanged.
fn round_trip(fixture: &Value) -> BillingPortalSession {
    let session: BillingPortalSession =
        serde_json::from_value(fixture.clone()).expect("fixture deserializes");
    if let Err(errors) = session.validate() {
        panic!("fixture does not validate:\n{errors}");
    }
    let back = serde_json::to_value(&session).expect("serializes");
    assert_eq!(back, *fixture, "serialize(deserialize(x)) != x");
    session
}

/// Reads a fixture's text as `T`, validates it and writes it back: the text must come
/// back as written (numbers as spelled; whitespace, member order and escapes aside).
fn text_round_trip<T>(file: &str, resource: &str)
where
    T: serde::de::DeserializeOwned + serde::Serialize + Validate,
{
    let Some(text) = test_support::stripe_fixture_text(file, resource) else { return };
    let value: T = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{resource}: {e}"));
    value.validate().unwrap_or_else(|e| panic!("{resource} does not validate:\n{e}"));
    let written = serde_json::to_string(&value).unwrap();
    let (expected, got) = (
        test_support::canonical_json(&text).unwrap(),
        test_support::canonical_json(&written).unwrap(),
    );
    assert!(
        got == expected,
        "{file} {resource}: {}",
        test_support::first_difference(&expected, &got)
    );
}

#[test]
fn billing_fixtures_are_written_back_as_their_text() {
    for file in [CURRENT, "fixtures3.2022-04-12.json"] {
        text_round_trip::<BillingPortalSession>(file, "billing_portal.session");
        text_round_trip::<BillingPortalConfiguration>(file, "billing_portal.configuration");
    }
}

fn session_fixture() -> Option<Value> {
    test_support::stripe_fixture(CURRENT, "billing_portal.session")
}

#[test]
fn current_session_fixture_round_trips_and_maps() {
    let Some(fixture) = session_fixture() else { return };
    let session = round_trip(&fixture);
    // Explicit nulls survive as `Some(None)`, absent fields as `None`.
    assert_eq!(session.locale, Some(None));
    assert_eq!(session.customer_account, Some(None));
    let flow = session.flow.as_ref().and_then(Option::as_ref).expect("flow is set");
    let items =
        &flow.subscription_update_confirm.as_ref().and_then(Option::as_ref).expect("confirm").items;
    assert_eq!(items[0].quantity, None);
    assert_eq!(items[0].price, Some(None));

    let result = PortalResult::try_from(&session).expect("maps");
    assert_eq!(
        serde_json::to_value(&result).unwrap(),
        json!({
            "id": "bps_1Pgc7HB7WZ01zgkWNs8s9Auh",
            "stripe_customer_id": "cus_QXg1o8vcGmoR32",
            "configuration_id": "bpc_1Pgc7HB7WZ01zgkWxH2EPWRX",
            "livemode": true,
            "created_at": "2009-02-13T23:31:30Z",
            "return_url": "https://example.com/account",
            "locale": "auto",
            "url": fixture["url"],
        })
    );
    result.validate().expect("the mapped result validates");
    // By value gives the same.
    assert_eq!(PortalResult::try_from(session).unwrap(), result);
}

#[test]
fn expanded_configuration_round_trips_and_maps_to_its_id() {
    let Some(mut fixture) = session_fixture() else { return };
    let configuration =
        test_support::stripe_fixture(CURRENT, "billing_portal.configuration").unwrap();
    fixture["configuration"] = configuration.clone();
    let session = round_trip(&fixture);
    let Expandable::Object(config) = &session.configuration else {
        panic!("configuration is expanded")
    };
    // Fields newer than the schema are kept, at every level.
    assert!(config.extra.contains_key("login_page"), "login_page kept");
    assert!(config.extra.contains_key("name"), "name kept");
    assert!(config.features.subscription_update.extra.contains_key("schedule_at_period_end"));

    let result = PortalResult::try_from(&session).unwrap();
    assert_eq!(result.configuration_id, configuration["id"].as_str().unwrap());
    assert_ne!(
        result.configuration_id, "bpc_1Pgc7HB7WZ01zgkWxH2EPWRX",
        "the expanded object's id, not the old string"
    );
}

#[test]
fn older_session_fixture_round_trips() {
    let Some(fixture) =
        test_support::stripe_fixture("fixtures3.2022-04-12.json", "billing_portal.session")
    else {
        return;
    };
    let session = round_trip(&fixture);
    assert_eq!(session.flow, None, "absent, not null");
    assert_eq!(PortalResult::try_from(&session).unwrap().id, "bps_1KnYOeARuRTs9TwLz5TKowOQ");
}

#[test]
fn null_and_present_locale_and_return_url() {
    let Some(mut fixture) = session_fixture() else { return };
    fixture["return_url"] = Value::Null;
    fixture["locale"] = json!("fr-CA");
    let session = round_trip(&fixture);
    assert_eq!(session.locale, Some(Some(BillingPortalSessionLocale::FrCa)));
    let result = PortalResult::try_from(&session).unwrap();
    assert_eq!(result.return_url, "");
    assert_eq!(result.locale, "fr-CA");

    // Absent behaves as null.
    fixture.as_object_mut().unwrap().remove("return_url");
    fixture.as_object_mut().unwrap().remove("locale");
    let result = PortalResult::try_from(&round_trip(&fixture)).unwrap();
    assert_eq!((result.return_url.as_str(), result.locale.as_str()), ("", "auto"));
}

#[test]
fn unknown_locale_is_kept_valid_and_passed_through() {
    let Some(mut fixture) = session_fixture() else { return };
    fixture["locale"] = json!("tlh-KL");
    let session: BillingPortalSession =
        serde_json::from_value(fixture.clone()).expect("unknown values deserialize");
    assert_eq!(session.locale, Some(Some(BillingPortalSessionLocale::Unknown("tlh-KL".into()))));
    assert_eq!(serde_json::to_value(&session).unwrap(), fixture);
    // Stripe may add a locale after the schema was written: the session stays valid.
    session.validate().unwrap();
    assert_eq!(PortalResult::try_from(&session).unwrap().locale, "tlh-KL");
}

#[test]
fn out_of_range_created_is_a_mapping_error() {
    let Some(mut fixture) = session_fixture() else { return };
    for created in [i64::MAX, 253_402_300_800, -62_167_219_201] {
        fixture["created"] = json!(created);
        let session = round_trip(&fixture);
        let err = PortalResult::try_from(&session).unwrap_err();
        assert_eq!((err.target, err.source), ("created_at", "created"));
        assert!(err.to_string().starts_with("cannot map `created` to `created_at`: "), "{err}");
    }
    // The last second RFC 3339 can write still maps.
    fixture["created"] = json!(253_402_300_799_i64);
    let result = PortalResult::try_from(&round_trip(&fixture)).unwrap();
    assert_eq!(serde_json::to_value(result.created_at).unwrap(), json!("9999-12-31T23:59:59Z"));
}
