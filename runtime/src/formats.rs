//! Strings of a `format`, kept exactly as sent, with typed access.
//!
//! Crate types normalise text (an `Ipv6Addr` compresses `0:0::1` to `::1`, a UUID type
//! lowercases), so a field of one could not write back what it read. These types keep
//! the text, serialize it unchanged, and parse it on demand: each accessor returns a
//! `Result`, since where formats only annotate (the JSON Schema default) any text is
//! valid, and where they assert, `validate()` checks the text.

/// A text that is not of its format, and which format it failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    /// The format (`date`, `uuid`, ...).
    pub format: &'static str,
    /// The text.
    pub text: ::std::string::String,
}

impl ::core::fmt::Display for FormatError {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        write!(f, "{:?} is not a valid `{}`", self.text, self.format)
    }
}

impl ::std::error::Error for FormatError {}

macro_rules! format_text {
    ($(#[$doc:meta])* $name:ident, $format:literal) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord,
            ::serde::Serialize, ::serde::Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub ::std::string::String);

        impl $name {
            /// The format's name in JSON Schema.
            pub const FORMAT: &'static str = $format;

            /// The text, as sent.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The error that says this text is not of the format.
            pub fn error(&self) -> FormatError {
                FormatError { format: $format, text: self.0.clone() }
            }
        }

        impl ::core::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl ::core::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl ::core::convert::From<::std::string::String> for $name {
            fn from(text: ::std::string::String) -> Self {
                $name(text)
            }
        }

        impl ::core::convert::From<&str> for $name {
            fn from(text: &str) -> Self {
                $name(text.to_owned())
            }
        }

        impl ::core::convert::From<$name> for ::std::string::String {
            fn from(value: $name) -> Self {
                value.0
            }
        }

        impl ::core::cmp::PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl ::core::cmp::PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

format_text!(
    /// A `format: date` string (RFC 3339 `full-date`, `2024-02-29`).
    Date, "date"
);
format_text!(
    /// A `format: time` string (RFC 3339 `full-time`, `08:30:00Z`).
    Time, "time"
);
format_text!(
    /// A `format: duration` string (ISO 8601, `P1DT2H`).
    Duration, "duration"
);
format_text!(
    /// A `format: uuid` string (RFC 4122, `123e4567-e89b-12d3-a456-426614174000`).
    Uuid, "uuid"
);
format_text!(
    /// A `format: email` string.
    Email, "email"
);
format_text!(
    /// A `format: uri` string (RFC 3986, absolute).
    Uri, "uri"
);
format_text!(
    /// A `format: ipv4` string (`192.0.2.1`).
    Ipv4, "ipv4"
);
format_text!(
    /// A `format: ipv6` string (`2001:db8::1`, as sent: not compressed).
    Ipv6, "ipv6"
);

impl Ipv4 {
    /// The address (`std::net::Ipv4Addr`, which refuses leading zeros as the format does).
    pub fn to_ip(&self) -> Result<::std::net::Ipv4Addr, FormatError> {
        self.0.parse().map_err(|_| self.error())
    }
}

impl Ipv6 {
    /// The address (`std::net::Ipv6Addr`; its `Display` compresses, this text does not).
    pub fn to_ip(&self) -> Result<::std::net::Ipv6Addr, FormatError> {
        self.0.parse().map_err(|_| self.error())
    }
}

impl Uuid {
    /// The 16 bytes (`uuid::Uuid::from_bytes` takes them), from the hyphenated form.
    pub fn to_bytes(&self) -> Result<[u8; 16], FormatError> {
        let text = self.0.as_bytes();
        let hyphens = [8, 13, 18, 23];
        if text.len() != 36 || hyphens.iter().any(|&i| text[i] != b'-') {
            return Err(self.error());
        }
        let digits: ::std::vec::Vec<u8> = text.iter().copied().filter(|&c| c != b'-').collect();
        let mut out = [0u8; 16];
        for (i, pair) in digits.chunks(2).enumerate() {
            let hex = ::core::str::from_utf8(pair).map_err(|_| self.error())?;
            out[i] = u8::from_str_radix(hex, 16).map_err(|_| self.error())?;
        }
        Ok(out)
    }
}

impl Email {
    /// The part before the last `@` and the domain after it.
    pub fn parts(&self) -> Result<(&str, &str), FormatError> {
        match self.0.rsplit_once('@') {
            Some((local, domain)) if !local.is_empty() && !domain.is_empty() => Ok((local, domain)),
            _ => Err(self.error()),
        }
    }
}

impl Uri {
    /// The scheme (`https`), lower-cased as RFC 3986 compares it.
    pub fn scheme(&self) -> Result<::std::string::String, FormatError> {
        let (scheme, _) = self.0.split_once(':').ok_or_else(|| self.error())?;
        let valid = scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
        valid.then(|| scheme.to_ascii_lowercase()).ok_or_else(|| self.error())
    }
}

#[cfg(feature = "chrono")]
impl Date {
    /// The date, read exactly as the format writes it (`YYYY-MM-DD`, nothing else).
    pub fn to_date(&self) -> Result<::chrono::NaiveDate, FormatError> {
        let b = self.0.as_bytes();
        let shape = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        match shape {
            true => {
                ::chrono::NaiveDate::parse_from_str(&self.0, "%Y-%m-%d").map_err(|_| self.error())
            }
            false => Err(self.error()),
        }
    }
}

#[cfg(feature = "chrono")]
impl Time {
    /// The time of day and its offset, read as RFC 3339 `full-time`.
    pub fn to_time(&self) -> Result<(::chrono::NaiveTime, ::chrono::FixedOffset), FormatError> {
        let at = ::chrono::DateTime::parse_from_rfc3339(&format!("2000-01-01T{}", self.0))
            .map_err(|_| self.error())?;
        Ok((at.time(), *at.offset()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_kept_and_parsed_on_demand() {
        let v6: Ipv6 = ::serde_json::from_str("\"2001:db8:0:0::1\"").unwrap();
        assert_eq!(::serde_json::to_string(&v6).unwrap(), "\"2001:db8:0:0::1\"");
        assert_eq!(v6.to_ip().unwrap().to_string(), "2001:db8::1");
        assert_eq!(
            Ipv4::from("192.0.2.1").to_ip().unwrap(),
            ::std::net::Ipv4Addr::new(192, 0, 2, 1)
        );
        assert!(Ipv4::from("192.0.2.01").to_ip().is_err());
        let id = Uuid::from("123E4567-e89b-12d3-a456-426614174000");
        assert_eq!(id.to_bytes().unwrap()[..2], [0x12, 0x3e]);
        assert!(Uuid::from("123e4567e89b12d3a456426614174000").to_bytes().is_err());
        assert_eq!(Email::from("a@b@example.com").parts().unwrap(), ("a@b", "example.com"));
        assert_eq!(Uri::from("HTTPS://x").scheme().unwrap(), "https");
        assert!(Uri::from("//x").scheme().is_err());
        assert_eq!(Ipv4::from("x").to_ip().unwrap_err().to_string(), "\"x\" is not a valid `ipv4`");
    }

    #[cfg(feature = "chrono")]
    #[test]
    fn dates_and_times() {
        assert_eq!(Date::from("2024-02-29").to_date().unwrap().to_string(), "2024-02-29");
        assert!(Date::from("2023-02-29").to_date().is_err());
        assert!(Date::from("2024-2-29").to_date().is_err());
        let (time, offset) = Time::from("08:30:00.5+02:00").to_time().unwrap();
        assert_eq!((time.to_string(), offset.local_minus_utc()), ("08:30:00.500".to_owned(), 7200));
    }
}
