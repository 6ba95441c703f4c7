//! The one walker of the schemas inside a JSON value. At a schema object every member is
//! a keyword: data keywords (`const`, `enum`, `default`, ...) are skipped, and the members
//! of a map of schemas (`properties`, `$defs`, ...) are schemas whatever their names, so a
//! property named `default` is walked like any other.

use serde_json::{Map, Value};

use super::keywords::{DATA_KEYWORDS, SCHEMA_MAPS};
use super::pointer::JsonPointer;

/// Whether to look inside a schema object the walker just visited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Descend {
    /// Walk its subschemas too.
    Yes,
    /// Skip them (an embedded resource, say).
    No,
}

/// Keywords whose value is one schema, or an array of schemas.
const APPLICATORS: &[&str] = &[
    "items",
    "additionalItems",
    "prefixItems",
    "contains",
    "additionalProperties",
    "propertyNames",
    "if",
    "then",
    "else",
    "not",
    "allOf",
    "anyOf",
    "oneOf",
    "unevaluatedItems",
    "unevaluatedProperties",
    "contentSchema",
];

/// Like [`walk_schemas`], but only through the keywords JSON Schema defines as holding
/// schemas: a schema-like object under an unknown keyword is no schema (its `$id` is no
/// resource, its `$anchor` no anchor).
pub fn walk_subschemas<'a>(
    v: &'a Value,
    at: &JsonPointer,
    f: &mut dyn FnMut(&JsonPointer, &'a Map<String, Value>) -> Descend,
) {
    let Value::Object(o) = v else { return };
    if f(at, o) == Descend::No {
        return;
    }
    for (k, child) in o {
        let here = at.child(k);
        match child {
            Value::Object(map) if SCHEMA_MAPS.contains(&k.as_str()) => {
                map.iter().for_each(|(name, s)| walk_subschemas(s, &here.child(name), f))
            }
            Value::Array(items) if APPLICATORS.contains(&k.as_str()) => items
                .iter()
                .enumerate()
                .for_each(|(i, item)| walk_subschemas(item, &here.index(i), f)),
            child if APPLICATORS.contains(&k.as_str()) => walk_subschemas(child, &here, f),
            _ => {}
        }
    }
}

/// Calls `f` on every schema object in `v` (itself first, when it is one) with its
/// pointer below `at`, depth first, in document order.
pub fn walk_schemas<'a>(
    v: &'a Value,
    at: &JsonPointer,
    f: &mut dyn FnMut(&JsonPointer, &'a Map<String, Value>) -> Descend,
) {
    match v {
        Value::Object(o) => {
            if f(at, o) == Descend::No {
                return;
            }
            for (k, child) in o {
                if DATA_KEYWORDS.contains(&k.as_str()) {
                    continue;
                }
                let here = at.child(k);
                match child {
                    Value::Object(map) if SCHEMA_MAPS.contains(&k.as_str()) => {
                        map.iter().for_each(|(name, s)| walk_schemas(s, &here.child(name), f))
                    }
                    child => walk_schemas(child, &here, f),
                }
            }
        }
        Value::Array(items) => {
            items.iter().enumerate().for_each(|(i, item)| walk_schemas(item, &at.index(i), f))
        }
        _ => {}
    }
}

/// Calls `f` on every schema object in `v`, mutably, before walking what it holds then,
/// under the same policy as [`walk_schemas`].
pub fn walk_schemas_mut(v: &mut Value, f: &mut dyn FnMut(&mut Map<String, Value>)) {
    match v {
        Value::Object(o) => {
            f(o);
            for (k, child) in o.iter_mut() {
                if DATA_KEYWORDS.contains(&k.as_str()) {
                    continue;
                }
                match child {
                    Value::Object(map) if SCHEMA_MAPS.contains(&k.as_str()) => {
                        map.values_mut().for_each(|s| walk_schemas_mut(s, f))
                    }
                    child => walk_schemas_mut(child, f),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| walk_schemas_mut(item, f)),
        _ => {}
    }
}

/// Whether `test` holds for a schema object inside `v` (itself included).
pub fn any_schema(v: &Value, test: &dyn Fn(&Map<String, Value>) -> bool) -> bool {
    let mut found = false;
    walk_schemas(v, &JsonPointer::root(), &mut |_, o| {
        found = found || test(o);
        if found {
            Descend::No
        } else {
            Descend::Yes
        }
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(v: &Value) -> Vec<String> {
        let mut out = Vec::new();
        walk_schemas(v, &JsonPointer::root(), &mut |at, o| {
            if o.contains_key("$ref") {
                out.push(at.to_string());
            }
            Descend::Yes
        });
        out
    }

    #[test]
    fn the_mutable_walk_takes_the_same_schemas() {
        let mut schema = serde_json::json!({
            "properties": { "default": { "x": 1 } },
            "default": { "x": 1 },
            "items": [{ "x": 1 }],
        });
        walk_schemas_mut(&mut schema, &mut |o| {
            if let Some(x) = o.get_mut("x") {
                *x = Value::from(2);
            }
        });
        let expected = serde_json::json!({
            "properties": { "default": { "x": 2 } },
            "default": { "x": 1 },
            "items": [{ "x": 2 }],
        });
        assert_eq!(schema, expected);
    }

    #[test]
    fn data_keywords_are_skipped_only_where_they_are_keywords() {
        let schema = serde_json::json!({
            "properties": {
                "default": { "$ref": "a.json" },
                "enum": { "items": { "$ref": "b.json" } },
            },
            "default": { "$ref": "not-a-schema.json" },
            "examples": [{ "$ref": "nor-this.json" }],
            "$defs": { "const": { "$ref": "c.json" } },
            "allOf": [{ "$ref": "d.json" }],
        });
        assert_eq!(
            refs(&schema),
            ["/properties/default", "/properties/enum/items", "/$defs/const", "/allOf/0"]
        );
    }
}
