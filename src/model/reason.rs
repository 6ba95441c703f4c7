//! Why a schema node has a whole-schema check: what the typed lowering could not express
//! exactly. Warnings and the census print these.

use std::fmt;

/// Why a node's value is kept as JSON, or keeps its type and is also checked as JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeptReason {
    /// The `false` schema.
    False,
    /// A keyword the typed lowering does not express.
    Keyword(String),
    /// A keyword beside one that takes only a few others (`$ref`, `anyOf`, `allOf`, ...).
    Beside {
        /// The keyword found.
        keyword: String,
        /// The keyword it stands beside.
        beside: String,
    },
    /// A keyword of one JSON type's family where `type` names no single type.
    WithoutSingleType(String),
    /// `anyOf`, `oneOf` or `allOf` without branches.
    WithoutBranches(String),
    /// An asserted `format` without a single `type`.
    AssertedFormatWithoutType,
    /// A `$ref` that is not a string.
    RefNotString,
    /// A `type` with several types that cannot split.
    SeveralTypes,
    /// `type: null` with other keywords.
    NullWithOthers,
    /// `enum` of values other than strings, or with other keywords.
    MixedEnum,
    /// `items` as an array (the tuple form).
    ItemsArray,
    /// `uniqueItems` over untyped items.
    UniqueUntypedItems,
    /// A `type` no JSON type has.
    UnknownType(String),
    /// `required` names a property that `properties` does not list.
    RequiredNotListed,
    /// `required` without `properties`.
    RequiredWithoutProperties,
    /// A property count (`minProperties`, `maxProperties`) beside `properties`.
    CountBesideProperties(String),
    /// `type` beside a composition whose branches do not imply it.
    TypeNotImplied(String),
    /// `allOf` branches that do not merge into one struct.
    Merge(MergeFailure),
    /// `properties` beside `allOf` branches that do not merge.
    PropertiesBeside(MergeFailure),
    /// A property that several `allOf` branches list.
    SharedProperty,
    /// A `$ref` to a document that is not read.
    UnreadDocument,
    /// A `$ref` loop that never descends into the value.
    RefLoop,
    /// `$recursiveAnchor` in a resource inside a root that has one.
    NestedRecursiveAnchor,
    /// A recursive `oneOf` of branches that overlap.
    RecursiveOneOf,
    /// The variant of a union by an `if`'s tag that takes the values no `if` names: its
    /// tag's schema admits the other variants' values too.
    UnnamedTag,
    /// A document whose `$schema` names a dialect this program does not know.
    UnknownDialect,
    /// The root of a document whose dynamic references (or anchors they look for) stay
    /// dynamic: checked as a whole, so that the scope starts at its root.
    DynamicScope,
}

/// Why `allOf` branches do not merge into one struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeFailure {
    /// A branch is no plain object schema.
    NotPlainObjects,
    /// Branches in other documents share a property.
    SharedAcrossDocuments(String),
    /// A required property no branch lists.
    RequiredUnlisted(String),
    /// A required property that a branch denying other properties does not list.
    ClosedWithout(String),
}

impl fmt::Display for KeptReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeptReason::False => f.write_str("`false`"),
            KeptReason::Keyword(k) => write!(f, "`{k}`"),
            KeptReason::Beside { keyword, beside } => write!(f, "`{keyword}` beside `{beside}`"),
            KeptReason::WithoutSingleType(k) => write!(f, "`{k}` without a single `type`"),
            KeptReason::WithoutBranches(k) => write!(f, "`{k}` without branches"),
            KeptReason::AssertedFormatWithoutType => {
                f.write_str("an asserted `format` without a single `type`")
            }
            KeptReason::RefNotString => f.write_str("a `$ref` that is not a string"),
            KeptReason::SeveralTypes => f.write_str("a `type` with several types"),
            KeptReason::NullWithOthers => f.write_str("`type: null` with other keywords"),
            KeptReason::MixedEnum => {
                f.write_str("`enum` of values other than strings, or with other keywords")
            }
            KeptReason::ItemsArray => f.write_str("`items` as an array"),
            KeptReason::UniqueUntypedItems => f.write_str("`uniqueItems` over untyped items"),
            KeptReason::UnknownType(t) => write!(f, "`type: {t}`"),
            KeptReason::RequiredNotListed => {
                f.write_str("`required` names a property that `properties` does not list")
            }
            KeptReason::RequiredWithoutProperties => f.write_str("`required` without `properties`"),
            KeptReason::CountBesideProperties(k) => write!(f, "`{k}` beside `properties`"),
            KeptReason::TypeNotImplied(k) => {
                write!(f, "`type` beside `{k}` that its branches do not imply")
            }
            KeptReason::Merge(why) => write!(f, "{why}"),
            KeptReason::PropertiesBeside(why) => write!(f, "`properties` beside {why}"),
            KeptReason::SharedProperty => {
                f.write_str("a property that several `allOf` branches list")
            }
            KeptReason::UnreadDocument => f.write_str(
                "a `$ref` to a document that is not read (no file of the schema root or of `--remote` folders)",
            ),
            KeptReason::RefLoop => f.write_str("a `$ref` loop that never descends into the value"),
            KeptReason::NestedRecursiveAnchor => f.write_str(
                "`$recursiveAnchor` in a resource inside a root that has one: `$recursiveRef`s resolve by the path a value takes from the root",
            ),
            KeptReason::RecursiveOneOf => {
                f.write_str("a recursive `oneOf` of branches that overlap")
            }
            KeptReason::UnnamedTag => {
                f.write_str("a tag value that no `if` names, beside `if`s that name others")
            }
            KeptReason::DynamicScope => f.write_str(
                "the root of a document whose dynamic references resolve by the resources a value passes through",
            ),
            KeptReason::UnknownDialect => f.write_str(
                "a document whose `$schema` names a dialect that is no draft this program knows (its vocabularies may differ)",
            ),
        }
    }
}

impl fmt::Display for MergeFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MergeFailure::NotPlainObjects => {
                f.write_str("`allOf` of branches that are not all plain objects")
            }
            MergeFailure::SharedAcrossDocuments(name) => {
                write!(f, "`allOf` whose branches in other documents share the property `{name}`")
            }
            MergeFailure::RequiredUnlisted(name) => {
                write!(f, "`allOf` requiring `{name}`, which no branch lists")
            }
            MergeFailure::ClosedWithout(name) => {
                write!(f, "`allOf` requiring `{name}` beside a closed branch that does not list it")
            }
        }
    }
}
