use feature_patterns::{Config, Validate};
use serde_json::json;

#[test]
fn a_false_property_must_be_absent() {
    let c: Config = serde_json::from_value(json!({ "name": "a", "other": 1 })).unwrap();
    assert!(c.main.is_none());
    c.validate().unwrap();
    assert_eq!(serde_json::to_value(&c).unwrap(), json!({ "name": "a", "other": 1 }));
    for value in [json!(null), json!(1), json!({})] {
        let err = serde_json::from_value::<Config>(json!({ "name": "a", "main": value })).unwrap_err();
        assert!(err.to_string().contains("its schema is `false`"), "{err}");
    }
}

#[test]
fn all_of_branches_of_properties_alone_merge_into_the_struct() {
    use feature_patterns::ConfigRulesQuotes;
    let v = json!({ "name": "a", "rules": { "semi": true, "quotes": "single", "indent": 2, "max-len": 80 } });
    let c: Config = serde_json::from_value(v.clone()).unwrap();
    let rules = c.rules.as_ref().unwrap();
    assert_eq!((rules.semi, &rules.quotes, rules.indent), (Some(true), &ConfigRulesQuotes::Single, Some(2)));
    assert_eq!(serde_json::to_value(&c).unwrap(), v);
    c.validate().unwrap();
    // The branches' own constraints hold: a required property and a bound.
    assert!(serde_json::from_value::<Config>(json!({ "name": "a", "rules": { "semi": true } })).is_err());
    let c: Config = serde_json::from_value(json!({ "name": "a", "rules": { "quotes": "double", "indent": -1 } })).unwrap();
    assert_eq!(c.validate().unwrap_err().errors()[0].pointer, "/rules/indent");
}

#[test]
fn a_nullable_struct_with_a_one_of_of_required_lists_is_an_option_checked_whole() {
    let c: Config = serde_json::from_value(json!({ "name": "a", "basic_auth": { "username": "u", "password": "p" } })).unwrap();
    let auth = c.basic_auth.clone().unwrap().unwrap();
    assert_eq!((auth.username.as_deref(), auth.password.as_deref()), (Some("u"), Some("p")));
    c.validate().unwrap();
    // Neither or both of the `oneOf`'s required properties: the check names the `oneOf`.
    for auth in [json!({ "username": "u" }), json!({ "password": "p", "password_file": "f" })] {
        let c: Config = serde_json::from_value(json!({ "name": "a", "basic_auth": auth })).unwrap();
        let errors = c.validate().unwrap_err();
        assert_eq!((errors.errors()[0].pointer.as_str(), errors.errors()[0].keyword), ("/basic_auth", "oneOf"), "{auth}");
    }
    // `null` satisfies both branches (`required` applies to objects), so the `oneOf` fails.
    let c: Config = serde_json::from_value(json!({ "name": "a", "basic_auth": null })).unwrap();
    assert_eq!(c.basic_auth, Some(None));
    assert_eq!(c.validate().unwrap_err().errors()[0].keyword, "oneOf");
    // `additionalProperties: false` is the struct's own.
    assert!(serde_json::from_value::<Config>(json!({ "name": "a", "basic_auth": { "password": "p", "x": 1 } })).is_err());
}

#[test]
fn a_mixed_enum_is_a_union_of_typed_variants() {
    use feature_patterns::{ConfigSeverity, ConfigSeverityString};
    let c: Config = serde_json::from_value(json!({ "name": "a", "severity": "warn" })).unwrap();
    assert_eq!(c.severity, Some(ConfigSeverity::String(ConfigSeverityString::Warn)));
    let c: Config = serde_json::from_value(json!({ "name": "a", "severity": false })).unwrap();
    assert_eq!(c.severity, Some(ConfigSeverity::Boolean(false)));
    assert!(serde_json::from_value::<Config>(json!({ "name": "a", "severity": "fatal" })).is_err());
}

#[test]
fn a_property_another_branch_makes_false_must_be_absent() {
    let c: Config = serde_json::from_value(json!({ "name": "a", "site": { "title": "t", "safe": true } })).unwrap();
    let site = c.site.as_ref().unwrap();
    assert!(site.source.is_none());
    c.validate().unwrap();
    let err = serde_json::from_value::<Config>(json!({ "name": "a", "site": { "source": "docs" } })).unwrap_err();
    assert!(err.to_string().contains("its schema is `false`"), "{err}");
    // The property both branches list with schemas of their own is typed by one, checked by the other.
    let c: Config = serde_json::from_value(json!({ "name": "a", "site": { "safe": false } })).unwrap();
    assert_eq!(c.validate().unwrap_err().errors()[0].pointer, "/site/safe");
}

#[test]
fn ifs_on_a_tag_are_a_union_by_that_tag() {
    use feature_patterns::{Resource, ResourceGit, ResourceGitKind};
    let v = json!({ "name": "a", "resources": [
        { "kind": "git", "name": "repo", "url": "https://x", "branch": "main" },
        { "name": "img", "kind": "image", "image": "alpine" },
        { "name": "nightly", "kind": "cron", "schedule": "0 3 * * *" }
    ] });
    let c: Config = serde_json::from_value(v.clone()).unwrap();
    let resources = c.resources.as_ref().unwrap();
    match &resources[0] {
        Resource::Git(git) => assert_eq!((git.url.as_str(), git.branch.as_deref()), ("https://x", Some("main"))),
        other => panic!("read as {other:?}"),
    }
    assert!(matches!(&resources[1], Resource::Image(i) if i.image == "alpine"));
    assert!(matches!(&resources[2], Resource::Cron(c) if c.schedule == "0 3 * * *"));
    c.validate().unwrap();
    assert_eq!(serde_json::to_value(&c).unwrap(), v);
    // Each variant is its `then`, closed: another kind's property is not allowed.
    let read = |r: serde_json::Value| serde_json::from_value::<Config>(json!({ "name": "a", "resources": [r] }));
    assert!(read(json!({ "kind": "git", "name": "r", "url": "u", "image": "alpine" })).is_err());
    // The `then`'s required properties, an unknown kind and a missing kind fail to read.
    assert!(read(json!({ "kind": "image", "name": "r" })).is_err());
    let err = read(json!({ "kind": "ftp", "name": "r" })).unwrap_err();
    assert!(err.to_string().contains("unknown variant `ftp`"), "{err}");
    assert!(read(json!({ "name": "r", "url": "u" })).is_err());
    // The `then`'s checks are the variant's.
    let c = read(json!({ "kind": "cron", "name": "n", "schedule": "at noon" })).unwrap();
    assert_eq!(c.validate().unwrap_err().errors()[0].pointer, "/resources/0/schedule");
    // Built with the variant's builder.
    let git = ResourceGit::builder().name("r").kind(ResourceGitKind::Git).url("u").build().unwrap();
    assert_eq!(serde_json::to_value(Resource::Git(Box::new(git))).unwrap(), json!({ "name": "r", "kind": "git", "url": "u" }));
}

#[test]
fn ifs_on_a_boolean_tag_are_a_union_and_the_if_without_required_takes_no_tag() {
    use feature_patterns::ConfigPage;
    let read = |p: &str| serde_json::from_str::<Config>(&format!(r#"{{"name": "a", "page": {p}}}"#));
    // No tag: the `if` that does not require it holds, so its `then` (a page) applies.
    let c = read(r#"{"selector": "div", "root": true}"#).unwrap();
    assert!(matches!(c.page.as_ref(), Some(ConfigPage::Page(p)) if p.selector == "div" && p.root == Some(true)));
    assert_eq!(serde_json::to_value(&c).unwrap(), json!({ "name": "a", "page": { "selector": "div", "root": true } }));
    // The tag may come anywhere.
    for p in [r#"{"interface": true, "methods": ["m"]}"#, r#"{"methods": ["m"], "interface": true}"#] {
        let c = read(p).unwrap();
        assert!(matches!(c.page.as_ref(), Some(ConfigPage::PageInterface(i)) if i.methods == ["m"]), "{p}");
        c.validate().unwrap();
    }
    // `false` takes the page, which is closed without `interface`: no valid value has it.
    assert!(read(r#"{"interface": false, "selector": "div"}"#).unwrap_err().to_string().contains("unknown field `interface`"));
    // Each variant is its own `then`: a page's property on an interface, a string tag.
    assert!(read(r#"{"interface": true, "methods": [], "selector": "div"}"#).is_err());
    assert!(read(r#"{"interface": "yes", "methods": []}"#).unwrap_err().to_string().contains("expected a boolean tag"));
    let c = read(r#"{"selector": ""}"#).unwrap();
    assert_eq!(c.validate().unwrap_err().errors()[0].pointer, "/page/selector");
}

#[test]
fn tag_values_no_if_names_take_the_other_variant() {
    use feature_patterns::{ConfigSource, ConfigSourceOther};
    let read = |s: serde_json::Value| serde_json::from_value::<Config>(json!({ "name": "a", "source": s }));
    let c = read(json!({ "type": "archive", "url": "https://x/a.tgz" })).unwrap();
    assert!(matches!(c.source.as_ref(), Some(ConfigSource::Archive(a)) if a.url == "https://x/a.tgz"));
    // One `if` names two values: one variant reads both.
    for kind in ["git", "bzr"] {
        let c = read(json!({ "type": kind, "commit": "abc" })).unwrap();
        assert!(matches!(c.source.as_ref(), Some(ConfigSource::Git(g)) if g.commit.as_deref() == Some("abc")));
    }
    let c = read(json!({ "type": "local", "dest": "d" })).unwrap();
    assert!(matches!(c.source.as_ref(), Some(ConfigSource::Other(o)) if o.r#type == "local"));
    c.validate().unwrap();
    // The `else` of the git `if` applies to every other value: no `commit`.
    assert!(read(json!({ "type": "local", "commit": "abc" })).is_err());
    assert!(read(json!({ "type": "archive", "url": "u", "commit": "abc" })).is_err());
    assert!(read(json!({ "type": "archive" })).is_err());
    // An `Other` built with a value an `if` names is checked against the whole schema.
    let other = ConfigSourceOther::builder().r#type("archive").build().unwrap_err();
    assert!(other.to_string().contains("url"), "{other}");
}

#[test]
fn an_else_if_chain_is_one_variant_per_if_and_one_for_the_rest() {
    use feature_patterns::ConfigRuntime;
    let read = |r: serde_json::Value| serde_json::from_value::<Config>(json!({ "name": "a", "runtime": r }));
    let c = read(json!({ "type": "image", "image": "alpine" })).unwrap();
    assert!(matches!(c.runtime.as_ref(), Some(ConfigRuntime::Image(i)) if i.image == "alpine"));
    assert!(matches!(read(json!({ "type": "host" })).unwrap().runtime.as_ref(), Some(ConfigRuntime::Host(_))));
    let c = read(json!({ "type": "vm", "cpus": 2 })).unwrap();
    assert!(matches!(c.runtime.as_ref(), Some(ConfigRuntime::Vm(_))));
    c.validate().unwrap();
    assert_eq!(serde_json::to_value(&c).unwrap(), json!({ "name": "a", "runtime": { "type": "vm", "cpus": 2 } }));
    // The `then`s are closed; the image's `then` requires `image`.
    assert!(read(json!({ "type": "host", "image": "alpine" })).is_err());
    assert!(read(json!({ "type": "image" })).is_err());
    assert!(read(json!({ "type": "podman" })).is_err());
}

#[test]
fn several_types_beside_required_lists_split_by_type() {
    use feature_patterns::ConfigEnvValue;
    let text = r#"{"name":"a","env":{"A":"x","B":1.50,"C":{"default":"d"}}}"#;
    let c: Config = serde_json::from_str(text).unwrap();
    let env = c.env.as_ref().unwrap();
    assert!(matches!(env.get("A"), Some(ConfigEnvValue::String(s)) if s == "x"));
    assert!(matches!(env.get("C"), Some(ConfigEnvValue::Object(o)) if o.default.as_deref() == Some("d")));
    c.validate().unwrap();
    // Read and written back as it was, the number's spelling included.
    assert_eq!(serde_json::to_string(&c).unwrap(), text);
    // An object with neither required property fails the `anyOf`, at its pointer.
    let c: Config = serde_json::from_value(json!({ "name": "a", "env": { "D": { "x": 1 } } })).unwrap();
    let errors = c.validate().unwrap_err();
    assert_eq!((errors.errors()[0].pointer.as_str(), errors.errors()[0].keyword), ("/env/D", "anyOf"));
}

#[test]
fn an_if_on_the_type_is_a_union_by_json_type() {
    use feature_patterns::{ConfigPluginsItem, Plugin};
    let read = |p: serde_json::Value| serde_json::from_value::<Config>(json!({ "name": "a", "plugins": [p] }));
    let c = read(json!("lib.so")).unwrap();
    assert!(matches!(c.plugins.as_deref(), Some([ConfigPluginsItem::String(s)]) if s == "lib.so"));
    let c = read(json!({ "kind": "native", "symbol": "init" })).unwrap();
    assert!(matches!(c.plugins.as_deref(), Some([ConfigPluginsItem::Plugin(p)]) if matches!(p, Plugin::Native(n) if n.symbol == "init")));
    c.validate().unwrap();
    // Neither an object nor a string: the `else` fails, so the value is not read.
    assert!(read(json!(7)).is_err());
    // The `else`'s own checks are the string variant's.
    let errors = read(json!("")).unwrap().validate().unwrap_err();
    assert_eq!((errors.errors()[0].pointer.as_str(), errors.errors()[0].keyword), ("/plugins/0", "minLength"));
}

#[test]
fn a_then_with_patterned_entries_merges_its_fields_and_is_checked_whole() {
    use feature_patterns::{ConfigPluginsItem, Plugin};
    let text = r#"{"name":"a","plugins":[{"kind":"wasm","memory":2,"x-note":"n"}]}"#;
    let c: Config = serde_json::from_str(text).unwrap();
    let Some([ConfigPluginsItem::Plugin(p)]) = c.plugins.as_deref() else { panic!("{c:?}") };
    let Plugin::Wasm(w) = p else { panic!("{p:?}") };
    assert_eq!(w.memory, Some(2));
    c.validate().unwrap();
    assert_eq!(serde_json::to_string(&c).unwrap(), text);
    // The `then`'s patterned entries and closed object are checked against its schema.
    for (plugin, pointer, keyword) in [
        (json!({ "kind": "wasm", "x-note": 3 }), "/plugins/0/x-note", "type"),
        (json!({ "kind": "wasm", "other": "o" }), "/plugins/0/other", "additionalProperties"),
    ] {
        let c = serde_json::from_value::<Config>(json!({ "name": "a", "plugins": [plugin] })).unwrap();
        let errors = c.validate().unwrap_err();
        assert_eq!((errors.errors()[0].pointer.as_str(), errors.errors()[0].keyword), (pointer, keyword), "{errors}");
    }
    // The `then`'s typed fields are the variant's: `memory` is an integer.
    assert!(serde_json::from_value::<Config>(json!({ "name": "a", "plugins": [{ "kind": "wasm", "memory": "2" }] })).is_err());
}

#[test]
fn unevaluated_properties_false_closes_the_merged_struct() {
    use feature_patterns::generated::{Deployment, Port};
    let text = r#"{"name":"web","replicas":2,"image":"nginx","ports":[{"number":80}]}"#;
    let d: Deployment = serde_json::from_str(text).unwrap();
    assert_eq!((d.name.as_str(), d.replicas, d.image.as_str()), ("web", 2, "nginx"));
    assert_eq!(d.ports.as_deref(), Some(&[Port { number: 80 }][..]));
    d.validate().unwrap();
    assert_eq!(serde_json::to_string(&d).unwrap(), text);
    // A property no branch evaluates is rejected, here and in the closed `Port`.
    let base = json!({ "name": "web", "replicas": 2, "image": "nginx" });
    let with = |k: &str, v: serde_json::Value| {
        let mut b = base.clone();
        b[k] = v;
        serde_json::from_value::<Deployment>(b)
    };
    assert!(with("debug", json!(true)).is_err());
    assert!(with("ports", json!([{ "number": 80, "protocol": "tcp" }])).is_err());
    // Each branch's own keywords still hold.
    let errors = with("replicas", json!(0)).unwrap().validate().unwrap_err();
    assert_eq!((errors.errors()[0].pointer.as_str(), errors.errors()[0].keyword), ("/replicas", "minimum"));
    assert!(serde_json::from_value::<Deployment>(json!({ "name": "web", "image": "nginx" })).is_err());
}

#[test]
fn all_of_with_a_composed_branch_merges_the_object_branches_and_checks_the_rest() {
    let text = r#"{"name":"a","project":{"target":"es2020","strict":true,"files":["main.ts"]}}"#;
    let c: Config = serde_json::from_str(text).unwrap();
    let project = c.project.as_ref().unwrap();
    assert!(matches!(project.target, Some(feature_patterns::ConfigProjectTarget::Es2020)));
    assert_eq!(project.strict, Some(true));
    // The `anyOf`'s properties stay as read: one branch's property may be anything where
    // another branch matches.
    assert_eq!(project.extra.get("files"), Some(&json!(["main.ts"])));
    c.validate().unwrap();
    assert_eq!(serde_json::to_string(&c).unwrap(), text);
    // Neither `files` nor `include`: the `anyOf` fails, at the object's pointer.
    let c: Config = serde_json::from_value(json!({ "name": "a", "project": { "strict": false } })).unwrap();
    let errors = c.validate().unwrap_err();
    assert_eq!((errors.errors()[0].pointer.as_str(), errors.errors()[0].keyword), ("/project", "anyOf"));
    // The object branches' fields are typed.
    assert!(serde_json::from_value::<Config>(json!({ "name": "a", "project": { "strict": "yes", "files": [] } })).is_err());
}

#[test]
fn a_tag_one_branch_does_not_require_reads_objects_without_it() {
    use feature_patterns::{FromJson, Transform};
    let read = |v: serde_json::Value| Config::from_json_str(&json!({ "name": "a", "transform": v }).to_string());
    // The tag picks its branch; no tag is the branch that does not require one.
    let v = json!({ "type": "Chain", "steps": [{ "merge": [] }, { "type": "Combo" }, { "type": "Exclude", "patterns": ["x"] }] });
    let c = read(v.clone()).unwrap();
    let Some(Transform::Chain(chain)) = &c.transform else { panic!("{:?}", c.transform) };
    let steps = chain.steps.as_ref().unwrap();
    assert!(matches!(steps[0], Transform::Combo(_)) && matches!(steps[1], Transform::Combo(_)), "{steps:?}");
    assert!(matches!(steps[2], Transform::Exclude(_)), "{steps:?}");
    assert_eq!(serde_json::to_value(&c).unwrap()["transform"], v);
    // An unknown tag, a branch's own checks, and a property of another branch all fail.
    assert!(read(json!({ "type": "Merge" })).is_err());
    // Read in one pass by the tag, not branch by branch: serde names the tag values.
    let err = serde_json::from_value::<Config>(json!({ "name": "a", "transform": { "type": "Merge" } })).unwrap_err();
    assert!(err.to_string().contains("unknown variant `Merge`, expected one of `Chain`, `Combo`, `Exclude`"), "{err}");
    let errors = read(json!({ "type": "Exclude", "patterns": [""] })).unwrap_err();
    assert_eq!(errors.errors()[0].pointer, "/transform/patterns/0");
    assert!(read(json!({ "patterns": ["x"] })).is_err());
}

#[test]
fn closed_branches_told_apart_by_a_required_key_read_like_disjoint_types() {
    use feature_patterns::ConfigDependency;
    let read = |v: serde_json::Value| serde_json::from_value::<Config>(json!({ "name": "a", "dependency": v }));
    let c = read(json!({ "git": "https://example.com/p.git", "version": "1" })).unwrap();
    assert!(matches!(c.dependency, Some(Some(ConfigDependency::ConfigDependencyObject2(_)))), "{:?}", c.dependency);
    c.validate().unwrap();
    assert!(matches!(read(json!({ "sdk": "flutter" })).unwrap().dependency, Some(Some(ConfigDependency::ConfigDependencyObject(_)))));
    assert_eq!(read(json!(null)).unwrap().dependency, Some(None));
    // Both keys, or neither: no branch reads it. The first object branch that tries says
    // why (read by type, not by trying every branch and validating each).
    for v in [json!({ "sdk": "a", "git": "b" }), json!({ "version": "1" })] {
        let err = read(v.clone()).unwrap_err().to_string();
        assert!(!err.contains("no branch matches"), "{v}: {err}");
    }
    // The keys pick the one branch that may read the object, read alone: its error is
    // the one shown, not the first branch's (`missing field `sdk``).
    let text = r#"{"name": "a", "dependency": {"version": "1", "git": 5}}"#;
    let err = serde_json::from_str::<Config>(text).unwrap_err().to_string();
    assert!(err.starts_with("invalid type: integer `5`, expected a string"), "{err}");
}

#[test]
fn a_branch_whose_requirements_are_in_an_any_of_is_still_told_apart_by_its_keys() {
    let read = |v: serde_json::Value| serde_json::from_value::<Config>(json!({ "name": "a", "label": v }));
    read(json!({ "all": ["x"] })).unwrap().validate().unwrap();
    read(json!({ "head": "main" })).unwrap().validate().unwrap();
    // Neither key of the second branch: it reads, and its `anyOf` fails when validated.
    let c = read(json!({})).unwrap();
    assert_eq!(c.validate().unwrap_err().errors()[0].keyword, "anyOf");
    // Keys of both: read by type, the error is the first object branch's own.
    let err = read(json!({ "all": [], "head": "x" })).unwrap_err().to_string();
    assert!(!err.contains("no branch matches"), "{err}");
}
