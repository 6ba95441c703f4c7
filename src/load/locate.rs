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
        let token = crate::schema::unescape_token(token);
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

/// The bytes a diagnostic marks for the value at `offset`: a whole scalar, or the
/// opening bracket of an object or array (which may span many lines).
pub fn value_span(text: &str, offset: usize) -> std::ops::Range<usize> {
    let bytes = text.as_bytes();
    match bytes.get(offset) {
        Some(b'{' | b'[') => offset..offset + 1,
        Some(_) => offset..skip_value(bytes, offset).max(offset + 1).min(text.len()),
        None => offset..offset,
    }
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
            while p < bytes.len()
                && !matches!(bytes[p], b',' | b'}' | b']')
                && !bytes[p].is_ascii_whitespace()
            {
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

/// One logical line of block YAML: a `- ` item marker or content, at its indentation.
struct Entry<'a> {
    indent: usize,
    dash: bool,
    content: &'a str,
    offset: usize,
}

/// Block-style YAML lines as entries; `- key: v` gives a dash entry and a content entry.
fn yaml_entries(text: &str) -> Vec<Entry<'_>> {
    let mut entries = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let mut rest = line.trim_end();
        let mut indent = rest.len() - rest.trim_start_matches(' ').len();
        rest = &rest[indent..];
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        while rest == "-" || rest.starts_with("- ") {
            entries.push(Entry { indent, dash: true, content: "", offset: line_start + indent });
            let after = rest[1..].trim_start_matches(' ');
            indent += rest.len() - after.len();
            rest = after;
        }
        if !rest.is_empty() {
            entries.push(Entry { indent, dash: false, content: rest, offset: line_start + indent });
        }
    }
    entries
}

/// Byte offset of the deepest value along `pointer` in block-style YAML text: an inline
/// value itself, a block value at its key (flow collections end the walk at their start).
pub fn locate_yaml(text: &str, pointer: &str) -> Option<usize> {
    let entries = yaml_entries(text);
    let mut pos = entries.first()?.offset;
    if pointer.is_empty() {
        return Some(pos);
    }
    // The children of the current node: entries from `from` indented deeper than
    // `parent` (or dash entries at `parent` itself, which YAML allows under a key).
    let (mut from, mut parent): (usize, Option<usize>) = (0, None);
    for token in pointer.strip_prefix('/')?.split('/') {
        let token = crate::schema::unescape_token(token);
        let inside =
            |e: &Entry<'_>| parent.is_none_or(|p| e.indent > p || (e.dash && e.indent == p));
        let children: Vec<usize> =
            (from..entries.len()).take_while(|&j| inside(&entries[j])).collect();
        let Some(&first) = children.first() else { return Some(pos) };
        let level = entries[first].indent;
        let found = if entries[first].dash {
            let index: usize = token.parse().ok()?;
            children
                .iter()
                .copied()
                .filter(|&j| entries[j].dash && entries[j].indent == level)
                .nth(index)
                .map(|j| (j, j + 1))
        } else {
            children
                .iter()
                .copied()
                .find(|&j| {
                    let e = &entries[j];
                    e.indent == level
                        && !e.dash
                        && yaml_key(e.content).is_some_and(|(k, _)| k == token)
                })
                .map(|j| (j, j))
        };
        let Some((marker, entry)) = found else { return Some(pos) };
        let e = entries.get(entry)?;
        match yaml_key(e.content) {
            // An inline value ends the walk unless it is the content of a list item.
            Some((_, value)) if entry == marker && !value.is_empty() => {
                return Some(e.offset + e.content.len() - value.len())
            }
            _ if entry != marker => {
                pos = e.offset;
                from = entry;
                parent = Some(entries[marker].indent);
                continue;
            }
            _ => {}
        }
        pos = e.offset;
        from = entry + 1;
        parent = Some(e.indent);
    }
    Some(pos)
}

/// `key: value` (the key unquoted or quoted) as (key, value without comment).
fn yaml_key(content: &str) -> Option<(String, &str)> {
    let (key, rest) = match content.chars().next()? {
        q @ ('"' | '\'') => {
            let end = content[1..].find(q)? + 1;
            (content[1..end].to_owned(), content[end + 1..].strip_prefix(':')?)
        }
        _ => {
            let colon =
                content.find(": ").or_else(|| content.ends_with(':').then(|| content.len() - 1))?;
            (content[..colon].to_owned(), &content[colon + 1..])
        }
    };
    let value = rest.trim_start();
    let value = if value.starts_with('#') { "" } else { value };
    Some((key, value))
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

    #[test]
    fn finds_values_in_block_yaml() {
        let text = "openapi: 3.0.3\n# comment\ncomponents:\n  schemas:\n    Pet:\n      type: object\n      required:\n      - name\n      - 'kind'\n      properties:\n        \"a/b\": { type: string }\n        tags:\n          - name: x\n            type: string\n          -   type: integer\n";
        let at = |p: &str| locate_yaml(text, p).map(|o| text[o..].lines().next().unwrap());
        assert_eq!(at(""), Some("openapi: 3.0.3"));
        assert_eq!(at("/openapi"), Some("3.0.3"));
        assert_eq!(at("/components/schemas/Pet"), Some("Pet:"));
        assert_eq!(at("/components/schemas/Pet/type"), Some("object"));
        assert_eq!(at("/components/schemas/Pet/required/1"), Some("'kind'"));
        assert_eq!(at("/components/schemas/Pet/properties/a~1b"), Some("{ type: string }"));
        assert_eq!(at("/components/schemas/Pet/properties/tags/0/type"), Some("string"));
        assert_eq!(at("/components/schemas/Pet/properties/tags/1"), Some("type: integer"));
        assert_eq!(at("/components/schemas/Pet/properties/tags/1/type"), Some("integer"));
        assert_eq!(at("/components/schemas/Pet/missing/x"), Some("Pet:"));
    }
}
