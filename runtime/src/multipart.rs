//! `multipart/form-data` (RFC 7578): [`Binary`] for a file's bytes, [`Part`] for one
//! part, and the body's bytes written and read with a boundary.
//!
//! Written here because the crates that do multipart (multer, reqwest's) stream through
//! an async runtime or a client; a sans-IO request holds its body as bytes.

use ::std::string::String;
use ::std::vec::Vec;

use crate::form::{form_pairs, FormError};
use crate::form_read::FormNode;

/// Bytes sent as a file part of a multipart body (or as a whole body of another media
/// type), with the file name and media type the part declares.
#[derive(
    Debug,
    Clone,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    ::serde::Serialize,
    ::serde::Deserialize,
)]
pub struct Binary {
    /// The file name of the part (`filename`); its field's name when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    /// The part's `content-type`; `application/octet-stream` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// The bytes.
    #[serde(with = "bytes")]
    pub bytes: Vec<u8>,
}

impl Binary {
    /// Bytes without a file name or media type.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Binary { filename: None, content_type: None, bytes: bytes.into() }
    }

    /// With the file name the part declares.
    pub fn filename(mut self, name: impl Into<String>) -> Self {
        self.filename = Some(name.into());
        self
    }

    /// With the media type the part declares.
    pub fn content_type(mut self, media: impl Into<String>) -> Self {
        self.content_type = Some(media.into());
        self
    }
}

impl From<Vec<u8>> for Binary {
    fn from(bytes: Vec<u8>) -> Self {
        Binary::new(bytes)
    }
}

/// Bytes carry no constraint a schema can state.
impl crate::Validate for Binary {
    fn validate_into(&self, _: &crate::Pointer<'_>, _: &mut crate::ValidationErrors) {}
}

/// The bytes of a [`Binary`]: written as bytes (a JSON array of numbers), read from bytes,
/// a sequence of numbers or text.
mod bytes {
    use ::std::vec::Vec;

    pub fn serialize<S: ::serde::Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(bytes)
    }

    pub fn deserialize<'de, D: ::serde::Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        d.deserialize_byte_buf(Bytes)
    }

    struct Bytes;

    impl<'de> ::serde::de::Visitor<'de> for Bytes {
        type Value = Vec<u8>;

        fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            f.write_str("bytes")
        }

        fn visit_bytes<E: ::serde::de::Error>(self, v: &[u8]) -> Result<Vec<u8>, E> {
            Ok(v.to_vec())
        }

        fn visit_byte_buf<E: ::serde::de::Error>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
            Ok(v)
        }

        fn visit_str<E: ::serde::de::Error>(self, v: &str) -> Result<Vec<u8>, E> {
            Ok(v.as_bytes().to_vec())
        }

        fn visit_seq<A: ::serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Vec<u8>, A::Error> {
            let mut out = Vec::new();
            while let Some(byte) = seq.next_element::<u8>()? {
                out.push(byte);
            }
            Ok(out)
        }
    }
}

/// One part of a multipart body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The field name (`name`), brackets literal for nested fields (`file_link_data[create]`).
    pub name: String,
    /// The file name, for a file part.
    pub filename: Option<String>,
    /// The part's `content-type`, if it declares one.
    pub content_type: Option<String>,
    /// The part's bytes.
    pub body: Vec<u8>,
}

/// The parts of a multipart body, field by field: the generated code adds files with
/// [`Parts::file`] and every other field with [`Parts::fields`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parts(pub Vec<Part>);

impl Parts {
    /// A file part.
    pub fn file(&mut self, name: &str, file: &Binary) {
        self.0.push(Part {
            name: name.to_owned(),
            filename: Some(file.filename.clone().unwrap_or_else(|| name.to_owned())),
            content_type: Some(
                file.content_type.clone().unwrap_or_else(|| "application/octet-stream".to_owned()),
            ),
            body: file.bytes.clone(),
        });
    }

    /// Text parts of a field: one for a scalar, one per leaf of an object or array, named
    /// as `deepObject` names them (`metadata[key]`, `expand[0]`).
    pub fn fields<T: ::serde::Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
    ) -> Result<(), FormError> {
        for (key, text) in form_pairs(name, value)? {
            // Part names are not URL-encoded: a name's own characters are decoded back.
            let name = crate::form_read::decode_part(&key);
            self.0.push(Part { name, filename: None, content_type: None, body: text.into_bytes() });
        }
        Ok(())
    }

    /// The body's bytes and the boundary between its parts: one that no part contains.
    pub fn encode(&self) -> (String, Vec<u8>) {
        let mut n = 0u32;
        let boundary = loop {
            let candidate = ::std::format!("schemagen-boundary-{n:08x}");
            if !self.0.iter().any(|p| contains(&p.body, candidate.as_bytes())) {
                break candidate;
            }
            n += 1;
        };
        let mut out = Vec::new();
        for part in &self.0 {
            out.extend_from_slice(::std::format!("--{boundary}\r\n").as_bytes());
            let mut disposition =
                ::std::format!("Content-Disposition: form-data; name=\"{}\"", quoted(&part.name));
            if let Some(file) = &part.filename {
                disposition.push_str(&::std::format!("; filename=\"{}\"", quoted(file)));
            }
            out.extend_from_slice(disposition.as_bytes());
            out.extend_from_slice(b"\r\n");
            if let Some(media) = &part.content_type {
                out.extend_from_slice(::std::format!("Content-Type: {media}\r\n").as_bytes());
            }
            out.extend_from_slice(b"\r\n");
            out.extend_from_slice(&part.body);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(::std::format!("--{boundary}--\r\n").as_bytes());
        (boundary, out)
    }

    /// The parts of `body`, written with `boundary`.
    pub fn decode(body: &[u8], boundary: &str) -> Result<Parts, FormError> {
        let delimiter = ::std::format!("--{boundary}");
        let mut parts = Vec::new();
        let mut rest = match find(body, delimiter.as_bytes()) {
            Some(at) => &body[at + delimiter.len()..],
            None => return Err(FormError::new("the body has no part")),
        };
        let next = ::std::format!("\r\n--{boundary}");
        while !rest.starts_with(b"--") {
            let rest_after_line = rest
                .strip_prefix(b"\r\n")
                .ok_or_else(|| FormError::new("a boundary is not followed by a line break"))?;
            let end = find(rest_after_line, next.as_bytes())
                .ok_or_else(|| FormError::new("a part does not end with the boundary"))?;
            parts.push(part(&rest_after_line[..end])?);
            rest = &rest_after_line[end + next.len()..];
        }
        Ok(Parts(parts))
    }

    /// The tree of the parts' fields: text parts by their (bracketed) names, files as
    /// [`Binary`] values.
    pub fn tree(self) -> Result<FormNode, FormError> {
        let mut root = FormNode::Map(Vec::new());
        for part in self.0 {
            let node = match part.filename {
                Some(filename) => FormNode::file(Binary {
                    filename: Some(filename),
                    content_type: part.content_type,
                    bytes: part.body,
                }),
                None => FormNode::Text(String::from_utf8(part.body).map_err(|_| {
                    FormError::new(::std::format!("part `{}` is not UTF-8 text", part.name))
                })?),
            };
            root.insert_raw_name(&part.name, node)?;
        }
        Ok(root)
    }
}

/// One part: its headers, a blank line, its bytes.
fn part(bytes: &[u8]) -> Result<Part, FormError> {
    let split = find(bytes, b"\r\n\r\n").ok_or_else(|| FormError::new("a part has no headers"))?;
    let head = ::core::str::from_utf8(&bytes[..split])
        .map_err(|_| FormError::new("a part's headers are not UTF-8"))?;
    let mut out = Part {
        name: String::new(),
        filename: None,
        content_type: None,
        body: bytes[split + 4..].to_vec(),
    };
    let mut named = false;
    for line in head.split("\r\n") {
        let Some((header, value)) = line.split_once(':') else { continue };
        if header.trim().eq_ignore_ascii_case("content-type") {
            out.content_type = Some(value.trim().to_owned());
        } else if header.trim().eq_ignore_ascii_case("content-disposition") {
            for param in value.split(';').skip(1) {
                let Some((key, text)) = param.split_once('=') else { continue };
                let text = unquoted(text.trim());
                match key.trim().to_ascii_lowercase().as_str() {
                    "name" => {
                        out.name = text;
                        named = true;
                    }
                    "filename" => out.filename = Some(text),
                    _ => {}
                }
            }
        }
    }
    if !named {
        return Err(FormError::new("a part has no name"));
    }
    Ok(out)
}

/// A quoted-string's text (WHATWG's escapes: `%22` for `"`, `%0D%0A` for line breaks).
fn unquoted(text: &str) -> String {
    let inner = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')).unwrap_or(text);
    inner.replace("%22", "\"").replace("%0D", "\r").replace("%0A", "\n")
}

/// A name in a quoted-string, escaped as browsers do (WHATWG).
fn quoted(text: &str) -> String {
    text.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A")
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    find(haystack, needle).is_some()
}

/// The `boundary` parameter of a multipart `content-type`.
pub fn boundary_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim().eq_ignore_ascii_case("boundary").then(|| unquoted(value.trim()))
    })
}
