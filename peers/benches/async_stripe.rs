//! Parsing `billing_portal.session` with the generated types beside async-stripe's
//! hand-maintained generated types and a hand-written serde struct, in one run.

use billing_types::stripe::BillingPortalSession;
use billing_types::Validate;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

#[path = "../../benches/support/hand.rs"]
mod hand;
#[path = "../../benches/support/sessions.rs"]
mod sessions;

fn corpus() -> std::path::PathBuf {
    let dir = std::env::var_os("SCHEMAGEN_CORPUS").map_or_else(|| std::path::PathBuf::from("../../shared/corpus"), std::path::PathBuf::from);
    assert!(dir.is_dir(), "the corpus is missing at {}: set SCHEMAGEN_CORPUS", dir.display());
    dir
}

fn peers(c: &mut Criterion) {
    let (one, many) = sessions::session_texts(&corpus());

    for (label, text, count) in [("one session", &one, 1usize), ("10,000 sessions", &many, 10_000)] {
        let mut group = c.benchmark_group(format!("peers/{label}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        if count > 1 {
            group.sample_size(20);
        }
        let batch = count > 1;
        group.bench_function(BenchmarkId::new("hand-written serde struct", text.len()), |b| {
            b.iter(|| sessions::parse(text, batch, |_: &hand::Session| true))
        });
        group.bench_function(BenchmarkId::new("async-stripe (parse only)", text.len()), |b| {
            b.iter(|| sessions::parse(text, batch, |_: &stripe_billing::BillingPortalSession| true))
        });
        group.bench_function(BenchmarkId::new("generated types (parse only)", text.len()), |b| {
            b.iter(|| sessions::parse(text, batch, |_: &BillingPortalSession| true))
        });
        group.bench_function(BenchmarkId::new("generated types + validate()", text.len()), |b| {
            b.iter(|| sessions::parse(text, batch, |s: &BillingPortalSession| s.validate().is_ok()))
        });
        group.finish();
    }
}

criterion_group!(benches, peers);
criterion_main!(benches);
