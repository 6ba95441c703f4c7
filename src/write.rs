//! Writing a generated crate: all or nothing, one run at a time. The generator itself
//! (`generate`) stays pure; this is the only code that writes generated files.

use std::path::{Path, PathBuf};

use crate::OutputFile;

/// A write that failed; nothing was changed.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct WriteError(String);

/// Adds what was being done to an I/O error.
trait Context<T> {
    fn with_context(self, what: impl FnOnce() -> String) -> Result<T, WriteError>;
}

impl<T> Context<T> for std::io::Result<T> {
    fn with_context(self, what: impl FnOnce() -> String) -> Result<T, WriteError> {
        self.map_err(|e| WriteError(format!("{}: {e}", what())))
    }
}

impl WriteError {
    fn context(self, what: String) -> WriteError {
        WriteError(format!("{what}: {}", self.0))
    }
}

/// The files of `out` that differ from `files`, read under the lock that writers hold,
/// so that a run swapping the crate in does not look like a stale crate.
pub fn stale(out: &Path, files: &[OutputFile]) -> Result<Vec<String>, WriteError> {
    let _lock = lock_parent(out)?;
    Ok(crate::stale_files(out, files))
}

/// Replaces the crate as a whole: the new tree is built in a sibling folder (new files
/// written, unchanged and foreign files hard-linked from the current crate), then swapped
/// in by two renames. A failure before the swap leaves `out` untouched; a run interrupted
/// between the renames is repaired by the next one.
pub fn write_crate(out: &Path, files: &[OutputFile]) -> Result<(usize, usize), WriteError> {
    let out = &out.canonicalize().unwrap_or_else(|_| out.to_path_buf());
    let (stage, old) = (sibling(out, "new"), sibling(out, "old"));
    // Two runs at once would share the staging folders: the second waits for the first.
    let _lock = lock_parent(out)?;
    recover(out, &stage, &old)?;
    let changed: Vec<&OutputFile> = files
        .iter()
        .filter(|f| {
            std::fs::read_to_string(out.join(&f.path)).ok().as_deref() != Some(f.contents.as_str())
        })
        .collect();
    let expected: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    // Files without the generated header are someone else's: never removed.
    let orphans: Vec<String> = crate::existing_files(out)
        .into_iter()
        .filter(|f| !expected.contains(&f.as_str()) && crate::is_generated(&out.join(f)))
        .collect();
    if changed.is_empty() && orphans.is_empty() {
        return Ok((0, 0));
    }
    let skip: Vec<&str> =
        changed.iter().map(|f| f.path.as_str()).chain(orphans.iter().map(String::as_str)).collect();
    let built = build_stage(out, &stage, &changed, &skip);
    if let Err(e) = built {
        let _ = std::fs::remove_dir_all(&stage);
        return Err(
            e.context(format!("cannot write the new {}; nothing was changed", out.display()))
        );
    }
    if out.exists() {
        if let Err(e) = std::fs::rename(out, &old) {
            let _ = std::fs::remove_dir_all(&stage);
            return Err(e).with_context(|| {
                format!(
                    "cannot move {} aside (a mount point cannot be swapped); nothing was changed",
                    out.display()
                )
            });
        }
        if let Err(e) = std::fs::rename(&stage, out) {
            let _ = std::fs::rename(&old, out);
            let _ = std::fs::remove_dir_all(&stage);
            return Err(e).with_context(|| {
                format!("cannot move the new {} into place; nothing was changed", out.display())
            });
        }
        if let Err(e) = std::fs::remove_dir_all(&old) {
            eprintln!("warning: cannot remove the previous crate at {}: {e}", old.display());
        }
    } else {
        std::fs::rename(&stage, out)
            .with_context(|| format!("cannot move the new crate to {}", out.display()))?;
    }
    Ok((changed.len(), orphans.len()))
}

/// An exclusive lock on the folder that holds `out` (where the staging folders go),
/// released when dropped.
pub fn lock_parent(out: &Path) -> Result<std::fs::File, WriteError> {
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot create {}", parent.display()))?;
    // Unix locks the folder itself; elsewhere a lock file beside the crate.
    let target = if cfg!(unix) { parent.to_path_buf() } else { sibling(out, "lock") };
    let file =
        if cfg!(unix) { std::fs::File::open(&target) } else { std::fs::File::create(&target) };
    let file = file.with_context(|| format!("cannot open {} to lock it", target.display()))?;
    file.lock().with_context(|| format!("cannot lock {}", target.display()))?;
    Ok(file)
}

/// `.generated.schemagen-new` beside `generated`.
fn sibling(out: &Path, what: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".to_owned());
    out.with_file_name(format!(".{name}.schemagen-{what}"))
}

/// Restores a crate moved aside by an interrupted run and removes leftovers.
fn recover(out: &Path, stage: &Path, old: &Path) -> Result<(), WriteError> {
    if old.exists() {
        if out.exists() {
            std::fs::remove_dir_all(old)
                .with_context(|| format!("cannot remove the leftover {}", old.display()))?;
        } else {
            std::fs::rename(old, out).with_context(|| {
                format!("cannot restore {} from {}", out.display(), old.display())
            })?;
        }
    }
    if stage.exists() {
        std::fs::remove_dir_all(stage)
            .with_context(|| format!("cannot remove the leftover {}", stage.display()))?;
    }
    Ok(())
}

/// The new crate in `stage`: every file of `out` except `skip`, plus the changed files.
fn build_stage(
    out: &Path,
    stage: &Path,
    changed: &[&OutputFile],
    skip: &[&str],
) -> Result<(), WriteError> {
    std::fs::create_dir_all(stage).with_context(|| format!("cannot create {}", stage.display()))?;
    if out.exists() {
        mirror(out, stage, "", skip)?;
    }
    for f in changed {
        let target = stage.join(&f.path);
        std::fs::create_dir_all(target.parent().unwrap_or(stage))
            .with_context(|| format!("cannot create the folder of {}", f.path))?;
        std::fs::write(&target, &f.contents).with_context(|| format!("cannot write {}", f.path))?;
    }
    Ok(())
}

/// Links (or copies) every entry of `from` into `to`; `rel` is `from` relative to the crate.
fn mirror(from: &Path, to: &Path, rel: &str, skip: &[&str]) -> Result<(), WriteError> {
    for entry in
        std::fs::read_dir(from).with_context(|| format!("cannot read {}", from.display()))?
    {
        let entry = entry.with_context(|| format!("cannot read {}", from.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = if rel.is_empty() { name } else { format!("{rel}/{name}") };
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        let kind =
            entry.file_type().with_context(|| format!("cannot read {}", source.display()))?;
        if kind.is_dir() {
            std::fs::create_dir(&target)
                .with_context(|| format!("cannot create {}", target.display()))?;
            mirror(&source, &target, &rel, skip)?;
        } else if skip.contains(&rel.as_str()) {
            // Replaced by a new file, or dropped.
        } else if kind.is_symlink() {
            link_symlink(&source, &target)?;
        } else if std::fs::hard_link(&source, &target).is_err() {
            std::fs::copy(&source, &target)
                .with_context(|| format!("cannot copy {}", source.display()))?;
        }
    }
    Ok(())
}

#[cfg(unix)]
fn link_symlink(source: &Path, target: &Path) -> Result<(), WriteError> {
    let link =
        std::fs::read_link(source).with_context(|| format!("cannot read {}", source.display()))?;
    std::os::unix::fs::symlink(link, target)
        .with_context(|| format!("cannot link {}", target.display()))
}

#[cfg(not(unix))]
fn link_symlink(source: &Path, target: &Path) -> Result<(), WriteError> {
    std::fs::copy(source, target).with_context(|| format!("cannot copy {}", source.display()))?;
    Ok(())
}
