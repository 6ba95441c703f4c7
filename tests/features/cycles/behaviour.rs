use feature_cycles::{Condition, Nodes, Tree, Validate};
use serde_json::json;

fn tree(v: serde_json::Value) -> Tree {
    serde_json::from_value(v).unwrap()
}

#[test]
fn a_cycle_through_an_array_is_a_newtype() {
    let t = tree(json!({ "children": [{ "label": "a", "children": [{ "label": "b" }] }] }));
    let children: &Nodes = t.children.as_ref().unwrap();
    assert_eq!(children.0[0].children.as_ref().unwrap().0[0].label, "b");
    t.validate().unwrap();
    // The array's own bound holds at every depth.
    let deep = tree(json!({ "children": [{ "label": "a", "children": [{ "label": "1" }, { "label": "2" }, { "label": "3" }, { "label": "4" }] }] }));
    let errors = deep.validate().unwrap_err();
    assert_eq!((errors.errors()[0].pointer.as_str(), errors.errors()[0].keyword), ("/children/0/children", "maxItems"));
    assert!(serde_json::from_value::<Tree>(json!({ "children": [{ "children": [] }] })).is_err(), "label is required");
}

#[test]
fn a_cycle_through_a_map_and_a_union() {
    let t = tree(json!({ "named": { "x": { "more": { "y": {} } } }, "condition": [["a", "b"], "c"] }));
    assert!(t.named.as_ref().unwrap().0["x"].more.as_ref().unwrap().0.contains_key("y"));
    assert!(matches!(t.condition, Some(Condition::Array(_))));
    t.validate().unwrap();
    let empty = tree(json!({ "condition": [[]] }));
    let errors = empty.validate().unwrap_err();
    assert_eq!(errors.errors()[0].pointer, "/condition/0");
    assert_eq!(serde_json::to_value(&t).unwrap(), json!({ "named": { "x": { "more": { "y": {} } } }, "condition": [["a", "b"], "c"] }));
}
