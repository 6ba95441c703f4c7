//! Form bodies as Stripe reads them, byte for byte.

use std::collections::BTreeMap;

use schemagen_runtime::{form_pairs, to_form, Number};
use serde::Serialize;

/// The 2022 `PostBillingPortalSessions` body, its properties in the schema's order.
#[derive(Serialize, Default)]
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

#[derive(Serialize)]
struct Nested {
    note: String,
    flag: bool,
    empty: Vec<String>,
    unset: Option<String>,
    blank: String,
    amount: Number,
    items: Vec<Item>,
    metadata: BTreeMap<String, String>,
}

#[derive(Serialize)]
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
