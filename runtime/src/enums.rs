//! The error of parsing a string enum from its text (`FromStr`, `TryFrom<&str>`).

/// A text that is none of a string enum's values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    /// The text.
    pub value: ::std::string::String,
    /// The values the enum lists.
    pub expected: &'static [&'static str],
}

impl UnknownValue {
    /// `value` is none of `expected`.
    pub fn new(value: &str, expected: &'static [&'static str]) -> Self {
        UnknownValue { value: value.to_owned(), expected }
    }
}

impl ::core::fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        // JSON strings, as the schema writes them: a value with a quote stays readable.
        let quote = |v: &str| ::serde_json::Value::from(v).to_string();
        write!(f, "{} is not one of ", quote(&self.value))?;
        for (i, v) in self.expected.iter().enumerate() {
            f.write_str(if i == 0 { "" } else { ", " })?;
            f.write_str(&quote(v))?;
        }
        Ok(())
    }
}

impl ::std::error::Error for UnknownValue {}
