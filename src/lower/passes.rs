//! Passes over the whole model once every type is lowered: unions that contain
//! themselves, and the boxes recursion needs.

use crate::model::{walk_shape, Model, Shape, Ty, TypeDef, TypeId, TypeKind, UnionRepr};

/// An `anyOf` of overlapping branches of which two or more contain the union again would
/// try each of them at every level of a value: exponential in its depth on hostile input.
/// Such unions remember the result for each nested value while the outermost one is
/// read, so each is read once per branch. (With one such branch, as in Stripe's
/// `customer`, every level reads its subtree once more at most: the other branches stop
/// at their own fields.) Returns the `oneOf` unions that contain themselves at all.
pub(super) fn memoize_recursive_first_valid(model: &mut Model) -> Vec<TypeId> {
    let m = &*model;
    // The named types a shape holds, at any depth (arrays, maps, expandable objects).
    fn named(s: &Shape, out: &mut Vec<TypeId>) {
        match &s.ty {
            Ty::Named(t) => out.push(*t),
            Ty::Expandable { object, .. } => out.push(*object),
            _ => {}
        }
    }
    let children = |id: TypeId| {
        let mut out = Vec::new();
        m.walk_type_shapes(id, &mut |s| named(s, &mut out));
        out
    };
    let reaches = |from: Vec<TypeId>, to: TypeId| {
        let (mut stack, mut seen) = (from, vec![false; m.types.len()]);
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if !std::mem::replace(&mut seen[n], true) {
                stack.extend(children(n));
            }
        }
        false
    };
    // (union, how many of its branches contain it again)
    let recursive: Vec<(TypeId, usize)> = TypeId::all(m.types.len())
        .filter_map(|id| match &m.types[id].kind {
            TypeKind::Union(u) if u.first_valid() => {
                let branch_children = |shape: &Shape| {
                    let mut out = Vec::new();
                    walk_shape(shape, &mut |s| named(s, &mut out));
                    out
                };
                Some((
                    id,
                    u.variants.iter().filter(|v| reaches(branch_children(&v.shape), id)).count(),
                ))
            }
            _ => None,
        })
        .collect();
    let mut one_of = Vec::new();
    for (id, count) in recursive {
        if let TypeKind::Union(u) = &mut model.types[id].kind {
            if let UnionRepr::FirstValid { one_of: from_one_of, memo } = &mut u.repr {
                *memo = count >= 2;
                if *from_one_of && count >= 1 {
                    one_of.push(id);
                }
            }
        }
    }
    one_of
}

/// Boxes fields (and newtypes) whose type contains their own type without indirection.
pub(super) fn mark_boxed(model: &mut Model) {
    fn direct(shape: &Shape, out: &mut Vec<TypeId>) {
        match &shape.ty {
            Ty::Named(id) => out.push(*id),
            Ty::Nullable(inner) => direct(inner, out),
            _ => {}
        }
    }
    let shapes_of = |t: &TypeDef| -> Vec<Shape> {
        match &t.kind {
            TypeKind::Struct(s) => s.fields.iter().map(|f| f.shape.clone()).collect(),
            TypeKind::Newtype(n) => vec![n.shape.clone()],
            TypeKind::Union(u) => u.variants.iter().map(|v| v.shape.clone()).collect(),
            TypeKind::Enum(_) => Vec::new(),
        }
    };
    let edges: Vec<Vec<TypeId>> = model
        .types
        .iter()
        .map(|t| {
            let mut out = Vec::new();
            shapes_of(t).iter().for_each(|s| direct(s, &mut out));
            out
        })
        .collect();
    let reaches = |from: TypeId, to: TypeId| {
        let mut stack = vec![from];
        let mut seen = vec![false; edges.len()];
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if !std::mem::replace(&mut seen[n], true) {
                stack.extend(&edges[n]);
            }
        }
        false
    };
    let mut boxes = Vec::new();
    for (id, t) in TypeId::all(model.types.len()).zip(&model.types) {
        for (i, shape) in shapes_of(t).iter().enumerate() {
            let mut targets = Vec::new();
            direct(shape, &mut targets);
            if targets.iter().any(|&target| reaches(target, id)) {
                boxes.push((id, i));
            }
        }
    }
    // Struct branches of a union are boxed too, so that one large branch does not make
    // every value of the union as large (clippy: large_enum_variant).
    let is_struct = |shape: &Shape| match &shape.ty {
        Ty::Named(t) => match &model.types[*t].kind {
            TypeKind::Struct(_) => true,
            TypeKind::Newtype(n) => {
                matches!(&n.shape.ty, Ty::Named(inner) if matches!(model.types[*inner].kind, TypeKind::Struct(_)))
            }
            _ => false,
        },
        _ => false,
    };
    for (id, t) in TypeId::all(model.types.len()).zip(&model.types) {
        if let TypeKind::Union(u) = &t.kind {
            boxes.extend(
                u.variants
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| u.variants.len() > 1 && is_struct(&v.shape))
                    .map(|(i, _)| (id, i)),
            );
        }
    }
    for (id, i) in boxes {
        match &mut model.types[id].kind {
            TypeKind::Struct(s) => s.fields[i].boxed = true,
            TypeKind::Newtype(n) => n.boxed = true,
            TypeKind::Union(u) => u.variants[i].boxed = true,
            TypeKind::Enum(_) => {}
        }
    }
}
