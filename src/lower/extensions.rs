//! Every `x-*` extension the generator reads, in one place: the rules of a vendor's
//! dialect stay out of the generic lowering.

use serde_json::{Map, Value};

/// Stripe's `x-expansionResources` beside an `anyOf` of an id string and the object:
/// the field holds either, as `Expandable<T>`.
pub fn expandable(o: &Map<String, Value>) -> bool {
    o.contains_key("x-expansionResources")
}

/// Stripe's `x-stripeBypassValidation: true`: the enum may grow values, so unknown ones
/// are kept (under the default `unknown_enum_values` policy).
pub fn bypasses_validation(o: &Map<String, Value>) -> bool {
    o.get("x-stripeBypassValidation") == Some(&Value::Bool(true))
}

/// Whether a member of a schema object is a vendor extension (`x-...`), which asserts
/// nothing.
pub fn is_extension(key: &str) -> bool {
    key.starts_with("x-")
}

/// typify's `x-rust-type`: `{"crate": "my-crate", "version": "1.2", "path":
/// "my_crate::Money"}` replaces the schema by that type. Returns the crate, its version
/// and the path; an error says what is wrong.
pub fn rust_type(o: &Map<String, Value>) -> Option<Result<(String, String, String), String>> {
    let ext = o.get("x-rust-type")?;
    let text = |key: &str| ext.get(key).and_then(Value::as_str).map(str::to_owned);
    let (Some(krate), Some(version), Some(path)) = (text("crate"), text("version"), text("path"))
    else {
        return Some(Err(
            "`x-rust-type` needs the strings `crate`, `version` and `path`".to_owned()
        ));
    };
    if ext.get("parameters").and_then(Value::as_array).is_some_and(|p| !p.is_empty()) {
        return Some(Err("`x-rust-type` with `parameters` is not supported yet".to_owned()));
    }
    match crate::config::crate_of_type(&path) {
        Some(Some(first)) if first == krate.replace('-', "_") => Some(Ok((krate, version, path))),
        Some(_) => Some(Err(format!("the path `{path}` does not start with the crate `{krate}`"))),
        None => Some(Err(format!("`{path}` is not a Rust type path"))),
    }
}
