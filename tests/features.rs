//! One small schema per feature (tests/features/*): a snapshot of the generated code, and
//! a build of every generated crate that runs its `behaviour.rs` tests and clippy.

use std::path::{Path, PathBuf};
use std::process::Command;

use schemagen::{generate, Config, Generated};

fn generate_feature(codegen: &Path) -> Generated {
    let config = Config::from_file(codegen).unwrap_or_else(|d| panic!("{d}"));
    generate(&config).unwrap_or_else(|d| panic!("{}: {d}", codegen.display()))
}

/// The generated code of a feature, without the runtime (snapshotted once, below).
fn snapshot_text(generated: &Generated) -> String {
    let mut out = String::new();
    for f in generated.files.iter().filter(|f| f.path != "src/runtime.rs") {
        out.push_str(&format!("===== {} =====\n{}\n", f.path, f.contents));
    }
    for w in generated.warnings.warnings() {
        out.push_str(&format!("===== warning =====\n{w}\n"));
    }
    out
}

#[test]
fn feature_snapshots() {
    insta::glob!("features/*/codegen.toml", |path| {
        let generated = generate_feature(path);
        insta::assert_snapshot!(snapshot_text(&generated));
    });
}

#[test]
fn runtime_snapshot() {
    let generated = generate_feature(&features_dir().join("mapping/codegen.toml"));
    let runtime = generated.files.iter().find(|f| f.path == "src/runtime.rs").expect("runtime is generated");
    insta::assert_snapshot!(runtime.contents);
}

fn features_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/features")
}

/// Writes every feature crate into one scratch workspace, with its behaviour tests, then
/// runs `cargo test` and `cargo clippy` there with warnings denied.
#[test]
fn feature_crates_compile_behave_and_are_clippy_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/schemagen-features");
    let mut members = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(features_dir()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    for name in &names {
        let dir = features_dir().join(name);
        let generated = generate_feature(&dir.join("codegen.toml"));
        let out = root.join(name);
        let _ = std::fs::remove_dir_all(&out);
        for f in &generated.files {
            let path = out.join(&f.path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, &f.contents).unwrap();
        }
        let behaviour = std::fs::read_to_string(dir.join("behaviour.rs")).unwrap_or_else(|_| panic!("{name} has no behaviour.rs"));
        std::fs::create_dir_all(out.join("tests")).unwrap();
        std::fs::write(out.join("tests/behaviour.rs"), behaviour).unwrap();
        members.push(format!("\"{name}\""));
    }
    let manifest = format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", "));
    std::fs::write(root.join("Cargo.toml"), manifest).unwrap();

    let cargo = |args: &[&str]| {
        let output = Command::new(env!("CARGO"))
            .args(args)
            .current_dir(&root)
            .env("CARGO_TARGET_DIR", root.join("target"))
            .env("RUSTFLAGS", "-D warnings")
            .output()
            .expect("cargo runs");
        let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        assert!(output.status.success(), "cargo {} failed:\n{text}", args.join(" "));
        text
    };
    let text = cargo(&["test", "--offline", "--workspace"]);
    let passed: usize = text
        .lines()
        .filter_map(|l| l.strip_prefix("test result: ok. "))
        .filter_map(|l| l.split(' ').next()?.parse::<usize>().ok())
        .sum();
    assert!(passed >= names.len(), "expected behaviour tests to run, output:\n{text}");
    cargo(&["clippy", "--offline", "--workspace", "--all-targets", "--", "-D", "warnings"]);
}
