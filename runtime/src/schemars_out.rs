//! `schemars::JsonSchema` of generated types: each returns its source schema (every
//! constraint, as JSON Schema 2020-12), with the generator's subschemas of the other
//! generated types it refers to.

use ::serde_json::Value;

/// The schema of JSON Schema `text` whose subschemas at `refs` (JSON pointers into it)
/// are other generated types: each is replaced by the generator's schema of that type
/// (a `$ref` to its definition).
pub fn schema_with_refs(
    text: &str,
    refs: ::std::vec::Vec<(&str, ::schemars::Schema)>,
) -> ::schemars::Schema {
    // The text is written by the generator from a parsed document: it is JSON.
    let mut value: Value = ::serde_json::from_str(text).unwrap_or(Value::Bool(true));
    for (pointer, schema) in refs {
        if let Some(slot) = value.pointer_mut(pointer) {
            *slot = schema.to_value();
        }
    }
    ::schemars::Schema::try_from(value).unwrap_or_else(|_| ::schemars::Schema::from(true))
}

#[cfg(test)]
mod tests {
    #[test]
    fn subschemas_take_their_places() {
        let inner =
            ::schemars::Schema::try_from(::serde_json::json!({ "$ref": "#/$defs/B" })).unwrap();
        let schema = super::schema_with_refs(
            r#"{"type": "object", "properties": {"b": true, "c": {"type": "string"}}}"#,
            vec![("/properties/b", inner)],
        );
        assert_eq!(
            schema.to_value(),
            ::serde_json::json!({ "type": "object", "properties": { "b": { "$ref": "#/$defs/B" }, "c": { "type": "string" } } })
        );
    }
}
