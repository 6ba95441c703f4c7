use feature_linked::address::Address;
use feature_linked::common::Code;
use feature_linked::{Config, Validate};
use serde_json::json;

fn config(v: serde_json::Value) -> Config {
    serde_json::from_value(v).unwrap()
}

#[test]
fn values_behind_references_to_other_files_are_typed() {
    let c = config(json!({ "version": 2, "home": { "city": "Lyon", "previous": { "city": "Oslo" } }, "tags": ["a"] }));
    // `allOf` of another file merges into the struct; the referenced files' types live
    // in modules of their own, reached by name.
    assert_eq!(c.version, 2);
    let home: &Address = &c.home;
    assert_eq!(home.previous.as_ref().unwrap().city, "Oslo");
    let tags: &Vec<Code> = c.tags.as_ref().unwrap();
    assert_eq!(tags[0].0, "a");
    c.validate().unwrap();
    assert_eq!(serde_json::to_value(&c).unwrap(), json!({ "version": 2, "home": { "city": "Lyon", "previous": { "city": "Oslo" } }, "tags": ["a"] }));
    assert!(serde_json::from_value::<Config>(json!({ "home": { "city": "x" } })).is_err(), "`version` is required by the other file");
}

#[test]
fn constraints_of_other_files_are_checked_where_they_apply() {
    let cases = [
        (json!({ "version": 0, "home": { "city": "x" } }), "/version", "minimum"),
        (json!({ "version": 1, "home": { "city": "x", "previous": { "city": "" } } }), "/home/previous/city", "minLength"),
        (json!({ "version": 1, "home": { "city": "x" }, "tags": ["ok", "none"] }), "/tags/1", "not"),
    ];
    for (value, pointer, keyword) in cases {
        let errors = config(value.clone()).validate().unwrap_err();
        let first = &errors.errors()[0];
        assert_eq!((first.pointer.as_str(), first.keyword), (pointer, keyword), "{value}");
    }
}

#[test]
fn a_property_named_like_a_data_keyword_still_leads_to_its_file() {
    // `properties: {"default": {"$ref": ...}}`: `default` is a property's name here, not
    // the keyword whose value is data, so the file it names is read and typed.
    let c = config(json!({ "version": 1, "home": { "city": "x" }, "default": { "city": "Rome" } }));
    let fallback: &feature_linked::fallback::Fallback = c.default.as_ref().unwrap();
    assert_eq!(fallback.city, "Rome");
    c.validate().unwrap();
    let empty = config(json!({ "version": 1, "home": { "city": "x" }, "default": { "city": "" } }));
    let errors = empty.validate().unwrap_err();
    assert_eq!((errors.errors()[0].pointer.as_str(), errors.errors()[0].keyword), ("/default/city", "minLength"));
}
