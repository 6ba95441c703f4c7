//! Parse + validate every labelled instance of the single-file SchemaStore schemas, side
//! by side in one run: the generated types' `is_valid_json_str` (read, then `is_valid()`)
//! against `serde_json::Value` + the jsonschema crate's `is_valid` (verdicts alone, no
//! message written on either side; formats asserted in both, as
//! SchemaStore's CI asserts them), and `validate()` with every error for reference.
//!
//! The generated types belong to a crate generated here, so this bench writes that crate
//! (with a criterion bench of its own) under `target/schemagen-bench-schemastore/` and
//! runs `cargo bench` there; the criterion report is its output. Arguments after `--`
//! (a filter, `--quick`) are passed on; `SCHEMAGEN_BENCH_PER_SCHEMA=1` adds a row pair
//! per schema, and `SCHEMAGEN_BENCH_SCHEMAS=pubspec,zuul` benches those schemas alone.

use std::path::PathBuf;

const BENCH: &str = r#"use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde_json::Value;

include!("dispatch.rs");

fn schemastore(c: &mut Criterion) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let texts: Vec<Vec<String>> = serde_json::from_str(&std::fs::read_to_string(dir.join("instances.json")).unwrap()).unwrap();
    let schemas: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(dir.join("schemas.json.bench")).unwrap()).unwrap();
    let validators: Vec<jsonschema::Validator> = schemas.iter().map(|s| jsonschema::options().should_validate_formats(true).build(s).unwrap()).collect();
    // Both sides must agree before they are timed.
    for (i, list) in texts.iter().enumerate() {
        for text in list {
            let value: Value = serde_json::from_str(text).unwrap();
            assert_eq!(check(i, text), validators[i].is_valid(&value), "schema {i}: {text}");
            assert_eq!(check_with(i, text, true), check(i, text), "validate() and is_valid() agree: schema {i}: {text}");
        }
    }
    let bytes: usize = texts.iter().flatten().map(String::len).sum();
    let mut group = c.benchmark_group("schemastore/parse+validate every instance");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("generated types + is_valid_json_str()", |b| {
        b.iter(|| texts.iter().enumerate().map(|(i, list)| list.iter().filter(|t| check(i, t)).count()).sum::<usize>())
    });
    // Every error with its message, where the verdict alone is not enough.
    group.bench_function("generated types + validate()", |b| {
        b.iter(|| texts.iter().enumerate().map(|(i, list)| list.iter().filter(|t| check_with(i, t, true)).count()).sum::<usize>())
    });
    group.bench_function("serde_json::Value + jsonschema", |b| {
        b.iter(|| {
            texts.iter().enumerate().map(|(i, list)| {
                list.iter().filter(|t| serde_json::from_str::<Value>(t).is_ok_and(|v| validators[i].is_valid(&v))).count()
            }).sum::<usize>()
        })
    });
    group.finish();

    // Per schema, on request: where the generated side loses or wins.
    if std::env::var_os("SCHEMAGEN_BENCH_PER_SCHEMA").is_some() {
        let names: Vec<String> = serde_json::from_str(&std::fs::read_to_string(dir.join("names.json")).unwrap()).unwrap();
        let mut group = c.benchmark_group("schemastore/per schema");
        group.sample_size(20).warm_up_time(std::time::Duration::from_millis(300)).measurement_time(std::time::Duration::from_secs(1));
        for (i, list) in texts.iter().enumerate() {
            group.bench_function(format!("{}/generated", names[i]), |b| b.iter(|| list.iter().filter(|t| check(i, t)).count()));
            group.bench_function(format!("{}/jsonschema", names[i]), |b| {
                b.iter(|| list.iter().filter(|t| serde_json::from_str::<Value>(t).is_ok_and(|v| validators[i].is_valid(&v))).count())
            });
        }
        group.finish();
    }
}

criterion_group!(benches, schemastore);
criterion_main!(benches);
"#;

fn main() {
    let Some(corpus) = test_support::corpus() else { return };
    let root = corpus.join("schemastore/schemastore");
    let mut schemas = test_support::single_file_schemas(&root);
    // `SCHEMAGEN_BENCH_SCHEMAS=a,b`: those schemas alone (a smaller crate builds faster).
    if let Ok(only) = std::env::var("SCHEMAGEN_BENCH_SCHEMAS") {
        let only: Vec<&str> = only.split(',').collect();
        schemas.retain(|s| only.contains(&s.name.as_str()));
        assert!(!schemas.is_empty(), "SCHEMAGEN_BENCH_SCHEMAS names no schema of the corpus");
    }
    let builder = test_support::schemastore_builder(
        "schemastore-bench",
        &root,
        &schemas.iter().collect::<Vec<_>>(),
    );
    let generated = builder.generate().unwrap_or_else(|e| panic!("{e}"));

    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/schemagen-bench-schemastore");
    let krate = dir.join("crate");
    let _ = std::fs::remove_dir_all(&krate);
    for f in &generated.files {
        let path = krate.join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &f.contents).unwrap();
    }
    let manifest = std::fs::read_to_string(krate.join("Cargo.toml")).unwrap()
        + "\n[dev-dependencies]\ncriterion = { version = \"0.7\", default-features = false, features = [\"cargo_bench_support\"] }\njsonschema = { version = \"0.61\", default-features = false }\n\n[[bench]]\nname = \"schemastore\"\nharness = false\n\n[workspace]\n";
    std::fs::write(krate.join("Cargo.toml"), manifest).unwrap();
    // This workspace's lock file: the versions offline resolution finds in the cache.
    std::fs::copy(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("Cargo.lock"),
        krate.join("Cargo.lock"),
    )
    .unwrap();
    let arms: String = schemas
        .iter()
        .enumerate()
        .map(|(i, s)| {
            format!(
                "        {i} => verdict::<schemastore_bench::{}::Root>(text, every_error),\n",
                s.module
            )
        })
        .collect();
    let dispatch = format!(
        "fn verdict<T: schemastore_bench::FromJson>(text: &str, every_error: bool) -> bool {{\n    if every_error {{ serde_json::from_str::<T>(text).is_ok_and(|t| t.validate().is_ok()) }} else {{ T::is_valid_json_str(text) }}\n}}\n\n\
         fn check_with(index: usize, text: &str, every_error: bool) -> bool {{\n    match index {{\n{arms}        _ => unreachable!(),\n    }}\n}}\n\n\
         fn check(index: usize, text: &str) -> bool {{\n    check_with(index, text, false)\n}}\n"
    );
    std::fs::create_dir_all(krate.join("benches")).unwrap();
    std::fs::write(krate.join("benches/dispatch.rs"), dispatch).unwrap();
    std::fs::write(krate.join("benches/schemastore.rs"), BENCH).unwrap();
    let texts: Vec<Vec<String>> =
        schemas.iter().map(|s| s.instances.iter().map(|i| i.value.to_string()).collect()).collect();
    std::fs::write(krate.join("instances.json"), serde_json::to_string(&texts).unwrap()).unwrap();
    let names: Vec<&str> = schemas.iter().map(|s| s.name.as_str()).collect();
    std::fs::write(krate.join("names.json"), serde_json::to_string(&names).unwrap()).unwrap();
    let documents: Vec<serde_json::Value> = schemas
        .iter()
        .map(|s| {
            serde_json::from_str(
                &std::fs::read_to_string(root.join(&s.name).join("schema.json")).unwrap(),
            )
            .unwrap()
        })
        .collect();
    std::fs::write(krate.join("schemas.json.bench"), serde_json::to_string(&documents).unwrap())
        .unwrap();

    // Criterion's own arguments (after `--`) go through; cargo's `--bench` does not.
    let passed: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let status = std::process::Command::new(env!("CARGO"))
        .args(["bench", "--offline", "--bench", "schemastore", "--"])
        .args(&passed)
        .current_dir(&krate)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .status()
        .expect("cargo runs");
    assert!(status.success(), "the SchemaStore bench failed");
}
