//! Mappings as the model holds them: `TryFrom` impls between two types, field by field,
//! or from a struct to the response an operation answers, chosen case by case.

use super::{OpId, TypeId};

/// `impl TryFrom<&Source> for Target`, field by field.
#[derive(Debug, Clone)]
pub struct Mapping {
    /// The mapping file, relative to the schema root.
    pub file: String,
    /// Source struct.
    pub source: TypeId,
    /// What it builds.
    pub target: MappingTarget,
    /// Values from outside the source that the conversion takes with it, and the Rust
    /// name of their struct (`PortalRequestContext`); empty when it takes none.
    pub context: Vec<ContextValue>,
    /// The context struct's Rust name.
    pub context_name: String,
}

impl Mapping {
    /// Calls `f` on every field mapping, nested ones and those of every case included.
    pub fn each_field(&self, f: &mut impl FnMut(&FieldMapping)) {
        fn walk(fields: &[FieldMapping], f: &mut impl FnMut(&FieldMapping)) {
            for field in fields {
                f(field);
                match &field.from {
                    FieldSource::Nested { fields, .. } => walk(fields, f),
                    FieldSource::List { items, .. } => items.iter().for_each(|i| walk(i, f)),
                    _ => {}
                }
            }
        }
        match &self.target {
            MappingTarget::Struct { fields, .. } => walk(fields, f),
            MappingTarget::Responses { cases, .. } => {
                cases.iter().filter_map(|c| c.body.as_ref()).for_each(|b| walk(&b.fields, f))
            }
        }
    }
}

/// What a mapping builds.
#[derive(Debug, Clone)]
pub enum MappingTarget {
    /// A struct, field by field.
    Struct {
        /// The struct.
        id: TypeId,
        /// One entry per mapped field, in target order.
        fields: Vec<FieldMapping>,
    },
    /// A variant of an operation's response enum, the first case whose conditions hold.
    Responses {
        /// The operation.
        op: OpId,
        /// The cases, in the file's order.
        cases: Vec<Case>,
    },
}

/// One case of a mapping to responses: when it applies, and the variant it builds.
#[derive(Debug, Clone)]
pub struct Case {
    /// All must hold; none means always (the last case).
    pub when: Vec<Condition>,
    /// The response variant's Rust name.
    pub variant: String,
    /// The HTTP status, for a variant of a range or `default` (which carries it).
    pub status: Option<u16>,
    /// The body, for a response that has one.
    pub body: Option<CaseBody>,
}

/// A response body built by a case.
#[derive(Debug, Clone)]
pub struct CaseBody {
    /// Newtypes around the struct, outermost first (`NotFoundError(BaseError)`).
    pub wrappers: Vec<TypeId>,
    /// The struct built.
    pub target: TypeId,
    /// Its fields' mappings.
    pub fields: Vec<FieldMapping>,
}

/// A test of one source or context value.
#[derive(Debug, Clone)]
pub struct Condition {
    /// The value: a source path or a context value.
    pub from: FieldSource,
    /// The test.
    pub test: Test,
}

/// What a condition asks of its value.
#[derive(Debug, Clone, PartialEq)]
pub enum Test {
    /// Present and equal to one of these (strings are compared with an enum's JSON value).
    Is(Vec<Literal>),
    /// Present (`true`) or absent (`false`).
    Present(bool),
}

/// A value of a mapping's context.
#[derive(Debug, Clone)]
pub struct ContextValue {
    /// Its name in the mapping file.
    pub json: String,
    /// Its Rust field name.
    pub rust: String,
    /// Its type.
    pub shape: super::Shape,
}

/// Where a target field's value comes from.
#[derive(Debug, Clone)]
pub enum FieldSource {
    /// A path in the source: each step's Rust field name and how that field is wrapped
    /// (a step under an absent one is absent too).
    Path(Vec<(String, SourceValue)>),
    /// A value of the context (its Rust field name).
    Context(String),
    /// A constant of the mapping file, of the target field's type.
    Constant(Literal),
    /// A struct built field by field (`"flow_data.type" = ...` lines of the file).
    Nested {
        /// The struct.
        target: TypeId,
        /// Its fields' mappings.
        fields: Vec<FieldMapping>,
    },
    /// An array of structs built item by item (`"items.0.id" = ...`).
    List {
        /// The items' struct.
        target: TypeId,
        /// Each item's fields' mappings, in index order.
        items: Vec<Vec<FieldMapping>>,
    },
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
    /// Where the value comes from.
    pub from: FieldSource,
    /// Its source as written in the mapping file (`a.b`, `context.customer`), for errors.
    pub source_json: String,
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
    /// A string to the variant of string enum `TypeId` that it names; another string is
    /// the enum's `Unknown` when `keep_unknown`, else a `MappingError`.
    StringToEnum {
        /// The target enum.
        target: TypeId,
        /// Unlisted strings go to `Unknown(..)`.
        keep_unknown: bool,
    },
    /// A value to its JSON text.
    JsonText,
    /// A string to a string of another Rust type (`String` and `runtime::formats::Date`,
    /// say): through its text.
    Text,
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
    /// An array of literals.
    Array(Vec<Literal>),
}
