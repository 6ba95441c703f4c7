//! Finds where a JSON pointer's value starts in JSON text, for line/column in diagnostics.
//! serde_json keeps no positions, so this walks the text itself; it only runs on the
//! error path.

/// Byte offset of the deepest value along `pointer` that exists in `text`.
pub fn locate(text: &str, pointer: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut pos = skip_ws(bytes, 0);
    if pointer.is_empty() {
        return Some(pos);
    }
    for token in pointer.strip_prefix('/')?.split('/') {
        let token = token.replace("~1", "/").replace("~0", "~");
        match bytes.get(pos)? {
            b'{' => match find_member(text, pos, &token) {
                Some(value) => pos = value,
                None => return Some(pos),
            },
            b'[' => {
                let Ok(index) = token.parse::<usize>() else { return Some(pos) };
                match find_element(bytes, pos, index) {
                    Some(value) => pos = value,
                    None => return Some(pos),
                }
            }
            _ => return Some(pos),
        }
    }
    Some(pos)
}

fn skip_ws(bytes: &[u8], mut pos: usize) -> usize {
    while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
        pos += 1;
    }
    pos
}

/// The end of the string starting at `pos` (just past the closing quote).
fn skip_string(bytes: &[u8], mut pos: usize) -> usize {
    pos += 1;
    while pos < bytes.len() {
        match bytes[pos] {
            b'\\' => pos += 2,
            b'"' => return pos + 1,
            _ => pos += 1,
        }
    }
    pos
}

/// The end of the value starting at `pos`.
fn skip_value(bytes: &[u8], pos: usize) -> usize {
    match bytes.get(pos) {
        Some(b'"') => skip_string(bytes, pos),
        Some(b'{' | b'[') => {
            let mut depth = 0usize;
            let mut p = pos;
            while p < bytes.len() {
                match bytes[p] {
                    b'"' => {
                        p = skip_string(bytes, p);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return p + 1;
                        }
                    }
                    _ => {}
                }
                p += 1;
            }
            p
        }
        _ => {
            let mut p = pos;
            while p < bytes.len() && !matches!(bytes[p], b',' | b'}' | b']') && !bytes[p].is_ascii_whitespace() {
                p += 1;
            }
            p
        }
    }
}

fn find_member(text: &str, open: usize, key: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut pos = skip_ws(bytes, open + 1);
    while bytes.get(pos) == Some(&b'"') {
        let end = skip_string(bytes, pos);
        let name: String = serde_json::from_str(text.get(pos..end)?).ok()?;
        pos = skip_ws(bytes, end);
        if bytes.get(pos) != Some(&b':') {
            return None;
        }
        pos = skip_ws(bytes, pos + 1);
        if name == key {
            return Some(pos);
        }
        pos = skip_ws(bytes, skip_value(bytes, pos));
        if bytes.get(pos) == Some(&b',') {
            pos = skip_ws(bytes, pos + 1);
        }
    }
    None
}

fn find_element(bytes: &[u8], open: usize, index: usize) -> Option<usize> {
    let mut pos = skip_ws(bytes, open + 1);
    for _ in 0..index {
        if matches!(bytes.get(pos), None | Some(b']')) {
            return None;
        }
        pos = skip_ws(bytes, skip_value(bytes, pos));
        if bytes.get(pos) != Some(&b',') {
            return None;
        }
        pos = skip_ws(bytes, pos + 1);
    }
    (!matches!(bytes.get(pos), None | Some(b']'))).then_some(pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values_and_the_deepest_existing_prefix() {
        let text = "{\n  \"a\": {\"x~/y\": [1, {\"b\": \"}\"}, [3]]},\n  \"c\": true\n}";
        let at = |p: &str| locate(text, p).map(|o| &text[o..o + 3]);
        assert_eq!(at(""), Some("{\n "));
        assert_eq!(at("/c"), Some("tru"));
        assert_eq!(at("/a/x~0~1y/1/b"), Some("\"}\""));
        assert_eq!(at("/a/x~0~1y/2/0"), Some("3]]"));
        assert_eq!(at("/a/missing/deeper"), Some("{\"x"));
        assert_eq!(at("/a/x~0~1y/7"), Some("[1,"));
    }
}
