//! What subschemas evaluate, for `unevaluatedProperties` and `unevaluatedItems`: the
//! annotations of `properties`, `prefixItems`, `contains` and their kin, gathered through
//! the in-place applicators whose subschemas hold (JSON Schema 2020-12, section 11).
//! Each subschema that evaluates something becomes an [`EvalFn`], which the emitter writes
//! as a function that marks the properties (items) of a value.

use serde_json::{Map, Value};

use super::json_check::{Compiler, Found};
use crate::model::{EvalFn, EvalFnId, Evaluated, Evaluates, Evaluation, Location, Rule, Sub};
use crate::schema::{Draft, JsonPointer};

impl Compiler<'_> {
    /// The `unevaluatedProperties`/`unevaluatedItems` rules of `o`, whose other keywords'
    /// evaluations they read; none before 2019-09, where they are no keywords.
    pub(super) fn unevaluated(
        &mut self,
        o: &Map<String, Value>,
        pointer: &JsonPointer,
    ) -> Result<Vec<Rule>, String> {
        let mut rules = Vec::new();
        if self.draft() < Draft::Draft2019 {
            return Ok(rules);
        }
        for (keyword, of) in [
            ("unevaluatedItems", Evaluates::Items),
            ("unevaluatedProperties", Evaluates::Properties),
        ] {
            if !o.contains_key(keyword) {
                continue;
            }
            let schema = self.at(pointer.join(keyword))?;
            if schema == Sub::True {
                continue;
            }
            let evaluated = self.evaluation(pointer, of, false)?;
            if evaluated != Evaluated::All {
                rules.push(Rule::Unevaluated { of, evaluated, schema });
            }
        }
        Ok(rules)
    }

    /// What the schema at `pointer` evaluates; `own`: whether its own `unevaluated*`
    /// keyword counts (not when that keyword is the one asking).
    fn evaluation(
        &mut self,
        pointer: &JsonPointer,
        of: Evaluates,
        own: bool,
    ) -> Result<Evaluated, String> {
        let key = (Location::new(self.module, pointer), of, own);
        if let Some(&known) = self.evaluations.get(&key) {
            return Ok(known);
        }
        // A boolean schema evaluates nothing.
        let Found::Object(o) = self.schema_at(pointer)? else { return Ok(Evaluated::Nothing) };
        let id = EvalFnId::new(self.evals.len());
        let placeholder =
            EvalFn { module: self.module, pointer: pointer.clone(), of, parts: Vec::new() };
        self.evals.push(placeholder);
        self.evaluations.insert(key.clone(), Evaluated::Fn(id));
        let mut parts = self.parts(o, pointer, of, own)?;
        let whole = if parts.contains(&Evaluation::Always(Evaluated::All)) {
            Evaluated::All
        } else if parts.is_empty() {
            Evaluated::Nothing
        } else {
            Evaluated::Fn(id)
        };
        if whole != Evaluated::Fn(id) && id.index() + 1 == self.evals.len() {
            // Nothing refers to the placeholder (a reference would be one of its parts).
            self.evals.pop();
            self.evaluations.insert(key, whole);
            return Ok(whole);
        }
        parts.splice(0..0, self.scope_entry(pointer).map(Evaluation::Enter));
        self.evals[id].parts = parts;
        Ok(whole)
    }

    fn parts(
        &mut self,
        o: &Map<String, Value>,
        pointer: &JsonPointer,
        of: Evaluates,
        own: bool,
    ) -> Result<Vec<Evaluation>, String> {
        let mut parts = Vec::new();
        let all = Evaluation::Always(Evaluated::All);
        let own_keyword = match of {
            Evaluates::Properties => "unevaluatedProperties",
            Evaluates::Items => "unevaluatedItems",
        };
        if own && o.contains_key(own_keyword) {
            return Ok(vec![all]);
        }
        match of {
            Evaluates::Properties => {
                if o.contains_key("additionalProperties") {
                    return Ok(vec![all]);
                }
                let names = |k: &str| -> Vec<String> {
                    o.get(k)
                        .and_then(Value::as_object)
                        .into_iter()
                        .flatten()
                        .map(|(k, _)| k.clone())
                        .collect()
                };
                let (listed, patterns) = (names("properties"), names("patternProperties"));
                for p in &patterns {
                    schemagen_runtime::compile_pattern(p)
                        .map_err(|e| format!("`patternProperties` at {pointer}: {e}"))?;
                }
                if !listed.is_empty() {
                    parts.push(Evaluation::Names(listed));
                }
                if !patterns.is_empty() {
                    parts.push(Evaluation::Patterns(patterns));
                }
            }
            Evaluates::Items => {
                let prefix = |k: &str| o.get(k).and_then(Value::as_array).map_or(0, Vec::len);
                if self.draft() >= Draft::Draft2020 {
                    if o.contains_key("items") {
                        return Ok(vec![all]);
                    }
                    if prefix("prefixItems") > 0 {
                        parts.push(Evaluation::Prefix(prefix("prefixItems")));
                    }
                    if o.contains_key("contains") {
                        parts.push(Evaluation::Contains(self.at(pointer.join("contains"))?));
                    }
                } else {
                    match o.get("items") {
                        Some(Value::Array(_)) if o.contains_key("additionalItems") => {
                            return Ok(vec![all])
                        }
                        Some(Value::Array(items)) if !items.is_empty() => {
                            parts.push(Evaluation::Prefix(items.len()))
                        }
                        Some(Value::Array(_)) | None => {}
                        Some(_) => return Ok(vec![all]),
                    }
                }
            }
        }
        self.applied(o, pointer, of, &mut parts)?;
        parts.retain(|p| {
            !matches!(
                p,
                Evaluation::Always(Evaluated::Nothing)
                    | Evaluation::When(_, Evaluated::Nothing)
                    | Evaluation::When(Sub::False, _)
                    | Evaluation::Unless(_, Evaluated::Nothing)
                    | Evaluation::Unless(Sub::True, _)
                    | Evaluation::Present(_, Evaluated::Nothing)
                    | Evaluation::Contains(Sub::False)
            )
        });
        for p in &mut parts {
            // A branch that always holds counts always.
            if let Evaluation::When(Sub::True, e) | Evaluation::Unless(Sub::False, e) = p {
                *p = Evaluation::Always(*e);
            }
        }
        Ok(parts)
    }

    /// The evaluations of the in-place applicators of `o`.
    fn applied(
        &mut self,
        o: &Map<String, Value>,
        pointer: &JsonPointer,
        of: Evaluates,
        parts: &mut Vec<Evaluation>,
    ) -> Result<(), String> {
        if let Some(r) = o.get("$ref") {
            let r = r.as_str().ok_or("`$ref` is not a string")?;
            let (module, target) = self.target(r)?;
            let here = std::mem::replace(&mut self.module, module);
            let evaluated = self.evaluation(&target, of, true);
            self.module = here;
            parts.push(Evaluation::Always(evaluated?));
        }
        if o.contains_key("$dynamicRef") || o.contains_key("$recursiveRef") {
            let (initial, candidates) =
                self.dynamic_targets(pointer, &mut |c, at| c.evaluation(&at, of, true))?;
            parts.push(Evaluation::Dynamic { initial, candidates });
        }
        let count = |k: &str| o.get(k).and_then(Value::as_array).map_or(0, Vec::len);
        for i in 0..count("allOf") {
            let at = pointer.join("allOf").index(i);
            parts.push(Evaluation::Always(self.evaluation(&at, of, true)?));
        }
        for keyword in ["anyOf", "oneOf"] {
            for i in 0..count(keyword) {
                let at = pointer.join(keyword).index(i);
                let holds = self.at(at.clone())?;
                parts.push(Evaluation::When(holds, self.evaluation(&at, of, true)?));
            }
        }
        if o.contains_key("if") {
            let condition = self.at(pointer.join("if"))?;
            parts
                .push(Evaluation::When(condition, self.evaluation(&pointer.join("if"), of, true)?));
            if o.contains_key("then") {
                let then = self.evaluation(&pointer.join("then"), of, true)?;
                parts.push(Evaluation::When(condition, then));
            }
            if o.contains_key("else") {
                let otherwise = self.evaluation(&pointer.join("else"), of, true)?;
                parts.push(Evaluation::Unless(condition, otherwise));
            }
        }
        let dependent = o.get("dependentSchemas").and_then(Value::as_object);
        for name in dependent.into_iter().flatten().map(|(k, _)| k) {
            let at = pointer.join("dependentSchemas").child(name);
            parts.push(Evaluation::Present(name.clone(), self.evaluation(&at, of, true)?));
        }
        Ok(())
    }
}
