use feature_references as types;
use serde_json::json;
use types::Validate;

fn read(v: serde_json::Value) -> types::Settings {
    serde_json::from_value(v).unwrap()
}

#[test]
fn references_with_uri_characters_become_types() {
    let v = json!({
        "inputs": ["a"], "spaced": 1, "encoded": 2, "percent": "abc", "percent_encoded": "de",
        "tilde_slash": true, "braces": "y",
    });
    let s = read(v.clone());
    assert_eq!(s.inputs.as_deref(), Some(&["a".to_owned()][..]));
    assert_eq!(s.tilde_slash, Some(true));
    assert_eq!(serde_json::to_value(&s).unwrap(), v);
    s.validate().unwrap();
    let bad = read(json!({ "inputs": [], "encoded": -1, "percent_encoded": "long" }));
    let keywords: Vec<(String, &str)> = bad.validate().unwrap_err().errors().iter().map(|e| (e.pointer.clone(), e.keyword)).collect();
    assert_eq!(keywords, [("/inputs".to_owned(), "minItems"), ("/encoded".to_owned(), "minimum"), ("/percent_encoded".to_owned(), "maxLength")]);
}

#[test]
fn the_whole_schema_is_checked_through_the_same_references() {
    // `Untyped<T>` has `patternProperties`: its listed properties are typed, and the value
    // is also checked against its whole schema, whose references hold `<`, `>` and `%20`.
    let ok = read(json!({ "untyped": { "x-a": ["s"], "other": 3, "pct": "ab", "path": false } }));
    assert_eq!(ok.untyped.as_ref().and_then(|u| u.path), Some(false));
    ok.validate().unwrap();
    let bad = read(json!({ "untyped": { "x-a": [], "other": -1, "pct": "abcd" } }));
    let errors = bad.validate().unwrap_err();
    let mut found: Vec<(String, &str)> = errors.errors().iter().map(|e| (e.pointer.clone(), e.keyword)).collect();
    found.sort();
    let expected = [("/untyped/other", "minimum"), ("/untyped/pct", "maxLength"), ("/untyped/x-a", "minItems")];
    assert_eq!(found, expected.map(|(p, k)| (p.to_owned(), k)), "{errors:?}");
    assert!(errors.errors().iter().all(|e| e.keyword != "$schema"), "the embedded schema compiles: {errors:?}");
    assert_eq!(errors.errors().len(), 3, "a violation the typed checks found is not reported again: {errors:?}");
    assert!(serde_json::from_value::<types::Settings>(json!({ "untyped": { "path": 1 } })).is_err());
}
