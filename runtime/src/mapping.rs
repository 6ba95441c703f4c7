//! Support of the generated `TryFrom` mappings.

/// A source value that a generated mapping cannot convert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingError {
    /// The target field (JSON name).
    pub target: &'static str,
    /// The source path (JSON names, dot-separated).
    pub source: &'static str,
    /// What went wrong.
    pub reason: ::std::string::String,
}
impl ::core::fmt::Display for MappingError {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        ::core::write!(f, "cannot map `{}` to `{}`: {}", self.source, self.target, self.reason)
    }
}
impl ::std::error::Error for MappingError {}
#[cfg(feature = "chrono")]
/// Unix seconds to a date-time in UTC that RFC 3339 can write (years 0000 to 9999).
pub fn unix_time_to_date_time(
    seconds: i64,
) -> ::core::result::Result<::chrono::DateTime<::chrono::FixedOffset>, ::std::string::String> {
    const MIN: i64 = -62_167_219_200;
    const MAX: i64 = 253_402_300_799;
    if !(MIN..=MAX).contains(&seconds) {
        return Err(::std::format!(
            "{seconds} seconds since the Unix epoch is outside the years 0000 to 9999"
        ));
    }
    ::chrono::DateTime::from_timestamp(seconds, 0)
        .map(|t| t.fixed_offset())
        .ok_or_else(|| ::std::format!("{seconds} seconds since the Unix epoch is out of range"))
}
#[cfg(feature = "chrono")]
/// Unix seconds to RFC 3339 text in UTC (`2024-01-31T12:00:00Z`), for a string whose
/// `date-time` format annotates; the range is that of [`unix_time_to_date_time`].
pub fn unix_time_to_text(
    seconds: i64,
) -> ::core::result::Result<::std::string::String, ::std::string::String> {
    unix_time_to_date_time(seconds).map(|t| t.to_rfc3339_opts(::chrono::SecondsFormat::Secs, true))
}
