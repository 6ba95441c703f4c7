use feature_replace::{Code, Item, Validate};
use serde_json::json;
use std::net::IpAddr;

#[test]
fn replaced_schemas_are_their_rust_types() {
    let json = json!({ "sku": "abc", "origin": "10.0.0.1", "alternatives": ["xyz"], "weight": 1.50 });
    let item: Item = serde_json::from_value(json.clone()).unwrap();
    let origin: IpAddr = item.origin;
    assert_eq!(origin, IpAddr::from([10, 0, 0, 1]));
    let sku: &Code = &item.sku;
    assert_eq!(sku.0, "abc");
    let weight: &serde_json::Number = item.weight.as_ref().unwrap();
    assert_eq!(weight.as_f64(), Some(1.5));
    assert_eq!(serde_json::to_value(&item).unwrap(), json);
    item.validate().unwrap();
    // The replacing type reads the value: text that is no address is refused.
    assert!(serde_json::from_value::<Item>(json!({ "sku": "abc", "origin": "nowhere" })).is_err());
}

#[test]
fn validate_true_runs_the_type_s_checks() {
    let item: Item =
        serde_json::from_value(json!({ "sku": "ab", "origin": "::1", "alternatives": ["abc", "x"] })).unwrap();
    let errors = item.validate().unwrap_err().to_string();
    assert!(errors.contains("/sku") && errors.contains("/alternatives/1"), "{errors}");
    assert!(!errors.contains("/alternatives/0"), "{errors}");
}

#[test]
fn builders_take_the_replacing_types() {
    let item = Item::builder().sku(Code("abcd".into())).origin(IpAddr::from([127, 0, 0, 1])).build().unwrap();
    assert_eq!(serde_json::to_value(item).unwrap(), json!({ "sku": "abcd", "origin": "127.0.0.1" }));
}
