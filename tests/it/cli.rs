//! The `schemagen` binary as a user runs it, with every document setting as a flag.

use std::path::Path;
use std::process::{Command, Output};

fn schemagen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_schemagen")).args(args).output().expect("schemagen runs")
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn generate_takes_every_document_setting_as_a_flag() {
    let dir = tempfile::tempdir().unwrap();
    let schemas = dir.path().join("schemas");
    std::fs::create_dir_all(schemas.join("vendor")).unwrap();
    std::fs::write(
        schemas.join("api.json"),
        r#"{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {},
            "components": {"schemas": {
                "pet": {"type": "object", "properties": {"kind": {"type": "string", "enum": ["cat"]}, "site": {"type": "string", "format": "uri"},
                    "owner": {"$ref": "https://schemas.example/owner.json"}}}}}}"#,
    )
    .unwrap();
    std::fs::write(schemas.join("vendor/owner.json"), r#"{"type": "string", "maxLength": 3}"#)
        .unwrap();
    let out = dir.path().join("out");
    let api = schemas.join("api.json");
    let o = schemagen(&[
        "generate",
        "--schema",
        api.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--crate-name",
        "pets",
        "--module",
        "api",
        "--rename",
        "pet=Animal",
        "--unknown-enum-values",
        "keep",
        "--format-assertion",
        "--remote",
        "https://schemas.example/=vendor/",
        "--runtime-version",
        "0.1",
    ]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("pets: 2 document(s)"),
        "--remote reads the document it names: {}",
        text(&o)
    );
    let api_rs = read(&out.join("src/api.rs"));
    assert!(api_rs.contains("pub struct Animal {"), "--rename and --module: {api_rs}");
    assert!(
        api_rs.contains("Unknown(::std::string::String)"),
        "--unknown-enum-values keep: {api_rs}"
    );
    assert!(
        api_rs.contains("pub owner: ::core::option::Option<::std::string::String>,"),
        "the value behind --remote is typed: {api_rs}"
    );
    assert!(
        api_rs.contains("crate::runtime::max_length(value, 3u64, at, errors);"),
        "and checked: {api_rs}"
    );
    assert!(
        api_rs.contains("crate::runtime::Format::new(\"uri\")"),
        "--format-assertion: {api_rs}"
    );
    let manifest = read(&out.join("Cargo.toml"));
    assert!(
        manifest.contains("[dependencies.schemagen-runtime]")
            && manifest.contains("version = \"0.1\""),
        "{manifest}"
    );

    // The same document without `--remote`: the error names the flag.
    let o = schemagen(&[
        "generate",
        "--schema",
        api.to_str().unwrap(),
        "--out",
        dir.path().join("other").to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(
        text(&o).contains("`--remote URL_PREFIX=DIR` on the command line, or `[remotes]`"),
        "{}",
        text(&o)
    );
    assert!(!dir.path().join("other").exists(), "a failed run writes nothing");

    let o = schemagen(&[
        "generate",
        "--schema",
        api.to_str().unwrap(),
        "--out",
        "x",
        "--remote",
        "no-equals-sign",
    ]);
    assert!(!o.status.success() && text(&o).contains("expected `KEY=VALUE`"), "{}", text(&o));
}

#[test]
fn codegen_and_generate_read_a_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let schemas = dir.path().join("schemas");
    test_support::copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas"), &schemas);
    let config = schemas.join("codegen.toml");
    let config = config.to_str().unwrap();
    let o = schemagen(&["codegen", "--check", "--config", config]);
    assert!(!o.status.success(), "nothing generated yet: {}", text(&o));
    assert!(
        text(&o).contains("is stale:")
            && text(&o).contains("run `schemagen codegen` and commit the result"),
        "{}",
        text(&o)
    );
    let o = schemagen(&["codegen", "--config", config]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(schemagen(&["codegen", "--check", "--config", config]).status.success());
    // The same crate as `cargo xtask codegen` makes, but for the command its header names.
    let ours = read(&dir.path().join("generated/src/lib.rs"));
    let committed = read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("generated/src/lib.rs"));
    let (header, body) = ours.split_once('\n').unwrap();
    assert!(header.ends_with("Do not edit: run `schemagen codegen`."), "{header}");
    assert_eq!(body, committed.split_once('\n').unwrap().1);

    // `generate --config` writes where `--out` says, with the configuration's settings.
    let elsewhere = dir.path().join("elsewhere");
    let o = schemagen(&[
        "generate",
        "--config",
        config,
        "--out",
        elsewhere.to_str().unwrap(),
        "--runtime-path",
        "../runtime",
    ]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(read(&elsewhere.join("Cargo.toml")).contains("name = \"billing-types\""));
}

#[test]
fn draft_names_the_dialect_of_a_document_without_schema() {
    // Before 2019-09 a `$ref` is the whole schema: `maxLength` beside it is ignored.
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("s.json");
    std::fs::write(&schema, r##"{"type": "object", "definitions": {"s": {"type": "string"}}, "properties": {"a": {"$ref": "#/definitions/s", "maxLength": 1}}}"##).unwrap();
    let lib = |draft: Option<&str>, out: &str| {
        let out = dir.path().join(out);
        let mut args = vec![
            "generate",
            "--schema",
            schema.to_str().unwrap(),
            "--root",
            "Root",
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend(draft.map(|d| ["--draft", d]).into_iter().flatten());
        let o = schemagen(&args);
        assert!(o.status.success(), "{}", text(&o));
        read(&out.join("src/lib.rs"))
    };
    assert!(
        lib(None, "latest").contains("crate::runtime::max_length("),
        "2020-12 applies the sibling"
    );
    assert!(!lib(Some("draft-07"), "draft7").contains("max_length"), "draft-07 ignores it");
    let o = schemagen(&[
        "generate",
        "--schema",
        schema.to_str().unwrap(),
        "--out",
        "x",
        "--draft",
        "draft-99",
    ]);
    assert!(!o.status.success() && text(&o).contains("draft-07"), "{}", text(&o));
}

#[test]
fn operations_are_generated_unless_turned_off() {
    let dir = tempfile::tempdir().unwrap();
    let api = dir.path().join("api.json");
    std::fs::write(
        &api,
        r#"{"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
            "paths": {"/pets": {"get": {"operationId": "listPets", "responses": {"200": {"description": "ok"}}}}},
            "components": {"schemas": {"pet": {"type": "string"}}}}"#,
    )
    .unwrap();
    for (flag, operations) in [(None, true), (Some("--no-operations"), false)] {
        let out = dir.path().join(format!("out-{operations}"));
        let mut args =
            vec!["generate", "--schema", api.to_str().unwrap(), "--out", out.to_str().unwrap()];
        args.extend(flag);
        let o = schemagen(&args);
        assert!(o.status.success(), "{}", text(&o));
        let lib = read(&out.join("src/lib.rs"));
        assert_eq!(lib.contains("pub struct ListPets"), operations, "{lib}");
        assert_eq!(lib.contains("pub fn to_request"), operations);
        assert_eq!(read(&out.join("Cargo.toml")).contains("\"http\""), operations);
    }
}
