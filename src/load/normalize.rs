//! Rewrites OpenAPI 3.0 spellings into JSON Schema, for the copy of a document that the
//! generated code embeds to validate values kept as JSON. Pointers of existing
//! subschemas stay valid: nothing is moved, only keywords are added or rewritten.

use serde_json::{Map, Value};

use crate::schema::walk_schemas_mut;

/// The document as JSON Schema 2020-12 would read it.
pub fn normalize_openapi30(value: &Value) -> Value {
    let mut out = value.clone();
    if let Some(schemas) = out.pointer_mut("/components/schemas").and_then(Value::as_object_mut) {
        // Data keywords (an `example` with a `nullable` member, say) are left as written.
        for value in schemas.values_mut() {
            walk_schemas_mut(value, &mut schema);
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn schemas_are_rewritten_and_data_is_left_as_written() {
        let document = json!({ "components": { "schemas": { "a": {
            "type": "object",
            "nullable": true,
            "properties": { "default": { "type": "string", "nullable": true } },
            "example": { "nullable": true },
            "enum": [{ "nullable": true }],
        } } } });
        let a = super::normalize_openapi30(&document)["components"]["schemas"]["a"].clone();
        assert_eq!(a["type"], json!(["object", "null"]));
        assert_eq!(a["properties"]["default"], json!({ "type": ["string", "null"] }));
        assert_eq!(a["example"], json!({ "nullable": true }));
        assert_eq!(a["enum"], json!([{ "nullable": true }, null]));
    }
}
