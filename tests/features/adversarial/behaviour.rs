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

/// Read from text: a listed name written with escapes is still that property, and each
/// unknown property keeps its own name, escaped or not, however many follow each other.
#[test]
fn keys_read_from_text_go_to_their_field_or_keep_their_name() {
    let text = r#"{"ext\u0072a": "listed", "x\"y": 1, "plain": 2, "t\u00e4": 3, "a-b": "b"}"#;
    let parsed: types::Result = serde_json::from_str(text).unwrap();
    assert_eq!(parsed.extra.as_deref(), Some("listed"));
    assert_eq!(parsed.a_b.as_deref(), Some("b"));
    let kept: Vec<(&str, &Value)> = parsed.extra2.iter().map(|(k, v)| (k.as_str(), v)).collect();
    assert_eq!(kept, [("plain", &json!(2)), ("tä", &json!(3)), ("x\"y", &json!(1))]);
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

/// Names and values with bidirectional controls and other hidden characters keep every
/// byte; only the docs show them as escapes.
#[test]
fn hidden_characters_round_trip_exactly() {
    let role = "\u{2066}admin\u{2069}";
    let v = json!({
        "role\u{202E}\u{2066}": role,
        "plain\u{200B}": "text",
        "\u{2066}[\u{2069} name \u{202E}": true,
        "kept": { "a\u{FEFF}": 1 },
        "other\u{2028}": "x\u{E0041}",
    });
    let parsed: types::Trojan = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(parsed.role, types::TrojanRole::Admin);
    assert_eq!(parsed.role.as_str(), role);
    assert_eq!(parsed.name, Some(true));
    assert_eq!(parsed.extra.get("other\u{2028}"), Some(&json!("x\u{E0041}")));
    assert_eq!(serde_json::to_value(&parsed).unwrap(), v);
    parsed.validate().unwrap();
    for value in ["user\u{202E}", "zw\u{200B}sp", "bom\u{FEFF}", "ctl\u{1B}[31m", "c1\u{85}", "ls\u{2028}", "tag\u{E0041}"] {
        let parsed: types::TrojanRole = serde_json::from_value(json!(value)).unwrap();
        assert_eq!(serde_json::to_value(parsed).unwrap(), json!(value));
    }
    // Without the hidden characters, the value is another one.
    assert!(serde_json::from_value::<types::TrojanRole>(json!("admin")).is_err());
    // The pattern sees the raw characters too.
    let bad = json!({ "role\u{202E}\u{2066}": role, "plain\u{200B}": "a\u{202E}b" });
    let parsed: types::Trojan = serde_json::from_value(bad).unwrap();
    let errors = parsed.validate().unwrap_err();
    assert_eq!(errors.errors()[0].keyword, "pattern");
    assert_eq!(errors.errors()[0].pointer, "/plain\u{200B}");
}
