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
fn values_kept_as_json_validate_through_the_same_references() {
    let ok = read(json!({ "untyped": { "x-a": ["s"], "other": 3, "pct": "ab", "path": false } }));
    ok.validate().unwrap();
    let bad = read(json!({ "untyped": { "x-a": [], "other": -1, "pct": "abcd", "path": 1 } }));
    let errors = bad.validate().unwrap_err();
    let mut found: Vec<(String, &str)> = errors.errors().iter().map(|e| (e.pointer.clone(), e.keyword)).collect();
    found.sort();
    let expected = [("/untyped/other", "minimum"), ("/untyped/path", "type"), ("/untyped/pct", "maxLength"), ("/untyped/x-a", "minItems")];
    assert_eq!(found, expected.map(|(p, k)| (p.to_owned(), k)), "{errors:?}");
    assert!(errors.errors().iter().all(|e| e.keyword != "$schema"), "the embedded schema compiles: {errors:?}");
}
