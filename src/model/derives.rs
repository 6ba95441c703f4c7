//! Which comparison traits each type can derive: those every value it holds has.

use super::{Additional, Model, Shape, Ty, TypeId, TypeKind};

/// `Eq`, `Hash` and `Ord` (with `PartialOrd`), each where every field allows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Traits {
    /// `Eq`.
    pub eq: bool,
    /// `Hash`.
    pub hash: bool,
    /// `PartialOrd` and `Ord`.
    pub ord: bool,
}

impl Traits {
    const ALL: Traits = Traits { eq: true, hash: true, ord: true };
    const NONE: Traits = Traits { eq: false, hash: false, ord: false };

    fn and(self, other: Traits) -> Traits {
        Traits {
            eq: self.eq && other.eq,
            hash: self.hash && other.hash,
            ord: self.ord && other.ord,
        }
    }
}

impl Model {
    /// The traits of every type, by id. Recursive types start from all three and lose
    /// what a member lacks, until nothing changes.
    pub fn derivable(&self) -> Vec<Traits> {
        let mut traits = vec![Traits::ALL; self.types.len()];
        loop {
            let mut changed = false;
            for id in TypeId::all(self.types.len()) {
                let now = self.own_traits(id, &traits).and(traits[id]);
                changed |= now != traits[id];
                traits[id] = now;
            }
            if !changed {
                return traits;
            }
        }
    }

    fn own_traits(&self, id: TypeId, known: &[Traits]) -> Traits {
        match &self.ty(id).kind {
            TypeKind::Enum(_) => Traits::ALL,
            TypeKind::Newtype(n) => shape_traits(&n.shape, known),
            TypeKind::Union(u) => {
                u.variants.iter().fold(Traits::ALL, |t, v| t.and(shape_traits(&v.shape, known)))
            }
            TypeKind::Struct(s) => {
                let extra = match &s.additional {
                    Additional::Deny => Traits::ALL,
                    // The runtime orders unlisted properties that are JSON values (and
                    // only those: `Extra<V>` has no order for other values).
                    Additional::Keep(shape) => {
                        let t = shape_traits(shape, known);
                        Traits { ord: shape.ty == Ty::Any, ..t }
                    }
                };
                s.fields.iter().fold(extra, |t, f| t.and(shape_traits(&f.shape, known)))
            }
        }
    }
}

fn shape_traits(shape: &Shape, known: &[Traits]) -> Traits {
    match &shape.ty {
        Ty::Bool | Ty::Integer | Ty::String | Ty::Null | Ty::DateTime | Ty::Binary => Traits::ALL,
        Ty::Crate(_) | Ty::Never => Traits::ALL,
        // A float has no total order, nor an equality that is one.
        Ty::Number => Traits::NONE,
        // What a replacing type implements is not known here.
        Ty::External { .. } => Traits::NONE,
        // `serde_json::Value` has `Eq` and `Hash` but no order.
        Ty::Any => Traits { eq: true, hash: true, ord: false },
        Ty::Named(id) | Ty::Expandable { object: id, .. } => known[id.index()],
        Ty::Array(inner) | Ty::Map(inner) | Ty::Nullable(inner) => shape_traits(inner, known),
    }
}
