//! Request bodies by media type: how `to_request` writes the body field and how
//! `from_request` reads it, for one media type or a union of several.

use proc_macro2::TokenStream;
use quote::quote;

use super::rust::{ident, type_path};
use crate::model::{Body, BodyMedia, Encoding, Model, Operation, Place, Shape, Ty, TypeKind};

/// Writes the body, bound to `value` (a `&T` of the field's type), into `request`.
pub fn write(model: &Model, body: &Body, shape: &Shape) -> TokenStream {
    let [only] = body.media.as_slice() else {
        let union = union_path(model, shape);
        let arms = body.media.iter().map(|m| {
            let variant = ident(m.variant.as_deref().expect("a media type of several"));
            let write = write_one(model, m, &variant_shape(model, shape, m));
            quote!(#union::#variant(value) => { #write })
        });
        return quote!(match value { #(#arms)* });
    };
    write_one(model, only, shape)
}

fn write_one(model: &Model, m: &BodyMedia, shape: &Shape) -> TokenStream {
    let media = &m.media;
    match m.encoding {
        Encoding::Json => quote!(request.json(#media, value)?;),
        Encoding::Form => quote!(request.form(#media, value)?;),
        Encoding::Text => quote!(request.text(#media, value);),
        Encoding::Bytes => quote!(request.bytes(#media, value);),
        Encoding::Multipart => {
            let parts = parts(model, shape);
            quote! {
                let mut parts = crate::runtime::Parts::default();
                #parts
                request.multipart(#media, &parts);
            }
        }
    }
}

/// The parts of a multipart body bound to `value`: a file part per [`Ty::Binary`] field,
/// text parts for the others (nested as `deepObject` names them).
fn parts(model: &Model, shape: &Shape) -> TokenStream {
    let def = match &shape.ty {
        Ty::Named(id) => match &model.ty(*id).kind {
            TypeKind::Struct(def) => def,
            _ => return quote!(parts.fields("", value)?;),
        },
        _ => return quote!(parts.fields("", value)?;),
    };
    let fields = def.fields.iter().map(|f| {
        let name = &f.json_name;
        let field = ident(&f.rust_name);
        match (&f.shape.ty, f.required) {
            (Ty::Binary, true) => quote!(parts.file(#name, &value.#field);),
            (Ty::Binary, false) => {
                quote!(if let ::core::option::Option::Some(file) = &value.#field { parts.file(#name, file); })
            }
            (Ty::Array(item), required) if item.ty == Ty::Binary => {
                let files = if required { quote!(&value.#field) } else { quote!(value.#field.iter().flatten()) };
                quote!(for file in #files { parts.file(#name, file); })
            }
            _ => quote!(parts.fields(#name, &value.#field)?;),
        }
    });
    let extra = matches!(def.additional, crate::model::Additional::Keep(_)).then(|| {
        let extra = ident(&def.extra_name);
        quote!(parts.fields("", &value.#extra)?;)
    });
    quote!(#(#fields)* #extra)
}

/// Reads the body field; an absent body is `None` for an optional field and an error
/// for a required one.
pub fn read(
    model: &Model,
    op: &Operation,
    body: &Body,
    shape: &Shape,
    required: bool,
) -> TokenStream {
    let name = &body.field;
    let [only] = body.media.as_slice() else {
        let union = union_path(model, shape);
        let listed = body.media.iter().map(|m| &m.media);
        let arms = body.media.iter().enumerate().map(|(i, m)| {
            let variant = ident(m.variant.as_deref().expect("a media type of several"));
            let read = read_one(op, name, m);
            quote!(::core::option::Option::Some(#i) => ::core::option::Option::Some(#union::#variant(#read)),)
        });
        let read = quote!(match incoming.media_of(#name, &[#(#listed),*])? {
            #(#arms)*
            _ => ::core::option::Option::None,
        });
        return match required {
            true => quote!(#read.ok_or_else(|| incoming.missing(#name))?),
            false => read,
        };
    };
    read_one(op, name, only)
}

fn read_one(op: &Operation, name: &str, m: &BodyMedia) -> TokenStream {
    let media = &m.media;
    match m.encoding {
        Encoding::Json => quote!(incoming.json(#name, #media)?),
        Encoding::Text => quote!(incoming.text(#name, #media)?),
        Encoding::Multipart => quote!(incoming.multipart(#name, #media)?),
        Encoding::Bytes => quote!(incoming.bytes(#name)?),
        Encoding::Form => {
            let query = op.params.iter().filter(|p| p.place == Place::Query).map(|p| &p.name);
            quote!(incoming.form(#name, #media, &[#(#query),*])?)
        }
    }
}

/// The path of the body's union of media types.
fn union_path(model: &Model, shape: &Shape) -> TokenStream {
    match &shape.ty {
        Ty::Named(id) => type_path(model, *id),
        _ => unreachable!("a body of several media types is a union"),
    }
}

/// The shape of `m`'s variant in the body's union.
fn variant_shape(model: &Model, shape: &Shape, m: &BodyMedia) -> Shape {
    let Ty::Named(id) = &shape.ty else { unreachable!("a body of several media types is a union") };
    match &model.ty(*id).kind {
        TypeKind::Union(u) => u
            .variants
            .iter()
            .find(|v| Some(&v.name) == m.variant.as_ref())
            .map(|v| v.shape.clone())
            .expect("each media type has its variant"),
        _ => unreachable!("a body of several media types is a union"),
    }
}
