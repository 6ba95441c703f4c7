//! Scalars and string enums: the Rust type of a single `type`, and the checks of its
//! bounds, lengths and patterns.

use super::*;

impl Lowerer<'_> {
    /// A string enum; the flag says whether `null` is listed.
    pub(super) fn enumeration(
        &mut self,
        doc: DocId,
        o: &Map<String, Value>,
        ptr: &JsonPointer,
        hint: &str,
    ) -> (Shape, bool) {
        let at = ptr.join("enum");
        let Some(values) = o.get("enum").and_then(Value::as_array) else {
            self.err(doc, &at, "`enum` must be an array");
            return (Shape::plain(Ty::Any), false);
        };
        let mut strings = Vec::new();
        let mut nullable = false;
        for v in values {
            match v {
                Value::String(s) => strings.push(s.clone()),
                _ => nullable = true,
            }
        }
        let open = match self.docs[doc].config.unknown_enum_values {
            UnknownEnumValues::Keep => true,
            UnknownEnumValues::Reject => false,
            UnknownEnumValues::BypassOnly => super::extensions::bypasses_validation(o),
        };
        let mut scope = Scope::with_reserved(if open { &["Unknown"] } else { &[] });
        let mut seen = std::collections::BTreeSet::new();
        let variants = strings
            .into_iter()
            .filter(|s| seen.insert(s.clone()))
            .map(|json| Variant { rust: scope.claim(naming::variant_name(&json)), json })
            .collect();
        // A nullable enum is wrapped, so it lives at its value list instead.
        let key = Location::new(doc, ptr);
        let placeholder =
            self.model.by_location.get(&key).is_some_and(|id| self.placeholders.contains(id));
        let wrapped = placeholder && nullable && (o.get("type").is_none() || type_list(o).1);
        let at = if wrapped { ptr.join("enum") } else { ptr.clone() };
        let key = self.share_key(doc, "enum", o);
        if let Some(id) = self.shared_type(&key, doc, &at) {
            return (Shape::plain(Ty::Named(id)), nullable);
        }
        let id = self.new_type(doc, &at, hint, o, TypeKind::Enum(EnumDef { variants, open }));
        self.remember_shared(key, id);
        (Shape::plain(Ty::Named(id)), nullable)
    }

    pub(super) fn typed(
        &mut self,
        doc: DocId,
        o: &Map<String, Value>,
        t: &str,
        ptr: &JsonPointer,
        hint: &str,
    ) -> Shape {
        let format = o.get("format").and_then(Value::as_str).map(str::to_owned);
        let mut shape = match t {
            "object" => return self.object(doc, o, ptr, hint),
            "array" => {
                let items = match o.get("items") {
                    Some(items) => {
                        self.shape(doc, items, &ptr.join("items"), &format!("{hint}Item"))
                    }
                    None => Shape::plain(Ty::Any),
                };
                Shape::plain(Ty::Array(Box::new(items)))
            }
            // A crate type for a format asserts it: only where the document asserts formats.
            "string"
                if format.as_deref() == Some("date-time") && self.reading(doc).format_assertion =>
            {
                Shape::plain(Ty::DateTime)
            }
            "string" => Shape::plain(Ty::String),
            "integer" => Shape::plain(Ty::Integer),
            "number" => Shape::plain(Ty::Number),
            "boolean" => Shape::plain(Ty::Bool),
            _ => return fallback(ptr),
        };
        shape.checks = self.checks(doc, o, ptr, t);
        // String checks need the text: a date-time with them stays a `String`, checked.
        if shape.ty == Ty::DateTime && !shape.checks.is_empty() {
            shape.ty = Ty::String;
        }
        if let (Ty::String, Some(f), true) =
            (&shape.ty, &format, self.reading(doc).format_assertion)
        {
            // The crate's type reads the format; other string checks need the text.
            match CrateFormat::of(f) {
                Some(c) if self.docs[doc].config.crate_formats && shape.checks.is_empty() => {
                    shape.ty = Ty::Crate(c)
                }
                _ => shape.checks.push(Check::Format(f.clone())),
            }
        }
        shape.format = format;
        shape
    }

    pub(super) fn checks(
        &mut self,
        doc: DocId,
        o: &Map<String, Value>,
        ptr: &JsonPointer,
        t: &str,
    ) -> Vec<Check> {
        let mut checks = Vec::new();
        checks.extend(plan::scalar_enum(o).map(Check::Enum));
        let uint = |k: &str| o.get(k).and_then(crate::schema::count);
        let num = |k: &str| o.get(k).and_then(Value::as_f64);
        match t {
            "string" => {
                checks.extend(uint("minLength").map(Check::MinLength));
                checks.extend(uint("maxLength").map(Check::MaxLength));
                match o.get("pattern") {
                    Some(Value::String(p)) => {
                        // The generated code compiles it on first use: it must compile now.
                        if let Err(e) = schemagen_runtime::compile_pattern(p) {
                            self.err(doc, &ptr.join("pattern"), format!("`pattern` is not an ECMA-262 regular expression the validator can compile: {e}"));
                        }
                        checks.push(Check::Pattern(p.clone()));
                    }
                    Some(_) => self.err(doc, &ptr.join("pattern"), "`pattern` must be a string"),
                    None => {}
                }
            }
            "integer" | "number" => {
                // OpenAPI 3.0 and draft-04 spell exclusive bounds as booleans beside the bound.
                let excl = |k: &str| o.get(k) == Some(&Value::Bool(true));
                match (num("minimum"), excl("exclusiveMinimum")) {
                    (Some(m), true) => checks.push(Check::ExclusiveMinimum(m)),
                    (Some(m), false) => checks.push(Check::Minimum(m)),
                    _ => {}
                }
                match (num("maximum"), excl("exclusiveMaximum")) {
                    (Some(m), true) => checks.push(Check::ExclusiveMaximum(m)),
                    (Some(m), false) => checks.push(Check::Maximum(m)),
                    _ => {}
                }
                checks.extend(num("exclusiveMinimum").map(Check::ExclusiveMinimum));
                checks.extend(num("exclusiveMaximum").map(Check::ExclusiveMaximum));
                match num("multipleOf") {
                    Some(m) if m > 0.0 => checks.push(Check::MultipleOf(m)),
                    Some(_) => self.err(
                        doc,
                        &ptr.join("multipleOf"),
                        "`multipleOf` must be greater than 0",
                    ),
                    None => {}
                }
            }
            "array" => {
                checks.extend(uint("minItems").map(Check::MinItems));
                checks.extend(uint("maxItems").map(Check::MaxItems));
                if o.get("uniqueItems") == Some(&Value::Bool(true)) {
                    checks.push(Check::UniqueItems);
                }
            }
            "object" => {
                checks.extend(uint("minProperties").map(Check::MinProperties));
                checks.extend(uint("maxProperties").map(Check::MaxProperties));
            }
            _ => {}
        }
        checks
    }
}
