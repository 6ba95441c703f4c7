use feature_unions::{Node, Point, Shapes, ShapesId, ShapesShape, ShapesShapeString, Validate};
use serde_json::json;

#[test]
fn disjoint_branches_become_untagged_enums() {
    let v = json!({ "id": "abc", "maybe": null, "shape": [1.5, 2.0], "overlap": 2.5 });
    let s: Shapes = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(s.id, Some(ShapesId::String("abc".into())));
    assert_eq!(s.maybe, Some(None));
    assert_eq!(s.shape, Some(ShapesShape::Array(vec![1.5.into(), 2.0.into()])));
    assert_eq!(serde_json::to_value(&s).unwrap(), v);
    s.validate().unwrap();

    let s: Shapes = serde_json::from_value(json!({ "id": 7, "maybe": { "x": 1 }, "shape": "origin" })).unwrap();
    assert_eq!(s.id, Some(ShapesId::Integer(7)));
    assert!(matches!(s.maybe, Some(Some(Point { .. }))));
    assert_eq!(s.shape, Some(ShapesShape::ShapesShapeString(ShapesShapeString::Origin)));
}

#[test]
fn each_branch_keeps_its_checks_and_other_types_are_rejected() {
    let s: Shapes = serde_json::from_value(json!({ "id": "long", "shape": { "x": 11 }, "overlap": 1 })).unwrap();
    let errors = s.validate().unwrap_err();
    let found: Vec<_> = errors.errors().iter().map(|e| (e.pointer.as_str(), e.keyword)).collect();
    // `overlap` is oneOf integer and number: 1 matches both, so it is invalid.
    assert_eq!(found, [("/id", "maxLength"), ("/shape/x", "maximum"), ("/overlap", "oneOf")]);
    assert!(serde_json::from_value::<Shapes>(json!({ "id": true })).is_err());
    assert!(serde_json::from_value::<Shapes>(json!({ "shape": "elsewhere" })).is_err());
    assert!(serde_json::from_value::<Shapes>(json!({ "shape": [1, 2, 3] })).unwrap().validate().is_err());
}

#[test]
fn object_branches_told_apart_by_a_tag() {
    use feature_unions::ShapesPet;
    let v = json!({ "pet": { "kind": "dog", "good": true } });
    let s: Shapes = serde_json::from_value(v.clone()).unwrap();
    assert!(matches!(&s.pet, Some(ShapesPet::Dog(d)) if d.good == Some(true)));
    assert_eq!(serde_json::to_value(&s).unwrap(), v);
    let cat: Shapes = serde_json::from_value(json!({ "pet": { "kind": "cat", "lives": 10 } })).unwrap();
    assert!(matches!(&cat.pet, Some(ShapesPet::Cat(_))));
    let errors = cat.validate().unwrap_err();
    assert_eq!((errors.errors()[0].pointer.as_str(), errors.errors()[0].keyword), ("/pet/lives", "maximum"));
    // The tag picks the branch, so errors speak of that branch, not of "no variant".
    let error = |v| serde_json::from_value::<Shapes>(v).unwrap_err().to_string();
    assert_eq!(error(json!({ "pet": { "kind": "cow" } })), "unknown variant `cow`, expected `cat` or `dog`");
    assert_eq!(error(json!({ "pet": { "lives": 1 } })), "missing field `kind`");
    assert_eq!(error(json!({ "pet": { "kind": "cat" } })), "missing field `lives`");
    assert_eq!(error(json!({ "pet": { "kind": 7 } })), "invalid type: a number, expected a string tag");
    assert_eq!(error(json!({ "pet": "cat" })), "invalid type: string \"cat\", expected an object");
}

#[test]
fn tagged_objects_are_read_in_one_pass_from_text() {
    use feature_unions::ShapesPet;
    // The tag may come anywhere; properties before it are replayed to the branch.
    for text in [r#"{"pet": {"lives": 3, "kind": "cat"}}"#, r#"{"pet": {"kind": "cat", "lives": 3}}"#] {
        let s: Shapes = serde_json::from_str(text).unwrap();
        assert!(matches!(&s.pet, Some(ShapesPet::Cat(c)) if c.lives == 3), "{text}");
    }
    let error = |text: &str| serde_json::from_str::<Shapes>(text).unwrap_err().to_string();
    // A repeated property is an error before the tag, at it and after it.
    assert!(error(r#"{"pet": {"lives": 3, "lives": 4, "kind": "cat"}}"#).starts_with("duplicate field `lives`"));
    assert!(error(r#"{"pet": {"kind": "cat", "lives": 3, "lives": 4}}"#).starts_with("duplicate field `lives`"));
    assert!(error(r#"{"pet": {"kind": "cat", "kind": "cat", "lives": 3}}"#).starts_with("duplicate field `kind`"));
    // Errors keep their position in the text.
    assert_eq!(error(r#"{"pet": {"kind": "cat", "lives": "x"}}"#), "invalid type: string \"x\", expected an integer between -2^63 and 2^63-1 at line 1 column 36");
    assert!(error(r#"{"pet": {"kind": "cow"}}"#).starts_with("unknown variant `cow`, expected `cat` or `dog`"));
}

#[test]
fn const_tags_work_like_enum_tags() {
    use feature_unions::{ShapesEvent, ShapesEventCreatedType};
    // The tag may come last.
    let v = json!({ "event": { "at": 1.0, "type": "created" } });
    let s: Shapes = serde_json::from_value(v).unwrap();
    let Some(ShapesEvent::Created(created)) = &s.event else { panic!("{s:?}") };
    assert_eq!((created.r#type, created.at), (ShapesEventCreatedType::Created, 1));
    assert_eq!(serde_json::to_value(&s).unwrap(), json!({ "event": { "at": 1, "type": "created" } }));
    let deleted: Shapes = serde_json::from_value(json!({ "event": { "type": "deleted", "reason": "too long" } })).unwrap();
    assert!(matches!(&deleted.event, Some(ShapesEvent::Deleted(_))));
    assert_eq!(deleted.validate().unwrap_err().errors()[0].pointer, "/event/reason");
    let error = serde_json::from_value::<Shapes>(json!({ "event": { "type": "created" } })).unwrap_err();
    assert_eq!(error.to_string(), "missing field `at`");
}

#[test]
fn branches_sharing_a_tag_are_told_apart_by_their_keys() {
    use feature_unions::ShapesProbe;
    let read = |text: &str| serde_json::from_str::<Shapes>(text).map(|s| s.probe);
    // The tag picks both `jlink` branches; the one that reads the keys takes the value,
    // wherever the tag stands, and numbers keep their spelling.
    for text in [r#"{"probe": {"type": "jlink", "node": "h", "speed": 1.50}}"#, r#"{"probe": {"speed": 1.50, "node": "h", "type": "jlink"}}"#] {
        let probe = read(text).unwrap().unwrap();
        assert!(matches!(probe, ShapesProbe::JlinkWithNode(_)), "{text}: {probe:?}");
        assert_eq!(serde_json::to_string(&probe).unwrap(), r#"{"type":"jlink","node":"h","speed":1.50}"#);
    }
    let usb = read(r#"{"probe": {"serial": 7, "type": "jlink"}}"#).unwrap().unwrap();
    assert!(matches!(usb, ShapesProbe::JlinkWithSerial(ref p) if p.serial == 7), "{usb:?}");
    assert!(matches!(read(r#"{"probe": {"type": "gdb"}}"#).unwrap(), Some(ShapesProbe::Gdb(_))));
    // Each branch keeps its own checks: 200 is over the first `jlink` branch's maximum.
    let s: Shapes = serde_json::from_value(json!({ "probe": { "type": "jlink", "node": "h", "speed": 200 } })).unwrap();
    let errors = s.validate().unwrap_err();
    let found: Vec<_> = errors.errors().iter().map(|e| (e.pointer.as_str(), e.keyword)).collect();
    assert_eq!(found, [("/probe/speed", "maximum")]);
    // Keys of neither branch: the first branch's error; keys of both: no branch reads it.
    let error = |text: &str| read(text).unwrap_err().to_string();
    assert!(error(r#"{"probe": {"type": "jlink"}}"#).starts_with("missing field `node`"), "{}", error(r#"{"probe": {"type": "jlink"}}"#));
    assert!(error(r#"{"probe": {"type": "jlink", "node": "h", "serial": 1}}"#).starts_with("unknown field `serial`"));
}

#[test]
fn a_type_beside_the_branches_that_they_imply_keeps_them_typed() {
    use feature_unions::ShapesBoxedPet;
    let s: Shapes = serde_json::from_value(json!({ "boxed_pet": { "kind": "dog" }, "only": { "x": 1 } })).unwrap();
    assert!(matches!(s.boxed_pet, Some(ShapesBoxedPet::Dog(_))));
    let only: Option<Point> = s.only;
    assert_eq!(only.map(|p| p.x), Some(1.0.into()));
    // `null` passes `type` but not the one branch, so it is invalid.
    assert!(serde_json::from_value::<Shapes>(json!({ "only": null })).is_err());
    // `type: string` beside object and integer branches accepts nothing: the value keeps
    // the type's `String`, and the branches are a check on it that no string passes.
    let s: Shapes = serde_json::from_value(json!({ "mismatch": "a" })).unwrap();
    assert_eq!(s.mismatch.as_deref(), Some("a"));
    let errors = s.validate().unwrap_err();
    assert_eq!((errors.errors()[0].pointer.as_str(), errors.errors()[0].keyword), ("/mismatch", "oneOf"));
    assert!(serde_json::from_value::<Shapes>(json!({ "mismatch": 1 })).is_err());
}

#[test]
fn overlapping_any_of_takes_the_first_branch_that_validates() {
    use feature_unions::ShapesCode;
    let code = |v: serde_json::Value| serde_json::from_value::<Shapes>(json!({ "code": v })).unwrap().code.unwrap();
    assert_eq!(code(json!("ab")), ShapesCode::String("ab".into()));
    assert_eq!(code(json!("xyz")), ShapesCode::String2("xyz".into()));
    assert_eq!(code(json!(3.0)), ShapesCode::Integer(3));
    assert_eq!(code(json!(-3)), ShapesCode::Number((-3).into()));
    assert!(matches!(code(json!({ "kind": "cat", "lives": 3 })), ShapesCode::Cat(_)));
    assert!(matches!(code(json!({ "kind": "cat", "lives": 30, "x": 1 })), ShapesCode::Point(_)));
    // Nothing validates: the first branch it deserializes into, and `validate` says why.
    let s: Shapes = serde_json::from_value(json!({ "code": "abc" })).unwrap();
    assert_eq!(s.code, Some(ShapesCode::String("abc".into())));
    assert_eq!(s.validate().unwrap_err().errors()[0].keyword, "maxLength");
    let error = serde_json::from_value::<Shapes>(json!({ "code": true })).unwrap_err().to_string();
    assert!(error.starts_with("no branch matches (String: invalid type: boolean `true`, expected a string;"), "{error}");
    assert_eq!(serde_json::to_value(code(json!({ "x": 1.5 }))).unwrap(), json!({ "x": 1.5 }));
}

#[test]
fn union_integers_accept_1_0_and_recursive_overlapping_any_of_stays_linear() {
    let s: Shapes = serde_json::from_value(json!({ "id": 7.0 })).unwrap();
    assert_eq!(s.id, Some(ShapesId::Integer(7)));
    // Both branches contain `Node`, and the first fails only after reading `next`:
    // trying every branch at every level would take 2^200 steps here.
    let mut node = json!({ "kind": "a" });
    for level in 0..200 {
        node = if level % 50 == 0 { json!({ "next": node, "kind": "a" }) } else { json!({ "next": node }) };
    }
    let s: Shapes = serde_json::from_value(json!({ "node": node.clone() })).unwrap();
    s.validate().unwrap();
    assert_eq!(serde_json::to_value(&s).unwrap(), json!({ "node": node }));
    // Typed all the way down: the first branch where `kind` is given, else the second.
    let (mut kinds, mut at) = (Vec::new(), s.node.as_ref());
    while let Some(n) = at {
        at = match n {
            Node::NodeObject(o) => {
                kinds.push('a');
                o.next.as_deref()
            }
            Node::NodeObject2(o) => {
                kinds.push('-');
                o.next.as_deref()
            }
        };
    }
    assert_eq!(kinds.len(), 201);
    assert_eq!(kinds.iter().filter(|k| **k == 'a').count(), 5);
    assert_eq!(kinds[0], '-');
    assert_eq!(kinds[149], 'a');
    assert_eq!(kinds[200], 'a');
    // When no branch matches at any level, the error names each branch without
    // repeating every nested error (2^40 copies here).
    let mut node = json!(0);
    for _ in 0..40 {
        node = json!({ "next": node });
    }
    let error = serde_json::from_str::<Shapes>(&json!({ "node": node }).to_string()).unwrap_err().to_string();
    assert!(error.starts_with("no branch matches (NodeObject: "), "{error}");
    assert!(error.len() < 1000, "{} bytes", error.len());
}

#[test]
fn recursive_overlapping_one_of_is_kept_as_json_and_checked() {
    let build = |both: bool| {
        let mut node = json!({ "kind": "a" });
        for level in 0..4 {
            node = if level % 2 == 0 { json!({ "other": "x", "next": node }) } else { json!({ "kind": "a", "next": node }) };
        }
        if both {
            node["next"]["kind"] = json!("a");
        }
        json!({ "one_node": node })
    };
    let s: Shapes = serde_json::from_value(build(false)).unwrap();
    assert!(s.one_node.as_ref().is_some_and(|n| n.0.is_object()));
    s.validate().unwrap();
    let s: Shapes = serde_json::from_value(build(true)).unwrap();
    let errors = s.validate().unwrap_err();
    assert_eq!(errors.errors()[0].keyword, "oneOf", "{errors}");
}

#[test]
fn a_null_type_is_the_unit_type() {
    // `type: null` alone is `()`: present as `null`, or absent.
    let v = json!({ "cleared": null, "null_or_number": null });
    let s: Shapes = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(s.cleared, Some(()));
    assert_eq!(s.null_or_number, Some(None));
    assert_eq!(serde_json::to_value(&s).unwrap(), v);
    s.validate().unwrap();
    assert!(serde_json::from_value::<Shapes>(json!({ "cleared": 0 })).is_err());
    // A `null` branch beside overlapping ones makes the union nullable.
    let s: Shapes = serde_json::from_value(json!({ "null_or_number": 0.75 })).unwrap();
    s.validate().unwrap();
    let s: Shapes = serde_json::from_value(json!({ "null_or_number": 1 })).unwrap();
    assert_eq!(s.validate().unwrap_err().errors()[0].keyword, "oneOf");
}

#[test]
fn keywords_of_one_type_without_type_make_a_union_with_any_other_value() {
    use feature_unions::{ShapesLoose, ShapesLooseText};
    let v = json!({ "loose": { "a": 1 }, "loose_text": "abc" });
    let s: Shapes = serde_json::from_value(v.clone()).unwrap();
    assert!(matches!(&s.loose, Some(ShapesLoose::Object(o)) if o.a == 1));
    assert_eq!(s.loose_text, Some(ShapesLooseText::String("abc".into())));
    assert_eq!(serde_json::to_value(&s).unwrap(), v);
    s.validate().unwrap();
    // Values of other types are valid as they are.
    let v = json!({ "loose": [true], "loose_text": 7 });
    let s: Shapes = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(s.loose, Some(ShapesLoose::Other(json!([true]))));
    assert_eq!(serde_json::to_value(&s).unwrap(), v);
    s.validate().unwrap();
    // An object must be the typed one.
    assert!(serde_json::from_value::<Shapes>(json!({ "loose": {} })).is_err());
    assert!(serde_json::from_value::<Shapes>(json!({ "loose": { "a": "one" } })).is_err());
    let s: Shapes = serde_json::from_value(json!({ "loose_text": "abcd" })).unwrap();
    assert_eq!(s.validate().unwrap_err().errors()[0].keyword, "maxLength");
}

#[test]
fn a_type_list_is_a_union_of_its_types() {
    use feature_unions::{ShapesTextOrList, ShapesVersion, ShapesVersionString};
    let v = json!({ "version": "1", "text_or_list": ["a", "b"] });
    let s: Shapes = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(s.version, Some(Some(ShapesVersion::String(ShapesVersionString::V1))));
    assert_eq!(s.text_or_list, Some(ShapesTextOrList::Array(vec!["a".into(), "b".into()])));
    assert_eq!(serde_json::to_value(&s).unwrap(), v);
    s.validate().unwrap();
    let s: Shapes = serde_json::from_value(json!({ "version": 2, "text_or_list": "abc" })).unwrap();
    assert_eq!(s.version, Some(Some(ShapesVersion::Integer(2))));
    s.validate().unwrap();
    let s: Shapes = serde_json::from_value(json!({ "version": null })).unwrap();
    assert_eq!(s.version, Some(None));
    // Each type keeps its own keywords.
    let s: Shapes = serde_json::from_value(json!({ "version": 3, "text_or_list": "abcdef" })).unwrap();
    let found: Vec<_> = s.validate().unwrap_err().errors().iter().map(|e| (e.pointer.clone(), e.keyword)).collect();
    assert_eq!(found, [("/version".to_owned(), "enum"), ("/text_or_list".to_owned(), "maxLength")]);
    for invalid in [json!({ "version": "2" }), json!({ "version": true }), json!({ "text_or_list": [1] }), json!({ "text_or_list": {} })] {
        assert!(serde_json::from_value::<Shapes>(invalid.clone()).is_err(), "{invalid}");
    }
}

#[test]
fn a_type_list_gives_each_variant_only_its_own_keywords() {
    use feature_unions::ShapesIcon;
    let with = |icon: serde_json::Value| serde_json::from_value::<Shapes>(json!({ "icon": icon }));
    let text = with(json!("a.png")).unwrap();
    assert!(matches!(&text.icon, Some(ShapesIcon::String(s)) if s == "a.png"));
    text.validate().unwrap();
    let sizes = with(json!({ "16": "a.png", "32": "b.png" })).unwrap();
    assert!(matches!(&sizes.icon, Some(ShapesIcon::Object(m)) if m.len() == 2));
    sizes.validate().unwrap();
    let errors = with(json!("")).unwrap().validate().unwrap_err();
    assert_eq!(errors.errors()[0].keyword, "minLength", "{errors}");
    let errors = with(json!({ "big": "a.png" })).unwrap().validate().unwrap_err();
    assert_eq!(errors.errors()[0].pointer, "/icon", "{errors}");
    assert!(with(json!({ "16": 1 })).is_err(), "a size's path is a string");
    assert!(with(json!(16)).is_err(), "neither a string nor an object");
}
