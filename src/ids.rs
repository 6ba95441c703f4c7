//! Ids of the program's tables: `Copy` newtypes, so that a type's index is never taken
//! for a document's or a function's. A shared utility: it knows nothing of the layers.

use std::ops::{Index, IndexMut};

/// A loaded document, and the Rust module of its types: its index in the documents
/// `load` returns and in the model's modules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocId(u32);

/// A named type: its index in the model's types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(u32);

/// An OpenAPI operation: its index in the model's operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OpId(u32);

/// A whole-schema check function: its index in the model's JSON functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct JsonFnId(u32);

/// What one subschema evaluates, for `unevaluatedProperties`/`unevaluatedItems`: its
/// index in the model's evaluation functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EvalFnId(u32);

macro_rules! table_id {
    ($id:ident) => {
        impl $id {
            /// The id of the entry at `index`.
            pub fn new(index: usize) -> $id {
                $id(u32::try_from(index).expect("fewer than 2^32 entries"))
            }

            /// The entry's index.
            pub fn index(self) -> usize {
                self.0 as usize
            }

            /// The ids of a table of `len` entries, in order.
            pub fn all(len: usize) -> impl Iterator<Item = $id> {
                (0..len).map($id::new)
            }
        }

        // Tables indexed by the id: its own, and those kept beside it (one entry each).
        impl<T> Index<$id> for [T] {
            type Output = T;
            fn index(&self, id: $id) -> &T {
                &self[id.index()]
            }
        }

        impl<T> IndexMut<$id> for [T] {
            fn index_mut(&mut self, id: $id) -> &mut T {
                &mut self[id.index()]
            }
        }

        impl<T> Index<$id> for Vec<T> {
            type Output = T;
            fn index(&self, id: $id) -> &T {
                &self[id.index()]
            }
        }

        impl<T> IndexMut<$id> for Vec<T> {
            fn index_mut(&mut self, id: $id) -> &mut T {
                &mut self[id.index()]
            }
        }
    };
}

table_id!(TypeId);
table_id!(JsonFnId);
table_id!(EvalFnId);
table_id!(DocId);
table_id!(OpId);
