//! Generates the crate for Stripe's full spec into `OUT_DIR`, shaped to be included at
//! the root of the `stripe_fixtures` bench (so its `crate::` paths resolve), and a table
//! of the component schemas that have a fixture.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const SPEC: &str = "stripe/spec3.2022-04-12.json";
const FIXTURES: &str = "stripe/fixtures3.2022-04-12.json";

fn main() {
    println!("cargo:rerun-if-env-changed=SCHEMAGEN_CORPUS");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap());
    let corpus = std::env::var_os("SCHEMAGEN_CORPUS").map_or_else(|| PathBuf::from("../../shared/corpus"), PathBuf::from);
    let (spec, fixtures) = (corpus.join(SPEC), corpus.join(FIXTURES));
    // Also when missing, so that the crate is generated once they appear.
    println!("cargo:rerun-if-changed={}", spec.display());
    println!("cargo:rerun-if-changed={}", fixtures.display());
    if !spec.is_file() || !fixtures.is_file() {
        println!("cargo:warning=the corpus is missing at {}: the stripe_fixtures bench will skip (set SCHEMAGEN_CORPUS)", corpus.display());
        std::fs::write(out.join("stripe_full.rs"), "").unwrap();
        std::fs::write(out.join("resources.rs"), "/// None: the corpus is missing.\npub const RESOURCES: &[(&str, Parse, Parse)] = &[];\n").unwrap();
        return;
    }

    let generated = schemagen::generate(&schemagen::Config::single(&spec, None, "stripe-full")).unwrap_or_else(|d| panic!("{d}"));
    let file = |path: &str| &generated.files.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("{path} generated")).contents;
    // The bench crate has serde and serde_json only.
    let manifest = file("Cargo.toml");
    assert!(!manifest.contains("chrono") && !manifest.contains("json-schema"), "the full Stripe crate needs more dependencies:\n{manifest}");
    // Inner attributes and docs belong to a crate root, not to included items.
    let mut body = String::new();
    for line in file("src/lib.rs").lines().filter(|l| !l.starts_with("#![") && !l.starts_with("//!")) {
        writeln!(body, "{line}").unwrap();
    }
    std::fs::write(out.join("stripe_full.rs"), body).unwrap();

    // (resource, parse only, parse + validate) for every fixture with a generated type.
    let index: serde_json::Map<String, serde_json::Value> = serde_json::from_str(file("schemas.json")).unwrap();
    let fixtures: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&fixtures).unwrap()).unwrap();
    let mut table = String::from("/// (resource, parse only, parse + validate) per Stripe fixture.\npub const RESOURCES: &[(&str, Parse, Parse)] = &[\n");
    for name in fixtures["resources"].as_object().unwrap().keys() {
        let key = format!("{}#/components/schemas/{}", Path::new(SPEC).file_name().unwrap().to_string_lossy(), name.replace('~', "~0").replace('/', "~1"));
        let Some(path) = index.get(&key).and_then(|p| p.as_str()) else { continue };
        let path = path.replacen("stripe_full::", "crate::", 1);
        writeln!(
            table,
            "    ({name:?}, |t| serde_json::from_str::<{path}>(t).is_ok(), |t| serde_json::from_str::<{path}>(t).is_ok_and(|v| crate::Validate::validate(&v).is_ok())),"
        )
        .unwrap();
    }
    table.push_str("];\n");
    std::fs::write(out.join("resources.rs"), table).unwrap();
}
