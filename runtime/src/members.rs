//! The JSON of a typed value restricted to some members of its objects: what a check
//! that reads only those members needs, without writing the rest.

use ::serde::ser::{Impossible, Serialize, SerializeMap, SerializeStruct, Serializer};
use ::serde_json::value::Serializer as ValueSerializer;
use ::serde_json::{Map, Value};

use crate::{check_json_typed, JsonCheck, Pointer, ValidationErrors};

/// What of an object a check reads.
#[derive(Debug, Clone, Copy)]
pub struct MembersRead<'k> {
    /// The members whose values it reads.
    pub values: &'k [&'k str],
    /// The members whose presence alone it reads (`required`).
    pub present: &'k [&'k str],
    /// Whether it reads the names of all members (counts, `propertyNames`).
    pub names: bool,
}

/// Checks a typed value whose check reads only some of the object it is (`read`): the
/// check runs on those members alone (the ones read for their presence or name as
/// `null`, the others left out), and on the whole value only when it fails there (for
/// the messages, which describe the whole value).
pub fn check_json_members<T: Serialize + ?Sized>(
    value: &T,
    read: MembersRead<'_>,
    check: JsonCheck,
    at: &Pointer<'_>,
    errors: &mut ValidationErrors,
) {
    check_json_members_all(value, read, &[check], at, errors);
}

/// [`check_json_members`] of several checks of one value, written to JSON once with the
/// members any of them reads (a member one check does not read cannot change its
/// outcome); each check that fails there runs on the whole value, in order.
pub fn check_json_members_all<T: Serialize + ?Sized>(
    value: &T,
    read: MembersRead<'_>,
    checks: &[JsonCheck],
    at: &Pointer<'_>,
    errors: &mut ValidationErrors,
) {
    let json = value.serialize(Members(read)).ok();
    for check in checks {
        if let Some(json) = &json {
            let mut found = ValidationErrors::quiet();
            check(json, at, &mut found);
            if found.is_empty() {
                continue;
            }
            if errors.is_quiet() {
                errors.fail(at, "$schema", ::std::string::String::new);
                return;
            }
        }
        check_json_typed(value, *check, at, errors);
    }
}

/// Writes a value as `serde_json` does, except that an object keeps only the members
/// read (their nested values written whole), those read for presence or name as `null`.
struct Members<'k>(MembersRead<'k>);

/// An object under construction, keeping only the listed members.
struct Picked<'k> {
    read: MembersRead<'k>,
    object: Map<String, Value>,
    key: Option<(String, Kept)>,
}

/// Whether a member is kept, and how.
#[derive(Clone, Copy, PartialEq)]
enum Kept {
    Value,
    Null,
    Not,
}

impl MembersRead<'_> {
    fn kept(&self, key: &str) -> Kept {
        if self.values.contains(&key) {
            Kept::Value
        } else if self.names || self.present.contains(&key) {
            Kept::Null
        } else {
            Kept::Not
        }
    }
}

impl Picked<'_> {
    fn keep(
        &mut self,
        key: String,
        kept: Kept,
        value: &(impl Serialize + ?Sized),
    ) -> Result<(), ::serde_json::Error> {
        let value = match kept {
            Kept::Value => ::serde_json::to_value(value)?,
            Kept::Null => Value::Null,
            Kept::Not => return Ok(()),
        };
        self.object.insert(key, value);
        Ok(())
    }
}

impl SerializeStruct for Picked<'_> {
    type Ok = Value;
    type Error = ::serde_json::Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Self::Error> {
        let kept = self.read.kept(key);
        match kept {
            Kept::Not => Ok(()),
            _ => self.keep(key.to_owned(), kept, value),
        }
    }
    fn end(self) -> Result<Value, Self::Error> {
        Ok(Value::Object(self.object))
    }
}

impl SerializeMap for Picked<'_> {
    type Ok = Value;
    type Error = ::serde_json::Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Self::Error> {
        let read = self.read;
        // Only a kept key is copied: most members of a typed object are not read.
        self.key = key.serialize(KeyText::<::serde_json::Error, _>::new(|text: &str| {
            let kept = read.kept(text);
            (kept != Kept::Not).then(|| (text.to_owned(), kept))
        }))?;
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Self::Error> {
        match self.key.take() {
            Some((key, kept)) => self.keep(key, kept, value),
            None => Ok(()),
        }
    }
    fn end(self) -> Result<Value, Self::Error> {
        Ok(Value::Object(self.object))
    }
}

/// Forwards to `serde_json`'s value serializer.
macro_rules! forward {
    ($($method:ident($($arg:ident: $ty:ty),*) -> $ret:ty;)*) => {
        $(fn $method(self, $($arg: $ty),*) -> Result<$ret, Self::Error> {
            ValueSerializer.$method($($arg),*)
        })*
    };
}

impl<'k> Serializer for Members<'k> {
    type Ok = Value;
    type Error = ::serde_json::Error;
    type SerializeSeq = <ValueSerializer as Serializer>::SerializeSeq;
    type SerializeTuple = <ValueSerializer as Serializer>::SerializeTuple;
    type SerializeTupleStruct = <ValueSerializer as Serializer>::SerializeTupleStruct;
    type SerializeTupleVariant = <ValueSerializer as Serializer>::SerializeTupleVariant;
    type SerializeMap = Picked<'k>;
    type SerializeStruct = Picked<'k>;
    type SerializeStructVariant = <ValueSerializer as Serializer>::SerializeStructVariant;

    forward! {
        serialize_bool(v: bool) -> Value;
        serialize_i8(v: i8) -> Value;
        serialize_i16(v: i16) -> Value;
        serialize_i32(v: i32) -> Value;
        serialize_i64(v: i64) -> Value;
        serialize_u8(v: u8) -> Value;
        serialize_u16(v: u16) -> Value;
        serialize_u32(v: u32) -> Value;
        serialize_u64(v: u64) -> Value;
        serialize_f32(v: f32) -> Value;
        serialize_f64(v: f64) -> Value;
        serialize_char(v: char) -> Value;
        serialize_str(v: &str) -> Value;
        serialize_bytes(v: &[u8]) -> Value;
        serialize_none() -> Value;
        serialize_unit() -> Value;
        serialize_unit_struct(name: &'static str) -> Value;
        serialize_unit_variant(name: &'static str, index: u32, variant: &'static str) -> Value;
        serialize_seq(len: Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(len: usize) -> Self::SerializeTuple;
        serialize_tuple_struct(name: &'static str, len: usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Self::SerializeTupleVariant;
        serialize_struct_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Self::SerializeStructVariant;
    }
    fn serialize_i128(self, v: i128) -> Result<Value, Self::Error> {
        ValueSerializer.serialize_i128(v)
    }
    fn serialize_u128(self, v: u128) -> Result<Value, Self::Error> {
        ValueSerializer.serialize_u128(v)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Value, Self::Error> {
        value.serialize(self)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Value, Self::Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Value, Self::Error> {
        ValueSerializer.serialize_newtype_variant(name, index, variant, value)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Picked<'k>, Self::Error> {
        Ok(Picked { read: self.0, object: Map::new(), key: None })
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Picked<'k>, Self::Error> {
        Ok(Picked { read: self.0, object: Map::new(), key: None })
    }
    fn collect_str<T: ::core::fmt::Display + ?Sized>(
        self,
        value: &T,
    ) -> Result<Value, Self::Error> {
        ValueSerializer.collect_str(value)
    }
}

/// What `take` makes of the text of an object key (JSON keys are strings; a string enum
/// is one): anything else is an error `E`. Shared by the member picker (which copies
/// only the keys it keeps) and the form encoder.
pub(crate) struct KeyText<E, F>(pub(crate) F, pub(crate) ::core::marker::PhantomData<E>);

impl<E, O, F: FnOnce(&str) -> O> KeyText<E, F> {
    pub(crate) fn new(take: F) -> Self {
        KeyText(take, ::core::marker::PhantomData)
    }
}

/// Methods of [`KeyText`] for values that are no key.
macro_rules! not_a_key {
    ($($method:ident($ty:ty);)*) => {
        $(fn $method(self, _: $ty) -> Result<O, Self::Error> {
            Err(no_key::<E>())
        })*
    };
}

impl<E: ::serde::ser::Error, O, F: FnOnce(&str) -> O> Serializer for KeyText<E, F> {
    type Ok = O;
    type Error = E;
    type SerializeSeq = Impossible<O, Self::Error>;
    type SerializeTuple = Impossible<O, Self::Error>;
    type SerializeTupleStruct = Impossible<O, Self::Error>;
    type SerializeTupleVariant = Impossible<O, Self::Error>;
    type SerializeMap = Impossible<O, Self::Error>;
    type SerializeStruct = Impossible<O, Self::Error>;
    type SerializeStructVariant = Impossible<O, Self::Error>;

    fn serialize_str(self, v: &str) -> Result<O, Self::Error> {
        Ok((self.0)(v))
    }
    fn collect_str<T: ::core::fmt::Display + ?Sized>(self, value: &T) -> Result<O, Self::Error> {
        Ok((self.0)(&value.to_string()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<O, Self::Error> {
        value.serialize(self)
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<O, Self::Error> {
        Ok((self.0)(variant))
    }
    not_a_key! {
        serialize_bool(bool); serialize_i8(i8); serialize_i16(i16); serialize_i32(i32); serialize_i64(i64);
        serialize_u8(u8); serialize_u16(u16); serialize_u32(u32); serialize_u64(u64);
        serialize_f32(f32); serialize_f64(f64); serialize_char(char); serialize_bytes(&[u8]);
        serialize_unit_struct(&'static str);
    }
    fn serialize_none(self) -> Result<O, Self::Error> {
        Err(no_key::<E>())
    }
    fn serialize_unit(self) -> Result<O, Self::Error> {
        Err(no_key::<E>())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<O, Self::Error> {
        Err(no_key::<E>())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<O, Self::Error> {
        Err(no_key::<E>())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Self::Error> {
        Err(no_key::<E>())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Self::Error> {
        Err(no_key::<E>())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Self::Error> {
        Err(no_key::<E>())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Self::Error> {
        Err(no_key::<E>())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Self::Error> {
        Err(no_key::<E>())
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, Self::Error> {
        Err(no_key::<E>())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Self::Error> {
        Err(no_key::<E>())
    }
}

fn no_key<E: ::serde::ser::Error>() -> E {
    E::custom("an object key must be a string")
}

/// A generated check of one entry of an object: its name, value and pointer.
pub type EntryCheck = fn(&str, &Value, &Pointer<'_>, &mut ValidationErrors);

/// The entries of a typed object, handed one by one to an [`EntryCheck`].
pub struct Entries<'e, 'p> {
    check: EntryCheck,
    at: &'e Pointer<'p>,
    errors: &'e mut ValidationErrors,
}

impl Entries<'_, '_> {
    /// A typed entry, checked as the JSON it writes.
    pub fn typed<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        if self.errors.is_settled() {
            return;
        }
        match ::serde_json::to_value(value) {
            Ok(json) => self.json(key, &json),
            Err(e) => self.errors.fail(&self.at.key(key), "$schema", || {
                ::std::format!("the value cannot be written as JSON: {e}")
            }),
        }
    }

    /// An entry kept as JSON, checked as it is.
    pub fn json(&mut self, key: &str, value: &Value) {
        if !self.errors.is_settled() {
            (self.check)(key, value, &self.at.key(key), self.errors);
        }
    }
}

/// Checks the entries of a typed object one by one (those `each` hands over), for a
/// check that applies to each entry on its own; errors that the typed checks of the same
/// values reported already are skipped.
pub fn check_json_entries(
    check: EntryCheck,
    at: &Pointer<'_>,
    errors: &mut ValidationErrors,
    each: impl FnOnce(&mut Entries<'_, '_>),
) {
    if errors.is_quiet() {
        return each(&mut Entries { check, at, errors });
    }
    let mut found = ValidationErrors::default();
    each(&mut Entries { check, at, errors: &mut found });
    errors.absorb(found);
}
