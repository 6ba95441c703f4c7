use feature_arrays::{Board, Validate};
use serde_json::json;

#[test]
fn array_and_map_checks() {
    let ok: Board = serde_json::from_value(json!({ "cells": [[1, 2], []], "scores": { "a": 0.5 } })).unwrap();
    ok.validate().unwrap();
    let bad: Board = serde_json::from_value(json!({
        "cells": [[1, 1], [10], [], []],
        "scores": { "a": 0, "b": 1, "c": 2 }
    }))
    .unwrap();
    let errors = bad.validate().unwrap_err();
    let found: Vec<_> = errors.errors().iter().map(|e| (e.pointer.as_str(), e.keyword)).collect();
    assert_eq!(
        found,
        [
            ("/cells", "maxItems"),
            ("/cells/0", "uniqueItems"),
            ("/cells/1/0", "maximum"),
            ("/scores", "maxProperties"),
            ("/scores/a", "exclusiveMinimum"),
        ]
    );
    let empty: Board = serde_json::from_value(json!({ "cells": [] })).unwrap();
    assert_eq!(empty.validate().unwrap_err().errors()[0].keyword, "minItems");
}
