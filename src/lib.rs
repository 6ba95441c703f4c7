//! schemagen: Rust types, validation and mappings generated from JSON Schema and OpenAPI.
//!
//! The pipeline runs one way: `load` (documents, `$ref`s) -> `model` (named types,
//! fields, checks, mappings) -> `emit` (serde types, `Validate`, `TryFrom`) -> `render`.
//! [`generate`] never writes files: it returns [`OutputFile`]s and diagnostics. A
//! [`Builder`] runs it and writes the crate all or nothing (or checks it), for the xtasks
//! and build scripts of other repositories; the `schemagen` binary and this repository's
//! xtask are thin callers of [`cli`].

mod builder;
#[cfg(feature = "cli")]
pub mod cli;
mod config;
mod diag;
mod emit;
mod hidden;
mod ids;
mod load;
mod lower;
mod model;
mod naming;
mod output;
mod placement;
mod render;
mod schema;
mod write;

pub use builder::{Builder, Error, Report};
pub use config::{
    Config, CrateConfig, DocumentConfig, MappingConfig, RuntimeDependency, UnknownEnumValues,
    BUILT_IN_RUNTIME,
};
pub use diag::{Diagnostic, Diagnostics, Severity, Snippet};
pub use hidden::is_hidden;
pub use output::{existing_files, is_generated, stale_files, OutputFile};
pub use render::HEADER;
pub use schema::Draft;

/// The result of a successful run.
#[derive(Debug)]
pub struct Generated {
    /// The generated crate's files, relative to its root.
    pub files: Vec<OutputFile>,
    /// Warnings: constructs the output could not express exactly.
    pub warnings: Diagnostics,
    /// Counts for the summary line.
    pub stats: Stats,
}

/// What a run produced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Input documents.
    pub documents: usize,
    /// Named types (each with a `Validate` impl).
    pub types: usize,
    /// Types whose `Validate` impl checks something.
    pub validators: usize,
    /// Mappings (`TryFrom` impls, by reference).
    pub mappings: usize,
    /// Target fields set by the mappings.
    pub mapped_fields: usize,
    /// Value positions (fields, items, map values, variants, newtypes).
    pub positions: usize,
    /// Positions kept as `serde_json::Value` where the schema states something.
    pub kept_as_json: usize,
    /// Whole-schema checks left to the embedded validator.
    pub embedded_checks: usize,
}

/// Runs the whole pipeline. Pure: reads the configured inputs, writes nothing.
pub fn generate(config: &Config) -> Result<Generated, Diagnostics> {
    let mut diags = Diagnostics::default();
    let docs = load::load_documents(config, &mut diags);
    config.check(&mut diags);
    let mut model = lower::lower(config, &docs, &mut diags);
    model.mappings = lower::lower_mappings(config, &model, &mut diags);
    load::add_positions(&docs, &mut diags);
    diags.finish();
    if diags.has_errors() {
        return Err(diags);
    }
    let census = model::Census::of(&model);
    let (files, validators) = match emit::emit(config, &model, &census) {
        Ok(emitted) => emitted,
        Err(e) => {
            diags.error("", "", e);
            return Err(diags);
        }
    };
    let stats = Stats {
        documents: docs.len(),
        types: model.types.len(),
        validators,
        mappings: model.mappings.len(),
        mapped_fields: model.mappings.iter().map(mapped_fields).sum(),
        positions: census.positions,
        kept_as_json: census.kept_as_json.len(),
        embedded_checks: census.embedded_checks(),
    };
    Ok(Generated { files, warnings: diags, stats })
}

/// The first configured document as JSON Schema reads it (an OpenAPI 3.0 document with
/// its `nullable`s rewritten), with the base URI its references resolve against: for
/// tools that check the same schemas with another validator, as the benches do.
pub fn document_as_json_schema(
    config: &Config,
) -> Result<(serde_json::Value, String), Diagnostics> {
    let mut diags = Diagnostics::default();
    let docs = load::load_documents(config, &mut diags);
    diags.finish();
    match docs.first() {
        Some(doc) if !diags.has_errors() => Ok(doc.embedded()),
        _ => Err(diags),
    }
}

/// The target fields a mapping sets, counted one per value (a struct or list built
/// field by field counts its fields).
fn mapped_fields(m: &model::Mapping) -> usize {
    let mut count = 0;
    m.each_field(&mut |f| {
        let container =
            matches!(f.from, model::FieldSource::Nested { .. } | model::FieldSource::List { .. });
        count += usize::from(!container);
    });
    count
}
