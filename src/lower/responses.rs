//! The responses of OpenAPI operations: a variant per status and media type, each body
//! typed by its media type, declared headers as a struct per response.

use super::objects::Property;
use super::*;
use crate::model::{Encoding, Response, Status};

impl<'a> Lowerer<'a> {
    /// The object at `at`, or the one its `$ref` (inside the document) names.
    pub(super) fn local(
        &mut self,
        doc: DocId,
        at: &JsonPointer,
    ) -> Option<(JsonPointer, &'a Map<String, Value>)> {
        let docs = self.docs;
        let value = docs[doc].value.pointer(at.as_str())?.as_object()?;
        let Some(reference) = value.get("$ref").and_then(Value::as_str) else {
            return Some((at.clone(), value));
        };
        let target = reference.strip_prefix('#').map(JsonPointer::from_escaped);
        match target.as_ref().and_then(|t| docs[doc].value.pointer(t.as_str())?.as_object()) {
            Some(o) => Some((target.expect("found"), o)),
            None => {
                self.err(doc, at, format!("`$ref` `{reference}` names nothing in this document"));
                None
            }
        }
    }

    /// The responses of an operation, in the order a status is matched.
    pub(super) fn responses(
        &mut self,
        doc: DocId,
        at: &JsonPointer,
        op: &Map<String, Value>,
        name: &str,
    ) -> Vec<Response> {
        let mut out = Vec::new();
        let Some(listed) = op.get("responses").and_then(Value::as_object) else { return out };
        let mut variants = Scope::default();
        for key in listed.keys() {
            let here = at.join("responses").child(key);
            let Some(status) = status_of(key) else {
                self.err(
                    doc,
                    &here,
                    format!("`{key}` is not a status code, a range such as `2XX`, or `default`"),
                );
                continue;
            };
            let Some((here, response)) = self.local(doc, &here) else { continue };
            let doc_text = doc_of(response);
            let base = variant_of(status);
            let headers =
                self.response_headers(doc, &here, response, &format!("{name}{base}Headers"));
            let content = response.get("content").and_then(Value::as_object);
            let several = content.is_some_and(|c| c.len() > 1);
            match content.filter(|c| !c.is_empty()) {
                None => out.push(Response {
                    status,
                    variant: variants.claim(base),
                    content: None,
                    headers,
                    doc: doc_text,
                }),
                Some(content) => {
                    for (media, spec) in content {
                        // A form or multipart response has no reader yet: its bytes, not JSON.
                        let encoding = match Encoding::of(media) {
                            Encoding::Form | Encoding::Multipart => Encoding::Bytes,
                            other => other,
                        };
                        let hint = format!("{name}{base}");
                        let shape = match (encoding, spec.get("schema")) {
                            (Encoding::Json, Some(schema)) => {
                                let schema_at = here.join("content").child(media).join("schema");
                                self.shape(doc, schema, &schema_at, &hint)
                            }
                            (Encoding::Text, _) => Shape::plain(Ty::String),
                            _ => Shape::plain(Ty::Any),
                        };
                        let variant = match several {
                            true => format!("{base}{}", naming::type_name(media_suffix(media))),
                            false => base.clone(),
                        };
                        out.push(Response {
                            status,
                            variant: variants.claim(variant),
                            content: Some((media.clone(), encoding, shape)),
                            headers,
                            doc: doc_text.clone(),
                        });
                    }
                }
            }
        }
        // Exact codes, then ranges, then `default`, as OpenAPI matches them.
        out.sort_by_key(|r| r.status);
        out
    }

    /// The struct of a response's declared headers (`content-type` aside, as OpenAPI
    /// says), or `None` when it declares none.
    fn response_headers(
        &mut self,
        doc: DocId,
        at: &JsonPointer,
        response: &Map<String, Value>,
        hint: &str,
    ) -> Option<TypeId> {
        let names: Vec<&String> = response
            .get("headers")
            .and_then(Value::as_object)?
            .keys()
            .filter(|n| !n.eq_ignore_ascii_case("content-type"))
            .collect();
        let mut props = Vec::new();
        let mut required = Vec::new();
        for name in names {
            let Some((h_at, header)) = self.local(doc, &at.join("headers").child(name)) else {
                continue;
            };
            if header.contains_key("content") {
                self.err(doc, &h_at, format!("header `{name}` is given by `content`: only `schema` headers are supported"));
                continue;
            }
            if header.get("required") == Some(&Value::Bool(true)) {
                required.push(name.clone());
            }
            let mut schema = header.get("schema").cloned().unwrap_or(Value::Bool(true));
            if let (Some(o), Some(text)) = (schema.as_object_mut(), header.get("description")) {
                o.entry("description").or_insert(text.clone());
            }
            props.push(Property {
                name: name.clone(),
                schema,
                doc,
                at: h_at.join("schema"),
                also: Vec::new(),
            });
        }
        if props.is_empty() {
            return None;
        }
        let mut text = Map::new();
        text.insert("description".to_owned(), Value::from("The headers the response declares."));
        let id = self.new_struct(doc, &at.join("headers"), hint, &text, &props, &required);
        if let TypeKind::Struct(def) = &mut self.model.types[id].kind {
            // Only declared headers are read; a response has many others.
            def.additional = Additional::Deny;
        }
        Some(id)
    }
}

/// The status a `responses` key names.
fn status_of(key: &str) -> Option<Status> {
    if key == "default" {
        return Some(Status::Default);
    }
    let upper = key.to_ascii_uppercase();
    match upper.as_bytes() {
        [d @ b'1'..=b'5', b'X', b'X'] => Some(Status::Range(u16::from(d - b'0'))),
        [b'1'..=b'5', b'0'..=b'9', b'0'..=b'9'] => upper.parse().ok().map(Status::Code),
        _ => None,
    }
}

/// The variant name of a status: its reason phrase and code (`Ok200`, `NotFound404`),
/// `Status2XX` for a range, `Default`.
fn variant_of(status: Status) -> String {
    let code = match status {
        Status::Default => return "Default".to_owned(),
        Status::Range(class) => return format!("Status{class}XX"),
        Status::Code(code) => code,
    };
    let reason = match code {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        204 => "NoContent",
        301 => "MovedPermanently",
        302 => "Found",
        304 => "NotModified",
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        409 => "Conflict",
        410 => "Gone",
        412 => "PreconditionFailed",
        415 => "UnsupportedMediaType",
        422 => "UnprocessableEntity",
        429 => "TooManyRequests",
        500 => "InternalServerError",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        _ => "Status",
    };
    format!("{reason}{code}")
}

/// The part of a media type that tells it apart: `csv` of `text/csv`, `problem` of
/// `application/problem+json`.
pub(super) fn media_suffix(media: &str) -> &str {
    let essence = media.split(';').next().unwrap_or(media).trim();
    let subtype = essence.rsplit('/').next().unwrap_or(essence);
    subtype.strip_suffix("+json").unwrap_or(subtype)
}
