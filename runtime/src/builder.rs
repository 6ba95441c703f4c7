//! The error of a generated builder's `build()`.

use crate::ValidationErrors;

/// Why a builder could not build its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuilderError {
    /// Required fields were not set (their JSON names, in schema order).
    Missing {
        /// The type built.
        ty: &'static str,
        /// The fields not set.
        fields: ::std::vec::Vec<&'static str>,
    },
    /// The value does not meet its schema: every violation, with its JSON pointer.
    Invalid {
        /// The type built.
        ty: &'static str,
        /// The violations.
        errors: ValidationErrors,
    },
}

impl ::core::fmt::Display for BuilderError {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        match self {
            BuilderError::Missing { ty, fields } => {
                let names: ::std::vec::Vec<::std::string::String> =
                    fields.iter().map(|n| format!("`{n}`")).collect();
                let (noun, verb) =
                    if fields.len() == 1 { ("field", "is") } else { ("fields", "are") };
                write!(
                    f,
                    "cannot build `{ty}`: required {noun} {} {verb} not set",
                    names.join(", ")
                )
            }
            BuilderError::Invalid { ty, errors } => write!(f, "cannot build `{ty}`: {errors}"),
        }
    }
}

impl ::std::error::Error for BuilderError {}
