//! The `codegen.toml` model: which documents, which roots, which modules, which mappings.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diag::Diagnostics;
pub use crate::schema::Draft;

/// Everything one generation run needs. Paths are relative to `schema_root`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The folder holding the schemas; `$ref`s and mapping files stay inside it.
    #[serde(skip)]
    pub schema_root: PathBuf,
    /// The crate to generate.
    #[serde(rename = "crate")]
    pub krate: CrateConfig,
    /// Input documents, in output order.
    #[serde(default, rename = "document")]
    pub documents: Vec<DocumentConfig>,
    /// Mapping files.
    #[serde(default, rename = "mapping")]
    pub mappings: Vec<MappingConfig>,
    /// URL prefix -> local folder (relative to the schema root) for remote `$ref`s.
    #[serde(default)]
    pub remotes: BTreeMap<String, PathBuf>,
}

/// The generated crate.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrateConfig {
    /// Package name, e.g. `billing-types`.
    pub name: String,
    /// Output folder, relative to the schema root (used by the xtask only).
    #[serde(default)]
    pub out: Option<PathBuf>,
    /// One-line package description.
    #[serde(default)]
    pub description: Option<String>,
    /// The `schemagen-runtime` dependency the generated `Cargo.toml` names; by default
    /// the runtime this generator was built with, by its absolute path.
    #[serde(default)]
    pub runtime: Option<RuntimeDependency>,
    /// How users regenerate the crate, named in the header of every file; by default
    /// `cargo xtask codegen`.
    #[serde(skip)]
    pub command: Option<String>,
    /// Generate `schemars::JsonSchema` for every type, behind the crate's `schemars`
    /// feature: each type's schema is its source schema.
    #[serde(default)]
    pub schemars: bool,
    /// More dependencies of the generated crate, as `Cargo.toml` writes them
    /// (`schemars = "1"`): the crates that `derives` name.
    #[serde(default)]
    pub dependencies: BTreeMap<String, toml::Value>,
    /// Which types report every violation of a value that fails to read
    /// (`FromJson::from_json_str`): their whole schema is compiled into the crate.
    #[serde(default)]
    pub parse_checks: ParseChecks,
}

/// The types whose whole schema is compiled for [`CrateConfig::parse_checks`]; the others
/// report serde's first error, at its JSON pointer, when a value fails to read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ParseChecks {
    /// The root type of each JSON Schema document: what a configuration file is read as.
    #[default]
    Roots,
    /// Every type (for Stripe's API about half as much code again).
    All,
    /// None.
    None,
}

/// Crates a generated crate always has, or that need no dependency (`derives` may name
/// them without `[crate.dependencies]`).
const KNOWN_CRATES: [&str; 7] =
    ["std", "core", "alloc", "crate", "serde", "serde_json", "schemagen_runtime"];

impl CrateConfig {
    /// The first line of every file of the crate.
    pub fn header(&self) -> String {
        crate::render::header_line(self.command.as_deref().unwrap_or("cargo xtask codegen"))
    }
}

/// Where a generated crate finds `schemagen-runtime`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum RuntimeDependency {
    /// A path, as Cargo reads it: relative to the generated crate's folder, or absolute.
    Path(PathBuf),
    /// A version requirement on the registry's `schemagen-runtime`.
    Version(String),
}

impl RuntimeDependency {
    /// The runtime crate of the source tree this generator was built from.
    pub fn built_in() -> RuntimeDependency {
        RuntimeDependency::Path(PathBuf::from(BUILT_IN_RUNTIME))
    }
}

/// The absolute path of the runtime crate this generator was built with.
pub const BUILT_IN_RUNTIME: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/runtime");

/// What to do with an enum value the schema does not list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnknownEnumValues {
    /// Keep unknown values only for enums marked `x-stripeBypassValidation`.
    #[default]
    BypassOnly,
    /// Keep unknown values for every enum (for response types of an evolving API).
    Keep,
    /// Reject unknown values at deserialization for every enum.
    Reject,
}

/// One input document.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentConfig {
    /// Rust module of the document's types; `None` puts them at the crate root.
    #[serde(default)]
    pub module: Option<String>,
    /// Document path, relative to the schema root.
    pub path: PathBuf,
    /// For a JSON Schema document: the Rust name of its root type. OpenAPI documents
    /// generate every component schema instead.
    #[serde(default)]
    pub root: Option<String>,
    /// Enum policy for values the schema does not list.
    #[serde(default)]
    pub unknown_enum_values: UnknownEnumValues,
    /// Type name overrides, keyed by component name (or JSON pointer).
    #[serde(default)]
    pub rename: BTreeMap<String, String>,
    /// Make `format` an assertion (the specification's default is an annotation): values
    /// with a `format` are then checked for date-time, email, uri, uuid and the others.
    #[serde(default)]
    pub format_assertion: bool,
    /// Where formats assert: `uuid`, `date`, `ipv4`, `ipv6` and `uri` strings become the
    /// crates' types (`uuid::Uuid`, `chrono::NaiveDate`, `std::net`, `url::Url`), which
    /// normalise what they write back (default false: the runtime's text-keeping types).
    #[serde(default)]
    pub crate_formats: bool,
    /// For an OpenAPI document: generate its operations (requests, responses) besides
    /// its component schemas (default true).
    #[serde(default = "yes")]
    pub operations: bool,
    /// For a JSON Schema document without `$schema`: the draft to read it as (default
    /// 2020-12). A `$schema` in the document always wins.
    #[serde(default)]
    pub draft: Option<Draft>,
    /// Generate a builder (`Type::builder()`) for every struct (default true).
    #[serde(default = "yes")]
    pub builders: bool,
    /// Schemas replaced by Rust types: a JSON pointer (`#/components/schemas/Money`) or
    /// component name -> the type (`rust_decimal::Decimal`, or `{ type = "...",
    /// validate = true }` to call its `Validate`).
    #[serde(default)]
    pub replace: BTreeMap<String, Replacement>,
    /// More derives for every struct, union and newtype (`schemars::JsonSchema`); a
    /// crate they name that the generated crate does not already use goes under
    /// `[crate.dependencies]`.
    #[serde(default)]
    pub derives: Vec<String>,
    /// The document itself, for callers that hold it in memory; `path` then only names it.
    #[serde(skip)]
    pub inline: Option<serde_json::Value>,
}

impl DocumentConfig {
    /// The name mapping files and the schema index use for this document.
    pub fn key(&self) -> String {
        self.module.clone().unwrap_or_else(|| "crate".to_owned())
    }
}

/// The Rust type that replaces a schema.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Replacement {
    /// Its path; nothing more is checked.
    Path(String),
    /// Its path, and whether its `Validate` impl is called.
    Typed {
        /// Its path.
        #[serde(rename = "type")]
        path: String,
        /// Call its `Validate` impl (which it must have).
        #[serde(default)]
        validate: bool,
    },
}

impl Replacement {
    /// The type's path and whether it is validated.
    pub fn parts(&self) -> (&str, bool) {
        match self {
            Replacement::Path(path) => (path, false),
            Replacement::Typed { path, validate } => (path, *validate),
        }
    }
}

/// One mapping file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MappingConfig {
    /// Mapping file path, relative to the schema root.
    pub path: PathBuf,
}

impl Config {
    /// Checks of the configuration that no single document can make.
    pub(crate) fn check(&self, diags: &mut Diagnostics) {
        let mut seen = std::collections::BTreeSet::new();
        for doc in &self.documents {
            let key = doc.key();
            if !seen.insert(key.clone()) {
                diags.error(
                    &doc.path.display().to_string(),
                    "",
                    format!("two documents use the module `{key}`"),
                );
            }
        }
        if self.documents.is_empty() {
            diags.error("codegen.toml", "", "no `[[document]]` is configured");
        }
        let declared = |name: &str| {
            KNOWN_CRATES.contains(&name)
                || self.krate.dependencies.keys().any(|d| d.replace('-', "_") == name)
        };
        for (i, doc) in self.documents.iter().enumerate() {
            for (j, derive) in doc.derives.iter().enumerate() {
                let at = format!("/document/{i}/derives/{j}");
                match syn::parse_str::<syn::Path>(derive) {
                    Err(_) => diags.error(
                        "codegen.toml",
                        &at,
                        format!("`{derive}` is not a Rust path (`schemars::JsonSchema`)"),
                    ),
                    Ok(path) if path.segments.len() > 1 => {
                        let krate = path.segments[0].ident.to_string();
                        if !declared(&krate) {
                            diags.error("codegen.toml", &at, format!("`{derive}` names the crate `{krate}`: add it under `[crate.dependencies]` (`{krate} = \"1\"`)"));
                        }
                    }
                    Ok(_) => {}
                }
            }
        }
        for (i, doc) in self.documents.iter().enumerate() {
            if doc.crate_formats && !doc.format_assertion {
                let at = format!("/document/{i}/crate_formats");
                diags.error("codegen.toml", &at, "`crate_formats` needs `format_assertion = true`: a crate's type refuses text that a format which only annotates accepts");
            }
            for (key, r) in &doc.replace {
                let at = format!("/document/{i}/replace/{key}");
                match crate_of_type(r.parts().0) {
                    None => diags.error("codegen.toml", &at, format!("`{}` is not a Rust type path (`rust_decimal::Decimal`)", r.parts().0)),
                    Some(Some(krate)) if !declared(&krate) => diags.error("codegen.toml", &at, format!("`{}` names the crate `{krate}`: add it under `[crate.dependencies]` (`{krate} = \"1\"`)", r.parts().0)),
                    Some(_) => {}
                }
            }
        }
        for name in self.krate.dependencies.keys() {
            if ["serde", "serde_json", "schemagen-runtime"].contains(&name.as_str()) {
                diags.error(
                    "codegen.toml",
                    &format!("/crate/dependencies/{name}"),
                    format!("the generated crate already depends on `{name}`: remove it here"),
                );
            }
        }
    }

    /// Reads `codegen.toml`; the schema root is the folder that holds it.
    pub fn from_file(path: &Path) -> Result<Config, Diagnostics> {
        let file = path.display().to_string();
        let mut diags = Diagnostics::default();
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                diags.error(&file, "", format!("cannot read the configuration: {e}"));
                return Err(diags);
            }
        };
        match toml::from_str::<Config>(&text) {
            Ok(mut config) => {
                config.schema_root = path.parent().unwrap_or(Path::new(".")).to_path_buf();
                Ok(config)
            }
            Err(e) => {
                let text: std::sync::Arc<str> = std::sync::Arc::from(text);
                diags.error_at(&file, "", e.span().map(|s| (&text, s)), e.message().to_owned());
                Err(diags)
            }
        }
    }

    /// A config for one document, as `cargo xtask generate` builds it.
    pub fn single(schema: &Path, root: Option<String>, crate_name: &str) -> Config {
        // A bare file name lies in the current folder.
        let folder =
            schema.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let mut document = DocumentConfig::new(schema.file_name().unwrap_or_default());
        document.root = root;
        Config {
            schema_root: folder.to_path_buf(),
            krate: CrateConfig::named(crate_name),
            documents: vec![document],
            mappings: Vec::new(),
            remotes: BTreeMap::new(),
        }
    }
}

fn yes() -> bool {
    true
}

/// The crate a Rust type path names first (`rust_decimal` of `rust_decimal::Decimal`;
/// `None` inside for a one-segment path), or `None` when it is not a type path.
pub(crate) fn crate_of_type(path: &str) -> Option<Option<String>> {
    match syn::parse_str::<syn::Type>(path).ok()? {
        syn::Type::Path(p) if p.qself.is_none() => {
            Some((p.path.segments.len() > 1).then(|| p.path.segments[0].ident.to_string()))
        }
        _ => None,
    }
}
