//! Inputs shared by the benches, read in place from the reference corpus.
#![allow(dead_code)]

use std::path::PathBuf;

use serde_json::Value;

/// The corpus folder, or `None` (after saying so loudly) when it is absent.
pub fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("SCHEMAGEN_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    if dir.join("README.md").is_file() {
        Some(dir)
    } else {
        eprintln!("\n*** SKIPPED: reference corpus not found at {} (set SCHEMAGEN_CORPUS) ***\n", dir.display());
        None
    }
}

/// Stripe's components as typify reads them: JSON Schema `definitions`, with OpenAPI
/// 3.0's `nullable` spelled as a `null` type.
pub fn stripe_for_typify(spec: &Value) -> Value {
    fn walk(v: &mut Value) {
        match v {
            Value::Object(o) => {
                if o.remove("nullable") == Some(Value::Bool(true)) {
                    if let Some(Value::String(t)) = o.get("type").cloned() {
                        o.insert("type".into(), serde_json::json!([t, "null"]));
                    }
                }
                if let Some(Value::String(r)) = o.get_mut("$ref") {
                    *r = r.replace("#/components/schemas/", "#/definitions/");
                }
                o.values_mut().for_each(walk);
            }
            Value::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    let mut definitions = spec["components"]["schemas"].clone();
    walk(&mut definitions);
    serde_json::json!({ "definitions": definitions })
}
