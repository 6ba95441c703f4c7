//! Rewrites OpenAPI 3.0 spellings into JSON Schema, for the copy of a document that the
//! generated code embeds to validate values kept as JSON. Pointers of existing
//! subschemas stay valid: nothing is moved, only keywords are added or rewritten.

use serde_json::{Map, Value};

/// The document as JSON Schema 2020-12 would read it.
pub fn normalize_openapi30(value: &Value) -> Value {
    let mut out = value.clone();
    if let Some(schemas) = out.pointer_mut("/components/schemas").and_then(Value::as_object_mut) {
        for schema in schemas.values_mut() {
            walk(schema);
        }
    }
    out
}

fn walk(v: &mut Value) {
    match v {
        Value::Object(o) => {
            schema(o);
            o.values_mut().for_each(walk);
        }
        Value::Array(items) => items.iter_mut().for_each(walk),
        _ => {}
    }
}

fn schema(o: &mut Map<String, Value>) {
    for (flag, bound) in [("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")] {
        if let Some(Value::Bool(exclusive)) = o.get(flag).cloned() {
            o.remove(flag);
            if exclusive {
                if let Some(limit) = o.remove(bound) {
                    o.insert(flag.to_owned(), limit);
                }
            }
        }
    }
    if o.remove("nullable") != Some(Value::Bool(true)) {
        return;
    }
    let null = Value::from("null");
    if let Some(Value::Array(values)) = o.get_mut("enum") {
        if !values.contains(&Value::Null) {
            values.push(Value::Null);
        }
    }
    match o.get_mut("type") {
        Some(Value::String(t)) => {
            let t = Value::from(t.as_str());
            o.insert("type".to_owned(), Value::Array(vec![t, null]));
            return;
        }
        Some(Value::Array(types)) => {
            if !types.contains(&null) {
                types.push(null);
            }
            return;
        }
        _ => {}
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(Value::Array(branches)) = o.get_mut(key) {
            branches.push(serde_json::json!({ "type": "null" }));
            return;
        }
    }
}
