//! Documents that other documents' `$ref`s name, read from the schema root (relative
//! references of a document without an absolute `$id`) or from the folders `remotes`
//! maps URL prefixes to: their schemas become types of the crate like any other.

use std::collections::BTreeSet;

use serde_json::Value;
use url::Url;

use super::resources::{innermost, resources};
use super::{encode_reference, local_path, read_document, DocId, Document};
use crate::config::{Config, DocumentConfig};
use crate::diag::Diagnostics;
use crate::schema::{walk_schemas, Descend, Draft, JsonPointer};

/// Appends every document reachable through `$ref` from `docs` that is a file of the
/// schema root, each in a module of its own named after its file (prefixed with the
/// module of the configured document that first reached it). A reference that reaches
/// no file is left to the validator, which reports it where it is needed.
pub(super) fn load_linked(config: &Config, docs: &mut Vec<Document>, diags: &mut Diagnostics) {
    let mut family: Vec<Option<String>> = docs.iter().map(|d| d.config.module.clone()).collect();
    // The document that first reached each linked one (the configured ones: none).
    let mut reached_by: Vec<Option<DocId>> = vec![None; docs.len()];
    let mut next = DocId::new(0);
    while next.index() < docs.len() {
        // A linked document without `$schema` reads as its referrer does, as validators
        // resolve it: the referrer's own `$schema`, else its configured draft.
        let draft = docs[next].meta.draft.or(docs[next].config.draft);
        for url in references(&docs[next]) {
            if let Some(id) = loaded(docs, &url) {
                if let Some(first) = reached_by[id] {
                    same_dialect(docs, id, first, next, draft, diags);
                }
                continue;
            }
            let Some(path) = local_path(config, &url) else { continue };
            if !config.schema_root.join(&path).is_file() {
                continue;
            }
            let stem =
                path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let raw = match &family[next] {
                Some(prefix) => format!("{prefix}_{stem}"),
                None => stem,
            };
            let module = unique_module(docs, &crate::naming::module_name(&raw));
            let from = &docs[next].config;
            let linked = DocumentConfig {
                module: Some(module),
                path,
                root: None,
                unknown_enum_values: from.unknown_enum_values,
                rename: Default::default(),
                format_assertion: from.format_assertion,
                crate_formats: from.crate_formats,
                // Read for its schemas: its operations are not this crate's.
                operations: false,
                draft,
                builders: from.builders,
                derives: from.derives.clone(),
                // Its pointers are its own: the referrer's replacements do not apply.
                replace: Default::default(),
                inline: None,
            };
            if let Some(doc) = read_document(config, linked, Some(&url), diags) {
                docs.push(doc);
                family.push(family[next].clone());
                reached_by.push(Some(next));
            }
        }
        next = DocId::new(next.index() + 1);
    }
}

/// A linked document without `$schema` read in the draft of the document that first
/// reached it (`first`): an error where `referrer`, of another draft, reaches it too,
/// since its schemas would mean different things to each.
fn same_dialect(
    docs: &[Document],
    linked: DocId,
    first: DocId,
    referrer: DocId,
    draft: Option<Draft>,
    diags: &mut Diagnostics,
) {
    let doc = &docs[linked];
    if doc.value.get("$schema").is_some() || doc.config.draft == draft || first == referrer {
        return;
    }
    let name = |d: Option<Draft>| d.map_or("an unknown draft", Draft::label);
    diags.error(
        &doc.file,
        "",
        format!(
            "has no `$schema`, and documents of two drafts refer to it: `{}` ({}) and `{}` \
             ({}); give it a `$schema` of its own",
            docs[first].file,
            name(doc.config.draft),
            docs[referrer].file,
            name(draft)
        ),
    );
}

fn unique_module(docs: &[Document], name: &str) -> String {
    let taken = |n: &str| docs.iter().any(|d| d.config.module.as_deref() == Some(n));
    let mut candidate = name.to_owned();
    let mut i = 2;
    while taken(&candidate) {
        candidate = format!("{name}_{i}");
        i += 1;
    }
    candidate
}

/// The documents (absolute URLs, without fragment) that `doc`'s `$ref`s name, other
/// than itself and its embedded resources; a reference inside a resource resolves
/// against the resource's URI.
fn references(doc: &Document) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let resources = resources(doc);
    walk_schemas(&doc.value, &JsonPointer::root(), &mut |at, o| {
        if let Some(mut target) = o
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| innermost(&resources, at)?.uri.join(&encode_reference(r)).ok())
        {
            target.set_fragment(None);
            out.insert(target.to_string());
        }
        Descend::Yes
    });
    for r in &resources {
        out.remove(r.uri.as_str());
    }
    out
}

/// The document and fragment (`#...`) a `$ref` of document `doc` names, when that
/// document is loaded.
pub fn target_of(docs: &[Document], doc: DocId, reference: &str) -> Option<(DocId, String)> {
    if reference.starts_with('#') {
        return Some((doc, reference.to_owned()));
    }
    let mut url = Url::parse(&docs[doc].base).ok()?.join(&encode_reference(reference)).ok()?;
    let fragment = url.fragment().unwrap_or("").to_owned();
    url.set_fragment(None);
    Some((loaded(docs, url.as_str())?, format!("#{fragment}")))
}

/// The loaded document at `url` (its base, or the URL it was reached by).
fn loaded(docs: &[Document], url: &str) -> Option<DocId> {
    docs.iter().position(|d| d.base == url || d.linked.as_deref() == Some(url)).map(DocId::new)
}
