//! One small schema per feature (tests/features/*): a snapshot of the generated code, and
//! a build of every generated crate that runs its `behaviour.rs` tests and clippy.

use std::path::{Path, PathBuf};

use schemagen::{generate, Config, Generated};

fn generate_feature(codegen: &Path) -> Generated {
    let config = Config::from_file(codegen).unwrap_or_else(|d| panic!("{d}"));
    generate(&config).unwrap_or_else(|d| panic!("{}: {d}", codegen.display()))
}

/// The generated code of a feature; the runtime's path differs between checkouts.
fn snapshot_text(generated: &Generated) -> String {
    let mut out = String::new();
    for f in &generated.files {
        let text = f.contents.replace(schemagen::BUILT_IN_RUNTIME, "<schemagen>/runtime");
        out.push_str(&format!("===== {} =====\n{}\n", f.path, text));
    }
    for w in generated.warnings.warnings() {
        out.push_str(&format!("===== warning =====\n{w}\n"));
    }
    out
}

#[test]
fn feature_snapshots() {
    insta::glob!("../features", "*/codegen.toml", |path| {
        let generated = generate_feature(path);
        insta::assert_snapshot!(snapshot_text(&generated));
    });
}

fn features_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/features")
}

/// Writes every feature crate into one scratch workspace, with its behaviour tests, then
/// runs `cargo test` (doctests included), `cargo clippy` and `cargo doc` there with
/// warnings denied.
#[test]
fn feature_crates_compile_behave_and_are_clippy_clean() {
    let mut names: Vec<_> = std::fs::read_dir(features_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    let crates: Vec<_> = names
        .iter()
        .map(|name| {
            let dir = features_dir().join(name);
            let behaviour = std::fs::read_to_string(dir.join("behaviour.rs"))
                .unwrap_or_else(|_| panic!("{name} has no behaviour.rs"));
            (name.clone(), generate_feature(&dir.join("codegen.toml")).files, behaviour)
        })
        .collect();
    let mut crates = crates;
    crates.push(shared_runtime_crate());
    let root = test_support::scratch_workspace("schemagen-features", &crates);
    let text = test_support::scratch_cargo(&root, &["test", "--workspace"]);
    assert!(
        test_support::tests_passed(&text) >= names.len(),
        "expected behaviour tests to run, output:\n{text}"
    );
    test_support::scratch_cargo(
        &root,
        &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"],
    );
    // Descriptions are Markdown: rustdoc must render them without a warning.
    test_support::scratch_cargo(&root, &["doc", "--workspace", "--no-deps"]);
}

/// A crate over two feature crates generated separately: they share one `Validate` and
/// one `ValidationErrors`, so one generic function validates both.
fn shared_runtime_crate() -> (String, Vec<schemagen::OutputFile>, String) {
    let manifest = format!(
        "[package]\nname = \"shared-runtime\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n\
         feature-newtypes = {{ path = \"../newtypes\" }}\nfeature-nullable = {{ path = \"../nullable\" }}\n\
         schemagen-runtime = {{ path = {:?} }}\nserde_json = \"1\"\n",
        schemagen::BUILT_IN_RUNTIME
    );
    let lib = "//! Validates values of separately generated crates through one function.\n\n\
        /// The pointers of every violation, whatever crate generated the type.\n\
        pub fn violations<T: schemagen_runtime::Validate>(value: &T) -> Vec<String> {\n    \
        value.validate().err().map(|e: schemagen_runtime::ValidationErrors| e.errors().iter().map(|e| e.pointer.clone()).collect()).unwrap_or_default()\n}\n";
    let behaviour = r#"use serde_json::json;
use shared_runtime::violations;

#[test]
fn one_generic_function_validates_types_of_two_crates() {
    let address: feature_newtypes::Address = serde_json::from_value(json!({ "country": "DEU", "visits": null })).unwrap();
    let note: feature_nullable::Note = serde_json::from_value(json!({ "title": "t", "body": null })).unwrap();
    assert_eq!(violations(&address), ["/country"]);
    assert!(violations(&note).is_empty());
    // The re-exported traits are the runtime's own.
    let errors: Vec<feature_nullable::ValidationErrors> = vec![feature_newtypes::Validate::validate(&address).unwrap_err()];
    assert_eq!(errors.len(), 1);
}
"#;
    let files = vec![
        schemagen::OutputFile::new("Cargo.toml", manifest),
        schemagen::OutputFile::new("src/lib.rs", lib.to_owned()),
    ];
    ("shared-runtime".to_owned(), files, behaviour.to_owned())
}

/// Untrusted names and texts create no item beyond the types the schema describes: every
/// top-level item is one of them, an impl for one of them, the runtime's re-exports or
/// its version check.
#[test]
fn adversarial_schema_creates_only_described_items() {
    let generated = generate_feature(&features_dir().join("adversarial/codegen.toml"));
    let lib = generated.files.iter().find(|f| f.path == "src/lib.rs").unwrap();
    let file = syn::parse_file(&lib.contents).expect("lib.rs parses");
    let described = [
        "ABC",
        "Self2",
        "Unnamed",
        "Result",
        "Option",
        "String",
        "Box",
        "Validate2",
        "ResultWeirdName",
        "Trojan",
        "TrojanRole",
    ];
    // Besides the described types: the builder of each described struct.
    let builder_of =
        |name: &str| name.strip_suffix("Builder").is_some_and(|t| described.contains(&t));
    let mut types = Vec::new();
    for item in &file.items {
        match item {
            syn::Item::Struct(s) if builder_of(&s.ident.to_string()) => {}
            syn::Item::Struct(s) => types.push(s.ident.to_string()),
            syn::Item::Enum(e) => types.push(e.ident.to_string()),
            syn::Item::Impl(i) => {
                let syn::Type::Path(p) = &*i.self_ty else { panic!("impl for a non-path type") };
                let name = p.path.segments.last().unwrap().ident.to_string();
                assert!(
                    described.contains(&name.as_str()) || builder_of(&name),
                    "impl for `{name}`"
                );
            }
            // The runtime version check.
            syn::Item::Const(c) => assert_eq!(c.ident, "_"),
            // The runtime's `object!`/`string_enum!`/`tagged!`, for a described type only.
            syn::Item::Macro(m) => {
                let path = m
                    .mac
                    .path
                    .segments
                    .iter()
                    .map(|s| s.ident.to_string())
                    .collect::<Vec<_>>()
                    .join("::");
                assert!(
                    [
                        "crate::runtime::object",
                        "crate::runtime::string_enum",
                        "crate::runtime::tagged"
                    ]
                    .contains(&path.as_str()),
                    "macro `{path}`"
                );
                let tokens: Vec<String> =
                    m.mac.tokens.clone().into_iter().map(|t| t.to_string()).collect();
                let name = tokens
                    .iter()
                    .take_while(|t| *t != "," && !t.starts_with('{'))
                    .filter(|t| *t != "crate" && *t != ":")
                    .last()
                    .unwrap();
                assert!(described.contains(&name.as_str()), "macro for `{name}`");
            }
            syn::Item::Use(_) => {}
            // A compiled `pattern`, named by its index.
            syn::Item::Static(s) => assert!(
                s.ident
                    .to_string()
                    .strip_prefix("PATTERN_")
                    .is_some_and(|n| n.parse::<usize>().is_ok()),
                "static `{}`",
                s.ident
            ),
            _ => panic!("an item the schema did not describe"),
        }
    }
    types.sort();
    let mut expected: Vec<String> = described.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(types, expected);
    assert!(
        !lib.contents.contains("#[allow(warnings)]\n"),
        "text from descriptions stays in doc comments"
    );
}
