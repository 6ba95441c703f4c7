//! Builders: `Type::builder()`, a setter per field taking `impl Into<T>`, and `build()`,
//! which names every required field not set and validates the value.
//!
//! Checked at `build()` rather than in the type system: a typestate builder (one type
//! parameter per required field, as `bon` has) built as fast on Stripe's spec (README,
//! Figures), but its type changes with every required field set, so code cannot set
//! fields conditionally or hand the builder around, and its errors name type parameters;
//! `build()` returns a `Result` either way, since it validates.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{code_span, doc_attrs};
use super::rust::{ident, rust_type, type_path};
use crate::model::{Additional, Model, TypeId, TypeKind};
use crate::naming::Scope;

/// The builder of struct `id` named `name`, and the type's `builder()`.
pub fn builder_item(model: &Model, id: TypeId, name: &str) -> TokenStream {
    let t = model.ty(id);
    let TypeKind::Struct(s) = &t.kind else { unreachable!("builders are for structs") };
    let target = type_path(model, id);
    let builder = ident(name);
    let type_name = &t.name;
    // Setter names: the fields' (a field named `build` gets `build2`), then
    // `<field>_null` for nullable ones and the unlisted properties' setter.
    let mut names = Scope::with_reserved(&["build"]);
    let setter_names: Vec<String> =
        s.fields.iter().map(|f| names.claim(f.rust_name.clone())).collect();
    let mut slots = Vec::new();
    let mut setters = Vec::new();
    for (f, setter) in s.fields.iter().zip(&setter_names) {
        let field = ident(&f.rust_name);
        let setter = ident(setter);
        let (nullable, inner) = f.shape.non_null();
        let value_ty = rust_type(model, inner, f.boxed);
        // The slot holds what the struct's field holds (`Option`s of optional fields
        // included), absent until set.
        let field_ty = rust_type(model, &f.shape, f.boxed);
        slots.push(quote!(#field: ::core::option::Option<#field_ty>,));
        // A property that must be absent has nothing to set.
        if f.shape.ty == crate::model::Ty::Never {
            continue;
        }
        let set = if nullable {
            quote!(::core::option::Option::Some(::core::option::Option::Some(value.into())))
        } else {
            quote!(::core::option::Option::Some(value.into()))
        };
        let what = if f.required { "required" } else { "optional" };
        let head = format!(" Sets {} ({what}).", code_span(&f.json_name));
        let doc = f.doc.as_deref().map(|d| {
            let body = doc_attrs(Some(d), "");
            quote!(#[doc = ""] #body)
        });
        // A field whose one value is `null` is set without one.
        let unit = inner.ty == crate::model::Ty::Null && !nullable;
        setters.push(if unit {
            quote! {
                #[doc = #head]
                #doc
                pub fn #setter(mut self) -> Self {
                    self.#field = ::core::option::Option::Some(());
                    self
                }
            }
        } else {
            quote! {
                #[doc = #head]
                #doc
                pub fn #setter(mut self, value: impl ::core::convert::Into<#value_ty>) -> Self {
                    self.#field = #set;
                    self
                }
            }
        });
        if nullable {
            let null =
                ident(&names.claim(format!("{}_null", f.rust_name.trim_start_matches("r#"))));
            let doc = format!(" Sets {} to `null`.", code_span(&f.json_name));
            setters.push(quote! {
                #[doc = #doc]
                pub fn #null(mut self) -> Self {
                    self.#field = ::core::option::Option::Some(::core::option::Option::None);
                    self
                }
            });
        }
    }
    let extra = match &s.additional {
        Additional::Deny => None,
        Additional::Keep(shape) => {
            let extra = ident(&s.extra_name);
            let setter = ident(&names.claim(s.extra_name.clone()));
            let ty = rust_type(model, shape, false);
            slots.push(quote!(#extra: crate::runtime::Extra<#ty>,));
            setters.push(quote! {
                /// Adds a property the schema does not list.
                pub fn #setter(
                    mut self,
                    key: impl ::core::convert::Into<::std::string::String>,
                    value: impl ::core::convert::Into<#ty>,
                ) -> Self {
                    self.#extra.insert(key.into(), value.into());
                    self
                }
            });
            Some(extra)
        }
    };
    let required: Vec<_> = s.fields.iter().filter(|f| f.required).collect();
    let checks = required.iter().map(|f| {
        let field = ident(&f.rust_name);
        let json = &f.json_name;
        quote!(if self.#field.is_none() { missing.push(#json); })
    });
    let bound: Vec<_> = required.iter().map(|f| ident(&f.rust_name)).collect();
    let take = match bound.as_slice() {
        [] => quote!(),
        [one] => quote! {
            let mut missing = ::std::vec::Vec::new();
            #(#checks)*
            let ::core::option::Option::Some(#one) = self.#one else {
                return ::core::result::Result::Err(crate::runtime::BuilderError::Missing { ty: #type_name, fields: missing });
            };
        },
        many => quote! {
            let mut missing = ::std::vec::Vec::new();
            #(#checks)*
            let (#(::core::option::Option::Some(#many)),*) = (#(self.#many),*) else {
                return ::core::result::Result::Err(crate::runtime::BuilderError::Missing { ty: #type_name, fields: missing });
            };
        },
    };
    let members = s.fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        if f.required {
            quote!(#field,)
        } else {
            quote!(#field: self.#field,)
        }
    });
    let extra_member = extra.map(|e| quote!(#e: self.#e,));
    let builder_doc = format!(
        " Builds a [`{type_name}`](struct@{type_name}): set each required field and any optional ones, then `build()`."
    );
    let fn_doc = format!(" A builder of `{type_name}`, every field unset.");
    quote! {
        impl #target {
            #[doc = #fn_doc]
            pub fn builder() -> #builder {
                ::core::default::Default::default()
            }
        }

        #[doc = #builder_doc]
        #[derive(Debug, Default)]
        #[must_use]
        pub struct #builder {
            #(#slots)*
        }

        // Setters are named after fields, which may be called `add` or `next`.
        #[allow(clippy::should_implement_trait)]
        impl #builder {
            #(#setters)*

            /// The value: an error naming every required field not set, or every
            /// violation of its schema.
            pub fn build(self) -> ::core::result::Result<#target, crate::runtime::BuilderError> {
                #take
                let value = #target { #(#members)* #extra_member };
                crate::runtime::Validate::validate(&value)
                    .map_err(|errors| crate::runtime::BuilderError::Invalid { ty: #type_name, errors })?;
                ::core::result::Result::Ok(value)
            }
        }
    }
}
