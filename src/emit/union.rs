//! Unions, one reading per representation: by JSON type (serde's untagged reading, at
//! most one branch can read a value), by tag (the tag read first, then only its branch),
//! and first-valid (the first branch that reads and validates the value).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs::{code_span, doc_attrs};
use super::rust::{ident, lenient, lenient_attr, rust_type, type_path};
use crate::model::{Admits, JsonKind, Model, Ty, TypeId, UnionDef, UnionRepr, UnionVariant};

/// The enum of a union and, unless serde's untagged reading is exact, its `Deserialize`.
pub fn union_item(model: &Model, id: TypeId, u: &UnionDef) -> TokenStream {
    let t = model.ty(id);
    let variants = &u.variants;
    let name = ident(&t.name);
    let doc = doc_attrs(t.doc.as_deref(), &format!("`{}`: one of several JSON types.", t.name));
    let deserialize = match &u.repr {
        UnionRepr::ByJsonType => None,
        UnionRepr::ByTag { property } => Some(by_tag(model, id, property, variants)),
        UnionRepr::FirstValid { memo, .. } => Some(first_valid(model, id, variants, *memo)),
    };
    let derives = if deserialize.is_some() {
        quote!(::serde::Serialize)
    } else {
        quote!(::serde::Serialize, ::serde::Deserialize)
    };
    let variants = variants.iter().map(|v| {
        let variant = ident(&v.name);
        let ty = rust_type(model, &v.shape, v.boxed);
        let doc = match &v.tag {
            Some((property, value)) => format!(
                " {} is {}.",
                code_span(property),
                code_span(&serde_json::Value::from(value.as_str()).to_string())
            ),
            None => format!(" A `{}` value.", v.name),
        };
        let with = lenient_attr(&v.shape).or_else(|| json_type_attr(u, v));
        quote!(#[doc = #doc] #variant(#with #ty),)
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #derives)]
        #[serde(untagged)]
        pub enum #name {
            #(#variants)*
        }

        #deserialize
    }
}

/// For a union whose variants are all told apart by one tag property: a `Deserialize`
/// impl that reads the tag and deserializes only the variant it names.
fn by_tag(model: &Model, id: TypeId, property: &str, variants: &[UnionVariant]) -> TokenStream {
    let path = type_path(model, id);
    // Lowering gives every variant of a union by tag its value.
    let values = variants.iter().filter_map(|v| v.tag.as_ref()).map(|(_, value)| value.as_str());
    let names = variants.iter().map(|v| ident(&v.name));
    quote!(crate::runtime::tagged!(#path, #property, { #(#values => #path::#names,)* });)
}

/// For `anyOf`/`oneOf` of overlapping branches: the branch table and a `Deserialize`
/// impl that takes the first branch the value deserializes into and validates against
/// (else the first it deserializes into, so that `validate` reports why).
fn first_valid(model: &Model, id: TypeId, variants: &[UnionVariant], memo: bool) -> TokenStream {
    let path = type_path(model, id);
    let first_valid = if memo { quote!(first_valid_memo) } else { quote!(first_valid) };
    let names: Vec<Ident> = variants.iter().map(|v| ident(&v.name)).collect();
    let labels = variants.iter().map(|v| v.name.as_str());
    let kinds = variants.iter().map(|v| model.json_kinds(&v.shape));
    let parsers = variants.iter().zip(&names).map(|(v, name)| {
        if lenient(&v.shape) {
            quote!(|value| crate::runtime::lenient(value).map(Self::#name))
        } else {
            quote!(|value| ::serde::Deserialize::deserialize(value).map(Self::#name))
        }
    });
    quote! {
        impl #path {
            /// The branches in schema order: name, the JSON kinds each reads, its reader.
            const BRANCHES: &'static [crate::runtime::Branch<Self>] = &[#( (#labels, #kinds, #parsers), )*];
        }

        impl<'de> ::serde::Deserialize<'de> for #path {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                crate::runtime::#first_valid(value, Self::BRANCHES)
            }
        }
    }
}

/// A branch kept as JSON in a union told apart by JSON type would accept every value,
/// leaving the branches after it dead: it reads only values of its own type.
fn json_type_attr(u: &UnionDef, v: &UnionVariant) -> Option<TokenStream> {
    let admits = v.admits.filter(|_| !u.first_valid() && v.shape.ty == Ty::Any)?;
    // The runtime's readers, one per JSON type and one per complement.
    let path = match admits {
        Admits::Only(JsonKind::Object) => "crate::runtime::json_object",
        Admits::Only(JsonKind::Array) => "crate::runtime::json_array",
        Admits::Only(JsonKind::String) => "crate::runtime::json_string",
        Admits::Only(JsonKind::Boolean) => "crate::runtime::json_boolean",
        Admits::Only(JsonKind::Number) => "crate::runtime::json_number",
        Admits::Only(JsonKind::Integer) => "crate::runtime::json_integer",
        // A union's `null` branch makes it nullable instead.
        Admits::Only(JsonKind::Null) => return None,
        Admits::AllBut(JsonKind::Object) => "crate::runtime::json_not_object",
        Admits::AllBut(JsonKind::String) => "crate::runtime::json_not_string",
        Admits::AllBut(JsonKind::Array) => "crate::runtime::json_not_array",
        Admits::AllBut(_) => "crate::runtime::json_not_number",
    };
    Some(quote!(#[serde(deserialize_with = #path)]))
}
