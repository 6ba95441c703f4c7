use feature_numbers::{Number, Reading, ReadingTagged, Validate};

/// Spellings serde_json writes differently from how they were written, and plain ones.
const SPELLINGS: &[&str] =
    &["7", "7.5", "7.0", "1e3", "1E+3", "1.50", "-0", "2.5e-3", "123456789012345678901234567890"];

/// `n` in every number position, with the union's tag after the number it governs; and
/// the same as written back (members in the schema's order).
fn instance(n: &str) -> (String, String) {
    let head = format!(r#"{{"value":{n},"maybe":{n},"series":[{n},{n}],"by_name":{{"a":{n}}},"either":{n},"overlap":{n},"tagged":"#);
    (format!(r#"{head}{{"size":{n},"kind":"a"}}}}"#), format!(r#"{head}{{"kind":"a","size":{n}}}}}"#))
}

#[test]
fn every_spelling_is_written_back_as_read() {
    for n in SPELLINGS {
        let (text, written) = instance(n);
        let from_str: Reading = serde_json::from_str(&text).unwrap();
        assert_eq!(serde_json::to_string(&from_str).unwrap(), written, "from_str");
        let from_slice: Reading = serde_json::from_slice(text.as_bytes()).unwrap();
        assert_eq!(serde_json::to_string(&from_slice).unwrap(), written, "from_slice");
        let pretty = serde_json::to_string_pretty(&from_str).unwrap();
        assert!(pretty.contains(&format!("\"value\": {n},")), "{pretty}");
    }
}

#[test]
fn a_reader_keeps_spellings_but_before_a_tag() {
    // A reader hands out text it owns: properties read ahead of a union's tag are kept as
    // parsed values, which know integer from float but not the spelling.
    let (text, written) = instance("1.50");
    let r: Reading = serde_json::from_reader(text.as_bytes()).unwrap();
    let expected = written.replace(r#""size":1.50"#, r#""size":1.5"#);
    assert_eq!(serde_json::to_string(&r).unwrap(), expected);
}

#[test]
fn a_parsed_value_keeps_integer_or_float() {
    let value = serde_json::json!({ "value": 7, "series": [7.0, 7.5], "either": 1e3 });
    let r: Reading = serde_json::from_value(value).unwrap();
    assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"value":7,"series":[7.0,7.5],"either":1000.0}"#);
}

#[test]
fn integers_are_written_as_integers_and_unlisted_numbers_as_serde_json_writes_them() {
    // Documented: an integer field holds an `i64`, so `1.0` is written `1`; a property
    // the schema does not list is a `serde_json::Value`, which keeps integer or float.
    let r: Reading = serde_json::from_str(r#"{"count":1.0,"other":1e3,"third":7}"#).unwrap();
    assert_eq!(r.count, Some(1));
    assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"count":1,"other":1000.0,"third":7}"#);
}

#[test]
fn numbers_do_arithmetic_and_are_checked() {
    let r: Reading = serde_json::from_str(r#"{"value":1e3,"limits":999.5,"choice":1.50,"tagged":{"kind":"b","weight":2.5e-3}}"#).unwrap();
    let value = r.value.as_ref().unwrap();
    assert_eq!((value.as_f64(), value.as_i64(), value.is_integer()), (1000.0, Some(1000), true));
    assert!(matches!(&r.tagged, Some(ReadingTagged::B(b)) if b.weight == Some(Number::from(0.0025))));
    r.validate().unwrap();

    let bad: Reading = serde_json::from_str(r#"{"limits":1000.25,"choice":2,"overlap":-1e400}"#).unwrap();
    let errors = bad.validate().unwrap_err();
    let found: Vec<_> = errors.errors().iter().map(|e| (e.pointer.as_str(), e.keyword)).collect();
    assert_eq!(found, [("/limits", "maximum"), ("/limits", "multipleOf"), ("/choice", "enum")]);
    // Built in code, written as serde_json writes the float or integer.
    let built = Reading { value: Some(0.1.into()), count: Some(3), ..serde_json::from_str("{}").unwrap() };
    assert_eq!(serde_json::to_string(&built).unwrap(), r#"{"value":0.1,"count":3}"#);
}

#[test]
fn non_numbers_are_rejected_with_what_they_are() {
    let error = serde_json::from_str::<Reading>(r#"{"value":"7"}"#).unwrap_err().to_string();
    assert!(error.contains("expected a number"), "{error}");
    let error = serde_json::from_str::<Reading>(r#"{"either":true}"#).unwrap_err().to_string();
    assert!(error.contains("invalid type: a boolean, expected Number or String"), "{error}");
}
