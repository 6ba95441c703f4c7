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
