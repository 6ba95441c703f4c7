//! Whole checks of structs that apply entry by entry (`properties`, `patternProperties`
//! and `additionalProperties`, nothing else): each field is checked on its own JSON and
//! each kept JSON value as it is, so the struct is never written to JSON whole.

use proc_macro2::TokenStream;
use quote::quote;

use super::check::Statics;
use super::json_check::Properties;
use super::rust::ident;
use crate::model::{Additional, DocId, Model, StructDef, Sub, Ty};

/// The check of the struct `s` (as `self`, a type of `module`) by the `properties` rule
/// `rule`.
pub fn struct_entries(
    model: &Model,
    module: DocId,
    statics: &Statics,
    s: &StructDef,
    rule: Properties<'_>,
) -> TokenStream {
    let check = super::json_check::entry(model, module, statics, rule);
    let (listed, patterns, additional) = rule;
    // A property that every pattern and its own schema (or `additionalProperties`) accept
    // needs no JSON at all.
    let patterns_accept = patterns.iter().all(|(_, s)| *s == Sub::True);
    let checked = |name: &str| {
        let own = listed.iter().find(|(n, _)| n == name).map_or(additional, |(_, s)| *s);
        !patterns_accept || own != Sub::True
    };
    let some = quote!(::core::option::Option::Some);
    let fields = s.fields.iter().filter(|f| checked(&f.json_name)).map(|f| {
        let (name, key) = (ident(&f.rust_name), &f.json_name);
        if f.required {
            quote!(entries.typed(#key, &self.#name);)
        } else {
            quote!(if let #some(value) = &self.#name { entries.typed(#key, value); })
        }
    });
    let extra = match &s.additional {
        Additional::Keep(shape) => {
            let extra = ident(&s.extra_name);
            // Kept JSON is checked as it is.
            let method = if shape.ty == Ty::Any { quote!(json) } else { quote!(typed) };
            Some(quote!(for (key, value) in &self.#extra { entries.#method(key, value); }))
        }
        Additional::Deny => None,
    };
    quote! {
        crate::runtime::check_json_entries(#check, at, errors, |entries| {
            #(#fields)*
            #extra
        });
    }
}
