//! Lowers JSON Schema / OpenAPI documents into the model.

use std::collections::BTreeMap;

use heck::ToUpperCamelCase;
use serde_json::{Map, Value};

use crate::config::{Config, UnknownEnumValues};
use crate::diag::Diagnostics;
use crate::load::{resolve_ref, target_of, Document};
use crate::model::{
    walk_shape, Additional, Check, CrateFormat, DocId, EnumDef, Field, KeptReason, Location, Model,
    ModuleDef, NewtypeDef, Shape, StructDef, Ty, TypeDef, TypeId, TypeKind, UnionDef, UnionVariant,
    Variant,
};
use crate::naming::{self, Scope, RESERVED_TYPE_NAMES};
use crate::schema::{
    as_read, nominal, openapi_nullable, type_list, walk_schemas, Descend, Dialect, JsonPointer,
    Nominal, Reading,
};
use plan::{closed_by_unevaluated, implied_type, type_union, untyped_reason};

mod cases;
mod compose;
mod conditional;
mod coverage;
mod embedded;
mod extensions;
mod json_check;
mod json_covered;
mod json_dynamic;
mod json_eval;
mod json_holds;
mod json_prune;
mod mapping;
mod mapping_fields;
mod passes;
mod plan;
mod replace;
mod skeleton;
mod source_schemas;
mod tags;
#[cfg(test)]
mod tests;

pub use mapping::lower_mappings;
mod objects;
use objects::Property;
mod operations;
mod responses;
mod scalars;

/// Builds the model's types from the documents; problems go to `diags`.
pub fn lower(config: &Config, docs: &[Document], diags: &mut Diagnostics) -> Model {
    let mut cx = Lowerer {
        docs,
        diags,
        model: Model::default(),
        scopes: Vec::new(),
        pending: BTreeMap::new(),
        ref_stack: Vec::new(),
        placeholders: Default::default(),
        root_folder: config
            .schema_root
            .canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_default(),
        inline_types: BTreeMap::new(),
        replaced: Default::default(),
    };
    for (i, doc) in DocId::all(docs.len()).zip(docs) {
        cx.model.modules.push(ModuleDef {
            name: doc.config.module.as_deref().map(naming::module_name),
            key: doc.config.key(),
            file: doc.file.clone(),
            linked: doc.linked.is_some(),
            embedded: None,
            derives: doc.config.derives.clone(),
        });
        cx.scopes.push(Scope::with_reserved(RESERVED_TYPE_NAMES));
        cx.claim_roots(i);
    }
    // Roots that are not structs or enums become newtypes; they are registered first so
    // that every `$ref` to them, recursive ones included, names the newtype.
    let mut newtypes = Vec::new();
    for (i, doc) in DocId::all(docs.len()).zip(docs) {
        for (pointer, _) in cx.roots(i) {
            let value = doc.value.pointer(pointer.as_str()).expect("roots come from the document");
            // A replaced root is its replacing type wherever it is used: no newtype.
            let replaced =
                cx.replace_key(i, &pointer).is_some() || value.get("x-rust-type").is_some();
            if !is_nominal(cx.reading(i), value) && !replaced {
                let empty = Map::new();
                let o = value.as_object().unwrap_or(&empty);
                let id = cx.new_type(
                    i,
                    &pointer,
                    "",
                    o,
                    TypeKind::Newtype(NewtypeDef { shape: Shape::plain(Ty::Any), boxed: false }),
                );
                newtypes.push((i, pointer, id));
            }
        }
    }
    for (i, doc) in DocId::all(docs.len()).zip(docs) {
        for (pointer, _) in cx.roots(i) {
            let value = doc.value.pointer(pointer.as_str()).expect("roots come from the document");
            match newtypes.iter().find(|(d, p, _)| *d == i && *p == pointer) {
                Some(&(_, _, id)) => {
                    let name = cx.model.types[id].name.clone();
                    cx.placeholders.insert(id);
                    let shape = if recursive_scope(value) {
                        cx.untyped(i, &pointer, KeptReason::NestedRecursiveAnchor)
                    } else {
                        cx.shape(i, value, &pointer, &name)
                    };
                    if cx.placeholders.remove(&id) {
                        cx.model.types[id].kind =
                            TypeKind::Newtype(NewtypeDef { shape, boxed: false });
                    }
                }
                None => {
                    cx.named(i, value, &pointer, None);
                }
            }
        }
    }
    for (i, doc) in DocId::all(docs.len()).zip(docs) {
        if doc.dialect != Dialect::JsonSchema && doc.config.operations && doc.linked.is_none() {
            cx.operations(i);
        }
    }
    for (i, doc) in DocId::all(docs.len()).zip(docs) {
        for key in doc.config.replace.keys() {
            if !cx.replaced.contains(&(i, key.clone())) {
                let msg = format!("`replace` names `{key}`, which is no schema of this document that is generated (a JSON pointer such as `#/components/schemas/Money`, or a component's name)");
                cx.diags.error(&doc.file, "", msg);
            }
        }
    }
    // Builders are named last, so that no schema's type loses its name to one.
    for id in TypeId::all(cx.model.types.len()) {
        let t = &cx.model.types[id];
        if matches!(t.kind, TypeKind::Struct(_)) && docs[t.module].config.builders {
            let name = cx.scopes[t.module].claim(format!("{}Builder", t.name));
            cx.model.builders.insert(id, name);
        }
    }
    let recursive_one_of = passes::memoize_recursive_first_valid(&mut cx.model);
    untype_recursive_one_of(&mut cx, recursive_one_of);
    passes::mark_boxed(&mut cx.model);
    let mut model = cx.model;
    json_check::compile_schema_checks(&mut model, docs, config.krate.parse_checks);
    if config.krate.schemars {
        source_schemas::source_schemas(&mut model, docs);
    }
    warn_embedded_typed_checks(&model, docs, diags);
    for (i, doc) in DocId::all(docs.len()).zip(docs) {
        let pointers = model.schema_checks(i);
        if !pointers.is_empty() {
            model.modules[i].embedded = Some(embedded::embed(config, doc, &pointers, diags));
        }
    }
    model
}

struct Lowerer<'a> {
    docs: &'a [Document],
    diags: &'a mut Diagnostics,
    model: Model,
    scopes: Vec<Scope>,
    /// Names claimed up front for root schemas, so inline types never take them.
    pending: BTreeMap<Location, String>,
    /// `$ref` targets being lowered, to catch cycles of plain aliases.
    ref_stack: Vec<Location>,
    /// Root newtypes whose shape is being lowered.
    placeholders: std::collections::BTreeSet<TypeId>,
    /// The name of the schema root's folder, which names a root `schema.json` in it.
    root_folder: String,
    /// Structs and enums by their schema's text, for operations' inline schemas to share.
    inline_types: BTreeMap<(DocId, String), TypeId>,
    /// The `replace` keys of each document that named a schema.
    replaced: std::collections::BTreeSet<(DocId, String)>,
}

/// What [`Lowerer::rollback`] returns to.
struct Checkpoint {
    diags: crate::diag::Speculation,
    types: usize,
    pending: BTreeMap<Location, String>,
    placeholder: Option<TypeId>,
}

impl<'a> Lowerer<'a> {
    /// Root schemas of a document with their raw names.
    fn roots(&self, doc: DocId) -> Vec<(JsonPointer, String)> {
        let d = &self.docs[doc];
        match d.dialect {
            _ if d.linked.is_some() => Vec::new(),
            Dialect::JsonSchema => {
                let name =
                    d.config.root.clone().or_else(|| {
                        d.value.get("title").and_then(Value::as_str).map(str::to_owned)
                    });
                // `schema.json` names nothing; the folder that holds it does, as in
                // SchemaStore's `<name>/schema.json`.
                let file = std::path::Path::new(&d.file);
                let stem = match file_stem(&d.file) {
                    s if s.eq_ignore_ascii_case("schema") => file
                        .parent()
                        .and_then(|p| p.file_name())
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_else(|| self.root_folder.clone()),
                    s => s,
                };
                let stem = Some(stem).filter(|s| !s.is_empty());
                vec![(JsonPointer::root(), name.or(stem).unwrap_or_else(|| "Root".to_owned()))]
            }
            Dialect::OpenApi30 | Dialect::OpenApi31 => d
                .value
                .pointer("/components/schemas")
                .and_then(Value::as_object)
                .map(|schemas| {
                    schemas
                        .keys()
                        .map(|k| {
                            (JsonPointer::root().join("components/schemas").child(k), k.clone())
                        })
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    fn claim_roots(&mut self, doc: DocId) {
        if self.docs[doc].dialect != Dialect::JsonSchema && self.roots(doc).is_empty() {
            let at = JsonPointer::root().join("components/schemas");
            self.warn(doc, &at, "the document has no component schemas");
        }
        for (pointer, raw) in self.roots(doc) {
            let config = &self.docs[doc].config;
            let name =
                config.rename.get(&raw).or_else(|| config.rename.get(pointer.as_str())).cloned();
            let name = self.scopes[doc].claim(name.unwrap_or_else(|| naming::type_name(&raw)));
            self.pending.insert(Location::new(doc, &pointer), name);
        }
    }

    fn reading(&self, doc: DocId) -> Reading {
        let d = &self.docs[doc];
        let ref_alone = match d.dialect {
            Dialect::OpenApi30 => true,
            Dialect::OpenApi31 => false,
            Dialect::JsonSchema => d.meta.ref_overrides_siblings(),
        };
        let draft4 = d.dialect == Dialect::JsonSchema && d.meta.draft4_or_older;
        Reading {
            dialect: d.dialect,
            format_assertion: d.config.format_assertion,
            ref_alone,
            draft4,
            opaque_resources: d.dynamic_scope
                || d.scope.as_ref().is_some_and(|s| !s.anchors.is_empty()),
            draft: d.meta.draft,
        }
    }

    fn err(&mut self, doc: DocId, at: &JsonPointer, message: impl Into<String>) {
        let docs = self.docs;
        self.diags.error(&docs[doc].file, at.as_str(), message);
    }

    /// The key under which an inline struct or enum (`kind`) of `doc` is shared with
    /// the operations' identical ones: its schema's text. Only documents whose
    /// operations are generated pay for it.
    fn share_key(&self, doc: DocId, kind: &str, o: &Map<String, Value>) -> Option<(DocId, String)> {
        let d = &self.docs[doc];
        (d.dialect != Dialect::JsonSchema && d.config.operations)
            .then(|| (doc, format!("{kind} {}", Value::Object(o.clone()))))
    }

    /// The type an operation's inline schema at `ptr` is: one lowered before from the
    /// same text (`key`), if any.
    fn shared_type(
        &mut self,
        key: &Option<(DocId, String)>,
        doc: DocId,
        ptr: &JsonPointer,
    ) -> Option<TypeId> {
        if !ptr.as_str().starts_with("/paths/") {
            return None;
        }
        let id = *self.inline_types.get(key.as_ref()?)?;
        self.model.by_location.insert(Location::new(doc, ptr), id);
        Some(id)
    }

    /// Remembers `id` as the type of its schema's text, for operations to share.
    fn remember_shared(&mut self, key: Option<(DocId, String)>, id: TypeId) {
        if let Some(key) = key {
            self.inline_types.entry(key).or_insert(id);
        }
    }

    /// Keeps the schema at `ptr` as a JSON value checked against itself (exact, but
    /// untyped), with a warning that says which construct needs it.
    fn untyped(&mut self, doc: DocId, ptr: &JsonPointer, what: KeptReason) -> Shape {
        self.warn(doc, ptr, format!("{what} has no Rust type yet: kept as `serde_json::Value`, validated against the schema"));
        self.model.reasons.insert(Location::new(doc, ptr), what);
        fallback(ptr)
    }

    fn warn(&mut self, doc: DocId, at: &JsonPointer, message: impl Into<String>) {
        let docs = self.docs;
        self.diags.warning(&docs[doc].file, at.as_str(), message);
    }

    /// Lowers a schema that gets a name of its own if it is a struct or enum.
    fn named(&mut self, doc: DocId, v: &Value, ptr: &JsonPointer, hint: Option<&str>) -> Shape {
        let key = Location::new(doc, ptr);
        if let Some(&id) = self.model.by_location.get(&key) {
            return Shape::plain(Ty::Named(id));
        }
        self.shape(doc, v, ptr, hint.unwrap_or(""))
    }

    fn name_for(&mut self, doc: DocId, ptr: &JsonPointer, hint: &str) -> String {
        if let Some(name) = self.pending.remove(&Location::new(doc, ptr)) {
            return name;
        }
        let hint = if hint.is_empty() { "Inline".to_owned() } else { hint.to_owned() };
        self.scopes[doc].claim(naming::type_name(&hint))
    }

    fn new_type(
        &mut self,
        doc: DocId,
        ptr: &JsonPointer,
        hint: &str,
        o: &Map<String, Value>,
        kind: TypeKind,
    ) -> TypeId {
        // A root registered as a newtype that turns out to be a struct or union itself
        // becomes that type, under the root's name.
        let key = Location::new(doc, ptr);
        if let Some(&id) = self.model.by_location.get(&key) {
            if self.placeholders.remove(&id) {
                self.model.types[id].kind = kind;
                return id;
            }
        }
        let name = self.name_for(doc, ptr, hint);
        let id = TypeId::new(self.model.types.len());
        self.model.types.push(TypeDef {
            module: doc,
            name,
            doc: doc_of(o),
            pointer: ptr.clone(),
            kind,
            checks: Vec::new(),
        });
        self.model.by_location.insert(Location::new(doc, ptr), id);
        id
    }

    fn shape(&mut self, doc: DocId, v: &Value, ptr: &JsonPointer, hint: &str) -> Shape {
        let normalized;
        let o = match v {
            Value::Bool(true) => return Shape::plain(Ty::Any),
            Value::Object(o) => {
                if let Some(shape) = self.replacement(doc, o, ptr) {
                    return shape;
                }
                if o.contains_key("const") && self.docs[doc].dialect == Dialect::OpenApi30 {
                    self.warn(
                        doc,
                        &ptr.join("const"),
                        "`const` is not an OpenAPI 3.0 keyword; it is enforced as in OpenAPI 3.1",
                    );
                }
                normalized = as_read(self.reading(doc), o);
                &*normalized
            }
            Value::Bool(false) => {
                self.model.reasons.insert(Location::new(doc, ptr), KeptReason::False);
                return fallback(ptr);
            }
            _ => {
                self.err(doc, ptr, "a schema must be an object or a boolean");
                return Shape::plain(Ty::Any);
            }
        };
        let dialect = self.docs[doc].dialect;
        if let Some(kind) = implied_type(self.reading(doc), o) {
            if let Some(shape) = self.by_type(
                doc,
                o,
                compose::Split { kinds: &[kind], other: true, null: false },
                ptr,
                hint,
            ) {
                return shape;
            }
        }
        if let Some((kinds, null)) = type_union(self.reading(doc), o) {
            if let Some(shape) = self.by_type(
                doc,
                o,
                compose::Split { kinds: &kinds, other: false, null },
                ptr,
                hint,
            ) {
                return shape;
            }
        }
        if o.contains_key("if") || o.contains_key("allOf") {
            if let Some(shape) = self.conditional_union(doc, o, ptr, hint) {
                return shape;
            }
        }
        if o.contains_key("if") {
            if let Some(shape) = self.type_test_union(doc, o, ptr, hint) {
                return shape;
            }
        }
        if let Some(reason) = untyped_reason(self.reading(doc), o, ptr.is_root()) {
            return self.typed_part(doc, o, ptr, hint, reason);
        }
        let mut nullable = openapi_nullable(dialect, o);
        if let Some(keyword) = ["anyOf", "oneOf", "allOf"].into_iter().find(|k| o.contains_key(*k))
        {
            if o.contains_key("type") && !self.type_is_implied(doc, o, keyword) {
                // The type's shape, with the composition as a check.
                return self.typed_part(
                    doc,
                    o,
                    ptr,
                    hint,
                    KeptReason::TypeNotImplied(keyword.to_owned()),
                );
            }
        }
        let inner = if let Some(r) = o.get("$ref") {
            self.reference(doc, r, ptr)
        } else if let Some(branches) = o.get("anyOf") {
            self.any_of(doc, o, branches, ptr, hint)
        } else if let Some(branches) = o.get("oneOf") {
            if branches.as_array().is_some_and(|b| b.len() == 1) {
                self.single_branch(doc, "oneOf", branches, ptr, hint)
            } else {
                self.union(doc, "oneOf", branches, ptr, hint)
            }
        } else if let Some(branches) = o.get("allOf") {
            self.all_of(doc, o, branches, ptr, hint, nullable)
        } else {
            if o.get("type").is_some_and(|t| !t.is_string() && !t.is_array()) {
                self.err(doc, &ptr.join("type"), "`type` must be a string or an array of strings");
            }
            let (types, type_null) = type_list(o);
            // With an `enum`, `null` must be listed there and allowed by `type`.
            let listed = o.get("enum").and_then(Value::as_array);
            let enum_null = listed.is_none_or(|values| values.contains(&Value::Null));
            nullable |= type_null && enum_null;
            match nominal(self.docs[doc].dialect, o) {
                Some(Nominal::Enum) => {
                    let (shape, has_null) = self.enumeration(doc, o, ptr, hint);
                    nullable |= has_null && (o.get("type").is_none() || type_null);
                    shape
                }
                Some(Nominal::Struct) => self.object(doc, o, ptr, hint),
                // `untyped_reason` let through at most one type, and keywords without a
                // type only where OpenAPI reads them as an object.
                None => match types.as_slice() {
                    [] if self.docs[doc].dialect != Dialect::JsonSchema
                        && o.contains_key("additionalProperties") =>
                    {
                        self.object(doc, o, ptr, hint)
                    }
                    [] if type_null => Shape::plain(Ty::Null),
                    [] => Shape::plain(Ty::Any),
                    [t] => self.typed(doc, o, t, ptr, hint),
                    _ => fallback(ptr),
                },
            }
        };
        if nullable && !matches!(inner.ty, Ty::Nullable(_) | Ty::Any | Ty::Null) {
            Shape::plain(Ty::Nullable(Box::new(inner)))
        } else {
            inner
        }
    }

    /// A schema the typed lowering cannot express whole: its skeleton's type, checked
    /// against the whole schema as JSON (see `skeleton`); else the value stays JSON. A
    /// skeleton whose lowering fails leaves no trace: its errors, types, locations and the
    /// root names it took are undone.
    fn typed_part(
        &mut self,
        doc: DocId,
        o: &Map<String, Value>,
        ptr: &JsonPointer,
        hint: &str,
        reason: KeptReason,
    ) -> Shape {
        // A skeleton that is the schema itself would lower to this again.
        let Some(skeleton) =
            skeleton::skeleton(self.reading(doc), o, ptr.is_root()).filter(|s| s != o)
        else {
            return self.untyped(doc, ptr, reason);
        };
        let saved = self.checkpoint(doc, ptr);
        let expressed = skeleton::expressed(&skeleton, o);
        let mut shape = self.shape(doc, &Value::Object(skeleton), ptr, hint);
        if self.failed_since(&saved) || shape.ty == Ty::Any {
            self.rollback(saved);
            return self.untyped(doc, ptr, reason);
        }
        self.commit(saved);
        self.model.reasons.insert(Location::new(doc, ptr), reason);
        self.model.expressed.insert(Location::new(doc, ptr), expressed);
        let check = Check::Schema(ptr.clone());
        match shape.ty {
            Ty::Named(id) if self.model.types[id].pointer == *ptr => {
                self.model.types[id].checks.push(check)
            }
            _ => shape.checks.push(check),
        }
        shape
    }

    /// The state to return to when a tentative lowering at `ptr` fails.
    fn checkpoint(&mut self, doc: DocId, ptr: &JsonPointer) -> Checkpoint {
        let key = Location::new(doc, ptr);
        let placeholder =
            self.model.by_location.get(&key).copied().filter(|id| self.placeholders.contains(id));
        Checkpoint {
            diags: self.diags.speculate(),
            types: self.model.types.len(),
            pending: self.pending.clone(),
            placeholder,
        }
    }

    /// Whether errors were reported since the checkpoint.
    fn failed_since(&self, _saved: &Checkpoint) -> bool {
        self.diags.has_errors()
    }

    /// Keeps a tentative lowering: its diagnostics join the others.
    fn commit(&mut self, saved: Checkpoint) {
        saved.diags.commit(self.diags);
    }

    /// Undoes a tentative lowering: its errors, types, locations and the root names it
    /// took. Types made since refer only to each other (a root placeholder is reset).
    fn rollback(&mut self, saved: Checkpoint) {
        let types = saved.types;
        saved.diags.discard(self.diags);
        // The names the undone types took, unless a root's (which it keeps).
        for t in &self.model.types[types..] {
            if !saved.pending.values().any(|n| *n == t.name) {
                self.scopes[t.module].release(&t.name);
            }
        }
        self.model.types.truncate(types);
        self.model.by_location.retain(|_, id| id.index() < types);
        self.inline_types.retain(|_, id| id.index() < types);
        self.pending = saved.pending;
        self.placeholders.retain(|id| id.index() < types);
        if let Some(id) = saved.placeholder {
            self.placeholders.insert(id);
        }
    }

    /// The schema a `$ref` of document `doc` names: its document, pointer and value.
    fn follow(&self, doc: DocId, r: &str) -> Option<(DocId, JsonPointer, &'a Value)> {
        let docs: &'a [Document] = self.docs;
        let (doc, r) = target_of(docs, doc, r)?;
        let (pointer, value) = resolve_ref(&docs[doc].value, &r).ok()?;
        Some((doc, pointer, value))
    }

    /// A shape lowered in document `from` for a type of document `doc`: its checks of
    /// whole schemas name pointers of `from`, so such a shape becomes a newtype there.
    fn local_to(
        &mut self,
        doc: DocId,
        from: DocId,
        at: &JsonPointer,
        hint: &str,
        shape: Shape,
    ) -> Shape {
        let key = Location::new(from, at);
        if doc == from || !schema_checked(&shape) || self.model.by_location.contains_key(&key) {
            return shape;
        }
        let empty = Map::new();
        let o =
            self.docs[from].value.pointer(at.as_str()).and_then(Value::as_object).unwrap_or(&empty);
        let id =
            self.new_type(from, at, hint, o, TypeKind::Newtype(NewtypeDef { shape, boxed: false }));
        Shape::plain(Ty::Named(id))
    }

    fn reference(&mut self, doc: DocId, r: &Value, ptr: &JsonPointer) -> Shape {
        let Some(r) = r.as_str() else {
            self.err(doc, &ptr.join("$ref"), "`$ref` must be a string");
            return Shape::plain(Ty::Any);
        };
        // A reference into another document lowers there, in that document's module.
        let from = doc;
        let Some((doc, r)) = target_of(self.docs, doc, r) else {
            return self.untyped(doc, ptr, KeptReason::UnreadDocument);
        };
        let root = &self.docs[doc].value;
        match resolve_ref(root, &r) {
            Ok((target, value)) => {
                let key = Location::new(doc, &target);
                let last = target.last();
                let hint = match last.filter(|l| !l.is_empty()) {
                    None => root
                        .get("title")
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                        .unwrap_or_else(|| file_stem(&self.docs[doc].file)),
                    Some(last) => last,
                };
                if !self.model.by_location.contains_key(&key) && self.ref_stack.contains(&key) {
                    // A cycle through a target that is no named type of its own (an array,
                    // a map, a union or a single-branch composition): a newtype names it,
                    // and gets its shape when the target's lowering returns.
                    let empty = Map::new();
                    let id = self.new_type(
                        doc,
                        &target,
                        &hint,
                        value.as_object().unwrap_or(&empty),
                        TypeKind::Newtype(NewtypeDef {
                            shape: Shape::plain(Ty::Any),
                            boxed: false,
                        }),
                    );
                    self.placeholders.insert(id);
                    return Shape::plain(Ty::Named(id));
                }
                let named_before = self.model.by_location.contains_key(&key);
                self.ref_stack.push(key.clone());
                let shape = self.named(doc, value, &target, Some(&hint));
                self.ref_stack.pop();
                match self.model.by_location.get(&key).copied() {
                    // (A root's own placeholder, named before, is filled by its root.)
                    Some(id) if !named_before && self.placeholders.remove(&id) => {
                        // A loop of references that never descends into the value (`b` ->
                        // `c` -> `b`) constrains nothing a type can hold: kept as JSON.
                        let alias = |s: &Shape| s.ty == Ty::Named(id);
                        let shape = match &shape.ty {
                            Ty::Nullable(inner) if alias(inner) => {
                                self.untyped(doc, &target, KeptReason::RefLoop)
                            }
                            _ if alias(&shape) => self.untyped(doc, &target, KeptReason::RefLoop),
                            _ => shape,
                        };
                        self.model.types[id].kind =
                            TypeKind::Newtype(NewtypeDef { shape, boxed: false });
                        Shape::plain(Ty::Named(id))
                    }
                    _ => self.local_to(from, doc, &target, &hint, shape),
                }
            }
            Err(e) => {
                self.err(doc, &ptr.join("$ref"), e);
                Shape::plain(Ty::Any)
            }
        }
    }
}

/// A typed value whose whole-schema check compiled into code is typed and checked
/// exactly: nothing to warn about. One whose check is left to the embedded validator is
/// worth a warning, with what the compiler refused.
fn warn_embedded_typed_checks(model: &Model, docs: &[Document], diags: &mut Diagnostics) {
    for at in model.expressed.keys() {
        let (Some(reason), Some(why)) = (model.reasons.get(at), model.refusals.get(at)) else {
            continue;
        };
        diags.warning(
            &docs[at.doc].file,
            at.pointer.as_str(),
            format!("{reason}: the value keeps its Rust type, and the embedded validator checks it against its schema (generated code does not read {why})"),
        );
    }
}

/// A root with `$recursiveAnchor: true` and a resource inside it with one too: where
/// its `$recursiveRef`s lead depends on the resources a value passed through, which only
/// a check from the root knows.
fn recursive_scope(root: &Value) -> bool {
    let reanchored = |o: &Map<String, Value>| {
        o.contains_key("$id") && o.get("$recursiveAnchor") == Some(&Value::Bool(true))
    };
    let anchored = root.get("$recursiveAnchor") == Some(&Value::Bool(true));
    let mut inner = false;
    walk_schemas(root, &JsonPointer::root(), &mut |at, o| {
        inner |= !at.is_root() && reanchored(o);
        if inner {
            Descend::No
        } else {
            Descend::Yes
        }
    });
    anchored && inner
}

/// Whether a shape (not counting named types) has a check of a whole schema.
fn schema_checked(shape: &Shape) -> bool {
    let mut found = false;
    walk_shape(shape, &mut |s| found |= s.checks.iter().any(|c| matches!(c, Check::Schema(_))));
    found
}

/// A schema without a Rust type: any JSON value, validated against the schema at `ptr`.
fn fallback(ptr: &JsonPointer) -> Shape {
    Shape { ty: Ty::Any, format: None, checks: vec![Check::Schema(ptr.clone())] }
}

/// True when a root schema lowers to a struct or an enum rather than a newtype.
fn is_nominal(reading: Reading, v: &Value) -> bool {
    let dialect = reading.dialect;
    v.as_object().map(|o| as_read(reading, o)).is_some_and(|o| {
        // A nullable root is a newtype around an `Option`.
        let null = type_list(&o).1
            || o.get("enum").and_then(Value::as_array).is_some_and(|e| e.contains(&Value::Null))
            || openapi_nullable(dialect, &o);
        !null
            && !o.contains_key("$ref")
            && !o.contains_key("anyOf")
            && !o.contains_key("allOf")
            && nominal(dialect, &o).is_some()
            && untyped_reason(reading, &o, true).is_none()
    })
}

fn file_stem(file: &str) -> String {
    std::path::Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Documentation: the description, else the title.
fn doc_of(o: &Map<String, Value>) -> Option<String> {
    ["description", "title"]
        .iter()
        .filter_map(|k| o.get(*k).and_then(Value::as_str))
        .map(str::trim)
        .find(|s| !s.is_empty())
        .map(str::to_owned)
}

/// `oneOf` of overlapping branches that hold the union again: checking that no other
/// branch matches would re-check the nested values once per branch at every level, so
/// these stay JSON.
fn untype_recursive_one_of(cx: &mut Lowerer<'_>, ids: Vec<TypeId>) {
    for id in ids {
        let t = &cx.model.types[id];
        // A union made for a `oneOf` beside other keywords lives at the `oneOf`.
        let at = t.pointer.clone();
        let schema = if at.last().as_deref() == Some("oneOf") { at.parent() } else { None };
        let (doc, pointer) = (t.module, schema.unwrap_or(at));
        let shape = cx.untyped(doc, &pointer, KeptReason::RecursiveOneOf);
        // Its JSON check is now the whole schema, the `oneOf` included.
        cx.model.expressed.remove(&Location::new(doc, &pointer));
        cx.model.types[id].checks.retain(|c| *c != Check::Schema(pointer.clone()));
        cx.model.types[id].kind = TypeKind::Newtype(NewtypeDef { shape, boxed: false });
    }
}
