//! The properties an object's schema does not list.

/// Properties an object's schema does not list, by name. Most objects have none,
/// so the empty case is one pointer wide and allocates nothing.
#[allow(clippy::box_collection)]
#[derive(Debug, Clone)]
pub struct Extra<V = ::serde_json::Value>(
    ::core::option::Option<
        ::std::boxed::Box<::std::collections::BTreeMap<::std::string::String, V>>,
    >,
);
// By content, so that no properties are one value however they are stored.
impl<V: PartialEq> PartialEq for Extra<V> {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}
impl<V: Eq> Eq for Extra<V> {}
impl<V: ::core::hash::Hash> ::core::hash::Hash for Extra<V> {
    fn hash<H: ::core::hash::Hasher>(&self, state: &mut H) {
        state.write_usize(self.len());
        self.iter().for_each(|entry| entry.hash(state));
    }
}
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
    pub fn iter(
        &self,
    ) -> ::core::iter::Flatten<
        ::core::option::IntoIter<&::std::collections::BTreeMap<::std::string::String, V>>,
    > {
        self.0.as_deref().into_iter().flatten()
    }
}
impl<'a, V> ::core::iter::IntoIterator for &'a Extra<V> {
    type Item = (&'a ::std::string::String, &'a V);
    type IntoIter = ::core::iter::Flatten<
        ::core::option::IntoIter<&'a ::std::collections::BTreeMap<::std::string::String, V>>,
    >;
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
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::core::result::Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}
