//! What a schema node becomes, decided from the node before anything is built: typed
//! exactly, typed by a part of it (the rest checked as JSON), split by JSON type, or kept
//! as JSON. A schema whose assertions the typed lowering cannot express exactly stays a
//! `serde_json::Value`, checked against the schema itself.

use serde_json::{Map, Value};

use crate::model::KeptReason;

use crate::schema::{
    exact_number, family_of, nominal, of_kind, type_list, Dialect, Draft, Nominal, Reading,
    VOCABULARY,
};

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

/// Why `o` cannot be typed exactly, or `None` when it can. `is_root` allows `$id`.
pub fn untyped_reason(
    reading: Reading,
    o: &Map<String, Value>,
    is_root: bool,
) -> Option<KeptReason> {
    let dialect = reading.dialect;
    // An asserted format is a check of strings: typed where `type` says string (or says
    // a single other type, which the format does not apply to), `null` beside it or not.
    let single_type = match o.get("type") {
        Some(Value::String(_)) => true,
        Some(Value::Array(_)) => type_list(o).0.len() == 1,
        _ => false,
    };
    if reading.format_assertion
        && o.get("format").is_some_and(Value::is_string)
        && !single_type
        && !o.contains_key("$ref")
    {
        return Some(KeptReason::AssertedFormatWithoutType);
    }
    if reading.unknown_dialect() {
        return Some(KeptReason::UnknownDialect);
    }
    // An embedded resource of another draft: its keywords mean other things.
    let foreign = |s: &Value| s.is_string() && Draft::of_schema(Some(s)) != reading.draft;
    if !is_root && reading.dialect == Dialect::JsonSchema && o.get("$schema").is_some_and(foreign) {
        return Some(KeptReason::Keyword("$schema".to_owned()));
    }
    // Where dynamic references remain, the scope of each starts at the document's root.
    if reading.opaque_resources && is_root {
        return Some(KeptReason::DynamicScope);
    }
    // Where dynamic references remain, an anchor of theirs may change what a value means.
    let anchors = ["$dynamicAnchor", "$recursiveAnchor"];
    if let Some(k) = anchors.iter().find(|k| reading.opaque_resources && o.contains_key(**k)) {
        return Some(KeptReason::Keyword((*k).to_owned()));
    }
    if reading.opaque_resources
        && !is_root
        && o.get(id_keyword(reading)).is_some_and(Value::is_string)
    {
        return Some(KeptReason::Keyword(id_keyword(reading).to_owned()));
    }
    let vocab: Vec<&str> =
        o.keys().map(String::as_str).filter(|k| VOCABULARY.contains(k)).collect();
    // The document root may carry `$id`: it sets the base URI every reference starts from.
    let root_id = |k: &str| is_root && k == "$id";
    let others = |allowed: &[&str]| {
        vocab
            .iter()
            .find(|k| !(allowed.contains(k) || root_id(k)))
            .map(|k| KeptReason::Beside { keyword: (*k).to_owned(), beside: allowed[0].to_owned() })
    };
    if let Some(reference) = o.get("$ref") {
        if !reference.is_string() {
            return Some(KeptReason::RefNotString);
        }
        return if reading.ref_alone { None } else { others(&["$ref"]) };
    }
    for keyword in ["anyOf", "oneOf"] {
        let Some(branches) = o.get(keyword) else { continue };
        if keyword == "anyOf" && super::extensions::expandable(o) {
            return None;
        }
        // Several branches may still be typed: lowering checks they are of disjoint types,
        // and that a `type` beside them only repeats what the branches say.
        return match branches.as_array().map(Vec::len) {
            Some(n) if n >= 1 => others(&[keyword, "type"]),
            _ => Some(KeptReason::WithoutBranches(keyword.to_owned())),
        };
    }
    if let Some(branches) = o.get("allOf") {
        // Several object branches may still merge into one struct: lowering checks.
        let closed = closed_by_unevaluated(reading, o);
        let allowed: &[&str] = match closed {
            true => &["allOf", "type", "properties", "required", "unevaluatedProperties"],
            false => &["allOf", "type", "properties", "required"],
        };
        return match branches.as_array().map(Vec::len) {
            Some(n) if n >= 1 => others(allowed),
            _ => Some(KeptReason::WithoutBranches("allOf".to_owned())),
        };
    }
    let typed_keyword = |k: &str| {
        TYPED.contains(&k) || root_id(k) || (k == "patternProperties" && typed_pattern(o).is_some())
    };
    if let Some(k) = vocab.iter().find(|k| !typed_keyword(k)) {
        return Some(KeptReason::Keyword((*k).to_owned()));
    }
    let (types, _) = type_list(o);
    if types.len() > 1 {
        return Some(KeptReason::SeveralTypes);
    }
    if o.get("type").is_some() && types.is_empty() {
        // `null` alone is `()`.
        return (vocab != ["type"]).then_some(KeptReason::NullWithOthers);
    }
    if o.contains_key("enum") {
        let only_enum = vocab.iter().all(|k| ["enum", "type"].contains(k));
        let strings = nominal(dialect, o) == Some(Nominal::Enum);
        return (!(only_enum && (strings || scalar_enum(o).is_some())))
            .then_some(KeptReason::MixedEnum);
    }
    match types.first().copied() {
        None => {
            let struct_like = dialect != Dialect::JsonSchema
                && (o.contains_key("properties") || o.contains_key("additionalProperties"));
            match vocab.iter().find(|k| **k != "$id") {
                Some(k) if !struct_like => Some(KeptReason::WithoutSingleType((*k).to_owned())),
                _ => object_reason(o),
            }
        }
        Some("object") => object_reason(o),
        Some("array") => match o.get("items") {
            Some(Value::Array(_)) => Some(KeptReason::ItemsArray),
            None | Some(Value::Bool(true)) if o.get("uniqueItems") == Some(&Value::Bool(true)) => {
                Some(KeptReason::UniqueUntypedItems)
            }
            _ => None,
        },
        Some("string" | "integer" | "number" | "boolean") => None,
        Some(other) => Some(KeptReason::UnknownType(other.to_owned())),
    }
}

/// The keyword that names a resource: `id` in draft-04, `$id` after.
fn id_keyword(reading: Reading) -> &'static str {
    if reading.draft4 {
        "id"
    } else {
        "$id"
    }
}

/// `unevaluatedProperties: false`, in a dialect that has it (2019-09 on, the same that
/// read `$ref`'s siblings): where the `allOf` beside it merges into one struct of plain
/// object branches, the properties evaluated are the struct's, so it is closed.
pub fn closed_by_unevaluated(reading: Reading, o: &Map<String, Value>) -> bool {
    !reading.ref_alone && o.get("unevaluatedProperties") == Some(&Value::Bool(false))
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
    let (types, _) = type_list(o);
    let fits: fn(&Value) -> bool = match types.as_slice() {
        ["boolean"] => Value::is_boolean,
        ["integer"] => |v| exact_number(v, true),
        ["number"] => Value::is_number,
        _ => return None,
    };
    Some(o.get("enum")?.as_array()?.iter().filter(|v| fits(v)).cloned().collect())
}

fn object_reason(o: &Map<String, Value>) -> Option<KeptReason> {
    let properties = o.get("properties").and_then(Value::as_object);
    let required =
        o.get("required").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    match properties {
        Some(props) => {
            if required.iter().any(|r| r.as_str().is_none_or(|r| !props.contains_key(r))) {
                return Some(KeptReason::RequiredNotListed);
            }
            ["minProperties", "maxProperties"]
                .iter()
                .find(|k| o.contains_key(**k))
                .map(|k| KeptReason::CountBesideProperties((*k).to_owned()))
        }
        None if !required.is_empty() => Some(KeptReason::RequiredWithoutProperties),
        None => None,
    }
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
    let family = family_of(keys.first()?)?;
    keys.iter().all(|k| family.1.contains(k)).then_some(family.0)
}

/// The JSON types a union splits into, in the order of its variants.
pub(super) const KINDS: &[&str] = &["boolean", "integer", "number", "string", "array", "object"];

/// A `type` list of several JSON types (besides `null`) on a schema the types can split:
/// the types, `integer` left out beside `number` (which holds it), and whether `null` is
/// listed. `None` for `$ref` or `const` beside it; an `enum` leaves out the types none of
/// its values has.
pub fn type_union(reading: Reading, o: &Map<String, Value>) -> Option<(Vec<&'static str>, bool)> {
    if ["$ref", "const"].iter().any(|k| o.contains_key(*k)) || reading.dialect == Dialect::OpenApi30
    {
        return None;
    }
    let Some(listed) = o.get("type") else { return enum_union(o) };
    let listed = listed.as_array()?;
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

/// An `enum` without `type` whose values are of several JSON types (`["warning", true,
/// false]`): its JSON types, as [`type_union`] gives them (`integer` where every number
/// is one).
fn enum_union(o: &Map<String, Value>) -> Option<(Vec<&'static str>, bool)> {
    let values = o.get("enum")?.as_array()?;
    let integers = values.iter().filter(|v| v.is_number()).all(|v| of_kind(v, "integer"));
    let kind = |v: &Value| match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) if integers => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    let found: Vec<&str> = values.iter().map(kind).collect();
    let kinds: Vec<&'static str> = KINDS.iter().copied().filter(|k| found.contains(k)).collect();
    (kinds.len() > 1).then(|| (kinds, found.contains(&"null")))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn reading(dialect: Dialect, ref_alone: bool) -> Reading {
        Reading {
            dialect,
            format_assertion: false,
            ref_alone,
            draft4: false,
            opaque_resources: false,
            draft: Some(Draft::Draft2020),
        }
    }

    fn object(v: Value) -> Map<String, Value> {
        v.as_object().cloned().expect("an object schema")
    }

    #[test]
    fn what_typed_lowering_cannot_express_exactly_is_named() {
        let json = reading(Dialect::JsonSchema, false);
        let draft7 = reading(Dialect::JsonSchema, true);
        let cases: &[(Reading, Value, Option<&str>)] = &[
            (json, json!({"type": "string", "maxLength": 3, "pattern": "^a"}), None),
            (json, json!({"type": "object", "properties": {"a": {}}, "required": ["a"]}), None),
            (
                json,
                json!({"type": "object", "properties": {"a": {}}, "minProperties": 1}),
                Some("`minProperties` beside `properties`"),
            ),
            (
                json,
                json!({"type": "object", "properties": {}, "required": ["b"]}),
                Some("`required` names a property that `properties` does not list"),
            ),
            (json, json!({"type": ["string", "integer"]}), Some("a `type` with several types")),
            (json, json!({"not": {"type": "string"}}), Some("`not`")),
            (json, json!({"$ref": "#/$defs/a", "minimum": 1}), Some("`minimum` beside `$ref`")),
            // Before 2019-09, `$ref` ignores its siblings.
            (draft7, json!({"$ref": "#/$defs/a", "minimum": 1}), None),
            (
                json,
                json!({"enum": [1, "a"]}),
                Some("`enum` of values other than strings, or with other keywords"),
            ),
            (json, json!({"type": "integer", "enum": [1, 2]}), None),
            (json, json!({"type": "array", "items": [{}]}), Some("`items` as an array")),
            (json, json!({"oneOf": []}), Some("`oneOf` without branches")),
            (json, json!({"anyOf": [{}, {}], "not": {}}), Some("`not` beside `anyOf`")),
            // OpenAPI reads `properties` without `type` as an object.
            (reading(Dialect::OpenApi30, true), json!({"properties": {"a": {}}}), None),
        ];
        for (reading, schema, expected) in cases {
            let got = untyped_reason(*reading, &object(schema.clone()), false);
            assert_eq!(got.map(|r| r.to_string()).as_deref(), *expected, "{schema}");
        }
    }

    #[test]
    fn keywords_of_one_json_type_imply_that_type() {
        let json = reading(Dialect::JsonSchema, false);
        let cases: &[(Reading, Value, Option<&str>)] = &[
            (json, json!({"properties": {"a": {}}}), Some("object")),
            (json, json!({"minLength": 1, "pattern": "x"}), Some("string")),
            (json, json!({"minItems": 1}), Some("array")),
            (json, json!({"minimum": 0, "multipleOf": 2}), Some("number")),
            (json, json!({"minLength": 1, "minimum": 1}), None),
            (json, json!({"type": "string", "minLength": 1}), None),
            (json, json!({"enum": ["a"]}), None),
            (reading(Dialect::OpenApi31, false), json!({"minLength": 1}), None),
        ];
        for (reading, schema, expected) in cases {
            assert_eq!(implied_type(*reading, &object(schema.clone())), *expected, "{schema}");
        }
    }

    #[test]
    fn a_type_list_splits_into_the_types_its_values_can_have() {
        let json = reading(Dialect::JsonSchema, false);
        type Split = Option<(Vec<&'static str>, bool)>;
        let cases: &[(Value, Split)] = &[
            (
                json!({"type": ["string", "integer", "null"]}),
                Some((vec!["integer", "string"], true)),
            ),
            (json!({"type": ["object", "boolean"]}), Some((vec!["boolean", "object"], false))),
            // `number` holds the integers.
            (json!({"type": ["number", "integer"]}), None),
            // The enum leaves no string value: one type remains.
            (json!({"type": ["string", "integer"], "enum": [1, 2]}), None),
            (json!({"type": ["string", "integer"], "const": 1}), None),
            (json!({"type": "string"}), None),
            // An `enum` of several types splits by them.
            (
                json!({"enum": ["none", "error", true, false]}),
                Some((vec!["boolean", "string"], false)),
            ),
            (json!({"enum": [1, 2.5, "x", null]}), Some((vec!["number", "string"], true))),
            (json!({"enum": [1, "x"]}), Some((vec!["integer", "string"], false))),
            (json!({"enum": ["a", "b"]}), None),
        ];
        for (schema, expected) in cases {
            assert_eq!(type_union(json, &object(schema.clone())), *expected, "{schema}");
        }
        let openapi = reading(Dialect::OpenApi30, true);
        assert_eq!(type_union(openapi, &object(json!({"type": ["string", "integer"]}))), None);
    }
}
