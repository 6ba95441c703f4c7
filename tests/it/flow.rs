//! The whole portal-session flow through `billing-types`, as OpenMeter runs it: its
//! request in, the form body Stripe receives out, Stripe's real session in, OpenMeter's
//! `201` out; and the failure paths, typed.

use billing_types::mappings::{PortalErrorContext, PortalRequestContext};
use billing_types::openmeter::{
    BillingAppStripeCreateCustomerPortalSessionResult as PortalResult,
    CreateCustomerStripePortalSession, CreateCustomerStripePortalSessionResponse,
};
use billing_types::runtime::http;
use billing_types::stripe::{
    BillingPortalSession, BillingPortalSessionCreateParams, PostBillingPortalSessions,
    PostBillingPortalSessionsResponse,
};
use serde_json::json;

const CUSTOMER_PATH: &str =
    "/openmeter/customers/01G65Z755AFWAKHE12NY0CQ9FH/billing/stripe/portal-sessions";

fn openmeter_request(body: serde_json::Value) -> http::Request<Vec<u8>> {
    http::Request::post(format!("https://openmeter.example{CUSTOMER_PATH}"))
        .header("content-type", "application/json")
        .body(body.to_string().into_bytes())
        .unwrap()
}

/// OpenMeter's request and the Stripe customer of its customer become, byte for byte,
/// the request Stripe receives: `locale` included (OpenMeter's adapter drops it).
#[test]
fn openmeter_s_request_becomes_stripe_s_form_body() {
    let incoming = openmeter_request(json!({
        "stripe_options": {
            "configuration_id": "bpc_1Pgc7HB7WZ01zgkWxH2EPWRX",
            "locale": "fr-CA",
            "return_url": "https://example.com/a b?x=1&y=é"
        }
    }));
    let request = CreateCustomerStripePortalSession::from_request(&incoming).unwrap();
    assert_eq!(request.customer_id.0, "01G65Z755AFWAKHE12NY0CQ9FH");
    // The Stripe customer is stored with OpenMeter's customer, not sent in the request.
    let context = PortalRequestContext { customer: "cus_QXg1o8vcGmoR32".into() };
    let params = BillingPortalSessionCreateParams::try_from((&request.body, &context)).unwrap();
    let outgoing = PostBillingPortalSessions { body: Some(params) }
        .to_request("https://api.stripe.com")
        .unwrap();
    assert_eq!(outgoing.method(), http::Method::POST);
    assert_eq!(outgoing.uri(), "https://api.stripe.com/v1/billing_portal/sessions");
    assert_eq!(outgoing.headers()["content-type"], "application/x-www-form-urlencoded");
    assert_eq!(
        std::str::from_utf8(outgoing.body()).unwrap(),
        "configuration=bpc_1Pgc7HB7WZ01zgkWxH2EPWRX&customer=cus_QXg1o8vcGmoR32&locale=fr-CA&return_url=https%3A%2F%2Fexample.com%2Fa+b%3Fx%3D1%26y%3D%C3%A9"
    );
    // A locale newer than the schema is sent as it came; absent options stay absent.
    let newer = openmeter_request(json!({ "stripe_options": { "locale": "cy" } }));
    let request = CreateCustomerStripePortalSession::from_request(&newer).unwrap();
    let params = BillingPortalSessionCreateParams::try_from((&request.body, &context)).unwrap();
    let outgoing = PostBillingPortalSessions { body: Some(params) }
        .to_request("https://api.stripe.com")
        .unwrap();
    assert_eq!(
        std::str::from_utf8(outgoing.body()).unwrap(),
        "customer=cus_QXg1o8vcGmoR32&locale=cy"
    );
}

/// OpenMeter's request is checked by its schema before anything is sent on.
#[test]
fn openmeter_refuses_a_request_its_schema_refuses() {
    let unknown = openmeter_request(json!({ "stripe_options": { "colour": "red" } }));
    assert!(CreateCustomerStripePortalSession::from_request(&unknown).is_err());
    let bad_id =
        http::Request::post("/openmeter/customers/not-a-ulid/billing/stripe/portal-sessions")
            .header("content-type", "application/json")
            .body(br#"{"stripe_options":{}}"#.to_vec())
            .unwrap();
    match CreateCustomerStripePortalSession::from_request(&bad_id) {
        Err(billing_types::runtime::IncomingError::Invalid(errors)) => {
            assert_eq!(errors.errors()[0].pointer, "/customerId")
        }
        other => panic!("{other:?}"),
    }
}

/// Stripe's real session (the 2026 fixture) comes back through Stripe's response enum,
/// becomes OpenMeter's result and goes out as its `201`.
#[test]
fn stripe_s_session_becomes_openmeter_s_201() {
    let Some(text) =
        test_support::stripe_fixture_text("fixtures3.2026-08-21.json", "billing_portal.session")
    else {
        return;
    };
    let response = http::Response::builder()
        .status(200)
        .header("content-type", "application/json")
        .body(text.into_bytes())
        .unwrap();
    let session: Box<BillingPortalSession> =
        match PostBillingPortalSessionsResponse::from_response(&response).unwrap() {
            PostBillingPortalSessionsResponse::Ok200(session) => session,
            other => panic!("{other:?}"),
        };
    let result = PortalResult::try_from(&*session).unwrap();
    let sent = CreateCustomerStripePortalSessionResponse::Created201(Box::new(result))
        .to_response()
        .unwrap();
    assert_eq!(sent.status(), 201);
    assert_eq!(sent.headers()["content-type"], "application/json");
    let body: serde_json::Value = serde_json::from_slice(sent.body()).unwrap();
    assert_eq!(
        body,
        json!({
            "id": "bps_1Pgc7HB7WZ01zgkWNs8s9Auh",
            "stripe_customer_id": "cus_QXg1o8vcGmoR32",
            "configuration_id": "bpc_1Pgc7HB7WZ01zgkWxH2EPWRX",
            "livemode": true,
            "created_at": "2009-02-13T23:31:30Z",
            "return_url": "https://example.com/account",
            "locale": "auto",
            "url": "https://sangeekp-15t6ai--customer_portal-mydev.dev.stripe.me/session/{SESSION_SECRET}"
        })
    );
}

/// The failure paths are typed too: Stripe's error for an unknown customer, and
/// OpenMeter's problem+json for a bad request.
#[test]
fn errors_on_both_sides_are_typed() {
    let stripe_error = json!({ "error": {
        "type": "invalid_request_error",
        "code": "resource_missing",
        "message": "No such customer: 'cus_missing'",
        "param": "customer",
        "doc_url": "https://stripe.com/docs/error-codes/resource-missing",
        "request_log_url": "https://dashboard.stripe.com/test/logs/req_1",
        "requestId": "req_1"
    }});
    let response = http::Response::builder()
        .status(404)
        .header("content-type", "application/json")
        .body(stripe_error.to_string().into_bytes())
        .unwrap();
    match PostBillingPortalSessionsResponse::from_response(&response).unwrap() {
        PostBillingPortalSessionsResponse::Default(status, error) => {
            assert_eq!(status, 404);
            assert_eq!(error.error.code.as_deref(), Some("resource_missing"));
            assert_eq!(error.error.param.as_deref(), Some("customer"));
            // What the trimmed schema does not list is kept, not lost.
            assert_eq!(serde_json::to_value(&*error).unwrap(), stripe_error);
        }
        other => panic!("{other:?}"),
    }

    let problem = json!({
        "status": 400,
        "title": "Bad Request",
        "instance": "kong:trace:1234567890",
        "detail": "The request is invalid.",
        "invalid_parameters": [{ "field": "stripe_options.locale", "reason": "is not a locale", "source": "body", "rule": "invalid" }]
    });
    let response = http::Response::builder()
        .status(400)
        .header("content-type", "application/problem+json")
        .body(problem.to_string().into_bytes())
        .unwrap();
    match CreateCustomerStripePortalSessionResponse::from_response(&response).unwrap() {
        CreateCustomerStripePortalSessionResponse::BadRequest400(error) => {
            assert_eq!(error.invalid_parameters[0].field, "stripe_options.locale");
            assert_eq!(error.status, 400);
        }
        other => panic!("{other:?}"),
    }
}

/// Stripe's error becomes the problem OpenMeter answers: through the third mapping, by
/// case, each written as OpenMeter's `http::Response`.
#[test]
fn stripe_s_errors_become_openmeter_s_problems() {
    let answer = |status: u16, error: serde_json::Value| -> (u16, String, serde_json::Value) {
        let response = http::Response::builder()
            .status(status)
            .header("content-type", "application/json")
            .body(error.to_string().into_bytes())
            .unwrap();
        let PostBillingPortalSessionsResponse::Default(status, error) =
            PostBillingPortalSessionsResponse::from_response(&response).unwrap()
        else {
            panic!("not Stripe's error")
        };
        let context = PortalErrorContext {
            status: i64::from(status.as_u16()),
            instance: "kong:trace:1234567890".to_owned(),
        };
        let ours =
            CreateCustomerStripePortalSessionResponse::try_from((&*error, &context)).unwrap();
        let sent = ours.to_response().unwrap();
        let media = sent.headers()["content-type"].to_str().unwrap().to_owned();
        (sent.status().as_u16(), media, serde_json::from_slice(sent.body()).unwrap())
    };
    let missing = json!({ "error": {
        "type": "invalid_request_error", "code": "resource_missing", "param": "customer",
        "message": "No such customer: 'cus_missing'",
        "doc_url": "https://stripe.com/docs/error-codes/resource-missing"
    }});
    assert_eq!(
        answer(404, missing),
        (
            404,
            "application/problem+json".to_owned(),
            json!({
                "status": 404, "title": "Not Found", "instance": "kong:trace:1234567890",
                "type": "https://stripe.com/docs/error-codes/resource-missing",
                "detail": "No such customer: 'cus_missing'"
            })
        )
    );
    let invalid = json!({ "error": {
        "type": "invalid_request_error", "param": "return_url", "message": "Not a valid URL"
    }});
    assert_eq!(
        answer(400, invalid).2,
        json!({
            "status": 400, "title": "Bad Request", "instance": "kong:trace:1234567890",
            "detail": "Not a valid URL",
            "invalid_parameters": [{ "field": "return_url", "source": "body", "reason": "Not a valid URL" }]
        })
    );
    // Stripe refusing the billing API's own key is the billing API's failure: a 500 that
    // does not pass Stripe's message on.
    let unauthorized = json!({ "error": {
        "type": "invalid_request_error", "message": "Invalid API Key provided: sk_test_****"
    }});
    let (status, _, body) = answer(401, unauthorized);
    assert_eq!(status, 500);
    assert_eq!(body["detail"], "The payment provider could not open the portal session.");
}

/// The README's builders: Stripe's request and OpenMeter's result, built and checked.
#[test]
fn both_sides_build_with_builders() {
    use billing_types::stripe::BillingPortalSessionCreateParamsLocale as Locale;
    let params = BillingPortalSessionCreateParams::builder()
        .customer("cus_Q5vgx1Yx")
        .locale("fr-CA".parse::<Locale>().unwrap())
        .return_url("https://billing.example/done")
        .build()
        .unwrap();
    let body = PostBillingPortalSessions { body: Some(params) }
        .to_request("https://api.stripe.com")
        .unwrap()
        .into_body();
    assert_eq!(
        String::from_utf8(body).unwrap(),
        "customer=cus_Q5vgx1Yx&locale=fr-CA&return_url=https%3A%2F%2Fbilling.example%2Fdone"
    );
    let result = PortalResult::builder()
        .id("bps_1")
        .url("https://billing.stripe.com/p/session/x")
        .stripe_customer_id("cus_Q5vgx1Yx")
        .configuration_id("bpc_1")
        .livemode(false)
        .created_at(chrono::DateTime::from_timestamp(0, 0).unwrap().fixed_offset())
        .return_url("")
        .locale("auto")
        .build()
        .unwrap();
    assert_eq!(serde_json::to_value(&result).unwrap()["created_at"], "1970-01-01T00:00:00Z");
    // A required field forgotten is named, not defaulted.
    let err = PortalResult::builder().id("bps_1").build().unwrap_err();
    assert!(err.to_string().starts_with("cannot build `BillingAppStripeCreateCustomerPortalSessionResult`: required fields `stripe_customer_id`, `configuration_id`"), "{err}");
}
