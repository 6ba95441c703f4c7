//! How many members a typed value writes as a JSON object, counted as serde writes them
//! (absent optional fields skipped, flattened properties each counted) without writing
//! any of them: `minProperties`/`maxProperties` of a struct need the count alone, not
//! the JSON object a whole-schema check would build for them.

use ::serde::ser::{Impossible, Serialize, SerializeMap, SerializeStruct, Serializer};

/// A count of an object's members, with the `len` the count checks read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemberCount(pub usize);

impl MemberCount {
    /// The number of members.
    pub fn len(&self) -> usize {
        self.0
    }
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }
}

/// The members `value` writes as a JSON object; `None` when it writes no object.
pub fn member_count<T: Serialize + ?Sized>(value: &T) -> ::core::option::Option<MemberCount> {
    value.serialize(Counter).ok().map(MemberCount)
}

/// Counts the members of the object a value writes; anything else is an error.
struct Counter;

/// The error of a value that writes no object (its message is never read).
fn not_an_object() -> ::serde_json::Error {
    ::serde::ser::Error::custom("not an object")
}

macro_rules! not_objects {
    ($($method:ident($($arg:ty),*) -> $ok:ty;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ok, ::serde_json::Error> {
            Err(not_an_object())
        })*
    };
}

impl Serializer for Counter {
    type Ok = usize;
    type Error = ::serde_json::Error;
    type SerializeSeq = Impossible<usize, ::serde_json::Error>;
    type SerializeTuple = Impossible<usize, ::serde_json::Error>;
    type SerializeTupleStruct = Impossible<usize, ::serde_json::Error>;
    type SerializeTupleVariant = Impossible<usize, ::serde_json::Error>;
    type SerializeMap = Count;
    type SerializeStruct = Count;
    type SerializeStructVariant = Impossible<usize, ::serde_json::Error>;

    not_objects! {
        serialize_bool(bool) -> usize;
        serialize_i8(i8) -> usize;
        serialize_i16(i16) -> usize;
        serialize_i32(i32) -> usize;
        serialize_i64(i64) -> usize;
        serialize_u8(u8) -> usize;
        serialize_u16(u16) -> usize;
        serialize_u32(u32) -> usize;
        serialize_u64(u64) -> usize;
        serialize_f32(f32) -> usize;
        serialize_f64(f64) -> usize;
        serialize_char(char) -> usize;
        serialize_str(&str) -> usize;
        serialize_bytes(&[u8]) -> usize;
        serialize_none() -> usize;
        serialize_unit() -> usize;
        serialize_unit_struct(&'static str) -> usize;
        serialize_unit_variant(&'static str, u32, &'static str) -> usize;
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<usize, Self::Error> {
        value.serialize(self)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<usize, Self::Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<usize, Self::Error> {
        Err(not_an_object())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Count, Self::Error> {
        Ok(Count(0))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Count, Self::Error> {
        Ok(Count(0))
    }
}

/// The members counted so far; their values are never written.
struct Count(usize);

impl SerializeMap for Count {
    type Ok = usize;
    type Error = ::serde_json::Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, _: &T) -> Result<(), Self::Error> {
        self.0 += 1;
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, _: &T) -> Result<(), Self::Error> {
        Ok(())
    }
    fn end(self) -> Result<usize, Self::Error> {
        Ok(self.0)
    }
}

impl SerializeStruct for Count {
    type Ok = usize;
    type Error = ::serde_json::Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        _: &'static str,
        _: &T,
    ) -> Result<(), Self::Error> {
        self.0 += 1;
        Ok(())
    }
    fn end(self) -> Result<usize, Self::Error> {
        Ok(self.0)
    }
}
