//! The command line: `codegen [--check]` from a configuration file, and `generate` for one
//! document. The `schemagen` binary and this repository's xtask both run it.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::builder::{Builder, Error};
use crate::config::{RuntimeDependency, UnknownEnumValues};
use crate::Config;

/// What differs between the callers of the command line.
#[derive(Debug, Clone)]
pub struct Defaults {
    /// The configuration `codegen` reads without `--config`.
    pub config: PathBuf,
    /// How users run `codegen`, for the hint on a stale crate (`cargo xtask codegen`).
    pub codegen_command: String,
    /// How users run `generate` (`cargo xtask generate`), named in the header of the
    /// files of a crate it makes.
    pub generate_command: String,
}

#[derive(Parser)]
#[command(
    name = "schemagen",
    version,
    about = "Rust types, validation and mappings from JSON Schema and OpenAPI"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate the crate a configuration file (`codegen.toml`) describes.
    Codegen {
        /// Write nothing; fail and name the stale files when the crate is out of date.
        #[arg(long)]
        check: bool,
        /// The configuration file.
        #[arg(long)]
        config: Option<PathBuf>,
        #[command(flatten)]
        runtime: RuntimeArgs,
    },
    /// Generate a standalone crate from one JSON Schema or OpenAPI document (or from `--config`).
    Generate(Box<GenerateArgs>),
}

#[derive(clap::Args)]
struct GenerateArgs {
    /// The JSON Schema or OpenAPI document (JSON or YAML); its folder is the schema root.
    #[arg(long, required_unless_present = "config", conflicts_with = "config")]
    schema: Option<PathBuf>,
    /// A configuration file instead of the document settings below.
    #[arg(long)]
    config: Option<PathBuf>,
    /// For a JSON Schema document: the Rust name of its root type.
    #[arg(long)]
    root: Option<String>,
    /// Put the document's types in this module instead of the crate root.
    #[arg(long)]
    module: Option<String>,
    /// Output folder of the crate (default with `--config`: its `[crate] out`).
    #[arg(long, required_unless_present = "config")]
    out: Option<PathBuf>,
    /// Package name of the crate.
    #[arg(long, default_value = "schema-types")]
    crate_name: String,
    /// Make `format` an assertion (date-time, email, uri, uuid, ...) instead of an annotation.
    #[arg(long)]
    format_assertion: bool,
    /// With `--format-assertion`: uuid, date, ipv4, ipv6 and uri strings are the crates'
    /// types (`uuid::Uuid`, ...), which normalise what they write back.
    #[arg(long, requires = "format_assertion")]
    crate_formats: bool,
    /// For an OpenAPI document: its component schemas only, no operations.
    #[arg(long)]
    no_operations: bool,
    /// `schemars::JsonSchema` for every type, behind the crate's `schemars` feature.
    #[arg(long)]
    schemars: bool,
    /// No builders (`Type::builder()`) for the structs.
    #[arg(long)]
    no_builders: bool,
    /// Which types report every violation of a value that fails to read
    /// (`FromJson::from_json_str`): `roots` (the document's root type), `all` or `none`.
    #[arg(long, value_parser = parse_parse_checks, default_value = "roots")]
    parse_checks: crate::config::ParseChecks,
    /// `POINTER=TYPE`: the Rust type (`rust_decimal::Decimal`) that replaces the schema
    /// at the JSON pointer (or of the component); repeatable.
    #[arg(long, value_parser = parse_pair)]
    replace: Vec<(String, String)>,
    /// `NAME=VERSION`: a dependency of the generated crate, for the crates that
    /// `--derive` and `--replace` name; repeatable.
    #[arg(long, value_parser = parse_pair)]
    dependency: Vec<(String, String)>,
    /// `PATH`: one more derive for every struct, union and newtype
    /// (`schemars::JsonSchema`); repeatable.
    #[arg(long = "derive")]
    derives: Vec<String>,
    /// The JSON Schema draft of a document without `$schema`: `draft-04`, `draft-06`,
    /// `draft-07`, `2019-09` or `2020-12` (the default).
    #[arg(long, value_parser = parse_draft)]
    draft: Option<crate::config::Draft>,
    /// Enum values the schema does not list: `bypass-only` (kept for enums marked
    /// `x-stripeBypassValidation`), `keep` or `reject`.
    #[arg(long, value_parser = parse_policy, default_value = "bypass-only")]
    unknown_enum_values: UnknownEnumValues,
    /// `COMPONENT=TypeName`: the Rust name of a component (or JSON pointer); repeatable.
    #[arg(long, value_parser = parse_pair)]
    rename: Vec<(String, String)>,
    /// `URL_PREFIX=DIR`: read `$ref`s under the URL prefix from DIR, a folder inside the
    /// schema root; repeatable. Nothing is fetched from the network.
    #[arg(long, value_parser = parse_pair)]
    remote: Vec<(String, String)>,
    /// Write nothing; fail and name the stale files when the crate is out of date.
    #[arg(long)]
    check: bool,
    #[command(flatten)]
    runtime: RuntimeArgs,
}

#[derive(clap::Args)]
struct RuntimeArgs {
    /// The `schemagen-runtime` the crate depends on, by path, written as given (Cargo reads
    /// a relative path from the crate's folder). Default: the configuration's, else the
    /// absolute path of the runtime this generator was built from.
    #[arg(long, conflicts_with = "runtime_version")]
    runtime_path: Option<PathBuf>,
    /// The `schemagen-runtime` the crate depends on, by registry version.
    #[arg(long)]
    runtime_version: Option<String>,
}

impl RuntimeArgs {
    fn dependency(&self) -> Option<RuntimeDependency> {
        match (&self.runtime_path, &self.runtime_version) {
            (Some(path), _) => Some(RuntimeDependency::Path(path.clone())),
            (None, Some(version)) => Some(RuntimeDependency::Version(version.clone())),
            (None, None) => None,
        }
    }
}

/// A setting by its `codegen.toml` spelling, so that both read the same names.
fn parse_setting<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    use serde::de::IntoDeserializer;
    T::deserialize(text.into_deserializer()).map_err(|e: serde::de::value::Error| e.to_string())
}

fn parse_policy(text: &str) -> Result<UnknownEnumValues, String> {
    parse_setting(text)
}

fn parse_draft(text: &str) -> Result<crate::config::Draft, String> {
    parse_setting(text)
}

fn parse_parse_checks(text: &str) -> Result<crate::config::ParseChecks, String> {
    parse_setting(text)
}

fn parse_pair(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.is_empty() && !value.is_empty() => {
            Ok((key.to_owned(), value.to_owned()))
        }
        _ => Err(format!("expected `KEY=VALUE`, got `{text}`")),
    }
}

/// Parses the process arguments and runs the command; prints the outcome.
pub fn main(defaults: &Defaults) -> ExitCode {
    run(Cli::parse(), defaults)
}

fn run(cli: Cli, defaults: &Defaults) -> ExitCode {
    let (builder, check) = match builder(cli.command, defaults) {
        Ok(found) => found,
        Err(e) => return fail(&e, defaults),
    };
    let outcome = if check {
        builder.check().map(|generated| {
            warn(&generated);
            let out = builder.out_dir().map(|o| o.display().to_string()).unwrap_or_default();
            println!("{out} is up to date");
        })
    } else {
        builder.write().map(|report| {
            warn(&report.generated);
            println!("{report}");
        })
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e, defaults),
    }
}

fn builder(command: Command, defaults: &Defaults) -> Result<(Builder, bool), Error> {
    match command {
        Command::Codegen { check, config, runtime } => {
            let mut builder =
                Builder::from_file(&config.unwrap_or_else(|| defaults.config.clone()))?;
            if let Some(dependency) = runtime.dependency() {
                builder = builder.runtime(dependency);
            }
            builder = builder.command(&defaults.codegen_command);
            Ok((builder, check))
        }
        Command::Generate(args) => {
            let mut builder = match (&args.config, args.schema.clone().unwrap_or_default()) {
                (Some(config), _) => Builder::from_file(config)?,
                (None, schema) => {
                    let mut config = Config::single(&schema, args.root.clone(), &args.crate_name);
                    let document = &mut config.documents[0];
                    document.module = args.module.clone();
                    document.unknown_enum_values = args.unknown_enum_values;
                    document.format_assertion = args.format_assertion;
                    document.crate_formats = args.crate_formats;
                    document.operations = !args.no_operations;
                    document.builders = !args.no_builders;
                    config.krate.schemars = args.schemars;
                    config.krate.parse_checks = args.parse_checks;
                    document.derives.extend(args.derives.iter().cloned());
                    for (pointer, ty) in &args.replace {
                        let r = crate::config::Replacement::Path(ty.clone());
                        document.replace.insert(pointer.clone(), r);
                    }
                    for (name, version) in &args.dependency {
                        let spec = toml::Value::String(version.clone());
                        config.krate.dependencies.insert(name.clone(), spec);
                    }
                    document.draft = args.draft;
                    document.rename.extend(args.rename.iter().cloned());
                    config.remotes.extend(
                        args.remote
                            .iter()
                            .map(|(prefix, dir)| (prefix.clone(), PathBuf::from(dir))),
                    );
                    Builder::from_config(config)
                }
            };
            if let Some(out) = &args.out {
                builder = builder.out(out);
            }
            if let Some(dependency) = args.runtime.dependency() {
                builder = builder.runtime(dependency);
            }
            builder = builder.command(&defaults.generate_command);
            Ok((builder, args.check))
        }
    }
}

fn warn(generated: &crate::Generated) {
    for w in generated.warnings.warnings() {
        eprintln!("{w}");
    }
}

fn fail(e: &Error, defaults: &Defaults) -> ExitCode {
    eprintln!("error: {e}");
    if matches!(e, Error::Stale { .. }) {
        eprintln!("run `{}` and commit the result", defaults.codegen_command);
    }
    ExitCode::FAILURE
}
