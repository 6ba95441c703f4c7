//! Each type's source schema for `schemars::JsonSchema`: the schema it was generated
//! from, as JSON Schema 2020-12 (OpenAPI 3.0 spellings rewritten), every constraint
//! kept. A `$ref` to another generated type becomes a placeholder that the generated
//! impl fills with the generator's subschema of that type; a `$ref` to a schema that is
//! no type of its own is inlined.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::load::Document;
use crate::model::{DocId, Location, Model, SourceSchema, TypeId};
use crate::schema::JsonPointer;
use crate::schema::DATA_KEYWORDS;

/// How deep `$ref`s to schemas without a type of their own are inlined; deeper ones (a
/// cycle of such schemas) accept any value.
const INLINE_DEPTH: usize = 16;

/// Fills `model.json_schemas` for every type whose location is a schema: operations'
/// request structs and response headers are made up from parameters and have none.
pub fn source_schemas(model: &mut Model, docs: &[Document]) {
    let synthetic: BTreeSet<TypeId> = model
        .operations
        .iter()
        .flat_map(|op| {
            std::iter::once(op.request).chain(op.responses.iter().filter_map(|r| r.headers))
        })
        .collect();
    let embedded: Vec<Value> = docs.iter().map(Document::resolved).collect();
    let mut out = Vec::new();
    for id in TypeId::all(model.types.len()) {
        let t = &model.types[id];
        if synthetic.contains(&id) {
            continue;
        }
        let Some(schema) = embedded[t.module].pointer(t.pointer.as_str()) else { continue };
        let mut refs = Vec::new();
        let cx = Rewrite { model, embedded: &embedded, doc: t.module };
        let value = cx.rewrite(schema, "", 0, &mut refs);
        out.push((id, SourceSchema { text: value.to_string(), refs }));
    }
    model.json_schemas.extend(out);
}

struct Rewrite<'a> {
    model: &'a Model,
    embedded: &'a [Value],
    doc: DocId,
}

impl Rewrite<'_> {
    /// `v` with its `$ref`s resolved, found at `at` in the output.
    fn rewrite(
        &self,
        v: &Value,
        at: &str,
        depth: usize,
        refs: &mut Vec<(String, TypeId)>,
    ) -> Value {
        let Value::Object(o) = v else { return v.clone() };
        let mut out = Map::new();
        for (k, child) in o {
            // Identifiers would move the base of the placeholders' references.
            if matches!(k.as_str(), "$schema" | "$id" | "id" if child.is_string()) {
                continue;
            }
            let here =
                format!("{at}/{}", JsonPointer::root().child(k).as_str().trim_start_matches('/'));
            let value = if DATA_KEYWORDS.contains(&k.as_str()) || k == "$ref" {
                child.clone()
            } else {
                match child {
                    Value::Object(_) => self.rewrite(child, &here, depth, refs),
                    Value::Array(items) => Value::Array(
                        items
                            .iter()
                            .enumerate()
                            .map(|(i, item)| {
                                self.rewrite(item, &format!("{here}/{i}"), depth, refs)
                            })
                            .collect(),
                    ),
                    _ => child.clone(),
                }
            };
            out.insert(k.clone(), value);
        }
        let Some(Value::String(target)) = out.remove("$ref") else { return Value::Object(out) };
        // The referenced schema: a type's placeholder, inlined, or (another document's,
        // or too deep) any value.
        let referenced = match target.strip_prefix('#') {
            Some(fragment) => {
                let pointer = JsonPointer::from_escaped(fragment);
                let location = Location::new(self.doc, &pointer);
                match self.model.by_location.get(&location) {
                    Some(&id) => Err(id),
                    None if depth < INLINE_DEPTH => Ok(self.embedded[self.doc.index()]
                        .pointer(pointer.as_str())
                        .cloned()
                        .unwrap_or(Value::Bool(true))),
                    None => Ok(Value::Bool(true)),
                }
            }
            None => Ok(Value::Bool(true)),
        };
        let only_ref = out.keys().all(|k| k == "description" || k == "title");
        let slot = if only_ref {
            at.to_owned()
        } else {
            let all = out.entry("allOf").or_insert_with(|| Value::Array(Vec::new()));
            let Value::Array(items) = all else { return Value::Object(out) };
            items.push(Value::Bool(true));
            format!("{at}/allOf/{}", items.len() - 1)
        };
        let value = match referenced {
            Err(id) => {
                refs.push((slot.clone(), id));
                Value::Bool(true)
            }
            Ok(schema) => self.rewrite(&schema, &slot, depth + 1, refs),
        };
        if only_ref {
            return value;
        }
        if let Some(Value::Array(items)) = out.get_mut("allOf") {
            if let Some(last) = items.last_mut() {
                *last = value;
            }
        }
        Value::Object(out)
    }
}
