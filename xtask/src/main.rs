//! `cargo xtask codegen [--check]` and `cargo xtask generate`: the `schemagen` command line,
//! reading this workspace's `schemas/codegen.toml` by default.

use std::path::Path;

fn main() -> std::process::ExitCode {
    let workspace =
        Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace");
    schemagen::cli::main(&schemagen::cli::Defaults {
        config: workspace.join("schemas/codegen.toml"),
        codegen_command: "cargo xtask codegen".to_owned(),
        generate_command: "cargo xtask generate".to_owned(),
    })
}
