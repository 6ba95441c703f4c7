//! OpenAPI operations: what a request sends where, and what each response holds.

use super::{Shape, TypeId};

/// One operation of an OpenAPI document. Its parameters and body are the fields of a
/// struct of the model ([`Operation::request`]), so they are typed, documented and
/// validated like every other type; this says where each field goes on the wire.
#[derive(Debug, Clone)]
pub struct Operation {
    /// Its `operationId` (`post /path` when it has none): mapping files name it.
    pub operation_id: String,
    /// The struct of the request: one field per parameter, then the body's.
    pub request: TypeId,
    /// The Rust name of the enum of its responses.
    pub response_name: String,
    /// The HTTP method, upper case.
    pub method: String,
    /// The path template, `{name}` for path parameters.
    pub path: String,
    /// Where each parameter field goes, in field order.
    pub params: Vec<Param>,
    /// The body field, if the operation takes one.
    pub body: Option<Body>,
    /// The responses, in the order they are matched: exact codes, ranges, `default`.
    pub responses: Vec<Response>,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A path segment (`simple`).
    Path,
    /// The query string.
    Query,
    /// A request header (`simple`).
    Header,
}

/// How a query parameter is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `simple`: comma-separated (path and header).
    Simple,
    /// `form`: `name=a&name=b` exploded, `name=a,b` not.
    Form {
        /// `explode`.
        explode: bool,
    },
    /// `deepObject`: `name[key][sub]=value`, arrays indexed (`name[0]=value`).
    DeepObject,
}

/// One parameter: the field that holds it, where it goes and how it is written.
#[derive(Debug, Clone)]
pub struct Param {
    /// Its name on the wire (and the field's JSON name).
    pub name: String,
    /// Where it goes.
    pub place: Place,
    /// How it is written.
    pub style: Style,
}

/// How a body is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// JSON (`application/json` and every `+json`).
    Json,
    /// `application/x-www-form-urlencoded`, nested as `deepObject` (Stripe's form).
    Form,
    /// Text (`text/*`), a `String`.
    Text,
    /// `multipart/form-data`: a part per field (files as bytes, objects nested as
    /// `deepObject` names).
    Multipart,
    /// Any other media type, bytes as given.
    Bytes,
}

/// A media type without its parameters, lower case: `text/csv` of `Text/CSV; charset=utf-8`.
pub fn essence(media: &str) -> String {
    media.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

impl Encoding {
    /// The encoding of a media type.
    pub fn of(media: &str) -> Encoding {
        let essence = essence(media);
        if essence == "application/json" || essence.ends_with("+json") {
            Encoding::Json
        } else if essence == "application/x-www-form-urlencoded" {
            Encoding::Form
        } else if essence == "multipart/form-data" {
            Encoding::Multipart
        } else if essence.starts_with("text/") {
            Encoding::Text
        } else {
            Encoding::Bytes
        }
    }
}

/// The request body: the field that holds it and its media types.
#[derive(Debug, Clone)]
pub struct Body {
    /// The field's JSON name (`body`).
    pub field: String,
    /// The request must have it.
    pub required: bool,
    /// Its media types, in the document's order: one, whose type is the field's, or
    /// several, each a variant of the field's union (a request sends one of them).
    pub media: Vec<BodyMedia>,
}

/// One media type a request body may be sent as.
#[derive(Debug, Clone)]
pub struct BodyMedia {
    /// The media type sent as `content-type`.
    pub media: String,
    /// How it is written.
    pub encoding: Encoding,
    /// Its variant of the body's union, when there are several media types.
    pub variant: Option<String>,
}

/// The status a response answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// One code.
    Code(u16),
    /// A range: `2XX` is `Range(2)`.
    Range(u16),
    /// Every status the others do not name.
    Default,
}

/// One response (one status and media type): an enum variant.
#[derive(Debug, Clone)]
pub struct Response {
    /// The status it answers.
    pub status: Status,
    /// The variant's name.
    pub variant: String,
    /// Its body's media type and type, if it has one.
    pub content: Option<(String, Encoding, Shape)>,
    /// The struct of its declared headers, if it declares any.
    pub headers: Option<TypeId>,
    /// Documentation (the response's description).
    pub doc: Option<String>,
}
