//! Merging check functions that are the same, dropping those that no check reaches, and
//! numbering the rest again (see `json_check`).

use std::collections::BTreeMap;

use crate::model::{Check, EvalFnId, Evaluated, JsonFnId, Model, Rule, Sub};

/// Drops the functions no check reaches (a branch compiled and then not needed, the
/// parts of a schema that failed to compile as a whole, or a copy merged into its twin)
/// and renumbers the rest.
pub(super) fn prune(model: &mut Model) {
    merge_twins(model);
    let mut reached = vec![false; model.json_fns.len()];
    let mut reached_evals = vec![false; model.eval_fns.len()];
    let mut stack = Vec::new();
    let mut roots = |c: &mut Check| match c {
        Check::Json(id) => stack.push(Node::Check(*id)),
        Check::Entries { listed, patterns, additional, .. } => {
            let subs = listed.iter().chain(patterns.iter()).map(|(_, s)| *s);
            stack.extend(subs.chain([*additional]).filter_map(Sub::id).map(Node::Check));
        }
        _ => {}
    };
    for t in &mut model.types {
        t.checks.iter_mut().for_each(&mut roots);
        t.kind.walk_shapes_mut(&mut |s| s.checks.iter_mut().for_each(&mut roots));
    }
    stack.extend(model.parse_checks.values().map(|&id| Node::Check(id)));
    while let Some(node) = stack.pop() {
        match node {
            Node::Check(id) if !std::mem::replace(&mut reached[id], true) => {
                for rule in &model.json_fns[id].rules {
                    rule.subs(&mut |s| stack.extend(s.id().map(Node::Check)));
                    if let Rule::Unevaluated { evaluated: Evaluated::Fn(e), .. } = rule {
                        stack.push(Node::Eval(*e));
                    }
                }
            }
            Node::Eval(id) if !std::mem::replace(&mut reached_evals[id], true) => {
                model.eval_fns[id].calls(&mut |s, e| {
                    stack.extend(s.map(Node::Check));
                    stack.extend(e.map(Node::Eval));
                });
            }
            _ => {}
        }
    }
    let new_id = renumbering(&reached, JsonFnId::new);
    let new_eval = renumbering(&reached_evals, EvalFnId::new);
    let fns = std::mem::take(&mut model.json_fns);
    model.json_fns =
        fns.into_iter().enumerate().filter(|(id, _)| reached[*id]).map(|(_, f)| f).collect();
    let evals = std::mem::take(&mut model.eval_fns);
    model.eval_fns = evals
        .into_iter()
        .enumerate()
        .filter(|(id, _)| reached_evals[*id])
        .map(|(_, f)| f)
        .collect();
    // A reached function reaches only reached ones.
    repoint(model, &|id| new_id[id.index()].expect("reached"), &|id| {
        new_eval[id.index()].expect("reached")
    });
}

/// Points every use of a check or evaluation function (by the functions, the types'
/// checks and the parse checks) at `check(id)` or `eval(id)`.
fn repoint(
    model: &mut Model,
    check: &dyn Fn(JsonFnId) -> JsonFnId,
    eval: &dyn Fn(EvalFnId) -> EvalFnId,
) {
    let fix_sub = |s: &mut Sub| {
        if let Sub::Fn(id) = s {
            *id = check(*id)
        }
    };
    let fix_evaluated = |e: &mut Evaluated| {
        if let Evaluated::Fn(id) = e {
            *id = eval(*id)
        }
    };
    for f in &mut model.json_fns {
        for rule in &mut f.rules {
            rule.subs_mut(&mut |s| fix_sub(s));
            if let Rule::Unevaluated { evaluated, .. } = rule {
                fix_evaluated(evaluated);
            }
        }
    }
    for f in &mut model.eval_fns {
        f.calls_mut(&mut |s, e| {
            s.into_iter().for_each(fix_sub);
            e.into_iter().for_each(fix_evaluated);
        });
    }
    let mut renumber = |c: &mut Check| match c {
        Check::Json(id) => *id = check(*id),
        Check::Entries { listed, patterns, additional, .. } => {
            listed.iter_mut().chain(patterns.iter_mut()).for_each(|(_, s)| fix_sub(s));
            fix_sub(additional);
        }
        _ => {}
    };
    for t in &mut model.types {
        t.checks.iter_mut().for_each(&mut renumber);
        t.kind.walk_shapes_mut(&mut |s| s.checks.iter_mut().for_each(&mut renumber));
    }
    model.parse_checks.values_mut().for_each(|id| *id = check(*id));
}

/// The new ids of the kept entries of a table, in order.
fn renumbering<Id>(kept: &[bool], id: fn(usize) -> Id) -> Vec<Option<Id>> {
    let mut next = 0;
    kept.iter()
        .map(|&keep| {
            keep.then(|| {
                next += 1;
                id(next - 1)
            })
        })
        .collect()
}

/// A function of the compiler's output: a check or an evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Node {
    /// A check ([`Model::json_fns`]).
    Check(JsonFnId),
    /// An evaluation ([`Model::eval_fns`]).
    Eval(EvalFnId),
}

/// Points every use of a function at its first twin: the same subschema, compiled to
/// the same rules (those of a struct's context that covered nothing, `json_covered`).
/// Repeated until no more merge, as merging callees makes their callers twins.
fn merge_twins(model: &mut Model) {
    let n = model.json_fns.len();
    let mut twin: Vec<JsonFnId> = JsonFnId::all(n).collect();
    loop {
        let mut first: BTreeMap<String, JsonFnId> = BTreeMap::new();
        let mut merged = false;
        for id in JsonFnId::all(n) {
            if twin[id.index()] != id {
                continue;
            }
            let f = &model.json_fns[id];
            let mut rules = f.rules.clone();
            rules.iter_mut().for_each(|r| {
                r.subs_mut(&mut |s| {
                    if let Sub::Fn(callee) = s {
                        *callee = twin[callee.index()];
                    }
                })
            });
            let key = format!("{:?} {} {rules:?}", f.module, f.pointer);
            match first.get(&key) {
                Some(&other) => {
                    twin[id.index()] = other;
                    merged = true;
                }
                None => {
                    first.insert(key, id);
                }
            }
        }
        if !merged {
            break;
        }
        // Each entry names a function that is its own twin again.
        for i in 0..n {
            twin[i] = twin[twin[i].index()];
        }
    }
    repoint(model, &|id| twin[id.index()], &|id| id);
}
