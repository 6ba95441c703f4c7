//! The checks and helpers generated `Validate` impls call, on their own.

use schemagen_runtime::*;
use serde_json::json;

fn errors_of(
    check: impl FnOnce(&Pointer<'_>, &mut ValidationErrors),
) -> Vec<(String, &'static str)> {
    let mut errors = ValidationErrors::default();
    let root = Pointer::Root;
    let at = root.key("a/b~c");
    check(&at.index(2), &mut errors);
    errors.errors().iter().map(|e| (e.pointer.clone(), e.keyword)).collect()
}

#[test]
fn pointers_escape_tilde_and_slash() {
    let root = Pointer::Root;
    assert_eq!(root.render(), "");
    let key = root.key("a/b~c");
    assert_eq!(key.index(0).key("~1").render(), "/a~1b~0c/0/~01");
}

#[test]
fn lengths_count_code_points() {
    // Four code points, seven bytes, two of them astral (UTF-16 would count six).
    let text = "ä😀b😀";
    assert!(errors_of(|at, e| max_length(text, 4, at, e)).is_empty());
    assert_eq!(
        errors_of(|at, e| max_length(text, 3, at, e)),
        [("/a~1b~0c/2".to_owned(), "maxLength")]
    );
    assert!(errors_of(|at, e| min_length(text, 4, at, e)).is_empty());
    assert_eq!(errors_of(|at, e| min_length(text, 5, at, e))[0].1, "minLength");
    assert!(errors_of(|at, e| max_length("", 0, at, e)).is_empty());
}

#[test]
fn multiple_of_tolerates_float_division() {
    for (value, divisor) in [(0.3, 0.1), (19.99, 0.01), (1e300, 1e-5), (-4.5, 1.5), (0.0, 0.7)] {
        assert!(
            errors_of(|at, e| multiple_of(value, divisor, at, e)).is_empty(),
            "{value} is a multiple of {divisor}"
        );
    }
    for (value, divisor) in [(0.35, 0.1), (7.0, 2.0), (1.0, 0.3)] {
        assert_eq!(
            errors_of(|at, e| multiple_of(value, divisor, at, e))[0].1,
            "multipleOf",
            "{value} / {divisor}"
        );
    }
}

#[test]
fn bounds_and_counts_name_their_keyword() {
    assert!(errors_of(|at, e| bound(3.0, "minimum", 3.0, at, e)).is_empty());
    assert_eq!(
        errors_of(|at, e| bound(3.0, "exclusiveMinimum", 3.0, at, e))[0].1,
        "exclusiveMinimum"
    );
    assert_eq!(errors_of(|at, e| bound(4.0, "maximum", 3.5, at, e))[0].1, "maximum");
    assert!(errors_of(|at, e| bound(3.0, "exclusiveMaximum", 3.5, at, e)).is_empty());
    assert_eq!(errors_of(|at, e| count(1, "minItems", 2, at, e))[0].1, "minItems");
    assert!(errors_of(|at, e| count(2, "maxProperties", 2, at, e)).is_empty());
}

#[test]
fn unique_items_compare_as_json() {
    // JSON equality: 1 and 1.0 are the same number, key order does not matter.
    let equal = [json!({ "a": 1, "b": [true] }), json!({ "b": [true], "a": 1.0 })];
    assert_eq!(errors_of(|at, e| unique_items(&equal, at, e))[0].1, "uniqueItems");
    let distinct = [json!([1, 2]), json!([2, 1]), json!("1"), json!(1)];
    assert!(errors_of(|at, e| unique_items(&distinct, at, e)).is_empty());
    assert_eq!(errors_of(|at, e| unique_items(&["x", "y", "x"], at, e))[0].1, "uniqueItems");
}

#[test]
fn listed_values_only() {
    assert!(errors_of(|at, e| listed(&2.5, &[1.0, 2.5], at, e)).is_empty());
    assert_eq!(errors_of(|at, e| listed(&true, &[false], at, e))[0].1, "enum");
}

#[test]
fn errors_display_every_violation_with_its_pointer() {
    let mut errors = ValidationErrors::default();
    let root = Pointer::Root;
    errors.push(&root.key("x"), "maximum", "4 is greater than 3".to_owned());
    errors.push(&root, "required", "`id` is missing".to_owned());
    let text = errors.to_string();
    assert!(
        text.contains("/x")
            && text.contains("4 is greater than 3")
            && text.contains("`id` is missing"),
        "{text}"
    );
    assert_eq!(errors.clone().into_result().unwrap_err().errors().len(), 2);
    assert!(ValidationErrors::default().into_result().is_ok());
}

#[test]
fn extra_is_one_pointer_and_keeps_properties() {
    assert_eq!(std::mem::size_of::<Extra>(), std::mem::size_of::<usize>());
    let mut extra: Extra = Extra::new();
    assert!(extra.is_empty() && extra.get("a").is_none());
    assert_eq!(extra.insert("b".to_owned(), json!(2)), None);
    extra.insert("a".to_owned(), json!(1));
    assert_eq!(extra.keys().collect::<Vec<_>>(), ["a", "b"]);
    assert_eq!(extra["b"], json!(2));
    assert_eq!(serde_json::to_value(&extra).unwrap(), json!({ "a": 1, "b": 2 }));
    assert_eq!(extra.remove("a"), Some(json!(1)));
    assert_eq!(extra.remove("b"), Some(json!(2)));
    assert_eq!(extra, Extra::new(), "empty again, without a map");
}

#[test]
fn expandable_fields_read_an_id_or_the_object() {
    #[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
    struct Customer {
        id: String,
    }
    impl HasId for Customer {
        fn id(&self) -> &str {
            &self.id
        }
    }
    let id: Expandable<Customer> = serde_json::from_value(json!("cus_1")).unwrap();
    let object: Expandable<Customer> = serde_json::from_value(json!({ "id": "cus_2" })).unwrap();
    assert_eq!((id.id(), object.id()), ("cus_1", "cus_2"));
    assert_eq!(serde_json::to_value(&object).unwrap(), json!({ "id": "cus_2" }));
    assert!(serde_json::from_value::<Expandable<Customer>>(json!(3)).is_err());
}

#[test]
fn integers_are_read_leniently() {
    #[derive(serde::Deserialize)]
    struct Holder {
        #[serde(deserialize_with = "lenient")]
        n: i64,
        #[serde(deserialize_with = "lenient")]
        list: Vec<i64>,
    }
    let h: Holder = serde_json::from_value(json!({ "n": 2.0, "list": [1, 3.0] })).unwrap();
    assert_eq!((h.n, h.list), (2, vec![1, 3]));
    assert!(serde_json::from_value::<Holder>(json!({ "n": 2.5, "list": [] })).is_err());
}

#[test]
fn union_branches_kept_as_json_admit_their_type_only() {
    let read =
        |f: fn(serde_json::Value) -> Result<serde_json::Value, serde_json::Error>, v| f(v).is_ok();
    assert!(read(json_object, json!({})) && !read(json_object, json!(false)));
    assert!(read(json_integer, json!(2.0)) && !read(json_integer, json!(2.5)));
    assert!(read(json_number, json!(2.5)) && !read(json_number, json!("2")));
    assert!(
        read(json_array, json!([]))
            && read(json_string, json!(""))
            && read(json_boolean, json!(true))
    );
}

#[test]
fn mapping_errors_name_source_and_target() {
    let e = MappingError { target: "url", source: "return_url", reason: "is null".to_owned() };
    assert_eq!(e.to_string(), "cannot map `return_url` to `url`: is null");
}

#[test]
fn the_api_version_is_checked_at_compile_time() {
    const _: () = require_api(API_VERSION);
    // 2: numbers are `Number`, and unions read `Buffered` values. 3: every type is
    // `FromJson`. 4: checks entry by entry (`check_json_entries`), `MembersRead`.
    // 5: `tagged!` arms of several variants (`first_keyed`), boolean tags (`TagValue`),
    // `branches!(.., keyed [..], ..)` (`first_by_keys`). 6: the dynamic scope of
    // `$dynamicRef` (`enter_scope`, `dynamic_scope`), unions read by kind (`by_kind!`).
    assert_eq!(API_VERSION, 6);
}

#[test]
fn quiet_errors_record_failures_without_messages() {
    // Branch probes (`anyOf`, `not`, ...) need only the outcome.
    let mut quiet = ValidationErrors::quiet();
    let root = Pointer::Root;
    let at = root.key("name");
    min_length("", 2, &at, &mut quiet);
    max_length("abc", 5, &at, &mut quiet);
    assert!(quiet.is_quiet());
    // The failure is recorded, nothing else: no error is allocated, and later checks may
    // stop (`is_settled`).
    assert!(!quiet.is_empty() && quiet.is_settled() && quiet.into_result().is_err());
    let mut quiet = ValidationErrors::quiet();
    max_length("abc", 5, &at, &mut quiet);
    assert!(quiet.is_empty() && !quiet.is_settled());
    min_length("", 2, &at, &mut quiet);
    assert!(quiet.errors().is_empty() && !quiet.is_empty());
    let mut loud = ValidationErrors::default();
    min_length("", 2, &at, &mut loud);
    assert_eq!(
        (loud.errors()[0].pointer.as_str(), loud.errors()[0].message.is_empty()),
        ("/name", false)
    );
    // Validity alone decides `not` and the branches of `anyOf`.
    let hold: &[JsonCheck] = &[reject, accept];
    let mut errors = ValidationErrors::default();
    json_any_of(&json!(1), hold, &root, &mut errors);
    json_not(&json!(1), reject, &root, &mut errors);
    assert!(errors.is_empty());
    json_not(&json!(1), accept, &root, &mut errors);
    assert_eq!(errors.errors()[0].keyword, "not");
    assert!(!errors.errors()[0].message.is_empty());
}

#[test]
fn member_counts_are_the_members_a_value_writes() {
    #[derive(serde::Serialize)]
    struct Settings {
        size: i64,
        #[serde(skip_serializing_if = "Option::is_none")]
        theme: Option<String>,
        #[serde(flatten)]
        extra: std::collections::BTreeMap<String, serde_json::Value>,
    }
    let mut settings = Settings { size: 1, theme: None, extra: Default::default() };
    assert_eq!(member_count(&settings), Some(MemberCount(1)));
    settings.theme = Some("dark".to_owned());
    settings.extra.insert("other".to_owned(), json!([1, 2]));
    assert_eq!(member_count(&settings).map(|c| c.len()), Some(3));
    assert_eq!(member_count(&Some(Box::new(settings))).map(|c| c.len()), Some(3));
    assert_eq!(member_count(&json!({})), Some(MemberCount(0)));
    assert!(member_count(&json!({})).unwrap().is_empty());
    assert_eq!(member_count(&json!([1, 2])), None);
    assert_eq!(member_count("text"), None);
    assert_eq!(member_count(&None::<i64>), None);
}

/// A string branch and an object branch, each failing values of the other kinds.
fn string_branch(value: &serde_json::Value, at: &Pointer<'_>, errors: &mut ValidationErrors) {
    json_type(value, &[JsonType::String], at, errors);
}
fn object_branch(value: &serde_json::Value, at: &Pointer<'_>, errors: &mut ValidationErrors) {
    json_type(value, &[JsonType::Object], at, errors);
}
/// Admits every kind, and holds for objects and strings alike.
fn object_or_string(value: &serde_json::Value, at: &Pointer<'_>, errors: &mut ValidationErrors) {
    json_type(value, &[JsonType::Object, JsonType::String], at, errors);
}

#[test]
fn branches_with_kinds_decide_and_report_as_without_them() {
    let plain: &[JsonCheck] = &[string_branch, object_branch, object_or_string];
    let kinded: &[KindedCheck] = &[
        (kinds::STRING, string_branch),
        (kinds::OBJECT, object_branch),
        (kinds::ANY, object_or_string),
    ];
    let messages = |check: &dyn Fn(&Pointer<'_>, &mut ValidationErrors)| {
        let mut errors = ValidationErrors::default();
        check(&Pointer::Root.key("k"), &mut errors);
        errors
            .errors()
            .iter()
            .map(|e| (e.pointer.clone(), e.keyword, e.message.clone()))
            .collect::<Vec<_>>()
    };
    let mut failed = [0, 0];
    for value in [json!("s"), json!({}), json!(1), json!(null), json!([1])] {
        let one = messages(&|at, errors| json_one_of(&value, plain, at, errors));
        assert_eq!(
            one,
            messages(&|at, errors| json_one_of_kinds(&value, kinded, at, errors)),
            "{value}"
        );
        let any = messages(&|at, errors| json_any_of(&value, plain, at, errors));
        assert_eq!(
            any,
            messages(&|at, errors| json_any_of_kinds(&value, kinded, at, errors)),
            "{value}"
        );
        failed[0] += one.len();
        failed[1] += any.len();
    }
    // `oneOf` fails every value: two branches hold for strings and objects, none for
    // the others; `anyOf` fails the number, `null` and the array.
    assert_eq!(failed, [5, 3]);
    // A branch that admits no value's kind is not run: one that would hold is skipped.
    let skipped: &[KindedCheck] = &[(kinds::ARRAY, accept)];
    let mut errors = ValidationErrors::default();
    json_any_of_kinds(&json!("s"), skipped, &Pointer::Root, &mut errors);
    assert_eq!(errors.errors()[0].keyword, "anyOf");
}

/// `a` is a string where present.
fn a_is_string(value: &serde_json::Value, at: &Pointer<'_>, errors: &mut ValidationErrors) {
    if let Some(a) = value.get("a") {
        json_type(a, &[JsonType::String], &at.key("a"), errors);
    }
}
/// `b` is present.
fn b_is_present(value: &serde_json::Value, at: &Pointer<'_>, errors: &mut ValidationErrors) {
    if let Some(object) = value.as_object() {
        json_required(object, &["b"], at, errors);
    }
}

#[test]
fn checks_of_members_together_report_as_each_alone() {
    #[derive(serde::Serialize)]
    struct Two {
        #[serde(skip_serializing_if = "Option::is_none")]
        a: Option<serde_json::Value>,
        #[serde(skip_serializing_if = "Option::is_none")]
        b: Option<i64>,
        c: i64,
    }
    let a_read = MembersRead { values: &["a"], present: &[], names: false };
    let b_read = MembersRead { values: &[], present: &["b"], names: false };
    let both = MembersRead { values: &["a"], present: &["b"], names: false };
    let report = |errors: ValidationErrors| {
        errors
            .errors()
            .iter()
            .map(|e| (e.pointer.clone(), e.keyword, e.message.clone()))
            .collect::<Vec<_>>()
    };
    let mut failing = 0;
    for (a, b) in [
        (Some(json!("s")), Some(1)),
        (Some(json!(1)), Some(1)),
        (Some(json!("s")), None),
        (Some(json!(2)), None),
        (None, None),
    ] {
        let two = Two { a, b, c: 3 };
        let mut alone = ValidationErrors::default();
        check_json_members(&two, a_read, a_is_string, &Pointer::Root, &mut alone);
        check_json_members(&two, b_read, b_is_present, &Pointer::Root, &mut alone);
        let mut together = ValidationErrors::default();
        check_json_members_all(
            &two,
            both,
            &[a_is_string, b_is_present],
            &Pointer::Root,
            &mut together,
        );
        let alone = report(alone);
        failing += alone.len();
        assert_eq!(alone, report(together));
        let mut quiet = ValidationErrors::quiet();
        check_json_members_all(
            &two,
            both,
            &[a_is_string, b_is_present],
            &Pointer::Root,
            &mut quiet,
        );
        assert_eq!(quiet.is_empty(), alone.is_empty());
    }
    // `a` of the wrong type twice, `b` missing three times.
    assert_eq!(failing, 5);
}
