//! OpenAPI operations: a request struct per operation (its parameters and body as
//! fields, typed and validated like every struct) and its responses by status.

use super::objects::Property;
use super::responses::media_suffix;
use super::*;
use crate::model::{Body, BodyMedia, Encoding, Operation, Param, Place, Style, UnionRepr};

/// The methods an OpenAPI path item may hold, in the order they are generated.
const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

impl<'a> Lowerer<'a> {
    /// Every operation of `doc`, after its component schemas (which keep their names).
    pub(super) fn operations(&mut self, doc: DocId) {
        let docs = self.docs;
        let Some(paths) = docs[doc].value.get("paths").and_then(Value::as_object) else { return };
        for (path, item) in paths {
            let item_at = JsonPointer::root().join("paths").child(path);
            let Some(item) = item.as_object() else { continue };
            if item.contains_key("$ref") {
                self.err(doc, &item_at, "a path item given by `$ref` is not supported yet");
                continue;
            }
            let shared = self.parameters(doc, item, &item_at);
            for method in METHODS {
                if let Some(op) = item.get(method).and_then(Value::as_object) {
                    self.operation(doc, path, method, &item_at.child(method), op, &shared);
                }
            }
        }
    }

    /// The parameter objects of a path item or operation, `$ref`s resolved, with the
    /// pointer of each.
    fn parameters(
        &mut self,
        doc: DocId,
        o: &Map<String, Value>,
        at: &JsonPointer,
    ) -> Vec<(JsonPointer, &'a Map<String, Value>)> {
        let count = o.get("parameters").and_then(Value::as_array).map_or(0, Vec::len);
        (0..count).filter_map(|i| self.local(doc, &at.join("parameters").index(i))).collect()
    }

    fn operation(
        &mut self,
        doc: DocId,
        path: &str,
        method: &str,
        at: &JsonPointer,
        op: &Map<String, Value>,
        shared: &[(JsonPointer, &'a Map<String, Value>)],
    ) {
        let raw = match op.get("operationId").and_then(Value::as_str) {
            Some(id) => id.to_owned(),
            None => format!("{method} {path}"),
        };
        // An operation's own parameters replace the path item's of the same name and place.
        let own = self.parameters(doc, op, at);
        let mut all: Vec<(JsonPointer, &Map<String, Value>)> = shared
            .iter()
            .filter(|(_, p)| !own.iter().any(|(_, q)| same_parameter(p, q)))
            .cloned()
            .collect();
        all.extend(own);
        let mut params = Vec::new();
        let mut props = Vec::new();
        let mut required = Vec::new();
        for (p_at, p) in all {
            let Some(param) = self.param(doc, &p_at, p) else { continue };
            if p.get("required") == Some(&Value::Bool(true)) || param.place == Place::Path {
                required.push(param.name.clone());
            }
            let mut schema = p.get("schema").cloned().unwrap_or(Value::Bool(true));
            let place = match param.place {
                Place::Path => "path",
                Place::Query => "query",
                Place::Header => "header",
            };
            let text = p
                .get("description")
                .cloned()
                .unwrap_or_else(|| Value::from(format!("The {place} parameter `{}`.", param.name)));
            described(&mut schema, text);
            props.push(Property {
                name: param.name.clone(),
                schema,
                doc,
                at: p_at.join("schema"),
                also: Vec::new(),
            });
            params.push(param);
        }
        let body = self.body(doc, &at.join("requestBody"), &params, &raw);
        let mut body_shape = None;
        let body = body.map(|(body, prop, shape)| {
            if body.required {
                required.push(body.field.clone());
            }
            props.push(prop);
            body_shape = shape;
            body
        });
        let mut request_doc = Map::new();
        let text = [op.get("summary"), op.get("description")]
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        let text =
            if text.is_empty() { format!("`{} {path}`.", method.to_uppercase()) } else { text };
        request_doc.insert("description".to_owned(), Value::from(text));
        let request =
            self.new_struct(doc, at, &naming::type_name(&raw), &request_doc, &props, &required);
        if let TypeKind::Struct(def) = &mut self.model.types[request].kind {
            // A request holds its parameters and body, nothing else.
            def.additional = Additional::Deny;
            let field =
                body.as_ref().and_then(|b| def.fields.iter_mut().find(|f| f.json_name == b.field));
            if let (Some(field), Some(shape)) = (field, body_shape) {
                field.shape = shape;
            }
        }
        if let Some(body) = body.as_ref().filter(|b| b.media.len() == 1) {
            if body.media[0].encoding == Encoding::Multipart {
                let field = self.field_shape(request, &body.field);
                let schema_at = at
                    .join("requestBody")
                    .join("content")
                    .child(&body.media[0].media)
                    .join("schema");
                self.binary_fields(doc, &field, &schema_at);
            }
        }
        let name = self.model.types[request].name.clone();
        let response_name = self.scopes[doc].claim(format!("{name}Response"));
        let responses = self.responses(doc, at, op, &name);
        self.model.operations.push(Operation {
            operation_id: raw,
            request,
            response_name,
            method: method.to_uppercase(),
            path: path.to_owned(),
            params,
            body,
            responses,
        });
    }

    /// A parameter's place and style, or a located error for what is not supported.
    fn param(&mut self, doc: DocId, at: &JsonPointer, p: &Map<String, Value>) -> Option<Param> {
        let name = p.get("name").and_then(Value::as_str)?.to_owned();
        let place = match p.get("in").and_then(Value::as_str) {
            Some("path") => Place::Path,
            Some("query") => Place::Query,
            Some("header") => Place::Header,
            other => {
                let place = other.unwrap_or("(missing)");
                self.err(doc, at, format!("parameter `{name}` in `{place}`: only path, query and header parameters are supported"));
                return None;
            }
        };
        if p.contains_key("content") {
            self.err(doc, at, format!("parameter `{name}` is given by `content`: only `schema` parameters are supported"));
            return None;
        }
        let style = p.get("style").and_then(Value::as_str);
        let explode = p.get("explode").and_then(Value::as_bool);
        let style = match (place, style) {
            (Place::Path | Place::Header, None | Some("simple")) => Style::Simple,
            (Place::Query, None | Some("form")) => Style::Form { explode: explode.unwrap_or(true) },
            // deepObject defines only the exploded form.
            (Place::Query, Some("deepObject")) => Style::DeepObject,
            (_, Some(other)) => {
                self.err(doc, &at.join("style"), format!("parameter `{name}`: style `{other}` is not supported yet (path `simple`, query `form` and `deepObject`, header `simple` are)"));
                return None;
            }
        };
        Some(Param { name, place, style })
    }
}

impl Lowerer<'_> {
    /// The shape of field `json_name` of struct `id`.
    fn field_shape(&self, id: TypeId, json_name: &str) -> Shape {
        match &self.model.types[id].kind {
            TypeKind::Struct(def) => def
                .fields
                .iter()
                .find(|f| f.json_name == json_name)
                .map_or(Shape::plain(Ty::Any), |f| f.shape.clone()),
            _ => Shape::plain(Ty::Any),
        }
    }
}

/// Gives `schema` the description `text` unless it has one.
fn described(schema: &mut Value, text: Value) {
    if let Value::Bool(true) = schema {
        *schema = Value::Object(Map::new());
    }
    if let Some(o) = schema.as_object_mut() {
        o.entry("description").or_insert(text);
    }
}

/// Two parameter objects name the same parameter (name and place).
fn same_parameter(a: &Map<String, Value>, b: &Map<String, Value>) -> bool {
    a.get("name") == b.get("name") && a.get("in") == b.get("in")
}

impl<'a> Lowerer<'a> {
    /// The body field of an operation: its property, and the field's shape when the
    /// property's schema does not give it (bytes, or a union of several media types).
    fn body(
        &mut self,
        doc: DocId,
        at: &JsonPointer,
        params: &[Param],
        op_name: &str,
    ) -> Option<(Body, Property, Option<Shape>)> {
        let (at, body) = self.local(doc, at)?;
        let content = body.get("content").and_then(Value::as_object).filter(|c| !c.is_empty())?;
        // A parameter may be named `body`; the body's field then takes another name.
        let field = ["body", "request_body", "body_"]
            .into_iter()
            .find(|f| !params.iter().any(|p| p.name == *f))
            .unwrap_or("body_")
            .to_owned();
        let required = body.get("required") == Some(&Value::Bool(true));
        let several = content.len() > 1;
        let mut variants = Scope::default();
        let mut media = Vec::new();
        let mut branches = Vec::new();
        let union_name = format!("{}Body", naming::type_name(op_name));
        // The schema of the last (with one media type, the only) media type.
        let mut only = None;
        for (name, spec) in content {
            let encoding = Encoding::of(name);
            let schema_at = at.join("content").child(name).join("schema");
            let schema = match (encoding, spec.get("schema")) {
                (Encoding::Bytes, _) => None,
                (_, Some(schema)) => Some(schema.clone()),
                (Encoding::Text, None) => Some(serde_json::json!({ "type": "string" })),
                (_, None) => Some(Value::Bool(true)),
            };
            let variant = several.then(|| variants.claim(media_label(name, encoding)));
            if let Some(variant) = &variant {
                let shape = match &schema {
                    Some(schema) => {
                        let hint = format!("{union_name}{variant}");
                        let shape = self.shape(doc, schema, &schema_at, &hint);
                        if encoding == Encoding::Multipart {
                            self.binary_fields(doc, &shape, &schema_at);
                        }
                        shape
                    }
                    None => Shape::plain(Ty::Binary),
                };
                branches.push(UnionVariant {
                    name: variant.clone(),
                    shape,
                    boxed: false,
                    tag: None,
                    admits: None,
                });
            }
            media.push(BodyMedia { media: name.clone(), encoding, variant });
            only = Some((schema, schema_at));
        }
        let text = body.get("description").cloned().unwrap_or_else(|| {
            let listed: Vec<String> = content.keys().map(|m| format!("`{m}`")).collect();
            Value::from(format!("The request body, sent as {}.", listed.join(" or ")))
        });
        let (schema, schema_at, shape) = if several {
            let id = self.new_type(
                doc,
                &at.join("content"),
                &union_name,
                body,
                TypeKind::Union(UnionDef {
                    variants: branches,
                    repr: UnionRepr::FirstValid { one_of: false, memo: false },
                }),
            );
            (Value::Object(Map::new()), at.join("content"), Some(Shape::plain(Ty::Named(id))))
        } else {
            match only.expect("one media type") {
                // Bytes: the field is `Binary`, whatever the schema says.
                (None, schema_at) => {
                    (Value::Object(Map::new()), schema_at, Some(Shape::plain(Ty::Binary)))
                }
                (Some(schema), schema_at) => (schema, schema_at, None),
            }
        };
        let mut schema = schema;
        described(&mut schema, text);
        let property =
            Property { name: field.clone(), schema, doc, at: schema_at, also: Vec::new() };
        Some((Body { field, required, media }, property, shape))
    }

    /// In a multipart body's own object schema, properties of `format: binary` (or arrays
    /// of them) are files: [`Ty::Binary`].
    pub(super) fn binary_fields(&mut self, doc: DocId, shape: &Shape, schema_at: &JsonPointer) {
        let Ty::Named(id) = shape.ty else { return };
        let docs = self.docs;
        let ty = &mut self.model.types[id];
        // A component's struct serves other bodies too: only an inline one is changed.
        if ty.module != doc || ty.pointer != *schema_at {
            return;
        }
        let TypeKind::Struct(def) = &mut ty.kind else { return };
        let binary = |v: &Value| {
            v.get("type").and_then(Value::as_str) == Some("string")
                && v.get("format").and_then(Value::as_str) == Some("binary")
        };
        for f in &mut def.fields {
            let at = schema_at.join("properties").child(&f.json_name);
            let Some(property) = docs[doc].value.pointer(at.as_str()) else { continue };
            if binary(property) {
                f.shape = Shape::plain(Ty::Binary);
            } else if property.get("items").is_some_and(binary) {
                f.shape = Shape::plain(Ty::Array(Box::new(Shape::plain(Ty::Binary))));
            }
        }
    }
}

/// A body variant's name: `Json`, `Form`, `Multipart`, else its media type's subtype
/// (`Cloudevents` of `application/cloudevents+json`, `Csv`, `OctetStream`).
fn media_label(media: &str, encoding: Encoding) -> String {
    match encoding {
        _ if crate::model::essence(media) == "application/json" => "Json".to_owned(),
        Encoding::Form => "Form".to_owned(),
        Encoding::Multipart => "Multipart".to_owned(),
        _ => naming::type_name(media_suffix(media)),
    }
}
