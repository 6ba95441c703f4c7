//! Code generation of Stripe's full spec: schemagen against typify, in the same run.

use criterion::{criterion_group, criterion_main, Criterion};
use schemagen::{generate, Config};
use serde_json::Value;

/// Stripe's components as typify reads them: JSON Schema `definitions`, with OpenAPI
/// 3.0's `nullable` spelled as a `null` type.
fn stripe_for_typify(spec: &Value) -> Value {
    fn walk(v: &mut Value) {
        match v {
            Value::Object(o) => {
                if o.remove("nullable") == Some(Value::Bool(true)) {
                    if let Some(Value::String(t)) = o.get("type").cloned() {
                        o.insert("type".into(), serde_json::json!([t, "null"]));
                    }
                }
                if let Some(Value::String(r)) = o.get_mut("$ref") {
                    *r = r.replace("#/components/schemas/", "#/definitions/");
                }
                o.values_mut().for_each(walk);
            }
            Value::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    let mut definitions = spec["components"]["schemas"].clone();
    walk(&mut definitions);
    serde_json::json!({ "definitions": definitions })
}

fn typify(root: &serde_json::Value) -> Result<usize, String> {
    let root: schemars08::schema::RootSchema =
        serde_json::from_value(root.clone()).map_err(|e| e.to_string())?;
    let mut space = typify::TypeSpace::new(&typify::TypeSpaceSettings::default());
    space.add_root_schema(root).map_err(|e| e.to_string())?;
    // Formatted source, as schemagen produces (typify's own examples format with prettyplease).
    let file = syn::parse2::<syn::File>(space.to_stream()).map_err(|e| e.to_string())?;
    Ok(prettyplease::unparse(&file).len())
}

fn codegen(c: &mut Criterion) {
    let Some(corpus) = test_support::corpus() else { return };
    let spec_path = corpus.join("stripe/spec3.2022-04-12.json");
    let config = Config::single(&spec_path, None, "stripe-full");
    let spec: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&spec_path).unwrap()).unwrap();
    let typify_input = stripe_for_typify(&spec);

    let mut group = c.benchmark_group("codegen/stripe-full");
    group.sample_size(10);
    group.bench_function("schemagen", |b| {
        b.iter(|| generate(&config).expect("generates").files.len())
    });

    // typify may refuse or panic on this document: say how, and bench it only if it works.
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let outcome = std::panic::catch_unwind(|| typify(&typify_input));
    std::panic::set_hook(quiet);
    match outcome {
        Ok(Ok(_)) => {
            group.bench_function("typify", |b| b.iter(|| typify(&typify_input).unwrap()));
        }
        Ok(Err(e)) => eprintln!("typify refuses the full Stripe spec: {e}"),
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()));
            eprintln!("typify panics on the full Stripe spec: {}", message.unwrap_or_default());
        }
    }
    group.finish();
}

criterion_group!(benches, codegen);
criterion_main!(benches);
