use feature_enums::{Number, Settings, SettingsMode, SettingsRegion, Validate};
use serde_json::json;

#[test]
fn closed_enums_reject_unknown_values() {
    let err = serde_json::from_value::<Settings>(json!({ "mode": "slow", "region": "" })).unwrap_err();
    assert!(err.to_string().contains("unknown variant `slow`, expected `fast` or `safe`"), "{err}");
}

#[test]
fn open_enums_keep_unknown_values_as_valid() {
    let v = json!({ "mode": "safe", "region": "mars", "level": null });
    let s: Settings = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(s.mode, SettingsMode::Safe);
    assert_eq!(s.region, SettingsRegion::Unknown("mars".into()));
    assert_eq!(serde_json::to_value(&s).unwrap(), v);
    s.validate().unwrap();
    // A closed enum beside it still refuses an unlisted value, when reading.
    assert!(serde_json::from_value::<Settings>(json!({ "mode": "slow", "region": "mars" })).is_err());
}

#[test]
fn odd_values_keep_their_exact_json() {
    for (json, variant) in [
        ("en-AU", SettingsRegion::EnAu),
        ("es-419", SettingsRegion::Es419),
        ("", SettingsRegion::Empty),
        ("type", SettingsRegion::Type),
        ("Unknown", SettingsRegion::Unknown2),
        ("1st", SettingsRegion::V1st),
        ("EN_au", SettingsRegion::EnAu2),
    ] {
        let parsed: SettingsRegion = serde_json::from_value(json!(json)).unwrap();
        assert_eq!(parsed, variant);
        assert_eq!(parsed.as_str(), json);
        assert!(parsed.validate().is_ok());
    }
}

#[test]
fn objects_reject_unlisted_repeated_and_missing_properties() {
    let unknown = serde_json::from_value::<Settings>(json!({ "mode": "fast", "region": "", "colour": 1 })).unwrap_err();
    assert!(unknown.to_string().contains("unknown field `colour`"), "{unknown}");
    let missing = serde_json::from_value::<Settings>(json!({ "mode": "fast" })).unwrap_err();
    assert!(missing.to_string().contains("missing field `region`"), "{missing}");
    let repeated = serde_json::from_str::<Settings>(r#"{ "mode": "fast", "region": "", "mode": "safe" }"#).unwrap_err();
    assert!(repeated.to_string().contains("duplicate field `mode`"), "{repeated}");
    let not_object = serde_json::from_value::<Settings>(json!(["fast"])).unwrap_err();
    assert!(not_object.to_string().contains("expected a `Settings` object"), "{not_object}");
}

#[test]
fn enums_of_booleans_and_numbers_are_typed_and_checked() {
    let s: Settings = serde_json::from_value(json!({ "mode": "fast", "region": "", "flag": true, "rank": 3, "ratio": null })).unwrap();
    assert_eq!((s.flag, s.rank, &s.ratio), (Some(true), Some(3), &Some(None)));
    s.validate().unwrap();
    let s: Settings = serde_json::from_value(json!({ "mode": "fast", "region": "", "flag": false, "rank": 4, "ratio": 0.7 })).unwrap();
    let errors = s.validate().unwrap_err();
    let found: Vec<_> = errors.errors().iter().map(|e| (e.pointer.as_str(), e.keyword)).collect();
    assert_eq!(found, [("/flag", "enum"), ("/rank", "enum"), ("/ratio", "enum")]);
    let ok: Settings = serde_json::from_value(json!({ "mode": "fast", "region": "", "rank": 2.0, "ratio": 1 })).unwrap();
    ok.validate().unwrap();
    assert!(serde_json::from_value::<Settings>(json!({ "mode": "fast", "region": "", "rank": 2.5 })).is_err(), "2.5 is no integer");
}

#[test]
fn null_needs_both_type_and_enum() {
    let base = json!({ "mode": "fast", "region": "" });
    let with = |key: &str, value: serde_json::Value| {
        let mut v = base.clone();
        v[key] = value;
        serde_json::from_value::<Settings>(v)
    };
    assert!(with("strict", json!(null)).is_err(), "`type` allows null but `enum` does not list it");
    assert!(with("word", json!(null)).is_err(), "`const` is not null");
    assert!(with("word", json!("a")).is_ok());
}

#[test]
fn a_scalar_const_states_its_type_and_is_checked() {
    let s: Settings = serde_json::from_value(json!({ "mode": "fast", "region": "", "off": false, "nothing": null, "scale": 2.5, "count": 3.0 })).unwrap();
    assert_eq!((s.off, s.scale.as_ref().map(Number::as_f64), s.count.as_ref().map(Number::as_f64)), (Some(false), Some(2.5), Some(3.0)));
    assert_eq!(s.nothing, Some(()));
    s.validate().unwrap();
    let s: Settings = serde_json::from_value(json!({ "mode": "fast", "region": "", "off": true, "scale": 2.4, "count": 4 })).unwrap();
    let errors = s.validate().unwrap_err();
    let found: Vec<_> = errors.errors().iter().map(|e| (e.pointer.as_str(), e.keyword)).collect();
    assert_eq!(found, [("/off", "enum"), ("/scale", "enum"), ("/count", "enum")]);
    for (key, value) in [("off", json!(0)), ("nothing", json!(false)), ("scale", json!("2.5"))] {
        let mut v = json!({ "mode": "fast", "region": "" });
        v[key] = value;
        assert!(serde_json::from_value::<Settings>(v).is_err(), "{key}: a value of another type is no instance");
    }
}

#[test]
fn enums_parse_from_their_json_text() {
    use std::str::FromStr;
    assert_eq!("fast".parse::<SettingsMode>(), Ok(SettingsMode::Fast));
    assert_eq!(SettingsMode::try_from("safe"), Ok(SettingsMode::Safe));
    let err = SettingsMode::from_str("Fast").unwrap_err();
    assert_eq!(err.to_string(), r#""Fast" is not one of "fast", "safe""#);
    assert_eq!(err.expected, SettingsMode::VALUES);
    // An open enum takes any text; only an unlisted one is unknown.
    assert_eq!(SettingsRegion::from_str("es-419"), Ok(SettingsRegion::Es419));
    let mars = SettingsRegion::from_str("mars").unwrap();
    assert_eq!(mars, SettingsRegion::Unknown("mars".into()));
    assert!(mars.is_unknown() && !SettingsRegion::Unknown2.is_unknown());
    // Text and value agree both ways, `Unknown`'s own name included.
    for value in SettingsRegion::VALUES.iter().chain(&["Unknown", "mars"]) {
        let parsed = SettingsRegion::try_from(*value).unwrap();
        assert_eq!(parsed.as_ref(), *value);
        assert_eq!(parsed.to_string(), *value);
    }
}

#[test]
fn enums_of_several_json_types_are_unions_of_typed_variants() {
    use feature_enums::{SettingsExit, SettingsLevelOrOff, SettingsSeverity, SettingsSeverityString};
    let v = json!({ "mode": "safe", "region": "eu", "severity": true, "exit": "return_zero", "level_or_off": 2 });
    let s: Settings = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(s.severity, Some(SettingsSeverity::Boolean(true)));
    assert!(matches!(s.exit, Some(SettingsExit::String(_))));
    assert_eq!(s.level_or_off, Some(Some(SettingsLevelOrOff::Integer(2))));
    assert_eq!(serde_json::to_value(&s).unwrap(), v);
    s.validate().unwrap();
    let s: Settings = serde_json::from_value(json!({ "mode": "safe", "region": "eu", "severity": "warning", "level_or_off": null })).unwrap();
    assert_eq!(s.severity, Some(SettingsSeverity::String(SettingsSeverityString::Warning)));
    assert_eq!(s.level_or_off, Some(None));
    // Values the enum does not list, of a listed type or another, are refused.
    for bad in [json!("fatal"), json!(1), json!(null)] {
        let v = json!({ "mode": "safe", "region": "eu", "severity": bad });
        assert!(serde_json::from_value::<Settings>(v).map(|s| s.validate().is_err()).unwrap_or(true), "{bad}");
    }
    let s: Settings = serde_json::from_value(json!({ "mode": "safe", "region": "eu", "level_or_off": 3 })).unwrap();
    assert_eq!(s.validate().unwrap_err().errors()[0].keyword, "enum");
}
