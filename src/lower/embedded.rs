//! The documents that generated code embeds to check the values kept as JSON. Their
//! references are re-encoded so that the validator reads them as the generator did,
//! and every embedded subschema is compiled here by the runtime's own code: what would
//! fail at run time fails now, with a located diagnostic.

use serde_json::Value;

use crate::config::Config;
use crate::diag::Diagnostics;
use crate::load::{collect_remotes, components_closure, encode_reference, Document};
use crate::model::Embedded;
use crate::schema::{walk_schemas_mut, Dialect, JsonPointer};

/// What `doc` embeds for the schemas at `pointers` (its `Check::Schema`s).
pub(super) fn embed(
    config: &Config,
    doc: &Document,
    pointers: &[JsonPointer],
    diags: &mut Diagnostics,
) -> Embedded {
    let (mut value, base) = doc.embedded();
    encode_references(&mut value);
    // OpenAPI documents embed only the components their untyped values need.
    if doc.dialect != Dialect::JsonSchema {
        if let Some(pruned) = components_closure(&value, pointers) {
            value = pruned;
        }
    }
    let (remotes, missing) = match collect_remotes(config, &value, &base) {
        Ok(remotes) => (remotes, false),
        Err(e) => {
            let at = e.at.as_ref().map_or("", JsonPointer::as_str);
            diags.error(&doc.file, at, e.message);
            (Vec::new(), true)
        }
    };
    let embedded = Embedded {
        document: value.to_string(),
        base,
        remotes,
        formats: doc.config.format_assertion,
    };
    if missing {
        // The validator would only repeat that error.
        return embedded;
    }
    let remotes: Vec<(&str, &str)> =
        embedded.remotes.iter().map(|(u, d)| (u.as_str(), d.as_str())).collect();
    match schemagen_runtime::registry(&embedded.document, &embedded.base, &remotes) {
        Ok(registry) => {
            for pointer in pointers {
                if let Err(e) = schemagen_runtime::compile(
                    &registry,
                    &embedded.document,
                    &embedded.base,
                    &pointer.uri_fragment(),
                    embedded.formats,
                ) {
                    diags.error(&doc.file, pointer.as_str(), format!("the validator that checks this value at run time cannot compile its schema: {e}"));
                }
            }
        }
        Err(e) => diags.error(
            &doc.file,
            "",
            format!("the validator that checks values kept as JSON cannot read this document: {e}"),
        ),
    }
    embedded
}

/// Rewrites every `$ref` (and `$dynamicRef`) in the schemas of `value` to a valid URI
/// reference with the same meaning (see [`encode_reference`]).
pub fn encode_references(value: &mut Value) {
    walk_schemas_mut(value, &mut |o| {
        for key in ["$ref", "$dynamicRef"] {
            if let Some(Value::String(r)) = o.get_mut(key) {
                *r = encode_reference(r);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_encoded_outside_data() {
        let mut doc = serde_json::json!({
            "properties": { "enum": { "$ref": "#/$defs/a b" }, "x": { "const": { "$ref": "#/$defs/a b" } } },
            "items": [{ "$ref": "#/$defs/<T>" }],
            "default": { "$ref": "keep me" },
        });
        encode_references(&mut doc);
        assert_eq!(doc["properties"]["enum"]["$ref"], "#/$defs/a%20b");
        assert_eq!(doc["properties"]["x"]["const"]["$ref"], "#/$defs/a b");
        assert_eq!(doc["items"][0]["$ref"], "#/$defs/%3CT%3E");
        assert_eq!(doc["default"]["$ref"], "keep me");
    }
}
