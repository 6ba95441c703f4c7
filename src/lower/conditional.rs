//! `if`/`then`/`else` that branch on the value of one property (`if: {properties: {kind:
//! {const: "a"}}}`), the way real schemas write a discriminated union: a union by that
//! property, read in one pass, each variant the object's own keywords merged with the
//! `then`s and `else`s its tag values take. Anything else keeps today's lowering.

use std::collections::BTreeSet;

use super::compose::{BranchRule, Merged};
use super::*;
use crate::model::{MergeFailure, UnionRepr};

/// One `if` on the tag, with the node that holds it.
struct Conditional {
    /// The node holding `if`, `then` and `else`.
    at: JsonPointer,
    /// The tag's schema in the `if`, and the values it names.
    test: Map<String, Value>,
    values: Vec<String>,
    /// The `if` requires the tag too (so an absent tag takes the `else`).
    requires_tag: bool,
    /// The `else` of another `if`: it says nothing of an absent tag.
    chained: bool,
    then: Option<Value>,
    otherwise: Option<Value>,
}

/// The tag values that take the same branches: one variant.
struct Class {
    label: String,
    /// The values; empty for every string no `if` names.
    values: Vec<String>,
    /// Where its struct lives, and its description.
    at: JsonPointer,
    doc: Map<String, Value>,
    merged: Merged,
    /// The tag's field admits values of other variants: the whole schema checks it.
    checked: bool,
    /// Branches merged by their typed part (see `skeleton`), each checked whole.
    partial: Vec<Partial>,
}

/// Keywords that say nothing of the value (`format` may assert).
fn annotation(k: &str) -> bool {
    !crate::schema::VOCABULARY.contains(&k) && k != "format"
}

impl Lowerer<'_> {
    /// `o` (at `ptr`) as a union by the property its `if`s test, or `None` (nothing
    /// made) where its `if`s are of another form, an absent tag could be valid, or a
    /// variant's branches do not merge into one struct.
    pub(super) fn conditional_union(
        &mut self,
        doc: DocId,
        o: &Map<String, Value>,
        ptr: &JsonPointer,
        hint: &str,
    ) -> Option<Shape> {
        // Kept unknown values would need a variant of their own, as in `tagged_objects`.
        let keep = self.docs[doc].config.unknown_enum_values == UnknownEnumValues::Keep;
        if keep
            || type_list(o) != (vec!["object"], false)
            || openapi_nullable(self.docs[doc].dialect, o)
        {
            return None;
        }
        let branches =
            o.get("allOf").map(|b| b.as_array().map(Vec::as_slice)).unwrap_or(Some(&[]))?;
        let own: Map<String, Value> = o
            .iter()
            .filter(|(k, _)| {
                !["allOf", "if", "then", "else", "$id", "$schema", "$defs", "definitions"]
                    .contains(&k.as_str())
            })
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let mut base = vec![(Value::Object(own.clone()), ptr.clone())];
        let mut nodes = Vec::new();
        if o.contains_key("if") {
            nodes.push((ptr.clone(), o));
        }
        for (i, b) in branches.iter().enumerate() {
            let at = ptr.join("allOf").index(i);
            match b.as_object() {
                Some(c) if c.contains_key("if") => {
                    let only = c
                        .keys()
                        .all(|k| ["if", "then", "else"].contains(&k.as_str()) || annotation(k));
                    if !only {
                        return None;
                    }
                    nodes.push((at, c));
                }
                _ => base.push((b.clone(), at)),
            }
        }
        if nodes.is_empty() {
            return None;
        }
        let (property, kind, conditionals) = self.tag_tests(doc, &nodes)?;
        let base_values = self.base_tag_values(doc, &own, &property, kind)?;
        let rule = BranchRule { closed_ok: true, object_implied: true };
        let requires = |v: &Value, at: &JsonPointer| {
            self.object_branch(doc, v, at.clone(), 0, rule).is_some_and(|(_, _, b)| {
                b.get("required")
                    .and_then(Value::as_array)
                    .is_some_and(|r| r.iter().any(|n| *n == *property))
            })
        };
        // Without the tag every `if` on it holds (one that requires it fails): valid
        // values without a tag would need a variant of their own.
        let absent_invalid = base.iter().any(|(v, at)| requires(v, at))
            || conditionals.iter().filter(|c| !c.chained).any(|c| {
                let taken = if c.requires_tag { ("else", &c.otherwise) } else { ("then", &c.then) };
                taken.1.as_ref().is_some_and(|v| requires(v, &c.at.join(taken.0)))
            });
        // Else one `if` that holds without the tag (all others require it, none is
        // chained) takes objects without it: its variant reads them.
        let absent = match absent_invalid {
            true => None,
            false => {
                let holds: Vec<usize> = (conditionals.iter().enumerate())
                    .filter(|(_, c)| !c.requires_tag)
                    .map(|(j, _)| j)
                    .collect();
                match holds.as_slice() {
                    [j] if conditionals.iter().all(|c| !c.chained) => Some(*j),
                    _ => return None,
                }
            }
        };
        let rest_at = match conditionals.iter().any(|c| c.at == *ptr) {
            true => ptr.join("else"),
            false => ptr.join("allOf"),
        };
        let groups = Groups { base: &base, conditionals: &conditionals, rest_at, kind, absent };
        let classes = self.tag_classes(doc, &property, &groups, base_values.as_deref())?;
        // The class of the `if` that takes objects without the tag.
        let absent = match absent {
            None => None,
            // Its values admitted by no variant: objects without the tag have none either.
            Some(j) => {
                let values = &conditionals[j].values;
                Some(classes.iter().position(|class| class.values == *values)?)
            }
        };
        let ifs: Vec<JsonPointer> = conditionals.iter().map(|c| c.at.clone()).collect();
        let saved = self.checkpoint(doc, ptr);
        let empty = TypeKind::Union(UnionDef { variants: Vec::new(), repr: UnionRepr::ByJsonType });
        let id = self.new_type(doc, ptr, hint, o, empty);
        let name = self.model.types[id].name.clone();
        let mut scope = Scope::default();
        let mut variants = Vec::new();
        let mut expressed = Vec::new();
        for class in classes {
            let label = scope.claim(class.label);
            let Merged { props, required, closed } = class.merged;
            let sid = self.new_struct(
                doc,
                &class.at,
                &format!("{name}{label}"),
                &class.doc,
                &props,
                &required,
            );
            if let TypeKind::Struct(def) = &mut self.model.types[sid].kind {
                if closed {
                    def.additional = Additional::Deny;
                }
            }
            if class.checked {
                self.model.reasons.insert(Location::new(doc, ptr), KeptReason::UnnamedTag);
                self.model.types[sid].checks.push(Check::Schema(ptr.clone()));
            }
            for (at, reason, kept) in class.partial {
                self.model.reasons.insert(Location::new(doc, &at), reason);
                expressed.push((Location::new(doc, &at), kept));
                self.model.types[sid].checks.push(Check::Schema(at));
            }
            variants.push(UnionVariant {
                name: label,
                shape: Shape::plain(Ty::Named(sid)),
                boxed: false,
                tag: Some((property.clone(), class.values)),
                admits: None,
            });
        }
        if self.failed_since(&saved) {
            self.rollback(saved);
            return None;
        }
        self.commit(saved);
        // Each merged branch's check skips the keywords its typed part has as written,
        // which the variant's struct expresses (as `typed_part` does for one node).
        self.model.expressed.extend(expressed);
        self.model.types[id].kind = TypeKind::Union(UnionDef {
            variants,
            repr: UnionRepr::ByTag { property, ifs, absent, boolean: kind == TagType::Boolean },
        });
        Some(Shape::plain(Ty::Named(id)))
    }

    /// The property every `if` tests and each `if`'s test: `{properties: {tag: {const:
    /// "a"} | {enum: ["a", ...]}}}` (and `required: [tag]`), strings named once overall.
    fn tag_tests(
        &self,
        doc: DocId,
        nodes: &[(JsonPointer, &Map<String, Value>)],
    ) -> Option<(String, TagType, Vec<Conditional>)> {
        let mut property: Option<String> = None;
        let mut kind: Option<TagType> = None;
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        let given = nodes.len();
        let mut nodes = nodes.to_vec();
        let mut i = 0;
        while let Some((at, node)) = nodes.get(i).cloned() {
            i += 1;
            // `else: {if: ..., then: ...}` (else-if): another test of the tag, which no
            // value of this one passes, so it holds for the other values alone.
            let chained =
                node.get("else").and_then(Value::as_object).filter(|e| e.contains_key("if"));
            if let Some(next) = chained {
                let keys = ["if", "then", "else"];
                let plain = next.keys().all(|k| keys.contains(&k.as_str()) || annotation(k));
                // A last `else` would hold for values of the other `if`s too.
                if !plain || next.get("else").is_some_and(|e| e.get("if").is_none()) {
                    return None;
                }
                nodes.push((at.join("else"), next));
            }
            let test = as_read(self.reading(doc), node.get("if")?.as_object()?);
            if !test
                .keys()
                .all(|k| ["properties", "required"].contains(&k.as_str()) || annotation(k))
            {
                return None;
            }
            let props = test.get("properties")?.as_object()?;
            let (name, schema) = props.iter().next().filter(|_| props.len() == 1)?;
            let required: Vec<&Value> = test
                .get("required")
                .map(|r| r.as_array().map(|r| r.iter().collect()))
                .unwrap_or(Some(Vec::new()))?;
            if required.iter().any(|r| *r != name)
                || property.get_or_insert_with(|| name.clone()) != name
            {
                return None;
            }
            let schema = as_read(self.reading(doc), schema.as_object()?).into_owned();
            let (of, values) = tag_values(&schema)?;
            if values.iter().any(|v| !seen.insert(v.clone())) || *kind.get_or_insert(of) != of {
                return None;
            }
            out.push(Conditional {
                at: at.clone(),
                test: schema,
                values,
                requires_tag: !required.is_empty(),
                chained: i > given,
                then: node.get("then").cloned(),
                otherwise: node.get("else").cloned().filter(|_| chained.is_none()),
            });
        }
        Some((property?, kind?, out))
    }

    /// The strings the object's own schema of the tag admits (`None`: every string), or
    /// `None` outside where it admits other values too (which no `if` test tells apart).
    fn base_tag_values(
        &self,
        doc: DocId,
        own: &Map<String, Value>,
        property: &str,
        kind: TagType,
    ) -> Option<Option<Vec<String>>> {
        let mut schema = own.get("properties")?.get(property)?;
        for _ in 0..16 {
            let Some(r) = schema.get("$ref").and_then(Value::as_str) else { break };
            let (target_doc, _, target) = self.follow(doc, r)?;
            if target_doc != doc {
                return None;
            }
            schema = target;
        }
        let schema = as_read(self.reading(doc), schema.as_object()?);
        // An enum that keeps unknown values admits strings no `if` or variant lists.
        if super::extensions::bypasses_validation(&schema) {
            return None;
        }
        match (tag_values(&schema), kind) {
            (Some((of, values)), _) if of == kind => Some(Some(values)),
            (Some(_), _) => None,
            (None, _) if !tag_schema(&schema, kind) => None,
            // `type: boolean` alone: both values; `type: string`: every string.
            (None, TagType::Boolean) => Some(Some(vec!["false".to_owned(), "true".to_owned()])),
            (None, TagType::String) => Some(None),
        }
    }

    /// Each `if`'s values (those the object admits) with the branches they take, and the
    /// values no `if` names; `None` where a class does not merge into one struct.
    fn tag_classes(
        &self,
        doc: DocId,
        property: &str,
        groups: &Groups<'_>,
        base_values: Option<&[String]>,
    ) -> Option<Vec<Class>> {
        let Groups { base, conditionals, rest_at, kind, absent } = groups;
        let rule = BranchRule { closed_ok: true, object_implied: true };
        let takes = |chosen: Option<usize>| -> Vec<(Value, JsonPointer)> {
            let mut branches = base.to_vec();
            for (j, c) in conditionals.iter().enumerate() {
                let (key, branch) =
                    if Some(j) == chosen { ("then", &c.then) } else { ("else", &c.otherwise) };
                branches.extend(branch.clone().map(|b| (b, c.at.join(key))));
            }
            branches
        };
        let admitted = |v: &String| base_values.is_none_or(|b| b.contains(v));
        let mut classes = Vec::new();
        for (j, c) in conditionals.iter().enumerate() {
            if !c.values.iter().any(admitted) {
                continue;
            }
            // The `if`'s own test types the tag: exactly this variant's values (present
            // or not, for the variant of objects without the tag).
            let tag = tag_branch(property, c.test.clone(), *absent != Some(j));
            let mut branches = vec![(tag, c.at.join("if"))];
            branches.extend(takes(Some(j)));
            let (branches, partial) = self.typed_parts(doc, branches)?;
            let mut merged = self.merged_props(doc, &branches, rule).ok()?;
            self.drop_implied(doc, &mut merged, property, (Some(&c.values), *kind));
            let then = c
                .then
                .as_ref()
                .and_then(|t| self.object_branch(doc, t, c.at.join("then"), 0, rule));
            let label = match (c.values.as_slice(), &c.then) {
                // `true`/`false` name nothing: a boolean tag's variant is named after
                // its `then`.
                ([one], _) if *kind == TagType::String => naming::variant_name(one),
                (_, Some(Value::Object(t))) => match t.get("$ref").and_then(Value::as_str) {
                    Some(r) => naming::variant_name(r.rsplit('/').next().unwrap_or(r)),
                    None => naming::variant_name(&c.values[0]),
                },
                _ => naming::variant_name(&c.values[0]),
            };
            classes.push(Class {
                label,
                values: c.values.clone(),
                at: c.at.join(if c.then.is_some() { "then" } else { "if" }),
                doc: then.map(|(_, _, t)| t).unwrap_or_default(),
                merged,
                checked: false,
                partial,
            });
        }
        let named: BTreeSet<&String> = conditionals.iter().flat_map(|c| &c.values).collect();
        let rest: Option<Vec<String>> =
            base_values.map(|b| b.iter().filter(|v| !named.contains(v)).cloned().collect());
        if rest.as_ref().is_none_or(|r| !r.is_empty()) {
            let mut branches = takes(None);
            // An `else` that names exactly these values types the tag; else the object's
            // own schema of it does, which admits the other variants' values too.
            let exact = rest.as_ref().and_then(|rest| {
                let wanted: BTreeSet<&String> = rest.iter().collect();
                branches[1..].iter().find_map(|(v, at)| {
                    let (bdoc, bat, b) = self.object_branch(doc, v, at.clone(), 0, rule)?;
                    let tag = as_read(
                        self.reading(doc),
                        b.get("properties")?.get(property)?.as_object()?,
                    )
                    .into_owned();
                    let (of, names) = tag_values(&tag)?;
                    let same = of == *kind && names.iter().collect::<BTreeSet<_>>() == wanted;
                    (bdoc == doc && same).then_some((tag, bat))
                })
            });
            let checked = exact.is_none();
            if let Some((tag, at)) = exact {
                branches.insert(0, (tag_branch(property, tag, true), at));
            }
            let (branches, partial) = self.typed_parts(doc, branches)?;
            let mut merged = self.merged_props(doc, &branches, rule).ok()?;
            self.drop_implied(doc, &mut merged, property, (rest.as_deref(), *kind));
            let label = match rest.as_deref() {
                Some([one]) => naming::variant_name(one),
                _ => "Other".to_owned(),
            };
            classes.push(Class {
                label,
                values: rest.unwrap_or_default(),
                at: rest_at.clone(),
                doc: Map::new(),
                merged,
                checked,
                partial,
            });
        }
        Some(classes)
    }

    /// The branches as object branches: each that is no plain object schema (a `then`
    /// with `patternProperties` or `oneOf` beside its properties, say) replaced by its
    /// typed part, which accepts every value it does, and returned to be checked whole.
    /// `None` where one has no object part or lies in another document.
    fn typed_parts(
        &self,
        doc: DocId,
        branches: Vec<(Value, JsonPointer)>,
    ) -> Option<(Vec<Placed>, Vec<Partial>)> {
        let rule = BranchRule { closed_ok: true, object_implied: true };
        // What `merged_props` takes: no map of other properties beside the fields.
        let mergeable = |(_, _, o): &(DocId, JsonPointer, Map<String, Value>)| {
            !o.contains_key("patternProperties")
                && o.get("additionalProperties").is_none_or(Value::is_boolean)
        };
        let mut partial = Vec::new();
        let mut out = Vec::new();
        for (v, at) in branches {
            if self.object_branch(doc, &v, at.clone(), 0, rule).is_some_and(|b| mergeable(&b)) {
                out.push((v, at));
                continue;
            }
            let (bdoc, bat, b) = self.through_refs(doc, at, &v)?;
            let o = as_read(self.reading(bdoc), b.as_object()?);
            let reason = untyped_reason(self.reading(bdoc), &o, false)
                .unwrap_or(KeptReason::Merge(MergeFailure::NotPlainObjects));
            let mut typed = skeleton::skeleton(self.reading(bdoc), &o, false)?;
            // A map of patterned entries beside the properties does not merge: the
            // entries are left to the check of the whole branch.
            if typed.remove("patternProperties").is_some() {
                typed.remove("additionalProperties");
            }
            let kept = skeleton::expressed(&typed, &o);
            let typed = Value::Object(typed);
            if bdoc != doc || self.object_branch(doc, &typed, bat.clone(), 0, rule).is_none() {
                return None;
            }
            partial.push((bat.clone(), reason, kept));
            out.push((typed, bat));
        }
        Some((out, partial))
    }

    /// Drops the checks of a property's other schemas that its value always passes: the
    /// same schema again, `true`, and the tag's schemas that admit every value the tag's
    /// field admits (`values` of the tag's type; `None` for every string).
    fn drop_implied(
        &self,
        doc: DocId,
        merged: &mut Merged,
        property: &str,
        values: (Option<&[String]>, TagType),
    ) {
        for p in &mut merged.props {
            // Equal text means the same schema within one document.
            let first = Some(p.schema.clone()).filter(|_| p.doc == doc);
            let target = self.referred(p.doc, p.at.clone());
            let tag = p.name == property;
            p.also.retain(|other| {
                let (rdoc, rat) = self.referred(doc, other.clone());
                let Some(schema) = self.docs[rdoc].value.pointer(rat.as_str()) else {
                    return true;
                };
                let trivial = (rdoc, &rat) == (target.0, &target.1)
                    || (rdoc == doc && first.as_ref() == Some(schema))
                    || *schema == Value::Bool(true)
                    || schema.as_object().is_some_and(|o| o.keys().all(|k| annotation(k)));
                !(trivial || (tag && admits_all(schema, values.0, values.1)))
            });
        }
    }
}

impl Lowerer<'_> {
    /// The schema a chain of plain `{"$ref"}` schemas from `at` ends at (a `$ref` beside
    /// other assertions means more than its target, and ends the chain).
    fn referred(&self, doc: DocId, at: JsonPointer) -> (DocId, JsonPointer) {
        let (mut doc, mut at) = (doc, at);
        for _ in 0..16 {
            let Some(o) = self.docs[doc].value.pointer(at.as_str()).and_then(Value::as_object)
            else {
                break;
            };
            let plain = o.keys().all(|k| k == "$ref" || annotation(k));
            let Some(next) = o.get("$ref").and_then(Value::as_str).filter(|_| plain) else {
                break;
            };
            let Some((d, p, _)) = self.follow(doc, next) else { break };
            (doc, at) = (d, p);
        }
        (doc, at)
    }
}

/// A schema with its place.
type Placed = (Value, JsonPointer);

/// A branch merged by its typed part, to be checked whole, why, and the keywords its
/// typed part has as written (which its check skips).
type Partial = (JsonPointer, KeptReason, Vec<String>);

/// The node lists of [`Lowerer::conditional_union`].
struct Groups<'a> {
    /// The object's own keywords and its `allOf` branches without `if`.
    base: &'a [(Value, JsonPointer)],
    conditionals: &'a [Conditional],
    /// Where the struct of the values no `if` names lives.
    rest_at: JsonPointer,
    /// The type of the tag's values.
    kind: TagType,
    /// The `if` (index) that holds for objects without the tag, if they are valid.
    absent: Option<usize>,
}

/// The JSON type of a tag's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TagType {
    String,
    Boolean,
}

/// An object branch whose tag (required where `required`) has the schema `tag`: first
/// among a variant's branches, it types the tag's field.
fn tag_branch(property: &str, tag: Map<String, Value>, required: bool) -> Value {
    let required: &[&str] = if required { &[property] } else { &[] };
    serde_json::json!({"type": "object", "properties": { property: tag }, "required": required})
}

/// A schema of `type` (of the tag's type), `const` and `enum` alone (each optional).
fn tag_schema(o: &Map<String, Value>, kind: TagType) -> bool {
    let name = match kind {
        TagType::String => "string",
        TagType::Boolean => "boolean",
    };
    o.keys().all(|k| annotation(k) || ["type", "enum", "const"].contains(&k.as_str()))
        && o.get("type").is_none_or(|t| t == name)
}

/// The values a schema of only `const`/`enum` (and the `type` of its values) names, all
/// strings or all booleans (`"true"`, `"false"`), with their type.
fn tag_values(schema: &Map<String, Value>) -> Option<(TagType, Vec<String>)> {
    let listed: Vec<&Value> = match (schema.get("const"), schema.get("enum")) {
        (Some(c), None) => vec![c],
        (None, Some(Value::Array(e))) => e.iter().collect(),
        _ => return None,
    };
    let kind = match listed.first()? {
        Value::Bool(_) => TagType::Boolean,
        _ => TagType::String,
    };
    if !tag_schema(schema, kind) {
        return None;
    }
    let value = |v: &Value| match (v, kind) {
        (Value::String(s), TagType::String) => Some(s.clone()),
        (Value::Bool(b), TagType::Boolean) => Some(b.to_string()),
        _ => None,
    };
    let values: Vec<String> = listed.into_iter().map(value).collect::<Option<_>>()?;
    Some((kind, values))
}

/// Whether every value of `values` (`None`: every string) passes `schema`, a schema of
/// the tag's `type` and `enum`/`const` alone.
fn admits_all(schema: &Value, values: Option<&[String]>, kind: TagType) -> bool {
    let Some(o) = schema.as_object().filter(|o| tag_schema(o, kind)) else { return false };
    if !o.contains_key("enum") && !o.contains_key("const") {
        return true;
    }
    match (tag_values(o), values) {
        (Some((of, listed)), Some(values)) => {
            of == kind && values.iter().all(|v| listed.contains(v))
        }
        _ => false,
    }
}

impl Lowerer<'_> {
    /// `{if: {type: T}, then: A, else: B}` where `A`'s values are of type `T` and `B`'s of
    /// another single type: a union by JSON type of `A` and `B`, exactly.
    pub(super) fn type_test_union(
        &mut self,
        doc: DocId,
        o: &Map<String, Value>,
        ptr: &JsonPointer,
        hint: &str,
    ) -> Option<Shape> {
        let keys = ["if", "then", "else"];
        if !o.keys().all(|k| keys.contains(&k.as_str()) || annotation(k)) {
            return None;
        }
        let test = as_read(self.reading(doc), o.get("if")?.as_object()?);
        if !test.keys().all(|k| k == "type" || annotation(k)) {
            return None;
        }
        let tested = test.get("type")?.as_str()?;
        let (then, otherwise) = (o.get("then")?, o.get("else")?);
        let then_type = self.single_type(doc, then)?;
        let else_type = self.single_type(doc, otherwise)?;
        // `number` holds the integers: the types must not overlap.
        let numbers = |t: &str| ["integer", "number"].contains(&t);
        if then_type != tested || else_type == tested || (numbers(then_type) && numbers(else_type))
        {
            return None;
        }
        let placed = [(then.clone(), ptr.join("then")), (otherwise.clone(), ptr.join("else"))];
        let kinds = [then_type, else_type];
        Some(self.union_of(doc, "oneOf", &placed, Some(&kinds), ptr, hint))
    }

    /// The one JSON type a schema's `type` gives every value it accepts, whatever its
    /// other keywords (through `$ref`s).
    fn single_type(&self, doc: DocId, v: &Value) -> Option<&'static str> {
        let (doc, _, v) = self.through_refs(doc, JsonPointer::root(), v)?;
        let o = as_read(self.reading(doc), v.as_object()?);
        if openapi_nullable(self.docs[doc].dialect, &o) {
            return None;
        }
        match type_list(&o) {
            (types, false) => match types.as_slice() {
                [t] => super::plan::KINDS.iter().copied().find(|k| k == t),
                _ => None,
            },
            _ => None,
        }
    }
}

impl<'a> Lowerer<'a> {
    /// The schema `v` (at `at`) ends at once its `$ref`s are followed (at most 16), with
    /// its document and place; `None` where a reference does not resolve.
    fn through_refs<'v>(
        &self,
        doc: DocId,
        at: JsonPointer,
        v: &'v Value,
    ) -> Option<(DocId, JsonPointer, &'v Value)>
    where
        'a: 'v,
    {
        let (mut doc, mut at, mut v) = (doc, at, v);
        for _ in 0..16 {
            let Some(r) = v.get("$ref").and_then(Value::as_str) else { break };
            (doc, at, v) = self.follow(doc, r)?;
        }
        Some((doc, at, v))
    }
}
