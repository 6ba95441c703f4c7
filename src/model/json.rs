//! Whole-schema checks as the model holds them: a tree of [`JsonFn`]s, one per
//! subschema, that the emitter writes as Rust functions over `serde_json::Value`.

use std::collections::BTreeSet;

use super::{Check, DocId, JsonFnId, Model};
pub use crate::schema::JsonKind;
use crate::schema::JsonPointer;

/// The check of one subschema, on a JSON value.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonFn {
    /// Index into [`Model::modules`]: the document it comes from.
    pub module: DocId,
    /// The subschema's JSON pointer.
    pub pointer: JsonPointer,
    /// Its keywords, checked in order.
    pub rules: Vec<Rule>,
}

/// A subschema that a keyword applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sub {
    /// `true` (or a schema that asserts nothing): every value holds.
    True,
    /// `false`: no value holds.
    False,
    /// The function at this index of [`Model::json_fns`].
    Fn(JsonFnId),
}

/// One keyword (or group of keywords) of a subschema.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// The `false` schema.
    Never,
    /// `type`.
    Type(Vec<JsonKind>),
    /// `const`, as compact JSON.
    Const(String),
    /// `enum`, as a compact JSON array.
    Enum(String),
    /// Checks of numbers (bounds, `multipleOf`).
    Number(Vec<Check>),
    /// Checks of strings (lengths, `pattern`).
    String(Vec<Check>),
    /// Checks of arrays (item counts, `uniqueItems`).
    Array(Vec<Check>),
    /// Checks of objects (property counts).
    Object(Vec<Check>),
    /// `required`.
    Required(Vec<String>),
    /// `dependentRequired` (and `dependencies` of names).
    DependentRequired(Vec<(String, Vec<String>)>),
    /// `dependentSchemas` (and `dependencies` of schemas).
    DependentSchemas(Vec<(String, Sub)>),
    /// `properties`, `patternProperties` and `additionalProperties` (which applies to
    /// the properties neither of the others names).
    Properties { listed: Vec<(String, Sub)>, patterns: Vec<(String, Sub)>, additional: Sub },
    /// `propertyNames`.
    PropertyNames(Sub),
    /// `prefixItems` + `items` (or draft-07's array `items` + `additionalItems`).
    Items { prefix: Vec<Sub>, rest: Sub },
    /// `contains` with `minContains` (1 without it) and `maxContains`.
    Contains { schema: Sub, min: u64, max: Option<u64> },
    /// `$ref`, and each `allOf` branch.
    Apply(Sub),
    /// `anyOf`.
    AnyOf(Vec<Sub>),
    /// `oneOf`.
    OneOf(Vec<Sub>),
    /// `not`.
    Not(Sub),
    /// `if`/`then`/`else`.
    If { condition: Sub, then: Sub, otherwise: Sub },
}

impl JsonFn {
    /// The asserted `format`s it checks.
    pub fn formats(&self) -> Vec<String> {
        let strings = self.rules.iter().filter_map(|r| match r {
            Rule::String(checks) => Some(checks),
            _ => None,
        });
        strings
            .flatten()
            .filter_map(|c| match c {
                Check::Format(f) => Some(f.clone()),
                _ => None,
            })
            .collect()
    }

    /// The `pattern`s it matches: of string checks and of `patternProperties`.
    pub fn patterns(&self) -> Vec<String> {
        let mut out = Vec::new();
        for rule in &self.rules {
            match rule {
                Rule::String(checks) => out.extend(checks.iter().filter_map(|c| match c {
                    Check::Pattern(p) => Some(p.clone()),
                    _ => None,
                })),
                Rule::Properties { patterns, .. } => {
                    out.extend(patterns.iter().map(|(p, _)| p.clone()))
                }
                _ => {}
            }
        }
        out
    }
}

impl Model {
    /// The JSON functions that a function of another module calls (a `$ref` between
    /// documents): these are visible to the whole crate.
    pub fn json_fns_called_across_modules(&self) -> BTreeSet<JsonFnId> {
        let mut out = BTreeSet::new();
        for f in &self.json_fns {
            for rule in &f.rules {
                rule.subs(&mut |s| {
                    out.extend(s.id().filter(|&id| self.json_fns[id].module != f.module))
                });
            }
        }
        out
    }
}

impl Sub {
    /// The function applied, if one is.
    pub fn id(self) -> Option<JsonFnId> {
        match self {
            Sub::Fn(id) => Some(id),
            _ => None,
        }
    }
}

impl Rule {
    /// Calls `f` on the subschemas the rule applies to the value itself (not to its
    /// items or properties).
    pub fn same_value_subs(&self, f: &mut dyn FnMut(Sub)) {
        match self {
            Rule::Apply(_)
            | Rule::Not(_)
            | Rule::AnyOf(_)
            | Rule::OneOf(_)
            | Rule::If { .. }
            | Rule::DependentSchemas(_) => self.subs(f),
            _ => {}
        }
    }

    /// Calls `f` on every subschema the rule applies.
    pub fn subs(&self, f: &mut dyn FnMut(Sub)) {
        let mut copy = self.clone();
        copy.subs_mut(&mut |s| f(*s));
    }

    /// Calls `f` on every subschema the rule applies, mutably.
    pub fn subs_mut(&mut self, f: &mut dyn FnMut(&mut Sub)) {
        match self {
            Rule::DependentSchemas(list) => list.iter_mut().for_each(|(_, s)| f(s)),
            Rule::Properties { listed, patterns, additional } => {
                listed.iter_mut().chain(patterns.iter_mut()).for_each(|(_, s)| f(s));
                f(additional);
            }
            Rule::PropertyNames(s)
            | Rule::Apply(s)
            | Rule::Not(s)
            | Rule::Contains { schema: s, .. } => f(s),
            Rule::Items { prefix, rest } => {
                prefix.iter_mut().for_each(&mut *f);
                f(rest);
            }
            Rule::AnyOf(list) | Rule::OneOf(list) => list.iter_mut().for_each(f),
            Rule::If { condition, then, otherwise } => {
                f(condition);
                f(then);
                f(otherwise);
            }
            _ => {}
        }
    }
}
