//! Reading a generated type from JSON text with every error at its JSON pointer: what
//! serde rejects and what `validate()` rejects come through one channel.

use ::serde_json::Value;

use crate::{Pointer, Validate, ValidationError, ValidationErrors};

/// Reads a generated type from JSON and validates it. The result is the value, or every
/// violation with its JSON pointer and keyword, whether serde could read the value or not:
/// a value that does not read is checked against the type's whole schema (compiled into
/// the generated crate), so a wrong type, a missing property and an unknown enum value
/// are reported together, each at its pointer, as `validate()` reports the rest.
pub trait FromJson: ::serde::de::DeserializeOwned + Validate {
    /// Checks `value` against the type's whole schema; `false` where the crate has no
    /// compiled check for the type (its schema needs the embedded validator).
    #[doc(hidden)]
    fn check_schema(_value: &Value, _at: &Pointer<'_>, _errors: &mut ValidationErrors) -> bool {
        false
    }

    /// Whether JSON text reads as this type and holds every check: the verdict alone, as
    /// [`Validate::is_valid`] gives it. No message is written, not even serde's when the
    /// text does not read (the peer of a validator's `is_valid` on parsed JSON).
    fn is_valid_json_str(text: &str) -> bool {
        verdict::<Self, _>(&mut ::serde_json::Deserializer::from_str(text))
    }

    /// [`is_valid_json_str`](FromJson::is_valid_json_str) of JSON bytes.
    fn is_valid_json_slice(bytes: &[u8]) -> bool {
        verdict::<Self, _>(&mut ::serde_json::Deserializer::from_slice(bytes))
    }

    /// Reads and validates JSON text.
    fn from_json_str(text: &str) -> ::core::result::Result<Self, ValidationErrors> {
        Self::from_json_slice(text.as_bytes())
    }

    /// Reads and validates JSON bytes.
    fn from_json_slice(bytes: &[u8]) -> ::core::result::Result<Self, ValidationErrors> {
        // The common case first, at serde's own speed; the path is tracked only on failure.
        let first = match ::serde_json::from_slice::<Self>(bytes) {
            Ok(value) => {
                value.validate()?;
                return Ok(value);
            }
            Err(e) => e,
        };
        let mut de = ::serde_json::Deserializer::from_slice(bytes);
        let error = match ::serde_path_to_error::deserialize::<_, Self>(&mut de) {
            // The value reads: what failed is the text after it.
            Ok(_) => return Err(one(::std::string::String::new(), "syntax", &first)),
            Err(e) => e,
        };
        let pointer = pointer_of(error.path());
        let error = error.into_inner();
        if error.is_syntax() || error.is_eof() || error.is_io() {
            return Err(one(pointer, "syntax", &error));
        }
        // Well-formed JSON the type cannot hold: the schema says why, every reason.
        if let Ok(json) = ::serde_json::from_slice::<Value>(bytes) {
            let mut errors = ValidationErrors::default();
            if Self::check_schema(&json, &Pointer::Root, &mut errors) && !errors.is_empty() {
                return Err(errors);
            }
        }
        // Valid by the schema yet not held by the type (an integer beyond `i64`, say),
        // or no compiled check: serde's own error, at its pointer.
        let keyword = keyword_of(&error.to_string());
        Err(one(pointer, keyword, &error))
    }
}

/// One error at `pointer`.
fn one(
    pointer: ::std::string::String,
    keyword: &'static str,
    error: &::serde_json::Error,
) -> ValidationErrors {
    let mut errors = ValidationErrors::default();
    errors.0.push(ValidationError { pointer, keyword, message: error.to_string() });
    errors
}

/// The JSON pointer of a serde path (enum variants are no place in the JSON).
fn pointer_of(path: &::serde_path_to_error::Path) -> ::std::string::String {
    use ::serde_path_to_error::Segment;
    let mut out = ::std::string::String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => {
                out.push('/');
                out.push_str(&index.to_string());
            }
            Segment::Map { key } => {
                out.push('/');
                out.push_str(&key.replace('~', "~0").replace('/', "~1"));
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    out
}

/// The JSON Schema keyword a serde message corresponds to.
fn keyword_of(message: &str) -> &'static str {
    match message {
        m if m.starts_with("missing field") => "required",
        m if m.starts_with("unknown field") => "additionalProperties",
        m if m.starts_with("unknown variant") => "enum",
        m if m.starts_with("duplicate field") => "uniqueKeys",
        _ => "type",
    }
}

/// The value `de` reads, checked where it was read: a large struct is not moved out of
/// serde_json's `from_str` first.
fn verdict<'de, T: Validate + ::serde::Deserialize<'de>, R: ::serde_json::de::Read<'de>>(
    de: &mut ::serde_json::Deserializer<R>,
) -> bool {
    crate::de::probe(|| T::deserialize(&mut *de))
        .is_ok_and(|value| de.end().is_ok() && value.is_valid())
}
