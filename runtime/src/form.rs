//! `application/x-www-form-urlencoded` bodies and `deepObject` query parameters as
//! Stripe's API reads them: nested objects as `key[sub]`, arrays indexed as `key[0]`,
//! booleans as `true`/`false`, absent values and empty collections left out, an empty
//! string sent as `key=`. Keys keep their brackets literal; every other character of
//! keys and values is encoded as the WHATWG form serializer does (the `form_urlencoded`
//! crate): alphanumerics and `*-._` kept, space as `+`, the rest `%XX` of UTF-8.
//!
//! Written here because no crate writes these bytes: serde_urlencoded has no nesting,
//! and serde_qs leaves `:` and `/` unencoded in values.

use ::serde::ser::{self, Serialize};

use crate::buffer::RAW_VALUE;
use crate::members::KeyText;
use ::std::string::{String, ToString};
use ::std::vec::Vec;

/// A value a form cannot carry: bytes, or a top level that is not an object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormError(String);

impl ::core::fmt::Display for FormError {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str(&self.0)
    }
}

impl ::std::error::Error for FormError {}

impl FormError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        FormError(message.into())
    }
}

impl ::serde::de::Error for FormError {
    fn custom<T: ::core::fmt::Display>(message: T) -> Self {
        FormError(message.to_string())
    }
}

impl ser::Error for FormError {
    fn custom<T: ::core::fmt::Display>(message: T) -> Self {
        FormError(message.to_string())
    }
}

/// The form body of `value`, an object: its fields in order, each as `key=value`.
pub fn to_form<T: Serialize + ?Sized>(value: &T) -> Result<String, FormError> {
    Ok(encode(&form_pairs("", value)?))
}

/// The `(key, value)` pairs of `value` under `prefix` (`""` for a body's top level), keys
/// already encoded with their brackets, values as text.
pub fn form_pairs<T: Serialize + ?Sized>(
    prefix: &str,
    value: &T,
) -> Result<Vec<(String, String)>, FormError> {
    let mut pairs = Vec::new();
    value.serialize(Pairs { key: encode_part(prefix), pairs: &mut pairs })?;
    Ok(pairs)
}

/// `key=value` pairs joined by `&`, values encoded.
pub fn encode(pairs: &[(String, String)]) -> String {
    let mut out = String::new();
    for (key, value) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        out.push_str(key);
        out.push('=');
        out.push_str(&encode_part(value));
    }
    out
}

/// The `(key, value)` pairs of a form body or query string, decoded: for servers and
/// tests, to read back what [`to_form`] wrote.
pub fn decode(form: &[u8]) -> Vec<(String, String)> {
    ::form_urlencoded::parse(form).into_owned().collect()
}

/// One key segment or value, encoded as the WHATWG form serializer does.
pub fn encode_part(text: &str) -> String {
    ::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// The serializer of one value at `key` (encoded; empty at the top level).
struct Pairs<'a> {
    key: String,
    pairs: &'a mut Vec<(String, String)>,
}

impl Pairs<'_> {
    fn child(&mut self, segment: &str) -> Pairs<'_> {
        let segment = encode_part(segment);
        let key =
            if self.key.is_empty() { segment } else { ::std::format!("{}[{segment}]", self.key) };
        Pairs { key, pairs: self.pairs }
    }

    fn scalar(self, text: String) -> Result<(), FormError> {
        if self.key.is_empty() {
            return Err(FormError(::std::format!("a form holds an object, not `{text}`")));
        }
        self.pairs.push((self.key, text));
        Ok(())
    }
}

macro_rules! scalars {
    ($($method:ident($ty:ty);)*) => {$(
        fn $method(self, v: $ty) -> Result<(), FormError> {
            self.scalar(v.to_string())
        }
    )*};
}

impl<'a> ser::Serializer for Pairs<'a> {
    type Ok = ();
    type Error = FormError;
    type SerializeSeq = Items<'a>;
    type SerializeTuple = Items<'a>;
    type SerializeTupleStruct = Items<'a>;
    type SerializeTupleVariant = Items<'a>;
    type SerializeMap = Members<'a>;
    type SerializeStruct = Members<'a>;
    type SerializeStructVariant = Members<'a>;

    scalars! {
        serialize_bool(bool);
        serialize_i8(i8);
        serialize_i16(i16);
        serialize_i32(i32);
        serialize_i64(i64);
        serialize_i128(i128);
        serialize_u8(u8);
        serialize_u16(u16);
        serialize_u32(u32);
        serialize_u64(u64);
        serialize_u128(u128);
        serialize_f32(f32);
        serialize_f64(f64);
        serialize_char(char);
        serialize_str(&str);
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), FormError> {
        Err(FormError(::std::format!("`{}`: bytes have no form encoding", self.key)))
    }

    /// Absent: left out.
    fn serialize_none(self) -> Result<(), FormError> {
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), FormError> {
        value.serialize(self)
    }

    /// JSON `null`: left out, as absent.
    fn serialize_unit(self) -> Result<(), FormError> {
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), FormError> {
        Ok(())
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), FormError> {
        self.scalar(variant.to_owned())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), FormError> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        value: &T,
    ) -> Result<(), FormError> {
        value.serialize(self)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Items<'a>, FormError> {
        Ok(Items { parent: self, index: 0 })
    }

    fn serialize_tuple(self, len: usize) -> Result<Items<'a>, FormError> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Items<'a>, FormError> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        len: usize,
    ) -> Result<Items<'a>, FormError> {
        self.serialize_seq(Some(len))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Members<'a>, FormError> {
        Ok(Members { raw: false, parent: self, key: None })
    }

    /// A `Number` hands its text as the one field of a struct of this name.
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Members<'a>, FormError> {
        Ok(Members { raw: name == RAW_VALUE, parent: self, key: None })
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Members<'a>, FormError> {
        Ok(Members { raw: false, parent: self, key: None })
    }
}

/// The items of an array, each at `key[index]`.
struct Items<'a> {
    parent: Pairs<'a>,
    index: usize,
}

impl Items<'_> {
    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), FormError> {
        if self.parent.key.is_empty() {
            return Err(FormError("a form holds an object, not an array".to_owned()));
        }
        let index = self.index.to_string();
        self.index += 1;
        value.serialize(self.parent.child(&index))
    }
}

macro_rules! items {
    ($($trait:ident::$method:ident;)*) => {$(
        impl ser::$trait for Items<'_> {
            type Ok = ();
            type Error = FormError;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), FormError> {
                self.item(value)
            }
            fn end(self) -> Result<(), FormError> {
                Ok(())
            }
        }
    )*};
}

items! {
    SerializeSeq::serialize_element;
    SerializeTuple::serialize_element;
    SerializeTupleStruct::serialize_field;
    SerializeTupleVariant::serialize_field;
}

/// The members of an object, each at `key[name]` (at the top level, `name`).
struct Members<'a> {
    parent: Pairs<'a>,
    key: Option<String>,
    /// A number's text, written at the parent's key.
    raw: bool,
}

impl ser::SerializeMap for Members<'_> {
    type Ok = ();
    type Error = FormError;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), FormError> {
        self.key = Some(key.serialize(KeyText::<FormError, _>::new(str::to_owned))?);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), FormError> {
        let key = self.key.take().ok_or_else(|| FormError("a value without its key".to_owned()))?;
        value.serialize(self.parent.child(&key))
    }

    fn end(self) -> Result<(), FormError> {
        Ok(())
    }
}

/// The fields of a struct (or struct variant), each at `key[name]`.
macro_rules! fields {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Members<'_> {
            type Ok = ();
            type Error = FormError;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                name: &'static str,
                value: &T,
            ) -> Result<(), FormError> {
                match self.raw {
                    true => value.serialize(Pairs { key: self.parent.key.clone(), pairs: self.parent.pairs }),
                    false => value.serialize(self.parent.child(name)),
                }
            }
            fn end(self) -> Result<(), FormError> {
                Ok(())
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);
