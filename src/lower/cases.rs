//! Mappings to an operation's responses: `[[case]]`s that pick a response by values of
//! the source or the context, and build its body field by field.

use serde::Deserialize;
use toml::Spanned;

use super::mapping_fields::{describe, froms, Cx, FieldEntry, FieldTable};
use crate::model::{
    Case, CaseBody, Condition, ContextValue, DocId, Encoding, FieldSource, Literal, MappingTarget,
    Model, OpId, Response, Shape, SourceValue, Status, Test, Ty, TypeId, TypeKind,
};

/// One `[[case]]` of a mapping file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CaseEntry {
    /// A condition, or a list that must all hold; none for the last case.
    #[serde(default)]
    when: Option<Spanned<toml::Value>>,
    /// The response's status as the operation lists it: `404`, `"4XX"`, `"default"`.
    response: Spanned<toml::Value>,
    /// The status sent, for a range or `default`.
    #[serde(default)]
    status: Option<Spanned<i64>>,
    /// The body's fields.
    #[serde(default)]
    fields: Option<Spanned<FieldTable>>,
}

/// One condition of a case's `when`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConditionEntry {
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    context: Option<String>,
    #[serde(default)]
    is: Option<toml::Value>,
    #[serde(default)]
    present: Option<bool>,
}

/// `openmeter#create-customer-stripe-portal-session` -> that operation.
fn locate_operation(model: &Model, location: &str) -> Result<OpId, String> {
    let Some((doc, id)) = location.split_once('#') else {
        return Err(format!("`{location}` names no operation: write `document#operationId`"));
    };
    let Some(index) = model.modules.iter().position(|m| m.key == doc) else {
        let known: Vec<&str> = model.modules.iter().map(|m| m.key.as_str()).collect();
        return Err(format!("no document `{doc}` (documents: {})", known.join(", ")));
    };
    let doc_id = DocId::new(index);
    OpId::all(model.operations.len())
        .find(|&op| {
            let op = &model.operations[op];
            op.operation_id == id && model.ty(op.request).module == doc_id
        })
        .ok_or_else(|| format!("document `{doc}` has no operation `{id}`"))
}

/// `404`, `4XX` or `default`.
fn status_text(status: Status) -> String {
    match status {
        Status::Code(code) => code.to_string(),
        Status::Range(class) => format!("{class}XX"),
        Status::Default => "default".to_owned(),
    }
}

fn parse_status(v: &toml::Value) -> Option<Status> {
    let text = match v {
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::String(s) => s.clone(),
        _ => return None,
    };
    match text.as_str() {
        "default" => Some(Status::Default),
        t if t.len() == 3 && t.ends_with("XX") => t[..1].parse().ok().map(Status::Range),
        t => t.parse().ok().filter(|c| (100..=599).contains(c)).map(Status::Code),
    }
}

impl Cx<'_> {
    /// A mapping to the responses of the operation `responses` names, case by case.
    pub(super) fn responses(
        &mut self,
        source: TypeId,
        context: &[ContextValue],
        responses: &Spanned<String>,
        cases: &[Spanned<CaseEntry>],
        covered: &mut Vec<String>,
    ) -> Option<MappingTarget> {
        let op = locate_operation(self.model, responses.get_ref())
            .map_err(|e| self.error("/responses", responses.span(), e))
            .ok()?;
        if cases.is_empty() {
            let msg = "a mapping to responses chooses one in its `[[case]]`s: give at least one";
            self.error("/responses", responses.span(), msg.to_owned());
            return None;
        }
        let mut ok = true;
        let mut out = Vec::new();
        for (i, case) in cases.iter().enumerate() {
            if let Some(fields) = &case.get_ref().fields {
                covered.extend(froms(fields.get_ref()));
            }
            match self.case(source, context, op, i, case, covered) {
                Some(c) => out.push(c),
                None => ok = false,
            }
        }
        // A case without conditions takes every value: one after it would never apply.
        if let Some(i) = cases.iter().position(|c| c.get_ref().when.is_none()) {
            if let Some(next) = cases.get(i + 1) {
                let msg = format!("this case never applies: case {i} has no `when` and takes every value, so it must be the last");
                self.error(&format!("/case/{}", i + 1), next.span(), msg);
                ok = false;
            }
        }
        ok.then_some(MappingTarget::Responses { op, cases: out })
    }

    fn case(
        &mut self,
        source: TypeId,
        context: &[ContextValue],
        op: OpId,
        index: usize,
        case: &Spanned<CaseEntry>,
        covered: &mut Vec<String>,
    ) -> Option<Case> {
        let model = self.model;
        let at = format!("/case/{index}");
        let entry = case.get_ref();
        let mut when = Vec::new();
        if let Some(w) = &entry.when {
            let list = match w.get_ref() {
                toml::Value::Array(items) => items.clone(),
                one => vec![one.clone()],
            };
            for c in list {
                let parsed = ConditionEntry::deserialize(c).map_err(|e| e.message().to_owned());
                let condition = parsed.and_then(|c| self.condition(source, context, c, covered));
                match condition {
                    Ok(c) => when.push(c),
                    Err(e) => {
                        self.error(&format!("{at}/when"), w.span(), e);
                        return None;
                    }
                }
            }
        }
        let operation = &model.operations[op];
        let response = self.response(operation, &at, &entry.response)?;
        let status = match (response.status, &entry.status) {
            (Status::Code(_), None) => None,
            (Status::Code(code), Some(s)) => {
                let msg = format!("response {code} always has status {code}: remove `status`");
                self.error(&format!("{at}/status"), s.span(), msg);
                return None;
            }
            (other, None) => {
                let msg = format!(
                    "response `{}` carries the status it is sent with: give `status`",
                    status_text(other)
                );
                self.error(&format!("{at}/response"), entry.response.span(), msg);
                return None;
            }
            (range, Some(s)) => {
                let code = u16::try_from(*s.get_ref()).ok().filter(|c| (100..=599).contains(c));
                let listed =
                    |c: u16| operation.responses.iter().any(|r| r.status == Status::Code(c));
                let fits = |c: u16| match range {
                    Status::Range(class) => c / 100 == class && !listed(c),
                    _ => {
                        !listed(c)
                            && !operation
                                .responses
                                .iter()
                                .any(|r| r.status == Status::Range(c / 100))
                    }
                };
                match code.filter(|&c| fits(c)) {
                    Some(code) => Some(code),
                    None => {
                        let msg = format!(
                            "status {} is not one that response `{}` answers",
                            s.get_ref(),
                            status_text(range)
                        );
                        self.error(&format!("{at}/status"), s.span(), msg);
                        return None;
                    }
                }
            }
        };
        let body = self.case_body(source, context, &at, case, response)?;
        Some(Case { when, variant: response.variant.clone(), status, body })
    }

    /// The response of `operation` that `value` names.
    fn response<'m>(
        &mut self,
        operation: &'m crate::model::Operation,
        at: &str,
        value: &Spanned<toml::Value>,
    ) -> Option<&'m Response> {
        let Some(status) = parse_status(value.get_ref()) else {
            let msg =
                "`response` is a status the operation lists: `404`, `\"4XX\"` or `\"default\"`";
            self.error(&format!("{at}/response"), value.span(), msg.to_owned());
            return None;
        };
        let found: Vec<&Response> =
            operation.responses.iter().filter(|r| r.status == status).collect();
        let json: Vec<&Response> = found
            .iter()
            .copied()
            .filter(|r| matches!(r.content, Some((_, Encoding::Json, _))))
            .collect();
        let response = match (found.as_slice(), json.as_slice()) {
            ([one], _) | (_, [one]) => *one,
            ([], _) => {
                let listed: Vec<String> =
                    operation.responses.iter().map(|r| status_text(r.status)).collect();
                let msg = format!(
                    "operation `{}` has no response `{}` (it has {})",
                    operation.operation_id,
                    status_text(status),
                    listed.join(", ")
                );
                self.error(&format!("{at}/response"), value.span(), msg);
                return None;
            }
            _ => {
                let msg = format!(
                    "response `{}` has several media types; a mapping builds one JSON body",
                    status_text(status)
                );
                self.error(&format!("{at}/response"), value.span(), msg);
                return None;
            }
        };
        if response.headers.is_some() {
            let msg = format!(
                "response `{}` declares headers, which mappings do not build yet",
                status_text(status)
            );
            self.error(&format!("{at}/response"), value.span(), msg);
            return None;
        }
        Some(response)
    }

    /// The body a case builds: its struct (through newtypes around it), field by field.
    fn case_body(
        &mut self,
        source: TypeId,
        context: &[ContextValue],
        at: &str,
        case: &Spanned<CaseEntry>,
        response: &Response,
    ) -> Option<Option<CaseBody>> {
        let model = self.model;
        let fields = &case.get_ref().fields;
        let shape = match (&response.content, fields) {
            (None, None) => return Some(None),
            (None, Some(f)) => {
                let msg = "this response has no body: remove `fields`".to_owned();
                self.error(&format!("{at}/fields"), f.span(), msg);
                return None;
            }
            (Some((_, Encoding::Json, shape)), _) => shape,
            (Some((media, ..)), _) => {
                let msg = format!("the body is `{media}`; mappings build JSON bodies");
                self.error(&format!("{at}/response"), case.get_ref().response.span(), msg);
                return None;
            }
        };
        let mut wrappers = Vec::new();
        let mut current = shape;
        let target = loop {
            match &current.ty {
                Ty::Named(id) => match &model.ty(*id).kind {
                    TypeKind::Struct(_) => break Some(*id),
                    TypeKind::Newtype(n) => {
                        wrappers.push(*id);
                        current = &n.shape;
                    }
                    _ => break None,
                },
                _ => break None,
            }
        };
        let Some(target) = target else {
            let msg = format!(
                "the body of this response is {}, not an object built field by field",
                describe(model, shape)
            );
            self.error(&format!("{at}/response"), case.get_ref().response.span(), msg);
            return None;
        };
        let empty = Spanned::new(case.span(), FieldTable::new());
        let table = fields.as_ref().unwrap_or(&empty);
        let listed: Vec<(String, String, &Spanned<FieldEntry>)> =
            table.get_ref().iter().map(|(k, e)| (k.clone(), k.clone(), e)).collect();
        let outer = std::mem::replace(&mut self.at, format!("{at}/fields"));
        let built = self.target_fields(source, context, target, &listed, &table.span());
        self.at = outer;
        Some(Some(CaseBody { wrappers, target, fields: built? }))
    }

    /// A condition of `when`, read; the source path it tests counts as used.
    fn condition(
        &mut self,
        source: TypeId,
        context: &[ContextValue],
        c: ConditionEntry,
        covered: &mut Vec<String>,
    ) -> Result<Condition, String> {
        let model = self.model;
        let (from, shape, wrap, name) = match (c.from, c.context) {
            (Some(path), None) => {
                let walked = super::coverage::walk(model, source, &path)
                    .map_err(|e| format!("source path `{path}` {e}"))?;
                covered.push(path.clone());
                (FieldSource::Path(walked.steps), walked.shape, walked.whole, path)
            }
            (None, Some(name)) => {
                let value = context.iter().find(|v| v.json == name).ok_or_else(|| {
                    format!("no context value `{name}`: declare it under `[context]`")
                })?;
                let rust = value.rust.clone();
                (FieldSource::Context(rust), value.shape.clone(), SourceValue::Plain, name)
            }
            _ => {
                return Err("a condition tests one value: give `from` (a source path) or `context`"
                    .to_owned())
            }
        };
        let test = match (c.is, c.present) {
            (Some(v), None) => {
                let values = match v {
                    toml::Value::Array(items) => items,
                    one => vec![one],
                };
                let literals = values
                    .iter()
                    .map(|v| comparable(model, v, &shape))
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| {
                        format!("`is` does not fit `{name}` ({})", describe(model, &shape))
                    })?;
                Test::Is(literals)
            }
            (None, Some(_)) if wrap == SourceValue::Plain => {
                return Err(format!("`{name}` is always present: `present` cannot test it"));
            }
            (None, Some(present)) => Test::Present(present),
            _ => return Err("a condition gives one of `is` and `present`".to_owned()),
        };
        Ok(Condition { from, test })
    }
}

/// A literal `is` compares with a value of `shape`: a string (also an enum's listed
/// value, or any for an open enum), an integer or a boolean.
fn comparable(model: &Model, v: &toml::Value, shape: &Shape) -> Option<Literal> {
    match (v, &shape.ty) {
        (toml::Value::String(s), Ty::String) => Some(Literal::String(s.clone())),
        (toml::Value::String(s), Ty::Named(id)) => match &model.ty(*id).kind {
            TypeKind::Enum(e) if e.open || e.variants.iter().any(|v| v.json == *s) => {
                Some(Literal::String(s.clone()))
            }
            _ => None,
        },
        (toml::Value::Integer(i), Ty::Integer) => Some(Literal::Integer(*i)),
        (toml::Value::Boolean(b), Ty::Bool) => Some(Literal::Bool(*b)),
        _ => None,
    }
}
