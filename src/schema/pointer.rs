//! JSON pointers (RFC 6901): the one place that escapes and unescapes their tokens.

use std::fmt;

/// A JSON pointer into a document (`""` is the document itself).
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct JsonPointer(String);

impl JsonPointer {
    /// The pointer to the whole document.
    pub fn root() -> JsonPointer {
        JsonPointer(String::new())
    }

    /// A pointer already in RFC 6901 form (from a resolved `$ref` or a configuration key).
    pub fn from_escaped(text: impl Into<String>) -> JsonPointer {
        JsonPointer(text.into())
    }

    /// The pointer as written, tokens escaped.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is the document itself.
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// The member `name` of the value here (`~` and `/` escaped).
    pub fn child(&self, name: &str) -> JsonPointer {
        JsonPointer(format!("{}/{}", self.0, escape_token(name)))
    }

    /// The keyword path `path` below here, for paths of keywords and indexes the code
    /// writes itself (`properties`, `items/0`): taken as written, so never schema text.
    pub fn join(&self, path: &str) -> JsonPointer {
        JsonPointer(format!("{}/{path}", self.0))
    }

    /// The item `index` of the array here.
    pub fn index(&self, index: usize) -> JsonPointer {
        JsonPointer(format!("{}/{index}", self.0))
    }

    /// Whether this pointer is `ancestor` or lies below it.
    pub fn is_within(&self, ancestor: &JsonPointer) -> bool {
        self.0
            .strip_prefix(&ancestor.0)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    }

    /// The pointer one level up; `None` at the root.
    pub fn parent(&self) -> Option<JsonPointer> {
        self.0.rfind('/').map(|at| JsonPointer(self.0[..at].to_owned()))
    }

    /// The last token, unescaped; `None` at the root.
    pub fn last(&self) -> Option<String> {
        self.0.rfind('/').map(|at| unescape_token(&self.0[at + 1..]))
    }

    /// The pointer as a URI fragment: characters outside RFC 3986 `pchar` / `/` are
    /// percent-encoded.
    pub fn uri_fragment(&self) -> String {
        let mut out = String::with_capacity(self.0.len());
        for b in self.0.bytes() {
            if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&b) {
                out.push(b as char);
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    }
}

// As the text it is, so that a model's dump reads like the schema's pointers.
impl fmt::Debug for JsonPointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for JsonPointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Escapes one token (`~` as `~0`, `/` as `~1`).
fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Unescapes one token, `~1` before `~0` as RFC 6901 says.
pub fn unescape_token(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_escape_and_unescape_in_the_order_rfc_6901_gives() {
        let p = JsonPointer::root().child("definitions").child("a/b~c");
        assert_eq!(p.as_str(), "/definitions/a~1b~0c");
        assert_eq!(p.last().as_deref(), Some("a/b~c"));
        assert_eq!(p.parent().map(|p| p.to_string()).as_deref(), Some("/definitions"));
        // `~01` is `~1` escaped, not `/`.
        assert_eq!(JsonPointer::from_escaped("/x~01").last().as_deref(), Some("x~1"));
        assert_eq!(JsonPointer::root().parent(), None);
        assert_eq!(JsonPointer::root().index(3).join("items/0").as_str(), "/3/items/0");
    }

    #[test]
    fn uri_fragments_percent_encode_what_a_fragment_may_not_hold() {
        let p = JsonPointer::root().child("a b").child("x<y>");
        assert_eq!(p.uri_fragment(), "/a%20b/x%3Cy%3E");
    }
}
