//! The intermediate model: named types, fields and the checks each value needs.
//! The emitters read only this.

mod census;
mod derives;
mod json;
mod json_kinds;
mod json_members;
mod mapping;
mod operation;
mod reason;

use std::collections::BTreeMap;

use crate::schema::JsonPointer;

pub use crate::ids::{DocId, EvalFnId, JsonFnId, OpId, TypeId};
pub use census::Census;
pub use derives::Traits;
pub use json::{EvalFn, Evaluated, Evaluates, Evaluation, JsonFn, JsonKind, Rule, Sub};
pub use json_kinds::SubKinds;
pub use json_members::Read;
pub use mapping::{
    Case, CaseBody, Condition, ContextValue, Conversion, FieldMapping, FieldSource, Literal,
    Mapping, MappingTarget, SourceValue, Test,
};
pub use operation::{
    essence, Body, BodyMedia, Encoding, Operation, Param, Place, Response, Status, Style,
};
pub use reason::{KeptReason, MergeFailure};

/// The whole program: every named type and every mapping.
/// Where a schema is: its document and its JSON pointer there.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The document.
    pub doc: DocId,
    /// The schema's pointer in it.
    pub pointer: JsonPointer,
}

impl Location {
    /// The schema at `pointer` of `doc`.
    pub fn new(doc: DocId, pointer: &JsonPointer) -> Location {
        Location { doc, pointer: pointer.clone() }
    }
}

#[derive(Debug, Default)]
pub struct Model {
    /// Named types in a stable order (document order, then discovery order).
    pub types: Vec<TypeDef>,
    /// Module key -> the documents' modules, in configuration order.
    pub modules: Vec<ModuleDef>,
    /// Mappings between types.
    pub mappings: Vec<Mapping>,
    /// OpenAPI operations, in document and path order.
    pub operations: Vec<Operation>,
    /// The builder of each struct that has one.
    pub builders: BuilderNames,
    /// Each type's source schema for `schemars::JsonSchema`, when the crate has it.
    pub json_schemas: BTreeMap<TypeId, SourceSchema>,
    /// Crates the types replacing schemas come from (`x-rust-type`): name -> version.
    pub dependencies: BTreeMap<String, String>,
    /// Schema location -> the named type generated for it.
    pub by_location: BTreeMap<Location, TypeId>,
    /// Whole-schema checks compiled into code, one function per subschema.
    pub json_fns: Vec<JsonFn>,
    /// What subschemas evaluate, for the `unevaluated*` rules of [`Model::json_fns`].
    pub eval_fns: Vec<EvalFn>,
    /// Schema location -> why the schema there has a whole-schema check.
    pub reasons: BTreeMap<Location, KeptReason>,
    /// Schema location -> why its whole-schema check is left to the embedded
    /// validator instead of generated code.
    pub refusals: BTreeMap<Location, String>,
    /// The location of a typed value's whole-schema check -> the keywords its
    /// type already expresses exactly, which the check need not repeat.
    pub expressed: BTreeMap<Location, Vec<String>>,
    /// Each type's whole schema compiled into code, run over the JSON of a value that
    /// fails to read so that every violation is reported (see `runtime::FromJson`).
    pub parse_checks: BTreeMap<TypeId, JsonFnId>,
}

/// One Rust module (one input document).
#[derive(Debug, Clone)]
pub struct ModuleDef {
    /// Module name; `None` is the crate root.
    pub name: Option<String>,
    /// The document key mapping files use.
    pub key: String,
    /// The document path, relative to the schema root.
    pub file: String,
    /// Read only because another document's `$ref` names it.
    pub linked: bool,
    /// For a module with values kept as JSON: what its validators embed.
    pub embedded: Option<Embedded>,
    /// More derives for each of its types (Rust paths, checked by the configuration).
    pub derives: Vec<String>,
}

/// A type's source schema as JSON Schema 2020-12 text, with a placeholder (`true`) at
/// each pointer where it refers to another generated type.
#[derive(Debug, Clone)]
pub struct SourceSchema {
    /// The schema, compact JSON.
    pub text: String,
    /// Placeholder pointer -> the type whose schema goes there.
    pub refs: Vec<(String, TypeId)>,
}

/// The name of a struct's builder (`FooBuilder`), for structs of modules with builders.
pub type BuilderNames = BTreeMap<TypeId, String>;

/// A document embedded in the generated code, to validate the values kept as JSON.
#[derive(Debug, Clone)]
pub struct Embedded {
    /// The document as JSON Schema, compact JSON.
    pub document: String,
    /// The URI it is registered under.
    pub base: String,
    /// Remote documents it refers to: (URL, compact JSON).
    pub remotes: Vec<(String, String)>,
    /// `format` asserts.
    pub formats: bool,
}

/// A named Rust type.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// Index into [`Model::modules`].
    pub module: DocId,
    /// Rust type name.
    pub name: String,
    /// Documentation from the schema's title and description.
    pub doc: Option<String>,
    /// The JSON pointer the type comes from.
    pub pointer: JsonPointer,
    /// What the type is.
    pub kind: TypeKind,
    /// Checks of the value as a whole, beyond those of its parts (`Check::Schema` for a
    /// schema whose typed part is this type).
    pub checks: Vec<Check>,
}

/// The shape of a named type.
#[derive(Debug, Clone)]
pub enum TypeKind {
    /// A JSON object with known properties.
    Struct(StructDef),
    /// A string enum.
    Enum(EnumDef),
    /// Any other root schema, wrapped so that it has a name and a `Validate` impl.
    Newtype(NewtypeDef),
    /// `anyOf`/`oneOf`: an enum with a variant per branch.
    Union(UnionDef),
}

/// A union of branches.
#[derive(Debug, Clone)]
pub struct UnionDef {
    /// The branches, in schema order.
    pub variants: Vec<UnionVariant>,
    /// How a value finds its branch, decided once where the union is lowered.
    pub repr: UnionRepr,
}

/// How a union's value finds its branch: the emitters dispatch on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnionRepr {
    /// Branches of disjoint JSON types: at most one can read a value.
    ByJsonType,
    /// Object branches told apart by the value of one required property, read in one
    /// pass (each variant's `tag` holds its value).
    ByTag {
        /// The tag property.
        property: String,
        /// The nodes of the `if`s that name the tag values (none for `anyOf`/`oneOf`).
        ifs: Vec<JsonPointer>,
        /// The variant (index) that reads objects without the tag: the one branch that
        /// lists its tag value without requiring the property.
        absent: Option<usize>,
        /// The tag values are booleans (`"true"`, `"false"` in the variants' `tag`),
        /// not strings.
        boolean: bool,
    },
    /// Branches that may overlap: a value takes the first branch that it deserializes
    /// into and that validates (else the first it deserializes into).
    FirstValid {
        /// From `oneOf`: `validate` also checks that no other branch matches the value.
        one_of: bool,
        /// Two or more of its branches contain the union again: every failed branch
        /// re-reads the nested values, so their results are remembered while the
        /// outermost one is read (else hostile nesting takes exponential time).
        memo: bool,
    },
}

impl UnionDef {
    /// A `oneOf` of overlapping branches, whose `validate` checks that one alone matches.
    pub fn one_of(&self) -> bool {
        matches!(self.repr, UnionRepr::FirstValid { one_of: true, .. })
    }

    /// A union whose value takes the first valid branch.
    pub fn first_valid(&self) -> bool {
        matches!(self.repr, UnionRepr::FirstValid { .. })
    }
}

/// One branch of a union.
#[derive(Debug, Clone)]
pub struct UnionVariant {
    /// Rust variant name.
    pub name: String,
    /// The branch's value.
    pub shape: Shape,
    /// Stored in a `Box` because the type contains itself.
    pub boxed: bool,
    /// For object branches told apart by a tag: the tag property and this branch's
    /// values (none: every value no other branch lists).
    pub tag: Option<(String, Vec<String>)>,
    /// In a union told apart by JSON type: the JSON values the branch reads.
    pub admits: Option<Admits>,
}

/// The JSON values a branch of a union told apart by JSON type reads: a branch kept as
/// JSON would otherwise read every value and leave the branches after it dead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admits {
    /// Values of this type.
    Only(JsonKind),
    /// Values of every other type.
    AllBut(JsonKind),
}

/// A newtype around a shape.
#[derive(Debug, Clone)]
pub struct NewtypeDef {
    /// The wrapped value.
    pub shape: Shape,
    /// Stored in a `Box` because the type contains itself.
    pub boxed: bool,
}

/// A struct: known fields plus what happens to other properties.
#[derive(Debug, Clone)]
pub struct StructDef {
    /// Known properties, in schema order.
    pub fields: Vec<Field>,
    /// Properties the schema does not list.
    pub additional: Additional,
    /// The type is an expansion target with a required string `id`.
    pub has_id: bool,
    /// Rust name of the field that keeps other properties (when they are kept).
    pub extra_name: String,
}

/// What a struct does with properties it does not list.
#[derive(Debug, Clone)]
pub enum Additional {
    /// `additionalProperties: false`: rejected at deserialization.
    Deny,
    /// Allowed and kept, so re-serializing loses nothing.
    Keep(Shape),
}

/// One property of a struct.
#[derive(Debug, Clone)]
pub struct Field {
    /// The property name in JSON.
    pub json_name: String,
    /// The Rust field name (raw identifiers spelled `r#type`).
    pub rust_name: String,
    /// Documentation.
    pub doc: Option<String>,
    /// Listed in `required`.
    pub required: bool,
    /// The value's shape (nullable values are [`Ty::Nullable`]).
    pub shape: Shape,
    /// Stored in a `Box` because the type contains itself.
    pub boxed: bool,
    /// The schema's `default`, for an optional field that gives one.
    pub default: Option<serde_json::Value>,
    /// The document's schema the field's shape was lowered from as written: its type
    /// and checks express that schema whole, so a value that passes them holds there.
    pub source: Option<Location>,
}

/// A string enum.
#[derive(Debug, Clone)]
pub struct EnumDef {
    /// The listed values.
    pub variants: Vec<Variant>,
    /// Keep unknown values in an extra variant instead of failing.
    pub open: bool,
}

/// One enum value.
#[derive(Debug, Clone)]
pub struct Variant {
    /// The JSON string.
    pub json: String,
    /// The Rust variant name.
    pub rust: String,
}

/// A value: its Rust representation, its format and the checks it needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// Representation.
    pub ty: Ty,
    /// `format`, kept for mappings and docs.
    pub format: Option<String>,
    /// Checks the Rust type does not already guarantee.
    pub checks: Vec<Check>,
}

/// How a value is represented in Rust.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    /// `bool`.
    Bool,
    /// `i64`.
    Integer,
    /// `f64`.
    Number,
    /// `String`.
    String,
    /// `()`: `type: null`, whose only value is `null`.
    Null,
    /// An RFC 3339 date-time.
    DateTime,
    /// Any JSON value.
    Any,
    /// Bytes of a file (`format: binary` in a multipart body, or a body of another media
    /// type): `runtime::Binary`. Never read from JSON text of the document's own.
    Binary,
    /// A named type.
    Named(TypeId),
    /// A JSON array.
    Array(Box<Shape>),
    /// A JSON object used as a map.
    Map(Box<Shape>),
    /// A value that may be `null`.
    Nullable(Box<Shape>),
    /// A Rust type that replaces the schema (`replace`, `x-rust-type`): it reads and
    /// writes the value by its own serde impls.
    External {
        /// Its path (`rust_decimal::Decimal`), checked to parse as a Rust type.
        path: String,
        /// Its `Validate` impl is called.
        validate: bool,
    },
    /// No value: a property whose schema is `false`, which must be absent.
    Never,
    /// A string of an asserted format read by a crate's type (`crate_formats`).
    Crate(CrateFormat),
    /// An id string, or the expanded object.
    Expandable {
        /// The id's shape (a string, with its checks).
        id: Box<Shape>,
        /// The expanded object's type.
        object: TypeId,
    },
}

/// A format's crate type: it parses the string and writes back its own normal form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CrateFormat {
    /// `uuid`: `uuid::Uuid` (written lower-case, hyphenated).
    Uuid,
    /// `date`: `chrono::NaiveDate`.
    Date,
    /// `ipv4`: `std::net::Ipv4Addr`.
    Ipv4,
    /// `ipv6`: `std::net::Ipv6Addr` (written compressed).
    Ipv6,
    /// `uri`: `url::Url` (written as the WHATWG URL standard serializes it).
    Uri,
}

impl CrateFormat {
    /// The crate type of a format, if it has one.
    pub fn of(format: &str) -> Option<CrateFormat> {
        Some(match format {
            "uuid" => CrateFormat::Uuid,
            "date" => CrateFormat::Date,
            "ipv4" => CrateFormat::Ipv4,
            "ipv6" => CrateFormat::Ipv6,
            "uri" => CrateFormat::Uri,
            _ => return None,
        })
    }

    /// The type's path.
    pub fn path(self) -> &'static str {
        match self {
            CrateFormat::Uuid => "::uuid::Uuid",
            CrateFormat::Date => "::chrono::NaiveDate",
            CrateFormat::Ipv4 => "::std::net::Ipv4Addr",
            CrateFormat::Ipv6 => "::std::net::Ipv6Addr",
            CrateFormat::Uri => "::url::Url",
        }
    }
}

/// A check that validation performs.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    /// `maxLength`, in Unicode code points.
    MaxLength(u64),
    /// `minLength`, in Unicode code points.
    MinLength(u64),
    /// `minimum`.
    Minimum(f64),
    /// `maximum`.
    Maximum(f64),
    /// `exclusiveMinimum`.
    ExclusiveMinimum(f64),
    /// `exclusiveMaximum`.
    ExclusiveMaximum(f64),
    /// `multipleOf`.
    MultipleOf(f64),
    /// `minItems`.
    MinItems(u64),
    /// `maxItems`.
    MaxItems(u64),
    /// `uniqueItems: true`.
    UniqueItems,
    /// `minProperties` (maps).
    MinProperties(u64),
    /// `maxProperties` (maps).
    MaxProperties(u64),
    /// `enum` of booleans or numbers: the value is one of these.
    Enum(Vec<serde_json::Value>),
    /// `pattern`: an ECMA-262 regular expression the string must match.
    Pattern(String),
    /// An asserted `format` of a string (the document asserts formats).
    Format(String),
    /// `patternProperties` of one pattern beside `additionalProperties: false`: every
    /// property a struct does not list (every key of a map) matches this pattern.
    KeysMatch(String),
    /// The whole schema at this JSON pointer of the type's document: for a value kept as
    /// `serde_json::Value`, or a typed value (checked as JSON) whose schema has keywords
    /// the type and its other checks do not express.
    Schema(JsonPointer),
    /// The whole schema, compiled into the generated function at this index of
    /// [`Model::json_fns`]: what `Schema` checks, without the embedded validator.
    Json(JsonFnId),
    /// A whole-schema check of a struct that amounts to `properties`,
    /// `patternProperties` and `additionalProperties` alone (the schema at `pointer`):
    /// each field and kept property is checked on its own, the struct never written to
    /// JSON whole.
    Entries {
        pointer: JsonPointer,
        listed: Vec<(String, json::Sub)>,
        patterns: Vec<(String, json::Sub)>,
        additional: json::Sub,
    },
}

/// Calls `f` on `shape` and every shape nested in it.
pub fn walk_shape(shape: &Shape, f: &mut dyn FnMut(&Shape)) {
    f(shape);
    match &shape.ty {
        Ty::Array(inner) | Ty::Map(inner) | Ty::Nullable(inner) => walk_shape(inner, f),
        Ty::Expandable { id, .. } => walk_shape(id, f),
        _ => {}
    }
}

impl Model {
    /// The JSON kinds a value of `shape` can be read from, as the runtime's `kinds` bits.
    pub fn json_kinds(&self, shape: &Shape) -> u8 {
        self.kinds_of(shape, &mut Vec::new())
    }

    fn kinds_of(&self, shape: &Shape, seen: &mut Vec<TypeId>) -> u8 {
        use schemagen_runtime::kinds::{ANY, ARRAY, BOOLEAN, NULL, NUMBER, OBJECT, STRING};
        match &shape.ty {
            Ty::Null => NULL,
            Ty::Never => 0,
            Ty::Bool => BOOLEAN,
            Ty::Integer | Ty::Number => NUMBER,
            Ty::String | Ty::DateTime | Ty::Crate(_) => STRING,
            Ty::Array(_) => ARRAY,
            Ty::Map(_) => OBJECT,
            // A type of its own: any JSON, as far as the generator knows.
            Ty::Any | Ty::External { .. } => ANY,
            // Written as its parts: an object with the bytes as numbers.
            Ty::Binary => OBJECT,
            Ty::Nullable(inner) => NULL | self.kinds_of(inner, seen),
            Ty::Expandable { .. } => STRING | OBJECT,
            Ty::Named(id) if seen.contains(id) => ANY,
            Ty::Named(id) => {
                seen.push(*id);
                let kinds = match &self.types[*id].kind {
                    TypeKind::Struct(_) => OBJECT,
                    TypeKind::Enum(_) => STRING,
                    TypeKind::Newtype(n) => self.kinds_of(&n.shape, seen),
                    TypeKind::Union(u) => {
                        u.variants.iter().fold(0, |k, v| k | self.kinds_of(&v.shape, seen))
                    }
                };
                seen.pop();
                kinds
            }
        }
    }
}

/// Calls `f` on `shape` and every shape nested in it, mutably.
pub fn walk_shape_mut(shape: &mut Shape, f: &mut dyn FnMut(&mut Shape)) {
    f(shape);
    match &mut shape.ty {
        Ty::Array(inner) | Ty::Map(inner) | Ty::Nullable(inner) => walk_shape_mut(inner, f),
        Ty::Expandable { id, .. } => walk_shape_mut(id, f),
        _ => {}
    }
}

impl TypeKind {
    /// Calls `f` on every shape of the type, nested shapes included, mutably.
    pub fn walk_shapes_mut(&mut self, f: &mut dyn FnMut(&mut Shape)) {
        let walk = walk_shape_mut;
        match self {
            TypeKind::Struct(s) => {
                s.fields.iter_mut().for_each(|field| walk(&mut field.shape, f));
                if let Additional::Keep(shape) = &mut s.additional {
                    walk(shape, f);
                }
            }
            TypeKind::Newtype(n) => walk(&mut n.shape, f),
            TypeKind::Union(u) => u.variants.iter_mut().for_each(|v| walk(&mut v.shape, f)),
            TypeKind::Enum(_) => {}
        }
    }
}

impl Shape {
    /// A shape without format or checks.
    pub fn plain(ty: Ty) -> Shape {
        Shape { ty, format: None, checks: Vec::new() }
    }

    /// For a string of a `format` the runtime has a type for, that type's name in
    /// `runtime::formats` (`Date` for `date`): it keeps the text and parses it on demand.
    pub fn format_type(&self) -> Option<&'static str> {
        if self.ty != Ty::String {
            return None;
        }
        Some(match self.format.as_deref()? {
            "date" => "Date",
            "time" => "Time",
            "duration" => "Duration",
            "uuid" => "Uuid",
            "email" => "Email",
            "uri" => "Uri",
            "ipv4" => "Ipv4",
            "ipv6" => "Ipv6",
            _ => return None,
        })
    }

    /// Whether the value may be null, and its shape without the null.
    pub fn non_null(&self) -> (bool, &Shape) {
        match &self.ty {
            Ty::Nullable(inner) => (true, inner),
            _ => (false, self),
        }
    }
}

impl Model {
    /// The type behind an id.
    pub fn ty(&self, id: TypeId) -> &TypeDef {
        &self.types[id]
    }

    /// Calls `f` on every shape of every type, nested shapes included.
    pub fn walk_shapes(&self, f: &mut dyn FnMut(&Shape)) {
        for id in TypeId::all(self.types.len()) {
            self.walk_type_shapes(id, f);
        }
    }

    /// Calls `f` on every shape of one type, nested shapes included.
    pub fn walk_type_shapes(&self, id: TypeId, f: &mut dyn FnMut(&Shape)) {
        let walk = walk_shape;
        match &self.types[id].kind {
            TypeKind::Struct(s) => {
                s.fields.iter().for_each(|field| walk(&field.shape, f));
                if let Additional::Keep(shape) = &s.additional {
                    walk(shape, f);
                }
            }
            TypeKind::Newtype(n) => walk(&n.shape, f),
            TypeKind::Union(u) => u.variants.iter().for_each(|v| walk(&v.shape, f)),
            TypeKind::Enum(_) => {}
        }
    }

    /// Whether a value of type `t` holds one of type `id` directly.
    pub fn mentions(&self, t: TypeId, id: TypeId) -> bool {
        let mut found = false;
        self.walk_type_shapes(t, &mut |s| {
            found |= matches!(s.ty, Ty::Named(n) | Ty::Expandable { object: n, .. } if n == id)
        });
        found
    }

    /// The JSON pointers of the `Check::Schema`s of one module, sorted.
    pub fn schema_checks(&self, module: DocId) -> Vec<JsonPointer> {
        self.collect_checks(module, |c| match c {
            Check::Schema(p) => Some(p.clone()),
            _ => None,
        })
    }

    /// The `pattern`s checked by one module (its types' and its JSON checks'), sorted
    /// and unique.
    pub fn patterns(&self, module: DocId) -> Vec<String> {
        let pick = |c: &Check| match c {
            Check::Pattern(p) | Check::KeysMatch(p) => Some(p.clone()),
            _ => None,
        };
        let mut out = self.collect_with_json(module, pick, JsonFn::patterns);
        let entries = self.collect_checks(module, |c| match c {
            Check::Entries { patterns, .. } => {
                Some(patterns.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>())
            }
            _ => None,
        });
        out.extend(entries.into_iter().flatten());
        out.extend(self.eval_fns.iter().filter(|f| f.module == module).flat_map(EvalFn::patterns));
        out.sort();
        out.dedup();
        out
    }

    /// The asserted `format`s checked by one module, sorted and unique.
    pub fn formats(&self, module: DocId) -> Vec<String> {
        let pick = |c: &Check| match c {
            Check::Format(f) => Some(f.clone()),
            _ => None,
        };
        self.collect_with_json(module, pick, JsonFn::formats)
    }

    /// What `pick` takes from one module's type checks, with what `of_fn` takes from its
    /// JSON checks, sorted and unique.
    fn collect_with_json(
        &self,
        module: DocId,
        pick: impl Fn(&Check) -> Option<String>,
        of_fn: fn(&JsonFn) -> Vec<String>,
    ) -> Vec<String> {
        let mut out: std::collections::BTreeSet<String> =
            self.collect_checks(module, pick).into_iter().collect();
        out.extend(self.json_fns.iter().filter(|f| f.module == module).flat_map(of_fn));
        out.into_iter().collect()
    }

    /// What `pick` takes from the checks of one module's types, sorted and unique.
    fn collect_checks<T: Ord>(&self, module: DocId, pick: impl Fn(&Check) -> Option<T>) -> Vec<T> {
        let mut out = std::collections::BTreeSet::new();
        for (id, t) in TypeId::all(self.types.len()).zip(&self.types) {
            if t.module == module {
                out.extend(t.checks.iter().filter_map(&pick));
                self.walk_type_shapes(id, &mut |s| out.extend(s.checks.iter().filter_map(&pick)));
            }
        }
        out.into_iter().collect()
    }

    /// The Rust path of a named type, from the crate root (`crate::stripe::Foo`).
    pub fn rust_path(&self, id: TypeId) -> Vec<String> {
        let t = &self.types[id];
        let mut path = Vec::new();
        if let Some(m) = &self.modules[t.module].name {
            path.push(m.clone());
        }
        path.push(t.name.clone());
        path
    }
}
