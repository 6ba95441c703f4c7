//! Keywords by what they are: asserting vocabulary, data, maps of schemas, and the
//! family of the one JSON type each asserts something of.

use serde_json::Value;

/// A JSON type, as `type` names it: the runtime's own enum, which the checks take.
pub use schemagen_runtime::JsonType as JsonKind;

/// Keywords that assert or apply subschemas (2020-12, draft-07 and OpenAPI 3.0). Every
/// other keyword is an annotation and changes nothing about validity.
pub const VOCABULARY: &[&str] = &[
    "type",
    "enum",
    "const",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "maxContains",
    "minContains",
    "maxProperties",
    "minProperties",
    "required",
    "dependentRequired",
    "prefixItems",
    "items",
    "contains",
    "additionalProperties",
    "properties",
    "patternProperties",
    "dependentSchemas",
    "propertyNames",
    "if",
    "then",
    "else",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "unevaluatedItems",
    "unevaluatedProperties",
    "$ref",
    "$dynamicRef",
    "$recursiveRef",
    "dependencies",
    "additionalItems",
];

/// Keywords whose values are data, not schemas: a `$ref` or `$anchor` in them is none.
pub const DATA_KEYWORDS: &[&str] = &["const", "enum", "default", "examples", "example"];

/// Keywords (and OpenAPI's `schemas`) whose values map names to schemas.
pub const SCHEMA_MAPS: &[&str] = &[
    "properties",
    "patternProperties",
    "$defs",
    "definitions",
    "dependentSchemas",
    "dependencies",
    "schemas",
];

/// Keywords that assert something of one JSON type only, by that type.
const FAMILIES: &[(&str, &[&str])] = &[
    (
        "object",
        &[
            "properties",
            "required",
            "additionalProperties",
            "patternProperties",
            "minProperties",
            "maxProperties",
            "propertyNames",
            "dependentRequired",
            "dependencies",
        ],
    ),
    ("string", &["pattern", "minLength", "maxLength", "format"]),
    (
        "array",
        &[
            "items",
            "prefixItems",
            "additionalItems",
            "minItems",
            "maxItems",
            "uniqueItems",
            "contains",
            "minContains",
            "maxContains",
        ],
    ),
    ("number", &["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"]),
];

/// Whether `keyword` can reject a value of JSON type `kind` (`integer` counts as
/// `number`): keywords of another type's family pass every such value.
pub fn applies_to(keyword: &str, kind: &str) -> bool {
    let kind = if kind == "integer" { "number" } else { kind };
    FAMILIES.iter().all(|(family, members)| *family == kind || !members.contains(&keyword))
}

/// The JSON type whose family holds `keyword`, if one does.
pub fn family_of(keyword: &str) -> Option<(&'static str, &'static [&'static str])> {
    FAMILIES.iter().copied().find(|(_, members)| members.contains(&keyword))
}

/// A count keyword's value (`maxLength`, `minItems`, ...): a non-negative integer, which
/// JSON Schema lets a number with a zero fractional part be (`2.0`).
pub fn count(v: &Value) -> Option<u64> {
    v.as_u64().or_else(|| {
        v.as_f64()
            .filter(|f| *f >= 0.0 && f.fract() == 0.0 && *f < u64::MAX as f64)
            .map(|f| f as u64)
    })
}

/// The JSON type `type` names `name`.
pub fn json_kind(name: &str) -> Option<JsonKind> {
    match name {
        "null" => Some(JsonKind::Null),
        "boolean" => Some(JsonKind::Boolean),
        "object" => Some(JsonKind::Object),
        "array" => Some(JsonKind::Array),
        "number" => Some(JsonKind::Number),
        "string" => Some(JsonKind::String),
        "integer" => Some(JsonKind::Integer),
        _ => None,
    }
}

/// Whether `value` is of the JSON type named `kind` (`integer`: a number with no fraction).
pub fn of_kind(value: &Value, kind: &str) -> bool {
    json_kind(kind).is_some_and(|k| k.matches(value))
}
