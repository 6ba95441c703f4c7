//! Reads schema documents, confined to the schema root, and tells their dialect.

mod dynamic;
mod linked;
mod locate;
mod normalize;
mod prune;
mod refs;
mod remotes;
mod resources;

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

pub use linked::target_of;
pub use locate::{locate, locate_yaml, value_span};
pub use prune::components_closure;
pub use refs::{encode_reference, resolve_ref};
pub use remotes::{collect as collect_remotes, local_path};

use crate::config::{Config, DocumentConfig};
use crate::diag::Diagnostics;
pub use crate::ids::DocId;
use crate::schema::{Dialect, MetaSchema};

/// One parsed input document.
#[derive(Debug)]
pub struct Document {
    /// Its configuration entry.
    pub config: DocumentConfig,
    /// Its path relative to the schema root, as diagnostics print it.
    pub file: String,
    /// The source text, for line and column in diagnostics.
    pub text: String,
    /// The parsed JSON.
    pub value: Value,
    /// Its dialect.
    pub dialect: Dialect,
    /// Its draft, from its `$schema` or its configuration.
    pub meta: MetaSchema,
    /// The URI its references resolve against.
    pub base: String,
    /// The URL of a document read because another document's `$ref` names it: its
    /// schemas are lowered where referenced, and it has no root type of its own.
    pub linked: Option<String>,
    /// The document as written, where `value` has references rewritten that embedded
    /// resources gave their meaning (see [`resources`]); the embedded validator reads it.
    pub written: Option<Value>,
    /// Whether it holds dynamic references (`$dynamicRef`, `$recursiveRef`): their
    /// scope is the resources a value passes through, so its root, its embedded
    /// resources and its dynamic anchors are kept as JSON, checked from the root.
    pub dynamic_scope: bool,
    /// Where dynamic references remain in any document read: what generated checks
    /// need to resolve them in the scope a value passes through.
    pub scope: Option<dynamic::Scope>,
}

/// Reads every configured document, then the documents their `$ref`s name (see
/// [`linked`]); problems go to `diags`.
pub fn load_documents(config: &Config, diags: &mut Diagnostics) -> Vec<Document> {
    let mut docs: Vec<Document> = config
        .documents
        .iter()
        .filter_map(|doc| read_document(config, doc.clone(), None, diags))
        .collect();
    linked::load_linked(config, &mut docs, diags);
    dynamic::static_dynamic_references(&mut docs);
    dynamic::record_scopes(&mut docs);
    resources::anchor_references(&mut docs);
    docs
}

/// Reads, parses and checks one document; `reached` is the URL a `$ref` named it by.
fn read_document(
    config: &Config,
    doc: DocumentConfig,
    reached: Option<&str>,
    diags: &mut Diagnostics,
) -> Option<Document> {
    let file = doc.path.display().to_string();
    let read = match &doc.inline {
        Some(value) => serde_json::to_string_pretty(value).map_err(|e| e.to_string()),
        None => read_confined(&config.schema_root, &doc.path),
    };
    let text = match read {
        Ok(text) => text,
        Err(e) => {
            diags.error(&file, "", e);
            return None;
        }
    };
    let value = match parse_text(&file, &text) {
        Ok(v) => v,
        Err((msg, offset)) => {
            let text: Arc<str> = Arc::from(text);
            diags.error_at(&file, "", offset.map(|o| (&text, o..o + 1)), msg);
            return None;
        }
    };
    let dialect = match value.get("openapi").and_then(Value::as_str) {
        Some(v) if v.starts_with("3.0") => Dialect::OpenApi30,
        Some(v) if v.starts_with("3.1") => Dialect::OpenApi31,
        Some(v) => {
            diags.error(&file, "/openapi", format!("unsupported OpenAPI version `{v}`"));
            return None;
        }
        None => Dialect::JsonSchema,
    };
    let meta = MetaSchema::of(dialect, &value, doc.draft);
    if dialect == Dialect::JsonSchema {
        // An invalid schema would mislead both the types and the checks: refused here.
        if let Err((pointer, message)) = schemagen_runtime::meta_check(&with_schema(&value, &meta))
        {
            diags.error(
                &file,
                &pointer,
                format!("not a valid JSON Schema (by its meta-schema): {message}"),
            );
            return None;
        }
    }
    // The base URI every reference starts from: an absolute `$id`, else the URL the
    // document was reached by, else its place under the schema root.
    let base = match value.get("$id").and_then(Value::as_str) {
        Some(id) if id.contains(':') => id.trim_end_matches('#').to_owned(),
        _ => reached
            .map(str::to_owned)
            .unwrap_or_else(|| format!("json-schema:///{}", file.replace('\\', "/"))),
    };
    Some(Document {
        config: doc,
        file,
        text,
        dialect,
        meta,
        base,
        linked: reached.map(str::to_owned),
        written: None,
        dynamic_scope: resources::dynamic(&value),
        scope: None,
        value,
    })
}

/// Reads `rel` under `root`, refusing absolute paths, `..` and symlinks that leave the root.
pub fn read_confined(root: &Path, rel: &Path) -> Result<String, String> {
    let shown = rel.display();
    if rel.is_absolute()
        || rel.components().any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(format!(
            "path `{shown}` must stay inside the schema root (no absolute paths, no `..`)"
        ));
    }
    let root_real = root
        .canonicalize()
        .map_err(|e| format!("cannot open the schema root `{}`: {e}", root.display()))?;
    let real: PathBuf =
        root.join(rel).canonicalize().map_err(|e| format!("cannot read `{shown}`: {e}"))?;
    if !real.starts_with(&root_real) {
        return Err(format!("`{shown}` resolves outside the schema root"));
    }
    std::fs::read_to_string(&real).map_err(|e| format!("cannot read `{shown}`: {e}"))
}

/// Parses JSON (and, by extension, YAML) text; errors carry the byte offset.
fn parse_text(file: &str, text: &str) -> Result<Value, (String, Option<usize>)> {
    if file.ends_with(".yaml") || file.ends_with(".yml") {
        return serde_norway::from_str::<Value>(text).map_err(|e| {
            let offset = e.location().map(|l| l.index());
            (format!("invalid YAML: {e}"), offset)
        });
    }
    serde_json::from_str::<Value>(text)
        .map_err(|e| (format!("invalid JSON: {e}"), offset_of(text, e.line(), e.column())))
}

/// The byte offset of a 1-based line and column (serde_json counts columns in bytes).
fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    let start: usize = text.split_inclusive('\n').take(line.checked_sub(1)?).map(str::len).sum();
    Some((start + column.saturating_sub(1)).min(text.len()))
}

impl Document {
    /// The document as JSON Schema reads it, and the base URI it is registered under,
    /// for the generated code that validates values kept as JSON: as written, its
    /// embedded resources giving their references their meaning.
    pub fn embedded(&self) -> (Value, String) {
        let written = self.written.as_ref().unwrap_or(&self.value);
        (self.as_json_schema(written), self.base.clone())
    }

    /// The document as JSON Schema reads it, every reference resolving against the
    /// document alone (see [`resources`]): for the generator's own reading.
    pub fn resolved(&self) -> Value {
        self.as_json_schema(&self.value)
    }

    fn as_json_schema(&self, value: &Value) -> Value {
        match self.dialect {
            Dialect::OpenApi30 => normalize::normalize_openapi30(value),
            Dialect::OpenApi31 | Dialect::JsonSchema => with_schema(value, &self.meta).into_owned(),
        }
    }
}

/// Points diagnostics about a document at their value: line, column and snippet.
pub fn add_positions(docs: &[Document], diags: &mut Diagnostics) {
    let mut texts: Vec<Option<Arc<str>>> = vec![None; docs.len()];
    for d in diags.iter_mut().filter(|d| d.line_col.is_none()) {
        let Some(i) = docs.iter().position(|doc| doc.file == d.file) else { continue };
        let doc = &docs[i];
        let span = if doc.file.ends_with(".yaml") || doc.file.ends_with(".yml") {
            // The rest of the line: the inline value, or the key of a block value.
            locate_yaml(&doc.text, &d.pointer)
                .map(|o| o..o + doc.text[o..].lines().next().map_or(0, |l| l.trim_end().len()))
        } else {
            locate(&doc.text, &d.pointer).map(|o| value_span(&doc.text, o))
        };
        if let Some(span) = span {
            let text = texts[i].get_or_insert_with(|| Arc::from(doc.text.as_str()));
            d.point_at(text, span);
        }
    }
}

/// The document with the `$schema` its configuration implies, for readers that know
/// the draft only from there (the meta-schema check, the embedded validator).
fn with_schema<'a>(value: &'a Value, meta: &MetaSchema) -> std::borrow::Cow<'a, Value> {
    match (meta.implied, value) {
        (Some(uri), Value::Object(o)) => {
            let mut o = o.clone();
            o.insert("$schema".to_owned(), Value::from(uri));
            std::borrow::Cow::Owned(Value::Object(o))
        }
        _ => std::borrow::Cow::Borrowed(value),
    }
}
