//! Compositions: `anyOf`/`oneOf` unions (told apart by JSON type, by tag, or by the
//! first branch that validates) and `allOf` of objects merged into one struct.

use super::*;
use std::collections::BTreeSet;

use crate::model::{Admits, MergeFailure, UnionRepr};
use crate::schema::{json_kind, openapi_nullable, JsonKind};

impl Lowerer<'_> {
    pub(super) fn single_branch(
        &mut self,
        doc: DocId,
        keyword: &str,
        branches: &Value,
        ptr: &JsonPointer,
        hint: &str,
    ) -> Shape {
        match branches.as_array().map(Vec::as_slice) {
            Some([only]) => self.shape(doc, only, &ptr.join(keyword).index(0), hint),
            _ => {
                self.warn(doc, &ptr.join(keyword), format!("`{keyword}` with several branches is not supported yet; any value is accepted"));
                Shape::plain(Ty::Any)
            }
        }
    }

    pub(super) fn any_of(
        &mut self,
        doc: DocId,
        o: &Map<String, Value>,
        branches: &Value,
        ptr: &JsonPointer,
        hint: &str,
    ) -> Shape {
        let list = branches.as_array().map(Vec::as_slice).unwrap_or_default();
        if super::extensions::expandable(o) && list.len() == 2 {
            let (id_at, obj_at) = if list[0].get("$ref").is_some() { (1, 0) } else { (0, 1) };
            let id = self.shape(doc, &list[id_at], &ptr.join("anyOf").index(id_at), hint);
            let object = self.shape(doc, &list[obj_at], &ptr.join("anyOf").index(obj_at), hint);
            if let (Ty::String, Ty::Named(object)) = (&id.ty, &object.ty) {
                return Shape::plain(Ty::Expandable { id: Box::new(id), object: *object });
            }
            self.err(
                doc,
                &ptr.join("anyOf"),
                "an expandable field must be `anyOf` a string and a `$ref` to an object",
            );
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
    pub(super) fn type_is_implied(
        &self,
        doc: DocId,
        o: &Map<String, Value>,
        keyword: &str,
    ) -> bool {
        let (types, mut null) = type_list(o);
        null |= openapi_nullable(self.docs[doc].dialect, o);
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
        list.iter().all(|b| self.branch_type(doc, b, 0, false).is_some_and(allowed))
    }

    /// The JSON type every value of a branch has, when there is exactly one.
    /// (`is_root`: `v` is a document's root, which may carry `$id`.)
    pub(super) fn branch_type(
        &self,
        doc: DocId,
        v: &Value,
        depth: usize,
        is_root: bool,
    ) -> Option<&'static str> {
        let normalized = as_read(self.reading(doc), v.as_object()?);
        let o = &*normalized;
        if let Some(r) = o.get("$ref").and_then(Value::as_str) {
            let (doc, pointer, target) = self.follow(doc, r)?;
            return if depth < 16 {
                self.branch_type(doc, target, depth + 1, pointer.is_root())
            } else {
                None
            };
        }
        let annotation = |k: &String| {
            ["$comment", "description", "title", "examples", "default"].contains(&k.as_str())
        };
        if o.get("type").and_then(Value::as_str) == Some("null")
            && o.keys().all(|k| k == "type" || annotation(k))
        {
            return Some("null");
        }
        let nullable = openapi_nullable(self.docs[doc].dialect, o);
        let (types, null) = type_list(o);
        let single = match types.as_slice() {
            [t] if !null && !nullable => super::plan::KINDS.iter().copied().find(|k| k == t),
            _ => None,
        };
        let composed = ["anyOf", "oneOf", "allOf"].iter().any(|k| o.contains_key(*k));
        if composed {
            return match types.as_slice() {
                // Its subschemas and other keywords only narrow the one JSON type it names.
                [_] => single,
                // `anyOf`/`oneOf` alone, of branches of one JSON type: that type.
                [] if !null && !nullable && depth < 16 && !o.contains_key("allOf") => {
                    let branches = ["anyOf", "oneOf"].iter().filter_map(|k| o.get(*k)?.as_array());
                    let kinds: Option<BTreeSet<&str>> = branches
                        .flatten()
                        .map(|b| self.branch_type(doc, b, depth + 1, false))
                        .collect();
                    one_kind(kinds?)
                }
                // `allOf`: every branch holds, so a branch of one JSON type is the value's.
                [] if !null && !nullable && depth < 16 => {
                    let all = o.get("allOf")?.as_array()?;
                    one_kind(
                        all.iter()
                            .filter_map(|b| self.branch_type(doc, b, depth + 1, false))
                            .collect(),
                    )
                }
                _ => None,
            };
        }
        // `if`/`then`/`else` of one JSON type in both outcomes: that type.
        if types.is_empty() && !null && !nullable && depth < 16 && o.contains_key("if") {
            let then = self.branch_type(doc, o.get("then")?, depth + 1, false)?;
            let otherwise = self.branch_type(doc, o.get("else")?, depth + 1, false)?;
            return one_kind(BTreeSet::from([then, otherwise]));
        }
        if untyped_reason(self.reading(doc), o, is_root).is_some() {
            return None;
        }
        match types.as_slice() {
            [_] => single,
            [] if !null
                && !nullable
                && nominal(self.docs[doc].dialect, o) == Some(Nominal::Enum) =>
            {
                Some("string")
            }
            _ => None,
        }
    }

    /// `anyOf`/`oneOf` whose branches have disjoint JSON types (or tags): at most one
    /// branch can match, so both keywords mean "the branch of the value's type matches",
    /// which an enum with each branch's own checks expresses exactly. `anyOf` of
    /// overlapping branches is an enum that takes the first branch that validates,
    /// `oneOf` the only branch that validates.
    pub(super) fn union(
        &mut self,
        doc: DocId,
        keyword: &str,
        branches: &Value,
        ptr: &JsonPointer,
        hint: &str,
    ) -> Shape {
        let list = branches.as_array().map(Vec::as_slice).unwrap_or_default();
        let placed: Vec<(Value, JsonPointer)> =
            list.iter().enumerate().map(|(i, b)| (b.clone(), ptr.join(keyword).index(i))).collect();
        self.union_of(doc, keyword, &placed, None, ptr, hint)
    }

    /// [`Self::union`] of branches, each with its place (`keyword` says how they combine),
    /// and each branch's JSON type where the caller knows it (`known`).
    pub(super) fn union_of(
        &mut self,
        doc: DocId,
        keyword: &str,
        placed: &[(Value, JsonPointer)],
        known: Option<&[&'static str]>,
        ptr: &JsonPointer,
        hint: &str,
    ) -> Shape {
        let (list, at): (Vec<Value>, Vec<JsonPointer>) = placed.iter().cloned().unzip();
        let list = list.as_slice();
        // Each branch analysed once: its one JSON type, if it has one.
        let analysed: Vec<Option<&str>> = match known {
            Some(kinds) => kinds.iter().map(|k| Some(*k)).collect(),
            None => list.iter().map(|b| self.branch_type(doc, b, 0, false)).collect(),
        };
        let kinds: Option<Vec<&str>> = analysed.iter().copied().collect();
        let tagged = kinds.as_ref().and_then(|kinds| self.tagged_objects(doc, list, kinds));
        // Branches of known JSON types, none repeated but objects where `objects_may_repeat`.
        let distinct = |objects_may_repeat: bool| {
            kinds.as_ref().is_some_and(|kinds| {
                let mut seen = BTreeSet::new();
                kinds.iter().all(|k| seen.insert(*k) || (*k == "object" && objects_may_repeat))
                    && !(seen.contains("integer") && seen.contains("number"))
            })
        };
        // Object branches may repeat when a tag tells them apart, or their structs' keys
        // (`keyed_variants`, once they are built).
        let (disjoint, objects_only_repeat) = (distinct(tagged.is_some()), distinct(true));
        // Overlapping branches: `anyOf` takes the first branch that validates, `oneOf` the
        // only one.
        // Branches of no single JSON type: each keeps its own shape, and a value takes
        // the first branch it deserializes into and validates against.
        // (A `null` branch of `oneOf` then stays a branch: another may accept `null` too.)
        // Each branch's JSON type; `None` for a branch of values of several types.
        let kinds: Vec<Option<&str>> = match kinds {
            Some(_) => analysed,
            None => {
                let null_ok = keyword == "anyOf";
                analysed.iter().map(|k| k.filter(|k| null_ok && *k == "null")).collect()
            }
        };
        let disjoint = disjoint && kinds.iter().all(Option::is_some);
        let nullable = kinds.contains(&Some("null"));
        let typed: Vec<(usize, Option<&str>)> =
            kinds.iter().copied().enumerate().filter(|(_, k)| *k != Some("null")).collect();
        let inner = if let [(i, _)] = typed.as_slice() {
            self.shape(doc, &list[*i], &at[*i], hint)
        } else {
            let empty = Map::new();
            // A nullable union is wrapped, so it lives at its branch list instead.
            let union_at = if nullable { ptr.join(keyword) } else { ptr.clone() };
            let id = self.new_type(
                doc,
                &union_at,
                hint,
                &empty,
                TypeKind::Union(UnionDef { variants: Vec::new(), repr: UnionRepr::ByJsonType }),
            );
            let name = self.model.types[id].name.clone();
            let mut scope = Scope::default();
            let shared = match &tagged {
                Some(t) => self.shared_tag_names(doc, t, &typed, list),
                None => vec![None; typed.len()],
            };
            let variants: Vec<UnionVariant> = typed
                .iter()
                .zip(shared)
                .map(|(&(i, kind), shared)| {
                    // A tagged branch is named after its tag (and the key that tells it
                    // from branches of the same tag), other branches after their type.
                    let tag = tagged
                        .as_ref()
                        .and_then(|t| Some((t.property.clone(), vec![t.tags[i].clone()?])));
                    let tag_label = shared.or_else(|| {
                        tag.as_ref().map(|(_, values)| naming::variant_name(&values[0]))
                    });
                    let label = tag_label
                        .clone()
                        .unwrap_or_else(|| kind.unwrap_or("value").to_upper_camel_case());
                    let shape = self.shape(doc, &list[i], &at[i], &format!("{name}{label}"));
                    let label = match (&shape.ty, tag_label) {
                        (_, Some(tag)) => tag,
                        (Ty::Named(t), None) => self.model.types[*t].name.clone(),
                        _ => label,
                    };
                    UnionVariant {
                        name: scope.claim(label),
                        shape,
                        boxed: false,
                        tag,
                        // Set below, once the union is known to be read by type.
                        admits: None,
                    }
                })
                .collect();
            let mut variants = variants;
            // A tag value shared by branches picks them all; their keys tell them apart.
            let tags_tell = tagged.as_ref().is_none_or(|t| self.tag_tells(t, &typed, &variants));
            let by_type =
                disjoint && tags_tell || objects_only_repeat && self.keyed_variants(&variants);
            if by_type {
                for (v, &(_, kind)) in variants.iter_mut().zip(&typed) {
                    v.admits = kind.and_then(json_kind).map(Admits::Only);
                }
            }
            let repr = match (&tagged, by_type) {
                (_, false) => UnionRepr::FirstValid { one_of: keyword == "oneOf", memo: false },
                (Some(t), true)
                    if !variants.is_empty() && variants.iter().all(|v| v.tag.is_some()) =>
                {
                    let absent = t.absent.as_ref().and_then(|a| {
                        variants.iter().position(|v| {
                            v.tag
                                .as_ref()
                                .is_some_and(|(_, t)| t.as_slice() == std::slice::from_ref(a))
                        })
                    });
                    UnionRepr::ByTag {
                        property: t.property.clone(),
                        ifs: Vec::new(),
                        absent,
                        boolean: false,
                    }
                }
                (_, true) => UnionRepr::ByJsonType,
            };
            self.model.types[id].kind = TypeKind::Union(UnionDef { variants, repr });
            Shape::plain(Ty::Named(id))
        };
        if nullable && !matches!(inner.ty, Ty::Nullable(_) | Ty::Any) {
            Shape::plain(Ty::Nullable(Box::new(inner)))
        } else {
            inner
        }
    }

    /// `allOf` of object schemas with disjoint properties and no `additionalProperties`
    /// (the `properties` and `required` beside it count as one more branch): one struct
    /// with every branch's properties, which is exactly their conjunction.
    pub(super) fn all_of(
        &mut self,
        doc: DocId,
        o: &Map<String, Value>,
        branches: &Value,
        ptr: &JsonPointer,
        hint: &str,
        nullable: bool,
    ) -> Shape {
        let list = branches.as_array().map(Vec::as_slice).unwrap_or_default();
        let siblings: Map<String, Value> = o
            .iter()
            .filter(|(k, _)| ["properties", "required"].contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let closed = closed_by_unevaluated(self.reading(doc), o);
        if list.len() == 1 && siblings.is_empty() && !closed {
            return self.single_branch(doc, "allOf", branches, ptr, hint);
        }
        let mut candidates: Vec<(Value, JsonPointer)> =
            list.iter().enumerate().map(|(i, b)| (b.clone(), ptr.join("allOf").index(i))).collect();
        if !siblings.is_empty() {
            let mut own = siblings.clone();
            own.insert("type".to_owned(), Value::String("object".to_owned()));
            candidates.push((Value::Object(own), ptr.clone()));
        }
        // Under `type: object`, a branch of object keywords alone is an object schema.
        let object_implied = type_list(o).0 == ["object"];
        let rule = BranchRule { closed_ok: false, object_implied };
        match self.merged_props(doc, &candidates, rule) {
            Ok(Merged { props, required, .. }) => {
                // A nullable struct is wrapped, so it lives at its branch list instead.
                let at = if nullable { ptr.join("allOf") } else { ptr.clone() };
                let id = self.new_struct(doc, &at, hint, o, &props, &required);
                if let (TypeKind::Struct(def), true) = (&mut self.model.types[id].kind, closed) {
                    def.additional = Additional::Deny;
                }
                Shape::plain(Ty::Named(id))
            }
            Err(why) if !closed => {
                match self.partial_all_of(doc, o, &candidates, ptr, hint, &why) {
                    Some(shape) => shape,
                    None if !siblings.is_empty() => {
                        self.typed_part(doc, o, ptr, hint, KeptReason::PropertiesBeside(why))
                    }
                    None => self.untyped(doc, ptr, KeptReason::Merge(why)),
                }
            }
            // The merge's type, with the whole schema (and its `unevaluatedProperties`) as
            // a check.
            Err(_) => {
                let keyword = "unevaluatedProperties".to_owned();
                let reason = KeptReason::Beside { keyword, beside: "allOf".to_owned() };
                self.typed_part(doc, o, ptr, hint, reason)
            }
        }
    }

    /// `allOf` of object branches and others (a `$ref` to an `anyOf`, say): the struct
    /// the object branches merge into, each other branch a check of the whole value.
    /// Their properties are left to `extra`: a property one `anyOf` branch lists may hold
    /// any value where another matches. `None` where the object branches do not merge,
    /// or there are none.
    fn partial_all_of(
        &mut self,
        doc: DocId,
        o: &Map<String, Value>,
        candidates: &[(Value, JsonPointer)],
        ptr: &JsonPointer,
        hint: &str,
        why: &MergeFailure,
    ) -> Option<Shape> {
        let rule = BranchRule { closed_ok: false, object_implied: type_list(o).0 == ["object"] };
        let (plain, other): (Vec<_>, Vec<_>) = candidates
            .iter()
            .cloned()
            .partition(|(b, at)| self.object_branch(doc, b, at.clone(), 0, rule).is_some());
        if plain.is_empty() || other.is_empty() {
            return None;
        }
        let Merged { props, required, .. } = self.merged_props(doc, &plain, rule).ok()?;
        let id = self.new_struct(doc, ptr, hint, o, &props, &required);
        for (_, at) in other {
            self.model.reasons.insert(Location::new(doc, &at), KeptReason::Merge(why.clone()));
            self.model.types[id].checks.push(Check::Schema(at));
        }
        Some(Shape::plain(Ty::Named(id)))
    }

    /// The properties of `allOf` branches (each with its pointer) and the names they
    /// require, or why they do not merge. With `rule.closed_ok`, a branch may deny other
    /// properties (`additionalProperties: false`): the conjunction is then the merged
    /// struct, closed, without the properties a closed branch does not list.
    pub(super) fn merged_props(
        &self,
        doc: DocId,
        branches: &[(Value, JsonPointer)],
        rule: BranchRule,
    ) -> Result<Merged, MergeFailure> {
        let mut props: Vec<Property> = Vec::new();
        let mut required = Vec::new();
        let mut closed: Vec<Vec<String>> = Vec::new();
        for (branch, at) in branches {
            let Some((branch_doc, at, o)) = self.object_branch(doc, branch, at.clone(), 0, rule)
            else {
                return Err(MergeFailure::NotPlainObjects);
            };
            // Other properties' schemas and patterns would apply to no field.
            match o.get("additionalProperties") {
                None | Some(Value::Bool(true)) if !o.contains_key("patternProperties") => {}
                Some(Value::Bool(false)) if !o.contains_key("patternProperties") => closed.push(
                    o.get("properties")
                        .and_then(Value::as_object)
                        .map(|p| p.keys().cloned().collect())
                        .unwrap_or_default(),
                ),
                _ => return Err(MergeFailure::NotPlainObjects),
            }
            for (name, schema) in
                o.get("properties").and_then(Value::as_object).into_iter().flatten()
            {
                let at = at.join("properties").child(name);
                let Some(seen) = props.iter_mut().find(|p| p.name == *name) else {
                    props.push(Property {
                        name: name.clone(),
                        schema: schema.clone(),
                        doc: branch_doc,
                        at,
                        also: Vec::new(),
                    });
                    continue;
                };
                // A property several branches list: typed by one branch, checked against
                // the others as JSON, which must be schemas of the struct's own document.
                match (seen.doc == doc, branch_doc == doc) {
                    (_, true) => seen.also.push(at),
                    (true, false) if seen.also.is_empty() => {
                        let first = std::mem::replace(
                            seen,
                            Property {
                                name: name.clone(),
                                schema: schema.clone(),
                                doc: branch_doc,
                                at,
                                also: Vec::new(),
                            },
                        );
                        seen.also.push(first.at);
                    }
                    _ => return Err(MergeFailure::SharedAcrossDocuments(name.clone())),
                }
            }
            required.extend(
                o.get("required")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .map(str::to_owned),
            );
        }
        if let Some(name) = required.iter().find(|r| !props.iter().any(|p| p.name == **r)) {
            return Err(MergeFailure::RequiredUnlisted(name.clone()));
        }
        // A property a closed branch does not list is in no valid value: dropped from the
        // closed struct, which rejects it as it reads; required, it makes every value
        // invalid, which no struct says.
        let unlisted = |p: &Property| closed.iter().any(|names| !names.contains(&p.name));
        if let Some(p) = props.iter().find(|p| unlisted(p) && required.contains(&p.name)) {
            return Err(MergeFailure::ClosedWithout(p.name.clone()));
        }
        props.retain(|p| !unlisted(p));
        Ok(Merged { props, required, closed: !closed.is_empty() })
    }

    /// A branch that is (or refers to) a typed object schema, with its pointer, as the
    /// `rule` admits it. Returns the document it is in too (a `$ref` may lead into another).
    pub(super) fn object_branch(
        &self,
        doc: DocId,
        v: &Value,
        at: JsonPointer,
        depth: usize,
        rule: BranchRule,
    ) -> Option<(DocId, JsonPointer, Map<String, Value>)> {
        let o = v.as_object()?;
        if let Some(r) = o.get("$ref").and_then(Value::as_str) {
            let (doc, target, value) = self.follow(doc, r)?;
            return if depth < 16 {
                self.object_branch(doc, value, target, depth + 1, rule)
            } else {
                None
            };
        }
        let BranchRule { closed_ok, object_implied } = rule;
        let object_keywords = |k: &String| {
            !crate::schema::VOCABULARY.contains(&k.as_str())
                || ["properties", "required", "additionalProperties"].contains(&k.as_str())
        };
        let mut o = std::borrow::Cow::Borrowed(o);
        if object_implied
            && o.contains_key("properties")
            && !o.contains_key("type")
            && o.keys().all(object_keywords)
        {
            o.to_mut().insert("type".to_owned(), Value::String("object".to_owned()));
        }
        // A `$ref` to a document's root may meet its `$id`.
        let plain = untyped_reason(self.reading(doc), &o, depth > 0 && at.is_root()).is_none()
            && nominal(self.docs[doc].dialect, &o) == Some(Nominal::Struct)
            && (closed_ok || o.get("additionalProperties").is_none_or(|a| *a == Value::Bool(true)))
            && !o.contains_key("allOf")
            && !o.contains_key("anyOf")
            && !o.contains_key("oneOf")
            && !openapi_nullable(self.docs[doc].dialect, &o);
        plain.then(|| (doc, at, o.into_owned()))
    }
}

/// `allOf` branches merged into one struct's properties.
pub(super) struct Merged {
    pub props: Vec<Property>,
    pub required: Vec<String>,
    /// A branch denies the properties it does not list: so does the struct.
    pub closed: bool,
}

/// Which schemas [`Lowerer::object_branch`] admits as object branches.
#[derive(Debug, Clone, Copy)]
pub(super) struct BranchRule {
    /// One with `additionalProperties` (which `allOf` cannot merge).
    pub closed_ok: bool,
    /// One of `properties` (and `required`, `additionalProperties`) without `type`: the
    /// schema around says object.
    pub object_implied: bool,
}

/// How [`Lowerer::by_type`] splits a schema.
pub(super) struct Split<'k> {
    /// A variant per JSON type.
    pub kinds: &'k [&'static str],
    /// A last variant holding every value of another type, as JSON.
    pub other: bool,
    /// `null` is valid too: the union is nullable.
    pub null: bool,
}

impl Lowerer<'_> {
    /// A schema read once per JSON type in `kinds` (a `type` list, or the one type its
    /// keywords apply to): a union with a variant per type, each the schema with that
    /// `type`, and with `other`, a variant holding every value of the other types as
    /// JSON (which the keywords say nothing about). `None` where a variant fails, refers
    /// back to this schema (a `$ref` inside would name the variant, not the union), or
    /// needs a whole-schema check another variant would share.
    pub(super) fn by_type(
        &mut self,
        doc: DocId,
        o: &Map<String, Value>,
        split: Split<'_>,
        ptr: &JsonPointer,
        hint: &str,
    ) -> Option<Shape> {
        let Split { kinds, other, null } = split;
        let saved = self.checkpoint(doc, ptr);
        let at = Location::new(doc, ptr);
        let expressed_before = self.model.expressed.get(&at).cloned();
        // A nullable union lives at its `type` list: the schema's own location (a root's
        // newtype, say) holds the `Option`.
        let held = saved.placeholder.filter(|_| null);
        if let Some(p) = held {
            self.placeholders.remove(&p);
        }
        let union_at = if null { ptr.join("type") } else { ptr.clone() };
        let empty = TypeKind::Union(UnionDef { variants: Vec::new(), repr: UnionRepr::ByJsonType });
        let hint = match held {
            Some(p) => format!("{}Value", self.model.types[p].name),
            None => hint.to_owned(),
        };
        let id = self.new_type(doc, &union_at, &hint, o, empty);
        let name = self.model.types[id].name.clone();
        let mut variants = Vec::new();
        for kind in kinds {
            let label = kind.to_upper_camel_case();
            // Keywords of the other types' families say nothing of this one.
            let mut typed: Map<String, Value> = o
                .iter()
                .filter(|(k, _)| crate::schema::applies_to(k, kind))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            typed.insert("type".to_owned(), Value::String((*kind).to_owned()));
            if let Some(Value::Array(values)) = typed.get_mut("enum") {
                // Each variant lists the values of its own type.
                values.retain(|v| crate::schema::of_kind(v, kind));
            }
            let shape = self.shape(doc, &Value::Object(typed), ptr, &format!("{name}{label}"));
            variants.push(UnionVariant {
                name: label,
                shape,
                boxed: false,
                tag: None,
                admits: json_kind(kind).map(Admits::Only),
            });
        }
        match held {
            Some(p) => {
                self.model.by_location.insert(at.clone(), p);
                self.placeholders.insert(p);
            }
            None if null => {
                if self.model.by_location.get(&at).is_some_and(|t| t.index() >= saved.types) {
                    self.model.by_location.remove(&at);
                }
            }
            None => {
                self.model.by_location.insert(at.clone(), id);
            }
        }
        let branches: Vec<TypeId> = variants
            .iter()
            .filter_map(|v| match v.shape.ty {
                Ty::Named(b) => Some(b),
                _ => None,
            })
            .collect();
        let recursive = (saved.types..self.model.types.len())
            .map(TypeId::new)
            .any(|t| branches.iter().any(|b| self.model.mentions(t, *b)));
        let shared_check =
            kinds.len() > 1 && self.model.expressed.get(&at) != expressed_before.as_ref();
        if self.failed_since(&saved)
            || variants.iter().any(|v| v.shape.ty == Ty::Any)
            || recursive
            || shared_check
        {
            match expressed_before {
                Some(expressed) => self.model.expressed.insert(at, expressed),
                None => self.model.expressed.remove(&at),
            };
            self.rollback(saved);
            return None;
        }
        if other {
            // Every value of the types the typed variants do not read.
            let reader = match kinds {
                ["object"] => JsonKind::Object,
                ["string"] => JsonKind::String,
                ["array"] => JsonKind::Array,
                _ => JsonKind::Number,
            };
            variants.push(UnionVariant {
                name: "Other".to_owned(),
                shape: Shape::plain(Ty::Any),
                boxed: false,
                tag: None,
                admits: Some(Admits::AllBut(reader)),
            });
        }
        self.commit(saved);
        self.model.types[id].kind =
            TypeKind::Union(UnionDef { variants, repr: UnionRepr::ByJsonType });
        let union = Shape::plain(Ty::Named(id));
        Some(if null { Shape::plain(Ty::Nullable(Box::new(union))) } else { union })
    }
}

/// The one JSON type of `kinds`, unless they are several or `null` alone.
fn one_kind(kinds: BTreeSet<&'static str>) -> Option<&'static str> {
    match kinds.into_iter().collect::<Vec<_>>().as_slice() {
        [k] if *k != "null" => Some(*k),
        _ => None,
    }
}
