//! Dynamic references whose dynamic scope cannot change where they lead: read as the
//! `$ref` they amount to. A `$dynamicRef` (2020-12) leads where a `$ref` would unless
//! its target is a `$dynamicAnchor` of the same name, and then to the outermost resource
//! of the scope with one: where the document declares that name once, that is the
//! target. A `$recursiveRef` (2019-09) leads to its resource's root unless that root has
//! `$recursiveAnchor: true`, and then to the outermost such root in scope: where the
//! document has one, that is the root. The document as written stays for the embedded
//! validator; a document of a dynamic reference that no rewrite covers keeps them all.

use std::collections::BTreeMap;

use serde_json::Value;

use super::resources::{dynamic, innermost, locate, resources, walk, Resource};
use super::{encode_reference, Document};
use crate::schema::{walk_schemas, Descend, Draft, JsonPointer};

/// Rewrites the dynamic references of each document whose every one is static; the
/// document then reads like one that never had them (its anchors plain identifiers).
pub(super) fn static_dynamic_references(docs: &mut [Document]) {
    for doc in docs.iter_mut().filter(|d| d.dynamic_scope) {
        let resources = resources(doc);
        let draft = doc.meta.draft;
        let anchors = dynamic_anchors(doc);
        let mut rewrites: Vec<(JsonPointer, &'static str, JsonPointer)> = Vec::new();
        walk(doc)(&doc.value, &JsonPointer::root(), &mut |at, o| {
            let dynamic = o.get("$dynamicRef").and_then(Value::as_str);
            let recursive = o.get("$recursiveRef").and_then(Value::as_str);
            let target = match (dynamic, recursive, draft) {
                _ if o.contains_key("$ref") => None,
                (Some(r), None, Some(Draft::Draft2020)) => {
                    dynamic_target(doc, &resources, &anchors, at, r).map(|t| ("$dynamicRef", t))
                }
                (None, Some("#"), Some(Draft::Draft2019)) => {
                    recursive_target(doc, &resources, at).map(|t| ("$recursiveRef", t))
                }
                _ => None,
            };
            if let Some((keyword, target)) = target {
                rewrites.push((at.clone(), keyword, target));
            }
            Descend::Yes
        });
        let all = dynamic_count(&doc.value);
        if rewrites.len() < all {
            continue;
        }
        doc.written.get_or_insert_with(|| doc.value.clone());
        for (at, keyword, target) in rewrites {
            // Absolute inside an embedded resource, which `#` would name.
            let inside = innermost(&resources, &at).is_some_and(|r| !r.at.is_root());
            let base = if inside { doc.base.as_str() } else { "" };
            let reference = format!("{base}#{}", target.uri_fragment());
            if let Some(Value::Object(o)) = doc.value.pointer_mut(at.as_str()) {
                o.remove(keyword);
                o.insert("$ref".to_owned(), reference.into());
            }
        }
        doc.dynamic_scope = dynamic(&doc.value);
    }
}

/// How many dynamic references a document holds.
fn dynamic_count(v: &Value) -> usize {
    let mut n = 0;
    walk_schemas(v, &JsonPointer::root(), &mut |_, o| {
        n += usize::from(o.contains_key("$dynamicRef") || o.contains_key("$recursiveRef"));
        Descend::Yes
    });
    n
}

/// How many schemas of the document declare each `$dynamicAnchor` name.
fn dynamic_anchors(doc: &Document) -> BTreeMap<&str, usize> {
    let mut names = BTreeMap::new();
    walk(doc)(&doc.value, &JsonPointer::root(), &mut |_, o| {
        if let Some(name) = o.get("$dynamicAnchor").and_then(Value::as_str) {
            *names.entry(name).or_insert(0) += 1;
        }
        Descend::Yes
    });
    names
}

/// Where `$dynamicRef: r` at `at` leads whatever the scope, if it does (`anchors`: see
/// [`dynamic_anchors`]).
fn dynamic_target(
    doc: &Document,
    resources: &[Resource],
    anchors: &BTreeMap<&str, usize>,
    at: &JsonPointer,
    r: &str,
) -> Option<JsonPointer> {
    let absolute = innermost(resources, at)?.uri.join(&encode_reference(r)).ok()?;
    let fragment = absolute.fragment().unwrap_or("").to_owned();
    let mut whole = absolute;
    whole.set_fragment(None);
    let resource = resources.iter().find(|r| r.uri == whole)?;
    let target = locate(doc, resources, &resource.at, &fragment)?;
    let anchor = |o: &Value| o.get("$dynamicAnchor").and_then(Value::as_str) == Some(&fragment);
    if !doc.value.pointer(target.as_str()).is_some_and(anchor) {
        return Some(target);
    }
    (anchors.get(fragment.as_str()) == Some(&1)).then_some(target)
}

/// Where `$recursiveRef: "#"` at `at` leads whatever the scope, if it does.
fn recursive_target(
    doc: &Document,
    resources: &[Resource],
    at: &JsonPointer,
) -> Option<JsonPointer> {
    let anchored = |r: &&Resource| {
        doc.value.pointer(r.at.as_str()).and_then(|o| o.get("$recursiveAnchor"))
            == Some(&Value::Bool(true))
    };
    let resource = innermost(resources, at)?;
    let static_root = !anchored(&resource) || resources.iter().filter(anchored).count() == 1;
    static_root.then(|| resource.at.clone())
}
