//! Remote documents a schema refers to, read from local folders that the configuration
//! maps URL prefixes to. Nothing is ever fetched from the network.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use url::Url;

use super::read_confined;
use crate::config::Config;
use crate::schema::{walk_schemas, Descend, JsonPointer};

/// Why the remote documents of a document cannot be read, and the schema of the
/// document that refers to the first missing one (none when a remote refers to it).
#[derive(Debug)]
pub struct RemoteError {
    pub at: Option<JsonPointer>,
    pub message: String,
}

impl From<String> for RemoteError {
    fn from(message: String) -> Self {
        RemoteError { at: None, message }
    }
}

/// Every remote document reachable from `document` (registered at `base`) through
/// `$ref`, `$dynamicRef` and `$schema`, as (URL, compact JSON), sorted by URL.
/// A reference to anything else (other than the JSON Schema meta-schemas, which the
/// validator carries) is refused: nothing is fetched from the network.
pub fn collect(
    config: &Config,
    document: &Value,
    base: &str,
) -> Result<Vec<(String, String)>, RemoteError> {
    let mut found: BTreeMap<String, String> = BTreeMap::new();
    let base_url = Url::parse(base).map_err(|e| format!("base URI `{base}` is not a URI: {e}"))?;
    let mut queue: Vec<(Value, Url)> = vec![(document.clone(), base_url)];
    let mut declared: BTreeSet<String> = [base.to_owned()].into_iter().collect();
    // Each target, with where the document itself first refers to it.
    let mut wanted: BTreeMap<String, Option<JsonPointer>> = BTreeMap::new();
    let mut in_document = true;
    while let Some((value, base)) = queue.pop() {
        let mut targets = BTreeMap::new();
        references(&value, &base, &mut targets, &mut declared);
        for (target, at) in targets {
            let at = in_document.then_some(at);
            wanted.entry(target.clone()).or_insert(at);
            let Some(path) = local_path(config, &target) else { continue };
            if found.contains_key(&target)
                || declared.contains(&target)
                || !config.schema_root.join(&path).is_file()
            {
                continue;
            }
            let text = read_confined(&config.schema_root, &path)?;
            let remote: Value = serde_json::from_str(&text)
                .map_err(|e| format!("remote `{target}` is not JSON: {e}"))?;
            found.insert(target.clone(), remote.to_string());
            if let Ok(url) = Url::parse(&target) {
                queue.push((remote, url));
            }
        }
        in_document = false;
    }
    let meta = |t: &str| {
        t.starts_with("https://json-schema.org/") || t.starts_with("http://json-schema.org/")
    };
    let missing = wanted
        .into_iter()
        .find(|(t, _)| !declared.contains(t) && !found.contains_key(t) && !meta(t));
    if let Some((first, at)) = missing {
        let hint = match local_path(config, &first) {
            Some(path) => format!("`{}` does not exist under the schema root", path.display()),
            None => "map its URL prefix to a local folder: `--remote URL_PREFIX=DIR` on the command line, or `[remotes]` in the configuration".to_owned(),
        };
        let message = format!(
            "`$ref` to `{first}` leaves the document and is not fetched from the network: {hint}"
        );
        return Err(RemoteError { at, message });
    }
    Ok(found.into_iter().collect())
}

/// Absolute targets (without fragment) of the references in the schemas of `value`, each
/// with the first schema that refers to it, and the resources it declares. Data
/// (`examples`, `default`, ...) holds no references.
fn references(
    value: &Value,
    base: &Url,
    out: &mut BTreeMap<String, JsonPointer>,
    declared: &mut BTreeSet<String>,
) {
    // The bases of the resources the walk is inside, innermost last, by their pointers.
    let mut bases: Vec<(JsonPointer, Url)> = vec![(JsonPointer::root(), base.clone())];
    walk_schemas(value, &JsonPointer::root(), &mut |at, o| {
        while bases.len() > 1 && !at.is_within(&bases[bases.len() - 1].0) {
            bases.pop();
        }
        let mut base = bases[bases.len() - 1].1.clone();
        if let Some(mut inner) =
            o.get("$id").and_then(Value::as_str).and_then(|id| base.join(id).ok())
        {
            inner.set_fragment(None);
            declared.insert(inner.to_string());
            bases.push((at.clone(), inner.clone()));
            base = inner;
        }
        for key in ["$ref", "$dynamicRef", "$schema"] {
            if let Some(mut target) =
                o.get(key).and_then(Value::as_str).and_then(|r| base.join(r).ok())
            {
                target.set_fragment(None);
                out.entry(target.to_string()).or_insert_with(|| at.clone());
            }
        }
        Descend::Yes
    });
}

/// The local file behind a URL: a `json-schema:///` URL (the base of a document without
/// an absolute `$id`) names a file of the schema root; others go by the longest
/// configured prefix.
pub fn local_path(config: &Config, url: &str) -> Option<std::path::PathBuf> {
    if let Some(rest) = url.strip_prefix("json-schema:///") {
        return super::refs::percent_decode(rest).ok().map(std::path::PathBuf::from);
    }
    let (prefix, dir) = config
        .remotes
        .iter()
        .filter(|(prefix, _)| url.starts_with(prefix.as_str()))
        .max_by_key(|(p, _)| p.len())?;
    // `DIR` of `.` names the schema root itself: no `./` in the file names shown.
    Some(
        dir.join(&url[prefix.len()..])
            .components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_read_from_schemas_against_their_resource_and_not_from_data() {
        let document = serde_json::json!({
            "properties": {
                "a": { "$ref": "a.json" },
                "inner": {
                    "$id": "https://other.example/dir/",
                    "properties": { "b": { "$ref": "b.json#/x" } },
                },
                "after": { "$ref": "c.json" },
            },
            "examples": [{ "$ref": "https://example.com/data.json" }],
            "default": { "$ref": "d.json" },
        });
        let base = Url::parse("https://schemas.example/root.json").unwrap();
        let (mut out, mut declared) = (BTreeMap::new(), BTreeSet::new());
        references(&document, &base, &mut out, &mut declared);
        let expected = [
            ("https://other.example/dir/b.json", "/properties/inner/properties/b"),
            ("https://schemas.example/a.json", "/properties/a"),
            ("https://schemas.example/c.json", "/properties/after"),
        ];
        let found: Vec<_> = out.iter().map(|(t, at)| (t.as_str(), at.as_str())).collect();
        assert_eq!(found, expected);
        assert_eq!(declared.into_iter().collect::<Vec<_>>(), ["https://other.example/dir/"]);
    }
}
