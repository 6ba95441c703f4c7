//! serde types: one struct or enum per named type of the model.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs::{code_span, doc_attrs};
use super::rust::{ident, lenient, lenient_attr, read_inline, rust_type, type_path};
use crate::model::{
    Additional, EnumDef, Field, Model, StructDef, Traits, Ty, TypeDef, TypeId, TypeKind,
};

/// The item of one named type; `expansion_target` adds `HasId` for expandable fields;
/// `traits` are the comparison traits it can derive.
pub fn type_item(model: &Model, id: TypeId, expansion_target: bool, traits: Traits) -> TokenStream {
    let t = model.ty(id);
    match &t.kind {
        TypeKind::Struct(s) => struct_item(model, id, s, expansion_target, traits),
        TypeKind::Enum(e) => enum_item(model, id, t, e),
        TypeKind::Union(u) => {
            let derive = derive_attr(model, id, traits, &[quote!(::serde::Serialize)]);
            super::union::union_item(model, id, u, derive)
        }
        TypeKind::Newtype(n) => {
            let name = ident(&t.name);
            let doc = doc_attrs(t.doc.as_deref(), &format!("`{}` from the schema.", t.name));
            let ty = rust_type(model, &n.shape, n.boxed);
            let with = lenient_attr(&n.shape);
            let serde = [quote!(::serde::Serialize), quote!(::serde::Deserialize)];
            let derive = derive_attr(model, id, traits, &serde);
            quote! {
                #doc
                #derive
                #[serde(transparent)]
                pub struct #name(#with pub #ty);
            }
        }
    }
}

/// `#[derive(..)]` of a type of `module`: `Debug`, `Clone`, `PartialEq`, the comparison
/// traits it can have, `more`, then the module's own derives (less those already there).
pub(super) fn derive_attr(
    model: &Model,
    id: TypeId,
    traits: Traits,
    more: &[TokenStream],
) -> TokenStream {
    let mut std = vec!["Debug", "Clone", "PartialEq"];
    std.extend(traits.eq.then_some("Eq"));
    std.extend(traits.hash.then_some("Hash"));
    std.extend((traits.ord && traits.eq).then_some(["PartialOrd", "Ord"]).into_iter().flatten());
    let present: Vec<String> =
        std.iter().map(|s| s.to_string()).chain(more.iter().map(|t| t.to_string())).collect();
    let own = own_derives(model, id, &present);
    let std = std.iter().map(|s| {
        let s = quote::format_ident!("{s}");
        quote!(#s)
    });
    let all: Vec<TokenStream> = std.chain(more.iter().cloned()).chain(own).collect();
    quote!(#[derive(#(#all),*)])
}

/// The derives the configuration adds to the types of `id`'s module, less those of
/// `present` (a standard trait the type derives anyway, named with or without its path).
fn own_derives(model: &Model, id: TypeId, present: &[String]) -> Vec<TokenStream> {
    let mut out = Vec::new();
    for d in &model.modules[model.ty(id).module].derives {
        let Ok(path) = syn::parse_str::<syn::Path>(d) else { continue };
        let last = path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
        let first = path.segments.first().map(|s| s.ident.to_string()).unwrap_or_default();
        let std_path = path.segments.len() == 1 || first == "std" || first == "core";
        if !(std_path && present.contains(&last)) {
            out.push(quote!(#path));
        }
    }
    out
}

fn struct_item(
    model: &Model,
    id: TypeId,
    s: &StructDef,
    expansion_target: bool,
    traits: Traits,
) -> TokenStream {
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
    let defaults = default_accessors(model, id, s);
    // Every field optional: the empty value is one (unlisted properties none).
    let default = s.fields.iter().all(|f| !f.required).then(|| quote!(Default));
    let more: Vec<TokenStream> = default.into_iter().chain([quote!(::serde::Serialize)]).collect();
    let derive = derive_attr(model, id, traits, &more);
    quote! {
        #doc
        #derive
        pub struct #name {
            #(#fields)*
            #extra
        }

        #deserialize
        #defaults
        #has_id
    }
}

/// `<field>_or_default()` for each optional field whose schema gives a `default` of a
/// scalar or enum value that fits it: the value, or the default when absent (the field
/// itself stays absent, so the value is written back as it was read).
fn default_accessors(model: &Model, id: TypeId, s: &StructDef) -> Option<TokenStream> {
    let mut names = crate::naming::Scope::default();
    for f in &s.fields {
        names.claim(f.rust_name.trim_start_matches("r#").to_owned());
    }
    let accessors: Vec<TokenStream> = s
        .fields
        .iter()
        .filter_map(|f| {
            let default = f.default.as_ref()?;
            let field = ident(&f.rust_name);
            let (ty, body) = match (&f.shape.ty, default) {
                (Ty::String, serde_json::Value::String(text)) => {
                    (quote!(&str), quote!(self.#field.as_deref().unwrap_or(#text)))
                }
                (Ty::Bool, serde_json::Value::Bool(b)) => {
                    (quote!(bool), quote!(self.#field.unwrap_or(#b)))
                }
                (Ty::Integer, serde_json::Value::Number(n)) => {
                    let n = n.as_i64()?;
                    (quote!(i64), quote!(self.#field.unwrap_or(#n)))
                }
                (Ty::Number, serde_json::Value::Number(n)) => {
                    let value = match n.as_i64() {
                        Some(i) => quote!(crate::runtime::Number::from(#i)),
                        None => {
                            let f = n.as_f64()?;
                            quote!(crate::runtime::Number::from(#f))
                        }
                    };
                    let number = quote!(crate::runtime::Number);
                    (number, quote!(self.#field.clone().unwrap_or_else(|| #value)))
                }
                (Ty::Named(e), serde_json::Value::String(text)) => {
                    let TypeKind::Enum(def) = &model.ty(*e).kind else { return None };
                    let variant = ident(&def.variants.iter().find(|v| v.json == *text)?.rust);
                    let path = type_path(model, *e);
                    // Closed enums are `Copy`.
                    let value = match def.open {
                        true => quote!(self.#field.clone()),
                        false => quote!(self.#field),
                    };
                    (quote!(#path), quote!(#value.unwrap_or(#path::#variant)))
                }
                _ => return None,
            };
            let name =
                ident(&names.claim(format!("{}_or_default", f.rust_name.trim_start_matches("r#"))));
            let doc = format!(
                " {}, or its schema's `default` ({}) when absent.",
                code_span(&f.json_name),
                code_span(&default.to_string())
            );
            Some(quote! {
                #[doc = #doc]
                pub fn #name(&self) -> #ty {
                    #body
                }
            })
        })
        .collect();
    if accessors.is_empty() {
        return None;
    }
    let target = type_path(model, id);
    Some(quote!(impl #target { #(#accessors)* }))
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
        let read = match (lenient(&f.shape), read_inline(model, &f.shape)) {
            (true, true) => quote!(lenient_scalar),
            (true, false) => quote!(lenient_field),
            (false, true) => quote!(scalar),
            (false, false) => quote!(field),
        };
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

fn enum_item(model: &Model, id: TypeId, t: &TypeDef, e: &EnumDef) -> TokenStream {
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
            vec!["Debug", "Clone", "PartialEq", "Eq", "Hash", "PartialOrd", "Ord"],
        )
    } else {
        (
            quote!(),
            quote!(),
            vec!["Debug", "Clone", "Copy", "PartialEq", "Eq", "Hash", "PartialOrd", "Ord"],
        )
    };
    let own = own_derives(model, id, &derives.iter().map(|d| d.to_string()).collect::<Vec<_>>());
    let derives = derives.iter().map(|d| {
        let d = quote::format_ident!("{d}");
        quote!(#d)
    });
    let all: Vec<TokenStream> = derives.chain(own).collect();
    let derives = quote!(#[derive(#(#all),*)]);
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

/// `schemars::JsonSchema` of a type with a source schema, behind the crate's `schemars`
/// feature: the schema it was generated from, other types' schemas by reference.
pub fn json_schema_impl(model: &Model, id: TypeId) -> Option<TokenStream> {
    let source = model.json_schemas.get(&id)?;
    let path = type_path(model, id);
    let name = &model.ty(id).name;
    let full = model.rust_path(id).join("::");
    let text = &source.text;
    let refs = source.refs.iter().map(|(pointer, other)| {
        let other = type_path(model, *other);
        quote!((#pointer, generator.subschema_for::<#other>()))
    });
    let s = quote!(crate::runtime::__schemars);
    let generator = match source.refs.is_empty() {
        true => quote!(_generator),
        false => quote!(generator),
    };
    Some(quote! {
        #[cfg(feature = "schemars")]
        impl #s::JsonSchema for #path {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(#name)
            }

            fn schema_id() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(#full)
            }

            fn json_schema(#generator: &mut #s::SchemaGenerator) -> #s::Schema {
                crate::runtime::schema_with_refs(#text, ::std::vec![#(#refs),*])
            }
        }
    })
}
