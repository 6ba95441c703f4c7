//! Parsing, validating and mapping `billing_portal.session`, side by side in one run:
//! generated types + `validate()`, a hand-written serde struct (the typed floor), the
//! same struct borrowing its strings (what a zero-copy mode could reach), serde's
//! `IgnoredAny` scan (the floor of any parser), and `serde_json::Value` + the jsonschema
//! crate on the same schema.

use billing_types::openmeter::BillingAppStripeCreateCustomerPortalSessionResult as PortalResult;
use billing_types::stripe::BillingPortalSession;
use billing_types::Validate;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use serde_json::Value;

#[path = "support/hand.rs"]
mod hand;
#[path = "support/sessions.rs"]
mod sessions;

/// A jsonschema validator for the session schema of `schemas/stripe/`.
fn jsonschema_validator() -> jsonschema::Validator {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    let config = schemagen::Config::from_file(&root.join("codegen.toml")).unwrap();
    let (document, base) = schemagen::document_as_json_schema(&config).unwrap();
    let registry = jsonschema::Registry::new().add(&base, document).unwrap().prepare().unwrap();
    let reference =
        serde_json::json!({ "$ref": format!("{base}#/components/schemas/billing_portal.session") });
    jsonschema::options().with_registry(&registry).build(&reference).unwrap()
}

fn billing(c: &mut Criterion) {
    let Some(corpus) = test_support::corpus() else { return };
    let (one, many) = sessions::session_texts(&corpus);
    let validator = jsonschema_validator();

    for (label, text, count) in [("one session", &one, 1u64), ("10,000 sessions", &many, 10_000)] {
        let mut group = c.benchmark_group(format!("parse+validate/{label}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        if count > 1 {
            group.sample_size(20);
        }
        let batch = count > 1;
        group.bench_function(BenchmarkId::new("IgnoredAny (floor)", text.len()), |b| {
            b.iter(|| serde_json::from_str::<serde::de::IgnoredAny>(text).unwrap())
        });
        group.bench_function(BenchmarkId::new("hand-written serde struct", text.len()), |b| {
            b.iter(|| sessions::parse(text, batch, |_: &hand::Session| true))
        });
        group.bench_function(
            BenchmarkId::new("hand-written borrowed struct (zero-copy reference)", text.len()),
            |b| {
                b.iter(|| {
                    if batch {
                        serde_json::from_str::<Vec<hand::borrowed::Session>>(text).unwrap().len()
                            == count as usize
                    } else {
                        serde_json::from_str::<hand::borrowed::Session>(text).is_ok()
                    }
                })
            },
        );
        // The share of the generated side that parsing alone takes.
        group.bench_function(BenchmarkId::new("generated types, parse only", text.len()), |b| {
            b.iter(|| sessions::parse(text, batch, |_: &BillingPortalSession| true))
        });
        group.bench_function(BenchmarkId::new("generated types + validate()", text.len()), |b| {
            b.iter(|| sessions::parse(text, batch, |s: &BillingPortalSession| s.validate().is_ok()))
        });
        group.bench_function(BenchmarkId::new("Value + jsonschema", text.len()), |b| {
            b.iter(|| {
                let value: Value = serde_json::from_str(text).unwrap();
                match &value {
                    Value::Array(items) => items.iter().all(|v| validator.is_valid(v)),
                    v => validator.is_valid(v),
                }
            })
        });
        group.finish();
    }

    let parsed: BillingPortalSession = serde_json::from_str(&one).unwrap();
    let mut group = c.benchmark_group("mapping");
    group.bench_function("map only", |b| b.iter(|| PortalResult::try_from(&parsed).unwrap()));
    group.bench_function("parse + validate + map", |b| {
        b.iter(|| {
            let s: BillingPortalSession = serde_json::from_str(&one).unwrap();
            s.validate().unwrap();
            PortalResult::try_from(&s).unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, billing);
criterion_main!(benches);
