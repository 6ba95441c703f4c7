//! Validation errors and the checks generated `Validate` impls call.

use crate::Pointer;

/// One violated constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// JSON pointer of the failing value.
    pub pointer: ::std::string::String,
    /// The JSON Schema keyword that failed, e.g. `maxLength`.
    pub keyword: &'static str,
    /// What is wrong.
    pub message: ::std::string::String,
}
impl ::core::fmt::Display for ValidationError {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        let at = if self.pointer.is_empty() { "(root)" } else { self.pointer.as_str() };
        ::core::write!(f, "{}: {} ({})", at, self.message, self.keyword)
    }
}
/// Every violation found by one validation; displays one line per error.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationErrors(pub(crate) ::std::vec::Vec<ValidationError>, Quiet);

/// Whether only the outcome is kept, and whether it is known: a quiet check records no
/// errors (nothing is allocated), only that one failed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Quiet {
    #[default]
    No,
    Holds,
    Failed,
}

impl ValidationErrors {
    /// Errors that only record that a check failed, without pointers or messages: for
    /// subschemas whose outcome is all that matters (`anyOf`, `not`, `if`, ...).
    #[inline]
    pub fn quiet() -> Self {
        ValidationErrors(::std::vec::Vec::new(), Quiet::Holds)
    }
    /// Records a violation at `at`.
    pub fn push(
        &mut self,
        at: &Pointer<'_>,
        keyword: &'static str,
        message: ::std::string::String,
    ) {
        self.fail(at, keyword, || message);
    }
    /// Records a violation at `at`; the message is only written when it is kept.
    #[inline]
    pub fn fail(
        &mut self,
        at: &Pointer<'_>,
        keyword: &'static str,
        message: impl ::core::ops::FnOnce() -> ::std::string::String,
    ) {
        match self.1 {
            Quiet::No => {
                self.0.push(ValidationError { pointer: at.render(), keyword, message: message() })
            }
            _ => self.1 = Quiet::Failed,
        }
    }
    /// Records an error found by another validation (unless it is quiet).
    pub(crate) fn record(&mut self, error: ValidationError) {
        match self.1 {
            Quiet::No => self.0.push(error),
            _ => self.1 = Quiet::Failed,
        }
    }
    /// Records the errors of `found` that no error of the same pointer and keyword here
    /// reports already: a whole-schema check finding again what a typed check of the
    /// same value reported.
    pub(crate) fn absorb(&mut self, found: ValidationErrors) {
        for error in found.0 {
            if !self.reported(&error.pointer, error.keyword) {
                self.record(error);
            }
        }
    }
    /// Whether an error at `pointer` for `keyword` is recorded.
    pub(crate) fn reported(&self, pointer: &str, keyword: &str) -> bool {
        self.0.iter().any(|e| e.pointer == pointer && e.keyword == keyword)
    }
    /// True when the outcome is known already: quiet errors that record a failure, which
    /// nothing later can undo, so that further checks may be skipped.
    #[inline]
    pub fn is_settled(&self) -> bool {
        self.1 == Quiet::Failed
    }
    /// True for [`ValidationErrors::quiet`] errors: a check may skip its message.
    #[inline]
    pub fn is_quiet(&self) -> bool {
        self.1 != Quiet::No
    }
    /// The violations, in the order they were found (none for quiet errors).
    pub fn errors(&self) -> &[ValidationError] {
        &self.0
    }
    /// True when nothing was violated.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty() && self.1 != Quiet::Failed
    }
    /// `Ok` when nothing was violated.
    pub fn into_result(self) -> ::core::result::Result<(), ValidationErrors> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}
impl ::core::fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            ::core::fmt::Display::fmt(error, f)?;
        }
        Ok(())
    }
}
impl ::std::error::Error for ValidationErrors {}
/// `maxLength`: at most `max` Unicode code points.
#[inline]
pub fn max_length(value: &str, max: u64, at: &Pointer<'_>, errors: &mut ValidationErrors) {
    if value.len() as u64 > max {
        count_max_length(value, max, at, errors);
    }
}
#[cold]
#[inline(never)]
fn count_max_length(value: &str, max: u64, at: &Pointer<'_>, errors: &mut ValidationErrors) {
    let n = value.chars().count() as u64;
    if n > max {
        errors.fail(at, "maxLength", || {
            ::std::format!("{}, more than the maximum {max}", counted(n, "character", "characters"))
        });
    }
}
/// `n` and its noun, singular for one.
fn counted(n: u64, one: &str, many: &str) -> ::std::string::String {
    ::std::format!("{n} {}", if n == 1 { one } else { many })
}
/// `minLength`: at least `min` Unicode code points.
#[inline]
pub fn min_length(value: &str, min: u64, at: &Pointer<'_>, errors: &mut ValidationErrors) {
    // A code point takes at most 4 bytes: long enough text needs no counting.
    if value.len() as u64 / 4 < min {
        count_min_length(value, min, at, errors);
    }
}
fn count_min_length(value: &str, min: u64, at: &Pointer<'_>, errors: &mut ValidationErrors) {
    let n = value.chars().count() as u64;
    if n < min {
        errors.fail(at, "minLength", || {
            ::std::format!(
                "{}, fewer than the minimum {min}",
                counted(n, "character", "characters")
            )
        });
    }
}
/// `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`.
#[inline]
pub fn bound(
    value: f64,
    keyword: &'static str,
    limit: f64,
    at: &Pointer<'_>,
    errors: &mut ValidationErrors,
) {
    let ok = match keyword {
        "minimum" => value >= limit,
        "maximum" => value <= limit,
        "exclusiveMinimum" => value > limit,
        _ => value < limit,
    };
    if !ok {
        errors.fail(at, keyword, || {
            let bound = match keyword {
                "minimum" => "less than the minimum",
                "maximum" => "more than the maximum",
                "exclusiveMinimum" => "not more than the exclusive minimum",
                _ => "not less than the exclusive maximum",
            };
            ::std::format!("{value} is {bound} {limit}")
        });
    }
}
/// `multipleOf`. JSON numbers are decimals: `19.99` is a multiple of `0.01` although their
/// binary quotient is `1998.9999999999998`, so the check divides the decimal forms exactly
/// and falls back to the binary quotient only beyond `i128`.
pub fn multiple_of(value: f64, divisor: f64, at: &Pointer<'_>, errors: &mut ValidationErrors) {
    let multiple = match divides_exactly(value, divisor) {
        Some(answer) => answer,
        None => {
            let quotient = value / divisor;
            !quotient.is_finite() || quotient.fract() == 0.0
        }
    };
    if !multiple {
        errors.fail(at, "multipleOf", || format!("{value} is not a multiple of {divisor}"));
    }
}

/// Whether the shortest decimal forms of `value` and `divisor` divide exactly; `None`
/// when they do not fit `i128`.
fn divides_exactly(value: f64, divisor: f64) -> Option<bool> {
    let (value_digits, value_places) = decimal(value)?;
    let (divisor_digits, divisor_places) = decimal(divisor)?;
    if divisor_digits == 0 {
        return None;
    }
    // value / divisor = (value_digits * 10^divisor_places) / (divisor_digits * 10^value_places)
    let shared = value_places.min(divisor_places);
    let scale = |digits: i128, places: i32| {
        digits.checked_mul(10_i128.checked_pow(u32::try_from(places - shared).ok()?)?)
    };
    Some(scale(value_digits, divisor_places)? % scale(divisor_digits, value_places)? == 0)
}

/// `x` as `digits * 10^-places`, from its shortest round-trip text.
fn decimal(x: f64) -> Option<(i128, i32)> {
    if !x.is_finite() {
        return None;
    }
    let text = format!("{x:e}");
    let (mantissa, exponent) = text.split_once('e')?;
    let exponent: i32 = exponent.parse().ok()?;
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: i128 = format!("{whole}{fraction}").parse().ok()?;
    Some((digits, i32::try_from(fraction.len()).ok()? - exponent))
}

/// `minItems`, `maxItems`, `minProperties`, `maxProperties`.
#[inline]
pub fn count(
    len: usize,
    keyword: &'static str,
    limit: u64,
    at: &Pointer<'_>,
    errors: &mut ValidationErrors,
) {
    let ok = if keyword.starts_with("min") { len as u64 >= limit } else { len as u64 <= limit };
    if !ok {
        errors.fail(at, keyword, || {
            let counted = match keyword.ends_with("Properties") {
                true => counted(len as u64, "property", "properties"),
                false => counted(len as u64, "item", "items"),
            };
            let bound = if keyword.starts_with("min") {
                "fewer than the minimum"
            } else {
                "more than the maximum"
            };
            ::std::format!("{counted}, {bound} {limit}")
        });
    }
}
/// `enum` of booleans or numbers.
pub fn listed<T: ::core::cmp::PartialEq + ::core::fmt::Display>(
    value: &T,
    values: &[T],
    at: &Pointer<'_>,
    errors: &mut ValidationErrors,
) {
    if !values.contains(value) {
        errors.fail(at, "enum", || ::std::format!("{value} is not one of the listed values"));
    }
}
/// `uniqueItems`: items compare as JSON, so `1` equals `1.0` and property order does
/// not matter, whatever Rust types hold them.
pub fn unique_items<T: ::serde::Serialize>(
    items: &[T],
    at: &Pointer<'_>,
    errors: &mut ValidationErrors,
) {
    let json: Vec<::serde_json::Value> = items
        .iter()
        .map(|item| ::serde_json::to_value(item).unwrap_or(::serde_json::Value::Null))
        .collect();
    for (i, item) in json.iter().enumerate() {
        if let Some(j) = json[..i].iter().position(|other| json_equal(other, item)) {
            errors.fail(at, "uniqueItems", || format!("items {j} and {i} are equal"));
            return;
        }
    }
}

/// JSON equality: numbers by value, objects regardless of property order.
pub fn json_equal(a: &::serde_json::Value, b: &::serde_json::Value) -> bool {
    use ::serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            match (x.as_i64(), y.as_i64(), x.as_u64(), y.as_u64()) {
                (Some(x), Some(y), _, _) => x == y,
                (_, _, Some(x), Some(y)) => x == y,
                _ => x.as_f64() == y.as_f64(),
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_equal(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
        }
        _ => a == b,
    }
}
