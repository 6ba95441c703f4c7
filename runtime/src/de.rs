//! serde helpers of the generated `Deserialize` impls: one-pass objects, integers read
//! leniently, unions (first valid branch, `oneOf`, tags) and string enums.

use crate::buffer::{message, relay};
use crate::{Buffered, Pointer, Validate, ValidationErrors};

/// The key index [`KeySeed`] returns for a property the type does not list.
pub const OTHER_KEY: usize = usize::MAX;
/// Reads an object key as the index of a listed property, matching names without
/// allocating; another property gives [`OTHER_KEY`] and leaves its name in `.1`. The
/// names are matched through `dyn`, so that one key reader serves every object: a
/// reader per object type cost more in code than the indirect call.
pub struct KeySeed<'a>(
    pub &'a dyn Fn(&str) -> ::core::option::Option<usize>,
    pub &'a mut ::std::string::String,
);
impl<'de> ::serde::de::DeserializeSeed<'de> for KeySeed<'_> {
    type Value = usize;
    fn deserialize<D: ::serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> ::core::result::Result<usize, D::Error> {
        deserializer.deserialize_str(self)
    }
}
impl<'de> ::serde::de::Visitor<'de> for KeySeed<'_> {
    type Value = usize;
    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str("a property name")
    }
    fn visit_str<E: ::serde::de::Error>(self, key: &str) -> ::core::result::Result<usize, E> {
        Ok(match (self.0)(key) {
            ::core::option::Option::Some(index) => index,
            ::core::option::Option::None => other_key(key, self.1),
        })
    }
    fn visit_string<E: ::serde::de::Error>(
        self,
        key: ::std::string::String,
    ) -> ::core::result::Result<usize, E> {
        Ok((self.0)(&key).unwrap_or_else(|| {
            *self.1 = key;
            OTHER_KEY
        }))
    }
}
// Out of line and shared by every object: most keys are listed.
#[cold]
#[inline(never)]
fn other_key(key: &str, name: &mut ::std::string::String) -> usize {
    key.clone_into(name);
    OTHER_KEY
}
/// Reads a property's value into its slot; a repeated property is an error.
// Out of line: one reader per (format, field type) serves every object, where inlined
// readers made each object's visitor large (fewer instructions, but more code misses).
#[inline(never)]
pub fn field<'de, A, T>(
    map: &mut A,
    slot: &mut ::core::option::Option<T>,
    name: &'static str,
) -> ::core::result::Result<(), A::Error>
where
    A: ::serde::de::MapAccess<'de>,
    T: ::serde::Deserialize<'de>,
{
    scalar(map, slot, name)
}
/// [`field`] inlined in the object's visitor, for a scalar, a string or a string enum:
/// its read takes fewer instructions than a call.
#[inline(always)]
pub fn scalar<'de, A, T>(
    map: &mut A,
    slot: &mut ::core::option::Option<T>,
    name: &'static str,
) -> ::core::result::Result<(), A::Error>
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
        #[doc = concat!(" Reads a union branch kept as JSON that admits only a JSON ", $expected, ".")]
        pub fn $name<'de, D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<::serde_json::Value, D::Error> {
            json_of_type(deserializer, $expected, $admits)
        }
    )*};
}

json_types! {
    json_object: "object" => ::serde_json::Value::is_object;
    json_array: "array" => ::serde_json::Value::is_array;
    json_string: "string" => ::serde_json::Value::is_string;
    json_boolean: "boolean" => ::serde_json::Value::is_boolean;
    json_not_object: "value other than an object" => |v| !v.is_object();
    json_not_string: "value other than a string" => |v| !v.is_string();
    json_not_array: "value other than an array" => |v| !v.is_array();
    json_not_number: "value other than a number" => |v| !v.is_number();
    json_number: "number" => ::serde_json::Value::is_number;
    json_integer: "integer" => |v| v.is_i64() || v.is_u64() || v.as_f64().is_some_and(|n| n.fract() == 0.0);
}

/// [`field`] for values read through a wire form ([`Lenient`]).
#[inline(never)]
pub fn lenient_field<'de, A, T>(
    map: &mut A,
    slot: &mut ::core::option::Option<T>,
    name: &'static str,
) -> ::core::result::Result<(), A::Error>
where
    A: ::serde::de::MapAccess<'de>,
    T: Lenient,
{
    lenient_scalar(map, slot, name)
}
/// [`scalar`] for values read through a wire form ([`Lenient`]).
#[inline(always)]
pub fn lenient_scalar<'de, A, T>(
    map: &mut A,
    slot: &mut ::core::option::Option<T>,
    name: &'static str,
) -> ::core::result::Result<(), A::Error>
where
    A: ::serde::de::MapAccess<'de>,
    T: Lenient,
{
    fill(slot, name, || lenient_value(map))
}
#[inline(always)]
fn fill<T, E: ::serde::de::Error>(
    slot: &mut ::core::option::Option<T>,
    name: &'static str,
    read: impl FnOnce() -> ::core::result::Result<T, E>,
) -> ::core::result::Result<(), E> {
    if slot.is_some() {
        return Err(duplicate(name));
    }
    *slot = Some(read()?);
    Ok(())
}
// Out of line: errors are rare, and the visitors that read fields stay small.
#[cold]
#[inline(never)]
fn duplicate<E: ::serde::de::Error>(name: &'static str) -> E {
    E::duplicate_field(name)
}
#[cold]
#[inline(never)]
fn missing<E: ::serde::de::Error>(name: &'static str) -> E {
    unless_probing(|| E::missing_field(name))
}
/// The next value of `map`.
pub fn next_value<'de, A: ::serde::de::MapAccess<'de>, T: ::serde::Deserialize<'de>>(
    map: &mut A,
) -> ::core::result::Result<T, A::Error> {
    map.next_value()
}
/// The next value of `map`, read by [`lenient`].
pub fn lenient_value<'de, A: ::serde::de::MapAccess<'de>, T: Lenient>(
    map: &mut A,
) -> ::core::result::Result<T, A::Error> {
    map.next_value::<T::Wire>().map(T::from_wire)
}
/// A required property's value, or the error naming it.
pub fn required<T, E: ::serde::de::Error>(
    slot: ::core::option::Option<T>,
    name: &'static str,
) -> ::core::result::Result<T, E> {
    slot.ok_or_else(|| missing(name))
}
/// Values read through a wire form. JSON Schema counts any number with a zero
/// fractional part as an integer, so `1.0` reads as `1`; a date-time reads only what
/// the `date-time` format accepts.
pub trait Lenient: Sized {
    /// The form read from JSON.
    type Wire: ::serde::de::DeserializeOwned;
    /// The value from its JSON form.
    fn from_wire(wire: Self::Wire) -> Self;
}
/// An integer read from any JSON number with a zero fractional part.
pub struct Integer(i64);
impl<'de> ::serde::Deserialize<'de> for Integer {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::core::result::Result<Self, D::Error> {
        struct IntegerVisitor;
        impl ::serde::de::Visitor<'_> for IntegerVisitor {
            type Value = Integer;
            fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str("an integer between -2^63 and 2^63-1")
            }
            fn visit_i64<E: ::serde::de::Error>(
                self,
                value: i64,
            ) -> ::core::result::Result<Integer, E> {
                Ok(Integer(value))
            }
            fn visit_u64<E: ::serde::de::Error>(
                self,
                value: u64,
            ) -> ::core::result::Result<Integer, E> {
                i64::try_from(value)
                    .map(Integer)
                    .map_err(|_| E::invalid_value(::serde::de::Unexpected::Unsigned(value), &self))
            }
            fn visit_f64<E: ::serde::de::Error>(
                self,
                value: f64,
            ) -> ::core::result::Result<Integer, E> {
                const LIMIT: f64 = 9_223_372_036_854_775_808.0;
                if value.fract() == 0.0 && (-LIMIT..LIMIT).contains(&value) {
                    Ok(Integer(value as i64))
                } else {
                    Err(E::invalid_value(::serde::de::Unexpected::Float(value), &self))
                }
            }
        }
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
/// `deserialize_with` for values read through a wire form ([`Lenient`]).
pub fn lenient<'de, D: ::serde::Deserializer<'de>, T: Lenient>(
    deserializer: D,
) -> ::core::result::Result<T, D::Error> {
    <T::Wire as ::serde::Deserialize>::deserialize(deserializer).map(T::from_wire)
}
/// A parser of one branch of a union: its name, the JSON kinds its type can read (bits
/// of [`kinds`]; others are not tried) and the parser.
pub type Branch<T> =
    (&'static str, u8, fn(&Buffered<'_>) -> ::core::result::Result<T, ::serde_json::Error>);
/// The JSON kinds of a value, as bits of a [`Branch`].
pub mod kinds {
    /// `null`.
    pub const NULL: u8 = 1;
    /// Booleans.
    pub const BOOLEAN: u8 = 2;
    /// Numbers.
    pub const NUMBER: u8 = 4;
    /// Strings.
    pub const STRING: u8 = 8;
    /// Arrays.
    pub const ARRAY: u8 = 16;
    /// Objects.
    pub const OBJECT: u8 = 32;
    /// Every kind.
    pub const ANY: u8 = 63;
    /// The kind of `value`.
    pub fn of(value: &::serde_json::Value) -> u8 {
        match value {
            ::serde_json::Value::Null => NULL,
            ::serde_json::Value::Bool(_) => BOOLEAN,
            ::serde_json::Value::Number(_) => NUMBER,
            ::serde_json::Value::String(_) => STRING,
            ::serde_json::Value::Array(_) => ARRAY,
            ::serde_json::Value::Object(_) => OBJECT,
        }
    }
}
std::thread_local! {
    /// Set while a union tries its branches: a branch that fails is only skipped, so the
    /// readers raise errors without writing their (long) messages.
    static PROBING: ::core::cell::Cell<bool> = const { ::core::cell::Cell::new(false) };
}
/// Runs `read` as a branch attempt (or a verdict) whose error is not shown (see
/// [`probing`]).
pub(crate) fn probe<R>(read: impl FnOnce() -> R) -> R {
    let before = PROBING.with(|p| p.replace(true));
    let result = read();
    PROBING.with(|p| p.set(before));
    result
}
/// True while a union tries a branch whose error nobody reads: errors may be terse.
#[inline]
pub fn probing() -> bool {
    PROBING.with(::core::cell::Cell::get)
}
/// `unknown_field`, without its message (the list of fields) while probing.
#[cold]
#[inline(never)]
pub fn unknown_field<E: ::serde::de::Error>(name: &str, fields: &'static [&'static str]) -> E {
    unless_probing(|| E::unknown_field(name, fields))
}
/// `error()`, or a terse error while probing (its message would be thrown away).
fn unless_probing<E: ::serde::de::Error>(error: impl FnOnce() -> E) -> E {
    if probing() {
        E::custom("")
    } else {
        error()
    }
}
/// The branches whose type can read a value of kind `kind`.
fn readers<T>(branches: &[Branch<T>], kind: u8) -> impl Iterator<Item = &Branch<T>> + Clone {
    branches.iter().filter(move |(_, reads, _)| reads & kind != 0)
}
/// Branches told apart by JSON type (an integer and a number branch may both read a
/// number): the first branch that reads `value`.
pub fn first_reading<T, E: ::serde::de::Error>(
    value: Buffered<'_>,
    branches: &[Branch<T>],
) -> ::core::result::Result<T, E> {
    let readers = readers(branches, value.kind()).map(|(_, _, read)| *read);
    first_that_reads(&value, readers).unwrap_or_else(|| {
        Err(E::invalid_type(
            unexpected(value.kind()),
            &branches
                .iter()
                .map(|(name, _, _)| *name)
                .collect::<::std::vec::Vec<_>>()
                .join(" or ")
                .as_str(),
        ))
    })
}
/// What an object branch's struct reads, by keys: the properties it requires, and the
/// ones it lists where it rejects others (`None`: it keeps them).
pub type Keys = (&'static [&'static str], ::core::option::Option<&'static [&'static str]>);
/// Branches told apart by JSON type whose object branches (`keys`, `None` for the
/// others) are told apart by their keys: of any two, one requires a property the other
/// rejects. An object's keys then fit one branch at most, which alone is read.
pub fn first_by_keys<T, E: ::serde::de::Error>(
    value: Buffered<'_>,
    branches: &[Branch<T>],
    keys: &[::core::option::Option<Keys>],
) -> ::core::result::Result<T, E> {
    let names = match value.kind() {
        kinds::OBJECT => crate::buffer::object_keys(&value),
        _ => None,
    };
    if let Some(names) = names {
        let has = |name: &&str| names.iter().any(|n| n == name);
        let fits = |(required, listed): &Keys| {
            required.iter().all(has)
                && listed.is_none_or(|l| names.iter().all(|n| l.contains(&&**n)))
        };
        if let Some(i) = keys.iter().position(|k| k.as_ref().is_some_and(fits)) {
            // No other branch reads the object: this one's error says what is wrong.
            return (branches[i].2)(&value).map_err(|error| unless_probing(|| relay(&error)));
        }
    }
    first_reading(value, branches)
}
/// A branch's reader.
type Reader<T> = fn(&Buffered<'_>) -> ::core::result::Result<T, ::serde_json::Error>;
/// The first of `readers` (branches of which at most one reads a value) that reads
/// `value`, `None` without readers. They are tried quietly: when none reads it, the
/// first one's error (which says what is wrong) is written out by reading it again.
fn first_that_reads<T, E: ::serde::de::Error>(
    value: &Buffered<'_>,
    readers: impl Iterator<Item = Reader<T>> + Clone,
) -> ::core::option::Option<::core::result::Result<T, E>> {
    let first = readers.clone().next()?;
    for read in readers {
        if let Ok(parsed) = probe(|| read(value)) {
            return Some(Ok(parsed));
        }
    }
    Some(match probing() {
        // An outer union tries a branch that holds this one: nobody reads why.
        true => Err(E::custom("")),
        false => first(value).map_err(|error| relay(&error)),
    })
}
/// Branches of one tag value told apart by their keys: the object (the rest of a
/// union's map, after its tag) read by the first that reads it, else the first's error.
pub fn first_keyed<'de, D: ::serde::Deserializer<'de>, T>(
    rest: D,
    readers: &[Reader<T>],
) -> ::core::result::Result<T, D::Error> {
    let value = <Buffered<'de> as ::serde::Deserialize>::deserialize(rest)?;
    first_that_reads(&value, readers.iter().copied())
        .unwrap_or_else(|| Err(::serde::de::Error::custom("no branch")))
}
/// Branches that may overlap: the first branch that `value` deserializes into and
/// that validates, else the first it deserializes into (so that `validate`
/// reports why). For `oneOf`, `validate` then checks that no other branch matches.
pub fn first_valid<T: Validate, E: ::serde::de::Error>(
    value: Buffered<'_>,
    branches: &[Branch<T>],
) -> ::core::result::Result<T, E> {
    try_branches(&value, branches).map_err(E::custom)
}
/// Whether `value` passes its checks; only the outcome is computed.
fn valid<T: Validate>(value: &T) -> bool {
    let mut errors = ValidationErrors::quiet();
    value.validate_into(&Pointer::Root, &mut errors);
    errors.is_empty()
}
fn try_branches<T: Validate>(
    value: &Buffered<'_>,
    branches: &[Branch<T>],
) -> ::core::result::Result<T, ::std::string::String> {
    let mut fallback = None;
    for (_, _, parse) in readers(branches, value.kind()) {
        if let Ok(parsed) = probe(|| parse(value)) {
            if valid(&parsed) {
                return Ok(parsed);
            }
            fallback.get_or_insert(parsed);
        }
    }
    fallback.ok_or_else(|| {
        if probing() {
            // An outer union tries a branch that holds this one: nobody reads why.
            return ::std::string::String::new();
        }
        // Why each branch fails, written out only when none matches.
        let reasons: ::std::vec::Vec<::std::string::String> = branches
            .iter()
            .filter_map(|(name, _, parse)| {
                parse(value).err().map(|error| ::std::format!("{name}: {}", brief(message(&error))))
            })
            .collect();
        ::std::format!("no branch matches ({})", reasons.join("; "))
    })
}
/// `oneOf` of branches that may overlap: the value (as JSON) must match one branch
/// only. Checked on the value itself, so it holds for values built in code too.
/// `branch_valid` checks a value against its own branch alone. A branch that holds
/// the union again checks its nested values once per branch, so the counts are
/// remembered like `first_valid_memo`'s results.
pub fn one_of<T: ::serde::Serialize + 'static>(
    value: &T,
    branches: &[Branch<T>],
    branch_valid: fn(&T) -> bool,
    at: &Pointer<'_>,
    errors: &mut ValidationErrors,
) {
    /// The memo kind of `oneOf` counts, apart from results of reading `T`.
    struct Matching<T>(::core::marker::PhantomData<T>);
    let Ok(json) = ::serde_json::to_value(value) else { return };
    let json = Buffered::Value(json);
    let matching: ::std::vec::Vec<&'static str> = memoized::<Matching<T>, _>(
        || json.text().into_owned(),
        || {
            readers(branches, json.kind())
                .filter(|(_, _, parse)| probe(|| parse(&json)).is_ok_and(|b| branch_valid(&b)))
                .map(|(name, _, _)| *name)
                .collect()
        },
    );
    if matching.len() > 1 {
        errors.push(
            at,
            "oneOf",
            ::std::format!("the value matches more than one branch: {}", matching.join(", ")),
        );
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
std::thread_local! {
    /// How many `memoized` computations are under way on this thread.
    static MEMO_DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    /// Results of nested computations by kind and JSON text, kept while the outermost runs.
    static MEMO: std::cell::RefCell<std::collections::BTreeMap<MemoKey, Box<dyn std::any::Any>>> = const { std::cell::RefCell::new(std::collections::BTreeMap::new()) };
    /// The keys of `MEMO` in the order they were added.
    static MEMO_KEYS: std::cell::RefCell<Vec<MemoKey>> = const { std::cell::RefCell::new(Vec::new()) };
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
pub fn first_valid_memo<T: Validate + Clone + 'static, E: ::serde::de::Error>(
    value: Buffered<'_>,
    branches: &[Branch<T>],
) -> ::core::result::Result<T, E> {
    memoized::<T, _>(|| value.text().into_owned(), || try_branches(&value, branches))
        .map_err(E::custom)
}
/// `compute()` for the value whose JSON text is `text()`, remembered under the kind
/// `K` while the outermost memoized computation on this thread runs.
fn memoized<K: 'static, R: Clone + 'static>(
    text: impl FnOnce() -> ::std::string::String,
    compute: impl FnOnce() -> R,
) -> R {
    let key = (MEMO_DEPTH.with(::core::cell::Cell::get) > 0)
        .then(|| (::core::any::TypeId::of::<K>(), text()));
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
/// What [`read_tag`] found in the tag property.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag<T = &'static str> {
    /// One of the listed values.
    Listed(T),
    /// A value of the tag's type not listed (only when the union is open).
    Unlisted,
    /// No tag property (only when a branch reads objects without it).
    Absent,
}
/// The values a tag property holds: strings, or booleans.
pub trait TagValue: Copy + 'static {
    /// What the tag must be, for errors.
    const EXPECTED: &'static str;
    /// The JSON kind of the tag's values (a bit of [`kinds`]).
    const KIND: u8;
    /// The tag as read.
    type Read: ::serde::de::DeserializeOwned;
    /// Whether `read` is this listed value.
    fn is(&self, read: &Self::Read) -> bool;
    /// The error of a value no tag lists.
    fn unknown<E: ::serde::de::Error>(read: &Self::Read, tags: &'static [Self]) -> E;
    /// The listed value `value` is, `Ok(None)` for an unlisted value of the tag's type,
    /// or the error naming an unlisted value when `closed`.
    fn find<E: ::serde::de::Error>(
        value: &Buffered<'_>,
        tags: &'static [Self],
        closed: bool,
    ) -> ::core::result::Result<::core::option::Option<Self>, E> {
        let tag = match value.read::<Self::Read>() {
            Ok(tag) if value.kind() == Self::KIND => tag,
            _ => return Err(E::invalid_type(unexpected(value.kind()), &Self::EXPECTED)),
        };
        match tags.iter().find(|t| t.is(&tag)) {
            Some(listed) => Ok(Some(*listed)),
            None if closed => Err(Self::unknown(&tag, tags)),
            None => Ok(None),
        }
    }
}
impl TagValue for &'static str {
    const EXPECTED: &'static str = "a string tag";
    const KIND: u8 = kinds::STRING;
    type Read = ::std::string::String;
    fn is(&self, read: &::std::string::String) -> bool {
        *self == read
    }
    fn unknown<E: ::serde::de::Error>(read: &::std::string::String, tags: &'static [Self]) -> E {
        E::unknown_variant(read, tags)
    }
}
impl TagValue for bool {
    const EXPECTED: &'static str = "a boolean tag";
    const KIND: u8 = kinds::BOOLEAN;
    type Read = bool;
    fn is(&self, read: &bool) -> bool {
        self == read
    }
    fn unknown<E: ::serde::de::Error>(read: &bool, _: &'static [Self]) -> E {
        // Only one boolean is listed (else none is unknown): the other is expected.
        E::invalid_value(
            ::serde::de::Unexpected::Bool(*read),
            &if *read { "`false`" } else { "`true`" },
        )
    }
}
/// Reads an object's properties up to `property`, whose value must be one of `tags`
/// (strings or booleans; or, when `open`, any value of their type): that tag, and the
/// object again (the properties read, then the rest) for the branch it names. Without
/// the property the object is an error, unless `absent_ok`. Only the properties before
/// the tag are buffered, as text when serde_json reads them.
pub fn read_tag<'de, A: ::serde::de::MapAccess<'de>, T: TagValue>(
    mut map: A,
    property: &'static str,
    tags: &'static [T],
    open: bool,
    absent_ok: bool,
) -> ::core::result::Result<(Tag<T>, Replay<'de, A>), A::Error> {
    use ::serde::de::Error as _;
    let mut read = ::std::vec::Vec::new();
    while let Some(key) = map.next_key::<::std::string::String>()? {
        let value: Buffered<'de> = map.next_value()?;
        if key == property {
            let tag = match T::find(&value, tags, !open)? {
                Some(listed) => Tag::Listed(listed),
                None => Tag::Unlisted,
            };
            read.push((key, value));
            return Ok((tag, Replay { read: read.into_iter(), value: None, map }));
        }
        read.push((key, value));
    }
    if absent_ok {
        return Ok((Tag::Absent, Replay { read: read.into_iter(), value: None, map }));
    }
    Err(A::Error::missing_field(property))
}
/// An object's properties already read, then the rest of `map`.
pub struct Replay<'de, A> {
    read: ::std::vec::IntoIter<(::std::string::String, Buffered<'de>)>,
    value: ::core::option::Option<Buffered<'de>>,
    map: A,
}
impl<'de, A: ::serde::de::MapAccess<'de>> ::serde::de::MapAccess<'de> for Replay<'de, A> {
    type Error = A::Error;
    fn next_key_seed<K: ::serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> ::core::result::Result<::core::option::Option<K::Value>, A::Error> {
        match self.read.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(::serde::de::IntoDeserializer::into_deserializer(key)).map(Some)
            }
            None => self.map.next_key_seed(seed),
        }
    }
    fn next_value_seed<V: ::serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> ::core::result::Result<V::Value, A::Error> {
        let read = match self.value.take() {
            None => return self.map.next_value_seed(seed),
            // Text borrowed from the input is read again as it was.
            Some(Buffered::Text(::std::borrow::Cow::Borrowed(text))) => {
                seed.deserialize(&mut ::serde_json::Deserializer::from_str(text))
            }
            // Text owned (from a reader) outlives no `'de` borrow: read as a value.
            Some(Buffered::Text(::std::borrow::Cow::Owned(text))) => {
                ::serde_json::from_str::<::serde_json::Value>(&text)
                    .and_then(|v| seed.deserialize(v))
            }
            Some(Buffered::Value(value)) => seed.deserialize(value),
        };
        read.map_err(|error| relay(&error))
    }
}
fn unexpected(kind: u8) -> ::serde::de::Unexpected<'static> {
    match kind {
        kinds::NULL => ::serde::de::Unexpected::Unit,
        kinds::BOOLEAN => ::serde::de::Unexpected::Other("a boolean"),
        kinds::NUMBER => ::serde::de::Unexpected::Other("a number"),
        kinds::STRING => ::serde::de::Unexpected::Other("a string"),
        kinds::ARRAY => ::serde::de::Unexpected::Seq,
        _ => ::serde::de::Unexpected::Map,
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
                (None, None) => Err(unless_probing(|| E::unknown_variant(value, self.values))),
            }
        }
        fn visit_string<E: ::serde::de::Error>(
            self,
            value: ::std::string::String,
        ) -> ::core::result::Result<T, E> {
            match ((self.known)(&value), self.unknown) {
                (Some(v), _) => Ok(v),
                (None, Some(unknown)) => Ok(unknown(value)),
                (None, None) => Err(unless_probing(|| E::unknown_variant(&value, self.values))),
            }
        }
    }
    deserializer.deserialize_str(EnumVisitor { values, known, unknown })
}
