//! The checks generated code runs on JSON values: for values kept as
//! `serde_json::Value`, and for typed values whose schema has keywords their type does
//! not express (checked on the JSON they serialize to). Each subschema becomes one
//! generated function of type [`JsonCheck`]; these are the keywords' shared parts.

use ::serde_json::{Map, Value};

use crate::{json_equal, Pointer, ValidationErrors};

/// A generated check of one subschema.
pub type JsonCheck = fn(&Value, &Pointer<'_>, &mut ValidationErrors);

/// The JSON types `type` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonType {
    /// `null`.
    Null,
    /// `boolean`.
    Boolean,
    /// `object`.
    Object,
    /// `array`.
    Array,
    /// `number`.
    Number,
    /// `string`.
    String,
    /// `integer`: a number without a fractional part (`1.0` is one).
    Integer,
}

impl JsonType {
    /// True when `value` has this type.
    #[inline]
    pub fn matches(self, value: &Value) -> bool {
        match self {
            JsonType::Null => value.is_null(),
            JsonType::Boolean => value.is_boolean(),
            JsonType::Object => value.is_object(),
            JsonType::Array => value.is_array(),
            JsonType::Number => value.is_number(),
            JsonType::String => value.is_string(),
            JsonType::Integer => match value {
                Value::Number(n) => {
                    n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.fract() == 0.0)
                }
                _ => false,
            },
        }
    }

    fn name(self) -> &'static str {
        match self {
            JsonType::Null => "null",
            JsonType::Boolean => "boolean",
            JsonType::Object => "object",
            JsonType::Array => "array",
            JsonType::Number => "number",
            JsonType::String => "string",
            JsonType::Integer => "integer",
        }
    }
}

/// A JSON value of the schema (`const`, `enum`), parsed on first use.
pub struct JsonValue {
    source: &'static str,
    parsed: ::std::sync::OnceLock<Value>,
}

impl JsonValue {
    /// The value whose JSON text is `source` (written by the generator: always valid).
    pub const fn new(source: &'static str) -> JsonValue {
        JsonValue { source, parsed: ::std::sync::OnceLock::new() }
    }

    /// The parsed value.
    pub fn get(&self) -> &Value {
        self.parsed.get_or_init(|| ::serde_json::from_str(self.source).unwrap_or(Value::Null))
    }
}

/// True when `check` finds nothing wrong with `value`.
#[inline]
pub fn is_valid(value: &Value, check: JsonCheck) -> bool {
    let mut errors = ValidationErrors::quiet();
    check(value, &Pointer::Root, &mut errors);
    errors.is_empty()
}

/// `false` as a schema: no value is valid.
pub fn never(keyword: &'static str, at: &Pointer<'_>, errors: &mut ValidationErrors) {
    errors.push(at, keyword, "no value is allowed here".to_owned());
}

/// `type`: the value has one of `types`.
#[inline]
pub fn json_type(
    value: &Value,
    types: &[JsonType],
    at: &Pointer<'_>,
    errors: &mut ValidationErrors,
) {
    if !types.iter().any(|t| t.matches(value)) {
        wrong_type(value, types, at, errors);
    }
}

/// The error of `type`, out of the checks' inlined path.
#[cold]
fn wrong_type(value: &Value, types: &[JsonType], at: &Pointer<'_>, errors: &mut ValidationErrors) {
    errors.fail(at, "type", || {
        let names: Vec<&str> = types.iter().map(|t| t.name()).collect();
        ::std::format!("{value} is not of type {}", names.join(" or "))
    });
}

/// `const`: the value equals `expected` as JSON.
pub fn json_const(
    value: &Value,
    expected: &JsonValue,
    at: &Pointer<'_>,
    errors: &mut ValidationErrors,
) {
    if !json_equal(value, expected.get()) {
        errors.fail(at, "const", || ::std::format!("{value} is not {}", expected.get()));
    }
}

/// `enum`: the value equals one of `listed` (a JSON array) as JSON.
pub fn json_enum(
    value: &Value,
    listed: &JsonValue,
    at: &Pointer<'_>,
    errors: &mut ValidationErrors,
) {
    let values = listed.get().as_array().map(Vec::as_slice).unwrap_or_default();
    if !values.iter().any(|v| json_equal(value, v)) {
        errors.fail(at, "enum", || ::std::format!("{value} is not one of the listed values"));
    }
}

/// `required`: every name is a property of the object.
pub fn json_required(
    object: &Map<String, Value>,
    names: &[&str],
    at: &Pointer<'_>,
    errors: &mut ValidationErrors,
) {
    for name in names {
        if !object.contains_key(*name) {
            errors.fail(at, "required", || ::std::format!("the property `{name}` is missing"));
        }
    }
}

/// `additionalProperties: false`: the property `key` is not allowed. Out of line, and
/// its message written only when it is kept.
#[cold]
#[inline(never)]
pub fn json_unlisted(key: &str, at: &Pointer<'_>, errors: &mut ValidationErrors) {
    errors
        .fail(at, "additionalProperties", || ::std::format!("the property `{key}` is not allowed"));
}

/// `dependentRequired` (and the array form of `dependencies`): when `property` is
/// present, so is every one of `names`.
pub fn json_dependent_required(
    object: &Map<String, Value>,
    property: &str,
    names: &[&str],
    at: &Pointer<'_>,
    errors: &mut ValidationErrors,
) {
    if object.contains_key(property) {
        for name in names {
            if !object.contains_key(*name) {
                errors.fail(at, "dependentRequired", || {
                    ::std::format!("the property `{name}` is missing (required by `{property}`)")
                });
            }
        }
    }
}

/// An `anyOf`/`oneOf` branch with the JSON kinds of the values that may hold under it
/// (bits of [`kinds`](crate::kinds)): a value of another kind fails it unrun.
pub type KindedCheck = (u8, JsonCheck);

/// `anyOf`: at least one branch holds.
pub fn json_any_of(
    value: &Value,
    branches: &[JsonCheck],
    at: &Pointer<'_>,
    errors: &mut ValidationErrors,
) {
    any_of(value, branches.iter().map(|b| (crate::kinds::ANY, *b)), at, errors);
}

/// `anyOf` of branches that admit only some kinds of values.
pub fn json_any_of_kinds(
    value: &Value,
    branches: &[KindedCheck],
    at: &Pointer<'_>,
    errors: &mut ValidationErrors,
) {
    any_of(value, branches.iter().copied(), at, errors);
}

fn any_of(
    value: &Value,
    branches: impl Iterator<Item = KindedCheck> + Clone,
    at: &Pointer<'_>,
    errors: &mut ValidationErrors,
) {
    let kind = crate::kinds::of(value);
    if !branches.clone().any(|(kinds, b)| kinds & kind != 0 && is_valid(value, b)) {
        errors.fail(at, "anyOf", || {
            ::std::format!(
                "{value} is not valid under any of the branches ({})",
                branch_reasons(value, branches.map(|(_, b)| b), at)
            )
        });
    }
}

/// Why each branch fails: its first violation, each as `branch i: ...`.
fn branch_reasons(
    value: &Value,
    branches: impl Iterator<Item = JsonCheck>,
    at: &Pointer<'_>,
) -> ::std::string::String {
    let reasons: ::std::vec::Vec<::std::string::String> = branches
        .enumerate()
        .map(|(i, branch)| {
            let mut errors = ValidationErrors::default();
            branch(value, at, &mut errors);
            match errors.errors().first() {
                Some(e) => ::std::format!("branch {i}: {e}"),
                None => ::std::format!("branch {i}: fails"),
            }
        })
        .collect();
    reasons.join("; ")
}

/// `oneOf`: exactly one branch holds.
pub fn json_one_of(
    value: &Value,
    branches: &[JsonCheck],
    at: &Pointer<'_>,
    errors: &mut ValidationErrors,
) {
    one_of(value, branches.iter().map(|b| (crate::kinds::ANY, *b)), at, errors);
}

/// `oneOf` of branches that admit only some kinds of values.
pub fn json_one_of_kinds(
    value: &Value,
    branches: &[KindedCheck],
    at: &Pointer<'_>,
    errors: &mut ValidationErrors,
) {
    one_of(value, branches.iter().copied(), at, errors);
}

fn one_of(
    value: &Value,
    branches: impl Iterator<Item = KindedCheck> + Clone,
    at: &Pointer<'_>,
    errors: &mut ValidationErrors,
) {
    let kind = crate::kinds::of(value);
    let mut valid = branches
        .clone()
        .enumerate()
        .filter(|(_, (kinds, b))| kinds & kind != 0 && is_valid(value, *b))
        .map(|(i, _)| i);
    match (valid.next(), valid.next()) {
        (Some(_), None) => {}
        (None, _) => errors.fail(at, "oneOf", || {
            ::std::format!(
                "{value} is not valid under any of the branches ({})",
                branch_reasons(value, branches.map(|(_, b)| b), at)
            )
        }),
        (Some(a), Some(b)) => errors.fail(at, "oneOf", || {
            ::std::format!("{value} is valid under branches {a} and {b}; exactly one must hold")
        }),
    }
}

/// `not`: the subschema does not hold.
pub fn json_not(value: &Value, check: JsonCheck, at: &Pointer<'_>, errors: &mut ValidationErrors) {
    if is_valid(value, check) {
        errors
            .fail(at, "not", || ::std::format!("{value} must not be valid under the `not` schema"));
    }
}

/// `contains` with `minContains`/`maxContains`: how many items hold is within bounds.
pub fn json_contains(
    items: &[Value],
    check: JsonCheck,
    min: u64,
    max: ::core::option::Option<u64>,
    at: &Pointer<'_>,
    errors: &mut ValidationErrors,
) {
    let count = items.iter().filter(|item| is_valid(item, check)).count() as u64;
    if count < min {
        let keyword = if min == 1 { "contains" } else { "minContains" };
        errors.fail(at, keyword, || {
            ::std::format!("{count} items match `contains`, at least {min} must")
        });
    }
    if let Some(max) = max.filter(|max| count > *max) {
        errors.fail(at, "maxContains", || {
            ::std::format!("{count} items match `contains`, at most {max} may")
        });
    }
}

/// Checks a typed value as the JSON it serializes to, skipping errors that the typed
/// checks of the same value reported already.
pub fn check_json_typed<T: ::serde::Serialize + ?Sized>(
    value: &T,
    check: JsonCheck,
    at: &Pointer<'_>,
    errors: &mut ValidationErrors,
) {
    let json = match ::serde_json::to_value(value) {
        Ok(json) => json,
        Err(e) => {
            return errors
                .fail(at, "$schema", || ::std::format!("the value cannot be written as JSON: {e}"))
        }
    };
    if errors.is_quiet() {
        // Only the outcome is kept.
        return check(&json, at, errors);
    }
    let mut found = ValidationErrors::default();
    check(&json, at, &mut found);
    errors.absorb(found);
}

/// The check of a schema that every value passes.
pub fn accept(_value: &Value, _at: &Pointer<'_>, _errors: &mut ValidationErrors) {}

/// The check of the `false` schema.
pub fn reject(_value: &Value, at: &Pointer<'_>, errors: &mut ValidationErrors) {
    never("false", at, errors);
}

/// A generated function that marks the properties (items) of a value that one subschema
/// evaluates, for `unevaluatedProperties` (`unevaluatedItems`); `marks` has one entry per
/// property (item), in order.
pub type Evaluates = fn(&Value, &mut [bool]);

/// `unevaluatedProperties`: `check` (`None`: the `false` schema) applies to each property
/// that `evaluated` (the schema's other keywords) does not mark.
pub fn json_unevaluated_properties(
    value: &Value,
    evaluated: ::core::option::Option<Evaluates>,
    check: ::core::option::Option<JsonCheck>,
    at: &Pointer<'_>,
    errors: &mut ValidationErrors,
) {
    let Some(object) = value.as_object() else { return };
    for ((key, item), marked) in object.iter().zip(marks(value, object.len(), evaluated)) {
        if !marked {
            unevaluated(item, check, &at.key(key), "unevaluatedProperties", errors, || {
                ::std::format!("the property `{key}` is not allowed: no subschema evaluates it")
            });
        }
    }
}

/// `unevaluatedItems`: `check` (`None`: the `false` schema) applies to each item that
/// `evaluated` does not mark.
pub fn json_unevaluated_items(
    value: &Value,
    evaluated: ::core::option::Option<Evaluates>,
    check: ::core::option::Option<JsonCheck>,
    at: &Pointer<'_>,
    errors: &mut ValidationErrors,
) {
    let Some(items) = value.as_array() else { return };
    let marked = marks(value, items.len(), evaluated);
    for (index, (item, marked)) in items.iter().zip(marked).enumerate() {
        if !marked {
            unevaluated(item, check, &at.index(index), "unevaluatedItems", errors, || {
                ::std::format!("item {index} is not allowed: no subschema evaluates it")
            });
        }
    }
}

/// What `evaluated` marks of the `len` properties (items) of `value`.
fn marks(
    value: &Value,
    len: usize,
    evaluated: ::core::option::Option<Evaluates>,
) -> ::std::vec::Vec<bool> {
    let mut marks = ::std::vec![false; len];
    if let Some(evaluated) = evaluated {
        evaluated(value, &mut marks);
    }
    marks
}

/// An unevaluated property (item) at `at`: checked by `check`, or not allowed at all.
fn unevaluated(
    item: &Value,
    check: ::core::option::Option<JsonCheck>,
    at: &Pointer<'_>,
    keyword: &'static str,
    errors: &mut ValidationErrors,
    message: impl FnOnce() -> ::std::string::String,
) {
    match check {
        Some(check) => check(item, at, errors),
        None => errors.fail(at, keyword, message),
    }
}

/// Marks the properties of `value` whose names `is_evaluated` accepts (`properties`,
/// `patternProperties`).
pub fn mark_properties(value: &Value, is_evaluated: impl Fn(&str) -> bool, marks: &mut [bool]) {
    if let Some(object) = value.as_object() {
        for (mark, key) in marks.iter_mut().zip(object.keys()) {
            *mark |= is_evaluated(key);
        }
    }
}

/// Marks the first `n` items (`prefixItems`).
pub fn mark_first(n: usize, marks: &mut [bool]) {
    let n = n.min(marks.len());
    marks[..n].iter_mut().for_each(|mark| *mark = true);
}

/// Marks every property or item.
pub fn mark_all(marks: &mut [bool]) {
    marks.iter_mut().for_each(|mark| *mark = true);
}

/// Marks the items that hold under `check` (`contains`).
pub fn mark_contains(value: &Value, check: JsonCheck, marks: &mut [bool]) {
    if let Some(items) = value.as_array() {
        for (mark, item) in marks.iter_mut().zip(items) {
            *mark |= is_valid(item, check);
        }
    }
}
