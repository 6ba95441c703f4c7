//! Dynamic references whose dynamic scope cannot change where they lead: read as the
//! `$ref` they amount to. A `$dynamicRef` (2020-12) leads where a `$ref` would unless
//! its target is a `$dynamicAnchor` of the same name, and then to the outermost resource
//! of the scope with one: where the document declares that name once, that is the
//! target. A `$recursiveRef` (2019-09) leads to its resource's root unless that root has
//! `$recursiveAnchor: true`, and then to the outermost such root in scope: where the
//! document has one, that is the root. The document as written stays for the embedded
//! validator; a document of a dynamic reference that no rewrite covers keeps them all,
//! and [`Scope`] records what generated checks need to follow them at run time.

use std::collections::BTreeMap;

use serde_json::Value;

use super::resources::{dynamic, innermost, locate, resources, walk, Resource};
use super::{encode_reference, Document};
use crate::schema::{walk_schemas, Descend, Draft, JsonPointer};

/// Rewrites the dynamic references of each document whose every one is static; the
/// document then reads like one that never had them (its anchors plain identifiers).
pub(super) fn static_dynamic_references(docs: &mut [Document]) {
    // Another document's anchor may be outer in the scope: names count across documents.
    let mut anchors: BTreeMap<String, usize> = BTreeMap::new();
    let mut recursive_roots = 0;
    for doc in docs.iter() {
        for (name, n) in dynamic_anchors(doc) {
            *anchors.entry(name.to_owned()).or_insert(0) += n;
        }
        recursive_roots += recursive_anchors(doc, &resources(doc));
    }
    for doc in docs.iter_mut().filter(|d| d.dynamic_scope) {
        let resources = resources(doc);
        let draft = doc.meta.draft;
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
                    recursive_target(doc, &resources, recursive_roots, at)
                        .map(|t| ("$recursiveRef", t))
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

/// How many schemas of the document declare each `$dynamicAnchor` name (2020-12).
fn dynamic_anchors(doc: &Document) -> BTreeMap<&str, usize> {
    let mut names = BTreeMap::new();
    if doc.meta.draft != Some(Draft::Draft2020) {
        return names;
    }
    walk(doc)(&doc.value, &JsonPointer::root(), &mut |_, o| {
        if let Some(name) = o.get("$dynamicAnchor").and_then(Value::as_str) {
            *names.entry(name).or_insert(0) += 1;
        }
        Descend::Yes
    });
    names
}

/// Where `$dynamicRef: r` at `at` leads whatever the scope, if it does (`anchors`: how
/// many schemas of all documents declare each name).
fn dynamic_target(
    doc: &Document,
    resources: &[Resource],
    anchors: &BTreeMap<String, usize>,
    at: &JsonPointer,
    r: &str,
) -> Option<JsonPointer> {
    let reference = first_target(doc, resources, at, r)?;
    match &reference.name {
        Some(name) if anchors.get(name) != Some(&1) => None,
        _ => Some(reference.initial),
    }
}

/// Where `$recursiveRef: "#"` at `at` leads whatever the scope, if it does (`roots`:
/// the resource roots with `$recursiveAnchor: true` of every document).
fn recursive_target(
    doc: &Document,
    resources: &[Resource],
    roots: usize,
    at: &JsonPointer,
) -> Option<JsonPointer> {
    let resource = innermost(resources, at)?;
    let static_root = !recursive_anchor(doc, resource) || roots == 1;
    static_root.then(|| resource.at.clone())
}

/// Whether the resource's root has `$recursiveAnchor: true`.
fn recursive_anchor(doc: &Document, resource: &Resource) -> bool {
    doc.value.pointer(resource.at.as_str()).and_then(|o| o.get("$recursiveAnchor"))
        == Some(&Value::Bool(true))
}

/// How many resource roots of the document have `$recursiveAnchor: true` (2019-09).
fn recursive_anchors(doc: &Document, resources: &[Resource]) -> usize {
    if doc.meta.draft != Some(Draft::Draft2019) {
        return 0;
    }
    resources.iter().filter(|r| recursive_anchor(doc, r)).count()
}

/// What the dynamic references of the documents need, per document: its resources, its
/// dynamic references and its dynamic anchors.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// Each resource, the document first.
    resources: Vec<Resource>,
    /// Each dynamic reference, by where it is.
    pub references: BTreeMap<JsonPointer, DynamicReference>,
    /// Each `$dynamicAnchor` (2019-09: each resource root with `$recursiveAnchor: true`,
    /// named ""), and where it is.
    pub anchors: Vec<(String, JsonPointer)>,
}

/// Where a dynamic reference leads before the scope is consulted, and the anchor name
/// that sends it to the outermost resource of the scope with that anchor: `None` where
/// its first target has no such anchor, and it leads there whatever the scope.
#[derive(Debug, Clone)]
pub struct DynamicReference {
    pub initial: JsonPointer,
    pub name: Option<String>,
}

impl Scope {
    /// The URI of the innermost resource holding `at`.
    pub fn resource_of(&self, at: &JsonPointer) -> Option<&str> {
        innermost(&self.resources, at).map(|r| r.uri.as_str())
    }
}

/// Records the [`Scope`] of every document, where dynamic references remain in any.
pub(super) fn record_scopes(docs: &mut [Document]) {
    if !docs.iter().any(|d| d.dynamic_scope) {
        return;
    }
    for doc in docs.iter_mut() {
        if !matches!(doc.meta.draft, Some(Draft::Draft2019 | Draft::Draft2020)) {
            continue;
        }
        let resources = resources(doc);
        let mut scope = Scope { resources: resources.clone(), ..Scope::default() };
        let recursive_root =
            |at: &JsonPointer| resources.iter().any(|r| r.at == *at && recursive_anchor(doc, r));
        walk(doc)(&doc.value, &JsonPointer::root(), &mut |at, o| {
            let anchor =
                o.get("$dynamicAnchor").filter(|_| doc.meta.draft == Some(Draft::Draft2020));
            if let Some(name) = anchor.and_then(Value::as_str) {
                scope.anchors.push((name.to_owned(), at.clone()));
            }
            if doc.meta.draft == Some(Draft::Draft2019) && recursive_root(at) {
                scope.anchors.push((String::new(), at.clone()));
            }
            let reference = match (o.get("$dynamicRef"), o.get("$recursiveRef")) {
                (Some(Value::String(r)), _) => first_target(doc, &resources, at, r),
                (_, Some(Value::String(r))) if r == "#" => {
                    innermost(&resources, at).map(|resource| DynamicReference {
                        initial: resource.at.clone(),
                        name: recursive_anchor(doc, resource).then(String::new),
                    })
                }
                _ => None,
            };
            if let Some(reference) = reference {
                scope.references.insert(at.clone(), reference);
            }
            Descend::Yes
        });
        doc.scope = Some(scope);
    }
}

/// Where `$dynamicRef: r` at `at` leads before the scope is consulted (a schema of the
/// same document), and the name that makes it dynamic.
fn first_target(
    doc: &Document,
    resources: &[Resource],
    at: &JsonPointer,
    r: &str,
) -> Option<DynamicReference> {
    let absolute = innermost(resources, at)?.uri.join(&encode_reference(r)).ok()?;
    let fragment = absolute.fragment().unwrap_or("").to_owned();
    let mut whole = absolute;
    whole.set_fragment(None);
    let resource = resources.iter().find(|r| r.uri == whole)?;
    let initial = locate(doc, resources, &resource.at, &fragment)?;
    let anchor = |o: &Value| o.get("$dynamicAnchor").and_then(Value::as_str) == Some(&fragment);
    let dynamic = doc.value.pointer(initial.as_str()).is_some_and(anchor);
    Some(DynamicReference { initial, name: dynamic.then_some(fragment) })
}
