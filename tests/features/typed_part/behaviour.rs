use feature_typed_part as types;
use serde_json::{json, Value};
use types::Validate;

fn verdict(v: Value) -> bool {
    serde_json::from_value::<types::Config>(v).is_ok_and(|c| c.validate().is_ok())
}

#[test]
fn the_root_is_a_struct_with_typed_fields() {
    let v = json!({ "name": "n", "mode": "safe", "retries": 2, "tags": ["main"], "target": { "host": "h" }, "x-a": 1 });
    let config: types::Config = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(config.name, "n");
    assert_eq!(config.mode, Some(types::ConfigMode::Safe));
    assert_eq!(config.retries, Some(2));
    assert_eq!(config.target.as_ref().and_then(|t| t.host.as_deref()), Some("h"));
    // `patternProperties` beside `additionalProperties: false`: the other properties are
    // typed by the pattern's schema.
    assert_eq!(config.extra.get("x-a"), Some(&1));
    assert_eq!(serde_json::to_value(&config).unwrap(), v);
    config.validate().unwrap();
}

#[test]
fn every_keyword_of_the_schema_still_holds() {
    assert!(verdict(json!({ "name": "n" })));
    assert!(verdict(json!({ "name": "n", "x-b": 2, "tags": ["a", "main"] })));
    let unlisted: types::Config = serde_json::from_value(json!({ "name": "n", "other": 1 })).unwrap();
    let errors = unlisted.validate().unwrap_err();
    assert_eq!((errors.errors()[0].pointer.as_str(), errors.errors()[0].keyword), ("", "additionalProperties"));
    for invalid in [
        json!({ "name": "" }),                                   // minLength (typed)
        json!({ "name": "n", "x-a": "one" }),                    // patternProperties
        json!({ "name": "n", "other": 1 }),                      // additionalProperties beside patternProperties
        json!({ "name": "n", "x-a": 1.5 }),                      // the pattern's schema
        json!({ "name": "n", "mode": "safe" }),                  // if/then
        json!({ "name": "n", "retries": 3 }),                    // not
        json!({ "name": "n", "tags": ["a"] }),                   // contains
        json!({ "name": "n", "target": { "port": 1 } }),         // required beside $ref
        json!({ "name": "n", "target": { "host": "h", "port": 1 } }), // oneOf
        json!({ "name": "n", "loop": { "long": 1 } }),           // propertyNames
    ] {
        assert!(!verdict(invalid.clone()), "{invalid} is invalid");
    }
}

#[test]
fn errors_are_not_reported_twice() {
    // `minLength` is checked on the typed field; the whole-schema check (`if`/`then`)
    // does not report it again.
    let c: types::Config = serde_json::from_value(json!({ "name": "", "mode": "safe" })).unwrap();
    let errors = c.validate().unwrap_err();
    let found: Vec<(&str, &str)> = errors.errors().iter().map(|e| (e.pointer.as_str(), e.keyword)).collect();
    assert_eq!(found, [("/name", "minLength"), ("", "required")], "{errors:?}");
}

#[test]
fn checks_read_only_the_members_they_need_but_report_the_whole_value() {
    // The `oneOf` of `target` reads `host` and `port` alone; its message still shows the
    // whole object, `zone` too.
    let c: types::Config = serde_json::from_value(json!({ "name": "n", "target": { "host": "h", "port": 1, "zone": "z" } })).unwrap();
    let errors = c.validate().unwrap_err();
    let e = &errors.errors()[0];
    assert_eq!((e.pointer.as_str(), e.keyword), ("/target", "oneOf"));
    assert!(e.message.contains(r#""zone":"z""#), "{}", e.message);
    // `propertyNames` reads every name, none of the values.
    assert!(verdict(json!({ "name": "n", "loop": { "abc": { "deep": [1] } } })));
    assert!(!verdict(json!({ "name": "n", "loop": { "abcd": { "deep": [1] } } })));
}
