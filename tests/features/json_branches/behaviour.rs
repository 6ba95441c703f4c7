use feature_json_branches as types;
use serde_json::{json, Value};
use types::Validate;

/// The verdict on `{ property: value }`: deserializes and validates.
fn accepts(property: &str, value: Value) -> bool {
    serde_json::from_value::<types::Settings>(json!({ property: value })).is_ok_and(|s| s.validate().is_ok())
}

#[test]
fn each_value_reaches_the_branch_of_its_type() {
    for property in ["first", "middle", "last", "exclusive"] {
        for valid in [json!({}), json!({ "level": 2 }), json!("off"), json!(false), json!(true)] {
            assert!(accepts(property, valid.clone()), "{property}: {valid} is valid");
        }
        for invalid in [json!("on"), json!(1), json!({ "level": "high" }), json!({ "other": 1 }), json!(null), json!([])] {
            assert!(!accepts(property, invalid.clone()), "{property}: {invalid} is invalid");
        }
    }
}

#[test]
fn values_keep_their_branch_and_round_trip() {
    let v = json!({ "first": false, "middle": "off", "last": { "level": 1 }, "list": [{}, "off", true] });
    let s: types::Settings = serde_json::from_value(v.clone()).unwrap();
    s.validate().unwrap();
    assert!(matches!(s.first, Some(types::SettingsFirst::Boolean(false))), "{:?}", s.first);
    assert!(matches!(s.last, Some(types::SettingsLast::Default(_))), "{:?}", s.last);
    assert_eq!(serde_json::to_value(&s).unwrap(), v);
    assert!(!accepts("list", json!([{}, "on"])));
    assert!(!accepts("list", json!([0])));
}

#[test]
fn integer_and_array_branches_kept_as_json() {
    for valid in [json!(3), json!(2.0), json!(["a"]), json!("s")] {
        assert!(accepts("count", valid.clone()), "{valid} is valid");
    }
    for invalid in [json!(6), json!(2.5), json!([]), json!([1]), json!(true)] {
        assert!(!accepts("count", invalid.clone()), "{invalid} is invalid");
    }
}

#[test]
fn branches_that_list_a_field_again_keep_every_verdict() {
    let valid = [json!({ "name": "abc", "kind": "build" }), json!({ "name": "abc" }), json!({ "steps": ["a"], "kind": "test" })];
    for v in valid {
        assert!(accepts("job", v.clone()), "{v} is valid");
    }
    // Both branches hold, neither does, or the field's own schema fails (its pattern,
    // its `not`): the branches no longer check `name`, the field still does.
    let invalid = [
        json!({ "name": "abc", "steps": ["a"] }),
        json!({ "name": "abc", "kind": "test" }),
        json!({ "kind": "build" }),
        json!({ "name": "ABC", "kind": "build" }),
        json!({ "name": "and" }),
        json!({ "steps": ["A"], "kind": "test" }),
    ];
    for v in invalid {
        assert!(!accepts("job", v.clone()), "{v} is invalid");
    }
    let s: types::Settings = serde_json::from_value(json!({ "job": { "name": "ABC" } })).unwrap();
    let errors = s.validate().unwrap_err();
    let at: Vec<(&str, &str)> = errors.errors().iter().map(|e| (e.pointer.as_str(), e.keyword)).collect();
    assert_eq!(at, [("/job/name", "pattern")]);
}
