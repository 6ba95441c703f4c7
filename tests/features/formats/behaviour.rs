use feature_formats::{Event, Validate};
use serde_json::json;

#[test]
fn annotated_formats_keep_the_text() {
    // `format` only annotates here: any string is valid, and it is kept as sent.
    let e: Event = serde_json::from_value(json!({ "at": "2024-02-29T12:00:00+01:00", "seconds": 1, "later": null })).unwrap();
    assert_eq!(e.at, "2024-02-29T12:00:00+01:00");
    assert_eq!(e.later, Some(None));
    let e: Event = serde_json::from_value(json!({ "at": "not a date", "seconds": 1 })).unwrap();
    e.validate().unwrap();
    assert_eq!(serde_json::to_value(&e).unwrap()["at"], "not a date");
}

#[test]
fn asserted_formats_are_types_or_checks() {
    use feature_formats::asserted::Stamped;
    let s: Stamped = serde_json::from_value(json!({ "at": "2024-02-29T12:00:00Z", "site": "https://example.com/a" })).unwrap();
    assert_eq!(s.at.timestamp(), 1_709_208_000);
    s.validate().unwrap();
    assert!(serde_json::from_value::<Stamped>(json!({ "at": "not a date" })).is_err());
    // The offset is kept when written back.
    let s: Stamped = serde_json::from_value(json!({ "at": "2024-02-29T12:00:00.5+01:00" })).unwrap();
    assert_eq!(s.at.timestamp(), 1_709_204_400);
    assert_eq!(serde_json::to_value(&s).unwrap()["at"], "2024-02-29T12:00:00.500+01:00");
    // Read as the format reads it: chrono alone would take a space or any leap second.
    for valid in ["1998-12-31T15:59:60.123-08:00", "1963-06-19t08:30:06.283185z"] {
        assert!(serde_json::from_value::<Stamped>(json!({ "at": valid })).is_ok(), "{valid}");
    }
    for invalid in ["2024-02-29 12:00:00Z", "1998-12-31T23:58:60Z", "1990-02-31T15:59:59Z", "1985-04-12T23:20:50+01"] {
        assert!(serde_json::from_value::<Stamped>(json!({ "at": invalid })).is_err(), "{invalid}");
    }
    // Other formats, and a date-time with string checks, are checks of the text.
    let s: Stamped = serde_json::from_value(json!({ "at": "2024-02-29T12:00:00Z", "site": "not a uri", "stamp": "yesterday", "any": "nobody" })).unwrap();
    let found: Vec<_> = s.validate().unwrap_err().errors().iter().map(|e| (e.pointer.clone(), e.keyword)).collect();
    assert_eq!(found, [("/site".to_owned(), "format"), ("/stamp".to_owned(), "format"), ("/any".to_owned(), "format")]);
    // A format applies to strings only.
    let s: Stamped = serde_json::from_value(json!({ "at": "2024-02-29T12:00:00Z", "any": 3 })).unwrap();
    s.validate().unwrap();
}

#[test]
fn numeric_checks() {
    let e: Event = serde_json::from_value(json!({ "at": "2024-02-29T12:00:00Z", "seconds": -1, "ratio": 0.3 })).unwrap();
    let errors = e.validate().unwrap_err();
    let found: Vec<_> = errors.errors().iter().map(|e| (e.pointer.as_str(), e.keyword)).collect();
    assert_eq!(found, [("/seconds", "minimum"), ("/ratio", "multipleOf")]);
    let e: Event = serde_json::from_value(json!({ "at": "2024-02-29T12:00:00Z", "seconds": 0, "ratio": 0.75 })).unwrap();
    e.validate().unwrap();
}

#[test]
fn a_date_time_with_string_checks_stays_text() {
    // `maxLength` and `pattern` need the text as sent, so the value is a `String`.
    let e: Event = serde_json::from_value(serde_json::json!({ "at": "2024-01-01T00:00:00Z", "seconds": 1, "later": null, "stamp": "2024-01-01T00:00:00+01:00" })).unwrap();
    let stamp: Option<String> = e.stamp.clone();
    assert_eq!(stamp.as_deref(), Some("2024-01-01T00:00:00+01:00"));
    let keywords: Vec<_> = e.validate().unwrap_err().errors().iter().map(|e| e.keyword).collect();
    assert_eq!(keywords, ["maxLength", "pattern"]);
}

#[test]
fn format_types_keep_the_text_and_parse_on_demand() {
    use feature_formats::asserted::Stamped;
    use feature_formats::runtime::formats::{Date, Ipv6};
    // Annotated: any text is valid and kept; the accessors say whether it parses.
    let json = json!({ "at": "x", "seconds": 0, "day": "2024-02-29", "host": "2001:db8:0:0::1", "id": "not a uuid" });
    let e: Event = serde_json::from_value(json.clone()).unwrap();
    e.validate().unwrap();
    let host: &Ipv6 = e.host.as_ref().unwrap();
    assert_eq!(host.to_ip().unwrap().to_string(), "2001:db8::1");
    assert_eq!(serde_json::to_value(&e).unwrap(), json, "the text is written back uncompressed");
    let day: &Date = e.day.as_ref().unwrap();
    assert_eq!(day.to_date().unwrap().to_string(), "2024-02-29");
    assert!(e.id.as_ref().unwrap().to_bytes().is_err());
    // Asserted: `validate()` checks the text, and string checks still apply.
    let s: Stamped = serde_json::from_value(json!({
        "at": "2024-02-29T12:00:00Z", "day": "2024-02-30", "at_time": "08:30:00Z", "addr": "192.0.2.1",
        "contact": "nobody"
    }))
    .unwrap();
    let found: Vec<_> = s.validate().unwrap_err().errors().iter().map(|e| e.pointer.clone()).collect();
    assert_eq!(found, ["/day", "/contact"]);
    assert_eq!(s.addr.as_ref().unwrap().to_ip().unwrap(), std::net::Ipv4Addr::new(192, 0, 2, 1));
    assert_eq!(s.at_time.as_ref().unwrap().to_time().unwrap().0.to_string(), "08:30:00");
    // Built from text, like any string field.
    let built = Stamped::builder().at(s.at).day("2024-03-01").build().unwrap();
    assert_eq!(built.day.as_deref(), Some("2024-03-01"));
}

#[test]
fn crate_formats_are_the_crates_types_and_normalise() {
    use feature_formats::crate_types::Host;
    let h: Host = serde_json::from_value(json!({
        "id": "123E4567-E89B-12D3-A456-426614174000", "born": "2024-02-29", "v4": "192.0.2.1",
        "v6": "2001:db8:0:0::1", "home": "HTTPS://Example.com", "short": "x", "mail": "nobody"
    }))
    .unwrap();
    let id: uuid::Uuid = h.id;
    assert_eq!(id.as_bytes()[..2], [0x12, 0x3e]);
    let born: Option<chrono::NaiveDate> = h.born;
    assert_eq!(born.unwrap().to_string(), "2024-02-29");
    assert_eq!(h.v4, Some(std::net::Ipv4Addr::new(192, 0, 2, 1)));
    let home: &url::Url = h.home.as_ref().unwrap();
    assert_eq!(home.scheme(), "https");
    // Written back in the crates' normal forms, as the setting says.
    let out = serde_json::to_value(&h).unwrap();
    assert_eq!(out["id"], "123e4567-e89b-12d3-a456-426614174000");
    assert_eq!(out["v6"], "2001:db8::1");
    assert_eq!(out["home"], "https://example.com/");
    // A format with other string checks stays text, checked; other formats are checks.
    let keywords: Vec<_> = h.validate().unwrap_err().errors().iter().map(|e| (e.pointer.clone(), e.keyword)).collect();
    assert_eq!(keywords, [("/short".to_owned(), "format"), ("/mail".to_owned(), "format")]);
    // What the crate's type refuses fails to read.
    for (field, bad) in [("id", "nope"), ("born", "2023-02-29"), ("v4", "192.0.2.01"), ("v6", "::g"), ("home", "not a uri")] {
        let mut v = json!({ "id": "123e4567-e89b-12d3-a456-426614174000" });
        v[field] = json!(bad);
        assert!(serde_json::from_value::<Host>(v).is_err(), "{field} = {bad}");
    }
}
