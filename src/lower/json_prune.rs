//! Dropping the check and evaluation functions that no check reaches, and numbering the
//! rest again (see `json_check`).

use crate::model::{Check, EvalFnId, Evaluated, JsonFnId, Model, Rule, Sub};

/// Drops the functions no check reaches (a branch compiled and then not needed, or the
/// parts of a schema that failed to compile as a whole) and renumbers the rest.
pub(super) fn prune(model: &mut Model) {
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
    // A reached function reaches only reached ones.
    let new_id = |id: JsonFnId| new_id[id.index()].expect("reached");
    let new_eval = |id: EvalFnId| new_eval[id.index()].expect("reached");
    let mut fix_sub = |s: &mut Sub| {
        if let Sub::Fn(id) = s {
            *id = new_id(*id)
        }
    };
    let fix_evaluated = |e: &mut Evaluated| {
        if let Evaluated::Fn(id) = e {
            *id = new_eval(*id)
        }
    };
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
    for f in &mut model.json_fns {
        for rule in &mut f.rules {
            rule.subs_mut(&mut fix_sub);
            if let Rule::Unevaluated { evaluated, .. } = rule {
                fix_evaluated(evaluated);
            }
        }
    }
    for f in &mut model.eval_fns {
        f.calls_mut(&mut |s, e| {
            s.into_iter().for_each(&mut fix_sub);
            e.into_iter().for_each(fix_evaluated);
        });
    }
    let mut renumber = |c: &mut Check| match c {
        Check::Json(id) => *id = new_id(*id),
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
    model.parse_checks.values_mut().for_each(|id| *id = new_id(*id));
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
