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
            let config = Config::from_file(&config_path).map_err(|d| anyhow::anyhow!("{}", d.render()))?;
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
        Err(diags) => bail!("generation failed, nothing was written:\n{}", diags.render()),
    };
    for w in generated.warnings.warnings() {
        eprintln!("{w}");
    }
    if check {
        // Only the check compares: a write compares each file itself. The lock keeps a
        // run that is swapping the crate in from looking like a stale crate.
        let _lock = lock_parent(out)?;
        let stale = schemagen::stale_files(out, &generated.files);
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

/// Replaces the crate as a whole: the new tree is built in a sibling folder (new files
/// written, unchanged and foreign files hard-linked from the current crate), then swapped
/// in by two renames. A failure before the swap leaves `out` untouched; a run interrupted
/// between the renames is repaired by the next one.
fn write_crate(out: &Path, files: &[OutputFile]) -> Result<(usize, usize)> {
    let out = &out.canonicalize().unwrap_or_else(|_| out.to_path_buf());
    let (stage, old) = (sibling(out, "new"), sibling(out, "old"));
    // Two runs at once would share the staging folders: the second waits for the first.
    let _lock = lock_parent(out)?;
    recover(out, &stage, &old)?;
    let changed: Vec<&OutputFile> = files
        .iter()
        .filter(|f| std::fs::read_to_string(out.join(&f.path)).ok().as_deref() != Some(f.contents.as_str()))
        .collect();
    let expected: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    // Files without the generated header are someone else's: never removed.
    let orphans: Vec<String> = schemagen::existing_files(out)
        .into_iter()
        .filter(|f| !expected.contains(&f.as_str()) && schemagen::is_generated(&out.join(f)))
        .collect();
    if changed.is_empty() && orphans.is_empty() {
        return Ok((0, 0));
    }
    let skip: Vec<&str> = changed.iter().map(|f| f.path.as_str()).chain(orphans.iter().map(String::as_str)).collect();
    let built = build_stage(out, &stage, &changed, &skip);
    if let Err(e) = built {
        let _ = std::fs::remove_dir_all(&stage);
        return Err(e.context(format!("cannot write the new {}; nothing was changed", out.display())));
    }
    if out.exists() {
        if let Err(e) = std::fs::rename(out, &old) {
            let _ = std::fs::remove_dir_all(&stage);
            return Err(e).with_context(|| format!("cannot move {} aside (a mount point cannot be swapped); nothing was changed", out.display()));
        }
        if let Err(e) = std::fs::rename(&stage, out) {
            let _ = std::fs::rename(&old, out);
            let _ = std::fs::remove_dir_all(&stage);
            return Err(e).with_context(|| format!("cannot move the new {} into place; nothing was changed", out.display()));
        }
        if let Err(e) = std::fs::remove_dir_all(&old) {
            eprintln!("warning: cannot remove the previous crate at {}: {e}", old.display());
        }
    } else {
        std::fs::rename(&stage, out).with_context(|| format!("cannot move the new crate to {}", out.display()))?;
    }
    Ok((changed.len(), orphans.len()))
}

/// An exclusive lock on the folder that holds `out` (where the staging folders go),
/// released when dropped.
fn lock_parent(out: &Path) -> Result<std::fs::File> {
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    // Unix locks the folder itself; elsewhere a lock file beside the crate.
    let target = if cfg!(unix) { parent.to_path_buf() } else { sibling(out, "lock") };
    let file = if cfg!(unix) { std::fs::File::open(&target) } else { std::fs::File::create(&target) };
    let file = file.with_context(|| format!("cannot open {} to lock it", target.display()))?;
    file.lock().with_context(|| format!("cannot lock {}", target.display()))?;
    Ok(file)
}

/// `.generated.schemagen-new` beside `generated`.
fn sibling(out: &Path, what: &str) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".to_owned());
    out.with_file_name(format!(".{name}.schemagen-{what}"))
}

/// Restores a crate moved aside by an interrupted run and removes leftovers.
fn recover(out: &Path, stage: &Path, old: &Path) -> Result<()> {
    if old.exists() {
        if out.exists() {
            std::fs::remove_dir_all(old).with_context(|| format!("cannot remove the leftover {}", old.display()))?;
        } else {
            std::fs::rename(old, out).with_context(|| format!("cannot restore {} from {}", out.display(), old.display()))?;
        }
    }
    if stage.exists() {
        std::fs::remove_dir_all(stage).with_context(|| format!("cannot remove the leftover {}", stage.display()))?;
    }
    Ok(())
}

/// The new crate in `stage`: every file of `out` except `skip`, plus the changed files.
fn build_stage(out: &Path, stage: &Path, changed: &[&OutputFile], skip: &[&str]) -> Result<()> {
    std::fs::create_dir_all(stage).with_context(|| format!("cannot create {}", stage.display()))?;
    if out.exists() {
        mirror(out, stage, "", skip)?;
    }
    for f in changed {
        let target = stage.join(&f.path);
        std::fs::create_dir_all(target.parent().unwrap_or(stage)).with_context(|| format!("cannot create the folder of {}", f.path))?;
        std::fs::write(&target, &f.contents).with_context(|| format!("cannot write {}", f.path))?;
    }
    Ok(())
}

/// Links (or copies) every entry of `from` into `to`; `rel` is `from` relative to the crate.
fn mirror(from: &Path, to: &Path, rel: &str, skip: &[&str]) -> Result<()> {
    for entry in std::fs::read_dir(from).with_context(|| format!("cannot read {}", from.display()))? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = if rel.is_empty() { name } else { format!("{rel}/{name}") };
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        let kind = entry.file_type()?;
        if kind.is_dir() {
            std::fs::create_dir(&target)?;
            mirror(&source, &target, &rel, skip)?;
        } else if skip.contains(&rel.as_str()) {
            // Replaced by a new file, or dropped.
        } else if kind.is_symlink() {
            link_symlink(&source, &target)?;
        } else if std::fs::hard_link(&source, &target).is_err() {
            std::fs::copy(&source, &target).with_context(|| format!("cannot copy {}", source.display()))?;
        }
    }
    Ok(())
}

#[cfg(unix)]
fn link_symlink(source: &Path, target: &Path) -> Result<()> {
    Ok(std::os::unix::fs::symlink(std::fs::read_link(source)?, target)?)
}

#[cfg(not(unix))]
fn link_symlink(source: &Path, target: &Path) -> Result<()> {
    std::fs::copy(source, target).with_context(|| format!("cannot copy {}", source.display()))?;
    Ok(())
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
