//! Requests and responses of OpenAPI operations as the `http` crate's types, with no
//! HTTP client: a generated operation builds an `http::Request<Vec<u8>>` for any client
//! to send, and reads an `http::Response` into its enum of responses.

use ::serde::Serialize;
use ::std::string::{String, ToString};
use ::std::vec::Vec;

use crate::form::{encode_part, form_pairs, to_form};
use crate::ValidationErrors;

pub use ::http;

/// Why a request (or, on the server's side, a response) was not built.
#[derive(Debug)]
pub enum BuildError {
    /// The message does not validate; nothing is sent. Every violation.
    Invalid(ValidationErrors),
    /// A value has no form where it goes (an object in a path segment, bytes in a form).
    Encoding(String),
    /// The URL, a header name or a header value is not valid HTTP.
    Http(http::Error),
}

impl ::core::fmt::Display for BuildError {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        match self {
            BuildError::Invalid(errors) => write!(f, "the message is invalid:\n{errors}"),
            BuildError::Encoding(why) => write!(f, "the message cannot be encoded: {why}"),
            BuildError::Http(error) => write!(f, "the message is not valid HTTP: {error}"),
        }
    }
}

impl ::std::error::Error for BuildError {}

impl From<http::Error> for BuildError {
    fn from(error: http::Error) -> Self {
        BuildError::Http(error)
    }
}

impl From<crate::FormError> for BuildError {
    fn from(error: crate::FormError) -> Self {
        BuildError::Encoding(error.to_string())
    }
}

/// Whether two media types are the same, parameters (`charset`, `boundary`) aside.
pub(crate) fn same_media(a: &str, b: &str) -> bool {
    fn essence(m: &str) -> &str {
        m.split(';').next().unwrap_or("").trim()
    }
    essence(a).eq_ignore_ascii_case(essence(b))
}

/// Characters a path segment keeps as they are (RFC 3986 `unreserved`); the rest are
/// percent-encoded, `/` included, so a value stays one segment.
const SEGMENT: &::percent_encoding::AsciiSet =
    &::percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// A request under construction: the generated `to_request` adds each parameter where
/// its operation says, then the body.
#[derive(Debug)]
pub struct RequestBuilder {
    method: &'static str,
    path: String,
    /// Encoded keys and values.
    query: Vec<(String, String)>,
    headers: Vec<(&'static str, String)>,
    /// The `content-type` and bytes.
    body: Option<(::std::borrow::Cow<'static, str>, Vec<u8>)>,
}

impl RequestBuilder {
    /// A request for `method` on the path template `path` (`/v1/customers/{customer}`).
    pub fn new(method: &'static str, path: &str) -> Self {
        RequestBuilder {
            method,
            path: path.to_owned(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
        }
    }

    /// Puts a path parameter (`simple`: arrays comma-separated, every character but
    /// RFC 3986's unreserved ones percent-encoded) in place of `{name}`.
    pub fn path<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), BuildError> {
        let items = simple(name, value)?;
        let encoded: Vec<String> = items
            .iter()
            .map(|item| ::percent_encoding::utf8_percent_encode(item, SEGMENT).to_string())
            .collect();
        self.path = self.path.replace(&::std::format!("{{{name}}}"), &encoded.join(","));
        Ok(())
    }

    /// Adds a query parameter of style `form`: `name=a&name=b` exploded, `name=a,b` not;
    /// an object's members as `key=value` exploded, `name=key,value` not.
    pub fn query<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
        explode: bool,
    ) -> Result<(), BuildError> {
        let value = to_json(name, value)?;
        let key = encode_part(name);
        match value {
            ::serde_json::Value::Null => {}
            ::serde_json::Value::Array(items) if explode => {
                for item in &items {
                    self.query.push((key.clone(), encode_part(&text(name, item)?)));
                }
            }
            ::serde_json::Value::Object(members) if explode => {
                for (member, item) in &members {
                    self.query.push((encode_part(member), encode_part(&text(name, item)?)));
                }
            }
            // The commas between items stay commas; those inside an item are encoded.
            other => {
                let items: Vec<String> =
                    simple_text(name, &other)?.iter().map(|item| encode_part(item)).collect();
                self.query.push((key, items.join(",")));
            }
        }
        Ok(())
    }

    /// Adds a query parameter of style `deepObject`: `name[key][sub]=value`, arrays
    /// indexed (`name[0]=value`), to any depth.
    pub fn deep_query<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
    ) -> Result<(), BuildError> {
        self.extend_query(form_pairs(name, value)?);
        Ok(())
    }

    /// Adds pairs of encoded keys and plain values.
    fn extend_query(&mut self, pairs: Vec<(String, String)>) {
        self.query.extend(pairs.into_iter().map(|(key, value)| (key, encode_part(&value))));
    }

    /// Adds a header parameter (`simple`: arrays comma-separated).
    pub fn header<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), BuildError> {
        let items = simple(name, value)?;
        self.headers.push((name, items.join(",")));
        Ok(())
    }

    /// Sets a JSON body, sent as `media`.
    pub fn json<T: Serialize + ?Sized>(
        &mut self,
        media: &'static str,
        value: &T,
    ) -> Result<(), BuildError> {
        let bytes = ::serde_json::to_vec(value).map_err(|e| BuildError::Encoding(e.to_string()))?;
        self.body = Some((media.into(), bytes));
        Ok(())
    }

    /// Sets a form body, sent as `media`; for `GET`, `HEAD` and `DELETE` its fields go to
    /// the query string instead, as Stripe reads them.
    pub fn form<T: Serialize + ?Sized>(
        &mut self,
        media: &'static str,
        value: &T,
    ) -> Result<(), BuildError> {
        if matches!(self.method, "GET" | "HEAD" | "DELETE") {
            self.extend_query(form_pairs("", value)?);
        } else {
            self.body = Some((media.into(), to_form(value)?.into_bytes()));
        }
        Ok(())
    }

    /// Sets a multipart body of `parts`, sent as `media` with the boundary it was written
    /// with.
    pub fn multipart(&mut self, media: &'static str, parts: &crate::Parts) {
        let (boundary, bytes) = parts.encode();
        self.body = Some((::std::format!("{media}; boundary={boundary}").into(), bytes));
    }

    /// Sets a body of bytes, sent as `media`.
    pub fn bytes(&mut self, media: &'static str, value: &crate::Binary) {
        let media =
            value.content_type.clone().map_or(::std::borrow::Cow::Borrowed(media), Into::into);
        self.body = Some((media, value.bytes.clone()));
    }

    /// Sets a text body, sent as `media`.
    pub fn text(&mut self, media: &'static str, value: &str) {
        self.body = Some((media.into(), value.as_bytes().to_vec()));
    }

    /// The request: `base_url` (its trailing `/`, if any, dropped) followed by the path
    /// and the query string, the headers, and the body with its `content-type`.
    pub fn build(self, base_url: &str) -> Result<http::Request<Vec<u8>>, BuildError> {
        let mut uri = ::std::format!("{}{}", base_url.trim_end_matches('/'), self.path);
        for (i, (key, value)) in self.query.iter().enumerate() {
            uri.push(if i == 0 && !uri.contains('?') { '?' } else { '&' });
            uri.push_str(key);
            uri.push('=');
            uri.push_str(value);
        }
        let method = http::Method::from_bytes(self.method.as_bytes()).map_err(http::Error::from)?;
        let mut request = http::Request::builder().method(method).uri(uri);
        for (name, value) in &self.headers {
            request = request.header(*name, value.as_str());
        }
        let body = match self.body {
            Some((media, bytes)) => {
                request = request.header(http::header::CONTENT_TYPE, media.as_ref());
                bytes
            }
            None => Vec::new(),
        };
        Ok(request.body(body)?)
    }
}

/// `value` as JSON, to be written as a parameter.
fn to_json<T: Serialize + ?Sized>(
    name: &str,
    value: &T,
) -> Result<::serde_json::Value, BuildError> {
    ::serde_json::to_value(value).map_err(|e| BuildError::Encoding(::std::format!("`{name}`: {e}")))
}

/// A scalar's text: strings as they are, numbers and booleans as JSON writes them.
fn text(name: &str, value: &::serde_json::Value) -> Result<String, BuildError> {
    match value {
        ::serde_json::Value::String(s) => Ok(s.clone()),
        ::serde_json::Value::Number(n) => Ok(n.to_string()),
        ::serde_json::Value::Bool(b) => Ok(b.to_string()),
        ::serde_json::Value::Null => Ok(String::new()),
        _ => Err(BuildError::Encoding(::std::format!(
            "`{name}`: a nested value has no `simple` or `form` form"
        ))),
    }
}

/// The items of `simple`: a scalar, an array's items, an object's members and values.
pub(crate) fn simple_text(
    name: &str,
    value: &::serde_json::Value,
) -> Result<Vec<String>, BuildError> {
    match value {
        ::serde_json::Value::Array(items) => items.iter().map(|item| text(name, item)).collect(),
        ::serde_json::Value::Object(members) => {
            let mut out = Vec::new();
            for (member, item) in members {
                out.push(member.clone());
                out.push(text(name, item)?);
            }
            Ok(out)
        }
        other => Ok(::std::vec![text(name, other)?]),
    }
}

fn simple<T: Serialize + ?Sized>(name: &str, value: &T) -> Result<Vec<String>, BuildError> {
    simple_text(name, &to_json(name, value)?)
}

/// Why a response was not read into its operation's enum. Each keeps the status and
/// the body's bytes.
#[derive(Debug)]
pub enum ResponseError {
    /// The operation lists neither this status, nor its range, nor `default`.
    UnexpectedStatus {
        /// The status.
        status: http::StatusCode,
        /// The body.
        body: Vec<u8>,
    },
    /// The status is listed, but not with this `content-type`.
    UnexpectedContentType {
        /// The status.
        status: http::StatusCode,
        /// The `content-type` header, if any.
        content_type: Option<String>,
        /// The body.
        body: Vec<u8>,
    },
    /// The declared headers do not read as their types.
    Headers {
        /// The status.
        status: http::StatusCode,
        /// What is wrong with them.
        error: String,
        /// The body.
        body: Vec<u8>,
    },
    /// The body does not read as the type listed for its status and media type.
    Body {
        /// The status.
        status: http::StatusCode,
        /// What is wrong with it.
        error: String,
        /// The body.
        body: Vec<u8>,
    },
}

impl ::core::fmt::Display for ResponseError {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        match self {
            ResponseError::UnexpectedStatus { status, .. } => {
                write!(f, "the operation does not list status {status}")
            }
            ResponseError::UnexpectedContentType { status, content_type, .. } => write!(
                f,
                "status {status} is not listed with content type {}",
                content_type.as_deref().unwrap_or("(none)")
            ),
            ResponseError::Headers { status, error, .. } => {
                write!(f, "the headers of status {status} do not read: {error}")
            }
            ResponseError::Body { status, error, .. } => {
                write!(f, "the body of status {status} does not read: {error}")
            }
        }
    }
}

impl ::std::error::Error for ResponseError {}

/// A response's status, `content-type` and body, as the generated `from_response` reads
/// them.
#[derive(Debug, Clone, Copy)]
pub struct Received<'a> {
    /// The status.
    pub status: http::StatusCode,
    /// The `content-type` header, if it is text.
    pub content_type: Option<&'a str>,
    /// The body.
    pub body: &'a [u8],
    /// The headers.
    pub headers: &'a http::HeaderMap,
}

impl<'a> Received<'a> {
    /// The parts of `response` that choose and read its variant.
    pub fn of<B: AsRef<[u8]>>(response: &'a http::Response<B>) -> Self {
        let content_type =
            response.headers().get(http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
        Received {
            status: response.status(),
            content_type,
            body: response.body().as_ref(),
            headers: response.headers(),
        }
    }

    /// Whether the body's `content-type` is `media` (parameters such as `charset` aside;
    /// a response without one is taken as the one media type listed for its status).
    pub fn is(&self, media: &str, only: bool) -> bool {
        match self.content_type {
            None => only,
            Some(found) => same_media(found, media),
        }
    }

    /// The body as JSON of type `T`.
    pub fn json<T: ::serde::de::DeserializeOwned>(&self) -> Result<T, ResponseError> {
        ::serde_json::from_slice(self.body).map_err(|e| self.body_error(e.to_string()))
    }

    /// The body as text.
    pub fn text(&self) -> Result<String, ResponseError> {
        String::from_utf8(self.body.to_vec()).map_err(|e| self.body_error(e.to_string()))
    }

    /// The declared headers `names` (`simple`: comma-separated items) as `T`.
    pub fn declared_headers<T: ::serde::de::DeserializeOwned>(
        &self,
        names: &[&str],
    ) -> Result<T, ResponseError> {
        let mut members = Vec::new();
        for name in names {
            let Some(value) = self.headers.get(*name) else { continue };
            let text =
                value.to_str().map_err(|e| self.headers_error(::std::format!("`{name}`: {e}")))?;
            members.push(((*name).to_owned(), crate::FormNode::simple(text)));
        }
        T::deserialize(crate::FormNode::Map(members)).map_err(|e| self.headers_error(e.to_string()))
    }

    fn headers_error(&self, error: String) -> ResponseError {
        ResponseError::Headers { status: self.status, error, body: self.bytes() }
    }

    /// The body's bytes.
    pub fn bytes(&self) -> Vec<u8> {
        self.body.to_vec()
    }

    /// The status is listed but its `content-type` is not.
    pub fn unexpected_content_type(&self) -> ResponseError {
        ResponseError::UnexpectedContentType {
            status: self.status,
            content_type: self.content_type.map(str::to_owned),
            body: self.bytes(),
        }
    }

    /// The status is not listed.
    pub fn unexpected_status(&self) -> ResponseError {
        ResponseError::UnexpectedStatus { status: self.status, body: self.bytes() }
    }

    fn body_error(&self, error: String) -> ResponseError {
        ResponseError::Body { status: self.status, error, body: self.bytes() }
    }
}
