//! Lowers declarative mapping files into typed field conversions, refusing any mapping
//! the generator cannot carry out.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::config::Config;
use crate::diag::Diagnostics;
use crate::load::read_confined;
use crate::model::{
    Conversion, DocId, FieldMapping, Literal, Location, Mapping, Model, Shape, SourceValue, Ty,
    TypeId, TypeKind,
};
use crate::schema::JsonPointer;
use std::sync::Arc;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    source: Spanned<String>,
    target: Spanned<String>,
    fields: Spanned<BTreeMap<String, Spanned<FieldEntry>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldEntry {
    from: Spanned<String>,
    #[serde(default)]
    if_null: Option<Spanned<toml::Value>>,
}

/// Reads and checks every mapping file of the configuration.
pub fn lower_mappings(config: &Config, model: &Model, diags: &mut Diagnostics) -> Vec<Mapping> {
    let mut parsed = Vec::new();
    for m in &config.mappings {
        let file = m.path.display().to_string();
        let text: Arc<str> = match read_confined(&config.schema_root, &m.path) {
            Ok(t) => Arc::from(t),
            Err(e) => {
                diags.error(&file, "", e);
                continue;
            }
        };
        match toml::from_str::<MappingFile>(&text) {
            Ok(p) => parsed.push((file, text, p)),
            Err(e) => {
                diags.error_at(&file, "", e.span().map(|s| (&text, s)), e.message().to_owned())
            }
        }
    }
    // Every (source, target) pair, so one mapping may use another for a nested field.
    let pairs: Vec<(TypeId, TypeId)> = parsed
        .iter()
        .filter_map(|(_, _, p)| {
            Some((locate(model, p.source.get_ref()).ok()?, locate(model, p.target.get_ref()).ok()?))
        })
        .collect();
    parsed
        .into_iter()
        .filter_map(|(file, text, p)| {
            Cx { file: &file, text: &text, model, diags: &mut *diags, pairs: &pairs }.lower(p)
        })
        .collect()
}

/// `stripe#/components/schemas/x` -> the type generated there.
fn locate(model: &Model, location: &str) -> Result<TypeId, String> {
    let (doc, pointer) = location.split_once('#').unwrap_or((location, ""));
    let Some(index) = model.modules.iter().position(|m| m.key == doc) else {
        let known: Vec<&str> = model.modules.iter().map(|m| m.key.as_str()).collect();
        return Err(format!("no document `{doc}` (documents: {})", known.join(", ")));
    };
    let id = model
        .by_location
        .get(&Location::new(DocId::new(index), &JsonPointer::from_escaped(pointer)))
        .copied()
        .ok_or_else(|| format!("`{location}` is not a generated type"))?;
    match model.ty(id).kind {
        TypeKind::Struct(_) => Ok(id),
        TypeKind::Enum(_) | TypeKind::Newtype(_) | TypeKind::Union(_) => {
            Err(format!("`{location}` is not a struct; mappings join structs"))
        }
    }
}

struct Cx<'a> {
    file: &'a str,
    text: &'a Arc<str>,
    model: &'a Model,
    diags: &'a mut Diagnostics,
    pairs: &'a Vec<(TypeId, TypeId)>,
}

impl Cx<'_> {
    fn error(&mut self, pointer: &str, span: Range<usize>, message: String) {
        self.diags.error_at(self.file, pointer, Some((self.text, span)), message);
    }

    fn lower(&mut self, parsed: MappingFile) -> Option<Mapping> {
        let source = locate(self.model, parsed.source.get_ref())
            .map_err(|e| self.error("/source", parsed.source.span(), e))
            .ok();
        let target = locate(self.model, parsed.target.get_ref())
            .map_err(|e| self.error("/target", parsed.target.span(), e))
            .ok();
        let (source, target) = (source?, target?);
        let TypeKind::Struct(target_def) = &self.model.ty(target).kind else { return None };
        let mut fields = Vec::new();
        let mut ok = true;
        let fields_span = parsed.fields.span();
        let entries = parsed.fields.get_ref();
        for (name, entry) in entries {
            if !target_def.fields.iter().any(|f| &f.json_name == name) {
                let msg = format!("target `{}` has no field `{name}`", self.model.ty(target).name);
                self.error(&format!("/fields/{name}"), entry.span(), msg);
                ok = false;
            }
        }
        for field in &target_def.fields {
            let Some(entry) = entries.get(&field.json_name) else {
                if field.required {
                    let msg = format!(
                        "required target field `{}` of `{}` is not mapped",
                        field.json_name,
                        self.model.ty(target).name
                    );
                    self.error("/fields", fields_span.clone(), msg);
                    ok = false;
                }
                continue;
            };
            match self.field(source, field, entry.get_ref()) {
                Some(f) => fields.push(f),
                None => ok = false,
            }
        }
        ok.then(|| Mapping { file: self.file.to_owned(), source, target, fields })
    }

    fn field(
        &mut self,
        source: TypeId,
        target: &super::Field,
        entry: &FieldEntry,
    ) -> Option<FieldMapping> {
        let at = format!("/fields/{}/from", target.json_name);
        let span = entry.from.span();
        let path = entry.from.get_ref();
        let mut current = source;
        let mut source_rust = Vec::new();
        let segments: Vec<&str> = path.split('.').collect();
        let mut found = None;
        for (i, segment) in segments.iter().enumerate() {
            let def = &self.model.ty(current);
            let TypeKind::Struct(s) = &def.kind else { unreachable!("paths only walk structs") };
            let Some(f) = s.fields.iter().find(|f| f.json_name == *segment) else {
                let msg = format!(
                    "source path `{path}` does not exist: `{}` has no field `{segment}`",
                    def.name
                );
                self.error(&at, span, msg);
                return None;
            };
            source_rust.push(f.rust_name.clone());
            if i + 1 == segments.len() {
                found = Some(f);
            } else {
                match &f.shape.ty {
                    Ty::Named(id)
                        if f.required && matches!(self.model.ty(*id).kind, TypeKind::Struct(_)) =>
                    {
                        current = *id
                    }
                    _ => {
                        let msg = format!("source path `{path}` goes through `{segment}`, which is not a required, non-null object");
                        self.error(&at, span, msg);
                        return None;
                    }
                }
            }
        }
        let f = found?;
        let (nullable, inner) = strip_nullable(&f.shape);
        let source_value = match (f.required, nullable) {
            (true, false) => SourceValue::Plain,
            (false, true) => SourceValue::OptionOption,
            _ => SourceValue::Option,
        };
        let (target_nullable, target_inner) = strip_nullable(&target.shape);
        if target_nullable && !target.required {
            self.error(&at, span, format!("target field `{}` is optional and nullable; such targets are not supported yet", target.json_name));
            return None;
        }
        let target_optional = target_nullable || !target.required;
        let conversion = match self.conversion(inner, target_inner) {
            Ok(c) => c,
            Err(e) => {
                self.error(
                    &at,
                    span,
                    format!("cannot map `{path}` to `{}`: {e}", target.json_name),
                );
                return None;
            }
        };
        let if_null = match (&entry.if_null, source_value, target_optional) {
            (None, SourceValue::Plain, _) | (None, _, true) => None,
            (None, _, false) => {
                let msg = format!("source `{path}` may be null or absent but target `{}` is required: give `if_null`", target.json_name);
                self.error(&at, span, msg);
                return None;
            }
            (Some(v), SourceValue::Plain, _) => {
                self.error(
                    &format!("/fields/{}/if_null", target.json_name),
                    v.span(),
                    format!("source `{path}` is never null; remove `if_null`"),
                );
                return None;
            }
            (Some(v), _, _) => match literal(v.get_ref(), &target_inner.ty) {
                Some(l) => Some(l),
                None => {
                    let msg =
                        format!("`if_null` does not fit the type of target `{}`", target.json_name);
                    self.error(&format!("/fields/{}/if_null", target.json_name), v.span(), msg);
                    return None;
                }
            },
        };
        Some(FieldMapping {
            target_rust: target.rust_name.clone(),
            target_json: target.json_name.clone(),
            target_optional,
            source_rust,
            source_json: path.clone(),
            source: source_value,
            conversion,
            if_null,
        })
    }

    fn conversion(&self, from: &Shape, to: &Shape) -> Result<Conversion, String> {
        let model = self.model;
        Ok(match (&from.ty, &to.ty) {
            (Ty::Bool, Ty::Bool) | (Ty::Integer, Ty::Integer) => Conversion::Copy,
            // A number keeps its text, so it is cloned.
            (Ty::Number, Ty::Number) => Conversion::Clone,
            (Ty::Integer, Ty::DateTime) if from.format.as_deref() == Some("unix-time") => {
                Conversion::UnixTimeToDateTime
            }
            (Ty::Integer, Ty::String)
                if from.format.as_deref() == Some("unix-time")
                    && to.format.as_deref() == Some("date-time") =>
            {
                Conversion::UnixTimeToText
            }
            (Ty::Named(a), Ty::Named(b)) if a == b => Conversion::Clone,
            (Ty::Named(a), Ty::Named(b)) if self.pairs.contains(&(*a, *b)) => {
                Conversion::Nested(*b)
            }
            (Ty::Named(a), Ty::String) if matches!(model.ty(*a).kind, TypeKind::Enum(_)) => {
                Conversion::EnumToString
            }
            (Ty::Expandable { object, .. }, Ty::String) => match &model.ty(*object).kind {
                TypeKind::Struct(s) if s.has_id => Conversion::ExpandableId,
                _ => {
                    return Err(format!(
                        "the expanded type `{}` has no required string `id`",
                        model.ty(*object).name
                    ))
                }
            },
            (a, b) if a == b => Conversion::Clone,
            _ => {
                return Err(format!(
                    "no converter from {} to {}",
                    describe(model, from),
                    describe(model, to)
                ))
            }
        })
    }
}

fn strip_nullable(shape: &Shape) -> (bool, &Shape) {
    match &shape.ty {
        Ty::Nullable(inner) => (true, inner),
        _ => (false, shape),
    }
}

fn literal(v: &toml::Value, ty: &Ty) -> Option<Literal> {
    match (v, ty) {
        (toml::Value::String(s), Ty::String) => Some(Literal::String(s.clone())),
        (toml::Value::Boolean(b), Ty::Bool) => Some(Literal::Bool(*b)),
        (toml::Value::Integer(i), Ty::Integer) => Some(Literal::Integer(*i)),
        _ => None,
    }
}

/// A short human name of a shape for error messages.
fn describe(model: &Model, shape: &Shape) -> String {
    let base = match &shape.ty {
        Ty::Bool => "boolean".to_owned(),
        Ty::Integer => "integer".to_owned(),
        Ty::Number => "number".to_owned(),
        Ty::String => "string".to_owned(),
        Ty::Null => "null".to_owned(),
        Ty::DateTime => "date-time".to_owned(),
        Ty::Any => "any value".to_owned(),
        Ty::Binary => "bytes".to_owned(),
        Ty::Named(id) => format!("`{}`", model.ty(*id).name),
        Ty::Array(item) => format!("array of {}", describe(model, item)),
        Ty::Map(value) => format!("map of {}", describe(model, value)),
        Ty::Nullable(inner) => format!("nullable {}", describe(model, inner)),
        Ty::Expandable { object, .. } => format!("expandable `{}`", model.ty(*object).name),
    };
    match &shape.format {
        Some(f) if shape.ty != Ty::DateTime => format!("{base} (format `{f}`)"),
        _ => base,
    }
}
