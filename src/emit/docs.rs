//! Schema descriptions as doc comments. Descriptions are Markdown written for web pages;
//! rustdoc reads some of it differently, so the text is adjusted to render the same
//! while `cargo doc` and `cargo test` (doctests) stay clean: code blocks are marked as
//! text, bare URLs become autolinks, brackets that are not links are escaped, and lazy
//! list continuations are indented.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = " line"]` attributes, one per line, or a fallback sentence.
pub fn doc_attrs(doc: Option<&str>, fallback: &str) -> TokenStream {
    // A bare CR is not allowed in a doc comment; other hidden characters are shown.
    let text = doc.unwrap_or(fallback).replace("\r\n", "\n").replace('\r', "\n");
    let text = crate::hidden::visible(&text);
    let lines = rustdoc_markdown(&text).into_iter().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    quote!(#(#[doc = #lines])*)
}

/// `text` as a Markdown code span: delimited by more backticks than it holds in a row.
pub fn code_span(text: &str) -> String {
    let text = &*crate::hidden::visible(text);
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let ticks = "`".repeat(longest + 1);
    let pad = if longest > 0 { " " } else { "" };
    format!("{ticks}{pad}{text}{pad}{ticks}")
}

/// An open fenced code block: its fence character and length.
struct Fence(char, usize);

impl Fence {
    /// True when `content` (a line without its indentation) closes the block.
    fn closed_by(&self, content: &str) -> bool {
        let closing = content.trim_end();
        closing.len() >= self.1 && closing.chars().all(|c| c == self.0)
    }
}

/// The lines of `text` adjusted for rustdoc.
fn rustdoc_markdown(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut fence: Option<Fence> = None;
    // Content indent of the list item being continued, if any.
    let mut item_indent: Option<usize> = None;
    // Indent of the open indented code block, if any, and blank lines held back from it.
    let mut code: Option<usize> = None;
    let mut held_blanks = 0;
    let mut after_blank = true;
    let tags = Tags::of(text);
    for line in text.lines() {
        let line = &expand_leading_tabs(line);
        // Markdown indents with spaces (tabs expanded above); other whitespace is text.
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        if let Some(open) = &fence {
            if open.closed_by(&content[quote_prefix(content)..]) {
                fence = None;
                // No paragraph is open after a code block.
                after_blank = true;
            }
            out.push(line.clone());
            continue;
        }
        if let Some(code_indent) = code {
            if content.is_empty() {
                held_blanks += 1;
                continue;
            }
            if indent >= code_indent {
                out.extend(std::iter::repeat_n(String::new(), std::mem::take(&mut held_blanks)));
                out.push(format!("{}{}", " ".repeat(code_indent - 4), &line[code_indent..]));
                continue;
            }
            out.push(format!("{}```", " ".repeat(code_indent - 4)));
            after_blank = held_blanks > 0;
            out.extend(std::iter::repeat_n(String::new(), std::mem::take(&mut held_blanks)));
            code = None;
        }
        if content.is_empty() {
            out.push(String::new());
            after_blank = true;
            continue;
        }
        let base = item_indent.unwrap_or(0);
        if after_blank && indent >= base + 4 {
            // An indented code block: rustdoc would compile it as a doctest.
            out.push(format!("{}```text", " ".repeat(base)));
            out.push(format!("{}{}", " ".repeat(base), &line[base + 4..]));
            code = Some(base + 4);
            continue;
        }
        if after_blank
            && item_indent.is_some_and(|want| indent < want)
            && list_marker(content).is_none()
        {
            item_indent = None;
        }
        // A fence may follow blockquote markers and a list item's marker.
        let quoted = quote_prefix(content);
        let marker = list_marker(&content[quoted..]).unwrap_or(0);
        if let Some((ch, len, info)) = fence_open(&content[quoted + marker..]) {
            fence = Some(Fence(ch, len));
            if marker > 0 {
                item_indent = Some(indent + quoted + marker);
            }
            let info = if rust_info(info) { "text" } else { info };
            out.push(format!(
                "{}{}{}{info}",
                &line[..indent],
                &content[..quoted + marker],
                ch.to_string().repeat(len)
            ));
            after_blank = false;
            continue;
        }
        // No paragraph is open after a heading either.
        after_blank = content.starts_with('#');
        let inline = escape_inline(content, &tags);
        if let Some(marker) = list_marker(content) {
            item_indent = Some(indent + marker);
            out.push(format!("{}{inline}", &line[..indent]));
            continue;
        }
        match item_indent {
            Some(want) if indent < want => out.push(format!("{}{inline}", " ".repeat(want))),
            _ => out.push(format!("{}{inline}", &line[..indent])),
        }
    }
    if let Some(code_indent) = code {
        out.push(format!("{}```", " ".repeat(code_indent - 4)));
    }
    if let Some(Fence(ch, len)) = fence {
        out.push(ch.to_string().repeat(len));
    }
    out
}

/// The length of the blockquote markers (`>` or `> `, repeated) that start `content`.
fn quote_prefix(content: &str) -> usize {
    let mut at = 0;
    while content[at..].starts_with('>') {
        at += 1;
        if content[at..].starts_with(' ') {
            at += 1;
        }
    }
    at
}

/// `line` with tabs in its indentation as spaces to the next multiple of 4.
fn expand_leading_tabs(line: &str) -> String {
    let content = line.trim_start_matches([' ', '\t']);
    let mut out = String::with_capacity(line.len());
    for c in line[..line.len() - content.len()].chars() {
        let width = if c == '\t' { 4 - out.len() % 4 } else { 1 };
        out.extend(std::iter::repeat_n(' ', width));
    }
    out.push_str(content);
    out
}

/// A fence that opens a code block (three or more backticks or tildes): its character,
/// length and info string.
fn fence_open(line: &str) -> Option<(char, usize, &str)> {
    let ch = line.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = line.chars().take_while(|c| *c == ch).count();
    let info = line[len..].trim();
    (len >= 3 && !(ch == '`' && info.contains('`'))).then_some((ch, len, info))
}

/// True when rustdoc would compile a code block with this info string as Rust.
fn rust_info(info: &str) -> bool {
    const RUST: &[&str] = &[
        "rust",
        "ignore",
        "should_panic",
        "no_run",
        "compile_fail",
        "test_harness",
        "standalone_crate",
    ];
    info.split([',', ' ', '\t'])
        .filter(|w| !w.is_empty())
        .all(|w| RUST.contains(&w) || w.starts_with("edition"))
}

/// The width of a list item's marker (`- `, `* `, `+ `, `1. `, `1) `), if `line` is one.
fn list_marker(line: &str) -> Option<usize> {
    if ["- ", "* ", "+ "].iter().any(|m| line.starts_with(m)) {
        return Some(2);
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &line[digits..];
    (digits > 0 && digits < 10 && (rest.starts_with(". ") || rest.starts_with(") ")))
        .then_some(digits + 2)
}

/// The character ranges of a line's code spans: a run of backticks up to the next run
/// of the same length (runs without a match are literal backticks).
fn code_spans(chars: &[char]) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '`' {
            let len = chars[i..].iter().take_while(|c| **c == '`').count();
            runs.push((i, len));
            i += len;
        } else {
            i += 1;
        }
    }
    // For each run, the next run of the same length.
    let mut next = vec![None; runs.len()];
    let mut last: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for (r, (_, len)) in runs.iter().enumerate().rev() {
        next[r] = last.insert(*len, r);
    }
    let (mut spans, mut r) = (Vec::new(), 0);
    while r < runs.len() {
        match next[r] {
            Some(close) => {
                spans.push(runs[r].0..runs[close].0 + runs[close].1);
                r = close + 1;
            }
            None => r += 1,
        }
    }
    spans
}

/// HTML tags a description opens and closes outside code, counted per name (lowercase).
struct Tags {
    opened: BTreeMap<String, usize>,
    closed: BTreeMap<String, usize>,
}

impl Tags {
    fn of(text: &str) -> Tags {
        let (mut opened, mut closed) = (BTreeMap::new(), BTreeMap::new());
        let mut fence: Option<Fence> = None;
        for line in text.lines() {
            let content = line.trim_start_matches([' ', '\t']);
            match &fence {
                Some(open) => {
                    if open.closed_by(content) {
                        fence = None;
                    }
                    continue;
                }
                None => {
                    if let Some((ch, len, _)) = fence_open(content) {
                        fence = Some(Fence(ch, len));
                        continue;
                    }
                }
            }
            let chars: Vec<char> = line.chars().collect();
            let spans = code_spans(&chars);
            let mut span = spans.iter().peekable();
            for (i, _) in chars.iter().enumerate().filter(|(_, c)| **c == '<') {
                while span.next_if(|s| s.end <= i).is_some() {}
                if span.peek().is_some_and(|s| s.contains(&i)) {
                    continue;
                }
                let slash = usize::from(chars.get(i + 1) == Some(&'/'));
                let name = tag_name(&chars[i + 1 + slash..]);
                if !name.is_empty() {
                    *(if slash == 1 { &mut closed } else { &mut opened })
                        .entry(name)
                        .or_insert(0) += 1;
                }
            }
        }
        Tags { opened, closed }
    }

    /// True when rustdoc accepts the tag `name` as HTML: an element without content, or
    /// one opened and closed as often in the description.
    fn accepts(&self, name: &str) -> bool {
        const VOID: &[&str] = &[
            "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr",
        ];
        VOID.contains(&name) || self.opened.get(name) == self.closed.get(name)
    }
}

/// The lowercase tag name at the start of `chars` (a letter, then letters, digits, `-`),
/// empty if none.
fn tag_name(chars: &[char]) -> String {
    if !chars.first().is_some_and(char::is_ascii_alphabetic) {
        return String::new();
    }
    chars
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '-')
        .map(char::to_ascii_lowercase)
        .collect()
}

/// Outside code spans: bare URLs as `<autolinks>`, `[brackets]` that are not a Markdown
/// link escaped (rustdoc would look them up as items), and `<` escaped where it would
/// open or close an HTML tag that is not balanced (`List<Item>`, `<id>`).
fn escape_inline(line: &str, tags: &Tags) -> String {
    let chars: Vec<char> = line.chars().collect();
    let spans = code_spans(&chars);
    let links = link_brackets(&chars, &spans);
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    let mut span = spans.iter().peekable();
    while i < chars.len() {
        if let Some(s) = span.next_if(|s| s.start == i) {
            out.extend(&chars[s.clone()]);
            i = s.end;
            continue;
        }
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() {
            out.extend(&chars[i..i + 2]);
            i += 2;
            continue;
        }
        if (c == '[' || c == ']') && !links.contains(&i) {
            out.push('\\');
            out.push(c);
            i += 1;
            continue;
        }
        if c == '<' {
            let after = &chars[i + 1..];
            let slash = usize::from(after.first() == Some(&'/'));
            let name = tag_name(&after[slash..]);
            // `<scheme:...>` without spaces is an autolink.
            let inside =
                after.iter().take_while(|c| !matches!(c, '>' | '<') && !c.is_whitespace()).count();
            let autolink = after.get(inside) == Some(&'>') && after[..inside].contains(&':');
            if !name.is_empty() && !autolink && !tags.accepts(&name) {
                out.push('\\');
            }
            out.push(c);
            i += 1;
            continue;
        }
        if let Some(len) = bare_url(&chars, i) {
            out.push('<');
            out.extend(&chars[i..i + len]);
            out.push('>');
            i += len;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Positions of the brackets of Markdown links (`[text](url)`), which stay as they are.
/// Any other pair would be read by rustdoc as a link to an item (reference-style links
/// need definitions, which descriptions do not carry).
fn link_brackets(chars: &[char], spans: &[std::ops::Range<usize>]) -> Vec<usize> {
    let mut keep = Vec::new();
    let mut open = Vec::new();
    let mut span = spans.iter().peekable();
    let mut i = 0;
    while i < chars.len() {
        if let Some(s) = span.next_if(|s| s.start == i) {
            i = s.end;
            continue;
        }
        let escaped = i > 0 && chars[i - 1] == '\\';
        match chars[i] {
            '[' if !escaped => open.push(i),
            ']' if !escaped => {
                if let Some(start) = open.pop() {
                    if chars.get(i + 1) == Some(&'(') {
                        keep.extend([start, i]);
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    keep
}

/// The length of a bare `http(s)://` URL starting at `i`, if one starts there (not
/// inside `<...>`, a link's `](...)`, an attribute or a word).
fn bare_url(chars: &[char], i: usize) -> Option<usize> {
    let rest: String = chars[i..chars.len().min(i + 8)].iter().collect();
    if !(rest.starts_with("http://") || rest.starts_with("https://")) {
        return None;
    }
    let before = |n: usize| i.checked_sub(n).map(|j| chars[j]);
    if before(1)
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '<' | '"' | '\'' | '=' | '/' | '['))
        || (before(1) == Some('(') && before(2) == Some(']'))
    {
        return None;
    }
    let mut len = chars[i..]
        .iter()
        .take_while(|c| !c.is_whitespace() && !matches!(c, '<' | '>' | '`' | '"' | '[' | ']'))
        .count();
    // Sentence punctuation and emphasis after a URL are not part of it.
    while len > 0
        && matches!(chars[i + len - 1], '.' | ',' | ';' | ':' | '!' | '?' | ')' | '\'' | '*' | '_')
    {
        len -= 1;
    }
    (len > "https://".len()).then_some(len)
}

#[cfg(test)]
mod tests {
    use super::{code_span, rustdoc_markdown};

    #[test]
    fn code_spans_hold_any_backticks() {
        assert_eq!(code_span("\"a\""), "`\"a\"`");
        assert_eq!(code_span("a``b`"), "``` a``b` ```");
    }

    #[test]
    fn lazy_list_continuations_are_indented() {
        let text = "Intro:\n- first item\ncontinues here\n  - nested\n  goes on\n10. numbered\nmore\n\nafter the list\n* star";
        assert_eq!(
            rustdoc_markdown(text),
            [
                "Intro:",
                "- first item",
                "  continues here",
                "  - nested",
                "    goes on",
                "10. numbered",
                "    more",
                "",
                "after the list",
                "* star"
            ]
        );
    }

    #[test]
    fn code_blocks_become_text_and_keep_their_lines() {
        let text = "Example:\n```\n- not a list\nfn {\n```\n~~~json\n{\"a\": [1]}\n~~~\n\n    indented { code\n\n    more\nafter\n```rust\nx\n";
        assert_eq!(
            rustdoc_markdown(text),
            [
                "Example:",
                "```text",
                "- not a list",
                "fn {",
                "```",
                "~~~json",
                "{\"a\": [1]}",
                "~~~",
                "",
                "```text",
                "indented { code",
                "",
                "more",
                "```",
                "after",
                "```text",
                "x",
                "```",
            ]
        );
        // Indented under a list item it is the item's text, not code; deeper it is code
        // of the item, fenced at the item's indent.
        assert_eq!(
            rustdoc_markdown("- item\n\n  second paragraph"),
            ["- item", "", "  second paragraph"]
        );
        assert_eq!(
            rustdoc_markdown("- item\n\n      code {\n  text"),
            ["- item", "", "  ```text", "  code {", "  ```", "  text"]
        );
        // Other whitespace is text; a closing fence may have trailing spaces.
        assert_eq!(
            rustdoc_markdown("\u{3000}\u{3000}x\n```\ny\n```  \nz"),
            ["\u{3000}\u{3000}x", "```text", "y", "```  ", "z"]
        );
    }

    #[test]
    fn fences_in_list_items_and_quotes_are_marked() {
        assert_eq!(
            rustdoc_markdown("- ```\n  x\n  ```\n- next"),
            ["- ```text", "  x", "  ```", "- next"]
        );
        assert_eq!(
            rustdoc_markdown("> ```\n> x\n> ```\nafter"),
            ["> ```text", "> x", "> ```", "after"]
        );
    }

    #[test]
    fn code_starts_wherever_no_paragraph_is_open() {
        assert_eq!(rustdoc_markdown("# Ex\n    x;"), ["# Ex", "```text", "x;", "```"]);
        assert_eq!(
            rustdoc_markdown("```json\n{}\n```\n    x;"),
            ["```json", "{}", "```", "```text", "x;", "```"]
        );
        assert_eq!(rustdoc_markdown("Ex:\n\n\tx;"), ["Ex:", "", "```text", "x;", "```"]);
        assert_eq!(rustdoc_markdown("text\n    more text"), ["text", "    more text"]);
    }

    #[test]
    fn long_hostile_lines_take_linear_time() {
        let line = format!("`x{}", "`".repeat(100_000));
        assert_eq!(rustdoc_markdown(&line), std::slice::from_ref(&line));
        let line = "<a `x` ".repeat(30_000) + &"[".repeat(50_000);
        assert_eq!(rustdoc_markdown(&line)[0].len(), line.len() + 80_000);
    }

    #[test]
    fn brackets_and_bare_urls_are_made_safe() {
        let text = "Use [request_support] /docs, [a link](https://x.y/z), ?filter[id][eq]=1, `[code]` and \\[escaped\\].\nSee https://stripe.com/docs. Or <https://a.b> (http://c.d/e).";
        assert_eq!(
            rustdoc_markdown(text),
            [
                "Use \\[request_support\\] /docs, [a link](https://x.y/z), ?filter\\[id\\]\\[eq\\]=1, `[code]` and \\[escaped\\].",
                "See <https://stripe.com/docs>. Or <https://a.b> (<http://c.d/e>).",
            ]
        );
        let text = "A List<Item>, an <id>, a </stray>, 2 < 3, a<br>b, <b>bold</b>, `<code>` and <https://x.y>.";
        assert_eq!(rustdoc_markdown(text), ["A List\\<Item>, an \\<id>, a \\</stray>, 2 < 3, a<br>b, <b>bold</b>, `<code>` and <https://x.y>."]);
        // Tags are counted outside code, and must balance.
        assert_eq!(rustdoc_markdown("<b>x</b> and <b>y"), ["\\<b>x\\</b> and \\<b>y"]);
        assert_eq!(rustdoc_markdown("`</b>` ends a <b> run"), ["`</b>` ends a \\<b> run"]);
        // URLs as link text, and emphasized URLs.
        assert_eq!(
            rustdoc_markdown("[https://x.y](https://x.y) and *https://x.y*"),
            ["[https://x.y](https://x.y) and *<https://x.y>*"]
        );
    }
}
