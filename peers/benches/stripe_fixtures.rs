//! Parse + validate every fixture of Stripe's 2022 spec that has a component schema, one
//! pass over all of them per iteration: the generated types of the full spec with and
//! without `validate()`, `serde_json::Value` + the jsonschema crate on the same spec,
//! and serde's `IgnoredAny` scan (the floor of any parser).
// The generated crate is included at the root so that its `crate::` paths resolve.
#![allow(dead_code)]

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use serde_json::Value;

include!(concat!(env!("OUT_DIR"), "/stripe_full.rs"));

/// Parses one fixture's JSON text; true when it deserializes (and validates).
type Parse = fn(&str) -> bool;
include!(concat!(env!("OUT_DIR"), "/resources.rs"));

fn corpus() -> std::path::PathBuf {
    let dir = std::env::var_os("SCHEMAGEN_CORPUS").map_or_else(|| std::path::PathBuf::from("../../shared/corpus"), std::path::PathBuf::from);
    assert!(dir.is_dir(), "the corpus is missing at {}: set SCHEMAGEN_CORPUS", dir.display());
    dir
}

fn stripe_fixtures(c: &mut Criterion) {
    if RESOURCES.is_empty() {
        eprintln!("SKIPPED stripe_fixtures: the corpus was missing when the bench was built (set SCHEMAGEN_CORPUS)");
        return;
    }
    let corpus = corpus();
    let fixtures: Value = serde_json::from_str(&std::fs::read_to_string(corpus.join("stripe/fixtures3.2022-04-12.json")).unwrap()).unwrap();
    let texts: Vec<String> = RESOURCES.iter().map(|(name, ..)| fixtures["resources"][*name].to_string()).collect();
    let bytes: usize = texts.iter().map(String::len).sum();

    let spec = corpus.join("stripe/spec3.2022-04-12.json");
    let config = schemagen::Config::single(&spec, None, "stripe-full");
    let mut diags = schemagen::Diagnostics::default();
    let docs = schemagen::load::load_documents(&config, &mut diags);
    let (document, base) = docs[0].embedded();
    let registry = jsonschema::Registry::new().add(&base, document).unwrap().prepare().unwrap();
    let validators: Vec<jsonschema::Validator> = RESOURCES
        .iter()
        .map(|(name, ..)| {
            let reference = serde_json::json!({ "$ref": format!("{base}#/components/schemas/{name}") });
            jsonschema::options().with_registry(&registry).build(&reference).unwrap()
        })
        .collect();

    // Every contender must accept every fixture, or the timings compare different work.
    for (((name, parse, checked), text), validator) in RESOURCES.iter().zip(&texts).zip(&validators) {
        assert!(parse(text) && checked(text), "{name}: the generated type rejects its fixture");
        assert!(validator.is_valid(&serde_json::from_str(text).unwrap()), "{name}: jsonschema rejects its fixture");
    }

    let mut group = c.benchmark_group(format!("stripe fixtures/{} resources", RESOURCES.len()));
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(BenchmarkId::new("IgnoredAny (floor)", bytes), |b| {
        b.iter(|| texts.iter().all(|t| serde_json::from_str::<serde::de::IgnoredAny>(t).is_ok()))
    });
    group.bench_function(BenchmarkId::new("generated types (parse only)", bytes), |b| {
        b.iter(|| RESOURCES.iter().zip(&texts).all(|((_, parse, _), t)| parse(t)))
    });
    group.bench_function(BenchmarkId::new("generated types + validate()", bytes), |b| {
        b.iter(|| RESOURCES.iter().zip(&texts).all(|((_, _, checked), t)| checked(t)))
    });
    group.bench_function(BenchmarkId::new("Value + jsonschema", bytes), |b| {
        b.iter(|| texts.iter().zip(&validators).all(|(t, v)| v.is_valid(&serde_json::from_str::<Value>(t).unwrap())))
    });
    group.finish();
}

criterion_group!(benches, stripe_fixtures);
criterion_main!(benches);
