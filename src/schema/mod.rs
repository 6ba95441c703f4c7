//! The leaf of the program: JSON Schema as its dialect reads it. Pointers, dialects and
//! drafts, keywords, a schema node as its draft reads it, and the one walker of
//! subschemas. It knows nothing of documents on disk, the model or the output.

mod dialect;
mod keywords;
mod node;
mod pointer;
mod visit;

pub use dialect::{Dialect, Draft, MetaSchema};
pub use keywords::{
    applies_to, count, family_of, json_kind, of_kind, JsonKind, DATA_KEYWORDS, VOCABULARY,
};
pub use node::{as_read, exact_number, nominal, openapi_nullable, type_list, Nominal, Reading};
pub use pointer::{unescape_token, JsonPointer};
pub use visit::{any_schema, walk_schemas, walk_schemas_mut, walk_subschemas, Descend};
