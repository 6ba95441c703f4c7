//! Where a generated crate lands decides one line of its manifest. Cargo refuses to build
//! a package inside a workspace that does not include it, so a crate generated into such
//! a folder (this repository's checkout, say) gets a workspace of its own; a crate the
//! workspace around it lists, or one with no workspace around it, gets none (a table of
//! its own would stop the enclosing workspace from taking it in).

use std::path::{Component, Path, PathBuf};

/// The table a crate at `out` needs, as manifest text to append, if any.
pub(crate) fn own_workspace(out: &Path) -> Option<&'static str> {
    needs_own_workspace(out).then_some(
        "\n# A workspace of its own: the workspace around this folder does not include it.\n\
         # To build it as a member there, list it in that workspace's `members` and regenerate.\n\
         [workspace]\n",
    )
}

/// Whether an enclosing workspace (the nearest folder above `out` whose `Cargo.toml` has
/// `[workspace]`) neither lists `out` among its members nor excludes it.
fn needs_own_workspace(out: &Path) -> bool {
    let Ok(out) = std::path::absolute(out).map(|p| normalized(&p)) else { return false };
    for dir in out.ancestors().skip(1) {
        let Ok(text) = std::fs::read_to_string(dir.join("Cargo.toml")) else { continue };
        let Ok(manifest) = text.parse::<toml::Table>() else { continue };
        let Some(workspace) = manifest.get("workspace").and_then(toml::Value::as_table) else {
            continue;
        };
        let paths = |key: &str| -> Vec<PathBuf> {
            let list = workspace.get(key).and_then(toml::Value::as_array);
            let names = list.into_iter().flatten().filter_map(toml::Value::as_str);
            names.map(|p| normalized(&dir.join(p))).collect()
        };
        let members: Vec<PathBuf> = paths("members");
        let member = members.iter().any(|pattern| matches_glob(pattern, &out));
        let excluded = paths("exclude").iter().any(|prefix| out.starts_with(prefix));
        // Cargo also takes in the path dependencies of members that lie inside the
        // workspace (checked one level deep, and for the root package).
        let manifests = members.iter().flat_map(|m| expand(m)).chain([dir.to_path_buf()]);
        let depended = manifests.into_iter().any(|m| path_dependencies(&m).contains(&out));
        let inside = depended && out.starts_with(dir);
        return !(member || excluded || inside);
    }
    false
}

/// The folders a member entry names: itself, or for a glob in its last component, the
/// matching folders beside it.
fn expand(pattern: &Path) -> Vec<PathBuf> {
    let name = pattern.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if !name.contains(['*', '?']) {
        return vec![pattern.to_path_buf()];
    }
    let parent = pattern.parent().unwrap_or(Path::new("."));
    let entries = std::fs::read_dir(parent).into_iter().flatten().flatten();
    entries.map(|e| e.path()).filter(|p| p.is_dir() && matches_glob(pattern, p)).collect()
}

/// The folders of the path dependencies (all kinds) that the package at `dir` names.
fn path_dependencies(dir: &Path) -> Vec<PathBuf> {
    let Ok(text) = std::fs::read_to_string(dir.join("Cargo.toml")) else { return Vec::new() };
    let Ok(manifest) = text.parse::<toml::Table>() else { return Vec::new() };
    ["dependencies", "dev-dependencies", "build-dependencies"]
        .iter()
        .filter_map(|k| manifest.get(*k).and_then(toml::Value::as_table))
        .flat_map(|deps| deps.values())
        .filter_map(|d| d.get("path").and_then(toml::Value::as_str))
        .map(|p| normalized(&dir.join(p)))
        .collect()
}

/// `path` without `.` and with `..` applied, as Cargo compares member paths.
fn normalized(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// A member entry (`crates/*`, `tools/gen-?`) against a path, component by component.
fn matches_glob(pattern: &Path, path: &Path) -> bool {
    let (mut p, mut q) = (pattern.components(), path.components());
    loop {
        match (p.next(), q.next()) {
            (None, None) => return true,
            (Some(a), Some(b)) => {
                let (a, b) = (a.as_os_str().to_string_lossy(), b.as_os_str().to_string_lossy());
                if !wildcard(a.as_bytes(), b.as_bytes()) {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// `*` (any run) and `?` (one byte) within one path component.
fn wildcard(pattern: &[u8], text: &[u8]) -> bool {
    match (pattern.split_first(), text.split_first()) {
        (None, None) => true,
        (Some((b'*', rest)), _) => {
            wildcard(rest, text) || (!text.is_empty() && wildcard(pattern, &text[1..]))
        }
        (Some((b'?', rest)), Some((_, more))) => wildcard(rest, more),
        (Some((a, rest)), Some((b, more))) if a == b => wildcard(rest, more),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace(dir: &Path, table: &str) {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join("Cargo.toml"), format!("[workspace]\n{table}\n")).unwrap();
    }

    #[test]
    fn a_crate_needs_a_workspace_only_inside_one_that_leaves_it_out() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        // Alone: no workspace above.
        assert!(!needs_own_workspace(&root.join("alone/types")));
        // Inside a workspace that does not list it: a workspace of its own.
        workspace(&root.join("repo"), r#"members = [".", "xtask"]"#);
        assert!(needs_own_workspace(&root.join("repo/my-types")));
        assert!(needs_own_workspace(&root.join("repo/./sub/../my-types")));
        // Listed, by name or by a glob, or excluded: none.
        workspace(&root.join("listed"), r#"members = ["crates/*", "gen-?"]"#);
        assert!(!needs_own_workspace(&root.join("listed/crates/api-types")));
        assert!(!needs_own_workspace(&root.join("listed/gen-a")));
        assert!(needs_own_workspace(&root.join("listed/gen-ab")));
        workspace(
            &root.join("excluding"),
            r#"members = []
exclude = ["vendor"]"#,
        );
        assert!(!needs_own_workspace(&root.join("excluding/vendor/types")));
        // A member's path dependency is a member too.
        workspace(&root.join("depending"), r#"members = ["app"]"#);
        std::fs::create_dir_all(root.join("depending/app")).unwrap();
        let app = "[package]\nname = \"app\"\n[dependencies]\nt = { path = \"../types\" }\n";
        std::fs::write(root.join("depending/app/Cargo.toml"), app).unwrap();
        assert!(!needs_own_workspace(&root.join("depending/types")));
        assert!(needs_own_workspace(&root.join("depending/other-types")));
    }
}
