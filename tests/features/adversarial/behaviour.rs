use feature_adversarial as types;
use serde_json::{json, Value};
use types::Validate;

const NAMES: &[&str] = &[
    "type", "self", "Self", "crate", "super", "", "1st", "a-b", "a_b", "A_B", "ä", "ö", "Result", "Option",
    "String", "Box", "extra", "r#type", "_", "__",
];

#[test]
fn every_property_keeps_its_exact_json_name() {
    let mut object = serde_json::Map::new();
    for (i, name) in NAMES.iter().enumerate() {
        object.insert((*name).to_owned(), json!(format!("value {i}")));
    }
    let v = Value::Object(object);
    let parsed: types::Result = serde_json::from_value(v.clone()).unwrap();
    // The property `extra` owns the name, so kept properties go to `extra2`.
    assert!(parsed.extra2.is_empty(), "every property has its own field: {:?}", parsed.extra2);
    assert_eq!(parsed.extra.as_deref(), Some("value 16"));
    assert_eq!(serde_json::to_value(&parsed).unwrap(), v);
    parsed.validate().unwrap();
}

#[test]
fn hostile_enum_values_round_trip() {
    for value in ["\"quoted\"", "back\\slash", "nul\u{0}", "", "Unknown", "unknown", "*/", "#[x]", "new value"] {
        let parsed: types::Option = serde_json::from_value(json!(value)).unwrap();
        assert_eq!(parsed.as_str(), value);
        assert_eq!(serde_json::to_value(&parsed).unwrap(), json!(value));
    }
    assert_eq!(types::Option::VALUES.len(), 8);
}

#[test]
fn names_shadowing_std_and_recursion_work() {
    let v = json!({ "inner": { "next": { "items": [{ "type": "t" }] } } });
    let s: types::String = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(serde_json::to_value(&s).unwrap(), v);
    let escaped: types::ABC = serde_json::from_value(json!(4)).unwrap();
    assert_eq!(escaped.validate().unwrap_err().errors()[0].keyword, "maximum");
    let _: types::Self2 = serde_json::from_value(json!(true)).unwrap();
    let _: types::Unnamed = serde_json::from_value(json!(1.5)).unwrap();
    let v = json!({ "option": "*/" });
    let renamed: types::Validate2 = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(serde_json::to_value(&renamed).unwrap(), v);
}
