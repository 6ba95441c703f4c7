//! Embedded resources: subschemas whose `$id` (draft-04: `id`) sets the base URI of the
//! references inside them, as bundled ("compound") documents have. Once every document
//! is read, each `$ref` whose meaning depends on a resource is rewritten, in the copy the
//! generator reads, to one that does not (`#<pointer>`, or `<document URL>#<pointer>`),
//! so that the rest of the generator resolves references against the document alone.
//! The embedded validator reads the document as written: it knows resources itself.

use std::collections::BTreeMap;

use serde_json::Value;
use url::Url;

use super::refs::{names_anchor, percent_decode};
use super::{encode_reference, DocId, Document};
use crate::schema::{
    any_schema, walk_schemas, walk_subschemas, Descend, Dialect, Draft, JsonPointer,
};

/// Whether a document holds `$dynamicRef` or `$recursiveRef`.
pub(super) fn dynamic(v: &Value) -> bool {
    any_schema(v, &|o| o.contains_key("$dynamicRef") || o.contains_key("$recursiveRef"))
}

/// A resource of a document: the schema at `at`, whose references resolve against `uri`.
#[derive(Debug, Clone)]
pub(super) struct Resource {
    pub at: JsonPointer,
    pub uri: Url,
}

/// The resources of `doc`: the document itself first (at its base), then each embedded
/// one in document order. An `$id` that is a plain-name fragment (`#foo`, before
/// 2019-09) is an anchor, not a resource; before 2019-09 an `$id` beside `$ref` is
/// ignored with the other siblings of `$ref`.
pub(super) fn resources(doc: &Document) -> Vec<Resource> {
    let Ok(base) = Url::parse(&doc.base) else { return Vec::new() };
    let mut out = vec![Resource { at: JsonPointer::root(), uri: base }];
    if doc.dialect == Dialect::OpenApi30 {
        return out;
    }
    let id = if doc.meta.draft4_or_older { "id" } else { "$id" };
    let ref_alone = doc.meta.ref_overrides_siblings();
    walk(doc)(&doc.value, &JsonPointer::root(), &mut |at, o| {
        let Some(written) = o.get(id).and_then(Value::as_str) else { return Descend::Yes };
        if at.is_root() || written.starts_with('#') || (ref_alone && o.contains_key("$ref")) {
            return Descend::Yes;
        }
        if let Some(Ok(mut uri)) = innermost(&out, at).map(|r| r.uri.join(written)) {
            uri.set_fragment(None);
            out.push(Resource { at: at.clone(), uri });
        }
        Descend::Yes
    });
    out
}

/// The walker of a document's schemas: for JSON Schema, only through the keywords that
/// hold schemas; an OpenAPI document's schemas sit under keywords of its own.
pub(super) type Walker = for<'a> fn(
    &'a Value,
    &JsonPointer,
    &mut dyn FnMut(&JsonPointer, &'a serde_json::Map<String, Value>) -> Descend,
);

pub(super) fn walk(doc: &Document) -> Walker {
    match doc.dialect {
        Dialect::JsonSchema => walk_subschemas,
        Dialect::OpenApi30 | Dialect::OpenApi31 => walk_schemas,
    }
}

/// The innermost resource of `resources` (as [`resources`] lists them) holding `at`;
/// none where the document's base is no URL (it has no resources then).
pub(super) fn innermost<'r>(resources: &'r [Resource], at: &JsonPointer) -> Option<&'r Resource> {
    resources.iter().filter(|r| at.is_within(&r.at)).max_by_key(|r| r.at.as_str().len())
}

/// Rewrites the `$ref`s of every document whose meaning depends on an embedded resource:
/// one inside a resource, one that names a resource by its URI, and one that names an
/// anchor of a document that has resources (an anchor belongs to its resource). The
/// document as written is kept for the embedded validator.
pub(super) fn anchor_references(docs: &mut [Document]) {
    let all: Vec<Vec<Resource>> = docs.iter().map(resources).collect();
    if all.iter().all(|r| r.len() <= 1) {
        return;
    }
    let mut targets: BTreeMap<String, (DocId, JsonPointer)> = BTreeMap::new();
    for (i, list) in all.iter().enumerate() {
        for r in list {
            targets.entry(r.uri.to_string()).or_insert((DocId::new(i), r.at.clone()));
        }
        if let Some(url) = &docs[i].linked {
            targets.entry(url.clone()).or_insert((DocId::new(i), JsonPointer::root()));
        }
    }
    for i in 0..docs.len() {
        let here = DocId::new(i);
        let mut rewrites: Vec<(JsonPointer, String)> = Vec::new();
        walk_schemas(&docs[i].value, &JsonPointer::root(), &mut |at, o| {
            if let Some(r) = o.get("$ref").and_then(Value::as_str) {
                let to = Reference { docs, all: &all, targets: &targets, here };
                if let Some(new) = to.rewrite(at, r) {
                    rewrites.push((at.clone(), new));
                }
            }
            Descend::Yes
        });
        if rewrites.is_empty() {
            continue;
        }
        let doc = &mut docs[i];
        doc.written.get_or_insert_with(|| doc.value.clone());
        for (at, new) in rewrites {
            if let Some(Value::Object(o)) = doc.value.pointer_mut(at.as_str()) {
                o.insert("$ref".to_owned(), Value::String(new));
            }
        }
    }
}

/// What a reference of document `here` resolves against.
struct Reference<'d> {
    docs: &'d [Document],
    all: &'d [Vec<Resource>],
    /// Every resource and linked document by its URI.
    targets: &'d BTreeMap<String, (DocId, JsonPointer)>,
    here: DocId,
}

impl Reference<'_> {
    /// The reference `r` of the schema at `at` as the document alone resolves it, or
    /// `None` where it already does.
    fn rewrite(&self, at: &JsonPointer, r: &str) -> Option<String> {
        let resources = &self.all[self.here.index()];
        let enclosing = innermost(resources, at)?;
        let inside = !enclosing.at.is_root();
        let absolute = enclosing.uri.join(&encode_reference(r)).ok()?;
        let fragment = absolute.fragment().unwrap_or("").to_owned();
        let mut whole = absolute.clone();
        whole.set_fragment(None);
        // This document's own resources first: documents may share URIs.
        let own = resources.iter().find(|r| r.uri == whole).map(|r| (self.here, r.at.clone()));
        let Some((doc, resource)) = own.or_else(|| self.targets.get(whole.as_str()).cloned())
        else {
            return inside.then(|| absolute.to_string());
        };
        // A resource of another draft means other things: it stays with the validator.
        let target = &self.docs[doc.index()];
        if !resource.is_root() && foreign_dialect(target, &resource) {
            return Some(absolute.to_string());
        }
        let anchor = !fragment.is_empty() && !fragment.starts_with('/');
        let needed = inside || !resource.is_root() || (anchor && self.all[doc.index()].len() > 1);
        if !needed {
            return None;
        }
        let Some(pointer) = locate(target, &self.all[doc.index()], &resource, &fragment) else {
            return inside.then(|| absolute.to_string());
        };
        Some(if doc == self.here {
            format!("#{}", pointer.uri_fragment())
        } else {
            let url = target.linked.as_deref().unwrap_or(&target.base);
            format!("{url}#{}", pointer.uri_fragment())
        })
    }
}

/// Whether the resource at `at` of `doc` names a draft of its own by `$schema`.
fn foreign_dialect(doc: &Document, at: &JsonPointer) -> bool {
    let schema = doc.value.pointer(at.as_str()).and_then(|o| o.get("$schema"));
    schema.is_some_and(|s| s.is_string() && Draft::of_schema(Some(s)) != doc.meta.draft)
}

/// The schema `fragment` names in the resource at `resource` of `doc` (whose resources
/// are `nested`): a JSON pointer from the resource, or an anchor of the resource (not of
/// a resource inside it).
pub(super) fn locate(
    doc: &Document,
    nested: &[Resource],
    resource: &JsonPointer,
    fragment: &str,
) -> Option<JsonPointer> {
    let decoded = percent_decode(fragment).ok()?;
    if decoded.is_empty() || decoded.starts_with('/') {
        let pointer = JsonPointer::from_escaped(format!("{resource}{decoded}"));
        return doc.value.pointer(pointer.as_str()).is_some().then_some(pointer);
    }
    let mut found = None;
    walk(doc)(doc.value.pointer(resource.as_str())?, resource, &mut |at, o| {
        if found.is_some() || (at != resource && nested.iter().any(|r| r.at == *at)) {
            return Descend::No;
        }
        if names_anchor(o, &decoded) {
            found = Some(at.clone());
            return Descend::No;
        }
        Descend::Yes
    });
    found
}
