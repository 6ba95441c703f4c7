//! The decisions of lowering as a table: a schema, and what its value becomes.

use serde_json::{json, Value};

use crate::config::{Config, CrateConfig, DocumentConfig};
use crate::diag::Diagnostics;
use crate::model::{Model, Ty, TypeKind, UnionRepr};

/// The model and diagnostics of one in-memory JSON Schema document named `path` (its
/// root type named `root`, where given).
fn lower_inline(path: &str, root: Option<&str>, schema: Value) -> (Model, Diagnostics) {
    let mut doc = DocumentConfig::new(path);
    doc.root = root.map(str::to_owned);
    doc.inline = Some(schema);
    let config = Config {
        schema_root: ".".into(),
        krate: CrateConfig::named("t"),
        documents: vec![doc],
        mappings: Vec::new(),
        remotes: Default::default(),
    };
    let mut diags = Diagnostics::default();
    let docs = crate::load::load_documents(&config, &mut diags);
    let model = super::lower(&config, &docs, &mut diags);
    (model, diags)
}

/// The model of one in-memory JSON Schema whose root type is `Root`.
fn lowered(schema: Value) -> Model {
    let (model, diags) = lower_inline("root.json", Some("Root"), schema);
    assert!(!diags.has_errors(), "{diags}");
    model
}

/// The representation of the union the root holds.
fn root_union(model: &Model) -> Option<UnionRepr> {
    let root = model.types.iter().find(|t| t.name == "Root")?;
    let union = match &root.kind {
        TypeKind::Union(u) => u,
        // A root that is not a struct or enum is a newtype around its shape.
        TypeKind::Newtype(n) => match &n.shape.ty {
            Ty::Named(id) => match &model.ty(*id).kind {
                TypeKind::Union(u) => u,
                _ => return None,
            },
            _ => return None,
        },
        _ => return None,
    };
    Some(union.repr.clone())
}

/// A closed object tagged `kind` that requires `key`.
fn closed(kind: &str, key: &str) -> Value {
    json!({
        "type": "object",
        "properties": {"kind": {"const": kind}, key: {"type": "string"}},
        "required": ["kind", key],
        "additionalProperties": false,
    })
}

fn tagged(kind: &str) -> Value {
    json!({
        "type": "object",
        "properties": {"kind": {"const": kind}, "n": {"type": "integer"}},
        "required": ["kind"],
    })
}

#[test]
fn each_union_gets_its_representation_from_its_branches() {
    let first_valid = |one_of| Some(UnionRepr::FirstValid { one_of, memo: false });
    let cases: Vec<(Value, Option<UnionRepr>)> = vec![
        (json!({"oneOf": [{"type": "string"}, {"type": "integer"}]}), Some(UnionRepr::ByJsonType)),
        (json!({"type": ["string", "boolean"]}), Some(UnionRepr::ByJsonType)),
        (
            json!({"oneOf": [tagged("a"), tagged("b")]}),
            Some(UnionRepr::ByTag {
                property: "kind".to_owned(),
                ifs: Vec::new(),
                absent: None,
                boolean: false,
            }),
        ),
        // The same tag twice tells nothing apart.
        (json!({"anyOf": [tagged("a"), tagged("a")]}), first_valid(false)),
        // A value two branches share, whose keys tell them apart: the tag picks both.
        (
            json!({"oneOf": [tagged("a"), closed("b", "host"), closed("b", "serial")]}),
            Some(UnionRepr::ByTag {
                property: "kind".to_owned(),
                ifs: Vec::new(),
                absent: None,
                boolean: false,
            }),
        ),
        // Keys that do not tell them apart: each branch is tried.
        (json!({"oneOf": [tagged("a"), closed("b", "host"), tagged("b")]}), first_valid(true)),
        (
            json!({"anyOf": [{"type": "string", "maxLength": 3}, {"type": "string", "pattern": "x"}]}),
            first_valid(false),
        ),
        (
            json!({"oneOf": [{"type": "string", "maxLength": 3}, {"type": "string", "pattern": "x"}]}),
            first_valid(true),
        ),
        // One branch is no union.
        (json!({"anyOf": [{"type": "string"}]}), None),
        // An `allOf` with a branch of one JSON type is of that type: apart from strings.
        (
            json!({"oneOf": [{"type": "string"}, {"allOf": [{"type": "object"}, {"required": ["a"]}]}]}),
            Some(UnionRepr::ByJsonType),
        ),
        // `if`/`then`/`else` whose outcomes are both objects is an object.
        (
            json!({"anyOf": [{"type": "string"}, {"if": {"required": ["a"]}, "then": {"type": "object", "properties": {"b": {"type": "string"}}}, "else": {"type": "object"}}]}),
            Some(UnionRepr::ByJsonType),
        ),
        (
            json!({"anyOf": [{"type": "string"}, {"if": {"required": ["a"]}, "then": {"type": "object"}}]}),
            first_valid(false),
        ),
        // Without one, the branch may be a string too.
        (
            json!({"oneOf": [{"type": "string"}, {"allOf": [{"required": ["a"]}, {"minProperties": 1}]}]}),
            first_valid(true),
        ),
    ];
    for (schema, expected) in cases {
        assert_eq!(root_union(&lowered(schema.clone())), expected, "{schema}");
    }
}

#[test]
fn a_union_that_holds_itself_through_two_branches_remembers_their_readings() {
    let schema = json!({
        "anyOf": [
            {"type": "array", "items": {"$ref": "#"}, "maxItems": 3},
            {"type": "array", "items": {"$ref": "#"}, "minItems": 1},
            {"type": "string"},
        ]
    });
    assert_eq!(
        root_union(&lowered(schema)),
        Some(UnionRepr::FirstValid { one_of: false, memo: true })
    );
}

/// What lowering decided for a feature fixture, as a reviewer reads it: the types, the
/// compiled whole-schema checks and why each node has one.
#[derive(Debug)]
#[allow(dead_code)] // read through `Debug`
struct Decided<'a> {
    types: &'a [crate::model::TypeDef],
    json_fns: &'a [crate::model::JsonFn],
    reasons: &'a std::collections::BTreeMap<crate::model::Location, crate::model::KeptReason>,
}

#[test]
fn the_model_of_feature_fixtures() {
    for name in ["merged", "nullable", "typed_part"] {
        let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/features")
            .join(name)
            .join("codegen.toml");
        let config = Config::from_file(&file).expect("a fixture's configuration");
        let mut diags = Diagnostics::default();
        let docs = crate::load::load_documents(&config, &mut diags);
        let model = super::lower(&config, &docs, &mut diags);
        assert!(!diags.has_errors(), "{diags}");
        let decided =
            Decided { types: &model.types, json_fns: &model.json_fns, reasons: &model.reasons };
        insta::assert_debug_snapshot!(name, decided);
    }
}

#[test]
fn a_root_without_title_or_name_is_named_from_its_file_or_folder() {
    let named =
        |path: &str, schema: Value| lower_inline(path, None, schema).0.types[0].name.clone();
    let object = json!({"type": "object", "properties": {"a": {"type": "string"}}});
    assert_eq!(named("eslintrc/schema.json", object.clone()), "Eslintrc");
    assert_eq!(named("settings.json", object.clone()), "Settings");
    let titled = json!({"title": "Lint rules", "type": "object", "properties": {}});
    assert_eq!(named("eslintrc/schema.json", titled), "LintRules");
}

#[test]
fn only_checks_left_to_the_embedded_validator_are_warned_about() {
    let warnings = |schema: Value| {
        let (_, diags) = lower_inline("root.json", Some("Root"), schema);
        diags.warnings().map(|w| w.message.clone()).collect::<Vec<_>>()
    };
    // Compiled into generated code: typed and checked exactly, nothing to say.
    let compiled = json!({"type": "object", "properties": {"a": {"type": "string"}}, "not": {"required": ["b"]}});
    assert_eq!(warnings(compiled), Vec::<String>::new());
    // A closed struct: `unevaluatedProperties: false` with nothing else evaluating.
    let closed = json!({"type": "object", "properties": {"a": {"type": "string"}}, "unevaluatedProperties": false});
    assert_eq!(warnings(closed), Vec::<String>::new());
    // `unevaluatedProperties` beside applicators is compiled too.
    let unevaluated = json!({"type": "object", "properties": {"a": {"type": "string"}}, "anyOf": [{"properties": {"b": true}}], "unevaluatedProperties": {"type": "integer"}});
    assert_eq!(warnings(unevaluated), Vec::<String>::new());
    // A dynamic reference that no scope can redirect (one anchor of its name) is a `$ref`.
    let single = json!({"type": "object", "$defs": {"n": {"$dynamicAnchor": "n", "type": "integer"}}, "properties": {"a": {"$dynamicRef": "#n"}}});
    assert_eq!(warnings(single), Vec::<String>::new());
    let embedded = json!({"type": "object", "$defs": {"n": {"$dynamicAnchor": "n", "type": "integer"}, "m": {"$id": "m", "$dynamicAnchor": "n"}}, "properties": {"a": {"$dynamicRef": "#n"}}});
    // Two anchors of the name: the reference stays dynamic, and the root is one JSON
    // value that generated code checks from the root, where the scope starts.
    assert_eq!(
        warnings(embedded),
        ["the root of a document whose dynamic references resolve by the resources a value passes through has no Rust type yet: kept as `serde_json::Value`, validated against the schema"]
    );
}

/// The root's own whole-value checks.
fn root_checks(model: &Model) -> &[crate::model::Check] {
    &model.types.iter().find(|t| t.name == "Root").expect("a Root type").checks
}

#[test]
fn whole_checks_of_structs_read_no_more_than_they_need() {
    use crate::model::{Check, Rule, Sub};
    // An open struct whose `allOf` adds patterns: checked entry by entry.
    let model = lowered(json!({
        "type": "object",
        "properties": {"name": {"type": "string"}},
        "allOf": [{"patternProperties": {"^x-": {"type": "integer"}}}],
    }));
    let [Check::Entries { patterns, additional: Sub::True, .. }] = root_checks(&model) else {
        panic!("{:?}", root_checks(&model));
    };
    assert_eq!(patterns.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(), ["^x-"]);

    // Names that must be present: the check reads names, no values.
    let model = lowered(json!({
        "type": "object",
        "properties": {"a": {"type": "string"}, "b": {"type": "string"}},
        "anyOf": [{"required": ["a"]}, {"required": ["b"]}],
    }));
    let [Check::Json(id)] = root_checks(&model) else { panic!("{:?}", root_checks(&model)) };
    let read = model.members_read(*id).expect("reads some members");
    assert!(read.members.is_empty() && !read.keys && read.present == ["a", "b"], "{read:?}");

    // "Any value" spelled as an `anyOf` of every type is no check at all.
    let any = json!({"anyOf": [
        {"type": "string"}, {"type": "number"}, {"type": "boolean"},
        {"type": "array"}, {"type": "object"}, {"type": "null"},
    ]});
    let model = lowered(json!({
        "type": "object",
        "properties": {"a": {"type": "string"}},
        "patternProperties": {"^x-": any},
        "anyOf": [{"required": ["a"]}, {"required": ["x-a"]}],
    }));
    let branches = model.json_fns.iter().flat_map(|f| &f.rules).filter_map(|r| match r {
        Rule::AnyOf(branches) => Some(branches),
        _ => None,
    });
    let branches: Vec<&Sub> = branches.flatten().collect();
    assert!(!branches.is_empty());
    // Every `anyOf` left is the `required` one.
    for b in branches {
        let Sub::Fn(id) = b else { panic!("{b:?}") };
        assert!(matches!(model.json_fns[*id].rules.as_slice(), [Rule::Required(_)]), "{b:?}");
    }
}

#[test]
fn property_names_that_every_string_meets_check_nothing() {
    use crate::model::Rule;
    let names = |schema: Value| {
        let model = lowered(json!({
            "$defs": {"key": schema},
            "type": "object",
            "properties": {"map": {
                "type": "object",
                "propertyNames": {"$ref": "#/$defs/key"},
                "additionalProperties": {"type": "integer"},
            }},
        }));
        model.json_fns.iter().flat_map(|f| &f.rules).any(|r| matches!(r, Rule::PropertyNames(_)))
    };
    // Keys are strings: `type: string` (behind a `$ref`, beside keywords of other types)
    // cannot fail on them.
    assert!(!names(json!({"type": "string"})));
    assert!(!names(json!({"type": ["string", "null"], "minimum": 3, "required": ["a"]})));
    // Anything that can fail on a string stays.
    assert!(names(json!({"type": "string", "pattern": "^a"})));
    assert!(names(json!({"type": "string", "maxLength": 3})));
    assert!(names(json!({"type": "integer"})));
    assert!(names(json!({"enum": ["a", "b"]})));
    assert!(names(json!({"not": {"type": "string"}})));
}
