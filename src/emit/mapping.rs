//! `TryFrom` impls generated from the mapping files.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

use super::rust::{ident, response_path, type_path};
use crate::model::Literal;
use crate::model::{
    Additional, Case, Condition, Conversion, FieldMapping, FieldSource, Mapping, MappingTarget,
    Model, Operation, Shape, SourceValue, Test, Ty, TypeId, TypeKind,
};

/// The items of the `mappings` module.
pub fn mapping_items(model: &Model, mapping: &Mapping) -> TokenStream {
    let source = type_path(model, mapping.source);
    let (target, name, body) = match &mapping.target {
        MappingTarget::Struct { id, fields } => {
            let members = members(model, *id, fields);
            let body = quote!(::core::result::Result::Ok(Self { #members }));
            (type_path(model, *id), model.ty(*id).name.clone(), body)
        }
        MappingTarget::Responses { op, cases } => {
            let op = &model.operations[*op];
            let body = cases_body(model, op, cases, &mapping.file);
            (response_path(model, op), op.response_name.clone(), body)
        }
    };
    let doc = format!(
        " Generated from {}: {} to {}.",
        super::docs::code_span(&mapping.file),
        model.ty(mapping.source).name,
        name
    );
    if !mapping.context.is_empty() {
        return with_context(model, mapping, &source, &target, &doc, body);
    }
    quote! {
        #[doc = #doc]
        impl ::core::convert::TryFrom<&#source> for #target {
            type Error = crate::runtime::MappingError;

            fn try_from(source: &#source) -> ::core::result::Result<Self, crate::runtime::MappingError> {
                #body
            }
        }

        #[doc = #doc]
        impl ::core::convert::TryFrom<#source> for #target {
            type Error = crate::runtime::MappingError;

            fn try_from(source: #source) -> ::core::result::Result<Self, crate::runtime::MappingError> {
                Self::try_from(&source)
            }
        }
    }
}

/// The body of a mapping to responses: the first case whose conditions hold builds its
/// variant; when none does, a `MappingError`.
fn cases_body(model: &Model, op: &Operation, cases: &[Case], file: &str) -> TokenStream {
    let status_ty = quote!(crate::runtime::http::StatusCode);
    let values = cases.iter().map(|case| {
        let response = op.responses.iter().find(|r| r.variant == case.variant);
        let response = response.expect("the lowering names a response of the operation");
        let status = case.status.map(|code| {
            quote! {
                #status_ty::from_u16(#code).map_err(|e| crate::runtime::MappingError {
                    target: "status",
                    source: #file,
                    reason: e.to_string(),
                })?
            }
        });
        let body = case.body.as_ref().map(|b| {
            let path = type_path(model, b.target);
            let members = members(model, b.target, &b.fields);
            let mut value = quote!(#path { #members });
            for wrapper in b.wrappers.iter().rev() {
                let wrapper = type_path(model, *wrapper);
                value = quote!(#wrapper(#value));
            }
            match &response.content {
                Some((_, _, shape)) if super::response::boxed(shape) => {
                    quote!(::std::boxed::Box::new(#value))
                }
                _ => value,
            }
        });
        let variant = ident(&case.variant);
        let args: Vec<TokenStream> = status.into_iter().chain(body).collect();
        let value = match args.is_empty() {
            true => quote!(Self::#variant),
            false => quote!(Self::#variant(#(#args),*)),
        };
        let conditions: Vec<TokenStream> = case.when.iter().map(condition).collect();
        (conditions, value)
    });
    let mut out = TokenStream::new();
    let mut closed = false;
    for (conditions, value) in values {
        if conditions.is_empty() {
            out.extend(quote!(::core::result::Result::Ok(#value)));
            closed = true;
            break;
        }
        out.extend(quote! {
            if #(#conditions)&&* {
                return ::core::result::Result::Ok(#value);
            }
        });
    }
    if !closed {
        let target = &op.response_name;
        out.extend(quote! {
            ::core::result::Result::Err(crate::runtime::MappingError {
                target: #target,
                source: #file,
                reason: ::std::string::String::from("no case of the mapping applies"),
            })
        });
    }
    out
}

/// A case's condition as a boolean expression.
fn condition(c: &Condition) -> TokenStream {
    let access = match &c.from {
        FieldSource::Path(steps) => access(steps),
        FieldSource::Context(name) => {
            let name = ident(name);
            Access::Place(quote!(context.#name))
        }
        _ => unreachable!("conditions test source paths and context values"),
    };
    match (&c.test, access) {
        (Test::Present(true), Access::Opt(e)) => quote!(#e.is_some()),
        (Test::Present(false), Access::Opt(e)) => quote!(#e.is_none()),
        (Test::Present(_), Access::Place(_)) => unreachable!("the lowering refuses it"),
        (Test::Is(values), Access::Place(p)) => equals(values, &Val::Place(p)),
        (Test::Is(values), Access::Opt(e)) => {
            let test = equals(values, &Val::Ref(quote!(value)));
            quote!(#e.is_some_and(|value| #test))
        }
    }
}

/// Whether a value equals one of `values` (all of one kind: the lowering checks them).
fn equals(values: &[Literal], v: &Val) -> TokenStream {
    match values {
        [Literal::Bool(true)] => v.copied(),
        [Literal::Bool(false)] => {
            let value = v.copied();
            quote!(!#value)
        }
        [Literal::String(_), ..] => {
            let texts = values.iter().filter_map(|l| match l {
                Literal::String(s) => Some(s),
                _ => None,
            });
            let r = v.receiver();
            quote!(::core::matches!(#r.as_str(), #(#texts)|*))
        }
        _ => {
            let patterns = values.iter().map(|l| match l {
                Literal::Integer(i) => proc_macro2::Literal::i64_unsuffixed(*i).into_token_stream(),
                Literal::Bool(b) => quote!(#b),
                _ => unreachable!("one kind of literal"),
            });
            let value = v.copied();
            quote!(::core::matches!(#value, #(#patterns)|*))
        }
    }
}

/// The members of a struct literal of `target`: mapped fields from their source, the
/// others (optional) empty, unlisted properties none.
fn members(model: &Model, target: TypeId, mapped: &[FieldMapping]) -> TokenStream {
    let TypeKind::Struct(def) = &model.ty(target).kind else {
        unreachable!("mappings target structs")
    };
    let fields = def.fields.iter().map(|t| {
        let name = ident(&t.rust_name);
        match mapped.iter().find(|f| f.target_rust == t.rust_name) {
            Some(f) => {
                let value = field_value(model, f, &t.shape);
                quote!(#name: #value,)
            }
            None => quote!(#name: ::core::option::Option::None,),
        }
    });
    let extra = match def.additional {
        Additional::Keep(_) => {
            let extra = ident(&def.extra_name);
            Some(quote!(#extra: ::core::default::Default::default(),))
        }
        Additional::Deny => None,
    };
    quote!(#(#fields)* #extra)
}

/// A mapping that takes values from outside its source: a struct of them, and
/// `TryFrom<(&Source, &Context)>`.
fn with_context(
    model: &Model,
    mapping: &Mapping,
    source: &TokenStream,
    target: &TokenStream,
    doc: &str,
    body: TokenStream,
) -> TokenStream {
    let name = ident(&mapping.context_name);
    let members = mapping.context.iter().map(|c| {
        let field = ident(&c.rust);
        let ty = super::rust::rust_type(model, &c.shape, false);
        let doc = format!(" The context value `{}`.", c.json);
        quote!(#[doc = #doc] pub #field: #ty,)
    });
    let struct_doc = format!(
        " What {} takes besides its source: the values of its `[context]`.",
        super::docs::code_span(&mapping.file)
    );
    quote! {
        #[doc = #struct_doc]
        #[derive(Debug, Clone, PartialEq)]
        pub struct #name {
            #(#members)*
        }

        #[doc = #doc]
        impl ::core::convert::TryFrom<(&#source, &#name)> for #target {
            type Error = crate::runtime::MappingError;

            fn try_from((source, context): (&#source, &#name)) -> ::core::result::Result<Self, crate::runtime::MappingError> {
                #body
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

fn field_value(model: &Model, f: &FieldMapping, target: &Shape) -> TokenStream {
    let place = match &f.from {
        FieldSource::Constant(literal) => {
            let value = constant(model, literal, target.non_null().1);
            return match f.target_optional {
                true => quote!(::core::option::Option::Some(#value)),
                false => value,
            };
        }
        FieldSource::Context(name) => {
            let name = ident(name);
            Access::Place(quote!(context.#name))
        }
        FieldSource::Path(steps) => access(steps),
        FieldSource::Nested { target: id, fields } => {
            let path = type_path(model, *id);
            let members = members(model, *id, fields);
            let value = quote!(#path { #members });
            return match f.target_optional {
                true => quote!(::core::option::Option::Some(#value)),
                false => value,
            };
        }
        FieldSource::List { target: id, items } => {
            let path = type_path(model, *id);
            let items = items.iter().map(|fields| {
                let members = members(model, *id, fields);
                quote!(#path { #members })
            });
            // An array literal, which rustfmt and prettyplease lay out (`vec!` they do not).
            let value = quote!(::std::vec::Vec::from([#(#items),*]));
            return match f.target_optional {
                true => quote!(::core::option::Option::Some(#value)),
                false => value,
            };
        }
    };
    let present = match place {
        Access::Place(place) => {
            let value = convert(model, f, &Val::Place(place));
            return if f.target_optional {
                quote!(::core::option::Option::Some(#value))
            } else {
                value
            };
        }
        Access::Opt(present) => present,
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
            // Conversions that cannot fail map the value; the others return their error.
            Conversion::EnumToString
            | Conversion::ExpandableId
            | Conversion::StringToEnum { keep_unknown: true, .. } => {
                quote!(#present.map(|value| #converted))
            }
            _ => quote! {
                match #present {
                    ::core::option::Option::Some(value) => ::core::option::Option::Some(#converted),
                    ::core::option::Option::None => ::core::option::Option::None,
                }
            },
        },
    }
}

/// A source path as an expression: a place while every step is present, else an
/// `Option<&T>`.
enum Access {
    Place(TokenStream),
    Opt(TokenStream),
}

fn access(steps: &[(String, SourceValue)]) -> Access {
    let as_ref = quote!(::core::option::Option::as_ref);
    steps.iter().fold(Access::Place(quote!(source)), |acc, (name, wrap)| {
        let n = ident(name);
        match (acc, wrap) {
            (Access::Place(p), SourceValue::Plain) => Access::Place(quote!(#p.#n)),
            (Access::Place(p), SourceValue::Option) => Access::Opt(quote!(#p.#n.as_ref())),
            (Access::Place(p), SourceValue::OptionOption) => {
                Access::Opt(quote!(#p.#n.as_ref().and_then(#as_ref)))
            }
            (Access::Opt(e), SourceValue::Plain) => Access::Opt(quote!(#e.map(|v| &v.#n))),
            (Access::Opt(e), SourceValue::Option) => {
                Access::Opt(quote!(#e.and_then(|v| v.#n.as_ref())))
            }
            (Access::Opt(e), SourceValue::OptionOption) => {
                Access::Opt(quote!(#e.and_then(|v| v.#n.as_ref().and_then(#as_ref))))
            }
        }
    })
}

/// A constant of the mapping file as a value of `shape`.
fn constant(model: &Model, l: &Literal, shape: &Shape) -> TokenStream {
    match (l, &shape.ty) {
        (Literal::String(text), Ty::Named(id)) => {
            let path = type_path(model, *id);
            let TypeKind::Enum(e) = &model.ty(*id).kind else {
                unreachable!("a string constant of a named type is an enum value")
            };
            match e.variants.iter().find(|v| v.json == *text) {
                Some(v) => {
                    let variant = ident(&v.rust);
                    quote!(#path::#variant)
                }
                None => quote!(#path::Unknown(::std::string::String::from(#text))),
            }
        }
        (Literal::Array(items), Ty::Array(item)) => {
            let items = items.iter().map(|i| constant(model, i, item));
            quote!(::std::vec![#(#items),*])
        }
        _ => literal(l),
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
        // Text into the target's string type (`String`, or a format's type).
        Conversion::EnumToString | Conversion::Text => {
            let r = v.receiver();
            quote!(::core::convert::Into::into(#r.as_str()))
        }
        Conversion::ExpandableId => {
            let r = v.receiver();
            quote!(::core::convert::Into::into(#r.id()))
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
        Conversion::StringToEnum { target: id, keep_unknown } => {
            let path = type_path(model, *id);
            let TypeKind::Enum(e) = &model.ty(*id).kind else { unreachable!("an enum target") };
            let arms = e.variants.iter().map(|v| {
                let (json, variant) = (&v.json, ident(&v.rust));
                quote!(#json => #path::#variant,)
            });
            let name = &model.ty(*id).name;
            let other = match keep_unknown {
                true => quote!(other => #path::Unknown(other.to_owned()),),
                false => quote! {
                    other => return ::core::result::Result::Err(crate::runtime::MappingError {
                        target: #target,
                        source: #source,
                        reason: ::std::format!("`{other}` is not a value of `{}`", #name),
                    }),
                },
            };
            let r = v.receiver();
            quote!(match #r.as_str() { #(#arms)* #other })
        }
        Conversion::JsonText => {
            let r = v.reference();
            quote! {
                ::serde_json::to_string(#r).map_err(|e| crate::runtime::MappingError {
                    target: #target,
                    source: #source,
                    reason: e.to_string(),
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
        // Into the target's string type (`String`, or a format's type).
        Literal::String(s) => quote!(::core::convert::Into::into(#s)),
        Literal::Bool(b) => quote!(#b),
        Literal::Integer(i) => quote!(#i),
        Literal::Array(items) => {
            let items = items.iter().map(literal);
            quote!(::std::vec![#(#items),*])
        }
    }
}
