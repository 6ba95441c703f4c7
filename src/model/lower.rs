//! Lowers JSON Schema / OpenAPI documents into the model.

use std::collections::BTreeMap;

use heck::ToUpperCamelCase;
use serde_json::{Map, Value};

use super::naming::{self, Scope, RESERVED_TYPE_NAMES};
use super::support::{const_as_enum, untyped_reason, Reading};
use super::{Additional, Check, EnumDef, Field, Model, ModuleDef, NewtypeDef, Shape, StructDef, Ty, TypeDef, TypeId, TypeKind, UnionDef, UnionVariant, Variant};
use crate::config::{Config, UnknownEnumValues};
use crate::diag::Diagnostics;
use crate::load::{escape_token, resolve_ref, Dialect, Document};

/// Builds the model's types from the documents; problems go to `diags`.
pub fn lower(config: &Config, docs: &[Document], diags: &mut Diagnostics) -> Model {
    let mut cx = Lowerer { docs, diags, model: Model::default(), scopes: Vec::new(), pending: BTreeMap::new(), ref_stack: Vec::new(), placeholders: Default::default() };
    for (i, doc) in docs.iter().enumerate() {
        cx.model.modules.push(ModuleDef {
            name: doc.config.module.as_deref().map(naming::module_name),
            key: doc.config.key(),
            file: doc.file.clone(),
            embedded: None,
        });
        cx.scopes.push(Scope::with_reserved(RESERVED_TYPE_NAMES));
        cx.claim_roots(i);
    }
    // Roots that are not structs or enums become newtypes; they are registered first so
    // that every `$ref` to them, recursive ones included, names the newtype.
    let mut newtypes = Vec::new();
    for (i, doc) in docs.iter().enumerate() {
        for (pointer, _) in cx.roots(i) {
            let value = doc.value.pointer(&pointer).expect("roots come from the document");
            if !is_nominal(cx.reading(i), value) {
                let empty = Map::new();
                let o = value.as_object().unwrap_or(&empty);
                let id = cx.new_type(i, &pointer, "", o, TypeKind::Newtype(NewtypeDef { shape: Shape::plain(Ty::Any), boxed: false }));
                newtypes.push((i, pointer, id));
            }
        }
    }
    for (i, doc) in docs.iter().enumerate() {
        for (pointer, _) in cx.roots(i) {
            let value = doc.value.pointer(&pointer).expect("roots come from the document");
            match newtypes.iter().find(|(d, p, _)| *d == i && *p == pointer) {
                Some(&(_, _, id)) => {
                    let name = cx.model.types[id].name.clone();
                    cx.placeholders.insert(id);
                    let shape = cx.shape(i, value, &pointer, &name);
                    if cx.placeholders.remove(&id) {
                        cx.model.types[id].kind = TypeKind::Newtype(NewtypeDef { shape, boxed: false });
                    }
                }
                None => {
                    cx.named(i, value, &pointer, None);
                }
            }
        }
    }
    let recursive_one_of = super::passes::memoize_recursive_first_valid(&mut cx.model);
    untype_recursive_one_of(&mut cx, recursive_one_of);
    super::passes::mark_boxed(&mut cx.model);
    let mut model = cx.model;
    super::json_check::compile_schema_checks(&mut model, docs);
    for (i, doc) in docs.iter().enumerate() {
        let pointers = model.schema_checks(i);
        if !pointers.is_empty() {
            model.modules[i].embedded = Some(super::embedded::embed(config, doc, &pointers, diags));
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
    pending: BTreeMap<(usize, String), String>,
    /// `$ref` targets being lowered, to catch cycles of plain aliases.
    ref_stack: Vec<(String, String)>,
    /// Root newtypes whose shape is being lowered.
    placeholders: std::collections::BTreeSet<TypeId>,
}

impl Lowerer<'_> {
    /// Root schemas of a document with their raw names.
    fn roots(&self, doc: usize) -> Vec<(String, String)> {
        let d = &self.docs[doc];
        match d.dialect {
            Dialect::JsonSchema => {
                let name = d.config.root.clone().or_else(|| d.value.get("title").and_then(Value::as_str).map(str::to_owned));
                let stem = std::path::Path::new(&d.file).file_stem().map(|s| s.to_string_lossy().into_owned());
                vec![(String::new(), name.or(stem).unwrap_or_else(|| "Root".to_owned()))]
            }
            Dialect::OpenApi30 | Dialect::OpenApi31 => d
                .value
                .pointer("/components/schemas")
                .and_then(Value::as_object)
                .map(|schemas| {
                    schemas.keys().map(|k| (format!("/components/schemas/{}", escape_token(k)), k.clone())).collect()
                })
                .unwrap_or_default(),
        }
    }

    fn claim_roots(&mut self, doc: usize) {
        if self.docs[doc].dialect != Dialect::JsonSchema && self.roots(doc).is_empty() {
            self.warn(doc, "/components/schemas", "the document has no component schemas");
        }
        for (pointer, raw) in self.roots(doc) {
            let config = &self.docs[doc].config;
            let name = config.rename.get(&raw).or_else(|| config.rename.get(&pointer)).cloned();
            let name = self.scopes[doc].claim(name.unwrap_or_else(|| naming::type_name(&raw)));
            self.pending.insert((doc, pointer), name);
        }
    }

    fn reading(&self, doc: usize) -> Reading {
        let d = &self.docs[doc];
        Reading { dialect: d.dialect, format_assertion: d.config.format_assertion }
    }

    fn err(&mut self, doc: usize, at: &str, message: impl Into<String>) {
        let docs = self.docs;
        self.diags.error(&docs[doc].file, at, message);
    }

    /// Keeps the schema at `ptr` as a JSON value checked against itself (exact, but
    /// untyped), with a warning that says which construct needs it.
    fn untyped(&mut self, doc: usize, ptr: &str, what: &str) -> Shape {
        self.warn(doc, ptr, format!("{what} has no Rust type yet: kept as `serde_json::Value`, validated against the schema"));
        self.model.reasons.insert((doc, ptr.to_owned()), what.to_owned());
        fallback(ptr)
    }

    fn warn(&mut self, doc: usize, at: &str, message: impl Into<String>) {
        let docs = self.docs;
        self.diags.warning(&docs[doc].file, at, message);
    }

    /// Lowers a schema that gets a name of its own if it is a struct or enum.
    fn named(&mut self, doc: usize, v: &Value, ptr: &str, hint: Option<&str>) -> Shape {
        let key = (self.model.modules[doc].key.clone(), ptr.to_owned());
        if let Some(&id) = self.model.by_location.get(&key) {
            return Shape::plain(Ty::Named(id));
        }
        self.shape(doc, v, ptr, hint.unwrap_or(""))
    }

    fn name_for(&mut self, doc: usize, ptr: &str, hint: &str) -> String {
        if let Some(name) = self.pending.remove(&(doc, ptr.to_owned())) {
            return name;
        }
        let hint = if hint.is_empty() { "Inline".to_owned() } else { hint.to_owned() };
        self.scopes[doc].claim(naming::type_name(&hint))
    }

    fn new_type(&mut self, doc: usize, ptr: &str, hint: &str, o: &Map<String, Value>, kind: TypeKind) -> TypeId {
        // A root registered as a newtype that turns out to be a struct or union itself
        // becomes that type, under the root's name.
        let key = (self.model.modules[doc].key.clone(), ptr.to_owned());
        if let Some(&id) = self.model.by_location.get(&key) {
            if self.placeholders.remove(&id) {
                self.model.types[id].kind = kind;
                return id;
            }
        }
        let name = self.name_for(doc, ptr, hint);
        let id = self.model.types.len();
        self.model.types.push(TypeDef { module: doc, name, doc: doc_of(o), pointer: ptr.to_owned(), kind, checks: Vec::new() });
        self.model.by_location.insert((self.model.modules[doc].key.clone(), ptr.to_owned()), id);
        id
    }

    fn shape(&mut self, doc: usize, v: &Value, ptr: &str, hint: &str) -> Shape {
        let normalized;
        let o = match v {
            Value::Bool(true) => return Shape::plain(Ty::Any),
            Value::Object(o) => {
                if o.contains_key("const") && self.docs[doc].dialect == Dialect::OpenApi30 {
                    self.warn(doc, &format!("{ptr}/const"), "`const` is not an OpenAPI 3.0 keyword; it is enforced as in OpenAPI 3.1");
                }
                normalized = const_as_enum(o);
                &*normalized
            }
            Value::Bool(false) => {
                self.model.reasons.insert((doc, ptr.to_owned()), "`false`".to_owned());
                return fallback(ptr);
            }
            _ => {
                self.err(doc, ptr, "a schema must be an object or a boolean");
                return Shape::plain(Ty::Any);
            }
        };
        let dialect = self.docs[doc].dialect;
        if let Some(reason) = untyped_reason(self.reading(doc), o, ptr.is_empty()) {
            return self.typed_part(doc, o, ptr, hint, &reason);
        }
        let mut nullable = dialect == Dialect::OpenApi30 && o.get("nullable") == Some(&Value::Bool(true));
        if let Some(keyword) = ["anyOf", "oneOf", "allOf"].into_iter().find(|k| o.contains_key(*k)) {
            if o.contains_key("type") && !self.type_is_implied(doc, o, keyword) {
                // The type's shape, with the composition as a check.
                return self.typed_part(doc, o, ptr, hint, &format!("`type` beside `{keyword}` that its branches do not imply"));
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
            self.all_of(doc, branches, ptr, hint, nullable)
        } else {
            if o.get("type").is_some_and(|t| !t.is_string() && !t.is_array()) {
                self.err(doc, &format!("{ptr}/type"), "`type` must be a string or an array of strings");
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
                    [] if self.docs[doc].dialect != Dialect::JsonSchema && o.contains_key("additionalProperties") => self.object(doc, o, ptr, hint),
                    [] => Shape::plain(Ty::Any),
                    [t] => self.typed(doc, o, t, ptr, hint),
                    _ => fallback(ptr),
                },
            }
        };
        if nullable && !matches!(inner.ty, Ty::Nullable(_) | Ty::Any) {
            Shape::plain(Ty::Nullable(Box::new(inner)))
        } else {
            inner
        }
    }

    /// A schema the typed lowering cannot express whole: its skeleton's type, checked
    /// against the whole schema as JSON (see `skeleton`); else the value stays JSON. A
    /// skeleton whose lowering fails leaves no trace: its errors, types, locations and the
    /// root names it took are undone.
    fn typed_part(&mut self, doc: usize, o: &Map<String, Value>, ptr: &str, hint: &str, reason: &str) -> Shape {
        // A skeleton that is the schema itself would lower to this again.
        let Some(skeleton) = super::skeleton::skeleton(self.reading(doc), o, ptr.is_empty()).filter(|s| s != o) else {
            return self.untyped(doc, ptr, reason);
        };
        let key = (self.model.modules[doc].key.clone(), ptr.to_owned());
        let placeholder = self.model.by_location.get(&key).copied().filter(|id| self.placeholders.contains(id));
        let (diags_before, types_before, pending) = (self.diags.0.len(), self.model.types.len(), self.pending.clone());
        // The keywords the type expresses as written: its whole-schema check skips them.
        let expressed: Vec<String> = skeleton.iter().filter(|(k, v)| o.get(*k) == Some(*v)).map(|(k, _)| k.clone()).collect();
        let mut shape = self.shape(doc, &Value::Object(skeleton), ptr, hint);
        let failed = self.diags.0[diags_before..].iter().any(|d| d.severity == crate::diag::Severity::Error);
        if failed || matches!(shape.ty, Ty::Any | Ty::Nullable(_)) {
            // Types made since refer only to each other (a root placeholder is reset below).
            self.diags.0.truncate(diags_before);
            self.model.types.truncate(types_before);
            self.model.by_location.retain(|_, id| *id < types_before);
            self.pending = pending;
            self.placeholders.retain(|id| *id < types_before);
            if let Some(id) = placeholder {
                self.placeholders.insert(id);
            }
            return self.untyped(doc, ptr, reason);
        }
        self.warn(doc, ptr, format!("{reason} has no typed check yet: the value keeps its Rust type and is also checked, as JSON, against its schema"));
        self.model.reasons.insert((doc, ptr.to_owned()), reason.to_owned());
        self.model.expressed.insert((doc, ptr.to_owned()), expressed);
        let check = Check::Schema(ptr.to_owned());
        match shape.ty {
            Ty::Named(id) if self.model.types[id].pointer == ptr => self.model.types[id].checks.push(check),
            _ => shape.checks.push(check),
        }
        shape
    }

    fn reference(&mut self, doc: usize, r: &Value, ptr: &str) -> Shape {
        let Some(r) = r.as_str() else {
            self.err(doc, &format!("{ptr}/$ref"), "`$ref` must be a string");
            return Shape::plain(Ty::Any);
        };
        let root = &self.docs[doc].value;
        match resolve_ref(root, r) {
            Ok((target, value)) => {
                let key = (self.model.modules[doc].key.clone(), target.clone());
                let hint = target.rsplit('/').next().unwrap_or("").replace("~1", "/").replace("~0", "~");
                if !self.model.by_location.contains_key(&key) && self.ref_stack.contains(&key) {
                    // A cycle through a target that is no named type of its own (an array,
                    // a map, a union or a single-branch composition): a newtype names it,
                    // and gets its shape when the target's lowering returns.
                    let empty = Map::new();
                    let id = self.new_type(doc, &target, &hint, value.as_object().unwrap_or(&empty), TypeKind::Newtype(NewtypeDef { shape: Shape::plain(Ty::Any), boxed: false }));
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
                            Ty::Nullable(inner) if alias(inner) => self.untyped(doc, &target, "a `$ref` loop that never descends into the value"),
                            _ if alias(&shape) => self.untyped(doc, &target, "a `$ref` loop that never descends into the value"),
                            _ => shape,
                        };
                        self.model.types[id].kind = TypeKind::Newtype(NewtypeDef { shape, boxed: false });
                        Shape::plain(Ty::Named(id))
                    }
                    _ => shape,
                }
            }
            Err(e) => {
                self.err(doc, &format!("{ptr}/$ref"), e);
                Shape::plain(Ty::Any)
            }
        }
    }

    fn single_branch(&mut self, doc: usize, keyword: &str, branches: &Value, ptr: &str, hint: &str) -> Shape {
        match branches.as_array().map(Vec::as_slice) {
            Some([only]) => self.shape(doc, only, &format!("{ptr}/{keyword}/0"), hint),
            _ => {
                self.warn(doc, &format!("{ptr}/{keyword}"), format!("`{keyword}` with several branches is not supported yet; any value is accepted"));
                Shape::plain(Ty::Any)
            }
        }
    }

    fn any_of(&mut self, doc: usize, o: &Map<String, Value>, branches: &Value, ptr: &str, hint: &str) -> Shape {
        let list = branches.as_array().map(Vec::as_slice).unwrap_or_default();
        if o.contains_key("x-expansionResources") && list.len() == 2 {
            let (id_at, obj_at) = if list[0].get("$ref").is_some() { (1, 0) } else { (0, 1) };
            let id = self.shape(doc, &list[id_at], &format!("{ptr}/anyOf/{id_at}"), hint);
            let object = self.shape(doc, &list[obj_at], &format!("{ptr}/anyOf/{obj_at}"), hint);
            if let (Ty::String, Ty::Named(object)) = (&id.ty, &object.ty) {
                return Shape::plain(Ty::Expandable { id: Box::new(id), object: *object });
            }
            self.err(doc, &format!("{ptr}/anyOf"), "an expandable field must be `anyOf` a string and a `$ref` to an object");
            return Shape::plain(Ty::Any);
        }
        if list.len() == 1 {
            return self.single_branch(doc, "anyOf", branches, ptr, hint);
        }
        self.union(doc, "anyOf", branches, ptr, hint)
    }

    /// True when every value the branches of `keyword` accept already has one of the
    /// types `type` lists, so that `type` adds nothing (`type: object` beside `oneOf` of
    /// objects, as OpenAPI documents often write).
    fn type_is_implied(&self, doc: usize, o: &Map<String, Value>, keyword: &str) -> bool {
        let (types, mut null) = type_list(o);
        null |= self.docs[doc].dialect == Dialect::OpenApi30 && o.get("nullable") == Some(&Value::Bool(true));
        let allowed = |kind: &str| match kind {
            "null" => null,
            "integer" => types.contains(&"integer") || types.contains(&"number"),
            kind => types.contains(&kind),
        };
        let list = o.get(keyword).and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
        if keyword == "allOf" && list.len() > 1 {
            // Merged only when every branch is a plain object.
            return allowed("object");
        }
        list.iter().all(|b| self.branch_type(doc, b, 0).is_some_and(allowed))
    }

    /// The JSON type every value of a branch has, when there is exactly one.
    fn branch_type(&self, doc: usize, v: &Value, depth: usize) -> Option<&'static str> {
        let normalized = const_as_enum(v.as_object()?);
        let o = &*normalized;
        if let Some(r) = o.get("$ref").and_then(Value::as_str) {
            let (_, target) = resolve_ref(&self.docs[doc].value, r).ok()?;
            return if depth < 16 { self.branch_type(doc, target, depth + 1) } else { None };
        }
        if o.len() == 1 && o.get("type").and_then(Value::as_str) == Some("null") {
            return Some("null");
        }
        if untyped_reason(self.reading(doc), o, false).is_some() || o.contains_key("anyOf") || o.contains_key("oneOf") || o.contains_key("allOf") {
            return None;
        }
        let nullable = self.docs[doc].dialect == Dialect::OpenApi30 && o.get("nullable") == Some(&Value::Bool(true));
        let (types, null) = type_list(o);
        match types.as_slice() {
            [t] if !null && !nullable => ["string", "integer", "number", "boolean", "object", "array"].into_iter().find(|k| k == t),
            [] if !null && !nullable && nominal(self.docs[doc].dialect, o) == Some(Nominal::Enum) => Some("string"),
            _ => None,
        }
    }

    /// The tag of a union's object branches: a property (the `discriminator`'s, or any
    /// shared one) that every object branch requires, whose schema is a single listed
    /// string, a different one per branch, with enums rejecting values they do not list.
    /// Then at most one object branch can match a value, and the tag picks it. Returns the
    /// property and each branch's tag (`None` for branches that are not objects).
    fn tagged_objects(&self, doc: usize, list: &[Value], kinds: &[&str]) -> Option<(String, Vec<Option<String>>)> {
        if self.docs[doc].config.unknown_enum_values == UnknownEnumValues::Keep {
            return None;
        }
        let objects: Option<Vec<(usize, Map<String, Value>)>> = list
            .iter()
            .zip(kinds)
            .enumerate()
            .filter(|(_, (_, k))| **k == "object")
            .map(|(i, (b, _))| self.object_branch(doc, b, String::new(), 0, true).map(|(_, o)| (i, o)))
            .collect();
        let objects = objects.filter(|o| o.len() >= 2)?;
        let tag_of = |o: &Map<String, Value>, property: &str| -> Option<String> {
            let required = o.get("required")?.as_array()?.iter().any(|r| r == property);
            let schema = const_as_enum(o.get("properties")?.get(property)?.as_object()?);
            let only_enum = schema.keys().all(|k| ["enum", "type", "description", "title", "example", "examples"].contains(&k.as_str()) || k.starts_with("x-"));
            let values = schema.get("enum")?.as_array()?;
            let bypass = schema.get("x-stripeBypassValidation") == Some(&Value::Bool(true));
            match values.as_slice() {
                [Value::String(tag)] if required && only_enum && !bypass => Some(tag.clone()),
                _ => None,
            }
        };
        let candidates: Vec<String> = objects[0].1.get("properties").and_then(Value::as_object).map(|p| p.keys().cloned().collect()).unwrap_or_default();
        candidates.into_iter().find_map(|property| {
            let tags: Vec<String> = objects.iter().map(|(_, o)| tag_of(o, &property)).collect::<Option<_>>()?;
            let distinct = tags.iter().collect::<std::collections::BTreeSet<_>>().len() == tags.len();
            distinct.then(|| {
                let mut per_branch = vec![None; list.len()];
                for ((i, _), tag) in objects.iter().zip(tags) {
                    per_branch[*i] = Some(tag);
                }
                (property, per_branch)
            })
        })
    }

    /// `anyOf`/`oneOf` whose branches have disjoint JSON types (or tags): at most one
    /// branch can match, so both keywords mean "the branch of the value's type matches",
    /// which an enum with each branch's own checks expresses exactly. `anyOf` of
    /// overlapping branches is an enum that takes the first branch that validates,
    /// `oneOf` the only branch that validates.
    fn union(&mut self, doc: usize, keyword: &str, branches: &Value, ptr: &str, hint: &str) -> Shape {
        let list = branches.as_array().map(Vec::as_slice).unwrap_or_default();
        let kinds: Option<Vec<&str>> = list.iter().map(|b| self.branch_type(doc, b, 0)).collect();
        let tagged = kinds.as_ref().and_then(|kinds| self.tagged_objects(doc, list, kinds));
        let disjoint = kinds.as_ref().is_some_and(|kinds| {
            let mut seen = std::collections::BTreeSet::new();
            // Object branches may repeat when a tag tells them apart.
            kinds.iter().all(|k| seen.insert(*k) || (*k == "object" && tagged.is_some()))
                && !(seen.contains("integer") && seen.contains("number"))
        });
        // Overlapping branches: `anyOf` takes the first branch that validates, `oneOf` the
        // only one.
        // Branches of no single JSON type: each keeps its own shape, and a value takes
        // the first branch it deserializes into and validates against.
        // (A `null` branch of `oneOf` then stays a branch: another may accept `null` too.)
        let kinds = kinds.unwrap_or_else(|| {
            let null_ok = keyword == "anyOf";
            list.iter().map(|b| if null_ok && self.branch_type(doc, b, 0) == Some("null") { "null" } else { "value" }).collect()
        });
        let disjoint = disjoint && !kinds.contains(&"value");
        let nullable = kinds.contains(&"null");
        let typed: Vec<(usize, &str)> = kinds.iter().copied().enumerate().filter(|(_, k)| *k != "null").collect();
        let inner = if let [(i, _)] = typed.as_slice() {
            self.shape(doc, &list[*i], &format!("{ptr}/{keyword}/{i}"), hint)
        } else {
            let empty = Map::new();
            // A nullable union is wrapped, so it lives at its branch list instead.
            let at = if nullable { format!("{ptr}/{keyword}") } else { ptr.to_owned() };
            let id = self.new_type(doc, &at, hint, &empty, TypeKind::Union(UnionDef { variants: Vec::new(), first_valid: false, one_of: false, memo: false }));
            let name = self.model.types[id].name.clone();
            let mut scope = Scope::default();
            let variants = typed
                .iter()
                .map(|&(i, kind)| {
                    // A tagged branch is named after its tag, other branches after their type.
                    let tag = tagged.as_ref().and_then(|(property, tags)| Some((property.clone(), tags[i].clone()?)));
                    let tag_label = tag.as_ref().map(|(_, value)| naming::variant_name(value));
                    let label = tag_label.clone().unwrap_or_else(|| kind.to_upper_camel_case());
                    let shape = self.shape(doc, &list[i], &format!("{ptr}/{keyword}/{i}"), &format!("{name}{label}"));
                    let label = match (&shape.ty, tag_label) {
                        (_, Some(tag)) => tag,
                        (Ty::Named(t), None) => self.model.types[*t].name.clone(),
                        _ => label,
                    };
                    UnionVariant { name: scope.claim(label), shape, boxed: false, tag, json_type: disjoint.then_some(kind) }
                })
                .collect();
            self.model.types[id].kind = TypeKind::Union(UnionDef { variants, first_valid: !disjoint, one_of: !disjoint && keyword == "oneOf", memo: false });
            Shape::plain(Ty::Named(id))
        };
        if nullable && !matches!(inner.ty, Ty::Nullable(_) | Ty::Any) {
            Shape::plain(Ty::Nullable(Box::new(inner)))
        } else {
            inner
        }
    }

    /// A string enum; the flag says whether `null` is listed.
    fn enumeration(&mut self, doc: usize, o: &Map<String, Value>, ptr: &str, hint: &str) -> (Shape, bool) {
        let at = format!("{ptr}/enum");
        let Some(values) = o.get("enum").and_then(Value::as_array) else {
            self.err(doc, &at, "`enum` must be an array");
            return (Shape::plain(Ty::Any), false);
        };
        let mut strings = Vec::new();
        let mut nullable = false;
        for v in values {
            match v {
                Value::String(s) => strings.push(s.clone()),
                _ => nullable = true,
            }
        }
        let open = match self.docs[doc].config.unknown_enum_values {
            UnknownEnumValues::Keep => true,
            UnknownEnumValues::Reject => false,
            UnknownEnumValues::BypassOnly => o.get("x-stripeBypassValidation") == Some(&Value::Bool(true)),
        };
        let mut scope = Scope::with_reserved(if open { &["Unknown"] } else { &[] });
        let mut seen = std::collections::BTreeSet::new();
        let variants = strings
            .into_iter()
            .filter(|s| seen.insert(s.clone()))
            .map(|json| Variant { rust: scope.claim(naming::variant_name(&json)), json })
            .collect();
        // A nullable enum is wrapped, so it lives at its value list instead.
        let key = (self.model.modules[doc].key.clone(), ptr.to_owned());
        let placeholder = self.model.by_location.get(&key).is_some_and(|id| self.placeholders.contains(id));
        let wrapped = placeholder && nullable && (o.get("type").is_none() || type_list(o).1);
        let at = if wrapped { format!("{ptr}/enum") } else { ptr.to_owned() };
        let id = self.new_type(doc, &at, hint, o, TypeKind::Enum(EnumDef { variants, open }));
        (Shape::plain(Ty::Named(id)), nullable)
    }

    fn typed(&mut self, doc: usize, o: &Map<String, Value>, t: &str, ptr: &str, hint: &str) -> Shape {
        let format = o.get("format").and_then(Value::as_str).map(str::to_owned);
        let mut shape = match t {
            "object" => return self.object(doc, o, ptr, hint),
            "array" => {
                let items = match o.get("items") {
                    Some(items) => self.shape(doc, items, &format!("{ptr}/items"), &format!("{hint}Item")),
                    None => Shape::plain(Ty::Any),
                };
                Shape::plain(Ty::Array(Box::new(items)))
            }
            // A crate type for a format asserts it: only where the document asserts formats.
            "string" if format.as_deref() == Some("date-time") && self.reading(doc).format_assertion => Shape::plain(Ty::DateTime),
            "string" => Shape::plain(Ty::String),
            "integer" => Shape::plain(Ty::Integer),
            "number" => Shape::plain(Ty::Number),
            "boolean" => Shape::plain(Ty::Bool),
            _ => return fallback(ptr),
        };
        shape.checks = self.checks(doc, o, ptr, t);
        // String checks need the text: a date-time with them stays a `String`, checked.
        if shape.ty == Ty::DateTime && !shape.checks.is_empty() {
            shape.ty = Ty::String;
        }
        if let (Ty::String, Some(f), true) = (&shape.ty, &format, self.reading(doc).format_assertion) {
            shape.checks.push(Check::Format(f.clone()));
        }
        shape.format = format;
        shape
    }

    fn checks(&mut self, doc: usize, o: &Map<String, Value>, ptr: &str, t: &str) -> Vec<Check> {
        let mut checks = Vec::new();
        checks.extend(super::support::scalar_enum(o).map(Check::Enum));
        let uint = |k: &str| o.get(k).and_then(Value::as_u64);
        let num = |k: &str| o.get(k).and_then(Value::as_f64);
        match t {
            "string" => {
                checks.extend(uint("minLength").map(Check::MinLength));
                checks.extend(uint("maxLength").map(Check::MaxLength));
                match o.get("pattern") {
                    Some(Value::String(p)) => {
                        // The generated code compiles it on first use: it must compile now.
                        if let Err(e) = schemagen_runtime::compile_pattern(p) {
                            self.err(doc, &format!("{ptr}/pattern"), format!("`pattern` is not an ECMA-262 regular expression the validator can compile: {e}"));
                        }
                        checks.push(Check::Pattern(p.clone()));
                    }
                    Some(_) => self.err(doc, &format!("{ptr}/pattern"), "`pattern` must be a string"),
                    None => {}
                }
            }
            "integer" | "number" => {
                // OpenAPI 3.0 and draft-04 spell exclusive bounds as booleans beside the bound.
                let excl = |k: &str| o.get(k) == Some(&Value::Bool(true));
                match (num("minimum"), excl("exclusiveMinimum")) {
                    (Some(m), true) => checks.push(Check::ExclusiveMinimum(m)),
                    (Some(m), false) => checks.push(Check::Minimum(m)),
                    _ => {}
                }
                match (num("maximum"), excl("exclusiveMaximum")) {
                    (Some(m), true) => checks.push(Check::ExclusiveMaximum(m)),
                    (Some(m), false) => checks.push(Check::Maximum(m)),
                    _ => {}
                }
                checks.extend(num("exclusiveMinimum").map(Check::ExclusiveMinimum));
                checks.extend(num("exclusiveMaximum").map(Check::ExclusiveMaximum));
                match num("multipleOf") {
                    Some(m) if m > 0.0 => checks.push(Check::MultipleOf(m)),
                    Some(_) => self.err(doc, &format!("{ptr}/multipleOf"), "`multipleOf` must be greater than 0"),
                    None => {}
                }
            }
            "array" => {
                checks.extend(uint("minItems").map(Check::MinItems));
                checks.extend(uint("maxItems").map(Check::MaxItems));
                if o.get("uniqueItems") == Some(&Value::Bool(true)) {
                    checks.push(Check::UniqueItems);
                }
            }
            "object" => {
                checks.extend(uint("minProperties").map(Check::MinProperties));
                checks.extend(uint("maxProperties").map(Check::MaxProperties));
            }
            _ => {}
        }
        checks
    }

    fn object(&mut self, doc: usize, o: &Map<String, Value>, ptr: &str, hint: &str) -> Shape {
        let additional_at = format!("{ptr}/additionalProperties");
        let properties = o.get("properties").and_then(Value::as_object);
        if properties.is_none() {
            // A plain map: no known properties.
            let value = match o.get("additionalProperties") {
                None | Some(Value::Bool(true)) => Shape::plain(Ty::Any),
                Some(v) => self.shape(doc, v, &additional_at, &format!("{hint}Value")),
            };
            let mut shape = Shape::plain(Ty::Map(Box::new(value)));
            shape.checks = self.checks(doc, o, ptr, "object");
            return shape;
        }
        let required: Vec<String> = o.get("required").and_then(Value::as_array).map(|r| r.iter().filter_map(Value::as_str).map(str::to_owned).collect()).unwrap_or_default();
        let props: Vec<(String, Value, String)> = properties
            .into_iter()
            .flatten()
            .map(|(name, schema)| (name.clone(), schema.clone(), format!("{ptr}/properties/{}", escape_token(name))))
            .collect();
        let id = self.new_struct(doc, ptr, hint, o, &props, &required);
        let type_name = self.model.types[id].name.clone();
        let additional = match o.get("additionalProperties") {
            Some(Value::Bool(false)) => Additional::Deny,
            None | Some(Value::Bool(true)) => Additional::Keep(Shape::plain(Ty::Any)),
            Some(v) => Additional::Keep(self.shape(doc, v, &additional_at, &format!("{type_name}Value"))),
        };
        if let TypeKind::Struct(def) = &mut self.model.types[id].kind {
            def.additional = additional;
        }
        Shape::plain(Ty::Named(id))
    }

    /// A struct at `ptr` from properties that each carry their own pointer (they may come
    /// from several `allOf` branches). Other properties are kept.
    fn new_struct(&mut self, doc: usize, ptr: &str, hint: &str, o: &Map<String, Value>, props: &[(String, Value, String)], required: &[String]) -> TypeId {
        let placeholder = TypeKind::Struct(StructDef { fields: Vec::new(), additional: Additional::Deny, has_id: false, extra_name: String::new() });
        let id = self.new_type(doc, ptr, hint, o, placeholder);
        let type_name = self.model.types[id].name.clone();
        let mut scope = Scope::default();
        let mut fields = Vec::new();
        for (json_name, schema, at) in props {
            let shape = self.shape(doc, schema, at, &format!("{type_name}{}", json_name.to_upper_camel_case()));
            // Without a description of its own, a field borrows its named type's.
            let doc = schema.as_object().and_then(doc_of).or_else(|| match &shape.ty {
                Ty::Named(id) => self.model.types[*id].doc.clone(),
                _ => None,
            });
            fields.push(Field {
                rust_name: scope.claim(naming::field_name(json_name)),
                json_name: json_name.clone(),
                doc,
                required: required.contains(json_name),
                shape,
                boxed: false,
            });
        }
        let has_id = fields.iter().any(|f| f.json_name == "id" && f.required && f.shape.ty == Ty::String);
        let extra_name = scope.claim("extra".to_owned());
        let additional = Additional::Keep(Shape::plain(Ty::Any));
        self.model.types[id].kind = TypeKind::Struct(StructDef { fields, additional, has_id, extra_name });
        id
    }

    /// `allOf` of object schemas with disjoint properties and no `additionalProperties`:
    /// one struct with every branch's properties, which is exactly their conjunction.
    fn all_of(&mut self, doc: usize, branches: &Value, ptr: &str, hint: &str, nullable: bool) -> Shape {
        let list = branches.as_array().map(Vec::as_slice).unwrap_or_default();
        if list.len() == 1 {
            return self.single_branch(doc, "allOf", branches, ptr, hint);
        }
        let mut props: Vec<(String, Value, String)> = Vec::new();
        let mut required = Vec::new();
        for (i, branch) in list.iter().enumerate() {
            let Some((at, o)) = self.object_branch(doc, branch, format!("{ptr}/allOf/{i}"), 0, false) else {
                return self.untyped(doc, ptr, "`allOf` of branches that are not all plain objects");
            };
            for (name, schema) in o.get("properties").and_then(Value::as_object).into_iter().flatten() {
                if props.iter().any(|(n, _, _)| n == name) {
                    return self.untyped(doc, ptr, &format!("`allOf` whose branches share the property `{name}`"));
                }
                props.push((name.clone(), schema.clone(), format!("{at}/properties/{}", escape_token(name))));
            }
            required.extend(o.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).map(str::to_owned));
        }
        if let Some(name) = required.iter().find(|r| !props.iter().any(|(n, _, _)| n == *r)) {
            return self.untyped(doc, ptr, &format!("`allOf` requiring `{name}`, which no branch lists"));
        }
        let empty = Map::new();
        // A nullable struct is wrapped, so it lives at its branch list instead.
        let at = if nullable { format!("{ptr}/allOf") } else { ptr.to_owned() };
        let id = self.new_struct(doc, &at, hint, &empty, &props, &required);
        Shape::plain(Ty::Named(id))
    }

    /// A branch that is (or refers to) a typed object schema, with its pointer;
    /// `closed_ok` admits one with `additionalProperties` (not mergeable by `allOf`).
    fn object_branch(&self, doc: usize, v: &Value, at: String, depth: usize, closed_ok: bool) -> Option<(String, Map<String, Value>)> {
        let o = v.as_object()?;
        if let Some(r) = o.get("$ref").and_then(Value::as_str) {
            let (target, value) = resolve_ref(&self.docs[doc].value, r).ok()?;
            return if depth < 16 { self.object_branch(doc, value, target, depth + 1, closed_ok) } else { None };
        }
        let plain = untyped_reason(self.reading(doc), o, false).is_none()
            && nominal(self.docs[doc].dialect, o) == Some(Nominal::Struct)
            && (closed_ok || !o.contains_key("additionalProperties"))
            && !o.contains_key("allOf")
            && !o.contains_key("anyOf")
            && !o.contains_key("oneOf")
            && o.get("nullable") != Some(&Value::Bool(true));
        plain.then(|| (at, o.clone()))
    }
}

/// A schema without a Rust type: any JSON value, validated against the schema at `ptr`.
fn fallback(ptr: &str) -> Shape {
    Shape { ty: Ty::Any, format: None, checks: vec![Check::Schema(ptr.to_owned())] }
}

/// The kinds of schema that become a named type of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Nominal {
    Struct,
    Enum,
}

/// `type` as a list without `null`, and whether `null` was in it.
pub(super) fn type_list(o: &Map<String, Value>) -> (Vec<&str>, bool) {
    let mut types: Vec<&str> = match o.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let null = types.contains(&"null");
    types.retain(|t| *t != "null");
    (types, null)
}

/// Whether a schema (without `$ref`, `anyOf`, `allOf`) is a struct or a string enum.
/// JSON Schema needs an explicit `type: object` for a struct, since `properties` alone
/// also accepts non-objects; OpenAPI documents commonly leave it out.
pub(super) fn nominal(dialect: Dialect, o: &Map<String, Value>) -> Option<Nominal> {
    let (types, _) = type_list(o);
    if let Some(values) = o.get("enum").and_then(Value::as_array) {
        let strings = values.iter().all(|v| v.is_string() || v.is_null()) && values.iter().any(Value::is_string);
        return (strings && types.iter().all(|t| *t == "string")).then_some(Nominal::Enum);
    }
    let object = types == ["object"] || (types.is_empty() && dialect != Dialect::JsonSchema);
    (object && o.contains_key("properties")).then_some(Nominal::Struct)
}

/// True when a root schema lowers to a struct or an enum rather than a newtype.
fn is_nominal(reading: Reading, v: &Value) -> bool {
    let dialect = reading.dialect;
    v.as_object().map(const_as_enum).is_some_and(|o| {
        // A nullable root is a newtype around an `Option`.
        let null = type_list(&o).1 || o.get("enum").and_then(Value::as_array).is_some_and(|e| e.contains(&Value::Null)) || o.get("nullable") == Some(&Value::Bool(true));
        !null
            && !o.contains_key("$ref")
            && !o.contains_key("anyOf")
            && !o.contains_key("allOf")
            && nominal(dialect, &o).is_some()
            && untyped_reason(reading, &o, true).is_none()
    })
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
        let (doc, pointer) = (t.module, t.pointer.strip_suffix("/oneOf").unwrap_or(&t.pointer).to_owned());
        let shape = cx.untyped(doc, &pointer, "a recursive `oneOf` of branches that overlap");
        // Its JSON check is now the whole schema, the `oneOf` included.
        cx.model.expressed.remove(&(doc, pointer.clone()));
        cx.model.types[id].checks.retain(|c| *c != Check::Schema(pointer.clone()));
        cx.model.types[id].kind = TypeKind::Newtype(NewtypeDef { shape, boxed: false });
    }
}
