//! [`Number`]: a JSON number of a `type: number` schema, written back as it was read.

use ::core::fmt;
use ::core::str::FromStr;

use crate::buffer::{Text, RAW_VALUE};

/// A JSON number, with arithmetic ([`Number::as_f64`], [`Number::as_i64`]) and its text:
/// a number read by serde_json is written back by serde_json exactly as it was read (`7`
/// stays `7`, `7.0` stays `7.0`, `1e3` stays `1e3`, `1.50` stays `1.50`). Read from
/// another format, or through a buffer that has already parsed it, it keeps whether it
/// was an integer or a float. Equality and order are those of the numeric value:
/// `Number::from(7) == "7.0".parse().unwrap()`.
#[derive(Clone)]
pub struct Number(Repr);

#[derive(Clone)]
enum Repr {
    /// An integer spelled as serde_json writes it.
    Int(i64),
    /// A positive integer above `i64::MAX`, spelled as serde_json writes it.
    UInt(u64),
    /// A float made in code, or read without its text: written as serde_json writes it.
    Float(f64),
    /// The text of a number read from JSON that is not a plain integer.
    Text(::std::boxed::Box<str>),
}

/// The error of [`Number::from_str`]: the text is not a JSON number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotANumber(::std::string::String);

impl fmt::Display for NotANumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a JSON number: {:?}", self.0)
    }
}

impl ::std::error::Error for NotANumber {}

impl Number {
    /// The nearest `f64` (a JSON number beyond the range of `f64` is infinite).
    pub fn as_f64(&self) -> f64 {
        match &self.0 {
            Repr::Int(n) => *n as f64,
            Repr::UInt(n) => *n as f64,
            Repr::Float(n) => *n,
            // The text is a valid JSON number, which Rust's float grammar includes.
            Repr::Text(text) => text.parse().unwrap_or(f64::NAN),
        }
    }

    /// The value as an `i64`, if it is an integer in its range (`7.0` and `1e3` are).
    pub fn as_i64(&self) -> Option<i64> {
        match &self.0 {
            Repr::Int(n) => Some(*n),
            Repr::UInt(_) => None,
            Repr::Float(_) | Repr::Text(_) => whole(self.as_f64()),
        }
    }

    /// The value as a `u64`, if it is a non-negative integer in its range.
    pub fn as_u64(&self) -> Option<u64> {
        match &self.0 {
            Repr::Int(n) => u64::try_from(*n).ok(),
            Repr::UInt(n) => Some(*n),
            Repr::Float(_) | Repr::Text(_) => {
                whole(self.as_f64()).and_then(|n| u64::try_from(n).ok())
            }
        }
    }

    /// Whether the value is a whole number (`7`, `7.0`, `1e3`), as JSON Schema's
    /// `integer` counts them.
    pub fn is_integer(&self) -> bool {
        match &self.0 {
            Repr::Int(_) | Repr::UInt(_) => true,
            Repr::Float(_) | Repr::Text(_) => {
                let n = self.as_f64();
                n.is_finite() && n.fract() == 0.0
            }
        }
    }

    /// The number from its JSON text, kept as written.
    fn from_text(text: &str) -> Result<Number, NotANumber> {
        if !is_json_number(text) {
            return Err(NotANumber(text.to_owned()));
        }
        // serde_json writes an integer without sign or leading zeros only as is.
        let plain = !text.contains(['.', 'e', 'E']) && text != "-0";
        let repr = match (plain, text.parse::<i64>(), text.parse::<u64>()) {
            (true, Ok(n), _) => Repr::Int(n),
            (true, _, Ok(n)) => Repr::UInt(n),
            _ => Repr::Text(text.into()),
        };
        Ok(Number(repr))
    }
}

/// `n` as an `i64` when it is a whole number in range.
fn whole(n: f64) -> Option<i64> {
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    (n.fract() == 0.0 && (-LIMIT..LIMIT).contains(&n)).then_some(n as i64)
}

/// The JSON number grammar (RFC 8259, section 6).
fn is_json_number(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            digits(&mut i);
        }
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

impl Default for Number {
    fn default() -> Self {
        Number(Repr::Int(0))
    }
}

impl FromStr for Number {
    type Err = NotANumber;

    /// Reads JSON number text (`"1e3"`, `"-0.50"`); it is written back as given.
    fn from_str(text: &str) -> Result<Self, NotANumber> {
        Number::from_text(text)
    }
}

impl From<f64> for Number {
    /// A float; serde_json writes a non-finite one as `null`, as it does an `f64`.
    fn from(n: f64) -> Self {
        Number(Repr::Float(n))
    }
}

impl From<f32> for Number {
    fn from(n: f32) -> Self {
        Number(Repr::Float(f64::from(n)))
    }
}

impl From<i64> for Number {
    fn from(n: i64) -> Self {
        Number(Repr::Int(n))
    }
}

impl From<i32> for Number {
    fn from(n: i32) -> Self {
        Number(Repr::Int(i64::from(n)))
    }
}

impl From<u32> for Number {
    fn from(n: u32) -> Self {
        Number(Repr::Int(i64::from(n)))
    }
}

impl From<u64> for Number {
    fn from(n: u64) -> Self {
        match i64::try_from(n) {
            Ok(n) => Number(Repr::Int(n)),
            Err(_) => Number(Repr::UInt(n)),
        }
    }
}

impl From<&Number> for f64 {
    fn from(n: &Number) -> f64 {
        n.as_f64()
    }
}

impl PartialEq for Number {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Repr::Int(a), Repr::Int(b)) => a == b,
            (Repr::UInt(a), Repr::UInt(b)) => a == b,
            _ => self.as_f64() == other.as_f64(),
        }
    }
}

impl PartialOrd for Number {
    fn partial_cmp(&self, other: &Self) -> Option<::core::cmp::Ordering> {
        match (&self.0, &other.0) {
            (Repr::Int(a), Repr::Int(b)) => a.partial_cmp(b),
            (Repr::UInt(a), Repr::UInt(b)) => a.partial_cmp(b),
            _ => self.as_f64().partial_cmp(&other.as_f64()),
        }
    }
}

impl PartialEq<f64> for Number {
    fn eq(&self, other: &f64) -> bool {
        self.as_f64() == *other
    }
}

impl PartialOrd<f64> for Number {
    fn partial_cmp(&self, other: &f64) -> Option<::core::cmp::Ordering> {
        self.as_f64().partial_cmp(other)
    }
}

impl fmt::Display for Number {
    /// The JSON text serde_json writes for this number.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Int(n) => write!(f, "{n}"),
            Repr::UInt(n) => write!(f, "{n}"),
            Repr::Float(n) => match ::serde_json::Number::from_f64(*n) {
                Some(n) => write!(f, "{n}"),
                None => f.write_str("null"),
            },
            Repr::Text(text) => f.write_str(text),
        }
    }
}

impl fmt::Debug for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Number({self})")
    }
}

/// Whether `S` is one of serde_json's serializers, which write a raw value's text as it
/// is. serde has no way to ask a serializer; another serializer would write the raw
/// value as a one-field struct, so it gets the number instead.
fn writes_json_text<S>() -> bool {
    let name = ::core::any::type_name::<S>();
    name.starts_with("&mut serde_json::ser::Serializer<")
        || name.starts_with("serde_json::value::ser::Serializer")
        || name.starts_with("schemagen_runtime::form::Pairs")
}

impl ::serde::Serialize for Number {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Repr::Int(n) => serializer.serialize_i64(*n),
            Repr::UInt(n) => serializer.serialize_u64(*n),
            Repr::Float(n) => serializer.serialize_f64(*n),
            Repr::Text(text) if writes_json_text::<S>() => {
                use ::serde::ser::SerializeStruct as _;
                let mut raw = serializer.serialize_struct(RAW_VALUE, 1)?;
                raw.serialize_field(RAW_VALUE, &**text)?;
                raw.end()
            }
            Repr::Text(_) => match self.as_i64() {
                Some(n) if !text_is_float(self) => serializer.serialize_i64(n),
                _ => serializer.serialize_f64(self.as_f64()),
            },
        }
    }
}

/// Whether a number's text is written as a float (`7.0`, `1e3`), not as an integer.
fn text_is_float(n: &Number) -> bool {
    matches!(&n.0, Repr::Text(text) if text.contains(['.', 'e', 'E']))
}

impl<'de> ::serde::Deserialize<'de> for Number {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // serde_json answers with the value's text; other formats read the newtype's
        // content, a number.
        deserializer.deserialize_newtype_struct(RAW_VALUE, NumberVisitor)
    }
}

struct NumberVisitor;

impl<'de> ::serde::de::Visitor<'de> for NumberVisitor {
    type Value = Number;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number")
    }

    fn visit_i64<E: ::serde::de::Error>(self, n: i64) -> Result<Number, E> {
        Ok(Number::from(n))
    }

    fn visit_u64<E: ::serde::de::Error>(self, n: u64) -> Result<Number, E> {
        Ok(Number::from(n))
    }

    fn visit_f64<E: ::serde::de::Error>(self, n: f64) -> Result<Number, E> {
        Ok(Number::from(n))
    }

    fn visit_newtype_struct<D: ::serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Number, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Number, A::Error> {
        use ::serde::de::Error as _;
        let raw = match map.next_key::<Text<'de>>()? {
            Some(key) if key.0 == RAW_VALUE => map.next_value::<Text<'de>>()?.0,
            _ => return Err(A::Error::invalid_type(::serde::de::Unexpected::Map, &self)),
        };
        Number::from_text(&raw).map_err(|_| A::Error::invalid_type(unexpected(&raw), &self))
    }
}

/// What the JSON text of a value other than a number is, for the error.
fn unexpected(raw: &str) -> ::serde::de::Unexpected<'_> {
    use ::serde::de::Unexpected;
    match raw.as_bytes().first() {
        Some(b'"') => Unexpected::Other("a string"),
        Some(b'{') => Unexpected::Map,
        Some(b'[') => Unexpected::Seq,
        Some(b't') => Unexpected::Bool(true),
        Some(b'f') => Unexpected::Bool(false),
        Some(b'n') => Unexpected::Unit,
        _ => Unexpected::Other(raw),
    }
}
