//! `Validate` impls: every check of the model, with the JSON pointer of each value.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::check::{check, Statics};
use super::rust::ident;
use crate::model::{
    Additional, Check, JsonFnId, Model, Read, Shape, Ty, TypeDef, TypeId, TypeKind,
};

/// Which named types have anything to check, computed once per model.
pub struct Needs(Vec<bool>);

impl Needs {
    /// Fixpoint over the (possibly recursive) types: start from "nothing to check".
    pub fn compute(model: &Model) -> Needs {
        let mut needs = Needs(vec![false; model.types.len()]);
        loop {
            let mut changed = false;
            for (id, t) in model.types.iter().enumerate() {
                let value = !t.checks.is_empty()
                    || match &t.kind {
                        // An open enum's unlisted values are valid: the API may add values.
                        TypeKind::Enum(_) => false,
                        TypeKind::Newtype(n) => needs.shape(&n.shape),
                        TypeKind::Union(u) => {
                            u.one_of() || u.variants.iter().any(|v| needs.shape(&v.shape))
                        }
                        TypeKind::Struct(s) => {
                            s.fields.iter().any(|f| needs.shape(&f.shape))
                                || matches!(&s.additional, Additional::Keep(shape) if needs.shape(shape))
                        }
                    };
                if value && !needs.0[id] {
                    needs.0[id] = true;
                    changed = true;
                }
            }
            if !changed {
                return needs;
            }
        }
    }

    /// True when the named type has something to check.
    pub fn needs_type(&self, id: TypeId) -> bool {
        self.0[id]
    }

    /// True when a value of this shape has something to check.
    pub fn shape(&self, shape: &Shape) -> bool {
        !shape.checks.is_empty()
            || match &shape.ty {
                Ty::Named(id) => self.0[*id],
                Ty::External { validate, .. } => *validate,
                Ty::Array(inner) | Ty::Map(inner) | Ty::Nullable(inner) => self.shape(inner),
                Ty::Expandable { id, object } => self.shape(id) || self.0[*object],
                _ => false,
            }
    }
}

/// `impl Validate for T`.
pub fn validate_impl(
    model: &Model,
    needs: &Needs,
    statics: &Statics,
    id: TypeId,
    t: &TypeDef,
) -> TokenStream {
    let name = ident(&t.name);
    let cx = Cx { model, needs, statics };
    let body = if needs.0[id] { cx.body(t) } else { quote!() };
    let (at, errors) =
        if needs.0[id] { (quote!(at), quote!(errors)) } else { (quote!(_at), quote!(_errors)) };
    if let TypeKind::Union(u) = &t.kind {
        if u.one_of() {
            return one_of_impl(
                &name,
                !t.checks.is_empty() || u.variants.iter().any(|v| needs.shape(&v.shape)),
                body,
            );
        }
    }
    quote! {
        impl crate::runtime::Validate for #name {
            fn validate_into(&self, #at: &crate::runtime::Pointer<'_>, #errors: &mut crate::runtime::ValidationErrors) {
                #body
            }
        }
    }
}

/// `impl FromJson for T`: with the whole schema's check where it compiled, which a
/// value that fails to read is run through so that every violation is reported.
pub fn from_json_impl(check: Option<crate::model::JsonFnId>, t: &TypeDef) -> TokenStream {
    let name = ident(&t.name);
    let Some(check) = check else {
        return quote!(impl crate::runtime::FromJson for #name {});
    };
    let function = format_ident!("json_{}", check.index());
    quote! {
        impl crate::runtime::FromJson for #name {
            fn check_schema(value: &::serde_json::Value, at: &crate::runtime::Pointer<'_>, errors: &mut crate::runtime::ValidationErrors) -> bool {
                #function(value, at, errors);
                true
            }
        }
    }
}

/// For `oneOf` of branches that may overlap: the checks of the value's own branch (`body`),
/// then that no other branch matches as well.
fn one_of_impl(name: &proc_macro2::Ident, checks: bool, body: TokenStream) -> TokenStream {
    let (at, errors) =
        if checks { (quote!(at), quote!(errors)) } else { (quote!(_at), quote!(_errors)) };
    quote! {
        impl #name {
            /// The checks of the value's own branch.
            fn validate_branch(&self, #at: &crate::runtime::Pointer<'_>, #errors: &mut crate::runtime::ValidationErrors) {
                #body
            }

            fn branch_valid(&self) -> bool {
                let mut errors = crate::runtime::ValidationErrors::quiet();
                self.validate_branch(&crate::runtime::Pointer::Root, &mut errors);
                errors.is_empty()
            }
        }

        impl crate::runtime::Validate for #name {
            fn validate_into(&self, at: &crate::runtime::Pointer<'_>, errors: &mut crate::runtime::ValidationErrors) {
                self.validate_branch(at, errors);
                // A quiet check that failed already needs no count of the branches.
                if !errors.is_settled() {
                    crate::runtime::one_of(self, Self::BRANCHES, Self::branch_valid, at, errors);
                }
            }
        }
    }
}

struct Cx<'a> {
    model: &'a Model,
    needs: &'a Needs,
    statics: &'a Statics,
}

impl Cx<'_> {
    fn body(&self, t: &TypeDef) -> TokenStream {
        // Checks of the whole value come last (`self` is the value), so that they skip what
        // the typed checks of its parts reported already.
        // Several checks that read some members write the value to JSON once, together.
        let members: Vec<(JsonFnId, &Read)> = t
            .checks
            .iter()
            .filter_map(|c| match c {
                Check::Json(id) if !self.statics.counts.contains_key(id) => {
                    self.statics.members.get(id).map(|read| (*id, read))
                }
                _ => None,
            })
            .collect();
        let mut together = (members.len() > 1).then(|| members_together(&members));
        let own = t.checks.iter().map(|c| match (c, &t.kind) {
            (Check::Json(id), _) if members.len() > 1 && members.iter().any(|(m, _)| m == id) => {
                together.take().unwrap_or_default()
            }
            // The keys a struct does not list are those of its other properties.
            (Check::KeysMatch(_), TypeKind::Struct(s)) => {
                let extra = ident(&s.extra_name);
                self.check(c, &quote!(self.#extra), &quote!(self), false, false)
            }
            (Check::Entries { listed, patterns, additional, .. }, TypeKind::Struct(s)) => {
                let rule = (listed.as_slice(), patterns.as_slice(), *additional);
                super::entries::struct_entries(self.model, t.module, self.statics, s, rule)
            }
            _ => self.check(c, &quote!(self), &quote!(self), false, false),
        });
        let parts = self.parts(t);
        quote!(#parts #(#own)*)
    }

    fn parts(&self, t: &TypeDef) -> TokenStream {
        let needs = self.needs;
        match &t.kind {
            TypeKind::Enum(_) => quote!(),
            TypeKind::Union(u) => {
                let arms = u.variants.iter().map(|v| {
                    let variant = ident(&v.name);
                    let check = self.checks(&v.shape, &quote!(value), 0);
                    let binding = if needs.shape(&v.shape) { quote!(value) } else { quote!(_) };
                    quote!(Self::#variant(#binding) => { #check })
                });
                quote!(match self { #(#arms)* })
            }
            TypeKind::Newtype(n) => {
                let check = self.checks(&n.shape, &quote!(value), 0);
                quote!(let value = &self.0; #check)
            }
            TypeKind::Struct(s) => {
                let fields = s.fields.iter().filter(|f| needs.shape(&f.shape)).map(|f| {
                    let name = ident(&f.rust_name);
                    let key = &f.json_name;
                    // Peel the field's own `Option`s into one pattern (clippy: collapsible_match);
                    // a nullable shape with checks of its own keeps its `Option`, since
                    // they check `null` too (an `allOf` branch that forbids it, say).
                    let some = quote!(::core::option::Option::Some);
                    let peel = f.shape.checks.is_empty();
                    let (shape, pattern) = match (f.required, &f.shape.ty) {
                        (true, Ty::Nullable(inner)) if peel => {
                            (&**inner, Some(quote!(#some(value))))
                        }
                        (false, Ty::Nullable(inner)) if peel => {
                            (&**inner, Some(quote!(#some(#some(value)))))
                        }
                        (false, _) => (&f.shape, Some(quote!(#some(value)))),
                        (true, _) => (&f.shape, None),
                    };
                    let check = self.checks(shape, &quote!(value), 0);
                    let value = match pattern {
                        Some(pattern) => quote!(if let #pattern = &self.#name { #check }),
                        None => quote!(let value = &self.#name; #check),
                    };
                    quote! {{
                        let at = &at.key(#key);
                        #value
                    }}
                });
                let extra = match &s.additional {
                    Additional::Keep(shape) if needs.shape(shape) => {
                        let extra = ident(&s.extra_name);
                        let check = self.checks(shape, &quote!(value), 0);
                        Some(quote! {
                            for (key, value) in &self.#extra {
                                let at = &at.key(key);
                                #check
                            }
                        })
                    }
                    _ => None,
                };
                quote!(#(#fields)* #extra)
            }
        }
    }

    /// Checks a `&T` bound to `value` against `shape`; `at` and `errors` are in scope.
    fn checks(&self, shape: &Shape, value: &TokenStream, depth: usize) -> TokenStream {
        let needs = self.needs;
        let number = match shape.ty {
            Ty::Integer => quote!(*#value as f64),
            Ty::Number => quote!(crate::runtime::Number::as_f64(#value)),
            _ => quote!(*#value),
        };
        let check = |c| self.check(c, value, &number, shape.ty == Ty::Integer, shape.ty == Ty::Any);
        // A whole-schema check goes after the nested ones, which it does not repeat.
        let whole = |c: &&Check| matches!(c, Check::Schema(_));
        let own = shape.checks.iter().filter(|c| !whole(c)).map(check);
        let schema = shape.checks.iter().filter(whole).map(check);
        let nested = match &shape.ty {
            Ty::Named(id) if needs.0[*id] => {
                quote!(crate::runtime::Validate::validate_into(#value, at, errors);)
            }
            Ty::External { validate: true, .. } => {
                quote!(crate::runtime::Validate::validate_into(#value, at, errors);)
            }
            Ty::Array(item) if needs.shape(item) => {
                let (i, v) = (format_ident!("index{depth}"), format_ident!("item{depth}"));
                let inner = self.checks(item, &quote!(#v), depth + 1);
                quote! {
                    for (#i, #v) in #value.iter().enumerate() {
                        let at = &at.index(#i);
                        #inner
                    }
                }
            }
            Ty::Map(item) if needs.shape(item) => {
                let (k, v) = (format_ident!("key{depth}"), format_ident!("item{depth}"));
                let inner = self.checks(item, &quote!(#v), depth + 1);
                quote! {
                    for (#k, #v) in #value {
                        let at = &at.key(#k);
                        #inner
                    }
                }
            }
            Ty::Nullable(inner) if needs.shape(inner) => {
                let v = format_ident!("present{depth}");
                let inner = self.checks(inner, &quote!(#v), depth + 1);
                quote!(if let ::core::option::Option::Some(#v) = #value { #inner })
            }
            Ty::Expandable { id, object } => {
                let v = format_ident!("expanded{depth}");
                let id_checks = self.checks(id, &quote!(#v), depth + 1);
                let object = needs.0[*object]
                    .then(|| quote!(crate::runtime::Validate::validate_into(&**#v, at, errors);));
                quote! {
                    match #value {
                        crate::runtime::Expandable::Id(#v) => { #id_checks }
                        crate::runtime::Expandable::Object(#v) => { #object }
                    }
                }
            }
            _ => quote!(),
        };
        quote!(#(#own)* #nested #(#schema)*)
    }

    /// One check; see [`check`].
    fn check(
        &self,
        c: &Check,
        value: &TokenStream,
        number: &TokenStream,
        integer: bool,
        json: bool,
    ) -> TokenStream {
        check(self.statics, c, value, number, integer, json)
    }
}

/// One `check_json_members_all` of the checks `members` of a value: the members any of
/// them reads.
fn members_together(members: &[(JsonFnId, &Read)]) -> TokenStream {
    let values: BTreeSet<&String> = members.iter().flat_map(|(_, r)| &r.members).collect();
    let present: BTreeSet<&String> = members
        .iter()
        .flat_map(|(_, r)| &r.present)
        .filter(|name| !values.contains(name))
        .collect();
    let names = members.iter().any(|(_, r)| r.keys);
    let functions = members.iter().map(|(id, _)| format_ident!("json_{}", id.index()));
    quote! {
        crate::runtime::check_json_members_all(
            self,
            crate::runtime::MembersRead { values: &[#(#values),*], present: &[#(#present),*], names: #names },
            &[#(#functions),*],
            at,
            errors,
        );
    }
}
