//! A JSON object read as texts by key (a draft's field values, the reader's
//! remembered details, a translation): string members are kept, members of
//! any other type are skipped rather than making the whole object unreadable.

use litemap::LiteMap;
use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Serialize, Serializer};
use std::fmt;

/// Texts by key, in a sorted Vec map: far smaller in the widget than
/// `BTreeMap`, and as fast for the few dozen keys these objects hold.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Texts(pub LiteMap<String, String>);

impl Serialize for Texts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write(&self.0, serializer)
    }
}

/// Writes `map` as a JSON object (for `#[serde(serialize_with)]`). Any key
/// is an ordinary member, `__proto__` included.
pub fn write<S: Serializer>(
    map: &LiteMap<String, String>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_map(map.iter())
}

/// Reads a JSON object's string members (for `#[serde(deserialize_with)]`).
pub fn read<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<LiteMap<String, String>, D::Error> {
    Texts::deserialize(deserializer).map(|t| t.0)
}

impl<'de> Deserialize<'de> for Texts {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(TextsVisitor)
    }
}

struct TextsVisitor;

impl<'de> Visitor<'de> for TextsVisitor {
    type Value = Texts;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Texts, A::Error> {
        // Inserting one by one: `collect` into a map sorts first, which costs
        // the widget a sort routine of its own. A repeated key keeps its last
        // value, as the browser's JSON.parse does.
        let mut texts = LiteMap::new();
        while let Some(key) = map.next_key::<String>()? {
            if let Text(Some(value)) = map.next_value()? {
                texts.insert(key, value);
            }
        }
        Ok(Texts(texts))
    }
}

/// Any JSON value: `Some` text when it is a string.
struct Text(Option<String>);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TextVisitor)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
        Ok(Text(Some(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
        Ok(Text(Some(v)))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Text, E> {
        Ok(Text(None))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Text, E> {
        Ok(Text(None))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Text, E> {
        Ok(Text(None))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Text, E> {
        Ok(Text(None))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Text, E> {
        Ok(Text(None))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Text, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Text(None))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Text(None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_members_are_kept_and_others_skipped() {
        let texts: Texts =
            serde_json::from_str(r#"{"a":"x","n":5,"b":null,"l":[1,[2]],"o":{"p":"q"},"a":"y"}"#)
                .unwrap();
        assert_eq!(texts.0.len(), 1);
        assert_eq!(texts.0.get("a").map(String::as_str), Some("y"));
        assert!(serde_json::from_str::<Texts>("[]").is_err());
        assert!(serde_json::from_str::<Texts>("null").is_err());
    }

    #[test]
    fn a_proto_key_is_an_ordinary_member() {
        let mut map = LiteMap::new();
        map.insert("__proto__".to_owned(), "kept".to_owned());
        let json = serde_json::to_string(&Texts(map.clone())).unwrap();
        assert_eq!(json, r#"{"__proto__":"kept"}"#);
        assert_eq!(serde_json::from_str::<Texts>(&json).unwrap().0, map);
    }
}
