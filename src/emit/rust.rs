//! How the model's names and shapes read as Rust: identifiers, type paths, the Rust type
//! of a shape, and which shapes are read through a wire form. Every emitter uses these.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::model::{Model, Shape, Ty, TypeId, TypeKind};

/// `foo` or `r#type` as an identifier.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `crate::stripe::Foo`.
pub fn type_path(model: &Model, id: TypeId) -> TokenStream {
    let segments = model.rust_path(id).into_iter().map(|s| ident(&s));
    quote!(crate #(:: #segments)*)
}

/// A replacing type's path as tokens (the lowering checked that it parses).
pub fn external_type(path: &str) -> TokenStream {
    match syn::parse_str::<syn::Type>(path) {
        Ok(ty) => quote!(#ty),
        Err(_) => unreachable!("the lowering refuses a path that does not parse"),
    }
}

/// The path of an operation's response enum, which sits beside its request struct.
pub fn response_path(model: &Model, op: &crate::model::Operation) -> TokenStream {
    let mut segments = model.rust_path(op.request);
    segments.pop();
    let segments = segments.iter().map(|s| ident(s));
    let name = ident(&op.response_name);
    quote!(crate #(:: #segments)* :: #name)
}

/// The Rust type of a shape; `boxed` puts a named type (the recursion point) in a `Box`.
pub fn rust_type(model: &Model, shape: &Shape, boxed: bool) -> TokenStream {
    match &shape.ty {
        Ty::Bool => quote!(bool),
        Ty::Integer => quote!(i64),
        Ty::Number => quote!(crate::runtime::Number),
        Ty::String => match shape.format_type() {
            Some(name) => {
                let name = quote::format_ident!("{name}");
                quote!(crate::runtime::formats::#name)
            }
            None => quote!(::std::string::String),
        },
        Ty::Null => quote!(()),
        Ty::Never => quote!(crate::runtime::Never),
        Ty::DateTime => quote!(::chrono::DateTime<::chrono::FixedOffset>),
        Ty::Any => quote!(::serde_json::Value),
        Ty::Binary => quote!(crate::runtime::Binary),
        Ty::External { path, .. } => external_type(path),
        Ty::Crate(format) => external_type(format.path()),
        Ty::Named(id) if boxed => {
            let path = type_path(model, *id);
            quote!(::std::boxed::Box<#path>)
        }
        Ty::Named(id) => type_path(model, *id),
        Ty::Array(item) => {
            let item = rust_type(model, item, false);
            quote!(::std::vec::Vec<#item>)
        }
        Ty::Map(value) => {
            let value = rust_type(model, value, false);
            quote!(::std::collections::BTreeMap<::std::string::String, #value>)
        }
        Ty::Nullable(inner) => {
            let inner = rust_type(model, inner, boxed);
            quote!(::core::option::Option<#inner>)
        }
        Ty::Expandable { object, .. } => {
            let path = type_path(model, *object);
            quote!(crate::runtime::Expandable<#path>)
        }
    }
}

/// True when the shape holds values read through a wire form: integers leniently (`1.0`
/// is the integer 1), date-times strictly (as the `date-time` format reads them).
pub fn lenient(shape: &Shape) -> bool {
    match &shape.ty {
        Ty::Integer | Ty::DateTime => true,
        Ty::Array(inner) | Ty::Map(inner) | Ty::Nullable(inner) => lenient(inner),
        _ => false,
    }
}

/// True when a field of the shape is read inline in its object's visitor: a scalar, a
/// string or a string enum takes fewer instructions to read than a call. Other values
/// are read by one function per type that serves every object (inlined, they made each
/// visitor large).
pub fn read_inline(model: &Model, shape: &Shape) -> bool {
    match &shape.ty {
        Ty::Bool | Ty::Integer | Ty::Number | Ty::String | Ty::Null | Ty::DateTime => true,
        Ty::Named(id) => matches!(model.ty(*id).kind, TypeKind::Enum(_)),
        Ty::Nullable(inner) => read_inline(model, inner),
        _ => false,
    }
}

/// The `deserialize_with` of a shape read through a wire form.
pub fn lenient_attr(shape: &Shape) -> Option<TokenStream> {
    lenient(shape).then(|| quote!(#[serde(deserialize_with = "crate::runtime::lenient")]))
}
