//! Properties a typed struct's fields already validate. A struct's whole-schema check
//! (an `oneOf` of object branches, say) often lists the same property schemas as its
//! fields: `validate()` checks each field against its schema, so wherever the check
//! reads the struct's own value (its keywords, `$ref`s and `allOf`/`anyOf`/`oneOf`/
//! `not`/`if` branches, not the values inside it), such a property's subschema there
//! cannot change the verdict: a value that fails it fails its field too. It is then no
//! check, and the property's value need not be written to JSON for it.

use std::collections::BTreeMap;

use serde_json::Value;

use super::json_check::Compiler;
use crate::model::{Check, JsonFnId, Location, Sub, TypeDef, TypeId, TypeKind};
use crate::schema::{Draft, JsonPointer, VOCABULARY};

/// Property name -> the schema its field's type and checks express whole.
type Covered = BTreeMap<String, Location>;

/// The covered properties of a struct, by its fields.
fn covered(t: &TypeDef) -> Covered {
    let TypeKind::Struct(def) = &t.kind else { return Covered::new() };
    def.fields.iter().filter_map(|f| Some((f.json_name.clone(), f.source.clone()?))).collect()
}

/// Whether a document mentions dynamic references: a subschema's meaning then depends
/// on the way it is reached, and a field's schema may not mean what the check's does.
fn mentions_dynamic(value: &Value) -> bool {
    match value {
        Value::Object(o) => {
            o.contains_key("$dynamicRef")
                || o.contains_key("$recursiveRef")
                || o.values().any(mentions_dynamic)
        }
        Value::Array(items) => items.iter().any(mentions_dynamic),
        _ => false,
    }
}

impl Compiler<'_> {
    /// The functions of the structs' own checks (`Check::Schema` of a struct type)
    /// compiled with their covered properties, where no document has dynamic references.
    pub(super) fn typed_roots(
        &mut self,
        types: &[TypeDef],
        expressed: &BTreeMap<Location, Vec<String>>,
    ) -> BTreeMap<(TypeId, Location), JsonFnId> {
        let mut typed = BTreeMap::new();
        if self.docs_mention_dynamic() {
            return typed;
        }
        for (id, t) in TypeId::all(types.len()).zip(types) {
            let covered = covered(t);
            if covered.is_empty() || self.dialect_unknown(t.module) {
                continue;
            }
            for c in &t.checks {
                let Check::Schema(p) = c else { continue };
                let at = Location::new(t.module, p);
                let kept = expressed.get(&at).cloned().unwrap_or_default();
                self.module = t.module;
                if let Ok(f) = self.with_covered(covered.clone(), |c| c.root_fn(p, kept)) {
                    typed.insert((id, at), f);
                }
            }
        }
        typed
    }

    /// Compiles the check of a struct's own value with its covered properties (see the
    /// module's doc): functions made so are kept apart from those of other contexts.
    pub(super) fn with_covered<T>(
        &mut self,
        covered: Covered,
        compile: impl FnOnce(&mut Self) -> T,
    ) -> T {
        let ctx = match self.contexts.iter().position(|c| *c == covered) {
            Some(i) => i,
            None => {
                self.contexts.push(covered);
                self.contexts.len() - 1
            }
        };
        let outer = std::mem::replace(&mut self.ctx, ctx);
        let result = compile(self);
        self.ctx = outer;
        result
    }

    /// The subschema at `at` of a value the current one holds (an item, a property's
    /// value): read outside the struct's context.
    pub(super) fn at(&mut self, at: JsonPointer) -> Result<Sub, String> {
        let outer = std::mem::replace(&mut self.ctx, 0);
        let result = self.sub(&at);
        self.ctx = outer;
        result
    }

    /// The subschema at `at` applied to the current value itself.
    pub(super) fn same(&mut self, at: JsonPointer) -> Result<Sub, String> {
        self.sub(&at)
    }

    /// `properties`: each name with its subschema, `true` for one the struct's field of
    /// that name validates already.
    pub(super) fn listed(
        &mut self,
        o: &serde_json::Map<String, Value>,
        pointer: &JsonPointer,
    ) -> Result<Vec<(String, Sub)>, String> {
        let Some(entries) = o.get("properties") else { return Ok(Vec::new()) };
        let entries = entries.as_object().ok_or("`properties` is not an object")?;
        let mut out = Vec::new();
        for name in entries.keys() {
            let at = pointer.join("properties").child(name);
            let sub = match self.is_covered(name, &at) {
                true => Sub::True,
                false => self.at(at)?,
            };
            out.push((name.clone(), sub));
        }
        Ok(out)
    }

    fn docs_mention_dynamic(&self) -> bool {
        (0..self.docs.len())
            .any(|i| mentions_dynamic(self.source_root(crate::model::DocId::new(i))))
    }

    fn is_covered(&self, name: &str, at: &JsonPointer) -> bool {
        let Some(source) = self.contexts[self.ctx].get(name) else { return false };
        let here = Location::new(self.module, at);
        here == *source || self.ref_target(here) == self.ref_target(source.clone())
    }

    /// Where a schema leads that is a `$ref` and annotations alone (before 2019-09 a
    /// `$ref`'s siblings are ignored), through any number of such schemas.
    fn ref_target(&self, mut at: Location) -> Location {
        // A cycle of such references holds no schema: stop after a bound.
        for _ in 0..64 {
            let Some(Value::Object(o)) = self.source_root(at.doc).pointer(at.pointer.as_str())
            else {
                break;
            };
            let Some(Value::String(r)) = o.get("$ref") else { break };
            let old = self.source_draft(at.doc) <= Draft::Draft7;
            if !old
                && o.keys()
                    .any(|k| k != "$ref" && (VOCABULARY.contains(&k.as_str()) || k == "format"))
            {
                break;
            }
            match self.target_in(at.doc, r) {
                Ok((doc, pointer)) => at = Location::new(doc, &pointer),
                Err(_) => break,
            }
        }
        at
    }
}
