//! The macros and union helpers generated types use, on types written here by hand the
//! way the generator writes them.

use schemagen_runtime::{Branch, Buffered, Extra, Pointer, Validate, ValidationErrors};
use serde::Deserialize;
use serde_json::json;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Closed {
    Cat,
    Dog,
}
schemagen_runtime::string_enum!(Closed { Cat = "cat", Dog = "dog", });

#[derive(Debug, Clone, PartialEq, Eq)]
enum Open {
    Card,
    Unknown(String),
}
schemagen_runtime::string_enum!(Open { Card = "card", } Unknown);

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
struct Pet {
    name: String,
    age: Option<i64>,
    extra: Extra,
}
schemagen_runtime::object!(Pet, "a `Pet` object", { 0: "name" => name, field, required; 1: "age" => age, lenient_field, optional; } keep(extra, next_value));

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
struct Strict {
    id: String,
}
schemagen_runtime::object!(Strict, "a `Strict` object", { 0: "id" => id, field, required; } deny);

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct Card {
    object: String,
    last4: String,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct Bank {
    object: String,
    bank: String,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
enum Source {
    Card(Card),
    Bank(Bank),
}
schemagen_runtime::tagged!(Source, "object", { "card" => Source::Card, "bank_account" => Source::Bank, });

#[test]
fn string_enums_read_listed_values_and_keep_unknown_ones_where_open() {
    assert_eq!(serde_json::from_value::<Closed>(json!("dog")).unwrap(), Closed::Dog);
    assert_eq!(Closed::VALUES, ["cat", "dog"]);
    assert_eq!(Closed::Cat.to_string(), "cat");
    let err = serde_json::from_value::<Closed>(json!("cow")).unwrap_err().to_string();
    assert!(err.contains("cow") && err.contains("cat"), "{err}");
    let open: Open = serde_json::from_value(json!("sepa")).unwrap();
    assert_eq!(open, Open::Unknown("sepa".to_owned()));
    assert_eq!(serde_json::to_value(&open).unwrap(), json!("sepa"));
}

#[test]
fn objects_read_in_one_pass() {
    let v = json!({ "name": "Rex", "age": 3.0, "color": "brown" });
    let pet: Pet = serde_json::from_value(v).unwrap();
    assert_eq!(pet.age, Some(3));
    assert_eq!(pet.extra.get("color"), Some(&json!("brown")));
    let missing = serde_json::from_str::<Pet>(r#"{"age": 1}"#).unwrap_err().to_string();
    assert!(missing.contains("missing field `name`"), "{missing}");
    let repeated =
        serde_json::from_str::<Pet>(r#"{"name": "a", "name": "b"}"#).unwrap_err().to_string();
    assert!(repeated.contains("duplicate field `name`"), "{repeated}");
    let unknown =
        serde_json::from_str::<Strict>(r#"{"id": "x", "other": 1}"#).unwrap_err().to_string();
    assert!(unknown.contains("unknown field `other`"), "{unknown}");
}

#[test]
fn tagged_unions_pick_the_branch_their_tag_names() {
    let bank: Source = serde_json::from_str(r#"{"bank": "B", "object": "bank_account"}"#).unwrap();
    assert_eq!(
        bank,
        Source::Bank(Bank { object: "bank_account".to_owned(), bank: "B".to_owned() })
    );
    let card: Source = serde_json::from_str(r#"{"object": "card", "last4": "4242"}"#).unwrap();
    assert!(matches!(card, Source::Card(_)));
    let err = serde_json::from_str::<Source>(r#"{"object": "cash"}"#).unwrap_err().to_string();
    assert!(err.contains("cash"), "{err}");
    let err = serde_json::from_str::<Source>(r#"{"object": "card"}"#).unwrap_err().to_string();
    assert!(err.contains("missing field `last4`"), "{err}");
}

/// A union of overlapping branches: a short string, or any string.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
enum Text {
    Short(String),
    Any(String),
}

impl Validate for Text {
    fn validate_into(&self, at: &Pointer<'_>, errors: &mut ValidationErrors) {
        if let Text::Short(s) = self {
            schemagen_runtime::max_length(s, 3, at, errors);
        }
    }
}

const BRANCHES: &[Branch<Text>] = &[
    ("Short", schemagen_runtime::kinds::STRING, |v| v.read().map(Text::Short)),
    ("Any", schemagen_runtime::kinds::STRING, |v| v.read().map(Text::Any)),
];

#[test]
fn first_valid_takes_the_first_branch_that_validates() {
    let read = |v: serde_json::Value| {
        schemagen_runtime::first_valid::<Text, serde_json::Error>(Buffered::Value(v), BRANCHES)
    };
    assert_eq!(read(json!("abc")).unwrap(), Text::Short("abc".to_owned()));
    assert_eq!(read(json!("abcd")).unwrap(), Text::Any("abcd".to_owned()));
    let err = read(json!(1)).unwrap_err().to_string();
    assert!(err.contains("Short") && err.contains("Any"), "the error names each branch: {err}");
    // The memoized form gives the same answers.
    let memo = |v: serde_json::Value| {
        let text = Buffered::Text(v.to_string().into());
        schemagen_runtime::first_valid_memo::<Text, serde_json::Error>(text, BRANCHES)
    };
    assert_eq!(memo(json!("abcd")).unwrap(), Text::Any("abcd".to_owned()));
    assert_eq!(memo(json!("ab")).unwrap(), Text::Short("ab".to_owned()));
}

#[test]
fn one_of_reports_a_value_that_several_branches_match() {
    let mut errors = ValidationErrors::default();
    let value = Text::Short("ab".to_owned());
    schemagen_runtime::one_of(
        &value,
        BRANCHES,
        |t| t.validate().is_ok(),
        &Pointer::Root,
        &mut errors,
    );
    assert_eq!(errors.errors().first().map(|e| e.keyword), Some("oneOf"), "{errors:?}");
    let mut errors = ValidationErrors::default();
    schemagen_runtime::one_of(
        &Text::Any("abcd".to_owned()),
        BRANCHES,
        |t| t.validate().is_ok(),
        &Pointer::Root,
        &mut errors,
    );
    assert!(errors.is_empty(), "{errors:?}");
}

#[cfg(feature = "json-schema")]
#[test]
fn embedded_schemas_and_patterns_compile_once_and_check() {
    static SCHEMA: schemagen_runtime::Schema = schemagen_runtime::Schema::new(
        r##"{"$defs": {"a b": {"type": "integer", "maximum": 3}}, "items": {"$ref": "#/$defs/a%20b"}}"##,
        "json-schema:///doc.json",
        "/items",
        &[],
        false,
    );
    let mut errors = ValidationErrors::default();
    SCHEMA.check(&json!(2), &Pointer::Root, &mut errors);
    assert!(errors.is_empty(), "{errors:?}");
    SCHEMA.check(&json!(4), &Pointer::Root.key("n"), &mut errors);
    assert_eq!(
        errors.errors().iter().map(|e| (e.pointer.as_str(), e.keyword)).collect::<Vec<_>>(),
        [("/n", "maximum")]
    );
    static BROKEN: schemagen_runtime::Schema =
        schemagen_runtime::Schema::new("{}", "json-schema:///b.json", "/nothing", &[], false);
    let mut errors = ValidationErrors::default();
    BROKEN.check(&json!(1), &Pointer::Root, &mut errors);
    assert_eq!(errors.errors()[0].keyword, "$schema");
    static PATTERN: schemagen_runtime::Pattern = schemagen_runtime::Pattern::new("^\\p{Lu}");
    let mut errors = ValidationErrors::default();
    PATTERN.check("Äb", &Pointer::Root, &mut errors);
    PATTERN.check("äb", &Pointer::Root, &mut errors);
    assert_eq!(errors.errors().len(), 1);
}

#[test]
fn patterns_that_open_with_look_aheads_match_as_the_whole_pattern_does() {
    let sources = [
        "^(?!pattern$).*$",
        r"^(?!^lucene\.|builtin\.|mongodb\.).*",
        r#"^(?!.*(\{LoggingBlock\}|\{ConfigName\}|["<>*?:/\\])).*\.[bB][lL][fF]$"#,
        "^(?=[a-z])(?!.*--)[a-z-]+$",
        "^(?!a)(?!b)",
    ];
    let texts = [
        "",
        "pattern",
        "patterns",
        "a pattern",
        "pattern\n",
        "line\nbreak",
        "lucene.x",
        "builtin.y",
        "x.mongodb.z",
        "mongodb.",
        "{LoggingBlock}.blf",
        "log.BLF",
        "lo:g.blf",
        "kebab-case",
        "kebab--case",
        "Kebab",
        "a",
        "b",
        "c",
        "ab",
    ];
    for source in sources {
        let pattern = schemagen_runtime::Pattern::new(source);
        let whole = schemagen_runtime::compile_pattern(source).unwrap();
        for text in texts {
            let expected = whole.is_valid(&json!(text));
            assert_eq!(pattern.is_match(text), expected, "{source} on {text:?}");
            let mut errors = ValidationErrors::default();
            pattern.check(text, &Pointer::Root, &mut errors);
            assert_eq!(errors.errors().is_empty(), expected, "{source} on {text:?}");
        }
    }
}

#[derive(Debug, PartialEq)]
enum Label {
    Text(String),
    Lines(Vec<String>),
    Pet(Pet),
    Flag(bool),
}
schemagen_runtime::by_kind!(Label, "Text or Lines or Pet or Flag", { string => Label::Text, array => Label::Lines, object => Label::Pet, boolean => Label::Flag, });

#[test]
fn a_union_by_kind_reads_each_value_in_its_own_branch_in_one_pass() {
    let read = |text: &str| serde_json::from_str::<Label>(text);
    assert_eq!(read(r#""a\nb""#).unwrap(), Label::Text("a\nb".to_owned()));
    assert_eq!(read(r#"["a", "b"]"#).unwrap(), Label::Lines(vec!["a".to_owned(), "b".to_owned()]));
    assert_eq!(read("true").unwrap(), Label::Flag(true));
    let Label::Pet(pet) = read(r#"{"name": "Rex", "age": 3.0}"#).unwrap() else { panic!() };
    assert_eq!((pet.name.as_str(), pet.age), ("Rex", Some(3)));
    // A branch's own error, where it is in the text; another type names the branches.
    let error = read(r#"{"age": 3}"#).unwrap_err().to_string();
    assert!(error.contains("missing field `name`"), "{error}");
    let error = read("1").unwrap_err().to_string();
    assert!(error.contains("expected Text or Lines or Pet or Flag"), "{error}");
    // From a `Value` too (another deserializer).
    assert_eq!(Label::deserialize(json!(["x"])).unwrap(), Label::Lines(vec!["x".to_owned()]));
}
