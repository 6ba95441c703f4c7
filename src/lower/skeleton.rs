//! The typed part of a schema that the typed lowering cannot express whole. It keeps the
//! keywords whose meaning a Rust type and its checks express, chosen so that every
//! instance the schema accepts passes them: the skeleton's type may accept more than the
//! schema, never less. The node then keeps that type, and `validate()` also checks the
//! value, as JSON, against the node's whole schema: typed, and still exact.

use serde_json::{Map, Value};

use super::plan::untyped_reason;
use crate::schema::{openapi_nullable, type_list, Reading, VOCABULARY};

/// True for keys that assert or apply subschemas; a skeleton keeps every other key (docs,
/// definitions, extensions) and picks among these.
fn asserting(key: &str) -> bool {
    VOCABULARY.contains(&key) || key == "format" || key == "nullable"
}

/// The keywords a typed part (`skeleton`, possibly narrowed since) has as `o` writes
/// them: the type made from it expresses them, so `o`'s whole-schema check skips them.
pub fn expressed(skeleton: &Map<String, Value>, o: &Map<String, Value>) -> Vec<String> {
    skeleton.iter().filter(|(k, v)| o.get(*k) == Some(*v)).map(|(k, _)| k.clone()).collect()
}

/// The skeleton of `o`, which `untyped_reason` refuses, or `None` when no typed part
/// is left (then the node stays JSON). `is_root` allows `$id`.
pub fn skeleton(
    reading: Reading,
    o: &Map<String, Value>,
    is_root: bool,
) -> Option<Map<String, Value>> {
    let mut out: Map<String, Value> =
        o.iter().filter(|(k, _)| !asserting(k)).map(|(k, v)| (k.clone(), v.clone())).collect();
    // A `type` list with `null` keeps it: the skeleton is an `Option`, and the check of
    // the whole schema is the `Option`'s, so that `null` is checked too. (OpenAPI 3.0's
    // `nullable` is not attempted.)
    let (types, null) = type_list(o);
    if openapi_nullable(reading.dialect, o) || (null && types.len() != 1) {
        return None;
    }
    let keep = |out: &mut Map<String, Value>, keys: &[&str]| {
        for k in keys {
            if let Some(v) = o.get(*k) {
                out.insert((*k).to_owned(), v.clone());
            }
        }
    };
    if o.get("$ref").is_some_and(Value::is_string) {
        // Every keyword beside `$ref` only narrows what the target accepts.
        keep(&mut out, &["$ref"]);
    } else if let [t] = types.as_slice() {
        keep(&mut out, &["type", "format"]);
        match *t {
            "object" => {
                keep(&mut out, &["properties"]);
                let listed = o.get("properties").and_then(Value::as_object);
                if let (Some(listed), Some(required)) =
                    (listed, o.get("required").and_then(Value::as_array))
                {
                    let required: Vec<Value> = required
                        .iter()
                        .filter(|r| r.as_str().is_some_and(|r| listed.contains_key(r)))
                        .cloned()
                        .collect();
                    out.insert("required".to_owned(), Value::Array(required));
                }
                // `additionalProperties` depends on `patternProperties` beside it: kept
                // together when a type expresses both.
                if !o.contains_key("patternProperties") {
                    keep(&mut out, &["additionalProperties"]);
                } else if super::plan::typed_pattern(o).is_some() {
                    keep(&mut out, &["additionalProperties", "patternProperties"]);
                }
                if listed.is_none() {
                    keep(&mut out, &["minProperties", "maxProperties"]);
                }
            }
            "array" => {
                if o.get("items").is_some_and(|i| i.is_object() || i.is_boolean())
                    && !o.contains_key("prefixItems")
                {
                    keep(&mut out, &["items", "uniqueItems"]);
                }
                keep(&mut out, &["minItems", "maxItems"]);
            }
            "string" => keep(&mut out, &["minLength", "maxLength", "pattern", "enum"]),
            "integer" | "number" => keep(
                &mut out,
                &[
                    "minimum",
                    "maximum",
                    "exclusiveMinimum",
                    "exclusiveMaximum",
                    "multipleOf",
                    "enum",
                ],
            ),
            "boolean" => keep(&mut out, &["enum"]),
            _ => return None,
        }
    } else if let Some(keyword) =
        ["allOf", "anyOf", "oneOf"].into_iter().find(|k| o.contains_key(*k))
    {
        // Branches that name no type of their own (`required` alone, say) split nothing:
        // the `type` list does.
        let untyped_branches = o.get(keyword).and_then(Value::as_array).is_some_and(|b| {
            b.iter().all(|b| {
                b.as_object().is_some_and(|b| {
                    !["type", "$ref", "enum", "const"].iter().any(|k| b.contains_key(*k))
                })
            })
        });
        if types.len() > 1 && untyped_branches {
            return by_type(reading, o, &types, is_root);
        }
        keep(&mut out, &[keyword, "type"]);
    } else {
        return None;
    }
    if untyped_reason(reading, &out, is_root).is_some() {
        // A listed value the typed enum cannot hold, say: the skeleton goes without it.
        out.remove("enum");
        out.remove("uniqueItems");
    }
    if null && out.contains_key("type") {
        out.insert("type".to_owned(), serde_json::json!([types[0], "null"]));
    }
    let typed = untyped_reason(reading, &out, is_root).is_none()
        && (out.contains_key("$ref")
            || out.contains_key("type")
            || out.keys().any(|k| ["allOf", "anyOf", "oneOf"].contains(&k.as_str())));
    typed.then_some(out)
}

/// For a `type` of several types beside a composition the skeleton cannot keep: each
/// type's own skeleton, together (their keywords are of disjoint families), which the
/// lowering splits into a union by JSON type.
fn by_type(
    reading: Reading,
    o: &Map<String, Value>,
    types: &[&str],
    is_root: bool,
) -> Option<Map<String, Value>> {
    let mut out = Map::new();
    for t in types {
        let mut single: Map<String, Value> = o
            .iter()
            .filter(|(k, _)| !["allOf", "anyOf", "oneOf"].contains(&k.as_str()))
            .filter(|(k, _)| crate::schema::applies_to(k, t))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        single.insert("type".to_owned(), Value::from(*t));
        out.extend(skeleton(reading, &single, is_root)?);
    }
    out.insert("type".to_owned(), o.get("type")?.clone());
    Some(out)
}
