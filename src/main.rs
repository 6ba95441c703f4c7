//! `schemagen codegen [--check] [--config codegen.toml]` and `schemagen generate`.

fn main() -> std::process::ExitCode {
    schemagen::cli::main(&schemagen::cli::Defaults {
        config: std::path::PathBuf::from("schemas/codegen.toml"),
        codegen_command: "schemagen codegen".to_owned(),
        generate_command: "schemagen generate".to_owned(),
    })
}
