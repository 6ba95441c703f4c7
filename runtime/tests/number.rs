//! `Number` writes back the text it was read from, reads other formats' numbers and
//! still does arithmetic.

use schemagen_runtime::Number;
use serde::de::IntoDeserializer;
use serde::Deserialize;

/// Every spelling the JSON grammar allows, each written back as read.
const SPELLINGS: &[&str] = &[
    "7",
    "7.5",
    "7.0",
    "1e3",
    "1E+3",
    "2.5e-3",
    "1.50",
    "-0",
    "-0.0",
    "0",
    "-12",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551615",
    "123456789012345678901234567890",
    "0.1000000000000000055511151231257827",
];

#[test]
fn serde_json_writes_back_what_it_read() {
    for text in SPELLINGS {
        let n: Number = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&n).unwrap(), *text);
        assert_eq!(n.to_string(), *text, "Display");
        // In a structure, through a reader (serde_json's owned path) and pretty-printed.
        let array = format!("[{text}, {{\"n\": {text}}}]");
        let (a, b): (Number, std::collections::BTreeMap<String, Number>) =
            serde_json::from_reader(array.as_bytes()).unwrap();
        assert_eq!(serde_json::to_string(&(a, b)).unwrap(), format!("[{text},{{\"n\":{text}}}]"));
        let parsed: Number = text.parse().unwrap();
        assert_eq!(serde_json::to_string_pretty(&parsed).unwrap(), *text);
    }
}

#[test]
fn a_value_already_parsed_keeps_integer_or_float() {
    // A `Value` has lost `1e3`'s spelling but knows it is a float.
    let value: serde_json::Value = serde_json::from_str("[7, 7.0, 1e3, 1.50]").unwrap();
    let numbers: Vec<Number> = serde_json::from_value(value).unwrap();
    assert_eq!(serde_json::to_string(&numbers).unwrap(), "[7,7.0,1000.0,1.5]");
    assert_eq!(serde_json::to_value(&numbers).unwrap(), serde_json::json!([7, 7.0, 1000.0, 1.5]));
}

#[test]
fn other_formats_give_numbers() {
    let read = |d: serde::de::value::U64Deserializer<serde::de::value::Error>| {
        Number::deserialize(d).unwrap()
    };
    assert_eq!(read(7u64.into_deserializer()).to_string(), "7");
    let float: Number =
        Number::deserialize(IntoDeserializer::<serde::de::value::Error>::into_deserializer(7.0f64))
            .unwrap();
    assert_eq!(float.to_string(), "7.0");
    let text: Result<Number, serde::de::value::Error> =
        Number::deserialize(IntoDeserializer::into_deserializer("7"));
    assert!(text.unwrap_err().to_string().contains("expected a number"));
}

#[test]
fn other_json_values_are_errors_naming_what_they_are() {
    for (text, found) in [
        ("\"7\"", "a string"),
        ("{}", "map"),
        ("[]", "sequence"),
        ("null", "null"),
        ("true", "boolean"),
    ] {
        let error = serde_json::from_str::<Number>(text).unwrap_err().to_string();
        assert!(error.contains(found) && error.contains("expected a number"), "{text}: {error}");
    }
}

#[test]
fn arithmetic_and_comparison() {
    let n = |t: &str| t.parse::<Number>().unwrap();
    assert_eq!(n("1e3").as_i64(), Some(1000));
    assert_eq!(n("7.0").as_u64(), Some(7));
    assert_eq!(n("7.5").as_i64(), None);
    assert_eq!(n("-1").as_u64(), None);
    assert_eq!(n("1.50").as_f64(), 1.5);
    assert_eq!(n("18446744073709551615").as_u64(), Some(u64::MAX));
    assert!(n("1e3").is_integer() && !n("0.5").is_integer());
    assert_eq!(n("7"), n("7.0"));
    assert_eq!(Number::from(7), n("7"));
    assert!(n("1e3") > n("999.5"));
    assert_eq!(serde_json::to_string(&Number::from(7.0)).unwrap(), "7.0");
    assert_eq!(serde_json::to_string(&Number::from(7)).unwrap(), "7");
    assert_eq!(serde_json::to_string(&Number::from(u64::MAX)).unwrap(), "18446744073709551615");
    for bad in ["", "-", "01", "1.", ".5", "1e", "+1", "NaN", "1 ", "0x10"] {
        assert!(bad.parse::<Number>().is_err(), "{bad:?} parsed");
    }
}
