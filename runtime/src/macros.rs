//! The macros generated types invoke, so that each type's boilerplate is one line.

/// `as_str`, `VALUES`, `Display` and serde for a string enum: listed variants as
/// `Variant = "json",`, then the name of the variant keeping unknown values, if any.
#[macro_export]
macro_rules! string_enum {
    ($name:ident { $($variant:ident = $value:literal,)* } $($unknown:ident)?) => {
        impl $name {
            /// The values the schema lists.
            pub const VALUES: &'static [&'static str] = &[$($value),*];

            /// The JSON string of this value.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    $(Self::$unknown(value) => value,)?
                }
            }

            fn from_listed(value: &str) -> ::core::option::Option<Self> {
                match value {
                    $($value => ::core::option::Option::Some(Self::$variant),)*
                    _ => ::core::option::Option::None,
                }
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = $crate::UnknownValue;

            /// The value whose JSON string `text` is; another text is an error naming
            /// the listed values (or, where the enum keeps unknown values, that value).
            fn from_str(text: &str) -> ::core::result::Result<Self, $crate::UnknownValue> {
                Self::try_from(text)
            }
        }

        impl ::core::convert::TryFrom<&str> for $name {
            type Error = $crate::UnknownValue;

            // The error type by name: `Self::Error` could be a variant `Error`.
            fn try_from(text: &str) -> ::core::result::Result<Self, $crate::UnknownValue> {
                let unknown: ::core::option::Option<fn(::std::string::String) -> Self> =
                    $crate::string_enum!(@unknown $($unknown)?);
                match (Self::from_listed(text), unknown) {
                    (::core::option::Option::Some(value), _) => ::core::result::Result::Ok(value),
                    (::core::option::Option::None, ::core::option::Option::Some(unknown)) => {
                        ::core::result::Result::Ok(unknown(::std::string::String::from(text)))
                    }
                    (::core::option::Option::None, ::core::option::Option::None) => {
                        ::core::result::Result::Err($crate::UnknownValue::new(text, Self::VALUES))
                    }
                }
            }
        }

        $(
            impl $name {
                /// Whether this is a value the schema does not list (`Unknown`).
                pub fn is_unknown(&self) -> bool {
                    ::core::matches!(self, Self::$unknown(_))
                }
            }
        )?

        impl $crate::__serde::Serialize for $name {
            fn serialize<S: $crate::__serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                let unknown = $crate::string_enum!(@unknown $($unknown)?);
                $crate::deserialize_enum(deserializer, Self::VALUES, Self::from_listed, unknown)
            }
        }
    };
    (@unknown) => {
        ::core::option::Option::None
    };
    (@unknown $unknown:ident) => {
        ::core::option::Option::Some(Self::$unknown as fn(::std::string::String) -> Self)
    };
}

/// A one-pass `Deserialize` for a struct: `index: "json" => field, reader, presence;`
/// per listed property, then `deny` or `keep(extra_field, reader)` for other properties.
/// The reader is `field` or `lenient_field` (out of line), or `scalar` or
/// `lenient_scalar` (inlined); the presence is `required` or `optional`.
#[macro_export]
macro_rules! object {
    ($type:path, $expecting:literal, { $($index:literal: $json:literal => $field:ident, $read:ident, $presence:ident;)* } $($mode:tt)*) => {
        impl<'de> $crate::__serde::Deserialize<'de> for $type {
            fn deserialize<D: $crate::__serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                struct ObjectVisitor;

                impl<'de> $crate::__serde::de::Visitor<'de> for ObjectVisitor {
                    type Value = $type;

                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str($expecting)
                    }

                    fn visit_map<A: $crate::__serde::de::MapAccess<'de>>(self, mut map: A) -> ::core::result::Result<Self::Value, A::Error> {
                        $(let mut $field = ::core::option::Option::None;)*
                        #[allow(unused_mut, unused_variables)]
                        let mut others = $crate::object!(@others $($mode)*);
                        let known = |key: &str| match key {
                            $($json => ::core::option::Option::Some($index),)*
                            _ => ::core::option::Option::None,
                        };
                        #[allow(unused_mut)]
                        let mut name = ::std::string::String::new();
                        while let ::core::option::Option::Some(key) = map.next_key_seed($crate::KeySeed(&known, &mut name))? {
                            match key {
                                $($index => $crate::$read(&mut map, &mut $field, $json)?,)*
                                _ => {
                                    #[allow(unused_variables)]
                                    let name = ::core::mem::take(&mut name);
                                    $crate::object!(@other map others name [$($json),*] $($mode)*)
                                }
                            }
                        }
                        ::core::result::Result::Ok($crate::object!(@build { $($field $presence $json,)* } others $($mode)*))
                    }
                }

                deserializer.deserialize_map(ObjectVisitor)
            }
        }
    };
    (@others deny) => {
        ()
    };
    (@others keep($extra:ident, $read:ident)) => {
        $crate::Extra::new()
    };
    (@other $map:ident $others:ident $name:ident [$($json:literal),*] deny) => {
        return ::core::result::Result::Err($crate::unknown_field(&$name, &[$($json),*]))
    };
    (@other $map:ident $others:ident $name:ident [$($json:literal),*] keep($extra:ident, $read:ident)) => {{
        let value = $crate::$read(&mut $map)?;
        $others.insert($name, value);
    }};
    (@build { $($field:ident $presence:ident $json:literal,)* } $others:ident deny) => {
        Self::Value { $($field: $crate::object!(@take $presence $field $json),)* }
    };
    (@build { $($field:ident $presence:ident $json:literal,)* } $others:ident keep($extra:ident, $read:ident)) => {
        Self::Value { $($field: $crate::object!(@take $presence $field $json),)* $extra: $others }
    };
    (@take required $field:ident $json:literal) => {
        $crate::required($field, $json)?
    };
    (@take optional $field:ident $json:literal) => {
        $field
    };
}

/// A one-pass `Deserialize` for a union whose branches are of distinct JSON types among
/// strings, arrays, objects and booleans: the value's own type picks its branch, which
/// reads it in place. `kind => Variant,` per branch (`string`, `array`, `object`,
/// `boolean`).
#[macro_export]
macro_rules! by_kind {
    ($type:path, $expecting:literal, { $($kind:ident => $variant:path,)* }) => {
        impl<'de> $crate::__serde::Deserialize<'de> for $type {
            fn deserialize<D: $crate::__serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                struct KindVisitor;

                impl<'de> $crate::__serde::de::Visitor<'de> for KindVisitor {
                    type Value = $type;

                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str($expecting)
                    }

                    $($crate::by_kind!(@visit 'de, $kind $variant);)*
                }

                deserializer.deserialize_any(KindVisitor)
            }
        }
    };
    (@visit $de:lifetime, string $variant:path) => {
        fn visit_str<E: $crate::__serde::de::Error>(self, v: &str) -> ::core::result::Result<Self::Value, E> {
            $crate::__serde::Deserialize::deserialize($crate::__serde::de::value::StrDeserializer::<E>::new(v)).map($variant)
        }

        fn visit_string<E: $crate::__serde::de::Error>(self, v: ::std::string::String) -> ::core::result::Result<Self::Value, E> {
            $crate::__serde::Deserialize::deserialize($crate::__serde::de::value::StringDeserializer::<E>::new(v)).map($variant)
        }
    };
    (@visit $de:lifetime, array $variant:path) => {
        fn visit_seq<A: $crate::__serde::de::SeqAccess<$de>>(self, seq: A) -> ::core::result::Result<Self::Value, A::Error> {
            $crate::__serde::Deserialize::deserialize($crate::__serde::de::value::SeqAccessDeserializer::new(seq)).map($variant)
        }
    };
    (@visit $de:lifetime, object $variant:path) => {
        fn visit_map<A: $crate::__serde::de::MapAccess<$de>>(self, map: A) -> ::core::result::Result<Self::Value, A::Error> {
            $crate::__serde::Deserialize::deserialize($crate::__serde::de::value::MapAccessDeserializer::new(map)).map($variant)
        }
    };
    (@visit $de:lifetime, boolean $variant:path) => {
        fn visit_bool<E: $crate::__serde::de::Error>(self, v: bool) -> ::core::result::Result<Self::Value, E> {
            $crate::__serde::Deserialize::deserialize($crate::__serde::de::value::BoolDeserializer::<E>::new(v)).map($variant)
        }
    };
}

/// A one-pass `Deserialize` for a union of objects told apart by the property `tag`, of
/// strings or booleans: `"value" | "other value" => Variant,` (`true => Variant,`) per
/// branch, `_ => Variant` for a
/// branch that takes every other string, and `absent => Variant` for the branch that
/// reads objects without the property. Branches of the same values, told apart by
/// their keys, share an arm: `"value" => First | Second,` takes the first that reads.
#[macro_export]
macro_rules! tagged {
    ($type:path, $tag:literal, { $($($value:literal)|+ => $($variant:path)|+,)* } $(_ => $rest:path,)? $(absent => $absent:path,)?) => {
        impl<'de> $crate::__serde::Deserialize<'de> for $type {
            fn deserialize<D: $crate::__serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                struct TagVisitor;

                impl<'de> $crate::__serde::de::Visitor<'de> for TagVisitor {
                    type Value = $type;

                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str("an object")
                    }

                    fn visit_map<A: $crate::__serde::de::MapAccess<'de>>(self, map: A) -> ::core::result::Result<Self::Value, A::Error> {
                        let open = $crate::tagged!(@some $($rest)?);
                        let absent_ok = $crate::tagged!(@some $($absent)?);
                        let (tag, rest) = $crate::read_tag(map, $tag, &[$($($value,)+)*], open, absent_ok)?;
                        let rest = $crate::__serde::de::value::MapAccessDeserializer::new(rest);
                        match tag {
                            $($crate::Tag::Listed($($value)|+) => $crate::tagged!(@read rest $($variant)|+),)*
                            $($crate::Tag::Unlisted => $crate::__serde::Deserialize::deserialize(rest).map($rest),)?
                            $($crate::Tag::Absent => $crate::__serde::Deserialize::deserialize(rest).map($absent),)?
                            // `read_tag` returns one of the values above, `Unlisted` only when
                            // open and `Absent` only when a branch reads objects without a tag.
                            _ => ::core::result::Result::Err($crate::__serde::de::Error::custom("unexpected tag")),
                        }
                    }
                }

                deserializer.deserialize_map(TagVisitor)
            }
        }
    };
    (@read $rest:ident $variant:path) => {
        $crate::__serde::Deserialize::deserialize($rest).map($variant)
    };
    (@read $rest:ident $($variant:path)|+) => {
        $crate::first_keyed($rest, &[$(|value: &$crate::Buffered<'_>| value.read().map($variant)),+])
    };
    (@some) => { false };
    (@some $path:path) => { true };
}

/// The branch table of a union read by trying branches (`BRANCHES`, schema order: name,
/// JSON kinds each reads, reader) and a `Deserialize` that buffers the value and hands
/// it to `reading`: [`first_reading`](crate::first_reading),
/// [`first_valid`](crate::first_valid) or [`first_valid_memo`](crate::first_valid_memo).
/// `keyed [keys, ...]` instead of `reading`: [`first_by_keys`](crate::first_by_keys)
/// with each branch's [`Keys`](crate::Keys).
#[macro_export]
macro_rules! branches {
    ($type:path, keyed [$($keys:expr),*], [$(($label:literal, $kinds:literal, $parse:expr),)*]) => {
        impl $type {
            /// The branches in schema order: name, the JSON kinds each reads, its reader.
            const BRANCHES: &'static [$crate::Branch<Self>] = &[$(($label, $kinds, $parse),)*];
            /// What each object branch requires and lists.
            const KEYS: &'static [::core::option::Option<$crate::Keys>] = &[$($keys),*];
        }

        impl<'de> $crate::__serde::Deserialize<'de> for $type {
            fn deserialize<D: $crate::__serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                let value = <$crate::Buffered<'de> as $crate::__serde::Deserialize>::deserialize(deserializer)?;
                $crate::first_by_keys(value, Self::BRANCHES, Self::KEYS)
            }
        }
    };
    ($type:path, $reading:ident, [$(($label:literal, $kinds:literal, $parse:expr),)*]) => {
        impl $type {
            /// The branches in schema order: name, the JSON kinds each reads, its reader.
            const BRANCHES: &'static [$crate::Branch<Self>] = &[$(($label, $kinds, $parse),)*];
        }

        impl<'de> $crate::__serde::Deserialize<'de> for $type {
            fn deserialize<D: $crate::__serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                let value = <$crate::Buffered<'de> as $crate::__serde::Deserialize>::deserialize(deserializer)?;
                $crate::$reading(value, Self::BRANCHES)
            }
        }
    };
}
