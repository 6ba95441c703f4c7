//! The committed `generated/` crate is fresh, generation is deterministic, and bad
//! mappings are refused with errors that name the file, the key and the line.

use std::path::PathBuf;

use schemagen::{generate, stale_files, Config};

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn billing_config() -> Config {
    Config::from_file(&workspace().join("schemas/codegen.toml")).unwrap_or_else(|d| panic!("{d}"))
}

#[test]
fn generated_crate_is_fresh() {
    let generated = generate(&billing_config()).unwrap_or_else(|d| panic!("{d}"));
    let stale = stale_files(&workspace().join("generated"), &generated.files);
    assert!(
        stale.is_empty(),
        "generated/ is stale:\n  {}\nrun `cargo xtask codegen`",
        stale.join("\n  ")
    );
    assert!(generated.warnings.is_empty(), "{}", generated.warnings);
    let s = generated.stats;
    assert_eq!((s.documents, s.mappings, s.mapped_fields), (2, 3, 29));
    // Stripe: 26 components and their inline objects and enums, its operation's request
    // and responses; OpenMeter: 12 components, its operation's request and responses.
    assert_eq!(s.types, 69);
}

#[test]
fn generation_is_deterministic() {
    let config = billing_config();
    let first = generate(&config).unwrap().files;
    for _ in 0..3 {
        assert_eq!(generate(&config).unwrap().files, first);
    }
    assert!(first.iter().all(|f| !f.contents.contains('\r')), "\\n line endings only");
}

#[test]
fn stale_files_names_changed_missing_and_orphaned_files() {
    let files = generate(&billing_config()).unwrap().files;
    let dir = tempfile::tempdir().unwrap();
    for f in &files {
        let path = dir.path().join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &f.contents).unwrap();
    }
    assert_eq!(stale_files(dir.path(), &files), Vec::<String>::new());
    std::fs::write(dir.path().join("src/stripe.rs"), "// edited by hand\n").unwrap();
    std::fs::remove_file(dir.path().join("schemas.json")).unwrap();
    std::fs::write(dir.path().join("src/old.rs"), format!("// {}\n", schemagen::HEADER)).unwrap();
    std::fs::write(dir.path().join("NOTES.md"), "not generated: never reported or removed\n")
        .unwrap();
    std::fs::create_dir_all(dir.path().join("target/debug")).unwrap();
    std::fs::write(dir.path().join("target/debug/ignored"), "").unwrap();
    assert_eq!(
        stale_files(dir.path(), &files),
        [
            "schemas.json (missing)",
            "src/stripe.rs (differs)",
            "src/old.rs (not generated any more)"
        ]
    );
}

/// A copy of `schemas/` with the portal mapping replaced by `mapping`; returns the errors.
fn mapping_errors(mapping: &str) -> String {
    errors_with("mappings/portal_session.toml", mapping)
}

/// A copy of `schemas/` with `file` replaced by `text`; returns the errors.
fn errors_with(file: &str, text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    test_support::copy_dir(&workspace().join("schemas"), dir.path());
    std::fs::write(dir.path().join(file), text).unwrap();
    let config = Config::from_file(&dir.path().join("codegen.toml")).unwrap();
    match generate(&config) {
        Ok(_) => panic!("the mapping was accepted:\n{text}"),
        Err(diags) => diags.to_string(),
    }
}

const HEAD: &str = "source = \"stripe#/components/schemas/billing_portal.session\"\ntarget = \"openmeter#/components/schemas/BillingAppStripeCreateCustomerPortalSessionResult\"\nignore = { object = \"a\", customer_account = \"b\", flow = \"c\", on_behalf_of = \"d\" }\n[fields]\n";
const REST: &str = "id = { from = \"id\" }\nstripe_customer_id = { from = \"customer\" }\nconfiguration_id = { from = \"configuration\" }\nlivemode = { from = \"livemode\" }\ncreated_at = { from = \"created\" }\nreturn_url = { from = \"return_url\", if_null = \"\" }\nurl = { from = \"url\" }\n";

#[test]
fn the_real_mapping_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    test_support::copy_dir(&workspace().join("schemas"), dir.path());
    std::fs::write(
        dir.path().join("mappings/portal_session.toml"),
        format!("{HEAD}{REST}locale = {{ from = \"locale\", if_null = \"auto\" }}\n"),
    )
    .unwrap();
    generate(&Config::from_file(&dir.path().join("codegen.toml")).unwrap())
        .unwrap_or_else(|d| panic!("{d}"));
}

#[test]
fn unmapped_required_target_field_is_refused() {
    let errors = mapping_errors(&format!("{HEAD}{REST}"));
    assert_eq!(
        errors,
        "error: mappings/portal_session.toml:1:10 at #/source: source field `locale` of `BillingPortalSession` is neither mapped nor ignored: map it, or list it under `[ignore]` with the reason it is not needed\nerror: mappings/portal_session.toml:4:1 at #/fields: required target field `locale` of `BillingAppStripeCreateCustomerPortalSessionResult` is not mapped\n2 error(s), 0 warning(s)"
    );
}

#[test]
fn missing_source_path_is_refused() {
    let errors = mapping_errors(&format!(
        "{HEAD}{REST}locale = {{ from = \"url.language\", if_null = \"auto\" }}\n"
    ));
    assert!(errors.contains("mappings/portal_session.toml:12:"), "{errors}");
    assert!(errors.contains("at #/fields/locale/from: source path `url.language` goes through `url`, which is not an object"), "{errors}");
    let errors = mapping_errors(&format!("{HEAD}{REST}locale = {{ from = \"language\" }}\n"));
    assert!(
        errors.contains(
            "source path `language` does not exist: `BillingPortalSession` has no field `language`"
        ),
        "{errors}"
    );
}

#[test]
fn types_without_a_converter_are_refused() {
    let errors = mapping_errors(&format!("{HEAD}{REST}locale = {{ from = \"livemode\" }}\n"));
    assert!(
        errors.contains("cannot map `livemode` to `locale`: no converter from boolean to string"),
        "{errors}"
    );
    let errors = mapping_errors(&format!(
        "{HEAD}{}locale = {{ from = \"locale\", if_null = \"auto\" }}\n",
        REST.replace("from = \"created\"", "from = \"url\"")
    ));
    assert!(
        errors.contains("cannot map `url` to `created_at`: no converter from string to date-time"),
        "{errors}"
    );
}

#[test]
fn nullable_source_needs_if_null_and_if_null_must_fit() {
    let errors = mapping_errors(&format!("{HEAD}{REST}locale = {{ from = \"locale\" }}\n"));
    assert!(
        errors.contains(
            "source `locale` may be null or absent but target `locale` is required: give `if_null`"
        ),
        "{errors}"
    );
    let errors =
        mapping_errors(&format!("{HEAD}{REST}locale = {{ from = \"locale\", if_null = 7 }}\n"));
    assert!(
        errors.contains(
            "at #/fields/locale/if_null: `if_null` does not fit the type of target `locale`"
        ),
        "{errors}"
    );
    let errors =
        mapping_errors(&format!("{HEAD}{REST}locale = {{ from = \"id\", if_null = \"x\" }}\n"));
    assert!(errors.contains("source `id` is never null; remove `if_null`"), "{errors}");
}

#[test]
fn all_errors_of_a_run_are_reported_together() {
    let errors = mapping_errors(&format!(
        "{HEAD}id = {{ from = \"nope\" }}\nextra_field = {{ from = \"id\" }}\n"
    ));
    assert!(
        errors.contains(
            "target `BillingAppStripeCreateCustomerPortalSessionResult` has no field `extra_field`"
        ),
        "{errors}"
    );
    assert!(errors.contains("source path `nope` does not exist"), "{errors}");
    assert!(errors.contains("required target field `url`"), "{errors}");
    // And every source field left neither mapped nor ignored.
    assert!(
        errors
            .contains("source field `url` of `BillingPortalSession` is neither mapped nor ignored"),
        "{errors}"
    );
    assert!(errors.ends_with("16 error(s), 0 warning(s)"), "{errors}");
}

#[test]
fn nested_targets_must_be_objects_mapped_one_way() {
    let errors = mapping_errors(&format!(
        "{HEAD}{REST}locale = {{ from = \"locale\", if_null = \"auto\" }}\n\"url.host\" = {{ value = \"x\" }}\n"
    ));
    assert!(
        errors.contains("target field `url` is mapped both as a whole and field by field"),
        "{errors}"
    );
    let errors = mapping_errors(&format!(
        "{HEAD}{}locale = {{ from = \"locale\", if_null = \"auto\" }}\n\"url.host\" = {{ value = \"x\" }}\n",
        REST.replace("url = { from = \"url\" }\n", "")
    ));
    assert!(
        errors.contains("at #/fields/url.host: target field `url` is not an object"),
        "{errors}"
    );
}

/// OpenMeter's bug, caught: a request mapping that leaves out `locale` does not generate.
#[test]
fn a_source_field_neither_mapped_nor_ignored_is_refused() {
    let real =
        std::fs::read_to_string(workspace().join("schemas/mappings/portal_request.toml")).unwrap();
    let dropped: String =
        real.lines().filter(|l| !l.starts_with("locale =")).map(|l| format!("{l}\n")).collect();
    let errors = errors_with("mappings/portal_request.toml", &dropped);
    assert!(
        errors.contains("mappings/portal_request.toml:5:10 at #/source: source field `stripe_options.locale` of `BillingCustomerStripeCreateCustomerPortalSessionRequest` is neither mapped nor ignored"),
        "{errors}"
    );
    assert!(errors.ends_with("1 error(s), 0 warning(s)"), "{errors}");
    // Ignored with a reason, it generates; without a reason, it does not.
    let ignored = format!(
        "{dropped}[ignore]\n\"stripe_options.locale\" = \"the portal follows the browser\"\n"
    );
    let dir = tempfile::tempdir().unwrap();
    test_support::copy_dir(&workspace().join("schemas"), dir.path());
    std::fs::write(dir.path().join("mappings/portal_request.toml"), &ignored).unwrap();
    generate(&Config::from_file(&dir.path().join("codegen.toml")).unwrap())
        .unwrap_or_else(|d| panic!("{d}"));
    let errors = errors_with(
        "mappings/portal_request.toml",
        &ignored.replace("the portal follows the browser", " "),
    );
    assert!(errors.contains("give the reason `stripe_options.locale` is not mapped"), "{errors}");
    let errors = errors_with(
        "mappings/portal_request.toml",
        &format!("{real}[ignore]\n\"stripe_options.colour\" = \"x\"\n"),
    );
    assert!(
        errors.contains("`stripe_options.colour` cannot be ignored: does not exist"),
        "{errors}"
    );
}

/// The error mapping with `from` replaced by `to` (which must occur).
fn error_mapping_errors(from: &str, to: &str) -> String {
    let real =
        std::fs::read_to_string(workspace().join("schemas/mappings/portal_error.toml")).unwrap();
    assert!(real.contains(from), "{from}");
    errors_with("mappings/portal_error.toml", &real.replacen(from, to, 1))
}

#[test]
fn cases_are_checked_against_the_operation_and_the_source() {
    let cases = [
        ("response = 404", "response = 418", "at #/case/0/response: operation `create-customer-stripe-portal-session` has no response `418` (it has 201, 400, 401, 403, 404, 410, default)"),
        ("status = 500\n", "", "at #/case/2/response: response `default` carries the status it is sent with: give `status`"),
        ("status = 500\n", "status = 404\n", "at #/case/2/status: status 404 is not one that response `default` answers"),
        ("response = 404", "response = 404\nstatus = 404", "at #/case/0/status: response 404 always has status 404: remove `status`"),
        ("is = \"resource_missing\"", "is = 7", "at #/case/0/when: `is` does not fit `error.code` (string)"),
        ("{ context = \"status\", is = 400 }", "{ context = \"status\", present = true }", "at #/case/1/when: `status` is always present: `present` cannot test it"),
        ("{ context = \"status\", is = 400 }", "{ context = \"code\", is = 400 }", "at #/case/1/when: no context value `code`: declare it under `[context]`"),
        ("\"invalid_parameters.0.reason\"", "\"invalid_parameters.2.reason\"", "at #/case/1/fields/invalid_parameters.0.field: the items of `invalid_parameters.0.field` are numbered from 0 with no gaps"),
        ("\"invalid_parameters.0.reason\"", "\"invalid_parameters.1.reason\"", "at #/case/1/fields: required target field `field` of `InvalidParameter` is not mapped"),
        ("\"invalid_parameters.0.reason\"", "\"invalid_parameters.x.reason\"", "at #/case/1/fields/invalid_parameters.x.reason: `invalid_parameters.x.reason` builds an array: give each item's index and field (`items.0.id`), from 0 on"),
        ("title = { value = \"Not Found\" }\n", "", "at #/case/0/fields: required target field `title` of `BaseError` is not mapped"),
        ("\"error.type\" = ", "# ", "at #/source: source field `error.type` of `Error` is neither mapped nor ignored"),
        ("openmeter#create-customer-stripe-portal-session", "openmeter#nope", "at #/responses: document `openmeter` has no operation `nope`"),
        ("responses = ", "target = \"openmeter#/components/schemas/BaseError\"\nresponses = ", "at #/source: give exactly one of `target` (a struct) and `responses`"),
    ];
    for (from, to, expected) in cases {
        let errors = error_mapping_errors(from, to);
        assert!(errors.contains(expected), "{from} -> {to}:\n{errors}");
    }
    // A case after one that takes every value would never apply.
    let real =
        std::fs::read_to_string(workspace().join("schemas/mappings/portal_error.toml")).unwrap();
    let moved = real.replacen(
        "[[case]]\nresponse = \"default\"",
        "[[case]]\nresponse = \"default\"\n[[case]]\nresponse = 401",
        1,
    );
    let errors = errors_with("mappings/portal_error.toml", &moved);
    assert!(
        errors.contains("at #/case/3: this case never applies: case 2 has no `when`"),
        "{errors}"
    );
}

#[test]
fn unknown_documents_and_syntax_errors_are_located() {
    let errors = mapping_errors(
        "source = \"stripe#/components/schemas/nothing\"\ntarget = \"crm#\"\n[fields]\n",
    );
    assert!(errors.contains("mappings/portal_session.toml:1:10 at #/source: `stripe#/components/schemas/nothing` is not a generated type"), "{errors}");
    assert!(errors.contains("mappings/portal_session.toml:2:10 at #/target: no document `crm` (documents: stripe, openmeter)"), "{errors}");
    let errors = mapping_errors("source = \n");
    assert!(errors.starts_with("error: mappings/portal_session.toml:1:"), "{errors}");
}

/// Writes `files` into a fresh schema root and runs the generator on its codegen.toml.
fn generate_in(files: &[(&str, &str)]) -> Result<schemagen::Generated, String> {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("schemas");
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    std::fs::write(dir.path().join("outside.json"), r#"{"type": "string"}"#).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("outside.json"), root.join("link.json")).unwrap();
    let config = Config::from_file(&root.join("codegen.toml")).map_err(|d| d.to_string())?;
    generate(&config).map_err(|d| d.to_string())
}

const ONE_DOC: &str = "[crate]\nname = \"t\"\n[[document]]\npath = \"doc.json\"\nroot = \"Doc\"\n";

#[test]
fn network_references_are_refused_unless_mapped_to_local_files() {
    let doc =
        r#"{"type": "object", "properties": {"a": {"$ref": "https://schemas.example/a.json"}}}"#;
    let err = generate_in(&[("codegen.toml", ONE_DOC), ("doc.json", doc)]).unwrap_err();
    assert!(err.contains("`$ref` to `https://schemas.example/a.json` leaves the document and is not fetched from the network: map its URL prefix"), "{err}");
    // Where the document refers to it.
    assert!(err.contains("doc.json:1:40 at #/properties/a:"), "{err}");

    let mapped = format!("{ONE_DOC}[remotes]\n\"https://schemas.example/\" = \"vendor/\"\n");
    let generated = generate_in(&[
        ("codegen.toml", &mapped),
        ("doc.json", doc),
        ("vendor/a.json", r#"{"type": "integer"}"#),
    ])
    .unwrap();
    let lib = generated.files.iter().find(|f| f.path == "src/lib.rs").unwrap();
    assert!(
        lib.contents.contains("pub a: ::core::option::Option<i64>,"),
        "the value behind the mapped reference is typed:\n{}",
        lib.contents
    );
    assert_eq!(generated.stats.documents, 2, "the mapped document is read");

    let err = generate_in(&[("codegen.toml", &mapped), ("doc.json", doc)]).unwrap_err();
    assert!(err.contains("`vendor/a.json` does not exist under the schema root"), "{err}");
}

#[test]
fn a_linked_document_without_schema_reads_as_its_referrers() {
    // `$id: "#foo"` is an anchor in draft-07, a plain fragment in 2020-12.
    let remote = r##"{"definitions": {"a": {"$id": "#foo", "type": "integer"}}}"##;
    let refer = |schema: &str| {
        format!(
            r##"{{"$schema": "{schema}", "type": "object", "properties": {{"a": {{"$ref": "https://x.example/r.json#foo"}}}}}}"##
        )
    };
    let draft7 = refer("http://json-schema.org/draft-07/schema#");
    let two_docs = format!(
        "{ONE_DOC}[[document]]\npath = \"other.json\"\nroot = \"Other\"\nmodule = \"other\"\n[remotes]\n\"https://x.example/\" = \"vendor/\"\n"
    );
    let one_doc = format!("{ONE_DOC}[remotes]\n\"https://x.example/\" = \"vendor/\"\n");
    let generated = generate_in(&[
        ("codegen.toml", &one_doc),
        ("doc.json", &draft7),
        ("vendor/r.json", remote),
    ])
    .unwrap();
    let lib = generated.files.iter().find(|f| f.path == "src/lib.rs").unwrap();
    // Read as 2020-12, `#foo` names no anchor and generation fails.
    assert!(lib.contents.contains("pub a: ::core::option::Option<i64>,"), "{}", lib.contents);
    // Referrers of two drafts: which one it reads as is ambiguous.
    let newer = refer("https://json-schema.org/draft/2020-12/schema");
    let err = generate_in(&[
        ("codegen.toml", &two_docs),
        ("doc.json", &draft7),
        ("other.json", &newer),
        ("vendor/r.json", remote),
    ])
    .unwrap_err();
    assert!(
        err.contains("vendor/r.json:1:1 at #: has no `$schema`, and documents of two drafts refer to it: `doc.json` (draft-07) and `other.json` (2020-12); give it a `$schema` of its own"),
        "{err}"
    );
}

#[test]
fn input_paths_stay_inside_the_schema_root() {
    let escape = "[crate]\nname = \"t\"\n[[document]]\npath = \"../outside.json\"\n";
    let err = generate_in(&[("codegen.toml", escape)]).unwrap_err();
    assert!(err.contains("path `../outside.json` must stay inside the schema root"), "{err}");
    let absolute = "[crate]\nname = \"t\"\n[[document]]\npath = \"/etc/hostname\"\n";
    let err = generate_in(&[("codegen.toml", absolute)]).unwrap_err();
    assert!(err.contains("must stay inside the schema root"), "{err}");
    #[cfg(unix)]
    {
        let link = "[crate]\nname = \"t\"\n[[document]]\npath = \"link.json\"\n";
        let err = generate_in(&[("codegen.toml", link)]).unwrap_err();
        assert!(err.contains("`link.json` resolves outside the schema root"), "{err}");
    }
    let remote_escape = format!("{ONE_DOC}[remotes]\n\"https://x.example/\" = \"../\"\n");
    let doc = r#"{"$ref": "https://x.example/outside.json"}"#;
    let err = generate_in(&[("codegen.toml", &remote_escape), ("doc.json", doc)]).unwrap_err();
    assert!(err.contains("must stay inside the schema root"), "{err}");
}

#[test]
fn huge_enums_and_reference_cycles_end_in_code_or_a_clean_error() {
    let values: Vec<String> = (0..10_000).map(|i| format!("v{i}")).collect();
    let doc = serde_json::json!({ "type": "string", "enum": values }).to_string();
    let generated = generate_in(&[("codegen.toml", ONE_DOC), ("doc.json", &doc)]).unwrap();
    let lib = generated.files.iter().find(|f| f.path == "src/lib.rs").unwrap();
    assert!(lib.contents.contains("V9999,"));

    // A cycle through a struct is recursion (boxed); a cycle of plain aliases constrains
    // nothing a type can hold: kept as JSON, with a warning.
    let tree = r##"{"type": "object", "properties": {"next": {"$ref": "#"}}}"##;
    let generated = generate_in(&[("codegen.toml", ONE_DOC), ("doc.json", tree)]).unwrap();
    let lib = generated.files.iter().find(|f| f.path == "src/lib.rs").unwrap();
    assert!(lib.contents.contains("::std::boxed::Box<crate::Doc>"), "{}", lib.contents);
    let cycle = r##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "type": "object", "properties": {"x": {"$ref": "#/$defs/a"}}}"##;
    let generated = generate_in(&[("codegen.toml", ONE_DOC), ("doc.json", cycle)]).unwrap();
    let lib = generated.files.iter().find(|f| f.path == "src/lib.rs").unwrap();
    assert!(lib.contents.contains("pub struct A(pub ::serde_json::Value);"), "{}", lib.contents);
    assert!(generated
        .warnings
        .warnings()
        .any(|w| w.message.contains("a `$ref` loop that never descends into the value")));
}

#[test]
fn const_in_openapi_30_is_enforced_with_a_warning() {
    let doc = r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
        "components": {"schemas": {"Pet": {"type": "object", "properties": {"kind": {"type": "string", "const": "cat"}}}}}}"#;
    let generated = generate_in(&[
        ("codegen.toml", "[crate]\nname = \"t\"\n[[document]]\npath = \"doc.json\"\n"),
        ("doc.json", doc),
    ])
    .unwrap();
    let warnings: Vec<String> = generated.warnings.warnings().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains(
            "#/components/schemas/Pet/properties/kind/const: `const` is not an OpenAPI 3.0 keyword"
        ),
        "{warnings:?}"
    );
    let lib = &generated.files.iter().find(|f| f.path == "src/lib.rs").unwrap().contents;
    assert!(lib.contains("enum PetKind"), "{lib}");
}

#[test]
fn yaml_and_toml_diagnostics_are_located_and_drawn() {
    let yaml = "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths: {}\ncomponents:\n  schemas:\n    Pet:\n      type: object\n      properties:\n        owner:\n          $ref: '#/components/schemas/Nobody'\n        tags:\n          type: array\n          items:\n            - type: string\n";
    let config = "[crate]\nname = \"t\"\n\n[[document]]\nmodule = \"api\"\npath = \"api.yaml\"\n";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("api.yaml"), yaml).unwrap();
    std::fs::write(dir.path().join("codegen.toml"), config).unwrap();
    let diags =
        generate(&Config::from_file(&dir.path().join("codegen.toml")).unwrap()).unwrap_err();
    let text = diags.render();
    assert!(text.contains("× api.yaml:12:17 at #/components/schemas/Pet/properties/owner/$ref: `$ref` target `#/components/schemas/Nobody` does not exist"), "{text}");
    let snippet = [
        "11 │         owner:",
        " 12 │           $ref: '#/components/schemas/Nobody'",
        "    ·                 ──────────────┬──────────────",
        "    ·                               ╰── here",
    ];
    assert!(text.contains(&snippet.join("\n")), "{text}");
    assert!(
        text.contains(
            "⚠ api.yaml:13:9 at #/components/schemas/Pet/properties/tags: `items` as an array"
        ),
        "{text}"
    );

    std::fs::write(dir.path().join("codegen.toml"), "[crate]\nname = 7\n").unwrap();
    let text = Config::from_file(&dir.path().join("codegen.toml")).unwrap_err().render();
    assert!(
        text.contains("codegen.toml:2:8 at #: invalid type: integer `7`, expected a string"),
        "{text}"
    );
    assert!(text.contains(" 2 │ name = 7\n   ·        ┬\n   ·        ╰── here"), "{text}");
}

/// Bidirectional controls and other hidden characters in schema text reach no output
/// file and no terminal raw: docs and messages show them escaped, JSON keeps them exact.
#[test]
fn hidden_characters_never_reach_output_or_terminals_raw() {
    let raw = |text: &str| text.chars().find(|&c| schemagen::is_hidden(c));
    let config = "[crate]\nname = \"t\"\ndescription = \"types \\u202E reversed\"\n[[document]]\npath = \"api.json\"\n";
    let doc = r#"{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {},
        "components": {"schemas": {"Role\u202E": {"type": "string", "description": "a \u2066 b", "enum": ["x\u2067"]}}}}"#;
    let generated = generate_in(&[("codegen.toml", config), ("api.json", doc)]).unwrap();
    for f in &generated.files {
        assert_eq!(raw(&f.contents), None, "{} carries a hidden character raw", f.path);
    }
    let text =
        |path: &str| generated.files.iter().find(|f| f.path == path).unwrap().contents.clone();
    assert!(text("Cargo.toml").contains(r"types \u{202E} reversed"), "{}", text("Cargo.toml"));
    assert!(text("src/lib.rs").contains("/// a \\u{2066} b"), "{}", text("src/lib.rs"));
    let index: serde_json::Value = serde_json::from_str(&text("schemas.json")).unwrap();
    assert!(
        index.get("api.json#/components/schemas/Role\u{202E}").is_some(),
        "the index keeps the exact pointer: {index}"
    );

    // A located error whose message and snippet hold hidden characters.
    let bad = "{\"type\": \"object\", \"properties\": {\"a\\u202Eb\": {\"$ref\": \"#/$defs/\u{2066}missing\"}}}";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("doc.json"), bad).unwrap();
    std::fs::write(dir.path().join("codegen.toml"), ONE_DOC).unwrap();
    let diags =
        generate(&Config::from_file(&dir.path().join("codegen.toml")).unwrap()).unwrap_err();
    for shown in [diags.render(), diags.to_string()] {
        assert_eq!(raw(&shown), None, "{shown}");
        assert!(shown.contains("#/$defs/\\u{2066}missing"), "{shown}");
    }
    // The marker still sits under the `$ref` value, after the escape.
    let drawn = diags.render();
    let line = drawn.lines().find(|l| l.contains("\"$ref\"")).unwrap();
    let marker = drawn.lines().find(|l| l.contains('┬')).unwrap();
    let value_at = line.find("\"#/$defs/").unwrap();
    assert_eq!(
        marker.chars().position(|c| c == '─'),
        line[..value_at].chars().count().into(),
        "{drawn}"
    );
}

/// A schema the generator accepts validates at run time: what the embedded validator
/// would refuse on first use is a located error now.
#[test]
fn schemas_the_runtime_cannot_compile_are_refused_at_generation() {
    let missing = r##"{"type": "object", "properties": {"a": {"type": "object", "patternProperties": {"^x": {"$ref": "#/$defs/nothing"}}}}}"##;
    let err = generate_in(&[("codegen.toml", ONE_DOC), ("doc.json", missing)]).unwrap_err();
    assert!(err.contains("doc.json:1:40 at #/properties/a: the validator that checks this value at run time cannot compile its schema"), "{err}");
    let pattern =
        r#"{"type": "object", "properties": {"a": {"type": "string", "pattern": "(unclosed"}}}"#;
    let err = generate_in(&[("codegen.toml", ONE_DOC), ("doc.json", pattern)]).unwrap_err();
    assert!(err.contains("doc.json:1:70 at #/properties/a/pattern: `pattern` is not an ECMA-262 regular expression the validator can compile"), "{err}");
    // Lenient spellings resolve; a target that does not exist is still an error.
    let lenient = r##"{"type": "object", "properties": {"a": {"$ref": "#/$defs/List<T>"}, "b": {"$ref": "#/$defs/nope<T>"}}, "$defs": {"List<T>": {"type": "string"}}}"##;
    let err = generate_in(&[("codegen.toml", ONE_DOC), ("doc.json", lenient)]).unwrap_err();
    assert!(
        err.contains("at #/properties/b/$ref: `$ref` target `#/$defs/nope<T>` does not exist")
            && !err.contains("properties/a"),
        "{err}"
    );
}

/// A typed part whose lowering fails (here: a malformed expandable field inside it) leaves
/// nothing behind: the value stays JSON, and a component it reached keeps its own name.
#[test]
fn a_failed_typed_part_is_undone_whole() {
    let doc = r##"{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {},
        "components": {"schemas": {
            "A": {"type": "object", "propertyNames": {"maxLength": 3}, "properties": {"b": {"$ref": "#/components/schemas/B"},
                "p": {"anyOf": [{"type": "integer"}, {"type": "boolean"}], "x-expansionResources": {}}}},
            "B": {"type": "object", "properties": {"n": {"type": "string"}}}}}}"##;
    let generated = generate_in(&[
        ("codegen.toml", "[crate]\nname = \"t\"\n[[document]]\npath = \"api.json\"\n"),
        ("api.json", doc),
    ])
    .unwrap();
    let index: serde_json::Value = serde_json::from_str(
        &generated.files.iter().find(|f| f.path == "schemas.json").unwrap().contents,
    )
    .unwrap();
    assert_eq!(
        index,
        serde_json::json!({ "api.json#/components/schemas/A": "t::A", "api.json#/components/schemas/B": "t::B" })
    );
    let lib = &generated.files.iter().find(|f| f.path == "src/lib.rs").unwrap().contents;
    assert!(
        lib.contains("pub struct A(pub ::serde_json::Value);")
            && lib.contains("pub struct B {")
            && !lib.contains("Inline"),
        "{lib}"
    );
}

#[test]
fn parameters_of_unsupported_places_and_styles_are_located_errors() {
    let api = r#"{"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
  "paths": {"/pets/{id}": {"get": {
    "parameters": [
      {"name": "session", "in": "cookie", "schema": {"type": "string"}},
      {"name": "id", "in": "path", "required": true, "style": "matrix", "schema": {"type": "string"}},
      {"name": "tags", "in": "query", "style": "pipeDelimited", "schema": {"type": "array", "items": {"type": "string"}}}
    ],
    "responses": {"2YY": {"description": "no such status"}}}}}}"#;
    let codegen = "[crate]\nname = \"t\"\n[[document]]\npath = \"api.json\"\n";
    let errors = generate_in(&[("codegen.toml", codegen), ("api.json", api)]).unwrap_err();
    for expected in [
        "api.json:4:7 at #/paths/~1pets~1{id}/get/parameters/0: parameter `session` in `cookie`: only path, query and header parameters are supported",
        "at #/paths/~1pets~1{id}/get/parameters/1/style: parameter `id`: style `matrix` is not supported yet",
        "at #/paths/~1pets~1{id}/get/parameters/2/style: parameter `tags`: style `pipeDelimited` is not supported yet",
        "at #/paths/~1pets~1{id}/get/responses/2YY: `2YY` is not a status code, a range such as `2XX`, or `default`",
    ] {
        assert!(errors.contains(expected), "{expected}\n{errors}");
    }
}

#[test]
fn replacements_derives_and_their_crates() {
    let doc = r##"{"type": "object", "properties": {
        "m": {"$ref": "#/$defs/money"},
        "n": {"type": "number", "x-rust-type": {"crate": "rust_decimal", "version": "1.36", "path": "rust_decimal::Decimal"}}
    }, "$defs": {"money": {"type": "string"}}}"##;
    let with = |extra: &str, doc: &str| {
        generate_in(&[("codegen.toml", &format!("{ONE_DOC}{extra}")), ("doc.json", doc)])
    };
    let generated = with(
        "derives = [\"serde_with::SerializeDisplay\"]\n[document.replace]\nmoney = \"my_money::Money\"\n[crate.dependencies]\nmy_money = \"0.3\"\nserde_with = \"3\"\n",
        doc,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let file =
        |path: &str| generated.files.iter().find(|f| f.path == path).unwrap().contents.clone();
    let (manifest, lib) = (file("Cargo.toml"), file("src/lib.rs"));
    for dependency in ["my_money = \"0.3\"", "serde_with = \"3\"", "rust_decimal = \"1.36\""] {
        assert!(manifest.contains(dependency), "{dependency}:\n{manifest}");
    }
    assert!(lib.contains("pub m: ::core::option::Option<my_money::Money>"), "{lib}");
    assert!(lib.contains("pub n: ::core::option::Option<rust_decimal::Decimal>"), "{lib}");
    assert!(lib.contains("serde_with::SerializeDisplay"), "{lib}");
    assert!(!lib.contains("pub struct Money"), "a replaced schema has no type of its own");

    let errors = [
        ("[document.replace]\nnothing = \"String\"\n", doc, "doc.json:1:1 at #: `replace` names `nothing`, which is no schema of this document"),
        ("[document.replace]\nmoney = \"not a type!\"\n", doc, "codegen.toml at #/document/0/replace/money: `not a type!` is not a Rust type path"),
        ("[document.replace]\nmoney = \"my_money::Money\"\n", doc, "`my_money::Money` names the crate `my_money`: add it under `[crate.dependencies]`"),
        ("derives = [\"schemars::JsonSchema\"]\n", doc, "codegen.toml at #/document/0/derives/0: `schemars::JsonSchema` names the crate `schemars`"),
        ("derives = [\"1x\"]\n", doc, "`1x` is not a Rust path"),
        ("", &doc.replace("rust_decimal::Decimal", "other::Decimal"), "at #/properties/n/x-rust-type: the path `other::Decimal` does not start with the crate `rust_decimal`"),
        ("[crate.dependencies]\nserde = \"1\"\n", doc, "the generated crate already depends on `serde`"),
        ("crate_formats = true\n", doc, "codegen.toml at #/document/0/crate_formats: `crate_formats` needs `format_assertion = true`"),
    ];
    for (extra, doc, expected) in errors {
        let e = with(extra, doc).map(|_| ()).unwrap_err();
        assert!(e.contains(expected), "{extra}\n{e}");
    }
}

#[test]
fn references_inside_embedded_resources_resolve_against_the_resource() {
    // A bundled document: `address` is a resource of its own, whose `#/$defs/zip` is
    // its own (a string), not the root's (an integer); `#code` is its anchor.
    let doc = r##"{
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://example.com/root",
        "type": "object",
        "properties": {
            "home": { "$ref": "address" },
            "code": { "$ref": "address#code" },
            "zip": { "$ref": "#/$defs/zip" }
        },
        "$defs": {
            "zip": { "type": "integer" },
            "address": {
                "$id": "address",
                "type": "object",
                "properties": { "zip": { "$ref": "#/$defs/zip" } },
                "$defs": {
                    "zip": { "type": "string", "pattern": "^[0-9]{5}$" },
                    "code": { "$anchor": "code", "type": "boolean" }
                }
            }
        }
    }"##;
    let generated = generate_in(&[("codegen.toml", ONE_DOC), ("doc.json", doc)]).unwrap();
    let lib = generated.files.iter().find(|f| f.path == "src/lib.rs").unwrap();
    let address = lib.contents.split("pub struct Address {").nth(1).expect("an `Address` struct");
    let address = &address[..address.find('}').unwrap()];
    assert!(
        address.contains("pub zip: ::core::option::Option<::std::string::String>,"),
        "{address}"
    );
    for field in [
        "pub home: ::core::option::Option<crate::Address>,",
        "pub code: ::core::option::Option<bool>,",
        "pub zip: ::core::option::Option<i64>,",
    ] {
        assert!(lib.contents.contains(field), "{field}:\n{}", lib.contents);
    }
    // Checked by generated code: the pattern of the resource's own `zip`.
    assert_eq!(generated.stats.kept_as_json, 0);
    assert_eq!(generated.stats.embedded_checks, 0);
    assert!(lib.contents.contains("^[0-9]{5}$"), "{}", lib.contents);

    // With a dynamic reference in the document (two resources declare its anchor), what
    // `home.zip` means depends on the resources a value passes through: the document is
    // one JSON value, checked from its root by generated code that tracks the scope (the
    // root's `z`, outermost, wins over the resource's own).
    let dynamic = doc
        .replace(
            r#""zip": { "type": "integer" }"#,
            r#""zip": { "$dynamicAnchor": "z", "type": "integer" }"#,
        )
        .replace(
            r#""zip": { "type": "string","#,
            r#""zip": { "$dynamicAnchor": "z", "type": "string","#,
        )
        .replace(
            r##""zip": { "$ref": "#/$defs/zip" } }"##,
            r##""zip": { "$dynamicRef": "#z" } }"##,
        );
    assert!(
        dynamic.contains(r##""$dynamicRef": "#z""##)
            && dynamic.matches("dynamicAnchor").count() == 2
    );
    let generated = generate_in(&[("codegen.toml", ONE_DOC), ("doc.json", &dynamic)]).unwrap();
    assert_eq!((generated.stats.kept_as_json, generated.stats.embedded_checks), (1, 0));
    let lib = generated.files.iter().find(|f| f.path == "src/lib.rs").unwrap();
    assert!(!lib.contents.contains("pub struct Address {"), "{}", lib.contents);
    let compact: String = lib.contents.split_whitespace().collect();
    let candidates =
        r#"dynamic_scope(&["https://example.com/root","https://example.com/address"],)"#;
    assert!(compact.contains(candidates), "{}", lib.contents);
}

#[test]
fn dynamic_references_that_no_scope_can_redirect_are_typed_and_the_others_checked_in_scope() {
    // One `$dynamicAnchor: node` in the document: the outermost in any scope is it.
    let tree = r##"{
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://example.com/tree",
        "$dynamicAnchor": "node",
        "type": "object",
        "properties": {
            "value": { "type": "integer" },
            "children": { "type": "array", "items": { "$dynamicRef": "#node" } }
        }
    }"##;
    let generated = generate_in(&[("codegen.toml", ONE_DOC), ("doc.json", tree)]).unwrap();
    let lib = generated.files.iter().find(|f| f.path == "src/lib.rs").unwrap();
    assert!(
        lib.contents.contains("pub children: ::core::option::Option<::std::vec::Vec<crate::Doc>>,"),
        "{}",
        lib.contents
    );
    assert_eq!((generated.stats.kept_as_json, generated.stats.embedded_checks), (0, 0));

    // A second resource with the same anchor: an extension may redirect the reference.
    let extended = tree.replace(
        r#""type": "object","#,
        r##""type": "object", "$defs": { "ext": { "$id": "ext", "$dynamicAnchor": "node", "$ref": "tree" } },"##,
    );
    // Generated code then resolves it at run time, in the scope a value passes through:
    // the root is one JSON value, checked from the root where the scope starts.
    let generated = generate_in(&[("codegen.toml", ONE_DOC), ("doc.json", &extended)]).unwrap();
    assert_eq!((generated.stats.kept_as_json, generated.stats.embedded_checks), (1, 0));
    let lib = generated.files.iter().find(|f| f.path == "src/lib.rs").unwrap();
    for call in [
        r#"crate::runtime::enter_scope("https://example.com/ext")"#,
        r#"crate::runtime::enter_scope("https://example.com/tree")"#,
        r#"crate::runtime::dynamic_scope(&["https://example.com/tree", "https://example.com/ext"],)"#,
    ] {
        let compact: String = lib.contents.split_whitespace().collect();
        let call: String = call.split_whitespace().collect();
        assert!(compact.contains(&call), "{call}:\n{}", lib.contents);
    }

    // 2019-09: `$recursiveRef` with the root the only `$recursiveAnchor: true`.
    let recursive = tree
        .replace(
            "https://json-schema.org/draft/2020-12/schema",
            "https://json-schema.org/draft/2019-09/schema",
        )
        .replace(r#""$dynamicAnchor": "node""#, r#""$recursiveAnchor": true"#)
        .replace(r##""$dynamicRef": "#node""##, r##""$recursiveRef": "#""##);
    let generated = generate_in(&[("codegen.toml", ONE_DOC), ("doc.json", &recursive)]).unwrap();
    let lib = generated.files.iter().find(|f| f.path == "src/lib.rs").unwrap();
    assert!(lib.contents.contains("::std::vec::Vec<crate::Doc>"), "{}", lib.contents);
    assert_eq!((generated.stats.kept_as_json, generated.stats.embedded_checks), (0, 0));
}

#[test]
fn a_document_whose_id_is_no_url_reads_without_resources() {
    // `1a:b` is taken for an absolute `$id` (it has a scheme separator) but is no URL.
    let doc = r##"{"$id": "1a:b", "type": "object", "properties": {"a": {"$ref": "#/$defs/x"}},
        "$defs": {"x": {"$id": "y", "type": "string"}}}"##;
    let generated = generate_in(&[("codegen.toml", ONE_DOC), ("doc.json", doc)]).unwrap();
    let lib = generated.files.iter().find(|f| f.path == "src/lib.rs").unwrap();
    assert!(lib.contents.contains("pub a: ::core::option::Option<::std::string::String>,"));
}

#[test]
fn a_property_named_schema_is_no_dialect_of_the_schemas_beside_it() {
    // SchemaStore's schemas list `$schema` among their properties: the `properties` map
    // holding it is no resource of another dialect.
    let doc = r##"{"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
        "properties": {"$schema": {"type": "string"}, "w": {"type": "object",
            "properties": {"a": {"type": "string"}, "b": {"type": "string"}},
            "allOf": [{"if": {"properties": {"a": {"const": "x"}}, "required": ["a"]},
                "then": {"required": ["b"]}}]}}}"##;
    let generated = generate_in(&[("codegen.toml", ONE_DOC), ("doc.json", doc)]).unwrap();
    assert_eq!((generated.stats.kept_as_json, generated.stats.embedded_checks), (0, 0));
}

#[test]
fn an_embedded_resource_of_another_draft_stays_with_the_embedded_validator() {
    // Its keywords mean what its own draft says; the generator reads the document's.
    let doc = |schema: &str| {
        format!(
            r##"{{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
            "properties": {{"p": {{"$ref": "old"}}, "q": {{"$id": "q", {schema} "type": "string"}}}},
            "$defs": {{"old": {{"$id": "old", {schema} "type": "integer"}}}}}}"##
        )
    };
    let draft7 = doc(r#""$schema": "http://json-schema.org/draft-07/schema#","#);
    let generated = generate_in(&[("codegen.toml", ONE_DOC), ("doc.json", &draft7)]).unwrap();
    let lib = generated.files.iter().find(|f| f.path == "src/lib.rs").unwrap();
    for field in [
        "pub p: ::core::option::Option<::serde_json::Value>,",
        "pub q: ::core::option::Option<::serde_json::Value>,",
    ] {
        assert!(lib.contents.contains(field), "{field}:\n{}", lib.contents);
    }
    // The same resources in the document's draft are typed.
    let same = doc("");
    let generated = generate_in(&[("codegen.toml", ONE_DOC), ("doc.json", &same)]).unwrap();
    let lib = generated.files.iter().find(|f| f.path == "src/lib.rs").unwrap();
    assert!(lib.contents.contains("pub p: ::core::option::Option<i64>,"), "{}", lib.contents);
    assert!(lib.contents.contains("pub q: ::core::option::Option<::std::string::String>,"));
}
