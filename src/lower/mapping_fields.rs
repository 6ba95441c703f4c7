//! The `[fields]` of a mapping file: each target field's source, context value or
//! constant, checked against both types and lowered to a conversion.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use crate::diag::Diagnostics;
use crate::model::{
    ContextValue, Conversion, FieldMapping, FieldSource, Literal, Model, Shape, SourceValue, Ty,
    TypeId, TypeKind,
};

/// A `[fields]` table: target field (or `a.b`, `items.0.id` path) -> its entry.
pub(super) type FieldTable = BTreeMap<String, Spanned<FieldEntry>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FieldEntry {
    /// A source path (`stripe_options.locale`).
    #[serde(default)]
    pub(super) from: Option<Spanned<String>>,
    /// A context value.
    #[serde(default)]
    context: Option<Spanned<String>>,
    /// A constant.
    #[serde(default)]
    value: Option<Spanned<toml::Value>>,
    #[serde(default)]
    if_null: Option<Spanned<toml::Value>>,
    /// For a string mapped to an open enum: `keep` puts an unlisted value in `Unknown`.
    #[serde(default)]
    unknown: Option<Spanned<String>>,
}

/// The source paths of a `[fields]` table's entries.
pub(super) fn froms(fields: &FieldTable) -> impl Iterator<Item = String> + '_ {
    fields.values().filter_map(|e| e.get_ref().from.as_ref()).map(|f| f.get_ref().clone())
}

/// Entries of `[fields]` for one target struct: the key below it, the key in the file,
/// the entry.
type Entries<'e> = Vec<(String, String, &'e Spanned<FieldEntry>)>;

pub(super) struct Cx<'a> {
    pub(super) file: &'a str,
    pub(super) text: &'a Arc<str>,
    pub(super) model: &'a Model,
    pub(super) diags: &'a mut Diagnostics,
    /// Every (source, target) pair of the mapping files: a field may use another mapping.
    pub(super) pairs: &'a Vec<(TypeId, TypeId)>,
    /// The pointer of the `[fields]` table being read (`/fields`, `/case/0/fields`).
    pub(super) at: String,
}

impl Cx<'_> {
    pub(super) fn error(&mut self, pointer: &str, span: Range<usize>, message: String) {
        self.diags.error_at(self.file, pointer, Some((self.text, span)), message);
    }

    /// The mappings of the fields of struct `target`, from `entries` (each: its key
    /// below this struct, its key in the file, the entry); a `a.b` key builds field `a`,
    /// a struct, field by field.
    pub(super) fn target_fields(
        &mut self,
        source: TypeId,
        context: &[ContextValue],
        target: TypeId,
        entries: &[(String, String, &Spanned<FieldEntry>)],
        fields_span: &Range<usize>,
    ) -> Option<Vec<FieldMapping>> {
        let model = self.model;
        let TypeKind::Struct(def) = &model.ty(target).kind else { unreachable!("a struct") };
        let mut ok = true;
        let mut direct = BTreeMap::new();
        let mut nested: BTreeMap<&str, Entries<'_>> = BTreeMap::new();
        for (key, full, entry) in entries {
            let head = match key.split_once('.') {
                None => {
                    direct.insert(key.as_str(), (full.as_str(), *entry));
                    key.as_str()
                }
                Some((head, rest)) => {
                    nested.entry(head).or_default().push((rest.to_owned(), full.clone(), *entry));
                    head
                }
            };
            if !def.fields.iter().any(|f| f.json_name == head) {
                let msg = format!("target `{}` has no field `{head}`", model.ty(target).name);
                self.error(&format!("{}/{full}", self.at), entry.span(), msg);
                ok = false;
            } else if direct.contains_key(head) && nested.contains_key(head) {
                let msg =
                    format!("target field `{head}` is mapped both as a whole and field by field");
                self.error(&format!("{}/{full}", self.at), entry.span(), msg);
                ok = false;
            }
        }
        let mut fields = Vec::new();
        for field in &def.fields {
            let name = field.json_name.as_str();
            if let Some((full, entry)) = direct.get(name) {
                match self.field(source, context, field, full, entry) {
                    Some(f) => fields.push(f),
                    None => ok = false,
                }
            } else if let Some(subs) = nested.get(name) {
                let (nullable, inner) = field.shape.non_null();
                let prefix =
                    subs[0].1.strip_suffix(&subs[0].0).unwrap_or(name).trim_end_matches('.');
                if let Ty::Array(item) = &inner.ty {
                    match self.list(source, context, item, subs, fields_span) {
                        Some(from) => fields.push(FieldMapping {
                            target_rust: field.rust_name.clone(),
                            target_json: field.json_name.clone(),
                            target_optional: nullable || !field.required,
                            from,
                            source_json: format!("the items of `{prefix}`"),
                            conversion: Conversion::Clone,
                            if_null: None,
                        }),
                        None => ok = false,
                    }
                    continue;
                }
                let id = match &inner.ty {
                    Ty::Named(id) if matches!(model.ty(*id).kind, TypeKind::Struct(_)) => *id,
                    _ => {
                        let msg = format!("target field `{name}` is not an object: it cannot be built field by field");
                        self.error(&format!("{}/{}", self.at, subs[0].1), subs[0].2.span(), msg);
                        ok = false;
                        continue;
                    }
                };
                let Some(inner_fields) = self.target_fields(source, context, id, subs, fields_span)
                else {
                    ok = false;
                    continue;
                };
                fields.push(FieldMapping {
                    target_rust: field.rust_name.clone(),
                    target_json: field.json_name.clone(),
                    target_optional: nullable || !field.required,
                    from: FieldSource::Nested { target: id, fields: inner_fields },
                    source_json: format!("the fields of `{prefix}`"),
                    conversion: Conversion::Clone,
                    if_null: None,
                });
            } else if field.required {
                let msg = format!(
                    "required target field `{name}` of `{}` is not mapped",
                    model.ty(target).name
                );
                self.error(&self.at.clone(), fields_span.clone(), msg);
                ok = false;
            }
        }
        ok.then_some(fields)
    }

    /// An array of structs built item by item: `entries` are keyed `0.a`, `1.a`, ...,
    /// their indexes `0` to `n - 1`.
    fn list(
        &mut self,
        source: TypeId,
        context: &[ContextValue],
        item: &Shape,
        entries: &[(String, String, &Spanned<FieldEntry>)],
        fields_span: &Range<usize>,
    ) -> Option<FieldSource> {
        let model = self.model;
        let (full, entry) = (&entries[0].1, entries[0].2);
        let id = match &item.ty {
            Ty::Named(id) if matches!(model.ty(*id).kind, TypeKind::Struct(_)) => *id,
            _ => {
                let msg = format!(
                    "the items of `{full}` are not objects: they cannot be built field by field"
                );
                self.error(&format!("{}/{full}", self.at), entry.span(), msg);
                return None;
            }
        };
        let mut by_index: BTreeMap<usize, Entries<'_>> = BTreeMap::new();
        for (key, full, entry) in entries {
            let parsed = key.split_once('.').and_then(|(i, rest)| Some((i.parse().ok()?, rest)));
            let Some((index, rest)) = parsed.filter(|(i, _): &(usize, _)| *i < entries.len())
            else {
                let msg = format!("`{full}` builds an array: give each item's index and field (`items.0.id`), from 0 on");
                self.error(&format!("{}/{full}", self.at), entry.span(), msg);
                return None;
            };
            by_index.entry(index).or_default().push((rest.to_owned(), full.clone(), *entry));
        }
        if by_index.keys().copied().ne(0..by_index.len()) {
            let msg = format!("the items of `{full}` are numbered from 0 with no gaps");
            self.error(&format!("{}/{full}", self.at), entry.span(), msg);
            return None;
        }
        // Every item is checked, so that one run reports the errors of all.
        let items: Vec<Option<Vec<FieldMapping>>> = by_index
            .values()
            .map(|subs| self.target_fields(source, context, id, subs, fields_span))
            .collect();
        let items = items.into_iter().collect::<Option<Vec<_>>>()?;
        Some(FieldSource::List { target: id, items })
    }

    fn field(
        &mut self,
        source: TypeId,
        context: &[ContextValue],
        target: &super::Field,
        key: &str,
        entry: &Spanned<FieldEntry>,
    ) -> Option<FieldMapping> {
        let name = &target.json_name;
        let given = [
            entry.get_ref().from.is_some(),
            entry.get_ref().context.is_some(),
            entry.get_ref().value.is_some(),
        ];
        if given.iter().filter(|g| **g).count() != 1 {
            let msg = format!("field `{name}` needs exactly one of `from` (a source path), `context` (a context value) and `value` (a constant)");
            self.error(&format!("{}/{key}", self.at), entry.span(), msg);
            return None;
        }
        let entry = entry.get_ref();
        let (target_nullable, target_inner) = target.shape.non_null();
        if let Some(value) = &entry.value {
            let at = format!("{}/{key}/value", self.at);
            if entry.if_null.is_some() || entry.unknown.is_some() {
                self.error(
                    &at,
                    value.span(),
                    "a constant takes neither `if_null` nor `unknown`".to_owned(),
                );
                return None;
            }
            let Some(constant) = self.constant(value.get_ref(), target_inner) else {
                let msg = format!(
                    "the constant does not fit the type of target `{name}` ({})",
                    describe(self.model, target_inner)
                );
                self.error(&at, value.span(), msg);
                return None;
            };
            return Some(FieldMapping {
                target_rust: target.rust_name.clone(),
                target_json: name.clone(),
                target_optional: target_nullable || !target.required,
                from: FieldSource::Constant(constant),
                source_json: format!("the constant of `{name}`"),
                conversion: Conversion::Clone,
                if_null: None,
            });
        }
        let (at, span, from, path, source_value, inner) = if let Some(c) = &entry.context {
            let at = format!("{}/{key}/context", self.at);
            let Some(value) = context.iter().find(|v| v.json == *c.get_ref()) else {
                self.error(
                    &at,
                    c.span(),
                    format!("no context value `{}`: declare it under `[context]`", c.get_ref()),
                );
                return None;
            };
            let path = format!("context.{}", value.json);
            (
                at,
                c.span(),
                FieldSource::Context(value.rust.clone()),
                path,
                SourceValue::Plain,
                value.shape.clone(),
            )
        } else {
            let from = entry.from.as_ref().expect("one of the three");
            let at = format!("{}/{key}/from", self.at);
            let path = from.get_ref();
            let super::coverage::Walked { steps, whole: wrap, shape } =
                match super::coverage::walk(self.model, source, path) {
                    Ok(found) => found,
                    Err(e) => {
                        self.error(&at, from.span(), format!("source path `{path}` {e}"));
                        return None;
                    }
                };
            (at, from.span(), FieldSource::Path(steps), path.clone(), wrap, shape)
        };
        if target_nullable && !target.required {
            self.error(&at, span, format!("target field `{name}` is optional and nullable; such targets are not supported yet"));
            return None;
        }
        let target_optional = target_nullable || !target.required;
        let keep_unknown = match entry.unknown.as_ref().map(|u| u.get_ref().as_str()) {
            None | Some("error") => false,
            Some("keep") => true,
            Some(other) => {
                let msg = format!("`unknown` is `keep` or `error`, not `{other}`");
                self.error(
                    &format!("{}/{key}/unknown", self.at),
                    entry.unknown.as_ref().expect("given").span(),
                    msg,
                );
                return None;
            }
        };
        let conversion = match self.conversion(&inner, target_inner, keep_unknown) {
            Ok(c) => c,
            Err(e) => {
                self.error(&at, span, format!("cannot map `{path}` to `{name}`: {e}"));
                return None;
            }
        };
        if let (Some(unknown), false) =
            (&entry.unknown, matches!(conversion, Conversion::StringToEnum { .. }))
        {
            let msg = "`unknown` applies to a string mapped to an enum".to_owned();
            self.error(&format!("{}/{key}/unknown", self.at), unknown.span(), msg);
            return None;
        }
        let if_null = match (&entry.if_null, source_value, target_optional) {
            (None, SourceValue::Plain, _) | (None, _, true) => None,
            (None, _, false) => {
                let msg = format!("source `{path}` may be null or absent but target `{name}` is required: give `if_null`");
                self.error(&at, span, msg);
                return None;
            }
            (Some(v), SourceValue::Plain, _) => {
                self.error(
                    &format!("{}/{key}/if_null", self.at),
                    v.span(),
                    format!("source `{path}` is never null; remove `if_null`"),
                );
                return None;
            }
            (Some(v), _, _) => match literal(v.get_ref(), &target_inner.ty) {
                Some(l) => Some(l),
                None => {
                    let msg = format!("`if_null` does not fit the type of target `{name}`");
                    self.error(&format!("{}/{key}/if_null", self.at), v.span(), msg);
                    return None;
                }
            },
        };
        Some(FieldMapping {
            target_rust: target.rust_name.clone(),
            target_json: name.clone(),
            target_optional,
            from,
            source_json: path,
            conversion,
            if_null,
        })
    }

    /// A constant of the mapping file as a value of `shape`: strings (also an enum's
    /// values), booleans, integers and arrays of them.
    fn constant(&self, v: &toml::Value, shape: &Shape) -> Option<Literal> {
        match (v, &shape.ty) {
            (toml::Value::Array(items), Ty::Array(item)) => items
                .iter()
                .map(|i| self.constant(i, item))
                .collect::<Option<Vec<_>>>()
                .map(Literal::Array),
            (toml::Value::String(text), Ty::Named(id)) => match &self.model.ty(*id).kind {
                TypeKind::Enum(e) if e.open || e.variants.iter().any(|v| v.json == *text) => {
                    Some(Literal::String(text.clone()))
                }
                _ => None,
            },
            _ => literal(v, &shape.ty),
        }
    }

    fn conversion(
        &self,
        from: &Shape,
        to: &Shape,
        keep_unknown: bool,
    ) -> Result<Conversion, String> {
        let model = self.model;
        Ok(match (&from.ty, &to.ty) {
            (Ty::String, Ty::Named(b)) if matches!(model.ty(*b).kind, TypeKind::Enum(_)) => {
                let TypeKind::Enum(e) = &model.ty(*b).kind else { unreachable!("matched") };
                if keep_unknown && !e.open {
                    return Err(format!("`unknown = \"keep\"` needs an enum that keeps unknown values, and `{}` does not", model.ty(*b).name));
                }
                Conversion::StringToEnum { target: *b, keep_unknown }
            }
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
            (Ty::String, Ty::String) if from.format_type() != to.format_type() => Conversion::Text,
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
            // Structs, unions, lists and maps to their JSON text.
            (Ty::Named(_) | Ty::Array(_) | Ty::Map(_) | Ty::Any, Ty::String)
                if to.format_type().is_none() =>
            {
                Conversion::JsonText
            }
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

fn literal(v: &toml::Value, ty: &Ty) -> Option<Literal> {
    match (v, ty) {
        (toml::Value::String(s), Ty::String) => Some(Literal::String(s.clone())),
        (toml::Value::Boolean(b), Ty::Bool) => Some(Literal::Bool(*b)),
        (toml::Value::Integer(i), Ty::Integer) => Some(Literal::Integer(*i)),
        _ => None,
    }
}

/// A short human name of a shape for error messages.
pub(super) fn describe(model: &Model, shape: &Shape) -> String {
    let base = match &shape.ty {
        Ty::Bool => "boolean".to_owned(),
        Ty::Integer => "integer".to_owned(),
        Ty::Number => "number".to_owned(),
        Ty::String => "string".to_owned(),
        Ty::Null => "null".to_owned(),
        Ty::Never => "no value".to_owned(),
        Ty::DateTime => "date-time".to_owned(),
        Ty::Any => "any value".to_owned(),
        Ty::Binary => "bytes".to_owned(),
        Ty::External { path, .. } => format!("`{path}`"),
        Ty::Crate(c) => format!("`{}`", c.path().trim_start_matches("::")),
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
