use feature_nested::{Tree, Validate};
use serde_json::json;

#[test]
fn recursion_and_inline_objects() {
    let v = json!({
        "label": "root",
        "children": [{ "label": "a", "children": [{ "label": "toolong" }] }, { "label": "" }],
        "parent": { "label": "up", "meta": { "owner": { "name": "nobody" } } },
        "meta": { "owner": { "name": "me" }, "colour": "red" }
    });
    let tree: Tree = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(serde_json::to_value(&tree).unwrap(), v);
    let errors = tree.validate().unwrap_err();
    let found: Vec<_> = errors.errors().iter().map(|e| (e.pointer.as_str(), e.keyword)).collect();
    assert_eq!(
        found,
        [
            ("/children/0/children/0/label", "maxLength"),
            ("/children/1/label", "minLength"),
            ("/parent/meta/owner/name", "maxLength"),
        ]
    );
}
