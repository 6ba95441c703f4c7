//! `cargo xtask codegen [--check]` and `cargo xtask generate`: the only code that writes
//! generated files.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use schemagen::{Config, Generated, OutputFile};

#[derive(Parser)]
#[command(about = "schemagen tasks")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate `generated/` from `schemas/codegen.toml`.
    Codegen {
        /// Write nothing; fail and name the stale files when `generated/` is out of date.
        #[arg(long)]
        check: bool,
        /// The configuration file (default: `schemas/codegen.toml` of the workspace).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Generate a standalone crate from one JSON Schema or OpenAPI document.
    Generate {
        /// The JSON Schema or OpenAPI document (JSON or YAML).
        #[arg(long)]
        schema: PathBuf,
        /// For a JSON Schema document: the Rust name of its root type.
        #[arg(long)]
        root: Option<String>,
        /// Output folder of the crate.
        #[arg(long)]
        out: PathBuf,
        /// Package name of the crate.
        #[arg(long, default_value = "schema-types")]
        crate_name: String,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf()
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Codegen { check, config } => {
            let config_path = config.unwrap_or_else(|| workspace_root().join("schemas/codegen.toml"));
            let config = Config::from_file(&config_path).map_err(|d| anyhow::anyhow!("{d}"))?;
            let out = config.schema_root.join(config.krate.out.clone().unwrap_or_else(|| PathBuf::from("../generated")));
            produce(&config, &out, check)
        }
        Command::Generate { schema, root, out, crate_name } => {
            let config = Config::single(&schema, root, &crate_name);
            produce(&config, &out, false)
        }
    }
}

fn produce(config: &Config, out: &Path, check: bool) -> Result<()> {
    let start = Instant::now();
    let generated = match schemagen::generate(config) {
        Ok(g) => g,
        Err(diags) => bail!("generation failed, nothing was written:\n{diags}"),
    };
    for w in generated.warnings.warnings() {
        eprintln!("{w}");
    }
    let stale = schemagen::stale_files(out, &generated.files);
    if check {
        if stale.is_empty() {
            println!("{} is up to date", out.display());
            return Ok(());
        }
        bail!("{} is stale:\n  {}\nrun `cargo xtask codegen` and commit the result", out.display(), stale.join("\n  "));
    }
    let (written, removed) = write_crate(out, &generated.files)?;
    summary(config, &generated, written, removed, start);
    Ok(())
}

/// Writes changed files and removes orphans. Every new file is first written beside its
/// target; only when all of them are written are they renamed into place.
fn write_crate(out: &Path, files: &[OutputFile]) -> Result<(usize, usize)> {
    let changed: Vec<&OutputFile> = files
        .iter()
        .filter(|f| std::fs::read_to_string(out.join(&f.path)).ok().as_deref() != Some(f.contents.as_str()))
        .collect();
    let mut staged = Vec::new();
    for f in &changed {
        let target = out.join(&f.path);
        let temp = target.with_file_name(format!(".{}.schemagen-tmp", target.file_name().unwrap_or_default().to_string_lossy()));
        let result = std::fs::create_dir_all(target.parent().unwrap_or(out)).and_then(|()| std::fs::write(&temp, &f.contents));
        if let Err(e) = result {
            for (temp, _) in &staged {
                let _ = std::fs::remove_file(temp);
            }
            let _ = std::fs::remove_file(&temp);
            return Err(e).with_context(|| format!("cannot write {}; nothing was changed", target.display()));
        }
        staged.push((temp, target));
    }
    for (temp, target) in &staged {
        std::fs::rename(temp, target).with_context(|| format!("cannot replace {}", target.display()))?;
    }
    let expected: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut removed = 0;
    for orphan in schemagen::existing_files(out) {
        // Files without the generated header are someone else's: never removed.
        if !expected.contains(&orphan.as_str()) && schemagen::is_generated(&out.join(&orphan)) {
            std::fs::remove_file(out.join(&orphan)).with_context(|| format!("cannot remove {orphan}"))?;
            removed += 1;
        }
    }
    Ok((changed.len(), removed))
}

fn summary(config: &Config, g: &Generated, written: usize, removed: usize, start: Instant) {
    let s = g.stats;
    println!(
        "{}: {} document(s), {} types ({} with checks), {} mapping(s) of {} fields; {} file(s) written, {} removed, {} warning(s), {:.0?}",
        config.krate.name,
        s.documents,
        s.types,
        s.validators,
        s.mappings,
        s.mapped_fields,
        written,
        removed,
        g.warnings.warnings().count(),
        start.elapsed()
    );
}
