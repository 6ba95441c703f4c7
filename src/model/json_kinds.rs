//! Which JSON kinds a value may have and still hold under a compiled subschema: an
//! `anyOf`/`oneOf` branch that no value of the value's kind can meet is not run.

use schemagen_runtime::kinds::{ANY, ARRAY, BOOLEAN, NULL, NUMBER, OBJECT, STRING};

use super::{JsonFnId, JsonKind, Model, Rule, Sub};

/// The kinds each [`JsonFn`](super::JsonFn) admits, as the runtime's `kinds` bits, by
/// [`JsonFnId`]: a superset of the kinds of the values that hold under it.
#[derive(Debug, Clone)]
pub struct SubKinds(Vec<u8>);

impl SubKinds {
    /// The kinds of values that may hold under `sub`.
    pub fn of(&self, sub: Sub) -> u8 {
        match sub {
            Sub::True => ANY,
            Sub::False => 0,
            Sub::Fn(id) => self.0[id.index()],
        }
    }
}

impl Model {
    /// The kinds each JSON function admits. A function met again while its own kinds
    /// are computed (a cycle of references) counts as admitting every kind: sound, as
    /// the result is only ever a superset.
    pub fn sub_kinds(&self) -> SubKinds {
        let mut known = vec![None; self.json_fns.len()];
        for id in JsonFnId::all(self.json_fns.len()) {
            self.fn_kinds(id, &mut known);
        }
        SubKinds(known.into_iter().map(|k| k.unwrap_or(ANY)).collect())
    }

    fn fn_kinds(&self, id: JsonFnId, known: &mut Vec<Option<u8>>) -> u8 {
        if let Some(kinds) = known[id.index()] {
            return kinds;
        }
        known[id.index()] = Some(ANY);
        let mut of = |sub: Sub| match sub {
            Sub::True => ANY,
            Sub::False => 0,
            Sub::Fn(id) => self.fn_kinds(id, known),
        };
        let kinds =
            self.json_fns[id].rules.iter().fold(ANY, |all, rule| all & rule_kinds(rule, &mut of));
        known[id.index()] = Some(kinds);
        kinds
    }
}

/// The kinds of the values that may meet `rule`, given those of its subschemas (`of`).
fn rule_kinds(rule: &Rule, of: &mut dyn FnMut(Sub) -> u8) -> u8 {
    let mut any_of = |subs: &mut dyn Iterator<Item = Sub>| subs.fold(0, |all, s| all | of(s));
    match rule {
        Rule::Never => 0,
        Rule::Type(types) => types.iter().fold(0, |all, t| all | kind_bit(*t)),
        Rule::Const(text) => listed_kinds(&format!("[{text}]")),
        Rule::Enum(text) => listed_kinds(text),
        Rule::Apply(sub) => any_of(&mut std::iter::once(*sub)),
        Rule::AnyOf(subs) | Rule::OneOf(subs) => any_of(&mut subs.iter().copied()),
        Rule::If { then, otherwise, .. } => any_of(&mut [*then, *otherwise].into_iter()),
        Rule::Dynamic { initial, candidates } => {
            any_of(&mut std::iter::once(*initial).chain(candidates.iter().map(|(_, s)| *s)))
        }
        Rule::Number(_)
        | Rule::String(_)
        | Rule::Array(_)
        | Rule::Object(_)
        | Rule::Required(_)
        | Rule::DependentRequired(_)
        | Rule::DependentSchemas(_)
        | Rule::Properties { .. }
        | Rule::PropertyNames(_)
        | Rule::Items { .. }
        | Rule::Contains { .. }
        | Rule::Not(_)
        | Rule::Unevaluated { .. }
        | Rule::Enter(_) => ANY,
    }
}

fn kind_bit(kind: JsonKind) -> u8 {
    match kind {
        JsonKind::Null => NULL,
        JsonKind::Boolean => BOOLEAN,
        JsonKind::Object => OBJECT,
        JsonKind::Array => ARRAY,
        JsonKind::Number | JsonKind::Integer => NUMBER,
        JsonKind::String => STRING,
    }
}

/// The kinds of the values of a JSON array's text (`enum`); every kind if it does not
/// parse, which the compiler's own text always does.
fn listed_kinds(text: &str) -> u8 {
    match serde_json::from_str::<Vec<serde_json::Value>>(text) {
        Ok(values) => values.iter().fold(0, |all, v| all | schemagen_runtime::kinds::of(v)),
        Err(_) => ANY,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocId, JsonFn};
    use crate::schema::JsonPointer;

    fn model(rules: Vec<Vec<Rule>>) -> Model {
        let json_fns = rules
            .into_iter()
            .map(|rules| JsonFn { module: DocId::new(0), pointer: JsonPointer::root(), rules })
            .collect();
        Model { json_fns, ..Model::default() }
    }

    #[test]
    fn kinds_follow_types_values_branches_and_cycles() {
        let f = |i| Sub::Fn(JsonFnId::new(i));
        let kinds = model(vec![
            // 0: an integer or a string, and a bound that does not narrow it.
            vec![Rule::Type(vec![JsonKind::Integer, JsonKind::String]), Rule::Number(vec![])],
            // 1: values of `enum` and `const`: a string or null, then null alone.
            vec![Rule::Enum(r#"["a",null]"#.to_owned()), Rule::Const("null".to_owned())],
            // 2: either of 0 and 1, through references.
            vec![Rule::AnyOf(vec![f(0), f(1)])],
            // 3: a cycle through itself, narrowed by `type` beside it.
            vec![Rule::Apply(f(3)), Rule::Type(vec![JsonKind::Array])],
            // 4: `if`: `then` or `else`, whatever the condition admits.
            vec![Rule::If { condition: f(1), then: f(3), otherwise: Sub::False }],
            // 5: properties alone: any kind (a string holds under them).
            vec![Rule::Required(vec!["a".to_owned()])],
            // 6: `false` applied: no kind.
            vec![Rule::Apply(Sub::False), Rule::Never],
        ])
        .sub_kinds();
        let of = |i| kinds.of(f(i));
        assert_eq!(of(0), NUMBER | STRING);
        assert_eq!(of(1), NULL);
        assert_eq!(of(2), NUMBER | STRING | NULL);
        assert_eq!(of(3), ARRAY);
        assert_eq!(of(4), ARRAY);
        assert_eq!(of(5), ANY);
        assert_eq!(of(6), 0);
        assert_eq!((kinds.of(Sub::True), kinds.of(Sub::False)), (ANY, 0));
    }
}
