//! The enum of an operation's responses: a variant per status and media type, read
//! from an `http::Response` with `from_response` and written with `to_response`.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attrs;
use super::rust::{ident, rust_type, type_path};
use crate::model::{Encoding, Model, Operation, Status, TypeKind};

pub fn responses(model: &Model, op: &Operation) -> TokenStream {
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
        // The status (for a range or `default`), the body, the declared headers.
        let status = (!matches!(r.status, Status::Code(_))).then(|| status_ty.clone());
        let headers = r.headers.map(|id| type_path(model, id));
        let listed: Vec<TokenStream> = status.into_iter().chain(payload).chain(headers).collect();
        let fields = (!listed.is_empty()).then(|| quote!((#(#listed),*)));
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
        let headers = r.headers.map(|_| quote!(headers));
        let write = match headers {
            Some(_) => quote!(crate::runtime::Reply::with_headers(#write, headers)),
            None => write,
        };
        let listed: Vec<TokenStream> = bind.into_iter().chain(body).chain(headers).collect();
        let fields = (!listed.is_empty()).then(|| quote!((#(#listed),*)));
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
            let read = r.content.as_ref().map(|(_, encoding, shape)| match encoding {
                Encoding::Json if boxed(shape) => {
                    quote!(::std::boxed::Box::new(received.json()?))
                }
                Encoding::Json => quote!(received.json()?),
                Encoding::Text => quote!(received.text()?),
                Encoding::Form | Encoding::Multipart | Encoding::Bytes => {
                    quote!(received.bytes())
                }
            });
            let headers = r.headers.map(|id| {
                let TypeKind::Struct(def) = &model.ty(id).kind else {
                    unreachable!("declared headers are a struct")
                };
                let names = def.fields.iter().map(|f| &f.json_name);
                quote!(received.declared_headers(&[#(#names),*])?)
            });
            let status = with_status.then(|| quote!(received.status));
            let args: Vec<TokenStream> = status.into_iter().chain(read).chain(headers).collect();
            let value = match args.is_empty() {
                true => quote!(Self::#variant),
                false => quote!(Self::#variant(#(#args),*)),
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
pub(super) fn boxed(shape: &crate::model::Shape) -> bool {
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
