use feature_formats::{Event, Validate};
use serde_json::json;

#[test]
fn date_times_are_typed() {
    let e: Event = serde_json::from_value(json!({ "at": "2024-02-29T12:00:00Z", "seconds": 1, "later": null })).unwrap();
    assert_eq!(e.at.timestamp(), 1_709_208_000);
    assert_eq!(e.later, Some(None));
    assert!(serde_json::from_value::<Event>(json!({ "at": "not a date", "seconds": 1 })).is_err());
}

#[test]
fn numeric_checks() {
    let e: Event = serde_json::from_value(json!({ "at": "2024-02-29T12:00:00Z", "seconds": -1, "ratio": 0.3 })).unwrap();
    let errors = e.validate().unwrap_err();
    let found: Vec<_> = errors.errors().iter().map(|e| (e.pointer.as_str(), e.keyword)).collect();
    assert_eq!(found, [("/seconds", "minimum"), ("/ratio", "multipleOf")]);
    let e: Event = serde_json::from_value(json!({ "at": "2024-02-29T12:00:00Z", "seconds": 0, "ratio": 0.75 })).unwrap();
    e.validate().unwrap();
}

#[test]
fn a_date_time_with_string_checks_stays_text() {
    // `maxLength` and `pattern` need the text as sent, so the value is a `String`.
    let e: Event = serde_json::from_value(serde_json::json!({ "at": "2024-01-01T00:00:00Z", "seconds": 1, "later": null, "stamp": "2024-01-01T00:00:00+01:00" })).unwrap();
    let stamp: Option<String> = e.stamp.clone();
    assert_eq!(stamp.as_deref(), Some("2024-01-01T00:00:00+01:00"));
    let keywords: Vec<_> = e.validate().unwrap_err().errors().iter().map(|e| e.keyword).collect();
    assert_eq!(keywords, ["maxLength", "pattern"]);
}
