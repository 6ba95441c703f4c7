//! Values kept as JSON, checked against their schema by the jsonschema crate, and
//! `pattern`s with ECMA-262 semantics.

use crate::{Pointer, ValidationError, ValidationErrors};

/// A subschema of an embedded document, compiled on first use, for values that
/// have no Rust type of their own.
pub struct Schema {
    document: &'static str,
    base: &'static str,
    fragment: &'static str,
    remotes: &'static [(&'static str, &'static str)],
    formats: bool,
    compiled: ::std::sync::OnceLock<
        ::core::result::Result<::jsonschema::Validator, ::std::string::String>,
    >,
}
impl Schema {
    /// The schema at `fragment` (a URI fragment) of `document`, registered at `base`,
    /// with the remote documents it refers to; `formats` makes `format` assert.
    pub const fn new(
        document: &'static str,
        base: &'static str,
        fragment: &'static str,
        remotes: &'static [(&'static str, &'static str)],
        formats: bool,
    ) -> Schema {
        Schema {
            document,
            base,
            fragment,
            remotes,
            formats,
            compiled: ::std::sync::OnceLock::new(),
        }
    }
    fn compile(&self) -> Result<::jsonschema::Validator, String> {
        let registry = registry(self.document, self.base, self.remotes)?;
        compile(&registry, self.document, self.base, self.fragment, self.formats)
    }
    /// Validates a typed value, found at `at`, as the JSON it serializes to: for a value
    /// whose schema has keywords its type does not express.
    pub fn check_typed<T: ::serde::Serialize + ?Sized>(
        &self,
        value: &T,
        at: &Pointer<'_>,
        errors: &mut ValidationErrors,
    ) {
        match ::serde_json::to_value(value) {
            Ok(json) => self.check(&json, at, errors),
            Err(e) => {
                errors.push(at, "$schema", format!("the value cannot be written as JSON: {e}"))
            }
        }
    }
    /// Validates `value`, found at `at`, and records every violation.
    pub fn check(
        &self,
        value: &::serde_json::Value,
        at: &Pointer<'_>,
        errors: &mut ValidationErrors,
    ) {
        match self.compiled.get_or_init(|| self.compile()) {
            // The common case at the validator's speed; errors are gathered only on failure.
            Ok(validator) if validator.is_valid(value) => {}
            Ok(_) if errors.is_quiet() => errors.fail(at, "$schema", ::std::string::String::new),
            Ok(validator) => {
                for error in validator.iter_errors(value) {
                    let mut pointer = at.render();
                    pointer.push_str(error.instance_path().as_str());
                    let keyword = static_keyword(error.kind().keyword());
                    // A typed check of the same value may have reported it already.
                    if errors.reported(&pointer, keyword) {
                        continue;
                    }
                    errors.record(ValidationError { pointer, keyword, message: error.to_string() });
                }
            }
            Err(reason) => {
                errors.push(at, "$schema", ::std::format!("the schema does not compile: {reason}"))
            }
        }
    }
}
/// A `pattern`, compiled on first use with ECMA-262 semantics by the jsonschema
/// crate (a linear-time engine, or a bounded backtracking one for look-around; leading
/// look-aheads are matched as parts of their own: see the `lookahead` module).
pub struct Pattern {
    source: &'static str,
    compiled: ::std::sync::OnceLock<::core::result::Result<Compiled, ::std::string::String>>,
}
/// A pattern's validator, and its parts where it splits into regular ones.
struct Compiled {
    whole: ::jsonschema::Validator,
    parts: ::core::option::Option<(Vec<(bool, ::jsonschema::Validator)>, ::jsonschema::Validator)>,
}
impl Compiled {
    fn new(source: &str) -> Result<Compiled, String> {
        let whole = compile_pattern(source)?;
        let parts = crate::lookahead::split(source).and_then(|split| {
            let part = |p: &str| compile_pattern(&crate::lookahead::Split::anchored(p)).ok();
            let looks = split
                .looks
                .iter()
                .map(|&(negative, look)| Some((negative, part(look)?)))
                .collect::<Option<Vec<_>>>()?;
            Some((looks, part(split.rest)?))
        });
        Ok(Compiled { whole, parts })
    }
    fn is_match(&self, value: &::serde_json::Value) -> bool {
        match &self.parts {
            Some((looks, rest)) => {
                looks.iter().all(|(negative, look)| look.is_valid(value) != *negative)
                    && rest.is_valid(value)
            }
            None => self.whole.is_valid(value),
        }
    }
}
impl Pattern {
    /// The regular expression `source`.
    pub const fn new(source: &'static str) -> Pattern {
        Pattern { source, compiled: ::std::sync::OnceLock::new() }
    }
    fn compiled(&self) -> &Result<Compiled, String> {
        self.compiled.get_or_init(|| Compiled::new(self.source))
    }
    /// True when `value` matches (a pattern that does not compile matches nothing).
    pub fn is_match(&self, value: &str) -> bool {
        self.compiled().as_ref().is_ok_and(|compiled| with_text(value, |v| compiled.is_match(v)))
    }
    /// `patternProperties` of this pattern beside `additionalProperties: false`: records
    /// an error for each key that does not match.
    pub fn check_keys<'k>(
        &self,
        keys: impl ::core::iter::IntoIterator<Item = &'k ::std::string::String>,
        at: &Pointer<'_>,
        errors: &mut ValidationErrors,
    ) {
        for key in keys {
            if !self.is_match(key) {
                errors.fail(at, "additionalProperties", || {
                    ::std::format!(
                        "`{key}` is not allowed: no listed property, and it does not match {:?}",
                        self.source
                    )
                });
            }
        }
    }
    /// Records an error unless `value` matches.
    pub fn check(&self, value: &str, at: &Pointer<'_>, errors: &mut ValidationErrors) {
        match self.compiled() {
            Ok(compiled) => {
                if !with_text(value, |v| compiled.is_match(v)) {
                    // The message is written only where it is kept.
                    errors.fail(at, "pattern", || {
                        let value = ::serde_json::Value::from(value);
                        let error = compiled.whole.iter_errors(&value).next();
                        error.map(|e| e.to_string()).unwrap_or_default()
                    });
                }
            }
            Err(reason) => {
                errors.push(at, "pattern", ::std::format!("the pattern does not compile: {reason}"))
            }
        }
    }
}
/// An asserted `format`, checked by the jsonschema crate's format checkers (compiled on
/// first use); formats it does not know accept every string.
pub struct Format {
    name: &'static str,
    compiled: ::std::sync::OnceLock<
        ::core::result::Result<::jsonschema::Validator, ::std::string::String>,
    >,
}
impl Format {
    /// The format `name` (`date-time`, `uri`, `email`, ...).
    pub const fn new(name: &'static str) -> Format {
        Format { name, compiled: ::std::sync::OnceLock::new() }
    }
    /// Records an error unless `value` is of the format.
    pub fn check(&self, value: &str, at: &Pointer<'_>, errors: &mut ValidationErrors) {
        let compiled = self.compiled.get_or_init(|| compile_format(self.name));
        match compiled {
            Ok(validator) => {
                if !with_text(value, |v| validator.is_valid(v)) {
                    errors.fail(at, "format", || {
                        ::std::format!("`{value}` is not a valid `{}`", self.name)
                    });
                }
            }
            Err(reason) => errors
                .fail(at, "format", || ::std::format!("the format does not compile: {reason}")),
        }
    }
}

/// Calls `f` with `text` as a JSON string, in a buffer this thread keeps: a `pattern`
/// or format check then allocates nothing once the buffer has grown.
fn with_text<T>(text: &str, f: impl FnOnce(&::serde_json::Value) -> T) -> T {
    thread_local! {
        static TEXT: ::core::cell::Cell<String> = const { ::core::cell::Cell::new(String::new()) };
    }
    let mut buffer = TEXT.take();
    buffer.clear();
    buffer.push_str(text);
    let value = ::serde_json::Value::String(buffer);
    let result = f(&value);
    if let ::serde_json::Value::String(buffer) = value {
        TEXT.set(buffer);
    }
    result
}

/// Checks a JSON Schema document against the meta-schema its `$schema` names (2020-12
/// without one); on failure returns the JSON pointer and message of the first violation.
/// Documents of meta-schemas the jsonschema crate does not know pass.
pub fn meta_check(schema: &::serde_json::Value) -> Result<(), (String, String)> {
    let known = schema.get("$schema").and_then(::serde_json::Value::as_str).is_none_or(|uri| {
        let uri = uri.trim_end_matches('#');
        ["draft-04", "draft-06", "draft-07", "2019-09", "2020-12"]
            .iter()
            .any(|d| uri.ends_with(&format!("{d}/schema")))
            && (uri.starts_with("http://json-schema.org/")
                || uri.starts_with("https://json-schema.org/"))
    });
    if !known || !schema.is_object() && !schema.is_boolean() {
        return Ok(());
    }
    // Formats annotate here: `$ref`s that readers decode leniently are no `uri-reference`.
    let validator = ::jsonschema::meta::validator_for(schema)
        .map_err(|e| (String::new(), format!("no meta-schema for this document: {e}")))?;
    let first = validator.iter_errors(schema).find(|e| e.kind().keyword() != "format");
    match first {
        Some(e) => Err((e.instance_path().as_str().to_owned(), e.to_string())),
        None => Ok(()),
    }
}

/// The validator of an asserted `format`.
pub fn compile_format(name: &str) -> Result<::jsonschema::Validator, String> {
    let mut schema = ::serde_json::Map::new();
    schema.insert("format".to_owned(), name.into());
    ::jsonschema::options()
        .should_validate_formats(true)
        .build(&::serde_json::Value::Object(schema))
        .map_err(|e| e.to_string())
}

/// The keyword names `ValidationError` reports, as static strings.
fn static_keyword(keyword: &str) -> &'static str {
    const KEYWORDS: &[&str] = &[
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
        "format",
        "false",
        "additionalItems",
        "dependencies",
        "contentEncoding",
        "contentMediaType",
    ];
    KEYWORDS.iter().copied().find(|k| *k == keyword).unwrap_or("schema")
}

/// The registry a [`Schema`] compiles against: `document` at `base`, and the remotes.
/// Public so that the generator compiles every embedded schema the same way, at
/// generation time.
pub fn registry(
    document: &str,
    base: &str,
    remotes: &[(&str, &str)],
) -> Result<::jsonschema::Registry<'static>, String> {
    let document: ::serde_json::Value =
        ::serde_json::from_str(document).map_err(|e| e.to_string())?;
    // Over the registry of meta-schemas, so that a `$ref` to one (a schema that checks
    // schemas) resolves.
    let mut builder =
        ::referencing::SPECIFICATIONS.add(base, document).map_err(|e| e.to_string())?;
    for (url, text) in remotes {
        let remote: ::serde_json::Value =
            ::serde_json::from_str(text).map_err(|e| e.to_string())?;
        builder = builder.add(*url, remote).map_err(|e| e.to_string())?;
    }
    builder.prepare().map_err(|e| e.to_string())
}

/// The validator of the schema at `fragment` (a URI fragment) of `document`, which
/// `registry` holds at `base`.
pub fn compile(
    registry: &::jsonschema::Registry<'_>,
    document: &str,
    base: &str,
    fragment: &str,
    formats: bool,
) -> Result<::jsonschema::Validator, String> {
    let options = ::jsonschema::options().with_registry(registry).should_validate_formats(formats);
    if fragment.is_empty() {
        // The document itself, not a `$ref` to it: the dynamic scope of its
        // `$recursiveRef`s and `$dynamicRef`s starts at its root.
        let document: ::serde_json::Value =
            ::serde_json::from_str(document).map_err(|e| e.to_string())?;
        return options.with_base_uri(base).build(&document).map_err(|e| e.to_string());
    }
    let mut reference = ::serde_json::Map::new();
    reference.insert("$ref".to_owned(), format!("{base}#{fragment}").into());
    options.build(&::serde_json::Value::Object(reference)).map_err(|e| e.to_string())
}

/// The validator of a `pattern`, with ECMA-262 semantics.
pub fn compile_pattern(source: &str) -> Result<::jsonschema::Validator, String> {
    let mut schema = ::serde_json::Map::new();
    schema.insert("pattern".to_owned(), source.into());
    ::jsonschema::validator_for(&::serde_json::Value::Object(schema)).map_err(|e| e.to_string())
}
