//! `$ref` resolution inside one document.

use serde_json::Value;

/// Resolves a `$ref` against its document; returns the target's JSON pointer and value.
pub fn resolve_ref<'a>(root: &'a Value, reference: &str) -> Result<(String, &'a Value), String> {
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
        .map(|v| (pointer.clone(), v))
        .ok_or_else(|| format!("`$ref` target `{reference}` does not exist"))
}

/// Escapes one JSON pointer token (`~` and `/`).
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

fn resolve_anchor<'a>(root: &'a Value, anchor: &str) -> Result<(String, &'a Value), String> {
    fn walk<'a>(v: &'a Value, at: String, anchor: &str) -> Option<(String, &'a Value)> {
        match v {
            Value::Object(map) => {
                let named = |k: &str| map.get(k).and_then(Value::as_str) == Some(anchor);
                if named("$anchor") || named("$dynamicAnchor") {
                    return Some((at, v));
                }
                map.iter().find_map(|(k, child)| walk(child, format!("{at}/{}", escape_token(k)), anchor))
            }
            Value::Array(items) => {
                items.iter().enumerate().find_map(|(i, child)| walk(child, format!("{at}/{i}"), anchor))
            }
            _ => None,
        }
    }
    walk(root, String::new(), anchor).ok_or_else(|| format!("`$anchor` `{anchor}` does not exist"))
}

fn percent_decode(s: &str) -> Result<String, String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3).ok_or_else(|| format!("bad percent escape in `{s}`"))?;
            let byte = u8::from_str_radix(hex, 16).map_err(|_| format!("bad percent escape in `{s}`"))?;
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| format!("`{s}` is not UTF-8 once decoded"))
}
