use feature_operations::runtime::http;
use feature_operations::runtime::{BuildError, IncomingError, ResponseError};
use feature_operations::*;
use feature_operations::runtime;

const STRIPE: &str = "https://api.stripe.com";

fn body_text(request: &http::Request<Vec<u8>>) -> &str {
    std::str::from_utf8(request.body()).unwrap()
}

fn portal_session() -> PostBillingPortalSessionsBody {
    serde_json::from_value(serde_json::json!({ "customer": "cus_123" })).unwrap()
}

#[test]
fn a_form_body_is_stripe_s_bytes() {
    let mut body = portal_session();
    body.expand = Some(vec!["customer".into(), "configuration".into()]);
    body.locale = Some(PostBillingPortalSessionsBodyLocale::FrCa);
    body.return_url = Some("https://example.com/a b?x=1&y=é".into());
    let request = PostBillingPortalSessions { body }.to_request(STRIPE).unwrap();
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(request.uri(), "https://api.stripe.com/v1/billing_portal/sessions");
    assert_eq!(request.headers()["content-type"], "application/x-www-form-urlencoded");
    assert_eq!(
        body_text(&request),
        "customer=cus_123&expand[0]=customer&expand[1]=configuration&locale=fr-CA&return_url=https%3A%2F%2Fexample.com%2Fa+b%3Fx%3D1%26y%3D%C3%A9"
    );
    // A form decoder gives the fields back.
    let pairs = feature_operations::runtime::decode(request.body());
    assert_eq!(pairs[4].1, "https://example.com/a b?x=1&y=é");
}

#[test]
fn nested_fields_and_the_empty_string_that_unsets() {
    let mut body = portal_session();
    body.discount = Some(PostBillingPortalSessionsBodyDiscount::PostBillingPortalSessionsBodyDiscountString(
        PostBillingPortalSessionsBodyDiscountString::Empty,
    ));
    body.flow_data = Some(serde_json::from_value(serde_json::json!({
        "type": "subscription_cancel",
        "after_completion": { "redirect": { "return_url": "https://x.test/done" } }
    })).unwrap());
    let request = PostBillingPortalSessions { body }.to_request(&format!("{STRIPE}/")).unwrap();
    assert_eq!(request.uri(), "https://api.stripe.com/v1/billing_portal/sessions");
    assert_eq!(
        body_text(&request),
        "customer=cus_123&discount=&flow_data[type]=subscription_cancel&flow_data[after_completion][redirect][return_url]=https%3A%2F%2Fx.test%2Fdone"
    );
}

#[test]
fn an_invalid_request_is_never_built() {
    let mut body = portal_session();
    body.customer = "c".repeat(5001);
    match (PostBillingPortalSessions { body }).to_request(STRIPE) {
        Err(BuildError::Invalid(errors)) => assert_eq!(errors.errors()[0].pointer, "/body/customer"),
        other => panic!("{other:?}"),
    }
    let list = ListItems { ids: None, tags: None, filter: None, limit: Some(0) };
    assert!(matches!(list.to_request(STRIPE), Err(BuildError::Invalid(_))));
}

#[test]
fn path_query_header_and_a_get_form_in_the_query() {
    let get = GetCustomer {
        customer: "cus/1 é".into(),
        expand: Some(vec!["default_source".into(), "invoice settings".into()]),
        x_trace: Some("t-1".into()),
        body: Some(GetCustomerBody { include_deleted: Some(true), extra: Default::default() }),
    };
    let request = get.to_request("https://api.example.com/base").unwrap();
    assert_eq!(request.method(), http::Method::GET);
    assert_eq!(
        request.uri(),
        "https://api.example.com/base/v1/customers/cus%2F1%20%C3%A9?expand[0]=default_source&expand[1]=invoice+settings&include_deleted=true"
    );
    assert_eq!(request.headers()["X-Trace"], "t-1");
    assert!(request.body().is_empty() && request.headers().get("content-type").is_none());
}

#[test]
fn form_styles_exploded_or_not_and_a_deep_object() {
    let list = ListItems {
        ids: Some(vec![1, 2, 3]),
        tags: Some(vec!["a b".into(), "c,d".into()]),
        filter: Some(serde_json::from_value(serde_json::json!({ "id": { "eq": "x&y" } })).unwrap()),
        limit: Some(10),
    };
    let request = list.to_request("http://localhost:8080").unwrap();
    assert_eq!(
        request.uri(),
        "http://localhost:8080/v1/items?ids=1,2,3&tags=a+b&tags=c%2Cd&filter[id][eq]=x%26y&limit=10"
    );
}

#[test]
fn a_json_body() {
    let create: CreateItem = serde_json::from_value(serde_json::json!({ "body": { "name": "pen", "price": 1.50 } })).unwrap();
    let request = create.to_request("http://localhost").unwrap();
    assert_eq!(request.headers()["content-type"], "application/json");
    assert_eq!(body_text(&request), r#"{"name":"pen","price":1.5}"#);
}

fn response(status: u16, content_type: Option<&str>, body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    if let Some(ct) = content_type {
        builder = builder.header("content-type", ct);
    }
    builder.body(body.as_bytes().to_vec()).unwrap()
}

#[test]
fn responses_by_code_range_default_and_media_type() {
    let ok = response(200, Some("application/json; charset=utf-8"), r#"{"id":"bps_1","url":"https://x"}"#);
    assert!(matches!(PostBillingPortalSessionsResponse::from_response(&ok).unwrap(), PostBillingPortalSessionsResponse::Ok200(s) if s.id == "bps_1"));
    let error = response(402, Some("application/json"), r#"{"error":{"message":"card declined"}}"#);
    match PostBillingPortalSessionsResponse::from_response(&error).unwrap() {
        PostBillingPortalSessionsResponse::Default(status, e) => {
            assert_eq!((status.as_u16(), e.error.message.as_deref()), (402, Some("card declined")));
        }
        other => panic!("{other:?}"),
    }
    let problem = response(404, Some("application/problem+json"), r#"{"title":"Not Found","status":404}"#);
    assert!(matches!(GetCustomerResponse::from_response(&problem).unwrap(), GetCustomerResponse::NotFound404(p) if p.status == 404));
    let deleted = response(204, None, "");
    assert_eq!(
        DeleteV1CustomersCustomerResponse::from_response(&deleted).unwrap(),
        DeleteV1CustomersCustomerResponse::NoContent204(DeleteV1CustomersCustomerNoContent204Headers { x_request_ids: None })
    );
    let failed = response(503, Some("application/json"), r#"{"error":{}}"#);
    assert!(matches!(DeleteV1CustomersCustomerResponse::from_response(&failed).unwrap(), DeleteV1CustomersCustomerResponse::Status5XX(s, _) if s.as_u16() == 503));
    let mut csv = response(200, Some("text/csv"), "id\ncus_1\n");
    csv.headers_mut().insert("x-rate-limit-remaining", http::HeaderValue::from_static("1"));
    let limit = ListItemsOk200Headers { x_rate_limit_remaining: 1, link: None };
    assert_eq!(ListItemsResponse::from_response(&csv).unwrap(), ListItemsResponse::Ok200Csv("id\ncus_1\n".into(), limit));
    let accepted = response(202, Some("application/json"), "{}");
    assert!(matches!(ListItemsResponse::from_response(&accepted).unwrap(), ListItemsResponse::Status2XX(s, _) if s.as_u16() == 202));
}

#[test]
fn what_the_operation_does_not_list_is_an_error_keeping_status_and_bytes() {
    let teapot = response(418, Some("application/json"), "{}");
    match GetCustomerResponse::from_response(&teapot) {
        Err(ResponseError::UnexpectedStatus { status, body }) => assert_eq!((status.as_u16(), body.as_slice()), (418, b"{}".as_slice())),
        other => panic!("{other:?}"),
    }
    let html = response(200, Some("text/html"), "<p>hi</p>");
    assert!(matches!(GetCustomerResponse::from_response(&html), Err(ResponseError::UnexpectedContentType { .. })));
    let broken = response(200, Some("application/json"), "{\"id\":");
    match GetCustomerResponse::from_response(&broken) {
        Err(ResponseError::Body { status, body, .. }) => assert_eq!((status.as_u16(), body.len()), (200, 6)),
        other => panic!("{other:?}"),
    }
}

/// A server (or a test double) reads each built request back into the value built.
#[test]
fn a_server_reads_back_every_request_built() {
    let mut body = portal_session();
    body.expand = Some(vec!["customer".into(), "configuration".into()]);
    body.locale = Some(PostBillingPortalSessionsBodyLocale::FrCa);
    body.return_url = Some("https://example.com/a b?x=1&y=é".into());
    // (`""` reads back as the first branch that takes it, as it does from JSON.)
    body.discount = Some(PostBillingPortalSessionsBodyDiscount::String("co_1 2".into()));
    body.flow_data = Some(serde_json::from_value(serde_json::json!({
        "type": "subscription_cancel",
        "after_completion": { "redirect": { "return_url": "https://x.test/done" } }
    })).unwrap());
    let post = PostBillingPortalSessions { body };
    let request = post.to_request(STRIPE).unwrap();
    assert_eq!(PostBillingPortalSessions::from_request(&request).unwrap(), post);

    // Under a prefix; an encoded `/` stays in its segment; a GET's form in the query.
    let get = GetCustomer {
        customer: "cus/1 é,2".into(),
        expand: Some(vec!["default_source".into(), "invoice settings".into()]),
        x_trace: Some("t-1".into()),
        body: Some(GetCustomerBody { include_deleted: Some(true), extra: Default::default() }),
    };
    let request = get.to_request("https://api.example.com/base").unwrap();
    assert_eq!(GetCustomer::from_request(&request).unwrap(), get);
    let bare = GetCustomer { customer: "c".into(), expand: None, x_trace: None, body: None };
    assert_eq!(GetCustomer::from_request(&bare.to_request(STRIPE).unwrap()).unwrap(), bare);

    let list = ListItems {
        ids: Some(vec![1, 2, 3]),
        tags: Some(vec!["a b".into(), "c,d".into()]),
        filter: Some(serde_json::from_value(serde_json::json!({ "id": { "eq": "x&y" } })).unwrap()),
        limit: Some(10),
    };
    assert_eq!(ListItems::from_request(&list.to_request(STRIPE).unwrap()).unwrap(), list);
    // One item of an exploded list is a list of one.
    let one = ListItems { ids: Some(vec![7]), tags: Some(vec!["t".into()]), filter: None, limit: None };
    assert_eq!(ListItems::from_request(&one.to_request(STRIPE).unwrap()).unwrap(), one);

    let create: CreateItem = serde_json::from_str(r#"{ "body": { "name": "pen", "price": 1.50 } }"#).unwrap();
    let request = create.to_request("http://localhost").unwrap();
    let back = CreateItem::from_request(&request).unwrap();
    assert_eq!(back, create);
    assert_eq!(back.body.price.unwrap().to_string(), "1.50");
}

fn request_with(method: &str, uri: &str, content_type: Option<&str>, body: &str) -> http::Request<Vec<u8>> {
    let mut builder = http::Request::builder().method(method).uri(uri);
    if let Some(ct) = content_type {
        builder = builder.header("content-type", ct);
    }
    builder.body(body.as_bytes().to_vec()).unwrap()
}

#[test]
fn a_request_of_another_operation_or_with_bad_parameters_is_refused() {
    let wrong_method = request_with("POST", "/v1/items?limit=5", None, "");
    assert!(matches!(ListItems::from_request(&wrong_method), Err(IncomingError::Route(_))));
    let wrong_path = request_with("GET", "/v1/customers/c", None, "");
    assert!(matches!(ListItems::from_request(&wrong_path), Err(IncomingError::Route(_))));
    match ListItems::from_request(&request_with("GET", "/v1/items?limit=ten", None, "")) {
        Err(IncomingError::Read { place, name, .. }) => assert_eq!((place, name.as_str()), ("query parameter", "limit")),
        other => panic!("{other:?}"),
    }
    match ListItems::from_request(&request_with("GET", "/v1/items?limit=0", None, "")) {
        Err(IncomingError::Invalid(errors)) => assert_eq!(errors.errors()[0].pointer, "/limit"),
        other => panic!("{other:?}"),
    }
    let text = request_with("POST", "/v1/items", Some("text/plain"), "pen");
    assert!(matches!(CreateItem::from_request(&text), Err(IncomingError::ContentType { .. })));
    // A required body that is missing.
    let empty = request_with("POST", "/v1/items", None, "");
    assert!(matches!(CreateItem::from_request(&empty), Err(IncomingError::Read { place: "body", .. })));
    // A request struct takes no other field: an unknown form field is refused.
    let unknown = request_with("POST", "/v1/billing_portal/sessions", Some("application/x-www-form-urlencoded"), "customer=c&colour=red");
    assert!(matches!(PostBillingPortalSessions::from_request(&unknown), Err(IncomingError::Read { .. })));
}

#[test]
fn each_response_variant_is_written_and_read_back() {
    let session: Session = serde_json::from_str(r#"{"id":"bps_1","url":"https://x"}"#).unwrap();
    let error: Error = serde_json::from_str(r#"{"error":{"message":"declined"}}"#).unwrap();
    let problem: Problem = serde_json::from_str(r#"{"title":"Not Found","status":404}"#).unwrap();
    let posts = [
        PostBillingPortalSessionsResponse::Ok200(Box::new(session)),
        PostBillingPortalSessionsResponse::Default(http::StatusCode::PAYMENT_REQUIRED, Box::new(error.clone())),
    ];
    for variant in posts {
        let response = variant.to_response().unwrap();
        assert_eq!(PostBillingPortalSessionsResponse::from_response(&response).unwrap(), variant);
    }
    let deletes = [
        DeleteV1CustomersCustomerResponse::NoContent204(DeleteV1CustomersCustomerNoContent204Headers { x_request_ids: None }),
        DeleteV1CustomersCustomerResponse::NotFound404(Box::new(problem.clone())),
        DeleteV1CustomersCustomerResponse::Status5XX(http::StatusCode::BAD_GATEWAY, Box::new(error)),
    ];
    for variant in deletes {
        let response = variant.to_response().unwrap();
        assert_eq!(DeleteV1CustomersCustomerResponse::from_response(&response).unwrap(), variant);
    }
    let csv = ListItemsResponse::Ok200Csv("id\ncus_1\n".into(), ListItemsOk200Headers { x_rate_limit_remaining: 5, link: Some("<a>".into()) });
    let response = csv.to_response().unwrap();
    assert_eq!(response.headers()["content-type"], "text/csv");
    assert_eq!(ListItemsResponse::from_response(&response).unwrap(), csv);
    let not_found = GetCustomerResponse::NotFound404(Box::new(problem.clone())).to_response().unwrap();
    assert_eq!((not_found.status().as_u16(), not_found.headers()["content-type"].to_str().unwrap()), (404, "application/problem+json"));
    // A body that does not validate is not sent.
    let mut invalid = problem;
    invalid.title = String::new();
    assert!(matches!(GetCustomerResponse::NotFound404(Box::new(invalid)).to_response(), Err(BuildError::Invalid(_))));
}

fn upload() -> PostFiles {
    PostFiles {
        body: PostFilesBody {
            expand: Some(vec!["links".into()]),
            file: runtime::Binary::new(b"%PDF-1.4\r\n\x00\xff".to_vec()).filename("evidence.pdf").content_type("application/pdf"),
            attachments: Some(vec![runtime::Binary::new(b"a".to_vec()), runtime::Binary::new(b"b".to_vec())]),
            file_link_data: Some(PostFilesBodyFileLinkData {
                create: true,
                metadata: Some([("order id".to_owned(), "7".to_owned())].into()),
                extra: Default::default(),
            }),
            purpose: PostFilesBodyPurpose::DisputeEvidence,
        },
    }
}

#[test]
fn a_multipart_body_sends_files_as_bytes_and_fields_as_parts() {
    let request = upload().to_request(STRIPE).unwrap();
    let content_type = request.headers()["content-type"].to_str().unwrap().to_owned();
    assert_eq!(content_type, "multipart/form-data; boundary=schemagen-boundary-00000000");
    let parts = runtime::Parts::decode(request.body(), "schemagen-boundary-00000000").unwrap().0;
    type Summary<'a> = (&'a str, Option<&'a str>, Option<&'a str>, &'a [u8]);
    let summary: Vec<Summary> = parts
        .iter()
        .map(|p| (p.name.as_str(), p.filename.as_deref(), p.content_type.as_deref(), p.body.as_slice()))
        .collect();
    assert_eq!(
        summary,
        [
            ("expand[0]", None, None, b"links".as_slice()),
            ("file", Some("evidence.pdf"), Some("application/pdf"), b"%PDF-1.4\r\n\x00\xff".as_slice()),
            ("attachments", Some("attachments"), Some("application/octet-stream"), b"a".as_slice()),
            ("attachments", Some("attachments"), Some("application/octet-stream"), b"b".as_slice()),
            ("file_link_data[create]", None, None, b"true".as_slice()),
            ("file_link_data[metadata][order id]", None, None, b"7".as_slice()),
            ("purpose", None, None, b"dispute_evidence".as_slice()),
        ]
    );
    // A server reads the parts back into the typed body, with the file names and media
    // types they were sent with.
    let mut sent = upload();
    for file in sent.body.attachments.iter_mut().flatten() {
        *file = file.clone().filename("attachments").content_type("application/octet-stream");
    }
    assert_eq!(PostFiles::from_request(&request).unwrap(), sent);
}

#[test]
fn a_body_of_several_media_types_is_sent_as_the_variant_chosen() {
    let event: Event = serde_json::from_str(r#"{"id":"e1","source":"s","type":"t","data":{"tokens":3}}"#).unwrap();
    let single = IngestEvents { body: IngestEventsBody::Cloudevents(Box::new(event.clone())) };
    let request = single.to_request("http://localhost").unwrap();
    assert_eq!(request.headers()["content-type"], "application/cloudevents+json");
    assert_eq!(body_text(&request), r#"{"id":"e1","source":"s","type":"t","data":{"tokens":3}}"#);
    assert_eq!(IngestEvents::from_request(&request).unwrap(), single);
    let batch = IngestEvents { body: IngestEventsBody::CloudeventsBatch(vec![event.clone(), event]) };
    let request = batch.to_request("http://localhost").unwrap();
    assert_eq!(request.headers()["content-type"], "application/cloudevents-batch+json");
    assert_eq!(IngestEvents::from_request(&request).unwrap(), batch);
    // Each variant is checked by its own schema: a batch needs one event.
    let empty = IngestEvents { body: IngestEventsBody::CloudeventsBatch(vec![]) };
    assert!(matches!(empty.to_request("http://localhost"), Err(BuildError::Invalid(_))));
    // A media type the operation does not take is refused.
    let xml = request_with("POST", "/events", Some("application/xml"), "<e/>");
    assert!(matches!(IngestEvents::from_request(&xml), Err(IncomingError::ContentType { .. })));
}

#[test]
fn bodies_of_bytes_and_text() {
    let png = PostBlob { id: "b1".into(), body: runtime::Binary::new(vec![0x89, b'P', b'N', b'G']) };
    let request = png.to_request("http://localhost").unwrap();
    assert_eq!(request.headers()["content-type"], "image/png");
    assert_eq!(request.body().as_slice(), b"\x89PNG");
    let back = PostBlob::from_request(&request).unwrap();
    assert_eq!((back.body.bytes, back.body.content_type.as_deref()), (png.body.bytes, Some("image/png")));

    let text = PutBlob { id: "b1".into(), body: Some(PutBlobBody::Plain("hello".into())) };
    let request = text.to_request("http://localhost").unwrap();
    assert_eq!((request.headers()["content-type"].to_str().unwrap(), body_text(&request)), ("text/plain", "hello"));
    assert_eq!(PutBlob::from_request(&request).unwrap(), text);
    let bytes = PutBlob { id: "b1".into(), body: Some(PutBlobBody::OctetStream(runtime::Binary::new(b"\x00\x01".to_vec()))) };
    let request = bytes.to_request("http://localhost").unwrap();
    assert_eq!(request.headers()["content-type"], "application/octet-stream");
    let none = PutBlob { id: "b1".into(), body: None };
    assert_eq!(PutBlob::from_request(&none.to_request("http://localhost").unwrap()).unwrap(), none);
    // The text variant keeps its schema's checks.
    let long = PutBlob { id: "b1".into(), body: Some(PutBlobBody::Plain("x".repeat(11))) };
    assert!(matches!(long.to_request("http://localhost"), Err(BuildError::Invalid(_))));
}

#[test]
fn declared_response_headers_are_typed_both_ways() {
    let mut page = response(200, Some("text/csv"), "id\n");
    page.headers_mut().insert("x-rate-limit-remaining", http::HeaderValue::from_static("42"));
    page.headers_mut().insert("link", http::HeaderValue::from_static("</v1/items?page=2>; rel=\"next\""));
    match ListItemsResponse::from_response(&page).unwrap() {
        ListItemsResponse::Ok200Csv(text, headers) => {
            assert_eq!(text, "id\n");
            assert_eq!(headers.x_rate_limit_remaining, 42);
            assert_eq!(headers.link.as_deref(), Some("</v1/items?page=2>; rel=\"next\""));
        }
        other => panic!("{other:?}"),
    }
    // A required header that is missing, or that does not read as its type, is an error.
    let missing = response(200, Some("text/csv"), "id\n");
    assert!(matches!(ListItemsResponse::from_response(&missing), Err(ResponseError::Headers { .. })));
    let mut wrong = response(200, Some("text/csv"), "id\n");
    wrong.headers_mut().insert("x-rate-limit-remaining", http::HeaderValue::from_static("many"));
    assert!(matches!(ListItemsResponse::from_response(&wrong), Err(ResponseError::Headers { .. })));

    // Written and read back; a list header is comma-separated.
    let deleted = DeleteV1CustomersCustomerResponse::NoContent204(DeleteV1CustomersCustomerNoContent204Headers {
        x_request_ids: Some(vec!["r1".into(), "r2".into()]),
    });
    let sent = deleted.to_response().unwrap();
    assert_eq!(sent.headers()["x-request-ids"], "r1,r2");
    assert_eq!(DeleteV1CustomersCustomerResponse::from_response(&sent).unwrap(), deleted);
    // Headers are validated before they are sent.
    let invalid = ListItemsResponse::Ok200Csv("".into(), ListItemsOk200Headers { x_rate_limit_remaining: -1, link: None });
    assert!(matches!(invalid.to_response(), Err(BuildError::Invalid(_))));
}

#[test]
fn an_exploded_object_parameter_is_written_and_read_back() {
    let search = Search {
        q: Some("a b".into()),
        attrs: Some([("color".to_owned(), "red".to_owned()), ("size".to_owned(), "L".to_owned())].into()),
        page: Some(serde_json::from_value(serde_json::json!({ "size": 10 })).unwrap()),
    };
    let request = search.to_request("http://localhost").unwrap();
    assert_eq!(request.uri(), "http://localhost/v1/search?q=a+b&color=red&size=L&page[size]=10");
    // Its members are the keys no other parameter claims (`page[size]` is `page`'s).
    assert_eq!(Search::from_request(&request).unwrap(), search);
    let bare = Search { q: None, attrs: None, page: None };
    assert_eq!(Search::from_request(&bare.to_request("http://localhost").unwrap()).unwrap(), bare);
}
