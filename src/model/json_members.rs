//! Which members of an object a whole-schema check reads: a typed value is then
//! written to JSON with those members only, not whole, before the check runs.

use std::collections::BTreeSet;

use super::json::{Evaluates, JsonKind, Rule, Sub};
use super::{Check, JsonFnId, Model};

/// What of an object a check reads.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Read {
    /// The members whose values it reads, sorted.
    pub members: Vec<String>,
    /// The members whose presence alone it reads (`required`), sorted; empty where it
    /// reads every name.
    pub present: Vec<String>,
    /// Whether it reads the names of all members too (counts, `propertyNames`).
    pub keys: bool,
}

impl Model {
    /// What of an object the function at `id` of [`Model::json_fns`] can read; `None`
    /// when its outcome may depend on every member's value (or on the object as a whole,
    /// as `const` does). On a value that is no object the function reads the value
    /// itself, which a restriction to members leaves as it is.
    pub fn members_read(&self, id: JsonFnId) -> Option<Read> {
        let (mut read, mut present) = (BTreeSet::new(), BTreeSet::new());
        let mut keys = false;
        let mut visiting = BTreeSet::new();
        self.collect_members(id, (&mut read, &mut present), &mut keys, &mut visiting)?;
        let present = if keys { Vec::new() } else { present.difference(&read).cloned().collect() };
        Some(Read { members: read.into_iter().collect(), present, keys })
    }

    /// The `minProperties`/`maxProperties` checks that are all the function at `id`
    /// checks (beside a `type` that admits objects): of a typed object it needs only the
    /// count of members, not the members written to JSON.
    pub fn counts_only(&self, id: JsonFnId) -> Option<&[Check]> {
        let mut found = None;
        for rule in &self.json_fns[id].rules {
            match rule {
                Rule::Type(kinds) if kinds.contains(&JsonKind::Object) => {}
                Rule::Object(checks)
                    if found.is_none()
                        && checks.iter().all(|c| {
                            matches!(c, Check::MinProperties(_) | Check::MaxProperties(_))
                        }) =>
                {
                    found = Some(checks.as_slice())
                }
                _ => return None,
            }
        }
        found
    }

    /// The function whose `properties` rule is all that the function at `id` checks of
    /// an object (through `$ref`s and `allOf` branches of one function each): the check
    /// then applies entry by entry, and a typed object needs no JSON of its own for it.
    /// `None` where it checks more of an object, or nothing.
    pub fn entry_wise(&self, id: JsonFnId) -> Option<JsonFnId> {
        self.entry_rule(id, 0)
    }

    fn entry_rule(&self, id: JsonFnId, depth: usize) -> Option<JsonFnId> {
        let mut found = None;
        for rule in &self.json_fns[id].rules {
            let next = match rule {
                Rule::Type(kinds) if kinds.contains(&JsonKind::Object) => continue,
                Rule::Apply(Sub::True) => continue,
                // Of other values only.
                r if r.only_of().is_some_and(|k| k != JsonKind::Object) => continue,
                Rule::Properties { listed, patterns, additional } => {
                    let all = listed.iter().chain(patterns).map(|(_, s)| *s);
                    if all.chain([*additional]).all(|s| s == Sub::True) {
                        return None;
                    }
                    id
                }
                Rule::Apply(Sub::Fn(sub)) if depth < 8 => self.entry_rule(*sub, depth + 1)?,
                _ => return None,
            };
            if found.replace(next).is_some() {
                return None;
            }
        }
        found
    }

    fn collect_members(
        &self,
        id: JsonFnId,
        (read, present): (&mut BTreeSet<String>, &mut BTreeSet<String>),
        keys: &mut bool,
        visiting: &mut BTreeSet<JsonFnId>,
    ) -> Option<()> {
        // A function applied again to the same value reads nothing new.
        if !visiting.insert(id) {
            return Some(());
        }
        for rule in &self.json_fns[id].rules {
            match rule {
                // On an object these depend on its type alone, or do not apply.
                Rule::Never
                | Rule::Type(_)
                | Rule::Number(_)
                | Rule::String(_)
                | Rule::Array(_)
                | Rule::Items { .. }
                | Rule::Contains { .. }
                | Rule::Unevaluated { of: Evaluates::Items, .. } => {}
                // Which members are left unevaluated depends on all of them.
                Rule::Unevaluated { of: Evaluates::Properties, .. } => return None,
                Rule::Const(json) => names_an_object(&format!("[{json}]"))?,
                Rule::Enum(json) => names_an_object(json)?,
                Rule::Object(_) | Rule::PropertyNames(Sub::Fn(_) | Sub::False) => *keys = true,
                Rule::PropertyNames(Sub::True) => {}
                // Presence alone: the names, not the values.
                Rule::Required(names) => present.extend(names.iter().cloned()),
                Rule::DependentRequired(list) => {
                    for (name, names) in list {
                        present.insert(name.clone());
                        present.extend(names.iter().cloned());
                    }
                }
                Rule::DependentSchemas(list) => {
                    present.extend(list.iter().map(|(name, _)| name.clone()))
                }
                Rule::Properties { listed, patterns, additional } => {
                    if patterns.iter().any(|(_, s)| *s != Sub::True) {
                        return None;
                    }
                    match additional {
                        Sub::True if patterns.is_empty() => {}
                        // Which names are left over, and whether patterns match them.
                        Sub::True | Sub::False => *keys = true,
                        Sub::Fn(_) => return None,
                    }
                    let checked = listed.iter().filter(|(_, s)| *s != Sub::True);
                    read.extend(checked.map(|(name, _)| name.clone()));
                }
                Rule::Apply(_)
                | Rule::AnyOf(_)
                | Rule::OneOf(_)
                | Rule::Not(_)
                | Rule::If { .. }
                | Rule::Enter(_)
                | Rule::Dynamic { .. } => {}
            }
            let mut subs = Vec::new();
            rule.same_value_subs(&mut |s| subs.push(s));
            for sub in subs {
                if let Sub::Fn(sub) = sub {
                    self.collect_members(sub, (read, present), keys, visiting)?;
                }
            }
        }
        Some(())
    }
}

/// `None` when the JSON array `listed` holds an object: equality with it reads every
/// member. Other values never equal an object, whatever its members.
fn names_an_object(listed: &str) -> Option<()> {
    match serde_json::from_str::<Vec<serde_json::Value>>(listed) {
        Ok(values) if values.iter().all(|v| !v.is_object()) => Some(()),
        _ => None,
    }
}
