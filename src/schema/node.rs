//! A schema object as its dialect reads it: keywords a draft does not know dropped, a
//! scalar `const` read as its one-value `enum`, `type` as a list, and whether the node
//! is a struct or a string enum.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::dialect::{Dialect, Draft};

/// How a document's schemas are read.
#[derive(Debug, Clone, Copy)]
pub struct Reading {
    /// The document's dialect.
    pub dialect: Dialect,
    /// `format` asserts (instead of annotating) for this document.
    pub format_assertion: bool,
    /// `$ref` ignores its siblings (OpenAPI 3.0, JSON Schema draft-07 and before).
    pub ref_alone: bool,
    /// A draft-04 document: `const`, `contains`, `propertyNames` and `if`/`then`/`else`
    /// are no keywords there, only annotations.
    pub draft4: bool,
    /// A document with dynamic references (`$dynamicRef`, `$recursiveRef`), or with
    /// anchors that another document's look for: their scope passes through the
    /// resources a value reaches, so the root, a subschema with `$id` and a dynamic
    /// anchor stay JSON (checked from the root, where the scope starts).
    pub opaque_resources: bool,
    /// The document's draft (`None`: a dialect this program does not know), which a
    /// subschema's own `$schema` may contradict.
    pub draft: Option<Draft>,
}

impl Reading {
    /// A JSON Schema document whose `$schema` names a dialect this program does not know:
    /// its vocabularies may differ from any draft's, so nothing in it is typed.
    pub fn unknown_dialect(&self) -> bool {
        self.dialect == Dialect::JsonSchema && self.draft.is_none()
    }
}

/// Keywords of later drafts that draft-04 reads as annotations.
const AFTER_DRAFT4: &[&str] = &["const", "contains", "propertyNames", "if", "then", "else"];

/// `o` as its draft reads it: a string `const` as its one-value `enum` (see
/// [`const_as_enum`]), without the keywords draft-04 does not know, and with an
/// object's `unevaluatedProperties: false` as the `additionalProperties: false` it means
/// where no subschema evaluates properties.
pub fn as_read(reading: Reading, o: &Map<String, Value>) -> Cow<'_, Map<String, Value>> {
    if reading.draft4 && AFTER_DRAFT4.iter().any(|k| o.contains_key(*k)) {
        return Cow::Owned(
            o.iter()
                .filter(|(k, _)| !AFTER_DRAFT4.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        );
    }
    let o = const_as_enum(o);
    // Only a closed struct: a schema (or a map of no entries) would be lowered at
    // `additionalProperties`, a place the document does not have.
    let closed_object = o.get("unevaluatedProperties") == Some(&Value::Bool(false))
        && o.get("type").and_then(Value::as_str) == Some("object")
        && o.contains_key("properties");
    if reading.ref_alone
        || !closed_object
        || PROPERTY_APPLICATORS.iter().any(|k| o.contains_key(*k))
    {
        return o;
    }
    // Without subschemas that evaluate properties, the properties left unevaluated are
    // those `additionalProperties` would see (none, where it is present).
    let mut copy = o.into_owned();
    copy.remove("unevaluatedProperties");
    copy.entry("additionalProperties").or_insert(Value::Bool(false));
    Cow::Owned(copy)
}

/// Keywords whose subschemas may evaluate properties for `unevaluatedProperties`.
const PROPERTY_APPLICATORS: &[&str] =
    &["allOf", "anyOf", "oneOf", "if", "dependentSchemas", "$ref", "$dynamicRef", "$recursiveRef"];

/// `o` with a scalar `const` read as the one-value `enum` it is equivalent to, so that
/// const-tagged schemas lower like enum-tagged ones. A boolean or number `const` also
/// states its type where `type` does not (`{"const": false}` is a `bool`), and `null`
/// alone is `type: null`; a `type` that disagrees is left to the checks.
pub fn const_as_enum(o: &Map<String, Value>) -> Cow<'_, Map<String, Value>> {
    let Some(value) = o.get("const").filter(|_| !o.contains_key("enum")) else {
        return Cow::Borrowed(o);
    };
    let kind = match value {
        Value::String(_) => None,
        Value::Bool(_) => Some("boolean"),
        Value::Number(_) if exact_number(value, true) => Some("integer"),
        Value::Number(_) if exact_number(value, false) => Some("number"),
        Value::Null if !o.contains_key("type") => Some("null"),
        _ => return Cow::Borrowed(o),
    };
    let stated = o.get("type");
    if kind.is_some_and(|k| {
        stated.is_some_and(|t| t.as_str() != Some(k) && !(k == "integer" && t == "number"))
    }) {
        return Cow::Borrowed(o);
    }
    let mut copy = o.clone();
    copy.remove("const");
    match kind {
        Some("null") => {
            copy.insert("type".to_owned(), Value::from("null"));
        }
        Some(kind) => {
            copy.entry("type").or_insert_with(|| Value::from(kind));
            copy.insert("enum".to_owned(), Value::Array(vec![value.clone()]));
        }
        None => {
            copy.insert("enum".to_owned(), Value::Array(vec![value.clone()]));
        }
    }
    Cow::Owned(copy)
}

/// A number that `f64` holds exactly (below 2^53, with room), and for `integer` one
/// without a fraction, which the integer type reads (`1.0` as `1`).
pub fn exact_number(v: &Value, integer: bool) -> bool {
    v.as_f64().is_some_and(|n| n.abs() < 9.0e15 && (!integer || n.fract() == 0.0))
}

/// OpenAPI 3.0's `nullable: true`, which allows `null` besides what `type` says. It is
/// no keyword of JSON Schema or OpenAPI 3.1 (there `type` lists `null`).
pub fn openapi_nullable(dialect: Dialect, o: &Map<String, Value>) -> bool {
    dialect == Dialect::OpenApi30 && o.get("nullable") == Some(&Value::Bool(true))
}

/// `type` as a list without `null`, and whether `null` was in it.
pub fn type_list(o: &Map<String, Value>) -> (Vec<&str>, bool) {
    let mut types: Vec<&str> = match o.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let null = types.contains(&"null");
    types.retain(|t| *t != "null");
    (types, null)
}

/// The kinds of schema that become a named type of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nominal {
    /// A struct.
    Struct,
    /// A string enum.
    Enum,
}

/// Whether a schema (without `$ref`, `anyOf`, `allOf`) is a struct or a string enum.
/// JSON Schema needs an explicit `type: object` for a struct, since `properties` alone
/// also accepts non-objects; OpenAPI documents commonly leave it out.
pub fn nominal(dialect: Dialect, o: &Map<String, Value>) -> Option<Nominal> {
    let (types, _) = type_list(o);
    if let Some(values) = o.get("enum").and_then(Value::as_array) {
        let strings = values.iter().all(|v| v.is_string() || v.is_null())
            && values.iter().any(Value::is_string);
        return (strings && types.iter().all(|t| *t == "string")).then_some(Nominal::Enum);
    }
    let object = types == ["object"] || (types.is_empty() && dialect != Dialect::JsonSchema);
    (object && o.contains_key("properties")).then_some(Nominal::Struct)
}
