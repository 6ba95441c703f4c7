use feature_expandable::{Expandable, Order, Validate};
use serde_json::json;

#[test]
fn id_or_object() {
    let plain: Order = serde_json::from_value(json!({ "id": "o1", "buyer": "b1" })).unwrap();
    assert_eq!(plain.buyer.id(), "b1");
    assert!(plain.buyer.as_object().is_none());
    let v = json!({ "id": "o1", "buyer": { "id": "b2", "name": "Ann", "since": 2020 }, "referrer": null });
    let expanded: Order = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(expanded.buyer.id(), "b2");
    assert!(matches!(&expanded.buyer, Expandable::Object(b) if b.name.as_deref() == Some("Ann")));
    assert_eq!(serde_json::to_value(&expanded).unwrap(), v);
    assert!(serde_json::from_value::<Order>(json!({ "id": "o1", "buyer": 7 })).is_err());
}

#[test]
fn both_forms_are_validated() {
    let order: Order = serde_json::from_value(json!({ "id": "o", "buyer": "far-too-long", "referrer": { "id": "b", "name": "Bartholomew" } })).unwrap();
    let errors = order.validate().unwrap_err();
    let found: Vec<_> = errors.errors().iter().map(|e| (e.pointer.as_str(), e.keyword)).collect();
    assert_eq!(found, [("/buyer", "maxLength"), ("/referrer/name", "maxLength")]);
}
