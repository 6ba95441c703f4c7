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

#[test]
fn integers_accept_every_number_with_a_zero_fraction() {
    // JSON Schema counts 1.0 as an integer; so do the generated types, nested or not.
    let board: Board = serde_json::from_str(r#"{ "cells": [[1.0, 2], [-0.0, 9e0]] }"#).unwrap();
    assert_eq!(board.cells, [[1, 2], [0, 9]]);
    board.validate().unwrap();
    for bad in ["1.5", "9223372036854775808", "9.3e18", "\"1\"", "null"] {
        let text = format!(r#"{{ "cells": [[{bad}]] }}"#);
        assert!(serde_json::from_str::<Board>(&text).is_err(), "{bad} must not read as an i64");
    }
    let edge: Board = serde_json::from_str(r#"{ "cells": [[-9223372036854775808, 9223372036854775807, -9.223372036854775808e18]] }"#).unwrap();
    assert_eq!(edge.cells, [[i64::MIN, i64::MAX, i64::MIN]]);
}

#[test]
fn unlisted_properties_are_kept_in_one_pass() {
    let text = r#"{ "z": [1.5], "cells": [], "a": { "b": null }, "scores": { "x": 0.5 } }"#;
    let board: Board = serde_json::from_str(text).unwrap();
    assert_eq!(board.extra.keys().collect::<Vec<_>>(), ["a", "z"]);
    assert_eq!(serde_json::to_value(&board).unwrap(), serde_json::from_str::<serde_json::Value>(text).unwrap());
    let repeated = serde_json::from_str::<Board>(r#"{ "cells": [], "cells": [] }"#).unwrap_err();
    assert!(repeated.to_string().contains("duplicate field `cells`"), "{repeated}");
}

#[test]
fn a_struct_counts_its_present_and_unlisted_members() {
    // `minProperties`/`maxProperties` of a struct count the members it writes: absent
    // fields not, unlisted ones kept beside the fields too.
    let errors = |settings: serde_json::Value| -> Vec<(String, &'static str)> {
        let board: Board = serde_json::from_value(json!({ "cells": [], "settings": settings })).unwrap();
        let found = board.validate().err().map(|e| e.errors().to_vec()).unwrap_or_default();
        found.into_iter().filter(|e| e.pointer.starts_with("/settings")).map(|e| (e.pointer, e.keyword)).collect()
    };
    assert_eq!(errors(json!({})), [("/settings".to_owned(), "minProperties")]);
    assert!(errors(json!({ "size": 1 })).is_empty());
    assert!(errors(json!({ "other": true })).is_empty());
    assert!(errors(json!({ "size": 1, "other": true })).is_empty());
    assert_eq!(errors(json!({ "size": 1, "theme": "dark", "other": true })), [("/settings".to_owned(), "maxProperties")]);
    assert_eq!(errors(json!({ "a": 1, "b": 2, "c": 3 })), [("/settings".to_owned(), "maxProperties")]);
}
