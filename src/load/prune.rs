//! The part of an OpenAPI document that the values kept as JSON need: the components
//! they lie in and every component those reach through `$ref`. Embedding only that keeps
//! generated crates small when a large document has few untyped values.

use std::collections::BTreeSet;

use crate::schema::{walk_schemas, Descend, JsonPointer};
use serde_json::{Map, Value};

/// `document` reduced to the components under `/components/schemas` that `pointers` lie
/// in, closed over `$ref`; `None` when a pointer or reference leaves those components
/// (then the whole document is needed).
pub fn components_closure(document: &Value, pointers: &[JsonPointer]) -> Option<Value> {
    let schemas = document.get("components")?.get("schemas")?.as_object()?;
    let mut wanted: Vec<String> =
        pointers.iter().map(|p| component_of(p.as_str())).collect::<Option<_>>()?;
    let mut kept = BTreeSet::new();
    while let Some(name) = wanted.pop() {
        if !kept.insert(name.clone()) {
            continue;
        }
        let mut refs = Vec::new();
        collect_refs(schemas.get(&name)?, &mut refs);
        for r in refs {
            let (pointer, _) = super::resolve_ref(document, r).ok()?;
            wanted.push(component_of(pointer.as_str())?);
        }
    }
    let kept: Map<String, Value> = kept
        .into_iter()
        .filter_map(|name| Some((name.clone(), schemas.get(&name)?.clone())))
        .collect();
    let mut out = Map::new();
    // Keep the version keys: they decide how the document is read.
    for key in ["openapi", "$schema", "jsonSchemaDialect"] {
        if let Some(v) = document.get(key) {
            out.insert(key.to_owned(), v.clone());
        }
    }
    out.insert("components".to_owned(), serde_json::json!({ "schemas": kept }));
    Some(Value::Object(out))
}

/// `/components/schemas/<name>/...` -> `<name>` (unescaped).
fn component_of(pointer: &str) -> Option<String> {
    let mut tokens = pointer.strip_prefix("/components/schemas/")?.split('/');
    Some(crate::schema::unescape_token(tokens.next()?))
}

/// Every `$ref` of the schemas in `v` (data holds none); anything that changes how
/// references resolve (`$id`, anchors, dynamic references) makes the closure unsafe, so
/// it is reported as a reference that leaves the components.
fn collect_refs<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    const RESOLUTION: &[&str] =
        &["$id", "$anchor", "$dynamicAnchor", "$dynamicRef", "$recursiveRef"];
    walk_schemas(v, &JsonPointer::root(), &mut |_, o| {
        if let Some(Value::String(r)) = o.get("$ref") {
            out.push(r);
        }
        if RESOLUTION.iter().any(|k| o.contains_key(*k)) {
            out.push("");
        }
        Descend::Yes
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_reachable_components_only() {
        let doc = serde_json::json!({
            "openapi": "3.0.0",
            "paths": { "/x": {} },
            "components": { "schemas": {
                "a": { "properties": { "b": { "$ref": "#/components/schemas/b~1c" } } },
                "b/c": { "items": { "$ref": "#/components/schemas/a" } },
                "d": { "type": "string" }
            } }
        });
        let pruned = components_closure(
            &doc,
            &[crate::schema::JsonPointer::from_escaped("/components/schemas/a/properties/b")],
        )
        .unwrap();
        assert_eq!(pruned["openapi"], "3.0.0");
        let names: Vec<&String> =
            pruned["components"]["schemas"].as_object().unwrap().keys().collect();
        assert_eq!(names, ["a", "b/c"]);
        assert!(pruned.get("paths").is_none());
        assert!(components_closure(
            &doc,
            &[crate::schema::JsonPointer::from_escaped("/paths/~1x")]
        )
        .is_none());
        // A reference in data (an example) reaches nothing.
        let example = serde_json::json!({ "components": { "schemas": {
            "a": { "type": "object", "example": { "$ref": "#/components/schemas/b" } },
            "b": { "type": "string" }
        } } });
        let pruned = components_closure(
            &example,
            &[crate::schema::JsonPointer::from_escaped("/components/schemas/a")],
        )
        .unwrap();
        assert_eq!(pruned["components"]["schemas"].as_object().unwrap().len(), 1);
        let with_id = serde_json::json!({ "components": { "schemas": { "a": { "$id": "x" } } } });
        assert!(components_closure(
            &with_id,
            &[crate::schema::JsonPointer::from_escaped("/components/schemas/a")]
        )
        .is_none());
    }
}
