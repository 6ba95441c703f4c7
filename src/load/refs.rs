//! `$ref` resolution inside one document.

use serde_json::Value;

use crate::schema::{walk_schemas, Descend, JsonPointer};

/// Resolves a `$ref` against its document; returns the target's JSON pointer and value.
pub fn resolve_ref<'a>(
    root: &'a Value,
    reference: &str,
) -> Result<(JsonPointer, &'a Value), String> {
    let Some(fragment) = reference.strip_prefix('#') else {
        return Err(format!(
            "`$ref` to `{reference}` leaves the document; only references inside the document are supported"
        ));
    };
    let pointer = percent_decode(fragment)?;
    if !pointer.is_empty() && !pointer.starts_with('/') {
        return resolve_anchor(root, &pointer);
    }
    root.pointer(&pointer)
        .map(|v| (JsonPointer::from_escaped(pointer.as_str()), v))
        .ok_or_else(|| format!("`$ref` target `{reference}` does not exist"))
}

fn resolve_anchor<'a>(root: &'a Value, anchor: &str) -> Result<(JsonPointer, &'a Value), String> {
    let mut found = None;
    walk_schemas(root, &JsonPointer::root(), &mut |at, map| {
        if found.is_some() {
            return Descend::No;
        }
        if names_anchor(map, anchor) {
            found = Some(at.clone());
            return Descend::No;
        }
        Descend::Yes
    });
    let pointer = found.ok_or_else(|| format!("`$anchor` `{anchor}` does not exist"))?;
    let value = root
        .pointer(pointer.as_str())
        .ok_or_else(|| format!("`$anchor` `{anchor}` does not exist"))?;
    Ok((pointer, value))
}

/// Whether the schema `o` declares the plain-name fragment `anchor`: by `$anchor` or
/// `$dynamicAnchor`, or (before 2019-09) by an `$id` (draft-04: `id`) of `#anchor`.
pub(super) fn names_anchor(o: &serde_json::Map<String, Value>, anchor: &str) -> bool {
    let named = |k: &str| o.get(k).and_then(Value::as_str) == Some(anchor);
    let id = |k: &str| {
        o.get(k).and_then(Value::as_str).and_then(|i| i.strip_prefix('#')) == Some(anchor)
    };
    named("$anchor") || named("$dynamicAnchor") || id("$id") || id("id")
}

/// Lenient percent-decoding, as validators in other languages read references written
/// by code generators (`#/definitions/Inputs<String>`): `%XX` with two hex digits is
/// decoded, any other character (a `%` not followed by two hex digits, or one that a URI
/// does not allow, such as `<` or a space) is taken literally.
pub(super) fn percent_decode(s: &str) -> Result<String, String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match escape_at(s, i) {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| format!("`{s}` is not UTF-8 once percent-decoded"))
}

/// The byte of the `%XX` escape starting at byte `i` of `s`, if one does.
fn escape_at(s: &str, i: usize) -> Option<u8> {
    let hex = s.get(i..i + 3)?.strip_prefix('%')?;
    hex.bytes().all(|b| b.is_ascii_hexdigit()).then(|| u8::from_str_radix(hex, 16).ok()).flatten()
}

/// `part` with every byte that `keep` refuses written as `%XX`; `keep` sees the byte's
/// index too.
fn percent_encode(part: &str, keep: impl Fn(usize, u8) -> bool) -> String {
    let mut out = String::with_capacity(part.len());
    for (i, b) in part.bytes().enumerate() {
        if keep(i, b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A reference as a URI reference that any validator reads the way [`resolve_ref`] does:
/// characters a URI does not allow are percent-encoded, a `%` that starts no `%XX`
/// becomes `%25`, valid `%XX` escapes are kept.
pub fn encode_reference(reference: &str) -> String {
    let (head, fragment) = match reference.split_once('#') {
        Some((head, fragment)) => (head, Some(fragment)),
        None => (reference, None),
    };
    let mut out = encode_part(head, b"");
    if let Some(fragment) = fragment {
        out.push('#');
        // `#`, `[` and `]` are delimiters a fragment may not hold.
        out.push_str(&encode_part(fragment, b"#[]"));
    }
    out
}

fn encode_part(part: &str, also: &[u8]) -> String {
    percent_encode(part, |i, b| {
        b.is_ascii_graphic()
            && !b"\"<>\\^`{|}".contains(&b)
            && !also.contains(&b)
            && (b != b'%' || escape_at(part, i).is_some())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_written_by_code_generators_resolve() {
        let root = serde_json::json!({ "definitions": {
            "vector_common::id::Inputs<alloc::string::String>": { "type": "string" },
            "a b": { "type": "integer" },
            "100%": { "type": "boolean" },
            "x~y/z": { "type": "null" },
        } });
        let cases = [
            (
                "#/definitions/vector_common::id::Inputs<alloc::string::String>",
                "/definitions/vector_common::id::Inputs<alloc::string::String>",
            ),
            ("#/definitions/a b", "/definitions/a b"),
            ("#/definitions/a%20b", "/definitions/a b"),
            ("#/definitions/100%", "/definitions/100%"),
            ("#/definitions/100%25", "/definitions/100%"),
            ("#/definitions/x~0y~1z", "/definitions/x~0y~1z"),
            ("#/definitions/x%7E0y%7E1z", "/definitions/x~0y~1z"),
        ];
        for (reference, pointer) in cases {
            let (at, _) =
                resolve_ref(&root, reference).unwrap_or_else(|e| panic!("{reference}: {e}"));
            assert_eq!(at.as_str(), pointer, "{reference}");
            // The re-encoded reference is a valid URI reference that reads the same.
            let encoded = encode_reference(reference);
            assert!(
                url::Url::parse("json-schema:///doc.json")
                    .unwrap()
                    .join(&encoded)
                    .is_ok_and(|u| u.as_str().ends_with(&encoded)),
                "{encoded}"
            );
            assert_eq!(resolve_ref(&root, &encoded).unwrap().0.as_str(), pointer, "{encoded}");
        }
        assert!(resolve_ref(&root, "#/definitions/nothing").is_err());
        assert_eq!(
            encode_reference("other file.json#/a<b>%zz"),
            "other%20file.json#/a%3Cb%3E%25zz"
        );
        assert_eq!(encode_reference("#/a#b[0]"), "#/a%23b%5B0%5D");
    }
}
