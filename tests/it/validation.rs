//! Validation of invalid instances: every error, with its exact pointer and keyword.
//! The instances are written here, so these tests need no corpus.

use billing_types::openmeter::BillingAppStripeCreateCustomerPortalSessionResult as PortalResult;
use billing_types::stripe::{BillingPortalSession, PortalFlowsFlowType};
use billing_types::Validate;
use serde_json::{json, Value};

fn session() -> Value {
    json!({
        "id": "bps_1",
        "object": "billing_portal.session",
        "configuration": "bpc_1",
        "created": 1_700_000_000,
        "customer": "cus_1",
        "livemode": false,
        "locale": null,
        "return_url": null,
        "url": "https://billing.example/session/1"
    })
}

fn errors_of(value: Value) -> Vec<(String, &'static str)> {
    let session: BillingPortalSession = serde_json::from_value(value).expect("deserializes");
    match session.validate() {
        Ok(()) => Vec::new(),
        Err(errors) => errors.errors().iter().map(|e| (e.pointer.clone(), e.keyword)).collect(),
    }
}

#[test]
fn a_valid_session_has_no_errors() {
    assert_eq!(errors_of(session()), []);
}

#[test]
fn max_length_counts_code_points_not_bytes() {
    let mut v = session();
    v["customer"] = json!("é".repeat(5000)); // 10,000 bytes, 5,000 code points
    assert_eq!(errors_of(v.clone()), []);
    v["customer"] = json!("é".repeat(5001));
    assert_eq!(errors_of(v), [("/customer".to_owned(), "maxLength")]);
}

#[test]
fn every_error_is_reported_with_its_pointer() {
    let long = "x".repeat(5001);
    let mut v = session();
    v["id"] = json!(long);
    // Open enums: an unlisted locale or flow type is kept and valid.
    v["locale"] = json!("xx");
    v["configuration"] = json!(long);
    v["flow"] = json!({
        "type": "mystery_flow",
        "after_completion": { "type": "redirect", "redirect": { "return_url": long } },
        "subscription_cancel": {
            "subscription": long,
            "retention": { "type": "coupon_offer", "coupon_offer": { "coupon": long } }
        },
        "subscription_update_confirm": {
            "subscription": "sub_1",
            "items": [{ "price": "price_1" }, { "id": long, "quantity": 2 }],
            "discounts": [{ "coupon": null, "promotion_code": long }]
        }
    });
    let expected = [
        ("/configuration", "maxLength"),
        ("/flow/after_completion/redirect/return_url", "maxLength"),
        ("/flow/subscription_cancel/retention/coupon_offer/coupon", "maxLength"),
        ("/flow/subscription_cancel/subscription", "maxLength"),
        ("/flow/subscription_update_confirm/discounts/0/promotion_code", "maxLength"),
        ("/flow/subscription_update_confirm/items/1/id", "maxLength"),
        ("/id", "maxLength"),
    ];
    let found = errors_of(v);
    let found: Vec<(&str, &str)> = found.iter().map(|(p, k)| (p.as_str(), *k)).collect();
    assert_eq!(found, expected);
}

#[test]
fn expanded_objects_are_validated_in_place() {
    let mut v = session();
    v["configuration"] = json!({
        "id": "bpc_1", "object": "billing_portal.configuration", "active": true,
        "business_profile": { "headline": null },
        "created": 1, "updated": 2, "is_default": false, "livemode": false,
        "metadata": { "team/a~b": "y".repeat(501) },
        "features": {
            "customer_update": { "allowed_updates": ["email", "favourite_colour"], "enabled": true },
            "invoice_history": { "enabled": true },
            "payment_method_update": { "enabled": false },
            "subscription_cancel": {
                "cancellation_reason": { "enabled": false, "options": [] },
                "enabled": false, "mode": "immediately", "proration_behavior": "none"
            },
            "subscription_update": {
                "default_allowed_updates": [], "enabled": true, "proration_behavior": "none",
                "products": [{ "product": "prod_1", "prices": ["p1", "p".repeat(5001)],
                               "adjustable_quantity": { "enabled": false, "minimum": 0 } }]
            }
        }
    });
    let found = errors_of(v);
    let found: Vec<(&str, &str)> = found.iter().map(|(p, k)| (p.as_str(), *k)).collect();
    assert_eq!(
        found,
        [
            ("/configuration/features/subscription_update/products/0/prices/1", "maxLength"),
            // `/` and `~` in keys are escaped as RFC 6901 says.
            ("/configuration/metadata/team~1a~0b", "maxLength"),
        ]
    );
}

#[test]
fn errors_display_one_line_each_with_pointer() {
    let mut v = session();
    v["customer"] = json!("c".repeat(5001));
    v["id"] = json!("i".repeat(5001));
    let session: BillingPortalSession = serde_json::from_value(v).unwrap();
    let text = session.validate().unwrap_err().to_string();
    assert_eq!(
        text,
        "/customer: 5001 characters, more than the maximum 5000 (maxLength)\n/id: 5001 characters, more than the maximum 5000 (maxLength)"
    );
}

#[test]
fn deserialization_enforces_what_the_types_guarantee() {
    let reject = |v: Value, why: &str| {
        let err = serde_json::from_value::<BillingPortalSession>(v).expect_err(why).to_string();
        assert!(!err.is_empty());
        err
    };
    // A required field is missing.
    let mut v = session();
    v.as_object_mut().unwrap().remove("url");
    assert!(reject(v, "missing url").contains("missing field `url`"));
    // A required nullable field may be null but not absent.
    let mut flow = json!({ "type": "payment_method_update", "after_completion": { "type": "portal_homepage" } });
    let mut v = session();
    v["flow"] = flow.clone();
    assert!(serde_json::from_value::<BillingPortalSession>(v).is_ok());
    flow["subscription_cancel"] = json!({ "retention": null });
    let mut v = session();
    v["flow"] = flow;
    assert!(reject(v, "subscription missing").contains("missing field `subscription`"));
    // An optional field that is not nullable must not be null.
    let mut v = session();
    v["flow"] = json!({ "type": "payment_method_update", "after_completion": { "type": "portal_homepage" },
                        "subscription_update_confirm": { "subscription": "s", "items": [{ "quantity": null }] } });
    reject(v, "null quantity");
    // Wrong JSON types.
    let mut v = session();
    v["livemode"] = json!("yes");
    reject(v, "string livemode");
}

#[test]
fn strict_result_type_rejects_unknown_fields_and_bad_dates() {
    let good = json!({
        "id": "bps_1", "stripe_customer_id": "cus_1", "configuration_id": "bpc_1", "livemode": true,
        "created_at": "2023-01-01T01:01:01.001Z", "return_url": "", "locale": "auto", "url": "https://x"
    });
    let result: PortalResult = serde_json::from_value(good.clone()).unwrap();
    assert_eq!(serde_json::to_value(&result).unwrap(), good);
    let mut extra = good.clone();
    extra["surprise"] = json!(1);
    let err = serde_json::from_value::<PortalResult>(extra).unwrap_err().to_string();
    assert!(err.contains("unknown field `surprise`"), "{err}");
    let mut bad_date = good;
    bad_date["created_at"] = json!("yesterday");
    assert!(serde_json::from_value::<PortalResult>(bad_date).is_err());
}

#[test]
fn strict_enums_reject_unknown_values_when_configured() {
    // The Stripe document keeps unknown values (response types), so they deserialize...
    let flow_type: PortalFlowsFlowType = serde_json::from_value(json!("brand_new")).unwrap();
    assert_eq!(flow_type.as_str(), "brand_new");
    assert_eq!(PortalFlowsFlowType::VALUES.len(), 4);
    // ...and listed values map to their variants.
    let listed: PortalFlowsFlowType = serde_json::from_value(json!("subscription_cancel")).unwrap();
    assert_eq!(listed, PortalFlowsFlowType::SubscriptionCancel);
    assert!(listed.validate().is_ok());
}
