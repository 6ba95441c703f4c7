//! The `runtime` module every generated crate carries: the `Validate` trait, JSON
//! pointers, shared checks, expandable fields and the serde helpers the types use.
//! Shared here once so that each generated type stays small.

use proc_macro2::TokenStream;
use quote::quote;

/// What the runtime must include beyond its core.
pub struct RuntimeNeeds {
    /// Some type uses an RFC 3339 date-time (pulls in chrono).
    pub date_time: bool,
    /// Some value is kept as JSON and validated against its schema (pulls in jsonschema).
    pub json_schema: bool,
}

/// The macros the generated types invoke (`string_enum!` for enums, `object!` for
/// structs, `tagged!` for unions told apart by a tag), so that each type's boilerplate
/// is one line.
pub fn macros(enums: bool, structs: bool, tagged: bool) -> String {
    let mut out = String::new();
    for (needed, text) in [(enums, STRING_ENUM), (structs, OBJECT), (tagged, TAGGED)] {
        if needed {
            out.push_str(text);
        }
    }
    out
}

// Kept as text: formatters leave macro bodies unformatted.
const STRING_ENUM: &str = r#"
/// `as_str`, `VALUES`, `Display` and serde for a string enum: listed variants as
/// `Variant = "json",`, then the name of the variant keeping unknown values, if any.
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

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                let unknown = $crate::runtime::string_enum!(@unknown $($unknown)?);
                $crate::runtime::deserialize_enum(deserializer, Self::VALUES, Self::from_listed, unknown)
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
pub(crate) use string_enum;
"#;

const OBJECT: &str = r#"
/// A one-pass `Deserialize` for a struct: `index: "json" => field, reader, presence;`
/// per listed property (`field` or `lenient_field`; `required` or `optional`), then
/// `deny` or `keep(extra_field, reader)` for other properties.
macro_rules! object {
    ($type:path, $expecting:literal, { $($index:literal: $json:literal => $field:ident, $read:ident, $presence:ident;)* } $($mode:tt)*) => {
        impl<'de> ::serde::Deserialize<'de> for $type {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                struct ObjectVisitor;

                impl<'de> ::serde::de::Visitor<'de> for ObjectVisitor {
                    type Value = $type;

                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str($expecting)
                    }

                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::core::result::Result<Self::Value, A::Error> {
                        $(let mut $field = ::core::option::Option::None;)*
                        #[allow(unused_mut, unused_variables)]
                        let mut others = $crate::runtime::object!(@others $($mode)*);
                        let seed = $crate::runtime::KeySeed(|key: &str| match key {
                            $($json => ::core::option::Option::Some($index),)*
                            _ => ::core::option::Option::None,
                        });
                        while let ::core::option::Option::Some(key) = map.next_key_seed(seed)? {
                            match key {
                                $($crate::runtime::Key::Field($index) => $crate::runtime::$read(&mut map, &mut $field, $json)?,)*
                                // The seed returns only the indices listed above.
                                $crate::runtime::Key::Field(_) => {}
                                $crate::runtime::Key::Other(name) => {
                                    $crate::runtime::object!(@other map others name [$($json),*] $($mode)*)
                                }
                            }
                        }
                        ::core::result::Result::Ok($crate::runtime::object!(@build { $($field $presence $json,)* } others $($mode)*))
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
        $crate::runtime::Extra::new()
    };
    (@other $map:ident $others:ident $name:ident [$($json:literal),*] deny) => {
        return ::core::result::Result::Err(::serde::de::Error::unknown_field(&$name, &[$($json),*]))
    };
    (@other $map:ident $others:ident $name:ident [$($json:literal),*] keep($extra:ident, $read:ident)) => {{
        let value = $crate::runtime::$read(&mut $map)?;
        $others.insert($name, value);
    }};
    (@build { $($field:ident $presence:ident $json:literal,)* } $others:ident deny) => {
        Self::Value { $($field: $crate::runtime::object!(@take $presence $field $json),)* }
    };
    (@build { $($field:ident $presence:ident $json:literal,)* } $others:ident keep($extra:ident, $read:ident)) => {
        Self::Value { $($field: $crate::runtime::object!(@take $presence $field $json),)* $extra: $others }
    };
    (@take required $field:ident $json:literal) => {
        $crate::runtime::required($field, $json)?
    };
    (@take optional $field:ident $json:literal) => {
        $field
    };
}
pub(crate) use object;
"#;

const TAGGED: &str = r#"
/// A one-pass `Deserialize` for a union of objects told apart by the string property
/// `tag`: `"value" => Variant,` per branch.
macro_rules! tagged {
    ($type:path, $tag:literal, { $($value:literal => $variant:path,)* }) => {
        impl<'de> ::serde::Deserialize<'de> for $type {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                struct TagVisitor;

                impl<'de> ::serde::de::Visitor<'de> for TagVisitor {
                    type Value = $type;

                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str("an object")
                    }

                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, map: A) -> ::core::result::Result<Self::Value, A::Error> {
                        let (tag, rest) = $crate::runtime::read_tag(map, $tag, &[$($value),*])?;
                        let rest = ::serde::de::value::MapAccessDeserializer::new(rest);
                        $(if tag == $value {
                            return ::serde::Deserialize::deserialize(rest).map($variant);
                        })*
                        // `read_tag` returns one of the values above.
                        ::core::result::Result::Err(::serde::de::Error::custom(tag))
                    }
                }

                deserializer.deserialize_map(TagVisitor)
            }
        }
    };
}
pub(crate) use tagged;
"#;

/// The runtime module's items.
pub fn runtime(needs: &RuntimeNeeds) -> TokenStream {
    let core = core_items();
    let validation = validation_items();
    let serde_helpers = serde_items();
    let expandable = expandable_items();
    let mapping = mapping_items(needs);
    let schema = needs.json_schema.then(schema_items);
    quote! {
        //! Support code shared by the generated types.
        #core
        #schema
        #validation
        #serde_helpers
        #expandable
        #mapping
    }
}

fn core_items() -> TokenStream {
    quote! {
        /// Checks every constraint of a type's schema that the Rust type does not guarantee.
        pub trait Validate {
            /// Checks `self`; on failure returns every violation, each with its JSON pointer.
            fn validate(&self) -> ::core::result::Result<(), ValidationErrors> {
                let mut errors = ValidationErrors::default();
                self.validate_into(&Pointer::Root, &mut errors);
                errors.into_result()
            }

            /// Checks `self`, found at `at`, and appends violations to `errors`.
            fn validate_into(&self, at: &Pointer<'_>, errors: &mut ValidationErrors);
        }

        impl<T: Validate + ?Sized> Validate for ::std::boxed::Box<T> {
            fn validate_into(&self, at: &Pointer<'_>, errors: &mut ValidationErrors) {
                (**self).validate_into(at, errors);
            }
        }

        /// A JSON pointer under construction; it allocates only when an error is reported.
        #[derive(Debug, Clone, Copy)]
        pub enum Pointer<'a> {
            /// The document root.
            Root,
            /// A property of the parent.
            Key(&'a Pointer<'a>, &'a str),
            /// An array element of the parent.
            Index(&'a Pointer<'a>, usize),
        }

        impl<'a> Pointer<'a> {
            /// The pointer to property `key` below `self`.
            pub fn key(&'a self, key: &'a str) -> Pointer<'a> {
                Pointer::Key(self, key)
            }

            /// The pointer to element `index` below `self`.
            pub fn index(&'a self, index: usize) -> Pointer<'a> {
                Pointer::Index(self, index)
            }

            /// The RFC 6901 string form (`/flow/items/0`; the root is the empty string).
            pub fn render(&self) -> ::std::string::String {
                match self {
                    Pointer::Root => ::std::string::String::new(),
                    Pointer::Key(parent, key) => {
                        let mut out = parent.render();
                        out.push('/');
                        out.push_str(&key.replace('~', "~0").replace('/', "~1"));
                        out
                    }
                    Pointer::Index(parent, index) => ::std::format!("{}/{}", parent.render(), index),
                }
            }
        }
    }
}

fn validation_items() -> TokenStream {
    quote! {
        /// One violated constraint.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct ValidationError {
            /// JSON pointer of the failing value.
            pub pointer: ::std::string::String,
            /// The JSON Schema keyword that failed, e.g. `maxLength`.
            pub keyword: &'static str,
            /// What is wrong.
            pub message: ::std::string::String,
        }

        impl ::core::fmt::Display for ValidationError {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                let at = if self.pointer.is_empty() { "(root)" } else { self.pointer.as_str() };
                ::core::write!(f, "{}: {} ({})", at, self.message, self.keyword)
            }
        }

        /// Every violation found by one validation; displays one line per error.
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        pub struct ValidationErrors(::std::vec::Vec<ValidationError>);

        impl ValidationErrors {
            /// Records a violation at `at`.
            pub fn push(&mut self, at: &Pointer<'_>, keyword: &'static str, message: ::std::string::String) {
                self.0.push(ValidationError { pointer: at.render(), keyword, message });
            }

            /// The violations, in the order they were found.
            pub fn errors(&self) -> &[ValidationError] {
                &self.0
            }

            /// True when nothing was violated.
            pub fn is_empty(&self) -> bool {
                self.0.is_empty()
            }

            /// `Ok` when nothing was violated.
            pub fn into_result(self) -> ::core::result::Result<(), ValidationErrors> {
                if self.0.is_empty() { Ok(()) } else { Err(self) }
            }
        }

        impl ::core::fmt::Display for ValidationErrors {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                for (i, error) in self.0.iter().enumerate() {
                    if i > 0 {
                        f.write_str("\n")?;
                    }
                    ::core::fmt::Display::fmt(error, f)?;
                }
                Ok(())
            }
        }

        impl ::std::error::Error for ValidationErrors {}

        /// `maxLength`: at most `max` Unicode code points.
        #[inline]
        pub fn max_length(value: &str, max: u64, at: &Pointer<'_>, errors: &mut ValidationErrors) {
            // A string never has more code points than bytes: count only long ones, out
            // of line, so the common case builds no pointer.
            if value.len() as u64 > max {
                count_max_length(value, max, at, errors);
            }
        }

        #[cold]
        #[inline(never)]
        fn count_max_length(value: &str, max: u64, at: &Pointer<'_>, errors: &mut ValidationErrors) {
            let n = value.chars().count() as u64;
            if n > max {
                errors.push(at, "maxLength", ::std::format!("{n} characters, more than the maximum {max}"));
            }
        }

        /// `minLength`: at least `min` Unicode code points.
        pub fn min_length(value: &str, min: u64, at: &Pointer<'_>, errors: &mut ValidationErrors) {
            let n = value.chars().count() as u64;
            if n < min {
                errors.push(at, "minLength", ::std::format!("{n} characters, fewer than the minimum {min}"));
            }
        }

        /// `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`.
        pub fn bound(value: f64, keyword: &'static str, limit: f64, at: &Pointer<'_>, errors: &mut ValidationErrors) {
            let ok = match keyword {
                "minimum" => value >= limit,
                "maximum" => value <= limit,
                "exclusiveMinimum" => value > limit,
                _ => value < limit,
            };
            if !ok {
                errors.push(at, keyword, ::std::format!("{value} is out of bounds ({keyword} {limit})"));
            }
        }

        /// `multipleOf`.
        pub fn multiple_of(value: f64, divisor: f64, at: &Pointer<'_>, errors: &mut ValidationErrors) {
            let quotient = value / divisor;
            if quotient.is_finite() && quotient.fract() != 0.0 {
                errors.push(at, "multipleOf", ::std::format!("{value} is not a multiple of {divisor}"));
            }
        }

        /// `minItems`, `maxItems`, `minProperties`, `maxProperties`.
        pub fn count(len: usize, keyword: &'static str, limit: u64, at: &Pointer<'_>, errors: &mut ValidationErrors) {
            let ok = if keyword.starts_with("min") { len as u64 >= limit } else { len as u64 <= limit };
            if !ok {
                errors.push(at, keyword, ::std::format!("{len} entries, {keyword} is {limit}"));
            }
        }

        /// `enum` of booleans or numbers.
        pub fn listed<T: ::core::cmp::PartialEq + ::core::fmt::Display>(value: &T, values: &[T], at: &Pointer<'_>, errors: &mut ValidationErrors) {
            if !values.contains(value) {
                errors.push(at, "enum", ::std::format!("`{value}` is not one of the listed values"));
            }
        }

        /// `uniqueItems`.
        pub fn unique_items<T: ::core::cmp::PartialEq>(items: &[T], at: &Pointer<'_>, errors: &mut ValidationErrors) {
            for (i, item) in items.iter().enumerate() {
                if let Some(j) = items[..i].iter().position(|other| other == item) {
                    errors.push(at, "uniqueItems", ::std::format!("items {j} and {i} are equal"));
                    return;
                }
            }
        }
    }
}

fn serde_items() -> TokenStream {
    quote! {
        /// An object key: the index of a listed property, or the name of another one.
        pub enum Key {
            /// The listed property with this index.
            Field(usize),
            /// A property the type does not list.
            Other(::std::string::String),
        }

        /// Reads an object key, matching listed names without allocating.
        #[derive(Clone, Copy)]
        pub struct KeySeed<F>(pub F);

        impl<'de, F: Fn(&str) -> ::core::option::Option<usize>> ::serde::de::DeserializeSeed<'de> for KeySeed<F> {
            type Value = Key;

            fn deserialize<D: ::serde::Deserializer<'de>>(self, deserializer: D) -> ::core::result::Result<Key, D::Error> {
                deserializer.deserialize_str(self)
            }
        }

        impl<'de, F: Fn(&str) -> ::core::option::Option<usize>> ::serde::de::Visitor<'de> for KeySeed<F> {
            type Value = Key;

            fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str("a property name")
            }

            fn visit_str<E: ::serde::de::Error>(self, key: &str) -> ::core::result::Result<Key, E> {
                Ok(match (self.0)(key) {
                    Some(index) => Key::Field(index),
                    None => Key::Other(key.to_owned()),
                })
            }

            fn visit_string<E: ::serde::de::Error>(self, key: ::std::string::String) -> ::core::result::Result<Key, E> {
                Ok(match (self.0)(&key) {
                    Some(index) => Key::Field(index),
                    None => Key::Other(key),
                })
            }
        }

        /// Reads a property's value into its slot; a repeated property is an error.
        pub fn field<'de, A, T>(map: &mut A, slot: &mut ::core::option::Option<T>, name: &'static str) -> ::core::result::Result<(), A::Error>
        where
            A: ::serde::de::MapAccess<'de>,
            T: ::serde::Deserialize<'de>,
        {
            fill(slot, name, || map.next_value())
        }

        /// A union branch kept as JSON whose schema admits one JSON type: it reads only
        /// values of that type, so that the others go on to the branches after it.
        fn json_of_type<'de, D: ::serde::Deserializer<'de>>(
            deserializer: D,
            expected: &'static str,
            admits: fn(&::serde_json::Value) -> bool,
        ) -> ::core::result::Result<::serde_json::Value, D::Error> {
            let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
            if admits(&value) {
                Ok(value)
            } else {
                Err(<D::Error as ::serde::de::Error>::custom(::std::format!("expected a JSON {expected}")))
            }
        }

        macro_rules! json_types {
            ($($name:ident: $expected:literal => $admits:expr;)*) => {$(
                #[doc = ::core::concat!(" Reads a union branch kept as JSON that admits only a JSON ", $expected, ".")]
                pub fn $name<'de, D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<::serde_json::Value, D::Error> {
                    json_of_type(deserializer, $expected, $admits)
                }
            )*};
        }

        json_types! {
            json_object: "object" => ::serde_json::Value::is_object;
            json_array: "array" => ::serde_json::Value::is_array;
            json_string: "string" => ::serde_json::Value::is_string;
            json_boolean: "boolean" => ::serde_json::Value::is_boolean;
            json_number: "number" => ::serde_json::Value::is_number;
            json_integer: "integer" => |v| v.is_i64() || v.is_u64() || v.as_f64().is_some_and(|n| n.fract() == 0.0);
        }

        /// [`field`] for values holding integers, read by [`lenient`].
        pub fn lenient_field<'de, A, T>(map: &mut A, slot: &mut ::core::option::Option<T>, name: &'static str) -> ::core::result::Result<(), A::Error>
        where
            A: ::serde::de::MapAccess<'de>,
            T: Lenient,
        {
            fill(slot, name, || lenient_value(map))
        }

        fn fill<T, E: ::serde::de::Error>(slot: &mut ::core::option::Option<T>, name: &'static str, read: impl FnOnce() -> ::core::result::Result<T, E>) -> ::core::result::Result<(), E> {
            if slot.is_some() {
                return Err(E::duplicate_field(name));
            }
            *slot = Some(read()?);
            Ok(())
        }

        /// The next value of `map`.
        pub fn next_value<'de, A: ::serde::de::MapAccess<'de>, T: ::serde::Deserialize<'de>>(map: &mut A) -> ::core::result::Result<T, A::Error> {
            map.next_value()
        }

        /// The next value of `map`, read by [`lenient`].
        pub fn lenient_value<'de, A: ::serde::de::MapAccess<'de>, T: Lenient>(map: &mut A) -> ::core::result::Result<T, A::Error> {
            map.next_value::<T::Wire>().map(T::from_wire)
        }

        /// A required property's value, or the error naming it.
        pub fn required<T, E: ::serde::de::Error>(slot: ::core::option::Option<T>, name: &'static str) -> ::core::result::Result<T, E> {
            slot.ok_or_else(|| E::missing_field(name))
        }

        /// Values holding integers. JSON Schema counts any number with a zero fractional
        /// part as an integer, so `1.0` reads as `1`.
        pub trait Lenient: Sized {
            /// The form read from JSON.
            type Wire: ::serde::de::DeserializeOwned;

            /// The value from its JSON form.
            fn from_wire(wire: Self::Wire) -> Self;
        }

        /// An integer read from any JSON number with a zero fractional part.
        pub struct Integer(i64);

        impl<'de> ::serde::Deserialize<'de> for Integer {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                struct IntegerVisitor;

                impl ::serde::de::Visitor<'_> for IntegerVisitor {
                    type Value = Integer;

                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str("an integer between -2^63 and 2^63-1")
                    }

                    fn visit_i64<E: ::serde::de::Error>(self, value: i64) -> ::core::result::Result<Integer, E> {
                        Ok(Integer(value))
                    }

                    fn visit_u64<E: ::serde::de::Error>(self, value: u64) -> ::core::result::Result<Integer, E> {
                        i64::try_from(value)
                            .map(Integer)
                            .map_err(|_| E::invalid_value(::serde::de::Unexpected::Unsigned(value), &self))
                    }

                    fn visit_f64<E: ::serde::de::Error>(self, value: f64) -> ::core::result::Result<Integer, E> {
                        // -2^63 is exact as f64; 2^63 is the first value above the range.
                        const LIMIT: f64 = 9_223_372_036_854_775_808.0;
                        if value.fract() == 0.0 && (-LIMIT..LIMIT).contains(&value) {
                            Ok(Integer(value as i64))
                        } else {
                            Err(E::invalid_value(::serde::de::Unexpected::Float(value), &self))
                        }
                    }
                }

                // `deserialize_any`: buffered (untagged) values refuse floats as `i64`.
                deserializer.deserialize_any(IntegerVisitor)
            }
        }

        impl Lenient for i64 {
            type Wire = Integer;

            fn from_wire(wire: Integer) -> i64 {
                wire.0
            }
        }

        impl<T: Lenient> Lenient for ::core::option::Option<T> {
            type Wire = ::core::option::Option<T::Wire>;

            fn from_wire(wire: Self::Wire) -> Self {
                wire.map(T::from_wire)
            }
        }

        impl<T: Lenient> Lenient for ::std::vec::Vec<T> {
            type Wire = ::std::vec::Vec<T::Wire>;

            fn from_wire(wire: Self::Wire) -> Self {
                wire.into_iter().map(T::from_wire).collect()
            }
        }

        impl<T: Lenient> Lenient for ::std::collections::BTreeMap<::std::string::String, T> {
            type Wire = ::std::collections::BTreeMap<::std::string::String, T::Wire>;

            fn from_wire(wire: Self::Wire) -> Self {
                wire.into_iter().map(|(k, v)| (k, T::from_wire(v))).collect()
            }
        }

        /// `deserialize_with` for values holding integers.
        pub fn lenient<'de, D: ::serde::Deserializer<'de>, T: Lenient>(deserializer: D) -> ::core::result::Result<T, D::Error> {
            <T::Wire as ::serde::Deserialize>::deserialize(deserializer).map(T::from_wire)
        }

        /// A parser of one branch of a union.
        pub type Branch<T> = (&'static str, fn(&::serde_json::Value) -> ::core::result::Result<T, ::serde_json::Error>);

        /// Branches that may overlap: the first branch that `value` deserializes into and
        /// that validates, else the first it deserializes into (so that `validate`
        /// reports why). For `oneOf`, `validate` then checks that no other branch matches.
        pub fn first_valid<T: Validate, E: ::serde::de::Error>(value: ::serde_json::Value, branches: &[Branch<T>]) -> ::core::result::Result<T, E> {
            try_branches(&value, branches).map_err(E::custom)
        }

        fn try_branches<T: Validate>(value: &::serde_json::Value, branches: &[Branch<T>]) -> ::core::result::Result<T, ::std::string::String> {
            let mut fallback = None;
            let mut reasons = ::std::vec::Vec::new();
            // Branches read the value in place: a failed one copies nothing it did not read.
            for (name, parse) in branches {
                match parse(value) {
                    Ok(parsed) if parsed.validate().is_ok() => return Ok(parsed),
                    Ok(parsed) => {
                        fallback.get_or_insert(parsed);
                    }
                    Err(error) => reasons.push(::std::format!("{name}: {}", brief(error.to_string()))),
                }
            }
            fallback.ok_or_else(|| ::std::format!("no branch matches ({})", reasons.join("; ")))
        }

        /// `oneOf` of branches that may overlap: the value (as JSON) must match one branch
        /// only. Checked on the value itself, so it holds for values built in code too.
        /// `branch_valid` checks a value against its own branch alone. A branch that holds
        /// the union again checks its nested values once per branch, so the counts are
        /// remembered like `first_valid_memo`'s results.
        pub fn one_of<T: ::serde::Serialize + 'static>(value: &T, branches: &[Branch<T>], branch_valid: fn(&T) -> bool, at: &Pointer<'_>, errors: &mut ValidationErrors) {
            /// The memo kind of `oneOf` counts, apart from results of reading `T`.
            struct Matching<T>(::core::marker::PhantomData<T>);
            let Ok(json) = ::serde_json::to_value(value) else { return };
            let matching: ::std::vec::Vec<&'static str> = memoized::<Matching<T>, _>(
                || json.to_string(),
                || branches.iter().filter(|(_, parse)| parse(&json).is_ok_and(|b| branch_valid(&b))).map(|(name, _)| *name).collect(),
            );
            if matching.len() > 1 {
                errors.push(at, "oneOf", ::std::format!("the value matches more than one branch: {}", matching.join(", ")));
            }
        }

        /// At most 200 bytes of a branch's error: nested unions repeat their branches'
        /// errors, which would grow exponentially with the depth.
        fn brief(mut text: ::std::string::String) -> ::std::string::String {
            if text.len() > 200 {
                let mut end = 200;
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                text.truncate(end);
                text.push_str("...");
            }
            text
        }

        type MemoKey = (::core::any::TypeId, ::std::string::String);

        ::std::thread_local! {
            /// How many `memoized` computations are under way on this thread.
            static MEMO_DEPTH: ::core::cell::Cell<usize> = const { ::core::cell::Cell::new(0) };
            /// Results of nested computations by kind and JSON text, kept while the outermost runs.
            static MEMO: ::core::cell::RefCell<::std::collections::BTreeMap<MemoKey, ::std::boxed::Box<dyn ::core::any::Any>>> = const { ::core::cell::RefCell::new(::std::collections::BTreeMap::new()) };
            /// The keys of `MEMO` in the order they were added.
            static MEMO_KEYS: ::core::cell::RefCell<::std::vec::Vec<MemoKey>> = const { ::core::cell::RefCell::new(::std::vec::Vec::new()) };
        }

        /// Leaves one `memoized` computation; the outermost forgets the results.
        struct MemoScope;

        impl Drop for MemoScope {
            fn drop(&mut self) {
                let depth = MEMO_DEPTH.with(|d| {
                    d.set(d.get() - 1);
                    d.get()
                });
                if depth == 0 {
                    MEMO.with(|m| m.borrow_mut().clear());
                    MEMO_KEYS.with(|k| k.borrow_mut().clear());
                }
            }
        }

        /// `first_valid` for a union that some branches contain again. A failed branch
        /// makes the next one read the same nested values again; remembering each nested
        /// result keeps the work linear in the number of nested values instead of
        /// exponential in their depth.
        pub fn first_valid_memo<T: Validate + Clone + 'static, E: ::serde::de::Error>(value: ::serde_json::Value, branches: &[Branch<T>]) -> ::core::result::Result<T, E> {
            memoized::<T, _>(|| value.to_string(), || try_branches(&value, branches)).map_err(E::custom)
        }

        /// `compute()` for the value whose JSON text is `text()`, remembered under the kind
        /// `K` while the outermost memoized computation on this thread runs.
        fn memoized<K: 'static, R: Clone + 'static>(text: impl FnOnce() -> ::std::string::String, compute: impl FnOnce() -> R) -> R {
            let key = (MEMO_DEPTH.with(::core::cell::Cell::get) > 0).then(|| (::core::any::TypeId::of::<K>(), text()));
            if let Some(key) = &key {
                let hit = MEMO.with(|m| m.borrow().get(key).and_then(|r| r.downcast_ref::<R>()).cloned());
                if let Some(result) = hit {
                    return result;
                }
            }
            MEMO_DEPTH.with(|d| d.set(d.get() + 1));
            let scope = MemoScope;
            let mark = MEMO_KEYS.with(|k| k.borrow().len());
            let result = compute();
            MEMO.with(|m| {
                let mut m = m.borrow_mut();
                MEMO_KEYS.with(|k| {
                    let mut k = k.borrow_mut();
                    // Values inside this one are read again only through this one, whose
                    // result is kept: theirs can go, so memory stays near the input's size.
                    for inner in k.drain(mark..) {
                        m.remove(&inner);
                    }
                    if let Some(key) = key {
                        k.push(key.clone());
                        m.insert(key, ::std::boxed::Box::new(result.clone()));
                    }
                });
            });
            drop(scope);
            result
        }

        /// Reads an object's properties up to `property`, whose value must be one of the
        /// strings `tags`: that tag, and the object again (the properties
        /// read, then the rest) for the branch it names. Only the properties before the
        /// tag are buffered.
        pub fn read_tag<'de, A: ::serde::de::MapAccess<'de>>(mut map: A, property: &'static str, tags: &'static [&'static str]) -> ::core::result::Result<(&'static str, Replay<A>), A::Error> {
            use ::serde::de::Error as _;
            let mut read = ::std::vec::Vec::new();
            while let Some(key) = map.next_key::<::std::string::String>()? {
                let value: ::serde_json::Value = map.next_value()?;
                if key == property {
                    let tag = match &value {
                        ::serde_json::Value::String(tag) => *tags.iter().find(|t| *t == tag).ok_or_else(|| A::Error::unknown_variant(tag, tags))?,
                        other => return Err(A::Error::invalid_type(unexpected(other), &"a string tag")),
                    };
                    read.push((key, value));
                    return Ok((tag, Replay { read: read.into_iter(), value: None, map }));
                }
                read.push((key, value));
            }
            Err(A::Error::missing_field(property))
        }

        /// An object's properties already read, then the rest of `map`.
        pub struct Replay<A> {
            read: ::std::vec::IntoIter<(::std::string::String, ::serde_json::Value)>,
            value: ::core::option::Option<::serde_json::Value>,
            map: A,
        }

        impl<'de, A: ::serde::de::MapAccess<'de>> ::serde::de::MapAccess<'de> for Replay<A> {
            type Error = A::Error;

            fn next_key_seed<K: ::serde::de::DeserializeSeed<'de>>(&mut self, seed: K) -> ::core::result::Result<::core::option::Option<K::Value>, A::Error> {
                match self.read.next() {
                    Some((key, value)) => {
                        self.value = Some(value);
                        seed.deserialize(::serde::de::IntoDeserializer::into_deserializer(key)).map(Some)
                    }
                    None => self.map.next_key_seed(seed),
                }
            }

            fn next_value_seed<V: ::serde::de::DeserializeSeed<'de>>(&mut self, seed: V) -> ::core::result::Result<V::Value, A::Error> {
                match self.value.take() {
                    Some(value) => seed.deserialize(value).map_err(::serde::de::Error::custom),
                    None => self.map.next_value_seed(seed),
                }
            }
        }

        fn unexpected(value: &::serde_json::Value) -> ::serde::de::Unexpected<'_> {
            match value {
                ::serde_json::Value::Null => ::serde::de::Unexpected::Unit,
                ::serde_json::Value::Bool(b) => ::serde::de::Unexpected::Bool(*b),
                ::serde_json::Value::Number(_) => ::serde::de::Unexpected::Other("a number"),
                ::serde_json::Value::String(s) => ::serde::de::Unexpected::Str(s),
                ::serde_json::Value::Array(_) => ::serde::de::Unexpected::Seq,
                ::serde_json::Value::Object(_) => ::serde::de::Unexpected::Map,
            }
        }

        /// Deserializes a string enum: listed values through `known`, others through
        /// `unknown` when the enum keeps them, else an error naming the listed values.
        pub fn deserialize_enum<'de, D, T>(
            deserializer: D,
            values: &'static [&'static str],
            known: fn(&str) -> ::core::option::Option<T>,
            unknown: ::core::option::Option<fn(::std::string::String) -> T>,
        ) -> ::core::result::Result<T, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            struct EnumVisitor<T> {
                values: &'static [&'static str],
                known: fn(&str) -> ::core::option::Option<T>,
                unknown: ::core::option::Option<fn(::std::string::String) -> T>,
            }

            impl<'de, T> ::serde::de::Visitor<'de> for EnumVisitor<T> {
                type Value = T;

                fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str("a string")
                }

                fn visit_str<E: ::serde::de::Error>(self, value: &str) -> ::core::result::Result<T, E> {
                    match ((self.known)(value), self.unknown) {
                        (Some(v), _) => Ok(v),
                        (None, Some(unknown)) => Ok(unknown(value.to_owned())),
                        (None, None) => Err(E::unknown_variant(value, self.values)),
                    }
                }

                fn visit_string<E: ::serde::de::Error>(self, value: ::std::string::String) -> ::core::result::Result<T, E> {
                    match ((self.known)(&value), self.unknown) {
                        (Some(v), _) => Ok(v),
                        (None, Some(unknown)) => Ok(unknown(value)),
                        (None, None) => Err(E::unknown_variant(&value, self.values)),
                    }
                }
            }

            deserializer.deserialize_str(EnumVisitor { values, known, unknown })
        }
    }
}

fn expandable_items() -> TokenStream {
    quote! {
        /// Properties an object's schema does not list, by name. Most objects have none,
        /// so the empty case is one pointer wide and allocates nothing.
        // The box is the point: an absent map is 8 bytes instead of a map's 24.
        #[allow(clippy::box_collection)]
        #[derive(Debug, Clone, PartialEq)]
        pub struct Extra<V = ::serde_json::Value>(::core::option::Option<::std::boxed::Box<::std::collections::BTreeMap<::std::string::String, V>>>);

        impl<V> ::core::default::Default for Extra<V> {
            fn default() -> Self {
                Self::new()
            }
        }

        impl<V> Extra<V> {
            /// No properties.
            pub const fn new() -> Self {
                Extra(None)
            }

            /// The number of properties.
            pub fn len(&self) -> usize {
                self.0.as_ref().map_or(0, |map| map.len())
            }

            /// True when there are none.
            pub fn is_empty(&self) -> bool {
                self.len() == 0
            }

            /// The value of property `key`.
            pub fn get(&self, key: &str) -> ::core::option::Option<&V> {
                self.0.as_ref()?.get(key)
            }

            /// True when property `key` is present.
            pub fn contains_key(&self, key: &str) -> bool {
                self.get(key).is_some()
            }

            /// Sets property `key`; returns its previous value.
            pub fn insert(&mut self, key: ::std::string::String, value: V) -> ::core::option::Option<V> {
                self.0.get_or_insert_with(::std::default::Default::default).insert(key, value)
            }

            /// Removes property `key`; returns its value.
            pub fn remove(&mut self, key: &str) -> ::core::option::Option<V> {
                let map = self.0.as_mut()?;
                let value = map.remove(key);
                // Back to the one empty form, so that equality does not see the history.
                if map.is_empty() {
                    self.0 = None;
                }
                value
            }

            /// The property names, in order.
            pub fn keys(&self) -> impl ::core::iter::Iterator<Item = &::std::string::String> {
                self.iter().map(|(key, _)| key)
            }

            /// The properties, by name.
            pub fn iter(&self) -> ::core::iter::Flatten<::core::option::IntoIter<&::std::collections::BTreeMap<::std::string::String, V>>> {
                self.0.as_deref().into_iter().flatten()
            }
        }

        impl<'a, V> ::core::iter::IntoIterator for &'a Extra<V> {
            type Item = (&'a ::std::string::String, &'a V);
            type IntoIter = ::core::iter::Flatten<::core::option::IntoIter<&'a ::std::collections::BTreeMap<::std::string::String, V>>>;

            fn into_iter(self) -> Self::IntoIter {
                self.iter()
            }
        }

        impl<V> ::core::ops::Index<&str> for Extra<V> {
            type Output = V;

            /// Panics when the property is absent, like a map.
            fn index(&self, key: &str) -> &V {
                self.get(key).expect("no such property")
            }
        }

        impl<V: ::serde::Serialize> ::serde::Serialize for Extra<V> {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.collect_map(self.iter())
            }
        }

        /// A field the API sends as an id, or as the whole object when expanded.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Expandable<T> {
            /// Not expanded: the object's id.
            Id(::std::string::String),
            /// Expanded: the object itself.
            Object(::std::boxed::Box<T>),
        }

        /// Objects that carry their own id, so an expandable field always has one.
        pub trait HasId {
            /// The object's id.
            fn id(&self) -> &str;
        }

        impl<T: HasId> Expandable<T> {
            /// The id, whether the field is expanded or not.
            pub fn id(&self) -> &str {
                match self {
                    Expandable::Id(id) => id,
                    Expandable::Object(object) => object.id(),
                }
            }
        }

        impl<T> Expandable<T> {
            /// The expanded object, if the field is expanded.
            pub fn as_object(&self) -> ::core::option::Option<&T> {
                match self {
                    Expandable::Id(_) => None,
                    Expandable::Object(object) => Some(object),
                }
            }
        }

        impl<T: ::serde::Serialize> ::serde::Serialize for Expandable<T> {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                match self {
                    Expandable::Id(id) => serializer.serialize_str(id),
                    Expandable::Object(object) => object.serialize(serializer),
                }
            }
        }

        // Dispatches on the JSON token directly: an untagged enum would buffer the object.
        impl<'de, T: ::serde::Deserialize<'de>> ::serde::Deserialize<'de> for Expandable<T> {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                struct ExpandableVisitor<T>(::core::marker::PhantomData<T>);

                impl<'de, T: ::serde::Deserialize<'de>> ::serde::de::Visitor<'de> for ExpandableVisitor<T> {
                    type Value = Expandable<T>;

                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str("an id string or an object")
                    }

                    fn visit_str<E: ::serde::de::Error>(self, value: &str) -> ::core::result::Result<Self::Value, E> {
                        Ok(Expandable::Id(value.to_owned()))
                    }

                    fn visit_string<E: ::serde::de::Error>(self, value: ::std::string::String) -> ::core::result::Result<Self::Value, E> {
                        Ok(Expandable::Id(value))
                    }

                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, map: A) -> ::core::result::Result<Self::Value, A::Error> {
                        let object = T::deserialize(::serde::de::value::MapAccessDeserializer::new(map))?;
                        Ok(Expandable::Object(::std::boxed::Box::new(object)))
                    }
                }

                deserializer.deserialize_any(ExpandableVisitor(::core::marker::PhantomData))
            }
        }
    }
}

fn schema_items() -> TokenStream {
    quote! {
        /// A subschema of an embedded document, compiled on first use, for values that
        /// have no Rust type of their own.
        pub struct Schema {
            document: &'static str,
            base: &'static str,
            fragment: &'static str,
            remotes: &'static [(&'static str, &'static str)],
            formats: bool,
            compiled: ::std::sync::OnceLock<::core::result::Result<::jsonschema::Validator, ::std::string::String>>,
        }

        impl Schema {
            /// The schema at `fragment` (a URI fragment) of `document`, registered at `base`,
            /// with the remote documents it refers to; `formats` makes `format` assert.
            pub const fn new(
                document: &'static str,
                base: &'static str,
                fragment: &'static str,
                remotes: &'static [(&'static str, &'static str)],
                formats: bool,
            ) -> Schema {
                Schema { document, base, fragment, remotes, formats, compiled: ::std::sync::OnceLock::new() }
            }

            fn compile(&self) -> ::core::result::Result<::jsonschema::Validator, ::std::string::String> {
                let document: ::serde_json::Value = ::serde_json::from_str(self.document).map_err(|e| e.to_string())?;
                let mut builder = ::jsonschema::Registry::new().add(self.base, document).map_err(|e| e.to_string())?;
                for (url, text) in self.remotes {
                    let remote: ::serde_json::Value = ::serde_json::from_str(text).map_err(|e| e.to_string())?;
                    builder = builder.add(*url, remote).map_err(|e| e.to_string())?;
                }
                let registry = builder.prepare().map_err(|e| e.to_string())?;
                let mut reference = ::serde_json::Map::new();
                reference.insert("$ref".to_owned(), ::std::format!("{}#{}", self.base, self.fragment).into());
                ::jsonschema::options()
                    .with_registry(&registry)
                    .should_validate_formats(self.formats)
                    .build(&::serde_json::Value::Object(reference))
                    .map_err(|e| e.to_string())
            }

            /// Validates `value`, found at `at`, and records every violation.
            pub fn check(&self, value: &::serde_json::Value, at: &Pointer<'_>, errors: &mut ValidationErrors) {
                match self.compiled.get_or_init(|| self.compile()) {
                    Ok(validator) => {
                        for error in validator.iter_errors(value) {
                            let mut pointer = at.render();
                            pointer.push_str(error.instance_path().as_str());
                            let keyword = static_keyword(error.kind().keyword());
                            errors.0.push(ValidationError { pointer, keyword, message: error.to_string() });
                        }
                    }
                    Err(reason) => errors.push(at, "$schema", ::std::format!("the schema does not compile: {reason}")),
                }
            }
        }

        /// A `pattern`, compiled on first use with ECMA-262 semantics by the jsonschema
        /// crate (a linear-time engine, or a bounded backtracking one for look-around).
        pub struct Pattern {
            source: &'static str,
            compiled: ::std::sync::OnceLock<::core::result::Result<::jsonschema::Validator, ::std::string::String>>,
        }

        impl Pattern {
            /// The regular expression `source`.
            pub const fn new(source: &'static str) -> Pattern {
                Pattern { source, compiled: ::std::sync::OnceLock::new() }
            }

            /// Records an error unless `value` matches.
            pub fn check(&self, value: &str, at: &Pointer<'_>, errors: &mut ValidationErrors) {
                let compiled = self.compiled.get_or_init(|| {
                    let mut schema = ::serde_json::Map::new();
                    schema.insert("pattern".to_owned(), self.source.into());
                    ::jsonschema::validator_for(&::serde_json::Value::Object(schema)).map_err(|e| e.to_string())
                });
                match compiled {
                    Ok(validator) => {
                        if let Some(error) = validator.iter_errors(&::serde_json::Value::from(value)).next() {
                            errors.push(at, "pattern", error.to_string());
                        }
                    }
                    Err(reason) => errors.push(at, "pattern", ::std::format!("the pattern does not compile: {reason}")),
                }
            }
        }

        /// The keyword names `ValidationError` reports, as static strings.
        fn static_keyword(keyword: &str) -> &'static str {
            const KEYWORDS: &[&str] = &[
                "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum",
                "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems",
                "uniqueItems", "maxContains", "minContains", "maxProperties", "minProperties",
                "required", "dependentRequired", "prefixItems", "items", "contains",
                "additionalProperties", "properties", "patternProperties", "dependentSchemas",
                "propertyNames", "if", "then", "else", "allOf", "anyOf", "oneOf", "not",
                "unevaluatedItems", "unevaluatedProperties", "$ref", "$dynamicRef", "format",
                "false", "additionalItems", "dependencies", "contentEncoding", "contentMediaType",
            ];
            KEYWORDS.iter().copied().find(|k| *k == keyword).unwrap_or("schema")
        }
    }
}

fn mapping_items(needs: &RuntimeNeeds) -> TokenStream {
    let date_time = needs.date_time.then(|| {
        quote! {
            /// Unix seconds to a UTC date-time that RFC 3339 can write (years 0000 to 9999).
            pub fn unix_time_to_date_time(seconds: i64) -> ::core::result::Result<::chrono::DateTime<::chrono::Utc>, ::std::string::String> {
                // 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
                const MIN: i64 = -62_167_219_200;
                const MAX: i64 = 253_402_300_799;
                if !(MIN..=MAX).contains(&seconds) {
                    return Err(::std::format!("{seconds} seconds since the Unix epoch is outside the years 0000 to 9999"));
                }
                ::chrono::DateTime::from_timestamp(seconds, 0)
                    .ok_or_else(|| ::std::format!("{seconds} seconds since the Unix epoch is out of range"))
            }
        }
    });
    quote! {
        /// A source value that a generated mapping cannot convert.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct MappingError {
            /// The target field (JSON name).
            pub target: &'static str,
            /// The source path (JSON names, dot-separated).
            pub source: &'static str,
            /// What went wrong.
            pub reason: ::std::string::String,
        }

        impl ::core::fmt::Display for MappingError {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::write!(f, "cannot map `{}` to `{}`: {}", self.source, self.target, self.reason)
            }
        }

        impl ::std::error::Error for MappingError {}

        #date_time
    }
}
