use feature_parse_errors::{FromJson, Job, Step};

/// Each violation as (pointer, keyword).
fn found(text: &str) -> Vec<(String, &'static str)> {
    let errors = Job::from_json_str(text).unwrap_err();
    errors.errors().iter().map(|e| (e.pointer.clone(), e.keyword)).collect()
}

fn message(text: &str, pointer: &str) -> String {
    let errors = Job::from_json_str(text).unwrap_err();
    let error = errors.errors().iter().find(|e| e.pointer == pointer);
    error.unwrap_or_else(|| panic!("no error at {pointer}: {errors}")).message.clone()
}

#[test]
fn a_valid_document_reads() {
    let job = Job::from_json_str(r#"{"name":"a","priority":"low","limit":"none","steps":[{"run":"x","timeout":5}]}"#).unwrap();
    assert_eq!(job.name, "a");
    assert_eq!(job.steps.as_ref().map(Vec::len), Some(1));
}

#[test]
fn every_error_of_a_document_that_does_not_read_at_its_pointer() {
    let text = r#"{"name": 5, "priority": "urgent", "retries": -1, "limit": true,
        "steps": [{"run": "a", "timeout": 90, "x": 1}, {"timeout": 1}], "on": "yes", "extra": 1}"#;
    let mut errors = found(text);
    errors.sort();
    let expected = [
        ("/extra", "additionalProperties"),
        ("/limit", "oneOf"),
        ("/name", "type"),
        ("/on", "type"),
        ("/priority", "enum"),
        ("/retries", "minimum"),
        ("/steps/0/timeout", "maximum"),
        ("/steps/0/x", "additionalProperties"),
        ("/steps/1", "required"),
    ];
    let expected: Vec<(String, &str)> = expected.iter().map(|(p, k)| (p.to_string(), *k)).collect();
    assert_eq!(errors, expected);
    // Messages say what is wrong, a string quoted and a boolean not.
    assert_eq!(message(text, "/name"), "5 is not of type string");
    assert_eq!(message(text, "/on"), "\"yes\" is not of type boolean");
    assert_eq!(message(text, "/priority"), "\"urgent\" is not one of the listed values");
    assert_eq!(message(text, "/retries"), "-1 is less than the minimum 0");
    assert_eq!(message(text, "/steps/1"), "the property `run` is missing");
    // A union of disjoint types says why each branch failed.
    assert_eq!(
        message(text, "/limit"),
        "true is not valid under any of the branches (branch 0: /limit: true is not of type integer (type); \
         branch 1: /limit: true is not of type string (type))"
    );
}

#[test]
fn a_missing_field_and_an_unknown_enum_value_alone() {
    assert_eq!(found(r#"{"name": "a"}"#), [("".to_owned(), "required")]);
    assert_eq!(message(r#"{"name": "a"}"#, ""), "the property `priority` is missing");
    // A string and a boolean of the same text are told apart.
    assert_eq!(message(r#"{"name": "a", "priority": "true"}"#, "/priority"), "\"true\" is not one of the listed values");
    assert_eq!(message(r#"{"name": "a", "priority": true}"#, "/priority"), "true is not one of the listed values");
}

#[test]
fn a_value_that_reads_reports_what_validate_reports() {
    let text = r#"{"name": "", "code": "x", "priority": "high"}"#;
    assert_eq!(found(text), [("/name".to_owned(), "minLength"), ("/code".to_owned(), "minLength")]);
    assert_eq!(message(text, "/name"), "0 characters, fewer than the minimum 1");
    assert_eq!(message(text, "/code"), "1 character, fewer than the minimum 2");
}

#[test]
fn malformed_json_is_one_syntax_error_with_its_place() {
    let errors = Job::from_json_str(r#"{"name": "a", "priority": "#).unwrap_err();
    assert_eq!(errors.errors().len(), 1);
    assert_eq!(errors.errors()[0].keyword, "syntax");
    assert!(errors.errors()[0].message.contains("line 1 column"), "{errors}");
    let trailing = Job::from_json_str(r#"{"name": "a", "priority": "low"} x"#).unwrap_err();
    assert_eq!(trailing.errors()[0].keyword, "syntax");
}

#[test]
fn other_types_report_serdes_first_error_at_its_pointer() {
    // Only the root's whole schema is compiled by default (`parse_checks = "roots"`).
    let errors = Step::from_json_str(r#"{"run": 1, "timeout": "x"}"#).unwrap_err();
    assert_eq!(errors.errors().len(), 1);
    assert_eq!((errors.errors()[0].pointer.as_str(), errors.errors()[0].keyword), ("/run", "type"));
    assert!(errors.errors()[0].message.starts_with("invalid type: integer `1`, expected a string"), "{errors}");
    let errors = Step::from_json_str(r#"{"timeout": 1}"#).unwrap_err();
    assert_eq!((errors.errors()[0].pointer.as_str(), errors.errors()[0].keyword), ("", "required"));
}
