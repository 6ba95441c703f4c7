//! Unions, one reading per representation: by JSON type (the first branch that reads
//! the value), by tag (the tag read first, then only its branch), and first-valid (the
//! first branch that reads and validates the value). Writing is serde's untagged form.
//! Branches read the value from its JSON text, so that numbers keep their spelling.

use proc_macro2::{Ident, TokenStream};
use quote::{quote, ToTokens};

use super::docs::{code_span, doc_attrs};
use super::rust::{ident, lenient, rust_type, type_path};
use crate::model::{
    Additional, Admits, JsonKind, Model, Ty, TypeId, TypeKind, UnionDef, UnionRepr, UnionVariant,
};

/// The enum of a union and its `Deserialize`.
pub fn union_item(model: &Model, id: TypeId, u: &UnionDef, derive: TokenStream) -> TokenStream {
    let t = model.ty(id);
    let variants = &u.variants;
    let name = ident(&t.name);
    let doc = doc_attrs(t.doc.as_deref(), &format!("`{}`: one of several JSON types.", t.name));
    let deserialize = match &u.repr {
        UnionRepr::ByJsonType => match (by_kind(model, id, u), object_keys(model, u)) {
            (Some(one_pass), _) => one_pass,
            (None, Some(keys)) => branches(model, id, u, quote!(keyed [#(#keys),*])),
            (None, None) => branches(model, id, u, quote!(first_reading)),
        },
        UnionRepr::ByTag { property, absent, boolean, .. } => {
            by_tag(model, id, property, (*absent, *boolean), variants)
        }
        UnionRepr::FirstValid { memo: true, .. } => {
            branches(model, id, u, quote!(first_valid_memo))
        }
        UnionRepr::FirstValid { memo: false, .. } => branches(model, id, u, quote!(first_valid)),
    };
    let boolean = matches!(u.repr, UnionRepr::ByTag { boolean: true, .. });
    let variants = variants.iter().map(|v| {
        let variant = ident(&v.name);
        let ty = rust_type(model, &v.shape, v.boxed);
        let doc = match &v.tag {
            Some((property, values)) if values.is_empty() => {
                format!(" {} is a value no other variant names.", code_span(property))
            }
            Some((property, values)) => {
                // Boolean tags are spelled as they are, strings as JSON strings.
                let values: Vec<String> = values
                    .iter()
                    .map(|v| match boolean {
                        true => code_span(v),
                        false => code_span(&serde_json::Value::from(v.as_str()).to_string()),
                    })
                    .collect();
                format!(" {} is {}.", code_span(property), values.join(" or "))
            }
            None if v.name.starts_with(['A', 'E', 'I', 'O', 'U']) => {
                format!(" An `{}` value.", v.name)
            }
            None => format!(" A `{}` value.", v.name),
        };
        quote!(#[doc = #doc] #variant(#ty),)
    });
    quote! {
        #doc
        #derive
        #[serde(untagged)]
        pub enum #name {
            #(#variants)*
        }

        #deserialize
    }
}

/// For a union whose variants are all told apart by one tag property: a `Deserialize`
/// impl that reads the tag and deserializes only the variant it names.
fn by_tag(
    model: &Model,
    id: TypeId,
    property: &str,
    (absent, boolean): (Option<usize>, bool),
    variants: &[UnionVariant],
) -> TokenStream {
    let path = type_path(model, id);
    // Lowering gives every variant of a union by tag its values; one may take the rest.
    let (listed, rest): (Vec<&UnionVariant>, Vec<&UnionVariant>) =
        variants.iter().partition(|v| v.tag.as_ref().is_some_and(|(_, values)| !values.is_empty()));
    // Branches naming the same values are read in turn (lowering made sure that their
    // keys tell them apart): one arm, its variants in schema order.
    let mut arms: Vec<(&[String], Vec<Ident>)> = Vec::new();
    for v in &listed {
        let values = v.tag.as_ref().map(|(_, values)| values.as_slice()).unwrap_or_default();
        match arms.iter_mut().find(|(listed, _)| *listed == values) {
            Some((_, names)) => names.push(ident(&v.name)),
            None => arms.push((values, vec![ident(&v.name)])),
        }
    }
    let arms = arms.iter().map(|(values, names)| {
        let values = values.iter().map(|v| match boolean {
            // Lowering gives boolean tags only the values `true` and `false`.
            true => {
                syn::LitBool::new(v == "true", proc_macro2::Span::call_site()).to_token_stream()
            }
            false => v.to_token_stream(),
        });
        quote!(#(#values)|* => #(#path::#names)|*,)
    });
    let rest = rest.first().map(|v| {
        let name = ident(&v.name);
        quote!(_ => #path::#name,)
    });
    let absent = absent.map(|i| {
        let name = ident(&variants[i].name);
        quote!(absent => #path::#name,)
    });
    quote!(crate::runtime::tagged!(#path, #property, { #(#arms)* } #rest #absent);)
}

/// A one-pass reading (the runtime's `by_kind!`) where each branch reads one JSON type
/// of its own among strings, arrays, objects and booleans (numbers are read from their
/// text, to keep their spelling): the value's type picks its branch, read in place.
fn by_kind(model: &Model, id: TypeId, u: &UnionDef) -> Option<TokenStream> {
    use schemagen_runtime::kinds::{ARRAY, BOOLEAN, OBJECT, STRING};
    let mut seen = 0u8;
    let mut arms = Vec::new();
    for v in &u.variants {
        let plain =
            matches!(v.shape.ty, Ty::String | Ty::Bool | Ty::Array(_) | Ty::Map(_) | Ty::Named(_));
        // A union read from its buffered text would get its value re-read instead.
        let buffered = match &v.shape.ty {
            Ty::Named(t) => match &model.ty(*t).kind {
                TypeKind::Union(inner) => !matches!(inner.repr, UnionRepr::ByTag { .. }),
                _ => false,
            },
            _ => false,
        };
        let kinds = model.json_kinds(&v.shape);
        if !plain || buffered || lenient(&v.shape) || kinds & seen != 0 {
            return None;
        }
        seen |= kinds;
        let kind = match kinds {
            STRING => quote!(string),
            ARRAY => quote!(array),
            OBJECT => quote!(object),
            BOOLEAN => quote!(boolean),
            _ => return None,
        };
        let variant = ident(&v.name);
        arms.push((kind, variant));
    }
    let path = type_path(model, id);
    let labels: Vec<&str> = u.variants.iter().map(|v| v.name.as_str()).collect();
    let expecting = labels.join(" or ");
    let arms = arms.iter().map(|(kind, variant)| quote!(#kind => #path::#variant,));
    Some(quote!(crate::runtime::by_kind!(#path, #expecting, { #(#arms)* });))
}

/// The branch table and a `Deserialize` impl (the runtime's `branches!`) that buffers the
/// value and hands it to `reading` (`first_reading`, `first_valid` or `first_valid_memo`;
/// `keyed [..]`: `first_by_keys` with each branch's keys).
fn branches(model: &Model, id: TypeId, u: &UnionDef, reading: TokenStream) -> TokenStream {
    let path = type_path(model, id);
    let variants = &u.variants;
    let names: Vec<Ident> = variants.iter().map(|v| ident(&v.name)).collect();
    let labels = variants.iter().map(|v| v.name.as_str());
    let kinds = variants.iter().map(|v| model.json_kinds(&v.shape));
    let parsers = variants.iter().zip(&names).map(|(v, name)| {
        if lenient(&v.shape) {
            quote!(|value| value.read_lenient().map(Self::#name))
        } else if let Some(admits) = json_type_reader(u, v) {
            quote!(|value| value.read::<::serde_json::Value>().and_then(#admits).map(Self::#name))
        } else {
            quote!(|value| value.read().map(Self::#name))
        }
    });
    quote!(crate::runtime::branches!(#path, #reading, [#( (#labels, #kinds, #parsers), )*]);)
}

/// For a union by JSON type with two or more object branches (structs that lowering
/// found told apart by their keys): per branch, the properties its struct requires and,
/// where it rejects others, the ones it lists (`None` for branches of other types), so
/// that an object's keys pick the one branch that may read it.
fn object_keys(model: &Model, u: &UnionDef) -> Option<Vec<TokenStream>> {
    let object = schemagen_runtime::kinds::OBJECT;
    let reads_objects = |v: &&UnionVariant| model.json_kinds(&v.shape) & object != 0;
    if u.variants.iter().filter(reads_objects).count() < 2 {
        return None;
    }
    u.variants
        .iter()
        .map(|v| {
            if !reads_objects(&v) {
                return Some(quote!(::core::option::Option::None));
            }
            let Ty::Named(id) = &v.shape.ty else { return None };
            let TypeKind::Struct(s) = &model.ty(*id).kind else { return None };
            let required = s.fields.iter().filter(|f| f.required).map(|f| f.json_name.as_str());
            let listed = match s.additional {
                Additional::Deny => {
                    let names = s.fields.iter().map(|f| f.json_name.as_str());
                    quote!(::core::option::Option::Some(&[#(#names),*]))
                }
                Additional::Keep(_) => quote!(::core::option::Option::None),
            };
            Some(quote!(::core::option::Option::Some((&[#(#required),*], #listed))))
        })
        .collect()
}

/// A branch kept as JSON in a union told apart by JSON type would accept every value,
/// leaving the branches after it dead: it reads only values of its own type.
fn json_type_reader(u: &UnionDef, v: &UnionVariant) -> Option<TokenStream> {
    let admits = v.admits.filter(|_| !u.first_valid() && v.shape.ty == Ty::Any)?;
    // The runtime's readers, one per JSON type and one per complement.
    let reader = match admits {
        Admits::Only(JsonKind::Object) => quote!(crate::runtime::json_object),
        Admits::Only(JsonKind::Array) => quote!(crate::runtime::json_array),
        Admits::Only(JsonKind::String) => quote!(crate::runtime::json_string),
        Admits::Only(JsonKind::Boolean) => quote!(crate::runtime::json_boolean),
        Admits::Only(JsonKind::Number) => quote!(crate::runtime::json_number),
        Admits::Only(JsonKind::Integer) => quote!(crate::runtime::json_integer),
        // A union's `null` branch makes it nullable instead.
        Admits::Only(JsonKind::Null) => return None,
        Admits::AllBut(JsonKind::Object) => quote!(crate::runtime::json_not_object),
        Admits::AllBut(JsonKind::String) => quote!(crate::runtime::json_not_string),
        Admits::AllBut(JsonKind::Array) => quote!(crate::runtime::json_not_array),
        Admits::AllBut(_) => quote!(crate::runtime::json_not_number),
    };
    Some(reader)
}
