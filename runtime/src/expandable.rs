//! Fields sent as an id or as the expanded object.

/// A field the API sends as an id, or as the whole object when expanded.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::core::result::Result<S::Ok, S::Error> {
        match self {
            Expandable::Id(id) => serializer.serialize_str(id),
            Expandable::Object(object) => object.serialize(serializer),
        }
    }
}
impl<'de, T: ::serde::Deserialize<'de>> ::serde::Deserialize<'de> for Expandable<T> {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::core::result::Result<Self, D::Error> {
        struct ExpandableVisitor<T>(::core::marker::PhantomData<T>);
        impl<'de, T: ::serde::Deserialize<'de>> ::serde::de::Visitor<'de> for ExpandableVisitor<T> {
            type Value = Expandable<T>;
            fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str("an id string or an object")
            }
            fn visit_str<E: ::serde::de::Error>(
                self,
                value: &str,
            ) -> ::core::result::Result<Self::Value, E> {
                Ok(Expandable::Id(value.to_owned()))
            }
            fn visit_string<E: ::serde::de::Error>(
                self,
                value: ::std::string::String,
            ) -> ::core::result::Result<Self::Value, E> {
                Ok(Expandable::Id(value))
            }
            fn visit_map<A: ::serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> ::core::result::Result<Self::Value, A::Error> {
                let object = T::deserialize(::serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(Expandable::Object(::std::boxed::Box::new(object)))
            }
        }
        deserializer.deserialize_any(ExpandableVisitor(::core::marker::PhantomData))
    }
}
