use feature_merged::{Customer, Validate};
use serde_json::json;

#[test]
fn all_of_objects_merge_into_one_struct() {
    let v = json!({ "id": "c1", "name": "Ann", "created_at": "2024-01-01T00:00:00Z", "tier": "gold" });
    let c: Customer = serde_json::from_value(v.clone()).unwrap();
    assert_eq!((c.id.as_str(), c.name.as_str()), ("c1", "Ann"));
    assert_eq!(c.extra["tier"], json!("gold"));
    assert_eq!(serde_json::to_value(&c).unwrap(), v);
    c.validate().unwrap();
    assert!(serde_json::from_value::<Customer>(json!({ "id": "c1" })).is_err(), "name is required");
    let long: Customer = serde_json::from_value(json!({ "id": "c12345", "name": "x" })).unwrap();
    assert_eq!(long.validate().unwrap_err().errors()[0].pointer, "/id");
}

#[test]
fn shared_properties_stay_exact() {
    // `shared` lists `id` in both branches: one typed field, and both constraints apply
    // (the first branch's on the string, the second's on its JSON).
    let ok: feature_merged::Shared = serde_json::from_value(json!({ "id": "ab" })).unwrap();
    assert_eq!(ok.id, "ab");
    ok.validate().unwrap();
    let short: feature_merged::Shared = serde_json::from_value(json!({ "id": "a" })).unwrap();
    assert_eq!(short.validate().unwrap_err().errors()[0].keyword, "minLength");
    let long: feature_merged::Shared = serde_json::from_value(json!({ "id": "abcde" })).unwrap();
    assert_eq!(long.validate().unwrap_err().errors()[0].keyword, "maxLength");
}

#[test]
fn every_branch_of_a_shared_property_checks_null_too() {
    // `top` is typed from `base` (nullable); the second branch forbids `null`.
    let create = |v| serde_json::from_value::<feature_merged::Create>(v).unwrap();
    create(json!({ "top": 5 })).validate().unwrap();
    create(json!({})).validate().unwrap();
    let null = create(json!({ "top": null })).validate().unwrap_err();
    assert_eq!((null.errors()[0].pointer.as_str(), null.errors()[0].keyword), ("/top", "type"));
    let high = create(json!({ "top": 50 })).validate().unwrap_err();
    assert_eq!((high.errors()[0].pointer.as_str(), high.errors()[0].keyword), ("/top", "maximum"));
}
