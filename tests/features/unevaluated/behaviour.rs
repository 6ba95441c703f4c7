use feature_unevaluated::{items2019::Items, FromJson, Root};
use serde_json::{json, Value};

/// The violations of `value`, as (pointer, keyword); empty when it reads and validates.
fn violations<T: FromJson>(value: Value) -> Vec<(String, &'static str)> {
    match T::from_json_str(&value.to_string()) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.errors().iter().map(|e| (e.pointer.clone(), e.keyword)).collect(),
    }
}

fn extra(value: Value) -> Vec<(String, &'static str)> {
    violations::<Root>(json!({ "extra": value }))
}

#[test]
fn properties_evaluated_by_a_branch_that_holds_are_free() {
    assert_eq!(extra(json!({ "x": "s", "name": "n" })), []);
    // `other` is evaluated by nothing: it must be an integer.
    assert_eq!(extra(json!({ "x": "s", "other": 1 })), []);
    assert_eq!(extra(json!({ "x": "s", "other": "t" })), [("/extra/other".to_owned(), "type")]);
    // Branch 0 fails for `x: 5`, so it evaluates nothing: `x` is then unevaluated, and 5
    // is an integer; 5.5 is not.
    assert_eq!(extra(json!({ "x": 5, "y": 1 })), []);
    assert_eq!(extra(json!({ "x": 5.5, "y": 1 })), [("/extra/x".to_owned(), "type")]);
}

#[test]
fn if_then_else_evaluate_by_the_outcome_of_the_if() {
    // The `if` holds: it evaluates `mode`, `then` evaluates `level`.
    assert_eq!(extra(json!({ "y": 1, "mode": "strict", "level": 2 })), []);
    // No `mode`: `else` evaluates `opt_*`.
    assert_eq!(extra(json!({ "y": 1, "opt_a": "s" })), []);
    // The `if` fails: its `mode` is unevaluated (and no integer), `else` applies.
    assert_eq!(extra(json!({ "y": 1, "mode": "loose", "opt_a": "s" })), [("/extra/mode".to_owned(), "type")]);
    // `level` is evaluated only by `then`.
    assert_eq!(extra(json!({ "y": 1, "level": "high" })), [("/extra/level".to_owned(), "type")]);
}

#[test]
fn items_evaluated_by_prefix_items_and_contains() {
    let tuple = |v: Value| violations::<Root>(json!({ "tuple": v }));
    assert_eq!(tuple(json!(["a", true, false])), []);
    assert_eq!(tuple(json!(["a", true, 1])), [("/tuple/2".to_owned(), "unevaluatedItems")]);
    assert_eq!(tuple(json!(["a", 1, true, "b"])), [("/tuple/1".to_owned(), "unevaluatedItems"), ("/tuple/3".to_owned(), "unevaluatedItems")]);
}

#[test]
fn a_reference_and_all_of_evaluate_for_the_referrer() {
    let nested = |v: Value| violations::<Root>(json!({ "nested": v }));
    assert_eq!(nested(json!({ "id": 1, "own": [] })), []);
    assert_eq!(nested(json!({ "id": 1, "z": 1 })), [("/nested/z".to_owned(), "unevaluatedProperties")]);
}

#[test]
fn before_2020_contains_evaluates_nothing() {
    assert_eq!(violations::<Items>(json!(["a", true, 2])), [("/1".to_owned(), "type")]);
    assert_eq!(violations::<Items>(json!(["a", 1.5, 2, true])), [("/3".to_owned(), "type")]);
}

#[test]
fn generated_code_checks_them_without_the_embedded_validator() {
    let census: Value = serde_json::from_str(include_str!("../census.json")).unwrap();
    let checks = census["schema_checks"].as_array().unwrap();
    assert!(checks.len() >= 4, "{census}");
    for check in checks {
        assert_eq!(check["checked_by"], "generated code", "{check}");
    }
}
