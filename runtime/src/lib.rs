//! The runtime of the crates schemagen generates: the [`Validate`] trait and its errors,
//! JSON pointers, the checks generated `validate_into` impls call, the serde helpers and
//! macros generated types use ([`object!`], [`string_enum!`], [`tagged!`]), [`Number`]
//! (a JSON number written back as it was read), [`Extra`] for unlisted properties, [`Expandable`] fields and [`MappingError`].
//!
//! Every generated crate depends on this one crate, so crates generated separately share
//! one `Validate` trait and one error type, and code can be generic over them:
//!
//! ```
//! use schemagen_runtime::{Validate, ValidationErrors};
//!
//! fn check_all(values: &[&dyn Validate]) -> Result<(), ValidationErrors> {
//!     values.iter().try_for_each(|v| v.validate())
//! }
//! # check_all(&[]).unwrap();
//! ```
//!
//! Cargo features: `json-schema` (values kept as JSON and `pattern`s, checked by the
//! jsonschema crate), `idna` (internationalized host names when formats assert) and
//! `chrono` (date-times of asserted formats and the date-time helpers of mappings). A crate that needs none of them builds
//! with serde and serde_json alone.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod buffer;
mod builder;
mod count;
#[cfg(feature = "chrono")]
mod date_time;
mod de;
mod enums;
mod expandable;
mod extra;
mod form;
mod form_read;
pub mod formats;
mod from_json;
mod json;
mod json_order;
#[cfg(feature = "json-schema")]
mod lookahead;
mod macros;
mod mapping;
mod members;
mod multipart;
mod never;
mod number;
#[cfg(feature = "http")]
mod operation;
#[cfg(feature = "json-schema")]
mod schema;
#[cfg(feature = "schemars")]
mod schemars_out;
mod scope;
#[cfg(feature = "http")]
mod serve;
mod validate;

#[cfg(feature = "schemars")]
#[doc(hidden)]
pub use ::schemars as __schemars;
pub use buffer::Buffered;
pub use builder::BuilderError;
pub use count::{member_count, MemberCount};
#[cfg(feature = "chrono")]
pub use date_time::{parse_date_time, DateTimeText};
pub use de::*;
pub use enums::UnknownValue;
pub use expandable::{Expandable, HasId};
pub use extra::Extra;
pub use form::{decode, encode, encode_part, form_pairs, to_form, FormError};
pub use form_read::{decode_part, raw_pairs, FormNode, Maybe};
pub use from_json::FromJson;
pub use json::*;
pub use json_order::json_cmp;
pub use mapping::*;
pub use members::{
    check_json_entries, check_json_members, check_json_members_all, Entries, EntryCheck,
    MembersRead,
};
pub use multipart::{boundary_of, Binary, Part, Parts};
pub use never::Never;
pub use number::{NotANumber, Number};
#[cfg(feature = "http")]
pub use operation::{http, BuildError, Received, RequestBuilder, ResponseError};
#[cfg(feature = "json-schema")]
pub use schema::{
    compile, compile_format, compile_pattern, meta_check, registry, Format, Pattern, Schema,
};
#[cfg(feature = "schemars")]
pub use schemars_out::schema_with_refs;
pub use scope::{dynamic_scope, enter_scope, ScopeGuard};
#[cfg(feature = "http")]
pub use serve::{Incoming, IncomingError, Reply};
pub use validate::*;

#[doc(hidden)]
pub use serde as __serde;

/// The interface version generated code is written against. A generated crate checks it
/// at compile time: a crate generated for another version must be regenerated (or built
/// against the runtime version its `Cargo.toml` names).
pub const API_VERSION: u32 = 6;

/// Fails the build of a generated crate whose runtime has another [`API_VERSION`].
pub const fn require_api(version: u32) {
    if version != API_VERSION {
        panic!("this crate was generated for another version of schemagen-runtime: regenerate it with the schemagen that matches this runtime, or depend on the runtime version the generator wrote into Cargo.toml");
    }
}

/// Checks every constraint of a type's schema that the Rust type does not guarantee.
pub trait Validate {
    /// Checks `self`; on failure returns every violation, each with its JSON pointer.
    fn validate(&self) -> ::core::result::Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        self.validate_into(&Pointer::Root, &mut errors);
        errors.into_result()
    }
    /// Whether `self` passes every check: the verdict alone, which stops at the first
    /// violation and writes no message (the fast path where the reasons are not needed).
    fn is_valid(&self) -> bool {
        let mut errors = ValidationErrors::quiet();
        self.validate_into(&Pointer::Root, &mut errors);
        errors.is_empty()
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
    #[inline]
    pub fn key(&'a self, key: &'a str) -> Pointer<'a> {
        Pointer::Key(self, key)
    }
    /// The pointer to element `index` below `self`.
    #[inline]
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
            Pointer::Index(parent, index) => {
                ::std::format!("{}/{}", parent.render(), index)
            }
        }
    }
}
