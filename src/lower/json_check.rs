//! Whole-schema checks compiled into generated code. A `Check::Schema` (a value kept as
//! JSON, or the keywords a typed value's type does not express) becomes a tree of
//! [`JsonFn`]s, one per subschema, that the emitter writes as Rust functions over
//! `serde_json::Value` (`unevaluated*` read what `json_eval` gathers); only schemas this
//! cannot read exactly (dynamic references, embedded resources, other documents, unknown
//! dialects) stay with the embedded validator, each for its own node.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::json_prune::{prune, Node};
use crate::config::ParseChecks;
use crate::load::{resolve_ref, Document};
use crate::model::{
    Check, DocId, EvalFn, EvalFnId, Evaluated, Evaluates, Evaluation, JsonFn, JsonFnId, JsonKind,
    Location, Model, Rule, Sub, TypeId, TypeKind,
};
use crate::schema::{count, json_kind, Draft, JsonPointer};

/// Replaces every `Check::Schema` that compiles with a `Check::Json` of its function.
/// One compiler serves every document, so that a `$ref` into another document calls
/// that document's function.
pub(super) fn compile_schema_checks(model: &mut Model, docs: &[Document], parse: ParseChecks) {
    let sources: Vec<Source> = docs
        .iter()
        .map(|doc| {
            let root = doc.resolved();
            let draft = doc.meta.draft;
            Source { root, draft, formats: doc.config.format_assertion }
        })
        .collect();
    let checks: Vec<Vec<JsonPointer>> =
        DocId::all(docs.len()).map(|m| model.schema_checks(m)).collect();
    let mut compiled: BTreeMap<Location, JsonFnId> = BTreeMap::new();
    let mut refused = Vec::new();
    let mut compiler = Compiler {
        docs,
        sources: &sources,
        module: DocId::new(0),
        fns: &mut model.json_fns,
        by_pointer: BTreeMap::new(),
        ctx: 0,
        contexts: vec![BTreeMap::new()],
        evals: &mut model.eval_fns,
        evaluations: BTreeMap::new(),
        skip: Vec::new(),
    };
    for ((module, source), pointers) in DocId::all(sources.len()).zip(&sources).zip(checks) {
        if source.draft.is_none() {
            let schema = source.root.get("$schema").map(Value::to_string).unwrap_or_default();
            refused.extend(
                pointers
                    .into_iter()
                    .map(|p| (Location::new(module, &p), format!("the dialect {schema}"))),
            );
            continue;
        }
        for p in pointers {
            let expressed =
                model.expressed.get(&Location::new(module, &p)).cloned().unwrap_or_default();
            compiler.module = module;
            match compiler.root_fn(&p, expressed) {
                Ok(id) => {
                    compiled.insert(Location::new(module, &p), id);
                }
                Err(why) => refused.push((Location::new(module, &p), why)),
            }
        }
    }
    // A struct's own checks again, with the properties its fields validate as no check.
    let typed = compiler.typed_roots(&model.types, &model.expressed);
    // The whole schema of each type, for the values that fail to read: compiled where it
    // can be (the embedded validator is not run for them).
    for id in TypeId::all(model.types.len()) {
        let t = &model.types[id];
        let wanted = match parse {
            ParseChecks::All => true,
            ParseChecks::Roots => {
                let root = Location::new(t.module, &JsonPointer::root());
                t.pointer.is_root() || model.by_location.get(&root) == Some(&id)
            }
            ParseChecks::None => false,
        };
        if !wanted || sources[t.module].draft.is_none() {
            continue;
        }
        compiler.module = t.module;
        if let Ok(f) = compiler.root_fn(&t.pointer, Vec::new()) {
            model.parse_checks.insert(id, f);
        }
    }
    model.refusals.extend(refused);
    let fns = &model.json_fns;
    for (id, t) in TypeId::all(model.types.len()).zip(model.types.iter_mut()) {
        let module = t.module;
        // A struct's own check is its typed function where one compiled.
        let replace = |checks: &mut Vec<Check>, owner: Option<TypeId>| {
            let function = |p: &JsonPointer| {
                let at = Location::new(module, p);
                owner.and_then(|o| typed.get(&(o, at.clone()))).or_else(|| compiled.get(&at))
            };
            // A check whose function asserts nothing (its type expresses the whole schema)
            // is dropped: it would only serialize the value for nothing.
            checks.retain(|c| !matches!(c, Check::Schema(p) if function(p).is_some_and(|&id| fns[id].rules.is_empty())));
            for c in checks.iter_mut() {
                if let Check::Schema(p) = c {
                    if let Some(&id) = function(p) {
                        *c = Check::Json(id);
                    }
                }
            }
        };
        replace(&mut t.checks, Some(id));
        t.kind.walk_shapes_mut(&mut |s| replace(&mut s.checks, None));
    }
    entry_wise(model);
    prune(model);
}

/// A document as the compiler reads it.
struct Source {
    root: Value,
    /// `None`: a dialect the compiler does not know.
    draft: Option<Draft>,
    formats: bool,
}

pub(super) struct Compiler<'a> {
    pub(super) docs: &'a [Document],
    sources: &'a [Source],
    /// The document being compiled.
    pub(super) module: DocId,
    pub(super) fns: &'a mut Vec<JsonFn>,
    /// Functions made, by subschema and context (see `json_covered`).
    by_pointer: BTreeMap<(Location, usize), Sub>,
    /// The context: an index into `contexts`, 0 outside any struct's own value.
    pub(super) ctx: usize,
    /// Property name -> the schema its field expresses whole, per context.
    pub(super) contexts: Vec<BTreeMap<String, Location>>,
    pub(super) evals: &'a mut Vec<EvalFn>,
    /// What each subschema evaluates (with its own `unevaluated*` keyword or without).
    pub(super) evaluations: BTreeMap<(Location, Evaluates, bool), Evaluated>,
    /// Keywords the next `rules` call skips (a typed value's type expresses them).
    skip: Vec<String>,
}

/// Keywords whose meaning depends on state the compiler does not track (another
/// dialect's keywords): such a schema stays with the validator.
const REFUSED: &[&str] = &["$schema"];

impl<'a> Compiler<'a> {
    pub(super) fn root(&self) -> &'a Value {
        let sources: &'a [Source] = self.sources;
        &sources[self.module].root
    }

    pub(super) fn draft(&self) -> Draft {
        self.source_draft(self.module)
    }

    /// A document whose dialect the compiler does not know.
    pub(super) fn dialect_unknown(&self, doc: DocId) -> bool {
        self.sources[doc].draft.is_none()
    }

    pub(super) fn source_draft(&self, doc: DocId) -> Draft {
        self.sources[doc].draft.unwrap_or(Draft::Draft2020)
    }

    pub(super) fn source_root(&self, doc: DocId) -> &'a Value {
        let sources: &'a [Source] = self.sources;
        &sources[doc].root
    }

    /// The function of the schema at `pointer`, or (and nothing added) why some part of
    /// it cannot be compiled exactly.
    pub(super) fn root_fn(
        &mut self,
        pointer: &JsonPointer,
        expressed: Vec<String>,
    ) -> Result<JsonFnId, String> {
        let (fns_before, memo) = (self.fns.len(), self.by_pointer.clone());
        let (evals_before, evaluations) = (self.evals.len(), self.evaluations.clone());
        let first = if expressed.is_empty() {
            self.sub(pointer)
        } else {
            self.residual(pointer, expressed)
        };
        let result = first.and_then(|sub| {
            self.check_loops(fns_before, evals_before)?;
            Ok(sub)
        });
        match result {
            Ok(Sub::Fn(id)) => Ok(id),
            Ok(sub) => {
                let rules = if sub == Sub::False { vec![Rule::Never] } else { Vec::new() };
                self.fns.push(JsonFn { module: self.module, pointer: pointer.clone(), rules });
                Ok(JsonFnId::new(self.fns.len() - 1))
            }
            Err(why) => {
                self.fns.truncate(fns_before);
                self.by_pointer = memo;
                self.evals.truncate(evals_before);
                self.evaluations = evaluations;
                Err(why)
            }
        }
    }

    pub(super) fn sub(&mut self, pointer: &JsonPointer) -> Result<Sub, String> {
        if let Some(&sub) = self.by_pointer.get(&(Location::new(self.module, pointer), self.ctx)) {
            return Ok(sub);
        }
        let o = match self.schema_at(pointer)? {
            Found::Bool(true) => return Ok(Sub::True),
            Found::Bool(false) => return Ok(Sub::False),
            Found::Object(o) => o,
        };
        let id = JsonFnId::new(self.fns.len());
        self.fns.push(JsonFn { module: self.module, pointer: pointer.clone(), rules: Vec::new() });
        self.by_pointer.insert((Location::new(self.module, pointer), self.ctx), Sub::Fn(id));
        let mut rules = self.rules(o, pointer)?;
        if rules.is_empty() {
            // Asserts nothing, wherever it is met again: no function of its own where none
            // was made after it (else the unreached function is pruned).
            if id.index() + 1 == self.fns.len() {
                self.fns.pop();
            }
            self.by_pointer.insert((Location::new(self.module, pointer), self.ctx), Sub::True);
            return Ok(Sub::True);
        }
        rules.splice(0..0, self.enters(pointer));
        self.fns[id].rules = rules;
        Ok(Sub::Fn(id))
    }

    /// The schema at `pointer`; an error for one the compiler refuses or that is not there.
    pub(super) fn schema_at(&self, pointer: &JsonPointer) -> Result<Found<'a>, String> {
        self.outside_resources(pointer)?;
        let o = match self.root().pointer(pointer.as_str()) {
            Some(Value::Bool(b)) => return Ok(Found::Bool(*b)),
            Some(Value::Object(o)) => o,
            _ => return Err(format!("no schema at `{pointer}`")),
        };
        match self.refused(o, pointer) {
            Some(k) => Err(format!("`{k}`")),
            None => Ok(Found::Object(o)),
        }
    }

    /// A keyword of `o` whose meaning the compiler does not track. The root may carry
    /// `$schema`; an `$id` (draft-04: `id`) changes nothing, since loading resolved the
    /// references inside embedded resources.
    pub(super) fn refused(
        &self,
        o: &Map<String, Value>,
        pointer: &JsonPointer,
    ) -> Option<&'static str> {
        let root_ok = |k: &str| pointer.is_root() && k == "$schema";
        REFUSED
            .iter()
            .copied()
            .find(|k| o.contains_key(*k) && !root_ok(k) && !self.same_dialect(o, k))
    }

    /// A subschema may repeat the document's own `$schema`.
    fn same_dialect(&self, o: &Map<String, Value>, k: &str) -> bool {
        k == "$schema" && Draft::of_schema(o.get("$schema")) == Some(self.draft())
    }

    /// The check of a typed value's schema without the keywords its type expresses: a
    /// function of its own, since a `$ref` to the same schema needs all of it.
    fn residual(&mut self, pointer: &JsonPointer, expressed: Vec<String>) -> Result<Sub, String> {
        self.outside_resources(pointer)?;
        let Some(Value::Object(o)) = self.root().pointer(pointer.as_str()) else {
            return self.sub(pointer);
        };
        if let Some(k) = self.refused(o, pointer) {
            return Err(format!("`{k}`"));
        }
        let id = JsonFnId::new(self.fns.len());
        self.fns.push(JsonFn { module: self.module, pointer: pointer.clone(), rules: Vec::new() });
        self.skip = expressed;
        let mut rules = self.rules(o, pointer)?;
        if !rules.is_empty() {
            rules.splice(0..0, self.enters(pointer));
        }
        self.fns[id].rules = rules;
        Ok(Sub::Fn(id))
    }

    /// Refuses a subschema inside an embedded resource of another dialect (an ancestor
    /// whose `$schema` is not the document's), whose keywords mean other things.
    pub(super) fn outside_resources(&self, pointer: &JsonPointer) -> Result<(), String> {
        let mut ancestor = pointer.parent().filter(|p| !p.is_root());
        while let Some(at) = ancestor {
            // (A `properties` map may list a property named `$schema`: its value is no string.)
            if let Some(Value::Object(o)) = self.root().pointer(at.as_str()) {
                if o.get("$schema").is_some_and(Value::is_string)
                    && !self.same_dialect(o, "$schema")
                {
                    return Err("a subschema of an embedded resource of another dialect".to_owned());
                }
            }
            ancestor = at.parent().filter(|p| !p.is_root());
        }
        Ok(())
    }

    /// The function of a `$ref`'s target, in whichever document it is.
    fn reference(&mut self, r: &str) -> Result<Sub, String> {
        let (module, target) = self.target(r)?;
        let here = std::mem::replace(&mut self.module, module);
        let target = self.sub(&target);
        self.module = here;
        target
    }

    /// The document and pointer a `$ref` leads to.
    pub(super) fn target(&self, r: &str) -> Result<(DocId, JsonPointer), String> {
        self.target_in(self.module, r)
    }

    /// The document and pointer a `$ref` of the document `from` leads to.
    pub(super) fn target_in(&self, from: DocId, r: &str) -> Result<(DocId, JsonPointer), String> {
        let refused = || format!("`$ref` to `{r}`");
        let (module, fragment) = crate::load::target_of(self.docs, from, r).ok_or_else(refused)?;
        if !(fragment == "#" || fragment.starts_with("#/")) || self.sources[module].draft.is_none()
        {
            return Err(refused());
        }
        let (target, _) = resolve_ref(&self.sources[module].root, &fragment)?;
        Ok((module, target))
    }

    fn list(
        &mut self,
        o: &Map<String, Value>,
        pointer: &JsonPointer,
        keyword: &str,
    ) -> Result<Option<Vec<Sub>>, String> {
        match o.get(keyword) {
            None => Ok(None),
            // The branches of `allOf`/`anyOf`/`oneOf` read the value itself.
            Some(Value::Array(items)) if !items.is_empty() => (0..items.len())
                .map(|i| match keyword {
                    "prefixItems" => self.at(pointer.join(keyword).index(i)),
                    _ => self.same(pointer.join(keyword).index(i)),
                })
                .collect::<Result<_, _>>()
                .map(Some),
            Some(_) => Err(format!("`{keyword}` is not a non-empty array")),
        }
    }

    fn map(
        &mut self,
        o: &Map<String, Value>,
        pointer: &JsonPointer,
        keyword: &str,
    ) -> Result<Vec<(String, Sub)>, String> {
        let Some(entries) = o.get(keyword) else { return Ok(Vec::new()) };
        let entries = entries.as_object().ok_or_else(|| format!("`{keyword}` is not an object"))?;
        // `dependentSchemas` read the value itself, the others its properties' values.
        let mut each = |k: &String| {
            let at = pointer.join(keyword).child(k);
            Ok((
                k.clone(),
                if keyword == "dependentSchemas" { self.same(at)? } else { self.at(at)? },
            ))
        };
        entries.keys().map(&mut each).collect()
    }

    fn rules(
        &mut self,
        o: &Map<String, Value>,
        pointer: &JsonPointer,
    ) -> Result<Vec<Rule>, String> {
        // Skipped keywords are left out, except that `properties` still names the
        // properties `additionalProperties` does not apply to.
        let skip = std::mem::take(&mut self.skip);
        if self.draft() <= Draft::Draft7
            && o.contains_key("$ref")
            && skip.iter().any(|k| k == "$ref")
        {
            // Before 2019-09 the `$ref` is the whole schema, and the type expresses it.
            return Ok(Vec::new());
        }
        let kept;
        let o = if skip.is_empty() {
            o
        } else {
            kept = o
                .iter()
                .filter(|(k, _)| !skip.contains(k) || *k == "properties")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect::<Map<String, Value>>();
            &kept
        };
        let names_only = skip.iter().any(|k| k == "properties");
        self.rules_of(o, pointer, names_only)
    }

    fn rules_of(
        &mut self,
        o: &Map<String, Value>,
        pointer: &JsonPointer,
        names_only: bool,
    ) -> Result<Vec<Rule>, String> {
        let mut rules = Vec::new();
        if let Some(r) = o.get("$ref") {
            let r = r.as_str().ok_or("`$ref` is not a string")?;
            let target = self.reference(r)?;
            if target != Sub::True {
                rules.push(Rule::Apply(target));
            }
            // Before 2019-09, `$ref` overrides its siblings.
            if self.draft() <= Draft::Draft7 {
                return Ok(rules);
            }
        }
        if o.contains_key("$dynamicRef") || o.contains_key("$recursiveRef") {
            let dynamic = self.dynamic(pointer)?;
            if !matches!(&dynamic, Rule::Dynamic { initial: Sub::True, candidates } if candidates.iter().all(|(_, s)| *s == Sub::True))
            {
                rules.push(dynamic);
            }
        }
        if let Some(t) = o.get("type") {
            rules.push(Rule::Type(types(t)?));
        }
        // Draft-04 has no `const`, `contains` or `propertyNames`: they annotate there.
        if let Some(v) = o.get("const").filter(|_| self.draft() >= Draft::Draft6) {
            rules.push(Rule::Const(v.to_string()));
        }
        if let Some(v) = o.get("enum") {
            v.as_array().ok_or("`enum` is not an array")?;
            rules.push(Rule::Enum(v.to_string()));
        }
        self.scalars(o, pointer, &mut rules)?;
        self.arrays(o, pointer, &mut rules)?;
        self.objects(o, pointer, names_only, &mut rules)?;
        for branch in self.list(o, pointer, "allOf")?.into_iter().flatten() {
            rules.push(Rule::Apply(branch));
        }
        if let Some(branches) = self.list(o, pointer, "anyOf")? {
            if !self.always_holds(&branches) {
                rules.push(Rule::AnyOf(branches));
            }
        }
        if let Some(branches) = self.list(o, pointer, "oneOf")? {
            rules.push(Rule::OneOf(branches));
        }
        if o.contains_key("not") {
            rules.push(Rule::Not(self.same(pointer.join("not"))?));
        }
        if o.contains_key("if") && self.draft() >= Draft::Draft7 {
            let mut branch = |k: &str| {
                if o.contains_key(k) {
                    self.same(pointer.join(k))
                } else {
                    Ok(Sub::True)
                }
            };
            let (then, otherwise) = (branch("then")?, branch("else")?);
            if (then, otherwise) != (Sub::True, Sub::True) {
                let condition = self.same(pointer.join("if"))?;
                rules.push(Rule::If { condition, then, otherwise });
            }
        }
        rules.extend(self.unevaluated(o, pointer)?);
        rules.retain(|r| !matches!(r, Rule::Apply(Sub::True)));
        Ok(rules)
    }

    fn scalars(
        &mut self,
        o: &Map<String, Value>,
        pointer: &JsonPointer,
        rules: &mut Vec<Rule>,
    ) -> Result<(), String> {
        let number = |k: &str| {
            o.get(k).map(|v| v.as_f64().ok_or_else(|| format!("`{k}` is not a number"))).transpose()
        };
        let count = |k: &str| {
            o.get(k).map(|v| count(v).ok_or_else(|| format!("`{k}` is not a count"))).transpose()
        };
        let mut numeric = Vec::new();
        if self.draft() == Draft::Draft4 {
            // A boolean `exclusiveMinimum`/`exclusiveMaximum` makes its bound exclusive.
            let exclusive = |k: &str| {
                o.get(k)
                    .map(|v| v.as_bool().ok_or_else(|| format!("`{k}` is not a boolean")))
                    .transpose()
                    .map(|b| b == Some(true))
            };
            let (low, high) = (exclusive("exclusiveMinimum")?, exclusive("exclusiveMaximum")?);
            numeric.extend(number("minimum")?.map(if low {
                Check::ExclusiveMinimum
            } else {
                Check::Minimum
            }));
            numeric.extend(number("maximum")?.map(if high {
                Check::ExclusiveMaximum
            } else {
                Check::Maximum
            }));
        } else {
            numeric.extend(number("minimum")?.map(Check::Minimum));
            numeric.extend(number("maximum")?.map(Check::Maximum));
            numeric.extend(number("exclusiveMinimum")?.map(Check::ExclusiveMinimum));
            numeric.extend(number("exclusiveMaximum")?.map(Check::ExclusiveMaximum));
        }
        match number("multipleOf")? {
            Some(m) if m > 0.0 => numeric.push(Check::MultipleOf(m)),
            Some(_) => return Err("`multipleOf` is not positive".to_owned()),
            None => {}
        }
        let mut string = Vec::new();
        string.extend(count("minLength")?.map(Check::MinLength));
        string.extend(count("maxLength")?.map(Check::MaxLength));
        if let Some(p) = o.get("pattern") {
            let p = p.as_str().ok_or("`pattern` is not a string")?;
            schemagen_runtime::compile_pattern(p)
                .map_err(|e| format!("`pattern` at {pointer}: {e}"))?;
            string.push(Check::Pattern(p.to_owned()));
        }
        if let Some(Value::String(format)) =
            o.get("format").filter(|_| self.sources[self.module].formats)
        {
            string.push(Check::Format(format.clone()));
        }
        let mut array = Vec::new();
        array.extend(count("minItems")?.map(Check::MinItems));
        array.extend(count("maxItems")?.map(Check::MaxItems));
        if o.get("uniqueItems") == Some(&Value::Bool(true)) {
            array.push(Check::UniqueItems);
        }
        let mut object = Vec::new();
        object.extend(count("minProperties")?.map(Check::MinProperties));
        object.extend(count("maxProperties")?.map(Check::MaxProperties));
        for (checks, rule) in [
            (numeric, Rule::Number as fn(Vec<Check>) -> Rule),
            (string, Rule::String),
            (array, Rule::Array),
            (object, Rule::Object),
        ] {
            if !checks.is_empty() {
                rules.push(rule(checks));
            }
        }
        Ok(())
    }

    fn arrays(
        &mut self,
        o: &Map<String, Value>,
        pointer: &JsonPointer,
        rules: &mut Vec<Rule>,
    ) -> Result<(), String> {
        let (prefix, rest) = if self.draft() == Draft::Draft2020 {
            if o.get("items").is_some_and(Value::is_array) {
                return Err("`items` as an array in 2020-12".to_owned());
            }
            let prefix = self.list(o, pointer, "prefixItems")?.unwrap_or_default();
            (
                prefix,
                if o.contains_key("items") { self.at(pointer.join("items"))? } else { Sub::True },
            )
        } else {
            match o.get("items") {
                Some(Value::Array(items)) => {
                    let prefix = (0..items.len())
                        .map(|i| self.at(pointer.join("items").index(i)))
                        .collect::<Result<Vec<_>, _>>()?;
                    (
                        prefix,
                        if o.contains_key("additionalItems") {
                            self.at(pointer.join("additionalItems"))?
                        } else {
                            Sub::True
                        },
                    )
                }
                Some(_) => (Vec::new(), self.at(pointer.join("items"))?),
                None => (Vec::new(), Sub::True),
            }
        };
        if !(prefix.iter().all(|s| *s == Sub::True) && rest == Sub::True) {
            rules.push(Rule::Items { prefix, rest });
        }
        if o.contains_key("contains") && self.draft() >= Draft::Draft6 {
            let schema = self.at(pointer.join("contains"))?;
            let bound = |k: &str| {
                o.get(k)
                    .filter(|_| self.draft() >= Draft::Draft2019)
                    .map(|v| count(v).ok_or_else(|| format!("`{k}` is not a count")))
                    .transpose()
            };
            let (min, max) = (bound("minContains")?.unwrap_or(1), bound("maxContains")?);
            rules.push(Rule::Contains { schema, min, max });
        }
        Ok(())
    }

    fn objects(
        &mut self,
        o: &Map<String, Value>,
        pointer: &JsonPointer,
        names_only: bool,
        rules: &mut Vec<Rule>,
    ) -> Result<(), String> {
        if let Some(required) = o.get("required") {
            let names = strings(required).ok_or("`required` is not an array of strings")?;
            if !names.is_empty() {
                rules.push(Rule::Required(names));
            }
        }
        let listed = if names_only {
            o.get("properties")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .map(|(k, _)| (k.clone(), Sub::True))
                .collect()
        } else {
            self.listed(o, pointer)?
        };
        let mut patterns = self.map(o, pointer, "patternProperties")?;
        for (p, _) in &patterns {
            schemagen_runtime::compile_pattern(p)
                .map_err(|e| format!("`patternProperties` at {pointer}: {e}"))?;
        }
        let additional = if o.contains_key("additionalProperties") {
            self.at(pointer.join("additionalProperties"))?
        } else {
            Sub::True
        };
        if additional == Sub::True {
            // Matching them changes nothing then.
            patterns.retain(|(_, s)| *s != Sub::True);
        }
        if listed.iter().chain(&patterns).any(|(_, s)| *s != Sub::True) || additional != Sub::True {
            rules.push(Rule::Properties { listed, patterns, additional });
        }
        if o.contains_key("propertyNames") && self.draft() >= Draft::Draft6 {
            let names = self.at(pointer.join("propertyNames"))?;
            // Names are strings: a schema every string meets checks nothing of them.
            if names != Sub::True && !self.every_string_holds(names, 0) {
                rules.push(Rule::PropertyNames(names));
            }
        }
        let (mut names, mut schemas) = (Vec::new(), Vec::new());
        if self.draft() >= Draft::Draft2019 {
            if o.contains_key("dependencies") {
                return Err("`dependencies` after draft-07".to_owned());
            }
            for (k, v) in
                o.get("dependentRequired").and_then(Value::as_object).into_iter().flatten()
            {
                names.push((
                    k.clone(),
                    strings(v).ok_or("`dependentRequired` is not of arrays of strings")?,
                ));
            }
            schemas = self.map(o, pointer, "dependentSchemas")?;
        } else {
            for (k, v) in o.get("dependencies").and_then(Value::as_object).into_iter().flatten() {
                match strings(v) {
                    Some(list) => names.push((k.clone(), list)),
                    None => {
                        schemas.push((k.clone(), self.same(pointer.join("dependencies").child(k))?))
                    }
                }
            }
        }
        if !names.is_empty() {
            rules.push(Rule::DependentRequired(names));
        }
        schemas.retain(|(_, s)| *s != Sub::True);
        if !schemas.is_empty() {
            rules.push(Rule::DependentSchemas(schemas));
        }
        Ok(())
    }

    /// Refuses reference loops that never descend into the value (`a: {$ref: b}`,
    /// `b: {allOf: [{$ref: a}]}`), through checks or what they evaluate: validating them
    /// would never end. Functions made before `fns_before` (`evals_before`) were checked
    /// when they were made, so only loops through newer ones remain.
    fn check_loops(&self, fns_before: usize, evals_before: usize) -> Result<(), String> {
        let mut state = BTreeMap::new();
        let fns = (fns_before..self.fns.len()).map(|i| Node::Check(JsonFnId::new(i)));
        let evals = (evals_before..self.evals.len()).map(|i| Node::Eval(EvalFnId::new(i)));
        if fns.chain(evals).all(|n| self.visit(n, &mut state)) {
            Ok(())
        } else {
            Err("a reference loop that never descends into the value".to_owned())
        }
    }

    /// Depth-first search with colours: 1 on the path, 2 done; false on a loop.
    fn visit(&self, node: Node, state: &mut BTreeMap<Node, u8>) -> bool {
        match state.get(&node) {
            Some(1) => return false,
            Some(_) => return true,
            None => {}
        }
        state.insert(node, 1);
        let mut next = Vec::new();
        match node {
            Node::Check(id) => {
                for rule in &self.fns[id].rules {
                    rule.same_value_subs(&mut |s| next.extend(s.id().map(Node::Check)));
                    if let Rule::Unevaluated { evaluated: Evaluated::Fn(e), .. } = rule {
                        next.push(Node::Eval(*e));
                    }
                }
            }
            Node::Eval(id) => {
                // `contains` applies to the items, not to the value.
                for part in &self.evals[id].parts {
                    match part {
                        Evaluation::When(s, e) | Evaluation::Unless(s, e) => {
                            next.extend(s.id().map(Node::Check));
                            next.extend(e.id().map(Node::Eval));
                        }
                        Evaluation::Always(e) | Evaluation::Present(_, e) => {
                            next.extend(e.id().map(Node::Eval))
                        }
                        Evaluation::Dynamic { initial, candidates } => {
                            let all = candidates.iter().map(|(_, e)| *e).chain([*initial]);
                            next.extend(all.filter_map(Evaluated::id).map(Node::Eval));
                        }
                        _ => {}
                    }
                }
            }
        }
        if !next.into_iter().all(|n| self.visit(n, state)) {
            return false;
        }
        state.insert(node, 2);
        true
    }
}

/// A schema as the compiler finds it.
pub(super) enum Found<'a> {
    /// `true` or `false`.
    Bool(bool),
    /// An object of keywords the compiler tracks.
    Object(&'a Map<String, Value>),
}

fn strings(v: &Value) -> Option<Vec<String>> {
    v.as_array()?.iter().map(|s| s.as_str().map(str::to_owned)).collect()
}

fn types(t: &Value) -> Result<Vec<JsonKind>, String> {
    let one = |t: &Value| {
        t.as_str().and_then(json_kind).ok_or_else(|| format!("`type` {t} is not a JSON type"))
    };
    match t {
        Value::Array(list) => list.iter().map(one).collect(),
        t => Ok(vec![one(t)?]),
    }
}

/// A struct's whole check that amounts to one `properties` rule becomes a check entry
/// by entry ([`Check::Entries`]), which writes no JSON of the whole struct.
fn entry_wise(model: &mut Model) {
    for i in 0..model.types.len() {
        if !matches!(model.types[i].kind, TypeKind::Struct(_)) {
            continue;
        }
        let mut checks = std::mem::take(&mut model.types[i].checks);
        for c in &mut checks {
            let Check::Json(id) = c else { continue };
            let Some(rule) = model.entry_wise(*id) else { continue };
            let Some(Rule::Properties { listed, patterns, additional }) =
                model.json_fns[rule].rules.iter().find(|r| matches!(r, Rule::Properties { .. }))
            else {
                continue;
            };
            *c = Check::Entries {
                pointer: model.json_fns[*id].pointer.clone(),
                listed: listed.clone(),
                patterns: patterns.clone(),
                additional: *additional,
            };
        }
        model.types[i].checks = checks;
    }
}
