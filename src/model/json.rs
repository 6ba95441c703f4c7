//! Whole-schema checks as the model holds them: a tree of [`JsonFn`]s, one per
//! subschema, that the emitter writes as Rust functions over `serde_json::Value`.

use std::collections::BTreeSet;

use super::{Check, DocId, EvalFnId, JsonFnId, Model};
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
    /// `unevaluatedProperties` or `unevaluatedItems`: `schema` applies to the properties
    /// (items) that `evaluated`, the schema's other keywords, did not evaluate.
    Unevaluated { of: Evaluates, evaluated: Evaluated, schema: Sub },
    /// Entering the resource of this URI, which holds dynamic anchors: it joins the
    /// dynamic scope while the function runs.
    Enter(String),
    /// `$dynamicRef` (`$recursiveRef`): the first of `candidates` whose resource the
    /// dynamic scope holds, outermost first, else `initial`.
    Dynamic { initial: Sub, candidates: Vec<(String, Sub)> },
}

/// What an evaluation function tracks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Evaluates {
    /// Property names of an object.
    Properties,
    /// Item indexes of an array.
    Items,
}

/// What a subschema evaluates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evaluated {
    /// Nothing.
    Nothing,
    /// Every property (item) of the value, whenever the subschema holds.
    All,
    /// What the function at this index of [`Model::eval_fns`] marks.
    Fn(EvalFnId),
}

/// The properties or items one subschema evaluates (its annotations, for
/// `unevaluated*`): the emitter writes it as a function that marks them.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalFn {
    /// The document it comes from.
    pub module: DocId,
    /// The subschema's JSON pointer.
    pub pointer: JsonPointer,
    /// Properties or items.
    pub of: Evaluates,
    /// Where the marks come from; a property (item) is evaluated when any part marks it.
    pub parts: Vec<Evaluation>,
}

/// One source of evaluated properties or items.
#[derive(Debug, Clone, PartialEq)]
pub enum Evaluation {
    /// `properties`: these names.
    Names(Vec<String>),
    /// `patternProperties`: names that match these patterns.
    Patterns(Vec<String>),
    /// `prefixItems` (an array `items` before 2020-12): the first items.
    Prefix(usize),
    /// `contains`: the items that hold under it.
    Contains(Sub),
    /// An in-place subschema that holds whenever this one does (`$ref`, `allOf`).
    Always(Evaluated),
    /// A subschema whose annotations count when `Sub` holds (an `anyOf`/`oneOf`
    /// branch, `if` and `then`).
    When(Sub, Evaluated),
    /// `else`: counts when `Sub` (the `if`) does not hold.
    Unless(Sub, Evaluated),
    /// `dependentSchemas`: counts when the property is present.
    Present(String, Evaluated),
    /// Entering a resource that holds dynamic anchors (see [`Rule::Enter`]).
    Enter(String),
    /// `$dynamicRef` (`$recursiveRef`): what its target in scope evaluates (see
    /// [`Rule::Dynamic`]).
    Dynamic { initial: Evaluated, candidates: Vec<(String, Evaluated)> },
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
    ///
    /// (Evaluation functions have their own: [`EvalFn::patterns`].)
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

impl EvalFn {
    /// The `patternProperties` patterns it matches.
    pub fn patterns(&self) -> Vec<String> {
        let lists = self.parts.iter().filter_map(|p| match p {
            Evaluation::Patterns(list) => Some(list),
            _ => None,
        });
        lists.flatten().cloned().collect()
    }

    /// Calls `f` on the check functions and evaluation functions it calls.
    pub fn calls(&self, f: &mut dyn FnMut(Option<JsonFnId>, Option<EvalFnId>)) {
        let mut copy = self.clone();
        copy.calls_mut(&mut |s, e| f(s.and_then(|s| s.id()), e.and_then(|e| e.id())));
    }

    /// Calls `f` on the subschemas and evaluations it refers to, mutably.
    pub fn calls_mut(&mut self, f: &mut dyn FnMut(Option<&mut Sub>, Option<&mut Evaluated>)) {
        for part in &mut self.parts {
            match part {
                Evaluation::Contains(s) => f(Some(s), None),
                Evaluation::Always(e) | Evaluation::Present(_, e) => f(None, Some(e)),
                Evaluation::When(s, e) | Evaluation::Unless(s, e) => f(Some(s), Some(e)),
                Evaluation::Dynamic { initial, candidates } => {
                    f(None, Some(initial));
                    candidates.iter_mut().for_each(|(_, e)| f(None, Some(e)));
                }
                Evaluation::Names(_)
                | Evaluation::Patterns(_)
                | Evaluation::Prefix(_)
                | Evaluation::Enter(_) => {}
            }
        }
    }
}

impl Evaluated {
    /// The function called, if one is.
    pub fn id(self) -> Option<EvalFnId> {
        match self {
            Evaluated::Fn(id) => Some(id),
            _ => None,
        }
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
        for f in &self.eval_fns {
            f.calls(&mut |s, _| out.extend(s.filter(|&id| self.json_fns[id].module != f.module)));
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
    /// The JSON type whose values alone the rule constrains (`Number` for integers too):
    /// a value of any other type meets it. `None` for a rule of every value.
    pub fn only_of(&self) -> Option<JsonKind> {
        match self {
            Rule::Number(_) => Some(JsonKind::Number),
            Rule::String(_) => Some(JsonKind::String),
            Rule::Array(_)
            | Rule::Items { .. }
            | Rule::Contains { .. }
            | Rule::Unevaluated { of: Evaluates::Items, .. } => Some(JsonKind::Array),
            Rule::Object(_)
            | Rule::Required(_)
            | Rule::DependentRequired(_)
            | Rule::DependentSchemas(_)
            | Rule::Properties { .. }
            | Rule::PropertyNames(_)
            | Rule::Unevaluated { of: Evaluates::Properties, .. } => Some(JsonKind::Object),
            Rule::Never
            | Rule::Type(_)
            | Rule::Const(_)
            | Rule::Enum(_)
            | Rule::Apply(_)
            | Rule::AnyOf(_)
            | Rule::OneOf(_)
            | Rule::Not(_)
            | Rule::If { .. }
            | Rule::Enter(_)
            | Rule::Dynamic { .. } => None,
        }
    }

    /// Calls `f` on the subschemas the rule applies to the value itself (not to its
    /// items or properties).
    pub fn same_value_subs(&self, f: &mut dyn FnMut(Sub)) {
        match self {
            Rule::Apply(_)
            | Rule::Not(_)
            | Rule::AnyOf(_)
            | Rule::OneOf(_)
            | Rule::If { .. }
            | Rule::Dynamic { .. }
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
            Rule::Unevaluated { schema, .. } => f(schema),
            Rule::Dynamic { initial, candidates } => {
                f(initial);
                candidates.iter_mut().for_each(|(_, s)| f(s));
            }
            _ => {}
        }
    }
}
