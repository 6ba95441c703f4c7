//! Diagnostics: every problem names its file and JSON pointer and, where the input is
//! text, the line, the column and the source around it.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use crate::hidden::visible;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Generation goes on; the output says what it could not express.
    Warning,
    /// Generation fails and writes nothing.
    Error,
}

/// The input text a diagnostic points into and the byte range it points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// The whole input file.
    pub text: Arc<str>,
    /// Byte range of the offending value.
    pub span: Range<usize>,
}

/// One problem found in a schema, a mapping or the configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// The source around the offending value, where known.
    pub snippet: Option<Snippet>,
}

impl Diagnostic {
    /// Points the diagnostic at `span` of `text`: sets line, column and snippet.
    pub fn point_at(&mut self, text: &Arc<str>, span: Range<usize>) {
        let start = floor_char_boundary(text, span.start);
        let end = floor_char_boundary(text, span.end.max(start));
        self.line_col = Some(line_col(text, start));
        self.snippet = Some(Snippet { text: Arc::clone(text), span: start..end });
    }
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        // Schema text in names and messages never replays hidden characters to a terminal.
        write!(f, "{level}: {}", visible(&self.file))?;
        if let Some((line, col)) = self.line_col {
            write!(f, ":{line}:{col}")?;
        }
        write!(f, " at #{}: {}", visible(&self.pointer), visible(&self.message))
    }
}

/// All diagnostics of one run; `has_errors` decides whether anything is written.
#[derive(Debug, Clone, Default, PartialEq, Eq, thiserror::Error)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// Records an error.
    pub fn error(&mut self, file: &str, pointer: &str, message: impl Into<String>) {
        self.push(Severity::Error, file, pointer, message.into());
    }

    /// Records an error at `span` of the file's `text`, where known.
    pub fn error_at(
        &mut self,
        file: &str,
        pointer: &str,
        at: Option<(&Arc<str>, Range<usize>)>,
        message: impl Into<String>,
    ) {
        self.push(Severity::Error, file, pointer, message.into());
        if let (Some(last), Some((text, span))) = (self.0.last_mut(), at) {
            last.point_at(text, span);
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
            snippet: None,
        });
    }

    /// Every diagnostic, errors first once the run is finished.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// Every diagnostic, mutably (to add positions).
    pub(crate) fn iter_mut(&mut self) -> impl Iterator<Item = &mut Diagnostic> {
        self.0.iter_mut()
    }

    /// How many diagnostics there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Sets aside what is recorded so far: until the [`Speculation`] is committed or
    /// discarded, these diagnostics hold only what the tentative work records.
    pub(crate) fn speculate(&mut self) -> Speculation {
        Speculation { outer: Some(std::mem::take(self)) }
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
        self.0.sort_by(|a, b| {
            b.severity.cmp(&a.severity).then_with(|| {
                (&a.file, &a.line_col, &a.pointer, &a.message).cmp(&(
                    &b.file,
                    &b.line_col,
                    &b.pointer,
                    &b.message,
                ))
            })
        });
        self.0.dedup();
    }

    /// Every diagnostic with its source snippet, as miette draws them (no colors, so the
    /// text is the same everywhere), then the counts.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for d in &self.0 {
            out.push_str(&d.render());
        }
        out.push_str(&self.summary());
        out
    }

    fn summary(&self) -> String {
        let errors = self.0.iter().filter(|d| d.severity == Severity::Error).count();
        format!("{errors} error(s), {} warning(s)", self.0.len() - errors)
    }
}

impl Diagnostic {
    /// The diagnostic and, where known, the source lines around it with the offending
    /// value marked.
    pub fn render(&self) -> String {
        let Some(snippet) = &self.snippet else { return format!("{self}\n") };
        let (text, span) = crate::hidden::visible_span(&snippet.text, snippet.span.clone());
        let source = miette::NamedSource::new(visible(&self.file), Arc::from(text));
        let report = Report { diagnostic: self, source, span };
        let handler =
            miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
                .with_width(usize::MAX)
                .with_context_lines(1);
        let mut out = String::new();
        match handler.render_report(&mut out, &report) {
            Ok(()) => out,
            Err(_) => format!("{self}\n"),
        }
    }
}

/// One diagnostic in the shape miette draws.
struct Report<'a> {
    diagnostic: &'a Diagnostic,
    /// The snippet's text with hidden characters made visible, and the span in it.
    source: miette::NamedSource<Arc<str>>,
    span: Range<usize>,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diagnostic, f)
    }
}

// miette marks the severity itself.
impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.diagnostic;
        let (line, col) = d.line_col.unwrap_or_default();
        write!(
            f,
            "{}:{line}:{col} at #{}: {}",
            visible(&d.file),
            visible(&d.pointer),
            visible(&d.message)
        )
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Warning => miette::Severity::Warning,
            Severity::Error => miette::Severity::Error,
        })
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let span = self.span.clone();
        let label = miette::LabeledSpan::new_primary_with_span(Some("here".to_owned()), span);
        Some(Box::new(std::iter::once(label)))
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        f.write_str(&self.summary())
    }
}

/// Converts a byte offset into a 1-based line and column.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Tentative work whose diagnostics count only if it succeeds, as serde_derive's `Ctxt`
/// must be checked: `commit` keeps what it recorded, `discard` drops it. Leaving one
/// undecided is a bug, caught on drop.
#[must_use = "a speculation must be committed or discarded"]
pub(crate) struct Speculation {
    outer: Option<Diagnostics>,
}

impl Speculation {
    /// Keeps the diagnostics the tentative work recorded in `current`.
    pub(crate) fn commit(mut self, current: &mut Diagnostics) {
        let mut outer = self.outer.take().expect("decided once");
        outer.0.append(&mut current.0);
        *current = outer;
    }

    /// Drops them: `current` is again what it was before the speculation.
    pub(crate) fn discard(mut self, current: &mut Diagnostics) {
        *current = self.outer.take().expect("decided once");
    }
}

impl Drop for Speculation {
    fn drop(&mut self) {
        if self.outer.is_some() && !std::thread::panicking() {
            panic!("a speculation was neither committed nor discarded");
        }
    }
}
