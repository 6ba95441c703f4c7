//! Turning untrusted schema names into valid, unique Rust identifiers.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords that can be written as raw identifiers (`r#type`).
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "union", "unsafe", "unsized",
    "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Names the generated crate itself uses at module level.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "Validate",
    "ValidationError",
    "ValidationErrors",
    "Expandable",
    "HasId",
    "MappingError",
    "Pointer",
    "Self",
];

/// Keeps identifiers unique within one scope, in a deterministic way.
#[derive(Debug, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope where `reserved` are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Scope {
        Scope { taken: reserved.iter().map(|s| Self::key(s)).collect() }
    }

    /// Names compare without raw prefixes and case-insensitively, so generated files
    /// never collide on case-folding file systems.
    fn key(name: &str) -> String {
        name.trim_start_matches("r#").to_ascii_lowercase()
    }

    /// Gives back a claimed name (of a type whose tentative lowering was undone).
    pub fn release(&mut self, name: &str) {
        self.taken.remove(&Self::key(name));
    }

    /// Claims `name`, or `name2`, `name3`... when taken.
    pub fn claim(&mut self, name: String) -> String {
        if self.taken.insert(Self::key(&name)) {
            return name;
        }
        let base = name.trim_start_matches("r#").to_owned();
        (2..)
            .map(|i| format!("{base}{i}"))
            .find(|candidate| self.taken.insert(Self::key(candidate)))
            .expect("an unbounded range always yields a free name")
    }
}

/// `billing_portal.session` -> `BillingPortalSession`.
pub fn type_name(raw: &str) -> String {
    let camel = raw.to_upper_camel_case();
    let camel = if camel.is_empty() { "Unnamed".to_owned() } else { camel };
    let camel = ascii_ident(&camel);
    if camel.starts_with(|c: char| c.is_ascii_digit()) {
        format!("T{camel}")
    } else {
        camel
    }
}

/// `en-AU` -> `EnAu`; the empty string -> `Empty`.
pub fn variant_name(raw: &str) -> String {
    let camel = ascii_ident(&raw.to_upper_camel_case());
    if camel.is_empty() {
        "Empty".to_owned()
    } else if camel.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{camel}")
    } else if NON_RAW_KEYWORDS.contains(&camel.as_str()) {
        format!("{camel}Value")
    } else {
        camel
    }
}

/// `stripeCustomerId` -> `stripe_customer_id`; `type` -> `r#type`; `self` -> `self_`.
pub fn field_name(raw: &str) -> String {
    let snake = ascii_ident(&raw.to_snake_case()).to_ascii_lowercase();
    let snake = if snake.is_empty() { "field".to_owned() } else { snake };
    let snake =
        if snake.starts_with(|c: char| c.is_ascii_digit()) { format!("_{snake}") } else { snake };
    if RAW_KEYWORDS.contains(&snake.as_str()) {
        format!("r#{snake}")
    } else if NON_RAW_KEYWORDS.contains(&snake.as_str()) {
        format!("{snake}_")
    } else {
        snake
    }
}

/// Module names follow field rules, without raw identifiers.
pub fn module_name(raw: &str) -> String {
    field_name(raw).trim_start_matches("r#").to_owned()
        + if RAW_KEYWORDS.contains(&raw) { "_" } else { "" }
}

/// Keeps ASCII letters, digits and `_`; other characters become their code point in hex,
/// so distinct non-ASCII names stay distinct.
fn ascii_ident(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else {
            out.push_str(&format!("U{:X}", c as u32));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_valid_identifiers() {
        assert_eq!(type_name("billing_portal.session"), "BillingPortalSession");
        assert_eq!(type_name("3ds"), "T3ds");
        assert_eq!(variant_name("en-AU"), "EnAu");
        assert_eq!(variant_name("es-419"), "Es419");
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("2fa"), "_2fa");
        assert_eq!(field_name("stripeCustomerId"), "stripe_customer_id");
        assert_ne!(field_name("ä"), field_name("ö"));
    }

    #[test]
    fn scope_suffixes_collisions() {
        let mut scope = Scope::with_reserved(&["Validate"]);
        assert_eq!(scope.claim("Validate".into()), "Validate2");
        assert_eq!(scope.claim("Foo".into()), "Foo");
        assert_eq!(scope.claim("foo".into()), "foo2");
        assert_eq!(scope.claim("r#type".into()), "r#type");
        assert_eq!(scope.claim("type".into()), "type2");
    }
}
