//! The integration tests, one module per area, in one binary so that they link once. The
//! fixtures stay beside this folder: `tests/features/`, `tests/conformance/`,
//! `tests/real_world/`. One area: `cargo test --test it features::`.

mod census;
mod cli;
mod codegen;
mod conformance;
mod corpus_crates;
mod differential;
mod features;
mod fixtures;
mod flow;
mod fuzz;
mod real_world;
mod schemars;
mod validation;
