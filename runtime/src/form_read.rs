//! Reading back what [`crate::to_form`] and the parameter styles write: a form body or
//! query string becomes a tree of [`FormNode`]s (brackets nest, repeated keys list),
//! and a tree deserializes into the typed value. Text has no JSON types, so a node is
//! read as whatever its type asks for (`"2"` as an integer, `"true"` as a boolean); where
//! the type does not say (a union's branches, a value kept as JSON), the text is taken
//! as a boolean, an integer or a number when it spells one, else as a string.
//!
//! Written here because serde_qs and serde_urlencoded read neither repeated keys nor
//! `form` lists (`a,b`), and decode brackets before splitting keys on them.

use ::serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use ::std::borrow::Cow;
use ::std::string::{String, ToString};
use ::std::vec::Vec;

use crate::buffer::RAW_VALUE;
use crate::FormError;

/// A decoded form value: text, a list (repeated keys, `form` lists, indexed arrays) or
/// members in the order they came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormNode {
    /// One value.
    Text(String),
    /// Items.
    List(Vec<FormNode>),
    /// Members, by key.
    Map(Vec<(String, FormNode)>),
    /// Bytes (a file part of a multipart body).
    Bytes(Vec<u8>),
}

/// Decodes one raw component: `+` is a space, `%XX` a byte of UTF-8.
pub fn decode_part(raw: &str) -> String {
    let spaced: Cow<'_, str> =
        if raw.contains('+') { Cow::Owned(raw.replace('+', " ")) } else { Cow::Borrowed(raw) };
    ::percent_encoding::percent_decode_str(&spaced).decode_utf8_lossy().into_owned()
}

/// The raw `(key, value)` pairs of a form body or query string, not yet decoded.
pub fn raw_pairs(form: &str) -> impl Iterator<Item = (&str, &str)> {
    form.split('&').filter(|pair| !pair.is_empty()).map(|pair| match pair.split_once('=') {
        Some((key, value)) => (key, value),
        None => (pair, ""),
    })
}

/// The segments of a raw key: `a[b][0]` is `a`, `b`, `0`; brackets are split on before
/// `decode` runs, so an encoded bracket (`%5B`) stays part of its segment.
fn segments(raw: &str, decode: fn(&str) -> String) -> Vec<String> {
    let Some(open) = raw.find('[') else { return ::std::vec![decode(raw)] };
    let mut out = ::std::vec![decode(&raw[..open])];
    let mut rest = &raw[open..];
    while let Some(inner) = rest.strip_prefix('[') {
        let Some(close) = inner.find(']') else { break };
        out.push(decode(&inner[..close]));
        rest = &inner[close + 1..];
    }
    if !rest.is_empty() {
        // Not bracket syntax after all: the whole key is one name.
        return ::std::vec![decode(raw)];
    }
    out
}

impl FormNode {
    /// The tree of a form body or query string: `a[b][0]=x` nests, a repeated key lists
    /// its values.
    pub fn parse(form: &str) -> Result<FormNode, FormError> {
        let mut root = FormNode::Map(Vec::new());
        for (key, value) in raw_pairs(form) {
            root.insert(&segments(key, decode_part), FormNode::Text(decode_part(value)))?;
        }
        Ok(root)
    }

    /// Adds `node` at a multipart part's name (`a[b][0]`, not URL-encoded).
    pub fn insert_raw_name(&mut self, name: &str, node: FormNode) -> Result<(), FormError> {
        self.insert(&segments(name, str::to_owned), node)
    }

    /// A file as a node: its name, media type and bytes, as [`crate::Binary`] reads them.
    pub fn file(file: crate::Binary) -> FormNode {
        let mut members = Vec::new();
        members.extend(file.filename.map(|f| ("filename".to_owned(), FormNode::Text(f))));
        members.extend(file.content_type.map(|m| ("content_type".to_owned(), FormNode::Text(m))));
        members.push(("bytes".to_owned(), FormNode::Bytes(file.bytes)));
        FormNode::Map(members)
    }

    fn insert(&mut self, path: &[String], value: FormNode) -> Result<(), FormError> {
        let Some((first, rest)) = path.split_first() else {
            // A repeated key: its values become a list.
            match self {
                FormNode::List(items) => items.push(value),
                FormNode::Text(_) | FormNode::Bytes(_) => {
                    let old = ::core::mem::replace(self, FormNode::List(Vec::new()));
                    *self = FormNode::List(::std::vec![old, value]);
                }
                // Files of one name (each a map of its parts) make a list too.
                FormNode::Map(_) if matches!(value, FormNode::Map(_)) => {
                    let old = ::core::mem::replace(self, FormNode::List(Vec::new()));
                    *self = FormNode::List(::std::vec![old, value]);
                }
                FormNode::Map(_) => {
                    return Err(FormError::new("a key is both an object and a value"))
                }
            }
            return Ok(());
        };
        let FormNode::Map(members) = self else {
            return Err(FormError::new(::std::format!("`{first}` is below a key that is a value")));
        };
        // `a[]` appends.
        let key = if first.is_empty() { members.len().to_string() } else { first.clone() };
        match members.iter_mut().find(|(k, _)| *k == key) {
            Some((_, node)) => node.insert(rest, value),
            None if rest.is_empty() => {
                members.push((key, value));
                Ok(())
            }
            None => {
                let mut node = FormNode::Map(Vec::new());
                node.insert(rest, value)?;
                members.push((key, node));
                Ok(())
            }
        }
    }

    /// One item as text, several as a list.
    pub fn items(values: impl Iterator<Item = String>) -> FormNode {
        let mut list: Vec<FormNode> = values.map(FormNode::Text).collect();
        match list.len() {
            1 => list.remove(0),
            _ => FormNode::List(list),
        }
    }

    /// A header's value as `simple` writes it: items separated by commas.
    pub fn simple(text: &str) -> FormNode {
        FormNode::items(text.split(',').map(|item| item.trim().to_owned()))
    }

    /// Member `key` of a map.
    pub fn get(&self, key: &str) -> Option<&FormNode> {
        let FormNode::Map(members) = self else { return None };
        members.iter().find(|(k, _)| k == key).map(|(_, node)| node)
    }

    /// Takes member `key` out of a map.
    pub fn take(&mut self, key: &str) -> Option<FormNode> {
        let FormNode::Map(members) = self else { return None };
        let at = members.iter().position(|(k, _)| k == key)?;
        Some(members.remove(at).1)
    }

    /// Whether this is a map without members.
    pub fn is_empty_map(&self) -> bool {
        matches!(self, FormNode::Map(members) if members.is_empty())
    }

    /// The items of a map whose keys are the indexes `0..n`, in index order.
    fn indexed(members: Vec<(String, FormNode)>) -> Result<Vec<FormNode>, Vec<(String, FormNode)>> {
        let mut numbered = Vec::with_capacity(members.len());
        for (key, node) in &members {
            match key.parse::<usize>() {
                Ok(index) if key == &index.to_string() => numbered.push((index, node)),
                _ => return Err(members),
            }
        }
        numbered.sort_by_key(|(index, _)| *index);
        if numbered.iter().enumerate().any(|(i, (index, _))| i != *index) {
            return Err(members);
        }
        let mut members = members;
        members.sort_by_key(|(key, _)| key.parse::<usize>().unwrap_or(usize::MAX));
        Ok(members.into_iter().map(|(_, node)| node).collect())
    }

    fn unexpected(&self) -> de::Unexpected<'_> {
        match self {
            FormNode::Text(text) => de::Unexpected::Str(text),
            FormNode::List(_) => de::Unexpected::Seq,
            FormNode::Map(_) => de::Unexpected::Map,
            FormNode::Bytes(bytes) => de::Unexpected::Bytes(bytes),
        }
    }
}

/// Text that spells a JSON number: digits, sign, point, exponent (not `inf` or `NaN`).
fn numeric(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    digits.starts_with(|c: char| c.is_ascii_digit())
        && digits.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
}

/// Text that is a JSON number as it stands.
fn is_json_number(text: &str) -> bool {
    numeric(text) && ::serde_json::from_str::<::serde_json::Number>(text).is_ok()
}

macro_rules! parsed {
    ($($method:ident => $visit:ident($ty:ty);)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
            match &self {
                FormNode::Text(text) => match text.parse::<$ty>() {
                    Ok(value) => visitor.$visit(value),
                    Err(_) => Err(de::Error::invalid_type(self.unexpected(), &visitor)),
                },
                _ => Err(de::Error::invalid_type(self.unexpected(), &visitor)),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for FormNode {
    type Error = FormError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        match self {
            FormNode::Text(text) => match text.as_str() {
                "true" => visitor.visit_bool(true),
                "false" => visitor.visit_bool(false),
                t if numeric(t) => match (t.parse::<i64>(), t.parse::<u64>(), t.parse::<f64>()) {
                    (Ok(n), _, _) => visitor.visit_i64(n),
                    (_, Ok(n), _) => visitor.visit_u64(n),
                    (_, _, Ok(n)) if n.is_finite() => visitor.visit_f64(n),
                    _ => visitor.visit_string(text),
                },
                _ => visitor.visit_string(text),
            },
            FormNode::Bytes(bytes) => visitor.visit_byte_buf(bytes),
            FormNode::List(items) => visitor.visit_seq(Items(items.into_iter())),
            FormNode::Map(members) => match FormNode::indexed(members) {
                Ok(items) if !items.is_empty() => visitor.visit_seq(Items(items.into_iter())),
                Ok(_) => visitor.visit_map(Members { rest: Vec::new().into_iter(), value: None }),
                Err(members) => {
                    visitor.visit_map(Members { rest: members.into_iter(), value: None })
                }
            },
        }
    }

    parsed! {
        deserialize_bool => visit_bool(bool);
        deserialize_i8 => visit_i8(i8);
        deserialize_i16 => visit_i16(i16);
        deserialize_i32 => visit_i32(i32);
        deserialize_i64 => visit_i64(i64);
        deserialize_i128 => visit_i128(i128);
        deserialize_u8 => visit_u8(u8);
        deserialize_u16 => visit_u16(u16);
        deserialize_u32 => visit_u32(u32);
        deserialize_u64 => visit_u64(u64);
        deserialize_u128 => visit_u128(u128);
        deserialize_f32 => visit_f32(f32);
        deserialize_f64 => visit_f64(f64);
        deserialize_char => visit_char(char);
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        self.deserialize_string(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        match self {
            FormNode::Text(text) => visitor.visit_string(text),
            other => Err(de::Error::invalid_type(other.unexpected(), &visitor)),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        self.deserialize_string(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        match self {
            FormNode::Text(text) => visitor.visit_byte_buf(text.into_bytes()),
            FormNode::Bytes(bytes) => visitor.visit_byte_buf(bytes),
            other => Err(de::Error::invalid_type(other.unexpected(), &visitor)),
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        self.deserialize_bytes(visitor)
    }

    /// A present key is a present value; absence is the caller's (a missing field).
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        visitor.visit_some(self)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        match &self {
            FormNode::Text(text) if text.is_empty() => visitor.visit_unit(),
            _ => Err(de::Error::invalid_type(self.unexpected(), &visitor)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, FormError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, FormError> {
        // A `Number` (or a union's buffer) asks for JSON text: a number keeps its spelling.
        match self {
            FormNode::Text(text) if name == RAW_VALUE && is_json_number(&text) => {
                let raw = ::std::vec![(RAW_VALUE.to_owned(), FormNode::Text(text))];
                visitor.visit_map(Members { rest: raw.into_iter(), value: None })
            }
            node => visitor.visit_newtype_struct(node),
        }
    }

    /// A list, an indexed map, or one value as a list of one.
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        match self {
            FormNode::List(items) => visitor.visit_seq(Items(items.into_iter())),
            // Any other map is a list of one (one file of a list of files).
            FormNode::Map(members) => match FormNode::indexed(members) {
                Ok(items) => visitor.visit_seq(Items(items.into_iter())),
                Err(members) => {
                    visitor.visit_seq(Items(::std::vec![FormNode::Map(members)].into_iter()))
                }
            },
            text => visitor.visit_seq(Items(::std::vec![text].into_iter())),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, FormError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, FormError> {
        self.deserialize_seq(visitor)
    }

    /// Members, or a `form` list of keys and values (`a,1,b,2`).
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        match self {
            FormNode::Map(members) => {
                visitor.visit_map(Members { rest: members.into_iter(), value: None })
            }
            FormNode::List(items) => {
                let mut members = Vec::new();
                let mut items = items.into_iter();
                while let (Some(FormNode::Text(key)), Some(value)) = (items.next(), items.next()) {
                    members.push((key, value));
                }
                visitor.visit_map(Members { rest: members.into_iter(), value: None })
            }
            text => Err(de::Error::invalid_type(text.unexpected(), &visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, FormError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, FormError> {
        match self {
            FormNode::Text(text) => visitor.visit_enum(text.into_deserializer()),
            other => Err(de::Error::invalid_type(other.unexpected(), &visitor)),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        visitor.visit_unit()
    }
}

impl<'de> IntoDeserializer<'de, FormError> for FormNode {
    type Deserializer = FormNode;

    fn into_deserializer(self) -> FormNode {
        self
    }
}

struct Items(::std::vec::IntoIter<FormNode>);

impl<'de> de::SeqAccess<'de> for Items {
    type Error = FormError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, FormError> {
        self.0.next().map(|node| seed.deserialize(node)).transpose()
    }
}

struct Members {
    rest: ::std::vec::IntoIter<(String, FormNode)>,
    value: Option<FormNode>,
}

impl<'de> de::MapAccess<'de> for Members {
    type Error = FormError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, FormError> {
        let Some((key, value)) = self.rest.next() else { return Ok(None) };
        self.value = Some(value);
        seed.deserialize(key.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, FormError> {
        let value = self.value.take().ok_or_else(|| FormError::new("a value without its key"))?;
        seed.deserialize(value)
    }
}

/// Each method of [`Maybe`]: the node's own, or a missing value.
macro_rules! maybe {
    ($($method:ident$(($($arg:ident: $ty:ty),*))?;)*) => {$(
        fn $method<V: Visitor<'de>>(self, $($($arg: $ty,)*)? visitor: V) -> Result<V::Value, FormError> {
            match self.0 {
                Some(node) => node.$method($($($arg,)*)? visitor),
                None => Err(FormError::new("it is missing")),
            }
        }
    )*};
}

/// A node that may be absent: absent reads as `None` for an `Option`, and as a missing
/// value for anything else.
pub struct Maybe(pub Option<FormNode>);

impl<'de> de::Deserializer<'de> for Maybe {
    type Error = FormError;

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        match self.0 {
            Some(node) => visitor.visit_some(node),
            None => visitor.visit_none(),
        }
    }

    maybe! {
        deserialize_any; deserialize_bool; deserialize_i8; deserialize_i16; deserialize_i32;
        deserialize_i64; deserialize_i128; deserialize_u8; deserialize_u16; deserialize_u32;
        deserialize_u64; deserialize_u128; deserialize_f32; deserialize_f64; deserialize_char;
        deserialize_str; deserialize_string; deserialize_bytes; deserialize_byte_buf;
        deserialize_unit; deserialize_seq; deserialize_map; deserialize_identifier;
        deserialize_ignored_any;
        deserialize_unit_struct(name: &'static str);
        deserialize_newtype_struct(name: &'static str);
        deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_struct(name: &'static str, fields: &'static [&'static str]);
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
    }
}
