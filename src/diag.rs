//! Diagnostics: every problem names its file and JSON pointer.

use std::fmt;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Generation goes on; the output says what it could not express.
    Warning,
    /// Generation fails and writes nothing.
    Error,
}

/// One problem found in a schema, a mapping or the configuration.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The input file, relative to the schema root where possible.
    pub file: String,
    /// JSON pointer (or TOML key path) of the offending value; empty for the whole file.
    pub pointer: String,
    /// Line and column (1-based) where known.
    pub line_col: Option<(usize, usize)>,
    /// What is wrong, lowercase, no trailing dot.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{level}: {}", self.file)?;
        if let Some((line, col)) = self.line_col {
            write!(f, ":{line}:{col}")?;
        }
        write!(f, " at #{}: {}", self.pointer, self.message)
    }
}

/// All diagnostics of one run; `has_errors` decides whether anything is written.
#[derive(Debug, Clone, Default, PartialEq, Eq, thiserror::Error)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Records an error.
    pub fn error(&mut self, file: &str, pointer: &str, message: impl Into<String>) {
        self.push(Severity::Error, file, pointer, message.into());
    }

    /// Records an error with a known line and column.
    pub fn error_at(&mut self, file: &str, pointer: &str, line_col: Option<(usize, usize)>, message: impl Into<String>) {
        self.push(Severity::Error, file, pointer, message.into());
        if let Some(last) = self.0.last_mut() {
            last.line_col = line_col;
        }
    }

    /// Records a warning.
    pub fn warning(&mut self, file: &str, pointer: &str, message: impl Into<String>) {
        self.push(Severity::Warning, file, pointer, message.into());
    }

    fn push(&mut self, severity: Severity, file: &str, pointer: &str, message: String) {
        self.0.push(Diagnostic {
            severity,
            file: file.to_owned(),
            pointer: pointer.to_owned(),
            line_col: None,
            message,
        });
    }

    /// True when at least one diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// The warnings alone.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.severity == Severity::Warning)
    }

    /// Sorts errors first and removes exact repeats, so output is stable.
    pub(crate) fn finish(&mut self) {
        self.0.sort_by(|a, b| b.severity.cmp(&a.severity).then_with(|| a.cmp(b)));
        self.0.dedup();
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self.0.iter().filter(|d| d.severity == Severity::Error).count();
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        write!(f, "{errors} error(s), {} warning(s)", self.0.len() - errors)
    }
}
