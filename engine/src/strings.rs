//! Every word the widget says to a reader or an organiser, and how a
//! translation becomes a table of them.
//!
//! English lives in `strings/en.rs`, compiled in: it is the default and the
//! reference. Every other language is one JSON file, `strings/<tag>.json`,
//! keyed like the fields of [`Strings`]. The build publishes each as a small
//! content-hashed file that the loader fetches only for readers who need it
//! (so a language costs nothing to anyone else); [`from_json`] turns it into
//! a table, with English for any entry it lacks.
//!
//! Placeholders in braces (`{n}`, `{total}`, `{names}`) are filled by
//! [`fill`]; everything else is plain text. A translation keeps exactly the
//! placeholders English has; the tests below check every file for that, for
//! missing and extra keys, and for entries left in English.

use crate::texts::Texts;
use litemap::LiteMap;

/// Declares [`Strings`], its accessors, [`KEYS`] and [`EN`] from the one
/// list in `strings/en.rs`, so no entry can be left out of any of them.
macro_rules! strings {
    ($($(#[$doc:meta])* $name:ident = $english:literal,)*) => {
        /// The widget's own words in one language: one text per entry of
        /// [`KEYS`], read through the accessor named like the key.
        #[derive(Debug)]
        pub struct Strings(pub(super) [&'static str; KEYS.len()]);

        /// Every entry's key, in order: the keys of a translation file.
        pub const KEYS: &[&str] = &[$(stringify!($name),)*];

        #[allow(non_camel_case_types)]
        enum Key {
            $($name,)*
        }

        impl Strings {
            $(
                $(#[$doc])*
                pub fn $name(&self) -> &'static str {
                    self.0[Key::$name as usize]
                }
            )*
        }

        /// English, the default.
        pub static EN: Strings = Strings([$($english,)*]);
    };
}

mod en;

pub use en::{Strings, EN, KEYS};

impl Strings {
    /// Every entry as `(key, text)`, in the order of [`KEYS`].
    pub fn entries(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        KEYS.iter().copied().zip(self.0.iter().copied())
    }
}

/// A translation file's texts by key (entries that are not text are
/// skipped), or `None` when it is not a JSON object.
pub fn read_translation(json: &str) -> Option<LiteMap<String, String>> {
    serde_json::from_str::<Texts>(json).ok().map(|t| t.0)
}

/// A translation read from its JSON file, or `None` when the file is not a
/// usable table (its `lang` must be a bare language subtag, which `Intl`
/// always accepts, and its `dir` "ltr" or "rtl"). Entries it lacks, or
/// leaves empty, stay English. The texts live as long as the page.
pub fn from_json(json: &str) -> Option<Strings> {
    from_entries(&read_translation(json)?)
}

/// The table of a translation's texts (see [`from_json`]).
pub fn from_entries(entries: &LiteMap<String, String>) -> Option<Strings> {
    let text = |key: &str| entries.get(key).map(String::as_str);
    let lang = text("lang")?;
    let plain_tag = (2..=3).contains(&lang.len()) && lang.bytes().all(|b| b.is_ascii_lowercase());
    if !plain_tag || !matches!(text("dir"), Some("ltr" | "rtl")) {
        return None;
    }
    Some(Strings(std::array::from_fn(|i| {
        text(KEYS[i])
            .filter(|t| !t.trim().is_empty())
            .map_or(EN.0[i], |t| Box::leak(t.into()))
    })))
}

/// Fills `{name}` placeholders in `template` with the given values.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// `n` written the way `lang` writes counts, as Chromium's
/// `Intl.NumberFormat` does for every language the widget speaks: groups of
/// three digits with "," ("12,345"; Arabic too, in Latin digits), except
/// Spanish, which uses "." and leaves four-digit numbers whole ("1234",
/// "12.345"). Written out here because a page's first use of `Intl` costs 20
/// to 60 ms while the widget starts; a browser test checks these against
/// Chromium's `Intl` for each language.
pub fn number(n: usize, lang: &str) -> String {
    let (separator, min_grouped) = grouping(lang).unwrap_or((',', 1_000));
    let digits = n.to_string();
    if n < min_grouped {
        return digits;
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(d);
    }
    out
}

/// How `lang` groups digits: the separator, and the smallest number it
/// groups. `None` for a language the widget does not speak (a test checks
/// that every translation has its rule here).
fn grouping(lang: &str) -> Option<(char, usize)> {
    match lang {
        "en" | "ko" | "ar" => Some((',', 1_000)),
        "es" => Some(('.', 10_000)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{from_str as from_text, Value as Json};
    use std::collections::BTreeSet;

    #[test]
    fn numbers_are_grouped_as_each_language_writes_them() {
        let en: Vec<String> = [0, 7, 999, 1000, 1234, 12345, 123456, 1234567]
            .iter()
            .map(|&n| number(n, "en"))
            .collect();
        assert_eq!(
            en,
            [
                "0",
                "7",
                "999",
                "1,000",
                "1,234",
                "12,345",
                "123,456",
                "1,234,567"
            ]
        );
        assert_eq!(number(1234, "ko"), "1,234");
        assert_eq!(number(1234, "ar"), "1,234");
        assert_eq!(number(9999, "es"), "9999");
        assert_eq!(number(12345, "es"), "12.345");
        assert_eq!(number(1234567, "es"), "1.234.567");
    }

    #[test]
    fn every_language_the_widget_speaks_has_its_way_of_writing_counts() {
        assert!(grouping("en").is_some());
        for (stem, json) in translations() {
            let lang = json.get("lang").and_then(Json::as_str).unwrap_or(&stem);
            assert!(
                grouping(lang).is_some(),
                "{stem}.json: add {lang} to strings::grouping"
            );
        }
    }

    const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/strings");

    /// Every translation file as (file stem, parsed JSON), sorted by stem.
    fn translations() -> Vec<(String, Json)> {
        let mut found: Vec<(String, Json)> = std::fs::read_dir(DIR)
            .expect("src/strings")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .map(|p| {
                let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
                let text = std::fs::read_to_string(&p).expect("read");
                let json: Json = from_text(&text).unwrap_or_else(|e| panic!("{stem}.json: {e}"));
                (stem, json)
            })
            .collect();
        found.sort_by(|a, b| a.0.cmp(&b.0));
        found
    }

    /// The `{name}` placeholders in `text`.
    fn placeholders(text: &str) -> BTreeSet<&str> {
        let mut found = BTreeSet::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    found.insert(&after[..close]);
                    rest = &after[close + 1..];
                }
                None => break,
            }
        }
        found
    }

    /// A file's entries, without the `_note` for translators and reviewers.
    fn entries_of(json: &Json) -> Vec<(&str, &Json)> {
        json.as_object()
            .expect("a translation is a JSON object")
            .iter()
            .filter(|(k, _)| !k.starts_with('_'))
            .map(|(k, v)| (k.as_str(), v))
            .collect()
    }

    #[test]
    fn the_languages_are_korean_spanish_and_arabic() {
        let stems: Vec<String> = translations().into_iter().map(|(s, _)| s).collect();
        assert_eq!(stems, ["ar", "es", "ko"]);
    }

    #[test]
    fn every_translation_has_exactly_the_keys_english_has() {
        let english: BTreeSet<&str> = KEYS.iter().copied().collect();
        for (stem, json) in translations() {
            let keys: BTreeSet<&str> = entries_of(&json).iter().map(|(k, _)| *k).collect();
            let missing: Vec<_> = english.difference(&keys).collect();
            let extra: Vec<_> = keys.difference(&english).collect();
            assert!(missing.is_empty(), "{stem}.json lacks {missing:?}");
            assert!(
                extra.is_empty(),
                "{stem}.json has keys English lacks: {extra:?}"
            );
        }
    }

    #[test]
    fn every_entry_is_text_and_not_empty() {
        for (stem, json) in translations() {
            for (key, value) in entries_of(&json) {
                let text = value
                    .as_str()
                    .unwrap_or_else(|| panic!("{stem}: {key} is not text"));
                assert!(!text.trim().is_empty(), "{stem}: {key} is empty");
            }
        }
        for (key, text) in EN.entries() {
            assert!(!text.trim().is_empty(), "en: {key} is empty");
        }
    }

    #[test]
    fn every_translation_keeps_exactly_the_english_placeholders() {
        for (stem, json) in translations() {
            let table =
                from_json(&json.to_string()).unwrap_or_else(|| panic!("{stem}.json is not usable"));
            for ((key, en), (_, text)) in EN.entries().zip(table.entries()) {
                assert_eq!(
                    placeholders(text),
                    placeholders(en),
                    "{stem}: {key} = {text:?} must use the placeholders of {en:?}"
                );
            }
        }
    }

    #[test]
    fn every_translation_is_translated() {
        // Catches English pasted in to fill a new entry. Entries that may
        // rightly read as in English are listed here.
        let may_match = ["dir", "list_sep"];
        for (stem, json) in translations() {
            for (key, value) in entries_of(&json) {
                let en = EN.entries().find(|(k, _)| *k == key).map(|(_, t)| t);
                if !may_match.contains(&key) {
                    assert_ne!(value.as_str(), en, "{stem}: {key} is still English");
                }
            }
        }
    }

    #[test]
    fn every_file_names_its_language_and_awaits_review() {
        for (stem, json) in translations() {
            let table =
                from_json(&json.to_string()).unwrap_or_else(|| panic!("{stem}.json is not usable"));
            assert_eq!(table.lang(), stem, "{stem}.json says lang {}", table.lang());
            let note = json.get("_note").and_then(Json::as_str).unwrap_or_default();
            assert!(
                note.contains("awaits review by a native speaker"),
                "{stem}.json's _note says whether a native speaker has reviewed it"
            );
            let rtl = stem == "ar";
            assert_eq!(table.dir(), if rtl { "rtl" } else { "ltr" }, "{stem}");
        }
    }

    #[test]
    fn a_table_falls_back_to_english_entry_by_entry() {
        let json = r#"{"lang":"xx","dir":"rtl","copy":"Kopy","print":" "}"#;
        let table = from_json(json).unwrap();
        assert_eq!(
            (table.lang(), table.dir(), table.copy()),
            ("xx", "rtl", "Kopy")
        );
        assert_eq!(table.print(), EN.print(), "an empty entry stays English");
        assert_eq!(table.share(), EN.share(), "a missing entry stays English");
    }

    #[test]
    fn an_unusable_table_is_refused() {
        for text in [
            r#"{"dir":"ltr"}"#,
            r#"{"lang":"ko","dir":"up"}"#,
            r#"{"lang":"ko-KR!","dir":"ltr"}"#,
            r#"{"lang":"KO","dir":"ltr"}"#,
            r#"["lang","ko"]"#,
        ] {
            assert!(from_json(text).is_none(), "{text}");
        }
    }

    #[test]
    fn fill_replaces_every_named_placeholder() {
        assert_eq!(
            fill(EN.progress(), &[("filled", "3"), ("total", "5")]),
            "3 of 5 blanks filled"
        );
    }

    #[test]
    fn fill_leaves_unknown_placeholders_alone() {
        assert_eq!(fill("{a} {b}", &[("a", "x")]), "x {b}");
    }
}
