//! Lowers declarative mapping files into typed conversions, refusing any mapping the
//! generator cannot carry out: a struct built field by field, or an operation's
//! responses case by case.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::mapping_fields::{froms, Cx, FieldEntry, FieldTable};
use crate::config::Config;
use crate::diag::Diagnostics;
use crate::load::read_confined;
use crate::model::{
    ContextValue, DocId, Location, Mapping, MappingTarget, Model, Shape, Ty, TypeId, TypeKind,
};
use crate::schema::JsonPointer;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    source: Spanned<String>,
    /// A struct built field by field (`[fields]`)...
    #[serde(default)]
    target: Option<Spanned<String>>,
    /// ...or an operation's responses (`document#operationId`), built case by case.
    #[serde(default)]
    responses: Option<Spanned<String>>,
    /// Values from outside the source: name -> type (`string`, `integer`, `boolean`).
    #[serde(default)]
    context: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    fields: Option<Spanned<FieldTable>>,
    #[serde(default)]
    case: Vec<Spanned<super::cases::CaseEntry>>,
    /// Source fields deliberately not mapped: path -> why.
    #[serde(default)]
    ignore: BTreeMap<String, Spanned<String>>,
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
            let target = p.target.as_ref()?;
            Some((locate(model, p.source.get_ref()).ok()?, locate(model, target.get_ref()).ok()?))
        })
        .collect();
    parsed
        .into_iter()
        .filter_map(|(file, text, p)| {
            let at = "/fields".to_owned();
            Cx { file: &file, text: &text, model, diags: &mut *diags, pairs: &pairs, at }.lower(p)
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

impl Cx<'_> {
    fn lower(&mut self, parsed: MappingFile) -> Option<Mapping> {
        let source = locate(self.model, parsed.source.get_ref())
            .map_err(|e| self.error("/source", parsed.source.span(), e))
            .ok();
        let (context, context_ok) = self.context(&parsed.context);
        let stem = std::path::Path::new(self.file).file_stem().and_then(|s| s.to_str());
        let context_name =
            format!("{}Context", crate::naming::type_name(stem.unwrap_or("mapping")));
        // Both ends are located before either error stops the mapping: all errors at once.
        let struct_target = parsed.target.as_ref().map(|target| {
            locate(self.model, target.get_ref())
                .map_err(|e| self.error("/target", target.span(), e))
                .ok()
        });
        let source = source?;
        // The source paths the file reads: mapped, tested or ignored.
        let mut covered: Vec<String> = Vec::new();
        let target = match (&parsed.target, &parsed.responses) {
            (Some(target), None) => {
                let Some(fields) = &parsed.fields else {
                    let msg = "a mapping to a struct lists its fields under `[fields]`".to_owned();
                    self.error("/target", target.span(), msg);
                    return None;
                };
                if let Some(case) = parsed.case.first() {
                    let msg = "cases choose a response: use `responses` instead of `target`";
                    self.error("/case/0", case.span(), msg.to_owned());
                    return None;
                }
                let id = struct_target.flatten()?;
                covered.extend(froms(fields.get_ref()));
                let listed: Vec<(String, String, &Spanned<FieldEntry>)> =
                    fields.get_ref().iter().map(|(k, e)| (k.clone(), k.clone(), e)).collect();
                self.target_fields(source, &context, id, &listed, &fields.span())
                    .map(|fields| MappingTarget::Struct { id, fields })
            }
            (None, Some(responses)) => {
                if let Some(fields) = &parsed.fields {
                    let msg = "a mapping to responses lists fields in each `[[case]]`".to_owned();
                    self.error("/fields", fields.span(), msg);
                    return None;
                }
                self.responses(source, &context, responses, &parsed.case, &mut covered)
            }
            _ => {
                let msg = "give exactly one of `target` (a struct) and `responses` (an operation's responses, `document#operationId`)".to_owned();
                self.error("/source", parsed.source.span(), msg);
                return None;
            }
        };
        let mut ok = context_ok && target.is_some();
        // Every source field is mapped or ignored, so none is dropped unnoticed.
        for (path, why) in &parsed.ignore {
            if why.get_ref().trim().is_empty() {
                let msg = format!("give the reason `{path}` is not mapped");
                self.error(&format!("/ignore/{path}"), why.span(), msg);
                ok = false;
            }
            if let Err(e) = super::coverage::check_path(self.model, source, path) {
                self.error(
                    &format!("/ignore/{path}"),
                    why.span(),
                    format!("`{path}` cannot be ignored: {e}"),
                );
                ok = false;
            }
            covered.push(path.clone());
        }
        for missing in super::coverage::uncovered(self.model, source, &covered) {
            let msg = format!(
                "source field `{missing}` of `{}` is neither mapped nor ignored: map it, or list it under `[ignore]` with the reason it is not needed",
                self.model.ty(source).name
            );
            self.error("/source", parsed.source.span(), msg);
            ok = false;
        }
        ok.then(|| Mapping {
            file: self.file.to_owned(),
            source,
            target: target.expect("checked"),
            context,
            context_name,
        })
    }

    /// The values of `[context]`, and whether every one has a known type.
    fn context(&mut self, table: &BTreeMap<String, Spanned<String>>) -> (Vec<ContextValue>, bool) {
        let mut ok = true;
        let mut context = Vec::new();
        let mut names = crate::naming::Scope::default();
        for (name, ty) in table {
            let ty = match ty.get_ref().as_str() {
                "string" => Ty::String,
                "integer" => Ty::Integer,
                "boolean" => Ty::Bool,
                other => {
                    let msg = format!("context value `{name}` has type `{other}`; the types are `string`, `integer` and `boolean`");
                    self.error(&format!("/context/{name}"), ty.span(), msg);
                    ok = false;
                    continue;
                }
            };
            let rust = names.claim(crate::naming::field_name(name));
            context.push(ContextValue { json: name.clone(), rust, shape: Shape::plain(ty) });
        }
        (context, ok)
    }
}
