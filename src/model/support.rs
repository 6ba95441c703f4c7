//! Which schemas get a precise Rust type. A schema whose assertions the typed lowering
//! cannot express exactly stays a `serde_json::Value`, checked against the schema itself.

use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::load::Dialect;

/// Keywords that assert or apply subschemas (2020-12, draft-07 and OpenAPI 3.0). Every
/// other keyword is an annotation and changes nothing about validity.
pub(super) const VOCABULARY: &[&str] = &[
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
    "$dynamicAnchor",
    "$recursiveRef",
    "$recursiveAnchor",
    "dependencies",
    "additionalItems",
    "$id",
];

/// Keywords the typed lowering expresses exactly (with the conditions checked below).
const TYPED: &[&str] = &[
    "type",
    "enum",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "minLength",
    "maxLength",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
];

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
}

/// Keywords of later drafts that draft-04 reads as annotations.
const AFTER_DRAFT4: &[&str] = &["const", "contains", "propertyNames", "if", "then", "else"];

/// `o` as its draft reads it: a string `const` as its one-value `enum` (see
/// [`const_as_enum`]), and without the keywords draft-04 does not know.
pub fn as_read(reading: Reading, o: &Map<String, Value>) -> Cow<'_, Map<String, Value>> {
    if reading.draft4 && AFTER_DRAFT4.iter().any(|k| o.contains_key(*k)) {
        return Cow::Owned(
            o.iter()
                .filter(|(k, _)| !AFTER_DRAFT4.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        );
    }
    const_as_enum(o)
}

/// Why `o` cannot be typed exactly, or `None` when it can. `is_root` allows `$id`.
pub fn untyped_reason(reading: Reading, o: &Map<String, Value>, is_root: bool) -> Option<String> {
    let dialect = reading.dialect;
    // An asserted format is a check of strings: typed where `type` says string (or says
    // a single other type, which the format does not apply to), `null` beside it or not.
    let single_type = match o.get("type") {
        Some(Value::String(_)) => true,
        Some(Value::Array(_)) => super::lower::type_list(o).0.len() == 1,
        _ => false,
    };
    if reading.format_assertion
        && o.get("format").is_some_and(Value::is_string)
        && !single_type
        && !o.contains_key("$ref")
    {
        return Some("an asserted `format` without a single `type`".to_owned());
    }
    let vocab: Vec<&str> =
        o.keys().map(String::as_str).filter(|k| VOCABULARY.contains(k)).collect();
    // The document root may carry `$id`: it sets the base URI every reference starts from.
    let root_id = |k: &str| is_root && k == "$id";
    let others = |allowed: &[&str]| {
        vocab
            .iter()
            .find(|k| !(allowed.contains(k) || root_id(k)))
            .map(|k| format!("`{k}` beside `{}`", allowed[0]))
    };
    if let Some(reference) = o.get("$ref") {
        if !reference.is_string() {
            return Some("a `$ref` that is not a string".to_owned());
        }
        return if reading.ref_alone { None } else { others(&["$ref"]) };
    }
    for keyword in ["anyOf", "oneOf"] {
        let Some(branches) = o.get(keyword) else { continue };
        if keyword == "anyOf" && o.contains_key("x-expansionResources") {
            return None;
        }
        // Several branches may still be typed: lowering checks they are of disjoint types,
        // and that a `type` beside them only repeats what the branches say.
        return match branches.as_array().map(Vec::len) {
            Some(n) if n >= 1 => others(&[keyword, "type"]),
            _ => Some(format!("`{keyword}` without branches")),
        };
    }
    if let Some(branches) = o.get("allOf") {
        // Several object branches may still merge into one struct: lowering checks.
        return match branches.as_array().map(Vec::len) {
            Some(n) if n >= 1 => others(&["allOf", "type", "properties", "required"]),
            _ => Some("`allOf` without branches".to_owned()),
        };
    }
    let typed_keyword = |k: &str| {
        TYPED.contains(&k) || root_id(k) || (k == "patternProperties" && typed_pattern(o).is_some())
    };
    if let Some(k) = vocab.iter().find(|k| !typed_keyword(k)) {
        return Some(format!("`{k}`"));
    }
    let (types, _) = super::lower::type_list(o);
    if types.len() > 1 {
        return Some("a `type` with several types".to_owned());
    }
    if o.get("type").is_some() && types.is_empty() {
        // `null` alone is `()`.
        return (vocab != ["type"]).then(|| "`type: null` with other keywords".to_owned());
    }
    if o.contains_key("enum") {
        let only_enum = vocab.iter().all(|k| ["enum", "type"].contains(k));
        let strings = super::lower::nominal(dialect, o) == Some(super::lower::Nominal::Enum);
        return (!(only_enum && (strings || scalar_enum(o).is_some())))
            .then(|| "`enum` of values other than strings, or with other keywords".to_owned());
    }
    match types.first().copied() {
        None => {
            let struct_like = dialect != Dialect::JsonSchema
                && (o.contains_key("properties") || o.contains_key("additionalProperties"));
            match vocab.iter().find(|k| **k != "$id") {
                Some(k) if !struct_like => Some(format!("`{k}` without a single `type`")),
                _ => object_reason(o),
            }
        }
        Some("object") => object_reason(o),
        Some("array") => match o.get("items") {
            Some(Value::Array(_)) => Some("`items` as an array".to_owned()),
            None | Some(Value::Bool(true)) if o.get("uniqueItems") == Some(&Value::Bool(true)) => {
                Some("`uniqueItems` over untyped items".to_owned())
            }
            _ => None,
        },
        Some("string" | "integer" | "number" | "boolean") => None,
        Some(other) => Some(format!("`type: {other}`")),
    }
}

/// `patternProperties` that a type expresses exactly: one pattern that compiles, beside
/// `additionalProperties: false` and `type: object`, matching no listed property (whose
/// value would need both schemas). Returns the pattern and its schema.
pub fn typed_pattern(o: &Map<String, Value>) -> Option<(&str, &Value)> {
    let patterns = o.get("patternProperties")?.as_object()?;
    let (pattern, schema) = patterns.iter().next().filter(|_| patterns.len() == 1)?;
    let object = o.get("type").and_then(Value::as_str) == Some("object");
    if !object || o.get("additionalProperties") != Some(&Value::Bool(false)) {
        return None;
    }
    let validator = schemagen_runtime::compile_pattern(pattern).ok()?;
    let listed = o.get("properties").and_then(Value::as_object);
    let clash =
        listed.is_some_and(|p| p.keys().any(|k| validator.is_valid(&Value::from(k.as_str()))));
    (!clash).then_some((pattern.as_str(), schema))
}

/// For `enum` beside a single `type` of `boolean`, `integer` or `number`: the listed
/// values of that type (others can never match).
pub fn scalar_enum(o: &Map<String, Value>) -> Option<Vec<Value>> {
    let (types, _) = super::lower::type_list(o);
    let fits: fn(&Value) -> bool = match types.as_slice() {
        ["boolean"] => Value::is_boolean,
        ["integer"] => |v| exact_number(v, true),
        ["number"] => Value::is_number,
        _ => return None,
    };
    Some(o.get("enum")?.as_array()?.iter().filter(|v| fits(v)).cloned().collect())
}

fn object_reason(o: &Map<String, Value>) -> Option<String> {
    let properties = o.get("properties").and_then(Value::as_object);
    let required =
        o.get("required").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    match properties {
        Some(props) => {
            if required.iter().any(|r| r.as_str().is_none_or(|r| !props.contains_key(r))) {
                return Some(
                    "`required` names a property that `properties` does not list".to_owned(),
                );
            }
            ["minProperties", "maxProperties"]
                .iter()
                .find(|k| o.contains_key(**k))
                .map(|k| format!("`{k}` beside `properties`"))
        }
        None if !required.is_empty() => Some("`required` without `properties`".to_owned()),
        None => None,
    }
}

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
fn exact_number(v: &Value, integer: bool) -> bool {
    v.as_f64().is_some_and(|n| n.abs() < 9.0e15 && (!integer || n.fract() == 0.0))
}

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

/// The one JSON type that every asserting keyword of `o` applies to, for a schema
/// without `type` (`properties` alone, say): its instances are that type's values that
/// pass those keywords, and every value of another type. `None` when keywords of several
/// types, or others (compositions, `enum`, references), are present.
pub fn implied_type(reading: Reading, o: &Map<String, Value>) -> Option<&'static str> {
    if reading.dialect != Dialect::JsonSchema || o.contains_key("type") {
        return None;
    }
    let format = reading.format_assertion && o.get("format").is_some_and(Value::is_string);
    let keys: Vec<&str> = o
        .keys()
        .map(String::as_str)
        .filter(|k| VOCABULARY.contains(k) || (*k == "format" && format))
        .collect();
    let family =
        FAMILIES.iter().find(|(_, members)| keys.first().is_some_and(|k| members.contains(k)))?;
    keys.iter().all(|k| family.1.contains(k)).then_some(family.0)
}

/// A count keyword's value (`maxLength`, `minItems`, ...): a non-negative integer, which
/// JSON Schema lets a number with a zero fractional part be (`2.0`).
pub(super) fn count(v: &Value) -> Option<u64> {
    v.as_u64().or_else(|| {
        v.as_f64()
            .filter(|f| *f >= 0.0 && f.fract() == 0.0 && *f < u64::MAX as f64)
            .map(|f| f as u64)
    })
}

/// A `type` list of several JSON types (besides `null`) on a schema the types can split:
/// the types, `integer` left out beside `number` (which holds it), and whether `null` is
/// listed. `None` for `$ref` or `const` beside it; an `enum` leaves out the types none of
/// its values has.
pub fn type_union(reading: Reading, o: &Map<String, Value>) -> Option<(Vec<&'static str>, bool)> {
    const KINDS: &[&str] = &["boolean", "integer", "number", "string", "array", "object"];
    let listed = o.get("type")?.as_array()?;
    if ["$ref", "const"].iter().any(|k| o.contains_key(*k)) || reading.dialect == Dialect::OpenApi30
    {
        return None;
    }
    let listed_values = o.get("enum").map(|e| e.as_array().map(Vec::as_slice).unwrap_or_default());
    let names: Vec<&str> = listed.iter().map(Value::as_str).collect::<Option<_>>()?;
    if !names.iter().all(|n| KINDS.contains(n) || *n == "null") {
        return None;
    }
    let number = names.contains(&"number");
    let kinds: Vec<&'static str> = KINDS
        .iter()
        .copied()
        .filter(|k| names.contains(k) && !(*k == "integer" && number))
        .filter(|k| listed_values.is_none_or(|values| values.iter().any(|v| of_kind(v, k))))
        .collect();
    let null =
        names.contains(&"null") && listed_values.is_none_or(|values| values.contains(&Value::Null));
    (kinds.len() > 1).then_some((kinds, null))
}

/// Whether `value` is of the JSON type named `kind` (`integer`: a number with no fraction).
pub fn of_kind(value: &Value, kind: &str) -> bool {
    super::json_check::json_kind(kind).is_some_and(|k| k.matches(value))
}
