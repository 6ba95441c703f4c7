use feature_builders::{BuilderError, Line, Order, OrderStatus, Price};
use serde_json::json;
use std::collections::BTreeSet;

fn order() -> feature_builders::OrderBuilder {
    Order::builder().id("o-1").quantity(2).note_null().lines([Line::builder().sku("A").build().unwrap()])
}

#[test]
fn a_built_value_is_the_value_read_from_its_json() {
    let built = order()
        .status(OrderStatus::Paid)
        .gift(true)
        .parent(order().build().unwrap())
        .price(Price::builder().amount(9.5).build().unwrap())
        .extra("channel", "web")
        .build()
        .unwrap();
    let json = json!({
        "id": "o-1", "quantity": 2, "note": null, "lines": [{ "sku": "A" }], "gift": true,
        "status": "paid", "price": { "amount": 9.5 }, "channel": "web",
        "parent": { "id": "o-1", "quantity": 2, "note": null, "lines": [{ "sku": "A" }] }
    });
    assert_eq!(built, serde_json::from_value::<Order>(json.clone()).unwrap());
    assert_eq!(serde_json::to_value(&built).unwrap(), json);
    // Optional fields not set stay absent; a nullable one set to null is written as null.
    let plain = order().note("hi").build().unwrap();
    assert_eq!(plain.coupon, None);
    assert_eq!(plain.note.as_deref(), Some("hi"));
    assert_eq!(serde_json::to_value(order().gift_null().build().unwrap()).unwrap()["gift"], json!(null));
}

#[test]
fn build_names_every_required_field_not_set() {
    let err = Order::builder().quantity(1).note("x").build().unwrap_err();
    assert_eq!(err, BuilderError::Missing { ty: "Order", fields: vec!["id", "lines"] });
    assert_eq!(err.to_string(), "cannot build `Order`: required fields `id`, `lines` are not set");
    let err = Price::builder().build().unwrap_err();
    assert_eq!(err.to_string(), "cannot build `Price`: required field `amount` is not set");
    // `null` sets a required nullable field: it is not missing.
    assert!(order().build().is_ok());
}

#[test]
fn build_validates_the_value() {
    let err = order().id("x").quantity(0).build().unwrap_err();
    let BuilderError::Invalid { ty: "Order", errors } = &err else { panic!("{err:?}") };
    let text = errors.to_string();
    assert!(text.contains("/id") && text.contains("/quantity"), "{text}");
}

#[test]
fn every_field_optional_gives_default() {
    assert_eq!(Line::default(), Line::builder().build().unwrap());
    assert_eq!(serde_json::to_value(Line::default()).unwrap(), json!({}));
}

/// `Probe::<T>::ORD` is true where `T: Ord`: an inherent constant with a bound wins over
/// the trait's default, which remains where the bound fails.
struct Probe<T>(std::marker::PhantomData<T>);
trait Fallback {
    const ORD: bool = false;
}
impl<T> Fallback for Probe<T> {}
impl<T: Ord + std::hash::Hash> Probe<T> {
    const ORD: bool = true;
}

#[test]
fn comparison_traits_where_every_field_has_them() {
    // Unlisted properties (JSON values) are ordered by the runtime; floats are not.
    const { assert!(Probe::<Line>::ORD) };
    const { assert!(!Probe::<Order>::ORD && !Probe::<Price>::ORD) };
    let lines: BTreeSet<Line> = [Line::builder().sku("b").build().unwrap(), Line::default()].into();
    assert_eq!(lines.first(), Some(&Line::default()));
    // The document's `derives` adds `PartialOrd` where the type can have it.
    let (cheap, dear) = (Price::builder().amount(1).build().unwrap(), Price::builder().amount(2.5).build().unwrap());
    assert!(cheap < dear);
    assert!(order().id("a1").build().unwrap() < order().id("b1").build().unwrap());
}

#[test]
fn schema_defaults_are_read_through_accessors_and_never_written() {
    let plain = order().build().unwrap();
    assert_eq!(plain.status_or_default(), OrderStatus::Open);
    assert_eq!(plain.currency_or_default(), "eur");
    assert_eq!((plain.priority_or_default(), plain.express_or_default()), (3, false));
    assert_eq!(plain.rate_or_default(), 0.5);
    // Absent stays absent when written back.
    let json = serde_json::to_value(&plain).unwrap();
    assert!(json.get("currency").is_none() && json.get("status").is_none(), "{json}");
    let set = order().currency("usd").status(OrderStatus::Paid).priority(1).build().unwrap();
    assert_eq!((set.currency_or_default(), set.status_or_default(), set.priority_or_default()), ("usd", OrderStatus::Paid, 1));
}

#[test]
fn names_that_clash_with_the_generated_methods() {
    use feature_builders::LineLevel;
    // A field `build` is set with `build2`; `build()` still builds.
    let line = Line::builder().build2("nightly").level("Error".parse::<LineLevel>().unwrap()).build().unwrap();
    assert_eq!(line.build.as_deref(), Some("nightly"));
    // Variants `Error` and `Err` beside `TryFrom`'s and `FromStr`'s error types.
    assert_eq!(LineLevel::try_from("Err"), Ok(LineLevel::Err));
    assert_eq!(line.level, Some(LineLevel::Error));
}
