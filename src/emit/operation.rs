//! OpenAPI operations: `to_request` and `from_request` on the request struct (the body's
//! media types are `body.rs`'s), then the enum of responses (`response.rs`). All use the
//! `http` crate's types through the runtime.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::code_span;
use super::rust::{ident, type_path};
use crate::model::{Model, Operation, Place, Style, TypeKind};

/// The items an operation adds beside its request struct.
pub fn operation_items(model: &Model, op: &Operation) -> TokenStream {
    let request = to_request(model, op);
    let responses = super::response::responses(model, op);
    quote!(#request #responses)
}

fn to_request(model: &Model, op: &Operation) -> TokenStream {
    let path = type_path(model, op.request);
    let TypeKind::Struct(def) = &model.ty(op.request).kind else {
        unreachable!("an operation's request is a struct")
    };
    let field = |name: &str| {
        def.fields.iter().find(|f| f.json_name == name).expect("each parameter has its field")
    };
    let method = &op.method;
    let template = &op.path;
    let mut steps = Vec::new();
    for param in &op.params {
        let f = field(&param.name);
        let name = &param.name;
        let (method, explode) = param_method(param);
        let write = quote!(request.#method(#name, value #explode)?;);
        steps.push(present(&ident(&f.rust_name), f.required, write));
    }
    if let Some(body) = &op.body {
        let f = field(&body.field);
        let write = super::body::write(model, body, &f.shape);
        steps.push(present(&ident(&f.rust_name), f.required, write));
    }
    let reads = def.fields.iter().map(|f| {
        let name = &f.json_name;
        let read = match (op.params.iter().find(|p| p.name == *name), &op.body) {
            (Some(param), _) => match (param.place, param.style) {
                // An exploded object's members are query keys of their own: those no
                // other parameter claims.
                (Place::Query, Style::Form { explode: true })
                    if model.json_kinds(&f.shape) & schemagen_runtime::kinds::OBJECT != 0
                        && model.json_kinds(&f.shape) & schemagen_runtime::kinds::ARRAY == 0 =>
                {
                    let others = op
                        .params
                        .iter()
                        .filter(|p| p.place == Place::Query && p.name != *name)
                        .map(|p| &p.name);
                    quote!(incoming.exploded_object(#name, &[#(#others),*])?)
                }
                _ => {
                    let (method, explode) = param_method(param);
                    quote!(incoming.#method(#name #explode)?)
                }
            },
            (None, Some(body)) if body.field == *name => {
                super::body::read(model, op, body, &f.shape, f.required)
            }
            _ => unreachable!("a request struct holds its parameters and body only"),
        };
        let field = ident(&f.rust_name);
        quote!(#field: #read,)
    });
    let incoming = (!def.fields.is_empty()).then(|| quote!(let incoming =));
    let mutable = (!steps.is_empty()).then(|| quote!(mut));
    let doc = format!(
        " The request to send, after `validate()` (an invalid request is an error, never sent): `base_url` (its trailing `/` dropped) then {}.",
        code_span(template)
    );
    quote! {
        impl #path {
            /// The HTTP method.
            pub const METHOD: &'static str = #method;
            /// The path template.
            pub const PATH: &'static str = #template;

            #[doc = #doc]
            pub fn to_request(&self, base_url: &str) -> ::core::result::Result<crate::runtime::http::Request<::std::vec::Vec<u8>>, crate::runtime::BuildError> {
                crate::runtime::Validate::validate(self).map_err(crate::runtime::BuildError::Invalid)?;
                let #mutable request = crate::runtime::RequestBuilder::new(Self::METHOD, Self::PATH);
                #(#steps)*
                request.build(base_url)
            }

            /// Reads `request` as this operation's, as a server (or a test double) receives
            /// it: the method, the path matched against [`Self::PATH`] (at its end, so a
            /// prefix is allowed), each parameter decoded as its style says, the body as its
            /// media type; then `validate()`.
            pub fn from_request<B: ::core::convert::AsRef<[u8]>>(request: &crate::runtime::http::Request<B>) -> ::core::result::Result<Self, crate::runtime::IncomingError> {
                #incoming crate::runtime::Incoming::of(request, Self::METHOD, Self::PATH)?;
                let value = Self { #(#reads)* };
                crate::runtime::Validate::validate(&value).map_err(crate::runtime::IncomingError::Invalid)?;
                ::core::result::Result::Ok(value)
            }
        }
    }
}

/// The method that writes a parameter (`RequestBuilder`) and reads it (`Incoming`), one
/// name for both, and its `explode` argument for a query `form` parameter.
fn param_method(param: &crate::model::Param) -> (proc_macro2::Ident, Option<TokenStream>) {
    let (name, explode) = match (param.place, param.style) {
        (Place::Path, _) => ("path", None),
        (Place::Header, _) => ("header", None),
        (Place::Query, Style::DeepObject) => ("deep_query", None),
        (Place::Query, Style::Form { explode }) => ("query", Some(explode)),
        (Place::Query, Style::Simple) => ("query", Some(false)),
    };
    (ident(name), explode.map(|explode: bool| quote!(, #explode)))
}

/// `write` with `value` bound to the field, when it is present.
fn present(field: &proc_macro2::Ident, required: bool, write: TokenStream) -> TokenStream {
    if required {
        quote!({ let value = &self.#field; #write })
    } else {
        quote!(if let ::core::option::Option::Some(value) = &self.#field { #write })
    }
}
