//! The server's side of an operation (and a test double's): the generated
//! `from_request` reads an `http::Request` into the operation's request struct through
//! [`Incoming`], and `to_response` writes a response variant with [`Reply`].

use ::serde::de::DeserializeOwned;
use ::serde::Serialize;
use ::std::string::{String, ToString};
use ::std::vec::Vec;

use crate::form_read::{decode_part, raw_pairs, FormNode, Maybe};
use crate::operation::{same_media, BuildError};
use crate::{Validate, ValidationErrors};

/// Why a request was not read into its operation's request struct.
#[derive(Debug)]
pub enum IncomingError {
    /// The method or path is not the operation's.
    Route(String),
    /// A parameter or the body does not read as its type.
    Read {
        /// Where: `path parameter`, `query parameter`, `header` or `body`.
        place: &'static str,
        /// The parameter's name (the body's field name for the body).
        name: String,
        /// What is wrong.
        error: String,
    },
    /// The body's `content-type` is not the operation's.
    ContentType {
        /// The media type the operation takes.
        expected: &'static str,
        /// The request's `content-type`.
        found: String,
    },
    /// The request reads but does not validate. Every violation.
    Invalid(ValidationErrors),
}

impl ::core::fmt::Display for IncomingError {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        match self {
            IncomingError::Route(why) => write!(f, "the request is not this operation's: {why}"),
            IncomingError::Read { place, name, error } => {
                write!(f, "the {place} `{name}` does not read: {error}")
            }
            IncomingError::ContentType { expected, found } => {
                write!(f, "the body is `{found}`, the operation takes `{expected}`")
            }
            IncomingError::Invalid(errors) => write!(f, "the request is invalid:\n{errors}"),
        }
    }
}

impl ::std::error::Error for IncomingError {}

/// A received request, as the generated `from_request` reads it: its path matched
/// against the operation's template, its query string decoded.
#[derive(Debug)]
pub struct Incoming<'a> {
    method: &'static str,
    /// Path parameters by name, still percent-encoded.
    path: Vec<(String, &'a str)>,
    query: &'a str,
    /// The query string as a tree (`deepObject` parameters, form fields of a `GET`).
    tree: FormNode,
    headers: &'a http::HeaderMap,
    content_type: Option<&'a str>,
    body: &'a [u8],
}

impl<'a> Incoming<'a> {
    /// Reads `request` as one of operation `method` on `template`. The path is matched
    /// at its end, so a server mounted under a prefix (`/api`) reads it too.
    pub fn of<B: AsRef<[u8]>>(
        request: &'a http::Request<B>,
        method: &'static str,
        template: &str,
    ) -> Result<Self, IncomingError> {
        if request.method().as_str() != method {
            return Err(IncomingError::Route(::std::format!(
                "method {}, not {method}",
                request.method()
            )));
        }
        let uri_path = request.uri().path();
        let path = match_path(template, uri_path).ok_or_else(|| {
            IncomingError::Route(::std::format!("path `{uri_path}` is not `{template}`"))
        })?;
        let query = request.uri().query().unwrap_or("");
        let tree = FormNode::parse(query).map_err(|e| read("query", "", e))?;
        let content_type =
            request.headers().get(http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
        Ok(Incoming {
            method,
            path,
            query,
            tree,
            headers: request.headers(),
            content_type,
            body: request.body().as_ref(),
        })
    }

    /// Path parameter `name` (`simple`: comma-separated items).
    pub fn path<T: DeserializeOwned>(&self, name: &str) -> Result<T, IncomingError> {
        let raw = self.path.iter().find(|(n, _)| n == name).map(|(_, raw)| *raw);
        let node = raw.map(|raw| {
            FormNode::items(raw.split(',').map(|item| {
                ::percent_encoding::percent_decode_str(item).decode_utf8_lossy().into_owned()
            }))
        });
        T::deserialize(Maybe(node)).map_err(|e| read("path parameter", name, e))
    }

    /// Query parameter `name` of style `form`: repeated keys exploded, `a,b` not.
    pub fn query<T: DeserializeOwned>(
        &self,
        name: &str,
        explode: bool,
    ) -> Result<T, IncomingError> {
        let values: Vec<&str> = raw_pairs(self.query)
            .filter(|(key, _)| decode_part(key) == name)
            .map(|(_, value)| value)
            .collect();
        let node = match (values.as_slice(), explode) {
            ([], _) => None,
            (_, true) => Some(FormNode::items(values.iter().map(|v| decode_part(v)))),
            ([value, ..], false) => Some(FormNode::items(value.split(',').map(decode_part))),
        };
        T::deserialize(Maybe(node)).map_err(|e| read("query parameter", name, e))
    }

    /// Query parameter `name` of style `form`, exploded, holding an object: its members
    /// are the query's keys that no other parameter (`others`) claims.
    pub fn exploded_object<T: DeserializeOwned>(
        &self,
        name: &str,
        others: &[&str],
    ) -> Result<T, IncomingError> {
        let mut members: Vec<(String, FormNode)> = Vec::new();
        for (key, value) in raw_pairs(self.query) {
            let key = decode_part(key);
            // `page[size]` belongs to `page`.
            let head = key.split('[').next().unwrap_or(&key);
            if others.contains(&head) {
                continue;
            }
            members.push((key, FormNode::Text(decode_part(value))));
        }
        let node = (!members.is_empty()).then_some(FormNode::Map(members));
        T::deserialize(Maybe(node)).map_err(|e| read("query parameter", name, e))
    }

    /// Query parameter `name` of style `deepObject` (`name[key][0]=value`).
    pub fn deep_query<T: DeserializeOwned>(&self, name: &str) -> Result<T, IncomingError> {
        // Only the parameter's own subtree is copied.
        let node = self.tree.get(name).cloned();
        T::deserialize(Maybe(node)).map_err(|e| read("query parameter", name, e))
    }

    /// Header `name` (`simple`: comma-separated items).
    pub fn header<T: DeserializeOwned>(&self, name: &str) -> Result<T, IncomingError> {
        let node = match self.headers.get(name).map(|v| v.to_str()) {
            None => None,
            Some(Ok(text)) => Some(FormNode::simple(text)),
            Some(Err(e)) => return Err(read("header", name, e)),
        };
        T::deserialize(Maybe(node)).map_err(|e| read("header", name, e))
    }

    /// A JSON body sent as `media`, or none.
    pub fn json<T: DeserializeOwned>(
        &self,
        field: &str,
        media: &'static str,
    ) -> Result<T, IncomingError> {
        if self.absent() {
            return T::deserialize(Maybe(None)).map_err(|e| read("body", field, e));
        }
        self.media(media)?;
        ::serde_json::from_slice(self.body).map_err(|e| read("body", field, e))
    }

    /// A text body sent as `media`, or none.
    pub fn text<T: DeserializeOwned>(
        &self,
        field: &str,
        media: &'static str,
    ) -> Result<T, IncomingError> {
        let node = self.body_text(field, media)?.map(|text| FormNode::Text(text.to_owned()));
        T::deserialize(Maybe(node)).map_err(|e| read("body", field, e))
    }

    /// A form body sent as `media`, or none. For `GET`, `HEAD` and `DELETE` its fields
    /// are the query's keys that no parameter (`params`) claims.
    pub fn form<T: DeserializeOwned>(
        &self,
        field: &str,
        media: &'static str,
        params: &[&str],
    ) -> Result<T, IncomingError> {
        let tree = if matches!(self.method, "GET" | "HEAD" | "DELETE") {
            let mut tree = self.tree.clone();
            for param in params {
                tree.take(param);
            }
            tree
        } else {
            match self.body_text(field, media)? {
                None => FormNode::Map(Vec::new()),
                Some(text) => FormNode::parse(text).map_err(|e| read("body", field, e))?,
            }
        };
        let node = (!tree.is_empty_map()).then_some(tree);
        T::deserialize(Maybe(node)).map_err(|e| read("body", field, e))
    }

    /// A multipart body sent as `media`, or none: text parts by their names, file parts
    /// as [`crate::Binary`].
    pub fn multipart<T: DeserializeOwned>(
        &self,
        field: &str,
        media: &'static str,
    ) -> Result<T, IncomingError> {
        let node = match self.absent() {
            true => None,
            false => {
                self.media(media)?;
                let boundary = self
                    .content_type
                    .and_then(crate::boundary_of)
                    .ok_or_else(|| read("body", field, "the content type names no boundary"))?;
                let parts = crate::Parts::decode(self.body, &boundary)
                    .map_err(|e| read("body", field, e))?;
                Some(parts.tree().map_err(|e| read("body", field, e))?)
            }
        };
        T::deserialize(Maybe(node)).map_err(|e| read("body", field, e))
    }

    /// A body of bytes sent as `media` (any media type), or none.
    pub fn bytes<T: DeserializeOwned>(&self, field: &str) -> Result<T, IncomingError> {
        let node = (!self.absent()).then(|| {
            FormNode::file(crate::Binary {
                filename: None,
                content_type: self.content_type.map(str::to_owned),
                bytes: self.body.to_vec(),
            })
        });
        T::deserialize(Maybe(node)).map_err(|e| read("body", field, e))
    }

    /// The index of the body's media type among `media` (the first when the request
    /// names none), or `None` when it has no body.
    pub fn media_of(
        &self,
        field: &str,
        media: &[&'static str],
    ) -> Result<Option<usize>, IncomingError> {
        if self.absent() {
            return Ok(None);
        }
        let Some(found) = self.content_type else { return Ok(Some(0)) };
        match media.iter().position(|m| same_media(m, found)) {
            Some(at) => Ok(Some(at)),
            None => Err(IncomingError::ContentType {
                expected: media.first().copied().unwrap_or(""),
                found: ::std::format!("{found} (body `{field}`)"),
            }),
        }
    }

    /// A required body that the request does not have.
    pub fn missing(&self, field: &str) -> IncomingError {
        read("body", field, "it is missing")
    }

    /// The body as text, its media type checked, or `None` when the request has none.
    fn body_text(
        &self,
        field: &str,
        media: &'static str,
    ) -> Result<Option<&'a str>, IncomingError> {
        if self.absent() {
            return Ok(None);
        }
        self.media(media)?;
        ::core::str::from_utf8(self.body).map(Some).map_err(|e| read("body", field, e))
    }

    /// Whether the request has no body.
    fn absent(&self) -> bool {
        self.body.is_empty() && self.content_type.is_none()
    }

    /// Whether the body is `media` (parameters such as `charset` aside).
    fn media(&self, media: &'static str) -> Result<(), IncomingError> {
        let found = self.content_type.unwrap_or("");
        if found.is_empty() || same_media(found, media) {
            Ok(())
        } else {
            Err(IncomingError::ContentType { expected: media, found: found.to_owned() })
        }
    }
}

fn read(place: &'static str, name: &str, error: impl ToString) -> IncomingError {
    IncomingError::Read { place, name: name.to_owned(), error: error.to_string() }
}

/// The raw values of `template`'s parameters in `path`, matched segment by segment
/// from the end; `None` when a literal part differs or `path` is too short.
fn match_path<'p>(template: &str, path: &'p str) -> Option<Vec<(String, &'p str)>> {
    let wanted: Vec<&str> = template.trim_matches('/').split('/').collect();
    let got: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let got = got.get(got.len().checked_sub(wanted.len())?..)?;
    let mut out = Vec::new();
    for (want, seg) in wanted.iter().zip(got) {
        match (want.find('{'), want.rfind('}')) {
            (Some(open), Some(close)) if open < close => {
                let (prefix, suffix) = (&want[..open], &want[close + 1..]);
                let value = seg.strip_prefix(prefix)?.strip_suffix(suffix)?;
                out.push((want[open + 1..close].to_owned(), value));
            }
            _ if want == seg => {}
            _ => return None,
        }
    }
    Some(out)
}

/// A response to send: the generated `to_response` writes each variant with one of
/// these.
#[derive(Debug, Clone, Copy)]
pub struct Reply;

impl Reply {
    /// A JSON body as `media`, after `validate()`.
    pub fn json<T: Serialize + Validate + ?Sized>(
        status: u16,
        media: &'static str,
        body: &T,
    ) -> Result<http::Response<Vec<u8>>, BuildError> {
        body.validate().map_err(BuildError::Invalid)?;
        let bytes = ::serde_json::to_vec(body).map_err(|e| BuildError::Encoding(e.to_string()))?;
        Reply::bytes(status, media, &bytes)
    }

    /// A JSON body that has no checks of its own (a list, a scalar) as `media`.
    pub fn plain_json<T: Serialize + ?Sized>(
        status: u16,
        media: &'static str,
        body: &T,
    ) -> Result<http::Response<Vec<u8>>, BuildError> {
        let bytes = ::serde_json::to_vec(body).map_err(|e| BuildError::Encoding(e.to_string()))?;
        Reply::bytes(status, media, &bytes)
    }

    /// A body of bytes (or text) as `media`.
    pub fn bytes(
        status: u16,
        media: &'static str,
        body: &[u8],
    ) -> Result<http::Response<Vec<u8>>, BuildError> {
        Ok(http::Response::builder()
            .status(status)
            .header(http::header::CONTENT_TYPE, media)
            .body(body.to_vec())?)
    }

    /// `response` with the declared headers of `headers` (a struct of them), after
    /// `validate()`; each written as `simple` says (arrays comma-separated).
    pub fn with_headers<T: Serialize + Validate>(
        response: Result<http::Response<Vec<u8>>, BuildError>,
        headers: &T,
    ) -> Result<http::Response<Vec<u8>>, BuildError> {
        let mut response = response?;
        headers.validate().map_err(BuildError::Invalid)?;
        let value =
            ::serde_json::to_value(headers).map_err(|e| BuildError::Encoding(e.to_string()))?;
        for (name, value) in value.as_object().into_iter().flatten() {
            let text = crate::operation::simple_text(name, value)?.join(",");
            let name = http::HeaderName::from_bytes(name.as_bytes()).map_err(http::Error::from)?;
            let value = http::HeaderValue::from_str(&text).map_err(http::Error::from)?;
            response.headers_mut().insert(name, value);
        }
        Ok(response)
    }

    /// No body.
    pub fn empty(status: u16) -> Result<http::Response<Vec<u8>>, BuildError> {
        Ok(http::Response::builder().status(status).body(Vec::new())?)
    }
}
