use feature_nullable::{Note, Validate};
use serde_json::json;

#[test]
fn nulls_and_absence_round_trip() {
    for v in [
        json!({ "title": "t", "body": null }),
        json!({ "title": "t", "body": "b", "author": "a", "deleted_at": null, "tags": [null, "x"] }),
        json!({ "title": "t", "body": null, "deleted_at": 5 }),
    ] {
        let note: Note = serde_json::from_value(v.clone()).unwrap();
        assert_eq!(serde_json::to_value(&note).unwrap(), v);
        note.validate().unwrap();
    }
}

#[test]
fn wrong_presence_is_rejected() {
    assert!(serde_json::from_value::<Note>(json!({ "title": "t" })).is_err(), "body is required");
    assert!(serde_json::from_value::<Note>(json!({ "title": null, "body": null })).is_err());
    assert!(serde_json::from_value::<Note>(json!({ "title": "t", "body": null, "author": null })).is_err());
}

#[test]
fn checks_reach_nullable_values() {
    let note: Note = serde_json::from_value(json!({ "title": "t", "body": "b".repeat(21), "tags": [null, "long"] })).unwrap();
    let errors = note.validate().unwrap_err();
    let found: Vec<_> = errors.errors().iter().map(|e| (e.pointer.as_str(), e.keyword)).collect();
    assert_eq!(found, [("/body", "maxLength"), ("/tags/1", "maxLength")]);
}
