//! Source paths of mapping files: walking one to its field, and checking that every
//! field of a source is mapped or ignored, so that no field is dropped unnoticed.

use crate::model::{Model, Shape, SourceValue, Ty, TypeId, TypeKind};

/// A source path walked to its field.
pub(super) struct Walked {
    /// Each step's Rust field name and wrapping.
    pub steps: Vec<(String, SourceValue)>,
    /// The wrapping of the whole path.
    pub whole: SourceValue,
    /// The last field's shape, not null.
    pub shape: Shape,
}

/// The steps of `path` (`a.b.c`, JSON names) in struct `source`.
pub(super) fn walk(model: &Model, source: TypeId, path: &str) -> Result<Walked, String> {
    let mut current = source;
    let mut steps = Vec::new();
    let segments: Vec<&str> = path.split('.').collect();
    for (i, segment) in segments.iter().enumerate() {
        let def = model.ty(current);
        let TypeKind::Struct(s) = &def.kind else { unreachable!("paths only walk structs") };
        let Some(f) = s.fields.iter().find(|f| f.json_name == *segment) else {
            return Err(format!("does not exist: `{}` has no field `{segment}`", def.name));
        };
        let (nullable, inner) = f.shape.non_null();
        let wrap = match (f.required, nullable) {
            (true, false) => SourceValue::Plain,
            (false, true) => SourceValue::OptionOption,
            _ => SourceValue::Option,
        };
        steps.push((f.rust_name.clone(), wrap));
        if i + 1 == segments.len() {
            // Under an absent step the value is absent: one `Option` for the whole path.
            let before = steps[..i].iter().any(|(_, w)| *w != SourceValue::Plain);
            let whole = if before { SourceValue::Option } else { wrap };
            return Ok(Walked { steps, whole, shape: inner.clone() });
        }
        match struct_of(model, inner) {
            Some(id) => current = id,
            None => return Err(format!("goes through `{segment}`, which is not an object")),
        }
    }
    unreachable!("a path has at least one segment")
}

/// The struct a shape holds, if it is one.
fn struct_of(model: &Model, shape: &Shape) -> Option<TypeId> {
    match &shape.ty {
        Ty::Named(id) if matches!(model.ty(*id).kind, TypeKind::Struct(_)) => Some(*id),
        _ => None,
    }
}

/// Whether `path` names a field of `source`.
pub(super) fn check_path(model: &Model, source: TypeId, path: &str) -> Result<(), String> {
    walk(model, source, path).map(|_| ())
}

/// The fields of `source` (as paths) that no path of `covered` covers: a covered path
/// covers its field's whole subtree; a struct field with some covered descendants is
/// looked into.
pub(super) fn uncovered(model: &Model, source: TypeId, covered: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    collect(model, source, "", covered, &mut out);
    out
}

fn collect(model: &Model, id: TypeId, prefix: &str, covered: &[String], out: &mut Vec<String>) {
    let TypeKind::Struct(s) = &model.ty(id).kind else { return };
    for f in &s.fields {
        let path = if prefix.is_empty() {
            f.json_name.clone()
        } else {
            format!("{prefix}.{}", f.json_name)
        };
        if covered.contains(&path) {
            continue;
        }
        let below = format!("{path}.");
        let inner = f.shape.non_null().1;
        match struct_of(model, inner) {
            Some(child) if covered.iter().any(|c| c.starts_with(&below)) => {
                collect(model, child, &path, covered, out)
            }
            _ => out.push(path),
        }
    }
}
