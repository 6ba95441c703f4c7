//! The library API for other repositories' xtasks and build scripts: a builder over
//! [`Config`] that generates a crate and writes it all or nothing, or checks it.
//!
//! ```no_run
//! // xtask/src/main.rs of a repository that keeps its schemas in `schemas/`.
//! use schemagen::{Builder, DocumentConfig, RuntimeDependency};
//!
//! let report = Builder::new("api-types", "schemas")
//!     .document(DocumentConfig::new("openapi.yaml").module("api"))
//!     .document(DocumentConfig::new("settings.json").root("Settings").format_assertion(true))
//!     .remote("https://json.schemastore.org/", "vendor/schemastore")
//!     .runtime(RuntimeDependency::Version("0.1".to_owned()))
//!     .out("crates/api-types")
//!     .write()?;
//! println!("{report}");
//! # Ok::<(), schemagen::Error>(())
//! ```

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::{
    CrateConfig, DocumentConfig, MappingConfig, RuntimeDependency, UnknownEnumValues,
};
use crate::{Config, Diagnostics, Generated};

/// Builds a [`Config`] and runs the generator on it.
#[derive(Debug, Clone)]
pub struct Builder {
    config: Config,
    out: Option<PathBuf>,
}

/// Why a run wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The schemas, mappings or configuration have errors (drawn with their source).
    #[error("generation failed, nothing was written:\n{}", .0.render())]
    Diagnostics(Diagnostics),
    /// The output could not be written; it is unchanged.
    #[error(transparent)]
    Write(#[from] crate::write::WriteError),
    /// `check` found files that differ from what the generator produces.
    #[error("{out} is stale:\n  {}", .files.join("\n  "))]
    Stale {
        /// The output folder.
        out: PathBuf,
        /// Each stale file and why (differs, missing, not generated any more).
        files: Vec<String>,
    },
    /// No output folder was given, and the configuration names none.
    #[error("no output folder: call `out` or set `[crate] out` in the configuration")]
    NoOutput,
}

/// What a successful run did.
#[derive(Debug)]
pub struct Report {
    /// The generator's result (files, warnings, counts).
    pub generated: Generated,
    /// The crate's package name.
    pub crate_name: String,
    /// Files written (changed or new).
    pub written: usize,
    /// Generated files removed because they are not produced any more.
    pub removed: usize,
    /// Wall time of the run.
    pub elapsed: Duration,
}

impl Builder {
    /// A crate named `crate_name` from documents under `schema_root` (paths of documents,
    /// mappings and remotes are relative to it, and `$ref`s never leave it).
    pub fn new(crate_name: &str, schema_root: impl Into<PathBuf>) -> Builder {
        let config = Config {
            schema_root: schema_root.into(),
            krate: CrateConfig::named(crate_name),
            documents: Vec::new(),
            mappings: Vec::new(),
            remotes: Default::default(),
        };
        Builder { config, out: None }
    }

    /// A builder over an existing configuration (for example from [`Config::from_file`]).
    pub fn from_config(config: Config) -> Builder {
        Builder { config, out: None }
    }

    /// Reads `codegen.toml`; its `[crate] out` is the output folder unless `out` is called.
    pub fn from_file(path: &Path) -> Result<Builder, Error> {
        Config::from_file(path).map(Builder::from_config).map_err(Error::Diagnostics)
    }

    /// Adds an input document.
    pub fn document(mut self, document: DocumentConfig) -> Builder {
        self.config.documents.push(document);
        self
    }

    /// Adds a mapping file.
    pub fn mapping(mut self, path: impl Into<PathBuf>) -> Builder {
        self.config.mappings.push(MappingConfig { path: path.into() });
        self
    }

    /// Reads `$ref`s to URLs under `prefix` from `dir` (relative to the schema root).
    pub fn remote(mut self, prefix: &str, dir: impl Into<PathBuf>) -> Builder {
        self.config.remotes.insert(prefix.to_owned(), dir.into());
        self
    }

    /// The `schemagen-runtime` dependency the generated `Cargo.toml` names.
    pub fn runtime(mut self, runtime: RuntimeDependency) -> Builder {
        self.config.krate.runtime = Some(runtime);
        self
    }

    /// The package description.
    pub fn description(mut self, description: &str) -> Builder {
        self.config.krate.description = Some(description.to_owned());
        self
    }

    /// How users regenerate the crate, named in the header of every file (default
    /// `cargo xtask codegen`).
    pub fn command(mut self, command: &str) -> Builder {
        self.config.krate.command = Some(command.to_owned());
        self
    }

    /// The output folder (relative paths are relative to the current directory).
    pub fn out(mut self, out: impl Into<PathBuf>) -> Builder {
        self.out = Some(out.into());
        self
    }

    /// The configuration built so far.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Runs the generator without writing anything.
    pub fn generate(&self) -> Result<Generated, Error> {
        crate::generate(&self.config).map_err(Error::Diagnostics)
    }

    /// Generates and writes the crate: all or nothing, one run at a time.
    pub fn write(&self) -> Result<Report, Error> {
        let start = Instant::now();
        let out = self.out_dir()?;
        let generated = self.placed(&out)?;
        let (written, removed) = crate::write::write_crate(&out, &generated.files)?;
        Ok(Report {
            generated,
            crate_name: self.config.krate.name.clone(),
            written,
            removed,
            elapsed: start.elapsed(),
        })
    }

    /// Generates and compares with the output folder; writes nothing. Fails with
    /// [`Error::Stale`] naming each file that differs.
    pub fn check(&self) -> Result<Generated, Error> {
        let out = self.out_dir()?;
        let generated = self.placed(&out)?;
        let files = crate::write::stale(&out, &generated.files)?;
        if files.is_empty() {
            Ok(generated)
        } else {
            Err(Error::Stale { out, files })
        }
    }

    /// The crate as it lands in `out`: a workspace of its own where the workspace around
    /// `out` would not include it (see `placement`).
    fn placed(&self, out: &std::path::Path) -> Result<Generated, Error> {
        let mut generated = self.generate()?;
        if let Some(table) = crate::placement::own_workspace(out) {
            for file in generated.files.iter_mut().filter(|f| f.path == "Cargo.toml") {
                file.contents.push_str(table);
            }
        }
        Ok(generated)
    }

    /// The output folder: the one given, else the configuration's (relative to its root).
    pub fn out_dir(&self) -> Result<PathBuf, Error> {
        match (&self.out, &self.config.krate.out) {
            (Some(out), _) => Ok(out.clone()),
            (None, Some(out)) => Ok(self.config.schema_root.join(out)),
            (None, None) => Err(Error::NoOutput),
        }
    }
}

impl fmt::Display for Report {
    /// The summary line: counts, files written and removed, warnings, time.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.generated.stats;
        write!(
            f,
            "{}: {} document(s), {} types ({} with checks), {} value positions ({} kept as JSON, {} check(s) by the embedded validator), {} mapping(s) of {} fields; {} file(s) written, {} removed, {} warning(s), {:.0?}",
            self.crate_name,
            s.documents,
            s.types,
            s.validators,
            s.positions,
            s.kept_as_json,
            s.embedded_checks,
            s.mappings,
            s.mapped_fields,
            self.written,
            self.removed,
            self.generated.warnings.warnings().count(),
            self.elapsed
        )
    }
}

impl DocumentConfig {
    /// The document at `path` (relative to the schema root) with default settings.
    pub fn new(path: impl Into<PathBuf>) -> DocumentConfig {
        DocumentConfig {
            module: None,
            path: path.into(),
            root: None,
            unknown_enum_values: UnknownEnumValues::default(),
            rename: Default::default(),
            format_assertion: false,
            crate_formats: false,
            operations: true,
            draft: None,
            builders: true,
            derives: Vec::new(),
            replace: Default::default(),
            inline: None,
        }
    }

    /// Generates builders for the document's structs (the default) or not.
    pub fn builders(mut self, on: bool) -> DocumentConfig {
        self.builders = on;
        self
    }

    /// Replaces the schema at `pointer` (or component `name`) by the Rust type `path`.
    pub fn replace(mut self, pointer: &str, path: &str) -> DocumentConfig {
        let r = crate::config::Replacement::Path(path.to_owned());
        self.replace.insert(pointer.to_owned(), r);
        self
    }

    /// Adds a derive (a path, `schemars::JsonSchema`) to every struct, union and newtype.
    pub fn derive(mut self, path: &str) -> DocumentConfig {
        self.derives.push(path.to_owned());
        self
    }

    /// For an OpenAPI document: generate its operations too (the default) or not.
    pub fn operations(mut self, on: bool) -> DocumentConfig {
        self.operations = on;
        self
    }

    /// Puts the document's types in module `name` instead of the crate root.
    pub fn module(mut self, name: &str) -> DocumentConfig {
        self.module = Some(name.to_owned());
        self
    }

    /// For a JSON Schema document: the Rust name of its root type.
    pub fn root(mut self, name: &str) -> DocumentConfig {
        self.root = Some(name.to_owned());
        self
    }

    /// What to do with enum values the schema does not list.
    pub fn unknown_enum_values(mut self, policy: UnknownEnumValues) -> DocumentConfig {
        self.unknown_enum_values = policy;
        self
    }

    /// Names the type of component `component` (or of a JSON pointer) `name`.
    pub fn rename(mut self, component: &str, name: &str) -> DocumentConfig {
        self.rename.insert(component.to_owned(), name.to_owned());
        self
    }

    /// Makes `format` an assertion.
    pub fn format_assertion(mut self, on: bool) -> DocumentConfig {
        self.format_assertion = on;
        self
    }

    /// Where formats assert, makes uuid, date, ipv4, ipv6 and uri strings the crates' types.
    pub fn crate_formats(mut self, on: bool) -> DocumentConfig {
        self.crate_formats = on;
        self
    }

    /// Reads the document as `draft` when its `$schema` names none.
    pub fn draft(mut self, draft: crate::config::Draft) -> DocumentConfig {
        self.draft = Some(draft);
        self
    }
}

impl CrateConfig {
    /// A crate named `name` with default settings.
    pub fn named(name: &str) -> CrateConfig {
        CrateConfig {
            name: name.to_owned(),
            out: None,
            description: None,
            runtime: None,
            command: None,
            dependencies: std::collections::BTreeMap::new(),
            schemars: false,
            parse_checks: crate::config::ParseChecks::default(),
        }
    }
}
