//! [`Buffered`]: a value read ahead so that union branches can read it again. From
//! serde_json it is the value's JSON text, which keeps every number's spelling; from
//! other formats, a `serde_json::Value`.

use ::std::borrow::Cow;
use ::std::string::String;

use crate::kinds;

/// The name under which serde_json hands out, and takes in, a value's JSON text (its
/// `raw_value` feature). serde_json has no public way to read a value's text without a
/// type of its own, and `arbitrary_precision` (which would keep numbers' text) changes how
/// every crate of a build reads numbers; this protocol changes nothing for code that does
/// not ask for it. `tests/number.rs` fails if serde_json stops answering it.
pub(crate) const RAW_VALUE: &str = "$serde_json::private::RawValue";

/// A value read ahead: its JSON text (read by serde_json) or its parsed form (read
/// from another format, or from a `serde_json::Value`).
#[derive(Debug, Clone)]
pub enum Buffered<'de> {
    /// The JSON text of the value, as written.
    Text(Cow<'de, str>),
    /// The value, from a deserializer that does not hand out JSON text.
    Value(::serde_json::Value),
}

impl Buffered<'_> {
    /// Reads the value as `T`.
    pub fn read<T: ::serde::de::DeserializeOwned>(&self) -> Result<T, ::serde_json::Error> {
        match self {
            Buffered::Text(text) => ::serde_json::from_str(text),
            Buffered::Value(value) => T::deserialize(value),
        }
    }

    /// Reads the value as `T` through its wire form.
    pub fn read_lenient<T: crate::Lenient>(&self) -> Result<T, ::serde_json::Error> {
        self.read::<T::Wire>().map(T::from_wire)
    }

    /// The JSON kind of the value, as a bit of [`kinds`].
    pub fn kind(&self) -> u8 {
        match self {
            Buffered::Text(text) => match text.as_bytes().first() {
                Some(b'n') => kinds::NULL,
                Some(b't' | b'f') => kinds::BOOLEAN,
                Some(b'"') => kinds::STRING,
                Some(b'[') => kinds::ARRAY,
                Some(b'{') => kinds::OBJECT,
                _ => kinds::NUMBER,
            },
            Buffered::Value(value) => kinds::of(value),
        }
    }

    /// The JSON text of the value.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Buffered::Text(text) => Cow::Borrowed(text),
            Buffered::Value(value) => Cow::Owned(value.to_string()),
        }
    }
}

impl<'de> ::serde::Deserialize<'de> for Buffered<'de> {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // serde_json answers with the value's text; other formats read the newtype's
        // content.
        deserializer.deserialize_newtype_struct(RAW_VALUE, BufferVisitor)
    }
}

struct BufferVisitor;

/// The visits of a deserializer that reads the newtype as its content: the value.
macro_rules! visit_value {
    ($($name:ident($ty:ty) => $value:expr;)*) => {$(
        fn $name<E: ::serde::de::Error>(self, v: $ty) -> Result<Buffered<'de>, E> {
            #[allow(clippy::redundant_closure_call)]
            Ok(Buffered::Value(($value)(v)))
        }
    )*};
}

impl<'de> ::serde::de::Visitor<'de> for BufferVisitor {
    type Value = Buffered<'de>;

    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_newtype_struct<D: ::serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Buffered<'de>, D::Error> {
        <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)
            .map(Buffered::Value)
    }

    fn visit_map<A: ::serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> Result<Buffered<'de>, A::Error> {
        let Some(first) = map.next_key::<Text<'de>>()? else {
            return Ok(Buffered::Value(::serde_json::Value::Object(Default::default())));
        };
        if first.0 == RAW_VALUE {
            return Ok(Buffered::Text(map.next_value::<Text<'de>>()?.0));
        }
        // A deserializer that reads a newtype as its content, and the content is a map
        // (a union's own map, replayed after its tag): its values as they were read.
        let mut entries = vec![(first.0, map.next_value::<Buffered<'de>>()?)];
        while let Some(key) = map.next_key::<Text<'de>>()? {
            entries.push((key.0, map.next_value()?));
        }
        object(entries).map_err(::serde::de::Error::custom)
    }

    fn visit_seq<A: ::serde::de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> Result<Buffered<'de>, A::Error> {
        let mut items = ::std::vec::Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Buffered::Value(::serde_json::Value::Array(items)))
    }

    fn visit_unit<E: ::serde::de::Error>(self) -> Result<Buffered<'de>, E> {
        Ok(Buffered::Value(::serde_json::Value::Null))
    }

    fn visit_none<E: ::serde::de::Error>(self) -> Result<Buffered<'de>, E> {
        Ok(Buffered::Value(::serde_json::Value::Null))
    }

    fn visit_some<D: ::serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Buffered<'de>, D::Error> {
        <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)
            .map(Buffered::Value)
    }

    visit_value! {
        visit_bool(bool) => ::serde_json::Value::Bool;
        visit_i64(i64) => ::serde_json::Value::from;
        visit_u64(u64) => ::serde_json::Value::from;
        visit_f64(f64) => ::serde_json::Value::from;
        visit_str(&str) => ::serde_json::Value::from;
        visit_string(String) => ::serde_json::Value::String;
    }
}

/// The names of a buffered object's members (borrowed where they hold no escapes), or
/// `None` where it does not read as an object.
pub(crate) fn object_keys<'a>(value: &'a Buffered<'_>) -> Option<Vec<Cow<'a, str>>> {
    struct Keys;
    impl<'de> ::serde::de::Visitor<'de> for Keys {
        type Value = Vec<Cow<'de, str>>;
        fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: ::serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut names = Vec::new();
            while let Some(name) = map.next_key::<Text<'de>>()? {
                map.next_value::<::serde::de::IgnoredAny>()?;
                names.push(name.0);
            }
            Ok(names)
        }
    }
    match value {
        Buffered::Text(text) => {
            let mut de = ::serde_json::Deserializer::from_str(text);
            ::serde::Deserializer::deserialize_map(&mut de, Keys).ok()
        }
        Buffered::Value(::serde_json::Value::Object(o)) => {
            Some(o.keys().map(|k| Cow::Borrowed(k.as_str())).collect())
        }
        Buffered::Value(_) => None,
    }
}

/// An object of buffered entries: its JSON text where every value has one (numbers keep
/// their spelling), else a `Value`.
fn object<'de>(entries: Vec<(Cow<'de, str>, Buffered<'de>)>) -> Result<Buffered<'de>, String> {
    if entries.iter().all(|(_, value)| matches!(value, Buffered::Text(_))) {
        let mut text = String::from("{");
        for (i, (key, value)) in entries.iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            text.push_str(&::serde_json::to_string(key).map_err(|e| e.to_string())?);
            text.push(':');
            if let Buffered::Text(value) = value {
                text.push_str(value);
            }
        }
        text.push('}');
        return Ok(Buffered::Text(Cow::Owned(text)));
    }
    let mut object = ::serde_json::Map::new();
    for (key, value) in entries {
        object.insert(key.into_owned(), value.read().map_err(|e| e.to_string())?);
    }
    Ok(Buffered::Value(::serde_json::Value::Object(object)))
}

/// A string, borrowed when the input allows: the key and the text of serde_json's raw
/// value map.
pub(crate) struct Text<'de>(pub(crate) Cow<'de, str>);

impl<'de> ::serde::Deserialize<'de> for Text<'de> {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TextVisitor)
    }
}

struct TextVisitor;

impl<'de> ::serde::de::Visitor<'de> for TextVisitor {
    type Value = Text<'de>;

    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: ::serde::de::Error>(self, s: &'de str) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Borrowed(s)))
    }

    fn visit_str<E: ::serde::de::Error>(self, s: &str) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Owned(s.to_owned())))
    }

    fn visit_string<E: ::serde::de::Error>(self, s: String) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Owned(s)))
    }
}

/// `error`'s message without serde_json's position, which is within the buffered text
/// and not the document; the reader of the document adds its own.
pub(crate) fn relay<E: ::serde::de::Error>(error: &::serde_json::Error) -> E {
    E::custom(message(error))
}

/// `error`'s message without its position.
pub(crate) fn message(error: &::serde_json::Error) -> String {
    let text = error.to_string();
    let position = ::std::format!(" at line {} column {}", error.line(), error.column());
    match text.strip_suffix(&position) {
        Some(message) if error.line() > 0 => message.to_owned(),
        _ => text,
    }
}
