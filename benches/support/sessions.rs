//! The benchmark inputs: Stripe's 2026 `billing_portal.session` fixture as one JSON
//! text, and 10,000 copies of it with distinct ids as one JSON array.

use serde_json::Value;

/// (one session, 10,000 sessions) as JSON text, from the corpus folder `corpus`.
pub fn session_texts(corpus: &std::path::Path) -> (String, String) {
    let text = std::fs::read_to_string(corpus.join("stripe/fixtures3.2026-08-21.json"))
        .expect("the Stripe fixtures are readable");
    let fixtures: Value = serde_json::from_str(&text).expect("the fixtures are JSON");
    let session = fixtures["resources"]["billing_portal.session"].clone();
    let batch: Vec<Value> = (0..10_000)
        .map(|i| {
            let mut s = session.clone();
            s["id"] = format!("bps_{i:08}").into();
            s
        })
        .collect();
    (serde_json::to_string(&session).unwrap(), serde_json::to_string(&batch).unwrap())
}

/// Parses `text` as one `T` or, for a batch, as a JSON array of them, and tells whether
/// `each` holds for every one (`|_| true` for a parse alone).
pub fn parse<T: serde::de::DeserializeOwned>(
    text: &str,
    batch: bool,
    each: impl Fn(&T) -> bool,
) -> bool {
    if batch {
        serde_json::from_str::<Vec<T>>(text).unwrap().iter().all(each)
    } else {
        each(&serde_json::from_str::<T>(text).unwrap())
    }
}
