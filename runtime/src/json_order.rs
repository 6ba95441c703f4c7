//! A total order of JSON values, consistent with their `==`: `serde_json::Value` has
//! none, and without one no struct that keeps unlisted properties could be `Ord`.

use ::core::cmp::Ordering;
use ::serde_json::Value;

/// Orders JSON values: `null` < booleans < numbers < strings < arrays < objects; numbers
/// by value, and an integer before a float of the same value (serde_json tells them
/// apart: `1 != 1.0`); arrays and objects element by element (objects by sorted key).
/// It returns `Equal` exactly when the values are `==`.
pub fn json_cmp(a: &Value, b: &Value) -> Ordering {
    fn rank(v: &Value) -> u8 {
        match v {
            Value::Null => 0,
            Value::Bool(_) => 1,
            Value::Number(_) => 2,
            Value::String(_) => 3,
            Value::Array(_) => 4,
            Value::Object(_) => 5,
        }
    }
    match (a, b) {
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        (Value::Number(x), Value::Number(y)) => number_cmp(x, y),
        (Value::String(x), Value::String(y)) => x.cmp(y),
        (Value::Array(x), Value::Array(y)) => {
            let pairs = x.iter().zip(y);
            pairs.map(|(x, y)| json_cmp(x, y)).find(|o| o.is_ne()).unwrap_or(x.len().cmp(&y.len()))
        }
        (Value::Object(x), Value::Object(y)) => {
            // Sorted, so that the order does not depend on serde_json's `preserve_order`.
            let mut x: Vec<_> = x.iter().collect();
            let mut y: Vec<_> = y.iter().collect();
            x.sort_by(|a, b| a.0.cmp(b.0));
            y.sort_by(|a, b| a.0.cmp(b.0));
            let pairs = x.iter().zip(&y);
            pairs
                .map(|((kx, vx), (ky, vy))| kx.cmp(ky).then_with(|| json_cmp(vx, vy)))
                .find(|o| o.is_ne())
                .unwrap_or(x.len().cmp(&y.len()))
        }
        _ => rank(a).cmp(&rank(b)),
    }
}

fn number_cmp(x: &::serde_json::Number, y: &::serde_json::Number) -> Ordering {
    if let (Some(a), Some(b)) = (x.as_i64(), y.as_i64()) {
        return a.cmp(&b);
    }
    if let (Some(a), Some(b)) = (x.as_u64(), y.as_u64()) {
        return a.cmp(&b);
    }
    // Integers beyond one of the two ranges, or floats: by value, integers first on a tie
    // (`0.0 == -0.0` for serde_json, so they tie too).
    let (a, b) = (number_f64(x), number_f64(y));
    a.partial_cmp(&b)
        .unwrap_or(Ordering::Equal)
        .then_with(|| x.is_f64().cmp(&y.is_f64()))
        .then_with(|| match (x.is_f64(), y.is_f64()) {
            // Two integers of one value as floats (a huge i64 and u64 never tie exactly).
            (false, false) => x.as_u64().is_some().cmp(&y.as_u64().is_some()),
            _ => Ordering::Equal,
        })
}

fn number_f64(n: &::serde_json::Number) -> f64 {
    n.as_f64().unwrap_or(f64::NAN)
}

impl PartialOrd for crate::Extra<Value> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for crate::Extra<Value> {
    fn cmp(&self, other: &Self) -> Ordering {
        let pairs = self.iter().zip(other.iter());
        pairs
            .map(|((ka, va), (kb, vb))| ka.cmp(kb).then_with(|| json_cmp(va, vb)))
            .find(|o| o.is_ne())
            .unwrap_or(self.len().cmp(&other.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::json_cmp;
    use ::core::cmp::Ordering;
    use ::serde_json::{json, Value};

    #[test]
    fn the_order_is_total_and_agrees_with_equality() {
        let values: Vec<Value> = [
            "null",
            "false",
            "true",
            "-1",
            "0",
            "0.0",
            "-0.0",
            "1",
            "1.0",
            "1.5",
            "18446744073709551615",
            "-9223372036854775808",
            "1e300",
            "\"\"",
            "\"a\"",
            "\"b\"",
            "[]",
            "[1]",
            "[1,2]",
            "[2]",
            "{}",
            "{\"a\":1}",
            "{\"a\":2}",
            "{\"b\":0}",
            "{\"a\":1,\"b\":0}",
        ]
        .iter()
        .map(|t| serde_json::from_str(t).unwrap())
        .collect();
        for a in &values {
            for b in &values {
                let ab = json_cmp(a, b);
                assert_eq!(ab == Ordering::Equal, a == b, "{a} {b}");
                assert_eq!(ab, json_cmp(b, a).reverse(), "{a} {b}");
                for c in &values {
                    if ab.is_le() && json_cmp(b, c).is_le() {
                        assert!(json_cmp(a, c).is_le(), "{a} {b} {c}");
                    }
                }
            }
        }
        assert!(json_cmp(&json!(1), &json!(1.0)).is_lt());
        assert!(json_cmp(&json!(null), &json!(false)).is_lt());
        assert!(json_cmp(&json!("z"), &json!([])).is_lt());
    }
}
