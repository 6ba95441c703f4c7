use feature_dynamic::{labelled::LabelledMenu, menu::Menu, strict::StrictTree, tree::Tree, FromJson};
use serde_json::{json, Value};

/// The violations of `value`, as (pointer, keyword); empty when it reads and validates.
fn violations<T: FromJson>(value: Value) -> Vec<(String, &'static str)> {
    match T::from_json_str(&value.to_string()) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.errors().iter().map(|e| (e.pointer.clone(), e.keyword)).collect(),
    }
}

#[test]
fn a_dynamic_reference_leads_to_the_outermost_anchor_in_scope() {
    let tree = json!({ "data": 1, "children": [{ "daat": 2, "children": [{ "dta": 3 }] }] });
    // Read as the tree alone, `#node` is the tree: other properties are free.
    assert_eq!(violations::<Tree>(tree.clone()), []);
    // Read through the strict tree, `#node` is the strict tree at every level.
    assert_eq!(
        violations::<StrictTree>(tree),
        [
            ("/children/0/children/0/dta".to_owned(), "unevaluatedProperties"),
            ("/children/0/daat".to_owned(), "unevaluatedProperties"),
        ]
    );
    let good = json!({ "data": 1, "children": [{ "data": 2, "children": [] }] });
    assert_eq!(violations::<StrictTree>(good), []);
}

#[test]
fn a_recursive_reference_leads_to_the_outermost_anchored_root_in_scope() {
    let menu = json!({ "label": "File", "entries": [{ "label": "Open" }, { "entries": [{ "label": "" }] }] });
    assert_eq!(violations::<Menu>(menu.clone()), []);
    assert_eq!(
        violations::<LabelledMenu>(menu),
        [("/entries/1/entries/0/label".to_owned(), "minLength"), ("/entries/1".to_owned(), "required")]
    );
}
