use feature_patterns::{Config, Validate};
use serde_json::json;

#[test]
fn a_false_property_must_be_absent() {
    let c: Config = serde_json::from_value(json!({ "name": "a", "other": 1 })).unwrap();
    assert!(c.main.is_none());
    c.validate().unwrap();
    assert_eq!(serde_json::to_value(&c).unwrap(), json!({ "name": "a", "other": 1 }));
    for value in [json!(null), json!(1), json!({})] {
        let err = serde_json::from_value::<Config>(json!({ "name": "a", "main": value })).unwrap_err();
        assert!(err.to_string().contains("its schema is `false`"), "{err}");
    }
}

#[test]
fn all_of_branches_of_properties_alone_merge_into_the_struct() {
    use feature_patterns::ConfigRulesQuotes;
    let v = json!({ "name": "a", "rules": { "semi": true, "quotes": "single", "indent": 2, "max-len": 80 } });
    let c: Config = serde_json::from_value(v.clone()).unwrap();
    let rules = c.rules.as_ref().unwrap();
    assert_eq!((rules.semi, &rules.quotes, rules.indent), (Some(true), &ConfigRulesQuotes::Single, Some(2)));
    assert_eq!(serde_json::to_value(&c).unwrap(), v);
    c.validate().unwrap();
    // The branches' own constraints hold: a required property and a bound.
    assert!(serde_json::from_value::<Config>(json!({ "name": "a", "rules": { "semi": true } })).is_err());
    let c: Config = serde_json::from_value(json!({ "name": "a", "rules": { "quotes": "double", "indent": -1 } })).unwrap();
    assert_eq!(c.validate().unwrap_err().errors()[0].pointer, "/rules/indent");
}

#[test]
fn a_nullable_struct_with_a_one_of_of_required_lists_is_an_option_checked_whole() {
    let c: Config = serde_json::from_value(json!({ "name": "a", "basic_auth": { "username": "u", "password": "p" } })).unwrap();
    let auth = c.basic_auth.clone().unwrap().unwrap();
    assert_eq!((auth.username.as_deref(), auth.password.as_deref()), (Some("u"), Some("p")));
    c.validate().unwrap();
    // Neither or both of the `oneOf`'s required properties: the check names the `oneOf`.
    for auth in [json!({ "username": "u" }), json!({ "password": "p", "password_file": "f" })] {
        let c: Config = serde_json::from_value(json!({ "name": "a", "basic_auth": auth })).unwrap();
        let errors = c.validate().unwrap_err();
        assert_eq!((errors.errors()[0].pointer.as_str(), errors.errors()[0].keyword), ("/basic_auth", "oneOf"), "{auth}");
    }
    // `null` satisfies both branches (`required` applies to objects), so the `oneOf` fails.
    let c: Config = serde_json::from_value(json!({ "name": "a", "basic_auth": null })).unwrap();
    assert_eq!(c.basic_auth, Some(None));
    assert_eq!(c.validate().unwrap_err().errors()[0].keyword, "oneOf");
    // `additionalProperties: false` is the struct's own.
    assert!(serde_json::from_value::<Config>(json!({ "name": "a", "basic_auth": { "password": "p", "x": 1 } })).is_err());
}

#[test]
fn a_mixed_enum_is_a_union_of_typed_variants() {
    use feature_patterns::{ConfigSeverity, ConfigSeverityString};
    let c: Config = serde_json::from_value(json!({ "name": "a", "severity": "warn" })).unwrap();
    assert_eq!(c.severity, Some(ConfigSeverity::String(ConfigSeverityString::Warn)));
    let c: Config = serde_json::from_value(json!({ "name": "a", "severity": false })).unwrap();
    assert_eq!(c.severity, Some(ConfigSeverity::Boolean(false)));
    assert!(serde_json::from_value::<Config>(json!({ "name": "a", "severity": "fatal" })).is_err());
}

#[test]
fn a_property_another_branch_makes_false_must_be_absent() {
    let c: Config = serde_json::from_value(json!({ "name": "a", "site": { "title": "t", "safe": true } })).unwrap();
    let site = c.site.as_ref().unwrap();
    assert!(site.source.is_none());
    c.validate().unwrap();
    let err = serde_json::from_value::<Config>(json!({ "name": "a", "site": { "source": "docs" } })).unwrap_err();
    assert!(err.to_string().contains("its schema is `false`"), "{err}");
    // The property both branches list with schemas of their own is typed by one, checked by the other.
    let c: Config = serde_json::from_value(json!({ "name": "a", "site": { "safe": false } })).unwrap();
    assert_eq!(c.validate().unwrap_err().errors()[0].pointer, "/site/safe");
}
