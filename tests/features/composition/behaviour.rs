use feature_composition::{Drawing, DrawingShape, DrawingShapeObject2, Validate};
use serde_json::json;

#[test]
fn untyped_parts_are_kept_and_checked_against_their_schema() {
    let v = json!({ "id": "abc", "shape": { "radius": 2.5 }, "tags": [1] });
    let d: Drawing = serde_json::from_value(v.clone()).unwrap();
    assert!(matches!(&d.shape, DrawingShape::DrawingShapeObject(c) if c.radius.as_f64() == 2.5));
    assert_eq!(serde_json::to_value(&d).unwrap(), v);
    d.validate().unwrap();

    let bad: Drawing = serde_json::from_value(json!({
        "id": "ABC", "shape": { "radius": 1, "side": 2 }, "tags": [1, 2]
    }))
    .unwrap();
    let errors = bad.validate().unwrap_err();
    let found: Vec<_> = errors.errors().iter().map(|e| (e.pointer.as_str(), e.keyword)).collect();
    assert_eq!(found, [("/id", "pattern"), ("/shape", "oneOf"), ("/tags/1", "enum")]);
    // `const: 1` states its type: a string is no item at all.
    assert!(serde_json::from_value::<Drawing>(json!({ "id": "a", "shape": { "side": 1 }, "tags": ["1"] })).is_err());
    let float: Drawing = serde_json::from_value(json!({ "id": "a", "shape": { "side": 1 }, "tags": [1.0] })).unwrap();
    float.validate().unwrap();
}

/// Hostile input against backtracking-prone patterns finishes: plain patterns run on a
/// linear-time engine, look-around patterns under a backtracking limit (reported).
#[test]
fn patterns_cannot_backtrack_catastrophically() {
    let hostile = format!("{}!", "a".repeat(100_000));
    let d: Drawing = serde_json::from_value(json!({ "id": "a", "shape": { "side": 1 }, "word": hostile, "look": hostile })).unwrap();
    let errors = d.validate().unwrap_err();
    let found: Vec<_> = errors.errors().iter().map(|e| e.pointer.as_str()).collect();
    assert!(found.contains(&"/word") && found.contains(&"/look"), "{errors}");
    let ok: Drawing = serde_json::from_value(json!({ "id": "a", "shape": { "side": 1 }, "word": "aaaa", "look": "aab" })).unwrap();
    ok.validate().unwrap();
}

/// `oneOf` of overlapping branches is typed: the branch that matches, and `validate`
/// reports a value that more than one branch matches, also when built in code.
#[test]
fn overlapping_one_of_is_typed_and_checks_that_one_branch_matches() {
    let square: Drawing = serde_json::from_value(json!({ "id": "a", "shape": { "side": 2 } })).unwrap();
    assert!(matches!(&square.shape, DrawingShape::DrawingShapeObject2(s) if s.side == 2.0));
    square.validate().unwrap();
    // A negative radius fails the circle, so only the square matches.
    let d: Drawing = serde_json::from_value(json!({ "id": "a", "shape": { "radius": -1, "side": 2 } })).unwrap();
    assert!(matches!(&d.shape, DrawingShape::DrawingShapeObject2(_)));
    d.validate().unwrap();
    // Built in code, a square that is also a circle.
    let mut built = square.clone();
    built.shape = DrawingShape::DrawingShapeObject2(Box::new(serde_json::from_value::<DrawingShapeObject2>(json!({ "side": 1, "radius": 3 })).unwrap()));
    let errors = built.validate().unwrap_err();
    let found: Vec<_> = errors.errors().iter().map(|e| (e.pointer.as_str(), e.keyword, e.message.as_str())).collect();
    assert_eq!(found, [("/shape", "oneOf", "the value matches more than one branch: DrawingShapeObject, DrawingShapeObject2")]);
    // Neither branch: a type error when reading.
    let error = serde_json::from_value::<Drawing>(json!({ "id": "a", "shape": "x" })).unwrap_err().to_string();
    assert!(error.starts_with("no branch matches"), "{error}");
}
