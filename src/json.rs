//! A JSON value, so the pure layers can describe saved data without a JSON
//! library in the widget: on the page the browser's own `JSON` reads and
//! writes the text (it costs no bytes), natively serde_json does.

/// A JSON value. Objects keep their keys in order.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number.
    Num(f64),
    /// A string.
    Str(String),
    /// An array.
    Arr(Vec<Json>),
    /// An object.
    Obj(Vec<(String, Json)>),
}

impl Json {
    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Num(n) => Some(*n),
            _ => None,
        }
    }

    /// The number as a whole non-negative integer, if it is one.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Num(n) if *n >= 0.0 && n.fract() == 0.0 && *n <= 9_007_199_254_740_992.0 => {
                Some(*n as u64)
            }
            _ => None,
        }
    }

    /// The array's items, if this is one.
    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Arr(items) => Some(items),
            _ => None,
        }
    }

    /// The object's members, if this is one.
    pub fn as_object(&self) -> Option<&[(String, Json)]> {
        match self {
            Json::Obj(members) => Some(members),
            _ => None,
        }
    }

    /// A string value.
    pub fn str(s: impl Into<String>) -> Json {
        Json::Str(s.into())
    }
}

/// Reads JSON text (natively, with serde_json). The error says where:
/// "at line 2, column 14: trailing comma".
#[cfg(not(target_arch = "wasm32"))]
pub fn from_text(text: &str) -> Result<Json, String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        // serde_json ends its message with " at line 2 column 14"; say it once,
        // in front, in the words an organiser reads more easily.
        let message = e.to_string();
        let message = match message.rfind(" at line ") {
            Some(at) => message[..at].to_owned(),
            None => message,
        };
        format!("at line {}, column {}: {message}", e.line(), e.column())
    })?;
    Ok(from_serde(value))
}

/// Writes JSON text (natively, with serde_json).
#[cfg(not(target_arch = "wasm32"))]
pub fn to_text(value: &Json) -> String {
    to_serde(value).to_string()
}

#[cfg(not(target_arch = "wasm32"))]
fn from_serde(value: serde_json::Value) -> Json {
    use serde_json::Value;
    match value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(b),
        Value::Number(n) => Json::Num(n.as_f64().unwrap_or(0.0)),
        Value::String(s) => Json::Str(s),
        Value::Array(items) => Json::Arr(items.into_iter().map(from_serde).collect()),
        Value::Object(members) => Json::Obj(
            members
                .into_iter()
                .map(|(k, v)| (k, from_serde(v)))
                .collect(),
        ),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn to_serde(value: &Json) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        // Whole numbers are written as integers, as the browser's JSON does.
        Json::Num(n) if n.fract() == 0.0 && n.abs() < 9e15 => Value::from(*n as i64),
        Json::Num(n) => serde_json::Number::from_f64(*n).map_or(Value::Null, Value::Number),
        Json::Str(s) => Value::String(s.clone()),
        Json::Arr(items) => Value::Array(items.iter().map(to_serde).collect()),
        Json::Obj(members) => Value::Object(
            members
                .iter()
                .map(|(k, v)| (k.clone(), to_serde(v)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trips_through_the_value() {
        let text = r#"{"version":1,"text":"한국 👩‍👩‍👧 \"quoted\"\n","n":1.5,"ok":true,"none":null,"list":[1,2]}"#;
        let value = from_text(text).unwrap();
        assert_eq!(value.get("version").and_then(Json::as_u64), Some(1));
        assert_eq!(value.get("n").and_then(Json::as_f64), Some(1.5));
        assert_eq!(value.get("n").and_then(Json::as_u64), None);
        assert_eq!(from_text(&to_text(&value)).unwrap(), value);
    }

    #[test]
    fn bad_text_is_an_error_not_a_panic() {
        assert!(from_text("{not json").is_err());
        assert!(from_text("").is_err());
    }
}
