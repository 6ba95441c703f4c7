//! serde types: one struct or enum per named type of the model.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs::{code_span, doc_attrs};
use super::rust::{ident, lenient, lenient_attr, rust_type, type_path};
use crate::model::{Additional, EnumDef, Field, Model, StructDef, TypeDef, TypeId, TypeKind};

/// The item of one named type; `expansion_target` adds `HasId` for expandable fields.
pub fn type_item(model: &Model, id: TypeId, expansion_target: bool) -> TokenStream {
    let t = model.ty(id);
    match &t.kind {
        TypeKind::Struct(s) => struct_item(model, id, s, expansion_target),
        TypeKind::Enum(e) => enum_item(t, e),
        TypeKind::Union(u) => super::union::union_item(model, id, u),
        TypeKind::Newtype(n) => {
            let name = ident(&t.name);
            let doc = doc_attrs(t.doc.as_deref(), &format!("`{}` from the schema.", t.name));
            let ty = rust_type(model, &n.shape, n.boxed);
            let with = lenient_attr(&n.shape);
            quote! {
                #doc
                #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
                #[serde(transparent)]
                pub struct #name(#with pub #ty);
            }
        }
    }
}

fn struct_item(model: &Model, id: TypeId, s: &StructDef, expansion_target: bool) -> TokenStream {
    let t = model.ty(id);
    let name = ident(&t.name);
    let doc = doc_attrs(t.doc.as_deref(), &format!("`{}` from the schema.", t.name));
    let fields = s.fields.iter().map(|f| field_item(model, f));
    let extra = match &s.additional {
        Additional::Deny => quote!(),
        Additional::Keep(shape) => {
            let ty = rust_type(model, shape, false);
            let extra = ident(&s.extra_name);
            let pattern = t.checks.iter().find_map(|c| match c {
                crate::model::Check::KeysMatch(p) => Some(p),
                _ => None,
            });
            let doc = match pattern {
                Some(p) => format!(
                    " The other properties (`patternProperties`): each name matches {}.",
                    super::docs::code_span(&serde_json::Value::from(p.as_str()).to_string())
                ),
                None => {
                    " Properties the schema does not list, kept so that nothing is lost.".to_owned()
                }
            };
            quote! {
                #[doc = #doc]
                #[serde(flatten)]
                pub #extra: crate::runtime::Extra<#ty>,
            }
        }
    };
    let has_id = (s.has_id && expansion_target).then(|| {
        let id_field = s.fields.iter().find(|f| f.json_name == "id").map(|f| ident(&f.rust_name));
        quote! {
            impl crate::runtime::HasId for #name {
                fn id(&self) -> &str {
                    &self.#id_field
                }
            }
        }
    });
    let deserialize = struct_deserialize(model, id, s);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize)]
        pub struct #name {
            #(#fields)*
            #extra
        }

        #deserialize
        #has_id
    }
}

/// A direct `Deserialize` impl (through the runtime's `object!`): one pass over the
/// object's entries, unknown properties rejected or kept without buffering the object
/// (as `#[serde(flatten)]` would).
fn struct_deserialize(model: &Model, id: TypeId, s: &StructDef) -> TokenStream {
    let t = model.ty(id);
    let path = type_path(model, id);
    let entries = s.fields.iter().enumerate().map(|(i, f)| {
        let index = proc_macro2::Literal::usize_unsuffixed(i);
        let json = &f.json_name;
        let name = ident(&f.rust_name);
        let read = if lenient(&f.shape) { quote!(lenient_field) } else { quote!(field) };
        let presence = if f.required { quote!(required) } else { quote!(optional) };
        quote!(#index: #json => #name, #read, #presence;)
    });
    let mode = match &s.additional {
        Additional::Deny => quote!(deny),
        Additional::Keep(shape) => {
            let extra = ident(&s.extra_name);
            let read = if lenient(shape) { quote!(lenient_value) } else { quote!(next_value) };
            quote!(keep(#extra, #read))
        }
    };
    let expecting = format!("a `{}` object", t.name);
    quote! {
        crate::runtime::object!(#path, #expecting, { #(#entries)* } #mode);
    }
}

fn field_item(model: &Model, f: &Field) -> TokenStream {
    let name = ident(&f.rust_name);
    let doc = doc_attrs(f.doc.as_deref(), &format!("The {} property.", code_span(&f.json_name)));
    let inner = rust_type(model, &f.shape, f.boxed);
    let json = &f.json_name;
    let rename =
        (f.rust_name.trim_start_matches("r#") != json).then(|| quote!(#[serde(rename = #json)]));
    let (ty, attrs) = if f.required {
        (inner, quote!())
    } else {
        (
            quote!(::core::option::Option<#inner>),
            quote!(#[serde(skip_serializing_if = "::core::option::Option::is_none")]),
        )
    };
    quote! {
        #doc
        #rename
        #attrs
        pub #name: #ty,
    }
}

fn enum_item(t: &TypeDef, e: &EnumDef) -> TokenStream {
    let name = ident(&t.name);
    let doc = doc_attrs(t.doc.as_deref(), &format!("`{}` from the schema.", t.name));
    let variants: Vec<Ident> = e.variants.iter().map(|v| ident(&v.rust)).collect();
    let values: Vec<&str> = e.variants.iter().map(|v| v.json.as_str()).collect();
    // The JSON literal: shows the empty string and escapes control characters.
    let variant_docs =
        values.iter().map(|v| format!(" {}", code_span(&serde_json::Value::from(*v).to_string())));
    let (unknown_variant, unknown, derives) = if e.open {
        (
            quote! {
                /// A value the schema does not list, kept as sent; `validate` reports it.
                Unknown(::std::string::String),
            },
            quote!(Unknown),
            quote!(#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]),
        )
    } else {
        (
            quote!(),
            quote!(),
            quote!(#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]),
        )
    };
    quote! {
        #doc
        #derives
        pub enum #name {
            #( #[doc = #variant_docs] #variants, )*
            #unknown_variant
        }

        crate::runtime::string_enum!(#name { #(#variants = #values,)* } #unknown);
    }
}
