//! Form bodies as Stripe reads them, byte for byte.

use std::collections::BTreeMap;

use schemagen_runtime::{form_pairs, to_form, FormNode, Number};
use serde::{Deserialize, Serialize};

/// The 2022 `PostBillingPortalSessions` body, its properties in the schema's order.
#[derive(Serialize, Deserialize, Default, Debug, PartialEq)]
struct PortalSession {
    #[serde(skip_serializing_if = "Option::is_none")]
    configuration: Option<String>,
    customer: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    expand: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    locale: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    on_behalf_of: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    return_url: Option<String>,
}

#[test]
fn stripe_reference_bytes() {
    let body = PortalSession {
        customer: "cus_123".into(),
        expand: Some(vec!["customer".into(), "configuration".into()]),
        locale: Some("fr-CA".into()),
        return_url: Some("https://example.com/a b?x=1&y=é".into()),
        ..PortalSession::default()
    };
    assert_eq!(
        to_form(&body).unwrap(),
        "customer=cus_123&expand[0]=customer&expand[1]=configuration&locale=fr-CA&return_url=https%3A%2F%2Fexample.com%2Fa+b%3Fx%3D1%26y%3D%C3%A9"
    );
    // A form decoder gives the pairs back.
    let text = to_form(&body).unwrap();
    let decoded: Vec<(String, String)> = form_urlencoded::parse(text.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    assert_eq!(decoded[4], ("return_url".to_owned(), "https://example.com/a b?x=1&y=é".to_owned()));
    assert_eq!(decoded[1], ("expand[0]".to_owned(), "customer".to_owned()));
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Nested {
    note: String,
    flag: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    empty: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unset: Option<String>,
    blank: String,
    amount: Number,
    items: Vec<Item>,
    metadata: BTreeMap<String, String>,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Item {
    price: String,
    quantity: i64,
}

#[test]
fn nesting_booleans_absent_empty_and_blank() {
    let body = Nested {
        note: "50% off [x]".into(),
        flag: true,
        empty: Vec::new(),
        unset: None,
        blank: String::new(),
        amount: "1.5".parse().unwrap(),
        items: vec![Item { price: "p_1".into(), quantity: 2 }],
        metadata: [("order id".to_owned(), "a/b".to_owned())].into(),
    };
    assert_eq!(
        to_form(&body).unwrap(),
        "note=50%25+off+%5Bx%5D&flag=true&blank=&amount=1.5&items[0][price]=p_1&items[0][quantity]=2&metadata[order+id]=a%2Fb"
    );
}

#[test]
fn deep_object_parameters_under_a_name() {
    let filter = serde_json::json!({ "id": { "eq": "x y" } });
    assert_eq!(
        form_pairs("filter", &filter).unwrap(),
        [("filter[id][eq]".to_owned(), "x y".to_owned())]
    );
    let expand = vec!["customer"];
    assert_eq!(
        form_pairs("expand", &expand).unwrap(),
        [("expand[0]".to_owned(), "customer".to_owned())]
    );
}

#[test]
fn a_form_is_an_object() {
    assert!(to_form("text").unwrap_err().to_string().contains("holds an object"));
    assert!(to_form(&vec![1]).unwrap_err().to_string().contains("not an array"));
    assert_eq!(to_form(&Option::<PortalSession>::None).unwrap(), "");
}

/// Reads a form back into `T` as a server does.
fn read_back<T: serde::de::DeserializeOwned>(form: &str) -> T {
    T::deserialize(FormNode::parse(form).unwrap()).unwrap()
}

#[test]
fn the_reference_bytes_read_back_into_the_body() {
    let body = PortalSession {
        customer: "cus_123".into(),
        expand: Some(vec!["customer".into(), "configuration".into()]),
        locale: Some("fr-CA".into()),
        return_url: Some("https://example.com/a b?x=1&y=é".into()),
        ..PortalSession::default()
    };
    assert_eq!(read_back::<PortalSession>(&to_form(&body).unwrap()), body);
}

#[test]
fn nesting_numbers_booleans_and_bracketed_keys_read_back() {
    let body = Nested {
        note: "50% off [x]".into(),
        flag: false,
        empty: Vec::new(),
        unset: None,
        blank: String::new(),
        amount: "1e3".parse().unwrap(),
        items: (0..12).map(|i| Item { price: format!("p_{i}"), quantity: i }).collect(),
        // A member name with brackets is encoded, so it is one segment.
        metadata: [("a[b]".to_owned(), "1".to_owned()), ("c d".to_owned(), String::new())].into(),
    };
    let form = to_form(&body).unwrap();
    assert!(form.contains("metadata[a%5Bb%5D]=1"), "{form}");
    let back: Nested = read_back(&form);
    assert_eq!(back, body);
    // Indexes past 9 keep their order (`items[10]` after `items[9]`).
    assert_eq!(back.items[10].price, "p_10");
    assert_eq!(back.amount.to_string(), "1e3");
}

#[test]
fn text_without_a_type_is_read_as_what_it_spells() {
    let tree = FormNode::parse("a=1&b=true&c=x&d=-2.5&e=1&e=2&f[0]=y&g[k]=").unwrap();
    let value = serde_json::Value::deserialize(tree).unwrap();
    assert_eq!(
        value,
        serde_json::json!({"a": 1, "b": true, "c": "x", "d": -2.5, "e": [1, 2], "f": ["y"], "g": {"k": ""}})
    );
    // A typed field reads the same text as a string.
    #[derive(Deserialize)]
    struct Typed {
        a: String,
        e: Vec<String>,
    }
    let typed: Typed = read_back("a=1&e=2");
    assert_eq!((typed.a.as_str(), typed.e), ("1", vec!["2".to_owned()]));
}

#[test]
fn a_key_that_is_both_a_value_and_an_object_is_an_error() {
    assert!(FormNode::parse("a=1&a[b]=2").is_err());
    assert!(FormNode::parse("a[b]=2&a=1").is_err());
}
