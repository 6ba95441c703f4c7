//! `TryFrom` impls generated from the mapping files.

use proc_macro2::TokenStream;
use quote::quote;

use super::rust::{ident, type_path};
use crate::model::Literal;
use crate::model::{Additional, Conversion, FieldMapping, Mapping, Model, SourceValue, TypeKind};

/// The items of the `mappings` module.
pub fn mapping_items(model: &Model, mapping: &Mapping) -> TokenStream {
    let source = type_path(model, mapping.source);
    let target = type_path(model, mapping.target);
    let TypeKind::Struct(target_def) = &model.ty(mapping.target).kind else {
        unreachable!("mappings target structs")
    };
    // Every target field: mapped ones from their source, the others (optional) empty.
    let fields = target_def.fields.iter().map(|t| {
        let name = ident(&t.rust_name);
        match mapping.fields.iter().find(|f| f.target_rust == t.rust_name) {
            Some(f) => {
                let value = field_value(model, f);
                quote!(#name: #value,)
            }
            None => quote!(#name: ::core::option::Option::None,),
        }
    });
    let extra = match target_def.additional {
        Additional::Keep(_) => {
            let extra = ident(&target_def.extra_name);
            Some(quote!(#extra: ::core::default::Default::default(),))
        }
        Additional::Deny => None,
    };
    let doc = format!(
        " Generated from {}: {} to {}.",
        super::docs::code_span(&mapping.file),
        model.ty(mapping.source).name,
        model.ty(mapping.target).name
    );
    quote! {
        #[doc = #doc]
        impl ::core::convert::TryFrom<&#source> for #target {
            type Error = crate::runtime::MappingError;

            fn try_from(source: &#source) -> ::core::result::Result<Self, Self::Error> {
                ::core::result::Result::Ok(Self { #(#fields)* #extra })
            }
        }

        #[doc = #doc]
        impl ::core::convert::TryFrom<#source> for #target {
            type Error = crate::runtime::MappingError;

            fn try_from(source: #source) -> ::core::result::Result<Self, Self::Error> {
                Self::try_from(&source)
            }
        }
    }
}

/// A source value: a place (`source.a.b`) or a reference bound by a match.
enum Val {
    Place(TokenStream),
    Ref(TokenStream),
}

impl Val {
    /// The value itself, for `Copy` types.
    fn copied(&self) -> TokenStream {
        match self {
            Val::Place(p) => p.clone(),
            Val::Ref(r) => quote!(*#r),
        }
    }

    /// An expression usable as a method receiver or a reference.
    fn receiver(&self) -> TokenStream {
        match self {
            Val::Place(p) | Val::Ref(p) => p.clone(),
        }
    }

    fn reference(&self) -> TokenStream {
        match self {
            Val::Place(p) => quote!(&#p),
            Val::Ref(r) => r.clone(),
        }
    }
}

fn field_value(model: &Model, f: &FieldMapping) -> TokenStream {
    let path = f.source_rust.iter().map(|s| ident(s));
    let place = quote!(source #(. #path)*);
    let present = match f.source {
        SourceValue::Plain => {
            let value = convert(model, f, &Val::Place(place));
            return if f.target_optional {
                quote!(::core::option::Option::Some(#value))
            } else {
                value
            };
        }
        SourceValue::Option => quote!(#place.as_ref()),
        SourceValue::OptionOption => {
            quote!(#place.as_ref().and_then(::core::option::Option::as_ref))
        }
    };
    let converted = convert(model, f, &Val::Ref(quote!(value)));
    match (&f.if_null, f.target_optional) {
        (Some(default), _) => {
            let default = literal(default);
            quote! {
                match #present {
                    ::core::option::Option::Some(value) => #converted,
                    ::core::option::Option::None => #default,
                }
            }
        }
        (None, _) => match f.conversion {
            Conversion::Copy => quote!(#present.copied()),
            Conversion::Clone => quote!(#present.cloned()),
            _ => quote! {
                match #present {
                    ::core::option::Option::Some(value) => ::core::option::Option::Some(#converted),
                    ::core::option::Option::None => ::core::option::Option::None,
                }
            },
        },
    }
}

fn convert(model: &Model, f: &FieldMapping, v: &Val) -> TokenStream {
    let (target, source) = (&f.target_json, &f.source_json);
    match &f.conversion {
        Conversion::Copy => v.copied(),
        Conversion::Clone => {
            let r = v.receiver();
            quote!(#r.clone())
        }
        Conversion::EnumToString => {
            let r = v.receiver();
            quote!(#r.as_str().to_owned())
        }
        Conversion::ExpandableId => {
            let r = v.receiver();
            quote!(#r.id().to_owned())
        }
        Conversion::UnixTimeToDateTime | Conversion::UnixTimeToText => {
            let seconds = v.copied();
            let convert = if f.conversion == Conversion::UnixTimeToText {
                quote!(unix_time_to_text)
            } else {
                quote!(unix_time_to_date_time)
            };
            quote! {
                crate::runtime::#convert(#seconds).map_err(|reason| crate::runtime::MappingError {
                    target: #target,
                    source: #source,
                    reason,
                })?
            }
        }
        Conversion::Nested(id) => {
            let path = type_path(model, *id);
            let r = v.reference();
            quote!(<#path as ::core::convert::TryFrom<_>>::try_from(#r)?)
        }
    }
}

fn literal(l: &Literal) -> TokenStream {
    match l {
        Literal::String(s) => quote!(::std::string::String::from(#s)),
        Literal::Bool(b) => quote!(#b),
        Literal::Integer(i) => quote!(#i),
    }
}
