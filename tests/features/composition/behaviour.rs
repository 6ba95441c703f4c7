use feature_composition::{Drawing, Validate};
use serde_json::json;

#[test]
fn untyped_parts_are_kept_and_checked_against_their_schema() {
    let v = json!({ "id": "abc", "shape": { "radius": 2.5 }, "tags": [1] });
    let d: Drawing = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(d.shape["radius"], json!(2.5));
    assert_eq!(serde_json::to_value(&d).unwrap(), v);
    d.validate().unwrap();

    let bad: Drawing = serde_json::from_value(json!({
        "id": "ABC", "shape": { "radius": 1, "side": 2 }, "tags": [1, "1"]
    }))
    .unwrap();
    let errors = bad.validate().unwrap_err();
    let found: Vec<_> = errors.errors().iter().map(|e| (e.pointer.as_str(), e.keyword)).collect();
    assert_eq!(found, [("/id", "pattern"), ("/shape", "oneOf"), ("/tags/1", "const")]);
}

/// Hostile input against backtracking-prone patterns finishes: plain patterns run on a
/// linear-time engine, look-around patterns under a backtracking limit (reported).
#[test]
fn patterns_cannot_backtrack_catastrophically() {
    let hostile = format!("{}!", "a".repeat(100_000));
    let d: Drawing = serde_json::from_value(json!({ "id": "a", "shape": "x", "word": hostile, "look": hostile })).unwrap();
    let errors = d.validate().unwrap_err();
    let found: Vec<_> = errors.errors().iter().map(|e| e.pointer.as_str()).collect();
    assert!(found.contains(&"/word") && found.contains(&"/look"), "{errors}");
    let ok: Drawing = serde_json::from_value(json!({ "id": "a", "shape": { "side": 1 }, "word": "aaaa", "look": "aab" })).unwrap();
    ok.validate().unwrap();
}
