use feature_mapping::api::Summary;
use feature_mapping::crm::Account;
use serde_json::json;

#[test]
fn maps_every_kind_of_field() {
    let account: Account = serde_json::from_value(json!({
        "id": "a1", "plan": "pro", "owner": { "name": "Ann", "email": null },
        "nickname": "annie", "signup": 0, "rank": 3, "active": true
    }))
    .unwrap();
    let summary = Summary::try_from(&account).unwrap();
    assert_eq!(
        serde_json::to_value(&summary).unwrap(),
        json!({
            "id": "a1", "plan": "pro", "owner": { "name": "Ann" }, "owner_name": "Ann",
            "nickname": "annie", "signed_up_at": "1970-01-01T00:00:00Z", "rank": 3, "active": true
        })
    );
}

#[test]
fn nulls_take_their_defaults_and_absent_optionals_stay_absent() {
    let account: Account = serde_json::from_value(json!({
        "id": "a2", "plan": null, "owner": { "name": "Bo", "email": "bo@example.com" }, "signup": 60
    }))
    .unwrap();
    let summary = Summary::try_from(account).unwrap();
    assert_eq!(summary.plan, "free");
    assert!(!summary.active);
    assert_eq!(summary.nickname, None);
    assert_eq!(summary.rank, None);
    assert_eq!(summary.owner.email.as_deref(), Some("bo@example.com"));
}

mod order {
    use feature_mapping::api::{Invoice, InvoicePriority, InvoiceRegion, InvoiceState};
    use feature_mapping::crm::Order;
    use feature_mapping::mappings::OrderToInvoiceContext;
    use serde_json::json;

    fn order(value: serde_json::Value) -> Order {
        serde_json::from_value(value).unwrap()
    }

    fn context() -> OrderToInvoiceContext {
        OrderToInvoiceContext { customer: "cus_1".into(), seats: 3 }
    }

    #[test]
    fn context_enums_paths_json_text_and_constants() {
        let source = order(json!({
            "id": "o1", "status": "paid", "priority": "high", "note": "call first",
            "shipping": { "address": { "city": "Lyon" } },
            "lines": [{ "sku": "pen", "quantity": 2 }]
        }));
        let invoice = Invoice::try_from((&source, &context())).unwrap();
        assert_eq!(invoice.customer, "cus_1");
        assert_eq!(invoice.seats, 3);
        assert_eq!(invoice.state, InvoiceState::Paid);
        assert_eq!(invoice.priority, Some(InvoicePriority::High));
        assert_eq!(invoice.city.as_deref(), Some("Lyon"));
        assert_eq!(invoice.lines, r#"[{"sku":"pen","quantity":2}]"#);
        assert_eq!(invoice.channel, "web");
        assert_eq!(invoice.tags, ["crm", "import"]);
        assert_eq!(invoice.region, InvoiceRegion::Eu);
        let delivery = invoice.delivery.unwrap();
        assert_eq!((delivery.city.as_str(), delivery.carrier.as_deref(), delivery.express), ("Lyon", Some("post"), None));
    }

    #[test]
    fn absent_steps_leave_the_target_absent() {
        for shipping in [json!(null), json!({}), json!({ "address": null }), json!({ "address": {} })] {
            let mut value = json!({ "id": "o2", "status": "draft", "lines": [] });
            if !shipping.is_null() {
                value["shipping"] = shipping;
            }
            let invoice = Invoice::try_from((&order(value), &context())).unwrap();
            assert_eq!((invoice.city, invoice.priority), (None, None));
            assert_eq!(invoice.delivery.unwrap().city, "unknown");
            assert_eq!(invoice.lines, "[]");
        }
    }

    #[test]
    fn unlisted_values_go_to_unknown_or_fail_as_the_mapping_says() {
        let source = order(json!({ "id": "o3", "status": "paid", "priority": "urgent", "lines": [] }));
        let invoice = Invoice::try_from((&source, &context())).unwrap();
        assert_eq!(invoice.priority, Some(InvoicePriority::Unknown("urgent".into())));
        let source = order(json!({ "id": "o4", "status": "refunded", "lines": [] }));
        let error = Invoice::try_from((&source, &context())).unwrap_err();
        assert_eq!((error.target, error.source), ("state", "status"));
        assert_eq!(error.reason, "`refunded` is not a value of `InvoiceState`");
    }
}

/// A mapping to an operation's responses, case by case.
mod failure {
    use feature_mapping::crm::{CreateOrderResponse, Failure};
    use feature_mapping::mappings::FailureToResponseContext;
    use serde_json::{json, Value};

    fn respond(failure: Value, attempt: i64) -> CreateOrderResponse {
        let failure: Failure = serde_json::from_value(failure).unwrap();
        CreateOrderResponse::try_from((&failure, &FailureToResponseContext { attempt })).unwrap()
    }

    fn body(response: &CreateOrderResponse) -> (u16, Value) {
        let response = response.to_response().unwrap();
        let body = serde_json::from_slice(response.body()).unwrap_or(Value::Null);
        (response.status().as_u16(), body)
    }

    #[test]
    fn an_enum_value_and_an_absent_field_choose_the_newtype_response() {
        let r = respond(json!({ "kind": "missing", "message": "no order 7", "retry": false }), 1);
        assert!(matches!(r, CreateOrderResponse::NotFound404(_)), "{r:?}");
        assert_eq!(body(&r), (404, json!({ "code": 404, "title": "missing", "detail": "no order 7" })));
    }

    #[test]
    fn a_later_case_takes_what_an_earlier_one_refuses_and_builds_a_list() {
        // `missing` with a field fails the first case's `present = false`.
        let r = respond(json!({ "kind": "missing", "field": "id", "message": null, "retry": false }), 1);
        assert_eq!(
            body(&r),
            (422, json!({ "code": 422, "title": "invalid", "errors": [{ "field": "id" }, { "field": "kind" }] }))
        );
        let r = respond(json!({ "kind": "invalid", "message": "too long", "retry": true }), 1);
        assert_eq!(
            body(&r).1["errors"],
            json!([{ "field": "?", "why": "too long" }, { "field": "kind" }])
        );
    }

    #[test]
    fn a_response_without_a_body_and_a_range_with_its_status() {
        let r = respond(json!({ "kind": "throttled", "retry": true }), 1);
        assert!(matches!(r, CreateOrderResponse::TooManyRequests429), "{r:?}");
        let r = respond(json!({ "kind": "crashed", "retry": true }), 2);
        assert_eq!(body(&r), (503, json!({ "code": 503, "title": "try again" })));
    }

    #[test]
    fn a_value_no_case_takes_is_an_error() {
        let failure: Failure =
            serde_json::from_value(json!({ "kind": "crashed", "retry": true })).unwrap();
        // The context value is not one the retry case lists.
        let e = CreateOrderResponse::try_from((&failure, &FailureToResponseContext { attempt: 3 }))
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot map `failure_to_response.toml` to `CreateOrderResponse`: no case of the mapping applies"
        );
        let failure: Failure =
            serde_json::from_value(json!({ "kind": "crashed", "retry": false })).unwrap();
        assert!(CreateOrderResponse::try_from((&failure, &FailureToResponseContext { attempt: 1 })).is_err());
    }
}
