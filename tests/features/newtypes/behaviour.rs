use feature_newtypes::{Address, CountryCode, MaybeCount, NestedLists, Validate};
use serde_json::json;

#[test]
fn named_primitives_are_transparent_newtypes() {
    let v = json!({ "country": "DE", "visits": null });
    let a: Address = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(a.country, CountryCode("DE".into()));
    assert_eq!(a.visits, Some(MaybeCount(None)));
    assert_eq!(serde_json::to_value(&a).unwrap(), v);
    a.validate().unwrap();
    let bad: Address = serde_json::from_value(json!({ "country": "DEU", "visits": -1 })).unwrap();
    let errors = bad.validate().unwrap_err();
    let found: Vec<_> = errors.errors().iter().map(|e| (e.pointer.as_str(), e.keyword)).collect();
    assert_eq!(found, [("/country", "maxLength"), ("/visits", "minimum")]);
}

#[test]
fn recursive_newtypes() {
    let v = json!([[], [[], [], []]]);
    let lists: NestedLists = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(serde_json::to_value(&lists).unwrap(), v);
    let errors = lists.validate().unwrap_err();
    assert_eq!(errors.errors()[0].pointer, "/1");
    assert_eq!(errors.errors()[0].keyword, "maxItems");
}
