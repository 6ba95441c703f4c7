//! The xtask as a user runs it: codegen, --check, generate.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).output().expect("xtask runs")
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

#[test]
fn committed_generated_crate_passes_check() {
    let out = xtask(&["codegen", "--check"]);
    assert!(out.status.success(), "{}", text(&out));
}

#[test]
fn codegen_writes_only_changes_removes_orphans_and_check_names_stale_files() {
    let dir = tempfile::tempdir().unwrap();
    let schemas = dir.path().join("schemas");
    test_support::copy_dir(&repo().join("schemas"), &schemas);
    let config = schemas.join("codegen.toml");
    let config = config.to_str().unwrap();
    let generated = dir.path().join("generated");

    let out = xtask(&["codegen", "--config", config]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("billing-types: 2 document(s), 69 types"), "{}", text(&out));
    assert!(text(&out).contains("7 file(s) written, 0 removed"), "{}", text(&out));
    assert!(xtask(&["codegen", "--check", "--config", config]).status.success());

    // A hand edit and a leftover file make the crate stale; --check names both.
    std::fs::write(generated.join("src/openmeter.rs"), "// edited\n").unwrap();
    std::fs::write(generated.join("src/leftover.rs"), format!("// {}\n", schemagen::HEADER))
        .unwrap();
    std::fs::write(generated.join("NOTES.md"), "someone else's file\n").unwrap();
    std::fs::create_dir_all(generated.join("tests")).unwrap();
    std::fs::write(generated.join("tests/mine.rs"), "// a user's test\n").unwrap();
    std::fs::create_dir_all(generated.join("target/debug")).unwrap();
    std::fs::write(generated.join("target/debug/cache"), "build output\n").unwrap();
    let out = xtask(&["codegen", "--check", "--config", config]);
    assert!(!out.status.success());
    let t = text(&out);
    assert!(
        t.contains("src/openmeter.rs (differs)")
            && t.contains("src/leftover.rs (not generated any more)"),
        "{t}"
    );
    assert!(t.contains("run `cargo xtask codegen`"), "{t}");

    let stripe_before =
        std::fs::metadata(generated.join("src/stripe.rs")).unwrap().modified().unwrap();
    let out = xtask(&["codegen", "--config", config]);
    assert!(text(&out).contains("1 file(s) written, 1 removed"), "{}", text(&out));
    assert_eq!(
        std::fs::metadata(generated.join("src/stripe.rs")).unwrap().modified().unwrap(),
        stripe_before,
        "unchanged files are not rewritten"
    );
    assert!(!generated.join("src/leftover.rs").exists());
    for kept in ["NOTES.md", "tests/mine.rs", "target/debug/cache"] {
        assert!(
            generated.join(kept).exists(),
            "{kept}: files without the generated header are kept"
        );
    }
    let leftovers = |dir: &Path| {
        std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains("schemagen-"))
            .count()
    };
    assert_eq!(leftovers(dir.path()), 0, "the swap leaves no temporary folder");

    // A run interrupted between the two renames of the swap is repaired by the next run.
    std::fs::rename(&generated, dir.path().join(".generated.schemagen-old")).unwrap();
    std::fs::create_dir_all(dir.path().join(".generated.schemagen-new/src")).unwrap();
    let out = xtask(&["codegen", "--config", config]);
    assert!(text(&out).contains("0 file(s) written, 0 removed"), "{}", text(&out));
    assert!(xtask(&["codegen", "--check", "--config", config]).status.success());
    assert!(generated.join("tests/mine.rs").exists());
    assert_eq!(leftovers(dir.path()), 0);

    // A broken schema fails the run and leaves generated/ exactly as it was.
    let before = std::fs::read_to_string(generated.join("src/stripe.rs")).unwrap();
    let schema = schemas.join("stripe/billing_portal_session.json");
    let broken = std::fs::read_to_string(&schema).unwrap().replace(
        "\"$ref\": \"#/components/schemas/portal_features\"",
        "\"$ref\": \"#/components/schemas/missing\"",
    );
    std::fs::write(&schema, broken).unwrap();
    let out = xtask(&["codegen", "--config", config]);
    assert!(!out.status.success());
    let t = text(&out);
    assert!(t.contains("nothing was written"), "{t}");
    assert!(t.contains("stripe/billing_portal_session.json:87:21 at #/components/schemas/billing_portal.configuration/properties/features/$ref: `$ref` target `#/components/schemas/missing` does not exist"), "{t}");
    // The source around it, with the value marked.
    let snippet = [
        " 86 │           \"features\": {",
        " 87 │             \"$ref\": \"#/components/schemas/missing\"",
        "    ·                     ───────────────┬──────────────",
        "    ·                                    ╰── here",
        " 88 │           },",
    ];
    assert!(t.contains(&snippet.join("\n")), "{t}");
    assert_eq!(std::fs::read_to_string(generated.join("src/stripe.rs")).unwrap(), before);

    // A write that fails while the new crate is built (a folder where a generated file
    // goes) also leaves generated/ as it was.
    std::fs::write(
        &schema,
        std::fs::read_to_string(repo().join("schemas/stripe/billing_portal_session.json")).unwrap(),
    )
    .unwrap();
    std::fs::write(generated.join("src/stripe.rs"), "// edited\n").unwrap();
    std::fs::remove_file(generated.join("src/lib.rs")).unwrap();
    std::fs::create_dir_all(generated.join("src/lib.rs")).unwrap();
    let out = xtask(&["codegen", "--config", config]);
    assert!(!out.status.success());
    assert!(text(&out).contains("nothing was changed"), "{}", text(&out));
    assert_eq!(std::fs::read_to_string(generated.join("src/stripe.rs")).unwrap(), "// edited\n");
    assert!(generated.join("src/lib.rs").is_dir());
    assert_eq!(leftovers(dir.path()), 0);
}

#[cfg(unix)]
#[test]
fn a_second_run_waits_for_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let schemas = dir.path().join("schemas");
    test_support::copy_dir(&repo().join("schemas"), &schemas);
    let config = schemas.join("codegen.toml");
    // Hold the lock a running codegen takes on the folder that holds generated/.
    let lock = std::fs::File::open(dir.path()).unwrap();
    lock.lock().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["codegen", "--config", config.to_str().unwrap()])
        .spawn()
        .unwrap();
    // An unlocked run takes about 0.1 s.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(child.try_wait().unwrap().is_none(), "codegen did not wait for the lock");
    assert!(!dir.path().join("generated").exists());
    drop(lock);
    assert!(child.wait().unwrap().success());
    assert!(dir.path().join("generated/src/lib.rs").exists());
}

#[test]
fn generate_makes_a_standalone_crate_with_an_index() {
    let dir = tempfile::tempdir().unwrap();
    let schema = repo().join("tests/features/enums/schema.json");
    let out = xtask(&[
        "generate",
        "--schema",
        schema.to_str().unwrap(),
        "--root",
        "Settings",
        "--out",
        dir.path().to_str().unwrap(),
        "--crate-name",
        "my-settings",
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let lib = std::fs::read_to_string(dir.path().join("src/lib.rs")).unwrap();
    assert!(lib.contains("pub struct Settings {"), "{lib}");
    let manifest = std::fs::read_to_string(dir.path().join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"my-settings\""), "{manifest}");
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("schemas.json")).unwrap())
            .unwrap();
    assert_eq!(index["schema.json#"], "my_settings::Settings");
    assert_eq!(index["schema.json#/properties/mode"], "my_settings::SettingsMode");
}

/// Generates the `references` feature schema into `out` as `cargo xtask generate` does,
/// and returns the manifest it wrote.
fn generate_references(out: &Path) -> String {
    let schema = repo().join("tests/features/references/schema.json");
    let o = xtask(&[
        "generate",
        "--schema",
        schema.to_str().unwrap(),
        "--root",
        "Settings",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o));
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    let header =
        "# @generated by schemagen from the schemas. Do not edit: run `cargo xtask generate`.";
    assert!(manifest.starts_with(header), "{manifest}");
    manifest
}

fn has_own_workspace(manifest: &str) -> bool {
    manifest.lines().any(|l| l == "[workspace]")
}

/// `cargo <verb>` in `dir`, sharing one target folder with the other crates built here.
fn cargo(verb: &str, dir: &Path) -> bool {
    Command::new(env!("CARGO"))
        .args([verb, "--offline", "--quiet"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", repo().join("target/schemagen-outside"))
        .status()
        .expect("cargo runs")
        .success()
}

/// A crate generated into a folder outside any workspace builds there as it is: its
/// manifest names the runtime by a path that holds wherever the output lands.
#[test]
fn a_crate_generated_outside_the_workspace_builds() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("x");
    let manifest = generate_references(&out_dir);
    assert!(
        manifest.contains("[dependencies.schemagen-runtime]") && manifest.contains("json-schema"),
        "{manifest}"
    );
    assert!(!has_own_workspace(&manifest), "alone: no workspace table");
    std::fs::write(out_dir.join("src/main.rs"), "fn main() {\n    let s: schema_types::Settings = serde_json::from_str(r#\"{\"untyped\": {\"x-a\": []}}\"#).unwrap();\n    let errors = schema_types::Validate::validate(&s).unwrap_err();\n    assert_eq!(errors.errors()[0].keyword, \"minItems\");\n}\n").unwrap();
    assert!(
        cargo("run", &out_dir),
        "the crate generated into {} builds and validates",
        out_dir.display()
    );
}

/// Where the crate lands decides its manifest: inside this checkout (a workspace that does
/// not list it) it is a workspace of its own; inside a user's workspace that lists it it
/// is a member, as that workspace builds it. (Alone, see above.)
#[test]
fn a_crate_builds_inside_a_workspace_that_lists_it_or_not() {
    let inside = repo().join("target/placement/in-checkout");
    let _ = std::fs::remove_dir_all(&inside);
    assert!(
        has_own_workspace(&generate_references(&inside)),
        "inside the checkout: a workspace of its own"
    );
    assert!(cargo("build", &inside), "the crate generated into {} builds", inside.display());

    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path();
    std::fs::write(ws.join("Cargo.toml"), "[workspace]\nmembers = [\"types\"]\nresolver = \"2\"\n")
        .unwrap();
    assert!(
        !has_own_workspace(&generate_references(&ws.join("types"))),
        "a listed member: no workspace of its own"
    );
    assert!(cargo("build", ws), "the workspace that lists the crate builds it");
}

#[test]
fn generate_reports_unreadable_input_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\n  \"type\": \"object\",\n  \"properties\": {\n}}\n}").unwrap();
    let out_dir = dir.path().join("out");
    let out =
        xtask(&["generate", "--schema", bad.to_str().unwrap(), "--out", out_dir.to_str().unwrap()]);
    assert!(!out.status.success());
    let t = text(&out);
    assert!(t.contains("× bad.json:5:1 at #: invalid JSON: trailing characters"), "{t}");
    assert!(t.contains(" 5 │ }\n   · ┬\n   · ╰── here"), "{t}");
    assert!(!out_dir.exists(), "nothing is written");
}
