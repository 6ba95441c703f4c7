//! Mappings as the model holds them: `TryFrom` impls between two types, field by field.

use super::TypeId;

/// `impl TryFrom<&Source> for Target`, field by field.
#[derive(Debug, Clone)]
pub struct Mapping {
    /// The mapping file, relative to the schema root.
    pub file: String,
    /// Source struct.
    pub source: TypeId,
    /// Target struct.
    pub target: TypeId,
    /// One entry per target field, in target order.
    pub fields: Vec<FieldMapping>,
}

/// How one target field is computed.
#[derive(Debug, Clone)]
pub struct FieldMapping {
    /// Target field: Rust name.
    pub target_rust: String,
    /// Target field: JSON name (error messages use it).
    pub target_json: String,
    /// The target field is an `Option`.
    pub target_optional: bool,
    /// Source path: Rust field names.
    pub source_rust: Vec<String>,
    /// Source path as written in the mapping file (`a.b`).
    pub source_json: String,
    /// How the source value is wrapped.
    pub source: SourceValue,
    /// The conversion of the present value.
    pub conversion: Conversion,
    /// Value used when the source is null or absent.
    pub if_null: Option<Literal>,
}

/// How the source value is wrapped in `Option`s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceValue {
    /// Always present.
    Plain,
    /// `Option<T>`: optional, or required and nullable.
    Option,
    /// `Option<Option<T>>`: optional and nullable.
    OptionOption,
}

/// Conversion of a present source value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conversion {
    /// Same type, `Copy`.
    Copy,
    /// Same type, `Clone`.
    Clone,
    /// String enum to its JSON string.
    EnumToString,
    /// Expandable field to the id, expanded or not.
    ExpandableId,
    /// `format: unix-time` seconds to an RFC 3339 date-time; fails when out of range.
    UnixTimeToDateTime,
    /// The same, to the RFC 3339 text of a string whose `date-time` format annotates.
    UnixTimeToText,
    /// Another mapping, `TryFrom<&Source>` of the target type.
    Nested(TypeId),
}

/// A literal from a mapping file.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    /// A string.
    String(String),
    /// A boolean.
    Bool(bool),
    /// An integer.
    Integer(i64),
}
