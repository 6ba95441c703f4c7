//! What one check of the model becomes, on a typed value or a JSON one, and the
//! statics of a module that checks name (patterns, formats, embedded schemas).

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::Check;

/// The statics of one module that checks use.
pub struct Statics {
    /// Schemas kept as JSON: JSON pointer -> index of its `SCHEMA_n` static.
    pub schemas: BTreeMap<crate::schema::JsonPointer, usize>,
    /// `pattern`s: source -> index of its `PATTERN_n` static.
    pub patterns: BTreeMap<String, usize>,
    /// Asserted `format`s: name -> index of its `FORMAT_n` static.
    pub formats: BTreeMap<String, usize>,
    /// JSON functions that read only some members of an object: index -> what they read.
    pub members: BTreeMap<crate::model::JsonFnId, crate::model::Read>,
    /// JSON functions that check only the count of an object's members: index -> those
    /// checks.
    pub counts: BTreeMap<crate::model::JsonFnId, Vec<Check>>,
    /// What each JSON function admits ([`Model::sub_kinds`](crate::model::Model::sub_kinds)),
    /// computed once per model.
    pub kinds: crate::model::SubKinds,
}

/// One check; `number` is the value as `f64` for numeric checks; `json` says the value is
/// a `serde_json::Value` (others are checked against a schema as their JSON).
pub fn check(
    statics: &Statics,
    c: &Check,
    value: &TokenStream,
    number: &TokenStream,
    integer: bool,
    json: bool,
) -> TokenStream {
    let count = |keyword: &str, limit: u64| quote!(crate::runtime::count(#value.len(), #keyword, #limit, at, errors););
    let bound = |keyword: &str, limit: f64| quote!(crate::runtime::bound(#number, #keyword, #limit, at, errors););
    match c {
        Check::MaxLength(n) => quote!(crate::runtime::max_length(#value, #n, at, errors);),
        Check::MinLength(n) => quote!(crate::runtime::min_length(#value, #n, at, errors);),
        Check::Minimum(m) => bound("minimum", *m),
        Check::Maximum(m) => bound("maximum", *m),
        Check::ExclusiveMinimum(m) => bound("exclusiveMinimum", *m),
        Check::ExclusiveMaximum(m) => bound("exclusiveMaximum", *m),
        Check::MultipleOf(m) => quote!(crate::runtime::multiple_of(#number, #m, at, errors);),
        Check::MinItems(n) => count("minItems", *n),
        Check::MaxItems(n) => count("maxItems", *n),
        Check::MinProperties(n) => count("minProperties", *n),
        Check::MaxProperties(n) => count("maxProperties", *n),
        Check::UniqueItems => quote!(crate::runtime::unique_items(#value, at, errors);),
        Check::Schema(pointer) => {
            let schema = format_ident!("SCHEMA_{}", statics.schemas[pointer]);
            if json {
                quote!(#schema.check(#value, at, errors);)
            } else {
                quote!(#schema.check_typed(#value, at, errors);)
            }
        }
        Check::Enum(listed) => {
            // Integers are listed as `i64`, other numbers compared as `f64`, booleans as is.
            let floats = !integer && listed.iter().any(serde_json::Value::is_number);
            let values = listed.iter().filter_map(|v| match v {
                serde_json::Value::Bool(b) => Some(quote!(#b)),
                serde_json::Value::Number(n) if integer => n.as_f64().map(|f| {
                    let i = f as i64;
                    quote!(#i)
                }),
                serde_json::Value::Number(n) => n.as_f64().map(|f| quote!(#f)),
                _ => None,
            });
            let listed = if floats { quote!(&#number) } else { value.clone() };
            quote!(crate::runtime::listed(#listed, &[#(#values),*], at, errors);)
        }
        // Only of structs, emitted by `Cx::body`.
        Check::Entries { .. } => quote!(),
        Check::Json(id) => {
            let function = format_ident!("json_{}", id.index());
            match statics.members.get(id) {
                _ if json => quote!(#function(#value, at, errors);),
                // The count alone: no JSON written; a value that writes no object (which
                // the function's `type` would reject) goes the JSON way.
                _ if statics.counts.contains_key(id) => {
                    let members = quote!(members);
                    let checks = statics.counts[id]
                        .iter()
                        .map(|c| check(statics, c, &members, &members, false, false));
                    quote! {
                        match crate::runtime::member_count(#value) {
                            ::core::option::Option::Some(members) => { #(#checks)* }
                            ::core::option::Option::None => crate::runtime::check_json_typed(#value, #function, at, errors),
                        }
                    }
                }
                Some(read) => {
                    let (values, present, names) = (&read.members, &read.present, read.keys);
                    let read = quote!(crate::runtime::MembersRead { values: &[#(#values),*], present: &[#(#present),*], names: #names });
                    quote!(crate::runtime::check_json_members(#value, #read, #function, at, errors);)
                }
                None => quote!(crate::runtime::check_json_typed(#value, #function, at, errors);),
            }
        }
        Check::Pattern(pattern) => {
            let pattern = format_ident!("PATTERN_{}", statics.patterns[pattern]);
            quote!(#pattern.check(#value, at, errors);)
        }
        Check::KeysMatch(pattern) => {
            let pattern = format_ident!("PATTERN_{}", statics.patterns[pattern]);
            quote!(#pattern.check_keys(#value.keys(), at, errors);)
        }
        Check::Format(name) => {
            let format = format_ident!("FORMAT_{}", statics.formats[name]);
            quote!(#format.check(#value, at, errors);)
        }
    }
}
