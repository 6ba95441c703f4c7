//! Date-times of an asserted `format: date-time`, read exactly as JSON Schema's format
//! reads them and written back with their own offset.

use ::chrono::{DateTime, FixedOffset, Timelike};

use crate::Lenient;

/// RFC 3339 `date-time` text as JSON Schema's `format` reads it: `T` (or `t`) between
/// date and time, a second of 60 only at 23:59 UTC; chrono's own parser also takes a
/// space and any leap second, which the format rejects.
pub fn parse_date_time(text: &str) -> ::core::option::Option<DateTime<FixedOffset>> {
    if !matches!(text.as_bytes().get(10), Some(b'T' | b't')) {
        return None;
    }
    let parsed = DateTime::parse_from_rfc3339(text).ok()?;
    if parsed.nanosecond() >= 1_000_000_000 {
        let utc = parsed.naive_utc();
        if (utc.hour(), utc.minute()) != (23, 59) {
            return None;
        }
    }
    Some(parsed)
}

/// The JSON form of a date-time: a string that [`parse_date_time`] accepts.
pub struct DateTimeText(DateTime<FixedOffset>);
impl<'de> ::serde::Deserialize<'de> for DateTimeText {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::core::result::Result<Self, D::Error> {
        struct TextVisitor;
        impl ::serde::de::Visitor<'_> for TextVisitor {
            type Value = DateTimeText;
            fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str("an RFC 3339 date-time")
            }
            fn visit_str<E: ::serde::de::Error>(
                self,
                text: &str,
            ) -> ::core::result::Result<DateTimeText, E> {
                parse_date_time(text)
                    .map(DateTimeText)
                    .ok_or_else(|| E::invalid_value(::serde::de::Unexpected::Str(text), &self))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}
impl Lenient for DateTime<FixedOffset> {
    type Wire = DateTimeText;
    fn from_wire(wire: DateTimeText) -> Self {
        wire.0
    }
}
