//! Characters that hide or reorder text (Trojan Source, CVE-2021-42574): they never reach
//! an output file or a terminal raw. Docs and messages show them as visible `\u{202E}`
//! escapes; JSON output spells them as `\u202E` escapes, which keeps the value exact;
//! Rust string literals already escape them (proc-macro2 writes `char::escape_debug`).

use std::borrow::Cow;

/// Format characters (general category Cf), Unicode 16.
const FORMAT: &[(u32, u32)] = &[
    (0x00AD, 0x00AD),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x180E, 0x180E),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
];

/// True for a character that is invisible or changes how the text around it reads:
/// C0 and C1 controls (but tab and line feed), DEL, the format characters (bidirectional
/// embeddings, overrides and isolates, zero-width characters, the byte-order mark, tags)
/// and the line and paragraph separators.
pub fn is_hidden(c: char) -> bool {
    let n = c as u32;
    if c == '\t' || c == '\n' {
        return false;
    }
    n < 0x20
        || (0x7F..=0x9F).contains(&n)
        || n == 0x2028
        || n == 0x2029
        || FORMAT.iter().any(|&(lo, hi)| (lo..=hi).contains(&n))
}

/// `text` with every hidden character written as a visible `\u{XXXX}`.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hidden(c) {
            out.push_str(&format!("\\u{{{:04X}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` (and a byte range in it) with hidden characters made visible: for source
/// snippets whose marked range must still cover the same characters.
pub fn visible_span(text: &str, span: std::ops::Range<usize>) -> (String, std::ops::Range<usize>) {
    let mut out = String::with_capacity(text.len());
    let (mut start, mut end) = (None, None);
    for (at, c) in text.char_indices() {
        if at == span.start {
            start = Some(out.len());
        }
        if at == span.end {
            end = Some(out.len());
        }
        match visible(c.encode_utf8(&mut [0; 4])) {
            Cow::Borrowed(s) => out.push_str(s),
            Cow::Owned(s) => out.push_str(&s),
        }
    }
    let start = start.unwrap_or(out.len());
    let end = end.unwrap_or(out.len()).max(start);
    (out, start..end)
}

/// JSON text with every hidden character inside its strings written as a `\uXXXX`
/// escape (surrogate pairs beyond the BMP): the same JSON value, nothing hidden.
/// (Outside strings, JSON text holds only ASCII punctuation, digits and whitespace.)
pub fn json_escaped(json: &str) -> Cow<'_, str> {
    if !json.chars().any(|c| c != '\n' && is_hidden(c)) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 8);
    for c in json.chars() {
        if c != '\n' && is_hidden(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04X}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The first hidden character of a generated file, with its line (1-based): a generator
/// bug if there is one, since every output context escapes them.
pub fn find_raw(contents: &str) -> Option<(usize, char)> {
    let mut line = 1;
    for c in contents.chars() {
        if c == '\n' {
            line += 1;
        } else if is_hidden(c) {
            return Some((line, c));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_controls_and_invisibles_are_hidden() {
        for c in [
            '\u{202A}',
            '\u{202E}',
            '\u{2066}',
            '\u{2069}',
            '\u{061C}',
            '\u{200B}',
            '\u{200F}',
            '\u{FEFF}',
            '\u{0}',
            '\u{1B}',
            '\u{7F}',
            '\u{85}',
            '\u{2028}',
            '\u{E0041}',
            '\r',
        ] {
            assert!(is_hidden(c), "{:04X}", c as u32);
        }
        for c in ['a', 'ä', ' ', '\t', '\n', '\u{A0}', '\u{301}', '€', '😀'] {
            assert!(!is_hidden(c), "{:04X}", c as u32);
        }
    }

    #[test]
    fn visible_escapes_only_hidden_characters() {
        assert_eq!(visible("plain ä"), "plain ä");
        assert_eq!(visible("a\u{202E}b\u{200B}c"), "a\\u{202E}b\\u{200B}c");
        assert_eq!(visible("\u{E0041}"), "\\u{E0041}");
    }

    #[test]
    fn spans_move_with_the_escapes() {
        let text = "{\"\u{202E}x\": 1}";
        let at = text.find('x').unwrap();
        let (shown, span) = visible_span(text, at..at + 1);
        assert_eq!(shown, "{\"\\u{202E}x\": 1}");
        assert_eq!(&shown[span], "x");
        let (_, whole) = visible_span(text, 0..text.len());
        assert_eq!(whole, 0..shown.len());
    }

    #[test]
    fn json_escapes_keep_the_value() {
        let value = serde_json::json!({ "a\u{202E}b": "c\u{2066}\u{E0041}" });
        let text = serde_json::to_string_pretty(&value).unwrap();
        let escaped = json_escaped(&text);
        assert!(find_raw(&escaped).is_none(), "{escaped}");
        assert!(escaped.contains("\\u202E") && escaped.contains("\\uDB40\\uDC41"));
        assert_eq!(serde_json::from_str::<serde_json::Value>(&escaped).unwrap(), value);
    }

    #[test]
    fn raw_characters_are_found_with_their_line() {
        assert_eq!(find_raw("ok\n/// a\u{202E}b\n"), Some((2, '\u{202E}')));
        assert_eq!(find_raw("a\r\nb"), Some((1, '\r')));
        assert_eq!(find_raw("fine\n\tindented\n"), None);
    }
}
