//! Object branches of a union told apart by a tag property, or by their keys.

use super::*;
use std::collections::BTreeSet;

impl Lowerer<'_> {
    /// The tag of a union's object branches: a property (the `discriminator`'s, or any
    /// shared one) that every object branch lists as a single string, not the same one in
    /// every branch, with enums rejecting values they do not list, and that every branch
    /// but at most one requires. The tag then picks the branches of its value (where two
    /// share one, their keys must tell them apart: [`Tagging::groups`]); an object
    /// without the tag can only be of the branch that does not require it. Returns the property, each branch's tag (`None` for branches that are
    /// not objects) and the tag of the branch that reads objects without one.
    pub(super) fn tagged_objects(
        &self,
        doc: DocId,
        list: &[Value],
        kinds: &[&str],
    ) -> Option<Tagging> {
        if self.docs[doc].config.unknown_enum_values == UnknownEnumValues::Keep {
            return None;
        }
        let objects: Option<Vec<(usize, Map<String, Value>)>> = list
            .iter()
            .zip(kinds)
            .enumerate()
            .filter(|(_, (_, k))| **k == "object")
            .map(|(i, (b, _))| Some((i, self.referred_object(doc, b, 0)?)))
            .collect();
        let objects = objects.filter(|o| o.len() >= 2)?;
        // The branch's tag, and whether it requires the property.
        let tag_of = |o: &Map<String, Value>, property: &str| -> Option<(String, bool)> {
            let required = o
                .get("required")
                .and_then(Value::as_array)
                .is_some_and(|r| r.iter().any(|r| r == property));
            let schema =
                as_read(self.reading(doc), o.get("properties")?.get(property)?.as_object()?);
            let only_enum = schema.keys().all(|k| {
                // Annotations beside the enum change nothing.
                let annotations = ["description", "title", "example", "examples", "default"];
                ["enum", "type", "$comment", "deprecated"].contains(&k.as_str())
                    || annotations.contains(&k.as_str())
                    || super::extensions::is_extension(k)
            });
            let values = schema.get("enum")?.as_array()?;
            let bypass = super::extensions::bypasses_validation(&schema);
            match values.as_slice() {
                [Value::String(tag)] if only_enum && !bypass => Some((tag.clone(), required)),
                _ => None,
            }
        };
        let candidates: Vec<String> = objects[0]
            .1
            .get("properties")
            .and_then(Value::as_object)
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default();
        candidates.into_iter().find_map(|property| {
            let tags: Vec<(String, bool)> =
                objects.iter().map(|(_, o)| tag_of(o, &property)).collect::<Option<_>>()?;
            let optional: Vec<&String> =
                tags.iter().filter(|(_, required)| !required).map(|(t, _)| t).collect();
            let absent = match optional.as_slice() {
                [] => None,
                // Objects without the tag go to one branch, which no other shares.
                [one] if tags.iter().filter(|(t, _)| t == *one).count() == 1 => {
                    Some((*one).clone())
                }
                _ => return None,
            };
            // Values may repeat: the branches of one value are then told apart by keys
            // (`Tagging::groups_keyed`), or the tag tells nothing.
            let all_repeat = tags.iter().map(|(t, _)| t).collect::<BTreeSet<_>>().len() == 1;
            (!all_repeat).then(|| {
                let mut per_branch = vec![None; list.len()];
                for ((i, _), (tag, _)) in objects.iter().zip(tags) {
                    per_branch[*i] = Some(tag);
                }
                Tagging { property, tags: per_branch, absent }
            })
        })
    }

    /// Whether no value can be read by two of a union's struct variants because of their
    /// keys: of any two, one requires a property (which its struct requires as it reads)
    /// that the other, closed (`additionalProperties: false`), does not list and so
    /// rejects as it reads. A value of one of them then fails to read as any other, so the
    /// first variant that reads it is its branch, as for branches of disjoint JSON types.
    pub(super) fn keyed_variants<'v>(
        &self,
        variants: impl IntoIterator<Item = &'v UnionVariant>,
    ) -> bool {
        let object = schemagen_runtime::kinds::OBJECT;
        let mut structs = Vec::new();
        for v in variants {
            match &v.shape.ty {
                Ty::Named(id) => match &self.model.types[*id].kind {
                    TypeKind::Struct(s) if v.shape.checks.is_empty() => structs.push(s),
                    _ if self.model.json_kinds(&v.shape) & object != 0 => return false,
                    _ => {}
                },
                _ if self.model.json_kinds(&v.shape) & object != 0 => return false,
                _ => {}
            }
        }
        // `a` requires a property that `b` rejects.
        let excludes = |a: &StructDef, b: &StructDef| {
            matches!(b.additional, Additional::Deny)
                && a.fields
                    .iter()
                    .any(|f| f.required && b.fields.iter().all(|g| g.json_name != f.json_name))
        };
        structs.len() >= 2
            && structs
                .iter()
                .enumerate()
                .all(|(i, a)| structs[i + 1..].iter().all(|b| excludes(a, b) || excludes(b, a)))
    }

    /// Whether `t` tells a union's variants apart: the variants (`typed` gives each one's
    /// branch) of every value that branches share are told apart by their keys.
    pub(super) fn tag_tells(
        &self,
        t: &Tagging,
        typed: &[(usize, Option<&str>)],
        variants: &[UnionVariant],
    ) -> bool {
        t.groups(typed).iter().all(|group| self.keyed_variants(group.iter().map(|&v| &variants[v])))
    }

    /// The name of each variant (by its index in `typed`) of a tag value that branches
    /// share, after the key that tells it apart: `{Tag}With{Key}` where its branch
    /// requires a property that the others of its value do not list. `None` elsewhere:
    /// the tag's own name.
    pub(super) fn shared_tag_names(
        &self,
        doc: DocId,
        t: &Tagging,
        typed: &[(usize, Option<&str>)],
        branches: &[Value],
    ) -> Vec<Option<String>> {
        let mut names = vec![None; typed.len()];
        for group in t.groups(typed) {
            let objects: Vec<Option<Map<String, Value>>> = group
                .iter()
                .map(|&v| self.referred_object(doc, &branches[typed[v].0], 0))
                .collect();
            let listed = |o: &Option<Map<String, Value>>, key: &str| {
                o.as_ref().and_then(|o| o.get("properties")?.get(key)).is_some()
            };
            for (n, &v) in group.iter().enumerate() {
                let Some(o) = &objects[n] else { continue };
                let required = o.get("required").and_then(Value::as_array).into_iter().flatten();
                let telling = required.filter_map(Value::as_str).find(|key| {
                    objects.iter().enumerate().all(|(m, other)| m == n || !listed(other, key))
                });
                if let (Some(key), Some(tag)) = (telling, &t.tags[typed[v].0]) {
                    let (tag, key) = (naming::variant_name(tag), naming::variant_name(key));
                    names[v] = Some(format!("{tag}With{key}"));
                }
            }
        }
        names
    }

    /// The object schema a branch is, or refers to through `$ref`s: every value of the
    /// branch is valid against it (other keywords of the branch only narrow it), so its
    /// `properties` and `required` hold for the branch's values.
    fn referred_object(&self, doc: DocId, v: &Value, depth: usize) -> Option<Map<String, Value>> {
        let o = v.as_object()?;
        match o.get("$ref").and_then(Value::as_str) {
            Some(r) if depth < 16 => {
                let (doc, _, target) = self.follow(doc, r)?;
                self.referred_object(doc, target, depth + 1)
            }
            Some(_) => None,
            None => Some(o.clone()),
        }
    }
}

/// How a union's object branches are told apart by a tag ([`Lowerer::tagged_objects`]).
pub(super) struct Tagging {
    /// The tag property.
    pub(super) property: String,
    /// Each branch's tag value (`None` for a branch that is no object).
    pub(super) tags: Vec<Option<String>>,
    /// The tag value of the branch that also reads objects without the property.
    pub(super) absent: Option<String>,
}

impl Tagging {
    /// The variants (indexes into `typed`, the branches that became variants) of each tag
    /// value that more than one branch names.
    fn groups(&self, typed: &[(usize, Option<&str>)]) -> Vec<Vec<usize>> {
        let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (v, (branch, _)) in typed.iter().enumerate() {
            if let Some(tag) = &self.tags[*branch] {
                groups.entry(tag).or_default().push(v);
            }
        }
        groups.into_values().filter(|g| g.len() > 1).collect()
    }
}
