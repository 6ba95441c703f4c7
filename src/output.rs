//! Generated files, and the comparison with what is on disk.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the generated crate's root, with `/` separators.
    pub path: String,
    /// Full contents, `\n` line endings.
    pub contents: String,
}

impl OutputFile {
    /// A file at `path` with `contents`.
    pub fn new(path: &str, contents: String) -> OutputFile {
        OutputFile { path: path.to_owned(), contents }
    }
}

/// Files under `dir` that differ from `files`, are missing, or are not generated any
/// more (orphans: files that carry the generated header but are no longer produced).
/// Files without the header belong to someone else and are never touched.
pub fn stale_files(dir: &Path, files: &[OutputFile]) -> Vec<String> {
    let mut stale = Vec::new();
    for f in files {
        match std::fs::read_to_string(dir.join(&f.path)) {
            Ok(text) if text == f.contents => {}
            Ok(_) => stale.push(format!("{} (differs)", f.path)),
            Err(_) => stale.push(format!("{} (missing)", f.path)),
        }
    }
    let expected: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for orphan in existing_files(dir) {
        if !expected.contains(orphan.as_str()) && is_generated(&dir.join(&orphan)) {
            stale.push(format!("{orphan} (not generated any more)"));
        }
    }
    stale
}

/// True when the file starts with the generated-file header.
pub fn is_generated(path: &Path) -> bool {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|text| text.lines().next().map(|l| l.contains(crate::render::HEADER)))
        .unwrap_or(false)
}

/// Every file under `dir`, relative, `/`-separated, sorted; skips `target/` and `Cargo.lock`.
pub fn existing_files(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path: PathBuf = entry.path();
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            if rel == "target" || rel == "Cargo.lock" {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.push(rel);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}
