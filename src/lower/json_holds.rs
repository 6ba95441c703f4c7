//! Subschemas that hold for every value (an `anyOf` with such a branch) or every string
//! (a `propertyNames` schema of `type: string`): their checks are dropped, since they
//! cannot fail.

use crate::model::{JsonKind, Rule, Sub};

use super::json_check::Compiler;

impl Compiler<'_> {
    /// Whether some branch of an `anyOf` holds for every value: one is `true`, or
    /// branches of `type` alone name every JSON type between them (`{type: string}`,
    /// `{type: number}`, ... as SchemaStore writes "any value").
    pub(super) fn always_holds(&self, branches: &[Sub]) -> bool {
        let mut kinds = Vec::new();
        for b in branches {
            match b {
                Sub::True => return true,
                Sub::Fn(id) => {
                    if let [Rule::Type(k)] = self.fns[*id].rules.as_slice() {
                        kinds.extend(k.iter().copied());
                    }
                }
                Sub::False => {}
            }
        }
        let every = [JsonKind::Null, JsonKind::Boolean, JsonKind::Object, JsonKind::Array];
        let every = every.into_iter().chain([JsonKind::Number, JsonKind::String]);
        every.into_iter().all(|k| kinds.contains(&k))
    }

    /// Whether every string meets `sub` (`{type: string}` behind `$ref`s, keywords of
    /// other types): a function still being compiled (a cycle) is not known to.
    pub(super) fn every_string_holds(&self, sub: Sub, depth: usize) -> bool {
        let id = match sub {
            Sub::True => return true,
            Sub::False => return false,
            Sub::Fn(id) => id,
        };
        let rules = &self.fns[id].rules;
        !rules.is_empty()
            && depth < 8
            && rules.iter().all(|rule| match rule {
                Rule::Type(kinds) => kinds.contains(&JsonKind::String),
                Rule::Apply(sub) => self.every_string_holds(*sub, depth + 1),
                Rule::Enter(_) => true,
                // Of other values only.
                rule => rule.only_of().is_some_and(|k| k != JsonKind::String),
            })
    }
}
