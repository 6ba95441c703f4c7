//! The value of a property whose schema is `false`: there is none, so reading one fails.

/// No value: a property whose schema is `false` must be absent, and reading it fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Never {}

impl ::serde::Serialize for Never {
    fn serialize<S: ::serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        match *self {}
    }
}

impl<'de> ::serde::Deserialize<'de> for Never {
    fn deserialize<D: ::serde::Deserializer<'de>>(_: D) -> Result<Self, D::Error> {
        Err(::serde::de::Error::custom("no value is allowed here: its schema is `false`"))
    }
}

#[cfg(feature = "schemars")]
impl ::schemars::JsonSchema for Never {
    fn schema_name() -> ::std::borrow::Cow<'static, str> {
        "Never".into()
    }

    fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
        ::schemars::Schema::from(false)
    }
}

#[cfg(test)]
mod tests {
    use super::Never;

    #[derive(Debug, serde::Deserialize)]
    struct Config {
        #[allow(dead_code)]
        main: Option<Never>,
    }

    #[test]
    fn an_absent_value_reads_and_a_present_one_fails() {
        assert!(serde_json::from_str::<Config>("{}").unwrap().main.is_none());
        let err = serde_json::from_str::<Config>(r#"{"main": 1}"#).unwrap_err();
        assert!(err.to_string().contains("its schema is `false`"), "{err}");
    }
}
