//! The whole-schema checks compiled into code: one private function per subschema, over
//! `serde_json::Value` (see `model::json_check`).

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::check::{check, Statics};
use crate::model::{
    DocId, EvalFn, EvalFnId, Evaluated, Evaluates, Evaluation, JsonFn, JsonFnId, JsonKind, Model,
    Rule, Sub,
};

/// The functions and `const`/`enum` values of one module's JSON checks.
/// `shared`: the functions another module calls ([`Model::json_fns_called_across_modules`]).
pub fn items(
    model: &Model,
    module: DocId,
    statics: &Statics,
    shared: &std::collections::BTreeSet<JsonFnId>,
) -> Vec<TokenStream> {
    let fns: Vec<(JsonFnId, &JsonFn)> = JsonFnId::all(model.json_fns.len())
        .zip(&model.json_fns)
        .filter(|(_, f)| f.module == module)
        .collect();
    let mut values = BTreeMap::new();
    for (_, f) in &fns {
        for rule in &f.rules {
            if let Rule::Const(text) | Rule::Enum(text) = rule {
                let next = values.len();
                values.entry(text.clone()).or_insert(next);
            }
        }
    }
    let mut ordered: Vec<(&String, &usize)> = values.iter().collect();
    ordered.sort_by_key(|(_, i)| **i);
    let mut out: Vec<TokenStream> = ordered
        .into_iter()
        .map(|(text, i)| {
            let name = format_ident!("JSON_{}", i);
            quote!(static #name: crate::runtime::JsonValue = crate::runtime::JsonValue::new(#text);)
        })
        .collect();
    let cx = Cx { model, module, statics, values: &values };
    out.extend(fns.iter().map(|(id, f)| cx.function(*id, f, shared.contains(id))));
    let evals = EvalFnId::all(model.eval_fns.len()).zip(&model.eval_fns);
    out.extend(evals.filter(|(_, f)| f.module == module).map(|(id, f)| cx.evaluation(id, f)));
    out
}

struct Cx<'a> {
    model: &'a Model,
    module: DocId,
    statics: &'a Statics,
    values: &'a BTreeMap<String, usize>,
}

impl Cx<'_> {
    /// The function that checks a subschema.
    fn path(&self, sub: Sub) -> TokenStream {
        match sub {
            Sub::True => quote!(crate::runtime::accept),
            Sub::False => quote!(crate::runtime::reject),
            Sub::Fn(id) => {
                self.item_path(self.model.json_fns[id].module, format_ident!("json_{}", id.index()))
            }
        }
    }

    /// A call of `sub` on `value` at `at`; nothing for `true`.
    fn call(&self, sub: Sub, value: TokenStream, keyword: &str) -> TokenStream {
        match sub {
            Sub::True => quote!(),
            Sub::False => quote!(crate::runtime::never(#keyword, at, errors);),
            sub => {
                let f = self.path(sub);
                quote!(#f(#value, at, errors);)
            }
        }
    }

    fn function(&self, id: JsonFnId, f: &JsonFn, shared: bool) -> TokenStream {
        let name = format_ident!("json_{}", id.index());
        let doc = format!(
            " Checks a value against the schema at {}.",
            super::docs::code_span(&format!("#{}", f.pointer))
        );
        let rules: Vec<TokenStream> = f.rules.iter().map(|r| self.rule(r)).collect();
        let (at, errors) = if rules.iter().all(TokenStream::is_empty) {
            (quote!(_at), quote!(_errors))
        } else {
            (quote!(at), quote!(errors))
        };
        let reads = f.rules.iter().zip(&rules).any(|(r, t)| {
            !t.is_empty() && !matches!(r, Rule::Never | Rule::Apply(Sub::False) | Rule::Enter(_))
        });
        let value = if reads { quote!(value) } else { quote!(_value) };
        let vis = if shared { quote!(pub(crate)) } else { quote!() };
        // Under a quiet check that failed already (a failing `anyOf` branch, say), nothing
        // more is needed.
        let busy = f.rules.iter().zip(&rules).filter(|(_, t)| !t.is_empty()).count() > 1
            || f.rules.iter().any(|r| matches!(r, Rule::Properties { .. } | Rule::Items { .. }));
        let settled = busy.then(|| {
            quote!(if errors.is_settled() {
                return;
            })
        });
        quote! {
            #[doc = #doc]
            #vis fn #name(#value: &::serde_json::Value, #at: &crate::runtime::Pointer<'_>, #errors: &mut crate::runtime::ValidationErrors) {
                #settled
                #(#rules)*
            }
        }
    }

    fn value(&self, text: &str) -> proc_macro2::Ident {
        format_ident!("JSON_{}", self.values[text])
    }

    fn checks(&self, checks: &[crate::model::Check], value: TokenStream) -> TokenStream {
        let each = checks.iter().map(|c| check(self.statics, c, &value, &value, false, true));
        quote!(#(#each)*)
    }

    fn rule(&self, rule: &Rule) -> TokenStream {
        let some = quote!(::core::option::Option::Some);
        match rule {
            Rule::Never => quote!(crate::runtime::never("false", at, errors);),
            Rule::Type(kinds) => {
                let kinds = kinds.iter().map(|k| kind(*k));
                quote!(crate::runtime::json_type(value, &[#(crate::runtime::JsonType::#kinds),*], at, errors);)
            }
            Rule::Const(text) => {
                let v = self.value(text);
                quote!(crate::runtime::json_const(value, &#v, at, errors);)
            }
            Rule::Enum(text) => {
                let v = self.value(text);
                quote!(crate::runtime::json_enum(value, &#v, at, errors);)
            }
            Rule::Number(checks) => {
                let checks = self.checks(checks, quote!(number));
                quote!(if let #some(number) = value.as_f64() { #checks })
            }
            Rule::String(checks) => {
                let checks = self.checks(checks, quote!(text));
                quote!(if let #some(text) = value.as_str() { #checks })
            }
            Rule::Array(checks) => {
                let checks = self.checks(checks, quote!(items));
                quote!(if let #some(items) = value.as_array() { #checks })
            }
            Rule::Object(checks) => {
                let checks = self.checks(checks, quote!(object));
                quote!(if let #some(object) = value.as_object() { #checks })
            }
            Rule::Required(names) => quote! {
                if let #some(object) = value.as_object() {
                    crate::runtime::json_required(object, &[#(#names),*], at, errors);
                }
            },
            Rule::DependentRequired(entries) => {
                let each = entries.iter().map(|(property, names)| quote!(crate::runtime::json_dependent_required(object, #property, &[#(#names),*], at, errors);));
                quote!(if let #some(object) = value.as_object() { #(#each)* })
            }
            Rule::DependentSchemas(entries) => {
                let each = entries.iter().map(|(property, sub)| {
                    let call = self.call(*sub, quote!(value), "dependentSchemas");
                    quote!(if object.contains_key(#property) { #call })
                });
                quote!(if let #some(object) = value.as_object() { #(#each)* })
            }
            Rule::Properties { listed, patterns, additional } => {
                self.properties(listed, patterns, *additional)
            }
            Rule::PropertyNames(sub) => {
                let name = matches!(sub, Sub::Fn(_))
                    .then(|| quote!(let name = ::serde_json::Value::String(key.clone());));
                let call = self.call(*sub, quote!(&name), "propertyNames");
                quote! {
                    if let #some(object) = value.as_object() {
                        for key in object.keys() {
                            let at = &at.key(key);
                            #name
                            #call
                        }
                    }
                }
            }
            Rule::Items { prefix, rest } => {
                let each =
                    prefix.iter().enumerate().filter(|(_, s)| **s != Sub::True).map(|(i, sub)| {
                        let get =
                            if i == 0 { quote!(items.first()) } else { quote!(items.get(#i)) };
                        let call = self.call(*sub, quote!(item), "items");
                        if *sub == Sub::False {
                            return quote!(if items.len() > #i { let at = &at.index(#i); #call });
                        }
                        quote!(if let #some(item) = #get { let at = &at.index(#i); #call })
                    });
                let rest = (*rest != Sub::True).then(|| {
                    let n = prefix.len();
                    let iter = if n == 0 {
                        quote!(items.iter().enumerate())
                    } else {
                        quote!(items.iter().enumerate().skip(#n))
                    };
                    let call = self.call(*rest, quote!(item), "items");
                    let item = bind(*rest, quote!(item));
                    quote!(for (index, #item) in #iter { let at = &at.index(index); #call })
                });
                quote!(if let #some(items) = value.as_array() { #(#each)* #rest })
            }
            Rule::Contains { schema, min, max } => {
                let f = self.path(*schema);
                let max = match max {
                    Some(m) => quote!(#some(#m)),
                    None => quote!(::core::option::Option::None),
                };
                quote!(if let #some(items) = value.as_array() { crate::runtime::json_contains(items, #f, #min, #max, at, errors); })
            }
            Rule::Apply(sub) => self.call(*sub, quote!(value), "false"),
            Rule::Enter(uri) => enter_scope(uri),
            Rule::Dynamic { initial, candidates } => {
                let call = |sub: &Sub| self.call(*sub, quote!(value), "$dynamicRef");
                dynamic_choice(candidates, call, initial)
            }
            Rule::AnyOf(branches) => self.branches(branches, "any"),
            Rule::OneOf(branches) => self.branches(branches, "one"),
            Rule::Not(sub) => {
                let f = self.path(*sub);
                quote!(crate::runtime::json_not(value, #f, at, errors);)
            }
            Rule::Unevaluated { of, evaluated, schema } => {
                let name = match of {
                    Evaluates::Properties => quote!(json_unevaluated_properties),
                    Evaluates::Items => quote!(json_unevaluated_items),
                };
                let evaluated = match evaluated {
                    Evaluated::Fn(id) => {
                        let f = self.eval_path(*id);
                        quote!(#some(#f))
                    }
                    _ => quote!(::core::option::Option::None),
                };
                let check = match schema {
                    Sub::False => quote!(::core::option::Option::None),
                    sub => {
                        let f = self.path(*sub);
                        quote!(#some(#f))
                    }
                };
                quote!(crate::runtime::#name(value, #evaluated, #check, at, errors);)
            }
            Rule::If { condition, then, otherwise } => {
                let f = self.path(*condition);
                let (then, otherwise) = (
                    self.call(*then, quote!(value), "then"),
                    self.call(*otherwise, quote!(value), "else"),
                );
                if otherwise.is_empty() {
                    quote!(if crate::runtime::is_valid(value, #f) { #then })
                } else if then.is_empty() {
                    quote!(if !crate::runtime::is_valid(value, #f) { #otherwise })
                } else {
                    quote!(if crate::runtime::is_valid(value, #f) { #then } else { #otherwise })
                }
            }
        }
    }

    /// `anyOf` (`one`: `oneOf`) of `branches`; with each branch's kinds where branches
    /// admit different kinds of values, so that a value runs only those of its kind.
    fn branches(&self, branches: &[Sub], which: &str) -> TokenStream {
        let fs = branches.iter().map(|b| self.path(*b));
        let kinds: Vec<u8> = branches.iter().map(|b| self.statics.kinds.of(*b)).collect();
        if kinds.windows(2).all(|pair| pair[0] == pair[1]) {
            let f = format_ident!("json_{which}_of");
            return quote!(crate::runtime::#f(value, &[#(#fs),*], at, errors););
        }
        let f = format_ident!("json_{which}_of_kinds");
        let kinds = kinds.into_iter().map(kind_names);
        quote!(crate::runtime::#f(value, &[#((#kinds, #fs)),*], at, errors);)
    }

    /// The evaluation function at `id`, from this module.
    fn eval_path(&self, id: EvalFnId) -> TokenStream {
        self.item_path(self.model.eval_fns[id].module, format_ident!("eval_{}", id.index()))
    }

    /// The path of the item `name` of `module`'s Rust module, from this module.
    fn item_path(&self, module: DocId, name: proc_macro2::Ident) -> TokenStream {
        match &self.model.modules[module].name {
            _ if module == self.module => quote!(#name),
            Some(other) => {
                let other = super::rust::ident(other);
                quote!(crate::#other::#name)
            }
            None => quote!(crate::#name),
        }
    }

    /// The function that marks what a subschema evaluates.
    fn evaluation(&self, id: EvalFnId, f: &EvalFn) -> TokenStream {
        let name = format_ident!("eval_{}", id.index());
        let what = match f.of {
            Evaluates::Properties => "properties",
            Evaluates::Items => "items",
        };
        let doc = format!(
            " Marks the {what} that the schema at {} evaluates.",
            super::docs::code_span(&format!("#{}", f.pointer))
        );
        let marks = |e: &Evaluated| match e {
            Evaluated::Nothing => quote!(),
            Evaluated::All => quote!(crate::runtime::mark_all(marks);),
            Evaluated::Fn(id) => {
                let f = self.eval_path(*id);
                quote!(#f(value, marks);)
            }
        };
        let parts = f.parts.iter().map(|part| match part {
            Evaluation::Names(names) => {
                quote!(crate::runtime::mark_properties(value, |key| matches!(key, #(#names)|*), marks);)
            }
            Evaluation::Patterns(patterns) => {
                let p = patterns.iter().map(|p| format_ident!("PATTERN_{}", self.statics.patterns[p]));
                quote!(crate::runtime::mark_properties(value, |key| #(#p.is_match(key))||*, marks);)
            }
            Evaluation::Prefix(n) => quote!(crate::runtime::mark_first(#n, marks);),
            Evaluation::Contains(sub) => {
                let f = self.path(*sub);
                quote!(crate::runtime::mark_contains(value, #f, marks);)
            }
            Evaluation::Always(e) => marks(e),
            Evaluation::When(sub, e) => {
                let (f, then) = (self.path(*sub), marks(e));
                quote!(if crate::runtime::is_valid(value, #f) { #then })
            }
            Evaluation::Unless(sub, e) => {
                let (f, then) = (self.path(*sub), marks(e));
                quote!(if !crate::runtime::is_valid(value, #f) { #then })
            }
            Evaluation::Present(name, e) => {
                let then = marks(e);
                quote!(if value.get(#name).is_some() { #then })
            }
            Evaluation::Enter(uri) => enter_scope(uri),
            Evaluation::Dynamic { initial, candidates } => {
                dynamic_choice(candidates, marks, initial)
            }
        });
        let reads = f.parts.iter().any(|p| {
            !matches!(
                p,
                Evaluation::Prefix(_)
                    | Evaluation::Enter(_)
                    | Evaluation::Always(Evaluated::All | Evaluated::Nothing)
            )
        });
        let value = if reads { quote!(value) } else { quote!(_value) };
        quote! {
            #[doc = #doc]
            pub(crate) fn #name(#value: &::serde_json::Value, marks: &mut [bool]) {
                #(#parts)*
            }
        }
    }

    /// `properties`, `patternProperties` and `additionalProperties` over the entries.
    fn properties(
        &self,
        listed: &[(String, Sub)],
        patterns: &[(String, Sub)],
        additional: Sub,
    ) -> TokenStream {
        let some = quote!(::core::option::Option::Some);
        let checked: Vec<_> = listed.iter().filter(|(_, s)| *s != Sub::True).collect();
        if patterns.is_empty() && additional == Sub::True && checked.len() < FEW_PROPERTIES {
            // A few listed properties: look each up.
            let each = checked.iter().map(|(name, sub)| {
                let call = self.call(*sub, quote!(item), "properties");
                if *sub == Sub::False {
                    return quote!(if object.contains_key(#name) { let at = &at.key(#name); #call });
                }
                quote!(if let #some(item) = object.get(#name) { let at = &at.key(#name); #call })
            });
            return quote!(if let #some(object) = value.as_object() { #(#each)* });
        }
        // Otherwise one pass over the entries: a `match` on the name costs less than a
        // map lookup per listed property.
        let body = self.entry(listed, patterns, additional);
        let item = if reads_item(listed, patterns, additional) { quote!(item) } else { quote!(_) };
        quote! {
            if let #some(object) = value.as_object() {
                for (key, #item) in object {
                    let key = key.as_str();
                    let at = &at.key(key);
                    #body
                }
            }
        }
    }

    /// The checks of one entry (`key`: `item`, at `at`) of an object.
    fn entry(
        &self,
        listed: &[(String, Sub)],
        patterns: &[(String, Sub)],
        additional: Sub,
    ) -> TokenStream {
        let checked = listed.iter().any(|(_, s)| *s != Sub::True);
        let rest = (additional != Sub::True).then(|| match additional {
            Sub::False => quote!(crate::runtime::json_unlisted(key, at, errors);),
            sub => self.call(sub, quote!(item), "additionalProperties"),
        });
        // The arms of the listed properties; with a rest, each says the name is listed.
        let arms = listed.iter().filter(|(_, s)| rest.is_some() || *s != Sub::True);
        let arms = arms.map(|(name, sub)| {
            let call = self.call(*sub, quote!(item), "properties");
            if rest.is_some() {
                quote!(#name => { #call true })
            } else {
                quote!(#name => { #call })
            }
        });
        let mutable = (!patterns.is_empty()).then(|| quote!(mut));
        let listed_match = match &rest {
            None if !checked => quote!(),
            None => quote!(match key { #(#arms)* _ => {} }),
            Some(_) if listed.is_empty() && patterns.is_empty() => quote!(),
            Some(_) if listed.is_empty() => quote!(let mut matched = false;),
            Some(_) if !checked => {
                let names = listed.iter().map(|(n, _)| n);
                quote!(let #mutable matched = matches!(key, #(#names)|*);)
            }
            Some(_) => quote!(let #mutable matched = match key { #(#arms)* _ => false };),
        };
        let has_rest = rest.is_some();
        let pattern_calls = patterns
            .iter()
            .filter(|(_, s)| *s != Sub::True || additional != Sub::True)
            .map(|(pattern, sub)| {
                let p = format_ident!("PATTERN_{}", self.statics.patterns[pattern]);
                let call = self.call(*sub, quote!(item), "patternProperties");
                let mark = has_rest.then(|| quote!(matched = true;));
                quote!(if #p.is_match(key) { #mark #call })
            })
            .collect::<Vec<_>>();
        let rest = rest.map(|call| {
            if listed.is_empty() && patterns.is_empty() {
                call
            } else {
                quote!(if !matched { #call })
            }
        });
        quote!(#listed_match #(#pattern_calls)* #rest)
    }
}

/// Whether the checks of an entry read its value (not only its name).
fn reads_item(listed: &[(String, Sub)], patterns: &[(String, Sub)], additional: Sub) -> bool {
    listed.iter().chain(patterns).any(|(_, s)| matches!(s, Sub::Fn(_)))
        || matches!(additional, Sub::Fn(_))
}

/// `properties`, `patternProperties` and `additionalProperties` of one entry of an
/// object, as a closure over `key`, `item`, `at` and `errors` (a `runtime::EntryCheck`).
pub fn entry(model: &Model, module: DocId, statics: &Statics, rule: Properties<'_>) -> TokenStream {
    let (listed, patterns, additional) = rule;
    let values = BTreeMap::new();
    let cx = Cx { model, module, statics, values: &values };
    let body = cx.entry(listed, patterns, additional);
    let item = if reads_item(listed, patterns, additional) { quote!(item) } else { quote!(_item) };
    quote! {
        |key: &str, #item: &::serde_json::Value, at: &crate::runtime::Pointer<'_>, errors: &mut crate::runtime::ValidationErrors| {
            #body
        }
    }
}

/// A `properties` rule: the listed properties, the patterns and the rest.
pub type Properties<'a> = (&'a [(String, Sub)], &'a [(String, Sub)], Sub);

/// From this many checked properties on, an object check passes over the entries once
/// instead of looking each property up.
const FEW_PROPERTIES: usize = 3;

/// The pattern that binds a value only where `sub` reads it.
fn bind(sub: Sub, name: TokenStream) -> TokenStream {
    if matches!(sub, Sub::Fn(_)) {
        name
    } else {
        quote!(_)
    }
}

fn kind(k: JsonKind) -> proc_macro2::Ident {
    format_ident!("{}", format!("{k:?}"))
}

/// Entering a resource of the dynamic scope: the guard leaves it when the function returns.
fn enter_scope(uri: &str) -> TokenStream {
    quote!(let _scope = crate::runtime::enter_scope(#uri);)
}

/// What a dynamic reference does: `code` of the first candidate whose resource the scope
/// holds (outermost first), else of `initial`; `initial`'s alone where none can be.
fn dynamic_choice<T>(
    candidates: &[(String, T)],
    code: impl Fn(&T) -> TokenStream,
    initial: &T,
) -> TokenStream {
    let otherwise = code(initial);
    if candidates.is_empty() {
        return otherwise;
    }
    let uris = candidates.iter().map(|(uri, _)| uri);
    let arms = candidates.iter().enumerate().map(|(i, (_, target))| {
        let (i, then) = (proc_macro2::Literal::usize_unsuffixed(i), code(target));
        quote!(::core::option::Option::Some(#i) => { #then })
    });
    quote!(match crate::runtime::dynamic_scope(&[#(#uris),*]) {
        #(#arms)*
        _ => { #otherwise }
    })
}

/// Kinds bits as the runtime's named constants (`0` for none).
fn kind_names(bits: u8) -> TokenStream {
    use schemagen_runtime::kinds::{ARRAY, BOOLEAN, NULL, NUMBER, OBJECT, STRING};
    let named = [
        (NULL, "NULL"),
        (BOOLEAN, "BOOLEAN"),
        (NUMBER, "NUMBER"),
        (STRING, "STRING"),
        (ARRAY, "ARRAY"),
        (OBJECT, "OBJECT"),
    ];
    let names = named.iter().filter(|(bit, _)| bits & bit != 0).map(|(_, name)| {
        let name = format_ident!("{name}");
        quote!(crate::runtime::kinds::#name)
    });
    let names: Vec<TokenStream> = names.collect();
    match names.is_empty() {
        true => quote!(0),
        false => quote!(#(#names)|*),
    }
}
