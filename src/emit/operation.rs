//! OpenAPI operations: `to_request` on the request struct, and the enum of responses
//! with `from_response`. Both use the `http` crate's types through the runtime.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{code_span, doc_attrs};
use super::rust::{ident, rust_type, type_path};
use crate::model::{Encoding, Model, Operation, Place, Status, Style, TypeKind};

/// The items an operation adds beside its request struct.
pub fn operation_items(model: &Model, op: &Operation) -> TokenStream {
    let request = to_request(model, op);
    let responses = responses(model, op);
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
        let write = match (param.place, param.style) {
            (Place::Path, _) => quote!(request.path(#name, value)?;),
            (Place::Header, _) => quote!(request.header(#name, value)?;),
            (Place::Query, Style::DeepObject) => quote!(request.deep_query(#name, value)?;),
            (Place::Query, Style::Form { explode }) => {
                quote!(request.query(#name, value, #explode)?;)
            }
            (Place::Query, Style::Simple) => quote!(request.query(#name, value, false)?;),
        };
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
                (Place::Path, _) => quote!(incoming.path(#name)?),
                (Place::Header, _) => quote!(incoming.header(#name)?),
                (Place::Query, Style::DeepObject) => quote!(incoming.deep_query(#name)?),
                (Place::Query, Style::Form { explode }) => quote!(incoming.query(#name, #explode)?),
                (Place::Query, Style::Simple) => quote!(incoming.query(#name, false)?),
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

/// `write` with `value` bound to the field, when it is present.
fn present(field: &proc_macro2::Ident, required: bool, write: TokenStream) -> TokenStream {
    if required {
        quote!({ let value = &self.#field; #write })
    } else {
        quote!(if let ::core::option::Option::Some(value) = &self.#field { #write })
    }
}

fn responses(model: &Model, op: &Operation) -> TokenStream {
    let name = ident(&op.response_name);
    let request = &model.ty(op.request).name;
    let doc = doc_attrs(
        None,
        &format!("The responses of [`{request}`], by status: read one with `from_response`."),
    );
    let status_ty = quote!(crate::runtime::http::StatusCode);
    let variants = op.responses.iter().map(|r| {
        let variant = ident(&r.variant);
        let payload = r.content.as_ref().map(|(_, encoding, shape)| match encoding {
            // Named types are boxed: one large body does not make every response large.
            Encoding::Json => rust_type(model, shape, boxed(shape)),
            Encoding::Text => quote!(::std::string::String),
            // The lowering reads a form response as its bytes.
            Encoding::Form | Encoding::Multipart | Encoding::Bytes => quote!(::std::vec::Vec<u8>),
        });
        let fields = match (r.status, payload) {
            (Status::Code(_), None) => quote!(),
            (Status::Code(_), Some(p)) => quote!((#p)),
            (_, None) => quote!((#status_ty)),
            (_, Some(p)) => quote!((#status_ty, #p)),
        };
        let doc = doc_attrs(r.doc.as_deref(), &format!("Status {}.", status_text(r.status)));
        quote!(#doc #variant #fields,)
    });
    let writes = op.responses.iter().map(|r| {
        let variant = ident(&r.variant);
        let (bind, status) = match r.status {
            Status::Code(code) => (None, quote!(#code)),
            _ => (Some(quote!(status)), quote!(status.as_u16())),
        };
        let (body, write) = match &r.content {
            None => (None, quote!(crate::runtime::Reply::empty(#status))),
            Some((media, encoding, shape)) => {
                let write = match encoding {
                    Encoding::Json if boxed(shape) => {
                        quote!(crate::runtime::Reply::json(#status, #media, body))
                    }
                    Encoding::Json => {
                        quote!(crate::runtime::Reply::plain_json(#status, #media, body))
                    }
                    Encoding::Text => {
                        quote!(crate::runtime::Reply::bytes(#status, #media, body.as_bytes()))
                    }
                    Encoding::Form | Encoding::Multipart | Encoding::Bytes => {
                        quote!(crate::runtime::Reply::bytes(#status, #media, body))
                    }
                };
                (Some(quote!(body)), write)
            }
        };
        let fields = match (bind, body) {
            (None, None) => quote!(),
            (Some(a), None) | (None, Some(a)) => quote!((#a)),
            (Some(a), Some(b)) => quote!((#a, #b)),
        };
        quote!(Self::#variant #fields => #write,)
    });
    // An enum without variants is matched by value.
    let matched = if op.responses.is_empty() { quote!(*self) } else { quote!(self) };
    // One arm per status, in the order they are matched.
    let mut statuses: Vec<Status> = op.responses.iter().map(|r| r.status).collect();
    statuses.dedup();
    let arms = statuses.iter().map(|&status| {
        let mut listed: Vec<_> = op.responses.iter().filter(|r| r.status == status).collect();
        // A variant without a body takes what the others' media types do not.
        listed.sort_by_key(|r| r.content.is_none());
        let only = listed.len() == 1;
        let tail = status == Status::Default;
        let mut reads = Vec::new();
        let mut answered = false;
        for r in &listed {
            let variant = ident(&r.variant);
            let with_status = !matches!(status, Status::Code(_));
            let value = match (&r.content, with_status) {
                (None, true) => quote!(Self::#variant(received.status)),
                (None, false) => quote!(Self::#variant),
                (Some((_, encoding, shape)), _) => {
                    let read = match encoding {
                        Encoding::Json if boxed(shape) => {
                            quote!(::std::boxed::Box::new(received.json()?))
                        }
                        Encoding::Json => quote!(received.json()?),
                        Encoding::Text => quote!(received.text()?),
                        Encoding::Form | Encoding::Multipart | Encoding::Bytes => {
                            quote!(received.bytes())
                        }
                    };
                    match with_status {
                        true => quote!(Self::#variant(received.status, #read)),
                        false => quote!(Self::#variant(#read)),
                    }
                }
            };
            reads.push(match &r.content {
                Some((media, _, _)) => quote!(if received.is(#media, #only) { return Ok(#value); }),
                // Sorted last: it answers whatever the media types before it did not.
                None if tail => quote!(Ok(#value)),
                None => quote!(return Ok(#value);),
            });
            answered |= r.content.is_none();
        }
        if !answered {
            reads.push(match tail {
                true => quote!(Err(received.unexpected_content_type())),
                false => quote!(return Err(received.unexpected_content_type());),
            });
        }
        // `default` is matched last, and its reading ends the function.
        match status {
            Status::Code(code) => quote!(if code == #code { #(#reads)* }),
            Status::Range(class) => quote!(if code / 100 == #class { #(#reads)* }),
            Status::Default => quote!(#(#reads)*),
        }
    });
    // `default` answers every status the others do not.
    let unlisted =
        (!statuses.contains(&Status::Default)).then(|| quote!(Err(received.unexpected_status())));
    let code = statuses
        .iter()
        .any(|s| *s != Status::Default)
        .then(|| quote!(let code = received.status.as_u16();));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#variants)*
        }

        impl #name {
            /// The variant `response` is: its status as OpenAPI matches it (the code, then
            /// its range, then `default`), then its `content-type`; the body read as that
            /// variant's type. Anything else is an error that keeps the status and bytes.
            pub fn from_response<B: ::core::convert::AsRef<[u8]>>(response: &crate::runtime::http::Response<B>) -> ::core::result::Result<Self, crate::runtime::ResponseError> {
                let received = crate::runtime::Received::of(response);
                #code
                #(#arms)*
                #unlisted
            }

            /// The response to send for this variant (a server's or test double's side):
            /// its status, `content-type` and body; a named body is validated first.
            pub fn to_response(&self) -> ::core::result::Result<crate::runtime::http::Response<::std::vec::Vec<u8>>, crate::runtime::BuildError> {
                match #matched {
                    #(#writes)*
                }
            }
        }
    }
}

/// Whether a response body of this shape is boxed in its variant.
fn boxed(shape: &crate::model::Shape) -> bool {
    matches!(shape.ty, crate::model::Ty::Named(_))
}

/// `200`, `2XX` or `default`.
fn status_text(status: Status) -> String {
    match status {
        Status::Code(code) => code.to_string(),
        Status::Range(class) => format!("{class}XX"),
        Status::Default => "`default` (any status not listed)".to_owned(),
    }
}
