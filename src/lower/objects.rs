//! Objects: structs of listed properties, and maps.

use super::plan::typed_pattern;
use super::*;

/// A listed property, with the document and pointer of its schema.
pub(super) struct Property {
    pub name: String,
    pub schema: Value,
    pub doc: DocId,
    pub at: JsonPointer,
    /// Other schemas of the property, in the struct's document, that its value must
    /// also pass (`allOf` branches that list it too).
    pub also: Vec<JsonPointer>,
}

impl Lowerer<'_> {
    pub(super) fn object(
        &mut self,
        doc: DocId,
        o: &Map<String, Value>,
        ptr: &JsonPointer,
        hint: &str,
    ) -> Shape {
        let additional_at = ptr.join("additionalProperties");
        let properties = o.get("properties").and_then(Value::as_object);
        // One pattern with no other properties allowed: its values are the other entries.
        let pattern = typed_pattern(o).map(|(pattern, schema)| {
            let at = ptr.join("patternProperties").child(pattern);
            (pattern.to_owned(), schema, at)
        });
        if properties.is_none() {
            // A plain map: no known properties.
            let value = match (&pattern, o.get("additionalProperties")) {
                (Some((_, schema, at)), _) => self.shape(doc, schema, at, &format!("{hint}Value")),
                (None, None | Some(Value::Bool(true))) => Shape::plain(Ty::Any),
                (None, Some(v)) => self.shape(doc, v, &additional_at, &format!("{hint}Value")),
            };
            let mut shape = Shape::plain(Ty::Map(Box::new(value)));
            shape.checks = self.checks(doc, o, ptr, "object");
            shape.checks.extend(pattern.map(|(p, _, _)| Check::KeysMatch(p)));
            return shape;
        }
        // Stripe repeats its `address`, `metadata`, ... in hundreds of bodies.
        let key = self.share_key(doc, "struct", o);
        if let Some(id) = self.shared_type(&key, doc, ptr) {
            return Shape::plain(Ty::Named(id));
        }
        let required: Vec<String> = o
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).map(str::to_owned).collect())
            .unwrap_or_default();
        let props: Vec<Property> = properties
            .into_iter()
            .flatten()
            .map(|(name, schema)| Property {
                name: name.clone(),
                schema: schema.clone(),
                doc,
                at: ptr.join("properties").child(name),
                also: Vec::new(),
            })
            .collect();
        let id = self.new_struct(doc, ptr, hint, o, &props, &required);
        self.remember_shared(key, id);
        let type_name = self.model.types[id].name.clone();
        if let Some((p, _, _)) = &pattern {
            self.model.types[id].checks.push(Check::KeysMatch(p.clone()));
        }
        let additional = match (pattern, o.get("additionalProperties")) {
            (Some((_, schema, at)), _) => {
                Additional::Keep(self.shape(doc, schema, &at, &format!("{type_name}Value")))
            }
            (None, Some(Value::Bool(false))) => Additional::Deny,
            (None, None | Some(Value::Bool(true))) => Additional::Keep(Shape::plain(Ty::Any)),
            (None, Some(v)) => {
                Additional::Keep(self.shape(doc, v, &additional_at, &format!("{type_name}Value")))
            }
        };
        if let TypeKind::Struct(def) = &mut self.model.types[id].kind {
            def.additional = additional;
        }
        Shape::plain(Ty::Named(id))
    }

    /// A struct at `ptr` from properties that each carry their own place (they may come
    /// from several `allOf` branches, of several documents). Other properties are kept.
    pub(super) fn new_struct(
        &mut self,
        doc: DocId,
        ptr: &JsonPointer,
        hint: &str,
        o: &Map<String, Value>,
        props: &[Property],
        required: &[String],
    ) -> TypeId {
        let placeholder = TypeKind::Struct(StructDef {
            fields: Vec::new(),
            additional: Additional::Deny,
            has_id: false,
            extra_name: String::new(),
        });
        let id = self.new_type(doc, ptr, hint, o, placeholder);
        let type_name = self.model.types[id].name.clone();
        let mut scope = Scope::default();
        let mut fields = Vec::new();
        for Property { name: json_name, schema, doc: at_doc, at, also } in props {
            let hint = format!("{type_name}{}", json_name.to_upper_camel_case());
            // A `false` property must be absent: reading any value of it fails. So must
            // one that another `allOf` branch makes `false`.
            let never = *schema == Value::Bool(false)
                || also
                    .iter()
                    .any(|p| self.docs[doc].value.pointer(p.as_str()) == Some(&Value::Bool(false)));
            let shape = match never {
                true => Shape::plain(Ty::Never),
                false => self.shape(*at_doc, schema, at, &hint),
            };
            let mut shape = self.local_to(doc, *at_doc, at, &hint, shape);
            for other in also.iter().filter(|_| !never) {
                self.model.reasons.insert(Location::new(doc, other), KeptReason::SharedProperty);
                shape.checks.push(Check::Schema(other.clone()));
            }
            // Without a description of its own, a field borrows its named type's.
            let doc = match never {
                true => Some("Always `None`: the schema allows no such property.".to_owned()),
                false => schema.as_object().and_then(doc_of).or_else(|| match &shape.ty {
                    Ty::Named(id) => self.model.types[*id].doc.clone(),
                    _ => None,
                }),
            };
            let required = required.contains(json_name);
            let default = schema.get("default").filter(|_| !required).cloned();
            // Lowered from the document's own schema there (a skeleton's is not).
            let written = self.docs[*at_doc].value.pointer(at.as_str()) == Some(schema);
            let source = (written && !never).then(|| Location::new(*at_doc, at));
            fields.push(Field {
                rust_name: scope.claim(naming::field_name(json_name)),
                json_name: json_name.clone(),
                doc,
                required,
                shape,
                boxed: false,
                default,
                source,
            });
        }
        let has_id =
            fields.iter().any(|f| f.json_name == "id" && f.required && f.shape.ty == Ty::String);
        let extra_name = scope.claim("extra".to_owned());
        let additional = Additional::Keep(Shape::plain(Ty::Any));
        self.model.types[id].kind =
            TypeKind::Struct(StructDef { fields, additional, has_id, extra_name });
        id
    }
}
