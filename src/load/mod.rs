//! Reads schema documents, confined to the schema root, and tells their dialect.

mod locate;
mod normalize;
mod remotes;
mod refs;

use std::path::{Component, Path, PathBuf};

use serde_json::Value;

pub use locate::locate;
pub use remotes::collect as collect_remotes;
pub use refs::{escape_token, resolve_ref};

use crate::config::{Config, DocumentConfig};
use crate::diag::Diagnostics;

/// The dialect a document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// OpenAPI 3.0: `nullable`, schemas under `components/schemas`.
    OpenApi30,
    /// OpenAPI 3.1: JSON Schema 2020-12 under `components/schemas`.
    OpenApi31,
    /// A JSON Schema document (2020-12 or draft-07).
    JsonSchema,
}

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
}

/// Reads every configured document; problems go to `diags`.
pub fn load_documents(config: &Config, diags: &mut Diagnostics) -> Vec<Document> {
    let mut docs = Vec::new();
    for doc in &config.documents {
        let file = doc.path.display().to_string();
        let read = match &doc.inline {
            Some(value) => serde_json::to_string_pretty(value).map_err(|e| e.to_string()),
            None => read_confined(&config.schema_root, &doc.path),
        };
        let text = match read {
            Ok(text) => text,
            Err(e) => {
                diags.error(&file, "", e);
                continue;
            }
        };
        let value = match parse_text(&file, &text) {
            Ok(v) => v,
            Err((msg, line_col)) => {
                diags.error(&file, "", msg);
                if let Some(last) = diags.0.last_mut() {
                    last.line_col = line_col;
                }
                continue;
            }
        };
        let dialect = match value.get("openapi").and_then(Value::as_str) {
            Some(v) if v.starts_with("3.0") => Dialect::OpenApi30,
            Some(v) if v.starts_with("3.1") => Dialect::OpenApi31,
            Some(v) => {
                diags.error(&file, "/openapi", format!("unsupported OpenAPI version `{v}`"));
                continue;
            }
            None => Dialect::JsonSchema,
        };
        docs.push(Document { config: doc.clone(), file, text, value, dialect });
    }
    docs
}

/// Reads `rel` under `root`, refusing absolute paths, `..` and symlinks that leave the root.
pub fn read_confined(root: &Path, rel: &Path) -> Result<String, String> {
    let shown = rel.display();
    if rel.is_absolute() || rel.components().any(|c| !matches!(c, Component::Normal(_) | Component::CurDir)) {
        return Err(format!("path `{shown}` must stay inside the schema root (no absolute paths, no `..`)"));
    }
    let root_real = root
        .canonicalize()
        .map_err(|e| format!("cannot open the schema root `{}`: {e}", root.display()))?;
    let real: PathBuf = root
        .join(rel)
        .canonicalize()
        .map_err(|e| format!("cannot read `{shown}`: {e}"))?;
    if !real.starts_with(&root_real) {
        return Err(format!("`{shown}` resolves outside the schema root"));
    }
    std::fs::read_to_string(&real).map_err(|e| format!("cannot read `{shown}`: {e}"))
}

/// Parses JSON (and, by extension, YAML) text.
fn parse_text(file: &str, text: &str) -> Result<Value, (String, Option<(usize, usize)>)> {
    if file.ends_with(".yaml") || file.ends_with(".yml") {
        return serde_norway::from_str::<Value>(text).map_err(|e| {
            let loc = e.location().map(|l| (l.line(), l.column()));
            (format!("invalid YAML: {e}"), loc)
        });
    }
    serde_json::from_str::<Value>(text)
        .map_err(|e| (format!("invalid JSON: {e}"), Some((e.line(), e.column()))))
}

impl Document {
    /// The document as JSON Schema reads it, and the base URI it is registered under,
    /// for the generated code that validates values kept as JSON.
    pub fn embedded(&self) -> (Value, String) {
        let value = match self.dialect {
            Dialect::OpenApi30 => normalize::normalize_openapi30(&self.value),
            Dialect::OpenApi31 | Dialect::JsonSchema => self.value.clone(),
        };
        let base = match value.get("$id").and_then(Value::as_str) {
            Some(id) if id.contains(':') => id.trim_end_matches('#').to_owned(),
            _ => format!("json-schema:///{}", self.file.replace('\\', "/")),
        };
        (value, base)
    }
}

/// Fills in line and column of diagnostics that point into a JSON document.
pub fn add_positions(docs: &[Document], diags: &mut Diagnostics) {
    for d in diags.0.iter_mut().filter(|d| d.line_col.is_none()) {
        let Some(doc) = docs.iter().find(|doc| doc.file == d.file) else { continue };
        if doc.file.ends_with(".yaml") || doc.file.ends_with(".yml") {
            continue;
        }
        if let Some(offset) = locate(&doc.text, &d.pointer) {
            d.line_col = Some(line_col(&doc.text, offset));
        }
    }
}

/// Converts a byte offset into a 1-based line and column.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}
