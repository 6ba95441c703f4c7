//! The census of a model: every value position (struct fields, their `Vec` items and
//! map values, union variants, newtypes), which of them are kept as
//! `serde_json::Value` although the schema says something about them, and every
//! whole-schema check with what performs it. Written to the generated crate's
//! `census.json` and counted in the summary line.

use serde::Serialize;

use crate::schema::JsonPointer;

use super::{Additional, Check, DocId, Model, Shape, Ty, TypeKind, UnionRepr};

/// The census of one model.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Census {
    /// Value positions in all types.
    pub positions: usize,
    /// Positions kept as `serde_json::Value` where the schema states something.
    pub kept_as_json: Vec<Kept>,
    /// Whole-schema checks: values checked against their schema beyond their type.
    pub schema_checks: Vec<SchemaCheck>,
    /// The `if` nodes whose tests on a property's value became a union by that property:
    /// `file#pointer`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ifs_typed: Vec<String>,
}

/// A position kept as JSON.
#[derive(Debug, Clone, Serialize)]
pub struct Kept {
    /// The Rust position: `Type.field`, `Type.field[]` (items), `Type.field{}` (map values).
    pub position: String,
    /// The schema it comes from: `file#pointer`.
    pub schema: String,
    /// The construct that needs it.
    pub reason: String,
}

/// A whole-schema check.
#[derive(Debug, Clone, Serialize)]
pub struct SchemaCheck {
    /// The schema checked: `file#pointer`.
    pub schema: String,
    /// `generated code` or `embedded validator`.
    pub checked_by: &'static str,
    /// The value checked is typed (and checked as the JSON it serializes to).
    pub typed: bool,
    /// Why the type does not express the schema whole.
    pub reason: String,
    /// For the embedded validator: why generated code does not check it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub embedded_because: Option<String>,
}

impl Census {
    /// Counts `model`.
    pub fn of(model: &Model) -> Census {
        let mut census = Census::default();
        for t in &model.types {
            let mut visit =
                |label: String, shape: &Shape| census.position(model, t.module, label, shape);
            match &t.kind {
                TypeKind::Struct(s) => {
                    for f in &s.fields {
                        visit(format!("{}.{}", t.name, f.json_name), &f.shape);
                    }
                    if let Additional::Keep(shape) = &s.additional {
                        if *shape != Shape::plain(Ty::Any) {
                            visit(format!("{}.{{}}", t.name), shape);
                        }
                    }
                }
                TypeKind::Newtype(n) => visit(t.name.clone(), &n.shape),
                TypeKind::Union(u) => {
                    u.variants
                        .iter()
                        .for_each(|v| visit(format!("{}::{}", t.name, v.name), &v.shape));
                    if let UnionRepr::ByTag { ifs, .. } = &u.repr {
                        census.ifs_typed.extend(ifs.iter().map(|p| location(model, t.module, p)));
                    }
                }
                TypeKind::Enum(_) => {}
            }
            for c in &t.checks {
                census.check(model, t.module, c, true);
            }
        }
        census.kept_as_json.sort_by(|a, b| (&a.schema, &a.position).cmp(&(&b.schema, &b.position)));
        census.schema_checks.sort_by(|a, b| (&a.schema, a.typed).cmp(&(&b.schema, b.typed)));
        census.schema_checks.dedup_by(|a, b| a.schema == b.schema && a.typed == b.typed);
        census.ifs_typed.sort();
        census.ifs_typed.dedup();
        census
    }

    /// How many checks the embedded validator performs.
    pub fn embedded_checks(&self) -> usize {
        self.schema_checks.iter().filter(|c| c.checked_by == EMBEDDED).count()
    }

    fn position(&mut self, model: &Model, module: DocId, label: String, shape: &Shape) {
        self.positions += 1;
        let shape = match &shape.ty {
            Ty::Nullable(inner) => inner,
            _ => shape,
        };
        for c in &shape.checks {
            self.check(model, module, c, shape.ty != Ty::Any);
        }
        match &shape.ty {
            Ty::Any => {
                if let Some(pointer) = shape.checks.iter().find_map(|c| pointer_of(model, c)) {
                    let reason = reason(model, module, &pointer);
                    self.kept_as_json.push(Kept {
                        position: label,
                        schema: location(model, module, &pointer),
                        reason,
                    });
                }
            }
            Ty::Array(item) => self.position(model, module, format!("{label}[]"), item),
            Ty::Map(value) => self.position(model, module, format!("{label}{{}}"), value),
            _ => {}
        }
    }

    fn check(&mut self, model: &Model, module: DocId, c: &Check, typed: bool) {
        let checked_by = match c {
            Check::Schema(_) => EMBEDDED,
            Check::Json(_) | Check::Entries { .. } => "generated code",
            _ => return,
        };
        let pointer = pointer_of(model, c).unwrap_or_default();
        let reason = reason(model, module, &pointer);
        let embedded_because = model
            .refusals
            .get(&super::Location::new(module, &pointer))
            .filter(|_| checked_by == EMBEDDED)
            .cloned();
        self.schema_checks.push(SchemaCheck {
            schema: location(model, module, &pointer),
            checked_by,
            typed,
            reason,
            embedded_because,
        });
    }
}

const EMBEDDED: &str = "embedded validator";

fn pointer_of(model: &Model, c: &Check) -> Option<JsonPointer> {
    match c {
        Check::Schema(p) => Some(p.clone()),
        Check::Json(id) => Some(model.json_fns[*id].pointer.clone()),
        Check::Entries { pointer, .. } => Some(pointer.clone()),
        _ => None,
    }
}

fn reason(model: &Model, module: DocId, pointer: &JsonPointer) -> String {
    model
        .reasons
        .get(&super::Location::new(module, pointer))
        .map(ToString::to_string)
        .unwrap_or_default()
}

fn location(model: &Model, module: DocId, pointer: &JsonPointer) -> String {
    format!("{}#{pointer}", model.modules[module].file)
}
