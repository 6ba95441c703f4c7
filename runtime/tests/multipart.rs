//! Multipart bodies: written with a boundary no part contains, read back part by part
//! and into typed fields.

use std::collections::BTreeMap;

use schemagen_runtime::{boundary_of, Binary, Parts};
use serde::{Deserialize, Serialize};

#[derive(Debug, PartialEq, Deserialize)]
struct Upload {
    file: Binary,
    purpose: String,
    #[serde(default)]
    file_link_data: Option<Link>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Link {
    create: bool,
    metadata: BTreeMap<String, String>,
}

fn upload_parts() -> (Binary, Link, Parts) {
    let file = Binary::new(b"\x89PNG\r\n--not a boundary\r\n".to_vec())
        .filename("a \"b\".png")
        .content_type("image/png");
    let link = Link { create: true, metadata: [("order id".to_owned(), "7".to_owned())].into() };
    let mut parts = Parts::default();
    parts.file("file", &file);
    parts.fields("purpose", "dispute_evidence").unwrap();
    parts.fields("file_link_data", &link).unwrap();
    (file, link, parts)
}

#[test]
fn the_bytes_of_a_multipart_body() {
    let (_, _, parts) = upload_parts();
    let (boundary, body) = parts.encode();
    assert_eq!(boundary, "schemagen-boundary-00000000");
    let expected = b"--schemagen-boundary-00000000\r\n\
Content-Disposition: form-data; name=\"file\"; filename=\"a %22b%22.png\"\r\n\
Content-Type: image/png\r\n\r\n\
\x89PNG\r\n--not a boundary\r\n\r\n\
--schemagen-boundary-00000000\r\n\
Content-Disposition: form-data; name=\"purpose\"\r\n\r\n\
dispute_evidence\r\n\
--schemagen-boundary-00000000\r\n\
Content-Disposition: form-data; name=\"file_link_data[create]\"\r\n\r\n\
true\r\n\
--schemagen-boundary-00000000\r\n\
Content-Disposition: form-data; name=\"file_link_data[metadata][order id]\"\r\n\r\n\
7\r\n\
--schemagen-boundary-00000000--\r\n";
    assert_eq!(String::from_utf8_lossy(&body), String::from_utf8_lossy(expected));
}

#[test]
fn parts_read_back_into_typed_fields() {
    let (file, link, parts) = upload_parts();
    let (boundary, body) = parts.encode();
    let content_type = format!("multipart/form-data; boundary={boundary}");
    let read = Parts::decode(&body, &boundary_of(&content_type).unwrap()).unwrap();
    assert_eq!(read, parts);
    let upload = Upload::deserialize(read.tree().unwrap()).unwrap();
    assert_eq!(
        upload,
        Upload { file, purpose: "dispute_evidence".into(), file_link_data: Some(link) }
    );
}

#[test]
fn the_boundary_is_one_no_part_contains() {
    let mut parts = Parts::default();
    parts.fields("note", "x--schemagen-boundary-00000000y").unwrap();
    let (boundary, body) = parts.encode();
    assert_eq!(boundary, "schemagen-boundary-00000001");
    assert_eq!(Parts::decode(&body, &boundary).unwrap(), parts);
}

#[test]
fn a_malformed_body_is_an_error() {
    assert!(Parts::decode(b"no parts here", "b").is_err());
    assert!(
        Parts::decode(b"--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--\r\n", "b").is_err()
    );
    assert!(
        Parts::decode(b"--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx", "b").is_err()
    );
}
