//! Patterns that open with look-aheads (`^(?!pattern$).*$`, "any name but this one", a
//! common idiom of `patternProperties`), split into regular parts. A look-around sends
//! the whole pattern to a backtracking engine, many times slower than the linear one
//! that each part alone can use; anchored at the start, the pattern matches exactly
//! when every look-ahead holds there and the rest matches there. (The jsonschema crate
//! splits leading positive look-aheads itself; a negative one sends its pattern to the
//! backtracking engine.)

/// A pattern's look-aheads at the start (`true` for a negative one) and the rest,
/// each a pattern to match at the start of the text.
#[derive(Debug, PartialEq)]
pub(crate) struct Split<'s> {
    pub(crate) looks: Vec<(bool, &'s str)>,
    pub(crate) rest: &'s str,
}

impl Split<'_> {
    /// `part` anchored at the start of the text, as its own pattern.
    pub(crate) fn anchored(part: &str) -> String {
        ::std::format!("^(?:{part})")
    }
}

/// `source` split when it is `^` followed by unquantified look-aheads and a rest
/// without a top-level `|`; `None` for every other pattern (which keeps its one
/// engine), and for any with a back-reference (the parts number groups differently).
pub(crate) fn split(source: &str) -> Option<Split<'_>> {
    if has_back_reference(source) {
        return None;
    }
    let mut rest = source.strip_prefix('^')?;
    let mut looks = Vec::new();
    loop {
        let negative = if rest.starts_with("(?!") {
            true
        } else if rest.starts_with("(?=") {
            false
        } else {
            break;
        };
        let end = closing(rest)?;
        looks.push((negative, &rest[3..end]));
        rest = &rest[end + 1..];
    }
    // A quantified look-ahead (`(?!a)*`, Annex B) is no condition on the start.
    if looks.is_empty() || rest.starts_with(['*', '+', '?', '{']) || top_level_bar(rest)? {
        return None;
    }
    Some(Split { looks, rest })
}

/// One structural character of a pattern: not escaped and not in a class.
fn structure(source: &str) -> Option<Vec<(usize, u8)>> {
    let bytes = source.as_bytes();
    let mut found = Vec::new();
    let (mut at, mut class) = (0, false);
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 1,
            b'[' if !class => {
                // `[]` and `[^]` differ between ECMA-262 and other dialects: not split.
                let inner = &bytes[at + 1..];
                if inner.starts_with(b"]") || inner.starts_with(b"^]") {
                    return None;
                }
                class = true;
            }
            b']' if class => class = false,
            byte @ (b'(' | b')' | b'|') if !class => found.push((at, byte)),
            _ => {}
        }
        at += 1;
    }
    (!class).then_some(found)
}

/// Where the group that opens `source` closes.
fn closing(source: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (at, byte) in structure(source)? {
        match byte {
            b'(' => depth += 1,
            b')' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(at);
                }
            }
            _ => {}
        }
    }
    None
}

/// Whether `source` has a `|` outside every group (`None`: unbalanced).
fn top_level_bar(source: &str) -> Option<bool> {
    let mut depth = 0usize;
    let mut bar = false;
    for (_, byte) in structure(source)? {
        match byte {
            b'(' => depth += 1,
            b')' => depth = depth.checked_sub(1)?,
            _ => bar |= depth == 0,
        }
    }
    (depth == 0).then_some(bar)
}

/// `\1`..`\9` or `\k<name>` anywhere (an escaped backslash is not one).
fn has_back_reference(source: &str) -> bool {
    let bytes = source.as_bytes();
    let mut at = 0;
    while at + 1 < bytes.len() {
        if bytes[at] == b'\\' {
            if matches!(bytes[at + 1], b'1'..=b'9' | b'k') {
                return true;
            }
            at += 1;
        }
        at += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn look_aheads_at_the_start_split_from_the_rest() {
        assert_eq!(
            split("^(?!pattern$).*$"),
            Some(Split { looks: vec![(true, "pattern$")], rest: ".*$" })
        );
        assert_eq!(
            split(r"^(?!^lucene\.|builtin\.)(?=[a-z(])\w+"),
            Some(Split {
                looks: vec![(true, r"^lucene\.|builtin\."), (false, "[a-z(]")],
                rest: r"\w+"
            })
        );
        assert_eq!(
            split(r"^(?!.*(\{A\}|[<>\\])).*\.mf4$"),
            Some(Split { looks: vec![(true, r".*(\{A\}|[<>\\])")], rest: r".*\.mf4$" })
        );
    }

    #[test]
    fn other_patterns_are_not_split() {
        for source in [
            "^abc$",
            "(?!a)b",
            "^(?!a)b|c",
            r"^(?!(a))\1",
            r"^(?!(?<x>a))\k<x>",
            "^(?!a",
            "^(?![])b",
            "^(?!a)(b",
            "^(?!a)*b",
            "^(?!a)+(?!b)c",
            "^(?=a){2}b",
        ] {
            assert_eq!(split(source), None, "{source}");
        }
        // An escaped bar or parenthesis is no structure.
        assert!(split(r"^(?!a\))b\|c").is_some());
        assert!(split(r"^(?!a)[|]").is_some());
        assert_eq!(split("^(?![)])b"), Some(Split { looks: vec![(true, "[)]")], rest: "b" }));
    }
}
