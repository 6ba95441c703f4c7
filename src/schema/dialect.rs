//! Which language a document is written in: OpenAPI 3.0, OpenAPI 3.1, or JSON Schema of
//! one draft. The one `Draft` type of the program.

use serde::Deserialize;
use serde_json::Value;

/// The format a document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// OpenAPI 3.0: `nullable`, schemas under `components/schemas`.
    OpenApi30,
    /// OpenAPI 3.1: JSON Schema 2020-12 under `components/schemas`.
    OpenApi31,
    /// A JSON Schema document (its draft is in [`MetaSchema`]).
    JsonSchema,
}

/// A JSON Schema draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
pub enum Draft {
    /// Draft 4.
    #[serde(rename = "draft-04")]
    Draft4,
    /// Draft 6.
    #[serde(rename = "draft-06")]
    Draft6,
    /// Draft 7.
    #[serde(rename = "draft-07")]
    Draft7,
    /// 2019-09.
    #[serde(rename = "2019-09")]
    Draft2019,
    /// 2020-12.
    #[serde(rename = "2020-12")]
    Draft2020,
}

impl Draft {
    /// Its name in `codegen.toml` and in messages.
    pub fn label(self) -> &'static str {
        match self {
            Draft::Draft4 => "draft-04",
            Draft::Draft6 => "draft-06",
            Draft::Draft7 => "draft-07",
            Draft::Draft2019 => "2019-09",
            Draft::Draft2020 => "2020-12",
        }
    }

    /// The meta-schema URI a `$schema` names it by.
    pub fn meta_schema(self) -> &'static str {
        match self {
            Draft::Draft4 => "http://json-schema.org/draft-04/schema#",
            Draft::Draft6 => "http://json-schema.org/draft-06/schema#",
            Draft::Draft7 => "http://json-schema.org/draft-07/schema#",
            Draft::Draft2019 => "https://json-schema.org/draft/2019-09/schema",
            Draft::Draft2020 => "https://json-schema.org/draft/2020-12/schema",
        }
    }

    /// The draft a `$schema` value names (2020-12 without one); `None` for a dialect
    /// this program does not know.
    pub fn of_schema(schema: Option<&Value>) -> Option<Draft> {
        let Some(schema) = schema else { return Some(Draft::Draft2020) };
        let uri = schema.as_str()?.trim_end_matches('#');
        let uri = uri.strip_prefix("https://").or_else(|| uri.strip_prefix("http://"))?;
        match uri {
            "json-schema.org/draft-04/schema" => Some(Draft::Draft4),
            "json-schema.org/draft-06/schema" => Some(Draft::Draft6),
            "json-schema.org/draft-07/schema" => Some(Draft::Draft7),
            "json-schema.org/draft/2019-09/schema" => Some(Draft::Draft2019),
            "json-schema.org/draft/2020-12/schema" => Some(Draft::Draft2020),
            _ => None,
        }
    }
}

/// What a document's `$schema` (else its configured draft, else 2020-12) says about how
/// its schemas read, decided once when it is loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaSchema {
    /// The draft; `None` for a `$schema` this program does not know.
    pub draft: Option<Draft>,
    /// Draft-04 or draft-03, by any URI of theirs (a hyper-schema too).
    pub draft4_or_older: bool,
    /// The `$schema` the embedded copy of the document needs: the configured draft's,
    /// for a JSON Schema document that names none.
    pub implied: Option<&'static str>,
    /// The `$schema` value as written or implied, for messages.
    pub written: Option<Value>,
}

impl MetaSchema {
    /// Reads the meta-schema of a document: its own `$schema` wins over `configured`,
    /// which applies to JSON Schema documents only.
    pub fn of(dialect: Dialect, root: &Value, configured: Option<Draft>) -> MetaSchema {
        let own = root.get("$schema");
        let implied = match (dialect, own, configured) {
            (Dialect::JsonSchema, None, Some(draft)) => Some(draft.meta_schema()),
            _ => None,
        };
        let written = own.cloned().or_else(|| implied.map(Value::from));
        let draft4_or_older = written.as_ref().and_then(Value::as_str).is_some_and(|s| {
            s.contains("json-schema.org/draft-04/") || s.contains("json-schema.org/draft-03/")
        });
        MetaSchema { draft: Draft::of_schema(written.as_ref()), draft4_or_older, implied, written }
    }

    /// Whether `$ref` is the whole schema, its siblings ignored (draft-07 and before).
    pub fn ref_overrides_siblings(&self) -> bool {
        self.draft4_or_older || self.draft.is_some_and(|d| d <= Draft::Draft7)
    }
}
